//! Validation of the static rules of the specs: the [`Validate`] trait, the
//! [`Rule`] catalogue entries, and the [`ValidationReport`] that lists every
//! [`Violation`] at once.
//!
//! Parsing checks grammar and types; [`Validate::validate`] checks every MUST
//! and MUST NOT that one document can show. Each violation carries a JSON
//! pointer to the offending value, the stable name of the rule it breaks, the
//! spec section the rule comes from, a [`Severity`], and a message that quotes
//! the bad value.

use std::fmt;

mod null;

pub use null::{NULL_MEMBER, check_null_members, null_members};

/// A member name repeated in one object: see [`crate::io::RepeatedNames`].
pub use crate::io::REPEATED_NAME;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// How serious a violation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A SHOULD of the spec, or a value the spec lets through but tools may
    /// not know (an unknown capability, architecture, error code, ...).
    Warning,
    /// A MUST or MUST NOT of the spec: the document is invalid.
    Error,
}

impl Severity {
    /// `"warning"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One rule of the specs, as a catalogue entry.
///
/// Rules are constants of the module that checks them (for instance
/// `image::rules`); their `name` is stable across releases. Users read a
/// rule through its getters; the crate declares rules with its `rules!`
/// tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    name: &'static str,
    id: &'static str,
    spec: &'static str,
    section: &'static str,
    severity: Severity,
    summary: &'static str,
}

impl Rule {
    /// A rule: its stable name, its catalogue identifier (empty when it
    /// has none), the spec and release, the spec file and section, its
    /// default severity and a one-sentence summary. The crate's rule tables
    /// are built with it; so can a caller's own rules, reported through a
    /// [`Checker`].
    pub const fn new(
        name: &'static str,
        id: &'static str,
        spec: &'static str,
        section: &'static str,
        severity: Severity,
        summary: &'static str,
    ) -> Self {
        Self {
            name,
            id,
            spec,
            section,
            severity,
            summary,
        }
    }

    /// Stable, kebab-case name, such as `manifest-media-type`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The identifier in the crate's rule catalogue, such as `MAN-N1`
    /// (empty when the rule has none): see [`catalogue`] and `RULES.md`,
    /// which lists every rule with its identifier.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The spec and release, such as `image-spec v1.1.1`.
    pub const fn spec(&self) -> &'static str {
        self.spec
    }

    /// The spec file and section, such as `manifest.md#image-manifest-property-descriptions`.
    pub const fn section(&self) -> &'static str {
        self.section
    }

    /// The default severity of a violation.
    pub const fn severity(&self) -> Severity {
        self.severity
    }

    /// One lowercase sentence saying what the rule requires.
    pub const fn summary(&self) -> &'static str {
        self.summary
    }
}

/// Every rule this crate checks, of the specs whose features are compiled
/// in: image-spec, then runtime-spec (`config.json`, then its `linux`
/// section and `features.json`), then distribution-spec, each in table
/// order. `RULES.md` in the repository is this list as a table.
///
/// ```
/// let rules = oci_model::validate::catalogue();
/// assert!(rules.iter().any(|r| r.name() == "schema-version"));
/// ```
pub fn catalogue() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = Vec::new();
    #[cfg(feature = "image")]
    all.extend_from_slice(crate::image::rules::ALL);
    #[cfg(feature = "runtime")]
    all.extend_from_slice(crate::runtime::rules::ALL);
    #[cfg(feature = "runtime")]
    all.extend_from_slice(crate::runtime::rules_linux::ALL);
    #[cfg(feature = "distribution")]
    all.extend_from_slice(crate::distribution::rules::ALL);
    #[cfg(feature = "docker")]
    all.extend_from_slice(crate::docker::rules::ALL);
    all
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}: {})", self.name, self.spec, self.section)
    }
}

/// One broken rule at one place of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    rule: &'static Rule,
    severity: Severity,
    path: String,
    message: String,
}

