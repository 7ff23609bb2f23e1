//! Docker's documents (feature `docker`): the fixtures of `test-data/docker/`
//! (every valid one decodes as its kind, round-trips to the same JSON and
//! passes validation with no warning; every invalid one breaks the rule
//! `invalid/EXPECTED.tsv` names, at its path), telling a registry's
//! manifest kind, and conversion both ways.
#![cfg(feature = "docker")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::fs;
use std::path::PathBuf;

use oci_model::docker::{
    DockerError, DockerImageConfig, DockerManifest, DockerManifestList, DockerMediaType,
    LayerFacts, ManifestKind, RegistryManifest, Schema1Manifest, config_to_oci, detect,
    index_to_docker, list_to_oci, manifest_to_docker, manifest_to_oci, schema1_to_oci,
};
use oci_model::image::{Descriptor, Digest, ImageIndex, ImageManifest, MediaType};
use oci_model::{ModelError, Validate, ValidationReport};
use serde_json::{Value, json};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-data/docker")
}

fn tsv(path: &str) -> Vec<Vec<String>> {
    fs::read_to_string(dir().join(path))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// Decodes `bytes` as the Docker kind `kind`: its JSON again and its report.
fn decode(kind: &str, bytes: &[u8]) -> Result<(Value, ValidationReport), ModelError> {
    fn go<T: Validate + serde::Serialize + serde::de::DeserializeOwned>(
        bytes: &[u8],
    ) -> Result<(Value, ValidationReport), ModelError> {
        let v: T = oci_model::io::from_slice(bytes)?;
        Ok((serde_json::to_value(&v).unwrap(), v.validate()))
    }
    match kind {
        "docker-manifest" => go::<DockerManifest>(bytes),
        "docker-manifest-list" => go::<DockerManifestList>(bytes),
        "docker-config" => go::<DockerImageConfig>(bytes),
        "docker-schema1" => go::<Schema1Manifest>(bytes),
        other => panic!("unknown kind {other}"),
    }
}

fn read(path: &str) -> Vec<u8> {
    fs::read(dir().join(path)).unwrap()
}

#[test]
fn valid_fixtures_round_trip_and_pass_strict() {
    let rows = tsv("valid/KINDS.tsv");
    assert_eq!(rows.len(), 6);
    for row in rows {
        let (file, kind) = (&row[0], &row[1]);
        let bytes = read(&format!("valid/{file}"));
        let (out, report) = decode(kind, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let input: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(out, input, "{file}: the round trip changed the JSON");
        assert!(report.is_clean(), "{file}:\n{report}");
    }
}

#[test]
fn invalid_fixtures_break_their_rule() {
    let rows = tsv("invalid/EXPECTED.tsv");
    let on_disk = fs::read_dir(dir().join("invalid"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert_eq!(rows.len(), on_disk, "every invalid fixture is listed");
    assert_eq!(rows.len(), 24);
    let catalogue = oci_model::validate::catalogue();
    for row in rows {
        let (file, kind, by, path) = (&row[0], &row[1], &row[2], &row[3]);
        let bytes = read(&format!("invalid/{file}"));
        match decode(kind, &bytes) {
            Err(ModelError::Decode(e)) => {
                assert_eq!(by, "decode", "{file}: {e}");
                assert_eq!(e.path(), path, "{file}: {e}");
            }
            Err(e) => panic!("{file}: {e}"),
            Ok((_, report)) => {
                assert!(!report.is_clean(), "{file}: nothing reported");
                let hit = report
                    .violations()
                    .iter()
                    .find(|v| v.rule_name() == by)
                    .unwrap_or_else(|| panic!("{file}: no {by} in\n{report}"));
                assert_eq!(hit.path(), path, "{file}: {hit}");
                let rule = catalogue.iter().find(|r| r.name() == by).unwrap();
                assert_eq!(hit.severity(), rule.severity(), "{file}");
                assert_eq!(rule.spec(), "docker");
            }
        }
    }
}

#[test]
fn docker_rules_are_cited_by_section() {
    for r in oci_model::docker::rules::ALL {
        assert!(r.name().starts_with("docker-"), "{}", r.name());
        assert!(
            r.section().starts_with("manifest-v2-2.md#")
                || r.section().starts_with("manifest-v2-1.md#")
                || r.section().starts_with("spec.md#"),
            "{}",
            r.name()
        );
    }
}

/// Every rule on a Docker document has a bad fixture that breaks it (the
/// `docker-archive-*` rules are broken one by one in
/// `docker_archive::each_archive_rule_is_reported_at_its_member`).
#[test]
fn every_document_rule_has_a_bad_fixture() {
    let broken: Vec<String> = tsv("invalid/EXPECTED.tsv")
        .into_iter()
        .map(|row| row[2].clone())
        .collect();
    for r in oci_model::docker::rules::ALL {
        if r.name().starts_with("docker-archive-") {
            continue;
        }
        assert!(
            broken.iter().any(|b| b == r.name()),
            "no bad fixture in test-data/docker/invalid breaks {}",
            r.name()
        );
    }
}

#[test]
fn a_docker_manifest_as_an_oci_manifest_is_only_a_warning_there() {
    // The OCI kind still decodes a Docker document (as oci-spec does) and
    // says it is Docker's; the Docker kind passes it clean.
    let bytes = read("valid/manifest-01.json");
    let oci: ImageManifest = oci_model::io::from_slice(&bytes).unwrap();
    let r = oci.validate();
    assert!(r.is_valid() && !r.is_clean());
    assert!(r.has_rule("docker-media-type"));
    let docker: DockerManifest = oci_model::io::from_slice(&bytes).unwrap();
    assert!(docker.validate().is_clean());
}

const CONFIG_DIGEST: &str =
    "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";

#[test]
fn detection_follows_content_type_then_body() {
    let v2s2 = read("valid/manifest-01.json");
    let list = read("valid/list-01.json");
    let s1 = read("valid/schema1-01.json");
    let s1s = read("valid/schema1-signed-01.json");
    let oci_old = format!(
        r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"{CONFIG_DIGEST}"}},"layers":[]}}"#
    );
    let docker_no_type = format!(
        r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.docker.container.image.v1+json","size":2,"digest":"{CONFIG_DIGEST}"}},"layers":[]}}"#
    );
    let artifact = format!(
        r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.example.thing","size":2,"digest":"{CONFIG_DIGEST}"}},"layers":[]}}"#
    );
    let index = r#"{"schemaVersion":2,"manifests":[]}"#;
    let rc_artifact = r#"{"mediaType":"application/vnd.oci.artifact.manifest.v1+json","artifactType":"a/b","blobs":[]}"#;
    let cases: &[(Option<&str>, &[u8], ManifestKind)] = &[
        (None, &v2s2, ManifestKind::DockerManifest),
        (
            Some("application/vnd.docker.distribution.manifest.v2+json; charset=utf-8"),
            &v2s2,
            ManifestKind::DockerManifest,
        ),
        (
            Some("application/json"),
            &v2s2,
            ManifestKind::DockerManifest,
        ),
        (Some("text/plain"), &list, ManifestKind::DockerManifestList),
        (None, &s1, ManifestKind::Schema1),
        (None, &s1s, ManifestKind::Schema1Signed),
        (
            Some("application/vnd.docker.distribution.manifest.v1+prettyjws"),
            &s1s,
            ManifestKind::Schema1Signed,
        ),
        (None, oci_old.as_bytes(), ManifestKind::OciManifest),
        (
            None,
            docker_no_type.as_bytes(),
            ManifestKind::DockerManifest,
        ),
        (None, artifact.as_bytes(), ManifestKind::OciManifest),
        (None, index.as_bytes(), ManifestKind::OciIndex),
        (None, rc_artifact.as_bytes(), ManifestKind::ArtifactManifest),
        (
            Some("application/vnd.oci.image.index.v1+json"),
            index.as_bytes(),
            ManifestKind::OciIndex,
        ),
    ];
    for (ct, body, want) in cases {
        let got = detect(*ct, body).unwrap_or_else(|e| panic!("{ct:?}: {e}"));
        assert_eq!(got, *want, "{ct:?} {}", String::from_utf8_lossy(body));
        let m = RegistryManifest::from_registry(*ct, body.to_vec()).unwrap();
        assert_eq!(m.kind(), *want);
        assert_eq!(m.bytes(), *body);
    }
    // A manifest Content-Type that the body's mediaType contradicts.
    let e = detect(Some("application/vnd.oci.image.manifest.v1+json"), &v2s2).unwrap_err();
    assert!(matches!(e, DockerError::MediaTypeMismatch { .. }), "{e}");
    assert_eq!(
        e.to_string(),
        "content type \"application/vnd.oci.image.manifest.v1+json\" but the body's mediaType is \"application/vnd.docker.distribution.manifest.v2+json\""
    );
    for bad in [&b"[]"[..], b"{}", br#"{"schemaVersion":3}"#] {
        assert!(matches!(
            detect(None, bad),
            Err(DockerError::UnknownKind(_))
        ));
    }
    assert!(matches!(detect(None, b"{"), Err(DockerError::Spec(_))));
}

