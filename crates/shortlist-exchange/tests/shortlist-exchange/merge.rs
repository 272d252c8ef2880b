use shortlist_exchange::merge::Settlement;
use shortlist_exchange::{
    open, sign, CurrentScore, FileId, MergeCounts, Receipt, Refusal, ReturnNote, ReturnedScore, RoundScores,
    ScoreReturn, Verified,
};

use crate::support::{at, judge, score, score_return, CHALLENGE, ROUND};

/// The secretariat's view with judges 1 and 2 enrolled and these scores held.
fn round(current: Vec<CurrentScore>) -> RoundScores {
    RoundScores::new(CHALLENGE, ROUND, [(1, judge(1).public_key()), (2, judge(2).public_key())], current)
}

/// Judge `n`'s return, signed by judge `n` and opened (verified) as the secretariat would.
fn verified(n: u8, sequence: u64, scores: Vec<ReturnedScore>) -> Verified<ScoreReturn> {
    signed_by(n, score_return(i64::from(n), sequence, scores))
}

fn signed_by(n: u8, ret: ScoreReturn) -> Verified<ScoreReturn> {
    open(&sign(&judge(n), &ret, at(100))).expect("a return we signed opens")
}

fn held(judge_id: i64, idea_id: i64, criterion: &str, score: i32, revision: u64) -> CurrentScore {
    CurrentScore {
        judge_id,
        idea_id,
        criterion: criterion.to_owned(),
        score,
        comment: format!("comment r{revision}"),
        revision,
        changed_by_secretariat_since: None,
    }
}

#[test]
fn new_scores_are_accepted_and_the_receipt_says_so() {
    let state = round(vec![]);
    let ret = verified(1, 1, vec![score(42, "viability", 4, 1), score(42, "benefits", 3, 1)]);
    let plan = state.plan(&ret);
    assert_eq!(plan.refused, None);
    assert_eq!(plan.accepted.len(), 2);
    assert_eq!(plan.receipt.summary, "2 scores accepted, 0 unchanged, 0 conflicts");
    assert_eq!(plan.receipt.code.len(), 9, "XXXX-XXXX: {}", plan.receipt.code);
}

#[test]
fn replay_changes_nothing_and_says_so() {
    // Issue #7: importing the same return twice changes nothing.
    let mut state = round(vec![]);
    let ret = verified(1, 1, vec![score(42, "viability", 4, 1), score(42, "benefits", 3, 1)]);
    let first = state.plan(&ret);
    state.apply(&first);
    let second = state.plan(&ret);
    assert!(second.accepted.is_empty(), "a replay must accept nothing");
    assert!(second.changes_nothing());
    assert_eq!(second.unchanged, 2);
    assert_eq!(second.note, Some(ReturnNote::ImportedBefore));
    let before: Vec<_> = sorted(&state);
    state.apply(&second);
    assert_eq!(sorted(&state), before, "applying the replay's plan changes no score");
}

fn sorted(state: &RoundScores) -> Vec<CurrentScore> {
    let mut all: Vec<_> = state.scores().cloned().collect();
    all.sort_by(|a, b| (a.judge_id, a.idea_id, &a.criterion).cmp(&(b.judge_id, b.idea_id, &b.criterion)));
    all
}

#[test]
fn partial_then_completing_return() {
    let mut state = round(vec![]);
    let partial = verified(1, 1, vec![score(42, "viability", 4, 1)]);
    let plan = state.plan(&partial);
    state.apply(&plan);
    let complete = verified(
        1,
        2,
        vec![score(42, "viability", 5, 2), score(42, "benefits", 3, 1), score(43, "viability", 2, 1)],
    );
    let plan = state.plan(&complete);
    assert_eq!(plan.accepted.len(), 3, "the changed score and the two new ones");
    assert_eq!(plan.note, None, "a later return is nothing unusual");
    state.apply(&plan);
    assert_eq!(state.score(1, 42, "viability").map(|s| (s.score, s.revision)), Some((5, 2)));
    assert_eq!(state.scores().count(), 3);
}

#[test]
fn older_return_after_newer_changes_nothing() {
    let mut state = round(vec![]);
    let older = verified(1, 1, vec![score(42, "viability", 4, 1)]);
    let newer = verified(1, 2, vec![score(42, "viability", 5, 2)]);
    let plan = state.plan(&newer);
    state.apply(&plan);
    let plan = state.plan(&older);
    assert!(plan.accepted.is_empty());
    assert_eq!(plan.unchanged, 1, "revision 1 is below the held revision 2");
    assert_eq!(plan.note, Some(ReturnNote::OlderThanImported { latest: 2 }));
    assert_eq!(state.score(1, 42, "viability").map(|s| s.score), Some(5));
}

