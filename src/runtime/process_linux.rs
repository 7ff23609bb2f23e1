//! The Linux-only members of `process`: [runtime-spec v1.3.0, config.md "Linux Process"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#linux-process):
//! capabilities, scheduler, I/O priority and exec CPU affinity.

use crate::runtime::capability::Capabilities;
use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The capability sets of the process (`process.capabilities`).
///
/// Each set is a [`Capabilities`] (a `HashSet`, as in `oci-spec`), written
/// sorted by name: the same bytes every time. A capability the crate does
/// not know is kept here (not in the set) and written back in its set.
#[spec_struct(builder_default, access(get, get_mut, set))]
pub struct LinuxCapabilities {
    /// OPTIONAL: the bounding set.
    #[json(keep)]
    bounding: Option<Capabilities>,
    /// OPTIONAL: the effective set.
    #[json(keep)]
    effective: Option<Capabilities>,
    /// OPTIONAL: the inheritable set.
    #[json(keep)]
    inheritable: Option<Capabilities>,
    /// OPTIONAL: the permitted set.
    #[json(keep)]
    permitted: Option<Capabilities>,
    /// OPTIONAL: the ambient set.
    #[json(keep)]
    ambient: Option<Capabilities>,
}

impl LinuxCapabilities {
    /// No set at all (`{}`): the neutral start. `Default` and the builder
    /// start from the runc preset instead, as in `oci-spec`.
    pub fn empty() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            bounding: None,
            effective: None,
            inheritable: None,
            permitted: None,
            ambient: None,
        }
    }

    /// All five sets equal to `set`.
    pub fn all_sets(set: &Capabilities) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            bounding: Some(set.clone()),
            effective: Some(set.clone()),
            inheritable: Some(set.clone()),
            permitted: Some(set.clone()),
            ambient: Some(set.clone()),
        }
    }
}

impl Validate for LinuxCapabilities {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_unknown_values(c, &self.rest, |_, _| {
            Some((&rules::CAPABILITY_UNKNOWN, "capability"))
        });
    }
}

closed_enum! {
    /// An I/O scheduling class (`process.ioPriority.class`), see
    /// ioprio_set(2). The default is best effort, the kernel's default class.
    pub enum IOPriorityClass [default = IoprioClassBe] {
        /// Real-time class.
        IoprioClassRt = "IOPRIO_CLASS_RT", "IOPRIO_CLASS_RT",
        /// Best-effort class.
        IoprioClassBe = "IOPRIO_CLASS_BE", "IOPRIO_CLASS_BE",
        /// Idle class.
        IoprioClassIdle = "IOPRIO_CLASS_IDLE", "IOPRIO_CLASS_IDLE",
    }
}

/// The I/O priority of the process (`process.ioPriority`). `Copy`, as in
/// `oci-spec`: the process keeps what it cannot hold (an unknown class,
/// unknown members).
#[spec_struct(default, copy, hash, builder_default, access(get_copy, set))]
pub struct LinuxIOPriority {
    /// REQUIRED: the scheduling class.
    #[json(keep)]
    #[json(default, omit_absent)]
    class: IOPriorityClass,
    /// REQUIRED: the priority within the class; "should be" 0 (highest) to 7.
    #[json(default, omit_absent)]
    #[access(get, set)]
    priority: i64,
}

impl Validate for LinuxIOPriority {
    fn check(&self, c: &mut Checker) {
        if !(0..=7).contains(&self.priority) {
            c.report_at(
                "priority",
                &rules::IO_PRIORITY_RANGE,
                format!("i/o priority {} is outside 0..=7", self.priority),
            );
        }
    }
}

closed_enum! {
    /// A scheduling policy (`process.scheduler.policy`), see
    /// sched_setattr(2). The default is `SCHED_OTHER`.
    pub enum LinuxSchedulerPolicy [default = SchedOther] {
        /// The default time-sharing policy.
        SchedOther = "SCHED_OTHER", "SCHED_OTHER",
        /// First in, first out real-time policy.
        SchedFifo = "SCHED_FIFO", "SCHED_FIFO",
        /// Round-robin real-time policy.
        SchedRr = "SCHED_RR", "SCHED_RR",
        /// Batch policy.
        SchedBatch = "SCHED_BATCH", "SCHED_BATCH",
        /// Isolation policy (reserved by the kernel).
        SchedIso = "SCHED_ISO", "SCHED_ISO",
        /// Very low priority background policy.
        SchedIdle = "SCHED_IDLE", "SCHED_IDLE",
        /// Deadline policy.
        SchedDeadline = "SCHED_DEADLINE", "SCHED_DEADLINE",
    }
}

