//! The seccomp filter of the container:
//! [runtime-spec v1.3.0, config-linux.md "Seccomp"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#seccomp).
//!
//! Actions, architectures, operators and flags are open sets: a value a
//! newer libseccomp or kernel knows (`SCMP_ACT_KILL_FUTURE`) parses into
//! `Other`, round-trips, and validation warns.

use std::path::PathBuf;

use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

open_enum! {
    /// A seccomp action (`defaultAction`, `syscalls[].action`).
    pub enum LinuxSeccompAction {
        /// Kill the thread (the old name of `SCMP_ACT_KILL_THREAD`).
        ScmpActKill = "SCMP_ACT_KILL",
        /// Kill the whole process.
        ScmpActKillProcess = "SCMP_ACT_KILL_PROCESS",
        /// Kill the thread.
        ScmpActKillThread = "SCMP_ACT_KILL_THREAD",
        /// Send SIGSYS.
        ScmpActTrap = "SCMP_ACT_TRAP",
        /// Fail the syscall with an errno.
        ScmpActErrno = "SCMP_ACT_ERRNO",
        /// Notify a tracing process.
        ScmpActTrace = "SCMP_ACT_TRACE",
        /// Allow the syscall.
        ScmpActAllow = "SCMP_ACT_ALLOW",
        /// Allow and log the syscall.
        ScmpActLog = "SCMP_ACT_LOG",
        /// Notify the seccomp agent at `listenerPath`.
        ScmpActNotify = "SCMP_ACT_NOTIFY",
    }
}

/// `SCMP_ACT_ALLOW`, as in `oci-spec`.
impl Default for LinuxSeccompAction {
    fn default() -> Self {
        Self::ScmpActAllow
    }
}

impl LinuxSeccompAction {
    /// True for the actions that take an errno return value
    /// (`SCMP_ACT_ERRNO`, `SCMP_ACT_TRACE`).
    pub fn takes_errno(&self) -> bool {
        matches!(self.as_str(), "SCMP_ACT_ERRNO" | "SCMP_ACT_TRACE")
    }

    /// The libseccomp value of a known action, with `errno_ret` folded in
    /// for `SCMP_ACT_ERRNO` and `SCMP_ACT_TRACE` (1 when `None`); `None`
    /// for an unknown action. (`oci-spec` returns a plain `u32`.)
    pub fn as_u32(&self, errno_ret: Option<u32>) -> Option<u32> {
        let action = Self::from_known(self.as_str())?;
        Some(match action {
            Self::ScmpActKill | Self::ScmpActKillThread => 0x0000_0000,
            Self::ScmpActKillProcess => 0x8000_0000,
            Self::ScmpActTrap => 0x0003_0000,
            Self::ScmpActErrno => 0x0005_0000 | (errno_ret.unwrap_or(1) & 0xffff),
            Self::ScmpActTrace => 0x7ff0_0000 | (errno_ret.unwrap_or(1) & 0xffff),
            Self::ScmpActNotify => 0x7fc0_0000,
            Self::ScmpActLog => 0x7ffc_0000,
            Self::ScmpActAllow => 0x7fff_0000,
            Self::Other(_) => return None,
        })
    }
}

