//! Making the PDF packs: read what they need, compose (with `shortlist_packs`), lay out, write.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shortlist_domain::{ChallengeId, IdeaId, JudgeId, Stage};
use shortlist_packs::{
    judge_pack, one_pager, panel_pack, results_pack, Cut, DeclaredInterest, JudgeBrief, PackData, PackIdea,
    PairwiseRanked, PairwiseRound, PanelDecision, PanelJudge, RankedIdea, ReliabilityLine, ScoredRound,
    SingleJudgeIdea,
};
use shortlist_pdf::Document;
use shortlist_scoring::RankBy;
use shortlist_store::{assessments, challenges, ideas};
use specta::Type;

use super::judging::round_rubric;
use super::Shortlist;
use crate::error::ErrorCode;
use crate::files::{save_failed, write_atomically_with};
use crate::ApiError;
use crate::{DiscussionRow, JudgeWorklist, PairwiseResults, RoundCut, RoundResults};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PackKind {
    /// The panel briefing pack for a round.
    Panel,
    /// A one-page summary of one idea.
    OnePage,
    /// The panel pack for one judge: their ideas, with those they cannot score listed.
    Judge,
    /// The results of a round's scoring, with the decisions.
    Results,
}

/// Which pack, for which round or idea, with which options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackRequest {
    pub challenge_id: ChallengeId,
    pub kind: PackKind,
    /// The round, for a panel pack: the ideas at this stage.
    pub round: Option<Stage>,
    /// The idea, for a one-page summary.
    pub idea: Option<IdeaId>,
    /// The judge, for a per-judge pack.
    pub judge: Option<JudgeId>,
    pub meeting_date: Option<NaiveDate>,
    /// Printed on the cover, e.g. "Version 1".
    pub version: String,
    /// Leave out submitters' names and departments.
    pub blind: bool,
}

/// What a pack will be, before it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackPreview {
    pub title: String,
    pub pages: u32,
    pub ideas: u32,
    /// A file name to offer in the save dialog.
    pub file_name: String,
}

/// A pack written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackSummary {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
}

/// A file name any operating system accepts: characters Windows or a path would treat
/// specially (a judge called "A/B") become hyphens.
pub(crate) fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// What a pack needs beyond the ideas, read before the store is taken.
enum Extra {
    None,
    Judge(Box<JudgeWorklist>),
    Results {
        round: Stage,
        /// `None` for a round judged only by comparing pairs.
        scores: Option<Box<RoundResults>>,
        discussion: Vec<DiscussionRow>,
        pairwise: Option<Box<PairwiseResults>>,
    },
}

fn pdf_error(e: shortlist_pdf::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!("Shortlist could not lay out the pack ({e}). Please report this problem."),
    )
}

/// The results pack's view of a round: the rows and the panel as the results page has them, and
/// each declared interest and decision joined to the names a reader knows; the pairwise ranking
/// when the round has one. `results` is `None` for a round judged only by comparing pairs.
fn scored_round(
    results: Option<&RoundResults>,
    discussion: &[DiscussionRow],
    pairwise: Option<&PairwiseResults>,
) -> ScoredRound {
    let mut round = match results {
        Some(results) => scores_round(results, discussion),
        None => ScoredRound {
            rubric_name: String::new(),
            scale: shortlist_scoring::Scale::new(1, 5),
            draft_scores: 0,
            earlier_version_scores: 0,
            ranking: Vec::new(),
            judges: Vec::new(),
            interests: Vec::new(),
            decisions: Vec::new(),
            scores_used: false,
            resamples: 0,
            reliability: Vec::new(),
            cut: None,
            pairwise: None,
        },
    };
    round.pairwise = pairwise.map(|p| PairwiseRound {
        comparisons: p.overall.comparisons,
        ranking: p
            .overall
            .rows
            .iter()
            .map(|r| PairwiseRanked {
                rank: r.rank.clone(),
                reference: r.idea.reference.clone(),
                title: r.idea.title.clone(),
                strength: r.strength,
                low: r.low,
                high: r.high,
                win_probability: r.win_probability,
                comparisons: r.comparisons,
            })
            .collect(),
        agreement: p.agreement_reading.clone(),
        cut: p.cut.as_ref().map(pack_cut),
    });
    round
}

fn pack_cut(cut: &RoundCut) -> Cut {
    Cut {
        target: cut.target,
        next_stage: cut.next_stage,
        single_judge: cut
            .dependencies
            .iter()
            .map(|d| SingleJudgeIdea {
                reference: d.idea.reference.clone(),
                title: d.idea.title.clone(),
                reason: d.reason.clone(),
            })
            .collect(),
    }
}

