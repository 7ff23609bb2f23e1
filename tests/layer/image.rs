//! Images in layouts: layers added with the documents kept in step,
//! written through `ImageLayout`, unpacked again.

use oci_model::image::layout::{ImageLayout, ReadLayout};
use oci_model::image::{
    Compression, Descriptor, HistoryBuilder, ImageConfiguration, ImageManifest, Stored,
};
use oci_model::layer::{
    ApplyOptions, ImageDraft, LayerErrorKind, Limits, WriteOptions, unpack_image,
};

use crate::craft::tree;

#[test]
fn build_write_unpack() {
    let base = tempfile::tempdir().unwrap();
    let l1 = base.path().join("l1");
    let l2 = base.path().join("l2");
    std::fs::create_dir_all(l1.join("etc")).unwrap();
    std::fs::write(l1.join("etc/a"), b"a").unwrap();
    std::fs::write(l1.join("etc/b"), b"b").unwrap();
    std::fs::create_dir_all(l2.join("etc")).unwrap();
    std::fs::write(l2.join("etc/c"), b"c").unwrap();
    std::fs::write(l2.join("etc/.wh.a"), b"").unwrap();

    let mut layout = ImageLayout::create(base.path().join("layout")).unwrap();
    let mut draft = ImageDraft::new(ImageConfiguration::default()).unwrap();
    let h = HistoryBuilder::default().created_by("l1").build().unwrap();
    draft
        .add_dir(&layout, &l1, &WriteOptions::new(Compression::Gzip), Some(h))
        .unwrap();
    draft
        .add_dir(&layout, &l2, &WriteOptions::new(Compression::Zstd), None)
        .unwrap();
    let d = draft.write(&mut layout, Some("latest")).unwrap();
    assert!(layout.check().is_valid(), "{:?}", layout.check().problems());

    let manifest: Stored<ImageManifest> = layout.read_stored(&d, 1 << 20).unwrap();
    let config: Stored<ImageConfiguration> = layout
        .read_stored(manifest.value().config(), 1 << 20)
        .unwrap();
    assert_eq!(manifest.value().layers().len(), 2);
    assert_eq!(config.value().rootfs().diff_ids().len(), 2);
    let history = config.value().history().as_ref().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].created_by().as_deref(), Some("l1"));

    let out = base.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let report = unpack_image(
        &layout,
        Some("latest"),
        None,
        &out,
        ApplyOptions::default(),
        Limits::default(),
    )
    .unwrap();
    assert_eq!(report.layers().len(), 2);
    assert_eq!(report.manifest().digest(), d.digest());
    let names: Vec<String> = tree(&out)
        .into_iter()
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["etc", "etc/b", "etc/c"]);

    // Adding to the image read back from the layout.
    let mut again = ImageDraft::from_layout(&layout, Some("latest"), None).unwrap();
    assert_eq!(again.layers().len(), 2);
    again
        .add_dir(&layout, &l1, &WriteOptions::default(), None)
        .unwrap();
    assert_eq!(again.config().rootfs().diff_ids().len(), 3);
    assert_eq!(again.config().history().as_ref().unwrap().len(), 3);
}

#[test]
fn inconsistent_documents_are_refused() {
    let mut config = ImageConfiguration::default();
    config
        .rootfs_mut()
        .diff_ids_mut()
        .push(oci_model::image::Digest::sha256_of(b"x").to_string());
    let e = ImageDraft::new(config.clone()).unwrap_err();
    match e {
        oci_model::ModelError::Layer(l) => {
            assert_eq!(l.kind(), LayerErrorKind::Inconsistent);
            assert_eq!(
                l.to_string(),
                "image: rootfs.diff_ids has 1 entries for 0 layers"
            );
        }
        other => panic!("{other}"),
    }
    let layer = Descriptor::new(
        oci_model::image::MediaType::ImageLayerGzip,
        1,
        oci_model::image::Digest::sha256_of(b"x"),
    );
    config.set_history(Some(vec![]));
    let e = ImageDraft::from_parts(config, vec![layer]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "image: history has 0 entries with a layer for 1 layers"
    );
}

#[test]
fn a_tampered_layer_stops_the_unpack() {
    let base = tempfile::tempdir().unwrap();
    let src = base.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("f"), b"content").unwrap();
    let mut layout = ImageLayout::create(base.path().join("layout")).unwrap();
    let mut draft = ImageDraft::new(ImageConfiguration::default()).unwrap();
    let l = draft
        .add_dir(
            &layout,
            &src,
            &WriteOptions::new(Compression::Uncompressed),
            None,
        )
        .unwrap();
    draft.write(&mut layout, Some("t")).unwrap();
    // Same size, one byte changed.
    let blob = layout.blob_file(l.descriptor().digest());
    let mut bytes = std::fs::read(&blob).unwrap();
    let i = bytes.windows(7).position(|w| w == b"content").unwrap();
    bytes[i] = b'C';
    std::fs::write(&blob, &bytes).unwrap();
    let out = base.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let e = unpack_image(
        &layout,
        Some("t"),
        None,
        &out,
        ApplyOptions::default(),
        Limits::default(),
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("digest mismatch"), "{e}");
}
