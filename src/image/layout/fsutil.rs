//! Safe file access inside a layout directory: [image-spec v1.1.1,
//! image-layout.md "Content"](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md#content).
//!
//! Nothing below the layout root is followed through a symbolic link: each
//! component is looked at with `lstat` first, and on Unix the opened file
//! is checked to be the one looked at (same device and inode), so a link
//! swapped in between is caught too. Files are written to a temporary file
//! in the same directory, synced, then renamed into place.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::ModelError;
use crate::image::Digest;
use crate::image::layout::error::{LayoutError, LayoutErrorKind, unsafe_entry};
use crate::image::layout::{BlobEntry, BlobEntryKind};

/// The name prefix of temporary files (a crash may leave one behind;
/// `check` lists them and `gc` removes them).
pub const TEMP_PREFIX: &str = ".oci-model-tmp-";

/// What an entry below the root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryType {
    File,
    Dir,
    Symlink,
    Other,
}

pub(crate) fn entry_type(m: &fs::Metadata) -> EntryType {
    let t = m.file_type();
    if t.is_symlink() {
        EntryType::Symlink
    } else if t.is_file() {
        EntryType::File
    } else if t.is_dir() {
        EntryType::Dir
    } else {
        EntryType::Other
    }
}

fn file_error(path: &Path, source: io::Error) -> ModelError {
    ModelError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that every directory of `rel` but the last component is a real
/// directory below `root`. Returns the full path, or `None` when a
/// directory is absent.
fn walk_dirs(root: &Path, rel: &[&str]) -> crate::ModelResult<Option<PathBuf>> {
    let mut path = root.to_path_buf();
    let (last, dirs) = rel.split_last().unwrap_or((&"", &[]));
    for (i, dir) in dirs.iter().enumerate() {
        path.push(dir);
        match fs::symlink_metadata(&path) {
            Ok(m) => match entry_type(&m) {
                EntryType::Dir => {}
                EntryType::Symlink => {
                    return Err(unsafe_entry(
                        rel[..=i].join("/"),
                        "is a symbolic link: refused, not followed",
                    )
                    .into());
                }
                _ => {
                    return Err(unsafe_entry(rel[..=i].join("/"), "is not a directory").into());
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(file_error(&path, e)),
        }
    }
    path.push(last);
    Ok(Some(path))
}

/// Opens the regular file `rel` (components below `root`) for reading,
/// refusing symbolic links and anything that is not a plain file. Returns
/// the file and its length, or `None` when it does not exist.
pub(crate) fn open_in(root: &Path, rel: &[&str]) -> crate::ModelResult<Option<(File, u64)>> {
    let Some(path) = walk_dirs(root, rel)? else {
        return Ok(None);
    };
    let name = rel.join("/");
    let before = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(file_error(&path, e)),
    };
    match entry_type(&before) {
        EntryType::File => {}
        EntryType::Symlink => {
            return Err(unsafe_entry(name, "is a symbolic link: refused, not followed").into());
        }
        EntryType::Dir | EntryType::Other => {
            return Err(unsafe_entry(name, "is not a regular file").into());
        }
    }
    let file = File::open(&path).map_err(|e| file_error(&path, e))?;
    let after = file.metadata().map_err(|e| file_error(&path, e))?;
    if !same_file(&before, &after) {
        return Err(unsafe_entry(name, "changed while being opened: refused").into());
    }
    Ok(Some((file, after.len())))
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino() && b.is_file()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, b: &fs::Metadata) -> bool {
    b.is_file()
}

/// Creates the directories of `rel` below `root` (the last component
/// included) where missing, refusing symbolic links.
pub(crate) fn make_dirs(root: &Path, rel: &[&str]) -> crate::ModelResult<PathBuf> {
    let mut path = root.to_path_buf();
    for (i, dir) in rel.iter().enumerate() {
        path.push(dir);
        match fs::symlink_metadata(&path) {
            Ok(m) if entry_type(&m) == EntryType::Dir => {}
            Ok(m) if entry_type(&m) == EntryType::Symlink => {
                return Err(unsafe_entry(
                    rel[..=i].join("/"),
                    "is a symbolic link: refused, not followed",
                )
                .into());
            }
            Ok(_) => return Err(unsafe_entry(rel[..=i].join("/"), "is not a directory").into()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(file_error(&path, e)),
            },
            Err(e) => return Err(file_error(&path, e)),
        }
    }
    Ok(path)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh temporary file in `dir`, created exclusively.
fn temp_file(dir: &Path) -> crate::ModelResult<(File, PathBuf)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{TEMP_PREFIX}{}-{n}-{nanos}", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((f, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(file_error(&path, e)),
        }
    }
}

/// Writes a file atomically: `write` fills a temporary file in `dir` and
/// returns the name the file gets; it is synced and renamed to that name
/// only when `write` succeeds (a crash or a failure never leaves a partial
/// file under the name; the temporary file is removed on failure). The
/// directory is synced after the rename.
pub(crate) fn write_atomic<T>(
    dir: &Path,
    write: impl FnOnce(&mut File) -> crate::ModelResult<(T, String)>,
) -> crate::ModelResult<T> {
    let (mut file, temp) = temp_file(dir)?;
    let result = write(&mut file).and_then(|value| {
        file.flush().map_err(|e| file_error(&temp, e))?;
        file.sync_all().map_err(|e| file_error(&temp, e))?;
        Ok(value)
    });
    drop(file);
    let (value, name) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    };
    let target = dir.join(&name);
    if let Err(e) = fs::rename(&temp, &target) {
        let _ = fs::remove_file(&temp);
        return Err(file_error(&target, e));
    }
    sync_dir(dir);
    Ok(value)
}

/// Syncs a directory so that a rename in it is durable (best effort: not
/// every platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

pub(crate) fn classify(alg: &str, name: &str, m: &fs::Metadata) -> BlobEntry {
    let path = format!("blobs/{alg}/{name}");
    match entry_type(m) {
        EntryType::Symlink => BlobEntry::new(path, BlobEntryKind::Link, 0),
        EntryType::File if name.starts_with(TEMP_PREFIX) => {
            BlobEntry::new(path, BlobEntryKind::Temporary, m.len())
        }
        EntryType::File => match Digest::parse(&format!("{alg}:{name}")) {
            Ok(d) => BlobEntry::new(path, BlobEntryKind::Blob(d), m.len()),
            Err(e) => BlobEntry::new(
                path,
                BlobEntryKind::Unexpected(format!("is not named by a digest: {e}")),
                m.len(),
            ),
        },
        EntryType::Dir | EntryType::Other => BlobEntry::new(
            path,
            BlobEntryKind::Unexpected("is not a regular file".to_owned()),
            0,
        ),
    }
}

/// The entries of a directory with their `lstat` metadata (names that are
/// not UTF-8 are shown lossily).
pub(crate) fn list_dir(dir: &Path, rel: &str) -> crate::ModelResult<Vec<(String, fs::Metadata)>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(
                LayoutError::new(LayoutErrorKind::NotALayout, rel, "directory is missing").into(),
            );
        }
        Err(e) => return Err(file_error(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| file_error(dir, e))?;
        let meta = fs::symlink_metadata(entry.path()).map_err(|e| file_error(&entry.path(), e))?;
        out.push((entry.file_name().to_string_lossy().into_owned(), meta));
    }
    Ok(out)
}
