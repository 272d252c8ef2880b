//! The judging panel: `judges`, each round's panel (`round_panels`, `round_panel_judges`), its
//! rubric's versions (`rubric_versions`), the ideas it scores (`round_ideas`), per-idea
//! `assignments`, `conflicts` of interest, and the `scores`.
//!
//! A round is a challenge and a panel stage. Rubrics are kept as the JSON of the scoring crate's
//! `RubricDraft`, written and read by the app, so this crate does not depend on the maths.
//! Conflicts are never deleted: a withdrawn conflict keeps its row, with who withdrew it and when.
//!
//! Automatic assignment (the sift's balanced share-out) adds to these: each assignment says
//! whether a person chose it (`manual`) or the share-out did (`automatic`), so a new share-out
//! replaces only its own; the round's panel row keeps the number of judges per idea and the seed
//! last used; and `dismissed_conflict_suggestions` keeps the suggested conflicts a person said
//! were none, so they are not suggested again.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use shortlist_domain::{
    ChallengeId, Conflict, ConflictId, ConflictKind, IdeaId, Judge, JudgeId, PanelSettings, RubricVersionId,
    ScoreEntry, ScoreStatus, Stage, ValidConflict, ValidJudge, ValidScore,
};

use crate::StoreError;

/// Scores name their rubric version, which names its round, so a score cannot drift to another
/// round. The unique key on scores is what makes a save an update of the same score.
pub(crate) const M0011_JUDGING: &str = "
CREATE TABLE judges (
    id            INTEGER PRIMARY KEY,
    challenge_id  INTEGER NOT NULL REFERENCES challenges (id),
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;
CREATE INDEX judges_by_challenge ON judges (challenge_id, id);
CREATE TABLE rubric_versions (
    id            INTEGER PRIMARY KEY,
    challenge_id  INTEGER NOT NULL REFERENCES challenges (id),
    stage         TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    rubric        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    UNIQUE (challenge_id, stage, version)
) STRICT;
CREATE TABLE round_panels (
    challenge_id                  INTEGER NOT NULL REFERENCES challenges (id),
    stage                         TEXT    NOT NULL,
    rubric_version_id             INTEGER REFERENCES rubric_versions (id),
    comment_required_for_extremes INTEGER NOT NULL DEFAULT 1,
    scoring_started_at            TEXT,
    PRIMARY KEY (challenge_id, stage)
) STRICT;
CREATE TABLE round_panel_judges (
    challenge_id  INTEGER NOT NULL,
    stage         TEXT    NOT NULL,
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (challenge_id, stage, judge_id),
    FOREIGN KEY (challenge_id, stage) REFERENCES round_panels (challenge_id, stage)
) STRICT;
CREATE TABLE round_ideas (
    challenge_id  INTEGER NOT NULL,
    stage         TEXT    NOT NULL,
    idea_id       INTEGER NOT NULL REFERENCES ideas (id),
    PRIMARY KEY (challenge_id, stage, idea_id),
    FOREIGN KEY (challenge_id, stage) REFERENCES round_panels (challenge_id, stage)
) STRICT;
CREATE TABLE assignments (
    challenge_id  INTEGER NOT NULL,
    stage         TEXT    NOT NULL,
    idea_id       INTEGER NOT NULL REFERENCES ideas (id),
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    PRIMARY KEY (challenge_id, stage, idea_id, judge_id),
    FOREIGN KEY (challenge_id, stage) REFERENCES round_panels (challenge_id, stage)
) STRICT;
CREATE TABLE conflicts (
    id            INTEGER PRIMARY KEY,
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    idea_id       INTEGER NOT NULL REFERENCES ideas (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('lineManagement', 'sameTeam', 'personalRelationship',
                                                   'financialInterest', 'other')),
    note          TEXT    NOT NULL,
    round         TEXT    NOT NULL,
    declared_at   TEXT    NOT NULL,
    declared_by   TEXT    NOT NULL,
    at_meeting    INTEGER NOT NULL,
    withdrawn_at  TEXT,
    withdrawn_by  TEXT
) STRICT;
CREATE UNIQUE INDEX conflicts_open ON conflicts (judge_id, idea_id) WHERE withdrawn_at IS NULL;
CREATE INDEX conflicts_by_idea ON conflicts (idea_id);
CREATE TABLE scores (
    id                INTEGER PRIMARY KEY,
    rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions (id),
    judge_id          INTEGER NOT NULL REFERENCES judges (id),
    idea_id           INTEGER NOT NULL REFERENCES ideas (id),
    criterion         TEXT    NOT NULL,
    score             INTEGER NOT NULL,
    comment           TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'submitted')),
    revision          INTEGER NOT NULL,
    updated_at        TEXT    NOT NULL,
    updated_by        TEXT    NOT NULL,
    UNIQUE (rubric_version_id, judge_id, idea_id, criterion)
) STRICT;
-- Covers the results' read of a round's submitted scores, so 60,000 of them come from the index
-- alone rather than from as many lookups into the table.
CREATE INDEX scores_counted ON scores (rubric_version_id, status, judge_id, idea_id, criterion, score);
";

