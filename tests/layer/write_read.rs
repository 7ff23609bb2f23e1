//! Writing layers and reading them back: determinism, the three
//! compressions, verification, what real tools write, changesets.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use oci_model::ModelError;
use oci_model::image::{Compression, Descriptor, Digest, MediaType};
use oci_model::layer::{
    ApplyOptions, EntryKind, LayerErrorKind, LayerReader, LayerWriter, WriteOptions, apply_layer,
    write_changeset, write_dir,
};

use crate::craft::{Raw, tar, tree};

const ALL: [Compression; 3] = [
    Compression::Uncompressed,
    Compression::Gzip,
    Compression::Zstd,
];

/// A small tree with each kind of entry a layer carries.
pub fn sample_tree(dir: &Path) {
    let w = |p: &str, b: &[u8]| {
        let p = dir.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    };
    w("etc/hostname", b"box\n");
    w("etc/os-release", b"ID=sample\n");
    w("usr/bin/tool", b"#!/bin/sh\necho tool\n");
    std::fs::set_permissions(
        dir.join("usr/bin/tool"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    w("usr/share/doc/README", b"");
    let deep = format!("usr/share/{}/file", "very-long-directory-name".repeat(6));
    w(&deep, b"deep\n");
    w("var/empty/.keep", b"");
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    std::fs::set_permissions(dir.join("tmp"), std::fs::Permissions::from_mode(0o1777)).unwrap();
    std::os::unix::fs::symlink("/proc/mounts", dir.join("etc/mtab")).unwrap();
    std::os::unix::fs::symlink("../usr/bin/tool", dir.join("etc/tool-link")).unwrap();
    std::fs::hard_link(dir.join("etc/hostname"), dir.join("etc/hostname.hard")).unwrap();
    w(
        "big.bin",
        &(0..300_000u32)
            .flat_map(u32::to_le_bytes)
            .collect::<Vec<_>>(),
    );
}

fn write(dir: &Path, c: Compression) -> (Vec<u8>, oci_model::layer::WrittenLayer) {
    write_dir(dir, Vec::new(), &WriteOptions::new(c)).unwrap()
}

#[test]
fn the_same_directory_gives_the_same_digests() {
    let a = tempfile::tempdir().unwrap();
    sample_tree(a.path());
    for c in ALL {
        let (bytes1, l1) = write(a.path(), c);
        // Touch every file: times are not kept by default.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        for e in tree(a.path()) {
            let rel = e.split(' ').next().unwrap();
            let p = a.path().join(rel);
            if std::fs::symlink_metadata(&p).unwrap().is_file() {
                std::fs::File::options()
                    .write(true)
                    .open(&p)
                    .unwrap()
                    .set_modified(later)
                    .unwrap();
            }
        }
        let (bytes2, l2) = write(a.path(), c);
        assert_eq!(l1, l2, "{c:?}");
        assert_eq!(bytes1, bytes2, "{c:?}");
        assert_eq!(
            l1.descriptor().media_type(),
            &oci_model::layer::layer_media_type(c)
        );
        assert_eq!(l1.descriptor().size(), bytes1.len() as u64);
        assert_eq!(l1.descriptor().digest(), &Digest::sha256_of(&bytes1));
    }
    // A copy of the tree elsewhere gives the same digests too.
    let b = tempfile::tempdir().unwrap();
    sample_tree(b.path());
    assert_eq!(
        write(a.path(), Compression::Gzip).1,
        write(b.path(), Compression::Gzip).1
    );
}

#[test]
fn diff_id_is_the_digest_of_the_uncompressed_tar() {
    let a = tempfile::tempdir().unwrap();
    sample_tree(a.path());
    let (plain, lp) = write(a.path(), Compression::Uncompressed);
    let (_, lg) = write(a.path(), Compression::Gzip);
    let (_, lz) = write(a.path(), Compression::Zstd);
    assert_eq!(lp.diff_id(), &Digest::sha256_of(&plain));
    assert_eq!(lp.diff_id(), lp.descriptor().digest());
    // Uncompressed, the digest and size come from the one hash of the tar.
    assert_eq!(lp.descriptor().size(), plain.len() as u64);
    assert_eq!(lg.diff_id(), lp.diff_id());
    assert_eq!(lz.diff_id(), lp.diff_id());
    assert_eq!(lg.uncompressed_size(), plain.len() as u64);
}

#[test]
fn written_layers_apply_to_the_same_tree() {
    let a = tempfile::tempdir().unwrap();
    sample_tree(a.path());
    for c in ALL {
        let (bytes, layer) = write(a.path(), c);
        let out = tempfile::tempdir().unwrap();
        let reader = LayerReader::with_descriptor(&bytes[..], layer.descriptor())
            .unwrap()
            .expect_diff_id(layer.diff_id().clone());
        assert_eq!(reader.compression(), c);
        let report = apply_layer(reader, out.path(), ApplyOptions::default()).unwrap();
        assert_eq!(report.summary().diff_id(), layer.diff_id());
        assert_eq!(report.summary().entries(), layer.entries());
        assert!(report.skipped().is_empty());
        assert_eq!(tree(out.path()), tree(a.path()), "{c:?}");
        // The hard link is one file with two names.
        use std::os::unix::fs::MetadataExt;
        let m1 = std::fs::metadata(out.path().join("etc/hostname")).unwrap();
        let m2 = std::fs::metadata(out.path().join("etc/hostname.hard")).unwrap();
        assert_eq!(m1.ino(), m2.ino());
    }
}

#[test]
fn entries_are_sorted_with_fixed_owner_and_time() {
    let a = tempfile::tempdir().unwrap();
    sample_tree(a.path());
    let (bytes, _) = write(a.path(), Compression::Gzip);
    let (entries, summary) = LayerReader::new(&bytes[..]).unwrap().list().unwrap();
    assert_eq!(summary.compression(), Compression::Gzip);
    let names: Vec<String> = entries.iter().map(|e| e.path()).collect();
    assert_eq!(
        names[..4],
        ["big.bin", "etc/", "etc/hostname", "etc/hostname.hard"]
    );
    assert!(
        entries
            .iter()
            .all(|e| e.uid() == 0 && e.gid() == 0 && e.mtime() == 0)
    );
    let hard = entries
        .iter()
        .find(|e| e.path() == "etc/hostname.hard")
        .unwrap();
    assert_eq!(hard.kind(), EntryKind::Hardlink);
    assert_eq!(hard.link_target().as_deref(), Some("etc/hostname"));
    let mtab = entries.iter().find(|e| e.path() == "etc/mtab").unwrap();
    assert_eq!(mtab.kind(), EntryKind::Symlink);
    assert_eq!(mtab.link_target().as_deref(), Some("/proc/mounts"));
    let tmp = entries.iter().find(|e| e.path() == "tmp/").unwrap();
    assert_eq!((tmp.kind(), tmp.mode()), (EntryKind::Dir, 0o1777));
    assert!(
        names.iter().any(|n| n.len() > 100),
        "a GNU long name is read back"
    );
}

#[test]
fn options_keep_owners_and_times() {
    let a = tempfile::tempdir().unwrap();
    std::fs::write(a.path().join("f"), b"x").unwrap();
    let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    std::fs::File::options()
        .write(true)
        .open(a.path().join("f"))
        .unwrap()
        .set_modified(t)
        .unwrap();
    let opts = WriteOptions::new(Compression::Uncompressed).keep_times(true);
    let (bytes, _) = write_dir(a.path(), Vec::new(), &opts).unwrap();
    let (entries, _) = LayerReader::new(&bytes[..]).unwrap().list().unwrap();
    assert_eq!(entries[0].mtime(), 1_700_000_000);
    let opts = WriteOptions::new(Compression::Uncompressed).set_mtime(42);
    let (bytes, _) = write_dir(a.path(), Vec::new(), &opts).unwrap();
    let (entries, _) = LayerReader::new(&bytes[..]).unwrap().list().unwrap();
    assert_eq!(entries[0].mtime(), 42);
}

#[test]
fn read_one_file() {
    let a = tempfile::tempdir().unwrap();
    sample_tree(a.path());
    let (bytes, l) = write(a.path(), Compression::Zstd);
    let r = || LayerReader::with_descriptor(&bytes[..], l.descriptor()).unwrap();
    assert_eq!(
        r().read_file("etc/os-release", 1024).unwrap(),
        b"ID=sample\n"
    );
    assert_eq!(
        r().read_file("./etc//os-release", 1024).unwrap(),
        b"ID=sample\n"
    );
    let e = r().read_file("etc/nothing", 1024).unwrap_err();
    assert_eq!(e.to_string(), "etc/nothing: no such entry in the layer");
    let e = r().read_file("etc/hostname.hard", 1024).unwrap_err();
    assert_eq!(
        e.to_string(),
        "etc/hostname.hard: is a hard link to \"etc/hostname\": read that entry"
    );
    let e = r().read_file("big.bin", 1000).unwrap_err();
    assert_eq!(
        e.to_string(),
        "big.bin: file of 1200000 bytes is over the limit of 1000"
    );
    let e = r().read_file("etc", 1000).unwrap_err();
    assert_eq!(e.to_string(), "etc: is a dir, not a regular file");
}

#[test]
fn a_changed_byte_fails_verification() {
    let a = tempfile::tempdir().unwrap();
    sample_tree(a.path());
    let (bytes, l) = write(a.path(), Compression::Gzip);
    // A different layer under the same descriptor.
    let (other, _) = write_dir(
        a.path(),
        Vec::new(),
        &WriteOptions::new(Compression::Gzip).set_mtime(1),
    )
    .unwrap();
    let d = Descriptor::new(
        l.descriptor().media_type().clone(),
        other.len() as u64,
        l.descriptor().digest().clone(),
    );
    let e = LayerReader::with_descriptor(&other[..], &d)
        .unwrap()
        .list()
        .unwrap_err();
    assert!(matches!(e, ModelError::Verify(_)), "{e}");
    assert!(
        e.to_string()
            .starts_with("digest mismatch: expected \"sha256:"),
        "{e}"
    );
    // Longer than declared.
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"trailing");
    let e = LayerReader::with_descriptor(&longer[..], l.descriptor())
        .unwrap()
        .list()
        .unwrap_err();
    assert!(e.to_string().contains("size mismatch"), "{e}");
    // The right bytes under a wrong DiffID.
    let e = LayerReader::new(&bytes[..])
        .unwrap()
        .expect_diff_id(Digest::sha256_of(b"x"))
        .list()
        .unwrap_err();
    match e {
        ModelError::Layer(l) => {
            assert_eq!(l.kind(), LayerErrorKind::DiffId);
            assert!(
                l.message()
                    .starts_with("diff_id mismatch: expected \"sha256:")
            );
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_config_media_type_is_not_a_layer() {
    let d = Descriptor::new(MediaType::ImageConfig, 2, Digest::sha256_of(b"{}"));
    let e = LayerReader::with_descriptor(&b"{}"[..], &d).unwrap_err();
    assert!(
        e.to_string().contains("is not a layer this crate reads"),
        "{e}"
    );
}

#[test]
fn compression_comes_from_the_bytes_not_the_media_type() {
    // A plain tar under a gzip media type (as some registries serve).
    let plain = tar(&[Raw::file("f", b"x")], true);
    let d = Descriptor::new(
        MediaType::ImageLayerGzip,
        plain.len() as u64,
        Digest::sha256_of(&plain),
    );
    let r = LayerReader::with_descriptor(&plain[..], &d).unwrap();
    assert_eq!(r.compression(), Compression::Uncompressed);
    assert_eq!(r.list().unwrap().0.len(), 1);
}

#[test]
fn a_tar_without_end_blocks_is_read() {
    // umoci 0.4 ends its layers without the two zero blocks, and without
    // the padding of the last file's content.
    let mut bytes = tar(&[Raw::dir("d/"), Raw::file("d/f", b"content")], false);
    bytes.truncate(512 * 2 + b"content".len());
    let (entries, summary) = LayerReader::new(&bytes[..]).unwrap().list().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(summary.diff_id(), &Digest::sha256_of(&bytes));
    let out = tempfile::tempdir().unwrap();
    apply_layer(
        LayerReader::new(&crate::craft::gzip(&bytes)[..]).unwrap(),
        out.path(),
        ApplyOptions::default(),
    )
    .unwrap();
    assert_eq!(std::fs::read(out.path().join("d/f")).unwrap(), b"content");
}

#[test]
fn several_gzip_members_are_one_layer() {
    let bytes = tar(&[Raw::file("a", b"1"), Raw::file("b", b"2")], true);
    let (first, second) = bytes.split_at(512 * 2);
    let mut gz = crate::craft::gzip(first);
    gz.extend_from_slice(&crate::craft::gzip(second));
    let (entries, summary) = LayerReader::new(&gz[..]).unwrap().list().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(summary.diff_id(), &Digest::sha256_of(&bytes));
}

#[test]
fn whiteouts_and_opaque_directories() {
    let out = tempfile::tempdir().unwrap();
    let mut u = oci_model::layer::Unpacker::new(out.path(), ApplyOptions::default()).unwrap();
    let l1 = tar(
        &[
            Raw::dir("a/"),
            Raw::file("a/keep", b"1"),
            Raw::file("a/gone", b"2"),
            Raw::dir("o/"),
            Raw::file("o/hidden", b"3"),
            Raw::dir("o/sub/"),
            Raw::file("o/sub/hidden", b"4"),
            Raw::dir("dir-gone/"),
            Raw::file("dir-gone/x", b"5"),
        ],
        true,
    );
    let l2 = tar(
        &[
            Raw::file("a/.wh.gone", b""),
            Raw::file(".wh.dir-gone", b""),
            Raw::file("o/new", b"6"),
            Raw::file("o/.wh..wh..opq", b""),
            // A whiteout of a file of its own layer does not remove it.
            Raw::file("a/same", b"7"),
            Raw::file("a/.wh.same", b""),
            // A whiteout of nothing is fine.
            Raw::file("nowhere/.wh.x", b""),
        ],
        true,
    );
    u.apply(LayerReader::new(&l1[..]).unwrap()).unwrap();
    u.apply(LayerReader::new(&l2[..]).unwrap()).unwrap();
    u.finish().unwrap();
    let names: Vec<String> = tree(out.path())
        .into_iter()
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["a", "a/keep", "a/same", "o", "o/new"]);
}

#[test]
fn changeset_round_trip() {
    let base = tempfile::tempdir().unwrap();
    let lower = base.path().join("lower");
    let upper = base.path().join("upper");
    std::fs::create_dir_all(&lower).unwrap();
    sample_tree(&lower);
    // upper: a copy of lower, then changed.
    std::fs::create_dir_all(&upper).unwrap();
    sample_tree(&upper);
    std::fs::remove_file(upper.join("etc/os-release")).unwrap();
    std::fs::remove_dir_all(upper.join("var")).unwrap();
    std::fs::write(upper.join("etc/hostname"), b"other\n").unwrap();
    std::fs::write(upper.join("etc/new"), b"new\n").unwrap();
    std::fs::remove_file(upper.join("etc/mtab")).unwrap();
    std::os::unix::fs::symlink("/elsewhere", upper.join("etc/mtab")).unwrap();
    std::fs::set_permissions(
        upper.join("usr/bin/tool"),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    std::fs::create_dir_all(upper.join("opt/app")).unwrap();
    std::fs::write(upper.join("opt/app/run"), b"run\n").unwrap();

    let mut w = LayerWriter::new(Vec::new(), &WriteOptions::new(Compression::Gzip)).unwrap();
    write_changeset(&lower, &upper, &mut w).unwrap();
    let (bytes, _) = w.finish().unwrap();
    let (entries, _) = LayerReader::new(&bytes[..]).unwrap().list().unwrap();
    let names: Vec<String> = entries.iter().map(|e| e.path()).collect();
    assert_eq!(
        names,
        [
            ".wh.var",
            "etc/.wh.os-release",
            "etc/hostname",
            "etc/hostname.hard",
            "etc/mtab",
            "etc/new",
            "opt/",
            "opt/app/",
            "opt/app/run",
            "usr/bin/tool",
        ]
    );
    assert_eq!(
        names[0], ".wh.var",
        "whiteouts come first in their directory"
    );
    // Applied over lower, the changeset gives upper.
    let out = base.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    sample_tree(&out);
    apply_layer(
        LayerReader::new(&bytes[..]).unwrap(),
        &out,
        ApplyOptions::default(),
    )
    .unwrap();
    assert_eq!(tree(&out), tree(&upper));
}

#[test]
fn content_shorter_than_declared_is_an_error() {
    let mut w =
        LayerWriter::new(Vec::new(), &WriteOptions::new(Compression::Uncompressed)).unwrap();
    let e = w
        .append_file_from("f", 0o644, 10, &b"short"[..])
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("f: content ended 5 bytes before its declared size"),
        "{e}"
    );
}