impl Violation {
    /// Builds a violation with the rule's default severity.
    pub fn new(rule: &'static Rule, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            path: path.into(),
            message: message.into(),
        }
    }

    /// The same violation at JSON pointer `path`.
    #[cfg(feature = "layout")]
    #[must_use]
    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The same violation with severity `severity`.
    #[cfg(feature = "layout")]
    #[must_use]
    pub(crate) fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The rule that is broken.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The rule's stable name (shorthand for `rule().name()`).
    pub fn rule_name(&self) -> &'static str {
        self.rule.name
    }

    /// How serious this violation is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// True for an error (a broken MUST).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The JSON pointer (RFC 6901) of the offending value; empty for the
    /// whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, quoting the bad value.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(
            f,
            "{path}: {} [{} {}, {}]",
            self.message, self.severity, self.rule.name, self.rule.section
        )
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Violation", 6)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("rule", self.rule.name)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("spec", self.rule.spec)?;
        st.serialize_field("section", self.rule.section)?;
        st.end()
    }
}

/// How many violations to keep in a [`ValidationReport`]: at most so many
/// of each rule, and at most so many in all. What a walk finds beyond them
/// is counted per rule ([`Omitted`]) but not kept, so a document with a
/// million bad values costs a bounded report, not a million messages.
///
/// The default keeps everything. Pass limits to [`Validate::validate_with`]
/// or [`Checker::with_limits`].
///
/// ```
/// use oci_model::validate::{Checker, Limits, Rule, Severity, Validate};
///
/// const BAD_TAG: Rule = Rule::new(
///     "bad-tag",
///     "",
///     "example",
///     "example.md",
///     Severity::Error,
///     "tags do not start with -",
/// );
/// struct Tags(Vec<String>);
/// impl Validate for Tags {
///     fn check(&self, c: &mut Checker) {
///         for (i, t) in self.0.iter().enumerate() {
///             if t.starts_with('-') {
///                 c.index(i, |c| c.report(&BAD_TAG, format!("tag {t:?} starts with -")));
///             }
///         }
///     }
/// }
///
/// let tags = Tags((0..1000).map(|i| format!("-bad{i}")).collect());
/// let report = tags.validate_with(Limits::none().per_rule(10));
/// assert_eq!(report.violations().len(), 10);
/// assert_eq!(report.omitted_count(), 990);
/// assert_eq!(report.error_count(), 1000);
/// assert!(!report.is_valid() && !report.is_complete());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Limits {
    per_rule: Option<usize>,
    total: Option<usize>,
}

impl Limits {
    /// No limit: every violation is kept (the default).
    pub const fn none() -> Self {
        Self {
            per_rule: None,
            total: None,
        }
    }

    /// Keeps at most `max` violations of each rule.
    #[must_use]
    pub const fn per_rule(mut self, max: usize) -> Self {
        self.per_rule = Some(max);
        self
    }

    /// Keeps at most `max` violations in all.
    #[must_use]
    pub const fn total(mut self, max: usize) -> Self {
        self.total = Some(max);
        self
    }

    /// The most violations kept of each rule (`None`: no limit).
    pub const fn max_per_rule(&self) -> Option<usize> {
        self.per_rule
    }

    /// The most violations kept in all (`None`: no limit).
    pub const fn max_total(&self) -> Option<usize> {
        self.total
    }

    /// True when neither limit is set.
    pub const fn is_none(&self) -> bool {
        self.per_rule.is_none() && self.total.is_none()
    }
}

/// The violations of one rule that a walk found but did not keep, because
/// of its [`Limits`]: counted by severity, so the report still knows
/// whether the document is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Omitted {
    rule: &'static Rule,
    errors: usize,
    warnings: usize,
}

impl Omitted {
    /// The rule whose violations were left out.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The rule's stable name (shorthand for `rule().name()`).
    pub fn rule_name(&self) -> &'static str {
        self.rule.name
    }

    /// How many errors of the rule were left out.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many warnings of the rule were left out.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// How many violations of the rule were left out.
    pub fn count(&self) -> usize {
        self.errors + self.warnings
    }
}

