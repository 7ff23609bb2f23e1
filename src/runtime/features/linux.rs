//! The `linux` member of `features.json`:
//! [runtime-spec v1.3.0, features-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features-linux.md).

use super::warn_unknown_values;
use crate::json::spec::ClosedEnum;
use crate::runtime::rules_linux as rules;
use crate::runtime::{
    Arch, Capability, LinuxNamespaceType, LinuxSeccompAction, LinuxSeccompFilterFlag,
    LinuxSeccompOperator, MemoryPolicyFlagType, MemoryPolicyModeType,
};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The `linux` member of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxFeature {
    /// OPTIONAL: the namespace types the runtime recognizes (a type the
    /// crate does not know is kept beside them and written back).
    #[json(keep)]
    namespaces: Option<Vec<LinuxNamespaceType>>,

    /// OPTIONAL: the capabilities the runtime recognizes, as written
    /// (`CAP_SYS_ADMIN`), in the document's order (strings, as in
    /// `oci-spec`).
    capabilities: Option<Vec<String>>,

    /// OPTIONAL: cgroup support.
    cgroup: Option<Cgroup>,

    /// OPTIONAL: seccomp support.
    seccomp: Option<Seccomp>,

    /// OPTIONAL: AppArmor support.
    apparmor: Option<Apparmor>,

    /// OPTIONAL: SELinux support.
    selinux: Option<Selinux>,

    /// OPTIONAL: Intel RDT support.
    intel_rdt: Option<IntelRdt>,

    /// OPTIONAL: memory policy support (missing from the official
    /// schema, defined by the prose).
    memory_policy: Option<MemoryPolicy>,

    /// OPTIONAL: mount extensions.
    mount_extensions: Option<MountExtensions>,

    /// OPTIONAL: `linux.netDevices` support.
    net_devices: Option<NetDevices>,
}

/// `linux.cgroup` of `features.json`: which cgroup setups the runtime
/// supports.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get_ref, get_mut, set)
)]
pub struct Cgroup {
    /// OPTIONAL: cgroup v1.
    v1: Option<bool>,

    /// OPTIONAL: cgroup v2.
    v2: Option<bool>,

    /// OPTIONAL: the systemd cgroup driver.
    systemd: Option<bool>,

    /// OPTIONAL: the user-scoped systemd cgroup driver.
    systemd_user: Option<bool>,

    /// OPTIONAL: the rdma controller.
    rdma: Option<bool>,
}

/// `linux.seccomp` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct Seccomp {
    /// OPTIONAL: seccomp support is compiled in.
    #[access(get_ref, get_mut, set)]
    enabled: Option<bool>,

    /// OPTIONAL: the recognized actions (an action the crate does not know
    /// is kept beside them and written back).
    #[json(keep)]
    actions: Option<Vec<LinuxSeccompAction>>,

    /// OPTIONAL: the recognized operators (strings, as in `oci-spec`).
    operators: Option<Vec<String>>,

    /// OPTIONAL: the recognized architectures (an architecture the crate
    /// does not know is kept beside them and written back).
    #[json(keep)]
    archs: Option<Vec<Arch>>,

    /// OPTIONAL: the recognized flags (strings, as in `oci-spec`).
    known_flags: Option<Vec<String>>,

    /// OPTIONAL: the supported flags, possibly a subset of `knownFlags`
    /// (strings, as in `oci-spec`).
    supported_flags: Option<Vec<String>>,
}

/// `linux.apparmor` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get_ref, get_mut, set)
)]
pub struct Apparmor {
    /// OPTIONAL: AppArmor support is compiled in.
    enabled: Option<bool>,
}

/// `linux.selinux` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get_ref, get_mut, set)
)]
pub struct Selinux {
    /// OPTIONAL: SELinux support is compiled in.
    enabled: Option<bool>,
}

