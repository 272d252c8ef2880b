//! Crash tests: the CLI is killed with SIGKILL at random moments while it writes, over and over
//! (ideas added, scores saved, imports committed, a judge's return merged). Afterwards the
//! database passes SQLite's integrity check, the audit trail verifies, every write the child
//! acknowledged (exited successfully) is there, and every import and merge is all-or-nothing.
//!
//! The kill moments are drawn from a seeded generator over each operation's own measured
//! duration, so kills land in process start-up, mid-transaction and around the commit alike.
//! The seed can be changed with `SHORTLIST_CRASH_SEED` to explore other schedules; the number
//! of runs with `SHORTLIST_CRASH_RUNS` (at least 200 in CI).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::shortlist;

const JUDGE: &str = "Dame Helen Achebe";
const CRITERIA: [&str; 5] = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];
const IMPORT_ROWS: usize = 300;

/// A small, seeded generator (xorshift64*): the schedule is the same on every run of a seed.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("shortlist")
}

fn spawn(dir: &Path, args: &[String]) -> Child {
    Command::new(binary())
        .env("SHORTLIST_DATA_DIR", dir)
        .env_remove("DISPLAY")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the CLI starts")
}

/// Runs `args`, killing the child after `after` unless it finished first. `true` when the child
/// finished by itself and succeeded: the write is acknowledged.
fn run_or_kill(dir: &Path, args: &[String], after: Duration) -> (bool, bool) {
    let mut child = spawn(dir, args);
    let deadline = Instant::now() + after;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return (status.success(), false);
        }
        if Instant::now() >= deadline {
            // Child::kill is SIGKILL on Unix: no destructor, no rollback, no flush runs.
            let _ = child.kill();
            let status = child.wait().expect("reaped");
            return (status.success(), true);
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = shortlist(dir).args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

/// The secretariat's demo with one judge enrolled, and a return from that judge scoring three
/// ideas. Returns (secretariat folder, return file, the return's (reference, criterion, score)).
fn secretariat_with_a_return(root: &Path) -> (PathBuf, PathBuf, Vec<(String, String, i64)>) {
    let (secretariat, judge, files) = (root.join("secretariat"), root.join("judge"), root.join("files"));
    std::fs::create_dir_all(&files).expect("files");
    run(&secretariat, &["demo"]);
    let enrolment = files.join("enrolment.json");
    run(&judge, &["identity", "enrolment", "--name", JUDGE, "--to", enrolment.to_str().expect("utf-8")]);
    run(&secretariat, &["judges", "enrol", "--judge", JUDGE, "--file", enrolment.to_str().expect("utf-8")]);
    let bundles = files.join("bundles");
    run(
        &secretariat,
        &["bundles", "export", "--round", "shortlist", "--to-dir", bundles.to_str().expect("utf-8")],
    );
    let bundle = bundles.join(format!("DC21 Shortlist bundle for {JUDGE}.shortlist"));
    run(&judge, &["bundles", "open", bundle.to_str().expect("utf-8")]);
    let references: Vec<String> = run(&judge, &["ideas", "list"])
        .lines()
        .take(3)
        .map(|l| l.split('\t').next().expect("ref").to_owned())
        .collect();
    let mut expected = Vec::new();
    for reference in &references {
        for criterion in CRITERIA {
            run(
                &judge,
                &[
                    "scores",
                    "add",
                    "--round",
                    "shortlist",
                    "--judge",
                    JUDGE,
                    "--idea",
                    reference,
                    "--criterion",
                    criterion,
                    "--score",
                    "4",
                ],
            );
            expected.push((reference.clone(), criterion.to_owned(), 4));
        }
        run(&judge, &["scores", "submit", "--round", "shortlist", "--judge", JUDGE, "--idea", reference]);
    }
    let ret = files.join("return.shortlist");
    run(&judge, &["returns", "export", "--round", "shortlist", "--to", ret.to_str().expect("utf-8")]);
    (secretariat, ret, expected)
}

/// Keyed scores that never collide with the return's: each (judge, idea, criterion) of the
/// Shortlist round's other judges and its ideas the return does not score.
fn score_keys(dir: &Path, returned: &[(String, String, i64)]) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(dir.join("shortlist.sqlite3")).expect("open");
    let ideas: Vec<String> = conn
        .prepare("SELECT reference FROM ideas WHERE stage = 'shortlist' ORDER BY reference")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("references");
    let mut keys = Vec::new();
    for judge in ["Rhys Pritchard", "Priya Raman", "Margaret Olusanya", "Tom Fairweather"] {
        for idea in ideas.iter().filter(|i| !returned.iter().any(|(r, _, _)| r == *i)) {
            for criterion in CRITERIA {
                keys.push((judge.to_owned(), idea.clone(), criterion.to_owned()));
            }
        }
    }
    keys.reverse();
    keys
}

