//! Linux-specific configuration, the `linux` object of `config.json`:
//! [runtime-spec v1.3.0, config-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md).
//!
//! The parts live in submodules and are re-exported here: namespaces, id
//! mappings and time offsets ([`namespaces`]), devices ([`devices`]),
//! cgroup resources ([`resources`], block IO in [`block_io`]), seccomp ([`seccomp`]) and Intel RDT,
//! memory policy and personality ([`policy`]).

use std::collections::BTreeSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

#[cfg(feature = "proptests")]
mod arbitrary;
mod block_io;
mod devices;
mod namespaces;
mod policy;
mod resources;
mod seccomp;

pub use block_io::{
    LinuxBlockIo, LinuxBlockIoBuilder, LinuxThrottleDevice, LinuxThrottleDeviceBuilder,
    LinuxWeightDevice, LinuxWeightDeviceBuilder,
};
pub use devices::{
    LinuxDevice, LinuxDeviceBuilder, LinuxDeviceType, LinuxNetDevice, LinuxNetDeviceBuilder,
};
pub use namespaces::{
    LinuxIdMapping, LinuxIdMappingBuilder, LinuxNamespace, LinuxNamespaceBuilder,
    LinuxNamespaceType, LinuxTimeOffset, LinuxTimeOffsetBuilder, get_default_namespaces,
};
pub use policy::{
    LinuxIntelRdt, LinuxIntelRdtBuilder, LinuxMemoryPolicy, LinuxMemoryPolicyBuilder,
    LinuxPersonality, LinuxPersonalityBuilder, LinuxPersonalityDomain, MemoryPolicyFlagType,
    MemoryPolicyModeType,
};
pub use resources::{
    LinuxCpu, LinuxCpuBuilder, LinuxDeviceCgroup, LinuxDeviceCgroupBuilder, LinuxHugepageLimit,
    LinuxHugepageLimitBuilder, LinuxInterfacePriority, LinuxInterfacePriorityBuilder, LinuxMemory,
    LinuxMemoryBuilder, LinuxNetwork, LinuxNetworkBuilder, LinuxPids, LinuxPidsBuilder, LinuxRdma,
    LinuxRdmaBuilder, LinuxResources, LinuxResourcesBuilder,
};
pub use seccomp::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompArgBuilder,
    LinuxSeccompBuilder, LinuxSeccompFilterFlag, LinuxSeccompOperator, LinuxSyscall,
    LinuxSyscallBuilder,
};

/// The values `rootfsPropagation` may take.
pub const ROOTFS_PROPAGATION_VALUES: &[&str] = &["shared", "slave", "private", "unbindable"];

/// The `linux` object of `config.json`: namespaces, id mappings, devices,
/// cgroup resources, seccomp and the other Linux-only settings. Every
/// member is OPTIONAL.
///
/// `Linux::default()` is NOT empty: like `oci-spec`'s, it carries the
/// runc-style defaults that presets build on — the namespaces of
/// [`get_default_namespaces`], the masked paths of
/// [`get_default_maskedpaths`], the read-only paths of
/// [`get_default_readonly_paths`] and `resources` with an empty device
/// list. It reads nothing from the host. Use [`Linux::empty`] (or
/// `LinuxBuilder::default().build()`) for an object with no member set.
///
/// ```
/// use oci_model::runtime::{Linux, LinuxNamespaceType};
///
/// let linux: Linux = serde_json::from_str(r#"{"namespaces":[{"type":"pid"}]}"#).unwrap();
/// assert_eq!(linux.namespaces().as_ref().unwrap()[0].typ(), LinuxNamespaceType::Pid);
/// assert!(oci_model::Validate::validate(&linux).is_clean());
/// ```
#[spec_struct(json = "camelCase", builder_default, access(get, get_mut, set))]
pub struct Linux {
    /// OPTIONAL: user namespace uid mappings from the host to the container.
    #[json(keep)]
    uid_mappings: Option<Vec<LinuxIdMapping>>,

    /// OPTIONAL: user namespace gid mappings from the host to the container.
    #[json(keep)]
    gid_mappings: Option<Vec<LinuxIdMapping>>,

    /// OPTIONAL: kernel parameters (`sysctl` names to values) set for the
    /// container; sorted by name.
    sysctl: Option<HashMap<String, String>>,

    /// OPTIONAL: cgroup resource limits.
    resources: Option<LinuxResources>,

    /// OPTIONAL: the cgroups path, absolute or relative (to the cgroups
    /// mount point, or runtime-defined).
    cgroups_path: Option<PathBuf>,

    /// OPTIONAL: namespaces to create or join. Each `path` MUST be absolute;
    /// a `type` MUST NOT appear twice.
    namespaces: Option<Vec<LinuxNamespace>>,

    /// OPTIONAL: device nodes that MUST be available in the container.
    devices: Option<Vec<LinuxDevice>>,

    /// OPTIONAL: network devices moved into the container's network
    /// namespace, keyed by their name on the host; sorted by name.
    net_devices: Option<HashMap<String, LinuxNetDevice>>,

