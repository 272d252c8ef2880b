//! Import bookkeeping: the column mapping remembered per form (`import_mappings`) and the
//! duplicate flags raised for a person to settle (`duplicate_flags`).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shortlist_domain::IdeaId;

use crate::StoreError;

/// Keyed by the form's signature (its questions), not the challenge: next year's run of the
/// same form maps the same way.
pub(crate) const M0007_MAPPINGS: &str = "
CREATE TABLE import_mappings (
    signature  TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
";

/// A pair of ideas that look like duplicates. `idea_id` is the later one. Flags are never
/// deleted: settling one records the decision.
pub(crate) const M0008_DUPLICATES: &str = "
CREATE TABLE duplicate_flags (
    id          INTEGER PRIMARY KEY,
    idea_id     INTEGER NOT NULL REFERENCES ideas (id),
    other_id    INTEGER NOT NULL REFERENCES ideas (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('exact', 'near')),
    score       REAL    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'merged')),
    created_at  TEXT    NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    UNIQUE (idea_id, other_id)
) STRICT;
CREATE INDEX duplicate_flags_open ON duplicate_flags (status, idea_id);
";

/// The mapping last used for this form, as the JSON the app stored.
pub fn mapping(conn: &Connection, signature: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT mapping FROM import_mappings WHERE signature = ?1", [signature], |r| r.get(0))
        .optional()?)
}

pub fn remember_mapping(
    tx: &Transaction<'_>,
    signature: &str,
    mapping_json: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO import_mappings (signature, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        params![signature, mapping_json, now],
    )?;
    Ok(())
}

/// Whether a pair is the same submitter and title (`Exact`) or similar wording (`Near`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    Exact,
    Near,
}

impl DuplicateKind {
    fn code(self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        }
    }
}

/// A flag as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateFlag {
    pub id: i64,
    pub idea: IdeaId,
    pub other: IdeaId,
    pub kind: DuplicateKind,
    pub score: f64,
    pub status: String,
}

pub fn flag(
    tx: &Transaction<'_>,
    idea: IdeaId,
    other: IdeaId,
    kind: DuplicateKind,
    score: f64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO duplicate_flags (idea_id, other_id, kind, score, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![idea.0, other.0, kind.code(), score, now])?;
    Ok(())
}

/// Every open flag among a challenge's ideas.
pub fn open_flags(
    conn: &Connection,
    challenge: shortlist_domain::ChallengeId,
) -> Result<Vec<DuplicateFlag>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.idea_id, f.other_id, f.kind, f.score, f.status FROM duplicate_flags f
         JOIN ideas i ON i.id = f.idea_id
         WHERE f.status = 'open' AND i.challenge_id = ?1 ORDER BY f.score DESC, f.id",
    )?;
    let rows = stmt.query_map([challenge.0], flag_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn flag_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DuplicateFlag> {
    let kind: String = r.get(3)?;
    Ok(DuplicateFlag {
        id: r.get(0)?,
        idea: IdeaId(r.get(1)?),
        other: IdeaId(r.get(2)?),
        kind: if kind == "exact" { DuplicateKind::Exact } else { DuplicateKind::Near },
        score: r.get(4)?,
        status: r.get(5)?,
    })
}

/// Settles a flag as `kept` (both stay) or `merged`.
pub fn resolve(
    tx: &Transaction<'_>,
    flag_id: i64,
    status: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = tx.execute(
        "UPDATE duplicate_flags SET status = ?2, resolved_by = ?3, resolved_at = ?4 WHERE id = ?1 AND status = 'open'",
        params![flag_id, status, by, now],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound { what: format!("Open duplicate flag {flag_id}") });
    }
    Ok(())
}
