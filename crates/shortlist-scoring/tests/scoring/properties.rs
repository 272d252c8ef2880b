//! Properties of `aggregate` at the level of whole-number scores.
//!
//! Where scores are integers on a bounded scale, "add a constant to a judge's scores" holds only
//! while the scores stay on the scale, and normalised values can be clamped. The generators
//! here keep transformed scores on the scale, and the rank property is claimed only where no
//! normalised value was clamped (checked, and such cases discarded). The exact f64 versions
//! are in `normalise.rs`.

use proptest::prelude::*;
use shortlist_scoring::{
    aggregate, Assignment, Assignments, IdeaId, JudgeId, Options, RankBy, Recusal, Results, Rubric, Score,
};

use crate::two_criteria;

/// One judge–idea cell: recused?, score for a, score for b (each possibly missing).
type Cell = (bool, Option<i32>, Option<i32>);

#[derive(Debug, Clone)]
struct Round {
    rubric: Rubric,
    scores: Vec<Score>,
    assignments: Assignments,
}

fn build(rubric: Rubric, cells: &[Vec<Cell>]) -> Round {
    let mut scores = Vec::new();
    let mut assignments = Assignments::default();
    for (jn, row) in cells.iter().enumerate() {
        for (k, &(recused, a, b)) in row.iter().enumerate() {
            let (judge, idea) = (JudgeId(jn as i64 + 1), IdeaId(k as i64 + 1));
            assignments.assigned.push(Assignment { judge, idea });
            if recused {
                assignments.recusals.push(Recusal { judge, idea });
                continue;
            }
            scores.extend(a.map(|v| Score::new(judge, idea, "a", v)));
            scores.extend(b.map(|v| Score::new(judge, idea, "b", v)));
        }
    }
    Round { rubric, scores, assignments }
}

/// A round on a 1–5 or 0–10 scale: 2–5 judges, 3–8 ideas, some recusals, some missing scores.
fn round() -> impl Strategy<Value = Round> {
    let scale = prop_oneof![Just((1, 5)), Just((0, 10))];
    (scale, 1u8..4, 1u8..4, 2usize..6, 3usize..9).prop_flat_map(|((min, max), wa, wb, judges, ideas)| {
        let score = move || prop::option::weighted(0.92, min..=max);
        let cell = (prop::bool::weighted(0.1), score(), score());
        prop::collection::vec(prop::collection::vec(cell, ideas), judges)
            .prop_map(move |cells| build(two_criteria(min, max, f64::from(wa), f64::from(wb)), &cells))
    })
}

fn run(round: &Round, options: &Options) -> Results {
    aggregate(&round.rubric, &round.scores, &round.assignments, options)
}

fn all_floats(r: &Results) -> Vec<f64> {
    let mut v = Vec::new();
    for x in &r.ideas {
        v.extend([x.mean, x.median, x.normalised_mean].into_iter().flatten());
        v.extend(x.spread.iter().flat_map(|s| [s.sd, s.range, s.min, s.max]));
    }
    for x in &r.judges {
        v.extend([x.mean_total, x.sd_total, x.severity].into_iter().flatten());
    }
    for x in &r.totals {
        v.extend([x.total, x.z, x.normalised].into_iter().flatten());
    }
    v.extend(r.pooled.iter().flat_map(|p| [p.mean, p.sd]));
    v
}

fn ranks(r: &Results) -> Vec<(IdeaId, Option<u32>)> {
    let mut v: Vec<(IdeaId, Option<u32>)> = r.ideas.iter().map(|x| (x.idea, x.rank)).collect();
    v.sort();
    v
}

/// Base scores 4..=6 on a 0–20 scale, so that one judge's scores can be multiplied by up to 3
/// and shifted by -4..=2 and stay on the scale: 4*1-4 = 0, 6*3+2 = 20.
fn affine_round() -> impl Strategy<Value = (Vec<Vec<Cell>>, usize, i32, i32)> {
    (2usize..5, 3usize..8).prop_flat_map(|(judges, ideas)| {
        let score = || prop::option::weighted(0.95, 4..=6i32);
        let cell = (prop::bool::weighted(0.1), score(), score());
        (prop::collection::vec(prop::collection::vec(cell, ideas), judges), 0..judges, 1..=3i32, -4..=2i32)
    })
}

fn transformed(cells: &[Vec<Cell>], judge: usize, k: i32, c: i32) -> Vec<Vec<Cell>> {
    let mut out = cells.to_vec();
    for cell in &mut out[judge] {
        cell.1 = cell.1.map(|s| k * s + c);
        cell.2 = cell.2.map(|s| k * s + c);
    }
    out
}

