//! Registry error bodies: [distribution-spec v1.1.1, spec.md "Error
//! Codes"](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#error-codes).
//!
//! A `4XX` response MAY carry a body in any format; a JSON body MUST be an
//! [`ErrorResponse`]: `{"errors": [{"code": ..., "message": ..., "detail": ...}]}`.

use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::distribution::rules;
use crate::spec_struct;
use crate::validate::{Checker, Severity, Validate, quote};

/// The prefix of an [`ErrorResponse`]'s `Display` (the text `oci-spec`
/// prints for every registry error).
pub const ERR_REGISTRY: &str = "distribution: registry returned error";

closed_enum! {
    /// The `code` of a registry error: the 14 codes of the spec, as in
    /// `oci-spec` (a closed enum: an exhaustive `match` needs no other
    /// arm; not `Copy`, as there). JSON uses the spec's codes (`TOOMANYREQUESTS`); `Display` and
    /// `FromStr` use `oci-spec`'s strum names, which differ for one code
    /// (`TOO_MANY_REQUESTS`).
    ///
    /// An [`ErrorInfo`] read from a document with a code this enum does
    /// not hold (registries send `UNKNOWN`, Docker's `TAG_INVALID`, the
    /// extensions' `EXTENSION_UNKNOWN`) keeps the code as written, writes
    /// it back, and holds [`ErrorCode::Unsupported`] as a stand-in:
    /// [`ErrorInfo::code_str`] gives the code as written and
    /// [`ErrorInfo::known_code`] the code only when it is one of these.
    pub enum ErrorCode [stand_in = Unsupported] [copy = no] {
        /// `BLOB_UNKNOWN`: blob unknown to registry.
        BlobUnknown = "BLOB_UNKNOWN", "BLOB_UNKNOWN",
        /// `BLOB_UPLOAD_INVALID`: blob upload invalid.
        BlobUploadInvalid = "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_INVALID",
        /// `BLOB_UPLOAD_UNKNOWN`: blob upload unknown to registry.
        BlobUploadUnknown = "BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_UNKNOWN",
        /// `DIGEST_INVALID`: provided digest did not match uploaded content.
        DigestInvalid = "DIGEST_INVALID", "DIGEST_INVALID",
        /// `MANIFEST_BLOB_UNKNOWN`: manifest references a manifest or blob
        /// unknown to registry.
        ManifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN", "MANIFEST_BLOB_UNKNOWN",
        /// `MANIFEST_INVALID`: manifest invalid.
        ManifestInvalid = "MANIFEST_INVALID", "MANIFEST_INVALID",
        /// `MANIFEST_UNKNOWN`: manifest unknown to registry.
        ManifestUnknown = "MANIFEST_UNKNOWN", "MANIFEST_UNKNOWN",
        /// `NAME_INVALID`: invalid repository name.
        NameInvalid = "NAME_INVALID", "NAME_INVALID",
        /// `NAME_UNKNOWN`: repository name not known to registry.
        NameUnknown = "NAME_UNKNOWN", "NAME_UNKNOWN",
        /// `SIZE_INVALID`: provided length did not match content length.
        SizeInvalid = "SIZE_INVALID", "SIZE_INVALID",
        /// `UNAUTHORIZED`: authentication required.
        Unauthorized = "UNAUTHORIZED", "UNAUTHORIZED",
        /// `DENIED`: requested access to the resource is denied.
        Denied = "DENIED", "DENIED",
        /// `UNSUPPORTED`: the operation is unsupported.
        Unsupported = "UNSUPPORTED", "UNSUPPORTED",
        /// `TOOMANYREQUESTS`: too many requests (`Display` and `FromStr`:
        /// `TOO_MANY_REQUESTS`, as in `oci-spec`).
        TooManyRequests = "TOOMANYREQUESTS", "TOO_MANY_REQUESTS",
    }
}

/// Codes outside the spec's table that the spec itself names: the legacy
/// Docker codes (spec.md, "Legacy Docker support error codes": "The client
/// MAY encounter error codes targeting Docker schema1 manifests, such as
/// `TAG_INVALID`, or `MANIFEST_UNVERIFIED`") and the extensions' code
/// (extensions/README.md: `EXTENSION_UNKNOWN`).
const NAMED_ELSEWHERE: &[&str] = &["TAG_INVALID", "MANIFEST_UNVERIFIED", "EXTENSION_UNKNOWN"];

