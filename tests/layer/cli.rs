//! The command line (filled in below).