proptest! {
    /// Multiplying one judge's scores by k > 0 and adding c (so their totals become k*T + c,
    /// a weighted mean being linear) changes no z-score, and, where no normalised value is
    /// clamped before or after, no rank by normalised mean.
    #[test]
    fn an_affine_change_of_one_judge_changes_no_normalised_rank((cells, judge, k, c) in affine_round()) {
        let rubric = two_criteria(0, 20, 2.0, 1.0);
        let options = Options { rank_by: RankBy::NormalisedMean, ..Options::default() };
        let before = run(&build(rubric.clone(), &cells), &options);
        let after = run(&build(rubric, &transformed(&cells, judge, k, c)), &options);
        for (b, a) in before.totals.iter().zip(&after.totals) {
            match (b.z, a.z) {
                (Some(zb), Some(za)) => prop_assert!((zb - za).abs() < 1e-9, "z {} became {}", zb, za),
                (None, None) => {}
                other => prop_assert!(false, "normalisation availability changed: {:?}", other),
            }
        }
        prop_assume!(before.totals.iter().chain(&after.totals).all(|t| !t.clamped));
        prop_assert_eq!(ranks(&before), ranks(&after));
    }

    /// Adding a constant alone (k = 1) moves every normalised total, of every judge, by the same
    /// amount (c times that judge's share of the pooled totals), when nothing is clamped.
    #[test]
    fn adding_a_constant_to_one_judge_shifts_all_normalised_totals_alike((cells, judge, _k, c) in affine_round()) {
        let rubric = two_criteria(0, 20, 2.0, 1.0);
        let before = run(&build(rubric.clone(), &cells), &Options::default());
        let after = run(&build(rubric, &transformed(&cells, judge, 1, c)), &Options::default());
        prop_assume!(before.totals.iter().chain(&after.totals).all(|t| !t.clamped));
        let shifts: Vec<f64> = before
            .totals
            .iter()
            .zip(&after.totals)
            .filter_map(|(b, a)| Some(a.normalised? - b.normalised?))
            .collect();
        if let Some(first) = shifts.first() {
            prop_assert!(shifts.iter().all(|s| (s - first).abs() < 1e-9), "{:?}", shifts);
        }
    }

    /// The order of the scores and of the assignment lists changes nothing, to the bit.
    #[test]
    fn permuting_the_inputs_changes_nothing((round, seed) in (round(), any::<u64>())) {
        let mut shuffled = round.clone();
        shuffle(&mut shuffled.scores, seed);
        shuffle(&mut shuffled.assignments.assigned, seed ^ 1);
        shuffle(&mut shuffled.assignments.recusals, seed ^ 2);
        for rank_by in [RankBy::RawMean, RankBy::NormalisedMean] {
            let options = Options { rank_by, ..Options::default() };
            prop_assert_eq!(run(&round, &options), run(&shuffled, &options));
        }
    }

    /// No NaN or infinity anywhere; means and medians between the lowest and highest counted
    /// total; normalised means on the scale; ranks follow the means.
    #[test]
    fn results_are_finite_and_bounded(round in round()) {
        let r = run(&round, &Options::default());
        prop_assert!(all_floats(&r).iter().all(|x| x.is_finite()));
        let (lo, hi) = (f64::from(round.rubric.scale().min), f64::from(round.rubric.scale().max));
        for x in &r.ideas {
            let totals: Vec<f64> =
                r.totals.iter().filter(|t| t.idea == x.idea).filter_map(|t| t.total).collect();
            let min = totals.iter().copied().fold(f64::INFINITY, f64::min);
            let max = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for m in [x.mean, x.median].into_iter().flatten() {
                prop_assert!(min - 1e-12 <= m && m <= max + 1e-12, "{} outside [{}, {}]", m, min, max);
            }
            prop_assert!(x.normalised_mean.is_none_or(|m| lo <= m && m <= hi));
            prop_assert_eq!(x.rank.is_some(), x.mean.is_some());
        }
        let ranked: Vec<(u32, f64)> = r.ideas.iter().filter_map(|x| Some((x.rank?, x.mean?))).collect();
        for w in ranked.windows(2) {
            prop_assert!(w[0].0 <= w[1].0 && w[0].1 >= w[1].1 - 1e-9, "{:?}", w);
            prop_assert_eq!(w[0].0 == w[1].0, (w[0].1 - w[1].1).abs() <= 1e-9, "ties share a rank: {:?}", w);
        }
    }
}

/// A Fisher–Yates shuffle from a seed (a small LCG), so the test needs no RNG crate.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for n in (1..v.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let k = (state >> 33) as usize % (n + 1);
        v.swap(n, k);
    }
}
