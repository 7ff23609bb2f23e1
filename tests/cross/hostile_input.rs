//! Hostile input: the bad-input table of the README's "Hostile input"
//! section. Each row feeds one document kind bytes an attacker could send
//! (deep nesting, huge strings, numbers past 2^64, `-0`, `1e400`, lone
//! surrogates, a byte order mark) and says what must happen:
//! a clear error that contains a given text, or a documented acceptance.
//! Every row must finish quickly, and every error message must stay short.
#![cfg(all(feature = "image", feature = "runtime", feature = "distribution"))]
#![allow(clippy::unwrap_used, reason = "tests")]

use std::fmt::Debug;
use std::time::{Duration, Instant};

use oci_model::distribution::{
    ErrorResponse, ExtensionList, ReferrersResponse, RepositoryList, TagList,
};
use oci_model::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout};
use oci_model::runtime::{Features, Spec, State};
use oci_model::{ModelError, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The longest error message a row may produce (bytes).
const MAX_MESSAGE: usize = 512;
/// The longest time a row may take (debug build, shared CI machine).
const MAX_TIME: Duration = Duration::from_secs(20);
/// A "very long" string: 10 MB.
const LONG: usize = 10_000_000;

const DIGEST: &str = "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f";

/// Decodes as `T`, validates, writes compact JSON and decodes that back to
/// an equal value; returns the compact JSON.
fn decode<T>(bytes: &[u8]) -> Result<String, ModelError>
where
    T: DeserializeOwned + Serialize + Validate + PartialEq + Debug,
{
    let value: T = oci_model::io::from_slice(bytes)?;
    let _report = value.validate();
    let out = oci_model::io::to_string(&value, false)?;
    let back: T = oci_model::io::from_str(&out)?;
    assert_eq!(back, value, "round trip of {out:.200}");
    Ok(out)
}

type Decoder = fn(&[u8]) -> Result<String, ModelError>;

/// Every document kind, with a minimal valid document of it.
fn kinds() -> Vec<(&'static str, Decoder, String)> {
    vec![
        ("descriptor", decode::<Descriptor>, descriptor("")),
        ("manifest", decode::<ImageManifest>, manifest("")),
        ("index", decode::<ImageIndex>, r#"{"schemaVersion":2,"manifests":[]}"#.into()),
        ("configuration", decode::<ImageConfiguration>, configuration("")),
        ("oci-layout", decode::<OciLayout>, r#"{"imageLayoutVersion":"1.0.0"}"#.into()),
        ("config.json", decode::<Spec>, spec("")),
        ("state.json", decode::<State>, state("")),
        ("features.json", decode::<Features>, features("")),
        ("error response", decode::<ErrorResponse>, r#"{"errors":[]}"#.into()),
        ("tag list", decode::<TagList>, r#"{"name":"a","tags":[]}"#.into()),
        ("repository list", decode::<RepositoryList>, r#"{"repositories":[]}"#.into()),
        ("referrers", decode::<ReferrersResponse>, r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.into()),
        ("extension list", decode::<ExtensionList>, r#"{"extensions":[]}"#.into()),
    ]
}

fn descriptor(extra: &str) -> String {
    format!(
        r#"{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{DIGEST}","size":7023{extra}}}"#
    )
}

fn manifest(extra: &str) -> String {
    format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]{extra}}}"#,
        descriptor("")
    )
}

fn configuration(config: &str) -> String {
    format!(
        r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":[]}}{config}}}"#
    )
}

fn spec(extra: &str) -> String {
    format!(r#"{{"ociVersion":"1.3.0","root":{{"path":"rootfs"}}{extra}}}"#)
}

fn state(extra: &str) -> String {
    format!(r#"{{"ociVersion":"1.3.0","id":"c","status":"running","pid":1,"bundle":"/b"{extra}}}"#)
}

fn features(extra: &str) -> String {
    format!(r#"{{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0"{extra}}}"#)
}

fn error_detail(detail: &str) -> String {
    format!(r#"{{"errors":[{{"code":"X","detail":{detail}}}]}}"#)
}

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// What a row must give.
enum Want {
    /// An error whose message contains this text.
    Error(&'static str),
    /// Decodes; the compact output contains this text.
    Accept(&'static str),
}

struct Row {
    name: String,
    decode: Decoder,
    input: Vec<u8>,
    want: Want,
}

fn row(name: impl Into<String>, decode: Decoder, input: impl Into<Vec<u8>>, want: Want) -> Row {
    Row {
        name: name.into(),
        decode,
        input: input.into(),
        want,
    }
}

/// Runs every row; returns one line per failing row.
fn run(rows: Vec<Row>) -> Vec<String> {
    let mut failures = Vec::new();
    for r in rows {
        let started = Instant::now();
        let got = (r.decode)(&r.input);
        let took = started.elapsed();
        if took > MAX_TIME {
            failures.push(format!("{}: took {took:?}", r.name));
        }
        match (&r.want, got) {
            (Want::Error(text), Err(e)) => {
                let message = e.to_string();
                if !message.contains(text) {
                    failures.push(format!("{}: error {message:.300} lacks {text:?}", r.name));
                }
                if message.len() > MAX_MESSAGE {
                    failures.push(format!(
                        "{}: message of {} bytes: {message:.300}",
                        r.name,
                        message.len()
                    ));
                }
            }
            (Want::Error(text), Ok(out)) => {
                failures.push(format!(
                    "{}: accepted ({out:.200}), wanted {text:?}",
                    r.name
                ));
            }
            (Want::Accept(text), Ok(out)) => {
                if !out.contains(text) {
                    failures.push(format!("{}: output {out:.300} lacks {text:?}", r.name));
                }
            }
            (Want::Accept(_), Err(e)) => {
                failures.push(format!("{}: rejected: {e:.300}", r.name));
            }
        }
    }
    failures
}

fn assert_rows(rows: Vec<Row>) {
    let failures = run(rows);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_kind_accepts_its_minimal_document() {
    let rows = kinds()
        .into_iter()
        .map(|(name, d, doc)| row(name, d, doc, Want::Accept("")))
        .collect();
    assert_rows(rows);
}

/// serde_json refuses the 128th level of nested arrays and objects in a
/// value it decodes (the document itself is level 1); this crate keeps that
/// default, for unknown members too (kept or, in a `Copy` struct, checked).
#[test]
fn nesting_depth() {
    let mut rows = vec![
        // The document, `errors`, its object, then 124 arrays: 127 levels.
        row(
            "127 levels (errors[0].detail)",
            decode::<ErrorResponse>,
            error_detail(&nested_arrays(124)),
            Want::Accept("[[[]]]"),
        ),
        row(
            "128 levels (errors[0].detail)",
            decode::<ErrorResponse>,
            error_detail(&nested_arrays(125)),
            Want::Error("recursion limit exceeded"),
        ),
        row(
            "200 levels of objects (windows.credentialSpec)",
            decode::<Spec>,
            spec(&format!(
                r#","windows":{{"layerFolders":["a"],"credentialSpec":{}1{}}}"#,
                r#"{"a":"#.repeat(200),
                "}".repeat(200)
            )),
            Want::Error("recursion limit exceeded"),
        ),
        row(
            // Not an object: the type error is told (the check of the
            // rest as JSON stops at the nesting limit, before the end).
            "16 MB of [ as a manifest",
            decode::<ImageManifest>,
            "[".repeat(16_000_000),
            Want::Error("invalid type"),
        ),
        row(
            "unknown member nested 4 million deep (kept, so the limit applies)",
            decode::<TagList>,
            format!(
                r#"{{"name":"a","tags":[],"x":{}}}"#,
                nested_arrays(4_000_000)
            ),
            Want::Error("recursion limit exceeded"),
        ),
        row(
            "unknown member nested 100 deep (kept)",
            decode::<TagList>,
            format!(r#"{{"name":"a","tags":[],"x":{}}}"#, nested_arrays(100)),
            Want::Accept(r#"{"name":"a","tags":[],"x":[[[["#),
        ),
    ];
    for (name, d, _) in kinds() {
        rows.push(row(
            format!("{name}: 1 MB of ["),
            d,
            "[".repeat(1 << 20),
            Want::Error(""),
        ));
        rows.push(row(
            format!("{name}: 1 MB of {{"),
            d,
            "{".repeat(1 << 20),
            Want::Error(""),
        ));
        rows.push(row(
            format!("{name}: 1 MB of {{\"a\":"),
            d,
            r#"{"a":"#.repeat(1 << 18),
            Want::Error(""),
        ));
    }
    assert_rows(rows);
}

/// Strings have no length limit of their own (the input's size bounds
/// them); an error quotes at most 120 characters of a bad value.
#[test]
fn very_long_strings() {
    let long = "a".repeat(LONG);
    assert_rows(vec![
        row(
            "10 MB annotation value",
            decode::<ImageManifest>,
            manifest(&format!(r#","annotations":{{"a":"{long}"}}"#)),
            Want::Accept("aaaa\"}"),
        ),
        row(
            "10 MB config.json annotation value",
            decode::<Spec>,
            spec(&format!(r#","annotations":{{"a":"{long}"}}"#)),
            Want::Accept("aaaa\"}"),
        ),
        row(
            "10 MB media type (an unknown one)",
            decode::<Descriptor>,
            descriptor("").replace("application/vnd.oci.image.config.v1+json", &long),
            Want::Accept("aaaa\""),
        ),
        row(
            "10 MB digest",
            decode::<Descriptor>,
            descriptor("").replace(DIGEST, &format!("sha256:{long}")),
            Want::Error("invalid digest \"sha256:aaaa"),
        ),
        row(
            "10 MB tag",
            decode::<TagList>,
            format!(r#"{{"name":"a","tags":["{long}"]}}"#),
            Want::Accept("aaaa\"]"),
        ),
        row(
            "10 MB string never closed",
            decode::<State>,
            format!(r#"{{"ociVersion":"{long}"#),
            Want::Error("eof while parsing a string"),
        ),
        row(
            "10 MB escaped string (\\u0041 ...)",
            decode::<TagList>,
            format!(r#"{{"name":"{}","tags":[]}}"#, "\\u0041".repeat(LONG / 6)),
            Want::Accept("AAAA"),
        ),
    ]);
}

/// Integers past their type's range, `-0` and exponent forms are errors
/// where the spec wants an integer. In the free-form `detail` of a registry
/// error, numbers are kept as serde_json keeps them: an integer past 2^64
/// and `-0` become floating point numbers; `1e400` is out of range.
#[test]
fn numbers() {
    let size = |n: &str| descriptor("").replace("7023", n);
    assert_rows(vec![
        row(
            "size 2^64",
            decode::<Descriptor>,
            size("18446744073709551616"),
            Want::Error("invalid size"),
        ),
        row(
            "size 2^63",
            decode::<Descriptor>,
            size("9223372036854775808"),
            Want::Error("expected at most 9223372036854775807"),
        ),
        row(
            "size 2^63-1",
            decode::<Descriptor>,
            size("9223372036854775807"),
            Want::Accept("9223372036854775807"),
        ),
        row(
            "size -0",
            decode::<Descriptor>,
            size("-0"),
            Want::Error("invalid size -0"),
        ),
        row(
            "size -1",
            decode::<Descriptor>,
            size("-1"),
            Want::Error("not negative"),
        ),
        row(
            "size 1e400",
            decode::<Descriptor>,
            size("1e400"),
            Want::Error("number out of range"),
        ),
        row(
            "size 1e3",
            decode::<Descriptor>,
            size("1e3"),
            Want::Error("invalid size"),
        ),
        row(
            "size 10^400 digits",
            decode::<Descriptor>,
            size(&format!("1{}", "0".repeat(400))),
            Want::Error("number out of range"),
        ),
        row(
            "schemaVersion 2^64",
            decode::<ImageManifest>,
            manifest("").replace(
                r#""schemaVersion":2"#,
                r#""schemaVersion":18446744073709551616"#,
            ),
            Want::Error("schemaVersion"),
        ),
        row(
            "schemaVersion -0",
            decode::<ImageManifest>,
            manifest("").replace(r#""schemaVersion":2"#, r#""schemaVersion":-0"#),
            Want::Error("expected an unsigned 32-bit integer (0 to 4294967295)"),
        ),
        row(
            "uid 2^64",
            decode::<Spec>,
            spec(r#","process":{"cwd":"/","user":{"uid":18446744073709551616,"gid":0}}"#),
            Want::Error("/process/user/uid"),
        ),
        row(
            "uid -0",
            decode::<Spec>,
            spec(r#","process":{"cwd":"/","user":{"uid":-0,"gid":0}}"#),
            Want::Error("expected an unsigned 32-bit integer (0 to 4294967295)"),
        ),
        row(
            "hook timeout 1e400",
            decode::<Spec>,
            spec(r#","hooks":{"prestart":[{"path":"/a","timeout":1e400}]}"#),
            Want::Error("number out of range"),
        ),
        row(
            "memory limit 2^64",
            decode::<Spec>,
            spec(r#","linux":{"resources":{"memory":{"limit":18446744073709551616}}}"#),
            Want::Error("/linux/resources/memory/limit"),
        ),
        row(
            "pid 2^64",
            decode::<State>,
            state("").replace(r#""pid":1"#, r#""pid":18446744073709551616"#),
            Want::Error("pid"),
        ),
        row(
            "pid -0",
            decode::<State>,
            state("").replace(r#""pid":1"#, r#""pid":-0"#),
            Want::Error("pid"),
        ),
        row(
            "detail: 2^64 and -0 become floats",
            decode::<ErrorResponse>,
            error_detail("[18446744073709551616,-0]"),
            Want::Accept("[1.8446744073709552e+19,-0.0]"),
        ),
        row(
            "detail: 1e400",
            decode::<ErrorResponse>,
            error_detail("1e400"),
            Want::Error("number out of range"),
        ),
        row(
            "unknown member 1e400 (kept, so it must be a number)",
            decode::<TagList>,
            r#"{"name":"a","tags":[],"x":1e400}"#,
            Want::Error("/x: number out of range"),
        ),
        row(
            "unknown member 2^64 (kept as a float)",
            decode::<TagList>,
            r#"{"name":"a","tags":[],"x":18446744073709551616}"#,
            Want::Accept(r#""x":1.8446744073709552e+19"#),
        ),
    ]);
}

/// A number where the runtime spec has an integer type is quoted as the
/// input writes it (serde shows `-0.0`, `1.8446744073709552e+19`, `100.0`)
/// and the message names the spec's type; the whole message is pinned.
#[test]
fn integer_fields_quote_numbers_as_written() {
    let uid = |n: &str| {
        spec(&format!(
            r#","process":{{"cwd":"/","user":{{"uid":{n},"gid":0}}}}"#
        ))
    };
    let major = |n: &str| {
        spec(&format!(
            r#","linux":{{"resources":{{"devices":[{{"allow":true,"major":{n}}}]}}}}"#
        ))
    };
    let u32_type = "expected an unsigned 32-bit integer (0 to 4294967295)";
    let i64_type = "expected a signed 64-bit integer (-9223372036854775808 to 9223372036854775807)";
    let cases = [
        (
            uid("-0"),
            format!("/process/user/uid: invalid type: number `-0`, {u32_type} at line 1 column 84"),
        ),
        (
            uid("18446744073709551616"),
            format!(
                "/process/user/uid: invalid type: number `18446744073709551616`, {u32_type} at line 1 column 102"
            ),
        ),
        (
            uid("1e2"),
            format!(
                "/process/user/uid: invalid type: number `1e2`, {u32_type} at line 1 column 85"
            ),
        ),
        (
            uid("4294967296"),
            format!(
                "/process/user/uid: invalid value: integer `4294967296`, {u32_type} at line 1 column 92"
            ),
        ),
        (
            major("-0"),
            format!(
                "/linux/resources/devices/0/major: invalid type: number `-0`, {i64_type} at line 1 column 104"
            ),
        ),
        (
            major("18446744073709551616"),
            format!(
                "/linux/resources/devices/0/major: invalid type: number `18446744073709551616`, {i64_type} at line 1 column 122"
            ),
        ),
        (
            major("1e2"),
            format!(
                "/linux/resources/devices/0/major: invalid type: number `1e2`, {i64_type} at line 1 column 105"
            ),
        ),
    ];
    for (input, want) in cases {
        let got = decode::<Spec>(input.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(got, Err(want), "{input}");
    }
}

/// A `\u` escape of a lone UTF-16 surrogate is not a character: an error
/// wherever a string is decoded. A surrogate pair is one character.
/// Unknown members are kept, so their strings are decoded too.
#[test]
fn lone_surrogates() {
    assert_rows(vec![
        row(
            "annotation value \\ud800",
            decode::<ImageManifest>,
            manifest(r#","annotations":{"a":"\ud800"}"#),
            Want::Error("/annotations/a"),
        ),
        row(
            "annotation value \\ud800 then text",
            decode::<ImageManifest>,
            manifest(r#","annotations":{"a":"\ud800x"}"#),
            Want::Error("escape"),
        ),
        row(
            "annotation key \\udc00",
            decode::<ImageManifest>,
            manifest(r#","annotations":{"\udc00":"a"}"#),
            Want::Error("surrogate"),
        ),
        row(
            "hostname \\udfff",
            decode::<Spec>,
            spec(r#","hostname":"\udfff""#),
            Want::Error("hostname"),
        ),
        row(
            "tag \\ud800\\ud800",
            decode::<TagList>,
            r#"{"name":"a","tags":["\ud800\ud800"]}"#,
            Want::Error("/tags/0"),
        ),
        row(
            "error message \\ud800",
            decode::<ErrorResponse>,
            r#"{"errors":[{"code":"X","message":"\ud800"}]}"#,
            Want::Error("escape"),
        ),
        row(
            "surrogate pair",
            decode::<ImageManifest>,
            manifest(r#","annotations":{"a":"\ud83d\ude00"}"#),
            Want::Accept("\u{1f600}"),
        ),
        row(
            "unknown member \\ud800 (kept, so decoded)",
            decode::<TagList>,
            r#"{"name":"a","tags":[],"x":"\ud800"}"#,
            Want::Error("/x: invalid unicode escape `\\ud800`"),
        ),
    ]);
}

/// The message of a lone surrogate names the escape as written, says what
/// is expected, and the pointer says where; the whole message is pinned.
#[test]
fn lone_surrogate_messages() {
    let why = "a lone utf-16 surrogate is not a character; \
               expected valid unicode (a character, or a surrogate pair such as `\\ud83d\\ude00`)";
    let cases = [
        (
            spec(r#","hostname":"\ud800""#),
            format!("/hostname: invalid unicode escape `\\ud800`: {why} at line 1 column 66"),
        ),
        (
            spec(r#","hostname":"\udc00""#),
            format!("/hostname: invalid unicode escape `\\udc00`: {why} at line 1 column 65"),
        ),
        (
            spec(r#","process":{"cwd":"/","args":["sh","-c\ud800x"]}"#),
            format!("/process/args/1: invalid unicode escape `\\ud800`: {why} at line 1 column 91"),
        ),
        (
            spec(r#","annotations":{"a":"\ud800\ud800"}"#),
            format!("/annotations/a: invalid unicode escape `\\ud800`: {why} at line 1 column 79"),
        ),
    ];
    for (input, want) in cases {
        let got = decode::<Spec>(input.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(got, Err(want), "{input}");
    }
}

/// JSON text must not start with a byte order mark (RFC 8259 section 8.1):
/// a BOM is an error at line 1 column 1 for every kind.
#[test]
fn utf8_byte_order_mark() {
    let rows = kinds()
        .into_iter()
        .map(|(name, d, doc)| {
            let mut input = b"\xEF\xBB\xBF".to_vec();
            input.extend(doc.as_bytes());
            row(
                format!("{name} after a BOM"),
                d,
                input,
                Want::Error("at line 1 column 1"),
            )
        })
        .collect();
    assert_rows(rows);
}

// Repeated member names (duplicate keys): tests/cross/hostile_repeated.rs.

/// A 10 MB member name or a path 125 levels deep must not make a 10 MB or
/// 2 KB message: the JSON pointer keeps its start and end around `/…/`.
#[test]
fn long_paths_are_shortened_in_the_middle() {
    let long = "k".repeat(LONG);
    assert_rows(vec![
        row(
            "10 MB annotation key, value of the wrong type",
            decode::<ImageManifest>,
            manifest(&format!(r#","annotations":{{"{long}":1}}"#)),
            Want::Error("/annotations/kkkk"),
        ),
        row(
            "10 MB unknown member name, broken value",
            decode::<TagList>,
            format!(r#"{{"name":"a","tags":[],"{long}":[1,}}"#),
            Want::Error("expected value"),
        ),
        row(
            "125 arrays deep in errors[0].detail",
            decode::<ErrorResponse>,
            error_detail(&nested_arrays(125)),
            Want::Error("/errors/0/detail/0/0/"),
        ),
        row(
            "120 objects deep in errors[0].detail, broken at the bottom",
            decode::<ErrorResponse>,
            error_detail(&format!(
                "{}tru{}",
                r#"{"aaaaaaaaaaaaaaaaaaaa":"#.repeat(120),
                "}".repeat(120)
            )),
            Want::Error("/errors/0/detail/aaaa"),
        ),
    ]);
    // The pointer is cut in the middle: its start and its end stay.
    let e = decode::<ErrorResponse>(error_detail(&nested_arrays(125)).as_bytes()).unwrap_err();
    let ModelError::Decode(d) = &e else {
        panic!("{e:?}")
    };
    assert!(d.pointer().starts_with("/errors/0/detail/0/0"), "{e}");
    assert!(d.pointer().contains('\u{2026}'), "{e}");
    assert!(d.pointer().ends_with("/0/0"), "{e}");
}

/// The cut of a long pointer does not double a `/` (`/0/…//0`).
#[test]
fn a_shortened_pointer_has_no_empty_segment() {
    for key in 1..12 {
        let member = format!(r#"{{"{}":"#, "a".repeat(key));
        let doc = error_detail(&format!("{}tru{}", member.repeat(120), "}".repeat(120)));
        let e = decode::<ErrorResponse>(doc.as_bytes()).unwrap_err();
        let ModelError::Decode(d) = &e else {
            panic!("{e:?}")
        };
        assert!(!d.pointer().contains("//"), "{e}");
    }
}

/// A byte order mark is common in files saved by Windows editors; the
/// error should name it rather than say "expected value" (src/io.rs, issue
/// 14 item 4: the lead words it).
#[test]
fn a_byte_order_mark_is_named() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend(manifest("").as_bytes());
    let e = decode::<ImageManifest>(&input).unwrap_err().to_string();
    assert!(e.contains("byte order mark"), "{e}");
}

/// Issue 26: what the crate does not keep is checked as what it keeps. A
/// byte 0xFF or a lone surrogate escape inside an unknown member of a
/// `Copy` struct (an rdma entry) was accepted; so was an unknown member of
/// `process.consoleSize` nested 125 arrays deep (128 levels), or a million.
/// Now they are read as every kept member is (and kept by the parent).
#[test]
fn unknown_members_of_copy_structs_are_checked() {
    let rdma = |value: &[u8]| {
        let mut doc = br#"{"ociVersion":"","linux":{"resources":{"rdma":{"":{"":"#.to_vec();
        doc.extend(value);
        doc.extend(b"}}}}}");
        doc
    };
    let console = |arrays: usize| {
        spec(&format!(
            r#","process":{{"cwd":"/","consoleSize":{{"height":1,"width":1,"x":{}}}}}"#,
            nested_arrays(arrays)
        ))
    };
    assert_rows(vec![
        row(
            "rdma entry, unknown member holding byte 0xFF",
            decode::<Spec>,
            rdma(b"\"\xFF\""),
            Want::Error("/linux/resources/rdma//"),
        ),
        row(
            "rdma entry, unknown member holding \\ud800",
            decode::<Spec>,
            rdma(br#""\ud800""#),
            Want::Error("/linux/resources/rdma//: invalid unicode escape `\\ud800`"),
        ),
        row(
            "rdma entry, unknown member holding 1e400",
            decode::<Spec>,
            rdma(b"1e400"),
            Want::Error("number out of range"),
        ),
        row(
            "rdma entry, unknown member name holding \\udc00",
            decode::<Spec>,
            br#"{"ociVersion":"","linux":{"resources":{"rdma":{"":{"\udc00":1}}}}}"#.to_vec(),
            Want::Error("invalid unicode escape `\\udc00`"),
        ),
        row(
            "rdma entry, unknown member holding a string (accepted)",
            decode::<Spec>,
            rdma(br#""\u00e9""#),
            Want::Accept(r#""rdma":{"":{"":"é"}}"#),
        ),
        row(
            "consoleSize, unknown member 124 arrays deep (127 levels)",
            decode::<Spec>,
            console(124),
            Want::Accept(r#""consoleSize":{"height":1,"width":1,"x":[[[["#),
        ),
        row(
            "consoleSize, unknown member 125 arrays deep (128 levels)",
            decode::<Spec>,
            console(125),
            Want::Error("recursion limit exceeded"),
        ),
        row(
            "consoleSize, unknown member 1,000,000 arrays deep",
            decode::<Spec>,
            console(1_000_000),
            Want::Error("recursion limit exceeded"),
        ),
        row(
            "process (not Copy), unknown member 126 arrays deep (128 levels)",
            decode::<Spec>,
            spec(&format!(
                r#","process":{{"cwd":"/","x":{}}}"#,
                nested_arrays(126)
            )),
            Want::Error("recursion limit exceeded"),
        ),
        row(
            "process (not Copy), unknown member 125 arrays deep (127 levels)",
            decode::<Spec>,
            spec(&format!(
                r#","process":{{"cwd":"/","x":{}}}"#,
                nested_arrays(125)
            )),
            Want::Accept("]]]"),
        ),
        row(
            "ExposedPorts value holding byte 0xFF",
            decode::<ImageConfiguration>,
            configuration(r#","config":{"ExposedPorts":{"80/tcp":{"a":"@"}}}"#)
                .bytes()
                .map(|b| if b == b'@' { 0xFF } else { b })
                .collect::<Vec<u8>>(),
            Want::Error("/config/ExposedPorts/80~1tcp"),
        ),
    ]);
}

/// Issue 26: the nesting limit is the same for the unknown members of
/// every struct, `Copy` or not, kept or checked: in every object of every
/// good fixture, an unknown member that reaches level 127 is accepted and
/// one that reaches level 128 is refused.
#[test]
fn the_nesting_limit_is_the_same_in_every_object() {
    use crate::lossless::{Object, every_object, good_documents};
    let mut checked = 0;
    for (name, _, doc, rt) in good_documents() {
        let mut objs = Vec::new();
        every_object(&doc, "", "", &mut objs);
        for (at, kind) in objs {
            if kind == Object::StringMap {
                continue;
            }
            // The object's own level: the document is level 1.
            let level = 1 + at.matches('/').count();
            for (levels, refused) in [(127_usize, false), (128, true)] {
                let Some(arrays) = levels.checked_sub(level) else {
                    continue;
                };
                let mut d = doc.clone();
                // An object holding the arrays: an unknown member of a
                // struct, or an entry of a set or map of structs with an
                // unknown member.
                if arrays == 0 {
                    continue;
                }
                let value = serde_json::json!({ "a": nested(arrays - 1) });
                d.pointer_mut(&at).unwrap()["x-oci-model-depth"] = value;
                let what = format!(
                    "{name}: an unknown member at {at:?} ({kind:?}) reaching level {levels}"
                );
                match rt(d.to_string().as_bytes()) {
                    Ok(_) => assert!(!refused, "{what}: accepted"),
                    Err(e) => assert!(
                        refused && e.contains("recursion limit exceeded"),
                        "{what}: {e:.300}"
                    ),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} objects");
}

/// `levels` arrays nested in each other (0: an empty string).
fn nested(levels: usize) -> serde_json::Value {
    let mut v = serde_json::Value::String(String::new());
    for _ in 0..levels {
        v = serde_json::Value::Array(vec![v]);
    }
    v
}
