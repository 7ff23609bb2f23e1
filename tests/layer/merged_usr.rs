//! Merged-/usr images (`bin -> usr/bin`, `lib -> usr/lib`, `sbin ->
//! usr/sbin`, as Debian 12, Fedora and Arch ship them), with a later layer
//! whose entries go through those links (`lib/x86_64-linux-gnu/...`), as a
//! layer made on a base where `/lib` was a directory has them. The links
//! are followed inside the root, as umoci and containerd do; the trees are
//! compared with `umoci unpack` (skipped, loudly, without umoci).

use std::path::Path;

use oci_model::image::layout::ImageLayout;
use oci_model::image::{Compression, Digest, ImageConfiguration};
use oci_model::layer::{ApplyOptions, ImageDraft, WriteOptions};

use crate::umoci::{have_umoci, our_rootfs_with, umoci_rootfs_with};

/// A layout with the images `merged` (a merged-/usr base, then a layer
/// written through its links) and `clobber` (then a layer tarred from a
/// tree where `lib` was a directory: it has the entry `lib/`).
pub(crate) fn merged_usr_layout(dir: &Path) {
    let mut layout = ImageLayout::create(dir).unwrap();
    let mut draft = ImageDraft::new(ImageConfiguration::default()).unwrap();
    let gz = WriteOptions::new(Compression::Gzip);
    draft
        .add_layer_with(&layout, &gz, None, |l| {
            for d in [
                "etc",
                "usr",
                "usr/bin",
                "usr/lib",
                "usr/lib/x86_64-linux-gnu",
                "usr/lib64",
                "usr/sbin",
            ] {
                l.append_dir(d, 0o755)?;
            }
            l.append_symlink("bin", "usr/bin")?;
            l.append_symlink("lib", "usr/lib")?;
            l.append_symlink("lib64", "usr/lib64")?;
            l.append_symlink("sbin", "usr/sbin")?;
            l.append_file("etc/os-release", 0o644, b"ID=debian\n")?;
            l.append_file("usr/bin/sh", 0o755, b"sh")?;
            l.append_file("usr/lib/x86_64-linux-gnu/libc.so.6", 0o755, b"libc 2.36")?;
            l.append_file("usr/lib/x86_64-linux-gnu/libold.so.1", 0o644, b"old")?;
            l.append_file(
                "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                0o755,
                b"ld",
            )?;
            l.append_symlink(
                "usr/lib64/ld-linux-x86-64.so.2",
                "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            )?;
            l.append_file("usr/sbin/init", 0o755, b"init")?;
            l.append_file("usr/sbin/old-tool", 0o755, b"old")
        })
        .unwrap();
    draft
        .add_layer_with(&layout, &gz, None, |l| {
            l.append_dir("lib/x86_64-linux-gnu", 0o755)?;
            l.append_file("lib/x86_64-linux-gnu/libc.so.6", 0o755, b"libc 2.37")?;
            l.append_file("lib/x86_64-linux-gnu/libfoo.so.1", 0o644, b"foo")?;
            l.append_symlink("lib/x86_64-linux-gnu/libfoo.so", "libfoo.so.1")?;
            l.append_whiteout("lib/x86_64-linux-gnu/libold.so.1")?;
            l.append_file("bin/tool", 0o755, b"tool")?;
            l.append_hardlink("bin/tool2", "bin/tool")?;
            l.append_hardlink("usr/bin/sh2", "bin/sh")?;
            l.append_opaque("sbin")?;
            l.append_file("sbin/new-init", 0o755, b"new")?;
            l.append_file("lib64/extra", 0o644, b"extra")
        })
        .unwrap();
    draft.write(&mut layout, Some("merged")).unwrap();
    draft
        .add_layer_with(&layout, &gz, None, |l| {
            l.append_dir("lib", 0o755)?;
            l.append_dir("lib/x86_64-linux-gnu", 0o755)?;
            l.append_file("lib/x86_64-linux-gnu/libbar.so.1", 0o644, b"bar")
        })
        .unwrap();
    draft.write(&mut layout, Some("clobber")).unwrap();
}

fn names(tree: &[String]) -> Vec<&str> {
    tree.iter().map(|l| l.split(' ').next().unwrap()).collect()
}

#[test]
fn merged_usr_layers_unpack_through_the_links() {
    let t = tempfile::tempdir().unwrap();
    let w = t.path();
    let layout = w.join("layout");
    merged_usr_layout(&layout);
    let ours = our_rootfs_with(w, &layout, "merged", "ours", ApplyOptions::rootless());
    let file = |n: &str, mode: &str, content: &[u8]| {
        format!("{n} file {mode} {}", Digest::sha256_of(content))
    };
    for line in [
        "lib symlink usr/lib".to_owned(),
        "bin symlink usr/bin".to_owned(),
        "sbin symlink usr/sbin".to_owned(),
        file("usr/lib/x86_64-linux-gnu/libc.so.6", "755", b"libc 2.37"),
        file("usr/lib/x86_64-linux-gnu/libfoo.so.1", "644", b"foo"),
        "usr/lib/x86_64-linux-gnu/libfoo.so symlink libfoo.so.1".to_owned(),
        file("usr/bin/tool", "755", b"tool"),
        file("usr/bin/tool2", "755", b"tool"),
        file("usr/bin/sh2", "755", b"sh"),
        file("usr/sbin/new-init", "755", b"new"),
        file("usr/lib64/extra", "644", b"extra"),
    ] {
        assert!(ours.contains(&line), "{line} not in {ours:#?}");
    }
    let n = names(&ours);
    for gone in [
        "usr/lib/x86_64-linux-gnu/libold.so.1",
        "usr/sbin/init",
        "usr/sbin/old-tool",
    ] {
        assert!(!n.contains(&gone), "{gone} in {n:?}");
    }
    // Nothing was written beside the links.
    assert!(
        !n.iter()
            .any(|n| n.starts_with("lib/") || n.starts_with("bin/"))
    );

    if !have_umoci() {
        return;
    }
    let image = format!("{}:merged", layout.display());
    assert_eq!(ours, umoci_rootfs_with(w, &image, "umoci", &[]));
}

#[test]
fn a_directory_entry_over_a_merged_usr_link_as_umoci() {
    let t = tempfile::tempdir().unwrap();
    let w = t.path();
    let layout = w.join("layout");
    merged_usr_layout(&layout);
    // By default the entry `lib/` replaces the link, as in umoci and
    // containerd: the base's libraries are no longer under `lib`.
    let ours = our_rootfs_with(w, &layout, "clobber", "ours", ApplyOptions::rootless());
    let n = names(&ours);
    assert!(ours.contains(&"lib dir 755".to_owned()), "{ours:#?}");
    assert!(n.contains(&"lib/x86_64-linux-gnu/libbar.so.1"), "{n:?}");
    assert!(n.contains(&"usr/lib/x86_64-linux-gnu/libc.so.6"), "{n:?}");
    // With keep_dirlinks (umoci's --keep-dirlinks) the link stays and the
    // entries go through it.
    let kept = our_rootfs_with(
        w,
        &layout,
        "clobber",
        "ours-kept",
        ApplyOptions::rootless().set_keep_dirlinks(true),
    );
    let k = names(&kept);
    assert!(
        kept.contains(&"lib symlink usr/lib".to_owned()),
        "{kept:#?}"
    );
    assert!(k.contains(&"usr/lib/x86_64-linux-gnu/libbar.so.1"), "{k:?}");
    assert!(k.contains(&"usr/lib/x86_64-linux-gnu/libfoo.so.1"), "{k:?}");

    if !have_umoci() {
        return;
    }
    let image = format!("{}:clobber", layout.display());
    assert_eq!(ours, umoci_rootfs_with(w, &image, "umoci", &[]));
    assert_eq!(
        kept,
        umoci_rootfs_with(w, &image, "umoci-kept", &["--keep-dirlinks"])
    );
}
