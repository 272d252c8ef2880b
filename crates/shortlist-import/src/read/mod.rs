//! Turning a file's bytes into a [`Table`] of text, or a [`ReadError`] a person can act on.
//!
//! Both readers share the same rules so the rest of the crate never asks which kind of file it was:
//! the first non-blank row is the header row; rows whose cells are all empty or spaces are skipped
//! and counted (so a million of them costs time proportional to the bytes, not memory); trailing
//! empty cells are dropped; headers are trimmed; a column with data but no heading gets an empty
//! header (see [`Table::column_label`]).

mod delimited;
mod workbook;

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::{MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_TEXT_BYTES};

/// The two kinds of export the forms produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum FileKind {
    /// Comma-, semicolon- or tab-separated text, in any of the encodings Excel and the forms write.
    Csv,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
}

/// A file read as a grid of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// The header row's cells, trimmed, one per column. Empty where the file's header cell was
    /// blank but some response has a value in that column. Duplicates are kept: columns are
    /// identified by position, not by text.
    pub headers: Vec<String>,
    /// The non-blank responses, in file order. A row may have fewer cells than there are headers
    /// (its trailing cells were empty); it never has more.
    pub rows: Vec<TableRow>,
    /// Rows skipped because every cell was empty or spaces (after the header row).
    pub blank_rows: usize,
}

/// One response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TableRow {
    /// The row number a person sees when they open the file in Excel: the header is normally row 1
    /// and the first response row 2. Numbered by record, so an answer with line breaks in it still
    /// counts as one row, and blank rows are counted so later numbers still match.
    pub number: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// The name to show a person for column `index`: its header, or "Column F" where the header
    /// cell is blank.
    pub fn column_label(&self, index: usize) -> String {
        match self.headers.get(index) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("Column {}", column_letters(index)),
        }
    }
}

/// The spreadsheet letters of a zero-based column index: 0 → "A", 25 → "Z", 26 → "AA".
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Why a file could not be read. Every message says what went wrong in the person's terms and
/// what to do next, because it is shown as it is in the import screen.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "This file is not a CSV or Excel file Shortlist can read. Export the responses from Microsoft Forms \
         or Google Forms as .xlsx or .csv and try again."
    )]
    NotReadable,
    #[error(
        "This is an older Excel file (.xls) or a password-protected workbook, which Shortlist cannot read. \
         Open it in Excel, remove any password, save it as an Excel Workbook (.xlsx) or CSV, and try again."
    )]
    OldExcel,
    #[error(
        "The spreadsheet could not be opened: it may be damaged or only partly downloaded ({detail}). \
         Download the export again and try again."
    )]
    Damaged { detail: String },
    #[error("The file is empty. Check you chose the right file, or download the export again.")]
    Empty,
    #[error(
        "The file has no header row: its first row holds answers rather than the form's questions. \
         Export the responses again, or add the questions as the first row."
    )]
    NoHeader,
    #[error(
        "The file is larger than 50 MB (it is {megabytes} MB). Check it is the form's export, or split the \
         responses into smaller files and import each in turn."
    )]
    TooLarge { megabytes: u64 },
    #[error(
        "The file has more than 100,000 responses. Split it into smaller files and import each in turn."
    )]
    TooManyRows,
    #[error(
        "The file has more than 500 columns. Delete the columns you do not need (a stray value far to the \
         right counts too) and try again."
    )]
    TooManyColumns,
    #[error(
        "The spreadsheet holds more than 200 MB of text once opened. Check it is the form's export, or split \
         the responses into smaller files and import each in turn."
    )]
    TooMuchText,
    #[error(
        "The file could not be opened: it may have been moved, or be open in another program ({source}). \
         Close it elsewhere and try again."
    )]
    Io {
        #[source]
        source: std::io::Error,
    },
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The Compound File header of `.xls` workbooks and of password-protected `.xlsx` files.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads one export from disk. The kind is decided by the content first (a workbook is a ZIP
/// archive), then by the extension, because people rename files and forms name downloads oddly.
///
/// # Errors
/// [`ReadError::Io`] if the file cannot be read, [`ReadError::TooLarge`] before reading a file over
/// 50 MB, and otherwise as [`read_bytes`].
pub fn read_file(path: &Path) -> Result<Table, ReadError> {
    let size = std::fs::metadata(path).map_err(|source| ReadError::Io { source })?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { source })?;
    let extension =
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let kind = if bytes.starts_with(ZIP_MAGIC) {
        FileKind::Xlsx
    } else if bytes.starts_with(CFB_MAGIC) || extension == "xls" {
        return Err(ReadError::OldExcel);
    } else if matches!(extension.as_str(), "xlsx" | "xlsm") && !bytes.is_empty() {
        // Named as a workbook but not a ZIP: usually a download cut short.
        return Err(ReadError::Damaged { detail: "it is not a complete Excel workbook".into() });
    } else {
        FileKind::Csv
    };
    read_bytes(&bytes, kind)
}

