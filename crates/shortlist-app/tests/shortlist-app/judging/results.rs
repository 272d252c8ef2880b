//! How sure a round's results are (issue #17): reliability per criterion and for the total,
//! bootstrap intervals, the cut's single-judge dependencies in the meeting, and pairwise
//! results. Figures are checked against `shortlist_scoring` on the same data, so these tests
//! are about the app's plumbing (what it feeds the maths, and what it makes of the answer).

use std::path::Path;

use shortlist_app::{DataDirSource, DataLocation, ErrorCode, ExportFormat, RubricTemplate, Shortlist};
use shortlist_domain::{
    Challenge, ComparisonInput, ConflictInput, ConflictKind, IdeaId, Judge, JudgingMethod, PairChoice,
    PairwiseSettings, Stage,
};
use shortlist_scoring as scoring;
use shortlist_scoring::{Agreement, Level, RankBy};
use shortlist_store::{pairwise, Store};

use super::{judge, panel, round, score_all, shortlisted, Fixture, CRITERIA};
use crate::{challenge_input, clock};

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

/// A Shortlist on a data folder, so that the test can write comparisons through the store
/// (no use case records them yet) while the app reads them.
fn on_disk(dir: &Path) -> Shortlist {
    Shortlist::open(DataLocation { dir: dir.to_path_buf(), source: DataDirSource::Flag }, clock())
}

fn write_comparisons(dir: &Path, c: &Challenge, method: JudgingMethod, inputs: &[ComparisonInput]) {
    let location = DataLocation { dir: dir.to_path_buf(), source: DataDirSource::Flag };
    let now = (clock())();
    let mut store = Store::open(&location.database_path(), &location.backups_dir(), now)
        .expect("the data folder opens a second time");
    store
        .write(|tx| {
            let settings = PairwiseSettings { method, pairs_per_judge: 0, per_criterion: true };
            pairwise::put_settings(tx, c.id, Stage::Shortlist, &settings)?;
            for input in inputs {
                pairwise::put_comparison(
                    tx,
                    c.id,
                    Stage::Shortlist,
                    &input.validate().expect("a valid choice"),
                    now,
                    "Test",
                )?;
            }
            Ok::<_, shortlist_store::StoreError>(())
        })
        .expect("the comparisons are written");
}

/// Four ideas; three judges compare every pair overall, each preferring the lower reference
/// (the first judge can't separate ideas 2 and 3); the first judge also compares every pair on
/// Innovation, preferring the higher reference.
fn pairwise_round(dir: &Path, method: JudgingMethod) -> (Shortlist, Challenge, Vec<IdeaId>, Vec<Judge>) {
    let app = on_disk(dir);
    let c = app.create_challenge(&challenge_input("DC21")).expect("challenge is created");
    let ideas = shortlisted(&app, &c, &FIVE[..4]);
    let judges = vec![
        judge(&app, &c, "Amara Osei", "Permanent Secretary"),
        judge(&app, &c, "Bryn Llewelyn", "Director General of Data"),
        judge(&app, &c, "Catriona Reid", "Government Chief Data Officer"),
    ];
    panel(&app, &c, Stage::Shortlist, &judges.iter().collect::<Vec<_>>());
    let mut inputs = Vec::new();
    for (n, judge) in judges.iter().enumerate() {
        for x in 0..4 {
            for y in x + 1..4 {
                // Shown the weaker idea on the left half the time, so sides do not decide.
                let (left, right, choice) =
                    if (x + y) % 2 == 0 { (x, y, PairChoice::Left) } else { (y, x, PairChoice::Right) };
                let choice = if n == 0 && (x, y) == (1, 2) { PairChoice::CannotSeparate } else { choice };
                inputs.push(ComparisonInput::new(judge.id, ideas[left], ideas[right], choice));
                if n == 0 {
                    let mut on_innovation =
                        ComparisonInput::new(judge.id, ideas[x], ideas[y], PairChoice::Right);
                    on_innovation.criterion = "innovation".into();
                    inputs.push(on_innovation);
                }
            }
        }
    }
    write_comparisons(dir, &c, method, &inputs);
    (app, c, ideas, judges)
}

