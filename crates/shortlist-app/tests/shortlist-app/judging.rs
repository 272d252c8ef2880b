//! The judging panel: judges, panels, rubrics and their versions, conflicts, scoring, results,
//! exports and the meeting. Expectations are worked by hand in the comments.

mod assign;

use shortlist_app::{ErrorCode, ExportFormat, RubricTemplate, Shortlist};
use shortlist_domain::{
    Challenge, ConflictInput, ConflictKind, DecisionInput, DecisionKind, IdeaId, Judge, JudgeId, JudgeInput,
    MoveRequest, PanelSettings, ScoreInput, ScoreStatus, Stage,
};
use shortlist_scoring::{DiscussionReason, NormalisationStatus, RankBy};

use crate::workflow::{complete_evaluation, eligible};
use crate::{idea_input, with_challenge};

/// Reliability, intervals, the cut and pairwise results (issue #17).
mod results;

/// The challenge default's criteria, all weighted 1, on a 1 to 5 scale.
const CRITERIA: [&str; 5] = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];

/// `titles.len()` ideas taken to the shortlist by the rules, in reference order.
fn shortlisted(app: &Shortlist, c: &Challenge, titles: &[&str]) -> Vec<IdeaId> {
    let ids: Vec<IdeaId> =
        titles.iter().map(|t| app.create_idea(c.id, &idea_input(t)).expect("idea is created").id).collect();
    for &id in &ids {
        app.screen_idea(id, &eligible()).expect("screened");
        app.save_evaluation(id, &complete_evaluation()).expect("evaluated");
    }
    for to in [Stage::Screened, Stage::Longlist, Stage::Shortlist] {
        app.move_ideas(&MoveRequest {
            ideas: ids.clone(),
            to,
            reason: String::new(),
            confirm_over_target: true,
        })
        .expect("moved");
    }
    ids
}

fn judge(app: &Shortlist, c: &Challenge, name: &str, role: &str) -> Judge {
    app.add_judge(c.id, &JudgeInput::new(name, role, "HM Government")).expect("judge is added")
}

fn panel(app: &Shortlist, c: &Challenge, stage: Stage, judges: &[&Judge]) {
    let settings =
        PanelSettings { judges: judges.iter().map(|j| j.id).collect(), comment_required_for_extremes: true };
    app.set_round_panel(c.id, stage, &settings).expect("panel is set");
}

/// Every criterion of `idea` scored `value` by `judge`, with a comment, and submitted.
fn score_all(app: &Shortlist, judge: &Judge, idea: IdeaId, value: i32) {
    let inputs: Vec<ScoreInput> =
        CRITERIA.iter().map(|c| ScoreInput::new(judge.id, idea, c, value, "Seen in the pack")).collect();
    app.save_scores(Stage::Shortlist, &inputs).expect("scores are saved");
    app.submit_scores(Stage::Shortlist, judge.id, idea).expect("scores are submitted");
}

/// A shortlist round with the default rubric and three judges.
struct Fixture {
    app: Shortlist,
    c: Challenge,
    ideas: Vec<IdeaId>,
    a: Judge,
    b: Judge,
    chair: Judge,
}

