//! The one classifier of syntax errors: from serde_json's message and the
//! place it stopped, the construct the input has there and a message that
//! names it and quotes it as written: a comment, single quotes, `NaN` or
//! `Infinity`, a number with a leading zero or out of range, a bad escape,
//! a control character in a string, a trailing comma, characters after the
//! document, an unterminated string, invalid UTF-8 (with its byte offset),
//! a UTF-16 or UTF-32 document (RFC 8259 §8.1: JSON text exchanged between
//! systems MUST be encoded using UTF-8). Whatever is not recognised keeps
//! serde_json's words, with the text found quoted.

use super::quote::{Quote, quote};

/// What RFC 8259 §8.1 says about encodings, for the messages that need it.
const MUST_BE_UTF8: &str = "JSON documents must be UTF-8 (RFC 8259 §8.1)";

/// The message for a syntax error (or, with `trailing`, characters after
/// the document) whose serde_json message is `message`, at 1-based `line`
/// and `column` of `input`.
pub(super) fn syntax_message(
    message: &str,
    trailing: bool,
    input: &[u8],
    line: usize,
    column: usize,
) -> String {
    let at = offset(input, line, column);
    // The check of a document that failed on a type first reports its
    // trailing characters as a syntax error.
    let trailing = trailing || message == "trailing characters";
    if let Some(m) = invalid_utf8(message, input, at) {
        return m;
    }
    match message {
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            if let Some(escape) = lone_surrogate_before(input, at) {
                return format!(
                    "invalid unicode escape `{escape}`: a lone utf-16 surrogate is not a character; \
                     expected valid unicode (a character, or a surrogate pair such as `\\ud83d\\ude00`)"
                );
            }
            return message.to_owned();
        }
        "invalid escape" => return invalid_escape(input, at),
        "number out of range" => return out_of_range(input, at),
        m if m.starts_with("control character") => return control_character(input, at),
        _ => {}
    }
    if let Some(m) = construct_at(input, at) {
        return if trailing {
            format!("trailing characters after the document: {m}")
        } else {
            m
        };
    }
    if trailing {
        return format!(
            "trailing characters after the document: {}",
            quote(&rest_of_line(input, at), Quote::Source)
        );
    }
    let found = found(input, at);
    match message {
        "invalid number" => invalid_number(input, at),
        "trailing comma" => {
            let what = if input.get(at) == Some(&b']') {
                "element of an array"
            } else {
                "member of an object"
            };
            let comma = input[..at.min(input.len())]
                .iter()
                .rposition(|&b| b == b',')
                .unwrap_or(at);
            format!(
                "trailing comma {}: JSON has no comma after the last {what}",
                quote(&text(input, comma, at + 1), Quote::Source)
            )
        }
        "expected ident" => {
            let start = input[..at.min(input.len())]
                .iter()
                .rposition(|b| !b.is_ascii_alphanumeric())
                .map_or(0, |i| i + 1);
            let end = input[at.min(input.len())..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(input.len(), |n| at + n);
            format!(
                "invalid literal {}: expected true, false or null",
                quote(&text(input, start, end), Quote::Source)
            )
        }
        "expected value" => format!(
            "expected value, found {found}: a JSON value is an object, an array, a string \
             in double quotes, a number, true, false or null"
        ),
        "key must be a string" => {
            format!(
                "key must be a string, found {found}: member names are written in double quotes"
            )
        }
        m if m.starts_with("expected ") => format!("{m}, found {found}"),
        m => m.to_owned(),
    }
}

/// The message for a document that ended too early: serde_json's words
/// (`eof while parsing a string`) and, for a string, where it starts.
pub(super) fn eof_message(message: &str, input: &[u8]) -> String {
    let words = format!(
        "unexpected end of input ({})",
        message.replacen("EOF", "eof", 1)
    );
    if message == "EOF while parsing a string" {
        if let Some(start) = open_string(input) {
            return format!(
                "{words}: the string {} is not closed",
                quote(&text(input, start, input.len()), Quote::Source)
            );
        }
    }
    words
}