fn scores_round(results: &RoundResults, discussion: &[DiscussionRow]) -> ScoredRound {
    ScoredRound {
        rubric_name: results.rubric.rubric.name.clone(),
        scale: results.rubric.rubric.scale,
        draft_scores: results.draft_scores,
        earlier_version_scores: results.earlier_version_scores,
        ranking: results
            .rows
            .iter()
            .map(|r| RankedIdea {
                reference: r.idea.reference.clone(),
                title: r.idea.title.clone(),
                rank: r.rank.clone(),
                mean: r.mean,
                median: r.median,
                normalised_mean: r.normalised_mean,
                judges_counted: r.judges_counted,
                sd: r.sd,
                disagreement: r.disagreement,
                totals: r.judges.iter().filter_map(|j| j.total).collect(),
                score_interval: r.score_low.zip(r.score_high),
                rank_interval: r.rank_best.zip(r.rank_worst),
                in_cut: r.in_cut,
            })
            .collect(),
        judges: results
            .judges
            .iter()
            .map(|j| {
                let r = results.results.judges.iter().find(|x| x.judge.0 == j.id.0);
                PanelJudge {
                    name: j.name.clone(),
                    role: j.role.clone(),
                    ideas_scored: r.map(|r| r.complete),
                    mean_total: r.and_then(|r| r.mean_total),
                    severity: r.and_then(|r| r.severity),
                }
            })
            .collect(),
        interests: results
            .conflicts
            .iter()
            .map(|c| DeclaredInterest {
                judge: results
                    .judges
                    .iter()
                    .find(|j| j.id == c.judge)
                    .map(|j| j.name.clone())
                    .unwrap_or_default(),
                idea: results
                    .rows
                    .iter()
                    .find(|r| r.idea.id == c.idea)
                    .map(|r| r.idea.reference.0.clone())
                    .unwrap_or_default(),
                kind: c.kind,
                withdrawn: c.withdrawn_at.is_some(),
            })
            .collect(),
        decisions: discussion
            .iter()
            .filter_map(|d| {
                let decision = d.decision.clone()?;
                Some(PanelDecision {
                    reference: d.idea.reference.clone(),
                    title: d.idea.title.clone(),
                    decision,
                })
            })
            .collect(),
        scores_used: true,
        resamples: results.bootstrap.resamples,
        reliability: results
            .reliability
            .iter()
            .map(|r| ReliabilityLine {
                name: {
                    let mut c = r.name.chars();
                    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
                },
                icc_single: r.icc.map(|i| i.single),
                icc_average: r.icc.map(|i| i.average),
                alpha: r.alpha_interval.map(|a| a.value),
                reading: r.reading.clone(),
            })
            .collect(),
        cut: results.cut.as_ref().map(pack_cut),
        pairwise: None,
    }
}

