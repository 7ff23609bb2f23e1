//! Allocation check: serializing a document must allocate nothing but the
//! output buffer. Each document is parsed, then written with `to_writer`
//! (once before counting: the writer's own buffer is allocated once per
//! thread) into a `Vec<u8>` reserved large enough beforehand, while a counting
//! global allocator watches: `oci-model` must allocate 0 times. `oci-spec`
//! is counted for comparison, and the allocations made while parsing are
//! shown for both (information only).
//!
//! Run with `cargo bench --bench alloc`; it exits non-zero and names the
//! document (and so the type) that allocated.

// criterion is not used here; main is the whole check.
#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::alloc::System;
use std::fmt::Write as _;
use std::process::ExitCode;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

use common::docs;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations (including reallocations) made by `f`.
fn count<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let region = Region::new(GLOBAL);
    let r = f();
    let change = region.change();
    (change.allocations + change.reallocations, r)
}

/// `(allocations while parsing, allocations while serializing)`.
type Counter = fn(&[u8], &mut Vec<u8>) -> (usize, usize);

/// Counts for an `oci-model` document type (its `from_slice`/`to_writer`).
macro_rules! ours {
    ($ty:ty) => {
        (|bytes: &[u8], out: &mut Vec<u8>| {
            let (parse, doc) = count(|| <$ty>::from_slice(bytes).unwrap());
            // The writer gathers output in a buffer of its own, allocated
            // once per thread and reused: serialize once first, so that
            // the count is the steady state of a long-running process.
            out.clear();
            doc.to_writer(out).unwrap();
            out.clear();
            let (ser, ()) = count(|| doc.to_writer(out).unwrap());
            (parse, ser)
        }) as Counter
    };
}

/// Counts for an `oci-spec` type (serde_json, as its own helpers do).
macro_rules! theirs {
    ($ty:ty) => {
        (|bytes: &[u8], out: &mut Vec<u8>| {
            let (parse, doc) = count(|| serde_json::from_slice::<$ty>(bytes).unwrap());
            out.clear();
            let (ser, ()) = count(|| serde_json::to_writer(&mut *out, &doc).unwrap());
            (parse, ser)
        }) as Counter
    };
}

/// Counts for parsing 100,000 references and writing each with `Display`
/// into one reserved `String`.
macro_rules! references {
    ($ty:ty) => {
        (|bytes: &[u8], _: &mut Vec<u8>| {
            let text = std::str::from_utf8(bytes).unwrap();
            let (parse, refs) = count(|| {
                text.lines()
                    .map(|r| r.parse::<$ty>().unwrap())
                    .collect::<Vec<_>>()
            });
            let mut out = String::with_capacity(1024);
            let (ser, ()) = count(|| {
                for r in &refs {
                    out.clear();
                    write!(out, "{r}").unwrap();
                }
            });
            (parse, ser)
        }) as Counter
    };
}

fn main() -> ExitCode {
    use oci_model::{distribution as od, image as oi};
    use oci_spec::{distribution as d, image as i, runtime as r};

    let refs = docs::references(100_000).join("\n").into_bytes();
    let rows: Vec<(&str, Vec<u8>, Option<Counter>, Counter)> = vec![
        (
            "manifest_typical",
            docs::manifest_typical(),
            Some(ours!(oi::ImageManifest)),
            theirs!(i::ImageManifest),
        ),
        (
            "manifest_1000_layers",
            docs::manifest_1000_layers(),
            Some(ours!(oi::ImageManifest)),
            theirs!(i::ImageManifest),
        ),
        (
            "index_10000_entries",
            docs::index_10000(),
            Some(ours!(oi::ImageIndex)),
            theirs!(i::ImageIndex),
        ),
        (
            "config_200_history",
            docs::config_200_history(),
            Some(ours!(oi::ImageConfiguration)),
            theirs!(i::ImageConfiguration),
        ),
        (
            "runtime_default",
            docs::runtime_default(),
            Some(ours!(oci_model::runtime::Spec)),
            theirs!(r::Spec),
        ),
        (
            "runtime_2000_mounts",
            docs::runtime_2000_mounts(),
            Some(ours!(oci_model::runtime::Spec)),
            theirs!(r::Spec),
        ),
        (
            "runtime_300_seccomp",
            docs::runtime_300_seccomp(),
            Some(ours!(oci_model::runtime::Spec)),
            theirs!(r::Spec),
        ),
        (
            "references_100000",
            refs,
            Some(references!(od::Reference)),
            references!(d::Reference),
        ),
        (
            "tag_list_10000",
            docs::tag_list_10000(),
            Some(ours!(od::TagList)),
            theirs!(d::TagList),
        ),
    ];

    let mut out = Vec::with_capacity(16 << 20);
    println!("allocations (parse / serialize into a reserved buffer)");
    println!("{:<24} {:>14} {:>14}", "document", "oci-model", "oci-spec");
    let mut failed = Vec::new();
    for (doc, bytes, ours, theirs) in &rows {
        let (tp, ts) = theirs(bytes, &mut out);
        let ours_text = match ours {
            Some(f) => {
                let (op, os) = f(bytes, &mut out);
                if os > 0 {
                    failed.push((*doc, os));
                }
                format!("{op} / {os}")
            }
            None => "-".to_owned(),
        };
        println!("{doc:<24} {ours_text:>14} {:>14}", format!("{tp} / {ts}"));
    }
    for (doc, n) in &failed {
        eprintln!("FAIL: oci-model allocates {n} times while serializing {doc}");
    }
    if failed.is_empty() {
        println!("ok: oci-model serializes without allocating");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
