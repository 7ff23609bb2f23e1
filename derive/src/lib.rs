//! `#[spec_struct]`, the one way the `oci-model` crate declares a struct of
//! a spec document. It is internal to that crate: the code it generates
//! names `crate::json::spec`, so it only works there.
//!
//! ```text
//! /// An image manifest.
//! #[spec_struct(json = "camelCase", access(get, get_mut, set), document,
//!     reject(manifests = "an image manifest must not have a \"manifests\" member"))]
//! pub struct ImageManifest {
//!     #[builder(default = "SCHEMA_VERSION")]
//!     schema_version: u32,                // getter returns a copy
//!     media_type: Option<MediaType>,      // optional member; builder default None
//!     #[access(get)]
//!     config: Descriptor,                 // getter only (an exception)
//!     #[json(lenient)]
//!     healthcheck: Option<Healthcheck>,   // a wrong type is kept as unknown
//! }
//! ```
//!
//! The declaration is the struct, its fields and these attributes; nothing
//! else is written for it. The struct gets the crate's derives (`Builder`
//! with the crate's builder settings, `Clone`, `Debug`, `PartialEq`, `Eq`,
//! the four `getset` getters/setters derives), a private field that keeps
//! what the model does not define (members it does not know, and which
//! optional members were `null`), hand-written `Serialize`/`Deserialize`
//! impls, and the builder's public `build()`:
//!
//! - members are named by the field, in the `json` case (`camelCase`,
//!   `PascalCase`, or as written), or by `#[json(rename = "...")]`;
//! - an `Option` field is an optional member: absent reads as `None`, `None`
//!   is not written, and a `null` that was read is written back as `null`;
//!   its builder default is `None` (unless the struct is `builder_default`:
//!   then the struct's `Default` gives it, as derive_builder does; a field
//!   marked `#[required]` has none: `build()` fails without it, as some of
//!   `oci-spec`'s builders do);
//! - a member the model does not define is kept and written back after the
//!   modeled members, in key order;
//! - a struct is read from a JSON object only (never from an array);
//! - a member that appears twice: the last value is read, and what the
//!   first left in the hidden part is dropped (the crate's reader has
//!   already refused the document, or reported the repeat, before the
//!   struct sees it: `src/json/repeated.rs`); a member written in two
//!   spellings (`rename` and an `alias`) is refused;
//! - `build()` fails only when a required field is not set (as `oci-spec`),
//!   naming the type and the field.
//!
//! Struct options:
//!
//! - `json = "camelCase" | "PascalCase"`: the members' case;
//! - `default` (derive `Default`), `builder_default` (the builder starts
//!   from `Default`), `copy` (derive `Copy`: see below), `hash` (derive
//!   `Hash`), `transparent` (serde's transparent newtype);
//! - `access(...)`: the accessors of every field, some of `get`, `get_ref`,
//!   `get_copy`, `get_mut`, `set` (all `pub`). `get` returns a copy for the
//!   scalar types (`bool`, `char`, integers, floats, or an `Option` of one)
//!   and a reference for the others; `get_ref` and `get_copy` force one or
//!   the other. A field that differs (where `oci-spec` does) says its own
//!   list with `#[access(...)]`, or `#[access(none)]`;
//! - `document`: a top-level document: `from_file`, `from_reader`,
//!   `from_slice`, `to_file`, `to_file_pretty`, `to_writer`,
//!   `to_writer_pretty`, `to_vec`, `to_vec_pretty`, `to_string`,
//!   `to_string_pretty`, `FromStr`, a `Display` printing pretty JSON, and
//!   the builder's `build_checked()` (which refuses a value whose
//!   `validate()` reports errors). `document(no_display)` leaves out
//!   `Display` and `to_string` (a document that is also an error, whose
//!   `Display` is its message); `document(from_file_impl_trait)` declares
//!   `from_file(path: impl AsRef<Path>)` (as `oci-spec`'s `ArtifactManifest`)
//!   instead of a generic `P`;
//! - `reject(member = "message", ...)`: decoding fails with `message`, at
//!   the path of `member`, when the document has that member (the member of
//!   the other document that makes a document ambiguous: an image
//!   manifest's `manifests`, an index's `layers`).
//!
//! Until every struct is declared this way, a struct without `access(...)`
//! may still spell its accessors with `getset`'s own attributes.
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
//! `keep` (see above: the field's value may not hold all of its JSON),
//! `sorted` (written in key order through `crate::json::Sorted`, for a
//! type alias of a hash map or set: a field whose type is spelled
//! `HashMap`, `HashSet` or an `Option` of one always is).
//!
//! Every mistake in a declaration is reported at once, each naming the
//! option at fault and the choices (the UI tests in `tests/ui` show them).

