//! Writing layers: a deterministic tar, compressed, with its descriptor
//! and DiffID computed in the same pass ([image-spec v1.1.1,
//! layer.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md)
//! and config.md, "layer DiffID").
//!
//! Headers are GNU tar headers as the `tar` crate writes them: names and
//! link targets longer than 100 bytes go in a `././@LongLink` entry before
//! the header, as GNU tar does (Go's `archive/tar`, GNU tar, bsdtar and
//! umoci read them). GNU rather than PAX because the tar crate writes it
//! byte for byte the same way every time without extra records. Owner and
//! group are 0 (names empty) and every time is [`WriteOptions::mtime`]
//! unless the caller keeps them; extended attributes are not written.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use crate::image::{Compression, Descriptor, Digest, HashingWriter, MediaType};
use crate::layer::compression::{Encoder, layer_media_type};
use crate::layer::error::{LayerError, LayerErrorKind, file_error};
use crate::layer::name::{OPAQUE_WHITEOUT, WHITEOUT_PREFIX};

/// How a layer is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    compression: Compression,
    level: Option<u32>,
    keep_owners: bool,
    keep_times: bool,
    mtime: u64,
}

impl Default for WriteOptions {
    /// gzip at its default level, owner 0:0, every time 0 (1970-01-01).
    fn default() -> Self {
        Self {
            compression: Compression::Gzip,
            level: None,
            keep_owners: false,
            keep_times: false,
            mtime: 0,
        }
    }
}

impl WriteOptions {
    /// The default options with `compression`.
    pub fn new(compression: Compression) -> Self {
        Self {
            compression,
            ..Self::default()
        }
    }

    /// The compression.
    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// Sets the compression.
    pub fn set_compression(mut self, compression: Compression) -> Self {
        self.compression = compression;
        self
    }

    /// Sets the compression level (gzip 0-9, default 6; zstd 1-22, default 3).
    pub fn set_level(mut self, level: u32) -> Self {
        self.level = Some(level);
        self
    }

    /// Keeps the owner and group ids of files read from disk (default: 0:0).
    pub fn keep_owners(mut self, keep: bool) -> Self {
        self.keep_owners = keep;
        self
    }

    /// Keeps the modification times of files read from disk (default:
    /// every entry has the time of [`WriteOptions::set_mtime`]).
    pub fn keep_times(mut self, keep: bool) -> Self {
        self.keep_times = keep;
        self
    }

    /// The time (seconds since 1970) of every entry when times are not kept
    /// (default 0; a build may use `SOURCE_DATE_EPOCH`).
    pub fn set_mtime(mut self, mtime: u64) -> Self {
        self.mtime = mtime;
        self
    }
}

/// What writing a layer gave: its descriptor (media type, compressed size
/// and digest) and DiffID (the digest of the uncompressed tar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLayer {
    descriptor: Descriptor,
    diff_id: Digest,
    uncompressed_size: u64,
    entries: u64,
}

impl WrittenLayer {
    /// The descriptor of the compressed layer, for the manifest's `layers`.
    pub fn descriptor(&self) -> &Descriptor {
        &self.descriptor
    }

    /// The DiffID (sha256 of the uncompressed tar), for the configuration's
    /// `rootfs.diff_ids`.
    pub fn diff_id(&self) -> &Digest {
        &self.diff_id
    }

    /// The size of the uncompressed tar in bytes.
    pub fn uncompressed_size(&self) -> u64 {
        self.uncompressed_size
    }

    /// The number of entries written.
    pub fn entries(&self) -> u64 {
        self.entries
    }
}

type Stack<W> = HashingWriter<Encoder<W>>;

