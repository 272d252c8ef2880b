//! Which column holds which part of an idea: guessed from the question texts, changed by the
//! person, checked, and remembered for the next export of the same form.
//!
//! A mapping is positional — one [`ColumnMapping`] per header, in file order — because two
//! questions can have the same text. The form is recognised by [`form_signature`], which ignores
//! the order of the columns; [`reuse_mapping`] therefore lines a remembered mapping up with the new
//! file's columns by header text rather than by position.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

/// A part of an idea a column can fill, or [`Field::Ignore`].
#[derive(Serialize, Deserialize, Type, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Title,
    Summary,
    Problem,
    DataDescription,
    Benefits,
    SubmitterName,
    SubmitterEmail,
    Department,
    Profession,
    Grade,
    Region,
    CoSubmitters,
    /// Whether the people named agreed to their names being published with the idea (the
    /// published longlist): a yes/no answer, for the submitter and the co-submitters named in
    /// the same response (the forms ask it once, of the team).
    Consent,
    SubmittedAt,
    Themes,
    Tags,
    Links,
    Notes,
    Ignore,
}

impl Field {
    /// Every field, in the order the mapping screen lists them.
    pub const ALL: [Field; 19] = [
        Field::Title,
        Field::Summary,
        Field::Problem,
        Field::DataDescription,
        Field::Benefits,
        Field::SubmitterName,
        Field::SubmitterEmail,
        Field::Department,
        Field::Profession,
        Field::Grade,
        Field::Region,
        Field::CoSubmitters,
        Field::Consent,
        Field::SubmittedAt,
        Field::Themes,
        Field::Tags,
        Field::Links,
        Field::Notes,
        Field::Ignore,
    ];

    /// The name shown in the mapping screen's drop-down; the same words as the idea form's labels.
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Summary => "Summary",
            Field::Problem => "The problem it addresses",
            Field::DataDescription => "The data it would use",
            Field::Benefits => "Benefits",
            Field::SubmitterName => "Submitter's name",
            Field::SubmitterEmail => "Submitter's email address",
            Field::Department => "Department or agency",
            Field::Profession => "Profession",
            Field::Grade => "Grade",
            Field::Region => "Region",
            Field::CoSubmitters => "Co-submitters",
            Field::Consent => "Consent to publish names",
            Field::SubmittedAt => "Date submitted",
            Field::Themes => "Themes",
            Field::Tags => "Tags",
            Field::Links => "Links",
            Field::Notes => "Notes",
            Field::Ignore => "Do not import",
        }
    }

    /// The words used in "Choose which column holds …".
    fn noun(self) -> &'static str {
        match self {
            Field::Title => "the idea's title",
            Field::Summary => "the idea's summary",
            Field::Problem => "the problem the idea addresses",
            Field::DataDescription => "the data the idea would use",
            Field::Benefits => "the idea's benefits",
            Field::SubmitterName => "the submitter's name",
            Field::SubmitterEmail => "the submitter's email address",
            Field::Department => "the submitter's department or agency",
            Field::Profession => "the submitter's profession",
            Field::Grade => "the submitter's grade",
            Field::Region => "the submitter's region",
            Field::CoSubmitters => "the co-submitters",
            Field::Consent => "whether their names may be published",
            Field::SubmittedAt => "the date submitted",
            Field::Themes => "the themes",
            Field::Tags => "the tags",
            Field::Links => "the links",
            Field::Notes => "notes",
            Field::Ignore => "nothing",
        }
    }

    /// Fields that several columns may fill, their values added together: a form may ask for each
    /// co-submitter, or each link, in a question of its own.
    pub fn takes_several_columns(self) -> bool {
        matches!(
            self,
            Field::CoSubmitters | Field::Themes | Field::Tags | Field::Links | Field::Notes | Field::Ignore
        )
    }

    /// The domain's name for this field in [`shortlist_domain::FieldError::field`].
    pub(crate) fn from_domain_field(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "summary" => Field::Summary,
            "problem" => Field::Problem,
            "dataDescription" => Field::DataDescription,
            "benefits" => Field::Benefits,
            "submitterName" => Field::SubmitterName,
            "submitterEmail" => Field::SubmitterEmail,
            "department" => Field::Department,
            "profession" => Field::Profession,
            "grade" => Field::Grade,
            "region" => Field::Region,
            "coSubmitters" => Field::CoSubmitters,
            "submitterConsent" => Field::Consent,
            "submittedDay" | "submittedMonth" | "submittedYear" => Field::SubmittedAt,
            "themes" => Field::Themes,
            "tags" => Field::Tags,
            "links" => Field::Links,
            "notes" => Field::Notes,
            _ => return None,
        })
    }
}

