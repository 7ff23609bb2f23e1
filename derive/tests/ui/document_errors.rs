use oci_model_derive::spec_struct;

#[spec_struct(document(no_displays, from_file = "impl"))]
struct Doc {
    a: u32,
}

#[spec_struct(document = "yes")]
struct Other {
    a: u32,
}

fn main() {}
