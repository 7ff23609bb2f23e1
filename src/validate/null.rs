//! `null` members: the JSON schemas of image-spec v1.1.1 and runtime-spec
//! v1.3.0 give no OPTIONAL member the type `null` (but a few in the image
//! configuration), while serde reads `null` as an absent `Option`. Decoding
//! stays tolerant; this check, which needs the raw JSON, warns.

use serde_json::Value;

use super::{Checker, Rule, Severity, Violation, push_escaped, quote};

/// A member whose value is `null`, where the schema allows only absence.
pub const NULL_MEMBER: Rule = Rule {
    name: "null-member",
    id: "",
    spec: "image-spec v1.1.1, runtime-spec v1.3.0",
    section: "schema (the JSON schemas of the spec)",
    severity: Severity::Warning,
    summary: "an OPTIONAL member is absent, not null: the schema gives it no null type (the model reads null as absent)",
};

/// Every `null` member of a JSON document, as a [`NULL_MEMBER`] warning at
/// its JSON pointer.
///
/// For the documents whose spec allows `null` for OPTIONAL members (the
/// image configuration; `features.json`, which
/// `runtime::Features::validate` checks itself),
/// these warnings do not apply; the `oci-model validate` command adds them
/// for the other image-spec and runtime-spec documents.
///
/// ```
/// use oci_model::validate::null_members;
///
/// let found = null_members(br#"{"ociVersion":"1.3.0","hooks":null,"linux":{"sysctl":null}}"#)?;
/// let at: Vec<&str> = found.iter().map(|v| v.path()).collect();
/// assert_eq!(at, ["/hooks", "/linux/sysctl"]);
/// # Ok::<(), oci_model::ModelError>(())
/// ```
///
/// # Errors
/// [`crate::ModelError::Decode`] when `json` is not JSON.
pub fn null_members(json: &[u8]) -> crate::ModelResult<Vec<Violation>> {
    let mut checker = Checker::new();
    check_null_members(json, &mut checker)?;
    Ok(checker.finish().into_violations())
}

/// Reports every `null` member of a JSON document into `checker`, as
/// [`null_members`] lists them: under the checker's
/// [`Limits`](super::Limits), the warnings past them are counted, not kept.
///
/// ```
/// use oci_model::validate::{Checker, Limits, check_null_members};
///
/// let mut checker = Checker::with_limits(Limits::none().per_rule(1));
/// check_null_members(br#"{"a":null,"b":null,"c":null}"#, &mut checker)?;
/// let report = checker.finish();
/// assert_eq!(report.violations()[0].path(), "/a");
/// assert_eq!(report.omitted_count(), 2);
/// # Ok::<(), oci_model::ModelError>(())
/// ```
///
/// # Errors
/// [`crate::ModelError::Decode`] when `json` is not JSON.
pub fn check_null_members(json: &[u8], checker: &mut Checker) -> crate::ModelResult<()> {
    // Repeated names are not this check's business (the document's own
    // decoding refuses or reports them): the last value is looked at.
    let options =
        crate::io::DecodeOptions::default().repeated_names(crate::io::RepeatedNames::KeepLast);
    let value: Value = crate::io::from_slice_with(json, options)?.into_value();
    walk(&value, &mut String::new(), checker);
    Ok(())
}

fn walk(value: &Value, pointer: &mut String, found: &mut Checker) {
    let len = pointer.len();
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                pointer.push('/');
                push_escaped(pointer, key);
                if member.is_null() {
                    found.report_pointer(
                        pointer.as_str(),
                        &NULL_MEMBER,
                        format!("member {} is null: read as absent, but the schema allows only leaving it out", quote(key)),
                    );
                } else {
                    walk(member, pointer, found);
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(itoa::Buffer::new().format(i));
                walk(item, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
