//! `#[spec_struct]`, the one way the `oci-model` crate declares a struct of
//! a spec document. It is internal to that crate: the code it generates
//! names `crate::json::spec`, so it only works there.
//!
//! ```text
//! /// An image manifest.
//! #[spec_struct(json = "camelCase")]
//! #[getset(get = "pub", get_mut = "pub", set = "pub")]
//! pub struct ImageManifest {
//!     #[builder(default = "SCHEMA_VERSION")]
//!     schema_version: u32,
//!     media_type: Option<MediaType>,      // optional member
//!     #[json(lenient)]
//!     healthcheck: Option<Healthcheck>,   // a wrong type is kept as unknown
//! }
//! ```
//!
//! The struct gets the crate's derives (`Builder` with the crate's builder
//! settings, `Clone`, `Debug`, `PartialEq`, `Eq`, the four `getset`
//! getters/setters derives), a private field that keeps what the model does
//! not define (members it does not know, and which optional members were
//! `null`), and hand-written `Serialize`/`Deserialize` impls:
//!
//! - members are named by the field, in the `json` case (`camelCase`,
//!   `PascalCase`, or as written), or by `#[json(rename = "...")]`;
//! - an `Option` field is an optional member: absent reads as `None`, `None`
//!   is not written, and a `null` that was read is written back as `null`;
//! - a member the model does not define is kept and written back after the
//!   modeled members, in key order;
//! - a struct is read from a JSON object only (never from an array);
//! - a member that appears twice: the last value is read, and what the
//!   first left in the hidden part is dropped (the crate's reader has
//!   already refused the document, or reported the repeat, before the
//!   struct sees it: `src/json/repeated.rs`); a member written in two
//!   spellings (`rename` and an `alias`) is refused.
//!
//! Struct options: `json = "camelCase" | "PascalCase"`, `default` (derive
//! `Default`), `builder_default` (the builder starts from `Default`),
//! `copy` (derive `Copy`: see below), `hash` (derive `Hash`),
//! `transparent` (serde's transparent newtype).
//!
//! ## What a `Copy` value cannot hold
//!
//! `oci-spec`'s closed enums (`Capability`, `Arch`, ...) and its `Copy`
//! structs (`LinuxPids`, `PosixRlimit`, ...) cannot hold an unknown value,
//! unknown members or remembered `null`s, and a `copy` struct has no hidden
//! field. One mechanism keeps all of it in the struct that contains the
//! value: a field declared `#[json(keep)]` (its type a closed enum or a
//! `copy` struct, alone or in an `Option`, `Vec`, `HashSet` or `HashMap`)
//! is read through the crate's `json::spec::Keep` trait, which hands what
//! the typed value cannot hold to the containing struct's hidden part
//! (`Kept`, under the member's name: the unknown enum value as written, a
//! `copy` struct's own hidden part, per list position or map key), and
//! writes it back in place. A `copy` struct gets a `Keep` impl that reads
//! and writes its members with a hidden part given by its container; its
//! plain `Deserialize` (the struct decoded on its own) has nowhere to keep
//! them. The rules when the user changes the typed value (an unknown
//! scalar is written while the field holds its stand-in, lists keep
//! unknown elements by position, sets are written sorted with them, an
//! `Option` set to `None` drops what was kept for it) are in
//! `src/json/kept.rs`.
//!
//! Field options in `#[json(...)]`: `rename = "..."`, `alias = "..."`,
//! `default`, `default = "path"`, `skip_serializing_if = "path"`,
//! `skip_serializing`, `serialize_with = "path"`, `deserialize_with =
//! "path"`, `lenient` (an `Option` member whose value, when of another type,
//! is kept as an unknown member instead of failing the document),
//! `nullable` (with `deserialize_with` on an `Option`: a `null` is read as
//! `None` and remembered before the function is called; on another type: a
//! `null` is read as the type's default and written back while the value
//! is still the default), `set` (an `Option<Vec<String>>` member written as
//! a JSON object whose values are `{}`, Go's `map[string]struct{}`: read as
//! its keys, sorted and without duplicates; a value other than `{}` is kept
//! in the hidden part and written back in its place), `omit_absent` (with
//! `default`: a member that was absent is remembered as absent and left out
//! on write while the value is still the default; `oci-spec`'s required
//! `process.user` and its `uid` and `gid`, which documents may leave out),
//! `keep` (see below: the field's value may not hold all of its JSON),
//! `sorted` (written in key order through `crate::json::Sorted`, for a
//! type alias of a hash map or set: a field whose type is spelled
//! `HashMap`, `HashSet` or an `Option` of one always is).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{
    Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, Path, PathArguments, Type,
    parse_macro_input,
};

