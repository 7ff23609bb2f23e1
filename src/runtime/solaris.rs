//! The `solaris` section of `config.json`: [runtime-spec v1.3.0, config-solaris.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-solaris.md).
//!
//! Every member is an optional string; no single-document MUST applies.

use crate::spec_struct;

/// Solaris-specific configuration (`solaris`).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct Solaris {
    /// OPTIONAL: the SMF FMRI to wait for before the process starts.
    milestone: Option<String>,
    /// OPTIONAL: the maximum privilege set of the zone (JSON `limitpriv`).
    #[json(rename = "limitpriv")]
    limitpriv: Option<String>,
    /// OPTIONAL: the maximum shared memory of the zone (`zone.max-shm-memory`).
    max_shm_memory: Option<String>,
    /// OPTIONAL: automatic network resources.
    anet: Option<Vec<SolarisAnet>>,
    /// OPTIONAL: the CPU cap.
    #[json(rename = "cappedCPU")]
    capped_cpu: Option<SolarisCappedCPU>,
    /// OPTIONAL: the memory caps.
    capped_memory: Option<SolarisCappedMemory>,
}

/// An automatic network resource (`solaris.anet[]`).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct SolarisAnet {
    /// OPTIONAL: the name of the data link.
    linkname: Option<String>,
    /// OPTIONAL: the underlying link.
    lower_link: Option<String>,
    /// OPTIONAL: the IP addresses the zone may use.
    allowed_address: Option<String>,
    /// OPTIONAL: configure `allowedAddress` automatically (a string, `"true"`).
    configure_allowed_address: Option<String>,
    /// OPTIONAL: the default router.
    defrouter: Option<String>,
    /// OPTIONAL: link protection types.
    link_protection: Option<String>,
    /// OPTIONAL: the MAC address.
    mac_address: Option<String>,
}

/// The CPU cap (`solaris.cappedCPU`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct SolarisCappedCPU {
    /// OPTIONAL: the CPU share in units of CPUs, such as `"8"`.
    ncpus: Option<String>,
}

/// The memory caps (`solaris.cappedMemory`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct SolarisCappedMemory {
    /// OPTIONAL: the physical memory cap, such as `"512m"`.
    physical: Option<String>,
    /// OPTIONAL: the swap cap, such as `"512m"`.
    swap: Option<String>,
}