fn round(titles: &[&str]) -> Fixture {
    let (app, c) = with_challenge();
    let ideas = shortlisted(&app, &c, titles);
    let a = judge(&app, &c, "Amara Osei", "Permanent Secretary");
    let b = judge(&app, &c, "Bryn Llewelyn", "Director General of Data");
    let chair = judge(&app, &c, "Catriona Reid", "Government Chief Data Officer");
    panel(&app, &c, Stage::Shortlist, &[&a, &b, &chair]);
    app.set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::ChallengeDefault, false)
        .expect("rubric is set");
    Fixture { app, c, ideas, a, b, chair }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn judges_are_added_edited_and_listed_and_bad_input_changes_nothing() {
    let (app, c) = with_challenge();
    let err = app.add_judge(c.id, &JudgeInput::new("", "Permanent Secretary", "")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "organisation"], "each missing field is named for the error summary");
    assert!(app.list_judges(c.id).unwrap().is_empty(), "a refused judge is not added");

    let j = judge(&app, &c, "Amara Osei", "Permanent Secretary");
    let edited = app
        .edit_judge(j.id, &JudgeInput::new("Amara Osei", "Non-executive director", "Cabinet Office"))
        .unwrap();
    assert_eq!(
        (edited.role.as_str(), edited.organisation.as_str()),
        ("Non-executive director", "Cabinet Office")
    );
    assert_eq!(app.list_judges(c.id).unwrap(), vec![edited]);
    assert_eq!(
        app.edit_judge(JudgeId(999), &JudgeInput::new("X", "Y", "Z")).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn a_panel_sits_only_at_a_panel_round_with_the_challenges_own_judges() {
    let (app, c) = with_challenge();
    let other = app.create_challenge(&crate::challenge_input("DC22")).unwrap();
    let mine = judge(&app, &c, "Amara Osei", "Permanent Secretary");
    let theirs = judge(&app, &other, "Dev Patel", "Chief Data Officer");

    let settings = |judges: Vec<JudgeId>| PanelSettings { judges, comment_required_for_extremes: true };
    let err = app.set_round_panel(c.id, Stage::Longlist, &settings(vec![mine.id])).unwrap_err();
    assert_eq!(
        err.message,
        "Judges score ideas at the Shortlist, Semi-final and Final rounds, not at Longlist"
    );
    let err = app.set_round_panel(c.id, Stage::Shortlist, &settings(vec![mine.id, theirs.id])).unwrap_err();
    assert_eq!(err.message, "Dev Patel is a judge of another challenge");
    let err = app.set_round_panel(c.id, Stage::Shortlist, &settings(vec![])).unwrap_err();
    assert_eq!(err.message, "Choose at least one judge for the panel");
    assert!(app.round_panel(c.id, Stage::Shortlist).unwrap().judges.is_empty(), "refusals change nothing");

    let saved = app.set_round_panel(c.id, Stage::Shortlist, &settings(vec![mine.id])).unwrap();
    assert_eq!(saved.judges, vec![mine]);
    assert!(saved.comment_required_for_extremes);
    assert!(saved.rubric.is_none() && saved.scoring_started_at.is_none());
}

#[test]
fn a_rubric_is_edited_in_place_until_scoring_starts_then_versioned_and_scores_keep_theirs() {
    let f = round(&["Find pensioners missing out on Pension Credit"]);
    let (app, c, idea) = (&f.app, &f.c, f.ideas[0]);

    // Before any score: edits change version 1 in place.
    let saved =
        app.set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::InnovateUk, false).unwrap();
    assert_eq!((saved.current.version, saved.new_version), (1, false));
    assert_eq!(saved.current.rubric.scale.max, 10);
    let saved = app
        .set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::ChallengeDefault, false)
        .unwrap();
    assert_eq!(saved.current.version, 1);

    // An invalid draft lists every problem and changes nothing.
    let mut draft = saved.current.rubric.clone();
    draft.name = " ".into();
    draft.criteria[0].weight = 0.0;
    let err = app.set_round_rubric(c.id, Stage::Shortlist, &draft, true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "criteria.0.weight"]);
    assert_eq!(app.round_panel(c.id, Stage::Shortlist).unwrap().rubric.unwrap().rubric, saved.current.rubric);

    score_all(app, &f.a, idea, 4);
    assert!(app.round_panel(c.id, Stage::Shortlist).unwrap().scoring_started_at.is_some());

    // Setting the same rubric again is not a change.
    let same = app.set_round_rubric(c.id, Stage::Shortlist, &saved.current.rubric, false).unwrap();
    assert_eq!((same.current.version, same.new_version), (1, false));

    // A real change now asks first, and makes version 2 once confirmed.
    let mut reweighted = saved.current.rubric.clone();
    reweighted.criteria[0].weight = 2.0;
    let err = app.set_round_rubric(c.id, Stage::Shortlist, &reweighted, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NeedsConfirmation);
    assert!(err.message.contains("makes version 2"), "{}", err.message);
    assert_eq!(app.rubric_versions(c.id, Stage::Shortlist).unwrap().len(), 1, "asking changes nothing");
    let v2 = app.set_round_rubric(c.id, Stage::Shortlist, &reweighted, true).unwrap();
    assert_eq!((v2.current.version, v2.new_version), (2, true));

    let versions = app.rubric_versions(c.id, Stage::Shortlist).unwrap();
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(versions[0].rubric.criteria[0].weight, 1.0, "version 1 is kept as it was");

    // The scores stay with version 1: they no longer count, and the results say so.
    assert!(app.judge_scores(Stage::Shortlist, f.a.id, idea).unwrap().is_empty());
    let results = app.round_results(c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    assert_eq!(results.rubric.version, 2);
    assert_eq!(results.earlier_version_scores, 5);
    assert_eq!(results.rows[0].judges_counted, 0);
}

