use proptest::prelude::*;
use shortlist_domain::{Marking, Stage};
use shortlist_publish::report::{
    self, participation, CrossTable, Dimension, Figure, Participant, ParticipationReport, ReportImprint,
    Withheld, DEFAULT_THRESHOLD, SUPPRESSED,
};

use crate::{at, out_dir, words};

fn p(department: &str, grade: &str, stage: Stage) -> Participant {
    Participant {
        department: department.into(),
        profession: "Digital, data and technology".into(),
        grade: grade.into(),
        region: "London".into(),
        theme: "Health".into(),
        stage_reached: stage,
    }
}

fn many(n: usize, department: &str, stage: Stage) -> Vec<Participant> {
    (0..n).map(|_| p(department, "Grade 7", stage)).collect()
}

fn table(r: &ParticipationReport, d: Dimension) -> &CrossTable {
    r.tables.iter().find(|t| t.dimension == d).expect("every dimension has a table")
}

/// The 2021-like sample the report PDF is drawn from: big departments, a few small ones.
pub fn sample() -> Vec<Participant> {
    let departments = [
        ("HM Revenue and Customs", 31),
        ("Department for Work and Pensions", 27),
        ("Office for National Statistics", 22),
        ("Ministry of Justice", 18),
        ("Cabinet Office", 15),
        ("Home Office", 12),
        ("Department for Education", 9),
        ("Met Office", 3),
        ("Land Registry", 2),
    ];
    let professions =
        ["Digital, data and technology", "Policy", "Operational delivery", "Analysis", "Finance"];
    let grades = ["AA/AO", "EO", "HEO", "SEO", "Grade 7", "Grade 6", "SCS"];
    let regions = ["London", "North West", "Scotland", "Wales", "Yorkshire and the Humber", "South West", ""];
    let themes = ["Health", "Economy", "Environment", "Justice", "Education", "Operations"];
    let ladder = [
        (Stage::Screened, 60),
        (Stage::Longlist, 45),
        (Stage::Shortlist, 15),
        (Stage::SemiFinal, 4),
        (Stage::Final, 3),
        (Stage::Winner, 1),
        (Stage::Ineligible, 11),
    ];
    let mut stages = ladder.iter().flat_map(|(s, n)| std::iter::repeat_n(*s, *n));
    let mut out = Vec::new();
    let mut k = 0usize;
    for (d, n) in departments {
        for _ in 0..n {
            out.push(Participant {
                department: d.into(),
                profession: professions[k % professions.len()].into(),
                grade: grades[(k * 3) % grades.len()].into(),
                region: regions[(k * 5) % regions.len()].into(),
                theme: themes[(k * 7) % themes.len()].into(),
                stage_reached: stages.next().unwrap_or(Stage::Screened),
            });
            k += 1;
        }
    }
    out
}

#[test]
fn counts_and_shares_add_up_when_nothing_is_suppressed() {
    let mut ideas = many(6, "HMRC", Stage::Longlist);
    ideas.extend(many(2, "HMRC", Stage::Winner));
    ideas.extend(many(2, "Met Office", Stage::Longlist));
    let r = participation(&ideas, 0);
    assert_eq!(r.total, Figure::Shown { count: 10 });
    assert_eq!(r.stages, vec![Stage::Longlist, Stage::Winner], "only the stages that occur, in ladder order");
    let t = table(&r, Dimension::Department);
    assert_eq!(t.rows[0].category, "HMRC", "largest first");
    assert_eq!(t.rows[0].by_stage, vec![Figure::Shown { count: 6 }, Figure::Shown { count: 2 }]);
    assert_eq!(t.rows[0].share, Some(0.8));
    assert_eq!(t.rows[1].share, Some(0.2));
    assert_eq!(r.by_stage[0].count, Figure::Shown { count: 8 });
}

