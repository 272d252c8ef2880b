//! The judging panel: judges, each round's panel and rubric, assignments, conflicts of interest,
//! scores, results and the panel's meeting.
//!
//! A round is a challenge and one of its panel stages ([`shortlist_domain::PANEL_STAGES`]). Its
//! ideas are the ones recorded when scoring started plus any live idea at the stage now: the
//! record keeps the ideas the panel scored after its decisions have moved them on, which the
//! stage alone would lose, and it is explicit rather than re-derived from the move log (where a
//! correction and a return look like any other move).
//!
//! Rules, each refused with a message that says what to do and with nothing changed:
//! - a rubric is editable in place until the round's first score; after that a change makes a
//!   new version (once confirmed), and every score keeps the version it was given under. The
//!   results use the current version only, and say how many scores were given under others;
//! - a judge scores only ideas of their round, while on its panel, assigned (everyone, unless
//!   judges were chosen for the idea), and with no conflict of interest declared with it;
//! - a submitted set of scores is complete (every criterion) and, when the round asks for it,
//!   has a comment on every score in the lowest or highest band; it is locked until reopened;
//! - only submitted scores count in the results: a draft is the judge's working.
//!
//! The rules themselves (who may score what, what a declared interest excludes, which rubric
//! version counts, what a rubric change does) are pure functions of [`shortlist_domain::Round`];
//! this layer loads a round ([`LoadedRound`]), asks it, words its refusals and stores the result.
//! The refusals are worded here rather than in the domain because the words name an idea by its
//! reference and current stage, which a loaded round does not hold: they are read only when
//! there is something to refuse, so that saving a score reads nothing it does not need.
//!
//! The use cases are split by noun: [`panel`] (judges, panels, rubrics, assignments, conflicts),
//! [`assign`] (the sift's automatic assignment and suggested conflicts),
//! [`scores`], [`results`] (results, export and the meeting) with the tables in [`export`]. This
//! module holds the types they return and [`LoadedRound`].

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shortlist_domain::{
    ChallengeId, ChangeKind, Conflict, ConflictId, ConflictInput, Decision, DecisionInput, FieldError,
    IdeaChange, IdeaId, Judge, JudgeId, JudgeInput, JudgingMethod, PanelSettings, Reference, RubricChange,
    RubricVersionId, ScoreEntry, ScoreInput, ScoreRefusal, ScoreStatus, Seat, Stage, ValidScore,
    PANEL_STAGES,
};
use shortlist_scoring as scoring;
use shortlist_scoring::{
    aggregate, discussion_order, Assignment, Assignments, DiscussionItem, InvalidRubric, Options, RankBy,
    Recusal, Results, Rubric, RubricDraft,
};
use shortlist_store::{challenges, ideas, judging, workflow, Connection};
use specta::Type;

use super::export::{neutralise, ExportFormat, ExportSummary};
use super::Shortlist;
use crate::files::write_atomically;
use crate::{ApiError, ErrorCode};

mod assign;
mod export;
mod pairwise;
mod panel;
mod results;
mod scores;

pub use assign::{AssignmentSettings, AutomaticAssignment, ConflictSuggestion, IdeaJudges, JudgeLoad};
pub(crate) use pairwise::pairs_compared;
pub use pairwise::{JudgePairCount, JudgePairs, PairIdea, PairPlan, PairView, DEFAULT_APPEARANCES};
pub(crate) use panel::seat_panel;

/// The rubrics a round can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum RubricTemplate {
    /// Viability, benefits, deliverability, scale of impact, innovation; 1 to 5.
    ChallengeDefault,
    /// Six questions in the style of Innovate UK assessment; 1 to 10.
    InnovateUk,
    /// HM Treasury's five cases; 0 to 10.
    GreenBook,
}

impl RubricTemplate {
    pub const ALL: [RubricTemplate; 3] =
        [RubricTemplate::ChallengeDefault, RubricTemplate::InnovateUk, RubricTemplate::GreenBook];

