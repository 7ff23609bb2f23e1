//! Round trips and validation of the runtime-spec v1.3.0 linux examples and
//! fixtures in `test-data/runtime/` (see the SOURCES.md files there).
#![cfg(feature = "runtime")]

use std::fs;
use std::path::PathBuf;

use oci_model::Validate;
use oci_model::runtime::{Linux, LinuxResources};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test-data/runtime")
        .join(rel)
}

fn read(rel: &str) -> String {
    fs::read_to_string(data(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Decodes `json` as `T`, checks that it serializes back to the same JSON
/// value, and returns it.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str, json: &str) -> T {
    let value: T = oci_model::io::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let back = serde_json::to_value(&value).unwrap_or_else(|e| panic!("{name}: {e}"));
    let orig: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(back, orig, "{name}: round trip changed the document");
    let again: T = serde_json::from_value(back.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let again = serde_json::to_value(&again).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(again, back, "{name}");
    value
}

fn assert_clean(name: &str, v: &impl Validate) {
    let report = v.validate();
    assert!(report.is_clean(), "{name}:\n{report}");
}

/// The examples whose object is the `linux` object itself.
const LINUX_MEMBERS: &[&str] = &[
    "01", "02", "03", "04", "05", "17", "18", "20", "21", "22", "23",
];
/// The examples whose object is `linux.resources`.
const RESOURCES_MEMBERS: &[&str] = &["06", "07", "08", "09", "10", "11", "12", "13", "14"];
/// The examples that hold a top-level `linux` member.
const TOP_LEVEL: &[&str] = &["15", "16"];

#[test]
fn every_linux_example_is_classified() {
    let mut n = 0;
    for entry in fs::read_dir(data("examples")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(num) = name
            .strip_prefix("config-linux-")
            .and_then(|s| s.strip_suffix(".json"))
            .filter(|&num| num != "19")
        // the container process state (runtime_fixtures.rs)
        {
            n += 1;
            assert!(
                LINUX_MEMBERS.contains(&num)
                    || RESOURCES_MEMBERS.contains(&num)
                    || TOP_LEVEL.contains(&num),
                "{name} is not classified"
            );
        }
    }
    assert_eq!(
        n,
        LINUX_MEMBERS.len() + RESOURCES_MEMBERS.len() + TOP_LEVEL.len()
    );
}

#[test]
fn linux_member_examples_round_trip_and_validate() {
    for num in LINUX_MEMBERS {
        let name = format!("examples/config-linux-{num}.json");
        let linux: Linux = round_trip(&name, &read(&name));
        assert_clean(&name, &linux);
    }
}

#[test]
fn resources_examples_round_trip_and_validate() {
    for num in RESOURCES_MEMBERS {
        let name = format!("examples/config-linux-{num}.json");
        let r: LinuxResources = round_trip(&name, &read(&name));
        assert_clean(&name, &r);
    }
}

#[test]
fn top_level_examples_round_trip_and_validate() {
    for num in TOP_LEVEL {
        let name = format!("examples/config-linux-{num}.json");
        let doc: Value = serde_json::from_str(&read(&name)).unwrap();
        let linux: Linux = round_trip(&name, &doc["linux"].to_string());
        assert_clean(&name, &linux);
    }
}

#[test]
fn good_configs_linux_members_round_trip_and_validate() {
    for file in [
        "linux-netdevice.json",
        "linux-rdma.json",
        "spec-example.json",
    ] {
        let name = format!("linux/good/{file}");
        let doc: Value = serde_json::from_str(&read(&name)).unwrap();
        let linux: Linux = round_trip(&name, &doc["linux"].to_string());
        assert!(linux.validate().is_valid(), "{name}:\n{}", linux.validate());
    }
}

#[test]
fn bad_configs_are_rejected_by_the_expected_rule() {
    let expected = read("linux/bad/EXPECTED.tsv");
    let mut n = 0;
    for line in expected.lines().skip(1) {
        let mut cols = line.split('\t');
        let (file, want) = (cols.next().unwrap(), cols.next().unwrap());
        let name = format!("linux/bad/{file}");
        let doc: Value = serde_json::from_str(&read(&name)).unwrap();
        let linux = oci_model::io::from_str::<Linux>(&doc["linux"].to_string());
        if want == "decode" {
            let e = linux.expect_err(&name);
            assert!(matches!(e, oci_model::ModelError::Decode(_)), "{name}: {e}");
        } else {
            let linux = linux.unwrap_or_else(|e| panic!("{name}: {e}"));
            let report = linux.validate();
            assert!(!report.is_valid(), "{name} should be invalid");
            let rules: Vec<_> = report
                .errors()
                .map(oci_model::Violation::rule_name)
                .collect();
            assert_eq!(rules, [want], "{name}:\n{report}");
        }
        n += 1;
    }
    assert_eq!(n, 3);
    // The hugepage case points at the value.
    let doc: Value = serde_json::from_str(&read("linux/bad/linux-hugepage.json")).unwrap();
    let linux: Linux = serde_json::from_value(doc["linux"].clone()).unwrap();
    let report = linux.validate();
    assert_eq!(
        report.violations()[0].path(),
        "/resources/hugepageLimits/0/pageSize"
    );
    assert!(report.violations()[0].message().contains("\"64kB\""));
}

#[test]
fn net_device_decode_error_names_the_path() {
    let doc: Value = serde_json::from_str(&read("linux/bad/linux-netdevice.json")).unwrap();
    let e = oci_model::io::from_str::<Linux>(&doc["linux"].to_string()).unwrap_err();
    assert!(e.to_string().contains("/netDevices/eth0/name"), "{e}");
}