/// Which field each column fills: one entry per header, in file order.
#[derive(Serialize, Deserialize, Type, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    pub columns: Vec<ColumnMapping>,
}

/// One column's header and the field it fills.
#[derive(Serialize, Deserialize, Type, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub header: String,
    pub field: Field,
}

impl Mapping {
    /// The positions of the columns mapped to `field`, in file order.
    pub fn columns_for(&self, field: Field) -> impl Iterator<Item = usize> + '_ {
        self.columns.iter().enumerate().filter(move |(_, c)| c.field == field).map(|(i, _)| i)
    }
}

/// Lower case, every run of non-alphanumeric characters one space, trimmed: "What is your idea
/// called?" → "what is your idea called". Used for guessing, where punctuation means nothing.
fn words(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `text` (from [`words`]) holds `phrase` as whole words.
fn has(text: &str, phrase: &str) -> bool {
    let (mut padded_text, padded_phrase) = (String::with_capacity(text.len() + 2), format!(" {phrase} "));
    padded_text.push(' ');
    padded_text.push_str(text);
    padded_text.push(' ');
    padded_text.contains(&padded_phrase)
}

fn any(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has(text, p))
}

/// Certainty of a guess: a column the form itself adds, named exactly, beats a keyword in a
/// question, which beats a weak hint. Only used to choose between two columns for one field.
const EXACT: u8 = 100;
const QUESTION: u8 = 60;
const AUTO_NAME: u8 = 50;
const HINT: u8 = 30;

