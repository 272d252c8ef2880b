//! Closing a challenge (issue #18): the participation report, the outcome letters and the
//! published longlist. What goes out is composed by `shortlist_publish`; here the challenge is
//! read (each idea's stage reached from its history, its reasons, feedback and consent), the
//! secretariat's closing settings are kept, and the files are written.
//!
//! Which ideas are in each:
//!
//! - **Report**: every live idea (merged duplicates are counted once, as the idea they were
//!   merged into). An idea that left (not progressed, withdrawn) counts at the stage it left
//!   from; an ineligible idea counts as Ineligible, its own column.
//! - **Letters**: every idea with an outcome to tell: ineligible, not progressed (at the stage
//!   it left from), winner, and progressed for ideas still in a round past submission. Ideas
//!   not yet screened and withdrawn ideas get no letter.
//! - **Longlist**: the ideas that reached the longlist or went further, except withdrawn ones.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use shortlist_domain::{
    Challenge, ChallengeId, ChangeKind, DecisionKind, Eligibility, Idea, IdeaChange, IdeaId, Stage,
};
use shortlist_publish::letters::{
    self, IdeaOutcome, LetterPlan, LetterSettings, MergeField, Outcome, Recipient, Template, Templates,
};
use shortlist_publish::longlist::{self, LonglistEntry, Person, SiteSettings};
use shortlist_publish::report::{self, Dimension, Participant, ParticipationReport, ReportImprint};
use shortlist_store::{assessments, challenges, closing, history, ideas, workflow};
use specta::Type;

use super::Shortlist;
use crate::error::{internal, ErrorCode};
use crate::{write_atomically, ApiError};

/// The most a suppression threshold may be: beyond it, a challenge's report would hide nearly
/// everything.
pub const THRESHOLD_MAX: u32 = 100;

/// The longest feedback for one idea: the idea form's limit for a long answer.
pub const FEEDBACK_MAX: usize = 10_000;

/// A form's problems, in the form's order, for the GOV.UK error summary.
#[derive(Default)]
struct Problems(Vec<shortlist_domain::FieldError>);

impl Problems {
    fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(shortlist_domain::FieldError { field: field.to_owned(), message: message.into() });
    }
}

/// One outcome's letter template, as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeTemplate {
    pub outcome: Outcome,
    pub label: String,
    pub subject: String,
    pub body: String,
}

/// A merge field and what it holds, for the template editor's help.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MergeFieldHelp {
    /// As written in a template, braces included: `{{name}}`.
    pub placeholder: String,
    pub meaning: String,
}

/// A challenge's closing settings: the report's suppression threshold and the letters'
/// sender and templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClosingSettings {
    pub challenge_id: ChallengeId,
    /// Counts below this are suppressed in the report (default 5).
    pub threshold: u32,
    /// Signs the letters and publishes the longlist, e.g. "The Data Challenge secretariat".
    pub sender: String,
    /// The From of the email drafts: the secretariat's shared mailbox.
    pub from_name: String,
    pub from_email: String,
    /// When no feedback is written for an idea, use the decision's reasons and the evaluation
    /// summary instead.
    pub feedback_from_reasons: bool,
    /// One per outcome, in the order ineligible, not progressed, progressed, winner.
    pub templates: Vec<OutcomeTemplate>,
    pub merge_fields: Vec<MergeFieldHelp>,
}

/// One template as typed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeTemplateInput {
    pub outcome: Outcome,
    pub subject: String,
    pub body: String,
}

/// The closing settings as typed into the form. The threshold is text, checked here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClosingSettingsInput {
    pub challenge_id: ChallengeId,
    pub threshold: String,
    pub sender: String,
    pub from_name: String,
    pub from_email: String,
    pub feedback_from_reasons: bool,
    pub templates: Vec<OutcomeTemplateInput>,
}

