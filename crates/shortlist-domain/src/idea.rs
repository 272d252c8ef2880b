//! An idea sent in to a challenge.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::challenge::ChallengeId;
use crate::validation::{optional_text, parse_date_parts, required_text, Invalid};

/// The database identifier of an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct IdeaId(pub i64);

/// The reference printed on packs and quoted in meetings: the challenge's prefix and a number,
/// e.g. `DC21-0042`. Given once when the idea is created and never reused or changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Type)]
#[serde(transparent)]
pub struct Reference(pub String);

impl Reference {
    /// The reference of the `number`th idea of a challenge. Four digits keep references sorting
    /// in order up to 9,999 ideas a challenge; beyond that they simply grow longer.
    pub fn new(prefix: &str, number: i64) -> Reference {
        Reference(format!("{prefix}-{number:04}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an idea stands in the challenge. The names are the 2021 challenge's; the workflow
/// (which moves are allowed) lives with the evaluation work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Submitted,
    Screened,
    Longlist,
    Shortlist,
    SemiFinal,
    Final,
    Winner,
    NotProgressed,
    Withdrawn,
    Ineligible,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Submitted,
        Stage::Screened,
        Stage::Longlist,
        Stage::Shortlist,
        Stage::SemiFinal,
        Stage::Final,
        Stage::Winner,
        Stage::NotProgressed,
        Stage::Withdrawn,
        Stage::Ineligible,
    ];

    /// The stored code, stable for the life of the database.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Submitted => "submitted",
            Stage::Screened => "screened",
            Stage::Longlist => "longlist",
            Stage::Shortlist => "shortlist",
            Stage::SemiFinal => "semiFinal",
            Stage::Final => "final",
            Stage::Winner => "winner",
            Stage::NotProgressed => "notProgressed",
            Stage::Withdrawn => "withdrawn",
            Stage::Ineligible => "ineligible",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Submitted => "Submitted",
            Stage::Screened => "Screened",
            Stage::Longlist => "Longlist",
            Stage::Shortlist => "Shortlist",
            Stage::SemiFinal => "Semi-final",
            Stage::Final => "Final",
            Stage::Winner => "Winner",
            Stage::NotProgressed => "Not progressed",
            Stage::Withdrawn => "Withdrawn",
            Stage::Ineligible => "Ineligible",
        }
    }
}

/// Whether the data an idea needs can be had today, in the submitter's or secretariat's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Availability {
    Available,
    Partly,
    NotYet,
    Unknown,
}

/// A dataset an idea would use, and who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
    pub name: String,
    pub owner: String,
    pub availability: Availability,
}

/// Someone who sent in an idea with the main submitter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CoSubmitter {
    pub name: String,
    pub email: String,
    /// They agreed to their name being published with the idea (the published longlist).
    /// Absent in ideas saved before consent was asked: no.
    #[serde(default)]
    pub consent: bool,
}

/// Everything a person can edit about an idea, checked. Shared by [`Idea`] (stored) and
/// [`ValidIdea`] (about to be stored). Text is trimmed, line endings are `\n`, lists hold no
/// blanks or repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaDetails {
    pub title: String,
    pub summary: String,
    /// The service or policy problem it addresses.
    pub problem: String,
    /// The data it would use, in the submitter's words.
    pub data_description: String,
    /// The datasets named, with their owners and whether they are available today.
    pub datasets: Vec<Dataset>,
    /// The benefits, in the submitter's words.
    pub benefits: String,
    pub submitter_name: String,
    pub submitter_email: String,
    /// The submitter agreed to their name being published with the idea (the published
    /// longlist). No unless they said yes.
    #[serde(default)]
    pub submitter_consent: bool,
    /// The submitter's department or agency, e.g. "HM Revenue and Customs".
    pub department: String,
    pub profession: String,
    pub grade: String,
    pub region: String,
    pub co_submitters: Vec<CoSubmitter>,
    pub submitted_on: NaiveDate,
    pub themes: Vec<String>,
    pub tags: Vec<String>,
    pub links: Vec<String>,
    /// The secretariat's own notes; never shown to judges.
    pub notes: String,
}

