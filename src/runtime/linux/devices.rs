//! Devices and network devices of the container:
//! [runtime-spec v1.3.0, config-linux.md "Devices"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#devices)
//! and [Network Devices](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#network-devices).

use std::path::PathBuf;

use super::is_absolute;
use crate::runtime::rules_linux as rules;
use serde::{Deserialize, Serialize};

use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// A device type: `c`, `b`, `u` or `p` in `linux.devices`; `a`, `c` or
/// `b` in the cgroup allowed-device list (`resources.devices`).
///
/// A closed `Copy` enum, as in `oci-spec`: config-linux.md lists every
/// value, so another value fails to decode (with the path of the member and
/// the values expected) instead of parsing into an `Other` variant. Unlike
/// the other closed enums, an unknown value is not kept beside a stand-in:
/// an allowed-device entry whose type reads as absent means `a`, every
/// device, so keeping it that way would widen the rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinuxDeviceType {
    /// Every device (allowed-device list only); the `Default`, as in `oci-spec`.
    #[default]
    A,
    /// A block device (buffered).
    B,
    /// A character device (unbuffered).
    C,
    /// A character device (unbuffered), as mknod(1) `u`.
    U,
    /// A FIFO.
    P,
}

impl LinuxDeviceType {
    /// Every value, in the order above.
    pub const ALL: &'static [LinuxDeviceType] = &[Self::A, Self::B, Self::C, Self::U, Self::P];

    /// Every value (the earlier name of [`Self::ALL`]).
    pub const KNOWN: &'static [LinuxDeviceType] = Self::ALL;

    /// The value as it is written in JSON: `a`, `b`, `c`, `u` or `p`.
    pub fn as_str(&self) -> &str {
        match self {
            Self::A => "a",
            Self::B => "b",
            Self::C => "c",
            Self::U => "u",
            Self::P => "p",
        }
    }

    /// The device type written `s`, if it is one.
    pub fn from_known(s: &str) -> Option<Self> {
        match s {
            "a" => Some(Self::A),
            "b" => Some(Self::B),
            "c" => Some(Self::C),
            "u" => Some(Self::U),
            "p" => Some(Self::P),
            _ => None,
        }
    }
}

impl std::str::FromStr for LinuxDeviceType {
    type Err = strum::ParseError;
    /// `a`, `b`, `c`, `u` or `p`; anything else is
    /// `strum::ParseError::VariantNotFound` (as `oci-spec`'s strum derive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_known(s).ok_or(strum::ParseError::VariantNotFound)
    }
}

impl TryFrom<&str> for LinuxDeviceType {
    type Error = strum::ParseError;
    /// The same as `FromStr` (as `oci-spec`'s strum derive gives).
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl std::fmt::Display for LinuxDeviceType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for LinuxDeviceType {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Serialize for LinuxDeviceType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for LinuxDeviceType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = LinuxDeviceType;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a device type: a, b, c, u or p")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<LinuxDeviceType, E> {
                LinuxDeviceType::from_known(s).ok_or_else(|| {
                    E::custom(format_args!(
                        "invalid device type {}: expected a, b, c, u or p",
                        quote(s)
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// One entry of `linux.devices`: a device node created in the container.
///
/// `major()` and `minor()` are `i64` as in `oci-spec` (`0` when the document
/// leaves the number out, as it may for a FIFO); `major_option()` and
/// `minor_option()` tell an absent number from `0`, and a parsed document
/// is written back as it was. The builder and `Default` start from
/// `oci-spec`'s values: empty path, type `a`, `0:0`.
#[spec_struct(json = "camelCase", builder_default, access(get, get_mut, set))]
pub struct LinuxDevice {
    /// REQUIRED: the full path of the device inside the container.
    path: PathBuf,

    /// REQUIRED: the device type, `c`, `b`, `u` or `p`.
    #[json(rename = "type")]
    #[access(get_copy, get_mut, set)]
    typ: LinuxDeviceType,

    /// REQUIRED unless `type` is `p`: the major number.
    #[builder(setter(custom))]
    #[access(none)]
    major: Option<i64>,

    /// REQUIRED unless `type` is `p`: the minor number.
    #[builder(setter(custom))]
    #[access(none)]
    minor: Option<i64>,

    /// OPTIONAL: the file mode, a decimal number (the official schema only
    /// allows 0..=511; validation warns above).
    file_mode: Option<u32>,

    /// OPTIONAL: the owner's uid in the container namespace.
    uid: Option<u32>,

    /// OPTIONAL: the group's gid in the container namespace.
    gid: Option<u32>,
}

impl Default for LinuxDevice {
    /// An empty path, type `a`, `0:0` (as `oci-spec`).
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            path: PathBuf::new(),
            typ: LinuxDeviceType::A,
            major: Some(0),
            minor: Some(0),
            file_mode: None,
            uid: None,
            gid: None,
        }
    }
}

impl LinuxDevice {
    /// The major number, `0` when the document has none (as `oci-spec`).
    pub fn major(&self) -> i64 {
        self.major.unwrap_or(0)
    }

    /// The minor number, `0` when the document has none (as `oci-spec`).
    pub fn minor(&self) -> i64 {
        self.minor.unwrap_or(0)
    }

    /// The major number as written: `None` when the document has none.
    pub fn major_option(&self) -> Option<i64> {
        self.major
    }

    /// The minor number as written: `None` when the document has none.
    pub fn minor_option(&self) -> Option<i64> {
        self.minor
    }

    /// Sets the major number.
    pub fn set_major(&mut self, major: i64) -> &mut Self {
        self.major = Some(major);
        self
    }

    /// Sets the minor number.
    pub fn set_minor(&mut self, minor: i64) -> &mut Self {
        self.minor = Some(minor);
        self
    }

    /// The major number, to change in place (an absent number becomes `0`
    /// first, as `oci-spec` read it).
    pub fn major_mut(&mut self) -> &mut i64 {
        self.major.get_or_insert(0)
    }

    /// The minor number, to change in place (an absent number becomes `0`
    /// first, as `oci-spec` read it).
    pub fn minor_mut(&mut self) -> &mut i64 {
        self.minor.get_or_insert(0)
    }

    /// Sets or (with `None`) removes the major number.
    pub fn set_major_option(&mut self, major: Option<i64>) -> &mut Self {
        self.major = major;
        self
    }

    /// Sets or (with `None`) removes the minor number.
    pub fn set_minor_option(&mut self, minor: Option<i64>) -> &mut Self {
        self.minor = minor;
        self
    }
}

impl LinuxDeviceBuilder {
    /// Sets the major number.
    pub fn major<V: Into<i64>>(mut self, major: V) -> Self {
        self.major = Some(Some(major.into()));
        self
    }

    /// Sets the minor number.
    pub fn minor<V: Into<i64>>(mut self, minor: V) -> Self {
        self.minor = Some(Some(minor.into()));
        self
    }

    /// Leaves the major and minor numbers out (a FIFO needs none).
    pub fn without_numbers(mut self) -> Self {
        self.major = Some(None);
        self.minor = Some(None);
        self
    }
}

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
        if self.typ == LinuxDeviceType::A {
            c.report_at(
                "type",
                &rules::DEVICE_TYPE,
                "device type \"a\" is only allowed in resources.devices; expected c, b, u or p",
            );
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
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct LinuxNetDevice {
    /// OPTIONAL: the device's name inside the container (defaults to its
    /// host name).
    name: Option<String>,
}

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