#[test]
fn registry_digests_are_of_the_bytes_served() {
    let bytes = read("valid/manifest-01.json");
    let m = RegistryManifest::from_registry(None, bytes.clone()).unwrap();
    assert_eq!(m.digest().unwrap(), Digest::sha256_of(&bytes));
    // A signed schema 1 manifest is named by its payload without signatures.
    let signed = read("valid/schema1-signed-01.json");
    let want = String::from_utf8(read("valid/schema1-signed-01.digest")).unwrap();
    let m = RegistryManifest::from_registry(None, signed.clone()).unwrap();
    assert_eq!(m.digest().unwrap().to_string(), want.trim());
    assert_ne!(Digest::sha256_of(&signed).to_string(), want.trim());
    let RegistryManifest::Schema1(s) = &m else {
        panic!("{m:?}")
    };
    assert!(s.value().is_signed());
    let payload = s.value().payload(s.bytes()).unwrap();
    let unsigned: Schema1Manifest = oci_model::io::from_slice(&payload).unwrap();
    assert!(!unsigned.is_signed());
    // A protected header that points past the end.
    let broken = String::from_utf8(signed).unwrap().replace(
        "\"protected\": \"",
        "\"protected\": \"eyJmb3JtYXRMZW5ndGgiOjk5OTk5LCJmb3JtYXRUYWlsIjoiIn0",
    );
    let m = RegistryManifest::from_registry(None, broken.into_bytes()).unwrap();
    let e = m.digest().unwrap_err().to_string();
    assert!(e.starts_with("signatures[0]: "), "{e}");
}

