//! Image layouts (`oci_model::image::layout`): round trips, layouts in the
//! shapes other tools leave (built by `layout_build.rs`), the image-spec
//! example (test-data/layout), and hostile layouts, each of which must be
//! reported without reading or writing outside the layout.
#![cfg(feature = "layout")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions fail loudly on a broken setup"
)]
#![allow(
    clippy::many_single_char_names,
    reason = "b, d, e, m: the built image and its parts"
)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oci_model::ModelError;
use oci_model::VerifyError;
use oci_model::image::layout::MAX_DOCUMENT_SIZE;
use oci_model::image::layout::{
    ImageLayout, LayoutErrorKind, LayoutReport, ReadLayout, blob_path, check, ref_name,
};
use oci_model::image::{
    Arch, ConfigBuilder, Descriptor, Digest, ImageConfiguration, ImageConfigurationBuilder,
    ImageIndex, ImageIndexBuilder, ImageManifest, ImageManifestBuilder, MediaType, Os, Platform,
    PlatformMatcher, RootFsBuilder, Stored,
};

use crate::layout_build::{MULTI_NAMES, multi, twice, unplatformed};

/// An image built by [`build`]: the layout and its descriptors.
pub(crate) struct Built {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) layout: ImageLayout,
    pub(crate) index: Descriptor,
    pub(crate) manifest: Descriptor,
    pub(crate) config: Descriptor,
    pub(crate) layers: Vec<Descriptor>,
}

pub(crate) fn gzip_like(n: u8) -> Vec<u8> {
    // Starts as gzip data does; the content does not matter to the layout.
    let mut v = vec![0x1f, 0x8b, 8, 0];
    v.extend(std::iter::repeat_n(n, 1000 + usize::from(n)));
    v
}

/// Two layers, a configuration, a manifest and an index named "v1".
pub(crate) fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let mut layout = ImageLayout::create(dir.path().join("layout")).unwrap();
    let layers: Vec<Descriptor> = (1..=2)
        .map(|n| {
            layout
                .write_blob(MediaType::ImageLayerGzip, &gzip_like(n))
                .unwrap()
        })
        .collect();
    let diff_ids: Vec<Digest> = (1..=2).map(|n| Digest::sha256_of(&[n])).collect();
    let config = ImageConfigurationBuilder::default()
        .architecture(Arch::Amd64)
        .os(Os::Linux)
        .config(
            ConfigBuilder::default()
                .cmd(vec!["/bin/sh".to_owned()])
                .build()
                .unwrap(),
        )
        .rootfs(
            RootFsBuilder::default()
                .diff_ids(diff_ids.iter().map(ToString::to_string).collect::<Vec<_>>())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let config = layout.write_stored(&Stored::new(config).unwrap()).unwrap();
    // The builders leave mediaType unset unless given (as oci-spec's).
    let manifest = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(config.clone())
        .layers(layers.clone())
        .build()
        .unwrap();
    let mut manifest = layout
        .write_stored(&Stored::new(manifest).unwrap())
        .unwrap();
    manifest.set_platform(Some(Platform::new(Arch::Amd64, Os::Linux)));
    let index = ImageIndexBuilder::default()
        .media_type(MediaType::ImageIndex)
        .manifests(vec![manifest.clone()])
        .build()
        .unwrap();
    let index = layout.write_stored(&Stored::new(index).unwrap()).unwrap();
    layout.add_manifest(index.clone(), Some("v1")).unwrap();
    Built {
        dir,
        layout,
        index,
        manifest,
        config,
        layers,
    }
}

fn problems(report: &LayoutReport) -> Vec<String> {
    report.problems().iter().map(ToString::to_string).collect()
}

/// The one problem of `rule` at `location`; fails listing the report otherwise.
pub(crate) fn find<'a>(report: &'a LayoutReport, location: &str, rule: &str) -> &'a str {
    report
        .problems()
        .iter()
        .find(|p| p.location() == location && p.rule().name() == rule)
        .map_or_else(
            || panic!("no {rule} at {location}: {:#?}", problems(report)),
            oci_model::image::layout::LayoutProblem::message,
        )
}

fn blob_file(b: &Built, d: &Descriptor) -> PathBuf {
    b.layout.root().join(blob_path(d.digest()))
}

const LAYER0: &str = "index.json → manifests[0] → manifests[0] → layers[0]";

