//! The seccomp filter of the container:
//! [runtime-spec v1.3.0, config-linux.md "Seccomp"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#seccomp).
//!
//! Actions, architectures, operators and flags are `oci-spec`'s closed
//! `Copy` enums; a value a newer libseccomp or kernel knows
//! (`SCMP_ACT_KILL_FUTURE`) is kept by the struct that holds it, written
//! back in place, and validation warns.

use std::path::PathBuf;

use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

closed_enum! {
    /// A seccomp action (`defaultAction`, `syscalls[].action`). The default
    /// is `SCMP_ACT_ALLOW`, as in `oci-spec`.
    pub enum LinuxSeccompAction [default = ScmpActAllow] {
        /// Kill the thread (the old name of `SCMP_ACT_KILL_THREAD`).
        ScmpActKill = "SCMP_ACT_KILL", "SCMP_ACT_KILL",
        /// Kill the thread.
        ScmpActKillThread = "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_THREAD",
        /// Kill the whole process.
        ScmpActKillProcess = "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_PROCESS",
        /// Send SIGSYS.
        ScmpActTrap = "SCMP_ACT_TRAP", "SCMP_ACT_TRAP",
        /// Fail the syscall with an errno.
        ScmpActErrno = "SCMP_ACT_ERRNO", "SCMP_ACT_ERRNO",
        /// Notify the seccomp agent at `listenerPath`.
        ScmpActNotify = "SCMP_ACT_NOTIFY", "SCMP_ACT_NOTIFY",
        /// Notify a tracing process.
        ScmpActTrace = "SCMP_ACT_TRACE", "SCMP_ACT_TRACE",
        /// Allow and log the syscall.
        ScmpActLog = "SCMP_ACT_LOG", "SCMP_ACT_LOG",
        /// Allow the syscall.
        ScmpActAllow = "SCMP_ACT_ALLOW", "SCMP_ACT_ALLOW",
    }
}

impl LinuxSeccompAction {
    /// True for the actions that take an errno return value
    /// (`SCMP_ACT_ERRNO`, `SCMP_ACT_TRACE`).
    pub fn takes_errno(&self) -> bool {
        matches!(self, Self::ScmpActErrno | Self::ScmpActTrace)
    }

    /// The libseccomp value of the action, with `errno_ret` folded in for
    /// `SCMP_ACT_ERRNO` and `SCMP_ACT_TRACE` (1 when `None`), as in
    /// `oci-spec`.
    pub fn as_u32(&self, errno_ret: Option<u32>) -> u32 {
        match self {
            Self::ScmpActKill | Self::ScmpActKillThread => 0x0000_0000,
            Self::ScmpActKillProcess => 0x8000_0000,
            Self::ScmpActTrap => 0x0003_0000,
            Self::ScmpActErrno => errno_ret.map_or(0x0005_0001, |e| 0x0005_0000 | e),
            Self::ScmpActNotify => 0x7fc0_0000,
            Self::ScmpActTrace => errno_ret.map_or(0x7ff0_0001, |e| 0x7ff0_0000 | e),
            Self::ScmpActLog => 0x7ffc_0000,
            Self::ScmpActAllow => 0x7fff_0000,
        }
    }
}

impl From<LinuxSeccompAction> for u32 {
    /// [`LinuxSeccompAction::as_u32`] without an errno.
    fn from(action: LinuxSeccompAction) -> Self {
        action.as_u32(None)
    }
}

