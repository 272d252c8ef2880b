//! From a round's scores to its results: totals, per-idea statistics, normalisation, ranks,
//! spread and disagreement, judge severity.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::normalise::{mean, median, normalise, population_sd, JudgeTotal, NormalisationStatus, Pooled};
use crate::rubric::{CriterionId, Rubric};
use crate::score::{Assignments, IdeaId, JudgeId, Score};

/// Two means closer than this are a tie. Means of the same totals reached in a different order
/// can differ by ~1e-16; real differences between ideas are far larger.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Which mean the ranking follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RankBy {
    /// The mean of the judges' weighted totals, as scored.
    #[default]
    RawMean,
    /// The mean of the judges' normalised totals (see [`crate::normalise()`]).
    NormalisedMean,
}

/// When an idea's judges disagree enough to discuss it. Each threshold is a fraction of the
/// scale's width (`max - min`), so one setting suits 1–5 and 0–10 rubrics alike; `None` turns
/// that test off. An idea is flagged when either test is met (`>=`), and only when at least two
/// judges' totals count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct DisagreementRule {
    /// Flag when the highest total minus the lowest is at least this fraction of the width.
    /// Default 0.4: 1.6 points on 1–5, 3.6 on 1–10, 4 on 0–10.
    pub range_fraction: Option<f64>,
    /// Flag when the totals' population sd is at least this fraction of the width. Default 0.2,
    /// half the range default: for two judges the sd is half the range, so the two tests agree,
    /// and with more judges the sd test catches a panel split down the middle that the range
    /// alone would treat like one outlier.
    pub sd_fraction: Option<f64>,
}

impl Default for DisagreementRule {
    fn default() -> Self {
        Self { range_fraction: Some(0.4), sd_fraction: Some(0.2) }
    }
}

/// Settings of [`aggregate`]. Every field has a default, also when deserialising.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// A judge is normalised only with at least this many complete totals (ideas fully
    /// scored). Default 3; values below 2 count as 2.
    pub min_scores_for_normalisation: usize,
    /// Which mean the ranking follows. Default: the raw mean.
    pub rank_by: RankBy,
    /// When to flag disagreement.
    pub disagreement: DisagreementRule,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            min_scores_for_normalisation: 3,
            rank_by: RankBy::RawMean,
            disagreement: DisagreementRule::default(),
        }
    }
}

/// Why a score was left out of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RejectionReason {
    /// The judge has recused from this idea.
    Recused,
    /// The judge is not assigned to this idea.
    NotAssigned,
    /// The rubric has no criterion with this id.
    UnknownCriterion,
    /// The value is not on the rubric's scale.
    OffScale,
    /// The same judge gave the same criterion of the same idea different values; none of them
    /// counts until the secretariat resolves it. (Identical repeats count once, silently.)
    ConflictingDuplicate,
}

/// A score left out, and why. The secretariat should see these before the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RejectedScore {
    /// The score as given.
    pub score: Score,
    /// Why it does not count.
    pub reason: RejectionReason,
}

/// How far a judge got with an idea they are assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum TotalStatus {
    /// Every criterion scored: the total counts.
    Complete,
    /// Some criteria scored: no total, and the pair is left out of every statistic, so that an
    /// idea is never judged on part of the rubric.
    Incomplete {
        /// The criteria still to score (or whose scores conflict), in rubric order.
        missing: Vec<CriterionId>,
    },
    /// Nothing scored yet.
    NotScored,
}

/// One judge's result for one idea they are assigned to (recused pairs are not listed).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgeIdeaTotal {
    /// The judge.
    pub judge: JudgeId,
    /// The idea.
    pub idea: IdeaId,
    /// Whether the total counts.
    pub status: TotalStatus,
    /// The weighted mean of the criterion scores, `sum(w * s) / sum(w)`, on the rubric's scale;
    /// `Some` exactly when the status is complete.
    pub total: Option<f64>,
    /// The total's z-score among this judge's totals, when the judge is normalised.
    pub z: Option<f64>,
    /// The normalised total on the rubric's scale, when the judge is normalised.
    pub normalised: Option<f64>,
    /// Whether `normalised` was clamped to the scale.
    pub clamped: bool,
}

