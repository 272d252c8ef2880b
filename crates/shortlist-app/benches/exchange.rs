//! Merging a whole round's score returns through the app and its database: 20 judges' signed
//! returns for 200 ideas x 6 criteria (24,000 scores), each file's signature and enrolment
//! checked, merged and written in its own transaction. Run with
//! `cargo bench -p shortlist-app --bench exchange`; it prints numbers (target: ≤ 0.2 s for the
//! 20 returns). Not a test: nothing here fails on a slow machine.
//! `SHORTLIST_BENCH_PASSPHRASE=…` runs it on data folders protected (encrypted) with that
//! passphrase, to measure what encryption at rest costs.
//!
//! The round is built through the use cases in a data folder, the 20 judges' keys are enrolled
//! from enrolment files and their bundles written as the secretariat would, and each judge's
//! return is signed with that judge's own key. Each timed run copies the untouched folder and
//! imports the 20 files into the copy, so every run merges into the same state. Then the same
//! files again (each found already imported) and second returns with nothing new (every score
//! checked and found unchanged).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;
use common::clock;

use shortlist_app::{DataDirSource, DataLocation};
use shortlist_domain::Stage;
use shortlist_exchange::{FileId, Identity, ReturnedScore, ScoreReturn};

const JUDGES: usize = 20;
const IDEAS: usize = 200;
const RUNS: usize = 7;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a copy folder");
    for entry in std::fs::read_dir(from).expect("the folder") {
        let entry = entry.expect("an entry");
        if entry.file_type().expect("a type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copied");
        }
    }
}

fn main() {
    let t = Instant::now();
    let root = tempfile::tempdir().expect("temp dir");
    let pristine = root.path().join("secretariat");
    let location = |dir: &Path| DataLocation { dir: dir.to_owned(), source: DataDirSource::Flag };
    let app = common::open_folder(location(&pristine), clock());
    let common::Round { challenge: c, ideas, judges, criteria, .. } =
        common::shortlist_round(&app, IDEAS, JUDGES);

    // Each judge's installation: a key pair of its own, enrolled from its enrolment file.
    let now = clock()();
    let identities: Vec<Identity> = judges
        .iter()
        .map(|j| {
            let identity = Identity::generate();
            app.enrol_judge(j.id, &identity.enrolment_file(&j.name, "Director", now)).expect("enrolled");
            identity
        })
        .collect();
    let bundles = root.path().join("bundles");
    let sent = app.export_bundles(c.id, Stage::Shortlist, &bundles, None).expect("bundles");
    assert_eq!(sent.written.len(), JUDGES, "every judge gets a bundle");

    let returns = root.path().join("returns");
    std::fs::create_dir_all(&returns).expect("returns folder");
    let write_returns = |sequence: u64| -> Vec<PathBuf> {
        judges
            .iter()
            .zip(&identities)
            .zip(&sent.written)
            .enumerate()
            .map(|(n, ((judge, identity), bundle))| {
                let bundle_id = FileId::of(&std::fs::read(&bundle.path).expect("the bundle"));
                let scores = ideas
                    .iter()
                    .enumerate()
                    .flat_map(|(i, idea)| {
                        criteria.iter().map(move |k| ReturnedScore {
                            idea_id: idea.0,
                            criterion: k.clone(),
                            score: 1 + ((i + n) % 10) as i32,
                            comment: String::new(),
                            revision: 1,
                            updated_at: now,
                        })
                    })
                    .collect();
                let payload = ScoreReturn {
                    challenge_id: c.id.0,
                    round: Stage::Shortlist.code().to_owned(),
                    judge_id: judge.id.0,
                    bundle_id,
                    sequence,
                    scores,
                    comparisons: Vec::new(),
                    sent_at: now,
                };
                let path = returns.join(format!("judge {n} return {sequence}.shortlist"));
                std::fs::write(&path, shortlist_exchange::sign(identity, &payload, now)).expect("written");
                path
            })
            .collect()
    };
    let first = write_returns(1);
    let second = write_returns(2);
    drop(app);
    println!(
        "built the round, enrolled {JUDGES} keys, wrote their bundles and returns in {:.1} s: \
         {JUDGES} returns x {IDEAS} ideas x {} criteria = {} scores",
        t.elapsed().as_secs_f64(),
        criteria.len(),
        JUDGES * IDEAS * criteria.len()
    );

    let mut fresh = Vec::new();
    let mut again = Vec::new();
    let mut unchanged = Vec::new();
    for run in 0..RUNS {
        let dir = root.path().join(format!("run-{run}"));
        copy_dir(&pristine, &dir);
        let app = common::open_folder(location(&dir), clock());
        let t = Instant::now();
        let reports = app.import_returns(c.id, &first).expect("imported");
        fresh.push(t.elapsed());
        let accepted: u32 = reports.iter().map(|r| r.accepted).sum();
        assert!(
            reports.iter().all(|r| r.refused.is_none()),
            "{:?}",
            reports.iter().find(|r| r.refused.is_some())
        );
        assert_eq!(accepted as usize, JUDGES * IDEAS * criteria.len(), "every score is taken in");

        let t = Instant::now();
        let reports = app.import_returns(c.id, &first).expect("imported again");
        again.push(t.elapsed());
        assert!(reports.iter().all(|r| r.already_imported));

        let t = Instant::now();
        let reports = app.import_returns(c.id, &second).expect("second returns");
        unchanged.push(t.elapsed());
        assert!(reports.iter().all(|r| r.accepted == 0 && r.conflicts == 0));
        drop(app);
        std::fs::remove_dir_all(&dir).expect("removed");
    }
    for (what, times) in [
        ("20 new returns merged", &mut fresh),
        ("the same 20 again (already imported)", &mut again),
        ("20 later returns with nothing new", &mut unchanged),
    ] {
        times.sort();
        println!(
            "import_returns, {what}: median {} (min {}, max {}) over {RUNS} runs",
            ms(times[RUNS / 2]),
            ms(times[0]),
            ms(times[RUNS - 1])
        );
    }
}