    /// The name typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            RubricTemplate::ChallengeDefault => "challenge-default",
            RubricTemplate::InnovateUk => "innovate-uk",
            RubricTemplate::GreenBook => "green-book",
        }
    }

    pub fn from_code(code: &str) -> Option<RubricTemplate> {
        Self::ALL.into_iter().find(|t| t.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn rubric(self) -> Rubric {
        match self {
            RubricTemplate::ChallengeDefault => scoring::challenge_default(),
            RubricTemplate::InnovateUk => scoring::innovate_uk_style(),
            RubricTemplate::GreenBook => scoring::green_book_five_cases(),
        }
    }
}

/// One version of a round's rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RubricVersionView {
    pub id: RubricVersionId,
    /// 1, 2, 3… within the round.
    pub version: u32,
    pub rubric: RubricDraft,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// A round's panel as the secretariat sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundPanel {
    pub challenge: ChallengeId,
    pub stage: Stage,
    /// In the panel's order.
    pub judges: Vec<Judge>,
    pub comment_required_for_extremes: bool,
    /// When the first score was saved; from then on a rubric change makes a new version.
    pub scoring_started_at: Option<DateTime<Utc>>,
    /// The current rubric, once set.
    pub rubric: Option<RubricVersionView>,
}

/// What happened to the round's rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RubricSaved {
    pub current: RubricVersionView,
    /// Whether the save made a new version (scoring had started) rather than editing it.
    pub new_version: bool,
}

/// An idea as the round's tables name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundIdea {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    /// Where it is now (it may have moved on since the round).
    pub stage: Stage,
}

/// One idea on a judge's list for a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkItem {
    pub idea: RoundIdea,
    /// Whether the judge is asked to score it (all of the panel, unless chosen per idea).
    pub assigned: bool,
    /// The judge's declared interest, which excludes them from the idea.
    pub conflict: Option<Conflict>,
    /// How many criteria the judge has scored, draft or submitted.
    pub scored: u32,
    /// Every criterion scored and submitted.
    pub submitted: bool,
}

/// What a judge has to score in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgeWorklist {
    pub stage: Stage,
    pub judge: Judge,
    pub rubric: Option<RubricVersionView>,
    pub comment_required_for_extremes: bool,
    /// Criteria in the rubric: `scored` out of this.
    pub criteria: u32,
    pub items: Vec<WorkItem>,
}

/// One judge's total for one idea in the results table.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgeCell {
    pub judge: JudgeId,
    /// The weighted total, when every criterion is submitted.
    pub total: Option<f64>,
    pub normalised: Option<f64>,
    /// The judge has a conflict of interest with the idea.
    pub recused: bool,
    /// The judge is not asked to score the idea.
    pub not_assigned: bool,
}

/// One row of the ranking table: raw beside normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ResultRow {
    pub idea: RoundIdea,
    /// "2", or "2=" when shared; `None` when unranked.
    pub rank: Option<String>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub normalised_mean: Option<f64>,
    pub judges_counted: u32,
    pub sd: Option<f64>,
    pub range: Option<f64>,
    pub disagreement: bool,
    /// One per panel judge, in the panel's order.
    pub judges: Vec<JudgeCell>,
    /// The 95% bootstrap interval of the score the ranking uses (raw or normalised mean),
    /// resampling judges; `None` when unscored.
    pub score_low: Option<f64>,
    pub score_high: Option<f64>,
    /// The 95% interval of its rank: the best and worst plausible places; `None` unranked.
    pub rank_best: Option<u32>,
    pub rank_worst: Option<u32>,
    /// Share of the resamples in which it was inside the round's cut; `None` without a cut.
    pub in_cut: Option<f64>,
}

