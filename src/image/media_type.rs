//! Media types: [image-spec v1.1.1, media-types.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/media-types.md),
//! and the grammar of [RFC 6838 §4.2](https://www.rfc-editor.org/rfc/rfc6838#section-4.2)
//! that descriptor.md requires of every `mediaType` and `artifactType`.
//!
//! [`MediaType`] has a variant for every type `oci-spec` 0.10 names (the
//! types image-spec defines); any other value, the Docker image manifest v2
//! schema 2 types included, parses into [`MediaType::Other`] and round-trips
//! unchanged (unknown types MUST NOT be an error), as in `oci-spec`. The
//! predicates ([`MediaType::is_manifest`], [`MediaType::compression`], ...)
//! know the Docker types by their text ([`MediaType::DOCKER_MANIFEST`], ...). Whether a value follows the RFC 6838 grammar is a
//! validation rule, [`is_valid_media_type`], not a parse error.

open_enum! {
    /// A media type, such as `application/vnd.oci.image.manifest.v1+json`.
    ///
    /// ```
    /// use oci_model::image::{Compression, MediaType};
    ///
    /// let m: MediaType = "application/vnd.oci.image.layer.v1.tar+zstd".into();
    /// assert_eq!(m, MediaType::ImageLayerZstd);
    /// assert!(m.is_layer());
    /// assert_eq!(m.compression(), Some(Compression::Zstd));
    /// let other: MediaType = "application/spdx+json".into();
    /// assert!(other.is_other());
    /// ```
    pub enum MediaType {
        /// A content descriptor, `application/vnd.oci.descriptor.v1+json`.
        Descriptor = "application/vnd.oci.descriptor.v1+json",
        /// The `oci-layout` file, `application/vnd.oci.layout.header.v1+json`.
        LayoutHeader = "application/vnd.oci.layout.header.v1+json",
        /// An image manifest, `application/vnd.oci.image.manifest.v1+json`.
        ImageManifest = "application/vnd.oci.image.manifest.v1+json",
        /// An image index, `application/vnd.oci.image.index.v1+json`.
        ImageIndex = "application/vnd.oci.image.index.v1+json",
        /// An uncompressed tar layer, `application/vnd.oci.image.layer.v1.tar`.
        ImageLayer = "application/vnd.oci.image.layer.v1.tar",
        /// A gzip-compressed tar layer, `application/vnd.oci.image.layer.v1.tar+gzip`.
        ImageLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip",
        /// A zstd-compressed tar layer, `application/vnd.oci.image.layer.v1.tar+zstd`.
        ImageLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd",
        /// A non-distributable tar layer (deprecated: implementations SHOULD
        /// NOT produce new ones).
        ImageLayerNonDistributable = "application/vnd.oci.image.layer.nondistributable.v1.tar",
        /// A non-distributable gzip tar layer (deprecated).
        ImageLayerNonDistributableGzip =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
        /// A non-distributable zstd tar layer (deprecated).
        ImageLayerNonDistributableZstd =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
        /// An image configuration, `application/vnd.oci.image.config.v1+json`.
        ImageConfig = "application/vnd.oci.image.config.v1+json",
        /// The artifact manifest of image-spec 1.1 release candidates,
        /// `application/vnd.oci.artifact.manifest.v1+json` (not part of v1.1.1).
        ArtifactManifest = "application/vnd.oci.artifact.manifest.v1+json",
        /// The empty JSON blob `{}`, `application/vnd.oci.empty.v1+json`.
        EmptyJSON = "application/vnd.oci.empty.v1+json",
    }
}

/// How a layer's tar archive is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Compression {
    /// A plain tar archive.
    Uncompressed,
    /// gzip (RFC 1952).
    Gzip,
    /// Zstandard (RFC 8878).
    Zstd,
}

impl MediaType {
    /// A Docker v2 schema 2 image manifest.
    pub const DOCKER_MANIFEST: &'static str =
        "application/vnd.docker.distribution.manifest.v2+json";
    /// A Docker v2 schema 2 manifest list (the Docker image index).
    pub const DOCKER_MANIFEST_LIST: &'static str =
        "application/vnd.docker.distribution.manifest.list.v2+json";
    /// A Docker container image configuration.
    pub const DOCKER_CONTAINER_CONFIG: &'static str =
        "application/vnd.docker.container.image.v1+json";
    /// A Docker uncompressed tar layer.
    pub const DOCKER_LAYER: &'static str = "application/vnd.docker.image.rootfs.diff.tar";
    /// A Docker gzip-compressed tar layer (interchangeable with
    /// [`MediaType::ImageLayerGzip`]).
    pub const DOCKER_LAYER_GZIP: &'static str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /// A Docker foreign (non-distributable) tar layer.
    pub const DOCKER_FOREIGN_LAYER: &'static str =
        "application/vnd.docker.image.rootfs.foreign.diff.tar";
    /// A Docker foreign (non-distributable) gzip tar layer.
    pub const DOCKER_FOREIGN_LAYER_GZIP: &'static str =
        "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    /// A Docker plugin configuration.
    pub const DOCKER_PLUGIN_CONFIG: &'static str = "application/vnd.docker.plugin.v1+json";