/// How far apart an idea's judges are, from two or more totals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Spread {
    /// Population sd of the totals.
    pub sd: f64,
    /// `max - min`.
    pub range: f64,
    /// The lowest total.
    pub min: f64,
    /// The highest total.
    pub max: f64,
}

/// One idea's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IdeaResult {
    /// The idea.
    pub idea: IdeaId,
    /// Standard competition rank (1, 2, 2, 4) by the chosen mean; `None` when that mean is
    /// missing (no judge's total counts, or none is normalised).
    pub rank: Option<u32>,
    /// Whether another idea shares the rank (shown as "2=").
    pub tied: bool,
    /// How many judges' totals count.
    pub judges_counted: usize,
    /// Mean of the counted totals. A mean, never a sum, so recusals and missing judges do not
    /// penalise an idea.
    pub mean: Option<f64>,
    /// Median of the counted totals (mean of the middle two for an even count).
    pub median: Option<f64>,
    /// Mean of the normalised totals of the counted judges who are normalised.
    pub normalised_mean: Option<f64>,
    /// How many normalised totals `normalised_mean` averages.
    pub normalised_judges: usize,
    /// From two counted totals up.
    pub spread: Option<Spread>,
    /// Whether the spread meets the disagreement rule.
    pub disagreement: bool,
    /// Judges who recused, by id.
    pub recused: Vec<JudgeId>,
    /// Assigned judges who have scored some but not all criteria, by id.
    pub incomplete: Vec<JudgeId>,
    /// Assigned judges who have scored nothing, by id.
    pub not_scored: Vec<JudgeId>,
}

impl IdeaResult {
    /// The rank as shown in the meeting: `"2"`, or `"2="` when shared.
    pub fn rank_label(&self) -> Option<String> {
        self.rank.map(|r| if self.tied { format!("{r}=") } else { r.to_string() })
    }
}

/// One judge's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgeResult {
    /// The judge.
    pub judge: JudgeId,
    /// Ideas fully scored (counted).
    pub complete: usize,
    /// Ideas partly scored.
    pub incomplete: usize,
    /// Ideas assigned and not yet scored.
    pub not_scored: usize,
    /// Ideas recused from.
    pub recused: usize,
    /// Mean of the judge's counted totals.
    pub mean_total: Option<f64>,
    /// Population sd of the judge's counted totals.
    pub sd_total: Option<f64>,
    /// Whether the judge's totals are normalised; `None` when they have none.
    pub normalisation: Option<NormalisationStatus>,
    /// The judge's mean total minus the mean, over the same ideas, of those ideas' panel means
    /// (which include this judge). Positive: generous; negative: severe. `None` without totals.
    pub severity: Option<f64>,
}

/// Everything [`aggregate`] works out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Results {
    /// Which mean the ranks follow.
    pub rank_by: RankBy,
    /// Ranked ideas best first (ties by idea id), then unranked ones by idea id.
    pub ideas: Vec<IdeaResult>,
    /// By judge id.
    pub judges: Vec<JudgeResult>,
    /// Every assigned, unrecused judge–idea pair, by idea id then judge id.
    pub totals: Vec<JudgeIdeaTotal>,
    /// The panel mean and sd normalised totals are mapped onto; `None` when no judge is
    /// normalised.
    pub pooled: Option<Pooled>,
    /// Scores left out, by judge, idea, criterion, value.
    pub rejected: Vec<RejectedScore>,
}

impl Results {
    /// The results of one idea.
    pub fn idea(&self, idea: IdeaId) -> Option<&IdeaResult> {
        self.ideas.iter().find(|r| r.idea == idea)
    }

    /// The results of one judge.
    pub fn judge(&self, judge: JudgeId) -> Option<&JudgeResult> {
        self.judges.iter().find(|r| r.judge == judge)
    }

    /// One judge's result for one idea (`None` if not assigned, or recused).
    pub fn total(&self, judge: JudgeId, idea: IdeaId) -> Option<&JudgeIdeaTotal> {
        self.totals.iter().find(|t| t.judge == judge && t.idea == idea)
    }
}

/// What a judge x idea cell of the round is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    Unassigned,
    Recused,
    /// Index into the sorted list of pairs to score.
    Pair(usize),
}

fn sorted_unique<T: Ord>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// One criterion of one pair: nothing yet, a score, or two different scores.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Empty,
    Value(i32),
    Conflict,
}

