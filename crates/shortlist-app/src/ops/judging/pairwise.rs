//! Pairwise rounds (issue #17): the round's method, the pairs planned for each judge, and the
//! judges' choices between two ideas.
//!
//! The plan is made ahead (`plan_pairs`) so that it can travel in each judge's bundle and be
//! worked through offline: every judge gets the same number of pairs, each idea appears about
//! as often as every other, no judge sees an idea they have a conflict with or were not chosen
//! for, no judge sees a pair twice, and the comparisons join every idea to every other (a
//! ranking of two unconnected groups would be meaningless). The maths is
//! `shortlist_scoring::schedule_pairs`; this layer loads the round, stores the plan and checks
//! each choice against it.
//!
//! Rules, each refused with a message that says what to do:
//! - the plan is fixed once a choice has been recorded: re-planning would change what the
//!   recorded choices are comparisons between;
//! - a choice is for a pair planned for that judge, shown in the planned order, and (when the
//!   round asks for choices per criterion) for a criterion of the round's rubric;
//! - a choice counts as soon as it is saved, and may be changed: each change is a new revision,
//!   which is what the exchange merges by.

use shortlist_domain::{
    Comparison, ComparisonInput, Evaluation, PairwiseSettings, PlannedPair, PAIRS_PER_JUDGE_MAX,
};
use shortlist_scoring::{schedule_pairs, PairScheduleRequest};
use shortlist_store::{assessments, pairwise};

use super::*;

/// How many comparisons across the panel each idea should be in when the round leaves the
/// number to the app: enough for Bradley–Terry intervals narrow enough to separate the top of a
/// round from the middle (eight is the usual rule of thumb for comparative judgement).
pub const DEFAULT_APPEARANCES: u32 = 8;

/// The round's plan of pairs, as the secretariat sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairPlan {
    pub settings: PairwiseSettings,
    /// Whether pairs are planned yet.
    pub planned: bool,
    /// The pairs each judge is given when the app chooses: what `plan_pairs` would use.
    pub pairs_per_judge: u32,
    pub ideas: u32,
    /// Per panel judge, in the panel's order.
    pub judges: Vec<JudgePairCount>,
    /// The fewest and most planned comparisons any idea of the round is in.
    pub fewest_per_idea: u32,
    pub most_per_idea: u32,
    /// Choices recorded so far (overall and per criterion).
    pub choices: u32,
}

/// One judge's share of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgePairCount {
    pub judge: JudgeId,
    pub name: String,
    pub pairs: u32,
    /// Pairs with an overall choice recorded.
    pub compared: u32,
}

/// An idea as a judge sees it beside another: what it is and what the secretariat found.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairIdea {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    pub summary: String,
    pub evaluation: Option<Evaluation>,
}

/// One planned pair with the judge's choices so far.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairView {
    pub position: u32,
    pub left: PairIdea,
    pub right: PairIdea,
    /// The overall choice and any per criterion.
    pub choices: Vec<Comparison>,
}

/// A judge's pairs for a round, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgePairs {
    pub challenge: ChallengeId,
    pub stage: Stage,
    pub judge: JudgeId,
    pub settings: PairwiseSettings,
    /// The criteria to choose on besides the overall choice (empty unless the round asks for
    /// choices per criterion): (id, name).
    pub criteria: Vec<(String, String)>,
    pub pairs: Vec<PairView>,
    /// Pairs with an overall choice.
    pub compared: u32,
}

