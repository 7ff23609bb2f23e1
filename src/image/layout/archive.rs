//! An image layout as a `.tar` archive (feature `layout-tar`):
//! [image-spec v1.1.1, image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md).
//!
//! Reading scans the archive's headers once, without unpacking anything;
//! blobs are then read in place. Entries with `..`, an absolute path, a
//! link type or a name already seen are refused. Writing is
//! deterministic: entries sorted by path, mtime 0, uid and gid 0, no user
//! or group names, mode 0644 for files and 0755 for directories.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::ModelError;
use crate::image::layout::error::{LayoutError, LayoutErrorKind, unsafe_entry};
use crate::image::layout::fsck;
use crate::image::layout::fsutil::write_atomic;
use crate::image::layout::header::{
    MAX_INDEX_SIZE, header_problem, index_problem, parse_header, parse_index,
};
use crate::image::layout::report::{LayoutProblem, LayoutReport};
use crate::image::layout::{BlobEntry, BlobEntryKind, RawBlob, ReadLayout, blob_path};
use crate::image::layout::{ImageLayout, TEMP_PREFIX};
use crate::image::{Digest, ImageIndex, rules};

/// A file or directory entry of the archive.
#[derive(Debug, Clone, Copy)]
struct Entry {
    offset: u64,
    size: u64,
    is_dir: bool,
}

/// The entries of an archive, and the ones refused.
#[derive(Debug, Default)]
struct Scan {
    entries: BTreeMap<String, Entry>,
    refused: BTreeMap<String, String>,
}

/// An image layout in a `.tar` archive, opened in place.
///
/// ```no_run
/// use oci_model::image::layout::{LayoutArchive, ReadLayout};
///
/// let archive = LayoutArchive::open("image.tar")?;
/// let manifest = archive.resolve(Some("latest"), None)?;
/// let report = archive.check();
/// assert!(report.is_valid(), "{report}");
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[derive(Debug)]
pub struct LayoutArchive {
    path: PathBuf,
    scan: Scan,
    index: ImageIndex,
}

impl LayoutArchive {
    /// Opens the archive at `path`: scans its entries, checks `oci-layout`
    /// and reads `index.json`.
    ///
    /// # Errors
    /// [`LayoutErrorKind::UnsafeEntry`] for the first refused entry;
    /// otherwise as [`ImageLayout::open`].
    pub fn open<P: AsRef<Path>>(path: P) -> crate::ModelResult<Self> {
        let path = path.as_ref().to_path_buf();
        let scan = scan(&path)?;
        if let Some((name, why)) = scan.refused.iter().next() {
            return Err(unsafe_entry(name.clone(), why.clone()).into());
        }
        let mut archive = Self {
            path,
            scan,
            index: ImageIndex::default(),
        };
        parse_header(&archive.read_entry("oci-layout", 4096)?)?;
        archive.index = parse_index(&archive.read_entry("index.json", MAX_INDEX_SIZE)?)?;
        Ok(archive)
    }

    /// Checks the archive at `path` without opening it first: refused
    /// entries and problems of `oci-layout` and `index.json` are reported
    /// like all others, and the safe entries are still checked.
    ///
    /// # Errors
    /// Only when the file cannot be read or is not a tar archive.
    pub fn check_file<P: AsRef<Path>>(path: P) -> crate::ModelResult<LayoutReport> {
        let path = path.as_ref().to_path_buf();
        let scan = scan(&path)?;
        let mut problems: Vec<LayoutProblem> = scan
            .refused
            .iter()
            .map(|(name, why)| LayoutProblem::new(name.clone(), &rules::LAYOUT_ENTRY, why.clone()))
            .collect();
        let mut archive = Self {
            path,
            scan,
            index: ImageIndex::default(),
        };
        if let Err(e) = archive
            .read_entry("oci-layout", 4096)
            .and_then(|b| parse_header(&b))
        {
            problems.push(header_problem(&e));
        }
        match archive
            .read_entry("index.json", MAX_INDEX_SIZE)
            .and_then(|b| parse_index(&b))
        {
            Ok(index) => archive.index = index,
            Err(e) => {
                problems.push(index_problem(&e));
                let mut report = LayoutReport::default();
                for p in problems {
                    report.push(p);
                }
                return Ok(report);
            }
        }
        Ok(fsck::walk(&archive, problems))
    }