/// Every assignment made before automatic assignment existed was chosen by a person, hence the
/// default. The seed is stored as SQLite's signed integer; the app keeps it within `u32`.
pub(crate) const M0023_ASSIGNMENT_SOURCE: &str = "
ALTER TABLE assignments ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
    CHECK (source IN ('manual', 'automatic'));
ALTER TABLE round_panels ADD COLUMN assign_per_idea INTEGER;
ALTER TABLE round_panels ADD COLUMN assign_seed INTEGER;
CREATE TABLE dismissed_conflict_suggestions (
    judge_id      INTEGER NOT NULL REFERENCES judges (id),
    idea_id       INTEGER NOT NULL REFERENCES ideas (id),
    organisations TEXT    NOT NULL,
    dismissed_at  TEXT    NOT NULL,
    dismissed_by  TEXT    NOT NULL,
    PRIMARY KEY (judge_id, idea_id)
) STRICT;
";

// ----- judges

const JUDGE_COLUMNS: &str = "id, challenge_id, name, role, organisation";

fn judge_from_row(r: &Row<'_>) -> rusqlite::Result<Judge> {
    Ok(Judge {
        id: JudgeId(r.get(0)?),
        challenge_id: ChallengeId(r.get(1)?),
        name: r.get(2)?,
        role: r.get(3)?,
        organisation: r.get(4)?,
    })
}