closed_enum! {
    /// A seccomp architecture (`architectures[]`), as libseccomp v2.6.0
    /// names them. The discriminant is libseccomp's `AUDIT_ARCH_*` value
    /// (0 for `SCMP_ARCH_NATIVE`), as in `oci-spec`.
    #[allow(non_camel_case_types)]
    #[repr(u32)]
    pub enum Arch {
        /// The kernel's native architecture.
        ScmpArchNative [0x0000_0000] = "SCMP_ARCH_NATIVE", "SCMP_ARCH_NATIVE",
        /// 32-bit x86.
        ScmpArchX86 [0x4000_0003] = "SCMP_ARCH_X86", "SCMP_ARCH_X86",
        /// 64-bit x86.
        ScmpArchX86_64 [0xc000_003e] = "SCMP_ARCH_X86_64", "SCMP_ARCH_X86_64",
        /// x32 ABI.
        ScmpArchX32 [0x4000_003e] = "SCMP_ARCH_X32", "SCMP_ARCH_X32",
        /// 32-bit ARM.
        ScmpArchArm [0x4000_0028] = "SCMP_ARCH_ARM", "SCMP_ARCH_ARM",
        /// 64-bit ARM.
        ScmpArchAarch64 [0xc000_00b7] = "SCMP_ARCH_AARCH64", "SCMP_ARCH_AARCH64",
        /// MIPS o32.
        ScmpArchMips [0x0000_0008] = "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS",
        /// MIPS n64.
        ScmpArchMips64 [0x8000_0008] = "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64",
        /// MIPS n32.
        ScmpArchMips64n32 [0xa000_0008] = "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPS64N32",
        /// Little-endian MIPS o32.
        ScmpArchMipsel [0x4000_0008] = "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL",
        /// Little-endian MIPS n64.
        ScmpArchMipsel64 [0xc000_0008] = "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64",
        /// Little-endian MIPS n32.
        ScmpArchMipsel64n32 [0xe000_0008] = "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_MIPSEL64N32",
        /// 32-bit PowerPC.
        ScmpArchPpc [0x0000_0014] = "SCMP_ARCH_PPC", "SCMP_ARCH_PPC",
        /// 64-bit PowerPC.
        ScmpArchPpc64 [0x8000_0015] = "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64",
        /// 64-bit little-endian PowerPC.
        ScmpArchPpc64le [0xc000_0015] = "SCMP_ARCH_PPC64LE", "SCMP_ARCH_PPC64LE",
        /// 31-bit s390.
        ScmpArchS390 [0x0000_0016] = "SCMP_ARCH_S390", "SCMP_ARCH_S390",
        /// 64-bit s390x.
        ScmpArchS390x [0x8000_0016] = "SCMP_ARCH_S390X", "SCMP_ARCH_S390X",
        /// 32-bit PA-RISC.
        ScmpArchParisc [0x0000_000f] = "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC",
        /// 64-bit PA-RISC.
        ScmpArchParisc64 [0x8000_000f] = "SCMP_ARCH_PARISC64", "SCMP_ARCH_PARISC64",
        /// 64-bit RISC-V.
        ScmpArchRiscv64 [0xc000_00f3] = "SCMP_ARCH_RISCV64", "SCMP_ARCH_RISCV64",
        /// 64-bit LoongArch.
        ScmpArchLoongarch64 [0xc000_0102] = "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_LOONGARCH64",
        /// Motorola 68000.
        ScmpArchM68k [0x0000_0004] = "SCMP_ARCH_M68K", "SCMP_ARCH_M68K",
        /// Little-endian SuperH.
        ScmpArchSh [0x4000_002a] = "SCMP_ARCH_SH", "SCMP_ARCH_SH",
        /// Big-endian SuperH.
        ScmpArchSheb [0x0000_002a] = "SCMP_ARCH_SHEB", "SCMP_ARCH_SHEB",
    }
}

impl Arch {
    /// The `AUDIT_ARCH_*` value libseccomp uses (0 for `SCMP_ARCH_NATIVE`):
    /// the discriminant, as `arch as u32` gives it.
    pub fn audit_arch(&self) -> u32 {
        *self as u32
    }
}

closed_enum! {
    /// A flag of seccomp(2) (`flags[]`).
    pub enum LinuxSeccompFilterFlag {
        /// Log every action except `SECCOMP_RET_ALLOW` (Linux 4.14).
        SeccompFilterFlagLog = "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_LOG",
        /// Synchronize all threads of the process to the filter.
        SeccompFilterFlagTsync = "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_TSYNC",
        /// Disable the Speculative Store Bypass mitigation (Linux 4.17).
        SeccompFilterFlagSpecAllow = "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
        /// Wait killable for notifications (Linux 5.19).
        SeccompFilterFlagWaitKillableRecv = "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
    }
}

closed_enum! {
    /// A comparison operator for syscall arguments (`args[].op`). The
    /// discriminant is libseccomp's `scmp_compare` value, as in `oci-spec`;
    /// the default is `SCMP_CMP_EQ`.
    #[repr(u32)]
    pub enum LinuxSeccompOperator [default = ScmpCmpEq] {
        /// Not equal.
        ScmpCmpNe [1] = "SCMP_CMP_NE", "SCMP_CMP_NE",
        /// Less than.
        ScmpCmpLt [2] = "SCMP_CMP_LT", "SCMP_CMP_LT",
        /// Less than or equal.
        ScmpCmpLe [3] = "SCMP_CMP_LE", "SCMP_CMP_LE",
        /// Equal.
        ScmpCmpEq [4] = "SCMP_CMP_EQ", "SCMP_CMP_EQ",
        /// Greater than or equal.
        ScmpCmpGe [5] = "SCMP_CMP_GE", "SCMP_CMP_GE",
        /// Greater than.
        ScmpCmpGt [6] = "SCMP_CMP_GT", "SCMP_CMP_GT",
        /// Equal after masking with `value`.
        ScmpCmpMaskedEq [7] = "SCMP_CMP_MASKED_EQ", "SCMP_CMP_MASKED_EQ",
    }
}

impl LinuxSeccompOperator {
    /// The libseccomp `scmp_compare` value (1 for `SCMP_CMP_NE` to 7 for
    /// `SCMP_CMP_MASKED_EQ`): the discriminant.
    pub fn as_u32(&self) -> u32 {
        *self as u32
    }
}