/// The message for an input in UTF-16 or UTF-32, recognised by its byte
/// order mark or by the NUL bytes of its first characters (RFC 4627 §3:
/// the first two characters of a JSON text are ASCII); `None` otherwise.
pub(super) fn other_encoding(input: &[u8]) -> Option<String> {
    let first: Vec<String> = input.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let first = first.join(" ");
    let (encoding, mark) = match input {
        [0xff, 0xfe, 0, 0, ..] => ("UTF-32LE", true),
        [0, 0, 0xfe, 0xff, ..] => ("UTF-32BE", true),
        [0xff, 0xfe, ..] => ("UTF-16LE", true),
        [0xfe, 0xff, ..] => ("UTF-16BE", true),
        [0, 0, 0, b, ..] if *b != 0 => ("UTF-32BE", false),
        [a, 0, 0, 0, ..] if *a != 0 => ("UTF-32LE", false),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => ("UTF-16BE", false),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => ("UTF-16LE", false),
        [0, a] | [0, a, _] if *a != 0 => ("UTF-16BE", false),
        [a, 0] | [a, 0, _] if *a != 0 => ("UTF-16LE", false),
        _ => return None,
    };
    let how = if mark {
        "its byte order mark"
    } else {
        "its NUL bytes"
    };
    Some(format!(
        "the document is {encoding}, not UTF-8 (first bytes {first}: {how}): {MUST_BE_UTF8}; \
         convert it, for instance with `iconv -f {encoding} -t UTF-8`"
    ))
}

/// The 0-based byte offset of serde_json's 1-based `line` and `column`
/// (the byte it stopped at), at most the input's length. serde_json puts
/// a newline it stopped at in column 0 of the next line.
fn offset(input: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match input[start..].iter().position(|&b| b == b'\n') {
            Some(n) => start += n + 1,
            None => return input.len(),
        }
    }
    match column {
        0 => start.saturating_sub(1),
        c => (start + c - 1).min(input.len()),
    }
}

/// The text of `input[start..end]` (cut to a few hundred bytes: only the
/// start is quoted), invalid UTF-8 shown as U+FFFD.
fn text(input: &[u8], start: usize, end: usize) -> String {
    let end = end.min(input.len()).min(start + 256);
    let start = start.min(end);
    String::from_utf8_lossy(&input[start..end]).into_owned()
}

/// The input from `at` to the end of its line.
fn rest_of_line(input: &[u8], at: usize) -> String {
    let end = input[at.min(input.len())..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(input.len(), |n| at + n);
    text(input, at, end)
}

/// Where the token starting at `at` ends: after the closing quote of a
/// string, else at whitespace or a structural character, after at least
/// one byte.
fn token_end(input: &[u8], at: usize) -> usize {
    if input.get(at) == Some(&b'"') {
        let mut escaped = false;
        for (n, &b) in input[at + 1..].iter().enumerate() {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => return at + 2 + n,
                _ => {}
            }
        }
        return input.len();
    }
    let stop = |b: &u8| b.is_ascii_whitespace() || b",:[]{}\"".contains(b);
    input
        .get(at + 1..)
        .and_then(|rest| rest.iter().position(stop))
        .map_or(input.len(), |n| at + 1 + n)
}

/// The token found at `at`, quoted, or `the end of the input`.
fn found(input: &[u8], at: usize) -> String {
    if at >= input.len() {
        return "the end of the input".to_owned();
    }
    quote(&text(input, at, token_end(input, at)), Quote::Source)
}

