//! The `audit_log` table: a tamper-evident record of every write.
//!
//! * **What is recorded.** Triggers on every table that holds the challenge's substance (ideas,
//!   their labels, screenings, evaluations, decisions, moves, judges, panels, scores, returns,
//!   settings …) append one entry per row inserted, updated or deleted: for an update the row
//!   before and after as JSON, for a delete the row before, for an insert which row (the row as
//!   inserted is the row itself until its first update, whose `old` it then is). Use cases add entries of their own for what is not a row (protection set,
//!   a backup restored) with [`note`]. Derived tables (the full-text index, each idea's
//!   timeline) are not audited: they follow from the audited ones.
//! * **Who and when.** A trigger cannot know who is working, so its entries start unsealed.
//!   [`crate::Store::write`] seals the entries its own transaction made before committing:
//!   it stamps them with the time (from the clock the app passes in) and the person (the
//!   display name saved in Settings, else the app's fallback), and chains them.
//! * **The chain.** Each sealed entry's hash is SHA-256 over the previous sealed entry's hash and
//!   a canonical form of the entry (a JSON array of its fields, in order). Changing, inserting or
//!   deleting an entry in the middle breaks every hash after it; [`verify`] finds the first.
//! * **Edits behind the app's back.** The triggers are in the database file, so they fire for
//!   any program that writes to it (the `sqlite3` tool, say); that program cannot seal its
//!   entries, and [`verify`] names the first unsealed one. Dropping the triggers first is noticed
//!   too: the triggers' SQL is checked by [`verify`], and when the store opens a database whose
//!   triggers are missing or changed without an upgrade it puts them back and records that it
//!   had to, in a sealed entry that [`verify`] reports.
//! * **Erasing personal data without breaking the chain.** The hash covers each entry's
//!   `old` and `new` through their SHA-256 digests (`old_sha`, `new_sha`), kept beside them. So
//!   when a submitter's personal data is erased, the entries that hold it can be rewritten
//!   ([`redact`]) and the chain still verifies. Each rewritten entry names the erasure entry that
//!   rewrote it (`redacted_by`), and that entry records a digest of every rewritten text: an
//!   entry marked redacted and then changed again, or marked by someone else, does not match it.
//! * **The limit.** Someone who rewrites the whole chain from the first entry with a new hash
//!   for each is not caught by the file alone: that is what the chain head's fingerprint is for,
//!   printed on the results pack so that a page on paper pins the state it came from.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest as _, Sha256};

use crate::StoreError;

pub(crate) const M0018_AUDIT: &str = "
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT,
    actor   TEXT,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    row_id  INTEGER,
    old     TEXT,
    new     TEXT,
    old_sha TEXT,
    new_sha TEXT,
    hash    TEXT,
    redacted_by INTEGER
) STRICT;
";

/// The tables whose every change is recorded.
pub const AUDITED_TABLES: &[&str] = &[
    "challenges",
    "challenge_rounds",
    "challenge_retention",
    "ideas",
    "idea_labels",
    "duplicate_flags",
    "screenings",
    "evaluations",
    "decisions",
    "stage_moves",
    "judges",
    "judge_keys",
    "conflicts",
    "rubric_versions",
    "round_panels",
    "round_panel_judges",
    "round_ideas",
    "assignments",
    "dismissed_conflict_suggestions",
    "scores",
    "score_conflicts",
    "score_returns",
    "received_bundles",
    "sent_bundles",
    "sent_returns",
    "settings",
    "idea_feedback",
    "closing_settings",
    "pair_schedule",
    "comparisons",
];

/// The hash the first entry chains from.
const GENESIS: &str = "shortlist-audit-v1";

/// Who and when, for sealing: the app's clock, and the name used when none is saved.
pub struct Context {
    pub clock: std::sync::Arc<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync>,
    pub fallback_actor: Option<String>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("fallback_actor", &self.fallback_actor).finish_non_exhaustive()
    }
}

impl Default for Context {
    fn default() -> Self {
        Context { clock: std::sync::Arc::new(chrono::Utc::now), fallback_actor: None }
    }
}

