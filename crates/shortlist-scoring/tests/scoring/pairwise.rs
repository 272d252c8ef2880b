//! Bradley–Terry: a hand-worked example, the prior's role, recovery of a known order from
//! simulated judges, judge agreement, and invariance to relabelling and input order.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shortlist_scoring::{
    bradley_terry, schedule_pairs, BradleyTerryOptions, Comparison, CriterionId, IdeaId, JudgeId, Outcome,
    PairScheduleRequest, PairwiseRanking,
};

use crate::{i, j};

use Outcome::{CannotSeparate as Tie, FirstStronger as First, SecondStronger as Second};

fn c(judge: i64, first: i64, second: i64, outcome: Outcome) -> Comparison {
    Comparison::overall(j(judge), i(first), i(second), outcome)
}

/// A prior so weak that the fit is the maximum-likelihood one to about 1e-6.
fn nearly_flat() -> BradleyTerryOptions {
    BradleyTerryOptions { prior_sd: 1000.0, ..BradleyTerryOptions::default() }
}

#[track_caller]
fn close(actual: f64, expected: f64, tolerance: f64, why: &str) {
    assert!((actual - expected).abs() < tolerance, "{why}: expected {expected}, got {actual}");
}

/// Ideas 1, 2, 3 in a chain. 1 v 2: two wins for 1 and two ties, so 3 : 1 with ties as halves.
/// 2 v 3: 3 : 1. No 1 v 3. On a tree each edge's maximum-likelihood difference is its log-odds:
/// θ1 - θ2 = θ2 - θ3 = ln 3, and with the strengths summing to zero θ = (ln 3, 0, -ln 3).
///
/// Errors: each difference d has information n p (1 - p) = 4 · 3/4 · 1/4 = 3/4, so variance 4/3,
/// and the two are independent. θ1 - mean = (2 d12 + d23) / 3: variance (4 + 1)/9 · 4/3 = 20/27.
/// θ2 - mean = (d23 - d12) / 3: (1 + 1)/9 · 4/3 = 8/27. θ3 by symmetry 20/27.
#[test]
fn hand_worked_chain_with_ties() {
    let comparisons = [
        c(1, 1, 2, First),
        c(2, 2, 1, Second),
        c(1, 1, 2, Tie),
        c(2, 1, 2, Tie),
        c(1, 2, 3, First),
        c(2, 2, 3, First),
        c(3, 3, 2, Second),
        c(3, 2, 3, Second),
    ];
    let r = bradley_terry(&[], &comparisons, &nearly_flat());
    assert!(r.converged);
    let ln3 = 3f64.ln();
    for (idea, strength, variance, rank) in
        [(1, ln3, 20.0f64 / 27.0, 1), (2, 0.0, 8.0 / 27.0, 2), (3, -ln3, 20.0 / 27.0, 3)]
    {
        let x = r.idea(i(idea)).expect("every compared idea is ranked");
        close(x.strength, strength, 1e-5, &format!("idea {idea} strength"));
        close(x.standard_error, variance.sqrt(), 1e-5, &format!("idea {idea} standard error"));
        close(x.high - x.low, 2.0 * 1.96 * variance.sqrt(), 1e-4, "95% interval is ±1.96 se");
        assert_eq!(x.rank, rank);
    }
    let one = r.idea(i(1)).unwrap();
    assert_eq!(
        (one.comparisons, one.wins, one.losses, one.ties),
        (4, 2, 0, 2),
        "ties are counted, not dropped"
    );
    close(one.win_probability, 0.75, 1e-5, "σ(ln 3) = 3/4");
    assert_eq!(r.comparisons_used, 8);
    let order: Vec<IdeaId> = r.ideas.iter().map(|x| x.idea).collect();
    assert_eq!(order, vec![i(1), i(2), i(3)], "best first");
}

#[test]
fn unanimous_data_stay_finite_under_the_prior() {
    // 1 beats 2 five times out of five: the likelihood alone sends θ1 - θ2 to infinity. With
    // the default prior (sd 2, precision 1/4) and θ1 = t = -θ2, the optimum solves
    // 5 - 5 σ(2t) = t / 4.
    let comparisons: Vec<Comparison> = (1..=5).map(|judge| c(judge, 1, 2, First)).collect();
    let r = bradley_terry(&[], &comparisons, &BradleyTerryOptions::default());
    let t = r.idea(i(1)).unwrap().strength;
    assert!(t.is_finite() && t > 0.0, "finite and positive: {t}");
    let sigma = 1.0 / (1.0 + (-2.0 * t).exp());
    close(5.0 - 5.0 * sigma, t / 4.0, 1e-9, "the stationarity condition of the posterior");
    close(r.idea(i(2)).unwrap().strength, -t, 1e-12, "strengths sum to zero");
    assert!(r.ideas.iter().all(|x| x.standard_error.is_finite() && x.standard_error > 0.0));
}

