//! The briefing packs as a reader gets them: checked with qpdf and read back with pdftotext.

use std::path::Path;
use std::process::Command;

use shortlist_app::{ErrorCode, PackKind, PackRequest, Shortlist};
use shortlist_domain::{ChallengeId, Stage};

use crate::fresh;

/// Whether `name` can run; when not, the test is skipped with a message, unless the test
/// script requires the tools (SHORTLIST_REQUIRE_PDF_TOOLS), as CI does.
fn tool(name: &str) -> bool {
    let found =
        Command::new(name).arg("--version").output().is_ok() || Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("SHORTLIST_REQUIRE_PDF_TOOLS").is_none(),
            "`{name}` is not installed: apt-get install qpdf poppler-utils"
        );
        println!("SKIPPED: `{name}` is not installed (apt-get install qpdf poppler-utils)");
    }
    found
}

fn pages_text(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn demo() -> (Shortlist, ChallengeId) {
    let app = fresh();
    app.create_demo(shortlist_demo::DEMO_SEED, 200).expect("the demo is created");
    let id = app.list_challenges().expect("challenges")[0].id;
    (app, id)
}

fn panel(challenge: ChallengeId, blind: bool) -> PackRequest {
    PackRequest {
        challenge_id: challenge,
        kind: PackKind::Panel,
        round: Some(Stage::Shortlist),
        idea: None,
        judge: None,
        meeting_date: chrono::NaiveDate::from_ymd_opt(2021, 10, 12),
        version: "Version 2".into(),
        blind,
    }
}

#[test]
fn the_panel_pack_holds_every_idea_with_the_marking_on_every_page_and_true_contents() {
    let (app, c) = demo();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pack.pdf");
    let preview = app.preview_pack(&panel(c, false)).expect("preview");
    let summary = app.write_pack(&panel(c, false), &path).expect("the pack is written");
    assert_eq!(summary.pages, preview.pages, "the preview's page count is the pack's");
    assert_eq!(preview.ideas, 8);
    assert!(
        !dir.path().read_dir().expect("dir").any(|e| e.expect("entry").file_name() != "pack.pdf"),
        "no temporary file left"
    );
    if !tool("qpdf") || !tool("pdftotext") {
        return;
    }
    let check = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf runs");
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));

    let pages = pages_text(&path);
    assert_eq!(pages.len() as u32, summary.pages);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.matches("OFFICIAL").count() >= 2, "page {} lacks its top and bottom marking", i + 1);
        assert!(
            page.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {} lacks its number",
            i + 1
        );
    }
    let all = pages.join("\n");
    assert!(
        all.contains("12 October 2021") && all.contains("Version 2"),
        "the cover names the meeting and version"
    );
    let shortlisted = app.round_overview(c, Some(Stage::Shortlist)).expect("overview");
    let contents = &pages[1];
    for row in &shortlisted {
        let heading = format!("{}: ", row.reference);
        let start = pages
            .iter()
            .position(|p| p.contains(&heading) && p.contains("Sent in by"))
            .unwrap_or_else(|| panic!("{} has no section", row.reference));
        let line = contents
            .lines()
            .find(|l| l.contains(row.reference.as_str()))
            .unwrap_or_else(|| panic!("{} not in the contents", row.reference));
        // A long title wraps in the contents, so the page number may sit on the next line.
        let after = &contents[contents.find(line).expect("line in contents")..];
        let number: usize = after
            .lines()
            .take(2)
            .filter_map(|l| l.split_whitespace().last()?.parse().ok())
            .next()
            .expect("a page number");
        assert_eq!(number, start + 1, "the contents send {} to the page its section starts", row.reference);
        let title_start: String = row.title.chars().take(25).collect();
        assert!(all.contains(&title_start), "{}'s title is in the pack", row.reference);
    }
}

#[test]
fn a_blind_pack_leaves_out_who_sent_the_ideas_in() {
    let (app, c) = demo();
    let dir = tempfile::tempdir().expect("temp dir");
    let (open, blind) = (dir.path().join("open.pdf"), dir.path().join("blind.pdf"));
    app.write_pack(&panel(c, false), &open).expect("written");
    app.write_pack(&panel(c, true), &blind).expect("written");
    if !tool("pdftotext") {
        return;
    }
    let first = &app.round_overview(c, Some(Stage::Shortlist)).expect("overview")[0];
    let idea = app.get_idea(first.id).expect("idea");
    let (open_text, blind_text) = (pages_text(&open).join("\n"), pages_text(&blind).join("\n"));
    assert!(open_text.contains(&idea.details.submitter_name), "the open pack names the submitter");
    assert!(!blind_text.contains(&idea.details.submitter_name), "the blind pack does not");
    assert!(!blind_text.contains("Sent in by"));
}

