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

fn validate(kind: &str, path: &Path) -> Option<oci_model::Result<ValidationReport>> {
    let report = match kind {
        "descriptor" => Descriptor::from_file(path).map(|d| d.validate()),
        "manifest" => ImageManifest::from_file(path).map(|d| d.validate()),
        "index" => ImageIndex::from_file(path).map(|d| d.validate()),
        "config" => ImageConfiguration::from_file(path).map(|d| d.validate()),
        "layout" => OciLayout::from_file(path).map(|d| d.validate()),
        "runtime-config" => Spec::from_file(path).map(|d| d.validate()),
        "state" => State::from_file(path).map(|d| d.validate()),
        "features" => Features::from_file(path).map(|d| d.validate()),
        "container-process-state" => ContainerProcessState::from_file(path).map(|d| d.validate()),
        "error" => ErrorResponse::from_file(path).map(|d| d.validate()),
        "taglist" => TagList::from_file(path).map(|d| d.validate()),
        "repositorylist" => RepositoryList::from_file(path).map(|d| d.validate()),
        "referrers" => ReferrersResponse::from_file(path).map(|d| d.validate()),
        "extensions" => ExtensionList::from_file(path).map(|d| d.validate()),
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
