//! One entry point for the bytes of a manifest from a registry: which kind
//! it is, from its `Content-Type` (when given) and its body, decoded and
//! kept with its bytes so that its digest stays the registry's.
//!
//! The rules follow containers/image's `manifest.GuessMIMEType` and
//! `NormalizedMIMEType`: a known manifest `Content-Type` names the kind
//! (the body's own `mediaType`, when it has one, must agree); a missing or
//! generic one (`application/json`, `text/plain`, ...) leaves it to the
//! body: its `mediaType`, else `schemaVersion` 1 (signed when it has
//! `signatures`), else for version 2 `config.mediaType`, else `manifests`
//! (an index) or an OCI manifest.

use serde_json::Value;

use crate::docker::{
    DockerError, DockerManifest, DockerManifestList, DockerMediaType, Schema1Manifest,
};
use crate::image::{ImageIndex, ImageManifest, MediaType, Stored, StoredDocument};

/// The kind of a manifest a registry serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ManifestKind {
    /// An OCI image manifest.
    OciManifest,
    /// An OCI image index.
    OciIndex,
    /// The artifact manifest of image-spec 1.1 release candidates.
    ArtifactManifest,
    /// A Docker v2 schema 2 image manifest.
    DockerManifest,
    /// A Docker v2 schema 2 manifest list.
    DockerManifestList,
    /// A Docker schema 1 manifest without signatures.
    Schema1,
    /// A signed Docker schema 1 manifest.
    Schema1Signed,
}

impl ManifestKind {
    /// The media type of this kind.
    pub fn media_type(self) -> MediaType {
        match self {
            ManifestKind::OciManifest => MediaType::ImageManifest,
            ManifestKind::OciIndex => MediaType::ImageIndex,
            ManifestKind::ArtifactManifest => MediaType::ArtifactManifest,
            ManifestKind::DockerManifest => DockerMediaType::Manifest.into(),
            ManifestKind::DockerManifestList => DockerMediaType::ManifestList.into(),
            ManifestKind::Schema1 => DockerMediaType::Schema1Manifest.into(),
            ManifestKind::Schema1Signed => DockerMediaType::Schema1SignedManifest.into(),
        }
    }

    /// The kind a manifest media type names, if any.
    pub fn from_media_type(m: &str) -> Option<Self> {
        Some(match m {
            _ if m == MediaType::ImageManifest.as_str() => ManifestKind::OciManifest,
            _ if m == MediaType::ImageIndex.as_str() => ManifestKind::OciIndex,
            _ if m == MediaType::ArtifactManifest.as_str() => ManifestKind::ArtifactManifest,
            _ => match DockerMediaType::from_known(m)? {
                DockerMediaType::Manifest => ManifestKind::DockerManifest,
                DockerMediaType::ManifestList => ManifestKind::DockerManifestList,
                DockerMediaType::Schema1Manifest => ManifestKind::Schema1,
                DockerMediaType::Schema1SignedManifest => ManifestKind::Schema1Signed,
                _ => return None,
            },
        })
    }

    /// True for the kinds that list other manifests (index, list).
    pub fn is_index(self) -> bool {
        matches!(
            self,
            ManifestKind::OciIndex | ManifestKind::DockerManifestList
        )
    }

    /// True for the Docker kinds.
    pub fn is_docker(self) -> bool {
        matches!(
            self,
            ManifestKind::DockerManifest
                | ManifestKind::DockerManifestList
                | ManifestKind::Schema1
                | ManifestKind::Schema1Signed
        )
    }
}

impl std::fmt::Display for ManifestKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ManifestKind::OciManifest => "oci manifest",
            ManifestKind::OciIndex => "oci index",
            ManifestKind::ArtifactManifest => "oci artifact manifest",
            ManifestKind::DockerManifest => "docker v2 schema 2 manifest",
            ManifestKind::DockerManifestList => "docker manifest list",
            ManifestKind::Schema1 => "docker schema 1 manifest",
            ManifestKind::Schema1Signed => "signed docker schema 1 manifest",
        })
    }
}

