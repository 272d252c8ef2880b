//! Balanced allocation for the sift, and conflict suggestions.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use shortlist_scoring::{
    allocate, organisation_key, suggest_conflicts, Allocation, AllocationProblem, AllocationRequest,
    AssessorOrganisations, Assignment, IdeaId, IdeaOrganisations, JudgeId, Recusal, SuggestedConflict,
};

use crate::{i, j};

fn request(
    ideas: i64,
    assessors: i64,
    k: u32,
    conflicts: &[(i64, i64)],
    fixed: &[(i64, i64)],
) -> AllocationRequest {
    AllocationRequest {
        ideas: (1..=ideas).map(IdeaId).collect(),
        assessors: (1..=assessors).map(JudgeId).collect(),
        per_idea: k,
        conflicts: conflicts.iter().map(|&(a, idea)| Recusal { judge: j(a), idea: i(idea) }).collect(),
        fixed: fixed.iter().map(|&(a, idea)| Assignment { judge: j(a), idea: i(idea) }).collect(),
        seed: 7,
    }
}

/// Every promise of an allocation, checked against its request.
#[track_caller]
fn check(allocation: &Allocation, request: &AllocationRequest) {
    let conflicts: BTreeSet<(JudgeId, IdeaId)> =
        request.conflicts.iter().map(|r| (r.judge, r.idea)).collect();
    let mut per_idea: BTreeMap<IdeaId, BTreeSet<JudgeId>> = BTreeMap::new();
    for a in &allocation.assignments {
        assert!(!conflicts.contains(&(a.judge, a.idea)), "{a:?} breaks a declared conflict");
        assert!(per_idea.entry(a.idea).or_default().insert(a.judge), "{a:?} is listed twice");
    }
    for idea in &request.ideas {
        let n = per_idea.get(idea).map_or(0, BTreeSet::len);
        assert_eq!(n, request.per_idea as usize, "idea {idea:?} gets exactly k assessors");
    }
    for f in &request.fixed {
        assert!(allocation.assignments.contains(f), "manual assignment {f:?} is kept");
    }
    let loads: Vec<u32> = allocation.loads.iter().map(|l| l.assigned).collect();
    assert_eq!(
        loads.len(),
        request.assessors.iter().collect::<BTreeSet<_>>().len(),
        "every assessor has a load"
    );
    let (lo, hi) = (loads.iter().min().expect("assessors"), loads.iter().max().expect("assessors"));
    assert!(hi - lo <= 1, "busiest minus least busy is at most 1: {lo}..{hi}");
}

#[test]
fn a_sift_is_balanced_respects_conflicts_and_keeps_manual_changes() {
    // 50 ideas, 7 assessors, k = 3: 150 assessments, 21 or 22 each.
    let conflicts: Vec<(i64, i64)> = (1..=50).filter(|n| n % 4 == 0).map(|n| (n % 7 + 1, n)).collect();
    let req = request(50, 7, 3, &conflicts, &[(1, 1), (1, 2), (2, 1)]);
    let allocation = allocate(&req).expect("feasible");
    check(&allocation, &req);
    assert_eq!(allocation.loads.iter().find(|l| l.assessor == j(1)).unwrap().fixed, 2);
}

#[test]
fn the_same_seed_gives_the_same_allocation_whatever_the_order() {
    let a = request(30, 6, 2, &[(1, 1), (2, 2)], &[(3, 3)]);
    let mut b = a.clone();
    b.ideas.reverse();
    b.assessors.reverse();
    b.conflicts.reverse();
    assert_eq!(allocate(&a), allocate(&b), "lists are sorted first");
    let c = AllocationRequest { seed: 8, ..a.clone() };
    assert_ne!(allocate(&a), allocate(&c), "another seed, another (equally balanced) allocation");
}

#[test]
fn too_many_conflicts_for_k_says_which_idea_and_what_to_do() {
    // Assessors 1 and 2 are conflicted with idea 6, leaving one where two are needed.
    let err = allocate(&request(6, 3, 2, &[(1, 6), (2, 6)], &[])).expect_err("idea 6 has one free assessor");
    assert_eq!(
        err.problems,
        vec![AllocationProblem::IdeaShortOfAssessors { idea: i(6), available: 1, per_idea: 2 }]
    );
    assert_eq!(
        err.to_string(),
        "Idea 6 needs 2 assessors but only 1 has no conflict of interest with it. Add assessors, or lower the number per idea."
    );
    let err = allocate(&request(3, 2, 3, &[], &[])).expect_err("k above the panel");
    assert!(err.to_string().starts_with("Each idea needs 3 assessors but there are only 2."), "{err}");
}

