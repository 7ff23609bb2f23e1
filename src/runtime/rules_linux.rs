//! The catalogue of runtime-spec rules that [`crate::validate::Validate`]
//! checks on the `linux` section of `config.json` and on `features.json`:
//! [runtime-spec v1.3.0, config-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md)
//! and [features.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features.md).
//!
//! Each rule's `name` is stable; its `id` is its identifier in the crate's
//! catalogue ([`crate::validate::catalogue`], listed in RULES.md).
//! Schema-versus-prose conflicts are warnings: the prose is followed, and the warning says the
//! official JSON Schema would reject the value.

use crate::runtime::{Linux, LinuxIdMapping, LinuxNamespace, LinuxNamespaceType, Spec};
use crate::validate::{Checker, Rule, quote};

rules! {
    spec: "runtime-spec v1.3.0";

    /// `linux.namespaces[].path` is an absolute path.
    NAMESPACE_PATH_ABSOLUTE = ("linux-namespace-path-absolute", "LNX-N1", "config-linux.md#namespaces", Error,
        "a namespace path must be an absolute path");

    /// No two entries of `linux.namespaces` have the same `type`.
    NAMESPACE_DUPLICATE = ("linux-namespace-duplicate", "LNX-N1", "config-linux.md#namespaces", Error,
        "namespaces must not contain two entries of the same type");

    /// A namespace type this crate does not know (the schema's enum would reject it).
    NAMESPACE_TYPE_UNKNOWN = ("linux-namespace-type-unknown", "LNX-S1", "config-linux.md#namespaces", Warning,
        "a namespace type should be one of pid, network, mount, ipc, uts, user, cgroup, time");

    /// `linux.timeOffsets` keys are the clocks the spec names.
    TIME_OFFSET_CLOCK = ("linux-time-offset-clock", "LNX-S2", "config-linux.md#offset-for-time-namespace", Warning,
        "a time offset should name the clock boottime or monotonic");

    /// `linux.devices[].major` and `minor` are present unless `type` is `p`.
    DEVICE_MAJOR_MINOR = ("linux-device-major-minor", "LNX-N2", "config-linux.md#devices", Error,
        "a device must have major and minor numbers unless its type is p");

    /// `linux.devices[].type` is one of `c`, `b`, `u`, `p`.
    DEVICE_TYPE = ("linux-device-type", "LNX-S3", "config-linux.md#devices", Error,
        "a device type must be c, b, u or p");


    /// `linux.devices[].path` is a full (absolute) path.
    DEVICE_PATH_ABSOLUTE = ("linux-device-path-absolute", "LNX-S4", "config-linux.md#devices", Warning,
        "a device path should be the full path inside the container");

    /// The same `type`, `major` and `minor` SHOULD NOT be used for several devices.
    DEVICE_DUPLICATE = ("linux-device-duplicate", "LNX-S5", "config-linux.md#devices", Warning,
        "the same type, major and minor should not be used for several devices");

    /// `fileMode` above 0o777 (511): the prose allows a uint32, the schema does not (§5.2 X6).
    DEVICE_FILE_MODE = ("linux-device-file-mode", "X6", "config-linux.md#devices", Warning,
        "a device fileMode above 511 is a valid uint32 but the official schema rejects it");

    /// `maskedPaths[]` are absolute paths.
    MASKED_PATH_ABSOLUTE = ("linux-masked-path-absolute", "LNX-N10", "config-linux.md#masked-paths", Error,
        "masked paths must be absolute paths");

    /// `readonlyPaths[]` are absolute paths.
    READONLY_PATH_ABSOLUTE = ("linux-readonly-path-absolute", "LNX-N10", "config-linux.md#readonly-paths", Error,
        "readonly paths must be absolute paths");

    /// `rootfsPropagation` is one of `shared`, `slave`, `private`, `unbindable`.
    ROOTFS_PROPAGATION = ("linux-rootfs-propagation", "LNX-S6", "config-linux.md#rootfs-mount-propagation", Error,
        "rootfsPropagation must be shared, slave, private or unbindable");

    /// `resources.devices[].type` is `a`, `c` or `b`.
    RESOURCES_DEVICE_TYPE = ("linux-resources-device-type", "LNX-N11", "config-linux.md#allowed-device-list", Error,
        "an allowed-device entry type must be a, c or b");

    /// `resources.devices[].access` is made of the letters `r`, `w`, `m`.
    RESOURCES_DEVICE_ACCESS = ("linux-resources-device-access", "LNX-N11", "config-linux.md#allowed-device-list", Error,
        "an allowed-device entry access must be made of the letters r, w and m");

    /// `resources.memory.swappiness` is 0 to 100.
    MEMORY_SWAPPINESS = ("linux-memory-swappiness", "LNX-N11", "config-linux.md#memory", Error,
        "memory swappiness must be between 0 and 100");

    /// `resources.cpu.burst` is no larger than a positive `quota`.
    CPU_BURST = ("linux-cpu-burst", "LNX-N5", "config-linux.md#cpu", Error,
        "cpu burst must be no larger than a positive quota");

    /// `cpus`, `mems` and `memoryPolicy.nodes` are lists such as `0-3,7`.
    CPU_LIST = ("linux-cpu-list", "LNX-N11", "config-linux.md#cpu", Error,
        "a cpu or memory-node list must be comma-separated numbers or ranges such as 0-3,7");

    /// `weightDevice[]` entries carry at least one of `weight`, `leafWeight`.
    WEIGHT_DEVICE = ("linux-weight-device-weight", "LNX-N3", "config-linux.md#block-io", Error,
        "a weightDevice entry must specify weight or leafWeight");

    /// `throttle*Device[].rate` is present (the schema leaves it optional).
    THROTTLE_RATE = ("linux-throttle-device-rate", "LNX-N3", "config-linux.md#block-io", Error,
        "a throttle device entry must specify rate");

    /// `hugepageLimits[].pageSize` has the form `<size><unit-prefix>B`.
    HUGEPAGE_PAGE_SIZE = ("linux-hugepage-page-size", "LNX-S7", "config-linux.md#huge-page-limits", Error,
        "a hugepage pageSize must be a positive number followed by KB, MB or GB");

    /// `hugepageLimits[].limit` is a uint64: not negative (the field is an
    /// `i64`, as in `oci-spec`).
    HUGEPAGE_LIMIT = ("linux-hugepage-limit", "", "config-linux.md#huge-page-limits", Error,
        "a hugepage limit is a uint64 and must not be negative");

    /// `pids` without `limit`: optional in the prose, required by the schema (§5.2 X4).
    PIDS_LIMIT_ABSENT = ("linux-pids-limit-absent", "X4", "config-linux.md#pids", Warning,
        "pids without limit is valid but the official schema requires limit");

    /// `resources.rdma.*` entries carry at least one of `hcaHandles`, `hcaObjects`.
    RDMA_LIMITS = ("linux-rdma-limits", "LNX-N4", "config-linux.md#rdma", Error,
        "an rdma entry must specify hcaHandles or hcaObjects");

    /// `intelRdt.schemata[]` lines contain no newline.
    INTEL_RDT_SCHEMATA = ("linux-intel-rdt-schemata", "LNX-N6", "config-linux.md#intelrdt", Error,
        "intelRdt schemata entries must not contain newlines");

    /// `intelRdt.memBwSchema` starts with `MB:` and contains no newline.
    INTEL_RDT_MEM_BW_SCHEMA = ("linux-intel-rdt-mem-bw-schema", "LNX-S8", "config-linux.md#intelrdt", Error,
        "intelRdt memBwSchema must start with MB: and must not contain newlines");

    /// `intelRdt.l3CacheSchema` SHOULD start with `L3:` and SHOULD NOT contain newlines.
    INTEL_RDT_L3_CACHE_SCHEMA = ("linux-intel-rdt-l3-cache-schema", "LNX-S9", "config-linux.md#intelrdt", Warning,
        "intelRdt l3CacheSchema should start with L3: and should not contain newlines");

    /// `memoryPolicy.mode` is present.
    MEMORY_POLICY_MODE = ("linux-memory-policy-mode", "LNX-N7", "config-linux.md#memory-policy", Error,
        "memoryPolicy must specify mode");

    /// A memory-policy mode or flag this crate does not know.
    MEMORY_POLICY_UNKNOWN = ("linux-memory-policy-unknown", "LNX-S10", "config-linux.md#memory-policy", Warning,
        "a memory policy mode or flag should be one of the values the spec lists");

    /// `personality.domain` is present.
    PERSONALITY_DOMAIN = ("linux-personality-domain", "LNX-N8", "config-linux.md#personality", Error,
        "personality must specify domain");

    /// A personality domain this crate does not know, or a flag (none are defined).
    PERSONALITY_UNKNOWN = ("linux-personality-unknown", "LNX-S11", "config-linux.md#personality", Warning,
        "a personality domain should be LINUX or LINUX32, and no flags are defined");

    /// `seccomp.listenerMetadata` is not set without `listenerPath`.
    SECCOMP_LISTENER_METADATA = ("linux-seccomp-listener-metadata", "LNX-N9", "config-linux.md#seccomp", Error,
        "seccomp listenerMetadata must not be set if listenerPath is not set");

    /// `seccomp.syscalls[].names` has at least one entry.
    SECCOMP_SYSCALL_NAMES = ("linux-seccomp-syscall-names", "LNX-S12", "config-linux.md#seccomp", Error,
        "a seccomp syscalls entry must name at least one syscall");

    /// An errno return with an action that takes none: the runtime MUST fail.
    SECCOMP_ERRNO_RET = ("linux-seccomp-errno-ret", "LNX-S13", "config-linux.md#seccomp", Error,
        "an errno return may only be given with SCMP_ACT_ERRNO or SCMP_ACT_TRACE");

    /// A seccomp action, architecture, operator or flag this crate does not know.
    SECCOMP_UNKNOWN = ("linux-seccomp-unknown", "LNX-S14", "config-linux.md#seccomp", Warning,
        "a seccomp action, architecture, operator or flag should be one of the values the spec lists");

    /// A setting that acts inside a namespace has that namespace: runc's
    /// validator refuses `hostname`/`domainname` without a `uts` namespace,
    /// `uidMappings`/`gidMappings` without `user`, `timeOffsets` without a
    /// new `time` namespace, `maskedPaths`/`readonlyPaths` without `mount`,
    /// and `netDevices` without `network`; config-linux.md: a type left out
    /// is the runtime's own namespace, which these settings would change.
    NAMESPACE_REQUIRED = ("linux-namespace-required", "", "config-linux.md#namespaces", Warning,
        "a setting that acts inside a namespace needs that namespace in linux.namespaces (runc refuses the configuration)");

    /// A `user` namespace to create has `uidMappings` and `gidMappings`:
    /// runc refuses a new user namespace with neither a path nor mappings.
    USER_NAMESPACE_UNMAPPED = ("linux-user-namespace-unmapped", "", "config-linux.md#user-namespace-mappings", Warning,
        "a user namespace without a path needs uidMappings and gidMappings (runc refuses it)");

    /// An id mapping the kernel accepts in `uid_map`/`gid_map`
    /// (user_namespaces(7)): `size` above 0, no range past 2^32 - 1, no two
    /// ranges overlapping in container or host ids, at most 340 entries.
    /// The kernel answers EINVAL otherwise and the container does not start.
    ID_MAPPING_RANGE = ("linux-id-mapping-range", "", "config-linux.md#user-namespace-mappings", Warning,
        "id mappings must have a size above 0, stay below 2^32, not overlap and number at most 340 (user_namespaces(7): EINVAL)");

    /// A `sysctl` key the container's namespaces isolate: runc refuses
    /// IPC keys without an `ipc` namespace, `net.*` without `network`,
    /// `kernel.domainname` without `uts`, `kernel.hostname` (the
    /// `hostname` field sets it), `user.*` without `user`, and every key
    /// no namespace isolates, which would change the host.
    SYSCTL_NAMESPACE = ("linux-sysctl-namespace", "", "config-linux.md#sysctl", Warning,
        "a sysctl key must be isolated by a namespace the container has (runc refuses the others)");

    /// `resources.cpu.period` is 1000 to 1000000 microseconds and a
    /// positive `quota` at least 1000: the kernel refuses other CFS
    /// bandwidth values (EINVAL from `cpu.cfs_period_us`, `cpu.cfs_quota_us`
    /// and `cpu.max`), so the container does not start.
    CPU_PERIOD_QUOTA_RANGE = ("linux-cpu-period-quota-range", "", "config-linux.md#cpu", Warning,
        "cpu period must be 1000 to 1000000 and a positive quota at least 1000 microseconds (the kernel refuses others: EINVAL)");

    /// `resources.memory.swap` (memory plus swap) is no less than `limit`,
    /// and is set only with a limit: runc refuses "memory+swap limit
    /// should be >= memory limit" and a swap limit without a memory limit;
    /// cgroup v1 refuses `memory.memsw.limit_in_bytes` below the limit.
    MEMORY_SWAP_LIMIT = ("linux-memory-swap-limit", "", "config-linux.md#memory", Warning,
        "memory swap (memory plus swap) must be set with a limit and be no less than it (runc and cgroup v1 refuse it)");

    /// `memoryPolicy.nodes` fits the mode: set_mempolicy(2) refuses (EINVAL)
    /// nodes with `MPOL_DEFAULT` or `MPOL_LOCAL` and no nodes with
    /// `MPOL_BIND`, `MPOL_INTERLEAVE`, `MPOL_WEIGHTED_INTERLEAVE` or
    /// `MPOL_PREFERRED_MANY`, and so does runc.
    MEMORY_POLICY_NODES = ("linux-memory-policy-nodes", "", "config-linux.md#memory-policy", Warning,
        "memoryPolicy nodes must fit the mode (set_mempolicy(2) and runc refuse others)");

    /// A `netDevices` name (key or `name`) the kernel takes as an interface
    /// name: 1 to 15 bytes, not `.` or `..`, no `/`, `:` or white space
    /// (dev_valid_name; runc refuses the others).
    NET_DEVICE_NAME = ("linux-net-device-name", "", "config-linux.md#network-devices", Warning,
        "a network device name must be 1 to 15 bytes, not . or .., without /, : or white space (the kernel and runc refuse others)");

    /// `ociVersionMin` and `ociVersionMax` are SemVer 2.0.0 versions.
    FEATURES_VERSION = ("features-oci-version", "FEAT-S1", "features.md#features-structure", Error,
        "ociVersionMin and ociVersionMax must be semver 2.0.0 versions");

    /// `ociVersionMax` is not less than `ociVersionMin`.
    FEATURES_VERSION_ORDER = ("features-oci-version-order", "FEAT-N1", "features.md#features-structure", Error,
        "ociVersionMax must not be less than ociVersionMin");

    /// A namespace, capability, seccomp or memory-policy value this crate does not know.
    FEATURES_UNKNOWN_VALUE = ("features-unknown-value", "FEAT-S2", "features-linux.md", Warning,
        "a listed value should be one this version of the spec defines");

    /// `seccomp.supportedFlags` is a subset of `seccomp.knownFlags`.
    FEATURES_SUPPORTED_FLAGS = ("features-seccomp-supported-flags", "FEAT-S3", "features-linux.md#seccomp", Warning,
        "seccomp supportedFlags should be a subset of knownFlags");

    /// A member `features.json` v1.3.0 does not define (kept by the model
    /// as an unknown member, and reported by `Features::validate`).
    FEATURES_UNKNOWN_PROPERTY = ("features-unknown-property", "FEAT-N2", "features.md#specification-version", Error,
        "features must not contain properties that this version of the spec does not define");

    /// A `null` member: allowed by the prose, rejected by the official schema
    /// (§5.2 X8; a `null` read is remembered, so `Features::validate` sees it).
    FEATURES_NULL = ("features-null", "X8", "features.md#features-structure", Warning,
        "a null member is valid but the official schema rejects it");
}

