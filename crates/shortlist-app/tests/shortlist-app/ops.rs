use shortlist_app::{
    DataDirSource, DataLocation, DemoOutcome, ErrorCode, Shortlist, UserRole, UserSettings, UserSettingsInput,
};
use shortlist_demo::{demo_ideas, DEMO_SEED};
use shortlist_domain::{ChallengeId, IdeaId, IdeaInput};

use crate::{challenge_input, clock, fresh, idea_input, with_challenge};

#[test]
fn an_idea_is_created_listed_viewed_and_edited() {
    let (app, c) = with_challenge();
    let idea =
        app.create_idea(c.id, &idea_input("Match flood alerts to care home addresses")).expect("created");
    assert_eq!(idea.reference.as_str(), "DC21-0001");

    let list = app.list_ideas(c.id).expect("listed");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "Match flood alerts to care home addresses");

    let mut edit = IdeaInput::from(&idea);
    edit.title = "Match flood alerts to every care home".into();
    let edited = app.update_idea(idea.id, &edit).expect("edited");
    assert_eq!(app.get_idea(idea.id).expect("viewed"), edited, "the edit is what is read back");
    assert_eq!(edited.reference, idea.reference, "an edit never changes the reference");
}

#[test]
fn a_form_with_problems_returns_every_field_message_and_saves_nothing() {
    let (app, c) = with_challenge();
    let err = app.create_idea(c.id, &IdeaInput::default()).expect_err("an empty form is refused");
    assert_eq!(err.code, ErrorCode::Validation);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["title", "summary", "submitterName", "department", "submittedDay"],
        "one message per field, in form order"
    );
    assert!(app.list_ideas(c.id).expect("list").is_empty(), "nothing was saved");
}

#[test]
fn a_second_challenge_cannot_reuse_a_prefix() {
    let (app, _) = with_challenge();
    let err = app.create_challenge(&challenge_input("dc21")).expect_err("DC21 is taken");
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.fields[0].field, "referencePrefix", "the message sits beside the prefix field");
    assert!(err.message.contains("already used"), "{}", err.message);
    assert_eq!(app.list_challenges().expect("list").len(), 1);
}

#[test]
fn unknown_ids_are_not_found_with_a_plain_message() {
    let (app, _) = with_challenge();
    let err = app.get_idea(IdeaId(42)).expect_err("there is no idea 42");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = app.list_ideas(ChallengeId(42)).expect_err("there is no challenge 42");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = app.update_idea(IdeaId(42), &idea_input("x")).expect_err("cannot edit what is not there");
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn ideas_are_found_by_the_reference_people_quote() {
    let (app, c) = with_challenge();
    let idea = app.create_idea(c.id, &idea_input("Something")).expect("created");
    assert_eq!(
        app.get_idea_by_reference(" dc21-0001 ").expect("found").id,
        idea.id,
        "case and spaces forgiven"
    );
}

#[test]
fn the_demo_challenge_is_created_once() {
    let app = fresh();
    let first = app.create_demo(DEMO_SEED, 200).expect("demo");
    let DemoOutcome::Created { challenge, ideas } = first else { panic!("the first run creates it") };
    assert_eq!(ideas, 200);
    assert_eq!(app.list_ideas(challenge.id).expect("list").len(), 200);
    let expected_first = &demo_ideas(DEMO_SEED, 200)[0];
    let stored_first = app.get_idea_by_reference("DC21-0001").expect("first idea");
    assert_eq!(stored_first.details.title, expected_first.title, "ideas are stored in generated order");

    let again = app.create_demo(DEMO_SEED, 200).expect("demo again");
    assert!(matches!(again, DemoOutcome::AlreadyPresent { .. }), "running it twice changes nothing");
    assert_eq!(app.list_ideas(challenge.id).expect("list").len(), 200);
}

#[test]
fn a_folder_holding_a_foreign_file_reports_it_and_every_use_case_refuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let location = DataLocation { dir: dir.path().to_owned(), source: DataDirSource::Flag };
    std::fs::write(location.database_path(), b"not a database at all").expect("write");
    let app = Shortlist::open(location.clone(), clock());

    let problem = app.app_info().problem.expect("the problem is reported");
    assert_eq!(problem.code, ErrorCode::DatabaseUnusable);
    assert!(problem.message.contains("is not a Shortlist database"), "{}", problem.message);
    assert!(problem.message.contains("--data-dir"), "the message says how to get going again");
    let err = app.list_challenges().expect_err("no use case runs on an unusable database");
    assert_eq!(err.code, ErrorCode::DatabaseUnusable);
    assert_eq!(std::fs::read(location.database_path()).expect("read"), b"not a database at all");
}

#[test]
fn the_data_folder_comes_from_the_shell_arguments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = ["--data-dir".into(), dir.path().as_os_str().to_owned()];
    let app = Shortlist::open_from_process(args, clock());
    assert_eq!(app.location().source, DataDirSource::Flag);
    assert!(app.problem().is_none());
    assert!(dir.path().join("shortlist.sqlite3").exists(), "the database is created in the chosen folder");
}