#[test]
fn round_tripdirectory() {
    let b = build();
    let report = b.layout.check();
    assert!(report.problems().is_empty(), "{report}");
    assert!(report.unreferenced().is_empty(), "{report}");
    // index, manifest, config, two layers.
    assert_eq!(report.blobs_checked(), 5);
    // The same through the path, after opening anew.
    let again = ImageLayout::open(b.layout.root()).unwrap();
    assert_eq!(again.index(), b.layout.index());
    assert_eq!(check(b.layout.root()).unwrap(), report);

    // Resolve by name, by platform, by both.
    let amd64 = Platform::new(Arch::Amd64, Os::Linux);
    assert_eq!(again.resolve(Some("v1"), None).unwrap(), b.manifest);
    assert_eq!(again.resolve(None, Some(&amd64)).unwrap(), b.manifest);
    assert_eq!(again.resolve(Some("v1"), Some(&amd64)).unwrap(), b.manifest);
    // Any spelling of the platform.
    let x86_64 = Platform::new("x86_64".into(), Os::Linux);
    assert_eq!(again.resolve(None, Some(&x86_64)).unwrap(), b.manifest);
    let arm = Platform::new(Arch::ARM64, Os::Linux);
    let e = again.resolve(Some("v1"), Some(&arm)).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::NotFound),
        "{e}"
    );
    let e = again.resolve(Some("v2"), None).unwrap_err();
    assert_eq!(e.to_string(), "index.json: no image named \"v2\"");
    assert_eq!(again.find("v1"), vec![&again.index().manifests()[0]]);
    let images = again.images();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].0, Some("v1"));
    assert_eq!(images[0].1.digest(), b.index.digest());

    // Documents come back with their bytes and descriptor.
    let m: Stored<ImageManifest> = again.read_stored(&b.manifest, 1 << 20).unwrap();
    assert_eq!(m.layers(), &b.layers);
    assert_eq!(m.descriptor().digest(), b.manifest.digest());
    let c: Stored<ImageConfiguration> = again.read_stored(&b.config, 1 << 20).unwrap();
    assert_eq!(c.rootfs().diff_ids().len(), 2);
    let i: Stored<ImageIndex> = again.read_stored(&b.index, 1 << 20).unwrap();
    assert_eq!(i.manifests().len(), 1);
}

#[test]
fn blob_reading_is_verified_and_bounded() {
    let b = build();
    let layer = &b.layers[0];
    let mut bytes = Vec::new();
    b.layout
        .open_blob(layer)
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    assert_eq!(bytes, gzip_like(1));
    // Over the caller's limit: refused before reading.
    let e = b.layout.read_blob(layer, 10).unwrap_err();
    assert!(
        matches!(
            e,
            ModelError::Verify(VerifyError::TooLarge {
                size: 1005,
                limit: 10
            })
        ),
        "{e}"
    );
    // A descriptor of another size: refused at once, saying both sizes.
    let mut wrong = layer.clone();
    wrong.set_size(layer.size() - 1);
    let e = b.layout.open_blob(&wrong).err().unwrap();
    assert_eq!(
        e.to_string(),
        format!(
            "size mismatch: expected {} bytes, got {}",
            layer.size() - 1,
            layer.size()
        )
    );
    // Another digest: reading to the end fails.
    let mut other = layer.clone();
    other.set_digest(Digest::sha256_of(b"x"));
    fs::copy(blob_file(&b, layer), b.layout.blob_file(other.digest())).unwrap();
    let e = b.layout.read_blob(&other, 1 << 20).unwrap_err();
    assert!(
        matches!(e, ModelError::Verify(VerifyError::Digest { .. })),
        "{e}"
    );
    // Missing.
    let mut gone = layer.clone();
    gone.set_digest(Digest::sha256_of(b"gone"));
    let e = b.layout.open_blob(&gone).err().unwrap();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::BlobMissing),
        "{e}"
    );
}

#[test]
fn a_reader_fails_on_the_first_byte_past_the_size() {
    use oci_model::image::layout::{BlobReader, RawBlob};
    let d = Descriptor::from_bytes(MediaType::ImageLayer, b"hello");
    // A stored length that says 5 while the bytes go on (a file that grows).
    let raw = RawBlob::new(5, Box::new(&b"hello, world"[..]));
    let mut r = BlobReader::new(raw, &d).unwrap();
    let mut out = Vec::new();
    let e = r.read_to_end(&mut out).unwrap_err();
    assert_eq!(e.to_string(), "size mismatch: expected 5 bytes, got 6");
    assert_eq!(r.bytes_read(), 6);
}

