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

#[test]
fn write_through_a_symlink_of_the_same_layer_is_refused() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let r = apply(
        &sb,
        tar(
            &[
                Raw::symlink("link", out.to_str().unwrap()),
                Raw::file("link/secret", b"pwned"),
            ],
            true,
        ),
    );
    refused(
        r,
        LayerErrorKind::UnsafeEntry,
        "goes through the symbolic link \"link\"",
    );
    let r = apply(
        &sb,
        tar(
            &[
                Raw::symlink("rel", "../outside"),
                Raw::file("rel/new", b"pwned"),
            ],
            true,
        ),
    );
    refused(r, LayerErrorKind::UnsafeEntry, "symbolic link \"rel\"");
}

#[test]
fn write_through_a_symlink_of_an_earlier_layer_is_refused() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let l1 = tar(&[Raw::symlink("etc", out.to_str().unwrap())], true);
    let l2 = tar(
        &[Raw::dir("etc/"), Raw::file("etc/x/secret", b"pwned")],
        true,
    );
    // The directory entry `etc/` replaces the link (contained); the file
    // then goes into the new directory.
    apply_all(
        &sb,
        &[l1.clone(), l2],
        ApplyOptions::default(),
        Limits::default(),
    )
    .unwrap();
    assert!(sb.root().join("etc").is_dir());
    let sb = Sandbox::new();
    let l2 = tar(&[Raw::file("etc/secret", b"pwned")], true);
    let r = apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default());
    refused(r, LayerErrorKind::UnsafeEntry, "symbolic link \"etc\"");
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
fn hardlink_through_a_symlinked_directory_is_refused() {
    let sb = Sandbox::new();
    let out = sb.outside();
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
    refused(r, LayerErrorKind::UnsafeEntry, "symbolic link \"d\"");
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
fn whiteout_through_a_symlink_is_refused() {
    let sb = Sandbox::new();
    let out = sb.outside();
    let l1 = tar(&[Raw::symlink("d", out.to_str().unwrap())], true);
    let l2 = tar(&[Raw::file("d/.wh.secret", b"")], true);
    let r = apply_all(
        &sb,
        &[l1.clone(), l2],
        ApplyOptions::default(),
        Limits::default(),
    );
    refused(r, LayerErrorKind::UnsafeEntry, "symbolic link \"d\"");
    let sb = Sandbox::new();
    let l2 = tar(&[Raw::file("d/.wh..wh..opq", b"")], true);
    let r = apply_all(&sb, &[l1, l2], ApplyOptions::default(), Limits::default());
    refused(r, LayerErrorKind::UnsafeEntry, "symbolic link \"d\"");
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
