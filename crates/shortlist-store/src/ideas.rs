//! The `ideas` table and its companions: `idea_labels` (themes and tags, for filters with
//! counts) and `ideas_fts` (the full-text index). Every write keeps all three in step, in the
//! caller's transaction.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql, Transaction};
use shortlist_domain::{ChallengeId, Idea, IdeaDetails, IdeaId, IdeaSummary, Reference, Stage, ValidIdea};

use crate::{challenges, StoreError};

/// Lists (datasets, co-submitters, links) are JSON: they are shown and edited whole, never
/// filtered on. Themes and tags, which are filtered and counted, live in `idea_labels`.
/// `source_key` identifies the form response an idea was imported from, so importing the same
/// export again adds nothing. `merged_into` points at the idea a duplicate was merged into; the
/// duplicate stays, findable by its reference.
pub(crate) const M0002_CREATE: &str = "
CREATE TABLE ideas (
    id               INTEGER PRIMARY KEY,
    challenge_id     INTEGER NOT NULL REFERENCES challenges (id),
    reference        TEXT    NOT NULL UNIQUE,
    stage            TEXT    NOT NULL DEFAULT 'submitted',
    title            TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    problem          TEXT    NOT NULL DEFAULT '',
    data_description TEXT    NOT NULL DEFAULT '',
    datasets         TEXT    NOT NULL DEFAULT '[]',
    benefits         TEXT    NOT NULL DEFAULT '',
    submitter_name   TEXT    NOT NULL,
    submitter_email  TEXT    NOT NULL DEFAULT '',
    department       TEXT    NOT NULL,
    profession       TEXT    NOT NULL DEFAULT '',
    grade            TEXT    NOT NULL DEFAULT '',
    region           TEXT    NOT NULL DEFAULT '',
    co_submitters    TEXT    NOT NULL DEFAULT '[]',
    submitted_on     TEXT    NOT NULL,
    links            TEXT    NOT NULL DEFAULT '[]',
    notes            TEXT    NOT NULL DEFAULT '',
    source_key       TEXT,
    merged_into      INTEGER REFERENCES ideas (id),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
) STRICT;
CREATE INDEX ideas_by_challenge ON ideas (challenge_id, reference);
-- Covering indexes for the filter counts and sorts, so they never read the long text columns.
CREATE INDEX ideas_by_stage ON ideas (challenge_id, stage, merged_into);
CREATE INDEX ideas_by_department ON ideas (challenge_id, department, merged_into);
CREATE INDEX ideas_by_profession ON ideas (challenge_id, profession, merged_into);
CREATE INDEX ideas_by_grade ON ideas (challenge_id, grade, merged_into);
CREATE INDEX ideas_by_region ON ideas (challenge_id, region, merged_into);
CREATE INDEX ideas_by_submitted ON ideas (challenge_id, submitted_on, reference);
CREATE UNIQUE INDEX ideas_by_source ON ideas (challenge_id, source_key) WHERE source_key IS NOT NULL;
";

pub(crate) const M0003_LABELS: &str = "
CREATE TABLE idea_labels (
    idea_id  INTEGER NOT NULL REFERENCES ideas (id),
    kind     TEXT    NOT NULL CHECK (kind IN ('theme', 'tag')),
    label    TEXT    NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (idea_id, kind, label)
) STRICT;
CREATE INDEX idea_labels_by_label ON idea_labels (kind, label);
";

