use oci_model_derive::spec_struct;

#[spec_struct]
enum Kind {
    A,
}

#[spec_struct]
struct Tuple(u32);

#[spec_struct]
struct Unit;

#[spec_struct]
fn f() {}

fn main() {}