/// The line a round draws: how many ideas it sends on, and the ideas whose side of the line
/// rests on a single judge.
///
/// The target is that of the next stage the challenge uses (a Shortlist round's cut is the
/// Semi-final's target, 4 by default; a Final's is the Winner's, 1), because that is how many
/// ideas the round sends on: the round's own stage target is how many it holds. A round whose
/// next stage has no target draws no line, and has no `RoundCut`.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundCut {
    /// How many ideas go through.
    pub target: u32,
    /// Where they go.
    pub next_stage: Stage,
    /// In meeting order (by rank with the whole panel); an idea appears once per judge.
    pub dependencies: Vec<CutDependencyView>,
}

/// An idea whose place in or out of the cut changes when one judge is left out.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CutDependencyView {
    pub idea: RoundIdea,
    pub judge: JudgeId,
    pub judge_name: String,
    /// Inside the cut with the whole panel (and so out without the judge).
    pub inside: bool,
    pub rank: Option<u32>,
    /// Its rank without the judge; `None` if only that judge judged it.
    pub rank_without: Option<u32>,
    /// "Without Amara Osei it would be out of the 4."
    pub reason: String,
}

/// How the bootstrap behind a round's intervals was drawn, so a reader can repeat it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BootstrapSummary {
    pub resamples: u32,
    /// The seed, derived from the challenge and the round (see `bootstrap_seed`): the same
    /// round always gets the same intervals. As text, because JavaScript's numbers lose
    /// precision above 2^53.
    pub seed: String,
    /// Judges in the panel, the number each resample draws.
    pub judges: u32,
}

/// A round's results.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundResults {
    pub challenge: ChallengeId,
    pub stage: Stage,
    pub rubric: RubricVersionView,
    /// The panel, in its order.
    pub judges: Vec<Judge>,
    /// Ranked ideas best first, then unranked ones.
    pub rows: Vec<ResultRow>,
    /// Everything the maths worked out, by id: severity per judge, rejected scores, the pooled
    /// mean and sd of the normalisation.
    pub results: Results,
    /// Conflicts of the panel's judges with the round's ideas, withdrawn ones included.
    pub conflicts: Vec<Conflict>,
    /// Scores saved but not submitted, which do not count yet.
    pub draft_scores: u32,
    /// Scores given under earlier versions of the rubric, which do not count.
    pub earlier_version_scores: u32,
    /// How far the judges agree: one row per criterion in rubric order, then one for the total
    /// (criterion id `total`), each with a plain-English reading.
    pub reliability: Vec<scoring::CriterionReliability>,
    /// How the rows' intervals were drawn.
    pub bootstrap: BootstrapSummary,
    /// The round's cut and the ideas whose side of it rests on one judge; `None` when the next
    /// stage has no target.
    pub cut: Option<RoundCut>,
}

/// A pairwise round's results: the Bradley–Terry ranking overall and per criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairwiseResults {
    pub challenge: ChallengeId,
    pub stage: Stage,
    /// How the round is judged.
    pub method: JudgingMethod,
    /// The panel, in its order.
    pub judges: Vec<Judge>,
    /// The ranking from the overall choices.
    pub overall: PairwiseTable,
    /// One ranking per criterion that has choices, in rubric order (then any other criterion).
    pub criteria: Vec<PairwiseTable>,
    /// Every choice held for the round, overall and per criterion.
    pub comparisons: u32,
    /// How each judge's overall choices sit with the panel's ranking.
    pub judge_agreement: Vec<PairwiseJudgeView>,
    /// One sentence on the judges' agreement, for the page and the pack.
    pub agreement_reading: String,
    /// The cut from the overall ranking, as for scores.
    pub cut: Option<RoundCut>,
}

/// One Bradley–Terry ranking (overall, or on one criterion).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairwiseTable {
    /// The rubric's criterion id; empty for the overall ranking.
    pub criterion: String,
    /// "Overall", or the criterion's name.
    pub name: String,
    /// Choices the ranking used.
    pub comparisons: u32,
    /// Whether the fit met its stopping rule (`false`: strengths are approximate).
    pub converged: bool,
    /// Best first.
    pub rows: Vec<PairwiseRow>,
}