#[test]
fn scoring_is_refused_where_the_rules_say_and_a_refusal_saves_nothing() {
    let (app, c) = with_challenge();
    let ideas = shortlisted(&app, &c, &["Predict flooding from river gauges", "Match school meals data"]);
    let (a, b) =
        (judge(&app, &c, "Amara Osei", "Permanent Secretary"), judge(&app, &c, "Bryn Llewelyn", "DG"));
    let outsider = judge(&app, &c, "Olu Adeyemi", "Non-executive director");
    panel(&app, &c, Stage::Shortlist, &[&a, &b]);
    let score = |j: &Judge, idea: IdeaId, criterion: &str, value: i32| {
        app.save_score(Stage::Shortlist, &ScoreInput::new(j.id, idea, criterion, value, ""))
    };

    let err = score(&a, ideas[0], "viability", 3).unwrap_err();
    assert_eq!(
        err.message,
        "The Shortlist round has no rubric yet. Set one first, for example from a template"
    );
    app.set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::ChallengeDefault, false).unwrap();

    let err = score(&outsider, ideas[0], "viability", 3).unwrap_err();
    assert_eq!(err.message, "Olu Adeyemi is not on the Shortlist panel. Add them to the panel first");
    let err = score(&a, ideas[0], "viability", 6).unwrap_err();
    assert_eq!((err.code, err.fields[0].field.as_str()), (ErrorCode::Validation, "score"));
    assert_eq!(err.message, "The score for Viability must be a whole number from 1 to 5 (it is 6)");
    let err = score(&a, ideas[0], "charm", 3).unwrap_err();
    assert!(err.message.starts_with("The rubric has no criterion \"charm\""), "{}", err.message);

    // A conflict keeps the judge out of the idea.
    let team = ConflictInput { kind: Some(ConflictKind::SameTeam), note: String::new() };
    app.declare_conflict(Stage::Shortlist, a.id, ideas[0], &team).unwrap();
    let err = score(&a, ideas[0], "viability", 3).unwrap_err();
    assert_eq!(
        err.message,
        "Amara Osei has declared a conflict of interest with DC21-0001 (same team), so cannot score it"
    );
    let err = app.declare_conflict(Stage::Shortlist, a.id, ideas[0], &team).unwrap_err();
    assert!(err.message.starts_with("Amara Osei has already declared a conflict"), "{}", err.message);

    // Choosing judges for an idea leaves the others out of it.
    app.assign_judges(c.id, Stage::Shortlist, ideas[1], &[b.id]).unwrap();
    let err = score(&a, ideas[1], "viability", 3).unwrap_err();
    assert_eq!(err.message, "Amara Osei is not assigned to DC21-0002. Assign them to it first");
    let err = app.assign_judges(c.id, Stage::Shortlist, ideas[1], &[outsider.id]).unwrap_err();
    assert!(err.message.starts_with("Olu Adeyemi is not on the Shortlist panel"));

    assert!(
        app.round_panel(c.id, Stage::Shortlist).unwrap().scoring_started_at.is_none(),
        "every score so far was refused, so scoring has not started"
    );

    // Once a judge has scored an idea, they stay assigned to it.
    score(&b, ideas[1], "viability", 3).expect("Bryn is assigned");
    let err = app.assign_judges(c.id, Stage::Shortlist, ideas[1], &[a.id]).unwrap_err();
    assert_eq!(err.message, "Bryn Llewelyn has scored DC21-0002, so stays assigned to it");

    // An idea elsewhere is not in the round.
    let elsewhere = app.create_idea(c.id, &idea_input("Open up bus timetables")).unwrap().id;
    let err = score(&b, elsewhere, "viability", 3).unwrap_err();
    assert_eq!(err.message, "DC21-0003 is not in the Shortlist round (it is at Submitted)");

    // A batch with one bad score saves none of it.
    let batch = [
        ScoreInput::new(b.id, ideas[1], "viability", 3, ""),
        ScoreInput::new(b.id, ideas[1], "benefits", 0, ""),
    ];
    assert!(app.save_scores(Stage::Shortlist, &batch).is_err());
    assert_eq!(app.judge_scores(Stage::Shortlist, b.id, ideas[1]).unwrap().len(), 1, "all or nothing");

    // Withdrawing the conflict lets the judge score; it stays on the record, withdrawn.
    let conflict = app.round_conflicts(c.id, Stage::Shortlist).unwrap().remove(0);
    let withdrawn = app.withdraw_conflict(conflict.id).unwrap();
    assert!(withdrawn.withdrawn_at.is_some());
    assert!(app
        .withdraw_conflict(conflict.id)
        .unwrap_err()
        .message
        .starts_with("That conflict of interest was already withdrawn"));
    score(&a, ideas[0], "viability", 3).unwrap();
    assert_eq!(app.round_conflicts(c.id, Stage::Shortlist).unwrap(), vec![withdrawn]);
}

