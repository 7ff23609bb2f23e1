//! Image configurations: [image-spec v1.1.1, config.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md),
//! with the top-level fields Docker images carry (moby `image.V1Image`:
//! `id`, `parent`, `comment`, `container`, `container_config`,
//! `docker_version`, `Size`).
//!
//! "Any OPTIONAL field MAY also be set to null, which is equivalent to being
//! absent": every optional field reads `null` as absent (and writes it back
//! as `null`), and absent fields are not written.

use crate::image::check::is_rfc3339;
use crate::image::platform::check_arch_os;
use crate::image::{ANNOTATION_VERSION, Arch, Config, Digest, Os, rules};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The Docker label that [`ImageConfiguration::version`] reads when the
/// OCI version label is absent.
pub const LABEL_VERSION: &str = "version";

/// The `rootfs.type` image-spec v1.1.1 defines.
pub const ROOTFS_TYPE_LAYERS: &str = "layers";

/// An image configuration: the platform, execution parameters, layer
/// DiffIDs and history of an image.
///
/// ```
/// use oci_model::image::{Arch, ImageConfigurationBuilder, Os};
///
/// let config = ImageConfigurationBuilder::default()
///     .architecture(Arch::Amd64)
///     .os(Os::Linux)
///     .build()?;
/// assert_eq!(
///     config.to_string()?,
///     r#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#
/// );
/// # Ok::<(), oci_model::ModelError>(())
/// ```
///
/// As in `oci-spec`, `ImageConfiguration::default()` and the builder's
/// defaults are the platform the crate is compiled for ([`Arch::default`],
/// [`Os::default`]) and [`RootFs::default`].
#[spec_struct(default, access(get, get_mut, set), document)]
pub struct ImageConfiguration {
    /// OPTIONAL: when the image was created, an RFC 3339 date-time.
    created: Option<String>,
    /// OPTIONAL: the person or entity that created the image.
    author: Option<String>,
    /// REQUIRED: the CPU architecture; SHOULD be a Go `GOARCH` value. The
    /// builder defaults it to the compile target's, as `oci-spec`'s does.
    #[builder(default)]
    architecture: Arch,
    /// REQUIRED: the operating system; SHOULD be a Go `GOOS` value. The
    /// builder defaults it to the compile target's, as `oci-spec`'s does.
    #[builder(default)]
    os: Os,
    /// OPTIONAL (`os.version`): the version of the operating system.
    #[json(rename = "os.version")]
    os_version: Option<String>,
    /// OPTIONAL (`os.features`): required OS features, such as `win32k`.
    #[json(rename = "os.features")]
    os_features: Option<Vec<String>>,
    /// OPTIONAL: the CPU variant, such as `v7`.
    variant: Option<String>,
    /// OPTIONAL: the execution parameters of a container.
    config: Option<Config>,
    /// REQUIRED: the layer DiffIDs. The builder defaults it to
    /// [`RootFs::default`] (type `layers`, no DiffIDs).
    #[builder(default)]
    rootfs: RootFs,
    /// OPTIONAL: the history of each layer, first to last.
    history: Option<Vec<History>>,
    /// Docker: the image ID.
    #[json(lenient)]
    id: Option<String>,
    /// Docker: the ID of the parent image.
    #[json(lenient)]
    parent: Option<String>,
    /// Docker: the commit message of the image.
    #[json(lenient)]
    comment: Option<String>,
    /// Docker: the ID of the container the image was committed from.
    #[json(lenient)]
    container: Option<String>,
    /// Docker: the configuration of that container.
    #[json(lenient)]
    container_config: Option<Config>,
    /// Docker: the version of Docker that built the image.
    #[json(lenient)]
    docker_version: Option<String>,
    /// Docker (`Size`): the total size of the image's layers.
    #[json(rename = "Size", lenient)]
    size: Option<i64>,
}

impl ImageConfiguration {
    /// `config.Labels`, when present.
    pub fn labels_of_config(&self) -> Option<&std::collections::HashMap<String, String>> {
        self.config.as_ref().and_then(|c| c.labels().as_ref())
    }

    /// The software version from the labels:
    /// `org.opencontainers.image.version`, else `version`.
    pub fn version(&self) -> Option<&str> {
        let labels = self.labels_of_config()?;
        [ANNOTATION_VERSION, LABEL_VERSION]
            .iter()
            .find_map(|k| labels.get(*k).map(String::as_str))
    }

