//! The catalogue of runtime-spec rules that [`crate::validate::Validate`]
//! checks on `config.json` (every part except `linux`, whose rules live in
//! `rules_linux.rs`), `state.json` and the container process state. Each
//! rule's `name` is stable; its `id` is its identifier in the crate's
//! catalogue ([`crate::validate::catalogue`], listed in RULES.md).
//!
//! The module also holds the small checks the rules share: SemVer 2.0.0,
//! absolute paths and annotation keys.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::validate::{Checker, Rule, quote};

rules! {
    spec: "runtime-spec v1.3.0";

    /// `ociVersion` of `config.json` is a SemVer 2.0.0 version.
    OCI_VERSION = ("oci-version-semver", "RT-N1", "config.md#specification-version", Error,
        "ociVersion must be in semver v2.0.0 format");
    /// `root` is required except for Hyper-V containers.
    ROOT_REQUIRED = ("root-required", "RT-N2", "config.md#root", Error,
        "root is required unless windows.hyperv is set");
    /// `root` must not be set for Hyper-V containers.
    ROOT_WITH_HYPERV = ("root-with-hyperv", "RT-N2", "config.md#root", Error,
        "root must not be set when windows.hyperv is set");
    /// On Windows, `root.path` is a volume GUID path.
    WINDOWS_ROOT_PATH = ("windows-root-path", "RT-N3", "config.md#root", Error,
        "on windows, root.path must be a volume guid path");
    /// On Windows, `root.readonly` is omitted or false.
    WINDOWS_ROOT_READONLY = ("windows-root-readonly", "RT-N3", "config.md#root", Error,
        "on windows, root.readonly must be omitted or false");
    /// `process.cwd` is an absolute path.
    PROCESS_CWD_ABSOLUTE = ("process-cwd-absolute", "RT-N4", "config.md#process", Error,
        "process.cwd must be an absolute path");
    /// `process.args` has an entry (POSIX); `args` or `commandLine` (Windows).
    PROCESS_ARGS = ("process-args-required", "RT-N5", "config.md#process", Error,
        "process.args needs at least one entry (on windows, args or commandLine)");
    /// POSIX `process.user` has `uid` and `gid`.
    PROCESS_USER_IDS = ("process-user-ids", "RT-N6", "config.md#posix-process", Error,
        "on posix platforms, process.user.uid and process.user.gid are required");
    /// POSIX `process.user` is absent (the schema allows it, the prose needs uid and gid).
    PROCESS_USER_MISSING = ("process-user-missing", "RT-N6", "config.md#posix-process", Warning,
        "on posix platforms, process.user with uid and gid should be present");
    /// No two `process.rlimits` entries share a `type`.
    RLIMIT_UNIQUE = ("rlimit-type-unique", "RT-N7", "config.md#posix-process", Error,
        "process.rlimits must not contain two entries with the same type");
    /// `process.rlimits[].type` matches `^RLIMIT_[A-Z]+$`.
    RLIMIT_TYPE_FORMAT = ("rlimit-type-format", "RT-S6", "config.md#posix-process", Error,
        "process.rlimits[].type must match ^RLIMIT_[A-Z]+$");
    /// `process.rlimits[].soft` is not above `hard`: setrlimit(2) fails
    /// with EINVAL ("rlim->rlim_cur was greater than rlim->rlim_max"), so
    /// the runtime cannot make `rlim_cur` and `rlim_max` "match the
    /// configured value" as config.md requires, and the container does not
    /// start.
    RLIMIT_SOFT_ABOVE_HARD = ("rlimit-soft-above-hard", "", "config.md#posix-process", Warning,
        "process.rlimits[].soft must not be above hard: setrlimit(2) refuses it (EINVAL)");
    /// `process.oomScoreAdj` is in -1000..=1000: proc(5), the kernel
    /// refuses other values written to `oom_score_adj` (EINVAL), and
    /// config.md says the runtime "MUST set oom_score_adj to the given value".
    OOM_SCORE_ADJ_RANGE = ("oom-score-adj-range", "", "config.md#linux-process", Warning,
        "process.oomScoreAdj must be between -1000 and 1000: the kernel refuses other values (proc(5), EINVAL)");
    /// `process.scheduler` values fit the policy: sched_setattr(2) refuses
    /// (EINVAL) a FIFO or RR priority outside 1..=99, a priority with
    /// another policy, and a deadline policy without `runtime <= deadline
    /// <= period` and a runtime of at least 1024 ns; runc refuses a nice
    /// outside -20..=19 and runtime, deadline or period with another policy.
    SCHEDULER_VALUES = ("scheduler-values", "", "config.md#linux-process", Warning,
        "process.scheduler values must fit the policy (sched_setattr(2) and runc refuse others)");
    /// A REQUIRED member is absent: of an object inside the configuration
    /// (an rlimit's `hard`/`soft`, an id mapping's `containerID`/`hostID`/
    /// `size`, ...), of the state (`state.json`, runtime.md) or of the
    /// container process state (config-linux.md). Decoded as its default, as
    /// `oci-spec` decodes it.
    REQUIRED_MEMBER_ABSENT = ("required-member-absent", "", "config.md, runtime.md#state, config-linux.md#the-container-process-state", Error,
        "a REQUIRED member of config.json, state.json or the container process state is absent (decoded as its default, as oci-spec does)");
    /// An rlimit type this crate does not know.
    RLIMIT_TYPE_UNKNOWN = ("rlimit-type-unknown", "RT-S6", "config.md#posix-process", Warning,
        "process.rlimits[].type is not a known resource");
    /// A capability name this crate does not know.
    CAPABILITY_UNKNOWN = ("capability-unknown", "RT-N15", "config.md#linux-process", Warning,
        "capability names should come from capabilities(7)");
    /// A scheduler policy this crate does not know.
    SCHEDULER_POLICY_UNKNOWN = ("scheduler-policy-unknown", "RT-S7", "config.md#linux-process", Warning,
        "process.scheduler.policy should be one of the listed policies");
    /// A scheduler flag this crate does not know.
    SCHEDULER_FLAG_UNKNOWN = ("scheduler-flag-unknown", "RT-S7", "config.md#linux-process", Warning,
        "process.scheduler.flags should be among the listed flags");
    /// An I/O priority class this crate does not know.
    IO_PRIORITY_CLASS_UNKNOWN = ("io-priority-class-unknown", "RT-S8", "config.md#linux-process", Warning,
        "process.ioPriority.class should be one of the listed classes");
    /// `process.ioPriority.priority` "should be" in 0..=7.
    IO_PRIORITY_RANGE = ("io-priority-range", "RT-N8", "config.md#linux-process", Warning,
        "process.ioPriority.priority should be between 0 and 7");
    /// `process.execCPUAffinity` values are CPU lists.
    EXEC_CPU_AFFINITY_FORMAT = ("exec-cpu-affinity-format", "", "config.md#linux-process", Error,
        "process.execCPUAffinity values must be cpu lists such as 0-3,7");
    /// Hook paths are absolute.
    HOOK_PATH_ABSOLUTE = ("hook-path-absolute", "RT-N9", "config.md#posix-platform-hooks", Error,
        "hook path must be an absolute path");
    /// Hook timeouts are greater than zero.
    HOOK_TIMEOUT_POSITIVE = ("hook-timeout-positive", "RT-S9", "config.md#posix-platform-hooks", Error,
        "hook timeout must be greater than zero");
    /// Mount destinations are absolute (a MUST except on Linux, where relative is deprecated).
    MOUNT_DESTINATION_ABSOLUTE = ("mount-destination-absolute", "RT-N10", "config.md#mounts", Error,
        "mount destination must be an absolute path (on linux: should)");
    /// On Windows, no mount destination is nested within another.
    WINDOWS_MOUNT_NESTED = ("windows-mount-nested", "RT-N10", "config.md#mounts", Error,
        "on windows, one mount destination must not be nested within another");
    /// `uidMappings` and `gidMappings` of a mount come together.
    MOUNT_ID_MAPPINGS = ("mount-id-mappings-pair", "RT-N11", "config.md#posix-platform-mounts", Error,
        "mount uidMappings must be specified along with gidMappings, and vice versa");
    /// Annotation keys are not empty.
    ANNOTATION_KEY_EMPTY = ("annotation-key-empty", "RT-N12", "config.md#annotations", Error,
        "annotation keys must not be an empty string");
    /// `org.opencontainers.*` annotation keys are the ones config.md lists.
    ANNOTATION_KEY_RESERVED = ("annotation-key-reserved", "RT-N13", "config.md#annotations", Error,
        "keys in the org.opencontainers namespace must be ones the runtime spec describes");
    /// `windows.layerFolders` has at least one entry.
    WINDOWS_LAYER_FOLDERS = ("windows-layer-folders", "WIN-S1", "config-windows.md#layerfolders", Error,
        "windows.layerFolders is required and must contain at least one entry");
    /// `windows.resources.cpu` sets at most one of count, shares, maximum.
    WINDOWS_CPU_EXCLUSIVE = ("windows-cpu-exclusive", "WIN-N1", "config-windows.md#cpu", Error,
        "windows cpu count, shares and maximum are mutually exclusive");
    /// `windows.resources.cpu.affinity` is an array; the v1.3.0 schema wants an object.
    WINDOWS_CPU_AFFINITY_SCHEMA = ("windows-cpu-affinity-schema", "WIN-N2", "config-windows.md#cpu", Warning,
        "the v1.3.0 schema types windows cpu affinity as an object; validators using it reject the array");
    /// `windows.resources.cpu.affinity` is an array of `{mask, group}` (the
    /// prose; kept as written, so any JSON decodes).
    WINDOWS_CPU_AFFINITY = ("windows-cpu-affinity", "WIN-N2", "config-windows.md#cpu", Error,
        "windows cpu affinity must be an array of objects with mask (uint64) and group (uint32)");
    /// `windows.network.networkNamespace` excludes the other network fields.
    WINDOWS_NETWORK_NAMESPACE = ("windows-network-namespace", "WIN-N3", "config-windows.md#network", Warning,
        "if a network namespace is specified no other network parameter must be specified");
    /// `windows.devices[].idType` is `class`.
    WINDOWS_DEVICE_ID_TYPE = ("windows-device-id-type", "", "config-windows.md#devices", Warning,
        "windows device idType should be \"class\"");
    /// VM paths are absolute.
    VM_PATH_ABSOLUTE = ("vm-path-absolute", "VM-N1", "config-vm.md", Error,
        "vm hypervisor, kernel, initrd and image paths must be absolute");
    /// `vm.image.format` is one of the listed formats.
    VM_IMAGE_FORMAT = ("vm-image-format", "", "config-vm.md#image-object", Warning,
        "vm.image.format should be one of raw, qcow2, vdi, vmdk, vhd (unset means raw)");
    /// `vm.hwConfig.irqs` cannot be evaluated by the v1.3.0 schema.
    VM_HWCONFIG_SCHEMA = ("vm-hwconfig-schema", "", "config-vm.md#hwconfigobject", Warning,
        "the v1.3.0 schema cannot evaluate vm.hwConfig.irqs (broken $ref); strict validators fail on it");
    /// z/OS namespace paths are absolute.
    ZOS_NAMESPACE_PATH = ("zos-namespace-path-absolute", "ZOS-N1", "config-zos.md#namespaces", Error,
        "zos namespace path must be an absolute path");
    /// z/OS namespace types are unique.
    ZOS_NAMESPACE_UNIQUE = ("zos-namespace-unique", "ZOS-N1", "config-zos.md#namespaces", Error,
        "zos namespaces must not repeat a type");
    /// A z/OS namespace type this crate does not know.
    ZOS_NAMESPACE_TYPE_UNKNOWN = ("zos-namespace-type-unknown", "", "config-zos.md#namespaces", Warning,
        "zos namespace type should be one of pid, mount, ipc, uts");
    /// FreeBSD jail `host` and `vnet` are `new` or `inherit`.
    FREEBSD_JAIL_SHARING = ("freebsd-jail-sharing", "BSD-S1", "config-freebsd.md#jail", Error,
        "freebsd jail host and vnet must be \"new\" or \"inherit\"");
    /// A FreeBSD sharing value this crate does not know.
    FREEBSD_SHARING_UNKNOWN = ("freebsd-sharing-unknown", "BSD-S1", "config-freebsd.md#jail", Warning,
        "freebsd jail sharing values should be new, inherit or disable");
    /// FreeBSD `jail.enforceStatfs` is 0, 1 or 2.
    FREEBSD_ENFORCE_STATFS = ("freebsd-enforce-statfs", "BSD-N2", "config-freebsd.md#jail", Error,
        "freebsd jail enforceStatfs must be 0, 1 or 2");
    /// FreeBSD device modes above 0o777 pass the prose but fail the schema.
    FREEBSD_DEVICE_MODE = ("freebsd-device-mode-schema", "", "config-freebsd.md#devices", Warning,
        "the v1.3.0 schema limits freebsd device mode to 0..511");
    /// `ociVersion` of `state.json` is a SemVer 2.0.0 version.
    STATE_OCI_VERSION = ("state-oci-version-semver", "ST-N3", "runtime.md#state", Error,
        "state ociVersion must be in semver v2.0.0 format");
    /// `state.bundle` is an absolute path.
    STATE_BUNDLE_ABSOLUTE = ("state-bundle-absolute", "ST-N2", "runtime.md#state", Error,
        "state bundle must be an absolute path");
    /// `state.pid` is present when created or running (required on Linux).
    STATE_PID_REQUIRED = ("state-pid-required", "ST-N1", "runtime.md#state", Warning,
        "state pid is required on linux when the status is created or running");
    /// `state.pid` is not negative.
    STATE_PID_NEGATIVE = ("state-pid-negative", "ST-S1", "runtime.md#state", Error,
        "state pid must not be negative");
    /// `state.status` is one of the four states (the schema's closed enum).
    STATE_STATUS_UNKNOWN = ("state-status-unknown", "ST-S2", "runtime.md#state", Warning,
        "state status outside creating, created, running, stopped fails the v1.3.0 schema");
    /// `ociVersion` of the container process state is SemVer 2.0.0.
    PROCESS_STATE_OCI_VERSION = ("process-state-oci-version-semver", "", "config-linux.md#the-container-process-state", Error,
        "container process state ociVersion must be in semver v2.0.0 format");
    /// The container process state `pid` is not negative.
    PROCESS_STATE_PID = ("process-state-pid-negative", "", "config-linux.md#the-container-process-state", Error,
        "container process state pid must not be negative");
}

