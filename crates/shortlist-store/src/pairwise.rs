//! Pairwise rounds (issue #17): each round's judging method and pairwise settings (columns on
//! `round_panels`), the pairs planned for each judge (`pair_schedule`, planned when the bundles
//! are made so the plan travels with them), and the judges' `comparisons`.
//!
//! A comparison is keyed by round, judge, the pair as shown (left, right) and criterion (empty
//! for the overall choice), so saving it again is an update of the same comparison with its
//! revision one higher. `merged_revision` plays the part it plays for scores: the judge's
//! revision last merged from a return, so a later change here (keyed in by the secretariat)
//! is told apart from the judge's own.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use shortlist_domain::{
    ChallengeId, Comparison, IdeaId, JudgeId, JudgingMethod, PairChoice, PairwiseSettings, PlannedPair,
    Stage, ValidComparison,
};

use crate::judging::ensure_panel;
use crate::StoreError;

pub(crate) const M0022_PAIRWISE: &str = "
ALTER TABLE round_panels ADD COLUMN method TEXT NOT NULL DEFAULT 'scores'
    CHECK (method IN ('scores', 'pairwise', 'both'));
ALTER TABLE round_panels ADD COLUMN pairs_per_judge INTEGER NOT NULL DEFAULT 0;
ALTER TABLE round_panels ADD COLUMN pairs_per_criterion INTEGER NOT NULL DEFAULT 0;
CREATE TABLE pair_schedule (
    challenge_id  INTEGER NOT NULL,
    stage         TEXT    NOT NULL,
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    position      INTEGER NOT NULL,
    left_idea_id  INTEGER NOT NULL REFERENCES ideas (id),
    right_idea_id INTEGER NOT NULL REFERENCES ideas (id),
    PRIMARY KEY (challenge_id, stage, judge_id, position),
    FOREIGN KEY (challenge_id, stage) REFERENCES round_panels (challenge_id, stage)
) STRICT;
CREATE TABLE comparisons (
    id              INTEGER PRIMARY KEY,
    challenge_id    INTEGER NOT NULL,
    stage           TEXT    NOT NULL,
    judge_id        INTEGER NOT NULL REFERENCES judges (id),
    left_idea_id    INTEGER NOT NULL REFERENCES ideas (id),
    right_idea_id   INTEGER NOT NULL REFERENCES ideas (id),
    criterion       TEXT    NOT NULL,
    choice          TEXT    NOT NULL CHECK (choice IN ('left', 'right', 'tie')),
    comment         TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    merged_revision INTEGER,
    updated_at      TEXT    NOT NULL,
    updated_by      TEXT    NOT NULL,
    UNIQUE (challenge_id, stage, judge_id, left_idea_id, right_idea_id, criterion),
    FOREIGN KEY (challenge_id, stage) REFERENCES round_panels (challenge_id, stage)
) STRICT;
";

// ----- settings

/// The round's method and pairwise settings; the defaults when the round has no panel yet.
pub fn settings(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<PairwiseSettings, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT method, pairs_per_judge, pairs_per_criterion FROM round_panels
             WHERE challenge_id = ?1 AND stage = ?2",
        )?
        .query_row(params![challenge.0, stage.code()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, bool>(2)?))
        })
        .optional()?;
    Ok(match row {
        None => PairwiseSettings::default(),
        Some((method, pairs_per_judge, per_criterion)) => PairwiseSettings {
            // The CHECK constraint keeps other codes out.
            method: JudgingMethod::from_code(&method).unwrap_or(JudgingMethod::Scores),
            pairs_per_judge,
            per_criterion,
        },
    })
}

/// Saves the round's method and pairwise settings.
pub fn put_settings(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    settings: &PairwiseSettings,
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached(
        "UPDATE round_panels SET method = ?3, pairs_per_judge = ?4, pairs_per_criterion = ?5
         WHERE challenge_id = ?1 AND stage = ?2",
    )?
    .execute(params![
        challenge.0,
        stage.code(),
        settings.method.code(),
        settings.pairs_per_judge,
        settings.per_criterion
    ])?;
    Ok(())
}

// ----- the schedule

fn planned_from_row(r: &Row<'_>) -> rusqlite::Result<PlannedPair> {
    Ok(PlannedPair {
        judge: JudgeId(r.get(0)?),
        position: r.get(1)?,
        left: IdeaId(r.get(2)?),
        right: IdeaId(r.get(3)?),
    })
}

