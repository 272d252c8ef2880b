//! `.xlsx` workbooks, as Microsoft Forms downloads them and as people re-save them.
//!
//! Cells are streamed rather than loaded as one rectangle: a sheet with a value in A1 and another in
//! XFD1048576 would otherwise be a seventeen-billion-cell grid. What a cell becomes as text:
//! - text as it is; whole numbers without ".0"; TRUE/FALSE for booleans;
//! - dates as ISO 8601 (`2021-05-14` or `2021-05-14T13:45:12`), so the date parser sees one form;
//! - formulas as the value Excel last calculated and saved with the file (no formula is evaluated;
//!   a workbook saved by a program that stores no value reads as whatever it stored, often 0);
//! - merged cells: only the top-left cell holds the value, the others read as empty, which is how
//!   the file stores them;
//! - error cells (`#N/A`, `#DIV/0!`) as empty: the error is not an answer anyone gave.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::{Grid, ReadError, ZIP_MAGIC};
use crate::MAX_TEXT_BYTES;

pub(super) fn read(bytes: &[u8]) -> Result<Grid, ReadError> {
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(ReadError::NotReadable);
    }
    // calamine parses untrusted ZIP and XML; should a malformed file ever reach a panic in it, the
    // person gets the same "damaged" message as for any other broken workbook, not a crash.
    catch_unwind(AssertUnwindSafe(|| read_workbook(bytes)))
        .unwrap_or_else(|_| Err(ReadError::Damaged { detail: "its contents could not be understood".into() }))
}

fn read_workbook(bytes: &[u8]) -> Result<Grid, ReadError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    // Forms put responses on the first sheet, but people add a cover sheet or delete rows from a
    // copy; the first sheet with any value is the one meant.
    for name in workbook.sheet_names() {
        let grid = read_sheet(&mut workbook, &name)?;
        if !grid.rows.is_empty() {
            return Ok(grid);
        }
    }
    Err(ReadError::Empty)
}

fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Grid, ReadError> {
    let mut cells = workbook.worksheet_cells_reader(name).map_err(damaged)?;
    // (row, column, text) of non-empty cells only, so blank rows and formatting cost nothing.
    let mut found: Vec<(u32, u32, String)> = Vec::new();
    let mut text_bytes = 0usize;
    let mut rows_seen = 0usize;
    let mut last_row = None;
    while let Some(cell) = cells.next_cell().map_err(damaged)? {
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        if column as usize >= crate::MAX_COLUMNS {
            return Err(ReadError::TooManyColumns);
        }
        if last_row != Some(row) {
            last_row = Some(row);
            rows_seen += 1;
            // Checked here, not only in Grid, so a million-row sheet stops at the limit.
            if rows_seen > crate::MAX_ROWS + 1 {
                return Err(ReadError::TooManyRows);
            }
        }
        text_bytes += text.len();
        if text_bytes > MAX_TEXT_BYTES {
            return Err(ReadError::TooMuchText);
        }
        found.push((row, column, text));
    }
    // Sheets are written row by row, left to right; sorting only matters for an odd writer.
    if !found.is_sorted_by_key(|(r, c, _)| (*r, *c)) {
        found.sort_by_key(|(r, c, _)| (*r, *c));
    }

    let mut grid = Grid::default();
    let mut iter = found.into_iter().peekable();
    let mut previous: Option<u32> = None;
    while let Some((row, column, text)) = iter.next() {
        let mut row_cells = Vec::new();
        place(&mut row_cells, column, text);
        while let Some((_, column, text)) = iter.next_if(|(r, _, _)| *r == row) {
            place(&mut row_cells, column, text);
        }
        if let Some(previous) = previous {
            // Rows with no value between two rows with values: the blank rows a person sees.
            grid.blank_rows += (row - previous - 1) as usize;
        }
        previous = Some(row);
        grid.push(row as usize + 1, row_cells)?;
    }
    Ok(grid)
}

fn place(row: &mut Vec<String>, column: u32, text: String) {
    let column = column as usize;
    if row.len() <= column {
        row.resize(column + 1, String::new());
    }
    row[column] = text;
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        // A duration (a cell formatted [h]:mm:ss) is not a date; show it as Excel does.
        DataRef::DateTime(dt) => {
            let seconds = (dt.as_f64() * 86_400.0).round() as i64;
            format!("{}:{:02}:{:02}", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
    }
}

/// Whole numbers as Excel shows them ("42", not "42.0"); others in the shortest form that reads
/// back as the same number.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn damaged(e: XlsxError) -> ReadError {
    let detail = match e {
        XlsxError::Zip(_) | XlsxError::Io(_) => "the workbook's archive is incomplete".to_owned(),
        XlsxError::Password => return ReadError::OldExcel,
        XlsxError::FileNotFound(part) => format!("the part “{part}” is missing"),
        other => {
            let mut text = other.to_string();
            text.truncate(text.char_indices().nth(120).map_or(text.len(), |(i, _)| i));
            text
        }
    };
    ReadError::Damaged { detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_lose_their_point_zero() {
        assert_eq!(number_text(42.0), "42", "an ID of 42 is not 42.0 to a person");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.25), "0.25");
    }
}
