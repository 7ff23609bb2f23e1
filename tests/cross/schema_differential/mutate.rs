//! Part of `tests/schema_differential.rs`: the deterministic document mutations.

use std::collections::BTreeSet;

use serde_json::{Value, json};

/// At most this many mutated documents per fixture (after removing the
/// mutations already made at the same generalized location of the kind).
pub const MAX_MUTATIONS_PER_FIXTURE: usize = 1000;

pub struct Mutation {
    /// JSON pointer of the changed (or dropped) value.
    pub pointer: String,
    pub class: &'static str,
    pub doc: Value,
}

pub fn escape(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

/// The pointer with array indices replaced by `*`, to share mutations
/// between array elements and between fixtures.
pub fn generalize(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|s| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn looks_like_digest(s: &str) -> bool {
    let Some((alg, enc)) = s.split_once(':') else {
        return false;
    };
    !alg.is_empty()
        && alg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+._-".contains(&b))
        && enc.len() >= 32
        && enc.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn looks_like_media_type(s: &str) -> bool {
    let Some((t, st)) = s.split_once('/') else {
        return false;
    };
    !t.is_empty() && !st.is_empty() && !s.contains(' ') && !s.contains(':') && !t.contains('.')
}

/// The replacement values for `v`, with their class names.
pub fn replacements(v: &Value) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    let types: [(&str, Value); 6] = [
        ("to-null", Value::Null),
        ("to-bool", json!(true)),
        ("to-number", json!(7)),
        ("to-string", json!("x")),
        ("to-array", json!([])),
        ("to-object", json!({})),
    ];
    let same = |a: &Value, b: &Value| std::mem::discriminant(a) == std::mem::discriminant(b);
    for (c, t) in types {
        if !same(v, &t) {
            out.push((c, t));
        }
    }
    match v {
        Value::String(s) => {
            if !s.is_empty() {
                out.push(("empty-string", json!("")));
            }
            out.push(("unknown-value", json!("x-unknown-value")));
            let up = s.to_uppercase();
            if up != *s {
                out.push(("uppercase", json!(up)));
            }
            if looks_like_digest(s) {
                let (alg, enc) = s.split_once(':').unwrap();
                out.push(("short-digest", json!(format!("{alg}:{}", &enc[..10]))));
                out.push((
                    "uppercase-digest",
                    json!(format!("{alg}:{}", enc.to_uppercase())),
                ));
            }
            if looks_like_media_type(s) {
                out.push(("bad-media-type", json!("application")));
                out.push(("other-media-type", json!("application/x-other")));
            }
        }
        Value::Number(_) => {
            out.push(("negative", json!(-1)));
            out.push(("fraction", json!(1.5)));
            out.push(("max-u32", json!(u32::MAX)));
            out.push(("above-u32", json!(u64::from(u32::MAX) + 1)));
            out.push(("max-u64", json!(u64::MAX)));
            out.push(("min-i64", json!(i64::MIN)));
        }
        Value::Array(a) if !a.is_empty() => out.push(("empty-array", json!([]))),
        Value::Object(o) if !o.is_empty() => out.push(("empty-object", json!({}))),
        _ => {}
    }
    out
}

/// Every (pointer, value) of `doc`, parents before children.
pub fn walk<'a>(doc: &'a Value, pointer: &str, out: &mut Vec<(String, &'a Value)>) {
    out.push((pointer.to_owned(), doc));
    match doc {
        Value::Object(o) => {
            for (k, v) in o {
                walk(v, &format!("{pointer}/{}", escape(k)), out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                walk(v, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `doc` with the value at `pointer` replaced by `new`, or dropped.
pub fn mutate(doc: &Value, pointer: &str, class: &'static str, new: Option<&Value>) -> Mutation {
    let mut d = doc.clone();
    if let Some(n) = new {
        *d.pointer_mut(pointer).unwrap() = n.clone();
    } else {
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let key = last.replace("~1", "/").replace("~0", "~");
        match d.pointer_mut(parent).unwrap() {
            Value::Object(o) => {
                o.remove(&key);
            }
            Value::Array(a) => {
                a.remove(key.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
    }
    Mutation {
        pointer: pointer.to_owned(),
        class,
        doc: d,
    }
}

/// The mutations of `doc` not already made (same kind, generalized pointer,
/// class) in `seen`; at most [`MAX_MUTATIONS_PER_FIXTURE`].
pub fn mutations(doc: &Value, seen: &mut BTreeSet<(String, &'static str)>) -> Vec<Mutation> {
    let mut values = Vec::new();
    walk(doc, "", &mut values);
    let mut out = Vec::new();
    for (pointer, v) in values {
        if pointer.is_empty() {
            continue; // the document itself: covered by the type swaps of the kind's checks below
        }
        let g = generalize(&pointer);
        let parent_is_object = {
            let (parent, _) = pointer.rsplit_once('/').unwrap();
            doc.pointer(parent).is_some_and(Value::is_object)
        };
        if parent_is_object && seen.insert((g.clone(), "drop")) {
            out.push(mutate(doc, &pointer, "drop", None));
        }
        for (class, new) in replacements(v) {
            if seen.insert((g.clone(), class)) {
                out.push(mutate(doc, &pointer, class, Some(&new)));
            }
        }
        if out.len() >= MAX_MUTATIONS_PER_FIXTURE {
            out.truncate(MAX_MUTATIONS_PER_FIXTURE);
            break;
        }
    }
    out
}
