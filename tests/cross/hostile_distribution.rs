//! Hostile input for the distribution values this branch changed (issue
//! 28): error codes kept beside the closed `ErrorCode` (huge, escaped,
//! non-ASCII, of another type, duplicated members) and references with
//! uppercase-hex digests. Each row: a clear error naming the place, or an
//! acceptance whose bytes come back unchanged; never a panic.
#![cfg(feature = "distribution")]
#![allow(clippy::unwrap_used, reason = "tests")]

use oci_model::Validate;
use oci_model::distribution::{ErrorResponse, Reference};

/// Decodes, validates, writes and decodes back; returns the written bytes.
fn round_trip(body: &str) -> Result<String, String> {
    let e: ErrorResponse = body
        .parse()
        .map_err(|e: oci_model::ModelError| e.to_string())?;
    let _ = e.validate();
    let out = String::from_utf8(e.to_vec().unwrap()).unwrap();
    let back: ErrorResponse = out.parse().unwrap();
    assert_eq!(back, e);
    Ok(out)
}

#[test]
fn hostile_error_codes_are_kept_or_refused_clearly() {
    let huge = "A".repeat(1_000_000);
    let kept = [
        format!(r#"{{"errors":[{{"code":"{huge}"}}]}}"#),
        r#"{"errors":[{"code":"CODE\"WITH\\ESCAPES\n"}]}"#.to_owned(),
        r#"{"errors":[{"code":"ÉRREUR"}]}"#.to_owned(),
        r#"{"errors":[{"code":"\u0000"}]}"#.to_owned(),
        r#"{"errors":[{"code":""}]}"#.to_owned(),
    ];
    for body in &kept {
        let out = round_trip(body).unwrap();
        assert_eq!(&out, body, "{body:.80}");
        let e: ErrorResponse = body.parse().unwrap();
        assert_eq!(e.errors()[0].known_code(), None);
        let r = e.validate();
        assert!(!r.is_valid());
        // The report quotes the code without printing a megabyte.
        assert!(
            r.violations()[0].message().len() < 512,
            "{}",
            r.violations()[0]
        );
        assert_eq!(r.violations()[0].path(), "/errors/0/code");
    }
    for (body, wants) in [
        (r#"{"errors":[{"code":["DENIED"]}]}"#, "/errors/0/code"),
        (r#"{"errors":[{"code":{}}]}"#, "/errors/0/code"),
        (r#"{"errors":[{"code":true}]}"#, "/errors/0/code"),
        (r#"{"errors":[{"message":"no code"}]}"#, "code"),
    ] {
        let err = round_trip(body).unwrap_err();
        assert!(err.contains(wants), "{body}: {err}");
        assert!(err.len() < 512, "{err}");
    }
    // A repeated code member is refused, naming the object and quoting the
    // name (oci-spec's serde derive refuses it too).
    let dup = round_trip(r#"{"errors":[{"code":"NOPE","code":"DENIED"}]}"#).unwrap_err();
    assert!(
        dup.starts_with("/errors/0: repeated name \"code\" in an element of errors"),
        "{dup}"
    );
    assert!(
        serde_json::from_str::<oci_spec::distribution::ErrorResponse>(
            r#"{"errors":[{"code":"DENIED","code":"DENIED"}]}"#
        )
        .is_err()
    );
}

#[test]
fn hostile_reference_digests() {
    let upper = format!("a@sha256:{}", "F".repeat(64));
    let r = Reference::parse(&upper).unwrap();
    assert_eq!(r.as_str(), upper);
    assert!(!r.validate().is_valid());
    for bad in [
        format!("a@sha256:{}", "F".repeat(65)),
        format!("a@sha256:{}", "F".repeat(1_000_000)),
        format!("a@SHA256:{}", "F".repeat(64)),
        format!("a@sha256:{}é", "F".repeat(63)),
        "a@sha256:".to_owned(),
        "a@".to_owned(),
    ] {
        let e = Reference::parse(&bad).unwrap_err().to_string();
        assert!(e.contains("invalid reference"), "{e:.200}");
    }
}
