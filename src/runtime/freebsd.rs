//! The `freebsd` section of `config.json`: [runtime-spec v1.3.0, config-freebsd.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-freebsd.md)
//! (devices and jail parameters). New in runtime-spec 1.3.0.

use derive_builder::Builder;
use getset::{CopyGetters, Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

use crate::runtime::rules;
use crate::validate::{Checker, Validate, quote};

/// FreeBSD-specific configuration (`freebsd`).
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
pub struct FreeBSD {
    /// OPTIONAL: devices to make available in the container's devfs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    devices: Option<Vec<FreeBSDDevice>>,
    /// OPTIONAL: parameters of the jail that holds the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    jail: Option<FreeBSDJail>,
}

impl_builder!(FreeBSDBuilder => FreeBSD);

/// A device of a FreeBSD container (`freebsd.devices[]`).
#[derive(
    Builder,
    Clone,
    Debug,
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
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get_mut = "pub", set = "pub")]
pub struct FreeBSDDevice {
    /// REQUIRED: the device path relative to `/dev` (the schema does not
    /// require it; the prose does, so a missing path fails to decode).
    #[getset(get = "pub")]
    path: String,
    /// OPTIONAL: the file mode, written in decimal (`448` is `0o700`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    mode: Option<u32>,
}

impl_builder!(FreeBSDDeviceBuilder => FreeBSDDevice);

open_enum! {
    /// How a jail shares a resource with its parent (`freebsd.jail.host`,
    /// `vnet`, `ip4`, `ip6`, `sysvmsg`, `sysvsem`, `sysvshm`).
    pub enum FreeBSDSharing {
        /// A new, separate instance.
        New = "new",
        /// Share the parent's.
        Inherit = "inherit",
        /// Disabled (not allowed for `host` and `vnet`).
        Disable = "disable",
    }
}

/// Jail parameters (`freebsd.jail`).
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
#[getset(get_mut = "pub", set = "pub")]
pub struct FreeBSDJail {
    /// OPTIONAL: the parent jail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    parent: Option<String>,
    /// OPTIONAL: `new` or `inherit` UTS namespace (host name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    host: Option<FreeBSDSharing>,
    /// OPTIONAL: IPv4 sharing, `inherit` or `disable` (the schema also allows `new`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    ip4: Option<FreeBSDSharing>,
    /// OPTIONAL: IPv4 addresses of the jail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    ip4_addr: Option<Vec<String>>,
    /// OPTIONAL: IPv6 sharing, `inherit` or `disable` (the schema also allows `new`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    ip6: Option<FreeBSDSharing>,
    /// OPTIONAL: IPv6 addresses of the jail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    ip6_addr: Option<Vec<String>>,
    /// OPTIONAL: `new` or `inherit` network stack (vnet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    vnet: Option<FreeBSDSharing>,
    /// OPTIONAL: the host interface the jail's addresses are added to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    interface: Option<String>,
    /// OPTIONAL: interfaces moved into the jail's vnet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    vnet_interfaces: Option<Vec<String>>,
    /// OPTIONAL: System V message queues: `inherit`, `new` or `disable`.
    #[serde(default, rename = "sysvmsg", skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    sysvmsg: Option<FreeBSDSharing>,
    /// OPTIONAL: System V semaphores: `inherit`, `new` or `disable`.
    #[serde(default, rename = "sysvsem", skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    sysvsem: Option<FreeBSDSharing>,
    /// OPTIONAL: System V shared memory: `inherit`, `new` or `disable`.
    #[serde(default, rename = "sysvshm", skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    sysvshm: Option<FreeBSDSharing>,
    /// OPTIONAL: which mounted filesystems the jail sees with statfs: 0, 1
    /// or 2 (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    enforce_statfs: Option<i64>,
    /// OPTIONAL: privileges granted to the jail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    allow: Option<FreeBSDJailAllow>,
}

impl_builder!(FreeBSDJailBuilder => FreeBSDJail);

/// Privileges of the jail (`freebsd.jail.allow`).
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
#[getset(get_mut = "pub", set = "pub")]
pub struct FreeBSDJailAllow {
    /// OPTIONAL: the jail may set its host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    set_hostname: Option<bool>,
    /// OPTIONAL: the jail may use raw sockets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    raw_sockets: Option<bool>,
    /// OPTIONAL: the jail may change system file flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    chflags: Option<bool>,
    /// OPTIONAL: filesystem types the jail may mount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get = "pub")]
    mount: Option<Vec<String>>,
    /// OPTIONAL: the jail may administer quotas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    quotas: Option<bool>,
    /// OPTIONAL: the jail may use any socket address family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    socket_af: Option<bool>,
    /// OPTIONAL: the jail may lock memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    mlock: Option<bool>,
    /// OPTIONAL: the jail's root may bind reserved ports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    reserved_ports: Option<bool>,
    /// OPTIONAL: the jail's root is privileged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default)]
    #[getset(get_copy = "pub")]
    suser: Option<bool>,
}

impl_builder!(FreeBSDJailAllowBuilder => FreeBSDJailAllow);

fn check_sharing(
    c: &mut Checker,
    name: &'static str,
    value: Option<&FreeBSDSharing>,
    allow_disable: bool,
) {
    let Some(v) = value else { return };
    if v.is_other() {
        c.report_at(
            name,
            &rules::FREEBSD_SHARING_UNKNOWN,
            format!(
                "jail {name} {} is not new, inherit or disable",
                quote(v.as_str())
            ),
        );
    } else if !allow_disable && *v == FreeBSDSharing::Disable {
        c.report_at(
            name,
            &rules::FREEBSD_JAIL_SHARING,
            format!(
                "jail {name} {} must be \"new\" or \"inherit\"",
                quote(v.as_str())
            ),
        );
    }
}

impl Validate for FreeBSD {
    fn check(&self, c: &mut Checker) {
        if let Some(devices) = &self.devices {
            c.field("devices", |c| {
                for (i, d) in devices.iter().enumerate() {
                    if let Some(mode) = d.mode.filter(|&m| m > 0o777) {
                        c.index(i, |c| {
                            c.report_at(
                                "mode",
                                &rules::FREEBSD_DEVICE_MODE,
                                format!("device mode {mode} is above 511 (0o777)"),
                            );
                        });
                    }
                }
            });
        }
        if let Some(jail) = &self.jail {
            c.field("jail", |c| {
                check_sharing(c, "host", jail.host.as_ref(), false);
                check_sharing(c, "ip4", jail.ip4.as_ref(), true);
                check_sharing(c, "ip6", jail.ip6.as_ref(), true);
                check_sharing(c, "vnet", jail.vnet.as_ref(), false);
                check_sharing(c, "sysvmsg", jail.sysvmsg.as_ref(), true);
                check_sharing(c, "sysvsem", jail.sysvsem.as_ref(), true);
                check_sharing(c, "sysvshm", jail.sysvshm.as_ref(), true);
                if let Some(e) = jail.enforce_statfs.filter(|e| !(0..=2).contains(e)) {
                    c.report_at(
                        "enforceStatfs",
                        &rules::FREEBSD_ENFORCE_STATFS,
                        format!("enforceStatfs {e} is not 0, 1 or 2"),
                    );
                }
            });
        }
    }
}
