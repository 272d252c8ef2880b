//! Submitters' personal data once a challenge is over: a retention date, erasing or
//! anonymising it, and a subject-access export of everything held about one person.
//!
//! **What counts as personal data here:** each idea's submitter and co-submitters (names and
//! email addresses) and, where the secretariat chooses, their names and any email address in the
//! idea's free text (title, summary, problem, data, benefits, notes). The feedback written for
//! an outcome letter is addressed to the person, so it is always scrubbed. The ideas themselves, their
//! assessments, scores and decisions stay: the challenge's record is kept, its people are not.
//!
//! **Where the data also lives, and is reached:** each idea's timeline (rewritten), the search
//! index (the idea is re-indexed, then the index is optimised so no old entry survives in a
//! segment), the audit trail (its entries are rewritten by `shortlist_store::audit::redact`,
//! which keeps the chain verifiable), free pages of the database file and its WAL (compacted
//! with `VACUUM` after the erasure, with SQLite's `secure_delete` on), and the backups, which
//! all hold the old data: they are deleted, and a fresh copy is taken at once.
//!
//! **Anonymise or erase.** Anonymising replaces each person with a stable pseudonym ("Person 7"
//! for the same email address on every idea), so the record still shows that one person sent
//! three ideas. Erasing replaces every name with "[name erased]".

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use shortlist_domain::{ChallengeId, CoSubmitter, Marking};
use shortlist_store::{audit, challenges, closing, history, ideas, retention};
use specta::Type;

use super::packs::safe_file_name;
use super::Shortlist;
use crate::files::write_atomically;
use crate::ApiError;

/// What the personal-data page and the banner show about a challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonalDataStatus {
    pub challenge_id: ChallengeId,
    pub closing_date: NaiveDate,
    /// The challenge has closed, so its personal data may be erased.
    pub closed: bool,
    pub retain_until: Option<NaiveDate>,
    /// The retention date has passed and the data has not been erased: every screen says so.
    pub overdue: bool,
    pub erased_at: Option<DateTime<Utc>>,
    /// `erased` or `anonymised`.
    pub erased_how: Option<String>,
    /// The banner's sentence, when there is one.
    pub banner: Option<String>,
}

/// Erase or anonymise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErasureKind {
    /// Each person becomes "Person N", the same N on each of their ideas.
    Anonymise,
    /// Every name becomes "[name erased]".
    Erase,
}

/// What the erase form sends.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ErasureInput {
    pub kind: ErasureKind,
    /// Also take the names and email addresses out of the ideas' own text.
    pub free_text: bool,
    /// The challenge's reference prefix, typed to confirm: nothing here can be undone.
    pub confirmation: String,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ErasureSummary {
    pub ideas: u32,
    pub people: u32,
    /// Audit entries rewritten.
    pub audit_entries: u32,
    pub backups_deleted: u32,
}

/// Where a subject-access export went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SubjectAccessExport {
    pub json_path: String,
    pub pdf_path: String,
    pub ideas: u32,
}

const ERASED_NAME: &str = "[name erased]";
const EMAIL_REMOVED: &str = "[email address removed]";

/// One person found on a challenge's ideas: how to recognise them and what they become.
struct Person {
    names: Vec<String>,
    email: String,
    replacement: String,
}

fn person_key(name: &str, email: &str) -> String {
    if email.trim().is_empty() {
        format!("name:{}", name.trim().to_lowercase())
    } else {
        format!("email:{}", email.trim().to_lowercase())
    }
}

/// Replaces `needle` in `text` wherever it appears as a whole word or phrase, whatever its case.
fn replace_phrase(text: &str, needle: &str, with: &str) -> String {
    let needle = needle.trim();
    if needle.chars().count() < 3 {
        return text.to_owned();
    }
    let lower_text = text.to_lowercase();
    let lower_needle = needle.to_lowercase();
    // Lower-casing can change byte lengths (rarely); fall back to an exact match then.
    if lower_text.len() != text.len() || lower_needle.len() != needle.len() {
        return text.replace(needle, with);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut from = 0;
    while let Some(at) = lower_text[from..].find(&lower_needle).map(|i| i + from) {
        let end = at + lower_needle.len();
        let before_ok = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push_str(&text[rest..at]);
            out.push_str(with);
            rest = end;
        }
        from = end;
    }
    out.push_str(&text[rest..]);
    out
}

