//! The hostile-layer suite: crafted tar files for each known way out of
//! the root. Every case is refused or contained, and nothing outside the
//! root changes (a sentinel directory beside it is compared before and
//! after). The README's table lists the same cases.

use oci_model::ModelError;
use oci_model::layer::{ApplyOptions, ApplyReport, LayerErrorKind, LayerReader, Limits, Unpacker};

use crate::craft::{Raw, Sandbox, gnu_long_name, gzip, pax_path, tar};

/// Applies the layers in order with `options` and `limits`; checks that
/// nothing outside the root changed, whatever the outcome.
fn apply_all(
    sb: &Sandbox,
    layers: &[Vec<u8>],
    options: ApplyOptions,
    limits: Limits,
) -> Result<Vec<ApplyReport>, ModelError> {
    let before = sb.outside_state();
    let result = (|| {
        let mut u = Unpacker::new(sb.root(), options)?;
        let mut reports = Vec::new();
        for l in layers {
            reports.push(u.apply(LayerReader::new(&l[..])?.limits(limits))?);
        }
        u.finish()?;
        Ok(reports)
    })();
    assert_eq!(
        sb.outside_state(),
        before,
        "something outside the root changed"
    );
    result
}

fn apply(sb: &Sandbox, layer: Vec<u8>) -> Result<Vec<ApplyReport>, ModelError> {
    apply_all(sb, &[layer], ApplyOptions::default(), Limits::default())
}

fn refused(r: Result<Vec<ApplyReport>, ModelError>, kind: LayerErrorKind, words: &str) {
    match r {
        Err(ModelError::Layer(e)) => {
            assert_eq!(e.kind(), kind, "{e}");
            assert!(e.to_string().contains(words), "{e}");
        }
        other => panic!("expected a {kind:?} error, got {other:?}"),
    }
}

