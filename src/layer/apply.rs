//! Applying layers into a directory, safely: [image-spec v1.1.1,
//! layer.md, applying changesets and
//! whiteouts](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#applying-changesets).
//!
//! Nothing outside the root is written, followed or removed:
//! - entry names with `..` or a leading `/` are refused;
//! - the directory of each entry is resolved inside the root, as umoci and
//!   containerd do (see `resolve`): symbolic links on the way are followed
//!   as if the root were `/` (`lib -> usr/lib` takes `lib/x` to
//!   `usr/lib/x`; `evil -> /etc` or `evil -> ../..` take `evil/x` to
//!   `etc/x` or `x` below the root), one component at a time with `lstat`
//!   and `readlink`; the entry's own name is never followed;
//! - files are created with `O_CREAT|O_EXCL` after removing what was at
//!   their name, so nothing is ever written through an existing link;
//! - hard links must name an entry that is in the root (its directory
//!   resolved the same way) and is not a directory; the link is made with
//!   `linkat` without following, so a link to a symbolic link links the
//!   symbolic link;
//! - whiteouts name one entry of their own (resolved) directory, never
//!   followed: a whiteout of a link removes the link.
//!
//! The root is changed by this process only while applying: nothing
//! guards against another process changing it at the same time.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::layer::error::{LayerError, LayerErrorKind, file_error, malformed, unsafe_entry};
use crate::layer::name::{self, WHITEOUT_PREFIX};
use crate::layer::read::{EntryKind, LayerEntry, LayerReader, LayerSummary};
use crate::layer::resolve::{self, Resolved};

/// What applying is allowed to do beyond files, directories and links.
/// The default is rootless: no ownership, no device nodes, no setuid or
/// setgid bits; modification times of files and directories are kept; a
/// directory entry replaces a symbolic link at its name (as umoci and
/// containerd do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ApplyOptions {
    ownership: bool,
    devices: bool,
    special_bits: bool,
    keep_dirlinks: bool,
}

impl ApplyOptions {
    /// Rootless defaults (same as `default()`).
    pub fn rootless() -> Self {
        Self::default()
    }

    /// Everything the layer says: ownership, devices, setuid and setgid
    /// (needs root, as a container runtime's unpacker).
    pub fn privileged() -> Self {
        Self {
            ownership: true,
            devices: true,
            special_bits: true,
            keep_dirlinks: false,
        }
    }

    /// Sets the owner and group of each entry from the layer (`lchown`).
    pub fn set_ownership(mut self, yes: bool) -> Self {
        self.ownership = yes;
        self
    }

    /// Creates character and block devices (`mknod`); without it they are
    /// skipped and listed in the report.
    pub fn set_devices(mut self, yes: bool) -> Self {
        self.devices = yes;
        self
    }

    /// Keeps setuid and setgid bits; without it they are cleared.
    pub fn set_special_bits(mut self, yes: bool) -> Self {
        self.special_bits = yes;
        self
    }

    /// Keeps a symbolic link to a directory when a directory entry has its
    /// name (umoci's `--keep-dirlinks`): the entry's mode and time go to
    /// the directory the link leads to (resolved inside the root), and
    /// what follows below the name goes there too. Without it the link is
    /// replaced by a directory. For layers made on a base where `lib` was
    /// a directory, applied over a merged-/usr base (`lib -> usr/lib`).
    pub fn set_keep_dirlinks(mut self, yes: bool) -> Self {
        self.keep_dirlinks = yes;
        self
    }

    /// Whether links to directories are kept under directory entries.
    pub fn keep_dirlinks(&self) -> bool {
        self.keep_dirlinks
    }

    /// Whether ownership is applied.
    pub fn ownership(&self) -> bool {
        self.ownership
    }

    /// Whether device nodes are created.
    pub fn devices(&self) -> bool {
        self.devices
    }

    /// Whether setuid and setgid bits are kept.
    pub fn special_bits(&self) -> bool {
        self.special_bits
    }
}

/// An entry applying left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntry {
    entry: String,
    reason: String,
}

impl SkippedEntry {
    /// The entry name.
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// Why it was skipped.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// What applying one layer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyReport {
    summary: LayerSummary,
    skipped: Vec<SkippedEntry>,
    cleared_bits: u64,
}

impl ApplyReport {
    /// The layer's digests and sizes (verified).
    pub fn summary(&self) -> &LayerSummary {
        &self.summary
    }

    /// Entries left out (devices without [`ApplyOptions::set_devices`],
    /// unknown entry types).
    pub fn skipped(&self) -> &[SkippedEntry] {
        &self.skipped
    }

