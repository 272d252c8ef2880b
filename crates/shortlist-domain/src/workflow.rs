//! How an idea moves through a challenge: the rounds a challenge uses, and which moves are
//! allowed.
//!
//! The stages are fixed (they are the 2021 challenge's, and every pack, board and history names
//! them); what a challenge sets is which of the panel rounds it uses and each round's target
//! size. The rules, in the order they are checked by [`check_move`]:
//!
//! 1. A merged idea does not move: its survivor does.
//! 2. An exit (Not progressed, Withdrawn, Ineligible) needs a reason. A winner does not exit; an
//!    idea that has not been screened can be withdrawn or found ineligible, not "not progressed".
//! 3. An idea that has left returns only to the stage it left from, with a reason.
//! 4. Forward moves go one stage at a time, to the next stage the challenge uses: only a
//!    screened idea reaches the longlist, only a longlisted one the shortlist.
//! 5. Screened needs a screening that found the idea eligible; the shortlist and beyond need a
//!    complete evaluation, because the panel must see the assessment.
//! 6. A move back (a correction) needs a reason.
//!
//! Going past a round's target size is not a rule but a question: the move is allowed once the
//! person confirms it ([`over_target`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::coded::coded_enum;
use crate::validation::{parse_date_parts, required_text, Invalid};
use crate::{Eligibility, IdeaId, Rag, Recommendation, Reference, Stage};

/// The forward stages in order. Exits are not on the ladder.
pub const LADDER: [Stage; 7] = [
    Stage::Submitted,
    Stage::Screened,
    Stage::Longlist,
    Stage::Shortlist,
    Stage::SemiFinal,
    Stage::Final,
    Stage::Winner,
];

impl Stage {
    /// The stages an idea leaves the challenge by.
    pub fn is_exit(self) -> bool {
        matches!(self, Stage::NotProgressed | Stage::Withdrawn | Stage::Ineligible)
    }

    /// Position on the ladder; `None` for an exit.
    pub fn step(self) -> Option<usize> {
        LADDER.iter().position(|s| *s == self)
    }

    /// Rounds a challenge may switch off. Submitted, Screened and Winner are always used.
    pub fn is_optional_round(self) -> bool {
        matches!(self, Stage::Longlist | Stage::Shortlist | Stage::SemiFinal | Stage::Final)
    }
}

/// One stage's settings in a challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundSetting {
    pub stage: Stage,
    /// Whether the challenge uses this stage. Always true for Submitted, Screened and Winner.
    pub used: bool,
    /// How many ideas the round should hold; going past it asks for confirmation.
    pub target: Option<u32>,
}

/// A challenge's rounds: one setting per ladder stage, in ladder order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Rounds {
    pub stages: Vec<RoundSetting>,
}

impl Default for Rounds {
    /// The 2021 pattern: about 200 ideas, a longlist, 8 on the shortlist, 4 in the semi-final,
    /// a final, and one winner.
    fn default() -> Self {
        let target = |s: Stage| match s {
            Stage::Shortlist => Some(8),
            Stage::SemiFinal => Some(4),
            Stage::Winner => Some(1),
            _ => None,
        };
        Rounds {
            stages: LADDER
                .iter()
                .map(|&stage| RoundSetting { stage, used: true, target: target(stage) })
                .collect(),
        }
    }
}

impl Rounds {
    /// Settings for every ladder stage, falling back to the default for any not given, with the
    /// always-used stages forced on. Stored settings pass through here so a partial or old row
    /// set can never switch off Submitted.
    pub fn normalised(given: &[RoundSetting]) -> Rounds {
        let mut rounds = Rounds::default();
        for setting in &mut rounds.stages {
            if let Some(g) = given.iter().find(|g| g.stage == setting.stage) {
                setting.used = g.used || !setting.stage.is_optional_round();
                setting.target = g.target.filter(|t| *t > 0);
            }
        }
        rounds
    }

    pub fn setting(&self, stage: Stage) -> Option<&RoundSetting> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    pub fn is_used(&self, stage: Stage) -> bool {
        stage.is_exit() || self.setting(stage).is_some_and(|s| s.used)
    }

    pub fn target(&self, stage: Stage) -> Option<u32> {
        self.setting(stage).and_then(|s| s.target)
    }

    /// The stage after `stage` that the challenge uses; `None` after Winner or for an exit.
    pub fn next(&self, stage: Stage) -> Option<Stage> {
        let step = stage.step()?;
        LADDER[step + 1..].iter().copied().find(|s| self.is_used(*s))
    }

    /// The ladder stages the challenge uses, in order.
    pub fn used_stages(&self) -> Vec<Stage> {
        LADDER.iter().copied().filter(|s| self.is_used(*s)).collect()
    }
}

