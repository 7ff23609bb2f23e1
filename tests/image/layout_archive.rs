//! Image layouts as `.tar` archives (`LayoutArchive`, feature
//! `layout-tar`): round trips, archives other tools wrote, and hostile
//! archives (`..`, absolute paths, links, duplicate names).
#![cfg(feature = "layout-tar")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions fail loudly on a broken setup"
)]

use std::fs;

use oci_model::image::layout::{ImageLayout, LayoutArchive, ReadLayout, blob_path, check};
use oci_model::image::{Descriptor, Digest, ImageManifest, MediaType, Stored};

use crate::layout::{build, find};
use crate::layout_build::multi;

fn octal(field: &mut [u8], value: u64) {
    let s = format!("{value:0w$o}\0", w = field.len() - 1);
    field.copy_from_slice(s.as_bytes());
}

/// One ustar header block for `name` with `typeflag` and `size`.
fn header(name: &[u8], typeflag: u8, size: usize, link: &[u8]) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..name.len()].copy_from_slice(name);
    octal(&mut h[100..108], 0o644);
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size as u64);
    octal(&mut h[136..148], 0);
    h[156] = typeflag;
    h[157..157 + link.len()].copy_from_slice(link);
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|&b| u64::from(b)).sum();
    let s = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(s.as_bytes());
    h
}

/// An archive entry: name, typeflag, data, link target.
type Member<'a> = (&'a [u8], u8, &'a [u8], &'a [u8]);

