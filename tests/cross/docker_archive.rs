//! docker-archive (`docker save` / `docker load`): archives skopeo 1.9.3
//! writes are read, verified and converted to OCI as skopeo converts them;
//! archives the crate writes are read by `skopeo inspect` and `skopeo copy`;
//! hostile archives (links leaving the archive, loops, duplicates, absolute
//! and `..` names) are refused with the member named.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::path::Path;

use oci_model::docker::{DockerArchive, DockerError};
use oci_model::image::ImageManifest;
use oci_model::image::layout::ImageLayout;
use serde_json::Value;

use crate::real_tools::{blob, crate_layout, have, named, ok, s};

#[test]
fn skopeo_docker_archives_are_read_and_convert_as_skopeo_converts_them() {
    if !have(
        "skopeo_docker_archives_are_read_and_convert_as_skopeo_converts_them",
        &["skopeo"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let tar = tmp.path().join("docker.tar");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("oci:{}:hello", s(&l.root)),
            &format!("docker-archive:{}:example/hello:1", s(&tar)),
        ],
    );
    let a = DockerArchive::open(&tar).unwrap();
    assert_eq!(a.images().len(), 1);
    assert_eq!(
        a.images()[0].repo_tags().as_deref(),
        Some(&["docker.io/example/hello:1".to_owned()][..]),
        "skopeo writes the name normalized"
    );
    assert!(!a.is_oci_layout());
    let report = a.check();
    assert!(report.is_clean(), "{report}");
    // To OCI, as skopeo does it (skopeo keeping the layers uncompressed).
    let ours = tmp.path().join("ours");
    let mut layout = ImageLayout::create(&ours).unwrap();
    let done = a.to_oci_layout(&mut layout).unwrap();
    assert_eq!(done.len(), 1);
    assert!(done[0].1.is_empty(), "{:?}", done[0].1);
    let check = oci_model::image::layout::check(&ours).unwrap();
    assert!(check.is_valid(), "{check}");
    let theirs = tmp.path().join("theirs");
    ok(
        "skopeo",
        &[
            "copy",
            "--dest-oci-accept-uncompressed-layers",
            &format!("docker-archive:{}", s(&tar)),
            &format!("oci:{}:docker.io/example/hello:1", s(&theirs)),
        ],
    );
    let theirs_layout = ImageLayout::open(&theirs).unwrap();
    let their_d = named(&theirs_layout, "docker.io/example/hello:1");
    let our_d = named(&layout, "docker.io/example/hello:1");
    // One difference, listed: skopeo's docker-archive source labels every
    // layer with the gzip type (containers/image's tarfile source writes
    // DockerV2Schema2LayerMediaType), so with uncompressed layers kept its
    // OCI layer says tar+gzip for a plain tar; the crate looks at the bytes
    // and says tar. Everything else is byte for byte skopeo's.
    let ours_text = String::from_utf8(blob(&ours, &our_d)).unwrap();
    let theirs_text = String::from_utf8(blob(&theirs, &their_d)).unwrap();
    assert_eq!(
        ours_text.replace(
            "\"application/vnd.oci.image.layer.v1.tar\"",
            "\"application/vnd.oci.image.layer.v1.tar+gzip\""
        ),
        theirs_text,
        "the OCI manifest, but for the layer type"
    );
    assert!(ours_text.contains("\"application/vnd.oci.image.layer.v1.tar\""));
    // The layer is the crate's original uncompressed layer.
    let m: ImageManifest = oci_model::io::from_slice(&blob(&ours, &our_d)).unwrap();
    assert_eq!(m.layers()[0].digest(), l.hello.layer.digest());
}

