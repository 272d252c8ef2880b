//! Closing a challenge (issue #18): the participation report, the outcome letters and the
//! published longlist, from ideas moved through the workflow as the secretariat moves them.

use shortlist_app::{ClosingSettingsInput, ErrorCode, LettersRequest, OutcomeTemplateInput, Shortlist};
use shortlist_domain::{
    ChallengeId, CoSubmitter, Eligibility, IdeaId, MoveRequest, ScreeningInput, Stage, UnderWay,
};
use shortlist_publish::letters::Outcome;
use shortlist_publish::report::Figure;

use crate::{idea_input, with_challenge};

fn move_to(app: &Shortlist, id: IdeaId, to: Stage, reason: &str) {
    app.move_ideas(&MoveRequest { ideas: vec![id], to, reason: reason.into(), confirm_over_target: false })
        .unwrap_or_else(|e| panic!("move to {}: {}", to.label(), e.message));
}

fn add(app: &Shortlist, c: ChallengeId, title: &str, email: &str, department: &str) -> IdeaId {
    let mut input = idea_input(title);
    input.submitter_name = format!("{title} Submitter");
    input.submitter_email = email.into();
    input.department = department.into();
    app.create_idea(c, &input).expect("created").id
}

fn longlisted(app: &Shortlist, id: IdeaId) {
    let eligible = ScreeningInput {
        eligibility: Some(Eligibility::Eligible),
        under_way: Some(UnderWay::No),
        ..ScreeningInput::default()
    };
    app.screen_idea(id, &eligible).expect("screened");
    move_to(app, id, Stage::Screened, "");
    move_to(app, id, Stage::Longlist, "");
}

fn settings(app: &Shortlist, c: ChallengeId, edit: impl FnOnce(&mut ClosingSettingsInput)) {
    let now = app.closing_settings(c).expect("settings");
    let mut input = ClosingSettingsInput {
        challenge_id: c,
        threshold: now.threshold.to_string(),
        sender: now.sender,
        from_name: now.from_name,
        from_email: now.from_email,
        feedback_from_reasons: now.feedback_from_reasons,
        templates: Vec::new(),
    };
    edit(&mut input);
    app.save_closing_settings(&input).unwrap_or_else(|e| panic!("settings saved: {e:?}"));
}

#[test]
fn the_report_counts_an_idea_that_left_at_the_stage_it_left_from_and_hides_small_counts() {
    let (app, c) = with_challenge();
    let mut longlist = Vec::new();
    for n in 0..6 {
        let id = add(&app, c.id, &format!("Idea {n}"), "", "Office for National Statistics");
        longlisted(&app, id);
        longlist.push(id);
    }
    move_to(&app, longlist[0], Stage::NotProgressed, "Similar work is under way at ONS");
    for n in 0..2 {
        add(&app, c.id, &format!("Small {n}"), "", "Cabinet Office");
    }

    let view = app.participation_report(c.id).expect("report");
    assert_eq!(view.report.threshold, 5, "the default threshold is 5, as official statistics use");
    let submitted =
        view.report.by_stage.iter().find(|s| s.stage == Stage::Submitted).expect("a Submitted column");
    assert!(
        matches!(submitted.count, Figure::Withheld { .. }),
        "two ideas at Submitted is fewer than 5, so the count must not be shown"
    );
    assert!(view.suppressed_any, "the page says counts were hidden");

    let dir = tempfile::tempdir().expect("temp dir");
    let csv_path = dir.path().join("report.csv");
    app.write_participation_report(c.id, &csv_path).expect("CSV written");
    let csv = std::fs::read_to_string(&csv_path).expect("CSV");
    assert!(
        csv.contains("Cabinet Office,Submitted,[c],[c]"),
        "the published CSV hides the small count:\n{csv}"
    );

    settings(&app, c.id, |s| s.threshold = "1".into());
    let all = app.participation_report(c.id).expect("report").report;
    let counts: Vec<(Stage, Option<u32>)> = all.by_stage.iter().map(|s| (s.stage, s.count.shown())).collect();
    assert_eq!(
        counts,
        vec![(Stage::Submitted, Some(2)), (Stage::Longlist, Some(6))],
        "the idea not progressed from the longlist reached the longlist; 'Not progressed' is not a stage reached"
    );

    let pdf = dir.path().join("report.pdf");
    let written = app.write_participation_report(c.id, &pdf).expect("PDF written");
    assert!(written.pages.is_some_and(|p| p >= 2), "a report with a page per section or more");
    assert!(std::fs::read(&pdf).expect("PDF").starts_with(b"%PDF"), "a PDF file");

    let refused = app.write_participation_report(c.id, &dir.path().join("report.docx")).expect_err("docx");
    assert_eq!(refused.fields[0].field, "file", "the message goes beside the file box");
}