/// A layer being written to `W`: entries are added one by one, in the
/// order given, then [`LayerWriter::finish`] ends the tar and the
/// compressed stream and gives the descriptor and DiffID. Nothing is
/// buffered beyond the compressor's window: the uncompressed tar is
/// hashed before the compressor, the compressed bytes after it.
///
/// ```
/// use oci_model::image::Compression;
/// use oci_model::layer::{LayerWriter, WriteOptions};
///
/// let mut w = LayerWriter::new(Vec::new(), &WriteOptions::new(Compression::Zstd))?;
/// w.append_dir("etc", 0o755)?;
/// w.append_file("etc/hostname", 0o644, b"box\n")?;
/// w.append_symlink("etc/mtab", "/proc/mounts")?;
/// let (bytes, layer) = w.finish()?;
/// assert_eq!(layer.descriptor().size(), bytes.len() as u64);
/// assert_eq!(layer.entries(), 3);
/// # Ok::<(), oci_model::ModelError>(())
/// ```
pub struct LayerWriter<W: Write> {
    builder: tar::Builder<Stack<W>>,
    options: WriteOptions,
    entries: u64,
    /// Files with several links already written: (device, inode) to name.
    links: HashMap<(u64, u64), String>,
}

impl<W: Write> std::fmt::Debug for LayerWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayerWriter")
            .field("options", &self.options)
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

impl<W: Write> LayerWriter<W> {
    /// A writer of a layer to `out`.
    ///
    /// # Errors
    /// I/O errors starting the compressor.
    pub fn new(out: W, options: &WriteOptions) -> crate::ModelResult<Self> {
        let encoder = Encoder::new(out, options.compression, options.level)?;
        let mut builder = tar::Builder::new(HashingWriter::sha256(encoder));
        builder.mode(tar::HeaderMode::Deterministic);
        builder.follow_symlinks(false);
        Ok(Self {
            builder,
            options: options.clone(),
            entries: 0,
            links: HashMap::new(),
        })
    }