#[derive(Default)]
struct Ledger {
    /// Titles added one by one, and whether the add was acknowledged.
    added: Vec<(String, bool)>,
    /// Per import file: its titles, and whether the commit was acknowledged.
    imports: Vec<(Vec<String>, bool)>,
    /// Keyed scores: (judge, reference, criterion) → (score, acknowledged).
    scores: BTreeMap<(String, String, String), (i64, bool)>,
    /// Whether an import of the return was acknowledged.
    return_merged: bool,
    runs: u32,
    killed: u32,
}

#[test]
fn killing_the_cli_while_it_writes_loses_nothing_it_acknowledged_and_damages_nothing() {
    let seed: u64 =
        std::env::var("SHORTLIST_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_2026);
    let runs: u32 = std::env::var("SHORTLIST_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    let root = tempfile::tempdir().expect("temp dir");
    let (dir, ret, returned) = secretariat_with_a_return(root.path());
    let mut score_keys = score_keys(&dir, &returned);

    // Each operation's time when left alone, to draw kill moments over.
    let probe = |args: &[String]| {
        let started = Instant::now();
        let (ok, _) = run_or_kill(&dir, args, Duration::from_secs(120));
        assert!(ok, "{args:?} works when not killed");
        started.elapsed()
    };
    let mut draw = Draw(seed | 1);
    let mut ledger = Ledger::default();
    let add_args = |title: &str| -> Vec<String> {
        [
            "ideas",
            "add",
            "--title",
            title,
            "--summary",
            "Written under fire.",
            "--submitter",
            "Ann Other",
            "--department",
            "HM Treasury",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let import_file = |n: u32| -> (PathBuf, Vec<String>) {
        let titles: Vec<String> = (0..IMPORT_ROWS).map(|row| format!("Imported {n}-{row}")).collect();
        let mut csv = String::from("Timestamp,Email address,Idea title,Describe your idea,Your full name,Which organisation do you work for?\r\n");
        for t in &titles {
            csv.push_str(&format!("14/05/2021 13:45:12,a{n}@ons.gov.uk,{t},Join it up.,Zoë Martin,Office for National Statistics\r\n"));
        }
        let path = root.path().join(format!("import-{n}.csv"));
        std::fs::write(&path, csv).expect("write");
        (path, titles)
    };
    let add_time = probe(&add_args("Probe idea"));
    ledger.added.push(("Probe idea".to_owned(), true));
    let (probe_file, probe_titles) = import_file(u32::MAX);
    let import_time =
        probe(&["import".into(), probe_file.to_str().expect("utf-8").into(), "--commit".into()]);
    ledger.imports.push((probe_titles, true));

    let started = Instant::now();
    for n in 0..runs {
        let kind = draw.below(10);
        let mut score_key = None;
        let (args, limit): (Vec<String>, Duration) = match kind {
            0..=3 => {
                let (file, titles) = import_file(n);
                ledger.imports.push((titles, false));
                (vec!["import".into(), file.to_str().expect("utf-8").into(), "--commit".into()], import_time)
            }
            4..=6 => {
                let title = format!("Added {n}");
                ledger.added.push((title.clone(), false));
                (add_args(&title), add_time)
            }
            7..=8 => {
                let key = score_keys.pop().expect("enough judges, ideas and criteria for every score");
                let score = 1 + draw.below(5) as i64;
                ledger.scores.insert(key.clone(), (score, false));
                let (judge, idea, criterion) = key.clone();
                score_key = Some(key);
                let args = [
                    "scores",
                    "add",
                    "--round",
                    "shortlist",
                    "--judge",
                    &judge,
                    "--idea",
                    &idea,
                    "--criterion",
                    &criterion,
                    "--score",
                    &score.to_string(),
                    "--comment",
                    "Keyed from the paper sheet",
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
                (args, add_time)
            }
            _ => (vec!["returns".into(), "import".into(), ret.to_str().expect("utf-8").into()], import_time),
        };
        // Anywhere from the start to a fifth past the operation's usual end.
        let after = Duration::from_micros(draw.below(limit.as_micros() as u64 * 6 / 5));
        let (acknowledged, killed) = run_or_kill(&dir, &args, after);
        ledger.runs += 1;
        ledger.killed += u32::from(killed);
        match kind {
            0..=3 => ledger.imports.last_mut().expect("pushed").1 = acknowledged,
            4..=6 => ledger.added.last_mut().expect("pushed").1 = acknowledged,
            7..=8 => {
                let key = score_key.expect("set for a score");
                ledger.scores.get_mut(&key).expect("present").1 = acknowledged;
            }
            _ => ledger.return_merged |= acknowledged,
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "crash test: seed {seed:#x}, {} runs in {:.1} s, {} killed before they finished, {} acknowledged",
        ledger.runs,
        elapsed.as_secs_f64(),
        ledger.killed,
        ledger.runs - ledger.killed
    );
    assert!(
        ledger.killed >= runs / 2,
        "most runs must be killed for the test to mean anything: {}",
        ledger.killed
    );

    // 1. SQLite's own check of every page and index.
    let conn = rusqlite::Connection::open(dir.join("shortlist.sqlite3")).expect("the file opens");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check runs");
    assert_eq!(integrity, "ok", "the database is undamaged after {} kills", ledger.killed);

    // 2. The audit trail: every entry sealed and chained (a killed transaction leaves none).
    shortlist(&dir).args(["audit", "verify"]).assert().success().stdout(predicate::str::contains("intact"));

    // 3. Everything acknowledged is there; imports are all or nothing.
    let count = |title: &str| -> i64 {
        conn.query_row("SELECT count(*) FROM ideas WHERE title = ?1", [title], |r| r.get(0)).expect("count")
    };
    for (title, acknowledged) in &ledger.added {
        let n = count(title);
        assert!(n <= 1, "{title} was added {n} times");
        if *acknowledged {
            assert_eq!(n, 1, "the acknowledged idea {title} is missing");
        }
    }
    for (titles, acknowledged) in &ledger.imports {
        let present = titles.iter().filter(|t| count(t) == 1).count();
        assert!(
            present == 0 || present == titles.len(),
            "an import landed half-way: {present} of {} rows",
            titles.len()
        );
        if *acknowledged {
            assert_eq!(present, titles.len(), "an acknowledged import is missing");
        }
    }
    let score_of = |judge: &str, reference: &str, criterion: &str| -> Option<i64> {
        conn.query_row(
            "SELECT s.score FROM scores s JOIN judges j ON j.id = s.judge_id JOIN ideas i ON i.id = s.idea_id
             WHERE j.name = ?1 AND i.reference = ?2 AND s.criterion = ?3",
            [judge, reference, criterion],
            |r| r.get(0),
        )
        .ok()
    };
    for ((judge, reference, criterion), (score, acknowledged)) in &ledger.scores {
        let held = score_of(judge, reference, criterion);
        if *acknowledged {
            assert_eq!(held, Some(*score), "the acknowledged score {reference} {criterion} is missing");
        } else {
            assert!(held.is_none() || held == Some(*score), "{reference} {criterion} holds {held:?}");
        }
    }
    let merged: Vec<bool> = returned.iter().map(|(r, c, s)| score_of(JUDGE, r, c) == Some(*s)).collect();
    assert!(merged.iter().all(|m| *m) || merged.iter().all(|m| !*m), "a return merged half-way: {merged:?}");
    if ledger.return_merged {
        assert!(merged.iter().all(|m| *m), "the acknowledged return is not all there");
    }
}