    /// How many entries had setuid or setgid bits cleared.
    pub fn cleared_bits(&self) -> u64 {
        self.cleared_bits
    }
}

/// Applies layers, in order, into a root directory. Directory modes and
/// times are set by [`Unpacker::finish`], after the last layer, so a
/// read-only directory can still be filled by a later layer.
///
/// ```
/// use oci_model::image::Compression;
/// use oci_model::layer::{ApplyOptions, LayerReader, LayerWriter, Unpacker, WriteOptions};
///
/// let mut w = LayerWriter::new(Vec::new(), &WriteOptions::new(Compression::Gzip))?;
/// w.append_dir("etc", 0o755)?;
/// w.append_file("etc/os-release", 0o644, b"ID=demo\n")?;
/// let (bytes, _) = w.finish()?;
///
/// let root = std::env::temp_dir().join(format!("oci-model-apply-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&root).unwrap();
/// let mut unpacker = Unpacker::new(&root, ApplyOptions::rootless())?;
/// unpacker.apply(LayerReader::new(&bytes[..])?)?;
/// unpacker.finish()?;
/// assert_eq!(std::fs::read(root.join("etc/os-release")).unwrap(), b"ID=demo\n");
/// # std::fs::remove_dir_all(&root).unwrap();
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[derive(Debug)]
pub struct Unpacker {
    root: PathBuf,
    options: ApplyOptions,
    /// Directories to give their mode and time at the end.
    dirs: HashMap<Vec<u8>, (u32, u64)>,
}

impl Unpacker {
    /// An unpacker into `root`, which must be an existing directory.
    ///
    /// # Errors
    /// [`LayerErrorKind::NotADirectory`] when `root` is not a directory;
    /// I/O errors.
    pub fn new<P: AsRef<Path>>(root: P, options: ApplyOptions) -> crate::ModelResult<Self> {
        let given = root.as_ref();
        let root = fs::canonicalize(given).map_err(|e| file_error(given, e))?;
        let meta = fs::symlink_metadata(&root).map_err(|e| file_error(&root, e))?;
        if !meta.is_dir() {
            return Err(LayerError::new(
                LayerErrorKind::NotADirectory,
                given.display().to_string(),
                "is not a directory",
            )
            .into());
        }
        Ok(Self {
            root,
            options,
            dirs: HashMap::new(),
        })
    }

    /// The root directory (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Applies one layer. Verification happens as the layer is read: when
    /// it fails, part of the layer may be applied already, and the root
    /// should be thrown away.
    ///
    /// # Errors
    /// [`LayerErrorKind::UnsafeEntry`] for an entry that would act outside
    /// the root; [`LayerErrorKind::NotADirectory`] for an entry below a
    /// file; as [`LayerReader::for_each`]; I/O errors.
    pub fn apply(&mut self, layer: LayerReader<'_>) -> crate::ModelResult<ApplyReport> {
        let mut state = LayerState {
            root: &self.root,
            options: self.options,
            dirs: &mut self.dirs,
            written: HashSet::new(),
            known_dirs: HashMap::new(),
            skipped: Vec::new(),
            cleared_bits: 0,
            buf: Vec::new(),
        };
        let summary = layer.for_each(|e, content| state.entry(e, content))?;
        Ok(ApplyReport {
            summary,
            skipped: state.skipped,
            cleared_bits: state.cleared_bits,
        })
    }

    /// Gives the directories written their modes and times (checked again
    /// to be directories below the root, reached without links).
    ///
    /// # Errors
    /// I/O errors.
    pub fn finish(self) -> crate::ModelResult<()> {
        let mut dirs: Vec<_> = self.dirs.into_iter().collect();
        // Deepest first, so setting a parent's time comes after its children.
        dirs.sort_by(|a, b| b.0.cmp(&a.0));
        for (joined, (mode, mtime)) in dirs {
            // The names are resolved ones: a later layer may have removed
            // the directory or replaced one on the way with a link, and
            // then there is nothing to do.
            let Some(path) = resolve::strict(&self.root, &joined) else {
                continue;
            };
            fs::set_permissions(&path, fs::Permissions::from_mode(mode))
                .map_err(|e| file_error(&path, e))?;
            set_mtime(&path, mtime)?;
        }
        Ok(())
    }
}

