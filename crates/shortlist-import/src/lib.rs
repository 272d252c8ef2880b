//! Reading online-form exports into checked ideas.
//!
//! Civil servants send ideas through Microsoft Forms or Google Forms; the secretariat exports the
//! responses as `.xlsx` or `.csv` and imports them. This crate turns those bytes into ideas in three
//! steps, each of which the person can see before anything is stored:
//!
//! 1. **Read** ([`read_file`], [`read_bytes`]): the file becomes a [`Table`] of text — the header row
//!    of question texts and one [`TableRow`] per response, numbered as the spreadsheet row a person
//!    would look at. Encodings (UTF-8 with or without BOM, UTF-16, Windows-1252), delimiters, quoted
//!    newlines, blank rows and ragged rows are dealt with here, and a file that cannot be read gives
//!    a [`ReadError`] whose message says what to do.
//! 2. **Map** ([`guess_mapping`], [`check_mapping`], [`reuse_mapping`]): each column is assigned a
//!    [`Field`] of an idea, guessed from the question text and changed by the person. A mapping is
//!    remembered under the [`form_signature`] of the headers so the next export of the same form
//!    needs no mapping at all.
//! 3. **Apply** ([`apply`]): every non-blank row becomes an [`IdeaInput`] checked by the domain's own
//!    `validate`, or a list of [`RowProblem`]s (row, column, reason). Each good row carries a
//!    `source_key` that is the same whenever the same response is imported again, which is what
//!    makes a repeated import add nothing.
//!
//! The crate is pure apart from [`read_file`] reading one file: no database, no clock (the date to
//! use when a response has none is passed in), no UI. Storage, duplicate detection and the dry-run
//! report belong to the caller.
//!
//! [`IdeaInput`]: shortlist_domain::IdeaInput

mod apply;
mod dates;
mod mapping;
mod read;

pub use apply::{apply, Applied, MappedRow, RowProblem};
pub use mapping::{
    check_mapping, form_signature, guess_mapping, reuse_mapping, ColumnMapping, Field, Mapping,
};
pub use read::{column_letters, read_bytes, read_file, FileKind, ReadError, Table, TableRow};

/// The largest file accepted. Forms cap responses well below this (Microsoft Forms at 50,000), so a
/// bigger file is almost certainly the wrong file; refusing it early keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most responses one import takes. A challenge draws hundreds or a few thousand ideas; the limit
/// is there so a wrong file fails quickly with a message instead of exhausting memory.
pub const MAX_ROWS: usize = 100_000;
/// The most columns a file may have. A form with more than a few dozen questions is rare; 500 leaves
/// room while refusing a sheet with a stray value in column XFD that would make every row huge.
pub const MAX_COLUMNS: usize = 500;
/// The most text an `.xlsx` may expand to. A workbook stores a repeated answer once, so a small file
/// can expand to gigabytes of cells; the CSV limit follows from [`MAX_FILE_BYTES`] alone.
pub const MAX_TEXT_BYTES: usize = 200 * 1024 * 1024;
