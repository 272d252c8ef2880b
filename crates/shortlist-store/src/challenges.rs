//! The `challenges` table: one row per challenge, with the counter that numbers its ideas.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use shortlist_domain::{Challenge, ChallengeId, Marking, ValidChallenge};

use crate::StoreError;

/// `next_idea_number` is never decremented, so a reference is never given twice even if ideas
/// are later removed.
pub(crate) const M0001_CREATE: &str = "
CREATE TABLE challenges (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL,
    year             INTEGER NOT NULL,
    closing_date     TEXT    NOT NULL,
    marking          TEXT    NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'NONE')),
    reference_prefix TEXT    NOT NULL UNIQUE,
    next_idea_number INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL
) STRICT;
";

const COLUMNS: &str = "id, name, year, closing_date, marking, reference_prefix, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Challenge> {
    let marking: String = row.get(4)?;
    Ok(Challenge {
        id: ChallengeId(row.get(0)?),
        name: row.get(1)?,
        year: row.get(2)?,
        closing_date: row.get(3)?,
        // The CHECK constraint keeps unknown codes out; should one appear, show it as the stricter
        // common marking rather than as unmarked.
        marking: Marking::from_code(&marking).unwrap_or(Marking::Official),
        reference_prefix: row.get(5)?,
        created_at: row.get(6)?,
    })
}

/// Every challenge, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Challenge>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM challenges ORDER BY created_at DESC, id DESC"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: ChallengeId) -> Result<Challenge, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM challenges WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Challenge {}", id.0) })
}

/// The challenge whose ideas' references begin with `prefix`, if any.
pub fn find_by_prefix(conn: &Connection, prefix: &str) -> Result<Option<Challenge>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM challenges WHERE reference_prefix = ?1"),
            [prefix],
            from_row,
        )
        .optional()?)
}

pub fn insert(
    tx: &Transaction<'_>,
    challenge: &ValidChallenge,
    now: DateTime<Utc>,
) -> Result<Challenge, StoreError> {
    tx.execute(
        "INSERT INTO challenges (name, year, closing_date, marking, reference_prefix, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            challenge.name,
            challenge.year,
            challenge.closing_date,
            challenge.marking.code(),
            challenge.reference_prefix,
            now
        ],
    )?;
    get(tx, ChallengeId(tx.last_insert_rowid()))
}

/// Takes the next idea number of a challenge, for a new reference.
pub(crate) fn take_idea_number(tx: &Transaction<'_>, id: ChallengeId) -> Result<(String, i64), StoreError> {
    take_idea_numbers(tx, id, 1)
}

/// Reserves `count` consecutive idea numbers in one statement: the prefix and the first number.
/// An import takes all of its numbers at once rather than updating the counter row per idea.
pub(crate) fn take_idea_numbers(
    tx: &Transaction<'_>,
    id: ChallengeId,
    count: i64,
) -> Result<(String, i64), StoreError> {
    tx.prepare_cached(
        "UPDATE challenges SET next_idea_number = next_idea_number + ?2 WHERE id = ?1
         RETURNING reference_prefix, next_idea_number - ?2",
    )?
    .query_row(params![id.0, count], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .ok_or_else(|| StoreError::NotFound { what: format!("Challenge {}", id.0) })
}
