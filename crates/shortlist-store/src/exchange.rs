//! The offline exchange's tables, on both sides of it.
//!
//! Secretariat side: `judge_keys` (each judge's enrolled public key), `score_returns` (the log of
//! imported returns, one row per return file, which is what makes a second import of the same
//! file change nothing), `score_conflicts` (a returned score the secretariat had changed, kept
//! for a person to settle) and `scores.merged_revision` (the judge's revision last merged into a
//! score; see [`ScoreRow`] for the rule it supports).
//!
//! Judge side: `received_bundles` (each bundle opened, with its sender and signing time) and
//! `remote_ids` (the secretariat's ids for the judge's local copies of the challenge, its ideas
//! and the judge, so a return names what the secretariat knows).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shortlist_domain::{ChallengeId, IdeaId, JudgeId, RubricVersionId, Stage};

use crate::StoreError;

/// Appended after `ideas::M0013_REGISTER_INDEX`.
///
/// `scores.merged_revision` is NULL for a score never merged from a return (typed in by the
/// secretariat) and otherwise the judge's revision merged last; merging sets both `revision`
/// and `merged_revision` to the judge's revision, so a later local edit (which raises
/// `revision`) leaves them different.
pub(crate) const M0014_EXCHANGE: &str = "
CREATE TABLE judge_keys (
    judge_id      INTEGER PRIMARY KEY REFERENCES judges (id),
    public_key    TEXT    NOT NULL UNIQUE,
    fingerprint   TEXT    NOT NULL,
    enrolled_name TEXT    NOT NULL,
    enrolled_at   TEXT    NOT NULL,
    enrolled_by   TEXT    NOT NULL
) STRICT;
ALTER TABLE scores ADD COLUMN merged_revision INTEGER;
CREATE TABLE score_returns (
    file_id       TEXT    PRIMARY KEY,
    challenge_id  INTEGER NOT NULL REFERENCES challenges (id),
    stage         TEXT    NOT NULL,
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    sequence      INTEGER NOT NULL,
    signed_at     TEXT    NOT NULL,
    accepted      INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    conflicts     INTEGER NOT NULL,
    receipt       TEXT    NOT NULL,
    imported_at   TEXT    NOT NULL,
    imported_by   TEXT    NOT NULL
) STRICT;
CREATE INDEX score_returns_by_judge ON score_returns (challenge_id, stage, judge_id);
CREATE TABLE score_conflicts (
    id                INTEGER PRIMARY KEY,
    return_file_id    TEXT    NOT NULL REFERENCES score_returns (file_id),
    rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions (id),
    judge_id          INTEGER NOT NULL REFERENCES judges (id),
    idea_id           INTEGER NOT NULL REFERENCES ideas (id),
    criterion         TEXT    NOT NULL,
    their_score       INTEGER NOT NULL,
    their_comment     TEXT    NOT NULL,
    their_revision    INTEGER NOT NULL,
    our_score         INTEGER NOT NULL,
    our_comment       TEXT    NOT NULL,
    recorded_at       TEXT    NOT NULL,
    settled_at        TEXT,
    settled_by        TEXT,
    UNIQUE (return_file_id, idea_id, criterion)
) STRICT;
CREATE TABLE received_bundles (
    file_id             TEXT    PRIMARY KEY,
    challenge_id        INTEGER NOT NULL REFERENCES challenges (id),
    stage               TEXT    NOT NULL,
    judge_id            INTEGER NOT NULL REFERENCES judges (id),
    sender_fingerprint  TEXT    NOT NULL,
    made_by             TEXT    NOT NULL,
    signed_at           TEXT    NOT NULL,
    opened_at           TEXT    NOT NULL,
    pack_pdf            BLOB    NOT NULL
) STRICT;
CREATE TABLE remote_ids (
    challenge_id  INTEGER NOT NULL REFERENCES challenges (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('challenge', 'idea', 'judge')),
    local_id      INTEGER NOT NULL,
    remote_id     INTEGER NOT NULL,
    PRIMARY KEY (challenge_id, kind, remote_id),
    UNIQUE (kind, local_id)
) STRICT;
CREATE TABLE sent_returns (
    file_id       TEXT    PRIMARY KEY,
    challenge_id  INTEGER NOT NULL REFERENCES challenges (id),
    stage         TEXT    NOT NULL,
    sequence      INTEGER NOT NULL,
    sent_at       TEXT    NOT NULL
) STRICT;
";