/// The trigger SQL for one table, from its columns (name, declared type).
fn triggers_for(table: &str, columns: &[(String, String)]) -> Vec<(String, String)> {
    let object = |row: &str| {
        let pairs: Vec<String> = columns
            .iter()
            .map(|(name, ty)| {
                // JSON cannot hold a BLOB: its hex stands for it.
                let value = if ty.eq_ignore_ascii_case("BLOB") {
                    format!("hex({row}.\"{name}\")")
                } else {
                    format!("{row}.\"{name}\"")
                };
                format!("'{name}', {value}")
            })
            .collect();
        format!("json_object({})", pairs.join(", "))
    };
    let (old, new) = (object("OLD"), object("NEW"));
    let make = |event: &str, row_id: &str, old: &str, new: &str| {
        let name = format!("audit_{table}_{}", event.to_lowercase());
        let sql = format!(
            "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN \
             INSERT INTO audit_log (action, subject, row_id, old, new) \
             VALUES ('{action}', '{table}', {row_id}, {old}, {new}); END",
            action = event.to_lowercase()
        );
        (name, sql)
    };
    vec![
        // An insert records which row, not the row: the row as inserted is the row itself, or
        // the `old` of its first update. Writing it out again made an import of 10,000 ideas
        // write every idea twice.
        make("INSERT", "NEW.rowid", "NULL", "NULL"),
        make("UPDATE", "NEW.rowid", &old, &new),
        make("DELETE", "OLD.rowid", &old, "NULL"),
    ]
}

fn expected_triggers(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut all = Vec::new();
    for table in AUDITED_TABLES {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let columns: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        all.extend(triggers_for(table, &columns));
    }
    Ok(all)
}

fn present_triggers(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\' ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// The audited tables whose triggers are missing or not as expected.
fn trigger_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let present = present_triggers(conn)?;
    let mut tables: Vec<String> = Vec::new();
    for (name, sql) in expected_triggers(conn)? {
        if !present.iter().any(|(n, s)| *n == name && *s == sql) {
            let table = AUDITED_TABLES.iter().find(|t| name.starts_with(&format!("audit_{t}_"))).copied();
            if let Some(table) = table.filter(|t| !tables.iter().any(|x| x == t)) {
                tables.push(table.to_owned());
            }
        }
    }
    Ok(tables)
}

/// Makes the triggers match the schema, after migrations on every open. `upgraded` says the
/// schema was just migrated (so changed triggers are expected). Otherwise a database whose
/// triggers are missing or changed has been written by something else: they are put back, and
/// an entry says which were not as Shortlist left them.
pub(crate) fn ensure_triggers(tx: &Transaction<'_>, upgraded: bool) -> Result<(), StoreError> {
    let problems = trigger_problems(tx)?;
    if problems.is_empty() {
        return Ok(());
    }
    for (name, _) in present_triggers(tx)? {
        tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    for (_, sql) in expected_triggers(tx)? {
        tx.execute_batch(&sql)?;
    }
    let has_entries: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0))?;
    if has_entries && !upgraded {
        note(tx, "triggers-restored", "audit trail", &serde_json::json!({ "tables": problems }).to_string())?;
    }
    Ok(())
}

/// Appends an entry for something that is not a row (protection set, a backup restored). It is
/// sealed with the rest of the transaction's entries.
pub fn note(tx: &Transaction<'_>, action: &str, subject: &str, detail_json: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit_log (action, subject, new) VALUES (?1, ?2, ?3)",
        params![action, subject, detail_json],
    )?;
    Ok(())
}

/// The id of the newest entry: entries after it belong to the transaction that asked.
pub(crate) fn last_id(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    Ok(tx.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?)
}

struct Entry {
    id: i64,
    at: Option<String>,
    actor: Option<String>,
    action: String,
    subject: String,
    row_id: Option<i64>,
    old: Option<String>,
    new: Option<String>,
    old_sha: Option<String>,
    new_sha: Option<String>,
    hash: Option<String>,
    redacted_by: Option<i64>,
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        subject: r.get(4)?,
        row_id: r.get(5)?,
        old: r.get(6)?,
        new: r.get(7)?,
        old_sha: r.get(8)?,
        new_sha: r.get(9)?,
        hash: r.get(10)?,
        redacted_by: r.get(11)?,
    })
}

