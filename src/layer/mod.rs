//! Layers: write them deterministically, read them, apply them safely
//! ([image-spec v1.1.1, layer.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md)).
//! Behind the `layer` feature.
//!
//! - [`LayerWriter`] and [`write_dir`] write a tar (sorted entries, owner
//!   0:0, fixed times unless kept, GNU headers), compressed with gzip,
//!   zstd or not at all, and give the descriptor (compressed digest and
//!   size, media type) and the DiffID in the same pass, without holding
//!   the layer in memory.
//! - [`LayerReader`] lists a layer, reads one file from it or applies it,
//!   verifying the compressed digest and the DiffID as it reads; the
//!   compression is detected from the first bytes.
//! - [`Unpacker`] applies layers in order into a directory, with
//!   whiteouts and opaque directories, and never writes, follows or
//!   removes anything outside the root (see the README's table of
//!   hostile entries); ownership, device nodes and setuid/setgid bits
//!   only when asked.
//! - [`write_changeset`] writes the difference of two directories as a
//!   layer (additions, changes, whiteouts for deletions).
//! - [`ImageDraft`] keeps an image's configuration (`rootfs.diff_ids`,
//!   `history`) and manifest (`layers`) in step while layers are added,
//!   and writes the image to an [`ImageLayout`](crate::image::layout::ImageLayout);
//!   [`unpack_image`] applies every layer of an image of a layout.

mod apply;
mod compression;
mod diff;
mod error;
mod image;
mod name;
mod read;
mod resolve;
mod write;

pub use apply::{ApplyOptions, ApplyReport, SkippedEntry, Unpacker, apply_layer};
#[cfg(feature = "docker")]
#[cfg(feature = "layout-tar")]
pub(crate) use compression::Decoder;
pub use compression::{detect_compression, layer_media_type};
pub use diff::write_changeset;
pub use error::{LayerError, LayerErrorKind};
pub use image::{ImageDraft, UnpackReport, unpack_image};
pub use name::{MAX_NAME_LEN, OPAQUE_WHITEOUT, WHITEOUT_PREFIX};
pub use read::{EntryKind, LayerEntry, LayerReader, LayerSummary, Limits};
pub use write::{LayerWriter, WriteOptions, WrittenLayer, write_dir};
