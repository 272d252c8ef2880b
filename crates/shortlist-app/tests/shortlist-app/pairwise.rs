//! Pairwise rounds (issue #17) end to end between installations: the plan travels in each
//! judge's bundle, the judges choose offline, and their returns merge by the scores' rules.

use std::path::{Path, PathBuf};

use shortlist_app::{DemoOutcome, ErrorCode, Shortlist};
use shortlist_domain::{Challenge, ComparisonInput, JudgingMethod, PairChoice, PairwiseSettings, Stage};

use crate::fresh;

const PAIRWISE: PairwiseSettings =
    PairwiseSettings { method: JudgingMethod::Pairwise, pairs_per_judge: 0, per_criterion: false };

/// The demo at the secretariat with its shortlist round judged by pairs, the first `judges`
/// judges' keys enrolled from their own installations, and their bundles opened there.
fn pairwise_round(judges: usize) -> (Shortlist, Challenge, Vec<Shortlist>, tempfile::TempDir) {
    let secretariat = fresh();
    let DemoOutcome::Created { challenge, .. } = secretariat.create_demo(7, 60).expect("demo") else {
        panic!("a fresh database has no demo yet")
    };
    secretariat.set_pairwise_settings(challenge.id, Stage::Shortlist, &PAIRWISE).expect("pairwise");
    let panel = secretariat.list_judges(challenge.id).expect("judges");
    let apps: Vec<Shortlist> = panel
        .iter()
        .take(judges)
        .map(|judge| {
            let app = fresh();
            let enrolment = app.enrolment_file(&judge.name, "Judge").expect("an enrolment file");
            secretariat.enrol_judge(judge.id, &enrolment).expect("enrolled");
            app
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = secretariat.export_bundles(challenge.id, Stage::Shortlist, dir.path(), None).expect("bundles");
    assert_eq!(out.written.len(), judges);
    for (app, written) in apps.iter().zip(&out.written) {
        app.open_bundle(&std::fs::read(&written.path).expect("the bundle"), None).expect("opens");
    }
    (secretariat, challenge, apps, dir)
}

/// On a judge's installation: chooses in every planned pair the idea with the lower reference
/// (a known order to recover), then writes a return.
fn choose_all_and_return(app: &Shortlist, dir: &Path, name: &str) -> (u32, PathBuf) {
    let round = &app.judge_rounds(challenge_of(app)).expect("rounds")[0];
    let pairs = app.judge_pairs(Stage::Shortlist, round.judge).expect("pairs");
    assert!(!pairs.pairs.is_empty(), "the bundle carried the judge's pairs");
    for pair in &pairs.pairs {
        let choice =
            if pair.left.reference.0 < pair.right.reference.0 { PairChoice::Left } else { PairChoice::Right };
        app.save_comparison(
            Stage::Shortlist,
            &ComparisonInput::new(round.judge, pair.left.id, pair.right.id, choice),
        )
        .expect("a planned pair takes a choice");
    }
    let done = app.judge_pairs(Stage::Shortlist, round.judge).expect("pairs");
    assert_eq!(done.compared as usize, done.pairs.len(), "every pair now has its choice");
    let path = dir.join(name);
    let written = app.export_return(challenge_of(app), Stage::Shortlist, &path).expect("a return");
    (written.scores, path)
}

#[test]
fn the_plan_travels_in_the_bundle_and_two_returns_bring_every_choice_back_once() {
    let (secretariat, challenge, apps, dir) = pairwise_round(2);
    let plan = secretariat.pair_plan(challenge.id, Stage::Shortlist).expect("plan");
    assert!(plan.planned, "making the bundles planned the pairs");
    assert!(plan.fewest_per_idea >= 1, "every idea of the round is in some pair: {plan:?}");

    let mut sent = 0;
    let mut files = Vec::new();
    for (n, app) in apps.iter().enumerate() {
        let round = &app.judge_rounds(app.list_challenges().unwrap()[0].id).unwrap()[0];
        assert_eq!(round.method, JudgingMethod::Pairwise, "the judge's copy knows how the round is judged");
        let planned_here =
            plan.judges.iter().find(|j| j.name == round.judge_name).expect("on the plan").pairs;
        assert_eq!(round.pairs, planned_here, "the judge got exactly the pairs planned for them");
        let (count, path) = choose_all_and_return(app, dir.path(), &format!("return {n}.shortlist"));
        sent += count;
        files.push(path);
    }
    let imported = secretariat.import_returns(challenge.id, &files).expect("imported");
    for report in &imported {
        assert_eq!(report.refused, None, "{report:?}");
        assert_eq!(report.choices_accepted, report.accepted, "a pairwise-only return holds only choices");
    }
    assert_eq!(imported.iter().map(|r| r.accepted).sum::<u32>(), sent, "every choice sent arrived");
    let after = secretariat.pair_plan(challenge.id, Stage::Shortlist).expect("plan");
    assert_eq!(after.choices, sent);
    assert!(after.judges.iter().take(2).all(|j| j.compared == j.pairs), "{after:?}");

    let again = secretariat.import_returns(challenge.id, &files).expect("imported again");
    assert!(
        again.iter().all(|r| r.already_imported && r.accepted == 0),
        "a replay changes nothing: {again:?}"
    );
    assert_eq!(
        secretariat.plan_pairs(challenge.id, Stage::Shortlist).unwrap_err().code,
        ErrorCode::Refused,
        "once choices are in, the plan cannot be made again"
    );
}

#[test]
fn a_changed_choice_comes_back_as_a_new_revision() {
    let (secretariat, challenge, apps, dir) = pairwise_round(1);
    let app = &apps[0];
    let (_, first) = choose_all_and_return(app, dir.path(), "first.shortlist");
    secretariat.import_returns(challenge.id, &[first]).expect("imported");
    let round = &app.judge_rounds(app.list_challenges().unwrap()[0].id).unwrap()[0];
    let pair = app.judge_pairs(Stage::Shortlist, round.judge).unwrap().pairs.remove(0);
    let changed = app
        .save_comparison(
            Stage::Shortlist,
            &ComparisonInput::new(round.judge, pair.left.id, pair.right.id, PairChoice::CannotSeparate),
        )
        .expect("changed");
    assert_eq!(changed.revision, 2);
    let second = dir.path().join("second.shortlist");
    app.export_return(challenge_of(app), Stage::Shortlist, &second).expect("second return");
    let report = secretariat.import_returns(challenge.id, &[second]).expect("imported").remove(0);
    assert_eq!((report.accepted, report.conflicts), (1, 0), "only the changed choice is new: {report:?}");
}

fn challenge_of(app: &Shortlist) -> shortlist_domain::ChallengeId {
    app.list_challenges().unwrap()[0].id
}

#[test]
fn a_choice_must_be_for_a_planned_pair_and_a_criterion_the_round_asks_for() {
    let (_secretariat, _challenge, apps, _dir) = pairwise_round(1);
    let app = &apps[0];
    let round = &app.judge_rounds(challenge_of(app)).unwrap()[0];
    let pairs = app.judge_pairs(Stage::Shortlist, round.judge).unwrap().pairs;
    let (left, right) = (pairs[0].left.id, pairs[0].right.id);
    let swapped = app
        .save_comparison(Stage::Shortlist, &ComparisonInput::new(round.judge, right, left, PairChoice::Left))
        .unwrap_err();
    assert_eq!(swapped.code, ErrorCode::Refused, "the pair is shown the planned way round: {swapped:?}");
    let per_criterion = ComparisonInput {
        criterion: "viability".to_owned(),
        ..ComparisonInput::new(round.judge, left, right, PairChoice::Left)
    };
    let err = app.save_comparison(Stage::Shortlist, &per_criterion).unwrap_err();
    assert_eq!(err.fields[0].field, "criterion", "the round asks for an overall choice only: {err:?}");
    let none =
        ComparisonInput { choice: None, ..ComparisonInput::new(round.judge, left, right, PairChoice::Left) };
    assert_eq!(app.save_comparison(Stage::Shortlist, &none).unwrap_err().code, ErrorCode::Validation);
    assert!(
        app.judge_pairs(Stage::Shortlist, round.judge).unwrap().compared == 0,
        "nothing refused was saved"
    );
}

#[test]
fn the_pairs_are_fixed_once_a_judge_has_chosen_but_the_method_may_still_change() {
    let (secretariat, challenge, apps, dir) = pairwise_round(1);
    let (_, file) = choose_all_and_return(&apps[0], dir.path(), "r.shortlist");
    secretariat.import_returns(challenge.id, &[file]).expect("imported");
    let more = PairwiseSettings { pairs_per_judge: 30, ..PAIRWISE };
    let err = secretariat.set_pairwise_settings(challenge.id, Stage::Shortlist, &more).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "{err:?}");
    let both = PairwiseSettings { method: JudgingMethod::Both, ..PAIRWISE };
    let saved =
        secretariat.set_pairwise_settings(challenge.id, Stage::Shortlist, &both).expect("method changes");
    assert_eq!(saved.method, JudgingMethod::Both);
    assert!(secretariat.pair_plan(challenge.id, Stage::Shortlist).unwrap().planned, "the plan is kept");
}
