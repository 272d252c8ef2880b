//! Balanced allocation for the sift: each idea to `k` assessors, everyone carrying the same
//! load to within one, conflicts respected, manual assignments kept.
//!
//! [`allocate`] treats it as a flow problem. Ideas draw `k` less their manual assignments;
//! an idea may go to any assessor without a declared conflict who does not already have it;
//! with `T = ideas × k` assessments over `A` assessors, each assessor takes `⌊T / A⌋` or one
//! more, and exactly `T mod A` of them take one more (manual assignments count toward the
//! load). A maximum flow (Dinic's algorithm) either places every assessment, which is then a
//! balanced allocation, or proves none exists; in that case the minimum cut names the ideas
//! that cannot all be covered and the assessors they are limited to, and the error says so.
//!
//! Checks that explain the usual failures come first and are all reported together: fewer
//! assessors than `k`; an idea with fewer than `k` assessors free of conflicts; a manual
//! assignment that contradicts a declared conflict, overfills an idea, or gives an assessor
//! more than a balanced share.
//!
//! Which balanced allocation is found is decided by a ChaCha8 stream seeded with the request's
//! seed, which shuffles the order in which the flow tries ideas and assessors; ideas and
//! assessors are sorted by id first, so the same request gives the same allocation whatever
//! the order of its lists.
//!
//! [`suggest_conflicts`] proposes conflicts where an assessor and a submitter share a
//! department or agency. They are suggestions: a person confirms each, and only confirmed
//! ones become the request's `conflicts`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::score::{Assignment, IdeaId, JudgeId, Recusal};

/// What to allocate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AllocationRequest {
    /// The ideas to assess. Order and repeats do not matter.
    pub ideas: Vec<IdeaId>,
    /// The assessors. Order and repeats do not matter.
    pub assessors: Vec<JudgeId>,
    /// Assessors per idea (`k`), for this round.
    pub per_idea: u32,
    /// Declared (and confirmed) conflicts: that assessor never gets that idea.
    pub conflicts: Vec<Recusal>,
    /// Manual assignments, kept as they are and counted toward `k` and the loads. Their ideas
    /// and assessors must be in the lists above.
    pub fixed: Vec<Assignment>,
    /// The same seed gives the same allocation.
    pub seed: u64,
}

/// One assessor's load in an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssessorLoad {
    /// The assessor.
    pub assessor: JudgeId,
    /// Ideas assigned in all, manual ones included.
    pub assigned: u32,
    /// Of which manual.
    pub fixed: u32,
}

/// A balanced allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    /// Every assignment, the manual ones included, by idea id then assessor id.
    pub assignments: Vec<Assignment>,
    /// Every assessor's load, by assessor id.
    pub loads: Vec<AssessorLoad>,
}

/// Why an allocation is impossible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum AllocationProblem {
    /// Fewer assessors than each idea needs.
    TooFewAssessors {
        /// Assessors per idea asked for.
        per_idea: u32,
        /// Assessors available.
        assessors: u32,
    },
    /// A manual assignment names an idea or assessor not in the request's lists.
    FixedOutsideRound {
        /// The assignment.
        assignment: Assignment,
    },
    /// A manual assignment contradicts a declared conflict.
    FixedConflict {
        /// The assignment.
        assignment: Assignment,
    },
    /// Manual assignments give an idea more than `k` assessors.
    FixedOverfills {
        /// The idea.
        idea: IdeaId,
        /// Its manual assignments.
        fixed: u32,
        /// Assessors per idea.
        per_idea: u32,
    },
    /// An idea has fewer assessors free of conflicts than it needs.
    IdeaShortOfAssessors {
        /// The idea.
        idea: IdeaId,
        /// Assessors without a conflict with it.
        available: u32,
        /// Assessors per idea.
        per_idea: u32,
    },
    /// Manual assignments give an assessor more than a balanced share.
    AssessorOverloaded {
        /// The assessor.
        assessor: JudgeId,
        /// Their manual assignments.
        fixed: u32,
        /// The most a balanced allocation gives anyone.
        most: u32,
    },
    /// Manual assignments give too many assessors the larger of the two balanced loads.
    TooManyAtLargerLoad {
        /// Assessors whose manual assignments already reach the larger load.
        assessors: Vec<JudgeId>,
        /// The larger load.
        load: u32,
        /// How many assessors a balanced allocation gives it.
        room: u32,
    },
    /// Conflicts confine these ideas to these assessors, who cannot take them all and stay
    /// balanced.
    Bottleneck {
        /// The ideas that cannot all be covered.
        ideas: Vec<IdeaId>,
        /// The only assessors free to take them.
        assessors: Vec<JudgeId>,
        /// Assessments these ideas still need.
        needed: u32,
        /// Assessments those assessors can still take within a balanced load.
        room: u32,
    },
}