#[test]
fn welsh_and_accented_names_survive_into_the_one_page_summary() {
    let (app, c) = demo();
    let dir = tempfile::tempdir().expect("temp dir");
    // The demo guarantees names with ŵ, ŷ and é; find one of them.
    let idea = app
        .list_ideas(c)
        .expect("ideas")
        .into_iter()
        .find(|i| i.submitter_name.contains(['ŵ', 'ŷ', 'é']))
        .expect("the demo has an accented name");
    let path = dir.path().join("one.pdf");
    let request =
        PackRequest { kind: PackKind::OnePage, round: None, idea: Some(idea.id), ..panel(c, false) };
    let summary = app.write_pack(&request, &path).expect("written");
    assert_eq!(summary.pages, 1, "a one-page summary is one page");
    if !tool("pdftotext") {
        return;
    }
    let text = pages_text(&path).join("\n");
    assert!(text.contains(&idea.submitter_name), "{} is intact in {text}", idea.submitter_name);
    assert!(text.contains(idea.reference.as_str()));
}

#[test]
fn a_round_with_no_ideas_is_refused_and_nothing_is_written() {
    let (app, c) = demo();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.pdf");
    let request = PackRequest { round: Some(Stage::SemiFinal), ..panel(c, false) };
    let err = app.write_pack(&request, &path).expect_err("nobody is at the semi-final yet");
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.message, "No ideas are at Semi-final yet, so there is nothing to put in the pack");
    assert!(!path.exists());
}

fn judge_request(challenge: ChallengeId, judge: shortlist_domain::JudgeId) -> PackRequest {
    PackRequest { kind: PackKind::Judge, judge: Some(judge), ..panel(challenge, false) }
}

#[test]
fn a_judges_pack_leaves_out_and_lists_the_ideas_they_declared_an_interest_in() {
    let (app, c) = demo();
    let judges = app.round_panel(c, Stage::Shortlist).expect("the demo seats a panel").judges;
    let shortlisted = app.round_overview(c, Some(Stage::Shortlist)).expect("overview");
    let conflicted = &shortlisted[2];
    let interest = shortlist_domain::ConflictInput {
        kind: Some(shortlist_domain::ConflictKind::LineManagement),
        note: String::new(),
    };
    app.declare_conflict(Stage::Shortlist, judges[1].id, conflicted.id, &interest).expect("declared");

    let theirs = app.preview_pack(&judge_request(c, judges[1].id)).expect("preview");
    let others = app.preview_pack(&judge_request(c, judges[0].id)).expect("preview");
    assert_eq!((theirs.ideas, others.ideas), (7, 8), "only the judge with the interest loses the idea");
    assert!(theirs.file_name.contains(&judges[1].name), "{}", theirs.file_name);

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("judge.pdf");
    app.write_pack(&judge_request(c, judges[1].id), &path).expect("written");
    if !tool("pdftotext") {
        return;
    }
    let text = pages_text(&path).join("\n");
    assert!(text.contains("Ideas left out of your pack"));
    assert!(text.contains("You declared an interest"), "the reason is given");
    let section =
        format!("{}: {}", conflicted.reference, conflicted.title.chars().take(20).collect::<String>());
    assert!(!text.contains(&section), "the conflicted idea has no section in the judge's pack");
    assert!(text.contains(&judges[1].name));
}

#[test]
fn the_results_pack_ranks_the_scored_ideas_and_names_each_judges_severity() {
    let (app, c) = demo();
    let judges = app.round_panel(c, Stage::Shortlist).expect("panel").judges;
    let ideas: Vec<_> =
        app.round_overview(c, Some(Stage::Shortlist)).expect("overview").into_iter().take(3).collect();
    let criteria = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];
    for (j, judge) in judges.iter().take(3).enumerate() {
        for (i, idea) in ideas.iter().enumerate() {
            let value = (2 + i as i32 + j as i32).min(4);
            let inputs: Vec<_> = criteria
                .iter()
                .map(|k| shortlist_domain::ScoreInput::new(judge.id, idea.id, k, value, "Read the pack"))
                .collect();
            app.save_scores(Stage::Shortlist, &inputs).expect("scores saved");
            app.submit_scores(Stage::Shortlist, judge.id, idea.id).expect("submitted");
        }
    }
    let request = PackRequest { kind: PackKind::Results, ..panel(c, false) };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results.pdf");
    app.write_pack(&request, &path).expect("written");
    if !tool("pdftotext") || !tool("qpdf") {
        return;
    }
    let check = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf runs");
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    let text = pages_text(&path).join("\n");
    for heading in ["Ranking", "Each idea's scores across the judges", "The judges", "Decisions"] {
        assert!(text.contains(heading), "{heading} missing");
    }
    for idea in &ideas {
        assert!(text.contains(idea.reference.as_str()), "{} is ranked", idea.reference);
    }
    assert!(text.contains("more generous") && text.contains("more severe"), "severity is in words");
}
