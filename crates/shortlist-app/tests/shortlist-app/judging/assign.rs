//! The sift's automatic assignment and suggested conflicts (issue #17 item 4). What is checked
//! is what the panel's judges are then asked to score, read back through their worklists.

use std::collections::{BTreeMap, BTreeSet};

use shortlist_app::{ErrorCode, Shortlist};
use shortlist_domain::{
    Challenge, ConflictInput, ConflictKind, IdeaId, Judge, JudgeId, JudgeInput, MoveRequest, Stage,
};

use super::{panel, score_all};
use crate::workflow::{complete_evaluation, eligible};
use crate::{idea_input, with_challenge};

/// Ideas taken to the shortlist, one per submitter's department given.
fn shortlisted_from(app: &Shortlist, c: &Challenge, departments: &[&str]) -> Vec<IdeaId> {
    let ids: Vec<IdeaId> = departments
        .iter()
        .enumerate()
        .map(|(n, department)| {
            let mut input = idea_input(&format!("Idea {n}"));
            input.department = (*department).into();
            app.create_idea(c.id, &input).expect("idea is created").id
        })
        .collect();
    for &id in &ids {
        app.screen_idea(id, &eligible()).expect("screened");
        app.save_evaluation(id, &complete_evaluation()).expect("evaluated");
    }
    for to in [Stage::Screened, Stage::Longlist, Stage::Shortlist] {
        let request =
            MoveRequest { ideas: ids.clone(), to, reason: String::new(), confirm_over_target: true };
        app.move_ideas(&request).expect("moved");
    }
    ids
}

/// A shortlist round of `ideas` ideas (all from ONS) and a panel of `judges` judges from
/// different departments, with the default rubric.
fn sift(ideas: usize, judges: usize) -> (Shortlist, Challenge, Vec<IdeaId>, Vec<Judge>) {
    let (app, c) = with_challenge();
    let ids = shortlisted_from(&app, &c, &vec!["Office for National Statistics"; ideas]);
    let panel_judges: Vec<Judge> = (0..judges)
        .map(|n| {
            let input =
                JudgeInput::new(&format!("Assessor {n}"), "Data scientist", &format!("Department {n}"));
            app.add_judge(c.id, &input).expect("judge is added")
        })
        .collect();
    panel(&app, &c, Stage::Shortlist, &panel_judges.iter().collect::<Vec<_>>());
    app.set_round_rubric_template(
        c.id,
        Stage::Shortlist,
        shortlist_app::RubricTemplate::ChallengeDefault,
        false,
    )
    .expect("rubric is set");
    (app, c, ids, panel_judges)
}

/// Who is asked to score each idea, as the judges' worklists say (conflicted judges left out).
fn who_scores(app: &Shortlist, judges: &[Judge]) -> BTreeMap<IdeaId, BTreeSet<JudgeId>> {
    let mut out: BTreeMap<IdeaId, BTreeSet<JudgeId>> = BTreeMap::new();
    for j in judges {
        for item in app.judge_worklist(Stage::Shortlist, j.id).expect("worklist").items {
            let entry = out.entry(item.idea.id).or_default();
            if item.assigned && item.conflict.is_none() {
                entry.insert(j.id);
            }
        }
    }
    out
}

fn loads(by_idea: &BTreeMap<IdeaId, BTreeSet<JudgeId>>, judges: &[Judge]) -> Vec<usize> {
    judges.iter().map(|j| by_idea.values().filter(|chosen| chosen.contains(&j.id)).count()).collect()
}

#[test]
fn every_idea_gets_k_judges_and_every_judge_the_same_load_to_within_one() {
    let (app, c, ideas, judges) = sift(11, 4);
    let applied = app.apply_automatic_assignment(c.id, Stage::Shortlist, 3, None).expect("applied");
    assert!(applied.problems.is_empty(), "11 ideas × 3 over 4 judges is possible: {:?}", applied.problems);

    let by_idea = who_scores(&app, &judges);
    assert_eq!(by_idea.len(), ideas.len());
    assert!(by_idea.values().all(|chosen| chosen.len() == 3), "each idea has exactly k judges: {by_idea:?}");
    let loads = loads(&by_idea, &judges);
    let (most, least) = (loads.iter().max().unwrap(), loads.iter().min().unwrap());
    assert!(most - least <= 1, "33 assessments over 4 judges are 8 or 9 each: {loads:?}");
    assert_eq!(applied.spread as usize, most - least, "the view reports the spread it stored");
    let shown: Vec<usize> = applied.loads.iter().map(|l| l.ideas as usize).collect();
    assert_eq!(shown, loads, "the loads shown are the loads stored, in the panel's order");
}