mod api;
mod codec;

use std::fmt::Display;

use proc_macro::TokenStream;
use proc_macro2::{TokenStream as TokenStream2, TokenTree};
use quote::{ToTokens, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Fields, GenericArgument, Ident, Lit, LitStr, Meta,
    Path, PathArguments, Token, Type,
};

/// The struct options, for the error that names an unknown one.
const STRUCT_OPTIONS: &str =
    "json, default, builder_default, copy, hash, transparent, access(...), document, reject(...)";

/// The field options of `#[json(...)]`, for the error that names an
/// unknown one.
const FIELD_OPTIONS: &str = "rename, alias, default, skip_serializing_if, skip_serializing, serialize_with, deserialize_with, lenient, nullable, set, keep, omit_absent, sorted";

/// The accessors `access(...)` may list.
const ACCESSORS: &str = "get, get_ref, get_copy, get_mut, set";

/// The errors found in a declaration, reported together.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    fn add(&mut self, at: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(at, message));
    }
}

/// Which getter a field has.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Get {
    /// None.
    #[default]
    None,
    /// `get`: a copy for a scalar type, else a reference.
    Infer,
    /// `get_ref`: a reference.
    Ref,
    /// `get_copy`: a copy.
    Copy,
}

/// A field's accessors.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Access {
    pub(crate) get: Get,
    pub(crate) get_mut: bool,
    pub(crate) set: bool,
}

/// `document(...)`.
pub(crate) struct Document {
    /// `Display` and `to_string` (not with `no_display`).
    pub(crate) display: bool,
    /// `from_file(path: impl AsRef<Path>)`.
    pub(crate) from_file_impl_trait: bool,
}

#[derive(Default)]
pub(crate) struct StructOpts {
    rename_all: Option<String>,
    default: bool,
    builder_default: bool,
    pub(crate) copy: bool,
    hash: bool,
    transparent: bool,
    access: Option<Access>,
    document: Option<Document>,
    /// `reject(member = "message")`: the member and its message.
    pub(crate) reject: Vec<(String, LitStr)>,
}

/// The value of an absent member: `#[json(default)]` or `#[json(default =
/// "path")]`.
pub(crate) enum FieldDefault {
    /// `Default::default()`.
    Default,
    /// The function at the path.
    Path(Path),
}

#[derive(Default)]
pub(crate) struct FieldOpts {
    rename: Option<String>,
    pub(crate) aliases: Vec<String>,
    /// `default` or `default = "path"`.
    pub(crate) default: Option<FieldDefault>,
    pub(crate) skip_if: Option<Path>,
    pub(crate) skip_serializing: bool,
    pub(crate) ser_with: Option<Path>,
    pub(crate) de_with: Option<Path>,
    pub(crate) lenient: bool,
    pub(crate) nullable: bool,
    pub(crate) set: bool,
    pub(crate) keep: bool,
    pub(crate) omit_absent: bool,
    /// Written through `crate::json::Sorted`: set by `#[json(sorted)]`, and
    /// for every `HashMap`/`HashSet` field (or `Option` of one).
    pub(crate) sorted: bool,
}

pub(crate) struct Field {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) opts: FieldOpts,
    pub(crate) name: String,
    /// The `T` of an `Option<T>` field.
    pub(crate) inner: Option<Type>,
}

/// Declares a spec struct: see the crate documentation.
#[proc_macro_attribute]
pub fn spec_struct(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let opts = parse_struct_opts(args.into(), &mut errors);
    let input = match syn::parse::<DeriveInput>(item) {
        Ok(input) => input,
        Err(e) => {
            errors.push(e);
            return errors
                .0
                .map(|e| e.to_compile_error())
                .unwrap_or_default()
                .into();
        }
    };
    let tokens = expand(&opts, input, &mut errors);
    match errors.0 {
        Some(e) => e.to_compile_error().into(),
        None => tokens.into(),
    }
}