/// Replaces anything shaped like an email address.
fn remove_emails(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let bare = word.trim_end().trim_matches(|c: char| "()<>[],;:\"'".contains(c));
            let at = bare.find('@');
            if at.is_some_and(|i| i > 0 && bare[i + 1..].contains('.')) {
                word.replace(bare, EMAIL_REMOVED)
            } else {
                word.to_owned()
            }
        })
        .collect()
}

struct Scrubber {
    /// (name, replacement), longest names first so "Siân Llŷr Jones" goes before "Siân Llŷr".
    names: Vec<(String, String)>,
    /// email (lower case) → replacement name, for the submitter fields.
    by_email: BTreeMap<String, String>,
    by_name: BTreeMap<String, String>,
    free_text: bool,
}

impl Scrubber {
    fn new(people: &[Person], free_text: bool) -> Scrubber {
        let mut names: Vec<(String, String)> =
            people.iter().flat_map(|p| p.names.iter().map(|n| (n.clone(), p.replacement.clone()))).collect();
        names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        names.dedup();
        let by_email = people
            .iter()
            .filter(|p| !p.email.is_empty())
            .map(|p| (p.email.clone(), p.replacement.clone()))
            .collect();
        let by_name = people
            .iter()
            .flat_map(|p| p.names.iter().map(|n| (n.trim().to_lowercase(), p.replacement.clone())))
            .collect();
        Scrubber { names, by_email, by_name, free_text }
    }

    fn replacement(&self, name: &str, email: &str) -> String {
        self.by_email
            .get(&email.trim().to_lowercase())
            .or_else(|| self.by_name.get(&name.trim().to_lowercase()))
            .cloned()
            .unwrap_or_else(|| ERASED_NAME.to_owned())
    }

    /// Any text: every known name and any email address.
    fn text(&self, text: &str) -> String {
        let mut out = remove_emails(text);
        for (name, with) in &self.names {
            out = replace_phrase(&out, name, with);
        }
        out
    }

    fn free(&self, text: &str) -> String {
        if self.free_text {
            self.text(text)
        } else {
            text.to_owned()
        }
    }

    fn co_submitters(&self, json: &str) -> String {
        let list: Vec<CoSubmitter> = serde_json::from_str(json).unwrap_or_default();
        let scrubbed: Vec<CoSubmitter> = list
            .iter()
            .map(|c| CoSubmitter {
                name: self.replacement(&c.name, &c.email),
                email: String::new(),
                consent: c.consent,
            })
            .collect();
        serde_json::to_string(&scrubbed).unwrap_or_else(|_| "[]".to_owned())
    }

    fn fields(&self, f: &ideas::PersonalFields) -> ideas::PersonalFields {
        ideas::PersonalFields {
            id: f.id,
            reference: f.reference.clone(),
            submitter_name: self.replacement(&f.submitter_name, &f.submitter_email),
            submitter_email: String::new(),
            co_submitters: self.co_submitters(&f.co_submitters),
            title: self.free(&f.title),
            summary: self.free(&f.summary),
            problem: self.free(&f.problem),
            data_description: self.free(&f.data_description),
            benefits: self.free(&f.benefits),
            notes: self.free(&f.notes),
        }
    }

    /// An audit entry's row JSON for `ideas`: the same changes as the row itself.
    fn audit_json(&self, json: &str) -> String {
        let Ok(serde_json::Value::Object(mut row)) = serde_json::from_str::<serde_json::Value>(json) else {
            return self.text(json);
        };
        let name = row.get("submitter_name").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let email = row.get("submitter_email").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        if row.contains_key("submitter_name") {
            row.insert("submitter_name".into(), self.replacement(&name, &email).into());
        }
        if row.contains_key("submitter_email") {
            row.insert("submitter_email".into(), "".into());
        }
        if let Some(co) = row.get("co_submitters").and_then(|v| v.as_str()).map(str::to_owned) {
            row.insert("co_submitters".into(), self.co_submitters(&co).into());
        }
        for key in ["title", "summary", "problem", "data_description", "benefits", "notes"] {
            if let Some(text) = row.get(key).and_then(|v| v.as_str()).map(str::to_owned) {
                row.insert(key.into(), self.free(&text).into());
            }
        }
        // Feedback for an outcome letter is written to the person: always scrubbed.
        if let Some(text) = row.get("feedback").and_then(|v| v.as_str()).map(str::to_owned) {
            row.insert("feedback".into(), self.text(&text).into());
        }
        serde_json::Value::Object(row).to_string()
    }
}

