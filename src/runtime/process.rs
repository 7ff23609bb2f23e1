//! The `process` of `config.json`: [runtime-spec v1.3.0, config.md "Process"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#process),
//! with its POSIX parts (user, rlimits). The Linux-only parts (capabilities,
//! scheduler, I/O priority, CPU affinity) are in `process_linux.rs`.

use std::path::PathBuf;

use crate::runtime::process_linux::{
    ExecCPUAffinity, LinuxCapabilities, LinuxIOPriority, Scheduler,
};
use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The process to run in the container.
///
/// OPTIONAL in `config.json`, REQUIRED when `start` is called.
#[spec_struct(json = "camelCase", builder_default, access(get, get_mut, set))]
pub struct Process {
    /// OPTIONAL: attach a terminal to the process (default false).
    terminal: Option<bool>,

    /// OPTIONAL: the console size in characters, when `terminal` is true.
    #[json(keep)]
    #[access(get_copy, get_mut, set)]
    console_size: Option<ConsoleSize>,

    /// The user the process runs as. On POSIX platforms `uid` and `gid` are
    /// REQUIRED; the schema (and the upstream `freebsd-example.json`) allow
    /// the whole object to be left out. As in `oci-spec`, the field is a
    /// [`User`] (root when absent); a document without `user` is written
    /// back without it while the user is still the default.
    #[json(default, omit_absent)]
    user: User,

    /// OPTIONAL: the command line (`execvp` semantics); at least one entry is
    /// REQUIRED on non-Windows platforms.
    args: Option<Vec<String>>,

    /// OPTIONAL (Windows): the full command line; REQUIRED when `args` is absent.
    command_line: Option<String>,

    /// OPTIONAL: environment variables, `NAME=VALUE`.
    env: Option<Vec<String>>,

    /// REQUIRED: the working directory; MUST be an absolute path.
    cwd: PathBuf,

    /// OPTIONAL (Linux): the capability sets of the process.
    capabilities: Option<LinuxCapabilities>,

    /// OPTIONAL (POSIX): resource limits; a `type` MUST NOT repeat.
    #[json(keep)]
    rlimits: Option<Vec<PosixRlimit>>,

    /// OPTIONAL (Linux, z/OS): prevent the process from gaining privileges.
    no_new_privileges: Option<bool>,

    /// OPTIONAL (Linux): the AppArmor profile.
    apparmor_profile: Option<String>,

    /// OPTIONAL (Linux): the process's `oom_score_adj`.
    oom_score_adj: Option<i32>,

    /// OPTIONAL (Linux): the scheduling policy and attributes.
    scheduler: Option<Scheduler>,

    /// OPTIONAL (Linux): the SELinux label.
    selinux_label: Option<String>,

    /// OPTIONAL (Linux): the I/O priority.
    #[json(keep)]
    io_priority: Option<LinuxIOPriority>,

    /// OPTIONAL (Linux): the CPU affinity of the runtime's exec of the process.
    #[json(rename = "execCPUAffinity")]
    exec_cpu_affinity: Option<ExecCPUAffinity>,
}

/// The console size of a terminal, in characters (`process.consoleSize`).
///
/// `oci-spec` calls this type `Box`, the name of a std type: [`Box`] is
/// kept for its users. `Copy`: the process keeps its unknown members.
#[spec_struct(default, copy, hash, builder_default, access(get, get_mut, set))]
pub struct ConsoleSize {
    /// REQUIRED: the height in characters.
    height: u64,
    /// REQUIRED: the width in characters.
    width: u64,
}

/// `oci-spec`'s name of [`ConsoleSize`] (the name of a std type: import it
/// renamed, or use [`ConsoleSize`]).
pub type Box = ConsoleSize;

/// `oci-spec`'s name of [`ConsoleSizeBuilder`].
pub type BoxBuilder = ConsoleSizeBuilder;

/// The user of the process (`process.user`).
///
/// POSIX platforms use `uid`, `gid`, `umask` and `additionalGids`; Windows
/// uses `username`. `uid` and `gid` are REQUIRED on POSIX platforms; as in
/// `oci-spec` they read as 0 when absent, and a document without them (a
/// Windows user) is written back without them while they are still 0
/// (`validate()` reports them missing on POSIX platforms).
#[spec_struct(json = "camelCase", builder_default, access(get, get_mut, set))]
pub struct User {
    /// REQUIRED (POSIX): the user ID in the container namespace.
    #[json(default, omit_absent)]
    uid: u32,

    /// REQUIRED (POSIX): the group ID in the container namespace.
    #[json(default, omit_absent)]
    gid: u32,