/// The best guess for one header, and how sure it is. Rules run from the most specific to the
/// least, so "Name of your idea" is a title before "name" can make it a person, and "Who else worked
/// on this idea?" is co-submitters before "idea" can make it a summary.
fn guess_one(header: &str) -> (Field, u8) {
    let t = words(header);
    // The columns Microsoft Forms and Google Forms add themselves.
    match t.as_str() {
        "" => return (Field::Ignore, EXACT),
        "id" | "start time" | "last modified time" | "total points" | "quiz feedback" | "points"
        | "feedback" | "language" | "score" => return (Field::Ignore, EXACT),
        "completion time" | "timestamp" => return (Field::SubmittedAt, EXACT),
        "email" | "email address" | "e mail" => return (Field::SubmitterEmail, EXACT),
        // Microsoft Forms' "Name" is the signed-in account, "anonymous" forms leave it empty, so a
        // question that asks for the name outright is preferred to it.
        "name" => return (Field::SubmitterName, AUTO_NAME),
        _ => {}
    }
    // Microsoft Forms quiz columns: "Points - Question", "Feedback - Question".
    if t.starts_with("points ") || t.starts_with("feedback ") {
        return (Field::Ignore, EXACT);
    }
    let rules: &[(Field, &[&str])] = &[
        // First: the consent question names the co-submitters and the submitter's name too.
        (
            Field::Consent,
            &["consent", "publish", "published", "publication", "agree to your name", "name to be shared"],
        ),
        (
            Field::CoSubmitters,
            &[
                "co submitter",
                "co submitters",
                "cosubmitter",
                "cosubmitters",
                "co author",
                "co authors",
                "who else",
                "team members",
                "other team members",
                "colleagues",
                "other people",
                "others involved",
                "joint submitters",
            ],
        ),
        (Field::Profession, &["profession", "job title", "job role", "your role", "job family"]),
        (
            Field::Title,
            &[
                "title",
                "idea called",
                "name of your idea",
                "name of the idea",
                "idea name",
                "name your idea",
                "name for your idea",
                "call your idea",
                "idea title",
                "project name",
            ],
        ),
        (Field::SubmittedAt, &["date submitted", "submission date", "submitted on", "date of submission"]),
        (Field::Summary, &["summary", "summarise", "summarize", "in a sentence", "elevator pitch"]),
        (Field::Problem, &["problem", "problems", "issue", "issues", "pain point", "pain points"]),
        (
            Field::DataDescription,
            &["data", "dataset", "datasets", "data sources", "data source", "information would you use"],
        ),
        (
            Field::Benefits,
            &["benefit", "benefits", "impact", "value", "outcome", "outcomes", "savings", "difference"],
        ),
        (Field::SubmitterEmail, &["email", "emails", "e mail", "email address"]),
        (
            Field::Department,
            &[
                "department",
                "departments",
                "organisation",
                "organization",
                "agency",
                "employer",
                "dept",
                "ministry",
                "public body",
                "arm s length body",
            ],
        ),
        (Field::Grade, &["grade", "pay band", "band", "seniority"]),
        (
            Field::Region,
            &["region", "where are you based", "location", "based", "nation", "office", "work location"],
        ),
        (Field::Themes, &["theme", "themes", "category", "categories", "topic", "topics", "priority area"]),
        (Field::Tags, &["tag", "tags", "keyword", "keywords"]),
        (Field::Links, &["link", "links", "url", "urls", "website", "web address", "web page"]),
        (Field::Notes, &["notes", "note", "comments", "comment", "anything else", "other information"]),
        (Field::SubmitterName, &["your name", "full name", "name", "names", "first name", "surname"]),
        (Field::Summary, &["describe", "description", "tell us", "explain", "your idea", "idea", "proposal"]),
    ];
    for (field, phrases) in rules {
        if any(&t, phrases) {
            let score = if *field == Field::Summary && !any(&t, &["summary", "summarise", "summarize"]) {
                HINT
            } else {
                QUESTION
            };
            return (*field, score);
        }
    }
    (Field::Ignore, HINT)
}

/// Guesses the mapping of a new form from its question texts. Each field except
/// [`Field::Ignore`] is given to at most one column: the most certain guess wins, the first column
/// on a tie, and the other candidates are set to "Do not import" for the person to review.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let guesses: Vec<(Field, u8)> = headers.iter().map(|h| guess_one(h)).collect();
    let mut fields = vec![Field::Ignore; headers.len()];
    let mut order: Vec<usize> = (0..headers.len()).collect();
    // A stable sort keeps file order among equal scores: the first best match wins.
    order.sort_by_key(|i| std::cmp::Reverse(guesses[*i].1));
    let mut taken = std::collections::HashSet::new();
    for i in order {
        let field = guesses[i].0;
        if field != Field::Ignore && taken.insert(field) {
            fields[i] = field;
        }
    }
    Mapping {
        columns: headers
            .iter()
            .zip(fields)
            .map(|(header, field)| ColumnMapping { header: header.clone(), field })
            .collect(),
    }
}

