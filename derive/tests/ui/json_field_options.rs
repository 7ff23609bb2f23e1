use oci_model_derive::spec_struct;

#[spec_struct]
struct Doc {
    #[json(renamed = "b", rename)]
    a: u32,
    #[json(alias = 3, default = "not a path", skip_serializing_if = "x::y")]
    b: u32,
    #[json(lenient = "yes", sorted(1))]
    c: Option<u32>,
    #[json(rename = )]
    d: u32,
}

fn main() {}
