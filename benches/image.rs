//! image-spec documents, `oci-model` side by side with `oci-spec` 0.10:
//! parse from `&[u8]` and compact serialize into a reused `Vec<u8>`, on the
//! same bytes, plus `validate()` on the 10,000-entry index.

// criterion_group! generates undocumented public functions.
#![allow(missing_docs)]
// Bench code, like test code, may unwrap on its own generated inputs.
#![allow(clippy::unwrap_used)]

mod common;

use criterion::{Criterion, criterion_group, criterion_main};

use common::Doc;
use common::docs;

use oci_model::Validate;
use oci_model::image as ours;

fn theirs_parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    serde_json::from_slice(bytes).unwrap()
}

fn theirs_serialize<T: serde::Serialize>(doc: &T, out: &mut Vec<u8>) {
    serde_json::to_writer(out, doc).unwrap();
}

fn manifest(c: &mut Criterion, name: &str, bytes: &[u8]) {
    let mut g = Doc::new(c, name, bytes);
    let doc = g.side(
        "oci-model",
        |b| ours::ImageManifest::from_slice(b).unwrap(),
        |d, out| d.to_writer(out).unwrap(),
    );
    g.serde("oci-model", &doc);
    g.side(
        "oci-spec",
        theirs_parse::<oci_spec::image::ImageManifest>,
        theirs_serialize,
    );
    g.finish();
}

fn manifests(c: &mut Criterion) {
    manifest(c, "manifest_typical", &docs::manifest_typical());
    manifest(c, "manifest_1000_layers", &docs::manifest_1000_layers());
    manifest(
        c,
        "manifest_1000_annotated",
        &docs::manifest_1000_annotated(),
    );
}

fn index(c: &mut Criterion) {
    let bytes = docs::index_10000();
    let mut g = Doc::new(c, "index_10000_entries", &bytes);
    let doc = g.side(
        "oci-model",
        |b| ours::ImageIndex::from_slice(b).unwrap(),
        |d, out| d.to_writer(out).unwrap(),
    );
    assert!(doc.validate().is_clean(), "{:?}", doc.validate());
    g.serde("oci-model", &doc);
    g.extra("validate", "oci-model", &doc, Validate::validate);
    g.side(
        "oci-spec",
        theirs_parse::<oci_spec::image::ImageIndex>,
        theirs_serialize,
    );
    g.finish();
}

fn config(c: &mut Criterion) {
    config_doc(c, "config_200_history", &docs::config_200_history());
    config_doc(
        c,
        "config_docker_50_history",
        &docs::config_docker_50_history(),
    );
}

fn config_doc(c: &mut Criterion, name: &str, bytes: &[u8]) {
    let mut g = Doc::new(c, name, bytes);
    let doc = g.side(
        "oci-model",
        |b| ours::ImageConfiguration::from_slice(b).unwrap(),
        |d, out| d.to_writer(out).unwrap(),
    );
    g.serde("oci-model", &doc);
    g.side(
        "oci-spec",
        theirs_parse::<oci_spec::image::ImageConfiguration>,
        theirs_serialize,
    );
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = manifests, index, config
}
criterion_main!(benches);
