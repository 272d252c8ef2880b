//! Inter-rater reliability: how far the judges of a round agree, per criterion.
//!
//! Two measures, each with its own strength:
//!
//! - **ICC** ([`icc`]), Shrout and Fleiss's (1979) two-way random-effects intraclass
//!   correlation for absolute agreement: ICC(2,1), the reliability of one judge's score, and
//!   ICC(2,k), that of the mean of the round's k judges (the number the ranking rests on). It is
//!   an analysis of variance of a complete ideas × judges table, so it uses only the ideas that
//!   every judge who scored the criterion has scored (a recusal or a missing score takes that
//!   idea out) and reports how many it left out. Where judges each score only some ideas, as in
//!   a sift, few or no ideas remain, and alpha is the measure to read.
//! - **Krippendorff's alpha** ([`krippendorff_alpha`]), interval, ordinal or nominal, `1 -
//!   observed disagreement / disagreement expected by chance`. It uses every idea with at least
//!   two scores, whoever gave them, so missing scores and recusals cost only the pairs they
//!   remove. It is the headline in the plain-English reading.
//!
//! Both are undefined when there is nothing to compare (too few ideas or judges) or no
//! variation at all (every score the same); they are then `None`, never NaN.
//!
//! **Readings** follow Krippendorff's (2004) guidance for alpha: at least 0.8, the judges
//! "agree well"; 0.667 up to 0.8, "agree moderately" (conclusions tentative); below 0.667,
//! "agree poorly". For ICC(2,1) the usual bands are Koo and Li's (2016), given with [`Icc`] but
//! not used for the reading, so the reading follows one measure, the one that copes with gaps.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::rubric::{CriterionId, Rubric};
use crate::score::{Assignments, IdeaId, JudgeId, Score};
use crate::stats::judge_idea_values;

/// Alpha at or above this: the judges agree well (Krippendorff 2004).
pub const ALPHA_GOOD: f64 = 0.8;
/// Alpha at or above this (and below [`ALPHA_GOOD`]): the judges agree moderately; below it,
/// poorly (Krippendorff 2004: the lowest value for tentative conclusions).
pub const ALPHA_TENTATIVE: f64 = 0.667;

/// One judge's value for one idea, on whatever numeric scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Rating {
    /// Who rated.
    pub judge: JudgeId,
    /// What they rated.
    pub idea: IdeaId,
    /// The value.
    pub value: f64,
}

/// Shrout and Fleiss's two-way random-effects ICCs (absolute agreement) and the table behind
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Icc {
    /// ICC(2,1): the reliability of a single judge's score. Koo and Li (2016): below 0.5 poor,
    /// 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent.
    pub single: f64,
    /// ICC(2,k): the reliability of the mean of the `judges` judges' scores.
    pub average: f64,
    /// Ideas in the complete table (scored by every judge).
    pub ideas_used: u32,
    /// Ideas left out because some judge did not score them.
    pub ideas_left_out: u32,
    /// Judges (k).
    pub judges: u32,
    /// Between-ideas mean square.
    pub between_ideas: f64,
    /// Between-judges mean square.
    pub between_judges: f64,
    /// Residual mean square.
    pub residual: f64,
}

/// Krippendorff's alpha and what it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Alpha {
    /// Alpha: 1 is perfect agreement, 0 what chance gives, below 0 systematic disagreement.
    pub value: f64,
    /// Ideas with at least two values (the only ones that carry information).
    pub ideas: u32,
    /// The values in those ideas (Krippendorff's `n`).
    pub values: u32,
}

/// How differences between values count in [`krippendorff_alpha`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Any difference counts the same.
    Nominal,
    /// Only the order of values counts; a difference weighs by how many values lie between.
    Ordinal,
    /// The squared difference: a rubric's scores treated as numbers.
    Interval,
}

/// How well the judges agree, from alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Agreement {
    /// Alpha at least [`ALPHA_GOOD`].
    Good,
    /// Alpha from [`ALPHA_TENTATIVE`] up to [`ALPHA_GOOD`].
    Moderate,
    /// Alpha below [`ALPHA_TENTATIVE`].
    Poor,
}

impl Agreement {
    /// The band of an alpha value.
    pub fn of_alpha(alpha: f64) -> Self {
        if alpha >= ALPHA_GOOD {
            Self::Good
        } else if alpha >= ALPHA_TENTATIVE {
            Self::Moderate
        } else {
            Self::Poor
        }
    }
}