impl Shortlist {
    /// The challenge's retention date, erasure and the banner to show, if any.
    pub fn personal_data_status(&self, challenge_id: ChallengeId) -> Result<PersonalDataStatus, ApiError> {
        let store = self.store()?;
        let challenge = challenges::get(store.read(), challenge_id)?;
        let kept = retention::get(store.read(), challenge_id)?;
        drop(store);
        let today = self.now().date_naive();
        let overdue = kept.erased_at.is_none() && kept.retain_until.is_some_and(|d| today > d);
        let banner = overdue.then(|| {
            format!(
                "The retention date for this challenge's personal data, {}, has passed. Erase or anonymise the submitters' personal data.",
                kept.retain_until.map(|d| d.format("%-d %B %Y").to_string()).unwrap_or_default()
            )
        });
        Ok(PersonalDataStatus {
            challenge_id,
            closing_date: challenge.closing_date,
            closed: today > challenge.closing_date,
            retain_until: kept.retain_until,
            overdue,
            erased_at: kept.erased_at,
            erased_how: kept.erased_how,
            banner,
        })
    }

    /// Sets (or with `None` clears) the date until which the challenge's personal data is kept.
    ///
    /// # Errors
    /// `Validation` on `retainUntil` for a date before the challenge closes.
    pub fn set_retention_date(
        &self,
        challenge_id: ChallengeId,
        retain_until: Option<NaiveDate>,
    ) -> Result<PersonalDataStatus, ApiError> {
        let challenge = challenges::get(self.store()?.read(), challenge_id)?;
        if let Some(date) = retain_until.filter(|d| *d < challenge.closing_date) {
            return Err(ApiError::field(
                "retainUntil",
                format!(
                    "The retention date must be after the challenge closes ({}); {} is before it",
                    challenge.closing_date.format("%-d %B %Y"),
                    date.format("%-d %B %Y")
                ),
            ));
        }
        self.store()?.write(|tx| retention::set_retain_until(tx, challenge_id, retain_until))?;
        self.personal_data_status(challenge_id)
    }

    /// Erases or anonymises the challenge's submitters' personal data, everywhere it is held
    /// (see the module's documentation). Cannot be undone: the backups are deleted too.
    ///
    /// # Errors
    /// `Refused` before the challenge closes; `Validation` on `confirmation` unless it is the
    /// challenge's reference prefix. Nothing changes in either case.
    pub fn erase_personal_data(
        &self,
        challenge_id: ChallengeId,
        input: &ErasureInput,
    ) -> Result<ErasureSummary, ApiError> {
        let challenge = challenges::get(self.store()?.read(), challenge_id)?;
        let now = self.now();
        if now.date_naive() <= challenge.closing_date {
            return Err(ApiError::refused(format!(
                "{} closes on {}. Personal data can be erased once it has closed.",
                challenge.name,
                challenge.closing_date.format("%-d %B %Y")
            )));
        }
        if !input.confirmation.trim().eq_ignore_ascii_case(&challenge.reference_prefix) {
            return Err(ApiError::field(
                "confirmation",
                format!("Type {} to confirm: this cannot be undone", challenge.reference_prefix),
            ));
        }
        let rows = ideas::personal_fields(self.store()?.read(), challenge_id)?;

        // Everyone on the ideas, in the order they first appear, each with every name they used.
        let mut people: Vec<Person> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut meet = |name: &str, email: &str, people: &mut Vec<Person>| {
            if name.trim().is_empty() && email.trim().is_empty() {
                return;
            }
            let key = person_key(name, email);
            let i = *index.entry(key).or_insert_with(|| {
                let replacement = match input.kind {
                    ErasureKind::Anonymise => format!("Person {}", people.len() + 1),
                    ErasureKind::Erase => ERASED_NAME.to_owned(),
                };
                people.push(Person { names: Vec::new(), email: email.trim().to_lowercase(), replacement });
                people.len() - 1
            });
            if !name.trim().is_empty() && !people[i].names.iter().any(|n| n == name.trim()) {
                people[i].names.push(name.trim().to_owned());
            }
        };
        for row in &rows {
            meet(&row.submitter_name, &row.submitter_email, &mut people);
            for co in serde_json::from_str::<Vec<CoSubmitter>>(&row.co_submitters).unwrap_or_default() {
                meet(&co.name, &co.email, &mut people);
            }
        }
        let scrub = Scrubber::new(&people, input.free_text);
        let how = match input.kind {
            ErasureKind::Anonymise => "anonymised",
            ErasureKind::Erase => "erased",
        };

        let rewritten = {
            let mut store = self.store()?;
            store
                .read()
                .pragma_update(None, "secure_delete", "ON")
                .map_err(shortlist_store::StoreError::from)?;
            store.write(|tx| {
                let mut with_feedback = Vec::new();
                for row in &rows {
                    ideas::replace_personal_fields(tx, &scrub.fields(row))?;
                    history::rewrite(tx, row.id, &|text| scrub.text(text))?;
                    // Feedback for an outcome letter is written to the person: always scrubbed.
                    if closing::rewrite_feedback(tx, row.id, &|text| scrub.text(text))? {
                        with_feedback.push(row.id.0);
                    }
                }
                // Merge every index segment, so no deleted entry keeps an old name.
                tx.execute("INSERT INTO ideas_fts (ideas_fts) VALUES ('optimize')", [])
                    .map_err(shortlist_store::StoreError::from)?;
                let mut detail = serde_json::Map::new();
                detail.insert("challenge".into(), challenge.reference_prefix.clone().into());
                detail.insert("how".into(), how.into());
                detail.insert("freeText".into(), input.free_text.into());
                detail.insert("ideas".into(), rows.len().into());
                detail.insert("people".into(), people.len().into());
                let ids: Vec<i64> = rows.iter().map(|r| r.id.0).collect();
                let mut n = audit::redact(tx, "ideas", &ids, &|json| scrub.audit_json(json), detail.clone())?;
                if !with_feedback.is_empty() {
                    n += audit::redact(
                        tx,
                        "idea_feedback",
                        &with_feedback,
                        &|json| scrub.audit_json(json),
                        detail,
                    )?;
                }
                retention::mark_erased(tx, challenge_id, now, how)?;
                Ok::<_, ApiError>(n)
            })?
        };
        // Old pages (free pages, the WAL) still hold the old text: rewrite the file.
        self.store()?.compact()?;
        let mut deleted = 0;
        for path in self.backup_files() {
            if std::fs::remove_file(&path).is_ok() {
                deleted += 1;
            }
        }
        let store = self.store()?;
        if let Err(e) = self.backup_now(&store, "after-erasure", now) {
            tracing::warn!(error = %e, "no backup after the erasure");
        }
        Ok(ErasureSummary {
            ideas: rows.len() as u32,
            people: people.len() as u32,
            audit_entries: rewritten as u32,
            backups_deleted: deleted,
        })
    }