/// Every violation found in one document (or, under [`Limits`], the first
/// ones, and a count per rule of the others).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationReport {
    violations: Vec<Violation>,
    omitted: Vec<Omitted>,
}

impl ValidationReport {
    /// A report with the given violations.
    pub fn from_violations(violations: Vec<Violation>) -> Self {
        Self {
            violations,
            omitted: Vec::new(),
        }
    }

    /// True when no violation is an error (warnings are allowed), counting
    /// the errors left out under [`Limits`].
    pub fn is_valid(&self) -> bool {
        !self.violations.iter().any(Violation::is_error)
            && self.omitted.iter().all(|o| o.errors == 0)
    }

    /// True when there is no violation at all, not even a warning (kept or
    /// left out).
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.omitted.is_empty()
    }

    /// True when every violation found is kept: nothing was left out
    /// under [`Limits`].
    pub fn is_complete(&self) -> bool {
        self.omitted.is_empty()
    }

    /// The violations kept, in document order (all of them without
    /// [`Limits`]).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations kept that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.is_error())
    }

    /// The violations kept that are warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| !v.is_error())
    }

    /// The number of errors found, kept or left out.
    pub fn error_count(&self) -> usize {
        self.errors().count() + self.omitted.iter().map(|o| o.errors).sum::<usize>()
    }

    /// The number of warnings found, kept or left out.
    pub fn warning_count(&self) -> usize {
        self.warnings().count() + self.omitted.iter().map(|o| o.warnings).sum::<usize>()
    }

    /// The violations found but not kept under [`Limits`], one entry per
    /// rule, in the order each rule first went over its limit.
    pub fn omitted(&self) -> &[Omitted] {
        &self.omitted
    }

    /// The number of violations found but not kept under [`Limits`].
    pub fn omitted_count(&self) -> usize {
        self.omitted.iter().map(Omitted::count).sum()
    }

    /// True when some violation breaks the rule named `name` (kept or
    /// left out).
    pub fn has_rule(&self, name: &str) -> bool {
        self.violations.iter().any(|v| v.rule.name == name)
            || self.omitted.iter().any(|o| o.rule.name == name)
    }

    /// Takes the violations out.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// `Ok(())` when valid, otherwise the errors as a [`crate::BuildError`]
    /// for `type_name` (used by builders).
    ///
    /// # Errors
    /// Returns [`crate::ModelError::Builder`] when the report has errors.
    pub fn into_build_result(self, type_name: &'static str) -> crate::ModelResult<()> {
        if self.is_valid() {
            Ok(())
        } else {
            let errors = self
                .violations
                .into_iter()
                .filter(Violation::is_error)
                .collect();
            Err(crate::BuildError::invalid(type_name, errors).into())
        }
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for v in &self.violations {
            writeln!(f, "{v}")?;
        }
        if !self.omitted.is_empty() {
            write!(f, "{} more not shown (", self.omitted_count())?;
            for (i, o) in self.omitted.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{}: {}", o.rule.name, o.count())?;
            }
            writeln!(f, ")")?;
        }
        Ok(())
    }
}

/// A document, or part of one, whose static rules can be checked.
pub trait Validate {
    /// Checks every rule and returns all violations at once.
    fn validate(&self) -> ValidationReport {
        self.validate_with(Limits::none())
    }

    /// Checks every rule, keeping at most the violations `limits` allows
    /// and counting the others (see [`Limits`]).
    fn validate_with(&self, limits: Limits) -> ValidationReport {
        let mut checker = Checker::with_limits(limits);
        self.check(&mut checker);
        checker.finish()
    }

    /// Checks this value's rules, reporting into `checker` at its current path.
    fn check(&self, checker: &mut Checker);
}

