//! CSV in the encodings and shapes Excel and the forms write.

use shortlist_import::{read_bytes, FileKind, ReadError};

use crate::fixtures::{csv, strings};

#[test]
fn utf8_with_and_without_a_bom_read_the_same() {
    let plain = "Title,Summary\nCafé data,Costs £100 less\n";
    let with_bom = format!("\u{FEFF}{plain}");
    let a = csv(plain);
    let b = csv(&with_bom);
    assert_eq!(a, b, "Excel's 'CSV UTF-8' adds a BOM that must not end up in the first header");
    assert_eq!(b.headers[0], "Title");
}

#[test]
fn windows_1252_from_excel_on_uk_windows_keeps_accents_and_pounds() {
    let bytes = b"Title,Summary\r\nCaf\xE9 data,Costs \xA3100 less\r\n";
    let table = read_bytes(bytes, FileKind::Csv).expect("Windows-1252 reads");
    assert_eq!(
        table.rows[0].cells,
        strings(&["Café data", "Costs £100 less"]),
        "not U+FFFD replacement marks"
    );
}

#[test]
fn utf16_unicode_text_with_tabs_reads() {
    let text = "\u{FEFF}Title\tSummary\r\nCafé\t£5 saving\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let table = read_bytes(&bytes, FileKind::Csv).expect("Excel's 'Unicode Text' reads");
    assert_eq!(table.headers, strings(&["Title", "Summary"]), "tab is sniffed as the separator");
    assert_eq!(table.rows[0].cells, strings(&["Café", "£5 saving"]));
}

#[test]
fn semicolons_separate_columns_in_a_european_locale_export() {
    let table = csv("Title;Summary\n\"A, B\";C\n");
    assert_eq!(table.rows[0].cells, strings(&["A, B", "C"]));
}

#[test]
fn quoted_newlines_and_commas_stay_in_their_cell_and_do_not_shift_row_numbers() {
    let table =
        csv("Title,Summary\r\n\"Idea, one\",\"Line one\r\nLine two\r\nLine three\"\r\nIdea two,Short\r\n");
    assert_eq!(table.rows.len(), 2, "a quoted answer with line breaks is still one response");
    assert_eq!(table.rows[0].cells[0], "Idea, one");
    assert!(table.rows[0].cells[1].contains("Line three"));
    assert_eq!(table.rows[0].number, 2);
    assert_eq!(table.rows[1].number, 3, "Excel shows the second response on row 3, not row 5");
}

#[test]
fn blank_rows_are_skipped_counted_and_keep_later_numbers_right() {
    let table = csv("Title,Summary\n\nIdea one,One\n,\n   ,  \nIdea two,Two\n");
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.blank_rows, 3, "an empty line, a row of empty cells and a row of spaces");
    assert_eq!(table.rows[0].number, 3, "the empty line is row 2 in Excel");
    assert_eq!(table.rows[1].number, 6);
}

#[test]
fn old_mac_line_endings_and_crlf_blank_lines_number_rows_as_excel_does() {
    let cr = csv("Title,Summary\r\rIdea one,One\rIdea two,Two\r");
    assert_eq!(cr.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [3, 4], "a lone CR ends a line too");
    let crlf = csv("Title,Summary\r\n\r\n\"A\r\nB\",One\r\n\r\nIdea two,Two");
    assert_eq!(crlf.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [3, 5], "no final line break needed");
    assert_eq!(crlf.blank_rows, 2);
}

#[test]
fn extra_and_missing_cells_are_kept_positionally() {
    let table = csv("Title,Summary,Department\nShort row,Only two\nLong row,S,D,stray value\n");
    assert_eq!(
        table.headers,
        strings(&["Title", "Summary", "Department", ""]),
        "the stray column gets a blank header"
    );
    assert_eq!(table.column_label(3), "Column D", "a person sees the column's letter");
    assert_eq!(table.rows[0].cells.len(), 2, "missing trailing cells are simply absent");
    assert_eq!(table.rows[1].cells[3], "stray value", "an extra cell is not lost");
}

#[test]
fn trailing_empty_columns_and_header_spaces_are_trimmed() {
    let table = csv("  Title , Summary ,,\nA,B,,\n");
    assert_eq!(table.headers, strings(&["Title", "Summary"]));
    assert_eq!(table.rows[0].cells, strings(&["A", "B"]));
}

#[test]
fn duplicate_headers_are_allowed() {
    let table = csv("Comments,Comments\na,b\n");
    assert_eq!(table.headers, strings(&["Comments", "Comments"]), "columns are told apart by position");
}

#[test]
fn an_empty_file_or_one_of_blank_lines_says_it_is_empty() {
    for bytes in [&b""[..], b"\r\n\r\n", b",,,\n,,\n", b"\xEF\xBB\xBF"] {
        let err = read_bytes(bytes, FileKind::Csv).expect_err("nothing to import");
        assert!(matches!(err, ReadError::Empty), "{bytes:?} gave {err}");
    }
}

#[test]
fn a_header_only_file_has_no_rows() {
    let table = csv("Title,Summary\n");
    assert!(table.rows.is_empty(), "a form with no responses yet is not an error");
}

#[test]
fn a_file_whose_first_row_is_data_has_no_header() {
    let err = read_bytes(b"1,14/05/2021 13:45:12,42\n2,15/05/2021 09:00:00,7\n", FileKind::Csv)
        .expect_err("no header");
    assert!(matches!(err, ReadError::NoHeader));
    assert!(err.to_string().contains("header row"), "{err}");
}

#[test]
fn binary_files_are_refused_with_what_to_do() {
    let err = read_bytes(b"%PDF-1.7\n\x00\x01\x02binary", FileKind::Csv).expect_err("a PDF is not a CSV");
    assert_eq!(
        err.to_string(),
        "This file is not a CSV or Excel file Shortlist can read. Export the responses from Microsoft Forms or \
         Google Forms as .xlsx or .csv and try again."
    );
}

#[test]
fn an_old_xls_workbook_is_named_as_such() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 100]);
    let err = read_bytes(&bytes, FileKind::Csv).expect_err("an .xls is not readable");
    assert!(matches!(err, ReadError::OldExcel), "the message tells them to save as .xlsx: {err}");
}

#[test]
fn a_file_over_50_mb_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.csv");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(51 * 1024 * 1024).expect("a sparse 51 MB file");
    let err = shortlist_import::read_file(&path).expect_err("too large");
    assert!(err.to_string().starts_with("The file is larger than 50 MB (it is 51 MB)"), "{err}");
}

#[test]
fn read_file_sniffs_a_workbook_whatever_its_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("responses.csv");
    std::fs::write(&path, crate::fixtures::ms_forms_workbook()).expect("write");
    let table = shortlist_import::read_file(&path).expect("a workbook saved as .csv is still a workbook");
    assert_eq!(table.headers[0], "ID");
}

#[test]
fn read_file_reports_a_missing_file() {
    let err = shortlist_import::read_file(std::path::Path::new("/no/such/file.csv")).expect_err("missing");
    assert!(matches!(err, ReadError::Io { .. }));
    assert!(err.to_string().starts_with("The file could not be opened"), "{err}");
}

#[test]
fn a_truncated_download_named_xlsx_is_damaged_not_csv() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("responses.xlsx");
    std::fs::write(&path, b"<html>Sign in to continue</html>").expect("write");
    let err = shortlist_import::read_file(&path).expect_err("an HTML page named .xlsx");
    assert!(matches!(err, ReadError::Damaged { .. }), "{err}");
}
