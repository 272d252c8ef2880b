//! Scoring a judging round: rubrics, and turning a panel's scores into results.
//!
//! Pure functions over plain data: no I/O, no clock, no database, no other Shortlist crate. The
//! app loads the round, calls [`aggregate()`] (or one of the judging methods below), and stores
//! or shows the result.
//!
//! # The pieces
//!
//! - [`rubric`]: a [`Rubric`] is weighted [`Criterion`]s, an integer [`Scale`] (1–5, 1–10,
//!   0–10 …) and [`Band`]s that describe ranges of scores. It is entered as a [`RubricDraft`]
//!   and checked by [`RubricDraft::validate`], which lists every problem as an
//!   [`InvalidRubric`]. [`Rubric::requires_comment`] says whether a score needs a comment.
//! - [`templates`]: rubrics to start from — [`challenge_default`], [`innovate_uk_style`],
//!   [`green_book_five_cases`].
//! - [`score`]: the inputs — [`Score`]s, and [`Assignments`] (who scores what, who recused).
//! - [`aggregate()`](aggregate()): per judge and idea the weighted-mean total; per idea the mean,
//!   median, normalised mean, spread, disagreement flag and rank; per judge the severity.
//! - [`normalise()`](normalise()): per-judge z-score normalisation over plain `f64` totals, used
//!   by `aggregate` and usable alone.
//! - [`discussion_order`]: the meeting's agenda — disagreements, then borderline ideas, then the
//!   rest.
//!
//! Judging methods beyond the scorecard (issue #17), each a pure function over plain data keyed
//! by [`IdeaId`] and [`JudgeId`]:
//!
//! - [`pair_schedule`]: [`schedule_pairs`] plans a pairwise round ahead, so it can travel in a
//!   judge's bundle — n pairs per judge, no conflicted idea, no repeated pair, balanced
//!   appearances, a connected comparison graph — or says why it cannot ([`ScheduleError`]).
//! - [`pairwise`]: [`bradley_terry`] ranks ideas from [`Comparison`]s ("first stronger", "second
//!   stronger", "can't separate"; overall or per criterion), with standard errors, 95%
//!   intervals and each judge's agreement with the panel's model.
//! - [`reliability`]: ICC(2,1) and ICC(2,k) ([`icc`]) and Krippendorff's alpha
//!   ([`krippendorff_alpha`], interval, ordinal, nominal); [`reliability_by_criterion`] gives
//!   both per criterion of a round with a sentence such as "The judges agree poorly on
//!   Innovation".
//! - [`confidence`]: [`bootstrap_ranking`] (score and rank intervals, resampling judges) and
//!   [`cut_stability`] (which ideas' place in or out of the target rests on one judge, and which
//!   judge: the list meeting mode discusses first).
//! - [`allocation`]: [`allocate`] gives each idea k assessors with loads within one, conflicts
//!   respected and manual assignments kept, or explains why it cannot ([`AllocationError`]);
//!   [`suggest_conflicts`] proposes conflicts from shared departments and agencies.
//!
//! # Decisions, in one place
//!
//! - **Totals are weighted means**, `sum(w * s) / sum(w)`, so they stay on the rubric's scale and
//!   read like a score.
//! - **Partial scoring**: a judge's total for an idea counts only when every criterion is scored.
//!   Otherwise it is reported as incomplete (with the missing criteria) and left out of every
//!   statistic, so no idea is compared on part of the rubric.
//! - **Means, never sums, across judges**: a recusal or a judge who has not scored yet does not
//!   lower an idea's result.
//! - **Population sd** everywhere (see [`normalise::population_sd`]).
//! - **Normalisation**: z-score within each judge, mapped back with the panel's pooled mean and
//!   pooled within-judge sd, clamped to the scale. A judge needs at least
//!   [`Options::min_scores_for_normalisation`] (default 3) complete totals. A judge whose totals
//!   are all equal is normalised with z = 0 (each total becomes the pooled mean). See
//!   [`normalise`](mod@normalise).
//! - **Disagreement**: range ≥ 40% of the scale's width, or sd ≥ 20% of it, from two judges up;
//!   both configurable in [`DisagreementRule`].
//! - **Ranks**: standard competition ranking (1, 2, 2, 4) by the raw or the normalised mean;
//!   means within [`TIE_TOLERANCE`] tie; ties are listed by idea id.
//! - **Bad scores do not fail the round**: a recused or unassigned judge's score, an unknown
//!   criterion, an off-scale value or conflicting repeats are listed in [`Results::rejected`].
//! - **Deterministic**: the results do not depend on the order of the inputs, to the bit.
//!
//! And for the judging methods:
//!
//! - **Seeded, never ambient, randomness**: a pair schedule, a bootstrap and an allocation take a
//!   `seed` and draw from ChaCha8 (the same stream on every platform) over ids sorted first, so
//!   the same request gives the same answer whatever the order of its lists. The caller chooses
//!   and stores the seed.
//! - **Bradley–Terry**: Newton's method on log-strengths with a weak Gaussian prior (sd 2, worth
//!   about one drawn comparison with an average idea), so unanimous and sparse data stay finite;
//!   "can't separate" is half a win to each side (not Davidson's model: its extra parameter is
//!   poorly estimated from a panel's few hundred comparisons and does not change the order);
//!   errors from the inverted information, relative to the round's average strength. Judge
//!   reliability à la Crowd-BT is reported, not used to weight judges (see [`pairwise`]).
//! - **Reliability**: a recusal or a missing score is a gap, never a zero. ICC uses only ideas
//!   every judge scored; Krippendorff's alpha uses every idea with two scores and is the one the
//!   plain-English reading follows (Krippendorff's bands: 0.8 and 0.667).
//! - **Uncertainty** resamples judges, not scores: what is uncertain is who sat on the panel.
//!   At least [`MIN_RESAMPLES`]. An idea is inside a target when its competition rank is at most
//!   the target, so a tie across the line is inside as a whole.
//! - **Impossible requests are explained**, not half-done: schedules and allocations return every
//!   problem found, each with a message that says what is wrong and how to fix it.
//!
//! Every public type derives `Serialize`/`Deserialize`, with camelCase fields for the UI; with
//! the `specta` feature, `specta::Type` too (except [`Rubric`], which crosses as its
//! [`RubricDraft`]).
#![forbid(unsafe_code)]
// Here rather than in the workspace lints, so it travels with the crate.
#![warn(missing_docs)]