/// Every rule of this module that applies to the `linux` object, in
/// catalogue order.
pub const LINUX_RULES: &[&Rule] = &[
    &NAMESPACE_PATH_ABSOLUTE,
    &NAMESPACE_DUPLICATE,
    &NAMESPACE_TYPE_UNKNOWN,
    &TIME_OFFSET_CLOCK,
    &DEVICE_MAJOR_MINOR,
    &DEVICE_TYPE,
    &DEVICE_PATH_ABSOLUTE,
    &DEVICE_DUPLICATE,
    &DEVICE_FILE_MODE,
    &MASKED_PATH_ABSOLUTE,
    &READONLY_PATH_ABSOLUTE,
    &ROOTFS_PROPAGATION,
    &RESOURCES_DEVICE_TYPE,
    &RESOURCES_DEVICE_ACCESS,
    &MEMORY_SWAPPINESS,
    &CPU_BURST,
    &CPU_LIST,
    &WEIGHT_DEVICE,
    &THROTTLE_RATE,
    &HUGEPAGE_PAGE_SIZE,
    &HUGEPAGE_LIMIT,
    &PIDS_LIMIT_ABSENT,
    &RDMA_LIMITS,
    &INTEL_RDT_SCHEMATA,
    &INTEL_RDT_MEM_BW_SCHEMA,
    &INTEL_RDT_L3_CACHE_SCHEMA,
    &MEMORY_POLICY_MODE,
    &MEMORY_POLICY_UNKNOWN,
    &PERSONALITY_DOMAIN,
    &PERSONALITY_UNKNOWN,
    &SECCOMP_LISTENER_METADATA,
    &SECCOMP_SYSCALL_NAMES,
    &SECCOMP_ERRNO_RET,
    &SECCOMP_UNKNOWN,
    &ID_MAPPING_RANGE,
    &CPU_PERIOD_QUOTA_RANGE,
    &MEMORY_SWAP_LIMIT,
    &MEMORY_POLICY_NODES,
    &NET_DEVICE_NAME,
];