const ENTRY_COLUMNS: &str =
    "id, at, actor, action, subject, row_id, old, new, old_sha, new_sha, hash, redacted_by";

/// Lower-case hex, without a `format!` per byte (a 10,000-row import seals tens of thousands of
/// entries, three digests each).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The digest of an entry's `old` or `new` (empty for NULL).
fn text_sha(text: Option<&str>) -> String {
    match text {
        Some(text) => sha_hex(text.as_bytes()),
        None => String::new(),
    }
}

fn chain_hash(prev: &str, e: &Entry, at: &str, actor: &str, old_sha: &str, new_sha: &str) -> String {
    let canonical =
        serde_json::json!([e.id, at, actor, e.action, e.subject, e.row_id, old_sha, new_sha]).to_string();
    let mut hasher = Sha256::new();
    hasher.update(prev.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hex(&hasher.finalize())
}

/// Seals the entries after `after`: stamps each with the time and the person and chains it.
pub(crate) fn seal(tx: &Transaction<'_>, after: i64, context: &Context) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE id > ?1 AND hash IS NULL ORDER BY id"
    ))?;
    let pending: Vec<Entry> = stmt.query_map([after], entry)?.collect::<Result<_, _>>()?;
    if pending.is_empty() {
        return Ok(());
    }
    let saved_name: Option<String> = tx
        .query_row("SELECT value FROM settings WHERE key = 'display_name'", [], |r| r.get(0))
        .optional()?
        .filter(|n: &String| !n.trim().is_empty());
    let actor = saved_name.or_else(|| context.fallback_actor.clone()).unwrap_or_else(|| "unknown".to_owned());
    let at = (context.clock)().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut prev: String = tx
        .query_row(
            "SELECT hash FROM audit_log WHERE id <= ?1 AND hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [after],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_owned());
    // (hash, old_sha, new_sha) per entry, in order.
    let mut sealed: Vec<[String; 3]> = Vec::with_capacity(pending.len());
    for e in &pending {
        let (old_sha, new_sha) = (text_sha(e.old.as_deref()), text_sha(e.new.as_deref()));
        let hash = chain_hash(&prev, e, &at, &actor, &old_sha, &new_sha);
        prev = hash.clone();
        sealed.push([hash, old_sha, new_sha]);
    }
    let first = pending[0].id;
    let contiguous = pending.iter().enumerate().all(|(i, e)| e.id == first + i as i64);
    if contiguous {
        // One statement however many entries (an import makes tens of thousands): each column's
        // digests go in as one blob of 32-byte digests, each row taking its own slice (byte
        // offsets, so each lookup is constant time). An empty digest (no text) is 32 zero bytes.
        let blob = |k: usize| -> Vec<u8> {
            let mut out = Vec::with_capacity(sealed.len() * 32);
            for digests in &sealed {
                let digest = digests[k].as_bytes();
                if digest.is_empty() {
                    out.extend([0u8; 32]);
                } else {
                    let nibble = |c: u8| if c.is_ascii_digit() { c - b'0' } else { c - b'a' + 10 };
                    out.extend(digest.chunks_exact(2).map(|pair| (nibble(pair[0]) << 4) | nibble(pair[1])));
                }
            }
            out
        };
        tx.prepare_cached(
            "UPDATE audit_log SET at = ?1, actor = ?2,
                 hash = lower(hex(substr(?3, (id - ?4) * 32 + 1, 32))),
                 old_sha = CASE WHEN old IS NULL THEN '' ELSE lower(hex(substr(?6, (id - ?4) * 32 + 1, 32))) END,
                 new_sha = CASE WHEN new IS NULL THEN '' ELSE lower(hex(substr(?7, (id - ?4) * 32 + 1, 32))) END
             WHERE id BETWEEN ?4 AND ?5",
        )?
        .execute(params![at, actor, blob(0), first, first + sealed.len() as i64 - 1, blob(1), blob(2)])?;
    } else {
        let mut update = tx.prepare_cached(
            "UPDATE audit_log SET at = ?1, actor = ?2, hash = ?3, old_sha = ?5, new_sha = ?6 WHERE id = ?4",
        )?;
        for (e, [hash, old_sha, new_sha]) in pending.iter().zip(&sealed) {
            update.execute(params![at, actor, hash, e.id, old_sha, new_sha])?;
        }
    }
    Ok(())
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Entries in the trail.
    pub entries: i64,
    /// The first entry that is not as Shortlist sealed it, and why; `None` when intact.
    pub first_problem: Option<Problem>,
    /// The short fingerprint of the newest entry's hash (see [`fingerprint`]).
    pub head: Option<String>,
}

