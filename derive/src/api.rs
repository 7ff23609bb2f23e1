//! What a spec struct offers besides its JSON: the getters and setters
//! (through `getset`), the builder's defaults and `build()`, and a
//! document's input/output functions.

use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{Ident, Type};

use crate::{Access, Document, Get};

/// The `#[getset(...)]` attribute of a field with the accessors `access`,
/// or nothing when it has none. `get` returns a copy for the scalar types
/// (`bool`, `char`, the integers and floats, and an `Option` of one), a
/// reference otherwise.
pub(crate) fn getset_attr(access: Access, ty: &Type) -> TokenStream2 {
    let get = match access.get {
        Get::None => None,
        Get::Infer if is_scalar(ty) => Some(quote!(get_copy = "pub")),
        Get::Infer | Get::Ref => Some(quote!(get = "pub")),
        Get::Copy => Some(quote!(get_copy = "pub")),
    };
    let parts: Vec<TokenStream2> = get
        .into_iter()
        .chain(access.get_mut.then(|| quote!(get_mut = "pub")))
        .chain(access.set.then(|| quote!(set = "pub")))
        .collect();
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[getset(#(#parts),*)])
    }
}

/// `bool`, `char`, an integer or float type, or an `Option` of one: the
/// types whose getter returns a copy unless the field says otherwise.
pub(crate) fn is_scalar(ty: &Type) -> bool {
    const SCALARS: &[&str] = &[
        "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
        "i128", "isize", "f32", "f64",
    ];
    let ty = crate::option_inner(ty).unwrap_or(ty);
    let Type::Path(p) = ty else { return false };
    p.qself.is_none()
        && p.path.segments.len() == 1
        && p.path.segments[0].arguments.is_none()
        && SCALARS.iter().any(|s| p.path.segments[0].ident == s)
}

/// The public `build()` of the struct's builder (derive_builder's own is
/// the private `build_fields`): it fails only when a required field is
/// missing, as `oci-spec`'s builders do, and names the type in its error.
/// A document's builder also gets `build_checked()`, which refuses a value
/// whose `validate()` reports errors.
pub(crate) fn builder_impls(name: &Ident, document: bool) -> TokenStream2 {
    let builder = format_ident!("{}Builder", name);
    let type_name = name.to_string();
    let build_unchecked_doc = format!(
        "Builds the [`{type_name}`] without checking the spec's rules, as `oci-spec` does."
    );
    let build_doc_text = format!("Builds the [`{type_name}`].");
    let checked_doc = format!("Builds the [`{type_name}`] and checks it against the spec's rules.");
    let build_doc = if document {
        quote! {
            #[doc = #build_unchecked_doc]
            ///
            /// Only a missing required field fails; a document that breaks a
            /// rule of the spec is built (code may complete it in steps).
            /// [`Self::build_checked`] also refuses a value whose
            /// `validate()` reports errors.
        }
    } else {
        quote! {
            #[doc = #build_doc_text]
        }
    };
    let checked = if document {
        quote! {
            #[doc = #checked_doc]
            ///
            /// # Errors
            /// [`crate::ModelError::Builder`] naming the type and the field
            /// when a required field is not set, or listing the violations
            /// when the value would break rules of the spec.
            pub fn build_checked(self) -> crate::ModelResult<#name> {
                let value = self.build_model()?;
                crate::validate::Validate::validate(&value).into_build_result(#type_name)?;
                ::core::result::Result::Ok(value)
            }

            /// The same as `build()` (kept for code written against earlier
            /// snapshots of this crate, when `build()` validated).
            ///
            /// # Errors
            /// As `build()`.
            #[doc(hidden)]
            pub fn build_unchecked(self) -> crate::ModelResult<#name> {
                self.build_model()
            }
        }
    } else {
        quote!()
    };
    quote! {
        impl #builder {
            #build_doc
            ///
            /// # Errors
            /// [`crate::OciSpecError::Builder`] naming the field when a
            /// required field is not set (as `oci-spec`).
            pub fn build(self) -> crate::Result<#name> {
                self.build_model().map_err(crate::OciSpecError::from)
            }

            /// Builds, failing with the rich [`crate::ModelError::Builder`],
            /// which names the type and the field.
            #[allow(dead_code)]
            pub(crate) fn build_model(self) -> crate::ModelResult<#name> {
                self.build_fields()
                    .map_err(|e| crate::ModelError::Builder(e.with_type(#type_name)))
            }

            #checked
        }
    }
}