    /// OPTIONAL (POSIX): the umask.
    umask: Option<u32>,

    /// OPTIONAL (POSIX): additional group IDs.
    additional_gids: Option<Vec<u32>>,

    /// OPTIONAL (Windows): the user name.
    username: Option<String>,
}

impl User {
    /// A POSIX user with the given IDs (what the presets use: root is `0, 0`).
    pub fn posix(uid: u32, gid: u32) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            uid,
            gid,
            umask: None,
            additional_gids: None,
            username: None,
        }
    }
}

impl User {
    /// A Windows user: only `username` (no `uid` and `gid` are written
    /// while they stay 0).
    pub fn windows(username: impl Into<String>) -> Self {
        let mut rest = crate::json::spec::Rest::default();
        for name in ["uid", "gid"] {
            if let Some(i) = Self::json_field(name) {
                crate::json::spec::Hidden::set_absent(&mut rest, i, name);
            }
        }
        Self {
            rest,
            uid: 0,
            gid: 0,
            umask: None,
            additional_gids: None,
            username: Some(username.into()),
        }
    }

    /// The member `name` (`uid` or `gid`) was absent in the document, or
    /// the user was made by [`Self::windows`].
    fn absent(&self, name: &str) -> bool {
        Self::json_field(name).is_some_and(|i| crate::json::spec::Hidden::is_absent(&self.rest, i))
    }
}

impl Default for User {
    /// Root: uid 0, gid 0 (as in `oci-spec`).
    fn default() -> Self {
        Self::posix(0, 0)
    }
}

closed_enum! {
    /// A POSIX resource limit type (`process.rlimits[].type`), see
    /// getrlimit(2). The default is `RLIMIT_CPU` (as in `oci-spec`). A type
    /// the crate does not know (the schema allows any `RLIMIT_[A-Z]+`) is
    /// kept by the process and written back (`validate()` warns).
    pub enum PosixRlimitType [default = RlimitCpu] {
        /// CPU time in seconds.
        RlimitCpu = "RLIMIT_CPU", "RLIMIT_CPU",
        /// File size.
        RlimitFsize = "RLIMIT_FSIZE", "RLIMIT_FSIZE",
        /// Data segment size.
        RlimitData = "RLIMIT_DATA", "RLIMIT_DATA",
        /// Stack size.
        RlimitStack = "RLIMIT_STACK", "RLIMIT_STACK",
        /// Core file size.
        RlimitCore = "RLIMIT_CORE", "RLIMIT_CORE",
        /// Resident set size.
        RlimitRss = "RLIMIT_RSS", "RLIMIT_RSS",
        /// Processes.
        RlimitNproc = "RLIMIT_NPROC", "RLIMIT_NPROC",
        /// Open file descriptors.
        RlimitNofile = "RLIMIT_NOFILE", "RLIMIT_NOFILE",
        /// Locked memory.
        RlimitMemlock = "RLIMIT_MEMLOCK", "RLIMIT_MEMLOCK",
        /// Address space size.
        RlimitAs = "RLIMIT_AS", "RLIMIT_AS",
        /// File locks.
        RlimitLocks = "RLIMIT_LOCKS", "RLIMIT_LOCKS",
        /// Queued signals.
        RlimitSigpending = "RLIMIT_SIGPENDING", "RLIMIT_SIGPENDING",
        /// POSIX message queue bytes.
        RlimitMsgqueue = "RLIMIT_MSGQUEUE", "RLIMIT_MSGQUEUE",
        /// Nice value ceiling.
        RlimitNice = "RLIMIT_NICE", "RLIMIT_NICE",
        /// Real-time priority ceiling.
        RlimitRtprio = "RLIMIT_RTPRIO", "RLIMIT_RTPRIO",
        /// Real-time CPU time in microseconds.
        RlimitRttime = "RLIMIT_RTTIME", "RLIMIT_RTTIME",
    }
}

/// One resource limit of the process (`process.rlimits[]`). `Copy`, as in
/// `oci-spec`: the process keeps what it cannot hold (an unknown type,
/// unknown members).
#[spec_struct(default, copy, hash, builder_default, access(get, set))]
pub struct PosixRlimit {
    /// REQUIRED: the resource limited.
    #[json(rename = "type", keep)]
    #[access(get_copy, set)]
    typ: PosixRlimitType,
    /// REQUIRED: the ceiling for the soft limit.
    #[json(default, omit_absent)]
    hard: u64,
    /// REQUIRED: the limit enforced by the kernel.
    #[json(default, omit_absent)]
    soft: u64,
}