#[test]
fn crate_docker_archives_are_read_by_skopeo() {
    if !have("crate_docker_archives_are_read_by_skopeo", &["skopeo"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let layout = ImageLayout::open(&l.root).unwrap();
    let tar = tmp.path().join("ours.tar");
    let file = std::fs::File::create(&tar).unwrap();
    DockerArchive::write(
        &layout,
        &[
            (named(&layout, "hello"), vec!["example/hello:2".to_owned()]),
            (l.arm64.manifest.clone(), vec!["example/arm:1".to_owned()]),
        ],
        file,
    )
    .unwrap();
    // Deterministic: the same archive twice.
    let mut again = Vec::new();
    DockerArchive::write(
        &layout,
        &[
            (named(&layout, "hello"), vec!["example/hello:2".to_owned()]),
            (l.arm64.manifest.clone(), vec!["example/arm:1".to_owned()]),
        ],
        &mut again,
    )
    .unwrap();
    assert_eq!(std::fs::read(&tar).unwrap(), again);
    // The crate reads it back clean.
    let a = DockerArchive::open(&tar).unwrap();
    assert!(a.check().is_clean(), "{}", a.check());
    // skopeo inspects and copies it.
    let inspect: Value = serde_json::from_str(&ok(
        "skopeo",
        &[
            "inspect",
            &format!("docker-archive:{}:example/hello:2", s(&tar)),
        ],
    ))
    .unwrap();
    assert_eq!(inspect["Architecture"], "amd64");
    assert_eq!(
        inspect["Layers"][0].as_str().unwrap(),
        l.hello.layer.digest().as_str()
    );
    let raw: Value = serde_json::from_str(&ok(
        "skopeo",
        &[
            "inspect",
            "--config",
            "--raw",
            &format!("docker-archive:{}:example/arm:1", s(&tar)),
        ],
    ))
    .unwrap();
    assert_eq!(raw["architecture"], "arm64");
    let back = tmp.path().join("back");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("docker-archive:{}:example/hello:2", s(&tar)),
            &format!("oci:{}:hello", s(&back)),
        ],
    );
    let check = oci_model::image::layout::check(&back).unwrap();
    assert!(check.is_valid(), "{check}");
}

/// A member of a test archive: `Ok(bytes)` a file, `Err(target)` a symlink.
type Member<'a> = (&'a str, Result<&'a [u8], &'a str>);