    /// The value of one label of `config.Labels`.
    pub fn get_config_annotation(&self, key: &str) -> Option<&str> {
        self.labels_of_config()?.get(key).map(String::as_str)
    }
}

/// The layers of the image's root filesystem, by DiffID.
#[spec_struct(hash, access(get, get_mut, set))]
pub struct RootFs {
    /// REQUIRED (`type`): MUST be `layers`.
    #[json(rename = "type")]
    #[builder(default = "ROOTFS_TYPE_LAYERS.to_owned()")]
    typ: String,
    /// REQUIRED: the digests of the uncompressed layer tars, first to last,
    /// as text (`Vec<String>`, as in `oci-spec`). Decoding takes any string,
    /// as `oci-spec` does (and as [`RootFsBuilder`] writes);
    /// [`RootFs::diff_id_digests`] gives them typed, and validation reports
    /// one that is not a digest (`config-diff-id`).
    #[builder(default)]
    diff_ids: Vec<String>,
}

impl RootFs {
    /// The DiffIDs as typed digests.
    ///
    /// # Errors
    /// [`crate::ParseError`] for the first DiffID that is not a digest (one
    /// pushed through [`RootFs::diff_ids_mut`] or [`RootFs::set_diff_ids`];
    /// decoding refuses them).
    pub fn diff_id_digests(&self) -> Result<Vec<Digest>, crate::ParseError> {
        self.diff_ids.iter().map(|d| Digest::parse(d)).collect()
    }
}

impl Default for RootFs {
    /// Type `layers` and no DiffIDs.
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            typ: ROOTFS_TYPE_LAYERS.to_owned(),
            diff_ids: Vec::new(),
        }
    }
}

/// The history of one layer.
#[spec_struct(default, hash, builder_default, access(get, get_mut, set))]
pub struct History {
    /// OPTIONAL: when the layer was created, an RFC 3339 date-time.
    created: Option<String>,
    /// OPTIONAL: the author of the layer.
    author: Option<String>,
    /// OPTIONAL: the command that created the layer.
    created_by: Option<String>,
    /// OPTIONAL: a comment on the layer.
    comment: Option<String>,
    /// OPTIONAL: true when the step changed no file (no layer in `rootfs`).
    empty_layer: Option<bool>,
}

fn check_created(c: &mut Checker, created: Option<&String>) {
    if let Some(t) = created {
        if !is_rfc3339(t) {
            c.report_at(
                "created",
                &rules::CONFIG_CREATED,
                format!(
                    "created {} is not an rfc 3339 date-time such as \"2024-01-31T12:00:00Z\"",
                    quote(t)
                ),
            );
        }
    }
}

impl Validate for ImageConfiguration {
    fn check(&self, c: &mut Checker) {
        check_created(c, self.created.as_ref());
        check_arch_os(c, &self.architecture, &self.os);
        c.check_opt("config", self.config.as_ref());
        c.check_field("rootfs", &self.rootfs);
        if let Some(history) = &self.history {
            c.check_each("history", history);
            let layers = history
                .iter()
                .filter(|h| h.empty_layer != Some(true))
                .count();
            if layers != self.rootfs.diff_ids.len() {
                c.report_at(
                    "history",
                    &rules::CONFIG_HISTORY_LAYERS,
                    format!(
                        "history has {layers} entries that are not empty_layer but rootfs has {} diff_ids",
                        self.rootfs.diff_ids.len()
                    ),
                );
            }
        }
        // Docker's, not image-spec's: its rules apply to `config`, so here
        // a broken one is only worth a warning.
        c.advisory(|c| c.check_opt("container_config", self.container_config.as_ref()));
    }
}

impl Validate for RootFs {
    fn check(&self, c: &mut Checker) {
        if self.typ != ROOTFS_TYPE_LAYERS {
            c.report_at(
                "type",
                &rules::CONFIG_ROOTFS_TYPE,
                format!("rootfs type {} is not \"layers\"", quote(&self.typ)),
            );
        }
        c.field("diff_ids", |c| {
            for (i, d) in self.diff_ids.iter().enumerate() {
                if let Err(e) = Digest::parse(d) {
                    c.index(i, |c| {
                        c.report(
                            &rules::CONFIG_DIFF_ID,
                            format!(
                                "diff_id {} is not a digest: expected {}",
                                quote(d),
                                e.expected()
                            ),
                        );
                    });
                }
            }
        });
    }
}