fn oci_manifest(layer_types: &[&str]) -> ImageManifest {
    let layers: Vec<Value> = layer_types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            json!({"mediaType": t, "size": 100 + i,
                   "digest": format!("sha256:{:064x}", i + 1)})
        })
        .collect();
    serde_json::from_value(json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2, "digest": CONFIG_DIGEST},
        "layers": layers,
    }))
    .unwrap()
}

#[test]
fn oci_to_docker_maps_every_layer_type() {
    let m = oci_manifest(&[
        "application/vnd.oci.image.layer.v1.tar",
        "application/vnd.oci.image.layer.v1.tar+gzip",
        "application/vnd.oci.image.layer.nondistributable.v1.tar",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    ]);
    let d = manifest_to_docker(&m).unwrap().into_lossless().unwrap();
    let types: Vec<&str> = d.layers().iter().map(|l| l.media_type().as_str()).collect();
    assert_eq!(
        types,
        [
            DockerMediaType::Layer.as_str(),
            DockerMediaType::LayerGzip.as_str(),
            DockerMediaType::ForeignLayer.as_str(),
            DockerMediaType::ForeignLayerGzip.as_str(),
        ]
    );
    assert_eq!(
        d.config().media_type().as_str(),
        DockerMediaType::ContainerConfig.as_str()
    );
    assert_eq!(d.config().digest().as_str(), CONFIG_DIGEST);
    assert_eq!(
        d.media_type().as_ref().map(MediaType::as_str),
        Some(DockerMediaType::Manifest.as_str())
    );
    for (a, b) in d.layers().iter().zip(m.layers()) {
        assert_eq!((a.size(), a.digest()), (b.size(), b.digest()));
    }
}

