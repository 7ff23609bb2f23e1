use oci_model_derive::spec_struct;

#[spec_struct(access(get, get_mut, set))]
struct Doc {
    #[builder(default)]
    a: Option<u32>,
    // Not redundant: another default.
    #[builder(default = "Some(2)")]
    b: Option<u32>,
    #[builder(default)]
    c: Option<String>,
}

fn main() {}