#[test]
fn an_idea_nobody_compared_is_average_with_the_prior_uncertainty() {
    let r = bradley_terry(&[i(9)], &[c(1, 1, 2, First), c(1, 2, 1, Tie)], &BradleyTerryOptions::default());
    let lonely = r.idea(i(9)).expect("listed ideas are ranked even without comparisons");
    assert_eq!(lonely.strength, 0.0, "no evidence: the prior's centre");
    // Its variance is the prior's, 4, less the 4/n that centring on the average removes.
    close(lonely.standard_error, (4.0f64 * (1.0 - 1.0 / 3.0)).sqrt(), 1e-12, "prior-only error");
    assert_eq!(lonely.comparisons, 0);
}

#[test]
fn self_comparisons_are_left_out_and_counted() {
    let r = bradley_terry(&[], &[c(1, 1, 1, First), c(1, 1, 2, First)], &BradleyTerryOptions::default());
    assert_eq!((r.comparisons_used, r.self_comparisons), (1, 1));
    assert_eq!(r.idea(i(1)).unwrap().comparisons, 1, "an idea compared with itself is no evidence");
}

#[test]
fn a_criterion_fit_uses_only_that_criterion() {
    let on_a = |judge, first, second, outcome| Comparison {
        criterion: Some(CriterionId::new("a")),
        ..c(judge, first, second, outcome)
    };
    // Overall 1 beats 2; on criterion a, 2 beats 1.
    let comparisons = [c(1, 1, 2, First), c(2, 1, 2, First), on_a(1, 1, 2, Second), on_a(2, 1, 2, Second)];
    let overall = bradley_terry(&[], &comparisons, &BradleyTerryOptions::default());
    let a = BradleyTerryOptions { criterion: Some(CriterionId::new("a")), ..BradleyTerryOptions::default() };
    let on_criterion = bradley_terry(&[], &comparisons, &a);
    assert_eq!(overall.ideas[0].idea, i(1));
    assert_eq!(on_criterion.ideas[0].idea, i(2), "criterion a's comparisons alone reverse the order");
    assert_eq!((overall.comparisons_used, on_criterion.comparisons_used), (2, 2));
}

/// A simulated round: ideas 1..=n with true strengths spread evenly over [-2, 2] (idea 1 the
/// strongest), `judges` judges each comparing `per_judge` planned pairs, each choice drawn from
/// the Bradley–Terry probabilities. Returns the comparisons and the true strengths.
pub fn simulate(n: i64, judges: i64, per_judge: u32, seed: u64) -> (Vec<Comparison>, Vec<f64>) {
    let truth: Vec<f64> = (0..n).map(|k| 2.0 - 4.0 * k as f64 / (n - 1) as f64).collect();
    let schedule = schedule_pairs(&PairScheduleRequest {
        ideas: (1..=n).map(IdeaId).collect(),
        judges: (1..=judges).map(JudgeId).collect(),
        pairs_per_judge: per_judge,
        conflicts: vec![],
        seed,
    })
    .expect("a plannable round");
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let mut comparisons = Vec::new();
    for plan in &schedule.judges {
        for pair in &plan.pairs {
            let d = truth[(pair.first.0 - 1) as usize] - truth[(pair.second.0 - 1) as usize];
            let p = 1.0 / (1.0 + (-d).exp());
            let outcome = if rng.random::<f64>() < p { First } else { Second };
            comparisons.push(Comparison::overall(plan.judge, pair.first, pair.second, outcome));
        }
    }
    (comparisons, truth)
}

