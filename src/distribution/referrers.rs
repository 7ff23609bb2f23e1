//! Referrers: [distribution-spec v1.1.1, spec.md "Listing
//! Referrers"](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#listing-referrers)
//! and the fallback [referrers tag
//! schema](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#referrers-tag-schema).
//!
//! The body of `GET /v2/<name>/referrers/<digest>` (and of the fallback tag)
//! is an image index whose descriptors name the manifests that have
//! `<digest>` as their `subject`. [`ReferrersResponse`] wraps that
//! [`ImageIndex`] and adds the referrers rules.

use crate::distribution::api::FILTER_ARTIFACT_TYPE;
use crate::distribution::names::Tag;
use crate::distribution::rules;
use crate::image::{Descriptor, Digest, ImageIndex, ImageManifest, MediaType};
use crate::spec_struct;
use crate::validate::{Checker, Validate};

/// The longest algorithm part of a referrers tag (distribution-spec `main`).
const TAG_ALGORITHM_MAX: usize = 32;
/// The longest encoded part of a referrers tag.
const TAG_ENCODED_MAX: usize = 64;

/// A referrers response: an image index (`Content-Type:
/// application/vnd.oci.image.index.v1+json`) listing the manifests that
/// refer to one subject.
///
/// It reads and writes exactly as the [`ImageIndex`] it wraps. Each entry of
/// image-manifest type MUST carry `artifactType` (the manifest's, or its
/// config's `mediaType`); an index entry carries it only when the index has
/// one. A query with no match MUST still return `"manifests": []`.
///
/// ```
/// use oci_model::distribution::ReferrersResponse;
/// use oci_model::Validate;
///
/// let body = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
///   "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7,
///   "digest":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
///   "artifactType":"application/vnd.example.sbom.v1"}]}"#;
/// let referrers: ReferrersResponse = body.parse()?;
/// assert!(referrers.validate().is_clean());
/// let (sboms, filters) = referrers.filter_by_artifact_type("application/vnd.example.sbom.v1");
/// assert_eq!(sboms.manifests().len(), 1);
/// assert_eq!(filters, "artifactType");
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(transparent, access(get, get_mut, set), document)]
pub struct ReferrersResponse {
    /// REQUIRED: the image index of the response.
    index: ImageIndex,
}

impl From<ImageIndex> for ReferrersResponse {
    fn from(index: ImageIndex) -> Self {
        Self { index }
    }
}

impl From<ReferrersResponse> for ImageIndex {
    fn from(r: ReferrersResponse) -> Self {
        r.index
    }
}

