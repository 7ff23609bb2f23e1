//! Block IO limits, `linux.resources.blockIO`:
//! [runtime-spec v1.3.0, config-linux.md "Block IO"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#block-io).

use derive_builder::Builder;
use getset::{CopyGetters, Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

use crate::runtime::rules_linux as rules;
use crate::validate::{Checker, Validate};

linux_struct! {
    /// A `major:minor weight` entry of `blockIO.weightDevice`.
    #[derive(Copy)]
    pub struct LinuxWeightDevice {
        /// REQUIRED: the major number.
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        major: i64,

        /// REQUIRED: the minor number.
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        minor: i64,

        /// OPTIONAL: the weight (at least one of `weight`, `leafWeight` MUST be set).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        weight: Option<u16>,

        /// OPTIONAL: the leaf weight (CFQ only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        leaf_weight: Option<u16>,
    }
}

impl_builder!(LinuxWeightDeviceBuilder => LinuxWeightDevice);

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

linux_struct! {
    /// A `major:minor rate` entry of the `blockIO.throttle*Device` lists.
    #[derive(Copy)]
    pub struct LinuxThrottleDevice {
        /// REQUIRED: the major number.
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        major: i64,

        /// REQUIRED: the minor number.
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        minor: i64,

        /// REQUIRED: the rate (bytes or operations per second). An `Option`
        /// because the official schema lets it out; validation reports its
        /// absence. (`oci-spec` has a plain `u64`.)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        rate: Option<u64>,
    }
}

impl_builder!(LinuxThrottleDeviceBuilder => LinuxThrottleDevice);

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

linux_struct! {
    /// `resources.blockIO`: block IO weights and throttling.
    pub struct LinuxBlockIo {
        /// OPTIONAL: the default weight of the group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        weight: Option<u16>,

        /// OPTIONAL: the weight against the group's children (CFQ only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
        leaf_weight: Option<u16>,

        /// OPTIONAL: per-device weights.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get = "pub", get_mut = "pub", set = "pub")]
        weight_device: Option<Vec<LinuxWeightDevice>>,

        /// OPTIONAL: per-device read limits in bytes per second.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get = "pub", get_mut = "pub", set = "pub")]
        throttle_read_bps_device: Option<Vec<LinuxThrottleDevice>>,

        /// OPTIONAL: per-device write limits in bytes per second.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get = "pub", get_mut = "pub", set = "pub")]
        throttle_write_bps_device: Option<Vec<LinuxThrottleDevice>>,

        /// OPTIONAL: per-device read limits in operations per second.
        #[serde(default, rename = "throttleReadIOPSDevice", skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get = "pub", get_mut = "pub", set = "pub")]
        throttle_read_iops_device: Option<Vec<LinuxThrottleDevice>>,

        /// OPTIONAL: per-device write limits in operations per second.
        #[serde(default, rename = "throttleWriteIOPSDevice", skip_serializing_if = "Option::is_none")]
        #[builder(default)]
        #[getset(get = "pub", get_mut = "pub", set = "pub")]
        throttle_write_iops_device: Option<Vec<LinuxThrottleDevice>>,
    }
}

impl_builder!(LinuxBlockIoBuilder => LinuxBlockIo);

impl Validate for LinuxBlockIo {
    fn check(&self, c: &mut Checker) {
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
