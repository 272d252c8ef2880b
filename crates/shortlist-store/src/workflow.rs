//! How ideas move: a challenge's rounds (`challenge_rounds`), every stage move
//! (`stage_moves`) and the panel's decisions (`decisions`). Moves and decisions are only ever
//! added, never changed.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shortlist_domain::{ChallengeId, Decision, DecisionKind, IdeaId, RoundSetting, Rounds, Stage};

use crate::StoreError;

pub(crate) const M0009_WORKFLOW: &str = "
CREATE TABLE challenge_rounds (
    challenge_id INTEGER NOT NULL REFERENCES challenges (id),
    stage        TEXT    NOT NULL,
    used         INTEGER NOT NULL,
    target       INTEGER,
    PRIMARY KEY (challenge_id, stage)
) STRICT;
CREATE TABLE stage_moves (
    id           INTEGER PRIMARY KEY,
    idea_id      INTEGER NOT NULL REFERENCES ideas (id),
    from_stage   TEXT    NOT NULL,
    to_stage     TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    over_target  INTEGER NOT NULL,
    moved_at     TEXT    NOT NULL,
    moved_by     TEXT    NOT NULL
) STRICT;
CREATE INDEX stage_moves_by_idea ON stage_moves (idea_id, id);
CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    idea_id      INTEGER NOT NULL REFERENCES ideas (id),
    round        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    reasons      TEXT    NOT NULL,
    decided_on   TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX decisions_by_idea ON decisions (idea_id, id);
";

fn stage(code: String) -> Stage {
    // Codes are written only by this crate from `Stage::code`, so an unknown one means a newer
    // version wrote it, which `open` refuses; Submitted is the harmless reading.
    Stage::from_code(&code).unwrap_or(Stage::Submitted)
}

/// A challenge's rounds: the stored settings over the 2021 default.
pub fn rounds(conn: &Connection, challenge: ChallengeId) -> Result<Rounds, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT stage, used, target FROM challenge_rounds WHERE challenge_id = ?1")?;
    let given = stmt
        .query_map([challenge.0], |r| {
            Ok(RoundSetting { stage: stage(r.get(0)?), used: r.get(1)?, target: r.get(2)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Rounds::normalised(&given))
}

/// Replaces a challenge's round settings.
pub fn set_rounds(tx: &Transaction<'_>, challenge: ChallengeId, rounds: &Rounds) -> Result<(), StoreError> {
    tx.execute("DELETE FROM challenge_rounds WHERE challenge_id = ?1", [challenge.0])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO challenge_rounds (challenge_id, stage, used, target) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in &rounds.stages {
        insert.execute(params![challenge.0, s.stage.code(), s.used, s.target])?;
    }
    Ok(())
}

/// How many live (not merged) ideas of a challenge are at `stage`.
pub fn count_at(conn: &Connection, challenge: ChallengeId, stage: Stage) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM ideas WHERE challenge_id = ?1 AND stage = ?2 AND merged_into IS NULL",
        )?
        .query_row(params![challenge.0, stage.code()], |r| r.get::<_, i64>(0))? as usize)
}

/// One move, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub idea: IdeaId,
    pub from: Stage,
    pub to: Stage,
    pub reason: String,
    pub over_target: bool,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// Moves an idea and logs the move. The caller has checked the rules. An idea leaving a round
/// being scored stays one of its ideas ([`crate::judging::keep_in_round`]).
pub fn apply_move(tx: &Transaction<'_>, m: &Move) -> Result<(), StoreError> {
    crate::judging::keep_in_round(tx, m.idea)?;
    let changed = tx
        .prepare_cached("UPDATE ideas SET stage = ?2, updated_at = ?3 WHERE id = ?1 AND stage = ?4")?
        .execute(params![m.idea.0, m.to.code(), m.at, m.from.code()])?;
    if changed != 1 {
        return Err(StoreError::NotFound { what: format!("Idea {} at {}", m.idea.0, m.from.label()) });
    }
    tx.prepare_cached(
        "INSERT INTO stage_moves (idea_id, from_stage, to_stage, reason, over_target, moved_at, moved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![m.idea.0, m.from.code(), m.to.code(), m.reason, m.over_target, m.at, m.by])?;
    Ok(())
}

/// Every move of an idea, oldest first.
pub fn moves(conn: &Connection, idea: IdeaId) -> Result<Vec<Move>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_stage, to_stage, reason, over_target, moved_at, moved_by
         FROM stage_moves WHERE idea_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([idea.0], |r| {
        Ok(Move {
            idea,
            from: stage(r.get(0)?),
            to: stage(r.get(1)?),
            reason: r.get(2)?,
            over_target: r.get(3)?,
            at: r.get(4)?,
            by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The stage an idea was at before its latest move: for an idea that has left, where it left from.
pub fn left_from(conn: &Connection, idea: IdeaId) -> Result<Option<Stage>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT from_stage FROM stage_moves WHERE idea_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([idea.0], |r| r.get::<_, String>(0))
        .optional()?
        .map(stage))
}

/// For every idea of a challenge that has moved, the stage it was at before its latest move:
/// [`left_from`] for all of them in one query (the closing reports read every idea).
pub fn left_from_all(
    conn: &Connection,
    challenge: ChallengeId,
) -> Result<std::collections::HashMap<IdeaId, Stage>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.idea_id, m.from_stage FROM stage_moves m
         WHERE m.id IN (SELECT max(s.id) FROM stage_moves s JOIN ideas i ON i.id = s.idea_id
                        WHERE i.challenge_id = ?1 GROUP BY s.idea_id)",
    )?;
    let rows = stmt.query_map([challenge.0], |r| Ok((IdeaId(r.get(0)?), stage(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a panel decision.
pub fn record_decision(tx: &Transaction<'_>, idea: IdeaId, d: &Decision) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO decisions (idea_id, round, kind, reasons, decided_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        idea.0,
        d.round.code(),
        d.kind.code(),
        d.reasons,
        d.decided_on,
        d.recorded_by,
        d.recorded_at
    ])?;
    Ok(())
}

/// An idea's decisions, oldest first.
pub fn decisions(conn: &Connection, idea: IdeaId) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT round, kind, reasons, decided_on, recorded_by, recorded_at
         FROM decisions WHERE idea_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([idea.0], |r| {
        let kind: String = r.get(1)?;
        Ok(Decision {
            round: stage(r.get(0)?),
            kind: DecisionKind::from_code(&kind).unwrap_or(DecisionKind::NotProgress),
            reasons: r.get(2)?,
            decided_on: r.get::<_, NaiveDate>(3)?,
            recorded_by: r.get(4)?,
            recorded_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