/// True when `s` is a SemVer 2.0.0 version (`MAJOR.MINOR.PATCH`, optional
/// `-pre.release` and `+build.meta`).
pub(crate) fn is_semver(s: &str) -> bool {
    parse_semver(s).is_some()
}

/// A SemVer 2.0.0 version split into its numbers and pre-release
/// identifiers (build metadata dropped: it does not count for precedence).
///
/// The crate's one SemVer routine, written byte by byte rather than pulling
/// in the `semver` crate: it needs no allocation, and its numbers stay text
/// (compared by length, then digits), so no version is refused for
/// overflowing an integer.
pub(crate) struct SemVer<'a> {
    core: [&'a str; 3],
    pre: Option<&'a str>,
}

/// Splits `s` into a [`SemVer`]; `None` when it is not a SemVer 2.0.0 version.
pub(crate) fn parse_semver(s: &str) -> Option<SemVer<'_>> {
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    if let Some(build) = build {
        if !build.split('.').all(is_alnum_identifier) {
            return None;
        }
    }
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    if let Some(pre) = pre {
        let ok = pre.split('.').all(|id| {
            is_alnum_identifier(id)
                && (!id.bytes().all(|b| b.is_ascii_digit()) || is_numeric_identifier(id))
        });
        if !ok {
            return None;
        }
    }
    let mut parts = core.split('.');
    let mut nums = [""; 3];
    for n in &mut nums {
        let part = parts.next()?;
        if !is_numeric_identifier(part) {
            return None;
        }
        *n = part;
    }
    if parts.next().is_some() {
        return None;
    }
    Some(SemVer { core: nums, pre })
}

