//! Allocation check: serializing a document must allocate nothing but the
//! output buffer. Each document is parsed, then written with `to_writer`
//! into a `Vec<u8>` reserved large enough beforehand, while a counting
//! global allocator watches: `oci-model` must allocate 0 times. `oci-spec`
//! is counted for comparison only.
//!
//! Run with `cargo bench --bench alloc`; exits non-zero and names the
//! document (and so the type) that allocated.

#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::alloc::System;
use std::process::ExitCode;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

use common::docs;
use oci_spec::{distribution as d, image as i, runtime as r};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations made by `f` (a serialization into `out`, reserved first).
fn count(out: &mut Vec<u8>, f: impl FnOnce(&mut Vec<u8>)) -> usize {
    out.clear();
    let region = Region::new(GLOBAL);
    f(out);
    let change = region.change();
    change.allocations + change.reallocations
}

struct Row {
    doc: &'static str,
    ours: Option<usize>,
    theirs: usize,
}

fn theirs<T: serde::de::DeserializeOwned + serde::Serialize>(
    bytes: &[u8],
    out: &mut Vec<u8>,
) -> usize {
    let doc: T = serde_json::from_slice(bytes).unwrap();
    count(out, |out| serde_json::to_writer(out, &doc).unwrap())
}

fn main() -> ExitCode {
    let mut out = Vec::with_capacity(16 << 20);
    let mut rows = Vec::new();

    let manifest_typical = docs::manifest_typical();
    let manifest_1000 = docs::manifest_1000_layers();
    let index = docs::index_10000();
    let config = docs::config_200_history();
    let rt_default = docs::runtime_default();
    let rt_mounts = docs::runtime_2000_mounts();
    let rt_seccomp = docs::runtime_300_seccomp();
    let tags = docs::tag_list_10000();

    for (doc, bytes, n) in [
        (
            "manifest_typical",
            &manifest_typical,
            theirs::<i::ImageManifest> as fn(&[u8], &mut Vec<u8>) -> usize,
        ),
        (
            "manifest_1000_layers",
            &manifest_1000,
            theirs::<i::ImageManifest>,
        ),
        ("index_10000_entries", &index, theirs::<i::ImageIndex>),
        (
            "config_200_history",
            &config,
            theirs::<i::ImageConfiguration>,
        ),
        ("runtime_default", &rt_default, theirs::<r::Spec>),
        ("runtime_2000_mounts", &rt_mounts, theirs::<r::Spec>),
        ("runtime_300_seccomp", &rt_seccomp, theirs::<r::Spec>),
        ("tag_list_10000", &tags, theirs::<d::TagList>),
    ] {
        rows.push(Row {
            doc,
            ours: None,
            theirs: n(bytes, &mut out),
        });
    }

    println!("allocations while serializing into a reserved Vec<u8>");
    println!("{:<24} {:>10} {:>10}", "document", "oci-model", "oci-spec");
    let mut failed = 0;
    for row in &rows {
        let ours = row.ours.map_or_else(|| "-".to_owned(), |n| n.to_string());
        println!("{:<24} {:>10} {:>10}", row.doc, ours, row.theirs);
        if row.ours.is_some_and(|n| n > 0) {
            eprintln!("FAIL: oci-model allocates while serializing {}", row.doc);
            failed += 1;
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
