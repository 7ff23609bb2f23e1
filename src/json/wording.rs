//! The words of decode errors: serde names Rust types (`expected u64`,
//! `invalid type: sequence, expected struct Descriptor`) and formats numbers
//! from their parsed `f64` (`18446744073709551616` becomes
//! `18446744073709552000`, `1e2` becomes `100`). A person reading the error
//! knows the document, not the model: here the types become the JSON and
//! spec words (`an unsigned 64-bit integer (0 to 18446744073709551615)`,
//! `array`, `object`) and a number is quoted as the input writes it (`-0`,
//! `18446744073709551616`, `1e2`; serde shows `-0.0`,
//! `1.8446744073709552e+19`, `100.0`).

use super::quote::{Quote, escape_controls, quote};
use super::syntax::{eof_message, other_encoding, syntax_message};
use crate::error::DecodeErrorCategory;

/// Rust type names in serde's `expected ...` and the words that replace them.
const EXPECTED: &[(&str, &str)] = &[
    (
        "expected u8",
        "expected an unsigned 8-bit integer (0 to 255)",
    ),
    (
        "expected u16",
        "expected an unsigned 16-bit integer (0 to 65535)",
    ),
    (
        "expected u32",
        "expected an unsigned 32-bit integer (0 to 4294967295)",
    ),
    (
        "expected u64",
        "expected an unsigned 64-bit integer (0 to 18446744073709551615)",
    ),
    (
        "expected i8",
        "expected a signed 8-bit integer (-128 to 127)",
    ),
    (
        "expected i16",
        "expected a signed 16-bit integer (-32768 to 32767)",
    ),
    (
        "expected i32",
        "expected a signed 32-bit integer (-2147483648 to 2147483647)",
    ),
    (
        "expected i64",
        "expected a signed 64-bit integer (-9223372036854775808 to 9223372036854775807)",
    ),
    ("expected f32", "expected a number"),
    ("expected f64", "expected a number"),
    ("expected a sequence", "expected an array"),
    ("expected a map", "expected an object"),
    ("expected a borrowed string", "expected a string"),
    ("expected unit", "expected null"),
    ("expected a boolean", "expected true or false"),
];

/// serde's words for the value found, and the JSON words.
const FOUND: &[(&str, &str)] = &[
    ("invalid type: sequence,", "invalid type: array,"),
    ("invalid type: map,", "invalid type: object,"),
    ("invalid type: unit value,", "invalid type: null,"),
    ("invalid type: floating point `", "invalid type: number `"),
    ("invalid value: floating point `", "invalid value: number `"),
];

/// The longest message kept whole; a longer one (a huge string quoted by
/// serde) keeps its start and end.
const MAX_MESSAGE: usize = 400;

/// The longest JSON pointer kept whole; a deeper one keeps its start and
/// end.
const MAX_POINTER: usize = 160;

