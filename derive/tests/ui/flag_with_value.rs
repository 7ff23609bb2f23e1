use oci_model_derive::spec_struct;

#[spec_struct(copy = true, hash(yes), default = "x", builder_default = 1, transparent(x))]
struct Doc {
    a: u32,
}

fn main() {}
