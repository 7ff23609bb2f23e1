//! Why a string is not a [`Reference`](super::Reference), in the shape of
//! `oci-spec`'s `distribution::ParseError` (the error of `FromStr` and
//! `TryFrom`); [`Reference::parse`](super::Reference::parse) gives the
//! detailed [`crate::ParseError`] that quotes the input and says what was
//! expected.

use super::NAME_TOTAL_LENGTH_MAX;

/// Reasons that parsing a string as a
/// [`Reference`](super::Reference) can fail: the variants and messages of
/// `oci-spec` 0.10. For the input and what was expected, call
/// [`Reference::parse`](super::Reference::parse).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The digest is ill-formed (kept for `oci-spec` users' matches: like
    /// `oci-spec`, parsing reports a digest without `:` as
    /// [`ParseError::ReferenceInvalidFormat`]).
    #[error("invalid checksum digest format")]
    DigestInvalidFormat,
    /// The digest's encoded part does not have its algorithm's length.
    #[error("invalid checksum digest length")]
    DigestInvalidLength,
    /// The digest's algorithm is not sha256, sha384 or sha512.
    #[error("unsupported digest algorithm")]
    DigestUnsupported,
    /// The repository name has an uppercase character (kept for `oci-spec`
    /// users' matches: like `oci-spec`, parsing reports such a name as
    /// [`ParseError::ReferenceInvalidFormat`]).
    #[error("repository name must be lowercase")]
    NameContainsUppercase,
    /// The input is empty.
    #[error("repository name must have at least one component")]
    NameEmpty,
    /// The name is longer than [`NAME_TOTAL_LENGTH_MAX`] characters.
    #[error("repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters")]
    NameTooLong,
    /// The reference does not follow the reference grammar.
    #[error("invalid reference format")]
    ReferenceInvalidFormat,
    /// The tag does not follow the tag grammar.
    #[error("invalid tag format")]
    TagInvalidFormat,
}

/// Which part of a reference a detailed error is about; set where the
/// detailed error is made, so the `oci-spec` variant follows the same check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Failed {
    /// The whole reference (empty, bad separator, domain, path or tag).
    Format,
    /// The digest after `@`.
    Digest,
    /// The name's length.
    NameLength,
}

impl ParseError {
    /// The `oci-spec` variant for `input`, which failed the check `failed`.
    /// A digest is classed as `oci-spec` classes it: one that its reference
    /// pattern does not match (an algorithm of letters and digits joined by
    /// `-_+.`, `:`, at least 32 hex digits) is a format error, a sha256,
    /// sha384 or sha512 digest of another length a length error, another
    /// algorithm unsupported.
    pub(super) fn of(input: &str, failed: Failed) -> Self {
        if input.is_empty() {
            return ParseError::NameEmpty;
        }
        match failed {
            Failed::Format => ParseError::ReferenceInvalidFormat,
            Failed::NameLength => ParseError::NameTooLong,
            Failed::Digest => {
                let digest = input.split_once('@').map_or("", |(_, d)| d);
                let Some((alg, encoded)) = digest.split_once(':') else {
                    return ParseError::ReferenceInvalidFormat;
                };
                let alg_ok = alg.split(['-', '_', '+', '.']).all(|c| {
                    c.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                        && c.bytes().all(|b| b.is_ascii_alphanumeric())
                });
                if !alg_ok || encoded.len() < 32 || !encoded.bytes().all(|b| b.is_ascii_hexdigit())
                {
                    return ParseError::ReferenceInvalidFormat;
                }
                match (alg, encoded.len()) {
                    ("sha256", 64) | ("sha384", 96) | ("sha512", 128) => {
                        ParseError::ReferenceInvalidFormat
                    }
                    ("sha256" | "sha384" | "sha512", _) => ParseError::DigestInvalidLength,
                    _ => ParseError::DigestUnsupported,
                }
            }
        }
    }
}