/// The name of an option (its path as written).
fn option_name(path: &Path) -> String {
    path.to_token_stream().to_string().replace(' ', "")
}

/// A flag option (`copy`): true, or an error when it is given a value.
fn flag(meta: &Meta, what: &str, errors: &mut Errors) -> bool {
    if let Meta::Path(_) = meta {
        true
    } else {
        let name = option_name(meta.path());
        errors.add(
            meta,
            format!("{what} `{name}` takes no value: write `{name}` alone"),
        );
        false
    }
}

/// The string of `name = "..."`, or an error naming the option.
fn string(meta: &Meta, what: &str, example: &str, errors: &mut Errors) -> Option<LitStr> {
    if let Meta::NameValue(nv) = meta {
        if let Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) = &nv.value
        {
            return Some(s.clone());
        }
    }
    let name = option_name(meta.path());
    errors.add(meta, format!("{what} `{name}` needs a string: {example}"));
    None
}

/// The path in the string of `name = "path"`.
fn path_string(meta: &Meta, errors: &mut Errors) -> Option<Path> {
    let name = option_name(meta.path());
    let s = string(
        meta,
        "json option",
        &format!("{name} = \"path::to::function\""),
        errors,
    )?;
    if let Ok(p) = s.parse::<Path>() {
        Some(p)
    } else {
        errors.add(
            &s,
            format!("json option `{name}`: {:?} is not a path", s.value()),
        );
        None
    }
}

/// The items of `name(a, b = "c", ...)`.
fn list_items(meta: &Meta, errors: &mut Errors) -> Option<Punctuated<Meta, Token![,]>> {
    let Meta::List(list) = meta else { return None };
    match list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
        Ok(items) => Some(items),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn parse_struct_opts(args: TokenStream2, errors: &mut Errors) -> StructOpts {
    let mut opts = StructOpts::default();
    let metas = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args) {
        Ok(metas) => metas,
        Err(e) => {
            errors.push(syn::Error::new(
                e.span(),
                format!("spec_struct options: {e}: expected some of {STRUCT_OPTIONS}"),
            ));
            return opts;
        }
    };
    let mut seen: Vec<String> = Vec::new();
    for meta in &metas {
        let name = option_name(meta.path());
        if seen.contains(&name) {
            errors.add(
                meta.path(),
                format!("spec_struct option `{name}` is given twice"),
            );
            continue;
        }
        seen.push(name.clone());
        let what = "spec_struct option";
        match name.as_str() {
            "json" => {
                let example = "json = \"camelCase\" or json = \"PascalCase\"";
                if let Some(s) = string(meta, what, example, errors) {
                    match s.value().as_str() {
                        "camelCase" | "PascalCase" => opts.rename_all = Some(s.value()),
                        other => errors.add(
                            &s,
                            format!("spec_struct option `json`: unknown case {other:?}: expected {example} (without `json`, members are named as the fields)"),
                        ),
                    }
                }
            }
            "default" => opts.default = flag(meta, what, errors),
            "builder_default" => opts.builder_default = flag(meta, what, errors),
            "copy" => opts.copy = flag(meta, what, errors),
            "hash" => opts.hash = flag(meta, what, errors),
            "transparent" => opts.transparent = flag(meta, what, errors),
            "access" => opts.access = parse_access(meta, false, errors),
            "document" => opts.document = parse_document(meta, errors),
            "reject" => opts.reject = parse_reject(meta, errors),
            _ => errors.add(
                meta.path(),
                format!("unknown spec_struct option `{name}`: expected one of {STRUCT_OPTIONS}"),
            ),
        }
    }
    if opts.transparent {
        for (bad, given) in [
            ("json", opts.rename_all.is_some()),
            ("copy", opts.copy),
            ("reject", !opts.reject.is_empty()),
        ] {
            if given {
                if let Some(meta) = metas.iter().find(|m| m.path().is_ident(bad)) {
                    errors.add(
                        meta.path(),
                        format!("spec_struct option `{bad}` does not go with `transparent`: a transparent struct is read and written as its one field"),
                    );
                }
            }
        }
    }
    opts
}

