//! The `idea_changes` table: the timeline of every idea. Rows are only ever added.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use shortlist_domain::{ChangeKind, IdeaChange, IdeaId};

use crate::StoreError;

pub(crate) const M0004_CHANGES: &str = "
CREATE TABLE idea_changes (
    id         INTEGER PRIMARY KEY,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id),
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT,
    note       TEXT
) STRICT;
CREATE INDEX idea_changes_by_idea ON idea_changes (idea_id, id);
";

/// Appends one entry to an idea's timeline.
pub fn record(tx: &Transaction<'_>, idea: IdeaId, change: &IdeaChange) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO idea_changes (idea_id, changed_at, changed_by, kind, field, old_value, new_value, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        idea.0,
        change.at,
        change.by,
        change.kind.code(),
        change.field,
        change.old_value,
        change.new_value,
        change.note
    ])?;
    Ok(())
}

/// An idea's timeline, newest first.
pub fn for_idea(conn: &Connection, idea: IdeaId) -> Result<Vec<IdeaChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT changed_at, changed_by, kind, field, old_value, new_value, note
         FROM idea_changes WHERE idea_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([idea.0], |r| {
        let kind: String = r.get(2)?;
        Ok(IdeaChange {
            at: r.get::<_, DateTime<Utc>>(0)?,
            by: r.get(1)?,
            kind: ChangeKind::from_code(&kind).unwrap_or(ChangeKind::Edited),
            field: r.get(3)?,
            old_value: r.get(4)?,
            new_value: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rewrites the old and new values and the notes of every timeline entry of `idea` with
/// `rewrite`: how an erasure of personal data reaches the history too.
pub fn rewrite(
    tx: &Transaction<'_>,
    idea: IdeaId,
    rewrite: &dyn Fn(&str) -> String,
) -> Result<(), StoreError> {
    let mut stmt =
        tx.prepare_cached("SELECT id, old_value, new_value, note FROM idea_changes WHERE idea_id = ?1")?;
    type Values = (i64, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Values> = stmt
        .query_map([idea.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut update =
        tx.prepare_cached("UPDATE idea_changes SET old_value = ?2, new_value = ?3, note = ?4 WHERE id = ?1")?;
    for (id, old, new, note) in rows {
        let (o, n, t) =
            (old.as_deref().map(rewrite), new.as_deref().map(rewrite), note.as_deref().map(rewrite));
        if o != old || n != new || t != note {
            update.execute(params![id, o, n, t])?;
        }
    }
    Ok(())
}
