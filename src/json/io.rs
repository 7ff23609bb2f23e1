//! Reading and writing documents: the one decoding path every `from_*`
//! function goes through, and the writers every `to_*` function uses.
//!
//! Decoding first runs plain `serde_json` over the whole input (the fast
//! path). Only when that fails is the input decoded again with
//! `serde_path_to_error`, to name the JSON path of the failure; a document
//! that parses pays nothing for path tracking. Trailing input after the
//! document is an error, and so is a JSON array where an object is expected
//! (which serde alone would read as the struct's fields by position).
//!
//! A member name repeated in one object, at any depth, is refused in the
//! same pass (RFC 8259 §4 leaves its meaning to the reader); the `*_with`
//! functions take [`DecodeOptions`] to read the last value instead, as Go
//! does, and report each repeat (see [`Decoded`]).

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::checked::Checked;
use super::objects_only::{ObjectsOnly, Reading};
use super::repeated::{self, MARK, Step};
pub use super::repeated::{DecodeOptions, REPEATED_NAME, RepeatedNames};
use super::ser;
use super::wording::{describe, short_pointer};
use crate::error::{
    DecodeError, DecodeErrorCategory, ModelError, ModelResult as Result, SerializeError,
};
use crate::validate::{Checker, Validate, ValidationReport, Violation};

/// Decodes one JSON document from bytes.
///
/// # Errors
/// [`ModelError::Decode`] for broken JSON, invalid UTF-8, a wrong type, a
/// value that breaks a grammar, a member name repeated in one object, an
/// empty input or trailing characters.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    from_slice_with(bytes, DecodeOptions::default()).map(Decoded::into_value)
}

/// Decodes one JSON document from a string.
///
/// # Errors
/// As [`from_slice`].
pub fn from_str<T: DeserializeOwned>(s: &str) -> Result<T> {
    from_str_with(s, DecodeOptions::default()).map(Decoded::into_value)
}

/// Decodes one JSON document from bytes with `options`: with
/// [`RepeatedNames::KeepLast`], a member name repeated in one object is
/// read as Go's `encoding/json` reads it (the last value counts) and each
/// repeat is kept in the result, which [`Decoded::validate`] reports as a
/// [`REPEATED_NAME`] warning. Never silently: a caller that drops the
/// [`Decoded`] for its value alone can still ask
/// [`Decoded::repeated_names`].
///
/// ```
/// use oci_model::Validate;
/// use oci_model::image::ImageManifest;
/// use oci_model::io::{self, DecodeOptions, RepeatedNames};
///
/// let json = br#"{"schemaVersion": 2,
///   "mediaType": "application/vnd.oci.image.manifest.v1+json",
///   "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
///     "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "size": 2},
///   "layers": [],
///   "annotations": {"a": "first", "a": "last"}}"#;
/// let e = io::from_slice::<ImageManifest>(json).unwrap_err();
/// assert!(e.to_string().starts_with("/annotations: repeated name \"a\" in annotations"), "{e}");
///
/// let options = DecodeOptions::default().repeated_names(RepeatedNames::KeepLast);
/// let read = io::from_slice_with::<ImageManifest>(json, options)?;
/// assert_eq!(read.value().annotations().as_ref().unwrap()["a"], "last");
/// let report = read.validate();
/// let repeat = report.warnings().find(|w| w.rule_name() == "repeated-name").unwrap();
/// assert_eq!(repeat.path(), "/annotations");
/// # Ok::<(), oci_model::ModelError>(())
/// ```
///
/// # Errors
/// As [`from_slice`] (a repeated name only with [`RepeatedNames::Refuse`]).
pub fn from_slice_with<T: DeserializeOwned>(
    bytes: &[u8],
    options: DecodeOptions,
) -> Result<Decoded<T>> {
    if bytes.starts_with(BYTE_ORDER_MARK) {
        return Err(byte_order_mark());
    }
    // One UTF-8 check over the whole input is much cheaper than serde_json's
    // check of each string on its own (a call per string, most of them
    // short); input that is not UTF-8 takes serde_json's byte reader, which
    // reports where it breaks.
    match std::str::from_utf8(bytes) {
        Ok(s) => from_str_with(s, options),
        Err(_) => decode(serde_json::Deserializer::from_slice(bytes), bytes, options),
    }
}

