//! `shortlist protect` and `shortlist backup`, as a secretariat's script runs them: passphrases
//! from environment variables, never from the command line.

use predicates::prelude::*;

use crate::shortlist;

const PASSPHRASE: &str = "tidy walrus lantern";

fn demo(dir: &std::path::Path) {
    shortlist(dir).args(["demo", "--ideas", "30"]).assert().success();
}

#[test]
fn a_protected_folder_needs_its_passphrase_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    demo(dir.path());
    shortlist(dir.path())
        .args(["protect", "set", "--new-passphrase-env", "NEW_PASS"])
        .env("NEW_PASS", PASSPHRASE)
        .assert()
        .success()
        .stdout(predicate::str::contains("now protected"));

    shortlist(dir.path()).args(["ideas", "list"]).assert().failure().stderr(
        predicate::str::contains("protected by a passphrase")
            .and(predicate::str::contains("--passphrase-env")),
    );
    shortlist(dir.path())
        .args(["ideas", "list", "--passphrase-env", "PASS"])
        .env("PASS", "tidy walrus lanterns")
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not unlock"));
    shortlist(dir.path())
        .args(["ideas", "list", "--passphrase-env", "PASS"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("PASS").and(predicate::str::contains("not set")));
    let listed = shortlist(dir.path())
        .args(["--passphrase-env", "PASS", "ideas", "list", "--json"])
        .env("PASS", PASSPHRASE)
        .assert()
        .success();
    let ideas: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).expect("json");
    assert_eq!(ideas.as_array().map(Vec::len), Some(30), "every idea is there once unlocked");

    shortlist(dir.path())
        .args(["protect", "remove", "--passphrase-env", "PASS"])
        .env("PASS", PASSPHRASE)
        .assert()
        .success();
    shortlist(dir.path()).args(["ideas", "list"]).assert().success();
}

#[test]
fn a_backup_is_listed_and_restored() {
    let dir = tempfile::tempdir().expect("temp dir");
    demo(dir.path());
    let taken = shortlist(dir.path()).args(["backup", "now"]).assert().success();
    let out = String::from_utf8_lossy(&taken.get_output().stdout).into_owned();
    let name = out.trim().rsplit(' ').next().expect("the copy's name").to_owned();
    assert!(name.ends_with("-30ideas.sqlite3"), "{name}");
    shortlist(dir.path())
        .args([
            "ideas",
            "add",
            "--title",
            "After the backup",
            "--summary",
            "S",
            "--submitter",
            "A Person",
            "--department",
            "HM Treasury",
        ])
        .assert()
        .success();
    shortlist(dir.path())
        .args(["backup", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&name).and(predicate::str::contains("Made by you")));
    shortlist(dir.path()).args(["backup", "restore", &name]).assert().success();
    let listed = shortlist(dir.path()).args(["ideas", "list", "--json"]).assert().success();
    let ideas: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).expect("json");
    assert_eq!(ideas.as_array().map(Vec::len), Some(30), "the idea added after the copy is gone");
    shortlist(dir.path())
        .args(["backup", "restore", "no-such-copy.sqlite3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("There is no backup called"));
}

#[test]
fn the_audit_trail_is_intact_until_another_program_edits_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    demo(dir.path());
    shortlist(dir.path())
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("The audit trail is intact"));
    shortlist(dir.path())
        .args(["audit", "log", "--limit", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("insert of"));

    // An UPDATE made behind Shortlist's back, as with the sqlite3 tool.
    let conn = rusqlite::Connection::open(dir.path().join("shortlist.sqlite3")).expect("open");
    conn.execute("UPDATE ideas SET title = 'Not through Shortlist' WHERE id = 5", []).expect("edit");
    drop(conn);
    shortlist(dir.path()).args(["audit", "verify"]).assert().failure().stderr(
        predicate::str::contains("broken at entry").and(predicate::str::contains("update of ideas row 5")),
    );
}

#[test]
fn personal_data_is_exported_then_anonymised_after_the_retention_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    demo(dir.path());
    let first = shortlist(dir.path()).args(["ideas", "show", "DC21-0001", "--json"]).assert().success();
    let idea: serde_json::Value = serde_json::from_slice(&first.get_output().stdout).expect("json");
    let email = idea["submitterEmail"].as_str().expect("an email").to_owned();
    let name = idea["submitterName"].as_str().expect("a name").to_owned();

    let out = dir.path().join("sar");
    shortlist(dir.path())
        .args(["personal-data", "export", "--email", &email, "--to"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains(".json").and(predicate::str::contains(".pdf")));

    // The demo closed on 14 May 2021; its data was to be kept until the end of that year.
    shortlist(dir.path()).args(["personal-data", "retain", "--until", "2021-12-31"]).assert().success();
    shortlist(dir.path())
        .args(["personal-data", "status"])
        .assert()
        .success()
        .stderr(predicate::str::contains("has passed"));
    shortlist(dir.path())
        .args(["personal-data", "erase", "--anonymise", "--free-text", "--confirm", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Type DC21 to confirm"));
    shortlist(dir.path())
        .args(["personal-data", "erase", "--anonymise", "--free-text", "--confirm", "DC21"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Anonymised the personal data"));
    let listed = shortlist(dir.path()).args(["ideas", "list"]).assert().success();
    let text = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    assert!(!text.contains(&name), "{name} is still listed");
    assert!(text.contains("Person 1"), "pseudonyms replace the names");
    shortlist(dir.path()).args(["audit", "verify"]).assert().success();
    shortlist(dir.path())
        .args(["personal-data", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("It was anonymised"));
}
