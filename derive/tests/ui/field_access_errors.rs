use oci_model_derive::spec_struct;

#[spec_struct]
struct NoStructAccess {
    #[access(get)]
    a: u32,
}

#[spec_struct(access(get, set))]
struct Fields {
    #[access(get)]
    #[access(set)]
    twice: u32,
    #[access(none, set)]
    none_with_others: u32,
    #[access(get, owned)]
    unknown: u32,
    #[access()]
    empty: u32,
}

fn main() {}