    /// Writes everything held about the person with this email address, as a JSON file and a
    /// readable PDF, into `folder`: each idea they sent or co-sent, in full, with its timeline.
    ///
    /// # Errors
    /// `Validation` on `email` when it is not an email address; `NotFound` when no idea has it.
    pub fn export_subject_access(&self, email: &str, folder: &Path) -> Result<SubjectAccessExport, ApiError> {
        let email = email.trim();
        if !email.contains('@') || email.contains(char::is_whitespace) {
            return Err(ApiError::field(
                "email",
                "Enter the person's email address, like name@department.gov.uk",
            ));
        }
        let rows = ideas::personal_fields_by_email(self.store()?.read(), email)?;
        if rows.is_empty() {
            return Err(ApiError::not_found(format!(
                "No idea has {email} as its submitter or a co-submitter. Check the address; if their data was erased, Shortlist holds nothing more about them"
            )));
        }
        let now = self.now();
        let mut items = Vec::new();
        let mut doc_ideas = Vec::new();
        let mut marking = Marking::Official;
        for row in &rows {
            let idea = self.get_idea(row.id)?;
            let changes = self.idea_history(row.id)?;
            let challenge = challenges::get(self.store()?.read(), idea.challenge_id)?;
            if challenge.marking == Marking::OfficialSensitive {
                marking = Marking::OfficialSensitive;
            }
            let role = if idea.details.submitter_email.eq_ignore_ascii_case(email) {
                "submitter"
            } else {
                "co-submitter"
            };
            items.push(serde_json::json!({ "challenge": challenge.name, "role": role, "idea": idea, "history": changes }));
            doc_ideas.push((challenge.name.clone(), role, idea, changes));
        }
        let export = serde_json::json!({
            "about": email,
            "madeAt": now,
            "madeBy": self.display_name()?,
            "note": "Everything Shortlist holds about this person: the ideas they sent or co-sent, as recorded, with each idea's history.",
            "ideas": items,
        });
        let stem = format!("Subject access {} {}", safe_file_name(email), now.format("%Y-%m-%d"));
        let json_path: PathBuf = folder.join(format!("{stem}.json"));
        let pdf_path: PathBuf = folder.join(format!("{stem}.pdf"));
        let json = serde_json::to_vec_pretty(&export)
            .map_err(|e| crate::error::internal("Could not write the export", e))?;
        let doc = subject_access_document(email, &doc_ideas, marking, now);
        let pdf = shortlist_pdf::to_pdf(&doc)
            .map_err(|e| crate::error::internal("Could not lay out the PDF", e))?;
        std::fs::create_dir_all(folder)
            .map_err(|e| crate::error::internal("Could not make the folder", e))?;
        write_atomically(&json_path, &json)?;
        write_atomically(&pdf_path, &pdf.bytes)?;
        // Recorded without the address itself, which the trail should not spread further.
        let detail =
            serde_json::json!({ "ideas": rows.len(), "emailSha256": audit_email_digest(email) }).to_string();
        self.store()?.write(|tx| audit::note(tx, "subject-access-export", "person", &detail))?;
        Ok(SubjectAccessExport {
            json_path: json_path.display().to_string(),
            pdf_path: pdf_path.display().to_string(),
            ideas: rows.len() as u32,
        })
    }
}

