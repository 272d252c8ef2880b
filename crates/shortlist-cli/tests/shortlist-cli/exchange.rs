//! The offline round trip of issue #7, driven by the CLI as the secretariat and four judges
//! would drive it: one data folder each, files passed between them and nothing else.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::shortlist;

const CRITERIA: [&str; 5] = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];
const JUDGES: [&str; 4] = ["Dame Helen Achebe", "Rhys Pritchard", "Priya Raman", "Margaret Olusanya"];

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// The references of the ideas in a judge's folder: the ones their bundle gave them.
fn references(dir: &Path) -> Vec<String> {
    stdout(shortlist(dir).args(["ideas", "list"]))
        .lines()
        .map(|l| l.split('\t').next().expect("a reference").to_owned())
        .collect()
}

/// Scores every criterion of `ideas` (the same value, 2 to 4, so no comment is needed) and
/// submits them, in the judge's own folder.
fn score(dir: &Path, judge: &str, ideas: &[String], value: &str) {
    for idea in ideas {
        for criterion in CRITERIA {
            shortlist(dir)
                .args(["scores", "add", "--round", "shortlist", "--judge", judge, "--idea", idea])
                .args(["--criterion", criterion, "--score", value])
                .assert()
                .success();
        }
        shortlist(dir)
            .args(["scores", "submit", "--round", "shortlist", "--judge", judge, "--idea", idea])
            .assert()
            .success();
    }
}

fn export_return(dir: &Path, to: &Path) -> String {
    stdout(shortlist(dir).args(["returns", "export", "--round", "shortlist", "--to"]).arg(to))
}

/// Reference → how many judges' totals count, from `results`.
fn judges_counted(secretariat: &Path) -> Vec<(String, String)> {
    stdout(shortlist(secretariat).args(["results", "--round", "shortlist"]))
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<&str>>())
        // The ranking's rows; the notes under the table have no columns.
        .filter(|cells| cells.len() > 5)
        .map(|cells| (cells[1].to_owned(), cells[5].to_owned()))
        .collect()
}

struct Folders {
    _root: tempfile::TempDir,
    secretariat: PathBuf,
    judges: Vec<PathBuf>,
    files: PathBuf,
}

/// The demo at the secretariat, four judges enrolled, their bundles sent and opened.
fn bundles_opened() -> Folders {
    let root = tempfile::tempdir().expect("temp dir");
    let secretariat = root.path().join("secretariat");
    let files = root.path().join("files");
    std::fs::create_dir_all(&files).expect("files folder");
    shortlist(&secretariat).arg("demo").assert().success();
    let mut judges = Vec::new();
    for (n, name) in JUDGES.iter().enumerate() {
        let dir = root.path().join(format!("judge-{n}"));
        let fingerprint = stdout(shortlist(&dir).arg("identity"));
        let enrolment = files.join(format!("enrolment-{n}.json"));
        shortlist(&dir)
            .args(["identity", "enrolment", "--name", name, "--to"])
            .arg(&enrolment)
            .assert()
            .success();
        let fingerprint = fingerprint.trim().rsplit(' ').next().expect("a fingerprint").to_owned();
        shortlist(&secretariat)
            .args(["judges", "enrol", "--judge", name, "--file"])
            .arg(&enrolment)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Fingerprint {fingerprint}: read it back")));
        judges.push(dir);
    }
    let bundles = files.join("bundles");
    shortlist(&secretariat)
        .args(["bundles", "export", "--round", "shortlist", "--to-dir"])
        .arg(&bundles)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote 4 bundles"))
        .stderr(predicate::str::contains("Skipped Tom Fairweather: no key enrolled"));
    let secretariat_key = stdout(shortlist(&secretariat).arg("identity"));
    let secretariat_key = secretariat_key.trim().rsplit(' ').next().expect("a fingerprint");
    for (dir, name) in judges.iter().zip(JUDGES) {
        let bundle = bundles.join(format!("DC21 Shortlist bundle for {name}.shortlist"));
        shortlist(dir)
            .args(["bundles", "open"])
            .arg(&bundle)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("From {secretariat_key} ")))
            .stdout(predicate::str::contains("ideas to score in the Shortlist round"));
        shortlist(dir)
            .args(["bundles", "open"])
            .arg(&bundle)
            .assert()
            .success()
            .stdout(predicate::str::contains("opened here before: nothing changed"));
    }
    Folders { _root: root, secretariat, judges, files }
}

