//! Reading layers: compression detected by magic bytes, the compressed
//! digest and the DiffID verified while the tar is read ([image-spec
//! v1.1.1, layer.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md),
//! descriptor.md "Verification").
//!
//! Real tools bend the tar format; what is read anyway: a stream that ends
//! without the two zero blocks, even without the padding of its last
//! entry's content (umoci 0.4; a declared size that reaches into that
//! missing padding reads zeros there, which the DiffID check catches),
//! GNU long names and PAX
//! records (path, linkpath, size), several gzip members one after the
//! other (pigz), padding after the end of the archive.

use std::fmt;
use std::io::{self, Cursor, Read};

use crate::image::{Compression, Descriptor, Digest, DigestAlgorithm, DigestHasher};
use crate::layer::compression::{Decoder, detect_compression};
use crate::layer::error::{LayerError, LayerErrorKind, from_io, malformed, to_io};
use crate::layer::name::{self, OPAQUE_WHITEOUT, WHITEOUT_PREFIX};

/// Limits on what a layer may hold, checked while reading: a tar bomb
/// fails with [`LayerErrorKind::Limit`] instead of filling the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_entries: u64,
    max_size: u64,
}

impl Default for Limits {
    /// One million entries, 64 GiB of uncompressed tar.
    fn default() -> Self {
        Self {
            max_entries: 1_000_000,
            max_size: 64 << 30,
        }
    }
}

impl Limits {
    /// The most entries a layer may have.
    pub fn max_entries(&self) -> u64 {
        self.max_entries
    }

    /// The most bytes the uncompressed tar may have (headers included).
    pub fn max_size(&self) -> u64 {
        self.max_size
    }

    /// Sets the most entries a layer may have.
    pub fn set_max_entries(mut self, n: u64) -> Self {
        self.max_entries = n;
        self
    }

    /// Sets the most bytes the uncompressed tar may have.
    pub fn set_max_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }
}

/// What a tar entry is, as layer.md reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link ([`LayerEntry::link_target`]).
    Symlink,
    /// A hard link to an earlier entry ([`LayerEntry::link_target`]).
    Hardlink,
    /// A character device ([`LayerEntry::device`]).
    CharDevice,
    /// A block device ([`LayerEntry::device`]).
    BlockDevice,
    /// A named pipe.
    Fifo,
    /// A whiteout `.wh.NAME`: removes `NAME` of the layers below.
    Whiteout,
    /// An opaque marker `.wh..wh..opq`: hides what the layers below have in
    /// its directory.
    Opaque,
    /// Another tar entry type (the type byte); skipped when applying.
    Other(u8),
}

impl EntryKind {
    /// A short name: `file`, `dir`, `symlink`, `hardlink`, `char`,
    /// `block`, `fifo`, `whiteout`, `opaque`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::File => "file",
            EntryKind::Dir => "dir",
            EntryKind::Symlink => "symlink",
            EntryKind::Hardlink => "hardlink",
            EntryKind::CharDevice => "char",
            EntryKind::BlockDevice => "block",
            EntryKind::Fifo => "fifo",
            EntryKind::Whiteout => "whiteout",
            EntryKind::Opaque => "opaque",
            EntryKind::Other(_) => "other",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of a layer, as its header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerEntry {
    raw_path: Vec<u8>,
    raw_target: Option<Vec<u8>>,
    kind: EntryKind,
    mode: u32,
    uid: u64,
    gid: u64,
    mtime: u64,
    size: u64,
    device: Option<(u32, u32)>,
}

impl LayerEntry {
    /// The entry name as written in the tar (invalid UTF-8 replaced).
    pub fn path(&self) -> String {
        name::display(&self.raw_path)
    }

    /// The entry name's bytes.
    pub fn path_bytes(&self) -> &[u8] {
        &self.raw_path
    }

    /// What the entry is.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// The target of a symbolic or hard link (invalid UTF-8 replaced).
    pub fn link_target(&self) -> Option<String> {
        self.raw_target.as_deref().map(name::display)
    }

    /// The link target's bytes.
    pub fn link_target_bytes(&self) -> Option<&[u8]> {
        self.raw_target.as_deref()
    }

    /// The permission bits with setuid, setgid and sticky (`0o7777`).
    pub fn mode(&self) -> u32 {
        self.mode
    }

    /// The owner's user id.
    pub fn uid(&self) -> u64 {
        self.uid
    }

    /// The owner's group id.
    pub fn gid(&self) -> u64 {
        self.gid
    }

    /// The modification time, seconds since 1970.
    pub fn mtime(&self) -> u64 {
        self.mtime
    }

    /// The size of a regular file's content (0 for others).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The major and minor numbers of a device.
    pub fn device(&self) -> Option<(u32, u32)> {
        self.device
    }