#[derive(Default)]
struct StructOpts {
    rename_all: Option<String>,
    default: bool,
    builder_default: bool,
    copy: bool,
    hash: bool,
    transparent: bool,
}

#[derive(Default)]
struct FieldOpts {
    rename: Option<String>,
    aliases: Vec<String>,
    /// `Some(None)`: `default`; `Some(Some(path))`: `default = "path"`.
    default: Option<Option<Path>>,
    skip_if: Option<Path>,
    skip_serializing: bool,
    ser_with: Option<Path>,
    de_with: Option<Path>,
    lenient: bool,
    nullable: bool,
    set: bool,
    keep: bool,
    omit_absent: bool,
    /// Written through `crate::json::Sorted`: set by `#[json(sorted)]`, and
    /// for every `HashMap`/`HashSet` field (or `Option` of one).
    sorted: bool,
}

struct Field {
    ident: Ident,
    ty: Type,
    opts: FieldOpts,
    name: String,
    /// The `T` of an `Option<T>` field.
    inner: Option<Type>,
}

/// Declares a spec struct: see the crate documentation.
#[proc_macro_attribute]
pub fn spec_struct(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut opts = StructOpts::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("json") {
            let s: LitStr = meta.value()?.parse()?;
            match s.value().as_str() {
                "camelCase" | "PascalCase" => opts.rename_all = Some(s.value()),
                _ => return Err(meta.error("expected json = \"camelCase\" or \"PascalCase\"")),
            }
        } else if meta.path.is_ident("default") {
            opts.default = true;
        } else if meta.path.is_ident("builder_default") {
            opts.builder_default = true;
        } else if meta.path.is_ident("copy") {
            opts.copy = true;
        } else if meta.path.is_ident("hash") {
            opts.hash = true;
        } else if meta.path.is_ident("transparent") {
            opts.transparent = true;
        } else {
            return Err(meta.error("unknown spec_struct option"));
        }
        Ok(())
    });
    parse_macro_input!(args with parser);
    let input = parse_macro_input!(item as DeriveInput);
    match expand(&opts, input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(opts: &StructOpts, mut input: DeriveInput) -> syn::Result<TokenStream2> {
    let name = input.ident.clone();
    let Data::Struct(data) = &mut input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "spec_struct needs a struct",
        ));
    };
    let Fields::Named(named) = &mut data.fields else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "spec_struct needs named fields",
        ));
    };
    let mut fields = Vec::new();
    for f in &mut named.named {
        let mut fo = FieldOpts::default();
        let mut kept = Vec::new();
        for attr in f.attrs.drain(..) {
            if attr.path().is_ident("json") {
                parse_field_opts(&attr, &mut fo)?;
            } else {
                kept.push(attr);
            }
        }
        f.attrs = kept;
        let ident = f
            .ident
            .clone()
            .ok_or_else(|| syn::Error::new_spanned(&*f, "named field"))?;
        let name = match &fo.rename {
            Some(n) => n.clone(),
            None => case(&ident, opts.rename_all.as_deref()),
        };
        let inner = option_inner(&f.ty).cloned();
        if fo.set && (opts.copy || inner.is_none()) {
            return Err(syn::Error::new_spanned(
                &f.ty,
                "a set member must be an Option in a struct that is not copy",
            ));
        }
        if fo.lenient && inner.is_none() {
            return Err(syn::Error::new_spanned(
                &f.ty,
                "a lenient member must be an Option",
            ));
        }
        fields.push(Field {
            ident,
            ty: f.ty.clone(),
            opts: fo,
            name,
            inner,
        });
    }
    if fields.len() > 64 {
        return Err(syn::Error::new_spanned(
            &name,
            "spec_struct supports at most 64 fields",
        ));
    }

    let mut derives = quote! {
        ::derive_builder::Builder, ::core::clone::Clone, ::core::fmt::Debug,
        ::core::cmp::PartialEq, ::core::cmp::Eq, ::getset::Getters, ::getset::CopyGetters,
        ::getset::MutGetters, ::getset::Setters,
    };
    if opts.default {
        derives.extend(quote!(::core::default::Default,));
    }
    if opts.copy {
        derives.extend(quote!(::core::marker::Copy,));
    }
    if opts.hash {
        derives.extend(quote!(::core::hash::Hash,));
    }
    let builder_default = if opts.builder_default {
        quote!(default,)
    } else {
        quote!()
    };
    let header = quote! {
        #[builder(
            #builder_default
            pattern = "owned",
            setter(into, strip_option),
            build_fn(private, name = "build_fields", error = "crate::BuildError")
        )]
    };

    if opts.transparent {
        let attrs = &input.attrs;
        let vis = &input.vis;
        let body = &named;
        return Ok(quote! {
            #[derive(#derives ::serde::Serialize, ::serde::Deserialize)]
            #[serde(transparent)]
            #header
            #(#attrs)*
            #vis struct #name #body
        });
    }

    let rest_ty = quote!(crate::json::spec::Rest);
    if !opts.copy {
        let hidden: syn::FieldsNamed = syn::parse_quote!({
            #[builder(setter(skip))]
            #[getset(skip)]
            rest: #rest_ty
        });
        named.named.extend(hidden.named);
    }

    let attrs = &input.attrs;
    let vis = &input.vis;
    let body = &named;
    let de = deserialize(&name, opts, &fields, &rest_ty);
    let ser = serialize(&name, opts, &fields);
    let keep = if opts.copy {
        keep_impl(&name)
    } else {
        quote!()
    };
    let lookup = lookup(&fields);
    let access = if opts.copy {
        quote!()
    } else {
        quote! {
            /// The members of this JSON object that the model does not
            /// define (or whose value it could not read): kept when
            /// decoding and written back after the modeled members, in key
            /// order. A key the model defines is written from its field, and
            /// from here only when the field is absent.
            pub fn unknown_members(&self) -> &crate::json::UnknownMembers {
                self.rest.members()
            }

            /// The members the model does not define, to change: see
            /// [`Self::unknown_members`].
            pub fn unknown_members_mut(&mut self) -> &mut crate::json::UnknownMembers {
                self.rest.members_mut()
            }
        }
    };
    Ok(quote! {
        #[derive(#derives)]
        #header
        #(#attrs)*
        #vis struct #name #body

        impl #name {
            #access

            /// The index of a member's field, by its JSON name.
            #[inline]
            fn json_field(key: &str) -> ::core::option::Option<usize> {
                #lookup
            }
        }

        #de
        #ser
        #keep
    })
}

