//! One test per image item of known-defects.md: defects of the `oci-spec`
//! crate 0.10 that this crate must not repeat.
#![cfg(feature = "image")]
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::collections::HashMap;

use oci_model::image::{
    Arch, Config, ConfigBuilder, Descriptor, DescriptorBuilder, HealthcheckConfigBuilder,
    ImageConfiguration, ImageIndex, ImageIndexBuilder, ImageManifest, ImageManifestBuilder,
    MediaType, Os, Platform, PlatformBuilder, RootFs, empty_digest,
};
use oci_model::{ModelError, Validate};

/// 50 annotations in a std `HashMap` (as oci-spec's users hold them),
/// inserted in reverse order, or forward with `forward`: the map's iteration
/// order depends on the insertion order and on the process's hasher seed.
fn annotations_in(forward: bool) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let keys: Vec<u32> = if forward {
        (0..50).collect()
    } else {
        (0..50).rev().collect()
    };
    for i in keys {
        m.insert(format!("com.example.key{i:02}"), format!("v{i}"));
    }
    m
}

fn annotations() -> HashMap<String, String> {
    annotations_in(false)
}

/// A configuration with 50 labels, filled in the order `forward` says.
fn sample_config(forward: bool) -> ImageConfiguration {
    let mut c = ImageConfiguration::default();
    c.set_architecture(Arch::Amd64);
    c.set_os(Os::Linux);
    c.set_config(Some(
        ConfigBuilder::default()
            .labels(annotations_in(forward))
            .build()
            .unwrap(),
    ));
    c
}

fn sample_manifest_in(forward: bool) -> ImageManifest {
    let layer = DescriptorBuilder::default()
        .media_type(MediaType::ImageLayerGzip)
        .size(2u64)
        .digest(empty_digest())
        .annotations(annotations_in(forward))
        .build()
        .unwrap();
    ImageManifestBuilder::default()
        .config(Descriptor::new(MediaType::ImageConfig, 2, empty_digest()))
        .layers(vec![layer])
        .annotations(annotations_in(!forward))
        .build()
        .unwrap()
}

fn sample_manifest() -> ImageManifest {
    let layer = DescriptorBuilder::default()
        .media_type(MediaType::ImageLayerGzip)
        .size(2u64)
        .digest(empty_digest())
        .annotations(annotations())
        .build()
        .unwrap();
    ImageManifestBuilder::default()
        .config(Descriptor::new(MediaType::ImageConfig, 2, empty_digest()))
        .layers(vec![layer])
        .annotations(annotations())
        .build()
        .unwrap()
}

const CHILD_ENV: &str = "OCI_MODEL_TEST_PRINT_MANIFEST";
const MARK: &str = "@@manifest@@";

#[test]
fn defect_01_output_is_deterministic() {
    let m = sample_manifest();
    let first = m.to_vec().unwrap();
    for _ in 0..20 {
        assert_eq!(sample_manifest().to_vec().unwrap(), first);
    }
    // Annotations come out sorted by key.
    let text = String::from_utf8(first).unwrap();
    let k00 = text.find("key00").unwrap();
    let k49 = text.find("key49").unwrap();
    assert!(k00 < k49);
}