/// One idea in a pairwise ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairwiseRow {
    pub idea: RoundIdea,
    /// "2", or "2=" when shared.
    pub rank: String,
    /// The log-odds of beating an average idea of the round (0 is average).
    pub strength: f64,
    pub standard_error: f64,
    /// The 95% interval of the strength.
    pub low: f64,
    pub high: f64,
    /// The modelled chance of being preferred to an average idea of the round.
    pub win_probability: f64,
    pub comparisons: u32,
    pub wins: u32,
    pub ties: u32,
    pub losses: u32,
}

/// How one judge's overall choices sit with the panel's ranking.
///
/// `agreement` is the share of the judge's decisive choices that picked the idea the panel's
/// fitted ranking puts higher; `expected_agreement` is what a judge who saw things exactly as
/// the panel's model does would score on the same pairs (close pairs pull it towards a half).
/// A judge `stands_apart` when, over at least [`AGREEMENT_MIN_DECISIVE`] decisive choices,
/// their agreement is more than two standard errors below the expected: a reason to talk, not
/// to discount them (every judge counts equally in the ranking).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairwiseJudgeView {
    pub judge: JudgeId,
    pub name: String,
    /// Choices with a winner.
    pub decisive: u32,
    /// "Can't separate" choices.
    pub ties: u32,
    /// Decisive choices that agree with the panel's ranking.
    pub agreeing: u32,
    pub agreement: Option<f64>,
    pub expected_agreement: Option<f64>,
    pub stands_apart: bool,
}

/// Fewest decisive choices for a judge's agreement to be read at all.
pub const AGREEMENT_MIN_DECISIVE: u32 = 10;

/// A judge's own scores for an idea in the round before.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviousRoundScores {
    pub stage: Stage,
    pub rubric: RubricVersionView,
    pub scores: Vec<ScoreEntry>,
}

/// One idea on the meeting's discussion list.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DiscussionRow {
    pub item: DiscussionItem,
    pub idea: RoundIdea,
    pub mean: Option<f64>,
    pub normalised_mean: Option<f64>,
    pub sd: Option<f64>,
    /// The panel's decision at this round, once recorded.
    pub decision: Option<Decision>,
    /// Why its place in or out of the cut rests on a single judge, one sentence per judge
    /// ("Without Amara Osei it would be out of the 4."); empty when it does not. Such ideas
    /// come first in the list.
    pub single_judge: Vec<String>,
}

/// How many places either side of the cut-off the meeting treats as borderline.
pub const BORDERLINE_MARGIN: u32 = 2;

impl From<InvalidRubric> for ApiError {
    fn from(invalid: InvalidRubric) -> Self {
        let message = match invalid.problems.len() {
            1 => invalid.problems[0].message.clone(),
            n => format!("There are {n} problems with the rubric: {invalid}"),
        };
        let fields =
            invalid.problems.into_iter().map(|p| FieldError { field: p.field, message: p.message }).collect();
        ApiError { code: ErrorCode::Validation, message, fields }
    }
}

/// A round as the use cases read it: the facts its rules read and its current rubric, parsed.
pub(crate) struct LoadedRound {
    pub(crate) round: shortlist_domain::Round,
    pub(crate) version: Option<(judging::RubricVersion, Rubric)>,
}

fn check_panel_stage(stage: Stage) -> Result<(), ApiError> {
    if stage.is_panel_round() {
        Ok(())
    } else {
        let names: Vec<&str> = PANEL_STAGES.iter().map(|s| s.label()).collect();
        Err(ApiError::refused(format!(
            "Judges score ideas at the {} rounds, not at {}",
            names.join(", ").replacen(", Final", " and Final", 1),
            stage.label()
        )))
    }
}

/// The rubric a round's panel scores with, once one is set (for the packs' grids and annex).
pub(crate) fn round_rubric(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Option<Rubric>, ApiError> {
    let version = judging::panel(conn, challenge, stage)?.and_then(|p| p.rubric_version);
    match version {
        Some(id) => Ok(Some(parse_rubric(&judging::rubric_version(conn, id)?.rubric_json)?)),
        None => Ok(None),
    }
}

pub(crate) fn parse_rubric(json: &str) -> Result<Rubric, ApiError> {
    serde_json::from_str(json).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("A stored rubric could not be read ({e}). Set the round's rubric again, and report the problem."),
        )
    })
}

