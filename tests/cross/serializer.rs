//! The crate's JSON writer (`oci_model::io::to_writer` and every document's
//! `to_*` functions) writes exactly the bytes serde_json writes, compact and
//! pretty: on every fixture as a plain JSON value, on every fixture decoded
//! as its typed document, and on every shape serde can describe.
#![allow(clippy::unwrap_used, reason = "test code: a failure is a test failure")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Asserts that both writers give the same bytes, compact and pretty.
fn same<T: Serialize + ?Sized>(what: &str, value: &T) {
    for pretty in [false, true] {
        let ours = oci_model::io::to_vec(value, pretty).unwrap();
        let theirs = if pretty {
            serde_json::to_vec_pretty(value).unwrap()
        } else {
            serde_json::to_vec(value).unwrap()
        };
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap(),
            "{what} (pretty: {pretty})"
        );
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_as_a_json_value() {
    let mut files = Vec::new();
    json_files(Path::new("test-data"), &mut files);
    let mut checked = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        // Broken-JSON fixtures are skipped: they have no value to write.
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            same(&file.display().to_string(), &value);
            checked += 1;
        }
    }
    assert!(checked >= 200, "only {checked} fixtures checked");
}

/// Asserts that both writers give the same bytes, compact and pretty, and
/// that writing twice gives the same bytes: a document puts the members of
/// its std hash maps in key order before it writes them, through any serde
/// serializer.
fn same_document<T: Serialize + ?Sized>(what: &str, value: &T) {
    for pretty in [false, true] {
        let ours = oci_model::io::to_vec(value, pretty).unwrap();
        assert_eq!(ours, oci_model::io::to_vec(value, pretty).unwrap());
        let theirs = if pretty {
            serde_json::to_vec_pretty(value).unwrap()
        } else {
            serde_json::to_vec(value).unwrap()
        };
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap(),
            "{what} (pretty: {pretty})"
        );
    }
}

/// Decodes `bytes` as `T` and, when it decodes, compares both writers.
#[allow(dead_code, reason = "not every feature set uses it")]
fn typed<T: Serialize + serde::de::DeserializeOwned>(file: &str, bytes: &[u8]) -> bool {
    match oci_model::io::from_slice::<T>(bytes) {
        Ok(doc) => {
            same_document(file, &doc);
            true
        }
        Err(_) => false,
    }
}

/// Decodes `bytes` as the document of `kind` (an `INDEX.tsv` kind) and,
/// when it decodes, compares both writers on it.
fn both_writers(kind: &str, path: &str, bytes: &[u8]) -> bool {
    match kind {
        #[cfg(feature = "image")]
        "descriptor" => typed::<oci_model::image::Descriptor>(path, bytes),
        #[cfg(feature = "image")]
        "manifest" => typed::<oci_model::image::ImageManifest>(path, bytes),
        #[cfg(feature = "image")]
        "index" => typed::<oci_model::image::ImageIndex>(path, bytes),
        #[cfg(feature = "image")]
        "config" => typed::<oci_model::image::ImageConfiguration>(path, bytes),
        #[cfg(feature = "image")]
        "layout" => typed::<oci_model::image::OciLayout>(path, bytes),
        #[cfg(feature = "runtime")]
        "runtime-config" => typed::<oci_model::runtime::Spec>(path, bytes),
        #[cfg(feature = "runtime")]
        "state" => typed::<oci_model::runtime::State>(path, bytes),
        #[cfg(feature = "runtime")]
        "container-process-state" => {
            typed::<oci_model::runtime::ContainerProcessState>(path, bytes)
        }
        #[cfg(feature = "runtime")]
        "features" => typed::<oci_model::runtime::Features>(path, bytes),
        #[cfg(feature = "distribution")]
        "error" => typed::<oci_model::distribution::ErrorResponse>(path, bytes),
        #[cfg(feature = "distribution")]
        "taglist" => typed::<oci_model::distribution::TagList>(path, bytes),
        #[cfg(feature = "distribution")]
        "extensions-list" => typed::<oci_model::distribution::ExtensionList>(path, bytes),
        _ => false,
    }
}

