//! The judging panel: judges, their conflicts of interest, and the scores they give.
//!
//! The maths of a round (rubrics, totals, normalisation, ranks) lives in `shortlist-scoring`,
//! which knows nothing of the database; this module holds the nouns the store keeps and the rules
//! that check what a person types. A round is identified by its challenge and its panel stage
//! (Shortlist, Semi-final or Final).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::coded::coded_enum;
use crate::validation::{optional_text, required_text, Invalid};
use crate::{ChallengeId, IdeaId, Stage};

/// The database identifier of a judge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct JudgeId(pub i64);

/// The stages at which a panel of judges scores ideas. Earlier stages are the secretariat's
/// work (screening, evaluation); the winner is chosen at the final.
pub const PANEL_STAGES: [Stage; 3] = [Stage::Shortlist, Stage::SemiFinal, Stage::Final];

impl Stage {
    /// Whether a judging panel scores ideas at this stage.
    pub fn is_panel_round(self) -> bool {
        PANEL_STAGES.contains(&self)
    }
}

/// A member of a challenge's judging panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Judge {
    pub id: JudgeId,
    pub challenge_id: ChallengeId,
    pub name: String,
    /// e.g. "Permanent Secretary".
    pub role: String,
    /// e.g. "Department for Work and Pensions".
    pub organisation: String,
}

/// A judge as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgeInput {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// A checked judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidJudge {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

impl JudgeInput {
    pub fn new(name: &str, role: &str, organisation: &str) -> JudgeInput {
        JudgeInput { name: name.to_owned(), role: role.to_owned(), organisation: organisation.to_owned() }
    }

    /// # Errors
    /// Every problem: a missing name, role or organisation; text too long or with control
    /// characters.
    pub fn validate(&self) -> Result<ValidJudge, Invalid> {
        let mut invalid = Invalid::default();
        let name =
            required_text(&mut invalid, "name", &self.name, "The name", "Enter the judge's name", 120, false);
        let role = required_text(
            &mut invalid,
            "role",
            &self.role,
            "The role",
            "Enter the judge's role, such as Permanent Secretary",
            200,
            false,
        );
        let organisation = required_text(
            &mut invalid,
            "organisation",
            &self.organisation,
            "The organisation",
            "Enter the judge's organisation",
            200,
            false,
        );
        invalid.into_result(|| ValidJudge { name, role, organisation })
    }
}

coded_enum! {
    /// Why a judge may not score an idea.
    pub enum ConflictKind {
        LineManagement = ("lineManagement", "Line management"),
        SameTeam = ("sameTeam", "Same team"),
        PersonalRelationship = ("personalRelationship", "Personal relationship"),
        FinancialInterest = ("financialInterest", "Financial interest"),
        Other = ("other", "Other"),
    }
}

/// The database identifier of a declared conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct ConflictId(pub i64);

/// A conflict of interest between a judge and an idea. It keeps the judge out of that idea in
/// every round until it is withdrawn; a withdrawn conflict stays on the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: ConflictId,
    pub judge: JudgeId,
    pub idea: IdeaId,
    pub kind: ConflictKind,
    /// Required for [`ConflictKind::Other`]; optional otherwise.
    pub note: String,
    /// The round in which it was declared.
    pub round: Stage,
    pub declared_at: DateTime<Utc>,
    pub declared_by: String,
    /// Declared in the panel's meeting rather than before it.
    pub declared_at_meeting: bool,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by: Option<String>,
}

/// A conflict as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ConflictInput {
    pub kind: Option<ConflictKind>,
    pub note: String,
}

/// A checked conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidConflict {
    pub kind: ConflictKind,
    pub note: String,
}

impl ConflictInput {
    /// # Errors
    /// No kind chosen; "Other" without a note; a note too long or with control characters.
    pub fn validate(&self) -> Result<ValidConflict, Invalid> {
        let mut invalid = Invalid::default();
        if self.kind.is_none() {
            invalid.push("kind", "Select the kind of conflict of interest");
        }
        let note = if self.kind == Some(ConflictKind::Other) {
            required_text(
                &mut invalid,
                "note",
                &self.note,
                "The note",
                "Describe the conflict of interest: it is of the kind Other",
                2_000,
                true,
            )
        } else {
            optional_text(&mut invalid, "note", &self.note, "The note", 2_000, true)
        };
        let kind = self.kind.unwrap_or(ConflictKind::Other);
        invalid.into_result(|| ValidConflict { kind, note })
    }
}

coded_enum! {
    /// Where a judge's score stands: a draft the judge may still change, or submitted to the
    /// secretariat (and counted in the results).
    pub enum ScoreStatus {
        Draft = ("draft", "Draft"),
        Submitted = ("submitted", "Submitted"),
    }
}

