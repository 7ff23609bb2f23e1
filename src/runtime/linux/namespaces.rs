//! Namespaces, user-namespace id mappings and time-namespace offsets:
//! [runtime-spec v1.3.0, config-linux.md "Namespaces"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#namespaces),
//! [User namespace mappings](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#user-namespace-mappings)
//! and [Offset for Time Namespace](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#offset-for-time-namespace).

use std::path::PathBuf;

use super::is_absolute;
use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

open_enum! {
    /// A Linux namespace type, as written in `namespaces[].type` and in
    /// `features.json`. An unknown type parses into `Other` (validation
    /// warns).
    ///
    /// Unlike `oci-spec`, the one string form is the JSON one (`network`,
    /// `mount`), also for `Display`; the type is not `Copy`.
    pub enum LinuxNamespaceType {
        /// Process ids.
        Pid = "pid",
        /// Network devices, stacks and ports.
        Network = "network",
        /// Mount points.
        Mount = "mount",
        /// System V IPC and POSIX message queues.
        Ipc = "ipc",
        /// Hostname and NIS domain name.
        Uts = "uts",
        /// User and group ids.
        User = "user",
        /// The cgroup hierarchy.
        Cgroup = "cgroup",
        /// Clocks (Linux 5.6).
        Time = "time",
    }
}

/// `pid`, as in `oci-spec`.
impl Default for LinuxNamespaceType {
    fn default() -> Self {
        Self::Pid
    }
}

impl LinuxNamespaceType {
    /// The `CLONE_NEW*` flag of clone(2) for a known type (`CLONE_NEWNET`
    /// for `network`, ...); `None` for an unknown type.
    pub fn clone_flag(&self) -> Option<i32> {
        Some(match self {
            Self::Mount => 0x0002_0000,
            Self::Cgroup => 0x0200_0000,
            Self::Uts => 0x0400_0000,
            Self::Ipc => 0x0800_0000,
            Self::User => 0x1000_0000,
            Self::Pid => 0x2000_0000,
            Self::Network => 0x4000_0000,
            Self::Time => 0x0000_0080,
            Self::Other(s) => return Self::from_known(s).and_then(|k| k.clone_flag()),
        })
    }

    /// The name of the namespace file under `/proc/<pid>/ns/` for a known
    /// type (`net` for `network`, `mnt` for `mount`; what `oci-spec`'s
    /// `Display` printed); `None` for an unknown type.
    pub fn proc_name(&self) -> Option<&'static str> {
        Some(match Self::from_known(self.as_str())? {
            Self::Mount => "mnt",
            Self::Network => "net",
            Self::Cgroup => "cgroup",
            Self::Uts => "uts",
            Self::Ipc => "ipc",
            Self::User => "user",
            Self::Pid => "pid",
            Self::Time => "time",
            Self::Other(_) => return None,
        })
    }

    /// Parses a JSON name or a `/proc/<pid>/ns/` name (`net`, `mnt`), as
    /// `oci-spec`'s `TryFrom<&str>` did; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "mnt" => Some(Self::Mount),
            "net" => Some(Self::Network),
            other => Self::from_known(other),
        }
    }
}

/// One entry of `linux.namespaces`: a namespace to create, or to join when
/// `path` is set.
#[spec_struct(default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct LinuxNamespace {
    /// REQUIRED: the namespace type. MUST NOT appear twice in one list.
    #[json(rename = "type")]
    typ: LinuxNamespaceType,

    /// OPTIONAL: a namespace file to join; MUST be an absolute path.
    path: Option<PathBuf>,
}

impl_builder!(LinuxNamespaceBuilder => LinuxNamespace);

impl LinuxNamespace {
    /// A namespace of type `typ` to create (no `path`).
    pub fn new(typ: LinuxNamespaceType) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            typ,
            path: None,
        }
    }
}

impl Validate for LinuxNamespace {
    fn check(&self, c: &mut Checker) {
        if self.typ.is_other() {
            c.report_at(
                "type",
                &rules::NAMESPACE_TYPE_UNKNOWN,
                format!(
                    "namespace type {} is not one this crate knows",
                    quote(self.typ.as_str())
                ),
            );
        }
        if let Some(p) = &self.path {
            if !is_absolute(p) {
                c.report_at(
                    "path",
                    &rules::NAMESPACE_PATH_ABSOLUTE,
                    format!(
                        "namespace path {} is not absolute",
                        quote(&p.to_string_lossy())
                    ),
                );
            }
        }
    }
}

/// The namespaces of runc's default spec: pid, network, ipc, uts, mount and
/// cgroup, all created new.
pub fn get_default_namespaces() -> Vec<LinuxNamespace> {
    [
        LinuxNamespaceType::Pid,
        LinuxNamespaceType::Network,
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Mount,
        LinuxNamespaceType::Cgroup,
    ]
    .into_iter()
    .map(LinuxNamespace::new)
    .collect()
}

/// One entry of `uidMappings` or `gidMappings`: `size` ids starting at
/// `containerID` in the container map to ids starting at `hostID`.
#[spec_struct(default, copy, hash, builder_default)]
#[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
pub struct LinuxIdMapping {
    /// REQUIRED: the first id in the container.
    #[json(rename = "containerID")]
    container_id: u32,

    /// REQUIRED: the first id on the host, mapped to `containerID`.
    #[json(rename = "hostID")]
    host_id: u32,

    /// REQUIRED: how many ids are mapped.
    size: u32,
}

impl_builder!(LinuxIdMappingBuilder => LinuxIdMapping);

impl LinuxIdMapping {
    /// A mapping of `size` ids from `container_id` to `host_id`.
    pub fn new(container_id: u32, host_id: u32, size: u32) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            container_id,
            host_id,
            size,
        }
    }
}

/// The offset of one clock in the container's time namespace (a value of
/// `linux.timeOffsets`).
#[spec_struct(default, copy, hash, builder_default)]
#[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
pub struct LinuxTimeOffset {
    /// OPTIONAL: the offset in seconds.
    secs: Option<i64>,

    /// OPTIONAL: the additional offset in nanoseconds.
    nanosecs: Option<u32>,
}

impl_builder!(LinuxTimeOffsetBuilder => LinuxTimeOffset);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_types_round_trip_and_unknown_is_kept() {
        for t in LinuxNamespaceType::KNOWN {
            let j = serde_json::to_string(t).unwrap();
            assert_eq!(&serde_json::from_str::<LinuxNamespaceType>(&j).unwrap(), t);
            assert!(t.clone_flag().is_some());
            let proc = t.proc_name().unwrap();
            assert_eq!(LinuxNamespaceType::from_name(proc).as_ref(), Some(t));
        }
        let n: LinuxNamespace = serde_json::from_str(r#"{"type":"fancy"}"#).unwrap();
        assert!(n.typ().is_other());
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"{"type":"fancy"}"#);
        assert!(n.validate().is_valid());
        assert!(n.validate().has_rule("linux-namespace-type-unknown"));
    }

    #[test]
    fn id_mapping_fields_are_required() {
        let e = serde_json::from_str::<LinuxIdMapping>(r#"{"containerID":0,"hostID":1}"#);
        assert!(e.is_err());
        // The builder starts from `Default` (all 0), as oci-spec's does.
        let m = LinuxIdMappingBuilder::default()
            .host_id(1u32)
            .build()
            .unwrap();
        assert_eq!((m.container_id(), m.host_id(), m.size()), (0, 1, 0));
    }
}