#[test]
fn every_edit_is_in_the_history_with_who_when_and_old_to_new() {
    let (app, c) = with_challenge();
    app.save_user_settings(&UserSettingsInput {
        display_name: "Ffion Secretariat".into(),
        role: Some(UserRole::Secretariat),
    })
    .expect("name saved");
    let idea = app.create_idea(c.id, &idea_input("Before")).expect("created");
    let mut edit = IdeaInput::from(&idea);
    edit.title = "After".into();
    edit.tags = vec!["pilot".into()];
    app.update_idea(idea.id, &edit).expect("edited");
    app.update_idea(idea.id, &edit).expect("saved again without changes");

    let history = app.idea_history(idea.id).expect("history");
    type Entry<'a> = (shortlist_domain::ChangeKind, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let shown: Vec<Entry<'_>> = history
        .iter()
        .map(|h| (h.kind, h.field.as_deref(), h.old_value.as_deref(), h.new_value.as_deref()))
        .collect();
    use shortlist_domain::ChangeKind::{Created, Edited};
    assert_eq!(
        shown,
        [
            (Edited, Some("Tags"), Some(""), Some("pilot")),
            (Edited, Some("Title"), Some("Before"), Some("After")),
            (Created, None, None, None),
        ],
        "newest first; one entry per changed field; a save with no change records nothing"
    );
    assert!(
        history.iter().all(|h| h.by == "Ffion Secretariat"),
        "changes carry the display name from Settings"
    );
}

#[test]
fn a_blank_display_name_is_refused() {
    let app = fresh();
    let err = app
        .save_user_settings(&UserSettingsInput {
            display_name: "  ".into(),
            role: Some(UserRole::Secretariat),
        })
        .expect_err("blank is refused");
    assert_eq!(err.fields[0].field, "displayName");
    assert_eq!(app.display_name().expect("name"), "Test user", "the earlier name stands");
}

#[test]
fn the_first_run_is_over_once_name_and_role_are_saved() {
    // Issue #13: the first start asks who you are, prefilled from the system's account.
    let app = fresh().with_default_display_name(Some("Ffion Hughes"));
    let before = app.user_settings().expect("settings");
    assert_eq!(
        before,
        UserSettings { display_name: "Ffion Hughes".into(), role: None, confirmed: false },
        "the system's name is offered, not yet confirmed"
    );
    app.save_user_settings(&UserSettingsInput {
        display_name: "Ffion Hughes-Jones".into(),
        role: Some(UserRole::Judge),
    })
    .expect("saved");
    let after = app.user_settings().expect("settings");
    assert_eq!(
        after,
        UserSettings {
            display_name: "Ffion Hughes-Jones".into(),
            role: Some(UserRole::Judge),
            confirmed: true
        }
    );
    app.save_user_settings(&UserSettingsInput { display_name: "Ffion Hughes-Jones".into(), role: None })
        .expect("saved");
    assert_eq!(
        app.user_settings().expect("settings").role,
        Some(UserRole::Judge),
        "no role given keeps the role"
    );
}

#[test]
fn nothing_is_recorded_as_made_by_an_unknown_user() {
    // Issue #13: where the system knows no name and none was saved, writes are refused with a
    // message saying how to give one, rather than signed "Unknown user".
    let app = fresh().with_default_display_name(None);
    let c = app.create_challenge(&challenge_input("DC21")).expect("a challenge needs no author");
    let err = app.create_idea(c.id, &idea_input("Nobody's idea")).expect_err("refused");
    assert_eq!(err.fields[0].field, "displayName");
    assert!(err.message.contains("Settings"), "{}", err.message);
    assert!(app.list_ideas(c.id).expect("list").is_empty(), "nothing was written");
    let no_role = app
        .save_user_settings(&UserSettingsInput { display_name: "Rhys Pritchard".into(), role: None })
        .expect_err("the first save needs a role");
    assert_eq!(no_role.fields[0].field, "role");
    app.save_user_settings(&UserSettingsInput {
        display_name: "Rhys Pritchard".into(),
        role: Some(UserRole::Judge),
    })
    .expect("saved");
    let idea = app.create_idea(c.id, &idea_input("Rhys's idea")).expect("now it is");
    assert_eq!(app.idea_history(idea.id).expect("history")[0].by, "Rhys Pritchard");
}

#[test]
fn search_finds_demo_ideas_by_accent_free_words() {
    let app = fresh();
    let DemoOutcome::Created { challenge, .. } = app.create_demo(DEMO_SEED, 200).expect("demo") else {
        panic!("created")
    };
    let first = app.get_idea_by_reference("DC21-0001").expect("first");
    let word = first.details.title.split_whitespace().max_by_key(|w| w.len()).expect("a word").to_lowercase();
    let q = shortlist_domain::IdeaQuery {
        text: word.clone(),
        ..shortlist_domain::IdeaQuery::for_challenge(challenge.id)
    };
    let results = app.search_ideas(&q).expect("search");
    assert!(results.hits.iter().any(|h| h.idea.id == first.id), "{word:?} finds the idea it came from");
    assert!(!results.facets.departments.is_empty(), "filters come with counts");
}
