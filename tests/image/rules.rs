//! One test per image validation rule: a document that breaks only that
//! rule, asserting the rule name and the JSON pointer of the violation.
#![cfg(feature = "image")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixture data"
)]

use oci_model::image::{
    Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout, rules,
};
use oci_model::{Rule, Severity, Validate, ValidationReport};
use serde_json::{Value, json};

const D1: &str = "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270";
const EMPTY: &str = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

fn desc(media_type: &str) -> Value {
    json!({"mediaType": media_type, "digest": D1, "size": 7682})
}

fn manifest() -> Value {
    json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": desc("application/vnd.oci.image.config.v1+json"),
        "layers": [desc("application/vnd.oci.image.layer.v1.tar+gzip")],
    })
}

fn index() -> Value {
    let mut m = desc("application/vnd.oci.image.manifest.v1+json");
    m["platform"] = json!({"architecture": "amd64", "os": "linux"});
    json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [m],
    })
}

fn config() -> Value {
    json!({
        "created": "2015-10-31T22:22:56.015925234Z",
        "architecture": "amd64",
        "os": "linux",
        "config": {"Env": ["PATH=/bin"], "Labels": {"a": "b"}},
        "rootfs": {"type": "layers", "diff_ids": [D1]},
        "history": [{"created": "2015-10-31T22:22:55Z", "created_by": "x"}],
    })
}

fn check<T: Validate + serde::de::DeserializeOwned>(v: &Value) -> ValidationReport {
    let bytes = serde_json::to_vec(v).unwrap();
    oci_model::io::from_slice::<T>(&bytes).unwrap().validate()
}

/// Asserts the report holds exactly one violation, of `rule`, at `path`.
fn only(report: &ValidationReport, rule: &Rule, path: &str) {
    let v = report.violations();
    assert_eq!(
        v.len(),
        1,
        "expected one violation of {}:\n{report}",
        rule.name()
    );
    assert_eq!(v[0].rule_name(), rule.name(), "{report}");
    assert_eq!(v[0].path(), path, "{report}");
    assert_eq!(v[0].severity(), rule.severity());
    assert!(!v[0].message().is_empty());
    assert_eq!(report.is_valid(), rule.severity() == Severity::Warning);
}

#[test]
fn bases_are_clean() {
    for r in [
        check::<ImageManifest>(&manifest()),
        check::<ImageIndex>(&index()),
        check::<ImageConfiguration>(&config()),
        check::<Descriptor>(&desc("application/vnd.oci.image.manifest.v1+json")),
    ] {
        assert!(r.is_clean(), "{r}");
    }
}

#[test]
fn schema_version() {
    let mut m = manifest();
    m["schemaVersion"] = json!(1);
    only(
        &check::<ImageManifest>(&m),
        &rules::SCHEMA_VERSION,
        "/schemaVersion",
    );
    let mut i = index();
    i["schemaVersion"] = json!(3);
    only(
        &check::<ImageIndex>(&i),
        &rules::SCHEMA_VERSION,
        "/schemaVersion",
    );
}

#[test]
fn manifest_media_type() {
    let mut m = manifest();
    m["mediaType"] = json!("application/vnd.oci.image.index.v1+json");
    only(
        &check::<ImageManifest>(&m),
        &rules::MANIFEST_MEDIA_TYPE,
        "/mediaType",
    );
}

#[test]
fn index_media_type() {
    let mut i = index();
    i["mediaType"] = json!("application/vnd.oci.image.manifest.v1+json");
    only(
        &check::<ImageIndex>(&i),
        &rules::INDEX_MEDIA_TYPE,
        "/mediaType",
    );
}

#[test]
fn manifest_media_type_missing() {
    let mut m = manifest();
    m.as_object_mut().unwrap().remove("mediaType");
    let report = check::<ImageManifest>(&m);
    only(&report, &rules::MANIFEST_MEDIA_TYPE_MISSING, "/mediaType");
    let v = &report.violations()[0];
    assert_eq!(
        v.rule().section(),
        "manifest.md#image-manifest-property-descriptions"
    );
    assert_eq!(
        v.message(),
        "mediaType is absent: image-spec says it should be used; expected application/vnd.oci.image.manifest.v1+json"
    );
}