pub mod aggregate;
pub mod allocation;
pub mod confidence;
pub mod discussion;
pub mod normalise;
pub mod pair_schedule;
pub mod pairwise;
pub mod reliability;
pub mod rubric;
pub mod score;
mod stats;
pub mod templates;

pub use aggregate::{
    aggregate, DisagreementRule, IdeaResult, JudgeIdeaTotal, JudgeResult, Options, RankBy, RejectedScore,
    RejectionReason, Results, Spread, TotalStatus, TIE_TOLERANCE,
};
pub use allocation::{
    allocate, organisation_key, suggest_conflicts, Allocation, AllocationError, AllocationProblem,
    AllocationRequest, AssessorLoad, AssessorOrganisations, IdeaOrganisations, SuggestedConflict,
};
pub use confidence::{
    bootstrap_ranking, cut_stability, Bootstrap, BootstrapIdea, BootstrapOptions, CutDependency,
    CutStability, MIN_RESAMPLES,
};
pub use discussion::{discussion_order, DiscussionItem, DiscussionReason};
pub use normalise::{
    normalise, JudgeNormalisation, JudgeTotal, NormalisationStatus, Normalised, NormalisedTotal, Pooled,
};
pub use pair_schedule::{
    is_connected, schedule_pairs, JudgePairs, PairSchedule, PairScheduleRequest, PlannedPair, ScheduleError,
    ScheduleProblem,
};
pub use pairwise::{
    bradley_terry, pairwise_cut_stability, BradleyTerryOptions, Comparison, JudgeAgreement, Outcome,
    PairwiseIdea, PairwiseRanking, STRENGTH_TIE_TOLERANCE,
};
pub use reliability::{
    icc, krippendorff_alpha, reliability_by_criterion, reliability_of, Agreement, Alpha,
    CriterionReliability, Icc, Level, Rating, ALPHA_GOOD, ALPHA_TENTATIVE,
};
pub use rubric::{
    Band, Criterion, CriterionId, InvalidRubric, Rubric, RubricDraft, RubricProblem, Scale, EXTREME_BANDS,
};
pub use score::{Assignment, Assignments, IdeaId, JudgeId, Recusal, Score};
pub use templates::{challenge_default, green_book_five_cases, innovate_uk_style};
