//! Docker's media types: [manifest-v2-2.md, media types](https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md#media-types)
//! and the schema 1 types of
//! [manifest-v2-1.md](https://github.com/distribution/distribution/blob/v2.8.3/docs/spec/manifest-v2-1.md).
//!
//! [`MediaType`] stays the enum `oci-spec` 0.10 has: a Docker type in a
//! document is a [`MediaType::Other`], and [`DockerMediaType`] names it
//! ([`DockerMediaType::of`], [`DockerMediaType::to_media_type`]).

use crate::image::MediaType;

open_enum! {
    /// A Docker media type.
    ///
    /// ```
    /// use oci_model::docker::DockerMediaType;
    /// use oci_model::image::MediaType;
    ///
    /// let m = MediaType::from("application/vnd.docker.image.rootfs.diff.tar.gzip");
    /// assert_eq!(DockerMediaType::of(&m), Some(DockerMediaType::LayerGzip));
    /// assert_eq!(DockerMediaType::LayerGzip.to_media_type(), m);
    /// assert!(DockerMediaType::of(&MediaType::ImageLayerGzip).is_none());
    /// ```
    pub enum DockerMediaType {
        /// A v2 schema 2 image manifest.
        Manifest = "application/vnd.docker.distribution.manifest.v2+json",
        /// A v2 schema 2 manifest list.
        ManifestList = "application/vnd.docker.distribution.manifest.list.v2+json",
        /// A schema 1 manifest without signatures (legacy).
        Schema1Manifest = "application/vnd.docker.distribution.manifest.v1+json",
        /// A signed schema 1 manifest (JWS, legacy).
        Schema1SignedManifest = "application/vnd.docker.distribution.manifest.v1+prettyjws",
        /// A container image configuration (Docker image spec v1.2).
        ContainerConfig = "application/vnd.docker.container.image.v1+json",
        /// An uncompressed tar layer (written by skopeo and containers/image
        /// for uncompressed layers; not in manifest-v2-2.md's list).
        Layer = "application/vnd.docker.image.rootfs.diff.tar",
        /// A gzip-compressed tar layer.
        LayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip",
        /// A foreign (non-distributable) uncompressed tar layer.
        ForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar",
        /// A foreign (non-distributable) gzip-compressed tar layer.
        ForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
        /// A plugin configuration.
        PluginConfig = "application/vnd.docker.plugin.v1+json",
    }
}

impl DockerMediaType {
    /// The Docker type `media_type` spells, if it is a known one.
    pub fn of(media_type: &MediaType) -> Option<Self> {
        Self::from_known(media_type.as_str())
    }

    /// The [`MediaType`] of this Docker type (a [`MediaType::Other`]).
    pub fn to_media_type(&self) -> MediaType {
        MediaType::Other(self.as_str().to_owned())
    }

    /// True for the layer types (plain and foreign, gzip or not).
    pub fn is_layer(&self) -> bool {
        matches!(
            self,
            Self::Layer | Self::LayerGzip | Self::ForeignLayer | Self::ForeignLayerGzip
        )
    }

    /// True for the foreign (non-distributable) layer types.
    pub fn is_foreign(&self) -> bool {
        matches!(self, Self::ForeignLayer | Self::ForeignLayerGzip)
    }

    /// True for the schema 1 manifest types.
    pub fn is_schema1(&self) -> bool {
        matches!(self, Self::Schema1Manifest | Self::Schema1SignedManifest)
    }
}

impl From<DockerMediaType> for MediaType {
    fn from(m: DockerMediaType) -> MediaType {
        m.to_media_type()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_agree_with_the_image_constants() {
        assert_eq!(
            DockerMediaType::Manifest.as_str(),
            MediaType::DOCKER_MANIFEST
        );
        assert_eq!(
            DockerMediaType::ManifestList.as_str(),
            MediaType::DOCKER_MANIFEST_LIST
        );
        assert_eq!(
            DockerMediaType::ContainerConfig.as_str(),
            MediaType::DOCKER_CONTAINER_CONFIG
        );
        assert_eq!(DockerMediaType::Layer.as_str(), MediaType::DOCKER_LAYER);
        assert_eq!(
            DockerMediaType::LayerGzip.as_str(),
            MediaType::DOCKER_LAYER_GZIP
        );
        assert_eq!(
            DockerMediaType::ForeignLayer.as_str(),
            MediaType::DOCKER_FOREIGN_LAYER
        );
        assert_eq!(
            DockerMediaType::ForeignLayerGzip.as_str(),
            MediaType::DOCKER_FOREIGN_LAYER_GZIP
        );
        assert_eq!(
            DockerMediaType::PluginConfig.as_str(),
            MediaType::DOCKER_PLUGIN_CONFIG
        );
        for m in DockerMediaType::KNOWN {
            assert!(m.to_media_type().is_docker(), "{m}");
            assert_eq!(DockerMediaType::of(&m.to_media_type()).as_ref(), Some(m));
        }
    }
}