/// A tar of `members`.
fn tar_of(path: &Path, members: &[Member<'_>]) {
    let mut b = tar::Builder::new(Vec::new());
    for (name, m) in members {
        let mut h = tar::Header::new_gnu();
        h.set_mode(0o644);
        match m {
            Ok(bytes) => {
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(bytes.len() as u64);
                // Names are set raw, so that hostile ones get in.
                h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
                h.set_cksum();
                b.append(&h, *bytes).unwrap();
            }
            Err(target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_size(0);
                h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
                h.as_gnu_mut().unwrap().linkname[..target.len()].copy_from_slice(target.as_bytes());
                h.set_cksum();
                b.append(&h, std::io::empty()).unwrap();
            }
        }
    }
    std::fs::write(path, b.into_inner().unwrap()).unwrap();
}

#[test]
fn hostile_docker_archives_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest: &[u8] = br#"[{"Config":"c.json","RepoTags":["a:b"],"Layers":["l/layer.tar"]}]"#;
    let config: &[u8] = br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"]}}"#;
    let cases: &[(&str, Vec<Member<'_>>, &str)] = &[
        (
            "link leaving the archive",
            vec![
                ("manifest.json", Ok(manifest)),
                ("c.json", Ok(config)),
                ("l/layer.tar", Err("../../etc/passwd")),
            ],
            "l/layer.tar: is a link to \"../../etc/passwd\", outside the archive: refused",
        ),
        (
            "absolute link",
            vec![
                ("manifest.json", Ok(manifest)),
                ("l/layer.tar", Err("/etc/passwd")),
            ],
            "l/layer.tar: is a link to the absolute path \"/etc/passwd\": refused",
        ),
        (
            "dot-dot name",
            vec![("../manifest.json", Ok(manifest))],
            "../manifest.json: has a \"..\" component: refused",
        ),
        (
            "absolute name",
            vec![("/manifest.json", Ok(manifest))],
            "/manifest.json: has an absolute path: refused",
        ),
        (
            "duplicate",
            vec![
                ("manifest.json", Ok(manifest)),
                ("./manifest.json", Ok(b"[]")),
            ],
            "manifest.json: appears more than once in the archive: refused",
        ),
        (
            "no manifest.json",
            vec![("c.json", Ok(config))],
            "manifest.json: is not in the archive",
        ),
        (
            "a link loop",
            vec![("manifest.json", Err("a")), ("a", Err("manifest.json"))],
            "manifest.json: goes through more than 8 links: refused",
        ),
        (
            "a link to nothing",
            vec![("manifest.json", Err("gone.json"))],
            "manifest.json: is a link to \"gone.json\", which is not in the archive",
        ),
    ];
    for (i, (what, members, want)) in cases.iter().enumerate() {
        let path = tmp.path().join(format!("{i}.tar"));
        tar_of(&path, members);
        let e = DockerArchive::open(&path).unwrap_err();
        assert!(matches!(e, DockerError::Archive { .. }), "{what}: {e}");
        assert_eq!(e.to_string(), *want, "{what}");
    }
    // Links inside the archive are followed (skopeo and docker save link
    // repeated layers); a layer that is not its diff_id is reported.
    let path = tmp.path().join("linked.tar");
    tar_of(
        &path,
        &[
            ("manifest.json", Ok(manifest)),
            ("c.json", Ok(config)),
            ("shared.tar", Ok(b"not the layer")),
            ("l/layer.tar", Err("../shared.tar")),
        ],
    );
    let a = DockerArchive::open(&path).unwrap();
    let r = a.check();
    assert_eq!(r.violations().len(), 1, "{r}");
    assert_eq!(r.violations()[0].rule_name(), "docker-archive-digest");
    assert_eq!(r.violations()[0].path(), "l/layer.tar");
}

/// `oci-model ARGS` in the crate folder: exit code, stdout, stderr.
fn cli(args: &[&str]) -> (i32, String, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_oci-model"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn layout_commands_read_and_write_docker_archives() {
    if !have(
        "layout_commands_read_and_write_docker_archives",
        &["skopeo"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    // skopeo's archive: check and ls.
    let tar = tmp.path().join("skopeo.tar");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("oci:{}:hello", s(&l.root)),
            &format!("docker-archive:{}:example/hello:1", s(&tar)),
        ],
    );
    let (code, out, err) = cli(&["layout", "check", s(&tar)]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, format!("{}: ok (docker-archive, 1 image)\n", s(&tar)));
    let config = l.hello.config.digest().clone();
    let layer = l.hello.layer.digest().encoded().to_owned();
    let (code, out, _) = cli(&["layout", "ls", s(&tar)]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("docker.io/example/hello:1\tdocker-archive\t{config}\t1 layer\n")
    );
    let (_, out, _) = cli(&["layout", "ls", "--format", "json", s(&tar)]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{"names": ["docker.io/example/hello:1"],
            "config": config.to_string(), "layers": [format!("{layer}.tar")]}])
    );
    // The crate's archive, from the layout: read by skopeo.
    let ours = tmp.path().join("ours.tar");
    let (code, out, err) = cli(&[
        "layout",
        "docker-archive",
        s(&l.root),
        s(&ours),
        "hello=example/hello:3",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{}: 1 image written\n", s(&ours)));
    let (code, out, _) = cli(&["layout", "check", s(&ours)]);
    assert_eq!(code, 0, "{out}");
    let inspect: Value = serde_json::from_str(&ok(
        "skopeo",
        &["inspect", &format!("docker-archive:{}", s(&ours))],
    ))
    .unwrap();
    // (skopeo lists no RepoTags for a docker-archive source.)
    assert_eq!(inspect["RepoTags"], serde_json::json!([]), "{inspect}");
    assert_eq!(inspect["Layers"][0], l.hello.layer.digest().as_str());
    // An index cannot go into a docker-archive.
    let (code, _, err) = cli(&["layout", "docker-archive", s(&l.root), s(&ours), "multi"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"multi\" is a application/vnd.oci.image.index.v1+json"),
        "{err}"
    );
}

/// Each archive rule, broken once: the rule and the path it names.
#[test]
fn each_archive_rule_is_reported_at_its_member() {
    let tmp = tempfile::tempdir().unwrap();
    let layer: &[u8] = &[0u8; 1024]; // an empty tar: two zero blocks
    let diff_id = oci_model::image::Digest::sha256_of(layer).to_string();
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":["{diff_id}"]}}}}"#
    );
    let config = config.as_bytes();
    let gz = {
        use std::io::Write as _;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(layer).unwrap();
        e.finish().unwrap()
    };
    let gz_other = {
        use std::io::Write as _;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&[1u8; 1024]).unwrap();
        e.finish().unwrap()
    };
    let manifest = |config: &str, layers: &str| {
        format!(r#"[{{"Config":"{config}","RepoTags":["a:b"],"Layers":[{layers}]}}]"#)
    };
    let good = manifest("c.json", r#""l.tar""#);
    let no_config = manifest("gone.json", r#""l.tar""#);
    let no_layer = manifest("c.json", r#""gone.tar""#);
    let two_layers = manifest("c.json", r#""l.tar","l.tar""#);
    let named = manifest(&format!("{}.json", "0".repeat(64)), r#""l.tar""#);
    let zeros = format!("{}.json", "0".repeat(64));
    let cases: Vec<(&str, Vec<Member<'_>>, &str, &str)> = vec![
        (
            "no configuration",
            vec![
                ("manifest.json", Ok(no_config.as_bytes())),
                ("l.tar", Ok(layer)),
            ],
            "docker-archive-member",
            "manifest.json/0/Config",
        ),
        (
            "no layer",
            vec![
                ("manifest.json", Ok(no_layer.as_bytes())),
                ("c.json", Ok(config)),
            ],
            "docker-archive-member",
            "manifest.json/0/Layers/0",
        ),
        (
            "a configuration that is not its name's digest",
            vec![
                ("manifest.json", Ok(named.as_bytes())),
                (&zeros, Ok(config)),
                ("l.tar", Ok(layer)),
            ],
            "docker-archive-digest",
            &zeros,
        ),
        (
            "a configuration that does not decode",
            vec![
                ("manifest.json", Ok(good.as_bytes())),
                ("c.json", Ok(br#"{"os":"linux"}"#)),
                ("l.tar", Ok(layer)),
            ],
            "docker-archive-config",
            "c.json",
        ),
        (
            "two layers for one diff_id",
            vec![
                ("manifest.json", Ok(two_layers.as_bytes())),
                ("c.json", Ok(config)),
                ("l.tar", Ok(layer)),
            ],
            "docker-archive-layers",
            "manifest.json/0/Layers",
        ),
        (
            "a gzip layer",
            vec![
                ("manifest.json", Ok(good.as_bytes())),
                ("c.json", Ok(config)),
                ("l.tar", Ok(&gz)),
            ],
            "docker-archive-layer-compressed",
            "l.tar",
        ),
        (
            "a gzip layer whose tar is not its diff_id",
            vec![
                ("manifest.json", Ok(good.as_bytes())),
                ("c.json", Ok(config)),
                ("l.tar", Ok(&gz_other)),
            ],
            "docker-archive-digest",
            "l.tar",
        ),
    ];
    for (i, (what, members, rule, path)) in cases.iter().enumerate() {
        let file = tmp.path().join(format!("{i}.tar"));
        tar_of(&file, members);
        let r = DockerArchive::open(&file).unwrap().check();
        let hit = r
            .violations()
            .iter()
            .find(|v| v.rule_name() == *rule)
            .unwrap_or_else(|| panic!("{what}: no {rule} in\n{r}"));
        assert_eq!(hit.path(), *path, "{what}: {hit}");
    }
    // And the good one is clean.
    let file = tmp.path().join("good.tar");
    tar_of(
        &file,
        &[
            ("manifest.json", Ok(good.as_bytes())),
            ("c.json", Ok(config)),
            ("l.tar", Ok(layer)),
        ],
    );
    let r = DockerArchive::open(&file).unwrap().check();
    assert!(r.is_clean(), "{r}");
}

/// A layout with gzip layers (skopeo's `oci:` copy) written as a
/// docker-archive: the layers go in decompressed, named by their DiffID, as
/// `docker save` and skopeo's `docker-archive:` write them; the archive
/// checks clean (every DiffID verified) and skopeo reads it back to the
/// same image (its diff_ids and configuration).
#[test]
fn gzip_layers_are_written_decompressed() {
    if !have("gzip_layers_are_written_decompressed", &["skopeo"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let gz = tmp.path().join("gz");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("oci:{}:hello", s(&l.root)),
            &format!("oci:{}:gz", s(&gz)),
        ],
    );
    let layout = ImageLayout::open(&gz).unwrap();
    let desc = named(&layout, "gz");
    let m: ImageManifest = oci_model::io::from_slice(&blob(&gz, &desc)).unwrap();
    assert_eq!(
        m.layers()[0].media_type().as_str(),
        "application/vnd.oci.image.layer.v1.tar+gzip"
    );
    let tar = tmp.path().join("gz.tar");
    DockerArchive::write(
        &layout,
        &[(desc, vec!["example/gz:1".to_owned()])],
        std::fs::File::create(&tar).unwrap(),
    )
    .unwrap();
    let archive = DockerArchive::open(&tar).unwrap();
    assert!(archive.check().is_clean(), "{}", archive.check());
    // The layer member is the plain tar, named by its DiffID.
    let diff_id = l.hello.layer.digest();
    assert_eq!(
        archive.images()[0].layers(),
        &[format!("{}.tar", diff_id.encoded())]
    );
    let (mut member, _) = archive
        .open_member(&archive.images()[0].layers()[0])
        .unwrap();
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut member, &mut plain).unwrap();
    assert_eq!(&oci_model::image::Digest::sha256_of(&plain), diff_id);
    // skopeo reads it: the same configuration, the plain layer.
    let raw = ok(
        "skopeo",
        &[
            "inspect",
            "--config",
            "--raw",
            &format!("docker-archive:{}:example/gz:1", s(&tar)),
        ],
    );
    assert_eq!(raw.as_bytes(), blob(&gz, m.config()).as_slice());
    let back = tmp.path().join("back");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("docker-archive:{}:example/gz:1", s(&tar)),
            &format!("oci:{}:back", s(&back)),
        ],
    );
    let check = oci_model::image::layout::check(&back).unwrap();
    assert!(check.is_valid(), "{check}");
}

/// An archive as `docker save` writes it since Docker 25: an OCI image
/// layout (`oci-layout`, `index.json`, `blobs/sha256/...`) that also has
/// `manifest.json` naming the blobs. Read as a docker-archive (the blob
/// names checked as digests, the layers against their DiffIDs); `layout
/// check` takes it as the OCI layout it is; skopeo reads it both ways.
#[test]
fn docker_25_archives_are_layouts_and_docker_archives() {
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let hex = |d: &oci_model::image::Descriptor| format!("blobs/sha256/{}", d.digest().encoded());
    let manifest = format!(
        r#"[{{"Config":"{}","RepoTags":["example/hello:25"],"Layers":["{}"]}}]"#,
        hex(&l.hello.config),
        hex(&l.hello.layer)
    );
    let tar = tmp.path().join("docker25.tar");
    let mut b = tar::Builder::new(Vec::new());
    b.mode(tar::HeaderMode::Deterministic);
    let mut names = vec!["oci-layout".to_owned(), "index.json".to_owned()];
    for e in std::fs::read_dir(l.root.join("blobs/sha256")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        names.push(format!("blobs/sha256/{name}"));
    }
    for name in &names {
        b.append_path_with_name(l.root.join(name), name).unwrap();
    }
    let mut h = tar::Header::new_ustar();
    h.set_mode(0o644);
    h.set_size(manifest.len() as u64);
    b.append_data(&mut h, "manifest.json", manifest.as_bytes())
        .unwrap();
    std::fs::write(&tar, b.into_inner().unwrap()).unwrap();

    let a = DockerArchive::open(&tar).unwrap();
    assert!(a.is_oci_layout());
    assert!(a.check().is_clean(), "{}", a.check());
    assert_eq!(a.images()[0].config(), &hex(&l.hello.config));
    // The CLI checks it as a layout (the OCI view of the same blobs).
    let (code, out, err) = cli(&["layout", "check", s(&tar)]);
    assert_eq!(code, 0, "{out}{err}");
    if !have(
        "docker_25_archives_are_layouts_and_docker_archives (skopeo)",
        &["skopeo"],
    ) {
        return;
    }
    let inspect: Value = serde_json::from_str(&ok(
        "skopeo",
        &["inspect", &format!("docker-archive:{}", s(&tar))],
    ))
    .unwrap();
    assert_eq!(
        inspect["Layers"][0].as_str().unwrap(),
        l.hello.layer.digest().as_str()
    );
    let raw = ok(
        "skopeo",
        &[
            "inspect",
            "--raw",
            &format!("oci-archive:{}:hello", s(&tar)),
        ],
    );
    assert_eq!(raw.as_bytes(), blob(&l.root, &l.hello.manifest).as_slice());
}

/// `layout from-docker-archive`: a docker-archive to an image layout (the
/// Docker-only configuration members listed, and refused unless
/// `--allow-loss`, before anything is written); `layout gc` and `layout
/// docker-archive` name the command to use on a docker-archive.
#[test]
fn from_docker_archive_writes_a_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let layer: &[u8] = &[0u8; 1024];
    let diff_id = oci_model::image::Digest::sha256_of(layer).to_string();
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","docker_version":"24.0.7","config":{{"Cmd":["/x"]}},"rootfs":{{"type":"layers","diff_ids":["{diff_id}"]}}}}"#
    );
    let manifest: &[u8] = br#"[{"Config":"c.json","RepoTags":["example/x:1"],"Layers":["l.tar"]}]"#;
    let tar = tmp.path().join("saved.tar");
    tar_of(
        &tar,
        &[
            ("manifest.json", Ok(manifest)),
            ("c.json", Ok(config.as_bytes())),
            ("l.tar", Ok(layer)),
        ],
    );
    let dir = tmp.path().join("image");
    let (code, out, err) = cli(&["layout", "from-docker-archive", s(&tar), s(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        err,
        format!(
            "oci-model: {}: c.json:/docker_version: error[loss]: a docker member the oci configuration does not have\n",
            s(&tar)
        )
    );
    assert!(!dir.exists(), "nothing written");
    let (code, out, err) = cli(&[
        "layout",
        "from-docker-archive",
        "--allow-loss",
        s(&tar),
        s(&dir),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{}: 1 image written\n", s(&dir)));
    assert!(err.contains("warning[loss]"), "{err}");
    let layout = ImageLayout::open(&dir).unwrap();
    let m: ImageManifest =
        oci_model::io::from_slice(&blob(&dir, &named(&layout, "example/x:1"))).unwrap();
    assert_eq!(
        m.layers()[0].media_type().as_str(),
        "application/vnd.oci.image.layer.v1.tar"
    );
    assert_eq!(m.layers()[0].digest().as_str(), diff_id);
    let (code, out, err) = cli(&["layout", "check", s(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    for command in ["gc", "docker-archive"] {
        let mut args = vec!["layout", command, s(&tar)];
        if command == "docker-archive" {
            args.push("out.tar");
        }
        let (code, _, err) = cli(&args);
        assert_eq!(code, 2);
        assert_eq!(
            err,
            format!(
                "oci-model: {0}: is a docker-archive: `layout {command}` works on OCI image layouts (convert it with `oci-model layout from-docker-archive {0} DIR`)\n",
                s(&tar)
            )
        );
    }
}
