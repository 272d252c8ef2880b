//! The `ideas` table: the register of ideas sent in to each challenge.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use shortlist_domain::{ChallengeId, Idea, IdeaId, IdeaSummary, Reference, ValidIdea};

use crate::{challenges, StoreError};

pub(crate) const M0002_CREATE: &str = "
CREATE TABLE ideas (
    id             INTEGER PRIMARY KEY,
    challenge_id   INTEGER NOT NULL REFERENCES challenges (id),
    reference      TEXT    NOT NULL UNIQUE,
    title          TEXT    NOT NULL,
    summary        TEXT    NOT NULL,
    submitter_name TEXT    NOT NULL,
    department     TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX ideas_by_challenge ON ideas (challenge_id, reference);
";

const COLUMNS: &str =
    "id, challenge_id, reference, title, summary, submitter_name, department, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Idea> {
    Ok(Idea {
        id: IdeaId(row.get(0)?),
        challenge_id: ChallengeId(row.get(1)?),
        reference: Reference(row.get(2)?),
        title: row.get(3)?,
        summary: row.get(4)?,
        submitter_name: row.get(5)?,
        department: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

/// A challenge's ideas in reference order, without their long text.
pub fn list(conn: &Connection, challenge: ChallengeId) -> Result<Vec<IdeaSummary>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, reference, title, submitter_name, department, updated_at
         FROM ideas WHERE challenge_id = ?1 ORDER BY reference",
    )?;
    let rows = stmt.query_map([challenge.0], |r| {
        Ok(IdeaSummary {
            id: IdeaId(r.get(0)?),
            reference: Reference(r.get(1)?),
            title: r.get(2)?,
            submitter_name: r.get(3)?,
            department: r.get(4)?,
            updated_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection, challenge: ChallengeId) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM ideas WHERE challenge_id = ?1", [challenge.0], |r| r.get(0))?)
}

pub fn get(conn: &Connection, id: IdeaId) -> Result<Idea, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM ideas WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Idea {}", id.0) })
}

pub fn get_by_reference(conn: &Connection, reference: &str) -> Result<Idea, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM ideas WHERE reference = ?1"), [reference], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Idea {reference}") })
}

/// Adds an idea with the challenge's next reference.
pub fn insert(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    idea: &ValidIdea,
    now: DateTime<Utc>,
) -> Result<Idea, StoreError> {
    let (prefix, number) = challenges::take_idea_number(tx, challenge)?;
    tx.execute(
        "INSERT INTO ideas (challenge_id, reference, title, summary, submitter_name, department, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            challenge.0,
            Reference::new(&prefix, number).0,
            idea.title,
            idea.summary,
            idea.submitter_name,
            idea.department,
            now
        ],
    )?;
    get(tx, IdeaId(tx.last_insert_rowid()))
}

/// Replaces an idea's editable fields; its reference and creation time never change.
pub fn update(
    tx: &Transaction<'_>,
    id: IdeaId,
    idea: &ValidIdea,
    now: DateTime<Utc>,
) -> Result<Idea, StoreError> {
    let changed = tx.execute(
        "UPDATE ideas SET title = ?2, summary = ?3, submitter_name = ?4, department = ?5, updated_at = ?6
         WHERE id = ?1",
        params![id.0, idea.title, idea.summary, idea.submitter_name, idea.department, now],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound { what: format!("Idea {}", id.0) });
    }
    get(tx, id)
}
