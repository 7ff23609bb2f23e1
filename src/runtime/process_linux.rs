//! The Linux-only members of `process`: [runtime-spec v1.3.0, config.md "Linux Process"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#linux-process):
//! capabilities, scheduler, I/O priority and exec CPU affinity.

use crate::runtime::capability::Capabilities;
use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The capability sets of the process (`process.capabilities`).
///
/// Each set is a [`Capabilities`] (a `BTreeSet`), so it serializes sorted by
/// name: the same bytes every time.
#[spec_struct(builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct LinuxCapabilities {
    /// OPTIONAL: the bounding set.
    bounding: Option<Capabilities>,
    /// OPTIONAL: the effective set.
    effective: Option<Capabilities>,
    /// OPTIONAL: the inheritable set.
    inheritable: Option<Capabilities>,
    /// OPTIONAL: the permitted set.
    permitted: Option<Capabilities>,
    /// OPTIONAL: the ambient set.
    ambient: Option<Capabilities>,
}

impl_builder!(LinuxCapabilitiesBuilder => LinuxCapabilities);

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
        let sets: [(&'static str, &Option<Capabilities>); 5] = [
            ("bounding", &self.bounding),
            ("effective", &self.effective),
            ("inheritable", &self.inheritable),
            ("permitted", &self.permitted),
            ("ambient", &self.ambient),
        ];
        for (name, set) in sets {
            let Some(set) = set else { continue };
            c.field(name, |c| {
                for (i, cap) in set.iter().enumerate() {
                    if cap.is_other() {
                        c.index(i, |c| {
                            c.report(
                                &rules::CAPABILITY_UNKNOWN,
                                format!("capability {} is not known", quote(cap.as_str())),
                            );
                        });
                    }
                }
            });
        }
    }
}

open_enum! {
    /// An I/O scheduling class (`process.ioPriority.class`), see ioprio_set(2).
    pub enum IOPriorityClass {
        /// Real-time class.
        IoprioClassRt = "IOPRIO_CLASS_RT",
        /// Best-effort class.
        IoprioClassBe = "IOPRIO_CLASS_BE",
        /// Idle class.
        IoprioClassIdle = "IOPRIO_CLASS_IDLE",
    }
}

impl Default for IOPriorityClass {
    /// Best effort, the kernel's default class.
    fn default() -> Self {
        Self::IoprioClassBe
    }
}

/// The I/O priority of the process (`process.ioPriority`).
#[spec_struct(default, builder_default)]
#[getset(get_mut = "pub", set = "pub")]
pub struct LinuxIOPriority {
    /// REQUIRED: the scheduling class.
    #[getset(get = "pub")]
    class: IOPriorityClass,
    /// REQUIRED: the priority within the class; "should be" 0 (highest) to 7.
    #[getset(get_copy = "pub")]
    priority: i64,
}

impl_builder!(LinuxIOPriorityBuilder => LinuxIOPriority);

impl Validate for LinuxIOPriority {
    fn check(&self, c: &mut Checker) {
        if self.class.is_other() {
            c.report_at(
                "class",
                &rules::IO_PRIORITY_CLASS_UNKNOWN,
                format!(
                    "i/o priority class {} is not known",
                    quote(self.class.as_str())
                ),
            );
        }
        if !(0..=7).contains(&self.priority) {
            c.report_at(
                "priority",
                &rules::IO_PRIORITY_RANGE,
                format!("i/o priority {} is outside 0..=7", self.priority),
            );
        }
    }
}

open_enum! {
    /// A scheduling policy (`process.scheduler.policy`), see sched_setattr(2).
    pub enum LinuxSchedulerPolicy {
        /// The default time-sharing policy.
        SchedOther = "SCHED_OTHER",
        /// First in, first out real-time policy.
        SchedFifo = "SCHED_FIFO",
        /// Round-robin real-time policy.
        SchedRr = "SCHED_RR",
        /// Batch policy.
        SchedBatch = "SCHED_BATCH",
        /// Isolation policy (reserved by the kernel).
        SchedIso = "SCHED_ISO",
        /// Very low priority background policy.
        SchedIdle = "SCHED_IDLE",
        /// Deadline policy.
        SchedDeadline = "SCHED_DEADLINE",
    }
}

impl Default for LinuxSchedulerPolicy {
    /// `SCHED_OTHER`.
    fn default() -> Self {
        Self::SchedOther
    }
}

