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

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shortlist_domain::{
    ChallengeId, Conflict, ConflictId, ConflictInput, Decision, DecisionInput, FieldError, IdeaId, Judge,
    JudgeId, JudgeInput, PanelSettings, Reference, RubricVersionId, ScoreEntry, ScoreInput, ScoreStatus,
    Stage, ValidScore, PANEL_STAGES,
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

/// The rubrics a round can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RubricSaved {
    pub current: RubricVersionView,
    /// Whether the save made a new version (scoring had started) rather than editing it.
    pub new_version: bool,
}

/// An idea as the round's tables name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundIdea {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    /// Where it is now (it may have moved on since the round).
    pub stage: Stage,
}

/// One judge's total for one idea in the results table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
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
}

/// A round's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
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
}

/// A judge's own scores for an idea in the round before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviousRoundScores {
    pub stage: Stage,
    pub rubric: RubricVersionView,
    pub scores: Vec<ScoreEntry>,
}

/// One idea on the meeting's discussion list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DiscussionRow {
    pub item: DiscussionItem,
    pub idea: RoundIdea,
    pub mean: Option<f64>,
    pub normalised_mean: Option<f64>,
    pub sd: Option<f64>,
    /// The panel's decision at this round, once recorded.
    pub decision: Option<Decision>,
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

/// Everything the rules of a round need, read once inside a transaction.
struct Round {
    challenge: ChallengeId,
    stage: Stage,
    panel: judging::Panel,
    version: Option<(judging::RubricVersion, Rubric)>,
    ideas: Vec<IdeaId>,
    /// Judges chosen per idea; an idea not here is scored by the whole panel.
    chosen: HashMap<IdeaId, Vec<JudgeId>>,
    /// Open conflicts of any judge with any idea of the challenge.
    conflicts: HashMap<(JudgeId, IdeaId), Conflict>,
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

fn parse_rubric(json: &str) -> Result<Rubric, ApiError> {
    serde_json::from_str(json).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("A stored rubric could not be read ({e}). Set the round's rubric again, and report the problem."),
        )
    })
}