/// One judge's score for one criterion of one idea, under one version of the round's rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScoreEntry {
    /// The version of the rubric the score was given under.
    pub rubric_version: RubricVersionId,
    pub judge: JudgeId,
    pub idea: IdeaId,
    /// The rubric's criterion id, e.g. `viability`.
    pub criterion: String,
    pub score: i32,
    pub comment: String,
    pub status: ScoreStatus,
    /// 1 when first saved, one more at every change.
    pub revision: u32,
    pub updated_at: DateTime<Utc>,
    /// Who typed it in (the judge, or the secretariat on their behalf); the score belongs to
    /// `judge` either way.
    pub updated_by: String,
}

/// A score as typed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScoreInput {
    pub judge: JudgeId,
    pub idea: IdeaId,
    pub criterion: String,
    pub score: Option<i32>,
    pub comment: String,
}

/// The scale of a score is the rubric's, checked by the caller; this checks the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidScore {
    pub judge: JudgeId,
    pub idea: IdeaId,
    pub criterion: String,
    pub score: i32,
    pub comment: String,
}

/// Longest comment on one criterion.
pub const COMMENT_MAX: usize = 5_000;

impl ScoreInput {
    pub fn new(judge: JudgeId, idea: IdeaId, criterion: &str, score: i32, comment: &str) -> ScoreInput {
        ScoreInput {
            judge,
            idea,
            criterion: criterion.to_owned(),
            score: Some(score),
            comment: comment.to_owned(),
        }
    }

    /// # Errors
    /// No criterion, no score, or a comment too long or with control characters.
    pub fn validate(&self) -> Result<ValidScore, Invalid> {
        let mut invalid = Invalid::default();
        if self.criterion.trim().is_empty() {
            invalid.push("criterion", "Choose the criterion to score");
        }
        if self.score.is_none() {
            invalid.push("score", "Enter a score");
        }
        let comment = optional_text(&mut invalid, "comment", &self.comment, "The comment", COMMENT_MAX, true);
        invalid.into_result(|| ValidScore {
            judge: self.judge,
            idea: self.idea,
            criterion: self.criterion.trim().to_owned(),
            score: self.score.unwrap_or_default(),
            comment,
        })
    }
}

coded_enum! {
    /// How a round's panel judges: rubric scores, head-to-head comparisons of pairs of ideas,
    /// or both (issue #17). A round is judged by scores until the secretariat chooses otherwise.
    pub enum JudgingMethod {
        Scores = ("scores", "Rubric scores"),
        Pairwise = ("pairwise", "Pairwise comparison"),
        Both = ("both", "Rubric scores and pairwise comparison"),
    }
}

impl JudgingMethod {
    /// Whether judges score ideas on the rubric.
    pub fn scores(self) -> bool {
        matches!(self, JudgingMethod::Scores | JudgingMethod::Both)
    }

    /// Whether judges compare pairs of ideas.
    pub fn pairwise(self) -> bool {
        matches!(self, JudgingMethod::Pairwise | JudgingMethod::Both)
    }
}

coded_enum! {
    /// A judge's choice between the two ideas of a pair, as shown: left and right.
    pub enum PairChoice {
        Left = ("left", "The left idea is stronger"),
        Right = ("right", "The right idea is stronger"),
        CannotSeparate = ("tie", "Can't separate them"),
    }
}

/// A round's pairwise settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PairwiseSettings {
    pub method: JudgingMethod,
    /// How many pairs each judge compares; 0 lets the app choose (every idea in about eight
    /// comparisons across the panel).
    pub pairs_per_judge: u32,
    /// Whether judges also choose per criterion of the rubric, not only overall.
    pub per_criterion: bool,
}

impl Default for PairwiseSettings {
    fn default() -> Self {
        PairwiseSettings { method: JudgingMethod::Scores, pairs_per_judge: 0, per_criterion: false }
    }
}

/// Most pairs one judge can be asked to compare in a round.
pub const PAIRS_PER_JUDGE_MAX: u32 = 2_000;

/// One pair of ideas a judge is to compare, as planned for their bundle: in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannedPair {
    pub judge: JudgeId,
    /// Its place in the judge's list, from 0.
    pub position: u32,
    pub left: IdeaId,
    pub right: IdeaId,
}

/// One judge's choice about one pair of ideas, overall or on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub judge: JudgeId,
    /// The idea shown on the left.
    pub left: IdeaId,
    /// The idea shown on the right.
    pub right: IdeaId,
    /// The rubric's criterion id, or empty for the overall choice.
    pub criterion: String,
    pub choice: PairChoice,
    pub comment: String,
    /// 1 when first saved, one more at every change.
    pub revision: u32,
    pub updated_at: DateTime<Utc>,
    /// Who recorded it (the judge, or the secretariat on their behalf).
    pub updated_by: String,
}

