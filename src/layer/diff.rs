//! Changesets: the difference of two directories as a layer ([image-spec
//! v1.1.1, layer.md, change types](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#change-types)).
//!
//! An entry of `upper` is added when `lower` does not have it, and
//! written again when it changed: its type, mode, owner, size, link
//! target, device number or content differ (contents are compared, so a
//! file touched but not changed is not in the layer). A directory whose
//! own metadata is unchanged is not written, but its changed children
//! are. What `lower` has and `upper` does not becomes a whiteout
//! (`.wh.NAME`), written before the other entries of its directory, as
//! layer.md asks.

use std::fs::{self, File, Metadata};
use std::io::{self, BufReader, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::layer::error::file_error;
use crate::layer::write::{LayerWriter, sorted_names};

/// Writes to `writer` what turns the tree `lower` into the tree `upper`:
/// added and changed entries, and whiteouts for deleted ones.
///
/// ```
/// use oci_model::image::Compression;
/// use oci_model::layer::{LayerReader, LayerWriter, WriteOptions, write_changeset};
///
/// let base = std::env::temp_dir().join(format!("oci-model-diff-doc-{}", std::process::id()));
/// let (lower, upper) = (base.join("lower"), base.join("upper"));
/// std::fs::create_dir_all(&lower).unwrap();
/// std::fs::create_dir_all(&upper).unwrap();
/// std::fs::write(lower.join("old"), "x").unwrap();
/// std::fs::write(upper.join("new"), "y").unwrap();
///
/// let mut w = LayerWriter::new(Vec::new(), &WriteOptions::new(Compression::Uncompressed))?;
/// write_changeset(&lower, &upper, &mut w)?;
/// let (bytes, _) = w.finish()?;
/// let (entries, _) = LayerReader::new(&bytes[..])?.list()?;
/// let names: Vec<String> = entries.iter().map(|e| e.path()).collect();
/// assert_eq!(names, [".wh.old", "new"]);
/// # std::fs::remove_dir_all(&base).unwrap();
/// # Ok::<(), oci_model::ModelError>(())
/// ```
///
/// # Errors
/// I/O errors reading either tree; as [`LayerWriter::append_path`].
pub fn write_changeset<W: Write>(
    lower: &Path,
    upper: &Path,
    writer: &mut LayerWriter<W>,
) -> crate::ModelResult<()> {
    diff_dir(Some(lower), upper, "", writer)
}

fn diff_dir<W: Write>(
    lower: Option<&Path>,
    upper: &Path,
    prefix: &str,
    w: &mut LayerWriter<W>,
) -> crate::ModelResult<()> {
    let Some(lower) = lower else {
        return w.walk(upper, prefix);
    };
    let names = sorted_names(upper)?;
    let entry = |name: &str| {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}/{name}")
        }
    };
    for old in sorted_names(lower)? {
        if names.binary_search(&old).is_err() {
            w.append_whiteout(&entry(&old))?;
        }
    }
    for name in names {
        let up = upper.join(&name);
        let low = lower.join(&name);
        let um = fs::symlink_metadata(&up).map_err(|e| file_error(&up, e))?;
        let lm = match fs::symlink_metadata(&low) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(file_error(&low, e)),
        };
        let name = entry(&name);
        match lm {
            None => {
                w.append_path(&name, &up)?;
                if um.is_dir() {
                    w.walk(&up, &name)?;
                }
            }
            Some(lm) if um.is_dir() && lm.is_dir() => {
                if meta_differs(&lm, &um) {
                    w.append_path(&name, &up)?;
                }
                diff_dir(Some(&low), &up, &name, w)?;
            }
            Some(lm) => {
                if um.is_dir() {
                    w.append_path(&name, &up)?;
                    w.walk(&up, &name)?;
                } else if changed(&low, &lm, &up, &um)? {
                    w.append_path(&name, &up)?;
                }
            }
        }
    }
    Ok(())
}

fn meta_differs(a: &Metadata, b: &Metadata) -> bool {
    a.file_type() != b.file_type()
        || a.mode() != b.mode()
        || a.uid() != b.uid()
        || a.gid() != b.gid()
}

fn changed(low: &Path, lm: &Metadata, up: &Path, um: &Metadata) -> crate::ModelResult<bool> {
    if meta_differs(lm, um) || lm.len() != um.len() || lm.rdev() != um.rdev() {
        return Ok(true);
    }
    if um.file_type().is_symlink() {
        let a = fs::read_link(low).map_err(|e| file_error(low, e))?;
        let b = fs::read_link(up).map_err(|e| file_error(up, e))?;
        return Ok(a != b);
    }
    if um.is_file() {
        return Ok(!same_content(low, up)?);
    }
    Ok(false)
}

fn same_content(a: &Path, b: &Path) -> crate::ModelResult<bool> {
    let mut ra = BufReader::new(File::open(a).map_err(|e| file_error(a, e))?);
    let mut rb = BufReader::new(File::open(b).map_err(|e| file_error(b, e))?);
    let mut ba = vec![0u8; 64 * 1024];
    let mut bb = vec![0u8; 64 * 1024];
    loop {
        let n = read_full(&mut ra, &mut ba).map_err(|e| file_error(a, e))?;
        let m = read_full(&mut rb, &mut bb).map_err(|e| file_error(b, e))?;
        if n != m || ba[..n] != bb[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
