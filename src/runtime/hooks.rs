//! POSIX lifecycle hooks: [runtime-spec v1.3.0, config.md "POSIX-platform Hooks"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#posix-platform-hooks).

use std::path::PathBuf;

use derive_builder::Builder;
use getset::{CopyGetters, Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

use crate::runtime::rules;
use crate::validate::{Checker, Validate};

/// The hooks of the container lifecycle (`hooks`), each list run in order.
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
#[serde(rename_all = "camelCase")]
#[builder(
    default,
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct Hooks {
    /// OPTIONAL, DEPRECATED: run after the start operation is called, before
    /// the user process (use `createRuntime`, `createContainer`,
    /// `startContainer` instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prestart: Option<Vec<Hook>>,
    /// OPTIONAL: run in the runtime namespace during `create`, after the
    /// environment is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    create_runtime: Option<Vec<Hook>>,
    /// OPTIONAL: run in the container namespace during `create`, before
    /// `pivot_root`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    create_container: Option<Vec<Hook>>,
    /// OPTIONAL: run in the container namespace during `start`, before the
    /// user process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start_container: Option<Vec<Hook>>,
    /// OPTIONAL: run after the user process starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poststart: Option<Vec<Hook>>,
    /// OPTIONAL: run after the container is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poststop: Option<Vec<Hook>>,
}

impl_builder!(HooksBuilder => Hooks);

/// One hook (`hooks.*[]`).
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
#[builder(
    default,
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get_mut = "pub", set = "pub")]
pub struct Hook {
    /// REQUIRED: the program to run; MUST be an absolute path.
    #[getset(get = "pub")]
    path: PathBuf,
    /// OPTIONAL: the arguments (`execv` semantics, `args[0]` included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    args: Option<Vec<String>>,
    /// OPTIONAL: the environment, `NAME=VALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get = "pub")]
    env: Option<Vec<String>>,
    /// OPTIONAL: seconds before the hook is aborted; MUST be greater than zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[getset(get_copy = "pub")]
    timeout: Option<i64>,
}

impl_builder!(HookBuilder => Hook);

impl Validate for Hook {
    fn check(&self, c: &mut Checker) {
        let path = self.path.to_string_lossy();
        rules::check_absolute(c, "path", &path, &rules::HOOK_PATH_ABSOLUTE);
        if let Some(t) = self.timeout {
            if t <= 0 {
                c.report_at(
                    "timeout",
                    &rules::HOOK_TIMEOUT_POSITIVE,
                    format!("hook timeout {t} is not greater than zero"),
                );
            }
        }
    }
}

impl Validate for Hooks {
    fn check(&self, c: &mut Checker) {
        let lists: [(&'static str, &Option<Vec<Hook>>); 6] = [
            ("prestart", &self.prestart),
            ("createRuntime", &self.create_runtime),
            ("createContainer", &self.create_container),
            ("startContainer", &self.start_container),
            ("poststart", &self.poststart),
            ("poststop", &self.poststop),
        ];
        for (name, list) in lists {
            if let Some(list) = list {
                c.check_each(name, list);
            }
        }
    }
}
