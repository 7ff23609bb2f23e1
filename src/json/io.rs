//! Reading and writing documents: the one decoding path every `from_*`
//! function goes through, and the writers every `to_*` function uses.
//!
//! Decoding first runs plain `serde_json` over the whole input (the fast
//! path). Only when that fails is the input decoded again with
//! `serde_path_to_error`, to name the JSON path of the failure; a document
//! that parses pays nothing for path tracking. Trailing input after the
//! document is an error, and so is a JSON array where an object is expected
//! (which serde alone would read as the struct's fields by position).

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::checked::Checked;
use super::objects_only::ObjectsOnly;
use super::ser;
use super::wording::{describe, short_pointer};
use crate::error::{
    DecodeError, DecodeErrorCategory, ModelError, ModelResult as Result, SerializeError,
};

/// Decodes one JSON document from bytes.
///
/// # Errors
/// [`ModelError::Decode`] for broken JSON, invalid UTF-8, a wrong type, a
/// value that breaks a grammar, an empty input or trailing characters.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    if bytes.starts_with(BYTE_ORDER_MARK) {
        return Err(byte_order_mark());
    }
    // One UTF-8 check over the whole input is much cheaper than serde_json's
    // check of each string on its own (a call per string, most of them
    // short); input that is not UTF-8 takes serde_json's byte reader, which
    // reports where it breaks.
    match std::str::from_utf8(bytes) {
        Ok(s) => from_str(s),
        Err(_) => decode(serde_json::Deserializer::from_slice(bytes), bytes),
    }
}

/// Decodes one JSON document from a string.
///
/// # Errors
/// As [`from_slice`].
pub fn from_str<T: DeserializeOwned>(s: &str) -> Result<T> {
    if s.as_bytes().starts_with(BYTE_ORDER_MARK) {
        return Err(byte_order_mark());
    }
    decode(serde_json::Deserializer::from_str(s), s.as_bytes())
}

/// The UTF-8 encoding of U+FEFF, which some editors put at the start of a
/// file. RFC 8259 says JSON text must not begin with it, and serde_json
/// would only say "expected value".
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

fn byte_order_mark() -> ModelError {
    DecodeError::new(
        "",
        "the document starts with a utf-8 byte order mark (ef bb bf): json text must not; save the file without it",
        1,
        1,
        DecodeErrorCategory::Syntax,
    )
    .into()
}

/// The fast path: plain serde_json, then the end of input.
fn decode<'de, R: serde_json::de::Read<'de>, T: DeserializeOwned>(
    mut de: serde_json::Deserializer<R>,
    bytes: &[u8],
) -> Result<T> {
    match T::deserialize(ObjectsOnly(&mut de)) {
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(e) => {
                Err(decode_error("", &e, bytes, Some(DecodeErrorCategory::TrailingInput)).into())
            }
        },
        Err(first) => Err(locate::<T>(bytes, &first).into()),
    }
}

/// Decodes one JSON document from a reader (read whole, then decoded).
///
/// # Errors
/// [`ModelError::Io`] when reading fails, otherwise as [`from_slice`].
pub fn from_reader<R: Read, T: DeserializeOwned>(mut reader: R) -> Result<T> {
    let mut buf = Vec::new();
    reader.read_to_end(&mut buf)?;
    from_slice(&buf)
}

/// Decodes one JSON document from a file.
///
/// # Errors
/// [`ModelError::File`] (naming the file) when it cannot be read,
/// otherwise as [`from_slice`], with the file named in the error.
pub fn from_file<P: AsRef<Path>, T: DeserializeOwned>(path: P) -> Result<T> {
    let path = path.as_ref();
    let bytes = fs::read(path).map_err(|source| ModelError::File {
        path: path.to_path_buf(),
        source,
    })?;
    from_slice(&bytes).map_err(|e| match e {
        ModelError::Decode(d) => ModelError::Decode(d.with_file(path)),
        other => other,
    })
}

/// Serializes to JSON bytes, compact or (with `pretty`) indented.
///
/// # Errors
/// [`ModelError::Serialize`] if a value cannot be written as JSON.
pub fn to_vec<T: Serialize + ?Sized>(value: &T, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    ser::to_vec_into(&mut out, value, pretty).map_err(into_error)?;
    Ok(out)
}

/// Serializes to a JSON string, compact or (with `pretty`) indented.
///
/// # Errors
/// [`ModelError::Serialize`] if a value cannot be written as JSON.
pub fn to_string<T: Serialize + ?Sized>(value: &T, pretty: bool) -> Result<String> {
    let bytes = to_vec(value, pretty)?;
    // The writer writes UTF-8 only: `str` and `char` values, escapes and
    // ASCII punctuation.
    String::from_utf8(bytes)
        .map_err(|e| SerializeError::new(format!("the writer produced invalid UTF-8: {e}")).into())
}

/// Serializes into a writer: the bytes `serde_json::to_writer` (or, with
/// `pretty`, `serde_json::to_writer_pretty`) would write, by the crate's
/// own serializer. The crate's documents write the members of their maps
/// in key order; a map of another type is written in the order it gives.
///
/// # Errors
/// [`ModelError::Io`] if the writer fails, [`ModelError::Serialize`] if
/// a value cannot be written as JSON.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(
    value: &T,
    writer: W,
    pretty: bool,
) -> Result<()> {
    ser::to_writer(writer, value, pretty).map_err(into_error)
}

