//! End-to-end tests of the real app: see `main.rs`. This library target is empty; the crate
//! exists for its test binary.
