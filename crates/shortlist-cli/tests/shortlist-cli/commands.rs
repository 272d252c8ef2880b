use predicates::prelude::*;

use crate::shortlist;

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        vec!["--help"],
        vec!["info", "--help"],
        vec!["demo", "--help"],
        vec!["settings", "--help"],
        vec!["challenges", "--help"],
        vec!["challenges", "list", "--help"],
        vec!["challenges", "create", "--help"],
        vec!["ideas", "--help"],
        vec!["ideas", "list", "--help"],
        vec!["ideas", "show", "--help"],
        vec!["ideas", "add", "--help"],
        vec!["ideas", "search", "--help"],
        vec!["ideas", "history", "--help"],
        vec!["import", "--help"],
        vec!["export", "--help"],
        vec!["duplicates", "--help"],
        vec!["backup", "--help"],
        vec!["backup", "list", "--help"],
        vec!["backup", "restore", "--help"],
        vec!["protect", "--help"],
        vec!["protect", "set", "--help"],
        vec!["protect", "change", "--help"],
        vec!["protect", "remove", "--help"],
        vec!["audit", "verify", "--help"],
        vec!["audit", "log", "--help"],
        vec!["personal-data", "erase", "--help"],
        vec!["personal-data", "export", "--help"],
        vec!["ideas", "move", "--help"],
        vec!["ideas", "screen", "--help"],
        vec!["ideas", "evaluation", "--help"],
        vec!["ideas", "decide", "--help"],
        vec!["overview", "--help"],
        vec!["rounds", "--help"],
        vec!["pack", "--help"],
        vec!["pack", "panel", "--help"],
        vec!["pack", "idea", "--help"],
        vec!["pack", "judge", "--help"],
        vec!["pack", "judges", "--help"],
        vec!["pack", "results", "--help"],
        vec!["rubric", "templates", "--help"],
        vec!["rubric", "show", "--help"],
        vec!["rubric", "set", "--help"],
        vec!["judges", "add", "--help"],
        vec!["judges", "list", "--help"],
        vec!["panel", "set", "--help"],
        vec!["panel", "show", "--help"],
        vec!["scores", "add", "--help"],
        vec!["scores", "submit", "--help"],
        vec!["results", "--help"],
        vec!["report", "--help"],
        vec!["letters", "--help"],
        vec!["longlist", "--help"],
        vec!["feedback", "--help"],
    ] {
        shortlist(dir.path()).args(&args).assert().success().stdout(predicate::str::contains("Usage:"));
    }
    assert!(!dir.path().join("shortlist.sqlite3").exists(), "asking for help touches no data");
}

#[test]
fn the_demo_is_listed_and_running_it_again_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success().stdout(predicate::str::contains("with 200 ideas"));
    shortlist(dir.path())
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing was changed"));
    let out = shortlist(dir.path()).args(["ideas", "list"]).assert().success().get_output().stdout.clone();
    let lines: Vec<&str> = std::str::from_utf8(&out).expect("UTF-8").lines().collect();
    assert_eq!(lines.len(), 200, "one line per idea");
    assert!(lines[0].starts_with("DC21-0001\t"), "in reference order: {}", lines[0]);
}

#[test]
fn the_flag_wins_over_the_environment_and_info_shows_the_path() {
    let env_dir = tempfile::tempdir().expect("temp dir");
    let flag_dir = tempfile::tempdir().expect("temp dir");
    shortlist(env_dir.path())
        .args(["--data-dir", flag_dir.path().to_str().expect("utf-8 path"), "info"])
        .assert()
        .success()
        .stdout(predicate::str::contains(flag_dir.path().join("shortlist.sqlite3").to_str().expect("utf-8")))
        .stdout(predicate::str::contains("ready"));
    assert!(!env_dir.path().join("shortlist.sqlite3").exists());
}

#[test]
fn an_idea_added_from_the_command_line_can_be_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path())
        .args(["challenges", "create", "--name", "Data Challenge 2022", "--year", "2022"])
        .args(["--closing-date", "2022-05-13", "--prefix", "DC22"])
        .assert()
        .success();
    shortlist(dir.path())
        .args(["ideas", "add", "--title", "Café inspections, joined up", "--summary", "One register."])
        .args(["--submitter", "Dafydd ap Iorwerth", "--department", "Food Standards Agency"])
        .assert()
        .success()
        .stdout("DC22-0001\n");
    let out = shortlist(dir.path()).args(["ideas", "show", "dc22-0001", "--json"]).assert().success();
    let idea: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(idea["title"], "Café inspections, joined up", "accents survive the round trip");
    assert_eq!(idea["submitterName"], "Dafydd ap Iorwerth");
}

#[test]
fn a_blank_title_is_refused_with_the_field_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    shortlist(dir.path())
        .args(["ideas", "add", "--title", " ", "--summary", "x", "--submitter", "A", "--department", "B"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Enter a title for the idea"));
}

#[test]
fn a_file_that_is_not_a_shortlist_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    std::fs::write(&path, "Timestamp,Email,Title\n").expect("write");
    shortlist(dir.path())
        .args(["ideas", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a Shortlist database"));
    assert_eq!(std::fs::read(&path).expect("read"), b"Timestamp,Email,Title\n");
}

#[test]
fn a_backup_is_written_and_opens_as_a_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let copy = dir.path().join("copy/backup.sqlite3");
    shortlist(dir.path()).args(["backup", "--to", copy.to_str().expect("utf-8")]).assert().success();
    let copy_dir = copy.parent().expect("parent");
    std::fs::rename(&copy, copy_dir.join("shortlist.sqlite3")).expect("rename");
    let out = shortlist(copy_dir).args(["ideas", "list"]).assert().success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout).lines().count(),
        200,
        "the copy holds every idea"
    );
}

