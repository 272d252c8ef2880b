//! The results pack.

use chrono::{NaiveDate, TimeZone, Utc};
use shortlist_domain::{ConflictKind, Decision, DecisionKind, Reference, Stage};
use shortlist_packs::{
    results_pack, Cut, DeclaredInterest, PairwiseRanked, PairwiseRound, PanelDecision, PanelJudge,
    RankedIdea, ReliabilityLine, ScoredRound, SingleJudgeIdea,
};
use shortlist_scoring::Scale;

use crate::{data, says};

fn judge(name: &str, severity: Option<f64>) -> PanelJudge {
    PanelJudge {
        name: name.into(),
        role: "Director".into(),
        ideas_scored: Some(2),
        mean_total: Some(3.5),
        severity,
    }
}

fn scored() -> ScoredRound {
    ScoredRound {
        rubric_name: "Challenge rubric".into(),
        scale: Scale::new(1, 5),
        draft_scores: 0,
        earlier_version_scores: 0,
        ranking: vec![
            RankedIdea {
                reference: Reference::new("DC21", 1),
                title: "Find households missing out on Pension Credit".into(),
                rank: Some("1".into()),
                mean: Some(4.25),
                median: Some(4.0),
                normalised_mean: Some(4.1),
                judges_counted: 2,
                sd: Some(1.25),
                disagreement: true,
                totals: vec![3.0, 5.0],
                score_interval: Some((3.0, 5.0)),
                rank_interval: Some((1, 2)),
                in_cut: Some(0.62),
            },
            RankedIdea {
                reference: Reference::new("DC21", 2),
                title: "Map flood risk to care homes".into(),
                rank: None,
                mean: None,
                median: None,
                normalised_mean: None,
                judges_counted: 0,
                sd: None,
                disagreement: false,
                totals: vec![],
                score_interval: None,
                rank_interval: None,
                in_cut: None,
            },
        ],
        judges: vec![
            judge("Ann", Some(0.25)),
            judge("Bea", Some(-0.25)),
            judge("Cy", Some(0.001)),
            judge("Di", None),
        ],
        interests: vec![],
        decisions: vec![],
        scores_used: true,
        resamples: 1000,
        reliability: vec![ReliabilityLine {
            name: "Innovation".into(),
            icc_single: Some(0.31),
            icc_average: Some(0.57),
            alpha: Some(0.42),
            reading: "The judges agree poorly on Innovation (Krippendorff's alpha 0.42, from 2 ideas scored by two or more judges).".into(),
        }],
        cut: Some(Cut {
            target: 1,
            next_stage: Stage::SemiFinal,
            single_judge: vec![SingleJudgeIdea {
                reference: Reference::new("DC21", 1),
                title: "Find households missing out on Pension Credit".into(),
                reason: "Without Ann it would be out of the 1.".into(),
            }],
        }),
        pairwise: None,
    }
}

#[test]
fn the_ranking_shows_raw_beside_normalised_and_marks_disagreement() {
    let doc = results_pack(&data(), &scored());
    assert!(says(&doc, "1 | DC21-0001 | Find households missing out on Pension Credit | 4.25 | 4.00 | 4.10 | 2 | 1.25 Disagree"));
    assert!(
        says(&doc, "– | DC21-0002 | Map flood risk to care homes | – | – | – | 0 | –"),
        "an unranked idea shows dashes"
    );
    assert!(says(
        &doc,
        "Find households missing out on Pension Credit (totals from 3.00 to 5.00, spread 1.25)"
    ));
    assert!(!says(&doc, "Not counted:"), "nothing was left out, so nothing is said about it");
}

#[test]
fn each_judges_severity_is_put_in_words() {
    let doc = results_pack(&data(), &scored());
    assert!(says(&doc, "Ann, Director | 2 | 3.50 | 0.25 more generous"));
    assert!(says(&doc, "Bea, Director | 2 | 3.50 | 0.25 more severe"));
    assert!(says(&doc, "Cy, Director | 2 | 3.50 | In line"), "a rounding hair from the panel is in line");
    assert!(says(&doc, "Di, Director | 2 | 3.50 | –"));
}

