//! Closing the loop of a challenge: telling people what happened, with only what may be told.
//!
//! After the final, the secretariat is asked who took part, every submitter expects to hear
//! what happened to their idea and why, and the longlist may be published for anyone to
//! browse (issue #18). This crate turns plain data about a finished challenge into what goes
//! out, in three modules:
//!
//! - [`report`]: the participation report. Ideas counted by department or agency,
//!   profession, grade, region and theme, each by the stage reached, with shares; small
//!   counts suppressed as official statistics do ([`report::participation`]), written as CSV
//!   and as a `shortlist_pdf` [`Document`](shortlist_pdf::Document) with bar charts.
//! - [`letters`]: outcome letters. Editable templates with `{{merge_field}}` placeholders, a
//!   [`letters::plan`] that merges them and lists the letters that cannot be made (and why)
//!   before anything is written, a document per letter or one for all, and `.eml` drafts for
//!   the user's own mail client. Nothing is sent.
//! - [`longlist`]: the published longlist as a static, accessible website (index with search
//!   and filters, a page per idea) plus CSV and JSON, returned as (path, bytes) pairs. Every
//!   output is rendered from one filtered form, [`longlist::PublishedIdea`], so an email address
//!   or the name of someone who did not consent cannot reach any of them.
//!
//! # What it must not do
//!
//! No database, no files, no clock. The app's use cases read the challenge, decide who is in
//! (which ideas, whose consent), pass dates in, and write the bytes returned here. So the same
//! input always gives the same output, and every rule can be tested without a disk.

pub mod letters;
pub mod longlist;
pub mod report;

mod text;

/// The long date people read, e.g. "12 March 2025".
fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}
