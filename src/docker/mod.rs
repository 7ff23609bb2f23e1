//! Docker's documents beside the OCI ones (feature `docker`): the v2
//! schema 2 image manifest and manifest list, the Docker image
//! configuration, schema 1 manifests (read-only), their media types and
//! rules; telling the kind of a manifest a registry serves
//! ([`RegistryManifest::from_registry`]); conversion both ways as skopeo
//! does it ([`manifest_to_docker`], [`manifest_to_oci`], ...).
//!
//! The documents of image-spec stay as `oci-spec` 0.10 has them: a Docker
//! media type is a [`crate::image::MediaType::Other`], named here by
//! [`DockerMediaType`].

#[cfg(feature = "layout-tar")]
mod archive;
mod check;
mod config;
mod convert;
mod detect;
mod error;
mod manifest;
mod manifest_list;
mod media_type;
pub mod rules;
mod schema1;

#[cfg(feature = "layout-tar")]
pub use archive::{ArchiveImage, ArchiveImageBuilder, DockerArchive, MAX_LINKS};
pub use config::{DockerImageConfig, DockerImageConfigBuilder};
pub use convert::{
    Converted, LayerFacts, Loss, OciImage, config_to_oci, index_to_docker, list_to_oci,
    manifest_to_docker, manifest_to_oci, schema1_to_oci,
};
pub use detect::{ManifestKind, RegistryManifest, detect};
pub use error::DockerError;
pub use manifest::{DockerManifest, DockerManifestBuilder};
pub use manifest_list::{DockerManifestList, DockerManifestListBuilder};
pub use media_type::DockerMediaType;
pub use schema1::{
    FsLayer, FsLayerBuilder, JwsHeader, JwsHeaderBuilder, Schema1Manifest, Schema1ManifestBuilder,
    Schema1Signature, Schema1SignatureBuilder, V1History, V1HistoryBuilder,
};
