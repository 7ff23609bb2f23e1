//! Shared by the bench binaries: the documents and the side-by-side harness.
#![allow(dead_code)]

pub mod docs;

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput, black_box};

/// The configuration every bench binary uses: short, so that a full
/// `cargo bench` finishes in a few minutes on two cores.
pub fn config() -> Criterion {
    settle_allocator();
    Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20)
}

/// Allocates and frees one 16 MiB block before anything is measured.
///
/// glibc's malloc raises its mmap and trim thresholds the first time a large
/// mmapped block is freed. Until then, freeing a parsed multi-megabyte
/// document gives the memory back to the kernel and the next parse faults it
/// in again (~1,500 page faults per parse of the 10,000-entry index), so
/// whichever crate happened to be measured first looked up to 2x slower.
/// Settling the thresholds first measures both crates in the steady state
/// of a long-running process.
pub fn settle_allocator() {
    let block: Vec<u8> = vec![1; 16 << 20];
    black_box(&block);
    drop(block);
}

/// One document benchmarked with both crates in one criterion group, on the
/// same bytes: `<group>/parse/<crate>` and `<group>/serialize/<crate>`.
pub struct Doc<'c, 'b> {
    group: BenchmarkGroup<'c, WallTime>,
    bytes: &'b [u8],
}

impl<'c, 'b> Doc<'c, 'b> {
    /// A group named `name` whose throughput is the document's size.
    pub fn new(c: &'c mut Criterion, name: &str, bytes: &'b [u8]) -> Self {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        Self { group, bytes }
    }

    /// Benchmarks one crate: parse from `&[u8]`, then compact serialize
    /// into a reused `Vec<u8>`. Checks first that the crate reads the
    /// document and writes it back as the same JSON, so both crates do the
    /// same work.
    pub fn side<T>(
        &mut self,
        crate_name: &str,
        parse: impl Fn(&[u8]) -> T,
        serialize: impl Fn(&T, &mut Vec<u8>),
    ) -> T {
        let doc = parse(self.bytes);
        let mut out = Vec::with_capacity(self.bytes.len() * 2);
        serialize(&doc, &mut out);
        {
            let input: serde_json::Value = serde_json::from_slice(self.bytes).unwrap();
            let output: serde_json::Value = serde_json::from_slice(&out).unwrap();
            if input != output {
                eprintln!(
                    "note: {crate_name} does not write back the same JSON ({} bytes in, {} out): {}",
                    self.bytes.len(),
                    out.len(),
                    first_difference(&input, &output, "")
                );
            }
        }
        let bytes = self.bytes;
        self.group
            .bench_function(BenchmarkId::new("parse", crate_name), |b| {
                b.iter(|| parse(black_box(bytes)));
            });
        self.group
            .bench_function(BenchmarkId::new("serialize", crate_name), |b| {
                b.iter(|| {
                    out.clear();
                    serialize(black_box(&doc), &mut out);
                    out.len()
                });
            });
        doc
    }

    /// Benchmarks writing an already parsed document through plain serde
    /// (`serde_json::to_writer`), `serialize_serde/<crate>`.
    pub fn serde<T: serde::Serialize>(&mut self, crate_name: &str, doc: &T) {
        let mut out = Vec::with_capacity(self.bytes.len() * 2);
        self.group
            .bench_function(BenchmarkId::new("serialize_serde", crate_name), |b| {
                b.iter(|| {
                    out.clear();
                    serde_json::to_writer(&mut out, black_box(doc)).unwrap();
                    out.len()
                });
            });
    }

    /// Benchmarks an extra operation on an already parsed document (e.g.
    /// `validate/oci-model`).
    pub fn extra<T, R>(&mut self, op: &str, crate_name: &str, doc: &T, f: impl Fn(&T) -> R) {
        self.group
            .bench_function(BenchmarkId::new(op, crate_name), |b| {
                b.iter(|| f(black_box(doc)));
            });
    }

    /// Ends the group.
    pub fn finish(self) {
        self.group.finish();
    }
}

/// The JSON pointer and values of the first difference between two values.
pub fn first_difference(left: &serde_json::Value, right: &serde_json::Value, path: &str) -> String {
    use serde_json::Value;
    match (left, right) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if v == w => {}
                    Some(w) => return first_difference(v, w, &format!("{path}/{k}")),
                    None => return format!("{path}/{k} dropped"),
                }
            }
            for k in y.keys() {
                if !x.contains_key(k) {
                    return format!("{path}/{k} added");
                }
            }
            String::new()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return first_difference(v, w, &format!("{path}/{i}"));
                }
            }
            String::new()
        }
        _ => format!("{path}: {left} became {right}"),
    }
}