#[test]
fn manual_changes_that_cannot_be_kept_are_named() {
    let err = allocate(&request(4, 4, 1, &[(1, 1)], &[(1, 1), (2, 2), (3, 2)])).expect_err("two problems");
    assert_eq!(
        err.problems,
        vec![
            AllocationProblem::FixedConflict { assignment: Assignment { judge: j(1), idea: i(1) } },
            AllocationProblem::FixedOverfills { idea: i(2), fixed: 2, per_idea: 1 },
        ],
        "every problem is reported at once, not just the first"
    );
    // Four ideas, two assessors, k = 1: two each. Three manual ones for assessor 1 overload them.
    let err = allocate(&request(4, 2, 1, &[], &[(1, 1), (1, 2), (1, 3)])).expect_err("overloaded");
    assert_eq!(
        err.problems,
        vec![AllocationProblem::AssessorOverloaded { assessor: j(1), fixed: 3, most: 2 }]
    );
    assert!(err.to_string().contains("Move 1 of them to other assessors"), "{err}");
}

#[test]
fn a_bottleneck_that_no_single_idea_shows_is_found_by_the_cut() {
    // Six ideas, three assessors, k = 1: two each. Ideas 1-3 may only go to assessor 1 (every
    // other assessor is conflicted), who can take two of them. Each idea alone has an assessor.
    let conflicts = [(2, 1), (3, 1), (2, 2), (3, 2), (2, 3), (3, 3)];
    let err = allocate(&request(6, 3, 1, &conflicts, &[]))
        .expect_err("three ideas, one assessor with room for two");
    assert_eq!(
        err.problems,
        vec![AllocationProblem::Bottleneck {
            ideas: vec![i(1), i(2), i(3)],
            assessors: vec![j(1)],
            needed: 3,
            room: 2
        }]
    );
    assert!(err.to_string().contains("3 ideas (1, 2, 3) to only 1 assessor (1)"), "{err}");
}

#[test]
fn conflicts_are_suggested_for_a_shared_department_and_confirmed_ones_are_not_repeated() {
    let assessors = vec![
        AssessorOrganisations { assessor: j(1), organisations: vec!["HM Revenue & Customs".into()] },
        AssessorOrganisations { assessor: j(2), organisations: vec!["Cabinet Office".into(), "GDS".into()] },
    ];
    let ideas = vec![
        IdeaOrganisations { idea: i(10), organisations: vec!["hm revenue and customs".into()] },
        IdeaOrganisations { idea: i(11), organisations: vec!["The Cabinet Office".into(), "ONS".into()] },
        IdeaOrganisations { idea: i(12), organisations: vec!["Home Office".into()] },
    ];
    let suggested = suggest_conflicts(&assessors, &ideas, &[]);
    assert_eq!(
        suggested,
        vec![
            SuggestedConflict { assessor: j(1), idea: i(10), shared: vec!["HM Revenue & Customs".into()] },
            SuggestedConflict { assessor: j(2), idea: i(11), shared: vec!["Cabinet Office".into()] },
        ],
        "'&' and 'and', case and a leading 'The' do not hide a match; Home Office matches nobody"
    );
    let declared = [Recusal { judge: j(1), idea: i(10) }];
    assert_eq!(
        suggest_conflicts(&assessors, &ideas, &declared).len(),
        1,
        "a declared conflict is not suggested again"
    );
    assert_eq!(organisation_key("  The Office for National Statistics. "), "office for national statistics");
    assert_ne!(
        organisation_key("HMRC"),
        organisation_key("HM Revenue & Customs"),
        "abbreviations are not guessed"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any request is either allocated keeping every promise, or refused with a reason.
    #[test]
    fn every_allocation_keeps_its_promises(
        ideas in 1i64..25,
        assessors in 1i64..8,
        k in 1u32..4,
        conflicts in prop::collection::vec((1i64..8, 1i64..25), 0..20),
        fixed in prop::collection::vec((1i64..8, 1i64..25), 0..4),
        seed in any::<u64>(),
    ) {
        let fixed: Vec<(i64, i64)> = fixed.into_iter().filter(|&(a, i)| a <= assessors && i <= ideas).collect();
        let req = AllocationRequest { seed, ..request(ideas, assessors, k, &conflicts, &fixed) };
        match allocate(&req) {
            Ok(allocation) => check(&allocation, &req),
            Err(e) => prop_assert!(!e.problems.is_empty() && !e.to_string().is_empty()),
        }
    }

    /// Without conflicts or manual assignments and with k at most the panel, a balanced
    /// allocation always exists, so it must always be found.
    #[test]
    fn without_conflicts_an_allocation_is_always_found(ideas in 1i64..40, assessors in 1i64..10, k in 1u32..4, seed in any::<u64>()) {
        prop_assume!(i64::from(k) <= assessors);
        let req = AllocationRequest { seed, ..request(ideas, assessors, k, &[], &[]) };
        let allocation = allocate(&req).expect("always feasible");
        check(&allocation, &req);
    }
}
