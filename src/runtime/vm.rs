//! The `vm` section of `config.json`: [runtime-spec v1.3.0, config-vm.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-vm.md),
//! for virtual-machine-based runtimes.
//!
//! The hardware configuration is written under the key `hwConfig`, as the
//! prose and the schema spell it. The Go bindings of v1.3.0 spell it
//! `hwconfig`; that spelling is accepted when reading.

use std::path::PathBuf;

use derive_builder::Builder;
use getset::{CopyGetters, Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

use crate::runtime::rules;
use crate::validate::{Checker, Validate, quote};

/// The image formats config-vm.md lists as commonly supported.
pub const VM_IMAGE_FORMATS: &[&str] = &["raw", "qcow2", "vdi", "vmdk", "vhd"];

/// Virtual-machine configuration (`vm`).
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
pub struct VM {
    /// OPTIONAL: the hypervisor that manages the VM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hypervisor: Option<VMHypervisor>,
    /// REQUIRED: the kernel to boot.
    kernel: VMKernel,
    /// OPTIONAL: the root image of the VM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image: Option<VMImage>,
    /// OPTIONAL: hardware passed through to the VM (JSON `hwConfig`; the Go
    /// spelling `hwconfig` is accepted when reading).
    #[serde(
        default,
        rename = "hwConfig",
        alias = "hwconfig",
        skip_serializing_if = "Option::is_none"
    )]
    hw_config: Option<VMHwConfig>,
}

impl_builder!(VMBuilder => VM);

/// The hypervisor (`vm.hypervisor`).
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
pub struct VMHypervisor {
    /// REQUIRED: the hypervisor binary; MUST be an absolute path.
    path: PathBuf,
    /// OPTIONAL: parameters for the hypervisor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parameters: Option<Vec<String>>,
}

impl_builder!(VMHypervisorBuilder => VMHypervisor);

/// The kernel (`vm.kernel`).
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
pub struct VMKernel {
    /// REQUIRED: the kernel image; MUST be an absolute path.
    path: PathBuf,
    /// OPTIONAL: kernel command-line parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parameters: Option<Vec<String>>,
    /// OPTIONAL: the initial ramdisk; MUST be an absolute path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initrd: Option<String>,
}

impl_builder!(VMKernelBuilder => VMKernel);

/// The root image (`vm.image`).
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
pub struct VMImage {
    /// REQUIRED: the image file; MUST be an absolute path.
    path: PathBuf,
    /// The image format: `raw`, `qcow2`, `vdi`, `vmdk` or `vhd`. REQUIRED by
    /// the prose and the schema, but the prose also says an unset value
    /// means `raw`, so a missing format is accepted (`None`) and written
    /// back as absent. `Default` leaves it out (`oci-spec` wrote `""`,
    /// which is not a format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(skip)]
    #[builder(setter(custom))]
    format: Option<String>,
}

impl_builder!(VMImageBuilder => VMImage);

/// The `format()` of an image without one.
const NO_FORMAT: &String = &String::new();

impl VMImage {
    /// The image format, `&String` as in `oci-spec` (empty when the
    /// document has none, which means `raw`).
    pub fn format(&self) -> &String {
        self.format.as_ref().unwrap_or(NO_FORMAT)
    }

    /// The image format as written: `None` when the document has none.
    pub fn format_option(&self) -> Option<&String> {
        self.format.as_ref()
    }

    /// Sets the image format.
    pub fn set_format(&mut self, format: String) -> &mut Self {
        self.format = Some(format);
        self
    }

    /// Sets or (with `None`) removes the image format.
    pub fn set_format_option(&mut self, format: Option<String>) -> &mut Self {
        self.format = format;
        self
    }
}

impl VMImageBuilder {
    /// Sets the image format.
    pub fn format<V: Into<String>>(mut self, format: V) -> Self {
        self.format = Some(Some(format.into()));
        self
    }
}

/// Hardware passed through to the VM (`vm.hwConfig`).
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
pub struct VMHwConfig {
    /// OPTIONAL: the container device-tree file passed to the VM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    device_tree: Option<String>,
    /// OPTIONAL: the number of virtual CPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    vcpus: Option<u32>,
    /// OPTIONAL: the maximum memory in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    memory: Option<u64>,
    /// OPTIONAL: host device-tree nodes passed through (JSON `dtdevs`).
    #[serde(default, rename = "dtdevs", skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    dtdevs: Option<Vec<String>>,
    /// OPTIONAL: I/O memory pages the VM may access (JSON `iomems`).
    #[serde(default, rename = "iomems", skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    iomems: Option<Vec<VMIoMem>>,
    /// OPTIONAL: physical IRQs the VM may access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    irqs: Option<Vec<u32>>,
}

impl_builder!(VMHwConfigBuilder => VMHwConfig);

/// One I/O memory range (`vm.hwConfig.iomems[]`).
#[derive(
    Builder,
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    CopyGetters,
    MutGetters,
    Setters,
    Serialize,
    Deserialize,
)]
#[builder(
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
pub struct VMIoMem {
    /// OPTIONAL: the guest frame number to map the range at (default: `firstMFN`).
    #[serde(default, rename = "firstGFN", skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    first_gfn: Option<u64>,
    /// REQUIRED: the first physical page number.
    #[serde(rename = "firstMFN")]
    first_mfn: u64,
    /// REQUIRED: the number of pages.
    #[serde(rename = "nrMFNs")]
    nr_mfns: u64,
}

impl_builder!(VMIoMemBuilder => VMIoMem);

impl Validate for VM {
    fn check(&self, c: &mut Checker) {
        if let Some(h) = &self.hypervisor {
            c.field("hypervisor", |c| {
                rules::check_absolute(
                    c,
                    "path",
                    &h.path.to_string_lossy(),
                    &rules::VM_PATH_ABSOLUTE,
                );
            });
        }
        c.field("kernel", |c| {
            rules::check_absolute(
                c,
                "path",
                &self.kernel.path.to_string_lossy(),
                &rules::VM_PATH_ABSOLUTE,
            );
            if let Some(initrd) = &self.kernel.initrd {
                rules::check_absolute(c, "initrd", initrd, &rules::VM_PATH_ABSOLUTE);
            }
        });
        if let Some(image) = &self.image {
            c.field("image", |c| {
                rules::check_absolute(
                    c,
                    "path",
                    &image.path.to_string_lossy(),
                    &rules::VM_PATH_ABSOLUTE,
                );
                match &image.format {
                    Some(f) if !VM_IMAGE_FORMATS.contains(&f.as_str()) => c.report_at(
                        "format",
                        &rules::VM_IMAGE_FORMAT,
                        format!(
                            "image format {} is not one of {VM_IMAGE_FORMATS:?}",
                            quote(f)
                        ),
                    ),
                    None => c.report(
                        &rules::VM_IMAGE_FORMAT,
                        "image format is not set (means raw; the v1.3.0 schema requires it)",
                    ),
                    _ => {}
                }
            });
        }
        if let Some(hw) = &self.hw_config {
            if hw.irqs.is_some() {
                c.field("hwConfig", |c| {
                    c.report_at(
                        "irqs",
                        &rules::VM_HWCONFIG_SCHEMA,
                        "irqs cannot be evaluated by the v1.3.0 schema ($ref \"#definitions/uint32\")",
                    );
                });
            }
        }
    }
}
