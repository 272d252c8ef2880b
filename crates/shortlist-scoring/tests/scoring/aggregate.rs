//! Hand-worked panels. Every expected value is worked out in the comments, from the scores, so a
//! reader can check the arithmetic without running anything.

use shortlist_scoring::{
    aggregate, Assignment, Assignments, DisagreementRule, NormalisationStatus, Options, RankBy, Recusal,
    RejectionReason, Score, TotalStatus,
};

use crate::{assert_close, assert_close_opt, everyone, i, j, pair, two_criteria};

/// Panel A: 3 judges x 4 ideas, criteria a (weight 2) and b (weight 1), scale 1–5, everyone
/// scores everything. Totals are (2a + b) / 3:
///
/// | judge | I1          | I2          | I3          | I4          | mean |
/// |-------|-------------|-------------|-------------|-------------|------|
/// | J1    | (5,5) 15/3=5 | (4,1) 9/3=3 | (2,5) 9/3=3 | (1,1) 3/3=1 | 12/4 = 3    |
/// | J2    | (4,4) 12/3=4 | (4,4) 4     | (3,3) 3     | (1,4) 6/3=2 | 13/4 = 3.25 |
/// | J3    | (5,2) 12/3=4 | (3,3) 3     | (5,5) 5     | (2,2) 2     | 14/4 = 3.5  |
fn panel_a() -> Vec<Score> {
    [
        pair(1, 1, Some(5), Some(5)),
        pair(1, 2, Some(4), Some(1)),
        pair(1, 3, Some(2), Some(5)),
        pair(1, 4, Some(1), Some(1)),
        pair(2, 1, Some(4), Some(4)),
        pair(2, 2, Some(4), Some(4)),
        pair(2, 3, Some(3), Some(3)),
        pair(2, 4, Some(1), Some(4)),
        pair(3, 1, Some(5), Some(2)),
        pair(3, 2, Some(3), Some(3)),
        pair(3, 3, Some(5), Some(5)),
        pair(3, 4, Some(2), Some(2)),
    ]
    .concat()
}

#[test]
fn panel_a_totals_means_medians_and_ranks() {
    let r = aggregate(
        &two_criteria(1, 5, 2.0, 1.0),
        &panel_a(),
        &everyone(&[1, 2, 3], &[1, 2, 3, 4], &[]),
        &Options::default(),
    );

    assert_close_opt(r.total(j(1), i(2)).and_then(|t| t.total), 3.0, "J1/I2 is (2*4 + 1) / 3");
    assert_close_opt(r.total(j(3), i(1)).and_then(|t| t.total), 4.0, "J3/I1 is (2*5 + 2) / 3");

    // Means: I1 (5+4+4)/3 = 13/3; I2 (3+4+3)/3 = 10/3; I3 (3+3+5)/3 = 11/3; I4 (1+2+2)/3 = 5/3.
    // Medians: I1 4, I2 3, I3 3, I4 2.
    let expect =
        [(1, 13.0 / 3.0, 4.0, 1), (2, 10.0 / 3.0, 3.0, 3), (3, 11.0 / 3.0, 3.0, 2), (4, 5.0 / 3.0, 2.0, 4)];
    for (idea, m, med, rank) in expect {
        let res = r.idea(i(idea)).expect("every assigned idea has a result");
        assert_close_opt(res.mean, m, &format!("I{idea} mean"));
        assert_close_opt(res.median, med, &format!("I{idea} median"));
        assert_eq!(res.rank, Some(rank), "I{idea}: ranked by mean 13/3 > 11/3 > 10/3 > 5/3");
        assert!(!res.tied, "no two means are equal");
        assert_eq!(res.judges_counted, 3);
    }
    let order: Vec<i64> = r.ideas.iter().map(|x| x.idea.0).collect();
    assert_eq!(order, vec![1, 3, 2, 4], "results are listed best first");
}

