//! Rounds, screening, evaluation, moves and decisions: taking ideas from Submitted to Winner.
//!
//! Every move, single or in bulk, goes through [`Shortlist::move_ideas`] (a decision too), so the
//! rules in [`shortlist_domain::check_move`] are checked in one place, a batch moves all or none,
//! and every move lands in the idea's history.

use chrono::{DateTime, Utc};
use serde::Serialize;
use shortlist_domain::{
    check_move, over_target, ChallengeId, ChangeKind, Decision, DecisionInput, Eligibility, Evaluation,
    EvaluationInput, FieldError, Idea, IdeaChange, IdeaId, MoveFacts, MoveRequest, Reference, RoundRow,
    Rounds, Screening, ScreeningInput, Stage, ValidScreening,
};
use shortlist_store::{assessments, challenges, history, ideas, workflow, Connection, Transaction};
use specta::Type;

use super::Shortlist;
use crate::error::ErrorCode;
use crate::ApiError;

/// Ideas moved by one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MoveOutcome {
    pub to: Stage,
    pub moved: Vec<Reference>,
}

/// An idea's evaluation with what it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EvaluationView {
    /// Whether anything has been saved yet.
    pub started: bool,
    pub evaluation: Evaluation,
    /// What is still to do, in form order; empty when complete.
    pub missing: Vec<String>,
}

/// What the idea's page shows about its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub stage: Stage,
    /// The next stage the challenge uses, if the idea can go forward.
    pub next: Option<Stage>,
    /// Every stage the idea might be moved to by hand, in ladder order then exits.
    pub options: Vec<Stage>,
    pub screening: Option<Screening>,
    pub evaluation: EvaluationView,
    pub decisions: Vec<Decision>,
}

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BoardColumn {
    pub stage: Stage,
    pub target: Option<u32>,
    /// How many ideas are at this stage (there may be more than `ideas` holds).
    pub count: u32,
    /// The first [`BOARD_CARDS`] ideas, in reference order.
    pub ideas: Vec<RoundRow>,
}

/// The challenge's ideas by stage: the rounds in order, then the exits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    pub exits: Vec<BoardColumn>,
}

/// Cards sent per board column: enough to work with, few enough to stay instant at 10,000 ideas.
pub const BOARD_CARDS: usize = 60;

const REASON_MAX: usize = 2_000;