#[test]
fn what_docker_cannot_hold_is_an_error_or_a_listed_loss() {
    let e = manifest_to_docker(&oci_manifest(&[
        "application/vnd.oci.image.layer.v1.tar+zstd",
    ]))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "/layers/0/mediaType: cannot convert: application/vnd.oci.image.layer.v1.tar+zstd: zstd compression is not supported for docker images"
    );
    let mut m = oci_manifest(&["application/vnd.oci.image.layer.v1.tar+gzip"]);
    m.set_annotations(Some([("a".to_owned(), "b".to_owned())].into()));
    m.set_artifact_type(Some("application/vnd.example".into()));
    m.layers_mut()[0].set_annotations(Some([("c".to_owned(), "d".to_owned())].into()));
    let c = manifest_to_docker(&m).unwrap();
    let losses: Vec<String> = c.losses().iter().map(ToString::to_string).collect();
    assert_eq!(
        losses,
        [
            "/layers/0/annotations: docker descriptors have no annotations",
            "/artifactType: docker manifests have no artifactType",
            "/annotations: docker manifests have no annotations",
        ]
    );
    let e = c.into_lossless().unwrap_err().to_string();
    assert!(
        e.starts_with("conversion would lose /layers/0/annotations"),
        "{e}"
    );
    // An artifact has no Docker form.
    let mut art = oci_manifest(&[]);
    art.set_config(Descriptor::new(
        "application/vnd.example.config".into(),
        2,
        CONFIG_DIGEST.parse::<Digest>().unwrap(),
    ));
    assert!(matches!(
        manifest_to_docker(&art),
        Err(DockerError::Unconvertible { .. })
    ));
}

#[test]
fn docker_to_oci_rewrites_the_configuration_as_containers_image_does() {
    let config = read("valid/config-01.json");
    let c = config_to_oci(&config).unwrap();
    let text = String::from_utf8(c.value().clone()).unwrap();
    assert_eq!(
        text,
        concat!(
            r#"{"created":"2015-10-31T22:22:56.015925234Z","author":"Alyssa P. Hacker \u003calyspdev@example.com\u003e","architecture":"amd64","os":"linux","#,
            r#""config":{"User":"alice","ExposedPorts":{"8080/tcp":{}},"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","FOO=docker_is_a_really"],"Entrypoint":["/bin/my-app-binary"],"Volumes":{"/var/job-result-data":{},"/var/log/my-app-logs":{}},"WorkingDir":"/home/alice","Labels":{"com.example.project.git.url":"https://example.com/project.git"}},"#,
            r#""rootfs":{"type":"layers","diff_ids":["sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1","sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"]},"#,
            r#""history":[{"created":"2015-10-31T22:22:54.690851953Z","created_by":"/bin/sh -c #(nop) ADD file:a3bc1e842b69636f9df5256c49c5374fb4eef1e281fe3f282c65fb853ee171c5 in /"},{"created":"2015-10-31T22:22:55.613815829Z","created_by":"/bin/sh -c #(nop) CMD [\"sh\"]","empty_layer":true},{"created":"2015-10-31T22:22:56.015925234Z","created_by":"/bin/sh -c apk add curl"}]}"#
        )
    );
    let losses: Vec<&str> = c
        .losses()
        .iter()
        .map(oci_model::docker::Loss::path)
        .collect();
    assert_eq!(
        losses,
        ["/container", "/container_config", "/docker_version"]
    );
    // The result is an OCI configuration that validates.
    let oci: oci_model::image::ImageConfiguration = oci_model::io::from_slice(c.value()).unwrap();
    assert!(oci.validate().is_clean());

    let manifest: DockerManifest =
        oci_model::io::from_slice(&read("valid/manifest-01.json")).unwrap();
    let img = manifest_to_oci(&manifest, &config).unwrap();
    let m = img.value().manifest();
    assert_eq!(m.media_type(), &Some(MediaType::ImageManifest));
    assert_eq!(
        m.config().digest(),
        &Digest::sha256_of(img.value().config())
    );
    assert!(
        m.layers()
            .iter()
            .all(|l| *l.media_type() == MediaType::ImageLayerGzip)
    );
    assert!(m.validate().is_clean());
    // And back: only the configuration (rewritten) differs.
    let back = manifest_to_docker(m).unwrap().into_lossless().unwrap();
    assert_eq!(back.layers(), manifest.layers());
    assert_eq!(back.schema_version(), manifest.schema_version());
}

