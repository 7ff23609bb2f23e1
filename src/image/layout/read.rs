//! Reading an image layout, directory or archive alike: blobs by
//! descriptor, images by name or platform ([image-spec v1.1.1,
//! image-layout.md "index.json file"](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md#indexjson-file)).

use std::io::{self, Read};

use crate::error::VerifyError;
use crate::image::layout::error::{LayoutError, LayoutErrorKind};
use crate::image::layout::fsck;
use crate::image::layout::report::LayoutReport;
use crate::image::{
    ANNOTATION_REF_NAME, Descriptor, Digest, DigestHasher, ImageIndex, Platform, Stored,
    StoredDocument,
};

/// The largest document (index, manifest, configuration) read into memory
/// when walking a layout: 4 MiB, the size registries accept for manifests.
pub const MAX_DOCUMENT_SIZE: u64 = 4 * 1024 * 1024;

/// How many indexes deep a walk from `index.json` goes before it stops.
pub const MAX_DEPTH: usize = 16;

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
    pub fn new(raw: RawBlob<'a>, descriptor: &Descriptor) -> crate::Result<Self> {
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
pub(crate) fn unwrap_io(e: io::Error) -> crate::OciSpecError {
    if e.kind() == io::ErrorKind::InvalidData {
        if let Some(v) = e.get_ref().and_then(|i| i.downcast_ref::<VerifyError>()) {
            return v.clone().into();
        }
    }
    e.into()
}

/// Reading an image layout: implemented by
/// [`ImageLayout`](crate::image::layout::ImageLayout) (a directory) and,
/// with the `layout-tar` feature, `LayoutArchive` (a `.tar`).
///
/// The required methods give raw access; the provided ones verify what
/// they read.
pub trait ReadLayout {
    /// The layout's `index.json`.
    fn index(&self) -> &ImageIndex;

    /// The stored blob named by `digest`, unchecked; `None` when the layout
    /// has none. Entries that would lead outside the layout (symbolic
    /// links, ...) are refused, never followed.
    ///
    /// # Errors
    /// [`LayoutErrorKind::UnsafeEntry`] for such an entry; I/O errors.
    fn open_raw_blob(&self, digest: &Digest) -> crate::Result<Option<RawBlob<'_>>>;

    /// Every entry below `blobs/`, sorted by path.
    ///
    /// # Errors
    /// I/O errors while listing.
    fn blob_entries(&self) -> crate::Result<Vec<BlobEntry>>;

    /// A reader of the blob `descriptor` points to, which verifies size and
    /// digest as it goes (see [`BlobReader`]).
    ///
    /// # Errors
    /// [`LayoutErrorKind::BlobMissing`] when the layout does not have it;
    /// otherwise as [`ReadLayout::open_raw_blob`] and [`BlobReader::new`].
    fn open_blob(&self, descriptor: &Descriptor) -> crate::Result<BlobReader<'_>> {
        let Some(raw) = self.open_raw_blob(descriptor.digest())? else {
            return Err(missing(descriptor.digest()).into());
        };
        BlobReader::new(raw, descriptor)
    }

    /// The whole blob `descriptor` points to, verified, refusing one larger
    /// than `limit` bytes before reading anything.
    ///
    /// # Errors
    /// [`VerifyError::TooLarge`] over the limit, [`VerifyError::Size`] or
    /// [`VerifyError::Digest`] for content that does not match; otherwise
    /// as [`ReadLayout::open_blob`].
    fn read_blob(&self, descriptor: &Descriptor, limit: u64) -> crate::Result<Vec<u8>> {
        check_size_limit(descriptor, limit)?;
        let mut reader = self.open_blob(descriptor)?;
        let mut bytes = Vec::with_capacity(usize::try_from(descriptor.size()).unwrap_or(0));
        reader.read_to_end(&mut bytes).map_err(unwrap_io)?;
        Ok(bytes)
    }

    /// The document `descriptor` points to, verified, decoded, with its
    /// bytes kept (see [`Stored`]).
    ///
    /// # Errors
    /// As [`ReadLayout::read_blob`]; [`crate::OciSpecError::Decode`] when
    /// the bytes do not decode as `T`.
    fn read_stored<T: StoredDocument>(
        &self,
        descriptor: &Descriptor,
        limit: u64,
    ) -> crate::Result<Stored<T>> {
        let bytes = self.read_blob(descriptor, limit)?;
        Stored::from_descriptor(descriptor, bytes)
    }

    /// Every entry of `index.json` with its name
    /// (`org.opencontainers.image.ref.name`, when it has one), in order.
    fn images(&self) -> Vec<(Option<&str>, &Descriptor)> {
        self.index()
            .manifests()
            .iter()
            .map(|d| (ref_name(d), d))
            .collect()
    }

    /// The entries of `index.json` named `name`
    /// (`org.opencontainers.image.ref.name`).
    fn find(&self, name: &str) -> Vec<&Descriptor> {
        self.index()
            .manifests()
            .iter()
            .filter(|d| ref_name(d) == Some(name))
            .collect()
    }

    /// The one manifest (not index) that `name` and `platform` select:
    /// the entries of `index.json` named `name` (all entries for `None`),
    /// followed through image indexes, keeping the manifests whose
    /// `platform` matches (any for `None`; an entry without `platform`
    /// matches only when `index.json` lists it directly).
    ///
    /// # Errors
    /// [`LayoutErrorKind::NotFound`] when nothing matches,
    /// [`LayoutErrorKind::Ambiguous`] when several different manifests do;
    /// errors reading the indexes on the way.
    fn resolve(
        &self,
        name: Option<&str>,
        platform: Option<&Platform>,
    ) -> crate::Result<Descriptor> {
        let roots: Vec<&Descriptor> = match name {
            Some(n) => self.find(n),
            None => self.index().manifests().iter().collect(),
        };
        let what = match (name, platform) {
            (Some(n), Some(p)) => format!("{n} for {}", platform_text(p)),
            (Some(n), None) => n.to_owned(),
            (None, Some(p)) => platform_text(p),
            (None, None) => "any image".to_owned(),
        };
        if roots.is_empty() {
            return Err(LayoutError::new(
                LayoutErrorKind::NotFound,
                "index.json",
                format!("no image named \"{what}\""),
            )
            .into());
        }
        let mut found: Vec<Descriptor> = Vec::new();
        for root in roots {
            collect(self, root, platform, 0, &mut found)?;
        }
        found.dedup_by(|a, b| a.digest() == b.digest());
        let mut digests: Vec<&Digest> = found.iter().map(Descriptor::digest).collect();
        digests.sort();
        digests.dedup();
        match digests.len() {
            0 => Err(LayoutError::new(
                LayoutErrorKind::NotFound,
                "index.json",
                format!("no manifest matches \"{what}\""),
            )
            .into()),
            1 => Ok(found.swap_remove(0)),
            n => Err(LayoutError::new(
                LayoutErrorKind::Ambiguous,
                "index.json",
                format!(
                    "{n} manifests match \"{what}\" ({}): expected one; name a platform",
                    digests
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .into()),
        }
    }

    /// Verifies the whole layout (fsck): see [`check`](crate::image::layout::check()).
    fn check(&self) -> LayoutReport
    where
        Self: Sized,
    {
        fsck::walk(self, Vec::new())
    }
}

/// Refuses a descriptor whose size is over `limit`, before reading.
fn check_size_limit(descriptor: &Descriptor, limit: u64) -> crate::Result<()> {
    if descriptor.size() > limit {
        return Err(VerifyError::TooLarge {
            size: descriptor.size(),
            limit,
        }
        .into());
    }
    Ok(())
}

/// The `org.opencontainers.image.ref.name` of a descriptor.
pub fn ref_name(descriptor: &Descriptor) -> Option<&str> {
    descriptor
        .annotations()
        .as_ref()
        .and_then(|a| a.get(ANNOTATION_REF_NAME))
        .map(String::as_str)
}

pub(crate) fn missing(digest: &Digest) -> LayoutError {
    LayoutError::new(
        LayoutErrorKind::BlobMissing,
        blob_path(digest),
        "no such blob in the layout",
    )
}

/// The path of a blob inside a layout, `blobs/<algorithm>/<encoded>`.
/// A [`Digest`] holds no `/`, `..` or other character that could lead out
/// of `blobs/` (its grammar allows letters, digits and `+._-=` only, with
/// no leading separator in the algorithm).
pub fn blob_path(digest: &Digest) -> String {
    format!("blobs/{}/{}", digest.algorithm(), digest.encoded())
}

fn platform_text(p: &Platform) -> String {
    let mut s = format!("{}/{}", p.os(), p.architecture());
    if let Some(v) = p.variant() {
        s.push('/');
        s.push_str(v);
    }
    s
}

/// True when `have` satisfies `want`: same os and architecture, and the
/// variant and `os.version` when `want` names them.
pub fn platform_matches(want: &Platform, have: &Platform) -> bool {
    want.os() == have.os()
        && want.architecture() == have.architecture()
        && want
            .variant()
            .as_ref()
            .is_none_or(|v| have.variant().as_ref() == Some(v))
        && want
            .os_version()
            .as_ref()
            .is_none_or(|v| have.os_version().as_ref() == Some(v))
}

fn collect<L: ReadLayout + ?Sized>(
    layout: &L,
    d: &Descriptor,
    platform: Option<&Platform>,
    depth: usize,
    out: &mut Vec<Descriptor>,
) -> crate::Result<()> {
    if d.media_type().is_index() {
        if depth >= MAX_DEPTH {
            return Err(LayoutError::new(
                LayoutErrorKind::Invalid,
                blob_path(d.digest()),
                format!("image indexes nested deeper than {MAX_DEPTH}"),
            )
            .into());
        }
        let index: Stored<ImageIndex> = layout.read_stored(d, MAX_DOCUMENT_SIZE)?;
        for m in index.manifests() {
            collect(layout, m, platform, depth + 1, out)?;
        }
    } else if d.media_type().is_manifest() {
        let matches = match (platform, d.platform()) {
            (None, _) => true,
            (Some(want), Some(have)) => platform_matches(want, have),
            (Some(_), None) => depth == 0,
        };
        if matches {
            out.push(d.clone());
        }
    }
    Ok(())
}