impl ErrorCode {
    /// Reads a code as JSON writes it (`TOOMANYREQUESTS`); `None` for a
    /// code the spec does not list.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::from_json_exact(code)
    }

    /// The spec's description of the code, such as "blob unknown to
    /// registry" for `BLOB_UNKNOWN`.
    pub fn description(&self) -> &'static str {
        match self {
            ErrorCode::BlobUnknown => "blob unknown to registry",
            ErrorCode::BlobUploadInvalid => "blob upload invalid",
            ErrorCode::BlobUploadUnknown => "blob upload unknown to registry",
            ErrorCode::DigestInvalid => "provided digest did not match uploaded content",
            ErrorCode::ManifestBlobUnknown => {
                "manifest references a manifest or blob unknown to registry"
            }
            ErrorCode::ManifestInvalid => "manifest invalid",
            ErrorCode::ManifestUnknown => "manifest unknown to registry",
            ErrorCode::NameInvalid => "invalid repository name",
            ErrorCode::NameUnknown => "repository name not known to registry",
            ErrorCode::SizeInvalid => "provided length did not match content length",
            ErrorCode::Unauthorized => "authentication required",
            ErrorCode::Denied => "requested access to the resource is denied",
            ErrorCode::Unsupported => "the operation is unsupported",
            ErrorCode::TooManyRequests => "too many requests",
        }
    }
}

/// True when `code` follows the spec's form: only uppercase ASCII letters
/// and underscores, at least one character.
fn is_well_formed(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
}

/// The JSON body of a registry's `4XX` response.
///
/// It is also a [`std::error::Error`]. As in `oci-spec`, its `Display` (and
/// so `to_string()`) is [`ERR_REGISTRY`]; [`ErrorResponse::summary`] lists
/// the codes and messages, and `to_vec`/`to_string_pretty` write the JSON:
///
/// ```
/// use oci_model::distribution::{ErrorCode, ErrorResponse};
///
/// let body = r#"{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}"#;
/// let err: ErrorResponse = body.parse()?;
/// assert_eq!(err.errors()[0].code(), &ErrorCode::NameUnknown);
/// assert_eq!(err.to_string(), "distribution: registry returned error");
/// assert_eq!(
///     err.summary(),
///     "distribution: registry returned error: NAME_UNKNOWN: repository name not known to registry"
/// );
/// assert_eq!(err.to_vec()?, body.as_bytes());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(access(get, get_mut, set), document(no_display))]
pub struct ErrorResponse {
    /// REQUIRED: the errors, each with a `code`.
    errors: Vec<ErrorInfo>,
}

impl ErrorResponse {
    /// The errors; the same as [`ErrorResponse::errors`] (the name
    /// `oci-spec` uses).
    pub fn detail(&self) -> &[ErrorInfo] {
        &self.errors
    }

    /// True when some error has `code` (an unknown code kept as written is
    /// none of them).
    pub fn has_code(&self, code: &ErrorCode) -> bool {
        self.errors
            .iter()
            .any(|e| e.known_code().as_ref() == Some(code))
    }

    /// The message with the codes and messages:
    /// `distribution: registry returned error: CODE: message; CODE2: message2`
    /// (`Display` prints only [`ERR_REGISTRY`], as `oci-spec` does).
    pub fn summary(&self) -> String {
        let mut s = ERR_REGISTRY.to_owned();
        for (i, e) in self.errors.iter().enumerate() {
            s.push_str(if i == 0 { ": " } else { "; " });
            s.push_str(&e.to_string());
        }
        s
    }
}

/// [`ERR_REGISTRY`], as `oci-spec` prints every registry error
/// ([`ErrorResponse::summary`] has the codes and messages).
impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(ERR_REGISTRY)
    }
}

impl std::error::Error for ErrorResponse {}