open_enum! {
    /// A scheduler flag (`process.scheduler.flags[]`), see sched_setattr(2).
    pub enum LinuxSchedulerFlag {
        /// Children do not inherit privileged policies.
        SchedFlagResetOnFork = "SCHED_FLAG_RESET_ON_FORK",
        /// Deadline tasks may reclaim unused bandwidth.
        SchedFlagReclaim = "SCHED_FLAG_RECLAIM",
        /// Deadline tasks get SIGXCPU on overrun.
        SchedFlagDLOverrun = "SCHED_FLAG_DL_OVERRUN",
        /// Keep the current policy.
        SchedFlagKeepPolicy = "SCHED_FLAG_KEEP_POLICY",
        /// Keep the current parameters.
        SchedFlagKeepParams = "SCHED_FLAG_KEEP_PARAMS",
        /// Set the minimum utilization clamp.
        SchedFlagUtilClampMin = "SCHED_FLAG_UTIL_CLAMP_MIN",
        /// Set the maximum utilization clamp.
        SchedFlagUtilClampMax = "SCHED_FLAG_UTIL_CLAMP_MAX",
    }
}

impl LinuxSchedulerFlag {
    /// The `oci-spec` 0.10 name of [`LinuxSchedulerFlag::SchedFlagResetOnFork`].
    #[deprecated(note = "use LinuxSchedulerFlag::SchedFlagResetOnFork")]
    #[allow(non_upper_case_globals)]
    pub const SchedResetOnFork: Self = Self::SchedFlagResetOnFork;
}

/// The scheduling attributes of the process (`process.scheduler`).
#[spec_struct(default, builder_default)]
#[getset(get_mut = "pub", set = "pub")]
pub struct Scheduler {
    /// REQUIRED: the scheduling policy.
    #[getset(get = "pub")]
    policy: LinuxSchedulerPolicy,
    /// OPTIONAL: the nice value for `SCHED_OTHER` and `SCHED_BATCH`.
    #[getset(get = "pub")]
    nice: Option<i32>,
    /// OPTIONAL: the static priority for `SCHED_FIFO` and `SCHED_RR`.
    #[getset(get = "pub")]
    priority: Option<i32>,
    /// OPTIONAL: scheduler flags.
    #[getset(get = "pub")]
    flags: Option<Vec<LinuxSchedulerFlag>>,
    /// OPTIONAL: the deadline runtime in nanoseconds (`SCHED_DEADLINE`).
    #[getset(get = "pub")]
    runtime: Option<u64>,
    /// OPTIONAL: the deadline in nanoseconds (`SCHED_DEADLINE`).
    #[getset(get = "pub")]
    deadline: Option<u64>,
    /// OPTIONAL: the period in nanoseconds (`SCHED_DEADLINE`).
    #[getset(get = "pub")]
    period: Option<u64>,
}

impl_builder!(SchedulerBuilder => Scheduler);

impl Validate for Scheduler {
    fn check(&self, c: &mut Checker) {
        if self.policy.is_other() {
            c.report_at(
                "policy",
                &rules::SCHEDULER_POLICY_UNKNOWN,
                format!(
                    "scheduler policy {} is not known",
                    quote(self.policy.as_str())
                ),
            );
        }
        if let Some(flags) = &self.flags {
            c.field("flags", |c| {
                for (i, f) in flags.iter().enumerate() {
                    if f.is_other() {
                        c.index(i, |c| {
                            c.report(
                                &rules::SCHEDULER_FLAG_UNKNOWN,
                                format!("scheduler flag {} is not known", quote(f.as_str())),
                            );
                        });
                    }
                }
            });
        }
    }
}

/// The CPU affinity used while the runtime execs the process
/// (`process.execCPUAffinity`). Values are CPU lists such as `0-3,7`.
#[spec_struct(default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct ExecCPUAffinity {
    /// OPTIONAL: the CPUs the runtime's exec process runs on before it joins
    /// the container's cgroup.
    initial: Option<String>,
    /// OPTIONAL: the CPUs the process runs on after joining the cgroup
    /// (JSON `final`).
    #[json(rename = "final")]
    cpu_affinity_final: Option<String>,
}

impl_builder!(ExecCPUAffinityBuilder => ExecCPUAffinity);

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
