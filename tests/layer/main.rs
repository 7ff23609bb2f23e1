//! Layer tests, one binary: writing and reading, the hostile-layer suite,
//! images in layouts, the comparison with umoci, the command line.
#![cfg(feature = "layer")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::many_single_char_names,
    clippy::redundant_closure_for_method_calls,
    clippy::items_after_statements,
    reason = "test helpers fail the test loudly on a broken setup"
)]

mod cli;
mod craft;
mod hostile;
mod image;
mod merged_usr;
mod umoci;
mod write_read;
