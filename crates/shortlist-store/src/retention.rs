//! The `challenge_retention` table: how long a challenge's personal data is kept, and when it
//! was erased.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shortlist_domain::ChallengeId;

use crate::StoreError;

pub(crate) const M0019_RETENTION: &str = "
CREATE TABLE challenge_retention (
    challenge_id INTEGER PRIMARY KEY REFERENCES challenges (id),
    retain_until TEXT,
    erased_at    TEXT,
    erased_how   TEXT
) STRICT;
";

/// A challenge's retention date and erasure, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Retention {
    pub retain_until: Option<NaiveDate>,
    pub erased_at: Option<DateTime<Utc>>,
    /// `erased` or `anonymised`.
    pub erased_how: Option<String>,
}

pub fn get(conn: &Connection, challenge: ChallengeId) -> Result<Retention, StoreError> {
    Ok(conn
        .query_row(
            "SELECT retain_until, erased_at, erased_how FROM challenge_retention WHERE challenge_id = ?1",
            [challenge.0],
            |r| Ok(Retention { retain_until: r.get(0)?, erased_at: r.get(1)?, erased_how: r.get(2)? }),
        )
        .optional()?
        .unwrap_or_default())
}

pub fn set_retain_until(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    until: Option<NaiveDate>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO challenge_retention (challenge_id, retain_until) VALUES (?1, ?2)
         ON CONFLICT (challenge_id) DO UPDATE SET retain_until = excluded.retain_until",
        params![challenge.0, until],
    )?;
    Ok(())
}

pub fn mark_erased(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    at: DateTime<Utc>,
    how: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO challenge_retention (challenge_id, erased_at, erased_how) VALUES (?1, ?2, ?3)
         ON CONFLICT (challenge_id) DO UPDATE SET erased_at = excluded.erased_at, erased_how = excluded.erased_how",
        params![challenge.0, at, how],
    )?;
    Ok(())
}
