//! Images made of layers: the configuration's `rootfs.diff_ids` and
//! `history` and the manifest's `layers` kept in step ([image-spec
//! v1.1.1, config.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties),
//! manifest.md), written to and unpacked from image layouts.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use crate::image::layout::{
    ImageLayout, LayoutError, LayoutErrorKind, MAX_DOCUMENT_SIZE, ReadLayout, TEMP_PREFIX,
    blob_path,
};
use crate::image::{
    Descriptor, History, ImageConfiguration, ImageManifest, ImageManifestBuilder, MediaType,
    Platform, Stored,
};
use crate::layer::apply::{ApplyOptions, ApplyReport, Unpacker};
use crate::layer::error::{LayerError, LayerErrorKind, file_error};
use crate::layer::read::{LayerReader, Limits};
use crate::layer::write::{LayerWriter, WriteOptions, WrittenLayer};

/// An image being built: a configuration and the layers of its manifest,
/// kept in step (one DiffID per layer, one history entry per layer when
/// the image has a history).
///
/// ```
/// use oci_model::image::ImageConfiguration;
/// use oci_model::layer::ImageDraft;
///
/// let draft = ImageDraft::new(ImageConfiguration::default())?;
/// assert!(draft.layers().is_empty());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ImageDraft {
    config: ImageConfiguration,
    layers: Vec<Descriptor>,
}

impl ImageDraft {
    /// A draft with no layers from `config` (which must list no DiffIDs).
    ///
    /// # Errors
    /// [`LayerErrorKind::Inconsistent`] when `config` lists DiffIDs.
    pub fn new(config: ImageConfiguration) -> crate::ModelResult<Self> {
        Self::from_parts(config, Vec::new())
    }

    /// A draft from an existing configuration and its layers.
    ///
    /// # Errors
    /// [`LayerErrorKind::Inconsistent`] when the configuration does not
    /// list one DiffID per layer, or has a history whose entries that are
    /// not `empty_layer` are not one per layer.
    pub fn from_parts(
        config: ImageConfiguration,
        layers: Vec<Descriptor>,
    ) -> crate::ModelResult<Self> {
        let draft = Self { config, layers };
        draft.check()?;
        Ok(draft)
    }

    /// The image `name` (and `platform`) of a layout, to add layers to.
    ///
    /// # Errors
    /// As [`ReadLayout::resolve`] and [`ReadLayout::read_stored`];
    /// [`LayerErrorKind::Inconsistent`] as [`ImageDraft::from_parts`].
    pub fn from_layout<L: ReadLayout>(
        layout: &L,
        name: Option<&str>,
        platform: Option<&Platform>,
    ) -> crate::ModelResult<Self> {
        let d = layout.resolve(name, platform)?;
        let manifest: Stored<ImageManifest> = layout.read_stored(&d, MAX_DOCUMENT_SIZE)?;
        let config: Stored<ImageConfiguration> =
            layout.read_stored(manifest.value().config(), MAX_DOCUMENT_SIZE)?;
        Self::from_parts(config.value().clone(), manifest.value().layers().clone())
    }

    fn check(&self) -> crate::ModelResult<()> {
        let diff_ids = self.config.rootfs().diff_ids().len();
        if diff_ids != self.layers.len() {
            return Err(inconsistent(format!(
                "rootfs.diff_ids has {diff_ids} entries for {} layers",
                self.layers.len()
            )));
        }
        if let Some(h) = self.config.history() {
            let with_layer = h.iter().filter(|h| h.empty_layer() != Some(true)).count();
            if with_layer != diff_ids {
                return Err(inconsistent(format!(
                    "history has {with_layer} entries with a layer for {diff_ids} layers"
                )));
            }
        }
        Ok(())
    }

    /// The configuration.
    pub fn config(&self) -> &ImageConfiguration {
        &self.config
    }

    /// The configuration, to change what is not a layer (entrypoint,
    /// environment, ...). [`ImageDraft::write`] checks the layers again.
    pub fn config_mut(&mut self) -> &mut ImageConfiguration {
        &mut self.config
    }

    /// The layers' descriptors, base layer first.
    pub fn layers(&self) -> &[Descriptor] {
        &self.layers
    }

