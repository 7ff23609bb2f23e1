//! Structural damage to valid documents, for the property tests of each spec
//! (`image/props.rs`, `runtime/props.rs`, `distribution/fixtures.rs`): start
//! from the documents in `test-data/` and delete, duplicate, retype,
//! truncate, swap members, write odd numbers and strings, or cut the bytes,
//! so that most damaged documents still decode and reach the validators.
//!
//! Included by each spec's test binary (`#[path = "../shared/damage.rs"] mod
//! damage;` in its `main.rs`).

#![allow(dead_code, reason = "each test binary uses a different part")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// One edit: which value (an index into every value of the document,
/// parents first, taken modulo their number), what to do, and a number the
/// operation uses to choose among its variants.
#[derive(Debug, Clone, Copy)]
pub struct Edit {
    pub at: usize,
    pub op: u8,
    pub arg: u16,
}

/// The number of operations [`damage`] knows.
pub const OPS: u8 = 8;

/// One to four edits.
pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(
        (any::<usize>(), 0..OPS, any::<u16>()).prop_map(|(at, op, arg)| Edit { at, op, arg }),
        1..5,
    )
}

/// Written as the raw JSON text after it, not as a string (numbers a
/// `serde_json::Value` cannot hold: `-0`, `1e400`, 2^64, ...).
const RAW: &str = "\u{1}raw:";

const NUMBERS: &[&str] = &[
    "-0",
    "1e400",
    "-1e400",
    "18446744073709551616",
    "18446744073709551615",
    "9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "2147483648",
    "-1",
    "0",
    "1.5",
    "1e3",
    "0.0",
];

fn strange_strings() -> Vec<String> {
    vec![
        String::new(),
        " ".into(),
        "\u{0}".into(),
        "\u{feff}".into(),
        "a".repeat(300),
        "sha256:".into(),
        format!("sha256:{}", "A".repeat(64)),
        format!("sha256:{}", "a".repeat(63)),
        ":".into(),
        "/".into(),
        "../../etc/passwd".into(),
        "application/".into(),
        "a/b/c".into(),
        "1.3.0-rc.1+build.5".into(),
        "CAP_".into(),
        "\u{2603}\u{1f600}".into(),
        "x-unknown-value".into(),
    ]
}

fn retypes() -> [Value; 8] {
    [
        Value::Null,
        json!(true),
        json!(0),
        json!(""),
        json!([]),
        json!({}),
        json!("x"),
        json!(1.5),
    ]
}

/// Every value's JSON pointer, parents before children.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                pointers(
                    x,
                    &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// `doc` damaged by `edits`, as JSON bytes.
