//! The `Serialize`, `Deserialize` and `Keep` impls of a spec struct.

use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{Ident, Type};

use crate::{Field, FieldDefault, StructOpts};

/// A `Copy` struct has no hidden part: the struct that contains it keeps
/// its hidden part (`crate::json::spec::Kept::Struct`) and gives it back
/// when writing.
pub(crate) fn keep_impl(name: &Ident) -> TokenStream2 {
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

/// A `HashMap` or `HashSet` (by the last segment of its path), which
/// iterates in an order that changes from process to process.
fn is_hashed(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    p.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "HashMap" || s.ident == "HashSet")
}

pub(crate) fn lookup(fields: &[Field]) -> TokenStream2 {
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

pub(crate) fn deserialize(
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
            Some(FieldDefault::Path(path)) if f.opts.omit_absent => quote!({
                crate::json::spec::Hidden::set_absent(__rest, #i, #key);
                #path()
            }),
            Some(FieldDefault::Default) if f.opts.omit_absent => quote!({
                crate::json::spec::Hidden::set_absent(__rest, #i, #key);
                ::core::default::Default::default()
            }),
            Some(FieldDefault::Path(path)) => quote!(#path()),
            Some(FieldDefault::Default) => quote!(::core::default::Default::default()),
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
    // A member of the other document (`reject(member = "...")`): its
    // value is read through `Refuse`, which fails, so the error's path
    // names the member.
    let refusals = opts.reject.iter().map(|(member, message)| {
        quote! {
            if __k == #member {
                return match __map.next_value_seed(crate::json::spec::Refuse(#message)) {
                    ::core::result::Result::Ok(__never) => match __never {},
                    ::core::result::Result::Err(__e) => ::core::result::Result::Err(__e),
                };
            }
        }
    });
    let unknown = quote!({
        #(#refusals)*
        crate::json::spec::Hidden::keep(
            __rest,
            __k,
            __map.next_value::<::serde_json::Value>()?
        )
    });
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

pub(crate) fn serialize(name: &Ident, opts: &StructOpts, fields: &[Field]) -> TokenStream2 {
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
