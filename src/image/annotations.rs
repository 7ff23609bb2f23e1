//! Pre-defined annotation keys: [image-spec v1.1.1, annotations.md,
//! Pre-Defined Annotation Keys](https://github.com/opencontainers/image-spec/blob/v1.1.1/annotations.md#pre-defined-annotation-keys),
//! plus the keys [conversion.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/conversion.md)
//! sets when an image configuration becomes a runtime configuration.

/// Date and time the image was built, an RFC 3339 date-time.
pub const ANNOTATION_CREATED: &str = "org.opencontainers.image.created";
/// Contact details of the people or organization responsible for the image.
pub const ANNOTATION_AUTHORS: &str = "org.opencontainers.image.authors";
/// URL to find more information on the image.
pub const ANNOTATION_URL: &str = "org.opencontainers.image.url";
/// URL to get documentation on the image.
pub const ANNOTATION_DOCUMENTATION: &str = "org.opencontainers.image.documentation";
/// URL to get the source code the image was built from.
pub const ANNOTATION_SOURCE: &str = "org.opencontainers.image.source";
/// Version of the packaged software (MAY be SemVer, MAY match a tag).
pub const ANNOTATION_VERSION: &str = "org.opencontainers.image.version";
/// Source-control revision of the packaged software.
pub const ANNOTATION_REVISION: &str = "org.opencontainers.image.revision";
/// Name of the distributing entity, organization or individual.
pub const ANNOTATION_VENDOR: &str = "org.opencontainers.image.vendor";
/// Licenses of the contained software, as an SPDX License Expression.
pub const ANNOTATION_LICENSES: &str = "org.opencontainers.image.licenses";
/// Name of a reference for a target; SHOULD only be considered valid on
/// descriptors in an image layout's `index.json`.
pub const ANNOTATION_REF_NAME: &str = "org.opencontainers.image.ref.name";
/// Human-readable title of the image.
pub const ANNOTATION_TITLE: &str = "org.opencontainers.image.title";
/// Human-readable description of the software in the image.
pub const ANNOTATION_DESCRIPTION: &str = "org.opencontainers.image.description";
/// Digest of the image's base image.
pub const ANNOTATION_BASE_IMAGE_DIGEST: &str = "org.opencontainers.image.base.digest";
/// Image reference of the image's base image.
pub const ANNOTATION_BASE_IMAGE_NAME: &str = "org.opencontainers.image.base.name";

/// conversion.md: the image configuration's `os`.
pub const ANNOTATION_OS: &str = "org.opencontainers.image.os";
/// conversion.md: the image configuration's `os.version`.
pub const ANNOTATION_OS_VERSION: &str = "org.opencontainers.image.os.version";
/// conversion.md: the image configuration's `os.features`.
pub const ANNOTATION_OS_FEATURES: &str = "org.opencontainers.image.os.features";
/// conversion.md: the image configuration's `architecture`.
pub const ANNOTATION_ARCHITECTURE: &str = "org.opencontainers.image.architecture";
/// conversion.md: the image configuration's `variant`.
pub const ANNOTATION_VARIANT: &str = "org.opencontainers.image.variant";
/// conversion.md: the image configuration's `author` (singular, unlike
/// [`ANNOTATION_AUTHORS`]).
pub const ANNOTATION_AUTHOR: &str = "org.opencontainers.image.author";
/// conversion.md: the image configuration's `config.StopSignal`.
pub const ANNOTATION_STOP_SIGNAL: &str = "org.opencontainers.image.stopSignal";
/// conversion.md: the keys of `config.ExposedPorts`, comma-separated.
pub const ANNOTATION_EXPOSED_PORTS: &str = "org.opencontainers.image.exposedPorts";

/// Reads `config.Labels`: `null` reads as absent (config.md lets OPTIONAL
/// config fields be null). A key that appears twice ("Keys MUST be unique
/// within this map") is refused by the crate's reader, as every repeated
/// name is (`json::repeated`).
pub(crate) fn deserialize_annotations<'de, D>(
    d: D,
) -> Result<Option<std::collections::HashMap<String, String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_option(AnnotationsVisitor { allow_null: true })
}

/// Reads the `annotations` of a descriptor, manifest or index: as
/// [`deserialize_annotations`], but `null` is an error (annotations.md: "If
/// there are no annotations then this property MUST either be absent or be
/// an empty map").
pub(crate) fn deserialize_annotations_not_null<'de, D>(
    d: D,
) -> Result<Option<std::collections::HashMap<String, String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_option(AnnotationsVisitor { allow_null: false })
}

/// Reads an optional string map.
struct AnnotationsVisitor {
    allow_null: bool,
}

impl<'de> serde::de::Visitor<'de> for AnnotationsVisitor {
    type Value = Option<std::collections::HashMap<String, String>>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map of string keys to string values")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        if self.allow_null {
            Ok(None)
        } else {
            Err(E::custom(
                "annotations must be absent or a map, not null (annotations.md)",
            ))
        }
    }
    fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
        d.deserialize_map(self)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = std::collections::HashMap::with_capacity(map.size_hint().unwrap_or(0));
        // A repeated key is the reader's to refuse or report (it knows the
        // words: labels are not annotations); the last value counts.
        while let Some((key, value)) = map.next_entry::<String, String>()? {
            out.insert(key, value);
        }
        Ok(Some(out))
    }
}