/// Appended after [`M0014_EXCHANGE`]: the secretariat's log of bundles sent (so a return can be
/// checked against the bundle it answers, and the exchange page can say who has been sent
/// what), how each conflict was settled, and, on the judge's side, what each return held and
/// the receipt to expect for it.
pub(crate) const M0015_EXCHANGE_LEDGER: &str = "
CREATE TABLE sent_bundles (
    file_id       TEXT    PRIMARY KEY,
    challenge_id  INTEGER NOT NULL REFERENCES challenges (id),
    stage         TEXT    NOT NULL,
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    ideas         INTEGER NOT NULL,
    sealed        INTEGER NOT NULL,
    sent_at       TEXT    NOT NULL,
    sent_by       TEXT    NOT NULL
) STRICT;
CREATE INDEX sent_bundles_by_round ON sent_bundles (challenge_id, stage, judge_id);
ALTER TABLE score_conflicts ADD COLUMN settled_with TEXT CHECK (settled_with IN ('ours', 'theirs'));
ALTER TABLE sent_returns ADD COLUMN scores INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sent_returns ADD COLUMN expected_receipt TEXT NOT NULL DEFAULT '';
";

// ----- secretariat: bundles sent

/// A bundle the secretariat wrote for a judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentBundle {
    /// The id of the signed file (before any sealing), which the judge's returns quote.
    pub file_id: String,
    pub challenge: ChallengeId,
    pub stage: Stage,
    pub judge: JudgeId,
    pub ideas: u32,
    pub sealed: bool,
    pub sent_at: DateTime<Utc>,
    pub sent_by: String,
}

pub fn record_sent_bundle(tx: &Transaction<'_>, b: &SentBundle) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO sent_bundles (file_id, challenge_id, stage, judge_id, ideas, sealed, sent_at, sent_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        b.file_id,
        b.challenge.0,
        b.stage.code(),
        b.judge.0,
        b.ideas,
        b.sealed,
        b.sent_at,
        b.sent_by
    ])?;
    Ok(())
}

const SENT_BUNDLE_COLUMNS: &str = "file_id, challenge_id, stage, judge_id, ideas, sealed, sent_at, sent_by";

fn sent_bundle_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SentBundle> {
    Ok(SentBundle {
        file_id: r.get(0)?,
        challenge: ChallengeId(r.get(1)?),
        stage: crate::ideas::stage(r, 2)?,
        judge: JudgeId(r.get(3)?),
        ideas: r.get(4)?,
        sealed: r.get(5)?,
        sent_at: r.get(6)?,
        sent_by: r.get(7)?,
    })
}

/// The bundle sent with this file id, if one was.
pub fn sent_bundle(conn: &Connection, file_id: &str) -> Result<Option<SentBundle>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {SENT_BUNDLE_COLUMNS} FROM sent_bundles WHERE file_id = ?1"))?
        .query_row([file_id], sent_bundle_from_row)
        .optional()?)
}

/// Every bundle sent for a round, oldest first.
pub fn sent_bundles(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<SentBundle>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SENT_BUNDLE_COLUMNS} FROM sent_bundles WHERE challenge_id = ?1 AND stage = ?2 ORDER BY sent_at, rowid"
    ))?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], sent_bundle_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ----- secretariat: enrolled keys

/// A judge's enrolled key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgeKey {
    pub judge: JudgeId,
    /// The 32 key bytes in standard base64, as the exchange files write them.
    pub public_key: String,
    pub fingerprint: String,
    /// The name the enrolment file gave.
    pub enrolled_name: String,
    pub enrolled_at: DateTime<Utc>,
    pub enrolled_by: String,
}

/// Enrols (or replaces) a judge's key.
pub fn put_judge_key(tx: &Transaction<'_>, key: &JudgeKey) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO judge_keys (judge_id, public_key, fingerprint, enrolled_name, enrolled_at, enrolled_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (judge_id) DO UPDATE SET public_key = excluded.public_key,
             fingerprint = excluded.fingerprint, enrolled_name = excluded.enrolled_name,
             enrolled_at = excluded.enrolled_at, enrolled_by = excluded.enrolled_by",
    )?
    .execute(params![
        key.judge.0,
        key.public_key,
        key.fingerprint,
        key.enrolled_name,
        key.enrolled_at,
        key.enrolled_by
    ])?;
    Ok(())
}

