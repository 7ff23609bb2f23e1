//! Mistakes in the struct options and in the fields: all reported in one
//! compilation.
use oci_model_derive::spec_struct;

#[spec_struct(json = "kebab-case", access(get, get_mut, sett), docs)]
struct Doc {
    #[json(renam = "x")]
    a: u32,
    #[getset(get = "pub")]
    b: u32,
    #[json(lenient)]
    c: u32,
}

fn main() {}