#[test]
fn scores_left_out_interests_and_decisions_are_reported() {
    let round = ScoredRound {
        draft_scores: 3,
        earlier_version_scores: 1,
        interests: vec![DeclaredInterest {
            judge: "Bea".into(),
            idea: "DC21-0002".into(),
            kind: ConflictKind::LineManagement,
            withdrawn: true,
        }],
        decisions: vec![PanelDecision {
            reference: Reference::new("DC21", 1),
            title: "Find households missing out on Pension Credit".into(),
            decision: Decision {
                round: Stage::Shortlist,
                kind: DecisionKind::Progress,
                reasons: "Ready now".into(),
                decided_on: NaiveDate::from_ymd_opt(2021, 10, 12).expect("a real date"),
                recorded_by: "Sam Secretariat".into(),
                recorded_at: Utc.with_ymd_and_hms(2021, 10, 12, 16, 0, 0).single().expect("a real time"),
            },
        }],
        ..scored()
    };
    let doc = results_pack(&data(), &round);
    assert!(says(
        &doc,
        "Not counted: 3 scores still in draft and 1 given under an earlier version of the rubric."
    ));
    assert!(says(&doc, "Bea: DC21-0002, line management (withdrawn)"));
    assert!(says(
        &doc,
        "DC21-0001 | Find households missing out on Pension Credit | Progress, 12 October 2021 | Ready now"
    ));
    assert!(says(&results_pack(&data(), &scored()), "The panel has not recorded its decisions yet."));
}

#[test]
fn every_page_of_the_results_pack_carries_the_audit_fingerprint_of_its_data() {
    let doc = results_pack(&data(), &scored());
    assert!(
        crate::lines(&doc).iter().any(|l| l.starts_with("Audit fingerprint: 3f9a 1c07 be42")),
        "the cover names the state the results came from"
    );
    let laid = shortlist_pdf::layout(&doc).expect("lays out");
    assert!(laid.pages.len() > 1);
    for (n, page) in laid.pages.iter().enumerate() {
        let on_page = page.items.iter().any(|item| {
            matches!(item, shortlist_pdf::Item::Text(run) if run.text == "Data as at audit 3f9a 1c07 be42")
        });
        assert!(
            on_page,
            "page {} has the fingerprint at its foot, so a page on its own is tied to it",
            n + 1
        );
    }
}

#[test]
fn the_pack_says_how_sure_the_ranking_is_how_far_the_judges_agree_and_who_the_cut_rests_on() {
    let doc = results_pack(&data(), &scored());
    assert!(says(
        &doc,
        "1 | DC21-0001 | Find households missing out on Pension Credit | 4.25 | 3.00 to 5.00 | 1 to 2 | 62%"
    ));
    assert!(says(&doc, "The judges agree poorly on Innovation (Krippendorff's alpha 0.42"));
    assert!(says(&doc, "Innovation | 0.42 | 0.31 | 0.57"));
    assert!(says(
        &doc,
        "Find households missing out on Pension Credit. Without Ann it would be out of the 1."
    ));
    assert!(says(&doc, "worked out again 1,000 times"));
    assert!(!says(&doc, "Pairwise ranking"), "no pairwise section for a round judged by scores alone");
}

#[test]
fn a_pairwise_round_gets_its_ranking_and_no_scores_sections() {
    let round = ScoredRound {
        scores_used: false,
        pairwise: Some(PairwiseRound {
            comparisons: 24,
            ranking: vec![PairwiseRanked {
                rank: "1".into(),
                reference: Reference::new("DC21", 2),
                title: "Map flood risk to care homes".into(),
                strength: 1.234,
                low: 0.1,
                high: 2.4,
                win_probability: 0.77,
                comparisons: 12,
            }],
            agreement: "Every judge's choices fit the panel's ranking about as well as expected.".into(),
            cut: None,
        }),
        ..scored()
    };
    let doc = results_pack(&data(), &round);
    assert!(says(&doc, "1 | DC21-0002 | Map flood risk to care homes | +1.23 | +0.10 to +2.40 | 77% | 12"));
    assert!(says(&doc, "Every judge's choices fit the panel's ranking"));
    assert!(!says(&doc, "How far the judges agree") && !says(&doc, "How the results are worked out"));
}