#[test]
fn index_media_type_missing() {
    let mut i = index();
    i.as_object_mut().unwrap().remove("mediaType");
    let report = check::<ImageIndex>(&i);
    only(&report, &rules::INDEX_MEDIA_TYPE_MISSING, "/mediaType");
    assert_eq!(
        report.violations()[0].rule().section(),
        "image-index.md#image-index-property-descriptions"
    );
}

/// The builders keep oci-spec 0.10's default (no `mediaType`), and
/// `validate()` reports it as the SHOULD it is; given, the documents are
/// clean.
#[test]
fn builders_leave_media_type_unset_and_validation_warns() {
    use oci_model::image::{ImageIndexBuilder, ImageManifestBuilder, MediaType};
    let config: Descriptor =
        serde_json::from_value(desc("application/vnd.oci.image.config.v1+json")).unwrap();
    let layer: Descriptor =
        serde_json::from_value(desc("application/vnd.oci.image.layer.v1.tar+gzip")).unwrap();
    let m = ImageManifestBuilder::default()
        .config(config.clone())
        .layers(vec![layer.clone()])
        .build()
        .unwrap();
    assert_eq!(m.media_type(), &None);
    assert!(
        !m.to_string()
            .unwrap()
            .contains(r#""mediaType":"application/vnd.oci.image.manifest"#)
    );
    only(
        &m.validate(),
        &rules::MANIFEST_MEDIA_TYPE_MISSING,
        "/mediaType",
    );
    let i = ImageIndexBuilder::default()
        .manifests(vec![])
        .build()
        .unwrap();
    assert_eq!(i.media_type(), &None);
    only(
        &i.validate(),
        &rules::INDEX_MEDIA_TYPE_MISSING,
        "/mediaType",
    );
    only(
        &ImageIndex::default().validate(),
        &rules::INDEX_MEDIA_TYPE_MISSING,
        "/mediaType",
    );
    let m = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(config)
        .layers(vec![layer])
        .build()
        .unwrap();
    assert!(m.validate().is_clean(), "{}", m.validate());
    let i = ImageIndexBuilder::default()
        .media_type(MediaType::ImageIndex)
        .manifests(vec![])
        .build()
        .unwrap();
    assert!(i.validate().is_clean(), "{}", i.validate());
}

#[test]
fn docker_media_type() {
    let mut m = manifest();
    m["mediaType"] = json!("application/vnd.docker.distribution.manifest.v2+json");
    only(
        &check::<ImageManifest>(&m),
        &rules::DOCKER_MEDIA_TYPE,
        "/mediaType",
    );
    let mut i = index();
    i["mediaType"] = json!("application/vnd.docker.distribution.manifest.list.v2+json");
    only(
        &check::<ImageIndex>(&i),
        &rules::DOCKER_MEDIA_TYPE,
        "/mediaType",
    );
}

#[test]
fn manifest_artifact_type() {
    let mut m = manifest();
    m["config"] =
        json!({"mediaType": "application/vnd.oci.empty.v1+json", "digest": EMPTY, "size": 2});
    only(
        &check::<ImageManifest>(&m),
        &rules::MANIFEST_ARTIFACT_TYPE,
        "/artifactType",
    );
    m["artifactType"] = json!("application/vnd.example+type");
    assert!(check::<ImageManifest>(&m).is_clean());
}

#[test]
fn manifest_layers_empty() {
    let mut m = manifest();
    m["layers"] = json!([]);
    only(
        &check::<ImageManifest>(&m),
        &rules::MANIFEST_LAYERS_EMPTY,
        "/layers",
    );
}

#[test]
fn media_type_grammar() {
    let mut m = manifest();
    m["layers"][0]["mediaType"] = json!("application/x; charset=utf-8");
    only(
        &check::<ImageManifest>(&m),
        &rules::MEDIA_TYPE_GRAMMAR,
        "/layers/0/mediaType",
    );
    let mut m = manifest();
    m["artifactType"] = json!("nope");
    only(
        &check::<ImageManifest>(&m),
        &rules::MEDIA_TYPE_GRAMMAR,
        "/artifactType",
    );
    let mut i = index();
    i["manifests"][0]["artifactType"] = json!("a/.b");
    only(
        &check::<ImageIndex>(&i),
        &rules::MEDIA_TYPE_GRAMMAR,
        "/manifests/0/artifactType",
    );
    // An unknown but well-formed type is fine.
    let mut m = manifest();
    m["layers"][0]["mediaType"] = json!("application/vnd.example.unknown");
    assert!(check::<ImageManifest>(&m).is_clean());
}

#[test]
fn subject_media_type() {
    let mut m = manifest();
    m["subject"] = desc("application/vnd.oci.image.layer.v1.tar");
    only(
        &check::<ImageManifest>(&m),
        &rules::SUBJECT_MEDIA_TYPE,
        "/subject/mediaType",
    );
}

#[test]
fn descriptor_data_base64() {
    let mut d = desc("text/plain");
    d["data"] = json!("e30");
    only(
        &check::<Descriptor>(&d),
        &rules::DESCRIPTOR_DATA_BASE64,
        "/data",
    );
}

#[test]
fn descriptor_data_size() {
    let d =
        json!({"mediaType": "text/plain", "digest": "sha256+b64u:abc", "size": 3, "data": "e30="});
    only(
        &check::<Descriptor>(&d),
        &rules::DESCRIPTOR_DATA_SIZE,
        "/data",
    );
}

#[cfg(feature = "hash")]
#[test]
fn descriptor_data_digest() {
    let mut m = manifest();
    m["layers"]
        .as_array_mut()
        .unwrap()
        .push(json!({"mediaType": "text/plain", "digest": D1, "size": 2, "data": "e30="}));
    only(
        &check::<ImageManifest>(&m),
        &rules::DESCRIPTOR_DATA_DIGEST,
        "/layers/1/data",
    );
}

#[test]
fn descriptor_url() {
    let mut d = desc("text/plain");
    d["urls"] = json!(["https://example.com/blob", "not a url"]);
    only(&check::<Descriptor>(&d), &rules::DESCRIPTOR_URL, "/urls/1");
}

#[test]
fn descriptor_url_scheme() {
    let mut d = desc("text/plain");
    d["urls"] = json!(["ftp://example.com/blob"]);
    only(
        &check::<Descriptor>(&d),
        &rules::DESCRIPTOR_URL_SCHEME,
        "/urls/0",
    );
}

#[test]
fn empty_descriptor() {
    let d = json!({"mediaType": "application/vnd.oci.empty.v1+json", "digest": D1, "size": 2});
    only(&check::<Descriptor>(&d), &rules::EMPTY_DESCRIPTOR, "");
}

#[test]
fn annotation_key_empty() {
    let mut m = manifest();
    m["annotations"] = json!({"": "x"});
    only(
        &check::<ImageManifest>(&m),
        &rules::ANNOTATION_KEY_EMPTY,
        "/annotations/",
    );
}

#[test]
fn annotation_reserved_key() {
    let mut m = manifest();
    m["annotations"] = json!({"org.opencontainers.image.colour": "blue", "com.example.ok": "x"});
    only(
        &check::<ImageManifest>(&m),
        &rules::ANNOTATION_RESERVED_KEY,
        "/annotations/org.opencontainers.image.colour",
    );
}

#[test]
fn annotation_created() {
    let mut m = manifest();
    m["layers"][0]["annotations"] = json!({"org.opencontainers.image.created": "yesterday"});
    only(
        &check::<ImageManifest>(&m),
        &rules::ANNOTATION_CREATED,
        "/layers/0/annotations/org.opencontainers.image.created",
    );
}

#[test]
fn annotation_base_digest() {
    let mut i = index();
    i["annotations"] = json!({"org.opencontainers.image.base.digest": "sha256:abc"});
    only(
        &check::<ImageIndex>(&i),
        &rules::ANNOTATION_BASE_DIGEST,
        "/annotations/org.opencontainers.image.base.digest",
    );
}

#[test]
fn predefined_annotation_values_are_informational() {
    // cosign writes an empty base digest; annotations.md describes the
    // values of the pre-defined keys without a MUST: warnings, not errors.
    let mut m = manifest();
    m["annotations"] = json!({
        "org.opencontainers.image.base.digest": "",
        "org.opencontainers.image.created": "yesterday",
    });
    let report = check::<ImageManifest>(&m);
    assert_eq!(report.errors().count(), 0, "{report}");
    assert_eq!(report.warnings().count(), 2, "{report}");
}

#[test]
fn annotation_ref_name() {
    let mut i = index();
    i["manifests"][0]["annotations"] = json!({"org.opencontainers.image.ref.name": "v1..0"});
    only(
        &check::<ImageIndex>(&i),
        &rules::ANNOTATION_REF_NAME,
        "/manifests/0/annotations/org.opencontainers.image.ref.name",
    );
}

#[test]
fn annotation_url() {
    let mut m = manifest();
    m["annotations"] = json!({"org.opencontainers.image.source": "github dot com"});
    only(
        &check::<ImageManifest>(&m),
        &rules::ANNOTATION_URL,
        "/annotations/org.opencontainers.image.source",
    );
}

#[test]
fn labels_follow_annotation_rules() {
    let mut c = config();
    c["config"]["Labels"] = json!({"org.opencontainers.image.created": "2020"});
    only(
        &check::<ImageConfiguration>(&c),
        &rules::ANNOTATION_CREATED,
        "/config/Labels/org.opencontainers.image.created",
    );
}

#[test]
fn platform_architecture() {
    let mut i = index();
    i["manifests"][0]["platform"]["architecture"] = json!("vax");
    only(
        &check::<ImageIndex>(&i),
        &rules::PLATFORM_ARCHITECTURE,
        "/manifests/0/platform/architecture",
    );
    let mut c = config();
    c["architecture"] = json!("vax");
    only(
        &check::<ImageConfiguration>(&c),
        &rules::PLATFORM_ARCHITECTURE,
        "/architecture",
    );
}

#[test]
fn platform_os() {
    let mut i = index();
    i["manifests"][0]["platform"]["os"] = json!("beos");
    only(
        &check::<ImageIndex>(&i),
        &rules::PLATFORM_OS,
        "/manifests/0/platform/os",
    );
}

#[test]
fn platform_features_reserved() {
    let mut i = index();
    i["manifests"][0]["platform"]["features"] = json!(["sse4"]);
    only(
        &check::<ImageIndex>(&i),
        &rules::PLATFORM_FEATURES,
        "/manifests/0/platform/features",
    );
}

#[test]
fn config_rootfs_type() {
    let mut c = config();
    c["rootfs"]["type"] = json!("layer");
    only(
        &check::<ImageConfiguration>(&c),
        &rules::CONFIG_ROOTFS_TYPE,
        "/rootfs/type",
    );
}

#[test]
fn config_created() {
    let mut c = config();
    c["created"] = json!("2015-10-31 22:22:56");
    only(
        &check::<ImageConfiguration>(&c),
        &rules::CONFIG_CREATED,
        "/created",
    );
    let mut c = config();
    c["history"][0]["created"] = json!("today");
    only(
        &check::<ImageConfiguration>(&c),
        &rules::CONFIG_CREATED,
        "/history/0/created",
    );
}

#[test]
fn config_env() {
    let mut c = config();
    c["config"]["Env"] = json!(["A=1", "=x"]);
    only(
        &check::<ImageConfiguration>(&c),
        &rules::CONFIG_ENV,
        "/config/Env/1",
    );
}

#[test]
fn config_history_layers() {
    let mut c = config();
    c["history"][0]["empty_layer"] = json!(true);
    only(
        &check::<ImageConfiguration>(&c),
        &rules::CONFIG_HISTORY_LAYERS,
        "/history",
    );
}

#[test]
fn config_diff_ids_are_digests() {
    // Decoding refuses a malformed DiffID; one pushed through the
    // oci-spec-shaped `Vec<String>` is reported by validation.
    let mut c = ImageConfiguration::default();
    c.rootfs_mut().diff_ids_mut().push("sha256:nope".to_owned());
    let r = c.validate();
    only(&r, &rules::CONFIG_DIFF_ID, "/rootfs/diff_ids/0");
    assert!(c.rootfs().diff_id_digests().is_err());
}

#[test]
fn layout_version() {
    let l = json!({"imageLayoutVersion": "1.1.0"});
    only(
        &check::<OciLayout>(&l),
        &rules::LAYOUT_VERSION,
        "/imageLayoutVersion",
    );
}

#[test]
fn builders_refuse_documents_with_errors() {
    use oci_model::image::{ImageManifestBuilder, MediaType};
    let e = ImageManifestBuilder::default()
        .config(Descriptor::empty())
        .layers(vec![Descriptor::empty()])
        .build_checked()
        .unwrap_err();
    let s = e.to_string();
    assert!(
        s.starts_with("cannot build ImageManifest: /artifactType:"),
        "{s}"
    );
    assert!(s.contains("manifest-artifact-type"), "{s}");
    // Warnings do not stop a builder.
    let m = ImageManifestBuilder::default()
        .config(Descriptor::new(
            MediaType::ImageConfig,
            2,
            oci_model::image::empty_digest(),
        ))
        .layers(vec![])
        .build()
        .unwrap();
    assert!(m.validate().is_valid());
}

#[test]
fn rule_catalogue_is_consistent() {
    let all = [
        &rules::LAYOUT_VERSION,
        &rules::SCHEMA_VERSION,
        &rules::MANIFEST_MEDIA_TYPE,
        &rules::INDEX_MEDIA_TYPE,
        &rules::DOCKER_MEDIA_TYPE,
        &rules::MANIFEST_ARTIFACT_TYPE,
        &rules::MANIFEST_LAYERS_EMPTY,
        &rules::MEDIA_TYPE_GRAMMAR,
        &rules::SUBJECT_MEDIA_TYPE,
        &rules::DESCRIPTOR_DATA_BASE64,
        &rules::DESCRIPTOR_DATA_SIZE,
        &rules::DESCRIPTOR_DATA_DIGEST,
        &rules::DESCRIPTOR_URL,
        &rules::DESCRIPTOR_URL_SCHEME,
        &rules::EMPTY_DESCRIPTOR,
        &rules::ANNOTATION_KEY_EMPTY,
        &rules::ANNOTATION_RESERVED_KEY,
        &rules::ANNOTATION_CREATED,
        &rules::ANNOTATION_BASE_DIGEST,
        &rules::ANNOTATION_REF_NAME,
        &rules::ANNOTATION_URL,
        &rules::PLATFORM_ARCHITECTURE,
        &rules::PLATFORM_OS,
        &rules::PLATFORM_FEATURES,
        &rules::CONFIG_ROOTFS_TYPE,
        &rules::CONFIG_DIFF_ID,
        &rules::CONFIG_CREATED,
        &rules::CONFIG_ENV,
        &rules::CONFIG_HISTORY_LAYERS,
    ];
    let mut names: Vec<&str> = all.iter().map(|r| r.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all.len(), "rule names must be unique");
    for r in all {
        assert!(
            r.name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            r.name()
        );
        assert_eq!(r.spec(), "image-spec v1.1.1");
        assert!(r.section().contains(".md"), "{}", r.section());
        assert!(
            !r.summary().is_empty() && !r.summary().ends_with('.'),
            "{}",
            r.name()
        );
    }
}