#[test]
fn writes_are_atomic_and_concurrent_writers_succeed() {
    let b = build();
    let bytes = vec![7u8; 300_000];
    let descriptors: Vec<Descriptor> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| b.layout.write_blob(MediaType::ImageLayer, &bytes).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(descriptors.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(fs::read(blob_file(&b, &descriptors[0])).unwrap(), bytes);
    // Content that does not match its descriptor leaves nothing behind.
    let mut d = Descriptor::from_bytes(MediaType::ImageLayer, b"expected");
    let e = b
        .layout
        .write_described(&d, &b"unexpected"[..])
        .unwrap_err();
    assert!(
        matches!(e, ModelError::Verify(VerifyError::Size { expected: 8, .. })),
        "{e}"
    );
    d.set_size(10);
    let e = b
        .layout
        .write_described(&d, &b"unexpected"[..])
        .unwrap_err();
    assert!(
        matches!(e, ModelError::Verify(VerifyError::Digest { .. })),
        "{e}"
    );
    assert!(!b.layout.blob_file(d.digest()).exists());
    let dir = b.layout.root().join("blobs/sha256");
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The stored blob written from a stream and one written as bytes agree.
    let from_stream = b
        .layout
        .write_blob_from(MediaType::ImageLayer, &bytes[..])
        .unwrap();
    assert_eq!(from_stream, descriptors[0]);
}

#[test]
fn gc_removes_only_what_nothing_refers_to() {
    let b = build();
    let stray = b
        .layout
        .write_blob(MediaType::ImageLayer, b"stray")
        .unwrap();
    let temp = b.layout.root().join("blobs/sha256/.oci-model-tmp-1-2-3");
    fs::write(&temp, b"half").unwrap();
    let report = b.layout.check();
    assert!(report.is_valid(), "{report}");
    assert_eq!(
        report.unreferenced(),
        &[
            "blobs/sha256/.oci-model-tmp-1-2-3".to_owned(),
            blob_path(stray.digest())
        ]
    );
    let removed = b.layout.gc().unwrap();
    assert_eq!(removed.len(), 2);
    assert!(!temp.exists());
    assert!(!blob_file(&b, &stray).exists());
    let report = b.layout.check();
    assert!(
        report.problems().is_empty() && report.unreferenced().is_empty(),
        "{report}"
    );
    // A layout with errors: gc refuses.
    fs::remove_file(blob_file(&b, &b.config)).unwrap();
    b.layout
        .write_blob(MediaType::ImageLayer, b"stray")
        .unwrap();
    let e = b.layout.gc().unwrap_err();
    assert!(
        e.to_string()
            .contains("gc removes nothing until check passes"),
        "{e}"
    );
    assert!(blob_file(&b, &stray).exists());
}

#[test]
fn names_are_replaced_not_duplicated() {
    let mut b = build();
    b.layout
        .add_manifest(b.manifest.clone(), Some("v1"))
        .unwrap();
    b.layout
        .add_manifest(b.manifest.clone(), Some("latest"))
        .unwrap();
    let reopened = ImageLayout::open(b.layout.root()).unwrap();
    assert_eq!(reopened.index().manifests().len(), 2);
    assert_eq!(reopened.find("v1").len(), 1);
    assert_eq!(
        reopened.resolve(Some("latest"), None).unwrap().digest(),
        b.manifest.digest()
    );
    // A manifest whose blob is not there is refused.
    let missing = Descriptor::from_bytes(MediaType::ImageManifest, b"{}");
    let e = b.layout.add_manifest(missing, Some("x")).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::BlobMissing),
        "{e}"
    );
}

// ---- layouts in the shapes tools leave (built by layout_build.rs) -------

pub(crate) fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-data/layout")
        .join(path)
}

#[test]
fn several_names_nested_indexes_and_one_defect() {
    let dir = tempfile::tempdir().unwrap();
    let m = multi(&dir.path().join("layout"));
    let report = check(m.layout.root()).unwrap();
    // The one defect: the manifest named "1.0.0" gives its configuration
    // (shared with the linux/amd64 image of "1.9.0", which gives the right
    // size) a size one byte too large.
    let msg = find(
        &report,
        "index.json → manifests[6] → config",
        "layout-blob-size",
    );
    let size = m.v19_amd64.config.size();
    assert_eq!(m.broken.config.size(), size + 1);
    assert_eq!(
        msg,
        format!(
            "{} has {size} bytes, 1 smaller than the size {} its descriptor gives",
            blob_path(m.broken.config.digest()),
            size + 1
        )
    );
    assert_eq!(report.errors().count(), 1, "{report}");
    // The layers are text under a gzip media type: warned, once per layer
    // however many images share it.
    assert!(
        report
            .warnings()
            .all(|p| p.rule().name() == "layout-layer-content"),
        "{report}"
    );
    assert_eq!(report.warnings().count(), 7, "{report}");
    assert_eq!(m.reachable_layers().len(), 7);
    // What nothing reachable refers to, in path order.
    let mut unreferenced: Vec<String> = m
        .unreferenced()
        .iter()
        .map(|d| blob_path(d.digest()))
        .collect();
    unreferenced.sort();
    assert_eq!(report.unreferenced(), unreferenced.as_slice());
    // The 20 reachable blobs are each verified once; the shared
    // configuration, described once with the wrong size, is not read again.
    let blobs = m.all_blobs();
    assert_eq!(blobs.len(), 23);
    assert_eq!(report.blobs_checked(), 23 - 3);
    let bytes: u64 = blobs
        .iter()
        .filter(|d| !m.unreferenced().contains(d))
        .map(|d| d.size())
        .sum();
    assert_eq!(report.bytes_checked(), bytes);

    let layout = ImageLayout::open(m.layout.root()).unwrap();
    let names: Vec<Option<&str>> = layout.images().iter().map(|(n, _)| *n).collect();
    assert_eq!(names, MULTI_NAMES.map(Some));
    // "stable" and "2.1.0" are one index for two platforms.
    let amd64 = Platform::new(Arch::Amd64, Os::Linux);
    for name in ["stable", "2.1.0"] {
        let d = layout.resolve(Some(name), Some(&amd64)).unwrap();
        assert_eq!(d, m.v21_amd64.manifest, "{name}");
        let e = layout.resolve(Some(name), None).unwrap_err();
        assert!(
            matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::Ambiguous),
            "{e}"
        );
    }
    let mut arm64 = Platform::new(Arch::ARM64, Os::Linux);
    arm64.set_variant(Some("v8".to_owned()));
    assert_eq!(
        layout.resolve(Some("stable"), Some(&arm64)).unwrap(),
        m.v21_arm64.manifest
    );
    let i386 = Platform::new(Arch::i386, Os::Linux);
    assert_eq!(
        layout.resolve(Some("1.9.0"), Some(&i386)).unwrap(),
        m.v19_386.manifest
    );
    let e = layout.resolve(Some("stable"), Some(&i386)).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::NotFound),
        "{e}"
    );
    // Names given straight to a manifest.
    assert_eq!(
        layout.resolve(Some("2.0.4"), None).unwrap().digest(),
        m.v204.manifest.digest()
    );
    assert_eq!(
        layout.resolve(Some("2"), None).unwrap().digest(),
        m.v21_amd64.manifest.digest()
    );
    // The nested index decodes with the platforms it was written with.
    let i: Stored<ImageIndex> = layout.read_stored(&m.v19, 1 << 20).unwrap();
    let platforms: Vec<String> = i
        .manifests()
        .iter()
        .map(|d| d.platform().as_ref().unwrap().to_string())
        .collect();
    assert_eq!(platforms, ["linux/amd64", "linux/386"]);
    // Every blob file is listed.
    let entries = layout.blob_entries().unwrap();
    assert_eq!(entries.len(), blobs.len());
}