/// One entry that breaks the trail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The entry's number, or `None` for a problem with the triggers themselves.
    pub entry: Option<i64>,
    pub at: Option<String>,
    /// What it records: e.g. "update of ideas row 12".
    pub what: String,
    pub reason: String,
}

/// Walks the whole trail, checking every seal and the chain, and the triggers.
pub fn verify(conn: &Connection) -> Result<Verification, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut entries = 0;
    let mut first_problem = None;
    // Erasure entry id → the entries it rewrote (id, old, new); and each erasure entry's JSON.
    let mut redactions: std::collections::BTreeMap<i64, Vec<Rewritten>> = Default::default();
    let mut erasures: Vec<(i64, Option<String>)> = Vec::new();
    while let Some(row) = rows.next()? {
        let e = entry(row)?;
        entries += 1;
        if first_problem.is_some() {
            continue;
        }
        let what = match e.row_id {
            Some(id) => format!("{} of {} row {id}", e.action, e.subject),
            None => format!("{} ({})", e.action, e.subject),
        };
        let problem = |reason: &str| Problem {
            entry: Some(e.id),
            at: e.at.clone(),
            what: what.clone(),
            reason: reason.to_owned(),
        };
        match (&e.hash, &e.at, &e.actor, &e.old_sha, &e.new_sha) {
            (Some(hash), Some(at), Some(actor), Some(old_sha), Some(new_sha)) => {
                let text_matches =
                    *old_sha == text_sha(e.old.as_deref()) && *new_sha == text_sha(e.new.as_deref());
                if *hash != chain_hash(&prev, &e, at, actor, old_sha, new_sha) {
                    first_problem = Some(problem(
                        "it, or an entry before it, was changed or removed after it was written",
                    ));
                } else if e.redacted_by.is_none() && !text_matches {
                    first_problem = Some(problem("what it records was changed after it was written"));
                } else if let Some(by) = e.redacted_by {
                    redactions.entry(by).or_default().push((e.id, e.old.clone(), e.new.clone()));
                    if by <= e.id {
                        first_problem =
                            Some(problem("it is marked as erased by an entry that came before it"));
                    }
                } else if e.action == ERASED {
                    erasures.push((e.id, e.new.clone()));
                } else if e.action == "triggers-restored" {
                    first_problem = Some(problem(
                        "Shortlist found the audit triggers removed or changed by another program, and put them back: changes made meanwhile were not recorded",
                    ));
                }
                prev = hash.clone();
            }
            _ => first_problem = Some(problem("it was written by another program, not through Shortlist")),
        }
    }
    if first_problem.is_none() {
        // Every rewritten entry must be one its erasure entry committed to.
        for (by, rewritten) in &redactions {
            let recorded = erasures
                .iter()
                .find(|(id, _)| id == by)
                .and_then(|(_, new)| new.as_deref())
                .and_then(|new| serde_json::from_str::<serde_json::Value>(new).ok())
                .and_then(|v| v.get("rewrittenDigest").and_then(|d| d.as_str()).map(str::to_owned));
            if recorded.as_deref() != Some(redaction_digest(rewritten).as_str()) {
                first_problem = Some(Problem {
                    entry: rewritten.first().map(|(id, _, _)| *id),
                    at: None,
                    what: format!("entries marked as erased by entry {by}"),
                    reason: "they do not match what that erasure recorded: changed after it, or marked by another program"
                        .to_owned(),
                });
                break;
            }
        }
    }
    if first_problem.is_none() {
        let missing = trigger_problems(conn)?;
        if !missing.is_empty() {
            first_problem = Some(Problem {
                entry: None,
                at: None,
                what: format!("the audit triggers on {}", missing.join(", ")),
                reason: "they were removed or changed by another program, so changes may not be recorded"
                    .to_owned(),
            });
        }
    }
    Ok(Verification { entries, first_problem, head: head(conn)?.map(|h| fingerprint(&h)) })
}