pub fn judge(conn: &Connection, id: JudgeId) -> Result<Judge, StoreError> {
    conn.prepare_cached(&format!("SELECT {JUDGE_COLUMNS} FROM judges WHERE id = ?1"))?
        .query_row([id.0], judge_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Judge {}", id.0) })
}

/// A challenge's judges, in the order they were added.
pub fn judges(conn: &Connection, challenge: ChallengeId) -> Result<Vec<Judge>, StoreError> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {JUDGE_COLUMNS} FROM judges WHERE challenge_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([challenge.0], judge_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_judge(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    judge: &ValidJudge,
    now: DateTime<Utc>,
) -> Result<Judge, StoreError> {
    tx.prepare_cached(
        "INSERT INTO judges (challenge_id, name, role, organisation, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![challenge.0, judge.name, judge.role, judge.organisation, now])?;
    self::judge(tx, JudgeId(tx.last_insert_rowid()))
}

pub fn update_judge(
    tx: &Transaction<'_>,
    id: JudgeId,
    judge: &ValidJudge,
    now: DateTime<Utc>,
) -> Result<Judge, StoreError> {
    let changed = tx
        .prepare_cached(
            "UPDATE judges SET name = ?2, role = ?3, organisation = ?4, updated_at = ?5 WHERE id = ?1",
        )?
        .execute(params![id.0, judge.name, judge.role, judge.organisation, now])?;
    if changed != 1 {
        return Err(StoreError::NotFound { what: format!("Judge {}", id.0) });
    }
    self::judge(tx, id)
}

// ----- panels

/// A round's panel row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub rubric_version: Option<RubricVersionId>,
    pub comment_required_for_extremes: bool,
    /// Set when the first score of the round is saved; from then on a rubric change makes a new
    /// version.
    pub scoring_started_at: Option<DateTime<Utc>>,
    /// In the panel's order.
    pub judges: Vec<JudgeId>,
}

/// The round's panel, or `None` if it was never set.
pub fn panel(conn: &Connection, challenge: ChallengeId, stage: Stage) -> Result<Option<Panel>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT rubric_version_id, comment_required_for_extremes, scoring_started_at
             FROM round_panels WHERE challenge_id = ?1 AND stage = ?2",
        )?
        .query_row(params![challenge.0, stage.code()], |r| {
            Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, bool>(1)?, r.get::<_, Option<DateTime<Utc>>>(2)?))
        })
        .optional()?;
    let Some((version, comments, started)) = row else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id FROM round_panel_judges WHERE challenge_id = ?1 AND stage = ?2 ORDER BY position",
    )?;
    let judges = stmt
        .query_map(params![challenge.0, stage.code()], |r| Ok(JudgeId(r.get(0)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Some(Panel {
        rubric_version: version.map(RubricVersionId),
        comment_required_for_extremes: comments,
        scoring_started_at: started,
        judges,
    }))
}

/// Creates the round's panel row with the defaults, if it has none.
pub fn ensure_panel(tx: &Transaction<'_>, challenge: ChallengeId, stage: Stage) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR IGNORE INTO round_panels (challenge_id, stage) VALUES (?1, ?2)")?
        .execute(params![challenge.0, stage.code()])?;
    Ok(())
}

/// Saves the round's judges (in order) and its comment setting. The caller has checked the
/// judges belong to the challenge.
pub fn put_panel(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    settings: &PanelSettings,
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached(
        "UPDATE round_panels SET comment_required_for_extremes = ?3 WHERE challenge_id = ?1 AND stage = ?2",
    )?
    .execute(params![challenge.0, stage.code(), settings.comment_required_for_extremes])?;
    tx.prepare_cached("DELETE FROM round_panel_judges WHERE challenge_id = ?1 AND stage = ?2")?
        .execute(params![challenge.0, stage.code()])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO round_panel_judges (challenge_id, stage, judge_id, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, judge) in settings.judges.iter().enumerate() {
        insert.execute(params![challenge.0, stage.code(), judge.0, position as i64])?;
    }
    Ok(())
}

/// Marks scoring as started, once. The first time, it also records the round's ideas as they
/// are then, so that the round keeps them after the panel's decisions move them on; an idea
/// that reaches the stage later is recorded when it leaves (see [`keep_in_round`]). Returns
/// whether this call started it.
///
/// A save after the first costs one statement here, whatever the size of the round.
pub fn start_scoring(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let started = tx
        .prepare_cached(
            "UPDATE round_panels SET scoring_started_at = ?3
             WHERE challenge_id = ?1 AND stage = ?2 AND scoring_started_at IS NULL",
        )?
        .execute(params![challenge.0, stage.code(), now])?;
    if started == 1 {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO round_ideas (challenge_id, stage, idea_id)
             SELECT ?1, ?2, id FROM ideas WHERE challenge_id = ?1 AND stage = ?2 AND merged_into IS NULL",
        )?
        .execute(params![challenge.0, stage.code()])?;
    }
    Ok(started == 1)
}

/// Records `idea` as one of its round's ideas if it is at a panel stage whose scoring has
/// started: called before the idea leaves its stage (a move, a merge), so that a round keeps
/// every idea that was in it while it was scored. Does nothing at any other stage.
pub fn keep_in_round(tx: &Transaction<'_>, idea: IdeaId) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO round_ideas (challenge_id, stage, idea_id)
         SELECT i.challenge_id, i.stage, i.id FROM ideas i
         JOIN round_panels p ON p.challenge_id = i.challenge_id AND p.stage = i.stage
         WHERE i.id = ?1 AND i.merged_into IS NULL AND p.scoring_started_at IS NOT NULL",
    )?
    .execute([idea.0])?;
    Ok(())
}