/// A `Copy` struct has no hidden part: the struct that contains it keeps
/// its hidden part (`crate::json::spec::Kept::Struct`) and gives it back
/// when writing.
fn keep_impl(name: &Ident) -> TokenStream2 {
    quote! {
        impl crate::json::spec::Keep for #name {
            fn read<'de, __D: ::serde::Deserializer<'de>>(
                __d: __D,
                __kept: &mut ::core::option::Option<crate::json::spec::Kept>,
            ) -> ::core::result::Result<::core::option::Option<Self>, __D::Error> {
                let mut __rest = crate::json::spec::Rest::default();
                let __value = Self::__read(__d, &mut __rest)?;
                if !crate::json::spec::Hidden::is_empty(&__rest) {
                    *__kept = ::core::option::Option::Some(crate::json::spec::Kept::Struct(__rest));
                }
                ::core::result::Result::Ok(::core::option::Option::Some(__value))
            }

            fn write<__S: ::serde::Serializer>(
                &self,
                __kept: ::core::option::Option<&crate::json::spec::Kept>,
                __s: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                match __kept {
                    ::core::option::Option::Some(crate::json::spec::Kept::Struct(__rest)) => self.__write(__rest, __s),
                    _ => self.__write(crate::json::spec::Rest::none(), __s),
                }
            }
        }
    }
}

