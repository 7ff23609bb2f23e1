//! Real-world documents (issue 11): documents written by tools other than
//! the spec repositories' (Docker, containers/image, registries, runtimes),
//! listed in `test-data/real-world/README.md` with their repository, path,
//! commit and sha256. The documents are not in this repository (they are
//! other projects' content); with `OCI_MODEL_REAL_WORLD` naming a folder
//! that holds them, every one must be there with its sha256 and come back
//! JSON-equal through `from_slice` → `to_vec`, capability sets aside.
//! Without it, the list itself is checked.

#![allow(clippy::unwrap_used, reason = "test code: a failure is a test failure")]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

use crate::common::test_data;
use crate::lossless::{first_difference, normalized, round_trip};

/// True when every spec's model is compiled in (the corpus needs all three).
const EVERY_SPEC: bool = cfg!(all(
    feature = "image",
    feature = "runtime",
    feature = "distribution"
));

/// One row of the list.
pub(crate) struct Listed {
    /// Path below the corpus folder: `<kind>/<name>.json`.
    pub(crate) file: String,
    /// The folder: a kind as `oci-model --kind` names it.
    pub(crate) kind: String,
    /// The sha256 of the document's bytes, in hex.
    pub(crate) sha256: String,
    /// The commit of its repository it was taken at.
    commit: String,
}

/// The rows of the README's table.
pub(crate) fn listed() -> Vec<Listed> {
    let readme = std::fs::read_to_string(test_data().join("real-world/README.md")).unwrap();
    readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 7, "a row of 7 cells: {l}");
            let unquote = |s: &str| s.trim_matches('`').to_owned();
            let file = unquote(cells[0]);
            let (kind, _) = file
                .split_once('/')
                .unwrap_or_else(|| panic!("{file}: no folder"));
            Listed {
                kind: kind.to_owned(),
                file: file.clone(),
                commit: unquote(cells[3]),
                sha256: unquote(cells[5]),
            }
        })
        .collect()
}

/// The folder that holds the documents, when the environment names one.
pub(crate) fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("OCI_MODEL_REAL_WORLD").map(PathBuf::from);
    if dir.is_none() {
        eprintln!(
            "OCI_MODEL_REAL_WORLD is not set: the real-world documents were not checked \
             (test-data/real-world/README.md says how to get them)"
        );
    }
    dir
}

#[test]
fn the_list_is_well_formed() {
    let rows = listed();
    assert!(
        rows.len() >= 40,
        "{} documents, at least 40 wanted",
        rows.len()
    );
    let files: BTreeSet<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(files.len(), rows.len(), "a file is listed twice");
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    for r in &rows {
        assert!(hex(&r.sha256, 64), "{}: sha256 {:?}", r.file, r.sha256);
        assert!(hex(&r.commit, 40), "{}: commit {:?}", r.file, r.commit);
        assert!(
            std::path::Path::new(&r.file)
                .extension()
                .is_some_and(|e| e == "json"),
            "{}",
            r.file
        );
        assert!(
            round_trip(&r.kind).is_some() || !EVERY_SPEC,
            "{}: {:?} is not a document kind",
            r.file,
            r.kind
        );
    }
}

#[test]
fn every_real_world_document_comes_back_json_equal() {
    let Some(dir) = corpus_dir() else { return };
    let mut checked = 0;
    for r in listed() {
        let bytes = std::fs::read(dir.join(&r.file))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.join(&r.file).display()));
        #[cfg(feature = "hash")]
        assert_eq!(
            oci_model::image::Digest::sha256_of(&bytes).to_string(),
            format!("sha256:{}", r.sha256),
            "{}: not the listed bytes",
            r.file
        );
        let Some(rt) = round_trip(&r.kind) else {
            continue;
        };
        let out = rt(&bytes).unwrap_or_else(|e| panic!("{}: does not decode: {e}", r.file));
        let want: Value = serde_json::from_slice(&bytes).unwrap();
        let back: Value = serde_json::from_slice(&out).unwrap();
        let (back, want) = (normalized(back), normalized(want));
        assert!(
            back == want,
            "{}: round trip changed the JSON at {}",
            r.file,
            first_difference(&back, &want, "")
        );
        checked += 1;
    }
    if EVERY_SPEC {
        assert!(checked >= 40, "{checked} documents checked");
    }
    eprintln!("{checked} real-world documents came back JSON-equal");
}