/// Whether `idea` is one of the round's ideas (as [`round_ideas`] would list it).
pub fn in_round(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    idea: IdeaId,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM round_ideas WHERE challenge_id = ?1 AND stage = ?2 AND idea_id = ?3)
                 OR EXISTS (SELECT 1 FROM ideas
                            WHERE id = ?3 AND challenge_id = ?1 AND stage = ?2 AND merged_into IS NULL)",
        )?
        .query_row(params![challenge.0, stage.code(), idea.0], |r| r.get(0))?)
}

/// The round's ideas, by id: those recorded when scoring started or when they left the stage
/// while it was being scored, and every live idea at the stage now.
pub fn round_ideas(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<IdeaId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT idea_id FROM round_ideas WHERE challenge_id = ?1 AND stage = ?2
         UNION
         SELECT id FROM ideas WHERE challenge_id = ?1 AND stage = ?2 AND merged_into IS NULL
         ORDER BY 1",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| Ok(IdeaId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ----- rubric versions

/// One stored version of a round's rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricVersion {
    pub id: RubricVersionId,
    pub challenge: ChallengeId,
    pub stage: Stage,
    /// 1, 2, 3… within the round.
    pub version: u32,
    /// The JSON of a `shortlist_scoring::RubricDraft`.
    pub rubric_json: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

fn version_from_row(r: &Row<'_>) -> rusqlite::Result<RubricVersion> {
    let stage: String = r.get(2)?;
    Ok(RubricVersion {
        id: RubricVersionId(r.get(0)?),
        challenge: ChallengeId(r.get(1)?),
        stage: Stage::from_code(&stage).unwrap_or(Stage::Shortlist),
        version: r.get(3)?,
        rubric_json: r.get(4)?,
        created_at: r.get(5)?,
        created_by: r.get(6)?,
    })
}

const VERSION_COLUMNS: &str = "id, challenge_id, stage, version, rubric, created_at, created_by";

pub fn rubric_version(conn: &Connection, id: RubricVersionId) -> Result<RubricVersion, StoreError> {
    conn.prepare_cached(&format!("SELECT {VERSION_COLUMNS} FROM rubric_versions WHERE id = ?1"))?
        .query_row([id.0], version_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Rubric version {}", id.0) })
}

/// Every version of a round's rubric, oldest first.
pub fn rubric_versions(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<RubricVersion>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM rubric_versions WHERE challenge_id = ?1 AND stage = ?2 ORDER BY version"
    ))?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], version_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds the next version of the round's rubric and makes it the round's current one.
pub fn add_rubric_version(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    rubric_json: &str,
    now: DateTime<Utc>,
    by: &str,
) -> Result<RubricVersion, StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached(
        "INSERT INTO rubric_versions (challenge_id, stage, version, rubric, created_at, created_by)
         SELECT ?1, ?2, coalesce(max(version), 0) + 1, ?3, ?4, ?5
         FROM rubric_versions WHERE challenge_id = ?1 AND stage = ?2",
    )?
    .execute(params![challenge.0, stage.code(), rubric_json, now, by])?;
    let id = RubricVersionId(tx.last_insert_rowid());
    tx.prepare_cached(
        "UPDATE round_panels SET rubric_version_id = ?3 WHERE challenge_id = ?1 AND stage = ?2",
    )?
    .execute(params![challenge.0, stage.code(), id.0])?;
    rubric_version(tx, id)
}

/// Rewrites a version in place: only while no score has been given under it.
pub fn replace_rubric(
    tx: &Transaction<'_>,
    id: RubricVersionId,
    rubric_json: &str,
    now: DateTime<Utc>,
    by: &str,
) -> Result<RubricVersion, StoreError> {
    tx.prepare_cached(
        "UPDATE rubric_versions SET rubric = ?2, created_at = ?3, created_by = ?4 WHERE id = ?1",
    )?
    .execute(params![id.0, rubric_json, now, by])?;
    rubric_version(tx, id)
}

