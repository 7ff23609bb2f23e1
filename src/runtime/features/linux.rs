//! The `linux` member of `features.json`:
//! [runtime-spec v1.3.0, features-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features-linux.md).

use super::warn_unknown_values;
use crate::runtime::rules_linux as rules;
use crate::runtime::{
    Arch, Capability, LinuxNamespaceType, LinuxSeccompAction, LinuxSeccompFilterFlag,
    LinuxSeccompOperator, MemoryPolicyFlagType, MemoryPolicyModeType,
};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The `linux` member of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct LinuxFeature {
    /// OPTIONAL: the namespace types the runtime recognizes.
    namespaces: Option<Vec<LinuxNamespaceType>>,

    /// OPTIONAL: the capabilities the runtime recognizes (in the
    /// document's order). (`oci-spec` has strings.)
    capabilities: Option<Vec<Capability>>,

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

impl_builder!(LinuxFeatureBuilder => LinuxFeature);

/// `linux.cgroup` of `features.json`: which cgroup setups the runtime
/// supports.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
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

impl_builder!(CgroupBuilder => Cgroup);

/// `linux.seccomp` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct Seccomp {
    /// OPTIONAL: seccomp support is compiled in.
    enabled: Option<bool>,

    /// OPTIONAL: the recognized actions.
    actions: Option<Vec<LinuxSeccompAction>>,

    /// OPTIONAL: the recognized operators. (`oci-spec` has strings.)
    operators: Option<Vec<LinuxSeccompOperator>>,

    /// OPTIONAL: the recognized architectures.
    archs: Option<Vec<Arch>>,

    /// OPTIONAL: the recognized flags. (`oci-spec` has strings.)
    known_flags: Option<Vec<LinuxSeccompFilterFlag>>,

    /// OPTIONAL: the supported flags, possibly a subset of `knownFlags`.
    supported_flags: Option<Vec<LinuxSeccompFilterFlag>>,
}

impl_builder!(SeccompBuilder => Seccomp);

/// `linux.apparmor` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct Apparmor {
    /// OPTIONAL: AppArmor support is compiled in.
    enabled: Option<bool>,
}

impl_builder!(ApparmorBuilder => Apparmor);

/// `linux.selinux` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct Selinux {
    /// OPTIONAL: SELinux support is compiled in.
    enabled: Option<bool>,
}

impl_builder!(SelinuxBuilder => Selinux);

/// `linux.intelRdt` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
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

impl_builder!(IntelRdtBuilder => IntelRdt);

/// `linux.memoryPolicy` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct MemoryPolicy {
    /// OPTIONAL: the recognized modes. (`oci-spec` has strings.)
    modes: Option<Vec<MemoryPolicyModeType>>,

    /// OPTIONAL: the recognized flags. (`oci-spec` has strings.)
    flags: Option<Vec<MemoryPolicyFlagType>>,
}

impl_builder!(MemoryPolicyBuilder => MemoryPolicy);

/// `linux.mountExtensions` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct MountExtensions {
    /// OPTIONAL: idmapped mounts.
    #[json(rename = "idmap")]
    idmap: Option<IDMap>,
}

impl_builder!(MountExtensionsBuilder => MountExtensions);

/// `linux.mountExtensions.idmap` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct IDMap {
    /// OPTIONAL: idmapped mounts (`uidMappings`/`gidMappings` of
    /// mounts) are recognized.
    enabled: Option<bool>,
}

impl_builder!(IDMapBuilder => IDMap);

/// `linux.netDevices` of `features.json`.
#[spec_struct(json = "camelCase", default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct NetDevices {
    /// OPTIONAL: `linux.netDevices` is supported.
    enabled: Option<bool>,
}

impl_builder!(NetDevicesBuilder => NetDevices);

impl Validate for LinuxFeature {
    fn check(&self, c: &mut Checker) {
        warn_unknown_values(
            c,
            "namespaces",
            self.namespaces.as_ref(),
            LinuxNamespaceType::is_other,
            LinuxNamespaceType::as_str,
        );
        warn_unknown_values(
            c,
            "capabilities",
            self.capabilities.as_ref(),
            Capability::is_other,
            Capability::as_str,
        );
        c.check_opt("seccomp", self.seccomp.as_ref());
        c.check_opt("memoryPolicy", self.memory_policy.as_ref());
    }
}

impl Validate for Seccomp {
    fn check(&self, c: &mut Checker) {
        warn_unknown_values(
            c,
            "actions",
            self.actions.as_ref(),
            LinuxSeccompAction::is_other,
            LinuxSeccompAction::as_str,
        );
        warn_unknown_values(
            c,
            "operators",
            self.operators.as_ref(),
            LinuxSeccompOperator::is_other,
            LinuxSeccompOperator::as_str,
        );
        warn_unknown_values(
            c,
            "archs",
            self.archs.as_ref(),
            Arch::is_other,
            Arch::as_str,
        );
        warn_unknown_values(
            c,
            "knownFlags",
            self.known_flags.as_ref(),
            LinuxSeccompFilterFlag::is_other,
            LinuxSeccompFilterFlag::as_str,
        );
        warn_unknown_values(
            c,
            "supportedFlags",
            self.supported_flags.as_ref(),
            LinuxSeccompFilterFlag::is_other,
            LinuxSeccompFilterFlag::as_str,
        );
        if let (Some(known), Some(supported)) = (&self.known_flags, &self.supported_flags) {
            c.field("supportedFlags", |c| {
                for (i, f) in supported.iter().enumerate() {
                    if !known.contains(f) {
                        c.index(i, |c| {
                            c.report(
                                &rules::FEATURES_SUPPORTED_FLAGS,
                                format!(
                                    "supported flag {} is not in knownFlags",
                                    quote(f.as_str())
                                ),
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
            MemoryPolicyModeType::is_other,
            MemoryPolicyModeType::as_str,
        );
        warn_unknown_values(
            c,
            "flags",
            self.flags.as_ref(),
            MemoryPolicyFlagType::is_other,
            MemoryPolicyFlagType::as_str,
        );
    }
}
