//! Source compatibility with `oci-spec` 0.10, as five published crates use it.
//!
//! Each test function reproduces the calls one user crate makes (the list
//! is in the project's COMPAT.md catalogue, with file and line of each use),
//! with the same argument and return types and trait bounds, so this file
//! compiles only while those uses keep compiling against `oci-model`, and
//! its asserts check the behaviour the users rely on.
//!
//! Where `oci-model` differs on purpose, the adapted call is written with a
//! `// deliberate change: ...` comment: it is the migration a user makes.
//!
//! Not covered here: the runtime `Spec`, `Process`, `State` (no catalogued
//! user calls them), and `TagList` / `ErrorResponse` beyond what ocipkg
//! calls.
#![allow(
    clippy::disallowed_types,
    reason = "the users hold std HashMaps and HashSets"
)]
#![allow(
    clippy::items_after_statements,
    clippy::nonminimal_bool,
    clippy::useless_format,
    clippy::unnecessary_lazy_evaluations,
    clippy::redundant_closure,
    clippy::redundant_closure_for_method_calls,
    clippy::unnecessary_first_then_check,
    clippy::unnecessary_wraps,
    reason = "the users' calls are reproduced as they write them"
)]
#![cfg_attr(
    not(all(feature = "image", feature = "runtime")),
    allow(unused_imports, dead_code)
)]

use std::collections::{HashMap, HashSet};
use std::error::Error as StdError;
use std::str::FromStr;

use oci_model::OciSpecError;

const EMPTY_HEX: &str = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const LAYER_HEX: &str = "3494ff8a1bc4c4a4fbad5bc96b3e1ae1f5f1f0b1a8b5a1b6bdbc1c0e4d2f2a11";

/// `T: std::error::Error + Send + Sync + 'static` (thiserror `#[from]`,
/// anyhow, clap's `value_parser!`).
fn assert_std_error<T: StdError + Send + Sync + 'static>() {}

/// What clap's `value_parser!` needs of a positional argument type.
fn clap_value<T>()
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn StdError + Send + Sync + 'static>>,
{
}

fn hash_eq<T: std::hash::Hash + Eq>() {}
fn copy<T: Copy>() {}
fn send_sync<T: Send + Sync + 'static>() {}

#[cfg(feature = "image")]
/// `OciSpecError` at the crate root, `oci_model::Result`, and the traits
/// every user needs of it.
#[test]
fn crate_root_error_and_result() {
    assert_std_error::<OciSpecError>();
    // ocidir lib.rs:66: `OciSpecError(#[from] oci_spec::OciSpecError)`.
    #[derive(Debug)]
    enum UserError {
        OciSpec(OciSpecError),
    }
    impl From<OciSpecError> for UserError {
        fn from(e: OciSpecError) -> Self {
            UserError::OciSpec(e)
        }
    }
    fn user() -> Result<oci_model::image::Descriptor, UserError> {
        // `builder.build()?` inside a function returning the user's error.
        Ok(oci_model::image::DescriptorBuilder::default()
            .media_type(oci_model::image::MediaType::ImageLayer)
            .digest(oci_model::image::Sha256Digest::from_str(EMPTY_HEX)?)
            .size(2_u32)
            .build()?)
    }
    assert_eq!(user().map(|d| d.size()).ok(), Some(2));
    // A missing required field is an `Err`, with the oci-spec variant name.
    let r: oci_model::Result<oci_model::image::Descriptor> =
        oci_model::image::DescriptorBuilder::default().build();
    let e = r.unwrap_err();
    assert!(matches!(e, OciSpecError::Builder(_)), "{e:?}");
    let UserError::OciSpec(inner) = UserError::from(OciSpecError::Other("x".into()));
    assert_eq!(inner.to_string(), "x");
}

#[cfg(feature = "image")]
/// containers-image-proxy 0.11.2 (`src/imageproxy.rs`, `examples/client.rs`).
#[test]
fn containers_image_proxy() {
    use oci_model::image::{
        Descriptor, Digest, DigestAlgorithm, ImageConfiguration, ImageManifest, MediaType,
    };

    // imageproxy.rs:17, :312: `#[derive(Debug)]` holder and `!=` on digests.
    #[derive(Debug, Clone, PartialEq)]
    enum VerifiedBlobReadResult {
        Complete { digest: Digest },
    }
    send_sync::<Digest>();
    // examples/client.rs:38: a clap positional `digest: Digest`.
    clap_value::<Digest>();

    // :222 `Digest::from_str(&format!("{algorithm}:{hex}")).expect(..)`.
    let (algorithm, hex) = ("sha256", EMPTY_HEX);
    let digest = Digest::from_str(&format!("{algorithm}:{hex}")).expect("digest");
    let expected = digest.clone();
    let r = VerifiedBlobReadResult::Complete {
        digest: digest.clone(),
    };
    let VerifiedBlobReadResult::Complete { digest: got } = &r;
    assert!(!(*got != expected));

    // :59 `digest.to_string().into()` goes to skopeo as a JSON value.
    let wire: serde_json::Value = digest.to_string().into();
    assert_eq!(wire, serde_json::json!(format!("sha256:{EMPTY_HEX}")));

    // :187-197: match on the algorithm, with `Other(a)` displayed.
    let name = match digest.algorithm() {
        DigestAlgorithm::Sha256 => "sha256".to_owned(),
        DigestAlgorithm::Sha384 => "sha384".to_owned(),
        DigestAlgorithm::Sha512 => "sha512".to_owned(),
        DigestAlgorithm::Other(a) => format!("{a}"),
        _ => "unsupported".to_owned(),
    };
    assert_eq!(name, "sha256");
    assert_eq!(digest.algorithm().as_ref(), "sha256");
    let other = Digest::from_str("multihash+base58:QmRZxt2b1FVZ").unwrap();
    assert!(
        matches!(other.algorithm(), DigestAlgorithm::Other(a) if format!("{a}") == "multihash+base58")
    );

    // :1565 `Digest::from_str(layer_desc.digest().as_ref())`: the full text.
    let again = Digest::from_str(digest.as_ref()).unwrap();
    assert_eq!(again, digest);
    // Across the two crates (the test's ocidir still uses oci-spec 0.10).
    let theirs = oci_spec::image::Digest::from_str(digest.as_ref()).unwrap();
    assert_eq!(Digest::from_str(theirs.as_ref()).unwrap(), digest);

    // :633-644: `#[derive(Deserialize)]` with a digest, a u64 size and a
    // media type; skopeo may send Docker media types.
    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct ConvertedLayerInfo {
        digest: Digest,
        size: u64,
        media_type: MediaType,
    }
    let info: ConvertedLayerInfo = serde_json::from_value(serde_json::json!({
        "digest": format!("sha256:{EMPTY_HEX}"),
        "size": 2,
        "mediaType": "application/vnd.example.unknown+tar"
    }))
    .unwrap();
    assert_eq!(info.size, 2);
    assert_eq!(info.digest, digest);
    assert_eq!(
        info.media_type,
        MediaType::Other("application/vnd.example.unknown+tar".into())
    );
    let docker: MediaType =
        serde_json::from_str("\"application/vnd.docker.image.rootfs.diff.tar.gzip\"").unwrap();
    // Docker media types are `MediaType::Other(..)`, as in oci-spec.
    assert!(matches!(
        &docker,
        MediaType::Other(s) if s == "application/vnd.docker.image.rootfs.diff.tar.gzip"
    ));
    assert_eq!(docker.as_str(), MediaType::DOCKER_LAYER_GZIP);

    // :1115-1120 `get_blob(img, descriptor.digest(), descriptor.size())`.
    fn get_blob(_digest: &Digest, size: u64) -> u64 {
        size
    }
    let desc = Descriptor::new(MediaType::ImageLayerGzip, 7, digest.clone());
    assert_eq!(get_blob(desc.digest(), desc.size()), 7);

    // :947-978 `serde_json::from_slice` of a manifest and a configuration.
    let raw = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
        "config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{EMPTY_HEX}","size":2}},
        "layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:{LAYER_HEX}","size":7}}]}}"#
    );
    let manifest: ImageManifest = serde_json::from_slice(raw.as_bytes()).unwrap();
    let r: Result<(String, ImageManifest), serde_json::Error> =
        Ok(("digest".to_owned(), manifest.clone()));
    assert!(r.is_ok());
    // Real registry configs: Docker fields and nulls.
    let config: ImageConfiguration = serde_json::from_slice(
        br#"{"architecture":"amd64","os":"linux","config":{"Env":null,"Labels":null},
            "rootfs":{"type":"layers","diff_ids":[]},"container_config":{"Cmd":["sh"]},
            "docker_version":"20.10.7","history":null}"#,
    )
    .unwrap();
    assert_eq!(config.os().to_string(), "linux");

    // examples/client.rs:146 `for layer in manifest.layers()`.
    let mut n = 0;
    for layer in manifest.layers() {
        let d: &Digest = layer.digest();
        assert_eq!(d.digest(), LAYER_HEX);
        n += 1;
    }
    assert_eq!(n, 1);
    // examples/client.rs:64-67 `#[derive(Serialize, Debug)] struct Metadata`.
    #[derive(serde::Serialize, Debug)]
    struct Metadata {
        manifest: ImageManifest,
    }
    let meta = serde_json::to_value(Metadata { manifest }).unwrap();
    assert_eq!(meta["manifest"]["layers"][0]["size"], 7);
}

