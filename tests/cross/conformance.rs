//! Cross-spec conformance: every fixture of `test-data/INDEX.tsv` (the
//! upstream image-spec, runtime-spec and distribution-spec test cases and
//! examples) decoded as its kind and validated.
//!
//! * every `valid` case and every full, correct `example` decodes and
//!   validates with zero errors (100 %);
//! * every `invalid` case is rejected: the broken-JSON ones as broken JSON,
//!   the others by the rule their folder's `EXPECTED.tsv` names (`decode` when
//!   the model refuses them while decoding), not by an unrelated error.
//!
//! Run with `--nocapture` to see the per-kind counts.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::collections::{BTreeMap, BTreeSet};
#[cfg(all(feature = "image", feature = "runtime", feature = "distribution"))]
use std::fmt::Write as _;
use std::path::Path;

use crate::common::{self, Entry, Outcome};

/// Invalid cases that are not JSON at all (deliberately or, for `manifest-02`
/// and `layout-01`, by an upstream accident: see the fixtures README,
/// caveat 2). They must be rejected as broken JSON, not by a later check.
const BROKEN_JSON: &[&str] = &[
    "image/invalid/config-07.json",
    "image/invalid/layout-01.json",
    "image/invalid/manifest-02.json",
    "runtime/config/bad/invalid-json.json",
    "runtime/state/bad/invalid-json.json",
];

/// Examples that are full documents by kind but not correct ones (spec-rules.md
/// §5.3): they must be REJECTED (their placeholders break the grammars).
const NOT_CORRECT_EXAMPLES: &[(&str, &str)] = &[
    (
        "distribution/examples/extensions-oci-01.json",
        "omits the REQUIRED `endpoints`; `_<extension>` and `...` are placeholders",
    ),
    (
        "distribution/examples/spec-02.json",
        "`<name>`, `<tag1>`... are angle-bracket placeholders, not names or tags",
    ),
    (
        "distribution/examples/spec-03.json",
        "truncated placeholder digests `sha256:a1a1a1...`",
    ),
    (
        "distribution/examples/spec-04.json",
        "truncated placeholder digests `sha256:a1a1a1...`",
    ),
    (
        "distribution/examples/spec-05.json",
        "error code `<error identifier, see below>` is a placeholder",
    ),
];

/// How many examples are full, correct documents (13 image-spec, 5
/// runtime-spec: config-15, config-linux-19, features-01, features-06,
/// runtime-01).
const FULL_EXAMPLES: usize = 18;

fn is_fragment(e: &Entry) -> bool {
    e.kind.ends_with("-fragment")
}

/// Invalid upstream cases that are a schema-versus-prose conflict
/// (spec-rules.md §5.2): our policy accepts them with a WARNING of the rule
/// that `EXPECTED.tsv` names.
const CONFLICTS: &[(&str, &str)] = &[(
    "image/invalid/manifest-06.json",
    "X1: layers: [] breaks the schema's minItems, the prose only says SHOULD",
)];

/// One row of an `EXPECTED.tsv`: `file<TAB>by<TAB>path[<TAB>note]`, where
/// `by` is a rule name or `decode`, and `path` is the violation's JSON
/// pointer or the decode error's path. A header row starts with `file`.
#[derive(Clone)]
struct Expected {
    by: String,
    path: Option<String>,
}

/// The `EXPECTED.tsv` row for `path` (from the file in its folder).
fn expected_row(
    cache: &mut BTreeMap<String, Option<BTreeMap<String, Expected>>>,
    path: &str,
) -> Option<Expected> {
    let dir = Path::new(path)
        .parent()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let table = cache.entry(dir.clone()).or_insert_with(|| {
        let p = common::test_data().join(&dir).join("EXPECTED.tsv");
        let text = std::fs::read_to_string(p).ok()?;
        let mut m = BTreeMap::new();
        // The third column is a path only when the header says so.
        let mut has_path = false;
        for line in text.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols[0] == "file" {
                has_path = cols.get(2) == Some(&"path");
                continue;
            }
            if cols.len() < 2 {
                continue;
            }
            let path = if has_path {
                cols.get(2).map(|p| (*p).to_owned())
            } else {
                None
            };
            m.insert(
                cols[0].to_owned(),
                Expected {
                    by: cols[1].to_owned(),
                    path,
                },
            );
        }
        Some(m)
    });
    let file = Path::new(path).file_name().unwrap().to_str().unwrap();
    table.as_ref()?.get(file).cloned()
}

