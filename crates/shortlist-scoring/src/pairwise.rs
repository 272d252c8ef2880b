//! Pairwise rounds: judges choose the stronger of two ideas, and a Bradley–Terry model turns
//! their choices into a ranking with standard errors.
//!
//! # The model
//!
//! Each idea `i` has a log-strength `θᵢ`; a judge prefers `i` to `j` with probability
//! `σ(θᵢ - θⱼ) = 1 / (1 + exp(θⱼ - θᵢ))`. [`bradley_terry`] finds the `θ` that maximise the
//! likelihood of the comparisons times a Gaussian prior `θᵢ ~ N(0, prior_sd²)`:
//!
//! - **The prior** keeps unanimous and sparse data finite (an idea that won every comparison has
//!   an infinite maximum-likelihood strength), and ranks an idea nobody compared as average. The
//!   default `prior_sd` of 2 is weak: its precision, 1/4, is the information in one comparison
//!   between two equal ideas, so it is worth about one drawn comparison with an average idea.
//!   It also fixes the scale's origin: at the optimum the strengths sum to zero, so `θᵢ` reads
//!   as "log-odds of beating an average idea of this round".
//! - **"Can't separate" counts as half a win to each side.** Davidson's tie model would add a
//!   tie-propensity parameter that a panel's few hundred comparisons estimate poorly, and it
//!   changes nothing about the order: a tie pulls the two strengths together either way. Half
//!   wins keep the likelihood a plain logistic one (concave, one optimum), and say what the
//!   judge said: no evidence either way.
//! - **Fitted by Newton's method** on `θ`, each step solved by conjugate gradients over the
//!   comparison graph (sparse: a judge compares few pairs), with a backtracking line search;
//!   stopped when every gradient component is below 1e-10 comparisons.
//! - **Standard errors** come from the inverse of the observed information with the prior,
//!   `H = L + I / prior_sd²` (`L` the graph Laplacian weighted by `nᵢⱼ pᵢⱼ (1 - pᵢⱼ)`),
//!   inverted densely once. Only differences between strengths mean anything, so the error
//!   reported is that of `θᵢ` minus the round's average strength, the diagonal of `P H⁻¹ P`
//!   with `P` the centring projection (computed without cancellation; see the code). Intervals
//!   are `θᵢ ± 1.96 × se` (95%, normal approximation).
//! - **Judge reliability is a diagnostic, not a weight.** Crowd-BT (Chen et al. 2013) gives each
//!   judge a probability of agreeing with the true order and down-weights the unreliable. With
//!   a panel judge's 20–60 comparisons that probability is estimated to about ±0.07, so
//!   re-weighting would let noise quietly move ideas across the line, and a panel's members are
//!   meant to count equally. Instead [`JudgeAgreement`] reports how often each judge chose the
//!   idea the panel's model favours, against how often a judge who shared the model would: a
//!   judge far below it is worth a conversation, not an automatic discount.
//! - **Per criterion**: a comparison may name a criterion. [`BradleyTerryOptions::criterion`]
//!   chooses which comparisons a fit uses: `None` the overall judgements, `Some(c)` those on `c`.
//!
//! Deterministic to the bit whatever the order of the comparisons: they are first counted per
//! unordered pair in idea-id order, and everything after works on the counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::confidence::{CutDependency, CutStability};
use crate::rubric::CriterionId;
use crate::score::{IdeaId, JudgeId};
use crate::stats::{competition_ranks, inverse_diagonal};

/// Strengths closer than this share a rank. The fit stops with gradients below 1e-10, which
/// leaves strengths accurate to far better than this, while real differences are far larger.
pub const STRENGTH_TIE_TOLERANCE: f64 = 1e-7;

/// What a judge decided about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The first idea is the stronger.
    FirstStronger,
    /// The second idea is the stronger.
    SecondStronger,
    /// The judge can't separate them.
    CannotSeparate,
}

/// One judge's decision about one pair, overall or on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Who decided.
    pub judge: JudgeId,
    /// One idea of the pair (shown on the left, say).
    pub first: IdeaId,
    /// The other idea.
    pub second: IdeaId,
    /// The criterion judged, or `None` for the overall judgement.
    pub criterion: Option<CriterionId>,
    /// The decision.
    pub outcome: Outcome,
}

impl Comparison {
    /// An overall judgement, for brevity in callers and tests.
    pub fn overall(judge: JudgeId, first: IdeaId, second: IdeaId, outcome: Outcome) -> Self {
        Self { judge, first, second, criterion: None, outcome }
    }
}