fn into_error(e: ser::Error) -> ModelError {
    match e {
        ser::Error::Io(e) => ModelError::Io(e),
        ser::Error::Value(e) => ModelError::Serialize(*e),
    }
}

/// Serializes into a file, creating or truncating it.
///
/// # Errors
/// [`ModelError::File`] (naming the file) when it cannot be written,
/// [`ModelError::Serialize`] if a value cannot be written as JSON.
pub fn to_file<P: AsRef<Path>, T: Serialize + ?Sized>(
    value: &T,
    path: P,
    pretty: bool,
) -> Result<()> {
    let path = path.as_ref();
    let file_err = |source| ModelError::File {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::create(path).map_err(file_err)?;
    let mut w = BufWriter::new(file);
    match to_writer(value, &mut w, pretty) {
        Ok(()) => {}
        Err(ModelError::Io(e)) => return Err(file_err(e)),
        Err(e) => return Err(e),
    }
    w.flush().map_err(file_err)
}

/// Decodes again as `T` with path tracking to describe `first`, the fast
/// path's error.
fn locate<T: DeserializeOwned>(bytes: &[u8], first: &serde_json::Error) -> DecodeError {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return DecodeError::new(
            "",
            "empty document: expected a JSON value",
            first.line(),
            first.column(),
            DecodeErrorCategory::Eof,
        );
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(ObjectsOnly(&mut de)) {
        // Cannot happen for input the fast path rejected; fall back to its error.
        Ok(_) => decode_error("", first, bytes, None),
        Err(e) => {
            let at = short_pointer(&pointer(e.path()));
            // A type error met before a syntax error further on (`{"a": 1.0.0}`
            // fails on the float `1.0` first): the input is not JSON at all,
            // and that is what the user must hear about. The path stays the
            // value where decoding stopped.
            let syntax = if e.inner().is_data() {
                syntax_error(bytes)
            } else {
                None
            };
            decode_error(&at, syntax.as_ref().unwrap_or(e.inner()), bytes, None)
        }
    }
}

/// The first error of `bytes` read as any JSON value (checked as every
/// value is: UTF-8, escapes, numbers), if any and if it says the input is
/// not JSON. The nesting limit stops the reading before the end, without
/// saying that: then the type error met first is the one to tell.
fn syntax_error(bytes: &[u8]) -> Option<serde_json::Error> {
    use serde::de::DeserializeSeed as _;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Checked::new()
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .err()
        .filter(|e| !e.to_string().starts_with("recursion limit exceeded"))
}

/// The JSON pointer of a serde_path_to_error path; segments whose key was
/// never read are left out.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// A decode error at the JSON pointer `at` from serde_json's error `e`,
/// in the document's words (see `wording`).
fn decode_error(
    at: &str,
    e: &serde_json::Error,
    input: &[u8],
    category: Option<DecodeErrorCategory>,
) -> DecodeError {
    use serde_json::error::Category;
    let category = category.unwrap_or(match e.classify() {
        Category::Io => DecodeErrorCategory::Io,
        Category::Syntax => DecodeErrorCategory::Syntax,
        Category::Data => DecodeErrorCategory::Data,
        Category::Eof => DecodeErrorCategory::Eof,
    });
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let (category, message) = describe(category, message, input, e.line(), e.column());
    DecodeError::new(at, message, e.line(), e.column(), category)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_json_is_a_syntax_error_even_after_a_type_error() {
        #[derive(Debug, serde::Deserialize)]
        struct Doc {
            #[allow(dead_code, reason = "decoded only")]
            a: String,
        }
        let Err(ModelError::Decode(e)) = from_slice::<Doc>(b"{\n  \"a\": 1.0.0\n}") else {
            panic!("must fail")
        };
        assert_eq!(e.category(), DecodeErrorCategory::Syntax, "{e}");
        assert_eq!((e.path(), e.line(), e.column()), ("/a", 2, 11), "{e}");
        let Err(ModelError::Decode(e)) = from_slice::<Doc>(br#"{"a": 1.0}"#) else {
            panic!("must fail")
        };
        assert_eq!(e.category(), DecodeErrorCategory::Data, "{e}");
        assert_eq!(e.path(), "/a", "{e}");
    }

    #[test]
    fn syntax_error_inside_object_names_no_question_mark() {
        let e = from_slice::<std::collections::BTreeMap<String, String>>(br#"{"a": "b", 3: "c"}"#)
            .unwrap_err()
            .to_string();
        assert!(!e.contains('?'), "{e}");
        assert!(e.contains("key must be a string"), "{e}");
    }

    #[test]
    fn decode_errors_carry_a_json_pointer() {
        #[derive(Debug, serde::Deserialize)]
        struct Doc {
            #[allow(dead_code)]
            items: Vec<std::collections::BTreeMap<String, u8>>,
        }
        let e = from_slice::<Doc>(br#"{"items": [{}, {"a/b": "x"}]}"#).unwrap_err();
        let ModelError::Decode(d) = e else {
            panic!("{e:?}")
        };
        assert_eq!(d.path(), "/items/1/a~1b");
        assert_eq!(d.pointer(), "/items/1/a~1b");
    }

    #[test]
    fn trailing_input_is_rejected() {
        let e = from_slice::<Vec<u8>>(b"[1] x").unwrap_err().to_string();
        assert_eq!(
            e,
            "trailing characters after the document: `x` at line 1 column 5"
        );
    }
}
