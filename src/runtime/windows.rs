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
    /// OPTIONAL: resource limits (`Copy`, as in `oci-spec`: what the
    /// value cannot hold, such as `cpu.affinity`, is kept here and written
    /// back; see [`Windows::cpu_affinity`]).
    #[json(keep)]
    #[access(get_copy, get_mut, set)]
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

/// Resource limits of a Windows container (`windows.resources`). `Copy`,
/// as in `oci-spec`: its unknown members (and those of its parts) are kept
/// by the [`Windows`] that contains it.
#[spec_struct(default, copy, builder_default, access(get_copy, get_mut, set))]
pub struct WindowsResources {
    /// OPTIONAL: memory limits.
    #[json(keep)]
    memory: Option<WindowsMemoryResources>,
    /// OPTIONAL: CPU limits.
    #[json(keep)]
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
/// are mutually exclusive. `Copy`, as in `oci-spec`, so it cannot hold the
/// `affinity` list (runtime-spec 1.3): that is kept by the [`Windows`] that
/// contains it and written back ([`Windows::cpu_affinity`] reads it,
/// [`Windows::set_cpu_affinity`] sets it).
#[spec_struct(default, copy, builder_default, access(get, get_mut, set))]
pub struct WindowsCPUResources {
    /// OPTIONAL: the number of CPUs.
    count: Option<u64>,
    /// OPTIONAL: the relative CPU weight, 0 to 10000.
    shares: Option<u16>,
    /// OPTIONAL: the share of processor cycles in percent times 100.
    maximum: Option<u16>,
}

/// One CPU group affinity (`windows.resources.cpu.affinity[]`), as
/// [`Windows::cpu_affinity`] gives them.
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

/// The member of `windows.resources.cpu` that [`WindowsCPUResources`]
/// (`Copy`) cannot hold.
const AFFINITY: &str = "affinity";

impl Windows {
    /// The hidden part of `resources.cpu`: where its `affinity` and unknown
    /// members are kept.
    fn kept_cpu(&self) -> Option<&crate::json::spec::Rest> {
        use crate::json::spec::Kept;
        let Some(Kept::Struct(resources)) = self.rest.kept("resources") else {
            return None;
        };
        match resources.kept("cpu") {
            Some(Kept::Struct(cpu)) => Some(cpu),
            _ => None,
        }
    }

    /// `resources.cpu.affinity` as it was read or set (runtime-spec 1.3:
    /// an array of `{mask, group}`): kept here because
    /// [`WindowsCPUResources`] is `Copy`, as in `oci-spec`. `None` when
    /// absent, when `resources` or `resources.cpu` is `None`, or when the
    /// member is not such an array (it is still written back as it was).
    pub fn cpu_affinity(&self) -> Option<Vec<WindowsCPUGroupAffinity>> {
        self.resources.and_then(|r| r.cpu)?;
        let value = self.kept_cpu()?.members().get(AFFINITY)?;
        serde_json::from_value(value.clone()).ok()
    }

    /// Sets `resources.cpu.affinity` (`None` removes it). Setting a list
    /// also sets `resources` and `resources.cpu` to their defaults where
    /// they are `None`, so that the list is written.
    pub fn set_cpu_affinity(
        &mut self,
        affinity: Option<Vec<WindowsCPUGroupAffinity>>,
    ) -> &mut Self {
        use crate::json::spec::{Kept, Rest};
        let value = match affinity {
            Some(list) => {
                let mut resources = self.resources.unwrap_or_default();
                if resources.cpu.is_none() {
                    resources.cpu = Some(WindowsCPUResources::default());
                }
                self.resources = Some(resources);
                Some(serde_json::Value::Array(
                    list.iter()
                        .map(|a| serde_json::json!({"mask": a.mask(), "group": a.group()}))
                        .collect(),
                ))
            }
            None => None,
        };
        let mut resources = match self.rest.kept("resources") {
            Some(Kept::Struct(r)) => r.clone(),
            _ => Rest::default(),
        };
        let mut cpu = match resources.kept("cpu") {
            Some(Kept::Struct(c)) => c.clone(),
            _ => Rest::default(),
        };
        if let Some(v) = value {
            cpu.members_mut().insert(AFFINITY.to_owned(), v);
        } else if cpu.members().contains_key(AFFINITY) {
            cpu.members_mut().remove(AFFINITY);
        } else {
            return self;
        }
        // Nothing left kept is no entry (so that values compare equal).
        if cpu.is_empty() {
            resources.remove_kept("cpu");
        } else {
            resources.set_kept("cpu", Kept::Struct(cpu));
        }
        if resources.is_empty() {
            self.rest.remove_kept("resources");
        } else {
            self.rest.set_kept("resources", Kept::Struct(resources));
        }
        self
    }
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
        if let Some(cpu) = self.resources.and_then(|r| r.cpu) {
            c.field("resources", |c| {
                c.field("cpu", |c| {
                    let set = [cpu.count.is_some(), cpu.shares.is_some(), cpu.maximum.is_some()];
                    if set.iter().filter(|&&b| b).count() > 1 {
                        c.report(
                            &rules::WINDOWS_CPU_EXCLUSIVE,
                            "more than one of count, shares and maximum is set",
                        );
                    }
                    if let Some(value) = self.kept_cpu().and_then(|k| k.members().get(AFFINITY)) {
                        if self.cpu_affinity().is_some() {
                            c.report_at(
                                "affinity",
                                &rules::WINDOWS_CPU_AFFINITY_SCHEMA,
                                "affinity is an array here (prose and go bindings); the v1.3.0 schema expects an object",
                            );
                        } else {
                            let what = match value {
                                serde_json::Value::Array(_) => "an array with an entry that is not {mask, group}",
                                serde_json::Value::Object(_) => "an object (the v1.3.0 schema's form)",
                                _ => "not an array",
                            };
                            c.report_at(
                                "affinity",
                                &rules::WINDOWS_CPU_AFFINITY,
                                format!("affinity is {what}; expected an array of {{mask, group}}"),
                            );
                        }
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
