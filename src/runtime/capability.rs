//! Linux capabilities as used in `process.capabilities` and in
//! `features.json`: [runtime-spec v1.3.0, config.md "Linux Process"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#linux-process).
//!
//! Names are written with their `CAP_` prefix, the one string form used for
//! serde, `Display` and `FromStr`. A capability this crate does not know
//! (a newer kernel's) parses into [`Capability::Other`] and round-trips.

use std::collections::BTreeSet;

open_enum! {
    /// A Linux capability, such as `CAP_SYS_ADMIN` (see capabilities(7)).
    ///
    /// ```
    /// use oci_model::runtime::Capability;
    ///
    /// let cap: Capability = "CAP_SYS_ADMIN".parse().unwrap();
    /// assert_eq!(cap, Capability::SysAdmin);
    /// assert_eq!(cap.to_string(), "CAP_SYS_ADMIN");
    /// let new: Capability = "CAP_FUTURE_THING".parse().unwrap();
    /// assert!(new.is_other());
    /// ```
    pub enum Capability {
        /// Configure the kernel audit subsystem.
        AuditControl = "CAP_AUDIT_CONTROL",
        /// Read the audit log through a multicast netlink socket.
        AuditRead = "CAP_AUDIT_READ",
        /// Write records to the kernel audit log.
        AuditWrite = "CAP_AUDIT_WRITE",
        /// Employ features that can block system suspend.
        BlockSuspend = "CAP_BLOCK_SUSPEND",
        /// Use privileged BPF operations (Linux 5.8).
        Bpf = "CAP_BPF",
        /// Use checkpoint/restore operations (Linux 5.9).
        CheckpointRestore = "CAP_CHECKPOINT_RESTORE",
        /// Make arbitrary changes to file UIDs and GIDs.
        Chown = "CAP_CHOWN",
        /// Bypass file read, write and execute permission checks.
        DacOverride = "CAP_DAC_OVERRIDE",
        /// Bypass file read and directory read/execute permission checks.
        DacReadSearch = "CAP_DAC_READ_SEARCH",
        /// Bypass permission checks on operations that require the file owner's UID.
        Fowner = "CAP_FOWNER",
        /// Keep set-user-ID and set-group-ID bits when a file is modified.
        Fsetid = "CAP_FSETID",
        /// Lock memory.
        IpcLock = "CAP_IPC_LOCK",
        /// Bypass permission checks on System V IPC objects.
        IpcOwner = "CAP_IPC_OWNER",
        /// Bypass permission checks for sending signals.
        Kill = "CAP_KILL",
        /// Establish leases on arbitrary files.
        Lease = "CAP_LEASE",
        /// Set the append-only and immutable inode flags.
        LinuxImmutable = "CAP_LINUX_IMMUTABLE",
        /// Override or configure Mandatory Access Control.
        MacAdmin = "CAP_MAC_ADMIN",
        /// Override Mandatory Access Control.
        MacOverride = "CAP_MAC_OVERRIDE",
        /// Create special files with mknod.
        Mknod = "CAP_MKNOD",
        /// Perform network administration operations.
        NetAdmin = "CAP_NET_ADMIN",
        /// Bind a socket to a privileged port (below 1024).
        NetBindService = "CAP_NET_BIND_SERVICE",
        /// Make socket broadcasts and listen to multicasts.
        NetBroadcast = "CAP_NET_BROADCAST",
        /// Use RAW and PACKET sockets.
        NetRaw = "CAP_NET_RAW",
        /// Use performance monitoring (Linux 5.8).
        Perfmon = "CAP_PERFMON",
        /// Make arbitrary manipulations of process GIDs.
        Setgid = "CAP_SETGID",
        /// Set arbitrary capabilities on a file.
        Setfcap = "CAP_SETFCAP",
        /// Change the capability bounding set and inheritable capabilities.
        Setpcap = "CAP_SETPCAP",
        /// Make arbitrary manipulations of process UIDs.
        Setuid = "CAP_SETUID",
        /// Perform a range of system administration operations.
        SysAdmin = "CAP_SYS_ADMIN",
        /// Reboot the system and load new kernels.
        SysBoot = "CAP_SYS_BOOT",
        /// Use chroot and change mount namespaces.
        SysChroot = "CAP_SYS_CHROOT",
        /// Load and unload kernel modules.
        SysModule = "CAP_SYS_MODULE",
        /// Raise nice values and change scheduling of any process.
        SysNice = "CAP_SYS_NICE",
        /// Use process accounting.
        SysPacct = "CAP_SYS_PACCT",
        /// Trace arbitrary processes.
        SysPtrace = "CAP_SYS_PTRACE",
        /// Perform I/O port operations and access raw devices.
        SysRawio = "CAP_SYS_RAWIO",
        /// Override resource limits.
        SysResource = "CAP_SYS_RESOURCE",
        /// Set the system clock.
        SysTime = "CAP_SYS_TIME",
        /// Use vhangup and privileged terminal ioctls.
        SysTtyConfig = "CAP_SYS_TTY_CONFIG",
        /// Perform privileged syslog operations.
        Syslog = "CAP_SYSLOG",
        /// Trigger something that will wake up the system.
        WakeAlarm = "CAP_WAKE_ALARM",
    }
}

/// A set of capabilities, ordered by name so that it always serializes in the
/// same order.
pub type Capabilities = BTreeSet<Capability>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_string_form() {
        for cap in Capability::KNOWN {
            let s = cap.to_string();
            assert!(s.starts_with("CAP_"), "{s}");
            assert_eq!(&s.parse::<Capability>().unwrap(), cap);
            let json = serde_json::to_string(cap).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(&serde_json::from_str::<Capability>(&json).unwrap(), cap);
        }
        assert_eq!(Capability::KNOWN.len(), 41);
    }

    #[test]
    fn unknown_capability_round_trips() {
        let c: Capability = serde_json::from_str("\"CAP_FUTURE_THING\"").unwrap();
        assert_eq!(c, Capability::Other("CAP_FUTURE_THING".into()));
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"CAP_FUTURE_THING\"");
    }

    #[test]
    fn sets_serialize_sorted() {
        let set: Capabilities = ["CAP_SYS_ADMIN", "CAP_CHOWN", "CAP_AUDIT_WRITE"]
            .into_iter()
            .map(Capability::from)
            .collect();
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"["CAP_AUDIT_WRITE","CAP_CHOWN","CAP_SYS_ADMIN"]"#
        );
    }
}
