//! Per-judge normalisation, and the few statistics it and the aggregation need.
//!
//! Judges differ in how generous they are and in how much of the scale they use. Normalising puts
//! each judge's totals on a common footing: a total becomes its z-score among that judge's own
//! totals, `z = (total - judge mean) / judge sd`, and is then mapped back onto the rubric's
//! scale with the panel's pooled mean and sd, `z * pooled sd + pooled mean`, clamped to the
//! scale. So a normalised total reads as "what this judge's score would be from a judge with the
//! panel's typical generosity and spread".
//!
//! Definitions (all population statistics, dividing by `n`; see [`population_sd`] for why):
//! - A judge is normalised when they have at least `min_totals` totals (never fewer than 2).
//!   Below that their mean and sd say little, so their totals get no normalised value.
//! - A judge whose totals are all the same (sd below [`ZERO_SD`]) has no spread to divide by.
//!   They are still normalised, with every z = 0, i.e. each of their totals becomes the pooled
//!   mean: the judge expressed no preference between these ideas, and "every idea is average"
//!   is that opinion on the common footing. Leaving them out instead would treat a judge who
//!   scored as if they had not. [`NormalisationStatus::NoSpread`] lets the UI say so.
//! - The pooled mean is the mean of all the normalised judges' totals. The pooled sd is the
//!   pooled *within-judge* sd, `sqrt(sum over judges of sum (total - judge mean)^2 / N)`: the
//!   spread of a typical judge, without the differences in generosity that normalisation
//!   removes (the sd of all totals together would count those too and overstate the spread).
//!
//! Consequences the property tests check: adding a constant to one judge's totals, or
//! multiplying them by a positive factor, changes no z-score. It does change the pooled mean
//! (and, for a factor, the pooled sd), so every normalised value, of every judge, moves by the
//! same increasing map `v -> (v - old mean) / old sd * new sd + new mean` before clamping; so,
//! where no value is clamped, no normalised order or rank changes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::rubric::Scale;
use crate::score::{IdeaId, JudgeId};

/// A judge's totals whose sd is below this count as all the same. Totals are weighted means of
/// whole numbers on a scale of at most a few dozen points, so real spreads are far above it,
/// while the same total reached by two routes (weights 0.3 and 0.7, say) can differ by ~1e-16.
pub const ZERO_SD: f64 = 1e-9;

/// The arithmetic mean, or `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// The median (the mean of the middle two for an even count), or `None` for no values.
/// NaN-free input is assumed; the aggregation never produces NaN.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) { (sorted[mid - 1] + sorted[mid]) / 2.0 } else { sorted[mid] })
}

/// The population standard deviation, `sqrt(sum (x - mean)^2 / n)`, or `None` for no values.
///
/// Population rather than sample (`n - 1`): the judges on a panel are the whole group whose
/// scores we describe, not a sample from which to estimate others; and with the two to five
/// judges an idea usually has, the sample sd would inflate spread by up to 41% (for two) and
/// make the disagreement flag depend on how many judges scored. For two judges the population
/// sd is exactly half their range, so the sd and range rules agree.
pub fn population_sd(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    let ss: f64 = values.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / values.len() as f64).sqrt())
}

/// One judge's weighted total for one idea: the input of [`normalise`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgeTotal {
    /// Who scored.
    pub judge: JudgeId,
    /// What they scored.
    pub idea: IdeaId,
    /// The total, normally on the rubric's scale.
    pub total: f64,
}

/// The panel-wide mean and sd that normalised totals are mapped onto.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Pooled {
    /// Mean of every normalised judge's totals.
    pub mean: f64,
    /// Pooled within-judge population sd (0 when every normalised judge gave equal totals).
    pub sd: f64,
    /// How many judges were normalised.
    pub judges: usize,
    /// How many totals those judges gave.
    pub totals: usize,
}

/// Whether and how a judge's totals were normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum NormalisationStatus {
    /// z-scores from the judge's own mean and sd.
    Applied,
    /// All the judge's totals were equal: every z is 0, so every normalised total is the pooled
    /// mean.
    NoSpread,
    /// Too few totals to say how this judge scores; no normalised values.
    TooFewTotals {
        /// How many complete totals the judge has.
        counted: usize,
        /// How many normalisation needs.
        needed: usize,
    },
}

