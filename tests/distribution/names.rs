//! Property tests of the repository name and tag grammars and of the tag
//! and repository list documents.
#![cfg(feature = "distribution")]

use oci_model::Validate;
use oci_model::distribution::{RepositoryList, RepositoryName, Tag, TagList};
use proptest::prelude::*;

fn component() -> impl Strategy<Value = String> {
    (
        "[a-z0-9]{1,6}",
        prop::collection::vec(
            (
                prop_oneof![
                    Just(".".to_owned()),
                    Just("_".to_owned()),
                    Just("__".to_owned()),
                    "-{1,4}"
                ],
                "[a-z0-9]{1,6}",
            ),
            0..3,
        ),
    )
        .prop_map(|(head, rest)| {
            rest.into_iter().fold(head, |mut s, (sep, part)| {
                s.push_str(&sep);
                s.push_str(&part);
                s
            })
        })
}

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(component(), 1..5).prop_map(|c| c.join("/"))
}

proptest! {
    #[test]
    fn valid_names_parse_and_print_back(s in name()) {
        let n = RepositoryName::parse(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(n.as_str(), s.as_str());
        let json = serde_json::to_string(&n).unwrap();
        prop_assert_eq!(serde_json::from_str::<RepositoryName>(&json).unwrap(), n);
    }

    #[test]
    fn valid_tags_parse_and_print_back(s in "[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}") {
        let t = Tag::parse(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(t.to_string(), s);
    }

    #[test]
    fn names_and_tags_never_panic(s in ".{0,200}") {
        if let Ok(n) = RepositoryName::parse(&s) {
            prop_assert_eq!(n.as_str(), s.as_str());
            prop_assert!(!s.bytes().any(|b| b.is_ascii_uppercase()));
        }
        if let Ok(t) = Tag::parse(&s) {
            prop_assert!(t.as_str().len() <= 128);
        }
    }

    #[test]
    fn sorted_valid_tag_lists_are_clean(
        n in name(),
        mut tags in prop::collection::vec("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,20}", 0..10),
    ) {
        tags.sort();
        let list = TagList::from_slice(
            serde_json::json!({"name": n, "tags": tags}).to_string().as_bytes(),
        ).unwrap();
        prop_assert!(list.validate().is_clean(), "{}", list.validate());
        let back: TagList = list.to_string().unwrap().parse().unwrap();
        prop_assert_eq!(back, list);
    }

    #[test]
    fn repository_lists_report_every_bad_entry(entries in prop::collection::vec(".{0,12}", 0..8)) {
        let list = RepositoryList::from_slice(
            serde_json::json!({"repositories": entries}).to_string().as_bytes(),
        ).unwrap();
        let bad = entries.iter().filter(|e| RepositoryName::parse(e).is_err()).count();
        prop_assert_eq!(list.validate().violations().len(), bad);
    }
}

/// Google Container Registry's tag list carries `child` (nested
/// repositories) and `manifest` (per-digest details) beside `name` and
/// `tags` (issue 11): both are kept, readable, and written back after the
/// modeled members; the list still validates.
#[test]
fn gcr_tag_list_members_are_kept() {
    let body = r#"{"child":["hello","world"],"manifest":{"sha256:aa":{"imageSizeBytes":"1","mediaType":"application/vnd.docker.distribution.manifest.v2+json","tag":["foo"],"timeCreatedMs":"1","timeUploadedMs":"2"}},"name":"project/repo","tags":["foo"]}"#;
    let list: TagList = body.parse().unwrap();
    assert_eq!(list.tags(), &["foo".to_owned()]);
    assert_eq!(
        list.unknown_members()["child"],
        serde_json::json!(["hello", "world"])
    );
    assert!(list.unknown_members().contains_key("manifest"));
    assert_eq!(
        list.to_string().unwrap(),
        r#"{"name":"project/repo","tags":["foo"],"child":["hello","world"],"manifest":{"sha256:aa":{"imageSizeBytes":"1","mediaType":"application/vnd.docker.distribution.manifest.v2+json","tag":["foo"],"timeCreatedMs":"1","timeUploadedMs":"2"}}}"#
    );
    assert!(list.validate().is_clean(), "{}", list.validate());
}
