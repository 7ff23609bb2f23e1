//! A driver for profilers (valgrind callgrind, perf): runs one operation on
//! one document with one crate, `ITERS` times, inside `work` so that
//! `--toggle-collect=*work*` counts only that.
//!
//! ```text
//! cargo bench --bench profile --no-run
//! valgrind --tool=callgrind --toggle-collect='*profile*work*' \
//!     target/release/deps/profile-<hash> index parse oci-model 3
//! ```
//!
//! Documents: manifest_typical, manifest_1000_layers,
//! manifest_1000_annotated, index, config, config_docker, runtime_default,
//! runtime_2000_mounts, runtime_300_seccomp, runtime_300_seccomp_40_mounts,
//! references, tag_list. Operations: parse, serialize, validate (oci-model only).
//! `profile sizes` prints the in-memory sizes of the main types.
//!
//! `BALLAST=1` keeps two `serde_json::Value` trees of the document alive
//! while measuring (other live heap data, as in an application); with
//! `perf stat -e task-clock,page-faults` it shows glibc's trim behaviour
//! (see BENCHMARKS.md).

// criterion is not used here; main is the whole driver.
#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::hint::black_box;

use common::docs;
use oci_model::Validate;

/// Runs `f` `iters` times; the only function callgrind collects in.
#[inline(never)]
fn work(iters: usize, f: &mut dyn FnMut()) {
    for _ in 0..iters {
        f();
    }
}

/// Parses once outside `work`, then runs `op` inside it.
fn run<T>(
    bytes: &[u8],
    op: &str,
    iters: usize,
    parse: impl Fn(&[u8]) -> T,
    serialize: impl Fn(&T, &mut Vec<u8>),
    validate: Option<fn(&T) -> oci_model::ValidationReport>,
) {
    let doc = parse(bytes);
    let mut out = Vec::with_capacity(bytes.len() * 2);
    // BALLAST=1 keeps two JSON trees of the document alive while measuring,
    // like an application with other live heap data.
    let _ballast: Vec<serde_json::Value> = if std::env::var_os("BALLAST").is_some() {
        (0..2)
            .map(|_| serde_json::from_slice(bytes).unwrap())
            .collect()
    } else {
        Vec::new()
    };
    match op {
        "parse" => work(iters, &mut || {
            black_box(parse(black_box(bytes)));
        }),
        "serialize" => work(iters, &mut || {
            out.clear();
            serialize(black_box(&doc), &mut out);
        }),
        "validate" => {
            let Some(v) = validate else {
                panic!("validate is for oci-model documents")
            };
            work(iters, &mut || {
                black_box(v(black_box(&doc)));
            });
        }
        _ => panic!("unknown operation {op}"),
    }
}

macro_rules! ours {
    ($ty:ty, $bytes:expr, $op:expr, $iters:expr) => {
        run(
            $bytes,
            $op,
            $iters,
            |b| <$ty>::from_slice(b).unwrap(),
            |d, out| d.to_writer(out).unwrap(),
            Some(|d: &$ty| d.validate()),
        )
    };
}

macro_rules! theirs {
    ($ty:ty, $bytes:expr, $op:expr, $iters:expr) => {
        run(
            $bytes,
            $op,
            $iters,
            |b| serde_json::from_slice::<$ty>(b).unwrap(),
            |d, out| serde_json::to_writer(out, d).unwrap(),
            None,
        )
    };
}

