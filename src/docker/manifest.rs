//! Docker image manifests, v2 schema 2: [manifest-v2-2.md, image
//! manifest](https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md#image-manifest).
//!
//! The same shape as an OCI manifest without `artifactType`, `subject` and
//! `annotations`; its descriptors are [`Descriptor`]s (Docker's have
//! `mediaType`, `size`, `digest` and, for layers, `urls`).

use crate::docker::check::{check_descriptor, check_schema_version, expect_media_type, oci_member};
use crate::docker::{DockerMediaType, rules};
use crate::image::{Descriptor, MediaType};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// A Docker v2 schema 2 image manifest.
///
/// ```
/// use oci_model::Validate;
/// use oci_model::docker::{DockerManifest, DockerManifestBuilder, DockerMediaType};
/// use oci_model::image::Descriptor;
///
/// let config = Descriptor::new(
///     DockerMediaType::ContainerConfig.into(),
///     7023,
///     "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"
///         .parse::<oci_model::image::Digest>()?,
/// );
/// let layer = Descriptor::new(
///     DockerMediaType::LayerGzip.into(),
///     32654,
///     "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"
///         .parse::<oci_model::image::Digest>()?,
/// );
/// let m = DockerManifestBuilder::default().config(config).layers(vec![layer]).build()?;
/// assert_eq!(m.schema_version(), 2);
/// assert!(m.validate().is_clean());
/// let back: DockerManifest = m.to_string()?.parse()?;
/// assert_eq!(back, m);
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(json = "camelCase", access(get, get_mut, set), document)]
pub struct DockerManifest {
    /// `2` for this schema. The builder sets it.
    #[builder(default = "2")]
    schema_version: u32,
    /// SHOULD be `application/vnd.docker.distribution.manifest.v2+json`.
    /// The builder sets it.
    #[builder(default = "Some(DockerMediaType::Manifest.to_media_type())")]
    media_type: Option<MediaType>,
    /// The container configuration; its `mediaType` SHOULD be
    /// `application/vnd.docker.container.image.v1+json`.
    config: Descriptor,
    /// The layers, base layer first; each `mediaType` SHOULD be a Docker
    /// layer type; `urls` is optional and uncommon.
    layers: Vec<Descriptor>,
}

impl Validate for DockerManifest {
    fn check(&self, c: &mut Checker) {
        check_schema_version(c, self.schema_version);
        match &self.media_type {
            Some(m) => expect_media_type(
                c,
                m.as_str(),
                &DockerMediaType::Manifest,
                &rules::MANIFEST_MEDIA_TYPE,
                "the manifest's",
            ),
            None => c.report_at(
                "mediaType",
                &rules::MANIFEST_MEDIA_TYPE,
                "mediaType is missing: it should be application/vnd.docker.distribution.manifest.v2+json",
            ),
        }
        c.field("config", |c| {
            check_descriptor(c, &self.config);
            let m = self.config.media_type().as_str();
            if m != DockerMediaType::ContainerConfig.as_str()
                && m != DockerMediaType::PluginConfig.as_str()
            {
                c.report_at(
                    "mediaType",
                    &rules::CONFIG_MEDIA_TYPE,
                    format!(
                        "config mediaType {} is not application/vnd.docker.container.image.v1+json",
                        quote(m)
                    ),
                );
            }
        });
        c.field("layers", |c| {
            for (i, layer) in self.layers.iter().enumerate() {
                c.index(i, |c| check_layer(c, layer));
            }
        });
        for name in ["annotations", "artifactType", "subject"] {
            if self.unknown_members().contains_key(name) {
                oci_member(c, name);
            }
        }
    }
}

fn check_layer(c: &mut Checker, layer: &Descriptor) {
    check_descriptor(c, layer);
    match DockerMediaType::of(layer.media_type()) {
        Some(DockerMediaType::LayerGzip | DockerMediaType::ForeignLayerGzip) => {}
        _ => c.report_at(
            "mediaType",
            &rules::LAYER_MEDIA_TYPE,
            format!(
                "layer mediaType {} is not application/vnd.docker.image.rootfs.diff.tar.gzip or application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                quote(layer.media_type().as_str())
            ),
        ),
    }
    if DockerMediaType::of(layer.media_type()).is_some_and(|m| m.is_foreign())
        && layer.urls().as_ref().is_none_or(Vec::is_empty)
    {
        c.report_at(
            "urls",
            &rules::FOREIGN_LAYER_URLS,
            "a foreign layer has no urls: it should list where its content may be fetched from",
        );
    }
}