#[test]
fn every_fixture_as_its_document() {
    let index = std::fs::read_to_string("test-data/INDEX.tsv").unwrap();
    let mut checked = 0;
    for line in index.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(file), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        let path = format!("test-data/{file}");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let decoded = both_writers(kind, &path, &bytes);
        checked += usize::from(decoded);
    }
    let _ = &mut checked;
    #[cfg(all(feature = "image", feature = "runtime", feature = "distribution"))]
    assert!(checked >= 80, "only {checked} documents checked");
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Newtype(String);

#[derive(Serialize)]
struct Pair(u8, &'static str);

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(i32),
    Tuple(u8, bool),
    Struct { a: Option<u8>, b: Vec<Shape> },
    EmptyTuple(),
    EmptyStruct {},
}

struct Shown(&'static str);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.0, 7)
    }
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Serialize)]
struct Everything {
    unit: (),
    unit_struct: Unit,
    newtype: Newtype,
    pair: Pair,
    tuple: (i8, u128, i128),
    shapes: Vec<Shape>,
    none: Option<u8>,
    #[allow(clippy::option_option, reason = "the shape under test")]
    some: Option<Option<u8>>,
    chars: [char; 3],
    #[serde(with = "serde_bytes_as_bytes")]
    bytes: Vec<u8>,
    floats: (f64, f64, f32, f64, f64, f64),
    shown: Shown,
    int_keys: BTreeMap<i64, u8>,
    bool_keys: BTreeMap<bool, u8>,
    char_keys: BTreeMap<char, u8>,
    unit_keys: BTreeMap<Key, u8>,
    nested_empties: (Vec<u8>, BTreeMap<String, u8>, Vec<Vec<u8>>),
    #[serde(rename = "we\"ird\nkey")]
    weird_key: &'static str,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    First,
    Second,
}

/// `serialize_bytes`, which derived code never calls for a `Vec<u8>`.
mod serde_bytes_as_bytes {
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
}

#[test]
fn every_serde_shape() {
    let value = Everything {
        unit: (),
        unit_struct: Unit,
        newtype: Newtype("n\t".into()),
        pair: Pair(1, "\u{1}"),
        tuple: (-128, u128::MAX, i128::MIN),
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(-5),
            Shape::Tuple(3, false),
            Shape::Struct {
                a: None,
                b: vec![
                    Shape::Unit,
                    Shape::Struct {
                        a: Some(9),
                        b: vec![],
                    },
                ],
            },
            Shape::EmptyTuple(),
            Shape::EmptyStruct {},
        ],
        none: None,
        some: Some(None),
        chars: ['a', '"', '😀'],
        bytes: vec![0, 255, 7],
        floats: (1.0, 1e300, 0.1, f64::NAN, -0.0, f64::INFINITY),
        shown: Shown("a\"b"),
        int_keys: [(-1, 1), (10, 2)].into_iter().collect(),
        bool_keys: [(true, 1), (false, 0)].into_iter().collect(),
        char_keys: [('\n', 1), ('x', 2)].into_iter().collect(),
        unit_keys: [(Key::First, 1), (Key::Second, 2)].into_iter().collect(),
        nested_empties: (vec![], BTreeMap::new(), vec![vec![], vec![1]]),
        weird_key: "",
    };
    same("every shape", &value);
    same("top-level string", "plain");
    same("top-level number", &42u8);
    same("empty object", &BTreeMap::<String, u8>::new());
    let floats: BTreeMap<String, f32> = [("f".to_owned(), 0.3f32)].into_iter().collect();
    same("f32 value", &floats);
}

#[test]
fn keys_serde_json_refuses_are_refused() {
    let mut m = BTreeMap::new();
    m.insert(vec![1u8], 1u8);
    assert!(serde_json::to_vec(&m).is_err());
    let e = oci_model::io::to_vec(&m, false).unwrap_err();
    assert!(e.to_string().contains("key must be a string"), "{e}");
}

#[test]
fn a_failing_writer_is_an_error() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let e = oci_model::io::to_writer(&vec!["a"], Full, true).unwrap_err();
    assert!(e.to_string().contains("disk full"), "{e}");
}

