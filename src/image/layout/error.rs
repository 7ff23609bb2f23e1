//! The errors of image layouts: [image-spec v1.1.1, image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md).

use std::fmt;

/// What kind of [`LayoutError`] this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LayoutErrorKind {
    /// The directory or archive has no `oci-layout` file (or no
    /// `index.json`): it is not an image layout.
    NotALayout,
    /// `oci-layout` names an `imageLayoutVersion` this crate does not know.
    UnsupportedVersion,
    /// An entry would be read or written outside the layout, or is not a
    /// plain file: a symbolic or hard link, `..`, an absolute path, a
    /// duplicate archive entry, a device.
    UnsafeEntry,
    /// A blob the operation needs is not in the layout.
    BlobMissing,
    /// No image has the name (or platform) asked for.
    NotFound,
    /// More than one image matches where one was asked for.
    Ambiguous,
    /// A directory or file that should be created already exists.
    AlreadyExists,
    /// The layout has problems an operation refuses to work around (for
    /// instance `gc` on a layout that does not pass `check`).
    Invalid,
}

/// An image layout (a directory or an archive) that cannot be used as asked.
///
/// Display: `ENTRY: MESSAGE`, where ENTRY is the file inside the layout
/// (`oci-layout`, `index.json`, `blobs/sha256/…`) or the name asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    kind: LayoutErrorKind,
    entry: String,
    message: String,
}

impl LayoutError {
    /// A new error about `entry`.
    pub fn new(
        kind: LayoutErrorKind,
        entry: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            entry: entry.into(),
            message: message.into(),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> LayoutErrorKind {
        self.kind
    }

    /// The entry of the layout the error is about.
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// What is wrong, without the entry.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.entry, self.message)
    }
}

impl std::error::Error for LayoutError {}

/// Shorthand for an [`LayoutErrorKind::UnsafeEntry`] error.
pub(crate) fn unsafe_entry(entry: impl Into<String>, message: impl Into<String>) -> LayoutError {
    LayoutError::new(LayoutErrorKind::UnsafeEntry, entry, message)
}