/// Decodes one JSON document from a string with `options`: see
/// [`from_slice_with`].
///
/// # Errors
/// As [`from_slice_with`].
pub fn from_str_with<T: DeserializeOwned>(s: &str, options: DecodeOptions) -> Result<Decoded<T>> {
    if s.as_bytes().starts_with(BYTE_ORDER_MARK) {
        return Err(byte_order_mark());
    }
    decode(serde_json::Deserializer::from_str(s), s.as_bytes(), options)
}

/// A decoded document and what reading it met that the value cannot show:
/// the member names repeated in one object that
/// [`RepeatedNames::KeepLast`] let through (each a [`REPEATED_NAME`]
/// warning at the JSON pointer of its object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<T> {
    value: T,
    repeats: Vec<Violation>,
}

impl<T> Decoded<T> {
    /// The document.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The document, without what reading it met: check
    /// [`Self::repeated_names`] (or [`Self::validate`]) first.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Each repeated member name, as a [`REPEATED_NAME`] warning, in
    /// document order (none with [`RepeatedNames::Refuse`]).
    pub fn repeated_names(&self) -> &[Violation] {
        &self.repeats
    }

    /// The document and the repeated names.
    pub fn into_parts(self) -> (T, Vec<Violation>) {
        (self.value, self.repeats)
    }
}

/// The document's own violations, then one [`REPEATED_NAME`] warning per
/// repeated member name.
impl<T: Validate> Validate for Decoded<T> {
    fn validate(&self) -> ValidationReport {
        let mut all = self.value.validate().into_violations();
        all.extend(self.repeats.iter().cloned());
        ValidationReport::from_violations(all)
    }

    fn check(&self, checker: &mut Checker) {
        self.value.check(checker);
        for v in &self.repeats {
            checker.push(v.clone());
        }
    }
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
    options: DecodeOptions,
) -> Result<Decoded<T>> {
    let reading = Reading::new(options);
    match T::deserialize(ObjectsOnly::new(&mut de, &reading)) {
        Ok(value) => match de.end() {
            Ok(()) => Ok(Decoded {
                value,
                repeats: reading.into_repeats(),
            }),
            Err(e) => {
                Err(decode_error("", &e, bytes, Some(DecodeErrorCategory::TrailingInput)).into())
            }
        },
        Err(first) => Err(locate::<T>(bytes, &first, options).into()),
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
fn locate<T: DeserializeOwned>(
    bytes: &[u8],
    first: &serde_json::Error,
    options: DecodeOptions,
) -> DecodeError {
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
    let reading = Reading::new(options);
    match serde_path_to_error::deserialize::<_, T>(ObjectsOnly::new(&mut de, &reading)) {
        // Cannot happen for input the fast path rejected; fall back to its error.
        Ok(_) => decode_error("", first, bytes, None),
        // A repeated name, in a document that is JSON (as for a type error,
        // a syntax error further on is what the user must hear about).
        Err(e)
            if e.inner().is_data()
                && e.inner().to_string().starts_with(MARK)
                && syntax_error(bytes).is_none() =>
        {
            repeated_name(e.path(), e.inner())
        }
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

/// The decode error for a repeated member name: the reader stopped after
/// reading the name, the last step of `path`; the error is at the object.
fn repeated_name(path: &serde_path_to_error::Path, e: &serde_json::Error) -> DecodeError {
    use serde_path_to_error::Segment;
    let mut steps: Vec<Step<'_>> = path
        .iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } | Segment::Enum { variant: key } => Some(Step::Key(key)),
            Segment::Unknown => None,
        })
        .collect();
    let message = if let Some(Step::Key(name)) = steps.pop() {
        repeated::refused(name, &steps)
    } else {
        // Cannot happen: the reader stops on a name.
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
    };
    let at = short_pointer(&repeated::pointer(&steps));
    DecodeError::new(at, message, e.line(), e.column(), DecodeErrorCategory::Data)
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
