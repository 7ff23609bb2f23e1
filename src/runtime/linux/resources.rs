//! Cgroup resource limits, `linux.resources`:
//! [runtime-spec v1.3.0, config-linux.md "Control groups"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#control-groups)
//! (allowed devices, memory, cpu, block IO, huge pages, network, pids,
//! rdma, unified).

use std::collections::HashMap;

use super::{LinuxBlockIo, LinuxDeviceType, check_cpu_list};
use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// One entry of the cgroup allowed-device list (`resources.devices`),
/// applied in order.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxDeviceCgroup {
    /// REQUIRED: allow (`true`) or deny (`false`).
    allow: bool,

    /// OPTIONAL: `a` (all), `c` (char) or `b` (block).
    #[json(rename = "type")]
    #[access(get_copy, get_mut, set)]
    typ: Option<LinuxDeviceType>,

    /// OPTIONAL: the major number (absent: all).
    major: Option<i64>,

    /// OPTIONAL: the minor number (absent: all).
    minor: Option<i64>,

    /// OPTIONAL: the permissions, letters of `rwm`.
    access: Option<String>,
}

/// The cgroup v1 `devices.allow` line of the entry, such as `c 1:3 rwm`
/// (`*` for an absent number; type `a` when absent).
impl std::fmt::Display for LinuxDeviceCgroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let typ = self.typ.as_ref().map_or("a", LinuxDeviceType::as_str);
        f.write_str(typ)?;
        f.write_str(" ")?;
        match self.major {
            Some(m) => write!(f, "{m}")?,
            None => f.write_str("*")?,
        }
        f.write_str(":")?;
        match self.minor {
            Some(m) => write!(f, "{m}")?,
            None => f.write_str("*")?,
        }
        write!(f, " {}", self.access.as_deref().unwrap_or(""))
    }
}

/// An entry allowing `rwm` access to the device.
impl From<&super::LinuxDevice> for LinuxDeviceCgroup {
    fn from(d: &super::LinuxDevice) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            allow: true,
            typ: Some(d.typ()),
            major: d.major_option(),
            minor: d.minor_option(),
            access: Some("rwm".to_owned()),
        }
    }
}

impl Validate for LinuxDeviceCgroup {
    fn check(&self, c: &mut Checker) {
        if let Some(t) = self.typ {
            if !matches!(
                t,
                LinuxDeviceType::A | LinuxDeviceType::B | LinuxDeviceType::C
            ) {
                c.report_at(
                    "type",
                    &rules::RESOURCES_DEVICE_TYPE,
                    format!("allowed-device type {} is not a, c or b", quote(t.as_str())),
                );
            }
        }
        if let Some(a) = &self.access {
            if !a.bytes().all(|b| matches!(b, b'r' | b'w' | b'm')) {
                c.report_at(
                    "access",
                    &rules::RESOURCES_DEVICE_ACCESS,
                    format!("access {} is not made of the letters r, w, m", quote(a)),
                );
            }
        }
    }
}

/// `resources.memory`: memory limits in bytes; `-1` means unlimited.
#[spec_struct(
    json = "camelCase",
    default,
    copy,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxMemory {
    /// OPTIONAL: the memory usage limit.
    limit: Option<i64>,

    /// OPTIONAL: the soft limit.
    reservation: Option<i64>,

    /// OPTIONAL: the memory plus swap limit.
    swap: Option<i64>,

    /// OPTIONAL, NOT RECOMMENDED: the kernel memory limit.
    kernel: Option<i64>,

    /// OPTIONAL, NOT RECOMMENDED: the kernel TCP buffer limit.
    #[json(rename = "kernelTCP")]
    kernel_tcp: Option<i64>,

    /// OPTIONAL: vm swappiness, 0 to 100.
    swappiness: Option<u64>,

    /// OPTIONAL: disable the OOM killer.
    #[json(rename = "disableOOMKiller")]
    disable_oom_killer: Option<bool>,

    /// OPTIONAL: hierarchical memory accounting.
    use_hierarchy: Option<bool>,

    /// OPTIONAL: refuse a new limit lower than the current usage.
    check_before_update: Option<bool>,
}