fn list<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    const SHOWN: usize = 10;
    let mut names: Vec<String> = items.iter().take(SHOWN).map(show).collect();
    if items.len() > SHOWN {
        names.push(format!("and {} more", items.len() - SHOWN));
    }
    names.join(", ")
}

impl AllocationProblem {
    /// The problem in words that say how to fix it, naming ideas and assessors with `name_idea`
    /// and `name_assessor` (an app names them by reference and name; [`fmt::Display`] uses the ids).
    pub fn describe(
        &self,
        name_idea: &dyn Fn(IdeaId) -> String,
        name_assessor: &dyn Fn(JudgeId) -> String,
    ) -> String {
        match self {
            Self::TooFewAssessors { per_idea, assessors } => format!(
                "Each idea needs {per_idea} assessors but there are only {assessors}. \
                 Add assessors or lower the number per idea."
            ),
            Self::FixedOutsideRound { assignment } => format!(
                "The manual assignment of idea {} to assessor {} names an idea or assessor not in this \
                 allocation. Add them to it or remove the assignment.",
                name_idea(assignment.idea),
                name_assessor(assignment.judge)
            ),
            Self::FixedConflict { assignment } => format!(
                "Assessor {} is manually assigned idea {} but has declared a conflict of interest with it. \
                 Remove the assignment or the conflict.",
                name_assessor(assignment.judge),
                name_idea(assignment.idea)
            ),
            Self::FixedOverfills { idea, fixed, per_idea } => format!(
                "Idea {} has {fixed} manual assignments, more than the {per_idea} assessors each idea gets. \
                 Remove {} of them.",
                name_idea(*idea),
                fixed - per_idea
            ),
            Self::IdeaShortOfAssessors { idea, available, per_idea } => format!(
                "Idea {} needs {per_idea} assessors but only {available} {} no conflict of interest with it. \
                 Add assessors, or lower the number per idea.",
                name_idea(*idea),
                if *available == 1 { "has" } else { "have" }
            ),
            Self::AssessorOverloaded { assessor, fixed, most } => format!(
                "Assessor {} has {fixed} manual assignments, more than the {most} a balanced allocation gives \
                 anyone. Move {} of them to other assessors.",
                name_assessor(*assessor),
                fixed - most
            ),
            Self::TooManyAtLargerLoad { assessors, load, room } => format!(
                "Manual assignments already give {} assessors ({}) {load} ideas each, but a balanced allocation \
                 has room for only {room} at that load. Move some of their manual assignments to others.",
                assessors.len(),
                list(assessors, |a| name_assessor(*a))
            ),
            Self::Bottleneck { ideas, assessors, needed, room } => format!(
                "Conflicts of interest leave {} ideas ({}) to only {} ({}), who can take {room} of their \
                 assessments within a balanced load, but they need {needed}. Add an assessor without these conflicts, \
                 lower the number per idea, or review the conflicts.",
                ideas.len(),
                list(ideas, |i| name_idea(*i)),
                if assessors.len() == 1 { "1 assessor".to_string() } else { format!("{} assessors", assessors.len()) },
                list(assessors, |a| name_assessor(*a))
            ),
        }
    }
}

impl fmt::Display for AllocationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&|i| i.0.to_string(), &|a| a.0.to_string()))
    }
}

