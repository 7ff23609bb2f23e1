//! Builds an image from scratch (two layers, a configuration, a manifest and
//! an index), writes it as an OCI image layout directory and as a `.tar`
//! archive of one, and checks both.
//!
//! ```text
//! cargo run --example image_layout --features layout-tar [DIR]
//! ```
//!
//! DIR (default: a new directory under the system's temporary directory)
//! receives `layout/` and `layout.tar`.

use oci_model::image::layout::{ImageLayout, LayoutArchive, ReadLayout, check};
use oci_model::image::{
    Arch, ConfigBuilder, Digest, ImageConfigurationBuilder, ImageIndexBuilder,
    ImageManifestBuilder, MediaType, Os, Platform, RootFsBuilder, Stored,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::args_os().nth(1) {
        Some(d) => std::path::PathBuf::from(d),
        None => std::env::temp_dir().join(format!("oci-model-example-{}", std::process::id())),
    };
    let mut layout = ImageLayout::create(dir.join("layout"))?;

    // Two layers. Real layers are (compressed) tar archives of a file
    // system change set; `diff_ids` are the digests of the uncompressed
    // tars. These stand-ins are uncompressed, so both digests agree.
    let layers = [b"first layer".as_slice(), b"second layer".as_slice()];
    let layer_descriptors = layers
        .iter()
        .map(|bytes| layout.write_blob(MediaType::ImageLayer, bytes))
        .collect::<Result<Vec<_>, _>>()?;
    let diff_ids = layers
        .iter()
        .map(|b| Digest::sha256_of(b))
        .collect::<Vec<_>>();

    // The configuration: what to run, and the layers' diff_ids.
    let config = ImageConfigurationBuilder::default()
        .architecture(Arch::Amd64)
        .os(Os::Linux)
        .config(
            ConfigBuilder::default()
                .cmd(vec!["/bin/hello".to_owned()])
                .build()?,
        )
        .rootfs(
            RootFsBuilder::default()
                .diff_ids(diff_ids.iter().map(ToString::to_string).collect::<Vec<_>>())
                .build()?,
        )
        .build()?;
    // `Stored` keeps the exact bytes written, so the descriptor names them.
    let config = layout.write_stored(&Stored::new(config)?)?;

    // The builders leave `mediaType` unset, as oci-spec's do; image-spec
    // says it SHOULD be used, and `validate()` warns without it.
    let manifest = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(config)
        .layers(layer_descriptors)
        .build()?;
    let mut manifest = layout.write_stored(&Stored::new(manifest)?)?;
    manifest.set_platform(Some(Platform::new(Arch::Amd64, Os::Linux)));

    // An index for the platforms (one here), named "v1" in index.json.
    let index = ImageIndexBuilder::default()
        .media_type(MediaType::ImageIndex)
        .manifests(vec![manifest])
        .build()?;
    let index = layout.write_stored(&Stored::new(index)?)?;
    layout.add_manifest(index, Some("v1"))?;

    // The same layout as a deterministic archive.
    let archive_path = dir.join("layout.tar");
    LayoutArchive::write_file(&layout, &archive_path)?;

    // Check both (`check` takes a directory or an archive): no error and
    // no warning, as `oci-model layout check` under `--strict` would ask.
    for path in [layout.root(), archive_path.as_path()] {
        let report = check(path)?;
        print!("{report}");
        println!(
            "{}: {} ({} blobs, {} bytes verified)",
            path.display(),
            if report.is_valid() { "ok" } else { "invalid" },
            report.blobs_checked(),
            report.bytes_checked()
        );
        if !report.is_valid() || report.warnings().next().is_some() {
            return Err("the layout does not pass its check".into());
        }
    }

    // Resolve the name and platform to the manifest, in the archive.
    let archive = LayoutArchive::open(&archive_path)?;
    let found = archive.resolve(Some("v1"), Some(&Platform::new(Arch::Amd64, Os::Linux)))?;
    println!("v1 for linux/amd64: {}", found.digest());
    Ok(())
}