#[cfg(feature = "image")]
/// ocidir 0.8.0 (`src/lib.rs`, `examples/ocidir.rs`).
#[test]
#[expect(clippy::too_many_lines, reason = "one test per user crate")]
fn ocidir() -> Result<(), OciSpecError> {
    use oci_model::image::{
        self as oci_image, Arch, Descriptor, DescriptorBuilder, Digest, HistoryBuilder,
        ImageConfiguration, ImageIndex, ImageIndexBuilder, ImageManifest, ImageManifestBuilder,
        MediaType, Os, Platform, PlatformBuilder, Sha256Digest,
    };

    // :152, :639 `Sha256Digest::from_str(hex)?`: bare hex, Err = OciSpecError.
    let sha = Sha256Digest::from_str(EMPTY_HEX)?;
    assert_eq!(sha.digest(), EMPTY_HEX);
    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Blob {
        sha256: Sha256Digest,
        size: u64,
    }
    let blob = Blob {
        sha256: sha.clone(),
        size: 2,
    };
    // :208 `self.uncompressed_sha256.clone().into()` -> Digest.
    let digest: Digest = blob.sha256.clone().into();
    assert_eq!(digest.to_string(), format!("sha256:{EMPTY_HEX}"));
    // :1689 `blob.sha256().digest() == empty_json_digest.digest().digest()`.
    assert_eq!(blob.sha256.digest(), digest.digest());
    // test :2314 `Digest::from(Sha256Digest::from_str(..)?)`.
    assert_eq!(Digest::from(Sha256Digest::from_str(EMPTY_HEX)?), digest);
    hash_eq::<Digest>();

    // :164-167 a public function returning the named builder type.
    fn blob_descriptor(b: &Blob) -> oci_image::DescriptorBuilder {
        oci_image::DescriptorBuilder::default()
            .digest(b.sha256.clone())
            .size(b.size)
    }
    // :638 / :642 the empty JSON descriptor, with `2u32` and `.data(&str)`.
    let empty_config = DescriptorBuilder::default()
        .media_type(MediaType::EmptyJSON)
        .size(2_u32)
        .digest(Sha256Digest::from_str(EMPTY_HEX)?)
        .data("e30=")
        .build()?;
    assert_eq!(empty_config, Descriptor::empty());

    // :867 / :946 annotations from a HashMap (a plain `impl Into<HashMap>`
    // generic argument must first be turned into the map).
    let annotations: HashMap<String, String> = [(
        "org.opencontainers.image.ref.name".to_owned(),
        "v1".to_owned(),
    )]
    .into();
    let layer = blob_descriptor(&blob)
        .media_type(MediaType::ImageLayerGzip)
        .annotations(annotations.clone())
        .build()?;
    // :240 `desc.as_digest_sha256()` is the hex, a path component.
    assert_eq!(layer.as_digest_sha256(), Some(EMPTY_HEX));
    // :242 `desc.digest().to_string().into()` -> Box<str>.
    let path: Box<str> = layer.digest().to_string().into();
    assert_eq!(&*path, format!("sha256:{EMPTY_HEX}"));
    // :247 the ref-name lookup through `&Option<map>`.
    let tag = "v1";
    let found = layer
        .annotations()
        .as_ref()
        .and_then(|a| a.get("org.opencontainers.image.ref.name"))
        .filter(|v| v.as_str() == tag);
    assert!(found.is_some());
    // :1106 `let expected: u64 = desc.size();`
    let expected: u64 = layer.size();
    assert_eq!(expected, 2);
    // :412 match on the media type.
    let kind = match layer.media_type() {
        MediaType::ImageManifest => MediaType::ImageManifest,
        MediaType::ImageIndex => MediaType::ImageIndex,
        other => other.clone(),
    };
    assert_eq!(
        kind.to_string(),
        "application/vnd.oci.image.layer.v1.tar+gzip"
    );
    // :521 `desc.platform().as_ref()`; test :2190 `artifact_type().as_ref()`.
    let p: Option<&Platform> = layer.platform().as_ref();
    assert!(p.is_none());
    let artifact_type = MediaType::Other("application/vnd.example.data".into());
    assert!(layer.artifact_type().as_ref() != Some(&artifact_type));
    // examples/ocidir.rs:326 `desc.platform().clone().unwrap_or_default()`:
    // the platform the crate is compiled for, as oci-spec's.
    let platform = layer.platform().clone().unwrap_or_default();
    assert_eq!(platform, Platform::host());
    let theirs = oci_spec::image::Platform::default();
    assert_eq!(
        platform.architecture().as_str(),
        host_goarch(theirs.architecture().to_string())
    );
    assert_eq!(platform.os().as_str(), theirs.os().to_string());
    // :380 `let native_platform = Platform::default();` compared field-wise.
    let native_platform = Platform::default();
    assert!(native_platform.os_version().is_none() && native_platform.variant().is_none());

    // :955-957 copy the annotations, add one, set them back.
    let mut manifest_desc = layer.clone();
    let mut annos = manifest_desc.annotations().clone().unwrap_or_default();
    annos.insert("key".to_owned(), "value".to_owned());
    manifest_desc.set_annotations(Some(annos));
    // The stored map is the std `HashMap`, as in oci-spec; the output is
    // still sorted by key.
    let from_hash: HashMap<String, String> = annotations.clone();
    manifest_desc.set_annotations(Some(from_hash));
    assert_eq!(
        manifest_desc.annotations().as_ref().map(HashMap::len),
        Some(1)
    );
    // :862-867 `annotations: Option<impl Into<HashMap<String, String>>>`
    // passed straight to the builder.
    fn push_layer_annotated(
        layer: DescriptorBuilder,
        annotations: Option<impl Into<HashMap<String, String>>>,
    ) -> Result<Descriptor, OciSpecError> {
        let mut builder = layer;
        if let Some(annotations) = annotations {
            builder = builder.annotations(annotations);
        }
        builder.build()
    }
    let none: Option<HashMap<String, String>> = None;
    let plain = push_layer_annotated(
        blob_descriptor(&blob).media_type(MediaType::ImageLayer),
        none,
    )?;
    assert!(plain.annotations().is_none());
    let pairs = [
        ("b".to_owned(), "2".to_owned()),
        ("a".to_owned(), "1".to_owned()),
    ];
    let annotated = push_layer_annotated(
        blob_descriptor(&blob).media_type(MediaType::ImageLayer),
        Some(pairs),
    )?;
    let json = annotated.to_string()?;
    assert!(
        json.ends_with(r#""annotations":{"a":"1","b":"2"}}"#),
        "{json}"
    );

    // test :1601 `Descriptor::new(MediaType, u64, Sha256Digest)`.
    let d = Descriptor::new(MediaType::ImageLayerGzip, blob.size, blob.sha256.clone());
    assert_eq!(d.digest(), &digest);

    // :658-662 `new_empty_manifest`: schema version, empty config, no layers.
    fn new_empty_manifest(config: Descriptor) -> oci_image::ImageManifestBuilder {
        oci_image::ImageManifestBuilder::default()
            .schema_version(oci_image::SCHEMA_VERSION)
            .config(config)
            .layers(Vec::new())
    }
    assert_eq!(oci_image::SCHEMA_VERSION, 2_u32);
    // `build()` checks required fields only, as oci-spec's: ocidir builds
    // the empty manifest and completes it later. `build_checked()` refuses
    // it: with the empty config, `artifactType` MUST be set (manifest.md).
    let incomplete = new_empty_manifest(empty_config.clone()).build()?;
    assert!(incomplete.artifact_type().is_none());
    assert_eq!(incomplete.media_type(), &None);
    assert!(
        new_empty_manifest(empty_config.clone())
            .build_checked()
            .is_err()
    );
    let mut manifest = new_empty_manifest(empty_config.clone())
        .artifact_type(MediaType::Other("application/vnd.example+type".into()))
        .build()?;
    // :870 `manifest.layers_mut().push(blobdesc)`.
    manifest.layers_mut().push(layer.clone());
    assert_eq!(manifest.layers().len(), 1);
    assert_eq!(manifest.layers()[0], layer);
    // :595 `manifest.config().media_type() != &MediaType::ImageConfig`.
    assert!(manifest.config().media_type() != &MediaType::ImageConfig);
    // :937-945 `subject().is_some()`, `artifact_type().clone()`, annotations.
    assert!(!manifest.subject().is_some());
    let at = manifest
        .artifact_type()
        .clone()
        .unwrap_or_else(|| MediaType::ImageConfig);
    assert_eq!(at.as_ref(), "application/vnd.example+type");
    // :1028-1036 `.artifact_type(..).subject(..).annotations(HashMap)`;
    // test :2411 `.annotations(iter.collect::<HashMap<String, String>>())`.
    let referrer = ImageManifestBuilder::default()
        .schema_version(SCHEMA_VERSION_U32)
        .artifact_type(artifact_type.clone())
        .config(empty_config.clone())
        .layers(vec![empty_config.clone()])
        .subject(Descriptor::new(MediaType::ImageManifest, 2, digest.clone()))
        .annotations(
            [("a".to_owned(), "b".to_owned())]
                .into_iter()
                .collect::<HashMap<String, String>>(),
        )
        .build()?;
    if let Some(annos) = referrer.annotations() {
        let copied = annos.clone();
        assert_eq!(copied.get("a").map(String::as_str), Some("b"));
    }
    // test :2224 `subject().as_ref().map(|s| s.digest())`.
    assert_eq!(
        referrer.subject().as_ref().map(|s| s.digest()),
        Some(&digest)
    );
    // :287 / :479 `&Digest == &Digest`.
    assert!(referrer.subject().as_ref().unwrap().digest() == &digest);
    // test :2320 a HashSet of digests.
    let referrer_digests: HashSet<_> = [&layer, &empty_config]
        .iter()
        .map(|d| d.digest().clone())
        .collect();
    assert!(referrer_digests.contains(empty_config.digest()));
    // examples/ocidir.rs:305 `subject().clone()` -> Option<Descriptor>.
    let subject: Option<Descriptor> = referrer.subject().clone();
    assert!(subject.is_some());
    // :985 `set_config`.
    manifest.set_config(Descriptor::new(MediaType::ImageConfig, 2, digest.clone()));
    // examples/custom_compressor.rs:52 `to_string_pretty().unwrap()`.
    let pretty = manifest.to_string_pretty().unwrap();
    assert!(pretty.contains("\"schemaVersion\": 2"));
    // canonical JSON write and read back gives an equal value.
    let back: ImageManifest = serde_json::from_reader(pretty.as_bytes()).unwrap();
    assert_eq!(&back, &manifest);

    // :1116 `ImageIndex::from_reader(..)?`, `manifests()`, `set_manifests`.
    let mut index = ImageIndexBuilder::default()
        .schema_version(oci_image::SCHEMA_VERSION)
        .manifests(vec![])
        .build()?;
    index.set_manifests(vec![manifest_desc.clone()]);
    let mut buf = Vec::new();
    // :965 `index.serialize(&mut serializer)`.
    serde::Serialize::serialize(&index, &mut serde_json::Serializer::new(&mut buf)).unwrap();
    let read = ImageIndex::from_reader(std::io::BufReader::new(&buf[..]))?;
    assert_eq!(read.manifests().len(), 1);
    assert_eq!(read, index);

    // :846 / :879 history entries, with and without fields.
    let history = HistoryBuilder::default()
        .created("2024-01-31T12:00:00Z".to_owned())
        .created_by("/bin/pretend-tar")
        .build()
        .unwrap();
    let bare = HistoryBuilder::default().build().unwrap();
    assert_eq!(bare.created().as_ref(), None);
    assert_eq!(history.created_by().as_ref().unwrap(), "/bin/pretend-tar");
    assert_eq!(history.created().as_deref(), Some("2024-01-31T12:00:00Z"));

    // tests :1521 `ImageConfigurationBuilder::default().build().unwrap()`:
    // architecture and os default to the compile target's, as oci-spec's.
    let mut config: ImageConfiguration = oci_image::ImageConfigurationBuilder::default()
        .build()
        .unwrap();
    assert_eq!(config, ImageConfiguration::default());
    let theirs = oci_spec::image::ImageConfiguration::default();
    assert_eq!(
        config.to_string()?,
        theirs
            .to_string()
            .expect("oci-spec writes its default")
            // See `host_goarch`.
            .replacen(
                "\"architecture\":\"x86\"",
                "\"architecture\":\"386\"",
                usize::from(cfg!(target_arch = "x86"))
            )
    );
    // :601 `config.architecture() == native.architecture()` and test
    // `open_image_this_platform`.
    let native = Platform::host();
    assert!(config.architecture() == native.architecture());
    assert!(config.os() == native.os());
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        assert_eq!(
            format!("{}/{}", native.os(), native.architecture()),
            "linux/amd64"
        );
    }
    // tests :1905 / :1933 builder setters from a platform and from variants;
    // the architecture and os setters also take `&str` (image-proxy tests).
    let arm = oci_image::ImageConfigurationBuilder::default()
        .architecture(Arch::ARM64)
        .os(Os::Linux)
        .build()?;
    let from_str = oci_image::ImageConfigurationBuilder::default()
        .architecture("arm64")
        .os("linux")
        .build()?;
    assert_eq!(arm, from_str);
    let _ = oci_image::ImageConfigurationBuilder::default()
        .architecture(Platform::host().architecture().clone())
        .os(Platform::host().os().clone())
        .build()?;
    // :871-881 rootfs and history.
    let mut rootfs = config.rootfs().clone();
    // :873 `.diff_ids_mut().push(layer.uncompressed_sha256_as_digest().to_string())`.
    rootfs.diff_ids_mut().push(digest.to_string());
    assert_eq!(rootfs.diff_id_digests().unwrap(), vec![digest.clone()]);
    config.set_rootfs(rootfs);
    config.history_mut().get_or_insert_default().push(history);
    assert_eq!(config.rootfs().diff_ids()[0], format!("sha256:{EMPTY_HEX}"));
    assert!(config.history().as_ref().unwrap().first().is_some());

    // :1770 `PlatformBuilder`, and the `NoMatchingPlatform` message.
    let p = PlatformBuilder::default()
        .architecture(Arch::ARM64)
        .os(Os::Linux)
        .build()
        .unwrap();
    assert_eq!(format!("{}/{}", p.os(), p.architecture()), "linux/arm64");
    assert_eq!(Arch::ARM.to_string(), "arm");
    Ok(())
}

