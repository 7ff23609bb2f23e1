//! The `solaris` section of `config.json`: [runtime-spec v1.3.0, config-solaris.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-solaris.md).
//!
//! Every member is an optional string; no single-document MUST applies.

use derive_builder::Builder;
use getset::{Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

/// Solaris-specific configuration (`solaris`).
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    MutGetters,
    Setters,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[builder(
    default,
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct Solaris {
    /// OPTIONAL: the SMF FMRI to wait for before the process starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    milestone: Option<String>,
    /// OPTIONAL: the maximum privilege set of the zone (JSON `limitpriv`).
    #[serde(default, rename = "limitpriv", skip_serializing_if = "Option::is_none")]
    limitpriv: Option<String>,
    /// OPTIONAL: the maximum shared memory of the zone (`zone.max-shm-memory`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_shm_memory: Option<String>,
    /// OPTIONAL: automatic network resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    anet: Option<Vec<SolarisAnet>>,
    /// OPTIONAL: the CPU cap.
    #[serde(default, rename = "cappedCPU", skip_serializing_if = "Option::is_none")]
    capped_cpu: Option<SolarisCappedCPU>,
    /// OPTIONAL: the memory caps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    capped_memory: Option<SolarisCappedMemory>,
}

impl_builder!(SolarisBuilder => Solaris);

/// An automatic network resource (`solaris.anet[]`).
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    MutGetters,
    Setters,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[builder(
    default,
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct SolarisAnet {
    /// OPTIONAL: the name of the data link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    linkname: Option<String>,
    /// OPTIONAL: the underlying link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lower_link: Option<String>,
    /// OPTIONAL: the IP addresses the zone may use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allowed_address: Option<String>,
    /// OPTIONAL: configure `allowedAddress` automatically (a string, `"true"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    configure_allowed_address: Option<String>,
    /// OPTIONAL: the default router.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    defrouter: Option<String>,
    /// OPTIONAL: link protection types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link_protection: Option<String>,
    /// OPTIONAL: the MAC address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mac_address: Option<String>,
}

impl_builder!(SolarisAnetBuilder => SolarisAnet);

/// The CPU cap (`solaris.cappedCPU`).
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    MutGetters,
    Setters,
    Serialize,
    Deserialize,
)]
#[builder(
    default,
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct SolarisCappedCPU {
    /// OPTIONAL: the CPU share in units of CPUs, such as `"8"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ncpus: Option<String>,
}

impl_builder!(SolarisCappedCPUBuilder => SolarisCappedCPU);

/// The memory caps (`solaris.cappedMemory`).
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    MutGetters,
    Setters,
    Serialize,
    Deserialize,
)]
#[builder(
    default,
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct SolarisCappedMemory {
    /// OPTIONAL: the physical memory cap, such as `"512m"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    physical: Option<String>,
    /// OPTIONAL: the swap cap, such as `"512m"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    swap: Option<String>,
}

impl_builder!(SolarisCappedMemoryBuilder => SolarisCappedMemory);
