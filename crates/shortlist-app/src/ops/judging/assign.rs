//! The sift's automatic assignment (issue #17 item 4): each idea of a round to `k` of its
//! panel's judges, every judge carrying the same load to within one, declared conflicts
//! respected; and the conflicts to suggest where a judge and a submitter share a department or
//! agency, which a person confirms or dismisses one by one.
//!
//! What a share-out keeps: the assignments a person chose ([`Shortlist::assign_judges`], stored
//! as manual), and every judge who has scored an idea under the round's current rubric (the same
//! rule as choosing by hand: no score is orphaned). Both count toward `k` and the loads. Applying
//! a share-out replaces the previous share-out's assignments and nothing else.
//!
//! The same round, `k` and seed give the same share-out. With no seed given, the round's last
//! applied seed is used, else one derived from the round, so previewing twice or previewing and
//! then applying gives the same answer. Seeds are `u32` so that the UI's numbers hold them
//! exactly.
//!
//! The maths is [`shortlist_scoring::allocate`]; its problems are worded here with ideas'
//! references and judges' names.

use std::collections::{BTreeMap, BTreeSet};

use shortlist_domain::ConflictKind;
use shortlist_scoring::{
    allocate, suggest_conflicts, AllocationRequest, AssessorOrganisations, IdeaOrganisations,
};

use super::*;

/// A round's share-out settings as last applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentSettings {
    /// Judges per idea (`k`).
    pub per_idea: u32,
    /// The seed that chose among the balanced share-outs.
    pub seed: u32,
}

/// The judges of one idea in a share-out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaJudges {
    pub idea: RoundIdea,
    /// Every judge who scores it, in the panel's order.
    pub judges: Vec<JudgeId>,
    /// Of those, the ones kept from before: chosen by a person, or who have scored it.
    pub kept: Vec<JudgeId>,
}

/// How many ideas one judge scores in a share-out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgeLoad {
    pub judge: Judge,
    /// Ideas in all, the kept ones included.
    pub ideas: u32,
    /// Of which kept from before.
    pub kept: u32,
}

/// A share-out of a round's ideas, previewed or applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AutomaticAssignment {
    pub challenge: ChallengeId,
    pub stage: Stage,
    pub per_idea: u32,
    pub seed: u32,
    /// Every idea of the round, by id; empty when there are problems.
    pub ideas: Vec<IdeaJudges>,
    /// Every panel judge, in the panel's order; empty when there are problems.
    pub loads: Vec<JudgeLoad>,
    /// The busiest judge's load less the least busy one's: at most 1.
    pub spread: u32,
    /// Assignments a person chose, kept as they are.
    pub manual_kept: u32,
    /// Judges kept on ideas they have already scored (not counting those chosen by a person).
    pub scored_kept: u32,
    /// Why no balanced share-out exists, each saying what to change; empty when one does.
    pub problems: Vec<String>,
}

/// A conflict of interest to put to a person: the judge and the idea's submitter share a
/// department or agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ConflictSuggestion {
    pub judge: Judge,
    pub idea: RoundIdea,
    /// The shared departments or agencies, as the judge's record writes them.
    pub shared: Vec<String>,
}

/// A share-out worked out, with what applying it would store.
struct Plan {
    view: AutomaticAssignment,
    /// The share-out's own assignments: those not chosen by a person.
    automatic: Vec<(IdeaId, JudgeId)>,
    /// Why applying it would take a judge off an idea they have scored, if it would.
    orphans_a_score: Option<String>,
}