/// The enrolled keys of a challenge's judges.
pub fn judge_keys(conn: &Connection, challenge: ChallengeId) -> Result<Vec<JudgeKey>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.judge_id, k.public_key, k.fingerprint, k.enrolled_name, k.enrolled_at, k.enrolled_by
         FROM judge_keys k JOIN judges j ON j.id = k.judge_id WHERE j.challenge_id = ?1 ORDER BY k.judge_id",
    )?;
    let rows = stmt.query_map([challenge.0], |r| {
        Ok(JudgeKey {
            judge: JudgeId(r.get(0)?),
            public_key: r.get(1)?,
            fingerprint: r.get(2)?,
            enrolled_name: r.get(3)?,
            enrolled_at: r.get(4)?,
            enrolled_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The judge a key is enrolled for, if any.
pub fn judge_with_key(conn: &Connection, public_key: &str) -> Result<Option<JudgeId>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT judge_id FROM judge_keys WHERE public_key = ?1")?
        .query_row([public_key], |r| r.get(0).map(JudgeId))
        .optional()?)
}

// ----- secretariat: scores as the merge sees them

/// A score with the revision last merged from the judge's returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub judge: JudgeId,
    pub idea: IdeaId,
    pub criterion: String,
    pub score: i32,
    pub comment: String,
    pub revision: u64,
    /// `None` when no return has been merged into this score.
    pub merged_revision: Option<u64>,
}

/// One judge's scores under a rubric version, with their merged revisions.
pub fn merge_rows(
    conn: &Connection,
    version: RubricVersionId,
    judge: JudgeId,
) -> Result<Vec<ScoreRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, idea_id, criterion, score, comment, revision, merged_revision
         FROM scores WHERE rubric_version_id = ?1 AND judge_id = ?2",
    )?;
    let rows = stmt.query_map(params![version.0, judge.0], |r| {
        Ok(ScoreRow {
            judge: JudgeId(r.get(0)?),
            idea: IdeaId(r.get(1)?),
            criterion: r.get(2)?,
            score: r.get(3)?,
            comment: r.get(4)?,
            revision: r.get::<_, i64>(5)? as u64,
            merged_revision: r.get::<_, Option<i64>>(6)?.map(|v| v as u64),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes a judge's returned score as submitted, at the judge's revision, recording that
/// revision as merged.
#[allow(clippy::too_many_arguments)]
pub fn put_merged(
    tx: &Transaction<'_>,
    version: RubricVersionId,
    judge: JudgeId,
    idea: IdeaId,
    criterion: &str,
    score: i32,
    comment: &str,
    revision: u64,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    put_merged_all(tx, version, judge, &[MergedScore { idea, criterion, score, comment, revision }], at, by)
}

/// One score of a return to write with [`put_merged_all`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedScore<'a> {
    pub idea: IdeaId,
    pub criterion: &'a str,
    pub score: i32,
    pub comment: &'a str,
    pub revision: u64,
}

/// How many scores one statement of [`put_merged_all`] writes: 9 parameters each, well inside
/// SQLite's 32,766.
const MERGED_PER_STATEMENT: usize = 500;

/// [`put_merged`] for many scores of one judge, several hundred to a statement. Each statement
/// on an audited table runs in a statement journal (its triggers may fail part way), which
/// copies every page it touches: one statement per score copied the same pages 24,000 times
/// for a round's returns.
pub fn put_merged_all(
    tx: &Transaction<'_>,
    version: RubricVersionId,
    judge: JudgeId,
    scores: &[MergedScore<'_>],
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    for chunk in scores.chunks(MERGED_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p = i * 9;
                format!(
                    "(?{}, ?{}, ?{}, ?{}, ?{}, ?{}, 'submitted', ?{}, ?{}, ?{}, ?{})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 6,
                    p + 7,
                    p + 8,
                    p + 9,
                    p + 7
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO scores (rubric_version_id, judge_id, idea_id, criterion, score, comment, status, revision,
                                 updated_at, updated_by, merged_revision)
             VALUES {}
             ON CONFLICT (rubric_version_id, judge_id, idea_id, criterion) DO UPDATE SET
                 score = excluded.score, comment = excluded.comment, status = 'submitted',
                 revision = excluded.revision, merged_revision = excluded.revision,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            rows.join(", ")
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 9);
        let revisions: Vec<i64> = chunk.iter().map(|s| s.revision as i64).collect();
        for (s, revision) in chunk.iter().zip(&revisions) {
            values.extend([
                &version.0 as &dyn rusqlite::ToSql,
                &judge.0,
                &s.idea.0,
                &s.criterion,
                &s.score,
                &s.comment,
                revision,
                &at,
                &by,
            ]);
        }
        stmt.execute(values.as_slice())?;
    }
    Ok(())
}

// ----- secretariat: the returns log and conflicts

/// One imported return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedReturn {
    pub file_id: String,
    pub challenge: ChallengeId,
    pub stage: Stage,
    pub judge: JudgeId,
    pub sequence: u64,
    pub signed_at: DateTime<Utc>,
    pub accepted: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub receipt: String,
    pub imported_at: DateTime<Utc>,
    pub imported_by: String,
}

pub fn record_return(tx: &Transaction<'_>, r: &ImportedReturn) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO score_returns (file_id, challenge_id, stage, judge_id, sequence, signed_at, accepted,
             unchanged, conflicts, receipt, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        r.file_id,
        r.challenge.0,
        r.stage.code(),
        r.judge.0,
        r.sequence as i64,
        r.signed_at,
        r.accepted as i64,
        r.unchanged as i64,
        r.conflicts as i64,
        r.receipt,
        r.imported_at,
        r.imported_by
    ])?;
    Ok(())
}

/// The return imported with this file id, if it was: (judge, receipt, imported_at).
pub fn imported_return(
    conn: &Connection,
    file_id: &str,
) -> Result<Option<(JudgeId, String, DateTime<Utc>)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT judge_id, receipt, imported_at FROM score_returns WHERE file_id = ?1")?
        .query_row([file_id], |r| Ok((JudgeId(r.get(0)?), r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// The return numbers imported per judge for a round: (judge, highest sequence).
pub fn latest_sequences(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<(JudgeId, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, max(sequence) FROM score_returns WHERE challenge_id = ?1 AND stage = ?2
         GROUP BY judge_id",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| {
        Ok((JudgeId(r.get(0)?), r.get::<_, i64>(1)? as u64))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A returned score kept for a person to settle, because the secretariat had changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreConflict {
    pub return_file_id: String,
    pub version: RubricVersionId,
    pub judge: JudgeId,
    pub idea: IdeaId,
    pub criterion: String,
    pub their_score: i32,
    pub their_comment: String,
    pub their_revision: u64,
    pub our_score: i32,
    pub our_comment: String,
    pub recorded_at: DateTime<Utc>,
}

pub fn record_conflict(tx: &Transaction<'_>, c: &ScoreConflict) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO score_conflicts (return_file_id, rubric_version_id, judge_id, idea_id, criterion,
             their_score, their_comment, their_revision, our_score, our_comment, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        c.return_file_id,
        c.version.0,
        c.judge.0,
        c.idea.0,
        c.criterion,
        c.their_score,
        c.their_comment,
        c.their_revision as i64,
        c.our_score,
        c.our_comment,
        c.recorded_at
    ])?;
    Ok(())
}

const CONFLICT_COLUMNS: &str =
    "id, return_file_id, rubric_version_id, judge_id, idea_id, criterion, their_score,
     their_comment, their_revision, our_score, our_comment, recorded_at";

/// The conflicts not yet settled under a rubric version, with their ids, oldest first.
pub fn open_conflicts(
    conn: &Connection,
    version: RubricVersionId,
) -> Result<Vec<(i64, ScoreConflict)>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM score_conflicts WHERE rubric_version_id = ?1 AND settled_at IS NULL
         ORDER BY id"
    ))?;
    let rows = stmt.query_map([version.0], conflict_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One conflict by id, with whether it is settled.
pub fn conflict(conn: &Connection, id: i64) -> Result<Option<(ScoreConflict, bool)>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CONFLICT_COLUMNS}, settled_at IS NOT NULL FROM score_conflicts WHERE id = ?1"
        ))?
        .query_row([id], |r| Ok((conflict_from_row(r)?.1, r.get(12)?)))
        .optional()?)
}

