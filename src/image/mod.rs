//! The [OCI image format specification](https://github.com/opencontainers/image-spec/tree/v1.1.1),
//! release v1.1.1: content descriptors, manifests, indexes, image
//! configurations and the image layout.

mod digest;
mod layout;
pub mod rules;

pub use digest::{Digest, DigestAlgorithm, Sha256Digest};
pub use layout::{IMAGE_LAYOUT_VERSION, OciLayout, OciLayoutBuilder};

/// The image-spec release this module models.
pub const VERSION: &str = "1.1.1";
