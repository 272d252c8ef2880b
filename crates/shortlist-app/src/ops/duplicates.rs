//! Duplicates: flagged for a person to merge or keep, never dropped.
//!
//! *Exact*: the same submitter (email when both have one, else name; case and accents ignored)
//! and the same title (case, accents, spacing and punctuation ignored). *Near*: similar wording
//! of title and summary, by `shortlist-similar`'s measure at its default threshold, sharing at
//! least its floor of words (not only word pieces).

use std::collections::HashMap;

use serde::Serialize;
use shortlist_domain::{ChallengeId, ChangeKind, IdeaChange, IdeaId, IdeaInput, IdeaSummary};
use shortlist_similar::{best_earlier_matches, Fingerprint, DEFAULT_THRESHOLD, WORDING_FLOOR};
use shortlist_store::ideas::ComparableIdea;
use shortlist_store::{history, ideas, imports};
use specta::Type;

use super::import::DuplicateCandidate;
use super::Shortlist;
use crate::ApiError;

/// The outcome of comparing incoming rows with the register and with each other.
#[derive(Debug, Clone, Default)]
pub(crate) struct DuplicateScan {
    pub candidates: Vec<DuplicateCandidate>,
}

/// Lower case, accents folded (by the similarity crate's own folding, so both checks agree on
/// what "the same words" means), punctuation and repeated spaces removed: "Café  data!" → "cafe data".
pub(crate) fn fold(text: &str) -> String {
    shortlist_similar::fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn submitter_key(name: &str, email: &str) -> (String, String) {
    (fold(name), email.trim().to_lowercase())
}

fn same_submitter(a: &(String, String), b: &(String, String)) -> bool {
    if !a.1.is_empty() && !b.1.is_empty() {
        a.1 == b.1
    } else {
        !a.0.is_empty() && a.0 == b.0
    }
}

/// An idea or earlier row already seen, for the exact-duplicate check.
#[derive(Debug, Clone)]
struct Seen {
    who: (String, String),
    reference: Option<shortlist_domain::Reference>,
    row: Option<u32>,
    title: String,
}

/// Compares each incoming row with the register and with the rows before it in the file.
/// Exact duplicates are found by a hash lookup on the folded title; near ones through the
/// similarity index, which only the best match above the threshold is taken from. Every text is
/// indexed first and the near check then asks, for each row, for the best match among what came
/// before it (the register, then the earlier rows), so the rows can be compared in parallel.
///
/// `existing` is the register as [`ideas::comparable`] reads it; the comparison itself needs no
/// database, so callers read that and let go of the store before the (long) scan.
pub(crate) fn find_duplicates(existing: &[ComparableIdea], incoming: &[(u32, &IdeaInput)]) -> DuplicateScan {
    let mut by_title: HashMap<String, Vec<Seen>> = HashMap::new();
    // The register's texts first, then the file's rows in order: a row is compared with the
    // register and the rows before it.
    let texts: Vec<(&str, &str)> = existing
        .iter()
        .map(|e| (e.title.as_str(), e.summary.as_str()))
        .chain(incoming.iter().map(|(_, i)| (i.title.as_str(), i.summary.as_str())))
        .collect();
    let prints = Fingerprint::many(&texts);
    for e in existing {
        by_title.entry(fold(&e.title)).or_default().push(Seen {
            who: submitter_key(&e.submitter_name, &e.submitter_email),
            reference: Some(e.reference.clone()),
            row: None,
            title: e.title.clone(),
        });
    }
    // Each row's candidate, in row order: exact ones now, near ones after the bulk comparison.
    let mut found: Vec<Option<DuplicateCandidate>> = Vec::with_capacity(incoming.len());
    // The rows to compare: (where in `found`, where in `prints`).
    let mut near_rows = Vec::new();
    for (at, &(row_no, input)) in incoming.iter().enumerate() {
        let who = submitter_key(&input.submitter_name, &input.submitter_email);
        let title = fold(&input.title);
        let exact =
            by_title.get(&title).and_then(|seen| seen.iter().find(|s| same_submitter(&s.who, &who))).cloned();
        match exact {
            Some(seen) => found.push(Some(DuplicateCandidate {
                row: row_no,
                title: input.title.clone(),
                exact: true,
                score: 1.0,
                matches_reference: seen.reference,
                matches_row: seen.row,
                matches_title: seen.title,
            })),
            None => {
                found.push(None);
                near_rows.push((at, existing.len() + at));
            }
        }
        by_title.entry(title).or_default().push(Seen {
            who,
            reference: None,
            row: Some(row_no),
            title: input.title.clone(),
        });
    }
    let positions: Vec<usize> = near_rows.iter().map(|&(_, position)| position).collect();
    let near = best_earlier_matches(&prints, &positions, DEFAULT_THRESHOLD, WORDING_FLOOR);
    for (&(at, _), best) in near_rows.iter().zip(near) {
        let Some(best) = best else { continue };
        let (row_no, input) = incoming[at];
        let (matches_reference, matches_row, matches_title) = match best.key.checked_sub(existing.len()) {
            None => (Some(existing[best.key].reference.clone()), None, existing[best.key].title.clone()),
            Some(row) => (None, Some(incoming[row].0), incoming[row].1.title.clone()),
        };
        found[at] = Some(DuplicateCandidate {
            row: row_no,
            title: input.title.clone(),
            exact: false,
            score: best.score,
            matches_reference,
            matches_row,
            matches_title,
        });
    }
    DuplicateScan { candidates: found.into_iter().flatten().collect() }
}

/// A pair of ideas flagged as possible duplicates, for the secretariat to settle.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePair {
    pub flag_id: i64,
    pub exact: bool,
    pub score: f64,
    /// The later idea.
    pub idea: IdeaSummary,
    pub other: IdeaSummary,
}

