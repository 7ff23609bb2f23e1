//! runtime-spec tests, one binary (each test binary links the whole crate,
//! so few large ones build much faster on two cores than many small ones).
#![cfg(feature = "runtime")]

mod features;
mod fixtures;
mod kept;
mod linux_fixtures;
mod linux_model;
mod linux_props;
mod linux_readme;
mod linux_rules;
mod oci_spec_defaults;
mod props;
mod rules;
mod spec;
mod start_values;

#[path = "../shared/damage.rs"]
mod damage;