/// Spearman's rank correlation between the fitted ranks and the true ones (idea k is truly
/// k-th; no ties in either here).
fn spearman(r: &PairwiseRanking) -> f64 {
    let n = r.ideas.len() as f64;
    let d2: f64 = r.ideas.iter().map(|x| (f64::from(x.rank) - x.idea.0 as f64).powi(2)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

#[test]
fn recovers_a_known_order_from_simulated_judges() {
    // 30 ideas, 12 judges x 50 pairs: each idea in about 40 comparisons.
    let (comparisons, truth) = simulate(30, 12, 50, 17);
    let r = bradley_terry(&[], &comparisons, &BradleyTerryOptions::default());
    assert!(r.converged && r.iterations < 20, "Newton converges quickly: {} iterations", r.iterations);
    let rho = spearman(&r);
    assert!(rho > 0.9, "the fitted order follows the true one (idea 1 strongest): Spearman {rho}");
    // The 95% intervals are honest: with 30 ideas, about 28.5 should cover the truth; fewer
    // than 25 would mean the errors are too small. Strengths are centred like the truth (both
    // sum to zero), so they are comparable directly.
    let covered =
        r.ideas.iter().filter(|x| (x.low..=x.high).contains(&truth[(x.idea.0 - 1) as usize])).count();
    assert!(covered >= 25, "{covered} of 30 intervals contain the true strength");
    let top: Vec<i64> = r.ideas.iter().take(5).map(|x| x.idea.0).collect();
    assert!(top.contains(&1) && top.contains(&2), "the two strongest ideas are in the top five: {top:?}");
}

#[test]
fn a_judge_who_reverses_every_choice_is_visible_in_agreement() {
    let (mut comparisons, _) = simulate(30, 12, 50, 5);
    for x in comparisons.iter_mut().filter(|x| x.judge == j(3)) {
        x.outcome = if x.outcome == First { Second } else { First };
    }
    let r = bradley_terry(&[], &comparisons, &BradleyTerryOptions::default());
    let three = r.judges.iter().find(|x| x.judge == j(3)).unwrap();
    let (agreement, expected) = (three.agreement.unwrap(), three.expected_agreement.unwrap());
    assert!(agreement < expected - 0.3, "the contrary judge: agreement {agreement}, expected {expected}");
    for other in r.judges.iter().filter(|x| x.judge != j(3)) {
        let gap = other.expected_agreement.unwrap() - other.agreement.unwrap();
        assert!(gap < 0.2, "judge {:?} decides like the model: gap {gap}", other.judge);
    }
}

#[test]
fn relabelling_the_ideas_permutes_the_result_and_nothing_else() {
    let (comparisons, _) = simulate(25, 6, 30, 3);
    // A relabelling that reverses the id order, so every internal index changes.
    let relabel = |x: IdeaId| IdeaId(1000 - 7 * x.0);
    let relabelled: Vec<Comparison> = comparisons
        .iter()
        .map(|x| Comparison { first: relabel(x.first), second: relabel(x.second), ..x.clone() })
        .collect();
    let options = BradleyTerryOptions::default();
    let (before, after) =
        (bradley_terry(&[], &comparisons, &options), bradley_terry(&[], &relabelled, &options));
    assert_eq!(before.ideas.len(), after.ideas.len());
    for x in &before.ideas {
        let y = after.idea(relabel(x.idea)).expect("every idea keeps a result under its new id");
        assert_eq!((y.rank, y.tied, y.wins, y.losses, y.ties), (x.rank, x.tied, x.wins, x.losses, x.ties));
        // Sums in another order: equal up to rounding.
        close(y.strength, x.strength, 1e-9, "strength");
        close(y.standard_error, x.standard_error, 1e-9, "standard error");
    }
    assert_eq!(before.judges.len(), after.judges.len());
    for (x, y) in before.judges.iter().zip(&after.judges) {
        assert_eq!((x.judge, x.agreeing, x.decisive), (y.judge, y.agreeing, y.decisive));
    }
}

#[test]
fn input_order_and_side_do_not_change_a_bit() {
    let (comparisons, _) = simulate(25, 6, 30, 11);
    let mut shuffled = comparisons.clone();
    shuffled.reverse();
    // The same decision entered the other way round.
    for x in shuffled.iter_mut().step_by(3) {
        std::mem::swap(&mut x.first, &mut x.second);
        x.outcome = match x.outcome {
            First => Second,
            Second => First,
            Tie => Tie,
        };
    }
    let options = BradleyTerryOptions::default();
    assert_eq!(
        bradley_terry(&[], &comparisons, &options),
        bradley_terry(&[], &shuffled, &options),
        "the fit works on counts per pair, so order and side are invisible"
    );
}

/// Four ideas, target 2. Judges 1 and 2 each say 1 > 2 > 3 > 4 on every pair once; judge 3
/// says the reverse of the line's two neighbours many times (3 beats 2 five times). With the
/// whole panel 2 is inside on the strength of judges 1 and 2; without judge 3 the order is
/// theirs. The dependency found is exactly a refit without the judge changing sides.
#[test]
fn the_pairwise_cut_names_the_judge_an_idea_depends_on() {
    let mut cs = Vec::new();
    for judge in [1, 2] {
        for (a, b) in [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)] {
            cs.push(c(judge, a, b, First));
        }
    }
    for _ in 0..5 {
        cs.push(c(3, 3, 2, First));
    }
    let ideas = [i(1), i(2), i(3), i(4)];
    let options = BradleyTerryOptions::default();
    let cut = shortlist_scoring::pairwise_cut_stability(&ideas, &cs, &options, 2);
    let full = bradley_terry(&ideas, &cs, &options);
    assert_eq!(cut.inside.len(), 2);
    for d in &cut.dependencies {
        let rest: Vec<Comparison> = cs.iter().filter(|x| x.judge != d.judge).cloned().collect();
        let without = bradley_terry(&ideas, &rest, &options);
        let inside = |r: &PairwiseRanking| r.idea(d.idea).unwrap().rank <= 2;
        assert_ne!(inside(&full), inside(&without), "a listed idea changes sides without its judge");
        assert_eq!(d.inside, inside(&full));
    }
    assert!(
        cut.dependencies.iter().any(|d| d.judge == j(3)),
        "judge 3 alone lifts idea 3 over idea 2: {:?} inside {:?}",
        cut.dependencies,
        cut.inside
    );
    assert!(shortlist_scoring::pairwise_cut_stability(&ideas, &cs, &options, 0).dependencies.is_empty());
}
