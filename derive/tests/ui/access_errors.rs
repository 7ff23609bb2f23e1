use oci_model_derive::spec_struct;

#[spec_struct(access)]
struct NotAList {
    a: u32,
}

#[spec_struct(access())]
struct Empty {
    a: u32,
}

#[spec_struct(access(get, gets, get_mut = "pub", none))]
struct Unknown {
    a: u32,
}

#[spec_struct(access(get, get_copy, set, get_ref))]
struct TwoGetters {
    a: u32,
}

fn main() {}
