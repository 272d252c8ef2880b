//! Importing form exports through the use cases: dry run changes nothing, commit is all-or-
//! nothing and idempotent, duplicates are flagged and can be merged or kept.

use shortlist_app::{ErrorCode, ExportFormat};
use shortlist_domain::{ChangeKind, IdeaQuery};
use shortlist_import::Field;

use crate::with_challenge;

const FORMS_CSV: &str = "\u{feff}ID,Start time,Completion time,Email,Name,What is your idea called?,Describe your idea,Which department or agency do you work for?,Where are you based?\r
1,5/14/21 13:00:01,5/14/21 13:45:12,zoe.martin@dwp.gov.uk,Zoë Martin,\"Café hygiene data, joined up\",\"Join food hygiene ratings with council inspections.\r
Two lines.\",Food Standards Agency,London\r
,,,,,,,,\r
3,5/14/21 15:00:01,5/14/21 15:15:00,a@b.gov.uk,Rhŷs Jones,,No title here,HMRC,Wales\r
4,5/14/21 16:00:01,5/14/21 16:15:00,sian.llyr@gov.wales,Siân Llŷr,Find pensioners missing out on Pension Credit,Match DWP and HMRC records to find pensioners who are eligible but not claiming Pension Credit.,Department for Work and Pensions,Wales\r
5,5/14/21 16:30:01,5/14/21 16:35:00,sian.llyr@gov.wales,Siân Llŷr,Find pensioners missing out on Pension Credit,Sent twice by mistake.,Department for Work and Pensions,Wales\r
";

fn export_file(content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("responses.csv");
    std::fs::write(&path, content).expect("write");
    (dir, path)
}

#[test]
fn the_dry_run_reports_everything_and_writes_nothing() {
    let (app, c) = with_challenge();
    let (_dir, path) = export_file(FORMS_CSV);
    let preview = app.preview_import(c.id, &path, None).expect("preview");
    assert!(
        preview.mapping_problems.is_empty(),
        "the Forms headers are recognised: {:?}",
        preview.mapping_problems
    );
    assert_eq!(preview.blank_rows, 1);
    assert_eq!(preview.to_add, 3, "rows 2, 5 and 6 are valid");
    let problem_rows: Vec<usize> = preview.problems.iter().map(|p| p.row).collect();
    assert_eq!(
        problem_rows,
        [4],
        "row 4 (counting the header and the quoted line break as a person does) has no title"
    );
    assert_eq!(preview.problems[0].column, "What is your idea called?");
    assert_eq!(preview.duplicates.len(), 1, "row 6 repeats row 5");
    assert!(preview.duplicates[0].exact);
    assert_eq!(preview.duplicates[0].matches_row, Some(5));
    assert!(app.list_ideas(c.id).expect("list").is_empty(), "a dry run writes nothing");
}

#[test]
fn the_commit_adds_valid_rows_once_and_flags_duplicates() {
    let (app, c) = with_challenge();
    let (_dir, path) = export_file(FORMS_CSV);
    let mapping = app.preview_import(c.id, &path, None).expect("preview").mapping;
    let summary = app.commit_import(c.id, &path, &mapping).expect("commit");
    assert_eq!((summary.added, summary.with_problems, summary.flagged_duplicates), (3, 1, 1));
    assert_eq!(summary.first_reference.map(|r| r.0), Some("DC21-0001".to_owned()));

    let again = app.commit_import(c.id, &path, &mapping).expect("second commit");
    assert_eq!((again.added, again.already_imported), (0, 3), "importing the same file again adds nothing");
    assert_eq!(app.list_ideas(c.id).expect("list").len(), 3);

    let cafe = app.get_idea_by_reference("DC21-0001").expect("imported");
    assert_eq!(cafe.details.title, "Café hygiene data, joined up", "quoted commas survive");
    assert!(cafe.details.summary.contains("inspections.\nTwo lines."), "a quoted line break stays, as LF");
    assert_eq!(
        cafe.details.submitted_on.to_string(),
        "2021-05-14",
        "the completion time is the date submitted"
    );
    let history = app.idea_history(cafe.id).expect("history");
    assert_eq!(history[0].kind, ChangeKind::Imported);
    assert_eq!(history[0].note.as_deref(), Some("From responses.csv, row 2"));
}

#[test]
fn a_changed_mapping_is_used_and_remembered_for_the_same_form() {
    let (app, c) = with_challenge();
    let (_dir, path) = export_file(FORMS_CSV);
    let mut mapping = app.preview_import(c.id, &path, None).expect("preview").mapping;
    let region = mapping.columns.iter_mut().find(|m| m.header == "Where are you based?").expect("column");
    assert_eq!(region.field, Field::Region);
    region.field = Field::Tags;
    app.commit_import(c.id, &path, &mapping).expect("commit");
    assert_eq!(app.get_idea_by_reference("DC21-0001").expect("idea").details.tags, ["London"]);

    let next = app.preview_import(c.id, &path, None).expect("preview of the next export");
    assert!(next.mapping_remembered, "the same form's next export starts from the person's choices");
    assert_eq!(next.mapping, mapping);
}

