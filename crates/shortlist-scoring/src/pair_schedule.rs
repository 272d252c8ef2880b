//! Planning a pairwise round ahead: which pairs each judge compares, so that the plan can travel
//! in a judge's bundle and be worked through offline.
//!
//! [`schedule_pairs`] gives each judge `pairs_per_judge` pairs such that
//! - no pair involves an idea the judge has a conflict with, and no judge sees a pair twice;
//! - every idea appears about equally often across the panel (the planner always extends the
//!   idea used least so far, and partners it with the least-used eligible idea);
//! - the comparison graph (ideas as nodes, planned pairs as edges) is connected, which the
//!   Bradley–Terry model needs to put every idea on one scale: until it is, a partner from
//!   another part of the graph is preferred to a better-balanced one;
//! - a pair already given to another judge is avoided while fresh ones remain, so the panel's
//!   comparisons cover more of the field;
//! - which idea is shown first is random, so neither side of the screen is favoured.
//!
//! Remaining ties are broken by a ChaCha8 stream seeded with the request's seed, over ideas and
//! judges sorted by id: the same request gives the same plan, whatever the order of its lists.
//! Judges' pairs are dealt in turn (one to each judge, then a second to each…), so every judge's
//! list is spread over the whole field rather than the last judges getting the leftovers.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::score::{IdeaId, JudgeId, Recusal};

/// What to plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PairScheduleRequest {
    /// The round's ideas. Order and repeats do not matter.
    pub ideas: Vec<IdeaId>,
    /// The panel. Order and repeats do not matter.
    pub judges: Vec<JudgeId>,
    /// How many pairs each judge compares.
    pub pairs_per_judge: u32,
    /// Declared conflicts: the judge sees no pair with that idea.
    pub conflicts: Vec<Recusal>,
    /// The same seed gives the same plan.
    pub seed: u64,
}

/// Two ideas to compare, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlannedPair {
    /// Shown first (on the left).
    pub first: IdeaId,
    /// Shown second.
    pub second: IdeaId,
}

/// One judge's pairs, in the order to present them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgePairs {
    /// The judge.
    pub judge: JudgeId,
    /// Their pairs.
    pub pairs: Vec<PlannedPair>,
}

/// A planned pairwise round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PairSchedule {
    /// Every judge, by judge id.
    pub judges: Vec<JudgePairs>,
}

impl PairSchedule {
    /// How many planned pairs each idea is in, by idea id (ideas in no pair are not listed).
    pub fn appearances(&self) -> Vec<(IdeaId, u32)> {
        let mut counts: HashMap<IdeaId, u32> = HashMap::new();
        for pair in self.judges.iter().flat_map(|j| &j.pairs) {
            *counts.entry(pair.first).or_default() += 1;
            *counts.entry(pair.second).or_default() += 1;
        }
        let mut out: Vec<(IdeaId, u32)> = counts.into_iter().collect();
        out.sort_unstable();
        out
    }

    /// Whether the planned pairs link all of `ideas` into one comparison graph.
    pub fn connects(&self, ideas: &[IdeaId]) -> bool {
        let pairs: Vec<(IdeaId, IdeaId)> =
            self.judges.iter().flat_map(|j| &j.pairs).map(|p| (p.first, p.second)).collect();
        is_connected(ideas, &pairs)
    }
}

/// Whether `pairs` link all of `ideas` (and any idea the pairs name) into one graph. No ideas,
/// or one, count as connected.
pub fn is_connected(ideas: &[IdeaId], pairs: &[(IdeaId, IdeaId)]) -> bool {
    let ids: BTreeSet<IdeaId> =
        ideas.iter().copied().chain(pairs.iter().flat_map(|&(a, b)| [a, b])).collect();
    let ids: Vec<IdeaId> = ids.into_iter().collect();
    let mut sets = DisjointSets::new(ids.len());
    let index = |x: IdeaId| ids.binary_search(&x).expect("collected above");
    for &(a, b) in pairs {
        sets.union(index(a), index(b));
    }
    sets.count <= 1
}