impl Shortlist {
    pub fn rounds(&self, challenge: ChallengeId) -> Result<Rounds, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(workflow::rounds(store.read(), challenge)?)
    }

    /// Saves which rounds a challenge uses and their target sizes. A round that holds ideas
    /// stays on until they are moved.
    pub fn set_rounds(&self, challenge: ChallengeId, rounds: &Rounds) -> Result<Rounds, ApiError> {
        let rounds = Rounds::normalised(&rounds.stages);
        self.store()?.write(|tx| {
            challenges::get(tx, challenge)?;
            let mut refusals = Vec::new();
            for s in rounds.stages.iter().filter(|s| !s.used) {
                let n = workflow::count_at(tx, challenge, s.stage)?;
                if n > 0 {
                    refusals.push(format!(
                        "{n} {} at {}: move {} before switching the round off",
                        if n == 1 { "idea is" } else { "ideas are" },
                        s.stage.label(),
                        if n == 1 { "it" } else { "them" }
                    ));
                }
            }
            if !refusals.is_empty() {
                return Err(ApiError::refused(refusals.join(". ")));
            }
            workflow::set_rounds(tx, challenge, &rounds)?;
            Ok(rounds)
        })
    }

    /// Records (or replaces) an idea's screening; its history says what was found.
    pub fn screen_idea(&self, idea: IdeaId, input: &ScreeningInput) -> Result<Screening, ApiError> {
        let valid = input.validate()?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            live_idea(tx, idea)?;
            screen_in(tx, idea, &valid, now, &by)?;
            Ok(assessments::screening(tx, idea)?.expect("just written"))
        })
    }

    pub fn evaluation(&self, idea: IdeaId) -> Result<EvaluationView, ApiError> {
        let store = self.store()?;
        ideas::get_summary(store.read(), idea)?;
        Ok(view(assessments::evaluation(store.read(), idea)?))
    }

    /// Saves an idea's evaluation, complete or not; its history records the rating and
    /// recommendation changes.
    pub fn save_evaluation(&self, idea: IdeaId, input: &EvaluationInput) -> Result<EvaluationView, ApiError> {
        let evaluation = input.validate()?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            live_idea(tx, idea)?;
            evaluate_in(tx, idea, &evaluation, now, &by)?;
            Ok(view(assessments::evaluation(tx, idea)?))
        })
    }

    /// Moves one or many ideas to a stage: all of them, or, when any is refused or the round
    /// would go past its target without confirmation, none.
    pub fn move_ideas(&self, request: &MoveRequest) -> Result<MoveOutcome, ApiError> {
        let reason = request.reason.trim().to_owned();
        if request.ideas.is_empty() {
            return Err(ApiError::field("ideas", "Select at least one idea to move"));
        }
        if reason.chars().count() > REASON_MAX {
            return Err(ApiError::field(
                "reason",
                format!("The reason must be {REASON_MAX} characters or fewer"),
            ));
        }
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let moved = move_and_record(tx, request, &reason, now, &by)?;
            Ok(MoveOutcome { to: request.to, moved })
        })
    }

    /// Records the panel's decision on an idea and moves it where the decision sends it.
    pub fn record_decision(&self, idea: IdeaId, input: &DecisionInput) -> Result<Decision, ApiError> {
        let valid = input.validate()?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let current = live_idea(tx, idea)?;
            let rounds = workflow::rounds(tx, current.challenge_id)?;
            let to = valid
                .kind
                .destination(current.stage, &rounds)
                .map_err(|m| ApiError::refused(format!("{}: {m}", current.reference)))?;
            let request = MoveRequest {
                ideas: vec![idea],
                to,
                reason: valid.reasons.clone(),
                confirm_over_target: input.confirm_over_target,
            };
            move_in(tx, &request, &valid.reasons, now, &by)?;
            let decision = Decision {
                round: current.stage,
                kind: valid.kind,
                reasons: valid.reasons.clone(),
                decided_on: valid.decided_on,
                recorded_by: by.clone(),
                recorded_at: now,
            };
            workflow::record_decision(tx, idea, &decision)?;
            let change = IdeaChange {
                field: Some("Stage".to_owned()),
                old_value: Some(current.stage.label().to_owned()),
                new_value: Some(to.label().to_owned()),
                note: Some(format!(
                    "Panel decision at {} on {}: {}. {}",
                    current.stage.label(),
                    valid.decided_on.format("%-d %B %Y"),
                    valid.kind.label(),
                    valid.reasons
                )),
                ..entry(now, &by, ChangeKind::Decided)
            };
            history::record(tx, idea, &change)?;
            Ok(decision)
        })
    }

    /// Where an idea stands and what can happen next: for its page.
    pub fn idea_progress(&self, idea: IdeaId) -> Result<Progress, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let current = ideas::get(conn, idea)?;
        let rounds = workflow::rounds(conn, current.challenge_id)?;
        let options = rounds
            .used_stages()
            .into_iter()
            .chain([Stage::NotProgressed, Stage::Withdrawn, Stage::Ineligible])
            .filter(|s| *s != current.stage)
            .collect();
        Ok(Progress {
            stage: current.stage,
            next: rounds.next(current.stage),
            options,
            screening: assessments::screening(conn, idea)?,
            evaluation: view(assessments::evaluation(conn, idea)?),
            decisions: workflow::decisions(conn, idea)?,
        })
    }

    /// Live ideas with their ratings and recommendation; only those at `stage` when given.
    pub fn round_overview(
        &self,
        challenge: ChallengeId,
        stage: Option<Stage>,
    ) -> Result<Vec<RoundRow>, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(assessments::round_rows(store.read(), challenge, stage)?)
    }

    /// Ideas whose evaluation is started but incomplete, or that have reached the longlist or
    /// beyond without one: the secretariat's to-do list.
    pub fn incomplete_evaluations(&self, challenge: ChallengeId) -> Result<Vec<RoundRow>, ApiError> {
        let rows = self.round_overview(challenge, None)?;
        let longlist = Stage::Longlist.step();
        Ok(rows
            .into_iter()
            .filter(|r| {
                let due = !r.stage.is_exit() && r.stage.step() >= longlist;
                (r.evaluated && r.missing > 0) || (due && !r.evaluated)
            })
            .collect())
    }

    /// The challenge's ideas by stage.
    pub fn board(&self, challenge: ChallengeId) -> Result<Board, ApiError> {
        let rounds = self.rounds(challenge)?;
        let rows = self.round_overview(challenge, None)?;
        let column = |stage: Stage| {
            let at: Vec<&RoundRow> = rows.iter().filter(|r| r.stage == stage).collect();
            BoardColumn {
                stage,
                target: rounds.target(stage),
                count: at.len() as u32,
                ideas: at.into_iter().take(BOARD_CARDS).cloned().collect(),
            }
        };
        Ok(Board {
            columns: rounds.used_stages().into_iter().map(column).collect(),
            exits: [Stage::NotProgressed, Stage::Withdrawn, Stage::Ineligible]
                .into_iter()
                .map(column)
                .collect(),
        })
    }
}

