//! Inter-rater reliability against published worked examples, to their printed decimals, and
//! the handling of gaps, recusals and repeats.

use shortlist_scoring::{
    icc, krippendorff_alpha, reliability_by_criterion, Agreement, Level, Rating, Recusal, Score,
};

use crate::{everyone, i, j, two_criteria};

/// Rounds to `places` decimals, as a paper prints.
fn printed(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// A table of ratings: `rows[idea][judge]`, `None` for a missing value; ideas and judges from 1.
fn table(rows: &[&[Option<f64>]]) -> Vec<Rating> {
    let mut out = Vec::new();
    for (u, row) in rows.iter().enumerate() {
        for (o, v) in row.iter().enumerate() {
            if let Some(value) = *v {
                out.push(Rating { judge: j(o as i64 + 1), idea: i(u as i64 + 1), value });
            }
        }
    }
    out
}

/// Shrout and Fleiss (1979), Table 2: six targets rated by four judges.
fn shrout_fleiss() -> Vec<Rating> {
    let rows: [[f64; 4]; 6] = [
        [9., 2., 5., 8.],
        [6., 1., 3., 2.],
        [8., 4., 6., 8.],
        [7., 1., 2., 6.],
        [10., 5., 6., 9.],
        [6., 2., 4., 7.],
    ];
    let rows: Vec<Vec<Option<f64>>> = rows.iter().map(|r| r.iter().map(|&v| Some(v)).collect()).collect();
    table(&rows.iter().map(Vec::as_slice).collect::<Vec<_>>())
}

#[test]
fn shrout_fleiss_icc_2_1_and_2_4() {
    let icc = icc(&shrout_fleiss()).expect("a complete 6 x 4 table has an ICC");
    // The paper prints ICC(2,1) = .29 and ICC(2,4) = .62 (its Table 4).
    assert_eq!(printed(icc.single, 2), 0.29, "ICC(2,1) as printed by Shrout and Fleiss: {}", icc.single);
    assert_eq!(printed(icc.average, 2), 0.62, "ICC(2,4) as printed by Shrout and Fleiss: {}", icc.average);
    // Their ANOVA (Table 3): BMS 11.24, JMS 32.49, EMS 1.02.
    assert_eq!(printed(icc.between_ideas, 2), 11.24, "between-targets mean square");
    assert_eq!(printed(icc.between_judges, 2), 32.49, "between-judges mean square");
    assert_eq!(printed(icc.residual, 2), 1.02, "residual mean square");
    assert_eq!((icc.ideas_used, icc.ideas_left_out, icc.judges), (6, 0, 4));
}

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
/// twelve units, values 1–5, with gaps. Unit 12 has a single value and so no pairs.
fn krippendorff_2011() -> Vec<Rating> {
    let (x, n) = (Some, None::<f64>);
    // Rows are units 1..12, columns observers A..D.
    table(&[
        &[x(1.), x(1.), n, x(1.)],
        &[x(2.), x(2.), x(3.), x(2.)],
        &[x(3.), x(3.), x(3.), x(3.)],
        &[x(3.), x(3.), x(3.), x(3.)],
        &[x(2.), x(2.), x(2.), x(2.)],
        &[x(1.), x(2.), x(3.), x(4.)],
        &[x(4.), x(4.), x(4.), x(4.)],
        &[x(1.), x(1.), x(2.), x(1.)],
        &[x(2.), x(2.), x(2.), x(2.)],
        &[n, x(5.), x(5.), x(5.)],
        &[n, n, x(1.), x(1.)],
        &[n, n, x(3.), n],
    ])
}

#[test]
fn krippendorff_2011_example_at_every_level() {
    let data = krippendorff_2011();
    let at = |level| krippendorff_alpha(&data, level).expect("the example has pairable values");
    // Printed: nominal .743, ordinal .815, interval .849.
    assert_eq!(printed(at(Level::Nominal).value, 3), 0.743, "nominal alpha {}", at(Level::Nominal).value);
    assert_eq!(printed(at(Level::Ordinal).value, 3), 0.815, "ordinal alpha {}", at(Level::Ordinal).value);
    assert_eq!(printed(at(Level::Interval).value, 3), 0.849, "interval alpha {}", at(Level::Interval).value);
    // The paper's n = 40 pairable values in 11 units (unit 12's lone value does not count).
    assert_eq!((at(Level::Interval).ideas, at(Level::Interval).values), (11, 40));
}

#[test]
fn icc_uses_only_ideas_every_judge_scored() {
    // Krippendorff's data has gaps in units 1, 10, 11, 12: the ICC table keeps the other 8.
    let icc = icc(&krippendorff_2011()).expect("8 complete units");
    assert_eq!((icc.ideas_used, icc.ideas_left_out), (8, 4), "units with a gap are left out of the ICC");
}

#[test]
fn nothing_to_compare_is_none_not_nan() {
    let one_judge = table(&[&[Some(3.)], &[Some(4.)]]);
    assert!(icc(&one_judge).is_none(), "one judge cannot agree with anyone");
    assert!(krippendorff_alpha(&one_judge, Level::Interval).is_none(), "no idea has two values");
    let all_same = table(&[&[Some(3.), Some(3.)], &[Some(3.), Some(3.)]]);
    assert!(icc(&all_same).is_none(), "no variation: ICC is 0/0");
    assert!(krippendorff_alpha(&all_same, Level::Interval).is_none(), "no variation: alpha is 0/0");
}

#[test]
fn conflicting_repeats_count_as_missing_and_identical_repeats_once() {
    let mut data = shrout_fleiss();
    let base = icc(&data).expect("complete");
    data.push(data[0]); // an identical repeat changes nothing
    assert_eq!(icc(&data), Some(base), "an identical repeat counts once");
    data.push(Rating { value: 1.0, ..data[0] }); // judge 1, idea 1 now conflicts
    let with_conflict = icc(&data).expect("five complete ideas remain");
    assert_eq!(with_conflict.ideas_used, 5, "the conflicted cell makes idea 1 incomplete");
}

#[test]
fn alpha_does_not_depend_on_input_order() {
    let data = krippendorff_2011();
    let mut reversed = data.clone();
    reversed.reverse();
    for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
        assert_eq!(krippendorff_alpha(&data, level), krippendorff_alpha(&reversed, level), "{level:?}");
    }
}