#[test]
fn panel_a_spread_and_disagreement() {
    let r = aggregate(
        &two_criteria(1, 5, 2.0, 1.0),
        &panel_a(),
        &everyone(&[1, 2, 3], &[1, 2, 3, 4], &[]),
        &Options::default(),
    );
    // Width 4: flag at range >= 0.4*4 = 1.6 or sd >= 0.2*4 = 0.8.
    // I1 totals 5,4,4: mean 13/3, deviations 2/3,-1/3,-1/3, squares 6/9, /3 = 2/9, sd = sqrt(2/9).
    let i1 = r.idea(i(1)).and_then(|x| x.spread).expect("three totals have a spread");
    assert_close(i1.sd, (2.0f64 / 9.0).sqrt(), "I1 population sd");
    assert_close(i1.range, 1.0, "I1 range 5 - 4");
    assert!(!r.idea(i(1)).is_some_and(|x| x.disagreement), "range 1 < 1.6 and sd 0.47 < 0.8");
    // I3 totals 3,3,5: mean 11/3, deviations -2/3,-2/3,4/3, squares 24/9, /3 = 8/9.
    let i3 = r.idea(i(3)).and_then(|x| x.spread).expect("three totals have a spread");
    assert_close(i3.sd, (8.0f64 / 9.0).sqrt(), "I3 population sd");
    assert_close(i3.range, 2.0, "I3 range 5 - 3");
    assert!(r.idea(i(3)).is_some_and(|x| x.disagreement), "range 2 >= 1.6");
}

#[test]
fn panel_a_severity() {
    let r = aggregate(
        &two_criteria(1, 5, 2.0, 1.0),
        &panel_a(),
        &everyone(&[1, 2, 3], &[1, 2, 3, 4], &[]),
        &Options::default(),
    );
    // Everyone scored every idea, so the panel mean over each judge's ideas is the mean of the
    // idea means: (13/3 + 10/3 + 11/3 + 5/3) / 4 = 13/4 = 3.25.
    // J1: 3 - 3.25 = -0.25 (severe); J2: 3.25 - 3.25 = 0; J3: 3.5 - 3.25 = +0.25 (generous).
    assert_close_opt(r.judge(j(1)).and_then(|x| x.severity), -0.25, "J1 severity");
    assert_close_opt(r.judge(j(2)).and_then(|x| x.severity), 0.0, "J2 severity");
    assert_close_opt(r.judge(j(3)).and_then(|x| x.severity), 0.25, "J3 severity");
    assert_close_opt(r.judge(j(1)).and_then(|x| x.mean_total), 3.0, "J1 mean total 12/4");
}

#[test]
fn panel_a_normalisation() {
    let r = aggregate(
        &two_criteria(1, 5, 2.0, 1.0),
        &panel_a(),
        &everyone(&[1, 2, 3], &[1, 2, 3, 4], &[]),
        &Options::default(),
    );
    // J1 totals 5,3,3,1: mean 3, deviations 2,0,0,-2, squares 8, variance 8/4 = 2.
    // J2 totals 4,4,3,2: mean 3.25, deviations .75,.75,-.25,-1.25, squares 2.75, var 0.6875.
    // J3 totals 4,3,5,2: mean 3.5, deviations .5,-.5,1.5,-1.5, squares 5, var 1.25.
    // Pooled mean (12 + 13 + 14) / 12 = 3.25; pooled sd sqrt((8 + 2.75 + 5) / 12) = sqrt(1.3125).
    let pooled = r.pooled.expect("three judges with four totals each are normalised");
    assert_close(pooled.mean, 3.25, "pooled mean");
    assert_close(pooled.sd, 1.3125f64.sqrt(), "pooled within-judge sd");
    let psd = 1.3125f64.sqrt();
    // J1/I1: z = (5 - 3) / sqrt(2) = sqrt(2); normalised 3.25 + sqrt(2) * psd = 4.8702.
    let t = r.total(j(1), i(1)).expect("assigned");
    assert_close_opt(t.z, 2f64.sqrt(), "J1/I1 z");
    assert_close_opt(t.normalised, 3.25 + 2f64.sqrt() * psd, "J1/I1 normalised");
    assert!(!t.clamped, "4.87 is on the 1–5 scale");
    // I1's normalised mean: z's sqrt(2), .75/sqrt(.6875), .5/sqrt(1.25), mapped and averaged.
    let zs = 2f64.sqrt() + 0.75 / 0.6875f64.sqrt() + 0.5 / 1.25f64.sqrt();
    assert_close_opt(
        r.idea(i(1)).and_then(|x| x.normalised_mean),
        3.25 + psd * zs / 3.0,
        "I1 normalised mean",
    );
    for judge in 1..=3 {
        assert_eq!(
            r.judge(j(judge)).and_then(|x| x.normalisation),
            Some(NormalisationStatus::Applied),
            "J{judge} has 4 totals with spread"
        );
    }
}

