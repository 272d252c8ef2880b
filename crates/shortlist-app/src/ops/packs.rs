//! Making the PDF packs: read what they need, compose (see `crate::packs`), lay out, write.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shortlist_domain::{ChallengeId, IdeaId, Stage};
use shortlist_pdf::Document;
use shortlist_store::{assessments, challenges, ideas};
use specta::Type;

use super::judging::round_rubric;
use super::Shortlist;
use crate::error::ErrorCode;
use crate::packs::{one_pager, panel_pack, PackData, PackIdea};
use crate::{write_atomically, ApiError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PackKind {
    /// The panel briefing pack for a round.
    Panel,
    /// A one-page summary of one idea.
    OnePage,
}

/// Which pack, for which round or idea, with which options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackRequest {
    pub challenge_id: ChallengeId,
    pub kind: PackKind,
    /// The round, for a panel pack: the ideas at this stage.
    pub round: Option<Stage>,
    /// The idea, for a one-page summary.
    pub idea: Option<IdeaId>,
    pub meeting_date: Option<NaiveDate>,
    /// Printed on the cover, e.g. "Version 1".
    pub version: String,
    /// Leave out submitters' names and departments.
    pub blind: bool,
}

/// What a pack will be, before it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackPreview {
    pub title: String,
    pub pages: u32,
    pub ideas: u32,
    /// A file name to offer in the save dialog.
    pub file_name: String,
}

/// A pack written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackSummary {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
}

fn pdf_error(e: shortlist_pdf::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!("Shortlist could not lay out the pack ({e}). Please report this problem."),
    )
}

impl Shortlist {
    fn pack_document(&self, request: &PackRequest) -> Result<(Document, u32, String), ApiError> {
        // Read before taking the store: `display_name` takes it too.
        let (author, made_at) = (self.display_name()?, self.now());
        let store = self.store()?;
        let conn = store.read();
        let challenge = challenges::get(conn, request.challenge_id)?;
        let read = |id: IdeaId| -> Result<PackIdea, ApiError> {
            Ok(PackIdea { idea: ideas::get(conn, id)?, evaluation: assessments::evaluation(conn, id)? })
        };
        let (round, items) = match request.kind {
            PackKind::Panel => {
                let round = request
                    .round
                    .ok_or_else(|| ApiError::field("round", "Choose the round the pack is for"))?;
                let rows = assessments::round_rows(conn, challenge.id, Some(round))?;
                if rows.is_empty() {
                    return Err(ApiError::field(
                        "round",
                        format!(
                            "No ideas are at {} yet, so there is nothing to put in the pack",
                            round.label()
                        ),
                    ));
                }
                (round, rows.into_iter().map(|r| read(r.id)).collect::<Result<Vec<_>, _>>()?)
            }
            PackKind::OnePage => {
                let id =
                    request.idea.ok_or_else(|| ApiError::field("idea", "Choose the idea to summarise"))?;
                let item = read(id)?;
                if item.idea.challenge_id != challenge.id {
                    return Err(ApiError::not_found("That idea is not in this challenge"));
                }
                (item.idea.stage, vec![item])
            }
        };
        let version = request.version.trim();
        if version.chars().count() > 60 {
            return Err(ApiError::field("version", "The version must be 60 characters or fewer"));
        }
        let data = PackData {
            round,
            ideas: items,
            challenge: challenge.clone(),
            rubric: round_rubric(conn, challenge.id, round)?
                .unwrap_or_else(shortlist_scoring::templates::challenge_default),
            meeting_date: request.meeting_date,
            version: if version.is_empty() { "Version 1".to_owned() } else { version.to_owned() },
            blind: request.blind,
            author,
            made_at,
        };
        let (doc, file_name) = match request.kind {
            PackKind::Panel => (
                panel_pack(&data),
                format!(
                    "{} {} panel pack.pdf",
                    data.challenge.reference_prefix,
                    round.label().to_lowercase()
                ),
            ),
            PackKind::OnePage => {
                let reference = data.ideas[0].idea.reference.clone();
                (one_pager(&data, &data.ideas[0]), format!("{reference} one-page summary.pdf"))
            }
        };
        Ok((doc, data.ideas.len() as u32, file_name))
    }

    /// The pack as composed, before layout: what `write_pack` lays out and draws. Public so the
    /// benchmark can render the same content another way (HTML for Chromium) to compare.
    ///
    /// # Errors
    /// As [`Shortlist::preview_pack`].
    pub fn pack_content(&self, request: &PackRequest) -> Result<Document, ApiError> {
        Ok(self.pack_document(request)?.0)
    }

    /// How many pages the pack will be, and a name for the file.
    pub fn preview_pack(&self, request: &PackRequest) -> Result<PackPreview, ApiError> {
        let (doc, ideas, file_name) = self.pack_document(request)?;
        let pages = shortlist_pdf::page_count(&doc).map_err(pdf_error)? as u32;
        Ok(PackPreview { title: doc.meta.title.clone(), pages, ideas, file_name })
    }

    /// Makes the pack and writes it to `dest`: whole, or not at all.
    pub fn write_pack(&self, request: &PackRequest, dest: &Path) -> Result<PackSummary, ApiError> {
        let (doc, _, _) = self.pack_document(request)?;
        let laid = shortlist_pdf::layout(&doc).map_err(pdf_error)?;
        let bytes = shortlist_pdf::render(&laid).map_err(pdf_error)?;
        write_atomically(dest, &bytes)?;
        Ok(PackSummary {
            path: dest.display().to_string(),
            pages: laid.pages.len() as u32,
            bytes: bytes.len() as u32,
        })
    }
}
