//! Issue #7's benchmark: merge 20 judges' returns for 200 ideas × 6 criteria (24,000 scores),
//! including reading and verifying each signed file. Target: ≤ 200 ms.
//!
//! Run in release: `cargo run --release --example merge_bench -p shortlist-exchange`.
//!
//! Each run starts from the secretariat holding every score at revision 1, one in fifty keyed
//! since from paper, and merges returns at revision 2: so the run exercises accepted scores and
//! conflicts, and builds the in-memory view from 24,000 rows as the app would after a query.

use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use shortlist_exchange::{
    open, sign, CurrentScore, FileId, Identity, ReturnedScore, RoundScores, ScoreReturn,
};

const JUDGES: i64 = 20;
const IDEAS: i64 = 200;
const CRITERIA: [&str; 6] = ["data", "legal", "feasibility", "skills", "cost", "benefits"];
const RUNS: usize = 11;

fn main() {
    let now = Utc.with_ymd_and_hms(2021, 9, 14, 10, 0, 0).single().unwrap_or_default();
    let judges: Vec<Identity> = (0..JUDGES).map(|j| Identity::from_seed([j as u8 + 1; 32])).collect();
    let enrolled: Vec<_> =
        judges.iter().enumerate().map(|(j, identity)| (j as i64, identity.public_key())).collect();

    let mut current = Vec::new();
    for judge in 0..JUDGES {
        for idea in 0..IDEAS {
            for (c, criterion) in CRITERIA.iter().enumerate() {
                let keyed = (idea * 6 + c as i64) % 50 == 0;
                current.push(CurrentScore {
                    judge_id: judge,
                    idea_id: idea,
                    criterion: (*criterion).to_owned(),
                    score: 3,
                    comment: if keyed { "from paper" } else { "first view" }.to_owned(),
                    revision: 1,
                    changed_by_secretariat_since: keyed.then_some(1),
                });
            }
        }
    }

    let files: Vec<Vec<u8>> = judges
        .iter()
        .enumerate()
        .map(|(j, identity)| {
            let scores = (0..IDEAS)
                .flat_map(|idea| {
                    CRITERIA.iter().map(move |criterion| ReturnedScore {
                        idea_id: idea,
                        criterion: (*criterion).to_owned(),
                        score: ((idea + j as i64) % 5 + 1) as i32,
                        comment: "A clear case, though the data sharing agreement needs work.".to_owned(),
                        revision: 2,
                        updated_at: now,
                    })
                })
                .collect();
            let ret = ScoreReturn {
                challenge_id: 1,
                round: "semi-final".to_owned(),
                judge_id: j as i64,
                bundle_id: FileId::of(b"bundle"),
                sequence: 2,
                scores,
                comparisons: Vec::new(),
                sent_at: now,
            };
            sign(identity, &ret, now)
        })
        .collect();
    let total_bytes: usize = files.iter().map(Vec::len).sum();

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut last = (0, 0, 0);
    for _ in 0..RUNS {
        let rows = current.clone();
        let start = Instant::now();
        let mut state = RoundScores::new(1, "semi-final", enrolled.iter().copied(), rows);
        let (mut accepted, mut unchanged, mut conflicts) = (0, 0, 0);
        for file in &files {
            let verified = match open::<ScoreReturn>(file) {
                Ok(verified) => verified,
                Err(e) => panic!("benchmark file refused: {e}"),
            };
            let plan = state.plan(&verified);
            assert!(plan.refused.is_none(), "{:?}", plan.refused);
            accepted += plan.accepted.len();
            unchanged += plan.unchanged;
            conflicts += plan.conflicts.len();
            state.apply(&plan);
        }
        times.push(start.elapsed());
        last = (accepted, unchanged, conflicts);
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "merged {JUDGES} returns, {} scores, {:.1} MiB of signed files",
        JUDGES * IDEAS * CRITERIA.len() as i64,
        total_bytes as f64 / (1024.0 * 1024.0)
    );
    println!("accepted {}, unchanged {}, conflicts {}", last.0, last.1, last.2);
    println!(
        "median of {RUNS} runs: {:.1} ms (min {:.1} ms, max {:.1} ms); target ≤ 200 ms",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3
    );
}