#[test]
fn every_submitter_and_co_submitter_gets_the_letter_for_their_outcome_and_the_problems_come_first() {
    let (app, c) = with_challenge();
    let mut input = idea_input("Alpha");
    input.submitter_name = "Ada Lovelace".into();
    input.submitter_email = "ada@ons.gov.uk".into();
    input.co_submitters =
        vec![CoSubmitter { name: "Bob Nomail".into(), email: String::new(), consent: false }];
    let alpha = app.create_idea(c.id, &input).expect("created").id;
    longlisted(&app, alpha);
    move_to(&app, alpha, Stage::NotProgressed, "The panel preferred ideas with data already shared");

    let beta = add(&app, c.id, "Beta", "beta@ons.gov.uk", "ONS");
    let ineligible = ScreeningInput {
        eligibility: Some(Eligibility::Ineligible),
        eligibility_reason: "It is about buying software, not using data".into(),
        under_way: Some(UnderWay::No),
        ..ScreeningInput::default()
    };
    app.screen_idea(beta, &ineligible).expect("screened");
    move_to(&app, beta, Stage::Ineligible, "Screened out");
    add(&app, c.id, "Gamma", "gamma@ons.gov.uk", "ONS"); // not screened yet: no letter

    let preview = app.preview_letters(c.id).expect("plan");
    assert_eq!(preview.ideas, 2, "ideas not yet screened have nothing to be told");
    let names: Vec<&str> = preview.plan.letters.iter().map(|l| l.recipient.name.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Bob Nomail", "Beta Submitter"], "a letter for every person named");
    let ada = &preview.plan.letters[0];
    assert_eq!(ada.outcome, Outcome::NotProgressed);
    assert!(ada.body.contains("further than the longlist stage"), "the stage it left from:\n{}", ada.body);
    assert!(
        ada.body.contains("data already shared"),
        "feedback drawn from the decision's reasons:\n{}",
        ada.body
    );
    let beta_letter = &preview.plan.letters[2];
    assert!(beta_letter.body.contains("buying software"), "the screening's reason:\n{}", beta_letter.body);
    assert_eq!(preview.problems.len(), 1, "one person has no address: {:?}", preview.problems);
    assert!(
        preview.problems[0].name == "Bob Nomail" && !preview.problems[0].blocks_letter,
        "a letter without an address can still be printed"
    );

    // Feedback must be written once the reasons may not stand in for it.
    settings(&app, c.id, |s| s.feedback_from_reasons = false);
    let strict = app.preview_letters(c.id).expect("plan");
    assert!(
        strict.problems.iter().filter(|p| p.needs_feedback && p.blocks_letter).count() == 2,
        "both people on Alpha need written feedback: {:?}",
        strict.problems
    );
    app.save_idea_feedback(alpha, "A strong idea; try again once the data sharing agreement is signed.")
        .expect("feedback saved");
    let timeline = app.idea_history(alpha).expect("history");
    assert_eq!(
        timeline[0].field.as_deref(),
        Some("Feedback for the outcome letter"),
        "who wrote a letter's feedback, and when, is in the idea's history"
    );
    let fixed = app.preview_letters(c.id).expect("plan");
    assert!(fixed.problems.iter().all(|p| !p.needs_feedback), "feedback written, nothing missing");
    assert!(
        fixed.plan.letters[0].body.contains("data sharing agreement is signed"),
        "the written feedback is used"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("letters");
    let request = LettersRequest {
        challenge_id: c.id,
        folder: folder.display().to_string(),
        combined: false,
        drafts: true,
    };
    let refused = app.write_letters(&request).expect_err("no From address yet");
    assert_eq!(refused.fields[0].field, "fromEmail", "drafts need the secretariat's address first");
    assert!(!folder.exists(), "nothing is written when the request is refused");

    settings(&app, c.id, |s| s.from_email = "datachallenge@cabinetoffice.gov.uk".into());
    let written = app.write_letters(&request).expect("letters written");
    assert_eq!(
        (written.letters, written.pdf_files, written.drafts),
        (3, 3, 2),
        "no draft for Bob, who has no address"
    );
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "DC21-0001-ada-lovelace.eml",
            "DC21-0001-ada-lovelace.pdf",
            "DC21-0001-bob-nomail.pdf",
            "DC21-0002-beta-submitter.eml",
            "DC21-0002-beta-submitter.pdf"
        ]
    );
    let eml = std::fs::read_to_string(folder.join("DC21-0001-ada-lovelace.eml")).expect("draft");
    assert!(eml.contains("X-Unsent: 1"), "a draft to send from the user's own mail client");

    let combined =
        app.write_letters(&LettersRequest { combined: true, drafts: false, ..request }).expect("combined");
    assert_eq!(combined.pdf_files, 1, "one PDF with every letter");
}