/// `remove_diacritics 2` makes `cafe` find `Café` and `Llyr` find `Llŷr`; the prefix indexes make
/// "each word as a prefix" searches fast.
pub(crate) const M0005_FTS: &str = "
CREATE VIRTUAL TABLE ideas_fts USING fts5 (
    reference, title, summary, problem, data_description, benefits, submitter_name, department, labels,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
";

/// The full-text index again, now also with 4-character prefixes. A search word is matched as a
/// prefix; when no prefix index has its length, FTS5 merges the lists of every word it begins
/// ("data" -> data, database, datasets, …) each time it looks a row up, and looking up the 50
/// rows of a page for their snippets took 30 ms for "data". Four letters covers the common short
/// search words. The content is copied from the old table, so nothing else changes.
pub(crate) const M0012_FTS_PREFIX_4: &str = "
CREATE VIRTUAL TABLE ideas_fts_prefix_4 USING fts5 (
    reference, title, summary, problem, data_description, benefits, submitter_name, department, labels,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
INSERT INTO ideas_fts_prefix_4 (rowid, reference, title, summary, problem, data_description, benefits,
        submitter_name, department, labels)
    SELECT rowid, reference, title, summary, problem, data_description, benefits, submitter_name, department, labels
    FROM ideas_fts;
DROP TABLE ideas_fts;
ALTER TABLE ideas_fts_prefix_4 RENAME TO ideas_fts;
";

/// What the register's search reads for every live idea of a challenge (see `search`), in one
/// covering index: reading it from the table meant reading every idea's long text as well.
pub(crate) const M0013_REGISTER_INDEX: &str = "
CREATE INDEX ideas_register ON ideas (
    challenge_id, merged_into, reference, title, submitter_name, department, stage, submitted_on, updated_at,
    profession, grade, region
);
";

/// A larger in-memory buffer for the full-text index's pending entries: 16 MB rather than
/// FTS5's default 1 MB (`hashsize` is stored in the index's own config table, so it holds on
/// every connection). With 1 MB a 10,000-row import flushed the buffer to disk dozens of times
/// and merged those segments again and again (half of the index's cost, about 0.4 s); with
/// 16 MB the buffer is written once, when the transaction commits. Small writes, which flush at
/// commit anyway, are unchanged; at most 16 MB more memory is held during a bulk write.
pub(crate) const M0016_FTS_HASHSIZE: &str = "
INSERT INTO ideas_fts (ideas_fts, rank) VALUES ('hashsize', 16777216);
";

/// The full-text index keeps only the index, no second copy of the text: its content is read
/// from `ideas` (and `idea_labels`) through the view `ideas_search_text`, which gives exactly the
/// columns the index had, labels being the themes then the tags, each in their order, joined by
/// spaces (what was indexed before). The copy (`ideas_fts_content`) was 16 MB for 10,000 ideas,
/// written once into the WAL and once more into the file by every import.
///
/// External content is read only for snippets; ranking reads the index's own `ideas_fts_docsize`.
/// The index is rebuilt from the view, with the same tokenizer, prefixes and buffer size. (No
/// database before this one has the view; dropping it first only makes the step safe to rerun.)
/// Every write to an idea's indexed text must now remove its old entry with the values it was
/// indexed with (the `'delete'` command; see [`update`]), which the view supplies.
pub(crate) const M0017_FTS_EXTERNAL_CONTENT: &str = "
DROP VIEW IF EXISTS ideas_search_text;
CREATE VIEW ideas_search_text (id, reference, title, summary, problem, data_description, benefits,
        submitter_name, department, labels) AS
    SELECT id, reference, title, summary, problem, data_description, benefits, submitter_name, department,
        (SELECT coalesce(group_concat(label, ' ' ORDER BY kind DESC, position), '')
         FROM idea_labels WHERE idea_id = ideas.id)
    FROM ideas;
DROP TABLE ideas_fts;
CREATE VIRTUAL TABLE ideas_fts USING fts5 (
    reference, title, summary, problem, data_description, benefits, submitter_name, department, labels,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4',
    content = 'ideas_search_text',
    content_rowid = 'id'
);
INSERT INTO ideas_fts (ideas_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO ideas_fts (ideas_fts) VALUES ('rebuild');
";

/// Whether the submitter agreed to their name being published with the idea (issue #18's
/// published longlist). Ideas already stored were never asked, so no. The co-submitters' consent
/// travels in their JSON.
pub(crate) const M0020_SUBMITTER_CONSENT: &str = "
ALTER TABLE ideas ADD COLUMN submitter_consent INTEGER NOT NULL DEFAULT 0 CHECK (submitter_consent IN (0, 1));
";

const COLUMNS: &str = "id, challenge_id, reference, stage, title, summary, problem, data_description, datasets, \
    benefits, submitter_name, submitter_email, department, profession, grade, region, co_submitters, submitted_on, \
    links, notes, created_at, updated_at, (SELECT m.reference FROM ideas m WHERE m.id = ideas.merged_into), \
    submitter_consent";

fn json<T: serde::de::DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn stage(row: &Row<'_>, idx: usize) -> rusqlite::Result<Stage> {
    let code: String = row.get(idx)?;
    Stage::from_code(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown stage {code:?}").into(),
        )
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Idea> {
    Ok(Idea {
        id: IdeaId(row.get(0)?),
        challenge_id: ChallengeId(row.get(1)?),
        reference: Reference(row.get(2)?),
        stage: stage(row, 3)?,
        merged_into: row.get::<_, Option<String>>(22)?.map(Reference),
        details: IdeaDetails {
            title: row.get(4)?,
            summary: row.get(5)?,
            problem: row.get(6)?,
            data_description: row.get(7)?,
            datasets: json(row, 8)?,
            benefits: row.get(9)?,
            submitter_name: row.get(10)?,
            submitter_email: row.get(11)?,
            submitter_consent: row.get(23)?,
            department: row.get(12)?,
            profession: row.get(13)?,
            grade: row.get(14)?,
            region: row.get(15)?,
            co_submitters: json(row, 16)?,
            submitted_on: row.get(17)?,
            themes: Vec::new(),
            tags: Vec::new(),
            links: json(row, 18)?,
            notes: row.get(19)?,
        },
        created_at: row.get(20)?,
        updated_at: row.get(21)?,
    })
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "ideas.id, ideas.reference, ideas.title, ideas.submitter_name, ideas.department, ideas.stage, ideas.submitted_on, ideas.updated_at";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<IdeaSummary> {
    Ok(IdeaSummary {
        id: IdeaId(r.get(0)?),
        reference: Reference(r.get(1)?),
        title: r.get(2)?,
        submitter_name: r.get(3)?,
        department: r.get(4)?,
        stage: stage(r, 5)?,
        submitted_on: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

fn with_labels(conn: &Connection, mut idea: Idea) -> Result<Idea, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT kind, label FROM idea_labels WHERE idea_id = ?1 ORDER BY kind, position")?;
    let rows = stmt.query_map([idea.id.0], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (kind, label) = row?;
        if kind == "theme" {
            idea.details.themes.push(label);
        } else {
            idea.details.tags.push(label);
        }
    }
    Ok(idea)
}

/// A challenge's ideas in reference order, without their long text.
pub fn list(conn: &Connection, challenge: ChallengeId) -> Result<Vec<IdeaSummary>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM ideas WHERE challenge_id = ?1 ORDER BY reference"
    ))?;
    let rows = stmt.query_map([challenge.0], summary_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One idea as its register row, without the long text.
pub fn get_summary(conn: &Connection, id: IdeaId) -> Result<IdeaSummary, StoreError> {
    conn.prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM ideas WHERE id = ?1"))?
        .query_row([id.0], summary_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Idea {}", id.0) })
}

pub fn count(conn: &Connection, challenge: ChallengeId) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM ideas WHERE challenge_id = ?1", [challenge.0], |r| r.get(0))?)
}

pub fn get(conn: &Connection, id: IdeaId) -> Result<Idea, StoreError> {
    // Cached: exports and merges read ideas one after another.
    let idea = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM ideas WHERE id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Idea {}", id.0) })?;
    with_labels(conn, idea)
}

pub fn get_by_reference(conn: &Connection, reference: &str) -> Result<Idea, StoreError> {
    let idea = conn
        .query_row(&format!("SELECT {COLUMNS} FROM ideas WHERE reference = ?1"), [reference], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Idea {reference}") })?;
    with_labels(conn, idea)
}

/// The idea already imported from this form response, if any.
pub fn find_by_source(
    conn: &Connection,
    challenge: ChallengeId,
    source_key: &str,
) -> Result<Option<IdeaId>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM ideas WHERE challenge_id = ?1 AND source_key = ?2",
            params![challenge.0, source_key],
            |r| r.get(0).map(IdeaId),
        )
        .optional()?)
}

/// The form responses already imported into a challenge: one read for a whole import rather
/// than one lookup per row.
pub fn source_keys(conn: &Connection, challenge: ChallengeId) -> Result<HashSet<String>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT source_key FROM ideas WHERE challenge_id = ?1 AND source_key IS NOT NULL")?;
    let rows = stmt.query_map([challenge.0], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain structs of strings cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

/// The columns a person edits, in the order [`Editable::values`] gives them.
const EDITABLE_COLUMNS: [&str; 17] = [
    "title",
    "summary",
    "problem",
    "data_description",
    "datasets",
    "benefits",
    "submitter_name",
    "submitter_email",
    "department",
    "profession",
    "grade",
    "region",
    "co_submitters",
    "submitted_on",
    "links",
    "notes",
    "submitter_consent",
];

/// An idea's editable values ready to bind, shared by insert and update so the two can never
/// disagree on a column.
struct Editable<'a> {
    idea: &'a ValidIdea,
    datasets: String,
    co_submitters: String,
    links: String,
}

impl<'a> Editable<'a> {
    fn of(idea: &'a ValidIdea) -> Self {
        Editable {
            idea,
            datasets: to_json(&idea.datasets),
            co_submitters: to_json(&idea.co_submitters),
            links: to_json(&idea.links),
        }
    }

    fn values(&self) -> [&dyn ToSql; 17] {
        let i = self.idea;
        [
            &i.title,
            &i.summary,
            &i.problem,
            &i.data_description,
            &self.datasets,
            &i.benefits,
            &i.submitter_name,
            &i.submitter_email,
            &i.department,
            &i.profession,
            &i.grade,
            &i.region,
            &self.co_submitters,
            &i.submitted_on,
            &self.links,
            &i.notes,
            &i.submitter_consent,
        ]
    }
}

/// Adds an idea with the challenge's next reference. `source_key` marks an imported response.
pub fn insert(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    idea: &ValidIdea,
    source_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Idea, StoreError> {
    let (prefix, number) = challenges::take_idea_number(tx, challenge)?;
    let reference = Reference::new(&prefix, number);
    let id = insert_row(tx, challenge, &reference, idea, source_key, now)?;
    get(tx, id)
}

/// Adds many ideas with the challenge's next references, in order, and returns each one's id and
/// reference: for imports, which need no more than that back. The same rows as [`insert`] one by
/// one, but the numbers are taken in one statement and nothing is read back.
pub fn insert_many<'a>(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    ideas: &[(&'a ValidIdea, Option<&'a str>)],
    now: DateTime<Utc>,
) -> Result<Vec<(IdeaId, Reference)>, StoreError> {
    if ideas.is_empty() {
        return Ok(Vec::new());
    }
    let count = i64::try_from(ideas.len()).unwrap_or(i64::MAX);
    let (prefix, first) = challenges::take_idea_numbers(tx, challenge, count)?;
    let mut out = Vec::with_capacity(ideas.len());
    let mut labels = Vec::with_capacity(ideas.len());
    for (number, &(idea, source_key)) in (first..).zip(ideas) {
        let reference = Reference::new(&prefix, number);
        let (id, text) = insert_row_only(tx, challenge, &reference, idea, source_key, now)?;
        out.push((id, reference));
        labels.push(text);
    }
    // The full-text entries after every row, not between them. Each row's INSERT fires the
    // audit trail's triggers, so it runs in a statement savepoint; once the index is part of the
    // transaction, FTS5 writes its in-memory buffer to disk at every savepoint. Interleaved, an
    // import of 10,000 ideas wrote 10,000 tiny segments and spent seconds merging them.
    for ((id, reference), (&(idea, _), labels)) in out.iter().zip(ideas.iter().zip(&labels)) {
        add_to_index(tx, *id, reference, idea, labels)?;
    }
    Ok(out)
}

/// Adds a copy of another installation's idea under the reference it has there (a judge's copy
/// of the ideas in their bundle). The challenge's own counter is not used: the copy's references
/// are the secretariat's.
pub fn insert_copy(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    reference: &Reference,
    idea: &ValidIdea,
    now: DateTime<Utc>,
) -> Result<IdeaId, StoreError> {
    insert_row(tx, challenge, reference, idea, None, now)
}

/// The statement [`insert_row`] runs, built once: formatting it for every row of a 10,000-row
/// import only to look it up in the statement cache cost a few milliseconds for nothing.
fn insert_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "INSERT INTO ideas (challenge_id, reference, {}, source_key, created_at, updated_at) VALUES ({})",
            EDITABLE_COLUMNS.join(", "),
            vec!["?"; EDITABLE_COLUMNS.len() + 5].join(", ")
        )
    })
}

