use oci_model_derive::spec_struct;

#[spec_struct(transparent, json = "camelCase", copy, reject(layers = "no layers"))]
struct Doc {
    a: u32,
}

fn main() {}