fn view(evaluation: Option<Evaluation>) -> EvaluationView {
    let started = evaluation.is_some();
    let evaluation = evaluation.unwrap_or_default();
    EvaluationView { started, missing: evaluation.missing(), evaluation }
}

/// The idea, refusing one that was merged away (its survivor carries on instead).
fn live_idea(conn: &Connection, idea: IdeaId) -> Result<Idea, ApiError> {
    let found = ideas::get(conn, idea)?;
    if let Some(survivor) = &found.merged_into {
        return Err(ApiError::refused(format!(
            "{} was merged into {survivor}: work on {survivor} instead",
            found.reference
        )));
    }
    Ok(found)
}

fn facts(conn: &Connection, idea: &Idea) -> Result<MoveFacts, ApiError> {
    Ok(MoveFacts {
        reference: idea.reference.clone(),
        merged_into: idea.merged_into.clone(),
        screened_eligible: assessments::screening(conn, idea.id)?
            .map(|s| s.eligibility == Eligibility::Eligible),
        evaluation_missing: assessments::evaluation(conn, idea.id)?.map(|e| e.missing()),
        left_from: if idea.stage.is_exit() { workflow::left_from(conn, idea.id)? } else { None },
    })
}

/// Records a screening and its timeline entry.
pub(crate) fn screen_in(
    tx: &Transaction<'_>,
    idea: IdeaId,
    valid: &ValidScreening,
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), ApiError> {
    assessments::put_screening(tx, idea, valid, by, now)?;
    let mut note = valid.eligibility.label().to_owned();
    if !valid.eligibility_reason.is_empty() {
        note = format!("{note}: {}", valid.eligibility_reason);
    }
    note = format!("{note}. Already under way elsewhere: {}", valid.under_way.label());
    history::record(tx, idea, &IdeaChange { note: Some(note), ..entry(now, by, ChangeKind::Screened) })?;
    Ok(())
}

/// Saves an evaluation unless it is unchanged, with timeline entries for the rating and
/// recommendation changes.
pub(crate) fn evaluate_in(
    tx: &Transaction<'_>,
    idea: IdeaId,
    evaluation: &Evaluation,
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), ApiError> {
    let before = assessments::evaluation(tx, idea)?;
    let started = before.is_some();
    let before = before.map(|b| Evaluation { updated_at: None, updated_by: None, ..b }).unwrap_or_default();
    if started && before == *evaluation {
        return Ok(());
    }
    assessments::put_evaluation(tx, idea, evaluation, by, now)?;
    let note = Some(match evaluation.missing().len() {
        0 => "Evaluation complete".to_owned(),
        n => format!("Evaluation saved with {n} {} still to do", if n == 1 { "answer" } else { "answers" }),
    });
    let changes = evaluation.headline_changes(&before);
    if changes.is_empty() {
        history::record(
            tx,
            idea,
            &IdeaChange { note: note.clone(), ..entry(now, by, ChangeKind::Evaluated) },
        )?;
    }
    for (label, old, new) in changes {
        let change = IdeaChange {
            field: Some(label.to_owned()),
            old_value: Some(old),
            new_value: Some(new),
            note: note.clone(),
            ..entry(now, by, ChangeKind::Evaluated)
        };
        history::record(tx, idea, &change)?;
    }
    Ok(())
}

