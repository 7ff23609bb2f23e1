use oci_model_derive::spec_struct;

#[spec_struct(reject)]
struct NotAList {
    a: u32,
}

#[spec_struct(reject())]
struct Empty {
    a: u32,
}

#[spec_struct(reject(layers, a::b = "x", manifests = 1))]
struct Bad {
    a: u32,
}

#[spec_struct(json = "camelCase", reject(schemaVersion = "a manifest's member"))]
struct Field {
    schema_version: u32,
}

fn main() {}
