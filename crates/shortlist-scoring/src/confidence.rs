//! How sure a ranking is: bootstrap intervals for each idea's score and rank, and which ideas'
//! place in or out of the round's target rests on a single judge.
//!
//! Both work on judges' totals ([`JudgeTotal`], raw or normalised, as the caller chooses: the
//! same ones the ranking used), and score an idea by the **mean** of its judges' totals, as the
//! aggregation does. A judge–idea pair given two different totals counts as not scored.
//!
//! - **Bootstrap** ([`bootstrap_ranking`]): the panel is a sample of the judges who might have
//!   sat on it, so each resample draws as many judges as the panel has, with replacement, and
//!   scores each idea by the mean of the drawn judges' totals (a judge drawn twice counts twice).
//!   An idea none of the drawn judges scored has no score in that resample and takes the last
//!   place (after every scored idea). Intervals are the 2.5% and 97.5% quantiles of the
//!   resamples (linear interpolation between order statistics, as R and NumPy do by default);
//!   rank intervals are widened to whole ranks. At least [`MIN_RESAMPLES`]. Resampling *judges*,
//!   not scores, keeps each judge's scores together: what is uncertain is who judged, not what
//!   each of them thought.
//! - **Stability of the cut** ([`cut_stability`]): an idea is inside the target when its
//!   standard competition rank is at most the target (so ideas tied across the line are all
//!   inside, and the panel decides between them). For each judge, the ranking is worked out
//!   again without that judge's totals; each idea that changes sides is a [`CutDependency`]:
//!   its place in or out depends on that one judge. Meeting mode discusses these first.
//!
//! Ranks use the aggregation's [`TIE_TOLERANCE`]. Deterministic to the bit whatever the order
//! of the totals: values are gathered into an (idea, judge) table first, and the bootstrap's
//! draws come from a ChaCha8 stream seeded by the caller over judges sorted by id.

use std::collections::BTreeSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::aggregate::TIE_TOLERANCE;
use crate::normalise::JudgeTotal;
use crate::score::{IdeaId, JudgeId};
use crate::stats::{competition_ranks, judge_idea_values, quantile_sorted};

/// The fewest resamples [`bootstrap_ranking`] draws: with fewer, the 2.5% and 97.5% points
/// rest on a couple of draws each.
pub const MIN_RESAMPLES: u32 = 1000;

/// Settings of [`bootstrap_ranking`]. Every field has a default, also when deserialising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct BootstrapOptions {
    /// How many resamples; values below [`MIN_RESAMPLES`] count as it. Default 1000.
    pub resamples: u32,
    /// The same seed gives the same intervals. Default 0.
    pub seed: u64,
    /// The round's target (how many ideas go through), for [`BootstrapIdea::in_target`]; 0 for
    /// none. Default 0.
    pub target: u32,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        Self { resamples: MIN_RESAMPLES, seed: 0, target: 0 }
    }
}

/// One idea's bootstrap intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BootstrapIdea {
    /// The idea.
    pub idea: IdeaId,
    /// The mean of all its judges' totals (the whole panel, not resampled); `None` unscored.
    pub score: Option<f64>,
    /// Its standard competition rank with the whole panel; `None` unscored.
    pub rank: Option<u32>,
    /// 2.5% quantile of its resampled scores; `None` if no resample scored it.
    pub score_low: Option<f64>,
    /// 97.5% quantile of its resampled scores.
    pub score_high: Option<f64>,
    /// 2.5% quantile of its resampled ranks, rounded down (the best plausible rank).
    pub rank_best: u32,
    /// 97.5% quantile of its resampled ranks, rounded up (the worst plausible rank).
    pub rank_worst: u32,
    /// Share of resamples in which it was inside the target (rank at most the target); `None`
    /// without a target.
    pub in_target: Option<f64>,
    /// Share of resamples in which none of the drawn judges scored it.
    pub unscored: f64,
}

/// The result of [`bootstrap_ranking`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Bootstrap {
    /// Ranked ideas best first (ties by idea id), then unscored ones by idea id.
    pub ideas: Vec<BootstrapIdea>,
    /// Resamples drawn.
    pub resamples: u32,
    /// The seed used.
    pub seed: u64,
    /// Judges in the panel (each resample draws this many).
    pub judges: u32,
}