fn parse_field_opts(attr: &syn::Attribute, fo: &mut FieldOpts) -> syn::Result<()> {
    attr.parse_nested_meta(|meta| {
        let path_value = |meta: &syn::meta::ParseNestedMeta| -> syn::Result<Path> {
            let s: LitStr = meta.value()?.parse()?;
            s.parse()
        };
        if meta.path.is_ident("rename") {
            let s: LitStr = meta.value()?.parse()?;
            fo.rename = Some(s.value());
        } else if meta.path.is_ident("alias") {
            let s: LitStr = meta.value()?.parse()?;
            fo.aliases.push(s.value());
        } else if meta.path.is_ident("default") {
            fo.default = Some(if meta.input.peek(syn::Token![=]) {
                Some(path_value(&meta)?)
            } else {
                None
            });
        } else if meta.path.is_ident("skip_serializing_if") {
            fo.skip_if = Some(path_value(&meta)?);
        } else if meta.path.is_ident("skip_serializing") {
            fo.skip_serializing = true;
        } else if meta.path.is_ident("serialize_with") {
            fo.ser_with = Some(path_value(&meta)?);
        } else if meta.path.is_ident("deserialize_with") {
            fo.de_with = Some(path_value(&meta)?);
        } else if meta.path.is_ident("lenient") {
            fo.lenient = true;
        } else if meta.path.is_ident("nullable") {
            fo.nullable = true;
        } else if meta.path.is_ident("set") {
            fo.set = true;
        } else if meta.path.is_ident("keep") {
            fo.keep = true;
        } else if meta.path.is_ident("omit_absent") {
            fo.omit_absent = true;
        } else if meta.path.is_ident("sorted") {
            fo.sorted = true;
        } else {
            return Err(meta.error("unknown json option"));
        }
        Ok(())
    })
}

/// The member name of a field in serde's `rename_all` cases.
fn case(ident: &Ident, rename_all: Option<&str>) -> String {
    let raw = ident.to_string();
    let s = raw.strip_prefix("r#").unwrap_or(&raw);
    let pascal = || {
        let mut out = String::new();
        let mut upper = true;
        for c in s.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    match rename_all {
        Some("PascalCase") => pascal(),
        Some("camelCase") => {
            let p = pascal();
            let mut chars = p.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => p,
            }
        }
        _ => s.to_string(),
    }
}

fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(t)) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

/// A `HashMap` or `HashSet` (by the last segment of its path), which
/// iterates in an order that changes from process to process.
fn is_hashed(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    p.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "HashMap" || s.ident == "HashSet")
}

fn lookup(fields: &[Field]) -> TokenStream2 {
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let names = std::iter::once(&f.name).chain(&f.opts.aliases);
        quote!(#(#names)|* => ::core::option::Option::Some(#i),)
    });
    quote! {
        match key {
            #(#arms)*
            _ => ::core::option::Option::None,
        }
    }
}

