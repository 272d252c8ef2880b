//! How sure a round's results are (issue #17): reliability per criterion and for the total,
//! bootstrap intervals, the cut's single-judge dependencies in the meeting, and pairwise
//! results. Figures are checked against `shortlist_scoring` on the same data, so these tests
//! are about the app's plumbing (what it feeds the maths, and what it makes of the answer).

use std::path::Path;

use shortlist_app::{ErrorCode, ExportFormat, RubricTemplate, Shortlist};
use shortlist_domain::{
    Challenge, ComparisonInput, ConflictInput, ConflictKind, IdeaId, Judge, JudgingMethod, PairChoice,
    PairwiseSettings, Stage,
};
use shortlist_scoring as scoring;
use shortlist_scoring::{Agreement, Level, RankBy};

use super::{judge, panel, round, score_all, shortlisted, Fixture, CRITERIA};

/// Each judge scores idea `k` `values[k]` on every criterion, and submits.
fn score_round(f: &Fixture, by_judge: [(&Judge, &[i32]); 3]) {
    for (judge, values) in by_judge {
        for (idea, &value) in f.ideas.iter().zip(values) {
            if value > 0 {
                score_all(&f.app, judge, *idea, value);
            }
        }
    }
}

/// The ratings the app should hand the maths for one criterion: every score given (0 = none).
fn ratings(f: &Fixture, by_judge: [(&Judge, &[i32]); 3]) -> Vec<scoring::Rating> {
    by_judge
        .iter()
        .flat_map(|(judge, values)| {
            f.ideas.iter().zip(values.iter()).filter(|(_, v)| **v > 0).map(|(idea, &v)| scoring::Rating {
                judge: scoring::JudgeId(judge.id.0),
                idea: scoring::IdeaId(idea.0),
                value: f64::from(v),
            })
        })
        .collect()
}

const FIVE: [&str; 5] = [
    "Open up bus timetables",
    "Match school meals data",
    "Predict flooding from river gauges",
    "Tax gap analytics",
    "Flood alerts for care homes",
];

