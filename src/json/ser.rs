//! The serde `Serializer`: compact or pretty (two-space indent), the same
//! layout serde_json's `CompactFormatter` and `PrettyFormatter` give, with
//! the members of every map written in sorted key order.
//!
//! Everything is written into one byte buffer: the result itself for
//! `to_vec`, or, for a writer, a buffer (reused across calls on a thread)
//! that is handed on in large pieces between values. A map whose keys
//! arrive out of order (a std hash map) has its members put in key order in
//! that buffer when it ends, so a document holding `HashMap`s gives the
//! same bytes whatever the insertion order or hasher seed, and one holding
//! `BTreeMap`s gives serde_json's bytes.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;

use serde::ser::{self, Serialize};

use super::escape::{contents, escaped_string, needs_escape, short_needs_escape};
use super::key::{KeySerializer, KeySink};
use super::sort::sort_members;
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

thread_local! {
    /// The buffer of [`to_writer`], reused so that writing allocates
    /// nothing once a thread has written its first document.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Where the members of the open maps start ([`Serializer::marks`]),
    /// reused like the buffer.
    static MARKS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// Set by [`keep_next_map_order`]: the next map opened keeps its
    /// members in the order they come.
    static KEEP_ORDER: Cell<bool> = const { Cell::new(false) };
}

/// Opens a map whose members are written in the order given, not sorted:
/// an object with members the model does not define, written as its
/// modeled members in declaration order and then the others in key order.
/// Another serializer gets a plain `serialize_map`.
///
/// # Errors
/// The serializer's.
pub(crate) fn ordered_map<S: ser::Serializer>(
    serializer: S,
) -> std::result::Result<S::SerializeMap, S::Error> {
    KEEP_ORDER.with(|k| k.set(true));
    let map = serializer.serialize_map(None);
    KEEP_ORDER.with(|k| k.set(false));
    map
}

/// How much output is gathered before it is handed to a writer: small
/// enough that the piece is still in the processor's first-level cache when
/// the writer copies it (8 KiB was 3 % faster than 32 KiB on a 31 KiB
/// image configuration written into a `Vec`).
const CHUNK: usize = 8 * 1024;

/// Appends `value` as compact (or, with `pretty`, indented) JSON to `out`.
///
/// # Errors
/// The errors of `value`'s `Serialize`.
pub(crate) fn to_vec_into<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    pretty: bool,
) -> Result<()> {
    let buffer = std::mem::take(out);
    let (result, buffer) = run(buffer, None, value, pretty);
    *out = buffer;
    result
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
    let mut buffer = BUFFER.with(RefCell::take);
    buffer.clear();
    let (mut result, mut buffer) = run(buffer, Some(&mut writer), value, pretty);
    if result.is_ok() {
        result = writer.write_all(&buffer).map_err(Error::Io);
    }
    buffer.clear();
    BUFFER.with(|b| b.replace(buffer));
    result
}

fn run<T: Serialize + ?Sized>(
    out: Vec<u8>,
    sink: Option<&mut dyn Write>,
    value: &T,
    pretty: bool,
) -> (Result<()>, Vec<u8>) {
    let mut marks = MARKS.with(RefCell::take);
    marks.clear();
    let (r, out, mut marks) = if pretty {
        let mut ser = Serializer::<true>::new(out, sink, marks);
        let r = value.serialize(&mut ser);
        (r, ser.out, ser.marks)
    } else {
        let mut ser = Serializer::<false>::new(out, sink, marks);
        let r = value.serialize(&mut ser);
        (r, ser.out, ser.marks)
    };
    marks.clear();
    MARKS.with(|m| m.replace(marks));
    (r, out)
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

/// A JSON writer; `PRETTY` adds newlines and two-space indentation.
pub(crate) struct Serializer<'w, const PRETTY: bool> {
    out: Vec<u8>,
    /// Where full chunks of `out` go (none for `to_vec`).
    sink: Option<&'w mut dyn Write>,
    /// How many maps are open: while any is, `out` is kept whole.
    maps: usize,
    /// Nesting depth (pretty output only).
    level: usize,
    /// The next string is a [`PLAIN`] one.
    plain: bool,
    /// A string was escaped since this was last cleared (map keys).
    escaped: bool,
    /// For each member of the open maps, innermost last, two offsets in
    /// `out`: where its key starts and where the key's text ends
    /// (`usize::MAX` when escaped): what a map written out of key order is
    /// reordered by.
    marks: Vec<usize>,
}

/// The longest struct field name kept written out in [`NAMES`] (spec
/// member names are at most 30 bytes): a [`Written`] fills 56 bytes, its
/// [`Slot`] one cache line.
const NAME_MAX: usize = 44;

/// A struct field name written out as `"name":`, with the address and
/// length of the `&'static str` it was made from.
struct Written {
    id: usize,
    len: u8,
    bytes: [u8; NAME_MAX + 3],
}

/// One entry of [`NAMES`], on a cache line of its own.
#[repr(align(64))]
struct Slot(OnceLock<Written>);

