//! How sure a ranking is: bootstrap intervals and the stability of the cut.

use shortlist_scoring::{bootstrap_ranking, cut_stability, BootstrapOptions, CutDependency, JudgeTotal};

use crate::{i, j};

/// Totals from rows `(judge, [(idea, total)])`.
fn totals(rows: &[(i64, &[(i64, f64)])]) -> Vec<JudgeTotal> {
    rows.iter()
        .flat_map(|&(judge, row)| {
            row.iter().map(move |&(idea, total)| JudgeTotal { judge: j(judge), idea: i(idea), total })
        })
        .collect()
}

/// Means A 9, B 19/3, C 20/3, D 6: ranks A, C, B, D. Judge 3 alone lifts C above B.
fn panel() -> Vec<JudgeTotal> {
    totals(&[
        (1, &[(1, 9.0), (2, 8.0), (3, 5.0), (4, 6.0)]),
        (2, &[(1, 9.0), (2, 7.0), (3, 5.0), (4, 6.0)]),
        (3, &[(1, 9.0), (2, 4.0), (3, 10.0), (4, 6.0)]),
    ])
}

#[test]
fn the_cut_names_the_ideas_and_the_judge_they_depend_on() {
    let cut = cut_stability(&panel(), 2);
    assert_eq!(cut.inside, vec![i(1), i(3)], "A and C make the top two");
    // Without judge 1: B 5.5, C 7.5; without judge 2: B 6, C 7.5; C stays in either way.
    // Without judge 3: B 7.5, C 5 (below D's 6): C falls to 4th and B comes in at 2nd.
    assert_eq!(
        cut.dependencies,
        vec![
            CutDependency { idea: i(3), judge: j(3), inside: true, rank: Some(2), rank_without: Some(4) },
            CutDependency { idea: i(2), judge: j(3), inside: false, rank: Some(3), rank_without: Some(2) },
        ],
        "listed in the order of the whole panel's ranking, the one inside first"
    );
    assert_eq!(cut.dependent_ideas(), vec![i(3), i(2)]);
    assert!(cut_stability(&panel(), 0).dependencies.is_empty(), "no target, nothing to depend on");
    assert!(cut_stability(&panel(), 4).dependencies.is_empty(), "everything inside whoever is left out");
}

#[test]
fn an_idea_only_one_judge_scored_depends_on_them() {
    let data = totals(&[(1, &[(1, 9.0), (2, 3.0)]), (2, &[(2, 4.0), (3, 2.0)])]);
    let cut = cut_stability(&data, 1);
    assert_eq!(cut.inside, vec![i(1)]);
    let first = cut.dependencies[0];
    assert_eq!(
        (first.idea, first.judge, first.inside, first.rank_without),
        (i(1), j(1), true, None),
        "unscored without judge 1"
    );
}

#[test]
fn ties_across_the_line_are_all_inside() {
    let data = totals(&[(1, &[(1, 5.0), (2, 5.0), (3, 1.0)])]);
    assert_eq!(
        cut_stability(&data, 1).inside,
        vec![i(1), i(2)],
        "tied for first: both in, the panel decides"
    );
}

#[test]
fn a_clear_leader_has_a_tight_interval_and_a_contested_pair_a_wide_one() {
    // Eight judges: idea 1 far ahead of everything; ideas 2 and 3 swap places between judges.
    let rows: Vec<(i64, Vec<(i64, f64)>)> = (1..=8)
        .map(|judge| {
            let (a, b) = if judge % 2 == 0 { (7.0, 5.0) } else { (5.0, 7.5) };
            (judge, vec![(1, 10.0), (2, a), (3, b), (4, 1.0)])
        })
        .collect();
    let rows: Vec<(i64, &[(i64, f64)])> = rows.iter().map(|(k, r)| (*k, r.as_slice())).collect();
    let data = totals(&rows);
    let b = bootstrap_ranking(&data, &BootstrapOptions { resamples: 1000, seed: 1, target: 2 });
    assert_eq!(b.resamples, 1000);
    let leader = &b.ideas[0];
    assert_eq!((leader.idea, leader.rank_best, leader.rank_worst), (i(1), 1, 1), "always first");
    assert_eq!(leader.in_target, Some(1.0));
    assert_eq!((leader.score_low, leader.score_high), (Some(10.0), Some(10.0)), "every judge gave 10");
    let contested = b.ideas.iter().find(|x| x.idea == i(3)).unwrap();
    assert_eq!((contested.rank_best, contested.rank_worst), (2, 3), "2nd or 3rd depending on who is drawn");
    let p = contested.in_target.unwrap();
    assert!(
        p > 0.2 && p < 0.9,
        "idea 3 (mean 6.25 v 6) is in the top two in most but not all resamples: {p}"
    );
    let (lo, hi) = (contested.score_low.unwrap(), contested.score_high.unwrap());
    assert!(lo < 6.25 && 6.25 < hi && lo >= 5.0 && hi <= 7.5, "the interval brackets the mean: {lo}..{hi}");
}

#[test]
fn an_idea_one_judge_scored_is_unscored_when_that_judge_is_not_drawn() {
    let data = totals(&[(1, &[(1, 5.0), (2, 6.0)]), (2, &[(1, 4.0)]), (3, &[(1, 6.0)])]);
    let b = bootstrap_ranking(&data, &BootstrapOptions::default());
    let lonely = b.ideas.iter().find(|x| x.idea == i(2)).unwrap();
    // Judge 1 is missing from a resample of three with probability (2/3)^3 = 0.296.
    assert!((lonely.unscored - 0.296).abs() < 0.05, "{}", lonely.unscored);
    assert_eq!(lonely.rank_worst, 2, "unscored in a resample: last place");
}

#[test]
fn seeded_and_independent_of_input_order() {
    let data = panel();
    let mut reversed = data.clone();
    reversed.reverse();
    let options = BootstrapOptions { resamples: 10, seed: 42, target: 2 };
    let a = bootstrap_ranking(&data, &options);
    assert_eq!(a.resamples, 1000, "fewer than 1,000 resamples are raised to 1,000");
    assert_eq!(a, bootstrap_ranking(&reversed, &options), "same seed, same result, whatever the order");
    let other = bootstrap_ranking(&data, &BootstrapOptions { seed: 43, ..options });
    assert_ne!(a, other, "another seed draws other resamples");
    assert_eq!(cut_stability(&data, 2), cut_stability(&reversed, 2));
}
