//! The serde `Serializer`: compact or pretty (two-space indent), the same
//! bytes serde_json's `CompactFormatter` and `PrettyFormatter` give.
//!
//! A plain writer: members are written in the order they come. The crate's
//! documents give them in a fixed order (struct members in declaration
//! order; the members of a std hash map put in key order before they are
//! written, [`super::Sorted`]), so the same document gives the same bytes in
//! every process. Output is gathered in a buffer on the stack and handed
//! to the writer whenever it is full: nothing is allocated but the output,
//! and no state outlives a call.

use std::fmt;
use std::io::{self, Write};

use serde::ser::{self, Serialize};

use super::escape::{escaped, needs_escape};
use super::key::{KeySerializer, KeySink};
use crate::error::SerializeError;

/// The serializer's error: the writer's, or a value that cannot be written.
#[derive(Debug)]
pub(crate) enum Error {
    /// The writer failed.
    Io(io::Error),
    /// The value cannot be written as JSON (boxed: the error stays two
    /// words, so that the `Result` of every serializer call is returned in
    /// registers).
    Value(Box<SerializeError>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Value(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::Value(Box::new(SerializeError::new(msg.to_string())))
    }
}

pub(crate) type Result<T> = std::result::Result<T, Error>;

/// The name of the newtype struct that marks a string known to need no
/// escaping (a validated digest, a media type from the crate's table): see
/// [`super::plain_str`]. Any other serializer sees a plain newtype around
/// the string, which serde formats write as the string itself.
pub(crate) const PLAIN: &str = "$oci_model::json::plain";

/// The size of the buffer output is gathered in before it is handed to the
/// writer. It is on the stack and zeroed at each call: 1 KiB is zeroed by a
/// few vector stores (4 KiB took glibc's `rep stosb` path, a fifth of the
/// time of writing a typical manifest), and handing on a full buffer costs
/// little next to writing 1 KiB of JSON (BENCHMARKS.md).
const CHUNK: usize = 1024;

/// The longest string written by the fast path of [`Serializer::quoted`]:
/// it and its quotes (and a colon and space after a field name) fit in a
/// 32-byte block.
const SHORT: usize = 28;

/// Appends `value` as compact (or, with `pretty`, indented) JSON to `out`.
///
/// # Errors
/// The errors of `value`'s `Serialize`.
pub(crate) fn to_vec_into<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    pretty: bool,
) -> Result<()> {
    to_writer(out, value, pretty)
}

/// Writes `value` as compact (or, with `pretty`, indented) JSON.
///
/// # Errors
/// The writer's errors, and the errors of `value`'s `Serialize`.
pub(crate) fn to_writer<W: Write, T: Serialize + ?Sized>(
    mut writer: W,
    value: &T,
    pretty: bool,
) -> Result<()> {
    if pretty {
        Serializer::<true>::new(&mut writer).run(value)
    } else {
        Serializer::<false>::new(&mut writer).run(value)
    }
}

/// Copies `src` into `dst` of the same length (`H..=2H`) as its first and
/// last `H` bytes, two copies of constant size, instead of a call to
/// `memcpy`.
#[inline]
fn copy_ends<const H: usize>(dst: &mut [u8], src: &[u8]) {
    let n = dst.len();
    if let (Some(a), Some(d)) = (src.first_chunk::<H>(), dst.first_chunk_mut::<H>()) {
        *d = *a;
    }
    if let (Some(b), Some(d)) = (
        src.last_chunk::<H>(),
        dst.get_mut(n.saturating_sub(H)..)
            .and_then(<[u8]>::first_chunk_mut::<H>),
    ) {
        *d = *b;
    }
}

/// Copies `src` (at most 32 bytes) into `dst` of the same length without a
/// call to `memcpy` from 8 bytes on.
#[inline]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if n >= 16 {
        copy_ends::<16>(dst, src);
    } else if n >= 8 {
        copy_ends::<8>(dst, src);
    } else {
        dst.copy_from_slice(src);
    }
}

