//! The distribution-spec examples and the crate's own good and bad
//! documents under `test-data/distribution/`.
#![cfg(feature = "distribution")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers panic on bad data"
)]

use std::fs;
use std::path::{Path, PathBuf};

use oci_model::distribution::{ErrorResponse, ExtensionList, RepositoryList, TagList};
use oci_model::{Validate, ValidationReport};
use serde_json::Value;

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-data/distribution")
        .join(rel)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses `text` as the document type its file name says, re-serializes
/// it and returns the JSON written and the validation report.
fn parse_by_name(name: &str, text: &str) -> oci_model::Result<(Value, ValidationReport)> {
    fn go<T: std::str::FromStr<Err = oci_model::OciSpecError> + serde::Serialize + Validate>(
        text: &str,
    ) -> oci_model::Result<(Value, ValidationReport)> {
        let doc: T = text.parse()?;
        Ok((serde_json::to_value(&doc).unwrap(), doc.validate()))
    }
    if name.starts_with("error") || name == "spec-05.json" {
        go::<ErrorResponse>(text)
    } else if name.starts_with("taglist") || name == "spec-02.json" {
        go::<TagList>(text)
    } else if name.starts_with("catalog") {
        go::<RepositoryList>(text)
    } else if name.starts_with("extensions") {
        go::<ExtensionList>(text)
    } else {
        panic!("no document type for {name}")
    }
}

fn rules_and_paths(r: &ValidationReport) -> Vec<(&'static str, String)> {
    r.violations()
        .iter()
        .map(|v| (v.rule_name(), v.path().to_owned()))
        .collect()
}

#[test]
fn good_documents_round_trip_and_are_clean() {
    let mut n = 0;
    for entry in fs::read_dir(data("good")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = read(&path);
        let (written, report) =
            parse_by_name(&name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(written, original, "{name}: round trip lost data");
        assert!(report.is_clean(), "{name}: {report}");
        n += 1;
    }
    assert_eq!(n, 6);
}

#[test]
fn bad_documents_break_their_rule() {
    let tsv = read(&data("bad/EXPECTED.tsv"));
    let mut n = 0;
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut cols = line.split('\t');
        let (file, expected) = (cols.next().unwrap(), cols.next().unwrap());
        let text = read(&data(&format!("bad/{file}")));
        let result = parse_by_name(file, &text);
        if expected == "decode" {
            let e = result.err().unwrap_or_else(|| panic!("{file}: parsed"));
            assert!(
                matches!(e, oci_model::OciSpecError::Decode(_)),
                "{file}: {e:?}"
            );
        } else {
            let (_, report) = result.unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(!report.is_clean(), "{file}: no violation");
            for v in report.violations() {
                assert_eq!(v.rule_name(), expected, "{file}: {v}");
            }
        }
        n += 1;
    }
    assert_eq!(n, 13);
}

#[test]
fn every_bad_file_is_listed() {
    let tsv = read(&data("bad/EXPECTED.tsv"));
    for entry in fs::read_dir(data("bad")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if Path::new(&name).extension().is_some_and(|e| e == "json") {
            assert!(
                tsv.contains(&format!("{name}\t")),
                "{name} not in EXPECTED.tsv"
            );
        }
    }
}

fn example(name: &str) -> (String, Value) {
    let text = read(&data(&format!("examples/{name}")));
    let value = serde_json::from_str(&text).unwrap();
    (text, value)
}

#[test]
fn example_tag_list() {
    let (text, original) = example("spec-02.json");
    let (written, report) = parse_by_name("spec-02.json", &text).unwrap();
    assert_eq!(written, original);
    assert_eq!(
        rules_and_paths(&report),
        [
            ("tag-list-name", "/name".to_owned()),
            ("tag-list-tag", "/tags/0".to_owned()),
            ("tag-list-tag", "/tags/1".to_owned()),
            ("tag-list-tag", "/tags/2".to_owned()),
        ]
    );
    assert!(report.violations()[0].message().contains("\"<name>\""));
}

#[test]
fn example_error_response() {
    let (text, original) = example("spec-05.json");
    let doc: ErrorResponse = text.parse().unwrap();
    assert_eq!(serde_json::to_value(&doc).unwrap(), original);
    assert_eq!(
        doc.errors()[0].detail().as_ref().unwrap(),
        &Value::from("<unstructured>")
    );
    let report = doc.validate();
    assert_eq!(
        rules_and_paths(&report),
        [("error-code-format", "/errors/0/code".to_owned())]
    );
}

#[test]
fn example_extension_list() {
    let (text, original) = example("extensions-oci-01.json");
    let doc: ExtensionList = text.parse().unwrap();
    assert_eq!(serde_json::to_value(&doc).unwrap(), original);
    assert_eq!(doc.extensions()[0].description().as_deref(), Some(""));
    assert_eq!(
        rules_and_paths(&doc.validate()),
        [
            ("extension-name", "/extensions/0/name".to_owned()),
            ("extension-endpoints", "/extensions/0".to_owned()),
        ]
    );
}

#[test]
fn example_manifest_fragment_is_only_a_media_type() {
    let (_, value) = example("spec-01.json");
    assert_eq!(
        value,
        serde_json::json!({"mediaType": "application/vnd.oci.image.manifest.v1+json"})
    );
}

#[test]
fn output_is_deterministic() {
    let text = read(&data("good/error-unauthorized.json"));
    let doc: ErrorResponse = text.parse().unwrap();
    let first = doc.to_vec().unwrap();
    for _ in 0..20 {
        assert_eq!(doc.to_vec().unwrap(), first);
    }
}
