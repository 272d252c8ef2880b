//! The nouns of a Shortlist challenge and the rules that check them.
//!
//! A [`Challenge`] (one competition, such as the 2021 Civil Service Data Challenge) holds
//! [`Idea`]s. Everything that arrives from a person (a form, a CLI flag, an import) comes in as
//! raw text in an `…Input` type and is checked by its `validate` method into a `Valid…` type that
//! storage accepts: the rules live here once, and every shell shows the same messages.
//!
//! Rules over more than one input are pure functions of facts the caller loads: whether an idea
//! may move ([`check_move`] over [`MoveFacts`]), and who may score what in a judging [`Round`],
//! what a declared interest excludes and which rubric version counts. The rules the UI shows
//! (stages, the words of coded values, which scores need a comment) are rendered from here into
//! the UI's `rules.generated.ts` by this crate's tests.
//!
//! This crate does no I/O and reads no clock: times are passed in by the caller, so tests and
//! generated documents are deterministic.

mod challenge;
mod coded;
mod evaluation;
mod history;
mod idea;
mod judging;
mod round;
mod screening;
mod search;
mod user;
mod validation;
mod workflow;

pub use challenge::{Challenge, ChallengeId, ChallengeInput, Marking, ValidChallenge};
pub use evaluation::{
    sort_register, Beneficiary, BenefitKind, Benefits, BenefitsInput, Confidence, CostBand, DataAvailability,
    DataQuality, Evaluation, EvaluationInput, Obstacle, ObstacleCategory, ObstacleInput, ObstacleStatus,
    Obstacles, Paperwork, Rag, Recommendation, TimeToValue, Viability,
};
pub use history::{ChangeKind, FieldChange, IdeaChange};
pub use idea::{
    Availability, CoSubmitter, Dataset, Idea, IdeaDetails, IdeaId, IdeaInput, IdeaSummary, Reference, Stage,
    ValidIdea,
};
pub use judging::{
    Comparison, ComparisonInput, Conflict, ConflictId, ConflictInput, ConflictKind, Judge, JudgeId,
    JudgeInput, JudgingMethod, PairChoice, PairwiseSettings, PanelSettings, PlannedPair, RubricVersionId,
    ScoreEntry, ScoreInput, ScoreStatus, ValidComparison, ValidConflict, ValidJudge, ValidScore, COMMENT_MAX,
    PAIRS_PER_JUDGE_MAX, PANEL_STAGES,
};
pub use round::{Round, RubricChange, ScoreRefusal, Seat};
pub use screening::{Eligibility, Screening, ScreeningInput, UnderWay, ValidScreening};
pub use search::{
    snippet_parts, FacetValue, Facets, IdeaQuery, SearchHit, SearchResults, SnippetPart, SortKey,
};
pub use user::UserRole;
pub use validation::{group_thousands, FieldError, Invalid};
pub use workflow::{
    check_move, over_target, Decision, DecisionInput, DecisionKind, MoveFacts, MoveRequest, RoundRow,
    RoundSetting, Rounds, ValidDecision, LADDER,
};
