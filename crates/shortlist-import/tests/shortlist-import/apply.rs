//! Responses becoming ideas, and the problems that stop them, as the dry run shows them.

use chrono::NaiveDate;
use shortlist_import::{apply, form_signature, guess_mapping, read_bytes, Applied, FileKind, Table};

use crate::fixtures::{csv, default_date, google_csv, ms_forms_workbook};

fn apply_guessed(table: &Table) -> Applied {
    let mapping = guess_mapping(&table.headers);
    apply(table, &mapping, &form_signature(&table.headers), default_date())
}

fn date_of(applied: &Applied, index: usize) -> NaiveDate {
    let input = &applied.rows[index].input;
    let part = |s: &str| s.parse::<u32>().expect("a number");
    NaiveDate::from_ymd_opt(
        input.submitted_year.parse().expect("a year"),
        part(&input.submitted_month),
        part(&input.submitted_day),
    )
    .expect("a real date")
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

const HEADER: &str = "Timestamp,Idea title,Summary,Your name,Department,Themes,Co-submitters,Email";

#[test]
fn a_good_response_becomes_an_idea_input_that_validates() {
    let table = csv(&format!(
        "{HEADER}\n14/05/2021 13:45:12,Link attendance data,Bring it together,Siân Llŷr,Welsh Government,\
         Health;Education;,\"Jane Smith <jane@gov.wales>; Raj Patel (raj@gov.wales)\",sian@gov.wales\n"
    ));
    let applied = apply_guessed(&table);
    assert!(applied.problems.is_empty(), "{:?}", applied.problems);
    let row = &applied.rows[0];
    assert_eq!(row.row, 2);
    assert_eq!(row.input.title, "Link attendance data");
    assert_eq!(row.input.themes, ["Health", "Education"], "Microsoft Forms' ';' joins choices");
    assert_eq!(row.input.co_submitters.len(), 2);
    assert_eq!(row.input.co_submitters[1].email, "raj@gov.wales");
    assert_eq!(date_of(&applied, 0), ymd(2021, 5, 14));
    assert_eq!(
        row.input.validate().ok().as_ref(),
        Some(&row.valid),
        "a mapped row is ready to store, checked once"
    );
}

#[test]
fn problems_name_the_row_a_person_sees_and_the_column_header() {
    let table = csv(&format!(
        "{HEADER}\n\
         14/05/2021,\"Idea, one\",\"Line one\nLine two\",Ann,HMRC,,,\n\
         14/05/2021,,Summary,Bob,DWP,,,not-an-email\n\
         \n\
         32/13/2021,Idea four,Summary,,ONS,,,\n"
    ));
    let applied = apply_guessed(&table);
    assert_eq!(applied.rows.len(), 1, "only the first response is fine");
    let problems: Vec<(usize, &str, &str)> =
        applied.problems.iter().map(|p| (p.row, p.column.as_str(), p.reason.as_str())).collect();
    assert_eq!(
        problems,
        [
            (3, "Idea title", "Enter a title for the idea"),
            (3, "Email", "Submitter's email address must be an email address, like name@department.gov.uk"),
            (5, "Timestamp", "“32/13/2021” is not a date Shortlist can read; use the form's own timestamp column"),
            (5, "Your name", "Enter the name of the person who sent in the idea"),
        ],
        "row 2's line break and row 4's blank line do not shift the numbers: Excel shows these as rows 3 and 5"
    );
    assert_eq!(applied.blank_rows, 1);
}

#[test]
fn a_one_megabyte_cell_is_a_problem_not_a_failure() {
    let big = "x".repeat(1024 * 1024);
    let table = csv(&format!("{HEADER}\n14/05/2021,Title,{big},Ann,HMRC,,,\n"));
    let applied = apply_guessed(&table);
    assert!(applied.rows.is_empty());
    assert_eq!(applied.problems[0].column, "Summary");
    assert_eq!(applied.problems[0].reason, "Summary must be 10,000 characters or fewer");
}

#[test]
fn the_default_date_is_used_when_there_is_no_timestamp() {
    let table = csv("Idea title,Summary,Your name,Department\nT,S,N,D\n");
    let applied = apply_guessed(&table);
    assert_eq!(date_of(&applied, 0), default_date());
}

#[test]
fn us_dates_are_recognised_for_the_whole_column() {
    let table = csv(&format!(
        "{HEADER}\n04/05/2021 09:00:00,A,S,N,D,,,\n5/14/21 13:45:12,B,S,N,D,,,\n5/14/2021 1:45:12 PM,C,S,N,D,,,\n"
    ));
    let applied = apply_guessed(&table);
    assert!(applied.problems.is_empty(), "{:?}", applied.problems);
    assert_eq!(date_of(&applied, 0), ymd(2021, 4, 5), "05/14 proves the file is US, so 04/05 is 5 April");
    assert_eq!(date_of(&applied, 1), ymd(2021, 5, 14));
    assert_eq!(date_of(&applied, 2), ymd(2021, 5, 14));
}

#[test]
fn uk_dates_stay_uk_when_nothing_proves_otherwise() {
    let table = csv(&format!(
        "{HEADER}\n04/05/2021,A,S,N,D,,,\n2021-05-14T13:45:12Z,B,S,N,D,,,\n44330.57,C,S,N,D,,,\n"
    ));
    let applied = apply_guessed(&table);
    assert!(applied.problems.is_empty(), "{:?}", applied.problems);
    assert_eq!(date_of(&applied, 0), ymd(2021, 5, 4));
    assert_eq!(date_of(&applied, 1), ymd(2021, 5, 14), "ISO 8601");
    assert_eq!(date_of(&applied, 2), ymd(2021, 5, 14), "an Excel serial number that lost its date format");
}

#[test]
fn microsoft_forms_anonymous_email_is_no_email() {
    let table = csv(&format!("{HEADER}\n14/05/2021,T,S,N,D,,,anonymous\n"));
    let applied = apply_guessed(&table);
    assert!(applied.problems.is_empty(), "“anonymous” is what Forms writes, not a wrong address");
    assert_eq!(applied.rows[0].input.submitter_email, "");
}

#[test]
fn the_workbook_applies_with_the_merged_cell_reported() {
    let table = read_bytes(&ms_forms_workbook(), FileKind::Xlsx).expect("reads");
    let applied = apply_guessed(&table);
    assert_eq!(applied.rows.len(), 2);
    assert_eq!(date_of(&applied, 0), ymd(2021, 5, 14), "a real date cell");
    assert_eq!(applied.rows[1].input.department, "Cabinet Office");
    assert_eq!(applied.problems.len(), 1);
    assert_eq!(
        (applied.problems[0].row, applied.problems[0].column.as_str()),
        (3, "Department or agency"),
        "the cell under a merged range is empty in the file, so row 3 needs its department"
    );
}

#[test]
fn reading_the_same_file_twice_gives_the_same_keys() {
    let text = google_csv(50);
    let first = apply_guessed(&csv(&text));
    let second = apply_guessed(&csv(&text));
    let keys = |a: &Applied| a.rows.iter().map(|r| r.source_key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&first), keys(&second), "importing the same export again must add nothing");
    let mut unique = keys(&first);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 50, "different responses have different keys");
}