#[test]
fn dot_dot_is_refused() {
    let sb = Sandbox::new();
    let r = apply(&sb, tar(&[Raw::file("../escape", b"x")], true));
    refused(
        r,
        LayerErrorKind::UnsafeEntry,
        "../escape: name holds \"..\"",
    );
    let r = apply(&sb, tar(&[Raw::file("a/../../escape", b"x")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "holds \"..\"");
}

#[test]
fn absolute_name_is_refused() {
    let sb = Sandbox::new();
    let abs = sb.outside().join("planted");
    let r = apply(&sb, tar(&[Raw::file(abs.to_str().unwrap(), b"x")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "absolute name");
}

#[test]
fn dot_dot_in_a_pax_path_is_refused() {
    let sb = Sandbox::new();
    let r = apply(&sb, pax_path("../pax-escape", Raw::file("harmless", b"x")));
    refused(r, LayerErrorKind::UnsafeEntry, "../pax-escape");
}

#[test]
fn dot_dot_in_a_gnu_long_name_is_refused() {
    let sb = Sandbox::new();
    let long = format!("{}/../../../long-escape", "d".repeat(120));
    let r = apply(&sb, gnu_long_name(&long, Raw::file("harmless", b"x")));
    refused(r, LayerErrorKind::UnsafeEntry, "holds \"..\"");
}

/// `abs` (an absolute path on the host) as a name below the root.
fn below(sb: &Sandbox, abs: &std::path::Path) -> std::path::PathBuf {
    sb.root().join(abs.strip_prefix("/").unwrap())
}

/// Symbolic links on the way are followed inside the root, as umoci
/// (`securejoin`) and containerd (`fs.RootPath`) do: an absolute target
/// starts at the root, `..` stops at it.
#[test]
fn write_through_a_symlink_of_the_same_layer_stays_in_the_root() {
    let sb = Sandbox::new();
    let out = sb.outside();
    apply(
        &sb,
        tar(
            &[
                Raw::symlink("link", out.to_str().unwrap()),
                Raw::file("link/secret", b"pwned"),
                Raw::symlink("rel", "../outside"),
                Raw::file("rel/new", b"rel"),
                Raw::symlink("up", "../../../../../../../.."),
                Raw::file("up/top", b"up"),
                Raw::symlink("host-etc", "/etc"),
                Raw::file("host-etc/passwd", b"root::0:0::/:/bin/sh\n"),
            ],
            true,
        ),
    )
    .unwrap();
    assert_eq!(
        std::fs::read(below(&sb, &out).join("secret")).unwrap(),
        b"pwned"
    );
    assert_eq!(
        std::fs::read(sb.root().join("outside/new")).unwrap(),
        b"rel"
    );
    assert_eq!(std::fs::read(sb.root().join("top")).unwrap(), b"up");
    assert_eq!(
        std::fs::read(sb.root().join("etc/passwd")).unwrap(),
        b"root::0:0::/:/bin/sh\n"
    );
    // The links stay links, as the layer made them.
    assert_eq!(kind_in(&sb, "host-etc"), "link");
}

#[test]
fn write_through_a_symlink_of_an_earlier_layer_stays_in_the_root() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let l1 = tar(&[Raw::symlink("etc", out.to_str().unwrap())], true);
    let l2 = tar(
        &[Raw::dir("etc/"), Raw::file("etc/x/secret", b"pwned")],
        true,
    );
    // The directory entry `etc/` replaces the link (as umoci and
    // containerd do); the file then goes into the new directory.
    apply_all(
        &sb,
        &[l1.clone(), l2],
        ApplyOptions::default(),
        Limits::default(),
    )
    .unwrap();
    assert!(
        std::fs::symlink_metadata(sb.root().join("etc"))
            .unwrap()
            .is_dir()
    );
    assert!(sb.root().join("etc/x/secret").is_file());
    let sb = Sandbox::new();
    let l2 = tar(&[Raw::file("etc/secret", b"pwned")], true);
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    assert_eq!(
        std::fs::read(below(&sb, &out).join("secret")).unwrap(),
        b"pwned"
    );
}

#[test]
fn links_through_links_stay_in_the_root() {
    let sb = Sandbox::new();
    let out = sb.outside();
    // A chain of links, each relative, absolute or climbing.
    let l1 = tar(
        &[
            Raw::dir("a/"),
            Raw::symlink("a/b", "../../c"),
            Raw::symlink("c", "/d/../../e"),
            Raw::symlink("e", out.to_str().unwrap()),
        ],
        true,
    );
    let l2 = tar(&[Raw::file("a/b/secret", b"pwned")], true);
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    assert_eq!(
        std::fs::read(below(&sb, &out).join("secret")).unwrap(),
        b"pwned"
    );
}

#[test]
fn a_symlink_loop_is_refused() {
    let sb = Sandbox::new();
    let r = apply(
        &sb,
        tar(
            &[
                Raw::symlink("a", "b"),
                Raw::symlink("b", "./a"),
                Raw::file("a/x", b"x"),
            ],
            true,
        ),
    );
    refused(
        r,
        LayerErrorKind::UnsafeEntry,
        "a/x: more than 255 symbolic links on the way (a loop)",
    );
    let sb = Sandbox::new();
    let r = apply(
        &sb,
        tar(
            &[Raw::symlink("self", "self/x"), Raw::file("self/y", b"")],
            true,
        ),
    );
    refused(r, LayerErrorKind::UnsafeEntry, "(a loop)");
    // `etc -> /etc` leads to itself inside the root.
    let sb = Sandbox::new();
    let r = apply(
        &sb,
        tar(
            &[Raw::symlink("etc", "/etc"), Raw::file("etc/passwd", b"")],
            true,
        ),
    );
    refused(r, LayerErrorKind::UnsafeEntry, "etc/passwd: more than 255");
}

#[test]
fn an_entry_below_a_file_is_refused() {
    let sb = Sandbox::new();
    let r = apply(
        &sb,
        tar(
            &[
                Raw::file("f", b"x"),
                Raw::symlink("l", "f"),
                Raw::file("l/x", b"y"),
            ],
            true,
        ),
    );
    refused(
        r,
        LayerErrorKind::NotADirectory,
        "l/x: \"f\" is not a directory",
    );
}

#[test]
fn file_over_a_symlink_replaces_the_link() {
    let sb = Sandbox::new();
    let target = sb.outside().join("secret");
    let layer = tar(
        &[
            Raw::symlink("f", target.to_str().unwrap()),
            Raw::file("f", b"replaced"),
        ],
        true,
    );
    apply(&sb, layer).unwrap();
    let f = sb.root().join("f");
    assert!(std::fs::symlink_metadata(&f).unwrap().is_file());
    assert_eq!(std::fs::read(&f).unwrap(), b"replaced");
}

#[test]
fn hardlink_to_a_symlink_to_outside_is_contained() {
    let sb = Sandbox::new();
    let target = sb.outside().join("secret");
    let layer = tar(
        &[
            Raw::symlink("evil", target.to_str().unwrap()),
            Raw::hardlink("hl", "evil"),
            Raw::file("hl", b"pwned"),
        ],
        true,
    );
    // The hard link links the symbolic link itself; the file then
    // replaces the link instead of writing through it.
    apply(&sb, layer).unwrap();
    assert_eq!(std::fs::read(sb.root().join("hl")).unwrap(), b"pwned");
}

#[test]
fn hardlink_to_outside_is_refused() {
    let sb = Sandbox::new();
    let r = apply(&sb, tar(&[Raw::hardlink("hl", "../outside/secret")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "hard link target");
    let abs = sb.outside().join("secret");
    let r = apply(
        &sb,
        tar(&[Raw::hardlink("hl", abs.to_str().unwrap())], true),
    );
    refused(r, LayerErrorKind::UnsafeEntry, "absolute name");
    let r = apply(&sb, tar(&[Raw::hardlink("hl", "not-there")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "which is not in the root");
}

#[test]
fn hardlink_through_a_symlinked_directory_stays_in_the_root() {
    let sb = Sandbox::new();
    let out = sb.outside();
    // `d/secret` is `outside/secret` below the root: not there.
    let r = apply(
        &sb,
        tar(
            &[
                Raw::symlink("d", out.to_str().unwrap()),
                Raw::hardlink("hl", "d/secret"),
            ],
            true,
        ),
    );
    refused(
        r,
        LayerErrorKind::UnsafeEntry,
        "hl: hard link to \"d/secret\", which is not in the root",
    );
    let r = apply(
        &sb,
        tar(
            &[
                Raw::symlink("u", "../outside"),
                Raw::hardlink("hl", "u/secret"),
            ],
            true,
        ),
    );
    refused(r, LayerErrorKind::UnsafeEntry, "which is not in the root");
    // Inside the root, the link is followed and the file linked.
    let sb = Sandbox::new();
    apply(
        &sb,
        tar(
            &[
                Raw::dir("usr/"),
                Raw::dir("usr/bin/"),
                Raw::file("usr/bin/tool", b"tool"),
                Raw::symlink("bin", "/usr/bin"),
                Raw::hardlink("bin/tool2", "bin/tool"),
            ],
            true,
        ),
    )
    .unwrap();
    use std::os::unix::fs::MetadataExt;
    let a = std::fs::metadata(sb.root().join("usr/bin/tool")).unwrap();
    let b = std::fs::symlink_metadata(sb.root().join("usr/bin/tool2")).unwrap();
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
}

#[test]
fn hardlink_to_a_directory_is_refused() {
    let sb = Sandbox::new();
    let r = apply(&sb, tar(&[Raw::dir("d/"), Raw::hardlink("hl", "d")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "hard link to a directory");
}

#[test]
fn whiteouts_cannot_leave_their_directory() {
    let sb = Sandbox::new();
    let r = apply(&sb, tar(&[Raw::file("../.wh.outside", b"")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "holds \"..\"");
    let r = apply(&sb, tar(&[Raw::file("a/.wh..", b"")], true));
    refused(
        r,
        LayerErrorKind::UnsafeEntry,
        "whiteout of \".\", \"..\" or nothing",
    );
    let r = apply(&sb, tar(&[Raw::file(".wh.", b"")], true));
    refused(r, LayerErrorKind::UnsafeEntry, "whiteout of");
}

#[test]
fn whiteout_through_a_symlink_stays_in_the_root() {
    // `d/.wh.secret` names `outside/secret` below the root: not there,
    // nothing to remove; the sentinel is untouched (checked by apply_all).
    for marker in [
        "d/.wh.secret",
        "d/.wh..wh..opq",
        "u/.wh.secret",
        "u/.wh..wh..opq",
    ] {
        let sb = Sandbox::new();
        let l1 = tar(
            &[
                Raw::symlink("d", sb.outside().to_str().unwrap()),
                Raw::symlink("u", "../../outside"),
            ],
            true,
        );
        let l2 = tar(&[Raw::file(marker, b"")], true);
        apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
        assert_eq!(kind_in(&sb, "d"), "link");
    }
    let sb = Sandbox::new();
    // Through a link to a directory of the root, the whiteout and the
    // opaque marker act in that directory.
    let l1 = tar(
        &[
            Raw::dir("usr/"),
            Raw::dir("usr/lib/"),
            Raw::file("usr/lib/old", b"1"),
            Raw::file("usr/lib/keep", b"2"),
            Raw::dir("usr/sbin/"),
            Raw::file("usr/sbin/gone", b"3"),
            Raw::symlink("lib", "usr/lib"),
            Raw::symlink("sbin", "/usr/sbin"),
        ],
        true,
    );
    let l2 = tar(
        &[
            Raw::file("lib/.wh.old", b""),
            Raw::file("sbin/.wh..wh..opq", b""),
            Raw::file("sbin/new", b"4"),
        ],
        true,
    );
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    let names: Vec<String> = crate::craft::tree(&sb.root())
        .into_iter()
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "lib",
            "sbin",
            "usr",
            "usr/lib",
            "usr/lib/keep",
            "usr/sbin",
            "usr/sbin/new"
        ]
    );
}

#[test]
fn whiteout_of_a_symlink_removes_the_link_only() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let l1 = tar(&[Raw::symlink("d", out.to_str().unwrap())], true);
    let l2 = tar(&[Raw::file(".wh.d", b"")], true);
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    assert!(std::fs::symlink_metadata(sb.root().join("d")).is_err());
}

#[test]
fn opaque_root_clears_the_root_only() {
    let sb = Sandbox::new();
    let l1 = tar(
        &[Raw::file("a", b"1"), Raw::dir("b/"), Raw::file("b/c", b"2")],
        true,
    );
    let l2 = tar(
        &[Raw::file(".wh..wh..opq", b""), Raw::file("n", b"3")],
        true,
    );
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    assert_eq!(
        crate::craft::tree(&sb.root()),
        [format!(
            "n file 644 {}",
            oci_model::image::Digest::sha256_of(b"3")
        )]
    );
}

#[test]
fn devices_are_skipped_unless_asked() {
    let sb = Sandbox::new();
    let layer = tar(
        &[
            Raw::device("null", b'3', 1, 3),
            Raw::device("sda", b'4', 8, 0),
        ],
        true,
    );
    let reports = apply(&sb, layer).unwrap();
    let skipped: Vec<&str> = reports[0].skipped().iter().map(|s| s.entry()).collect();
    assert_eq!(skipped, ["null", "sda"]);
    assert!(crate::craft::tree(&sb.root()).is_empty());
}

#[test]
fn setuid_and_setgid_are_cleared_unless_asked() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let layer = tar(
        &[
            Raw::file("su", b"x").mode(0o4755),
            Raw::file("sg", b"x").mode(0o2755),
            Raw::file("sticky", b"x").mode(0o1777),
        ],
        true,
    );
    let reports = apply(&sb, layer.clone()).unwrap();
    assert_eq!(reports[0].cleared_bits(), 2);
    let mode = |n: &str| {
        std::fs::symlink_metadata(sb.root().join(n))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    assert_eq!(mode("su"), 0o755);
    assert_eq!(mode("sg"), 0o755);
    assert_eq!(mode("sticky"), 0o1777);
    let sb2 = Sandbox::new();
    apply_all(
        &sb2,
        &[layer],
        ApplyOptions::default().set_special_bits(true),
        Limits::default(),
    )
    .unwrap();
    let m = std::fs::symlink_metadata(sb2.root().join("su"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(m & 0o7777, 0o4755);
}

#[test]
fn too_many_entries_is_a_limit_error() {
    let sb = Sandbox::new();
    let entries: Vec<Raw> = (0..11).map(|i| Raw::file(&format!("f{i}"), b"")).collect();
    let r = apply_all(
        &sb,
        &[tar(&entries, true)],
        ApplyOptions::default(),
        Limits::default().set_max_entries(10),
    );
    refused(
        r,
        LayerErrorKind::Limit,
        "more than the limit of 10 entries",
    );
}

#[test]
fn a_gzip_bomb_is_a_limit_error() {
    let sb = Sandbox::new();
    let big = vec![0u8; 8 << 20];
    let layer = gzip(&tar(&[Raw::file("bomb", &big)], true));
    assert!(
        layer.len() < 64 << 10,
        "compressed to {} bytes",
        layer.len()
    );
    let r = apply_all(
        &sb,
        &[layer],
        ApplyOptions::default(),
        Limits::default().set_max_size(1 << 20),
    );
    refused(
        r,
        LayerErrorKind::Limit,
        "uncompressed tar is larger than the limit of 1048576 bytes",
    );
}

#[test]
fn a_declared_size_past_the_end_is_an_error() {
    let sb = Sandbox::new();
    let mut e = Raw::file("short", b"abc");
    e.size = 1 << 30;
    let r = apply(&sb, tar(&[e], false));
    assert!(r.is_err(), "{r:?}");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for bytes in [
        vec![0x1f, 0x8b, 8, 0, 1, 2, 3],
        vec![0x28, 0xb5, 0x2f, 0xfd, 9, 9, 9, 9],
        vec![b'x'; 700],
        gzip(b"not a tar at all, but long enough to be read as a header block..."),
    ] {
        let sb = Sandbox::new();
        assert!(apply(&sb, bytes).is_err());
    }
}

#[test]
fn the_root_entry_leaves_the_root_alone() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    apply(
        &sb,
        tar(
            &[Raw::dir("./").mode(0o777), Raw::dir(".").mode(0o700)],
            true,
        ),
    )
    .unwrap();
    let m = std::fs::metadata(sb.root()).unwrap().permissions().mode();
    assert_eq!(m & 0o777, 0o755);
}

#[test]
fn a_directory_entry_over_a_symlink_replaces_it() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let layer = tar(
        &[
            Raw::symlink("x", out.to_str().unwrap()),
            Raw::dir("x/").mode(0o700),
            Raw::file("x/secret", b"inside"),
        ],
        true,
    );
    apply(&sb, layer).unwrap();
    assert_eq!(
        std::fs::read(sb.root().join("x/secret")).unwrap(),
        b"inside"
    );
}

#[test]
fn a_parent_replaced_by_a_link_in_a_later_layer_is_not_followed_at_the_end() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let out = sb.outside();
    // Layer 1 makes a/secret (its mode is set at the end); layer 2 replaces
    // a with a link to the sentinel folder, which holds a file `secret`.
    let l1 = tar(&[Raw::dir("a/"), Raw::dir("a/secret/").mode(0o700)], true);
    let l2 = tar(&[Raw::symlink("a", out.to_str().unwrap())], true);
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    let m = std::fs::metadata(out.join("secret"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(m & 0o777, 0o644, "the sentinel's mode was not changed");
}

#[test]
fn a_directory_entry_keeps_a_dirlink_only_when_asked_and_only_inside() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let l1 = tar(
        &[
            Raw::dir("usr/"),
            Raw::dir("usr/lib/").mode(0o755),
            Raw::symlink("lib", "usr/lib"),
            Raw::symlink("evil", out.to_str().unwrap()),
            Raw::symlink("up", "../outside"),
        ],
        true,
    );
    let l2 = tar(
        &[
            Raw::dir("evil/").mode(0o700),
            Raw::file("evil/secret", b"pwned"),
            Raw::dir("lib/").mode(0o750),
            Raw::file("lib/libc.so.6", b"libc"),
            Raw::dir("up/").mode(0o700),
        ],
        true,
    );
    let keep = ApplyOptions::default().set_keep_dirlinks(true);
    apply_all(&sb, &[l1.clone(), l2.clone()], keep, Limits::default()).unwrap();
    // `lib` leads to a directory of the root: kept, and filled through;
    // `evil` and `up` lead nowhere in the root: replaced by directories.
    assert_eq!(
        (
            kind_in(&sb, "lib"),
            kind_in(&sb, "evil"),
            kind_in(&sb, "up")
        ),
        ("link", "dir", "dir")
    );
    assert_eq!(
        std::fs::read(sb.root().join("usr/lib/libc.so.6")).unwrap(),
        b"libc"
    );
    use std::os::unix::fs::PermissionsExt;
    let m = std::fs::metadata(sb.root().join("usr/lib")).unwrap();
    assert_eq!(m.permissions().mode() & 0o777, 0o750);
    assert_eq!(
        std::fs::read(sb.root().join("evil/secret")).unwrap(),
        b"pwned"
    );
    // Without the option, every link is replaced.
    let sb = Sandbox::new();
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    assert_eq!(kind_in(&sb, "lib"), "dir");
    assert!(sb.root().join("lib/libc.so.6").is_file());
    assert!(!sb.root().join("usr/lib/libc.so.6").exists());
}

fn kind_in(sb: &Sandbox, n: &str) -> &'static str {
    let m = std::fs::symlink_metadata(sb.root().join(n)).unwrap();
    if m.file_type().is_symlink() {
        "link"
    } else if m.is_dir() {
        "dir"
    } else {
        "file"
    }
}

#[test]
fn a_link_replaced_within_a_layer_is_resolved_again() {
    let sb = Sandbox::new();
    let l1 = tar(
        &[Raw::dir("a/"), Raw::dir("b/"), Raw::symlink("l", "a")],
        true,
    );
    // `l/f` goes to `a/f`; then `l` becomes a link to `b`, then a
    // directory: each later entry follows what `l` is at its turn.
    let l2 = tar(
        &[
            Raw::file("l/f", b"1"),
            Raw::symlink("l", "/b"),
            Raw::file("l/g", b"2"),
            Raw::dir("l/"),
            Raw::file("l/h", b"3"),
        ],
        true,
    );
    apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default()).unwrap();
    let names: Vec<String> = crate::craft::tree(&sb.root())
        .into_iter()
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["a", "a/f", "b", "b/g", "l", "l/h"]);
    assert_eq!(kind_in(&sb, "l"), "dir");
}