/// A construct JSON does not have, starting at `at`: a comment, single
/// quotes, `NaN` or `Infinity`, a number with a plus sign or without a
/// digit before its decimal point.
fn construct_at(input: &[u8], at: usize) -> Option<String> {
    let rest = input.get(at..)?;
    if rest.starts_with(b"/*") {
        let end = rest
            .windows(2)
            .position(|w| w == b"*/")
            .map_or(input.len(), |n| at + n + 2);
        return Some(format!(
            "comment {}: JSON has no comments",
            quote(&text(input, at, end), Quote::Source)
        ));
    }
    if rest.starts_with(b"//") {
        return Some(format!(
            "comment {}: JSON has no comments",
            quote(&rest_of_line(input, at), Quote::Source)
        ));
    }
    if rest.starts_with(b"'") {
        let end = rest[1..]
            .iter()
            .position(|&b| b == b'\'' || b == b'\n')
            .map_or(input.len(), |n| at + n + 2);
        return Some(format!(
            "single-quoted text {}: JSON strings and member names are written in double quotes",
            quote(&text(input, at, end), Quote::Source)
        ));
    }
    let signed = at > 0 && matches!(input[at - 1], b'-' | b'+');
    for word in ["NaN", "Infinity"] {
        if rest.starts_with(word.as_bytes()) {
            let start = if signed { at - 1 } else { at };
            return Some(format!(
                "{} is not a JSON number: JSON has no NaN or Infinity (RFC 8259 §6)",
                quote(&text(input, start, at + word.len()), Quote::Source)
            ));
        }
    }
    let digit_after = rest.get(1).is_some_and(u8::is_ascii_digit);
    match rest.first() {
        Some(b'+') if digit_after => Some(format!(
            "invalid number {}: JSON numbers have no plus sign (RFC 8259 §6)",
            quote(&text(input, at, token_end(input, at)), Quote::Source)
        )),
        Some(b'.') if digit_after => Some(format!(
            "invalid number {}: expected a digit before the decimal point (RFC 8259 §6)",
            quote(&text(input, at, token_end(input, at)), Quote::Source)
        )),
        _ => None,
    }
}

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')
}

/// The number around `at`: back over number bytes from `at` (or the byte
/// before it), forward over number bytes and letters.
fn number_around(input: &[u8], at: usize) -> (usize, usize) {
    let mut start = at.min(input.len());
    while start > 0 && is_number_byte(input[start - 1]) {
        start -= 1;
    }
    let mut end = at.min(input.len());
    while end < input.len() && (is_number_byte(input[end]) || input[end].is_ascii_alphanumeric()) {
        end += 1;
    }
    (start, end)
}

/// serde_json's `invalid number`, with the number and what is wrong in it.
fn invalid_number(input: &[u8], at: usize) -> String {
    let (start, end) = number_around(input, at);
    let token = text(input, start, end);
    let digits = token.strip_prefix('-').unwrap_or(&token);
    let bytes = digits.as_bytes();
    let why = if bytes.is_empty() {
        "expected a digit after the minus sign"
    } else if bytes[0] == b'0' && bytes.get(1).is_some_and(u8::is_ascii_digit) {
        "a leading zero: JSON numbers start with 0 only for 0 itself and fractions such as 0.5"
    } else if let Some(dot) = digits.find('.') {
        if bytes.get(dot + 1).is_some_and(u8::is_ascii_digit) {
            "expected a digit in the exponent"
        } else {
            "expected a digit after the decimal point"
        }
    } else if digits.contains(['e', 'E']) {
        "expected a digit in the exponent"
    } else {
        "expected a number such as -12, 3.5 or 1e-9"
    };
    format!(
        "invalid number {}: {why} (RFC 8259 §6)",
        quote(&token, Quote::Source)
    )
}

/// serde_json's `number out of range`: the number, its length when long.
fn out_of_range(input: &[u8], at: usize) -> String {
    // serde_json stops at the number's last byte.
    let (start, end) = number_around(input, at + 1);
    let mut end = end;
    while end > start && !input[end - 1].is_ascii_digit() {
        end -= 1;
    }
    let token = text(input, start, end);
    let length = if end - start > 40 {
        format!(" ({} characters)", end - start)
    } else {
        String::new()
    };
    format!(
        "number out of range: {}{length} is beyond what a 64-bit floating point number holds \
         (about ±1.8e308)",
        quote(&token, Quote::Source)
    )
}

