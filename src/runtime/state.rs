//! The container state, `state.json`: [runtime-spec v1.3.0, runtime.md "State"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/runtime.md#state),
//! and the container process state sent to a seccomp agent:
//! [config-linux.md "The Container Process State"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#the-container-process-state).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The name of the seccomp listener file descriptor in
/// [`ContainerProcessState::fds`].
pub const SECCOMP_FD_NAME: &str = "seccompFd";

closed_enum! {
    /// The runtime state of a container (`status`); the default is
    /// `stopped`, as in `oci-spec`. A runtime MAY define more values for new
    /// states: such a value is kept by the state and written back (the
    /// v1.3.0 schema only allows these four, so validation warns).
    pub enum ContainerState [default = Stopped] {
        /// The container is being created.
        Creating = "creating", "creating",
        /// Created, the user process not yet started.
        Created = "created", "created",
        /// The user process is running.
        Running = "running", "running",
        /// The user process has exited.
        Stopped = "stopped", "stopped",
    }
}

/// The state of a container, as the runtime's `state` operation returns it.
///
/// ```
/// use oci_model::runtime::{ContainerState, State};
///
/// let s: State = r#"{"ociVersion":"1.3.0","id":"c1","status":"running","pid":42,"bundle":"/b"}"#.parse()?;
/// assert_eq!(s.status(), &ContainerState::Running);
///
/// // As `oci-spec`, a REQUIRED member that is absent reads as its default
/// // (and is not written back); `validate()` reports it.
/// use oci_model::Validate;
/// let empty: State = "{}".parse()?;
/// assert_eq!(empty.id(), "");
/// assert_eq!(empty.to_vec()?, b"{}");
/// assert_eq!(empty.validate().violations()[0].rule_name(), "required-member-absent");
/// # Ok::<(), oci_model::ModelError>(())
/// ```
///
/// `ociVersion`, `id`, `status` and `bundle` are REQUIRED: absent, each
/// reads as its default, as in `oci-spec` (`status` as `stopped`).
#[spec_struct(default, builder_default, access(get, get_mut, set), document)]
pub struct State {
    /// REQUIRED: the runtime-spec version (SemVer 2.0.0). The builder
    /// defaults it to [`crate::runtime::VERSION`].
    #[json(rename = "ociVersion", default, omit_absent)]
    #[builder(default = "crate::runtime::VERSION.to_owned()")]
    version: String,
    /// REQUIRED: the container ID, unique on this host.
    #[json(default, omit_absent)]
    id: String,
    /// REQUIRED: the runtime state (a state the crate does not know is kept
    /// beside it and written back; the field then reads `stopped`).
    #[json(keep, default, omit_absent)]
    status: ContainerState,
    /// The ID of the container process as seen by the host. REQUIRED on
    /// Linux when `status` is `created` or `running`.
    #[access(get_ref, get_mut, set)]
    pid: Option<i32>,
    /// REQUIRED: the absolute path to the bundle directory.
    #[json(default, omit_absent)]
    bundle: PathBuf,
    /// OPTIONAL: the container's annotations (from `config.json`).
    annotations: Option<HashMap<String, String>>,
}

impl State {
    /// Reads a state from a JSON file (the `oci-spec` name of
    /// [`State::from_file`]).
    ///
    /// # Errors
    /// As [`State::from_file`].
    pub fn load<P: AsRef<Path>>(path: P) -> crate::Result<Self> {
        Self::from_file(path)
    }

    /// Writes the state to a file as pretty JSON.
    ///
    /// # Errors
    /// As [`State::to_file_pretty`].
    pub fn save<P: AsRef<Path>>(&self, path: P) -> crate::Result<()> {
        self.to_file_pretty(path)
    }
}

impl Validate for State {
    fn check(&self, c: &mut Checker) {
        check_state(self, c, &rules::STATE_OCI_VERSION);
    }
}

