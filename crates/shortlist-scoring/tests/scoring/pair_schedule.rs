//! Pair schedules: the plan's guarantees, its determinism, and its refusals.

use std::collections::BTreeSet;

use proptest::prelude::*;
use shortlist_scoring::{
    is_connected, schedule_pairs, IdeaId, JudgeId, PairSchedule, PairScheduleRequest, Recusal,
    ScheduleProblem,
};

use crate::{i, j};

fn request(
    ideas: i64,
    judges: i64,
    per_judge: u32,
    conflicts: &[(i64, i64)],
    seed: u64,
) -> PairScheduleRequest {
    PairScheduleRequest {
        ideas: (1..=ideas).map(IdeaId).collect(),
        judges: (1..=judges).map(JudgeId).collect(),
        pairs_per_judge: per_judge,
        conflicts: conflicts
            .iter()
            .map(|&(judge, idea)| Recusal { judge: j(judge), idea: i(idea) })
            .collect(),
        seed,
    }
}

/// Every promise of the plan, checked against the request it answers.
#[track_caller]
fn check(plan: &PairSchedule, request: &PairScheduleRequest) {
    let conflicts: BTreeSet<(JudgeId, IdeaId)> =
        request.conflicts.iter().map(|r| (r.judge, r.idea)).collect();
    let judges: BTreeSet<JudgeId> = request.judges.iter().copied().collect();
    assert_eq!(
        plan.judges.iter().map(|x| x.judge).collect::<BTreeSet<_>>(),
        judges,
        "every judge has a plan"
    );
    for x in &plan.judges {
        assert_eq!(
            x.pairs.len(),
            request.pairs_per_judge as usize,
            "judge {:?} gets exactly n pairs",
            x.judge
        );
        let mut seen = BTreeSet::new();
        for p in &x.pairs {
            assert_ne!(p.first, p.second, "an idea is never paired with itself");
            assert!(
                request.ideas.contains(&p.first) && request.ideas.contains(&p.second),
                "only the round's ideas"
            );
            assert!(
                !conflicts.contains(&(x.judge, p.first)) && !conflicts.contains(&(x.judge, p.second)),
                "judge {:?} is shown an idea they are conflicted with",
                x.judge
            );
            assert!(
                seen.insert((p.first.min(p.second), p.first.max(p.second))),
                "judge {:?} sees a pair twice",
                x.judge
            );
        }
    }
    assert!(plan.connects(&request.ideas), "the comparison graph links every idea");
}

#[test]
fn a_panel_plan_keeps_every_promise_and_is_balanced() {
    // 40 ideas, 8 judges x 30 pairs, each judge conflicted with three ideas.
    let conflicts: Vec<(i64, i64)> =
        (1..=8).flat_map(|judge| [(judge, judge), (judge, judge + 10), (judge, judge + 30)]).collect();
    let request = request(40, 8, 30, &conflicts, 7);
    let plan = schedule_pairs(&request).expect("plannable");
    check(&plan, &request);
    let counts: Vec<u32> = plan.appearances().iter().map(|&(_, n)| n).collect();
    assert_eq!(counts.len(), 40, "every idea appears, conflicted or not");
    // 240 pairs = 480 appearances over 40 ideas: 12 each if perfectly even.
    let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    assert!(hi - lo <= 2, "appearances are balanced: {lo}..{hi}");
}

#[test]
fn a_sparse_large_round_is_still_connected() {
    // The benchmark's size: 800 pairs for 500 ideas, barely more than the 499 a tree needs.
    let request = request(500, 20, 40, &[], 2021);
    let plan = schedule_pairs(&request).expect("plannable");
    check(&plan, &request);
    let counts: Vec<u32> = plan.appearances().iter().map(|&(_, n)| n).collect();
    assert_eq!(counts.len(), 500);
    let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    assert!(hi - lo <= 2, "1,600 appearances over 500 ideas: 3 or 4 each, give or take one: {lo}..{hi}");
}