/// Checks and applies a move, with a timeline entry per idea; returns the moved references.
pub(crate) fn move_and_record(
    tx: &Transaction<'_>,
    request: &MoveRequest,
    reason: &str,
    now: DateTime<Utc>,
    by: &str,
) -> Result<Vec<Reference>, ApiError> {
    let moved = move_in(tx, request, reason, now, by)?;
    for (idea, from) in &moved {
        let change = IdeaChange {
            field: Some("Stage".to_owned()),
            old_value: Some(from.label().to_owned()),
            new_value: Some(request.to.label().to_owned()),
            note: (!reason.is_empty()).then(|| reason.to_owned()),
            ..entry(now, by, ChangeKind::StageChanged)
        };
        history::record(tx, idea.id, &change)?;
    }
    Ok(moved.into_iter().map(|(i, _)| i.reference).collect())
}

/// Checks and applies a move inside the caller's transaction; returns each idea with the stage
/// it left. Writes nothing when it refuses.
fn move_in(
    tx: &Transaction<'_>,
    request: &MoveRequest,
    reason: &str,
    now: DateTime<Utc>,
    by: &str,
) -> Result<Vec<(Idea, Stage)>, ApiError> {
    let mut seen = Vec::new();
    let mut found = Vec::new();
    for id in &request.ideas {
        if !seen.contains(id) {
            seen.push(*id);
            found.push(ideas::get(tx, *id)?);
        }
    }
    let challenge = found[0].challenge_id;
    if found.iter().any(|i| i.challenge_id != challenge) {
        return Err(ApiError::field("ideas", "Move ideas of one challenge at a time"));
    }
    let rounds = workflow::rounds(tx, challenge)?;
    let mut refusals = Vec::new();
    for idea in &found {
        if let Err(message) = check_move(idea.stage, request.to, &facts(tx, idea)?, &rounds, reason) {
            refusals.push(FieldError { field: idea.reference.0.clone(), message });
        }
    }
    match refusals.len() {
        0 => {}
        1 if found.len() == 1 => return Err(ApiError::refused(refusals.remove(0).message)),
        _ => return Err(ApiError::refused_batch(found.len(), refusals)),
    }
    let already = workflow::count_at(tx, challenge, request.to)?;
    let over = over_target(&rounds, request.to, already, found.len());
    if let Some(target) = over {
        if !request.confirm_over_target {
            let n = found.len();
            return Err(ApiError::new(
                ErrorCode::NeedsConfirmation,
                format!(
                    "Moving {} to {} would make {} there, more than its target of {target}. Confirm to go ahead",
                    if n == 1 { found[0].reference.0.clone() } else { format!("{n} ideas") },
                    request.to.label(),
                    already + n
                ),
            ));
        }
    }
    let mut moved = Vec::new();
    for idea in found {
        let from = idea.stage;
        workflow::apply_move(
            tx,
            &workflow::Move {
                idea: idea.id,
                from,
                to: request.to,
                reason: reason.to_owned(),
                over_target: over.is_some(),
                at: now,
                by: by.to_owned(),
            },
        )?;
        moved.push((idea, from));
    }
    Ok(moved)
}

/// A timeline entry of `kind` by `by` at `at`, to be filled in.
fn entry(at: DateTime<Utc>, by: &str, kind: ChangeKind) -> IdeaChange {
    IdeaChange { at, by: by.to_owned(), kind, field: None, old_value: None, new_value: None, note: None }
}