#[test]
fn four_judges_score_offline_and_the_secretariat_merges_their_returns() {
    let f = bundles_opened();
    let mut returns = Vec::new();
    let mut expected: std::collections::BTreeMap<String, usize> = Default::default();
    for (n, (dir, name)) in f.judges.iter().zip(JUDGES).enumerate() {
        let ideas = references(dir);
        assert!(!ideas.is_empty(), "{name}'s bundle gave them ideas to score");
        for idea in &ideas {
            *expected.entry(idea.clone()).or_default() += 1;
        }
        score(dir, name, &ideas, ["2", "3", "4", "3"][n]);
        let file = f.files.join(format!("return-{n}.shortlist"));
        let out = export_return(dir, &file);
        assert!(out.contains("Wrote return 1"), "{out}");
        returns.push(file);
    }
    let before = judges_counted(&f.secretariat);
    assert!(before.iter().all(|(_, judges)| judges == "0"), "no scores before the import: {before:?}");

    let out = stdout(shortlist(&f.secretariat).args(["returns", "import"]).args(&returns));
    for name in JUDGES {
        assert!(
            out.contains(&format!("from {name}: ")) && out.contains("0 unchanged, 0 conflicts. Receipt "),
            "{out}"
        );
    }
    let after = judges_counted(&f.secretariat);
    for (reference, judges) in &after {
        let want = expected.get(reference).copied().unwrap_or(0).to_string();
        assert_eq!(judges, &want, "{reference} counts every judge whose bundle held it: {after:?}");
    }

    // Importing the same returns again (here from the folder) changes nothing and says so.
    let again = stdout(shortlist(&f.secretariat).args(["returns", "import", "--from-dir"]).arg(&f.files));
    assert_eq!(again.matches("already imported, nothing changed").count(), 4, "{again}");
    assert_eq!(judges_counted(&f.secretariat), after, "a replay changes no score");
}

#[test]
fn a_return_with_one_byte_changed_is_refused_and_changes_nothing() {
    let f = bundles_opened();
    let (dir, name) = (&f.judges[0], JUDGES[0]);
    score(dir, name, &references(dir), "3");
    let file = f.files.join("return.shortlist");
    export_return(dir, &file);
    let mut bytes = std::fs::read(&file).expect("the return");
    let at = bytes.windows(9).position(|w| w == b"\"score\":3").expect("a score in the return") + 8;
    bytes[at] = b'4';
    let changed = f.files.join("changed.shortlist");
    std::fs::write(&changed, &bytes).expect("the changed copy");

    let before = judges_counted(&f.secretariat);
    shortlist(&f.secretariat)
        .args(["returns", "import"])
        .arg(&changed)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("refused. The file has been changed or damaged since it was signed"))
        .stderr(predicate::str::contains("1 of 1 returns were refused"));
    assert_eq!(judges_counted(&f.secretariat), before, "a refused return changes nothing");
    // The untouched file still imports: the refusal left no trace that blocks it.
    shortlist(&f.secretariat)
        .args(["returns", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("from {name}: ")));
}

#[test]
fn a_partial_return_then_a_completing_one_adds_the_rest() {
    let f = bundles_opened();
    let (dir, name) = (&f.judges[1], JUDGES[1]);
    let ideas = references(dir);
    let half = ideas.len() / 2;
    score(dir, name, &ideas[..half], "3");
    let first = f.files.join("first.shortlist");
    export_return(dir, &first);
    score(dir, name, &ideas[half..], "4");
    let second = f.files.join("second.shortlist");
    assert!(export_return(dir, &second).contains("Wrote return 2"));

    let scores = |n: usize| (n * CRITERIA.len()).to_string();
    shortlist(&f.secretariat)
        .args(["returns", "import"])
        .arg(&first)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{} accepted, 0 unchanged", scores(half))));
    let partial = judges_counted(&f.secretariat);
    let counted = |rows: &[(String, String)]| rows.iter().filter(|(_, j)| j == "1").count();
    assert_eq!(counted(&partial), half, "only the first half is counted: {partial:?}");

    let out = stdout(shortlist(&f.secretariat).args(["returns", "import"]).arg(&second));
    let (accepted, unchanged) = (scores(ideas.len() - half), scores(half));
    assert!(out.contains(&format!("{accepted} accepted, {unchanged} unchanged, 0 conflicts")), "{out}");
    // The judge checks the receipt the secretariat reads out against their own copy of the file.
    let code = out.trim().rsplit("Receipt ").next().expect("a receipt code");
    shortlist(dir)
        .args(["returns", "receipt", "--file"])
        .arg(&second)
        .args(["--accepted", &accepted, "--unchanged", &unchanged, "--conflicts", "0", "--code", code])
        .assert()
        .success()
        .stdout(predicate::str::contains("matches"));
    shortlist(dir)
        .args(["returns", "receipt", "--file"])
        .arg(&first)
        .args(["--accepted", &accepted, "--unchanged", &unchanged, "--conflicts", "0", "--code", code])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not match"));
    let listed = stdout(shortlist(&f.secretariat).args(["returns", "conflicts", "--round", "shortlist"]));
    assert!(listed.contains("No conflicts to settle"), "{listed}");
    let complete = judges_counted(&f.secretariat);
    assert_eq!(counted(&complete), ideas.len(), "the second return completes the set: {complete:?}");

    // The older return sent again, even renamed, is recognised and changes nothing.
    let renamed = f.files.join("first again.shortlist");
    std::fs::copy(&first, &renamed).expect("copy");
    shortlist(&f.secretariat)
        .args(["returns", "import"])
        .arg(&renamed)
        .assert()
        .success()
        .stdout(predicate::str::contains("already imported, nothing changed"));
    assert_eq!(judges_counted(&f.secretariat), complete);
}