pub fn damage(doc: &Value, edits: &[Edit]) -> Vec<u8> {
    let mut doc = doc.clone();
    // Object members to write twice, by pointer.
    let mut twice: Vec<String> = Vec::new();
    let mut cut = None;
    for e in edits {
        let mut all = Vec::new();
        pointers(&doc, "", &mut all);
        let at = all[e.at % all.len()].clone();
        let arg = usize::from(e.arg);
        match e.op % OPS {
            // Delete the member or element.
            0 => {
                if let Some((parent, key)) = split(&at) {
                    match doc.pointer_mut(parent) {
                        Some(Value::Object(o)) => {
                            o.remove(&key);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(i) = key.parse::<usize>() {
                                a.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
            }
            // Duplicate: an array element is repeated, an object member is
            // written twice.
            1 => {
                if let Some((parent, key)) = split(&at) {
                    match doc.pointer_mut(parent) {
                        Some(Value::Array(a)) => {
                            if let Ok(i) = key.parse::<usize>() {
                                let x = a[i].clone();
                                a.insert(i, x);
                            }
                        }
                        Some(Value::Object(_)) => twice.push(at),
                        _ => {}
                    }
                }
            }
            // Retype.
            2 => {
                let r = retypes();
                *doc.pointer_mut(&at).unwrap() = r[arg % r.len()].clone();
            }
            // Truncate a string, an array or an object.
            3 => match doc.pointer_mut(&at).unwrap() {
                Value::String(s) => {
                    let n = arg % (s.chars().count() + 1);
                    *s = s.chars().take(n).collect();
                }
                Value::Array(a) => a.truncate(arg % (a.len() + 1)),
                Value::Object(o) => {
                    let keep = arg % (o.len() + 1);
                    let keys: Vec<String> = o.keys().skip(keep).cloned().collect();
                    for k in keys {
                        o.remove(&k);
                    }
                }
                _ => {}
            },
            // Put another value of the document here.
            4 => {
                let from = doc.pointer(&all[arg % all.len()]).unwrap().clone();
                *doc.pointer_mut(&at).unwrap() = from;
            }
            // A strange string.
            5 => {
                let s = strange_strings();
                *doc.pointer_mut(&at).unwrap() = json!(s[arg % s.len()]);
            }
            // An edge number.
            6 => {
                *doc.pointer_mut(&at).unwrap() =
                    json!(format!("{RAW}{}", NUMBERS[arg % NUMBERS.len()]));
            }
            // Cut the text.
            _ => cut = Some(arg),
        }
    }
    let mut out = Vec::new();
    write(&doc, "", &twice, &mut out);
    if let Some(c) = cut {
        let n = out.len();
        out.truncate(n - c % (n.min(64) + 1));
    }
    out
}

/// Compact JSON of `v`, members in `twice` written twice, [`RAW`] strings
/// written raw.
fn write(v: &Value, at: &str, twice: &[String], out: &mut Vec<u8>) {
    match v {
        Value::String(s) if s.starts_with(RAW) => out.extend(&s.as_bytes()[RAW.len()..]),
        Value::Object(o) => {
            out.push(b'{');
            let mut first = true;
            for (k, x) in o {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                let times = if twice.contains(&p) { 2 } else { 1 };
                for _ in 0..times {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    serde_json::to_writer(&mut *out, k).unwrap();
                    out.push(b':');
                    write(x, &p, twice, out);
                }
            }
            out.push(b'}');
        }
        Value::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(x, &format!("{at}/{i}"), twice, out);
            }
            out.push(b']');
        }
        _ => serde_json::to_writer(&mut *out, v).unwrap(),
    }
}

/// The JSON documents of `dirs` (relative to `test-data/`) that `keep`
/// accepts (decode as one of the spec's kinds).
pub fn seeds(dirs: &[&str], keep: impl Fn(&[u8]) -> bool) -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-data");
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            if keep(&bytes) {
                if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
                    out.push(v);
                }
            }
        }
    }
    assert!(!out.is_empty(), "no seed documents in {dirs:?}");
    out
}

/// What decoding damaged bytes as one kind gave.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reach {
    /// Decoded.
    pub decoded: usize,
    /// Decoded, and validation reported something.
    pub violations: usize,
}

impl std::ops::AddAssign for Reach {
    fn add_assign(&mut self, o: Self) {
        self.decoded += o.decoded;
        self.violations += o.violations;
    }
}

/// Decodes `bytes` as `T`: whatever decodes validates (without panicking),
/// writes compact and pretty JSON, and decodes back from both equal; an
/// error formats.
pub fn check<T>(bytes: &[u8]) -> Reach
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + oci_model::Validate,
{
    match oci_model::io::from_slice::<T>(bytes) {
        Ok(v) => {
            let report = v.validate();
            let _text = report.to_string();
            for pretty in [false, true] {
                let out = oci_model::io::to_vec(&v, pretty).unwrap();
                let back: T = oci_model::io::from_slice(&out)
                    .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out)));
                assert_eq!(back, v);
            }
            Reach {
                decoded: 1,
                violations: usize::from(!report.is_clean()),
            }
        }
        Err(e) => {
            let _text = e.to_string();
            Reach::default()
        }
    }
}

/// Every single edit of every kind at every value of `seed` (`arg` fixed),
/// for the reach checks: the sum of `check_all` over them.
pub fn every_single_edit(seed: &Value, arg: u16, check_all: impl Fn(&[u8]) -> Reach) -> Reach {
    let mut all = Vec::new();
    pointers(seed, "", &mut all);
    let mut reach = Reach::default();
    for at in 0..all.len() {
        for op in 0..OPS {
            reach += check_all(&damage(seed, &[Edit { at, op, arg }]));
        }
    }
    reach
}