    fn from_tar<R: Read>(e: &tar::Entry<'_, R>) -> io::Result<Self> {
        let h = e.header();
        let raw_path = e.path_bytes().into_owned();
        let raw_target = e.link_name_bytes().map(std::borrow::Cow::into_owned);
        let base = raw_path
            .strip_suffix(b"/")
            .unwrap_or(&raw_path)
            .rsplit(|&b| b == b'/')
            .next()
            .unwrap_or_default();
        let t = h.entry_type();
        let kind = match t {
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse
                if base == OPAQUE_WHITEOUT.as_bytes() =>
            {
                EntryKind::Opaque
            }
            _ if base.starts_with(WHITEOUT_PREFIX.as_bytes()) && !t.is_dir() => {
                if base == OPAQUE_WHITEOUT.as_bytes() {
                    EntryKind::Opaque
                } else {
                    EntryKind::Whiteout
                }
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                EntryKind::File
            }
            tar::EntryType::Directory => EntryKind::Dir,
            tar::EntryType::Symlink => EntryKind::Symlink,
            tar::EntryType::Link => EntryKind::Hardlink,
            tar::EntryType::Char => EntryKind::CharDevice,
            tar::EntryType::Block => EntryKind::BlockDevice,
            tar::EntryType::Fifo => EntryKind::Fifo,
            other => EntryKind::Other(other.as_byte()),
        };
        let device = match kind {
            EntryKind::CharDevice | EntryKind::BlockDevice => Some((
                h.device_major()?.unwrap_or(0),
                h.device_minor()?.unwrap_or(0),
            )),
            _ => None,
        };
        Ok(Self {
            raw_path,
            raw_target,
            kind,
            mode: h.mode()? & 0o7777,
            uid: h.uid()?,
            gid: h.gid()?,
            mtime: h.mtime()?,
            size: if kind == EntryKind::File { e.size() } else { 0 },
            device,
        })
    }
}

/// What reading a whole layer found: its compression, digests and sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerSummary {
    compression: Compression,
    digest: Digest,
    compressed_size: u64,
    diff_id: Digest,
    size: u64,
    entries: u64,
}

impl LayerSummary {
    /// The compression detected.
    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// The digest of the layer as stored (compressed).
    pub fn digest(&self) -> &Digest {
        &self.digest
    }

    /// The size of the layer as stored (compressed).
    pub fn compressed_size(&self) -> u64 {
        self.compressed_size
    }

    /// The DiffID: the sha256 digest of the uncompressed tar.
    pub fn diff_id(&self) -> &Digest {
        &self.diff_id
    }

    /// The size of the uncompressed tar.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The number of entries.
    pub fn entries(&self) -> u64 {
        self.entries
    }
}

/// A reader that hashes and counts what passes through it and fails once
/// more than `limit` bytes came.
struct Tap<R> {
    inner: R,
    hasher: DigestHasher,
    limit: u64,
    over: fn(u64) -> crate::ModelError,
    /// Errors of `inner` are I/O errors of the source (carried as such),
    /// not decoding errors.
    source: bool,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) if self.source && e.kind() != io::ErrorKind::Interrupted => {
                return Err(to_io(from_io(e)));
            }
            Err(e) => return Err(e),
        };
        self.hasher.update(&buf[..n]);
        if self.hasher.len() > self.limit {
            return Err(to_io((self.over)(self.limit)));
        }
        Ok(n)
    }
}

/// Ends a stream that stops inside a 512-byte block with zeros up to the
/// block's end: umoci 0.4 ends its layers right after the last file's
/// content, without the padding (and without the end-of-archive blocks,
/// which the tar crate does without). The DiffID is computed below this
/// reader, on the bytes as they are.
struct PadToBlock<R> {
    inner: R,
    read: u64,
    padding: u64,
    ended: bool,
}

impl<R: Read> Read for PadToBlock<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.ended {
            let n = self.inner.read(buf)?;
            if n > 0 || buf.is_empty() {
                self.read += n as u64;
                return Ok(n);
            }
            self.ended = true;
            self.padding = (512 - self.read % 512) % 512;
        }
        let n = usize::try_from(self.padding).unwrap_or(512).min(buf.len());
        buf[..n].fill(0);
        self.padding -= n as u64;
        Ok(n)
    }
}

fn too_large(limit: u64) -> crate::ModelError {
    LayerError::new(
        LayerErrorKind::Limit,
        "layer",
        format!("uncompressed tar is larger than the limit of {limit} bytes"),
    )
    .into()
}

fn over_size(limit: u64) -> crate::ModelError {
    crate::VerifyError::Size {
        expected: limit,
        actual: limit.saturating_add(1),
    }
    .into()
}

