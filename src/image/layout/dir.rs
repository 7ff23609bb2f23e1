//! An image layout directory: [image-spec v1.1.1,
//! image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md).

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::ModelError;
use crate::error::VerifyError;
use crate::image::layout::error::{LayoutError, LayoutErrorKind};
use crate::image::layout::fsck;
use crate::image::layout::fsutil::{
    EntryType, classify, entry_type, list_dir, make_dirs, open_in, write_atomic,
};
use crate::image::layout::header::{
    MAX_INDEX_SIZE, header_problem, index_problem, parse_header, parse_index,
};
use crate::image::layout::report::LayoutReport;
use crate::image::layout::{BlobEntry, BlobEntryKind, RawBlob, ReadLayout, blob_path, ref_name};
use crate::image::{
    ANNOTATION_REF_NAME, Descriptor, Digest, DigestAlgorithm, HashingWriter, ImageIndex, MediaType,
    Stored, StoredDocument,
};

/// The content of a new `oci-layout` file.
const HEADER: &[u8] = br#"{"imageLayoutVersion":"1.0.0"}"#;

/// An image layout directory, opened: its root and its `index.json`.
///
/// Blobs are written atomically (temporary file in the same directory,
/// synced, renamed to their digest), so a crash never leaves a partial
/// blob under a digest name and two writers of the same blob both
/// succeed. Nothing below the root is followed through a symbolic link.
///
/// ```
/// use oci_model::image::layout::{ImageLayout, ReadLayout};
/// use oci_model::image::MediaType;
///
/// let dir = std::env::temp_dir().join(format!("oci-model-doc-{}", std::process::id()));
/// let layout = ImageLayout::create(&dir)?;
/// let d = layout.write_blob(MediaType::ImageLayer, b"not a tar")?;
/// let bytes = layout.read_blob(&d, 1024)?;
/// assert_eq!(bytes, b"not a tar");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ImageLayout {
    root: PathBuf,
    index: ImageIndex,
}

impl ImageLayout {
    /// Opens the layout at `root`: checks `oci-layout` and reads
    /// `index.json`.
    ///
    /// # Errors
    /// [`LayoutErrorKind::NotALayout`] without `oci-layout` or
    /// `index.json`; [`LayoutErrorKind::UnsupportedVersion`] for an
    /// `imageLayoutVersion` other than 1.0.0 (saying when it is newer);
    /// [`ModelError::Decode`] when either file does not decode;
    /// [`LayoutErrorKind::UnsafeEntry`] when one is a symbolic link.
    pub fn open<P: AsRef<Path>>(root: P) -> crate::ModelResult<Self> {
        let root = root.as_ref().to_path_buf();
        parse_header(&read_small(&root, "oci-layout", 4096)?)?;
        let index = parse_index(&read_small(&root, "index.json", MAX_INDEX_SIZE)?)?;
        Ok(Self { root, index })
    }

    /// Creates a new, empty layout at `root` (creating the directory when
    /// missing): `oci-layout`, an `index.json` without manifests, `blobs/`.
    ///
    /// # Errors
    /// [`LayoutErrorKind::AlreadyExists`] when `root` already has an
    /// `oci-layout` or `index.json`; I/O errors.
    pub fn create<P: AsRef<Path>>(root: P) -> crate::ModelResult<Self> {
        let root = root.as_ref().to_path_buf();
        fs::create_dir_all(&root).map_err(|e| file_error(&root, e))?;
        for name in ["oci-layout", "index.json"] {
            if fs::symlink_metadata(root.join(name)).is_ok() {
                return Err(LayoutError::new(
                    LayoutErrorKind::AlreadyExists,
                    name,
                    format!(
                        "already exists in {}: not creating a layout",
                        root.display()
                    ),
                )
                .into());
            }
        }
        make_dirs(&root, &["blobs"])?;
        let mut layout = Self {
            root,
            index: ImageIndex::default(),
        };
        // A new index.json names its media type (`ImageIndex::default()`
        // leaves it unset, as oci-spec's does).
        let mut index = ImageIndex::default();
        index.set_media_type(Some(crate::image::MediaType::ImageIndex));
        layout.set_index(index)?;
        write_atomic(&layout.root, |f| {
            f.write_all(HEADER).map_err(ModelError::Io)?;
            Ok(((), "oci-layout".to_owned()))
        })?;
        Ok(layout)
    }

    /// Opens the layout at `root`, or creates it when `root` has no
    /// `oci-layout`.
    ///
    /// # Errors
    /// As [`ImageLayout::open`] and [`ImageLayout::create`].
    pub fn open_or_create<P: AsRef<Path>>(root: P) -> crate::ModelResult<Self> {
        let root = root.as_ref();
        if fs::symlink_metadata(root.join("oci-layout")).is_ok() {
            Self::open(root)
        } else {
            Self::create(root)
        }
    }

