//! How many problems a report shows (`--max-per-rule`, `--max-problems`,
//! `--all`), and the one line (one JSON entry) that counts the others.
//!
//! A report stays bounded whatever the input: of each file (or layout), at
//! most [`MAX_PER_RULE`] problems of one rule and [`MAX_PROBLEMS`] in all
//! are shown, then one line with the count left out per rule. `validate`
//! passes the limits to the library ([`Limits`]), which keeps only what is
//! shown; `layout check` picks from the problems the library found.

use std::collections::BTreeMap;

use oci_model::ValidationReport;
use oci_model::validate::Limits;
use serde::Serialize;

/// The most problems of one rule shown per file by default.
pub const MAX_PER_RULE: usize = 10;
/// The most problems shown per file by default.
pub const MAX_PROBLEMS: usize = 100;

/// The rule name of the line that counts the problems not shown.
pub const OMITTED: &str = "omitted";

/// The options that bound a report.
#[derive(Debug, Clone, clap::Args)]
pub struct LimitArgs {
    /// Show at most N problems of each rule (per file); the rest are counted.
    #[arg(long, value_name = "N", default_value_t = MAX_PER_RULE)]
    max_per_rule: usize,
    /// Show at most N problems (per file); the rest are counted.
    #[arg(long, value_name = "N", default_value_t = MAX_PROBLEMS)]
    max_problems: usize,
    /// Show every problem (no limit: the report grows with the input).
    #[arg(long, conflicts_with_all = ["max_per_rule", "max_problems"])]
    all: bool,
}

impl LimitArgs {
    /// The limits the options ask for.
    pub fn limits(&self) -> Limits {
        if self.all {
            Limits::none()
        } else {
            Limits::none()
                .per_rule(self.max_per_rule)
                .total(self.max_problems)
        }
    }
}

/// The problems left out of a report: a count per rule, and how many of
/// them are errors.
#[derive(Debug, Default)]
pub struct Omitted {
    per_rule: BTreeMap<&'static str, usize>,
    errors: usize,
}

impl Omitted {
    /// What the library left out of `report`.
    pub fn of_report(report: &ValidationReport) -> Self {
        let mut out = Self::default();
        for o in report.omitted() {
            *out.per_rule.entry(o.rule_name()).or_insert(0) += o.count();
            out.errors += o.errors();
        }
        out
    }

    /// True when nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.per_rule.is_empty()
    }

    /// `"error"` when an error was left out, else `"warning"`.
    pub fn severity(&self) -> &'static str {
        if self.errors > 0 { "error" } else { "warning" }
    }

    /// The counts per rule, for a JSON report.
    pub fn per_rule(&self) -> &BTreeMap<&'static str, usize> {
        &self.per_rule
    }

    /// `N more problems not shown (rule: n, ...); --all shows every problem`.
    pub fn message(&self) -> String {
        let total: usize = self.per_rule.values().sum();
        let list = self
            .per_rule
            .iter()
            .map(|(rule, n)| format!("{rule}: {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let what = if total == 1 {
            "1 more problem".to_owned()
        } else {
            format!("{total} more problems")
        };
        format!("{what} not shown ({list}); --all shows every problem")
    }

    /// The line of a text report: `/: error[omitted]: N more problems ...`.
    pub fn line(&self) -> String {
        format!("/: {}[{OMITTED}]: {}", self.severity(), self.message())
    }
}

/// The JSON form of [`Omitted`], beside a report's problems.
#[derive(Debug, Serialize)]
pub struct OmittedJson<'a> {
    path: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: String,
    omitted: &'a BTreeMap<&'static str, usize>,
}

impl<'a> OmittedJson<'a> {
    /// The JSON entry of `omitted`, when something was left out.
    pub fn of(omitted: &'a Omitted) -> Option<Self> {
        (!omitted.is_empty()).then(|| OmittedJson {
            path: "/",
            rule: OMITTED,
            severity: omitted.severity(),
            message: omitted.message(),
            omitted: omitted.per_rule(),
        })
    }
}

/// The items of a report that `limits` lets a command show, in order, and
/// the count of the others; `rule` and `is_error` describe an item.
pub fn pick<T>(
    items: &[T],
    limits: Limits,
    rule: impl Fn(&T) -> &'static str,
    is_error: impl Fn(&T) -> bool,
) -> (Vec<&T>, Omitted) {
    let mut shown = Vec::new();
    let mut kept: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut omitted = Omitted::default();
    for item in items {
        let name = rule(item);
        let n = kept.entry(name).or_insert(0);
        let over_rule = limits.max_per_rule().is_some_and(|max| *n >= max);
        let over_total = limits.max_total().is_some_and(|max| shown.len() >= max);
        if over_rule || over_total {
            *omitted.per_rule.entry(name).or_insert(0) += 1;
            if is_error(item) {
                omitted.errors += 1;
            }
        } else {
            *n += 1;
            shown.push(item);
        }
    }
    (shown, omitted)
}