    /// OPTIONAL: the seccomp filter.
    seccomp: Option<LinuxSeccomp>,

    /// OPTIONAL: the rootfs mount propagation, one of
    /// [`ROOTFS_PROPAGATION_VALUES`].
    rootfs_propagation: Option<String>,

    /// OPTIONAL: paths masked in the container; each MUST be absolute.
    masked_paths: Option<Vec<String>>,

    /// OPTIONAL: paths made read-only in the container; each MUST be absolute.
    readonly_paths: Option<Vec<String>>,

    /// OPTIONAL: the SELinux context of the container's mounts.
    mount_label: Option<String>,

    /// OPTIONAL: Intel Resource Director Technology settings.
    intel_rdt: Option<LinuxIntelRdt>,

    /// OPTIONAL: the NUMA memory policy (set_mempolicy(2)).
    memory_policy: Option<LinuxMemoryPolicy>,

    /// OPTIONAL: the execution domain (personality(2)).
    personality: Option<LinuxPersonality>,

    /// OPTIONAL: clock offsets of the time namespace, keyed by clock name
    /// (`boottime`, `monotonic`); sorted by name.
    time_offsets: Option<HashMap<String, LinuxTimeOffset>>,
}

/// The runc-style defaults, as `oci-spec` has them (see the type docs).
impl Default for Linux {
    fn default() -> Self {
        Self {
            resources: Some(
                LinuxResourcesBuilder::default()
                    .devices(Vec::new())
                    .build()
                    .unwrap_or_default(),
            ),
            namespaces: Some(get_default_namespaces()),
            masked_paths: Some(get_default_maskedpaths()),
            readonly_paths: Some(get_default_readonly_paths()),
            ..Self::empty()
        }
    }
}

impl Linux {
    /// A `linux` object with no member set (`{}`).
    pub fn empty() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            uid_mappings: None,
            gid_mappings: None,
            sysctl: None,
            resources: None,
            cgroups_path: None,
            namespaces: None,
            devices: None,
            net_devices: None,
            seccomp: None,
            rootfs_propagation: None,
            masked_paths: None,
            readonly_paths: None,
            mount_label: None,
            intel_rdt: None,
            memory_policy: None,
            personality: None,
            time_offsets: None,
        }
    }

    /// The rootless preset of `oci-spec`: the defaults without `resources`
    /// and without the network namespace, plus a user namespace mapping
    /// container id 0 to `uid`/`gid` on the host (one id each).
    pub fn rootless(uid: u32, gid: u32) -> Self {
        let mut namespaces: Vec<LinuxNamespace> = get_default_namespaces()
            .into_iter()
            .filter(|ns| ns.typ() != LinuxNamespaceType::Network)
            .collect();
        namespaces.push(LinuxNamespace::new(LinuxNamespaceType::User));
        Self {
            resources: None,
            uid_mappings: Some(vec![LinuxIdMapping::new(0, uid, 1)]),
            gid_mappings: Some(vec![LinuxIdMapping::new(0, gid, 1)]),
            namespaces: Some(namespaces),
            ..Self::default()
        }
    }
}