/// The checked form of an idea: the only form storage accepts.
pub type ValidIdea = IdeaDetails;

/// A stored idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Idea {
    pub id: IdeaId,
    pub challenge_id: ChallengeId,
    pub reference: Reference,
    pub stage: Stage,
    /// When this idea was merged into another as a duplicate: that idea's reference. A merged
    /// idea leaves the register's lists but is still found by its own reference.
    pub merged_into: Option<Reference>,
    #[serde(flatten)]
    pub details: IdeaDetails,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of the register's list: what the secretariat scans, without the long text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaSummary {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    pub submitter_name: String,
    pub department: String,
    pub stage: Stage,
    pub submitted_on: NaiveDate,
    pub updated_at: DateTime<Utc>,
}

/// An idea as typed into the form, read from a command line or an import: raw text, checked by
/// [`IdeaInput::validate`]. The date submitted comes as the three boxes of the GOV.UK date input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaInput {
    pub title: String,
    pub summary: String,
    pub problem: String,
    pub data_description: String,
    pub datasets: Vec<Dataset>,
    pub benefits: String,
    pub submitter_name: String,
    pub submitter_email: String,
    /// The submitter agreed to their name being published.
    #[serde(default)]
    pub submitter_consent: bool,
    pub department: String,
    pub profession: String,
    pub grade: String,
    pub region: String,
    pub co_submitters: Vec<CoSubmitter>,
    pub submitted_day: String,
    pub submitted_month: String,
    pub submitted_year: String,
    pub themes: Vec<String>,
    pub tags: Vec<String>,
    pub links: Vec<String>,
    pub notes: String,
}

pub const TITLE_MAX: usize = 150;
/// Long answers: a form's free-text box rarely passes a few thousand characters; 10,000 leaves
/// room while refusing a pasted document or a runaway cell.
pub const LONG_TEXT_MAX: usize = 10_000;
pub const NOTES_MAX: usize = 20_000;
pub const NAME_MAX: usize = 120;
pub const EMAIL_MAX: usize = 254;
pub const LABEL_MAX: usize = 60;
pub const LABELS_MAX: usize = 20;
pub const LINK_MAX: usize = 2_000;
pub const LIST_MAX: usize = 20;

impl IdeaInput {
    /// A minimal input: the four fields every idea needs, submitted on `submitted_on`.
    pub fn new(
        title: &str,
        summary: &str,
        submitter_name: &str,
        department: &str,
        submitted_on: NaiveDate,
    ) -> Self {
        IdeaInput {
            title: title.into(),
            summary: summary.into(),
            submitter_name: submitter_name.into(),
            department: department.into(),
            submitted_day: submitted_on.day().to_string(),
            submitted_month: submitted_on.month().to_string(),
            submitted_year: submitted_on.year().to_string(),
            ..IdeaInput::default()
        }
    }

