//! Linux capabilities as used in `process.capabilities`:
//! [runtime-spec v1.3.0, config.md "Linux Process"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#linux-process).
//!
//! As in `oci-spec`: JSON (serde) writes the `CAP_` name (`CAP_SYS_ADMIN`)
//! and reads it in any case, with or without `CAP_` prefixes;
//! `Display` and `FromStr` use the name without the prefix (`SYS_ADMIN`).
//! A capability the crate does not know (a newer kernel's) is kept by the
//! struct that holds the set and written back (`validate()` warns).

use std::collections::HashSet;

closed_enum! {
    /// A Linux capability, such as `CAP_SYS_ADMIN` (see capabilities(7)).
    ///
    /// ```
    /// use oci_model::runtime::Capability;
    ///
    /// let cap: Capability = "SYS_ADMIN".parse().unwrap();
    /// assert_eq!(cap, Capability::SysAdmin);
    /// assert_eq!(cap.to_string(), "SYS_ADMIN");
    /// assert_eq!(serde_json::to_string(&cap).unwrap(), r#""CAP_SYS_ADMIN""#);
    /// assert!("CAP_FUTURE_THING".parse::<Capability>().is_err());
    /// ```
    pub enum Capability [read = read_capability] {
        /// Configure the kernel audit subsystem.
        AuditControl = "CAP_AUDIT_CONTROL", "AUDIT_CONTROL",
        /// Read the audit log through a multicast netlink socket.
        AuditRead = "CAP_AUDIT_READ", "AUDIT_READ",
        /// Write records to the kernel audit log.
        AuditWrite = "CAP_AUDIT_WRITE", "AUDIT_WRITE",
        /// Employ features that can block system suspend.
        BlockSuspend = "CAP_BLOCK_SUSPEND", "BLOCK_SUSPEND",
        /// Use privileged BPF operations (Linux 5.8).
        Bpf = "CAP_BPF", "BPF",
        /// Use checkpoint/restore operations (Linux 5.9).
        CheckpointRestore = "CAP_CHECKPOINT_RESTORE", "CHECKPOINT_RESTORE",
        /// Make arbitrary changes to file UIDs and GIDs.
        Chown = "CAP_CHOWN", "CHOWN",
        /// Bypass file read, write and execute permission checks.
        DacOverride = "CAP_DAC_OVERRIDE", "DAC_OVERRIDE",
        /// Bypass file read and directory read/execute permission checks.
        DacReadSearch = "CAP_DAC_READ_SEARCH", "DAC_READ_SEARCH",
        /// Bypass permission checks on operations that require the file owner's UID.
        Fowner = "CAP_FOWNER", "FOWNER",
        /// Keep set-user-ID and set-group-ID bits when a file is modified.
        Fsetid = "CAP_FSETID", "FSETID",
        /// Lock memory.
        IpcLock = "CAP_IPC_LOCK", "IPC_LOCK",
        /// Bypass permission checks on System V IPC objects.
        IpcOwner = "CAP_IPC_OWNER", "IPC_OWNER",
        /// Bypass permission checks for sending signals.
        Kill = "CAP_KILL", "KILL",
        /// Establish leases on arbitrary files.
        Lease = "CAP_LEASE", "LEASE",
        /// Set the append-only and immutable inode flags.
        LinuxImmutable = "CAP_LINUX_IMMUTABLE", "LINUX_IMMUTABLE",
        /// Override or configure Mandatory Access Control.
        MacAdmin = "CAP_MAC_ADMIN", "MAC_ADMIN",
        /// Override Mandatory Access Control.
        MacOverride = "CAP_MAC_OVERRIDE", "MAC_OVERRIDE",
        /// Create special files with mknod.
        Mknod = "CAP_MKNOD", "MKNOD",
        /// Perform network administration operations.
        NetAdmin = "CAP_NET_ADMIN", "NET_ADMIN",
        /// Bind a socket to a privileged port (below 1024).
        NetBindService = "CAP_NET_BIND_SERVICE", "NET_BIND_SERVICE",
        /// Make socket broadcasts and listen to multicasts.
        NetBroadcast = "CAP_NET_BROADCAST", "NET_BROADCAST",
        /// Use RAW and PACKET sockets.
        NetRaw = "CAP_NET_RAW", "NET_RAW",
        /// Use performance monitoring (Linux 5.8).
        Perfmon = "CAP_PERFMON", "PERFMON",
        /// Make arbitrary manipulations of process GIDs.
        Setgid = "CAP_SETGID", "SETGID",
        /// Set arbitrary capabilities on a file.
        Setfcap = "CAP_SETFCAP", "SETFCAP",
        /// Change the capability bounding set and inheritable capabilities.
        Setpcap = "CAP_SETPCAP", "SETPCAP",
        /// Make arbitrary manipulations of process UIDs.
        Setuid = "CAP_SETUID", "SETUID",
        /// Perform a range of system administration operations.
        SysAdmin = "CAP_SYS_ADMIN", "SYS_ADMIN",
        /// Reboot the system and load new kernels.
        SysBoot = "CAP_SYS_BOOT", "SYS_BOOT",
        /// Use chroot and change mount namespaces.
        SysChroot = "CAP_SYS_CHROOT", "SYS_CHROOT",
        /// Load and unload kernel modules.
        SysModule = "CAP_SYS_MODULE", "SYS_MODULE",
        /// Raise nice values and change scheduling of any process.
        SysNice = "CAP_SYS_NICE", "SYS_NICE",
        /// Use process accounting.
        SysPacct = "CAP_SYS_PACCT", "SYS_PACCT",
        /// Trace arbitrary processes.
        SysPtrace = "CAP_SYS_PTRACE", "SYS_PTRACE",
        /// Perform I/O port operations and access raw devices.
        SysRawio = "CAP_SYS_RAWIO", "SYS_RAWIO",
        /// Override resource limits.
        SysResource = "CAP_SYS_RESOURCE", "SYS_RESOURCE",
        /// Set the system clock.
        SysTime = "CAP_SYS_TIME", "SYS_TIME",
        /// Use vhangup and privileged terminal ioctls.
        SysTtyConfig = "CAP_SYS_TTY_CONFIG", "SYS_TTY_CONFIG",
        /// Perform privileged syslog operations.
        Syslog = "CAP_SYSLOG", "SYSLOG",
        /// Trigger something that will wake up the system.
        WakeAlarm = "CAP_WAKE_ALARM", "WAKE_ALARM",
    }
}