#[test]
fn returns_arriving_out_of_order_end_at_the_latest() {
    // The older one first, then the newer: both apply, in revision order.
    let mut state = round(vec![]);
    for ret in [
        verified(1, 1, vec![score(42, "viability", 4, 1)]),
        verified(1, 2, vec![score(42, "viability", 5, 2)]),
    ] {
        let plan = state.plan(&ret);
        state.apply(&plan);
    }
    assert_eq!(state.score(1, 42, "viability").map(|s| s.score), Some(5));
}

#[test]
fn equal_or_lower_revision_is_unchanged() {
    let state = round(vec![held(1, 42, "viability", 4, 3)]);
    let plan = state.plan(&verified(1, 5, vec![score(42, "viability", 1, 3), score(42, "viability", 1, 2)]));
    assert!(plan.accepted.is_empty());
    assert_eq!(plan.unchanged, 1, "the duplicate entry is one score at its highest revision");
}

#[test]
fn secretariat_change_is_a_conflict_never_overwritten() {
    let mut keyed = held(1, 42, "viability", 2, 1);
    keyed.comment = "keyed from the paper sheet".to_owned();
    keyed.changed_by_secretariat_since = Some(1);
    let mut state = round(vec![keyed.clone()]);
    let ret = verified(1, 2, vec![score(42, "viability", 5, 2)]);
    let plan = state.plan(&ret);
    assert!(plan.accepted.is_empty(), "the keyed score must not be overwritten");
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].ours, keyed);
    assert_eq!(plan.conflicts[0].theirs.score, 5);
    assert_eq!(plan.receipt.summary, "0 scores accepted, 0 unchanged, 1 conflict");
    state.apply(&plan);
    assert_eq!(state.score(1, 42, "viability"), Some(&keyed), "apply leaves a conflict alone");
    // The same return again is still a conflict until a person settles it…
    assert_eq!(state.plan(&ret).conflicts.len(), 1);
    // …and once settled (keeping ours), the return is unchanged and the keyed score stays.
    state.settle(&plan.conflicts[0], Settlement::Ours);
    let again = state.plan(&ret);
    assert!(again.conflicts.is_empty() && again.accepted.is_empty());
    assert_eq!(state.score(1, 42, "viability").map(|s| s.score), Some(2));
}

#[test]
fn settling_for_the_judge_takes_their_score() {
    let mut keyed = held(1, 42, "viability", 2, 0);
    keyed.changed_by_secretariat_since = Some(0);
    let mut state = round(vec![keyed]);
    let plan = state.plan(&verified(1, 1, vec![score(42, "viability", 5, 1)]));
    state.settle(&plan.conflicts[0], Settlement::Theirs);
    assert_eq!(state.score(1, 42, "viability").map(|s| (s.score, s.revision)), Some((5, 1)));
}

#[test]
fn keyed_score_equal_to_the_judges_is_no_conflict() {
    let mut keyed = held(1, 42, "viability", 5, 0);
    keyed.comment = "comment r1".to_owned();
    keyed.changed_by_secretariat_since = Some(0);
    let plan = round(vec![keyed]).plan(&verified(1, 1, vec![score(42, "viability", 5, 1)]));
    assert_eq!(plan.accepted.len(), 1, "the same score and comment: nothing to settle");
}

#[test]
fn unknown_key_is_refused() {
    let plan = round(vec![]).plan(&signed_by(9, score_return(1, 1, vec![score(42, "viability", 4, 1)])));
    assert!(matches!(plan.refused, Some(Refusal::UnknownKey { judge_id: 1, .. })), "{:?}", plan.refused);
    assert!(plan.changes_nothing());
    assert_eq!(plan.receipt.summary, "Return refused: no scores imported");
}

#[test]
fn key_of_another_judge_is_refused() {
    // Judge 2 signs a return that claims to be judge 1's.
    let plan = round(vec![]).plan(&signed_by(2, score_return(1, 1, vec![score(42, "viability", 4, 1)])));
    assert_eq!(plan.refused, Some(Refusal::KeyOfAnotherJudge { judge_id: 1, signer_judge_id: 2 }));
    let message = plan.refused.map(|r| r.to_string()).unwrap_or_default();
    assert!(message.contains("signed with the key of judge 2"), "{message}");
}

#[test]
fn wrong_round_and_challenge_are_refused() {
    let mut ret = score_return(1, 1, vec![score(42, "viability", 4, 1)]);
    ret.round = "final".to_owned();
    let plan = round(vec![]).plan(&signed_by(1, ret.clone()));
    assert!(matches!(plan.refused, Some(Refusal::WrongRound { .. })));
    ret.round = ROUND.to_owned();
    ret.challenge_id = CHALLENGE + 1;
    let plan = round(vec![]).plan(&signed_by(1, ret));
    assert!(matches!(plan.refused, Some(Refusal::WrongChallenge { .. })));
}

#[test]
fn contradictory_scores_at_one_revision_are_refused() {
    let plan =
        round(vec![]).plan(&verified(1, 1, vec![score(42, "viability", 4, 1), score(42, "viability", 2, 1)]));
    assert!(matches!(plan.refused, Some(Refusal::ContradictoryScores { idea_id: 42, .. })));
}