fn rubric_json(rubric: &Rubric) -> Result<String, ApiError> {
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

impl Round {
    fn load(conn: &Connection, challenge: ChallengeId, stage: Stage) -> Result<Round, ApiError> {
        check_panel_stage(stage)?;
        challenges::get(conn, challenge)?;
        let rounds = workflow::rounds(conn, challenge)?;
        if !rounds.is_used(stage) {
            return Err(ApiError::refused(format!(
                "This challenge does not use the {} round. Switch it on in the challenge's rounds first",
                stage.label()
            )));
        }
        let panel = judging::panel(conn, challenge, stage)?.unwrap_or(judging::Panel {
            rubric_version: None,
            comment_required_for_extremes: true,
            scoring_started_at: None,
            judges: Vec::new(),
        });
        let version = match panel.rubric_version {
            Some(id) => {
                let v = judging::rubric_version(conn, id)?;
                let rubric = parse_rubric(&v.rubric_json)?;
                Some((v, rubric))
            }
            None => None,
        };
        let mut chosen: HashMap<IdeaId, Vec<JudgeId>> = HashMap::new();
        for (idea, judge) in judging::assignments(conn, challenge, stage)? {
            chosen.entry(idea).or_default().push(judge);
        }
        let conflicts = judging::conflicts(conn, challenge)?
            .into_iter()
            .filter(|c| c.withdrawn_at.is_none())
            .map(|c| ((c.judge, c.idea), c))
            .collect();
        Ok(Round {
            challenge,
            stage,
            ideas: judging::round_ideas(conn, challenge, stage)?,
            panel,
            version,
            chosen,
            conflicts,
        })
    }

    fn rubric(&self) -> Result<&(judging::RubricVersion, Rubric), ApiError> {
        self.version.as_ref().ok_or_else(|| {
            ApiError::refused(format!(
                "The {} round has no rubric yet. Set one first, for example from a template",
                self.stage.label()
            ))
        })
    }

    fn on_panel(&self, judge: JudgeId) -> bool {
        self.panel.judges.contains(&judge)
    }

    fn assigned(&self, judge: JudgeId, idea: IdeaId) -> bool {
        self.on_panel(judge) && self.chosen.get(&idea).is_none_or(|judges| judges.contains(&judge))
    }

    /// Why `judge` may not score `idea` in this round, if they may not.
    fn may_score(&self, conn: &Connection, judge: &Judge, idea: IdeaId) -> Result<(), ApiError> {
        let reference = || ideas::get_summary(conn, idea).map(|i| i.reference);
        if judge.challenge_id != self.challenge {
            return Err(ApiError::refused(format!("{} is a judge of another challenge", judge.name)));
        }
        if !self.on_panel(judge.id) {
            return Err(ApiError::refused(format!(
                "{} is not on the {} panel. Add them to the panel first",
                judge.name,
                self.stage.label()
            )));
        }
        if self.ideas.binary_search(&idea).is_err() {
            let summary = ideas::get_summary(conn, idea)?;
            return Err(ApiError::refused(format!(
                "{} is not in the {} round (it is at {})",
                summary.reference,
                self.stage.label(),
                summary.stage.label()
            )));
        }
        if let Some(conflict) = self.conflicts.get(&(judge.id, idea)) {
            return Err(ApiError::refused(format!(
                "{} has declared a conflict of interest with {} ({}), so cannot score it",
                judge.name,
                reference()?,
                conflict.kind.label().to_lowercase()
            )));
        }
        if !self.assigned(judge.id, idea) {
            return Err(ApiError::refused(format!(
                "{} is not assigned to {}. Assign them to it first",
                judge.name,
                reference()?
            )));
        }
        Ok(())
    }

    /// Who scores what, for the maths: each idea's assigned panel judges, less conflicts.
    fn assignments(&self) -> Assignments {
        let mut out = Assignments::default();
        for &idea in &self.ideas {
            for &judge in &self.panel.judges {
                let pair = (scoring::JudgeId(judge.0), scoring::IdeaId(idea.0));
                if self.conflicts.contains_key(&(judge, idea)) {
                    out.recusals.push(Recusal { judge: pair.0, idea: pair.1 });
                } else if self.assigned(judge, idea) {
                    out.assigned.push(Assignment { judge: pair.0, idea: pair.1 });
                }
            }
        }
        out
    }
}

fn judge_of(conn: &Connection, judge: JudgeId) -> Result<Judge, ApiError> {
    Ok(judging::judge(conn, judge)?)
}

impl Shortlist {
    // ----- judges

    /// Adds a judge to a challenge's list of judges (not yet to any round's panel).
    pub fn add_judge(&self, challenge: ChallengeId, input: &JudgeInput) -> Result<Judge, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| {
            challenges::get(tx, challenge)?;
            Ok(judging::insert_judge(tx, challenge, &valid, now)?)
        })
    }

    pub fn edit_judge(&self, judge: JudgeId, input: &JudgeInput) -> Result<Judge, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| Ok(judging::update_judge(tx, judge, &valid, now)?))
    }

    /// A challenge's judges, in the order they were added.
    pub fn list_judges(&self, challenge: ChallengeId) -> Result<Vec<Judge>, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(judging::judges(store.read(), challenge)?)
    }

    // ----- panels and rubrics

    pub fn round_panel(&self, challenge: ChallengeId, stage: Stage) -> Result<RoundPanel, ApiError> {
        let store = self.store()?;
        let round = Round::load(store.read(), challenge, stage)?;
        panel_view(store.read(), &round)
    }

    /// Sets a round's judges and its comment setting. A judge who has scored in the round stays
    /// on it, so no score is orphaned.
    pub fn set_round_panel(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        settings: &PanelSettings,
    ) -> Result<RoundPanel, ApiError> {
        self.store()?.write(|tx| {
            let round = Round::load(tx, challenge, stage)?;
            if settings.judges.is_empty() {
                return Err(ApiError::field("judges", "Choose at least one judge for the panel"));
            }
            let mut seen = BTreeSet::new();
            for &id in &settings.judges {
                let judge = judge_of(tx, id)?;
                if judge.challenge_id != challenge {
                    return Err(ApiError::field(
                        "judges",
                        format!("{} is a judge of another challenge", judge.name),
                    ));
                }
                if !seen.insert(id) {
                    return Err(ApiError::field("judges", format!("{} is chosen twice", judge.name)));
                }
            }
            if let Some((v, _)) = &round.version {
                for &leaving in round.panel.judges.iter().filter(|j| !settings.judges.contains(j)) {
                    let n = judging::count_scores_by(tx, v.id, leaving)?;
                    if n > 0 {
                        return Err(ApiError::refused(format!(
                            "{} has given {n} {} in the {} round, so stays on its panel",
                            judge_of(tx, leaving)?.name,
                            if n == 1 { "score" } else { "scores" },
                            stage.label()
                        )));
                    }
                }
            }
            judging::put_panel(tx, challenge, stage, settings)?;
            panel_view(tx, &Round::load(tx, challenge, stage)?)
        })
    }

    /// Sets a round's rubric from a template.
    pub fn set_round_rubric_template(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        template: RubricTemplate,
        confirm_new_version: bool,
    ) -> Result<RubricSaved, ApiError> {
        self.set_round_rubric(challenge, stage, &template.rubric().into_draft(), confirm_new_version)
    }

    /// Sets a round's rubric. Before scoring starts it edits the current version; after, a
    /// change makes a new version, which needs `confirm_new_version` because the scores so far
    /// stay with the old one and no longer count.
    ///
    /// # Errors
    /// `Validation` with every problem of the draft; `NeedsConfirmation` as above.
    pub fn set_round_rubric(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        draft: &RubricDraft,
        confirm_new_version: bool,
    ) -> Result<RubricSaved, ApiError> {
        let rubric = draft.clone().validate()?;
        let json = rubric_json(&rubric)?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let round = Round::load(tx, challenge, stage)?;
            let (saved, new_version) = match &round.version {
                None => (judging::add_rubric_version(tx, challenge, stage, &json, now, &by)?, true),
                Some((v, current)) if *current == rubric => (v.clone(), false),
                Some((v, _)) if round.panel.scoring_started_at.is_none() => {
                    (judging::replace_rubric(tx, v.id, &json, now, &by)?, false)
                }
                Some((v, _)) => {
                    if !confirm_new_version {
                        return Err(ApiError::new(
                            ErrorCode::NeedsConfirmation,
                            format!(
                                "Scoring of the {} round has started. Changing the rubric makes version {}: \
                                 the scores given so far stay with version {} and stop counting, so the \
                                 judges score again. Confirm to go ahead",
                                stage.label(),
                                v.version + 1,
                                v.version
                            ),
                        ));
                    }
                    (judging::add_rubric_version(tx, challenge, stage, &json, now, &by)?, true)
                }
            };
            let new_version = new_version && round.version.is_some();
            Ok(RubricSaved { current: version_view(&saved, &rubric), new_version })
        })
    }

    /// Every version of a round's rubric, oldest first.
    pub fn rubric_versions(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<Vec<RubricVersionView>, ApiError> {
        let store = self.store()?;
        Round::load(store.read(), challenge, stage)?;
        judging::rubric_versions(store.read(), challenge, stage)?
            .iter()
            .map(|v| Ok(version_view(v, &parse_rubric(&v.rubric_json)?)))
            .collect()
    }

    // ----- assignments and conflicts

    /// Chooses the judges who score one idea of the round; none means the whole panel.
    pub fn assign_judges(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        idea: IdeaId,
        judges: &[JudgeId],
    ) -> Result<(), ApiError> {
        self.store()?.write(|tx| {
            let round = Round::load(tx, challenge, stage)?;
            let summary = ideas::get_summary(tx, idea)?;
            if round.ideas.binary_search(&idea).is_err() {
                return Err(ApiError::refused(format!(
                    "{} is not in the {} round (it is at {})",
                    summary.reference,
                    stage.label(),
                    summary.stage.label()
                )));
            }
            for &j in judges {
                let judge = judge_of(tx, j)?;
                if !round.on_panel(j) {
                    return Err(ApiError::refused(format!(
                        "{} is not on the {} panel. Add them to the panel first",
                        judge.name,
                        stage.label()
                    )));
                }
            }
            // As for the panel: a judge who has scored the idea stays assigned to it, so no
            // score is orphaned.
            if let (Some((v, _)), false) = (&round.version, judges.is_empty()) {
                for &leaving in
                    round.panel.judges.iter().filter(|j| round.assigned(**j, idea) && !judges.contains(j))
                {
                    if !judging::scores_for(tx, v.id, leaving, idea)?.is_empty() {
                        return Err(ApiError::refused(format!(
                            "{} has scored {}, so stays assigned to it",
                            judge_of(tx, leaving)?.name,
                            summary.reference
                        )));
                    }
                }
            }
            judging::set_assignments(tx, challenge, stage, idea, judges)?;
            Ok(())
        })
    }

    /// Records a judge's conflict of interest with an idea, declared ahead of the meeting of
    /// `round`. It keeps the judge out of the idea in every round until withdrawn.
    pub fn declare_conflict(
        &self,
        round: Stage,
        judge: JudgeId,
        idea: IdeaId,
        input: &ConflictInput,
    ) -> Result<Conflict, ApiError> {
        self.declare(round, judge, idea, input, false)
    }

    /// Records an interest a judge declares in the panel's meeting: a conflict with
    /// `declared_at_meeting` set, listed in the round's record like any other.
    pub fn declare_interest_at_meeting(
        &self,
        round: Stage,
        judge: JudgeId,
        idea: IdeaId,
        input: &ConflictInput,
    ) -> Result<Conflict, ApiError> {
        self.declare(round, judge, idea, input, true)
    }

    fn declare(
        &self,
        round: Stage,
        judge: JudgeId,
        idea: IdeaId,
        input: &ConflictInput,
        at_meeting: bool,
    ) -> Result<Conflict, ApiError> {
        let valid = input.validate()?;
        check_panel_stage(round)?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judge_of(tx, judge)?;
            let summary = ideas::get_summary(tx, idea)?;
            let idea_challenge = ideas::get(tx, idea)?.challenge_id;
            if idea_challenge != j.challenge_id {
                return Err(ApiError::refused(format!(
                    "{} judges another challenge than {}'s",
                    j.name, summary.reference
                )));
            }
            if let Some(open) = judging::open_conflict(tx, judge, idea)? {
                return Err(ApiError::refused(format!(
                    "{} has already declared a conflict of interest with {} ({}). Withdraw it first to \
                     record a different one",
                    j.name,
                    summary.reference,
                    open.kind.label().to_lowercase()
                )));
            }
            Ok(judging::insert_conflict(tx, judge, idea, &valid, round, at_meeting, now, &by)?)
        })
    }

    /// Withdraws a conflict declared in error: the judge may score the idea again. The conflict
    /// stays on the record, marked withdrawn.
    pub fn withdraw_conflict(&self, conflict: ConflictId) -> Result<Conflict, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let found = judging::conflict(tx, conflict)?;
            if let Some(at) = found.withdrawn_at {
                return Err(ApiError::refused(format!(
                    "That conflict of interest was already withdrawn, on {}",
                    at.format("%-d %B %Y")
                )));
            }
            Ok(judging::withdraw_conflict(tx, conflict, now, &by)?)
        })
    }

    /// The conflicts of the round's panel with the round's ideas, withdrawn ones included.
    pub fn round_conflicts(&self, challenge: ChallengeId, stage: Stage) -> Result<Vec<Conflict>, ApiError> {
        let store = self.store()?;
        let round = Round::load(store.read(), challenge, stage)?;
        round_conflicts(store.read(), &round)
    }

    // ----- scores

    /// Saves one score as a draft. See [`Shortlist::save_scores`].
    pub fn save_score(&self, stage: Stage, input: &ScoreInput) -> Result<ScoreEntry, ApiError> {
        let mut saved = self.save_scores(stage, std::slice::from_ref(input))?;
        saved.pop().ok_or_else(|| ApiError::new(ErrorCode::Internal, "The score was not saved"))
    }

    /// Saves scores as drafts, all or none, attributed to the judge each belongs to. The first
    /// score of a round starts its scoring: the rubric is then versioned and the round's ideas
    /// recorded.
    ///
    /// # Errors
    /// `Validation` for a missing score, an unknown criterion or a score off the scale;
    /// `Refused` when the judge may not score the idea (see the module notes) or has submitted
    /// their scores for it.
    pub fn save_scores(&self, stage: Stage, inputs: &[ScoreInput]) -> Result<Vec<ScoreEntry>, ApiError> {
        let valid: Vec<ValidScore> = inputs.iter().map(ScoreInput::validate).collect::<Result<_, _>>()?;
        let Some(first) = valid.first() else { return Ok(Vec::new()) };
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let challenge = judge_of(tx, first.judge)?.challenge_id;
            let round = Round::load(tx, challenge, stage)?;
            let (version, rubric) = round.rubric()?;
            let mut judges: HashMap<JudgeId, Judge> = HashMap::new();
            let mut checked: BTreeSet<(JudgeId, IdeaId)> = BTreeSet::new();
            for score in &valid {
                let judge = match judges.entry(score.judge) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(judge_of(tx, score.judge)?),
                };
                if checked.insert((score.judge, score.idea)) {
                    round.may_score(tx, judge, score.idea)?;
                    let existing = judging::scores_for(tx, version.id, score.judge, score.idea)?;
                    if let Some(s) = existing.iter().find(|s| s.status == ScoreStatus::Submitted) {
                        return Err(ApiError::refused(format!(
                            "{} submitted their scores for {} on {}. Reopen them to change a score",
                            judge.name,
                            ideas::get_summary(tx, score.idea)?.reference,
                            s.updated_at.format("%-d %B %Y")
                        )));
                    }
                }
                check_value(rubric, score)?;
            }
            judging::start_scoring(tx, challenge, stage, &round.ideas, now)?;
            for score in &valid {
                judging::put_draft(tx, version.id, score, now, &by)?;
            }
            let mut out = Vec::with_capacity(valid.len());
            for score in &valid {
                let saved = judging::scores_for(tx, version.id, score.judge, score.idea)?
                    .into_iter()
                    .find(|s| s.criterion == score.criterion)
                    .ok_or_else(|| {
                        ApiError::new(ErrorCode::Internal, "A saved score could not be read back")
                    })?;
                out.push(saved);
            }
            Ok(out)
        })
    }

    /// Submits a judge's scores for an idea: every criterion scored, and, when the round asks
    /// for it, a comment on each score in the lowest or highest band. Submitted scores count in
    /// the results and are locked until reopened.
    ///
    /// # Errors
    /// `Refused`, naming each criterion (as `field`) still to score or needing a comment.
    pub fn submit_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Vec<ScoreEntry>, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judge_of(tx, judge)?;
            let round = Round::load(tx, j.challenge_id, stage)?;
            let (version, rubric) = round.rubric()?;
            round.may_score(tx, &j, idea)?;
            let reference = ideas::get_summary(tx, idea)?.reference;
            let scores = judging::scores_for(tx, version.id, judge, idea)?;
            let by_criterion: HashMap<&str, &ScoreEntry> =
                scores.iter().map(|s| (s.criterion.as_str(), s)).collect();
            let missing: Vec<FieldError> = rubric
                .criteria()
                .iter()
                .filter(|c| !by_criterion.contains_key(c.id.as_str()))
                .map(|c| FieldError { field: c.id.to_string(), message: format!("Score {}", c.name) })
                .collect();
            if !missing.is_empty() {
                let names: Vec<&str> = rubric
                    .criteria()
                    .iter()
                    .filter(|c| !by_criterion.contains_key(c.id.as_str()))
                    .map(|c| c.name.as_str())
                    .collect();
                return Err(ApiError {
                    code: ErrorCode::Refused,
                    message: format!(
                        "{} has not scored every criterion for {reference}, so nothing was submitted. Still to score: {}",
                        j.name,
                        names.join(", ")
                    ),
                    fields: missing,
                });
            }
            if round.panel.comment_required_for_extremes {
                let needing: Vec<(String, String)> = rubric
                    .criteria()
                    .iter()
                    .filter_map(|c| by_criterion.get(c.id.as_str()).map(|s| (c, *s)))
                    .filter(|(_, s)| rubric.requires_comment(s.score) && s.comment.trim().is_empty())
                    .map(|(c, s)| {
                        let band = rubric.band_for(s.score).map(|b| b.label.as_str()).unwrap_or_default();
                        (c.id.to_string(), format!("{} ({}, {band})", c.name, s.score))
                    })
                    .collect();
                if !needing.is_empty() {
                    let list: Vec<&str> = needing.iter().map(|(_, m)| m.as_str()).collect();
                    return Err(ApiError {
                        code: ErrorCode::Refused,
                        message: format!(
                            "A score in the lowest or highest band needs a comment saying why, so nothing was \
                             submitted. Add a comment to: {}",
                            list.join(", ")
                        ),
                        fields: needing
                            .into_iter()
                            .map(|(field, m)| FieldError { field, message: format!("Add a comment to {m}") })
                            .collect(),
                    });
                }
            }
            judging::set_status(tx, version.id, judge, idea, ScoreStatus::Submitted, now, &by)?;
            Ok(judging::scores_for(tx, version.id, judge, idea)?)
        })
    }

    /// Returns a judge's submitted scores for an idea to draft, so they can be changed; they stop
    /// counting until submitted again.
    pub fn reopen_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Vec<ScoreEntry>, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judge_of(tx, judge)?;
            let round = Round::load(tx, j.challenge_id, stage)?;
            let (version, _) = round.rubric()?;
            let changed = judging::set_status(tx, version.id, judge, idea, ScoreStatus::Draft, now, &by)?;
            if changed == 0 {
                return Err(ApiError::refused(format!(
                    "{} has no submitted scores for {} in the {} round",
                    j.name,
                    ideas::get_summary(tx, idea)?.reference,
                    stage.label()
                )));
            }
            Ok(judging::scores_for(tx, version.id, judge, idea)?)
        })
    }

    /// A judge's scores for an idea under the round's current rubric, draft or submitted.
    pub fn judge_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Vec<ScoreEntry>, ApiError> {
        let store = self.store()?;
        let j = judge_of(store.read(), judge)?;
        let round = Round::load(store.read(), j.challenge_id, stage)?;
        match &round.version {
            Some((v, _)) => Ok(judging::scores_for(store.read(), v.id, judge, idea)?),
            None => Ok(Vec::new()),
        }
    }

    /// The judge's own scores for the idea in the panel round before `stage` that the challenge
    /// uses, under that round's current rubric; `None` when there is no such round or rubric.
    pub fn previous_round_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Option<PreviousRoundScores>, ApiError> {
        check_panel_stage(stage)?;
        let store = self.store()?;
        let conn = store.read();
        let j = judge_of(conn, judge)?;
        let rounds = workflow::rounds(conn, j.challenge_id)?;
        let before =
            PANEL_STAGES.iter().rev().copied().find(|s| s.step() < stage.step() && rounds.is_used(*s));
        let Some(before) = before else { return Ok(None) };
        let Some(panel) = judging::panel(conn, j.challenge_id, before)? else { return Ok(None) };
        let Some(id) = panel.rubric_version else { return Ok(None) };
        let v = judging::rubric_version(conn, id)?;
        let rubric = parse_rubric(&v.rubric_json)?;
        let scores = judging::scores_for(conn, id, judge, idea)?;
        Ok(Some(PreviousRoundScores { stage: before, rubric: version_view(&v, &rubric), scores }))
    }

    // ----- results

    /// The round's results from the submitted scores under its current rubric: raw beside
    /// normalised totals, ranks by `rank_by`, spread and disagreement, each judge's severity.
    pub fn round_results(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
    ) -> Result<RoundResults, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let round = Round::load(conn, challenge, stage)?;
        let (version, rubric) = round.rubric()?;
        let draft_scores = judging::count_drafts(conn, version.id)? as u32;
        let scores: Vec<scoring::Score> = judging::submitted_values(conn, version.id)?
            .into_iter()
            .map(|(judge, idea, criterion, value)| scoring::Score {
                judge: scoring::JudgeId(judge.0),
                idea: scoring::IdeaId(idea.0),
                criterion: criterion.into(),
                value,
            })
            .collect();
        let results =
            aggregate(rubric, &scores, &round.assignments(), &Options { rank_by, ..Options::default() });
        let judges: Vec<Judge> =
            round.panel.judges.iter().map(|&j| judge_of(conn, j)).collect::<Result<_, _>>()?;
        let labels: HashMap<IdeaId, RoundIdea> = judging::round_idea_labels(conn, challenge, stage)?
            .into_iter()
            .map(|(id, reference, title, stage)| {
                (id, RoundIdea { id, reference: Reference(reference), title, stage })
            })
            .collect();
        // By pair, so the table's 10,000 cells are not each a search of the 10,000 totals.
        let totals: HashMap<(scoring::JudgeId, scoring::IdeaId), &scoring::JudgeIdeaTotal> =
            results.totals.iter().map(|t| ((t.judge, t.idea), t)).collect();
        let rows = results
            .ideas
            .iter()
            .map(|r| {
                let idea = IdeaId(r.idea.0);
                let cells = round
                    .panel
                    .judges
                    .iter()
                    .map(|&j| {
                        let total = totals.get(&(scoring::JudgeId(j.0), r.idea));
                        JudgeCell {
                            judge: j,
                            total: total.and_then(|t| t.total),
                            normalised: total.and_then(|t| t.normalised),
                            recused: round.conflicts.contains_key(&(j, idea)),
                            not_assigned: !round.assigned(j, idea),
                        }
                    })
                    .collect();
                ResultRow {
                    idea: labels.get(&idea).cloned().unwrap_or_else(|| RoundIdea {
                        id: idea,
                        reference: Reference(format!("#{}", idea.0)),
                        title: String::new(),
                        stage,
                    }),
                    rank: r.rank_label(),
                    mean: r.mean,
                    median: r.median,
                    normalised_mean: r.normalised_mean,
                    judges_counted: r.judges_counted as u32,
                    sd: r.spread.map(|s| s.sd),
                    range: r.spread.map(|s| s.range),
                    disagreement: r.disagreement,
                    judges: cells,
                }
            })
            .collect();
        Ok(RoundResults {
            challenge,
            stage,
            rubric: version_view(version, rubric),
            judges,
            rows,
            conflicts: round_conflicts(conn, &round)?,
            draft_scores,
            earlier_version_scores: judging::scores_under_other_versions(conn, challenge, stage, version.id)?
                as u32,
            results,
        })
    }

    /// Writes the round's results to `dest` as CSV (the ranking table) or XLSX (the ranking, the
    /// judges' severity and the conflicts, one sheet each). Written whole or not at all; every
    /// text cell is neutralised against formula injection.
    pub fn export_results(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
        format: ExportFormat,
        dest: &Path,
    ) -> Result<ExportSummary, ApiError> {
        let results = self.round_results(challenge, stage, rank_by)?;
        let bytes = match format {
            ExportFormat::Csv => results_csv(&results)?,
            ExportFormat::Xlsx => results_xlsx(&results)?,
        };
        write_atomically(dest, &bytes)?;
        Ok(ExportSummary { path: dest.display().to_string(), ideas: results.rows.len() as u32 })
    }

    // ----- the meeting

    /// The meeting's discussion list: disagreements first (widest spread first), then the
    /// ideas within [`BORDERLINE_MARGIN`] places of the cut-off (the next round's target size),
    /// then the rest; with any decision already recorded at this round.
    pub fn discussion_list(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
    ) -> Result<Vec<DiscussionRow>, ApiError> {
        let results = self.round_results(challenge, stage, rank_by)?;
        let store = self.store()?;
        let conn = store.read();
        let rounds = workflow::rounds(conn, challenge)?;
        let cut_off = rounds.next(stage).and_then(|next| rounds.target(next)).unwrap_or(0);
        let rows: HashMap<IdeaId, &ResultRow> = results.rows.iter().map(|r| (r.idea.id, r)).collect();
        discussion_order(&results.results, cut_off, BORDERLINE_MARGIN)
            .into_iter()
            .filter_map(|item| rows.get(&IdeaId(item.idea.0)).map(|row| (item, *row)))
            .map(|(item, row)| {
                let decision =
                    workflow::decisions(conn, row.idea.id)?.into_iter().rev().find(|d| d.round == stage);
                Ok(DiscussionRow {
                    item,
                    idea: row.idea.clone(),
                    mean: row.mean,
                    normalised_mean: row.normalised_mean,
                    sd: row.sd,
                    decision,
                })
            })
            .collect()
    }

    /// Records the panel's decision on an idea of the round, through
    /// [`Shortlist::record_decision`] (which moves it and writes its history).
    ///
    /// # Errors
    /// `Refused` when the idea is not in the round or has already moved on from it.
    pub fn record_round_decision(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        idea: IdeaId,
        input: &DecisionInput,
    ) -> Result<Decision, ApiError> {
        {
            let store = self.store()?;
            let conn = store.read();
            let round = Round::load(conn, challenge, stage)?;
            let current = ideas::get_summary(conn, idea)?;
            if round.ideas.binary_search(&idea).is_err() {
                return Err(ApiError::refused(format!(
                    "{} is not in the {} round (it is at {})",
                    current.reference,
                    stage.label(),
                    current.stage.label()
                )));
            }
            if current.stage != stage {
                return Err(ApiError::refused(format!(
                    "{} has moved on from the {} round (it is at {}), so its decision there is already made",
                    current.reference,
                    stage.label(),
                    current.stage.label()
                )));
            }
        }
        self.record_decision(idea, input)
    }
}

