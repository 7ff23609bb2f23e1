#!/usr/bin/env python3
"""Generate the compile-only pin test of oci-spec 0.10's public API.

Input: the rustdoc JSON of oci-spec 0.10.0 with all its features (tools/pin/check.sh
makes it with `cargo +nightly rustdoc -p oci-spec -- -Z unstable-options
--output-format json`). Output: one Rust file per module of oci-spec
(top.rs for the crate root, image.rs, distribution.rs, runtime.rs) that names
every public item with its exact shape:

- every type by its public path (a `use` line per re-export path);
- every inherent function and method as a typed function pointer, or, where it
  has type parameters, as a wrapper with the same generics that calls it with
  explicit generic arguments;
- every trait implementation (derived, hand-written, auto traits) as a bound,
  with its associated types (`FromStr<Err = ...>`);
- every enum variant by name, its payload by type, and the variant list
  through an exhaustive `match` (so an added variant breaks it);
- every constant with its type, every type alias by its target, every trait
  with its methods.

The files refer to the crate under test only as `crate_under_test`, so the
same files compile against oci-spec (the sanity check) and this crate.
Items listed in tools/pin/exceptions.txt (where oci-spec breaks a spec) are
skipped. Usage: generate.py RUSTDOC_JSON OUT_DIR
"""

import json
import os
import re
import sys
import textwrap

HERE = os.path.dirname(os.path.realpath(__file__))
ALIAS = "crate_under_test"
MODULES = ["top", "image", "distribution", "runtime"]

# Public paths of the foreign items oci-spec's signatures name (rustdoc gives
# their defining path, which may run through private modules).
EXTERNAL = {
    "alloc::boxed::Box": "::std::boxed::Box",
    "alloc::string::String": "::std::string::String",
    "alloc::vec::Vec": "::std::vec::Vec",
    "alloc::borrow::ToOwned": "::std::borrow::ToOwned",
    "core::fmt::Error": "::core::fmt::Error",
    "core::fmt::Formatter": "::core::fmt::Formatter",
    "core::fmt::Result": "::core::fmt::Result",
    "core::option::Option": "::core::option::Option",
    "core::result::Result": "::core::result::Result",
    "derive_builder::error::UninitializedFieldError": "::derive_builder::UninitializedFieldError",
    "quickcheck::arbitrary::Gen": "::quickcheck::Gen",
    "quickcheck::arbitrary::Arbitrary": "::quickcheck::Arbitrary",
    "serde_json::error::Error": "::serde_json::Error",
    "serde_json::value::Value": "::serde_json::Value",
    "std::collections::hash::map::HashMap": "::std::collections::HashMap",
    "std::collections::hash::set::HashSet": "::std::collections::HashSet",
    "std::io::error::Error": "::std::io::Error",
    "std::path::Path": "::std::path::Path",
    "std::io::Read": "::std::io::Read",
    "std::io::Write": "::std::io::Write",
    "core::convert::Into": "::core::convert::Into",
    "core::iter::traits::collect::IntoIterator": "::core::iter::IntoIterator",
    "core::iter::traits::iterator::Iterator": "::core::iter::Iterator",
    "std::path::PathBuf": "::std::path::PathBuf",
    "strum::ParseError": "::strum::ParseError",
    "serde_core::ser::Serialize": "::serde::Serialize",
    "serde_core::de::Deserialize": "::serde::Deserialize",
    "core::marker::Freeze": "",
    "core::marker::UnsafeUnpin": "",
    "core::marker::StructuralPartialEq": "",
    "core::marker::Copy": "::core::marker::Copy",
    "core::clone::Clone": "::core::clone::Clone",
    "core::hash::Hash": "::core::hash::Hash",
    "core::cmp::Eq": "::core::cmp::Eq",
    "core::cmp::PartialEq": "::core::cmp::PartialEq",
    "core::cmp::Ord": "::core::cmp::Ord",
    "core::cmp::PartialOrd": "::core::cmp::PartialOrd",
    "core::default::Default": "::core::default::Default",
    "core::fmt::Debug": "::core::fmt::Debug",
    "core::fmt::Display": "::core::fmt::Display",
    "core::str::traits::FromStr": "::core::str::FromStr",
    "core::convert::TryFrom": "::core::convert::TryFrom",
    "core::convert::From": "::core::convert::From",
    "core::convert::AsRef": "::core::convert::AsRef",
    "core::ops::deref::Deref": "::core::ops::Deref",
    "core::error::Error": "::std::error::Error",
    "core::marker::Send": "::core::marker::Send",
    "core::marker::Sync": "::core::marker::Sync",
    "core::marker::Unpin": "::core::marker::Unpin",
    "core::panic::unwind_safe::UnwindSafe": "::std::panic::UnwindSafe",
    "core::panic::unwind_safe::RefUnwindSafe": "::std::panic::RefUnwindSafe",
    "std::panic::UnwindSafe": "::std::panic::UnwindSafe",
    "std::panic::RefUnwindSafe": "::std::panic::RefUnwindSafe",
}
# Traits pinned as bounds; compiler-internal or unstable ones are left out
# (StructuralPartialEq is implied by derive(PartialEq); Freeze and
# UnsafeUnpin are unstable).
SKIP_TRAITS = {"StructuralPartialEq", "Freeze", "UnsafeUnpin"}


