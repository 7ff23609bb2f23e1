//! Verifying an image layout with 1 GiB of blobs (`ReadLayout::check`),
//! for comparison with `sha256sum` over the same files (BENCHMARKS.md).
//!
//! ```text
//! nice -n 19 cargo bench --bench layout --features layout
//! LAYOUT_BENCH_DIR=/tmp/layout-bench nice -n 19 cargo bench --bench layout --features layout
//! ```
//!
//! The layout (16 layers of 64 MiB, a configuration, a manifest, an index)
//! is written once, before measuring; with `LAYOUT_BENCH_DIR` it is written
//! there (or reused) and kept, so that `sha256sum` can be timed on the same
//! files. Outside `cargo bench` (as `cargo test --benches` runs it) the
//! layers are 64 KiB each. Peak memory (VmHWM) is printed before and after
//! the measurements: it stays flat, as blobs are hashed in a fixed buffer.

#![allow(
    clippy::expect_used,
    reason = "a bench fails loudly when it cannot set up its data"
)]

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput};
use oci_model::image::layout::{ImageLayout, ReadLayout};
use oci_model::image::{
    Arch, Digest, ImageConfigurationBuilder, ImageIndexBuilder, ImageManifestBuilder, MediaType,
    Os, RootFsBuilder, Stored,
};

const LAYERS: usize = 16;

/// Deterministic, incompressible-looking bytes (xorshift).
fn layer_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    // Layers are gzip by their media type; start as gzip data does, so
    // that the check has nothing to warn about.
    out[..2].copy_from_slice(&[0x1f, 0x8b]);
    out
}

/// Writes the layout at `root` unless it is already there.
fn prepare(root: &Path, layer_size: usize) -> u64 {
    if let Ok(layout) = ImageLayout::open(root) {
        let report = layout.check();
        if report.problems().is_empty() && report.bytes_checked() >= (LAYERS * layer_size) as u64 {
            return report.bytes_checked();
        }
    }
    let _ = std::fs::remove_dir_all(root);
    let mut layout = ImageLayout::create(root).expect("create the layout");
    let mut layers = Vec::new();
    let mut diff_ids = Vec::new();
    for n in 0..LAYERS {
        let bytes = layer_bytes(n as u64 + 1, layer_size);
        diff_ids.push(Digest::sha256_of(&bytes));
        layers.push(
            layout
                .write_blob(MediaType::ImageLayerGzip, &bytes)
                .expect("write a layer"),
        );
    }
    let config = ImageConfigurationBuilder::default()
        .architecture(Arch::Amd64)
        .os(Os::Linux)
        .rootfs(
            RootFsBuilder::default()
                .diff_ids(diff_ids.iter().map(ToString::to_string).collect::<Vec<_>>())
                .build()
                .expect("rootfs"),
        )
        .build()
        .expect("config");
    let config = layout
        .write_stored(&Stored::new(config).expect("config bytes"))
        .expect("write the config");
    let manifest = ImageManifestBuilder::default()
        .config(config)
        .layers(layers)
        .build()
        .expect("manifest");
    let manifest = layout
        .write_stored(&Stored::new(manifest).expect("manifest bytes"))
        .expect("write the manifest");
    let index = ImageIndexBuilder::default()
        .manifests(vec![manifest])
        .build()
        .expect("index");
    let index = layout
        .write_stored(&Stored::new(index).expect("index bytes"))
        .expect("write the index");
    layout.add_manifest(index, Some("bench")).expect("name it");
    layout.check().bytes_checked()
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let layer_size = if bench_mode { 64 << 20 } else { 64 << 10 };
    let (root, _temp): (PathBuf, Option<tempfile::TempDir>) =
        match std::env::var_os("LAYOUT_BENCH_DIR") {
            Some(dir) if bench_mode => (PathBuf::from(dir), None),
            _ => {
                let t = tempfile::tempdir().expect("temporary directory");
                (t.path().join("layout"), Some(t))
            }
        };
    let bytes = prepare(&root, layer_size);
    let layout = ImageLayout::open(&root).expect("open the layout");
    println!(
        "layout at {}: {bytes} bytes of blobs; peak memory before: {}",
        root.display(),
        peak_memory()
    );

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("layout_check");
    group.throughput(Throughput::Bytes(bytes));
    if bench_mode {
        group.sample_size(10);
    }
    group.bench_function(format!("{}MiB", bytes >> 20), |b| {
        b.iter(|| {
            let report = layout.check();
            assert!(report.problems().is_empty(), "{report}");
            report.bytes_checked()
        });
    });
    group.finish();
    c.final_summary();
    println!("peak memory after: {}", peak_memory());
}