    /// Checks the layout at `root` without opening it first: problems of
    /// `oci-layout` and `index.json` are reported like all others.
    ///
    /// # Errors
    /// Only when `root` is not a directory that can be read.
    pub fn check_dir<P: AsRef<Path>>(root: P) -> crate::ModelResult<LayoutReport> {
        let root = root.as_ref().to_path_buf();
        let meta = fs::metadata(&root).map_err(|e| file_error(&root, e))?;
        if !meta.is_dir() {
            return Err(file_error(
                &root,
                io::Error::new(io::ErrorKind::InvalidInput, "not a directory"),
            ));
        }
        let mut problems = Vec::new();
        if let Err(p) = read_small(&root, "oci-layout", 4096).and_then(|b| parse_header(&b)) {
            problems.push(header_problem(&p));
        }
        let index =
            match read_small(&root, "index.json", MAX_INDEX_SIZE).and_then(|b| parse_index(&b)) {
                Ok(index) => index,
                Err(e) => {
                    problems.push(index_problem(&e));
                    let mut report = LayoutReport::default();
                    for p in problems {
                        report.push(p);
                    }
                    return Ok(report);
                }
            };
        Ok(fsck::walk(&Self { root, index }, problems))
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file of the blob named `digest` (which may not exist). The path
    /// is built from a validated [`Digest`], so it is always below
    /// `blobs/`.
    pub fn blob_file(&self, digest: &Digest) -> PathBuf {
        self.root.join(blob_path(digest))
    }

    /// Writes `bytes` as a blob (sha256) and returns its descriptor.
    ///
    /// # Errors
    /// I/O errors; [`LayoutErrorKind::UnsafeEntry`] when `blobs/` or
    /// `blobs/sha256` is a symbolic link.
    pub fn write_blob(
        &self,
        media_type: MediaType,
        bytes: &[u8],
    ) -> crate::ModelResult<Descriptor> {
        self.write_blob_from(media_type, bytes)
    }

    /// Writes everything `reader` yields as a blob (sha256, hashed while
    /// writing) and returns its descriptor.
    ///
    /// # Errors
    /// As [`ImageLayout::write_blob`].
    pub fn write_blob_from<R: Read>(
        &self,
        media_type: MediaType,
        reader: R,
    ) -> crate::ModelResult<Descriptor> {
        let (digest, len) = self.write_inner(&DigestAlgorithm::Sha256, reader, None)?;
        Ok(Descriptor::new(media_type, len, digest))
    }

    /// Writes the content `descriptor` describes from `reader`, with the
    /// descriptor's digest algorithm; content of another size or digest is
    /// refused and nothing is left under the digest's name.
    ///
    /// # Errors
    /// [`VerifyError::Size`] or [`VerifyError::Digest`] when the content
    /// does not match; otherwise as [`ImageLayout::write_blob`].
    pub fn write_described<R: Read>(
        &self,
        descriptor: &Descriptor,
        reader: R,
    ) -> crate::ModelResult<()> {
        let limited = reader.take(descriptor.size().saturating_add(1));
        self.write_inner(descriptor.digest().algorithm(), limited, Some(descriptor))?;
        Ok(())
    }

    /// Writes the exact bytes of a stored document and returns their
    /// descriptor.
    ///
    /// # Errors
    /// As [`ImageLayout::write_described`].
    pub fn write_stored<T: StoredDocument>(
        &self,
        stored: &Stored<T>,
    ) -> crate::ModelResult<Descriptor> {
        let d = stored.descriptor();
        self.write_described(&d, stored.bytes())?;
        Ok(d)
    }

    fn write_inner<R: Read>(
        &self,
        algorithm: &DigestAlgorithm,
        mut reader: R,
        expected: Option<&Descriptor>,
    ) -> crate::ModelResult<(Digest, u64)> {
        let dir = make_dirs(&self.root, &["blobs", algorithm.as_str()])?;
        write_atomic(&dir, |file| {
            let buf = BufWriter::with_capacity(256 * 1024, &mut *file);
            let mut w = HashingWriter::new(buf, algorithm)?;
            io::copy(&mut reader, &mut w)?;
            let (buf, digest, len) = w.finish();
            buf.into_inner()
                .map_err(|e| ModelError::Io(e.into_error()))?;
            if let Some(d) = expected {
                if len != d.size() {
                    return Err(VerifyError::Size {
                        expected: d.size(),
                        actual: len,
                    }
                    .into());
                }
                if &digest != d.digest() {
                    return Err(VerifyError::Digest {
                        expected: d.digest().to_string(),
                        actual: digest.to_string(),
                    }
                    .into());
                }
            }
            let name = digest.encoded().to_owned();
            Ok(((digest, len), name))
        })
    }

    /// Adds the manifest (or index) `descriptor` to `index.json`, named
    /// `name` (`org.opencontainers.image.ref.name`) when given; an entry
    /// that had that name before is replaced. The blob must be in the
    /// layout with the declared size.
    ///
    /// # Errors
    /// [`LayoutErrorKind::BlobMissing`] when the blob is not there;
    /// [`VerifyError::Size`] when its size differs; I/O errors writing
    /// `index.json`.
    pub fn add_manifest(
        &mut self,
        descriptor: Descriptor,
        name: Option<&str>,
    ) -> crate::ModelResult<()> {
        match self.open_raw_blob(descriptor.digest())? {
            None => return Err(crate::image::layout::read::missing(descriptor.digest()).into()),
            Some(raw) if raw.len() != descriptor.size() => {
                return Err(VerifyError::Size {
                    expected: descriptor.size(),
                    actual: raw.len(),
                }
                .into());
            }
            Some(_) => {}
        }
        let mut d = descriptor;
        let mut index = self.index.clone();
        if let Some(n) = name {
            let mut annotations = d.annotations().clone().unwrap_or_default();
            annotations.insert(ANNOTATION_REF_NAME.to_owned(), n.to_owned());
            d.set_annotations(Some(annotations));
            index.manifests_mut().retain(|m| ref_name(m) != Some(n));
        } else if index.manifests().contains(&d) {
            return Ok(());
        }
        index.manifests_mut().push(d);
        self.set_index(index)
    }

    /// Replaces `index.json` (written atomically, compact JSON).
    ///
    /// # Errors
    /// I/O errors.
    pub fn set_index(&mut self, index: ImageIndex) -> crate::ModelResult<()> {
        let stored = Stored::new(index)?;
        write_atomic(&self.root, |f| {
            f.write_all(stored.bytes()).map_err(ModelError::Io)?;
            Ok(((), "index.json".to_owned()))
        })?;
        self.index = stored.into_value();
        Ok(())
    }

    /// Removes the blobs nothing reachable from `index.json` refers to, and
    /// temporary files of interrupted writes; returns their paths. Refuses
    /// to remove anything while the layout has errors (a document that
    /// does not decode would make what it refers to look unreferenced).
    ///
    /// # Errors
    /// [`LayoutErrorKind::Invalid`] when [`ReadLayout::check`] finds
    /// errors; I/O errors removing files.
    pub fn gc(&self) -> crate::ModelResult<Vec<String>> {
        let report = self.check();
        let mut removed = Vec::new();
        for path in report.gc_plan()? {
            let file = self.root.join(path);
            fs::remove_file(&file).map_err(|e| file_error(&file, e))?;
            removed.push(path.clone());
        }
        Ok(removed)
    }
}

impl ReadLayout for ImageLayout {
    fn index(&self) -> &ImageIndex {
        &self.index
    }