/// Settings of [`bradley_terry`]. Every field has a default, also when deserialising.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct BradleyTerryOptions {
    /// Which comparisons to fit: `None` the overall ones, `Some(c)` those on criterion `c`.
    pub criterion: Option<CriterionId>,
    /// The sd of the Gaussian prior on each log-strength. Default 2 (see the
    /// [module documentation](self)). Values that are not a positive number count as 2.
    pub prior_sd: f64,
}

impl Default for BradleyTerryOptions {
    fn default() -> Self {
        Self { criterion: None, prior_sd: 2.0 }
    }
}

/// One idea's place in a pairwise ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PairwiseIdea {
    /// The idea.
    pub idea: IdeaId,
    /// Standard competition rank (1, 2, 2, 4) by strength; strengths within
    /// [`STRENGTH_TIE_TOLERANCE`] share a rank.
    pub rank: u32,
    /// Whether another idea shares the rank.
    pub tied: bool,
    /// `θ`: the log-odds of this idea beating an average idea of the round. The strengths of a
    /// ranking sum to zero.
    pub strength: f64,
    /// The standard error of `θ` relative to the round's average strength.
    pub standard_error: f64,
    /// `θ - 1.96 × se`.
    pub low: f64,
    /// `θ + 1.96 × se`.
    pub high: f64,
    /// `σ(θ)`: the modelled chance of this idea being preferred to an average idea.
    pub win_probability: f64,
    /// Comparisons this idea took part in (that the fit used).
    pub comparisons: u32,
    /// Comparisons won.
    pub wins: u32,
    /// Comparisons lost.
    pub losses: u32,
    /// Comparisons the judge could not separate.
    pub ties: u32,
}

/// How one judge's choices sit with the panel's fitted ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgeAgreement {
    /// The judge.
    pub judge: JudgeId,
    /// Comparisons with a winner whose two ideas the model does not rank equal.
    pub decisive: u32,
    /// Comparisons the judge could not separate.
    pub ties: u32,
    /// Of the decisive ones, how many chose the idea with the higher fitted strength.
    pub agreeing: u32,
    /// `agreeing / decisive`; `None` without decisive comparisons.
    pub agreement: Option<f64>,
    /// The agreement a judge who decided exactly as the model predicts would have on average
    /// on the same pairs: the mean of `max(p, 1 - p)`. `None` without decisive comparisons.
    pub expected_agreement: Option<f64>,
}

/// The result of [`bradley_terry`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PairwiseRanking {
    /// Every idea named in the call, best first (ties by idea id).
    pub ideas: Vec<PairwiseIdea>,
    /// Every judge with a comparison used, by judge id.
    pub judges: Vec<JudgeAgreement>,
    /// How many comparisons the fit used.
    pub comparisons_used: usize,
    /// Comparisons of an idea with itself, left out.
    pub self_comparisons: usize,
    /// Newton iterations the fit took.
    pub iterations: u32,
    /// Whether the fit met its stopping rule (it always has in our tests; `false` would mean
    /// the strengths are approximate).
    pub converged: bool,
}

impl PairwiseRanking {
    /// The result of one idea.
    pub fn idea(&self, idea: IdeaId) -> Option<&PairwiseIdea> {
        self.ideas.iter().find(|r| r.idea == idea)
    }
}

/// Comparisons counted per unordered pair `a < b` (indices into the sorted ideas).
struct Counts {
    /// `(a, b, comparisons, a's wins with ties as halves)`, sorted by `(a, b)`.
    edges: Vec<(usize, usize, f64, f64)>,
    /// Each idea's wins, ties as halves.
    wins: Vec<f64>,
}

fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// `log σ(x)`, stable for large `|x|`.
fn log_sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        -(-x).exp().ln_1p()
    } else {
        x - x.exp().ln_1p()
    }
}

/// The log-posterior (up to a constant) at `theta`.
fn objective(counts: &Counts, theta: &[f64], precision: f64) -> f64 {
    let mut f = 0.0;
    for &(a, b, n, w) in &counts.edges {
        let d = theta[a] - theta[b];
        f += w * log_sigmoid(d) + (n - w) * log_sigmoid(-d);
    }
    f - 0.5 * precision * theta.iter().map(|t| t * t).sum::<f64>()
}

