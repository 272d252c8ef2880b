//! Behaviour of the importer as the app uses it: bytes in, a table, a mapping, checked rows out.
//! Fixtures are built in code, so no binary file is committed and each one shows what it tests.

mod apply;
mod fixtures;
mod mapping;
mod read_csv;
mod read_xlsx;
mod robustness;