/// The input/output functions of a top-level document: `from_file`,
/// `from_reader`, `from_slice`, `to_file`, `to_file_pretty`, `to_writer`,
/// `to_writer_pretty`, `to_vec`, `to_vec_pretty`, `to_string`,
/// `to_string_pretty`, `FromStr`, and a `Display` that prints pretty JSON.
pub(crate) fn document_impls(name: &Ident, doc: &Document) -> TokenStream2 {
    let type_name = name.to_string();
    let from_file_doc = format!("Reads a [`{type_name}`] from a JSON file.");
    let from_reader_doc = format!("Reads a [`{type_name}`] from a reader of JSON.");
    let from_slice_doc = format!("Reads a [`{type_name}`] from JSON bytes.");
    let from_file_sig = if doc.from_file_impl_trait {
        quote!(from_file(path: impl ::core::convert::AsRef<::std::path::Path>))
    } else {
        quote!(from_file<P: ::core::convert::AsRef<::std::path::Path>>(path: P))
    };
    // A document that is also an error keeps the error message as its
    // `Display` and `to_string()` (as in `oci-spec`); `to_vec` and
    // `to_string_pretty` write its JSON.
    let display = if doc.display {
        quote! {
            impl #name {
                /// Serializes to a compact JSON string.
                ///
                /// # Errors
                /// [`crate::OciSpecError::SerDe`] if a value cannot be written as
                /// JSON (as `oci-spec`; [`crate::io::to_string`] gives the
                /// [`crate::ModelError`]).
                #[allow(clippy::inherent_to_string_shadow_display)]
                pub fn to_string(&self) -> crate::Result<::std::string::String> {
                    ::core::result::Result::Ok(crate::io::to_string(self, false)?)
                }
            }

            /// Pretty JSON, as `to_string_pretty` gives.
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let s = crate::io::to_string(self, true).map_err(|_| ::core::fmt::Error)?;
                    f.write_str(&s)
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        impl #name {
            #[doc = #from_file_doc]
            ///
            /// # Errors
            /// As `oci-spec`: [`crate::OciSpecError::Io`] when the file cannot
            /// be read (its message names the file),
            /// [`crate::OciSpecError::SerDe`] when the content does not decode,
            /// its source saying where (JSON path, line and column). For the
            /// typed [`crate::ModelError`], use [`crate::io::from_file`].
            pub fn #from_file_sig -> crate::Result<Self> {
                ::core::result::Result::Ok(crate::io::from_file(path)?)
            }

            #[doc = #from_reader_doc]
            ///
            /// # Errors
            /// As `oci-spec`: [`crate::OciSpecError::Io`] when reading fails,
            /// [`crate::OciSpecError::SerDe`] when the content does not decode
            /// (its source says where). [`Self::from_slice`] and
            /// [`crate::io::from_reader`] give the typed [`crate::ModelError`].
            pub fn from_reader<R: ::std::io::Read>(reader: R) -> crate::Result<Self> {
                ::core::result::Result::Ok(crate::io::from_reader(reader)?)
            }

            #[doc = #from_slice_doc]
            ///
            /// # Errors
            /// [`crate::ModelError::Decode`] when the bytes do not decode.
            pub fn from_slice(bytes: &[u8]) -> crate::ModelResult<Self> {
                crate::io::from_slice(bytes)
            }

            /// Writes compact JSON to a file, creating or truncating it.
            ///
            /// # Errors
            /// [`crate::OciSpecError::Io`] when the file cannot be written (its
            /// message names the file).
            pub fn to_file<P: ::core::convert::AsRef<::std::path::Path>>(&self, path: P) -> crate::Result<()> {
                ::core::result::Result::Ok(crate::io::to_file(self, path, false)?)
            }

            /// Writes pretty JSON to a file, creating or truncating it.
            ///
            /// # Errors
            /// [`crate::OciSpecError::Io`] when the file cannot be written (its
            /// message names the file).
            pub fn to_file_pretty<P: ::core::convert::AsRef<::std::path::Path>>(&self, path: P) -> crate::Result<()> {
                ::core::result::Result::Ok(crate::io::to_file(self, path, true)?)
            }

            /// Writes compact JSON to a writer.
            ///
            /// # Errors
            /// [`crate::OciSpecError::Io`] when writing fails.
            pub fn to_writer<W: ::std::io::Write>(&self, writer: &mut W) -> crate::Result<()> {
                ::core::result::Result::Ok(crate::io::to_writer(self, writer, false)?)
            }

            /// Writes pretty JSON to a writer.
            ///
            /// # Errors
            /// [`crate::OciSpecError::Io`] when writing fails.
            pub fn to_writer_pretty<W: ::std::io::Write>(&self, writer: &mut W) -> crate::Result<()> {
                ::core::result::Result::Ok(crate::io::to_writer(self, writer, true)?)
            }

            /// Serializes to compact JSON bytes (map keys sorted, so the
            /// same value always gives the same bytes).
            ///
            /// # Errors
            /// [`crate::ModelError::Serialize`] if a value cannot be written as JSON.
            pub fn to_vec(&self) -> crate::ModelResult<::std::vec::Vec<u8>> {
                crate::io::to_vec(self, false)
            }

            /// Serializes to pretty JSON bytes.
            ///
            /// # Errors
            /// [`crate::ModelError::Serialize`] if a value cannot be written as JSON.
            pub fn to_vec_pretty(&self) -> crate::ModelResult<::std::vec::Vec<u8>> {
                crate::io::to_vec(self, true)
            }

            /// Serializes to a pretty JSON string.
            ///
            /// # Errors
            /// [`crate::OciSpecError::SerDe`] if a value cannot be written as
            /// JSON (as `oci-spec`).
            pub fn to_string_pretty(&self) -> crate::Result<::std::string::String> {
                ::core::result::Result::Ok(crate::io::to_string(self, true)?)
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = crate::ModelError;
            fn from_str(s: &str) -> crate::ModelResult<Self> {
                crate::io::from_str(s)
            }
        }

        #display
    }
}
