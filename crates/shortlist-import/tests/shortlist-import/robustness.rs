//! Bad input: whatever arrives, the importer answers with a table or a message, never a crash, and
//! never by exhausting memory.

use proptest::prelude::*;
use shortlist_import::{apply, form_signature, guess_mapping, read_bytes, FileKind, ReadError};

use crate::fixtures::{default_date, google_csv, ms_forms_workbook};

fn message_is_useful(err: &ReadError) -> bool {
    let m = err.to_string();
    !m.is_empty() && m.ends_with('.')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_read_as_csv_or_give_a_message(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Err(e) = read_bytes(&bytes, FileKind::Csv) {
            prop_assert!(message_is_useful(&e), "{e}");
        }
    }

    #[test]
    fn random_bytes_read_as_xlsx_give_a_message(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let err = read_bytes(&bytes, FileKind::Xlsx).expect_err("random bytes are not a workbook");
        prop_assert!(message_is_useful(&err), "{err}");
    }

    #[test]
    fn random_bytes_behind_a_zip_header_give_a_message(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(bytes);
        let err = read_bytes(&zip, FileKind::Xlsx).expect_err("not a workbook");
        prop_assert!(message_is_useful(&err), "{err}");
    }

    #[test]
    fn random_csv_ish_text_applies_without_panicking(
        text in "[a-zA-Z0-9 ,;\"\\t\\r\\n/:@<>()£é-]{0,600}",
    ) {
        if let Ok(table) = read_bytes(text.as_bytes(), FileKind::Csv) {
            let mapping = guess_mapping(&table.headers);
            let applied = apply(&table, &mapping, &form_signature(&table.headers), default_date());
            prop_assert_eq!(applied.rows.len() + count_rows_with_problems(&applied) + applied.blank_rows - table.blank_rows,
                table.rows.len(), "every row is accounted for");
        }
    }

    #[test]
    fn a_valid_csv_cut_anywhere_still_reads_or_explains(cut in 0usize..4000) {
        let text = google_csv(40);
        let bytes = &text.as_bytes()[..cut.min(text.len())];
        if let Err(e) = read_bytes(bytes, FileKind::Csv) {
            prop_assert!(message_is_useful(&e), "{e}");
        }
    }
}

fn count_rows_with_problems(applied: &shortlist_import::Applied) -> usize {
    let mut rows: Vec<usize> = applied.problems.iter().map(|p| p.row).collect();
    rows.dedup();
    rows.len()
}

#[test]
fn a_workbook_cut_at_any_point_is_damaged_not_a_crash() {
    let bytes = ms_forms_workbook();
    // Every 97th length: every part of the archive is cut somewhere, in a test that stays fast.
    for len in (0..bytes.len()).step_by(97) {
        let result = read_bytes(&bytes[..len], FileKind::Xlsx);
        let err = result.expect_err("a cut workbook never reads as if whole");
        assert!(message_is_useful(&err), "cut at {len}: {err}");
    }
}

#[test]
fn a_million_empty_lines_read_quickly_as_no_rows() {
    let mut text = String::from("Title,Summary,Name,Department\n");
    text.push_str(&"\n".repeat(1_000_000));
    let table = read_bytes(text.as_bytes(), FileKind::Csv).expect("a header and nothing else");
    assert!(table.rows.is_empty());
}

#[test]
fn a_million_rows_of_empty_cells_are_counted_not_kept() {
    let mut text = String::from("Title,Summary,Name,Department\n");
    text.push_str(&",,,\n".repeat(1_000_000));
    let table = read_bytes(text.as_bytes(), FileKind::Csv).expect("a header and blank rows");
    assert!(table.rows.is_empty(), "blank rows are never stored");
    assert_eq!(table.blank_rows, 1_000_000, "but they are counted for the dry-run report");
}

#[test]
fn more_than_100000_responses_are_refused() {
    let mut text = String::from("Title\n");
    text.push_str(&"x\n".repeat(100_001));
    let err = read_bytes(text.as_bytes(), FileKind::Csv).expect_err("too many");
    assert!(matches!(err, ReadError::TooManyRows), "{err}");
    let mut text = String::from("Title\n");
    text.push_str(&"x\n".repeat(100_000));
    assert!(read_bytes(text.as_bytes(), FileKind::Csv).is_ok(), "exactly 100,000 responses are allowed");
}

#[test]
fn an_unclosed_quote_does_not_swallow_the_file_silently() {
    // An unclosed quote makes the rest of the file one cell; the summary is then too long or the row
    // count visibly wrong in the dry run, rather than a crash.
    let text = "Title,Summary\nA,\"never closed\nB,second\nC,third\n";
    let table = read_bytes(text.as_bytes(), FileKind::Csv).expect("reads");
    assert_eq!(table.rows.len(), 1, "the dry run shows one response where three were expected");
}