/// Panel B: recusal, a missing score, a judge with too few totals, ties. Criteria a and b
/// weighted equally, scale 1–5, totals (a + b) / 2. Everyone assigned to everything; J1
/// recused from I2. J2 scored only `a` of I4. J3 scored only I1 and I2.
///
/// | judge | I1        | I2          | I3        | I4                     |
/// |-------|-----------|-------------|-----------|------------------------|
/// | J1    | (4,4) 4   | recused     | (5,3) 4   | (2,3) 2.5              |
/// | J2    | (3,4) 3.5 | (5,5) 5     | (4,3) 3.5 | (2,-) incomplete       |
/// | J3    | (5,4) 4.5 | (3,2) 2.5   | -         | -                      |
fn panel_b() -> (Vec<Score>, Assignments) {
    let scores = [
        pair(1, 1, Some(4), Some(4)),
        pair(1, 3, Some(5), Some(3)),
        pair(1, 4, Some(2), Some(3)),
        pair(2, 1, Some(3), Some(4)),
        pair(2, 2, Some(5), Some(5)),
        pair(2, 3, Some(4), Some(3)),
        pair(2, 4, Some(2), None),
        pair(3, 1, Some(5), Some(4)),
        pair(3, 2, Some(3), Some(2)),
        // Sent despite the recusal, and an off-scale value: both must be refused.
        pair(1, 2, Some(5), Some(5)),
        pair(3, 3, Some(6), None),
    ]
    .concat();
    (scores, everyone(&[1, 2, 3], &[1, 2, 3, 4], &[(1, 2)]))
}

