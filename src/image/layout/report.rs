//! The report of a layout check: [image-spec v1.1.1,
//! image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md).

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::image::layout::error::{LayoutError, LayoutErrorKind};
use crate::validate::{Rule, Severity, Violation};

/// One problem found in a layout: where in the layout (the chain of
/// descriptors that led to it, or the entry it is about) and the
/// [`Violation`] found there (its [`Violation::path`] is the JSON pointer
/// inside the document at that place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutProblem {
    location: String,
    violation: Violation,
}

impl LayoutProblem {
    /// A problem at `location` breaking `rule` (with its default severity).
    pub fn new(
        location: impl Into<String>,
        rule: &'static Rule,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location: location.into(),
            violation: Violation::new(rule, String::new(), message),
        }
    }

    /// A violation of a document's own rules, found at `location`.
    pub fn from_violation(location: impl Into<String>, v: &Violation) -> Self {
        Self {
            location: location.into(),
            violation: v.clone(),
        }
    }

    /// Sets the JSON pointer inside the document at the location.
    #[must_use]
    pub(crate) fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.violation = self.violation.at_path(pointer);
        self
    }

    /// Makes the problem a warning.
    #[must_use]
    pub(crate) fn into_warning(mut self) -> Self {
        self.violation = self.violation.with_severity(Severity::Warning);
        self
    }

    /// The chain of descriptors that led to the problem, such as
    /// `index.json → manifests[0] → layers[2]`, or the entry of the layout
    /// (`oci-layout`, `blobs/sha256/…`) it is about.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The violation found at [`LayoutProblem::location`].
    pub fn violation(&self) -> &Violation {
        &self.violation
    }

    /// The JSON pointer of the bad value inside the document at
    /// [`LayoutProblem::location`] (empty when the problem is the blob or
    /// the document as a whole): the violation's [`Violation::path`].
    pub fn pointer(&self) -> &str {
        self.violation.path()
    }

    /// The rule that is broken.
    pub fn rule(&self) -> &'static Rule {
        self.violation.rule()
    }

    /// How serious the problem is.
    pub fn severity(&self) -> Severity {
        self.violation.severity()
    }

    /// True for an error.
    pub fn is_error(&self) -> bool {
        self.violation.is_error()
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        self.violation.message()
    }
}

impl fmt::Display for LayoutProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.location)?;
        if !self.pointer().is_empty() {
            write!(f, " {}", self.pointer())?;
        }
        write!(
            f,
            ": {}[{}]: {}",
            self.severity(),
            self.rule().name(),
            self.message()
        )
    }
}

impl Serialize for LayoutProblem {
    /// The location, then the violation's members with its `path` named
    /// `pointer`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rule = self.rule();
        let mut st = s.serialize_struct("LayoutProblem", 7)?;
        st.serialize_field("location", &self.location)?;
        st.serialize_field("pointer", self.pointer())?;
        st.serialize_field("rule", rule.name())?;
        st.serialize_field("severity", &self.severity())?;
        st.serialize_field("message", self.message())?;
        st.serialize_field("spec", rule.spec())?;
        st.serialize_field("section", rule.section())?;
        st.end()
    }
}

/// Everything a layout check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LayoutReport {
    problems: Vec<LayoutProblem>,
    unreferenced: Vec<String>,
    blobs_checked: u64,
    bytes_checked: u64,
}

impl LayoutReport {
    pub(crate) fn push(&mut self, p: LayoutProblem) {
        self.problems.push(p);
    }

    pub(crate) fn add_unreferenced(&mut self, path: String) {
        self.unreferenced.push(path);
    }

    pub(crate) fn count_blob(&mut self, bytes: u64) {
        self.blobs_checked += 1;
        self.bytes_checked += bytes;
    }

    /// Every problem, in the order found (walk order from `index.json`,
    /// then the entries of `blobs/`).
    pub fn problems(&self) -> &[LayoutProblem] {
        &self.problems
    }

    /// The problems that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &LayoutProblem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// The problems that are warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &LayoutProblem> {
        self.problems.iter().filter(|p| !p.is_error())
    }

    /// True when no problem is an error.
    pub fn is_valid(&self) -> bool {
        !self.problems.iter().any(LayoutProblem::is_error)
    }

    /// True when some problem breaks the rule named `name`.
    pub fn has_rule(&self, name: &str) -> bool {
        self.problems.iter().any(|p| p.rule().name() == name)
    }

    /// The blobs nothing reachable from `index.json` refers to (paths such
    /// as `blobs/sha256/…`, sorted), and temporary files left by
    /// interrupted writes: what `gc` removes. The spec allows them; they
    /// are not problems.
    pub fn unreferenced(&self) -> &[String] {
        &self.unreferenced
    }

    /// What `gc` ([`ImageLayout::gc`](crate::image::layout::ImageLayout::gc),
    /// `LayoutArchive::gc`) does with this report: the paths it removes
    /// ([`LayoutReport::unreferenced`]), or the refusal it gives while the
    /// report has errors (a document that does not decode would make what
    /// it refers to look unreferenced). A dry run shows this.
    ///
    /// ```
    /// use oci_model::image::layout::LayoutReport;
    ///
    /// assert!(LayoutReport::default().gc_plan()?.is_empty());
    /// # Ok::<(), oci_model::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`LayoutErrorKind::Invalid`](crate::image::layout::LayoutErrorKind::Invalid)
    /// when some problem is an error: `the layout has 2 errors: gc removes
    /// nothing until check passes`.
    pub fn gc_plan(&self) -> crate::ModelResult<&[String]> {
        let errors = self.errors().count();
        if errors > 0 {
            let noun = if errors == 1 { "error" } else { "errors" };
            return Err(LayoutError::new(
                LayoutErrorKind::Invalid,
                "blobs",
                format!("the layout has {errors} {noun}: gc removes nothing until check passes"),
            )
            .into());
        }
        Ok(&self.unreferenced)
    }

    /// How many blobs were verified (each once, however often referenced).
    pub fn blobs_checked(&self) -> u64 {
        self.blobs_checked
    }

    /// How many blob bytes were hashed.
    pub fn bytes_checked(&self) -> u64 {
        self.bytes_checked
    }
}

impl fmt::Display for LayoutReport {
    /// One line per problem, then one per unreferenced blob.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        for u in &self.unreferenced {
            writeln!(f, "{u}: unreferenced")?;
        }
        Ok(())
    }
}
