//! Crafting tar files by hand, for what the tar crate's builder refuses
//! to write (`..`, absolute names, PAX records naming them).

use std::path::{Path, PathBuf};

/// One raw entry.
pub struct Raw {
    pub name: Vec<u8>,
    pub kind: u8,
    pub link: Vec<u8>,
    pub data: Vec<u8>,
    pub mode: u32,
    pub device: (u32, u32),
    /// Declared size when it differs from `data.len()` (0: data's length).
    pub size: u64,
}

impl Raw {
    pub fn file(name: &str, data: &[u8]) -> Self {
        Self {
            name: name.as_bytes().to_vec(),
            kind: b'0',
            link: Vec::new(),
            data: data.to_vec(),
            mode: 0o644,
            device: (0, 0),
            size: 0,
        }
    }
    pub fn dir(name: &str) -> Self {
        Self {
            kind: b'5',
            mode: 0o755,
            ..Self::file(name, b"")
        }
    }
    pub fn symlink(name: &str, target: &str) -> Self {
        Self {
            kind: b'2',
            link: target.as_bytes().to_vec(),
            mode: 0o777,
            ..Self::file(name, b"")
        }
    }
    pub fn hardlink(name: &str, target: &str) -> Self {
        Self {
            kind: b'1',
            link: target.as_bytes().to_vec(),
            ..Self::file(name, b"")
        }
    }
    pub fn device(name: &str, kind: u8, major: u32, minor: u32) -> Self {
        Self {
            kind,
            device: (major, minor),
            mode: 0o666,
            ..Self::file(name, b"")
        }
    }
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = mode;
        self
    }
}

fn header(e: &Raw) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    {
        let old = h.as_old_mut();
        let n = e.name.len().min(100);
        old.name[..n].copy_from_slice(&e.name[..n]);
        let l = e.link.len().min(100);
        old.linkname[..l].copy_from_slice(&e.link[..l]);
    }
    h.set_mode(e.mode);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h.set_size(if e.size > 0 {
        e.size
    } else {
        e.data.len() as u64
    });
    h.set_entry_type(tar::EntryType::new(e.kind));
    if e.kind == b'3' || e.kind == b'4' {
        h.set_device_major(e.device.0).unwrap();
        h.set_device_minor(e.device.1).unwrap();
    }
    h.set_cksum();
    h
}

fn pad(out: &mut Vec<u8>) {
    let rem = out.len() % 512;
    if rem != 0 {
        out.resize(out.len() + 512 - rem, 0);
    }
}

/// A tar of `entries`, with or without the two end blocks.
pub fn tar(entries: &[Raw], end_blocks: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        out.extend_from_slice(header(e).as_bytes());
        out.extend_from_slice(&e.data);
        pad(&mut out);
    }
    if end_blocks {
        out.extend_from_slice(&[0u8; 1024]);
    }
    out
}

/// A PAX extended header naming `path`, then the entry `e` (whose own
/// header name is harmless).
pub fn pax_path(path: &str, e: Raw) -> Vec<u8> {
    let record = {
        let body = format!(" path={path}\n");
        // The length prefix counts itself.
        let mut len = body.len() + 1;
        while format!("{len}{body}").len() != len {
            len += 1;
        }
        format!("{len}{body}")
    };
    let mut x = Raw::file("PaxHeaders/x", record.as_bytes());
    x.kind = b'x';
    let mut out = tar(&[x], false);
    out.extend_from_slice(&tar(&[e], true));
    out
}

/// A GNU long-name entry (`././@LongLink`, type L) naming `path`, then `e`.
pub fn gnu_long_name(path: &str, e: Raw) -> Vec<u8> {
    let mut data = path.as_bytes().to_vec();
    data.push(0);
    let mut l = Raw::file("././@LongLink", &data);
    l.kind = b'L';
    let mut out = tar(&[l], false);
    out.extend_from_slice(&tar(&[e], true));
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    // Level 9: zlib-rs's level 1 (a quicker strategy) squeezes a bomb of
    // zeros less than the hostile suite wants to show.
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    g.write_all(bytes).unwrap();
    g.finish().unwrap()
}

/// A sandbox: `base/root` (where layers are applied) beside
/// `base/outside` (a sentinel holding `secret`), inside a temporary dir.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("root")).unwrap();
        std::fs::create_dir(dir.path().join("outside")).unwrap();
        std::fs::write(dir.path().join("outside/secret"), b"sentinel").unwrap();
        Self { dir }
    }
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("root")
    }
    pub fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }
    /// Everything outside `root`: path, type, mode, content.
    pub fn outside_state(&self) -> Vec<String> {
        let mut out = Vec::new();
        snapshot(
            self.dir.path(),
            self.dir.path(),
            Some(&self.root()),
            &mut out,
        );
        out
    }
}

/// A listing of the tree below `dir`: one line per entry with its type,
/// mode, link target or content digest; `skip` is left out.
pub fn snapshot(base: &Path, dir: &Path, skip: Option<&Path>, out: &mut Vec<String>) {
    use std::os::unix::fs::MetadataExt;
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for n in names {
        let p = dir.join(&n);
        if Some(p.as_path()) == skip {
            continue;
        }
        let m = std::fs::symlink_metadata(&p).unwrap();
        let rel = p.strip_prefix(base).unwrap().display().to_string();
        let mode = m.mode() & 0o7777;
        if m.file_type().is_symlink() {
            out.push(format!(
                "{rel} symlink {}",
                std::fs::read_link(&p).unwrap().display()
            ));
        } else if m.is_dir() {
            out.push(format!("{rel} dir {mode:o}"));
            snapshot(base, &p, skip, out);
        } else if m.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            out.push(format!(
                "{rel} file {mode:o} {}",
                oci_model::image::Digest::sha256_of(&bytes)
            ));
        } else {
            out.push(format!("{rel} special {mode:o} {:x}", m.rdev()));
        }
    }
}

pub fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    snapshot(dir, dir, None, &mut out);
    out
}
