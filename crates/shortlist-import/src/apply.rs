//! Turning each response into an idea ready to store, or into the problems that stop it.
//!
//! The domain's own [`IdeaInput::validate`] does the checking, so an imported idea meets exactly
//! the rules of one typed into the app, and its messages are the same words. This module only
//! reshapes cells into an [`IdeaInput`] and says which column each problem came from.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shortlist_domain::{CoSubmitter, IdeaInput, ValidIdea};
use specta::Type;

use crate::dates::{self, DayOrder};
use crate::mapping::{hex, Field, Mapping};
use crate::read::{Table, TableRow};

/// Something wrong with one response, for the dry-run report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The spreadsheet row number, as in [`TableRow::number`].
    pub row: usize,
    /// The header of the column at fault ("Column F" if it has none), or empty if the problem is
    /// not about one column.
    pub column: String,
    /// What is wrong, in the words the idea form uses for the same mistake.
    pub reason: String,
}

/// A response that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MappedRow {
    /// The spreadsheet row number.
    pub row: usize,
    /// The idea as the form's cells give it; `validate()` succeeds on it.
    pub input: IdeaInput,
    /// What `input.validate()` gave, kept so that storing the row need not check it again.
    pub valid: ValidIdea,
    /// The same for the same response whenever it is imported again (see [`apply`]); stored with the
    /// idea so a second import of the same export adds nothing.
    pub source_key: String,
}

/// What applying a mapping to a table produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// Responses ready to store, in file order.
    pub rows: Vec<MappedRow>,
    /// Every problem, in file order; a row with any problem is not in `rows`.
    pub problems: Vec<RowProblem>,
    /// Rows with nothing in them, skipped: those the reader skipped plus any in `table.rows`.
    pub blank_rows: usize,
}

/// Applies `mapping` to every response in `table`.
///
/// Each non-blank row becomes a [`MappedRow`] or, if anything in it is wrong, one [`RowProblem`]
/// per problem — all of a row's problems at once, so the person can fix the file in one pass.
/// `default_date` is the date submitted when no column gives one or the row's cell is empty. Cells
/// are read as follows:
/// - the date submitted: see the `dates` module (UK, US, ISO, Excel serial; the day order decided
///   once for the whole column);
/// - co-submitters: one per line or ';' (or ',' when neither is used), as `Name <email>`,
///   "Name (email)", "Name email" or a bare email, which is then used as the name too;
/// - themes and tags: split on ';' (Microsoft Forms' separator for multiple choices) and ',';
/// - links: split on spaces, line breaks and ';';
/// - the email "anonymous", which Microsoft Forms writes when it does not collect addresses, as
///   no email;
/// - several notes columns: each answer under its question.
///
/// The `source_key` of a row, a SHA-256 in hex, is built from:
/// - where the file has an "ID" column (Microsoft Forms' response number): that ID with the
///   submission time and email, which identify one response of one form even if the form later
///   gains a question; with neither, the ID with `form_signature`;
/// - otherwise the submission time, email and title, which together identify a response in
///   practice.
///
/// Times are compared as read, so the same response exported as CSV and as XLSX has the same key.
pub fn apply(table: &Table, mapping: &Mapping, form_signature: &str, default_date: NaiveDate) -> Applied {
    let plan = Plan::new(table, mapping);
    // Each row is mapped and checked on its own, so a large export is split over the cores and
    // the parts joined in row order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let parts: Vec<Applied> = if threads == 1 || table.rows.len() < 1024 {
        vec![plan.apply(&table.rows, form_signature, default_date)]
    } else {
        let chunk = table.rows.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = table
                .rows
                .chunks(chunk)
                .map(|rows| {
                    let plan = &plan;
                    scope.spawn(move || plan.apply(rows, form_signature, default_date))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        })
    };
    let mut applied = Applied { rows: Vec::new(), problems: Vec::new(), blank_rows: table.blank_rows };
    for part in parts {
        applied.rows.extend(part.rows);
        applied.problems.extend(part.problems);
        applied.blank_rows += part.blank_rows;
    }
    applied
}

/// The mapping worked out once for the whole table: which columns feed which field, and how the
/// date column reads.
struct Plan<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    date_order: DayOrder,
    id_column: Option<usize>,
}

impl std::fmt::Debug for Plan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("date_order", &self.date_order)
            .field("id_column", &self.id_column)
            .finish()
    }
}

fn cell(row: &TableRow, index: usize) -> &str {
    row.cells.get(index).map_or("", String::as_str)
}

fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl<'a> Plan<'a> {
    /// `apply` for some of the table's rows (blank rows counted, not the table's own count).
    fn apply(&self, rows: &[TableRow], form_signature: &str, default_date: NaiveDate) -> Applied {
        let mut applied = Applied { rows: Vec::new(), problems: Vec::new(), blank_rows: 0 };
        for row in rows {
            if row.cells.iter().all(|c| c.trim().is_empty()) {
                applied.blank_rows += 1;
                continue;
            }
            let before = applied.problems.len();
            let (input, submitted) = self.input(row, default_date, &mut applied.problems);
            match input.validate() {
                Err(invalid) => {
                    for error in invalid.errors {
                        let column = Field::from_domain_field(&error.field)
                            .and_then(|f| self.first(f))
                            .map(|i| self.table.column_label(i))
                            .unwrap_or_default();
                        applied.problems.push(RowProblem { row: row.number, column, reason: error.message });
                    }
                }
                Ok(valid) if applied.problems.len() == before => {
                    let source_key = self.source_key(row, submitted, form_signature);
                    applied.rows.push(MappedRow { row: row.number, input, valid, source_key });
                }
                // Valid, but a cell could not be read (say, a date): the row is left out too.
                Ok(_) => {}
            }
        }
        applied
    }

    fn new(table: &'a Table, mapping: &'a Mapping) -> Self {
        let date_order = match mapping.columns_for(Field::SubmittedAt).next() {
            Some(i) => dates::column_order(table.rows.iter().map(|r| cell(r, i))),
            None => DayOrder::DayFirst,
        };
        let id_column = table.headers.iter().position(|h| normalised(h) == "id");
        Plan { table, mapping, date_order, id_column }
    }

    /// The first column mapped to `field`: single-value fields have only one once checked, and an
    /// unchecked mapping with two is read from the first rather than refused here.
    fn first(&self, field: Field) -> Option<usize> {
        self.mapping.columns_for(field).next()
    }

    fn text(&self, row: &TableRow, field: Field) -> String {
        self.first(field).map(|i| cell(row, i).to_owned()).unwrap_or_default()
    }

    fn cells<'r>(&self, row: &'r TableRow, field: Field) -> impl Iterator<Item = &'r str> + use<'r, '_> {
        self.mapping.columns_for(field).map(move |i| cell(row, i)).filter(|c| !c.trim().is_empty())
    }

    /// The row as an [`IdeaInput`], and the submission time read from it (if any). A date that
    /// cannot be read is added to `problems`, and the default date used so the rest of the row is
    /// still checked.
    fn input(
        &self,
        row: &TableRow,
        default_date: NaiveDate,
        problems: &mut Vec<RowProblem>,
    ) -> (IdeaInput, Option<NaiveDateTime>) {
        let mut submitted = None;
        if let Some(i) = self.first(Field::SubmittedAt) {
            let value = cell(row, i).trim();
            if !value.is_empty() {
                submitted = dates::parse(value, self.date_order);
                if submitted.is_none() {
                    problems.push(RowProblem {
                        row: row.number,
                        column: self.table.column_label(i),
                        reason: format!(
                            "“{}” is not a date Shortlist can read; use the form's own timestamp column",
                            shorten(value, 40)
                        ),
                    });
                }
            }
        }
        let date = submitted.map_or(default_date, |dt| dt.date());
        let consent = agreed(&self.text(row, Field::Consent));
        let mut email = self.text(row, Field::SubmitterEmail);
        if email.trim().eq_ignore_ascii_case("anonymous") {
            email.clear();
        }
        // Fields the domain adds later (datasets today) start empty: no form column feeds them yet,
        // and the import keeps compiling while the idea grows.
        #[allow(clippy::needless_update)]
        let input = IdeaInput {
            title: self.text(row, Field::Title),
            summary: self.text(row, Field::Summary),
            problem: self.text(row, Field::Problem),
            data_description: self.text(row, Field::DataDescription),
            datasets: Vec::new(),
            benefits: self.text(row, Field::Benefits),
            submitter_name: self.text(row, Field::SubmitterName),
            submitter_email: email,
            submitter_consent: consent,
            department: self.text(row, Field::Department),
            profession: self.text(row, Field::Profession),
            grade: self.text(row, Field::Grade),
            region: self.text(row, Field::Region),
            co_submitters: self
                .cells(row, Field::CoSubmitters)
                .flat_map(co_submitters)
                .map(|c| CoSubmitter { consent, ..c })
                .collect(),
            submitted_day: date.day().to_string(),
            submitted_month: date.month().to_string(),
            submitted_year: date.year().to_string(),
            themes: self.cells(row, Field::Themes).flat_map(choices).collect(),
            tags: self.cells(row, Field::Tags).flat_map(choices).collect(),
            links: self.cells(row, Field::Links).flat_map(links).collect(),
            notes: self.notes(row),
            ..IdeaInput::default()
        };
        (input, submitted)
    }

    /// One notes column as it is; several, each answer under its question so the secretariat
    /// knows what was asked.
    fn notes(&self, row: &TableRow) -> String {
        let columns: Vec<usize> = self.mapping.columns_for(Field::Notes).collect();
        if columns.len() <= 1 {
            return self.text(row, Field::Notes);
        }
        columns
            .into_iter()
            .filter(|i| !cell(row, *i).trim().is_empty())
            .map(|i| format!("{}\n{}", self.table.column_label(i), cell(row, i).trim()))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn source_key(&self, row: &TableRow, submitted: Option<NaiveDateTime>, form_signature: &str) -> String {
        let when = match (submitted, self.first(Field::SubmittedAt)) {
            (Some(dt), _) => dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
            (None, Some(i)) => normalised(cell(row, i)),
            (None, None) => String::new(),
        };
        let email = normalised(&self.text(row, Field::SubmitterEmail));
        let id = self.id_column.map(|i| normalised(cell(row, i))).filter(|id| !id.is_empty());
        let parts: Vec<&str> = match &id {
            Some(id) if !(when.is_empty() && email.is_empty()) => vec!["response-id", id, &when, &email],
            Some(id) => vec!["response-id-in-form", form_signature, id],
            None => {
                let title = normalised(&self.text(row, Field::Title));
                return digest(&["response", &when, &email, &title]);
            }
        };
        digest(&parts)
    }
}

