//! Scores: saving drafts, submitting, reopening, and a judge's own scores.

use super::*;

impl Shortlist {
    // ----- scores

    /// Saves one score as a draft. See [`Shortlist::save_scores`].
    pub fn save_score(&self, stage: Stage, input: &ScoreInput) -> Result<ScoreEntry, ApiError> {
        let mut saved = self.save_scores(stage, std::slice::from_ref(input))?;
        saved.pop().ok_or_else(|| ApiError::new(ErrorCode::Internal, "The score was not saved"))
    }

    /// Saves scores as drafts, all or none, attributed to the judge each belongs to. The first
    /// score of a round starts its scoring: the rubric is then versioned and the round's ideas
    /// recorded.
    ///
    /// # Errors
    /// `Validation` for a missing score, an unknown criterion or a score off the scale;
    /// `Refused` when the judge may not score the idea (see the module notes) or has submitted
    /// their scores for it.
    pub fn save_scores(&self, stage: Stage, inputs: &[ScoreInput]) -> Result<Vec<ScoreEntry>, ApiError> {
        let valid: Vec<ValidScore> = inputs.iter().map(ScoreInput::validate).collect::<Result<_, _>>()?;
        let Some(first) = valid.first() else { return Ok(Vec::new()) };
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let challenge = judge_of(tx, first.judge)?.challenge_id;
            let round = Round::load(tx, challenge, stage)?;
            let (version, rubric) = round.rubric()?;
            let mut judges: HashMap<JudgeId, Judge> = HashMap::new();
            let mut checked: BTreeSet<(JudgeId, IdeaId)> = BTreeSet::new();
            for score in &valid {
                let judge = match judges.entry(score.judge) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(judge_of(tx, score.judge)?),
                };
                if checked.insert((score.judge, score.idea)) {
                    round.may_score(tx, judge, score.idea)?;
                    let existing = judging::scores_for(tx, version.id, score.judge, score.idea)?;
                    if let Some(s) = existing.iter().find(|s| s.status == ScoreStatus::Submitted) {
                        return Err(ApiError::refused(format!(
                            "{} submitted their scores for {} on {}. Reopen them to change a score",
                            judge.name,
                            ideas::get_summary(tx, score.idea)?.reference,
                            s.updated_at.format("%-d %B %Y")
                        )));
                    }
                }
                check_value(rubric, score)?;
            }
            judging::start_scoring(tx, challenge, stage, &round.ideas, now)?;
            for score in &valid {
                judging::put_draft(tx, version.id, score, now, &by)?;
            }
            let mut out = Vec::with_capacity(valid.len());
            for score in &valid {
                let saved = judging::scores_for(tx, version.id, score.judge, score.idea)?
                    .into_iter()
                    .find(|s| s.criterion == score.criterion)
                    .ok_or_else(|| {
                        ApiError::new(ErrorCode::Internal, "A saved score could not be read back")
                    })?;
                out.push(saved);
            }
            Ok(out)
        })
    }

    /// Submits a judge's scores for an idea: every criterion scored, and, when the round asks
    /// for it, a comment on each score in the lowest or highest band. Submitted scores count in
    /// the results and are locked until reopened.
    ///
    /// # Errors
    /// `Refused`, naming each criterion (as `field`) still to score or needing a comment.
    pub fn submit_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Vec<ScoreEntry>, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judge_of(tx, judge)?;
            let round = Round::load(tx, j.challenge_id, stage)?;
            let (version, rubric) = round.rubric()?;
            round.may_score(tx, &j, idea)?;
            let reference = ideas::get_summary(tx, idea)?.reference;
            let scores = judging::scores_for(tx, version.id, judge, idea)?;
            let by_criterion: HashMap<&str, &ScoreEntry> =
                scores.iter().map(|s| (s.criterion.as_str(), s)).collect();
            let missing: Vec<FieldError> = rubric
                .criteria()
                .iter()
                .filter(|c| !by_criterion.contains_key(c.id.as_str()))
                .map(|c| FieldError { field: c.id.to_string(), message: format!("Score {}", c.name) })
                .collect();
            if !missing.is_empty() {
                let names: Vec<&str> = rubric
                    .criteria()
                    .iter()
                    .filter(|c| !by_criterion.contains_key(c.id.as_str()))
                    .map(|c| c.name.as_str())
                    .collect();
                return Err(ApiError {
                    code: ErrorCode::Refused,
                    message: format!(
                        "{} has not scored every criterion for {reference}, so nothing was submitted. Still to score: {}",
                        j.name,
                        names.join(", ")
                    ),
                    fields: missing,
                });
            }
            if round.panel.comment_required_for_extremes {
                let needing: Vec<(String, String)> = rubric
                    .criteria()
                    .iter()
                    .filter_map(|c| by_criterion.get(c.id.as_str()).map(|s| (c, *s)))
                    .filter(|(_, s)| rubric.requires_comment(s.score) && s.comment.trim().is_empty())
                    .map(|(c, s)| {
                        let band = rubric.band_for(s.score).map(|b| b.label.as_str()).unwrap_or_default();
                        (c.id.to_string(), format!("{} ({}, {band})", c.name, s.score))
                    })
                    .collect();
                if !needing.is_empty() {
                    let list: Vec<&str> = needing.iter().map(|(_, m)| m.as_str()).collect();
                    return Err(ApiError {
                        code: ErrorCode::Refused,
                        message: format!(
                            "A score in the lowest or highest band needs a comment saying why, so nothing was \
                             submitted. Add a comment to: {}",
                            list.join(", ")
                        ),
                        fields: needing
                            .into_iter()
                            .map(|(field, m)| FieldError { field, message: format!("Add a comment to {m}") })
                            .collect(),
                    });
                }
            }
            judging::set_status(tx, version.id, judge, idea, ScoreStatus::Submitted, now, &by)?;
            let note = format!("{} submitted scores in the {} round", j.name, stage.label());
            timeline(tx, idea, now, &by, ChangeKind::ScoresSubmitted, note)?;
            Ok(judging::scores_for(tx, version.id, judge, idea)?)
        })
    }

    /// Returns a judge's submitted scores for an idea to draft, so they can be changed; they stop
    /// counting until submitted again.
    pub fn reopen_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Vec<ScoreEntry>, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judge_of(tx, judge)?;
            let round = Round::load(tx, j.challenge_id, stage)?;
            let (version, _) = round.rubric()?;
            let changed = judging::set_status(tx, version.id, judge, idea, ScoreStatus::Draft, now, &by)?;
            if changed == 0 {
                return Err(ApiError::refused(format!(
                    "{} has no submitted scores for {} in the {} round",
                    j.name,
                    ideas::get_summary(tx, idea)?.reference,
                    stage.label()
                )));
            }
            let note =
                format!("{}'s scores in the {} round were reopened for changes", j.name, stage.label());
            timeline(tx, idea, now, &by, ChangeKind::ScoresReopened, note)?;
            Ok(judging::scores_for(tx, version.id, judge, idea)?)
        })
    }

    /// What a judge has to score in a round: each idea of the round, whether the judge is asked
    /// to score it or has declared an interest, and how far their scores have got.
    pub fn judge_worklist(&self, stage: Stage, judge: JudgeId) -> Result<JudgeWorklist, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let j = judge_of(conn, judge)?;
        let round = Round::load(conn, j.challenge_id, stage)?;
        if !round.on_panel(judge) {
            return Err(ApiError::refused(format!(
                "{} is not on the {} panel. Add them to the panel first",
                j.name,
                stage.label()
            )));
        }
        let criteria = round.version.as_ref().map_or(0, |(_, r)| r.criteria().len()) as u32;
        let mut items = Vec::new();
        for (id, reference, title, now) in judging::round_idea_labels(conn, j.challenge_id, stage)? {
            let scores = match &round.version {
                Some((v, _)) => judging::scores_for(conn, v.id, judge, id)?,
                None => Vec::new(),
            };
            items.push(WorkItem {
                idea: RoundIdea { id, reference: Reference(reference), title, stage: now },
                assigned: round.assigned(judge, id),
                conflict: round.conflicts.get(&(judge, id)).cloned(),
                scored: scores.len() as u32,
                submitted: criteria > 0
                    && scores.len() as u32 == criteria
                    && scores.iter().all(|s| s.status == ScoreStatus::Submitted),
            });
        }
        Ok(JudgeWorklist {
            stage,
            judge: j,
            rubric: round.version.as_ref().map(|(v, r)| version_view(v, r)),
            comment_required_for_extremes: round.panel.comment_required_for_extremes,
            criteria,
            items,
        })
    }

    /// A judge's scores for an idea under the round's current rubric, draft or submitted.
    pub fn judge_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Vec<ScoreEntry>, ApiError> {
        let store = self.store()?;
        let j = judge_of(store.read(), judge)?;
        let round = Round::load(store.read(), j.challenge_id, stage)?;
        match &round.version {
            Some((v, _)) => Ok(judging::scores_for(store.read(), v.id, judge, idea)?),
            None => Ok(Vec::new()),
        }
    }

    /// The judge's own scores for the idea in the panel round before `stage` that the challenge
    /// uses, under that round's current rubric; `None` when there is no such round or rubric.
    pub fn previous_round_scores(
        &self,
        stage: Stage,
        judge: JudgeId,
        idea: IdeaId,
    ) -> Result<Option<PreviousRoundScores>, ApiError> {
        check_panel_stage(stage)?;
        let store = self.store()?;
        let conn = store.read();
        let j = judge_of(conn, judge)?;
        let rounds = workflow::rounds(conn, j.challenge_id)?;
        let before =
            PANEL_STAGES.iter().rev().copied().find(|s| s.step() < stage.step() && rounds.is_used(*s));
        let Some(before) = before else { return Ok(None) };
        let Some(panel) = judging::panel(conn, j.challenge_id, before)? else { return Ok(None) };
        let Some(id) = panel.rubric_version else { return Ok(None) };
        let v = judging::rubric_version(conn, id)?;
        let rubric = parse_rubric(&v.rubric_json)?;
        let scores = judging::scores_for(conn, id, judge, idea)?;
        Ok(Some(PreviousRoundScores { stage: before, rubric: version_view(&v, &rubric), scores }))
    }
}

fn check_value(rubric: &Rubric, score: &ValidScore) -> Result<(), ApiError> {
    let Some(criterion) = rubric.criterion(&score.criterion.as_str().into()) else {
        let ids: Vec<&str> = rubric.criteria().iter().map(|c| c.id.as_str()).collect();
        return Err(ApiError::field(
            "criterion",
            format!(
                "The rubric has no criterion \"{}\"; its criteria are {}",
                score.criterion,
                ids.join(", ")
            ),
        ));
    };
    let scale = rubric.scale();
    if !scale.contains(score.score) {
        return Err(ApiError::field(
            "score",
            format!(
                "The score for {} must be a whole number from {} to {} (it is {})",
                criterion.name, scale.min, scale.max, score.score
            ),
        ));
    }
    Ok(())
}