/// One judge's normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgeNormalisation {
    /// The judge.
    pub judge: JudgeId,
    /// How many totals the judge gave.
    pub counted: usize,
    /// Their mean total.
    pub mean: f64,
    /// Their totals' population sd.
    pub sd: f64,
    /// Whether the totals were normalised.
    pub status: NormalisationStatus,
}

/// One total with its normalised value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NormalisedTotal {
    /// The judge.
    pub judge: JudgeId,
    /// The idea.
    pub idea: IdeaId,
    /// The judge's total.
    pub total: f64,
    /// Its z-score among the judge's totals; `None` when the judge is not normalised.
    pub z: Option<f64>,
    /// `z * pooled sd + pooled mean`, before clamping to the scale.
    pub unclamped: Option<f64>,
    /// `unclamped` clamped to the scale: the normalised total shown to people.
    pub value: Option<f64>,
}

/// The result of [`normalise`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Normalised {
    /// `None` when no judge has enough totals to be normalised.
    pub pooled: Option<Pooled>,
    /// One entry per judge, by judge id.
    pub judges: Vec<JudgeNormalisation>,
    /// One entry per input total, by judge id then idea id.
    pub totals: Vec<NormalisedTotal>,
}

/// Normalises judges' totals as described in the [module documentation](self).
///
/// `totals` should hold each (judge, idea) pair at most once; its order does not matter (the
/// result is the same, to the bit, for any order). Totals that are not finite are left out.
/// `min_totals` below 2 counts as 2: one total has no spread.
pub fn normalise(totals: &[JudgeTotal], scale: Scale, min_totals: usize) -> Normalised {
    let needed = min_totals.max(2);
    let mut by_judge: BTreeMap<JudgeId, Vec<(IdeaId, f64)>> = BTreeMap::new();
    for t in totals.iter().filter(|t| t.total.is_finite()) {
        by_judge.entry(t.judge).or_default().push((t.idea, t.total));
    }
    for list in by_judge.values_mut() {
        // Sorting fixes the order of the sums below, so the input order cannot change a bit.
        list.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    }

    let mut judges = Vec::with_capacity(by_judge.len());
    let (mut pooled_sum, mut pooled_ss, mut pooled_n, mut pooled_judges) = (0.0, 0.0, 0usize, 0usize);
    for (&judge, list) in &by_judge {
        let values: Vec<f64> = list.iter().map(|&(_, t)| t).collect();
        let m = mean(&values).unwrap_or(0.0);
        let sd = population_sd(&values).unwrap_or(0.0);
        let status = if values.len() < needed {
            NormalisationStatus::TooFewTotals { counted: values.len(), needed }
        } else if sd < ZERO_SD {
            NormalisationStatus::NoSpread
        } else {
            NormalisationStatus::Applied
        };
        if !matches!(status, NormalisationStatus::TooFewTotals { .. }) {
            pooled_sum += values.iter().sum::<f64>();
            pooled_ss += values.iter().map(|x| (x - m) * (x - m)).sum::<f64>();
            pooled_n += values.len();
            pooled_judges += 1;
        }
        judges.push(JudgeNormalisation { judge, counted: values.len(), mean: m, sd, status });
    }
    let pooled = (pooled_n > 0).then(|| Pooled {
        mean: pooled_sum / pooled_n as f64,
        sd: (pooled_ss / pooled_n as f64).sqrt(),
        judges: pooled_judges,
        totals: pooled_n,
    });

    let mut out = Vec::with_capacity(totals.len());
    for (j, (&judge, list)) in judges.iter().zip(&by_judge) {
        for &(idea, total) in list {
            let z = match (j.status, pooled) {
                (NormalisationStatus::Applied, Some(_)) => Some((total - j.mean) / j.sd),
                (NormalisationStatus::NoSpread, Some(_)) => Some(0.0),
                _ => None,
            };
            let unclamped = z.zip(pooled).map(|(z, p)| z * p.sd + p.mean);
            let value = unclamped.map(|u| scale.clamp(u));
            out.push(NormalisedTotal { judge, idea, total, z, unclamped, value });
        }
    }
    Normalised { pooled, judges, totals: out }
}
