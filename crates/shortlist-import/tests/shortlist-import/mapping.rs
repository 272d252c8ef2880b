//! Guessing, checking and remembering which column is which.

use rstest::rstest;
use shortlist_import::{check_mapping, form_signature, guess_mapping, reuse_mapping, Field, Mapping};

use crate::fixtures::{google_forms_headers, ms_forms_headers, strings};

fn fields(mapping: &Mapping) -> Vec<Field> {
    mapping.columns.iter().map(|c| c.field).collect()
}

#[test]
fn a_microsoft_forms_export_is_mapped_without_help() {
    use Field::*;
    let headers = ms_forms_headers();
    let mapping = guess_mapping(&headers);
    assert_eq!(
        fields(&mapping),
        [
            Ignore,         // ID
            Ignore,         // Start time: completion time is when it was sent
            SubmittedAt,    // Completion time
            SubmitterEmail, // Email (the signed-in account)
            Ignore,         // Name: the form's own question "Your name" is preferred
            Ignore,         // Last modified time
            Title,
            Summary,
            Problem,
            DataDescription,
            Benefits,
            SubmitterName,
            Department,
            Profession,
            Grade,
            Region,
            CoSubmitters,
            Themes,
            Tags,
            Links,
        ]
    );
    assert!(check_mapping(&headers, &mapping).is_ok(), "the guess is usable as it is");
}

#[test]
fn a_google_forms_export_is_mapped_without_help() {
    use Field::*;
    let headers = google_forms_headers();
    let mapping = guess_mapping(&headers);
    assert_eq!(
        fields(&mapping),
        [
            SubmittedAt,
            SubmitterEmail,
            Title,
            Summary,
            Problem,
            DataDescription,
            Benefits,
            SubmitterName,
            Department,
            Profession,
            Grade,
            Region,
            CoSubmitters,
            Themes,
            Tags,
            Links,
            Notes,
        ]
    );
    assert!(check_mapping(&headers, &mapping).is_ok());
}

#[rstest]
#[case("What is your idea called?", Field::Title)]
#[case("Name of your idea", Field::Title)]
#[case("Describe your idea", Field::Summary)]
#[case("Summary of your idea", Field::Summary)]
#[case("What problem does it solve?", Field::Problem)]
#[case("What data would you use?", Field::DataDescription)]
#[case("BENEFITS", Field::Benefits)]
#[case("Your name", Field::SubmitterName)]
#[case("Name", Field::SubmitterName)]
#[case("Email", Field::SubmitterEmail)]
#[case("Department or agency", Field::Department)]
#[case("Which organisation do you work for?", Field::Department)]
#[case("Job title", Field::Profession)]
#[case("Grade", Field::Grade)]
#[case("Where are you based?", Field::Region)]
#[case("Co-submitters", Field::CoSubmitters)]
#[case("Who else worked on this idea?", Field::CoSubmitters)]
#[case("Do you agree to your name being published with your idea?", Field::Consent)]
#[case("Do you and your co-submitters consent to your names being published?", Field::Consent)]
#[case("Completion time", Field::SubmittedAt)]
#[case("Timestamp", Field::SubmittedAt)]
#[case("Theme", Field::Themes)]
#[case("Keywords", Field::Tags)]
#[case("Target audience", Field::Ignore)]
#[case("Start time", Field::Ignore)]
#[case("Points - What is your idea called?", Field::Ignore)]
fn single_questions_are_guessed(#[case] header: &str, #[case] expected: Field) {
    let mapping = guess_mapping(&strings(&[header]));
    assert_eq!(mapping.columns[0].field, expected, "“{header}”");
}

#[test]
fn each_field_is_guessed_for_one_column_only() {
    let headers = strings(&["Title", "Idea title", "Start time", "Completion time"]);
    let mapping = guess_mapping(&headers);
    assert_eq!(
        fields(&mapping),
        [Field::Title, Field::Ignore, Field::Ignore, Field::SubmittedAt],
        "first wins"
    );
}

#[test]
fn check_mapping_asks_for_each_required_field() {
    let headers = strings(&["Title", "Notes"]);
    let mapping = guess_mapping(&headers);
    let problems = check_mapping(&headers, &mapping).expect_err("summary, name and department are missing");
    assert_eq!(
        problems,
        [
            "Choose which column holds the idea's summary",
            "Choose which column holds the submitter's name",
            "Choose which column holds the submitter's department or agency",
        ]
    );
}

#[test]
fn check_mapping_refuses_two_columns_for_one_value() {
    let headers = strings(&["Title", "Idea title", "Summary", "Name", "Department"]);
    let mut mapping = guess_mapping(&headers);
    mapping.columns[1].field = Field::Title;
    let problems = check_mapping(&headers, &mapping).expect_err("two titles");
    assert_eq!(
        problems,
        ["Only one column can hold the idea's title: choose between “Title” and “Idea title”"]
    );
}

#[test]
fn check_mapping_allows_several_columns_for_lists() {
    let headers = strings(&["Title", "Summary", "Name", "Department", "Link 1", "Link 2"]);
    let mut mapping = guess_mapping(&headers);
    mapping.columns[4].field = Field::Links;
    mapping.columns[5].field = Field::Links;
    assert!(check_mapping(&headers, &mapping).is_ok(), "a form may ask for each link separately");
}

#[test]
fn check_mapping_refuses_a_mapping_for_another_file() {
    let headers = strings(&["Title", "Summary", "Name", "Department"]);
    let mapping = guess_mapping(&strings(&["Title", "Summary", "Name"]));
    let problems = check_mapping(&headers, &mapping).expect_err("a column has no choice");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("The column choices do not match"), "{}", problems[0]);
}

#[test]
fn the_form_signature_ignores_order_case_and_spaces() {
    let a = form_signature(&strings(&["Timestamp", "Idea title", "Your  name "]));
    let b = form_signature(&strings(&["your name", " IDEA TITLE", "timestamp"]));
    assert_eq!(a, b, "the same form exported again, columns moved, is the same form");
    assert!(a.len() >= 16 && a.chars().all(|c| c.is_ascii_hexdigit()), "hex, storable as text: {a}");
    let c = form_signature(&strings(&["Timestamp", "Idea title", "Your name", "Grade"]));
    assert_ne!(a, c, "a form with another question is another form");
    let d = form_signature(&strings(&["Timestamp", "Idea title"]));
    assert_ne!(a, d);
}

#[test]
fn a_remembered_mapping_follows_moved_columns() {
    let first = strings(&["Timestamp", "Idea title", "Summary", "Name", "Department", "Misc"]);
    let mut remembered = guess_mapping(&first);
    remembered.columns[5].field = Field::Notes; // the person's own choice
    let moved = strings(&["Misc", "Timestamp", "Name", "Idea title", "Summary", "Department"]);
    assert_eq!(form_signature(&first), form_signature(&moved), "the same form");
    let reused = reuse_mapping(&moved, &remembered);
    assert_eq!(reused.columns[0].field, Field::Notes, "the person's choice moves with its column");
    assert_eq!(reused.columns[3].field, Field::Title);
    assert!(check_mapping(&moved, &reused).is_ok());
}

#[test]
fn a_mapping_round_trips_through_json_in_camel_case() {
    let mapping = guess_mapping(&strings(&["What data would you use?", "Start time"]));
    let json = serde_json::to_string(&mapping).expect("serialises");
    assert_eq!(
        json,
        r#"{"columns":[{"header":"What data would you use?","field":"dataDescription"},{"header":"Start time","field":"ignore"}]}"#,
        "the UI and the remembered mapping use camelCase"
    );
    let back: Mapping = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, mapping);
}
