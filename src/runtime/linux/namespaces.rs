//! Namespaces, user-namespace id mappings and time-namespace offsets:
//! [runtime-spec v1.3.0, config-linux.md "Namespaces"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#namespaces),
//! [User namespace mappings](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#user-namespace-mappings)
//! and [Offset for Time Namespace](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#offset-for-time-namespace).

use std::path::PathBuf;

use super::is_absolute;
use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

closed_enum! {
    /// A Linux namespace type, as written in `namespaces[].type` and in
    /// `features.json`. As in `oci-spec`: JSON uses the spec's names
    /// (`network`, `mount`), `Display` the `/proc/<pid>/ns/` names (`net`,
    /// `mnt`), `TryFrom<&str>` takes both, the discriminant is the
    /// `CLONE_NEW*` flag of clone(2), and the default is `pid`. An unknown
    /// type is kept by the namespace entry and written back (validation
    /// warns).
    pub enum LinuxNamespaceType [default = Pid] (parse = none) {
        /// Mount points.
        Mount [0x0002_0000] = "mount", "mnt",
        /// The cgroup hierarchy.
        Cgroup [0x0200_0000] = "cgroup", "cgroup",
        /// Hostname and NIS domain name.
        Uts [0x0400_0000] = "uts", "uts",
        /// System V IPC and POSIX message queues.
        Ipc [0x0800_0000] = "ipc", "ipc",
        /// User and group ids.
        User [0x1000_0000] = "user", "user",
        /// Process ids.
        Pid [0x2000_0000] = "pid", "pid",
        /// Network devices, stacks and ports.
        Network [0x4000_0000] = "network", "net",
        /// Clocks (Linux 5.6).
        Time [0x0000_0080] = "time", "time",
    }
}

impl LinuxNamespaceType {
    /// The `CLONE_NEW*` flag of clone(2) (`CLONE_NEWNET` for `network`,
    /// ...): the discriminant, as `typ as i32` gives it.
    pub fn clone_flag(&self) -> i32 {
        *self as i32
    }

    /// The name of the namespace file under `/proc/<pid>/ns/` (`net` for
    /// `network`, `mnt` for `mount`): what `Display` prints.
    pub fn proc_name(&self) -> &'static str {
        self.display_str()
    }

    /// Parses a JSON name or a `/proc/<pid>/ns/` name (`net`, `mnt`), as
    /// `TryFrom<&str>` does; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::from_json_exact(name).or_else(|| Self::from_display(name))
    }
}

impl TryFrom<&str> for LinuxNamespaceType {
    type Error = crate::OciSpecError;

    /// Takes the JSON names and the `/proc/<pid>/ns/` names (`mnt`,
    /// `mount`, `net`, `network`, ...), as `oci-spec` does; anything else
    /// is an [`crate::OciSpecError::Other`] quoting it.
    fn try_from(namespace: &str) -> Result<Self, Self::Error> {
        Self::from_name(namespace).ok_or_else(|| {
            crate::OciSpecError::Other(format!(
                "unknown namespace {}, could not convert: expected mnt, mount, cgroup, uts, ipc, user, pid, net, network or time",
                quote(namespace)
            ))
        })
    }
}

impl std::str::FromStr for LinuxNamespaceType {
    type Err = crate::OciSpecError;

    /// The same as `TryFrom<&str>`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s)
    }
}

/// One entry of `linux.namespaces`: a namespace to create, or to join when
/// `path` is set.
#[spec_struct(default, builder_default, access(get_copy, get_mut, set))]
pub struct LinuxNamespace {
    /// REQUIRED: the namespace type. MUST NOT appear twice in one list.
    #[json(rename = "type", keep)]
    typ: LinuxNamespaceType,

    /// OPTIONAL: a namespace file to join; MUST be an absolute path.
    #[access(get, get_mut, set)]
    path: Option<PathBuf>,
}

impl LinuxNamespace {
    /// The type was read from the document or set (not an unknown type
    /// kept beside the entry).
    pub(crate) fn known_type(&self) -> bool {
        !crate::json::spec::stands_in(&self.rest, "type", self.typ)
    }

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
        crate::json::spec::report_unknown_values(c, &self.rest, |_, _| {
            Some((&rules::NAMESPACE_TYPE_UNKNOWN, "namespace type"))
        });
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
#[spec_struct(default, copy, hash, builder_default, access(get, get_mut, set))]
pub struct LinuxIdMapping {
    /// REQUIRED: the first id in the container.
    #[json(rename = "containerID")]
    #[json(default, omit_absent)]
    container_id: u32,

    /// REQUIRED: the first id on the host, mapped to `containerID`.
    #[json(rename = "hostID")]
    #[json(default, omit_absent)]
    host_id: u32,

    /// REQUIRED: how many ids are mapped.
    #[json(default, omit_absent)]
    size: u32,
}

impl LinuxIdMapping {
    /// A mapping of `size` ids from `container_id` to `host_id`.
    pub fn new(container_id: u32, host_id: u32, size: u32) -> Self {
        Self {
            container_id,
            host_id,
            size,
        }
    }
}

/// The offset of one clock in the container's time namespace (a value of
/// `linux.timeOffsets`). Not `Copy`, as in `oci-spec`: it keeps its own
/// unknown members.
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct LinuxTimeOffset {
    /// OPTIONAL: the offset in seconds.
    secs: Option<i64>,

    /// OPTIONAL: the additional offset in nanoseconds.
    nanosecs: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_types_round_trip_and_unknown_is_kept() {
        for t in LinuxNamespaceType::ALL {
            let j = serde_json::to_string(t).unwrap();
            assert_eq!(&serde_json::from_str::<LinuxNamespaceType>(&j).unwrap(), t);
            assert_eq!(t.clone_flag(), *t as i32);
            let proc = t.proc_name();
            assert_eq!(LinuxNamespaceType::from_name(proc).as_ref(), Some(t));
            assert_eq!(LinuxNamespaceType::try_from(proc).unwrap(), *t);
        }
        assert_eq!(LinuxNamespaceType::Network.to_string(), "net");
        assert!(LinuxNamespaceType::try_from("fancy").is_err());
        let n: LinuxNamespace = serde_json::from_str(r#"{"type":"fancy"}"#).unwrap();
        assert_eq!(n.typ(), LinuxNamespaceType::Pid);
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"{"type":"fancy"}"#);
        assert!(n.validate().is_valid());
        assert!(n.validate().has_rule("linux-namespace-type-unknown"));
    }

    #[test]
    fn id_mapping_fields_read_as_in_oci_spec() {
        // A missing member reads as 0, as in oci-spec (the struct holding
        // the mapping remembers it, and validate() reports it).
        let m = serde_json::from_str::<LinuxIdMapping>(r#"{"containerID":0,"hostID":1}"#).unwrap();
        assert_eq!(m.size(), 0);
        // The builder starts from `Default` (all 0), as oci-spec's does.
        let m = LinuxIdMappingBuilder::default()
            .host_id(1u32)
            .build()
            .unwrap();
        assert_eq!((m.container_id(), m.host_id(), m.size()), (0, 1, 0));
    }
}