#[test]
fn a_conflict_of_kind_other_needs_a_note() {
    let f = round(&["Find pensioners missing out on Pension Credit"]);
    let other = ConflictInput { kind: Some(ConflictKind::Other), note: String::new() };
    let err = f.app.declare_conflict(Stage::Shortlist, f.a.id, f.ideas[0], &other).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.message, "Describe the conflict of interest: it is of the kind Other");
    assert!(f.app.round_conflicts(f.c.id, Stage::Shortlist).unwrap().is_empty());
}

#[test]
fn submitting_needs_every_criterion_and_comments_on_extreme_scores_and_then_locks() {
    let f = round(&["Find pensioners missing out on Pension Credit"]);
    let (app, a, idea) = (&f.app, &f.a, f.ideas[0]);
    let save = |criterion: &str, value: i32, comment: &str| {
        app.save_score(Stage::Shortlist, &ScoreInput::new(a.id, idea, criterion, value, comment))
    };
    for c in &CRITERIA[..3] {
        save(c, 3, "").unwrap();
    }
    let err = app.submit_scores(Stage::Shortlist, a.id, idea).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused);
    assert_eq!(
        err.message,
        "Amara Osei has not scored every criterion for DC21-0001, so nothing was submitted. \
         Still to score: Scale of impact, Innovation"
    );
    assert_eq!(
        err.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
        ["scale_of_impact", "innovation"]
    );

    // 5 and 1 are the extreme bands of the default rubric ("Excellent", "Poor").
    save("scale_of_impact", 5, "").unwrap();
    save("innovation", 1, "  ").unwrap();
    let err = app.submit_scores(Stage::Shortlist, a.id, idea).unwrap_err();
    assert!(
        err.message.ends_with("Add a comment to: Scale of impact (5, Excellent), Innovation (1, Poor)"),
        "{}",
        err.message
    );
    assert!(
        app.judge_scores(Stage::Shortlist, a.id, idea)
            .unwrap()
            .iter()
            .all(|s| s.status == ScoreStatus::Draft),
        "a refused submission leaves every score a draft"
    );

    save("scale_of_impact", 5, "Every benefit claimant").unwrap();
    let first = app.judge_scores(Stage::Shortlist, a.id, idea).unwrap();
    let innovation = first.iter().find(|s| s.criterion == "innovation").unwrap();
    assert_eq!(innovation.revision, 1);
    save("innovation", 1, "Done before, in 2019").unwrap();
    save("innovation", 1, "Done before, in 2019").unwrap();
    let scores = app.submit_scores(Stage::Shortlist, a.id, idea).unwrap();
    let innovation = scores.iter().find(|s| s.criterion == "innovation").unwrap();
    assert_eq!(
        innovation.revision, 3,
        "1 when saved, 2 for the comment (the unchanged save is not a revision), 3 on submission"
    );
    assert!(scores.iter().all(|s| s.status == ScoreStatus::Submitted && s.judge == a.id));
    assert!(scores.iter().all(|s| s.updated_by == "Test user"), "who typed it is recorded");

    let err = save("viability", 4, "").unwrap_err();
    assert!(
        err.message.starts_with("Amara Osei submitted their scores for DC21-0001 on 1 May 2021"),
        "{}",
        err.message
    );
    app.reopen_scores(Stage::Shortlist, a.id, idea).unwrap();
    save("viability", 4, "").unwrap();
    assert!(app
        .reopen_scores(Stage::Shortlist, a.id, idea)
        .unwrap_err()
        .message
        .starts_with("Amara Osei has no submitted scores"));

    let only_bryn = PanelSettings { judges: vec![f.b.id], comment_required_for_extremes: true };
    let err = app.set_round_panel(f.c.id, Stage::Shortlist, &only_bryn).unwrap_err();
    assert_eq!(err.message, "Amara Osei has given 5 scores in the Shortlist round, so stays on its panel");
}

