//! The change history of an idea: who changed what, when, from what to what.

use chrono::{DateTime, Utc};
use serde::Serialize;
use specta::Type;

use crate::IdeaDetails;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    Created,
    Imported,
    Edited,
    Merged,
    StageChanged,
    Screened,
    Evaluated,
    Decided,
    ConflictDeclared,
    ConflictWithdrawn,
    ScoresSubmitted,
    ScoresReopened,
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Created => "created",
            ChangeKind::Imported => "imported",
            ChangeKind::Edited => "edited",
            ChangeKind::Merged => "merged",
            ChangeKind::StageChanged => "stageChanged",
            ChangeKind::Screened => "screened",
            ChangeKind::Evaluated => "evaluated",
            ChangeKind::Decided => "decided",
            ChangeKind::ConflictDeclared => "conflictDeclared",
            ChangeKind::ConflictWithdrawn => "conflictWithdrawn",
            ChangeKind::ScoresSubmitted => "scoresSubmitted",
            ChangeKind::ScoresReopened => "scoresReopened",
        }
    }

    pub fn from_code(code: &str) -> Option<ChangeKind> {
        [
            ChangeKind::Created,
            ChangeKind::Imported,
            ChangeKind::Edited,
            ChangeKind::Merged,
            ChangeKind::StageChanged,
            ChangeKind::Screened,
            ChangeKind::Evaluated,
            ChangeKind::Decided,
            ChangeKind::ConflictDeclared,
            ChangeKind::ConflictWithdrawn,
            ChangeKind::ScoresSubmitted,
            ChangeKind::ScoresReopened,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One entry of an idea's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdeaChange {
    pub at: DateTime<Utc>,
    /// The display name of the person whose copy of Shortlist made the change.
    pub by: String,
    pub kind: ChangeKind,
    /// For an edit: the field's name as people read it, e.g. "Title".
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// Extra words: the file an idea was imported from, the idea it was merged with.
    pub note: Option<String>,
}

/// One field that differs between two versions of an idea, as text for the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub label: &'static str,
    pub old: String,
    pub new: String,
}

fn list(values: &[String]) -> String {
    values.join("; ")
}

impl IdeaDetails {
    /// The fields that differ from `before`, in form order, as text.
    pub fn changes_from(&self, before: &IdeaDetails) -> Vec<FieldChange> {
        let datasets = |d: &IdeaDetails| {
            d.datasets
                .iter()
                .map(
                    |x| if x.owner.is_empty() { x.name.clone() } else { format!("{} ({})", x.name, x.owner) },
                )
                .collect::<Vec<_>>()
        };
        let co = |d: &IdeaDetails| {
            d.co_submitters
                .iter()
                .map(|c| {
                    let who =
                        if c.email.is_empty() { c.name.clone() } else { format!("{} <{}>", c.name, c.email) };
                    if c.consent {
                        format!("{who} (name may be published)")
                    } else {
                        who
                    }
                })
                .collect::<Vec<_>>()
        };
        let consent = |yes: bool| if yes { "Yes" } else { "No" }.to_owned();
        let pairs: Vec<(&'static str, String, String)> = vec![
            ("Title", before.title.clone(), self.title.clone()),
            ("Summary", before.summary.clone(), self.summary.clone()),
            ("Problem", before.problem.clone(), self.problem.clone()),
            ("Data", before.data_description.clone(), self.data_description.clone()),
            ("Datasets", list(&datasets(before)), list(&datasets(self))),
            ("Benefits", before.benefits.clone(), self.benefits.clone()),
            ("Submitter", before.submitter_name.clone(), self.submitter_name.clone()),
            ("Submitter's email", before.submitter_email.clone(), self.submitter_email.clone()),
            (
                "Submitter's name may be published",
                consent(before.submitter_consent),
                consent(self.submitter_consent),
            ),
            ("Department or agency", before.department.clone(), self.department.clone()),
            ("Profession", before.profession.clone(), self.profession.clone()),
            ("Grade", before.grade.clone(), self.grade.clone()),
            ("Region", before.region.clone(), self.region.clone()),
            ("Co-submitters", list(&co(before)), list(&co(self))),
            ("Date submitted", before.submitted_on.to_string(), self.submitted_on.to_string()),
            ("Themes", list(&before.themes), list(&self.themes)),
            ("Tags", list(&before.tags), list(&self.tags)),
            ("Links", list(&before.links), list(&self.links)),
            ("Notes", before.notes.clone(), self.notes.clone()),
        ];
        pairs
            .into_iter()
            .filter(|(_, old, new)| old != new)
            .map(|(label, old, new)| FieldChange { label, old, new })
            .collect()
    }
}