/// `linux.seccomp`: the seccomp filter.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxSeccomp {
    /// REQUIRED: the action for syscalls no rule matches.
    #[json(keep)]
    #[access(get_copy, get_mut, set)]
    default_action: LinuxSeccompAction,

    /// OPTIONAL: the errno for `defaultAction` (only with `SCMP_ACT_ERRNO`
    /// or `SCMP_ACT_TRACE`; default EPERM).
    default_errno_ret: Option<u32>,

    /// OPTIONAL: architectures the filter also applies to.
    #[json(keep)]
    architectures: Option<Vec<Arch>>,

    /// OPTIONAL: flags passed to seccomp(2).
    #[json(keep)]
    flags: Option<Vec<LinuxSeccompFilterFlag>>,

    /// OPTIONAL: the UNIX socket the container process state is sent to for
    /// `SCMP_ACT_NOTIFY`.
    listener_path: Option<PathBuf>,

    /// OPTIONAL: opaque data for the seccomp agent; MUST NOT be set without
    /// `listenerPath`.
    listener_metadata: Option<String>,

    /// OPTIONAL: the rules.
    syscalls: Option<Vec<LinuxSyscall>>,
}

/// The seccomp rule for the unknown values kept in a seccomp struct.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the callback type of report_unknown_values"
)]
fn unknown_rule(
    names: &[&'static str],
    _: &serde_json::Value,
) -> Option<(&'static crate::validate::Rule, &'static str)> {
    Some((
        &rules::SECCOMP_UNKNOWN,
        match names.last().copied() {
            Some("defaultAction" | "action") => "seccomp action",
            Some("architectures") => "seccomp architecture",
            Some("flags") => "seccomp flag",
            Some("op") => "seccomp operator",
            _ => "seccomp value",
        },
    ))
}

fn check_errno(
    c: &mut Checker,
    action: Option<LinuxSeccompAction>,
    errno: Option<u32>,
    field: &'static str,
) {
    let Some(action) = action else { return };
    if errno.is_some() && !action.takes_errno() {
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
        crate::json::spec::report_unknown_values(c, &self.rest, unknown_rule);
        check_errno(
            c,
            (!crate::json::spec::stands_in(&self.rest, "defaultAction", self.default_action))
                .then_some(self.default_action),
            self.default_errno_ret,
            "defaultErrnoRet",
        );
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
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxSyscall {
    /// REQUIRED: the syscall names; MUST contain at least one entry.
    names: Vec<String>,

    /// REQUIRED: the action when a syscall matches.
    #[json(keep)]
    #[access(get_copy, get_mut, set)]
    action: LinuxSeccompAction,

    /// OPTIONAL: the errno (only with `SCMP_ACT_ERRNO` or `SCMP_ACT_TRACE`).
    errno_ret: Option<u32>,

    /// OPTIONAL: conditions on the arguments.
    #[json(keep)]
    args: Option<Vec<LinuxSeccompArg>>,
}

impl Validate for LinuxSyscall {
    fn check(&self, c: &mut Checker) {
        if self.names.is_empty() {
            c.report_at(
                "names",
                &rules::SECCOMP_SYSCALL_NAMES,
                "syscalls entry has no names; expected at least one",
            );
        }
        crate::json::spec::report_unknown_values(c, &self.rest, unknown_rule);
        check_errno(
            c,
            (!crate::json::spec::stands_in(&self.rest, "action", self.action))
                .then_some(self.action),
            self.errno_ret,
            "errnoRet",
        );
    }
}

/// One argument condition of a syscall rule. `Copy`, as in `oci-spec`: the
/// syscall rule keeps what it cannot hold (an unknown operator, unknown
/// members).
#[spec_struct(
    json = "camelCase",
    default,
    copy,
    hash,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxSeccompArg {
    /// REQUIRED: the argument index.
    index: usize,

    /// REQUIRED: the value to compare with.
    value: u64,

    /// OPTIONAL: the second value (`SCMP_CMP_MASKED_EQ`).
    value_two: Option<u64>,

    /// REQUIRED: the operator.
    #[json(keep)]
    #[access(get_copy, get_mut, set)]
    op: LinuxSeccompOperator,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kill_future_and_unknown_arch_round_trip() {
        let j = r#"{"defaultAction":"SCMP_ACT_KILL_FUTURE","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_VAX"]}"#;
        let s: LinuxSeccomp = serde_json::from_str(j).unwrap();
        assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActAllow);
        assert_eq!(
            s.architectures().as_deref(),
            Some(&[Arch::ScmpArchX86_64][..])
        );
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
            0x0005_0026
        );
        assert_eq!(LinuxSeccompAction::ScmpActAllow.as_u32(None), 0x7fff_0000);
        assert_eq!(u32::from(LinuxSeccompAction::ScmpActTrace), 0x7ff0_0001);
        assert_eq!(Arch::ScmpArchX86_64 as u32, 0xc000_003e);
        assert_eq!(Arch::ScmpArchAarch64.audit_arch(), 0xc000_00b7);
        assert_eq!(LinuxSeccompOperator::ScmpCmpMaskedEq as u32, 7);
        assert_eq!(LinuxSeccompOperator::ScmpCmpNe.as_u32(), 1);
    }
}
