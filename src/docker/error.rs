//! The error of the Docker tools: detection, conversion, archives.

use crate::ModelError;

/// What went wrong telling, converting or reading a Docker document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DockerError {
    /// A document did not decode (the error names the JSON path).
    #[error(transparent)]
    Spec(#[from] ModelError),
    /// The body is not a manifest of any kind this crate knows.
    #[error("unknown manifest kind: {0}")]
    UnknownKind(String),
    /// The `Content-Type` and the body's own `mediaType` disagree.
    #[error(
        "content type {} but the body's mediaType is {}",
        crate::validate::quote(content_type),
        crate::validate::quote(media_type)
    )]
    MediaTypeMismatch {
        /// The `Content-Type` given.
        content_type: String,
        /// The body's `mediaType`.
        media_type: String,
    },
    /// A signature of a signed schema 1 manifest cannot give the payload.
    #[error("signatures[{index}]: {why}")]
    Schema1Signature {
        /// The signature's index.
        index: usize,
        /// Why.
        why: String,
    },
    /// A conversion cannot carry a value over (the path names it).
    #[error("{path}: cannot convert: {why}")]
    Unconvertible {
        /// The JSON path of the value.
        path: String,
        /// Why it cannot be converted.
        why: String,
    },
    /// A conversion would lose members and was asked not to.
    #[error("conversion would lose {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Lossy(Vec<crate::docker::Loss>),
    /// A docker-archive member is refused or missing.
    #[error("{entry}: {why}")]
    Archive {
        /// The member's name.
        entry: String,
        /// What is wrong with it.
        why: String,
    },
    /// A layer blob a schema 1 conversion needs could not be read.
    #[error("layer {digest}: {source}")]
    Layer {
        /// The layer's digest.
        digest: String,
        /// The reader's error.
        source: std::io::Error,
    },
}

impl From<crate::OciSpecError> for DockerError {
    /// A builder's error (oci-spec's shape, `OciSpecError`), as the crate's
    /// typed error.
    fn from(e: crate::OciSpecError) -> Self {
        DockerError::Spec(ModelError::from(e))
    }
}