/// [`allocate`] found no balanced allocation; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AllocationError {
    /// Never empty.
    pub problems: Vec<AllocationProblem>,
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        f.write_str(&messages.join(" "))
    }
}

impl std::error::Error for AllocationError {}

/// A flow network with integer capacities, solved by Dinic's algorithm.
struct Network {
    /// Per edge: head node, residual capacity. Edge `e ^ 1` is its reverse.
    head: Vec<usize>,
    cap: Vec<u32>,
    /// Per node, its edges in the order added.
    out: Vec<Vec<usize>>,
}

impl Network {
    fn new(nodes: usize) -> Self {
        Self { head: Vec::new(), cap: Vec::new(), out: vec![Vec::new(); nodes] }
    }

    fn add(&mut self, from: usize, to: usize, cap: u32) -> usize {
        let e = self.head.len();
        self.head.extend([to, from]);
        self.cap.extend([cap, 0]);
        self.out[from].push(e);
        self.out[to].push(e + 1);
        e
    }

    /// Distances from `s` over edges with residual capacity (`usize::MAX`: unreachable).
    fn levels(&self, s: usize) -> Vec<usize> {
        let mut level = vec![usize::MAX; self.out.len()];
        level[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &e in &self.out[v] {
                let w = self.head[e];
                if self.cap[e] > 0 && level[w] == usize::MAX {
                    level[w] = level[v] + 1;
                    queue.push_back(w);
                }
            }
        }
        level
    }

