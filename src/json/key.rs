//! Object keys: strings as they are; integers, booleans and finite floats
//! in quotes; anything else is an error. The same keys serde_json accepts,
//! written the same way.

use std::io::Write;

use serde::ser::{self, Impossible, Serialize};

use super::ser::{Error, Serializer};

type Result<T> = std::result::Result<T, Error>;

/// Serializes one map key.
pub(super) struct KeySerializer<'a, W, const PRETTY: bool> {
    pub(super) ser: &'a mut Serializer<W, PRETTY>,
}

fn not_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl<W: Write, const PRETTY: bool> KeySerializer<'_, W, PRETTY> {
    fn quoted_integer<I: itoa::Integer>(self, v: I) -> Result<()> {
        self.ser.write(b"\"")?;
        self.ser.integer(v)?;
        self.ser.write(b"\"")
    }

    fn quoted_float<F: Serialize>(self, v: F, finite: bool) -> Result<()> {
        if !finite {
            return Err(ser::Error::custom(
                "float key must be finite, got NaN or +/-inf",
            ));
        }
        self.ser.write(b"\"")?;
        self.ser.float(v)?;
        self.ser.write(b"\"")
    }
}

impl<W: Write, const PRETTY: bool> ser::Serializer for KeySerializer<'_, W, PRETTY> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<()> {
        self.ser.str(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.ser.str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.ser.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<()> {
        self.ser.write(if v { b"\"true\"" } else { b"\"false\"" })
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.quoted_integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(not_a_string())
    }
    fn serialize_none(self) -> Result<()> {
        Err(not_a_string())
    }
    fn serialize_unit(self) -> Result<()> {
        Err(not_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(not_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(not_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(not_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(not_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(not_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(not_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(not_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(not_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(not_a_string())
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<()> {
        ser::Serializer::collect_str(&mut *self.ser, value)
    }
}