/// serde_json's `invalid escape`: the escape as written.
fn invalid_escape(input: &[u8], at: usize) -> String {
    let end = (at + 1).min(input.len());
    let start = input[end.saturating_sub(6)..end]
        .iter()
        .rposition(|&b| b == b'\\')
        .map_or(at, |n| end.saturating_sub(6) + n);
    // The escape's last character whole.
    let mut end = end;
    while end < input.len() && input[end] & 0xc0 == 0x80 {
        end += 1;
    }
    format!(
        "invalid escape {} in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX \
         (RFC 8259 §7)",
        quote(&text(input, start, end), Quote::Source)
    )
}

/// serde_json's `control character (\u0000-\u001F) found while parsing a
/// string`: the character, by its code and as its escape.
fn control_character(input: &[u8], at: usize) -> String {
    let c = input.get(at).copied().unwrap_or(0);
    format!(
        "control character U+{c:04X} in a string: JSON strings write it as the escape {} \
         (RFC 8259 §7)",
        quote(&char::from(c).to_string(), Quote::Source)
    )
}

/// Invalid UTF-8 where serde_json stopped (or before it, inside the
/// string it stopped at): the byte offset and the bytes.
fn invalid_utf8(message: &str, input: &[u8], at: usize) -> Option<String> {
    let e = std::str::from_utf8(input).err()?;
    let bad = e.valid_up_to();
    if bad > at || (bad != at && message != "invalid unicode code point") {
        return None;
    }
    let len = e.error_len().unwrap_or(input.len() - bad);
    let bytes: Vec<String> = input[bad..bad + len.min(4)]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // From the string's opening quote when it is near, else the last
    // few characters of the line.
    let line_start = input[..bad]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let mut before = match open_string(&input[..bad]) {
        Some(quote_at) if bad - quote_at <= 32 => quote_at,
        _ => bad.saturating_sub(24).max(line_start),
    };
    while before < bad && input[before] & 0xc0 == 0x80 {
        before += 1;
    }
    let after = if before < bad {
        format!(
            ", after {}",
            quote(&text(input, before, bad), Quote::Source)
        )
    } else {
        String::new()
    };
    let word = if len == 1 { "byte" } else { "bytes" };
    Some(format!(
        "invalid UTF-8 at byte offset {bad} ({word} {}{after}): {MUST_BE_UTF8}",
        bytes.join(" ")
    ))
}

/// Where the string still open at the end of `input` starts (its quote).
fn open_string(input: &[u8]) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (i, &b) in input.iter().enumerate() {
        match (open, b) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(_), b'"') => open = None,
            (None, b'"') => open = Some(i),
            _ => {}
        }
    }
    open
}