#[test]
fn a_file_that_is_not_an_export_is_refused_with_a_message() {
    let (app, c) = with_challenge();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("photo.xlsx");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0, 1, 2, 3]).expect("write");
    let err = app.preview_import(c.id, &path, None).expect_err("not a spreadsheet");
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(!err.message.is_empty());
    assert!(app.list_ideas(c.id).expect("list").is_empty());
}

#[test]
fn merging_keeps_both_histories_and_both_references_findable() {
    let (app, c) = with_challenge();
    let (_dir, path) = export_file(FORMS_CSV);
    let mapping = app.preview_import(c.id, &path, None).expect("preview").mapping;
    app.commit_import(c.id, &path, &mapping).expect("commit");
    let pairs = app.list_duplicates(c.id).expect("duplicates");
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    app.merge_ideas(pair.flag_id, pair.other.id, pair.idea.id).expect("merge");

    assert!(app.list_duplicates(c.id).expect("duplicates").is_empty(), "the flag is settled");
    let merged =
        app.get_idea_by_reference(pair.idea.reference.as_str()).expect("still found by its reference");
    assert_eq!(merged.merged_into.as_ref(), Some(&pair.other.reference));
    let q = IdeaQuery::for_challenge(c.id);
    let listed: Vec<String> =
        app.search_ideas(&q).expect("search").hits.into_iter().map(|h| h.idea.reference.0).collect();
    assert!(!listed.contains(&pair.idea.reference.0), "a merged duplicate leaves the register's list");
    for id in [pair.idea.id, pair.other.id] {
        let history = app.idea_history(id).expect("history");
        assert_eq!(history[0].kind, ChangeKind::Merged, "both timelines record the merge");
        assert!(history.iter().any(|h| h.kind == ChangeKind::Imported), "and keep what came before");
    }
}

#[test]
fn exports_neutralise_formulas_and_write_whole_files() {
    let (app, c) = with_challenge();
    let mut input = crate::idea_input("=HYPERLINK(\"http://example.invalid\",\"Click\")");
    input.summary = "@SUM(A1:A2)".into();
    app.create_idea(c.id, &input).expect("created");
    let dir = tempfile::tempdir().expect("temp dir");
    let csv_path = dir.path().join("ideas.csv");
    let summary =
        app.export_ideas(&IdeaQuery::for_challenge(c.id), ExportFormat::Csv, &csv_path).expect("export");
    assert_eq!(summary.ideas, 1);
    let text = std::fs::read_to_string(&csv_path).expect("read");
    assert!(text.contains("\"'=HYPERLINK("), "the formula is shown as text: {text}");
    assert!(text.contains(",'@SUM(A1:A2),"), "{text}");
    let xlsx_path = dir.path().join("ideas.xlsx");
    app.export_ideas(&IdeaQuery::for_challenge(c.id), ExportFormat::Xlsx, &xlsx_path).expect("xlsx");
    let table = shortlist_import::read_file(&xlsx_path).expect("the export reads back as a spreadsheet");
    assert_eq!(table.rows.len(), 1);
    assert!(table.rows[0].cells.iter().any(|c| c.starts_with("'=HYPERLINK")), "{:?}", table.rows[0].cells);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn a_file_changed_after_the_dry_run_is_committed_as_it_is_now() {
    let (app, c) = with_challenge();
    let (_dir, path) = export_file(FORMS_CSV);
    let mapping = app.preview_import(c.id, &path, None).expect("preview").mapping;
    // Someone saves a corrected export over the file between the dry run and the commit.
    let corrected = FORMS_CSV.replace("Café hygiene data, joined up", "Restaurant hygiene data, joined up");
    std::fs::write(&path, corrected).expect("overwrite");
    app.commit_import(c.id, &path, &mapping).expect("commit");
    let first = app.get_idea_by_reference("DC21-0001").expect("imported");
    assert_eq!(
        first.details.title, "Restaurant hygiene data, joined up",
        "the commit stores the file on disk at commit time, not the one the dry run read"
    );
}

#[test]
fn an_idea_added_after_the_dry_run_is_compared_at_commit() {
    let (app, c) = with_challenge();
    let (_dir, path) = export_file(FORMS_CSV);
    let preview = app.preview_import(c.id, &path, None).expect("preview");
    assert!(preview.duplicates.iter().all(|d| d.matches_reference.is_none()), "the register was empty");
    let mut input = crate::idea_input("Café hygiene data, joined up");
    input.submitter_name = "Zoë Martin".into();
    input.submitter_email = "zoe.martin@dwp.gov.uk".into();
    app.create_idea(c.id, &input).expect("typed in by hand meanwhile");
    let summary = app.commit_import(c.id, &path, &preview.mapping).expect("commit");
    assert_eq!(
        summary.flagged_duplicates, 2,
        "the commit compares with the register as it is now: the repeated row and the idea typed in"
    );
}