/// Header text as the form's identity sees it: trimmed, lower case, runs of whitespace as one
/// space. Punctuation is kept: "Grade" and "Grade?" are different questions to a form designer.
fn identity(header: &str) -> String {
    header.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A stable name for "this form": the same for every export of the same form whatever the column
/// order, letter case or stray spaces, and different when the questions differ. 32 hex characters
/// (128 bits of SHA-256), so it can be stored and compared as text. Blank headers are left out,
/// because a stray value in an unheaded column does not make a different form.
pub fn form_signature(headers: &[String]) -> String {
    let mut normalised: Vec<String> = headers.iter().map(|h| identity(h)).filter(|h| !h.is_empty()).collect();
    normalised.sort();
    let mut hasher = Sha256::new();
    for h in &normalised {
        hasher.update(h.as_bytes());
        // A separator that cannot be in a header, so ["ab", "c"] and ["a", "bc"] differ.
        hasher.update([0u8]);
    }
    hex(&hasher.finalize()[..16])
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lines a mapping remembered for this form up with a new export's headers: each header takes the
/// field of the remembered column with the same text (the second "Comments" column takes the second
/// remembered "Comments"), and a header the remembered mapping does not know is guessed.
pub fn reuse_mapping(headers: &[String], remembered: &Mapping) -> Mapping {
    let guessed = guess_mapping(headers);
    let mut used = vec![false; remembered.columns.len()];
    let columns = headers
        .iter()
        .zip(guessed.columns)
        .map(|(header, guess)| {
            let key = identity(header);
            let found =
                remembered.columns.iter().enumerate().find(|(i, c)| !used[*i] && identity(&c.header) == key);
            match found {
                Some((i, c)) => {
                    used[i] = true;
                    ColumnMapping { header: header.clone(), field: c.field }
                }
                None => guess,
            }
        })
        .collect();
    let mut mapping = Mapping { columns };
    // A guess for a new column may now clash with a remembered choice; the person's choice wins.
    for field in Field::ALL.into_iter().filter(|f| !f.takes_several_columns()) {
        let positions: Vec<usize> = mapping.columns_for(field).collect();
        if positions.len() > 1 {
            let remembered_at = positions.iter().copied().find(|i| {
                remembered
                    .columns
                    .iter()
                    .any(|c| c.field == field && identity(&c.header) == identity(&headers[*i]))
            });
            let keep = remembered_at.unwrap_or(positions[0]);
            for i in positions.into_iter().filter(|i| *i != keep) {
                mapping.columns[i].field = Field::Ignore;
            }
        }
    }
    mapping
}

/// Checks a mapping before it is applied. Every header must be mapped once, in order; the title,
/// summary, submitter's name and department must each come from exactly one column; other fields
/// that hold one value may come from at most one column.
///
/// # Errors
/// Every problem found, each a sentence for the GOV.UK error summary, e.g. "Choose which column
/// holds the idea's title".
pub fn check_mapping(headers: &[String], mapping: &Mapping) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let in_order = mapping.columns.len() == headers.len()
        && mapping.columns.iter().zip(headers).all(|(c, h)| c.header.trim() == h.trim());
    if !in_order {
        problems.push(
            "The column choices do not match this file's columns: choose a field for each column again"
                .to_owned(),
        );
        return Err(problems);
    }
    for field in Field::ALL {
        let columns: Vec<&str> = mapping.columns_for(field).map(|i| headers[i].as_str()).collect();
        let required =
            matches!(field, Field::Title | Field::Summary | Field::SubmitterName | Field::Department);
        if columns.is_empty() && required {
            problems.push(format!("Choose which column holds {}", field.noun()));
        } else if columns.len() > 1 && !field.takes_several_columns() {
            let quoted: Vec<String> = columns.iter().map(|h| format!("“{h}”")).collect();
            problems.push(format!(
                "Only one column can hold {}: choose between {}",
                field.noun(),
                join_or(&quoted)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(words("  What is your idea CALLED?? "), "what is your idea called");
        assert_eq!(words("Co-submitters (names & emails)"), "co submitters names emails");
    }

    #[test]
    fn whole_words_only() {
        assert!(!has("target audience", "tag"), "“tag” must not match inside “target”");
        assert!(has("tags", "tags"));
    }

    #[test]
    fn a_field_label_exists_for_every_field() {
        for f in Field::ALL {
            assert!(!f.label().is_empty());
        }
        assert_eq!(Field::ALL.len(), 19, "ALL lists every variant once");
    }
}
