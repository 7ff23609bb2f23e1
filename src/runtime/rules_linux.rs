//! The catalogue of runtime-spec rules that [`crate::validate::Validate`]
//! checks on the `linux` section of `config.json` and on `features.json`:
//! [runtime-spec v1.3.0, config-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md)
//! and [features.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features.md).
//!
//! Each rule's `name` is stable; its `id` is its identifier in the crate's
//! catalogue ([`crate::validate::catalogue`], listed in RULES.md).
//! Schema-versus-prose conflicts are warnings: the prose is followed, and the warning says the
//! official JSON Schema would reject the value.

use crate::validate::Rule;

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
