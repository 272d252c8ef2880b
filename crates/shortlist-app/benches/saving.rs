//! Saving scores in a round of 500 ideas: 1,000 saves of one score each, as a judge's typing
//! sends them, then 1,000 scores in one batch, as the CLI sends them. Run with
//! `cargo bench -p shortlist-app --bench saving`; it prints numbers. Not a test: nothing here
//! fails on a slow machine.
//!
//! A save should cost the same in a round of 10 ideas as in one of 500: it checks one judge
//! against the ideas it scores, not the whole round. The round is built through the use cases in
//! a database file in a temporary folder, which is then reopened, so the timed saves go through
//! SQLite on disk as the app's do.

use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;
use common::clock;

use shortlist_app::{DataDirSource, DataLocation, Shortlist};
use shortlist_domain::{ScoreInput, Stage};

const IDEAS: usize = 500;
const JUDGES: usize = 4;
const SAVES: usize = 1_000;

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let t = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let location = || DataLocation { dir: dir.path().to_owned(), source: DataDirSource::Flag };
    let app = Shortlist::open(location(), clock());
    let common::Round { ideas, judges, criteria, .. } = common::shortlist_round(&app, IDEAS, JUDGES);
    println!(
        "built the round in {:.1} s: {IDEAS} ideas, {JUDGES} judges, {} criteria",
        t.elapsed().as_secs_f64(),
        criteria.len()
    );
    drop(app);
    let app = Shortlist::open(location(), clock());

    // One judge working down the list: every criterion of an idea, then the next idea. Values
    // run 1 to 10 so that each save writes.
    let one_at_a_time: Vec<ScoreInput> = (0..SAVES)
        .map(|k| {
            let idea = ideas[(k / criteria.len()) % IDEAS];
            let value = (k % 10) as i32 + 1;
            ScoreInput::new(judges[0].id, idea, &criteria[k % criteria.len()], value, "")
        })
        .collect();
    let mut times = Vec::with_capacity(SAVES);
    let all = Instant::now();
    for input in &one_at_a_time {
        let t = Instant::now();
        app.save_score(Stage::Shortlist, input).expect("saved");
        times.push(t.elapsed());
    }
    let total = all.elapsed();
    times.sort();
    println!(
        "{SAVES} saves of one score each: {} in all; per save median {}, p95 {}, max {}",
        ms(total),
        ms(times[SAVES / 2]),
        ms(times[SAVES * 95 / 100]),
        ms(times[SAVES - 1])
    );

    // The same shape for another judge, sent as one batch.
    let batch: Vec<ScoreInput> =
        one_at_a_time.iter().map(|s| ScoreInput { judge: judges[1].id, ..s.clone() }).collect();
    let t = Instant::now();
    app.save_scores(Stage::Shortlist, &batch).expect("saved");
    println!("{SAVES} scores in one batch: {}", ms(t.elapsed()));
}