open_enum! {
    /// A seccomp architecture (`architectures[]`), as libseccomp v2.6.0
    /// names them.
    #[allow(non_camel_case_types)]
    pub enum Arch {
        /// The kernel's native architecture.
        ScmpArchNative = "SCMP_ARCH_NATIVE",
        /// 32-bit x86.
        ScmpArchX86 = "SCMP_ARCH_X86",
        /// 64-bit x86.
        ScmpArchX86_64 = "SCMP_ARCH_X86_64",
        /// x32 ABI.
        ScmpArchX32 = "SCMP_ARCH_X32",
        /// 32-bit ARM.
        ScmpArchArm = "SCMP_ARCH_ARM",
        /// 64-bit ARM.
        ScmpArchAarch64 = "SCMP_ARCH_AARCH64",
        /// MIPS o32.
        ScmpArchMips = "SCMP_ARCH_MIPS",
        /// MIPS n64.
        ScmpArchMips64 = "SCMP_ARCH_MIPS64",
        /// MIPS n32.
        ScmpArchMips64n32 = "SCMP_ARCH_MIPS64N32",
        /// Little-endian MIPS o32.
        ScmpArchMipsel = "SCMP_ARCH_MIPSEL",
        /// Little-endian MIPS n64.
        ScmpArchMipsel64 = "SCMP_ARCH_MIPSEL64",
        /// Little-endian MIPS n32.
        ScmpArchMipsel64n32 = "SCMP_ARCH_MIPSEL64N32",
        /// 32-bit PowerPC.
        ScmpArchPpc = "SCMP_ARCH_PPC",
        /// 64-bit PowerPC.
        ScmpArchPpc64 = "SCMP_ARCH_PPC64",
        /// 64-bit little-endian PowerPC.
        ScmpArchPpc64le = "SCMP_ARCH_PPC64LE",
        /// 31-bit s390.
        ScmpArchS390 = "SCMP_ARCH_S390",
        /// 64-bit s390x.
        ScmpArchS390x = "SCMP_ARCH_S390X",
        /// 32-bit PA-RISC.
        ScmpArchParisc = "SCMP_ARCH_PARISC",
        /// 64-bit PA-RISC.
        ScmpArchParisc64 = "SCMP_ARCH_PARISC64",
        /// 64-bit RISC-V.
        ScmpArchRiscv64 = "SCMP_ARCH_RISCV64",
        /// 64-bit LoongArch.
        ScmpArchLoongarch64 = "SCMP_ARCH_LOONGARCH64",
        /// Motorola 68000.
        ScmpArchM68k = "SCMP_ARCH_M68K",
        /// Little-endian SuperH.
        ScmpArchSh = "SCMP_ARCH_SH",
        /// Big-endian SuperH.
        ScmpArchSheb = "SCMP_ARCH_SHEB",
    }
}

impl Arch {
    /// The `AUDIT_ARCH_*` value libseccomp uses for a known architecture
    /// (0 for `SCMP_ARCH_NATIVE`); `None` for an unknown one. (`oci-spec`
    /// gave it as the enum's discriminant.)
    pub fn audit_arch(&self) -> Option<u32> {
        Some(match Self::from_known(self.as_str())? {
            Self::ScmpArchNative => 0x0000_0000,
            Self::ScmpArchX86 => 0x4000_0003,
            Self::ScmpArchX86_64 => 0xc000_003e,
            Self::ScmpArchX32 => 0x4000_003e,
            Self::ScmpArchArm => 0x4000_0028,
            Self::ScmpArchAarch64 => 0xc000_00b7,
            Self::ScmpArchMips => 0x0000_0008,
            Self::ScmpArchMips64 => 0x8000_0008,
            Self::ScmpArchMips64n32 => 0xa000_0008,
            Self::ScmpArchMipsel => 0x4000_0008,
            Self::ScmpArchMipsel64 => 0xc000_0008,
            Self::ScmpArchMipsel64n32 => 0xe000_0008,
            Self::ScmpArchPpc => 0x0000_0014,
            Self::ScmpArchPpc64 => 0x8000_0015,
            Self::ScmpArchPpc64le => 0xc000_0015,
            Self::ScmpArchS390 => 0x0000_0016,
            Self::ScmpArchS390x => 0x8000_0016,
            Self::ScmpArchParisc => 0x0000_000f,
            Self::ScmpArchParisc64 => 0x8000_000f,
            Self::ScmpArchRiscv64 => 0xc000_00f3,
            Self::ScmpArchLoongarch64 => 0xc000_0102,
            Self::ScmpArchM68k => 0x0000_0004,
            Self::ScmpArchSh => 0x4000_002a,
            Self::ScmpArchSheb => 0x0000_002a,
            Self::Other(_) => return None,
        })
    }
}

open_enum! {
    /// A flag of seccomp(2) (`flags[]`).
    pub enum LinuxSeccompFilterFlag {
        /// Synchronize all threads of the process to the filter.
        SeccompFilterFlagTsync = "SECCOMP_FILTER_FLAG_TSYNC",
        /// Log every action except `SECCOMP_RET_ALLOW` (Linux 4.14).
        SeccompFilterFlagLog = "SECCOMP_FILTER_FLAG_LOG",
        /// Disable the Speculative Store Bypass mitigation (Linux 4.17).
        SeccompFilterFlagSpecAllow = "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
        /// Wait killable for notifications (Linux 5.19).
        SeccompFilterFlagWaitKillableRecv = "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
    }
}

