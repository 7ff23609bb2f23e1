//! What every fuzz target checks, written once.
//!
//! A document kind is checked by [`document!`]: whatever bytes decode must
//! validate, serialize compactly and prettily, and decode back from both to an
//! equal value; the compact bytes are serde_json's and do not change on a
//! second trip; and (issue 26) serde_json reads the input as JSON too, and
//! the output is JSON-equal to it at every depth and in every object
//! ([`json_equal`], shared with the crate's tests). Input that does not
//! decode must give an error that formats. A panic anywhere (a failed
//! assertion included) is a crash for libFuzzer.

/// JSON equality as the README defines it: the crate's test file, included.
#[path = "../../tests/cross/common/json_equal.rs"]
pub mod json_equal;

/// Checks one document kind against `bytes`: `document!(Type, bytes)`.
///
/// `Type` needs the document functions of `#[spec_struct(document)]` (`from_slice`,
/// `to_vec`, `to_vec_pretty`), `Validate`, `Serialize`, `PartialEq` and `Debug`.
#[macro_export]
macro_rules! document {
    ($ty:ty, $bytes:expr) => {{
        use oci_model::Validate as _;
        match <$ty>::from_slice($bytes) {
            Ok(value) => {
                $crate::report(&value.validate());
                let compact = value.to_vec().expect("a decoded value serializes");
                if let Err(e) = $crate::json_equal::check_written_back($bytes, &compact) {
                    panic!("whatever decodes comes back JSON-equal: {e}");
                }
                let pretty = value.to_vec_pretty().expect("a decoded value serializes pretty");
                let back = <$ty>::from_slice(&compact).expect("compact output decodes");
                assert_eq!(back, value, "compact round trip");
                let back_pretty = <$ty>::from_slice(&pretty).expect("pretty output decodes");
                assert_eq!(back_pretty, value, "pretty round trip");
                // serde_json writes hash maps in hash order, the crate's
                // writer sorts them: the same JSON, not the same bytes.
                assert_eq!(
                    serde_json::from_slice::<serde_json::Value>(&compact).expect("output is JSON"),
                    serde_json::to_value(&value).expect("serde_json serializes"),
                    "the compact writer writes the JSON serde_json writes"
                );
                assert_eq!(
                    back.to_vec().expect("serializes again"),
                    compact,
                    "a second trip writes the same bytes"
                );
            }
            Err(e) => $crate::error(&e),
        }
    }};
}

/// Formats a validation report and each violation (their `Display` and
/// serde forms run on input-derived text).
pub fn report(report: &oci_model::ValidationReport) {
    let text = report.to_string();
    std::hint::black_box(text);
    for v in report.violations() {
        std::hint::black_box(v.to_string());
    }
    std::hint::black_box(serde_json::to_vec(report.violations()).expect("violations serialize"));
}

/// Formats an error, as a caller would show it.
pub fn error(e: &oci_model::ModelError) {
    std::hint::black_box(e.to_string());
    std::hint::black_box(format!("{e:?}"));
}
