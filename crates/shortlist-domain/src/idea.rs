//! An idea sent in to a challenge.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::challenge::ChallengeId;
use crate::validation::{required_text, Invalid};

/// The database identifier of an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct IdeaId(pub i64);

/// The reference printed on packs and quoted in meetings: the challenge's prefix and a number,
/// e.g. `DC21-0042`. Given once when the idea is created and never reused or changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
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

/// A stored idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Idea {
    pub id: IdeaId,
    pub challenge_id: ChallengeId,
    pub reference: Reference,
    pub title: String,
    pub summary: String,
    pub submitter_name: String,
    /// The submitter's department or agency, e.g. "HM Revenue and Customs".
    pub department: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of the register's list: what the secretariat scans, without the long text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaSummary {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    pub submitter_name: String,
    pub department: String,
    pub updated_at: DateTime<Utc>,
}

/// An idea as typed into the form or read from a command line: raw text, checked by
/// [`IdeaInput::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaInput {
    pub title: String,
    pub summary: String,
    pub submitter_name: String,
    pub department: String,
}

/// An idea that passed every rule; the only form storage accepts. Text is trimmed and line
/// endings are `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIdea {
    pub title: String,
    pub summary: String,
    pub submitter_name: String,
    pub department: String,
}

pub const TITLE_MAX: usize = 150;
pub const SUMMARY_MAX: usize = 5000;
pub const NAME_MAX: usize = 120;
pub const DEPARTMENT_MAX: usize = 120;

impl IdeaInput {
    /// Checks every field and reports all problems at once, in form order.
    pub fn validate(&self) -> Result<ValidIdea, Invalid> {
        let mut invalid = Invalid::default();
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
            SUMMARY_MAX,
            true,
        );
        let submitter_name = required_text(
            &mut invalid,
            "submitterName",
            &self.submitter_name,
            "Submitter's name",
            "Enter the name of the person who sent in the idea",
            NAME_MAX,
            false,
        );
        let department = required_text(
            &mut invalid,
            "department",
            &self.department,
            "Department or agency",
            "Enter the submitter's department or agency",
            DEPARTMENT_MAX,
            false,
        );
        invalid.into_result(|| ValidIdea { title, summary, submitter_name, department })
    }
}

impl From<&Idea> for IdeaInput {
    fn from(idea: &Idea) -> Self {
        IdeaInput {
            title: idea.title.clone(),
            summary: idea.summary.clone(),
            submitter_name: idea.submitter_name.clone(),
            department: idea.department.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn input() -> IdeaInput {
        IdeaInput {
            title: "  Link school attendance and social care data  ".into(),
            summary: "Bring the two together.\r\nSo that early help arrives early.".into(),
            submitter_name: "Siân Llŷr".into(),
            department: "Welsh Government".into(),
        }
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
    fn references_sort_in_number_order() {
        let a = Reference::new("DC21", 9);
        let b = Reference::new("DC21", 10);
        assert_eq!(a.as_str(), "DC21-0009");
        assert!(a < b, "zero padding keeps text order equal to number order");
    }
}