fn audit_email_digest(email: &str) -> String {
    audit::sha_hex(email.trim().to_lowercase().as_bytes())
}

fn subject_access_document(
    email: &str,
    ideas: &[(String, &str, shortlist_domain::Idea, Vec<shortlist_domain::IdeaChange>)],
    marking: Marking,
    now: DateTime<Utc>,
) -> shortlist_pdf::Document {
    use shortlist_pdf::{Block, Column, Document, Metadata, Table};
    let title = format!("Information held about {email}");
    let mut doc =
        Document::new(Metadata { title: title.clone(), language: "en-GB".into(), ..Metadata::default() });
    // Personal data is marked at least OFFICIAL, whatever the challenge's own marking.
    doc = doc.with_marking(marking.label().unwrap_or("OFFICIAL"));
    doc.push(Block::heading(1, title));
    doc.push(Block::paragraph(format!(
        "Made on {} from Shortlist. It lists every idea this person sent or co-sent, as recorded, with each idea's history. {} idea{} found.",
        now.format("%-d %B %Y"),
        ideas.len(),
        if ideas.len() == 1 { "" } else { "s" }
    )));
    for (challenge, role, idea, changes) in ideas {
        doc.push(Block::heading(2, format!("{} {}", idea.reference.as_str(), idea.details.title)));
        let d = &idea.details;
        let co = d
            .co_submitters
            .iter()
            .map(|c| format!("{} <{}>", c.name, c.email))
            .collect::<Vec<_>>()
            .join("; ");
        let mut facts = vec![
            ("Challenge".to_owned(), challenge.clone()),
            ("This person was".to_owned(), format!("the {role}")),
            ("Submitter".to_owned(), format!("{} <{}>", d.submitter_name, d.submitter_email)),
            ("Department or agency".to_owned(), d.department.clone()),
            ("Profession".to_owned(), d.profession.clone()),
            ("Grade".to_owned(), d.grade.clone()),
            ("Region".to_owned(), d.region.clone()),
            ("Co-submitters".to_owned(), co),
            ("Stage reached".to_owned(), idea.stage.label().to_owned()),
        ];
        facts.retain(|(_, v)| !v.trim().is_empty());
        doc.push(Block::KeyValue(facts.into_iter().map(|(k, v)| (k, shortlist_pdf::text(v))).collect()));
        for (label, text) in [
            ("Summary", &d.summary),
            ("The problem", &d.problem),
            ("The data", &d.data_description),
            ("Benefits", &d.benefits),
            ("Notes", &d.notes),
        ] {
            if !text.trim().is_empty() {
                doc.push(Block::heading(3, label));
                doc.push(Block::paragraph(text.clone()));
            }
        }
        if !changes.is_empty() {
            doc.push(Block::heading(3, "History"));
            let rows = changes
                .iter()
                .map(|c| {
                    vec![
                        shortlist_pdf::Cell::text(c.at.format("%-d %b %Y %H:%M").to_string()),
                        shortlist_pdf::Cell::text(c.by.clone()),
                        shortlist_pdf::Cell::text(
                            [c.field.clone(), c.new_value.clone(), c.note.clone()]
                                .into_iter()
                                .flatten()
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join(": "),
                        ),
                    ]
                })
                .collect();
            doc.push(Block::Table(Table {
                columns: vec![Column::auto("When"), Column::auto("Who"), Column::fr("What", 1.0)],
                rows,
                min_row_height_mm: 0.0,
            }));
        }
    }
    doc
}