#[test]
fn defect_01_maps_filled_in_any_order_give_the_same_bytes() {
    let a = sample_manifest_in(true);
    let b = sample_manifest_in(false);
    assert_eq!(a, b);
    assert_eq!(a.to_vec().unwrap(), b.to_vec().unwrap());
    assert_eq!(a.to_string_pretty().unwrap(), b.to_string_pretty().unwrap());
    assert_eq!(
        sample_config(true).to_vec().unwrap(),
        sample_config(false).to_vec().unwrap()
    );
    // The crate's writer sorts; serde_json writes a std map in its
    // iteration order, so only the values agree there.
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::to_value(&b).unwrap()
    );
    let text = a.to_string().unwrap();
    let positions: Vec<usize> = (0..50)
        .map(|i| text.rfind(&format!("\"com.example.key{i:02}\"")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn defect_01_same_bytes_in_two_processes() {
    // The child fills its maps in the other order, with its own hasher
    // seeds; both print the manifest and a configuration.
    let child = std::env::var_os(CHILD_ENV).is_some();
    let mine = format!(
        "{}\n{}",
        sample_manifest_in(child).to_string().unwrap(),
        sample_config(!child).to_string_pretty().unwrap()
    );
    if child {
        println!("{MARK}{mine}{MARK}");
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "defects::defect_01_same_bytes_in_two_processes",
            "--nocapture",
        ])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let theirs = stdout
        .split(MARK)
        .nth(1)
        .expect("child printed the manifest");
    assert_eq!(theirs, mine);
}

#[test]
fn defect_02_platform_keys_are_os_version_and_os_features() {
    let p = PlatformBuilder::default()
        .architecture(Arch::Amd64)
        .os(Os::Windows)
        .os_version("10.0.14393.1066")
        .os_features(vec!["win32k".to_owned()])
        .build()
        .unwrap();
    let mut d = Descriptor::new(MediaType::ImageManifest, 2, empty_digest());
    d.set_platform(Some(p.clone()));
    let index = ImageIndexBuilder::default()
        .manifests(vec![d])
        .build()
        .unwrap();
    let json = index.to_string().unwrap();
    assert!(
        json.contains(r#""os.version":"10.0.14393.1066","os.features":["win32k"]"#),
        "{json}"
    );
    assert!(!json.contains("os_version") && !json.contains("os_features"));
    let back: ImageIndex = json.parse().unwrap();
    assert_eq!(back.manifests()[0].platform().as_ref(), Some(&p));
    // The real keys are read, not dropped.
    let read: Platform = serde_json::from_str(
        r#"{"architecture":"amd64","os":"windows","os.version":"1","os.features":["a"]}"#,
    )
    .unwrap();
    assert_eq!(read.os_version().as_deref(), Some("1"));
    assert_eq!(read.os_features().as_deref(), Some(&["a".to_owned()][..]));
}

#[test]
fn defect_03_descriptor_media_type() {
    assert_eq!(
        MediaType::Descriptor.as_str(),
        "application/vnd.oci.descriptor.v1+json"
    );
    assert_eq!(
        MediaType::from("application/vnd.oci.descriptor.v1+json"),
        MediaType::Descriptor
    );
    assert!(MediaType::from("application/vnd.oci.descriptor").is_other());
}

#[test]
fn defect_04_armbe_is_armbe() {
    assert_eq!(Arch::from("armbe"), Arch::ARMbe);
    assert_eq!(Arch::ARMbe.as_str(), "armbe");
    assert_eq!(Arch::from("arm64be"), Arch::ARM64be);
    for (text, arch) in [
        ("386", Arch::i386),
        ("amd64", Arch::Amd64),
        ("arm", Arch::ARM),
        ("arm64", Arch::ARM64),
        ("loong64", Arch::LoongArch64),
        ("mips64le", Arch::Mips64le),
        ("ppc64le", Arch::PowerPC64le),
        ("riscv64", Arch::RISCV64),
        ("s390x", Arch::s390x),
        ("wasm", Arch::Wasm),
    ] {
        assert_eq!(Arch::from(text), arch);
        assert_eq!(arch.to_string(), text);
        assert_eq!(serde_json::to_string(&arch).unwrap(), format!("\"{text}\""));
    }
}

#[test]
fn defect_10_display_and_serialization_do_not_panic() {
    let m = sample_manifest();
    let shown = format!("{m}");
    assert_eq!(shown, m.to_string_pretty().unwrap());
    let c: ImageConfiguration =
        r#"{"architecture":"x","os":"y","rootfs":{"type":"z","diff_ids":[]}}"#
            .parse()
            .unwrap();
    assert!(format!("{c}").contains("\"architecture\": \"x\""));
    assert!(format!("{}", Descriptor::empty()).contains("e30="));
}

#[test]
fn defect_11_docker_and_deprecated_fields_are_kept() {
    let j = r#"{"architecture":"amd64","os":"windows","config":{"Cmd":["cmd"],"ArgsEscaped":true,"Healthcheck":{"Test":["CMD-SHELL","curl -f http://localhost/"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":1,"StartInterval":2,"Retries":3},"OnBuild":["RUN x"],"Shell":["powershell","-Command"],"StopTimeout":10,"Hostname":"h","Domainname":"d","AttachStdin":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Image":"sha256:1","NetworkDisabled":true,"MacAddress":"02:42:ac:11:00:02"},"rootfs":{"type":"layers","diff_ids":[]},"container":"c","container_config":{"Cmd":["/bin/sh"]},"docker_version":"1.12.1","id":"i","parent":"p","comment":"x","Size":5}"#;
    let c: ImageConfiguration = j.parse().unwrap();
    let cfg = c.config().as_ref().unwrap();
    assert_eq!(cfg.args_escaped(), Some(true));
    assert_eq!(cfg.stop_timeout(), Some(10));
    assert_eq!(cfg.healthcheck().as_ref().unwrap().retries(), Some(3));
    let a: serde_json::Value = serde_json::from_str(j).unwrap();
    let b: serde_json::Value = serde_json::from_str(&c.to_string().unwrap()).unwrap();
    assert_eq!(a, b);
    // And they can be built.
    let built: Config = ConfigBuilder::default()
        .healthcheck(
            HealthcheckConfigBuilder::default()
                .test(vec!["NONE".to_owned()])
                .build()
                .unwrap(),
        )
        .shell(vec!["/bin/bash".to_owned()])
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r#"{"Healthcheck":{"Test":["NONE"]},"Shell":["/bin/bash"]}"#
    );
}

#[test]
fn defect_12_unknown_values_do_not_fail_the_document() {
    let j = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.example.new+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"artifactType":"application/vnd.example.thing","platform":{"architecture":"vax","os":"beos"}}]}"#;
    let i: ImageIndex = j.parse().unwrap();
    let p = i.manifests()[0].platform().as_ref().unwrap();
    assert_eq!(p.architecture(), &Arch::Other("vax".to_owned()));
    assert!(p.os().is_other());
    assert!(i.manifests()[0].media_type().is_other());
    assert_eq!(i.to_string().unwrap(), j);
    let r = i.validate();
    assert!(r.is_valid(), "{r}");
    assert!(r.has_rule("platform-architecture") && r.has_rule("platform-os"));
}

