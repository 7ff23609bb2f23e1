//! Devices and network devices of the container:
//! [runtime-spec v1.3.0, config-linux.md "Devices"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#devices)
//! and [Network Devices](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#network-devices).

use std::path::PathBuf;

use derive_builder::Builder;
use getset::{CopyGetters, Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

use super::is_absolute;
use crate::runtime::rules_linux as rules;
use crate::validate::{Checker, Validate, quote};

open_enum! {
    /// A device type: `c`, `b`, `u` or `p` in `linux.devices`; `a`, `c` or
    /// `b` in the cgroup allowed-device list (`resources.devices`).
    pub enum LinuxDeviceType {
        /// Every device (allowed-device list only).
        A = "a",
        /// A block device (buffered).
        B = "b",
        /// A character device (unbuffered).
        C = "c",
        /// A character device (unbuffered), as mknod(1) `u`.
        U = "u",
        /// A FIFO.
        P = "p",
    }
}

/// `a` (all devices), as in `oci-spec`.
impl Default for LinuxDeviceType {
    fn default() -> Self {
        Self::A
    }
}

/// One entry of `linux.devices`: a device node created in the container.
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
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
pub struct LinuxDevice {
    /// REQUIRED: the full path of the device inside the container.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    path: PathBuf,

    /// REQUIRED: the device type, `c`, `b`, `u` or `p`.
    #[serde(rename = "type")]
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    typ: LinuxDeviceType,

    /// REQUIRED unless `type` is `p`: the major number. (`oci-spec` has a
    /// plain `i64` that turns "absent" into 0.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    major: Option<i64>,

    /// REQUIRED unless `type` is `p`: the minor number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    minor: Option<i64>,

    /// OPTIONAL: the file mode, a decimal number (the official schema only
    /// allows 0..=511; validation warns above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    file_mode: Option<u32>,

    /// OPTIONAL: the owner's uid in the container namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    uid: Option<u32>,

    /// OPTIONAL: the group's gid in the container namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    gid: Option<u32>,
}

impl_builder!(LinuxDeviceBuilder => LinuxDevice);

impl Validate for LinuxDevice {
    fn check(&self, c: &mut Checker) {
        if !is_absolute(&self.path) {
            c.report_at(
                "path",
                &rules::DEVICE_PATH_ABSOLUTE,
                format!(
                    "device path {} is not absolute",
                    quote(&self.path.to_string_lossy())
                ),
            );
        }
        match &self.typ {
            t if t.is_other() => c.report_at(
                "type",
                &rules::DEVICE_TYPE_UNKNOWN,
                format!(
                    "device type {} is not one this crate knows",
                    quote(t.as_str())
                ),
            ),
            LinuxDeviceType::A => c.report_at(
                "type",
                &rules::DEVICE_TYPE,
                "device type \"a\" is only allowed in resources.devices; expected c, b, u or p",
            ),
            _ => {}
        }
        if self.typ != LinuxDeviceType::P {
            for (name, v) in [("major", self.major), ("minor", self.minor)] {
                if v.is_none() {
                    c.report(
                        &rules::DEVICE_MAJOR_MINOR,
                        format!(
                            "device of type {} has no {name} number",
                            quote(self.typ.as_str())
                        ),
                    );
                }
            }
        }
        if let Some(mode) = self.file_mode {
            if mode > 0o777 {
                c.report_at(
                    "fileMode",
                    &rules::DEVICE_FILE_MODE,
                    format!("fileMode {mode} is above 511"),
                );
            }
        }
    }
}

/// A network device moved into the container (a value of
/// `linux.netDevices`, keyed by the device's name on the host).
///
/// An absent `name` is not written: `{}` stays `{}` (never `"name": null`).
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
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct LinuxNetDevice {
    /// OPTIONAL: the device's name inside the container (defaults to its
    /// host name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    name: Option<String>,
}

impl_builder!(LinuxNetDeviceBuilder => LinuxNetDevice);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_needs_no_numbers() {
        let d: LinuxDevice = serde_json::from_str(r#"{"path":"/dev/fifo","type":"p"}"#).unwrap();
        assert!(d.validate().is_clean());
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"path":"/dev/fifo","type":"p"}"#
        );
    }

    #[test]
    fn net_device_without_name_has_no_null() {
        let d = LinuxNetDeviceBuilder::default().build().unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "{}");
    }
}