/// The gradient of the log-posterior and the edge weights `n p (1 - p)` of its negated Hessian.
fn gradient(counts: &Counts, theta: &[f64], precision: f64, g: &mut [f64], weights: &mut [f64]) {
    for (gi, (&w, &t)) in g.iter_mut().zip(counts.wins.iter().zip(theta)) {
        *gi = w - precision * t;
    }
    for (e, &(a, b, n, _)) in counts.edges.iter().enumerate() {
        let p = sigmoid(theta[a] - theta[b]);
        g[a] -= n * p;
        g[b] -= n * (1.0 - p);
        weights[e] = n * p * (1.0 - p);
    }
}

/// `out = (L + precision I) x`, `L` the Laplacian with `weights` on `edges`.
fn apply_information(counts: &Counts, weights: &[f64], precision: f64, x: &[f64], out: &mut [f64]) {
    for (o, &xi) in out.iter_mut().zip(x) {
        *o = precision * xi;
    }
    for (&(a, b, _, _), &w) in counts.edges.iter().zip(weights) {
        let d = w * (x[a] - x[b]);
        out[a] += d;
        out[b] -= d;
    }
}

/// Solves `(L + precision I) x = rhs` by conjugate gradients with a diagonal preconditioner.
fn solve_information(counts: &Counts, weights: &[f64], precision: f64, rhs: &[f64]) -> Vec<f64> {
    let n = rhs.len();
    let mut diag = vec![precision; n];
    for (&(a, b, _, _), &w) in counts.edges.iter().zip(weights) {
        diag[a] += w;
        diag[b] += w;
    }
    let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).map(|(a, b)| a * b).sum::<f64>();
    let mut x = vec![0.0; n];
    let mut r = rhs.to_vec();
    let mut z: Vec<f64> = r.iter().zip(&diag).map(|(r, d)| r / d).collect();
    let mut p = z.clone();
    let mut ap = vec![0.0; n];
    let mut rz = dot(&r, &z);
    let target = 1e-26 * dot(rhs, rhs).max(f64::MIN_POSITIVE);
    for _ in 0..(4 * n).max(50) {
        if dot(&r, &r) <= target {
            break;
        }
        apply_information(counts, weights, precision, &p, &mut ap);
        let alpha = rz / dot(&p, &ap);
        for k in 0..n {
            x[k] += alpha * p[k];
            r[k] -= alpha * ap[k];
        }
        for k in 0..n {
            z[k] = r[k] / diag[k];
        }
        let rz_next = dot(&r, &z);
        let beta = rz_next / rz;
        rz = rz_next;
        for k in 0..n {
            p[k] = z[k] + beta * p[k];
        }
    }
    x
}