/// Writes a new idea's row, its labels and its full-text entry.
fn insert_row(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    reference: &Reference,
    idea: &ValidIdea,
    source_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<IdeaId, StoreError> {
    let (id, labels) = insert_row_only(tx, challenge, reference, idea, source_key, now)?;
    add_to_index(tx, id, reference, idea, &labels)?;
    Ok(id)
}

/// Writes the idea's row and labels; returns its id and its labels as the index has them.
fn insert_row_only(
    tx: &Transaction<'_>,
    challenge: ChallengeId,
    reference: &Reference,
    idea: &ValidIdea,
    source_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(IdeaId, String), StoreError> {
    let editable = Editable::of(idea);
    let mut values: Vec<&dyn ToSql> = vec![&challenge.0];
    values.push(&reference.0);
    values.extend(editable.values());
    values.extend([&source_key as &dyn ToSql, &now, &now]);
    tx.prepare_cached(insert_sql())?.execute(values.as_slice())?;
    let id = IdeaId(tx.last_insert_rowid());
    let labels = write_labels(tx, id, idea)?;
    Ok((id, labels))
}

/// A new idea's full-text entry. A new id has no entry yet, so there is nothing to delete
/// first. The values are those just written, so the same as the view `ideas_search_text`
/// gives (read back from it, it cost a query per row).
fn add_to_index(
    tx: &Transaction<'_>,
    id: IdeaId,
    reference: &Reference,
    i: &ValidIdea,
    labels: &str,
) -> Result<(), StoreError> {
    let text = [
        &*reference.0,
        &i.title,
        &i.summary,
        &i.problem,
        &i.data_description,
        &i.benefits,
        &i.submitter_name,
        &i.department,
        labels,
    ];
    write_fts(tx, FtsWrite::Add, id, text)
}

/// Replaces an idea's editable fields; its reference, stage and creation time never change here.
pub fn update(
    tx: &Transaction<'_>,
    id: IdeaId,
    idea: &ValidIdea,
    now: DateTime<Utc>,
) -> Result<Idea, StoreError> {
    let editable = Editable::of(idea);
    let mut values: Vec<&dyn ToSql> = editable.values().to_vec();
    values.extend([&now as &dyn ToSql, &id.0]);
    // The old entry goes first, while the view still gives the text it was indexed with.
    let old = search_text(tx, id)?;
    write_fts(tx, FtsWrite::Remove, id, old.each_ref().map(String::as_str))?;
    let sets: Vec<String> = EDITABLE_COLUMNS.iter().map(|c| format!("{c} = ?")).collect();
    let changed = tx
        .prepare_cached(&format!("UPDATE ideas SET {}, updated_at = ? WHERE id = ?", sets.join(", ")))?
        .execute(values.as_slice())?;
    if changed == 0 {
        return Err(StoreError::NotFound { what: format!("Idea {}", id.0) });
    }
    tx.execute("DELETE FROM idea_labels WHERE idea_id = ?1", [id.0])?;
    write_labels(tx, id, idea)?;
    let new = search_text(tx, id)?;
    write_fts(tx, FtsWrite::Add, id, new.each_ref().map(String::as_str))?;
    get(tx, id)
}

/// Records that `duplicate` was merged into `kept`. A duplicate leaving a round being scored
/// stays one of its ideas ([`crate::judging::keep_in_round`]).
pub fn mark_merged(
    tx: &Transaction<'_>,
    duplicate: IdeaId,
    kept: IdeaId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    crate::judging::keep_in_round(tx, duplicate)?;
    tx.execute(
        "UPDATE ideas SET merged_into = ?2, updated_at = ?3 WHERE id = ?1",
        params![duplicate.0, kept.0, now],
    )?;
    Ok(())
}

/// The idea this one was merged into, if it was.
pub fn merged_into(conn: &Connection, id: IdeaId) -> Result<Option<IdeaId>, StoreError> {
    Ok(conn
        .query_row("SELECT merged_into FROM ideas WHERE id = ?1", [id.0], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .flatten()
        .map(IdeaId))
}

/// Writes the idea's themes and tags, and returns them as the full-text index's `labels` column
/// has them (see `ideas_search_text`): the themes then the tags, in order, joined by spaces,
/// leaving out any repeat the table ignored.
fn write_labels(tx: &Transaction<'_>, id: IdeaId, idea: &ValidIdea) -> Result<String, StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO idea_labels (idea_id, kind, label, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut written = String::new();
    for (kind, labels) in [("theme", &idea.themes), ("tag", &idea.tags)] {
        for (i, label) in labels.iter().enumerate() {
            if stmt.execute(params![id.0, kind, label, i as i64])? == 1 {
                if !written.is_empty() {
                    written.push(' ');
                }
                written.push_str(label);
            }
        }
    }
    Ok(written)
}

/// The full-text index's columns, in the order of its table and of the view `ideas_search_text`.
const FTS_COLUMNS: &str =
    "reference, title, summary, problem, data_description, benefits, submitter_name, department, labels";

/// Whether [`write_fts`] adds an entry or removes one.
#[derive(Clone, Copy)]
enum FtsWrite {
    Add,
    Remove,
}

/// The idea's text as the full-text index has it, from the view `ideas_search_text`.
fn search_text(tx: &Transaction<'_>, id: IdeaId) -> Result<[String; 9], StoreError> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| format!("SELECT {FTS_COLUMNS} FROM ideas_search_text WHERE id = ?1"));
    tx.prepare_cached(sql)?
        .query_row([id.0], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ])
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: format!("Idea {}", id.0) })
}

