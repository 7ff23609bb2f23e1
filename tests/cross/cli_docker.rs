//! The Docker kinds of the `oci-model` tool: `kind` and `validate` over
//! `test-data/docker/`, and `convert-manifest`, with pinned output.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

// The tool is run as the platform CLI tests run it.
use crate::cli_platform::{code, run, stderr, stdout};

const V: &str = "test-data/docker/valid";

#[test]
fn kind_names_the_docker_kinds() {
    let o = run(&[
        "kind",
        &format!("{V}/manifest-01.json"),
        &format!("{V}/list-01.json"),
        &format!("{V}/config-01.json"),
        &format!("{V}/schema1-01.json"),
        &format!("{V}/schema1-signed-01.json"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "docker-manifest  {V}/manifest-01.json\n\
             docker-manifest-list  {V}/list-01.json\n\
             config  {V}/config-01.json\n\
             docker-schema1  {V}/schema1-01.json\n\
             docker-schema1  {V}/schema1-signed-01.json\n"
        )
    );
}

#[test]
fn correct_docker_documents_pass_strict_as_their_kind() {
    let files: Vec<String> =
        std::fs::read_to_string(format!("{}/{V}/KINDS.tsv", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| format!("{V}/{}", l.split('\t').next().unwrap()))
            .collect();
    let mut args = vec!["validate", "--strict"];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    for f in &files {
        assert!(stdout(&o).contains(&format!("{f}: ok\n")), "{}", stdout(&o));
    }
    // A configuration blob has no mediaType: detected as `config`;
    // `--kind docker-config` checks it by Docker's rules.
    let o = run(&[
        "validate",
        "--strict",
        "--kind",
        "docker-config",
        "--format",
        "json",
        &format!("{V}/config-01.json"),
        "test-data/docker/invalid/config-bad-03.json",
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{
            "file": "test-data/docker/invalid/config-bad-03.json",
            "kind": "docker-config",
            "path": "/created",
            "rule": "docker-config-created",
            "severity": "warning",
            "message": "created \"yesterday\" is not an iso-8601 combined date and time"
        }])
    );
}

#[test]
fn docker_rules_are_reported_with_path_and_strength() {
    let o = run(&[
        "validate",
        "test-data/docker/invalid/manifest-bad-02.json",
        "test-data/docker/invalid/list-bad-01.json",
    ]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        "test-data/docker/invalid/manifest-bad-02.json: /layers/1/mediaType: warning[docker-layer-media-type]: layer mediaType \"application/vnd.oci.image.layer.v1.tar+gzip\" is not application/vnd.docker.image.rootfs.diff.tar.gzip or application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\n\
         test-data/docker/invalid/manifest-bad-02.json: ok with 1 warning\n\
         test-data/docker/invalid/list-bad-01.json: /manifests/0/platform: error[docker-list-entry-platform]: platform is missing: each entry of a manifest list describes the platform its image runs on\n\
         test-data/docker/invalid/list-bad-01.json: invalid (1 error)\n"
    );
}

#[test]
fn convert_manifest_list_to_oci_lists_the_loss() {
    let list = format!("{V}/list-01.json");
    let o = run(&["convert-manifest", "--to", "oci", &list]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {list}: /manifests/1/platform/features: error[loss]: reserved in oci: not carried over\n"
        )
    );
    let o = run(&[
        "convert-manifest",
        "--to",
        "oci",
        "--allow-loss",
        "--compact",
        &list,
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[\
         {\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f\",\"size\":7143,\"platform\":{\"architecture\":\"ppc64le\",\"os\":\"linux\"}},\
         {\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270\",\"size\":7682,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}\n"
    );
    // And back to Docker: the list again, without the lost features.
    let dir = tempfile::tempdir().unwrap();
    let oci = dir.path().join("index.json");
    std::fs::write(&oci, o.stdout).unwrap();
    let o = run(&[
        "convert-manifest",
        "--to",
        "docker",
        "--compact",
        oci.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\""), "{}", stdout(&o));
}

#[test]
fn convert_manifest_to_oci_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.json");
    let manifest = format!("{V}/manifest-01.json");
    let config = format!("{V}/config-01.json");
    // A Docker manifest needs its configuration.
    let o = run(&["convert-manifest", "--to", "oci", &manifest]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {manifest}: a docker manifest converts to oci with its configuration: give --config\n"
        )
    );
    let o = run(&[
        "convert-manifest",
        "--to",
        "oci",
        "--allow-loss",
        "--config",
        &config,
        "--config-out",
        cfg.to_str().unwrap(),
        &manifest,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {manifest}: config:/container: warning[loss]: a docker member the oci configuration does not have\n\
             oci-model: {manifest}: config:/container_config: warning[loss]: a docker member the oci configuration does not have\n\
             oci-model: {manifest}: config:/docker_version: warning[loss]: a docker member the oci configuration does not have\n"
        )
    );
    let m: oci_model::image::ImageManifest = stdout(&o).parse().unwrap();
    let written = std::fs::read(&cfg).unwrap();
    assert_eq!(
        m.config().digest(),
        &oci_model::image::Digest::sha256_of(&written)
    );
    let o = run(&[
        "validate",
        "--strict",
        "--kind",
        "config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // OCI back to Docker: no loss.
    let oci = dir.path().join("manifest.json");
    std::fs::write(&oci, m.to_string().unwrap()).unwrap();
    let o = run(&["convert-manifest", "--to", "docker", oci.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let d: oci_model::docker::DockerManifest = stdout(&o).parse().unwrap();
    assert_eq!(d.layers().len(), 3);
    // Already in the target format; schema 1 needs its blobs.
    let o = run(&["convert-manifest", "--to", "docker", &manifest]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!("oci-model: {manifest}: a docker v2 schema 2 manifest is already docker\n")
    );
    let s1 = format!("{V}/schema1-01.json");
    let o = run(&["convert-manifest", "--to", "oci", &s1]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {s1}: a docker schema 1 manifest converts to oci with its layer blobs (their diff ids): give --blobs\n"
        )
    );
    let o = run(&["convert-manifest", "--to", "docker", &s1]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {s1}: a docker schema 1 manifest converts to oci only (schema 1 is read-only)\n"
        )
    );
}
