//! Protecting a data folder with a passphrase, and backups that restore: on a real challenge
//! (the demo's 200 ideas) in a real folder.

use std::path::Path;

use shortlist_app::{
    ChangePassphraseInput, DataDirSource, DataLocation, ErrorCode, ProtectInput, RemoveProtectionInput,
    RestoreInput, Shortlist, UnlockInput,
};
use shortlist_store::protection::{file_state, FileState};

use crate::{clock, idea_input};

const PASSPHRASE: &str = "tidy walrus lantern";

fn location(dir: &Path) -> DataLocation {
    DataLocation { dir: dir.to_owned(), source: DataDirSource::Flag }
}

fn demo_folder() -> (tempfile::TempDir, Shortlist) {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = Shortlist::open(location(dir.path()), clock());
    app.create_demo(7, 200).expect("demo challenge");
    (dir, app)
}

fn idea_count(app: &Shortlist) -> usize {
    let c = app.list_challenges().expect("challenges")[0].id;
    app.list_ideas(c).expect("ideas").len()
}

fn protect(app: &Shortlist) {
    app.protect(&ProtectInput { passphrase: PASSPHRASE.into(), confirmation: PASSPHRASE.into() })
        .expect("protection is set");
}

#[test]
fn a_protected_folder_opens_only_with_its_passphrase_and_keeps_everything() {
    let (dir, app) = demo_folder();
    let fingerprint = app.identity().expect("identity").fingerprint;
    protect(&app);
    assert!(app.is_protected());
    assert_eq!(idea_count(&app), 200, "the open app carries on with every idea");
    drop(app);

    let db = dir.path().join("shortlist.sqlite3");
    assert_eq!(file_state(&db).expect("state"), FileState::Encrypted);
    let key = std::fs::read(dir.path().join("identity.key")).expect("key file");
    assert!(shortlist_exchange::is_sealed(&key), "the signing key is sealed with the passphrase");
    for backup in std::fs::read_dir(dir.path().join("backups")).expect("backups") {
        let path = backup.expect("entry").path();
        assert_eq!(
            file_state(&path).expect("state"),
            FileState::Encrypted,
            "{} must be protected",
            path.display()
        );
    }

    let app = Shortlist::open(location(dir.path()), clock());
    let locked = app.problem().expect("a protected folder opens locked");
    assert_eq!(locked.code, ErrorCode::Locked);
    assert!(app.app_info().protected);
    let before = std::fs::read(&db).expect("read");
    for _ in 0..3 {
        let wrong =
            app.unlock(&UnlockInput { passphrase: "tidy walrus lanterns".into() }).expect_err("wrong");
        assert_eq!((wrong.code, wrong.fields[0].field.as_str()), (ErrorCode::Validation, "passphrase"));
        assert_eq!(app.problem().map(|p| p.code), Some(ErrorCode::Locked), "still locked");
    }
    assert_eq!(std::fs::read(&db).expect("read"), before, "wrong passphrases change nothing");

    app.unlock(&UnlockInput { passphrase: PASSPHRASE.into() }).expect("the right one unlocks");
    assert_eq!(idea_count(&app), 200);
    assert_eq!(app.identity().expect("identity").fingerprint, fingerprint, "the same key, unsealed");
}

#[test]
fn the_passphrase_can_be_changed_and_protection_removed() {
    let (dir, app) = demo_folder();
    app.identity().expect("identity made");
    protect(&app);
    let short = app
        .change_passphrase(&ChangePassphraseInput {
            current: PASSPHRASE.into(),
            passphrase: "short".into(),
            confirmation: "short".into(),
        })
        .expect_err("too short");
    assert_eq!(short.fields[0].field, "passphrase");
    let wrong = app
        .remove_protection(&RemoveProtectionInput { current: "not it at all".into() })
        .expect_err("the current passphrase is checked");
    assert_eq!(wrong.fields[0].field, "current");

    app.change_passphrase(&ChangePassphraseInput {
        current: PASSPHRASE.into(),
        passphrase: "amber otter compass".into(),
        confirmation: "amber otter compass".into(),
    })
    .expect("changed");
    drop(app);
    let app = Shortlist::open(location(dir.path()), clock());
    app.unlock(&UnlockInput { passphrase: PASSPHRASE.into() })
        .expect_err("the old passphrase no longer works");
    app.unlock(&UnlockInput { passphrase: "amber otter compass".into() }).expect("the new one does");
    let backups = app.list_backups().expect("list");
    assert!(backups.backups.iter().all(|b| b.protected), "every backup follows the new passphrase");

    app.remove_protection(&RemoveProtectionInput { current: "amber otter compass".into() }).expect("removed");
    drop(app);
    let app = Shortlist::open(location(dir.path()), clock());
    assert!(app.problem().is_none(), "an unprotected folder opens without a passphrase");
    assert_eq!(idea_count(&app), 200);
    assert!(!shortlist_exchange::is_sealed(&std::fs::read(dir.path().join("identity.key")).expect("key")));
    app.identity().expect("the plain key reads");
}

