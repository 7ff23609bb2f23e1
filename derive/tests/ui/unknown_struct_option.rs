use oci_model_derive::spec_struct;

#[spec_struct(json = "camelCase", camel, builder_defaults)]
struct Doc {
    a: u32,
}

fn main() {}
