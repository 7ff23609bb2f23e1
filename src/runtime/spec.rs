//! The container configuration, `config.json`: [runtime-spec v1.3.0, config.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::runtime::{
    FreeBSD, Hooks, Linux, LinuxIdMapping, Mount, Process, Root, Solaris, VM, Windows, ZOS, rules,
};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};
use crate::{BuildError, ModelError};

/// A container configuration (`config.json`): what a runtime needs to
/// create a container from a bundle.
///
/// Parsing requires `ociVersion` (`{}` is not a `Spec`); [`Validate`] checks
/// the rules the types cannot (SemVer, absolute paths, platform-dependent
/// requirements, ...). [`Spec::default`] is the runc-style preset
/// documented on [`Spec::runc_default`].
///
/// ```
/// use oci_model::Validate;
/// use oci_model::runtime::Spec;
///
/// let spec: Spec = r#"{"ociVersion": "1.3.0", "root": {"path": "rootfs"}}"#.parse()?;
/// assert_eq!(spec.version(), "1.3.0");
/// assert!(spec.validate().is_valid());
/// assert!("{}".parse::<Spec>().is_err());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(builder_default, access(get, get_mut, set), document)]
pub struct Spec {
    /// REQUIRED: the runtime-spec version the document follows; MUST be
    /// SemVer 2.0.0. The builder defaults it to [`crate::runtime::VERSION`].
    #[json(rename = "ociVersion")]
    #[builder(default = "crate::runtime::VERSION.to_owned()")]
    version: String,
    /// The root filesystem. REQUIRED, except on Windows Hyper-V containers
    /// (`windows.hyperv`), where it MUST NOT be set.
    root: Option<Root>,
    /// OPTIONAL: additional mounts, in order.
    mounts: Option<Vec<Mount>>,
    /// OPTIONAL: the container process (REQUIRED when `start` is called).
    process: Option<Process>,
    /// OPTIONAL: the container's host name.
    hostname: Option<String>,
    /// OPTIONAL: the container's NIS domain name.
    domainname: Option<String>,
    /// OPTIONAL (POSIX): lifecycle hooks.
    hooks: Option<Hooks>,
    /// OPTIONAL: arbitrary metadata; keys MUST NOT be empty, and keys in
    /// `org.opencontainers` MUST be the ones config.md describes.
    annotations: Option<HashMap<String, String>>,
    /// OPTIONAL: Linux-specific configuration.
    linux: Option<Linux>,
    /// Windows-specific configuration; MUST be set when the target platform
    /// is Windows.
    windows: Option<Windows>,
    /// OPTIONAL: Solaris-specific configuration.
    solaris: Option<Solaris>,
    /// OPTIONAL: configuration of virtual-machine-based runtimes.
    vm: Option<VM>,
    /// OPTIONAL: z/OS-specific configuration.
    zos: Option<ZOS>,
    /// OPTIONAL: FreeBSD-specific configuration (new in runtime-spec 1.3.0).
    freebsd: Option<FreeBSD>,
    /// Deprecated (kept for `oci-spec` 0.10's users, which has it
    /// deprecated too): a top-level `uidMappings` has never existed in the
    /// runtime spec; use [`crate::runtime::Linux::uid_mappings`] or
    /// [`crate::runtime::Mount::uid_mappings`]. Read and written back when
    /// a document has it.
    #[json(keep)]
    uid_mappings: Option<Vec<LinuxIdMapping>>,
    /// Deprecated: see `uid_mappings`; use
    /// [`crate::runtime::Linux::gid_mappings`] or
    /// [`crate::runtime::Mount::gid_mappings`].
    #[json(keep)]
    gid_mappings: Option<Vec<LinuxIdMapping>>,
}

impl Spec {
    /// Reads a spec from a JSON file (the `oci-spec` name of [`Spec::from_file`]).
    ///
    /// # Errors
    /// As [`Spec::from_file`]: the file cannot be read, or it does not decode.
    pub fn load<P: AsRef<Path>>(path: P) -> crate::Result<Self> {
        Self::from_file(path)
    }

    /// Writes the spec to a file as pretty JSON, creating or truncating it.
    ///
    /// # Errors
    /// As [`Spec::to_file_pretty`]: the file cannot be written.
    pub fn save<P: AsRef<Path>>(&self, path: P) -> crate::Result<()> {
        self.to_file_pretty(path)
    }

    /// Replaces `root.path` by its canonical absolute path, resolving a
    /// relative path against `bundle`. This reads the filesystem.
    ///
    /// # Errors
    /// As `oci-spec`: [`crate::OciSpecError::Builder`] naming `root` when
    /// the spec has no root; [`crate::OciSpecError::Io`] naming the path
    /// when it cannot be resolved.
    pub fn canonicalize_rootfs<P: AsRef<Path>>(&mut self, bundle: P) -> crate::Result<()> {
        Ok(self.canonicalize_rootfs_model(bundle.as_ref())?)
    }

    fn canonicalize_rootfs_model(&mut self, bundle: &Path) -> crate::ModelResult<()> {
        let root = self
            .root
            .as_mut()
            .ok_or_else(|| ModelError::Builder(BuildError::missing("Spec", "root")))?;
        let path = if root.path().is_absolute() {
            root.path().clone()
        } else {
            canonicalize(bundle)?.join(root.path())
        };
        root.set_path(canonicalize(&path)?);
        Ok(())
    }