/// SemVer 2.0.0 precedence of `lhs` against `rhs` (§11).
pub(crate) fn cmp_semver(lhs: &SemVer<'_>, rhs: &SemVer<'_>) -> Ordering {
    let core = lhs
        .core
        .iter()
        .zip(&rhs.core)
        .map(|(l, r)| cmp_numeric(l, r))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal);
    core.then_with(|| match (lhs.pre, rhs.pre) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(left), Some(right)) => {
            let mut lefts = left.split('.');
            let mut rights = right.split('.');
            loop {
                match (lefts.next(), rights.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(l), Some(r)) => {
                        let order = match (is_numeric_identifier(l), is_numeric_identifier(r)) {
                            (true, true) => cmp_numeric(l, r),
                            (true, false) => Ordering::Less,
                            (false, true) => Ordering::Greater,
                            (false, false) => l.cmp(r),
                        };
                        if order.is_ne() {
                            return order;
                        }
                    }
                }
            }
        }
    })
}

/// Orders two numeric identifiers (digits, no leading zero) by value.
fn cmp_numeric(l: &str, r: &str) -> Ordering {
    l.len().cmp(&r.len()).then_with(|| l.cmp(r))
}

fn is_numeric_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
}

fn is_alnum_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// True for an absolute path: POSIX (`/x`), a Windows drive path (`C:\x`,
/// `C:/x`) or a Windows UNC or device path (`\\server\x`, `\\?\Volume{…}\`).
pub(crate) fn is_absolute(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'/')
        || b.starts_with(b"\\\\")
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'\\' | b'/'))
}

