//! The image-spec fixtures of `test-data/image/`: every example and valid
//! case decodes as its kind, re-serializes to the same JSON and validates
//! without errors; every invalid case is rejected by decoding or by the rule
//! `invalid/EXPECTED.tsv` names.
#![cfg(feature = "image")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixture data"
)]

use std::fs;
use std::path::{Path, PathBuf};

use oci_model::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout};
use oci_model::{ModelError, Validate, ValidationReport};
use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-data/image")
}

/// `file -> kind` from KINDS.tsv.
fn kinds() -> Vec<(String, String)> {
    let text = fs::read_to_string(data_dir().join("KINDS.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            (
                cols.next().unwrap().to_owned(),
                cols.next().unwrap().to_owned(),
            )
        })
        .collect()
}

fn kind_of(file: &str) -> String {
    kinds()
        .into_iter()
        .find(|(f, _)| f == file)
        .unwrap_or_else(|| panic!("{file} is not in KINDS.tsv"))
        .1
}

/// Decodes `bytes` as `kind`; returns the re-serialized JSON and the report.
fn decode(kind: &str, bytes: &[u8]) -> Result<(Value, ValidationReport), ModelError> {
    fn go<T: Validate + serde::Serialize + serde::de::DeserializeOwned>(
        bytes: &[u8],
    ) -> Result<(Value, ValidationReport), ModelError> {
        let v: T = oci_model::io::from_slice(bytes)?;
        Ok((serde_json::to_value(&v).unwrap(), v.validate()))
    }
    match kind {
        "descriptor" => go::<Descriptor>(bytes),
        "manifest" => go::<ImageManifest>(bytes),
        "index" => go::<ImageIndex>(bytes),
        "config" => go::<ImageConfiguration>(bytes),
        "layout" => go::<OciLayout>(bytes),
        other => panic!("unknown kind {other}"),
    }
}

fn good_files() -> Vec<String> {
    kinds()
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| f.starts_with("examples/") || f.starts_with("valid/"))
        .collect()
}

#[test]
fn every_fixture_has_a_kind() {
    for dir in ["examples", "valid", "invalid"] {
        for entry in fs::read_dir(data_dir().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if Path::new(&name).extension().is_some_and(|e| e == "json") {
                kind_of(&format!("{dir}/{name}"));
            }
        }
    }
    assert_eq!(good_files().len(), 13 + 31);
}

#[test]
fn examples_and_valid_cases_round_trip_and_validate() {
    for file in good_files() {
        let kind = kind_of(&file);
        let bytes = fs::read(data_dir().join(&file)).unwrap();
        let (out, report) =
            decode(&kind, &bytes).unwrap_or_else(|e| panic!("{file} ({kind}): {e}"));
        let input: Value = serde_json::from_slice(&bytes).unwrap();
        // Nothing is lost: unknown members and nulls come back too.
        assert_eq!(out, input, "{file}: round trip changed the JSON");
        assert!(report.is_valid(), "{file}: validation errors:\n{report}");
    }
}

#[test]
fn valid_cases_with_from_file() {
    // The document helpers name the file on error and decode the same way.
    for file in good_files() {
        let path = data_dir().join(&file);
        let ok = match kind_of(&file).as_str() {
            "descriptor" => Descriptor::from_file(&path).is_ok(),
            "manifest" => ImageManifest::from_file(&path).is_ok(),
            "index" => ImageIndex::from_file(&path).is_ok(),
            "config" => ImageConfiguration::from_file(&path).is_ok(),
            "layout" => OciLayout::from_file(&path).is_ok(),
            _ => false,
        };
        assert!(ok, "{file}");
    }
}

struct Expected {
    file: String,
    by: String,
    path: String,
}

fn expected() -> Vec<Expected> {
    let text = fs::read_to_string(data_dir().join("invalid/EXPECTED.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Expected {
                file: cols[0].to_owned(),
                by: cols[1].to_owned(),
                path: cols[2].to_owned(),
            }
        })
        .collect()
}

#[test]
fn every_invalid_case_is_listed() {
    let listed: Vec<String> = expected().into_iter().map(|e| e.file).collect();
    let mut count = 0;
    for entry in fs::read_dir(data_dir().join("invalid")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if Path::new(&name).extension().is_some_and(|e| e == "json") {
            count += 1;
            assert!(listed.contains(&name), "{name} is not in EXPECTED.tsv");
        }
    }
    assert_eq!(count, 40);
    assert_eq!(listed.len(), 40);
}

#[test]
fn invalid_cases_are_rejected_by_the_expected_check() {
    for e in expected() {
        let kind = kind_of(&format!("invalid/{}", e.file));
        let bytes = fs::read(data_dir().join("invalid").join(&e.file)).unwrap();
        let result = decode(&kind, &bytes);
        if e.by == "decode" {
            let err = match result {
                Err(ModelError::Decode(d)) => d,
                Err(other) => panic!("{}: expected a decode error, got {other:?}", e.file),
                Ok((_, r)) => panic!("{}: decoded; report:\n{r}", e.file),
            };
            assert_eq!(err.path(), e.path, "{}: {err}", e.file);
            assert!(!err.message().is_empty());
        } else {
            let (_, report) = result
                .unwrap_or_else(|err| panic!("{}: expected rule {}, got {err}", e.file, e.by));
            let hit = report
                .violations()
                .iter()
                .find(|v| v.rule_name() == e.by)
                .unwrap_or_else(|| panic!("{}: no {} violation in:\n{report}", e.file, e.by));
            assert_eq!(hit.path(), e.path, "{}: {hit}", e.file);
            // Every case is rejected, except the one the policy turns into a
            // warning (layers: [] is a SHOULD in the prose; spec-rules §5.2 X1).
            if e.by == "manifest-layers-empty" {
                assert!(!hit.is_error());
            } else {
                assert!(!report.is_valid(), "{}", e.file);
                assert!(hit.is_error(), "{}: {hit}", e.file);
            }
        }
    }
}