/// Applies one layer, [`Unpacker::apply`] then [`Unpacker::finish`].
///
/// # Errors
/// As [`Unpacker::apply`].
pub fn apply_layer<P: AsRef<Path>>(
    layer: LayerReader<'_>,
    root: P,
    options: ApplyOptions,
) -> crate::ModelResult<ApplyReport> {
    let mut u = Unpacker::new(root, options)?;
    let report = u.apply(layer)?;
    u.finish()?;
    Ok(report)
}

struct LayerState<'r> {
    root: &'r Path,
    options: ApplyOptions,
    /// Directories to give their mode and time at the end, by resolved
    /// name.
    dirs: &'r mut HashMap<Vec<u8>, (u32, u64)>,
    /// Resolved names this layer wrote, and their parents: a whiteout in
    /// the same layer does not remove them (layer.md, "Whiteouts").
    written: HashSet<Vec<u8>>,
    /// Directories resolved in this layer, by the name in the layer: all
    /// exist. Cleared when a directory or a link is removed.
    known_dirs: HashMap<Vec<u8>, Resolved>,
    skipped: Vec<SkippedEntry>,
    cleared_bits: u64,
    /// The copy buffer, allocated on the first file.
    buf: Vec<u8>,
}

/// `dir/last` as a name below the root.
fn child(dir: &[u8], last: &[u8]) -> Vec<u8> {
    let mut out = dir.to_vec();
    if !out.is_empty() {
        out.push(b'/');
    }
    out.extend_from_slice(last);
    out
}