open_enum! {
    /// A comparison operator for syscall arguments (`args[].op`).
    pub enum LinuxSeccompOperator {
        /// Not equal.
        ScmpCmpNe = "SCMP_CMP_NE",
        /// Less than.
        ScmpCmpLt = "SCMP_CMP_LT",
        /// Less than or equal.
        ScmpCmpLe = "SCMP_CMP_LE",
        /// Equal.
        ScmpCmpEq = "SCMP_CMP_EQ",
        /// Greater than or equal.
        ScmpCmpGe = "SCMP_CMP_GE",
        /// Greater than.
        ScmpCmpGt = "SCMP_CMP_GT",
        /// Equal after masking with `value`.
        ScmpCmpMaskedEq = "SCMP_CMP_MASKED_EQ",
    }
}

impl LinuxSeccompOperator {
    /// The libseccomp `scmp_compare` value of a known operator (1 for
    /// `SCMP_CMP_NE` to 7 for `SCMP_CMP_MASKED_EQ`); `None` for an unknown
    /// one. (`oci-spec` gave it as the enum's discriminant.)
    pub fn as_u32(&self) -> Option<u32> {
        Some(match Self::from_known(self.as_str())? {
            Self::ScmpCmpNe => 1,
            Self::ScmpCmpLt => 2,
            Self::ScmpCmpLe => 3,
            Self::ScmpCmpEq => 4,
            Self::ScmpCmpGe => 5,
            Self::ScmpCmpGt => 6,
            Self::ScmpCmpMaskedEq => 7,
            Self::Other(_) => return None,
        })
    }
}

/// `SCMP_CMP_EQ`, as in `oci-spec`.
impl Default for LinuxSeccompOperator {
    fn default() -> Self {
        Self::ScmpCmpEq
    }
}

/// `linux.seccomp`: the seccomp filter.
#[spec_struct(json = "camelCase", default, builder_default)]
pub struct LinuxSeccomp {
    /// REQUIRED: the action for syscalls no rule matches.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    default_action: LinuxSeccompAction,

    /// OPTIONAL: the errno for `defaultAction` (only with `SCMP_ACT_ERRNO`
    /// or `SCMP_ACT_TRACE`; default EPERM).
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    default_errno_ret: Option<u32>,

    /// OPTIONAL: architectures the filter also applies to.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    architectures: Option<Vec<Arch>>,

    /// OPTIONAL: flags passed to seccomp(2).
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    flags: Option<Vec<LinuxSeccompFilterFlag>>,

    /// OPTIONAL: the UNIX socket the container process state is sent to for
    /// `SCMP_ACT_NOTIFY`.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    listener_path: Option<PathBuf>,

    /// OPTIONAL: opaque data for the seccomp agent; MUST NOT be set without
    /// `listenerPath`.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    listener_metadata: Option<String>,

    /// OPTIONAL: the rules.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    syscalls: Option<Vec<LinuxSyscall>>,
}

impl_builder!(LinuxSeccompBuilder => LinuxSeccomp);

fn warn_unknown(c: &mut Checker, what: &str, value: &str) {
    c.report(
        &rules::SECCOMP_UNKNOWN,
        format!(
            "seccomp {what} {} is not one this crate knows",
            quote(value)
        ),
    );
}

fn check_errno(
    c: &mut Checker,
    action: &LinuxSeccompAction,
    errno: Option<u32>,
    field: &'static str,
) {
    if errno.is_some() && !action.is_other() && !action.takes_errno() {
        c.report_at(
            field,
            &rules::SECCOMP_ERRNO_RET,
            format!(
                "{field} is set but action {} takes no errno",
                quote(action.as_str())
            ),
        );
    }
}

impl Validate for LinuxSeccomp {
    fn check(&self, c: &mut Checker) {
        if self.default_action.is_other() {
            c.field("defaultAction", |c| {
                warn_unknown(c, "action", self.default_action.as_str());
            });
        }
        check_errno(
            c,
            &self.default_action,
            self.default_errno_ret,
            "defaultErrnoRet",
        );
        if let Some(archs) = &self.architectures {
            c.field("architectures", |c| {
                for (i, a) in archs.iter().enumerate() {
                    if a.is_other() {
                        c.index(i, |c| warn_unknown(c, "architecture", a.as_str()));
                    }
                }
            });
        }
        if let Some(flags) = &self.flags {
            c.field("flags", |c| {
                for (i, f) in flags.iter().enumerate() {
                    if f.is_other() {
                        c.index(i, |c| warn_unknown(c, "flag", f.as_str()));
                    }
                }
            });
        }
        if self.listener_metadata.is_some() && self.listener_path.is_none() {
            c.report_at(
                "listenerMetadata",
                &rules::SECCOMP_LISTENER_METADATA,
                "listenerMetadata is set but listenerPath is not",
            );
        }
        if let Some(s) = &self.syscalls {
            c.check_each("syscalls", s);
        }
    }
}