/// What is stored: every field defaults, so settings saved by an older version still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct StoredSettings {
    threshold: u32,
    sender: String,
    from_name: String,
    from_email: String,
    feedback_from_reasons: bool,
    templates: StoredTemplates,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct StoredTemplates {
    ineligible: StoredTemplate,
    not_progressed: StoredTemplate,
    progressed: StoredTemplate,
    winner: StoredTemplate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StoredTemplate {
    subject: String,
    body: String,
}

impl Default for StoredTemplates {
    fn default() -> Self {
        let t = Templates::default();
        let s = |t: &Template| StoredTemplate { subject: t.subject.clone(), body: t.body.clone() };
        StoredTemplates {
            ineligible: s(&t.ineligible),
            not_progressed: s(&t.not_progressed),
            progressed: s(&t.progressed),
            winner: s(&t.winner),
        }
    }
}

impl Default for StoredSettings {
    fn default() -> Self {
        StoredSettings {
            threshold: report::DEFAULT_THRESHOLD,
            sender: "The challenge secretariat".to_owned(),
            from_name: "The challenge secretariat".to_owned(),
            from_email: String::new(),
            // Letters can be made at once from what the panel recorded; written feedback,
            // where there is some, always comes first.
            feedback_from_reasons: true,
            templates: StoredTemplates::default(),
        }
    }
}

impl StoredTemplates {
    fn get_mut(&mut self, outcome: Outcome) -> &mut StoredTemplate {
        match outcome {
            Outcome::Ineligible => &mut self.ineligible,
            Outcome::NotProgressed => &mut self.not_progressed,
            Outcome::Progressed => &mut self.progressed,
            Outcome::Winner => &mut self.winner,
        }
    }

    fn templates(&self) -> Templates {
        let t = |s: &StoredTemplate| Template { subject: s.subject.clone(), body: s.body.clone() };
        Templates {
            ineligible: t(&self.ineligible),
            not_progressed: t(&self.not_progressed),
            progressed: t(&self.progressed),
            winner: t(&self.winner),
        }
    }
}

fn template_field(outcome: Outcome) -> String {
    format!(
        "template-{}",
        serde_json::to_value(outcome).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    )
}

/// The participation report as the app shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ParticipationView {
    pub report: ParticipationReport,
    /// The report with nothing suppressed would differ: whether anything is hidden.
    pub suppressed_any: bool,
}

/// A file (or folder of files) written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClosingFileWritten {
    pub path: String,
    /// Pages, for a PDF.
    pub pages: Option<u32>,
    pub bytes: u32,
}

/// A letter that cannot be made, or not as an email draft, said for the pre-flight list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LetterProblem {
    pub reference: String,
    pub name: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// No letter at all (rather than a letter with no draft).
    pub blocks_letter: bool,
    /// The letter needs feedback that is not written: the page offers to write it.
    pub needs_feedback: bool,
}

/// The letters as planned, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LettersPreview {
    pub plan: LetterPlan,
    /// The plan's problems, in words, in the order met.
    pub problems: Vec<LetterProblem>,
    /// How many letters can also go out as email drafts.
    pub draftable: u32,
    /// Ideas with an outcome to tell.
    pub ideas: u32,
    /// The From address is not usable, so no draft can be made until it is set.
    pub from_email_missing: bool,
}

/// Which letters to write, and where.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LettersRequest {
    pub challenge_id: ChallengeId,
    pub folder: String,
    /// One PDF with every letter, rather than one per person.
    pub combined: bool,
    /// Also write an `.eml` draft per letter that has an address.
    pub drafts: bool,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LettersWritten {
    pub folder: String,
    pub letters: u32,
    pub pdf_files: u32,
    pub drafts: u32,
    /// Letters that could not be made, or not as drafts: the plan's list.
    pub problems: u32,
}

/// The longlist's site, written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LonglistWritten {
    pub folder: String,
    pub ideas: u32,
    pub files: u32,
    /// People named with their consent.
    pub names_published: u32,
    /// People left unnamed because they did not consent.
    pub names_withheld: u32,
}

/// One idea as the closing use cases read it.
struct ClosingIdea {
    idea: Idea,
    /// Where it left from, for an idea that has left (not progressed, withdrawn, ineligible).
    left_from: Option<Stage>,
}

impl ClosingIdea {
    /// The furthest stage reached: for an exit, the stage it left from.
    fn furthest(&self) -> Stage {
        match self.idea.stage {
            Stage::NotProgressed | Stage::Withdrawn | Stage::Ineligible => {
                self.left_from.unwrap_or(Stage::Submitted)
            }
            s => s,
        }
    }

