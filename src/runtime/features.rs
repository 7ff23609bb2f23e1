//! The Features structure, `features.json`, that a runtime reports about
//! itself: [runtime-spec v1.3.0, features.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features.md)
//! and [features-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/features-linux.md).
//!
//! Every member but `ociVersionMin` and `ociVersionMax` MAY be absent or
//! `null`; both read as `None` (a `null` read is written back as `null`;
//! absent and empty stay different: `[]` round-trips as `[]`).
//!
//! Unknown members are kept while decoding, as everywhere in this crate
//! (`unknown_members()`), and written back. The rule that a Features
//! structure "MUST NOT contain properties that are not defined in this
//! version" (FEAT-N2) is checked by `validate()` on what the value holds,
//! which also warns about `null` members read (which the prose allows and
//! the official schema rejects); [`Features::validate_json`] decodes and
//! validates in one call.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::runtime::rules::{cmp_semver, parse_semver};
use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

mod linux;

pub use linux::{
    Apparmor, ApparmorBuilder, Cgroup, CgroupBuilder, IDMap, IDMapBuilder, IntelRdt,
    IntelRdtBuilder, LinuxFeature, LinuxFeatureBuilder, MemoryPolicy, MemoryPolicyBuilder,
    MountExtensions, MountExtensionsBuilder, NetDevices, NetDevicesBuilder, Seccomp,
    SeccompBuilder, Selinux, SelinuxBuilder,
};

/// The Features structure (`features.json`): what a runtime
/// implements. Parse it with `from_file`/`from_str`; the builder
/// refuses a value that breaks a rule.
///
/// ```
/// use oci_model::runtime::Features;
///
/// let text = r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.1.0","hooks":null,"x-vendor":1}"#;
/// let f: Features = text.parse()?;
/// assert!(f.hooks().is_none());
/// assert_eq!(f.unknown_members()["x-vendor"], 1);
/// // Nothing is lost: the null and the unknown member are written back.
/// assert_eq!(f.to_string()?, text);
/// // runtime-spec 1.3 defines neither: the unknown member is an error
/// // (features.md: "MUST NOT contain properties that are not defined"),
/// // the null a warning (the official schema rejects it).
/// let report = oci_model::Validate::validate(&f);
/// assert!(report.has_rule("features-unknown-property") && !report.is_valid());
/// assert!(report.has_rule("features-null"));
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set),
    document
)]
pub struct Features {
    /// REQUIRED: the lowest runtime-spec version the runtime accepts as
    /// `ociVersion`.
    oci_version_min: String,

    /// REQUIRED: the highest runtime-spec version the runtime accepts;
    /// MUST NOT be less than `ociVersionMin`.
    oci_version_max: String,

    /// OPTIONAL: the hook names the runtime supports.
    hooks: Option<Vec<String>>,

    /// OPTIONAL: the mount options the runtime recognizes.
    mount_options: Option<Vec<String>>,

    /// OPTIONAL: the Linux features.
    linux: Option<LinuxFeature>,

    /// OPTIONAL: implementation-specific annotations; sorted by key.
    annotations: Option<HashMap<String, String>>,

    /// OPTIONAL: config annotations that may change the runtime's
    /// behavior; an entry ending in `.` is a prefix.
    potentially_unsafe_config_annotations: Option<Vec<String>>,
}

/// The members v1.3.0 defines, per object path (`""` is the top level).
const KNOWN_MEMBERS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "ociVersionMin",
            "ociVersionMax",
            "hooks",
            "mountOptions",
            "linux",
            "annotations",
            "potentiallyUnsafeConfigAnnotations",
        ],
    ),
    (
        "/linux",
        &[
            "namespaces",
            "capabilities",
            "cgroup",
            "seccomp",
            "apparmor",
            "selinux",
            "intelRdt",
            "memoryPolicy",
            "mountExtensions",
            "netDevices",
        ],
    ),
    (
        "/linux/cgroup",
        &["v1", "v2", "systemd", "systemdUser", "rdma"],
    ),
    (
        "/linux/seccomp",
        &[
            "enabled",
            "actions",
            "operators",
            "archs",
            "knownFlags",
            "supportedFlags",
        ],
    ),
    ("/linux/apparmor", &["enabled"]),
    ("/linux/selinux", &["enabled"]),
    ("/linux/intelRdt", &["enabled", "schemata", "monitoring"]),
    ("/linux/memoryPolicy", &["modes", "flags"]),
    ("/linux/mountExtensions", &["idmap"]),
    ("/linux/mountExtensions/idmap", &["enabled"]),
    ("/linux/netDevices", &["enabled"]),
];

impl Features {
    /// Decodes `json` and checks every rule: the same as
    /// [`Validate::validate`] on the decoded value, which also sees
    /// members v1.3.0 does not define (an error, or a warning when
    /// `ociVersionMax` is a later version that may define them) and `null`
    /// members (a warning: the official schema rejects them), since the
    /// model keeps both. `annotations` keys are free.
    ///
    /// # Errors
    /// [`crate::ModelError::Decode`] when `json` does not decode as
    /// [`Features`].
    pub fn validate_json(json: &str) -> crate::ModelResult<crate::ValidationReport> {
        let features: Features = crate::io::from_str(json)?;
        Ok(features.validate())
    }
}