impl PosixRlimit {
    /// A limit of `typ` with the same soft and hard value.
    pub fn new(typ: PosixRlimitType, soft: u64, hard: u64) -> Self {
        Self { typ, hard, soft }
    }
}

impl Validate for Process {
    /// The platform-independent rules; [`crate::runtime::Spec`] adds the ones
    /// that depend on the platform (args, user).
    fn check(&self, c: &mut Checker) {
        // `user` is the platform's to report (`check_platform`).
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &crate::runtime::rules::REQUIRED_MEMBER_ABSENT,
            &["user"],
        );
        let cwd = self.cwd.to_string_lossy();
        rules::check_absolute(c, "cwd", &cwd, &rules::PROCESS_CWD_ABSOLUTE);
        c.check_opt("capabilities", self.capabilities.as_ref());
        crate::json::spec::report_unknown_values(c, &self.rest, |names, value| match names {
            ["rlimits", "type"] => {
                let well_formed = value
                    .as_str()
                    .and_then(|t| t.strip_prefix("RLIMIT_"))
                    .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_uppercase()));
                Some(if well_formed {
                    (&rules::RLIMIT_TYPE_UNKNOWN, "rlimit type")
                } else {
                    (
                        &rules::RLIMIT_TYPE_FORMAT,
                        "rlimit type (not ^RLIMIT_[A-Z]+$)",
                    )
                })
            }
            ["ioPriority", "class"] => {
                Some((&rules::IO_PRIORITY_CLASS_UNKNOWN, "i/o priority class"))
            }
            _ => None,
        });
        if let Some(rlimits) = &self.rlimits {
            let kept = self.rest.kept("rlimits");
            let known =
                |i: usize| !crate::json::spec::item_member_unknown(kept, i, "type", rlimits[i].typ);
            c.field("rlimits", |c| {
                // Linear in the list's length (a hostile list may be long).
                let mut seen = std::collections::HashSet::new();
                for (i, r) in rlimits.iter().enumerate() {
                    if known(i) && !seen.insert(r.typ) {
                        c.index(i, |c| {
                            c.report_at(
                                "type",
                                &rules::RLIMIT_UNIQUE,
                                format!("rlimit type {} is repeated", quote(r.typ.as_str())),
                            );
                        });
                    }
                }
            });
        }
        c.check_opt("scheduler", self.scheduler.as_ref());
        c.check_opt("ioPriority", self.io_priority.as_ref());
        c.check_opt("execCPUAffinity", self.exec_cpu_affinity.as_ref());
        rules::check_process_values(c, self);
    }
}

impl Process {
    /// A process with only the REQUIRED `cwd` set.
    pub fn with_cwd(cwd: impl Into<PathBuf>) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            terminal: None,
            console_size: None,
            user: User::default(),
            args: None,
            command_line: None,
            env: None,
            cwd: cwd.into(),
            capabilities: None,
            rlimits: None,
            no_new_privileges: None,
            apparmor_profile: None,
            oom_score_adj: None,
            scheduler: None,
            selinux_label: None,
            io_priority: None,
            exec_cpu_affinity: None,
        }
    }

    /// The member `name`, which has a default, was absent in the document.
    fn absent_member(&self, name: &str) -> bool {
        Self::json_field(name).is_some_and(|i| crate::json::spec::Hidden::is_absent(&self.rest, i))
    }

    /// Checks the rules that depend on the target platform: `args` (and
    /// `commandLine` on Windows) and the POSIX user IDs.
    pub(crate) fn check_platform(&self, c: &mut Checker, windows: bool) {
        let has_args = self.args.as_ref().is_some_and(|a| !a.is_empty());
        if windows {
            if self.args.is_none() && self.command_line.is_none() {
                c.report(
                    &rules::PROCESS_ARGS,
                    "windows process has neither args nor commandLine",
                );
            }
            return;
        }
        if !has_args {
            c.report_at(
                "args",
                &rules::PROCESS_ARGS,
                "process.args must contain at least one entry",
            );
        }
        if self.absent_member("user") {
            c.report_at(
                "user",
                &rules::PROCESS_USER_MISSING,
                "process.user is absent; posix platforms need uid and gid",
            );
            return;
        }
        for id in ["uid", "gid"] {
            if self.user.absent(id) {
                c.field("user", |c| {
                    c.report_at(
                        id,
                        &rules::PROCESS_USER_IDS,
                        format!("process.user.{id} is missing"),
                    );
                });
            }
        }
    }
}