/// How many entries [`NAMES`] has: room for every field name of the crate's
/// structs.
const SLOTS: usize = 512;

/// How many entries from its home slot on a name may be kept at.
const PROBES: usize = 4;

/// Struct field names found to need no escaping, written out, by address
/// and length (they are `&'static str`, so the text never changes), in a
/// table shared by all threads: a name in the table is one copy. A name is
/// kept in the first free entry among the [`PROBES`] from its home slot, so
/// that two names whose addresses hash to the same slot (which depends on
/// where the program is loaded) are both kept; a name that finds no free
/// entry is checked every time.
static NAMES: [Slot; SLOTS] = [const { Slot(OnceLock::new()) }; SLOTS];

impl<'w, const PRETTY: bool> Serializer<'w, PRETTY> {
    fn new(out: Vec<u8>, sink: Option<&'w mut dyn Write>, marks: Vec<usize>) -> Self {
        Self {
            out,
            sink,
            maps: 0,
            level: 0,
            plain: false,
            escaped: false,
            marks,
        }
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Hands a large enough piece of output to the writer, between values
    /// and outside maps.
    #[inline]
    fn spill(&mut self) -> Result<()> {
        if self.out.len() >= CHUNK && self.maps == 0 {
            if let Some(sink) = self.sink.as_mut() {
                sink.write_all(&self.out).map_err(Error::Io)?;
                self.out.clear();
            }
        }
        Ok(())
    }

    /// Writes `s` as a JSON string.
    #[inline]
    fn str(&mut self, s: &str) {
        if needs_escape(s.as_bytes()) {
            self.escaped = true;
            escaped_string(&mut self.out, s);
        } else {
            self.quoted(s);
        }
    }

    /// Writes `"s"` for a string that needs no escaping. A short one as 32
    /// quote bytes (a copy of constant size, inlined), the string copied
    /// over the middle — from 8 bytes on as its first and last 8 or 16
    /// bytes, two more copies of constant size, not a call to `memcpy` —
    /// and the rest cut off: the output's length is read and written twice
    /// instead of three times (2–5 % on a configuration, the halves 3 %
    /// more).
    #[inline]
    fn quoted(&mut self, s: &str) {
        const QUOTES: [u8; 32] = [b'"'; 32];
        let at = self.out.len();
        let n = s.len();
        if n <= QUOTES.len() - 2 {
            self.out.extend_from_slice(&QUOTES);
            if let Some(middle) = self.out.get_mut(at + 1..at + 1 + n) {
                let b = s.as_bytes();
                if n >= 16 {
                    copy_ends::<16>(middle, b);
                } else if n >= 8 {
                    copy_ends::<8>(middle, b);
                } else {
                    middle.copy_from_slice(b);
                }
            }
            self.out.truncate(at + n + 2);
        } else {
            self.out.reserve(n + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
        }
    }

    /// Writes a float exactly as serde_json does (shortest round-trip form;
    /// `null` for NaN and infinities).
    fn float<F: Serialize>(&mut self, v: F) -> Result<()> {
        serde_json::to_writer(&mut self.out, &v)
            .map_err(|e| ser::Error::custom(format!("cannot write a float: {e}")))
    }

    fn integer<I: itoa::Integer>(&mut self, v: I) {
        self.write(itoa::Buffer::new().format(v).as_bytes());
    }

    /// Opens an array or object (`[` or `{`).
    fn open(&mut self, bracket: u8) {
        if PRETTY {
            self.level += 1;
        }
        self.out.push(bracket);
    }

    /// Closes an array or object; `empty` when nothing was written in it.
    fn close(&mut self, bracket: u8, empty: bool) {
        if PRETTY {
            self.level -= 1;
            if !empty {
                self.out.push(b'\n');
                self.indent();
            }
        }
        self.out.push(bracket);
    }

    /// Starts an array element or object member.
    #[inline]
    fn item(&mut self, first: bool) {
        if PRETTY {
            self.write(if first { b"\n" } else { b",\n" });
            self.indent();
        } else if !first {
            self.out.push(b',');
        }
    }

    /// Between an object member's key and its value.
    fn colon(&mut self) {
        self.write(if PRETTY { b": " } else { b":" });
    }

    /// Writes a struct field name and the colon after it.
    #[inline]
    fn field_name(&mut self, key: &'static str) {
        // Address and length (a user-space address fits in 48 bits).
        let id = (key.as_ptr() as usize) ^ (key.len() << 48);
        // Fibonacci hashing: names sit next to each other in memory, so
        // their low address bits alone would collide.
        let home = id.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (usize::BITS - SLOTS.ilog2());
        match NAMES[home].0.get() {
            Some(w) if w.id == id => self.written_name(w),
            _ => self.field_name_slow(key, id, home),
        }
    }

    /// Writes a field name kept in [`NAMES`]: a copy of constant length
    /// (inlined, no call) cut back to the name's.
    #[inline]
    fn written_name(&mut self, w: &Written) {
        let at = self.out.len();
        self.out.extend_from_slice(&w.bytes);
        self.out.truncate(at + usize::from(w.len));
        if PRETTY {
            self.out.push(b' ');
        }
    }

    /// Writes a field name not found in its home slot of [`NAMES`]: found
    /// in one of the next, or checked, written and kept in the first free
    /// one.
    #[cold]
    fn field_name_slow(&mut self, key: &'static str, id: usize, home: usize) {
        for probe in 1..PROBES {
            match NAMES[(home + probe) % SLOTS].0.get() {
                Some(w) if w.id == id => return self.written_name(w),
                Some(_) => {}
                None => break,
            }
        }
        if short_needs_escape(key.as_bytes()) {
            self.str(key);
            self.colon();
            return;
        }
        if key.len() <= NAME_MAX {
            let mut bytes = [0; NAME_MAX + 3];
            bytes[0] = b'"';
            bytes[1..=key.len()].copy_from_slice(key.as_bytes());
            bytes[key.len() + 1..key.len() + 3].copy_from_slice(b"\":");
            // The length fits: NAME_MAX + 3 < 256.
            #[expect(clippy::cast_possible_truncation, reason = "at most NAME_MAX + 3")]
            let len = (key.len() + 3) as u8;
            let mut written = Written { id, len, bytes };
            for probe in 0..PROBES {
                match NAMES[(home + probe) % SLOTS].0.set(written) {
                    Ok(()) => break,
                    Err(back) => written = back,
                }
            }
        }
        self.out.push(b'"');
        self.write(key.as_bytes());
        self.write(if PRETTY { b"\": " } else { b"\":" });
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
    /// For a map: where its members start in the output.
    start: usize,
    /// For a map: the last key written (a range of the output).
    last_key: (usize, usize),
    /// For a map: the keys came in ascending order so far.
    sorted: bool,
    /// For a map: the last key was escaped.
    last_escaped: bool,
    /// For a map: where its members' offsets start in `marks`.
    mark_base: usize,
    /// For a map: its members stay in the order they come.
    ordered: bool,
}

impl<const PRETTY: bool> Compound<'_, '_, PRETTY> {
    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.item(self.first);
        self.first = false;
        value.serialize(&mut *self.ser)?;
        self.ser.spill()
    }

    // Inlined into each struct's `Serialize` (through `serialize_field`
    // below): a call per member cost the image configuration a tenth of
    // its serialize time (BENCHMARKS.md).
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
        let start = self.out.len();
        Compound {
            ser: self,
            first: true,
            bracket,
            variant,
            start,
            last_key: (0, 0),
            sorted: true,
            last_escaped: false,
            mark_base: 0,
            ordered: false,
        }
    }
}

/// A `fmt::Write` that escapes into the output, for `collect_str`.
struct Escaper<'a> {
    out: &'a mut Vec<u8>,
}

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        contents(self.out, s);
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
            self.quoted(v);
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
        // Until the matching `end`, the output stays whole, so that the
        // members can be reordered.
        self.maps += 1;
        let mark_base = self.marks.len();
        let ordered = KEEP_ORDER.with(|k| k.replace(false));
        let mut map = self.compound(b'}', false);
        map.mark_base = mark_base;
        map.ordered = ordered;
        Ok(map)
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
        // Whether the text needed escaping is not tracked here: count it as
        // escaped, so that a map key written this way is sorted by its text.
        self.escaped = true;
        self.out.push(b'"');
        if fmt::write(&mut Escaper { out: &mut self.out }, format_args!("{value}")).is_err() {
            return Err(ser::Error::custom(
                "a Display implementation returned an error",
            ));
        }
        self.out.push(b'"');
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
        let at = self.ser.out.len();
        self.ser.marks.push(at);
        self.ser.escaped = false;
        key.serialize(KeySerializer {
            sink: &mut *self.ser,
        })?;
        let key_range = (at, self.ser.out.len());
        let escaped = self.ser.escaped;
        // Where the key's text ends (before its closing quote), for the
        // sort to compare keys as bytes; none when it holds an escape.
        self.ser
            .marks
            .push(if escaped { usize::MAX } else { key_range.1 - 1 });
        if !self.first && self.sorted && !self.ordered {
            let s = &self.ser.out;
            // The keys' text between the quotes (a quote compared with a
            // byte of the other key's text would order `" x"` before `""`).
            let text =
                |(from, to): (usize, usize)| &s[from + 1..to.saturating_sub(1).max(from + 1)];
            let (last, this) = (text(self.last_key), text(key_range));
            // Written keys compare like their text unless one holds an
            // escape; then the end sorts by the text.
            if last >= this || escaped || self.last_escaped {
                self.sorted = false;
            }
        }
        self.first = false;
        self.last_key = key_range;
        self.last_escaped = escaped;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.colon();
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<()> {
        let ser = &mut *self.ser;
        if !self.sorted {
            sort_members(
                &mut ser.out[self.start..],
                self.start,
                &ser.marks[self.mark_base..],
            );
        }
        ser.marks.truncate(self.mark_base);
        ser.maps -= 1;
        self.finish();
        Ok(())
    }
}
