//! The errors of layers: [image-spec v1.1.1, layer.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md).

use std::fmt;
use std::io;

/// What kind of [`LayerError`] this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LayerErrorKind {
    /// An entry would write, follow or delete outside the root: `..`, an
    /// absolute path, a hard link to something that is not in the root, a
    /// whiteout of `.` or `..`; or its way holds a loop of symbolic links.
    UnsafeEntry,
    /// The layer has more entries or more bytes than the limits allow.
    Limit,
    /// The layer is not a tar stream this crate reads, or its media type
    /// names a compression it does not know.
    Unsupported,
    /// The uncompressed layer does not hash to the DiffID expected.
    DiffId,
    /// An entry asked for is not in the layer.
    NotFound,
    /// The documents of an image disagree (as many DiffIDs as layers,
    /// history entries for each layer).
    Inconsistent,
    /// A directory the operation needs is not one (a file, a link).
    NotADirectory,
    /// The layer's bytes are not a valid compressed stream or tar archive
    /// (truncated, corrupt, a bad header checksum).
    Malformed,
}

/// A layer that cannot be written, read or applied as asked.
///
/// Display: `ENTRY: MESSAGE`, where ENTRY is the tar entry name (or the
/// file or document) the error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerError {
    kind: LayerErrorKind,
    entry: String,
    message: String,
}

impl LayerError {
    /// A new error about `entry`.
    pub fn new(kind: LayerErrorKind, entry: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            entry: entry.into(),
            message: message.into(),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> LayerErrorKind {
        self.kind
    }

    /// The entry (tar name, file or document) the error is about.
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// What is wrong, without the entry.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LayerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.entry, self.message)
    }
}

impl std::error::Error for LayerError {}

/// Shorthand for a [`LayerErrorKind::UnsafeEntry`] error.
pub(crate) fn unsafe_entry(entry: impl Into<String>, message: impl Into<String>) -> LayerError {
    LayerError::new(LayerErrorKind::UnsafeEntry, entry, message)
}

/// Carries a crate error through an `io::Error` (the tar and compression
/// crates speak `io::Error`), to be taken out again by [`from_io`].
pub(crate) fn to_io(e: crate::ModelError) -> io::Error {
    io::Error::other(Carried(e))
}

/// A crate error inside an `io::Error`.
#[derive(Debug)]
struct Carried(crate::ModelError);

impl fmt::Display for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Carried {}

/// The crate error an `io::Error` carries (from [`to_io`], or a
/// [`crate::VerifyError`] from a verifying reader), or the I/O error.
pub(crate) fn from_io(e: io::Error) -> crate::ModelError {
    let e = match e.downcast::<Carried>() {
        Ok(c) => return c.0,
        Err(e) => e,
    };
    match e.downcast::<crate::VerifyError>() {
        Ok(v) => crate::ModelError::Verify(v),
        Err(e) => crate::ModelError::Io(e),
    }
}

/// As [`from_io`], with an `io::Error` that carries nothing taken as a
/// decoding error: the bytes are not a valid compressed stream or tar
/// (errors of the source itself are carried, see the reader's `Tap`).
pub(crate) fn malformed(e: io::Error) -> crate::ModelError {
    match from_io(e) {
        crate::ModelError::Io(e) => LayerError::new(
            LayerErrorKind::Malformed,
            "layer",
            format!("not a valid layer: {}", lowercase_first(&e.to_string())),
        )
        .into(),
        other => other,
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An I/O error on a named file.
pub(crate) fn file_error(path: &std::path::Path, source: io::Error) -> crate::ModelError {
    crate::ModelError::File {
        path: path.to_path_buf(),
        source,
    }
}
