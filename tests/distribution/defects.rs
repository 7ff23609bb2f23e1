//! One test for each item of known-defects.md that concerns the
//! distribution module (items 1, 6, 8, 12, 17, 18, 20, 23).
#![cfg(feature = "distribution")]

use oci_model::Validate;
use oci_model::distribution::{
    ErrorCode, ErrorInfoBuilder, ErrorResponse, Reference, RepositoryList, TagList,
};

const SHA: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[test]
fn defect_01_output_is_deterministic() {
    let body = r#"{"errors":[{"code":"DENIED","detail":{"z":1,"a":{"y":2,"b":3}}}]}"#;
    let e: ErrorResponse = body.parse().unwrap();
    let first = e.to_vec().unwrap();
    assert_eq!(
        first,
        br#"{"errors":[{"code":"DENIED","detail":{"a":{"b":3,"y":2},"z":1}}]}"#
    );
    for _ in 0..20 {
        assert_eq!(e.to_vec().unwrap(), first);
    }
}

#[test]
fn defect_06_no_null_for_absent_fields() {
    let info = ErrorInfoBuilder::default()
        .code(ErrorCode::Denied)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&info).unwrap(),
        r#"{"code":"DENIED"}"#
    );
}

#[test]
fn defect_08_reference_reads_a_string_and_validates_it() {
    // Issue 10 (drop-in): the reference writes oci-spec's object, and reads
    // it back; a reference string is read too, and checked.
    let r = Reference::parse(&format!("reg.io/a:b@{SHA}")).unwrap();
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        format!(r#"{{"registry":"reg.io","repository":"a","tag":"b","digest":"{SHA}"}}"#)
    );
    let s: Reference = serde_json::from_str(&format!("\"reg.io/a:b@{SHA}\"")).unwrap();
    assert_eq!(s, r);
    assert!(serde_json::from_str::<Reference>("\"reg.io/A\"").is_err());
    let o: Reference = serde_json::from_str(r#"{"registry":"reg.io","repository":"a"}"#).unwrap();
    assert_eq!(
        (o.registry(), o.repository(), o.tag()),
        ("reg.io", "a", None)
    );
}

#[test]
fn defect_12_unknown_error_codes_parse() {
    for code in ["UNKNOWN", "NOT_FOUND"] {
        let e: ErrorResponse = format!(r#"{{"errors":[{{"code":"{code}"}}]}}"#)
            .parse()
            .unwrap();
        assert_eq!(e.errors()[0].code_str(), code);
        assert_eq!(
            e.to_vec().unwrap(),
            format!(r#"{{"errors":[{{"code":"{code}"}}]}}"#).as_bytes()
        );
        // "The `code` field MUST be one of the following": reported.
        assert_eq!(e.validate().violations()[0].rule_name(), "error-code-known");
    }
}

#[test]
fn defect_17_references() {
    assert!(Reference::parse("reg.io/Repo:tag").is_err());
    assert!(Reference::parse(&format!("reg.io/repo@{}", SHA.to_uppercase())).is_err());
    let r = Reference::parse("[::1]:5000/repo:tag").unwrap();
    assert_eq!(r.registry(), "[::1]:5000");
    let untagged = Reference::parse("reg.io/repo").unwrap();
    let latest = Reference::parse("reg.io/repo:latest").unwrap();
    // "No tag" is kept beside oci-spec's answer (`tag()` is `latest`).
    assert_eq!(untagged.written_tag(), None);
    assert_eq!(untagged.tag(), Some("latest"));
    assert_eq!(latest.written_tag(), Some("latest"));
    assert_ne!(untagged.as_str(), latest.as_str());
    assert_eq!(untagged.effective_tag(), latest.effective_tag());
}

#[test]
fn defect_18_list_entries_follow_the_grammar() {
    let tags: TagList = r#"{"name":"Repo","tags":["ok","-bad"]}"#.parse().unwrap();
    let r = tags.validate();
    assert!(
        r.has_rule("tag-list-name") && r.has_rule("tag-list-tag"),
        "{r}"
    );
    let repos: RepositoryList = r#"{"repositories":["ok","Not/Ok"]}"#.parse().unwrap();
    assert!(repos.validate().has_rule("repository-list-name"));
}

#[test]
fn defect_20_messages_carry_the_detail() {
    let e = r#"{"name":"a","tags":["x", 3]}"#.parse::<TagList>().unwrap_err();
    let s = e.to_string();
    assert!(s.starts_with("/tags/1: invalid type: integer `3`"), "{s}");
    assert!(s.contains("line 1 column"), "{s}");
    let e = Reference::parse("reg.io/a:-x").unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid reference \"reg.io/a:-x\": expected a tag with a first character that is an ASCII letter, digit or \"_\""
    );
}

#[test]
fn defect_23_no_std_named_public_types() {
    // ErrorResponse/ErrorInfo/ErrorCode, not `Error`; `Reference::parse`
    // gives the crate's ParseError (`distribution::ParseError` is
    // oci-spec's enum, the error of `FromStr`).
    let e: oci_model::ParseError = Reference::parse("").unwrap_err();
    assert_eq!(e.kind(), oci_model::ParseErrorKind::Reference);
}
