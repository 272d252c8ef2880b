//! The panel pack, a judge's pack and the one-page summary.

use shortlist_packs::{judge_pack, one_pager, panel_pack, JudgeBrief, PackData};

use crate::{data, lines, says};

#[test]
fn the_panel_pack_carries_the_marking_and_names_its_round_meeting_and_version() {
    let doc = panel_pack(&data());
    assert_eq!(doc.marking.as_deref(), Some("OFFICIAL"), "every page of an OFFICIAL challenge is marked");
    assert_eq!(doc.meta.title, "Civil Service Data Challenge 2021 – Shortlist panel briefing pack");
    assert_eq!(doc.meta.date_label, "1 October 2021", "the date made comes from the data, not the clock");
    let lines = lines(&doc);
    for fact in ["Meeting: 12 October 2021", "Version: Version 2", "Ideas: 2", "Marking: OFFICIAL"] {
        assert!(lines.iter().any(|l| l == fact), "the cover says {fact:?}: {lines:#?}");
    }
}

#[test]
fn every_idea_has_a_section_and_an_unevaluated_one_says_so_and_still_gets_a_grid() {
    let doc = panel_pack(&data());
    let lines = lines(&doc);
    assert!(lines.iter().any(|l| l == "DC21-0001: Find households missing out on Pension Credit"));
    assert!(lines.iter().any(|l| l == "DC21-0002: Map flood risk to care homes"));
    assert!(lines.iter().any(|l| l == "DC21-0001 | Find households missing out on Pension Credit | Cabinet Office | Green | Amber | Red | Progress"),
        "the summary table shows the ratings at a glance: {lines:#?}");
    assert!(says(&doc, "The secretariat has not evaluated this idea yet."));
    let grids = lines.iter().filter(|l| *l == "Your scores").count();
    assert_eq!(grids, 2, "judges score every idea, evaluated or not");
    assert!(says(&doc, "Annex: how to score"));
}

#[test]
fn a_blind_pack_leaves_out_who_sent_each_idea_in() {
    let open = panel_pack(&data());
    let blind = panel_pack(&PackData { blind: true, ..data() });
    for (name, department) in [("Rhŷs Prŵs", "Cabinet Office"), ("Zoë Éluned", "Cabinet Office")] {
        assert!(says(&open, name), "the open pack names {name}");
        assert!(!says(&blind, name), "the blind pack must not name {name}");
        assert!(!says(&blind, department), "nor say where they work");
    }
    assert!(says(&blind, "left out of this pack, so that each idea is judged on its merits"));
}

#[test]
fn a_judges_pack_lists_what_it_leaves_out_and_why() {
    let judge = JudgeBrief {
        name: "Priya Raman".into(),
        role: "Chief Data Officer".into(),
        left_out: vec![(
            "DC21-0003".into(),
            "Open up bus timetables".into(),
            "You declared an interest: line management".into(),
        )],
    };
    let doc = judge_pack(&data(), &judge);
    assert_eq!(doc.meta.title, "Civil Service Data Challenge 2021 – Shortlist briefing pack for Priya Raman");
    assert!(says(&doc, "that you are asked to score, Priya Raman, Chief Data Officer"));
    assert!(says(&doc, "DC21-0003 | Open up bus timetables | You declared an interest: line management"));
    assert!(!says(&doc, "DC21-0003: "), "an idea left out has no section");
}

#[test]
fn a_one_page_summary_gives_the_ratings_and_the_recommendation_or_says_it_is_not_evaluated() {
    let data = data();
    let evaluated = one_pager(&data, &data.ideas[0]);
    let lines = lines(&evaluated);
    for line in ["Viability: Green", "Benefits: Amber", "Obstacles: Red", "Recommendation: Progress"] {
        assert!(lines.iter().any(|l| l == line), "{line:?} in {lines:#?}");
    }
    assert!(says(&one_pager(&data, &data.ideas[1]), "Not evaluated yet."));
}
