//! Checks shared by the Docker documents.

use crate::docker::{DockerMediaType, rules};
use crate::image::Descriptor;
use crate::validate::{Checker, quote};

/// Reports `schemaVersion` other than 2.
pub(crate) fn check_schema_version(c: &mut Checker, v: u32) {
    if v != 2 {
        c.report_at(
            "schemaVersion",
            &rules::SCHEMA_VERSION,
            format!("schemaVersion is {v}: expected 2"),
        );
    }
}

/// Checks a descriptor as Docker has it: the OCI descriptor rules (the
/// same members and meanings) as warnings, and the OCI-only members.
pub(crate) fn check_descriptor(c: &mut Checker, d: &Descriptor) {
    // A platform's `features` is Docker's own (reserved in OCI): checked
    // without it.
    if d.platform()
        .as_ref()
        .is_some_and(|p| p.features().is_some())
    {
        let mut plain = d.clone();
        if let Some(p) = plain.platform_mut() {
            p.set_features(None);
        }
        c.advisory(|c| plain.check(c));
    } else {
        c.advisory(|c| d.check(c));
    }
    if d.annotations().is_some() {
        oci_member(c, "annotations");
    }
    if d.artifact_type().is_some() {
        oci_member(c, "artifactType");
    }
    if d.data().is_some() {
        oci_member(c, "data");
    }
}

/// Reports an OCI-only member `name` below the current path.
pub(crate) fn oci_member(c: &mut Checker, name: &'static str) {
    c.report_at(
        name,
        &rules::OCI_MEMBER,
        format!(
            "{name} is an oci member that docker's format does not have: docker readers ignore it"
        ),
    );
}

/// Reports a `mediaType` that is not `want` with `rule`.
pub(crate) fn expect_media_type(
    c: &mut Checker,
    have: &str,
    want: &DockerMediaType,
    rule: &'static crate::validate::Rule,
    what: &str,
) {
    if have != want.as_str() {
        c.report_at(
            "mediaType",
            rule,
            format!("{what} mediaType {} is not {want}", quote(have)),
        );
    }
}

use crate::validate::Validate as _;