/// Adds `judges` to the challenge and seats them as the panel of `stage` with the challenge's
/// default rubric, inside the caller's transaction (for the demo).
pub(crate) fn seat_panel(
    tx: &shortlist_store::Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    judges: &[shortlist_domain::ValidJudge],
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), ApiError> {
    let ids = judges
        .iter()
        .map(|j| judging::insert_judge(tx, challenge, j, now).map(|j| j.id))
        .collect::<Result<_, _>>()?;
    judging::put_panel(
        tx,
        challenge,
        stage,
        &PanelSettings { judges: ids, comment_required_for_extremes: true },
    )?;
    let json = rubric_json(&RubricTemplate::ChallengeDefault.rubric())?;
    judging::add_rubric_version(tx, challenge, stage, &json, now, by)?;
    Ok(())
}

fn check_value(rubric: &Rubric, score: &ValidScore) -> Result<(), ApiError> {
    let Some(criterion) = rubric.criterion(&score.criterion.as_str().into()) else {
        let ids: Vec<&str> = rubric.criteria().iter().map(|c| c.id.as_str()).collect();
        return Err(ApiError::field(
            "criterion",
            format!(
                "The rubric has no criterion \"{}\"; its criteria are {}",
                score.criterion,
                ids.join(", ")
            ),
        ));
    };
    let scale = rubric.scale();
    if !scale.contains(score.score) {
        return Err(ApiError::field(
            "score",
            format!(
                "The score for {} must be a whole number from {} to {} (it is {})",
                criterion.name, scale.min, scale.max, score.score
            ),
        ));
    }
    Ok(())
}