/// A set of capabilities (as in `oci-spec`). It is written sorted, so that
/// the same set always gives the same bytes.
pub type Capabilities = HashSet<Capability>;

/// Reads a capability as `oci-spec`'s `Deserialize` does: in any case, with
/// any number of `CAP_` prefixes.
fn read_capability(s: &str) -> Option<Capability> {
    if let Some(c) = Capability::from_json_exact(s) {
        return Some(c);
    }
    let upper = s.to_uppercase();
    let mut name = upper.as_str();
    while let Some(rest) = name.strip_prefix("CAP_") {
        name = rest;
    }
    Capability::from_display(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_forms() {
        for cap in Capability::ALL {
            let d = cap.to_string();
            assert!(!d.starts_with("CAP_"), "{d}");
            assert_eq!(&d.parse::<Capability>().unwrap(), cap);
            let json = serde_json::to_string(cap).unwrap();
            assert_eq!(json, format!("\"CAP_{d}\""));
            assert_eq!(&serde_json::from_str::<Capability>(&json).unwrap(), cap);
        }
        assert_eq!(Capability::ALL.len(), 41);
    }

    #[test]
    fn reads_as_oci_spec() {
        for s in [
            "SYSLOG",
            "CAP_SYSLOG",
            "cap_SYSLOG",
            "sySloG",
            "CAP_CAP_SYSLOG",
        ] {
            let c: Capability = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(c, Capability::Syslog);
        }
        assert!("CAP_SYSLOG".parse::<Capability>().is_err());
        assert!(serde_json::from_str::<Capability>("\"CAP_FUTURE\"").is_err());
    }
}