#[test]
fn gc_keeps_what_a_removed_name_shares() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = multi(&dir.path().join("layout"));
    // The layout has an error: nothing is removed, and the plan (a dry
    // run) is the same refusal.
    let e = m.layout.gc().unwrap_err();
    assert_eq!(
        e.to_string(),
        "blobs: the layout has 1 error: gc removes nothing until check passes"
    );
    let plan = m.layout.check().gc_plan().map(<[String]>::to_vec);
    assert_eq!(plan.unwrap_err().to_string(), e.to_string());
    for d in m.all_blobs() {
        assert!(m.layout.blob_file(d.digest()).exists(), "{}", d.digest());
    }
    // Without the broken "1.0.0", its manifest and its own layer become
    // unreferenced too; the configuration it shares stays.
    let mut index = m.layout.index().clone();
    index
        .manifests_mut()
        .retain(|d| ref_name(d) != Some("1.0.0"));
    m.layout.set_index(index).unwrap();
    let report = m.layout.check();
    assert!(report.problems().iter().all(|p| !p.is_error()), "{report}");
    let mut gone: Vec<&Descriptor> = m.unreferenced();
    gone.push(&m.broken.manifest);
    gone.push(&m.broken.layers[0]);
    let mut expected: Vec<String> = gone.iter().map(|d| blob_path(d.digest())).collect();
    expected.sort();
    assert_eq!(report.unreferenced(), expected.as_slice());
    assert_eq!(report.gc_plan().unwrap(), expected.as_slice());
    let removed = m.layout.gc().unwrap();
    assert_eq!(removed, expected);
    for d in m.all_blobs() {
        let kept = !gone.iter().any(|g| g.digest() == d.digest());
        assert_eq!(
            m.layout.blob_file(d.digest()).exists(),
            kept,
            "{}",
            d.digest()
        );
    }
    assert!(m.layout.blob_file(m.v19_amd64.config.digest()).exists());
    assert!(m.layout.blob_file(m.v204.layers[0].digest()).exists());
    let report = m.layout.check();
    assert!(
        report.is_valid() && report.unreferenced().is_empty(),
        "{report}"
    );
    assert_eq!(report.blobs_checked(), 23 - 5);
}

#[test]
fn built_layouts_are_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let read_all = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let layout = ImageLayout::open(root).unwrap();
        let mut files: Vec<(String, Vec<u8>)> = layout
            .blob_entries()
            .unwrap()
            .iter()
            .map(|e| (e.path().to_owned(), fs::read(root.join(e.path())).unwrap()))
            .collect();
        files.sort();
        for name in ["index.json", "oci-layout"] {
            files.push((name.to_owned(), fs::read(root.join(name)).unwrap()));
        }
        files
    };
    let a = multi(&dir.path().join("a"));
    let b = multi(&dir.path().join("b"));
    assert_eq!(a.v21, b.v21);
    assert_eq!(read_all(a.layout.root()), read_all(b.layout.root()));
    let a = twice(&dir.path().join("c"));
    let b = twice(&dir.path().join("d"));
    assert_eq!(a.first.manifest, b.first.manifest);
    assert_eq!(read_all(a.layout.root()), read_all(b.layout.root()));
}

