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

pub use null::{NULL_MEMBER, null_members};

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
/// `image::rules`); their `name` is stable across releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable, kebab-case name, such as `manifest-media-type`.
    pub name: &'static str,
    /// The identifier in the crate's rule catalogue, such as `MAN-N1`
    /// (empty when the rule has none): see [`catalogue`] and `RULES.md`,
    /// which lists every rule with its identifier.
    pub id: &'static str,
    /// The spec and release, such as `image-spec v1.1.1`.
    pub spec: &'static str,
    /// The spec file and section, such as `manifest.md#image-manifest-property-descriptions`.
    pub section: &'static str,
    /// The default severity of a violation.
    pub severity: Severity,
    /// One lowercase sentence saying what the rule requires.
    pub summary: &'static str,
}

/// Every rule this crate checks, of the specs whose features are compiled
/// in: image-spec, then runtime-spec (`config.json`, then its `linux`
/// section and `features.json`), then distribution-spec, each in table
/// order. `RULES.md` in the repository is this list as a table.
///
/// ```
/// let rules = oci_model::validate::catalogue();
/// assert!(rules.iter().any(|r| r.name == "schema-version"));
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

    /// The rule that is broken.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The rule's stable name (shorthand for `rule().name`).
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

/// Every violation found in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationReport {
    violations: Vec<Violation>,
}

impl ValidationReport {
    /// A report with the given violations.
    pub fn from_violations(violations: Vec<Violation>) -> Self {
        Self { violations }
    }

    /// True when no violation is an error (warnings are allowed).
    pub fn is_valid(&self) -> bool {
        !self.violations.iter().any(Violation::is_error)
    }

    /// True when there is no violation at all, not even a warning.
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
    }

    /// All violations, in document order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.is_error())
    }

    /// The violations that are warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| !v.is_error())
    }

    /// True when some violation breaks the rule named `name`.
    pub fn has_rule(&self, name: &str) -> bool {
        self.violations.iter().any(|v| v.rule.name == name)
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
        Ok(())
    }
}

/// A document, or part of one, whose static rules can be checked.
pub trait Validate {
    /// Checks every rule and returns all violations at once.
    fn validate(&self) -> ValidationReport {
        let mut checker = Checker::new();
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

/// Collects violations while walking a document, tracking the JSON path.
///
/// The path is kept as a stack of segments and rendered only when a
/// violation is reported, so a clean walk costs no allocation per value.
#[derive(Debug, Default)]
pub struct Checker {
    segments: Vec<Segment>,
    violations: Vec<Violation>,
}

impl Checker {
    /// An empty checker at the document root.
    pub fn new() -> Self {
        Self::default()
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
        let v = Violation::new(rule, self.pointer(), message);
        self.violations.push(v);
    }

    /// Reports a violation of `rule` at the current path with `severity`.
    pub fn report_as(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        message: impl Into<String>,
    ) {
        let mut v = Violation::new(rule, self.pointer(), message);
        v.severity = severity;
        self.violations.push(v);
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
        let start = self.violations.len();
        f(self);
        for v in &mut self.violations[start..] {
            v.severity = Severity::Warning;
        }
    }

    /// Adds `violation` as it is (its own path, not the checker's).
    pub(crate) fn push(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// The number of violations so far.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// True when nothing was reported yet.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// Ends the walk and returns the report.
    pub fn finish(self) -> ValidationReport {
        ValidationReport {
            violations: self.violations,
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

/// Shortens a value for a message: at most 120 characters, quoted.
pub fn quote(value: &str) -> String {
    const MAX: usize = 120;
    let mut out = String::with_capacity(value.len().min(MAX) + 5);
    out.push('"');
    for (n, c) in value.chars().enumerate() {
        if n == MAX {
            out.push_str("...");
            break;
        }
        out.extend(c.escape_debug());
    }
    out.push('"');
    out
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
    fn quote_shortens() {
        assert_eq!(quote("ab\"c"), r#""ab\"c""#);
        assert!(quote(&"x".repeat(500)).ends_with("...\""));
    }
}