/// The lone surrogate escape (`\ud800`, as written) where serde_json stopped
/// at byte `at` of `input`: the last `\uXXXX` escape ending at or just
/// before it, or, when that one is the second of two leading surrogates,
/// the first.
fn lone_surrogate_before(input: &[u8], at: usize) -> Option<String> {
    // serde_json's column is the last byte read: the escape ends there or
    // one byte before.
    let end = (at + 1).min(input.len());
    let line_start = input[..end]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let escape_at = |start: usize| -> Option<(u16, &str)> {
        let text = std::str::from_utf8(input.get(start..start + 6)?).ok()?;
        let hex = text.strip_prefix("\\u")?;
        let value = u16::from_str_radix(hex, 16).ok()?;
        Some((value, text))
    };
    let is_surrogate = |v: u16| (0xD800..=0xDFFF).contains(&v);
    let is_leading = |v: u16| (0xD800..=0xDBFF).contains(&v);
    let start = (end.saturating_sub(7)..=end.saturating_sub(6))
        .rev()
        .find(|&s| s >= line_start && escape_at(s).is_some_and(|(v, _)| is_surrogate(v)))?;
    let (value, text) = escape_at(start)?;
    if is_leading(value) && start >= 6 {
        if let Some((before, before_text)) = escape_at(start - 6) {
            if is_leading(before) {
                return Some(before_text.to_owned());
            }
        }
    }
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message for `input`, found where serde_json stops on it.
    fn words(input: &[u8]) -> String {
        let e = serde_json::from_slice::<serde_json::Value>(input).unwrap_err();
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        syntax_message(message, false, input, e.line(), e.column())
    }

    #[test]
    fn constructs_are_named_and_quoted() {
        let cases: &[(&[u8], &str)] = &[
            (
                b"{/* a */\"a\":1}",
                "comment `/* a */`: JSON has no comments",
            ),
            (b"[1, // one\n2]", "comment `// one`: JSON has no comments"),
            (
                b"{'a':1}",
                "single-quoted text `'a'`: JSON strings and member names are written in double quotes",
            ),
            (
                b"[NaN]",
                "`NaN` is not a JSON number: JSON has no NaN or Infinity (RFC 8259 §6)",
            ),
            (
                b"[-Infinity]",
                "`-Infinity` is not a JSON number: JSON has no NaN or Infinity (RFC 8259 §6)",
            ),
            (
                b"[007]",
                "invalid number `007`: a leading zero: JSON numbers start with 0 only for 0 itself \
                 and fractions such as 0.5 (RFC 8259 §6)",
            ),
            (
                b"[1.]",
                "invalid number `1.`: expected a digit after the decimal point (RFC 8259 §6)",
            ),
            (
                b"[1e]",
                "invalid number `1e`: expected a digit in the exponent (RFC 8259 §6)",
            ),
            (
                b"[-]",
                "invalid number `-`: expected a digit after the minus sign (RFC 8259 §6)",
            ),
            (
                b"[+1]",
                "invalid number `+1`: JSON numbers have no plus sign (RFC 8259 §6)",
            ),
            (
                b"[1e400]",
                "number out of range: `1e400` is beyond what a 64-bit floating point number holds \
                 (about ±1.8e308)",
            ),
            (
                b"[\"\\x41\"]",
                "invalid escape `\\x` in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \
                 \\uXXXX (RFC 8259 §7)",
            ),
            (
                b"[\"a\n\"]",
                "control character U+000A in a string: JSON strings write it as the escape \
                 `\\n` (RFC 8259 §7)",
            ),
            (
                b"[\"a\x1bb\"]",
                "control character U+001B in a string: JSON strings write it as the escape \
                 `\\u001b` (RFC 8259 §7)",
            ),
            (
                b"[1,]",
                "trailing comma `,]`: JSON has no comma after the last element of an array",
            ),
            (
                b"{\"a\":1,}",
                "trailing comma `,}`: JSON has no comma after the last member of an object",
            ),
            (
                b"[tru]",
                "invalid literal `tru`: expected true, false or null",
            ),
            (b"{\"a\" 1}", "expected `:`, found `1`"),
            (
                b"{\"a\":1 \"b\\\"c\":2}",
                "expected `,` or `}`, found `\"b\\\"c\"`",
            ),
            (
                b"{x:1}",
                "key must be a string, found `x`: member names are written in double quotes",
            ),
            (
                b"[yes]",
                "expected value, found `yes`: a JSON value is an object, an array, a string in \
                 double quotes, a number, true, false or null",
            ),
            (
                b"{\"a\":\"b\xff\xfe\"}",
                "invalid UTF-8 at byte offset 7 (byte ff, after `\"b`): JSON documents must \
                 be UTF-8 (RFC 8259 §8.1)",
            ),
            (
                b"{\"a\":\xc3(}",
                "invalid UTF-8 at byte offset 5 (byte c3, after `{\"a\":`): JSON documents must \
                 be UTF-8 (RFC 8259 §8.1)",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(words(input), *want, "{}", String::from_utf8_lossy(input));
        }
    }

    /// serde_json's syntax messages.
    const MESSAGES: &[&str] = &[
        "expected value",
        "expected ident",
        "expected `,` or `}`",
        "expected `:`",
        "key must be a string",
        "invalid number",
        "number out of range",
        "invalid escape",
        "invalid unicode code point",
        "control character (\\u0000-\\u001F) found while parsing a string",
        "trailing comma",
        "trailing characters",
        "unexpected end of hex escape",
        "lone leading surrogate in hex escape",
        "EOF while parsing a string",
    ];

    proptest::proptest! {
        /// Any bytes, any message, any place (even past the end): a
        /// message, never a panic; and the message serde_json gives for
        /// those bytes names a place in them.
        #[test]
        fn no_input_panics(
            input in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u8>(),
                    proptest::sample::select(b"{}[]\"\\:,/*'0eE+-.NaIu \n\x00\xc3\xff".to_vec()),
                ],
                0..40,
            ),
            line in 0usize..4,
            column in 0usize..50,
            which in 0usize..15,
        ) {
            for trailing in [false, true] {
                let _ = syntax_message(MESSAGES[which], trailing, &input, line, column);
            }
            let _ = eof_message(MESSAGES[which], &input);
            let _ = other_encoding(&input);
            if serde_json::from_slice::<serde_json::Value>(&input).is_err() {
                let _ = words(&input);
            }
        }
    }

    #[test]
    fn long_numbers_are_shortened_with_their_length() {
        let input = format!("[1{}]", "0".repeat(400));
        assert_eq!(
            words(input.as_bytes()),
            format!(
                "number out of range: `1{}...` (401 characters) is beyond what a 64-bit floating \
                 point number holds (about ±1.8e308)",
                "0".repeat(39)
            )
        );
    }

    #[test]
    fn trailing_text_is_quoted() {
        assert_eq!(
            syntax_message("trailing characters", true, b"{} garbage\nmore", 1, 4),
            "trailing characters after the document: `garbage`"
        );
        assert_eq!(
            syntax_message("trailing characters", false, b"[] x", 1, 4),
            "trailing characters after the document: `x`"
        );
        assert_eq!(
            syntax_message("trailing characters", true, b"{} /* c */", 1, 4),
            "trailing characters after the document: comment `/* c */`: JSON has no comments"
        );
    }

    #[test]
    fn unterminated_strings_are_quoted_from_their_start() {
        assert_eq!(
            eof_message("EOF while parsing a string", b"{\"a\":\"b\\\"c"),
            "unexpected end of input (eof while parsing a string): the string `\"b\\\"c` is not closed"
        );
        assert_eq!(
            eof_message("EOF while parsing an object", b"{\"a\":1"),
            "unexpected end of input (eof while parsing an object)"
        );
    }

    #[test]
    fn other_encodings_are_recognised() {
        let doc = "{\"a\":1}";
        let utf16le: Vec<u8> = doc.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = doc.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32le: Vec<u8> = doc
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let utf32be: Vec<u8> = doc
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let with = |mark: &[u8], body: &[u8]| [mark, body].concat();
        let cases = [
            (utf16le.clone(), "UTF-16LE", "its NUL bytes"),
            (utf16be.clone(), "UTF-16BE", "its NUL bytes"),
            (utf32le.clone(), "UTF-32LE", "its NUL bytes"),
            (utf32be.clone(), "UTF-32BE", "its NUL bytes"),
            (
                with(&[0xff, 0xfe], &utf16le),
                "UTF-16LE",
                "its byte order mark",
            ),
            (
                with(&[0xfe, 0xff], &utf16be),
                "UTF-16BE",
                "its byte order mark",
            ),
            (
                with(&[0xff, 0xfe, 0, 0], &utf32le),
                "UTF-32LE",
                "its byte order mark",
            ),
            (
                with(&[0, 0, 0xfe, 0xff], &utf32be),
                "UTF-32BE",
                "its byte order mark",
            ),
            (vec![b'1', 0], "UTF-16LE", "its NUL bytes"),
        ];
        for (input, encoding, how) in cases {
            let m = other_encoding(&input).unwrap();
            assert!(
                m.starts_with(&format!(
                    "the document is {encoding}, not UTF-8 (first bytes "
                )),
                "{m}"
            );
            assert!(m.contains(how) && m.contains("RFC 8259 §8.1"), "{m}");
        }
        assert_eq!(other_encoding(b"{\"a\":1}"), None);
        assert_eq!(other_encoding(b"\xef\xbb\xbf{}"), None);
    }
}