/// How a person settled a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The secretariat's score stays.
    Ours,
    /// The judge's returned score replaced it.
    Theirs,
}

/// Marks every open conflict on the same score as `conflict` (same rubric version, judge, idea
/// and criterion) at or below its revision as settled. Returns how many were.
pub fn settle_conflicts(
    tx: &Transaction<'_>,
    conflict: &ScoreConflict,
    how: Settled,
    at: DateTime<Utc>,
    by: &str,
) -> Result<usize, StoreError> {
    let with = match how {
        Settled::Ours => "ours",
        Settled::Theirs => "theirs",
    };
    Ok(tx
        .prepare_cached(
            "UPDATE score_conflicts SET settled_at = ?1, settled_by = ?2, settled_with = ?3
             WHERE rubric_version_id = ?4 AND judge_id = ?5 AND idea_id = ?6 AND criterion = ?7
               AND their_revision <= ?8 AND settled_at IS NULL",
        )?
        .execute(params![
            at,
            by,
            with,
            conflict.version.0,
            conflict.judge.0,
            conflict.idea.0,
            conflict.criterion,
            conflict.their_revision as i64
        ])?)
}

/// Keeps the secretariat's score after a conflict, recording the judge's revision as merged so
/// the same return imported again finds nothing new, while a later judge revision is taken as
/// any other (the person has settled this one).
pub fn keep_ours(
    tx: &Transaction<'_>,
    c: &ScoreConflict,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE scores SET revision = ?5, merged_revision = ?5, updated_at = ?6, updated_by = ?7
         WHERE rubric_version_id = ?1 AND judge_id = ?2 AND idea_id = ?3 AND criterion = ?4",
    )?
    .execute(params![c.version.0, c.judge.0, c.idea.0, c.criterion, c.their_revision as i64, at, by])?;
    Ok(())
}