/// The kind of the manifest `body`, served with `content_type` (its
/// parameters, such as `; charset=utf-8`, are ignored).
///
/// # Errors
/// [`DockerError::Spec`] when the body is not a JSON object;
/// [`DockerError::UnknownKind`] when nothing says which manifest it is;
/// [`DockerError::MediaTypeMismatch`] when a manifest `Content-Type` and
/// the body's `mediaType` disagree.
pub fn detect(content_type: Option<&str>, body: &[u8]) -> Result<ManifestKind, DockerError> {
    let value: Value = crate::io::from_slice(body)?;
    let Value::Object(obj) = &value else {
        return Err(DockerError::UnknownKind(
            "the body is not a json object".to_owned(),
        ));
    };
    let own = obj.get("mediaType").and_then(Value::as_str);
    let given = content_type
        .map(|c| c.split(';').next().unwrap_or_default().trim())
        .filter(|c| !c.is_empty());
    if let Some(kind) = given.and_then(ManifestKind::from_media_type) {
        if let (Some(own), Some(given)) = (own, given) {
            if own != given {
                return Err(DockerError::MediaTypeMismatch {
                    content_type: given.to_owned(),
                    media_type: own.to_owned(),
                });
            }
        }
        return Ok(kind);
    }
    if let Some(kind) = own.and_then(ManifestKind::from_media_type) {
        return Ok(kind);
    }
    match obj.get("schemaVersion").and_then(Value::as_u64) {
        Some(1) => Ok(if obj.contains_key("signatures") {
            ManifestKind::Schema1Signed
        } else {
            ManifestKind::Schema1
        }),
        Some(2) => {
            let config = obj
                .get("config")
                .and_then(|c| c.get("mediaType"))
                .and_then(Value::as_str);
            if config == Some(MediaType::ImageConfig.as_str()) {
                return Ok(ManifestKind::OciManifest);
            }
            if config == Some(DockerMediaType::ContainerConfig.as_str()) {
                return Ok(ManifestKind::DockerManifest);
            }
            if obj.contains_key("manifests") && !obj.contains_key("layers") {
                return Ok(ManifestKind::OciIndex);
            }
            if obj.contains_key("layers") {
                // An artifact with a configuration type of its own.
                return Ok(ManifestKind::OciManifest);
            }
            Err(DockerError::UnknownKind(
                "schemaVersion 2 without layers or manifests".to_owned(),
            ))
        }
        Some(v) => Err(DockerError::UnknownKind(format!("schemaVersion {v}"))),
        None => Err(DockerError::UnknownKind(match own {
            Some(m) => format!(
                "mediaType {} and no schemaVersion",
                crate::validate::quote(m)
            ),
            None => "no mediaType and no schemaVersion".to_owned(),
        })),
    }
}

/// A manifest from a registry, decoded as its kind, with its bytes.
#[derive(Clone, Debug)]
#[non_exhaustive]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per manifest fetched; boxing would only make matching clumsier"
)]
pub enum RegistryManifest {
    /// An OCI image manifest.
    OciManifest(Stored<ImageManifest>),
    /// An OCI image index.
    OciIndex(Stored<ImageIndex>),
    /// An image-spec 1.1 release-candidate artifact manifest, as JSON.
    ArtifactManifest(Stored<Value>),
    /// A Docker v2 schema 2 manifest.
    DockerManifest(Stored<DockerManifest>),
    /// A Docker manifest list.
    DockerManifestList(Stored<DockerManifestList>),
    /// A schema 1 manifest, plain or signed ([`Schema1Manifest::is_signed`]).
    Schema1(Stored<Schema1Manifest>),
}

impl RegistryManifest {
    /// Tells the kind of `body` (see [`detect`]) and decodes it, keeping
    /// the bytes.
    ///
    /// # Errors
    /// As [`detect`]; [`DockerError::Spec`] when the body does not decode
    /// as its kind.
    pub fn from_registry(content_type: Option<&str>, body: Vec<u8>) -> Result<Self, DockerError> {
        let kind = detect(content_type, &body)?;
        Self::decode(kind, body)
    }