impl Shortlist {
    /// The round's judging method and pairwise settings.
    pub fn pairwise_settings(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<PairwiseSettings, ApiError> {
        let store = self.store()?;
        check_panel_stage(stage)?;
        challenges::get(store.read(), challenge)?;
        Ok(pairwise::settings(store.read(), challenge, stage)?)
    }

    /// Sets how the round is judged. The number of pairs and the per-criterion choice are fixed
    /// once a choice is recorded; changing either before then forgets any plan, which is made
    /// again for the new settings.
    ///
    /// # Errors
    /// `Validation` for more than [`PAIRS_PER_JUDGE_MAX`] pairs; `Refused` for a change to the
    /// pairs once choices are recorded.
    pub fn set_pairwise_settings(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        settings: &PairwiseSettings,
    ) -> Result<PairwiseSettings, ApiError> {
        check_panel_stage(stage)?;
        if settings.pairs_per_judge > PAIRS_PER_JUDGE_MAX {
            return Err(ApiError::field(
                "pairsPerJudge",
                format!("Enter at most {PAIRS_PER_JUDGE_MAX} pairs per judge, or 0 to let Shortlist choose"),
            ));
        }
        self.store()?.write(|tx| {
            LoadedRound::settings(tx, challenge, stage)?;
            let before = pairwise::settings(tx, challenge, stage)?;
            let pairs_changed = (before.pairs_per_judge, before.per_criterion)
                != (settings.pairs_per_judge, settings.per_criterion);
            if pairs_changed {
                if !pairwise::comparisons(tx, challenge, stage)?.is_empty() {
                    return Err(ApiError::refused(format!(
                        "Judges have already compared pairs in the {} round, so its pairs stay as planned. \
                         You can still change whether it is judged by scores, pairs or both",
                        stage.label()
                    )));
                }
                pairwise::clear_schedule(tx, challenge, stage)?;
            }
            pairwise::put_settings(tx, challenge, stage, settings)?;
            Ok(pairwise::settings(tx, challenge, stage)?)
        })
    }

    /// The round's plan of pairs.
    pub fn pair_plan(&self, challenge: ChallengeId, stage: Stage) -> Result<PairPlan, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let loaded = LoadedRound::load(conn, challenge, stage)?;
        plan_view(conn, &loaded, &pairwise::schedule(conn, challenge, stage)?)
    }

    /// Plans the round's pairs for every judge on its panel, replacing a plan made before (which
    /// only happens before any choice is recorded). The same round planned again with the same
    /// panel, ideas and conflicts gets the same pairs.
    ///
    /// # Errors
    /// `Refused` when the round is not judged by pairs, choices are already recorded, or no
    /// balanced, connected plan exists (too few ideas or judges, or too many conflicts), with
    /// the reason and what to change.
    pub fn plan_pairs(&self, challenge: ChallengeId, stage: Stage) -> Result<PairPlan, ApiError> {
        self.store()?.write(|tx| {
            let loaded = LoadedRound::load(tx, challenge, stage)?;
            let settings = pairwise::settings(tx, challenge, stage)?;
            if !settings.method.pairwise() {
                return Err(ApiError::refused(format!(
                    "The {} round is judged by rubric scores. Choose pairwise comparison (or both) for it first",
                    stage.label()
                )));
            }
            if !pairwise::comparisons(tx, challenge, stage)?.is_empty() {
                return Err(ApiError::refused(format!(
                    "Judges have already compared pairs in the {} round, so its plan stays as it is",
                    stage.label()
                )));
            }
            let round = &loaded.round;
            if round.panel.is_empty() {
                return Err(ApiError::refused(format!(
                    "The {} round has no panel yet. Choose its judges first",
                    stage.label()
                )));
            }
            let ideas: Vec<IdeaId> = round.ideas().collect();
            // A judge sees no pair with an idea they declared an interest in, or were not chosen
            // to judge: both are a recusal to the planner.
            let conflicts = round
                .seats()
                .filter(|(_, _, seat)| *seat != Seat::Assigned)
                .map(|(judge, idea, _)| Recusal { judge: scoring::JudgeId(judge.0), idea: scoring::IdeaId(idea.0) })
                .collect();
            let request = PairScheduleRequest {
                ideas: ideas.iter().map(|i| scoring::IdeaId(i.0)).collect(),
                judges: round.panel.iter().map(|j| scoring::JudgeId(j.0)).collect(),
                pairs_per_judge: pairs_per_judge(&settings, ideas.len(), round.panel.len()),
                conflicts,
                seed: plan_seed(challenge, stage),
            };
            let schedule = schedule_pairs(&request).map_err(|e| {
                let problems: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
                ApiError::refused(format!("The pairs could not be planned: {}", problems.join(" ")))
            })?;
            pairwise::clear_schedule(tx, challenge, stage)?;
            for judge in &schedule.judges {
                let pairs: Vec<(IdeaId, IdeaId)> =
                    judge.pairs.iter().map(|p| (IdeaId(p.first.0), IdeaId(p.second.0))).collect();
                pairwise::put_schedule_for(tx, challenge, stage, JudgeId(judge.judge.0), &pairs)?;
            }
            plan_view(tx, &loaded, &pairwise::schedule(tx, challenge, stage)?)
        })
    }

