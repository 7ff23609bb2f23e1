//! The one way input-derived text is quoted in an error or a report: a
//! value as a JSON string (`"a\u001bb"`, `"line\n"`), a piece of the input
//! as written between backquotes (`` `/* note */` ``), shortened past a
//! limit. Control characters are written as JSON writes them (`\n`, `\t`,
//! `\u001b`), never as Rust's `{:?}` does (`\u{1b}`), and so are the
//! characters a terminal would act on or hide: DEL and the C1 controls
//! (U+007F to U+009F), the line and paragraph separators and the
//! bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E,
//! U+2066 to U+2069). A quoted value is therefore valid JSON that reads
//! back as the value (up to the `...` of a shortened one).

/// What is quoted, and so how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quote {
    /// A value (a string of the document, a name, an argument): a JSON
    /// string in double quotes, `"` and `\` escaped; at most
    /// [`VALUE_CHARS`] characters.
    Value,
    /// A piece of the input as written (a syntax error's text): between
    /// backquotes, `\` and `"` left as they are; at most [`SOURCE_CHARS`]
    /// characters.
    Source,
}

/// The most characters of a value a message quotes.
pub(crate) const VALUE_CHARS: usize = 120;

/// The most characters of the input a syntax error quotes: a few dozen,
/// enough to recognise the place.
pub(crate) const SOURCE_CHARS: usize = 40;

/// `text` quoted as `how` says, with `...` before the closing quote when
/// shortened.
pub(crate) fn quote(text: &str, how: Quote) -> String {
    let (delimiter, max) = match how {
        Quote::Value => ('"', VALUE_CHARS),
        Quote::Source => ('`', SOURCE_CHARS),
    };
    let mut out = String::with_capacity(text.len().min(max) + 5);
    out.push(delimiter);
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push_str("...");
            break;
        }
        push(&mut out, c, how);
    }
    out.push(delimiter);
    out
}

/// `text` (a message that may hold text quoted another way, such as
/// serde's `` unknown variant `a` ``) with its control characters written
/// as [`quote`] writes them: a message never holds one raw.
pub(crate) fn escape_controls(text: &str) -> String {
    if !text.chars().any(hidden) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push(&mut out, c, Quote::Source);
    }
    out
}

/// Appends `c` to `out`, escaped as `how` says.
fn push(out: &mut String, c: char, how: Quote) {
    match c {
        '"' | '\\' if how == Quote::Value => {
            out.push('\\');
            out.push(c);
        }
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if hidden(c) => {
            use std::fmt::Write as _;
            // Every such character is in the Basic Multilingual Plane:
            // one `\uXXXX` escape.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// A character written as an escape: a control character, or one that
/// moves or hides text on a terminal.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_json_strings() {
        assert_eq!(quote("ab\"c\\", Quote::Value), r#""ab\"c\\""#);
        assert_eq!(
            quote("a\u{1b}[31mb\n\t\u{7f}\u{85}\u{202e}é😀", Quote::Value),
            r#""a\u001b[31mb\n\t\u007f\u0085\u202eé😀""#
        );
        // Valid JSON that reads back as the value.
        let s = "x\u{0}\u{1f}\u{8}\u{c}\r\"\\/\u{2028}\u{9f}";
        let back: String = serde_json::from_str(&quote(s, Quote::Value)).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn source_keeps_backslashes_and_quotes() {
        assert_eq!(quote(r#"'a\x41"'"#, Quote::Source), r#"`'a\x41"'`"#);
        assert_eq!(quote("/* \u{1b} */", Quote::Source), r"`/* \u001b */`");
    }

    #[test]
    fn messages_hold_no_raw_control_character() {
        assert_eq!(
            escape_controls("unknown variant `a\u{1b}\n\"`, expected b"),
            "unknown variant `a\\u001b\\n\"`, expected b"
        );
        assert_eq!(escape_controls("plain"), "plain");
    }

    #[test]
    fn long_text_is_shortened() {
        let q = quote(&"x".repeat(500), Quote::Value);
        assert_eq!(q, format!("\"{}...\"", "x".repeat(VALUE_CHARS)));
        let q = quote(&"é".repeat(100), Quote::Source);
        assert_eq!(q, format!("`{}...`", "é".repeat(SOURCE_CHARS)));
        assert_eq!(quote("", Quote::Value), "\"\"");
    }
}
