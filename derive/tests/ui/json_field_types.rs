use oci_model_derive::spec_struct;

#[spec_struct]
struct Doc {
    #[json(set)]
    not_option: Vec<String>,
    #[json(lenient)]
    strict: u32,
    #[json(omit_absent)]
    no_default: u32,
}

#[spec_struct(copy)]
struct Small {
    #[json(set)]
    set_in_copy: Option<Vec<String>>,
}

fn main() {}