#[test]
fn panel_b_recusal_missing_and_ties() {
    let (scores, assignments) = panel_b();
    let r = aggregate(&two_criteria(1, 5, 1.0, 1.0), &scores, &assignments, &Options::default());
    // I1: 4, 3.5, 4.5 -> mean 12/3 = 4, median 4.
    // I2: J1 recused; 5, 2.5 -> mean 3.75, median 3.75 (not lowered by the recusal).
    // I3: 4, 3.5 (J3 has not scored) -> mean 3.75, median 3.75: tied with I2.
    // I4: 2.5 only (J2 incomplete) -> mean 2.5.
    // Ranks 1, 2=, 2=, 4 (standard competition ranking), the tie listed I2 before I3.
    let expect = [
        (1, 4.0, 4.0, 3, Some(1), false),
        (2, 3.75, 3.75, 2, Some(2), true),
        (3, 3.75, 3.75, 2, Some(2), true),
        (4, 2.5, 2.5, 1, Some(4), false),
    ];
    for (idea, m, med, n, rank, tied) in expect {
        let res = r.idea(i(idea)).expect("every assigned idea has a result");
        assert_close_opt(res.mean, m, &format!("I{idea} mean"));
        assert_close_opt(res.median, med, &format!("I{idea} median"));
        assert_eq!(res.judges_counted, n, "I{idea}: only complete totals count");
        assert_eq!((res.rank, res.tied), (rank, tied), "I{idea} rank");
    }
    let order: Vec<i64> = r.ideas.iter().map(|x| x.idea.0).collect();
    assert_eq!(order, vec![1, 2, 3, 4], "ties are listed by idea id");
    assert_eq!(r.idea(i(2)).and_then(|x| x.rank_label()), Some("2=".to_owned()));
    assert_eq!(r.idea(i(4)).and_then(|x| x.rank_label()), Some("4".to_owned()));

    let i2 = r.idea(i(2)).expect("assigned");
    assert_eq!(i2.recused, vec![j(1)], "J1 declared a conflict on I2");
    let i4 = r.idea(i(4)).expect("assigned");
    assert_eq!(i4.incomplete, vec![j(2)], "J2 scored a but not b of I4");
    assert_eq!(i4.not_scored, vec![j(3)]);
    assert!(i4.spread.is_none() && !i4.disagreement, "one total has no spread");
    assert_eq!(
        r.total(j(2), i(4)).map(|t| &t.status),
        Some(&TotalStatus::Incomplete { missing: vec!["b".into()] }),
        "the missing criterion is named"
    );
    assert!(r.total(j(1), i(2)).is_none(), "recused pairs have no total");
    // I2: 5 and 2.5, range 2.5 >= 1.6: flagged.
    assert!(i2.disagreement);

    let reasons: Vec<(i64, i64, RejectionReason)> =
        r.rejected.iter().map(|x| (x.score.judge.0, x.score.idea.0, x.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (1, 2, RejectionReason::Recused),
            (1, 2, RejectionReason::Recused),
            (3, 3, RejectionReason::OffScale)
        ],
        "a recused judge's scores and an off-scale value are refused, not counted"
    );
    assert_eq!(
        r.total(j(3), i(3)).map(|t| &t.status),
        Some(&TotalStatus::NotScored),
        "the refused score left nothing"
    );
}

#[test]
fn panel_b_normalisation_with_a_judge_below_the_minimum() {
    let (scores, assignments) = panel_b();
    let options = Options { rank_by: RankBy::NormalisedMean, ..Options::default() };
    let r = aggregate(&two_criteria(1, 5, 1.0, 1.0), &scores, &assignments, &options);
    // J3 has 2 totals < 3: not normalised.
    assert_eq!(
        r.judge(j(3)).and_then(|x| x.normalisation),
        Some(NormalisationStatus::TooFewTotals { counted: 2, needed: 3 })
    );
    assert_eq!(r.total(j(3), i(1)).and_then(|t| t.normalised), None);
    // J1: 4, 4, 2.5 -> mean 3.5, deviations .5,.5,-1, squares 1.5, var .5.
    // J2: 3.5, 5, 3.5 -> mean 4, deviations -.5,1,-.5, squares 1.5, var .5.
    // Pooled mean (10.5 + 12) / 6 = 3.75; pooled sd sqrt((1.5 + 1.5) / 6) = sqrt(.5).
    // Each judge's sd equals the pooled sd, so normalised = deviation + 3.75:
    // J1: I1 4.25, I3 4.25, I4 2.75.  J2: I1 3.25, I2 4.75, I3 3.25.
    let pooled = r.pooled.expect("J1 and J2 are normalised");
    assert_close(pooled.mean, 3.75, "pooled mean over J1 and J2 only");
    assert_close(pooled.sd, 0.5f64.sqrt(), "pooled sd");
    assert_close_opt(r.total(j(1), i(4)).and_then(|t| t.normalised), 2.75, "J1/I4");
    assert_close_opt(r.total(j(2), i(2)).and_then(|t| t.normalised), 4.75, "J2/I2");
    // Normalised means: I1 (4.25 + 3.25)/2 = 3.75 over 2 judges (J3 left out); I2 4.75;
    // I3 (4.25 + 3.25)/2 = 3.75; I4 2.75. Ranked: I2 1, I1 2=, I3 2=, I4 4.
    let expect =
        [(1, 3.75, 2, 2, true), (2, 4.75, 1, 1, false), (3, 3.75, 2, 2, true), (4, 2.75, 1, 4, false)];
    for (idea, nm, nj, rank, tied) in expect {
        let res = r.idea(i(idea)).expect("assigned");
        assert_close_opt(res.normalised_mean, nm, &format!("I{idea} normalised mean"));
        assert_eq!(res.normalised_judges, nj, "I{idea}: only normalised judges count");
        assert_eq!((res.rank, res.tied), (Some(rank), tied), "I{idea} ranked by normalised mean");
    }
    assert_eq!(r.rank_by, RankBy::NormalisedMean);
}