#[test]
fn defect_15_schema_version_media_type_and_ambiguous_documents() {
    let config = r#"{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2}"#;
    let m: ImageManifest =
        format!(r#"{{"schemaVersion":1,"config":{config},"layers":[{config}]}}"#)
            .parse()
            .unwrap();
    assert!(m.validate().has_rule("schema-version"));
    let m: ImageManifest = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","config":{config},"layers":[{config}]}}"#
    )
    .parse()
    .unwrap();
    assert!(!m.validate().is_valid());
    assert!(m.validate().has_rule("manifest-media-type"));
    let i: ImageIndex =
        r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","manifests":[]}"#
            .parse()
            .unwrap();
    assert!(i.validate().has_rule("index-media-type"));
    // Both layers and manifests: rejected as either kind.
    let both = format!(r#"{{"schemaVersion":2,"config":{config},"layers":[],"manifests":[]}}"#);
    let e = both.parse::<ImageManifest>().unwrap_err();
    assert!(matches!(e, ModelError::Decode(_)));
    assert!(e.to_string().contains("ambiguous"), "{e}");
    let e = both.parse::<ImageIndex>().unwrap_err();
    assert!(
        e.to_string()
            .starts_with("/layers: an image index must not have a \"layers\" member"),
        "{e}"
    );
    // The builder sets schemaVersion; mediaType stays unset unless given,
    // as oci-spec's builder leaves it (validation warns).
    let m = sample_manifest();
    assert_eq!(m.schema_version(), 2);
    assert_eq!(m.media_type(), &None);
    assert!(m.validate().is_valid());
}

#[test]
fn defect_20_errors_carry_path_value_expectation_and_position() {
    let e = r#"{"schemaVersion":2,"config":{"mediaType":"a/b","digest":"sha256:ABC","size":1},"layers":[]}"#
        .parse::<ImageManifest>()
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "/config/digest: invalid digest \"sha256:ABC\": expected 64 lowercase hex characters after \"sha256:\" at line 1 column 68"
    );
    let e = DescriptorBuilder::default()
        .media_type(MediaType::ImageLayer)
        .size(1u64)
        .build()
        .unwrap_err();
    // `build()` fails with oci-spec's error, naming the field.
    let oci_model::OciSpecError::Builder(u) = &e else {
        panic!("expected OciSpecError::Builder, got {e:?}");
    };
    assert_eq!(u.field_name(), "digest");
    assert_eq!(
        oci_model::ModelError::from(e).to_string(),
        "cannot build value: required field `digest` is not set"
    );
    let v = Descriptor::new(MediaType::Other("bad".into()), 1, empty_digest()).validate();
    assert_eq!(
        v.violations()[0].to_string(),
        "/mediaType: media type \"bad\" does not follow rfc 6838: expected type/subtype, each 1 to 127 letters, digits or !#$&-^_.+ starting with a letter or digit [error media-type-grammar, descriptor.md#properties]"
    );
}

#[test]
fn defect_21_defaults_are_neutral() {
    let r = RootFs::default();
    assert_eq!(r.typ(), "layers");
    assert!(r.diff_ids().is_empty());
    assert_eq!(serde_json::to_string(&Config::default()).unwrap(), "{}");
    // Arch, Os and Platform have no Default: the host is a named constructor.
    let host = Platform::host();
    assert_eq!(host.architecture(), &Arch::host());
    assert_eq!(oci_model::image::VERSION, "1.1.1");
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Descriptor>();
    check::<ImageManifest>();
    check::<ImageIndex>();
    check::<ImageConfiguration>();
    check::<Config>();
    check::<Platform>();
    check::<MediaType>();
    check::<Arch>();
    check::<Os>();
    check::<oci_model::image::OciLayout>();
    check::<oci_model::image::Digest>();
    #[cfg(feature = "hash")]
    check::<oci_model::image::DigestHasher>();
}

#[test]
fn index_default_is_an_empty_oci_index() {
    // As oci-spec's: schemaVersion 2, no mediaType.
    let i = ImageIndex::default();
    assert_eq!(
        i.to_string().unwrap(),
        r#"{"schemaVersion":2,"manifests":[]}"#
    );
    assert_eq!(
        format!(
            "{}.{}.{}{}",
            oci_model::image::VERSION_MAJOR,
            oci_model::image::VERSION_MINOR,
            oci_model::image::VERSION_PATCH,
            oci_model::image::VERSION_DEV
        ),
        oci_model::image::VERSION
    );
}
