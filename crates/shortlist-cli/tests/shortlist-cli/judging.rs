//! Scripting a judging round: the demo's panel, scores typed in from score sheets, results.

use predicates::prelude::*;

use crate::shortlist;

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

#[test]
fn rubric_templates_list_criteria_weights_and_bands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = stdout(shortlist(dir.path()).args(["rubric", "templates"]));
    for expected in ["challenge-default", "innovate-uk", "green-book", "weight 1 (20%)", "8-10   Excellent"] {
        assert!(out.contains(expected), "{expected:?} missing from:\n{out}");
    }
}

#[test]
fn a_round_is_scored_from_a_script_and_its_results_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let judges = stdout(shortlist(dir.path()).args(["judges", "list"]));
    assert_eq!(judges.lines().count(), 5, "the demo seats a panel of five:\n{judges}");
    assert!(judges.contains("Government Chief Data Officer"));
    let panel = stdout(shortlist(dir.path()).args(["panel", "show", "--round", "shortlist"]));
    assert!(panel.contains("Scoring has not started") && panel.contains("Challenge default"), "{panel}");

    let round = stdout(shortlist(dir.path()).args(["results", "--round", "shortlist"]));
    let first: Vec<String> = round
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split('\t').nth(1).expect("a reference").to_owned())
        .collect();
    // Two judges score two ideas: 4 on every criterion for the first, 2 for the second.
    for judge in ["Dame Helen Achebe", "Tom Fairweather"] {
        for (idea, value) in first.iter().zip(["4", "2"]) {
            for criterion in ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"] {
                shortlist(dir.path())
                    .args(["scores", "add", "--round", "shortlist", "--judge", judge, "--idea", idea])
                    .args(["--criterion", criterion, "--score", value])
                    .assert()
                    .success();
            }
            shortlist(dir.path())
                .args(["scores", "submit", "--round", "shortlist", "--judge", judge, "--idea", idea])
                .assert()
                .success()
                .stdout(predicate::str::contains("Submitted"));
        }
    }
    shortlist(dir.path())
        .args(["scores", "add", "--round", "shortlist", "--judge", "2", "--idea", &first[0]])
        .args(["--criterion", "viability", "--score", "9"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("must be a whole number from 1 to 5 (it is 9)"));

    let table = stdout(shortlist(dir.path()).args(["results", "--round", "shortlist", "--rank-by", "raw"]));
    let top: Vec<&str> = table.lines().nth(1).expect("a first row").split('\t').collect();
    assert_eq!(&top[..3], ["1", first[0].as_str(), "4.00"], "{table}");

    shortlist(dir.path())
        .args(["rubric", "set", "--round", "shortlist", "--template", "green-book"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("add --confirm"));

    let csv = dir.path().join("results.csv");
    shortlist(dir.path())
        .args(["results", "--round", "shortlist", "--export"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("results for 8 ideas"));
    let text = std::fs::read_to_string(&csv).expect("the export is written");
    assert!(text.contains(&format!("1,{},", first[0])), "{text}");
}

/// `results --method` prints each method's results: the scores' intervals, the judges'
/// agreement and the cut; the pairwise ranking; or both. The round is judged both ways; each
/// of the five judges chooses, on every pair planned for them, the idea with the lower
/// reference, so the pairwise order is the references' order.
#[test]
fn results_prints_each_method_with_intervals_agreement_and_the_cut() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let json = stdout(shortlist(dir.path()).args(["results", "--round", "shortlist", "--json"]));
    let results: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut references: Vec<String> = results["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["idea"]["reference"].as_str().expect("a reference").to_owned())
        .collect();
    references.sort();
    let judges: Vec<String> = results["judges"]
        .as_array()
        .expect("judges")
        .iter()
        .map(|j| j["id"].as_i64().expect("an id").to_string())
        .collect();

    shortlist(dir.path())
        .args(["pairs", "method", "--round", "shortlist", "--method", "both"])
        .assert()
        .success();
    shortlist(dir.path()).args(["pairs", "plan", "--round", "shortlist"]).assert().success();
    let mut choices = 0;
    for judge in &judges {
        let listed =
            stdout(shortlist(dir.path()).args(["pairs", "list", "--round", "shortlist", "--judge", judge]));
        for line in listed.lines().filter(|l| l.contains("\tagainst\t")) {
            let fields: Vec<&str> = line.split('\t').collect();
            let reference = |f: &str| f.split(' ').next().expect("a reference").to_owned();
            let choice = if reference(fields[1]) < reference(fields[3]) { "left" } else { "right" };
            shortlist(dir.path())
                .args(["pairs", "choose", "--round", "shortlist", "--judge", judge, "--pair", fields[0]])
                .args(["--choice", choice])
                .assert()
                .success();
            choices += 1;
        }
    }

    let scores =
        stdout(shortlist(dir.path()).args(["results", "--round", "shortlist", "--method", "scores"]));
    assert!(
        scores.lines().next().expect("a header").contains("Score 95% interval\tRank 95% interval"),
        "{scores}"
    );
    assert!(scores.contains("How far the judges agree"), "{scores}");
    assert!(scores.contains("so agreement cannot be measured"), "nothing is scored yet: {scores}");
    assert!(scores.contains("The cut: 4 go on to the Semi-final"), "{scores}");
    assert!(!scores.contains("Pairwise ranking"), "{scores}");

    let pairwise =
        stdout(shortlist(dir.path()).args(["results", "--round", "shortlist", "--method", "pairwise"]));
    assert!(pairwise.starts_with(&format!("Pairwise ranking ({choices} comparisons")), "{pairwise}");
    let order: Vec<&str> = pairwise
        .lines()
        .skip(2)
        .take(references.len())
        .map(|l| l.split('\t').nth(1).expect("a reference"))
        .collect();
    assert_eq!(order, references, "every judge preferred the lower reference:\n{pairwise}");
    assert!(!pairwise.contains("How far the judges agree"));
    assert!(pairwise.contains("The cut: 4 go on to the Semi-final"), "{pairwise}");

    let both = stdout(shortlist(dir.path()).args(["results", "--round", "shortlist"]));
    assert!(
        both.contains("How far the judges agree") && both.contains("Pairwise ranking"),
        "the round's method is both: {both}"
    );

    let xlsx = dir.path().join("both.xlsx");
    shortlist(dir.path())
        .args(["results", "--round", "shortlist", "--to"])
        .arg(&xlsx)
        .assert()
        .success()
        .stdout(predicate::str::contains("results for 8 ideas"));
    let csv = dir.path().join("pairwise.csv");
    shortlist(dir.path())
        .args(["results", "--round", "shortlist", "--method", "pairwise", "--to"])
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).expect("the export is written");
    assert!(text.contains("Rank,Reference,Title,Strength,Standard error"), "{text}");
    assert!(text.contains(&format!("\n1,{},", references[0])), "{text}");
}

/// Issue #17 item 4: the sift's share-out and its suggested conflicts, from a script.
#[test]
fn a_round_is_shared_out_from_a_script_and_suggested_conflicts_decided() {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).arg("demo").assert().success();
    let args = ["assign", "--round", "shortlist", "--per-idea", "2", "--seed", "7"];

    let dry = stdout(shortlist(dir.path()).args(args).arg("--dry-run"));
    let loads: Vec<u32> = dry
        .lines()
        .skip_while(|l| !l.starts_with("Judge\t"))
        .skip(1)
        .take_while(|l| !l.starts_with("Busiest"))
        .map(|l| l.split('\t').nth(1).expect("a load").parse().expect("a number"))
        .collect();
    assert_eq!(loads.len(), 5, "one line per judge of the demo's panel:\n{dry}");
    assert_eq!(loads.iter().sum::<u32>(), 16, "the demo's 8 ideas, 2 judges each:\n{dry}");
    assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1, "balanced:\n{dry}");
    let applied = stdout(shortlist(dir.path()).args(args));
    assert_eq!(applied, dry, "the dry run shows what is then applied");

    shortlist(dir.path())
        .args(["assign", "--round", "shortlist", "--per-idea", "6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Each idea needs 6 assessors but there are only 5"));

    // The demo has a judge from the DVLA and an idea submitted from it.
    let suggested = stdout(shortlist(dir.path()).args(["assign", "suggestions", "--round", "shortlist"]));
    let first: Vec<&str> = suggested.lines().next().expect("a suggestion").split('\t').collect();
    shortlist(dir.path())
        .args(["assign", "dismiss", "--round", "shortlist", "--judge", first[0], "--idea", first[1]])
        .assert()
        .success()
        .stdout(predicate::str::contains("Dismissed"));
    let after = stdout(shortlist(dir.path()).args(["assign", "suggestions", "--round", "shortlist"]));
    let pair = format!("{}\t{}\t", first[0], first[1]);
    assert!(!after.lines().any(|l| l.starts_with(&pair)), "a dismissed suggestion is gone:\n{after}");
}