#[test]
fn panel_b_severity_uses_the_same_ideas() {
    let (scores, assignments) = panel_b();
    let r = aggregate(&two_criteria(1, 5, 1.0, 1.0), &scores, &assignments, &Options::default());
    // Idea means: I1 4, I2 3.75, I3 3.75, I4 2.5.
    // J1 (I1, I3, I4): (4-4) + (4-3.75) + (2.5-2.5) = .25, / 3.
    // J2 (I1, I2, I3): (3.5-4) + (5-3.75) + (3.5-3.75) = .5, / 3.
    // J3 (I1, I2): (4.5-4) + (2.5-3.75) = -.75, / 2 = -.375.
    assert_close_opt(r.judge(j(1)).and_then(|x| x.severity), 0.25 / 3.0, "J1");
    assert_close_opt(r.judge(j(2)).and_then(|x| x.severity), 0.5 / 3.0, "J2");
    assert_close_opt(r.judge(j(3)).and_then(|x| x.severity), -0.375, "J3");
    let j3 = r.judge(j(3)).expect("assigned");
    assert_eq!((j3.complete, j3.incomplete, j3.not_scored, j3.recused), (2, 0, 2, 0));
    let j1 = r.judge(j(1)).expect("assigned");
    assert_eq!((j1.complete, j1.recused), (3, 1));
}

/// Panel C: a judge who gives every idea the same total. Scale 0–10, a and b equal weight.
///
/// | judge | I1      | I2      | I3      | I4      | mean | squares of deviations |
/// |-------|---------|---------|---------|---------|------|-----------------------|
/// | J1    | (8,8) 8 | (6,6) 6 | (4,4) 4 | (2,2) 2 | 5    | 9+1+1+9 = 20          |
/// | J2    | (9,9) 9 | (7,7) 7 | (6,8) 7 | (5,5) 5 | 7    | 4+0+0+4 = 8           |
/// | J3    | (6,6) 6 | (5,7) 6 | (7,5) 6 | (6,6) 6 | 6    | 0                     |
fn panel_c() -> Vec<Score> {
    [
        pair(1, 1, Some(8), Some(8)),
        pair(1, 2, Some(6), Some(6)),
        pair(1, 3, Some(4), Some(4)),
        pair(1, 4, Some(2), Some(2)),
        pair(2, 1, Some(9), Some(9)),
        pair(2, 2, Some(7), Some(7)),
        pair(2, 3, Some(6), Some(8)),
        pair(2, 4, Some(5), Some(5)),
        pair(3, 1, Some(6), Some(6)),
        pair(3, 2, Some(5), Some(7)),
        pair(3, 3, Some(7), Some(5)),
        pair(3, 4, Some(6), Some(6)),
    ]
    .concat()
}

