//! Personal data after a challenge closes: erased or anonymised everywhere it is held, a
//! subject-access export, and the retention date's banner. On the demo's 200 ideas, in a folder.

use chrono::{NaiveDate, TimeZone, Utc};
use shortlist_app::{
    Clock, DataDirSource, DataLocation, DemoOutcome, ErasureInput, ErasureKind, ErrorCode, Shortlist,
};
use shortlist_domain::{IdeaQuery, Marking};

/// 1 September 2021: the demo challenge closed on 14 May.
fn after_closing() -> Clock {
    Box::new(|| Utc.with_ymd_and_hms(2021, 9, 1, 10, 0, 0).single().expect("a real time"))
}

fn demo(clock: Clock) -> (tempfile::TempDir, Shortlist, shortlist_domain::Challenge) {
    let dir = tempfile::tempdir().expect("temp dir");
    let app =
        Shortlist::open(DataLocation { dir: dir.path().to_owned(), source: DataDirSource::Flag }, clock);
    let DemoOutcome::Created { challenge, .. } = app.create_demo(7, 200).expect("demo") else {
        panic!("a fresh folder has no demo")
    };
    (dir, app, challenge)
}

fn every_file_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        if let Ok(bytes) = std::fs::read(&entry) {
            out.push((entry, bytes));
        }
    }
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn anonymising_leaves_no_name_or_address_anywhere_in_the_folder_and_keeps_the_ideas() {
    let (dir, app, challenge) = demo(after_closing());
    let before = app.list_ideas(challenge.id).expect("ideas");
    let first = app.get_idea(before[0].id).expect("idea");
    let (name, email) = (first.details.submitter_name.clone(), first.details.submitter_email.clone());
    assert!(!email.is_empty(), "the demo's ideas have email addresses");
    // A name written into an idea's text and an edit in its timeline, to be reached too.
    let mut input = shortlist_domain::IdeaInput::from(&first.details);
    input.notes = format!("Call {name} on {email} about the data.");
    app.update_idea(first.id, &input).expect("edit");
    let same_person: Vec<_> = before
        .iter()
        .filter_map(|s| app.get_idea(s.id).ok())
        .filter(|i| i.details.submitter_email.eq_ignore_ascii_case(&email))
        .map(|i| i.id)
        .collect();

    let refused = app
        .erase_personal_data(
            challenge.id,
            &ErasureInput { kind: ErasureKind::Anonymise, free_text: true, confirmation: "yes".into() },
        )
        .expect_err("the prefix must be typed");
    assert_eq!(refused.fields[0].field, "confirmation");

    let done = app
        .erase_personal_data(
            challenge.id,
            &ErasureInput { kind: ErasureKind::Anonymise, free_text: true, confirmation: "dc21".into() },
        )
        .expect("anonymised");
    assert_eq!(done.ideas, 200);
    assert!(done.people > 100 && done.audit_entries >= 200, "{done:?}");

    let after = app.list_ideas(challenge.id).expect("ideas");
    assert_eq!(after.len(), before.len(), "every idea is kept");
    let edited = app.get_idea(first.id).expect("idea");
    assert!(edited.details.submitter_name.starts_with("Person "), "{}", edited.details.submitter_name);
    assert_eq!(edited.details.submitter_email, "");
    assert!(
        edited.details.notes.contains(&edited.details.submitter_name)
            && edited.details.notes.contains("[email address removed]"),
        "the free text names the pseudonym instead: {}",
        edited.details.notes
    );
    for id in &same_person {
        assert_eq!(
            app.get_idea(*id).expect("idea").details.submitter_name,
            edited.details.submitter_name,
            "one person keeps one pseudonym across their ideas"
        );
    }
    let query = IdeaQuery { text: name.clone(), ..IdeaQuery::for_challenge(challenge.id) };
    assert_eq!(app.search_ideas(&query).expect("search").total, 0, "the search index forgot {name}");
    let history = app.idea_history(first.id).expect("history");
    assert!(history.iter().all(|c| !format!("{c:?}").contains(&email)), "the timeline forgot the address");
    let trail = app.verify_audit_trail().expect("verify");
    assert!(
        trail.intact,
        "the audit trail still verifies after its entries are rewritten: {}",
        trail.message
    );

    drop(app);
    for (path, bytes) in every_file_under(dir.path()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&email), "{} still holds {email}", path.display());
        assert!(!text.contains(&name), "{} still holds {name}", path.display());
    }
    assert_eq!(
        walk(&dir.path().join("backups")).len(),
        1,
        "the backups that held the data are deleted; one copy is taken after the erasure"
    );
}

#[test]
fn nothing_is_erased_before_the_challenge_closes() {
    let (_dir, app, challenge) =
        demo(Box::new(|| Utc.with_ymd_and_hms(2021, 5, 1, 10, 0, 0).single().expect("a real time")));
    let err = app
        .erase_personal_data(
            challenge.id,
            &ErasureInput { kind: ErasureKind::Erase, free_text: false, confirmation: "DC21".into() },
        )
        .expect_err("still open");
    assert_eq!(err.code, ErrorCode::Refused);
    assert!(err.message.contains("14 May 2021"), "{}", err.message);
}

#[test]
fn a_subject_access_export_holds_every_idea_of_the_person_and_the_trail_records_it_without_the_address() {
    let (dir, app, challenge) = demo(after_closing());
    let ideas = app.list_ideas(challenge.id).expect("ideas");
    let idea = app.get_idea(ideas[3].id).expect("idea");
    let email = idea.details.submitter_email.to_uppercase();
    let out = dir.path().join("sar");
    let made = app.export_subject_access(&email, &out).expect("exported");
    assert!(made.ideas >= 1);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&made.json_path).expect("json")).expect("valid JSON");
    let refs: Vec<&str> = json["ideas"]
        .as_array()
        .expect("ideas")
        .iter()
        .filter_map(|i| i["idea"]["reference"].as_str())
        .collect();
    assert!(refs.contains(&idea.reference.as_str()), "{refs:?}");
    let pdf = std::fs::read(&made.pdf_path).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let newest = app.recent_audit_entries(1).expect("trail");
    assert_eq!(newest[0].what, "subject-access-export (person)");
    assert!(!newest[0].new.as_deref().unwrap_or_default().to_lowercase().contains(&email.to_lowercase()));
    let missing = app.export_subject_access("nobody@nowhere.gov.uk", &out).expect_err("no such person");
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn the_retention_date_brings_a_banner_once_it_has_passed_until_the_data_is_erased() {
    let (_dir, app, challenge) = demo(after_closing());
    let early = app
        .set_retention_date(challenge.id, NaiveDate::from_ymd_opt(2021, 5, 1))
        .expect_err("before the challenge closed");
    assert_eq!(early.fields[0].field, "retainUntil");
    let status = app.set_retention_date(challenge.id, NaiveDate::from_ymd_opt(2021, 8, 31)).expect("set");
    assert!(status.overdue);
    assert!(status.banner.as_deref().is_some_and(|b| b.contains("31 August 2021")), "{:?}", status.banner);
    app.erase_personal_data(
        challenge.id,
        &ErasureInput { kind: ErasureKind::Erase, free_text: false, confirmation: "DC21".into() },
    )
    .expect("erased");
    let status = app.personal_data_status(challenge.id).expect("status");
    assert!(!status.overdue && status.banner.is_none());
    assert_eq!(status.erased_how.as_deref(), Some("erased"));
    assert_eq!(challenge.marking, Marking::Official);
}
