use oci_model_derive::spec_struct;

#[spec_struct(json = )]
struct Doc {
    a: u32,
}

fn main() {}