#[test]
fn by_criterion_reads_in_plain_english_and_drops_recused_scores() {
    // Criterion a: three judges agree closely on five ideas. Criterion b: they scatter.
    let a = [[5, 5, 4], [4, 4, 4], [3, 3, 2], [2, 2, 2], [1, 1, 1]];
    let b = [[1, 5, 3], [5, 1, 2], [3, 2, 5], [2, 4, 1], [4, 3, 4]];
    let mut scores = Vec::new();
    for idea in 0..5 {
        for judge in 0..3 {
            scores.push(Score::new(j(judge + 1), i(idea + 1), "a", a[idea as usize][judge as usize]));
            scores.push(Score::new(j(judge + 1), i(idea + 1), "b", b[idea as usize][judge as usize]));
        }
    }
    let rubric = two_criteria(1, 5, 1.0, 1.0);
    let r = reliability_by_criterion(&rubric, &scores, &everyone(&[1, 2, 3], &[1, 2, 3, 4, 5], &[]));
    assert_eq!(r.len(), 2, "one entry per criterion, in rubric order");
    assert_eq!(r[0].agreement, Some(Agreement::Good), "{}", r[0].reading);
    assert!(
        r[0].reading.starts_with("The judges agree well on A (Krippendorff's alpha 0.9"),
        "{}",
        r[0].reading
    );
    assert_eq!(r[1].agreement, Some(Agreement::Poor), "{}", r[1].reading);
    assert!(r[1].reading.starts_with("The judges agree poorly on B"), "{}", r[1].reading);

    // Judge 3 recuses from idea 3 but a score slipped in: it must not count. Judge 3's score of 2
    // on a is the only disagreement there, so dropping it makes idea 3 unanimous on a.
    let mut assignments = everyone(&[1, 2, 3], &[1, 2, 3, 4, 5], &[(3, 3)]);
    let with_recusal = reliability_by_criterion(&rubric, &scores, &assignments);
    assert!(
        with_recusal[0].alpha_interval.unwrap().value > r[0].alpha_interval.unwrap().value,
        "the recused judge's score is left out"
    );
    assert_eq!(with_recusal[0].icc.unwrap().ideas_left_out, 1, "a recusal is a gap, not a zero");
    // An unassigned judge's scores do not count either.
    assignments.assigned.retain(|x| x.judge != j(2));
    assignments.recusals.push(Recusal { judge: j(9), idea: i(1) });
    let without_two = reliability_by_criterion(&rubric, &scores, &assignments);
    assert_eq!(without_two[0].icc.unwrap().judges, 2, "judge 2 is not assigned");
}

#[test]
fn a_criterion_nobody_scored_twice_says_so() {
    let scores = vec![Score::new(j(1), i(1), "a", 3), Score::new(j(2), i(2), "a", 4)];
    let r =
        reliability_by_criterion(&two_criteria(1, 5, 1.0, 1.0), &scores, &everyone(&[1, 2], &[1, 2], &[]));
    assert_eq!(r[0].agreement, None);
    assert_eq!(
        r[0].reading, "No idea has scores on A from two judges yet, so agreement cannot be measured.",
        "a sift where nobody overlaps cannot measure agreement"
    );
    let same = vec![Score::new(j(1), i(1), "a", 3), Score::new(j(2), i(1), "a", 3)];
    let r = reliability_by_criterion(&two_criteria(1, 5, 1.0, 1.0), &same, &everyone(&[1, 2], &[1, 2], &[]));
    assert!(r[0].reading.starts_with("Every score on A is the same"), "{}", r[0].reading);
}