#[derive(Debug, Clone)]
enum Segment {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// What a checker under [`Limits`] counts of one rule (told by its spec
/// and name: a name is unique within its spec).
#[derive(Debug)]
struct Tally {
    spec: &'static str,
    name: &'static str,
    kept: usize,
    /// The index of the rule's entry in `Checker::omitted`, once it has one.
    omitted: Option<usize>,
}

/// Collects violations while walking a document, tracking the JSON path.
///
/// The path is kept as a stack of segments and rendered only when a
/// violation is kept, so a clean walk costs no allocation per value, and
/// under [`Limits`] neither does a violation left out.
#[derive(Debug, Default)]
pub struct Checker {
    segments: Vec<Segment>,
    violations: Vec<Violation>,
    limits: Limits,
    /// Violations kept per rule (only under limits).
    tally: Vec<Tally>,
    omitted: Vec<Omitted>,
    /// Inside [`Checker::advisory`]: every violation is a warning.
    advisory: bool,
}

impl Checker {
    /// An empty checker at the document root, keeping every violation.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty checker at the document root, keeping at most the
    /// violations `limits` allows and counting the others.
    pub fn with_limits(limits: Limits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// The limits this checker keeps violations under.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Runs `f` with the path extended by the object member `name`.
    pub fn field<F: FnOnce(&mut Self)>(&mut self, name: &'static str, f: F) {
        self.segments.push(Segment::Field(name));
        f(self);
        self.segments.pop();
    }

    /// Runs `f` with the path extended by the array index `index`.
    pub fn index<F: FnOnce(&mut Self)>(&mut self, index: usize, f: F) {
        self.segments.push(Segment::Index(index));
        f(self);
        self.segments.pop();
    }

    /// Runs `f` with the path extended by the map key `key`.
    pub fn key<F: FnOnce(&mut Self)>(&mut self, key: &str, f: F) {
        self.segments.push(Segment::Key(key.to_owned()));
        f(self);
        self.segments.pop();
    }

    /// Checks `value` under the member `name`.
    pub fn check_field<T: Validate + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.field(name, |c| value.check(c));
    }

    /// Checks an optional `value` under the member `name` when present.
    pub fn check_opt<T: Validate>(&mut self, name: &'static str, value: Option<&T>) {
        if let Some(v) = value {
            self.check_field(name, v);
        }
    }

    /// Checks every element of `items` under the member `name`.
    pub fn check_each<'a, T: Validate + 'a>(
        &mut self,
        name: &'static str,
        items: impl IntoIterator<Item = &'a T>,
    ) {
        self.field(name, |c| {
            for (i, item) in items.into_iter().enumerate() {
                c.index(i, |c| item.check(c));
            }
        });
    }

    /// The current JSON pointer (RFC 6901).
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.segments {
            out.push('/');
            match seg {
                Segment::Field(name) => push_escaped(&mut out, name),
                Segment::Index(i) => out.push_str(&i.to_string()),
                Segment::Key(k) => push_escaped(&mut out, k),
            }
        }
        out
    }

    /// Reports a violation of `rule` at the current path with the rule's
    /// default severity.
    pub fn report(&mut self, rule: &'static Rule, message: impl Into<String>) {
        self.report_as(rule, rule.severity, message);
    }

    /// Reports a violation of `rule` at the current path with `severity`.
    pub fn report_as(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        message: impl Into<String>,
    ) {
        let severity = self.effective(severity);
        if self.keep(rule, severity) {
            let mut v = Violation::new(rule, self.pointer(), message);
            v.severity = severity;
            self.violations.push(v);
        }
    }

    /// Reports a violation of `rule` at `pointer`, a JSON pointer below the
    /// current path (for checks that walk raw JSON and track their own
    /// path), with the rule's default severity.
    pub fn report_pointer(
        &mut self,
        pointer: &str,
        rule: &'static Rule,
        message: impl Into<String>,
    ) {
        let severity = self.effective(rule.severity);
        if self.keep(rule, severity) {
            let mut path = self.pointer();
            path.push_str(pointer);
            let mut v = Violation::new(rule, path, message);
            v.severity = severity;
            self.violations.push(v);
        }
    }