/// Ranks `ideas` by a Bradley–Terry model fitted to the `comparisons` chosen by `options`.
///
/// The ranking covers every idea in `ideas` and every idea named by a chosen comparison; an
/// idea without comparisons is ranked with strength 0 (average) and the prior's uncertainty.
/// Comparisons of an idea with itself are left out and counted. See the
/// [module documentation](self) for the model, the treatment of ties, the prior and the errors.
///
/// Deterministic to the bit whatever the order of `ideas` and `comparisons`. Relabelling the
/// ideas (a one-to-one change of ids) permutes the result and changes nothing else, up to
/// rounding in the last bits where the changed id order changes the order of sums.
pub fn bradley_terry(
    ideas: &[IdeaId],
    comparisons: &[Comparison],
    options: &BradleyTerryOptions,
) -> PairwiseRanking {
    let prior_sd =
        if options.prior_sd.is_finite() && options.prior_sd > 0.0 { options.prior_sd } else { 2.0 };
    let precision = 1.0 / (prior_sd * prior_sd);

    let mut chosen: Vec<&Comparison> =
        comparisons.iter().filter(|c| c.criterion == options.criterion).collect();
    // A fixed order, so that the per-judge sums below do not depend on the input's: by judge,
    // then the pair in id order, then the outcome seen from the lower id (a comparison entered
    // the other way round is the same comparison).
    chosen.sort_by_key(|c| {
        if c.first <= c.second {
            (c.judge, c.first, c.second, c.outcome)
        } else {
            let outcome = match c.outcome {
                Outcome::FirstStronger => Outcome::SecondStronger,
                Outcome::SecondStronger => Outcome::FirstStronger,
                Outcome::CannotSeparate => Outcome::CannotSeparate,
            };
            (c.judge, c.second, c.first, outcome)
        }
    });
    let self_comparisons = chosen.iter().filter(|c| c.first == c.second).count();
    let mut ids: Vec<IdeaId> =
        ideas.iter().copied().chain(chosen.iter().flat_map(|c| [c.first, c.second])).collect();
    ids.sort_unstable();
    ids.dedup();
    let n = ids.len();
    let index = |idea: IdeaId| ids.binary_search(&idea).expect("every idea was collected");

    // Count per unordered pair, and per idea and per judge, in integers (exact).
    // (a, b) -> [a wins, b wins, ties]
    let mut pairs: BTreeMap<(usize, usize), [u32; 3]> = BTreeMap::new();
    let mut tally = vec![[0u32; 3]; n]; // wins, losses, ties
    for c in chosen.iter().filter(|c| c.first != c.second) {
        let (x, y) = (index(c.first), index(c.second));
        let (a, b, a_first) = if x < y { (x, y, true) } else { (y, x, false) };
        let slot = pairs.entry((a, b)).or_default();
        match (c.outcome, a_first) {
            (Outcome::CannotSeparate, _) => {
                slot[2] += 1;
                tally[x][2] += 1;
                tally[y][2] += 1;
            }
            (Outcome::FirstStronger, true) | (Outcome::SecondStronger, false) => {
                slot[0] += 1;
                tally[a][0] += 1;
                tally[b][1] += 1;
            }
            _ => {
                slot[1] += 1;
                tally[b][0] += 1;
                tally[a][1] += 1;
            }
        }
    }
    let mut wins = vec![0.0; n];
    let edges: Vec<(usize, usize, f64, f64)> = pairs
        .iter()
        .map(|(&(a, b), &[wa, wb, t])| {
            let (wa, wb, t) = (f64::from(wa), f64::from(wb), f64::from(t));
            wins[a] += wa + t / 2.0;
            wins[b] += wb + t / 2.0;
            (a, b, wa + wb + t, wa + t / 2.0)
        })
        .collect();
    let counts = Counts { edges, wins };

    // Newton's method with a backtracking line search. The log-posterior is strictly concave,
    // so each Newton direction is an ascent direction and the search always finds a step.
    let mut theta = vec![0.0; n];
    let mut g = vec![0.0; n];
    let mut weights = vec![0.0; counts.edges.len()];
    let mut iterations = 0;
    let mut converged = false;
    let mut f = objective(&counts, &theta, precision);
    while iterations < 100 {
        gradient(&counts, &theta, precision, &mut g, &mut weights);
        if g.iter().all(|x| x.abs() < 1e-10) {
            converged = true;
            break;
        }
        iterations += 1;
        let step = solve_information(&counts, &weights, precision, &g);
        let slope: f64 = step.iter().zip(&g).map(|(s, g)| s * g).sum();
        let mut t = 1.0;
        let mut next = theta.clone();
        loop {
            for k in 0..n {
                next[k] = theta[k] + t * step[k];
            }
            let f_next = objective(&counts, &next, precision);
            // Armijo's condition, less the rounding error of the objective: near the optimum
            // the gain is below what `f` can resolve, the full step is taken and the gradient
            // test decides. The floor on `t` is a backstop.
            let noise = 64.0 * f64::EPSILON * f.abs().max(1.0);
            if f_next - f >= 1e-4 * t * slope - noise || t < 1e-10 {
                f = f_next;
                break;
            }
            t /= 2.0;
        }
        theta = next;
    }
    gradient(&counts, &theta, precision, &mut g, &mut weights);

    // Standard errors from the dense inverse of the information at the optimum, centred on
    // the average strength. `H⁻¹ᵢᵢ - prior_sd² / n` would subtract two large numbers when the
    // prior is weak; instead invert `H + 11ᵀ / n`, which has the same inverse off the all-ones
    // direction and eigenvalue `precision + 1` on it, so the centred variance is its diagonal
    // less `1 / (n (precision + 1))`, with nothing large to cancel.
    let mut h = vec![1.0 / n as f64; n * n];
    for k in 0..n {
        h[k * n + k] += precision;
    }
    for (&(a, b, _, _), &w) in counts.edges.iter().zip(&weights) {
        h[a * n + a] += w;
        h[b * n + b] += w;
        h[a * n + b] -= w;
        h[b * n + a] -= w;
    }
    let inverse = inverse_diagonal(h, n).expect("the information plus a positive prior is positive definite");
    let shift = 1.0 / (n as f64 * (precision + 1.0));

    let valued: Vec<(IdeaId, f64)> = ids.iter().copied().zip(theta.iter().copied()).collect();
    let (order, ranks, tied) = competition_ranks(&valued, STRENGTH_TIE_TOLERANCE);
    let ranked = order
        .iter()
        .map(|&k| {
            let se = (inverse[k] - shift).max(0.0).sqrt();
            let [wins, losses, ties] = tally[k];
            PairwiseIdea {
                idea: ids[k],
                rank: ranks[k],
                tied: tied[k],
                strength: theta[k],
                standard_error: se,
                low: theta[k] - 1.96 * se,
                high: theta[k] + 1.96 * se,
                win_probability: sigmoid(theta[k]),
                comparisons: wins + losses + ties,
                wins,
                losses,
                ties,
            }
        })
        .collect();

    // Judge agreement with the fitted order.
    let mut judges: BTreeMap<JudgeId, (u32, u32, u32, f64)> = BTreeMap::new();
    for c in chosen.iter().filter(|c| c.first != c.second) {
        let entry = judges.entry(c.judge).or_insert((0, 0, 0, 0.0));
        let d = theta[index(c.first)] - theta[index(c.second)];
        match c.outcome {
            Outcome::CannotSeparate => entry.1 += 1,
            _ if d.abs() <= STRENGTH_TIE_TOLERANCE => {}
            outcome => {
                entry.0 += 1;
                let chose_first = outcome == Outcome::FirstStronger;
                if chose_first == (d > 0.0) {
                    entry.2 += 1;
                }
                let p = sigmoid(d);
                entry.3 += p.max(1.0 - p);
            }
        }
    }
    let judges = judges
        .into_iter()
        .map(|(judge, (decisive, ties, agreeing, expected))| JudgeAgreement {
            judge,
            decisive,
            ties,
            agreeing,
            agreement: (decisive > 0).then(|| f64::from(agreeing) / f64::from(decisive)),
            expected_agreement: (decisive > 0).then(|| expected / f64::from(decisive)),
        })
        .collect();

    PairwiseRanking {
        ideas: ranked,
        judges,
        comparisons_used: chosen.len() - self_comparisons,
        self_comparisons,
        iterations,
        converged,
    }
}