#[test]
fn a_declared_conflict_keeps_the_judge_off_the_idea() {
    let (app, c, ideas, judges) = sift(8, 4);
    let conflict = ConflictInput { kind: Some(ConflictKind::LineManagement), note: String::new() };
    for &idea in &ideas[..3] {
        app.declare_conflict(Stage::Shortlist, judges[0].id, idea, &conflict).expect("declared");
    }
    app.apply_automatic_assignment(c.id, Stage::Shortlist, 2, Some(11)).expect("applied");
    let by_idea = who_scores(&app, &judges);
    for idea in &ideas[..3] {
        assert!(!by_idea[idea].contains(&judges[0].id), "a conflicted judge is never given the idea");
        assert_eq!(by_idea[idea].len(), 2, "it still has k judges without a conflict");
    }
    let loads = loads(&by_idea, &judges);
    assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1, "still balanced: {loads:?}");
}

#[test]
fn a_persons_choice_is_kept_when_the_share_out_is_applied_again() {
    let (app, c, ideas, judges) = sift(8, 4);
    app.assign_judges(c.id, Stage::Shortlist, ideas[0], &[judges[3].id]).expect("chosen by hand");

    let first = app.apply_automatic_assignment(c.id, Stage::Shortlist, 2, Some(1)).expect("applied");
    assert_eq!(first.manual_kept, 1);
    assert!(who_scores(&app, &judges)[&ideas[0]].contains(&judges[3].id), "the hand-chosen judge is kept");

    // A different seed moves the share-out's own assignments, never the person's, and replaces
    // rather than adds to the first share-out.
    for seed in [2, 3, 4] {
        let again = app.apply_automatic_assignment(c.id, Stage::Shortlist, 2, Some(seed)).expect("applied");
        assert_eq!(again.manual_kept, 1);
        let by_idea = who_scores(&app, &judges);
        assert!(
            by_idea[&ideas[0]].contains(&judges[3].id),
            "seed {seed}: the hand-chosen judge is still kept"
        );
        assert!(by_idea.values().all(|chosen| chosen.len() == 2), "seed {seed}: still k each: {by_idea:?}");
        let idea0 = &again.ideas.iter().find(|i| i.idea.id == ideas[0]).expect("shown").kept;
        assert_eq!(idea0, &[judges[3].id], "the view marks the kept judge");
    }
}

#[test]
fn the_same_seed_gives_the_same_share_out() {
    let (app, c, _, judges) = sift(12, 5);
    let a = app.preview_automatic_assignment(c.id, Stage::Shortlist, 3, Some(42)).expect("preview");
    let b = app.preview_automatic_assignment(c.id, Stage::Shortlist, 3, Some(42)).expect("preview");
    assert_eq!(a, b, "previewing twice with one seed gives one answer");

    // With no seed, the round's own: a preview and then an apply agree, and a later preview
    // agrees with what was applied.
    let previewed = app.preview_automatic_assignment(c.id, Stage::Shortlist, 3, None).expect("preview");
    let applied = app.apply_automatic_assignment(c.id, Stage::Shortlist, 3, None).expect("apply");
    assert_eq!(previewed, applied, "what was previewed is what is applied");
    let settings = app.assignment_settings(c.id, Stage::Shortlist).expect("read").expect("kept");
    assert_eq!((settings.per_idea, settings.seed), (3, applied.seed), "the round keeps its k and seed");
    let later = app.preview_automatic_assignment(c.id, Stage::Shortlist, 3, None).expect("preview");
    assert_eq!(later.ideas, applied.ideas);

    let stored = who_scores(&app, &judges);
    let shown: BTreeMap<IdeaId, BTreeSet<JudgeId>> =
        applied.ideas.iter().map(|i| (i.idea.id, i.judges.iter().copied().collect())).collect();
    assert_eq!(stored, shown, "the share-out shown is the one stored");
}

#[test]
fn a_judge_who_has_scored_an_idea_is_never_taken_off_it() {
    let (app, c, ideas, judges) = sift(6, 3);
    // Before any share-out the whole panel scores every idea.
    score_all(&app, &judges[2], ideas[0], 3);
    for seed in 0..6 {
        let applied = app.apply_automatic_assignment(c.id, Stage::Shortlist, 1, Some(seed)).expect("applied");
        assert_eq!(
            applied.scored_kept, 1,
            "seed {seed}: the scored pair is kept, counted apart from manual ones"
        );
        assert_eq!(
            who_scores(&app, &judges)[&ideas[0]],
            BTreeSet::from([judges[2].id]),
            "seed {seed}: the judge who scored it stays its one judge"
        );
    }
}