    /// Checks every field and reports all problems at once, in form order.
    pub fn validate(&self) -> Result<ValidIdea, Invalid> {
        let mut invalid = Invalid::default();
        let long = |invalid: &mut Invalid, field: &str, value: &str, label: &str| {
            optional_text(invalid, field, value, label, LONG_TEXT_MAX, true)
        };
        let title = required_text(
            &mut invalid,
            "title",
            &self.title,
            "Title",
            "Enter a title for the idea",
            TITLE_MAX,
            false,
        );
        let summary = required_text(
            &mut invalid,
            "summary",
            &self.summary,
            "Summary",
            "Enter a summary of the idea",
            LONG_TEXT_MAX,
            true,
        );
        let problem = long(&mut invalid, "problem", &self.problem, "The problem it addresses");
        let data_description =
            long(&mut invalid, "dataDescription", &self.data_description, "The data it would use");
        let datasets = datasets(&mut invalid, &self.datasets);
        let benefits = long(&mut invalid, "benefits", &self.benefits, "Benefits");
        let submitter_name = required_text(
            &mut invalid,
            "submitterName",
            &self.submitter_name,
            "Submitter's name",
            "Enter the name of the person who sent in the idea",
            NAME_MAX,
            false,
        );
        let submitter_email =
            email(&mut invalid, "submitterEmail", &self.submitter_email, "Submitter's email address");
        let department = required_text(
            &mut invalid,
            "department",
            &self.department,
            "Department or agency",
            "Enter the submitter's department or agency",
            NAME_MAX,
            false,
        );
        let profession =
            optional_text(&mut invalid, "profession", &self.profession, "Profession", NAME_MAX, false);
        let grade = optional_text(&mut invalid, "grade", &self.grade, "Grade", NAME_MAX, false);
        let region = optional_text(&mut invalid, "region", &self.region, "Region", NAME_MAX, false);
        let co_submitters = co_submitters(&mut invalid, &self.co_submitters);
        let submitted_on = parse_date_parts(
            &mut invalid,
            "submittedDay",
            "Date submitted",
            &self.submitted_day,
            &self.submitted_month,
            &self.submitted_year,
        );
        let themes = labels(&mut invalid, "themes", "Theme", &self.themes);
        let tags = labels(&mut invalid, "tags", "Tag", &self.tags);
        let links = links(&mut invalid, "links", &self.links);
        let notes = optional_text(&mut invalid, "notes", &self.notes, "Notes", NOTES_MAX, true);
        invalid.into_result(|| IdeaDetails {
            title,
            summary,
            problem,
            data_description,
            datasets,
            benefits,
            submitter_name,
            submitter_email,
            submitter_consent: self.submitter_consent,
            department,
            profession,
            grade,
            region,
            co_submitters,
            submitted_on: submitted_on.unwrap_or_default(),
            themes,
            tags,
            links,
            notes,
        })
    }
}

impl From<&IdeaDetails> for IdeaInput {
    fn from(d: &IdeaDetails) -> Self {
        IdeaInput {
            title: d.title.clone(),
            summary: d.summary.clone(),
            problem: d.problem.clone(),
            data_description: d.data_description.clone(),
            datasets: d.datasets.clone(),
            benefits: d.benefits.clone(),
            submitter_name: d.submitter_name.clone(),
            submitter_email: d.submitter_email.clone(),
            submitter_consent: d.submitter_consent,
            department: d.department.clone(),
            profession: d.profession.clone(),
            grade: d.grade.clone(),
            region: d.region.clone(),
            co_submitters: d.co_submitters.clone(),
            submitted_day: d.submitted_on.day().to_string(),
            submitted_month: d.submitted_on.month().to_string(),
            submitted_year: d.submitted_on.year().to_string(),
            themes: d.themes.clone(),
            tags: d.tags.clone(),
            links: d.links.clone(),
            notes: d.notes.clone(),
        }
    }
}

impl From<&Idea> for IdeaInput {
    fn from(idea: &Idea) -> Self {
        IdeaInput::from(&idea.details)
    }
}

/// An email address as forms collect it: trimmed, one `@` with text either side, no spaces.
/// Deliberately loose: the point is to catch a name typed in the email box, not to police RFC 5322.
fn email(invalid: &mut Invalid, field: &str, value: &str, label: &str) -> String {
    let v = optional_text(invalid, field, value, label, EMAIL_MAX, false);
    if !v.is_empty() {
        let ok = match v.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.contains('@')
                    && !v.contains(char::is_whitespace)
            }
            None => false,
        };
        if !ok {
            invalid.push(field, format!("{label} must be an email address, like name@department.gov.uk"));
        }
    }
    v
}

/// Themes and tags: trimmed, blanks dropped, repeats (ignoring case) dropped, order kept.
fn labels(invalid: &mut Invalid, field: &str, label: &str, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = v.trim();
        if v.is_empty()
            || out.iter().any(|o| o.eq_ignore_ascii_case(v) || o.to_lowercase() == v.to_lowercase())
        {
            continue;
        }
        if v.chars().count() > LABEL_MAX {
            invalid.push(
                field,
                format!("{label} “{}…” must be {LABEL_MAX} characters or fewer", truncate(v, 20)),
            );
        } else if v.chars().any(char::is_control) {
            invalid.push(
                field,
                format!("{label} “{}” must not contain hidden control characters", truncate(v, 20)),
            );
        }
        out.push(v.to_owned());
    }
    if out.len() > LABELS_MAX {
        invalid.push(
            field,
            format!("An idea can have up to {LABELS_MAX} {}s: remove some", label.to_lowercase()),
        );
    }
    out
}