const EXPORT_CSV: &str = "Timestamp,Email address,Idea title,Describe your idea,Your full name,Which organisation do you work for?\r
14/05/2021 13:45:12,zoe@ons.gov.uk,Café data,Join it up.,Zoë Martin,Office for National Statistics\r
14/05/2021 14:00:00,,,No title,Rhŷs,HMRC\r
";

#[test]
fn an_import_is_a_dry_run_until_committed_and_adds_nothing_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path())
        .args(["challenges", "create", "--name", "Data Challenge 2021", "--year", "2021"])
        .args(["--closing-date", "2021-05-14", "--prefix", "DC21"])
        .assert()
        .success();
    let file = dir.path().join("responses.csv");
    std::fs::write(&file, EXPORT_CSV).expect("write");
    let file = file.to_str().expect("utf-8");

    shortlist(dir.path())
        .args(["import", file])
        .assert()
        .success()
        .stderr(predicate::str::contains("Would add 1 ideas"))
        .stderr(predicate::str::contains("Row 3, column “Idea title”: Enter a title for the idea"))
        .stderr(predicate::str::contains("nothing was written"));
    shortlist(dir.path()).args(["ideas", "list"]).assert().success().stdout("");

    shortlist(dir.path())
        .args(["import", file, "--commit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 1 ideas (DC21-0001 to DC21-0001)"));
    shortlist(dir.path())
        .args(["import", file, "--commit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 0 ideas; 1 already imported"));
    shortlist(dir.path())
        .args(["ideas", "search", "cafe"])
        .assert()
        .success()
        .stdout(predicate::str::contains("DC21-0001"));
}

#[test]
fn a_mapping_can_be_changed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let file = dir.path().join("responses.csv");
    std::fs::write(&file, EXPORT_CSV).expect("write");
    shortlist(dir.path())
        .args(["import", file.to_str().expect("utf-8"), "--map", "Email address=ignore", "--commit"])
        .assert()
        .success();
    let out = shortlist(dir.path()).args(["ideas", "show", "DC21-0201", "--json"]).assert().success();
    let idea: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(idea["submitterEmail"], "", "the ignored column was not imported");
    shortlist(dir.path())
        .args(["import", file.to_str().expect("utf-8"), "--map", "Nope=title"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("The file has no column headed \"Nope\""));
}

#[test]
fn the_register_exports_to_csv_and_xlsx() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let csv = dir.path().join("ideas.csv");
    shortlist(dir.path())
        .args(["export", "--to", csv.to_str().expect("utf-8")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote 200 ideas"));
    let text = std::fs::read_to_string(&csv).expect("read");
    assert!(text.lines().count() >= 201, "a header and 200 ideas (summaries may span lines)");
    let xlsx = dir.path().join("welsh.xlsx");
    shortlist(dir.path())
        .args(["export", "--to", xlsx.to_str().expect("utf-8"), "--department", "Welsh Government"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote "));
    assert!(std::fs::read(&xlsx).expect("read").starts_with(b"PK"), "an XLSX is a zip file");
    shortlist(dir.path())
        .args(["export", "--to", dir.path().join("ideas.txt").to_str().expect("utf-8")])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--format csv or --format xlsx"));
}

#[test]
fn output_cut_short_by_the_reader_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("temp dir");
    // More than a pipe's buffer (64 KB) of output, so the writer meets the closed pipe.
    shortlist(dir.path()).args(["demo", "--ideas", "2000"]).assert().success();
    let bin = assert_cmd::cargo::cargo_bin("shortlist");
    let mut child = std::process::Command::new(bin)
        .env("SHORTLIST_DATA_DIR", dir.path())
        .args(["ideas", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    // The reader is gone (as `| head -1` leaves it); the rest of the list meets a closed pipe.
    let out = child.wait_with_output().expect("ends");
    assert!(first.starts_with("DC21-0001"), "{first}");
    assert!(out.status.success(), "a closed pipe is not a failure");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn settings_say_who_you_are_and_changes_carry_that_name() {
    // Issue #13: the name recorded against changes is the one the person gave.
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path())
        .arg("settings")
        .assert()
        .success()
        .stdout(predicate::str::contains("not confirmed"));
    shortlist(dir.path())
        .args(["settings", "--role", "chair"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("“chair” is not a role: use secretariat or judge"));
    shortlist(dir.path())
        .args(["settings", "--name", "Ffion Hughes", "--role", "secretariat"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Name: Ffion Hughes\nRole: secretariat"));
    shortlist(dir.path()).arg("demo").assert().success();
    shortlist(dir.path())
        .args([
            "ideas",
            "add",
            "--title",
            "Shared rota data",
            "--summary",
            "S",
            "--submitter",
            "A",
            "--department",
            "DfE",
        ])
        .assert()
        .success();
    shortlist(dir.path())
        .args(["ideas", "history", "DC21-0201"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ffion Hughes"));
}
