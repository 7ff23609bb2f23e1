//! Compared with umoci (Debian package `umoci`, 0.4): trees unpacked by
//! this crate from images umoci built (`insert`, `insert --whiteout`,
//! `insert --opaque`, `repack` after deletions) equal `umoci unpack
//! --rootless`'s rootfs, and layers this crate writes unpack in umoci to
//! the same tree. Names, types, modes, link targets and contents are
//! compared (`craft::tree`). Skipped, loudly, without `umoci` on PATH.

use std::path::Path;
use std::process::Command;

use oci_model::image::layout::ImageLayout;
use oci_model::image::{Compression, ImageConfiguration};
use oci_model::layer::{ApplyOptions, ImageDraft, Limits, WriteOptions, unpack_image};

use crate::craft::tree;

pub(crate) fn have_umoci() -> bool {
    let ok = Command::new("umoci")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "SKIPPED: umoci is not installed (apt-get install -y umoci): \
             the comparison with umoci did not run"
        );
    }
    ok
}

fn umoci(args: &[&str]) {
    let o = Command::new("umoci").args(args).output().unwrap();
    assert!(
        o.status.success(),
        "umoci {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// umoci's rootfs of `image` (`LAYOUT:TAG`), unpacked rootless into a new
/// bundle below `work`.
fn umoci_rootfs(work: &Path, image: &str, name: &str) -> Vec<String> {
    umoci_rootfs_with(work, image, name, &[])
}

/// As [`umoci_rootfs`], with more options of `umoci unpack`.
pub(crate) fn umoci_rootfs_with(
    work: &Path,
    image: &str,
    name: &str,
    extra: &[&str],
) -> Vec<String> {
    let bundle = work.join(name);
    let mut args = vec!["unpack", "--rootless"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--image", image, s(&bundle)]);
    umoci(&args);
    tree(&bundle.join("rootfs"))
}

/// This crate's tree of `tag` in the layout at `layout`.
fn our_rootfs(work: &Path, layout: &Path, tag: &str, name: &str) -> Vec<String> {
    our_rootfs_with(work, layout, tag, name, ApplyOptions::rootless())
}

/// As [`our_rootfs`], with `options` (setuid and setgid bits kept, as
/// umoci keeps them also when rootless).
pub(crate) fn our_rootfs_with(
    work: &Path,
    layout: &Path,
    tag: &str,
    name: &str,
    options: ApplyOptions,
) -> Vec<String> {
    let out = work.join(name);
    std::fs::create_dir_all(&out).unwrap();
    let l = ImageLayout::open(layout).unwrap();
    unpack_image(
        &l,
        Some(tag),
        None,
        &out,
        options.set_special_bits(true),
        Limits::default(),
    )
    .unwrap();
    tree(&out)
}

fn write(p: &Path, content: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn umoci_images_unpack_here_as_in_umoci() {
    if !have_umoci() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let w = t.path();
    let layout = w.join("layout");
    let a = w.join("a");
    write(&a.join("etc/os-release"), "ID=test\n");
    write(&a.join("etc/hostname"), "box\n");
    write(&a.join("usr/share/doc/readme"), "doc\n");
    write(&a.join("usr/share/doc/more/deep"), "deep\n");
    write(&a.join("usr/bin/tool"), "#!/bin/sh\n");
    chmod(&a.join("usr/bin/tool"), 0o4755);
    write(&a.join("opt/app/config"), "x=1\n");
    std::os::unix::fs::symlink("../etc/os-release", a.join("usr/os-release")).unwrap();
    std::fs::hard_link(a.join("etc/hostname"), a.join("etc/hostname.bak")).unwrap();
    std::fs::create_dir_all(a.join("tmp")).unwrap();
    chmod(&a.join("tmp"), 0o1777);
    let b = w.join("b");
    write(&b.join("new-doc"), "replaced\n");

    let img = |tag: &str| format!("{}:{tag}", layout.display());
    umoci(&["init", "--layout", s(&layout)]);
    umoci(&["new", "--image", &img("t")]);
    umoci(&["insert", "--image", &img("t"), s(&a), "/"]);
    umoci(&[
        "insert",
        "--image",
        &img("t"),
        "--whiteout",
        "/etc/hostname",
    ]);
    umoci(&[
        "insert",
        "--image",
        &img("t"),
        "--opaque",
        s(&b),
        "/usr/share/doc",
    ]);
    assert_eq!(
        our_rootfs(w, &layout, "t", "ours-t"),
        umoci_rootfs(w, &img("t"), "umoci-t")
    );

    // A repack after deletions, additions and changes: umoci writes the
    // whiteouts itself.
    let bundle = w.join("edit");
    umoci(&["unpack", "--rootless", "--image", &img("t"), s(&bundle)]);
    let r = bundle.join("rootfs");
    std::fs::remove_dir_all(r.join("opt")).unwrap();
    std::fs::remove_file(r.join("usr/os-release")).unwrap();
    std::fs::remove_file(r.join("etc/os-release")).unwrap();
    write(&r.join("etc/added"), "added\n");
    write(&r.join("var/lib/state"), "state\n");
    chmod(&r.join("var/lib"), 0o700);
    std::os::unix::fs::symlink("/proc/self/mounts", r.join("etc/mtab")).unwrap();
    umoci(&["repack", "--image", &img("t2"), s(&bundle)]);
    let ours = our_rootfs(w, &layout, "t2", "ours-t2");
    let theirs = umoci_rootfs(w, &img("t2"), "umoci-t2");
    assert_eq!(ours, theirs);
    let names: Vec<&str> = ours.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert!(
        names.contains(&"etc/added") && !names.contains(&"opt"),
        "{names:?}"
    );

    // The same image recompressed as zstd by skopeo.
    let zstd_layout = w.join("zstd");
    let copied = Command::new("skopeo")
        .args([
            "--insecure-policy",
            "copy",
            "--dest-compress-format",
            "zstd",
        ])
        .arg(format!("oci:{}:t2", layout.display()))
        .arg(format!("oci:{}:t2", zstd_layout.display()))
        .output();
    match copied {
        Ok(o) if o.status.success() => {
            assert_eq!(our_rootfs(w, &zstd_layout, "t2", "ours-zstd"), theirs);
        }
        Ok(o) => panic!("skopeo copy: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => eprintln!("SKIPPED: skopeo is not installed: the zstd comparison did not run"),
    }
}

#[test]
fn layers_written_here_unpack_in_umoci_to_the_same_tree() {
    if !have_umoci() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let w = t.path();
    let src = w.join("src");
    crate::write_read::sample_tree(&src);
    chmod(&src.join("usr/bin/tool"), 0o2755);
    let layout_dir = w.join("layout");
    let mut layout = ImageLayout::create(&layout_dir).unwrap();
    let mut draft = ImageDraft::new(ImageConfiguration::default()).unwrap();
    draft
        .add_dir(&layout, &src, &WriteOptions::new(Compression::Gzip), None)
        .unwrap();
    draft.write(&mut layout, Some("one")).unwrap();
    let image = |tag: &str| format!("{}:{tag}", layout_dir.display());
    assert_eq!(umoci_rootfs(w, &image("one"), "umoci-one"), tree(&src));

    // A second layer, zstd is not read by umoci 0.4: gzip, with a
    // whiteout, an opaque directory and a replaced file.
    draft
        .add_layer_with(&layout, &WriteOptions::new(Compression::Gzip), None, |l| {
            l.append_whiteout("etc/os-release")?;
            l.append_opaque("usr/share")?;
            l.append_dir("usr/share", 0o755)?;
            l.append_file("usr/share/only", 0o600, b"only\n")?;
            l.append_file("etc/hostname", 0o644, b"changed\n")?;
            l.append_whiteout("var")
        })
        .unwrap();
    draft.write(&mut layout, Some("two")).unwrap();
    let theirs = umoci_rootfs(w, &image("two"), "umoci-two");
    assert_eq!(our_rootfs(w, &layout_dir, "two", "ours-two"), theirs);
    let names: Vec<&str> = theirs
        .iter()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert!(names.contains(&"usr/share/only"), "{names:?}");
    assert!(!names.contains(&"usr/share/doc"), "{names:?}");
    assert!(
        !names.contains(&"etc/os-release") && !names.contains(&"var"),
        "{names:?}"
    );
}
