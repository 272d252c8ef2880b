//! Times `aggregate` on a large round: 20 judges x 500 ideas x 6 criteria (60,000 scores),
//! with about 2% of pairs recused and 3% of the remaining scores missing. Scores come from a
//! fixed-seed generator, so every run aggregates the same round.
//!
//! ```text
//! cargo run --release --example bench -p shortlist-scoring
//! ```

use std::time::{Duration, Instant};

use shortlist_scoring::{
    aggregate, discussion_order, Band, Criterion, CriterionId, IdeaId, JudgeId, Options, RankBy, Recusal,
    RubricDraft, Scale, Score,
};

const JUDGES: i64 = 20;
const IDEAS: i64 = 500;
const RUNS: usize = 15;

/// A small PCG-style generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

fn main() {
    let criteria: Vec<Criterion> = (0..6)
        .map(|c| Criterion {
            id: CriterionId::new(format!("c{c}")),
            name: format!("Criterion {c}"),
            guidance: String::new(),
            weight: f64::from(1 + c % 3),
        })
        .collect();
    let rubric = RubricDraft {
        name: "Bench".into(),
        scale: Scale::new(1, 10),
        criteria: criteria.clone(),
        bands: vec![
            Band { min: 1, max: 3, label: "Low".into(), description: String::new() },
            Band { min: 4, max: 7, label: "Middle".into(), description: String::new() },
            Band { min: 8, max: 10, label: "High".into(), description: String::new() },
        ],
    }
    .validate()
    .expect("bench rubric is valid");

    let mut rng = Lcg(2021);
    let judges: Vec<JudgeId> = (1..=JUDGES).map(JudgeId).collect();
    let ideas: Vec<IdeaId> = (1..=IDEAS).map(IdeaId).collect();
    let mut recusals = Vec::new();
    let mut scores = Vec::new();
    for &judge in &judges {
        // Each judge has a generosity, so normalisation has something to do.
        let bias = rng.below(3) as i32 - 1;
        for &idea in &ideas {
            if rng.below(100) < 2 {
                recusals.push(Recusal { judge, idea });
                continue;
            }
            let quality = (idea.0 % 7) as i32;
            for c in &criteria {
                if rng.below(100) < 3 {
                    continue;
                }
                let value = (2 + quality + bias + rng.below(3) as i32).clamp(1, 10);
                scores.push(Score { judge, idea, criterion: c.id.clone(), value });
            }
        }
    }
    let assignments = shortlist_scoring::Assignments::everyone(&judges, &ideas, recusals);
    println!(
        "{} judges x {} ideas x {} criteria: {} scores, {} recusals",
        JUDGES,
        IDEAS,
        criteria.len(),
        scores.len(),
        assignments.recusals.len()
    );

    for rank_by in [RankBy::RawMean, RankBy::NormalisedMean] {
        let options = Options { rank_by, ..Options::default() };
        let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
        let mut last = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            let results = aggregate(&rubric, &scores, &assignments, &options);
            times.push(start.elapsed());
            last = Some(results);
        }
        times.sort();
        let results = last.expect("ran at least once");
        let start = Instant::now();
        let order = discussion_order(&results, 8, 2);
        let discussion = start.elapsed();
        let flagged = results.ideas.iter().filter(|x| x.disagreement).count();
        let incomplete = results.totals.iter().filter(|t| t.total.is_none()).count();
        println!(
            "{rank_by:?}: aggregate median {:.2} ms (min {:.2}, max {:.2}) over {RUNS} runs; \
             discussion order {:.3} ms; top idea {:?}; {flagged} flagged; {incomplete} incomplete pairs; {} items",
            ms(times[RUNS / 2]),
            ms(times[0]),
            ms(times[RUNS - 1]),
            ms(discussion),
            results.ideas.first().map(|x| (x.idea, x.rank_label(), x.mean, x.normalised_mean)),
            order.len(),
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
