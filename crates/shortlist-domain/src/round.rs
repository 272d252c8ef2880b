//! The rules of a judging round: who may score which idea, what a declared interest excludes,
//! which rubric version counts and what a rubric change does to it.
//!
//! A round is a challenge and one of its panel stages ([`PANEL_STAGES`]). The app reads the
//! facts of a round from the store into a [`Round`] and asks it; nothing here reads the
//! database, so every rule is tested on a round built by hand.
//!
//! A [`Round`] may hold every idea of the round (for the results and a judge's list) or only the
//! ideas a use case is about (saving a score loads the ideas being scored, whatever the size of
//! the round): the rules answer for the ideas it holds, and an idea it does not hold reads as
//! not in the round.
//!
//! The rules give reasons ([`ScoreRefusal`], [`Seat`], [`RubricChange`]), not sentences: the
//! sentences name an idea by its reference and current stage, which the round does not hold, and
//! the app reads them only when it has something to refuse.
//!
//! [`PANEL_STAGES`]: crate::PANEL_STAGES

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::{
    ChallengeId, Conflict, ConflictKind, IdeaId, Judge, JudgeId, RubricVersionId, ScoreEntry, ScoreStatus,
    Stage,
};

/// The facts of one judging round that its rules read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub challenge: ChallengeId,
    pub stage: Stage,
    /// The panel's judges, in the panel's order.
    pub panel: Vec<JudgeId>,
    /// The version of the rubric that scores are given under now: the only one that counts.
    /// `None` until the round has a rubric.
    pub rubric: Option<RubricVersionId>,
    /// When the first score was saved. From then on the rubric is versioned, not edited.
    pub scoring_started_at: Option<DateTime<Utc>>,
    /// Whether a score in the lowest or highest band needs a comment before it is submitted.
    pub comment_required_for_extremes: bool,
    /// The ideas held, each with the judges chosen to score it: none chosen means the whole
    /// panel. By id.
    ideas: BTreeMap<IdeaId, Vec<JudgeId>>,
    /// The conflicts of interest in force with the ideas held, by judge and idea.
    declared: BTreeMap<(JudgeId, IdeaId), Conflict>,
}

/// Why a judge may not score an idea in a round, in the order the rules are checked: the first
/// that applies is the one given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreRefusal {
    /// The judge belongs to another challenge.
    OtherChallenge,
    /// The judge is not on the round's panel.
    NotOnPanel,
    /// The idea is not one of the round's ideas.
    NotInRound,
    /// The judge has declared an interest in the idea, of this kind.
    Conflict(ConflictKind),
    /// Judges were chosen for the idea, and this judge is not one of them.
    NotAssigned,
}

/// Where a panel judge stands with an idea of the round, for the maths: scores count only from
/// an assigned judge; a recused judge's missing scores are expected, not a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// Asked to score it.
    Assigned,
    /// Has declared an interest in it, whether or not they were chosen for it.
    Recused,
    /// Judges were chosen for it, and this judge is not one of them.
    NotAssigned,
}

/// What saving a rubric does to the round's versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RubricChange {
    /// The round has no rubric: this one becomes version 1.
    First,
    /// The same rubric as the current version: nothing changes.
    Unchanged,
    /// No score has been given yet: the current version is rewritten in place.
    EditInPlace(RubricVersionId),
    /// Scores have been given under the current version: a change makes a new version, and the
    /// scores so far stay with the old one and stop counting, so the person confirms it first.
    NewVersion { current: RubricVersionId },
}

impl Round {
    /// A round with no panel, rubric or ideas yet, as a round is before the secretariat sets
    /// it up; a comment is required at the extremes by default.
    pub fn new(challenge: ChallengeId, stage: Stage) -> Round {
        Round {
            challenge,
            stage,
            panel: Vec::new(),
            rubric: None,
            scoring_started_at: None,
            comment_required_for_extremes: true,
            ideas: BTreeMap::new(),
            declared: BTreeMap::new(),
        }
    }

    /// Holds `idea` as one of the round's ideas.
    pub fn add_idea(&mut self, idea: IdeaId) {
        self.ideas.entry(idea).or_default();
    }