/// A JSON writer; `PRETTY` adds newlines and two-space indentation.
pub(crate) struct Serializer<'w, const PRETTY: bool> {
    /// Output not yet handed to the writer: `buf[..len]`.
    buf: [u8; CHUNK],
    len: usize,
    /// Where the output goes.
    sink: &'w mut dyn Write,
    /// The writer's first error: later output is dropped, and the error is
    /// returned when the value is written.
    error: Option<io::Error>,
    /// Nesting depth (pretty output only).
    level: usize,
    /// The next string is a [`PLAIN`] one.
    plain: bool,
}

impl<'w, const PRETTY: bool> Serializer<'w, PRETTY> {
    fn new(sink: &'w mut dyn Write) -> Self {
        Self {
            buf: [0; CHUNK],
            len: 0,
            sink,
            error: None,
            level: 0,
            plain: false,
        }
    }

    /// Writes `value` and hands the rest of the output to the writer.
    fn run<T: Serialize + ?Sized>(mut self, value: &T) -> Result<()> {
        let r = value.serialize(&mut self);
        self.flush();
        r?;
        match self.error {
            Some(e) => Err(Error::Io(e)),
            None => Ok(()),
        }
    }

    /// Hands the buffered output to the writer.
    #[cold]
    #[inline(never)]
    fn flush(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.sink.write_all(&self.buf[..self.len]) {
                self.error = Some(e);
            }
        }
        self.len = 0;
    }

    /// The next `n` bytes of the buffer (`n <= CHUNK`), after handing the
    /// buffered output to the writer if they do not fit.
    #[inline]
    fn room(&mut self, n: usize) -> Option<&mut [u8]> {
        if self.len + n > CHUNK {
            self.flush();
        }
        self.buf.get_mut(self.len..self.len + n)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.buf.get_mut(self.len..self.len + bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            self.write_long(bytes);
        }
    }

    /// [`Self::write`] when the bytes do not fit in the buffer's rest.
    #[cold]
    #[inline(never)]
    fn write_long(&mut self, bytes: &[u8]) {
        self.flush();
        if let Some(dst) = self.buf.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len = bytes.len();
        } else if self.error.is_none() {
            if let Err(e) = self.sink.write_all(bytes) {
                self.error = Some(e);
            }
        }
    }

    #[inline]
    fn push(&mut self, byte: u8) {
        if let Some(b) = self.room(1).and_then(<[u8]>::first_mut) {
            *b = byte;
            self.len += 1;
        }
    }

    /// Writes `s` as a JSON string.
    #[inline]
    fn str(&mut self, s: &str) {
        if needs_escape(s.as_bytes()) {
            self.escaped(s);
        } else {
            self.quoted(s.as_bytes(), b"");
        }
    }

    /// Writes a string that needs escaping, quotes included.
    #[inline(never)]
    fn escaped(&mut self, s: &str) {
        self.push(b'"');
        escaped(s, |b| self.write(b));
        self.push(b'"');
    }

    /// Writes `"s"` and then `tail` (at most 2 bytes) for a string that
    /// needs no escaping. A short one into a 32-byte block of the buffer,
    /// from 8 bytes on as its first and last 8 or 16 bytes: copies of
    /// constant size, not a call to `memcpy`.
    #[inline]
    fn quoted(&mut self, s: &[u8], tail: &[u8]) {
        let n = s.len();
        if n <= SHORT {
            if let Some(block) = self.room(32) {
                block[0] = b'"';
                // Not `1..=n`: the inclusive range's index was a call.
                #[expect(clippy::range_plus_one, reason = "measured: a call otherwise")]
                copy_short(&mut block[1..n + 1], s);
                block[n + 1] = b'"';
                block[n + 2..n + 2 + tail.len()].copy_from_slice(tail);
                self.len += n + 2 + tail.len();
            }
        } else {
            self.push(b'"');
            self.write(s);
            self.push(b'"');
            self.write(tail);
        }
    }

    /// Writes a float exactly as serde_json does (shortest round-trip form;
    /// `null` for NaN and infinities).
    fn float<F: Serialize>(&mut self, v: F) -> Result<()> {
        let mut text = [0u8; 40];
        let mut rest = &mut text[..];
        serde_json::to_writer(&mut rest, &v)
            .map_err(|e| ser::Error::custom(format!("cannot write a float: {e}")))?;
        let n = 40 - rest.len();
        self.write(&text[..n]);
        Ok(())
    }

    fn integer<I: itoa::Integer>(&mut self, v: I) {
        self.write(itoa::Buffer::new().format(v).as_bytes());
    }

    /// Opens an array or object (`[` or `{`).
    fn open(&mut self, bracket: u8) {
        if PRETTY {
            self.level += 1;
        }
        self.push(bracket);
    }

    /// Closes an array or object; `empty` when nothing was written in it.
    fn close(&mut self, bracket: u8, empty: bool) {
        if PRETTY {
            self.level -= 1;
            if !empty {
                self.push(b'\n');
                self.indent();
            }
        }
        self.push(bracket);
    }

    /// Starts an array element or object member.
    #[inline]
    fn item(&mut self, first: bool) {
        if PRETTY {
            self.write(if first { b"\n" } else { b",\n" });
            self.indent();
        } else if !first {
            self.push(b',');
        }
    }

    /// Between an object member's key and its value.
    fn colon(&mut self) {
        self.write(if PRETTY { b": " } else { b":" });
    }

    /// Writes a struct field name and the colon after it. The name is a
    /// literal in the struct's `Serialize`, into which this is inlined: the
    /// escape check and the length tests are then decided at compile time.
    #[expect(clippy::inline_always, reason = "the name must be a constant here")]
    #[inline(always)]
    fn field_name(&mut self, key: &'static str) {
        if needs_escape(key.as_bytes()) {
            self.escaped(key);
            self.colon();
        } else {
            self.quoted(key.as_bytes(), if PRETTY { b": " } else { b":" });
        }
    }

    fn indent(&mut self) {
        const SPACES: &[u8; 64] = &[b' '; 64];
        let mut n = self.level * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.write(&SPACES[..k]);
            n -= k;
        }
    }

    /// `{"variant":` before the value of an enum variant with data.
    fn variant_key(&mut self, variant: &str) {
        self.open(b'{');
        self.item(true);
        self.str(variant);
        self.colon();
    }
}

