//! image-spec tests, one binary (each test binary links the whole crate, so
//! few large ones build much faster on two cores than many small ones).
#![cfg(feature = "image")]

mod decode;
mod defects;
mod fixtures;
mod layout;
mod layout_archive;
mod layout_build;
mod platform;
mod props;
mod rules;

#[path = "../shared/damage.rs"]
mod damage;