#[test]
fn the_longlist_names_only_people_who_consented_and_holds_no_email_address() {
    let (app, c) = with_challenge();
    let mut input = idea_input("Link school and health records");
    input.submitter_name = "Ada Consenting".into();
    input.submitter_email = "ada.consenting@ons.gov.uk".into();
    input.submitter_consent = true;
    input.summary = "Ada Consenting and Bob Private want to link records.".into();
    input.co_submitters = vec![CoSubmitter {
        name: "Bob Private".into(),
        email: "bob.private@ons.gov.uk".into(),
        consent: false,
    }];
    let shown = app.create_idea(c.id, &input).expect("created").id;
    longlisted(&app, shown);
    let private = add(&app, c.id, "Second idea", "carol@ons.gov.uk", "ONS");
    longlisted(&app, private);
    add(&app, c.id, "Never longlisted", "dan@ons.gov.uk", "ONS");

    let dir = tempfile::tempdir().expect("temp dir");
    let stale = dir.path().join("ideas").join("DC21-9999.html");
    std::fs::create_dir_all(stale.parent().expect("parent")).expect("folder");
    std::fs::write(&stale, "Bob Private").expect("an old page");

    let written = app.write_longlist(c.id, &dir.path().display().to_string()).expect("site written");
    assert_eq!(written.ideas, 2, "only ideas that reached the longlist are published");
    assert_eq!((written.names_published, written.names_withheld), (1, 2));
    assert!(!stale.exists(), "a page from an earlier export is removed, names and all");

    let mut everything = String::new();
    for entry in walk(dir.path()) {
        everything.push_str(&std::fs::read_to_string(&entry).expect("text file"));
    }
    assert!(everything.contains("Ada Consenting"), "a name published with consent");
    assert!(!everything.contains("Bob Private"), "no name without consent, in any file or the search index");
    assert!(!everything.contains("Second idea Submitter"), "no name without consent");
    assert!(!has_address(&everything), "no email address anywhere");
    assert!(!everything.contains("ons.gov.uk"), "not even the domain of one");
    assert!(!everything.contains("Never longlisted"), "ideas that did not reach the longlist stay out");
}

/// Whether `text` holds something shaped like an email address: an `@` with a name character
/// before it and a domain after it. (The site's stylesheet has `@media`, which is not one.)
fn has_address(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'@'
            && i > 0
            && (b[i - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[i - 1]))
            && text[i + 1..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .next()
                .is_some_and(|d| d.contains('.'))
    })
}

#[test]
fn an_address_is_told_apart_from_a_stylesheet_rule() {
    assert!(has_address("write to ada@ons.gov.uk today"));
    assert!(!has_address("@media (min-width:1020px){}"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn settings_that_would_break_the_letters_or_the_report_are_refused_by_field() {
    let (app, c) = with_challenge();
    let input = ClosingSettingsInput {
        challenge_id: c.id,
        threshold: "0".into(),
        sender: " ".into(),
        from_name: String::new(),
        from_email: "not an address".into(),
        feedback_from_reasons: true,
        templates: vec![OutcomeTemplateInput {
            outcome: Outcome::Winner,
            subject: "Well done {{name}}".into(),
            body: "Dear {{first_name}}".into(),
        }],
    };
    let e = app.save_closing_settings(&input).expect_err("refused");
    assert_eq!(e.code, ErrorCode::Validation);
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["threshold", "sender", "fromEmail", "template-winner"],
        "each problem beside its box"
    );
    let template = &e.fields[3].message;
    assert!(
        template.contains("Winner letter") && template.contains("{{first_name}}"),
        "the message names the letter and the unknown field: {template}"
    );
    assert_eq!(app.closing_settings(c.id).expect("settings").threshold, 5, "nothing was saved");
}