/// Rewrites a serde message in the words of the JSON document; `input` and
/// the 1-based `line` and `column` of the error find a number as written.
pub(super) fn spec_words(message: &str, input: &[u8], line: usize, column: usize) -> String {
    let mut out = json_quoted_strings(message);
    // "struct Descriptor" and the like: the document says object.
    while let Some(at) = out.find("expected struct ") {
        let name_end = out[at + 16..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .map_or(out.len(), |n| at + 16 + n);
        out.replace_range(at..name_end, "expected an object");
    }
    for (rust, json) in FOUND.iter().chain(EXPECTED) {
        if out.contains(rust) {
            out = out.replace(rust, json);
        }
    }
    if let Some(token) = number_before(input, line, column) {
        out = as_written(&out, token);
    }
    shorten(&out, MAX_MESSAGE)
}

/// `message` with the strings serde quotes the Rust way (`` string
/// "a\u{1b}" ``, its `Unexpected::Str`) quoted as JSON quotes them
/// ([`quote`]: `"a\u001b"`).
fn json_quoted_strings(message: &str) -> String {
    const INTRO: &str = "string \"";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(INTRO) {
        let start = i + INTRO.len() - 1;
        out.push_str(&rest[..start]);
        if let Some((value, len)) = rust_string(&rest[start..]) {
            out.push_str(&quote(&value, Quote::Value));
            rest = &rest[start + len..];
        } else {
            out.push('"');
            rest = &rest[start + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The value of the string literal that `{:?}` wrote at the start of `s`
/// (`"a\u{1b}\n"`), and the literal's length.
fn rust_string(s: &str) -> Option<(String, usize)> {
    let mut chars = s.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    let mut value = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 1)),
            '\\' => value.push(match chars.next()?.1 {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                c @ ('\\' | '"' | '\'') => c,
                'u' => {
                    if chars.next()?.1 != '{' {
                        return None;
                    }
                    let mut code = 0u32;
                    loop {
                        match chars.next()?.1 {
                            '}' => break,
                            h => code = code.checked_mul(16)? + h.to_digit(16)?,
                        }
                    }
                    char::from_u32(code)?
                }
                _ => return None,
            }),
            c => value.push(c),
        }
    }
    None
}

/// The category and message of a decode error whose serde_json message
/// is `message` (without its position), at 1-based `line` and `column` of
/// `input`: a document in UTF-16 or UTF-32 is told as such whatever
/// serde_json met first; syntax errors, trailing characters and an early
/// end go through the classifier of syntax errors (`syntax`); type and
/// value errors are put in the document's words ([`spec_words`]).
pub(super) fn describe(
    category: DecodeErrorCategory,
    message: &str,
    input: &[u8],
    line: usize,
    column: usize,
) -> (DecodeErrorCategory, String) {
    use DecodeErrorCategory as C;
    if category != C::Io {
        if let Some(m) = other_encoding(input) {
            return (C::Syntax, m);
        }
    }
    let message = match category {
        C::Eof => eof_message(message, input),
        C::TrailingInput => syntax_message(message, true, input, line, column),
        C::Data => spec_words(message, input, line, column),
        C::Syntax => syntax_message(message, false, input, line, column),
        _ => message.replacen("EOF", "eof", 1),
    };
    (category, escape_controls(&message))
}

/// A JSON pointer short enough to read: a very deep one keeps its start and
/// end around `/…/`.
pub(super) fn short_pointer(pointer: &str) -> String {
    if pointer.len() <= MAX_POINTER {
        return pointer.to_owned();
    }
    // Cut between segments where one is near, so that no short segment is
    // split; inside a very long segment (a huge key) cut where it falls.
    let keep = MAX_POINTER / 2;
    let mut head = keep;
    while !pointer.is_char_boundary(head) {
        head -= 1;
    }
    if let Some(slash) = pointer[..head].rfind('/').filter(|&i| head - i < 24) {
        head = slash;
    }
    let mut tail = pointer.len() - keep;
    while !pointer.is_char_boundary(tail) {
        tail += 1;
    }
    if let Some(slash) = pointer[tail..].find('/').filter(|&i| i < 24) {
        tail += slash;
    }
    let head = pointer[..head].trim_end_matches('/');
    let tail = pointer[tail..].trim_start_matches('/');
    format!("{head}/…/{tail}")
}

/// Replaces serde's rendering of the number `token` by the token itself:
/// the value between backquotes after `number ` or `integer ` (serde's
/// `Unexpected`, which formats floats its own way, `1.8446744073709552e+19`,
/// `-0.0`), else the first whole number in the message that an `f64` or an
/// integer prints for it (custom messages such as `invalid size ...`).
fn as_written(message: &str, token: &str) -> String {
    let Ok(value) = token.parse::<f64>() else {
        return message.to_owned();
    };
    // The same `f64`, sign of zero included.
    let same = |text: &str| {
        text == token
            || text
                .parse::<f64>()
                .is_ok_and(|v| v.to_bits() == value.to_bits())
    };
    for intro in ["number `", "integer `"] {
        let Some(at) = message.find(intro) else {
            continue;
        };
        let start = at + intro.len();
        let Some(len) = message[start..].find('`') else {
            continue;
        };
        if same(&message[start..start + len]) {
            let mut out = message.to_owned();
            out.replace_range(start..start + len, token);
            return out;
        }
    }
    if whole_number_at(message, token).is_some() {
        return message.to_owned();
    }
    let plain = format!("{value}");
    let mut candidates = vec![format!("{plain}.0"), plain];
    if let Ok(i) = token.parse::<i128>() {
        candidates.push(i.to_string());
    }
    for c in candidates {
        if let Some(at) = whole_number_at(message, &c) {
            let mut out = message.to_owned();
            out.replace_range(at..at + c.len(), token);
            return out;
        }
    }
    message.to_owned()
}

/// Where `number` first stands alone in `message` (not inside a longer
/// number: `-0` is not found in `-0.0`).
fn whole_number_at(message: &str, number: &str) -> Option<usize> {
    let is_number_byte =
        |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
    let bytes = message.as_bytes();
    let mut from = 0;
    while let Some(i) = message[from..].find(number) {
        let at = from + i;
        let end = at + number.len();
        let before = at.checked_sub(1).and_then(|b| bytes.get(b));
        // A number may end a sentence: `... 7.` is the number 7.
        let after_ok = match bytes.get(end) {
            None => true,
            Some(b'.') => bytes.get(end + 1).is_none_or(|b| !b.is_ascii_digit()),
            Some(&b) => !is_number_byte(b),
        };
        if before.is_none_or(|&b| !is_number_byte(b)) && after_ok {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The JSON number that ends just before 1-based `line` and `column` of
/// `input` (where serde_json reports a value of the wrong type or range).
fn number_before(input: &[u8], line: usize, column: usize) -> Option<&str> {
    if line == 0 {
        return None;
    }
    let mut offset = 0;
    for _ in 1..line {
        offset += input.get(offset..)?.iter().position(|&b| b == b'\n')? + 1;
    }
    let end = (offset + column).min(input.len());
    let is_number_byte =
        |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
    // serde_json's column is the last byte read: the number ends there or
    // one byte before.
    let mut stop = end;
    while stop > offset && !is_number_byte(input[stop - 1]) {
        stop -= 1;
        if end - stop > 1 {
            return None;
        }
    }
    let mut start = stop;
    while start > offset && is_number_byte(input[start - 1]) {
        start -= 1;
    }
    let token = std::str::from_utf8(input.get(start..stop)?).ok()?;
    let first = token.bytes().next()?;
    (first == b'-' || first.is_ascii_digit()).then_some(token)
}

/// `s` when at most `max` bytes long; else its start and end around ` … `,
/// cut at character boundaries.
fn shorten(s: &str, max: usize) -> String {
    let mid = " … ";
    if s.len() <= max {
        return s.to_owned();
    }
    let keep = max / 2;
    let mut head = keep;
    while !s.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = s.len() - keep;
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}{mid}{}", &s[..head], &s[tail..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_types_become_json_words() {
        assert_eq!(
            spec_words("invalid type: string \"x\", expected u64", b"", 0, 0),
            "invalid type: string \"x\", expected an unsigned 64-bit integer (0 to 18446744073709551615)"
        );
        assert_eq!(
            spec_words(
                "invalid type: sequence, expected struct Descriptor",
                b"",
                0,
                0
            ),
            "invalid type: array, expected an object"
        );
        assert_eq!(
            spec_words("invalid type: map, expected a sequence", b"", 0, 0),
            "invalid type: object, expected an array"
        );
    }

    #[test]
    fn strings_are_quoted_as_json_quotes_them() {
        let rust = format!(
            "invalid type: string {:?}, expected u8",
            "a\u{1b}\n\"\\'\u{0}\u{85}é"
        );
        assert_eq!(
            spec_words(&rust, b"", 0, 0),
            "invalid type: string \"a\\u001b\\n\\\"\\\\'\\u0000\\u0085é\", expected an unsigned \
             8-bit integer (0 to 255)"
        );
        // Not a literal: left as it is.
        assert_eq!(json_quoted_strings("a string \"x"), "a string \"x");
    }

    #[test]
    fn numbers_are_quoted_as_written() {
        let input = br#"{"size": 18446744073709551616}"#;
        assert_eq!(
            spec_words(
                "invalid size 18446744073709552000: expected at most 9223372036854775807",
                input,
                1,
                30
            ),
            "invalid size 18446744073709551616: expected at most 9223372036854775807"
        );
        let input = b"{\n \"a\": 1e2\n}";
        assert_eq!(
            spec_words(
                "invalid type: floating point `100.0`, expected u8",
                input,
                2,
                10
            ),
            "invalid type: number `1e2`, expected an unsigned 8-bit integer (0 to 255)"
        );
    }

    #[test]
    fn serde_float_renderings_are_replaced() {
        // serde's `Unexpected::Float` writes `-0.0` for `-0` (which
        // contains the token: the whole number must match) and an exponent
        // for 2^64.
        let input = br#"{"uid":-0}"#;
        assert_eq!(
            spec_words(
                "invalid type: floating point `-0.0`, expected u32",
                input,
                1,
                9
            ),
            "invalid type: number `-0`, expected an unsigned 32-bit integer (0 to 4294967295)"
        );
        let input = br#"{"major":18446744073709551616}"#;
        assert_eq!(
            spec_words(
                "invalid type: floating point `1.8446744073709552e+19`, expected i64",
                input,
                1,
                29
            ),
            "invalid type: number `18446744073709551616`, expected a signed 64-bit integer \
             (-9223372036854775808 to 9223372036854775807)"
        );
        // A number already as written stays; another number is not touched.
        assert_eq!(as_written("invalid size -0: x", "-0"), "invalid size -0: x");
        assert_eq!(
            as_written("invalid type: number `-0.0`, expected 7", "0"),
            "invalid type: number `-0.0`, expected 7"
        );
        assert_eq!(whole_number_at("a 12 b 1", "1"), Some(7));
        assert_eq!(whole_number_at("size is 7.", "7"), Some(8));
        assert_eq!(whole_number_at("-0.0", "-0"), None);
    }

    #[test]
    fn lone_surrogates_are_named() {
        let expected = |e: &str| {
            format!(
                "invalid unicode escape `{e}`: a lone utf-16 surrogate is not a character; \
                 expected valid unicode (a character, or a surrogate pair such as `\\ud83d\\ude00`)"
            )
        };
        // serde_json's message and column for each (the byte after the
        // escape, or its last digit).
        let cases: [(&[u8], &str, usize, &str); 4] = [
            (
                br#"["x\ud800"]"#,
                "unexpected end of hex escape",
                10,
                "\\ud800",
            ),
            (
                br#"["x\udc00"]"#,
                "lone leading surrogate in hex escape",
                9,
                "\\udc00",
            ),
            (
                br#"["x\ud800y"]"#,
                "unexpected end of hex escape",
                10,
                "\\ud800",
            ),
            (
                br#"["\ud800\udbff"]"#,
                "lone leading surrogate in hex escape",
                14,
                "\\ud800",
            ),
        ];
        for (input, message, column, escape) in cases {
            assert_eq!(
                syntax_message(message, false, input, 1, column),
                expected(escape),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
        // A short escape is what serde_json says it is.
        assert_eq!(
            syntax_message("unexpected end of hex escape", false, br#"["\u12"]"#, 1, 7),
            "unexpected end of hex escape"
        );
        assert_eq!(
            syntax_message("expected value", false, b"[", 1, 2),
            "expected value, found the end of the input: a JSON value is an object, an array, \
             a string in double quotes, a number, true, false or null"
        );
    }

    #[test]
    fn long_messages_and_pointers_keep_start_and_end() {
        let long = format!(
            "invalid type: string \"{}\", expected u8",
            "x".repeat(10_000)
        );
        let s = spec_words(&long, b"", 0, 0);
        assert!(s.len() < 500, "{}", s.len());
        assert!(s.starts_with("invalid type: string \"xxx") && s.ends_with("(0 to 255)"));
        let deep = "/a/0".repeat(200);
        let p = short_pointer(&deep);
        assert!(p.len() <= 170 && p.contains("/…/"), "{p}");
        for n in 1..12 {
            let deep = format!("/{}", "b".repeat(n)).repeat(300);
            let p = short_pointer(&deep);
            assert!(!p.contains("//") && p.contains("/…/"), "{p}");
        }
        assert_eq!(short_pointer("/layers/1/size"), "/layers/1/size");
    }
}