impl Default for ReferrersResponse {
    /// An empty response: `{"schemaVersion":2,"mediaType":
    /// "application/vnd.oci.image.index.v1+json","manifests":[]}`.
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl ReferrersResponse {
    /// A response listing `manifests` (schema version 2, index media type).
    pub fn new(manifests: Vec<Descriptor>) -> Self {
        let mut index = ImageIndex::default();
        index.set_media_type(Some(crate::image::MediaType::ImageIndex));
        index.set_manifests(manifests);
        Self { index }
    }

    /// The descriptors of the referring manifests.
    pub fn manifests(&self) -> &[Descriptor] {
        self.index.manifests()
    }

    /// Takes the image index out.
    pub fn into_index(self) -> ImageIndex {
        self.index
    }

    /// The entries whose `artifactType` is `artifact_type`, as a new
    /// response, and the `OCI-Filters-Applied` header value a registry
    /// sends with it (`artifactType`).
    pub fn filter_by_artifact_type(&self, artifact_type: &str) -> (Self, &'static str) {
        let mut index = self.index.clone();
        index.manifests_mut().retain(|d| {
            d.artifact_type()
                .as_ref()
                .is_some_and(|t| t == artifact_type)
        });
        (Self { index }, FILTER_ARTIFACT_TYPE)
    }

    /// Adds `descriptor` unless an entry with its digest is already listed
    /// (the spec says duplicates SHOULD NOT be created); returns whether it
    /// was added. For clients maintaining the fallback tag.
    pub fn add(&mut self, descriptor: Descriptor) -> bool {
        let manifests = self.index.manifests_mut();
        if manifests.iter().any(|d| d.digest() == descriptor.digest()) {
            return false;
        }
        manifests.push(descriptor);
        true
    }

    /// Removes the entries with `digest`; returns whether one was removed.
    pub fn remove(&mut self, digest: &Digest) -> bool {
        let manifests = self.index.manifests_mut();
        let before = manifests.len();
        manifests.retain(|d| d.digest() != digest);
        manifests.len() != before
    }

    /// The descriptor a referrers list carries for `manifest` (whose
    /// content has `digest` and `size`): `artifactType` is the manifest's,
    /// or its config's `mediaType` when it has none (MUST); its annotations
    /// are copied (MUST).
    pub fn descriptor_for_manifest(
        manifest: &ImageManifest,
        digest: Digest,
        size: u64,
    ) -> Descriptor {
        let mut d = Descriptor::new(MediaType::ImageManifest, size, digest);
        let artifact_type = manifest
            .artifact_type()
            .clone()
            .filter(|t| !t.as_str().is_empty())
            .unwrap_or_else(|| manifest.config().media_type().clone());
        d.set_artifact_type(Some(artifact_type));
        d.set_annotations(manifest.annotations().clone());
        d
    }

    /// The descriptor a referrers list carries for `index` (with `digest`
    /// and `size`): its `artifactType` when present (otherwise omitted),
    /// and its annotations.
    pub fn descriptor_for_index(index: &ImageIndex, digest: Digest, size: u64) -> Descriptor {
        let mut d = Descriptor::new(MediaType::ImageIndex, size, digest);
        d.set_artifact_type(
            index
                .artifact_type()
                .clone()
                .filter(|t| !t.as_str().is_empty()),
        );
        d.set_annotations(index.annotations().clone());
        d
    }
}

/// True when an `OCI-Filters-Applied` header value lists the artifact type
/// filter (the client need not filter the response itself).
pub fn artifact_type_filter_applied(header_value: &str) -> bool {
    header_value
        .split(',')
        .any(|f| f.trim() == FILTER_ARTIFACT_TYPE)
}

/// The tag of the referrers tag schema for `subject`: `<alg>-<ref>`, such as
/// `sha256-e3b0c442…` (the form clients push the referrers index to when a
/// registry has no referrers API).
///
/// v1.1.1: `<alg>` is the algorithm and `<ref>` the encoded digest
/// "(limit of 64 characters)". For an algorithm or encoding that is not
/// valid in a tag, this follows distribution-spec `main`: the algorithm is
/// cut to 32 characters, the encoded part to 64, and characters a tag does
/// not allow become `-`. For `sha256` and `sha512` both rules agree.
///
/// ```
/// use oci_model::distribution::referrers_tag;
///
/// let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".parse()?;
/// assert_eq!(
///     referrers_tag(&d).as_str(),
///     "sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// # Ok::<(), oci_model::ModelError>(())
/// ```
pub fn referrers_tag(subject: &Digest) -> Tag {
    let tag_char = |c: char| {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
            c
        } else {
            '-'
        }
    };
    let alg = subject.algorithm().as_str();
    let mut s = String::with_capacity(TAG_ALGORITHM_MAX + 1 + TAG_ENCODED_MAX);
    s.extend(alg.chars().take(TAG_ALGORITHM_MAX).map(tag_char));
    s.push('-');
    s.extend(
        subject
            .encoded()
            .chars()
            .take(TAG_ENCODED_MAX)
            .map(tag_char),
    );
    // The algorithm starts with [a-z0-9] and every character is a tag
    // character, at most 32 + 1 + 64 of them: a valid tag.
    Tag::from_checked(&s)
}

