//! A round's results, their export, and the panel's meeting.

use super::export::{results_csv, results_xlsx};
use super::*;

impl Shortlist {
    // ----- results

    /// The round's results from the submitted scores under its current rubric: raw beside
    /// normalised totals, ranks by `rank_by`, spread and disagreement, each judge's severity.
    pub fn round_results(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
    ) -> Result<RoundResults, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let loaded = LoadedRound::load(conn, challenge, stage)?;
        let (version, rubric) = loaded.rubric()?;
        let round = &loaded.round;
        let draft_scores = judging::count_drafts(conn, version.id)? as u32;
        let scores: Vec<scoring::Score> = judging::submitted_values(conn, version.id)?
            .into_iter()
            .map(|(judge, idea, criterion, value)| scoring::Score {
                judge: scoring::JudgeId(judge.0),
                idea: scoring::IdeaId(idea.0),
                criterion: criterion.into(),
                value,
            })
            .collect();
        let results =
            aggregate(rubric, &scores, &loaded.assignments(), &Options { rank_by, ..Options::default() });
        let judges: Vec<Judge> = round.panel.iter().map(|&j| judge_of(conn, j)).collect::<Result<_, _>>()?;
        let labels: HashMap<IdeaId, RoundIdea> = judging::round_idea_labels(conn, challenge, stage)?
            .into_iter()
            .map(|(id, reference, title, stage)| {
                (id, RoundIdea { id, reference: Reference(reference), title, stage })
            })
            .collect();
        // By pair, so the table's 10,000 cells are not each a search of the 10,000 totals.
        let totals: HashMap<(scoring::JudgeId, scoring::IdeaId), &scoring::JudgeIdeaTotal> =
            results.totals.iter().map(|t| ((t.judge, t.idea), t)).collect();
        let rows = results
            .ideas
            .iter()
            .map(|r| {
                let idea = IdeaId(r.idea.0);
                let cells = round
                    .panel
                    .iter()
                    .map(|&j| {
                        let total = totals.get(&(scoring::JudgeId(j.0), r.idea));
                        JudgeCell {
                            judge: j,
                            total: total.and_then(|t| t.total),
                            normalised: total.and_then(|t| t.normalised),
                            recused: round.conflict(j, idea).is_some(),
                            not_assigned: !round.assigned(j, idea),
                        }
                    })
                    .collect();
                ResultRow {
                    idea: labels.get(&idea).cloned().unwrap_or_else(|| RoundIdea {
                        id: idea,
                        reference: Reference(format!("#{}", idea.0)),
                        title: String::new(),
                        stage,
                    }),
                    rank: r.rank_label(),
                    mean: r.mean,
                    median: r.median,
                    normalised_mean: r.normalised_mean,
                    judges_counted: r.judges_counted as u32,
                    sd: r.spread.map(|s| s.sd),
                    range: r.spread.map(|s| s.range),
                    disagreement: r.disagreement,
                    judges: cells,
                }
            })
            .collect();
        Ok(RoundResults {
            challenge,
            stage,
            rubric: version_view(version, rubric),
            judges,
            rows,
            conflicts: round_conflicts(conn, round)?,
            draft_scores,
            earlier_version_scores: judging::scores_under_other_versions(conn, challenge, stage, version.id)?
                as u32,
            results,
        })
    }

    /// Writes the round's results to `dest` as CSV (the ranking table) or XLSX (the ranking, the
    /// judges' severity and the conflicts, one sheet each). Written whole or not at all; every
    /// text cell is neutralised against formula injection.
    pub fn export_results(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
        format: ExportFormat,
        dest: &Path,
    ) -> Result<ExportSummary, ApiError> {
        let results = self.round_results(challenge, stage, rank_by)?;
        let bytes = match format {
            ExportFormat::Csv => results_csv(&results)?,
            ExportFormat::Xlsx => results_xlsx(&results)?,
        };
        write_atomically(dest, &bytes)?;
        Ok(ExportSummary { path: dest.display().to_string(), ideas: results.rows.len() as u32 })
    }

    // ----- the meeting

    /// The meeting's discussion list: disagreements first (widest spread first), then the
    /// ideas within [`BORDERLINE_MARGIN`] places of the cut-off (the next round's target size),
    /// then the rest; with any decision already recorded at this round.
    pub fn discussion_list(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
    ) -> Result<Vec<DiscussionRow>, ApiError> {
        let results = self.round_results(challenge, stage, rank_by)?;
        let store = self.store()?;
        let conn = store.read();
        let rounds = workflow::rounds(conn, challenge)?;
        let cut_off = rounds.next(stage).and_then(|next| rounds.target(next)).unwrap_or(0);
        let rows: HashMap<IdeaId, &ResultRow> = results.rows.iter().map(|r| (r.idea.id, r)).collect();
        discussion_order(&results.results, cut_off, BORDERLINE_MARGIN)
            .into_iter()
            .filter_map(|item| rows.get(&IdeaId(item.idea.0)).map(|row| (item, *row)))
            .map(|(item, row)| {
                let decision =
                    workflow::decisions(conn, row.idea.id)?.into_iter().rev().find(|d| d.round == stage);
                Ok(DiscussionRow {
                    item,
                    idea: row.idea.clone(),
                    mean: row.mean,
                    normalised_mean: row.normalised_mean,
                    sd: row.sd,
                    decision,
                })
            })
            .collect()
    }

    /// Records the panel's decision on an idea of the round, through
    /// [`Shortlist::record_decision`] (which moves it and writes its history).
    ///
    /// # Errors
    /// `Refused` when the idea is not in the round or has already moved on from it.
    pub fn record_round_decision(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        idea: IdeaId,
        input: &DecisionInput,
    ) -> Result<Decision, ApiError> {
        {
            let store = self.store()?;
            let conn = store.read();
            let loaded = LoadedRound::load(conn, challenge, stage)?;
            let current = ideas::get_summary(conn, idea)?;
            if !loaded.round.has_idea(idea) {
                return Err(ApiError::refused(format!(
                    "{} is not in the {} round (it is at {})",
                    current.reference,
                    stage.label(),
                    current.stage.label()
                )));
            }
            if current.stage != stage {
                return Err(ApiError::refused(format!(
                    "{} has moved on from the {} round (it is at {}), so its decision there is already made",
                    current.reference,
                    stage.label(),
                    current.stage.label()
                )));
            }
        }
        self.record_decision(idea, input)
    }
}