fn check_state(s: &State, c: &mut Checker, version_rule: &'static crate::Rule) {
    // Absent REQUIRED members (read as their defaults, as oci-spec reads
    // them) are reported once, not again by the rules on their values.
    crate::json::spec::report_absent_members(c, &s.rest, &rules::REQUIRED_MEMBER_ABSENT, &[]);
    let absent = |name: &str| s.rest.absent_names().contains(&name);
    if !absent("ociVersion") && !rules::is_semver(&s.version) {
        c.report_at(
            "ociVersion",
            version_rule,
            format!(
                "ociVersion {} is not a semver 2.0.0 version",
                quote(&s.version)
            ),
        );
    }
    crate::json::spec::report_unknown_values(c, &s.rest, |names, _| match names {
        ["status"] => Some((&rules::STATE_STATUS_UNKNOWN, "status")),
        _ => None,
    });
    match s.pid {
        None if matches!(s.status, ContainerState::Created | ContainerState::Running) => {
            c.report(
                &rules::STATE_PID_REQUIRED,
                format!(
                    "pid is missing while the status is {}",
                    quote(s.status.as_str())
                ),
            );
        }
        Some(p) if p < 0 => c.report_at(
            "pid",
            &rules::STATE_PID_NEGATIVE,
            format!("pid {p} is negative"),
        ),
        _ => {}
    }
    if !absent("bundle") {
        rules::check_absolute(
            c,
            "bundle",
            &s.bundle.to_string_lossy(),
            &rules::STATE_BUNDLE_ABSOLUTE,
        );
    }
}

/// The container process state a runtime sends to a seccomp agent over the
/// `listenerPath` socket, with the file descriptors named in `fds`.
#[spec_struct(builder_default, access(get, get_mut, set), document)]
pub struct ContainerProcessState {
    /// REQUIRED: the runtime-spec version. The builder defaults it to
    /// [`crate::runtime::VERSION`].
    #[json(rename = "ociVersion", default, omit_absent)]
    #[builder(default = "crate::runtime::VERSION.to_owned()")]
    version: String,
    /// OPTIONAL: the names of the file descriptors sent with the message,
    /// in order; [`SECCOMP_FD_NAME`] for the seccomp listener.
    #[access(none)]
    #[builder(setter(custom))]
    fds: Option<Vec<String>>,
    /// REQUIRED: the process ID, as seen by the runtime.
    #[json(default, omit_absent)]
    #[access(get_ref, get_mut, set)]
    pid: i32,
    /// OPTIONAL: the `linux.seccomp.listenerMetadata` of the config.
    metadata: Option<String>,
    /// REQUIRED: the state of the container.
    #[json(default, omit_absent)]
    state: State,
}

/// The `fds()` of a message without `fds`.
const NO_FDS: &Vec<String> = &Vec::new();

impl Default for ContainerProcessState {
    /// Empty `ociVersion`, an empty `fds` list, pid 0 and the default
    /// [`State`] (as `oci-spec`).
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            version: String::new(),
            fds: Some(Vec::new()),
            pid: 0,
            metadata: None,
            state: State::default(),
        }
    }
}

impl ContainerProcessState {
    /// The file descriptor names, `&Vec<String>` as in `oci-spec` (empty
    /// when the message has no `fds`).
    pub fn fds(&self) -> &Vec<String> {
        self.fds.as_ref().unwrap_or(NO_FDS)
    }

    /// The file descriptor names as written: `None` when the message has
    /// no `fds`.
    pub fn fds_option(&self) -> Option<&Vec<String>> {
        self.fds.as_ref()
    }

    /// The file descriptor names, to change in place (an absent list
    /// becomes empty first).
    pub fn fds_mut(&mut self) -> &mut Vec<String> {
        self.fds.get_or_insert_with(Vec::new)
    }

    /// Sets the file descriptor names.
    pub fn set_fds(&mut self, fds: Vec<String>) -> &mut Self {
        self.fds = Some(fds);
        self
    }

    /// Sets or (with `None`) removes the file descriptor names.
    pub fn set_fds_option(&mut self, fds: Option<Vec<String>>) -> &mut Self {
        self.fds = fds;
        self
    }
}

impl ContainerProcessStateBuilder {
    /// Sets the file descriptor names.
    pub fn fds<V: Into<Vec<String>>>(mut self, fds: V) -> Self {
        self.fds = Some(Some(fds.into()));
        self
    }
}

impl Validate for ContainerProcessState {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_absent_members(
            c,
            &self.rest,
            &rules::REQUIRED_MEMBER_ABSENT,
            &[],
        );
        let absent = |name: &str| self.rest.absent_names().contains(&name);
        if !absent("ociVersion") && !rules::is_semver(&self.version) {
            c.report_at(
                "ociVersion",
                &rules::PROCESS_STATE_OCI_VERSION,
                format!(
                    "ociVersion {} is not a semver 2.0.0 version",
                    quote(&self.version)
                ),
            );
        }
        if self.pid < 0 {
            c.report_at(
                "pid",
                &rules::PROCESS_STATE_PID,
                format!("pid {} is negative", self.pid),
            );
        }
        if !absent("state") {
            c.field("state", |c| {
                check_state(&self.state, c, &rules::STATE_OCI_VERSION);
            });
        }
    }
}