    /// The column the report counts it in: the furthest stage, or Ineligible.
    fn report_stage(&self) -> Stage {
        match self.idea.stage {
            Stage::Ineligible => Stage::Ineligible,
            _ => self.furthest(),
        }
    }
}

fn pdf_error(e: shortlist_pdf::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!("Shortlist could not lay out the document ({e}). Please report this problem."),
    )
}

fn pdf_bytes(doc: &shortlist_pdf::Document) -> Result<(Vec<u8>, u32), ApiError> {
    let laid = shortlist_pdf::layout(doc).map_err(pdf_error)?;
    let bytes = shortlist_pdf::render(&laid).map_err(pdf_error)?;
    Ok((bytes, laid.pages.len() as u32))
}

fn folder(path: &str) -> Result<PathBuf, ApiError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(ApiError::field("folder", "Choose a folder to save the files in"));
    }
    let dir = PathBuf::from(path);
    std::fs::create_dir_all(&dir).map_err(|e| {
        ApiError::field(
            "folder",
            format!(
                "Shortlist could not use the folder {} ({e}): choose a folder you can save files in",
                dir.display()
            ),
        )
    })?;
    Ok(dir)
}

fn read_ideas(
    conn: &shortlist_store::Connection,
    challenge: ChallengeId,
) -> Result<Vec<ClosingIdea>, ApiError> {
    let left = workflow::left_from_all(conn, challenge)?;
    let mut out = Vec::new();
    for summary in ideas::list(conn, challenge)? {
        let idea = ideas::get(conn, summary.id)?;
        if idea.merged_into.is_some() {
            continue;
        }
        out.push(ClosingIdea { left_from: left.get(&idea.id).copied(), idea });
    }
    Ok(out)
}

fn stored(conn: &shortlist_store::Connection, challenge: ChallengeId) -> Result<StoredSettings, ApiError> {
    Ok(match closing::settings(conn, challenge)? {
        // Saved settings that no longer read (hand-edited, say) fall back to the defaults
        // rather than locking the secretariat out of the page that would fix them.
        Some(json) => serde_json::from_str(&json).unwrap_or_default(),
        None => StoredSettings::default(),
    })
}

fn view(challenge: ChallengeId, s: &StoredSettings) -> ClosingSettings {
    let t = s.templates.templates();
    ClosingSettings {
        challenge_id: challenge,
        threshold: s.threshold,
        sender: s.sender.clone(),
        from_name: s.from_name.clone(),
        from_email: s.from_email.clone(),
        feedback_from_reasons: s.feedback_from_reasons,
        templates: Outcome::ALL
            .into_iter()
            .map(|o| OutcomeTemplate {
                outcome: o,
                label: o.label().to_owned(),
                subject: t.get(o).subject.clone(),
                body: t.get(o).body.clone(),
            })
            .collect(),
        merge_fields: MergeField::ALL
            .into_iter()
            .map(|f| MergeFieldHelp {
                placeholder: format!("{{{{{}}}}}", f.code()),
                meaning: f.label().to_owned(),
            })
            .collect(),
    }
}