#[cfg(unix)]
#[test]
fn the_private_key_is_made_once_and_readable_by_the_user_alone() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let first = stdout(shortlist(dir.path()).arg("identity"));
    let key = dir.path().join("identity.key");
    let mode = std::fs::metadata(&key).expect("the key file").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "only the user may read the private key");
    assert_eq!(stdout(shortlist(dir.path()).arg("identity")), first, "the key is made once, then reused");
}

#[test]
fn a_sealed_bundle_opens_only_with_its_passphrase() {
    let root = tempfile::tempdir().expect("temp dir");
    let (secretariat, judge) = (root.path().join("secretariat"), root.path().join("judge"));
    shortlist(&secretariat).arg("demo").assert().success();
    let enrolment = root.path().join("enrolment.json");
    shortlist(&judge)
        .args(["identity", "enrolment", "--name", JUDGES[0], "--to"])
        .arg(&enrolment)
        .assert()
        .success();
    shortlist(&secretariat)
        .args(["judges", "enrol", "--judge", JUDGES[0], "--file"])
        .arg(&enrolment)
        .assert()
        .success();
    let bundles = root.path().join("bundles");
    shortlist(&secretariat)
        .env("BUNDLE_PASSPHRASE", "correct horse battery staple")
        .args([
            "bundles",
            "export",
            "--round",
            "shortlist",
            "--passphrase-env",
            "BUNDLE_PASSPHRASE",
            "--to-dir",
        ])
        .arg(&bundles)
        .assert()
        .success()
        .stdout(predicate::str::contains("(sealed)"));
    let bundle = bundles.join(format!("DC21 Shortlist bundle for {}.shortlist", JUDGES[0]));
    shortlist(&judge)
        .args(["bundles", "open"])
        .arg(&bundle)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("sealed with a passphrase"));
    shortlist(&judge)
        .env("BUNDLE_PASSPHRASE", "correct horse")
        .args(["bundles", "open", "--passphrase-env", "BUNDLE_PASSPHRASE"])
        .arg(&bundle)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("That passphrase does not open this file"));
    assert!(
        stdout(shortlist(&judge).args(["challenges", "list"])).trim().is_empty(),
        "a bundle that did not open copied nothing"
    );
    shortlist(&judge)
        .env("BUNDLE_PASSPHRASE", "correct horse battery staple")
        .args(["bundles", "open", "--passphrase-env", "BUNDLE_PASSPHRASE"])
        .arg(&bundle)
        .assert()
        .success()
        .stdout(predicate::str::contains("ideas to score in the Shortlist round"));
}

/// A score the secretariat keyed before the judge's return came in is listed as a conflict,
/// and a person settles it from the command line by its number.
#[test]
fn a_conflict_is_listed_and_settled_by_its_number() {
    let f = bundles_opened();
    let (dir, name) = (&f.judges[0], JUDGES[0]);
    let ideas = references(dir);
    score(dir, name, &ideas[..1], "3");
    let ret = f.files.join("return.shortlist");
    export_return(dir, &ret);
    shortlist(&f.secretariat)
        .args(["scores", "add", "--round", "shortlist", "--judge", name, "--idea", &ideas[0]])
        .args(["--criterion", "viability", "--score", "4", "--comment", "From the paper sheet"])
        .assert()
        .success();
    let out = stdout(shortlist(&f.secretariat).args(["returns", "import"]).arg(&ret));
    assert!(out.contains("4 accepted, 0 unchanged, 1 conflicts"), "{out}");

    let listed = stdout(shortlist(&f.secretariat).args(["returns", "conflicts", "--round", "shortlist"]));
    let line = listed.lines().next().expect("one conflict");
    assert!(
        line.contains(&ideas[0]) && line.contains("judge sent 3") && line.contains("secretariat holds 4"),
        "{line}"
    );
    let id = line.split('\t').next().expect("its number");
    shortlist(&f.secretariat)
        .args(["returns", "settle", id, "--keep", "theirs"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Settled: {} Viability for {name} is 3", ideas[0])));
    let listed = stdout(shortlist(&f.secretariat).args(["returns", "conflicts", "--round", "shortlist"]));
    assert!(listed.contains("No conflicts to settle"), "{listed}");
    shortlist(&f.secretariat)
        .args(["returns", "settle", id, "--keep", "ours"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("settled already"));
}