#[test]
fn reliability_matches_the_maths_and_reads_an_agreeing_panel_apart_from_a_disagreeing_one() {
    let agreeing = round(&FIVE);
    let plan_a: [(&Judge, &[i32]); 3] = [
        (&agreeing.a, &[5, 4, 3, 2, 1]),
        (&agreeing.b, &[5, 4, 3, 2, 1]),
        (&agreeing.chair, &[5, 4, 3, 2, 2]),
    ];
    score_round(&agreeing, plan_a);
    let disagreeing = round(&FIVE);
    let plan_d: [(&Judge, &[i32]); 3] = [
        (&disagreeing.a, &[5, 4, 3, 2, 1]),
        (&disagreeing.b, &[1, 2, 3, 4, 5]),
        (&disagreeing.chair, &[3, 5, 1, 4, 2]),
    ];
    score_round(&disagreeing, plan_d);

    for (f, plan, band, words) in [
        (&agreeing, plan_a, Agreement::Good, "The judges agree well on "),
        (&disagreeing, plan_d, Agreement::Poor, "The judges agree poorly on "),
    ] {
        let r = f.app.round_results(f.c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
        assert_eq!(r.reliability.len(), CRITERIA.len() + 1, "one row per criterion, then the total");
        let expected = ratings(f, plan);
        for (row, criterion) in r.reliability.iter().zip(&r.rubric.rubric.criteria) {
            assert_eq!(row.criterion, criterion.id, "in rubric order");
            assert_eq!(row.icc, scoring::icc(&expected), "ICC(2,1) and ICC(2,k) as the maths gives them");
            assert_eq!(row.alpha_interval, scoring::krippendorff_alpha(&expected, Level::Interval));
            assert_eq!(row.alpha_ordinal, scoring::krippendorff_alpha(&expected, Level::Ordinal));
            assert_eq!(row.agreement, Some(band));
            assert!(
                row.reading.starts_with(&format!("{words}{}", criterion.name)),
                "a plain reading naming the criterion: {}",
                row.reading
            );
        }
        let total = r.reliability.last().unwrap();
        assert_eq!(total.criterion.as_str(), "total");
        // Every criterion has the same score, so the weighted total is that score.
        assert_eq!(total.alpha_interval, scoring::krippendorff_alpha(&expected, Level::Interval));
        assert!(total.reading.starts_with(&format!("{words}the total")), "{}", total.reading);
    }
}

#[test]
fn a_recusal_is_a_gap_in_the_reliability_not_a_zero() {
    let f = round(&FIVE);
    let interest = ConflictInput { kind: Some(ConflictKind::FinancialInterest), note: "Shares".into() };
    f.app.declare_conflict(Stage::Shortlist, f.chair.id, f.ideas[1], &interest).unwrap();
    let plan: [(&Judge, &[i32]); 3] =
        [(&f.a, &[5, 4, 3, 2, 1]), (&f.b, &[5, 4, 3, 2, 1]), (&f.chair, &[5, 0, 3, 2, 1])];
    score_round(&f, plan);
    let r = f.app.round_results(f.c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    for row in &r.reliability {
        let icc = row.icc.expect("four ideas every judge scored");
        assert_eq!((icc.ideas_used, icc.ideas_left_out), (4, 1), "ICC leaves the recused idea out");
        let alpha = row.alpha_interval.unwrap();
        assert_eq!((alpha.ideas, alpha.values), (5, 14), "alpha keeps the idea's two scores, and no third");
        assert!(
            (alpha.value - 1.0).abs() < 1e-12,
            "the judges who scored agree exactly; a recusal read as 0 would show disagreement: {}",
            alpha.value
        );
    }
}

#[test]
fn bootstrap_intervals_hold_the_estimate_and_are_the_same_on_a_second_call() {
    let f = round(&FIVE);
    score_round(&f, [(&f.a, &[5, 4, 3, 2, 1]), (&f.b, &[1, 2, 3, 4, 5]), (&f.chair, &[3, 5, 1, 4, 2])]);
    for rank_by in [RankBy::RawMean, RankBy::NormalisedMean] {
        let first = f.app.round_results(f.c.id, Stage::Shortlist, rank_by).unwrap();
        assert!(first.bootstrap.resamples >= 1000, "at least 1,000 resamples");
        for row in &first.rows {
            let estimate = match rank_by {
                RankBy::RawMean => row.mean,
                RankBy::NormalisedMean => row.normalised_mean,
            }
            .unwrap();
            let (low, high) = (row.score_low.unwrap(), row.score_high.unwrap());
            assert!(low <= estimate && estimate <= high, "{low} <= {estimate} <= {high}");
            assert!(low < high, "three judges who disagree leave real uncertainty");
            let rank: u32 = row.rank.as_deref().unwrap().trim_end_matches('=').parse().unwrap();
            assert!(row.rank_best.unwrap() <= rank && rank <= row.rank_worst.unwrap());
        }
        let again = f.app.round_results(f.c.id, Stage::Shortlist, rank_by).unwrap();
        assert_eq!(again.rows, first.rows, "seeded from the round, so the same intervals every time");
        assert_eq!(again.bootstrap, first.bootstrap);
    }
}

/// Six ideas; the semi-final takes 4. Ideas 1 to 3 are top for everyone. Idea 4 is (5, 2, 2):
/// mean 3, rank 4, inside. Idea 5 is (1, 3, 3): 2.33, rank 5, outside. Idea 6 is (1, 4, 1): 2,
/// rank 6. Without Amara, idea 4 is 2 and idea 5 is 3: they swap sides of the line. Without Bryn
/// or Catriona nothing crosses it (4 stays at 3.5; 5 and 6 stay below it).
#[test]
fn an_idea_that_depends_on_one_judge_comes_first_in_the_meeting_with_the_judge_named() {
    let mut titles = FIVE.to_vec();
    titles.push("Register of empty buildings");
    let f = round(&titles);
    score_round(
        &f,
        [(&f.a, &[5, 5, 5, 5, 1, 1]), (&f.b, &[5, 5, 5, 2, 3, 4]), (&f.chair, &[5, 5, 5, 2, 3, 1])],
    );
    let r = f.app.round_results(f.c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    let cut = r.cut.as_ref().expect("the semi-final has a target");
    assert_eq!((cut.target, cut.next_stage), (4, Stage::SemiFinal), "the cut is what the round sends on");
    let found: Vec<(IdeaId, &str, bool)> =
        cut.dependencies.iter().map(|d| (d.idea.id, d.judge_name.as_str(), d.inside)).collect();
    assert_eq!(found, [(f.ideas[3], "Amara Osei", true), (f.ideas[4], "Amara Osei", false)]);

    let list = f.app.discussion_list(f.c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    assert_eq!(list[0].idea.id, f.ideas[3]);
    assert_eq!(list[0].single_judge, ["Without Amara Osei it would be out of the 4."]);
    assert_eq!(list[1].idea.id, f.ideas[4]);
    assert_eq!(list[1].single_judge, ["Without Amara Osei it would be in the 4."]);
    assert!(list[2..].iter().all(|d| d.single_judge.is_empty()));
    let idea6 = list.iter().position(|d| d.idea.id == f.ideas[5]).unwrap();
    assert!(
        idea6 > 1,
        "idea 6's wider disagreement would have put it before idea 5, but one judge deciding comes first"
    );
}

// ----- pairwise

/// A pairwise round on four ideas with three judges: the app plans the pairs, and each judge
/// chooses the idea with the lower reference on every planned pair (the first judge can't
/// separate their first pair). With `rubric`, the round also asks for choices per criterion,
/// and on Innovation the first judge prefers the higher reference. Returns the choices made, as
/// the maths reads them, so the app's figures can be checked against `shortlist_scoring`.
struct PairwiseRound {
    app: Shortlist,
    c: Challenge,
    ideas: Vec<IdeaId>,
    judges: Vec<Judge>,
    overall: Vec<scoring::Comparison>,
}

fn pairwise_round(method: JudgingMethod, rubric: bool) -> PairwiseRound {
    let (app, c) = crate::with_challenge();
    let ideas = shortlisted(&app, &c, &FIVE[..4]);
    let judges = vec![
        judge(&app, &c, "Amara Osei", "Permanent Secretary"),
        judge(&app, &c, "Bryn Llewelyn", "Director General of Data"),
        judge(&app, &c, "Catriona Reid", "Government Chief Data Officer"),
    ];
    panel(&app, &c, Stage::Shortlist, &judges.iter().collect::<Vec<_>>());
    if rubric {
        app.set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::ChallengeDefault, false)
            .expect("rubric is set");
    }
    let settings = PairwiseSettings { method, pairs_per_judge: 4, per_criterion: rubric };
    app.set_pairwise_settings(c.id, Stage::Shortlist, &settings).expect("the method is set");
    app.plan_pairs(c.id, Stage::Shortlist).expect("the pairs are planned");
    let mut overall = Vec::new();
    for (n, judge) in judges.iter().enumerate() {
        let pairs = app.judge_pairs(Stage::Shortlist, judge.id).expect("the judge's pairs");
        for (k, pair) in pairs.pairs.iter().enumerate() {
            let (left, right) = (pair.left.id, pair.right.id);
            let choice = match (n, k) {
                (0, 0) => PairChoice::CannotSeparate,
                _ if left < right => PairChoice::Left,
                _ => PairChoice::Right,
            };
            app.save_comparison(Stage::Shortlist, &ComparisonInput::new(judge.id, left, right, choice))
                .expect("the choice is saved");
            overall.push(scoring::Comparison {
                judge: scoring::JudgeId(judge.id.0),
                first: scoring::IdeaId(left.0),
                second: scoring::IdeaId(right.0),
                criterion: None,
                outcome: match choice {
                    PairChoice::Left => scoring::Outcome::FirstStronger,
                    PairChoice::Right => scoring::Outcome::SecondStronger,
                    PairChoice::CannotSeparate => scoring::Outcome::CannotSeparate,
                },
            });
            if rubric && n == 0 {
                let reversed = if left < right { PairChoice::Right } else { PairChoice::Left };
                let mut on_innovation = ComparisonInput::new(judge.id, left, right, reversed);
                on_innovation.criterion = "innovation".into();
                app.save_comparison(Stage::Shortlist, &on_innovation).expect("the criterion choice is saved");
            }
        }
    }
    PairwiseRound { app, c, ideas, judges, overall }
}

#[test]
fn pairwise_results_recover_a_clear_order_with_no_rubric() {
    let PairwiseRound { app, c, ideas, overall, .. } = pairwise_round(JudgingMethod::Pairwise, false);
    let err = app.round_results(c.id, Stage::Shortlist, RankBy::RawMean).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "scores results need a rubric; pairwise ones do not");

    let p = app.pairwise_results(c.id, Stage::Shortlist).unwrap();
    assert_eq!(p.method, JudgingMethod::Pairwise);
    assert_eq!(p.comparisons as usize, overall.len(), "every choice is counted");
    assert_eq!(p.overall.comparisons as usize, overall.len());
    let order: Vec<IdeaId> = p.overall.rows.iter().map(|r| r.idea.id).collect();
    assert_eq!(order, ideas, "the order every judge gave");
    for row in &p.overall.rows {
        assert!(row.low < row.strength && row.strength < row.high && row.standard_error > 0.0);
        assert_eq!(row.wins + row.ties + row.losses, row.comparisons);
    }
    assert_eq!(p.overall.rows[0].losses, 0, "no judge preferred another idea to the first");
    assert_eq!(
        p.overall.rows.iter().map(|r| r.ties).sum::<u32>(),
        2,
        "a can't-separate is a tie on both sides"
    );

    // The same numbers as the maths gives for the same choices.
    let all: Vec<scoring::IdeaId> = ideas.iter().map(|i| scoring::IdeaId(i.0)).collect();
    let maths = scoring::bradley_terry(&all, &overall, &Default::default());
    for (row, expected) in p.overall.rows.iter().zip(&maths.ideas) {
        assert_eq!(
            (row.idea.id.0, row.strength, row.standard_error, row.low, row.high),
            (expected.idea.0, expected.strength, expected.standard_error, expected.low, expected.high)
        );
    }
    assert!(p.criteria.is_empty(), "no choices per criterion were asked for");
    assert_eq!(p.judge_agreement.len(), 3);
    assert!(p.judge_agreement.iter().all(|j| !j.stands_apart), "everyone gave the same order");
    assert!(
        p.agreement_reading.starts_with("Too few choices"),
        "four choices each is too few to read: {}",
        p.agreement_reading
    );
    let cut = p.cut.expect("the semi-final takes 4");
    assert!(cut.dependencies.is_empty(), "all four ideas go on, whoever is left out");
}

#[test]
fn a_round_judged_only_by_pairs_has_a_meeting_agenda_from_its_pairwise_ranking() {
    let PairwiseRound { app, c, ideas, .. } = pairwise_round(JudgingMethod::Pairwise, false);
    let agenda =
        app.discussion_list(c.id, Stage::Shortlist, RankBy::RawMean).expect("an agenda without a rubric");
    let order: Vec<IdeaId> = agenda.iter().map(|row| row.idea.id).collect();
    // The semi-final takes 4: ranks 3 and 4 are the last places in, so borderline and first;
    // then the rest by rank.
    assert_eq!(order, [ideas[2], ideas[3], ideas[0], ideas[1]], "{agenda:?}");
    assert!(agenda[0].item.borderline && !agenda[2].item.borderline);
    assert!(agenda.iter().all(|row| row.mean.is_none()), "there are no scores to show");
}

#[test]
fn a_pairwise_round_exports_its_own_table_and_a_round_judged_both_ways_exports_both() {
    let PairwiseRound { app, c, .. } = pairwise_round(JudgingMethod::Pairwise, false);
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("pairwise.csv");
    let summary =
        app.export_results(c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Csv, &csv).unwrap();
    assert_eq!(summary.ideas, 4);
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
    assert!(
        header.starts_with(
            "Rank,Reference,Title,Strength,Standard error,Strength 95% interval (low),Strength 95% interval (high)"
        ),
        "{header}"
    );
    let xlsx = out.path().join("pairwise.xlsx");
    app.export_results(c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Xlsx, &xlsx).unwrap();
    assert_eq!(sheet_names(&xlsx), ["Pairwise"], "no scores sheets for a pairwise-only round");
    assert_eq!(sheet(&xlsx, "Pairwise").len(), 1 + 4, "a header, then the overall ranking");

    let PairwiseRound { app, c, ideas, judges, .. } = pairwise_round(JudgingMethod::Both, true);
    for (n, judge) in judges.iter().enumerate() {
        for (k, idea) in ideas.iter().enumerate() {
            score_all(&app, judge, *idea, 5 - k as i32 - i32::from(n == 2 && k == 3));
        }
    }
    let p = app.pairwise_results(c.id, Stage::Shortlist).unwrap();
    assert_eq!(p.criteria.len(), 1, "only Innovation has choices");
    let innovation = &p.criteria[0];
    assert_eq!((innovation.criterion.as_str(), innovation.name.as_str()), ("innovation", "Innovation"));
    assert_eq!(innovation.rows[0].idea.id, ideas[3], "on Innovation the first judge reversed the order");

    let csv = out.path().join("both.csv");
    app.export_results(c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Csv, &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
    assert!(
        header.contains(",Rank 95% interval,") && header.contains(",Pairwise rank,Strength,"),
        "{header}"
    );
    let xlsx = out.path().join("both.xlsx");
    app.export_results(c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Xlsx, &xlsx).unwrap();
    assert_eq!(sheet_names(&xlsx), ["Ranking", "Judges", "Conflicts", "Reliability", "Pairwise"]);
    assert_eq!(sheet(&xlsx, "Pairwise").len(), 1 + 4 + 4, "the overall and the Innovation rankings");
    let only_scores = out.path().join("scores.xlsx");
    app.export_results(
        c.id,
        Stage::Shortlist,
        RankBy::RawMean,
        Some(JudgingMethod::Scores),
        ExportFormat::Xlsx,
        &only_scores,
    )
    .unwrap();
    assert!(!sheet_names(&only_scores).contains(&"Pairwise".to_owned()), "a method asked for wins");
}

#[test]
fn scores_export_carries_intervals_reliability_and_single_judge_ideas() {
    let mut titles = FIVE.to_vec();
    titles.push("=HYPERLINK(\"x\")");
    let f = round(&titles);
    score_round(
        &f,
        [(&f.a, &[5, 5, 5, 5, 1, 1]), (&f.b, &[5, 5, 5, 2, 3, 4]), (&f.chair, &[5, 5, 5, 2, 3, 1])],
    );
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("results.csv");
    f.app.export_results(f.c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Csv, &csv).unwrap();
    let r = f.app.round_results(f.c.id, Stage::Shortlist, RankBy::RawMean).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let low = header.iter().position(|h| *h == "Score 95% interval (low)").expect("a low column");
    assert_eq!(header[low + 1], "Score 95% interval (high)");
    assert_eq!(header[low + 2], "Rank 95% interval");
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(first[low], format!("{:.2}", r.rows[0].score_low.unwrap()));
    assert!(text.contains("'=HYPERLINK"), "a title a spreadsheet would run is neutralised");

    let xlsx = dir.path().join("results.xlsx");
    f.app.export_results(f.c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Xlsx, &xlsx).unwrap();
    assert_eq!(sheet_names(&xlsx), ["Ranking", "Judges", "Conflicts", "Reliability", "Single-judge ideas"]);
    let reliability = sheet(&xlsx, "Reliability");
    assert_eq!(reliability.len(), 1 + CRITERIA.len() + 1, "a header, the criteria, the total");
    assert_eq!(reliability[6][0], "The total");
    assert_eq!(reliability[6][8], r.reliability[5].reading, "the reading travels with the figures");
    let single = sheet(&xlsx, "Single-judge ideas");
    assert_eq!(single[1][5], "Without Amara Osei it would be out of the 4.");
}

fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::Reader;
    calamine::open_workbook_auto(path).expect("the workbook reads back").sheet_names().to_vec()
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let range = calamine::open_workbook_auto(path)
        .expect("the workbook reads back")
        .worksheet_range(name)
        .expect("the sheet is there");
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}