/// The action of the entry that records an erasure of personal data.
pub const ERASED: &str = "personal-data-erased";

/// An entry rewritten by an erasure: its id and its `old` and `new` as they now read.
type Rewritten = (i64, Option<String>, Option<String>);

fn redaction_digest(rewritten: &[Rewritten]) -> String {
    let mut hasher = Sha256::new();
    for (id, old, new) in rewritten {
        hasher
            .update(format!("{id}\n{}\n{}\n", text_sha(old.as_deref()), text_sha(new.as_deref())).as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites the personal data in the entries about `subject` rows `row_ids` with `rewrite`
/// (applied to each entry's `old` and `new` JSON text), then records the erasure in an entry of
/// its own (action [`ERASED`], `detail` in its JSON) that commits to every rewritten text.
/// Entries of this transaction, not sealed yet, are simply rewritten: they are sealed as they
/// now read. Returns how many sealed entries were rewritten.
pub fn redact(
    tx: &Transaction<'_>,
    subject: &str,
    row_ids: &[i64],
    rewrite: &dyn Fn(&str) -> String,
    mut detail: serde_json::Map<String, serde_json::Value>,
) -> Result<usize, StoreError> {
    let mut select = tx.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE subject = ?1 AND row_id = ?2 ORDER BY id"
    ))?;
    let mut update =
        tx.prepare_cached("UPDATE audit_log SET old = ?1, new = ?2, redacted_by = ?3 WHERE id = ?4")?;
    let mut rewritten: Vec<Rewritten> = Vec::new();
    for &row in row_ids {
        let entries: Vec<Entry> =
            select.query_map(params![subject, row], entry)?.collect::<Result<_, _>>()?;
        for e in entries {
            let old = e.old.as_deref().map(rewrite);
            let new = e.new.as_deref().map(rewrite);
            if old == e.old && new == e.new {
                continue;
            }
            // Marked -1 for now: the erasure entry's id is known once it is written.
            let mark = e.hash.as_ref().map(|_| -1i64);
            update.execute(params![old, new, mark, e.id])?;
            if e.hash.is_some() {
                rewritten.push((e.id, old, new));
            }
        }
    }
    // In the order verify walks them.
    rewritten.sort_by_key(|(id, _, _)| *id);
    detail.insert("rewrittenEntries".into(), rewritten.len().into());
    detail.insert("rewrittenDigest".into(), redaction_digest(&rewritten).into());
    note(tx, ERASED, subject, &serde_json::Value::Object(detail).to_string())?;
    let erasure = tx.last_insert_rowid();
    tx.execute("UPDATE audit_log SET redacted_by = ?1 WHERE redacted_by = -1", [erasure])?;
    Ok(rewritten.len())
}

/// The newest sealed entry's hash.
pub fn head(conn: &Connection) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

/// A hash's first 12 hex digits in groups of four, short enough to read out or compare on paper.
pub fn fingerprint(hash: &str) -> String {
    hash.chars()
        .take(12)
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One entry as Settings and the CLI list it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub at: Option<String>,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub row_id: Option<i64>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The newest `limit` entries, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt =
        conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit], entry)?;
    Ok(rows
        .map(|r| {
            r.map(|e| AuditEntry {
                id: e.id,
                at: e.at,
                actor: e.actor,
                action: e.action,
                subject: e.subject,
                row_id: e.row_id,
                old: e.old,
                new: e.new,
            })
        })
        .collect::<Result<_, _>>()?)
}