#[test]
fn judge_recomputes_the_receipt_from_their_own_copy() {
    let file = sign(&judge(1), &score_return(1, 1, vec![score(42, "viability", 4, 1)]), at(61));
    let secretariat_side = round(vec![]).plan(&open(&file).expect("opens")).receipt;
    // The judge's app: its copy of the file, and the counts the secretariat read out.
    let judge_side = Receipt::for_return(&FileId::of(&file), secretariat_side.counts);
    assert_eq!(judge_side, secretariat_side);
    let typed = secretariat_side.code.to_lowercase().replace('-', " ");
    assert!(judge_side.matches(&typed), "case and separators do not matter");
    let other_counts = MergeCounts { accepted: 0, unchanged: 1, ..secretariat_side.counts };
    assert_ne!(
        Receipt::for_return(&FileId::of(&file), other_counts).code,
        secretariat_side.code,
        "different result, different code"
    );
}

// ----- pairwise choices (issue #17): merged by the scores' rules

fn choice(
    left_id: i64,
    right_id: i64,
    choice: &str,
    revision: u64,
) -> shortlist_exchange::ReturnedComparison {
    shortlist_exchange::ReturnedComparison {
        left_id,
        right_id,
        criterion: String::new(),
        choice: choice.to_owned(),
        comment: String::new(),
        revision,
        updated_at: at(20 + revision as i64),
    }
}

fn with_choices(
    n: u8,
    sequence: u64,
    choices: Vec<shortlist_exchange::ReturnedComparison>,
) -> Verified<ScoreReturn> {
    signed_by(n, ScoreReturn { comparisons: choices, ..score_return(i64::from(n), sequence, vec![]) })
}

#[test]
fn choices_are_accepted_once_and_a_replay_changes_nothing() {
    let mut state = round(vec![]);
    let ret = with_choices(1, 1, vec![choice(42, 43, "left", 1), choice(44, 42, "tie", 1)]);
    let plan = state.plan(&ret);
    assert_eq!((plan.refused.clone(), plan.accepted_comparisons.len()), (None, 2));
    assert_eq!(plan.counts().accepted, 2, "choices count in the receipt like scores");
    state.apply(&plan);
    let again = state.plan(&ret);
    assert!(again.changes_nothing(), "a replayed return changes nothing");
    assert_eq!(again.unchanged, 2);
    assert_eq!(state.comparison(1, 44, 42, "").map(|c| c.choice.as_str()), Some("tie"));
}

#[test]
fn a_later_choice_replaces_an_earlier_one_and_an_older_return_does_not() {
    let mut state = round(vec![]);
    let first = with_choices(1, 1, vec![choice(42, 43, "left", 1)]);
    let second = with_choices(1, 2, vec![choice(42, 43, "right", 2)]);
    let plan = state.plan(&second);
    state.apply(&plan);
    let stale = state.plan(&first);
    assert!(stale.accepted_comparisons.is_empty(), "revision 1 after revision 2 changes nothing");
    assert_eq!(stale.note, Some(ReturnNote::OlderThanImported { latest: 2 }));
    assert_eq!(state.comparison(1, 42, 43, "").map(|c| c.choice.as_str()), Some("right"));
}

#[test]
fn a_choice_keyed_by_the_secretariat_is_a_conflict_not_overwritten() {
    let keyed = shortlist_exchange::CurrentComparison {
        judge_id: 1,
        left_id: 42,
        right_id: 43,
        criterion: String::new(),
        choice: "left".to_owned(),
        comment: "From the paper sheet".to_owned(),
        revision: 0,
        changed_by_secretariat_since: Some(0),
    };
    let state = round(vec![]).with_comparisons([keyed]);
    let plan = state.plan(&with_choices(1, 1, vec![choice(42, 43, "right", 1)]));
    assert!(plan.accepted_comparisons.is_empty());
    assert_eq!(plan.comparison_conflicts.len(), 1, "both sides changed it: a person decides");
    assert_eq!(plan.counts().conflicts, 1);
}

#[test]
fn two_different_choices_at_one_revision_refuse_the_return() {
    let state = round(vec![]);
    let plan = state.plan(&with_choices(1, 1, vec![choice(42, 43, "left", 1), choice(42, 43, "right", 1)]));
    assert!(matches!(
        plan.refused,
        Some(Refusal::ContradictoryComparisons { left_id: 42, right_id: 43, .. })
    ));
}

#[test]
fn a_return_without_choices_reads_as_before() {
    // Returns from a scores-only round carry no `comparisons` field at all.
    let json = serde_json::to_string(&score_return(1, 1, vec![score(42, "viability", 4, 1)])).unwrap();
    assert!(!json.contains("comparisons"), "{json}");
    let back: ScoreReturn = serde_json::from_str(&json).unwrap();
    assert!(back.comparisons.is_empty());
}