fn conflict_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, ScoreConflict)> {
    Ok((
        r.get(0)?,
        ScoreConflict {
            return_file_id: r.get(1)?,
            version: RubricVersionId(r.get(2)?),
            judge: JudgeId(r.get(3)?),
            idea: IdeaId(r.get(4)?),
            criterion: r.get(5)?,
            their_score: r.get(6)?,
            their_comment: r.get(7)?,
            their_revision: r.get::<_, i64>(8)? as u64,
            our_score: r.get(9)?,
            our_comment: r.get(10)?,
            recorded_at: r.get(11)?,
        },
    ))
}

// ----- judge side

/// A bundle the judge opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedBundle {
    pub file_id: String,
    pub challenge: ChallengeId,
    pub stage: Stage,
    /// The judge's own (local) judge record.
    pub judge: JudgeId,
    pub sender_fingerprint: String,
    pub made_by: String,
    pub signed_at: DateTime<Utc>,
    pub opened_at: DateTime<Utc>,
}

pub fn record_bundle(tx: &Transaction<'_>, b: &ReceivedBundle, pack_pdf: &[u8]) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO received_bundles (file_id, challenge_id, stage, judge_id, sender_fingerprint, made_by,
             signed_at, opened_at, pack_pdf)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        b.file_id,
        b.challenge.0,
        b.stage.code(),
        b.judge.0,
        b.sender_fingerprint,
        b.made_by,
        b.signed_at,
        b.opened_at,
        pack_pdf
    ])?;
    Ok(())
}

const BUNDLE_COLUMNS: &str =
    "file_id, challenge_id, stage, judge_id, sender_fingerprint, made_by, signed_at, opened_at";

fn bundle_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReceivedBundle> {
    Ok(ReceivedBundle {
        file_id: r.get(0)?,
        challenge: ChallengeId(r.get(1)?),
        stage: crate::ideas::stage(r, 2)?,
        judge: JudgeId(r.get(3)?),
        sender_fingerprint: r.get(4)?,
        made_by: r.get(5)?,
        signed_at: r.get(6)?,
        opened_at: r.get(7)?,
    })
}

pub fn received_bundle(conn: &Connection, file_id: &str) -> Result<Option<ReceivedBundle>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {BUNDLE_COLUMNS} FROM received_bundles WHERE file_id = ?1"))?
        .query_row([file_id], bundle_from_row)
        .optional()?)
}

/// The latest bundle opened for a round of a (local) challenge.
pub fn latest_bundle(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Option<ReceivedBundle>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {BUNDLE_COLUMNS} FROM received_bundles WHERE challenge_id = ?1 AND stage = ?2
             ORDER BY signed_at DESC, opened_at DESC, rowid DESC LIMIT 1"
        ))?
        .query_row(params![challenge.0, stage.code()], bundle_from_row)
        .optional()?)
}

/// What a local id stands for at the secretariat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteKind {
    Challenge,
    Idea,
    Judge,
}

impl RemoteKind {
    fn code(self) -> &'static str {
        match self {
            RemoteKind::Challenge => "challenge",
            RemoteKind::Idea => "idea",
            RemoteKind::Judge => "judge",
        }
    }
}

