//! Integration tests of `shortlist-exchange`, one module per module of the crate.

mod envelope;
mod fuzz;
mod identity;
mod merge;
mod seal;
mod support;
