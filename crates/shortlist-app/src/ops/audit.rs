//! The audit trail (see `shortlist_store::audit`): checking it, and reading its newest entries.

use serde::Serialize;
use shortlist_store::audit;
use specta::Type;

use super::Shortlist;
use crate::ApiError;

/// What "Check the audit trail" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditReport {
    pub entries: u32,
    pub intact: bool,
    /// The first entry that is not as Shortlist sealed it: its number (none for a problem with
    /// the triggers themselves), when, what it records and why it fails.
    pub problem_entry: Option<u32>,
    /// The chain head's short fingerprint, printed on the results pack.
    pub head: Option<String>,
    /// The finding in one sentence.
    pub message: String,
}

/// One entry of the trail, for Settings and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    pub id: u32,
    pub at: Option<String>,
    pub actor: Option<String>,
    /// e.g. "update of ideas row 12", or "protection-set (data folder)".
    pub what: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Shortlist {
    /// Walks the whole trail: every seal, the chain, and the triggers.
    pub fn verify_audit_trail(&self) -> Result<AuditReport, ApiError> {
        let found = audit::verify(self.store()?.read())?;
        let entries = u32::try_from(found.entries).unwrap_or(u32::MAX);
        let head = found.head.clone();
        Ok(match found.first_problem {
            None => AuditReport {
                entries,
                intact: true,
                problem_entry: None,
                message: match &head {
                    Some(head) => format!(
                        "The audit trail is intact: {entries} entries, every one sealed and chained. Its newest entry's fingerprint is {head}."
                    ),
                    None => "The audit trail is empty: nothing has been written yet.".to_owned(),
                },
                head,
            },
            Some(problem) => AuditReport {
                entries,
                intact: false,
                problem_entry: problem.entry.and_then(|e| u32::try_from(e).ok()),
                message: match problem.entry {
                    Some(entry) => format!(
                        "The audit trail is broken at entry {entry} ({}{}): {}. Entries before it are intact. \
                         Restore a backup from before {} if the change was not yours, and tell your security contact.",
                        problem.what,
                        problem.at.as_deref().map(|at| format!(", {at}")).unwrap_or_default(),
                        problem.reason,
                        problem.at.as_deref().unwrap_or("then"),
                    ),
                    None => format!(
                        "The audit trail cannot be trusted: {} {}. Tell your security contact.",
                        problem.what, problem.reason
                    ),
                },
                head,
            },
        })
    }

    /// The newest `limit` entries (at most 500), newest first.
    pub fn recent_audit_entries(&self, limit: u32) -> Result<Vec<AuditEntryView>, ApiError> {
        let rows = audit::recent(self.store()?.read(), limit.min(500))?;
        Ok(rows
            .into_iter()
            .map(|e| AuditEntryView {
                id: u32::try_from(e.id).unwrap_or(u32::MAX),
                at: e.at,
                actor: e.actor,
                what: match e.row_id {
                    Some(row) => format!("{} of {} row {row}", e.action, e.subject),
                    None => format!("{} ({})", e.action, e.subject),
                },
                old: e.old,
                new: e.new,
            })
            .collect())
    }

    /// The chain head's short fingerprint, for printed documents; `None` for an empty trail.
    pub fn audit_fingerprint(&self) -> Result<Option<String>, ApiError> {
        Ok(audit::head(self.store()?.read())?.map(|h| audit::fingerprint(&h)))
    }
}
