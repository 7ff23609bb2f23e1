//! The crate's error types.
//!
//! - [`OciSpecError`] is exactly `oci-spec` 0.10's: four variants, the same
//!   payloads and terse messages, so that code written for `oci-spec`
//!   (including exhaustive `match`es) compiles unchanged. The functions
//!   `oci-spec` has (`from_file`, `from_reader`, `to_*`, builders' `build`,
//!   `Digest`'s `FromStr`, `Spec::load`, ...) return it.
//! - [`ModelError`] is this crate's rich error, returned by the functions
//!   `oci-spec` does not have (`from_slice`, `from_str`, `validate_json`,
//!   layouts, hashing, conversion, ...). Converting it into an
//!   [`OciSpecError`] keeps the detail in the error's
//!   [`source`](std::error::Error::source) chain.
//!
//! Every [`ModelError`] message is lowercase, quotes the bad input and says
//! what was expected, so that a user can act on it without reading the source:
//!
//! ```text
//! /layers/1/digest: invalid digest "sha256:ABC": expected 64 lowercase hex characters at line 12 column 31
//! ```

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::validate::Violation;

/// The result type of the functions `oci-spec` 0.10 also has (as
/// `oci_spec::Result`).
pub type Result<T> = std::result::Result<T, OciSpecError>;

/// The result type of this crate's own functions, with the rich [`ModelError`].
pub type ModelResult<T> = std::result::Result<T, ModelError>;

/// Error type for oci spec errors: `oci-spec` 0.10's `OciSpecError`, variant
/// for variant, with its messages (`io operation failed`, `serde failed`,
/// `uninitialized field`).
///
/// The functions this crate shares with `oci-spec` return it. Converted from
/// a [`ModelError`] (`From`), the detail (JSON path, line and column, file
/// name, violated rules) is in the message of the wrapped error, which
/// [`std::error::Error::source`] returns, or in [`ModelError::from`]'s result.
#[derive(Error, Debug)]
pub enum OciSpecError {
    /// Will be returned if an error occurs that cannot
    /// be mapped to a more specialized error variant.
    #[error("{0}")]
    Other(String),