fn references<R: std::str::FromStr + std::fmt::Display>(op: &str, iters: usize)
where
    R::Err: std::fmt::Debug,
{
    // REFS=n parses fewer references (oci-spec's regex is slow under callgrind).
    let n = std::env::var("REFS").map_or(100_000, |n| n.parse().unwrap());
    let refs = docs::references(n);
    let parsed: Vec<R> = refs.iter().map(|r| r.parse().unwrap()).collect();
    let mut out = String::with_capacity(256);
    match op {
        "parse" => work(iters, &mut || {
            for r in &refs {
                black_box(r.parse::<R>().unwrap());
            }
        }),
        "serialize" => work(iters, &mut || {
            for r in &parsed {
                out.clear();
                write!(out, "{r}").unwrap();
            }
        }),
        _ => panic!("unknown operation {op}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    // SETTLE=1 settles glibc's thresholds first, as the criterion benches do.
    if std::env::var_os("SETTLE").is_some() {
        common::settle_allocator();
    }
    if args.first().map(String::as_str) == Some("sizes") {
        sizes();
        return;
    }
    let [doc, op, krate, rest @ ..] = args.as_slice() else {
        // `cargo bench` runs every bench binary without arguments: nothing to do.
        eprintln!("usage: profile DOCUMENT parse|serialize|validate oci-model|oci-spec [ITERS]");
        return;
    };
    let iters: usize = rest.first().map_or(1, |n| n.parse().unwrap());
    let ours = match krate.as_str() {
        "oci-model" => true,
        "oci-spec" => false,
        _ => panic!("unknown crate {krate}"),
    };
    let (op, iters) = (op.as_str(), iters);
    match doc.as_str() {
        "manifest_typical" | "manifest_1000_layers" | "manifest_1000_annotated" => {
            let bytes = match doc.as_str() {
                "manifest_typical" => docs::manifest_typical(),
                "manifest_1000_layers" => docs::manifest_1000_layers(),
                _ => docs::manifest_1000_annotated(),
            };
            if ours {
                ours!(oci_model::image::ImageManifest, &bytes, op, iters);
            } else {
                theirs!(oci_spec::image::ImageManifest, &bytes, op, iters);
            }
        }
        "index" => {
            let bytes = docs::index_10000();
            if ours {
                ours!(oci_model::image::ImageIndex, &bytes, op, iters);
            } else {
                theirs!(oci_spec::image::ImageIndex, &bytes, op, iters);
            }
        }
        "config" | "config_docker" => {
            let bytes = if doc == "config" {
                docs::config_200_history()
            } else {
                docs::config_docker_50_history()
            };
            if ours {
                ours!(oci_model::image::ImageConfiguration, &bytes, op, iters);
            } else {
                theirs!(oci_spec::image::ImageConfiguration, &bytes, op, iters);
            }
        }
        "runtime_default"
        | "runtime_2000_mounts"
        | "runtime_300_seccomp"
        | "runtime_300_seccomp_40_mounts" => {
            let bytes = match doc.as_str() {
                "runtime_default" => docs::runtime_default(),
                "runtime_2000_mounts" => docs::runtime_2000_mounts(),
                "runtime_300_seccomp" => docs::runtime_300_seccomp(),
                _ => docs::runtime_300_seccomp_40_mounts(),
            };
            if ours {
                ours!(oci_model::runtime::Spec, &bytes, op, iters);
            } else {
                theirs!(oci_spec::runtime::Spec, &bytes, op, iters);
            }
        }
        "references" => {
            if ours {
                references::<oci_model::distribution::Reference>(op, iters);
            } else {
                references::<oci_spec::distribution::Reference>(op, iters);
            }
        }
        "tag_list" => {
            let bytes = docs::tag_list_10000();
            if ours {
                ours!(oci_model::distribution::TagList, &bytes, op, iters);
            } else {
                theirs!(oci_spec::distribution::TagList, &bytes, op, iters);
            }
        }
        _ => panic!("unknown document {doc}"),
    }
}

/// Prints the in-memory size of the types whose vectors dominate the heap.
fn sizes() {
    use std::mem::size_of;
    println!(
        "Descriptor: oci-model {} bytes, oci-spec {} bytes",
        size_of::<oci_model::image::Descriptor>(),
        size_of::<oci_spec::image::Descriptor>()
    );
    println!(
        "Platform: oci-model {} bytes, oci-spec {} bytes",
        size_of::<oci_model::image::Platform>(),
        size_of::<oci_spec::image::Platform>()
    );
    println!(
        "Mount: oci-model {} bytes, oci-spec {} bytes",
        size_of::<oci_model::runtime::Mount>(),
        size_of::<oci_spec::runtime::Mount>()
    );
    println!(
        "Reference: oci-model {} bytes, oci-spec {} bytes",
        size_of::<oci_model::distribution::Reference>(),
        size_of::<oci_spec::distribution::Reference>()
    );
}