impl<const PRETTY: bool> KeySink for Serializer<'_, PRETTY> {
    type Error = Error;
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        Serializer::write(self, bytes);
        Ok(())
    }
    fn str(&mut self, s: &str) -> Result<()> {
        Serializer::str(self, s);
        Ok(())
    }
    fn integer<I: itoa::Integer>(&mut self, v: I) -> Result<()> {
        Serializer::integer(self, v);
        Ok(())
    }
    fn float<F: Serialize>(&mut self, v: F) -> Result<()> {
        Serializer::float(self, v)
    }
    fn collect_str<T: fmt::Display + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::Serializer::collect_str(self, value)
    }
}

/// An array or object being written.
pub(crate) struct Compound<'a, 'w, const PRETTY: bool> {
    ser: &'a mut Serializer<'w, PRETTY>,
    /// True until the first element or member.
    first: bool,
    /// `]` or `}`.
    bracket: u8,
    /// Inside `{"variant": ...}`, which also needs closing.
    variant: bool,
}

impl<const PRETTY: bool> Compound<'_, '_, PRETTY> {
    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.item(self.first);
        self.first = false;
        value.serialize(&mut *self.ser)
    }

    // Inlined into each struct's `Serialize` (through `serialize_field`
    // below), where the field name is a constant: a call per member cost
    // the image configuration a tenth of its serialize time (BENCHMARKS.md).
    #[expect(clippy::inline_always, reason = "measured: -9 % on the configuration")]
    #[inline(always)]
    fn member<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.ser.item(self.first);
        self.first = false;
        self.ser.field_name(key);
        value.serialize(&mut *self.ser)
    }

    fn finish(self) {
        self.ser.close(self.bracket, self.first);
        if self.variant {
            self.ser.close(b'}', false);
        }
    }
}

