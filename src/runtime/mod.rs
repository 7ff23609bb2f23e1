//! The [OCI runtime specification](https://github.com/opencontainers/runtime-spec/tree/v1.3.0),
//! release v1.3.0: `config.json` for every platform, `state.json` and
//! `features.json`.

mod capability;
mod features;
mod linux;
pub mod rules_linux;

pub use capability::{Capabilities, Capability};
pub use features::{
    Apparmor, ApparmorBuilder, Cgroup, CgroupBuilder, Features, FeaturesBuilder, IDMap,
    IDMapBuilder, IntelRdt, IntelRdtBuilder, LinuxFeature, LinuxFeatureBuilder, MemoryPolicy,
    MemoryPolicyBuilder, MountExtensions, MountExtensionsBuilder, NetDevices, NetDevicesBuilder,
    Seccomp, SeccompBuilder, Selinux, SelinuxBuilder,
};
pub use linux::Linux;
pub use linux::{
    Arch, LinuxBlockIo, LinuxBlockIoBuilder, LinuxBuilder, LinuxCpu, LinuxCpuBuilder, LinuxDevice,
    LinuxDeviceBuilder, LinuxDeviceCgroup, LinuxDeviceCgroupBuilder, LinuxDeviceType,
    LinuxHugepageLimit, LinuxHugepageLimitBuilder, LinuxIdMapping, LinuxIdMappingBuilder,
    LinuxIntelRdt, LinuxIntelRdtBuilder, LinuxInterfacePriority, LinuxInterfacePriorityBuilder,
    LinuxMemory, LinuxMemoryBuilder, LinuxMemoryPolicy, LinuxMemoryPolicyBuilder, LinuxNamespace,
    LinuxNamespaceBuilder, LinuxNamespaceType, LinuxNetDevice, LinuxNetDeviceBuilder, LinuxNetwork,
    LinuxNetworkBuilder, LinuxPersonality, LinuxPersonalityBuilder, LinuxPersonalityDomain,
    LinuxPids, LinuxPidsBuilder, LinuxRdma, LinuxRdmaBuilder, LinuxResources,
    LinuxResourcesBuilder, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg,
    LinuxSeccompArgBuilder, LinuxSeccompBuilder, LinuxSeccompFilterFlag, LinuxSeccompOperator,
    LinuxSyscall, LinuxSyscallBuilder, LinuxThrottleDevice, LinuxThrottleDeviceBuilder,
    LinuxTimeOffset, LinuxTimeOffsetBuilder, LinuxWeightDevice, LinuxWeightDeviceBuilder,
    MemoryPolicyFlagType, MemoryPolicyModeType, ROOTFS_PROPAGATION_VALUES, get_default_maskedpaths,
    get_default_namespaces, get_default_readonly_paths,
};

/// The runtime-spec release this module models.
pub const VERSION: &str = "1.3.0";