impl Shortlist {
    fn pack_document(&self, request: &PackRequest) -> Result<(Document, u32, String), ApiError> {
        // Everything read through other use cases comes first: each takes the store itself.
        let (author, made_at) = (self.display_name()?, self.now());
        let round_of = |what: &str| {
            request
                .round
                .ok_or_else(|| ApiError::field("round", format!("Choose the round the {what} is for")))
        };
        let extra = match request.kind {
            PackKind::Panel | PackKind::OnePage => Extra::None,
            PackKind::Judge => {
                let judge = request
                    .judge
                    .ok_or_else(|| ApiError::field("judge", "Choose the judge the pack is for"))?;
                let worklist = self.judge_worklist(round_of("pack")?, judge)?;
                if worklist.judge.challenge_id != request.challenge_id {
                    return Err(ApiError::not_found("That judge is not on this challenge's panel"));
                }
                Extra::Judge(Box::new(worklist))
            }
            PackKind::Results => {
                let round = round_of("results")?;
                let method = self.pairwise_settings(request.challenge_id, round)?.method;
                let scores = method
                    .scores()
                    .then(|| self.round_results(request.challenge_id, round, RankBy::RawMean))
                    .transpose()?
                    .map(Box::new);
                let discussion = match method.scores() {
                    true => self.discussion_list(request.challenge_id, round, RankBy::RawMean)?,
                    false => Vec::new(),
                };
                let pairwise = method
                    .pairwise()
                    .then(|| self.pairwise_results(request.challenge_id, round))
                    .transpose()?
                    .map(Box::new);
                Extra::Results { round, scores, discussion, pairwise }
            }
        };
        let store = self.store()?;
        let conn = store.read();
        let challenge = challenges::get(conn, request.challenge_id)?;
        let read = |id: IdeaId| -> Result<PackIdea, ApiError> {
            Ok(PackIdea { idea: ideas::get(conn, id)?, evaluation: assessments::evaluation(conn, id)? })
        };
        let (round, items) = match (&request.kind, &extra) {
            (PackKind::Panel, _) => {
                let round = round_of("pack")?;
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
            (PackKind::OnePage, _) => {
                let id =
                    request.idea.ok_or_else(|| ApiError::field("idea", "Choose the idea to summarise"))?;
                let item = read(id)?;
                if item.idea.challenge_id != challenge.id {
                    return Err(ApiError::not_found("That idea is not in this challenge"));
                }
                (item.idea.stage, vec![item])
            }
            (_, Extra::Judge(worklist)) => {
                let mine = worklist.items.iter().filter(|i| i.assigned && i.conflict.is_none());
                (worklist.stage, mine.map(|i| read(i.idea.id)).collect::<Result<Vec<_>, _>>()?)
            }
            (_, Extra::Results { round, scores, pairwise, .. }) => {
                let ids: Vec<IdeaId> = match (scores, pairwise) {
                    (Some(s), _) => s.rows.iter().map(|r| r.idea.id).collect(),
                    (None, Some(p)) => p.overall.rows.iter().map(|r| r.idea.id).collect(),
                    (None, None) => Vec::new(),
                };
                (*round, ids.into_iter().map(read).collect::<Result<Vec<_>, _>>()?)
            }
            (PackKind::Judge | PackKind::Results, Extra::None) => unreachable!("read above"),
        };
        if items.is_empty() {
            return Err(ApiError::field("round", "There are no ideas for this pack in that round"));
        }
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
            audit_fingerprint: shortlist_store::audit::head(conn)?
                .map(|h| shortlist_store::audit::fingerprint(&h)),
        };
        let prefix = &data.challenge.reference_prefix;
        let round_name = round.label().to_lowercase();
        let (doc, file_name) = match extra {
            Extra::None if request.kind == PackKind::Panel => {
                (panel_pack(&data), format!("{prefix} {round_name} panel pack.pdf"))
            }
            Extra::None => {
                let reference = data.ideas[0].idea.reference.clone();
                (one_pager(&data, &data.ideas[0]), format!("{reference} one-page summary.pdf"))
            }
            Extra::Judge(worklist) => {
                let left_out = worklist
                    .items
                    .iter()
                    .filter(|i| !i.assigned || i.conflict.is_some())
                    .map(|i| {
                        let why = match &i.conflict {
                            Some(c) => format!("You declared an interest: {}", c.kind.label().to_lowercase()),
                            None => "Not assigned to you".to_owned(),
                        };
                        (i.idea.reference.0.clone(), i.idea.title.clone(), why)
                    })
                    .collect();
                let brief = JudgeBrief {
                    name: worklist.judge.name.clone(),
                    role: worklist.judge.role.clone(),
                    left_out,
                };
                (
                    judge_pack(&data, &brief),
                    format!("{prefix} {round_name} pack for {}.pdf", worklist.judge.name),
                )
            }
            Extra::Results { scores, discussion, pairwise, .. } => (
                results_pack(&data, &scored_round(scores.as_deref(), &discussion, pairwise.as_deref())),
                format!("{prefix} {round_name} results.pdf"),
            ),
        };
        Ok((doc, data.ideas.len() as u32, safe_file_name(&file_name)))
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
        // Laid out, drawn and written in one pass: each page goes to the file as soon as it
        // is laid out, so a 3,000-page pack is never in memory whole.
        let written = write_atomically_with(dest, |file| match shortlist_pdf::write_pdf(&doc, file) {
            Err(shortlist_pdf::Error::Write(e)) => Err(save_failed(dest, &std::io::Error::other(e))),
            other => other.map_err(pdf_error),
        })?;
        Ok(PackSummary {
            path: dest.display().to_string(),
            pages: written.pages as u32,
            bytes: u32::try_from(written.bytes).unwrap_or(u32::MAX),
        })
    }

    /// The pack's PDF bytes, for a file that carries a pack inside it (a judge's bundle).
    pub(crate) fn render_pack(&self, request: &PackRequest) -> Result<Vec<u8>, ApiError> {
        Ok(self.pack_pdf(request)?.0)
    }

    fn pack_pdf(&self, request: &PackRequest) -> Result<(Vec<u8>, u32), ApiError> {
        let (doc, _, _) = self.pack_document(request)?;
        // Laid out and drawn in one pass: each page is written as soon as it is laid out.
        let pdf = shortlist_pdf::to_pdf(&doc).map_err(pdf_error)?;
        Ok((pdf.bytes, pdf.pages as u32))
    }
}