impl<'a, 'w, const PRETTY: bool> Serializer<'w, PRETTY> {
    fn compound(&'a mut self, bracket: u8, variant: bool) -> Compound<'a, 'w, PRETTY> {
        self.open(if bracket == b']' { b'[' } else { b'{' });
        Compound {
            ser: self,
            first: true,
            bracket,
            variant,
        }
    }
}

/// A `fmt::Write` that escapes into the output, for `collect_str`.
struct Escaper<'a, 'w, const PRETTY: bool> {
    ser: &'a mut Serializer<'w, PRETTY>,
}

impl<const PRETTY: bool> fmt::Write for Escaper<'_, '_, PRETTY> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if needs_escape(s.as_bytes()) {
            escaped(s, |b| self.ser.write(b));
        } else {
            self.ser.write(s.as_bytes());
        }
        Ok(())
    }
}

impl<'a, 'w, const PRETTY: bool> ser::Serializer for &'a mut Serializer<'w, PRETTY> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'w, PRETTY>;
    type SerializeTuple = Compound<'a, 'w, PRETTY>;
    type SerializeTupleStruct = Compound<'a, 'w, PRETTY>;
    type SerializeTupleVariant = Compound<'a, 'w, PRETTY>;
    type SerializeMap = Compound<'a, 'w, PRETTY>;
    type SerializeStruct = Compound<'a, 'w, PRETTY>;
    type SerializeStructVariant = Compound<'a, 'w, PRETTY>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.write(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.integer(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.str(v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        if self.plain {
            self.plain = false;
            self.quoted(v.as_bytes(), b"");
        } else {
            self.str(v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let mut seq = self.compound(b']', false);
        for b in v {
            seq.element(b)?;
        }
        seq.finish();
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.write(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.write(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.write(b"null");
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        // Only `plain_str` names PLAIN, around a `&str` that needs no
        // escaping; the flag is cleared whatever the value turns out to be.
        self.plain = std::ptr::eq(name, PLAIN) || name == PLAIN;
        let r = value.serialize(&mut *self);
        self.plain = false;
        r
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.close(b'}', false);
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(self.compound(b']', false))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Ok(self.compound(b']', false))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Ok(self.compound(b']', false))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.variant_key(variant);
        Ok(self.compound(b']', true))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(self.compound(b'}', false))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Ok(self.compound(b'}', false))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.variant_key(variant);
        Ok(self.compound(b'}', true))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<()> {
        self.push(b'"');
        if fmt::write(&mut Escaper { ser: &mut *self }, format_args!("{value}")).is_err() {
            return Err(ser::Error::custom(
                "a Display implementation returned an error",
            ));
        }
        self.push(b'"');
        Ok(())
    }
}

/// The compound traits whose elements are written one after another:
/// `$method(value)` writes an element.
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl<const PRETTY: bool> ser::$trait for Compound<'_, '_, PRETTY> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }
            fn end(self) -> Result<()> {
                self.finish();
                Ok(())
            }
        }
    )+};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The compound traits whose members have a field name.
macro_rules! members {
    ($($trait:ident),+) => {$(
        impl<const PRETTY: bool> ser::$trait for Compound<'_, '_, PRETTY> {
            type Ok = ();
            type Error = Error;
            // Inlined: see `Compound::member`.
            #[inline(always)]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<()> {
                self.member(key, value)
            }
            fn end(self) -> Result<()> {
                self.finish();
                Ok(())
            }
        }
    )+};
}

members!(SerializeStruct, SerializeStructVariant);

impl<const PRETTY: bool> ser::SerializeMap for Compound<'_, '_, PRETTY> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.ser.item(self.first);
        self.first = false;
        key.serialize(KeySerializer {
            sink: &mut *self.ser,
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.colon();
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}
