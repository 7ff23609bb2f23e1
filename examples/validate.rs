//! Validates one document given on the command line and prints every
//! violation with its JSON path, severity and rule.
//!
//! ```text
//! cargo run --example validate -- manifest test-data/image/examples/manifest-01.json
//! ```
//!
//! Exit status: 0 when valid (warnings allowed), 1 when invalid or not
//! decodable, 2 on a usage error. The `oci-model` tool (feature `cli`) does
//! the same for every kind, with detection of the kind.

use std::path::Path;
use std::process::ExitCode;

use oci_model::distribution::{
    ErrorResponse, ExtensionList, ReferrersResponse, RepositoryList, TagList,
};
use oci_model::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout};
use oci_model::runtime::{ContainerProcessState, Features, Spec, State};
use oci_model::{Validate, ValidationReport};

const KINDS: &str = "descriptor, manifest, index, config, layout, \
                     runtime-config, state, features, container-process-state, \
                     error, taglist, repositorylist, referrers, extensions";

fn validate(kind: &str, path: &Path) -> Option<oci_model::ModelResult<ValidationReport>> {
    let report = match kind {
        "descriptor" => oci_model::io::from_file(path).map(|d: Descriptor| d.validate()),
        "manifest" => oci_model::io::from_file(path).map(|d: ImageManifest| d.validate()),
        "index" => oci_model::io::from_file(path).map(|d: ImageIndex| d.validate()),
        "config" => oci_model::io::from_file(path).map(|d: ImageConfiguration| d.validate()),
        "layout" => oci_model::io::from_file(path).map(|d: OciLayout| d.validate()),
        "runtime-config" => oci_model::io::from_file(path).map(|d: Spec| d.validate()),
        "state" => oci_model::io::from_file(path).map(|d: State| d.validate()),
        "features" => oci_model::io::from_file(path).map(|d: Features| d.validate()),
        "container-process-state" => {
            oci_model::io::from_file(path).map(|d: ContainerProcessState| d.validate())
        }
        "error" => oci_model::io::from_file(path).map(|d: ErrorResponse| d.validate()),
        "taglist" => oci_model::io::from_file(path).map(|d: TagList| d.validate()),
        "repositorylist" => oci_model::io::from_file(path).map(|d: RepositoryList| d.validate()),
        "referrers" => oci_model::io::from_file(path).map(|d: ReferrersResponse| d.validate()),
        "extensions" => oci_model::io::from_file(path).map(|d: ExtensionList| d.validate()),
        _ => return None,
    };
    Some(report)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, path] = args.as_slice() else {
        eprintln!("usage: validate KIND FILE (KIND: {KINDS})");
        return ExitCode::from(2);
    };
    match validate(kind, Path::new(path)) {
        None => {
            eprintln!("unknown kind {kind:?}: expected one of {KINDS}");
            ExitCode::from(2)
        }
        Some(Err(e)) => {
            eprintln!("{path}: {e}");
            ExitCode::from(1)
        }
        Some(Ok(report)) => {
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
    }
}
