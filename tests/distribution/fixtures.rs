//! The distribution-spec examples and the crate's own good and bad
//! documents under `test-data/distribution/`, and those documents damaged
//! member by member (the mutation property tests).
#![cfg(feature = "distribution")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers panic on bad data"
)]

use std::fs;
use std::path::{Path, PathBuf};

use oci_model::distribution::{
    ErrorResponse, ExtensionList, ReferrersResponse, RepositoryList, TagList,
};
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
fn parse_by_name(name: &str, text: &str) -> oci_model::ModelResult<(Value, ValidationReport)> {
    fn go<T: std::str::FromStr<Err = oci_model::ModelError> + serde::Serialize + Validate>(
        text: &str,
    ) -> oci_model::ModelResult<(Value, ValidationReport)> {
        let doc: T = text.parse()?;
        Ok((serde_json::to_value(&doc).unwrap(), doc.validate()))
    }
    if name.starts_with("error") || name == "spec-05.json" {
        go::<ErrorResponse>(text)
    } else if name.starts_with("taglist") || name == "spec-02.json" {
        go::<TagList>(text)
    } else if name.starts_with("catalog") {
        go::<RepositoryList>(text)
    } else if name.starts_with("referrers") || name == "spec-03.json" || name == "spec-04.json" {
        go::<ReferrersResponse>(text)
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
    assert_eq!(n, 8);
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
                matches!(e, oci_model::ModelError::Decode(_)),
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
    assert_eq!(n, 16);
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
        doc.errors()[0].detail_value().unwrap(),
        Value::from("<unstructured>")
    );
    assert_eq!(
        doc.errors()[0].detail().as_deref(),
        Some("\"<unstructured>\"")
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

#[test]
fn example_referrers_fail_on_placeholder_digests() {
    for (file, path) in [
        ("spec-03.json", "/manifests/0/digest"),
        ("spec-04.json", "/manifests/0/digest"),
    ] {
        let (text, _) = example(file);
        let e = text.parse::<ReferrersResponse>().unwrap_err();
        let oci_model::ModelError::Decode(d) = &e else {
            panic!("{file}: {e:?}")
        };
        assert_eq!(d.path(), path, "{file}: {e}");
        let msg = e.to_string();
        assert!(
            msg.starts_with("/manifests/0/digest: invalid digest \"sha256:a1a1a1...\""),
            "{file}: {msg}"
        );
        assert!(msg.contains("64 lowercase hex characters"), "{msg}");
    }
}

#[test]
fn example_referrers_with_real_digests_parse_and_round_trip() {
    // The spec's examples with their placeholder digests replaced by real
    // ones: everything else parses, round-trips and validates.
    let digests = [
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    ];
    for file in ["spec-03.json", "spec-04.json"] {
        let (mut text, _) = example(file);
        for (placeholder, real) in ["sha256:a1a1a1...", "sha256:a2a2a2...", "sha256:a3a3a3..."]
            .iter()
            .zip(digests)
        {
            text = text.replace(placeholder, real);
        }
        let original: Value = serde_json::from_str(&text).unwrap();
        let doc: ReferrersResponse = text.parse().unwrap();
        assert_eq!(serde_json::to_value(&doc).unwrap(), original, "{file}");
        let report = doc.validate();
        assert!(report.is_valid(), "{file}: {report}");
        assert!(
            !report.has_rule("referrers-artifact-type"),
            "{file}: {report}"
        );
    }
    let (mut text, _) = example("spec-03.json");
    for (p, d) in ["sha256:a1a1a1...", "sha256:a2a2a2...", "sha256:a3a3a3..."]
        .iter()
        .zip(digests)
    {
        text = text.replace(p, d);
    }
    let doc: ReferrersResponse = text.parse().unwrap();
    let (sboms, header) = doc.filter_by_artifact_type("application/vnd.example.sbom.v1");
    assert_eq!(header, "artifactType");
    assert_eq!(sboms.manifests().len(), 1);
    assert_eq!(sboms.manifests()[0].digest().as_str(), digests[0]);
}

// Damaged documents: the good documents and examples with members deleted,
// duplicated, retyped, truncated, swapped, given odd numbers or strings, or
// the text cut (see tests/common/damage.rs).

use crate::damage;

/// Decodes as every distribution kind (see `damage::check`).
fn check_all(bytes: &[u8]) -> damage::Reach {
    let mut reach = damage::check::<ErrorResponse>(bytes);
    reach += damage::check::<TagList>(bytes);
    reach += damage::check::<RepositoryList>(bytes);
    reach += damage::check::<ReferrersResponse>(bytes);
    reach += damage::check::<ExtensionList>(bytes);
    reach
}

static SEEDS: std::sync::LazyLock<Vec<Value>> = std::sync::LazyLock::new(|| {
    damage::seeds(&["distribution/good", "distribution/examples"], |b| {
        check_all(b).decoded > 0
    })
});

/// Damage reaches the validators: of every single edit of every seed, many
/// still decode, and many of those break a rule.
#[test]
fn damaged_documents_reach_the_validators() {
    let mut reach = damage::Reach::default();
    for seed in SEEDS.iter() {
        reach += damage::every_single_edit(seed, 7, check_all);
    }
    assert!(reach.decoded > 200, "{reach:?}");
    assert!(reach.violations > 50, "{reach:?}");
}

proptest::proptest! {
    #[test]
    fn damaged_documents_never_panic(
        seed in proptest::prelude::any::<proptest::sample::Index>(),
        edits in damage::edits(),
    ) {
        let bytes = damage::damage(seed.get(&SEEDS), &edits);
        check_all(&bytes);
    }
}