impl LayerState<'_> {
    /// The directory `parts` resolved inside the root (see `resolve`);
    /// missing directories are created (0755) when `create`, else `None`.
    fn dir(
        &mut self,
        parts: &[OsString],
        create: bool,
        entry: &[u8],
    ) -> crate::ModelResult<Option<Resolved>> {
        let key = name::joined(parts);
        if let Some(r) = self.known_dirs.get(&key) {
            return Ok(Some(r.clone()));
        }
        // The parent's directory is usually known (a tar lists a directory
        // before what it holds): only the last component is looked at.
        let base = match parts.split_last() {
            Some((_, up)) if !up.is_empty() => self.known_dirs.get(&name::joined(up)),
            _ => None,
        };
        let mut r = match base {
            Some(b) => resolve::resolve_from(self.root, Some(b), &parts[parts.len() - 1..], entry)?,
            None => resolve::resolve(self.root, parts, entry)?,
        };
        if !r.exists() {
            if !create {
                return Ok(None);
            }
            resolve::create(self.root, &mut r, entry)?;
        }
        self.known_dirs.insert(key, r.clone());
        Ok(Some(r))
    }

    /// Removes what is at `path` (a directory with all it holds, never
    /// following links); nothing when there is nothing. With `keep_dir`, a
    /// directory stays (a directory entry over a directory).
    fn clear(&mut self, path: &Path, keep_dir: bool) -> crate::ModelResult<bool> {
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => {
                if keep_dir {
                    return Ok(true);
                }
                fs::remove_dir_all(path).map_err(|e| file_error(path, e))?;
                self.known_dirs.clear();
            }
            Ok(m) => {
                fs::remove_file(path).map_err(|e| file_error(path, e))?;
                if m.file_type().is_symlink() {
                    // Names resolved through it now lead elsewhere.
                    self.known_dirs.clear();
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(file_error(path, e)),
        }
        Ok(false)
    }

    fn mark_written(&mut self, joined: &[u8]) {
        let mut i = 0;
        while let Some(pos) = joined[i..].iter().position(|&b| b == b'/') {
            self.written.insert(joined[..i + pos].to_vec());
            i += pos + 1;
        }
        self.written.insert(joined.to_vec());
    }

    fn mode(&mut self, e: &LayerEntry) -> u32 {
        let mode = e.mode();
        if !self.options.special_bits && mode & 0o6000 != 0 {
            self.cleared_bits += 1;
            return mode & !0o6000;
        }
        mode
    }

    fn own(&self, path: &Path, e: &LayerEntry) -> crate::ModelResult<()> {
        if self.options.ownership {
            let uid = u32::try_from(e.uid()).map_err(|_| {
                LayerError::new(LayerErrorKind::Unsupported, e.path(), "uid is over 2^32")
            })?;
            let gid = u32::try_from(e.gid()).map_err(|_| {
                LayerError::new(LayerErrorKind::Unsupported, e.path(), "gid is over 2^32")
            })?;
            std::os::unix::fs::lchown(path, Some(uid), Some(gid))
                .map_err(|err| file_error(path, err))?;
        }
        Ok(())
    }

    fn skip(&mut self, e: &LayerEntry, reason: &str) {
        self.skipped.push(SkippedEntry {
            entry: e.path(),
            reason: reason.to_owned(),
        });
    }

    /// With [`ApplyOptions::set_keep_dirlinks`], the directory a link at
    /// `parents/last` leads to (resolved inside the root), when it is one.
    fn dirlink(
        &mut self,
        parents: &[OsString],
        last: &OsString,
        path: &Path,
        entry: &[u8],
    ) -> crate::ModelResult<Option<Resolved>> {
        if !self.options.keep_dirlinks
            || !fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        {
            return Ok(None);
        }
        let mut all = parents.to_vec();
        all.push(last.clone());
        match resolve::resolve(self.root, &all, entry) {
            // A loop or a link to a file is not a directory link: the
            // entry replaces it.
            Ok(r) if r.exists() => Ok(Some(r)),
            Ok(_) | Err(crate::ModelError::Layer(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }

    fn entry(&mut self, e: &LayerEntry, content: &mut dyn Read) -> crate::ModelResult<()> {
        let parts = name::components(e.path_bytes())?;
        let Some((last, parents)) = parts.split_last() else {
            // `./`: the root itself keeps its mode and owner.
            return Ok(());
        };
        match e.kind() {
            EntryKind::Opaque => return self.opaque(parents, e),
            EntryKind::Whiteout => return self.whiteout(parents, last, e),
            EntryKind::Other(t) => {
                self.skip(
                    e,
                    &format!(
                        "tar entry type {} is not a file type",
                        crate::validate::quote(&char::from(t).to_string())
                    ),
                );
                return Ok(());
            }
            EntryKind::CharDevice | EntryKind::BlockDevice if !self.options.devices => {
                self.skip(e, "device nodes are created only when asked (devices)");
                return Ok(());
            }
            _ => {}
        }
        let dir = self
            .dir(parents, true, e.path_bytes())?
            .ok_or_else(|| unsafe_entry(e.path(), "parent directory missing"))?;
        let path = dir.path(self.root).join(last);
        let mut joined = child(&dir.joined(), last.as_bytes());
        let mode = self.mode(e);
        match e.kind() {
            EntryKind::Dir => {
                if let Some(target) = self.dirlink(parents, last, &path, e.path_bytes())? {
                    // umoci's --keep-dirlinks: the link stays, the entry's
                    // mode and time go to the directory it leads to.
                    joined = target.joined();
                    let target = target.path(self.root);
                    self.own(&target, e)?;
                } else {
                    if !self.clear(&path, true)? {
                        fs::DirBuilder::new()
                            .mode(0o755)
                            .create(&path)
                            .map_err(|err| file_error(&path, err))?;
                    }
                    self.own(&path, e)?;
                }
                self.dirs.insert(joined.clone(), (mode, e.mtime()));
            }
            EntryKind::File => {
                self.clear(&path, false)?;
                let mut f = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(&path)
                    .map_err(|err| file_error(&path, err))?;
                copy_content(content, &mut f, &path, &mut self.buf)?;
                self.own(&path, e)?;
                f.set_permissions(fs::Permissions::from_mode(mode))
                    .map_err(|err| file_error(&path, err))?;
                f.set_modified(time(e.mtime()))
                    .map_err(|err| file_error(&path, err))?;
            }
            EntryKind::Symlink => {
                let target = e.link_target_bytes().unwrap_or_default();
                if target.is_empty() {
                    return Err(unsafe_entry(e.path(), "symbolic link without a target").into());
                }
                self.clear(&path, false)?;
                std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(target), &path)
                    .map_err(|err| file_error(&path, err))?;
                self.own(&path, e)?;
            }
            EntryKind::Hardlink => {
                let raw = e.link_target_bytes().unwrap_or_default();
                let tparts = name::components(raw)
                    .map_err(|err| unsafe_entry(e.path(), format!("hard link target: {err}")))?;
                let Some((tlast, tparents)) = tparts.split_last() else {
                    return Err(unsafe_entry(e.path(), "hard link to the root").into());
                };
                let missing = || {
                    unsafe_entry(
                        e.path(),
                        format!(
                            "hard link to {}, which is not in the root",
                            crate::validate::quote(&name::display(raw))
                        ),
                    )
                };
                // The target's directory is resolved inside the root, as the
                // entry's; its own name is not followed (a link to a
                // symbolic link links the symbolic link).
                let tdir = self
                    .dir(tparents, false, e.path_bytes())?
                    .ok_or_else(missing)?;
                let target = tdir.path(self.root).join(tlast);
                match fs::symlink_metadata(&target) {
                    Ok(m) if m.is_dir() => {
                        return Err(unsafe_entry(e.path(), "hard link to a directory").into());
                    }
                    Ok(_) => {}
                    Err(_) => return Err(missing().into()),
                }
                if target == path {
                    return Ok(());
                }
                self.clear(&path, false)?;
                fs::hard_link(&target, &path).map_err(|err| file_error(&path, err))?;
            }
            EntryKind::CharDevice | EntryKind::BlockDevice | EntryKind::Fifo => {
                self.clear(&path, false)?;
                let (kind, dev) = match (e.kind(), e.device()) {
                    (EntryKind::CharDevice, Some((ma, mi))) => (
                        rustix::fs::FileType::CharacterDevice,
                        rustix::fs::makedev(ma, mi),
                    ),
                    (EntryKind::BlockDevice, Some((ma, mi))) => (
                        rustix::fs::FileType::BlockDevice,
                        rustix::fs::makedev(ma, mi),
                    ),
                    _ => (rustix::fs::FileType::Fifo, 0),
                };
                rustix::fs::mknodat(
                    rustix::fs::CWD,
                    &path,
                    kind,
                    rustix::fs::Mode::from_raw_mode(mode & 0o777),
                    dev,
                )
                .map_err(|err| file_error(&path, err.into()))?;
                self.own(&path, e)?;
                fs::set_permissions(&path, fs::Permissions::from_mode(mode))
                    .map_err(|err| file_error(&path, err))?;
            }
            EntryKind::Opaque | EntryKind::Whiteout | EntryKind::Other(_) => {}
        }
        self.mark_written(&joined);
        Ok(())
    }

    /// `.wh.NAME`: removes NAME from the layers below (not from this one).
    /// The directory is resolved inside the root; NAME itself is not
    /// followed.
    fn whiteout(
        &mut self,
        parents: &[OsString],
        last: &OsString,
        e: &LayerEntry,
    ) -> crate::ModelResult<()> {
        let victim = &last.as_bytes()[WHITEOUT_PREFIX.len()..];
        if victim.is_empty() || victim == b"." || victim == b".." {
            return Err(unsafe_entry(
                e.path(),
                "whiteout of \".\", \"..\" or nothing: expected the name of a file",
            )
            .into());
        }
        if victim.starts_with(WHITEOUT_PREFIX.as_bytes()) {
            // `.wh..wh.*` other than the opaque marker: aufs metadata.
            self.skip(e, "aufs metadata whiteout");
            return Ok(());
        }
        let Some(dir) = self.dir(parents, false, e.path_bytes())? else {
            return Ok(());
        };
        if self.written.contains(&child(&dir.joined(), victim)) {
            return Ok(());
        }
        let path = dir
            .path(self.root)
            .join(std::ffi::OsStr::from_bytes(victim));
        self.clear(&path, false)?;
        Ok(())
    }

    /// `.wh..wh..opq`: removes what the layers below have in the directory
    /// (resolved inside the root).
    fn opaque(&mut self, parents: &[OsString], e: &LayerEntry) -> crate::ModelResult<()> {
        let Some(dir) = self.dir(parents, false, e.path_bytes())? else {
            return Ok(());
        };
        let prefix = dir.joined();
        let dir = dir.path(self.root);
        let list = fs::read_dir(&dir).map_err(|err| file_error(&dir, err))?;
        for entry in list {
            let entry = entry.map_err(|err| file_error(&dir, err))?;
            let name = entry.file_name();
            if !self.written.contains(&child(&prefix, name.as_bytes())) {
                self.clear(&dir.join(&name), false)?;
            }
        }
        Ok(())
    }
}

/// Copies an entry's content into `file`: read errors are the layer's
/// (malformed), write errors the file's.
fn copy_content(
    content: &mut dyn Read,
    file: &mut File,
    path: &Path,
    buf: &mut Vec<u8>,
) -> crate::ModelResult<()> {
    use std::io::Write;
    if buf.is_empty() {
        buf.resize(128 * 1024, 0);
    }
    loop {
        let n = match content.read(buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(malformed(e)),
        };
        file.write_all(&buf[..n]).map_err(|e| file_error(path, e))?;
    }
}

fn time(mtime: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(mtime.min(1 << 40))
}

fn set_mtime(path: &Path, mtime: u64) -> crate::ModelResult<()> {
    let f = File::open(path).map_err(|e| file_error(path, e))?;
    f.set_modified(time(mtime)).map_err(|e| file_error(path, e))
}