closed_enum! {
    /// A scheduler flag (`process.scheduler.flags[]`), see sched_setattr(2).
    /// The default is `SCHED_FLAG_RESET_ON_FORK`.
    ///
    /// The variants and `Display`/`FromStr` texts are `oci-spec`'s; the
    /// JSON texts are the spec's (`SCHED_FLAG_RESET_ON_FORK`,
    /// `SCHED_FLAG_DL_OVERRUN`), where `oci-spec` writes
    /// `SCHED_RESET_ON_FORK` and `SCHED_FLAG_D_L_OVERRUN` (both still read).
    pub enum LinuxSchedulerFlag [default = SchedResetOnFork] [read = read_scheduler_flag] {
        /// Children do not inherit privileged policies.
        SchedResetOnFork = "SCHED_FLAG_RESET_ON_FORK", "SCHED_RESET_ON_FORK",
        /// Deadline tasks may reclaim unused bandwidth.
        SchedFlagReclaim = "SCHED_FLAG_RECLAIM", "SCHED_FLAG_RECLAIM",
        /// Deadline tasks get SIGXCPU on overrun.
        SchedFlagDLOverrun = "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_DL_OVERRUN",
        /// Keep the current policy.
        SchedFlagKeepPolicy = "SCHED_FLAG_KEEP_POLICY", "SCHED_FLAG_KEEP_POLICY",
        /// Keep the current parameters.
        SchedFlagKeepParams = "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_KEEP_PARAMS",
        /// Set the minimum utilization clamp.
        SchedFlagUtilClampMin = "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MIN",
        /// Set the maximum utilization clamp.
        SchedFlagUtilClampMax = "SCHED_FLAG_UTIL_CLAMP_MAX", "SCHED_FLAG_UTIL_CLAMP_MAX",
    }
}

/// Reads a scheduler flag: the spec's text, or the one `oci-spec` writes.
fn read_scheduler_flag(s: &str) -> Option<LinuxSchedulerFlag> {
    LinuxSchedulerFlag::from_json_exact(s).or(match s {
        "SCHED_RESET_ON_FORK" => Some(LinuxSchedulerFlag::SchedResetOnFork),
        "SCHED_FLAG_D_L_OVERRUN" => Some(LinuxSchedulerFlag::SchedFlagDLOverrun),
        _ => None,
    })
}

/// The scheduling attributes of the process (`process.scheduler`).
#[spec_struct(default, builder_default, access(get_ref, get_mut, set))]
pub struct Scheduler {
    /// REQUIRED: the scheduling policy.
    #[json(keep)]
    #[access(get, get_mut, set)]
    policy: LinuxSchedulerPolicy,
    /// OPTIONAL: the nice value for `SCHED_OTHER` and `SCHED_BATCH`.
    nice: Option<i32>,
    /// OPTIONAL: the static priority for `SCHED_FIFO` and `SCHED_RR`.
    priority: Option<i32>,
    /// OPTIONAL: scheduler flags.
    #[json(keep)]
    #[access(get, get_mut, set)]
    flags: Option<Vec<LinuxSchedulerFlag>>,
    /// OPTIONAL: the deadline runtime in nanoseconds (`SCHED_DEADLINE`).
    runtime: Option<u64>,
    /// OPTIONAL: the deadline in nanoseconds (`SCHED_DEADLINE`).
    deadline: Option<u64>,
    /// OPTIONAL: the period in nanoseconds (`SCHED_DEADLINE`).
    period: Option<u64>,
}

impl Validate for Scheduler {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_unknown_values(c, &self.rest, |names, _| match names {
            ["policy"] => Some((&rules::SCHEDULER_POLICY_UNKNOWN, "scheduler policy")),
            ["flags"] => Some((&rules::SCHEDULER_FLAG_UNKNOWN, "scheduler flag")),
            _ => None,
        });
        if !crate::json::spec::stands_in(&self.rest, "policy", self.policy) {
            rules::check_scheduler_values(c, self);
        }
    }
}

/// The CPU affinity used while the runtime execs the process
/// (`process.execCPUAffinity`). Values are CPU lists such as `0-3,7`.
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct ExecCPUAffinity {
    /// OPTIONAL: the CPUs the runtime's exec process runs on before it joins
    /// the container's cgroup.
    initial: Option<String>,
    /// OPTIONAL: the CPUs the process runs on after joining the cgroup
    /// (JSON `final`).
    #[json(rename = "final")]
    cpu_affinity_final: Option<String>,
}

fn is_cpu_list(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b',' | b' ' | b'-'))
}

impl Validate for ExecCPUAffinity {
    fn check(&self, c: &mut Checker) {
        for (name, v) in [
            ("initial", &self.initial),
            ("final", &self.cpu_affinity_final),
        ] {
            if let Some(v) = v {
                if !is_cpu_list(v) {
                    c.report_at(
                        name,
                        &rules::EXEC_CPU_AFFINITY_FORMAT,
                        format!(
                            "cpu list {} has characters other than digits, ',', '-' and ' '",
                            quote(v)
                        ),
                    );
                }
            }
        }
    }
}