/// A layer to read once: list it, read a file from it, or apply it
/// (see [`crate::layer::Unpacker`]). Verification happens as the layer is
/// read: the compressed bytes against the descriptor (when given) and the
/// uncompressed tar against the DiffID (when given); a mismatch is an
/// error at the end of the read.
///
/// ```
/// use oci_model::image::Compression;
/// use oci_model::layer::{LayerReader, LayerWriter, WriteOptions};
///
/// let mut w = LayerWriter::new(Vec::new(), &WriteOptions::new(Compression::Gzip))?;
/// w.append_file("hello.txt", 0o644, b"hi\n")?;
/// let (bytes, layer) = w.finish()?;
///
/// let reader = LayerReader::with_descriptor(&bytes[..], layer.descriptor())?
///     .expect_diff_id(layer.diff_id().clone());
/// assert_eq!(reader.read_file("hello.txt", 1024)?, b"hi\n");
/// # Ok::<(), oci_model::ModelError>(())
/// ```
pub struct LayerReader<'a> {
    source: Box<dyn Read + 'a>,
    compression: Compression,
    expected: Option<Descriptor>,
    diff_id: Option<Digest>,
    limits: Limits,
}

impl fmt::Debug for LayerReader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LayerReader")
            .field("compression", &self.compression)
            .field("expected", &self.expected)
            .field("diff_id", &self.diff_id)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<'a> LayerReader<'a> {
    /// A layer read from `reader`, its compression detected from the first
    /// bytes (gzip, zstd, else a plain tar).
    ///
    /// # Errors
    /// I/O errors reading the first bytes.
    pub fn new<R: Read + 'a>(mut reader: R) -> crate::ModelResult<Self> {
        let mut prefix = [0u8; 4];
        let mut n = 0;
        while n < prefix.len() {
            match reader.read(&mut prefix[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(from_io(e)),
            }
        }
        let compression = detect_compression(&prefix[..n]);
        let head = Cursor::new(prefix).take(n as u64);
        Ok(Self {
            source: Box::new(head.chain(reader)),
            compression,
            expected: None,
            diff_id: None,
            limits: Limits::default(),
        })
    }

    /// A layer read from `reader` that must be the content `descriptor`
    /// describes (size and digest, checked as it is read). The compression
    /// is the one the bytes show: a layer whose media type says gzip but
    /// that is a plain tar is read as a plain tar, as containerd does.
    ///
    /// # Errors
    /// [`LayerErrorKind::Unsupported`] when the media type is not a layer
    /// type this crate reads (a foreign compression, encryption); as
    /// [`LayerReader::new`].
    pub fn with_descriptor<R: Read + 'a>(
        reader: R,
        descriptor: &Descriptor,
    ) -> crate::ModelResult<Self> {
        if descriptor.media_type().compression().is_none() {
            return Err(LayerError::new(
                LayerErrorKind::Unsupported,
                descriptor.digest().to_string(),
                format!(
                    "media type {} is not a layer this crate reads: expected a tar, \
                     tar+gzip or tar+zstd layer type",
                    crate::validate::quote(descriptor.media_type().as_str())
                ),
            )
            .into());
        }
        // Fail on the first byte past the declared size.
        let limited = reader.take(descriptor.size().saturating_add(1));
        let mut r = Self::new(limited)?;
        r.expected = Some(descriptor.clone());
        Ok(r)
    }

    /// Expects the uncompressed tar to hash to `diff_id`.
    pub fn expect_diff_id(mut self, diff_id: Digest) -> Self {
        self.diff_id = Some(diff_id);
        self
    }

    /// Sets the limits (default: [`Limits::default`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The compression detected.
    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// Reads every entry in order, giving each with a reader of its
    /// content to `f`, then checks the digests.
    ///
    /// # Errors
    /// What `f` returns; [`LayerErrorKind::Limit`] over a limit;
    /// [`crate::VerifyError`] when the compressed bytes are not the
    /// descriptor's; [`LayerErrorKind::DiffId`] when the tar does not hash
    /// to the DiffID; I/O and tar format errors.
    pub fn for_each<F>(self, mut f: F) -> crate::ModelResult<LayerSummary>
    where
        F: FnMut(&LayerEntry, &mut dyn Read) -> crate::ModelResult<()>,
    {
        let algorithm = self
            .expected
            .as_ref()
            .map_or(DigestAlgorithm::Sha256, |d| d.digest().algorithm().clone());
        let compressed_limit = self.expected.as_ref().map_or(u64::MAX, Descriptor::size);
        let compressed = Tap {
            inner: self.source,
            hasher: DigestHasher::new(&algorithm)?,
            limit: compressed_limit,
            over: over_size,
            source: true,
        };
        let decoder = Decoder::new(compressed, self.compression).map_err(malformed)?;
        let tar_stream = Tap {
            inner: decoder,
            hasher: DigestHasher::sha256(),
            limit: self.limits.max_size,
            over: too_large,
            source: false,
        };
        let mut archive = tar::Archive::new(PadToBlock {
            inner: tar_stream,
            read: 0,
            padding: 0,
            ended: false,
        });
        let mut entries = 0u64;
        {
            let iter = archive.entries().map_err(malformed)?;
            for e in iter {
                let mut e = e.map_err(malformed)?;
                entries += 1;
                if entries > self.limits.max_entries {
                    return Err(LayerError::new(
                        LayerErrorKind::Limit,
                        "layer",
                        format!("more than the limit of {} entries", self.limits.max_entries),
                    )
                    .into());
                }
                let entry = LayerEntry::from_tar(&e).map_err(malformed)?;
                f(&entry, &mut e)?;
            }
        }
        // The rest of the tar stream (padding after the end blocks) counts
        // for the DiffID.
        let mut tar_stream = archive.into_inner().inner;
        io::copy(&mut tar_stream, &mut io::sink()).map_err(malformed)?;
        let size = tar_stream.hasher.len();
        let diff_id = tar_stream.hasher.finalize();
        let mut compressed = tar_stream.inner.into_inner();
        io::copy(&mut compressed, &mut io::sink()).map_err(malformed)?;
        let compressed_size = compressed.hasher.len();
        let digest = compressed.hasher.finalize();
        if let Some(d) = &self.expected {
            if compressed_size != d.size() {
                return Err(crate::VerifyError::Size {
                    expected: d.size(),
                    actual: compressed_size,
                }
                .into());
            }
            if &digest != d.digest() {
                return Err(crate::VerifyError::Digest {
                    expected: d.digest().to_string(),
                    actual: digest.to_string(),
                }
                .into());
            }
        }
        if let Some(want) = &self.diff_id {
            if want != &diff_id {
                return Err(LayerError::new(
                    LayerErrorKind::DiffId,
                    "layer",
                    format!("diff_id mismatch: expected \"{want}\", got \"{diff_id}\""),
                )
                .into());
            }
        }
        Ok(LayerSummary {
            compression: self.compression,
            digest,
            compressed_size,
            diff_id,
            size,
            entries,
        })
    }

    /// Every entry, in order, and the summary (digests verified).
    ///
    /// # Errors
    /// As [`LayerReader::for_each`].
    pub fn list(self) -> crate::ModelResult<(Vec<LayerEntry>, LayerSummary)> {
        let mut out = Vec::new();
        let summary = self.for_each(|e, _| {
            out.push(e.clone());
            Ok(())
        })?;
        Ok((out, summary))
    }

    /// The content of the regular file `path` (the last entry of that
    /// name), at most `limit` bytes. The whole layer is read, so the
    /// digests are verified before the content is returned.
    ///
    /// # Errors
    /// [`LayerErrorKind::NotFound`] when no regular file has that name (a
    /// hard link says which entry to read instead);
    /// [`LayerErrorKind::Limit`] for a file over `limit`; as
    /// [`LayerReader::for_each`].
    pub fn read_file(self, path: &str, limit: u64) -> crate::ModelResult<Vec<u8>> {
        let want = name::components(path.as_bytes())?;
        let mut found: Option<Result<Vec<u8>, String>> = None;
        self.for_each(|e, content| {
            if name::components(e.path_bytes()).ok().as_ref() != Some(&want) {
                return Ok(());
            }
            match e.kind() {
                EntryKind::File => {
                    if e.size() > limit {
                        return Err(LayerError::new(
                            LayerErrorKind::Limit,
                            e.path(),
                            format!("file of {} bytes is over the limit of {limit}", e.size()),
                        )
                        .into());
                    }
                    let mut buf = Vec::new();
                    content.read_to_end(&mut buf).map_err(malformed)?;
                    found = Some(Ok(buf));
                }
                EntryKind::Hardlink => {
                    found = Some(Err(format!(
                        "is a hard link to {}: read that entry",
                        crate::validate::quote(&e.link_target().unwrap_or_default())
                    )));
                }
                other => found = Some(Err(format!("is a {other}, not a regular file"))),
            }
            Ok(())
        })?;
        match found {
            Some(Ok(bytes)) => Ok(bytes),
            Some(Err(why)) => Err(LayerError::new(LayerErrorKind::NotFound, path, why).into()),
            None => {
                Err(
                    LayerError::new(LayerErrorKind::NotFound, path, "no such entry in the layer")
                        .into(),
                )
            }
        }
    }
}
