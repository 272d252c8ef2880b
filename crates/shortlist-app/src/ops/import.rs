//! Importing an online-form export: a dry run that changes nothing, then the commit, in which
//! every valid new response goes in within one transaction.
//!
//! The file is read again at commit rather than kept from the dry run, so what is stored is what
//! is on disk when the person presses the button, and the commit stands on its own in the CLI.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use serde::Serialize;
use shortlist_domain::{ChallengeId, ChangeKind, IdeaChange, IdeaId, Reference};
use shortlist_import::{Applied, Mapping, RowProblem, Table};
use shortlist_store::imports::DuplicateKind;
use shortlist_store::{challenges, history, ideas, imports};
use specta::Type;

use super::duplicates::{find_duplicates, DuplicateScan};
use super::Shortlist;
use crate::{ApiError, ErrorCode};

/// A row of the file that looks like an idea already in the register, or like another row.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateCandidate {
    pub row: u32,
    pub title: String,
    /// `exact`: same submitter and title; `near`: similar wording.
    pub exact: bool,
    /// 0–1; 1 for exact.
    pub score: f64,
    /// The idea it resembles, when that is already in the register…
    pub matches_reference: Option<Reference>,
    /// …or the earlier row of this file it resembles.
    pub matches_row: Option<u32>,
    pub matches_title: String,
}

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    /// Identifies the form (its questions), under which the mapping is remembered.
    pub signature: String,
    pub headers: Vec<String>,
    /// A sample of the first rows, for the mapping step (at most 3 values a column).
    pub samples: Vec<Vec<String>>,
    pub mapping: Mapping,
    /// Whether `mapping` is the one remembered from an earlier export of this form.
    pub mapping_remembered: bool,
    /// Why the mapping cannot be used yet; empty when it can.
    pub mapping_problems: Vec<String>,
    /// Responses in the file (blank rows not counted).
    pub rows: u32,
    pub blank_rows: u32,
    /// New ideas the import would add (duplicates included: they are flagged, not dropped).
    pub to_add: u32,
    /// Responses already imported from an earlier copy of this export: skipped.
    pub already_imported: u32,
    pub duplicates: Vec<DuplicateCandidate>,
    /// Rows that will not be imported, and why.
    pub problems: Vec<RowProblem>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub added: u32,
    pub already_imported: u32,
    pub with_problems: u32,
    pub flagged_duplicates: u32,
    pub first_reference: Option<Reference>,
    pub last_reference: Option<Reference>,
}

fn read(path: &Path) -> Result<Table, ApiError> {
    shortlist_import::read_file(path).map_err(|e| ApiError::new(ErrorCode::Validation, e.to_string()))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The mapping to use: the one given, else the remembered one for this form, else a guess.
fn choose_mapping(remembered: Option<String>, given: Option<Mapping>, headers: &[String]) -> (Mapping, bool) {
    if let Some(m) = given {
        return (m, false);
    }
    match remembered.and_then(|json| serde_json::from_str::<Mapping>(&json).ok()) {
        Some(m) => (shortlist_import::reuse_mapping(headers, &m), true),
        None => (shortlist_import::guess_mapping(headers), false),
    }
}

pub(crate) struct Planned {
    /// The file's questions and the form signature made from them.
    headers: Vec<String>,
    signature: String,
    applied: Applied,
    /// Rows of `applied.rows` not imported before, by index.
    fresh: Vec<usize>,
    already: u32,
    scan: DuplicateScan,
}

/// What a plan was made from. The same file content, column choices, day and register (no
/// write since) give the same plan, so it can be reused rather than made again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanKey {
    challenge: ChallengeId,
    file_len: usize,
    file_hash: u64,
    mapping: String,
    today: NaiveDate,
    register: (u64, i64),
}

/// The last plan made, so that the commit after a dry run (and a second dry run with the same
/// choices, as the CLI makes) does not read the file and compare every row again: at 10,000
/// rows that is most of an import. The commit still reads the file from disk, to check that
/// its content is the one planned; anything else different makes a new plan.
#[derive(Default)]
pub(crate) struct RememberedPlan(Mutex<Option<(PlanKey, Arc<Planned>)>>);

impl std::fmt::Debug for RememberedPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RememberedPlan")
    }
}