    /// True for image manifest types: OCI, Docker v2 schema 2, and the
    /// 1.1 release-candidate artifact manifest.
    pub fn is_manifest(&self) -> bool {
        matches!(
            self.known(),
            Some(MediaType::ImageManifest | MediaType::ArtifactManifest)
        ) || self.as_str() == Self::DOCKER_MANIFEST
    }

    /// True for image index types (OCI index, Docker manifest list).
    pub fn is_index(&self) -> bool {
        matches!(self.known(), Some(MediaType::ImageIndex))
            || self.as_str() == Self::DOCKER_MANIFEST_LIST
    }

    /// True for image configuration types (OCI, Docker).
    pub fn is_config(&self) -> bool {
        matches!(self.known(), Some(MediaType::ImageConfig))
            || self.as_str() == Self::DOCKER_CONTAINER_CONFIG
    }

    /// True for known layer types (OCI, non-distributable, Docker).
    pub fn is_layer(&self) -> bool {
        self.compression().is_some()
    }

    /// True for non-distributable (OCI, deprecated) and foreign (Docker) layers.
    pub fn is_non_distributable(&self) -> bool {
        matches!(
            self.known(),
            Some(
                MediaType::ImageLayerNonDistributable
                    | MediaType::ImageLayerNonDistributableGzip
                    | MediaType::ImageLayerNonDistributableZstd
            )
        ) || matches!(
            self.as_str(),
            Self::DOCKER_FOREIGN_LAYER | Self::DOCKER_FOREIGN_LAYER_GZIP
        )
    }

    /// True for the Docker v2 schema 2 types.
    pub fn is_docker(&self) -> bool {
        self.as_str().starts_with("application/vnd.docker.")
    }

    /// The compression of a known layer type (OCI or Docker); `None` for
    /// anything else.
    pub fn compression(&self) -> Option<Compression> {
        match self.as_str() {
            Self::DOCKER_LAYER | Self::DOCKER_FOREIGN_LAYER => {
                return Some(Compression::Uncompressed);
            }
            Self::DOCKER_LAYER_GZIP | Self::DOCKER_FOREIGN_LAYER_GZIP => {
                return Some(Compression::Gzip);
            }
            _ => {}
        }
        Some(match self.known()? {
            MediaType::ImageLayer | MediaType::ImageLayerNonDistributable => {
                Compression::Uncompressed
            }
            MediaType::ImageLayerGzip | MediaType::ImageLayerNonDistributableGzip => {
                Compression::Gzip
            }
            MediaType::ImageLayerZstd | MediaType::ImageLayerNonDistributableZstd => {
                Compression::Zstd
            }
            _ => return None,
        })
    }

    /// True when the text follows the RFC 6838 §4.2 grammar (see
    /// [`is_valid_media_type`]).
    pub fn is_well_formed(&self) -> bool {
        is_valid_media_type(self.as_str())
    }

    /// The known variant, also for an `Other` that spells a known value.
    fn known(&self) -> Option<MediaType> {
        match self {
            MediaType::Other(s) => MediaType::from_known(s),
            known => Some(known.clone()),
        }
    }
}

impl From<MediaType> for String {
    fn from(m: MediaType) -> String {
        match m {
            MediaType::Other(s) => s,
            known => known.as_str().to_owned(),
        }
    }
}

/// The Docker image manifest v2 schema 2 type that corresponds to an OCI type
/// (kept from `oci-spec`).
pub trait ToDockerV2S2 {
    /// The Docker media type equivalent of this OCI media type.
    ///
    /// # Errors
    /// [`std::fmt::Error`] when the type has no Docker equivalent.
    fn to_docker_v2s2(&self) -> Result<&str, std::fmt::Error>;
}

