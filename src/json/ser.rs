//! The serde `Serializer`: compact or pretty (two-space indent), the same
//! layout serde_json's `CompactFormatter` and `PrettyFormatter` give.

use std::fmt;
use std::io::{self, Write};

use serde::ser::{self, Serialize};

use super::escape::{contents, string_inline};
use super::key::KeySerializer;

/// The error type: serde_json's, so that callers keep one error type.
pub(crate) type Error = serde_json::Error;
type Result<T> = std::result::Result<T, Error>;

/// Writes `value` as compact (or, with `pretty`, indented) JSON.
///
/// # Errors
/// The writer's errors, and the errors of `value`'s `Serialize`.
pub(crate) fn to_writer<W: Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
    pretty: bool,
) -> Result<()> {
    if pretty {
        value.serialize(&mut Serializer::<W, true> {
            w: writer,
            level: 0,
        })
    } else {
        value.serialize(&mut Serializer::<W, false> {
            w: writer,
            level: 0,
        })
    }
}

/// A JSON writer; `PRETTY` adds newlines and two-space indentation.
pub(crate) struct Serializer<W, const PRETTY: bool> {
    w: W,
    /// Nesting depth (pretty output only).
    level: usize,
}

fn io_err(e: io::Error) -> Error {
    Error::io(e)
}

impl<W: Write, const PRETTY: bool> Serializer<W, PRETTY> {
    pub(super) fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.w.write_all(bytes).map_err(io_err)
    }

    pub(super) fn str(&mut self, s: &str) -> Result<()> {
        string_inline(&mut self.w, s).map_err(io_err)
    }

    /// Writes a float exactly as serde_json does (shortest round-trip form;
    /// `null` for NaN and infinities).
    pub(super) fn float<F: Serialize>(&mut self, v: F) -> Result<()> {
        serde_json::to_writer(&mut self.w, &v)
    }

    pub(super) fn integer<I: itoa::Integer>(&mut self, v: I) -> Result<()> {
        self.write(itoa::Buffer::new().format(v).as_bytes())
    }

    /// Opens an array or object (`[` or `{`).
    fn open(&mut self, bracket: u8) -> Result<()> {
        if PRETTY {
            self.level += 1;
        }
        self.write(&[bracket])
    }

    /// Closes an array or object; `empty` when nothing was written in it.
    fn close(&mut self, bracket: u8, empty: bool) -> Result<()> {
        if PRETTY {
            self.level -= 1;
            if !empty {
                self.write(b"\n")?;
                self.indent()?;
            }
        }
        self.write(&[bracket])
    }

    /// Starts an array element or object member.
    fn item(&mut self, first: bool) -> Result<()> {
        if PRETTY {
            self.write(if first { b"\n" } else { b",\n" })?;
            self.indent()
        } else if first {
            Ok(())
        } else {
            self.write(b",")
        }
    }

    /// Between an object member's key and its value.
    fn colon(&mut self) -> Result<()> {
        self.write(if PRETTY { b": " } else { b":" })
    }

    fn indent(&mut self) -> Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        let mut n = self.level * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.write(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    /// `{"variant":` before the value of an enum variant with data.
    fn variant_key(&mut self, variant: &str) -> Result<()> {
        self.open(b'{')?;
        self.item(true)?;
        self.str(variant)?;
        self.colon()
    }
}

/// An array or object being written.
pub(crate) struct Compound<'a, W, const PRETTY: bool> {
    ser: &'a mut Serializer<W, PRETTY>,
    /// True until the first element or member.
    first: bool,
    /// `]` or `}`.
    bracket: u8,
    /// Inside `{"variant": ...}`, which also needs closing.
    variant: bool,
}

impl<W: Write, const PRETTY: bool> Compound<'_, W, PRETTY> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.item(self.first)?;
        self.first = false;
        value.serialize(&mut *self.ser)
    }

    fn member<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<()> {
        self.ser.item(self.first)?;
        self.first = false;
        self.ser.str(key)?;
        self.ser.colon()?;
        value.serialize(&mut *self.ser)
    }

    fn finish(self) -> Result<()> {
        self.ser.close(self.bracket, self.first)?;
        if self.variant {
            self.ser.close(b'}', false)?;
        }
        Ok(())
    }
}

impl<'a, W: Write, const PRETTY: bool> Serializer<W, PRETTY> {
    fn compound(&'a mut self, bracket: u8, variant: bool) -> Result<Compound<'a, W, PRETTY>> {
        self.open(if bracket == b']' { b'[' } else { b'{' })?;
        Ok(Compound {
            ser: self,
            first: true,
            bracket,
            variant,
        })
    }
}

/// A `fmt::Write` that escapes into the output, for `collect_str`.
struct Escaper<'a, W> {
    w: &'a mut W,
    error: Option<io::Error>,
}

impl<W: Write> fmt::Write for Escaper<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        contents(self.w, s).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

impl<'a, W: Write, const PRETTY: bool> ser::Serializer for &'a mut Serializer<W, PRETTY> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W, PRETTY>;
    type SerializeTuple = Compound<'a, W, PRETTY>;
    type SerializeTupleStruct = Compound<'a, W, PRETTY>;
    type SerializeTupleVariant = Compound<'a, W, PRETTY>;
    type SerializeMap = Compound<'a, W, PRETTY>;
    type SerializeStruct = Compound<'a, W, PRETTY>;
    type SerializeStructVariant = Compound<'a, W, PRETTY>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.write(if v { b"true" } else { b"false" })
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let mut seq = self.compound(b']', false)?;
        for b in v {
            seq.element(b)?;
        }
        seq.finish()
    }
    fn serialize_none(self) -> Result<()> {
        self.write(b"null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.write(b"null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.write(b"null")
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.variant_key(variant)?;
        value.serialize(&mut *self)?;
        self.close(b'}', false)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        self.compound(b']', false)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        self.compound(b']', false)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.compound(b']', false)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.variant_key(variant)?;
        self.compound(b']', true)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        self.compound(b'}', false)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        self.compound(b'}', false)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.variant_key(variant)?;
        self.compound(b'}', true)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<()> {
        self.write(b"\"")?;
        let mut e = Escaper {
            w: &mut self.w,
            error: None,
        };
        if fmt::write(&mut e, format_args!("{value}")).is_err() {
            return Err(match e.error {
                Some(io) => io_err(io),
                None => ser::Error::custom("a Display implementation returned an error"),
            });
        }
        self.write(b"\"")
    }
}

/// The compound traits whose elements are written one after another:
/// `$method(value)` writes an element.
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl<W: Write, const PRETTY: bool> ser::$trait for Compound<'_, W, PRETTY> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }
            fn end(self) -> Result<()> {
                self.finish()
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
        impl<W: Write, const PRETTY: bool> ser::$trait for Compound<'_, W, PRETTY> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<()> {
                self.member(key, value)
            }
            fn end(self) -> Result<()> {
                self.finish()
            }
        }
    )+};
}

members!(SerializeStruct, SerializeStructVariant);

impl<W: Write, const PRETTY: bool> ser::SerializeMap for Compound<'_, W, PRETTY> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.ser.item(self.first)?;
        self.first = false;
        key.serialize(KeySerializer {
            ser: &mut *self.ser,
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.colon()?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}
