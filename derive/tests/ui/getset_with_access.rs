use oci_model_derive::spec_struct;

#[spec_struct(access(get, get_mut, set))]
#[getset(get = "pub")]
struct Doc {
    #[getset(get_copy = "pub")]
    a: u32,
}

fn main() {}
