//! JSON equality of a document and what the crate writes for it, as the
//! README defines it ("Nothing lost"; "Output bytes"): the same value as
//! serde_json reads both, where
//!
//! - objects are compared as maps (member order does not count; of a name
//!   given twice, serde_json keeps the last value, as the model does for
//!   maps, sets and unknown members);
//! - the capability lists of `process.capabilities` are sets (a
//!   `BTreeSet`): compared sorted and without duplicates;
//! - `vm.hwconfig`, Go's spelling, is read and written as `vm.hwConfig`,
//!   the spec's key (README, "Runtime");
//!
//! Shared by the tests (`tests/cross/lossless.rs`) and the fuzz targets
//! (`fuzz/src/lib.rs` includes this file): it needs serde_json only.

use serde_json::Value;

/// The capability sets of `process.capabilities`.
const CAPABILITY_SETS: &[&str] = &[
    "bounding",
    "effective",
    "inheritable",
    "permitted",
    "ambient",
];

/// `v` with the capability sets sorted and deduplicated and `vm.hwconfig`
/// renamed (see the module documentation), so that two documents are
/// JSON-equal when their normalized values are equal.
pub fn normalized(mut v: Value) -> Value {
    if let Some(caps) = v
        .pointer_mut("/process/capabilities")
        .and_then(Value::as_object_mut)
    {
        for name in CAPABILITY_SETS {
            if let Some(Value::Array(list)) = caps.get_mut(*name) {
                list.sort_by_key(Value::to_string);
                list.dedup();
            }
        }
    }
    if let Some(vm) = v.pointer_mut("/vm").and_then(Value::as_object_mut)
        && !vm.contains_key("hwConfig")
        && let Some(hw) = vm.remove("hwconfig")
    {
        vm.insert("hwConfig".to_owned(), hw);
    }
    v
}

/// Where two values differ first: a JSON pointer and both values there
/// (`a` written, `b` wanted).
#[allow(
    clippy::many_single_char_names,
    reason = "a and b, their members x and y"
)]
pub fn first_difference(a: &Value, b: &Value, at: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let k_escaped = k.replace('~', "~0").replace('/', "~1");
                match y.get(k) {
                    Some(w) if v == w => {}
                    Some(w) => return first_difference(v, w, &format!("{at}/{k_escaped}")),
                    None => return format!("{at}/{k_escaped}: {v} written, not in the input"),
                }
            }
            for (k, w) in y {
                if !x.contains_key(k) {
                    return format!("{at}/{}: {w} lost", k.replace('~', "~0").replace('/', "~1"));
                }
            }
            format!("{at}: equal")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return first_difference(v, w, &format!("{at}/{i}"));
                }
            }
            format!("{at}: equal")
        }
        _ => format!("{at}: {a} written for {b}"),
    }
}

/// The invariant of issue 26: `input` decoded (as some document kind) and
/// was written as `output`. Then serde_json reads `input` as a JSON value
/// too, and `output` is JSON-equal to it at every depth and in every
/// object. Returns what breaks it.
///
/// # Errors
/// A description of the first difference.
pub fn check_written_back(input: &[u8], output: &[u8]) -> Result<(), String> {
    let want: Value = serde_json::from_slice(input)
        .map_err(|e| format!("decoded, but serde_json refuses the input: {e}"))?;
    let back: Value =
        serde_json::from_slice(output).map_err(|e| format!("the output is not JSON: {e}"))?;
    let (back, want) = (normalized(back), normalized(want));
    if back == want {
        return Ok(());
    }
    Err(format!(
        "the output is not JSON-equal to the input at {}",
        first_difference(&back, &want, "")
    ))
}
