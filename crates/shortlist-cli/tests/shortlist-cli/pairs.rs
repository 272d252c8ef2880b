//! A pairwise round (issue #17) between installations, driven by the CLI: the secretariat
//! chooses the method, the bundles carry each judge's pairs, two judges choose offline and the
//! secretariat merges both returns.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::shortlist;

const JUDGES: [&str; 2] = ["Dame Helen Achebe", "Rhys Pritchard"];

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// Chooses in every pair of `judge`'s the idea with the lower reference; returns how many pairs.
fn choose_all(dir: &Path, judge: &str) -> usize {
    let listed = stdout(shortlist(dir).args(["pairs", "list", "--round", "shortlist", "--judge", judge]));
    let pairs: Vec<(String, String)> = listed
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            (cells.len() == 5).then(|| (reference(cells[1]), reference(cells[3])))
        })
        .collect();
    for (n, (left, right)) in pairs.iter().enumerate() {
        let choice = if left < right { "left" } else { "right" };
        shortlist(dir)
            .args([
                "pairs",
                "choose",
                "--round",
                "shortlist",
                "--judge",
                judge,
                "--pair",
                &(n + 1).to_string(),
            ])
            .args(["--choice", choice])
            .assert()
            .success();
    }
    let done = stdout(shortlist(dir).args(["pairs", "list", "--round", "shortlist", "--judge", judge]));
    assert!(done.contains(&format!("{0} of {0} pairs compared", pairs.len())), "{done}");
    pairs.len()
}

fn reference(cell: &str) -> String {
    cell.split(' ').next().expect("a reference").to_owned()
}

#[test]
fn two_judges_compare_pairs_offline_and_the_secretariat_merges_their_choices() {
    let root = tempfile::tempdir().expect("temp dir");
    let (secretariat, files) = (root.path().join("secretariat"), root.path().join("files"));
    std::fs::create_dir_all(&files).expect("files");
    shortlist(&secretariat).arg("demo").assert().success();
    shortlist(&secretariat)
        .args(["pairs", "method", "--round", "shortlist", "--method", "pairwise"])
        .assert()
        .success()
        .stdout(predicate::str::contains("judged by: pairwise comparison"));
    let judges: Vec<PathBuf> = JUDGES
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let dir = root.path().join(format!("judge-{n}"));
            let enrolment = files.join(format!("enrolment-{n}.json"));
            shortlist(&dir)
                .args(["identity", "enrolment", "--name", name, "--to"])
                .arg(&enrolment)
                .assert()
                .success();
            shortlist(&secretariat)
                .args(["judges", "enrol", "--judge", name, "--file"])
                .arg(&enrolment)
                .assert()
                .success();
            dir
        })
        .collect();
    let bundles = files.join("bundles");
    shortlist(&secretariat)
        .args(["bundles", "export", "--round", "shortlist", "--to-dir"])
        .arg(&bundles)
        .assert()
        .success();
    let plan = stdout(shortlist(&secretariat).args(["pairs", "plan", "--round", "shortlist", "--show"]));
    assert!(plan.contains("0 choices recorded"), "sending the bundles planned the pairs: {plan}");

    let mut returns = Vec::new();
    let mut sent = 0;
    for (n, (dir, name)) in judges.iter().zip(JUDGES).enumerate() {
        shortlist(dir)
            .args(["bundles", "open"])
            .arg(bundles.join(format!("DC21 Shortlist bundle for {name}.shortlist")))
            .assert()
            .success()
            .stdout(predicate::str::contains("pairs to compare in the Shortlist round"));
        sent += choose_all(dir, name);
        let file = files.join(format!("return-{n}.shortlist"));
        shortlist(dir)
            .args(["returns", "export", "--round", "shortlist", "--to"])
            .arg(&file)
            .assert()
            .success();
        returns.push(file);
    }
    let out = stdout(shortlist(&secretariat).args(["returns", "import"]).args(&returns));
    let accepted: usize =
        out.lines().filter_map(|l| l.split(": ").nth(1)?.split(' ').next()?.parse::<usize>().ok()).sum();
    assert_eq!(accepted, sent, "every choice sent was accepted: {out}");
    let plan = stdout(shortlist(&secretariat).args(["pairs", "plan", "--round", "shortlist", "--show"]));
    assert!(plan.contains(&format!("{sent} choices recorded")), "{plan}");

    let again = stdout(shortlist(&secretariat).args(["returns", "import"]).args(&returns));
    assert_eq!(
        again.matches("already imported, nothing changed").count(),
        2,
        "a replay changes nothing: {again}"
    );
    shortlist(&secretariat)
        .args(["pairs", "plan", "--round", "shortlist"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already compared pairs"));
}

#[test]
fn a_pair_number_out_of_range_says_which_numbers_there_are() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path();
    shortlist(dir).arg("demo").assert().success();
    shortlist(dir).args(["pairs", "method", "--round", "shortlist", "--method", "both"]).assert().success();
    shortlist(dir).args(["pairs", "plan", "--round", "shortlist"]).assert().success();
    shortlist(dir)
        .args([
            "pairs",
            "choose",
            "--round",
            "shortlist",
            "--judge",
            JUDGES[0],
            "--pair",
            "99",
            "--choice",
            "left",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("give --pair from 1 to"));
}