#[test]
fn keys_survive_a_new_question_being_added_to_the_form() {
    let before = csv("ID,Completion time,Email,Idea title,Summary,Your name,Department\n\
                      7,14/05/2021 13:45:12,a@b.gov.uk,T,S,N,D\n");
    let after = csv("ID,Completion time,Email,Idea title,Summary,Your name,Department,Grade\n\
                     7,14/05/2021 13:45:12,a@b.gov.uk,T,S,N,D,G7\n");
    assert_ne!(form_signature(&before.headers), form_signature(&after.headers), "the form changed");
    assert_eq!(
        apply_guessed(&before).rows[0].source_key,
        apply_guessed(&after).rows[0].source_key,
        "a response exported before and after the form gained a question is still the same response"
    );
}

#[test]
fn the_same_response_has_the_same_key_in_csv_and_xlsx() {
    let table = read_bytes(&ms_forms_workbook(), FileKind::Xlsx).expect("reads");
    let from_xlsx = apply_guessed(&table);
    let as_csv = csv("ID,Completion time,Email,Idea title,Summary,Your name,Department or agency\n\
                      1,14/05/2021 13:45:12,person1@hmrc.gov.uk,Link attendance data,\
                      A summary long enough to be a summary,Person 1,HM Revenue and Customs\n");
    let from_csv = apply_guessed(&as_csv);
    assert_eq!(
        from_xlsx.rows[0].source_key, from_csv.rows[0].source_key,
        "times are compared as read, not as text"
    );
}

#[test]
fn the_consent_answer_covers_the_submitter_and_the_co_submitters_named_with_them() {
    let table = csv(
        "Idea title,Summary,Your name,Department,Co-submitters,May we publish your names with your idea?\n\
         Link data,Bring it together,Siân Llŷr,Welsh Government,Jane Smith <jane@gov.wales>,\"Yes, I agree\"\n\
         Share data,Share it,Raj Patel,DWP,Ann Lee,No\n\
         Use data,Use it,Ann Other,HMRC,,\n",
    );
    let applied = apply_guessed(&table);
    assert!(applied.problems.is_empty(), "{:?}", applied.problems);
    let consents: Vec<(bool, Vec<bool>)> = applied
        .rows
        .iter()
        .map(|r| (r.input.submitter_consent, r.input.co_submitters.iter().map(|c| c.consent).collect()))
        .collect();
    // A blank answer is no: a name is only ever published on a clear yes.
    assert_eq!(consents, [(true, vec![true]), (false, vec![false]), (false, vec![])]);
    assert!(applied.rows[0].valid.submitter_consent, "consent survives validation into what is stored");
}