#[test]
fn one_name_given_to_two_manifests() {
    let dir = tempfile::tempdir().unwrap();
    let t = twice(&dir.path().join("layout"));
    let layout = ImageLayout::open(t.layout.root()).unwrap();
    assert_ne!(t.first.manifest.digest(), t.second.manifest.digest());
    let report = layout.check();
    assert_eq!(report.errors().count(), 0, "{report}");
    assert!(report.unreferenced().is_empty(), "{report}");
    assert_eq!(report.blobs_checked(), 6);
    assert_eq!(layout.find("1.0.0").len(), 2);
    let e = layout.resolve(Some("1.0.0"), None).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::Ambiguous),
        "{e}"
    );
    assert!(e.to_string().contains("2 manifests match \"1.0.0\""), "{e}");
    // Neither entry says its platform; both configurations say
    // linux/amd64, so a platform does not choose either.
    let amd64 = Platform::new(Arch::Amd64, Os::Linux);
    let e = layout.resolve(Some("1.0.0"), Some(&amd64)).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::Ambiguous),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("2 manifests match \"1.0.0 for linux/amd64\"")
            && e.to_string()
                .ends_with("expected one; they are equally good for this platform"),
        "{e}"
    );
    let e = layout.resolve(None, Some(&amd64)).unwrap_err();
    assert!(
        e.to_string().ends_with("expected one; name an image"),
        "{e}"
    );
    let arm64 = Platform::new(Arch::ARM64, Os::Linux);
    let e = layout.resolve(Some("1.0.0"), Some(&arm64)).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::NotFound),
        "{e}"
    );
}

#[test]
fn image_spec_example_has_no_blobs() {
    let report = check(data("image-spec")).unwrap();
    assert!(!report.is_valid());
    for i in 0..3 {
        let m = find(
            &report,
            &format!("index.json → manifests[{i}]"),
            "layout-blob-missing",
        );
        assert!(m.ends_with("is not in the layout"), "{m}");
    }
    let layout = ImageLayout::open(data("image-spec")).unwrap();
    assert_eq!(layout.find("v1.0").len(), 1);
    assert_eq!(layout.find("stable-release").len(), 1);
}

// ---- hostile layouts --------------------------------------------------

#[cfg(unix)]
#[test]
fn blob_symlinked_outside_is_refused() {
    let b = build();
    let outside = b.dir.path().join("outside");
    fs::write(&outside, gzip_like(1)).unwrap();
    let file = blob_file(&b, &b.layers[0]);
    fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&outside, &file).unwrap();
    let report = b.layout.check();
    let m = find(&report, LAYER0, "layout-entry");
    assert!(
        m.contains("is a symbolic link: refused, not followed"),
        "{m}"
    );
    // Reported once, not again when listing blobs/.
    assert_eq!(report.errors().count(), 1, "{report}");
    let e = b.layout.open_blob(&b.layers[0]).err().unwrap();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::UnsafeEntry),
        "{e}"
    );
    // A symlinked blobs/sha256 directory is refused too.
    let blobs = b.layout.root().join("blobs");
    fs::rename(blobs.join("sha256"), b.dir.path().join("moved")).unwrap();
    std::os::unix::fs::symlink(b.dir.path().join("moved"), blobs.join("sha256")).unwrap();
    let report = b.layout.check();
    assert!(
        report
            .problems()
            .iter()
            .any(|p| p.location() == "index.json → manifests[0]"
                && p.message().contains("blobs/sha256: is a symbolic link")),
        "{report}"
    );
    assert!(b.layout.write_blob(MediaType::ImageLayer, b"x").is_err());
    // index.json and oci-layout are not followed either.
    let index = b.layout.root().join("index.json");
    let elsewhere = b.dir.path().join("index.json");
    fs::rename(&index, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &index).unwrap();
    let report = check(b.layout.root()).unwrap();
    assert_eq!(
        find(&report, "index.json", "layout-entry"),
        "is a symbolic link: refused, not followed"
    );
    assert!(ImageLayout::open(b.layout.root()).is_err());
    assert!(
        !b.dir
            .path()
            .join("moved")
            .join(Digest::sha256_of(b"x").encoded())
            .exists()
    );
}

#[test]
fn blob_one_byte_larger() {
    let b = build();
    let file = blob_file(&b, &b.layers[1]);
    let mut bytes = fs::read(&file).unwrap();
    bytes.push(0);
    fs::write(&file, bytes).unwrap();
    let report = b.layout.check();
    let m = find(
        &report,
        "index.json → manifests[0] → manifests[0] → layers[1]",
        "layout-blob-size",
    );
    assert!(
        m.ends_with("has 1007 bytes, 1 larger than the size 1006 its descriptor gives"),
        "{m}"
    );
}

#[test]
fn blob_one_gib_larger_is_caught_without_reading_it() {
    let b = build();
    let file = blob_file(&b, &b.layers[0]);
    // A sparse file: 1 GiB of holes after the real content.
    let f = fs::OpenOptions::new().write(true).open(&file).unwrap();
    f.set_len(b.layers[0].size() + (1 << 30)).unwrap();
    drop(f);
    let start = Instant::now();
    let report = b.layout.check();
    let took = start.elapsed();
    assert!(took < Duration::from_millis(500), "took {took:?}");
    let m = find(&report, LAYER0, "layout-blob-size");
    assert!(m.contains("1073741824 larger"), "{m}");
    assert!(
        report.bytes_checked() < 10_000,
        "{}",
        report.bytes_checked()
    );
}