/// The rules of this module that relate `linux.namespaces` to other
/// members (`hostname`, the id mappings, `sysctl`, ...): checked on a whole
/// `config.json` ([`crate::runtime::Spec`]), not on a `linux` object alone,
/// where a part of a document (such as the spec's examples) need not list
/// its namespaces.
pub const SPEC_LINUX_RULES: &[&Rule] = &[
    &NAMESPACE_REQUIRED,
    &USER_NAMESPACE_UNMAPPED,
    &SYSCTL_NAMESPACE,
];

/// Every rule of this module that applies to `features.json`.
pub const FEATURES_RULES: &[&Rule] = &[
    &FEATURES_VERSION,
    &FEATURES_VERSION_ORDER,
    &FEATURES_UNKNOWN_VALUE,
    &FEATURES_SUPPORTED_FLAGS,
    &FEATURES_UNKNOWN_PROPERTY,
    &FEATURES_NULL,
];

/// "a uts", "an ipc": the namespace type with its article, for messages.
fn a_namespace(typ: LinuxNamespaceType) -> String {
    let name = typ.as_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) && name != "uts" && name != "user"
    {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// The entry of `linux.namespaces` of type `typ` (created, or joined when
/// it has a path), if any.
fn namespace(linux: &Linux, typ: LinuxNamespaceType) -> Option<&LinuxNamespace> {
    linux
        .namespaces()
        .iter()
        .flatten()
        .find(|n| n.known_type() && n.typ() == typ)
}

/// The checks of `linux` values that the kernel or runc refuse when the
/// container starts: warnings, as runtime-spec states no rule for them.
pub(crate) fn check_linux_values(c: &mut Checker, linux: &Linux) {
    check_id_mappings(c, "uidMappings", linux.uid_mappings().as_deref());
    check_id_mappings(c, "gidMappings", linux.gid_mappings().as_deref());
    if let Some(devices) = linux.net_devices() {
        let mut names: Vec<(&String, &crate::runtime::LinuxNetDevice)> = devices.iter().collect();
        names.sort_unstable_by_key(|(k, _)| *k);
        c.field("netDevices", |c| {
            for (key, dev) in names {
                c.key(key, |c| {
                    if !is_interface_name(key) {
                        c.report(
                            &NET_DEVICE_NAME,
                            format!("network device {} is not a valid interface name: the kernel and runc refuse it", quote(key)),
                        );
                    }
                    if let Some(name) = dev.name().as_deref().filter(|n| !is_interface_name(n)) {
                        c.report_at(
                            "name",
                            &NET_DEVICE_NAME,
                            format!("network device name {} is not a valid interface name: the kernel and runc refuse it", quote(name)),
                        );
                    }
                });
            }
        });
    }
    if let Some(policy) = linux.memory_policy() {
        check_memory_policy_nodes(c, policy);
    }
    if let Some(r) = linux.resources() {
        c.field("resources", |c| {
            if let Some(cpu) = r.cpu() {
                c.field("cpu", |c| check_cpu_bandwidth(c, cpu));
            }
            if let Some(m) = r.memory() {
                c.field("memory", |c| check_memory_swap(c, m));
            }
        });
    }
}

/// The kernel's limit on the lines of `uid_map` and `gid_map` (since
/// Linux 4.15; user_namespaces(7)).
const MAX_ID_MAP_EXTENTS: usize = 340;

/// Reports the mappings of member `name` (of `linux` or of an id-mapped
/// mount) that the kernel refuses in `uid_map`/`gid_map`.
pub(crate) fn check_id_mappings(
    c: &mut Checker,
    name: &'static str,
    maps: Option<&[LinuxIdMapping]>,
) {
    let Some(maps) = maps else { return };
    c.field(name, |c| {
        if maps.len() > MAX_ID_MAP_EXTENTS {
            c.report(
                &ID_MAPPING_RANGE,
                format!(
                    "{} mappings: the kernel refuses more than {MAX_ID_MAP_EXTENTS} (EINVAL)",
                    maps.len()
                ),
            );
            // Refused already; and comparing every pair of a hostile list
            // would take quadratic time.
            return;
        }
        let end = |first: u32, size: u32| u64::from(first) + u64::from(size);
        for (i, m) in maps.iter().enumerate() {
            c.index(i, |c| {
                if m.size() == 0 {
                    c.report_at(
                        "size",
                        &ID_MAPPING_RANGE,
                        "mapping size is 0: the kernel refuses it (EINVAL)",
                    );
                    return;
                }
                for (what, first) in [("containerID", m.container_id()), ("hostID", m.host_id())] {
                    if end(first, m.size()) > u64::from(u32::MAX) {
                        c.report_at(
                            what,
                            &ID_MAPPING_RANGE,
                            format!(
                                "{what} {first} with size {} goes past 4294967294: the kernel refuses it (EINVAL)",
                                m.size()
                            ),
                        );
                    }
                }
                let overlap = |a: u32, b: u32, p: &LinuxIdMapping| {
                    p.size() > 0 && a < b.saturating_add(p.size()) && b < a.saturating_add(m.size())
                };
                if let Some(j) = maps[..i]
                    .iter()
                    .position(|p| overlap(m.container_id(), p.container_id(), p))
                {
                    c.report_at(
                        "containerID",
                        &ID_MAPPING_RANGE,
                        format!(
                            "container ids {}..{} overlap those of mapping {j}: the kernel refuses it (EINVAL)",
                            m.container_id(),
                            end(m.container_id(), m.size())
                        ),
                    );
                }
                if let Some(j) = maps[..i]
                    .iter()
                    .position(|p| overlap(m.host_id(), p.host_id(), p))
                {
                    c.report_at(
                        "hostID",
                        &ID_MAPPING_RANGE,
                        format!(
                            "host ids {}..{} overlap those of mapping {j}: the kernel refuses it (EINVAL)",
                            m.host_id(),
                            end(m.host_id(), m.size())
                        ),
                    );
                }
            });
        }
    });
}

/// The IPC sysctl keys an `ipc` namespace isolates (besides `fs.mqueue.*`),
/// as runc lists them.
const IPC_SYSCTLS: &[&str] = &[
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// Why runc refuses the sysctl `key` with the namespaces of `linux`, as its
/// validator decides what a static check can see (a `network` namespace
/// joined by path may be the host's: not reported).
fn sysctl_refusal(linux: &Linux, key: &str) -> Option<String> {
    use LinuxNamespaceType as T;
    let has = |typ| namespace(linux, typ).is_some();
    // `net/ipv4/ip_forward` is `net.ipv4.ip_forward` (sysctl.d(5)).
    let key = if key
        .find(['.', '/'])
        .is_some_and(|i| key.as_bytes()[i] == b'/')
    {
        key.chars()
            .map(|ch| match ch {
                '/' => '.',
                '.' => '/',
                ch => ch,
            })
            .collect()
    } else {
        key.to_owned()
    };
    let needs = |typ: T| {
        Some(format!(
            "needs {} namespace, and linux.namespaces has none",
            a_namespace(typ)
        ))
    };
    if IPC_SYSCTLS.contains(&key.as_str()) || key.starts_with("fs.mqueue.") {
        return if has(T::Ipc) { None } else { needs(T::Ipc) };
    }
    if key.starts_with("net.") {
        return if has(T::Network) {
            None
        } else {
            needs(T::Network)
        };
    }
    if key == "kernel.hostname" {
        return Some("conflicts with the hostname field, which sets it".to_owned());
    }
    if key == "kernel.domainname" {
        return if has(T::Uts) { None } else { needs(T::Uts) };
    }
    if key.starts_with("user.") {
        return if has(T::User) { None } else { needs(T::User) };
    }
    Some("is not isolated by any namespace: it would change the host".to_owned())
}

/// The kernel's CFS bandwidth bounds (kernel/sched/core.c): a period of
/// 1 ms to 1 s, a quota of at least 1 ms (in microseconds).
const CFS_PERIOD: std::ops::RangeInclusive<u64> = 1_000..=1_000_000;
const CFS_MIN_QUOTA: i64 = 1_000;

fn check_cpu_bandwidth(c: &mut Checker, cpu: &crate::runtime::LinuxCpu) {
    // 0 leaves the value unset (runc writes nothing).
    if let Some(period) = cpu.period().filter(|p| *p != 0) {
        if !CFS_PERIOD.contains(&period) {
            c.report_at(
                "period",
                &CPU_PERIOD_QUOTA_RANGE,
                format!(
                    "cpu period {period} is outside 1000..1000000 microseconds: the kernel refuses it (EINVAL)"
                ),
            );
        }
    }
    if let Some(quota) = cpu.quota().filter(|q| *q != 0 && *q != -1) {
        if quota < CFS_MIN_QUOTA {
            c.report_at(
                "quota",
                &CPU_PERIOD_QUOTA_RANGE,
                format!(
                    "cpu quota {quota} is below 1000 microseconds (and not -1, unlimited): the kernel refuses it (EINVAL)"
                ),
            );
        }
    }
}

fn check_memory_swap(c: &mut Checker, m: &crate::runtime::LinuxMemory) {
    // 0 is unset, -1 unlimited (runc's ConvertMemorySwapToCgroupV2Value).
    let Some(swap) = m.swap().filter(|s| *s != 0 && *s != -1) else {
        return;
    };
    match m.limit() {
        None | Some(0 | -1) => c.report_at(
            "swap",
            &MEMORY_SWAP_LIMIT,
            format!("swap {swap} is set without a memory limit: runc refuses it"),
        ),
        Some(limit) if swap < limit => c.report_at(
            "swap",
            &MEMORY_SWAP_LIMIT,
            format!(
                "swap {swap} (memory plus swap) is below the memory limit {limit}: runc and cgroup v1 refuse it"
            ),
        ),
        Some(_) => {}
    }
}

/// The checks of [`SPEC_LINUX_RULES`] on a whole `config.json` with a
/// `linux` object: the settings that need a namespace the configuration
/// does not have, which runc refuses. `hostname` and `domainname` need a
/// `uts` namespace (runc: "unable to set hostname without a private UTS
/// namespace").
pub(crate) fn check_namespaces_needed(c: &mut Checker, spec: &Spec) {
    let Some(linux) = spec.linux() else { return };
    if namespace(linux, LinuxNamespaceType::Uts).is_none() {
        for (name, value) in [
            ("hostname", spec.hostname()),
            ("domainname", spec.domainname()),
        ] {
            if value.as_ref().is_some_and(|v| !v.is_empty()) {
                c.report_at(
                    name,
                    &NAMESPACE_REQUIRED,
                    format!("{name} needs a uts namespace, and linux.namespaces has none: runc refuses the configuration"),
                );
            }
        }
    }
    c.field("linux", |c| linux_namespaces_needed(c, linux));
}

fn linux_namespaces_needed(c: &mut Checker, linux: &Linux) {
    let has = |typ| namespace(linux, typ).is_some();
    let needs = |c: &mut Checker, name: &'static str, typ: LinuxNamespaceType| {
        if !has(typ) {
            c.report_at(
                name,
                &NAMESPACE_REQUIRED,
                format!(
                    "{name} needs {} namespace, and linux.namespaces has none: runc refuses the configuration",
                    a_namespace(typ)
                ),
            );
        }
    };
    let mapped = linux.uid_mappings().is_some() || linux.gid_mappings().is_some();
    if linux.uid_mappings().is_some() {
        needs(c, "uidMappings", LinuxNamespaceType::User);
    }
    if linux.gid_mappings().is_some() {
        needs(c, "gidMappings", LinuxNamespaceType::User);
    }
    if linux.masked_paths().as_ref().is_some_and(|p| !p.is_empty()) {
        needs(c, "maskedPaths", LinuxNamespaceType::Mount);
    }
    if linux
        .readonly_paths()
        .as_ref()
        .is_some_and(|p| !p.is_empty())
    {
        needs(c, "readonlyPaths", LinuxNamespaceType::Mount);
    }
    if linux.net_devices().as_ref().is_some_and(|d| !d.is_empty()) {
        needs(c, "netDevices", LinuxNamespaceType::Network);
    }
    if linux.time_offsets().is_some() {
        match namespace(linux, LinuxNamespaceType::Time) {
            None => needs(c, "timeOffsets", LinuxNamespaceType::Time),
            Some(ns) => {
                if let Some(path) = ns.path() {
                    c.report_at(
                        "timeOffsets",
                        &NAMESPACE_REQUIRED,
                        format!(
                            "timeOffsets apply only to a new time namespace, and the time namespace is joined at {}: runc refuses the configuration",
                            quote(&path.to_string_lossy())
                        ),
                    );
                }
            }
        }
    }
    let new_user = namespace(linux, LinuxNamespaceType::User).is_some_and(|n| n.path().is_none());
    if new_user && !mapped {
        c.report_at(
            "namespaces",
            &USER_NAMESPACE_UNMAPPED,
            "a user namespace is created without uidMappings or gidMappings: runc refuses it",
        );
    }
    if let Some(sysctl) = linux.sysctl() {
        let mut keys: Vec<&String> = sysctl.keys().collect();
        keys.sort_unstable();
        c.field("sysctl", |c| {
            for key in keys {
                if let Some(why) = sysctl_refusal(linux, key) {
                    c.key(key, |c| {
                        c.report(
                            &SYSCTL_NAMESPACE,
                            format!("sysctl {} {why}: runc refuses it", quote(key)),
                        );
                    });
                }
            }
        });
    }
}

/// The kernel's `dev_valid_name`: 1 to 15 bytes (`IFNAMSIZ` is 16 with
/// the NUL), not `.` or `..`, no `/`, `:` or white space.
fn is_interface_name(name: &str) -> bool {
    (1..16).contains(&name.len())
        && name != "."
        && name != ".."
        && !name
            .bytes()
            .any(|b| b == b'/' || b == b':' || b.is_ascii_whitespace())
}

fn check_memory_policy_nodes(c: &mut Checker, policy: &crate::runtime::LinuxMemoryPolicy) {
    use crate::runtime::MemoryPolicyModeType as M;
    let Some(mode) = policy.mode_option() else {
        return;
    };
    let has_nodes = policy.nodes().as_ref().is_some_and(|n| !n.is_empty());
    let message = match mode {
        M::MpolDefault | M::MpolLocal if has_nodes => "takes no nodes",
        M::MpolBind | M::MpolInterleave | M::MpolWeightedInterleave | M::MpolPreferredMany
            if !has_nodes =>
        {
            "needs at least one node"
        }
        _ => return,
    };
    c.field("memoryPolicy", |c| {
        c.report_at(
            if has_nodes { "nodes" } else { "mode" },
            &MEMORY_POLICY_NODES,
            format!(
                "memory policy mode {} {message}: set_mempolicy(2) and runc refuse it",
                quote(mode.as_str())
            ),
        );
    });
}
