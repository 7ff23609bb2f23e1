//! The crate's OCI ⇄ Docker conversion beside skopeo 1.9.3's (`skopeo copy
//! --format v2s2|oci`, containers/image 5.23), on images made by the crate,
//! by skopeo and by umoci: the manifests are equal as JSON (and the OCI
//! manifests and configurations byte for byte), lists entry by entry.
//!
//! Differences from skopeo, each asserted below:
//! - skopeo drops an OCI manifest's `annotations` silently; the crate lists
//!   it as a loss (`Converted::losses`) and converts the rest identically.
//! - skopeo drops the Docker-only members of a configuration silently
//!   (`container_config`, `docker_version`, ...); the crate lists them.
//! - A Docker manifest's bytes differ from skopeo's (Go writes a schema 2
//!   descriptor `size` before `digest`; the crate's descriptors are OCI
//!   descriptors, `digest` first), so a converted list's entries point to
//!   other digests: lists are compared with the entries' digests and sizes
//!   set to skopeo's instances (whose manifests are compared as JSON).
//! - Schema 1 → OCI (skopeo's own `--format v2s1` copies, converted by
//!   `oci-model convert-manifest --to oci --blobs`): byte for byte, but
//!   skopeo drops the JWS signatures silently; the crate lists them as a
//!   loss. (skopeo writes `name` and `tag` empty in a `dir:` copy, which
//!   `validate` reports as docker-schema1-required.)
//!
//! Uses the helpers of `real_tools.rs`; skips loudly without skopeo.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::path::Path;

use oci_model::docker::{
    DockerManifest, DockerManifestBuilder, DockerMediaType, index_to_docker, manifest_to_docker,
    manifest_to_oci,
};
use oci_model::image::layout::ImageLayout;
use oci_model::image::{Descriptor, Digest, ImageIndex, ImageManifest};
use serde_json::{Value, json};

use crate::real_tools::{
    Entry, blob, crate_layout, have, named, ok, s, tar_layer, write_annotated_image,
};

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A blob of a `dir:` image.
fn dir_blob(dir: &Path, d: &Descriptor) -> Vec<u8> {
    std::fs::read(dir.join(d.digest().as_str().split_once(':').unwrap().1)).unwrap()
}

/// Converts the OCI image `tag` of the layout `root` both ways, with the
/// crate and with skopeo, and compares. Returns the losses the crate listed
/// going to Docker.
fn compare(root: &Path, tag: &str, work: &Path) -> Vec<String> {
    let layout = ImageLayout::open(root).unwrap();
    let m: ImageManifest = oci_model::io::from_slice(&blob(root, &named(&layout, tag))).unwrap();
    let ours = manifest_to_docker(&m).unwrap();
    let losses = ours.losses().iter().map(ToString::to_string).collect();
    let docker_dir = work.join(format!("{tag}-v2s2"));
    ok(
        "skopeo",
        &[
            "copy",
            "--format",
            "v2s2",
            &format!("oci:{}:{tag}", s(root)),
            &format!("dir:{}", s(&docker_dir)),
        ],
    );
    let theirs = read_json(&docker_dir.join("manifest.json"));
    assert_eq!(
        serde_json::to_value(ours.value()).unwrap(),
        theirs,
        "{tag}: OCI -> Docker"
    );
    // Docker -> OCI, from skopeo's Docker image.
    let docker: DockerManifest =
        oci_model::io::from_slice(&std::fs::read(docker_dir.join("manifest.json")).unwrap())
            .unwrap();
    let config = dir_blob(&docker_dir, docker.config());
    let ours = manifest_to_oci(&docker, &config).unwrap();
    let oci_dir = work.join(format!("{tag}-oci"));
    ok(
        "skopeo",
        &[
            "copy",
            "--format",
            "oci",
            &format!("dir:{}", s(&docker_dir)),
            &format!("dir:{}", s(&oci_dir)),
        ],
    );
    let their_bytes = std::fs::read(oci_dir.join("manifest.json")).unwrap();
    assert_eq!(
        String::from_utf8(ours.value().manifest().to_vec().unwrap()).unwrap(),
        String::from_utf8(their_bytes).unwrap(),
        "{tag}: Docker -> OCI manifest, byte for byte"
    );
    let their_config = dir_blob(&oci_dir, ours.value().manifest().config());
    assert_eq!(
        String::from_utf8_lossy(ours.value().config()),
        String::from_utf8_lossy(&their_config),
        "{tag}: Docker -> OCI configuration, byte for byte"
    );
    losses
}