/// `access(get, get_mut, set)` (on a field also `access(none)`).
fn parse_access(meta: &Meta, field: bool, errors: &mut Errors) -> Option<Access> {
    let choices = if field {
        format!("{ACCESSORS}, or none")
    } else {
        ACCESSORS.to_owned()
    };
    let Meta::List(list) = meta else {
        errors.add(
            meta,
            format!("`access` lists accessors: access(get, get_mut, set), some of {choices}"),
        );
        return None;
    };
    let items = list_items(meta, errors)?;
    if items.is_empty() {
        errors.add(
            list,
            format!("`access()` lists no accessor: expected some of {choices}"),
        );
        return None;
    }
    let mut access = Access::default();
    let mut getter: Option<&Meta> = None;
    let mut none: Option<&Meta> = None;
    for item in &items {
        let name = option_name(item.path());
        if !matches!(item, Meta::Path(_)) {
            errors.add(
                item,
                format!("accessor `{name}` takes no value: all accessors are `pub`"),
            );
            continue;
        }
        let get = match name.as_str() {
            "get" => Some(Get::Infer),
            "get_ref" => Some(Get::Ref),
            "get_copy" => Some(Get::Copy),
            "get_mut" => {
                access.get_mut = true;
                None
            }
            "set" => {
                access.set = true;
                None
            }
            "none" if field => {
                none = Some(item);
                None
            }
            _ => {
                errors.add(
                    item,
                    format!("unknown accessor `{name}`: expected {choices}"),
                );
                None
            }
        };
        if let Some(get) = get {
            if let Some(first) = getter {
                errors.add(
                    item,
                    format!("accessor `{name}` after `{}`: a field has one getter, get, get_ref or get_copy", option_name(first.path())),
                );
            } else {
                getter = Some(item);
                access.get = get;
            }
        }
    }
    if let Some(none) = none {
        if items.len() > 1 {
            errors.add(none, "accessor `none` with others: `none` stands alone");
        }
    }
    Some(access)
}

/// `document`, `document(no_display)`, `document(from_file_impl_trait)`.
fn parse_document(meta: &Meta, errors: &mut Errors) -> Option<Document> {
    let mut doc = Document {
        display: true,
        from_file_impl_trait: false,
    };
    match meta {
        Meta::Path(_) => {}
        Meta::List(_) => {
            for item in &list_items(meta, errors)? {
                let name = option_name(item.path());
                match (name.as_str(), item) {
                    ("no_display", Meta::Path(_)) => doc.display = false,
                    ("from_file_impl_trait", Meta::Path(_)) => doc.from_file_impl_trait = true,
                    _ => errors.add(
                        item,
                        format!("unknown document option `{}`: expected no_display or from_file_impl_trait", item.to_token_stream()),
                    ),
                }
            }
        }
        Meta::NameValue(_) => {
            errors.add(
                meta,
                "spec_struct option `document` takes no value: write `document`, `document(no_display)` or `document(from_file_impl_trait)`",
            );
            return None;
        }
    }
    Some(doc)
}