    /// Adds a layer written already: its descriptor to the layers, its
    /// DiffID to `rootfs.diff_ids` and `history` (or an empty history
    /// entry) to the history. An image without a history and with layers
    /// keeps having none when `history` is `None`.
    ///
    /// # Errors
    /// [`LayerErrorKind::Inconsistent`] when `history` is given for an
    /// image whose earlier layers have none.
    pub fn push_layer(
        &mut self,
        layer: &WrittenLayer,
        history: Option<History>,
    ) -> crate::ModelResult<()> {
        self.check()?;
        let had_layers = !self.layers.is_empty();
        match (self.config.history_mut(), history) {
            (Some(h), entry) => h.push(entry.unwrap_or_default()),
            (None, None) if had_layers => {}
            (slot @ None, entry) => {
                if had_layers {
                    return Err(inconsistent(
                        "the image has no history for its layers: cannot add one for a new layer"
                            .to_owned(),
                    ));
                }
                *slot = Some(vec![entry.unwrap_or_default()]);
            }
        }
        self.config
            .rootfs_mut()
            .diff_ids_mut()
            .push(layer.diff_id().to_string());
        self.layers.push(layer.descriptor().clone());
        Ok(())
    }

    /// Writes the tree below `dir` as a layer into `layout` (streamed
    /// through a temporary file in the layout, never held in memory) and
    /// adds it (see [`ImageDraft::push_layer`]).
    ///
    /// # Errors
    /// As [`crate::layer::write_dir`], [`ImageLayout::write_described`] and
    /// [`ImageDraft::push_layer`].
    pub fn add_dir(
        &mut self,
        layout: &ImageLayout,
        dir: &Path,
        options: &WriteOptions,
        history: Option<History>,
    ) -> crate::ModelResult<WrittenLayer> {
        let meta = fs::metadata(dir).map_err(|e| file_error(dir, e))?;
        if !meta.is_dir() {
            return Err(LayerError::new(
                LayerErrorKind::NotADirectory,
                dir.display().to_string(),
                "is not a directory",
            )
            .into());
        }
        self.add_layer_with(layout, options, history, |w| w.append_dir_all(dir))
    }

    /// Writes a layer into `layout` from the entries `fill` adds one by
    /// one (whiteouts and opaque markers included), and adds it (see
    /// [`ImageDraft::push_layer`]).
    ///
    /// # Errors
    /// What `fill` returns; as [`ImageDraft::add_dir`].
    pub fn add_layer_with<F>(
        &mut self,
        layout: &ImageLayout,
        options: &WriteOptions,
        history: Option<History>,
        fill: F,
    ) -> crate::ModelResult<WrittenLayer>
    where
        F: FnOnce(&mut LayerWriter<BufWriter<File>>) -> crate::ModelResult<()>,
    {
        let blobs = layout.root().join("blobs").join("sha256");
        fs::create_dir_all(&blobs).map_err(|e| file_error(&blobs, e))?;
        let tmp = blobs.join(format!(
            "{TEMP_PREFIX}layer-{}-{}",
            std::process::id(),
            self.layers.len()
        ));
        let result = (|| -> crate::ModelResult<WrittenLayer> {
            let file = File::create_new(&tmp).map_err(|e| file_error(&tmp, e))?;
            let mut w = LayerWriter::new(BufWriter::with_capacity(256 * 1024, file), options)?;
            fill(&mut w)?;
            let (w, layer) = w.finish()?;
            w.into_inner()
                .map_err(|e| file_error(&tmp, e.into_error()))?
                .sync_all()
                .map_err(|e| file_error(&tmp, e))?;
            let file = File::open(&tmp).map_err(|e| file_error(&tmp, e))?;
            layout.write_described(layer.descriptor(), std::io::BufReader::new(file))?;
            Ok(layer)
        })();
        let _ = fs::remove_file(&tmp);
        let layer = result?;
        self.push_layer(&layer, history)?;
        Ok(layer)
    }