/// An idea whose place in or out of the target changes when one judge is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CutDependency {
    /// The idea.
    pub idea: IdeaId,
    /// The judge it depends on.
    pub judge: JudgeId,
    /// Whether it is inside the target with the whole panel (and so falls out without the
    /// judge); `false`: it is outside, and comes in without the judge.
    pub inside: bool,
    /// Its rank with the whole panel.
    pub rank: Option<u32>,
    /// Its rank without the judge (`None` if only that judge scored it).
    pub rank_without: Option<u32>,
}

/// The result of [`cut_stability`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CutStability {
    /// The target asked for.
    pub target: u32,
    /// The ideas inside the target with the whole panel, best first (ties by idea id).
    pub inside: Vec<IdeaId>,
    /// Ideas whose side of the line depends on one judge, in meeting order: by the idea's rank
    /// with the whole panel (unranked last), then idea id, then judge id. An idea appears once
    /// per judge it depends on.
    pub dependencies: Vec<CutDependency>,
}

impl CutStability {
    /// The ideas of [`Self::dependencies`], each once, in the same order.
    pub fn dependent_ideas(&self) -> Vec<IdeaId> {
        let mut seen = BTreeSet::new();
        self.dependencies.iter().map(|d| d.idea).filter(|&i| seen.insert(i)).collect()
    }
}

/// The totals as a dense ideas × judges table (NaN where unscored), ideas and judges sorted.
struct Table {
    ideas: Vec<IdeaId>,
    judges: Vec<JudgeId>,
    /// `values[i * judges + j]`.
    values: Vec<f64>,
}

impl Table {
    fn new(totals: &[JudgeTotal]) -> Self {
        let cells = judge_idea_values(totals.iter().map(|t| (t.judge, t.idea, t.total)));
        let ideas: Vec<IdeaId> = cells.keys().map(|k| k.0).collect::<BTreeSet<_>>().into_iter().collect();
        let judges: Vec<JudgeId> = cells.keys().map(|k| k.1).collect::<BTreeSet<_>>().into_iter().collect();
        let mut values = vec![f64::NAN; ideas.len() * judges.len()];
        for (&(idea, judge), &v) in &cells {
            let i = ideas.binary_search(&idea).expect("collected above");
            let j = judges.binary_search(&judge).expect("collected above");
            values[i * judges.len() + j] = v;
        }
        Self { ideas, judges, values }
    }

    /// Each idea's weighted mean with judge weights `weights` (a judge's multiplicity), or NaN
    /// when no weighted judge scored it.
    fn means(&self, weights: &[f64], out: &mut [f64]) {
        let k = self.judges.len();
        for (i, o) in out.iter_mut().enumerate() {
            let row = &self.values[i * k..(i + 1) * k];
            let (mut sum, mut count) = (0.0, 0.0);
            for (&v, &w) in row.iter().zip(weights) {
                if w > 0.0 && !v.is_nan() {
                    sum += w * v;
                    count += w;
                }
            }
            *o = if count > 0.0 { sum / count } else { f64::NAN };
        }
    }
}

/// Standard competition ranks of `means` (NaN: unscored, ranked `None`).
fn ranks(ideas: &[IdeaId], means: &[f64]) -> Vec<Option<u32>> {
    let scored: Vec<usize> = (0..means.len()).filter(|&i| !means[i].is_nan()).collect();
    let valued: Vec<(IdeaId, f64)> = scored.iter().map(|&i| (ideas[i], means[i])).collect();
    let (_, r, _) = competition_ranks(&valued, TIE_TOLERANCE);
    let mut out = vec![None; means.len()];
    for (&i, &rank) in scored.iter().zip(&r) {
        out[i] = Some(rank);
    }
    out
}

