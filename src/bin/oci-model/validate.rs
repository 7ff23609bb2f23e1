//! `oci-model validate`: decode, validate, report.
//!
//! A report is bounded whatever the input (see [`crate::limits`]): the
//! library keeps only the problems shown, so memory stays bounded too; the
//! counts in the summary line are of every problem found.

use std::collections::BTreeMap;

use oci_model::io::{DecodeOptions, RepeatedNames};
use serde::Serialize;

use crate::limits::{LimitArgs, OMITTED, Omitted};

use crate::kinds::Kind;
use crate::{Outcome, Resolved, complain, decode_parts, read_input, resolve};

/// The arguments of `validate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model validate manifest.json config.json\n  \
                        oci-model validate --strict --format json bundle/config.json\n  \
                        cat index.json | oci-model validate --kind index -"
)]
pub struct Args {
    /// The kind of every document (detected from each file when absent).
    #[arg(long, short, value_enum)]
    kind: Option<Kind>,
    /// The report format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Count warnings as failures.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    limits: LimitArgs,
    /// Read a member name repeated in one object as Go's encoding/json
    /// does (the last value counts) and report each repeat as a
    /// `repeated-name` warning, instead of refusing the document.
    #[arg(long)]
    keep_last: bool,
    /// The files to check (`-` reads standard input).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// The report format (shared by every subcommand).
pub use crate::common::Format;

/// One problem of one file, as the JSON report lists it; or, with rule
/// `omitted`, the count of the problems not shown, per rule.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    file: &'a str,
    kind: Option<&'static str>,
    path: String,
    rule: &'static str,
    severity: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<BTreeMap<&'static str, usize>>,
}

/// What one file gave: its outcome, the problems shown, and the counts of
/// every problem found.
struct Checked<'a> {
    outcome: Outcome,
    problems: Vec<Problem<'a>>,
    errors: usize,
    warnings: usize,
}

/// Runs `validate`.
pub fn run(args: &Args) -> Outcome {
    let mut worst = Outcome::Ok;
    let mut problems = Vec::new();
    for file in &args.files {
        let checked = check_file(args, file);
        worst = worst.max(checked.outcome);
        if args.format == Format::Text {
            for p in &checked.problems {
                outln!(
                    "{}: {}: {}[{}]: {}",
                    p.file,
                    p.path,
                    p.severity,
                    p.rule,
                    p.message
                );
            }
            print_summary(file, &checked, args.strict);
        } else {
            problems.extend(checked.problems);
        }
    }
    if args.format == Format::Json {
        match serde_json::to_string_pretty(&problems) {
            Ok(s) => outln!("{s}"),
            Err(e) => return complain(&format!("cannot write the report: {e}")),
        }
    }
    worst
}

fn print_summary(file: &str, checked: &Checked<'_>, strict: bool) {
    let (errors, warnings) = (checked.errors, checked.warnings);
    match checked.outcome {
        Outcome::Usage => {}
        Outcome::Ok if warnings == 0 => outln!("{file}: ok"),
        Outcome::Ok => outln!("{file}: ok with {}", count(warnings, "warning")),
        Outcome::Invalid if errors == 0 && strict => {
            outln!(
                "{file}: invalid under --strict ({})",
                count(warnings, "warning")
            );
        }
        Outcome::Invalid => {
            let mut s = count(errors, "error");
            if warnings > 0 {
                s.push_str(", ");
                s.push_str(&count(warnings, "warning"));
            }
            outln!("{file}: invalid ({s})");
        }
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Checks one file: its outcome and its problems.
fn check_file<'a>(args: &Args, file: &'a str) -> Checked<'a> {
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(message) => return Checked::usage(complain(&message)),
    };
    let (kind, ops) = match resolve(args.kind, file, &bytes) {
        Resolved::Kind(kind, ops) => (kind, ops),
        Resolved::NotJson(e) => return Checked::decode(decode_problem(file, None, &e)),
        Resolved::Usage(message) => return Checked::usage(complain(&message)),
    };
    let options = if args.keep_last {
        DecodeOptions::default().repeated_names(RepeatedNames::KeepLast)
    } else {
        DecodeOptions::default()
    };
    let report = match (ops.validate)(&bytes, options, args.limits.limits()) {
        Ok(r) => r,
        Err(e) => return Checked::decode(decode_problem(file, Some(kind.name()), &e)),
    };
    drop(bytes);
    let failed = !report.is_valid() || (args.strict && !report.is_clean());
    let mut problems: Vec<Problem<'a>> = report
        .violations()
        .iter()
        .map(|v| Problem {
            file,
            kind: Some(kind.name()),
            path: if v.path().is_empty() {
                "/".to_owned()
            } else {
                v.path().to_owned()
            },
            rule: v.rule_name(),
            severity: v.severity().as_str(),
            message: v.message().to_owned(),
            omitted: None,
        })
        .collect();
    if let Some(p) = omitted_problem(file, kind.name(), &report) {
        problems.push(p);
    }
    Checked {
        outcome: if failed {
            Outcome::Invalid
        } else {
            Outcome::Ok
        },
        problems,
        errors: report.error_count(),
        warnings: report.warning_count(),
    }
}

/// The entry that counts the problems not shown, when some were not.
fn omitted_problem<'a>(
    file: &'a str,
    kind: &'static str,
    report: &oci_model::ValidationReport,
) -> Option<Problem<'a>> {
    let omitted = Omitted::of_report(report);
    if omitted.is_empty() {
        return None;
    }
    Some(Problem {
        file,
        kind: Some(kind),
        path: "/".to_owned(),
        rule: OMITTED,
        severity: omitted.severity(),
        message: omitted.message(),
        omitted: Some(omitted.per_rule().clone()),
    })
}

impl Checked<'_> {
    /// A usage or I/O error (already on standard error).
    fn usage(outcome: Outcome) -> Self {
        Checked {
            outcome,
            problems: Vec::new(),
            errors: 0,
            warnings: 0,
        }
    }
}

impl<'a> Checked<'a> {
    /// A file that does not decode: one error.
    fn decode(problem: Problem<'a>) -> Self {
        Checked {
            outcome: Outcome::Invalid,
            problems: vec![problem],
            errors: 1,
            warnings: 0,
        }
    }
}

fn decode_problem<'a>(
    file: &'a str,
    kind: Option<&'static str>,
    e: &oci_model::ModelError,
) -> Problem<'a> {
    let (path, message) = decode_parts(e);
    Problem {
        file,
        kind,
        path,
        rule: "decode",
        severity: "error",
        message,
        omitted: None,
    }
}
