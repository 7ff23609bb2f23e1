//! The `windows` section of `config.json`: [runtime-spec v1.3.0, config-windows.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-windows.md).

use derive_builder::Builder;
use getset::{CopyGetters, Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::runtime::rules;
use crate::validate::{Checker, Validate, quote};

/// Windows-specific configuration (`windows`). It MUST be set when the
/// target platform is Windows.
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    CopyGetters,
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
#[getset(get_mut = "pub", set = "pub")]
pub struct Windows {
    /// REQUIRED: the layer folders, topmost first and the scratch layer
    /// last; MUST contain at least one entry. (An `Option` so that partial
    /// documents still parse; validation reports a missing list.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    layer_folders: Option<Vec<String>>,
    /// OPTIONAL: devices to make available in the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    devices: Option<Vec<WindowsDevice>>,
    /// OPTIONAL: resource limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    resources: Option<WindowsResources>,
    /// OPTIONAL: the implementation-defined credential spec (JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    credential_spec: Option<HashMap<String, Option<serde_json::Value>>>,
    /// OPTIONAL: the container is used to service the host OS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    servicing: Option<bool>,
    /// OPTIONAL: ignore flushes during boot (faster image builds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    ignore_flushes_during_boot: Option<bool>,
    /// OPTIONAL: run with Hyper-V isolation; then `root` MUST NOT be set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    hyperv: Option<WindowsHyperV>,
    /// OPTIONAL: network configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    network: Option<WindowsNetwork>,
}

impl_builder!(WindowsBuilder => Windows);

/// A device of a Windows container (`windows.devices[]`).
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
pub struct WindowsDevice {
    /// REQUIRED: the device ID (for `class`, an interface class GUID).
    id: String,
    /// REQUIRED: the kind of `id`; only `class` is defined.
    id_type: String,
}

impl_builder!(WindowsDeviceBuilder => WindowsDevice);

/// Resource limits of a Windows container (`windows.resources`).
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
pub struct WindowsResources {
    /// OPTIONAL: memory limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    memory: Option<WindowsMemoryResources>,
    /// OPTIONAL: CPU limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cpu: Option<WindowsCPUResources>,
    /// OPTIONAL: storage limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage: Option<WindowsStorageResources>,
}

impl_builder!(WindowsResourcesBuilder => WindowsResources);

/// Memory limits (`windows.resources.memory`).
#[derive(
    Builder,
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    CopyGetters,
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
#[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
pub struct WindowsMemoryResources {
    /// OPTIONAL: the memory limit in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit: Option<u64>,
}

impl_builder!(WindowsMemoryResourcesBuilder => WindowsMemoryResources);

/// CPU limits (`windows.resources.cpu`). `count`, `shares` and `maximum`
/// are mutually exclusive.
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    CopyGetters,
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
#[getset(get_mut = "pub", set = "pub")]
pub struct WindowsCPUResources {
    /// OPTIONAL: the number of CPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    count: Option<u64>,
    /// OPTIONAL: the relative CPU weight, 0 to 10000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    shares: Option<u16>,
    /// OPTIONAL: the share of processor cycles in percent times 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    maximum: Option<u16>,
    /// OPTIONAL: the CPU group affinities, an array as the prose and the Go
    /// bindings define it (the v1.3.0 schema's object form is a schema bug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    affinity: Option<Vec<WindowsCPUGroupAffinity>>,
}

impl_builder!(WindowsCPUResourcesBuilder => WindowsCPUResources);

/// One CPU group affinity (`windows.resources.cpu.affinity[]`).
#[derive(
    Builder,
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    CopyGetters,
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
#[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
pub struct WindowsCPUGroupAffinity {
    /// REQUIRED: the processor mask within the group.
    mask: u64,
    /// REQUIRED: the processor group.
    group: u32,
}

impl_builder!(WindowsCPUGroupAffinityBuilder => WindowsCPUGroupAffinity);

/// Storage limits (`windows.resources.storage`).
#[derive(
    Builder,
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    CopyGetters,
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
#[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
pub struct WindowsStorageResources {
    /// OPTIONAL: the maximum IO operations per second of the system drive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iops: Option<u64>,
    /// OPTIONAL: the maximum bytes per second of the system drive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bps: Option<u64>,
    /// OPTIONAL: the minimum size of the system drive in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sandbox_size: Option<u64>,
}

impl_builder!(WindowsStorageResourcesBuilder => WindowsStorageResources);

/// Hyper-V isolation (`windows.hyperv`).
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
pub struct WindowsHyperV {
    /// OPTIONAL: the path to the utility VM image folder.
    #[serde(
        default,
        rename = "utilityVMPath",
        skip_serializing_if = "Option::is_none"
    )]
    utility_vm_path: Option<String>,
}

