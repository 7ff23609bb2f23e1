//! Docker image configurations: [Docker image spec v1.2, image JSON
//! description](https://github.com/moby/docker-image-spec/blob/v1.2.0/spec.md#image-json-description).
//!
//! The same document as the OCI image configuration, which already keeps
//! every Docker member (`container_config`, `docker_version`, nulls, ...):
//! [`DockerImageConfig`] wraps an [`ImageConfiguration`] and only checks it
//! by Docker's rules instead of image-spec's.

use crate::docker::rules;
use crate::image::ImageConfiguration;
use crate::image::check::is_rfc3339;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// A Docker image configuration (`application/vnd.docker.container.image.v1+json`).
///
/// ```
/// use oci_model::Validate;
/// use oci_model::docker::DockerImageConfig;
///
/// let c: DockerImageConfig = r#"{"architecture":"amd64","os":"linux",
///   "container_config":{"Hostname":"f1a2","Cmd":["/bin/sh"]},"docker_version":"20.10.7",
///   "rootfs":{"type":"layers","diff_ids":[]}}"#.parse()?;
/// assert_eq!(c.config().docker_version().as_deref(), Some("20.10.7"));
/// assert!(c.validate().is_clean());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(transparent, access(get, get_mut, set), document)]
pub struct DockerImageConfig {
    /// The configuration.
    config: ImageConfiguration,
}

impl From<ImageConfiguration> for DockerImageConfig {
    fn from(config: ImageConfiguration) -> Self {
        Self { config }
    }
}

impl From<DockerImageConfig> for ImageConfiguration {
    fn from(c: DockerImageConfig) -> Self {
        c.config
    }
}

fn check_created(c: &mut Checker, created: Option<&String>) {
    if let Some(t) = created {
        if !is_rfc3339(t) {
            c.report_at(
                "created",
                &rules::CONFIG_CREATED,
                format!(
                    "created {} is not an iso-8601 combined date and time",
                    quote(t)
                ),
            );
        }
    }
}

impl Validate for DockerImageConfig {
    fn check(&self, c: &mut Checker) {
        let cfg = &self.config;
        check_created(c, cfg.created().as_ref());
        c.field("rootfs", |c| {
            let rootfs = cfg.rootfs();
            if rootfs.typ() != "layers" {
                c.report_at(
                    "type",
                    &rules::CONFIG_ROOTFS_TYPE,
                    format!("rootfs type {} is not \"layers\"", quote(rootfs.typ())),
                );
            }
            c.field("diff_ids", |c| {
                for (i, d) in rootfs.diff_ids().iter().enumerate() {
                    if crate::image::Digest::parse(d).is_err() {
                        c.index(i, |c| {
                            c.report(
                                &rules::CONFIG_DIFF_ID,
                                format!("diff_id {} is not a digest", quote(d)),
                            );
                        });
                    }
                }
            });
        });
        if let Some(history) = cfg.history() {
            c.field("history", |c| {
                for (i, h) in history.iter().enumerate() {
                    c.index(i, |c| check_created(c, h.created().as_ref()));
                }
            });
            let layers = history
                .iter()
                .filter(|h| h.empty_layer() != Some(true))
                .count();
            if layers != cfg.rootfs().diff_ids().len() {
                c.report_at(
                    "history",
                    &rules::CONFIG_HISTORY_LAYERS,
                    format!(
                        "history has {layers} entries that are not empty_layer but rootfs has {} diff_ids",
                        cfg.rootfs().diff_ids().len()
                    ),
                );
            }
        }
        for (name, run) in [
            ("config", cfg.config()),
            ("container_config", cfg.container_config()),
        ] {
            let Some(env) = run.as_ref().and_then(|r| r.env().as_ref()) else {
                continue;
            };
            c.field(name, |c| {
                c.field("Env", |c| {
                    for (i, e) in env.iter().enumerate() {
                        if e.split_once('=').is_none_or(|(k, _)| k.is_empty()) {
                            c.index(i, |c| {
                                c.report(
                                    &rules::CONFIG_ENV,
                                    format!("{} is not VARNAME=VARVALUE", quote(e)),
                                );
                            });
                        }
                    }
                });
            });
        }
    }
}