/// Aggregates a round's scores under `rubric`.
///
/// - A judge's **total** for an idea is the weighted mean of their criterion scores,
///   `sum(w * s) / sum(w)`, so it stays on the rubric's scale. It counts only when every
///   criterion is scored; a partly scored idea is reported as [`TotalStatus::Incomplete`] and
///   left out of every statistic (an idea judged on two of five criteria is not comparable).
/// - Per idea: mean and median of the counted totals, their spread and the disagreement flag,
///   the normalised mean, and the recused, incomplete and unscored judges.
/// - Per judge: counts, mean and sd of totals, normalisation status, severity.
/// - Ranks by [`Options::rank_by`]; means within [`TIE_TOLERANCE`] share a rank.
///
/// Scores that cannot count are listed in [`Results::rejected`] rather than failing the whole
/// round: a recused or unassigned judge's score, an unknown criterion, a value off the scale,
/// conflicting repeats. The result does not depend on the order of `scores` or of the
/// assignment lists, to the bit, and contains no NaN or infinity.
pub fn aggregate(rubric: &Rubric, scores: &[Score], assignments: &Assignments, options: &Options) -> Results {
    let scale = rubric.scale();
    let criteria = rubric.criteria();
    let weight_sum: f64 = criteria.iter().map(|c| c.weight).sum();

    let recused: BTreeSet<(JudgeId, IdeaId)> =
        assignments.recusals.iter().map(|r| (r.judge, r.idea)).collect();
    let judges: Vec<JudgeId> =
        sorted_unique(assignments.assigned.iter().map(|a| a.judge).chain(recused.iter().map(|&(j, _)| j)));
    let ideas: Vec<IdeaId> =
        sorted_unique(assignments.assigned.iter().map(|a| a.idea).chain(recused.iter().map(|&(_, i)| i)));
    // The pairs to score, in (judge, idea) order; a pair's slots are
    // `slots[p * n_criteria .. (p + 1) * n_criteria]`.
    let pair_keys: Vec<(JudgeId, IdeaId)> = sorted_unique(
        assignments.assigned.iter().map(|a| (a.judge, a.idea)).filter(|key| !recused.contains(key)),
    );
    let mut slots = vec![Slot::Empty; pair_keys.len() * criteria.len()];
    // A dense judge x idea table of what each pair is, so that placing a score costs two binary
    // searches over short sorted lists rather than a search of a map of every pair. A round is
    // at most hundreds of ideas and tens of judges, so the table is small.
    let mut cell = vec![Cell::Unassigned; judges.len() * ideas.len()];
    let at = |judge: JudgeId, idea: IdeaId| -> Option<usize> {
        Some(judges.binary_search(&judge).ok()? * ideas.len() + ideas.binary_search(&idea).ok()?)
    };
    for &(judge, idea) in &recused {
        if let Some(k) = at(judge, idea) {
            cell[k] = Cell::Recused;
        }
    }
    for (p, &(judge, idea)) in pair_keys.iter().enumerate() {
        if let Some(k) = at(judge, idea) {
            cell[k] = Cell::Pair(p);
        }
    }

    // Place each score in its slot; remember where, to find conflicting repeats afterwards.
    let n = criteria.len();
    let mut rejected = Vec::new();
    let mut placed = Vec::with_capacity(scores.len());
    for score in scores {
        let pair = match at(score.judge, score.idea).map_or(Cell::Unassigned, |k| cell[k]) {
            Cell::Recused => Err(RejectionReason::Recused),
            Cell::Unassigned => Err(RejectionReason::NotAssigned),
            Cell::Pair(p) => Ok(p),
        };
        let slot = pair.and_then(|p| {
            // A linear scan: a rubric has a handful of criteria, and short strings compare fast.
            let c = criteria
                .iter()
                .position(|c| c.id == score.criterion)
                .ok_or(RejectionReason::UnknownCriterion)?;
            if scale.contains(score.value) {
                Ok(p * n + c)
            } else {
                Err(RejectionReason::OffScale)
            }
        });
        match slot {
            Ok(k) => {
                slots[k] = match slots[k] {
                    Slot::Empty => Slot::Value(score.value),
                    Slot::Value(v) if v == score.value => Slot::Value(v),
                    Slot::Value(_) | Slot::Conflict => Slot::Conflict,
                };
                placed.push((score, k));
            }
            Err(reason) => rejected.push(RejectedScore { score: score.clone(), reason }),
        }
    }
    for (score, k) in placed {
        if slots[k] == Slot::Conflict {
            rejected
                .push(RejectedScore { score: score.clone(), reason: RejectionReason::ConflictingDuplicate });
        }
    }
    rejected.sort_by(|a, b| {
        (a.score.judge, a.score.idea, &a.score.criterion, a.score.value, a.reason).cmp(&(
            b.score.judge,
            b.score.idea,
            &b.score.criterion,
            b.score.value,
            b.reason,
        ))
    });

    // Totals, in (judge, idea) order.
    let mut pairs: Vec<JudgeIdeaTotal> = Vec::with_capacity(pair_keys.len());
    let mut complete = Vec::with_capacity(pair_keys.len());
    for (&(judge, idea), slot) in pair_keys.iter().zip(slots.chunks_exact(n.max(1))) {
        let missing: Vec<CriterionId> = slot
            .iter()
            .zip(criteria)
            .filter(|(s, _)| !matches!(s, Slot::Value(_)))
            .map(|(_, c)| c.id.clone())
            .collect();
        let (status, total) = if missing.is_empty() {
            let sum: f64 = slot
                .iter()
                .zip(criteria)
                .map(|(s, c)| match s {
                    Slot::Value(v) => c.weight * f64::from(*v),
                    _ => 0.0,
                })
                .sum();
            let total = sum / weight_sum;
            complete.push(JudgeTotal { judge, idea, total });
            (TotalStatus::Complete, Some(total))
        } else if slot.iter().all(|s| *s == Slot::Empty) {
            (TotalStatus::NotScored, None)
        } else {
            (TotalStatus::Incomplete { missing }, None)
        };
        pairs.push(JudgeIdeaTotal { judge, idea, status, total, z: None, normalised: None, clamped: false });
    }

    let normalised = normalise(&complete, scale, options.min_scores_for_normalisation);
    // Both lists are in (judge, idea) order, and `normalised.totals` has exactly the complete
    // pairs, so one merge walk fills them in.
    let mut norm_iter = normalised.totals.iter().peekable();
    for p in pairs.iter_mut() {
        if let Some(n) = norm_iter.next_if(|n| n.judge == p.judge && n.idea == p.idea) {
            p.z = n.z;
            p.normalised = n.value;
            p.clamped = n.value != n.unclamped;
        }
    }
    pairs.sort_by_key(|p| (p.idea, p.judge));

    // Per idea. `pairs` is grouped by idea, judges ascending within each group.
    let mut by_idea: BTreeMap<IdeaId, Vec<&JudgeIdeaTotal>> =
        ideas.iter().map(|&i| (i, Vec::new())).collect();
    for p in &pairs {
        by_idea.entry(p.idea).or_default().push(p);
    }
    let mut recused_by_idea: BTreeMap<IdeaId, Vec<JudgeId>> = BTreeMap::new();
    for &(j, i) in &recused {
        recused_by_idea.entry(i).or_default().push(j);
    }
    let mut idea_results = Vec::with_capacity(by_idea.len());
    for (&idea, list) in &by_idea {
        let totals: Vec<f64> = list.iter().filter_map(|p| p.total).collect();
        let normals: Vec<f64> = list.iter().filter_map(|p| p.normalised).collect();
        let spread = (totals.len() >= 2).then(|| {
            let min = totals.iter().copied().fold(f64::INFINITY, f64::min);
            let max = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            Spread { sd: population_sd(&totals).unwrap_or(0.0), range: max - min, min, max }
        });
        let disagreement = spread.is_some_and(|s| disagrees(&s, scale.width(), &options.disagreement));
        let with_status = |f: fn(&TotalStatus) -> bool| -> Vec<JudgeId> {
            list.iter().filter(|p| f(&p.status)).map(|p| p.judge).collect()
        };
        idea_results.push(IdeaResult {
            idea,
            rank: None,
            tied: false,
            judges_counted: totals.len(),
            mean: mean(&totals),
            median: median(&totals),
            normalised_mean: mean(&normals),
            normalised_judges: normals.len(),
            spread,
            disagreement,
            recused: recused_by_idea.remove(&idea).unwrap_or_default(),
            incomplete: with_status(|s| matches!(s, TotalStatus::Incomplete { .. })),
            not_scored: with_status(|s| matches!(s, TotalStatus::NotScored)),
        });
    }

    // Per judge.
    let idea_mean: HashMap<IdeaId, f64> =
        idea_results.iter().filter_map(|r| r.mean.map(|m| (r.idea, m))).collect();
    let norm_by_judge: HashMap<JudgeId, NormalisationStatus> =
        normalised.judges.iter().map(|j| (j.judge, j.status)).collect();
    let mut by_judge: BTreeMap<JudgeId, Vec<&JudgeIdeaTotal>> =
        judges.iter().map(|&j| (j, Vec::new())).collect();
    for p in &pairs {
        by_judge.entry(p.judge).or_default().push(p);
    }
    let judge_results = by_judge
        .iter()
        .map(|(&judge, list)| {
            // `list` is in idea order, so these sums do not depend on the input order either.
            let totals: Vec<f64> = list.iter().filter_map(|p| p.total).collect();
            let deviations: Vec<f64> =
                list.iter().filter_map(|p| Some(p.total? - idea_mean.get(&p.idea)?)).collect();
            let count = |f: fn(&TotalStatus) -> bool| list.iter().filter(|p| f(&p.status)).count();
            JudgeResult {
                judge,
                complete: totals.len(),
                incomplete: count(|s| matches!(s, TotalStatus::Incomplete { .. })),
                not_scored: count(|s| matches!(s, TotalStatus::NotScored)),
                recused: recused.iter().filter(|(j, _)| *j == judge).count(),
                mean_total: mean(&totals),
                sd_total: population_sd(&totals),
                normalisation: norm_by_judge.get(&judge).copied(),
                severity: mean(&deviations),
            }
        })
        .collect();

    rank(&mut idea_results, options.rank_by);
    Results {
        rank_by: options.rank_by,
        ideas: idea_results,
        judges: judge_results,
        totals: pairs,
        pooled: normalised.pooled,
        rejected,
    }
}