impl_builder!(WindowsHyperVBuilder => WindowsHyperV);

/// Network configuration (`windows.network`).
#[derive(
    Builder,
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Getters,
    CopyGetters,
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
#[getset(get_mut = "pub", set = "pub")]
pub struct WindowsNetwork {
    /// OPTIONAL: the HNS endpoint IDs to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    endpoint_list: Option<Vec<String>>,
    /// OPTIONAL: allow unqualified DNS name resolution.
    #[serde(
        default,
        rename = "allowUnqualifiedDNSQuery",
        skip_serializing_if = "Option::is_none"
    )]
    #[getset(get_copy = "pub")]
    allow_unqualified_dns_query: Option<bool>,
    /// OPTIONAL: DNS suffixes to use for name resolution.
    #[serde(
        default,
        rename = "DNSSearchList",
        skip_serializing_if = "Option::is_none"
    )]
    #[getset(get = "pub")]
    dns_search_list: Option<Vec<String>>,
    /// OPTIONAL: the container whose network stack is shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    network_shared_container_name: Option<String>,
    /// OPTIONAL: the network namespace; if set, no other network parameter
    /// must be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    network_namespace: Option<String>,
}

impl_builder!(WindowsNetworkBuilder => WindowsNetwork);

impl Validate for Windows {
    fn check(&self, c: &mut Checker) {
        if self.layer_folders.as_ref().is_none_or(Vec::is_empty) {
            c.report_at(
                "layerFolders",
                &rules::WINDOWS_LAYER_FOLDERS,
                "windows.layerFolders is missing or empty",
            );
        }
        if let Some(devices) = &self.devices {
            c.field("devices", |c| {
                for (i, d) in devices.iter().enumerate() {
                    if d.id_type != "class" {
                        c.index(i, |c| {
                            c.report_at(
                                "idType",
                                &rules::WINDOWS_DEVICE_ID_TYPE,
                                format!("device idType {} is not \"class\"", quote(&d.id_type)),
                            );
                        });
                    }
                }
            });
        }
        if let Some(cpu) = self.resources.as_ref().and_then(|r| r.cpu.as_ref()) {
            c.field("resources", |c| {
                c.field("cpu", |c| {
                    let set = [cpu.count.is_some(), cpu.shares.is_some(), cpu.maximum.is_some()];
                    if set.iter().filter(|&&b| b).count() > 1 {
                        c.report(
                            &rules::WINDOWS_CPU_EXCLUSIVE,
                            "more than one of count, shares and maximum is set",
                        );
                    }
                    if cpu.affinity.is_some() {
                        c.report_at(
                            "affinity",
                            &rules::WINDOWS_CPU_AFFINITY_SCHEMA,
                            "affinity is an array here (prose and go bindings); the v1.3.0 schema expects an object",
                        );
                    }
                });
            });
        }
        if let Some(n) = &self.network {
            if n.network_namespace.is_some()
                && (n.endpoint_list.is_some()
                    || n.allow_unqualified_dns_query.is_some()
                    || n.dns_search_list.is_some()
                    || n.network_shared_container_name.is_some())
            {
                c.field("network", |c| {
                    c.report_at(
                        "networkNamespace",
                        &rules::WINDOWS_NETWORK_NAMESPACE,
                        "networkNamespace is set together with other network parameters",
                    );
                });
            }
        }
    }
}
