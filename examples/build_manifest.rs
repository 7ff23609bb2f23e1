//! Builds a document with a builder and prints it (placeholder until the
//! image manifest lands).

fn main() -> Result<(), oci_model::OciSpecError> {
    let layout = oci_model::image::OciLayoutBuilder::default().build()?;
    println!("{}", layout.to_string_pretty()?);
    Ok(())
}