/// Bootstrap intervals for each idea's score and rank, resampling judges; see the
/// [module documentation](self).
pub fn bootstrap_ranking(totals: &[JudgeTotal], options: &BootstrapOptions) -> Bootstrap {
    let table = Table::new(totals);
    let (n, k) = (table.ideas.len(), table.judges.len());
    let resamples = options.resamples.max(MIN_RESAMPLES) as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);

    let mut full = vec![0.0; n];
    table.means(&vec![1.0; k], &mut full);
    let full_ranks = ranks(&table.ideas, &full);

    // scores[i * resamples + b], ranks likewise.
    let mut scores = vec![f64::NAN; n * resamples];
    let mut rank_draws = vec![0u32; n * resamples];
    let mut weights = vec![0.0; k];
    let mut means = vec![0.0; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for b in 0..resamples {
        weights.iter_mut().for_each(|w| *w = 0.0);
        for _ in 0..k {
            weights[rng.random_range(0..k)] += 1.0;
        }
        table.means(&weights, &mut means);
        // Competition ranks of this resample, inline: sort scored ideas by mean (ties by id,
        // which is index order), then walk the runs.
        order.clear();
        order.extend((0..n).filter(|&i| !means[i].is_nan()));
        order.sort_by(|&x, &y| means[y].total_cmp(&means[x]).then(x.cmp(&y)));
        let scored = order.len();
        let mut start = 0;
        while start < scored {
            let mut end = start + 1;
            while end < scored && means[order[end - 1]] - means[order[end]] <= TIE_TOLERANCE {
                end += 1;
            }
            for &i in &order[start..end] {
                rank_draws[i * resamples + b] = start as u32 + 1;
            }
            start = end;
        }
        for i in 0..n {
            if means[i].is_nan() {
                rank_draws[i * resamples + b] = scored as u32 + 1;
            } else {
                scores[i * resamples + b] = means[i];
            }
        }
    }

    let mut rows: Vec<(usize, BootstrapIdea)> = (0..n)
        .map(|i| {
            let mut s: Vec<f64> =
                scores[i * resamples..(i + 1) * resamples].iter().copied().filter(|x| !x.is_nan()).collect();
            s.sort_by(f64::total_cmp);
            let mut r: Vec<f64> =
                rank_draws[i * resamples..(i + 1) * resamples].iter().map(|&x| f64::from(x)).collect();
            r.sort_by(f64::total_cmp);
            let in_target = (options.target > 0).then(|| {
                r.iter().filter(|&&x| x <= f64::from(options.target)).count() as f64 / resamples as f64
            });
            let idea = BootstrapIdea {
                idea: table.ideas[i],
                score: (!full[i].is_nan()).then_some(full[i]),
                rank: full_ranks[i],
                score_low: quantile_sorted(&s, 0.025),
                score_high: quantile_sorted(&s, 0.975),
                rank_best: quantile_sorted(&r, 0.025).map_or(0, |x| x.floor() as u32),
                rank_worst: quantile_sorted(&r, 0.975).map_or(0, |x| x.ceil() as u32),
                in_target,
                unscored: (resamples - s.len()) as f64 / resamples as f64,
            };
            (i, idea)
        })
        .collect();
    rows.sort_by_key(|(i, x)| (x.rank.is_none(), x.rank, table.ideas[*i]));
    Bootstrap {
        ideas: rows.into_iter().map(|(_, x)| x).collect(),
        resamples: resamples as u32,
        seed: options.seed,
        judges: k as u32,
    }
}

/// For each judge, which ideas would change sides of the round's `target` without them; see
/// the [module documentation](self). A `target` of 0 puts nothing inside, so nothing depends
/// on anyone.
pub fn cut_stability(totals: &[JudgeTotal], target: u32) -> CutStability {
    let table = Table::new(totals);
    let (n, k) = (table.ideas.len(), table.judges.len());
    let inside = |rank: Option<u32>| rank.is_some_and(|r| r <= target);

    let mut means = vec![0.0; n];
    let mut weights = vec![1.0; k];
    table.means(&weights, &mut means);
    let full = ranks(&table.ideas, &means);

    let mut dependencies = Vec::new();
    for j in 0..k {
        weights[j] = 0.0;
        table.means(&weights, &mut means);
        let without = ranks(&table.ideas, &means);
        weights[j] = 1.0;
        for i in 0..n {
            if inside(full[i]) != inside(without[i]) {
                dependencies.push(CutDependency {
                    idea: table.ideas[i],
                    judge: table.judges[j],
                    inside: inside(full[i]),
                    rank: full[i],
                    rank_without: without[i],
                });
            }
        }
    }
    dependencies.sort_by_key(|d| (d.rank.is_none(), d.rank, d.idea, d.judge));

    let mut inside_ideas: Vec<(Option<u32>, IdeaId)> =
        (0..n).filter(|&i| inside(full[i])).map(|i| (full[i], table.ideas[i])).collect();
    inside_ideas.sort_unstable();
    CutStability { target, inside: inside_ideas.into_iter().map(|(_, i)| i).collect(), dependencies }
}