#[test]
fn a_blob_referenced_twice_with_two_sizes_is_checked_twice() {
    let b = build();
    let mut layout = b.layout.clone();
    let mut short = b.layers[0].clone();
    short.set_size(short.size() - 1);
    let manifest = ImageManifestBuilder::default()
        .config(b.config.clone())
        .layers(vec![b.layers[1].clone(), short])
        .build()
        .unwrap();
    let manifest = layout
        .write_stored(&Stored::new(manifest).unwrap())
        .unwrap();
    layout.add_manifest(manifest, Some("short")).unwrap();
    let report = layout.check();
    let m = find(
        &report,
        "index.json → manifests[1] → layers[1]",
        "layout-blob-size",
    );
    assert!(
        m.ends_with("has 1005 bytes, 1 larger than the size 1004 its descriptor gives"),
        "{m}"
    );
    assert_eq!(report.errors().count(), 1, "{report}");
}

#[test]
fn wrong_digest_and_missing_blob() {
    let b = build();
    let file = blob_file(&b, &b.layers[0]);
    let mut bytes = fs::read(&file).unwrap();
    bytes[10] ^= 1;
    fs::write(&file, &bytes).unwrap();
    fs::remove_file(blob_file(&b, &b.layers[1])).unwrap();
    let report = b.layout.check();
    let m = find(&report, LAYER0, "layout-blob-digest");
    assert_eq!(
        m,
        format!(
            "digest mismatch: {} hashes to \"{}\"",
            blob_path(b.layers[0].digest()),
            Digest::sha256_of(&bytes)
        )
    );
    find(
        &report,
        "index.json → manifests[0] → manifests[0] → layers[1]",
        "layout-blob-missing",
    );
    assert_eq!(report.errors().count(), 2, "{report}");
}

/// Writes `make(size)` under `digest`'s name, with `size` the final length
/// (found by iterating, as the text holds its own size).
fn write_self_referring(
    layout: &ImageLayout,
    digest: &Digest,
    make: impl Fn(usize) -> String,
) -> u64 {
    let mut size = 0;
    let text = loop {
        let t = make(size);
        if t.len() == size {
            break t;
        }
        size = t.len();
    };
    fs::write(layout.blob_file(digest), text).unwrap();
    size as u64
}

#[test]
fn cycles_through_subject_and_index_entries_are_reported() {
    let b = build();
    let mut layout = b.layout.clone();
    // A manifest whose subject is itself (its content cannot hash to its
    // own name, so the digest mismatch is reported too).
    let m = Digest::sha256_of(b"self-manifest");
    let m_size = write_self_referring(&layout, &m, |size| {
        format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[],"subject":{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{m}","size":{size}}}}}"#,
            b.config.to_string().unwrap()
        )
    });
    layout
        .add_manifest(
            Descriptor::new(MediaType::ImageManifest, m_size, m.clone()),
            Some("m"),
        )
        .unwrap();
    // An index that lists itself.
    let i = Digest::sha256_of(b"self-index");
    let i_size = write_self_referring(&layout, &i, |size| {
        format!(
            r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{i}","size":{size}}}]}}"#
        )
    });
    layout
        .add_manifest(
            Descriptor::new(MediaType::ImageIndex, i_size, i.clone()),
            Some("i"),
        )
        .unwrap();
    let report = layout.check();
    find(&report, "index.json → manifests[1]", "layout-blob-digest");
    let msg = find(
        &report,
        "index.json → manifests[1] → subject",
        "layout-cycle",
    );
    assert!(msg.starts_with(&format!("{m} refers back")), "{msg}");
    find(
        &report,
        "index.json → manifests[2] → manifests[0]",
        "layout-cycle",
    );
}

#[test]
fn truncated_index_json() {
    let b = build();
    let path = b.layout.root().join("index.json");
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let report = check(b.layout.root()).unwrap();
    let m = find(&report, "index.json", "layout-index");
    assert!(m.contains("unexpected end of input"), "{m}");
    assert!(!report.is_valid());
    let e = ImageLayout::open(b.layout.root()).unwrap_err();
    assert!(matches!(e, ModelError::Decode(_)), "{e}");
}

#[test]
fn unknown_layout_version() {
    let b = build();
    fs::write(
        b.layout.root().join("oci-layout"),
        br#"{"imageLayoutVersion":"2.0.0"}"#,
    )
    .unwrap();
    let report = check(b.layout.root()).unwrap();
    let m = find(&report, "oci-layout", "layout-version");
    assert_eq!(
        m,
        "imageLayoutVersion \"2.0.0\" is newer than \"1.0.0\", the version this crate knows"
    );
    let e = ImageLayout::open(b.layout.root()).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::UnsupportedVersion),
        "{e}"
    );
    fs::remove_file(b.layout.root().join("oci-layout")).unwrap();
    let e = ImageLayout::open(b.layout.root()).unwrap_err();
    assert!(
        matches!(&e, ModelError::Layout(l) if l.kind() == LayoutErrorKind::NotALayout),
        "{e}"
    );
    find(
        &check(b.layout.root()).unwrap(),
        "oci-layout",
        "layout-header",
    );
}