/// Whether an address is one a mail client would take, as far as the From needs checking.
fn email_like(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// The reasons recorded for where an idea ended: the screening's reason for an ineligible idea,
/// else the latest decision's, else the latest move's.
fn reasons(conn: &shortlist_store::Connection, c: &ClosingIdea) -> Result<String, ApiError> {
    let id = c.idea.id;
    if c.idea.stage == Stage::Ineligible {
        if let Some(s) = assessments::screening(conn, id)? {
            if s.eligibility == Eligibility::Ineligible && !s.eligibility_reason.trim().is_empty() {
                return Ok(s.eligibility_reason);
            }
        }
    }
    let decisions = workflow::decisions(conn, id)?;
    let wanted = |k: DecisionKind| match c.idea.stage {
        Stage::NotProgressed => k == DecisionKind::NotProgress,
        Stage::Winner => k == DecisionKind::Winner,
        _ => k == DecisionKind::Progress,
    };
    if let Some(d) = decisions.iter().rev().find(|d| wanted(d.kind) && !d.reasons.trim().is_empty()) {
        return Ok(d.reasons.clone());
    }
    Ok(workflow::moves(conn, id)?.last().map(|m| m.reason.clone()).unwrap_or_default())
}

impl Shortlist {
    /// A challenge's closing settings: as saved, or the defaults.
    pub fn closing_settings(&self, challenge: ChallengeId) -> Result<ClosingSettings, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(view(challenge, &stored(store.read(), challenge)?))
    }

    /// Checks and saves a challenge's closing settings.
    ///
    /// # Errors
    /// A validation error naming each field that is wrong: the threshold (a whole number from 1
    /// to [`THRESHOLD_MAX`]), the sender, the From address, or a template (`template-<outcome>`)
    /// that is empty or uses a placeholder that is not a merge field.
    pub fn save_closing_settings(&self, input: &ClosingSettingsInput) -> Result<ClosingSettings, ApiError> {
        let mut invalid = Problems::default();
        let threshold = match input.threshold.trim().parse::<u32>() {
            Ok(n) if (1..=THRESHOLD_MAX).contains(&n) => n,
            _ => {
                invalid.push(
                    "threshold",
                    format!("Enter the smallest count to show as a whole number from 1 to {THRESHOLD_MAX}, like 5"),
                );
                report::DEFAULT_THRESHOLD
            }
        };
        let sender = input.sender.trim().to_owned();
        if sender.is_empty() {
            invalid.push("sender", "Enter who signs the letters, like The Data Challenge secretariat");
        } else if sender.chars().count() > 120 {
            invalid.push("sender", "Who signs the letters must be 120 characters or fewer");
        }
        let from_name = input.from_name.trim().to_owned();
        if from_name.chars().count() > 120 {
            invalid.push("fromName", "The name the drafts come from must be 120 characters or fewer");
        }
        let from_email = input.from_email.trim().to_owned();
        if !from_email.is_empty() && !email_like(&from_email) {
            invalid.push("fromEmail", "Enter the address the drafts come from as an email address, like datachallenge@cabinetoffice.gov.uk");
        }
        let mut s = StoredSettings {
            threshold,
            sender,
            from_name: if from_name.is_empty() { input.sender.trim().to_owned() } else { from_name },
            from_email,
            feedback_from_reasons: input.feedback_from_reasons,
            templates: StoredTemplates::default(),
        };
        {
            let store = self.store()?;
            s.templates = stored(store.read(), input.challenge_id)?.templates;
        }
        for t in &input.templates {
            let slot = s.templates.get_mut(t.outcome);
            slot.subject = t.subject.trim().to_owned();
            slot.body = t.body.replace("\r\n", "\n").trim().to_owned();
            if slot.subject.is_empty() || slot.body.is_empty() {
                invalid.push(
                    &template_field(t.outcome),
                    format!(
                        "Enter a subject and a letter for the {} outcome",
                        t.outcome.label().to_lowercase()
                    ),
                );
            }
        }
        for o in Outcome::ALL {
            let one =
                Templates { ineligible: s.templates.templates().get(o).clone(), ..Templates::default() };
            if let Err(e) = one.check() {
                // `check` names the ineligible letter, the slot it was put in: name the right one.
                let message =
                    e.to_string().replace("The Ineligible letter", &format!("The {} letter", o.label()));
                invalid.push(&template_field(o), message);
            }
        }
        if !invalid.0.is_empty() {
            return Err(shortlist_domain::Invalid { errors: invalid.0 }.into());
        }
        let json =
            serde_json::to_string(&s).map_err(|e| internal("Shortlist could not save the settings", e))?;
        let mut store = self.store()?;
        challenges::get(store.read(), input.challenge_id)?;
        store.write(|tx| Ok::<_, ApiError>(closing::set_settings(tx, input.challenge_id, &json)?))?;
        Ok(view(input.challenge_id, &s))
    }

    /// The feedback written for an idea; empty when none.
    pub fn idea_feedback(&self, idea: IdeaId) -> Result<String, ApiError> {
        let store = self.store()?;
        ideas::get(store.read(), idea)?;
        Ok(closing::feedback(store.read(), idea)?)
    }

    /// Saves (or with empty text, removes) the feedback for an idea's outcome letter.
    pub fn save_idea_feedback(&self, idea: IdeaId, feedback: &str) -> Result<String, ApiError> {
        let text = feedback.replace("\r\n", "\n").trim().to_owned();
        if text.chars().count() > FEEDBACK_MAX {
            return Err(ApiError::field(
                "feedback",
                format!("Feedback must be {} characters or fewer", FEEDBACK_MAX),
            ));
        }
        let (by, now) = (self.display_name()?, self.now());
        let mut store = self.store()?;
        ideas::get(store.read(), idea)?;
        store.write(|tx| {
            let before = closing::feedback(tx, idea)?;
            if before == text {
                return Ok::<_, ApiError>(());
            }
            closing::set_feedback(tx, idea, &text, &by, now)?;
            // In the idea's timeline like any other edit, so who wrote what a letter says is kept.
            let change = IdeaChange {
                at: now,
                by: by.clone(),
                kind: ChangeKind::Edited,
                field: Some("Feedback for the outcome letter".to_owned()),
                old_value: Some(before),
                new_value: Some(text.clone()),
                note: None,
            };
            history::record(tx, idea, &change)?;
            Ok(())
        })?;
        Ok(text)
    }

    fn closing_read(
        &self,
        challenge: ChallengeId,
    ) -> Result<(Challenge, StoredSettings, Vec<ClosingIdea>), ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let c = challenges::get(conn, challenge)?;
        let s = stored(conn, challenge)?;
        let ideas = read_ideas(conn, challenge)?;
        Ok((c, s, ideas))
    }

    fn participation(
        &self,
        challenge: ChallengeId,
        threshold: Option<u32>,
    ) -> Result<(Challenge, ParticipationReport), ApiError> {
        let (c, s, ideas) = self.closing_read(challenge)?;
        let participants: Vec<Participant> = ideas
            .iter()
            .map(|i| Participant {
                department: i.idea.details.department.clone(),
                profession: i.idea.details.profession.clone(),
                grade: i.idea.details.grade.clone(),
                region: i.idea.details.region.clone(),
                theme: i.idea.details.themes.first().cloned().unwrap_or_default(),
                stage_reached: i.report_stage(),
            })
            .collect();
        Ok((c, report::participation(&participants, threshold.unwrap_or(s.threshold))))
    }

    /// Who took part and how far their ideas went, with small counts suppressed at the
    /// challenge's threshold.
    pub fn participation_report(&self, challenge: ChallengeId) -> Result<ParticipationView, ApiError> {
        let (_, report) = self.participation(challenge, None)?;
        let (_, raw) = self.participation(challenge, Some(0))?;
        Ok(ParticipationView {
            suppressed_any: raw != ParticipationReport { threshold: 0, ..report.clone() },
            report,
        })
    }

    /// Writes the participation report: a PDF (`.pdf`) or CSV (`.csv`), chosen by the file's
    /// extension, small counts suppressed.
    pub fn write_participation_report(
        &self,
        challenge: ChallengeId,
        dest: &Path,
    ) -> Result<ClosingFileWritten, ApiError> {
        let ext = dest.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
        if ext != "pdf" && ext != "csv" {
            return Err(ApiError::field("file", "Save the report as a .pdf or a .csv file"));
        }
        let author = self.display_name()?;
        let (c, report) = self.participation(challenge, None)?;
        let (bytes, pages) = if ext == "csv" {
            (
                report::csv(&report)
                    .map_err(|e| internal("Shortlist could not write the report's CSV", e))?,
                None,
            )
        } else {
            let imprint = ReportImprint {
                challenge: c.name.clone(),
                marking: c.marking,
                author,
                made_at: self.now(),
                small_multiples: vec![Dimension::Department],
            };
            let (bytes, pages) = pdf_bytes(&report::document(&report, &imprint))?;
            (bytes, Some(pages))
        };
        write_atomically(dest, &bytes)?;
        Ok(ClosingFileWritten { path: dest.display().to_string(), pages, bytes: bytes.len() as u32 })
    }

    fn letter_plan(&self, challenge: ChallengeId) -> Result<(LetterPlan, LetterSettings, usize), ApiError> {
        let now = self.now();
        let store = self.store()?;
        let conn = store.read();
        let c = challenges::get(conn, challenge)?;
        let s = stored(conn, challenge)?;
        let feedback: HashMap<IdeaId, String> =
            closing::feedback_for_challenge(conn, challenge)?.into_iter().collect();
        let mut outcomes = Vec::new();
        for i in read_ideas(conn, challenge)? {
            let outcome = match i.idea.stage {
                Stage::Ineligible => Outcome::Ineligible,
                Stage::NotProgressed => Outcome::NotProgressed,
                Stage::Winner => Outcome::Winner,
                Stage::Submitted | Stage::Withdrawn => continue,
                _ => Outcome::Progressed,
            };
            let d = &i.idea.details;
            let mut recipients = vec![Recipient {
                name: d.submitter_name.clone(),
                email: d.submitter_email.clone(),
                lead: true,
            }];
            recipients.extend(d.co_submitters.iter().map(|p| Recipient {
                name: p.name.clone(),
                email: p.email.clone(),
                lead: false,
            }));
            outcomes.push(IdeaOutcome {
                reference: i.idea.reference.clone(),
                title: d.title.clone(),
                outcome,
                stage_reached: i.furthest(),
                reasons: reasons(conn, &i)?,
                evaluation_summary: assessments::evaluation(conn, i.idea.id)?
                    .map(|e| e.rationale)
                    .unwrap_or_default(),
                feedback: feedback.get(&i.idea.id).cloned().unwrap_or_default(),
                recipients,
            });
        }
        let settings = LetterSettings {
            challenge: c.name.clone(),
            sender: s.sender.clone(),
            from_name: s.from_name.clone(),
            from_email: s.from_email.clone(),
            date: now.date_naive(),
            made_at: now,
            marking: c.marking,
            feedback_from_reasons: s.feedback_from_reasons,
        };
        let plan = letters::plan(&outcomes, &s.templates.templates(), &settings)
            .map_err(|e| ApiError::field("templates", format!("{e} Fix the template, then try again.")))?;
        Ok((plan, settings, outcomes.len()))
    }

    /// Every outcome letter merged, and the list of letters that cannot be made (or not as
    /// email drafts) and why, before anything is written.
    pub fn preview_letters(&self, challenge: ChallengeId) -> Result<LettersPreview, ApiError> {
        let (plan, settings, ideas) = self.letter_plan(challenge)?;
        let problems = plan
            .problems
            .iter()
            .map(|u| LetterProblem {
                reference: u.reference.to_string(),
                name: u.name.clone(),
                message: u.problem.to_string(),
                blocks_letter: u.problem.blocks_letter(),
                needs_feedback: u.problem == letters::Problem::Missing { field: MergeField::Feedback },
            })
            .collect();
        Ok(LettersPreview {
            problems,
            draftable: plan.draftable().count() as u32,
            ideas: ideas as u32,
            from_email_missing: !email_like(&settings.from_email),
            plan,
        })
    }

    /// Writes the letters to a folder: a PDF per person (`<reference>-<name>.pdf`) or one PDF
    /// with them all, and with `drafts`, an unsent `.eml` draft per letter that has an address
    /// (the person's PDF attached when there is one). Nothing is sent.
    ///
    /// # Errors
    /// No folder, or drafts asked for while the From address is not set (`fromEmail`); no
    /// letters to write.
    pub fn write_letters(&self, request: &LettersRequest) -> Result<LettersWritten, ApiError> {
        let (plan, settings, _) = self.letter_plan(request.challenge_id)?;
        if request.drafts && !email_like(&settings.from_email) {
            return Err(ApiError::field(
                "fromEmail",
                "Set the address the email drafts come from (in the letter settings) before making drafts",
            ));
        }
        if plan.letters.is_empty() {
            return Err(ApiError::refused(
                "There are no letters to write: no idea has an outcome to tell yet, or every letter has a problem listed",
            ));
        }
        let dir = folder(&request.folder)?;
        let mut pdf_files = 0;
        let mut per_person: HashMap<String, Vec<u8>> = HashMap::new();
        if request.combined {
            let doc = letters::combined_document(&plan.letters, &settings);
            let (bytes, _) = pdf_bytes(&doc)?;
            let name = super::packs::safe_file_name(&format!("{} outcome letters.pdf", settings.challenge));
            write_atomically(&dir.join(name), &bytes)?;
            pdf_files += 1;
        } else {
            for l in &plan.letters {
                let (bytes, _) = pdf_bytes(&letters::document(l, &settings))?;
                write_atomically(&dir.join(format!("{}.pdf", l.file_stem)), &bytes)?;
                per_person.insert(l.file_stem.clone(), bytes);
                pdf_files += 1;
            }
        }
        let mut drafts = 0;
        if request.drafts {
            for l in plan.draftable() {
                let pdf = per_person.get(&l.file_stem).map(Vec::as_slice);
                let bytes = letters::eml(l, &settings, pdf)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("{e}.")))?;
                write_atomically(&dir.join(format!("{}.eml", l.file_stem)), &bytes)?;
                drafts += 1;
            }
        }
        Ok(LettersWritten {
            folder: dir.display().to_string(),
            letters: plan.letters.len() as u32,
            pdf_files,
            drafts,
            problems: plan.problems.len() as u32,
        })
    }

    /// Writes the published longlist to a folder: `index.html` (search and filters, no server
    /// needed), a page per idea under `ideas/`, `longlist.csv` and `longlist.json`. Only what
    /// may be published is in it: no email address, and a name only with consent. Idea pages
    /// left in the folder by an earlier export that are not in this one are removed, so a name
    /// whose consent was withdrawn does not stay behind.
    pub fn write_longlist(
        &self,
        challenge: ChallengeId,
        folder_path: &str,
    ) -> Result<LonglistWritten, ApiError> {
        let today = self.now().date_naive();
        let (c, s, ideas) = self.closing_read(challenge)?;
        let entries: Vec<LonglistEntry> = ideas
            .iter()
            .filter(|i| i.idea.stage != Stage::Withdrawn && i.idea.stage != Stage::Ineligible)
            .filter(|i| {
                matches!(
                    i.furthest(),
                    Stage::Longlist | Stage::Shortlist | Stage::SemiFinal | Stage::Final | Stage::Winner
                )
            })
            .map(|i| {
                let d = &i.idea.details;
                let mut people = vec![Person {
                    name: d.submitter_name.clone(),
                    email: d.submitter_email.clone(),
                    consent: d.submitter_consent,
                }];
                people.extend(d.co_submitters.iter().map(|p| Person {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    consent: p.consent,
                }));
                LonglistEntry {
                    reference: i.idea.reference.clone(),
                    title: d.title.clone(),
                    summary: d.summary.clone(),
                    department: d.department.clone(),
                    themes: d.themes.clone(),
                    stage_reached: i.furthest(),
                    people,
                }
            })
            .collect();
        if entries.is_empty() {
            return Err(ApiError::refused(
                "No idea has reached the longlist yet, so there is nothing to publish. Move ideas to the longlist first.",
            ));
        }
        let named = entries.iter().flat_map(|e| &e.people).filter(|p| p.consent).count() as u32;
        let withheld = entries.iter().flat_map(|e| &e.people).filter(|p| !p.consent).count() as u32;
        let site = longlist::site(
            &entries,
            &SiteSettings {
                challenge: c.name.clone(),
                publisher: s.sender.clone(),
                introduction: String::new(),
                published_on: today,
            },
        )
        .map_err(|e| internal("Shortlist could not make the longlist", e))?;
        let dir = folder(folder_path)?;
        let pages = dir.join("ideas");
        std::fs::create_dir_all(&pages)
            .map_err(|e| internal(&format!("Shortlist could not make the folder {}", pages.display()), e))?;
        let keep: std::collections::HashSet<PathBuf> = site.iter().map(|f| dir.join(&f.path)).collect();
        if let Ok(old) = std::fs::read_dir(&pages) {
            for entry in old.flatten() {
                let p = entry.path();
                if p.extension().is_some_and(|e| e == "html") && !keep.contains(&p) {
                    std::fs::remove_file(&p).map_err(|e| {
                        internal(&format!("Shortlist could not remove the old page {}", p.display()), e)
                    })?;
                }
            }
        }
        for f in &site {
            write_atomically(&dir.join(&f.path), &f.bytes)?;
        }
        Ok(LonglistWritten {
            folder: dir.display().to_string(),
            ideas: entries.len() as u32,
            files: site.len() as u32,
            names_published: named,
            names_withheld: withheld,
        })
    }
}