/// The round's planned pairs, by judge and position; empty until planned.
pub fn schedule(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<PlannedPair>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, position, left_idea_id, right_idea_id FROM pair_schedule
         WHERE challenge_id = ?1 AND stage = ?2 ORDER BY judge_id, position",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], planned_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One judge's planned pairs, in order.
pub fn schedule_for(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    judge: JudgeId,
) -> Result<Vec<PlannedPair>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, position, left_idea_id, right_idea_id FROM pair_schedule
         WHERE challenge_id = ?1 AND stage = ?2 AND judge_id = ?3 ORDER BY position",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code(), judge.0], planned_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces one judge's planned pairs (in the order given; positions are renumbered from 0).
pub fn put_schedule_for(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    judge: JudgeId,
    pairs: &[(IdeaId, IdeaId)],
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached("DELETE FROM pair_schedule WHERE challenge_id = ?1 AND stage = ?2 AND judge_id = ?3")?
        .execute(params![challenge.0, stage.code(), judge.0])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO pair_schedule (challenge_id, stage, judge_id, position, left_idea_id, right_idea_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, (left, right)) in pairs.iter().enumerate() {
        insert.execute(params![challenge.0, stage.code(), judge.0, position as i64, left.0, right.0])?;
    }
    Ok(())
}

/// Forgets the round's whole plan.
pub fn clear_schedule(tx: &Transaction<'_>, challenge: ChallengeId, stage: Stage) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM pair_schedule WHERE challenge_id = ?1 AND stage = ?2")?
        .execute(params![challenge.0, stage.code()])?;
    Ok(())
}

// ----- comparisons

const COMPARISON_COLUMNS: &str =
    "judge_id, left_idea_id, right_idea_id, criterion, choice, comment, revision, updated_at, updated_by";

fn comparison_from_row(r: &Row<'_>) -> rusqlite::Result<Comparison> {
    let choice: String = r.get(4)?;
    Ok(Comparison {
        judge: JudgeId(r.get(0)?),
        left: IdeaId(r.get(1)?),
        right: IdeaId(r.get(2)?),
        criterion: r.get(3)?,
        // The CHECK constraint keeps other codes out.
        choice: PairChoice::from_code(&choice).unwrap_or(PairChoice::CannotSeparate),
        comment: r.get(5)?,
        revision: r.get(6)?,
        updated_at: r.get(7)?,
        updated_by: r.get(8)?,
    })
}

/// Every comparison of the round, by judge, pair and criterion.
pub fn comparisons(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<Comparison>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COMPARISON_COLUMNS} FROM comparisons WHERE challenge_id = ?1 AND stage = ?2
         ORDER BY judge_id, left_idea_id, right_idea_id, criterion"
    ))?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], comparison_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One judge's comparisons in the round.
pub fn comparisons_by(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    judge: JudgeId,
) -> Result<Vec<Comparison>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COMPARISON_COLUMNS} FROM comparisons WHERE challenge_id = ?1 AND stage = ?2 AND judge_id = ?3
         ORDER BY left_idea_id, right_idea_id, criterion"
    ))?;
    let rows = stmt.query_map(params![challenge.0, stage.code(), judge.0], comparison_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Saves a comparison: a new one at revision 1, or a change with its revision one higher. An
/// unchanged comparison is left as it is. Returns whether anything changed.
pub fn put_comparison(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    comparison: &ValidComparison,
    now: DateTime<Utc>,
    by: &str,
) -> Result<bool, StoreError> {
    ensure_panel(tx, challenge, stage)?;
    let changed = tx
        .prepare_cached(
            "INSERT INTO comparisons (challenge_id, stage, judge_id, left_idea_id, right_idea_id, criterion,
                                      choice, comment, revision, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10)
             ON CONFLICT (challenge_id, stage, judge_id, left_idea_id, right_idea_id, criterion) DO UPDATE SET
                 choice = excluded.choice, comment = excluded.comment, revision = revision + 1,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by
             WHERE choice <> excluded.choice OR comment <> excluded.comment",
        )?
        .execute(params![
            challenge.0,
            stage.code(),
            comparison.judge.0,
            comparison.left.0,
            comparison.right.0,
            comparison.criterion,
            comparison.choice.code(),
            comparison.comment,
            now,
            by
        ])?;
    Ok(changed > 0)
}

/// A comparison with the judge revision last merged into it, for the exchange's merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldComparison {
    pub comparison: Comparison,
    /// `None` when it was keyed here before any return carried it.
    pub merged_revision: Option<u32>,
}

/// One judge's comparisons in the round with their merged revisions: a return merges into its
/// own judge's choices only.
pub fn held_comparisons(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    judge: JudgeId,
) -> Result<Vec<HeldComparison>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COMPARISON_COLUMNS}, merged_revision FROM comparisons
         WHERE challenge_id = ?1 AND stage = ?2 AND judge_id = ?3"
    ))?;
    let rows = stmt.query_map(params![challenge.0, stage.code(), judge.0], |r| {
        Ok(HeldComparison { comparison: comparison_from_row(r)?, merged_revision: r.get(9)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes a judge's comparison from a return at the judge's revision, as merged.
pub fn merge_comparison(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    comparison: &ValidComparison,
    revision: u32,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached(
        "INSERT INTO comparisons (challenge_id, stage, judge_id, left_idea_id, right_idea_id, criterion,
                                  choice, comment, revision, merged_revision, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)
         ON CONFLICT (challenge_id, stage, judge_id, left_idea_id, right_idea_id, criterion) DO UPDATE SET
             choice = excluded.choice, comment = excluded.comment, revision = excluded.revision,
             merged_revision = excluded.merged_revision, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by",
    )?
    .execute(params![
        challenge.0,
        stage.code(),
        comparison.judge.0,
        comparison.left.0,
        comparison.right.0,
        comparison.criterion,
        comparison.choice.code(),
        comparison.comment,
        revision,
        at,
        by
    ])?;
    Ok(())
}