#[cfg(feature = "image")]
const SCHEMA_VERSION_U32: u32 = 2;

#[cfg(feature = "image")]
/// oci-client 0.18.0 (`src/config.rs`, `src/manifest.rs`, `src/client.rs`):
/// only `Arch` and `Os` of the image module.
#[test]
fn oci_client() {
    use oci_model::image::{Arch, Os};
    // config.rs:13,18 type aliases.
    type Architecture = Arch;
    // manifest.rs:452-460 a struct deriving `Eq` around them.
    #[derive(Debug, Clone, serde::Deserialize, serde::Serialize, PartialEq, Eq)]
    struct Platform {
        architecture: Arch,
        os: Os,
    }
    // config.rs:40-44 derives `Default` too: the compile target's, as
    // oci-spec's.
    #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Default)]
    struct ConfigFile {
        architecture: Architecture,
        os: Os,
    }
    assert_eq!(ConfigFile::default().os, Os::host());
    assert_eq!(
        Arch::default().as_str(),
        host_goarch(oci_spec::image::Arch::default().to_string())
    );
    assert_eq!(
        Os::default().as_str(),
        oci_spec::image::Os::default().to_string()
    );

    // config tests round-trip Go names.
    let p: Platform = serde_json::from_str(r#"{"architecture":"arm64","os":"linux"}"#).unwrap();
    assert_eq!(
        p,
        Platform {
            architecture: Arch::ARM64,
            os: Os::Linux
        }
    );
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        serde_json::json!({"architecture":"arm64","os":"linux"})
    );
    let amd = Platform {
        architecture: Arch::Amd64,
        os: Os::Windows,
    };
    // manifest.rs:495 Display.
    let s = format!("( architecture: '{}', os: '{}' )", amd.architecture, amd.os);
    assert_eq!(s, "( architecture: 'amd64', os: 'windows' )");
    // client.rs:2630 current-platform resolver.
    let current = Platform {
        architecture: Arch::default(),
        os: Os::default(),
    };
    assert!(current.os == Os::host() && current.architecture == Arch::host());
    if cfg!(target_arch = "x86_64") {
        assert_eq!(Arch::host(), Arch::Amd64);
    }
    if cfg!(target_arch = "aarch64") {
        assert_eq!(Arch::host(), Arch::ARM64);
    }
    hash_eq::<Arch>();
    hash_eq::<Os>();
}

