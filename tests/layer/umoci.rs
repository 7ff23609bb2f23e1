//! Compared with umoci (filled in below).