    fn max_flow(&mut self, s: usize, t: usize) -> u32 {
        let mut flow = 0;
        loop {
            let level = self.levels(s);
            if level[t] == usize::MAX {
                return flow;
            }
            let mut next = vec![0usize; self.out.len()];
            loop {
                let pushed = self.augment(s, t, u32::MAX, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                flow += pushed;
            }
        }
    }

    /// One blocking-flow path search from `v`, iteratively (no recursion depth to worry about).
    fn augment(&mut self, s: usize, t: usize, limit: u32, level: &[usize], next: &mut [usize]) -> u32 {
        let mut path: Vec<usize> = Vec::new();
        let mut v = s;
        loop {
            if v == t {
                let pushed = path.iter().map(|&e| self.cap[e]).min().unwrap_or(limit).min(limit);
                for &e in &path {
                    self.cap[e] -= pushed;
                    self.cap[e ^ 1] += pushed;
                }
                return pushed;
            }
            let mut advanced = false;
            while next[v] < self.out[v].len() {
                let e = self.out[v][next[v]];
                let w = self.head[e];
                if self.cap[e] > 0 && level[w] == level[v] + 1 {
                    path.push(e);
                    v = w;
                    advanced = true;
                    break;
                }
                next[v] += 1;
            }
            if !advanced {
                // Dead end: retreat, and skip the edge that led here.
                let Some(e) = path.pop() else { return 0 };
                v = self.head[e ^ 1];
                next[v] += 1;
            }
        }
    }
}

/// Allocates ideas to assessors as described in the [module documentation](self).
///
/// # Errors
/// When no balanced allocation exists: every problem the checks find, or else the bottleneck
/// the flow finds ([`AllocationProblem`]), each with a message that says what is wrong and
/// how to fix it.
pub fn allocate(request: &AllocationRequest) -> Result<Allocation, AllocationError> {
    let ideas: Vec<IdeaId> = request.ideas.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let assessors: Vec<JudgeId> =
        request.assessors.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let conflicts: BTreeSet<(usize, usize)> = request
        .conflicts
        .iter()
        .filter_map(|r| Some((ideas.binary_search(&r.idea).ok()?, assessors.binary_search(&r.judge).ok()?)))
        .collect();
    let k = request.per_idea as usize;
    let (n, a) = (ideas.len(), assessors.len());

    let mut problems = Vec::new();
    if k > a {
        problems.push(AllocationProblem::TooFewAssessors { per_idea: k as u32, assessors: a as u32 });
    }
    // Manual assignments, as (idea, assessor) indices.
    let mut fixed: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &assignment in request.fixed.iter().collect::<BTreeSet<_>>() {
        match (ideas.binary_search(&assignment.idea), assessors.binary_search(&assignment.judge)) {
            (Ok(i), Ok(j)) if conflicts.contains(&(i, j)) => {
                problems.push(AllocationProblem::FixedConflict { assignment });
            }
            (Ok(i), Ok(j)) => {
                fixed.insert((i, j));
            }
            _ => problems.push(AllocationProblem::FixedOutsideRound { assignment }),
        }
    }
    let mut fixed_per_idea = vec![0usize; n];
    let mut fixed_per_assessor = vec![0usize; a];
    for &(i, j) in &fixed {
        fixed_per_idea[i] += 1;
        fixed_per_assessor[j] += 1;
    }
    let mut conflicts_per_idea = vec![0usize; n];
    for &(i, _) in &conflicts {
        conflicts_per_idea[i] += 1;
    }
    for i in 0..n {
        if fixed_per_idea[i] > k {
            problems.push(AllocationProblem::FixedOverfills {
                idea: ideas[i],
                fixed: fixed_per_idea[i] as u32,
                per_idea: k as u32,
            });
        }
        let available = a - conflicts_per_idea[i];
        if k <= a && available < k {
            problems.push(AllocationProblem::IdeaShortOfAssessors {
                idea: ideas[i],
                available: available as u32,
                per_idea: k as u32,
            });
        }
    }
    if a == 0 {
        return if problems.is_empty() {
            Ok(Allocation { assignments: Vec::new(), loads: Vec::new() })
        } else {
            Err(AllocationError { problems })
        };
    }
    let total = n * k;
    let (floor, extra) = (total / a, total % a);
    let most = floor + usize::from(extra > 0);
    let mut at_larger = Vec::new();
    for j in 0..a {
        if fixed_per_assessor[j] > most {
            problems.push(AllocationProblem::AssessorOverloaded {
                assessor: assessors[j],
                fixed: fixed_per_assessor[j] as u32,
                most: most as u32,
            });
        } else if fixed_per_assessor[j] > floor {
            at_larger.push(assessors[j]);
        }
    }
    if at_larger.len() > extra {
        problems.push(AllocationProblem::TooManyAtLargerLoad {
            assessors: at_larger.clone(),
            load: most as u32,
            room: extra as u32,
        });
    }
    if !problems.is_empty() {
        return Err(AllocationError { problems });
    }

    // Nodes: source, ideas, assessors, the "one more" node, sink.
    let (source, idea_node, assessor_node) = (0, 1, 1 + n);
    let (bonus, sink) = (1 + n + a, 2 + n + a);
    let mut net = Network::new(sink + 1);
    let mut rng = ChaCha8Rng::seed_from_u64(request.seed);
    let mut idea_order: Vec<usize> = (0..n).collect();
    idea_order.shuffle(&mut rng);
    let mut choice_edges: Vec<(usize, usize, usize)> = Vec::new(); // (edge, idea, assessor)
    let mut needed = 0;
    for &i in &idea_order {
        let need = k - fixed_per_idea[i];
        needed += need;
        net.add(source, idea_node + i, need as u32);
        let mut candidates: Vec<usize> =
            (0..a).filter(|&j| !conflicts.contains(&(i, j)) && !fixed.contains(&(i, j))).collect();
        candidates.shuffle(&mut rng);
        for j in candidates {
            let e = net.add(idea_node + i, assessor_node + j, 1);
            choice_edges.push((e, i, j));
        }
    }
    let mut assessor_order: Vec<usize> = (0..a).collect();
    assessor_order.shuffle(&mut rng);
    for &j in &assessor_order {
        net.add(assessor_node + j, sink, floor.saturating_sub(fixed_per_assessor[j]) as u32);
        if fixed_per_assessor[j] <= floor && extra > 0 {
            net.add(assessor_node + j, bonus, 1);
        }
    }
    net.add(bonus, sink, (extra - at_larger.len()) as u32);

    let flow = net.max_flow(source, sink) as usize;
    if flow < needed {
        // The minimum cut: ideas still reachable from the source cannot all be covered, and
        // the assessors reachable from them are all full.
        let level = net.levels(source);
        let reach = |v: usize| level[v] != usize::MAX;
        let stuck: Vec<usize> = (0..n).filter(|&i| reach(idea_node + i)).collect();
        let free: Vec<usize> = (0..a).filter(|&j| reach(assessor_node + j)).collect();
        let short: usize = stuck.iter().map(|&i| k - fixed_per_idea[i]).sum();
        let missing = needed - flow;
        return Err(AllocationError {
            problems: vec![AllocationProblem::Bottleneck {
                ideas: stuck.iter().map(|&i| ideas[i]).collect(),
                assessors: free.iter().map(|&j| assessors[j]).collect(),
                needed: short as u32,
                room: (short - missing) as u32,
            }],
        });
    }

    let mut pairs: BTreeSet<(usize, usize)> = fixed.clone();
    for &(e, i, j) in &choice_edges {
        if net.cap[e] == 0 {
            pairs.insert((i, j));
        }
    }
    let mut loads: BTreeMap<usize, u32> = (0..a).map(|j| (j, 0)).collect();
    for &(_, j) in &pairs {
        *loads.entry(j).or_default() += 1;
    }
    Ok(Allocation {
        assignments: pairs.iter().map(|&(i, j)| Assignment { judge: assessors[j], idea: ideas[i] }).collect(),
        loads: loads
            .into_iter()
            .map(|(j, assigned)| AssessorLoad {
                assessor: assessors[j],
                assigned,
                fixed: fixed_per_assessor[j] as u32,
            })
            .collect(),
    })
}

/// An assessor's departments and agencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssessorOrganisations {
    /// The assessor.
    pub assessor: JudgeId,
    /// Their department, agency, and any other body they belong to, as written.
    pub organisations: Vec<String>,
}

