//! What the secretariat finds out about an idea: its screening (`screenings`) and its
//! evaluation (`evaluations`), one of each per idea.
//!
//! An evaluation is read and written whole, so it is kept as one JSON document; the ratings,
//! the recommendation and the count of missing answers are copied into columns beside it so the
//! board and the round overview read them without parsing 200 documents.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shortlist_domain::{
    ChallengeId, Eligibility, Evaluation, IdeaId, Rag, Recommendation, Reference, RoundRow, Screening, Stage,
    UnderWay, ValidScreening,
};

use crate::StoreError;

pub(crate) const M0010_ASSESSMENTS: &str = "
CREATE TABLE screenings (
    idea_id            INTEGER PRIMARY KEY REFERENCES ideas (id),
    eligibility        TEXT    NOT NULL,
    eligibility_reason TEXT    NOT NULL,
    under_way          TEXT    NOT NULL,
    under_way_note     TEXT    NOT NULL,
    under_way_links    TEXT    NOT NULL,
    screened_by        TEXT    NOT NULL,
    screened_at        TEXT    NOT NULL
) STRICT;
CREATE TABLE evaluations (
    idea_id            INTEGER PRIMARY KEY REFERENCES ideas (id),
    document           TEXT    NOT NULL,
    viability          TEXT,
    benefits           TEXT,
    obstacles          TEXT,
    recommendation     TEXT,
    missing            INTEGER NOT NULL,
    updated_by         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
) STRICT;
";

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

pub fn screening(conn: &Connection, idea: IdeaId) -> Result<Option<Screening>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT eligibility, eligibility_reason, under_way, under_way_note, under_way_links, screened_by, screened_at
         FROM screenings WHERE idea_id = ?1",
    )?;
    Ok(stmt
        .query_row([idea.0], |r| {
            let links: String = r.get(4)?;
            Ok(Screening {
                eligibility: Eligibility::from_code(&r.get::<_, String>(0)?).unwrap_or(Eligibility::Eligible),
                eligibility_reason: r.get(1)?,
                under_way: UnderWay::from_code(&r.get::<_, String>(2)?).unwrap_or(UnderWay::NotChecked),
                under_way_note: r.get(3)?,
                under_way_links: serde_json::from_str(&links).unwrap_or_default(),
                screened_by: r.get(5)?,
                screened_at: r.get(6)?,
            })
        })
        .optional()?)
}

/// Records (or replaces) an idea's screening.
pub fn put_screening(
    tx: &Transaction<'_>,
    idea: IdeaId,
    s: &ValidScreening,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let links = serde_json::to_string(&s.under_way_links).map_err(json_error)?;
    tx.prepare_cached(
        "INSERT INTO screenings (idea_id, eligibility, eligibility_reason, under_way, under_way_note,
                                 under_way_links, screened_by, screened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (idea_id) DO UPDATE SET
            eligibility = excluded.eligibility, eligibility_reason = excluded.eligibility_reason,
            under_way = excluded.under_way, under_way_note = excluded.under_way_note,
            under_way_links = excluded.under_way_links, screened_by = excluded.screened_by,
            screened_at = excluded.screened_at",
    )?
    .execute(params![
        idea.0,
        s.eligibility.code(),
        s.eligibility_reason,
        s.under_way.code(),
        s.under_way_note,
        links,
        by,
        at
    ])?;
    Ok(())
}

pub fn evaluation(conn: &Connection, idea: IdeaId) -> Result<Option<Evaluation>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT document, updated_by, updated_at FROM evaluations WHERE idea_id = ?1")?;
    let row = stmt
        .query_row([idea.0], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, DateTime<Utc>>(2)?))
        })
        .optional()?;
    let Some((document, by, at)) = row else { return Ok(None) };
    let mut evaluation: Evaluation = serde_json::from_str(&document).map_err(|e| {
        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })?;
    evaluation.updated_by = Some(by);
    evaluation.updated_at = Some(at);
    Ok(Some(evaluation))
}

/// Records (or replaces) an idea's evaluation.
pub fn put_evaluation(
    tx: &Transaction<'_>,
    idea: IdeaId,
    e: &Evaluation,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let document = serde_json::to_string(&Evaluation { updated_by: None, updated_at: None, ..e.clone() })
        .map_err(json_error)?;
    tx.prepare_cached(
        "INSERT INTO evaluations (idea_id, document, viability, benefits, obstacles, recommendation, missing,
                                  updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (idea_id) DO UPDATE SET
            document = excluded.document, viability = excluded.viability, benefits = excluded.benefits,
            obstacles = excluded.obstacles, recommendation = excluded.recommendation,
            missing = excluded.missing, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )?
    .execute(params![
        idea.0,
        document,
        e.viability.rating.map(Rag::code),
        e.benefits.rating.map(Rag::code),
        e.obstacles.rating.map(Rag::code),
        e.recommendation.map(Recommendation::code),
        e.missing().len() as i64,
        by,
        at
    ])?;
    Ok(())
}

/// The live ideas of a challenge with their assessment at a glance, in reference order;
/// only those at `stage` when given.
pub fn round_rows(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Option<Stage>,
) -> Result<Vec<RoundRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.reference, i.title, i.department, i.stage, s.eligibility,
                e.viability, e.benefits, e.obstacles, e.recommendation, e.missing
         FROM ideas i
         LEFT JOIN screenings s ON s.idea_id = i.id
         LEFT JOIN evaluations e ON e.idea_id = i.id
         WHERE i.challenge_id = ?1 AND i.merged_into IS NULL AND (?2 IS NULL OR i.stage = ?2)
         ORDER BY i.reference",
    )?;
    let rag = |v: Option<String>| v.as_deref().and_then(Rag::from_code);
    let rows = stmt.query_map(params![challenge.0, stage.map(Stage::code)], |r| {
        let missing: Option<i64> = r.get(10)?;
        Ok(RoundRow {
            id: IdeaId(r.get(0)?),
            reference: Reference(r.get(1)?),
            title: r.get(2)?,
            department: r.get(3)?,
            stage: Stage::from_code(&r.get::<_, String>(4)?).unwrap_or(Stage::Submitted),
            eligibility: r.get::<_, Option<String>>(5)?.as_deref().and_then(Eligibility::from_code),
            viability: rag(r.get(6)?),
            benefits: rag(r.get(7)?),
            obstacles: rag(r.get(8)?),
            recommendation: r.get::<_, Option<String>>(9)?.as_deref().and_then(Recommendation::from_code),
            evaluated: missing.is_some(),
            missing: missing.unwrap_or(0) as u32,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