    /// Will be returned when an error happens during
    /// io operations.
    #[error("io operation failed")]
    Io(#[from] io::Error),

    /// Will be returned when an error happens during
    /// serialization or deserialization.
    #[error("serde failed")]
    SerDe(#[from] serde_json::Error),

    /// Builder specific errors.
    #[error("uninitialized field")]
    Builder(#[from] derive_builder::UninitializedFieldError),
}

impl From<ModelError> for OciSpecError {
    /// Maps the rich error onto `oci-spec`'s four variants: I/O errors stay
    /// I/O errors (a file's path goes into the message), decoding and
    /// serialization errors become [`OciSpecError::SerDe`] carrying the full
    /// message, a missing builder field becomes [`OciSpecError::Builder`],
    /// anything else [`OciSpecError::Other`] with the message.
    fn from(err: ModelError) -> Self {
        use serde::de::Error as _;
        match err {
            ModelError::Other(m) => OciSpecError::Other(m),
            ModelError::Io(e) => OciSpecError::Io(e),
            ModelError::File { path, source } => OciSpecError::Io(io::Error::new(
                source.kind(),
                format!("{}: {source}", path.display()),
            )),
            ModelError::SerDe(e) => OciSpecError::SerDe(e),
            e @ (ModelError::Decode(_) | ModelError::Serialize(_)) => {
                OciSpecError::SerDe(serde_json::Error::custom(e.to_string()))
            }
            ModelError::Builder(b) => match b.missing_field() {
                Some(field) => {
                    OciSpecError::Builder(derive_builder::UninitializedFieldError::new(field))
                }
                None => OciSpecError::Other(b.to_string()),
            },
            other => OciSpecError::Other(other.to_string()),
        }
    }
}

impl From<std::convert::Infallible> for OciSpecError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

/// This crate's rich error type: what failed, where (JSON path, line and
/// column, file) and why.
///
/// The variants `Other`, `Io`, `SerDe` and `Builder` have the names of
/// [`OciSpecError`]'s; the others carry the detail `oci-spec` did not have.
/// `From` converts both ways ([`OciSpecError`] from this loses no message).
#[derive(Error, Debug)]
#[non_exhaustive]
pub enum ModelError {
    /// A free-form error, such as an [`OciSpecError::Other`] converted back.
    #[error("{0}")]
    Other(String),

    /// An I/O operation on a reader or writer failed.
    #[error("i/o error: {0}")]
    Io(#[from] io::Error),

    /// An I/O operation on a named file failed.
    #[error("{path}: {source}", path = path.display())]
    File {
        /// The file that could not be read or written.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },

    /// A document could not be decoded: broken JSON, a wrong type, a value
    /// that breaks a grammar. The error names the JSON path, line and column.
    #[error("{0}")]
    Decode(#[from] DecodeError),

    /// A `serde_json` error (as [`OciSpecError::SerDe`] carries). This
    /// crate's own writer reports [`ModelError::Serialize`] instead;
    /// `From<serde_json::Error>` lets `?` carry serde_json's errors in code
    /// that mixes the two.
    #[error("serialization failed: {0}")]
    SerDe(#[from] serde_json::Error),

    /// A value could not be written as JSON: a map key that is not a string
    /// or number, or a `Serialize` implementation that failed. (A failing
    /// writer is [`ModelError::Io`] or [`ModelError::File`].)
    #[error("{0}")]
    Serialize(#[from] SerializeError),

    /// A string value (digest, media type, reference, tag, ...) does not
    /// follow its grammar.
    #[error("{0}")]
    Parse(#[from] ParseError),

    /// A builder was missing a required field or would build an invalid
    /// document.
    #[error("{0}")]
    Builder(#[from] BuildError),

    /// Content did not match its descriptor (size or digest).
    #[error("{0}")]
    Verify(#[from] VerifyError),

    /// An image layout (directory or archive) is not usable: not a layout,
    /// an unknown version, an entry that would lead outside it, a missing
    /// blob or image.
    #[cfg(feature = "layout")]
    #[error("{0}")]
    Layout(#[from] crate::image::layout::LayoutError),

    /// A layer that cannot be written, read or applied as asked: an
    /// unsafe entry, a limit, a DiffID mismatch.
    #[cfg(feature = "layer")]
    #[error("{0}")]
    Layer(#[from] crate::layer::LayerError),
}

impl From<OciSpecError> for ModelError {
    fn from(err: OciSpecError) -> Self {
        match err {
            OciSpecError::Other(m) => ModelError::Other(m),
            OciSpecError::Io(e) => ModelError::Io(e),
            OciSpecError::SerDe(e) => ModelError::SerDe(e),
            OciSpecError::Builder(e) => ModelError::Builder(BuildError::from(e)),
        }
    }
}

impl From<std::convert::Infallible> for ModelError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl From<derive_builder::UninitializedFieldError> for ModelError {
    fn from(err: derive_builder::UninitializedFieldError) -> Self {
        ModelError::Builder(BuildError::missing("", err.field_name()))
    }
}

/// A value that the crate's JSON writer could not write.
///
/// Display: `cannot serialize: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError {
    message: String,
}

impl SerializeError {
    /// An error with `message` (lowercase, without the `cannot serialize` prefix).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The message, without the `cannot serialize: ` prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot serialize: {}", self.message)
    }
}

impl std::error::Error for SerializeError {}

/// A document that could not be decoded from JSON.
///
/// Display: `[FILE: ]POINTER: MESSAGE at line L column C`, where POINTER is
/// the JSON pointer (RFC 6901, as [`crate::Violation::path`] writes paths)
/// of the value that failed, omitted when the failure is at the top level,
/// and FILE the file it was read from ([`crate::io::from_file`] and every
/// document's `from_file`).
///
/// ```
/// use oci_model::image::ImageManifest;
///
/// let e = ImageManifest::from_slice(br#"{"schemaVersion": 2, "config": []}"#).unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "/config: invalid type: array, expected an object at line 1 column 33"
/// );
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    file: Option<PathBuf>,
    pointer: String,
    message: String,
    line: usize,
    column: usize,
    category: DecodeErrorCategory,
}

/// What kind of decoding failure a [`DecodeError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorCategory {
    /// The input is not valid JSON (or not valid UTF-8).
    Syntax,
    /// The input is JSON, but a value has the wrong type or breaks a grammar.
    Data,
    /// The input ended before the document did (includes an empty input).
    Eof,
    /// Reading the input failed.
    Io,
    /// The input holds more than one JSON value (trailing characters).
    TrailingInput,
}

impl DecodeError {
    /// Builds a decode error from its parts; `pointer` is the JSON pointer of
    /// the failing value (empty, or `/`-less `.`, for the document itself).
    pub fn new(
        pointer: impl Into<String>,
        message: impl Into<String>,
        line: usize,
        column: usize,
        category: DecodeErrorCategory,
    ) -> Self {
        let mut pointer = pointer.into();
        if pointer == "." {
            pointer.clear();
        }
        Self {
            file: None,
            pointer,
            message: message.into(),
            line,
            column,
            category,
        }
    }

    /// Names the file the document was read from.
    #[must_use]
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// The file the document was read from, when it came from one.
    pub fn file(&self) -> Option<&std::path::Path> {
        self.file.as_deref()
    }

    /// The JSON pointer (RFC 6901) of the value that failed, such as
    /// `/layers/1/digest` (empty for the document itself), in the form
    /// [`crate::Violation::path`] uses.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The path of the value that failed: the same JSON pointer as
    /// [`Self::pointer`] (one path syntax for decode errors and violations).
    pub fn path(&self) -> &str {
        &self.pointer
    }

    /// The message, without file, path or position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line of the failure (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the failure (0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }

    /// What kind of failure this is.
    pub fn category(&self) -> DecodeErrorCategory {
        self.category
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if !self.pointer.is_empty() {
            write!(f, "{}: ", self.pointer)?;
        }
        f.write_str(&self.message)?;
        if self.line > 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// Which grammar a [`ParseError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// A digest (`algorithm:encoded`).
    Digest,
    /// A digest algorithm name.
    DigestAlgorithm,
    /// A media type (RFC 6838).
    MediaType,
    /// An image reference (`registry/repository:tag@digest`).
    Reference,
    /// A distribution repository name.
    RepositoryName,
    /// A distribution tag.
    Tag,
    /// A semantic version.
    Version,
    /// A platform string such as `linux/arm64/v8`.
    Platform,
    /// Any other value with a grammar; the message says which.
    Value,
}

impl ParseErrorKind {
    /// The lowercase name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ParseErrorKind::Digest => "digest",
            ParseErrorKind::DigestAlgorithm => "digest algorithm",
            ParseErrorKind::MediaType => "media type",
            ParseErrorKind::Reference => "reference",
            ParseErrorKind::RepositoryName => "repository name",
            ParseErrorKind::Tag => "tag",
            ParseErrorKind::Version => "version",
            ParseErrorKind::Platform => "platform",
            ParseErrorKind::Value => "value",
        }
    }
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that does not follow its grammar.
///
/// Display: `invalid KIND "INPUT": expected EXPECTED`, for instance
/// `invalid digest "sha256:ABC": expected 64 lowercase hex characters`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    input: String,
    expected: Cow<'static, str>,
}

impl ParseError {
    /// Builds a parse error. Long inputs are shortened in the message.
    pub fn new(
        kind: ParseErrorKind,
        input: impl Into<String>,
        expected: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            kind,
            input: input.into(),
            expected: expected.into(),
        }
    }

    /// Which grammar was broken.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What was expected instead.
    pub fn expected(&self) -> &str {
        &self.expected
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} {}: expected {}",
            self.kind,
            crate::validate::quote(&self.input),
            self.expected
        )
    }
}

impl std::error::Error for ParseError {}

/// A builder that could not build its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    reason: BuildErrorReason,
}

/// Why a builder failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildErrorReason {
    /// A required field was never set.
    MissingField(&'static str),
    /// The value would break rules of the spec.
    Invalid(Vec<Violation>),
}

impl BuildError {
    /// A required field was not set on the builder of `type_name`.
    pub fn missing(type_name: &'static str, field: &'static str) -> Self {
        Self {
            type_name,
            reason: BuildErrorReason::MissingField(field),
        }
    }

    /// The value built by the builder of `type_name` would break `violations`.
    pub fn invalid(type_name: &'static str, violations: Vec<Violation>) -> Self {
        Self {
            type_name,
            reason: BuildErrorReason::Invalid(violations),
        }
    }

    /// The type the builder builds, such as `ImageManifest`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// Why building failed.
    pub fn reason(&self) -> &BuildErrorReason {
        &self.reason
    }

    /// The missing field, when that is the reason.
    pub fn missing_field(&self) -> Option<&'static str> {
        match self.reason {
            BuildErrorReason::MissingField(f) => Some(f),
            BuildErrorReason::Invalid(_) => None,
        }
    }

    /// Sets the type name (used when the error was raised by generated code
    /// that did not know it).
    pub(crate) fn with_type(mut self, type_name: &'static str) -> Self {
        self.type_name = type_name;
        self
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ty = if self.type_name.is_empty() {
            "value"
        } else {
            self.type_name
        };
        match &self.reason {
            BuildErrorReason::MissingField(field) => {
                write!(f, "cannot build {ty}: required field `{field}` is not set")
            }
            BuildErrorReason::Invalid(violations) => {
                write!(f, "cannot build {ty}: ")?;
                for (i, v) in violations.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{v}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for BuildError {}

impl From<derive_builder::UninitializedFieldError> for BuildError {
    fn from(err: derive_builder::UninitializedFieldError) -> Self {
        BuildError::missing("", err.field_name())
    }
}

/// Content that does not match what its descriptor says.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The content has another size than expected.
    #[error("size mismatch: expected {expected} bytes, got {actual}")]
    Size {
        /// The size the descriptor gives.
        expected: u64,
        /// The number of bytes seen.
        actual: u64,
    },
    /// The content hashes to another digest than expected.
    #[error("digest mismatch: expected \"{expected}\", got \"{actual}\"")]
    Digest {
        /// The digest the descriptor gives.
        expected: String,
        /// The digest of the bytes seen.
        actual: String,
    },
    /// The digest's algorithm cannot be computed by this crate.
    #[error("unsupported digest algorithm \"{0}\": expected sha256, sha384 or sha512")]
    UnsupportedAlgorithm(String),
    /// The content is larger than the caller allows to read into memory.
    #[error("content of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// The size the descriptor gives.
        size: u64,
        /// The largest size allowed.
        limit: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_message_quotes_input() {
        let e = ParseError::new(
            ParseErrorKind::Digest,
            "sha256:ABC",
            "64 lowercase hex characters",
        );
        assert_eq!(
            e.to_string(),
            r#"invalid digest "sha256:ABC": expected 64 lowercase hex characters"#
        );
    }

    #[test]
    fn parse_error_shortens_long_input() {
        let e = ParseError::new(
            ParseErrorKind::Tag,
            "a".repeat(300),
            "at most 128 characters",
        );
        let s = e.to_string();
        assert!(s.contains("...\""), "{s}");
        assert!(s.len() < 260, "{s}");
    }

    #[test]
    fn build_error_names_type_and_field() {
        let e = ModelError::from(BuildError::missing("ImageManifest", "config"));
        assert_eq!(
            e.to_string(),
            "cannot build ImageManifest: required field `config` is not set"
        );
    }

    #[test]
    fn decode_error_display() {
        let e = DecodeError::new(
            "/layers/1/size",
            "invalid type: string \"x\", expected an integer",
            3,
            14,
            DecodeErrorCategory::Data,
        );
        assert_eq!(
            e.to_string(),
            "/layers/1/size: invalid type: string \"x\", expected an integer at line 3 column 14"
        );
        assert_eq!(
            e.with_file("m.json").to_string(),
            "m.json: /layers/1/size: invalid type: string \"x\", expected an integer at line 3 column 14"
        );
    }
}
