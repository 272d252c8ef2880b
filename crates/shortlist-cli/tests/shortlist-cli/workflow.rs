//! Moving ideas through the rounds from a script.

use predicates::prelude::*;

use crate::shortlist;

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// The references at `stage`, from `shortlist overview --json`.
fn at(dir: &std::path::Path, stage: &str) -> Vec<String> {
    let json = stdout(shortlist(dir).args(["overview", "--stage", stage, "--json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("overview JSON");
    rows.iter().map(|r| r["reference"].as_str().expect("a reference").to_owned()).collect()
}

#[test]
fn ideas_are_screened_moved_in_bulk_and_refused_moves_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let submitted = at(dir.path(), "submitted");
    let (a, b) = (&submitted[0], &submitted[1]);

    shortlist(dir.path())
        .args(["ideas", "screen", a, "--eligibility", "eligible", "--under-way", "no"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Eligible"));
    shortlist(dir.path())
        .args(["ideas", "move", a, b, "--to", "screened"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("Record the screening of {b}")))
        .stderr(predicate::str::contains("none of the 2 selected ideas were moved"));
    assert!(at(dir.path(), "submitted").contains(a), "a refused batch moves nobody");

    shortlist(dir.path())
        .args(["ideas", "move", a, "--to", "Screened"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Moved 1 idea to Screened: {a}")));
    let history = stdout(shortlist(dir.path()).args(["ideas", "history", a]));
    assert!(history.contains("Stage: \"Submitted\" → \"Screened\""), "{history}");
}

#[test]
fn going_past_the_target_needs_confirm_and_decisions_move_ideas_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let shortlist_now = at(dir.path(), "shortlist");
    assert_eq!(shortlist_now.len(), 8, "the demo fills the shortlist to its target");
    let ready: Vec<String> = {
        let json = stdout(shortlist(dir.path()).args(["overview", "--stage", "longlist", "--json"]));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("overview JSON");
        rows.iter()
            .filter(|r| r["evaluated"] == true && r["missing"] == 0)
            .map(|r| r["reference"].as_str().expect("a reference").to_owned())
            .collect()
    };
    let ninth = &ready[0];
    shortlist(dir.path())
        .args(["ideas", "move", ninth, "--to", "shortlist"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("more than its target of 8"))
        .stderr(predicate::str::contains("add --confirm"));
    shortlist(dir.path()).args(["ideas", "move", ninth, "--to", "shortlist", "--confirm"]).assert().success();
    assert_eq!(at(dir.path(), "shortlist").len(), 9);

    shortlist(dir.path())
        .args([
            "ideas",
            "decide",
            &shortlist_now[0],
            "--decision",
            "progress",
            "--reasons",
            "Clear winner on value",
        ])
        .args(["--date", "2021-10-12"])
        .assert()
        .success()
        .stdout(predicate::str::contains("is now at Semi-final"));
    shortlist(dir.path())
        .args([
            "ideas",
            "decide",
            &shortlist_now[1],
            "--decision",
            "winner",
            "--reasons",
            "x",
            "--date",
            "2021-10-12",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("A winner is chosen at the last round"));
}

#[test]
fn an_evaluation_prints_its_ratings_and_obstacles_worst_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let first = at(dir.path(), "shortlist").remove(0);
    let out = stdout(shortlist(dir.path()).args(["ideas", "evaluation", &first]));
    for heading in ["Viability: ", "Benefits: ", "Delivery obstacles: ", "Recommendation: Progress"] {
        assert!(out.contains(heading), "{heading} missing from:\n{out}");
    }
    let scores: Vec<u32> = out
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('[')?.split(']').next()?.trim().parse().ok())
        .collect();
    assert!(!scores.is_empty(), "the obstacles are listed");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "worst first: {scores:?}");
}

#[test]
fn an_unknown_stage_is_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path())
        .args(["ideas", "move", "DC21-0001", "--to", "semis"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"semis\" is not a stage; use one of submitted, screened"));
}

#[test]
fn a_folder_of_per_judge_packs_is_made_in_one_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let out = dir.path().join("packs for the panel");
    shortlist(dir.path())
        .args(["pack", "judges", "--round", "shortlist", "--meeting-date", "2021-10-12", "--to-dir"])
        .arg(&out)
        .assert()
        .success();
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder was made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "one pack per judge of the demo's panel: {files:?}");
    assert!(
        files.iter().all(|f| f.starts_with("DC21 shortlist pack for ") && f.ends_with(".pdf")),
        "{files:?}"
    );
    for f in &files {
        let bytes = std::fs::read(out.join(f)).expect("readable");
        assert!(bytes.starts_with(b"%PDF-"), "{f} is a PDF");
    }
    shortlist(dir.path())
        .args(["pack", "judges", "--round", "semi-final", "--to-dir"])
        .arg(dir.path().join("none"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("The Semi-final round has no panel yet"));
}