    /// Decodes `body` as `kind`, keeping the bytes.
    ///
    /// # Errors
    /// [`DockerError::Spec`] when the body does not decode as `kind`.
    pub fn decode(kind: ManifestKind, body: Vec<u8>) -> Result<Self, DockerError> {
        Ok(match kind {
            ManifestKind::OciManifest => Self::OciManifest(Stored::from_vec(body)?),
            ManifestKind::OciIndex => Self::OciIndex(Stored::from_vec(body)?),
            ManifestKind::ArtifactManifest => Self::ArtifactManifest(Stored::from_vec(body)?),
            ManifestKind::DockerManifest => Self::DockerManifest(Stored::from_vec(body)?),
            ManifestKind::DockerManifestList => Self::DockerManifestList(Stored::from_vec(body)?),
            ManifestKind::Schema1 | ManifestKind::Schema1Signed => {
                let mut s: Stored<Schema1Manifest> = Stored::from_vec(body)?;
                s.set_media_type(kind.media_type());
                Self::Schema1(s)
            }
        })
    }

    /// The kind.
    pub fn kind(&self) -> ManifestKind {
        match self {
            Self::OciManifest(_) => ManifestKind::OciManifest,
            Self::OciIndex(_) => ManifestKind::OciIndex,
            Self::ArtifactManifest(_) => ManifestKind::ArtifactManifest,
            Self::DockerManifest(_) => ManifestKind::DockerManifest,
            Self::DockerManifestList(_) => ManifestKind::DockerManifestList,
            Self::Schema1(s) if s.value().is_signed() => ManifestKind::Schema1Signed,
            Self::Schema1(_) => ManifestKind::Schema1,
        }
    }

    /// The exact bytes as served.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Self::OciManifest(s) => s.bytes(),
            Self::OciIndex(s) => s.bytes(),
            Self::ArtifactManifest(s) => s.bytes(),
            Self::DockerManifest(s) => s.bytes(),
            Self::DockerManifestList(s) => s.bytes(),
            Self::Schema1(s) => s.bytes(),
        }
    }

    /// The digest a registry names this manifest by: of the bytes, or for
    /// a signed schema 1 manifest of its payload without signatures.
    ///
    /// # Errors
    /// [`DockerError::Schema1Signature`] when the signatures of a signed
    /// schema 1 manifest do not give its payload.
    pub fn digest(&self) -> Result<crate::image::Digest, DockerError> {
        Ok(match self {
            Self::OciManifest(s) => s.digest().clone(),
            Self::OciIndex(s) => s.digest().clone(),
            Self::ArtifactManifest(s) => s.digest().clone(),
            Self::DockerManifest(s) => s.digest().clone(),
            Self::DockerManifestList(s) => s.digest().clone(),
            Self::Schema1(s) => s.value().digest_of(s.bytes())?,
        })
    }
}

impl StoredDocument for DockerManifest {
    fn stored_media_type(&self) -> MediaType {
        self.media_type()
            .clone()
            .unwrap_or_else(|| DockerMediaType::Manifest.into())
    }
}

impl StoredDocument for DockerManifestList {
    fn stored_media_type(&self) -> MediaType {
        self.media_type()
            .clone()
            .unwrap_or_else(|| DockerMediaType::ManifestList.into())
    }
}

impl StoredDocument for Schema1Manifest {
    fn stored_media_type(&self) -> MediaType {
        if self.is_signed() {
            DockerMediaType::Schema1SignedManifest.into()
        } else {
            DockerMediaType::Schema1Manifest.into()
        }
    }
}

impl StoredDocument for crate::docker::DockerImageConfig {
    fn stored_media_type(&self) -> MediaType {
        DockerMediaType::ContainerConfig.into()
    }
}

impl StoredDocument for Value {
    fn stored_media_type(&self) -> MediaType {
        self.get("mediaType")
            .and_then(Value::as_str)
            .map_or(MediaType::ArtifactManifest, MediaType::from)
    }
}
