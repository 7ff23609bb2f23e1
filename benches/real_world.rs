//! The real-world documents of `test-data/real-world/README.md` (54 files
//! written by Docker, containers/image, go-containerregistry, runtimes and
//! others), read from the folder `$OCI_MODEL_REAL_WORLD` names, as one
//! throughput sum: `real_world/parse/<crate>` reads every document,
//! `real_world/serialize/<crate>` writes every one back, and
//! `real_world/serialize_serde/oci-model` writes them through
//! `serde_json::to_writer`. Only the documents both crates decode count
//! (the others are named on stderr). Without the variable the bench says so
//! and does nothing.

// criterion_group! generates undocumented public functions.
#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use common::docs;

/// One document decoded by one crate.
enum Typed<C, M, I, R, E, T> {
    Config(C),
    Manifest(M),
    Index(I),
    Runtime(R),
    Error(E),
    Tags(T),
}

type Ours = Typed<
    oci_model::image::ImageConfiguration,
    oci_model::image::ImageManifest,
    oci_model::image::ImageIndex,
    oci_model::runtime::Spec,
    oci_model::distribution::ErrorResponse,
    oci_model::distribution::TagList,
>;

type Theirs = Typed<
    oci_spec::image::ImageConfiguration,
    oci_spec::image::ImageManifest,
    oci_spec::image::ImageIndex,
    oci_spec::runtime::Spec,
    oci_spec::distribution::ErrorResponse,
    oci_spec::distribution::TagList,
>;

fn ours(kind: &str, b: &[u8]) -> Option<Ours> {
    use oci_model::{distribution as d, image as i, runtime as r};
    Some(match kind {
        "config" => Typed::Config(i::ImageConfiguration::from_slice(b).ok()?),
        "manifest" => Typed::Manifest(i::ImageManifest::from_slice(b).ok()?),
        "index" => Typed::Index(i::ImageIndex::from_slice(b).ok()?),
        "runtime-config" => Typed::Runtime(r::Spec::from_slice(b).ok()?),
        "error" => Typed::Error(d::ErrorResponse::from_slice(b).ok()?),
        "taglist" => Typed::Tags(d::TagList::from_slice(b).ok()?),
        _ => return None,
    })
}

fn theirs(kind: &str, b: &[u8]) -> Option<Theirs> {
    use serde_json::from_slice as f;
    Some(match kind {
        "config" => Typed::Config(f(b).ok()?),
        "manifest" => Typed::Manifest(f(b).ok()?),
        "index" => Typed::Index(f(b).ok()?),
        "runtime-config" => Typed::Runtime(f(b).ok()?),
        "error" => Typed::Error(f(b).ok()?),
        "taglist" => Typed::Tags(f(b).ok()?),
        _ => return None,
    })
}

fn write_ours(d: &Ours, out: &mut Vec<u8>) {
    match d {
        Typed::Config(x) => x.to_writer(out).unwrap(),
        Typed::Manifest(x) => x.to_writer(out).unwrap(),
        Typed::Index(x) => x.to_writer(out).unwrap(),
        Typed::Runtime(x) => x.to_writer(out).unwrap(),
        Typed::Error(x) => x.to_writer(out).unwrap(),
        Typed::Tags(x) => x.to_writer(out).unwrap(),
    }
}

/// Writes any of the documents through `serde_json::to_writer`.
fn write_serde<C, M, I, R, E, T>(d: &Typed<C, M, I, R, E, T>, out: &mut Vec<u8>)
where
    C: serde::Serialize,
    M: serde::Serialize,
    I: serde::Serialize,
    R: serde::Serialize,
    E: serde::Serialize,
    T: serde::Serialize,
{
    match d {
        Typed::Config(x) => serde_json::to_writer(out, x).unwrap(),
        Typed::Manifest(x) => serde_json::to_writer(out, x).unwrap(),
        Typed::Index(x) => serde_json::to_writer(out, x).unwrap(),
        Typed::Runtime(x) => serde_json::to_writer(out, x).unwrap(),
        Typed::Error(x) => serde_json::to_writer(out, x).unwrap(),
        Typed::Tags(x) => serde_json::to_writer(out, x).unwrap(),
    }
}

fn real_world(c: &mut Criterion) {
    let Some(all) = docs::real_world() else {
        eprintln!("OCI_MODEL_REAL_WORLD is not set: the real-world bench does nothing");
        return;
    };
    let mut docs = Vec::new();
    for (kind, file, bytes) in all {
        match (ours(&kind, &bytes), theirs(&kind, &bytes)) {
            (Some(_), Some(_)) => docs.push((kind, bytes)),
            (o, t) => eprintln!(
                "note: {kind}/{file} left out (oci-model decodes it: {}, oci-spec: {})",
                o.is_some(),
                t.is_some()
            ),
        }
    }
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    eprintln!("real_world: {} documents, {total} bytes", docs.len());
    let mut g = c.benchmark_group("real_world");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(BenchmarkId::new("parse", "oci-model"), |b| {
        b.iter(|| {
            for (kind, bytes) in &docs {
                black_box(ours(kind, black_box(bytes)));
            }
        });
    });
    g.bench_function(BenchmarkId::new("parse", "oci-spec"), |b| {
        b.iter(|| {
            for (kind, bytes) in &docs {
                black_box(theirs(kind, black_box(bytes)));
            }
        });
    });
    let ours_docs: Vec<Ours> = docs.iter().map(|(k, b)| ours(k, b).unwrap()).collect();
    let theirs_docs: Vec<Theirs> = docs.iter().map(|(k, b)| theirs(k, b).unwrap()).collect();
    let mut out = Vec::with_capacity(1 << 20);
    g.bench_function(BenchmarkId::new("serialize", "oci-model"), |b| {
        b.iter(|| {
            for d in &ours_docs {
                out.clear();
                write_ours(black_box(d), &mut out);
            }
        });
    });
    g.bench_function(BenchmarkId::new("serialize_serde", "oci-model"), |b| {
        b.iter(|| {
            for d in &ours_docs {
                out.clear();
                write_serde(black_box(d), &mut out);
            }
        });
    });
    g.bench_function(BenchmarkId::new("serialize", "oci-spec"), |b| {
        b.iter(|| {
            for d in &theirs_docs {
                out.clear();
                write_serde(black_box(d), &mut out);
            }
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = real_world
}
criterion_main!(benches);
