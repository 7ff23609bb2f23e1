//! The artifact manifest of the image-spec 1.1 release candidates
//! (`application/vnd.oci.artifact.manifest.v1+json`), as `oci-spec` 0.10
//! models it.
//!
//! image-spec v1.1.0 removed this document before its release: an artifact
//! is an [image manifest](https://github.com/opencontainers/image-spec/blob/v1.1.1/manifest.md#guidelines-for-artifact-usage)
//! with an `artifactType`. The type stays so that code written against
//! `oci-spec` compiles and reads documents written by the release
//! candidates' tools; new documents should be image manifests.

use std::collections::HashMap;

use crate::image::check::{check_annotations, check_media_type};
use crate::image::descriptor::check_subject;
use crate::image::{Descriptor, MediaType};
use crate::spec_struct;
use crate::validate::{Checker, Validate};

/// An artifact manifest of the image-spec 1.1 release candidates (not part
/// of image-spec v1.1.1, which describes artifacts with an
/// [`ImageManifest`](crate::image::ImageManifest) and its `artifactType`).
#[spec_struct(json = "camelCase", access(get, set), document(from_file_impl_trait))]
pub struct ArtifactManifest {
    /// `mediaType`: `application/vnd.oci.artifact.manifest.v1+json`, filled
    /// in by the builder.
    #[access(get)]
    #[builder(default = "MediaType::ArtifactManifest", setter(skip))]
    media_type: MediaType,
    /// `artifactType`: REQUIRED, the type of the artifact.
    artifact_type: MediaType,
    /// `blobs`: the artifact's blobs (an empty list when absent).
    #[json(default)]
    #[access(get, get_mut, set)]
    #[builder(default)]
    blobs: Vec<Descriptor>,
    /// `subject`: OPTIONAL, the manifest this artifact refers to.
    subject: Option<Descriptor>,
    /// `annotations`: OPTIONAL, arbitrary metadata.
    #[json(deserialize_with = "crate::image::annotations::deserialize_annotations_not_null")]
    #[access(get, get_mut, set)]
    annotations: Option<HashMap<String, String>>,
}

impl Validate for ArtifactManifest {
    /// The rules of the descriptors, media types and annotations it holds
    /// (the release candidates' own rules for this document are not part of
    /// image-spec v1.1.1).
    fn check(&self, c: &mut Checker) {
        c.field("mediaType", |c| check_media_type(c, &self.media_type));
        c.field("artifactType", |c| check_media_type(c, &self.artifact_type));
        c.check_each("blobs", &self.blobs);
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

    const BLOB: &str = r#"{"mediaType":"application/gzip","digest":"sha256:87923725d74f4bfb94c9e86d64170f7521aad8221a5de834851470ca142da630","size":123}"#;

    #[test]
    fn builder_fills_the_media_type_and_round_trips() {
        let blob: Descriptor = BLOB.parse().unwrap();
        let m = ArtifactManifestBuilder::default()
            .artifact_type(MediaType::Other("application/vnd.example.sbom.v1".into()))
            .blobs(vec![blob])
            .build()
            .unwrap();
        assert_eq!(m.media_type(), &MediaType::ArtifactManifest);
        let j = m.to_string().unwrap();
        assert_eq!(
            j,
            format!(
                r#"{{"mediaType":"application/vnd.oci.artifact.manifest.v1+json","artifactType":"application/vnd.example.sbom.v1","blobs":[{BLOB}]}}"#
            )
        );
        assert_eq!(j.parse::<ArtifactManifest>().unwrap(), m);
        assert!(m.validate().is_clean(), "{}", m.validate());
    }

    #[test]
    fn missing_artifact_type_is_named() {
        let e = ArtifactManifestBuilder::default()
            .build_model()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot build ArtifactManifest: required field `artifact_type` is not set"
        );
    }

    #[test]
    fn bad_artifact_type_is_reported() {
        let j = r#"{"mediaType":"application/vnd.oci.artifact.manifest.v1+json","artifactType":"sbom"}"#;
        let m: ArtifactManifest = j.parse().unwrap();
        assert!(m.blobs().is_empty());
        let r = m.validate();
        assert!(
            r.violations()
                .iter()
                .any(|v| v.rule().name() == "media-type-grammar" && v.path() == "/artifactType"),
            "{r}"
        );
    }
}
