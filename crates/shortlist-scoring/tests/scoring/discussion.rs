//! The meeting's discussion order.

use shortlist_scoring::{aggregate, discussion_order, DiscussionReason, Options, Score};

use crate::{everyone, i, pair, two_criteria};

/// Eight ideas, two judges, equal weights on 1–5 (totals are the scores when a = b).
/// Idea: (J1, J2) -> mean, rank, range
/// I1 (5,5) 5 r1 | I2 (5,4) 4.5 r2 | I3 (4,4) 4 r3 | I4 (5,2) 3.5 r4 range 3 (flag)
/// I5 (3,3) 3 r5 | I6 (4,1) 2.5 r6 range 3 (flag), sd 1.5 | I7 (2,2) 2 r7 | I8 (1,1) 1 r8
/// I4's sd is 1.5 too; flagged ideas are ordered by sd, then range, then rank: I4 then I6.
fn results() -> shortlist_scoring::Results {
    let marks = [(1, 5, 5), (2, 5, 4), (3, 4, 4), (4, 5, 2), (5, 3, 3), (6, 4, 1), (7, 2, 2), (8, 1, 1)];
    let scores: Vec<Score> = marks
        .iter()
        .flat_map(|&(idea, s1, s2)| {
            [pair(1, idea, Some(s1), Some(s1)), pair(2, idea, Some(s2), Some(s2))].concat()
        })
        .collect();
    aggregate(
        &two_criteria(1, 5, 1.0, 1.0),
        &scores,
        &everyone(&[1, 2], &(1..=8).collect::<Vec<_>>(), &[]),
        &Options::default(),
    )
}

#[test]
fn disagreements_then_borderline_then_the_rest() {
    // Cut-off 3 (three go through), margin 1: borderline ranks 3..=4 (last in, first out).
    let order = discussion_order(&results(), 3, 1);
    let got: Vec<(i64, DiscussionReason)> = order.iter().map(|x| (x.idea.0, x.reason)).collect();
    use DiscussionReason::*;
    assert_eq!(
        got,
        vec![
            (4, Disagreement),
            (6, Disagreement),
            (3, Borderline),
            (1, Other),
            (2, Other),
            (5, Other),
            (7, Other),
            (8, Other)
        ]
    );
    assert!(order[0].borderline, "I4 (rank 4) is also next to the line, and says so");
}

#[test]
fn a_wider_margin_takes_in_more_ranks() {
    // Cut-off 4, margin 2: ranks 3..=6. I4 and I6 are already disagreements.
    let order = discussion_order(&results(), 4, 2);
    let borderline: Vec<i64> =
        order.iter().filter(|x| x.reason == DiscussionReason::Borderline).map(|x| x.idea.0).collect();
    assert_eq!(borderline, vec![3, 5]);
}

#[test]
fn no_cut_off_means_nothing_is_borderline() {
    let order = discussion_order(&results(), 0, 2);
    assert!(order.iter().all(|x| !x.borderline));
}

#[test]
fn tied_disagreements_fall_back_to_rank() {
    // I4 (3.5, rank 4) and I6 (2.5, rank 6) have equal sd 1.5 and range 3: rank decides.
    let order = discussion_order(&results(), 0, 0);
    assert_eq!((order[0].idea, order[1].idea), (i(4), i(6)));
}