    /// A judge's planned pairs for the round, with both ideas and the choices made so far.
    pub fn judge_pairs(&self, stage: Stage, judge: JudgeId) -> Result<JudgePairs, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let j = judge_of(conn, judge)?;
        let challenge = j.challenge_id;
        let loaded = LoadedRound::load_for(conn, challenge, stage, [])?;
        let settings = pairwise::settings(conn, challenge, stage)?;
        let criteria = match (&loaded.version, settings.per_criterion) {
            (Some((_, rubric)), true) => {
                rubric.criteria().iter().map(|c| (c.id.to_string(), c.name.clone())).collect()
            }
            _ => Vec::new(),
        };
        let choices = pairwise::comparisons_by(conn, challenge, stage, judge)?;
        let mut ideas_seen: HashMap<IdeaId, PairIdea> = HashMap::new();
        let mut idea = |id: IdeaId| -> Result<PairIdea, ApiError> {
            if let Some(known) = ideas_seen.get(&id) {
                return Ok(known.clone());
            }
            let full = ideas::get(conn, id)?;
            let view = PairIdea {
                id,
                reference: full.reference.clone(),
                title: full.details.title.clone(),
                summary: full.details.summary.clone(),
                evaluation: assessments::evaluation(conn, id)?.filter(|e| e.updated_at.is_some()),
            };
            ideas_seen.insert(id, view.clone());
            Ok(view)
        };
        let planned = pairwise::schedule_for(conn, challenge, stage, judge)?;
        let pairs: Vec<PairView> = planned
            .iter()
            .map(|p| {
                Ok(PairView {
                    position: p.position,
                    left: idea(p.left)?,
                    right: idea(p.right)?,
                    choices: choices
                        .iter()
                        .filter(|c| c.left == p.left && c.right == p.right)
                        .cloned()
                        .collect(),
                })
            })
            .collect::<Result<_, ApiError>>()?;
        let compared = pairs_compared(&planned, &choices);
        Ok(JudgePairs { challenge, stage, judge, settings, criteria, pairs, compared })
    }

    /// Records a judge's choice between the two ideas of one of their planned pairs (overall,
    /// or on one criterion), or changes it.
    ///
    /// # Errors
    /// `Validation` for no choice or a comment too long; `Refused` for a pair not planned for
    /// the judge, an idea they may no longer judge, or a criterion not asked for.
    pub fn save_comparison(&self, stage: Stage, input: &ComparisonInput) -> Result<Comparison, ApiError> {
        let valid = input.validate()?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let judge = judge_of(tx, valid.judge)?;
            let challenge = judge.challenge_id;
            let loaded = LoadedRound::load_for(tx, challenge, stage, [valid.left, valid.right])?;
            let settings = pairwise::settings(tx, challenge, stage)?;
            if !settings.method.pairwise() {
                return Err(ApiError::refused(format!(
                    "The {} round is judged by rubric scores, not by comparing pairs",
                    stage.label()
                )));
            }
            let planned = pairwise::schedule_for(tx, challenge, stage, judge.id)?
                .iter()
                .any(|p| p.left == valid.left && p.right == valid.right);
            if !planned {
                return Err(ApiError::refused(format!(
                    "That pair is not one of the pairs planned for {} in the {} round",
                    judge.name,
                    stage.label()
                )));
            }
            for idea in [valid.left, valid.right] {
                loaded.may_score(tx, &judge, idea)?;
            }
            if !valid.criterion.is_empty() {
                let known = settings.per_criterion
                    && loaded.version.as_ref().is_some_and(|(_, rubric)| {
                        rubric.criterion(&valid.criterion.as_str().into()).is_some()
                    });
                if !known {
                    return Err(ApiError::field(
                        "criterion",
                        format!(
                            "The {} round does not ask for a choice on \"{}\"",
                            stage.label(),
                            valid.criterion
                        ),
                    ));
                }
            }
            judging::start_scoring(tx, challenge, stage, now)?;
            pairwise::put_comparison(tx, challenge, stage, &valid, now, &by)?;
            pairwise::comparisons_by(tx, challenge, stage, judge.id)?
                .into_iter()
                .find(|c| c.left == valid.left && c.right == valid.right && c.criterion == valid.criterion)
                .ok_or_else(|| {
                    ApiError::new(ErrorCode::Internal, "The choice was saved but could not be read back")
                })
        })
    }
}