impl Shortlist {
    fn plan_key(&self, challenge: ChallengeId, path: &Path, mapping: &Mapping) -> Result<PlanKey, ApiError> {
        let io = |e| {
            ApiError::new(ErrorCode::Validation, shortlist_import::ReadError::Io { source: e }.to_string())
        };
        if std::fs::metadata(path).map_err(io)?.len() > shortlist_import::MAX_FILE_BYTES {
            // Refused by the reader with its own message; do not load it to hash it first.
            read(path)?;
        }
        let bytes = std::fs::read(path).map_err(io)?;
        // Only tells this file from another export of the same length since the dry run; FxHash
        // reads 8 bytes a step, several times faster than the default SipHash over 14 MB.
        let mut hasher = rustc_hash::FxHasher::default();
        bytes.hash(&mut hasher);
        let mapping = serde_json::to_string(mapping).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("Could not read the column choices: {e}"))
        })?;
        Ok(PlanKey {
            challenge,
            file_len: bytes.len(),
            file_hash: hasher.finish(),
            mapping,
            today: self.now().date_naive(),
            register: self.store()?.change_stamp()?,
        })
    }

    /// The remembered plan for `key`, if it is the last one made.
    fn remembered_plan(&self, key: &PlanKey) -> Option<Arc<Planned>> {
        let last = self.last_plan.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        last.as_ref().filter(|(k, _)| k == key).map(|(_, plan)| Arc::clone(plan))
    }

    fn remember_plan(&self, key: PlanKey, plan: &Arc<Planned>) {
        *self.last_plan.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) =
            Some((key, Arc::clone(plan)));
    }

    fn plan_import(
        &self,
        challenge: ChallengeId,
        table: &Table,
        mapping: &Mapping,
        signature: &str,
        today: NaiveDate,
    ) -> Result<Planned, ApiError> {
        // Read what the plan needs from the register, then let go of the store: the comparison
        // below takes a moment on a large export, and other commands need not wait for it.
        let (imported, existing) = {
            let store = self.store()?;
            (ideas::source_keys(store.read(), challenge)?, ideas::comparable(store.read(), challenge)?)
        };
        let applied = shortlist_import::apply(table, mapping, signature, today);
        let mut fresh = Vec::new();
        let mut already = 0;
        for (i, row) in applied.rows.iter().enumerate() {
            if imported.contains(&row.source_key) {
                already += 1;
            } else {
                fresh.push(i);
            }
        }
        let incoming: Vec<_> =
            fresh.iter().map(|&i| (applied.rows[i].row as u32, &applied.rows[i].input)).collect();
        let scan = find_duplicates(&existing, &incoming);
        Ok(Planned {
            headers: table.headers.clone(),
            signature: signature.to_owned(),
            applied,
            fresh,
            already,
            scan,
        })
    }

    /// Reads the export at `path` and reports what importing it into `challenge` would do,
    /// changing nothing. With no `mapping`, uses the one remembered for this form or a guess.
    pub fn preview_import(
        &self,
        challenge: ChallengeId,
        path: &Path,
        mapping: Option<Mapping>,
    ) -> Result<ImportPreview, ApiError> {
        challenges::get(self.store()?.read(), challenge)?;
        let table = read(path)?;
        let signature = shortlist_import::form_signature(&table.headers);
        let remembered = imports::mapping(self.store()?.read(), &signature)?;
        let (mapping, mapping_remembered) = choose_mapping(remembered, mapping, &table.headers);
        let samples = table
            .headers
            .iter()
            .enumerate()
            .map(|(c, _)| {
                table
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(c).filter(|v| !v.trim().is_empty()).cloned())
                    .take(3)
                    .collect()
            })
            .collect();
        let mut preview = ImportPreview {
            file_name: file_name(path),
            signature: signature.clone(),
            headers: table.headers.clone(),
            samples,
            mapping: mapping.clone(),
            mapping_remembered,
            mapping_problems: Vec::new(),
            rows: table.rows.len() as u32,
            blank_rows: 0,
            to_add: 0,
            already_imported: 0,
            duplicates: Vec::new(),
            problems: Vec::new(),
        };
        if let Err(problems) = shortlist_import::check_mapping(&table.headers, &mapping) {
            preview.mapping_problems = problems;
            return Ok(preview);
        }
        let key = self.plan_key(challenge, path, &mapping)?;
        let plan = match self.remembered_plan(&key) {
            Some(plan) => plan,
            None => {
                let plan = Arc::new(self.plan_import(challenge, &table, &mapping, &signature, key.today)?);
                self.remember_plan(key, &plan);
                plan
            }
        };
        preview.blank_rows = plan.applied.blank_rows as u32;
        preview.rows = (plan.applied.rows.len() + problem_rows(&plan.applied.problems)) as u32;
        preview.to_add = plan.fresh.len() as u32;
        preview.already_imported = plan.already;
        preview.duplicates = plan.scan.candidates.clone();
        preview.problems = plan.applied.problems.clone();
        Ok(preview)
    }

    /// Imports every valid response of the export at `path` not imported before, in one
    /// transaction, remembering `mapping` for this form. Rows with problems are left out (the
    /// preview lists them); likely duplicates go in and are flagged for a person to settle.
    ///
    /// # Errors
    /// `Validation` when the file cannot be read or the mapping is incomplete; nothing is written.
    pub fn commit_import(
        &self,
        challenge: ChallengeId,
        path: &Path,
        mapping: &Mapping,
    ) -> Result<ImportSummary, ApiError> {
        challenges::get(self.store()?.read(), challenge)?;
        let key = self.plan_key(challenge, path, mapping)?;
        let plan = match self.remembered_plan(&key) {
            Some(plan) => plan,
            None => {
                let table = read(path)?;
                let signature = shortlist_import::form_signature(&table.headers);
                shortlist_import::check_mapping(&table.headers, mapping)
                    .map_err(|problems| ApiError::new(ErrorCode::Validation, problems.join(". ")))?;
                Arc::new(self.plan_import(challenge, &table, mapping, &signature, key.today)?)
            }
        };
        // A remembered plan was made from these headers; check the choices against them all the same.
        shortlist_import::check_mapping(&plan.headers, mapping)
            .map_err(|problems| ApiError::new(ErrorCode::Validation, problems.join(". ")))?;
        let signature = plan.signature.clone();
        let now = self.now();
        let by = self.display_name()?;
        let note_file = file_name(path);
        // Whatever happens next, the plan has served: a commit changes the register (so it could
        // not be reused) and a failed one is tried afresh. Do not keep the file's rows in memory.
        *self.last_plan.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        let mapping_json = serde_json::to_string(mapping).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("Could not save the column choices: {e}"))
        })?;

        self.store()?.write(|tx| {
            imports::remember_mapping(tx, &signature, &mapping_json, now)?;
            // Checked when the plan was made (a plan is only reused for the same file and mapping).
            let rows: Vec<_> = plan
                .fresh
                .iter()
                .map(|&i| (&plan.applied.rows[i].valid, Some(plan.applied.rows[i].source_key.as_str())))
                .collect();
            let added = ideas::insert_many(tx, challenge, &rows, now)?;
            let mut by_row: HashMap<u32, IdeaId> = HashMap::new();
            let mut refs = Vec::new();
            for (&i, (id, reference)) in plan.fresh.iter().zip(added) {
                let row = &plan.applied.rows[i];
                history::record(
                    tx,
                    id,
                    &IdeaChange {
                        at: now,
                        by: by.clone(),
                        kind: ChangeKind::Imported,
                        field: None,
                        old_value: None,
                        new_value: None,
                        note: Some(format!("From {note_file}, row {}", row.row)),
                    },
                )?;
                by_row.insert(row.row as u32, id);
                refs.push(reference);
            }
            let mut flagged = 0;
            for d in &plan.scan.candidates {
                let Some(&idea) = by_row.get(&d.row) else { continue };
                let other = match (d.matches_row, &d.matches_reference) {
                    (Some(r), _) => by_row.get(&r).copied(),
                    (None, Some(reference)) => Some(ideas::get_by_reference(tx, &reference.0)?.id),
                    (None, None) => None,
                };
                if let Some(other) = other {
                    let kind = if d.exact { DuplicateKind::Exact } else { DuplicateKind::Near };
                    imports::flag(tx, idea, other, kind, d.score, now)?;
                    flagged += 1;
                }
            }
            Ok(ImportSummary {
                added: refs.len() as u32,
                already_imported: plan.already,
                with_problems: problem_rows(&plan.applied.problems) as u32,
                flagged_duplicates: flagged,
                first_reference: refs.first().cloned(),
                last_reference: refs.last().cloned(),
            })
        })
    }
}

/// How many distinct rows have problems.
fn problem_rows(problems: &[RowProblem]) -> usize {
    let mut rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
    rows.sort_unstable();
    rows.dedup();
    rows.len()
}