/// The reliability of one criterion's scores in a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CriterionReliability {
    /// The criterion.
    pub criterion: CriterionId,
    /// Its name in the rubric.
    pub name: String,
    /// ICC(2,1) and ICC(2,k) over the complete part of the table; `None` when fewer than two
    /// ideas were scored by every judge, fewer than two judges scored, or nothing varies.
    pub icc: Option<Icc>,
    /// Interval alpha; `None` when no idea has two scores or every score is the same.
    pub alpha_interval: Option<Alpha>,
    /// Ordinal alpha, for a reader who treats the scale as ranks only.
    pub alpha_ordinal: Option<Alpha>,
    /// The band of the interval alpha.
    pub agreement: Option<Agreement>,
    /// One sentence for the secretariat, e.g. "The judges agree poorly on Innovation
    /// (Krippendorff's alpha 0.42, from 31 ideas scored by two or more judges)."
    pub reading: String,
}

/// Shrout and Fleiss's ICC(2,1) and ICC(2,k) over the ideas every judge rated.
///
/// The judges are those with at least one rating; the table is the ideas all of them rated.
/// A judge–idea pair rated twice with different values counts as not rated (identical repeats
/// count once), as in the aggregation. `None` with fewer than two judges or two complete ideas,
/// or when the table has no variation (the ICC is 0/0).
pub fn icc(ratings: &[Rating]) -> Option<Icc> {
    let cells = judge_idea_values(ratings.iter().map(|r| (r.judge, r.idea, r.value)));
    let judges: Vec<JudgeId> = cells.keys().map(|&(_, j)| j).collect::<BTreeSet<_>>().into_iter().collect();
    let mut rows: BTreeMap<IdeaId, Vec<f64>> = BTreeMap::new();
    for (&(idea, _), &v) in &cells {
        rows.entry(idea).or_default().push(v);
    }
    let all_ideas = rows.len();
    // Keys are (idea, judge) in order, so each complete row lists judges in id order.
    let table: Vec<Vec<f64>> = rows.into_values().filter(|r| r.len() == judges.len()).collect();
    let (n, k) = (table.len(), judges.len());
    if n < 2 || k < 2 {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = table.iter().flatten().sum::<f64>() / (nf * kf);
    let row_means: Vec<f64> = table.iter().map(|r| r.iter().sum::<f64>() / kf).collect();
    let col_means: Vec<f64> = (0..k).map(|j| table.iter().map(|r| r[j]).sum::<f64>() / nf).collect();
    let ss_total: f64 = table.iter().flatten().map(|x| (x - grand).powi(2)).sum();
    let ss_rows = kf * row_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_cols = nf * col_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_error = (ss_total - ss_rows - ss_cols).max(0.0);
    let bms = ss_rows / (nf - 1.0);
    let jms = ss_cols / (kf - 1.0);
    let ems = ss_error / ((nf - 1.0) * (kf - 1.0));
    let single_den = bms + (kf - 1.0) * ems + kf * (jms - ems) / nf;
    let average_den = bms + (jms - ems) / nf;
    if single_den.abs() < 1e-12 || average_den.abs() < 1e-12 {
        return None;
    }
    Some(Icc {
        single: (bms - ems) / single_den,
        average: (bms - ems) / average_den,
        ideas_used: n as u32,
        ideas_left_out: (all_ideas - n) as u32,
        judges: k as u32,
        between_ideas: bms,
        between_judges: jms,
        residual: ems,
    })
}

/// Krippendorff's alpha at `level`, from whatever ratings there are.
///
/// Computed from the coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's
/// Alpha-Reliability": each idea with `m ≥ 2` values contributes each ordered pair of its
/// values with weight `1 / (m - 1)`; ideas with one value are left out. Repeats are handled as
/// in [`icc`]. `None` when no idea has two values or there is no variation (alpha is 0/0).
pub fn krippendorff_alpha(ratings: &[Rating], level: Level) -> Option<Alpha> {
    let cells = judge_idea_values(ratings.iter().map(|r| (r.judge, r.idea, r.value)));
    let mut units: BTreeMap<IdeaId, Vec<f64>> = BTreeMap::new();
    for (&(idea, _), &v) in &cells {
        units.entry(idea).or_default().push(v);
    }
    units.retain(|_, v| v.len() >= 2);
    let mut values: Vec<f64> = units.values().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let index = |v: f64| values.binary_search_by(|x| x.total_cmp(&v)).expect("collected above");
    let m = values.len();
    if m == 0 {
        return None;
    }
    // Coincidences o[c][k], and each value's marginal n_c.
    let mut o = vec![0.0; m * m];
    for unit in units.values() {
        let w = 1.0 / (unit.len() as f64 - 1.0);
        for (a, &x) in unit.iter().enumerate() {
            for (b, &y) in unit.iter().enumerate() {
                if a != b {
                    o[index(x) * m + index(y)] += w;
                }
            }
        }
    }
    let marginal: Vec<f64> = (0..m).map(|c| o[c * m..(c + 1) * m].iter().sum()).collect();
    let n: f64 = marginal.iter().sum();
    let delta2 = |c: usize, k: usize| -> f64 {
        match level {
            Level::Nominal => f64::from(u8::from(c != k)),
            Level::Interval => (values[c] - values[k]).powi(2),
            Level::Ordinal => {
                let (lo, hi) = (c.min(k), c.max(k));
                let between: f64 = marginal[lo..=hi].iter().sum();
                (between - (marginal[lo] + marginal[hi]) / 2.0).powi(2)
            }
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..m {
        for k in 0..m {
            let d = delta2(c, k);
            observed += o[c * m + k] * d;
            expected += marginal[c] * marginal[k] * d;
        }
    }
    let observed = observed / n;
    let expected = expected / (n * (n - 1.0));
    if expected <= 0.0 {
        return None;
    }
    Some(Alpha { value: 1.0 - observed / expected, ideas: units.len() as u32, values: n.round() as u32 })
}

/// The reliability of each of `rubric`'s criteria in a round, in rubric order.
///
/// Scores count as in the aggregation: a recused or unassigned judge's score, an unknown
/// criterion, an off-scale value and conflicting repeats are left out, and a recusal is a
/// missing score (never a zero).
pub fn reliability_by_criterion(
    rubric: &Rubric,
    scores: &[Score],
    assignments: &Assignments,
) -> Vec<CriterionReliability> {
    let recused: BTreeSet<(JudgeId, IdeaId)> =
        assignments.recusals.iter().map(|r| (r.judge, r.idea)).collect();
    let assigned: BTreeSet<(JudgeId, IdeaId)> =
        assignments.assigned.iter().map(|a| (a.judge, a.idea)).collect();
    let scale = rubric.scale();
    rubric
        .criteria()
        .iter()
        .map(|criterion| {
            let ratings: Vec<Rating> = scores
                .iter()
                .filter(|s| {
                    s.criterion == criterion.id
                        && assigned.contains(&(s.judge, s.idea))
                        && !recused.contains(&(s.judge, s.idea))
                        && (scale.min..=scale.max).contains(&s.value)
                })
                .map(|s| Rating { judge: s.judge, idea: s.idea, value: f64::from(s.value) })
                .collect();
            reliability_of(criterion.id.clone(), &criterion.name, &ratings)
        })
        .collect()
}

/// The reliability of any one set of ratings, read as [`reliability_by_criterion`] reads a
/// criterion's: for a round's weighted totals, say, with `name` as the sentence should name
/// them ("the total"). The ratings are taken as given (filter recusals out first).
pub fn reliability_of(criterion: CriterionId, name: &str, ratings: &[Rating]) -> CriterionReliability {
    let alpha_interval = krippendorff_alpha(ratings, Level::Interval);
    let agreement = alpha_interval.map(|a| Agreement::of_alpha(a.value));
    CriterionReliability {
        criterion,
        name: name.to_owned(),
        icc: icc(ratings),
        alpha_interval,
        alpha_ordinal: krippendorff_alpha(ratings, Level::Ordinal),
        agreement,
        reading: reading(name, alpha_interval, ratings),
    }
}

/// The plain-English sentence for one criterion.
fn reading(name: &str, alpha: Option<Alpha>, ratings: &[Rating]) -> String {
    match alpha {
        Some(a) => {
            let how = match Agreement::of_alpha(a.value) {
                Agreement::Good => "agree well",
                Agreement::Moderate => "agree moderately",
                Agreement::Poor => "agree poorly",
            };
            let ideas = if a.ideas == 1 { "1 idea".to_string() } else { format!("{} ideas", a.ideas) };
            format!(
                "The judges {how} on {name} (Krippendorff's alpha {:.2}, from {ideas} scored by two or more judges).",
                a.value
            )
        }
        None if has_pairs(ratings) => {
            format!("Every score on {name} is the same, so there is no difference between ideas to agree on.")
        }
        None => format!("No idea has scores on {name} from two judges yet, so agreement cannot be measured."),
    }
}

/// Whether some idea has values from two judges.
fn has_pairs(ratings: &[Rating]) -> bool {
    let cells = judge_idea_values(ratings.iter().map(|r| (r.judge, r.idea, r.value)));
    cells.keys().zip(cells.keys().skip(1)).any(|(a, b)| a.0 == b.0)
}