/// The departments and agencies of an idea's submitters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IdeaOrganisations {
    /// The idea.
    pub idea: IdeaId,
    /// Every submitter's department and agency, as written.
    pub organisations: Vec<String>,
}

/// A conflict to put to a person: the assessor and a submitter of the idea share organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SuggestedConflict {
    /// The assessor.
    pub assessor: JudgeId,
    /// The idea.
    pub idea: IdeaId,
    /// The shared organisations, as the assessor's record writes them, sorted.
    pub shared: Vec<String>,
}

/// How two names of an organisation are compared: case, spacing, "&" against "and", a leading
/// "The" and surrounding punctuation do not matter ("HM Revenue & Customs" matches "hm revenue
/// and customs"). Abbreviations are not expanded: record "HMRC" as well if people use both.
pub fn organisation_key(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// Conflicts to suggest: every assessor–idea pair sharing an organisation (compared by
/// [`organisation_key`]), less those already in `declared`. By idea id, then assessor id.
pub fn suggest_conflicts(
    assessors: &[AssessorOrganisations],
    ideas: &[IdeaOrganisations],
    declared: &[Recusal],
) -> Vec<SuggestedConflict> {
    let declared: BTreeSet<(IdeaId, JudgeId)> = declared.iter().map(|r| (r.idea, r.judge)).collect();
    // organisation key -> ideas
    let mut by_org: BTreeMap<String, BTreeSet<IdeaId>> = BTreeMap::new();
    for idea in ideas {
        for org in &idea.organisations {
            let key = organisation_key(org);
            if !key.is_empty() {
                by_org.entry(key).or_default().insert(idea.idea);
            }
        }
    }
    let mut found: BTreeMap<(IdeaId, JudgeId), BTreeSet<String>> = BTreeMap::new();
    for assessor in assessors {
        for org in &assessor.organisations {
            let Some(matched) = by_org.get(&organisation_key(org)) else { continue };
            for &idea in matched {
                if !declared.contains(&(idea, assessor.assessor)) {
                    found.entry((idea, assessor.assessor)).or_default().insert(org.trim().to_string());
                }
            }
        }
    }
    found
        .into_iter()
        .map(|((idea, assessor), shared)| SuggestedConflict {
            assessor,
            idea,
            shared: shared.into_iter().collect(),
        })
        .collect()
}