/// True for a Windows volume GUID path, `\\?\Volume{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}\`
/// (the trailing backslash may be left out).
pub(crate) fn is_volume_guid_path(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("\\\\?\\Volume{") else {
        return false;
    };
    let rest = rest.strip_suffix('\\').unwrap_or(rest);
    let Some(guid) = rest.strip_suffix('}') else {
        return false;
    };
    let groups = [8, 4, 4, 4, 12];
    let mut n = 0;
    for part in guid.split('-') {
        if n >= groups.len()
            || part.len() != groups[n]
            || !part.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return false;
        }
        n += 1;
    }
    n == groups.len()
}

/// The `org.opencontainers.*` keys runtime-spec config.md allows.
pub const RUNTIME_ANNOTATION_KEYS: &[&str] = &[
    "org.opencontainers.image.os",
    "org.opencontainers.image.os.version",
    "org.opencontainers.image.os.features",
    "org.opencontainers.image.architecture",
    "org.opencontainers.image.variant",
    "org.opencontainers.image.author",
    "org.opencontainers.image.created",
    "org.opencontainers.image.stopSignal",
];

/// Keys image-spec's conversion.md prescribes for the runtime config it
/// describes, beyond runtime-spec's list: for `Config.ExposedPorts`,
/// "converters SHOULD set the org.opencontainers.image.exposedPorts
/// annotation". An OCI specification describes them for a runtime config,
/// so they are not reported.
const CONVERSION_ANNOTATION_KEYS: &[&str] = &["org.opencontainers.image.exposedPorts"];

