//! The `zos` section of `config.json`: [runtime-spec v1.3.0, config-zos.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-zos.md).

use std::path::PathBuf;

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// z/OS-specific configuration (`zos`).
#[spec_struct(default, builder_default, access(get, get_mut, set))]
pub struct ZOS {
    /// OPTIONAL: the namespaces of the container; a type MUST NOT repeat.
    namespaces: Option<Vec<ZOSNamespace>>,
}

closed_enum! {
    /// A z/OS namespace type (`zos.namespaces[].type`); the default is
    /// `pid` (as in `oci-spec`).
    pub enum ZOSNamespaceType [default = Pid] (parse = none) {
        /// Process IDs.
        Pid = "pid", "pid",
        /// Mount points.
        Mount = "mount", "mount",
        /// System V IPC.
        Ipc = "ipc", "ipc",
        /// Host and domain names.
        Uts = "uts", "uts",
    }
}

impl TryFrom<&str> for ZOSNamespaceType {
    type Error = crate::OciSpecError;

    /// `pid`, `mount`, `ipc` or `uts`, as in `oci-spec`; anything else is
    /// an [`crate::OciSpecError::Other`] quoting it.
    fn try_from(namespace: &str) -> Result<Self, Self::Error> {
        Self::from_json_exact(namespace).ok_or_else(|| {
            crate::OciSpecError::Other(format!(
                "unknown z/os namespace {}, could not convert: expected pid, mount, ipc or uts",
                quote(namespace)
            ))
        })
    }
}

impl std::str::FromStr for ZOSNamespaceType {
    type Err = crate::OciSpecError;

    /// The same as `TryFrom<&str>`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s)
    }
}

/// One z/OS namespace (`zos.namespaces[]`).
#[spec_struct(default, builder_default, access(get_copy, get_mut, set))]
pub struct ZOSNamespace {
    /// REQUIRED: the namespace type.
    #[json(rename = "type", keep)]
    typ: ZOSNamespaceType,
    /// OPTIONAL: a namespace file to join; MUST be an absolute path.
    #[access(get, get_mut, set)]
    path: Option<PathBuf>,
}

impl Validate for ZOS {
    fn check(&self, c: &mut Checker) {
        let Some(namespaces) = &self.namespaces else {
            return;
        };
        c.field("namespaces", |c| {
            // Linear in the list's length (a hostile list may be long).
            let mut seen = std::collections::HashSet::new();
            for (i, ns) in namespaces.iter().enumerate() {
                c.index(i, |c| {
                    crate::json::spec::report_unknown_values(c, &ns.rest, |_, _| {
                        Some((&rules::ZOS_NAMESPACE_TYPE_UNKNOWN, "namespace type"))
                    });
                    let known =
                        |n: &ZOSNamespace| !crate::json::spec::stands_in(&n.rest, "type", n.typ);
                    if known(ns) && !seen.insert(ns.typ) {
                        c.report_at(
                            "type",
                            &rules::ZOS_NAMESPACE_UNIQUE,
                            format!("namespace type {} is repeated", quote(ns.typ.as_str())),
                        );
                    }
                    if let Some(p) = &ns.path {
                        rules::check_absolute(
                            c,
                            "path",
                            &p.to_string_lossy(),
                            &rules::ZOS_NAMESPACE_PATH,
                        );
                    }
                });
            }
        });
    }
}