    /// Records that `judge` was chosen to score `idea`. Once any judge is chosen for an idea,
    /// only the chosen ones score it. A choice for an idea the round does not hold is left out
    /// (it may have been made before the idea moved on): add the round's ideas first.
    pub fn choose(&mut self, idea: IdeaId, judge: JudgeId) {
        if let Some(chosen) = self.ideas.get_mut(&idea) {
            if !chosen.contains(&judge) {
                chosen.push(judge);
            }
        }
    }

    /// Records a declared conflict of interest. A withdrawn one is left out: it was declared in
    /// error and excludes nobody. So is one with an idea the round does not hold: add the
    /// round's ideas first.
    pub fn declare(&mut self, conflict: Conflict) {
        if conflict.withdrawn_at.is_none() && self.ideas.contains_key(&conflict.idea) {
            self.declared.insert((conflict.judge, conflict.idea), conflict);
        }
    }

    /// The ideas held, by id.
    pub fn ideas(&self) -> impl ExactSizeIterator<Item = IdeaId> + '_ {
        self.ideas.keys().copied()
    }

    /// Whether `idea` is one of the round's ideas.
    pub fn has_idea(&self, idea: IdeaId) -> bool {
        self.ideas.contains_key(&idea)
    }

    pub fn on_panel(&self, judge: JudgeId) -> bool {
        self.panel.contains(&judge)
    }

    /// Whether `judge` is asked to score `idea`: on the panel, and chosen for it when judges were
    /// chosen for it. A declared interest does not change this; see [`Round::seat`].
    pub fn assigned(&self, judge: JudgeId, idea: IdeaId) -> bool {
        self.on_panel(judge)
            && self.ideas.get(&idea).is_some_and(|chosen| chosen.is_empty() || chosen.contains(&judge))
    }

    /// The judge's conflict of interest in force with the idea, which keeps them out of it in
    /// every round until withdrawn.
    pub fn conflict(&self, judge: JudgeId, idea: IdeaId) -> Option<&Conflict> {
        self.declared.get(&(judge, idea))
    }

    /// Whether `judge` may score `idea` in this round, and if not, the first reason.
    ///
    /// # Errors
    /// The [`ScoreRefusal`] that applies.
    pub fn may_score(&self, judge: &Judge, idea: IdeaId) -> Result<(), ScoreRefusal> {
        if judge.challenge_id != self.challenge {
            return Err(ScoreRefusal::OtherChallenge);
        }
        if !self.on_panel(judge.id) {
            return Err(ScoreRefusal::NotOnPanel);
        }
        if !self.has_idea(idea) {
            return Err(ScoreRefusal::NotInRound);
        }
        if let Some(conflict) = self.conflict(judge.id, idea) {
            return Err(ScoreRefusal::Conflict(conflict.kind));
        }
        if !self.assigned(judge.id, idea) {
            return Err(ScoreRefusal::NotAssigned);
        }
        Ok(())
    }

    /// Where a panel judge stands with an idea of the round; `None` for a judge off the panel or
    /// an idea not held.
    pub fn seat(&self, judge: JudgeId, idea: IdeaId) -> Option<Seat> {
        if !self.on_panel(judge) || !self.has_idea(idea) {
            None
        } else if self.conflict(judge, idea).is_some() {
            Some(Seat::Recused)
        } else if self.assigned(judge, idea) {
            Some(Seat::Assigned)
        } else {
            Some(Seat::NotAssigned)
        }
    }

    /// Every (judge, idea, seat) of the round: ideas by id, judges in the panel's order.
    pub fn seats(&self) -> impl Iterator<Item = (JudgeId, IdeaId, Seat)> + '_ {
        self.ideas.keys().flat_map(move |&idea| {
            self.panel.iter().filter_map(move |&judge| self.seat(judge, idea).map(|seat| (judge, idea, seat)))
        })
    }

    /// Whether a score counts in the round's results: submitted (a draft is the judge's
    /// working), under the current version of the rubric (scores under an earlier version stay
    /// on the record but were given against other criteria or bands).
    pub fn counts(&self, score: &ScoreEntry) -> bool {
        score.status == ScoreStatus::Submitted && Some(score.rubric_version) == self.rubric
    }

    /// What saving a rubric does, given whether it is the same as the current version's.
    pub fn rubric_change(&self, same_as_current: bool) -> RubricChange {
        match self.rubric {
            None => RubricChange::First,
            Some(_) if same_as_current => RubricChange::Unchanged,
            Some(current) if self.scoring_started_at.is_none() => RubricChange::EditInPlace(current),
            Some(current) => RubricChange::NewVersion { current },
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rstest::rstest;

    use super::*;
    use crate::ConflictId;

    const A: JudgeId = JudgeId(1);
    const B: JudgeId = JudgeId(2);
    /// A judge of the challenge who is not on the panel.
    const OFF: JudgeId = JudgeId(3);
    /// On the panel, chosen for nothing.
    const C: JudgeId = JudgeId(4);

    /// Scored by the whole panel.
    const OPEN: IdeaId = IdeaId(10);
    /// Only A was chosen for it.
    const CHOSEN: IdeaId = IdeaId(11);
    /// B has declared an interest in it.
    const DECLARED: IdeaId = IdeaId(12);
    /// B declared an interest and withdrew it.
    const WITHDRAWN: IdeaId = IdeaId(13);
    /// Not in the round.
    const ELSEWHERE: IdeaId = IdeaId(99);

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2021, 6, day, 9, 0, 0).single().expect("a real time")
    }

    fn conflict(judge: JudgeId, idea: IdeaId, withdrawn: bool) -> Conflict {
        Conflict {
            id: ConflictId(idea.0 * 100 + judge.0),
            judge,
            idea,
            kind: ConflictKind::SameTeam,
            note: String::new(),
            round: Stage::Shortlist,
            declared_at: at(1),
            declared_by: "Secretariat".into(),
            declared_at_meeting: false,
            withdrawn_at: withdrawn.then(|| at(2)),
            withdrawn_by: withdrawn.then(|| "Secretariat".into()),
        }
    }

    fn judge(id: JudgeId) -> Judge {
        Judge {
            id,
            challenge_id: ChallengeId(1),
            name: format!("Judge {}", id.0),
            role: "Director".into(),
            organisation: "HM Treasury".into(),
        }
    }

    /// A, B and C on the panel; four ideas, one with a chosen judge, one with a declared
    /// interest and one whose interest was withdrawn.
    fn round() -> Round {
        let mut r = Round::new(ChallengeId(1), Stage::Shortlist);
        r.panel = vec![A, B, C];
        r.rubric = Some(RubricVersionId(7));
        for idea in [OPEN, CHOSEN, DECLARED, WITHDRAWN] {
            r.add_idea(idea);
        }
        r.choose(CHOSEN, A);
        r.declare(conflict(B, DECLARED, false));
        r.declare(conflict(B, WITHDRAWN, true));
        r
    }

    #[rstest]
    #[case::the_whole_panel_scores_an_idea_with_no_one_chosen(A, OPEN, Ok(()))]
    #[case::a_chosen_judge_scores_it(A, CHOSEN, Ok(()))]
    #[case::a_judge_not_chosen_does_not(B, CHOSEN, Err(ScoreRefusal::NotAssigned))]
    #[case::nor_one_chosen_for_nothing(C, CHOSEN, Err(ScoreRefusal::NotAssigned))]
    #[case::a_declared_interest_keeps_the_judge_out(
        B,
        DECLARED,
        Err(ScoreRefusal::Conflict(ConflictKind::SameTeam))
    )]
    #[case::but_not_once_withdrawn(B, WITHDRAWN, Ok(()))]
    #[case::others_on_the_panel_still_score_it(A, DECLARED, Ok(()))]
    #[case::a_judge_off_the_panel_scores_nothing(OFF, OPEN, Err(ScoreRefusal::NotOnPanel))]
    #[case::the_panel_is_checked_before_the_round(OFF, ELSEWHERE, Err(ScoreRefusal::NotOnPanel))]
    #[case::an_idea_outside_the_round_is_not_scored(A, ELSEWHERE, Err(ScoreRefusal::NotInRound))]
    fn who_may_score_what(
        #[case] who: JudgeId,
        #[case] idea: IdeaId,
        #[case] expected: Result<(), ScoreRefusal>,
    ) {
        assert_eq!(round().may_score(&judge(who), idea), expected);
    }

    #[test]
    fn a_judge_of_another_challenge_is_refused_first() {
        let stranger = Judge { challenge_id: ChallengeId(2), ..judge(A) };
        assert_eq!(
            round().may_score(&stranger, OPEN),
            Err(ScoreRefusal::OtherChallenge),
            "the same id in another challenge is another person"
        );
    }

    #[test]
    fn an_interest_outranks_not_being_chosen() {
        let mut r = round();
        r.declare(conflict(B, CHOSEN, false));
        assert_eq!(
            r.may_score(&judge(B), CHOSEN),
            Err(ScoreRefusal::Conflict(ConflictKind::SameTeam)),
            "the interest is the reason worth telling: choosing B would not let them score it"
        );
        assert_eq!(r.seat(B, CHOSEN), Some(Seat::Recused), "and the maths counts B as recused, not missing");
    }

    #[rstest]
    #[case(A, OPEN, Some(Seat::Assigned))]
    #[case(A, CHOSEN, Some(Seat::Assigned))]
    #[case(B, CHOSEN, Some(Seat::NotAssigned))]
    #[case(B, DECLARED, Some(Seat::Recused))]
    #[case(B, WITHDRAWN, Some(Seat::Assigned))]
    #[case(OFF, OPEN, None)]
    #[case(A, ELSEWHERE, None)]
    fn what_a_recusal_excludes(#[case] who: JudgeId, #[case] idea: IdeaId, #[case] expected: Option<Seat>) {
        assert_eq!(round().seat(who, idea), expected);
    }

    #[test]
    fn seats_cover_every_panel_judge_and_idea_in_order() {
        let seats: Vec<_> = round().seats().collect();
        assert_eq!(seats.len(), 3 * 4, "three panel judges by four ideas; the judge off the panel has none");
        assert_eq!(seats[0], (A, OPEN, Seat::Assigned), "ideas by id, then judges in the panel's order");
        assert_eq!(seats[4], (B, CHOSEN, Seat::NotAssigned));
    }

    #[test]
    fn choices_and_conflicts_for_ideas_not_held_are_left_out() {
        let mut r = round();
        r.choose(ELSEWHERE, A);
        r.declare(conflict(A, ELSEWHERE, false));
        assert!(!r.has_idea(ELSEWHERE), "a judge chosen before an idea moved on does not bring it back");
        assert_eq!(r.conflict(A, ELSEWHERE), None, "a round loaded for some ideas answers for those only");
    }

    #[rstest]
    #[case::a_submitted_score_under_the_current_version(ScoreStatus::Submitted, 7, true)]
    #[case::a_draft_is_the_judges_working(ScoreStatus::Draft, 7, false)]
    #[case::a_score_under_an_earlier_version(ScoreStatus::Submitted, 6, false)]
    fn which_scores_count(#[case] status: ScoreStatus, #[case] version: i64, #[case] expected: bool) {
        let score = ScoreEntry {
            rubric_version: RubricVersionId(version),
            judge: A,
            idea: OPEN,
            criterion: "viability".into(),
            score: 4,
            comment: String::new(),
            status,
            revision: 1,
            updated_at: at(3),
            updated_by: "Judge 1".into(),
        };
        assert_eq!(round().counts(&score), expected);
    }

    #[rstest]
    #[case::no_rubric_yet(None, None, false, RubricChange::First)]
    #[case::the_same_rubric(Some(7), None, true, RubricChange::Unchanged)]
    #[case::the_same_rubric_after_scoring(Some(7), Some(3), true, RubricChange::Unchanged)]
    #[case::a_change_before_any_score(Some(7), None, false, RubricChange::EditInPlace(RubricVersionId(7)))]
    #[case::a_change_after_the_first_score(Some(7), Some(3), false, RubricChange::NewVersion { current: RubricVersionId(7) })]
    fn what_a_rubric_change_does(
        #[case] current: Option<i64>,
        #[case] started: Option<u32>,
        #[case] same: bool,
        #[case] expected: RubricChange,
    ) {
        let mut r = round();
        r.rubric = current.map(RubricVersionId);
        r.scoring_started_at = started.map(at);
        assert_eq!(r.rubric_change(same), expected);
    }
}
