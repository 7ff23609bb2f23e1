//! runtime-spec documents, `oci-model` side by side with `oci-spec` 0.10:
//! parse from `&[u8]` and compact serialize into a reused `Vec<u8>`, on the
//! same bytes, plus `validate()` on the 2,000-mount spec and pretty
//! serialization (what a runtime writes to `config.json`) of each spec.

// criterion_group! generates undocumented public functions.
#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;

use criterion::{Criterion, criterion_group, criterion_main};

use common::Doc;
use common::docs;

use oci_model::Validate;
use oci_model::runtime::Spec;

fn theirs_parse(bytes: &[u8]) -> oci_spec::runtime::Spec {
    serde_json::from_slice(bytes).unwrap()
}

fn theirs_serialize(doc: &oci_spec::runtime::Spec, out: &mut Vec<u8>) {
    serde_json::to_writer(out, doc).unwrap();
}

fn spec(c: &mut Criterion, name: &str, bytes: &[u8], validate: bool) {
    let mut g = Doc::new(c, name, bytes);
    let doc = g.side(
        "oci-model",
        |b| Spec::from_slice(b).unwrap(),
        |d, out| d.to_writer(out).unwrap(),
    );
    assert!(doc.validate().is_valid(), "{:?}", doc.validate());
    g.serde("oci-model", &doc);
    if validate {
        g.extra("validate", "oci-model", &doc, Validate::validate);
    }
    let out = RefCell::new(Vec::with_capacity(bytes.len() * 3));
    g.extra("serialize_pretty", "oci-model", &doc, |d| {
        let mut out = out.borrow_mut();
        out.clear();
        d.to_writer_pretty(&mut *out).unwrap();
        out.len()
    });
    let theirs = g.side("oci-spec", theirs_parse, theirs_serialize);
    g.extra("serialize_pretty", "oci-spec", &theirs, |d| {
        let mut out = out.borrow_mut();
        out.clear();
        serde_json::to_writer_pretty(&mut *out, d).unwrap();
        out.len()
    });
    g.finish();
}

fn specs(c: &mut Criterion) {
    spec(c, "runtime_default", &docs::runtime_default(), false);
    spec(c, "runtime_2000_mounts", &docs::runtime_2000_mounts(), true);
    spec(
        c,
        "runtime_300_seccomp",
        &docs::runtime_300_seccomp(),
        false,
    );
    spec(
        c,
        "runtime_300_seccomp_40_mounts",
        &docs::runtime_300_seccomp_40_mounts(),
        false,
    );
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = specs
}
criterion_main!(benches);