/// `reject(member = "message", ...)`.
fn parse_reject(meta: &Meta, errors: &mut Errors) -> Vec<(String, LitStr)> {
    let example = "reject(manifests = \"why the member makes the document ambiguous\")";
    let Some(items) = list_items(meta, errors) else {
        errors.add(
            meta,
            format!("spec_struct option `reject` lists members and messages: {example}"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in &items {
        let member = item.path().get_ident().map(|i| {
            let s = i.to_string();
            s.strip_prefix("r#").unwrap_or(&s).to_owned()
        });
        match (member, string(item, "rejected member", example, errors)) {
            (Some(member), Some(message)) => out.push((member, message)),
            (None, _) => errors.add(
                item.path(),
                format!("a rejected member is named by one word: {example}"),
            ),
            (Some(_), None) => {}
        }
    }
    if items.is_empty() {
        errors.add(meta, format!("`reject()` names no member: {example}"));
    }
    out
}

fn parse_field_opts(attr: &Attribute, fo: &mut FieldOpts, errors: &mut Errors) {
    let items = match attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
        Ok(items) => items,
        Err(e) => {
            errors.push(syn::Error::new(
                e.span(),
                format!("#[json(...)]: {e}: expected some of {FIELD_OPTIONS}"),
            ));
            return;
        }
    };
    let what = "json option";
    for meta in &items {
        let name = option_name(meta.path());
        match name.as_str() {
            "rename" => {
                fo.rename =
                    string(meta, what, "rename = \"memberName\"", errors).map(|s| s.value());
            }
            "alias" => {
                if let Some(s) = string(meta, what, "alias = \"otherName\"", errors) {
                    fo.aliases.push(s.value());
                }
            }
            "default" => {
                fo.default = match meta {
                    Meta::Path(_) => Some(FieldDefault::Default),
                    _ => path_string(meta, errors).map(FieldDefault::Path),
                };
            }
            "skip_serializing_if" => fo.skip_if = path_string(meta, errors),
            "serialize_with" => fo.ser_with = path_string(meta, errors),
            "deserialize_with" => fo.de_with = path_string(meta, errors),
            "skip_serializing" => fo.skip_serializing = flag(meta, what, errors),
            "lenient" => fo.lenient = flag(meta, what, errors),
            "nullable" => fo.nullable = flag(meta, what, errors),
            "set" => fo.set = flag(meta, what, errors),
            "keep" => fo.keep = flag(meta, what, errors),
            "omit_absent" => fo.omit_absent = flag(meta, what, errors),
            "sorted" => fo.sorted = flag(meta, what, errors),
            _ => errors.add(
                meta.path(),
                format!("unknown json option `{name}`: expected one of {FIELD_OPTIONS}"),
            ),
        }
    }
}

/// Whether a `#[builder(...)]` attribute gives the field a value when the
/// builder was not told one: `default`, `default = "..."`, or a skipped
/// setter (derive_builder uses `Default` then). Returns the `default`
/// token when there is one bare `default`.
fn builder_default_of(attr: &Attribute) -> (bool, Option<TokenTree>) {
    let Meta::List(list) = &attr.meta else {
        return (false, None);
    };
    let mut has = false;
    let mut bare = None;
    let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "default" => {
                has = true;
                let next_is_eq =
                    matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=');
                if !next_is_eq {
                    bare = Some(t.clone());
                }
            }
            // `setter(skip)`.
            TokenTree::Group(g)
                if g.stream()
                    .into_iter()
                    .any(|t| matches!(&t, TokenTree::Ident(id) if id == "skip")) =>
            {
                has = true;
            }
            _ => {}
        }
    }
    (has, bare)
}

