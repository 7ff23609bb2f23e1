//! Image indexes: [image-spec v1.1.1, image-index.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md).
//!
//! An index that also carries a `layers` member (the member of a manifest)
//! is ambiguous; decoding it as an [`ImageIndex`] fails with an error at the
//! path `layers` (see [`crate::image::ImageManifest`] for the reverse case).

use std::collections::HashMap;

use crate::image::check::{check_annotations, check_media_type};
use crate::image::descriptor::check_subject;
use crate::image::manifest::check_schema_version;
use crate::image::{Descriptor, MediaType, SCHEMA_VERSION, rules};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// An image index: a list of manifests, usually one per platform (a
/// "multi-arch image"), or the `index.json` of an image layout.
///
/// ```
/// use oci_model::image::{ImageIndex, ImageIndexBuilder, MediaType};
///
/// let index = ImageIndexBuilder::default()
///     .media_type(MediaType::ImageIndex)
///     .manifests(vec![])
///     .build()?;
/// assert_eq!(
///     index.to_string()?,
///     r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#
/// );
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(
    json = "camelCase",
    access(get, get_mut, set),
    document,
    // The member of a manifest: see the module documentation.
    reject(
        layers = "an image index must not have a \"layers\" member: a document with both \"layers\" and \"manifests\" is ambiguous"
    )
)]
pub struct ImageIndex {
    /// REQUIRED: MUST be `2`. The builder sets it.
    #[builder(default = "SCHEMA_VERSION")]
    schema_version: u32,
    /// SHOULD be used; when used it MUST be
    /// `application/vnd.oci.image.index.v1+json`. The builder and
    /// `Default` leave it unset unless given, as `oci-spec`'s do;
    /// `validate()` then warns (rule `index-media-type-missing`).
    media_type: Option<MediaType>,
    /// OPTIONAL: the type of the artifact; MUST follow RFC 6838.
    artifact_type: Option<MediaType>,
    /// REQUIRED (MAY be empty): descriptors of the manifests, with their
    /// `platform` when platform-specific.
    manifests: Vec<Descriptor>,
    /// OPTIONAL: the descriptor of another manifest this index refers to.
    subject: Option<Descriptor>,
    /// OPTIONAL: arbitrary metadata; MUST follow the annotation rules.
    #[json(deserialize_with = "crate::image::annotations::deserialize_annotations_not_null")]
    annotations: Option<HashMap<String, String>>,
}

impl Default for ImageIndex {
    /// An empty index: `schemaVersion` 2, no `mediaType` (as in
    /// `oci-spec`), no manifests.
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            schema_version: SCHEMA_VERSION,
            media_type: None,
            artifact_type: None,
            manifests: Vec::new(),
            subject: None,
            annotations: None,
        }
    }
}

impl Validate for ImageIndex {
    fn check(&self, c: &mut Checker) {
        check_schema_version(c, self.schema_version);
        if let Some(m) = &self.media_type {
            c.field("mediaType", |c| {
                if m.as_str() == MediaType::DOCKER_MANIFEST_LIST {
                    c.report(
                        &rules::DOCKER_MEDIA_TYPE,
                        "mediaType is the docker manifest list type: expected application/vnd.oci.image.index.v1+json for an oci index",
                    );
                } else if *m != MediaType::ImageIndex {
                    c.report(
                        &rules::INDEX_MEDIA_TYPE,
                        format!(
                            "mediaType {} is not application/vnd.oci.image.index.v1+json",
                            quote(m.as_str())
                        ),
                    );
                }
            });
        } else {
            c.report_at(
                "mediaType",
                &rules::INDEX_MEDIA_TYPE_MISSING,
                "mediaType is absent: image-spec says it should be used; expected application/vnd.oci.image.index.v1+json",
            );
        }
        if let Some(t) = &self.artifact_type {
            c.field("artifactType", |c| check_media_type(c, t));
        }
        c.check_each("manifests", &self.manifests);
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

    #[test]
    fn layers_member_is_rejected() {
        let e = r#"{"schemaVersion":2,"manifests":[],"layers":[]}"#
            .parse::<ImageIndex>()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("/layers: an image index must not have a \"layers\" member"),
            "{e}"
        );
    }

    #[test]
    fn wrong_media_type_is_an_error() {
        let i: ImageIndex =
            r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","manifests":[]}"#
                .parse()
                .unwrap();
        let r = i.validate();
        assert_eq!(r.violations()[0].rule_name(), "index-media-type");
        assert_eq!(r.violations()[0].path(), "/mediaType");
    }
}