/// Reads an export already in memory.
///
/// # Errors
/// [`ReadError::Empty`] when there is nothing but blank rows; [`ReadError::NotReadable`] for
/// bytes that are not text (CSV) or not a workbook (XLSX); [`ReadError::OldExcel`] for `.xls` or
/// encrypted workbooks; [`ReadError::Damaged`] for a truncated or corrupt workbook;
/// [`ReadError::NoHeader`] when the first row is clearly data; and the size limits.
pub fn read_bytes(bytes: &[u8], kind: FileKind) -> Result<Table, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return Err(ReadError::OldExcel);
    }
    let grid = match kind {
        FileKind::Csv => delimited::read(bytes)?,
        FileKind::Xlsx => workbook::read(bytes)?,
    };
    grid.into_table()
}

fn too_large(bytes: u64) -> ReadError {
    ReadError::TooLarge { megabytes: bytes.div_ceil(1024 * 1024) }
}

/// What both readers build: non-blank rows with their numbers, the first being the header row.
/// Limits are checked as rows arrive so a huge file fails before it fills memory.
#[derive(Debug, Default)]
struct Grid {
    rows: Vec<TableRow>,
    blank_rows: usize,
    text_bytes: usize,
}

impl Grid {
    /// Adds a row as read. `cells` are in column order from column A; blank rows are only counted.
    fn push(&mut self, number: usize, mut cells: Vec<String>) -> Result<(), ReadError> {
        while cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            // Blank rows before the header are not counted: nobody thinks of them as responses.
            if !self.rows.is_empty() {
                self.blank_rows += 1;
            }
            return Ok(());
        }
        if cells.len() > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns);
        }
        // The header row is not a response, hence `>` rather than `>=`.
        if self.rows.len() > MAX_ROWS {
            return Err(ReadError::TooManyRows);
        }
        self.text_bytes += cells.iter().map(String::len).sum::<usize>();
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(ReadError::TooMuchText);
        }
        self.rows.push(TableRow { number, cells });
        Ok(())
    }

    fn into_table(self) -> Result<Table, ReadError> {
        let mut rows = self.rows.into_iter();
        let header = rows.next().ok_or(ReadError::Empty)?;
        let rows: Vec<TableRow> = rows.collect();
        if looks_like_data(&header.cells) {
            return Err(ReadError::NoHeader);
        }
        let width = rows.iter().map(|r| r.cells.len()).chain([header.cells.len()]).max().unwrap_or(0);
        let mut headers: Vec<String> = header.cells.iter().map(|h| h.trim().to_owned()).collect();
        headers.resize(width, String::new());
        Ok(Table { headers, rows, blank_rows: self.blank_rows })
    }
}

/// A header row of question texts is never made only of numbers and dates; a file whose first row
/// is, has lost its header (a "Save as" of a selection, or rows pasted into a blank sheet).
fn looks_like_data(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            c.parse::<f64>().is_ok()
                || c.chars().all(|ch| ch.is_ascii_digit() || " /-:.TZ".contains(ch))
                    && c.chars().any(|ch| ch.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA", "after Z comes AA, as on the sheet's column headings");
        assert_eq!(column_letters(16_383), "XFD", "Excel's last column");
    }

    #[test]
    fn a_first_row_of_dates_and_numbers_is_not_a_header() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(looks_like_data(&cells(&["1", "14/05/2021 13:45:12", "2021-05-14T13:45:12Z"])));
        assert!(!looks_like_data(&cells(&["ID", "Start time"])), "question texts are a header");
        assert!(
            !looks_like_data(&cells(&["2021"])),
            "one number alone could be a one-question form's heading"
        );
    }
}