#[allow(clippy::too_many_lines)]
fn expand(opts: &StructOpts, mut input: DeriveInput, errors: &mut Errors) -> TokenStream2 {
    let name = input.ident.clone();
    // The struct-level spellings of getset that `access(...)` replaces.
    if opts.access.is_some() {
        for attr in &input.attrs {
            if attr.path().is_ident("getset") {
                errors.add(
                    attr,
                    "#[getset] on a struct declared with access(...): the accessors are said once, by access(...)",
                );
            }
        }
    }
    let Data::Struct(data) = &mut input.data else {
        errors.add(
            &input.ident,
            "spec_struct declares a struct with named fields, not an enum or a union",
        );
        return quote!();
    };
    let Fields::Named(named) = &mut data.fields else {
        errors.add(
            &input.ident,
            "spec_struct declares a struct with named fields, not a tuple or unit struct",
        );
        return quote!();
    };
    let mut fields = Vec::new();
    for f in &mut named.named {
        let mut fo = FieldOpts::default();
        let mut field_access: Option<Access> = None;
        let mut has_builder_default = false;
        let mut kept = Vec::new();
        let inner = option_inner(&f.ty).cloned();
        for attr in f.attrs.drain(..) {
            if attr.path().is_ident("json") {
                parse_field_opts(&attr, &mut fo, errors);
            } else if attr.path().is_ident("access") {
                if opts.access.is_none() {
                    errors.add(
                        &attr,
                        "#[access(...)] on a field overrides the struct's accessors: declare them with spec_struct(access(...))",
                    );
                } else if field_access.is_some() {
                    errors.add(&attr, "#[access(...)] is given twice on this field");
                } else {
                    field_access = parse_access(&attr.meta, true, errors);
                }
            } else if attr.path().is_ident("required") {
                // A required builder field although the member is optional
                // in JSON (as `oci-spec`'s builders require some): no
                // inferred `None` default.
                if inner.is_none() {
                    errors.add(
                        &attr,
                        "#[required] on a field that is not an Option: its builder requires it already",
                    );
                } else if !matches!(attr.meta, Meta::Path(_)) {
                    errors.add(&attr, "#[required] takes no value: write #[required]");
                }
                has_builder_default = true;
            } else if attr.path().is_ident("getset") && opts.access.is_some() {
                errors.add(
                    &attr,
                    "#[getset] on a field of a struct declared with access(...): say how this field differs with #[access(...)], some of get, get_ref, get_copy, get_mut, set, or none",
                );
            } else {
                if attr.path().is_ident("builder") {
                    let (has, bare) = builder_default_of(&attr);
                    has_builder_default |= has;
                    if let Some(bare) = bare {
                        if inner.is_some() && opts.access.is_some() && !opts.builder_default {
                            errors.add(
                                bare,
                                "#[builder(default)] on an Option field: its builder default is None already (write default = \"...\" for another)",
                            );
                        }
                    }
                }
                kept.push(attr);
            }
        }
        if let Some(access) = opts.access {
            let access = field_access.unwrap_or(access);
            let getset = api::getset_attr(access, &f.ty);
            if !getset.is_empty() {
                kept.push(syn::parse_quote!(#getset));
            }
        }
        // An optional member's builder default is `None` (a struct that is
        // `builder_default` takes it from the struct's `Default`).
        if inner.is_some() && !has_builder_default && !opts.builder_default {
            kept.push(syn::parse_quote!(#[builder(default)]));
        }
        f.attrs = kept;
        let Some(ident) = f.ident.clone() else {
            continue;
        };
        let json_name = match &fo.rename {
            Some(n) => n.clone(),
            None => case(&ident, opts.rename_all.as_deref()),
        };
        if fo.set && (opts.copy || inner.is_none()) {
            errors.add(
                &f.ty,
                "json option `set` needs an Option<Vec<String>> field in a struct that is not `copy`",
            );
        }
        if fo.lenient && inner.is_none() {
            errors.add(&f.ty, "json option `lenient` needs an Option field: a value of another type is kept as an unknown member and the field is None");
        }
        if fo.omit_absent && fo.default.is_none() {
            errors.add(&ident, "json option `omit_absent` needs `default` (or default = \"path\"): the value an absent member reads as");
        }
        if opts.reject.iter().any(|(member, _)| *member == json_name) {
            errors.add(&ident, format!("the member {json_name:?} is both a field and rejected by spec_struct option `reject`"));
        }
        fields.push(Field {
            ident,
            ty: f.ty.clone(),
            opts: fo,
            name: json_name,
            inner,
        });
    }
    if fields.len() > 64 {
        errors.add(
            &name,
            format!(
                "spec_struct supports at most 64 fields, this struct has {}",
                fields.len()
            ),
        );
    }
    if errors.0.is_some() {
        return quote!();
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
    let build = api::builder_impls(&name, opts.document.is_some());
    let document = match &opts.document {
        Some(doc) => api::document_impls(&name, doc),
        None => quote!(),
    };

    if opts.transparent {
        let attrs = &input.attrs;
        let vis = &input.vis;
        let body = &named;
        return quote! {
            #[derive(#derives ::serde::Serialize, ::serde::Deserialize)]
            #[serde(transparent)]
            #header
            #(#attrs)*
            #vis struct #name #body

            #build
            #document
        };
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
    let de = codec::deserialize(&name, opts, &fields, &rest_ty);
    let ser = codec::serialize(&name, opts, &fields);
    let keep = if opts.copy {
        codec::keep_impl(&name)
    } else {
        quote!()
    };
    let lookup = codec::lookup(&fields);
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
    quote! {
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

        #build
        #document
        #de
        #ser
        #keep
    }
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

pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
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