/// One error of an [`ErrorResponse`].
#[spec_struct(access(get, get_mut, set))]
pub struct ErrorInfo {
    /// REQUIRED: the error's identifier. It MUST contain only uppercase
    /// letters and underscores and MUST be one of the spec's codes. A code
    /// the enum does not hold is kept as written (see [`ErrorCode`]):
    /// [`ErrorInfo::code_str`]. Setting another code replaces it; setting
    /// the stand-in `Unsupported` itself with `set_code` keeps writing the
    /// kept code ([`ErrorInfo::set_code_str`] replaces it in every case).
    #[json(keep)]
    code: ErrorCode,

    /// OPTIONAL: a human-readable message (SHOULD be human readable, MAY be
    /// empty).
    message: Option<String>,

    /// OPTIONAL: arbitrary JSON data about the error, kept as its JSON text
    /// (`Option<String>`, as in `oci-spec`; [`ErrorInfo::detail_value`]
    /// parses it). An explicit `null` is kept as `Some("null")`, so it
    /// round-trips. Writing fails when the text is not JSON.
    #[json(deserialize_with = "some_json_text", serialize_with = "json_text")]
    detail: Option<String>,
}

impl ErrorInfo {
    /// The code as the document wrote it, known or not (`UNKNOWN`,
    /// `TAG_INVALID`, ...): [`ErrorInfo::code`] holds the stand-in
    /// [`ErrorCode::Unsupported`] for a code [`ErrorCode`] does not hold.
    pub fn code_str(&self) -> &str {
        self.unknown_code().unwrap_or(self.code.as_str())
    }

    /// The code, when it is one of the spec's (`None` for a code kept as
    /// written).
    pub fn known_code(&self) -> Option<ErrorCode> {
        self.unknown_code().is_none().then(|| self.code.clone())
    }

    /// Sets the code from its text: one of the spec's codes sets
    /// [`ErrorInfo::code`]; any other (an extension's `EXTENSION_UNKNOWN`)
    /// is kept as written and written back ([`ErrorInfo::code`] then holds
    /// the stand-in [`ErrorCode::Unsupported`]; `validate()` reports it).
    pub fn set_code_str(&mut self, code: &str) -> &mut Self {
        if let Some(known) = ErrorCode::from_code(code) {
            self.code = known;
            self.rest.remove_kept("code");
        } else {
            self.code = ErrorCode::Unsupported;
            self.rest.set_kept(
                "code",
                crate::json::spec::Kept::Raw {
                    raw: serde_json::Value::String(code.to_owned()),
                    known: false,
                },
            );
        }
        self
    }

    /// The code kept as written while [`ErrorInfo::code`] holds its stand-in.
    fn unknown_code(&self) -> Option<&str> {
        match self.rest.kept("code") {
            Some(crate::json::spec::Kept::Raw { raw, known: false })
                if crate::json::spec::stands_in(&self.rest, "code", self.code.clone()) =>
            {
                raw.as_str()
            }
            _ => None,
        }
    }

    /// `detail` as a JSON value (`None` when absent or not JSON text).
    pub fn detail_value(&self) -> Option<serde_json::Value> {
        self.detail
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
    }
}

/// `CODE: message` (or `CODE` without a message).
impl fmt::Display for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code_str())?;
        match self.message.as_deref() {
            Some(m) if !m.is_empty() => write!(f, ": {m}"),
            _ => Ok(()),
        }
    }
}

/// Reads any JSON value as its compact text (`null` included).
fn some_json_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    serde_json::to_string(&value)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Writes the JSON text as the value it holds.
#[expect(
    clippy::ref_option,
    reason = "the signature serde's serialize_with calls"
)]
fn json_text<S: serde::Serializer>(text: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    let Some(text) = text else {
        return s.serialize_none();
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        serde::ser::Error::custom(format_args!(
            "errors[].detail {}: expected JSON text ({e})",
            crate::validate::quote(text)
        ))
    })?;
    serde::Serialize::serialize(&value, s)
}

impl Validate for ErrorResponse {
    fn check(&self, c: &mut Checker) {
        c.check_each("errors", &self.errors);
    }
}

