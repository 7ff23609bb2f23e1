//! distribution-spec values, `oci-model` side by side with `oci-spec` 0.10:
//! 100,000 image references (parse from `&str`, write back with `Display`
//! into a reused `String`) and a 10,000-entry tag list (parse from `&[u8]`,
//! compact serialize into a reused `Vec<u8>`).

// criterion_group! generates undocumented public functions.
#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, black_box, criterion_group, criterion_main,
};

use common::Doc;
use common::docs;

fn references(c: &mut Criterion) {
    let refs = docs::references(100_000);
    let total: usize = refs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("references_100000");
    g.throughput(Throughput::Bytes(total as u64));
    // oci-spec takes ~0.6 s to parse the batch (a large regex per
    // reference): flat sampling of 10 batches keeps the run short.
    g.sampling_mode(SamplingMode::Flat).sample_size(10);

    let ours: Vec<oci_model::distribution::Reference> =
        refs.iter().map(|r| r.parse().unwrap()).collect();
    g.bench_function(BenchmarkId::new("parse", "oci-model"), |b| {
        b.iter(|| {
            for r in &refs {
                black_box(r.parse::<oci_model::distribution::Reference>().unwrap());
            }
        });
    });
    let mut out = String::with_capacity(256);
    g.bench_function(BenchmarkId::new("serialize", "oci-model"), |b| {
        b.iter(|| {
            let mut n = 0;
            for r in &ours {
                out.clear();
                write!(out, "{r}").unwrap();
                n += out.len();
            }
            n
        });
    });

    let parse_theirs = |refs: &[String]| -> Vec<oci_spec::distribution::Reference> {
        refs.iter().map(|r| r.parse().unwrap()).collect()
    };
    let theirs = parse_theirs(&refs);
    g.bench_function(BenchmarkId::new("parse", "oci-spec"), |b| {
        b.iter(|| {
            for r in &refs {
                black_box(r.parse::<oci_spec::distribution::Reference>().unwrap());
            }
        });
    });
    let mut out = String::with_capacity(256);
    g.bench_function(BenchmarkId::new("serialize", "oci-spec"), |b| {
        b.iter(|| {
            let mut n = 0;
            for r in &theirs {
                out.clear();
                write!(out, "{r}").unwrap();
                n += out.len();
            }
            n
        });
    });
    g.finish();
}

fn tag_list(c: &mut Criterion) {
    let bytes = docs::tag_list_10000();
    let mut g = Doc::new(c, "tag_list_10000", &bytes);
    g.side(
        "oci-model",
        |b| oci_model::distribution::TagList::from_slice(b).unwrap(),
        |d, out| d.to_writer(out).unwrap(),
    );
    g.side(
        "oci-spec",
        |b| serde_json::from_slice::<oci_spec::distribution::TagList>(b).unwrap(),
        |d, out| serde_json::to_writer(out, d).unwrap(),
    );
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = references, tag_list
}
criterion_main!(benches);
