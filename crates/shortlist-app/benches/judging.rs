//! A large judging round's results: 20 judges x 500 ideas x 6 criteria (about 60,000 scores),
//! read from the database and aggregated. Run with `cargo bench -p shortlist-app --bench judging`;
//! it prints numbers (target: aggregating ≤ 50 ms). Not a test: nothing here fails on a slow
//! machine.
//!
//! The round is built through the use cases in a database file in a temporary folder, which is
//! then reopened, so the timed reads go through SQLite on disk as the app's do. About 2% of the
//! judge-idea pairs are conflicts of interest and 1% are left as drafts; scores come from a
//! fixed-seed generator with a generosity per judge, so every run times the same round.

use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;
use common::clock;

use shortlist_app::{DataDirSource, DataLocation, Shortlist};
use shortlist_domain::{ConflictInput, ConflictKind, ScoreInput, Stage};
use shortlist_scoring::{aggregate, Assignments, Options, RankBy, Recusal, Score};

const JUDGES: usize = 20;
const IDEAS: usize = 500;
const RUNS: usize = 15;

/// A small PCG-style generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as u32) % n
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Median, min and max of `RUNS` timings of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    times.sort();
    (times[RUNS / 2], times[0], times[RUNS - 1], last.expect("ran at least once"))
}

fn main() {
    let t = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let location = || DataLocation { dir: dir.path().to_owned(), source: DataDirSource::Flag };
    let app = Shortlist::open(location(), clock());
    let common::Round { challenge: c, ideas, judges, rubric, criteria } =
        common::shortlist_round(&app, IDEAS, JUDGES);

    let mut rng = Lcg(2021);
    let mut drafts = 0;
    let mut conflicts = 0;
    let conflict = ConflictInput { kind: Some(ConflictKind::SameTeam), note: String::new() };
    for judge in &judges {
        let bias = rng.below(3) as i32 - 1;
        let mut batch = Vec::with_capacity(IDEAS * criteria.len());
        let mut submit = Vec::with_capacity(IDEAS);
        for (n, &idea) in ideas.iter().enumerate() {
            if rng.below(100) < 2 {
                app.declare_conflict(Stage::Shortlist, judge.id, idea, &conflict).expect("conflict");
                conflicts += 1;
                continue;
            }
            let quality = (n % 7) as i32;
            for criterion in &criteria {
                let value = (2 + quality + bias + rng.below(3) as i32).clamp(1, 10);
                batch.push(ScoreInput::new(judge.id, idea, criterion, value, ""));
            }
            if rng.below(100) < 1 {
                drafts += 1;
            } else {
                submit.push(idea);
            }
        }
        app.save_scores(Stage::Shortlist, &batch).expect("scores");
        for idea in submit {
            app.submit_scores(Stage::Shortlist, judge.id, idea).expect("submitted");
        }
    }
    println!(
        "built the round in {:.1} s: {JUDGES} judges x {IDEAS} ideas x {} criteria, {conflicts} conflicts, {drafts} pairs left as drafts",
        t.elapsed().as_secs_f64(),
        criteria.len()
    );

    // Reopen, so the timed reads start from the file as the app's first look at a round does.
    drop(app);
    let app = Shortlist::open(location(), clock());

    for rank_by in [RankBy::RawMean, RankBy::NormalisedMean] {
        let (median, min, max, results) =
            time(|| app.round_results(c.id, Stage::Shortlist, rank_by).expect("results"));
        let scores: usize =
            results.results.totals.iter().filter(|t| t.total.is_some()).count() * criteria.len();
        println!(
            "round_results ({rank_by:?}), read from the file and aggregated: median {} (min {}, max {}) over {RUNS} runs; \
             {scores} submitted scores counted, {} draft; top {:?} {:?}; {} ideas flagged",
            ms(median),
            ms(min),
            ms(max),
            results.draft_scores,
            results.rows[0].idea.reference.0,
            results.rows[0].rank,
            results.rows.iter().filter(|r| r.disagreement).count()
        );
    }
    let (median, min, max, list) =
        time(|| app.discussion_list(c.id, Stage::Shortlist, RankBy::RawMean).expect("discussion"));
    println!(
        "discussion_list (results + order + decisions): median {} (min {}, max {}); {} items",
        ms(median),
        ms(min),
        ms(max),
        list.len()
    );

    // The maths alone, on the same submitted scores, for comparison with the op.
    let results = app.round_results(c.id, Stage::Shortlist, RankBy::RawMean).expect("results");
    let mut scores = Vec::new();
    let mut recusals = Vec::new();
    for judge in &results.judges {
        for row in &results.rows {
            let cell = row.judges.iter().find(|x| x.judge == judge.id).expect("a cell per judge");
            if cell.recused {
                recusals.push(Recusal {
                    judge: shortlist_scoring::JudgeId(judge.id.0),
                    idea: shortlist_scoring::IdeaId(row.idea.id.0),
                });
                continue;
            }
            for s in app.judge_scores(Stage::Shortlist, judge.id, row.idea.id).expect("scores") {
                if s.status == shortlist_domain::ScoreStatus::Submitted {
                    scores.push(Score::new(
                        shortlist_scoring::JudgeId(judge.id.0),
                        shortlist_scoring::IdeaId(row.idea.id.0),
                        s.criterion,
                        s.score,
                    ));
                }
            }
        }
    }
    let judge_ids: Vec<_> = results.judges.iter().map(|j| shortlist_scoring::JudgeId(j.id.0)).collect();
    let idea_ids: Vec<_> = results.rows.iter().map(|r| shortlist_scoring::IdeaId(r.idea.id.0)).collect();
    let assignments = Assignments::everyone(&judge_ids, &idea_ids, recusals);
    let rubric = rubric.validate().expect("a valid rubric");
    let (median, min, max, _) = time(|| aggregate(&rubric, &scores, &assignments, &Options::default()));
    println!(
        "aggregate alone on {} scores: median {} (min {}, max {})",
        scores.len(),
        ms(median),
        ms(min),
        ms(max)
    );
}