/// One rule of `seccomp.syscalls`: the action for the named syscalls,
/// optionally only when the arguments match.
#[spec_struct(json = "camelCase", default, builder_default)]
pub struct LinuxSyscall {
    /// REQUIRED: the syscall names; MUST contain at least one entry.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    names: Vec<String>,

    /// REQUIRED: the action when a syscall matches.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    action: LinuxSeccompAction,

    /// OPTIONAL: the errno (only with `SCMP_ACT_ERRNO` or `SCMP_ACT_TRACE`).
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    errno_ret: Option<u32>,

    /// OPTIONAL: conditions on the arguments.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    args: Option<Vec<LinuxSeccompArg>>,
}

impl_builder!(LinuxSyscallBuilder => LinuxSyscall);

impl Validate for LinuxSyscall {
    fn check(&self, c: &mut Checker) {
        if self.names.is_empty() {
            c.report_at(
                "names",
                &rules::SECCOMP_SYSCALL_NAMES,
                "syscalls entry has no names; expected at least one",
            );
        }
        if self.action.is_other() {
            c.field("action", |c| {
                warn_unknown(c, "action", self.action.as_str());
            });
        }
        check_errno(c, &self.action, self.errno_ret, "errnoRet");
        if let Some(args) = &self.args {
            c.check_each("args", args);
        }
    }
}

/// One argument condition of a syscall rule.
#[spec_struct(json = "camelCase", default, builder_default)]
pub struct LinuxSeccompArg {
    /// REQUIRED: the argument index.
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    index: usize,

    /// REQUIRED: the value to compare with.
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    value: u64,

    /// OPTIONAL: the second value (`SCMP_CMP_MASKED_EQ`).
    #[getset(get_copy = "pub", get_mut = "pub", set = "pub")]
    value_two: Option<u64>,

    /// REQUIRED: the operator.
    #[getset(get = "pub", get_mut = "pub", set = "pub")]
    op: LinuxSeccompOperator,
}

impl_builder!(LinuxSeccompArgBuilder => LinuxSeccompArg);

impl Validate for LinuxSeccompArg {
    fn check(&self, c: &mut Checker) {
        if self.op.is_other() {
            c.field("op", |c| warn_unknown(c, "operator", self.op.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kill_future_and_unknown_arch_round_trip() {
        let j = r#"{"defaultAction":"SCMP_ACT_KILL_FUTURE","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_VAX"]}"#;
        let s: LinuxSeccomp = serde_json::from_str(j).unwrap();
        assert!(s.default_action().is_other());
        assert_eq!(serde_json::to_string(&s).unwrap(), j);
        let r = s.validate();
        assert!(r.is_valid());
        let paths: Vec<_> = r
            .violations()
            .iter()
            .map(crate::validate::Violation::path)
            .collect();
        assert_eq!(paths, ["/defaultAction", "/architectures/1"]);
    }

    #[test]
    fn action_values() {
        assert_eq!(
            LinuxSeccompAction::ScmpActErrno.as_u32(Some(38)),
            Some(0x0005_0026)
        );
        assert_eq!(
            LinuxSeccompAction::ScmpActAllow.as_u32(None),
            Some(0x7fff_0000)
        );
        assert_eq!(LinuxSeccompAction::from("SCMP_ACT_X").as_u32(None), None);
        assert_eq!(Arch::ScmpArchX86_64.audit_arch(), Some(0xc000_003e));
        assert_eq!(
            Arch::Other("SCMP_ARCH_AARCH64".into()).audit_arch(),
            Some(0xc000_00b7)
        );
        assert_eq!(Arch::from("SCMP_ARCH_VAX").audit_arch(), None);
        assert!(Arch::KNOWN.iter().all(|a| a.audit_arch().is_some()));
        assert_eq!(LinuxSeccompOperator::ScmpCmpMaskedEq.as_u32(), Some(7));
        assert_eq!(LinuxSeccompOperator::from("SCMP_CMP_X").as_u32(), None);
    }
}
