//! `root` and `mounts` of `config.json`: [runtime-spec v1.3.0, config.md "Root"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#root)
//! and [config.md, Mounts](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#mounts),
//! plus the mount lists of the presets.

use std::path::PathBuf;

use crate::runtime::LinuxIdMapping;
use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate};

/// The container's root filesystem (`root`).
///
/// REQUIRED on every platform except Windows Hyper-V containers, where it
/// MUST NOT be set.
#[spec_struct(builder_default, access(get, get_mut, set))]
pub struct Root {
    /// REQUIRED: the path to the root filesystem. POSIX: absolute or relative
    /// to the bundle (SHOULD be `rootfs`); Windows: a volume GUID path.
    path: PathBuf,
    /// OPTIONAL: a read-only root filesystem (default false; on Windows it
    /// MUST be omitted or false).
    readonly: Option<bool>,
}

impl Root {
    /// A root at `path` with `readonly` left out.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            path: path.into(),
            readonly: None,
        }
    }
}

/// One mount (`mounts[]`), in the order the runtime mounts them.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct Mount {
    /// REQUIRED: the path inside the container. MUST be absolute except on
    /// Linux, where it SHOULD be (relative is deprecated).
    destination: PathBuf,
    /// OPTIONAL (POSIX): the filesystem type.
    #[json(rename = "type")]
    typ: Option<String>,
    /// OPTIONAL: a device name, file or directory, or a dummy value.
    source: Option<PathBuf>,
    /// OPTIONAL: mount options (unknown ones are allowed).
    options: Option<Vec<String>>,
    /// OPTIONAL (Linux): UID mappings of an ID-mapped mount; MUST come with
    /// `gidMappings`.
    #[json(keep)]
    uid_mappings: Option<Vec<LinuxIdMapping>>,
    /// OPTIONAL (Linux): GID mappings of an ID-mapped mount; MUST come with
    /// `uidMappings`.
    #[json(keep)]
    gid_mappings: Option<Vec<LinuxIdMapping>>,
}

impl Validate for Mount {
    /// The platform-independent rules; [`crate::runtime::Spec`] checks the
    /// destination, whose rule depends on the platform.
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &crate::runtime::rules::REQUIRED_MEMBER_ABSENT,
            &[],
        );
        match (&self.uid_mappings, &self.gid_mappings) {
            (Some(_), None) => c.report_at(
                "uidMappings",
                &rules::MOUNT_ID_MAPPINGS,
                "uidMappings is set without gidMappings",
            ),
            (None, Some(_)) => c.report_at(
                "gidMappings",
                &rules::MOUNT_ID_MAPPINGS,
                "gidMappings is set without uidMappings",
            ),
            _ => {}
        }
        // An id-mapped mount's mappings go to the kernel as a user
        // namespace's do.
        crate::runtime::rules_linux::check_id_mappings(
            c,
            "uidMappings",
            self.uid_mappings.as_deref(),
        );
        crate::runtime::rules_linux::check_id_mappings(
            c,
            "gidMappings",
            self.gid_mappings.as_deref(),
        );
    }
}

fn mount(destination: &str, typ: &str, source: &str, options: &[&str]) -> Mount {
    Mount {
        rest: crate::json::spec::fresh(),
        destination: destination.into(),
        typ: Some(typ.to_owned()),
        source: Some(source.into()),
        options: if options.is_empty() {
            None
        } else {
            Some(options.iter().map(|&o| o.to_owned()).collect())
        },
        uid_mappings: None,
        gid_mappings: None,
    }
}

/// The mounts of the runc-style default spec
/// ([`crate::runtime::Spec::runc_default`]): `/proc` (proc), `/dev` (tmpfs),
/// `/dev/pts` (devpts, `gid=5`), `/dev/shm` (tmpfs), `/dev/mqueue` (mqueue),
/// `/sys` (sysfs, read-only) and `/sys/fs/cgroup` (cgroup, read-only).
pub fn get_default_mounts() -> Vec<Mount> {
    vec![
        mount("/proc", "proc", "proc", &[]),
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        ),
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &[
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                "gid=5",
            ],
        ),
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        ),
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        ),
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", "ro"],
        ),
        mount(
            "/sys/fs/cgroup",
            "cgroup",
            "cgroup",
            &["nosuid", "noexec", "nodev", "relatime", "ro"],
        ),
    ]
}

/// The mounts of the rootless preset ([`crate::runtime::Spec::rootless`]):
/// [`get_default_mounts`] without `gid=5` on `/dev/pts` (an unprivileged
/// user namespace has no group 5), and `/sys` bind-mounted from the host
/// (`rbind`, type `none`) because sysfs cannot be mounted without the network
/// namespace's owner.
pub fn get_rootless_mounts() -> Vec<Mount> {
    let mut mounts = get_default_mounts();
    for m in &mut mounts {
        if m.destination.as_os_str() == "/dev/pts" {
            if let Some(opts) = &mut m.options {
                opts.retain(|o| o != "gid=5");
            }
        } else if m.destination.as_os_str() == "/sys" {
            m.typ = Some("none".to_owned());
            m.source = Some("/sys".into());
            if let Some(opts) = &mut m.options {
                opts.push("rbind".to_owned());
            }
        }
    }
    mounts
}