impl Shortlist {
    /// Every open duplicate flag of a challenge, most alike first.
    pub fn list_duplicates(&self, challenge: ChallengeId) -> Result<Vec<DuplicatePair>, ApiError> {
        let store = self.store()?;
        let flags = imports::open_flags(store.read(), challenge)?;
        flags
            .into_iter()
            .map(|f| {
                Ok(DuplicatePair {
                    flag_id: f.id,
                    exact: f.kind == imports::DuplicateKind::Exact,
                    score: f.score,
                    idea: ideas::get_summary(store.read(), f.idea)?,
                    other: ideas::get_summary(store.read(), f.other)?,
                })
            })
            .collect()
    }

    /// Settles a flag by keeping both ideas.
    pub fn keep_both(&self, flag_id: i64) -> Result<(), ApiError> {
        let now = self.now();
        let by = self.display_name()?;
        self.store()?.write(|tx| Ok::<_, ApiError>(imports::resolve(tx, flag_id, "kept", &by, now)?))
    }

    /// Merges `duplicate` into `keep`: the duplicate leaves the register's lists but keeps its
    /// reference (which now leads to `keep`) and its history; both histories record the merge.
    pub fn merge_ideas(&self, flag_id: i64, keep: IdeaId, duplicate: IdeaId) -> Result<(), ApiError> {
        let now = self.now();
        let by = self.display_name()?;
        self.store()?.write(|tx| {
            let kept = ideas::get(tx, keep)?;
            let dup = ideas::get(tx, duplicate)?;
            if kept.challenge_id != dup.challenge_id || keep == duplicate {
                return Err(ApiError::new(
                    crate::ErrorCode::Validation,
                    "Only two different ideas of the same challenge can be merged",
                ));
            }
            imports::resolve(tx, flag_id, "merged", &by, now)?;
            ideas::mark_merged(tx, duplicate, keep, now)?;
            let entry = |note: String| IdeaChange {
                at: now,
                by: by.clone(),
                kind: ChangeKind::Merged,
                field: None,
                old_value: None,
                new_value: None,
                note: Some(note),
            };
            history::record(
                tx,
                keep,
                &entry(format!("{} ({}) was merged into this idea", dup.reference, dup.details.title)),
            )?;
            history::record(
                tx,
                duplicate,
                &entry(format!("Merged into {} ({})", kept.reference, kept.details.title)),
            )?;
            Ok(())
        })
    }
}