fn panel_view(conn: &Connection, round: &Round) -> Result<RoundPanel, ApiError> {
    Ok(RoundPanel {
        challenge: round.challenge,
        stage: round.stage,
        judges: round.panel.judges.iter().map(|&j| judge_of(conn, j)).collect::<Result<_, _>>()?,
        comment_required_for_extremes: round.panel.comment_required_for_extremes,
        scoring_started_at: round.panel.scoring_started_at,
        rubric: round.version.as_ref().map(|(v, r)| version_view(v, r)),
    })
}

fn round_conflicts(conn: &Connection, round: &Round) -> Result<Vec<Conflict>, ApiError> {
    let ideas: BTreeSet<IdeaId> = round.ideas.iter().copied().collect();
    Ok(judging::conflicts(conn, round.challenge)?
        .into_iter()
        .filter(|c| ideas.contains(&c.idea) && round.panel.judges.contains(&c.judge))
        .collect())
}

/// A number for a table: two decimal places, or empty.
fn fixed(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn ranking_headers(results: &RoundResults) -> Vec<String> {
    let mut headers: Vec<String> = [
        "Rank",
        "Reference",
        "Title",
        "Mean (raw)",
        "Mean (normalised)",
        "Median (raw)",
        "Judges counted",
        "Spread (sd)",
        "Range",
        "Disagreement",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    for j in &results.judges {
        headers.push(format!("{} (raw)", j.name));
        headers.push(format!("{} (normalised)", j.name));
    }
    headers
}

/// A judge's cell as text: the total, or why there is none.
fn cell_text(cell: &JudgeCell, value: Option<f64>) -> String {
    if cell.recused {
        "Conflict".to_owned()
    } else if cell.not_assigned {
        "Not assigned".to_owned()
    } else {
        fixed(value)
    }
}

fn ranking_rows(results: &RoundResults) -> Vec<Vec<String>> {
    results
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                r.rank.clone().unwrap_or_default(),
                r.idea.reference.0.clone(),
                r.idea.title.clone(),
                fixed(r.mean),
                fixed(r.normalised_mean),
                fixed(r.median),
                r.judges_counted.to_string(),
                fixed(r.sd),
                fixed(r.range),
                if r.disagreement { "Yes" } else { "No" }.to_owned(),
            ];
            for cell in &r.judges {
                row.push(cell_text(cell, cell.total));
                row.push(cell_text(cell, cell.normalised));
            }
            row
        })
        .collect()
}

