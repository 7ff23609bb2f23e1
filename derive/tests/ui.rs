//! Every error `#[spec_struct]` reports, compiled and its message compared
//! with `ui/*.stderr` (`TRYBUILD=overwrite cargo test -p oci-model-derive`
//! writes them anew after a change of wording).
//!
//! The attribute's successful output is the `oci-model` crate's own
//! business (it names `crate::json::spec`): its tests exercise it.

#[test]
fn errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
