//! Validates one document given on the command line and prints every
//! violation with its JSON path and rule.
//!
//! ```text
//! cargo run --example validate -- layout test-data/cli/oci-layout
//! ```

use std::process::ExitCode;

use oci_model::Validate;
use oci_model::image::OciLayout;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, path] = args.as_slice() else {
        eprintln!("usage: validate KIND FILE (KIND: layout)");
        return ExitCode::from(2);
    };
    let report = match kind.as_str() {
        "layout" => OciLayout::from_file(path).map(|d| d.validate()),
        other => {
            eprintln!("unknown kind {other:?}: expected layout");
            return ExitCode::from(2);
        }
    };
    match report {
        Ok(report) => {
            for v in report.violations() {
                println!("{path}: {v}");
            }
            if report.is_valid() {
                println!("{path}: ok");
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::from(1)
        }
    }
}