impl Validate for ReferrersResponse {
    fn check(&self, c: &mut Checker) {
        self.index.check(c);
        c.field("manifests", |c| {
            for (i, d) in self.index.manifests().iter().enumerate() {
                if *d.media_type() == MediaType::ImageManifest && d.artifact_type().is_none() {
                    c.index(i, |c| {
                        c.report(
                            &rules::REFERRERS_ARTIFACT_TYPE,
                            format!(
                                "referrer {} is an image manifest without artifactType (expected the manifest's artifactType or its config mediaType)",
                                crate::validate::quote(d.digest().as_str())
                            ),
                        );
                    });
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn digest(s: &str) -> Digest {
        s.parse().unwrap()
    }

    #[test]
    fn tags() {
        let sha512 = format!("sha512:{}", "ab".repeat(64));
        assert_eq!(
            referrers_tag(&digest(&sha512)).as_str(),
            format!("sha512-{}", "ab".repeat(32))
        );
        let odd = digest("sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564=");
        assert_eq!(
            referrers_tag(&odd).as_str(),
            "sha256-b64u-LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564-"
        );
        let long = digest(&format!("{}:{}", "a".repeat(40), "b".repeat(100)));
        let t = referrers_tag(&long);
        assert_eq!(t.as_str().len(), 32 + 1 + 64);
        assert!(Tag::parse(t.as_str()).is_ok());
    }

    #[test]
    fn default_is_empty_index() {
        let r = ReferrersResponse::default();
        assert_eq!(
            r.to_string().unwrap(),
            r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#
        );
        assert!(r.validate().is_clean());
    }

    #[test]
    fn add_remove_filter() {
        let mut r = ReferrersResponse::default();
        let mut sbom = Descriptor::new(MediaType::ImageManifest, 1, digest(D));
        sbom.set_artifact_type(Some(MediaType::from("application/vnd.example.sbom.v1")));
        assert!(r.add(sbom.clone()));
        assert!(!r.add(sbom));
        let (f, v) = r.filter_by_artifact_type("application/other");
        assert!(f.manifests().is_empty());
        assert_eq!(v, "artifactType");
        assert!(r.remove(&digest(D)));
        assert!(r.manifests().is_empty());
        assert!(artifact_type_filter_applied("artifactType"));
        assert!(artifact_type_filter_applied("foo, artifactType"));
        assert!(!artifact_type_filter_applied("foo"));
    }

    #[test]
    fn descriptors_for_pushed_manifests() {
        use crate::image::ImageManifestBuilder;
        let mut config = Descriptor::empty();
        config.set_media_type(MediaType::from("application/vnd.example.config.v1+json"));
        let mut m = ImageManifestBuilder::default()
            .config(config)
            .layers(vec![Descriptor::empty()])
            .annotations([("a".to_owned(), "b".to_owned())])
            .build()
            .unwrap();
        let d = ReferrersResponse::descriptor_for_manifest(&m, digest(D), 10);
        assert_eq!(
            d.artifact_type().as_ref().unwrap().as_str(),
            "application/vnd.example.config.v1+json"
        );
        assert_eq!(d.annotations().as_ref().unwrap()["a"], "b");
        m.set_artifact_type(Some(MediaType::from("application/vnd.example.sig")));
        let d = ReferrersResponse::descriptor_for_manifest(&m, digest(D), 10);
        assert_eq!(
            d.artifact_type().as_ref().unwrap().as_str(),
            "application/vnd.example.sig"
        );
        let r = ReferrersResponse::new(vec![d]);
        assert!(r.validate().is_valid(), "{}", r.validate());
        let index = ImageIndex::default();
        let d = ReferrersResponse::descriptor_for_index(&index, digest(D), 3);
        assert!(d.artifact_type().is_none());
        assert_eq!(*d.media_type(), MediaType::ImageIndex);
    }
}