class Gen:
    def __init__(self, doc, exceptions):
        self.d = doc
        self.idx = doc["index"]
        self.paths = doc["paths"]
        self.exceptions = exceptions
        self.used_exceptions = set()
        self.pub = {}          # item id -> public path (list, without the crate name)
        self.order = []        # (module, path, id) in a stable order
        self.impls_of = {}     # type id -> [impl ids]
        self.kinds = {m: {} for m in MODULES}   # module -> kind -> pins
        self.module = None
        self.find_public()

    # ------------------------------------------------------------------ paths
    def item(self, i):
        return self.idx[str(i)]

    def kind(self, it):
        return next(iter(it["inner"]))

    def find_public(self):
        def visit_module(mid, prefix):
            for i in self.item(mid)["inner"]["module"]["items"]:
                it = self.item(i)
                k = self.kind(it)
                if k == "use":
                    u = it["inner"]["use"]
                    if u["is_glob"]:
                        visit_module(u["id"], prefix)
                    else:
                        self.add(u["id"], prefix + [u["name"]])
                elif k == "module":
                    visit_module(i, prefix + [it["name"]])
                elif k != "impl":
                    self.add(i, prefix + [it["name"]])
        visit_module(self.d["root"], [])

    def add(self, i, path):
        if i in self.pub:
            raise SystemExit(f"generate: item {path} reachable by two paths; extend the generator")
        self.pub[i] = path
        top = path[0] if len(path) > 1 else "top"
        if top not in MODULES:
            raise SystemExit(f"generate: item {path} in an unknown module")
        self.order.append((top, path, i))

    def local(self, i):
        p = self.pub.get(i)
        if p is None:
            raise SystemExit(f"generate: item {i} {self.paths.get(str(i))} is not public")
        return "::".join([ALIAS] + p)

    def path_of(self, i):
        s = str(i)
        p = self.paths.get(s)
        if p is None:
            raise SystemExit(f"generate: no path for item {i}")
        if p["crate_id"] == 0:
            return self.local(i)
        key = "::".join(p["path"])
        if key not in EXTERNAL:
            raise SystemExit(f"generate: add the public path of {key} to EXTERNAL")
        return EXTERNAL[key]

    # ------------------------------------------------------------------ types
    def args(self, a, ctx):
        if a is None:
            return ""
        if "angle_bracketed" in a:
            ab = a["angle_bracketed"]
            parts = []
            for g in ab["args"]:
                if "type" in g:
                    parts.append(self.ty(g["type"], ctx))
                elif "lifetime" in g:
                    parts.append(g["lifetime"])
                elif "const" in g:
                    parts.append(g["const"]["expr"])
                else:
                    parts.append("_")
            for c in ab["constraints"]:
                b = c["binding"]
                if "equality" in b:
                    parts.append(f"{c['name']} = {self.term(b['equality'], ctx)}")
                else:
                    parts.append(f"{c['name']}: {self.bounds(b['constraint'], ctx)}")
            return "<" + ", ".join(parts) + ">" if parts else ""
        if "parenthesized" in a:
            p = a["parenthesized"]
            out = "(" + ", ".join(self.ty(t, ctx) for t in p["inputs"]) + ")"
            if p["output"] is not None:
                out += " -> " + self.ty(p["output"], ctx)
            return out
        raise SystemExit(f"generate: generic args {a}")

    def term(self, t, ctx):
        if "type" in t:
            return self.ty(t["type"], ctx)
        return t["constant"]["expr"]

    def bounds(self, bs, ctx):
        out = []
        for b in bs:
            if "trait_bound" in b:
                tb = b["trait_bound"]
                s = self.path_of(tb["trait"]["id"]) + self.args(tb["trait"]["args"], ctx)
                hr = [g["name"] for g in tb["generic_params"]]
                if hr:
                    s = f"for<{', '.join(hr)}> " + s
                if tb["modifier"] == "maybe":
                    s = "?" + s
                out.append(s)
            elif "outlives" in b:
                out.append(b["outlives"])
            else:
                raise SystemExit(f"generate: bound {b}")
        return " + ".join(out)

    def ty(self, t, ctx):
        """ctx: {'self': rendered Self type, 'fresh': list collecting fresh lifetimes or None}"""
        if "resolved_path" in t:
            rp = t["resolved_path"]
            return self.path_of(rp["id"]) + self.args(rp["args"], ctx)
        if "generic" in t:
            g = t["generic"]
            if g == "Self":
                return ctx["self"]
            return g
        if "primitive" in t:
            return t["primitive"]
        if "borrowed_ref" in t:
            br = t["borrowed_ref"]
            lt = br["lifetime"]
            if lt is None and ctx.get("elided"):
                lt = ctx["elided"]
            if lt is None and ctx.get("fresh") is not None:
                lt = f"'l{len(ctx['fresh'])}"
                ctx["fresh"].append(lt)
            s = "&"
            if lt:
                s += lt + " "
            if br["is_mutable"]:
                s += "mut "
            return s + self.ty(br["type"], ctx)
        if "slice" in t:
            return "[" + self.ty(t["slice"], ctx) + "]"
        if "array" in t:
            return "[" + self.ty(t["array"]["type"], ctx) + "; " + t["array"]["len"] + "]"
        if "tuple" in t:
            inner = [self.ty(x, ctx) for x in t["tuple"]]
            return "(" + ", ".join(inner) + ("," if len(inner) == 1 else "") + ")"
        if "impl_trait" in t:
            return "impl " + self.bounds(t["impl_trait"], ctx)
        if "dyn_trait" in t:
            dt = t["dyn_trait"]
            parts = []
            for pt in dt["traits"]:
                s = self.path_of(pt["trait"]["id"]) + self.args(pt["trait"]["args"], ctx)
                if pt["generic_params"]:
                    s = "for<" + ", ".join(g["name"] for g in pt["generic_params"]) + "> " + s
                parts.append(s)
            if dt["lifetime"]:
                parts.append(dt["lifetime"])
            return "dyn " + " + ".join(parts)
        if "qualified_path" in t:
            q = t["qualified_path"]
            st = self.ty(q["self_type"], ctx)
            if q["trait"] is None:
                return f"{st}::{q['name']}"
            tr = self.path_of(q["trait"]["id"]) + self.args(q["trait"]["args"], ctx)
            return f"<{st} as {tr}>::{q['name']}{self.args(q['args'], ctx)}"
        if "raw_pointer" in t:
            rp = t["raw_pointer"]
            return ("*mut " if rp["is_mutable"] else "*const ") + self.ty(rp["type"], ctx)
        raise SystemExit(f"generate: type {t}")

    def generics(self, g, ctx):
        """(params text, where text, lifetime names, type-param names for turbofish)"""
        params, lts, tys = [], [], []
        for p in g["params"]:
            k = p["kind"]
            if "lifetime" in k:
                o = k["lifetime"]["outlives"]
                params.append(p["name"] + (": " + " + ".join(o) if o else ""))
                lts.append(p["name"])
            elif "type" in k:
                if k["type"]["is_synthetic"]:
                    continue
                b = self.bounds(k["type"]["bounds"], ctx)
                params.append(p["name"] + (": " + b if b else ""))
                tys.append(p["name"])
            elif "const" in k:
                params.append(f"const {p['name']}: {self.ty(k['const']['type'], ctx)}")
                tys.append(p["name"])
        wh = []
        for w in g["where_predicates"]:
            if "bound_predicate" in w:
                bp = w["bound_predicate"]
                s = self.ty(bp["type"], ctx) + ": " + self.bounds(bp["bounds"], ctx)
                if bp["generic_params"]:
                    s = "for<" + ", ".join(x["name"] for x in bp["generic_params"]) + "> " + s
                wh.append(s)
            elif "lifetime_predicate" in w:
                lp = w["lifetime_predicate"]
                wh.append(lp["lifetime"] + ": " + " + ".join(lp["outlives"]))
            else:
                wh.append(self.ty(w["eq_predicate"]["lhs"], ctx) + " = " + self.term(w["eq_predicate"]["rhs"], ctx))
        return params, (" where " + ", ".join(wh) if wh else ""), lts, tys

    # ------------------------------------------------------------------ items
    def tally(self, kind, k):
        """Counts k pins of a kind (for the file headers)."""
        self.kinds[self.module][kind] = self.kinds[self.module].get(kind, 0) + k
        return k

    def excepted(self, key):
        if key in self.exceptions:
            self.used_exceptions.add(key)
            return True
        return False

    def function(self, key, call_path, f, ctx, out):
        """Pin one function: a typed fn pointer, or a generic wrapper."""
        if self.excepted(key):
            return
        sig = f["sig"]
        params, where, lts, tys = self.generics(f["generics"], ctx)
        inputs = [(n, self.ty(t, ctx)) for n, t in sig["inputs"]]
        output = self.ty(sig["output"], ctx) if sig["output"] is not None else None
        # `&self` lends its lifetime to the output by the elision rule for
        # methods, which a fn pointer or a free function does not have: name it.
        first = sig["inputs"][0] if sig["inputs"] else None
        if (output is not None and first is not None and first[0] == "self"
                and "borrowed_ref" in first[1] and first[1]["borrowed_ref"]["lifetime"] is None
                and count_elided(sig["output"]) and sum(count_elided(t) for _, t in sig["inputs"]) > 1):
            named = dict(ctx, elided="'s")
            inputs[0] = ("self", self.ty(first[1], named))
            output = self.ty(sig["output"], named)
            lts = lts + ["'s"]
            params = ["'s"] + params
        hdr = f["header"]
        unsafe = "unsafe " if hdr["is_unsafe"] else ""
        if not tys and not where and not any("impl " in t for _, t in inputs):
            forl = f"for<{', '.join(lts)}> " if lts else ""
            ptr = f"{forl}{unsafe}fn(" + ", ".join(t for _, t in inputs) + ")"
            if output:
                ptr += " -> " + output
            out.append(f"    let _: {ptr} = {call_path};  // {key}")
            return
        names = [f"a{k}" for k in range(len(inputs))]
        sig_s = ", ".join(f"{n}: {t}" for n, (_, t) in zip(names, inputs))
        gp = "<" + ", ".join(params) + ">" if params else ""
        turbofish = "::<" + ", ".join(tys) + ">" if tys else ""
        ret = f" -> {output}" if output else ""
        body = f"{call_path}{turbofish}(" + ", ".join(names) + ")"
        if hdr["is_unsafe"]:
            body = f"unsafe {{ {body} }}"
        out.append(f"    {{ fn pin{gp}({sig_s}){ret}{where} {{ {body} }} }}  // {key}")

    def impl_bound(self, key, for_ty, im, out):
        if self.excepted(key):
            return
        tr = im["trait"]
        ctx = {"self": for_ty, "fresh": []}
        params, where, lts, tys = self.generics(im["generics"], ctx)
        if tys:
            raise SystemExit(f"generate: generic impl {key}; extend the generator")
        args = self.args(tr["args"], ctx)
        assoc = []
        for i in im["items"]:
            it = self.item(i)
            if self.kind(it) == "assoc_type" and it["inner"]["assoc_type"]["type"] is not None:
                assoc.append(f"{it['name']} = {self.ty(it['inner']['assoc_type']['type'], {'self': for_ty, 'fresh': None})}")
        if assoc:
            args = args[:-1] + ", " + ", ".join(assoc) + ">" if args else "<" + ", ".join(assoc) + ">"
        bound = self.path_of(tr["id"]) + args
        hr = lts + ctx["fresh"]
        if hr:
            bound = f"for<{', '.join(hr)}> " + bound
        out.append(f"    is::<{for_ty}, _>(|| {{ fn f<T: ?Sized + {bound}>() {{}} f::<{for_ty}>() }});  // {key}")

    def gen(self):
        files = {m: [] for m in MODULES}
        counts = {m: 0 for m in MODULES}
        # impls by the local type they are for
        for i, it in self.idx.items():
            if it["crate_id"] != 0 or self.kind(it) != "impl":
                continue
            im = it["inner"]["impl"]
            if im["blanket_impl"] is not None or im["is_negative"]:
                continue
            f = im["for"]
            tid = f["resolved_path"]["id"] if "resolved_path" in f else None
            owner = tid if tid in self.pub else None
            if owner is None:   # an impl of a foreign type: file it under its local trait argument
                for a in (im["trait"] or {}).get("args", {}).get("angle_bracketed", {}).get("args", []):
                    t = a.get("type", {})
                    if "resolved_path" in t and t["resolved_path"]["id"] in self.pub:
                        owner = t["resolved_path"]["id"]
                if owner is None:
                    raise SystemExit(f"generate: impl {i} for a foreign type with no local type")
            self.impls_of.setdefault(owner, []).append(int(i))
        for mod, path, i in sorted(self.order, key=lambda x: (MODULES.index(x[0]), x[1])):
            lines = []
            self.module = mod
            n = self.pin_item(path, i, lines)
            if n:
                files[mod].append("\n".join(lines))
                counts[mod] += n
        unused = set(self.exceptions) - self.used_exceptions
        if unused:
            raise SystemExit(f"generate: exceptions that match no item: {sorted(unused)}")
        return files, counts

    def pin_item(self, path, i, lines):
        it = self.item(i)
        k = self.kind(it)
        key = "::".join(path)
        full = self.local(i)
        fname = "_".join(path)
        n = 0
        if self.excepted(key):
            return 0
        body = []
        if k == "struct":
            body.append(f"    let _ = ::core::marker::PhantomData::<{full}>;  // {key}")
            n += self.tally("types", 1)
            s = it["inner"]["struct"]
            if s["generics"]["params"]:
                raise SystemExit(f"generate: generic struct {key}")
            kind = s["kind"]
            fields = []
            if isinstance(kind, dict) and "plain" in kind:
                fields = kind["plain"]["fields"]
            elif isinstance(kind, dict) and "tuple" in kind:
                fields = [f for f in kind["tuple"] if f is not None]
            for fi in fields:
                f = self.item(fi)
                if f["visibility"] != "public":
                    continue
                fk = f"{key}.{f['name']}"
                if self.excepted(fk):
                    continue
                body.append(f"    let _ = |s: &{full}| -> &{self.ty(f['inner']['struct_field'], {'self': full, 'fresh': None})} {{ &s.{f['name']} }};  // {fk}")
                n += self.tally("public fields", 1)
        elif k == "enum":
            body.append(f"    let _ = ::core::marker::PhantomData::<{full}>;  // {key}")
            n += self.tally("types", 1)
            e = it["inner"]["enum"]
            if e["generics"]["params"]:
                raise SystemExit(f"generate: generic enum {key}")
            arms = []
            for vi in e["variants"]:
                v = self.item(vi)
                vk = f"{key}::{v['name']}"
                vpath = f"{full}::{v['name']}"
                if self.excepted(vk):
                    continue
                kind = v["inner"]["variant"]["kind"]
                n += self.tally("enum variants", 1)
                if kind == "plain":
                    body.append(f"    let _: {full} = {vpath};  // {vk}")
                    arms.append(f"        {vpath} => {{}}")
                elif "tuple" in kind:
                    tys = [self.ty(self.item(f)["inner"]["struct_field"], {'self': full, 'fresh': None}) for f in kind["tuple"]]
                    body.append(f"    let _: fn({', '.join(tys)}) -> {full} = {vpath};  // {vk}")
                    arms.append(f"        {vpath}(..) => {{}}")
                else:
                    fs = [self.item(f) for f in kind["struct"]["fields"]]
                    binds = ", ".join(f["name"] for f in fs)
                    checks = " ".join(f"let _: {self.ty(f['inner']['struct_field'], {'self': full, 'fresh': None})} = {f['name']};" for f in fs)
                    body.append(f"    let _ = |v: {full}| if let {vpath} {{ {binds} }} = v {{ {checks} }};  // {vk}")
                    arms.append(f"        {vpath} {{ .. }} => {{}}")
            mk = f"{key}::match"
            if "non_exhaustive" in it["attrs"]:
                body.append(f"    // {key} is #[non_exhaustive]: no exhaustive match")
            elif not self.excepted(mk):
                body.append(f"    let _ = |v: &{full}| match v {{  // {mk}: no variant beyond these\n" + ",\n".join(arms) + ("," if arms else "") + "\n    };")
        elif k == "function":
            self.function(key, full, it["inner"]["function"], {"self": "Self", "fresh": None}, body)
            n += self.tally("functions and methods", len(body))
        elif k == "constant":
            c = it["inner"]["constant"]
            body.append(f"    let _: {self.ty(c['type'], {'self': '', 'fresh': None})} = {full};  // {key}")
            n += self.tally("constants", 1)
        elif k == "type_alias":
            ta = it["inner"]["type_alias"]
            ctx = {"self": "", "fresh": None}
            params, where, lts, tys = self.generics(ta["generics"], ctx)
            gp = "<" + ", ".join(params) + ">" if params else ""
            ga = "<" + ", ".join(lts + tys) + ">" if params else ""
            target = self.ty(ta["type"], ctx)
            body.append(f"    {{ fn pin{gp}(a: {full}{ga}) -> {target}{where} {{ a }} fn back{gp}(a: {target}) -> {full}{ga}{where} {{ a }} }}  // {key} = {target}")
            n += self.tally("type aliases", 1)
        elif k == "trait":
            tr = it["inner"]["trait"]
            body.append(f"    {{ fn pin<T: ?Sized + {full}>() {{}} }}  // {key}")
            n += self.tally("traits", 1)
            for mi in tr["items"]:
                m = self.item(mi)
                if self.kind(m) != "function":
                    raise SystemExit(f"generate: trait item {m['name']} of {key}")
                inner = []
                self.function(f"{key}::{m['name']}", f"<T as {full}>::{m['name']}", m["inner"]["function"], {"self": "T", "fresh": None}, inner)
                for line in inner:
                    code, _, comment = line.strip().partition("  // ")
                    body.append(f"    {{ fn pin<T: {full}>() {{ {code} }} }}  // {comment}")
                n += self.tally("functions and methods", len(inner))
        else:
            raise SystemExit(f"generate: item kind {k} ({key})")
        # inherent methods and trait impls of a type
        for ii in sorted(self.impls_of.get(i, []), key=lambda x: self.impl_sort_key(x)):
            im = self.item(ii)["inner"]["impl"]
            for_ty = self.ty(im["for"], {"self": "", "fresh": None})
            if im["trait"] is None:
                for mi in im["items"]:
                    m = self.item(mi)
                    if m["visibility"] != "public":
                        continue
                    mk = self.kind(m)
                    mkey = f"{key}::{m['name']}"
                    if mk == "function":
                        before = len(body)
                        self.function(mkey, f"{for_ty}::{m['name']}", m["inner"]["function"], {"self": for_ty, "fresh": None}, body)
                        n += self.tally("functions and methods", len(body) - before)
                    elif mk == "assoc_const":
                        if not self.excepted(mkey):
                            body.append(f"    let _: {self.ty(m['inner']['assoc_const']['type'], {'self': for_ty, 'fresh': None})} = {for_ty}::{m['name']};  // {mkey}")
                            n += self.tally("constants", 1)
                    else:
                        raise SystemExit(f"generate: inherent item {mk} {mkey}")
            else:
                tname = im["trait"]["path"].split("::")[-1]
                if tname in SKIP_TRAITS:
                    continue
                targs = self.args(im["trait"]["args"], {"self": for_ty, "fresh": None}).replace(ALIAS + "::", "")
                tkey = f"{key} impl {tname}{targs}"
                if for_ty != full:
                    tkey = f"{for_ty.replace(ALIAS + '::', '')} impl {tname}{targs}"
                before = len(body)
                self.impl_bound(tkey, for_ty, im, body)
                n += self.tally("trait impls", len(body) - before)
        lines.append(f"#[allow(unused)]\nfn {fname}() {{")
        lines.extend(body)
        lines.append("}")
        return n

    def impl_sort_key(self, ii):
        im = self.item(ii)["inner"]["impl"]
        if im["trait"] is None:
            return (0, "", ii)
        return (1, im["trait"]["path"].split("::")[-1] + json.dumps(im["trait"]["args"], sort_keys=True) + json.dumps(im["for"], sort_keys=True), 0)


