//! Image layouts: the archive reader (`LayoutArchive`) and the
//! docker-archive reader (`DockerArchive`) on every input taken as a
//! `.tar`, and, for inputs in the "files" form (below), the directory
//! reader (`ImageLayout`) and the archive reader on the same files, whose
//! reports must agree.
//!
//! The files form: `#files\n`, then parts separated by `\n#\n`: the
//! `oci-layout` file, `index.json`, then blobs, each stored as
//! `blobs/sha256/<its own sha256>` (so `index.json` can name them; a blob
//! given twice is stored once).
//!
//! On whatever opens, the target does what a user would: list the images,
//! resolve names and platforms, read every document and blob reachable from
//! `index.json` by descriptor (each blob returned must match its
//! descriptor), check (fsck) and garbage-collect (after which the layout
//! checks the same, with nothing unreferenced).
#![no_main]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oci_model::docker::DockerArchive;
use oci_model::image::layout::{
    ImageLayout, LayoutArchive, LayoutReport, MAX_DEPTH, MAX_DOCUMENT_SIZE, ReadLayout,
};
use oci_model::image::{Descriptor, Digest, ImageIndex, ImageManifest, Stored};

/// The magic that starts the files form.
const FILES: &[u8] = b"#files\n";
/// The separator of its parts.
const SEPARATOR: &[u8] = b"\n#\n";
/// How many descriptors one input may have read (nested indexes can name
/// each other many times over).
const MAX_READS: usize = 64;

/// The name of a scratch folder, before the process id.
const PREFIX: &str = "oci-model-fuzz-layout-";

/// This process's scratch folder: in `/dev/shm` where there is one (no disk
/// writes), else the temporary directory. One per process, reused; the
/// folders of processes that have ended are removed when the next starts.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        remove_stale(&base);
        let dir = base.join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("the scratch folder can be made");
        dir
    })
}

/// Removes the scratch folders of processes that no longer run (where
/// `/proc` tells).
fn remove_stale(base: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let tar = scratch().join("input.tar");
    std::fs::write(&tar, bytes).expect("the input can be written");
    archive(&tar);
    docker_archive(&tar);
    if let Some(files) = bytes.strip_prefix(FILES) {
        files_form(files);
    }
});

/// The archive reader on the file `tar`.
fn archive(tar: &Path) {
    let checked = match LayoutArchive::check_file(tar) {
        Ok(report) => {
            show(&report);
            Some(report)
        }
        Err(e) => {
            oci_model_fuzz::error(&e);
            None
        }
    };
    match LayoutArchive::open(tar) {
        Ok(archive) => {
            let checked = checked.expect("an archive that opens can be checked");
            let report = archive.check();
            assert_eq!(
                report, checked,
                "check() of the opened archive is check_file()"
            );
            reads(&archive);
            match archive.gc() {
                Ok((after, removed)) => {
                    assert_eq!(
                        removed,
                        checked.unreferenced(),
                        "gc removes the unreferenced"
                    );
                    let again = after.check();
                    assert!(again.is_valid(), "a collected archive is valid:\n{again}");
                    assert!(
                        again.unreferenced().is_empty(),
                        "gc leaves nothing unreferenced"
                    );
                }
                Err(e) => {
                    assert!(
                        !checked.is_valid(),
                        "gc fails only on an invalid archive: {e}"
                    );
                    oci_model_fuzz::error(&e);
                }
            }
        }
        Err(e) => oci_model_fuzz::error(&e),
    }
}

/// The docker-archive reader on the file `tar`: whatever opens is checked
/// (every configuration decoded, every layer hashed, a compressed one
/// decompressed) and its configurations read, without a panic.
fn docker_archive(tar: &Path) {
    match DockerArchive::open(tar) {
        Ok(archive) => {
            std::hint::black_box(archive.is_oci_layout());
            let report = archive.check();
            std::hint::black_box(report.is_valid());
            for image in archive.images() {
                if let Err(e) = archive.read(image.config(), MAX_DOCUMENT_SIZE) {
                    std::hint::black_box(e.to_string());
                }
            }
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
        }
    }
}

