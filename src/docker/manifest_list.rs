//! Docker manifest lists, v2 schema 2: [manifest-v2-2.md, manifest
//! list](https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md#manifest-list).
//!
//! The shape of an OCI index without `artifactType`, `subject` and
//! `annotations`; each entry is a [`Descriptor`] with a [`Platform`]
//! (`architecture`, `os`, optional `os.version`, `os.features`, `variant`,
//! `features`).
//!
//! [`Platform`]: crate::image::Platform

use crate::docker::check::{check_descriptor, check_schema_version, expect_media_type, oci_member};
use crate::docker::{DockerMediaType, rules};
use crate::image::{Descriptor, MediaType};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// A Docker v2 schema 2 manifest list: one manifest per platform.
///
/// ```
/// use oci_model::Validate;
/// use oci_model::docker::{DockerManifestList, DockerManifestListBuilder, DockerMediaType};
/// use oci_model::image::{Arch, Descriptor, Os, Platform};
///
/// let mut entry = Descriptor::new(
///     DockerMediaType::Manifest.into(),
///     7143,
///     "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"
///         .parse::<oci_model::image::Digest>()?,
/// );
/// entry.set_platform(Some(Platform::new(Arch::PowerPC64le, Os::Linux)));
/// let list = DockerManifestListBuilder::default().manifests(vec![entry]).build()?;
/// assert!(list.validate().is_clean());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(json = "camelCase", access(get, get_mut, set), document)]
pub struct DockerManifestList {
    /// `2` for this schema. The builder sets it.
    #[builder(default = "2")]
    schema_version: u32,
    /// SHOULD be `application/vnd.docker.distribution.manifest.list.v2+json`.
    /// The builder sets it.
    #[builder(default = "Some(DockerMediaType::ManifestList.to_media_type())")]
    media_type: Option<MediaType>,
    /// The manifests, each with the platform it runs on.
    manifests: Vec<Descriptor>,
}

impl Validate for DockerManifestList {
    fn check(&self, c: &mut Checker) {
        check_schema_version(c, self.schema_version);
        match &self.media_type {
            Some(m) => expect_media_type(
                c,
                m.as_str(),
                &DockerMediaType::ManifestList,
                &rules::LIST_MEDIA_TYPE,
                "the manifest list's",
            ),
            None => c.report_at(
                "mediaType",
                &rules::LIST_MEDIA_TYPE,
                "mediaType is missing: it should be application/vnd.docker.distribution.manifest.list.v2+json",
            ),
        }
        c.field("manifests", |c| {
            for (i, entry) in self.manifests.iter().enumerate() {
                c.index(i, |c| check_entry(c, entry));
            }
        });
        for name in ["annotations", "artifactType", "subject"] {
            if self.unknown_members().contains_key(name) {
                oci_member(c, name);
            }
        }
    }
}

fn check_entry(c: &mut Checker, entry: &Descriptor) {
    check_descriptor(c, entry);
    match DockerMediaType::of(entry.media_type()) {
        Some(DockerMediaType::Manifest | DockerMediaType::Schema1Manifest) => {}
        _ => c.report_at(
            "mediaType",
            &rules::LIST_ENTRY_MEDIA_TYPE,
            format!(
                "entry mediaType {} is not application/vnd.docker.distribution.manifest.v2+json",
                quote(entry.media_type().as_str())
            ),
        ),
    }
    if entry.platform().is_none() {
        c.report_at(
            "platform",
            &rules::LIST_ENTRY_PLATFORM,
            "platform is missing: each entry of a manifest list describes the platform its image runs on",
        );
    }
}
