//! `oci-model layer create`, `layer ls` and `unpack`, run as a process:
//! output and exit status pinned.
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_oci-model");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn tree(dir: &Path) {
    std::fs::create_dir_all(dir.join("etc")).unwrap();
    std::fs::write(dir.join("etc/hello"), b"hi\n").unwrap();
    std::os::unix::fs::symlink("hello", dir.join("etc/link")).unwrap();
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn create_prints_descriptor_and_diff_id() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    tree(&src);
    let out = t.path().join("l.tar");
    let o = run(&[
        "layer",
        "create",
        s(&src),
        "-o",
        s(&out),
        "--compression",
        "none",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // A plain tar: its digest is its DiffID, and both are pinned (the tar
    // is the same bytes on every machine).
    let d = "sha256:612cd4719a34b2dc7747405ebb606b3501a7769cc50e3174e0a910148d570bb1";
    assert_eq!(
        text(&o.stdout),
        format!(
            "mediaType  application/vnd.oci.image.layer.v1.tar\n\
             digest     {d}\nsize       3072\ndiffID     {d}\n"
        )
    );
    let o = run(&[
        "layer",
        "create",
        s(&src),
        "-o",
        s(&out),
        "-c",
        "gzip",
        "-f",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diffID"], d);
    assert_eq!(
        v["descriptor"]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+gzip"
    );
    assert_eq!(v["entries"], 3);
    assert_eq!(
        v["descriptor"]["size"],
        std::fs::metadata(&out).unwrap().len()
    );
}

#[test]
fn create_errors_are_usage_errors() {
    let t = tempfile::tempdir().unwrap();
    let missing = t.path().join("missing");
    let out = t.path().join("l");
    let o = run(&["layer", "create", s(&missing), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        format!(
            "oci-model: {}: no such file or directory\n",
            missing.display()
        )
    );
    assert!(!out.exists(), "no partial layer is left");
    let o = run(&["layer", "create", s(t.path()), "-o", s(&out), "-c", "lz4"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn ls_lists_entries() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    tree(&src);
    let out = t.path().join("l.tar.zst");
    assert_eq!(
        run(&["layer", "create", s(&src), "-o", s(&out), "-c", "zstd"])
            .status
            .code(),
        Some(0)
    );
    let o = run(&["layer", "ls", s(&out)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        text(&o.stdout),
        "dir      0755 0:0          0 etc/\n\
         file     0644 0:0          3 etc/hello\n\
         symlink  0777 0:0          0 etc/link -> hello\n"
    );
    let o = run(&["layer", "ls", "--format", "json", s(&out)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["compression"], "zstd");
    assert_eq!(v["entries"][2]["linkTarget"], "hello");
    assert_eq!(v["entries"][1]["mode"], "0644");
    // A broken layer: status 1; a missing file: 2.
    let bytes = std::fs::read(&out).unwrap();
    let bad = t.path().join("bad");
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(run(&["layer", "ls", s(&bad)]).status.code(), Some(1));
    let o = run(&["layer", "ls", s(&t.path().join("none"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).ends_with("cannot read: no such file or directory\n"));
}

#[test]
fn unpack_an_image() {
    use oci_model::image::ImageConfiguration;
    use oci_model::image::layout::ImageLayout;
    use oci_model::layer::{ImageDraft, WriteOptions};

    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    tree(&src);
    let layout_dir = t.path().join("layout");
    let mut layout = ImageLayout::create(&layout_dir).unwrap();
    let mut draft = ImageDraft::new(ImageConfiguration::default()).unwrap();
    let l = draft
        .add_dir(&layout, &src, &WriteOptions::default(), None)
        .unwrap();
    let m = draft.write(&mut layout, Some("v1")).unwrap();

    let rootfs = t.path().join("rootfs");
    let image = format!("{}:v1", layout_dir.display());
    let o = run(&["unpack", &image, s(&rootfs)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        format!(
            "layer 1/1 {}: 3 entries, diffID {} verified\n{}: unpacked {} (1 layers)\n",
            l.descriptor().digest(),
            l.diff_id(),
            rootfs.display(),
            m.digest()
        )
    );
    assert_eq!(std::fs::read(rootfs.join("etc/hello")).unwrap(), b"hi\n");

    let o = run(&[
        "unpack",
        "--format",
        "json",
        &image,
        s(&t.path().join("r2")),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["manifest"], m.digest().to_string());
    assert_eq!(v["layers"][0]["diffID"], l.diff_id().to_string());

    // No such tag: the image is not there (1).
    let o = run(&[
        "unpack",
        &format!("{}:v2", layout_dir.display()),
        s(&rootfs),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        format!(
            "oci-model: {}: index.json: no image named \"v2\"\n",
            layout_dir.display()
        )
    );
    // A tampered layer (1), a missing layout (2).
    let blob = layout.blob_file(l.descriptor().digest());
    let mut bytes = std::fs::read(&blob).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&blob, &bytes).unwrap();
    let o = run(&["unpack", &image, s(&t.path().join("r3"))]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let o = run(&[
        "unpack",
        s(&t.path().join("nothing")),
        s(&t.path().join("r4")),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_has_examples_and_format() {
    for args in [&["layer", "create"][..], &["layer", "ls"], &["unpack"]] {
        let mut a = args.to_vec();
        a.push("--help");
        let o = run(&a);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = text(&o.stdout);
        assert!(out.contains("Example"), "{args:?}: {out}");
        assert!(
            out.contains(&format!("oci-model {} ", args.join(" "))),
            "{args:?}: {out}"
        );
        assert!(out.contains("--format"), "{args:?}: {out}");
    }
    let o = run(&["--help"]);
    let out = text(&o.stdout);
    assert!(out.contains("layer") && out.contains("unpack"), "{out}");
}

#[test]
fn unpack_keep_dirlinks_keeps_a_link_under_a_directory_entry() {
    let t = tempfile::tempdir().unwrap();
    let layout = t.path().join("layout");
    crate::merged_usr::merged_usr_layout(&layout);
    let image = format!("{}:clobber", s(&layout));

    // Without the flag the entry `lib/` replaces the link `lib -> usr/lib`.
    let plain = t.path().join("plain");
    let out = run(&["unpack", &image, s(&plain)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lib = std::fs::symlink_metadata(plain.join("lib")).unwrap();
    assert!(lib.is_dir(), "{lib:?}");

    // With it the link stays and the layer's files land in usr/lib.
    let kept = t.path().join("kept");
    let out = run(&["unpack", "--keep-dirlinks", &image, s(&kept)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_link(kept.join("lib")).unwrap(),
        Path::new("usr/lib")
    );
    assert!(
        kept.join("usr/lib/x86_64-linux-gnu/libbar.so.1")
            .symlink_metadata()
            .is_ok()
    );
}