impl Validate for History {
    fn check(&self, c: &mut Checker) {
        check_created(c, self.created.as_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_optional_fields_read_as_absent_and_are_written_back() {
        let j = r#"{"created":null,"author":null,"architecture":"amd64","os":"linux","config":null,"rootfs":{"type":"layers","diff_ids":[]},"history":null}"#;
        let mut c: ImageConfiguration = j.parse().unwrap();
        assert_eq!(c.config(), &None);
        assert_eq!(c.created(), &None);
        assert_eq!(c.to_string().unwrap(), j);
        // A null counts as absent for equality.
        let absent: ImageConfiguration =
            r#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#
                .parse()
                .unwrap();
        assert_eq!(c, absent);
        // A value set later is written instead of the null.
        c.set_author(Some("me".to_string()));
        assert!(c.to_string().unwrap().contains(r#""author":"me""#));
    }

    /// oci-spec decodes any diff_id string, and `RootFsBuilder` writes one:
    /// decoding takes it back; validation reports it with its path.
    #[test]
    fn bad_diff_id_decodes_and_validate_reports_it() {
        let j = r#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:abc123"]}}"#;
        let c = j.parse::<ImageConfiguration>().unwrap();
        assert_eq!(c.rootfs().diff_ids(), &["sha256:abc123".to_owned()]);
        assert_eq!(c.to_string().unwrap(), j);
        let built = RootFsBuilder::default()
            .diff_ids(vec!["sha256:abc123".to_owned()])
            .build()
            .unwrap();
        assert_eq!(&built, c.rootfs());
        let r = c.validate();
        let v: Vec<_> = r
            .violations()
            .iter()
            .filter(|v| v.rule().name() == "config-diff-id")
            .collect();
        assert_eq!(v.len(), 1, "{r}");
        assert_eq!(v[0].path(), "/rootfs/diff_ids/0");
        assert!(v[0].message().contains("\"sha256:abc123\""), "{r}");
    }

    #[test]
    fn docker_members_of_another_type_are_ignored_not_errors() {
        let j = r#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},
            "container":7,"docker_version":["x"],"Size":"big","id":"sha256:1",
            "container_config":{"Hostname":"h","Tty":"yes","Env":["A=1"]},
            "config":{"Env":["B=2"],"Healthcheck":{"Test":"CMD true"},"Shell":"sh","StopTimeout":10,
                "Hostname":{"a":1},"OnBuild":null,"Memory":1.5}}"#;
        let c: ImageConfiguration = j.parse().unwrap();
        assert_eq!(c.container(), &None);
        assert_eq!(c.docker_version(), &None);
        assert_eq!(c.size(), None);
        assert_eq!(c.id().as_deref(), Some("sha256:1"));
        let cc = c.container_config().as_ref().unwrap();
        assert_eq!(cc.hostname().as_deref(), Some("h"));
        assert_eq!(cc.tty(), None);
        assert_eq!(cc.env().as_deref(), Some(&["A=1".to_owned()][..]));
        let cfg = c.config().as_ref().unwrap();
        assert_eq!(cfg.healthcheck(), &None);
        assert_eq!(cfg.shell(), &None);
        assert_eq!(cfg.stop_timeout(), Some(10));
        assert_eq!(cfg.hostname(), &None);
        assert_eq!(cfg.memory(), None);
        // A spec rule broken in container_config is a warning only.
        let env = j.replace(r#""Env":["A=1"]"#, r#""Env":["no-equals-sign"]"#);
        let report = env.parse::<ImageConfiguration>().unwrap().validate();
        assert!(report.is_valid(), "{report:?}");
        assert!(report.has_rule("config-env"), "{report:?}");
        // Members the spec defines stay strict.
        let bad = j.replace(r#""Env":["B=2"]"#, r#""Env":"B=2""#);
        let e = bad.parse::<ImageConfiguration>().unwrap_err().to_string();
        assert!(e.starts_with("/config/Env: invalid type: string"), "{e}");
    }

    #[test]
    fn version_label() {
        let j = r#"{"architecture":"amd64","os":"linux","config":{"Labels":{"version":"1"}},"rootfs":{"type":"layers","diff_ids":[]}}"#;
        let c: ImageConfiguration = j.parse().unwrap();
        assert_eq!(c.version(), Some("1"));
        assert_eq!(c.get_config_annotation("version"), Some("1"));
    }
}
