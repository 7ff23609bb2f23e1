//! `features.json`: the upstream fixtures and examples round-trip, the bad
//! fixture is rejected as EXPECTED.tsv says, and each rule has a test.
#![cfg(feature = "runtime")]

use std::fs;
use std::path::PathBuf;

use oci_model::runtime::{Features, FeaturesBuilder, LinuxFeature, LinuxNamespaceType};
use oci_model::{ModelError, Validate};
use serde_json::{Value, json};

fn read(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test-data/runtime")
        .join(rel);
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn round_trip_features(name: &str, json: &str) -> Features {
    let f: Features = json.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = f.to_string().unwrap_or_else(|e| panic!("{name}: {e}"));
    let back: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let orig: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(back, orig, "{name}");
    f
}

#[test]
fn good_fixtures_round_trip_and_validate_clean() {
    for file in ["minimal.json", "runc.json"] {
        let name = format!("features/good/{file}");
        let f = round_trip_features(&name, &read(&name));
        let r = f.validate();
        assert!(r.is_clean(), "{name}:\n{r}");
        let strict = Features::validate_json(&read(&name)).unwrap();
        assert!(strict.is_clean(), "{name}:\n{strict}");
    }
}

#[test]
fn bad_fixtures_are_rejected_as_expected() {
    let expected = read("features/bad/EXPECTED.tsv");
    let mut n = 0;
    for line in expected.lines().skip(1) {
        let mut cols = line.split('\t');
        let (file, want) = (cols.next().unwrap(), cols.next().unwrap());
        let name = format!("features/bad/{file}");
        let parsed = read(&name).parse::<Features>();
        if want == "decode" {
            let e = parsed.expect_err(&name);
            assert!(matches!(e, ModelError::Decode(_)), "{name}: {e}");
            assert!(e.to_string().contains("ociVersionMax"), "{name}: {e}");
        } else {
            let r = parsed.unwrap().validate();
            assert!(r.has_rule(want), "{name}:\n{r}");
        }
        n += 1;
    }
    assert_eq!(n, 1);
}

#[test]
fn examples_round_trip_and_validate_clean() {
    for num in ["01", "06"] {
        let name = format!("examples/features-{num}.json");
        let f = round_trip_features(&name, &read(&name));
        assert!(f.validate().is_clean(), "{name}:\n{}", f.validate());
    }
    // Fragments of the top-level object: completed with the two versions.
    for num in ["02", "03", "04", "05"] {
        let name = format!("examples/features-{num}.json");
        let mut doc: Value = serde_json::from_str(&read(&name)).unwrap();
        doc["ociVersionMin"] = json!("1.0.0");
        doc["ociVersionMax"] = json!("1.3.0");
        let f = round_trip_features(&name, &doc.to_string());
        assert!(f.validate().is_clean(), "{name}:\n{}", f.validate());
    }
    // Fragments of the `linux` object.
    for num in 1..=10 {
        let name = format!("examples/features-linux-{num:02}.json");
        let text = read(&name);
        let lf: LinuxFeature = oci_model::io::from_str(&text).unwrap();
        let orig: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&lf).unwrap(), orig, "{name}");
        let r = lf.validate();
        assert!(r.is_clean(), "{name}:\n{r}");
    }
}

#[test]
fn null_members_read_as_absent_and_are_written_back() {
    let f: Features = r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.1.0","hooks":null,
        "mountOptions":[],"linux":{"namespaces":null,"cgroup":{"v1":null,"v2":true}}}"#
        .parse()
        .unwrap();
    assert!(f.hooks().is_none());
    assert_eq!(f.mount_options().as_deref(), Some(&[][..]));
    assert_eq!(
        f.to_string().unwrap(),
        r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.1.0","hooks":null,"mountOptions":[],"linux":{"namespaces":null,"cgroup":{"v1":null,"v2":true}}}"#
    );
    // A default value writes nothing but the two versions.
    let empty = FeaturesBuilder::default()
        .oci_version_min("1.0.0")
        .oci_version_max("1.0.0")
        .linux(LinuxFeature::default())
        .build()
        .unwrap();
    assert_eq!(
        empty.to_string().unwrap(),
        r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.0.0","linux":{}}"#
    );
}

#[test]
fn annotations_serialize_sorted() {
    let f = FeaturesBuilder::default()
        .oci_version_min("1.0.0")
        .oci_version_max("1.3.0")
        .annotations([
            ("z.b".to_owned(), "1".to_owned()),
            ("a.b".to_owned(), "2".to_owned()),
            ("m".to_owned(), "3".to_owned()),
        ])
        .build()
        .unwrap();
    let s = f.to_string().unwrap();
    assert!(
        s.contains(r#""annotations":{"a.b":"2","m":"3","z.b":"1"}"#),
        "{s}"
    );
    for _ in 0..10 {
        assert_eq!(f.to_string().unwrap(), s);
    }
}

#[test]
fn unknown_values_parse_round_trip_and_warn() {
    let text = r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","linux":{
        "namespaces":["pid","future"],"capabilities":["CAP_CHOWN","CAP_NEW"],
        "seccomp":{"actions":["SCMP_ACT_KILL_FUTURE"],"operators":["SCMP_CMP_XX"],
        "archs":["SCMP_ARCH_VAX"],"knownFlags":["SECCOMP_FILTER_FLAG_NEW"]},
        "memoryPolicy":{"modes":["MPOL_NEW"],"flags":["MPOL_F_NEW"]}}}"#;
    let f = round_trip_features("unknowns", text);
    let linux = f.linux().as_ref().unwrap();
    // Unknown values of `Copy` enums are kept beside the lists (and
    // written back in place: round_trip_features checked it).
    assert_eq!(linux.namespaces().as_ref().unwrap().len(), 1);
    assert!(
        linux
            .seccomp()
            .as_ref()
            .unwrap()
            .actions()
            .as_ref()
            .unwrap()
            .is_empty()
    );
    assert_eq!(linux.capabilities().as_deref().unwrap()[1], "CAP_NEW");
    assert_eq!(
        linux.namespaces().as_ref().unwrap()[0],
        LinuxNamespaceType::Pid
    );
    let r = f.validate();
    assert!(r.is_valid(), "{r}");
    let paths: Vec<_> = r
        .violations()
        .iter()
        .map(|v| (v.rule_name(), v.path()))
        .collect();
    assert_eq!(
        paths,
        [
            ("features-unknown-value", "/linux/namespaces/1"),
            ("features-unknown-value", "/linux/capabilities/1"),
            ("features-unknown-value", "/linux/seccomp/actions/0"),
            ("features-unknown-value", "/linux/seccomp/archs/0"),
            ("features-unknown-value", "/linux/seccomp/operators/0"),
            ("features-unknown-value", "/linux/seccomp/knownFlags/0"),
            ("features-unknown-value", "/linux/memoryPolicy/modes/0"),
            ("features-unknown-value", "/linux/memoryPolicy/flags/0"),
        ]
    );
}

