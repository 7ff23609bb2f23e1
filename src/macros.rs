//! The crate's code generators for what is not a struct (structs are
//! declared by `#[spec_struct]`, derive/), each written once:
//!
//! - [`open_enum!`]: an open string set (media types, architectures,
//!   capabilities, ...) as an enum with an `Other(String)` variant, from one
//!   table of `Variant = "text"` lines.
//! - [`closed_enum!`]: a closed string enum with `oci-spec`'s shape (the
//!   runtime model's capabilities, namespace types, seccomp actions, ...,
//!   and the distribution error codes), from one table of
//!   `Variant = "json", "display"` lines.
//! - [`rules!`]: a spec's rule catalogue, one `Rule` constant per rule and
//!   the list `ALL`, from one table of `NAME = ("name", "id", "section",
//!   Severity, "summary");` lines.

/// Defines an open string enum.
///
/// ```ignore
/// open_enum! {
///     /// Doc of the enum.
///     pub enum Arch {
///         /// 64-bit x86.
///         Amd64 = "amd64",
///     }
/// }
/// ```
///
/// Generates the enum with an extra `Other(String)` variant, `as_str`,
/// `is_other`, `KNOWN`, `From<&str>`, `From<String>`, `FromStr` (never
/// fails), `Display`, `AsRef<str>`, comparison, ordering and hashing by text
/// (so `Other("amd64")` equals `Amd64`), `PartialEq<str>`, and serde that
/// writes the text with `serialize_str` and reads a borrowed `&str` without
/// allocating for a known value.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $text:literal
            ),+ $(,)?
        }
    ) => {
        open_enum! {
            $(#[$meta])*
            $vis enum $name(String) {
                $(
                    $(#[$vmeta])*
                    $variant = $text
                ),+
            }
        }
    };
    // `enum Name(Payload)`: the `Other` variant holds `Payload` (`String`
    // unless given; `Box<str>` where `oci-spec` has it).
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident($other:ty) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $text:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this crate does not know; kept as written.
            Other($other),
        }

        impl $name {
            /// Every known value, in table order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as it is written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(s) => &**s,
                }
            }

            /// The known value written `s`, if any.
            pub fn from_known(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// True when the value is not one this crate knows.
            pub fn is_other(&self) -> bool {
                match self {
                    $name::Other(s) => Self::from_known(s).is_none(),
                    _ => false,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::from_known(s).unwrap_or_else(|| $name::Other(s.into()))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match Self::from_known(&s) {
                    Some(known) => known,
                    None => $name::Other(s.into()),
                }
            }
        }

        impl From<&$name> for String {
            fn from(v: &$name) -> String {
                v.as_str().to_owned()
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    // The table's texts need no JSON escaping (a test checks).
                    $($name::$variant => crate::json::plain_str($text, s),)+
                    $name::Other(text) => s.serialize_str(text),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        Ok($name::from(s))
                    }
                    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<$name, E> {
                        Ok($name::from(s))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

/// Defines a closed string enum with `oci-spec`'s shape: `Copy` (not with
/// `[copy = no]`, for an enum `oci-spec` does not make `Copy`), the same
/// variants and no other, one `Variant = "json", "display"` line each
/// (`Variant [discriminant] = ...` where `oci-spec` gives one).
///
/// ```ignore
/// closed_enum! {
///     /// Doc of the enum.
///     pub enum LinuxSeccompOperator [default = ScmpCmpEq] {
///         /// Not equal.
///         ScmpCmpNe = "SCMP_CMP_NE", "SCMP_CMP_NE",
///     }
/// }
/// ```
///
/// Generates the enum (`Clone`, `Copy`, `Debug`, `PartialEq`, `Eq`,
/// `Hash`; `Default` with `[default = Variant]`), `ALL`, `as_str` (the JSON
/// text), `Display` and `FromStr` and `TryFrom<&str>` (the display text,
/// failing with `strum::ParseError` as `oci-spec`'s strum derives do;
/// `(parse = none)` leaves `FromStr` and
/// `TryFrom` to the caller), serde (the JSON text; `[read = path]` names a
/// `fn(&str) -> Option<Self>` that reads JSON texts instead, for the
/// spellings `oci-spec` also accepts), and the crate's
/// [`crate::json::spec::ClosedEnum`], through which a struct field
/// declared `#[json(keep)]` keeps an unknown value in the struct's hidden
/// part instead of failing the document. A required field holds a stand-in
/// value meanwhile: the default, or `[stand_in = Variant]` for an enum
/// without a `Default` (as `oci-spec`'s `ErrorCode`).
#[cfg(any(feature = "runtime", feature = "distribution"))]
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident $([default = $def:ident])? $([stand_in = $stand_in:ident])? $([copy = $copy:ident])? $([read = $read:path])? $((parse = $parse:ident))? {
            $(
                $(#[$vmeta:meta])*
                $variant:ident $([$disc:expr])? = $json:literal, $display:literal
            ),+ $(,)?
        }
    ) => {
        closed_enum! {
            @derive [$($copy)?]
            $(#[$meta])*
            $vis enum $name {
                $(
                    $(#[$vmeta])*
                    $variant $(= $disc)?,
                )+
            }
        }

        $(
            impl Default for $name {
                fn default() -> Self {
                    $name::$def
                }
            }
        )?

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as it is written in JSON.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $json,)+
                }
            }

            /// The value as `Display` writes it (`oci-spec`'s text).
            fn display_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $display,)+
                }
            }

            /// Reads a JSON text exactly.
            #[allow(dead_code)]
            fn from_json_exact(s: &str) -> Option<Self> {
                match s {
                    $($json => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Reads a `Display` text exactly.
            #[allow(dead_code)]
            fn from_display(s: &str) -> Option<Self> {
                match s {
                    $($display => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.display_str())
            }
        }

        closed_enum!(@parse $name $($parse)?);

        impl crate::json::spec::ClosedEnum for $name {
            const PLACEHOLDER: Option<Self> = closed_enum!(@placeholder $name $($def)? $($stand_in)?);
            fn json_str(&self) -> &'static str {
                self.as_str()
            }
            fn from_json(s: &str) -> Option<Self> {
                closed_enum!(@read s $($read)?)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                crate::json::plain_str(self.as_str(), s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                <$name as crate::json::spec::ClosedEnum>::from_json(&s).ok_or_else(|| {
                    <D::Error as serde::de::Error>::unknown_variant(&s, &[$($json),+])
                })
            }
        }
    };
    (@derive [] $($item:tt)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $($item)+
    };
    (@derive [no] $($item:tt)+) => {
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        $($item)+
    };
    (@placeholder $name:ident) => { None };
    (@placeholder $name:ident $def:ident) => { Some($name::$def) };
    (@read $s:ident) => { Self::from_json_exact($s) };
    (@read $s:ident $read:path) => { $read($s) };
    (@parse $name:ident none) => {};
    (@parse $name:ident) => {
        impl std::str::FromStr for $name {
            type Err = strum::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_display(s).ok_or(strum::ParseError::VariantNotFound)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = strum::ParseError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
    };
}

/// Declares a rule catalogue: one `pub const NAME: Rule` per line and
/// `ALL`, every rule in table order. `spec` names the spec and release
/// every rule of the table comes from; each line gives the rule's stable
/// name, its identifier in the crate's catalogue (`RULES.md`, empty when it
/// has none), the spec file and section it comes from, its default
/// severity and a one-sentence summary.
///
/// ```ignore
/// rules! {
///     spec: "image-spec v1.1.1";
///
///     /// `schemaVersion` is 2.
///     SCHEMA_VERSION = ("schema-version", "MAN-S1", "manifest.md#image-manifest-property-descriptions",
///         Error, "schemaVersion must be 2");
/// }
/// ```
macro_rules! rules {
    (
        spec: $spec:literal;
        $(
            $(#[$doc:meta])*
            $konst:ident = ($name:literal, $id:literal, $section:literal, $sev:ident, $summary:literal);
        )+
    ) => {
        $(
            $(#[$doc])*
            pub const $konst: crate::validate::Rule = crate::validate::Rule::new(
                $name,
                $id,
                $spec,
                $section,
                crate::validate::Severity::$sev,
                $summary,
            );
        )+

        /// Every rule of this catalogue, in table order.
        pub const ALL: &[&crate::validate::Rule] = &[$(&$konst),+];
    };
}