#[test]
fn pairwise_results_recover_a_clear_order_with_no_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let (app, c, ideas, _) = pairwise_round(dir.path(), JudgingMethod::Pairwise);
    let err = app.round_results(c.id, Stage::Shortlist, RankBy::RawMean).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "scores results need a rubric; pairwise ones do not");

    let p = app.pairwise_results(c.id, Stage::Shortlist).unwrap();
    assert_eq!(p.method, JudgingMethod::Pairwise);
    assert_eq!(p.comparisons, 24, "18 overall choices and 6 on Innovation");
    assert_eq!(p.overall.comparisons, 18);
    let order: Vec<IdeaId> = p.overall.rows.iter().map(|r| r.idea.id).collect();
    assert_eq!(order, ideas, "the order every judge gave");
    let ranks: Vec<&str> = p.overall.rows.iter().map(|r| r.rank.as_str()).collect();
    assert_eq!(ranks, ["1", "2", "3", "4"]);
    for row in &p.overall.rows {
        assert!(row.low < row.strength && row.strength < row.high && row.standard_error > 0.0);
        assert_eq!(row.comparisons, 9, "each idea meets the other three, three times");
        assert_eq!(row.wins + row.ties + row.losses, row.comparisons);
    }
    assert_eq!((p.overall.rows[0].wins, p.overall.rows[0].losses), (9, 0));
    assert_eq!(p.overall.rows[1].ties, 1, "the can't-separate choice is a tie on both sides");

    // The same numbers as the maths gives for the same choices.
    let held = {
        let location = DataLocation { dir: dir.path().to_path_buf(), source: DataDirSource::Flag };
        let store = Store::open(&location.database_path(), &location.backups_dir(), (clock())()).unwrap();
        pairwise::comparisons(store.read(), c.id, Stage::Shortlist).unwrap()
    };
    let comparisons: Vec<scoring::Comparison> = held
        .iter()
        .filter(|h| h.criterion.is_empty())
        .map(|h| scoring::Comparison {
            judge: scoring::JudgeId(h.judge.0),
            first: scoring::IdeaId(h.left.0),
            second: scoring::IdeaId(h.right.0),
            criterion: None,
            outcome: match h.choice {
                PairChoice::Left => scoring::Outcome::FirstStronger,
                PairChoice::Right => scoring::Outcome::SecondStronger,
                PairChoice::CannotSeparate => scoring::Outcome::CannotSeparate,
            },
        })
        .collect();
    let all: Vec<scoring::IdeaId> = ideas.iter().map(|i| scoring::IdeaId(i.0)).collect();
    let maths = scoring::bradley_terry(&all, &comparisons, &Default::default());
    for (row, expected) in p.overall.rows.iter().zip(&maths.ideas) {
        assert_eq!(
            (row.idea.id.0, row.strength, row.standard_error),
            (expected.idea.0, expected.strength, expected.standard_error)
        );
    }

    assert_eq!(p.criteria.len(), 1, "only Innovation has choices");
    let innovation = &p.criteria[0];
    assert_eq!((innovation.criterion.as_str(), innovation.name.as_str()), ("innovation", "innovation"));
    assert_eq!(innovation.rows[0].idea.id, ideas[3], "on Innovation the order is reversed");

    assert_eq!(p.judge_agreement.len(), 3);
    assert!(p.judge_agreement.iter().all(|j| !j.stands_apart), "everyone gave the same order");
    assert!(
        p.agreement_reading.starts_with("Too few choices"),
        "six choices each is too few to read: {}",
        p.agreement_reading
    );
}

#[test]
fn a_pairwise_round_exports_its_own_table_and_a_round_judged_both_ways_exports_both() {
    let dir = tempfile::tempdir().unwrap();
    let (app, c, _, _) = pairwise_round(dir.path(), JudgingMethod::Pairwise);
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("pairwise.csv");
    let summary =
        app.export_results(c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Csv, &csv).unwrap();
    assert_eq!(summary.ideas, 4);
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
    assert!(
        header.starts_with("Rank,Reference,Title,Strength,Standard error,Strength 95% interval (low),Strength 95% interval (high)"),
        "{header}"
    );
    let xlsx = out.path().join("pairwise.xlsx");
    app.export_results(c.id, Stage::Shortlist, RankBy::RawMean, None, ExportFormat::Xlsx, &xlsx).unwrap();
    assert_eq!(sheet_names(&xlsx), ["Pairwise"], "no scores sheets for a pairwise-only round");
    let rows = sheet(&xlsx, "Pairwise");
    assert_eq!(rows.len(), 1 + 4 + 4, "a header, then the overall and the Innovation rankings");

    let dir = tempfile::tempdir().unwrap();
    let (app, c, ideas, judges) = pairwise_round(dir.path(), JudgingMethod::Both);
    app.set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::ChallengeDefault, false).unwrap();
    for (n, judge) in judges.iter().enumerate() {
        for (k, idea) in ideas.iter().enumerate() {
            score_all(&app, judge, *idea, 5 - k as i32 - i32::from(n == 2 && k == 3));
        }
    }
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