/// Keys image-spec's annotations.md defines for image documents, which a
/// runtime config carries when conversion copies an image's `Labels`
/// (conversion.md maps `Config.Labels` to `annotations`): an OCI
/// specification defines them, and a conforming converter writes them, so
/// they are not reported.
const IMAGE_ANNOTATION_KEYS: &[&str] = &[
    "org.opencontainers.image.authors",
    "org.opencontainers.image.url",
    "org.opencontainers.image.documentation",
    "org.opencontainers.image.source",
    "org.opencontainers.image.version",
    "org.opencontainers.image.revision",
    "org.opencontainers.image.vendor",
    "org.opencontainers.image.licenses",
    "org.opencontainers.image.ref.name",
    "org.opencontainers.image.title",
    "org.opencontainers.image.description",
    "org.opencontainers.image.base.digest",
    "org.opencontainers.image.base.name",
];

/// Checks the keys of a runtime `annotations` map at `annotations`, in
/// key order (so the report does not depend on the map's order).
pub(crate) fn check_annotations(c: &mut Checker, map: &HashMap<String, String>) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_unstable();
    c.field("annotations", |c| {
        for key in keys {
            if key.is_empty() {
                c.key(key, |c| c.report(&ANNOTATION_KEY_EMPTY, "annotation key is empty"));
            } else if (key == "org.opencontainers" || key.starts_with("org.opencontainers."))
                && !RUNTIME_ANNOTATION_KEYS.contains(&key.as_str())
                && !CONVERSION_ANNOTATION_KEYS.contains(&key.as_str())
                && !IMAGE_ANNOTATION_KEYS.contains(&key.as_str())
            {
                c.key(key, |c| {
                    c.report(
                        &ANNOTATION_KEY_RESERVED,
                        format!(
                            "annotation key {} is in the reserved org.opencontainers namespace but is not defined by the runtime spec",
                            quote(key)
                        ),
                    );
                });
            }
        }
    });
}