pub(crate) fn rubric_json(rubric: &Rubric) -> Result<String, ApiError> {
    serde_json::to_string(rubric)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("The rubric could not be saved ({e})")))
}

fn version_view(v: &judging::RubricVersion, rubric: &Rubric) -> RubricVersionView {
    RubricVersionView {
        id: v.id,
        version: v.version,
        rubric: rubric.clone().into_draft(),
        created_at: v.created_at,
        created_by: v.created_by.clone(),
    }
}

impl LoadedRound {
    /// The whole round: every idea, the judges chosen for each and the conflicts in force. For
    /// the results and the lists, which show every idea.
    pub(crate) fn load(
        conn: &Connection,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<LoadedRound, ApiError> {
        check_panel_stage(stage)?;
        challenges::get(conn, challenge)?;
        let mut loaded = LoadedRound::settings(conn, challenge, stage)?;
        let round = &mut loaded.round;
        for idea in judging::round_ideas(conn, challenge, stage)? {
            round.add_idea(idea);
        }
        for (idea, judge) in judging::assignments(conn, challenge, stage)? {
            round.choose(idea, judge);
        }
        for conflict in judging::conflicts(conn, challenge)? {
            round.declare(conflict);
        }
        Ok(loaded)
    }

    /// The round holding only those of `ideas` that are in it, each with its chosen judges and
    /// conflicts: a few reads per idea asked about, whatever the size of the round (saving a
    /// score asks about one). `challenge` is a judge's, so it exists.
    pub(crate) fn load_for(
        conn: &Connection,
        challenge: ChallengeId,
        stage: Stage,
        ideas: impl IntoIterator<Item = IdeaId>,
    ) -> Result<LoadedRound, ApiError> {
        check_panel_stage(stage)?;
        let mut loaded = LoadedRound::settings(conn, challenge, stage)?;
        let round = &mut loaded.round;
        for idea in ideas {
            if round.has_idea(idea) || !judging::in_round(conn, challenge, stage, idea)? {
                continue;
            }
            round.add_idea(idea);
            for judge in judging::chosen_for(conn, challenge, stage, idea)? {
                round.choose(idea, judge);
            }
            for conflict in judging::open_conflicts_with(conn, idea)? {
                round.declare(conflict);
            }
        }
        Ok(loaded)
    }

    /// The round's panel and rubric, holding no ideas yet.
    fn settings(conn: &Connection, challenge: ChallengeId, stage: Stage) -> Result<LoadedRound, ApiError> {
        let rounds = workflow::rounds(conn, challenge)?;
        if !rounds.is_used(stage) {
            return Err(ApiError::refused(format!(
                "This challenge does not use the {} round. Switch it on in the challenge's rounds first",
                stage.label()
            )));
        }
        let mut round = shortlist_domain::Round::new(challenge, stage);
        let mut version = None;
        if let Some(panel) = judging::panel(conn, challenge, stage)? {
            round.panel = panel.judges;
            round.rubric = panel.rubric_version;
            round.scoring_started_at = panel.scoring_started_at;
            round.comment_required_for_extremes = panel.comment_required_for_extremes;
            if let Some(id) = panel.rubric_version {
                let v = judging::rubric_version(conn, id)?;
                let rubric = parse_rubric(&v.rubric_json)?;
                version = Some((v, rubric));
            }
        }
        Ok(LoadedRound { round, version })
    }

    pub(crate) fn rubric(&self) -> Result<&(judging::RubricVersion, Rubric), ApiError> {
        self.version.as_ref().ok_or_else(|| {
            ApiError::refused(format!(
                "The {} round has no rubric yet. Set one first, for example from a template",
                self.round.stage.label()
            ))
        })
    }

    /// Why `judge` may not score `idea` in this round, if they may not, in words.
    pub(crate) fn may_score(&self, conn: &Connection, judge: &Judge, idea: IdeaId) -> Result<(), ApiError> {
        match self.round.may_score(judge, idea) {
            Ok(()) => Ok(()),
            Err(refusal) => Err(score_refusal(conn, self.round.stage, judge, idea, refusal)),
        }
    }

    /// Who scores what, for the maths: each idea's assigned panel judges, less the recused.
    fn assignments(&self) -> Assignments {
        let mut out = Assignments::default();
        for (judge, idea, seat) in self.round.seats() {
            let (judge, idea) = (scoring::JudgeId(judge.0), scoring::IdeaId(idea.0));
            match seat {
                Seat::Assigned => out.assigned.push(Assignment { judge, idea }),
                Seat::Recused => out.recusals.push(Recusal { judge, idea }),
                Seat::NotAssigned => {}
            }
        }
        out
    }
}

/// A [`ScoreRefusal`] in words that say what to do. Reads the idea's reference and stage, which
/// only a refusal needs.
fn score_refusal(
    conn: &Connection,
    stage: Stage,
    judge: &Judge,
    idea: IdeaId,
    refusal: ScoreRefusal,
) -> ApiError {
    let message = || -> Result<String, ApiError> {
        let reference = || ideas::get_summary(conn, idea).map(|i| i.reference);
        Ok(match refusal {
            ScoreRefusal::OtherChallenge => format!("{} is a judge of another challenge", judge.name),
            ScoreRefusal::NotOnPanel => {
                format!("{} is not on the {} panel. Add them to the panel first", judge.name, stage.label())
            }
            ScoreRefusal::NotInRound => {
                let summary = ideas::get_summary(conn, idea)?;
                format!(
                    "{} is not in the {} round (it is at {})",
                    summary.reference,
                    stage.label(),
                    summary.stage.label()
                )
            }
            ScoreRefusal::Conflict(kind) => format!(
                "{} has declared a conflict of interest with {} ({}), so cannot score it",
                judge.name,
                reference()?,
                kind.label().to_lowercase()
            ),
            ScoreRefusal::NotAssigned => {
                format!("{} is not assigned to {}. Assign them to it first", judge.name, reference()?)
            }
        })
    };
    match message() {
        Ok(message) => ApiError::refused(message),
        Err(e) => e,
    }
}

/// Adds a judging event to an idea's timeline.
fn timeline(
    tx: &shortlist_store::Transaction<'_>,
    idea: IdeaId,
    at: DateTime<Utc>,
    by: &str,
    kind: ChangeKind,
    note: String,
) -> Result<(), ApiError> {
    let change = IdeaChange {
        at,
        by: by.to_owned(),
        kind,
        field: None,
        old_value: None,
        new_value: None,
        note: Some(note),
    };
    shortlist_store::history::record(tx, idea, &change)?;
    Ok(())
}

fn judge_of(conn: &Connection, judge: JudgeId) -> Result<Judge, ApiError> {
    Ok(judging::judge(conn, judge)?)
}

fn panel_view(conn: &Connection, loaded: &LoadedRound) -> Result<RoundPanel, ApiError> {
    let round = &loaded.round;
    Ok(RoundPanel {
        challenge: round.challenge,
        stage: round.stage,
        judges: round.panel.iter().map(|&j| judge_of(conn, j)).collect::<Result<_, _>>()?,
        comment_required_for_extremes: round.comment_required_for_extremes,
        scoring_started_at: round.scoring_started_at,
        rubric: loaded.version.as_ref().map(|(v, r)| version_view(v, r)),
    })
}

fn round_conflicts(conn: &Connection, round: &shortlist_domain::Round) -> Result<Vec<Conflict>, ApiError> {
    Ok(judging::conflicts(conn, round.challenge)?
        .into_iter()
        .filter(|c| round.has_idea(c.idea) && round.on_panel(c.judge))
        .collect())
}
