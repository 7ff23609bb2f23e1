//! Hostile input, syntax (issue 28, items 2 and 6): a row per construct
//! that is not JSON (characters after the document, invalid UTF-8 in a key
//! or a value, UTF-16 and UTF-32 documents, comments, single quotes, `NaN`,
//! `-Infinity`, a leading zero, a 400-digit number, `1e400`, `\x41`, a
//! trailing comma, an unterminated string, a raw control character) and for
//! control characters in a quoted bad value. Each row pins the error's JSON
//! pointer, line, column and whole message (so its quote of the input), as
//! the library returns it and as `oci-model validate` prints it, with the
//! exit code.
#![cfg(all(feature = "image", feature = "runtime"))]
#![allow(clippy::unwrap_used, reason = "tests")]

use oci_model::ModelError;
use oci_model::image::ImageManifest;

const DIGEST: &str = "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f";

/// A manifest whose annotation `a` (line 6, from column 23) has `value`,
/// followed by `tail`.
fn manifest(value: &[u8], tail: &[u8]) -> Vec<u8> {
    [
        b"{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n  \"config\": {\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"digest\": \"".as_slice(),
        DIGEST.as_bytes(),
        b"\", \"size\": 7023},\n  \"layers\": [],\n  \"annotations\": {\"a\": ",
        value,
        b"}\n}\n",
        tail,
    ]
    .concat()
}

fn good() -> String {
    String::from_utf8(manifest(b"\"b\"", b"")).unwrap()
}

/// One bad input and the error it must give.
struct Row {
    name: &'static str,
    input: Vec<u8>,
    pointer: &'static str,
    line: usize,
    column: usize,
    message: String,
}