pub(crate) fn links(invalid: &mut Invalid, field: &str, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let v = v.trim();
        if v.is_empty() || out.iter().any(|o| o == v) {
            continue;
        }
        let lower = v.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            invalid.push(field, format!("Link {} must be a web address starting with https://", i + 1));
        } else if v.len() > LINK_MAX || v.contains(char::is_whitespace) {
            invalid.push(
                field,
                format!("Link {} must be a single web address of {LINK_MAX} characters or fewer", i + 1),
            );
        }
        out.push(v.to_owned());
    }
    if out.len() > LIST_MAX {
        invalid.push(field, format!("Give up to {LIST_MAX} links: remove some"));
    }
    out
}

fn co_submitters(invalid: &mut Invalid, values: &[CoSubmitter]) -> Vec<CoSubmitter> {
    let mut out = Vec::new();
    for (i, c) in values.iter().enumerate() {
        let n = i + 1;
        if c.name.trim().is_empty() && c.email.trim().is_empty() {
            continue;
        }
        let name = optional_text(
            invalid,
            "coSubmitters",
            &c.name,
            &format!("Co-submitter {n}'s name"),
            NAME_MAX,
            false,
        );
        if name.is_empty() {
            invalid.push("coSubmitters", format!("Enter co-submitter {n}'s name"));
        }
        let email = email(invalid, "coSubmitters", &c.email, &format!("Co-submitter {n}'s email address"));
        out.push(CoSubmitter { name, email, consent: c.consent });
    }
    if out.len() > LIST_MAX {
        invalid.push("coSubmitters", format!("An idea can have up to {LIST_MAX} co-submitters"));
    }
    out
}

