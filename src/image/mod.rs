//! The [OCI image format specification](https://github.com/opencontainers/image-spec/tree/v1.1.1),
//! release v1.1.1: content descriptors, manifests, indexes, image
//! configurations and the image layout.
//!
//! ```
//! use oci_model::Validate;
//! use oci_model::image::{Descriptor, ImageManifest, ImageManifestBuilder, MediaType};
//!
//! let manifest = ImageManifestBuilder::default()
//!     .media_type(MediaType::ImageManifest)
//!     .artifact_type("application/vnd.example.sbom+json")
//!     .config(Descriptor::empty())
//!     .layers(vec![Descriptor::empty()])
//!     .build()?;
//! let json = manifest.to_string()?;
//! let back: ImageManifest = json.parse()?;
//! assert_eq!(back, manifest);
//! assert!(back.validate().is_clean());
//! # Ok::<(), oci_model::ModelError>(())
//! ```

mod annotations;
mod artifact;
pub(crate) mod check;
mod config;
mod container_config;
#[cfg(feature = "runtime")]
mod conversion;
#[cfg(feature = "runtime")]
mod conversion_error;
#[cfg(feature = "runtime")]
mod conversion_process;
#[cfg(feature = "runtime")]
mod conversion_user;
mod descriptor;
mod digest;
#[cfg(feature = "hash")]
mod hash;
mod index;
mod index_select;
pub mod layout;
mod manifest;
mod media_type;
mod platform;
mod platform_host;
mod platform_match;
mod platform_normalize;
mod platform_text;
pub mod rules;
#[cfg(feature = "hash")]
mod stored;

pub use annotations::{
    ANNOTATION_ARCHITECTURE, ANNOTATION_AUTHOR, ANNOTATION_AUTHORS, ANNOTATION_BASE_IMAGE_DIGEST,
    ANNOTATION_BASE_IMAGE_NAME, ANNOTATION_CREATED, ANNOTATION_DESCRIPTION,
    ANNOTATION_DOCUMENTATION, ANNOTATION_EXPOSED_PORTS, ANNOTATION_LICENSES, ANNOTATION_OS,
    ANNOTATION_OS_FEATURES, ANNOTATION_OS_VERSION, ANNOTATION_REF_NAME, ANNOTATION_REVISION,
    ANNOTATION_SOURCE, ANNOTATION_STOP_SIGNAL, ANNOTATION_TITLE, ANNOTATION_URL,
    ANNOTATION_VARIANT, ANNOTATION_VENDOR, ANNOTATION_VERSION,
};
pub use artifact::{ArtifactManifest, ArtifactManifestBuilder};
pub use config::{
    History, HistoryBuilder, ImageConfiguration, ImageConfigurationBuilder, LABEL_VERSION,
    ROOTFS_TYPE_LAYERS, RootFs, RootFsBuilder,
};
pub use container_config::{Config, ConfigBuilder, HealthcheckConfig, HealthcheckConfigBuilder};
#[cfg(feature = "runtime")]
pub use conversion::{CONVERSION_OCI_VERSION, Converter, VOLUME_MOUNT_OPTIONS};
#[cfg(feature = "runtime")]
pub use conversion_error::ConversionError;
#[cfg(feature = "runtime")]
pub use conversion_process::escape_windows_arg;
#[cfg(feature = "runtime")]
pub use conversion_user::{EtcPasswd, UserLookup};
pub use descriptor::{
    Descriptor, DescriptorBuilder, EMPTY_DATA, EMPTY_DIGEST, EMPTY_SIZE, MAX_SIZE, empty_digest,
};
pub use digest::{Digest, DigestAlgorithm, Sha256Digest};
#[cfg(feature = "hash")]
pub use hash::{DigestHasher, HashingWriter, VerifyingReader};
pub use index::{ImageIndex, ImageIndexBuilder};
pub use layout::{IMAGE_LAYOUT_VERSION, OciLayout, OciLayoutBuilder};
pub use manifest::{ImageManifest, ImageManifestBuilder, SCHEMA_VERSION};
pub use media_type::{Compression, MediaType, ToDockerV2S2, is_valid_media_type};
pub use platform::{Arch, Os, Platform, PlatformBuilder};
pub use platform_match::PlatformMatcher;
pub use platform_normalize::{normalize_arch, normalize_os};
#[cfg(feature = "hash")]
pub use stored::{Stored, StoredDocument};

/// The image-spec release this module models.
pub const VERSION: &str = "1.1.1";
/// The major version of [`VERSION`].
pub const VERSION_MAJOR: u32 = 1;
/// The minor version of [`VERSION`].
pub const VERSION_MINOR: u32 = 1;
/// The patch version of [`VERSION`].
pub const VERSION_PATCH: u32 = 1;
/// The development suffix of [`VERSION`] (empty: a release).
pub const VERSION_DEV: &str = "";

/// The image-spec release this module models, as an owned string ([`VERSION`];
/// kept from `oci-spec`).
pub fn version() -> String {
    VERSION.to_owned()
}