#[test]
fn lists_and_indexes_convert_both_ways() {
    let list: DockerManifestList = oci_model::io::from_slice(&read("valid/list-01.json")).unwrap();
    let c = list_to_oci(&list).unwrap();
    let losses: Vec<String> = c.losses().iter().map(ToString::to_string).collect();
    assert_eq!(
        losses,
        ["/manifests/1/platform/features: reserved in oci: not carried over"]
    );
    let index: &ImageIndex = c.value();
    assert_eq!(index.media_type(), &Some(MediaType::ImageIndex));
    assert!(index.validate().is_clean());
    assert!(
        index
            .manifests()
            .iter()
            .all(|d| *d.media_type() == MediaType::ImageManifest)
    );
    let back = index_to_docker(index).unwrap().into_lossless().unwrap();
    let mut want = list.clone();
    want.manifests_mut()[1]
        .platform_mut()
        .as_mut()
        .unwrap()
        .set_features(None);
    assert_eq!(back, want);
    // An index entry without a platform cannot go into a Docker list.
    let bare: ImageIndex = serde_json::from_value(json!({"schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "size": 2, "digest": CONFIG_DIGEST}]}))
    .unwrap();
    assert_eq!(
        index_to_docker(&bare).unwrap_err().to_string(),
        "/manifests/0/platform: cannot convert: no platform: each entry of a docker manifest list needs one"
    );
}

#[test]
fn schema1_converts_to_oci_with_the_layer_facts() {
    let m: Schema1Manifest = oci_model::io::from_slice(&read("valid/schema1-01.json")).unwrap();
    let mut asked = Vec::new();
    let c = schema1_to_oci(&m, |d| {
        asked.push(d.to_string());
        Ok(LayerFacts {
            size: 960,
            diff_id: Digest::sha256_of(b"layer"),
        })
    })
    .unwrap();
    // The throwaway entry has no layer: one blob read, base first.
    assert_eq!(
        asked,
        ["sha256:cc8567d70002e957612902a8e985ea129d831ebe04057d88fb644857caa45d11"]
    );
    let img = c.value();
    assert_eq!(img.manifest().layers().len(), 1);
    let config: Value = serde_json::from_slice(img.config()).unwrap();
    assert_eq!(
        config["rootfs"]["diff_ids"],
        json!([Digest::sha256_of(b"layer").to_string()])
    );
    assert_eq!(config["config"]["Cmd"], json!(["/hello"]));
    let history = config["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["empty_layer"], json!(true));
    assert_eq!(
        history[1]["created_by"],
        json!("/bin/sh -c #(nop) CMD [/hello]")
    );
    let losses: Vec<&str> = c
        .losses()
        .iter()
        .map(oci_model::docker::Loss::path)
        .collect();
    assert_eq!(
        losses,
        [
            "/history/0/v1Compatibility/container",
            "/history/0/v1Compatibility/container_config"
        ]
    );
    let e = schema1_to_oci(&m, |_| Err(std::io::Error::other("gone"))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "layer sha256:cc8567d70002e957612902a8e985ea129d831ebe04057d88fb644857caa45d11: gone"
    );
}