/// Any JSON value: nested arrays and objects of strings (any characters,
/// escapes included), integers, floats, booleans and nulls.
fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        "[\\x00-\\x1f\"\\\\a-z]{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(".{0,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn strings_of_every_length_are_written_as_serde_json_writes_them() {
    // The writer takes a different path for strings of up to 3, 7, 15, 30
    // and 32 bytes and beyond (escape check and copy): every length up to
    // 80, plain, with one byte to escape at each end and in the middle, and
    // with multi-byte UTF-8, as values and as map keys, one after another
    // in an array so that each is written after the one before.
    let mut strings = Vec::new();
    for len in 0..=80usize {
        let plain = "a".repeat(len);
        strings.push(plain.clone());
        strings.push(format!("{}é", "b".repeat(len)));
        for at in [0, len / 2, len.saturating_sub(1)] {
            for bad in ['"', '\\', '\n', '\u{1}'] {
                let mut v: Vec<char> = plain.chars().collect();
                if v.is_empty() {
                    v.push(bad);
                } else {
                    v[at] = bad;
                }
                strings.push(v.into_iter().collect());
            }
        }
    }
    same("strings of every length", &strings);
    let map: std::collections::BTreeMap<&String, &String> =
        strings.iter().map(|s| (s, s)).collect();
    same("strings of every length as keys", &map);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn any_json_value_is_written_as_serde_json_writes_it(v in any_json()) {
        same("generated value", &v);
    }
}

/// Annotation keys that sort in every way a writer could get wrong: many
/// (a hash map's order then differs from the sorted one), with escapes (a
/// control character sorts before "A" by its text), empty, and starting
/// with bytes below the quote (compared with its quotes, `" x"` would sort
/// before `""`).
#[cfg(feature = "image")]
fn tricky_annotations() -> BTreeMap<String, String> {
    let mut m: BTreeMap<String, String> = (0..200)
        .map(|i| (format!("org.example.key-{i}"), format!("value {i}")))
        .collect();
    for k in ["\u{1}", "A\"quote", "", " x", "!", "a\\b", "é", "z\n"] {
        m.insert(k.to_owned(), format!("v{k}"));
    }
    m
}

/// A manifest holding `annotations` (in a std hash map, as the model does).
#[cfg(feature = "image")]
fn manifest_with(annotations: &BTreeMap<String, String>) -> oci_model::image::ImageManifest {
    let doc = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": format!("sha256:{}", "a".repeat(64)),
            "size": 2,
        },
        "layers": [],
        "annotations": annotations,
    });
    oci_model::image::ImageManifest::from_slice(&serde_json::to_vec(&doc).unwrap()).unwrap()
}

#[cfg(feature = "image")]
#[test]
fn hash_maps_of_documents_are_written_in_key_order() {
    let annotations = tricky_annotations();
    let manifest = manifest_with(&annotations);
    // The annotations come last, in the order serde_json writes a BTreeMap.
    let expected = serde_json::to_string(&annotations).unwrap();
    let ours = oci_model::io::to_string(&manifest, false).unwrap();
    assert!(
        ours.ends_with(&format!(",\"annotations\":{expected}}}")),
        "{ours}"
    );
    // Pretty too, and through serde_json (the map is put in order before
    // any serializer sees it).
    same_document("manifest with 208 annotations", &manifest);
}

/// Prints the bytes of a document holding a hash map, written by this
/// process: the test below runs it in two child processes, whose hash maps
/// have different seeds.
#[cfg(feature = "image")]
#[test]
#[ignore = "run by hash_map_bytes_are_the_same_in_every_process"]
fn print_hash_map_bytes() {
    let manifest = manifest_with(&tricky_annotations());
    println!("BYTES {}", manifest.to_string().unwrap());
}

#[cfg(feature = "image")]
#[test]
fn hash_map_bytes_are_the_same_in_every_process() {
    let exe = std::env::current_exe().unwrap();
    let run = || {
        let out = std::process::Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "serializer::print_hash_map_bytes",
                "--nocapture",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("BYTES ").map(str::to_owned))
            .unwrap()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    let expected = serde_json::to_string(&tricky_annotations()).unwrap();
    assert!(a.ends_with(&format!("\"annotations\":{expected}}}")), "{a}");
}