    fn open_raw_blob(&self, digest: &Digest) -> crate::ModelResult<Option<RawBlob<'_>>> {
        let alg = digest.algorithm().as_str();
        Ok(open_in(&self.root, &["blobs", alg, digest.encoded()])?
            .map(|(file, len)| RawBlob::new(len, Box::new(file))))
    }

    fn blob_entries(&self) -> crate::ModelResult<Vec<BlobEntry>> {
        let blobs = self.root.join("blobs");
        let mut out = Vec::new();
        for (name, meta) in list_dir(&blobs, "blobs")? {
            let path = format!("blobs/{name}");
            match entry_type(&meta) {
                EntryType::Dir => {
                    for (file, m) in list_dir(&blobs.join(&name), &path)? {
                        out.push(classify(&name, &file, &m));
                    }
                }
                EntryType::Symlink => out.push(BlobEntry::new(path, BlobEntryKind::Link, 0)),
                _ => out.push(BlobEntry::new(
                    path,
                    BlobEntryKind::Unexpected(
                        "is not in an algorithm directory (blobs/<alg>/<encoded>)".to_owned(),
                    ),
                    meta.len(),
                )),
            }
        }
        out.sort_by(|a, b| a.path().cmp(b.path()));
        Ok(out)
    }
}

/// Reads a small file at the root, refusing links and sizes over `limit`.
fn read_small(root: &Path, name: &str, limit: u64) -> crate::ModelResult<Vec<u8>> {
    let Some((file, len)) = open_in(root, &[name])? else {
        return Err(LayoutError::new(
            LayoutErrorKind::NotALayout,
            name,
            format!("is missing: {} is not an image layout", root.display()),
        )
        .into());
    };
    if len > limit {
        return Err(VerifyError::TooLarge { size: len, limit }.into());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(&root.join(name), e))?;
    Ok(bytes)
}

fn file_error(path: &Path, source: io::Error) -> ModelError {
    ModelError::File {
        path: path.to_path_buf(),
        source,
    }
}