impl Validate for ErrorInfo {
    fn check(&self, c: &mut Checker) {
        let Some(code) = self.unknown_code() else {
            return;
        };
        if !is_well_formed(code) {
            c.report_at(
                "code",
                &rules::ERROR_CODE_FORMAT,
                format!(
                    "error code {} must contain only uppercase letters and underscores",
                    quote(code)
                ),
            );
        } else if NAMED_ELSEWHERE.contains(&code) {
            // The spec names these beside its table: not an error, but
            // "clients SHOULD NOT depend on them".
            c.field("code", |c| {
                c.report_as(
                    &rules::ERROR_CODE_KNOWN,
                    Severity::Warning,
                    format!(
                        "error code {} is not one of the spec's 14 codes \
                         (the spec names it as legacy or extension code)",
                        quote(code)
                    ),
                );
            });
        } else {
            c.report_at(
                "code",
                &rules::ERROR_CODE_KNOWN,
                format!(
                    "error code {} is not one of the spec's 14 codes",
                    quote(code)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ModelError;

    #[test]
    fn unknown_codes_parse_and_round_trip() {
        for code in ["UNKNOWN", "NOT_FOUND", "NAME_NOT_FOUND", "ok", ""] {
            let body =
                format!(r#"{{"errors":[{{"code":"{code}","message":"m"}},{{"code":"DENIED"}}]}}"#);
            let e: ErrorResponse = body.parse().unwrap();
            let info = &e.errors()[0];
            assert_eq!(info.code_str(), code);
            assert_eq!(info.known_code(), None);
            assert_eq!(info.code(), &ErrorCode::Unsupported, "the stand-in");
            assert!(!e.has_code(&ErrorCode::Unsupported));
            assert!(e.has_code(&ErrorCode::Denied));
            assert_eq!(e.to_vec().unwrap(), body.as_bytes());
            let back: ErrorResponse = std::str::from_utf8(&e.to_vec().unwrap())
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(back, e);
            let r = e.validate();
            assert!(!r.is_valid(), "{r}");
            assert_eq!(r.violations().len(), 1, "{r}");
            let rule = if code.is_empty() || code == "ok" {
                "error-code-format"
            } else {
                "error-code-known"
            };
            assert_eq!(r.violations()[0].rule_name(), rule);
            assert_eq!(r.violations()[0].path(), "/errors/0/code");
            assert!(r.violations()[0].message().contains(&format!("\"{code}\"")));
        }
    }

    #[test]
    fn codes_the_spec_names_beside_its_table_are_warnings() {
        for code in NAMED_ELSEWHERE {
            let e: ErrorResponse = format!(r#"{{"errors":[{{"code":"{code}"}}]}}"#)
                .parse()
                .unwrap();
            let r = e.validate();
            assert!(r.is_valid(), "{r}");
            assert_eq!(r.violations().len(), 1, "{r}");
            assert_eq!(r.violations()[0].rule_name(), "error-code-known");
            assert_eq!(r.violations()[0].severity(), Severity::Warning);
        }
    }

    #[test]
    fn setting_the_code() {
        let mut e: ErrorResponse = r#"{"errors":[{"code":"UNKNOWN"}]}"#.parse().unwrap();
        // Setting a known code replaces the kept one.
        e.errors_mut()[0].set_code(ErrorCode::Denied);
        assert_eq!(e.errors()[0].code_str(), "DENIED");
        assert_eq!(e.to_vec().unwrap(), br#"{"errors":[{"code":"DENIED"}]}"#);
        // By text: a known code, then an extension's code, then the
        // stand-in's own text.
        let info = &mut e.errors_mut()[0];
        info.set_code_str("NAME_UNKNOWN");
        assert_eq!(info.known_code(), Some(ErrorCode::NameUnknown));
        info.set_code_str("EXTENSION_UNKNOWN");
        assert_eq!(info.code_str(), "EXTENSION_UNKNOWN");
        assert_eq!(
            e.to_vec().unwrap(),
            br#"{"errors":[{"code":"EXTENSION_UNKNOWN"}]}"#
        );
        e.errors_mut()[0].set_code_str("UNSUPPORTED");
        assert_eq!(e.errors()[0].known_code(), Some(ErrorCode::Unsupported));
        assert_eq!(
            e.to_vec().unwrap(),
            br#"{"errors":[{"code":"UNSUPPORTED"}]}"#
        );
        assert!(e.validate().is_clean());
    }

    #[test]
    fn code_of_another_type_is_an_error() {
        for body in [
            r#"{"errors":[{"code":1}]}"#,
            r#"{"errors":[{"code":null}]}"#,
        ] {
            let err = body.parse::<ErrorResponse>().unwrap_err().to_string();
            assert!(err.contains("/errors/0/code"), "{err}");
        }
    }

    #[test]
    fn detail_is_arbitrary_json() {
        let body = r#"{"errors":[{"code":"DENIED","detail":{"a":[1,null]}}]}"#;
        let e: ErrorResponse = body.parse().unwrap();
        assert_eq!(e.errors()[0].detail().as_deref(), Some(r#"{"a":[1,null]}"#));
        assert_eq!(
            e.errors()[0].detail_value().unwrap()["a"][0],
            serde_json::json!(1)
        );
        assert_eq!(e.to_vec().unwrap(), body.as_bytes());
        let null = r#"{"errors":[{"code":"DENIED","detail":null}]}"#;
        let e: ErrorResponse = null.parse().unwrap();
        assert_eq!(e.to_vec().unwrap(), null.as_bytes());
        // Text that is not JSON cannot be written.
        let mut bad = e.clone();
        bad.errors_mut()[0].set_detail(Some("{oops".to_owned()));
        let err = bad.to_vec().unwrap_err().to_string();
        assert!(err.contains("expected JSON text"), "{err}");
    }

    #[test]
    fn display_as_oci_spec_and_summary_lists_codes() {
        let e: ErrorResponse =
            r#"{"errors":[{"code":"DENIED","message":"no"},{"code":"UNKNOWN","message":""}]}"#
                .parse()
                .unwrap();
        assert_eq!(
            e.summary(),
            "distribution: registry returned error: DENIED: no; UNKNOWN"
        );
        let s: String = e.to_string();
        assert_eq!(s, ERR_REGISTRY);
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert_eq!(boxed.to_string(), ERR_REGISTRY);
    }

    #[test]
    fn builder() {
        let e = ErrorResponseBuilder::default()
            .errors(vec![
                ErrorInfoBuilder::default()
                    .code(ErrorCode::Denied)
                    .message("no")
                    .build()
                    .unwrap(),
            ])
            .build()
            .unwrap();
        assert!(e.has_code(&ErrorCode::Denied));
        let missing = ErrorInfoBuilder::default().build_model().unwrap_err();
        assert!(missing.to_string().contains("ErrorInfo"), "{missing}");
        let mut bad = ErrorInfoBuilder::default()
            .code(ErrorCode::Denied)
            .build()
            .unwrap();
        bad.set_code_str("bad");
        let bad = ErrorResponseBuilder::default()
            .errors(vec![bad])
            .build_checked()
            .unwrap_err();
        assert!(matches!(bad, ModelError::Builder(_)), "{bad}");
    }

    #[test]
    fn known_codes() {
        assert_eq!(ErrorCode::ALL.len(), 14);
        assert_eq!(
            ErrorCode::from_code("TOOMANYREQUESTS"),
            Some(ErrorCode::TooManyRequests)
        );
        assert_eq!(ErrorCode::TooManyRequests.as_str(), "TOOMANYREQUESTS");
        // Display and FromStr: oci-spec's strum names.
        assert_eq!(ErrorCode::TooManyRequests.to_string(), "TOO_MANY_REQUESTS");
        assert_eq!(
            "TOO_MANY_REQUESTS".parse::<ErrorCode>(),
            Ok(ErrorCode::TooManyRequests)
        );
        assert_eq!(
            "TOOMANYREQUESTS".parse::<ErrorCode>(),
            Err(strum::ParseError::VariantNotFound)
        );
        assert!(ErrorCode::ALL.iter().all(|c| is_well_formed(c.as_str())));
        assert!(
            ErrorCode::ALL
                .iter()
                .all(|c| ErrorCode::from_code(c.as_str()).as_ref() == Some(c))
        );
        assert_eq!(
            ErrorCode::NameUnknown.description(),
            "repository name not known to registry"
        );
        assert_eq!(ErrorCode::from_code("UNKNOWN"), None);
        assert!(
            NAMED_ELSEWHERE
                .iter()
                .all(|c| ErrorCode::from_code(c).is_none())
        );
    }
}