/// How many of a judge's planned pairs have an overall choice among `choices` (the judge's own;
/// a choice on a criterion alone does not count the pair as compared).
pub(crate) fn pairs_compared(planned: &[PlannedPair], choices: &[Comparison]) -> u32 {
    planned
        .iter()
        .filter(|p| {
            choices.iter().any(|c| {
                c.judge == p.judge && c.left == p.left && c.right == p.right && c.criterion.is_empty()
            })
        })
        .count() as u32
}

/// The pairs per judge the plan uses: the round's number, or enough for every idea to be in
/// about [`DEFAULT_APPEARANCES`] comparisons across the panel, and never more than the distinct
/// pairs there are.
pub(crate) fn pairs_per_judge(settings: &PairwiseSettings, ideas: usize, judges: usize) -> u32 {
    let distinct = (ideas * ideas.saturating_sub(1) / 2) as u32;
    let wanted = if settings.pairs_per_judge > 0 {
        settings.pairs_per_judge
    } else {
        let total = (ideas as u32 * DEFAULT_APPEARANCES).div_ceil(2);
        total.div_ceil(judges.max(1) as u32).max(1)
    };
    wanted.min(distinct.max(1))
}

/// The plan's seed, from the round alone, so the same round is always planned the same way.
fn plan_seed(challenge: ChallengeId, stage: Stage) -> u64 {
    let stage_index = PANEL_STAGES.iter().position(|s| *s == stage).unwrap_or(0) as u64;
    (challenge.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (stage_index + 1)
}

fn plan_view(
    conn: &Connection,
    loaded: &LoadedRound,
    schedule: &[PlannedPair],
) -> Result<PairPlan, ApiError> {
    let round = &loaded.round;
    let settings = pairwise::settings(conn, round.challenge, round.stage)?;
    let choices = pairwise::comparisons(conn, round.challenge, round.stage)?;
    let mut appearances: HashMap<IdeaId, u32> = round.ideas().map(|i| (i, 0)).collect();
    for p in schedule {
        for idea in [p.left, p.right] {
            *appearances.entry(idea).or_default() += 1;
        }
    }
    let judges = round
        .panel
        .iter()
        .map(|&j| {
            let mine: Vec<PlannedPair> = schedule.iter().filter(|p| p.judge == j).copied().collect();
            Ok(JudgePairCount {
                judge: j,
                name: judge_of(conn, j)?.name,
                pairs: mine.len() as u32,
                compared: pairs_compared(&mine, &choices),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(PairPlan {
        settings,
        planned: !schedule.is_empty(),
        pairs_per_judge: pairs_per_judge(&settings, round.ideas().len(), round.panel.len()),
        ideas: round.ideas().len() as u32,
        judges,
        fewest_per_idea: appearances.values().copied().min().unwrap_or(0),
        most_per_idea: appearances.values().copied().max().unwrap_or(0),
        choices: choices.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use shortlist_domain::JudgingMethod;

    use super::*;

    #[test]
    fn the_default_puts_each_idea_in_about_eight_comparisons_and_never_asks_for_more_than_exist() {
        let auto = PairwiseSettings { method: JudgingMethod::Pairwise, ..PairwiseSettings::default() };
        // 8 ideas, 5 judges: 32 comparisons across the panel, 7 each (35 ≥ 32).
        assert_eq!(pairs_per_judge(&auto, 8, 5), 7);
        // 4 ideas have 6 distinct pairs: a judge cannot be asked for more.
        assert_eq!(pairs_per_judge(&auto, 4, 1), 6);
        let chosen = PairwiseSettings { pairs_per_judge: 10, ..auto };
        assert_eq!(pairs_per_judge(&chosen, 20, 5), 10, "the round's own number wins");
    }
}