/// The files form: the same files as a directory and as an archive.
fn files_form(files: &[u8]) {
    let mut parts = split(files);
    let header = parts.next().unwrap_or_default();
    let index = parts.next().unwrap_or_default();
    // The documents on their own, as the other targets check them.
    oci_model_fuzz::document!(oci_model::image::OciLayout, header);
    oci_model_fuzz::document!(ImageIndex, index);
    // A blob given twice is stored once (a directory cannot hold it twice;
    // an archive holding it twice is refused).
    let mut blobs: Vec<(Digest, &[u8])> = parts.map(|b| (Digest::sha256_of(b), b)).collect();
    blobs.sort_by(|a, b| a.0.cmp(&b.0));
    blobs.dedup_by(|a, b| a.0 == b.0);

    let dir = scratch().join("dir");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("the last layout can be removed");
    }
    let sha256 = dir.join("blobs").join("sha256");
    std::fs::create_dir_all(&sha256).expect("blobs/sha256 can be made");
    std::fs::write(dir.join("oci-layout"), header).expect("oci-layout can be written");
    std::fs::write(dir.join("index.json"), index).expect("index.json can be written");
    for (digest, blob) in &blobs {
        std::fs::write(sha256.join(digest.encoded()), blob).expect("a blob can be written");
    }

    let tar = scratch().join("files.tar");
    {
        let file = std::fs::File::create(&tar).expect("the archive can be made");
        let mut builder = tar::Builder::new(file);
        let mut add = |name: &str, data: &[u8]| {
            let mut h = tar::Header::new_ustar();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_entry_type(tar::EntryType::Regular);
            builder
                .append_data(&mut h, name, data)
                .expect("an entry can be written");
        };
        add("oci-layout", header);
        add("index.json", index);
        for (digest, blob) in &blobs {
            add(&format!("blobs/sha256/{}", digest.encoded()), blob);
        }
        builder.finish().expect("the archive can be finished");
    }

    let from_dir = ImageLayout::check_dir(&dir).expect("a directory can be checked");
    let from_tar = LayoutArchive::check_file(&tar).expect("a written archive can be checked");
    assert_eq!(
        from_dir, from_tar,
        "a directory and its archive check the same"
    );
    show(&from_dir);
    match ImageLayout::open(&dir) {
        Ok(layout) => {
            assert_eq!(
                layout.check(),
                from_dir,
                "check() of the opened layout is check_dir()"
            );
            reads(&layout);
            match layout.gc() {
                Ok(removed) => {
                    assert_eq!(
                        removed,
                        from_dir.unreferenced(),
                        "gc removes the unreferenced"
                    );
                    let again = layout.check();
                    assert!(again.is_valid(), "a collected layout is valid:\n{again}");
                    assert!(
                        again.unreferenced().is_empty(),
                        "gc leaves nothing unreferenced"
                    );
                }
                Err(e) => {
                    assert!(
                        !from_dir.is_valid(),
                        "gc fails only on an invalid layout: {e}"
                    );
                    oci_model_fuzz::error(&e);
                }
            }
        }
        Err(e) => oci_model_fuzz::error(&e),
    }
    archive(&tar);
}

/// The parts of the files form.
fn split(mut rest: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(at) => {
                let part = &rest[..at];
                rest = &rest[at + SEPARATOR.len()..];
                Some(part)
            }
            None => {
                done = true;
                Some(rest)
            }
        }
    })
}

/// Formats a report, as the CLI shows it.
fn show(report: &LayoutReport) {
    std::hint::black_box(report.to_string());
    std::hint::black_box(serde_json::to_vec(report).expect("a report serializes"));
}

/// What a user reads from an open layout.
fn reads<L: ReadLayout>(layout: &L) {
    let images = layout.images();
    let mut names: Vec<&str> = images.iter().filter_map(|(n, _)| *n).collect();
    names.dedup();
    for name in names.iter().take(4) {
        assert!(!layout.find(name).is_empty(), "a listed name is found");
        resolved(layout.resolve(Some(name), None));
    }
    resolved(layout.resolve(None, None));
    for (_, d) in images.iter().take(4) {
        if let Some(p) = d.platform() {
            resolved(layout.resolve(None, Some(p)));
        }
    }
    if let Ok(entries) = layout.blob_entries() {
        for e in &entries {
            std::hint::black_box((e.path(), e.kind(), e.len()));
        }
    }
    let mut budget = MAX_READS;
    for (_, d) in images {
        read(layout, d, 0, &mut budget);
    }
}

fn resolved(r: oci_model::ModelResult<Descriptor>) {
    match r {
        Ok(d) => assert!(
            d.media_type().is_manifest(),
            "resolve gives a manifest: {}",
            d.media_type()
        ),
        Err(e) => oci_model_fuzz::error(&e),
    }
}

/// Reads the blob `d` names (and, for documents, the blobs they name):
/// whatever is returned matches `d`.
fn read<L: ReadLayout>(layout: &L, d: &Descriptor, depth: usize, budget: &mut usize) {
    if *budget == 0 || depth > MAX_DEPTH {
        return;
    }
    *budget -= 1;
    match layout.read_blob(d, MAX_DOCUMENT_SIZE) {
        Ok(bytes) => d
            .verify(&bytes)
            .expect("a blob read matches its descriptor"),
        Err(e) => oci_model_fuzz::error(&e),
    }
    match layout.open_blob(d) {
        Ok(mut reader) => {
            let mut bytes = Vec::new();
            match reader.read_to_end(&mut bytes) {
                Ok(_) => d
                    .verify(&bytes)
                    .expect("a blob streamed matches its descriptor"),
                Err(e) => std::hint::black_box(e.to_string()).clear(),
            }
        }
        Err(e) => oci_model_fuzz::error(&e),
    }
    if d.media_type().is_index() {
        match layout.read_stored::<ImageIndex>(d, MAX_DOCUMENT_SIZE) {
            Ok(index) => {
                for m in index.manifests() {
                    read(layout, m, depth + 1, budget);
                }
            }
            Err(e) => oci_model_fuzz::error(&e),
        }
    } else if d.media_type().is_manifest() {
        match layout.read_stored::<ImageManifest>(d, MAX_DOCUMENT_SIZE) {
            Ok(manifest) => manifest_blobs(layout, &manifest, depth, budget),
            Err(e) => oci_model_fuzz::error(&e),
        }
    }
}

fn manifest_blobs<L: ReadLayout>(
    layout: &L,
    manifest: &Stored<ImageManifest>,
    depth: usize,
    budget: &mut usize,
) {
    read(layout, manifest.config(), depth + 1, budget);
    for layer in manifest.layers() {
        read(layout, layer, depth + 1, budget);
    }
}