fn results_csv(results: &RoundResults) -> Result<Vec<u8>, ApiError> {
    let internal =
        |e: csv::Error| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}"));
    // A byte-order mark so that Excel reads accented names correctly, as in the register export.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(ranking_headers(results).iter().map(|h| neutralise(h).into_owned()))
            .map_err(internal)?;
        for row in ranking_rows(results) {
            w.write_record(row.iter().map(|c| neutralise(c).into_owned())).map_err(internal)?;
        }
        w.flush().map_err(|e| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}")))?;
    }
    Ok(out)
}

fn results_xlsx(results: &RoundResults) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let internal = |e: rust_xlsxwriter::XlsxError| {
        ApiError::new(ErrorCode::Internal, format!("Could not write the spreadsheet: {e}"))
    };
    let bold = Format::new().set_bold();
    let two_places = Format::new().set_num_format("0.00");
    // Numbers stay numbers (so the panel can sort and chart them); text is neutralised.
    let write_table = |sheet: &mut Worksheet,
                       headers: &[String],
                       rows: &[Vec<String>],
                       numeric: &dyn Fn(usize) -> bool| {
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, neutralise(h), &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = ((r + 1) as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) if numeric(c as usize) => sheet.write_number_with_format(r, c, n, &two_places)?,
                    _ => sheet.write_string(r, c, neutralise(cell))?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok::<_, rust_xlsxwriter::XlsxError>(())
    };
    let mut book = Workbook::new();
    let ranking = book.add_worksheet();
    ranking.set_name("Ranking").map_err(internal)?;
    // Rank and reference are text ("2="); everything from the means on is a number when it is one.
    write_table(ranking, &ranking_headers(results), &ranking_rows(results), &|c| c >= 3).map_err(internal)?;

    let judges = book.add_worksheet();
    judges.set_name("Judges").map_err(internal)?;
    let headers: Vec<String> = ["Judge", "Role", "Organisation", "Ideas scored", "Mean total", "Severity"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let rows: Vec<Vec<String>> = results
        .judges
        .iter()
        .map(|j| {
            let r = results.results.judge(scoring::JudgeId(j.id.0));
            vec![
                j.name.clone(),
                j.role.clone(),
                j.organisation.clone(),
                r.map(|r| r.complete.to_string()).unwrap_or_default(),
                fixed(r.and_then(|r| r.mean_total)),
                fixed(r.and_then(|r| r.severity)),
            ]
        })
        .collect();
    write_table(judges, &headers, &rows, &|c| c >= 3).map_err(internal)?;

    let conflicts = book.add_worksheet();
    conflicts.set_name("Conflicts").map_err(internal)?;
    let headers: Vec<String> = ["Judge", "Idea", "Kind", "Note", "Declared", "At the meeting", "Withdrawn"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let name =
        |id: JudgeId| results.judges.iter().find(|j| j.id == id).map(|j| j.name.clone()).unwrap_or_default();
    let reference = |id: IdeaId| {
        results.rows.iter().find(|r| r.idea.id == id).map(|r| r.idea.reference.0.clone()).unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = results
        .conflicts
        .iter()
        .map(|c| {
            vec![
                name(c.judge),
                reference(c.idea),
                c.kind.label().to_owned(),
                c.note.clone(),
                c.declared_at.format("%Y-%m-%d").to_string(),
                if c.declared_at_meeting { "Yes" } else { "No" }.to_owned(),
                c.withdrawn_at.map(|w| w.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    write_table(conflicts, &headers, &rows, &|_| false).map_err(internal)?;
    book.save_to_buffer().map_err(internal)
}
