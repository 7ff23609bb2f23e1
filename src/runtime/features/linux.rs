//! The `linux` member of `features.json`:
//! [runtime-spec v1.3.0, features-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features-linux.md).

use derive_builder::Builder;
use getset::{Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

use super::warn_unknown_values;
use crate::runtime::rules_linux as rules;
use crate::runtime::{
    Arch, Capability, LinuxNamespaceType, LinuxSeccompAction, LinuxSeccompFilterFlag,
    LinuxSeccompOperator, MemoryPolicyFlagType, MemoryPolicyModeType,
};
use crate::validate::{Checker, Validate, quote};

feature_struct! {
    /// The `linux` member of `features.json`.
    pub struct LinuxFeature {
        /// OPTIONAL: the namespace types the runtime recognizes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        namespaces: Option<Vec<LinuxNamespaceType>>,

        /// OPTIONAL: the capabilities the runtime recognizes (in the
        /// document's order). (`oci-spec` has strings.)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        capabilities: Option<Vec<Capability>>,

        /// OPTIONAL: cgroup support.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cgroup: Option<Cgroup>,

        /// OPTIONAL: seccomp support.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seccomp: Option<Seccomp>,

        /// OPTIONAL: AppArmor support.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        apparmor: Option<Apparmor>,

        /// OPTIONAL: SELinux support.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        selinux: Option<Selinux>,

        /// OPTIONAL: Intel RDT support.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        intel_rdt: Option<IntelRdt>,

        /// OPTIONAL: memory policy support (missing from the official
        /// schema, defined by the prose).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        memory_policy: Option<MemoryPolicy>,

        /// OPTIONAL: mount extensions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mount_extensions: Option<MountExtensions>,

        /// OPTIONAL: `linux.netDevices` support.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        net_devices: Option<NetDevices>,
    }
}

impl_builder!(LinuxFeatureBuilder => LinuxFeature);

feature_struct! {
    /// `linux.cgroup` of `features.json`: which cgroup setups the runtime
    /// supports.
    pub struct Cgroup {
        /// OPTIONAL: cgroup v1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        v1: Option<bool>,

        /// OPTIONAL: cgroup v2.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        v2: Option<bool>,

        /// OPTIONAL: the systemd cgroup driver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        systemd: Option<bool>,

        /// OPTIONAL: the user-scoped systemd cgroup driver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        systemd_user: Option<bool>,

        /// OPTIONAL: the rdma controller.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rdma: Option<bool>,
    }
}

impl_builder!(CgroupBuilder => Cgroup);

feature_struct! {
    /// `linux.seccomp` of `features.json`.
    pub struct Seccomp {
        /// OPTIONAL: seccomp support is compiled in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,

        /// OPTIONAL: the recognized actions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<Vec<LinuxSeccompAction>>,

        /// OPTIONAL: the recognized operators. (`oci-spec` has strings.)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operators: Option<Vec<LinuxSeccompOperator>>,

        /// OPTIONAL: the recognized architectures.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        archs: Option<Vec<Arch>>,

        /// OPTIONAL: the recognized flags. (`oci-spec` has strings.)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        known_flags: Option<Vec<LinuxSeccompFilterFlag>>,

        /// OPTIONAL: the supported flags, possibly a subset of `knownFlags`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supported_flags: Option<Vec<LinuxSeccompFilterFlag>>,
    }
}

impl_builder!(SeccompBuilder => Seccomp);

feature_struct! {
    /// `linux.apparmor` of `features.json`.
    pub struct Apparmor {
        /// OPTIONAL: AppArmor support is compiled in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    }
}

impl_builder!(ApparmorBuilder => Apparmor);

feature_struct! {
    /// `linux.selinux` of `features.json`.
    pub struct Selinux {
        /// OPTIONAL: SELinux support is compiled in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    }
}

impl_builder!(SelinuxBuilder => Selinux);

feature_struct! {
    /// `linux.intelRdt` of `features.json`.
    pub struct IntelRdt {
        /// OPTIONAL: Intel RDT support is compiled in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,

        /// OPTIONAL: `linux.intelRdt.schemata` is supported (not in the
        /// official schema).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        schemata: Option<bool>,

        /// OPTIONAL: `linux.intelRdt.enableMonitoring` is supported (not in
        /// the official schema).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        monitoring: Option<bool>,
    }
}

impl_builder!(IntelRdtBuilder => IntelRdt);

feature_struct! {
    /// `linux.memoryPolicy` of `features.json`.
    pub struct MemoryPolicy {
        /// OPTIONAL: the recognized modes. (`oci-spec` has strings.)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        modes: Option<Vec<MemoryPolicyModeType>>,

        /// OPTIONAL: the recognized flags. (`oci-spec` has strings.)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        flags: Option<Vec<MemoryPolicyFlagType>>,
    }
}

impl_builder!(MemoryPolicyBuilder => MemoryPolicy);

feature_struct! {
    /// `linux.mountExtensions` of `features.json`.
    pub struct MountExtensions {
        /// OPTIONAL: idmapped mounts.
        #[serde(default, rename = "idmap", skip_serializing_if = "Option::is_none")]
        idmap: Option<IDMap>,
    }
}

impl_builder!(MountExtensionsBuilder => MountExtensions);

feature_struct! {
    /// `linux.mountExtensions.idmap` of `features.json`.
    pub struct IDMap {
        /// OPTIONAL: idmapped mounts (`uidMappings`/`gidMappings` of
        /// mounts) are recognized.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    }
}

impl_builder!(IDMapBuilder => IDMap);

feature_struct! {
    /// `linux.netDevices` of `features.json`.
    pub struct NetDevices {
        /// OPTIONAL: `linux.netDevices` is supported.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    }
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
