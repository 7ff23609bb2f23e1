//! The `vm` section of `config.json`: [runtime-spec v1.3.0, config-vm.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-vm.md),
//! for virtual-machine-based runtimes.
//!
//! The hardware configuration is written under the key `hwConfig`, as the
//! prose and the schema spell it. The Go bindings of v1.3.0 spell it
//! `hwconfig`; that spelling is accepted when reading.

use std::path::PathBuf;

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The image formats config-vm.md lists as commonly supported.
pub const VM_IMAGE_FORMATS: &[&str] = &["raw", "qcow2", "vdi", "vmdk", "vhd"];

/// Virtual-machine configuration (`vm`).
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct VM {
    /// OPTIONAL: the hypervisor that manages the VM.
    hypervisor: Option<VMHypervisor>,
    /// REQUIRED: the kernel to boot.
    kernel: VMKernel,
    /// OPTIONAL: the root image of the VM.
    image: Option<VMImage>,
    /// OPTIONAL: hardware passed through to the VM (JSON `hwConfig`; the Go
    /// spelling `hwconfig` is accepted when reading).
    #[json(rename = "hwConfig", alias = "hwconfig")]
    hw_config: Option<VMHwConfig>,
}

/// The hypervisor (`vm.hypervisor`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct VMHypervisor {
    /// REQUIRED: the hypervisor binary; MUST be an absolute path.
    path: PathBuf,
    /// OPTIONAL: parameters for the hypervisor.
    parameters: Option<Vec<String>>,
}

/// The kernel (`vm.kernel`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct VMKernel {
    /// REQUIRED: the kernel image; MUST be an absolute path.
    path: PathBuf,
    /// OPTIONAL: kernel command-line parameters.
    parameters: Option<Vec<String>>,
    /// OPTIONAL: the initial ramdisk; MUST be an absolute path.
    initrd: Option<String>,
}

/// The root image (`vm.image`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct VMImage {
    /// REQUIRED: the image file; MUST be an absolute path.
    path: PathBuf,
    /// The image format: `raw`, `qcow2`, `vdi`, `vmdk` or `vhd`. REQUIRED by
    /// the prose and the schema, but the prose also says an unset value
    /// means `raw`, so a missing format is accepted (`None`) and written
    /// back as absent. `Default` leaves it out (`oci-spec` wrote `""`,
    /// which is not a format).
    #[access(none)]
    #[builder(setter(custom))]
    format: Option<String>,
}

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
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct VMHwConfig {
    /// OPTIONAL: the container device-tree file passed to the VM.
    device_tree: Option<String>,
    /// OPTIONAL: the number of virtual CPUs.
    vcpus: Option<u32>,
    /// OPTIONAL: the maximum memory in bytes.
    memory: Option<u64>,
    /// OPTIONAL: host device-tree nodes passed through (JSON `dtdevs`).
    #[json(rename = "dtdevs")]
    dtdevs: Option<Vec<String>>,
    /// OPTIONAL: I/O memory pages the VM may access (JSON `iomems`).
    #[json(rename = "iomems")]
    #[json(keep)]
    iomems: Option<Vec<VMIoMem>>,
    /// OPTIONAL: physical IRQs the VM may access.
    irqs: Option<Vec<u32>>,
}

/// One I/O memory range (`vm.hwConfig.iomems[]`).
#[spec_struct(copy, access(get, get_mut, set))]
pub struct VMIoMem {
    /// OPTIONAL: the guest frame number to map the range at (default: `firstMFN`).
    #[json(rename = "firstGFN")]
    first_gfn: Option<u64>,
    /// REQUIRED: the first physical page number.
    #[json(rename = "firstMFN")]
    first_mfn: u64,
    /// REQUIRED: the number of pages.
    #[json(rename = "nrMFNs")]
    nr_mfns: u64,
}

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