def count_elided(t):
    """How many references with an elided lifetime a type holds."""
    if isinstance(t, dict):
        n = 1 if "borrowed_ref" in t and t["borrowed_ref"]["lifetime"] is None else 0
        return n + sum(count_elided(v) for v in t.values())
    if isinstance(t, list):
        return sum(count_elided(v) for v in t)
    return 0


def read_exceptions(path):
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, reason = line.partition("\t")
        if not sep or not reason.strip():
            raise SystemExit(f"generate: exception without a reason (KEY<TAB>REASON): {line!r}")
        out[key.strip()] = reason.strip()
    return out


HEADER_TEXT = (
    "@generated by tools/pin/generate.py from the rustdoc JSON of oci-spec {version} (all "
    "features). Do not edit: tools/pin/check.sh regenerates it and fails on a difference.\n\n"
    "Pins {count} public items of oci_spec{modpath}, each by its one public path ({detail}); "
    "{total} in the four files (top, image, distribution, runtime). Each must exist in "
    "`crate_under_test` with the same shape: the file compiles against oci-spec {version} "
    "itself (the sanity check) and against oci-model. Skipped (tools/pin/exceptions.txt, "
    "where oci-spec breaks a spec): {skipped}."
)

PRELUDE = """\
#![allow(unused, deprecated, non_snake_case, clippy::all, clippy::pedantic)]

/// Compile-time only: `T` is named and the bound inside `_f` holds.
fn is<T: ?Sized, F: Fn()>(_f: F) {}
"""