impl ToDockerV2S2 for MediaType {
    fn to_docker_v2s2(&self) -> Result<&str, std::fmt::Error> {
        Ok(match self.known() {
            Some(MediaType::ImageIndex) => {
                "application/vnd.docker.distribution.manifest.list.v2+json"
            }
            Some(MediaType::ImageManifest) => {
                "application/vnd.docker.distribution.manifest.v2+json"
            }
            Some(MediaType::ImageConfig) => "application/vnd.docker.container.image.v1+json",
            Some(MediaType::ImageLayerGzip) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
            _ => return Err(std::fmt::Error),
        })
    }
}

/// True when `s` follows RFC 6838 §4.2: `type "/" subtype`, each 1 to 127
/// characters, starting with a letter or digit, then letters, digits or
/// ``!#$&-^_.+``. Parameters (`; charset=...`) are not allowed.
///
/// ```
/// use oci_model::image::is_valid_media_type;
///
/// assert!(is_valid_media_type("application/vnd.oci.image.manifest.v1+json"));
/// assert!(!is_valid_media_type("application"));
/// assert!(!is_valid_media_type("text/plain; charset=utf-8"));
/// ```
pub fn is_valid_media_type(s: &str) -> bool {
    fn restricted_name(part: &[u8]) -> bool {
        match part.split_first() {
            Some((first, rest)) => {
                first.is_ascii_alphanumeric()
                    && rest.len() <= 126
                    && rest.iter().all(|&b| {
                        b.is_ascii_alphanumeric()
                            || matches!(
                                b,
                                b'!' | b'#' | b'$' | b'&' | b'-' | b'^' | b'_' | b'.' | b'+'
                            )
                    })
            }
            None => false,
        }
    }
    let bytes = s.as_bytes();
    match bytes.iter().position(|&b| b == b'/') {
        Some(i) => restricted_name(&bytes[..i]) && restricted_name(&bytes[i + 1..]),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptor_type_is_the_v1_json_type() {
        assert_eq!(
            MediaType::Descriptor.as_str(),
            "application/vnd.oci.descriptor.v1+json"
        );
    }

    #[test]
    fn grammar() {
        let long = "a".repeat(127);
        assert!(is_valid_media_type(&format!("{long}/{long}")));
        assert!(!is_valid_media_type(&format!("{long}a/b")));
        assert!(!is_valid_media_type(&format!("b/{long}a")));
        for bad in [
            "", "/", "a/", "/b", ".foo/bar", "foo/.bar", "a/b/c", "a b/c", "a/b;c=d",
        ] {
            assert!(!is_valid_media_type(bad), "{bad}");
        }
    }

    #[test]
    fn predicates() {
        let docker = |s: &str| MediaType::from(s);
        // Docker types are `Other`, as in oci-spec.
        assert_eq!(
            docker(MediaType::DOCKER_MANIFEST),
            MediaType::Other(MediaType::DOCKER_MANIFEST.to_owned())
        );
        assert!(docker(MediaType::DOCKER_MANIFEST).is_manifest());
        assert!(docker(MediaType::DOCKER_MANIFEST_LIST).is_index());
        assert!(docker(MediaType::DOCKER_CONTAINER_CONFIG).is_config());
        assert!(MediaType::Other("application/vnd.oci.image.config.v1+json".into()).is_config());
        assert!(docker(MediaType::DOCKER_FOREIGN_LAYER_GZIP).is_non_distributable());
        assert!(docker(MediaType::DOCKER_LAYER).is_layer());
        assert_eq!(
            docker(MediaType::DOCKER_LAYER_GZIP).compression(),
            Some(Compression::Gzip)
        );
        assert_eq!(
            MediaType::ImageLayerZstd.compression(),
            Some(Compression::Zstd)
        );
        assert_eq!(MediaType::ImageConfig.compression(), None);
        assert!(!MediaType::ImageConfig.is_layer());
        assert!(docker(MediaType::DOCKER_PLUGIN_CONFIG).is_docker());
    }

    #[test]
    fn docker_equivalents() {
        assert_eq!(
            MediaType::ImageManifest.to_docker_v2s2(),
            Ok("application/vnd.docker.distribution.manifest.v2+json")
        );
        assert!(MediaType::EmptyJSON.to_docker_v2s2().is_err());
    }

    #[test]
    fn string_conversion() {
        assert_eq!(
            String::from(MediaType::ImageIndex),
            "application/vnd.oci.image.index.v1+json"
        );
        assert_eq!(String::from(MediaType::Other("x/y".into())), "x/y");
    }
}