fn digest(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for p in parts {
        hasher.update(p.as_bytes());
        hasher.update([0u8]);
    }
    hex(&hasher.finalize())
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Splits a co-submitters answer into people. Lines and ';' are the separators people use between
/// names that may contain commas ("Smith, Jane"); only without them is ',' taken as one.
fn co_submitters(text: &str) -> Vec<CoSubmitter> {
    let parts: Vec<&str> = if text.contains(['\n', ';']) {
        text.split(['\n', ';']).collect()
    } else {
        text.split(',').collect()
    };
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(person).collect()
}

/// `Jane Smith <jane@x.gov.uk>`, `Jane Smith (jane@x.gov.uk)`, `Jane Smith jane@x.gov.uk`,
/// "jane@x.gov.uk" or "Jane Smith".
fn person(text: &str) -> CoSubmitter {
    let make = |name: &str, email: &str| CoSubmitter {
        name: name.trim().to_owned(),
        email: email.trim().to_owned(),
        consent: false,
    };
    if let Some((name, rest)) = text.split_once('<') {
        return make(name, rest.trim_end().trim_end_matches('>'));
    }
    if let Some((name, rest)) = text.split_once('(') {
        let inner = rest.trim_end().trim_end_matches(')');
        if inner.contains('@') {
            return make(name, inner);
        }
    }
    if let Some(email) = text.split_whitespace().last().filter(|w| w.contains('@')) {
        let name = text[..text.len() - email.len()].trim();
        // With only an address, the address stands for the name rather than leaving the row
        // refused for a blank name; the secretariat can correct it.
        return make(if name.is_empty() { email } else { name }, email);
    }
    make(text, "")
}

/// A consent answer: only a clear yes ("Yes", "Yes, I agree", "I agree", "I consent", "Y",
/// "TRUE", "1") counts. A blank, a no or anything unclear is no, so no name is published on a
/// guess.
fn agreed(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.starts_with("yes")
        || t.starts_with("i agree")
        || t.starts_with("i consent")
        || matches!(t.as_str(), "y" | "true" | "1" | "agree" | "agreed" | "consent" | "consented")
}

fn choices(text: &str) -> Vec<String> {
    text.split([';', ',']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

fn links(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ';').filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn co_submitters_in_the_forms_people_type() {
        let people = co_submitters(
            "Jane Smith <jane.smith@hmrc.gov.uk>; Raj Patel (raj.patel@dwp.gov.uk)\nAlex Jones",
        );
        assert_eq!(people.len(), 3, "';' and new lines both separate people");
        assert_eq!(
            people[0],
            CoSubmitter { name: "Jane Smith".into(), email: "jane.smith@hmrc.gov.uk".into(), consent: false }
        );
        assert_eq!(
            people[1],
            CoSubmitter { name: "Raj Patel".into(), email: "raj.patel@dwp.gov.uk".into(), consent: false }
        );
        assert_eq!(
            people[2],
            CoSubmitter { name: "Alex Jones".into(), email: String::new(), consent: false }
        );
        let commas = co_submitters("Jane Smith, Raj Patel");
        assert_eq!(commas.len(), 2, "commas separate people when nothing else does");
        let bare = co_submitters("sam@ons.gov.uk");
        assert_eq!(bare[0].name, "sam@ons.gov.uk", "a bare address also stands for the name");
        assert_eq!(
            person("Jane Smith (HMRC)").name,
            "Jane Smith (HMRC)",
            "brackets without an address are a name"
        );
    }

    #[test]
    fn only_a_clear_yes_is_consent_to_publish_a_name() {
        for yes in
            ["Yes", "yes, I agree", "I agree", "I consent to my name being published", "Y", "TRUE", "1"]
        {
            assert!(agreed(yes), "{yes:?} is a yes");
        }
        // A name published without consent cannot be taken back: anything else is no.
        for no in ["", "No", "no thanks", "Prefer not to say", "maybe", "N/A"] {
            assert!(!agreed(no), "{no:?} is not a yes");
        }
    }

    #[test]
    fn multiple_choice_answers_split_on_microsoft_forms_semicolons() {
        assert_eq!(choices("Health;Net zero;"), ["Health", "Net zero"], "Forms ends the list with ';'");
        assert_eq!(
            links("https://a.gov.uk https://b.gov.uk;\nhttps://c"),
            ["https://a.gov.uk", "https://b.gov.uk", "https://c"]
        );
    }
}