/// The checks of `process` values that the kernel refuses when the
/// container starts (rlimits past setrlimit(2), `oomScoreAdj` out of
/// range): warnings, as runtime-spec states no rule for them.
pub(crate) fn check_process_values(c: &mut Checker, process: &crate::runtime::Process) {
    if let Some(rlimits) = process.rlimits() {
        c.field("rlimits", |c| {
            for (i, r) in rlimits.iter().enumerate() {
                if r.soft() > r.hard() {
                    c.index(i, |c| {
                        c.report_at(
                            "soft",
                            &RLIMIT_SOFT_ABOVE_HARD,
                            format!(
                                "rlimit {} has soft {} above hard {}: setrlimit(2) refuses it (EINVAL), so the container cannot start",
                                quote(r.typ().as_str()),
                                r.soft(),
                                r.hard()
                            ),
                        );
                    });
                }
            }
        });
    }
    if let Some(adj) = process.oom_score_adj() {
        if !(-1000..=1000).contains(&adj) {
            c.report_at(
                "oomScoreAdj",
                &OOM_SCORE_ADJ_RANGE,
                format!(
                    "oomScoreAdj {adj} is outside -1000..1000: the kernel refuses it (proc(5), EINVAL), so the container cannot start"
                ),
            );
        }
    }
}

/// The checks of `process.scheduler` values that sched_setattr(2) or runc
/// refuse, for a scheduler whose policy is known.
pub(crate) fn check_scheduler_values(c: &mut Checker, s: &crate::runtime::Scheduler) {
    use crate::runtime::LinuxSchedulerPolicy as P;
    let policy = *s.policy();
    let name = policy.as_str();
    let refuse = |c: &mut Checker, member: &'static str, why: String| {
        c.report_at(
            member,
            &SCHEDULER_VALUES,
            format!("{why}: sched_setattr(2) or runc refuses it, so the container cannot start"),
        );
    };
    let realtime = matches!(policy, P::SchedFifo | P::SchedRr);
    match s.priority() {
        Some(p) if realtime && !(1..=99).contains(p) => {
            refuse(
                c,
                "priority",
                format!("priority {p} is outside 1..99 for {name}"),
            );
        }
        Some(p) if !realtime && *p != 0 => {
            refuse(
                c,
                "priority",
                format!("priority {p} is set for {name}: only SCHED_FIFO and SCHED_RR take one"),
            );
        }
        _ => {}
    }
    if let Some(n) = s.nice() {
        if matches!(policy, P::SchedOther | P::SchedBatch) && !(-20..=19).contains(n) {
            refuse(c, "nice", format!("nice {n} is outside -20..19"));
        }
    }
    let (runtime, deadline, period) = (
        s.runtime().unwrap_or(0),
        s.deadline().unwrap_or(0),
        s.period().unwrap_or(0),
    );
    if policy == P::SchedDeadline {
        if deadline == 0 {
            refuse(c, "deadline", "SCHED_DEADLINE has no deadline".to_owned());
        } else if runtime < 1024 || runtime > deadline {
            refuse(
                c,
                "runtime",
                format!(
                    "runtime {runtime} is not within 1024..={deadline} (the deadline) nanoseconds"
                ),
            );
        } else if period != 0 && period < deadline {
            refuse(
                c,
                "period",
                format!("period {period} is below the deadline {deadline}"),
            );
        }
    } else {
        for (member, value) in [
            ("runtime", runtime),
            ("deadline", deadline),
            ("period", period),
        ] {
            if value != 0 {
                refuse(
                    c,
                    member,
                    format!("{member} {value} is set for {name}: only SCHED_DEADLINE takes one"),
                );
            }
        }
    }
}