/// Why a round cannot be planned as asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ScheduleProblem {
    /// Fewer than two ideas: nothing to compare.
    TooFewIdeas {
        /// How many there are.
        ideas: u32,
    },
    /// No judges, or no pairs asked of them.
    NothingAsked,
    /// Too few comparisons in all to link every idea to every other.
    TooFewPairs {
        /// Judges times pairs per judge.
        planned: u32,
        /// One less than the number of ideas.
        needed: u32,
        /// The smallest pairs per judge that could work.
        per_judge: u32,
    },
    /// Every judge has a conflict with this idea, so it cannot be compared.
    IdeaUnjudgeable {
        /// The idea.
        idea: IdeaId,
    },
    /// A judge's conflicts leave fewer distinct pairs than they are asked to compare.
    JudgeShortOfPairs {
        /// The judge.
        judge: JudgeId,
        /// Distinct pairs of ideas they have no conflict with.
        available: u32,
        /// Pairs asked of each judge.
        asked: u32,
    },
    /// The plan came out in separate groups that no comparison links (conflicts can cause it).
    NotConnected {
        /// How many separate groups.
        groups: u32,
    },
}

impl fmt::Display for ScheduleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFewIdeas { ideas } => {
                write!(f, "A pairwise round needs at least 2 ideas; this one has {ideas}. Add ideas to the round.")
            }
            Self::NothingAsked => f.write_str(
                "No comparisons were asked for. Add judges to the round and ask each for at least one pair.",
            ),
            Self::TooFewPairs { planned, needed, per_judge } => write!(
                f,
                "{planned} comparisons cannot link all {} ideas into one ranking (that needs at least {needed}). \
                 Ask each judge for at least {per_judge} pairs, or add judges.",
                needed + 1
            ),
            Self::IdeaUnjudgeable { idea } => write!(
                f,
                "Every judge has a conflict of interest with idea {}, so nobody can compare it. \
                 Add a judge without a conflict, or take the idea out of the pairwise round.",
                idea.0
            ),
            Self::JudgeShortOfPairs { judge, available, asked } => write!(
                f,
                "Judge {}'s conflicts of interest leave only {available} different pairs to compare, \
                 fewer than the {asked} asked of each judge. Ask for fewer pairs per judge.",
                judge.0
            ),
            Self::NotConnected { groups } => write!(
                f,
                "The plan splits the ideas into {groups} groups that no comparison links, so they cannot be \
                 ranked together (conflicts of interest can cause this). Ask each judge for more pairs, \
                 or try another seed."
            ),
        }
    }
}

/// [`schedule_pairs`] could not plan the round; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleError {
    /// Never empty.
    pub problems: Vec<ScheduleProblem>,
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        f.write_str(&messages.join(" "))
    }
}

impl std::error::Error for ScheduleError {}

/// Union–find over indices, with the number of sets.
pub(crate) struct DisjointSets {
    parent: Vec<usize>,
    pub(crate) count: usize,
}

impl DisjointSets {
    pub(crate) fn new(n: usize) -> Self {
        Self { parent: (0..n).collect(), count: n }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller root wins, so the structure does not depend on call history beyond
            // the unions made.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
            self.count -= 1;
        }
    }
}