/// The paths runc masks by default (`/proc/acpi`, `/proc/kcore`, ...).
pub fn get_default_maskedpaths() -> Vec<String> {
    [
        "/proc/acpi",
        "/proc/asound",
        "/proc/kcore",
        "/proc/keys",
        "/proc/latency_stats",
        "/proc/timer_list",
        "/proc/timer_stats",
        "/proc/sched_debug",
        "/sys/firmware",
        "/proc/scsi",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// The paths runc makes read-only by default (`/proc/sys`, ...).
pub fn get_default_readonly_paths() -> Vec<String> {
    [
        "/proc/bus",
        "/proc/fs",
        "/proc/irq",
        "/proc/sys",
        "/proc/sysrq-trigger",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// True when `p` starts with `/` (the runtime's mount namespace is Linux,
/// whatever the host running the check).
pub(crate) fn is_absolute(p: &Path) -> bool {
    p.as_os_str().as_encoded_bytes().first() == Some(&b'/')
}

/// Reports `rule` at the current path when `s` is not a list such as `0-3,7`.
pub(crate) fn check_cpu_list(c: &mut Checker, what: &str, s: &str) {
    if !is_cpu_list(s) {
        c.report(
            &rules::CPU_LIST,
            format!(
                "{what} {} is not a list of numbers and ranges such as \"0-3,7\"",
                quote(s)
            ),
        );
    }
}

/// A comma-separated list of decimal numbers or `a-b` ranges with `a <= b`.
pub(crate) fn is_cpu_list(s: &str) -> bool {
    fn num(t: &str) -> Option<u64> {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    }
    !s.is_empty()
        && s.split(',').all(|part| match part.split_once('-') {
            Some((a, b)) => matches!((num(a), num(b)), (Some(a), Some(b)) if a <= b),
            None => num(part).is_some(),
        })
}

impl Validate for Linux {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &crate::runtime::rules::REQUIRED_MEMBER_ABSENT,
            &[],
        );

        if let Some(r) = &self.resources {
            c.check_field("resources", r);
        }
        if let Some(ns) = &self.namespaces {
            c.field("namespaces", |c| {
                let mut seen = BTreeSet::new();
                for (i, n) in ns.iter().enumerate() {
                    c.index(i, |c| {
                        n.check(c);
                        // An unknown type (kept beside the entry) is not
                        // compared: the entry's typed value is a stand-in.
                        if n.known_type() && !seen.insert(n.typ().as_str()) {
                            c.report_at(
                                "type",
                                &rules::NAMESPACE_DUPLICATE,
                                format!(
                                    "namespace type {} is listed twice",
                                    quote(n.typ().as_str())
                                ),
                            );
                        }
                    });
                }
            });
        }
        if let Some(devs) = &self.devices {
            c.field("devices", |c| {
                let mut seen = BTreeSet::new();
                for (i, d) in devs.iter().enumerate() {
                    c.index(i, |c| {
                        d.check(c);
                        if let (Some(ma), Some(mi)) = (d.major_option(), d.minor_option()) {
                            if !seen.insert((d.typ(), ma, mi)) {
                                c.report(
                                    &rules::DEVICE_DUPLICATE,
                                    format!(
                                        "device {} {ma}:{mi} is listed twice",
                                        quote(d.typ().as_str())
                                    ),
                                );
                            }
                        }
                    });
                }
            });
        }
        if let Some(s) = &self.seccomp {
            c.check_field("seccomp", s);
        }
        if let Some(p) = &self.rootfs_propagation {
            if !ROOTFS_PROPAGATION_VALUES.contains(&p.as_str()) {
                c.report_at(
                    "rootfsPropagation",
                    &rules::ROOTFS_PROPAGATION,
                    format!(
                        "rootfsPropagation {} is not one of shared, slave, private, unbindable",
                        quote(p)
                    ),
                );
            }
        }
        check_abs_list(
            c,
            "maskedPaths",
            self.masked_paths.as_deref(),
            &rules::MASKED_PATH_ABSOLUTE,
        );
        check_abs_list(
            c,
            "readonlyPaths",
            self.readonly_paths.as_deref(),
            &rules::READONLY_PATH_ABSOLUTE,
        );
        if let Some(r) = &self.intel_rdt {
            c.check_field("intelRdt", r);
        }
        if let Some(m) = &self.memory_policy {
            c.check_field("memoryPolicy", m);
        }
        if let Some(p) = &self.personality {
            c.check_field("personality", p);
        }
        if let Some(offsets) = &self.time_offsets {
            let mut clocks: Vec<&String> = offsets.keys().collect();
            clocks.sort_unstable();
            c.field("timeOffsets", |c| {
                for clock in clocks {
                    if clock != "boottime" && clock != "monotonic" {
                        c.key(clock, |c| {
                            c.report(
                                &rules::TIME_OFFSET_CLOCK,
                                format!("clock {} is not boottime or monotonic", quote(clock)),
                            );
                        });
                    }
                }
            });
        }
        rules::check_linux_values(c, self);
    }
}

fn check_abs_list(
    c: &mut Checker,
    name: &'static str,
    paths: Option<&[String]>,
    rule: &'static crate::validate::Rule,
) {
    let Some(paths) = paths else { return };
    c.field(name, |c| {
        for (i, p) in paths.iter().enumerate() {
            if !p.starts_with('/') {
                c.index(i, |c| {
                    c.report(rule, format!("path {} is not absolute", quote(p)));
                });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_lists() {
        for ok in ["0", "0-3", "0-3,7", "1,2,3", "0-0"] {
            assert!(is_cpu_list(ok), "{ok}");
        }
        for bad in ["", "a", "3-1", "1,,2", "-1", "1-", " 1", "1;2"] {
            assert!(!is_cpu_list(bad), "{bad}");
        }
    }

    #[test]
    fn default_carries_runc_defaults_and_empty_is_empty() {
        let d = Linux::default();
        assert_eq!(d.namespaces().as_ref().unwrap().len(), 6);
        assert!(d.validate().is_clean());
        assert_eq!(serde_json::to_string(&Linux::empty()).unwrap(), "{}");
        // The builder starts from the runc defaults, as oci-spec's does.
        assert_eq!(LinuxBuilder::default().build().unwrap(), d);
    }

    #[test]
    fn rootless_has_user_namespace_and_mappings() {
        let r = Linux::rootless(1000, 1001);
        let ns = r.namespaces().as_ref().unwrap();
        assert!(ns.iter().any(|n| n.typ() == LinuxNamespaceType::User));
        assert!(!ns.iter().any(|n| n.typ() == LinuxNamespaceType::Network));
        assert_eq!(r.uid_mappings().as_ref().unwrap()[0].host_id(), 1000);
        assert_eq!(r.gid_mappings().as_ref().unwrap()[0].host_id(), 1001);
        assert!(r.resources().is_none());
        assert!(r.validate().is_clean());
    }
}