impl Validate for LinuxMemory {
    fn check(&self, c: &mut Checker) {
        if let Some(s) = self.swappiness {
            if s > 100 {
                c.report_at(
                    "swappiness",
                    &rules::MEMORY_SWAPPINESS,
                    format!("swappiness {s} is above 100"),
                );
            }
        }
    }
}

/// `resources.cpu`: CPU shares, bandwidth and placement (times in
/// microseconds).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxCpu {
    /// OPTIONAL: the relative share of CPU time.
    shares: Option<u64>,

    /// OPTIONAL: the time all tasks may run per period; when positive it
    /// MUST be no smaller than `burst`.
    quota: Option<i64>,

    /// OPTIONAL: the accumulated time allowed in addition per period.
    burst: Option<u64>,

    /// OPTIONAL: the CFS period.
    period: Option<u64>,

    /// OPTIONAL: the longest realtime run time per period.
    realtime_runtime: Option<i64>,

    /// OPTIONAL: the realtime period.
    realtime_period: Option<u64>,

    /// OPTIONAL: the CPU list, such as `0-3,7`.
    cpus: Option<String>,

    /// OPTIONAL: the memory-node list, such as `0-3,7`.
    mems: Option<String>,

    /// OPTIONAL: `1` for SCHED_IDLE weight, `0` for the default.
    idle: Option<i64>,
}

impl Validate for LinuxCpu {
    fn check(&self, c: &mut Checker) {
        if let (Some(q), Some(b)) = (self.quota, self.burst) {
            if q > 0 && u64::try_from(q).is_ok_and(|q| b > q) {
                c.report_at(
                    "burst",
                    &rules::CPU_BURST,
                    format!("burst {b} is larger than quota {q}"),
                );
            }
        }
        // An empty string is what Go writes for "unset" and means no constraint.
        if let Some(s) = self.cpus.as_deref().filter(|s| !s.is_empty()) {
            c.field("cpus", |c| check_cpu_list(c, "cpu list", s));
        }
        if let Some(s) = self.mems.as_deref().filter(|s| !s.is_empty()) {
            c.field("mems", |c| check_cpu_list(c, "memory-node list", s));
        }
    }
}

/// `resources.pids`: the task limit.
///
/// `limit()` is an `i64` as in `oci-spec` (`0` when the document leaves
/// `limit` out). `limit` is OPTIONAL in v1.3.0, so `{}` stays `{}` on a
/// round trip; [`LinuxPids::limit_option`] tells it from `0`.
/// `Default` and the builder start from limit `0`, as `oci-spec`'s do.
#[spec_struct(json = "camelCase", copy, builder_default, access(get, get_mut, set))]
pub struct LinuxPids {
    /// OPTIONAL: the maximum number of tasks; `-1` means no limit.
    #[builder(setter(custom))]
    #[access(none)]
    limit: Option<i64>,
}

impl Default for LinuxPids {
    /// Limit `0` (as `oci-spec`).
    fn default() -> Self {
        Self { limit: Some(0) }
    }
}

impl LinuxPids {
    /// The task limit, `0` when the document has none (as `oci-spec`'s
    /// `limit()`).
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(0)
    }

    /// The task limit as written: `None` when the document has no `limit`.
    pub fn limit_option(&self) -> Option<i64> {
        self.limit
    }

    /// Sets the task limit.
    pub fn set_limit(&mut self, limit: i64) -> &mut Self {
        self.limit = Some(limit);
        self
    }

    /// Sets or (with `None`) removes the task limit.
    pub fn set_limit_option(&mut self, limit: Option<i64>) -> &mut Self {
        self.limit = limit;
        self
    }
}

impl LinuxPidsBuilder {
    /// Sets the task limit.
    pub fn limit<V: Into<i64>>(mut self, limit: V) -> Self {
        self.limit = Some(Some(limit.into()));
        self
    }
}

impl Validate for LinuxPids {
    fn check(&self, c: &mut Checker) {
        if self.limit.is_none() {
            c.report(
                &rules::PIDS_LIMIT_ABSENT,
                "pids has no limit: valid, but the official schema requires it",
            );
        }
    }
}

