//! distribution-spec bodies: error response, tag list, repository list
//! (catalog), referrers response and extension list. Every kind is tried on
//! each input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oci_model::distribution::{
    ErrorResponse, ExtensionList, ReferrersResponse, RepositoryList, TagList,
};
use oci_model_fuzz::document;

fuzz_target!(|bytes: &[u8]| {
    document!(ErrorResponse, bytes);
    document!(TagList, bytes);
    document!(RepositoryList, bytes);
    document!(ReferrersResponse, bytes);
    document!(ExtensionList, bytes);
});