#[test]
fn panel_c_judge_with_equal_totals_counts_as_the_pooled_mean() {
    let r = aggregate(
        &two_criteria(0, 10, 1.0, 1.0),
        &panel_c(),
        &everyone(&[1, 2, 3], &[1, 2, 3, 4], &[]),
        &Options::default(),
    );
    assert_eq!(r.judge(j(3)).and_then(|x| x.normalisation), Some(NormalisationStatus::NoSpread));
    // Pooled mean (20 + 28 + 24) / 12 = 6; pooled sd sqrt((20 + 8 + 0) / 12) = sqrt(7/3).
    let pooled = r.pooled.expect("all three judges are normalised");
    assert_close(pooled.mean, 6.0, "pooled mean");
    assert_close(pooled.sd, (7.0f64 / 3.0).sqrt(), "J3's zero spread still counts in the pooled sd");
    for idea in 1..=4 {
        let t = r.total(j(3), i(idea)).expect("assigned");
        assert_close_opt(t.z, 0.0, "J3 expressed no preference: z = 0");
        assert_close_opt(t.normalised, 6.0, "so each J3 total becomes the pooled mean");
    }
    // I1: J1 z = 3/sqrt(5), J2 z = 2/sqrt(2) = sqrt(2), J3 z = 0.
    // Normalised mean = 6 + sqrt(7/3) * (3/sqrt(5) + sqrt(2) + 0) / 3 = 7.4032.
    let psd = (7.0f64 / 3.0).sqrt();
    let expected = 6.0 + psd * (3.0 / 5f64.sqrt() + 2f64.sqrt()) / 3.0;
    assert_close_opt(r.idea(i(1)).and_then(|x| x.normalised_mean), expected, "I1 normalised mean");
    assert_eq!(r.idea(i(1)).map(|x| x.normalised_judges), Some(3));
    // Severity: every idea scored by all, panel mean 72/12 = 6: J1 5-6 = -1, J2 +1, J3 0.
    assert_close_opt(r.judge(j(1)).and_then(|x| x.severity), -1.0, "J1 severe");
    assert_close_opt(r.judge(j(2)).and_then(|x| x.severity), 1.0, "J2 generous");
    assert_close_opt(r.judge(j(3)).and_then(|x| x.severity), 0.0, "J3 neither");
}

#[test]
fn panel_c_disagreement_rule_is_configurable() {
    let rubric = two_criteria(0, 10, 1.0, 1.0);
    let assignments = everyone(&[1, 2, 3], &[1, 2, 3, 4], &[]);
    // Width 10. I4 totals 2, 5, 6: range 4, exactly 40% of the width, so flagged by default.
    // Its sd: mean 13/3, deviations -7/3, 2/3, 5/3, squares 78/9, /3 = 26/9, sd = 1.6997 < 2.
    // I1 totals 8, 9, 6: range 3; squares 1/9+16/9+25/9 = 42/9, /3, sd = 1.247.
    let flagged = |options: &Options| -> Vec<i64> {
        let r = aggregate(&rubric, &panel_c(), &assignments, options);
        let mut v: Vec<i64> = r.ideas.iter().filter(|x| x.disagreement).map(|x| x.idea.0).collect();
        v.sort();
        v
    };
    assert_eq!(flagged(&Options::default()), vec![4], "range 4 meets 40% of 10 exactly");
    let i4 = aggregate(&rubric, &panel_c(), &assignments, &Options::default());
    assert_close_opt(i4.idea(i(4)).and_then(|x| x.spread).map(|s| s.sd), (26.0f64 / 9.0).sqrt(), "I4 sd");
    let stricter = Options {
        disagreement: DisagreementRule { range_fraction: Some(0.5), ..DisagreementRule::default() },
        ..Options::default()
    };
    assert_eq!(flagged(&stricter), Vec::<i64>::new(), "range 4 < 5 and sd 1.70 < 2");
    let sd_only = Options {
        disagreement: DisagreementRule { range_fraction: None, sd_fraction: Some(0.15) },
        ..Options::default()
    };
    assert_eq!(flagged(&sd_only), vec![4], "I4 sd 1.70 >= 1.5, I1 sd 1.25 < 1.5");
}

#[test]
fn ties_share_a_rank_and_skip_the_next() {
    // One judge, one criterion weight: totals 4, 5, 4, 4, 3 for ideas 5, 4, 3, 2, 1 -> ranks
    // I4 1; I2, I3, I5 2= (listed by id); I1 5.
    let scores: Vec<Score> = [(5, 4), (4, 5), (3, 4), (2, 4), (1, 3)]
        .into_iter()
        .flat_map(|(idea, v)| pair(1, idea, Some(v), Some(v)))
        .collect();
    let r = aggregate(
        &two_criteria(1, 5, 1.0, 1.0),
        &scores,
        &everyone(&[1], &[1, 2, 3, 4, 5], &[]),
        &Options::default(),
    );
    let got: Vec<(i64, Option<String>)> = r.ideas.iter().map(|x| (x.idea.0, x.rank_label())).collect();
    assert_eq!(
        got,
        vec![
            (4, Some("1".into())),
            (2, Some("2=".into())),
            (3, Some("2=".into())),
            (5, Some("2=".into())),
            (1, Some("5".into()))
        ],
        "standard competition ranking 1, 2=, 2=, 2=, 5"
    );
}

