//! Resolving an entry's directory inside the root, as umoci and containerd
//! do (`securejoin`, `fs.RootPath`): each component is looked up with
//! `lstat`; a symbolic link is followed, but as if the root were `/`: an
//! absolute target starts again at the root and `..` never climbs above
//! it. So `lib -> usr/lib` (merged /usr) takes `lib/x` to `usr/lib/x`, and
//! `evil -> /etc` or `evil -> ../../..` take `evil/x` to `etc/x` or `x`,
//! below the root, never outside it.
//!
//! The result is a list of plain components every existing one of which
//! was seen to be a real directory (not a link): the kernel walking
//! `root/result` follows no link, so what is created there is where the
//! walk says (provided no other process changes the root meanwhile).

use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::layer::error::{LayerError, LayerErrorKind, file_error, unsafe_entry};
use crate::layer::name;

/// The most symbolic links followed for one name (securejoin's limit);
/// past it the name is refused as a loop.
pub(crate) const MAX_LINKS: usize = 255;

/// The most components looked at for one name, links' targets included:
/// 255 links of 4096 bytes each could otherwise make one entry cost a
/// million `lstat`s.
pub(crate) const MAX_STEPS: usize = 4096;

/// A directory resolved inside the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The components below the root, without links, `.` or `..`.
    pub(crate) parts: Vec<OsString>,
    /// How many of `parts` exist (as directories); the rest do not exist.
    pub(crate) existing: usize,
}

impl Resolved {
    /// Whether every component exists.
    pub(crate) fn exists(&self) -> bool {
        self.existing == self.parts.len()
    }

    /// The components joined with `/` (the key of the sets the applier
    /// keeps).
    pub(crate) fn joined(&self) -> Vec<u8> {
        name::joined(&self.parts)
    }

    /// `root/parts`.
    pub(crate) fn path(&self, root: &Path) -> PathBuf {
        let mut p = root.to_path_buf();
        p.extend(&self.parts);
        p
    }
}

/// Resolves the directory `parts` (components of the entry `entry`) below
/// `root`, following symbolic links inside the root.
///
/// # Errors
/// [`LayerErrorKind::NotADirectory`] when a component is a file (or
/// anything but a directory or a link); [`LayerErrorKind::UnsafeEntry`]
/// after [`MAX_LINKS`] links (a loop); I/O errors of `lstat` and
/// `readlink`.
pub(crate) fn resolve(
    root: &Path,
    parts: &[OsString],
    entry: &[u8],
) -> crate::ModelResult<Resolved> {
    resolve_from(root, None, parts, entry)
}

/// As [`resolve`], `parts` taken below `base`, a directory resolved before
/// (all of it existing): the components of `base` are not looked at again.
///
/// # Errors
/// As [`resolve`].
pub(crate) fn resolve_from(
    root: &Path,
    base: Option<&Resolved>,
    parts: &[OsString],
    entry: &[u8],
) -> crate::ModelResult<Resolved> {
    let mut todo: VecDeque<Vec<u8>> = parts.iter().map(|p| p.as_bytes().to_vec()).collect();
    let (mut out, mut existing) = match base {
        Some(b) => (b.parts.clone(), b.existing),
        None => (Vec::new(), 0),
    };
    let mut path = root.to_path_buf();
    path.extend(&out);
    let mut links = 0;
    let mut steps = 0;
    while let Some(part) = todo.pop_front() {
        steps += 1;
        if steps > MAX_STEPS {
            return Err(unsafe_entry(
                name::display(entry),
                format!(
                    "more than {MAX_STEPS} components on the way, symbolic links' \
                     targets included: expected a directory"
                ),
            )
            .into());
        }
        match &part[..] {
            b"" | b"." => continue,
            b".." => {
                // Lexical, as securejoin: what is left is only real
                // directories, where lexical and physical `..` agree; at
                // the root, `..` is the root.
                if out.pop().is_some() {
                    path.pop();
                    existing = existing.min(out.len());
                }
                continue;
            }
            _ => {}
        }
        let part = OsString::from(OsStr::from_bytes(&part));
        if existing < out.len() {
            // Below a missing directory: missing too.
            path.push(&part);
            out.push(part);
            continue;
        }
        path.push(&part);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {
                out.push(part);
                existing += 1;
            }
            Ok(m) if m.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(unsafe_entry(
                        name::display(entry),
                        format!(
                            "more than {MAX_LINKS} symbolic links on the way \
                             (a loop): expected a directory"
                        ),
                    )
                    .into());
                }
                let target = fs::read_link(&path).map_err(|e| file_error(&path, e))?;
                path.pop();
                let target = target.as_os_str().as_bytes();
                if target.first() == Some(&b'/') {
                    // Absolute: from the root, never from the host's `/`.
                    out.clear();
                    path = root.to_path_buf();
                    existing = 0;
                }
                for c in target.split(|&b| b == b'/').rev() {
                    if !c.is_empty() && c != b"." {
                        todo.push_front(c.to_vec());
                    }
                }
            }
            Ok(_) => {
                // A file: only `..` may follow it (lexically, as securejoin).
                if todo.front().is_some_and(|n| n == b"..") {
                    todo.pop_front();
                    path.pop();
                    continue;
                }
                let mut at = out.clone();
                at.push(part);
                return Err(LayerError::new(
                    LayerErrorKind::NotADirectory,
                    name::display(entry),
                    format!(
                        "{} is not a directory",
                        crate::validate::quote(&name::display(&name::joined(&at)))
                    ),
                )
                .into());
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => out.push(part),
            Err(e) => return Err(file_error(&path, e)),
        }
    }
    Ok(Resolved {
        parts: out,
        existing,
    })
}