    /// A spec with `ociVersion` set to `version` and nothing else.
    pub(crate) fn with_version(version: &str) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            version: version.to_owned(),
            root: None,
            mounts: None,
            process: None,
            hostname: None,
            domainname: None,
            hooks: None,
            annotations: None,
            linux: None,
            windows: None,
            solaris: None,
            vm: None,
            zos: None,
            freebsd: None,
            uid_mappings: None,
            gid_mappings: None,
        }
    }

    /// True when the container is a Windows one: a `windows` section and
    /// no `linux` one. A spec with both is a Linux container on Windows
    /// (LCOW: hcsshim runs it in a Hyper-V utility VM that `windows`
    /// configures): its process, root and mounts are Linux ones (config.md,
    /// "Platform-specific configuration": `linux` MUST be set when the
    /// target platform is linux), so the Windows-container rules (volume
    /// GUID root, no nested mount destinations, `commandLine`) do not apply
    /// to them; the `windows` section itself is still checked.
    fn is_windows(&self) -> bool {
        self.windows.is_some() && self.linux.is_none()
    }

    /// True when the spec names a platform other than Linux and no `linux`
    /// section, so that mount destinations MUST be absolute.
    fn is_non_linux(&self) -> bool {
        self.linux.is_none()
            && (self.windows.is_some()
                || self.solaris.is_some()
                || self.zos.is_some()
                || self.freebsd.is_some())
    }

    fn check_root(&self, c: &mut Checker) {
        let hyperv = self.windows.as_ref().is_some_and(|w| w.hyperv().is_some());
        match (&self.root, hyperv) {
            (None, false) => c.report(&rules::ROOT_REQUIRED, "root is missing"),
            (Some(_), true) => c.report_at(
                "root",
                &rules::ROOT_WITH_HYPERV,
                "root is set although windows.hyperv is set",
            ),
            (Some(root), false) if self.is_windows() => c.field("root", |c| {
                let p = root.path().to_string_lossy();
                if !rules::is_volume_guid_path(&p) {
                    c.report_at(
                        "path",
                        &rules::WINDOWS_ROOT_PATH,
                        format!("root path {} is not a volume guid path", quote(&p)),
                    );
                }
                if root.readonly() == Some(true) {
                    c.report_at(
                        "readonly",
                        &rules::WINDOWS_ROOT_READONLY,
                        "root.readonly is true on windows",
                    );
                }
            }),
            _ => {}
        }
    }

    fn check_mounts(&self, c: &mut Checker, mounts: &[Mount]) {
        let non_linux = self.is_non_linux();
        let windows = self.is_windows();
        c.check_each("mounts", mounts);
        c.field("mounts", |c| {
            for (i, m) in mounts.iter().enumerate() {
                let dest = m.destination().to_string_lossy();
                if !rules::is_absolute(&dest) {
                    c.index(i, |c| {
                        let msg = format!("mount destination {} is not absolute", quote(&dest));
                        c.field("destination", |c| {
                            if non_linux {
                                c.report(&rules::MOUNT_DESTINATION_ABSOLUTE, msg);
                            } else {
                                c.report_as(
                                    &rules::MOUNT_DESTINATION_ABSOLUTE,
                                    crate::Severity::Warning,
                                    format!("{msg} (deprecated on linux)"),
                                );
                            }
                        });
                    });
                }
                if windows {
                    let me = windows_key(&dest);
                    let parent = mounts.iter().enumerate().find(|&(j, o)| {
                        j != i && {
                            let other = windows_key(&o.destination().to_string_lossy());
                            me.len() > other.len()
                                && me.starts_with(&other)
                                && (other.ends_with('\\') || me.as_bytes()[other.len()] == b'\\')
                        }
                    });
                    if let Some((j, _)) = parent {
                        c.index(i, |c| {
                            c.report_at(
                                "destination",
                                &rules::WINDOWS_MOUNT_NESTED,
                                format!(
                                    "mount destination {} is nested in mounts[{j}]",
                                    quote(&dest)
                                ),
                            );
                        });
                    }
                }
            }
        });
    }
}

/// A Windows path compared case-insensitively with `\` separators.
fn windows_key(p: &str) -> String {
    p.replace('/', "\\").to_ascii_lowercase()
}

fn canonicalize(path: &Path) -> crate::ModelResult<PathBuf> {
    fs::canonicalize(path).map_err(|source| ModelError::File {
        path: path.to_path_buf(),
        source,
    })
}

impl Validate for Spec {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &crate::runtime::rules::REQUIRED_MEMBER_ABSENT,
            &[],
        );

        if !rules::is_semver(&self.version) {
            c.report_at(
                "ociVersion",
                &rules::OCI_VERSION,
                format!(
                    "ociVersion {} is not a semver 2.0.0 version",
                    quote(&self.version)
                ),
            );
        }
        self.check_root(c);
        if let Some(mounts) = &self.mounts {
            self.check_mounts(c, mounts);
        }
        if let Some(process) = &self.process {
            c.field("process", |c| {
                process.check(c);
                process.check_platform(c, self.is_windows());
            });
        }
        c.check_opt("hooks", self.hooks.as_ref());
        if let Some(a) = &self.annotations {
            rules::check_annotations(c, a);
        }
        crate::runtime::rules_linux::check_namespaces_needed(c, self);
        c.check_opt("linux", self.linux.as_ref());
        c.check_opt("windows", self.windows.as_ref());
        c.check_opt("vm", self.vm.as_ref());
        c.check_opt("zos", self.zos.as_ref());
        c.check_opt("freebsd", self.freebsd.as_ref());
    }
}