#[test]
fn equal_means_reached_differently_still_tie() {
    // Weights 0.3 and 0.6 (1:2) are not exact in binary. On paper (5,2) gives
    // (0.3*5 + 0.6*2) / 0.9 = 2.7/0.9 = 3 and (3,3) gives 3; in f64 the first is
    // 3.0000000000000004. They must still share first place.
    let scores = [pair(1, 1, Some(5), Some(2)), pair(1, 2, Some(3), Some(3))].concat();
    let r =
        aggregate(&two_criteria(1, 5, 0.3, 0.6), &scores, &everyone(&[1], &[1, 2], &[]), &Options::default());
    assert!(
        r.ideas.iter().all(|x| x.rank == Some(1) && x.tied),
        "equal on paper means equal rank: {:?}",
        r.ideas
    );
}

#[test]
fn conflicting_repeats_are_refused_and_identical_ones_count_once() {
    let mut scores = pair(1, 1, Some(3), Some(4));
    scores.push(Score::new(j(1), i(1), "a", 3)); // identical repeat: harmless
    scores.push(Score::new(j(1), i(1), "b", 5)); // conflicts with b = 4
    scores.push(Score::new(j(2), i(1), "c", 5)); // no such criterion
    let mut assignments = everyone(&[1], &[1], &[]);
    assignments.assigned.push(Assignment { judge: j(2), idea: i(1) });
    scores.push(Score::new(j(3), i(1), "a", 5)); // J3 not assigned
    let r = aggregate(&two_criteria(1, 5, 1.0, 1.0), &scores, &assignments, &Options::default());
    let reasons: Vec<(i64, &str, i32, RejectionReason)> = r
        .rejected
        .iter()
        .map(|x| (x.score.judge.0, x.score.criterion.as_str(), x.score.value, x.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (1, "b", 4, RejectionReason::ConflictingDuplicate),
            (1, "b", 5, RejectionReason::ConflictingDuplicate),
            (2, "c", 5, RejectionReason::UnknownCriterion),
            (3, "a", 5, RejectionReason::NotAssigned),
        ]
    );
    assert_eq!(
        r.total(j(1), i(1)).map(|t| &t.status),
        Some(&TotalStatus::Incomplete { missing: vec!["b".into()] }),
        "a conflicted criterion counts as missing until resolved"
    );
}

#[test]
fn an_idea_nobody_scored_is_listed_unranked() {
    let assignments = Assignments {
        assigned: vec![Assignment { judge: j(1), idea: i(1) }, Assignment { judge: j(1), idea: i(2) }],
        recusals: vec![Recusal { judge: j(2), idea: i(3) }],
    };
    let r = aggregate(
        &two_criteria(1, 5, 1.0, 1.0),
        &pair(1, 1, Some(2), Some(2)),
        &assignments,
        &Options::default(),
    );
    let got: Vec<(i64, Option<u32>)> = r.ideas.iter().map(|x| (x.idea.0, x.rank)).collect();
    assert_eq!(got, vec![(1, Some(1)), (2, None), (3, None)], "unranked ideas follow, by id");
    assert_eq!(r.idea(i(2)).map(|x| (x.mean, x.median, x.judges_counted)), Some((None, None, 0)));
    assert_eq!(r.idea(i(3)).map(|x| x.recused.clone()), Some(vec![j(2)]));
    assert!(r.pooled.is_none(), "no judge has three totals");
    assert_eq!(r.judge(j(2)).map(|x| (x.recused, x.severity)), Some((1, None)));
}