fn deserialize(
    name: &Ident,
    opts: &StructOpts,
    fields: &[Field],
    rest_ty: &TokenStream2,
) -> TokenStream2 {
    let vars: Vec<Ident> = (0..fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
    let decls = fields.iter().zip(&vars).map(|(f, v)| {
        let ty = &f.ty;
        quote!(let mut #v: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let reads = fields.iter().zip(&vars).enumerate().map(|(i, (f, v))| {
        let ty = &f.ty;
        let key = &f.name;
        let read = if f.opts.set {
            quote! {
                #v = ::core::option::Option::Some(
                    __map.next_value_seed(crate::json::spec::SetSeed::new(__rest, #i))?,
                );
            }
        } else if let Some(path) = &f.opts.de_with {
            let plain = quote! {
                struct __With(#ty);
                impl<'de> ::serde::Deserialize<'de> for __With {
                    fn deserialize<__D: ::serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                        #path(d).map(__With)
                    }
                }
                #v = ::core::option::Option::Some(__map.next_value::<__With>()?.0);
            };
            if f.opts.nullable && f.inner.is_some() {
                quote! {
                    struct __With(#ty);
                    impl<'de> ::serde::Deserialize<'de> for __With {
                        fn deserialize<__D: ::serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                            #path(d).map(__With)
                        }
                    }
                    let mut __null = false;
                    let __value = __map.next_value_seed(crate::json::spec::NullableSeed::<__With>::new(&mut __null))?;
                    if __null {
                        crate::json::spec::Hidden::set_null(__rest, #i);
                    }
                    #v = ::core::option::Option::Some(__value.and_then(|w| w.0));
                }
            } else {
                plain
            }
        } else if f.opts.keep {
            let read = if let Some(inner) = &f.inner {
                quote! {
                    let mut __null = false;
                    let __value = __map.next_value_seed(crate::json::spec::KeepOptionSeed::<#inner>::new(&mut __null, &mut __kept))?;
                    if __null {
                        crate::json::spec::Hidden::set_null(__rest, #i);
                    }
                    #v = ::core::option::Option::Some(__value);
                }
            } else {
                quote! {
                    let __value = __map.next_value_seed(crate::json::spec::KeepSeed::<#ty>::new(&mut __kept))?;
                    #v = ::core::option::Option::Some(match __value {
                        ::core::option::Option::Some(value) => value,
                        ::core::option::Option::None => match <#ty as crate::json::spec::Keep>::placeholder() {
                            ::core::option::Option::Some(value) => value,
                            ::core::option::Option::None => return ::core::result::Result::Err(
                                <__A::Error as ::serde::de::Error>::custom(::core::concat!("unknown value of ", #key)),
                            ),
                        },
                    });
                }
            };
            quote! {
                let mut __kept = ::core::option::Option::None;
                #read
                if let ::core::option::Option::Some(__k) = __kept {
                    __rest.set_kept(#key, __k);
                }
            }
        } else if f.opts.lenient {
            let inner = f.inner.as_ref();
            quote! {
                let __value: ::serde_json::Value = __map.next_value()?;
                #v = ::core::option::Option::Some(if __value.is_null() {
                    crate::json::spec::Hidden::set_null(__rest, #i);
                    ::core::option::Option::None
                } else {
                    match crate::json::lenient::typed::<#inner>(__value) {
                        ::core::result::Result::Ok(x) => ::core::option::Option::Some(x),
                        ::core::result::Result::Err(value) => {
                            crate::json::spec::Hidden::keep(__rest, #key, value);
                            ::core::option::Option::None
                        }
                    }
                });
            }
        } else if let Some(inner) = &f.inner {
            quote! {
                let mut __null = false;
                let __value = __map.next_value_seed(crate::json::spec::NullableSeed::<#inner>::new(&mut __null))?;
                if __null {
                    crate::json::spec::Hidden::set_null(__rest, #i);
                }
                #v = ::core::option::Option::Some(__value);
            }
        } else if f.opts.nullable {
            quote! {
                let mut __null = false;
                let __value = __map.next_value_seed(crate::json::spec::NullableSeed::<#ty>::new(&mut __null))?;
                if __null {
                    crate::json::spec::Hidden::set_null(__rest, #i);
                }
                #v = ::core::option::Option::Some(__value.unwrap_or_default());
            }
        } else {
            quote!(#v = ::core::option::Option::Some(__map.next_value::<#ty>()?);)
        };
        quote!(#i => { #read })
    });
    let finals = fields.iter().zip(&vars).enumerate().map(|(i, (f, v))| {
        let ident = &f.ident;
        let key = &f.name;
        let missing = match &f.opts.default {
            Some(Some(path)) if f.opts.omit_absent => quote!({
                crate::json::spec::Hidden::set_absent(__rest, #i, #key);
                #path()
            }),
            Some(None) if f.opts.omit_absent => quote!({
                crate::json::spec::Hidden::set_absent(__rest, #i, #key);
                ::core::default::Default::default()
            }),
            Some(Some(path)) => quote!(#path()),
            Some(None) => quote!(::core::default::Default::default()),
            None if f.inner.is_some() => quote!(::core::option::Option::None),
            None => quote!(return ::core::result::Result::Err(<__A::Error as ::serde::de::Error>::missing_field(#key))),
        };
        quote! {
            let #ident = match #v {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => #missing,
            };
        }
    });
    let idents = fields.iter().map(|f| &f.ident);
    let unknown = quote!(crate::json::spec::Hidden::keep(
        __rest,
        __k,
        __map.next_value::<::serde_json::Value>()?
    ));
    let rest_field = if opts.copy {
        quote!()
    } else {
        quote!(rest: ::core::mem::take(__rest))
    };
    let aliased: u64 = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.opts.aliases.is_empty())
        .fold(0, |bits, (i, _)| bits | (1u64 << i));
    let expecting = format!("struct {name}");
    let struct_name = name.to_string();
    quote! {
        impl #name {
            /// Reads the struct, its hidden part into `__rest`.
            fn __read<'de, __D: ::serde::Deserializer<'de>>(
                __d: __D,
                __rest: &mut #rest_ty,
            ) -> ::core::result::Result<Self, __D::Error> {
                const FIELDS: &[&str] = &[#(#names),*];
                /// The fields that have another spelling (`alias`).
                const __ALIASED: u64 = #aliased;
                struct __Visitor<'r>(&'r mut #rest_ty);
                impl<'de> ::serde::de::Visitor<'de> for __Visitor<'_> {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut __map: __A) -> ::core::result::Result<#name, __A::Error> {
                        #(#decls)*
                        let __rest: &mut #rest_ty = self.0;
                        let mut __seen: u64 = 0;
                        while let ::core::option::Option::Some(__key) =
                            __map.next_key_seed(crate::json::spec::KeySeed(#name::json_field))?
                        {
                            match __key {
                                crate::json::spec::Key::Known(__i) => {
                                    if __seen & (1u64 << __i) != 0 {
                                        // The same name again: the crate's reader refused
                                        // it, or lets the last value count and reported
                                        // it. Two spellings of one member (an alias):
                                        // refused here.
                                        if __ALIASED & (1u64 << __i) != 0 {
                                            return ::core::result::Result::Err(
                                                <__A::Error as ::serde::de::Error>::duplicate_field(FIELDS[__i]),
                                            );
                                        }
                                        crate::json::spec::Hidden::forget(__rest, __i, FIELDS[__i]);
                                    }
                                    __seen |= 1u64 << __i;
                                    match __i {
                                        #(#reads)*
                                        _ => {}
                                    }
                                }
                                crate::json::spec::Key::Unknown(__k) => #unknown,
                            }
                        }
                        #(#finals)*
                        ::core::result::Result::Ok(#name { #(#idents,)* #rest_field })
                    }
                }
                __d.deserialize_struct(#struct_name, FIELDS, __Visitor(__rest))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                Self::__read(__d, &mut <#rest_ty as ::core::default::Default>::default())
            }
        }
    }
}

fn serialize(name: &Ident, opts: &StructOpts, fields: &[Field]) -> TokenStream2 {
    let mut wrappers = Vec::new();
    let mut skips = Vec::new();
    let mut values = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let ident = &f.ident;
        let ty = &f.ty;
        skips.push(if f.opts.omit_absent {
            // Absent when read and still the default: left out again.
            quote!((crate::json::spec::Hidden::is_absent(__rest, #i)
                && self.#ident == <#ty as ::core::default::Default>::default()))
        } else if f.opts.skip_serializing {
            quote!(true)
        } else if let Some(path) = &f.opts.skip_if {
            quote!(#path(&self.#ident))
        } else if f.inner.is_some() {
            quote!(::core::option::Option::is_none(&self.#ident))
        } else {
            quote!(false)
        });
        values.push(if f.opts.set {
            quote!(&crate::json::spec::SetOut::new(self.#ident.as_deref(), __rest, #i))
        } else if let Some(path) = &f.opts.ser_with {
            let w = format_ident!("__With{}", i);
            wrappers.push(quote! {
                struct #w<'a>(&'a #ty);
                impl ::serde::Serialize for #w<'_> {
                    fn serialize<__S2: ::serde::Serializer>(&self, s: __S2) -> ::core::result::Result<__S2::Ok, __S2::Error> {
                        #path(self.0, s)
                    }
                }
            });
            quote!(&#w(&self.#ident))
        } else if f.opts.keep {
            let n = &f.name;
            quote!(&crate::json::spec::KeptField(&self.#ident, __rest.kept(#n)))
        } else if f.opts.sorted || is_hashed(&f.ty) || f.inner.as_ref().is_some_and(is_hashed) {
            // Members in key order before they are written: the same bytes
            // in every process.
            quote!(&crate::json::Sorted(&self.#ident))
        } else {
            quote!(&self.#ident)
        });
    }
    let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
    let struct_members = names
        .iter()
        .zip(&skips)
        .zip(&values)
        .map(|((n, skip), value)| {
            quote! {
                if #skip {
                    ::serde::ser::SerializeStruct::skip_field(&mut __st, #n)?;
                } else {
                    ::serde::ser::SerializeStruct::serialize_field(&mut __st, #n, #value)?;
                }
            }
        });
    let map_members =
        fields
            .iter()
            .enumerate()
            .zip(&skips)
            .zip(&values)
            .map(|(((i, f), skip), value)| {
                let n = &f.name;
                if f.opts.nullable && f.inner.is_none() {
                    // A null read as the default value: written back as
                    // null while the value is still the default.
                    let ident = &f.ident;
                    let ty = &f.ty;
                    return quote! {
                        if crate::json::spec::Hidden::is_null(__rest, #i)
                            && self.#ident == <#ty as ::core::default::Default>::default()
                        {
                            ::serde::ser::SerializeMap::serialize_entry(&mut __m, #n, &())?;
                            __written |= 1u64 << #i;
                        } else if !(#skip) {
                            ::serde::ser::SerializeMap::serialize_entry(&mut __m, #n, #value)?;
                            __written |= 1u64 << #i;
                        }
                    };
                }
                let null = if f.inner.is_some() && !f.opts.skip_serializing {
                    quote! {
                        else if crate::json::spec::Hidden::is_null(__rest, #i) {
                            ::serde::ser::SerializeMap::serialize_entry(&mut __m, #n, &())?;
                            __written |= 1u64 << #i;
                        }
                    }
                } else {
                    quote!()
                };
                let stand_in = match &f.inner {
                    Some(inner) if f.opts.keep => quote! {
                        else if let ::core::option::Option::Some(__raw) =
                            <#inner as crate::json::spec::Keep>::stand_in(__rest.kept(#n))
                        {
                            ::serde::ser::SerializeMap::serialize_entry(&mut __m, #n, __raw)?;
                            __written |= 1u64 << #i;
                        }
                    },
                    _ => quote!(),
                };
                quote! {
                    if !(#skip) {
                        ::serde::ser::SerializeMap::serialize_entry(&mut __m, #n, #value)?;
                        __written |= 1u64 << #i;
                    } #null #stand_in
                }
            });
    let struct_name = name.to_string();
    let own_rest = if opts.copy {
        quote!(crate::json::spec::Rest::none())
    } else {
        quote!(&self.rest)
    };
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                self.__write(#own_rest, __s)
            }
        }

        impl #name {
            /// Writes the struct with the hidden part `__rest`.
            fn __write<__S: ::serde::Serializer>(&self, __rest: &crate::json::spec::Rest, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                #(#wrappers)*
                if crate::json::spec::Hidden::is_empty(__rest) {
                    let __len = 0 #(+ usize::from(!(#skips)))*;
                    let mut __st = ::serde::Serializer::serialize_struct(__s, #struct_name, __len)?;
                    #(#struct_members)*
                    ::serde::ser::SerializeStruct::end(__st)
                } else {
                    let mut __written: u64 = 0;
                    let mut __m = ::serde::Serializer::serialize_map(__s, ::core::option::Option::None)?;
                    #(#map_members)*
                    crate::json::spec::Hidden::write_unknown(__rest, &mut __m, |key| {
                        Self::json_field(key).is_some_and(|i| __written & (1u64 << i) != 0)
                    })?;
                    ::serde::ser::SerializeMap::end(__m)
                }
            }
        }
    }
}