fn only_violation(f: &Features) -> (String, String, bool) {
    let r = f.validate();
    assert_eq!(r.violations().len(), 1, "{r}");
    let v = &r.violations()[0];
    (v.rule_name().to_owned(), v.path().to_owned(), v.is_error())
}

#[test]
fn rule_features_oci_version() {
    let f: Features = r#"{"ociVersionMin":"1.0","ociVersionMax":"1.1.0"}"#
        .parse()
        .unwrap();
    assert_eq!(
        only_violation(&f),
        ("features-oci-version".into(), "/ociVersionMin".into(), true)
    );
}

#[test]
fn rule_features_oci_version_order() {
    let f: Features = r#"{"ociVersionMin":"1.1.0","ociVersionMax":"1.1.0-rc.1"}"#
        .parse()
        .unwrap();
    assert_eq!(
        only_violation(&f),
        (
            "features-oci-version-order".into(),
            "/ociVersionMax".into(),
            true
        )
    );
    let e = FeaturesBuilder::default()
        .oci_version_min("1.2.0")
        .oci_version_max("1.1.0")
        .build_checked()
        .unwrap_err();
    assert!(e.to_string().contains("Features"), "{e}");
    assert!(e.to_string().contains("\"1.1.0\""), "{e}");
}

#[test]
fn rule_features_unknown_value() {
    let f: Features =
        r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.1.0","linux":{"namespaces":["zz"]}}"#
            .parse()
            .unwrap();
    assert_eq!(
        only_violation(&f),
        (
            "features-unknown-value".into(),
            "/linux/namespaces/0".into(),
            false
        )
    );
}

#[test]
fn rule_features_seccomp_supported_flags() {
    let f: Features = r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.1.0","linux":{"seccomp":{
        "knownFlags":["SECCOMP_FILTER_FLAG_LOG"],
        "supportedFlags":["SECCOMP_FILTER_FLAG_LOG","SECCOMP_FILTER_FLAG_TSYNC"]}}}"#
        .parse()
        .unwrap();
    assert_eq!(
        only_violation(&f),
        (
            "features-seccomp-supported-flags".into(),
            "/linux/seccomp/supportedFlags/1".into(),
            false
        )
    );
}

#[test]
fn missing_versions_default_to_empty_and_fail_validation() {
    // As oci-spec's builder: an unset field takes `Default`'s value ("");
    // validation reports it.
    let f = FeaturesBuilder::default()
        .oci_version_min("1.0.0")
        .build_unchecked()
        .unwrap();
    assert_eq!(f.oci_version_max(), "");
    let r = f.validate();
    assert!(r.has_rule("features-oci-version"), "{r}");
}

#[test]
fn every_features_rule_has_a_test() {
    // The rule tests above, by name.
    let tested = [
        "features-oci-version",
        "features-oci-version-order",
        "features-unknown-value",
        "features-seccomp-supported-flags",
        "features-unknown-property",
        "features-null",
    ];
    let all: Vec<&str> = oci_model::runtime::rules_linux::FEATURES_RULES
        .iter()
        .map(|r| r.name())
        .collect();
    assert_eq!(all, tested);
}

#[test]
fn rule_features_unknown_property() {
    let r = Features::validate_json(
        r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","linux":{"seccomp":{"enabled":true,"extra":[]}}}"#,
    )
    .unwrap();
    let got: Vec<_> = r
        .violations()
        .iter()
        .map(|v| (v.rule_name(), v.path(), v.is_error()))
        .collect();
    assert_eq!(
        got,
        [("features-unknown-property", "/linux/seccomp/extra", true)]
    );
}

#[test]
fn rule_features_null() {
    let r = Features::validate_json(
        r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","linux":{"selinux":{"enabled":null}}}"#,
    )
    .unwrap();
    let got: Vec<_> = r
        .violations()
        .iter()
        .map(|v| (v.rule_name(), v.path(), v.is_error()))
        .collect();
    assert_eq!(got, [("features-null", "/linux/selinux/enabled", false)]);
}

#[test]
fn validate_json_reports_decode_errors() {
    let e = Features::validate_json(&read("features/bad/missing-ociVersionMax.json")).unwrap_err();
    assert!(matches!(e, ModelError::Decode(_)), "{e}");
}
