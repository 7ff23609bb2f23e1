//! POSIX lifecycle hooks: [runtime-spec v1.3.0, config.md "POSIX-platform Hooks"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config.md#posix-platform-hooks).

use std::path::PathBuf;

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate};

/// The hooks of the container lifecycle (`hooks`), each list run in order.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct Hooks {
    /// OPTIONAL, DEPRECATED: run after the start operation is called, before
    /// the user process (use `createRuntime`, `createContainer`,
    /// `startContainer` instead).
    prestart: Option<Vec<Hook>>,
    /// OPTIONAL: run in the runtime namespace during `create`, after the
    /// environment is created.
    create_runtime: Option<Vec<Hook>>,
    /// OPTIONAL: run in the container namespace during `create`, before
    /// `pivot_root`.
    create_container: Option<Vec<Hook>>,
    /// OPTIONAL: run in the container namespace during `start`, before the
    /// user process.
    start_container: Option<Vec<Hook>>,
    /// OPTIONAL: run after the user process starts.
    poststart: Option<Vec<Hook>>,
    /// OPTIONAL: run after the container is deleted.
    poststop: Option<Vec<Hook>>,
}

/// One hook (`hooks.*[]`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct Hook {
    /// REQUIRED: the program to run; MUST be an absolute path.
    path: PathBuf,
    /// OPTIONAL: the arguments (`execv` semantics, `args[0]` included).
    args: Option<Vec<String>>,
    /// OPTIONAL: the environment, `NAME=VALUE`.
    env: Option<Vec<String>>,
    /// OPTIONAL: seconds before the hook is aborted; MUST be greater than zero.
    timeout: Option<i64>,
}

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