#[test]
fn an_impossible_share_out_is_refused_saying_what_to_change_and_nothing_changes() {
    let (app, c, ideas, judges) = sift(4, 3);
    let preview = app.preview_automatic_assignment(c.id, Stage::Shortlist, 4, None).expect("preview");
    assert_eq!(
        preview.problems,
        ["Each idea needs 4 assessors but there are only 3. Add assessors or lower the number per idea."]
    );
    assert!(preview.ideas.is_empty() && preview.loads.is_empty(), "no share-out is shown");

    let before = who_scores(&app, &judges);
    let err = app.apply_automatic_assignment(c.id, Stage::Shortlist, 4, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused);
    assert_eq!(err.message, preview.problems[0]);
    assert_eq!(who_scores(&app, &judges), before, "a refused share-out changes nothing");
    assert_eq!(app.assignment_settings(c.id, Stage::Shortlist).unwrap(), None, "nor the round's settings");

    // A conflict leaves an idea short: the problem names it by reference.
    let conflict = ConflictInput { kind: Some(ConflictKind::SameTeam), note: String::new() };
    app.declare_conflict(Stage::Shortlist, judges[1].id, ideas[2], &conflict).expect("declared");
    let err = app.apply_automatic_assignment(c.id, Stage::Shortlist, 3, None).unwrap_err();
    assert_eq!(
        err.message,
        "Idea DC21-0003 needs 3 assessors but only 2 have no conflict of interest with it. Add assessors, \
         or lower the number per idea."
    );

    let err = app.preview_automatic_assignment(c.id, Stage::Shortlist, 0, None).unwrap_err();
    assert_eq!((err.code, err.fields[0].field.as_str()), (ErrorCode::Validation, "perIdea"));
}

#[test]
fn conflicts_are_suggested_where_a_judge_and_a_submitter_share_a_department_and_a_person_decides() {
    let (app, c) = with_challenge();
    let ideas =
        shortlisted_from(&app, &c, &["HM Revenue and Customs", "Cabinet Office", "HM Revenue & Customs"]);
    let hmrc =
        app.add_judge(c.id, &JudgeInput::new("Amara Osei", "Director", "HM Revenue & Customs")).unwrap();
    let dwp = app.add_judge(c.id, &JudgeInput::new("Bryn Llewelyn", "Director", "DWP")).unwrap();
    let off_panel = app.add_judge(c.id, &JudgeInput::new("Cat Reid", "Director", "Cabinet Office")).unwrap();
    panel(&app, &c, Stage::Shortlist, &[&hmrc, &dwp]);

    let pairs = |app: &Shortlist| -> Vec<(JudgeId, IdeaId)> {
        app.conflict_suggestions(c.id, Stage::Shortlist)
            .expect("suggestions")
            .iter()
            .map(|s| (s.judge.id, s.idea.id))
            .collect()
    };
    let suggested = app.conflict_suggestions(c.id, Stage::Shortlist).unwrap();
    assert_eq!(
        pairs(&app),
        [(hmrc.id, ideas[0]), (hmrc.id, ideas[2])],
        "the HMRC judge and both HMRC submitters, however the name is written; not the judge off the panel"
    );
    assert_eq!(suggested[0].shared, ["HM Revenue & Customs"]);
    assert!(!pairs(&app).iter().any(|(j, _)| *j == off_panel.id));

    let declared =
        app.confirm_conflict_suggestion(c.id, Stage::Shortlist, hmrc.id, ideas[0]).expect("confirmed");
    assert_eq!(declared.kind, ConflictKind::Other);
    assert_eq!(declared.note, "Same department or agency as the submitter: HM Revenue & Customs");
    app.dismiss_conflict_suggestion(c.id, Stage::Shortlist, hmrc.id, ideas[2]).expect("dismissed");
    assert!(pairs(&app).is_empty(), "neither a confirmed nor a dismissed suggestion comes back");

    let err = app.dismiss_conflict_suggestion(c.id, Stage::Shortlist, hmrc.id, ideas[2]).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "a suggestion is decided once");
    let err = app.confirm_conflict_suggestion(c.id, Stage::Shortlist, dwp.id, ideas[1]).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "only a suggested pair can be confirmed");

    // The confirmed conflict is respected by the share-out; the dismissed one is not a conflict.
    app.apply_automatic_assignment(c.id, Stage::Shortlist, 1, None).expect("applied");
    let by_idea = who_scores(&app, &[hmrc.clone(), dwp.clone()]);
    assert_eq!(by_idea[&ideas[0]], BTreeSet::from([dwp.id]));
}
