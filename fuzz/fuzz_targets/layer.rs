//! Layers: each input is read as a layer (plain, gzip or zstd, detected
//! from its bytes), listed, searched for a file and applied into a scratch
//! root that has a sentinel folder beside it. The invariant: whatever the
//! layer holds, nothing outside the root is written, removed or changed
//! (the sentinel folder and the scratch folder are compared after every
//! input), and nothing panics.
//!
//! Tar headers carry a checksum, which random mutations nearly always
//! break; so each input is also applied with the checksum of every header
//! fixed (walking the headers as a tar reader does), which lets the fuzzer
//! reach names, links, whiteouts and PAX records.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oci_model::layer::{ApplyOptions, LayerReader, Limits, Unpacker};

const PREFIX: &str = "oci-model-fuzz-layer-";

/// What the sentinel folder holds, and its content.
const SECRET: &[u8] = b"sentinel";

struct Scratch {
    base: PathBuf,
    root: PathBuf,
    outside: PathBuf,
}

/// This process's scratch folder (in `/dev/shm` where there is one):
/// `root/` where layers are applied, `outside/secret` beside it.
fn scratch() -> &'static Scratch {
    static S: OnceLock<Scratch> = OnceLock::new();
    S.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let tmp = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        remove_stale(&tmp);
        let base = tmp.join(format!("{PREFIX}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("root");
        let outside = base.join("outside");
        std::fs::create_dir_all(&root).expect("scratch root");
        std::fs::create_dir_all(&outside).expect("scratch outside");
        std::fs::write(outside.join("secret"), SECRET).expect("sentinel");
        Scratch {
            base,
            root,
            outside,
        }
    })
}

/// Removes the scratch folders of processes that no longer run.
fn remove_stale(tmp: &Path) {
    let Ok(list) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in list.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix(PREFIX) {
            if !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// The sentinel is intact and the scratch folder holds only `root` and
/// `outside`.
fn check_outside(s: &Scratch) {
    let mut names: Vec<String> = std::fs::read_dir(&s.base)
        .expect("scratch folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["outside", "root"], "something was written beside the root");
    let mut inside: Vec<String> = std::fs::read_dir(&s.outside)
        .expect("sentinel folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    inside.sort();
    assert_eq!(inside, ["secret"], "something was written in the sentinel folder");
    let meta = std::fs::symlink_metadata(s.outside.join("secret")).expect("sentinel");
    assert!(meta.is_file(), "the sentinel was replaced");
    assert_eq!(std::fs::read(s.outside.join("secret")).expect("sentinel"), SECRET);
    let root = std::fs::symlink_metadata(&s.root).expect("root");
    assert!(root.is_dir(), "the root was replaced");
}

/// Empties the root (making every directory writable first: a layer may
/// leave one read-only).
fn reset(s: &Scratch) {
    if std::fs::remove_dir_all(&s.root).is_err() {
        let _ = std::process::Command::new("chmod")
            .args(["-R", "u+rwx"])
            .arg(&s.root)
            .status();
        std::fs::remove_dir_all(&s.root).expect("the root can be emptied");
    }
    std::fs::create_dir(&s.root).expect("root");
}

/// The input with the checksum of each header fixed.
fn fix_checksums(data: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    let mut at = 0usize;
    while at + 512 <= out.len() {
        let block = &mut out[at..at + 512];
        if block.iter().all(|&b| b == 0) {
            break;
        }
        block[148..156].fill(b' ');
        let sum: u32 = block.iter().map(|&b| u32::from(b)).sum();
        let text = format!("{sum:06o}\0 ");
        block[148..156].copy_from_slice(text.as_bytes());
        let size = std::str::from_utf8(&block[124..136])
            .ok()
            .map(|t| t.trim_matches(|c: char| c == '\0' || c == ' '))
            .and_then(|t| u64::from_str_radix(t, 8).ok())
            .unwrap_or(0);
        let kind = block[156];
        // Links, directories and devices have no content whatever the size says.
        let content = if matches!(kind, b'1' | b'2' | b'3' | b'4' | b'5' | b'6') {
            0
        } else {
            size
        };
        let blocks = content.div_ceil(512).min(1 << 20);
        at += 512 + usize::try_from(blocks).unwrap_or(0) * 512;
    }
    out
}

fn limits() -> Limits {
    Limits::default().set_max_entries(2000).set_max_size(8 << 20)
}

fn apply(s: &Scratch, data: &[u8], options: ApplyOptions) {
    reset(s);
    if let Ok(mut u) = Unpacker::new(&s.root, options) {
        if let Ok(r) = LayerReader::new(data) {
            let _ = u.apply(r.limits(limits()));
        }
        // A second layer over the first: links planted by one, used by the other.
        if let Ok(r) = LayerReader::new(data) {
            let _ = u.apply(r.limits(limits()));
        }
        let _ = u.finish();
    }
    check_outside(s);
}

fuzz_target!(|data: &[u8]| {
    let s = scratch();
    if let Ok(r) = LayerReader::new(data) {
        if let Ok((entries, summary)) = r.limits(limits()).list() {
            assert_eq!(summary.entries(), entries.len() as u64);
            if let Some(e) = entries.iter().find(|e| e.kind() == oci_model::layer::EntryKind::File) {
                if let Ok(r) = LayerReader::new(data) {
                    let _ = r.limits(limits()).read_file(&e.path(), 1 << 20);
                }
            }
        }
    }
    apply(s, data, ApplyOptions::rootless());
    let fixed = fix_checksums(data);
    if fixed != data {
        apply(s, &fixed, ApplyOptions::rootless());
    }
    // Ownership, devices and special bits as a privileged unpacker.
    apply(s, &fixed, ApplyOptions::privileged());
});