/// What the rules need to know about one idea besides its stage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoveFacts {
    pub reference: Reference,
    /// The survivor's reference when this idea was merged into another.
    pub merged_into: Option<Reference>,
    /// `Some(true)` when the recorded screening found it eligible; `None` when not screened.
    pub screened_eligible: Option<bool>,
    /// What its evaluation still lacks; empty when complete. `None` when there is none at all.
    pub evaluation_missing: Option<Vec<String>>,
    /// For an idea that has left: the stage it left from.
    pub left_from: Option<Stage>,
}

/// Whether `reference` may move from `from` to `to`, and if not, why, in words that say what to
/// do instead. `reason` is the reason typed by the person (trimmed by the caller).
pub fn check_move(
    from: Stage,
    to: Stage,
    facts: &MoveFacts,
    rounds: &Rounds,
    reason: &str,
) -> Result<(), String> {
    let r = &facts.reference;
    let needs_reason =
        |what: String| if reason.is_empty() { Err(format!("Give a reason for {what}")) } else { Ok(()) };
    if let Some(survivor) = &facts.merged_into {
        return Err(format!("{r} was merged into {survivor}: move {survivor} instead"));
    }
    if from == to {
        return Err(format!("{r} is already at {}", to.label()));
    }
    if !rounds.is_used(to) {
        return Err(format!(
            "This challenge does not use the {} round. Switch it on in the challenge's rounds first",
            to.label()
        ));
    }
    if to.is_exit() {
        if from.is_exit() {
            return Err(format!(
                "{r} has already left the challenge ({}). Return it to the stage it left from first",
                from.label()
            ));
        }
        if from == Stage::Winner {
            return Err(format!(
                "{r} is a winner. Move it back to {} first if the decision changed",
                before_winner(rounds).label()
            ));
        }
        if to == Stage::NotProgressed && from == Stage::Submitted {
            return Err(format!(
                "{r} has not been screened. An unscreened idea can be marked Withdrawn or Ineligible, not Not progressed"
            ));
        }
        return needs_reason(format!("moving {r} to {}", to.label()));
    }
    if from.is_exit() {
        let left_from = facts.left_from.unwrap_or(Stage::Submitted);
        if to != left_from {
            return Err(format!(
                "{r} left the challenge from {}: it can only return to {}",
                left_from.label(),
                left_from.label()
            ));
        }
        return needs_reason(format!("returning {r} to {}", to.label()));
    }
    let (Some(from_step), Some(to_step)) = (from.step(), to.step()) else {
        unreachable!("exits were handled above");
    };
    if to_step < from_step {
        return needs_reason(format!("moving {r} back to {}", to.label()));
    }
    let next = rounds.next(from).expect("a stage before another used stage has a next");
    if to != next {
        return Err(format!(
            "{r} is at {}: the next stage is {}. Ideas move forward one stage at a time",
            from.label(),
            next.label()
        ));
    }
    if to == Stage::Screened {
        return match facts.screened_eligible {
            Some(true) => Ok(()),
            Some(false) => Err(format!(
                "The screening of {r} found it ineligible. Move it to Ineligible, or change the screening"
            )),
            None => Err(format!("Record the screening of {r} before moving it to Screened")),
        };
    }
    if to_step >= Stage::Shortlist.step().expect("on the ladder") {
        match &facts.evaluation_missing {
            None => return Err(format!("Evaluate {r} before moving it to {}", to.label())),
            Some(missing) if !missing.is_empty() => {
                return Err(format!(
                    "Complete the evaluation of {r} before moving it to {}. Still missing: {}",
                    to.label(),
                    missing.join(", ").to_lowercase()
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn before_winner(rounds: &Rounds) -> Stage {
    LADDER[..LADDER.len() - 1].iter().rev().copied().find(|s| rounds.is_used(*s)).unwrap_or(Stage::Screened)
}

/// When moving `arriving` more ideas into `stage` would take it past its target: the target.
pub fn over_target(rounds: &Rounds, stage: Stage, already_there: usize, arriving: usize) -> Option<u32> {
    let target = rounds.target(stage)?;
    (already_there + arriving > target as usize).then_some(target)
}

/// One idea as the board and the round overview show it: where it stands and its assessment at
/// a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundRow {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    pub department: String,
    pub stage: Stage,
    pub eligibility: Option<Eligibility>,
    pub viability: Option<Rag>,
    pub benefits: Option<Rag>,
    pub obstacles: Option<Rag>,
    pub recommendation: Option<Recommendation>,
    /// Whether an evaluation has been started.
    pub evaluated: bool,
    /// How many answers the evaluation still lacks (0 when complete).
    pub missing: u32,
}

/// A request to move one or many ideas to a stage. A batch moves all or none.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MoveRequest {
    pub ideas: Vec<IdeaId>,
    pub to: Stage,
    /// Required for exits, returns and moves back; recorded in the history whenever given.
    pub reason: String,
    /// The person has agreed to go past the round's target size.
    pub confirm_over_target: bool,
}

coded_enum! {
    /// What the panel decided about an idea at a round.
    pub enum DecisionKind {
        Progress = ("progress", "Progress"),
        NotProgress = ("notProgress", "Do not progress"),
        Winner = ("winner", "Winner"),
    }
}

/// A panel decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The round the idea was in when the panel decided.
    pub round: Stage,
    pub kind: DecisionKind,
    pub reasons: String,
    /// The day the panel met.
    pub decided_on: NaiveDate,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// A decision as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DecisionInput {
    pub kind: Option<DecisionKind>,
    pub reasons: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub confirm_over_target: bool,
}

/// A checked decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDecision {
    pub kind: DecisionKind,
    pub reasons: String,
    pub decided_on: NaiveDate,
}

impl DecisionInput {
    pub fn validate(&self) -> Result<ValidDecision, Invalid> {
        let mut invalid = Invalid::default();
        if self.kind.is_none() {
            invalid.push("kind", "Select the panel's decision");
        }
        let reasons = required_text(
            &mut invalid,
            "reasons",
            &self.reasons,
            "The reasons",
            "Enter the panel's reasons",
            10_000,
            true,
        );
        let decided_on = parse_date_parts(
            &mut invalid,
            "decidedOn",
            "Date of the decision",
            &self.day,
            &self.month,
            &self.year,
        );
        let (kind, decided_on) =
            (self.kind.unwrap_or(DecisionKind::Progress), decided_on.unwrap_or_default());
        invalid.into_result(|| ValidDecision { kind, reasons, decided_on })
    }
}

impl DecisionKind {
    /// Where the idea goes when the panel decides this at `round`; `None` when the decision does
    /// not fit the round (e.g. "winner" before the final), with the reason.
    pub fn destination(self, round: Stage, rounds: &Rounds) -> Result<Stage, String> {
        if round.is_exit() || round == Stage::Winner || round.step() < Stage::Longlist.step() {
            return Err(format!(
                "The panel decides on ideas in its rounds; this idea is at {}",
                round.label()
            ));
        }
        match self {
            DecisionKind::NotProgress => Ok(Stage::NotProgressed),
            DecisionKind::Progress => match rounds.next(round) {
                Some(Stage::Winner) | None => {
                    Err(format!("{} is the last round: record the winner, or Do not progress", round.label()))
                }
                Some(next) => Ok(next),
            },
            DecisionKind::Winner => {
                if rounds.next(round) == Some(Stage::Winner) {
                    Ok(Stage::Winner)
                } else {
                    Err(format!("A winner is chosen at the last round, not at {}", round.label()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> MoveFacts {
        MoveFacts { reference: Reference("DC21-0001".into()), ..MoveFacts::default() }
    }

    fn ok(from: Stage, to: Stage, f: &MoveFacts, reason: &str) -> Result<(), String> {
        check_move(from, to, f, &Rounds::default(), reason)
    }

    #[test]
    fn the_default_rounds_are_the_2021_pattern() {
        let r = Rounds::default();
        assert_eq!(r.target(Stage::Shortlist), Some(8));
        assert_eq!(r.target(Stage::SemiFinal), Some(4));
        assert_eq!(r.target(Stage::Winner), Some(1));
        assert_eq!(r.used_stages(), LADDER.to_vec());
    }

    #[test]
    fn only_an_eligible_screened_idea_moves_on() {
        let mut f = facts();
        let e = ok(Stage::Submitted, Stage::Screened, &f, "").unwrap_err();
        assert!(e.contains("Record the screening"), "{e}");
        f.screened_eligible = Some(false);
        assert!(ok(Stage::Submitted, Stage::Screened, &f, "").unwrap_err().contains("ineligible"));
        f.screened_eligible = Some(true);
        assert_eq!(ok(Stage::Submitted, Stage::Screened, &f, ""), Ok(()));
        let e = ok(Stage::Submitted, Stage::Longlist, &f, "").unwrap_err();
        assert!(e.contains("the next stage is Screened"), "{e}");
    }

    #[test]
    fn the_shortlist_needs_a_complete_evaluation() {
        let mut f = facts();
        assert!(ok(Stage::Longlist, Stage::Shortlist, &f, "").unwrap_err().starts_with("Evaluate DC21-0001"));
        f.evaluation_missing = Some(vec!["Benefits rating".into()]);
        let e = ok(Stage::Longlist, Stage::Shortlist, &f, "").unwrap_err();
        assert!(e.contains("Still missing: benefits rating"), "{e}");
        f.evaluation_missing = Some(vec![]);
        assert_eq!(ok(Stage::Longlist, Stage::Shortlist, &f, ""), Ok(()));
    }

    #[test]
    fn exits_and_returns_need_reasons_and_go_back_where_they_came_from() {
        let mut f = facts();
        assert!(ok(Stage::Longlist, Stage::Withdrawn, &f, "").unwrap_err().starts_with("Give a reason"));
        assert_eq!(ok(Stage::Longlist, Stage::Withdrawn, &f, "Submitter moved on"), Ok(()));
        assert!(ok(Stage::Submitted, Stage::NotProgressed, &f, "x")
            .unwrap_err()
            .contains("not been screened"));
        assert!(ok(Stage::Winner, Stage::Withdrawn, &f, "x").unwrap_err().contains("is a winner"));
        f.left_from = Some(Stage::Longlist);
        assert!(ok(Stage::Withdrawn, Stage::Shortlist, &f, "x")
            .unwrap_err()
            .contains("only return to Longlist"));
        assert!(ok(Stage::Withdrawn, Stage::Longlist, &f, "").unwrap_err().starts_with("Give a reason"));
        assert_eq!(ok(Stage::Withdrawn, Stage::Longlist, &f, "Back in"), Ok(()));
        assert!(ok(Stage::Withdrawn, Stage::Ineligible, &f, "x").unwrap_err().contains("already left"));
    }

    #[test]
    fn moves_back_need_a_reason() {
        let f = facts();
        assert!(ok(Stage::Shortlist, Stage::Screened, &f, "").unwrap_err().contains("moving DC21-0001 back"));
        assert_eq!(ok(Stage::Shortlist, Stage::Screened, &f, "Wrong round"), Ok(()));
    }

    #[test]
    fn an_unused_round_is_skipped_and_cannot_be_entered() {
        let rounds =
            Rounds::normalised(&[RoundSetting { stage: Stage::SemiFinal, used: false, target: None }]);
        assert_eq!(rounds.next(Stage::Shortlist), Some(Stage::Final));
        let f = MoveFacts { evaluation_missing: Some(vec![]), ..facts() };
        assert_eq!(check_move(Stage::Shortlist, Stage::Final, &f, &rounds, ""), Ok(()));
        assert!(check_move(Stage::Shortlist, Stage::SemiFinal, &f, &rounds, "")
            .unwrap_err()
            .contains("does not use"));
    }

    #[test]
    fn submitted_cannot_be_switched_off() {
        let rounds =
            Rounds::normalised(&[RoundSetting { stage: Stage::Submitted, used: false, target: Some(0) }]);
        assert!(rounds.is_used(Stage::Submitted));
        assert_eq!(rounds.target(Stage::Submitted), None);
    }

    #[test]
    fn merged_ideas_do_not_move() {
        let f = MoveFacts { merged_into: Some(Reference("DC21-0002".into())), ..facts() };
        assert!(ok(Stage::Submitted, Stage::Withdrawn, &f, "x")
            .unwrap_err()
            .contains("move DC21-0002 instead"));
    }

    #[test]
    fn decisions_send_ideas_where_the_round_allows() {
        let r = Rounds::default();
        assert_eq!(DecisionKind::Progress.destination(Stage::Shortlist, &r), Ok(Stage::SemiFinal));
        assert_eq!(DecisionKind::NotProgress.destination(Stage::SemiFinal, &r), Ok(Stage::NotProgressed));
        assert_eq!(DecisionKind::Winner.destination(Stage::Final, &r), Ok(Stage::Winner));
        assert!(DecisionKind::Winner.destination(Stage::Shortlist, &r).unwrap_err().contains("last round"));
        assert!(DecisionKind::Progress
            .destination(Stage::Final, &r)
            .unwrap_err()
            .contains("record the winner"));
        assert!(DecisionKind::Progress.destination(Stage::Submitted, &r).is_err());
    }

    #[test]
    fn a_decision_needs_its_kind_reasons_and_date() {
        let invalid = DecisionInput::default().validate().unwrap_err();
        assert_eq!(invalid.message_for("kind"), Some("Select the panel's decision"));
        assert_eq!(invalid.message_for("reasons"), Some("Enter the panel's reasons"));
        assert!(invalid.message_for("decidedOn").is_some());
    }

    #[test]
    fn going_past_a_target_is_a_question() {
        let r = Rounds::default();
        assert_eq!(over_target(&r, Stage::Shortlist, 7, 1), None);
        assert_eq!(over_target(&r, Stage::Shortlist, 7, 2), Some(8));
        assert_eq!(over_target(&r, Stage::Longlist, 500, 100), None);
    }
}