#[cfg(feature = "image")]
/// ocipkg 0.4.0 (`src/digest.rs`, `src/image/*`, `src/distribution/*`).
#[test]
fn ocipkg() -> anyhow_like::Result<()> {
    use oci_model::image::{
        Arch, ConfigBuilder, Descriptor, DescriptorBuilder, Digest, ImageConfigurationBuilder,
        ImageIndex, ImageIndexBuilder, ImageManifest, ImageManifestBuilder, MediaType, OciLayout,
        Os, ToDockerV2S2,
    };

    // digest.rs:14-18 blob paths from `algorithm()` and `digest()`.
    let digest = Digest::from_str(&format!("sha256:{EMPTY_HEX}")).unwrap();
    let path =
        std::path::PathBuf::from(format!("blobs/{}/{}", digest.algorithm(), digest.digest()));
    assert_eq!(path, std::path::Path::new("blobs/sha256").join(EMPTY_HEX));
    // reference.rs:48 `_ = Digest::from_str(name)?` into anyhow.
    fn anyhow_parse(name: &str) -> anyhow_like::Result<()> {
        _ = Digest::from_str(name)?;
        Ok(())
    }
    assert!(anyhow_parse("not a digest").is_err());
    // client.rs:126 / :149 Display and AsRef<str>.
    assert_eq!(
        format!("/v2/{}/blobs/{}", "repo", digest),
        format!("/v2/repo/blobs/sha256:{EMPTY_HEX}")
    );
    let q: &str = digest.as_ref();
    assert_eq!(q, format!("sha256:{EMPTY_HEX}"));
    // image/config.rs:6-8 a `HashMap<Digest, Vec<PathBuf>>` serialized to JSON.
    #[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
    struct Config {
        layers: HashMap<Digest, Vec<std::path::PathBuf>>,
    }
    let mut cfg = Config::default();
    cfg.layers.insert(digest.clone(), vec!["a".into()]);
    let json = serde_json::to_string(&cfg)?;
    let back: Config = serde_json::from_str(&json)?;
    assert_eq!(back.layers[&digest].len(), 1);

    // layout.rs:31 the empty descriptor from a u64 size and a Digest.
    let size: u64 = 2;
    let empty = DescriptorBuilder::default()
        .media_type(MediaType::EmptyJSON)
        .size(size)
        .digest(digest.clone())
        .data("e30=")
        .build()?;
    // layout.rs:46 `digest != &digest_new`, :42-63 `size != layer.size()`.
    assert!(!(empty.digest() != &digest));
    assert!(!(size != empty.size()));
    // oci_archive.rs:65-76 `maplit::hashmap!{..}` and `hashmap!{}`.
    let named = DescriptorBuilder::default()
        .media_type(MediaType::ImageManifest)
        .size(2_u64)
        .digest(digest.clone())
        .annotations({
            let mut m = HashMap::new();
            m.insert(
                "org.opencontainers.image.ref.name".to_string(),
                "name".to_string(),
            );
            m
        })
        .build()?;
    let _empty_annotations = DescriptorBuilder::default()
        .media_type(MediaType::ImageManifest)
        .size(2_u64)
        .digest(digest.clone())
        .annotations(HashMap::new())
        .build()?;

    // oci_artifact.rs:25-30 the artifact manifest with the empty config.
    let artifact_type = MediaType::Other("application/vnd.ocipkg.v1.artifact".to_string());
    let mut manifest = ImageManifestBuilder::default()
        .schema_version(2_u32)
        .artifact_type(artifact_type.clone())
        .config(empty.clone())
        .layers(Vec::new())
        .build()?;
    // oci_artifact.rs:69-72 `annotations_mut().get_or_insert(HashMap::new())`.
    manifest
        .annotations_mut()
        .get_or_insert(HashMap::new())
        .insert("k".to_owned(), "v".to_owned());
    // oci_artifact.rs:47 / :64.
    manifest.set_config(empty.clone());
    manifest.layers_mut().push(named.clone());
    // oci_artifact.rs:180 `.artifact_type().clone()` as an Option.
    let t: Option<MediaType> = manifest.artifact_type().clone();
    assert!(t.is_some());
    assert!(manifest.artifact_type().as_ref().unwrap() == &artifact_type);
    // runnable.rs:16 the builder kept as a struct field.
    struct Runnable {
        manifest: ImageManifestBuilder,
    }
    let r = Runnable {
        manifest: ImageManifestBuilder::default().schema_version(2_u32),
    };
    let built = r
        .manifest
        .config(Descriptor::new(MediaType::ImageConfig, 2, digest.clone()))
        .layers(vec![named.clone()])
        .build()?;
    // client.rs:97 / :103 `from_reader` and `to_writer(&mut Vec<u8>)`.
    let mut buf: Vec<u8> = Vec::new();
    built.to_writer(&mut buf)?;
    let read = ImageManifest::from_reader(&buf[..])?;
    assert_eq!(read, built);
    // oci_archive.rs:63 / :167 plain serde.
    let s = serde_json::to_string(&manifest)?;
    let m2: ImageManifest = serde_json::from_slice(s.as_bytes())?;
    assert_eq!(m2, manifest);
    // client.rs:93 / :109 the Docker type and `AsRef<str>`.
    assert_eq!(
        MediaType::ImageManifest.to_docker_v2s2().unwrap(),
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        MediaType::ImageManifest.as_ref(),
        "application/vnd.oci.image.manifest.v1+json"
    );
    // artifact.rs:169 / :218 matches on media types.
    let kind = match named.media_type() {
        MediaType::ImageLayer => 1,
        MediaType::ImageLayerGzip => 2,
        _ => 0,
    };
    assert_eq!(kind, 0);
    assert!(matches!(
        (1, MediaType::ImageLayer),
        (1, MediaType::ImageLayer)
    ));
    assert_eq!(
        format!("Unsupported layer type: {}", named.media_type()),
        "Unsupported layer type: application/vnd.oci.image.manifest.v1+json"
    );

    // oci_archive.rs:136 `ImageIndex::from_reader`, layout.rs:97-104.
    let index = ImageIndexBuilder::default()
        .schema_version(2_u32)
        .manifests(vec![named])
        .build()?;
    let index = ImageIndex::from_reader(index.to_string()?.as_bytes())?;
    assert_eq!(index.manifests().len(), 1);
    let name: Option<&String> = index
        .manifests()
        .first()
        .and_then(|m| m.annotations().as_ref())
        .and_then(|a| a.get("org.opencontainers.image.ref.name"));
    let as_str: &str = name.unwrap();
    assert_eq!(as_str, "name");

    // oci_dir.rs:118-121 `OciLayout`.
    let oci_layout: OciLayout = serde_json::from_slice(br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    assert!(!(oci_layout.image_layout_version() != "1.0.0"));

    // runnable.rs:61-70 a configuration without rootfs.
    fn arch_os() -> anyhow_like::Result<(Arch, Os)> {
        Ok((Arch::Amd64, Os::Linux))
    }
    let (arch, os) = arch_os()?;
    let filename = "app";
    let config = ImageConfigurationBuilder::default()
        .architecture(arch)
        .os(os)
        .config(
            ConfigBuilder::default()
                .entrypoint(vec![format!("/{filename}")])
                .working_dir("/")
                .build()?,
        )
        .build()?;
    assert_eq!(config.rootfs().typ(), "layers");
    assert_eq!(
        config.config().as_ref().unwrap().entrypoint().as_deref(),
        Some(&["/app".to_owned()][..])
    );
    Ok(())
}

#[cfg(feature = "image")]
/// A stand-in for `anyhow::Result`: boxed errors that are `Send + Sync`.
mod anyhow_like {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync + 'static>>;
}

#[cfg(feature = "runtime")]
/// libcgroups 0.7.0 (youki): the Linux cgroup resources.
#[test]
#[expect(clippy::too_many_lines, reason = "one test per user crate")]
fn libcgroups() {
    use oci_model::runtime::{
        LinuxBlockIoBuilder, LinuxCpu, LinuxCpuBuilder, LinuxDevice, LinuxDeviceBuilder,
        LinuxDeviceCgroup, LinuxDeviceCgroupBuilder, LinuxDeviceType, LinuxHugepageLimitBuilder,
        LinuxInterfacePriorityBuilder, LinuxMemory, LinuxMemoryBuilder, LinuxNetworkBuilder,
        LinuxPids, LinuxPidsBuilder, LinuxResources, LinuxResourcesBuilder,
        LinuxThrottleDeviceBuilder, LinuxWeightDeviceBuilder,
    };
    use std::path::PathBuf;

    copy::<LinuxMemory>();
    copy::<LinuxPids>();
    copy::<oci_model::runtime::LinuxThrottleDevice>();
    copy::<oci_model::runtime::LinuxWeightDevice>();

    // v1/memory.rs:539, systemd/pids.rs:68, examples/systemd_io.rs:32.
    let linux_memory = LinuxMemoryBuilder::default()
        .limit(1_i64 << 30)
        .reservation(1_i64 << 20)
        .swap(2_i64 << 30)
        .swappiness(60_u64)
        .build()
        .unwrap();
    let blkio = LinuxBlockIoBuilder::default()
        .weight(200_u16)
        .leaf_weight(0_u16)
        .weight_device(vec![
            LinuxWeightDeviceBuilder::default()
                .major(8)
                .minor(0)
                .weight(100_u16)
                .leaf_weight(0_u16)
                .build()
                .unwrap(),
        ])
        .throttle_read_bps_device(vec![
            LinuxThrottleDeviceBuilder::default()
                .major(8)
                .minor(0)
                .rate(102_400_u64)
                .build()
                .unwrap(),
        ])
        .build()
        .unwrap();
    // v2/unified.rs:87 `.unified(HashMap<String, String>)`.
    let mut unified = HashMap::new();
    unified.insert("cpu.weight".to_owned(), "100".to_owned());
    let resources: LinuxResources = LinuxResourcesBuilder::default()
        .devices(vec![])
        .memory(linux_memory)
        .hugepage_limits(vec![
            LinuxHugepageLimitBuilder::default()
                .page_size("2MB")
                .limit(2_097_152)
                .build()
                .unwrap(),
        ])
        .pids(LinuxPidsBuilder::default().limit(10).build().unwrap())
        .block_io(blkio)
        .network(
            LinuxNetworkBuilder::default()
                .class_id(0x10_u32)
                .priorities(vec![
                    LinuxInterfacePriorityBuilder::default()
                        .name("a")
                        .priority(1_u32)
                        .build()
                        .unwrap(),
                ])
                .build()
                .unwrap(),
        )
        .unified(unified.clone())
        .build()
        .unwrap();
    // Every builder defaults every field.
    assert_eq!(
        LinuxResourcesBuilder::default().build().unwrap(),
        LinuxResources::default()
    );

    // Getters: `&Option<T>` for structs and lists.
    assert!(resources.devices().as_ref().is_some());
    if let Some(memory) = &resources.memory() {
        // v1/memory.rs:103-136 by value.
        assert_eq!(memory.reservation().unwrap_or(0), 1 << 20);
        let s: Option<u64> = memory.swappiness();
        assert_eq!(s, Some(60));
        let k: Option<i64> = memory.kernel_tcp();
        assert!(k.is_none());
        match memory.swap() {
            Some(v) => assert_eq!(v, 2 << 30),
            None => unreachable!(),
        }
        let copied: LinuxMemory = *memory;
        assert_eq!(copied.limit(), Some(1 << 30));
    }
    // systemd/unified.rs:45-56 `apply(unified: &HashMap<String, String>)`.
    fn apply(unified: &HashMap<String, String>) -> usize {
        unified.len()
    }
    // deliberate change: `unified()` is `&Option<BTreeMap<..>>`; a function
    // that takes a `&HashMap` gets a collected copy (or takes the BTreeMap).
    let got = resources
        .unified()
        .as_ref()
        .map(|u| apply(&u.clone().into_iter().collect()));
    assert_eq!(got, Some(1));
    assert_eq!(
        resources.unified().as_ref().unwrap().get("cpu.weight"),
        unified.get("cpu.weight")
    );

    // v1/pids.rs:44 `if pids.limit() > 0`, systemd/pids.rs:33
    // `pids.limit() as u64`, v2/pids.rs:38 `match pids.limit()`.
    let pids = resources.pids().as_ref().unwrap();
    let limit = if pids.limit() > 0 {
        pids.limit().to_string()
    } else {
        "max".to_owned()
    };
    assert_eq!(limit, "10");
    #[expect(clippy::cast_sign_loss, reason = "as systemd/pids.rs writes it")]
    let as_u64 = pids.limit() as u64;
    assert_eq!(as_u64, 10);
    let v2 = match pids.limit() {
        0 => "0".to_owned(),
        1.. => pids.limit().to_string(),
        _ => "max".to_owned(),
    };
    assert_eq!(v2, "10");
    // `{}` (limit left out, OPTIONAL in v1.3.0) reads as 0, as oci-spec's
    // `#[serde(default)]` did, and is written back as `{}`.
    let empty: LinuxPids = serde_json::from_str("{}").unwrap();
    assert_eq!((empty.limit(), empty.limit_option()), (0, None));
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");

    // v1/cpu.rs:36-41, :109, :148-282 builders and by-value getters.
    const QUOTA: i64 = 200_000;
    const PERIOD: u64 = 100_000;
    const RUNTIME: i64 = 100_000;
    const IDLE: i64 = 1;
    let expected_burst: u64 = 100_000;
    let cpu: LinuxCpu = LinuxCpuBuilder::default()
        .shares(2048_u64)
        .quota(QUOTA)
        .period(PERIOD)
        .realtime_runtime(RUNTIME)
        .realtime_period(PERIOD)
        .idle(IDLE)
        .burst(expected_burst)
        .cpus("1-3".to_owned())
        .build()
        .unwrap();
    assert!(cpu.shares().is_some());
    let q: Option<i64> = cpu.quota();
    let p: Option<u64> = cpu.period();
    let rr: Option<i64> = cpu.realtime_runtime();
    let rp: Option<u64> = cpu.realtime_period();
    let i: Option<i64> = cpu.idle();
    assert_eq!(
        (q, p, rr, rp, i),
        (
            Some(QUOTA),
            Some(PERIOD),
            Some(RUNTIME),
            Some(PERIOD),
            Some(IDLE)
        )
    );
    if let Some(cpu_burst) = cpu.burst() {
        assert_eq!(cpu_burst.to_string(), expected_burst.to_string());
    }
    assert_eq!(cpu.cpus().as_deref(), Some("1-3"));
    assert!(cpu.mems().is_none());

    // v1/blkio.rs:124-164, v2/io.rs:124-164.
    let blkio = resources.block_io().as_ref().unwrap();
    if let Some(w) = blkio.weight() {
        assert_eq!(w, 200_u16);
    }
    assert_eq!(blkio.leaf_weight(), Some(0_u16));
    if let Some(wd) = blkio.weight_device() {
        assert_eq!(wd[0].weight(), Some(100_u16));
    }
    let trbd = &blkio.throttle_read_bps_device().as_ref().unwrap()[0];
    let line = format!("{}:{} {}", trbd.major(), trbd.minor(), trbd.rate());
    assert_eq!(line, "8:0 102400");
    // systemd/io.rs:43-53 collects `(String, u64)` structures.
    let rates: Vec<(String, u64)> = blkio
        .throttle_read_bps_device()
        .iter()
        .flatten()
        .map(|d| (format!("{}:{}", d.major(), d.minor()), d.rate()))
        .collect();
    assert_eq!(rates, vec![("8:0".to_owned(), 102_400)]);
    assert!(blkio.throttle_write_iops_device().as_ref().is_none());

    // v1/hugetlb.rs:89-111.
    let hugetlb = &resources.hugepage_limits().as_ref().unwrap()[0];
    let digits: u64 = hugetlb
        .page_size()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap();
    assert_eq!(digits, 2);
    assert_eq!(
        format!("hugetlb.{}.limit_in_bytes", hugetlb.page_size()),
        "hugetlb.2MB.limit_in_bytes"
    );
    let hl: i64 = hugetlb.limit();
    assert_eq!(hl.to_string(), "2097152");

    // v1/network_classifier.rs:31, v1/network_priority.rs:31.
    let network = resources.network().as_ref().unwrap();
    if let Some(class_id) = network.class_id() {
        assert_eq!(class_id, 0x10_u32);
    }
    if let Some(p) = network.priorities() {
        assert_eq!(p[0].to_string(), "a 1\n");
    }

    // common.rs:529-586 device rules and default devices.
    let rule: LinuxDeviceCgroup = LinuxDeviceCgroupBuilder::default()
        .allow(true)
        .typ(LinuxDeviceType::C)
        .major(10)
        .minor(200)
        .access("rwm")
        .build()
        .unwrap();
    // v1/devices.rs:43-49.
    assert!(rule.allow());
    assert_eq!(rule.to_string(), "c 10:200 rwm");
    // v2/devices/emulator.rs:39 `rule.typ().unwrap_or_default() == A`.
    assert!(rule.typ().unwrap_or_default() != LinuxDeviceType::A);
    // v2/devices/program.rs:211 an exhaustive match over the five types.
    fn bpf_dev_type(typ: LinuxDeviceType) -> Result<u32, &'static str> {
        let dev_type: u32 = match typ {
            LinuxDeviceType::C => 2,
            LinuxDeviceType::U => return Err("unbuffered char"),
            LinuxDeviceType::B => 1,
            LinuxDeviceType::P => return Err("pipe device"),
            LinuxDeviceType::A => return Err("wildcard"),
        };
        Ok(dev_type)
    }
    assert_eq!(bpf_dev_type(rule.typ().unwrap_or_default()), Ok(2));
    copy::<LinuxDeviceType>();
    assert_eq!(LinuxDeviceType::default(), LinuxDeviceType::A);
    assert_eq!(LinuxDeviceType::C.as_str(), "c");
    let (major, minor): (Option<i64>, Option<i64>) = (rule.major(), rule.minor());
    assert_eq!((major, minor), (Some(10), Some(200)));
    // :46 / :117 / program.rs:106 `access()` is `&Option<String>`.
    assert!(!rule.access().is_none());
    assert_eq!(rule.access(), &Some("rwm".to_string()));
    assert_eq!(rule.access().clone().unwrap_or_default(), "rwm");
    let any = LinuxDeviceCgroupBuilder::default()
        .allow(false)
        .build()
        .unwrap();
    assert_eq!(any.to_string(), "a *:* ");

    let null: LinuxDevice = LinuxDeviceBuilder::default()
        .path(PathBuf::from("/dev/null"))
        .typ(LinuxDeviceType::C)
        .major(1)
        .minor(3)
        .file_mode(0o066_u32)
        .build()
        .unwrap();
    assert_eq!(null.file_mode(), Some(0o066));
    assert_eq!((null.major(), null.minor()), (1, 3));
    let t: LinuxDeviceType = null.typ();
    assert_eq!(t, LinuxDeviceType::C);
    // v1/devices.rs:24 `default_devices().iter().map(|d| d.into()).collect()`.
    let default_devices = [null];
    let rules: Vec<LinuxDeviceCgroup> = default_devices.iter().map(|d| d.into()).collect();
    assert_eq!(rules[0].to_string(), "c 1:3 rwm");
}