    fn header(&self, kind: tar::EntryType, mode: u32) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode & 0o7777);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(self.options.mtime);
        h.set_size(0);
        h
    }

    fn append<R: Read>(
        &mut self,
        h: &mut tar::Header,
        name: &str,
        data: R,
    ) -> crate::ModelResult<()> {
        check_name(name)?;
        self.builder.append_data(h, name, data)?;
        self.entries += 1;
        Ok(())
    }

    /// Adds a directory.
    ///
    /// # Errors
    /// A name with `..` or a leading `/`; I/O errors.
    pub fn append_dir(&mut self, name: &str, mode: u32) -> crate::ModelResult<()> {
        let mut h = self.header(tar::EntryType::Directory, mode);
        // Directory names end with `/`, as GNU tar writes them.
        let name = format!("{}/", name.trim_end_matches('/'));
        self.append(&mut h, &name, io::empty())
    }

    /// Adds a regular file holding `content`.
    ///
    /// # Errors
    /// As [`LayerWriter::append_dir`].
    pub fn append_file(&mut self, name: &str, mode: u32, content: &[u8]) -> crate::ModelResult<()> {
        self.append_file_from(name, mode, content.len() as u64, content)
    }

    /// Adds a regular file of `size` bytes read from `content` (streamed,
    /// not buffered).
    ///
    /// # Errors
    /// As [`LayerWriter::append_dir`]; an I/O error when `content` has
    /// fewer than `size` bytes.
    pub fn append_file_from<R: Read>(
        &mut self,
        name: &str,
        mode: u32,
        size: u64,
        content: R,
    ) -> crate::ModelResult<()> {
        let mut h = self.header(tar::EntryType::Regular, mode);
        h.set_size(size);
        self.append(&mut h, name, Exact::new(content, size, name))
    }

    /// Adds a symbolic link to `target` (any text: it is not followed).
    ///
    /// # Errors
    /// As [`LayerWriter::append_dir`].
    pub fn append_symlink(&mut self, name: &str, target: &str) -> crate::ModelResult<()> {
        let mut h = self.header(tar::EntryType::Symlink, 0o777);
        check_name(name)?;
        self.builder.append_link(&mut h, name, target)?;
        self.entries += 1;
        Ok(())
    }

    /// Adds a hard link to the entry named `target`, written earlier in
    /// this layer or present in a layer below.
    ///
    /// # Errors
    /// As [`LayerWriter::append_dir`], also for `target`.
    pub fn append_hardlink(&mut self, name: &str, target: &str) -> crate::ModelResult<()> {
        let mut h = self.header(tar::EntryType::Link, 0o644);
        check_name(name)?;
        check_name(target)?;
        self.builder.append_link(&mut h, name, target)?;
        self.entries += 1;
        Ok(())
    }

    /// Adds a whiteout removing `name` from the layers below: an empty
    /// file `.wh.BASENAME` in the same directory.
    ///
    /// # Errors
    /// As [`LayerWriter::append_dir`].
    pub fn append_whiteout(&mut self, name: &str) -> crate::ModelResult<()> {
        let name = name.trim_end_matches('/');
        let (dir, base) = name.rsplit_once('/').unwrap_or(("", name));
        if base.is_empty() || base == "." || base == ".." {
            return Err(LayerError::new(
                LayerErrorKind::UnsafeEntry,
                name,
                "whiteout of no file: expected a name",
            )
            .into());
        }
        let path = if dir.is_empty() {
            format!("{WHITEOUT_PREFIX}{base}")
        } else {
            format!("{dir}/{WHITEOUT_PREFIX}{base}")
        };
        self.append_file(&path, 0o644, b"")
    }

    /// Marks the directory `dir` opaque: what the layers below have in it
    /// is hidden (`dir/.wh..wh..opq`).
    ///
    /// # Errors
    /// As [`LayerWriter::append_dir`].
    pub fn append_opaque(&mut self, dir: &str) -> crate::ModelResult<()> {
        let dir = dir.trim_end_matches('/');
        let path = if dir.is_empty() {
            OPAQUE_WHITEOUT.to_owned()
        } else {
            format!("{dir}/{OPAQUE_WHITEOUT}")
        };
        self.append_file(&path, 0o644, b"")
    }

    /// Adds the file, directory (not its content), link or device at
    /// `path` on disk as the entry `name`, with its mode (and owner and
    /// time when kept). A file with several links is written once, then as
    /// hard links to its first name. Sockets are skipped (tar has no
    /// type for them).
    ///
    /// # Errors
    /// I/O errors reading `path`; as [`LayerWriter::append_dir`].
    pub fn append_path(&mut self, name: &str, path: &Path) -> crate::ModelResult<()> {
        let meta = fs::symlink_metadata(path).map_err(|e| file_error(path, e))?;
        let ft = meta.file_type();
        let kind = if ft.is_dir() {
            tar::EntryType::Directory
        } else if ft.is_symlink() {
            tar::EntryType::Symlink
        } else if ft.is_file() {
            if meta.nlink() > 1 {
                if let Some(first) = self.links.get(&(meta.dev(), meta.ino())) {
                    let first = first.clone();
                    return self.append_hardlink(name, &first);
                }
                self.links.insert((meta.dev(), meta.ino()), name.to_owned());
            }
            tar::EntryType::Regular
        } else if ft.is_char_device() {
            tar::EntryType::Char
        } else if ft.is_block_device() {
            tar::EntryType::Block
        } else if ft.is_fifo() {
            tar::EntryType::Fifo
        } else {
            return Ok(());
        };
        let mut h = self.header(kind, meta.mode());
        if self.options.keep_owners {
            h.set_uid(u64::from(meta.uid()));
            h.set_gid(u64::from(meta.gid()));
        }
        if self.options.keep_times {
            h.set_mtime(u64::try_from(meta.mtime()).unwrap_or(0));
        }
        match kind {
            tar::EntryType::Symlink => {
                let target = fs::read_link(path).map_err(|e| file_error(path, e))?;
                check_name(name)?;
                self.builder.append_link(&mut h, name, &target)?;
                self.entries += 1;
                Ok(())
            }
            tar::EntryType::Regular => {
                let file = fs::File::open(path).map_err(|e| file_error(path, e))?;
                h.set_size(meta.len());
                let file = io::BufReader::with_capacity(256 * 1024, file);
                self.append(&mut h, name, Exact::new(file, meta.len(), name))
            }
            tar::EntryType::Char | tar::EntryType::Block => {
                let rdev = meta.rdev();
                h.set_device_major(rustix::fs::major(rdev))?;
                h.set_device_minor(rustix::fs::minor(rdev))?;
                self.append(&mut h, name, io::empty())
            }
            tar::EntryType::Directory => {
                let name = format!("{}/", name.trim_end_matches('/'));
                self.append(&mut h, &name, io::empty())
            }
            _ => self.append(&mut h, name, io::empty()),
        }
    }

    /// Adds everything below `dir` (not `dir` itself), sorted by name in
    /// each directory, depth first: the same tree gives the same tar.
    ///
    /// # Errors
    /// I/O errors reading the tree; names that are not UTF-8.
    pub fn append_dir_all(&mut self, dir: &Path) -> crate::ModelResult<()> {
        self.walk(dir, "")
    }

    pub(crate) fn walk(&mut self, dir: &Path, prefix: &str) -> crate::ModelResult<()> {
        for name in sorted_names(dir)? {
            let entry = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let path = dir.join(&name);
            self.append_path(&entry, &path)?;
            let meta = fs::symlink_metadata(&path).map_err(|e| file_error(&path, e))?;
            if meta.is_dir() {
                self.walk(&path, &entry)?;
            }
        }
        Ok(())
    }

    /// Ends the tar and the compressed stream; returns the writer and what
    /// was written.
    ///
    /// # Errors
    /// I/O errors.
    pub fn finish(self) -> crate::ModelResult<(W, WrittenLayer)> {
        let media_type: MediaType = layer_media_type(self.options.compression);
        let entries = self.entries;
        let tar_end = self.builder.into_inner()?;
        let (encoder, diff_id, uncompressed_size) = tar_end.finish();
        let (mut out, compressed) = encoder.finish()?;
        // Without compression the stored bytes are the tar: one hash.
        let (digest, size) = compressed.unwrap_or_else(|| (diff_id.clone(), uncompressed_size));
        out.flush()?;
        Ok((
            out,
            WrittenLayer {
                descriptor: Descriptor::new(media_type, size, digest),
                diff_id,
                uncompressed_size,
                entries,
            },
        ))
    }
}

