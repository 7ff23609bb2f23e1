//! The hand-written compact writer of descriptors, manifests and indexes
//! (`to_vec`, `to_writer`, `to_string`) gives exactly serde_json's bytes on
//! every image fixture that decodes as one of those kinds.
#![cfg(feature = "image")]
#![allow(clippy::unwrap_used, reason = "test code: a failure is a test failure")]

use oci_model::image::{Descriptor, ImageIndex, ImageManifest};

fn same_bytes<T: serde::Serialize>(file: &str, fast: Vec<u8>, value: &T) {
    let serde = serde_json::to_vec(value).unwrap();
    assert_eq!(
        String::from_utf8(fast).unwrap(),
        String::from_utf8(serde).unwrap(),
        "{file}"
    );
}

#[test]
fn compact_writer_matches_serde_json_on_every_fixture() {
    let kinds = std::fs::read_to_string("test-data/image/KINDS.tsv").unwrap();
    let mut checked = 0;
    for line in kinds.lines().skip(1) {
        let (file, kind) = line.split_once('\t').unwrap();
        let path = format!("test-data/image/{file}");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        match kind {
            "descriptor" => {
                if let Ok(d) = Descriptor::from_slice(&bytes) {
                    same_bytes(&path, d.to_vec().unwrap(), &d);
                    checked += 1;
                }
            }
            "manifest" => {
                if let Ok(m) = ImageManifest::from_slice(&bytes) {
                    same_bytes(&path, m.to_vec().unwrap(), &m);
                    let mut w = Vec::new();
                    m.to_writer(&mut w).unwrap();
                    same_bytes(&path, w, &m);
                    checked += 1;
                }
            }
            "index" => {
                if let Ok(i) = ImageIndex::from_slice(&bytes) {
                    same_bytes(&path, i.to_string().unwrap().into_bytes(), &i);
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    assert!(checked >= 40, "only {checked} fixtures checked");
}