/// libcgroups' dev-dependency enables `proptests`: quickcheck `Arbitrary`
/// for the three types its property tests take.
#[cfg(feature = "proptests")]
#[test]
fn libcgroups_proptests() {
    use oci_model::runtime::{LinuxDeviceCgroup, LinuxHugepageLimit, LinuxMemory};
    use quickcheck::{Arbitrary, Gen};
    let mut g = Gen::new(16);
    for _ in 0..32 {
        let h = LinuxHugepageLimit::arbitrary(&mut g);
        let digits: String = h
            .page_size()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert!(digits.parse::<u64>().is_ok(), "{}", h.page_size());
        let d = LinuxDeviceCgroup::arbitrary(&mut g);
        assert!(matches!(d.access().as_deref(), None | Some("rwm" | "m")));
        let _m: LinuxMemory = LinuxMemory::arbitrary(&mut g);
        let _v: Vec<LinuxDeviceCgroup> = Vec::arbitrary(&mut g);
    }
}

#[cfg(feature = "image")]
/// oci-spec API items no catalogued user calls but that exist in 0.10 and
/// are kept: `image::version()`, the version constants, `Descriptor`
/// traits, `MediaType` conversions.
#[test]
fn kept_oci_spec_items() {
    use oci_model::image::{self, Descriptor, DigestAlgorithm, MediaType};
    assert_eq!(image::version(), image::VERSION);
    let s: String = MediaType::ImageIndex.into();
    assert_eq!(s, "application/vnd.oci.image.index.v1+json");
    let m: MediaType = "application/vnd.oci.image.layer.v1.tar+zstd".into();
    assert!(matches!(m, MediaType::ImageLayerZstd));
    // As in oci-spec, documents holding maps are `Eq` but not `Hash`.
    fn eq<T: Eq>() {}
    eq::<Descriptor>();
    hash_eq::<DigestAlgorithm>();
    assert_eq!(DigestAlgorithm::Sha512.digest_hexlen(), Some(128));
    assert_eq!(DigestAlgorithm::from("sha384"), DigestAlgorithm::Sha384);
    // deliberate change: the descriptor media type is the registered
    // `application/vnd.oci.descriptor.v1+json` (oci-spec wrote it without
    // `.v1+json`), and "armbe" is `Arch::ARMbe` (oci-spec read it as
    // `ARM64be`).
    assert_eq!(
        MediaType::Descriptor.as_ref(),
        "application/vnd.oci.descriptor.v1+json"
    );
    assert_eq!(image::Arch::from("armbe"), image::Arch::ARMbe);
    // Each oci-spec name of `MediaType` is a variant here too.
    for (ours, theirs) in [
        (
            MediaType::Descriptor,
            oci_spec::image::MediaType::Descriptor,
        ),
        (
            MediaType::LayoutHeader,
            oci_spec::image::MediaType::LayoutHeader,
        ),
        (
            MediaType::ImageManifest,
            oci_spec::image::MediaType::ImageManifest,
        ),
        (
            MediaType::ImageIndex,
            oci_spec::image::MediaType::ImageIndex,
        ),
        (
            MediaType::ImageLayer,
            oci_spec::image::MediaType::ImageLayer,
        ),
        (
            MediaType::ImageLayerGzip,
            oci_spec::image::MediaType::ImageLayerGzip,
        ),
        (
            MediaType::ImageLayerZstd,
            oci_spec::image::MediaType::ImageLayerZstd,
        ),
        (
            MediaType::ImageLayerNonDistributable,
            oci_spec::image::MediaType::ImageLayerNonDistributable,
        ),
        (
            MediaType::ImageLayerNonDistributableGzip,
            oci_spec::image::MediaType::ImageLayerNonDistributableGzip,
        ),
        (
            MediaType::ImageLayerNonDistributableZstd,
            oci_spec::image::MediaType::ImageLayerNonDistributableZstd,
        ),
        (
            MediaType::ImageConfig,
            oci_spec::image::MediaType::ImageConfig,
        ),
        (
            MediaType::ArtifactManifest,
            oci_spec::image::MediaType::ArtifactManifest,
        ),
        (MediaType::EmptyJSON, oci_spec::image::MediaType::EmptyJSON),
    ] {
        if ours != MediaType::Descriptor {
            assert_eq!(ours.as_ref(), theirs.as_ref());
        }
    }
}

