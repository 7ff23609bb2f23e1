use oci_model_derive::spec_struct;

#[spec_struct(json = "snake_case")]
struct Doc {
    a: u32,
}

#[spec_struct(json)]
struct Other {
    a: u32,
}

#[spec_struct(json = camelCase)]
struct Third {
    a: u32,
}

fn main() {}