/// Plans a pairwise round as described in the [module documentation](self).
///
/// # Errors
/// Every problem found before planning ([`ScheduleProblem`]: too few ideas or comparisons, an
/// idea every judge is conflicted with, a judge whose conflicts leave too few pairs); or, after
/// planning, a comparison graph that is not connected. Each message says how to fix it.
pub fn schedule_pairs(request: &PairScheduleRequest) -> Result<PairSchedule, ScheduleError> {
    let ideas: Vec<IdeaId> = request.ideas.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let judges: Vec<JudgeId> = request.judges.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let conflicts: BTreeSet<(JudgeId, IdeaId)> =
        request.conflicts.iter().map(|r| (r.judge, r.idea)).collect();
    let per_judge = request.pairs_per_judge as usize;
    let n = ideas.len();

    let mut problems = Vec::new();
    if n < 2 {
        problems.push(ScheduleProblem::TooFewIdeas { ideas: n as u32 });
    }
    if judges.is_empty() || per_judge == 0 {
        problems.push(ScheduleProblem::NothingAsked);
    }
    if !problems.is_empty() {
        return Err(ScheduleError { problems });
    }
    let planned = judges.len() * per_judge;
    if planned < n - 1 {
        problems.push(ScheduleProblem::TooFewPairs {
            planned: planned as u32,
            needed: (n - 1) as u32,
            per_judge: (n - 1).div_ceil(judges.len()) as u32,
        });
    }
    // Eligible ideas (indices) per judge.
    let eligible: Vec<Vec<usize>> =
        judges.iter().map(|&j| (0..n).filter(|&k| !conflicts.contains(&(j, ideas[k]))).collect()).collect();
    for (k, &idea) in ideas.iter().enumerate() {
        if eligible.iter().all(|e| e.binary_search(&k).is_err()) {
            problems.push(ScheduleProblem::IdeaUnjudgeable { idea });
        }
    }
    for (&judge, e) in judges.iter().zip(&eligible) {
        let m = e.len();
        let available = m * m.saturating_sub(1) / 2;
        if available < per_judge {
            problems.push(ScheduleProblem::JudgeShortOfPairs {
                judge,
                available: available as u32,
                asked: per_judge as u32,
            });
        }
    }
    if !problems.is_empty() {
        return Err(ScheduleError { problems });
    }

    let mut rng = ChaCha8Rng::seed_from_u64(request.seed);
    let mut used_by_judge: Vec<BTreeSet<(usize, usize)>> = vec![BTreeSet::new(); judges.len()];
    // How many of each idea's possible partners a judge has used up.
    let mut partners_used: Vec<Vec<usize>> = vec![vec![0; n]; judges.len()];
    let mut pair_uses: HashMap<(usize, usize), u32> = HashMap::new();
    let mut appearances = vec![0u32; n];
    let mut sets = DisjointSets::new(n);
    let mut plans: Vec<Vec<PlannedPair>> = vec![Vec::with_capacity(per_judge); judges.len()];

    for _ in 0..per_judge {
        for (j, e) in eligible.iter().enumerate() {
            // The least-used idea that still has a partner this judge has not paired it with.
            let a = e
                .iter()
                .copied()
                .filter(|&k| partners_used[j][k] + 1 < e.len())
                .map(|k| ((appearances[k], rng.random::<u64>()), k))
                .min()
                .map(|(_, k)| k)
                .expect("the judge has an unused pair (checked above)");
            let root_a = sets.find(a);
            let b = e
                .iter()
                .copied()
                .filter(|&k| k != a && !used_by_judge[j].contains(&(a.min(k), a.max(k))))
                .map(|k| {
                    let same_group = sets.find(k) == root_a;
                    let uses = pair_uses.get(&(a.min(k), a.max(k))).copied().unwrap_or(0);
                    ((same_group, appearances[k], uses, rng.random::<u64>()), k)
                })
                .min()
                .map(|(_, k)| k)
                .expect("a has an unused partner (filtered above)");
            let key = (a.min(b), a.max(b));
            used_by_judge[j].insert(key);
            partners_used[j][a] += 1;
            partners_used[j][b] += 1;
            *pair_uses.entry(key).or_default() += 1;
            appearances[a] += 1;
            appearances[b] += 1;
            sets.union(a, b);
            let (first, second) = if rng.random::<bool>() { (a, b) } else { (b, a) };
            plans[j].push(PlannedPair { first: ideas[first], second: ideas[second] });
        }
    }
    if sets.count > 1 {
        return Err(ScheduleError {
            problems: vec![ScheduleProblem::NotConnected { groups: sets.count as u32 }],
        });
    }
    Ok(PairSchedule {
        judges: judges.into_iter().zip(plans).map(|(judge, pairs)| JudgePairs { judge, pairs }).collect(),
    })
}