#[cfg(feature = "image")]
/// The Go names of `Arch` and `Os` and the Docker equivalents of media
/// types agree with `oci-spec` 0.10 for every value it knows (except
/// "armbe", which `oci-spec` reads as `ARM64be`).
#[test]
fn names_agree_with_oci_spec() {
    use oci_model::image::{Arch, MediaType, Os, ToDockerV2S2};
    for a in Arch::KNOWN {
        let theirs = oci_spec::image::Arch::from(a.as_str());
        if a.as_str() != "armbe" {
            assert_eq!(theirs.to_string(), a.to_string(), "{a:?}");
        }
    }
    for o in Os::KNOWN {
        let theirs = oci_spec::image::Os::from(o.as_str());
        assert_eq!(theirs.to_string(), o.to_string(), "{o:?}");
    }
    for m in MediaType::KNOWN {
        let theirs = oci_spec::image::MediaType::from(m.as_str());
        assert_eq!(
            m.to_docker_v2s2().ok(),
            oci_spec::image::ToDockerV2S2::to_docker_v2s2(&theirs).ok(),
            "{m:?}"
        );
    }
}

/// containers-image-proxy (transport.rs) parses references with `?` into a
/// `Result<_, oci_spec::distribution::ParseError>`.
#[cfg(feature = "distribution")]
#[test]
fn reference_parse_error_is_the_distribution_parse_error() {
    use oci_model::distribution::{ParseError, Reference};

    fn parse(name: &str) -> Result<Reference, ParseError> {
        let r = name.parse()?;
        Ok(r)
    }
    let r = parse("quay.io/example/app:v1").unwrap();
    assert_eq!(r.registry(), "quay.io");
    assert_eq!(r.tag(), Some("v1"));
    let e = parse("Upper/Case").unwrap_err();
    assert_eq!(e, ParseError::ReferenceInvalidFormat);
    assert_eq!(e.to_string(), "invalid reference format");
    // The detailed error quotes the input and says what was expected.
    let detailed = Reference::parse("Upper/Case").unwrap_err();
    assert!(
        detailed.to_string().contains("\"Upper/Case\""),
        "{detailed}"
    );
    let t: Result<Reference, ParseError> = Reference::try_from("busybox");
    assert!(t.is_ok());
}

