use oci_model_derive::spec_struct;

#[spec_struct(default, hash, default, json = "camelCase", json = "PascalCase")]
struct Doc {
    a: u32,
}

fn main() {}