fn walk_members(c: &mut Checker, path: &str, value: &serde_json::Value, later: bool) {
    let Some(obj) = value.as_object() else { return };
    let Some((_, known)) = KNOWN_MEMBERS.iter().find(|(p, _)| *p == path) else {
        return;
    };
    for (key, member) in obj {
        let Some(name) = known.iter().copied().find(|k| k == key) else {
            c.key(key, |c| {
                let msg = format!(
                    "member {} is not defined by runtime-spec v1.3.0",
                    quote(key)
                );
                if later {
                    c.report_as(
                        &rules::FEATURES_UNKNOWN_PROPERTY,
                        crate::Severity::Warning,
                        msg,
                    );
                } else {
                    c.report(&rules::FEATURES_UNKNOWN_PROPERTY, msg);
                }
            });
            continue;
        };
        c.field(name, |c| {
            if member.is_null() {
                c.report(
                    &rules::FEATURES_NULL,
                    format!(
                        "member {} is null: valid, but the official schema rejects it",
                        quote(name)
                    ),
                );
            } else {
                walk_members(c, &format!("{path}/{name}"), member, later);
            }
        });
    }
}

pub(crate) fn warn_unknown_values<'a, T: 'a>(
    c: &mut Checker,
    name: &'static str,
    items: Option<&'a Vec<T>>,
    is_other: impl Fn(&T) -> bool,
    text: impl Fn(&T) -> &str,
) {
    let Some(items) = items else { return };
    c.field(name, |c| {
        for (i, v) in items.iter().enumerate() {
            if is_other(v) {
                c.index(i, |c| {
                    c.report(
                        &rules::FEATURES_UNKNOWN_VALUE,
                        format!(
                            "{name} value {} is not one this crate knows",
                            quote(text(v))
                        ),
                    );
                });
            }
        }
    });
}

impl Validate for Features {
    fn check(&self, c: &mut Checker) {
        let min = parse_semver(&self.oci_version_min);
        let max = parse_semver(&self.oci_version_max);
        for (name, value, parsed) in [
            ("ociVersionMin", &self.oci_version_min, min.is_some()),
            ("ociVersionMax", &self.oci_version_max, max.is_some()),
        ] {
            if !parsed {
                c.report_at(
                    name,
                    &rules::FEATURES_VERSION,
                    format!("{name} {} is not a semver 2.0.0 version", quote(value)),
                );
            }
        }
        if let (Some(lo), Some(hi)) = (&min, &max) {
            if cmp_semver(hi, lo) == Ordering::Less {
                c.report_at(
                    "ociVersionMax",
                    &rules::FEATURES_VERSION_ORDER,
                    format!(
                        "ociVersionMax {} is less than ociVersionMin {}",
                        quote(&self.oci_version_max),
                        quote(&self.oci_version_min)
                    ),
                );
            }
        }
        c.check_opt("linux", self.linux.as_ref());
        // Members v1.3.0 does not define and remembered nulls: both are
        // kept by the model, so they are seen in what it writes back.
        if let Ok(raw) = serde_json::to_value(self) {
            let later = max
                .zip(parse_semver(crate::runtime::VERSION))
                .is_some_and(|(max, ours)| cmp_semver(&max, &ours) == Ordering::Greater);
            walk_members(c, "", &raw, later);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_json_sees_unknown_and_null_members() {
        let r = Features::validate_json(
            r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","hooks":null,"extra":1,
                "annotations":{"free":"x"},"linux":{"cgroup":{"v3":true},"mountExtensions":{"idmap":{"x":1}}}}"#,
        )
        .unwrap();
        let got: Vec<_> = r
            .violations()
            .iter()
            .map(|v| (v.rule_name(), v.path(), v.is_error()))
            .collect();
        assert_eq!(
            got,
            [
                ("features-unknown-property", "/extra", true),
                ("features-null", "/hooks", false),
                ("features-unknown-property", "/linux/cgroup/v3", true),
                (
                    "features-unknown-property",
                    "/linux/mountExtensions/idmap/x",
                    true
                ),
            ]
        );
        let r =
            Features::validate_json(r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.4.0","new":1}"#)
                .unwrap();
        assert!(r.is_valid() && r.has_rule("features-unknown-property"));
    }

    #[test]
    fn validate_on_a_decoded_value_sees_what_validate_json_sees() {
        let text = r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","hooks":null,"x":{"y":1},"linux":{"apparmor":{"enabled":true,"z":0}}}"#;
        let f: Features = text.parse().unwrap();
        let r = f.validate();
        assert_eq!(r, Features::validate_json(text).unwrap());
        let paths: Vec<_> = r
            .violations()
            .iter()
            .map(crate::validate::Violation::path)
            .collect();
        assert_eq!(paths, ["/hooks", "/linux/apparmor/z", "/x"]);
        // Taking the unknown members out leaves only the null's warning.
        let mut f = f;
        f.unknown_members_mut().clear();
        if let Some(apparmor) = f.linux.as_mut().and_then(|l| l.apparmor_mut().as_mut()) {
            apparmor.unknown_members_mut().clear();
        }
        let r = f.validate();
        let rules: Vec<_> = r
            .violations()
            .iter()
            .map(crate::validate::Violation::rule_name)
            .collect();
        assert_eq!(rules, ["features-null"], "{r}");
        assert!(r.is_valid());
    }
}