/// Reports `rule` at member `name` when `path` is not absolute.
pub(crate) fn check_absolute(c: &mut Checker, name: &'static str, path: &str, rule: &'static Rule) {
    if !is_absolute(path) {
        c.report_at(name, rule, format!("path {} is not absolute", quote(path)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver() {
        for ok in [
            "1.0.0",
            "1.3.0",
            "0.5.0-dev",
            "1.0.2-dev",
            "1.0.0-rc.1+build.5",
            "10.20.30",
            "1.0.0-0A.is.legal",
            "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
        ] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "",
            "1",
            "1.0",
            "1.0.0.0",
            "01.0.0",
            "1.00.0",
            "1.0.0-",
            "1.0.0+",
            "1.0.0-01",
            "1.0.0-a..b",
            "v1.0.0",
            "1.0.0 ",
            "1.0.0-ä",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    fn lt(a: &str, b: &str) -> bool {
        match (parse_semver(a), parse_semver(b)) {
            (Some(a), Some(b)) => cmp_semver(&a, &b) == Ordering::Less,
            _ => panic!("{a} or {b} is not semver"),
        }
    }

    #[test]
    fn semver_precedence() {
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.2-dev",
            "1.0.2",
            "1.10.0",
            "2.0.0",
            "99999999999999999999.0.0",
            "100000000000000000000.0.0",
        ];
        for w in chain.windows(2) {
            assert!(lt(w[0], w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(!lt("1.0.0+b", "1.0.0+a"));
        assert!(!lt("1.0.0+a", "1.0.0+b"));
    }

    #[test]
    fn absolute_paths() {
        for ok in [
            "/",
            "/a/b",
            "C:\\x",
            "c:/x",
            "\\\\server\\share",
            "\\\\?\\Volume{x}\\",
        ] {
            assert!(is_absolute(ok), "{ok}");
        }
        for bad in ["", "rootfs", "./x", "C:", "C:x", "\\x"] {
            assert!(!is_absolute(bad), "{bad}");
        }
    }

    #[test]
    fn reserved_namespace_is_the_dotted_prefix() {
        let map: HashMap<String, String> = [
            "org.opencontainersx.a",
            "org.opencontainers.image.os",
            "org.opencontainers.x",
            "org.opencontainers",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), String::new()))
        .collect();
        let mut c = Checker::new();
        check_annotations(&mut c, &map);
        let r = c.finish();
        let paths: Vec<_> = r.violations().iter().map(crate::Violation::path).collect();
        assert_eq!(
            paths,
            [
                "/annotations/org.opencontainers",
                "/annotations/org.opencontainers.x"
            ]
        );
    }

    #[test]
    fn volume_guid() {
        assert!(is_volume_guid_path(
            "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"
        ));
        assert!(is_volume_guid_path(
            "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}"
        ));
        assert!(!is_volume_guid_path("C:\\rootfs"));
        assert!(!is_volume_guid_path(
            "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c}\\"
        ));
    }

    #[test]
    fn rule_names_are_unique_kebab_case() {
        let mut names: Vec<_> = ALL.iter().map(|r| r.name()).collect();
        for n in &names {
            assert!(
                n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{n}"
            );
        }
        names.sort_unstable();
        let len = names.len();
        names.dedup();
        assert_eq!(names.len(), len);
    }
}