#[test]
fn the_same_request_gives_the_same_plan_whatever_the_order() {
    let a = request(20, 4, 10, &[(1, 3), (2, 5)], 99);
    let mut b = a.clone();
    b.ideas.reverse();
    b.judges.reverse();
    b.conflicts.reverse();
    b.ideas.push(i(1)); // a repeat changes nothing
    assert_eq!(schedule_pairs(&a), schedule_pairs(&b), "lists are sorted and deduplicated first");
    let c = PairScheduleRequest { seed: 100, ..a.clone() };
    assert_ne!(schedule_pairs(&a), schedule_pairs(&c), "another seed, another plan");
}

#[test]
fn refusals_say_what_is_wrong_and_how_to_fix_it() {
    let err = schedule_pairs(&request(10, 2, 3, &[], 1)).expect_err("6 pairs cannot link 10 ideas");
    assert_eq!(err.problems, vec![ScheduleProblem::TooFewPairs { planned: 6, needed: 9, per_judge: 5 }]);
    assert!(err.to_string().contains("Ask each judge for at least 5 pairs"), "{err}");

    let err =
        schedule_pairs(&request(5, 2, 4, &[(1, 3), (2, 3)], 1)).expect_err("idea 3 conflicts with everyone");
    assert_eq!(err.problems, vec![ScheduleProblem::IdeaUnjudgeable { idea: i(3) }]);
    assert!(err.to_string().contains("nobody can compare it"), "{err}");

    // Judge 1 may see only ideas 1-3: three distinct pairs, but four are asked.
    let err = schedule_pairs(&request(5, 2, 4, &[(1, 4), (1, 5)], 1)).expect_err("judge 1 runs out of pairs");
    assert_eq!(
        err.problems,
        vec![ScheduleProblem::JudgeShortOfPairs { judge: j(1), available: 3, asked: 4 }]
    );

    let err = schedule_pairs(&request(1, 2, 4, &[], 1)).expect_err("one idea");
    assert_eq!(err.problems, vec![ScheduleProblem::TooFewIdeas { ideas: 1 }]);
}

#[test]
fn conflicts_that_split_the_panel_are_reported_not_planned_around() {
    // Judge 1 may only see ideas 1-2, judge 2 only ideas 3-4: no comparison can link them.
    let err = schedule_pairs(&request(4, 2, 2, &[(1, 3), (1, 4), (2, 1), (2, 2)], 1));
    // Each judge has one distinct pair but two are asked: refused before planning.
    assert!(matches!(&err, Err(e) if matches!(e.problems[0], ScheduleProblem::JudgeShortOfPairs { .. })));
    // With a third judge like judge 1 there are enough pairs in number, but still no link.
    let split = [(1, 3), (1, 4), (2, 1), (2, 2), (3, 3), (3, 4)];
    let err = schedule_pairs(&request(4, 3, 1, &split, 1)).expect_err("split");
    assert_eq!(err.problems, vec![ScheduleProblem::NotConnected { groups: 2 }]);
}

#[test]
fn is_connected_sees_a_split() {
    assert!(is_connected(&[i(1), i(2), i(3)], &[(i(1), i(2)), (i(2), i(3))]));
    assert!(!is_connected(&[i(1), i(2), i(3)], &[(i(1), i(2))]), "idea 3 is on its own");
    assert!(!is_connected(&[], &[(i(1), i(2)), (i(3), i(4))]), "two separate pairs");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any request is either planned keeping every promise, or refused with a reason.
    #[test]
    fn every_plan_keeps_its_promises(
        ideas in 2i64..16,
        judges in 1i64..6,
        per_judge in 1u32..12,
        conflicts in prop::collection::vec((1i64..6, 1i64..16), 0..12),
        seed in any::<u64>(),
    ) {
        let request = request(ideas, judges, per_judge, &conflicts, seed);
        match schedule_pairs(&request) {
            Ok(plan) => check(&plan, &request),
            Err(e) => prop_assert!(!e.problems.is_empty() && !e.to_string().is_empty()),
        }
    }
}