/// `linux.intelRdt` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get_ref, get_mut, set)
)]
pub struct IntelRdt {
    /// OPTIONAL: Intel RDT support is compiled in.
    enabled: Option<bool>,

    /// OPTIONAL: `linux.intelRdt.schemata` is supported (not in the
    /// official schema).
    schemata: Option<bool>,

    /// OPTIONAL: `linux.intelRdt.enableMonitoring` is supported (not in
    /// the official schema).
    monitoring: Option<bool>,
}

/// `linux.memoryPolicy` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct MemoryPolicy {
    /// OPTIONAL: the recognized modes (strings, as in `oci-spec`).
    modes: Option<Vec<String>>,

    /// OPTIONAL: the recognized flags (strings, as in `oci-spec`).
    flags: Option<Vec<String>>,
}

/// `linux.mountExtensions` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct MountExtensions {
    /// OPTIONAL: idmapped mounts.
    #[json(rename = "idmap")]
    idmap: Option<IDMap>,
}

/// `linux.mountExtensions.idmap` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get_ref, get_mut, set)
)]
pub struct IDMap {
    /// OPTIONAL: idmapped mounts (`uidMappings`/`gidMappings` of
    /// mounts) are recognized.
    enabled: Option<bool>,
}

/// `linux.netDevices` of `features.json`.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get_ref, get_mut, set)
)]
pub struct NetDevices {
    /// OPTIONAL: `linux.netDevices` is supported.
    enabled: Option<bool>,
}

/// The features' unknown-value rule for a kept unknown value.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the callback type of report_unknown_values"
)]
fn unknown_rule(
    _: &[&'static str],
    _: &serde_json::Value,
) -> Option<(&'static crate::validate::Rule, &'static str)> {
    Some((&rules::FEATURES_UNKNOWN_VALUE, "value"))
}

/// A string of a list the crate knows the values of, for
/// `warn_unknown_values`.
fn known<T: ClosedEnum>(s: &str) -> bool {
    T::from_json(s).is_some()
}

impl Validate for LinuxFeature {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_unknown_values(c, &self.rest, unknown_rule);
        warn_unknown_values(
            c,
            "capabilities",
            self.capabilities.as_ref(),
            |s| !known::<Capability>(s),
            String::as_str,
        );
        c.check_opt("seccomp", self.seccomp.as_ref());
        c.check_opt("memoryPolicy", self.memory_policy.as_ref());
    }
}

impl Validate for Seccomp {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_unknown_values(c, &self.rest, unknown_rule);
        warn_unknown_values(
            c,
            "operators",
            self.operators.as_ref(),
            |s| !known::<LinuxSeccompOperator>(s),
            String::as_str,
        );
        warn_unknown_values(
            c,
            "knownFlags",
            self.known_flags.as_ref(),
            |s| !known::<LinuxSeccompFilterFlag>(s),
            String::as_str,
        );
        warn_unknown_values(
            c,
            "supportedFlags",
            self.supported_flags.as_ref(),
            |s| !known::<LinuxSeccompFilterFlag>(s),
            String::as_str,
        );
        if let (Some(known), Some(supported)) = (&self.known_flags, &self.supported_flags) {
            c.field("supportedFlags", |c| {
                for (i, f) in supported.iter().enumerate() {
                    if !known.contains(f) {
                        c.index(i, |c| {
                            c.report(
                                &rules::FEATURES_SUPPORTED_FLAGS,
                                format!("supported flag {} is not in knownFlags", quote(f)),
                            );
                        });
                    }
                }
            });
        }
    }
}

impl Validate for MemoryPolicy {
    fn check(&self, c: &mut Checker) {
        warn_unknown_values(
            c,
            "modes",
            self.modes.as_ref(),
            |s| !known::<MemoryPolicyModeType>(s),
            String::as_str,
        );
        warn_unknown_values(
            c,
            "flags",
            self.flags.as_ref(),
            |s| !known::<MemoryPolicyFlagType>(s),
            String::as_str,
        );
    }
}