/// Adds the idea's entry to the full-text index, or removes it. The index keeps no copy of the
/// text, so an entry is removed by giving the text it was indexed with (FTS5's `'delete'`):
/// the idea's row and labels before they change, every change to them re-indexing the idea.
///
/// One row at a time with `VALUES`, never `INSERT … SELECT`: a statement that may write many
/// rows opens a savepoint, and FTS5 writes its whole in-memory buffer to disk at each one (an
/// import wrote 10,000 tiny segments and took three times as long).
fn write_fts(tx: &Transaction<'_>, what: FtsWrite, id: IdeaId, text: [&str; 9]) -> Result<(), StoreError> {
    static ADD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static REMOVE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = match what {
        FtsWrite::Add => ADD.get_or_init(|| {
            format!("INSERT INTO ideas_fts (rowid, {FTS_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        }),
        FtsWrite::Remove => REMOVE.get_or_init(|| {
            format!(
                "INSERT INTO ideas_fts (ideas_fts, rowid, {FTS_COLUMNS})
                 VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            )
        }),
    };
    let [reference, title, summary, problem, data, benefits, submitter, department, labels] = text;
    tx.prepare_cached(sql)?.execute(params![
        id.0, reference, title, summary, problem, data, benefits, submitter, department, labels
    ])?;
    Ok(())
}

/// What duplicate detection compares, for every live (not merged) idea of a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparableIdea {
    pub id: IdeaId,
    pub reference: Reference,
    pub title: String,
    pub summary: String,
    pub submitter_name: String,
    pub submitter_email: String,
}

pub fn comparable(conn: &Connection, challenge: ChallengeId) -> Result<Vec<ComparableIdea>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, reference, title, summary, submitter_name, submitter_email FROM ideas
         WHERE challenge_id = ?1 AND merged_into IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([challenge.0], |r| {
        Ok(ComparableIdea {
            id: IdeaId(r.get(0)?),
            reference: Reference(r.get(1)?),
            title: r.get(2)?,
            summary: r.get(3)?,
            submitter_name: r.get(4)?,
            submitter_email: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The fields of an idea that may hold personal data: its submitters, and the free text that
/// may name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalFields {
    pub id: IdeaId,
    pub reference: String,
    pub submitter_name: String,
    pub submitter_email: String,
    /// JSON, as stored: `[{"name": …, "email": …}]`.
    pub co_submitters: String,
    pub title: String,
    pub summary: String,
    pub problem: String,
    pub data_description: String,
    pub benefits: String,
    pub notes: String,
}

const PERSONAL_COLUMNS: &str =
    "id, reference, submitter_name, submitter_email, co_submitters, title, summary, \
     problem, data_description, benefits, notes";

fn personal_from_row(r: &Row<'_>) -> rusqlite::Result<PersonalFields> {
    Ok(PersonalFields {
        id: IdeaId(r.get(0)?),
        reference: r.get(1)?,
        submitter_name: r.get(2)?,
        submitter_email: r.get(3)?,
        co_submitters: r.get(4)?,
        title: r.get(5)?,
        summary: r.get(6)?,
        problem: r.get(7)?,
        data_description: r.get(8)?,
        benefits: r.get(9)?,
        notes: r.get(10)?,
    })
}

/// Every idea of a challenge (merged ones too), with the fields that may hold personal data.
pub fn personal_fields(conn: &Connection, challenge: ChallengeId) -> Result<Vec<PersonalFields>, StoreError> {
    let mut stmt =
        conn.prepare(&format!("SELECT {PERSONAL_COLUMNS} FROM ideas WHERE challenge_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([challenge.0], personal_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every idea in any challenge whose submitter or a co-submitter has this email address
/// (compared without regard to case).
pub fn personal_fields_by_email(conn: &Connection, email: &str) -> Result<Vec<PersonalFields>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PERSONAL_COLUMNS} FROM ideas
         WHERE lower(submitter_email) = lower(?1)
            OR EXISTS (SELECT 1 FROM json_each(ideas.co_submitters) c
                       WHERE lower(json_extract(c.value, '$.email')) = lower(?1))
         ORDER BY id"
    ))?;
    let rows = stmt.query_map([email.trim()], personal_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes `fields` over the idea's, in place, and re-indexes it for search. No timeline entry:
/// an erasure scrubs the timeline itself (see [`crate::history::rewrite`]) rather than adding
/// the old names to it. The audit trail's trigger records the change; the caller redacts it.
pub fn replace_personal_fields(tx: &Transaction<'_>, fields: &PersonalFields) -> Result<(), StoreError> {
    let before = search_text(tx, fields.id)?;
    write_fts(tx, FtsWrite::Remove, fields.id, before.each_ref().map(String::as_str))?;
    tx.prepare_cached(
        "UPDATE ideas SET submitter_name = ?2, submitter_email = ?3, co_submitters = ?4, title = ?5, summary = ?6,
             problem = ?7, data_description = ?8, benefits = ?9, notes = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        fields.id.0,
        fields.submitter_name,
        fields.submitter_email,
        fields.co_submitters,
        fields.title,
        fields.summary,
        fields.problem,
        fields.data_description,
        fields.benefits,
        fields.notes
    ])?;
    let after = search_text(tx, fields.id)?;
    write_fts(tx, FtsWrite::Add, fields.id, after.each_ref().map(String::as_str))?;
    Ok(())
}