#[test]
fn the_comment_rule_is_a_setting_of_the_round() {
    let f = round(&["Find pensioners missing out on Pension Credit"]);
    let settings = PanelSettings { judges: vec![f.a.id], comment_required_for_extremes: false };
    f.app.set_round_panel(f.c.id, Stage::Shortlist, &settings).unwrap();
    let inputs: Vec<ScoreInput> =
        CRITERIA.iter().map(|c| ScoreInput::new(f.a.id, f.ideas[0], c, 5, "")).collect();
    f.app.save_scores(Stage::Shortlist, &inputs).unwrap();
    f.app
        .submit_scores(Stage::Shortlist, f.a.id, f.ideas[0])
        .expect("no comments needed with the setting off");
}

/// Three judges, four ideas. Every criterion of an idea gets the same score from a judge, so
/// each total is that score:
///
/// | idea | Amara | Bryn | Catriona | mean | median | range | sd |
/// |------|-------|------|----------|------|--------|-------|----|
/// | 1    | 5     | 4    | 5        | 14/3 | 5      | 1     | sqrt(2/9) |
/// | 2    | 3     | 4    | 2        | 3    | 3      | 2     | sqrt(2/3) |
/// | 3    | 1     | 1    | conflict | 1    | 1      | 0     | 0  |
/// | 4    | draft only            ||| —    |        |       |    |
///
/// Idea 2's range of 2 is at least 40% of the 1–5 scale's width of 4 (1.6): disagreement.
/// Severity (judge's mean minus the panel means of the same ideas): Amara 3 - 26/9 = 1/9,
/// Bryn likewise 1/9, Catriona 3.5 - (14/3 + 3)/2 = -1/3.
/// Normalisation needs 3 totals: Amara and Bryn only. Pooled mean 18/6 = 3; pooled sd
/// sqrt((8 + 6) / 6); Amara's sd sqrt(8/3), so her idea 1 becomes 3 + 2/sqrt(8/3)*sqrt(14/6).
fn scored_round() -> Fixture {
    let f = round(&[
        "-20% paperwork for carers",
        "Match school meals data",
        "Predict flooding from river gauges",
        "Open up bus timetables",
    ]);
    let (app, i) = (&f.app, &f.ideas);
    let interest = ConflictInput { kind: Some(ConflictKind::FinancialInterest), note: "Shares".into() };
    app.declare_conflict(Stage::Shortlist, f.chair.id, i[2], &interest).expect("conflict is declared");
    for (judge, values) in [(&f.a, [5, 3, 1]), (&f.b, [4, 4, 1])] {
        for (idea, value) in i.iter().zip(values) {
            score_all(app, judge, *idea, value);
        }
    }
    score_all(app, &f.chair, i[0], 5);
    score_all(app, &f.chair, i[1], 2);
    app.save_score(Stage::Shortlist, &ScoreInput::new(f.a.id, i[3], "viability", 2, ""))
        .expect("draft is saved");
    f
}

