//! The inputs of a round: who is assigned to which idea, who has recused, and the scores given.

use serde::{Deserialize, Serialize};

use crate::rubric::CriterionId;

/// The database identifier of a judge. The app converts its own id type into this one, so this
/// crate depends on no other Shortlist crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
// Named apart from the domain's id of the same name in the generated TypeScript.
#[serde(transparent, rename = "ScoringJudgeId")]
pub struct JudgeId(pub i64);

/// The database identifier of an idea (the same number as the domain's `IdeaId`). Ties in rank
/// are listed in ascending order of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
// Named apart from the domain's id of the same name in the generated TypeScript.
#[serde(transparent, rename = "ScoringIdeaId")]
pub struct IdeaId(pub i64);

/// One judge's score for one criterion of one idea.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// Who gave it.
    pub judge: JudgeId,
    /// The idea scored.
    pub idea: IdeaId,
    /// Which of the rubric's criteria.
    pub criterion: CriterionId,
    /// A whole number on the rubric's scale.
    pub value: i32,
}

impl Score {
    /// A score, for brevity in callers and tests.
    pub fn new(judge: JudgeId, idea: IdeaId, criterion: impl Into<String>, value: i32) -> Self {
        Self { judge, idea, criterion: CriterionId::new(criterion), value }
    }
}

/// A judge asked to score an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// The judge.
    pub judge: JudgeId,
    /// The idea.
    pub idea: IdeaId,
}

/// A judge who has declared a conflict of interest with an idea and takes no part in scoring it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Recusal {
    /// The judge.
    pub judge: JudgeId,
    /// The idea.
    pub idea: IdeaId,
}

/// Who is to score what in a round.
///
/// The round's ideas are every idea named here (assigned or recused); its judges likewise. A
/// recusal overrides an assignment of the same pair. An idea with no assignments can still be
/// listed through a recusal, and then appears in the results with no scores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Assignments {
    /// Judge–idea pairs to be scored. Order and repeats do not matter.
    pub assigned: Vec<Assignment>,
    /// Judge–idea pairs excluded for a conflict of interest. Order and repeats do not matter.
    pub recusals: Vec<Recusal>,
}

impl Assignments {
    /// Every judge assigned to every idea (the usual Dragon's Den panel), less the recusals.
    pub fn everyone(judges: &[JudgeId], ideas: &[IdeaId], recusals: Vec<Recusal>) -> Self {
        let assigned = judges
            .iter()
            .flat_map(|&judge| ideas.iter().map(move |&idea| Assignment { judge, idea }))
            .collect();
        Self { assigned, recusals }
    }
}
