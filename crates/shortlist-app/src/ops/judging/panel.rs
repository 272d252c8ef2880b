//! Judges, round panels and rubrics, assignments and conflicts of interest.

use super::*;

impl Shortlist {
    // ----- judges

    /// Adds a judge to a challenge's list of judges (not yet to any round's panel).
    pub fn add_judge(&self, challenge: ChallengeId, input: &JudgeInput) -> Result<Judge, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| {
            challenges::get(tx, challenge)?;
            Ok(judging::insert_judge(tx, challenge, &valid, now)?)
        })
    }

    pub fn edit_judge(&self, judge: JudgeId, input: &JudgeInput) -> Result<Judge, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| Ok(judging::update_judge(tx, judge, &valid, now)?))
    }

    /// A challenge's judges, in the order they were added.
    pub fn list_judges(&self, challenge: ChallengeId) -> Result<Vec<Judge>, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(judging::judges(store.read(), challenge)?)
    }

    // ----- panels and rubrics

    pub fn round_panel(&self, challenge: ChallengeId, stage: Stage) -> Result<RoundPanel, ApiError> {
        let store = self.store()?;
        let loaded = LoadedRound::load(store.read(), challenge, stage)?;
        panel_view(store.read(), &loaded)
    }

    /// Sets a round's judges and its comment setting. A judge who has scored in the round stays
    /// on it, so no score is orphaned.
    pub fn set_round_panel(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        settings: &PanelSettings,
    ) -> Result<RoundPanel, ApiError> {
        self.store()?.write(|tx| {
            let loaded = LoadedRound::load(tx, challenge, stage)?;
            if settings.judges.is_empty() {
                return Err(ApiError::field("judges", "Choose at least one judge for the panel"));
            }
            let mut seen = BTreeSet::new();
            for &id in &settings.judges {
                let judge = judge_of(tx, id)?;
                if judge.challenge_id != challenge {
                    return Err(ApiError::field(
                        "judges",
                        format!("{} is a judge of another challenge", judge.name),
                    ));
                }
                if !seen.insert(id) {
                    return Err(ApiError::field("judges", format!("{} is chosen twice", judge.name)));
                }
            }
            if let Some((v, _)) = &loaded.version {
                for &leaving in loaded.round.panel.iter().filter(|j| !settings.judges.contains(j)) {
                    let n = judging::count_scores_by(tx, v.id, leaving)?;
                    if n > 0 {
                        return Err(ApiError::refused(format!(
                            "{} has given {n} {} in the {} round, so stays on its panel",
                            judge_of(tx, leaving)?.name,
                            if n == 1 { "score" } else { "scores" },
                            stage.label()
                        )));
                    }
                }
            }
            judging::put_panel(tx, challenge, stage, settings)?;
            panel_view(tx, &LoadedRound::load(tx, challenge, stage)?)
        })
    }

    /// Sets a round's rubric from a template.
    pub fn set_round_rubric_template(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        template: RubricTemplate,
        confirm_new_version: bool,
    ) -> Result<RubricSaved, ApiError> {
        self.set_round_rubric(challenge, stage, &template.rubric().into_draft(), confirm_new_version)
    }

    /// Sets a round's rubric. Before scoring starts it edits the current version; after, a
    /// change makes a new version, which needs `confirm_new_version` because the scores so far
    /// stay with the old one and no longer count.
    ///
    /// # Errors
    /// `Validation` with every problem of the draft; `NeedsConfirmation` as above.
    pub fn set_round_rubric(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        draft: &RubricDraft,
        confirm_new_version: bool,
    ) -> Result<RubricSaved, ApiError> {
        let rubric = draft.clone().validate()?;
        let json = rubric_json(&rubric)?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let loaded = LoadedRound::load(tx, challenge, stage)?;
            let same = loaded.version.as_ref().is_some_and(|(_, current)| *current == rubric);
            let (saved, new_version) = match (loaded.round.rubric_change(same), &loaded.version) {
                (RubricChange::Unchanged, Some((v, _))) => (v.clone(), false),
                (RubricChange::EditInPlace(id), _) => {
                    (judging::replace_rubric(tx, id, &json, now, &by)?, false)
                }
                (RubricChange::NewVersion { .. }, Some((v, _))) => {
                    if !confirm_new_version {
                        return Err(ApiError::new(
                            ErrorCode::NeedsConfirmation,
                            format!(
                                "Scoring of the {} round has started. Changing the rubric makes version {}: \
                                 the scores given so far stay with version {} and stop counting, so the \
                                 judges score again. Confirm to go ahead",
                                stage.label(),
                                v.version + 1,
                                v.version
                            ),
                        ));
                    }
                    (judging::add_rubric_version(tx, challenge, stage, &json, now, &by)?, true)
                }
                // The round's first rubric: version 1, which is not a new version of anything.
                _ => (judging::add_rubric_version(tx, challenge, stage, &json, now, &by)?, false),
            };
            Ok(RubricSaved { current: version_view(&saved, &rubric), new_version })
        })
    }

    /// Every version of a round's rubric, oldest first.
    pub fn rubric_versions(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<Vec<RubricVersionView>, ApiError> {
        let store = self.store()?;
        LoadedRound::load(store.read(), challenge, stage)?;
        judging::rubric_versions(store.read(), challenge, stage)?
            .iter()
            .map(|v| Ok(version_view(v, &parse_rubric(&v.rubric_json)?)))
            .collect()
    }

    // ----- assignments and conflicts

    /// Chooses the judges who score one idea of the round; none means the whole panel.
    pub fn assign_judges(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        idea: IdeaId,
        judges: &[JudgeId],
    ) -> Result<(), ApiError> {
        self.store()?.write(|tx| {
            let LoadedRound { round, version } = LoadedRound::load(tx, challenge, stage)?;
            let summary = ideas::get_summary(tx, idea)?;
            if !round.has_idea(idea) {
                return Err(ApiError::refused(format!(
                    "{} is not in the {} round (it is at {})",
                    summary.reference,
                    stage.label(),
                    summary.stage.label()
                )));
            }
            for &j in judges {
                let judge = judge_of(tx, j)?;
                if !round.on_panel(j) {
                    return Err(ApiError::refused(format!(
                        "{} is not on the {} panel. Add them to the panel first",
                        judge.name,
                        stage.label()
                    )));
                }
            }
            // As for the panel: a judge who has scored the idea stays assigned to it, so no
            // score is orphaned.
            if let (Some((v, _)), false) = (&version, judges.is_empty()) {
                for &leaving in
                    round.panel.iter().filter(|j| round.assigned(**j, idea) && !judges.contains(j))
                {
                    if !judging::scores_for(tx, v.id, leaving, idea)?.is_empty() {
                        return Err(ApiError::refused(format!(
                            "{} has scored {}, so stays assigned to it",
                            judge_of(tx, leaving)?.name,
                            summary.reference
                        )));
                    }
                }
            }
            judging::set_assignments(tx, challenge, stage, idea, judges)?;
            Ok(())
        })
    }

    /// Records a judge's conflict of interest with an idea, declared ahead of the meeting of
    /// `round`. It keeps the judge out of the idea in every round until withdrawn.
    pub fn declare_conflict(
        &self,
        round: Stage,
        judge: JudgeId,
        idea: IdeaId,
        input: &ConflictInput,
    ) -> Result<Conflict, ApiError> {
        self.declare(round, judge, idea, input, false)
    }

    /// Records an interest a judge declares in the panel's meeting: a conflict with
    /// `declared_at_meeting` set, listed in the round's record like any other.
    pub fn declare_interest_at_meeting(
        &self,
        round: Stage,
        judge: JudgeId,
        idea: IdeaId,
        input: &ConflictInput,
    ) -> Result<Conflict, ApiError> {
        self.declare(round, judge, idea, input, true)
    }

    fn declare(
        &self,
        round: Stage,
        judge: JudgeId,
        idea: IdeaId,
        input: &ConflictInput,
        at_meeting: bool,
    ) -> Result<Conflict, ApiError> {
        let valid = input.validate()?;
        check_panel_stage(round)?;
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judge_of(tx, judge)?;
            let summary = ideas::get_summary(tx, idea)?;
            let idea_challenge = ideas::get(tx, idea)?.challenge_id;
            if idea_challenge != j.challenge_id {
                return Err(ApiError::refused(format!(
                    "{} judges another challenge than {}'s",
                    j.name, summary.reference
                )));
            }
            if let Some(open) = judging::open_conflict(tx, judge, idea)? {
                return Err(ApiError::refused(format!(
                    "{} has already declared a conflict of interest with {} ({}). Withdraw it first to \
                     record a different one",
                    j.name,
                    summary.reference,
                    open.kind.label().to_lowercase()
                )));
            }
            let conflict = judging::insert_conflict(tx, judge, idea, &valid, round, at_meeting, now, &by)?;
            let note = format!(
                "{} declared a conflict of interest{}: {}{}",
                j.name,
                if at_meeting { " at the panel meeting" } else { "" },
                conflict.kind.label().to_lowercase(),
                if conflict.note.is_empty() { String::new() } else { format!(". {}", conflict.note) }
            );
            timeline(tx, idea, now, &by, ChangeKind::ConflictDeclared, note)?;
            Ok(conflict)
        })
    }

    /// Withdraws a conflict declared in error: the judge may score the idea again. The conflict
    /// stays on the record, marked withdrawn.
    pub fn withdraw_conflict(&self, conflict: ConflictId) -> Result<Conflict, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let found = judging::conflict(tx, conflict)?;
            if let Some(at) = found.withdrawn_at {
                return Err(ApiError::refused(format!(
                    "That conflict of interest was already withdrawn, on {}",
                    at.format("%-d %B %Y")
                )));
            }
            let withdrawn = judging::withdraw_conflict(tx, conflict, now, &by)?;
            let note = format!(
                "{}'s conflict of interest ({}) was withdrawn",
                judge_of(tx, withdrawn.judge)?.name,
                withdrawn.kind.label().to_lowercase()
            );
            timeline(tx, withdrawn.idea, now, &by, ChangeKind::ConflictWithdrawn, note)?;
            Ok(withdrawn)
        })
    }

    /// The conflicts of the round's panel with the round's ideas, withdrawn ones included.
    pub fn round_conflicts(&self, challenge: ChallengeId, stage: Stage) -> Result<Vec<Conflict>, ApiError> {
        let store = self.store()?;
        let loaded = LoadedRound::load(store.read(), challenge, stage)?;
        round_conflicts(store.read(), &loaded.round)
    }
}

/// Adds `judges` to the challenge and seats them as the panel of `stage` with the challenge's
/// default rubric, inside the caller's transaction (for the demo).
pub(crate) fn seat_panel(
    tx: &shortlist_store::Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    judges: &[shortlist_domain::ValidJudge],
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), ApiError> {
    let ids = judges
        .iter()
        .map(|j| judging::insert_judge(tx, challenge, j, now).map(|j| j.id))
        .collect::<Result<_, _>>()?;
    judging::put_panel(
        tx,
        challenge,
        stage,
        &PanelSettings { judges: ids, comment_required_for_extremes: true },
    )?;
    let json = rubric_json(&RubricTemplate::ChallengeDefault.rubric())?;
    judging::add_rubric_version(tx, challenge, stage, &json, now, by)?;
    Ok(())
}