// ----- assignments

/// The judges chosen for each idea of the round, as (idea, judge) pairs by idea then judge.
/// An idea with no pairs is scored by the whole panel.
pub fn assignments(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<(IdeaId, JudgeId)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT idea_id, judge_id FROM assignments WHERE challenge_id = ?1 AND stage = ?2 ORDER BY idea_id, judge_id",
    )?;
    let rows =
        stmt.query_map(params![challenge.0, stage.code()], |r| Ok((IdeaId(r.get(0)?), JudgeId(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The judges chosen for one idea of the round, by id; none means the whole panel.
pub fn chosen_for(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    idea: IdeaId,
) -> Result<Vec<JudgeId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id FROM assignments WHERE challenge_id = ?1 AND stage = ?2 AND idea_id = ?3 ORDER BY judge_id",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code(), idea.0], |r| Ok(JudgeId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces the judges chosen for one idea, by a person (all of them become `manual`, including
/// any the share-out had chosen); none means the whole panel again.
pub fn set_assignments(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    idea: IdeaId,
    judges: &[JudgeId],
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached("DELETE FROM assignments WHERE challenge_id = ?1 AND stage = ?2 AND idea_id = ?3")?
        .execute(params![challenge.0, stage.code(), idea.0])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO assignments (challenge_id, stage, idea_id, judge_id, source)
         VALUES (?1, ?2, ?3, ?4, 'manual')",
    )?;
    for judge in judges {
        insert.execute(params![challenge.0, stage.code(), idea.0, judge.0])?;
    }
    Ok(())
}

/// Who chose an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentSource {
    /// A person, one idea at a time.
    Manual,
    /// The share-out, which replaces its own assignments each time it is applied.
    Automatic,
}

/// The round's assignments with who chose each, as (idea, judge, source) by idea then judge.
pub fn assignments_with_source(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<(IdeaId, JudgeId, AssignmentSource)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT idea_id, judge_id, source FROM assignments WHERE challenge_id = ?1 AND stage = ?2
         ORDER BY idea_id, judge_id",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| {
        let source: String = r.get(2)?;
        // The CHECK constraint allows only the two.
        let source =
            if source == "automatic" { AssignmentSource::Automatic } else { AssignmentSource::Manual };
        Ok((IdeaId(r.get(0)?), JudgeId(r.get(1)?), source))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces the round's automatic assignments with `pairs` (idea, judge), leaving the manual
/// ones alone; a pair that is already a manual assignment stays manual.
pub fn replace_automatic_assignments(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    pairs: &[(IdeaId, JudgeId)],
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached(
        "DELETE FROM assignments WHERE challenge_id = ?1 AND stage = ?2 AND source = 'automatic'",
    )?
    .execute(params![challenge.0, stage.code()])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO assignments (challenge_id, stage, idea_id, judge_id, source)
         VALUES (?1, ?2, ?3, ?4, 'automatic')",
    )?;
    for (idea, judge) in pairs {
        insert.execute(params![challenge.0, stage.code(), idea.0, judge.0])?;
    }
    Ok(())
}

/// The number of judges per idea and the seed of the round's last applied share-out.
pub fn assignment_settings(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Option<(u32, u32)>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT assign_per_idea, assign_seed FROM round_panels
             WHERE challenge_id = ?1 AND stage = ?2 AND assign_per_idea IS NOT NULL AND assign_seed IS NOT NULL",
        )?
        .query_row(params![challenge.0, stage.code()], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)))
        .optional()?;
    Ok(row)
}

