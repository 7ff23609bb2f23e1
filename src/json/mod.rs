//! The crate's JSON writer: a serde `Serializer` that writes exactly the
//! bytes `serde_json::to_writer` and `serde_json::to_writer_pretty` write,
//! with a faster string path.
//!
//! serde_json checks every byte of every key and string value against its
//! escape table, one at a time; that loop is about 70 % of the time spent
//! serializing a runtime `config.json`. Here a branch-free check over the
//! whole string (which the compiler vectorizes) decides first, and a string
//! with nothing to escape, which is nearly every string in an OCI document,
//! is copied in one piece. Floats, the one other thing whose exact text
//! matters, are written by serde_json itself.
//!
//! The tests compare the two writers byte for byte on every fixture and on
//! generated documents (`tests/json_writer.rs`).

mod escape;
mod key;
mod ser;

// The image module's hand-written writers (`image::json_writer`).
#[cfg(feature = "image")]
pub(crate) use escape::{plain, string};
pub(crate) use ser::to_writer;