fn row(
    name: &'static str,
    input: impl Into<Vec<u8>>,
    (pointer, line, column): (&'static str, usize, usize),
    message: impl Into<String>,
) -> Row {
    Row {
        name,
        input: input.into(),
        pointer,
        line,
        column,
        message: message.into(),
    }
}

/// What RFC 8259 §8.1 requires, as the messages end.
const UTF8: &str = "JSON documents must be UTF-8 (RFC 8259 §8.1)";

fn encoded(name: &str, how: &str, first: &str) -> String {
    format!(
        "the document is {name}, not UTF-8 (first bytes {first}: {how}): {UTF8}; convert it, \
         for instance with `iconv -f {name} -t UTF-8`"
    )
}

fn rows() -> Vec<Row> {
    let at_a = |column| ("/annotations/a", 6, column);
    let utf16le: Vec<u8> = good().encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be: Vec<u8> = good().encode_utf16().flat_map(u16::to_be_bytes).collect();
    let utf32le: Vec<u8> = good()
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    let utf32be: Vec<u8> = good()
        .chars()
        .flat_map(|c| u32::from(c).to_be_bytes())
        .collect();
    let unterminated = {
        let mut m = manifest(b"\"b\\\"c", b"");
        let end = m.len() - b"}\n}\n".len();
        m.truncate(end);
        m
    };
    let utf8_key = {
        let m = manifest(b"\"b\"", b"");
        let at = m.windows(4).position(|w| w == b"{\"a\"").unwrap() + 3;
        [&m[..at], b"\xff", &m[at..]].concat()
    };
    vec![
        row(
            "trailing garbage",
            manifest(b"\"b\"", b" garbage\n"),
            ("", 8, 2),
            "trailing characters after the document: `garbage`",
        ),
        row(
            // The type error (no `config`) is met first; the check of the
            // rest as JSON finds the trailing characters.
            "trailing garbage after a manifest without config",
            "{\"schemaVersion\": 2} garbage",
            ("", 1, 22),
            "trailing characters after the document: `garbage`",
        ),
        row(
            "trailing comment",
            manifest(b"\"b\"", b"// the end\n"),
            ("", 8, 1),
            "trailing characters after the document: comment `// the end`: JSON has no comments",
        ),
        row(
            "invalid UTF-8 in a key",
            utf8_key,
            ("/annotations", 6, 21),
            format!("invalid UTF-8 at byte offset 291 (byte ff, after `\"a`): {UTF8}"),
        ),
        row(
            "invalid UTF-8 in a value",
            manifest(b"\"b\xc3(\"", b""),
            at_a(26),
            format!("invalid UTF-8 at byte offset 296 (byte c3, after `\"b`): {UTF8}"),
        ),
        row(
            "UTF-16LE without byte order mark",
            utf16le.clone(),
            ("", 1, 2),
            encoded("UTF-16LE", "its NUL bytes", "7b 00 0a 00"),
        ),
        row(
            "UTF-16LE with byte order mark",
            [b"\xff\xfe".as_slice(), &utf16le].concat(),
            ("", 1, 1),
            encoded("UTF-16LE", "its byte order mark", "ff fe 7b 00"),
        ),
        row(
            "UTF-16BE without byte order mark",
            utf16be.clone(),
            ("", 1, 1),
            encoded("UTF-16BE", "its NUL bytes", "00 7b 00 0a"),
        ),
        row(
            "UTF-16BE with byte order mark",
            [b"\xfe\xff".as_slice(), &utf16be].concat(),
            ("", 1, 1),
            encoded("UTF-16BE", "its byte order mark", "fe ff 00 7b"),
        ),
        row(
            "UTF-32LE",
            utf32le,
            ("", 1, 2),
            encoded("UTF-32LE", "its NUL bytes", "7b 00 00 00"),
        ),
        row(
            "UTF-32BE with byte order mark",
            [b"\x00\x00\xfe\xff".as_slice(), &utf32be].concat(),
            ("", 1, 1),
            encoded("UTF-32BE", "its byte order mark", "00 00 fe ff"),
        ),
        row(
            "block comment",
            manifest(b"/* comment */ \"b\"", b""),
            at_a(24),
            "comment `/* comment */`: JSON has no comments",
        ),
        row(
            "line comment",
            manifest(b"\"b\" // note\n", b""),
            ("/annotations", 6, 28),
            "comment `// note`: JSON has no comments",
        ),
        row(
            "single quotes",
            manifest(b"'b'", b""),
            at_a(24),
            "single-quoted text `'b'`: JSON strings and member names are written in double quotes",
        ),
        row(
            "NaN",
            manifest(b"NaN", b""),
            at_a(24),
            "`NaN` is not a JSON number: JSON has no NaN or Infinity (RFC 8259 §6)",
        ),
        row(
            "-Infinity",
            manifest(b"-Infinity", b""),
            at_a(25),
            "`-Infinity` is not a JSON number: JSON has no NaN or Infinity (RFC 8259 §6)",
        ),
        row(
            "leading zero",
            manifest(b"007", b""),
            at_a(25),
            "invalid number `007`: a leading zero: JSON numbers start with 0 only for 0 itself \
             and fractions such as 0.5 (RFC 8259 §6)",
        ),
        row(
            "400-digit number",
            manifest(format!("1{}", "0".repeat(399)).as_bytes(), b""),
            at_a(423),
            format!(
                "number out of range: `1{}...` (400 characters) is beyond what a 64-bit floating \
                 point number holds (about ±1.8e308)",
                "0".repeat(39)
            ),
        ),
        row(
            "1e400",
            manifest(b"1e400", b""),
            at_a(28),
            "number out of range: `1e400` is beyond what a 64-bit floating point number holds \
             (about ±1.8e308)",
        ),
        row(
            "\\x41",
            manifest(b"\"\\x41\"", b""),
            at_a(26),
            "invalid escape `\\x` in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \
             \\uXXXX (RFC 8259 §7)",
        ),
        row(
            "trailing comma",
            manifest(b"\"b\",", b""),
            ("/annotations", 6, 28),
            "trailing comma `,}`: JSON has no comma after the last member of an object",
        ),
        row(
            "unterminated string",
            unterminated,
            at_a(28),
            "unexpected end of input (eof while parsing a string): the string `\"b\\\"c` is not \
             closed",
        ),
        row(
            "raw escape character in a string",
            manifest(b"\"a\x1b[31m\"", b""),
            at_a(26),
            "control character U+001B in a string: JSON strings write it as the escape `\\u001b` \
             (RFC 8259 §7)",
        ),
        row(
            "raw newline in a string",
            manifest(b"\"a\nb\"", b""),
            ("/annotations/a", 7, 0),
            "control character U+000A in a string: JSON strings write it as the escape `\\n` \
             (RFC 8259 §7)",
        ),
        row(
            "control characters in a quoted bad value",
            String::from_utf8(manifest(b"\"b\"", b""))
                .unwrap()
                .replace(DIGEST, "sha256:\\u001b[31m\\n\\u009b"),
            ("/config/digest", 4, 107),
            "invalid digest \"sha256:\\u001b[31m\\n\\u009b\": expected 64 lowercase hex characters \
             after \"sha256:\"",
        ),
        row(
            "control characters in a string of the wrong type",
            good().replace(
                "\"schemaVersion\": 2,",
                "\"schemaVersion\": \"2\\u001b\\u0085\",",
            ),
            ("/schemaVersion", 2, 34),
            "invalid type: string \"2\\u001b\\u0085\", expected an unsigned 32-bit integer \
             (0 to 4294967295)",
        ),
    ]
}

#[test]
fn each_construct_is_named_quoted_and_placed() {
    let mut failures = Vec::new();
    for r in rows() {
        match oci_model::io::from_slice::<ImageManifest>(&r.input) {
            Err(ModelError::Decode(e)) => {
                let got = (e.pointer(), e.line(), e.column(), e.message());
                let want = (r.pointer, r.line, r.column, r.message.as_str());
                if got != want {
                    failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", r.name));
                }
            }
            other => failures.push(format!("{}: {other:?}", r.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(feature = "cli")]
mod cli {
    use std::process::{Command, Stdio};

    use super::rows;

    /// Runs `oci-model validate` with `args` and the file `name` holding
    /// `bytes`: exit code and output.
    pub(super) fn validate(args: &[&str], name: &str, bytes: &[u8]) -> (i32, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_oci-model"))
            .arg("validate")
            .args(args)
            .arg(&path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout)
            .unwrap()
            .replace(&path.display().to_string(), name);
        (o.status.code().unwrap(), out)
    }

    #[test]
    fn each_construct_exits_1_with_its_message() {
        let mut failures = Vec::new();
        for r in rows() {
            let pointer = if r.pointer.is_empty() { "/" } else { r.pointer };
            let want = format!(
                "m.json: {pointer}: error[decode]: {} at line {} column {}\n\
                 m.json: invalid (1 error)\n",
                r.message, r.line, r.column
            );
            for kind in [&["--kind", "manifest"][..], &[]] {
                let got = validate(kind, "m.json", &r.input);
                if got != (1, want.clone()) {
                    failures.push(format!(
                        "{} ({kind:?}):\n  got  {got:?}\n  want {want:?}",
                        r.name
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A rule's message quotes the bad value as JSON does, in the text
    /// report and (escaped once more by the JSON writer) in the JSON one.
    #[test]
    fn control_characters_in_a_rule_message_are_json_escapes() {
        let spec = br#"{"ociVersion":"1.3.0","root":{"path":"rootfs"},"mounts":[{"destination":"a\u001bb\n\u202e"}]}"#;
        let (code, out) = validate(&["--kind", "runtime-config"], "config.json", spec);
        assert_eq!(code, 0, "{out}");
        assert_eq!(
            out,
            "config.json: /mounts/0/destination: warning[mount-destination-absolute]: mount \
             destination \"a\\u001bb\\n\\u202e\" is not absolute (deprecated on linux)\n\
             config.json: ok with 1 warning\n"
        );
        let (code, out) = validate(
            &["--kind", "runtime-config", "--format", "json"],
            "config.json",
            spec,
        );
        assert_eq!(code, 0, "{out}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            report[0]["message"],
            "mount destination \"a\\u001bb\\n\\u202e\" is not absolute (deprecated on linux)"
        );
    }
}