pub fn put_remote_id(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    kind: RemoteKind,
    local: i64,
    remote: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO remote_ids (challenge_id, kind, local_id, remote_id) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![challenge.0, kind.code(), local, remote])?;
    Ok(())
}

/// The local id for a secretariat id, within a local challenge.
pub fn local_id(
    conn: &Connection,
    challenge: ChallengeId,
    kind: RemoteKind,
    remote: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT local_id FROM remote_ids WHERE challenge_id = ?1 AND kind = ?2 AND remote_id = ?3",
        )?
        .query_row(params![challenge.0, kind.code(), remote], |r| r.get(0))
        .optional()?)
}

/// The secretariat's id for a local one.
pub fn remote_id(conn: &Connection, kind: RemoteKind, local: i64) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT remote_id FROM remote_ids WHERE kind = ?1 AND local_id = ?2")?
        .query_row(params![kind.code(), local], |r| r.get(0))
        .optional()?)
}

/// The local challenge that copies the secretariat's challenge `remote`, found by any local
/// challenge mapped to it.
pub fn local_challenge(conn: &Connection, remote: i64) -> Result<Option<ChallengeId>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT challenge_id FROM remote_ids WHERE kind = 'challenge' AND remote_id = ?1")?
        .query_row([remote], |r| r.get(0).map(ChallengeId))
        .optional()?)
}

/// A return the judge made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentReturn {
    pub file_id: String,
    pub challenge: ChallengeId,
    pub stage: Stage,
    pub sequence: u64,
    pub scores: u32,
    /// The receipt code to expect when the secretariat takes every score as new.
    pub expected_receipt: String,
    pub sent_at: DateTime<Utc>,
}

pub fn record_sent_return(tx: &Transaction<'_>, r: &SentReturn) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO sent_returns (file_id, challenge_id, stage, sequence, sent_at, scores, expected_receipt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        r.file_id,
        r.challenge.0,
        r.stage.code(),
        r.sequence as i64,
        r.sent_at,
        r.scores,
        r.expected_receipt
    ])?;
    Ok(())
}

/// The returns made for a round, newest first.
pub fn sent_returns(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<SentReturn>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT file_id, challenge_id, stage, sequence, scores, expected_receipt, sent_at FROM sent_returns
         WHERE challenge_id = ?1 AND stage = ?2 ORDER BY sequence DESC",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| {
        Ok(SentReturn {
            file_id: r.get(0)?,
            challenge: ChallengeId(r.get(1)?),
            stage: crate::ideas::stage(r, 2)?,
            sequence: r.get::<_, i64>(3)? as u64,
            scores: r.get(4)?,
            expected_receipt: r.get(5)?,
            sent_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every bundle opened for a (local) challenge, newest first.
pub fn received_bundles(
    conn: &Connection,
    challenge: ChallengeId,
) -> Result<Vec<ReceivedBundle>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {BUNDLE_COLUMNS} FROM received_bundles WHERE challenge_id = ?1 ORDER BY signed_at DESC, opened_at DESC, rowid DESC"
    ))?;
    let rows = stmt.query_map([challenge.0], bundle_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The briefing pack that came in a bundle.
pub fn bundle_pack(conn: &Connection, file_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT pack_pdf FROM received_bundles WHERE file_id = ?1")?
        .query_row([file_id], |r| r.get(0))
        .optional()?)
}

/// The returns imported for a round, oldest first.
pub fn imported_returns(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<ImportedReturn>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT file_id, challenge_id, stage, judge_id, sequence, signed_at, accepted, unchanged, conflicts, receipt,
                imported_at, imported_by
         FROM score_returns WHERE challenge_id = ?1 AND stage = ?2 ORDER BY imported_at, rowid",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| {
        Ok(ImportedReturn {
            file_id: r.get(0)?,
            challenge: ChallengeId(r.get(1)?),
            stage: crate::ideas::stage(r, 2)?,
            judge: JudgeId(r.get(3)?),
            sequence: r.get::<_, i64>(4)? as u64,
            signed_at: r.get(5)?,
            accepted: r.get::<_, i64>(6)? as usize,
            unchanged: r.get::<_, i64>(7)? as usize,
            conflicts: r.get::<_, i64>(8)? as usize,
            receipt: r.get(9)?,
            imported_at: r.get(10)?,
            imported_by: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many returns were made for a round.
pub fn count_sent_returns(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<u64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM sent_returns WHERE challenge_id = ?1 AND stage = ?2")?
        .query_row(params![challenge.0, stage.code()], |r| r.get::<_, i64>(0))? as u64)
}
