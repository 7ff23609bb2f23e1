//! Everything JSON in one place: the one decoding path and the one writer.
//!
//! - [`io`]: the `from_*`/`to_*` functions every document's methods call.
//! - `ser`: the crate's serde `Serializer`, a plain writer. It writes
//!   exactly the bytes `serde_json::to_writer` (and `to_writer_pretty`)
//!   write. serde_json checks every byte of every string against its escape
//!   table one at a time; here a branch-free check over the whole string
//!   decides first, a string with nothing to escape is copied in one piece,
//!   and strings the model has already validated (digests, known media
//!   types) skip the check ([`plain_str`]). `key` writes map keys, `escape`
//!   escapes strings.
//! - [`Sorted`]: how a spec struct writes a std hash map or set: its members
//!   put in key order before they are written, so that a document gives the
//!   same bytes in every process and through any serde serializer.
//! - `checked`: the reader of values the model does not keep, which
//!   checks them as kept values are checked (never serde's `IgnoredAny`).
//! - `objects_only`: the decoder adapter that refuses a JSON array where an
//!   object is expected; `lenient`: the reader of extension members whose
//!   value may have another type; `wording` puts serde's decode messages in
//!   the document's words, `syntax` names the construct of a syntax error;
//!   `quote` quotes input-derived text in every message and report.
//! - `repeated`: member names repeated in one object, which the reader
//!   (`objects_only`) finds at every depth: refused, or with
//!   [`io::RepeatedNames::KeepLast`] read as Go reads them and reported.
//!
//! The tests compare the writer with serde_json byte for byte on every
//! fixture and on generated documents (`tests/cross/serializer.rs`).

pub(crate) mod checked;
mod escape;
pub mod io;
mod kept;
mod key;
pub(crate) mod lenient;
mod objects_only;
pub(crate) mod quote;
mod repeated;
mod ser;
mod sorted;
pub(crate) mod spec;
mod syntax;
mod wording;

pub(crate) use sorted::Sorted;
pub use spec::UnknownMembers;

/// Serializes `s`, a string the caller knows needs no JSON escaping (a
/// validated digest, a media type or other text from the crate's own
/// tables), so that the crate's writer copies it without checking. Other
/// serializers see a newtype struct around the string and write the string.
///
/// # Errors
/// The serializer's.
pub(crate) fn plain_str<S: serde::Serializer>(s: &str, serializer: S) -> Result<S::Ok, S::Error> {
    debug_assert!(!escape::needs_escape(s.as_bytes()), "{s:?} needs escaping");
    serializer.serialize_newtype_struct(ser::PLAIN, s)
}