/// `distribution::ParseError` is oci-spec's enum: the same variant and
/// message for each bad reference of oci-spec's own test table (and a few
/// more), through `FromStr`, `TryFrom<&str>` and `TryFrom<String>`.
#[cfg(feature = "distribution")]
#[test]
fn reference_parse_error_variants_match_oci_spec() {
    use oci_model::distribution::Reference;
    let long = "a".repeat(256);
    let cases = [
        String::new(),
        ":justtag".into(),
        "@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff".into(),
        "repo@sha256:ffffffffffffffffffffffffffffffffff".into(),
        // (oci-spec also refuses an unregistered algorithm with a valid
        // encoded part, `validname@invaliddigest:ff…`; image-spec's digest
        // grammar allows one, and this crate reads it.)
        "validname@nocolon".into(),
        "repo@sha256:fff".into(),
        "repo@sha512:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff".into(),
        "Uppercase:tag".into(),
        "test:5000/Uppercase/lowercase:tag".into(),
        long,
        "aa/asdf$$^/aa".into(),
        "repo:bad tag".into(),
    ];
    for input in &cases {
        let theirs = input
            .parse::<oci_spec::distribution::Reference>()
            .unwrap_err();
        let ours = input.parse::<Reference>().unwrap_err();
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{input:?}");
        assert_eq!(ours.to_string(), theirs.to_string(), "{input:?}");
        assert_eq!(Reference::try_from(input.as_str()).unwrap_err(), ours);
        assert_eq!(Reference::try_from(input.clone()).unwrap_err(), ours);
    }
}