    /// The archive file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the layout directory `layout` as a deterministic archive:
    /// `oci-layout`, `index.json` and every blob named by its digest (not
    /// temporary files or stray entries), sorted by path, with fixed
    /// metadata. Returns the writer.
    ///
    /// # Errors
    /// I/O errors; errors reading the layout.
    pub fn write<W: Write>(layout: &ImageLayout, out: W) -> crate::ModelResult<W> {
        let root_file = |name: &str| -> crate::ModelResult<RawBlob<'_>> {
            let (f, len) = super::fsutil::open_in(layout.root(), &[name])?
                .ok_or_else(|| LayoutError::new(LayoutErrorKind::NotALayout, name, "is missing"))?;
            Ok(RawBlob::new(len, Box::new(f)))
        };
        write_tar(layout, root_file, |_| true, out)
    }

    /// Writes `layout` as an archive at `path`, atomically (a temporary
    /// file in the same directory, synced, renamed).
    ///
    /// # Errors
    /// As [`LayoutArchive::write`].
    pub fn write_file<P: AsRef<Path>>(layout: &ImageLayout, path: P) -> crate::ModelResult<()> {
        write_to_path(path.as_ref(), |w| Self::write(layout, w))
    }

    /// Rewrites the archive without the blobs nothing refers to (and
    /// temporary files), atomically, and returns it opened anew with the
    /// paths removed. Refuses while the archive has errors, as
    /// [`ImageLayout::gc`] does.
    ///
    /// # Errors
    /// [`LayoutErrorKind::Invalid`] when [`ReadLayout::check`] finds
    /// errors; I/O errors.
    pub fn gc(self) -> crate::ModelResult<(Self, Vec<String>)> {
        let removed = self.check().gc_plan()?.to_vec();
        if removed.is_empty() {
            return Ok((self, removed));
        }
        let root_file = |name: &str| -> crate::ModelResult<RawBlob<'_>> {
            self.open_entry(name)?.ok_or_else(|| {
                LayoutError::new(LayoutErrorKind::NotALayout, name, "is missing").into()
            })
        };
        let keep = |path: &str| !removed.iter().any(|r| r == path);
        write_to_path(&self.path, |w| write_tar(&self, root_file, keep, w))?;
        let reopened = Self::open(&self.path)?;
        Ok((reopened, removed))
    }

    /// Reads a small entry whole.
    fn read_entry(&self, name: &str, limit: u64) -> crate::ModelResult<Vec<u8>> {
        let Some(raw) = self.open_entry(name)? else {
            return Err(LayoutError::new(
                LayoutErrorKind::NotALayout,
                name,
                format!("is missing: {} is not an image layout", self.path.display()),
            )
            .into());
        };
        if raw.len() > limit {
            return Err(crate::VerifyError::TooLarge {
                size: raw.len(),
                limit,
            }
            .into());
        }
        let mut bytes = Vec::new();
        raw.into_reader().read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn open_entry(&self, name: &str) -> crate::ModelResult<Option<RawBlob<'_>>> {
        if let Some(why) = self.scan.refused.get(name) {
            return Err(unsafe_entry(name, why.clone()).into());
        }
        let Some(entry) = self.scan.entries.get(name) else {
            return Ok(None);
        };
        if entry.is_dir {
            return Err(unsafe_entry(name, "is not a regular file").into());
        }
        let mut file = File::open(&self.path).map_err(|source| ModelError::File {
            path: self.path.clone(),
            source,
        })?;
        file.seek(SeekFrom::Start(entry.offset))?;
        Ok(Some(RawBlob::new(
            entry.size,
            Box::new(file.take(entry.size)),
        )))
    }
}

/// Writes a layout as a deterministic tar: `oci-layout` and `index.json`
/// from `root_file`, the blobs of `layout` whose path `keep` accepts,
/// sorted by path, with fixed metadata.
fn write_tar<'a, L: ReadLayout, W: Write>(
    layout: &'a L,
    root_file: impl Fn(&str) -> crate::ModelResult<RawBlob<'a>>,
    keep: impl Fn(&str) -> bool,
    out: W,
) -> crate::ModelResult<W> {
    let mut files: Vec<(String, Option<Digest>)> = vec![
        ("oci-layout".to_owned(), None),
        ("index.json".to_owned(), None),
    ];
    let mut dirs = vec!["blobs".to_owned()];
    for e in layout.blob_entries()? {
        if let BlobEntryKind::Blob(d) = e.kind() {
            if !keep(e.path()) {
                continue;
            }
            let alg = format!("blobs/{}", d.algorithm());
            if !dirs.contains(&alg) {
                dirs.push(alg);
            }
            files.push((e.path().to_owned(), Some(d.clone())));
        }
    }
    let mut all: Vec<(String, Option<Option<Digest>>)> = dirs
        .into_iter()
        .map(|d| (format!("{d}/"), None))
        .chain(files.into_iter().map(|(p, d)| (p, Some(d))))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let mut builder = tar::Builder::new(out);
    for (name, file) in all {
        let mut header = tar::Header::new_ustar();
        header.set_mtime(0);
        header.set_uid(0);
        header.set_gid(0);
        header.set_username("").map_err(ModelError::Io)?;
        header.set_groupname("").map_err(ModelError::Io)?;
        let raw = match file {
            None => {
                header.set_entry_type(tar::EntryType::Directory);
                header.set_mode(0o755);
                header.set_size(0);
                builder.append_data(&mut header, &name, io::empty())?;
                continue;
            }
            Some(None) => root_file(&name)?,
            Some(Some(digest)) => layout
                .open_raw_blob(&digest)?
                .ok_or_else(|| super::read::missing(&digest))?,
        };
        header.set_entry_type(tar::EntryType::Regular);
        header.set_mode(0o644);
        header.set_size(raw.len());
        let len = raw.len();
        builder.append_data(&mut header, &name, raw.into_reader().take(len))?;
    }
    Ok(builder.into_inner()?)
}

