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
    /// Reads only what the rules need for the ideas being scored, so a save costs the same in a
    /// round of 10 ideas as in one of 10,000.
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
            let first = judge_of(tx, first.judge)?;
            let challenge = first.challenge_id;
            let ideas: BTreeSet<IdeaId> = valid.iter().map(|s| s.idea).collect();
            let loaded = LoadedRound::load_for(tx, challenge, stage, ideas)?;
            let (version, rubric) = loaded.rubric()?;
            let mut judges: HashMap<JudgeId, Judge> = HashMap::from([(first.id, first)]);
            // Each judge and idea is checked once, and its scores read once after the save for
            // what the save returns.
            let mut pairs: BTreeSet<(JudgeId, IdeaId)> = BTreeSet::new();
            for score in &valid {
                let judge = match judges.entry(score.judge) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(judge_of(tx, score.judge)?),
                };
                if pairs.insert((score.judge, score.idea)) {
                    loaded.may_score(tx, judge, score.idea)?;
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
            judging::start_scoring(tx, challenge, stage, now)?;
            for score in &valid {
                judging::put_draft(tx, version.id, score, now, &by)?;
            }
            let mut saved: HashMap<(JudgeId, IdeaId), Vec<ScoreEntry>> = HashMap::with_capacity(pairs.len());
            for (judge, idea) in pairs {
                saved.insert((judge, idea), judging::scores_for(tx, version.id, judge, idea)?);
            }
            valid
                .iter()
                .map(|score| {
                    saved
                        .get(&(score.judge, score.idea))
                        .and_then(|scores| scores.iter().find(|s| s.criterion == score.criterion))
                        .cloned()
                        .ok_or_else(|| {
                            ApiError::new(ErrorCode::Internal, "A saved score could not be read back")
                        })
                })
                .collect()
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
            let loaded = LoadedRound::load_for(tx, j.challenge_id, stage, [idea])?;
            let (version, rubric) = loaded.rubric()?;
            loaded.may_score(tx, &j, idea)?;
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
            if loaded.round.comment_required_for_extremes {
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
            let loaded = LoadedRound::load_for(tx, j.challenge_id, stage, [])?;
            let (version, _) = loaded.rubric()?;
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
        let LoadedRound { round, version } = LoadedRound::load(conn, j.challenge_id, stage)?;
        if !round.on_panel(judge) {
            return Err(ApiError::refused(format!(
                "{} is not on the {} panel. Add them to the panel first",
                j.name,
                stage.label()
            )));
        }
        let criteria = version.as_ref().map_or(0, |(_, r)| r.criteria().len()) as u32;
        let mut items = Vec::new();
        for (id, reference, title, now) in judging::round_idea_labels(conn, j.challenge_id, stage)? {
            let scores = match &version {
                Some((v, _)) => judging::scores_for(conn, v.id, judge, id)?,
                None => Vec::new(),
            };
            items.push(WorkItem {
                idea: RoundIdea { id, reference: Reference(reference), title, stage: now },
                assigned: round.assigned(judge, id),
                conflict: round.conflict(judge, id).cloned(),
                scored: scores.len() as u32,
                submitted: criteria > 0
                    && scores.len() as u32 == criteria
                    && scores.iter().all(|s| s.status == ScoreStatus::Submitted),
            });
        }
        Ok(JudgeWorklist {
            stage,
            judge: j,
            rubric: version.as_ref().map(|(v, r)| version_view(v, r)),
            comment_required_for_extremes: round.comment_required_for_extremes,
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
        let loaded = LoadedRound::load_for(store.read(), j.challenge_id, stage, [])?;
        match &loaded.version {
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

#[cfg(test)]
mod tests {
    //! What saving a score costs, counted in SQL statements on the app's connection: it must not
    //! grow with the size of the round. Here rather than in the integration tests because the
    //! count needs the connection, which the app does not hand out.

    use std::cell::Cell;

    use chrono::TimeZone;
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    use shortlist_domain::{ChallengeInput, IdeaInput, Marking};

    use super::*;
    use crate::RubricTemplate;

    thread_local! {
        /// Statements run on this thread's connection since the count was last reset. SQLite
        /// calls the hook on the thread that runs the statement, so tests on other threads do
        /// not add to it.
        static STATEMENTS: Cell<usize> = const { Cell::new(0) };
    }

    fn count_statement(event: TraceEvent<'_>) {
        // A trigger's run is reported as "-- TRIGGER name" and each statement in it as "-- SQL".
        // The audit trail's
        // triggers run once per row written, which is the writing's cost, not a statement the
        // use case asked for: a set-based insert of a whole round stays one statement.
        if let TraceEvent::Stmt(_, sql) = event {
            let audit = sql.starts_with("-- TRIGGER audit_") || sql.starts_with("-- INSERT INTO audit_log");
            if !audit {
                STATEMENTS.with(|n| n.set(n.get() + 1));
            }
        }
    }

    /// How many statements `f` runs on the app's connection (including BEGIN and COMMIT).
    fn statements<T>(app: &Shortlist, f: impl FnOnce() -> T) -> (usize, T) {
        app.store()
            .expect("the store is open")
            .read()
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(count_statement));
        STATEMENTS.with(|n| n.set(0));
        let out = f();
        let counted = STATEMENTS.with(Cell::get);
        app.store().expect("the store is open").read().trace_v2(TraceEventCodes::empty(), None);
        (counted, out)
    }

    /// A Shortlist round of `size` ideas, two judges and the default rubric. The ideas are put
    /// at the Shortlist straight through the store: the rules of the moves are not under test.
    fn round(size: usize) -> (Shortlist, Vec<JudgeId>, Vec<IdeaId>) {
        let clock = || Utc.with_ymd_and_hms(2021, 5, 1, 10, 0, 0).single().expect("a real time");
        let app = Shortlist::in_memory(Box::new(clock)).expect("an in-memory database opens");
        let c = app
            .create_challenge(&ChallengeInput {
                name: "Data Challenge".into(),
                year: "2021".into(),
                closing_day: "14".into(),
                closing_month: "5".into(),
                closing_year: "2021".into(),
                marking: Some(Marking::Official),
                reference_prefix: "DC21".into(),
            })
            .expect("challenge is created");
        let date = chrono::NaiveDate::from_ymd_opt(2021, 5, 1).expect("a real date");
        let ideas: Vec<IdeaId> = (0..size)
            .map(|n| {
                let input =
                    IdeaInput::new(&format!("Idea number {n}"), "Use the data.", "A Person", "HMRC", date);
                app.create_idea(c.id, &input).expect("idea is created").id
            })
            .collect();
        app.store()
            .expect("the store is open")
            .write(|tx| {
                for &idea in &ideas {
                    workflow::apply_move(
                        tx,
                        &workflow::Move {
                            idea,
                            from: Stage::Submitted,
                            to: Stage::Shortlist,
                            reason: String::new(),
                            over_target: true,
                            at: clock(),
                            by: "Test".into(),
                        },
                    )?;
                }
                Ok::<_, shortlist_store::StoreError>(())
            })
            .expect("ideas are moved");
        let judges: Vec<JudgeId> = ["Amara Osei", "Bryn Llewelyn"]
            .iter()
            .map(|name| {
                app.add_judge(c.id, &JudgeInput::new(name, "Director", "HM Treasury")).expect("judge").id
            })
            .collect();
        let settings = PanelSettings { judges: judges.clone(), comment_required_for_extremes: true };
        app.set_round_panel(c.id, Stage::Shortlist, &settings).expect("panel is set");
        app.set_round_rubric_template(c.id, Stage::Shortlist, RubricTemplate::ChallengeDefault, false)
            .expect("rubric is set");
        (app, judges, ideas)
    }

    /// Statements run by: the round's first save (which starts its scoring), a later save of one
    /// score, and a later save of one idea's five criteria at once.
    fn save_costs(size: usize) -> [usize; 3] {
        let (app, judges, ideas) = round(size);
        let one = |idea: IdeaId, criterion: &str| {
            ScoreInput::new(judges[0], idea, criterion, 3, "Seen in the pack")
        };
        let (first, _) = statements(&app, || {
            app.save_score(Stage::Shortlist, &one(ideas[0], "viability")).expect("saved")
        });
        let (later, _) = statements(&app, || {
            app.save_score(Stage::Shortlist, &one(ideas[size - 1], "benefits")).expect("saved")
        });
        let criteria = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];
        let batch: Vec<ScoreInput> = criteria.iter().map(|c| one(ideas[size / 2], c)).collect();
        let (whole_idea, _) = statements(&app, || app.save_scores(Stage::Shortlist, &batch).expect("saved"));
        [first, later, whole_idea]
    }

    #[test]
    fn saving_a_score_costs_the_same_in_a_round_of_200_ideas_as_in_one_of_10() {
        let small = save_costs(10);
        let large = save_costs(200);
        println!("statements per save (first, later, five criteria at once): 10 ideas {small:?}, 200 ideas {large:?}");
        assert_eq!(
            small, large,
            "a save reads and writes what its own judge and ideas need, not the whole round \
             (first save, a later one, five criteria at once)"
        );
    }
}
