//! Timings of the judging methods at a large round's size. Run with
//! `cargo bench -p shortlist-scoring --bench methods`; it prints numbers against the targets of
//! issue #17. Not a test: nothing here fails on a slow machine.
//!
//! - Bradley–Terry, 500 ideas x 20 judges x 40 comparisons each (target ≤ 50 ms), on a planned
//!   schedule with choices drawn from known strengths.
//! - 1,000 bootstrap resamples of 20 judges x 500 ideas (target ≤ 200 ms).
//! - Allocating 2,000 ideas to 40 assessors, k = 3, with about 1% of pairs conflicted
//!   (target ≤ 100 ms).
//!
//! Inputs come from fixed seeds, so every run times the same work.

use std::time::{Duration, Instant};

use shortlist_scoring::{
    allocate, bootstrap_ranking, bradley_terry, cut_stability, schedule_pairs, AllocationRequest,
    BootstrapOptions, BradleyTerryOptions, Comparison, IdeaId, JudgeId, JudgeTotal, Outcome,
    PairScheduleRequest, Recusal,
};

const RUNS: usize = 15;

/// A small PCG-style generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as u32) % n
    }

    fn unit(&mut self) -> f64 {
        f64::from(self.below(1 << 30)) / f64::from(1u32 << 30)
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
    let ideas: Vec<IdeaId> = (1..=500).map(IdeaId).collect();
    let judges: Vec<JudgeId> = (1..=20).map(JudgeId).collect();
    let mut rng = Lcg(2021);

    // Pairwise: plan, then draw each choice from strengths spread over [-2, 2].
    let request = PairScheduleRequest {
        ideas: ideas.clone(),
        judges: judges.clone(),
        pairs_per_judge: 40,
        conflicts: Vec::new(),
        seed: 2021,
    };
    let (median, min, max, schedule) = time(|| schedule_pairs(&request).expect("plannable"));
    println!(
        "schedule_pairs, 500 ideas x 20 judges x 40 pairs: median {} (min {}, max {}) over {RUNS} runs",
        ms(median),
        ms(min),
        ms(max)
    );
    let strength = |idea: IdeaId| 2.0 - 4.0 * (idea.0 - 1) as f64 / 499.0;
    let mut comparisons = Vec::new();
    for plan in &schedule.judges {
        for pair in &plan.pairs {
            let p = 1.0 / (1.0 + (strength(pair.second) - strength(pair.first)).exp());
            let u = rng.unit();
            let outcome = if (p - u).abs() < 0.05 {
                Outcome::CannotSeparate
            } else if u < p {
                Outcome::FirstStronger
            } else {
                Outcome::SecondStronger
            };
            comparisons.push(Comparison::overall(plan.judge, pair.first, pair.second, outcome));
        }
    }
    let options = BradleyTerryOptions::default();
    let (median, min, max, ranking) = time(|| bradley_terry(&ideas, &comparisons, &options));
    println!(
        "bradley_terry, {} comparisons of 500 ideas by 20 judges (target 50 ms): median {} (min {}, max {}); \
         {} Newton iterations; top idea {:?}",
        ranking.comparisons_used,
        ms(median),
        ms(min),
        ms(max),
        ranking.iterations,
        ranking.ideas[0].idea
    );

    // Bootstrap: every judge scores every idea but 2% recused; totals on 1-10 with a
    // generosity per judge.
    let mut totals = Vec::new();
    for &judge in &judges {
        let bias = f64::from(rng.below(3)) - 1.0;
        for &idea in &ideas {
            if rng.below(100) < 2 {
                continue;
            }
            let quality = (idea.0 % 7) as f64;
            let total = (2.0 + quality + bias + f64::from(rng.below(30)) / 10.0).clamp(1.0, 10.0);
            totals.push(JudgeTotal { judge, idea, total });
        }
    }
    let options = BootstrapOptions { resamples: 1000, seed: 2021, target: 8 };
    let (median, min, max, boot) = time(|| bootstrap_ranking(&totals, &options));
    println!(
        "bootstrap_ranking, 1,000 resamples of 20 judges x 500 ideas (target 200 ms): median {} (min {}, max {}); \
         top idea {:?} ranks {}-{}",
        ms(median),
        ms(min),
        ms(max),
        boot.ideas[0].idea,
        boot.ideas[0].rank_best,
        boot.ideas[0].rank_worst
    );
    let (median, min, max, cut) = time(|| cut_stability(&totals, 8));
    println!(
        "cut_stability, 20 judges x 500 ideas, target 8: median {} (min {}, max {}); {} single-judge dependencies",
        ms(median),
        ms(min),
        ms(max),
        cut.dependencies.len()
    );

    // Allocation: 2,000 ideas, 40 assessors, k = 3, ~1% conflicts, 20 manual assignments.
    let sift_ideas: Vec<IdeaId> = (1..=2000).map(IdeaId).collect();
    let assessors: Vec<JudgeId> = (1..=40).map(JudgeId).collect();
    let mut conflicts = Vec::new();
    for &idea in &sift_ideas {
        for &judge in &assessors {
            if rng.below(100) < 1 {
                conflicts.push(Recusal { judge, idea });
            }
        }
    }
    let fixed = (0..20)
        .map(|k| shortlist_scoring::Assignment { judge: assessors[k % 40], idea: sift_ideas[k * 97] })
        .filter(|a| !conflicts.iter().any(|c| c.judge == a.judge && c.idea == a.idea))
        .collect();
    let request =
        AllocationRequest { ideas: sift_ideas, assessors, per_idea: 3, conflicts, fixed, seed: 2021 };
    let (median, min, max, allocation) = time(|| allocate(&request).expect("feasible"));
    let loads: Vec<u32> = allocation.loads.iter().map(|l| l.assigned).collect();
    println!(
        "allocate, 2,000 ideas to 40 assessors, k = 3, {} conflicts (target 100 ms): median {} (min {}, max {}); \
         loads {}-{}",
        request.conflicts.len(),
        ms(median),
        ms(min),
        ms(max),
        loads.iter().min().expect("assessors"),
        loads.iter().max().expect("assessors")
    );
}