    fn effective(&self, severity: Severity) -> Severity {
        if self.advisory {
            Severity::Warning
        } else {
            severity
        }
    }

    /// Whether a violation of `rule` is kept under the limits; counts it
    /// as left out when not.
    fn keep(&mut self, rule: &'static Rule, severity: Severity) -> bool {
        if self.limits.is_none() {
            return true;
        }
        let over_total = self
            .limits
            .total
            .is_some_and(|max| self.violations.len() >= max);
        let at = if let Some(at) = self
            .tally
            .iter()
            .position(|t| t.name == rule.name && t.spec == rule.spec)
        {
            at
        } else {
            self.tally.push(Tally {
                spec: rule.spec,
                name: rule.name,
                kept: 0,
                omitted: None,
            });
            self.tally.len() - 1
        };
        let tally = &mut self.tally[at];
        let over_rule = self.limits.per_rule.is_some_and(|max| tally.kept >= max);
        if !over_total && !over_rule {
            tally.kept += 1;
            return true;
        }
        let slot = if let Some(slot) = tally.omitted {
            slot
        } else {
            self.omitted.push(Omitted {
                rule,
                errors: 0,
                warnings: 0,
            });
            tally.omitted = Some(self.omitted.len() - 1);
            self.omitted.len() - 1
        };
        match severity {
            Severity::Error => self.omitted[slot].errors += 1,
            Severity::Warning => self.omitted[slot].warnings += 1,
        }
        false
    }

    /// Reports a violation of `rule` at the member `name` below the current path.
    pub fn report_at(
        &mut self,
        name: &'static str,
        rule: &'static Rule,
        message: impl Into<String>,
    ) {
        self.field(name, |c| c.report(rule, message));
    }

    /// Runs `f`, and makes every violation it reports a warning: for parts
    /// of a document the spec does not define, such as Docker's
    /// `container_config`, where its rules are advice, not requirements.
    pub fn advisory<F: FnOnce(&mut Self)>(&mut self, f: F) {
        let outer = std::mem::replace(&mut self.advisory, true);
        f(self);
        self.advisory = outer;
    }

    /// Adds `violation` as it is (its own path, not the checker's), under
    /// the checker's limits.
    pub(crate) fn push(&mut self, violation: Violation) {
        if self.keep(violation.rule, violation.severity) {
            self.violations.push(violation);
        }
    }

    /// The number of violations reported so far (kept or left out).
    pub fn len(&self) -> usize {
        self.violations.len() + self.omitted.iter().map(Omitted::count).sum::<usize>()
    }

