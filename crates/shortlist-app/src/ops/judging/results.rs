//! A round's results, their export, and the panel's meeting.

use super::export::{results_csv, results_xlsx, ExportTables};
use super::*;
use shortlist_domain::PairChoice;
use shortlist_scoring::DiscussionReason;

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
        let assignments = loaded.assignments();
        let results = aggregate(rubric, &scores, &assignments, &Options { rank_by, ..Options::default() });
        let cut_line = cut_line(conn, challenge, stage)?;
        // The totals the ranking used, so the intervals and the cut are about the same numbers.
        let ranked_totals: Vec<scoring::JudgeTotal> = results
            .totals
            .iter()
            .filter_map(|t| {
                let total = match rank_by {
                    RankBy::RawMean => t.total,
                    RankBy::NormalisedMean => t.normalised,
                }?;
                Some(scoring::JudgeTotal { judge: t.judge, idea: t.idea, total })
            })
            .collect();
        let bootstrap = scoring::bootstrap_ranking(
            &ranked_totals,
            &scoring::BootstrapOptions {
                resamples: scoring::MIN_RESAMPLES,
                seed: bootstrap_seed(challenge, stage),
                target: cut_line.map_or(0, |(target, _)| target),
            },
        );
        let intervals: HashMap<scoring::IdeaId, &scoring::BootstrapIdea> =
            bootstrap.ideas.iter().map(|b| (b.idea, b)).collect();
        // Per criterion, then the total: a recusal is a gap, never a zero (the totals of
        // recused judges are not complete, so they are not among `results.totals`' totals).
        let mut reliability = scoring::reliability_by_criterion(rubric, &scores, &assignments);
        let total_ratings: Vec<scoring::Rating> = results
            .totals
            .iter()
            .filter_map(|t| t.total.map(|value| scoring::Rating { judge: t.judge, idea: t.idea, value }))
            .collect();
        reliability.push(scoring::reliability_of("total".into(), "the total", &total_ratings));
        let judges: Vec<Judge> = round.panel.iter().map(|&j| judge_of(conn, j)).collect::<Result<_, _>>()?;
        let labels = round_labels(conn, challenge, stage)?;
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
                let interval = intervals.get(&r.idea);
                ResultRow {
                    idea: label(&labels, idea, stage),
                    rank: r.rank_label(),
                    mean: r.mean,
                    median: r.median,
                    normalised_mean: r.normalised_mean,
                    judges_counted: r.judges_counted as u32,
                    sd: r.spread.map(|s| s.sd),
                    range: r.spread.map(|s| s.range),
                    disagreement: r.disagreement,
                    judges: cells,
                    score_low: interval.and_then(|b| b.score_low),
                    score_high: interval.and_then(|b| b.score_high),
                    rank_best: interval.filter(|b| b.rank.is_some()).map(|b| b.rank_best),
                    rank_worst: interval.filter(|b| b.rank.is_some()).map(|b| b.rank_worst),
                    in_cut: interval.and_then(|b| b.in_target),
                }
            })
            .collect();
        let cut = cut_line.map(|(target, next)| {
            let stability = scoring::cut_stability(&ranked_totals, target);
            cut_view(&stability, next, &labels, &judges, stage)
        });
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
            reliability,
            bootstrap: BootstrapSummary {
                resamples: bootstrap.resamples,
                seed: bootstrap.seed.to_string(),
                judges: bootstrap.judges,
            },
            cut,
        })
    }

    /// The round's pairwise results: a Bradley–Terry ranking (strength, standard error, 95%
    /// interval, rank, wins, ties, losses) from the overall choices and one per criterion with
    /// choices, each judge's agreement with the panel's ranking, and the cut's single-judge
    /// dependencies. Needs no rubric: criteria are named from it when there is one.
    ///
    /// # Errors
    /// `Refused` when the stage is not a panel round or the challenge does not use it.
    pub fn pairwise_results(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<PairwiseResults, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let loaded = LoadedRound::load(conn, challenge, stage)?;
        let method = shortlist_store::pairwise::settings(conn, challenge, stage)?.method;
        let held = shortlist_store::pairwise::comparisons(conn, challenge, stage)?;
        let judges: Vec<Judge> =
            loaded.round.panel.iter().map(|&j| judge_of(conn, j)).collect::<Result<_, _>>()?;
        let labels = round_labels(conn, challenge, stage)?;
        let round_ideas: Vec<scoring::IdeaId> = labels.keys().map(|i| scoring::IdeaId(i.0)).collect();
        let comparisons: Vec<scoring::Comparison> = held
            .iter()
            .map(|c| scoring::Comparison {
                judge: scoring::JudgeId(c.judge.0),
                first: scoring::IdeaId(c.left.0),
                second: scoring::IdeaId(c.right.0),
                criterion: (!c.criterion.is_empty()).then(|| c.criterion.as_str().into()),
                outcome: match c.choice {
                    PairChoice::Left => scoring::Outcome::FirstStronger,
                    PairChoice::Right => scoring::Outcome::SecondStronger,
                    PairChoice::CannotSeparate => scoring::Outcome::CannotSeparate,
                },
            })
            .collect();
        let table = |criterion: Option<scoring::CriterionId>, name: String| {
            let options = scoring::BradleyTerryOptions { criterion: criterion.clone(), ..Default::default() };
            let ranking = scoring::bradley_terry(&round_ideas, &comparisons, &options);
            let rows = pairwise_rows(&ranking, &labels, stage);
            let view = PairwiseTable {
                criterion: criterion.map(|c| c.0).unwrap_or_default(),
                name,
                comparisons: ranking.comparisons_used as u32,
                converged: ranking.converged,
                rows,
            };
            (view, ranking)
        };
        let (overall, ranking) = table(None, "Overall".to_owned());
        // Criteria with choices, in rubric order, then any the rubric no longer has.
        let rubric = round_rubric(conn, challenge, stage)?;
        let mut named: Vec<(String, String)> = rubric
            .iter()
            .flat_map(|r| r.criteria().iter().map(|c| (c.id.0.clone(), c.name.clone())))
            .collect();
        let chosen: BTreeSet<&str> =
            held.iter().map(|c| c.criterion.as_str()).filter(|c| !c.is_empty()).collect();
        named.retain(|(id, _)| chosen.contains(id.as_str()));
        for id in &chosen {
            if !named.iter().any(|(n, _)| n == id) {
                named.push(((*id).to_owned(), (*id).to_owned()));
            }
        }
        let criteria = named.into_iter().map(|(id, name)| table(Some(id.into()), name).0).collect();
        let name_of = |id: scoring::JudgeId| {
            judges
                .iter()
                .find(|j| j.id.0 == id.0)
                .map(|j| j.name.clone())
                .unwrap_or_else(|| format!("Judge {}", id.0))
        };
        let judge_agreement: Vec<PairwiseJudgeView> = ranking
            .judges
            .iter()
            .map(|a| PairwiseJudgeView {
                judge: JudgeId(a.judge.0),
                name: name_of(a.judge),
                decisive: a.decisive,
                ties: a.ties,
                agreeing: a.agreeing,
                agreement: a.agreement,
                expected_agreement: a.expected_agreement,
                stands_apart: stands_apart(a),
            })
            .collect();
        let agreement_reading = agreement_reading(&judge_agreement);
        let cut = cut_line(conn, challenge, stage)?.map(|(target, next)| {
            let stability =
                scoring::pairwise_cut_stability(&round_ideas, &comparisons, &Default::default(), target);
            cut_view(&stability, next, &labels, &judges, stage)
        });
        Ok(PairwiseResults {
            challenge,
            stage,
            method,
            judges,
            overall,
            criteria,
            comparisons: held.len() as u32,
            judge_agreement,
            agreement_reading,
            cut,
        })
    }

    /// Writes the round's results to `dest` as CSV or XLSX, for `method` (by default the round's
    /// own): scores give the ranking with each score's and rank's 95% interval (in XLSX also
    /// the judges' severity, the conflicts, the reliability and the single-judge ideas, a sheet
    /// each); pairwise gives the Bradley–Terry ranking (in XLSX overall and per criterion); both
    /// give both (in CSV, the pairwise columns joined onto the scores ranking). Written whole or
    /// not at all; every text cell is neutralised against formula injection.
    pub fn export_results(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
        method: Option<JudgingMethod>,
        format: ExportFormat,
        dest: &Path,
    ) -> Result<ExportSummary, ApiError> {
        let method = match method {
            Some(m) => m,
            None => self.pairwise_settings(challenge, stage)?.method,
        };
        let scores = method.scores().then(|| self.round_results(challenge, stage, rank_by)).transpose()?;
        let pairwise = method.pairwise().then(|| self.pairwise_results(challenge, stage)).transpose()?;
        let tables = ExportTables { scores: scores.as_ref(), pairwise: pairwise.as_ref() };
        let bytes = match format {
            ExportFormat::Csv => results_csv(&tables)?,
            ExportFormat::Xlsx => results_xlsx(&tables)?,
        };
        write_atomically(dest, &bytes)?;
        let ideas = match (&scores, &pairwise) {
            (Some(s), _) => s.rows.len(),
            (None, Some(p)) => p.overall.rows.len(),
            (None, None) => 0,
        };
        Ok(ExportSummary { path: dest.display().to_string(), ideas: ideas as u32 })
    }

    // ----- the meeting

    /// The meeting's discussion list: first the ideas whose place in or out of the cut rests on
    /// a single judge (with the reason in words), then disagreements (widest spread first), then
    /// the ideas within [`BORDERLINE_MARGIN`] places of the cut-off (the next round's target
    /// size), then the rest; with any decision already recorded at this round.
    pub fn discussion_list(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        rank_by: RankBy,
    ) -> Result<Vec<DiscussionRow>, ApiError> {
        let method = self.pairwise_settings(challenge, stage)?.method;
        // A round judged only by pairs may have no rubric, and so no scores' results.
        let results = match self.round_results(challenge, stage, rank_by) {
            Ok(results) => Some(results),
            Err(_) if !method.scores() => None,
            Err(e) => return Err(e),
        };
        // A round judged by pairs has its own cut; a round judged only by pairs has only that
        // ranking to order the agenda by.
        let pairwise = if method.pairwise() { Some(self.pairwise_results(challenge, stage)?) } else { None };
        let store = self.store()?;
        let conn = store.read();
        let rounds = workflow::rounds(conn, challenge)?;
        let cut_off = rounds.next(stage).and_then(|next| rounds.target(next)).unwrap_or(0);
        let rows: HashMap<IdeaId, &ResultRow> =
            results.iter().flat_map(|r| &r.rows).map(|r| (r.idea.id, r)).collect();
        let mut dependencies: Vec<(IdeaId, String)> = results
            .iter()
            .filter_map(|r| r.cut.as_ref())
            .flat_map(|c| &c.dependencies)
            .map(|d| {
                (
                    d.idea.id,
                    if method.pairwise() { format!("On the scores: {}", d.reason) } else { d.reason.clone() },
                )
            })
            .collect();
        if let Some(p) = &pairwise {
            let prefix = if method.scores() { "On the pairs: " } else { "" };
            dependencies.extend(
                p.cut
                    .iter()
                    .flat_map(|c| &c.dependencies)
                    .map(|d| (d.idea.id, format!("{prefix}{}", d.reason))),
            );
        }
        let reasons = |idea: IdeaId| -> Vec<String> {
            dependencies.iter().filter(|(i, _)| *i == idea).map(|(_, r)| r.clone()).collect()
        };
        let items: Vec<(DiscussionItem, RoundIdea, Option<&ResultRow>)> = match (&pairwise, &results) {
            (Some(p), _) if !method.scores() => pairwise_agenda(&p.overall.rows, cut_off)
                .into_iter()
                .map(|(item, idea)| (item, idea, rows.get(&IdeaId(item.idea.0)).copied()))
                .collect(),
            (_, None) => Vec::new(),
            (_, Some(results)) => discussion_order(&results.results, cut_off, BORDERLINE_MARGIN)
                .into_iter()
                .filter_map(|item| {
                    rows.get(&IdeaId(item.idea.0)).map(|row| (item, row.idea.clone(), Some(*row)))
                })
                .collect(),
        };
        let mut list: Vec<DiscussionRow> = items
            .into_iter()
            .map(|(item, idea, row)| {
                let decision =
                    workflow::decisions(conn, idea.id)?.into_iter().rev().find(|d| d.round == stage);
                Ok(DiscussionRow {
                    item,
                    mean: row.and_then(|r| r.mean),
                    normalised_mean: row.and_then(|r| r.normalised_mean),
                    sd: row.and_then(|r| r.sd),
                    decision,
                    single_judge: reasons(idea.id),
                    idea,
                })
            })
            .collect::<Result<_, ApiError>>()?;
        // Ideas whose side of the line rests on one judge first, in the cut's order (by rank);
        // the rest keep the agenda's order. A stable sort keeps both orders.
        let mut first: Vec<IdeaId> = Vec::new();
        for (idea, _) in &dependencies {
            if !first.contains(idea) {
                first.push(*idea);
            }
        }
        list.sort_by_key(|row| first.iter().position(|&i| i == row.idea.id).unwrap_or(usize::MAX));
        Ok(list)
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

/// The bootstrap's seed for a round: the challenge's id in the high bits and the stage's place
/// on the ladder in the low byte. Fixed by the round, so the same round always gets the same
/// intervals (on every machine, and in the pack as on the screen), and two rounds do not share
/// their draws.
pub(crate) fn bootstrap_seed(challenge: ChallengeId, stage: Stage) -> u64 {
    ((challenge.0 as u64) << 8) | stage.step().unwrap_or(0) as u64
}

/// The round's cut: the target of the next stage the challenge uses, and that stage (see
/// [`RoundCut`]); `None` when there is no next stage or it has no target.
fn cut_line(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Option<(u32, Stage)>, ApiError> {
    let rounds = workflow::rounds(conn, challenge)?;
    Ok(rounds.next(stage).and_then(|next| rounds.target(next).map(|target| (target, next))))
}

fn round_labels(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<HashMap<IdeaId, RoundIdea>, ApiError> {
    Ok(judging::round_idea_labels(conn, challenge, stage)?
        .into_iter()
        .map(|(id, reference, title, stage)| {
            (id, RoundIdea { id, reference: Reference(reference), title, stage })
        })
        .collect())
}

/// An idea's label, or its id when it is not in the round's list (a comparison naming an idea
/// that has left the round, say).
fn label(labels: &HashMap<IdeaId, RoundIdea>, idea: IdeaId, stage: Stage) -> RoundIdea {
    labels.get(&idea).cloned().unwrap_or_else(|| RoundIdea {
        id: idea,
        reference: Reference(format!("#{}", idea.0)),
        title: String::new(),
        stage,
    })
}

fn cut_view(
    stability: &scoring::CutStability,
    next_stage: Stage,
    labels: &HashMap<IdeaId, RoundIdea>,
    judges: &[Judge],
    stage: Stage,
) -> RoundCut {
    let target = stability.target;
    let dependencies = stability
        .dependencies
        .iter()
        .map(|d| {
            let judge_name = judges
                .iter()
                .find(|j| j.id.0 == d.judge.0)
                .map(|j| j.name.clone())
                .unwrap_or_else(|| format!("Judge {}", d.judge.0));
            let side = if d.inside { "out of" } else { "in" };
            CutDependencyView {
                idea: label(labels, IdeaId(d.idea.0), stage),
                judge: JudgeId(d.judge.0),
                reason: format!("Without {judge_name} it would be {side} the {target}."),
                judge_name,
                inside: d.inside,
                rank: d.rank,
                rank_without: d.rank_without,
            }
        })
        .collect();
    RoundCut { target, next_stage, dependencies }
}

fn pairwise_rows(
    ranking: &scoring::PairwiseRanking,
    labels: &HashMap<IdeaId, RoundIdea>,
    stage: Stage,
) -> Vec<PairwiseRow> {
    ranking
        .ideas
        .iter()
        .map(|r| PairwiseRow {
            idea: label(labels, IdeaId(r.idea.0), stage),
            rank: if r.tied { format!("{}=", r.rank) } else { r.rank.to_string() },
            strength: r.strength,
            standard_error: r.standard_error,
            low: r.low,
            high: r.high,
            win_probability: r.win_probability,
            comparisons: r.comparisons,
            wins: r.wins,
            ties: r.ties,
            losses: r.losses,
        })
        .collect()
}

/// Whether a judge's agreement with the panel's ranking is well below what a judge sharing
/// the panel's view would show: over at least [`AGREEMENT_MIN_DECISIVE`] decisive choices, more
/// than two binomial standard errors below the expected agreement.
fn stands_apart(a: &scoring::JudgeAgreement) -> bool {
    match (a.agreement, a.expected_agreement) {
        (Some(seen), Some(expected)) if a.decisive >= AGREEMENT_MIN_DECISIVE => {
            let se = (expected * (1.0 - expected) / f64::from(a.decisive)).sqrt();
            seen < expected - 2.0 * se
        }
        _ => false,
    }
}

/// One sentence on how the judges' choices sit with the panel's ranking.
fn agreement_reading(judges: &[PairwiseJudgeView]) -> String {
    let apart: Vec<&PairwiseJudgeView> = judges.iter().filter(|j| j.stands_apart).collect();
    let read = judges.iter().filter(|j| j.decisive >= AGREEMENT_MIN_DECISIVE).count();
    if read < 2 {
        return format!(
            "Too few choices yet to say how far the judges agree (each judge needs {AGREEMENT_MIN_DECISIVE} clear choices)."
        );
    }
    match apart.as_slice() {
        [] => "Every judge's choices fit the panel's ranking about as well as expected.".to_owned(),
        apart => {
            let names: Vec<String> = apart
                .iter()
                .map(|j| {
                    format!(
                        "{} ({} of {} clear choices agree, where about {:.0}% would be expected)",
                        j.name,
                        j.agreeing,
                        j.decisive,
                        100.0 * j.expected_agreement.unwrap_or(0.0)
                    )
                })
                .collect();
            format!(
                "Some choices go against the panel's ranking more often than expected: {}. Worth a conversation; every judge still counts equally.",
                names.join("; ")
            )
        }
    }
}

/// The agenda of a round judged only by pairs: by pairwise rank, the last
/// [`BORDERLINE_MARGIN`] places inside the cut and the first outside it marked borderline and
/// discussed first (pairs have no spread of scores to disagree on).
fn pairwise_agenda(rows: &[PairwiseRow], cut_off: u32) -> Vec<(DiscussionItem, RoundIdea)> {
    let rank_of = |row: &PairwiseRow| row.rank.trim_end_matches('=').parse::<u32>().ok();
    let borderline = |rank: Option<u32>| {
        rank.is_some_and(|r| {
            cut_off > 0 && r + BORDERLINE_MARGIN > cut_off && r <= cut_off + BORDERLINE_MARGIN
        })
    };
    let mut items: Vec<(DiscussionItem, RoundIdea)> = rows
        .iter()
        .map(|row| {
            let rank = rank_of(row);
            let near = borderline(rank);
            let item = DiscussionItem {
                idea: scoring::IdeaId(row.idea.id.0),
                rank,
                reason: if near { DiscussionReason::Borderline } else { DiscussionReason::Other },
                disagreement: false,
                borderline: near,
            };
            (item, row.idea.clone())
        })
        .collect();
    // Borderline first, then the rest; each by rank, as the table lists them.
    items.sort_by_key(|(item, _)| (item.reason, item.rank.unwrap_or(u32::MAX)));
    items
}