/// Writes a file atomically with `write`: a temporary file beside `path`,
/// synced, renamed.
fn write_to_path(
    path: &Path,
    write: impl FnOnce(io::BufWriter<&mut File>) -> crate::ModelResult<io::BufWriter<&mut File>>,
) -> crate::ModelResult<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| ModelError::File {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
        })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    write_atomic(&dir, |f| {
        write(io::BufWriter::new(f))?
            .into_inner()
            .map_err(|e| ModelError::Io(e.into_error()))?;
        Ok(((), name))
    })
}

impl ReadLayout for LayoutArchive {
    fn index(&self) -> &ImageIndex {
        &self.index
    }

    fn open_raw_blob(&self, digest: &Digest) -> crate::ModelResult<Option<RawBlob<'_>>> {
        self.open_entry(&blob_path(digest))
    }

    fn blob_entries(&self) -> crate::ModelResult<Vec<BlobEntry>> {
        let mut out = Vec::new();
        for (name, entry) in self.scan.entries.range("blobs/".to_owned()..) {
            let Some(rest) = name.strip_prefix("blobs/") else {
                break;
            };
            let parts: Vec<&str> = rest.split('/').collect();
            let kind = match (parts.as_slice(), entry.is_dir) {
                ([_], true) => continue,
                ([alg, file], false) if file.starts_with(TEMP_PREFIX) => {
                    let _ = alg;
                    BlobEntryKind::Temporary
                }
                ([alg, file], false) => match Digest::parse(&format!("{alg}:{file}")) {
                    Ok(d) => BlobEntryKind::Blob(d),
                    Err(e) => BlobEntryKind::Unexpected(format!("is not named by a digest: {e}")),
                },
                _ => BlobEntryKind::Unexpected(
                    "has no place in blobs/ (expected blobs/<alg>/<encoded>)".to_owned(),
                ),
            };
            out.push(BlobEntry::new(name.clone(), kind, entry.size));
        }
        Ok(out)
    }
}

/// Scans the archive's headers (data is skipped by seeking).
fn scan(path: &Path) -> crate::ModelResult<Scan> {
    let file_err = |source| ModelError::File {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(file_err)?;
    let mut archive = tar::Archive::new(file);
    let mut scan = Scan::default();
    for entry in archive.entries_with_seek().map_err(file_err)? {
        let entry = entry.map_err(file_err)?;
        let raw = entry.path_bytes().into_owned();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let name = match normalize(&raw) {
            Ok(Some(n)) => n,
            Ok(None) => continue,
            Err(why) => {
                scan.refused.insert(shown, why.to_owned());
                continue;
            }
        };
        let t = entry.header().entry_type();
        let is_dir = match t {
            tar::EntryType::Regular | tar::EntryType::Continuous => false,
            tar::EntryType::Directory => true,
            tar::EntryType::XGlobalHeader => continue,
            tar::EntryType::Symlink | tar::EntryType::Link => {
                scan.refused
                    .insert(name, "is a link: refused, not followed".to_owned());
                continue;
            }
            _ => {
                scan.refused
                    .insert(name, "is not a regular file or a directory".to_owned());
                continue;
            }
        };
        if scan.refused.contains_key(&name) {
            continue;
        }
        if scan.entries.remove(&name).is_some() {
            scan.refused.insert(
                name,
                "appears more than once in the archive: refused".to_owned(),
            );
            continue;
        }
        scan.entries.insert(
            name,
            Entry {
                offset: entry.raw_file_position(),
                size: entry.size(),
                is_dir,
            },
        );
    }
    Ok(scan)
}

/// The name of an entry without `./` and trailing `/`; `None` for the
/// archive's root; an error for names that would leave the layout.
pub(crate) fn normalize(raw: &[u8]) -> Result<Option<String>, &'static str> {
    let Ok(s) = std::str::from_utf8(raw) else {
        return Err("has a name that is not UTF-8: refused");
    };
    if s.starts_with('/') || s.starts_with('\\') || s.as_bytes().get(1) == Some(&b':') {
        return Err("has an absolute path: refused");
    }
    let mut parts = Vec::new();
    for part in s.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err("has a \"..\" component: refused"),
            p if p.contains('\\') => return Err("has a backslash in its name: refused"),
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        Ok(None)
    } else {
        Ok(Some(parts.join("/")))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn names() {
        assert_eq!(
            normalize(b"./blobs/sha256/"),
            Ok(Some("blobs/sha256".to_owned()))
        );
        assert_eq!(normalize(b"index.json"), Ok(Some("index.json".to_owned())));
        assert_eq!(normalize(b"./"), Ok(None));
        assert!(normalize(b"../etc/passwd").is_err());
        assert!(normalize(b"blobs/../../x").is_err());
        assert!(normalize(b"/etc/passwd").is_err());
        assert!(normalize(b"C:/x").is_err());
    }
}
