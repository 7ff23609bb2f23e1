//! Block IO limits, `linux.resources.blockIO`:
//! [runtime-spec v1.3.0, config-linux.md "Block IO"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#block-io).

use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate};

/// A `major:minor weight` entry of `blockIO.weightDevice`.
#[spec_struct(
    json = "camelCase",
    default,
    copy,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxWeightDevice {
    /// REQUIRED: the major number.
    #[json(default, omit_absent)]
    major: i64,

    /// REQUIRED: the minor number.
    #[json(default, omit_absent)]
    minor: i64,

    /// OPTIONAL: the weight (at least one of `weight`, `leafWeight` MUST be set).
    weight: Option<u16>,

    /// OPTIONAL: the leaf weight (CFQ only).
    leaf_weight: Option<u16>,
}

impl Validate for LinuxWeightDevice {
    fn check(&self, c: &mut Checker) {
        if self.weight.is_none() && self.leaf_weight.is_none() {
            c.report(
                &rules::WEIGHT_DEVICE,
                format!(
                    "weightDevice {}:{} has neither weight nor leafWeight",
                    self.major, self.minor
                ),
            );
        }
    }
}

/// A `major:minor rate` entry of the `blockIO.throttle*Device` lists.
///
/// `rate()` is a `u64` as in `oci-spec` (`0` when the document leaves
/// `rate` out); [`LinuxThrottleDevice::rate_option`] tells an absent rate
/// from `0`, and a parsed document without `rate` is written back
/// without it. `Default` and the builder start from rate `0`, as
/// `oci-spec`'s do.
#[spec_struct(json = "camelCase", copy, builder_default, access(get, get_mut, set))]
pub struct LinuxThrottleDevice {
    /// REQUIRED: the major number.
    #[json(default, omit_absent)]
    major: i64,

    /// REQUIRED: the minor number.
    #[json(default, omit_absent)]
    minor: i64,

    /// REQUIRED: the rate (bytes or operations per second). Kept as an
    /// `Option` inside because the official schema lets it out;
    /// validation reports its absence.
    #[builder(setter(custom))]
    #[access(none)]
    rate: Option<u64>,
}

impl Default for LinuxThrottleDevice {
    /// `0:0` with rate `0` (as `oci-spec`).
    fn default() -> Self {
        Self {
            major: 0,
            minor: 0,
            rate: Some(0),
        }
    }
}

impl LinuxThrottleDevice {
    /// The rate, `0` when the document has none (as `oci-spec`'s `rate()`).
    pub fn rate(&self) -> u64 {
        self.rate.unwrap_or(0)
    }

    /// The rate as written: `None` when the document has no `rate`.
    pub fn rate_option(&self) -> Option<u64> {
        self.rate
    }

    /// Sets the rate.
    pub fn set_rate(&mut self, rate: u64) -> &mut Self {
        self.rate = Some(rate);
        self
    }

    /// Sets or (with `None`) removes the rate.
    pub fn set_rate_option(&mut self, rate: Option<u64>) -> &mut Self {
        self.rate = rate;
        self
    }
}

impl LinuxThrottleDeviceBuilder {
    /// Sets the rate (bytes or operations per second).
    pub fn rate<V: Into<u64>>(mut self, rate: V) -> Self {
        self.rate = Some(Some(rate.into()));
        self
    }
}

impl Validate for LinuxThrottleDevice {
    fn check(&self, c: &mut Checker) {
        if self.rate.is_none() {
            c.report(
                &rules::THROTTLE_RATE,
                format!("throttle device {}:{} has no rate", self.major, self.minor),
            );
        }
    }
}

/// `resources.blockIO`: block IO weights and throttling.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxBlockIo {
    /// OPTIONAL: the default weight of the group.
    weight: Option<u16>,

    /// OPTIONAL: the weight against the group's children (CFQ only).
    leaf_weight: Option<u16>,

    /// OPTIONAL: per-device weights.
    #[json(keep)]
    weight_device: Option<Vec<LinuxWeightDevice>>,

    /// OPTIONAL: per-device read limits in bytes per second.
    #[json(keep)]
    throttle_read_bps_device: Option<Vec<LinuxThrottleDevice>>,

    /// OPTIONAL: per-device write limits in bytes per second.
    #[json(keep)]
    throttle_write_bps_device: Option<Vec<LinuxThrottleDevice>>,

    /// OPTIONAL: per-device read limits in operations per second.
    #[json(rename = "throttleReadIOPSDevice")]
    #[json(keep)]
    throttle_read_iops_device: Option<Vec<LinuxThrottleDevice>>,

    /// OPTIONAL: per-device write limits in operations per second.
    #[json(rename = "throttleWriteIOPSDevice")]
    #[json(keep)]
    throttle_write_iops_device: Option<Vec<LinuxThrottleDevice>>,
}

impl Validate for LinuxBlockIo {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &crate::runtime::rules::REQUIRED_MEMBER_ABSENT,
            &[],
        );

        c.check_each("weightDevice", self.weight_device.iter().flatten());
        c.check_each(
            "throttleReadBpsDevice",
            self.throttle_read_bps_device.iter().flatten(),
        );
        c.check_each(
            "throttleWriteBpsDevice",
            self.throttle_write_bps_device.iter().flatten(),
        );
        c.check_each(
            "throttleReadIOPSDevice",
            self.throttle_read_iops_device.iter().flatten(),
        );
        c.check_each(
            "throttleWriteIOPSDevice",
            self.throttle_write_iops_device.iter().flatten(),
        );
    }
}