fn disagrees(spread: &Spread, width: f64, rule: &DisagreementRule) -> bool {
    // The tolerance keeps a spread exactly on the threshold (a 2-point range on 1–5 at 0.5)
    // flagged whatever the rounding of the totals.
    let meets =
        |value: f64, fraction: Option<f64>| fraction.is_some_and(|f| value >= f * width - TIE_TOLERANCE);
    meets(spread.range, rule.range_fraction) || meets(spread.sd, rule.sd_fraction)
}

/// Sorts `ideas` best first and gives standard competition ranks (1, 2, 2, 4). Ideas within
/// [`TIE_TOLERANCE`] of the first of a run of ties share its rank and are listed by idea id;
/// unranked ideas follow, by idea id.
fn rank(ideas: &mut Vec<IdeaResult>, by: RankBy) {
    let key = |r: &IdeaResult| match by {
        RankBy::RawMean => r.mean,
        RankBy::NormalisedMean => r.normalised_mean,
    };
    let (mut ranked, unranked): (Vec<IdeaResult>, Vec<IdeaResult>) =
        std::mem::take(ideas).into_iter().partition(|r| key(r).is_some());
    ranked.sort_by(|a, b| {
        let (ka, kb) = (key(a).unwrap_or(0.0), key(b).unwrap_or(0.0));
        kb.total_cmp(&ka).then(a.idea.cmp(&b.idea))
    });
    let mut start = 0;
    while start < ranked.len() {
        let leader = key(&ranked[start]).unwrap_or(0.0);
        let mut end = start + 1;
        while end < ranked.len() && leader - key(&ranked[end]).unwrap_or(0.0) <= TIE_TOLERANCE {
            end += 1;
        }
        let group = &mut ranked[start..end];
        group.sort_by_key(|r| r.idea);
        let tied = group.len() > 1;
        for r in group.iter_mut() {
            r.rank = Some(u32::try_from(start + 1).unwrap_or(u32::MAX));
            r.tied = tied;
        }
        start = end;
    }
    ranked.extend(unranked);
    *ideas = ranked;
}
