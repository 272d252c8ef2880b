//! Exporting the register, or the filtered view of it, to CSV or XLSX for people who work in
//! spreadsheets. Every cell that a spreadsheet would read as a formula is neutralised.

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};
use shortlist_domain::{Idea, IdeaQuery};
use shortlist_store::{ideas, search};
use specta::Type;

use super::Shortlist;
use crate::files::write_atomically;
use crate::{ApiError, ErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub path: String,
    pub ideas: u32,
}

const HEADERS: [&str; 21] = [
    "Reference",
    "Stage",
    "Title",
    "Summary",
    "Problem",
    "Data",
    "Datasets",
    "Benefits",
    "Submitter",
    "Submitter email",
    "Department or agency",
    "Profession",
    "Grade",
    "Region",
    "Co-submitters",
    "Date submitted",
    "Themes",
    "Tags",
    "Links",
    "Secretariat notes",
    "Last updated",
];

fn row(idea: &Idea) -> Vec<String> {
    let d = &idea.details;
    vec![
        idea.reference.0.clone(),
        idea.stage.label().to_owned(),
        d.title.clone(),
        d.summary.clone(),
        d.problem.clone(),
        d.data_description.clone(),
        d.datasets
            .iter()
            .map(|x| if x.owner.is_empty() { x.name.clone() } else { format!("{} ({})", x.name, x.owner) })
            .collect::<Vec<_>>()
            .join("; "),
        d.benefits.clone(),
        d.submitter_name.clone(),
        d.submitter_email.clone(),
        d.department.clone(),
        d.profession.clone(),
        d.grade.clone(),
        d.region.clone(),
        d.co_submitters
            .iter()
            .map(|c| if c.email.is_empty() { c.name.clone() } else { format!("{} <{}>", c.name, c.email) })
            .collect::<Vec<_>>()
            .join("; "),
        d.submitted_on.format("%Y-%m-%d").to_string(),
        d.themes.join("; "),
        d.tags.join("; "),
        d.links.join(" "),
        d.notes.clone(),
        idea.updated_at.format("%Y-%m-%d %H:%M").to_string(),
    ]
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or carriage
/// return that some spreadsheets strip first) gets a leading apostrophe, which spreadsheets
/// show as text. Idea titles like "-20% paperwork" keep their words; they just cannot execute.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn csv_bytes(ideas: &[Idea]) -> Result<Vec<u8>, ApiError> {
    let internal =
        |e: csv::Error| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}"));
    // A UTF-8 byte-order mark so that Excel opens accented names (Siân, Zoë) correctly.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(HEADERS).map_err(internal)?;
        for idea in ideas {
            w.write_record(row(idea).iter().map(|c| neutralise(c).into_owned())).map_err(internal)?;
        }
        w.flush().map_err(|e| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}")))?;
    }
    Ok(out)
}

fn xlsx_bytes(ideas: &[Idea], sheet_name: &str) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let internal = |e: rust_xlsxwriter::XlsxError| {
        ApiError::new(ErrorCode::Internal, format!("Could not write the spreadsheet: {e}"))
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(internal)?;
    let bold = Format::new().set_bold();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(internal)?;
    }
    for (r, idea) in ideas.iter().enumerate() {
        for (c, cell) in row(idea).iter().enumerate() {
            // Written as strings, so never evaluated; neutralised too, so a copy-paste to CSV stays safe.
            sheet.write_string((r + 1) as u32, c as u16, neutralise(cell)).map_err(internal)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(internal)?;
    sheet.autofilter(0, 0, ideas.len() as u32, (HEADERS.len() - 1) as u16).map_err(internal)?;
    book.save_to_buffer().map_err(internal)
}

impl Shortlist {
    /// Writes the ideas matching `query` (all of them when it has no text or filters), in its
    /// sort order, to `dest` as CSV or XLSX. The file appears whole or not at all.
    pub fn export_ideas(
        &self,
        query: &IdeaQuery,
        format: ExportFormat,
        dest: &Path,
    ) -> Result<ExportSummary, ApiError> {
        let ideas: Vec<Idea> = {
            let store = self.store()?;
            let ids = search::matching_ids(store.read(), query)?;
            ids.into_iter().map(|id| ideas::get(store.read(), id)).collect::<Result<_, _>>()?
        };
        let bytes = match format {
            ExportFormat::Csv => csv_bytes(&ideas)?,
            ExportFormat::Xlsx => xlsx_bytes(&ideas, "Ideas")?,
        };
        write_atomically(dest, &bytes)?;
        Ok(ExportSummary { path: dest.display().to_string(), ideas: ideas.len() as u32 })
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_starters_are_neutralised_and_nothing_else_is() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?} would run in a spreadsheet");
        }
        for cell in ["Café data", "", "1 = 1", "email@x.gov.uk", "'quoted"] {
            assert_eq!(neutralise(cell), cell, "{cell:?} is left as it is");
        }
    }
}
