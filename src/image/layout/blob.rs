//! Blobs as a layout stores them, and reading them against their
//! descriptors: [image-spec v1.1.1, descriptor.md,
//! verification](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#verification).

use std::io::{self, Read};

use crate::error::VerifyError;
use crate::image::{Descriptor, Digest, DigestHasher};

/// A blob as the layout stores it, not checked yet: its length and a
/// reader of its bytes.
pub struct RawBlob<'a> {
    len: u64,
    reader: Box<dyn Read + 'a>,
}

impl<'a> RawBlob<'a> {
    /// A raw blob of `len` bytes read from `reader`.
    pub fn new(len: u64, reader: Box<dyn Read + 'a>) -> Self {
        Self { len, reader }
    }

    /// The length of the stored blob (file size or archive entry size).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True for an empty blob.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The reader of the stored bytes.
    pub fn into_reader(self) -> Box<dyn Read + 'a> {
        self.reader
    }
}

impl std::fmt::Debug for RawBlob<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawBlob").field("len", &self.len).finish()
    }
}

/// What an entry below `blobs/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlobEntryKind {
    /// A regular file named `blobs/<algorithm>/<encoded>` by a valid digest.
    Blob(Digest),
    /// A temporary file left by an interrupted write.
    Temporary,
    /// A symbolic or hard link: refused, never followed.
    Link,
    /// Anything else: a symbolic link, a device, a name that is not a
    /// digest. The text says what.
    Unexpected(String),
}

/// One entry below `blobs/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobEntry {
    path: String,
    kind: BlobEntryKind,
    len: u64,
}

impl BlobEntry {
    /// An entry at `path` (relative to the layout root, `/`-separated).
    pub fn new(path: impl Into<String>, kind: BlobEntryKind, len: u64) -> Self {
        Self {
            path: path.into(),
            kind,
            len,
        }
    }

    /// The path relative to the layout root, such as `blobs/sha256/ab…`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the entry is.
    pub fn kind(&self) -> &BlobEntryKind {
        &self.kind
    }

    /// Its length in bytes (0 for what is not a file).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True when the entry has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A reader of a blob that checks it against its descriptor as it goes:
/// a read fails ([`io::ErrorKind::InvalidData`], carrying a
/// [`VerifyError`]) on the first byte past the declared size, and at the
/// end when the size or the digest does not match, so reading to the end
/// without an error means the content is the one described.
pub struct BlobReader<'a> {
    inner: io::Take<Box<dyn Read + 'a>>,
    hasher: Option<DigestHasher>,
    read: u64,
    size: u64,
    digest: Digest,
}

impl<'a> BlobReader<'a> {
    /// Checks `raw` against `descriptor`. A stored length other than the
    /// declared size fails at once, before any byte is read.
    ///
    /// # Errors
    /// [`VerifyError::Size`] for a stored length other than the declared
    /// size; [`VerifyError::UnsupportedAlgorithm`] for a digest that cannot
    /// be computed.
    pub fn new(raw: RawBlob<'a>, descriptor: &Descriptor) -> crate::ModelResult<Self> {
        let size = descriptor.size();
        if raw.len() != size {
            return Err(VerifyError::Size {
                expected: size,
                actual: raw.len(),
            }
            .into());
        }
        let hasher = DigestHasher::new(descriptor.digest().algorithm())?;
        Ok(Self {
            // One byte more than declared, to see that there is one.
            inner: raw.into_reader().take(size.saturating_add(1)),
            hasher: Some(hasher),
            read: 0,
            size,
            digest: descriptor.digest().clone(),
        })
    }

    /// The number of bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    fn fail(e: VerifyError) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, e)
    }
}

impl Read for BlobReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.size {
            return Err(Self::fail(VerifyError::Size {
                expected: self.size,
                actual: self.read,
            }));
        }
        if n > 0 {
            if let Some(h) = &mut self.hasher {
                h.update(&buf[..n]);
            }
            return Ok(n);
        }
        // The end: check once.
        if let Some(h) = self.hasher.take() {
            if self.read != self.size {
                return Err(Self::fail(VerifyError::Size {
                    expected: self.size,
                    actual: self.read,
                }));
            }
            let actual = h.finalize();
            if actual != self.digest {
                return Err(Self::fail(VerifyError::Digest {
                    expected: self.digest.to_string(),
                    actual: actual.to_string(),
                }));
            }
        }
        Ok(0)
    }
}

/// Turns an I/O error of a [`BlobReader`] back into the verification error
/// it carries.
pub(crate) fn unwrap_io(e: io::Error) -> crate::ModelError {
    if e.kind() == io::ErrorKind::InvalidData {
        if let Some(v) = e.get_ref().and_then(|i| i.downcast_ref::<VerifyError>()) {
            return v.clone().into();
        }
    }
    e.into()
}
