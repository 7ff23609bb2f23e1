//! Image manifests: [image-spec v1.1.1, manifest.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/manifest.md).
//!
//! A manifest that also carries a `manifests` member (the member of an
//! index) is ambiguous: a reader cannot tell which of the two documents it
//! is, which is how the 2021 "manifest/index confusion" advisory against
//! image-spec could be exploited. Decoding such a document as an
//! [`ImageManifest`] fails with an error at the path `manifests`.

use std::collections::HashMap;

use crate::image::check::{check_annotations, check_media_type};
use crate::image::descriptor::check_subject;
use crate::image::{Descriptor, MediaType, rules};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The `schemaVersion` image-spec v1.1.1 manifests and indexes carry.
pub const SCHEMA_VERSION: u32 = 2;

/// An image manifest: one image (or artifact) for one platform, as a
/// configuration and an ordered list of layers.
///
/// ```
/// use oci_model::image::{Descriptor, ImageManifestBuilder, MediaType};
///
/// let manifest = ImageManifestBuilder::default()
///     .config(Descriptor::new(
///         MediaType::ImageConfig,
///         7023,
///         "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"
///             .parse::<oci_model::image::Digest>()?,
///     ))
///     .layers(vec![])
///     .build()?;
/// assert_eq!(manifest.schema_version(), 2);
/// assert_eq!(manifest.media_type(), &None);
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(
    json = "camelCase",
    access(get, get_mut, set),
    document,
    // The member of an index: see the module documentation.
    reject(
        manifests = "an image manifest must not have a \"manifests\" member: a document with both \"layers\" and \"manifests\" is ambiguous"
    )
)]
pub struct ImageManifest {
    /// REQUIRED: MUST be `2`. The builder sets it.
    #[builder(default = "SCHEMA_VERSION")]
    schema_version: u32,
    /// SHOULD be used; when used it MUST be
    /// `application/vnd.oci.image.manifest.v1+json`. The builder leaves it
    /// unset unless given, as `oci-spec`'s does; `validate()` then warns
    /// (rule `manifest-media-type-missing`).
    media_type: Option<MediaType>,
    /// OPTIONAL (REQUIRED when `config.mediaType` is the empty type): the
    /// type of the artifact; MUST follow RFC 6838.
    artifact_type: Option<MediaType>,
    /// REQUIRED: the descriptor of the configuration.
    config: Descriptor,
    /// REQUIRED: the layers, base layer first; SHOULD have at least one.
    layers: Vec<Descriptor>,
    /// OPTIONAL: the descriptor of another manifest this one refers to
    /// (used by the referrers API).
    subject: Option<Descriptor>,
    /// OPTIONAL: arbitrary metadata; MUST follow the annotation rules.
    #[json(deserialize_with = "crate::image::annotations::deserialize_annotations_not_null")]
    annotations: Option<HashMap<String, String>>,
}

/// Reports `schemaVersion` other than 2.
pub(crate) fn check_schema_version(c: &mut Checker, v: u32) {
    if v != SCHEMA_VERSION {
        c.report_at(
            "schemaVersion",
            &rules::SCHEMA_VERSION,
            format!("schemaVersion is {v}: expected 2"),
        );
    }
}

impl Validate for ImageManifest {
    fn check(&self, c: &mut Checker) {
        check_schema_version(c, self.schema_version);
        if let Some(m) = &self.media_type {
            c.field("mediaType", |c| {
                if m.as_str() == MediaType::DOCKER_MANIFEST {
                    c.report(
                        &rules::DOCKER_MEDIA_TYPE,
                        "mediaType is the docker v2 schema 2 manifest type: expected application/vnd.oci.image.manifest.v1+json for an oci manifest",
                    );
                } else if *m != MediaType::ImageManifest {
                    c.report(
                        &rules::MANIFEST_MEDIA_TYPE,
                        format!(
                            "mediaType {} is not application/vnd.oci.image.manifest.v1+json",
                            quote(m.as_str())
                        ),
                    );
                }
            });
        } else {
            c.report_at(
                "mediaType",
                &rules::MANIFEST_MEDIA_TYPE_MISSING,
                "mediaType is absent: image-spec says it should be used; expected application/vnd.oci.image.manifest.v1+json",
            );
        }
        match &self.artifact_type {
            Some(t) => c.field("artifactType", |c| check_media_type(c, t)),
            None if *self.config.media_type() == MediaType::EmptyJSON => c.report_at(
                "artifactType",
                &rules::MANIFEST_ARTIFACT_TYPE,
                "artifactType is missing: it must be set when config.mediaType is application/vnd.oci.empty.v1+json",
            ),
            None => {}
        }
        c.check_field("config", &self.config);
        if self.layers.is_empty() {
            c.report_at(
                "layers",
                &rules::MANIFEST_LAYERS_EMPTY,
                "layers is empty: it should have at least one entry (use the empty descriptor for an artifact without blobs)",
            );
        }
        c.check_each("layers", &self.layers);
        if let Some(s) = &self.subject {
            check_subject(c, s);
        }
        if let Some(a) = &self.annotations {
            c.field("annotations", |c| check_annotations(c, a));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2}"#;

    #[test]
    fn absent_media_type_stays_absent() {
        let j = format!(r#"{{"schemaVersion":2,"config":{CONFIG},"layers":[]}}"#);
        let m: ImageManifest = j.parse().unwrap();
        assert_eq!(m.media_type(), &None);
        assert_eq!(m.to_string().unwrap(), j);
    }

    #[test]
    fn manifests_member_is_rejected() {
        let j = format!(r#"{{"schemaVersion":2,"config":{CONFIG},"layers":[],"manifests":[]}}"#);
        let e = j.parse::<ImageManifest>().unwrap_err().to_string();
        assert!(
            e.starts_with("/manifests: an image manifest must not have a \"manifests\" member"),
            "{e}"
        );
    }

    #[test]
    fn builder_fills_constants_and_names_missing_config() {
        let e = ImageManifestBuilder::default()
            .layers(vec![])
            .build_model()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot build ImageManifest: required field `config` is not set"
        );
    }
}
