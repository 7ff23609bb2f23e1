//! The `freebsd` section of `config.json`: [runtime-spec v1.3.0, config-freebsd.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-freebsd.md)
//! (devices and jail parameters). New in runtime-spec 1.3.0.

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// FreeBSD-specific configuration (`freebsd`).
#[spec_struct(default, access(get, get_mut, set))]
pub struct FreeBSD {
    /// OPTIONAL: devices to make available in the container's devfs.
    devices: Option<Vec<FreeBSDDevice>>,
    /// OPTIONAL: parameters of the jail that holds the container.
    jail: Option<FreeBSDJail>,
}

/// A device of a FreeBSD container (`freebsd.devices[]`).
#[spec_struct(access(get, get_mut, set))]
pub struct FreeBSDDevice {
    /// REQUIRED: the device path relative to `/dev` (the schema does not
    /// require it; the prose does, so a missing path fails to decode).
    path: String,
    /// OPTIONAL: the file mode, written in decimal (`448` is `0o700`).
    mode: Option<u32>,
}

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
#[spec_struct(json = "camelCase", default, access(get, get_mut, set))]
pub struct FreeBSDJail {
    /// OPTIONAL: the parent jail.
    parent: Option<String>,
    /// OPTIONAL: `new` or `inherit` UTS namespace (host name).
    host: Option<FreeBSDSharing>,
    /// OPTIONAL: IPv4 sharing, `inherit` or `disable` (the schema also allows `new`).
    ip4: Option<FreeBSDSharing>,
    /// OPTIONAL: IPv4 addresses of the jail.
    ip4_addr: Option<Vec<String>>,
    /// OPTIONAL: IPv6 sharing, `inherit` or `disable` (the schema also allows `new`).
    ip6: Option<FreeBSDSharing>,
    /// OPTIONAL: IPv6 addresses of the jail.
    ip6_addr: Option<Vec<String>>,
    /// OPTIONAL: `new` or `inherit` network stack (vnet).
    vnet: Option<FreeBSDSharing>,
    /// OPTIONAL: the host interface the jail's addresses are added to.
    interface: Option<String>,
    /// OPTIONAL: interfaces moved into the jail's vnet.
    vnet_interfaces: Option<Vec<String>>,
    /// OPTIONAL: System V message queues: `inherit`, `new` or `disable`.
    #[json(rename = "sysvmsg")]
    sysvmsg: Option<FreeBSDSharing>,
    /// OPTIONAL: System V semaphores: `inherit`, `new` or `disable`.
    #[json(rename = "sysvsem")]
    sysvsem: Option<FreeBSDSharing>,
    /// OPTIONAL: System V shared memory: `inherit`, `new` or `disable`.
    #[json(rename = "sysvshm")]
    sysvshm: Option<FreeBSDSharing>,
    /// OPTIONAL: which mounted filesystems the jail sees with statfs: 0, 1
    /// or 2 (default 2).
    enforce_statfs: Option<i64>,
    /// OPTIONAL: privileges granted to the jail.
    allow: Option<FreeBSDJailAllow>,
}

/// Privileges of the jail (`freebsd.jail.allow`).
#[spec_struct(json = "camelCase", default, access(get, get_mut, set))]
pub struct FreeBSDJailAllow {
    /// OPTIONAL: the jail may set its host name.
    set_hostname: Option<bool>,
    /// OPTIONAL: the jail may use raw sockets.
    raw_sockets: Option<bool>,
    /// OPTIONAL: the jail may change system file flags.
    chflags: Option<bool>,
    /// OPTIONAL: filesystem types the jail may mount.
    mount: Option<Vec<String>>,
    /// OPTIONAL: the jail may administer quotas.
    quotas: Option<bool>,
    /// OPTIONAL: the jail may use any socket address family.
    socket_af: Option<bool>,
    /// OPTIONAL: the jail may lock memory.
    mlock: Option<bool>,
    /// OPTIONAL: the jail's root may bind reserved ports.
    reserved_ports: Option<bool>,
    /// OPTIONAL: the jail's root is privileged.
    suser: Option<bool>,
}

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