/// Exactly `size` bytes of a reader: the tar header is written before the
/// content, so content that turns out shorter (a file that shrank while
/// being read) is an error instead of a corrupt tar, and content that is
/// longer is cut at the size the header gives.
struct Exact<R> {
    inner: io::Take<R>,
    left: u64,
    name: String,
}

impl<R: Read> Exact<R> {
    fn new(inner: R, size: u64, name: &str) -> Self {
        Self {
            inner: inner.take(size),
            left: size,
            name: name.to_owned(),
        }
    }
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.left > 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "{}: content ended {} bytes before its declared size (did the file change?)",
                    self.name, self.left
                ),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// The names in `dir`, sorted by their bytes.
pub(crate) fn sorted_names(dir: &Path) -> crate::ModelResult<Vec<String>> {
    let mut names = Vec::new();
    for e in fs::read_dir(dir).map_err(|e| file_error(dir, e))? {
        let e = e.map_err(|e| file_error(dir, e))?;
        let name = e.file_name().into_string().map_err(|n| {
            LayerError::new(
                LayerErrorKind::Unsupported,
                dir.join(&n).display().to_string(),
                "name is not UTF-8",
            )
        })?;
        names.push(name);
    }
    names.sort();
    Ok(names)
}

/// Refuses names a safe reader would refuse: `..`, absolute, empty.
fn check_name(name: &str) -> crate::ModelResult<()> {
    let parts = crate::layer::name::components(name.as_bytes())?;
    if parts.is_empty() {
        return Err(LayerError::new(
            LayerErrorKind::UnsafeEntry,
            name,
            "empty name: expected a path below the root",
        )
        .into());
    }
    Ok(())
}

/// Writes the tree below `dir` as a layer to `out` (see
/// [`LayerWriter::append_dir_all`]).
///
/// # Errors
/// As [`LayerWriter::append_dir_all`] and [`LayerWriter::finish`].
pub fn write_dir<W: Write>(
    dir: &Path,
    out: W,
    options: &WriteOptions,
) -> crate::ModelResult<(W, WrittenLayer)> {
    let meta = fs::metadata(dir).map_err(|e| file_error(dir, e))?;
    if !meta.is_dir() {
        return Err(LayerError::new(
            LayerErrorKind::NotADirectory,
            dir.display().to_string(),
            "is not a directory",
        )
        .into());
    }
    let mut w = LayerWriter::new(out, options)?;
    w.append_dir_all(dir)?;
    w.finish()
}