#[test]
fn results_put_raw_beside_normalised_with_ranks_spread_severity_and_recusals() {
    let f = scored_round();
    let r = f.app.round_results(f.c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    let order: Vec<(&str, Option<&str>)> =
        r.rows.iter().map(|row| (row.idea.reference.0.as_str(), row.rank.as_deref())).collect();
    assert_eq!(
        order,
        [("DC21-0001", Some("1")), ("DC21-0002", Some("2")), ("DC21-0003", Some("3")), ("DC21-0004", None)],
        "ranked by raw mean; an idea with only a draft is unranked, last"
    );
    let (one, two, three) = (&r.rows[0], &r.rows[1], &r.rows[2]);
    assert!(close(one.mean.unwrap(), 14.0 / 3.0) && close(one.median.unwrap(), 5.0));
    assert!(close(one.sd.unwrap(), (2.0f64 / 9.0).sqrt()) && close(one.range.unwrap(), 1.0));
    assert!(!one.disagreement);
    assert!(close(two.mean.unwrap(), 3.0) && close(two.range.unwrap(), 2.0) && two.disagreement);
    assert_eq!(three.judges_counted, 2, "the conflicted judge is left out, not counted as a zero");
    assert!(close(three.mean.unwrap(), 1.0));
    assert!(three.judges[2].recused && three.judges[2].total.is_none());
    assert_eq!(r.draft_scores, 1, "the draft is reported, not counted");

    let amara_one = one.judges[0].normalised.unwrap();
    let expected = 3.0 + 2.0 / (8.0f64 / 3.0).sqrt() * (14.0f64 / 6.0).sqrt();
    assert!(close(amara_one, expected), "{amara_one} vs {expected}");
    assert_eq!(one.judges[0].total, Some(5.0), "raw beside normalised");
    assert!(one.judges[2].normalised.is_none(), "Catriona has two totals, too few to normalise");
    let chair = r.results.judges.iter().find(|j| j.judge.0 == f.chair.id.0).unwrap();
    assert_eq!(chair.normalisation, Some(NormalisationStatus::TooFewTotals { counted: 2, needed: 3 }));

    let severity =
        |j: &Judge| r.results.judges.iter().find(|x| x.judge.0 == j.id.0).unwrap().severity.unwrap();
    assert!(close(severity(&f.a), 1.0 / 9.0) && close(severity(&f.b), 1.0 / 9.0));
    assert!(close(severity(&f.chair), -1.0 / 3.0), "Catriona is the severe one");

    assert_eq!(r.conflicts.len(), 1, "the round's record lists the conflict");
    assert_eq!((r.conflicts[0].judge, r.conflicts[0].kind), (f.chair.id, ConflictKind::FinancialInterest));
    assert!(r.results.rejected.is_empty());
}

#[test]
fn results_export_to_csv_and_xlsx_whole_and_neutralised() {
    let f = scored_round();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("results.csv");
    let summary = f
        .app
        .export_results(f.c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Csv, &csv)
        .unwrap();
    assert_eq!(summary.ideas, 4);
    let text = std::fs::read_to_string(&csv).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Rank,Reference,Title,Mean (raw),Mean (normalised),Median (raw),Judges counted,Spread (sd),Range,\
         Disagreement,Score 95% interval (low),Score 95% interval (high),Rank 95% interval,Amara Osei (raw),Amara Osei (normalised),Bryn Llewelyn (raw),Bryn Llewelyn (normalised),\
         Catriona Reid (raw),Catriona Reid (normalised)"
    );
    assert!(
        lines[1].starts_with("1,DC21-0001,'-20% paperwork for carers,4.67,"),
        "a title a spreadsheet would run is neutralised: {}",
        lines[1]
    );
    assert!(lines[1].ends_with(",5.00,4.87,4.00,4.08,5.00,"), "each judge raw then normalised: {}", lines[1]);
    assert!(lines[3].contains(",Conflict,Conflict"), "{}", lines[3]);

    let xlsx = dir.path().join("results.xlsx");
    f.app
        .export_results(f.c.id, Stage::Shortlist, RankBy::NormalisedMean, None, ExportFormat::Xlsx, &xlsx)
        .unwrap();
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "an XLSX is a zip");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no partial files are left behind: {names:?}");
}