/// A tar of `entries`, as written.
fn tar(entries: &[Member<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, t, data, link) in entries {
        out.extend(header(name, *t, data.len(), link));
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

const HEADER: &[u8] = br#"{"imageLayoutVersion":"1.0.0"}"#;
const INDEX: &[u8] =
    br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#;

#[test]
fn round_trip_archive_is_deterministic() {
    let b = build();
    let path = b.dir.path().join("image.tar");
    LayoutArchive::write_file(&b.layout, &path).unwrap();
    let bytes = fs::read(&path).unwrap();
    let again = LayoutArchive::write(&b.layout, Vec::new()).unwrap();
    assert_eq!(bytes, again);
    let archive = LayoutArchive::open(&path).unwrap();
    let report = archive.check();
    assert!(report.problems().is_empty(), "{report}");
    assert_eq!(report, check(&path).unwrap());
    assert_eq!(archive.resolve(Some("v1"), None).unwrap(), b.manifest);
    let m: Stored<ImageManifest> = archive.read_stored(&b.manifest, 1 << 20).unwrap();
    assert_eq!(m.layers(), &b.layers);
    // Entries sorted, fixed metadata.
    let mut names = Vec::new();
    let mut at = 0;
    while at + 512 <= bytes.len() && bytes[at] != 0 {
        let h = &bytes[at..at + 512];
        let name = String::from_utf8_lossy(&h[..100])
            .trim_end_matches('\0')
            .to_owned();
        assert_eq!(&h[136..147], b"00000000000", "mtime of {name}");
        assert_eq!(&h[108..115], b"0000000", "uid of {name}");
        assert_eq!(&h[116..123], b"0000000", "gid of {name}");
        let size = u64::from_str_radix(std::str::from_utf8(&h[124..135]).unwrap(), 8).unwrap();
        names.push(name);
        at += 512 + usize::try_from(size.div_ceil(512) * 512).unwrap();
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names[0], "blobs/");
    assert!(names.contains(&"oci-layout".to_owned()));
    // Two directories, oci-layout, index.json, five blobs.
    assert_eq!(names.len(), 2 + 2 + 5);
}

#[test]
fn parent_components_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.tar");
    fs::write(
        &path,
        tar(&[
            (b"oci-layout", b'0', HEADER, b""),
            (b"index.json", b'0', INDEX, b""),
            (b"../evil", b'0', b"boom", b""),
        ]),
    )
    .unwrap();
    let report = check(&path).unwrap();
    let m = find(&report, "../evil", "layout-entry");
    assert_eq!(m, "has a \"..\" component: refused");
    let e = LayoutArchive::open(&path).unwrap_err();
    assert_eq!(e.to_string(), "../evil: has a \"..\" component: refused");
    assert!(!dir.path().join("evil").exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn absolute_paths_links_and_duplicates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.tar");
    let blob = Digest::sha256_of(b"layer");
    let blob_name = blob_path(&blob);
    fs::write(
        &path,
        tar(&[
            (b"./oci-layout", b'0', HEADER, b""),
            (b"index.json", b'0', INDEX, b""),
            (b"index.json", b'0', INDEX, b""),
            (b"/etc/passwd", b'0', b"root", b""),
            (blob_name.as_bytes(), b'2', b"", b"/etc/shadow"),
            (b"blobs/sha256/hard", b'1', b"", b"oci-layout"),
        ]),
    )
    .unwrap();
    let report = check(&path).unwrap();
    assert_eq!(
        find(&report, "/etc/passwd", "layout-entry"),
        "has an absolute path: refused"
    );
    assert_eq!(
        find(&report, "index.json", "layout-entry"),
        "appears more than once in the archive: refused"
    );
    assert_eq!(
        find(&report, &blob_name, "layout-entry"),
        "is a link: refused, not followed"
    );
    find(&report, "blobs/sha256/hard", "layout-entry");
    assert!(!report.is_valid());
    assert!(LayoutArchive::open(&path).is_err());
}

#[test]
fn built_layouts_and_other_tools_archives() {
    let dir = tempfile::tempdir().unwrap();
    // Nested indexes, shared and unreferenced blobs, one defect: the same
    // report from the archive as from the directory.
    let m = multi(&dir.path().join("layout"));
    let layout = ImageLayout::open(m.layout.root()).unwrap();
    let path = dir.path().join("multi.tar");
    LayoutArchive::write_file(&layout, &path).unwrap();
    let fromdir = layout.check();
    assert_eq!(fromdir.errors().count(), 1, "{fromdir}");
    assert_eq!(fromdir.unreferenced().len(), 3, "{fromdir}");
    let archive = LayoutArchive::open(&path).unwrap();
    assert_eq!(archive.check(), fromdir);
    assert_eq!(
        archive
            .resolve(
                Some("1.9.0"),
                Some(&m.v19_386.manifest.platform().clone().unwrap())
            )
            .unwrap(),
        m.v19_386.manifest
    );
    // A tar written by another tool: "./" prefixes and directory entries.
    let path = dir.path().join("other.tar");
    let blob = b"{}";
    let d = Descriptor::from_bytes(MediaType::ImageLayer, blob);
    let name = format!("./{}", blob_path(d.digest()));
    fs::write(
        &path,
        tar(&[
            (b"./", b'5', b"", b""),
            (b"./blobs/", b'5', b"", b""),
            (b"./blobs/sha256/", b'5', b"", b""),
            (name.as_bytes(), b'0', blob, b""),
            (b"./index.json", b'0', INDEX, b""),
            (b"./oci-layout", b'0', HEADER, b""),
        ]),
    )
    .unwrap();
    let report = check(&path).unwrap();
    assert!(report.problems().is_empty(), "{report}");
    assert_eq!(report.unreferenced(), &[blob_path(d.digest())]);
    let archive = LayoutArchive::open(&path).unwrap();
    assert_eq!(archive.read_blob(&d, 100).unwrap(), blob);
}

#[test]
fn gc_rewrites_the_archive_without_unreferenced_blobs() {
    let b = build();
    let stray = b
        .layout
        .write_blob(MediaType::ImageLayer, b"stray")
        .unwrap();
    let path = b.dir.path().join("image.tar");
    LayoutArchive::write_file(&b.layout, &path).unwrap();
    let archive = LayoutArchive::open(&path).unwrap();
    assert_eq!(archive.check().unreferenced(), &[blob_path(stray.digest())]);
    let (archive, removed) = archive.gc().unwrap();
    assert_eq!(removed, vec![blob_path(stray.digest())]);
    let report = archive.check();
    assert!(
        report.problems().is_empty() && report.unreferenced().is_empty(),
        "{report}"
    );
    assert!(archive.open_raw_blob(stray.digest()).unwrap().is_none());
    // The same bytes as an archive of the directory after its own gc.
    b.layout.gc().unwrap();
    assert_eq!(
        fs::read(&path).unwrap(),
        LayoutArchive::write(&b.layout, Vec::new()).unwrap()
    );
    // Nothing else is left in the directory (no temporary file).
    let names: Vec<String> = fs::read_dir(b.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