#[cfg(feature = "image")]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

    /// Any annotations (any keys, any number) are written in key order, by
    /// the crate's writer and by serde_json alike.
    #[test]
    fn any_annotations_are_written_in_key_order(
        annotations in proptest::collection::btree_map(".{0,12}", ".{0,4}", 0..80)
    ) {
        let manifest = manifest_with(&annotations);
        same_document("generated annotations", &manifest);
        let expected = serde_json::to_string(&annotations).unwrap();
        let ours = manifest.to_string().unwrap();
        proptest::prop_assert!(ours.ends_with(&format!("\"annotations\":{expected}}}")), "{}", ours);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Every document kind with optional members unset (removed), set to
    /// `null`, and unknown members added, at random objects: the crate's
    /// writer gives serde_json's output (the same bytes, or the same value
    /// when a hash map is inside). Changes that make the document fail to
    /// decode (a required member removed) are undone.
    #[test]
    fn documents_with_members_unset_null_or_added_are_written_as_serde_json_writes_them(
        pick in proptest::prelude::any::<proptest::sample::Index>(),
        changes in proptest::collection::vec(
            (
                proptest::prelude::any::<proptest::sample::Index>(),
                proptest::prelude::any::<proptest::sample::Index>(),
                0u8..3,
                crate::lossless::any_value(),
            ),
            1..8,
        ),
    ) {
        let docs = crate::lossless::good_documents();
        let (path, kind, doc, rt) = &docs[pick.index(docs.len())];
        let mut d = doc.clone();
        for (at, member, what, value) in changes {
            let mut objs = Vec::new();
            crate::lossless::objects(&d, "", "", &mut objs);
            let before = d.clone();
            let target = d.pointer_mut(&objs[at.index(objs.len())]).unwrap().as_object_mut().unwrap();
            let keys: Vec<String> = target.keys().cloned().collect();
            match (what, keys.is_empty()) {
                (0, false) => drop(target.remove(&keys[member.index(keys.len())])),
                (1, false) => drop(target.insert(keys[member.index(keys.len())].clone(), serde_json::Value::Null)),
                _ => drop(target.insert(format!("x-added-{}", member.index(100)), value)),
            }
            if rt(&serde_json::to_vec(&d).unwrap()).is_err() {
                d = before;
            }
        }
        let bytes = serde_json::to_vec(&d).unwrap();
        proptest::prop_assert!(both_writers(kind, path, &bytes), "{path} no longer decodes");
    }
}

/// A map of another type, written in the order given.
struct InOrder(Vec<(&'static str, u8)>);

impl Serialize for InOrder {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The writer is a plain one: a value that is not one of the crate's
/// documents has its map members written in the order it gives them, as
/// serde_json writes them.
#[test]
fn other_maps_are_written_in_the_order_given() {
    for keys in [
        vec![(" x", 1), ("", 2)],
        vec![("", 2), (" x", 1)],
        vec![("b", 1), ("!", 2), ("a", 3)],
    ] {
        same("a map in the order given", &InOrder(keys));
    }
}

/// A struct with many field names, made at run time.
struct ManyNames(Vec<&'static str>);

impl Serialize for ManyNames {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ManyNames", self.0.len())?;
        for (i, name) in self.0.iter().enumerate() {
            st.serialize_field(name, &i)?;
        }
        st.end()
    }
}

#[test]
fn field_names_made_at_run_time_are_all_written_right() {
    // Field names made at run time, of every length, some needing escapes,
    // many: the writer's constant-name path must not assume the names of
    // the crate's own structs. Distinct names only: a struct with two
    // members of one name is not JSON serde_json would agree on.
    let names: Vec<&'static str> = (0..3000)
        .map(|i| {
            let name = match i % 4 {
                0 => format!("n{i}"),
                1 => format!("member_{i}_{}", "x".repeat(i % 60)),
                2 => format!("q\"{i}"),
                _ => format!("{i}é"),
            };
            &*Box::leak(name.into_boxed_str())
        })
        .collect();
    let doc = ManyNames(names);
    for _ in 0..3 {
        same("3,000 field names", &doc);
    }
}