def header(**kw):
    out = []
    for para in HEADER_TEXT.format(**kw).split("\n\n"):
        out += ["// " + line for line in textwrap.wrap(para, 86)]
        out.append("//")
    return "\n".join(out[:-1]) + "\n" + PRELUDE


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: generate.py RUSTDOC_JSON OUT_DIR")
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    exceptions = read_exceptions(os.path.join(HERE, "exceptions.txt"))
    g = Gen(doc, exceptions)
    files, counts = g.gen()
    os.makedirs(sys.argv[2], exist_ok=True)
    version = doc.get("crate_version") or "?"
    total = sum(counts.values())
    for m in MODULES:
        skipped = sorted(k for k in g.used_exceptions
                         if k.split("::")[0] == m or (m == "top" and k.split("::")[0] not in MODULES))
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(g.kinds[m].items(), key=lambda x: (-x[1], x[0])))
        text = header(version=version, count=counts[m], modpath="" if m == "top" else "::" + m,
                      detail=kinds, total=total,
                      skipped=", ".join(f"`{k}`" for k in skipped) or "none")
        text += "\n" + "\n\n".join(files[m]) + "\n"
        with open(os.path.join(sys.argv[2], f"{m}.rs"), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{m}: {counts[m]} items pinned ({kinds})")
    print(f"total: {total} items pinned")

if __name__ == "__main__":
    main()