/// A comparison as chosen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonInput {
    pub judge: JudgeId,
    pub left: IdeaId,
    pub right: IdeaId,
    /// The rubric's criterion id, or empty for the overall choice.
    pub criterion: String,
    pub choice: Option<PairChoice>,
    pub comment: String,
}

/// A checked comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidComparison {
    pub judge: JudgeId,
    pub left: IdeaId,
    pub right: IdeaId,
    pub criterion: String,
    pub choice: PairChoice,
    pub comment: String,
}

impl ComparisonInput {
    pub fn new(judge: JudgeId, left: IdeaId, right: IdeaId, choice: PairChoice) -> ComparisonInput {
        ComparisonInput {
            judge,
            left,
            right,
            criterion: String::new(),
            choice: Some(choice),
            comment: String::new(),
        }
    }

    /// # Errors
    /// No choice; the same idea on both sides; a comment too long or with control characters.
    pub fn validate(&self) -> Result<ValidComparison, Invalid> {
        let mut invalid = Invalid::default();
        if self.choice.is_none() {
            invalid.push("choice", "Choose the stronger idea, or that you can't separate them");
        }
        if self.left == self.right {
            invalid.push("right", "A pair needs two different ideas");
        }
        let comment = optional_text(&mut invalid, "comment", &self.comment, "The comment", COMMENT_MAX, true);
        invalid.into_result(|| ValidComparison {
            judge: self.judge,
            left: self.left,
            right: self.right,
            criterion: self.criterion.trim().to_owned(),
            choice: self.choice.unwrap_or(PairChoice::CannotSeparate),
            comment,
        })
    }
}

/// The database identifier of one version of a round's rubric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Type)]
#[serde(transparent)]
pub struct RubricVersionId(pub i64);

/// A round's panel settings as the secretariat sets them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelSettings {
    /// The judges of the round, in the order the panel lists them.
    pub judges: Vec<JudgeId>,
    /// Whether a score in the lowest or highest band needs a comment before it can be
    /// submitted. On by default: an extreme score most needs its reasons.
    pub comment_required_for_extremes: bool,
}

impl Default for PanelSettings {
    fn default() -> Self {
        PanelSettings { judges: Vec::new(), comment_required_for_extremes: true }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_judge_needs_a_name_role_and_organisation() {
        let invalid = JudgeInput::default().validate().unwrap_err();
        assert_eq!(invalid.message_for("name"), Some("Enter the judge's name"));
        assert_eq!(invalid.message_for("role"), Some("Enter the judge's role, such as Permanent Secretary"));
        assert_eq!(invalid.message_for("organisation"), Some("Enter the judge's organisation"));
        let ok = JudgeInput::new("  Sam Okafor ", "Permanent Secretary", "HM Treasury").validate().unwrap();
        assert_eq!(ok.name, "Sam Okafor", "names are trimmed");
    }

    #[test]
    fn a_conflict_of_the_kind_other_needs_a_note() {
        let other = ConflictInput { kind: Some(ConflictKind::Other), note: " ".into() };
        assert_eq!(
            other.validate().unwrap_err().message_for("note"),
            Some("Describe the conflict of interest: it is of the kind Other")
        );
        let team = ConflictInput { kind: Some(ConflictKind::SameTeam), note: String::new() };
        assert_eq!(team.validate().unwrap().kind, ConflictKind::SameTeam);
        assert_eq!(
            ConflictInput::default().validate().unwrap_err().message_for("kind"),
            Some("Select the kind of conflict of interest")
        );
    }

    #[test]
    fn conflict_kinds_keep_their_codes_and_labels() {
        assert_eq!(ConflictKind::ALL.len(), 5);
        for kind in ConflictKind::ALL {
            assert_eq!(ConflictKind::from_code(kind.code()), Some(*kind));
        }
        assert_eq!(ConflictKind::FinancialInterest.code(), "financialInterest");
        assert_eq!(ConflictKind::LineManagement.label(), "Line management");
    }

    #[test]
    fn a_score_needs_a_value_and_a_criterion() {
        let blank = ScoreInput {
            score: None,
            criterion: " ".into(),
            ..ScoreInput::new(JudgeId(1), IdeaId(1), "x", 1, "")
        };
        let invalid = blank.validate().unwrap_err();
        assert_eq!(invalid.message_for("score"), Some("Enter a score"));
        assert_eq!(invalid.message_for("criterion"), Some("Choose the criterion to score"));
    }
}