/// Records the number of judges per idea and the seed of the share-out just applied.
pub fn put_assignment_settings(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    stage: Stage,
    per_idea: u32,
    seed: u32,
) -> Result<(), StoreError> {
    ensure_panel(tx, challenge, stage)?;
    tx.prepare_cached(
        "UPDATE round_panels SET assign_per_idea = ?3, assign_seed = ?4 WHERE challenge_id = ?1 AND stage = ?2",
    )?
    .execute(params![challenge.0, stage.code(), per_idea, seed])?;
    Ok(())
}

/// The judge–idea pairs with a score of any status under a rubric version, by judge then idea.
pub fn scored_pairs(
    conn: &Connection,
    version: RubricVersionId,
) -> Result<Vec<(JudgeId, IdeaId)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT judge_id, idea_id FROM scores WHERE rubric_version_id = ?1 ORDER BY judge_id, idea_id",
    )?;
    let rows = stmt.query_map([version.0], |r| Ok((JudgeId(r.get(0)?), IdeaId(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The submitter's department or agency of each of the round's ideas (as [`round_ideas`]), by id.
pub fn round_idea_departments(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<(IdeaId, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, department FROM ideas WHERE id IN (
             SELECT idea_id FROM round_ideas WHERE challenge_id = ?1 AND stage = ?2
             UNION
             SELECT id FROM ideas WHERE challenge_id = ?1 AND stage = ?2 AND merged_into IS NULL)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| Ok((IdeaId(r.get(0)?), r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records that a person found no conflict where one was suggested, with the organisations the
/// suggestion named (as JSON), so it is not suggested again. Dismissing twice keeps the first.
pub fn dismiss_conflict_suggestion(
    tx: &Transaction<'_>,
    judge: JudgeId,
    idea: IdeaId,
    organisations_json: &str,
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO dismissed_conflict_suggestions (judge_id, idea_id, organisations, dismissed_at, dismissed_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![judge.0, idea.0, organisations_json, now, by])?;
    Ok(())
}

/// The (judge, idea) pairs of the challenge's judges whose suggested conflict was dismissed.
pub fn dismissed_conflict_suggestions(
    conn: &Connection,
    challenge: ChallengeId,
) -> Result<Vec<(JudgeId, IdeaId)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.judge_id, d.idea_id FROM dismissed_conflict_suggestions d JOIN judges j ON j.id = d.judge_id
         WHERE j.challenge_id = ?1 ORDER BY d.judge_id, d.idea_id",
    )?;
    let rows = stmt.query_map([challenge.0], |r| Ok((JudgeId(r.get(0)?), IdeaId(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ----- conflicts

const CONFLICT_COLUMNS: &str =
    "c.id, c.judge_id, c.idea_id, c.kind, c.note, c.round, c.declared_at, c.declared_by,
     c.at_meeting, c.withdrawn_at, c.withdrawn_by";

fn conflict_from_row(r: &Row<'_>) -> rusqlite::Result<Conflict> {
    let kind: String = r.get(3)?;
    let round: String = r.get(5)?;
    Ok(Conflict {
        id: ConflictId(r.get(0)?),
        judge: JudgeId(r.get(1)?),
        idea: IdeaId(r.get(2)?),
        // The CHECK constraint keeps unknown kinds out.
        kind: ConflictKind::from_code(&kind).unwrap_or(ConflictKind::Other),
        note: r.get(4)?,
        round: Stage::from_code(&round).unwrap_or(Stage::Shortlist),
        declared_at: r.get(6)?,
        declared_by: r.get(7)?,
        declared_at_meeting: r.get(8)?,
        withdrawn_at: r.get(9)?,
        withdrawn_by: r.get(10)?,
    })
}

pub fn conflict(conn: &Connection, id: ConflictId) -> Result<Conflict, StoreError> {
    conn.prepare_cached(&format!("SELECT {CONFLICT_COLUMNS} FROM conflicts c WHERE c.id = ?1"))?
        .query_row([id.0], conflict_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Conflict of interest {}", id.0) })
}

/// The judge's conflict with the idea that is still in force, if any.
pub fn open_conflict(
    conn: &Connection,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Option<Conflict>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM conflicts c WHERE c.judge_id = ?1 AND c.idea_id = ?2 AND c.withdrawn_at IS NULL"
        ))?
        .query_row(params![judge.0, idea.0], conflict_from_row)
        .optional()?)
}

/// The conflicts in force (not withdrawn) with one idea, oldest first.
pub fn open_conflicts_with(conn: &Connection, idea: IdeaId) -> Result<Vec<Conflict>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM conflicts c WHERE c.idea_id = ?1 AND c.withdrawn_at IS NULL ORDER BY c.id"
    ))?;
    let rows = stmt.query_map([idea.0], conflict_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every conflict declared by the challenge's judges, withdrawn ones included, oldest first.
pub fn conflicts(conn: &Connection, challenge: ChallengeId) -> Result<Vec<Conflict>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM conflicts c JOIN judges j ON j.id = c.judge_id
         WHERE j.challenge_id = ?1 ORDER BY c.id"
    ))?;
    let rows = stmt.query_map([challenge.0], conflict_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a conflict. The caller has checked there is no open one for the pair.
#[allow(clippy::too_many_arguments)]
pub fn insert_conflict(
    tx: &Transaction<'_>,
    judge: JudgeId,
    idea: IdeaId,
    conflict: &ValidConflict,
    round: Stage,
    at_meeting: bool,
    now: DateTime<Utc>,
    by: &str,
) -> Result<Conflict, StoreError> {
    tx.prepare_cached(
        "INSERT INTO conflicts (judge_id, idea_id, kind, note, round, declared_at, declared_by, at_meeting)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        judge.0,
        idea.0,
        conflict.kind.code(),
        conflict.note,
        round.code(),
        now,
        by,
        at_meeting
    ])?;
    self::conflict(tx, ConflictId(tx.last_insert_rowid()))
}

/// Marks a conflict withdrawn; the row stays on the record.
pub fn withdraw_conflict(
    tx: &Transaction<'_>,
    id: ConflictId,
    now: DateTime<Utc>,
    by: &str,
) -> Result<Conflict, StoreError> {
    tx.prepare_cached(
        "UPDATE conflicts SET withdrawn_at = ?2, withdrawn_by = ?3 WHERE id = ?1 AND withdrawn_at IS NULL",
    )?
    .execute(params![id.0, now, by])?;
    conflict(tx, id)
}

// ----- scores

const SCORE_COLUMNS: &str =
    "rubric_version_id, judge_id, idea_id, criterion, score, comment, status, revision, updated_at, updated_by";

fn score_from_row(r: &Row<'_>) -> rusqlite::Result<ScoreEntry> {
    let status: String = r.get(6)?;
    Ok(ScoreEntry {
        rubric_version: RubricVersionId(r.get(0)?),
        judge: JudgeId(r.get(1)?),
        idea: IdeaId(r.get(2)?),
        criterion: r.get(3)?,
        score: r.get(4)?,
        comment: r.get(5)?,
        // The CHECK constraint keeps other codes out; a draft is the cautious reading.
        status: ScoreStatus::from_code(&status).unwrap_or(ScoreStatus::Draft),
        revision: r.get(7)?,
        updated_at: r.get(8)?,
        updated_by: r.get(9)?,
    })
}

/// Every score under a rubric version, by judge, idea and criterion.
pub fn scores(conn: &Connection, version: RubricVersionId) -> Result<Vec<ScoreEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SCORE_COLUMNS} FROM scores WHERE rubric_version_id = ?1 ORDER BY judge_id, idea_id, criterion"
    ))?;
    let rows = stmt.query_map([version.0], score_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The submitted scores under a rubric version as (judge, idea, criterion, score): what the
/// results count, without the comments and times the results do not need (reading 60,000 of
/// those costs more than the maths).
pub fn submitted_values(
    conn: &Connection,
    version: RubricVersionId,
) -> Result<Vec<(JudgeId, IdeaId, String, i32)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, idea_id, criterion, score FROM scores WHERE rubric_version_id = ?1 AND status = 'submitted'",
    )?;
    let rows =
        stmt.query_map([version.0], |r| Ok((JudgeId(r.get(0)?), IdeaId(r.get(1)?), r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many scores under a rubric version are still drafts.
pub fn count_drafts(conn: &Connection, version: RubricVersionId) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM scores WHERE rubric_version_id = ?1 AND status = 'draft'")?
        .query_row([version.0], |r| r.get::<_, i64>(0))? as usize)
}

/// The round's ideas (as [`round_ideas`]) with their reference, title and current stage, by id.
pub fn round_idea_labels(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
) -> Result<Vec<(IdeaId, String, String, Stage)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, reference, title, stage FROM ideas WHERE id IN (
             SELECT idea_id FROM round_ideas WHERE challenge_id = ?1 AND stage = ?2
             UNION
             SELECT id FROM ideas WHERE challenge_id = ?1 AND stage = ?2 AND merged_into IS NULL)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![challenge.0, stage.code()], |r| {
        let at: String = r.get(3)?;
        Ok((IdeaId(r.get(0)?), r.get(1)?, r.get(2)?, Stage::from_code(&at).unwrap_or(Stage::Submitted)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One judge's scores for one idea under a rubric version, by criterion.
pub fn scores_for(
    conn: &Connection,
    version: RubricVersionId,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Vec<ScoreEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SCORE_COLUMNS} FROM scores WHERE rubric_version_id = ?1 AND judge_id = ?2 AND idea_id = ?3
         ORDER BY criterion"
    ))?;
    let rows = stmt.query_map(params![version.0, judge.0, idea.0], score_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many scores of the round were given under versions of its rubric other than `current`.
pub fn scores_under_other_versions(
    conn: &Connection,
    challenge: ChallengeId,
    stage: Stage,
    current: RubricVersionId,
) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM scores s JOIN rubric_versions v ON v.id = s.rubric_version_id
             WHERE v.challenge_id = ?1 AND v.stage = ?2 AND v.id <> ?3",
        )?
        .query_row(params![challenge.0, stage.code(), current.0], |r| r.get::<_, i64>(0))? as usize)
}

/// How many scores a judge has given under a rubric version.
pub fn count_scores_by(
    conn: &Connection,
    version: RubricVersionId,
    judge: JudgeId,
) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM scores WHERE rubric_version_id = ?1 AND judge_id = ?2")?
        .query_row(params![version.0, judge.0], |r| r.get::<_, i64>(0))? as usize)
}

/// Saves a score as a draft: a new one at revision 1, or a change to the same judge's score for
/// the same criterion with its revision one higher. An unchanged score is left as it is.
pub fn put_draft(
    tx: &Transaction<'_>,
    version: RubricVersionId,
    score: &ValidScore,
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO scores (rubric_version_id, judge_id, idea_id, criterion, score, comment, status, revision,
                             updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', 1, ?7, ?8)
         ON CONFLICT (rubric_version_id, judge_id, idea_id, criterion) DO UPDATE SET
             score = excluded.score, comment = excluded.comment, status = 'draft',
             revision = revision + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by
         WHERE score <> excluded.score OR comment <> excluded.comment OR status <> 'draft'",
    )?
    .execute(params![version.0, score.judge.0, score.idea.0, score.criterion, score.score, score.comment, now, by])?;
    Ok(())
}

/// Sets the status of every score a judge gave an idea under a version; returns how many
/// changed.
pub fn set_status(
    tx: &Transaction<'_>,
    version: RubricVersionId,
    judge: JudgeId,
    idea: IdeaId,
    status: ScoreStatus,
    now: DateTime<Utc>,
    by: &str,
) -> Result<usize, StoreError> {
    Ok(tx
        .prepare_cached(
            "UPDATE scores SET status = ?4, revision = revision + 1, updated_at = ?5, updated_by = ?6
             WHERE rubric_version_id = ?1 AND judge_id = ?2 AND idea_id = ?3 AND status <> ?4",
        )?
        .execute(params![version.0, judge.0, idea.0, status.code(), now, by])?)
}
