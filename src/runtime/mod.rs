//! The [OCI runtime specification](https://github.com/opencontainers/runtime-spec/tree/v1.3.0),
//! release v1.3.0: `config.json` for every platform, `state.json` and
//! `features.json`.

mod capability;
mod features;
mod freebsd;
mod hooks;
mod linux;
mod miscellaneous;
mod presets;
mod process;
mod process_linux;
pub mod rules;
pub mod rules_linux;
mod solaris;
mod spec;
mod state;
mod vm;
mod windows;
mod zos;

pub use capability::{Capabilities, Capability};
pub use features::{
    Apparmor, ApparmorBuilder, Cgroup, CgroupBuilder, Features, FeaturesBuilder, IDMap,
    IDMapBuilder, IntelRdt, IntelRdtBuilder, LinuxFeature, LinuxFeatureBuilder, MemoryPolicy,
    MemoryPolicyBuilder, MountExtensions, MountExtensionsBuilder, NetDevices, NetDevicesBuilder,
    Seccomp, SeccompBuilder, Selinux, SelinuxBuilder,
};
pub use freebsd::{
    FreeBSD, FreeBSDBuilder, FreeBSDDevice, FreeBSDDeviceBuilder, FreeBSDJail, FreeBSDJailAllow,
    FreeBSDJailAllowBuilder, FreeBSDJailBuilder, FreeBSDSharing,
};
pub use hooks::{Hook, HookBuilder, Hooks, HooksBuilder};
pub use linux::{
    Arch, Linux, LinuxBlockIo, LinuxBlockIoBuilder, LinuxBuilder, LinuxCpu, LinuxCpuBuilder,
    LinuxDevice, LinuxDeviceBuilder, LinuxDeviceCgroup, LinuxDeviceCgroupBuilder, LinuxDeviceType,
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
pub use miscellaneous::{
    Mount, MountBuilder, Root, RootBuilder, get_default_mounts, get_rootless_mounts,
};
pub use process::{
    Box, BoxBuilder, ConsoleSize, ConsoleSizeBuilder, PosixRlimit, PosixRlimitBuilder,
    PosixRlimitType, Process, ProcessBuilder, User, UserBuilder,
};
pub use process_linux::{
    ExecCPUAffinity, ExecCPUAffinityBuilder, IOPriorityClass, LinuxCapabilities,
    LinuxCapabilitiesBuilder, LinuxIOPriority, LinuxIOPriorityBuilder, LinuxSchedulerFlag,
    LinuxSchedulerPolicy, Scheduler, SchedulerBuilder,
};
pub use solaris::{
    Solaris, SolarisAnet, SolarisAnetBuilder, SolarisBuilder, SolarisCappedCPU,
    SolarisCappedCPUBuilder, SolarisCappedMemory, SolarisCappedMemoryBuilder,
};
pub use spec::{Spec, SpecBuilder};
pub use state::{
    ContainerProcessState, ContainerProcessStateBuilder, ContainerState, SECCOMP_FD_NAME, State,
    StateBuilder,
};
pub use vm::{
    VM, VM_IMAGE_FORMATS, VMBuilder, VMHwConfig, VMHwConfigBuilder, VMHypervisor,
    VMHypervisorBuilder, VMImage, VMImageBuilder, VMIoMem, VMIoMemBuilder, VMKernel,
    VMKernelBuilder,
};
pub use windows::{
    Windows, WindowsBuilder, WindowsCPUGroupAffinity, WindowsCPUGroupAffinityBuilder,
    WindowsCPUResources, WindowsCPUResourcesBuilder, WindowsDevice, WindowsDeviceBuilder,
    WindowsHyperV, WindowsHyperVBuilder, WindowsMemoryResources, WindowsMemoryResourcesBuilder,
    WindowsNetwork, WindowsNetworkBuilder, WindowsResources, WindowsResourcesBuilder,
    WindowsStorageResources, WindowsStorageResourcesBuilder,
};
pub use zos::{ZOS, ZOSBuilder, ZOSNamespace, ZOSNamespaceBuilder, ZOSNamespaceType};

/// The runtime-spec release this module models.
pub const VERSION: &str = "1.3.0";
/// The major number of [`VERSION`].
pub const VERSION_MAJOR: u32 = 1;
/// The minor number of [`VERSION`].
pub const VERSION_MINOR: u32 = 3;
/// The patch number of [`VERSION`].
pub const VERSION_PATCH: u32 = 0;
/// The pre-release suffix of [`VERSION`] (empty for a release).
pub const VERSION_DEV: &str = "";

/// [`VERSION`] as an owned string (the `oci-spec` function).
pub fn version() -> String {
    VERSION.to_owned()
}