/// One entry of `resources.hugepageLimits`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxHugepageLimit {
    /// REQUIRED: the page size, `<size><unit-prefix>B` such as `2MB`.
    #[json(default, omit_absent)]
    page_size: String,

    /// REQUIRED: the limit in bytes. `i64` as in `oci-spec` (the spec says
    /// uint64: a limit beyond `i64::MAX` does not decode, as in `oci-spec`;
    /// a negative one is reported by `validate()`).
    #[json(default, omit_absent)]
    limit: i64,
}

/// `^[1-9][0-9]*[KMG]B$`, checked byte by byte.
fn is_page_size(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b[b.len() - 1] == b'B'
        && matches!(b[b.len() - 2], b'K' | b'M' | b'G')
        && matches!(b[0], b'1'..=b'9')
        && b[1..b.len() - 2].iter().all(u8::is_ascii_digit)
}

impl Validate for LinuxHugepageLimit {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &crate::runtime::rules::REQUIRED_MEMBER_ABSENT,
            &[],
        );

        if !is_page_size(&self.page_size) {
            c.report_at(
                "pageSize",
                &rules::HUGEPAGE_PAGE_SIZE,
                format!(
                    "pageSize {} is not a number followed by KB, MB or GB (such as \"2MB\")",
                    quote(&self.page_size)
                ),
            );
        }
        if self.limit < 0 {
            c.report_at(
                "limit",
                &rules::HUGEPAGE_LIMIT,
                format!(
                    "hugepage limit {} is negative; expected a uint64",
                    self.limit
                ),
            );
        }
    }
}

/// A network interface priority of `resources.network.priorities`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxInterfacePriority {
    /// REQUIRED: the interface name in the runtime network namespace.
    name: String,

    /// REQUIRED: the priority.
    priority: u32,
}

/// The `net_prio.ifpriomap` line of the entry, `name priority` and a
/// newline (as `oci-spec` writes it).
impl std::fmt::Display for LinuxInterfacePriority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} {}", self.name, self.priority)
    }
}

/// `resources.network`: class id and interface priorities of the
/// container's traffic.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxNetwork {
    /// OPTIONAL: the class identifier the packets are tagged with.
    #[json(rename = "classID")]
    class_id: Option<u32>,

    /// OPTIONAL: per-interface priorities.
    priorities: Option<Vec<LinuxInterfacePriority>>,
}

/// One value of `resources.rdma` (keyed by device name).
#[spec_struct(
    json = "camelCase",
    default,
    copy,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxRdma {
    /// OPTIONAL: the maximum number of HCA handles (at least one of the
    /// two limits MUST be set).
    hca_handles: Option<u32>,

    /// OPTIONAL: the maximum number of HCA objects.
    hca_objects: Option<u32>,
}

impl Validate for LinuxRdma {
    fn check(&self, c: &mut Checker) {
        if self.hca_handles.is_none() && self.hca_objects.is_none() {
            c.report(
                &rules::RDMA_LIMITS,
                "rdma entry has neither hcaHandles nor hcaObjects",
            );
        }
    }
}

/// `linux.resources`: the cgroup limits of the container.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxResources {
    /// OPTIONAL: the allowed-device list, applied in order.
    devices: Option<Vec<LinuxDeviceCgroup>>,

    /// OPTIONAL: memory limits.
    #[json(keep)]
    memory: Option<LinuxMemory>,

    /// OPTIONAL: CPU limits.
    cpu: Option<LinuxCpu>,

    /// OPTIONAL: the task limit.
    #[json(keep)]
    pids: Option<LinuxPids>,

    /// OPTIONAL: block IO limits.
    #[json(rename = "blockIO")]
    block_io: Option<LinuxBlockIo>,

    /// OPTIONAL: HugeTLB limits.
    hugepage_limits: Option<Vec<LinuxHugepageLimit>>,

    /// OPTIONAL: network class and priorities.
    network: Option<LinuxNetwork>,

    /// OPTIONAL: RDMA limits keyed by device name; sorted by name.
    #[json(keep)]
    rdma: Option<HashMap<String, LinuxRdma>>,

    /// OPTIONAL: cgroup v2 files and the values written to them; sorted
    /// by file name.
    unified: Option<HashMap<String, String>>,

    /// Legacy, not in v1.3.0 (moved to `process.oomScoreAdj` before
    /// v1.0.0): kept so that documents carrying it, such as upstream's
    /// `spec-example.json`, round-trip. Being a property v1.3.0 does not
    /// define, a value that is not a 32-bit integer is ignored (read as
    /// absent) rather than failing the document.
    #[json(lenient)]
    oom_score_adj: Option<i32>,
}