/// Which ideas' place in or out of the round's `target` rests on one judge's comparisons, as
/// [`cut_stability`](crate::cut_stability) says for scores: the ranking is fitted again
/// without each judge in turn (with the same `options`), and each idea that changes sides of
/// the line is a [`CutDependency`]. An idea is inside when its competition rank is at most the
/// target. One fit per judge, so cheap at a panel's size (a handful of judges, tens to a few
/// hundred ideas). An idea that only the left-out judge compared is ranked as average in that
/// fit, as [`bradley_terry`] ranks any idea without comparisons.
pub fn pairwise_cut_stability(
    ideas: &[IdeaId],
    comparisons: &[Comparison],
    options: &BradleyTerryOptions,
    target: u32,
) -> CutStability {
    let ranks = |ranking: &PairwiseRanking| -> BTreeMap<IdeaId, u32> {
        ranking.ideas.iter().map(|r| (r.idea, r.rank)).collect()
    };
    let full_ranking = bradley_terry(ideas, comparisons, options);
    let full = ranks(&full_ranking);
    let inside = |rank: Option<u32>| rank.is_some_and(|r| r <= target);
    let mut dependencies = Vec::new();
    if target > 0 {
        let judges: Vec<JudgeId> = full_ranking.judges.iter().map(|j| j.judge).collect();
        for judge in judges {
            let rest: Vec<Comparison> = comparisons.iter().filter(|c| c.judge != judge).cloned().collect();
            let without = ranks(&bradley_terry(ideas, &rest, options));
            for (&idea, &rank) in &full {
                let rank_without = without.get(&idea).copied();
                if inside(Some(rank)) != inside(rank_without) {
                    dependencies.push(CutDependency {
                        idea,
                        judge,
                        inside: inside(Some(rank)),
                        rank: Some(rank),
                        rank_without,
                    });
                }
            }
        }
    }
    dependencies.sort_by_key(|d| (d.rank, d.idea, d.judge));
    let inside_ideas = full_ranking.ideas.iter().filter(|r| inside(Some(r.rank))).map(|r| r.idea).collect();
    CutStability { target, inside: inside_ideas, dependencies }
}