#[test]
fn cross_document_rules() {
    let b = build();
    let mut layout = b.layout.clone();
    // A configuration with one diff_id for two layers.
    let config = ImageConfigurationBuilder::default()
        .architecture(Arch::Amd64)
        .os(Os::Linux)
        .rootfs(
            RootFsBuilder::default()
                .diff_ids(vec![Digest::sha256_of(b"1").to_string()])
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let config = layout.write_stored(&Stored::new(config).unwrap()).unwrap();
    let manifest = ImageManifestBuilder::default()
        .config(config)
        .layers(b.layers.clone())
        .build()
        .unwrap();
    let manifest = layout
        .write_stored(&Stored::new(manifest).unwrap())
        .unwrap();
    layout.add_manifest(manifest.clone(), Some("diff")).unwrap();
    // A Docker media type on a descriptor of an OCI manifest.
    let mut docker = b.manifest.clone();
    docker.set_media_type(MediaType::from(MediaType::DOCKER_MANIFEST));
    docker.set_platform(None);
    layout.add_manifest(docker, Some("docker")).unwrap();
    // A config descriptor whose content is not a configuration.
    let not_config = layout
        .write_blob(MediaType::ImageConfig, br#"{"a":1}"#)
        .unwrap();
    let manifest = ImageManifestBuilder::default()
        .config(not_config)
        .layers(vec![])
        .build()
        .unwrap();
    let manifest = layout
        .write_stored(&Stored::new(manifest).unwrap())
        .unwrap();
    layout.add_manifest(manifest, Some("bad-config")).unwrap();
    let report = layout.check();
    let m = find(&report, "index.json → manifests[1]", "layout-diff-ids");
    assert_eq!(
        m,
        "the configuration's rootfs.diff_ids has 1 entries, the manifest has 2 layers"
    );
    let m = find(&report, "index.json → manifests[2]", "layout-media-type");
    assert!(
        m.contains("application/vnd.docker.distribution.manifest.v2+json"),
        "{m}"
    );
    let m = find(
        &report,
        "index.json → manifests[3] → config",
        "layout-document",
    );
    assert!(m.contains("missing field"), "{m}");
    // A document that breaks its own rules: reported with its pointer.
    let mut index = layout.index().clone();
    index.set_schema_version(3);
    layout.set_index(index).unwrap();
    let report = layout.check();
    let p = report
        .problems()
        .iter()
        .find(|p| p.rule().name() == "schema-version")
        .unwrap();
    assert_eq!(
        (p.location(), p.pointer()),
        ("index.json", "/schemaVersion")
    );
    assert_eq!(
        p.to_string(),
        format!(
            "index.json /schemaVersion: error[schema-version]: {}",
            p.message()
        )
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ImageLayout>();
    check::<LayoutReport>();
    check::<oci_model::image::layout::LayoutProblem>();
    check::<oci_model::image::layout::LayoutError>();
    check::<oci_model::image::layout::BlobEntry>();
    check::<Stored<ImageManifest>>();
    #[cfg(feature = "layout-tar")]
    check::<oci_model::image::layout::LayoutArchive>();
}

fn kind(e: &ModelError) -> Option<LayoutErrorKind> {
    match e {
        ModelError::Layout(l) => Some(l.kind()),
        _ => None,
    }
}

fn platform(s: &str) -> Platform {
    Platform::parse_with_host(s, &Platform::new(Arch::Amd64, Os::Linux)).unwrap()
}

/// Entries without `platform` (umoci, skopeo): `resolve` reads the
/// platform from each entry's configuration, as containerd does; an
/// artifact (config not an image configuration) matches no platform.
#[test]
fn entries_without_platform_resolve_by_their_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let u = unplatformed(&dir.path().join("layout"));
    let l = ImageLayout::open(u.layout.root()).unwrap();
    assert!(l.index().manifests().iter().all(|d| d.platform().is_none()));
    let cases: &[(Option<&str>, &str, Option<&Descriptor>)] = &[
        (Some("amd64"), "linux/amd64", Some(&u.amd64.manifest)),
        (Some("amd64"), "linux/amd64/v3", Some(&u.amd64.manifest)),
        // The configuration says amd64: not for arm64 (before, an entry of
        // index.json without platform matched any platform).
        (Some("amd64"), "linux/arm64", None),
        (Some("arm64"), "linux/arm64", Some(&u.arm64.manifest)),
        (Some("arm64"), "linux/arm64/v8", Some(&u.arm64.manifest)),
        (Some("arm64"), "linux/aarch64", Some(&u.arm64.manifest)),
        (Some("multi"), "linux/amd64/v2", Some(&u.amd64_v2.manifest)),
        (Some("multi"), "linux/amd64", None),
        (Some("multi"), "linux/arm64", Some(&u.arm_v7.manifest)),
        (Some("artifact"), "linux/amd64", None),
        // Every entry: the best match wins over the fallbacks.
        (None, "linux/amd64", Some(&u.amd64.manifest)),
        (None, "linux/amd64/v2", Some(&u.amd64_v2.manifest)),
        (None, "linux/amd64/v4", Some(&u.amd64_v2.manifest)),
        (None, "linux/arm64", Some(&u.arm64.manifest)),
        (None, "linux/arm/v7", Some(&u.arm_v7.manifest)),
        (None, "linux/arm", Some(&u.arm_v7.manifest)),
        (None, "linux/arm/v6", None),
        (None, "linux/riscv64", None),
        (None, "windows/amd64", None),
    ];
    for &(name, p, want) in cases {
        let got = l.resolve(name, Some(&platform(p)));
        if let Some(d) = want {
            assert_eq!(got.unwrap().digest(), d.digest(), "{name:?} {p}");
        } else {
            let e = got.unwrap_err();
            assert_eq!(
                kind(&e),
                Some(LayoutErrorKind::NotFound),
                "{name:?} {p}: {e}"
            );
        }
    }
    // The artifact is there, found by name alone.
    assert_eq!(
        l.resolve(Some("artifact"), None).unwrap().digest(),
        u.artifact.digest()
    );
    // Without the blobs, `select` cannot know these entries' platforms.
    assert!(
        l.index()
            .select(&PlatformMatcher::only(&platform("linux/amd64")))
            .is_none()
    );
    // A strict matcher: only linux/amd64/v2 itself.
    let strict = PlatformMatcher::strict(&platform("linux/amd64/v3"));
    let e = l.resolve_matching(None, Some(&strict)).unwrap_err();
    assert_eq!(kind(&e), Some(LayoutErrorKind::NotFound), "{e}");
}

/// `ReadLayout::resolve(None, p)` and `ImageIndex::select_with` over the
/// layout's `index.json` (with [`PlatformMatcher::only`]) give the same
/// manifest, or both none; where `resolve` finds several equally good
/// manifests (an error), `select_with` picks the first of them.
#[test]
fn resolve_and_select_agree() {
    let dir = tempfile::tempdir().unwrap();
    let u = unplatformed(&dir.path().join("u"));
    let m = multi(&dir.path().join("m"));
    let t = twice(&dir.path().join("t"));
    let platforms = [
        "linux/amd64",
        "linux/amd64/v2",
        "linux/amd64/v3",
        "linux/386",
        "linux/arm64",
        "linux/arm64/v8",
        "linux/arm64/v9",
        "linux/arm/v7",
        "linux/arm/v6",
        "linux/arm",
        "linux/riscv64",
        "windows/amd64",
    ];
    let mut compared = 0;
    for (what, root, roots) in [
        ("unplatformed", u.layout.root(), None),
        ("multi stable", m.layout.root(), Some("stable")),
        ("multi 1.9.0", m.layout.root(), Some("1.9.0")),
        ("twice", t.layout.root(), None),
    ] {
        let l = ImageLayout::open(root).unwrap();
        // The entries resolve looks at, as an index of their own.
        let mut index = l.index().clone();
        if let Some(n) = roots {
            index.set_manifests(l.find(n).into_iter().cloned().collect());
        }
        for p in platforms {
            let p = platform(p);
            let matcher = PlatformMatcher::only(&p);
            let fetch = |d: &Descriptor| l.read_blob(d, MAX_DOCUMENT_SIZE);
            let selected = index.select_with(&matcher, fetch).unwrap();
            let all = index.matching_with(&matcher, fetch).unwrap();
            match l.resolve(roots, Some(&p)) {
                Ok(d) => assert_eq!(Some(d), selected, "{what} {p}"),
                Err(e) => match kind(&e) {
                    Some(LayoutErrorKind::NotFound) => assert_eq!(selected, None, "{what} {p}"),
                    Some(LayoutErrorKind::Ambiguous) => {
                        let first = selected.unwrap();
                        assert_eq!(first, all[0].0, "{what} {p}");
                        assert!(all.len() > 1, "{what} {p}");
                        assert_eq!(
                            matcher.compare(&all[0].1, &all[1].1),
                            std::cmp::Ordering::Equal
                        );
                        assert_ne!(all[0].0.digest(), all[1].0.digest());
                    }
                    _ => panic!("{what} {p}: {e}"),
                },
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 4 * 12);
    // On indexes whose entries all carry a platform, `select` (no blobs)
    // answers as `select_with` does.
    let l = ImageLayout::open(m.layout.root()).unwrap();
    for nested in [&m.v21, &m.v19] {
        let index = l
            .read_stored::<ImageIndex>(nested, 1 << 20)
            .unwrap()
            .value()
            .clone();
        assert!(index.manifests().iter().all(|d| d.platform().is_some()));
        for p in platforms {
            let matcher = PlatformMatcher::only(&platform(p));
            let with = index
                .select_with(&matcher, |d| l.read_blob(d, MAX_DOCUMENT_SIZE))
                .unwrap();
            assert_eq!(index.select(&matcher).cloned(), with, "{p}");
        }
    }
    // The case that disagreed: linux/amd64/v2 on an index with a
    // linux/amd64 entry takes it (amd64/v2 runs amd64), both ways.
    let l = ImageLayout::open(m.layout.root()).unwrap();
    let v2 = platform("linux/amd64/v2");
    assert_eq!(
        l.resolve(Some("stable"), Some(&v2)).unwrap(),
        m.v21_amd64.manifest
    );
    let v21: ImageIndex = l
        .read_stored::<ImageIndex>(&m.v21, 1 << 20)
        .unwrap()
        .value()
        .clone();
    assert_eq!(
        v21.select(&PlatformMatcher::only(&v2)),
        Some(&m.v21_amd64.manifest)
    );
}
