use oci_model_derive::spec_struct;

#[spec_struct(access(get))]
struct NotAnOption {
    #[required]
    a: u32,
}

#[spec_struct(access(get))]
struct WithAValue {
    #[required = "yes"]
    a: Option<u32>,
}

fn main() {}