#[test]
fn conversion_equals_skopeo_on_crate_skopeo_and_umoci_images() {
    if !have(
        "conversion_equals_skopeo_on_crate_skopeo_and_umoci_images",
        &["skopeo"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    // The crate's image (an uncompressed layer).
    let l = crate_layout(&work.join("crate"));
    assert_eq!(compare(&l.root, "hello", work), Vec::<String>::new());
    // skopeo's (gzip).
    let gz = work.join("gzip");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("oci:{}:hello", s(&l.root)),
            &format!("oci:{}:gz", s(&gz)),
        ],
    );
    assert_eq!(compare(&gz, "gz", work), Vec::<String>::new());
    // An annotated manifest: skopeo drops the annotations, the crate lists
    // them.
    let ann = work.join("annotated");
    let mut layout = ImageLayout::create(&ann).unwrap();
    write_annotated_image(
        &mut layout,
        json!({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/x"]}}),
        &tar_layer(&[Entry::File("x", b"x", 0o755)]),
        Some("ann"),
        Some(&json!({"org.example.note": "kept by oci only"})),
    );
    assert_eq!(
        compare(&ann, "ann", work),
        ["/annotations: docker manifests have no annotations"]
    );
    // umoci's.
    if have("conversion_equals_skopeo (its umoci image)", &["umoci"]) {
        let u = work.join("umoci");
        ok("umoci", &["init", "--layout", s(&u)]);
        let image = format!("{}:u", s(&u));
        ok("umoci", &["new", "--image", &image]);
        ok(
            "umoci",
            &[
                "config",
                "--image",
                &image,
                "--config.cmd",
                "/bin/true",
                "--author",
                "me",
            ],
        );
        let root = work.join("umoci-root");
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::write(root.join("etc/hello"), b"hi\n").unwrap();
        ok(
            "umoci",
            &[
                "insert",
                "--rootless",
                "--image",
                &image,
                s(&root.join("etc/hello")),
                "/etc/hello",
            ],
        );
        assert_eq!(compare(&u, "u", work), Vec::<String>::new());
    }
}

#[test]
fn docker_configuration_members_are_dropped_as_skopeo_does_and_listed() {
    if !have(
        "docker_configuration_members_are_dropped_as_skopeo_does_and_listed",
        &["skopeo"],
    ) {
        return;
    }
    // A `dir:` image of the Docker configuration fixture (container_config,
    // docker_version, nulls, `<` in author) and two opaque layer blobs.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("docker");
    std::fs::create_dir_all(&dir).unwrap();
    let config = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test-data/docker/valid/config-01.json"),
    )
    .unwrap();
    let put = |bytes: &[u8], t: DockerMediaType| {
        let d = Descriptor::from_bytes(t.into(), bytes);
        std::fs::write(
            dir.join(d.digest().as_str().split_once(':').unwrap().1),
            bytes,
        )
        .unwrap();
        d
    };
    let config_d = put(&config, DockerMediaType::ContainerConfig);
    let layers = vec![
        put(
            b"first layer (opaque to the copy)",
            DockerMediaType::LayerGzip,
        ),
        put(b"second layer", DockerMediaType::LayerGzip),
    ];
    let m = DockerManifestBuilder::default()
        .config(config_d)
        .layers(layers)
        .build()
        .unwrap();
    std::fs::write(dir.join("manifest.json"), m.to_vec().unwrap()).unwrap();
    std::fs::write(dir.join("version"), b"Directory Transport Version: 1.1\n").unwrap();
    let out = tmp.path().join("oci");
    ok(
        "skopeo",
        &[
            "copy",
            "--format",
            "oci",
            &format!("dir:{}", s(&dir)),
            &format!("dir:{}", s(&out)),
        ],
    );
    let ours = manifest_to_oci(&m, &config).unwrap();
    let losses: Vec<&str> = ours
        .losses()
        .iter()
        .map(oci_model::docker::Loss::path)
        .collect();
    assert_eq!(
        losses,
        [
            "config:/container",
            "config:/container_config",
            "config:/docker_version"
        ]
    );
    assert_eq!(
        ours.value().manifest().to_vec().unwrap(),
        std::fs::read(out.join("manifest.json")).unwrap()
    );
    assert_eq!(
        String::from_utf8_lossy(ours.value().config()),
        String::from_utf8_lossy(&dir_blob(&out, ours.value().manifest().config()))
    );
}

#[test]
fn list_conversion_equals_skopeo_entry_by_entry() {
    if !have("list_conversion_equals_skopeo_entry_by_entry", &["skopeo"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let out = tmp.path().join("list");
    let o = std::process::Command::new("skopeo")
        .args([
            "copy",
            "--all",
            "--format",
            "v2s2",
            &format!("oci:{}:multi", s(&l.root)),
            &format!("dir:{}", s(&out)),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let theirs = read_json(&out.join("manifest.json"));
    let index: ImageIndex = oci_model::io::from_slice(&blob(&l.root, &l.index)).unwrap();
    let mut ours = index_to_docker(&index).unwrap().into_lossless().unwrap();
    for (i, e) in ours.manifests_mut().iter_mut().enumerate() {
        // The instance skopeo converted is the crate's conversion as JSON.
        let their_entry = &theirs["manifests"][i];
        let digest: Digest = their_entry["digest"].as_str().unwrap().parse().unwrap();
        let instance = read_json(&out.join(format!(
            "{}.manifest.json",
            digest.as_str().split_once(':').unwrap().1
        )));
        let oci: ImageManifest = oci_model::io::from_slice(&blob(&l.root, e)).unwrap();
        let converted = manifest_to_docker(&oci).unwrap().into_lossless().unwrap();
        assert_eq!(
            serde_json::to_value(&converted).unwrap(),
            instance,
            "entry {i}"
        );
        e.set_digest(digest);
        e.set_size(their_entry["size"].as_u64().unwrap());
    }
    assert_eq!(serde_json::to_value(&ours).unwrap(), theirs);
}

/// Schema 1 → OCI: skopeo writes a signed schema 1 image (`--format
/// v2s1`), then converts it to OCI; `oci-model convert-manifest --to oci
/// --blobs` converts the same manifest with the same blobs, byte for byte
/// (manifest and configuration). The one difference, listed: the crate
/// lists the signatures as a loss (skopeo drops them silently), so the
/// conversion needs `--allow-loss`.
#[test]
fn schema1_conversion_equals_skopeo() {
    if !have("schema1_conversion_equals_skopeo", &["skopeo"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    schema1_case(&tmp.path().join("one"), &l.root, "hello");
    // Two layers, an empty_layer history entry between them: the order of
    // fsLayers (top-most first) and the throwaway entries.
    let two = tmp.path().join("two");
    let mut layout = ImageLayout::create(&two).unwrap();
    let mut layers = Vec::new();
    let mut diff_ids = Vec::new();
    for (name, body) in [("a.txt", &b"a\n"[..]), ("b.txt", &b"bb\n"[..])] {
        let tar = tar_layer(&[Entry::File(name, body, 0o644)]);
        diff_ids.push(Digest::sha256_of(&tar).to_string());
        layers.push(
            layout
                .write_blob(oci_model::image::MediaType::ImageLayer, &tar)
                .unwrap(),
        );
    }
    let config = json!({
        "created": "2025-01-02T03:04:05Z", "author": "me",
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["/x"], "WorkingDir": "/w"},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [
            {"created": "2025-01-02T03:04:05Z", "created_by": "ADD a.txt"},
            {"created": "2025-01-02T03:04:06Z", "created_by": "ENV X=1", "empty_layer": true},
            {"created": "2025-01-02T03:04:07Z", "created_by": "ADD b.txt", "comment": "two"}
        ]
    });
    let config = layout
        .write_blob(
            oci_model::image::MediaType::ImageConfig,
            &serde_json::to_vec(&config).unwrap(),
        )
        .unwrap();
    let m = oci_model::image::ImageManifestBuilder::default()
        .media_type(oci_model::image::MediaType::ImageManifest)
        .config(config)
        .layers(layers)
        .build()
        .unwrap();
    let d = layout
        .write_stored(&oci_model::image::Stored::new(m).unwrap())
        .unwrap();
    layout.add_manifest(d, Some("two")).unwrap();
    schema1_case(&tmp.path().join("two-work"), &two, "two");
}

/// skopeo's schema 1 copy of the image `tag` of the layout `root`,
/// converted to OCI by skopeo and by the CLI, compared byte for byte.
fn schema1_case(work: &Path, root: &Path, tag: &str) {
    use crate::cli_platform::{code, run, stderr, stdout};
    std::fs::create_dir_all(work).unwrap();
    // skopeo's gzip image, then its schema 1 image (a throwaway entry for
    // each history line without a layer).
    let gz = work.join("gzip");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("oci:{}:{tag}", s(root)),
            &format!("oci:{}:gz", s(&gz)),
        ],
    );
    let s1 = work.join("s1");
    ok(
        "skopeo",
        &[
            "copy",
            "--format",
            "v2s1",
            &format!("oci:{}:gz", s(&gz)),
            &format!("dir:{}", s(&s1)),
        ],
    );
    let manifest = s1.join("manifest.json");
    let o = run(&["kind", s(&manifest)]);
    assert_eq!(stdout(&o), format!("docker-schema1  {}\n", s(&manifest)));
    let theirs = work.join("s1-oci");
    ok(
        "skopeo",
        &[
            "copy",
            "--format",
            "oci",
            &format!("dir:{}", s(&s1)),
            &format!("dir:{}", s(&theirs)),
        ],
    );
    // Without the blobs: refused, saying what to give.
    let o = run(&["convert-manifest", "--to", "oci", s(&manifest)]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {}: a signed docker schema 1 manifest converts to oci with its layer blobs (their diff ids): give --blobs\n",
            s(&manifest)
        )
    );
    // Blobs from skopeo's dir: and from the OCI layout give the same.
    for blobs in [&s1, &gz] {
        let config = work.join("config.json");
        let o = run(&[
            "convert-manifest",
            "--to",
            "oci",
            "--compact",
            "--allow-loss",
            "--blobs",
            s(blobs),
            "--config-out",
            s(&config),
            s(&manifest),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(
            stderr(&o),
            format!(
                "oci-model: {}: /signatures: warning[loss]: signatures sign the schema 1 manifest only\n",
                s(&manifest)
            )
        );
        let their_manifest = std::fs::read_to_string(theirs.join("manifest.json")).unwrap();
        assert_eq!(stdout(&o), format!("{their_manifest}\n"), "{}", s(blobs));
        let m: ImageManifest = their_manifest.parse().unwrap();
        assert_eq!(
            String::from_utf8(std::fs::read(&config).unwrap()).unwrap(),
            String::from_utf8(dir_blob(&theirs, m.config())).unwrap(),
            "the configuration, byte for byte"
        );
    }
    // A blob that is not there: the error names it.
    let empty = work.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = run(&[
        "convert-manifest",
        "--to",
        "oci",
        "--allow-loss",
        "--blobs",
        s(&empty),
        s(&manifest),
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("No such file") || stderr(&o).contains("not found"),
        "{}",
        stderr(&o)
    );
}