/// Whether `out` is a rejection by `exp` (rule and path). `warning` asks
/// for a warning-severity violation instead (the §5.2 conflicts).
fn rejected_as(out: &Outcome, exp: &Expected, warning: bool) -> bool {
    let path_ok = |p: &str| exp.path.as_deref().is_none_or(|want| want == p);
    match out {
        Outcome::Decode { path, .. } => exp.by == "decode" && !warning && path_ok(path),
        Outcome::Checked(r) => {
            r.violations()
                .iter()
                .any(|v| v.rule_name() == exp.by && path_ok(v.path()) && v.is_error() != warning)
                && (warning || !r.is_valid())
        }
    }
}

#[derive(Default)]
struct Tally {
    must_pass: usize,
    passed: usize,
    must_fail: usize,
    rejected_as_expected: usize,
    skipped_examples: usize,
    placeholders_rejected: usize,
}

#[test]
fn every_fixture_is_judged_like_upstream() {
    let kinds = common::kinds();
    let index = common::read_index();
    let mut failures: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut expected_cache = BTreeMap::new();
    let mut unmodeled: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing: Vec<String> = Vec::new();
    let mut full_examples = 0;
    let mut fragments = 0;
    let mut broken_seen = BTreeSet::new();

    for e in &index {
        if e.expected == "schema" {
            continue;
        }
        let example_kind_is_fragment = e.expected == "example" && is_fragment(e);
        let not_correct = NOT_CORRECT_EXAMPLES.iter().find(|(p, _)| *p == e.path);
        if e.expected == "example" && !example_kind_is_fragment && not_correct.is_none() {
            full_examples += 1;
        }
        if e.note.contains("NOT valid JSON") {
            broken_seen.insert(e.path.clone());
        }
        let Some(kind) = common::kind(&kinds, &e.kind) else {
            if is_fragment(e) {
                fragments += 1;
            } else {
                *unmodeled.entry(e.kind.clone()).or_default() += 1;
            }
            continue;
        };
        let t = tally.entry(e.kind.clone()).or_default();
        if example_kind_is_fragment || not_correct.is_some() {
            t.skipped_examples += 1;
            // A placeholder example must not pass as a real document.
            if let (Some((_, why)), Ok(bytes)) = (not_correct, std::fs::read(e.full_path())) {
                let out = (kind.run)(&bytes);
                if out.rejected() {
                    t.placeholders_rejected += 1;
                    notes.push(format!("{} rejected ({why}): {out}", e.path));
                } else {
                    failures.push(format!(
                        "{} (placeholder example: {why}): must be rejected, got: {out}",
                        e.path
                    ));
                }
            }
            continue;
        }
        let Ok(bytes) = std::fs::read(e.full_path()) else {
            missing.push(e.path.clone());
            continue;
        };
        // image-spec's backwards-compatibility test validates the Docker v2.2
        // documents only after convertFormats(); do the same.
        let bytes = if e.path.contains("-compat-") {
            common::convert_docker_formats(std::str::from_utf8(&bytes).unwrap()).into_bytes()
        } else {
            bytes
        };
        let out = (kind.run)(&bytes);
        match e.expected.as_str() {
            "valid" | "example" => {
                t.must_pass += 1;
                let errors = match &out {
                    Outcome::Checked(r) => r.errors().count(),
                    Outcome::Decode { .. } => 1,
                };
                if errors == 0 {
                    t.passed += 1;
                } else {
                    failures.push(format!(
                        "{} ({} {}): must be accepted, got: {out}",
                        e.path, e.expected, kind.type_name
                    ));
                }
            }
            "invalid" => {
                t.must_fail += 1;
                if BROKEN_JSON.contains(&e.path.as_str()) {
                    if out.is_syntax_error() {
                        t.rejected_as_expected += 1;
                    } else {
                        failures.push(format!(
                            "{} (invalid, broken JSON): must be rejected as broken JSON, got: {out}",
                            e.path
                        ));
                    }
                    continue;
                }
                let exp = expected_row(&mut expected_cache, &e.path);
                let Some(exp) = exp else {
                    notes.push(format!("{}: no EXPECTED.tsv row", e.path));
                    if out.rejected() {
                        t.rejected_as_expected += 1;
                    } else {
                        failures.push(format!(
                            "{} (invalid, {}): must be rejected, got: {out}",
                            e.path, e.note
                        ));
                    }
                    continue;
                };
                let conflict = CONFLICTS.iter().find(|(p, _)| *p == e.path);
                if rejected_as(&out, &exp, conflict.is_some()) {
                    t.rejected_as_expected += 1;
                    if let Some((_, why)) = conflict {
                        notes.push(format!(
                            "{}: accepted with a warning by policy ({why})",
                            e.path
                        ));
                    }
                } else {
                    let what = if conflict.is_some() {
                        "a warning"
                    } else {
                        "an error"
                    };
                    failures.push(format!(
                        "{} (invalid): must be {what} of {} at {:?}, got: {out}",
                        e.path,
                        exp.by,
                        exp.path.as_deref().unwrap_or("any path")
                    ));
                }
            }
            other => failures.push(format!("{}: unknown expectation {other:?}", e.path)),
        }
    }

    println!("conformance over test-data/INDEX.tsv:");
    let (mut pass, mut must_pass, mut rej, mut must_fail) = (0, 0, 0, 0);
    for (k, t) in &tally {
        println!(
            "  {k:<26} accepted {}/{}  rejected as expected {}/{}  fragments skipped {}  placeholder examples rejected {}",
            t.passed,
            t.must_pass,
            t.rejected_as_expected,
            t.must_fail,
            t.skipped_examples - t.placeholders_rejected,
            t.placeholders_rejected
        );
        pass += t.passed;
        must_pass += t.must_pass;
        rej += t.rejected_as_expected;
        must_fail += t.must_fail;
    }
    println!(
        "  total: {pass}/{must_pass} valid/full-example documents accepted, {rej}/{must_fail} invalid documents rejected as expected"
    );
    println!(
        "  {fragments} example fragments not judged here (schema_differential.rs judges the runtime-config and features ones inside a minimal document)"
    );
    if !unmodeled.is_empty() {
        println!("  kinds without a model in this build: {unmodeled:?}");
    }
    for m in &missing {
        println!("  MISSING fixture (listed in INDEX.tsv, not in test-data): {m}");
    }
    for n in &notes {
        println!("  note: {n}");
    }
    assert_eq!(
        broken_seen,
        BROKEN_JSON.iter().map(|s| (*s).to_owned()).collect(),
        "the INDEX notes and BROKEN_JSON disagree"
    );
    assert_eq!(full_examples, FULL_EXAMPLES, "full, correct examples");
    assert!(
        failures.is_empty(),
        "{} fixture(s) judged differently from upstream:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    assert!(kinds.is_empty() || pass + rej > 0, "no fixture was checked");
}

/// The rule catalogue as the table `RULES.md` holds.
#[cfg(all(feature = "image", feature = "runtime", feature = "distribution"))]
fn rules_markdown() -> String {
    let rules = oci_model::validate::catalogue();
    let mut out = String::from(
        "# Rule catalogue\n\n\
         Every rule `validate()` checks, generated from the crate's rule tables\n\
         (`oci_model::validate::catalogue()`); `cargo test --all-features --test cross conformance`\n\
         fails when this file is out of date, and `UPDATE_RULES_MD=1` with the same command\n\
         rewrites it. `name` is what violations report; `id` is the rule's identifier\n\
         (empty for the rules that have none); `section` is the spec file and heading.\n\n\
         | name | id | spec | section | severity | summary |\n|---|---|---|---|---|---|\n",
    );
    for r in rules {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            r.name(),
            r.id(),
            r.spec(),
            r.section(),
            r.severity(),
            r.summary().replace('|', "\\|")
        );
    }
    out
}

#[test]
#[cfg(all(feature = "image", feature = "runtime", feature = "distribution"))]
fn rules_md_lists_every_rule() {
    let rules = oci_model::validate::catalogue();
    // A name is unique within its spec (`annotation-key-empty` is a rule of
    // both image-spec and runtime-spec, with different severities).
    let names: BTreeSet<(&str, &str)> = rules.iter().map(|r| (r.spec(), r.name())).collect();
    assert_eq!(
        names.len(),
        rules.len(),
        "rule names are unique within a spec"
    );
    assert_eq!(
        rules.len(),
        31 + 15 + 52 + 48 + 10 + 24,
        "image, image layout, runtime, linux, distribution, docker"
    );
    for r in &rules {
        assert!(
            r.section().contains(".md"),
            "{} names its spec section",
            r.name()
        );
        assert!(!r.summary().is_empty(), "{} has a summary", r.name());
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("RULES.md");
    let want = rules_markdown();
    if std::env::var_os("UPDATE_RULES_MD").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "RULES.md is out of date: run UPDATE_RULES_MD=1 cargo test --all-features --test cross conformance"
    );
}
