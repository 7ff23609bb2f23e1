//! Object keys: strings as they are; integers, booleans and finite floats
//! in quotes; anything else is an error. The same keys serde_json accepts,
//! written the same way.

use serde::ser::{self, Impossible, Serialize};

/// Where a key is written: the serializer's output, through the few
/// writes a key needs.
pub(super) trait KeySink {
    /// The serializer's error.
    type Error: ser::Error;
    /// Writes raw bytes.
    fn write(&mut self, bytes: &[u8]) -> Result<(), Self::Error>;
    /// Writes a JSON string.
    fn str(&mut self, s: &str) -> Result<(), Self::Error>;
    /// Writes an integer.
    fn integer<I: itoa::Integer>(&mut self, v: I) -> Result<(), Self::Error>;
    /// Writes a float as serde_json does.
    fn float<F: Serialize>(&mut self, v: F) -> Result<(), Self::Error>;
    /// Writes a `Display` value as a JSON string.
    fn collect_str<T: std::fmt::Display + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error>;
}

/// Serializes one map key.
pub(super) struct KeySerializer<'a, S> {
    pub(super) sink: &'a mut S,
}

fn not_a_string<E: ser::Error>() -> E {
    E::custom("key must be a string")
}

impl<S: KeySink> KeySerializer<'_, S> {
    fn quoted_integer<I: itoa::Integer>(self, v: I) -> Result<(), S::Error> {
        self.sink.write(b"\"")?;
        self.sink.integer(v)?;
        self.sink.write(b"\"")
    }

    fn quoted_float<F: Serialize>(self, v: F, finite: bool) -> Result<(), S::Error> {
        if !finite {
            return Err(ser::Error::custom(
                "float key must be finite, got NaN or +/-inf",
            ));
        }
        self.sink.write(b"\"")?;
        self.sink.float(v)?;
        self.sink.write(b"\"")
    }
}

impl<S: KeySink> ser::Serializer for KeySerializer<'_, S> {
    type Ok = ();
    type Error = S::Error;
    type SerializeSeq = Impossible<(), S::Error>;
    type SerializeTuple = Impossible<(), S::Error>;
    type SerializeTupleStruct = Impossible<(), S::Error>;
    type SerializeTupleVariant = Impossible<(), S::Error>;
    type SerializeMap = Impossible<(), S::Error>;
    type SerializeStruct = Impossible<(), S::Error>;
    type SerializeStructVariant = Impossible<(), S::Error>;

    fn serialize_str(self, v: &str) -> Result<(), S::Error> {
        self.sink.str(v)
    }
    fn serialize_char(self, v: char) -> Result<(), S::Error> {
        self.sink.str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<(), S::Error> {
        self.sink.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), S::Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), S::Error> {
        self.sink.write(if v { b"\"true\"" } else { b"\"false\"" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), S::Error> {
        self.quoted_integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), S::Error> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result<(), S::Error> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), S::Error> {
        Err(not_a_string())
    }
    fn serialize_none(self) -> Result<(), S::Error> {
        Err(not_a_string())
    }
    fn serialize_unit(self) -> Result<(), S::Error> {
        Err(not_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), S::Error> {
        Err(not_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), S::Error> {
        Err(not_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(not_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Err(not_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_a_string())
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), S::Error> {
        self.sink.collect_str(value)
    }
}