    /// Writes the configuration and the manifest into `layout` and lists
    /// the manifest in `index.json` (named `name` when given, with the
    /// configuration's platform); returns the manifest's descriptor.
    /// The layers must be in the layout already.
    ///
    /// # Errors
    /// [`LayerErrorKind::Inconsistent`] as [`ImageDraft::from_parts`];
    /// [`LayoutErrorKind::BlobMissing`] for a layer not in the layout;
    /// I/O errors.
    pub fn write(
        &self,
        layout: &mut ImageLayout,
        name: Option<&str>,
    ) -> crate::ModelResult<Descriptor> {
        self.check()?;
        for l in &self.layers {
            if layout.open_raw_blob(l.digest())?.is_none() {
                return Err(LayoutError::new(
                    LayoutErrorKind::BlobMissing,
                    blob_path(l.digest()),
                    "layer not in the layout: write it first",
                )
                .into());
            }
        }
        let config = Stored::new(self.config.clone())?;
        let config_d = layout.write_stored(&config)?;
        let manifest = ImageManifestBuilder::default()
            .media_type(MediaType::ImageManifest)
            .config(config_d)
            .layers(self.layers.clone())
            .build()?;
        let manifest = Stored::new(manifest)?;
        let mut d = layout.write_stored(&manifest)?;
        let mut platform =
            Platform::new(self.config.architecture().clone(), self.config.os().clone());
        platform.set_variant(self.config.variant().clone());
        d.set_platform(Some(platform));
        layout.add_manifest(d.clone(), name)?;
        Ok(d)
    }
}

fn inconsistent(message: String) -> crate::ModelError {
    LayerError::new(LayerErrorKind::Inconsistent, "image", message).into()
}

/// What unpacking an image did: the manifest and one report per layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackReport {
    manifest: Descriptor,
    layers: Vec<ApplyReport>,
}

impl UnpackReport {
    /// The manifest unpacked.
    pub fn manifest(&self) -> &Descriptor {
        &self.manifest
    }

    /// The report of each layer, base layer first.
    pub fn layers(&self) -> &[ApplyReport] {
        &self.layers
    }
}

/// Applies every layer of the image `name` (and `platform`) of `layout`,
/// in order, into the directory `root`; each layer's compressed digest
/// and DiffID are verified as it is read.
///
/// # Errors
/// As [`ReadLayout::resolve`]; [`LayerErrorKind::Inconsistent`] when the
/// configuration does not list one DiffID per layer;
/// [`LayoutErrorKind::BlobMissing`] for a missing layer; as
/// [`Unpacker::apply`].
pub fn unpack_image<L: ReadLayout>(
    layout: &L,
    name: Option<&str>,
    platform: Option<&Platform>,
    root: &Path,
    options: ApplyOptions,
    limits: Limits,
) -> crate::ModelResult<UnpackReport> {
    let d = layout.resolve(name, platform)?;
    let manifest: Stored<ImageManifest> = layout.read_stored(&d, MAX_DOCUMENT_SIZE)?;
    let config: Stored<ImageConfiguration> =
        layout.read_stored(manifest.value().config(), MAX_DOCUMENT_SIZE)?;
    let diff_ids = config.value().rootfs().diff_id_digests()?;
    let layers = manifest.value().layers();
    if diff_ids.len() != layers.len() {
        return Err(inconsistent(format!(
            "rootfs.diff_ids has {} entries for {} layers",
            diff_ids.len(),
            layers.len()
        )));
    }
    let mut unpacker = Unpacker::new(root, options)?;
    let mut reports = Vec::new();
    for (layer, diff_id) in layers.iter().zip(diff_ids) {
        let Some(raw) = layout.open_raw_blob(layer.digest())? else {
            return Err(LayoutError::new(
                LayoutErrorKind::BlobMissing,
                blob_path(layer.digest()),
                "no such blob in the layout",
            )
            .into());
        };
        if raw.len() != layer.size() {
            return Err(crate::VerifyError::Size {
                expected: layer.size(),
                actual: raw.len(),
            }
            .into());
        }
        let reader = LayerReader::with_descriptor(raw.into_reader(), layer)?
            .expect_diff_id(diff_id)
            .limits(limits);
        reports.push(unpacker.apply(reader)?);
    }
    unpacker.finish()?;
    Ok(UnpackReport {
        manifest: d,
        layers: reports,
    })
}
