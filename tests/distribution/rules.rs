//! One test per distribution-spec rule: a document that breaks only that
//! rule, and the rule name and JSON pointer of the violation.
#![cfg(feature = "distribution")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers panic on bad data"
)]

use oci_model::distribution::{
    ErrorResponse, ExtensionList, ReferrersResponse, RepositoryList, TagList, rules,
};
use oci_model::{Severity, Validate, ValidationReport};

fn only(report: &ValidationReport, rule: &str, path: &str) {
    assert_eq!(report.violations().len(), 1, "{report}");
    let v = &report.violations()[0];
    assert_eq!(v.rule_name(), rule, "{v}");
    assert_eq!(v.path(), path, "{v}");
    assert_eq!(v.severity(), v.rule().severity());
}

fn doc<T: std::str::FromStr<Err = oci_model::ModelError>>(json: &str) -> T {
    json.parse().unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn error_code_format() {
    let d: ErrorResponse = doc(r#"{"errors":[{"code":"DENIED"},{"code":"Not-Found"}]}"#);
    only(&d.validate(), "error-code-format", "/errors/1/code");
    assert!(!d.validate().is_valid());
}

#[test]
fn error_code_known() {
    // "The `code` field MUST be one of the following" (the 14 codes).
    let d: ErrorResponse = doc(r#"{"errors":[{"code":"UNKNOWN","message":"x"}]}"#);
    let r = d.validate();
    only(&r, "error-code-known", "/errors/0/code");
    assert!(!r.is_valid(), "{r}");
    // The codes the spec names beside its table are warnings.
    let d: ErrorResponse = doc(r#"{"errors":[{"code":"DENIED"},{"code":"TAG_INVALID"}]}"#);
    let r = d.validate();
    assert_eq!(r.violations().len(), 1, "{r}");
    assert_eq!(r.violations()[0].rule_name(), "error-code-known");
    assert_eq!(r.violations()[0].path(), "/errors/1/code");
    assert_eq!(r.violations()[0].severity(), Severity::Warning);
}

#[test]
fn tag_list_name() {
    let d: TagList = doc(r#"{"name":"Team/App","tags":[]}"#);
    only(&d.validate(), "tag-list-name", "/name");
}

#[test]
fn tag_list_tag() {
    let d: TagList = doc(r#"{"name":"team/app","tags":["a","b:c"]}"#);
    only(&d.validate(), "tag-list-tag", "/tags/1");
}

#[test]
fn tag_list_order() {
    let d: TagList = doc(r#"{"name":"team/app","tags":["b","a"]}"#);
    only(&d.validate(), "tag-list-order", "/tags");
    // Either accepted order is clean.
    let lexical: TagList = doc(r#"{"name":"team/app","tags":["a","B","c"]}"#);
    assert!(lexical.validate().is_clean());
    let ascii: TagList = doc(r#"{"name":"team/app","tags":["B","a","c"]}"#);
    assert!(ascii.validate().is_clean());
}

#[test]
fn repository_list_name() {
    let d: RepositoryList = doc(r#"{"repositories":["ok/name","bad//name"]}"#);
    only(&d.validate(), "repository-list-name", "/repositories/1");
}

#[test]
fn extension_name() {
    let d: ExtensionList =
        doc(r#"{"extensions":[{"name":"_Bad","url":"https://x","endpoints":[]}]}"#);
    only(&d.validate(), "extension-name", "/extensions/0/name");
}

#[test]
fn extension_endpoints() {
    let d: ExtensionList = doc(r#"{"extensions":[{"name":"_oci.ext","url":"https://x"}]}"#);
    only(&d.validate(), "extension-endpoints", "/extensions/0");
}

#[test]
fn referrers_artifact_type() {
    let d: ReferrersResponse = doc(
        r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.index.v1+json","size":1,
         "digest":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,
         "digest":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}"#,
    );
    only(&d.validate(), "referrers-artifact-type", "/manifests/1");
}

#[test]
fn referrers_include_index_rules() {
    let d: ReferrersResponse = doc(
        r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","manifests":[]}"#,
    );
    only(&d.validate(), "index-media-type", "/mediaType");
}

#[test]
fn catalogue_is_complete_and_consistent() {
    let mut names: Vec<_> = rules::ALL.iter().map(|r| r.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), rules::ALL.len(), "duplicate rule names");
    for r in rules::ALL {
        assert_eq!(r.spec(), "distribution-spec v1.1.1");
        assert!(
            r.name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        );
        assert!(!r.summary().is_empty() && !r.section().is_empty());
    }
}
