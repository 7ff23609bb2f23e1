//! The `zos` section of `config.json`: [runtime-spec v1.3.0, config-zos.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-zos.md).

use std::path::PathBuf;

use crate::runtime::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// z/OS-specific configuration (`zos`).
#[spec_struct(default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct ZOS {
    /// OPTIONAL: the namespaces of the container; a type MUST NOT repeat.
    namespaces: Option<Vec<ZOSNamespace>>,
}

impl_builder!(ZOSBuilder => ZOS);

open_enum! {
    /// A z/OS namespace type (`zos.namespaces[].type`).
    pub enum ZOSNamespaceType {
        /// Process IDs.
        Pid = "pid",
        /// Mount points.
        Mount = "mount",
        /// System V IPC.
        Ipc = "ipc",
        /// Host and domain names.
        Uts = "uts",
    }
}

impl Default for ZOSNamespaceType {
    /// `pid` (as in `oci-spec`).
    fn default() -> Self {
        Self::Pid
    }
}

/// One z/OS namespace (`zos.namespaces[]`).
#[spec_struct(default, builder_default)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct ZOSNamespace {
    /// REQUIRED: the namespace type.
    #[json(rename = "type")]
    typ: ZOSNamespaceType,
    /// OPTIONAL: a namespace file to join; MUST be an absolute path.
    path: Option<PathBuf>,
}

impl_builder!(ZOSNamespaceBuilder => ZOSNamespace);

impl Validate for ZOS {
    fn check(&self, c: &mut Checker) {
        let Some(namespaces) = &self.namespaces else {
            return;
        };
        c.field("namespaces", |c| {
            for (i, ns) in namespaces.iter().enumerate() {
                c.index(i, |c| {
                    if ns.typ.is_other() {
                        c.report_at(
                            "type",
                            &rules::ZOS_NAMESPACE_TYPE_UNKNOWN,
                            format!("namespace type {} is not known", quote(ns.typ.as_str())),
                        );
                    }
                    if namespaces[..i].iter().any(|p| p.typ == ns.typ) {
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
