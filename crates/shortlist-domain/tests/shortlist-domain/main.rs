//! Integration tests of the domain crate: what is checked from outside it, through its public
//! API. For now, the UI's table of the rules (`rules_table`).

mod rules_table;
