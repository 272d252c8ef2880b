//! Closing a challenge (issue #18): the secretariat's written feedback for each idea
//! (`idea_feedback`, used by the outcome letters) and each challenge's closing settings
//! (`closing_settings`: the letters' templates and sender, the report's suppression threshold),
//! kept as one JSON document the app reads and checks, because they are only ever read and
//! saved whole.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shortlist_domain::{ChallengeId, IdeaId};

use crate::StoreError;

pub(crate) const M0021_CLOSING: &str = "
CREATE TABLE idea_feedback (
    idea_id    INTEGER PRIMARY KEY REFERENCES ideas (id),
    feedback   TEXT    NOT NULL,
    written_by TEXT    NOT NULL,
    written_at TEXT    NOT NULL
) STRICT;
CREATE TABLE closing_settings (
    challenge_id INTEGER PRIMARY KEY REFERENCES challenges (id),
    settings     TEXT    NOT NULL
) STRICT;
";

/// The feedback written for an idea; empty when none.
pub fn feedback(conn: &Connection, idea: IdeaId) -> Result<String, StoreError> {
    Ok(conn
        .prepare_cached("SELECT feedback FROM idea_feedback WHERE idea_id = ?1")?
        .query_row([idea.0], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// Every idea of a challenge that has feedback, with it.
pub fn feedback_for_challenge(
    conn: &Connection,
    challenge: ChallengeId,
) -> Result<Vec<(IdeaId, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.idea_id, f.feedback FROM idea_feedback f JOIN ideas i ON i.id = f.idea_id
         WHERE i.challenge_id = ?1",
    )?;
    let rows = stmt.query_map([challenge.0], |r| Ok((IdeaId(r.get(0)?), r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces an idea's feedback; an empty text removes it.
pub fn set_feedback(
    tx: &Transaction<'_>,
    idea: IdeaId,
    feedback: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    if feedback.is_empty() {
        tx.execute("DELETE FROM idea_feedback WHERE idea_id = ?1", [idea.0])?;
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO idea_feedback (idea_id, feedback, written_by, written_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (idea_id) DO UPDATE SET feedback = excluded.feedback, written_by = excluded.written_by,
             written_at = excluded.written_at",
    )?
    .execute(params![idea.0, feedback, by, at])?;
    Ok(())
}

/// A challenge's closing settings as saved (JSON), or `None` before they are first saved.
pub fn settings(conn: &Connection, challenge: ChallengeId) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT settings FROM closing_settings WHERE challenge_id = ?1")?
        .query_row([challenge.0], |r| r.get(0))
        .optional()?)
}

pub fn set_settings(tx: &Transaction<'_>, challenge: ChallengeId, json: &str) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO closing_settings (challenge_id, settings) VALUES (?1, ?2)
         ON CONFLICT (challenge_id) DO UPDATE SET settings = excluded.settings",
    )?
    .execute(params![challenge.0, json])?;
    Ok(())
}

/// Rewrites an idea's feedback text with `rewrite` (an erasure of personal data), keeping who
/// wrote it and when. Returns whether there was any.
pub fn rewrite_feedback(
    tx: &Transaction<'_>,
    idea: IdeaId,
    rewrite: &dyn Fn(&str) -> String,
) -> Result<bool, StoreError> {
    let text = feedback(tx, idea)?;
    if text.is_empty() {
        return Ok(false);
    }
    let new = rewrite(&text);
    if new != text {
        tx.execute("UPDATE idea_feedback SET feedback = ?2 WHERE idea_id = ?1", params![idea.0, new])?;
    }
    Ok(true)
}