#[test]
fn the_meeting_discusses_disagreement_then_the_borderline_and_records_decisions() {
    let f = scored_round();
    let (app, c, i) = (&f.app, &f.c, &f.ideas);
    // The next round (semi-final) takes 4, so with a margin of 2 ranks 3 to 6 are borderline.
    let list = app.discussion_list(c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    let order: Vec<(&str, DiscussionReason)> =
        list.iter().map(|d| (d.idea.reference.0.as_str(), d.item.reason)).collect();
    assert_eq!(
        order,
        [
            ("DC21-0002", DiscussionReason::Disagreement),
            ("DC21-0003", DiscussionReason::Borderline),
            ("DC21-0001", DiscussionReason::Other),
            ("DC21-0004", DiscussionReason::Other),
        ]
    );

    let interest = ConflictInput { kind: Some(ConflictKind::PersonalRelationship), note: String::new() };
    let declared = app.declare_interest_at_meeting(Stage::Shortlist, f.b.id, i[1], &interest).unwrap();
    assert!(declared.declared_at_meeting);
    assert_eq!(app.round_conflicts(c.id, Stage::Shortlist).unwrap().len(), 2);

    let decide = DecisionInput {
        kind: Some(DecisionKind::Progress),
        reasons: "Clear benefits, data in hand".into(),
        day: "9".into(),
        month: "6".into(),
        year: "2021".into(),
        confirm_over_target: false,
    };
    app.record_round_decision(c.id, Stage::Shortlist, i[0], &decide).unwrap();
    assert_eq!(app.get_idea(i[0]).unwrap().stage, Stage::SemiFinal);
    let err = app.record_round_decision(c.id, Stage::Shortlist, i[0], &decide).unwrap_err();
    assert_eq!(
        err.message,
        "DC21-0001 has moved on from the Shortlist round (it is at Semi-final), so its decision there is already made"
    );

    let list = app.discussion_list(c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    let one = list.iter().find(|d| d.idea.id == i[0]).unwrap();
    assert_eq!(one.decision.as_ref().map(|d| d.kind), Some(DecisionKind::Progress));
    assert_eq!(one.idea.stage, Stage::SemiFinal, "the round keeps the ideas it scored after they move on");

    // At the semi-final, a judge sees their own shortlist scores for the idea.
    panel(app, c, Stage::SemiFinal, &[&f.a]);
    let previous = app.previous_round_scores(Stage::SemiFinal, f.a.id, i[0]).unwrap().unwrap();
    assert_eq!(previous.stage, Stage::Shortlist);
    assert_eq!(previous.scores.len(), 5);
    assert!(previous.scores.iter().all(|s| s.score == 5 && s.judge == f.a.id));
    assert!(app.previous_round_scores(Stage::Shortlist, f.a.id, i[0]).unwrap().is_none(), "no round before");
}

#[test]
fn a_judges_worklist_shows_progress_and_declared_interests() {
    let f = round(&["Tax gap analytics", "Flood alerts for care homes"]);
    let list = f.app.judge_worklist(Stage::Shortlist, f.a.id).unwrap();
    assert_eq!(list.criteria, CRITERIA.len() as u32);
    assert_eq!(list.items.len(), 2);
    assert!(list.items.iter().all(|i| i.assigned && i.scored == 0 && !i.submitted && i.conflict.is_none()));

    f.app.save_score(Stage::Shortlist, &ScoreInput::new(f.a.id, f.ideas[0], CRITERIA[0], 3, "")).unwrap();
    score_all(&f.app, &f.a, f.ideas[1], 4);
    let conflict = ConflictInput { kind: Some(ConflictKind::SameTeam), note: String::new() };
    f.app.declare_conflict(Stage::Shortlist, f.b.id, f.ideas[0], &conflict).unwrap();

    let list = f.app.judge_worklist(Stage::Shortlist, f.a.id).unwrap();
    let first = list.items.iter().find(|i| i.idea.id == f.ideas[0]).unwrap();
    let second = list.items.iter().find(|i| i.idea.id == f.ideas[1]).unwrap();
    assert_eq!((first.scored, first.submitted), (1, false), "one draft score");
    assert_eq!((second.scored, second.submitted), (CRITERIA.len() as u32, true));
    let b = f.app.judge_worklist(Stage::Shortlist, f.b.id).unwrap();
    assert!(
        b.items.iter().find(|i| i.idea.id == f.ideas[0]).unwrap().conflict.is_some(),
        "B's interest is shown"
    );

    let history = f.app.idea_history(f.ideas[0]).unwrap();
    assert_eq!(history[0].kind, shortlist_domain::ChangeKind::ConflictDeclared);
    assert_eq!(history[0].note.as_deref(), Some("Bryn Llewelyn declared a conflict of interest: same team"));
    let history = f.app.idea_history(f.ideas[1]).unwrap();
    assert_eq!(history[0].note.as_deref(), Some("Amara Osei submitted scores in the Shortlist round"));

    let outsider = judge(&f.app, &f.c, "Dafydd ap Gwilym", "Non-executive director");
    let err = f.app.judge_worklist(Stage::Shortlist, outsider.id).unwrap_err();
    assert_eq!(err.message, "Dafydd ap Gwilym is not on the Shortlist panel. Add them to the panel first");
}