/// Creates the missing directories of `r` (mode 0755), checking again
/// that each one on the way is a directory, not a link; returns the path.
///
/// # Errors
/// [`LayerErrorKind::UnsafeEntry`] when a link appeared on the way since
/// the resolution; I/O errors.
pub(crate) fn create(root: &Path, r: &mut Resolved, entry: &[u8]) -> crate::ModelResult<PathBuf> {
    let mut path = root.to_path_buf();
    for (i, part) in r.parts.iter().enumerate() {
        path.push(part);
        if i < r.existing {
            continue;
        }
        match fs::DirBuilder::new().mode(0o755).create(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // Made since the walk (by this process, a directory named
                // twice on the way): only a directory will do.
                let m = fs::symlink_metadata(&path).map_err(|e| file_error(&path, e))?;
                if !m.is_dir() {
                    return Err(unsafe_entry(
                        name::display(entry),
                        format!(
                            "{} changed while it was resolved",
                            crate::validate::quote(&name::display(&name::joined(&r.parts[..=i])))
                        ),
                    )
                    .into());
                }
            }
            Err(e) => return Err(file_error(&path, e)),
        }
    }
    r.existing = r.parts.len();
    Ok(path)
}

/// The directory `joined` (components joined with `/`) below `root`, each
/// component a real directory, no link followed; `None` otherwise.
pub(crate) fn strict(root: &Path, joined: &[u8]) -> Option<PathBuf> {
    let parts = name::components(joined).ok()?;
    let mut path = root.to_path_buf();
    for part in parts {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            _ => return None,
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly on a broken setup")]

    use super::*;
    use std::os::unix::fs::symlink;

    fn parts(s: &str) -> Vec<OsString> {
        name::components(s.as_bytes()).unwrap()
    }

    fn got(root: &Path, s: &str) -> (String, usize) {
        let r = resolve(root, &parts(s), s.as_bytes()).unwrap();
        (String::from_utf8(r.joined()).unwrap(), r.existing)
    }

    #[test]
    fn links_are_followed_inside_the_root() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        fs::create_dir_all(root.join("usr/lib")).unwrap();
        fs::create_dir_all(root.join("f")).unwrap();
        fs::write(root.join("file"), b"").unwrap();
        symlink("usr/lib", root.join("lib")).unwrap();
        symlink("/usr/lib", root.join("abs")).unwrap();
        symlink("../../../../usr", root.join("up")).unwrap();
        symlink("/", root.join("top")).unwrap();
        symlink("missing/x", root.join("dangling")).unwrap();
        symlink("loop", root.join("loop")).unwrap();
        symlink("file/../usr", root.join("through-file")).unwrap();
        symlink("lib/../lib", root.join("chain")).unwrap();
        assert_eq!(got(root, "lib/x86_64"), ("usr/lib/x86_64".into(), 2));
        assert_eq!(got(root, "abs"), ("usr/lib".into(), 2));
        assert_eq!(got(root, "up/lib"), ("usr/lib".into(), 2));
        assert_eq!(got(root, "top/top/etc"), ("etc".into(), 0));
        assert_eq!(got(root, "dangling/y"), ("missing/x/y".into(), 0));
        assert_eq!(got(root, "through-file"), ("usr".into(), 1));
        // `lib/../lib`: `lib` is `usr/lib`, its `..` is `usr` (as securejoin).
        assert_eq!(got(root, "chain"), ("usr/lib".into(), 2));
        assert_eq!(got(root, "f"), ("f".into(), 1));
        let e = resolve(root, &parts("loop/x"), b"loop/x").unwrap_err();
        assert!(
            e.to_string().contains("more than 255 symbolic links"),
            "{e}"
        );
        let e = resolve(root, &parts("file/x"), b"file/x").unwrap_err();
        assert_eq!(e.to_string(), "file/x: \"file\" is not a directory");
    }

    #[test]
    fn resolving_below_a_base_gives_the_same() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        fs::create_dir_all(root.join("usr/lib/x")).unwrap();
        symlink("usr", root.join("u")).unwrap();
        symlink("../../u/lib", root.join("usr/lib/up")).unwrap();
        let base = resolve(root, &parts("u/lib"), b"u/lib").unwrap();
        for rest in ["x", "up/x", "up/up/up"] {
            let mut all = parts("u/lib");
            all.extend(parts(rest));
            let whole = resolve(root, &all, b"e").unwrap();
            let below = resolve_from(root, Some(&base), &parts(rest), b"e").unwrap();
            assert_eq!(whole, below, "{rest}");
        }
    }

    #[test]
    fn long_targets_are_bounded() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        fs::create_dir(root.join("d")).unwrap();
        // 1,600 components in one target: fine once or twice, not 255
        // times.
        let long = vec!["d/.."; 800].join("/");
        symlink(&long, root.join("a")).unwrap();
        symlink(format!("{long}/a"), root.join("b")).unwrap();
        symlink(format!("{long}/b"), root.join("c")).unwrap();
        assert_eq!(got(root, "a"), (String::new(), 0));
        assert_eq!(got(root, "b/d"), ("d".to_owned(), 1));
        let e = resolve(root, &parts("c/x"), b"c/x").unwrap_err();
        assert!(e.to_string().contains("more than 4096 components"), "{e}");
    }

    #[test]
    fn create_makes_the_missing_directories() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        symlink("/a/b", root.join("l")).unwrap();
        let mut r = resolve(root, &parts("l/c"), b"l/c").unwrap();
        assert!(!r.exists());
        let p = create(root, &mut r, b"l/c").unwrap();
        assert_eq!(p, root.join("a/b/c"));
        assert!(root.join("a/b/c").is_dir());
        assert!(r.exists());
        assert_eq!(strict(root, b"a/b/c"), Some(root.join("a/b/c")));
        assert_eq!(strict(root, b"l/c"), None);
    }
}
