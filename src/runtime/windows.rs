//! The `windows` section of `config.json`: [runtime-spec v1.3.0, config-windows.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-windows.md).

use std::collections::HashMap;

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// Windows-specific configuration (`windows`). It MUST be set when the
/// target platform is Windows.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct Windows {
    /// REQUIRED: the layer folders, topmost first and the scratch layer
    /// last; MUST contain at least one entry. (An `Option` so that partial
    /// documents still parse; validation reports a missing list.)
    layer_folders: Option<Vec<String>>,
    /// OPTIONAL: devices to make available in the container.
    devices: Option<Vec<WindowsDevice>>,
    /// OPTIONAL: resource limits.
    resources: Option<WindowsResources>,
    /// OPTIONAL: the implementation-defined credential spec (JSON object).
    credential_spec: Option<HashMap<String, Option<serde_json::Value>>>,
    /// OPTIONAL: the container is used to service the host OS.
    servicing: Option<bool>,
    /// OPTIONAL: ignore flushes during boot (faster image builds).
    ignore_flushes_during_boot: Option<bool>,
    /// OPTIONAL: run with Hyper-V isolation; then `root` MUST NOT be set.
    hyperv: Option<WindowsHyperV>,
    /// OPTIONAL: network configuration.
    network: Option<WindowsNetwork>,
}

/// A device of a Windows container (`windows.devices[]`).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct WindowsDevice {
    /// REQUIRED: the device ID (for `class`, an interface class GUID).
    id: String,
    /// REQUIRED: the kind of `id`; only `class` is defined.
    id_type: String,
}

/// Resource limits of a Windows container (`windows.resources`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct WindowsResources {
    /// OPTIONAL: memory limits.
    #[json(keep)]
    memory: Option<WindowsMemoryResources>,
    /// OPTIONAL: CPU limits.
    cpu: Option<WindowsCPUResources>,
    /// OPTIONAL: storage limits.
    #[json(keep)]
    storage: Option<WindowsStorageResources>,
}

/// Memory limits (`windows.resources.memory`).
#[spec_struct(default, copy, builder_default, access(get, get_mut, set))]
pub struct WindowsMemoryResources {
    /// OPTIONAL: the memory limit in bytes.
    limit: Option<u64>,
}

/// CPU limits (`windows.resources.cpu`). `count`, `shares` and `maximum`
/// are mutually exclusive.
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct WindowsCPUResources {
    /// OPTIONAL: the number of CPUs.
    count: Option<u64>,
    /// OPTIONAL: the relative CPU weight, 0 to 10000.
    shares: Option<u16>,
    /// OPTIONAL: the share of processor cycles in percent times 100.
    maximum: Option<u16>,
    /// OPTIONAL: the CPU group affinities, an array as the prose and the Go
    /// bindings define it (the v1.3.0 schema's object form is a schema bug).
    #[json(keep)]
    affinity: Option<Vec<WindowsCPUGroupAffinity>>,
}

/// One CPU group affinity (`windows.resources.cpu.affinity[]`).
#[spec_struct(default, copy, builder_default, access(get, get_mut, set))]
pub struct WindowsCPUGroupAffinity {
    /// REQUIRED: the processor mask within the group.
    mask: u64,
    /// REQUIRED: the processor group.
    group: u32,
}

/// Storage limits (`windows.resources.storage`).
#[spec_struct(
    json = "camelCase",
    default,
    copy,
    builder_default,
    access(get, get_mut, set)
)]
pub struct WindowsStorageResources {
    /// OPTIONAL: the maximum IO operations per second of the system drive.
    iops: Option<u64>,
    /// OPTIONAL: the maximum bytes per second of the system drive.
    bps: Option<u64>,
    /// OPTIONAL: the minimum size of the system drive in bytes.
    sandbox_size: Option<u64>,
}

/// Hyper-V isolation (`windows.hyperv`).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct WindowsHyperV {
    /// OPTIONAL: the path to the utility VM image folder.
    #[json(rename = "utilityVMPath")]
    utility_vm_path: Option<String>,
}

/// Network configuration (`windows.network`).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct WindowsNetwork {
    /// OPTIONAL: the HNS endpoint IDs to attach.
    endpoint_list: Option<Vec<String>>,
    /// OPTIONAL: allow unqualified DNS name resolution.
    #[json(rename = "allowUnqualifiedDNSQuery")]
    allow_unqualified_dns_query: Option<bool>,
    /// OPTIONAL: DNS suffixes to use for name resolution.
    #[json(rename = "DNSSearchList")]
    dns_search_list: Option<Vec<String>>,
    /// OPTIONAL: the container whose network stack is shared.
    network_shared_container_name: Option<String>,
    /// OPTIONAL: the network namespace; if set, no other network parameter
    /// must be.
    network_namespace: Option<String>,
}

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
