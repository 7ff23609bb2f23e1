//! Round trips and verdicts over the runtime-spec v1.3.0 test data:
//! `test-data/runtime/{config,state}/{good,bad}` and the example fragments in
//! `test-data/runtime/examples` (see `test-data/runtime/SOURCES.md`).
#![cfg(feature = "runtime")]
#![allow(clippy::unwrap_used, reason = "test helpers panic on broken test data")]

use std::fs;
use std::path::{Path, PathBuf};

use oci_model::Validate;
use oci_model::runtime::{
    ContainerProcessState, FreeBSD, Solaris, Spec, State, VMHwConfig, VMHypervisor, VMImage,
    VMKernel, ZOS,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

fn data(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-data/runtime")
        .join(dir)
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(data(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    files
}

/// Parses `value` as `T`, re-serializes it and asserts JSON equality.
fn round_trip<T: DeserializeOwned + Serialize>(what: &str, value: &Value) -> T {
    let parsed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what}: does not parse: {e}"));
    let back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(&back, value, "{what}: round trip changed the document");
    parsed
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn good_configs_parse_round_trip_and_validate() {
    let files = json_files("config/good");
    assert_eq!(files.len(), 9);
    for path in files {
        let name = path.display().to_string();
        let value = read_json(&path);
        let spec: Spec = round_trip(&name, &value);
        // The crate's own decoder agrees.
        let again = Spec::from_file(&path).unwrap();
        assert_eq!(again, spec, "{name}");
        let report = spec.validate();
        assert_eq!(report.errors().count(), 0, "{name}:\n{report}");
    }
}

#[test]
fn good_state_parses_round_trips_and_validates() {
    let files = json_files("state/good");
    assert_eq!(files.len(), 1);
    for path in files {
        let name = path.display().to_string();
        let state: State = round_trip(&name, &read_json(&path));
        let report = state.validate();
        assert!(report.is_clean(), "{name}:\n{report}");
    }
}

fn expected(dir: &str) -> Vec<(String, String)> {
    let text = fs::read_to_string(data(dir).join("EXPECTED.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            (
                cols.next().unwrap().to_owned(),
                cols.next().unwrap().to_owned(),
            )
        })
        .collect()
}

fn check_bad<T: DeserializeOwned + Validate>(dir: &str) {
    let cases = expected(dir);
    let files = json_files(dir);
    assert_eq!(
        cases.len(),
        files.len(),
        "{dir}: EXPECTED.tsv must list every file"
    );
    for (file, rule) in cases {
        let path = data(dir).join(&file);
        let bytes = fs::read(&path).unwrap();
        let parsed = oci_model::io::from_slice::<T>(&bytes);
        if rule == "decode" {
            assert!(parsed.is_err(), "{file}: expected a decode error");
            continue;
        }
        let doc = parsed.unwrap_or_else(|e| panic!("{file}: must decode, then break {rule}: {e}"));
        let report = doc.validate();
        assert!(!report.is_valid(), "{file}: expected invalid");
        assert!(
            report.errors().any(|v| v.rule_name() == rule),
            "{file}: expected rule {rule}, got:\n{report}"
        );
    }
}

#[test]
fn bad_configs_are_rejected_by_their_rule() {
    check_bad::<Spec>("config/bad");
}

#[test]
fn bad_states_are_rejected_by_their_rule() {
    check_bad::<State>("state/bad");
}

/// Wraps top-level members into a minimal spec, parses, and checks that
/// every member of the fragment comes back unchanged.
fn top_level_fragment(name: &str, fragment: &Value) {
    let Value::Object(members) = fragment else {
        panic!("{name}: not an object")
    };
    let mut doc = Map::new();
    doc.insert("ociVersion".into(), "1.3.0".into());
    doc.insert("root".into(), serde_json::json!({"path": "rootfs"}));
    if members.contains_key("windows") {
        doc.insert(
            "windows".into(),
            serde_json::json!({"layerFolders": ["C:\\layers\\scratch"]}),
        );
    }
    for (k, v) in members {
        doc.insert(k.clone(), v.clone());
    }
    let spec: Spec = serde_json::from_value(Value::Object(doc))
        .unwrap_or_else(|e| panic!("{name}: does not parse: {e}"));
    let back = serde_json::to_value(&spec).unwrap();
    for (k, v) in members {
        assert_eq!(back.get(k), Some(v), "{name}: member {k} changed");
    }
}

#[test]
fn every_example_parses_into_its_type_and_round_trips() {
    let mut seen = 0;
    for path in json_files("examples") {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("features")
            || (name.starts_with("config-linux-") && name != "config-linux-19.json")
        {
            continue; // the linux and features tests own these
        }
        let value = read_json(&path);
        match name.as_str() {
            "config-15.json" => {
                round_trip::<Spec>(&name, &value);
            }
            "runtime-01.json" => {
                let s: State = round_trip(&name, &value);
                assert!(s.validate().is_clean(), "{name}");
            }
            "config-linux-19.json" => {
                let s: ContainerProcessState = round_trip(&name, &value);
                assert!(s.validate().is_clean(), "{name}");
            }
            n if n.starts_with("config-freebsd-") => {
                round_trip::<FreeBSD>(&name, &value);
            }
            n if n.starts_with("config-solaris-") => {
                round_trip::<Solaris>(&name, &value);
            }
            n if n.starts_with("config-zos-") => {
                round_trip::<ZOS>(&name, &value);
            }
            n if n.starts_with("config-vm-") => {
                let Value::Object(members) = &value else {
                    panic!("{name}")
                };
                for (k, v) in members {
                    let what = format!("{name}: {k}");
                    match k.as_str() {
                        "hypervisor" => drop(round_trip::<VMHypervisor>(&what, v)),
                        "kernel" => drop(round_trip::<VMKernel>(&what, v)),
                        "image" => drop(round_trip::<VMImage>(&what, v)),
                        "hwConfig" => drop(round_trip::<VMHwConfig>(&what, v)),
                        other => panic!("{name}: unexpected vm member {other}"),
                    }
                }
            }
            n if n.starts_with("config-") => top_level_fragment(&name, &value),
            other => panic!("unexpected example {other}"),
        }
        seen += 1;
    }
    assert_eq!(seen, 39);
}
