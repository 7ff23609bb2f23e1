//! Tests across the specs, one binary: the command-line tool, the calls
//! oci-spec's users make, conformance over every fixture, the JSON writer,
//! the differential test against the official JSON schemas, the
//! hostile-input table, the real-world corpus, and the real tools (umoci,
//! skopeo, runc, crun) beside the crate.

mod cli;
mod cli_docker;
mod cli_platform;
mod common;
mod compat_oci_spec;
mod conformance;
mod conversion;
mod docker;
mod docker_archive;
mod docker_skopeo;
#[cfg(feature = "runtime")]
mod enum_differential;
mod hostile_amplification;
mod hostile_distribution;
mod hostile_input;
mod hostile_repeated;
mod hostile_start_values;
mod hostile_syntax;
#[cfg(feature = "cli")]
#[path = "../image/layout_build.rs"]
mod layout_build;
mod lossless;
mod real_tools;
mod real_world;
mod schema_differential;
mod serializer;
