//! Registry error bodies: [distribution-spec v1.1.1, spec.md "Error
//! Codes"](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#error-codes).
//!
//! A `4XX` response MAY carry a body in any format; a JSON body MUST be an
//! [`ErrorResponse`]: `{"errors": [{"code": ..., "message": ..., "detail": ...}]}`.

use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::distribution::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The prefix of an [`ErrorResponse`]'s `Display` (the text `oci-spec`
/// prints for every registry error).
pub const ERR_REGISTRY: &str = "distribution: registry returned error";

open_enum! {
    /// The `code` of a registry error. The spec lists 14 codes; any other
    /// (real registries send `UNKNOWN`, `NOT_FOUND`, Docker's `TAG_INVALID`)
    /// parses into `Other` and round-trips.
    pub enum ErrorCode {
        /// `BLOB_UNKNOWN`: blob unknown to registry.
        BlobUnknown = "BLOB_UNKNOWN",
        /// `BLOB_UPLOAD_INVALID`: blob upload invalid.
        BlobUploadInvalid = "BLOB_UPLOAD_INVALID",
        /// `BLOB_UPLOAD_UNKNOWN`: blob upload unknown to registry.
        BlobUploadUnknown = "BLOB_UPLOAD_UNKNOWN",
        /// `DIGEST_INVALID`: provided digest did not match uploaded content.
        DigestInvalid = "DIGEST_INVALID",
        /// `MANIFEST_BLOB_UNKNOWN`: manifest references a manifest or blob
        /// unknown to registry.
        ManifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN",
        /// `MANIFEST_INVALID`: manifest invalid.
        ManifestInvalid = "MANIFEST_INVALID",
        /// `MANIFEST_UNKNOWN`: manifest unknown to registry.
        ManifestUnknown = "MANIFEST_UNKNOWN",
        /// `NAME_INVALID`: invalid repository name.
        NameInvalid = "NAME_INVALID",
        /// `NAME_UNKNOWN`: repository name not known to registry.
        NameUnknown = "NAME_UNKNOWN",
        /// `SIZE_INVALID`: provided length did not match content length.
        SizeInvalid = "SIZE_INVALID",
        /// `UNAUTHORIZED`: authentication required.
        Unauthorized = "UNAUTHORIZED",
        /// `DENIED`: requested access to the resource is denied.
        Denied = "DENIED",
        /// `UNSUPPORTED`: the operation is unsupported.
        Unsupported = "UNSUPPORTED",
        /// `TOOMANYREQUESTS`: too many requests.
        TooManyRequests = "TOOMANYREQUESTS",
    }
}

impl ErrorCode {
    /// The spec's description of a known code, such as "blob unknown to
    /// registry" for `BLOB_UNKNOWN` (`None` for other codes).
    pub fn description(&self) -> Option<&'static str> {
        Some(match Self::from_known(self.as_str())? {
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
            ErrorCode::Other(_) => return None,
        })
    }

    /// True when the code follows the spec's form: only uppercase ASCII
    /// letters and underscores, at least one character.
    pub fn is_well_formed(&self) -> bool {
        let s = self.as_str();
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
    }
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

    /// True when some error has `code`.
    pub fn has_code(&self, code: &ErrorCode) -> bool {
        self.errors.iter().any(|e| &e.code == code)
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
    /// letters and underscores and MUST be one of the spec's codes.
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
        f.write_str(self.code.as_str())?;
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
        if !self.code.is_well_formed() {
            c.report_at(
                "code",
                &rules::ERROR_CODE_FORMAT,
                format!(
                    "error code {} must contain only uppercase letters and underscores",
                    quote(self.code.as_str())
                ),
            );
        } else if self.code.is_other() {
            c.report_at(
                "code",
                &rules::ERROR_CODE_KNOWN,
                format!(
                    "error code {} is not one of the spec's codes",
                    quote(self.code.as_str())
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
        for code in ["UNKNOWN", "NOT_FOUND", "TAG_INVALID"] {
            let body = format!(r#"{{"errors":[{{"code":"{code}"}}]}}"#);
            let e: ErrorResponse = body.parse().unwrap();
            assert!(e.errors()[0].code().is_other());
            assert_eq!(e.to_vec().unwrap(), body.as_bytes());
            let r = e.validate();
            assert!(r.is_valid());
            assert_eq!(r.violations()[0].rule_name(), "error-code-known");
            assert_eq!(r.violations()[0].path(), "/errors/0/code");
        }
    }

    #[test]
    fn malformed_code_is_an_error() {
        let e: ErrorResponse = r#"{"errors":[{"code":"ok"},{"code":"DENIED"}]}"#.parse().unwrap();
        let r = e.validate();
        assert!(!r.is_valid());
        assert_eq!(r.violations().len(), 1);
        assert_eq!(r.violations()[0].rule_name(), "error-code-format");
        assert_eq!(r.violations()[0].path(), "/errors/0/code");
        assert!(r.violations()[0].message().contains("\"ok\""));
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
        let bad = ErrorResponseBuilder::default()
            .errors(vec![
                ErrorInfoBuilder::default().code("bad").build().unwrap(),
            ])
            .build_checked()
            .unwrap_err();
        assert!(matches!(bad, ModelError::Builder(_)), "{bad}");
    }

    #[test]
    fn known_codes() {
        assert_eq!(ErrorCode::KNOWN.len(), 14);
        assert_eq!(
            ErrorCode::from("TOOMANYREQUESTS"),
            ErrorCode::TooManyRequests
        );
        assert!(ErrorCode::KNOWN.iter().all(ErrorCode::is_well_formed));
        assert!(ErrorCode::KNOWN.iter().all(|c| c.description().is_some()));
        assert_eq!(
            ErrorCode::from("NAME_UNKNOWN").description(),
            Some("repository name not known to registry")
        );
        assert_eq!(ErrorCode::from("UNKNOWN").description(), None);
    }
}