/// oci-client 0.18.0 (`src/client.rs`, `src/token_cache.rs`): the
/// `distribution::Reference` accessors and constructors it calls.
#[cfg(feature = "distribution")]
#[test]
fn oci_client_reference() {
    use oci_model::distribution::Reference;

    const SHA: &str = "sha256:51d9b231d5129e3ffc267c9d455c49d789bf3167b611a07ab6e4b3304c96b0e7";
    // digest.rs:122 `validate_digest(.., reference_digest: Option<&str>)`.
    fn validate_digest(reference_digest: Option<&str>) -> Option<String> {
        reference_digest.map(str::to_owned)
    }
    // client.rs:2118-2132 `to_v2_manifest_url`.
    fn manifest_url(reference: &Reference) -> String {
        format!(
            "https://{registry}/v2/{repository}/manifests/{reference}{ns}",
            registry = reference.resolve_registry(),
            repository = reference.repository(),
            reference = if let Some(digest) = reference.digest() {
                digest
            } else {
                reference.tag().unwrap_or("latest")
            },
            ns = reference
                .namespace()
                .map(|ns| format!("?ns={ns}"))
                .unwrap_or_default(),
        )
    }
    // lib.rs:19 the re-export, token_cache.rs:357 `"..".parse()`.
    let r: Reference = "ghcr.io/kubewarden/policies/pod-privileged:v1.0.10"
        .parse()
        .unwrap();
    assert_eq!(r.resolve_registry(), "ghcr.io");
    assert_eq!(r.repository(), "kubewarden/policies/pod-privileged");
    // client tests: TryFrom<&str> and TryFrom<String>.
    let mut tag = Reference::try_from("webassembly.azurecr.io/hello-wasm:v1").unwrap();
    let by_digest =
        Reference::try_from(format!("webassembly.azurecr.io/hello-wasm@{SHA}")).unwrap();
    let no_tag = Reference::try_from("webassembly.azurecr.io/hello-wasm").unwrap();
    assert_eq!(
        manifest_url(&no_tag),
        "https://webassembly.azurecr.io/v2/hello-wasm/manifests/latest"
    );
    assert_eq!(
        manifest_url(&by_digest),
        format!("https://webassembly.azurecr.io/v2/hello-wasm/manifests/{SHA}")
    );
    tag.set_mirror_registry("docker.mirror.io".to_owned());
    assert_eq!(
        manifest_url(&tag),
        "https://docker.mirror.io/v2/hello-wasm/manifests/v1?ns=webassembly.azurecr.io"
    );
    // client.rs:953-955 / :983 `image.digest()` is an `Option<&str>`.
    if let Some(img_digest) = by_digest.digest() {
        let d: &str = img_digest;
        assert_eq!(d, SHA);
    }
    assert_eq!(validate_digest(by_digest.digest()).as_deref(), Some(SHA));
    // client.rs:1132 `image.clone_with_digest(platform_digest.clone())`
    // with a `String`: the tag goes, registry, repository and mirror stay.
    let platform_digest: String = SHA.to_owned();
    let entry = tag.clone_with_digest(platform_digest.clone());
    assert_eq!(entry.digest(), Some(SHA));
    assert_eq!(entry.tag(), None);
    assert_eq!(entry.resolve_registry(), "docker.mirror.io");
    // client.rs:1955-1966 the referrers fallback tag.
    let digest = by_digest.digest().unwrap();
    let fallback_tag = digest.replace(':', "-");
    let fallback_ref = Reference::with_tag(
        by_digest.resolve_registry().to_string(),
        by_digest.repository().to_string(),
        fallback_tag.clone(),
    );
    assert_eq!(fallback_ref.tag(), Some(fallback_tag.as_str()));
    assert_eq!(
        manifest_url(&fallback_ref),
        format!(
            "https://webassembly.azurecr.io/v2/hello-wasm/manifests/{}",
            SHA.replace(':', "-")
        )
    );
    // client.rs:1872 `.strip_suffix(image.tag().unwrap_or("latest"))`.
    let url = manifest_url(&no_tag);
    assert!(url.strip_suffix(no_tag.tag().unwrap_or("latest")).is_some());
    // client.rs:2201 `reference.repository().split('/')`.
    assert_eq!(r.repository().split('/').count(), 3);
}

/// containers-image-proxy 0.11.2 (`src/transport.rs`): `whole()` becomes
/// the image name, `tag()` is read back.
#[cfg(feature = "distribution")]
#[test]
fn containers_image_proxy_reference() {
    use oci_model::distribution::{ParseError, Reference};
    // transport.rs:164-167 `name: reference.whole()`.
    let oci_ref: Reference = "quay.io/example/image:latest".parse().unwrap();
    assert_eq!(
        format!("docker://{}", oci_ref.whole()),
        "docker://quay.io/example/image:latest"
    );
    // transport.rs:206 `assert_eq!(oci_ref.tag(), Some("latest"))`, also
    // when no tag is written.
    let parsed: Result<Reference, ParseError> = "quay.io/example/image".parse();
    let parsed = parsed.unwrap();
    assert_eq!(parsed.tag(), Some("latest"));
    assert_eq!(parsed.whole(), "quay.io/example/image:latest");
    assert!("not a valid reference!".parse::<Reference>().is_err());
}

#[cfg(feature = "image")]
/// oci-spec 0.10's default architecture, as the spec names it: on 32-bit
/// x86 oci-spec passes Rust's `x86` through, which is not a GOARCH value
/// (image-spec: "values listed in the Go Language document for GOARCH",
/// where it is `386`); everywhere else its value is already the GOARCH one.
fn host_goarch(theirs: String) -> String {
    if cfg!(target_arch = "x86") && theirs == "x86" {
        "386".to_owned()
    } else {
        theirs
    }
}