    /// True when nothing was reported yet.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.omitted.is_empty()
    }

    /// Ends the walk and returns the report.
    pub fn finish(self) -> ValidationReport {
        ValidationReport {
            violations: self.violations,
            omitted: self.omitted,
        }
    }
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Quotes a value for a message: a JSON string (control characters as
/// JSON escapes, `\u001b`), shortened past 120 characters with `...`.
pub fn quote(value: &str) -> String {
    crate::json::quote::quote(value, crate::json::quote::Quote::Value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_RULE: Rule = Rule {
        name: "test-rule",
        id: "T-1",
        spec: "test-spec v1",
        section: "test.md",
        severity: Severity::Error,
        summary: "a rule for tests",
    };
    const TEST_WARN: Rule = Rule {
        name: "test-warn",
        id: "",
        spec: "test-spec v1",
        section: "test.md",
        severity: Severity::Warning,
        summary: "a warning for tests",
    };

    struct Leaf(bool);
    impl Validate for Leaf {
        fn check(&self, c: &mut Checker) {
            if !self.0 {
                c.report(&TEST_RULE, "leaf is false");
            }
        }
    }
    struct Doc {
        items: Vec<Leaf>,
    }
    impl Validate for Doc {
        fn check(&self, c: &mut Checker) {
            c.check_each("items", &self.items);
            c.key("a/b~c", |c| c.report(&TEST_WARN, "odd key"));
        }
    }

    #[test]
    fn paths_are_json_pointers_and_all_violations_are_kept() {
        let d = Doc {
            items: vec![Leaf(true), Leaf(false), Leaf(false)],
        };
        let r = d.validate();
        let paths: Vec<_> = r.violations().iter().map(Violation::path).collect();
        assert_eq!(paths, ["/items/1", "/items/2", "/a~1b~0c"]);
        assert!(!r.is_valid());
        assert_eq!(r.errors().count(), 2);
        assert_eq!(r.warnings().count(), 1);
        assert!(r.has_rule("test-rule"));
    }

    #[test]
    fn warnings_only_is_valid() {
        let mut c = Checker::new();
        c.report(&TEST_WARN, "w");
        let r = c.finish();
        assert!(r.is_valid());
        assert!(!r.is_clean());
    }

    #[test]
    fn violation_serializes_with_rule_name() {
        let v = Violation::new(&TEST_RULE, "/x", "bad \"x\"");
        let j = serde_json::to_string(&v).unwrap();
        assert_eq!(
            j,
            r#"{"path":"/x","rule":"test-rule","severity":"error","message":"bad \"x\"","spec":"test-spec v1","section":"test.md"}"#
        );
    }

    #[test]
    fn limits_keep_the_first_and_count_the_rest() {
        let d = Doc {
            items: (0..50).map(|i| Leaf(i % 2 == 0)).collect(),
        };
        let all = d.validate();
        assert_eq!(all.violations().len(), 26);
        assert!(all.is_complete());

        let r = d.validate_with(Limits::none().per_rule(3));
        let paths: Vec<_> = r.violations().iter().map(Violation::path).collect();
        // The warning of another rule is still kept.
        assert_eq!(paths, ["/items/1", "/items/3", "/items/5", "/a~1b~0c"]);
        assert_eq!(r.omitted().len(), 1);
        assert_eq!(r.omitted()[0].rule_name(), "test-rule");
        assert_eq!(
            (r.omitted()[0].errors(), r.omitted()[0].warnings()),
            (22, 0)
        );
        assert_eq!(r.omitted_count(), 22);
        assert_eq!(r.error_count(), 25);
        assert_eq!(r.warning_count(), 1);
        assert!(!r.is_valid() && !r.is_clean() && !r.is_complete());
        assert!(r.has_rule("test-rule"));

        let r = d.validate_with(Limits::none().total(2));
        assert_eq!(r.violations().len(), 2);
        assert_eq!(r.omitted_count(), 24);
        assert_eq!(r.omitted()[1].rule_name(), "test-warn");
        assert_eq!(r.omitted()[1].warnings(), 1);
        assert!(r.has_rule("test-warn"));
        assert!(
            r.to_string()
                .ends_with("24 more not shown (test-rule: 23, test-warn: 1)\n")
        );

        let r = d.validate_with(Limits::none().per_rule(0));
        assert!(r.violations().is_empty());
        assert!(
            !r.is_valid(),
            "errors left out still make the document invalid"
        );
    }

    #[test]
    fn omitted_errors_inside_advisory_parts_are_warnings() {
        let mut c = Checker::with_limits(Limits::none().total(1));
        c.advisory(|c| {
            c.report(&TEST_RULE, "a");
            c.report(&TEST_RULE, "b");
        });
        c.report(&TEST_RULE, "c");
        assert_eq!(c.len(), 3);
        let r = c.finish();
        assert_eq!(r.violations()[0].severity(), Severity::Warning);
        assert_eq!((r.omitted()[0].errors(), r.omitted()[0].warnings()), (1, 1));
    }

    #[test]
    fn quote_shortens() {
        assert_eq!(quote("ab\"c"), r#""ab\"c""#);
        assert!(quote(&"x".repeat(500)).ends_with("...\""));
    }
}