#[test]
fn a_small_count_is_withheld_and_so_is_one_that_would_give_it_away() {
    // HMRC: 6 at the longlist and 2 winners. The 2 is small; without a second cell withheld in
    // its row, 8 − 6 would give it back.
    let mut ideas = many(6, "HMRC", Stage::Longlist);
    ideas.extend(many(2, "HMRC", Stage::Winner));
    ideas.extend(many(7, "DWP", Stage::Longlist));
    ideas.extend(many(5, "DWP", Stage::Winner));
    let r = participation(&ideas, DEFAULT_THRESHOLD);
    let t = table(&r, Dimension::Department);
    let hmrc = t.rows.iter().find(|row| row.category == "HMRC").expect("HMRC has a row");
    assert_eq!(hmrc.by_stage[1], Figure::Withheld { why: Withheld::Small });
    assert_eq!(hmrc.by_stage[0], Figure::Withheld { why: Withheld::Secondary }, "its row partner goes too");
    let dwp = t.rows.iter().find(|row| row.category == "DWP").expect("DWP has a row");
    assert!(
        dwp.by_stage.iter().all(|f| f.shown().is_none()),
        "the columns would give HMRC's cells back from the stage totals, so DWP's cells go too: {dwp:?}"
    );
    assert_eq!(hmrc.total, Figure::Shown { count: 8 }, "a total of 8 is safe to show");
    assert_eq!(r.total, Figure::Shown { count: 20 });
}

#[test]
fn zeros_are_shown() {
    let mut ideas = many(6, "HMRC", Stage::Longlist);
    ideas.extend(many(6, "DWP", Stage::Winner));
    let r = participation(&ideas, DEFAULT_THRESHOLD);
    let t = table(&r, Dimension::Department);
    assert_eq!(t.rows[0].category, "DWP", "equal totals sort by name");
    assert_eq!(
        t.rows[0].by_stage,
        vec![Figure::Shown { count: 0 }, Figure::Shown { count: 6 }],
        "a zero identifies no one, so it is shown"
    );
}

#[test]
fn blank_answers_are_counted_as_not_stated_and_listed_last() {
    let mut ideas = many(9, "", Stage::Longlist);
    ideas.extend(many(6, "HMRC", Stage::Longlist));
    let r = participation(&ideas, DEFAULT_THRESHOLD);
    let t = table(&r, Dimension::Department);
    assert_eq!(t.rows.last().map(|r| r.category.as_str()), Some("Not stated"), "even when it is the largest");
}

/// Every sum a reader could do: each row of cells to its total, each column to its stage total,
/// the stage totals to the number of ideas, and the row totals to it too.
fn sums(r: &ParticipationReport, t: &CrossTable) -> Vec<Vec<Figure>> {
    let mut lines: Vec<Vec<Figure>> =
        t.rows.iter().map(|row| row.by_stage.iter().copied().chain([row.total]).collect()).collect();
    for (j, s) in r.by_stage.iter().enumerate() {
        lines.push(t.rows.iter().map(|row| row.by_stage[j]).chain([s.count]).collect());
    }
    lines.push(r.by_stage.iter().map(|s| s.count).chain([r.total]).collect());
    lines.push(t.rows.iter().map(|row| row.total).chain([r.total]).collect());
    lines
}