/// The seed of a round never shared out: fixed by the round, so that it too gives the same
/// answer every time (FNV-1a of the challenge and the stage).
fn derived_seed(challenge: ChallengeId, stage: Stage) -> u32 {
    format!("{}/{}", challenge.0, stage.code())
        .bytes()
        .fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

fn labels(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<BTreeMap<IdeaId, RoundIdea>, ApiError> {
    Ok(judging::round_idea_labels(conn, challenge, stage)?
        .into_iter()
        .map(|(id, reference, title, stage)| {
            (id, RoundIdea { id, reference: Reference(reference), title, stage })
        })
        .collect())
}

fn plan(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    per_idea: u32,
    seed: Option<u32>,
) -> Result<Plan, ApiError> {
    let loaded = LoadedRound::load(conn, challenge, stage)?;
    if per_idea == 0 {
        return Err(ApiError::field("perIdea", "Enter how many judges score each idea: 1 or more"));
    }
    let round = &loaded.round;
    let seed = match seed {
        Some(seed) => seed,
        None => judging::assignment_settings(conn, challenge, stage)?
            .map(|(_, seed)| seed)
            .unwrap_or_else(|| derived_seed(challenge, stage)),
    };
    let judges: BTreeMap<JudgeId, Judge> =
        judging::judges(conn, challenge)?.into_iter().map(|j| (j.id, j)).collect();
    let ideas = labels(conn, challenge, stage)?;
    let in_play = |judge: JudgeId, idea: IdeaId| round.on_panel(judge) && round.has_idea(idea);

    let manual: BTreeSet<(IdeaId, JudgeId)> = judging::assignments_with_source(conn, challenge, stage)?
        .into_iter()
        .filter(|&(idea, judge, source)| source == judging::AssignmentSource::Manual && in_play(judge, idea))
        .map(|(idea, judge, _)| (idea, judge))
        .collect();
    let scored: BTreeSet<(IdeaId, JudgeId)> = match &loaded.version {
        Some((v, _)) => judging::scored_pairs(conn, v.id)?
            .into_iter()
            .filter(|&(judge, idea)| in_play(judge, idea))
            .map(|(judge, idea)| (idea, judge))
            .collect(),
        None => BTreeSet::new(),
    };
    let recused: BTreeSet<(IdeaId, JudgeId)> = round
        .seats()
        .filter(|(_, _, seat)| *seat == Seat::Recused)
        .map(|(judge, idea, _)| (idea, judge))
        .collect();
    // A judge who has scored an idea stays on it; one who has since declared a conflict with it
    // cannot, and the check before applying says so.
    let kept: BTreeSet<(IdeaId, JudgeId)> =
        manual.iter().chain(scored.iter().filter(|pair| !recused.contains(pair))).copied().collect();

    let request = AllocationRequest {
        ideas: round.ideas().map(|i| scoring::IdeaId(i.0)).collect(),
        assessors: round.panel.iter().map(|j| scoring::JudgeId(j.0)).collect(),
        per_idea,
        conflicts: recused
            .iter()
            .map(|&(i, j)| Recusal { judge: scoring::JudgeId(j.0), idea: scoring::IdeaId(i.0) })
            .collect(),
        fixed: kept
            .iter()
            .map(|&(i, j)| Assignment { judge: scoring::JudgeId(j.0), idea: scoring::IdeaId(i.0) })
            .collect(),
        seed: u64::from(seed),
    };
    let mut view = AutomaticAssignment {
        challenge,
        stage,
        per_idea,
        seed,
        ideas: Vec::new(),
        loads: Vec::new(),
        spread: 0,
        manual_kept: manual.len() as u32,
        scored_kept: kept.len().saturating_sub(manual.len()) as u32,
        problems: Vec::new(),
    };
    let allocation = match allocate(&request) {
        Ok(allocation) => allocation,
        Err(e) => {
            let idea_name = |i: scoring::IdeaId| {
                ideas.get(&IdeaId(i.0)).map_or_else(|| i.0.to_string(), |r| r.reference.to_string())
            };
            let judge_name = |j: scoring::JudgeId| {
                judges.get(&JudgeId(j.0)).map_or_else(|| j.0.to_string(), |j| j.name.clone())
            };
            view.problems = e.problems.iter().map(|p| p.describe(&idea_name, &judge_name)).collect();
            return Ok(Plan { view, automatic: Vec::new(), orphans_a_score: None });
        }
    };

    let chosen: BTreeSet<(IdeaId, JudgeId)> =
        allocation.assignments.iter().map(|a| (IdeaId(a.idea.0), JudgeId(a.judge.0))).collect();
    view.ideas = round
        .ideas()
        .map(|idea| {
            let on = |j: &&JudgeId| chosen.contains(&(idea, **j));
            let judges: Vec<JudgeId> = round.panel.iter().filter(on).copied().collect();
            let kept = judges.iter().filter(|j| kept.contains(&(idea, **j))).copied().collect();
            let idea = ideas.get(&idea).cloned().ok_or_else(|| {
                ApiError::new(ErrorCode::Internal, format!("Idea {} of the round could not be read", idea.0))
            })?;
            Ok(IdeaJudges { idea, judges, kept })
        })
        .collect::<Result<_, ApiError>>()?;
    let loads: BTreeMap<JudgeId, (u32, u32)> =
        allocation.loads.iter().map(|l| (JudgeId(l.assessor.0), (l.assigned, l.fixed))).collect();
    view.loads = round
        .panel
        .iter()
        .map(|&j| {
            let (ideas, kept) = loads.get(&j).copied().unwrap_or((0, 0));
            Ok(JudgeLoad { judge: judge_of(conn, j)?, ideas, kept })
        })
        .collect::<Result<_, ApiError>>()?;
    let counts = view.loads.iter().map(|l| l.ideas);
    view.spread = counts.clone().max().unwrap_or(0) - counts.min().unwrap_or(0);

    // Everyone now asked to score an idea (the whole panel where none was chosen) who has scored
    // it and would be taken off it.
    let orphans_a_score = scored
        .iter()
        .find(|&&(idea, judge)| round.assigned(judge, idea) && !chosen.contains(&(idea, judge)))
        .map(|&(idea, judge)| {
            let name = judges.get(&judge).map_or("A judge", |j| j.name.as_str());
            let reference = ideas.get(&idea).map_or_else(|| idea.0.to_string(), |i| i.reference.to_string());
            format!(
                "{name} has scored {reference}, so stays assigned to it, but has since declared a conflict of \
                 interest with it. Withdraw the conflict or choose the judges for {reference} by hand first"
            )
        });
    let automatic = chosen.into_iter().filter(|pair| !manual.contains(pair)).collect();
    Ok(Plan { view, automatic, orphans_a_score })
}

fn suggestions(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<ConflictSuggestion>, ApiError> {
    let loaded = LoadedRound::load(conn, challenge, stage)?;
    let judges: BTreeMap<JudgeId, Judge> = judging::judges(conn, challenge)?
        .into_iter()
        .filter(|j| loaded.round.on_panel(j.id))
        .map(|j| (j.id, j))
        .collect();
    let ideas = labels(conn, challenge, stage)?;
    let assessors: Vec<AssessorOrganisations> = judges
        .values()
        .map(|j| AssessorOrganisations {
            assessor: scoring::JudgeId(j.id.0),
            organisations: vec![j.organisation.clone()],
        })
        .collect();
    let departments: Vec<IdeaOrganisations> = judging::round_idea_departments(conn, challenge, stage)?
        .into_iter()
        .map(|(idea, department)| IdeaOrganisations {
            idea: scoring::IdeaId(idea.0),
            organisations: vec![department],
        })
        .collect();
    // Neither a conflict on the record (a withdrawn one was looked at and found wanting) nor a
    // dismissed suggestion is suggested again.
    let declared = judging::conflicts(conn, challenge)?
        .into_iter()
        .map(|c| (c.judge, c.idea))
        .chain(judging::dismissed_conflict_suggestions(conn, challenge)?)
        .map(|(j, i)| Recusal { judge: scoring::JudgeId(j.0), idea: scoring::IdeaId(i.0) })
        .collect::<Vec<_>>();
    suggest_conflicts(&assessors, &departments, &declared)
        .into_iter()
        .filter_map(|s| {
            let judge = judges.get(&JudgeId(s.assessor.0))?.clone();
            let idea = ideas.get(&IdeaId(s.idea.0))?.clone();
            Some(ConflictSuggestion { judge, idea, shared: s.shared })
        })
        .map(Ok)
        .collect()
}

fn find_suggestion(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<ConflictSuggestion, ApiError> {
    suggestions(conn, challenge, stage)?.into_iter().find(|s| s.judge.id == judge && s.idea.id == idea).ok_or_else(
        || {
            ApiError::refused(
                "That conflict of interest is no longer suggested: it has been confirmed or dismissed already, \
                 or the judge's organisation or the idea's department has changed. Reload the suggestions",
            )
        },
    )
}

impl Shortlist {
    /// The round's share-out settings as last applied, if it has been shared out.
    pub fn assignment_settings(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<Option<AssignmentSettings>, ApiError> {
        let store = self.store()?;
        LoadedRound::load(store.read(), challenge, stage)?;
        Ok(judging::assignment_settings(store.read(), challenge, stage)?
            .map(|(per_idea, seed)| AssignmentSettings { per_idea, seed }))
    }

    /// Works out a share-out of the round's ideas, `per_idea` judges each, without changing
    /// anything (see the [module documentation](self)). When none exists, `problems` says why.
    ///
    /// # Errors
    /// `Validation` for `per_idea` 0; `Refused` for a round the challenge does not use.
    pub fn preview_automatic_assignment(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        per_idea: u32,
        seed: Option<u32>,
    ) -> Result<AutomaticAssignment, ApiError> {
        let store = self.store()?;
        Ok(plan(store.read(), challenge, stage, per_idea, seed)?.view)
    }

    /// Applies the share-out [`Shortlist::preview_automatic_assignment`] shows, in one
    /// transaction: the previous share-out's assignments are replaced, a person's are kept, and
    /// `per_idea` and the seed are kept for the round.
    ///
    /// # Errors
    /// As the preview; `Refused`, with nothing changed, when no balanced share-out exists (the
    /// problems, in words) or when it would take a judge off an idea they have scored.
    pub fn apply_automatic_assignment(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        per_idea: u32,
        seed: Option<u32>,
    ) -> Result<AutomaticAssignment, ApiError> {
        self.store()?.write(|tx| {
            let plan = plan(tx, challenge, stage, per_idea, seed)?;
            if !plan.view.problems.is_empty() {
                return Err(ApiError::refused(plan.view.problems.join(" ")));
            }
            if let Some(refusal) = plan.orphans_a_score {
                return Err(ApiError::refused(refusal));
            }
            judging::replace_automatic_assignments(tx, challenge, stage, &plan.automatic)?;
            judging::put_assignment_settings(tx, challenge, stage, per_idea, plan.view.seed)?;
            Ok(plan.view)
        })
    }

    /// The conflicts of interest to suggest for the round: a panel judge whose organisation is
    /// the department or agency of an idea's submitter (names compared as
    /// [`shortlist_scoring::organisation_key`] does), less the pairs with a conflict on the
    /// record (withdrawn ones too) or a dismissed suggestion. By idea, then judge.
    pub fn conflict_suggestions(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<Vec<ConflictSuggestion>, ApiError> {
        let store = self.store()?;
        suggestions(store.read(), challenge, stage)
    }

    /// Declares the suggested conflict, as of the kind Other with a note naming the shared
    /// organisation: sharing a department says nothing about sharing a team or a line manager,
    /// so the app claims no more than it found. Withdraw it and declare another kind if a
    /// closer tie is known.
    ///
    /// # Errors
    /// `Refused` when the pair is not (or no longer) suggested.
    pub fn confirm_conflict_suggestion(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Conflict, ApiError> {
        let found = find_suggestion(self.store()?.read(), challenge, stage, judge, idea)?;
        let input = ConflictInput {
            kind: Some(ConflictKind::Other),
            note: format!("Same department or agency as the submitter: {}", found.shared.join(", ")),
        };
        self.declare_conflict(stage, judge, idea, &input)
    }

    /// Records that the suggested conflict is none, so it is not suggested again.
    ///
    /// # Errors
    /// `Refused` when the pair is not (or no longer) suggested.
    pub fn dismiss_conflict_suggestion(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<(), ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let found = find_suggestion(tx, challenge, stage, judge, idea)?;
            let shared = serde_json::to_string(&found.shared).map_err(|e| {
                ApiError::new(ErrorCode::Internal, format!("The dismissal could not be saved ({e})"))
            })?;
            judging::dismiss_conflict_suggestion(tx, judge, idea, &shared, now, &by)?;
            Ok(())
        })
    }
}