impl Validate for LinuxResources {
    fn check(&self, c: &mut Checker) {
        c.check_each("devices", self.devices.iter().flatten());
        c.check_opt("memory", self.memory.as_ref());
        c.check_opt("cpu", self.cpu.as_ref());
        c.check_opt("pids", self.pids.as_ref());
        c.check_opt("blockIO", self.block_io.as_ref());
        c.check_each("hugepageLimits", self.hugepage_limits.iter().flatten());
        if let Some(rdma) = &self.rdma {
            // In key order, so the report does not depend on the map's.
            let mut entries: Vec<_> = rdma.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            c.field("rdma", |c| {
                for (k, v) in entries {
                    c.key(k, |c| v.check(c));
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn legacy_oom_score_adj_of_another_type_reads_as_absent_and_is_kept() {
        for (json, expected) in [
            (r#"{"oomScoreAdj":-500}"#, Some(-500)),
            (r#"{"oomScoreAdj":"high"}"#, None),
            (r#"{"oomScoreAdj":3000000000}"#, None),
            (r#"{"oomScoreAdj":1.5}"#, None),
            (r#"{"oomScoreAdj":[1,{"a":[]}]}"#, None),
            (r#"{"oomScoreAdj":{"v":1}}"#, None),
            (r#"{"oomScoreAdj":null}"#, None),
            (r#"{"oomScoreAdj":true}"#, None),
        ] {
            let r: LinuxResources = crate::io::from_str(json).unwrap();
            assert_eq!(r.oom_score_adj(), expected, "{json}");
            // Whatever it held is written back as it was.
            assert_eq!(crate::io::to_string(&r, false).unwrap(), json);
        }
        let r: LinuxResources = crate::io::from_str(r#"{"oomScoreAdj":7}"#).unwrap();
        assert_eq!(
            crate::io::to_string(&r, false).unwrap(),
            r#"{"oomScoreAdj":7}"#
        );
    }

    use super::*;

    #[test]
    fn page_sizes() {
        for ok in ["64KB", "2MB", "1GB", "10MB"] {
            assert!(is_page_size(ok), "{ok}");
        }
        for bad in ["64kB", "0MB", "MB", "2TB", "2M", "02MB", "2 MB", ""] {
            assert!(!is_page_size(bad), "{bad}");
        }
    }

    #[test]
    fn cgroup_lines() {
        let e: LinuxDeviceCgroup =
            serde_json::from_str(r#"{"allow":true,"type":"c","major":1,"access":"rw"}"#).unwrap();
        assert_eq!(e.to_string(), "c 1:* rw");
        let d: super::super::LinuxDevice =
            serde_json::from_str(r#"{"path":"/dev/null","type":"c","major":1,"minor":3}"#).unwrap();
        assert_eq!(LinuxDeviceCgroup::from(&d).to_string(), "c 1:3 rwm");
        let p: LinuxInterfacePriority =
            serde_json::from_str(r#"{"name":"eth0","priority":5}"#).unwrap();
        assert_eq!(p.to_string(), "eth0 5\n");
    }

    #[test]
    fn empty_pids_stays_empty() {
        let r: LinuxResources = serde_json::from_str(r#"{"pids":{}}"#).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"pids":{}}"#);
        let r: LinuxResources = serde_json::from_str(r#"{"pids":{"limit":0}}"#).unwrap();
        assert_eq!(r.pids().as_ref().unwrap().limit_option(), Some(0));
        let r: LinuxResources = serde_json::from_str(r#"{"pids":{}}"#).unwrap();
        assert_eq!(r.pids().as_ref().unwrap().limit(), 0);
        assert_eq!(r.pids().as_ref().unwrap().limit_option(), None);
    }
}