#[test]
fn a_damaged_database_is_restored_from_the_daily_backup() {
    let (dir, app) = demo_folder();
    drop(app);
    // The next open is the first since the challenge was made: it takes the day's copy.
    let app = Shortlist::open(location(dir.path()), clock());
    let backups = app.list_backups().expect("list");
    let daily = backups.backups.iter().find(|b| b.reason == "Daily").expect("a daily copy").clone();
    assert_eq!(daily.ideas, Some(200));
    let c = app.list_challenges().expect("challenges")[0].id;
    app.create_idea(c, &idea_input("Written after the backup")).expect("idea");
    drop(app);

    // Damage the live file: overwrite a stretch in the middle of it.
    let db = dir.path().join("shortlist.sqlite3");
    let mut bytes = std::fs::read(&db).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 40_000].fill(0x5A);
    std::fs::write(&db, &bytes).expect("damage");
    let app = Shortlist::open(location(dir.path()), clock());
    let problem = app.problem().expect("the damage is noticed");
    assert_eq!(problem.code, ErrorCode::DatabaseUnusable, "{}", problem.message);

    let after = app
        .restore_backup(&RestoreInput { file_name: daily.file_name.clone(), passphrase: None })
        .expect("restored from the problem screen");
    assert!(app.problem().is_none(), "the app is usable again");
    assert_eq!(idea_count(&app), 200, "the restored copy is the one taken before the last idea");
    let aside = after.backups.iter().find(|b| b.reason == "Replaced by a restore").expect("kept aside");
    assert_eq!(
        std::fs::read(dir.path().join("backups").join(&aside.file_name)).expect("aside"),
        bytes,
        "the damaged file is kept, byte for byte"
    );
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_changes() {
    let (dir, app) = demo_folder();
    let made = app.back_up_now().expect("backup");
    let path = dir.path().join("backups").join(&made.file_name);
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 40_000].fill(0);
    std::fs::write(&path, &bytes).expect("damage");
    let live = std::fs::read(dir.path().join("shortlist.sqlite3")).expect("read live");

    let err = app
        .restore_backup(&RestoreInput { file_name: made.file_name.clone(), passphrase: None })
        .expect_err("a damaged copy is refused");
    assert_eq!(err.code, ErrorCode::Refused, "{}", err.message);
    assert!(err.message.contains("nothing was changed"), "{}", err.message);
    assert_eq!(std::fs::read(dir.path().join("shortlist.sqlite3")).expect("read live"), live);
    assert_eq!(idea_count(&app), 200);
    let missing = app
        .restore_backup(&RestoreInput { file_name: "../shortlist.sqlite3".into(), passphrase: None })
        .expect_err("only files in the backups folder");
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn only_the_newest_backups_are_kept() {
    let (_dir, app) = demo_folder();
    for _ in 0..4 {
        app.back_up_now().expect("backup");
    }
    assert_eq!(app.list_backups().expect("list").backups.len(), 4);
    let kept = app.set_backups_kept(2).expect("setting");
    assert_eq!(kept.kept, 2);
    assert_eq!(kept.backups.len(), 2, "the oldest are deleted at once");
    let bad = app.set_backups_kept(0).expect_err("at least one");
    assert_eq!(bad.fields[0].field, "kept");
}

#[test]
fn an_official_sensitive_bundle_opens_only_into_a_protected_folder() {
    // The secretariat's demo challenge, marked OFFICIAL-SENSITIVE (there is no use case to
    // change a marking after creation, so the test sets it in the file).
    let secretariat_dir = tempfile::tempdir().expect("temp dir");
    let secretariat = Shortlist::open(location(secretariat_dir.path()), clock());
    let shortlist_app::DemoOutcome::Created { challenge, .. } = secretariat.create_demo(7, 60).expect("demo")
    else {
        panic!("a fresh folder has no demo yet")
    };
    drop(secretariat);
    let conn = rusqlite::Connection::open(secretariat_dir.path().join("shortlist.sqlite3")).expect("open");
    conn.execute("UPDATE challenges SET marking = 'OFFICIAL-SENSITIVE'", []).expect("mark");
    drop(conn);
    let secretariat = Shortlist::open(location(secretariat_dir.path()), clock());

    let judge_dir = tempfile::tempdir().expect("temp dir");
    let judge_app = Shortlist::open(location(judge_dir.path()), clock());
    let judge = secretariat.list_judges(challenge.id).expect("judges").remove(0);
    let enrolment = judge_app.enrolment_file(&judge.name, "Judge").expect("enrolment");
    secretariat.enrol_judge(judge.id, &enrolment).expect("enrolled");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = secretariat
        .export_bundles(challenge.id, shortlist_domain::Stage::Shortlist, out_dir.path(), None)
        .expect("bundles");
    let bytes = std::fs::read(&out.written[0].path).expect("bundle");

    let refused = judge_app.open_bundle(&bytes, None).expect_err("not into an unprotected folder");
    assert_eq!(refused.code, ErrorCode::NeedsProtection, "{}", refused.message);
    assert!(judge_app.list_challenges().expect("list").is_empty(), "nothing was opened");

    protect(&judge_app);
    judge_app.open_bundle(&bytes, None).expect("opens once the folder is protected");
    let copy = judge_app.list_challenges().expect("list").remove(0);
    assert_eq!(copy.marking, shortlist_domain::Marking::OfficialSensitive);
}