fn arb_participants() -> impl Strategy<Value = Vec<Participant>> {
    let stage = prop::sample::select(vec![
        Stage::Screened,
        Stage::Longlist,
        Stage::Shortlist,
        Stage::SemiFinal,
        Stage::Winner,
        Stage::Ineligible,
    ]);
    let word = |n: &'static [&'static str]| prop::sample::select(n.to_vec());
    prop::collection::vec(
        (
            word(&["HMRC", "DWP", "ONS", "MoJ", "Met Office", ""]),
            word(&["Policy", "Analysis", "DDaT"]),
            word(&["EO", "HEO", "SEO", "G7", "G6"]),
            word(&["London", "Wales", "Scotland"]),
            word(&["Health", "Economy"]),
            stage,
        )
            .prop_map(|(d, pr, g, re, th, s)| Participant {
                department: d.into(),
                profession: pr.into(),
                grade: g.into(),
                region: re.into(),
                theme: th.into(),
                stage_reached: s,
            }),
        0..120,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The suppression rule, as the module states it, over random challenges.
    #[test]
    fn no_small_count_is_shown_or_can_be_worked_out_by_subtraction(ideas in arb_participants(), threshold in 2u32..8) {
        let r = participation(&ideas, threshold);
        let exact = participation(&ideas, 0);
        let first_margin: Vec<Figure> = r.by_stage.iter().map(|s| s.count).collect();
        for (t, e) in r.tables.iter().zip(&exact.tables) {
            for (row, erow) in t.rows.iter().zip(&e.rows) {
                for (f, ef) in row.by_stage.iter().chain([&row.total]).zip(erow.by_stage.iter().chain([&erow.total])) {
                    if let Some(n) = f.shown() {
                        prop_assert_eq!(Some(n), ef.shown(), "a shown count is the true count");
                        prop_assert!(n == 0 || n >= threshold, "{} shown in {:?} under threshold {}", n, t.dimension, threshold);
                    }
                    prop_assert_eq!(row.share.is_some(), row.total.shown().is_some(), "a share goes with its count");
                }
            }
            for line in sums(&r, t) {
                let hidden = line.iter().filter(|f| f.shown().is_none()).count();
                prop_assert!(hidden != 1, "one hidden figure in a sum can be worked out: {:?} in {:?}", line, t.dimension);
            }
        }
        prop_assert_eq!(first_margin.len(), r.stages.len(), "the shared margin has one figure a stage");
    }
}

#[test]
fn csv_is_one_long_table_with_withheld_counts_marked() {
    let mut ideas = many(6, "HMRC", Stage::Longlist);
    ideas.extend(many(2, "=HYPERLINK(\"x\")", Stage::Longlist));
    let r = participation(&ideas, DEFAULT_THRESHOLD);
    let bytes = report::csv(&r).expect("CSV to memory");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("dimension,category,stage_reached,ideas,percent_of_all_ideas"));
    assert!(
        text.contains(&format!("Department or agency,HMRC,Longlist,{SUPPRESSED},{SUPPRESSED}")),
        "{text}"
    );
    assert!(text.contains("Department or agency,All,All stages,8,100.0"), "{text}");
    assert!(text.contains("'=HYPERLINK"), "a category a spreadsheet would run is made text: {text}");
    let rows = csv::Reader::from_reader(text.as_bytes()).records().count();
    // 5 dimensions; department: 2 categories × (1 stage + all) + (1 + all); others 1 × 2 + 2.
    assert_eq!(rows, (2 * 2 + 2) + 4 * (2 + 2));
}

#[test]
fn the_report_document_says_what_is_suppressed_and_carries_the_marking() {
    let r = participation(&sample(), DEFAULT_THRESHOLD);
    let imprint = ReportImprint {
        challenge: "Civil Service Data Challenge 2021".into(),
        marking: Marking::Official,
        author: "Data Challenge secretariat".into(),
        made_at: at(),
        small_multiples: vec![Dimension::Department],
    };
    let doc = report::document(&r, &imprint);
    assert_eq!(doc.marking.as_deref(), Some("OFFICIAL"), "the marking goes on every page");
    let all = words(&doc).join("\n");
    assert!(all.contains("Counts of fewer than 5 are not shown."), "the rule is stated up front");
    assert!(
        all.contains("[c]: fewer than 5, or hidden to protect a count of fewer than 5."),
        "and under tables"
    );
    assert!(all.contains("How far the ideas went"));
    for d in Dimension::ALL {
        assert!(all.contains(&format!("By {}", d.label().to_lowercase())), "a section for {d:?}");
    }
    assert!(!all.contains("Met Office 3"), "a small department's bar is not drawn");

    let pdf = shortlist_pdf::to_pdf(&doc).expect("the report lays out and renders").bytes;
    let path = out_dir().join("participation-report.pdf");
    std::fs::write(&path, pdf).expect("write the sample report");
}

#[test]
fn an_unsuppressed_report_says_it_is_not_for_publication() {
    let r = participation(&sample(), 0);
    let imprint = ReportImprint {
        challenge: "Data Challenge".into(),
        marking: Marking::OfficialSensitive,
        author: String::new(),
        made_at: at(),
        small_multiples: vec![],
    };
    let all = words(&report::document(&r, &imprint)).join("\n");
    assert!(all.contains("not for publication"), "{all}");
}
