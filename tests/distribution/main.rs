//! distribution-spec tests, one binary (each test binary links the whole
//! crate, so few large ones build much faster on two cores than many small
//! ones).
#![cfg(feature = "distribution")]

mod compat;
mod defects;
mod fixtures;
mod names;
mod reference;
mod rules;

#[path = "../shared/damage.rs"]
mod damage;
