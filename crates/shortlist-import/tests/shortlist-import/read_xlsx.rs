//! Workbooks as Microsoft Forms downloads them and as people edit them.

use shortlist_import::{read_bytes, FileKind, ReadError};

use crate::fixtures::{ms_forms_workbook, strings};

#[test]
fn cells_read_as_the_text_a_person_sees() {
    let table = read_bytes(&ms_forms_workbook(), FileKind::Xlsx).expect("the workbook reads");
    assert_eq!(table.headers[..3], strings(&["ID", "Completion time", "Email"]));
    let first = &table.rows[0];
    assert_eq!(first.number, 2, "the first response is on row 2");
    assert_eq!(first.cells[0], "1", "a number cell holding 1 reads as 1, not 1.0");
    assert_eq!(
        first.cells[1], "2021-05-14T13:45:12",
        "a date cell reads as ISO 8601 whatever its display format"
    );
}

#[test]
fn a_formula_reads_as_its_saved_value() {
    let table = read_bytes(&ms_forms_workbook(), FileKind::Xlsx).expect("the workbook reads");
    assert_eq!(table.rows[1].cells[3], "Idea two", "the value Excel calculated, not the formula text");
}

#[test]
fn a_merged_range_holds_its_value_in_the_top_left_cell_only() {
    let table = read_bytes(&ms_forms_workbook(), FileKind::Xlsx).expect("the workbook reads");
    assert_eq!(table.rows[0].cells[6], "HM Revenue and Customs");
    assert_eq!(
        table.rows[1].cells.get(6).map_or("", String::as_str),
        "",
        "the rest of a merged range is empty in the file; apply reports it rather than guessing"
    );
}

#[test]
fn blank_rows_and_a_cover_sheet_are_skipped() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().set_name("Notes").expect("name");
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Title").expect("header");
    sheet.write_string(1, 0, "First").expect("row");
    sheet.write_string(2, 0, "   ").expect("spaces");
    sheet.write_string(5, 0, "Second").expect("row");
    let bytes = workbook.save_to_buffer().expect("saves");
    let table = read_bytes(&bytes, FileKind::Xlsx).expect("reads");
    assert_eq!(table.rows.len(), 2, "the empty first sheet is passed over for the one with responses");
    assert_eq!(table.rows[1].number, 6, "row numbers are the sheet's own");
    assert_eq!(table.blank_rows, 3, "rows 3, 4 and 5");
}

#[test]
fn an_empty_workbook_says_it_is_empty() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet();
    let bytes = workbook.save_to_buffer().expect("saves");
    assert!(matches!(read_bytes(&bytes, FileKind::Xlsx), Err(ReadError::Empty)));
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let bytes = ms_forms_workbook();
    let half = &bytes[..bytes.len() / 2];
    let err = read_bytes(half, FileKind::Xlsx).expect_err("half a workbook");
    assert!(
        err.to_string()
            .starts_with("The spreadsheet could not be opened: it may be damaged or only partly downloaded"),
        "{err}"
    );
}

#[test]
fn csv_bytes_given_as_a_workbook_are_not_readable() {
    let err = read_bytes(b"Title,Summary\n", FileKind::Xlsx).expect_err("not a workbook");
    assert!(matches!(err, ReadError::NotReadable), "{err}");
}

#[test]
fn a_value_far_to_the_right_is_too_many_columns() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Title").expect("header");
    sheet.write_string(1, 16_000, "stray").expect("far right");
    let bytes = workbook.save_to_buffer().expect("saves");
    assert!(matches!(read_bytes(&bytes, FileKind::Xlsx), Err(ReadError::TooManyColumns)));
}