fn datasets(invalid: &mut Invalid, values: &[Dataset]) -> Vec<Dataset> {
    let mut out = Vec::new();
    for (i, d) in values.iter().enumerate() {
        let n = i + 1;
        if d.name.trim().is_empty() && d.owner.trim().is_empty() {
            continue;
        }
        let name =
            optional_text(invalid, "datasets", &d.name, &format!("Dataset {n}'s name"), NAME_MAX * 2, false);
        if name.is_empty() {
            invalid.push("datasets", format!("Enter the name of dataset {n}"));
        }
        let owner =
            optional_text(invalid, "datasets", &d.owner, &format!("Dataset {n}'s owner"), NAME_MAX, false);
        out.push(Dataset { name, owner, availability: d.availability });
    }
    if out.len() > LIST_MAX {
        invalid.push("datasets", format!("An idea can list up to {LIST_MAX} datasets"));
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn input() -> IdeaInput {
        IdeaInput::new(
            "  Link school attendance and social care data  ",
            "Bring the two together.\r\nSo that early help arrives early.",
            "Siân Llŷr",
            "Welsh Government",
            NaiveDate::from_ymd_opt(2021, 5, 14).expect("a real date"),
        )
    }

    #[test]
    fn text_is_trimmed_and_line_endings_are_normalised() {
        let valid = input().validate().expect("a complete idea is accepted");
        assert_eq!(valid.title, "Link school attendance and social care data");
        assert!(!valid.summary.contains('\r'), "CRLF from Windows forms becomes LF");
        assert_eq!(valid.submitter_name, "Siân Llŷr", "Welsh letters are kept as typed");
    }

    #[rstest]
    #[case::title("title", "Enter a title for the idea")]
    #[case::summary("summary", "Enter a summary of the idea")]
    #[case::submitter("submitterName", "Enter the name of the person who sent in the idea")]
    #[case::department("department", "Enter the submitter's department or agency")]
    fn a_blank_field_says_what_to_enter(#[case] field: &str, #[case] expected: &str) {
        let mut i = input();
        match field {
            "title" => i.title = "   ".into(),
            "summary" => i.summary = "\n".into(),
            "submitterName" => i.submitter_name = String::new(),
            _ => i.department = String::new(),
        }
        let err = i.validate().expect_err("a blank required field is refused");
        assert_eq!(err.errors.len(), 1, "only the blank field is reported: {err}");
        assert_eq!(err.message_for(field), Some(expected));
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        let mut i = input();
        i.title = "ŵ".repeat(TITLE_MAX);
        assert!(i.validate().is_ok(), "150 two-byte letters are 150 characters, within the limit");
        i.title.push('ŵ');
        let err = i.validate().expect_err("151 characters is too long");
        assert_eq!(err.message_for("title"), Some("Title must be 150 characters or fewer"));
    }

    #[test]
    fn control_characters_in_a_one_line_field_are_refused() {
        let mut i = input();
        i.title = "Data\u{0007}sharing".into();
        assert!(i.validate().is_err(), "a bell character would corrupt CSV and PDF output");
        i.title = "Data sharing".into();
        i.summary = "Line one\n\tLine two".into();
        assert!(i.validate().is_ok(), "newlines and tabs belong in a summary");
    }

    #[test]
    fn optional_fields_may_be_blank_but_are_checked_when_filled() {
        let mut i = input();
        assert!(i.validate().is_ok(), "only title, summary, submitter, department and date are required");
        i.submitter_email = "Siân Llŷr".into();
        let err = i.validate().expect_err("a name in the email box is caught");
        assert_eq!(
            err.message_for("submitterEmail"),
            Some("Submitter's email address must be an email address, like name@department.gov.uk")
        );
        i.submitter_email = "sian.llyr@gov.wales".into();
        assert!(i.validate().is_ok(), "devolved government domains are email addresses too");
    }

    #[test]
    fn themes_and_tags_drop_blanks_and_repeats_and_keep_order() {
        let mut i = input();
        i.themes = vec!["Health and care".into(), " ".into(), "health and care".into(), "Net zero".into()];
        i.tags = vec!["Café".into(), "café".into()];
        let valid = i.validate().expect("valid");
        assert_eq!(
            valid.themes,
            ["Health and care", "Net zero"],
            "a repeat differing only in case is the same theme"
        );
        assert_eq!(valid.tags, ["Café"], "case folding covers accented letters");
    }

    #[test]
    fn links_must_be_web_addresses() {
        let mut i = input();
        i.links = vec!["https://www.gov.uk/".into(), "javascript:alert(1)".into()];
        let err = i.validate().expect_err("only web links are kept");
        assert_eq!(err.message_for("links"), Some("Link 2 must be a web address starting with https://"));
    }

    #[test]
    fn a_co_submitter_needs_a_name() {
        let mut i = input();
        i.co_submitters = vec![
            CoSubmitter { name: String::new(), email: String::new(), consent: false },
            CoSubmitter { name: String::new(), email: "a@b.gov.uk".into(), consent: false },
        ];
        let err = i.validate().expect_err("an email without a name is refused");
        assert_eq!(
            err.message_for("coSubmitters"),
            Some("Enter co-submitter 2's name"),
            "blank rows are skipped"
        );
    }

    #[test]
    fn the_date_submitted_follows_the_govuk_date_pattern() {
        let mut i = input();
        i.submitted_month = String::new();
        let err = i.validate().expect_err("a date with no month");
        assert_eq!(err.message_for("submittedDay"), Some("Date submitted must include a month"));
    }

    #[test]
    fn an_idea_round_trips_through_its_input() {
        let valid = input().validate().expect("valid");
        let again = IdeaInput::from(&valid).validate().expect("still valid");
        assert_eq!(valid, again, "editing an idea without changes changes nothing");
    }

    #[test]
    fn stage_codes_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn references_sort_in_number_order() {
        let a = Reference::new("DC21", 9);
        let b = Reference::new("DC21", 10);
        assert_eq!(a.as_str(), "DC21-0009");
        assert!(a < b, "zero padding keeps text order equal to number order");
    }
}
