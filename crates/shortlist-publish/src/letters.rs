//! Outcome letters: one for every submitter and co-submitter, saying what happened to their
//! idea and why.
//!
//! The flow, each step plain data:
//!
//! 1. [`Templates`]: a subject and body per [`Outcome`], editable text with `{{merge_field}}`
//!    placeholders ([`MergeField`]). [`Templates::default`] gives kind, plain-English ones;
//!    [`Templates::check`] names any placeholder it does not know.
//! 2. [`plan`]: merges every idea's outcome ([`IdeaOutcome`]) into a [`Letter`] per person, and
//!    before anything is written lists the letters that cannot be made, and why
//!    ([`Problem`]): no email address for a draft, or the feedback (or another field) the
//!    template needs is empty.
//! 3. [`document`] and [`combined_document`]: a `shortlist_pdf` document per letter, or all of
//!    them in one with a page each; [`eml`]: an RFC 5322 draft for the user's own mail client.
//!
//! Nothing is sent: a draft carries `X-Unsent: 1`, which Outlook and Thunderbird read as "open
//! this as a new message to edit and send".

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;
use mail_builder::MessageBuilder;
use serde::Serialize;
use sha2::{Digest, Sha256};
use shortlist_domain::{Marking, Reference, Stage};
use shortlist_pdf::{Block, Document, Metadata, Span};

use crate::long_date;
use crate::text::slug;

/// What happened to an idea, as far as its letter is concerned.
/// Deserialize too: the app's template editor names the outcome each template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Screened out: not eligible for the challenge.
    Ineligible,
    /// Went no further than [`IdeaOutcome::stage_reached`].
    NotProgressed,
    /// Went on to [`IdeaOutcome::stage_reached`] (a letter sent between rounds).
    Progressed,
    /// Won the challenge.
    Winner,
}

impl Outcome {
    pub const ALL: [Outcome; 4] =
        [Outcome::Ineligible, Outcome::NotProgressed, Outcome::Progressed, Outcome::Winner];

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ineligible => "Ineligible",
            Outcome::NotProgressed => "Not progressed",
            Outcome::Progressed => "Progressed",
            Outcome::Winner => "Winner",
        }
    }
}

/// A placeholder a template may use, written `{{name}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MergeField {
    /// The recipient's name.
    Name,
    IdeaTitle,
    Reference,
    /// The stage the idea reached, in lower case ("semi-final"), to read inside a sentence.
    StageReached,
    /// The outcome's label.
    Outcome,
    /// The reasons recorded with the decision (or the screening, for an ineligible idea).
    Reasons,
    /// The secretariat's feedback, or when none was written and the settings allow it, the
    /// reasons and the evaluation summary.
    Feedback,
    /// The challenge's name.
    Challenge,
    /// The letter's date, e.g. "12 March 2025".
    Date,
    /// Who signs the letter.
    Sender,
}

impl MergeField {
    pub const ALL: [MergeField; 10] = [
        MergeField::Name,
        MergeField::IdeaTitle,
        MergeField::Reference,
        MergeField::StageReached,
        MergeField::Outcome,
        MergeField::Reasons,
        MergeField::Feedback,
        MergeField::Challenge,
        MergeField::Date,
        MergeField::Sender,
    ];

    /// The name written between the braces.
    pub fn code(self) -> &'static str {
        match self {
            MergeField::Name => "name",
            MergeField::IdeaTitle => "idea_title",
            MergeField::Reference => "reference",
            MergeField::StageReached => "stage_reached",
            MergeField::Outcome => "outcome",
            MergeField::Reasons => "reasons",
            MergeField::Feedback => "feedback",
            MergeField::Challenge => "challenge",
            MergeField::Date => "date",
            MergeField::Sender => "sender",
        }
    }

    pub fn from_code(code: &str) -> Option<MergeField> {
        MergeField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// What the field holds, for the template editor's help and for problems.
    pub fn label(self) -> &'static str {
        match self {
            MergeField::Name => "the recipient's name",
            MergeField::IdeaTitle => "the idea's title",
            MergeField::Reference => "the idea's reference",
            MergeField::StageReached => "the stage the idea reached",
            MergeField::Outcome => "the outcome",
            MergeField::Reasons => "the reasons recorded for the decision",
            MergeField::Feedback => "feedback",
            MergeField::Challenge => "the challenge's name",
            MergeField::Date => "the letter's date",
            MergeField::Sender => "who signs the letter",
        }
    }
}

/// One outcome's letter: a subject line and a body. Paragraphs in the body are separated by a
/// blank line; a merged field that holds several paragraphs keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// Why a template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "The {outcome} letter's {part} uses {{{{{field}}}}}, which is not a merge field. Use one of: {known}."
    )]
    UnknownField { outcome: &'static str, part: &'static str, field: String, known: String },
    #[error("The {outcome} letter's {part} has a {{{{ with no }}}} to close it.")]
    Unclosed { outcome: &'static str, part: &'static str },
}

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Field(MergeField),
}

fn parse<'a>(s: &'a str, outcome: Outcome, part: &'static str) -> Result<Vec<Piece<'a>>, TemplateError> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        pieces.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or(TemplateError::Unclosed { outcome: outcome.label(), part })?;
        let name = after[..close].trim();
        let field = MergeField::from_code(name).ok_or_else(|| TemplateError::UnknownField {
            outcome: outcome.label(),
            part,
            field: name.to_owned(),
            known: MergeField::ALL.map(|f| format!("{{{{{}}}}}", f.code())).join(", "),
        })?;
        pieces.push(Piece::Field(field));
        rest = &after[close + 2..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// A template for every outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Templates {
    pub ineligible: Template,
    pub not_progressed: Template,
    pub progressed: Template,
    pub winner: Template,
}

impl Templates {
    pub fn get(&self, outcome: Outcome) -> &Template {
        match outcome {
            Outcome::Ineligible => &self.ineligible,
            Outcome::NotProgressed => &self.not_progressed,
            Outcome::Progressed => &self.progressed,
            Outcome::Winner => &self.winner,
        }
    }

    /// Checks every template's placeholders.
    ///
    /// # Errors
    /// The first unknown or unclosed placeholder, naming the letter, the part and the field.
    pub fn check(&self) -> Result<(), TemplateError> {
        for o in Outcome::ALL {
            let t = self.get(o);
            parse(&t.subject, o, "subject")?;
            parse(&t.body, o, "body")?;
        }
        Ok(())
    }

    /// The fields a template uses, in either part.
    pub fn fields(&self, outcome: Outcome) -> Vec<MergeField> {
        let t = self.get(outcome);
        let mut seen = Vec::new();
        for (s, part) in [(&t.subject, "subject"), (&t.body, "body")] {
            for p in parse(s, outcome, part).unwrap_or_default() {
                if let Piece::Field(f) = p {
                    if !seen.contains(&f) {
                        seen.push(f);
                    }
                }
            }
        }
        seen
    }
}

const SIGN_OFF: &str = "Yours sincerely,\n\n{{sender}}";

impl Default for Templates {
    /// Plain, kind letters. Only the not-progressed letter needs feedback; the ineligible one
    /// gives the screening's reasons.
    fn default() -> Self {
        let subject = "Your idea for the {{challenge}}: {{reference}}".to_owned();
        let thanks = "Thank you for sending your idea \u{201c}{{idea_title}}\u{201d} ({{reference}}) to the {{challenge}}.";
        let body = |middle: &str| format!("Dear {{{{name}}}},\n\n{thanks}\n\n{middle}\n\n{SIGN_OFF}");
        Templates {
            ineligible: Template {
                subject: subject.clone(),
                body: body(
                    "We read every idea against the challenge's rules, and we are sorry to tell you that this one \
                     is not eligible. The reason recorded when it was screened:\n\n{{reasons}}\n\n\
                     This is not a judgement of the idea's worth. We hope you will take it forward another way, \
                     and send us a new idea next time.",
                ),
            },
            not_progressed: Template {
                subject: subject.clone(),
                body: body(
                    "The competition was strong, and we are sorry to tell you that your idea did not go further \
                     than the {{stage_reached}} stage.\n\nFeedback on your idea:\n\n{{feedback}}\n\n\
                     We hope this helps, and that you will send us an idea again.",
                ),
            },
            progressed: Template {
                subject: subject.clone(),
                body: body(
                    "We are pleased to tell you that your idea has gone through to the {{stage_reached}} stage. \
                     We will be in touch soon about what happens next.",
                ),
            },
            winner: Template {
                subject: "Congratulations: your idea has won the {{challenge}}".to_owned(),
                body: body(
                    "We are delighted to tell you that the panel has chosen your idea as the winner of the \
                     {{challenge}}. We will be in touch soon about the support that comes with it and what \
                     happens next.",
                ),
            },
        }
    }
}

/// Someone a letter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub name: String,
    /// Empty when none is known: the letter can still be printed, but no draft can be made.
    pub email: String,
    /// The main submitter rather than a co-submitter.
    pub lead: bool,
}

/// What the letters need to know about one idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IdeaOutcome {
    pub reference: Reference,
    pub title: String,
    pub outcome: Outcome,
    /// The furthest stage reached: for a progressed idea, the stage it goes on to.
    pub stage_reached: Stage,
    /// The reasons recorded with the decision, or the screening's reason when ineligible.
    pub reasons: String,
    /// The evaluation's summary (the secretariat's rationale), if the idea was evaluated.
    pub evaluation_summary: String,
    /// Feedback the secretariat wrote for this idea; empty when none.
    pub feedback: String,
    /// The submitter and every co-submitter.
    pub recipients: Vec<Recipient>,
}

/// Who sends the letters, when, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterSettings {
    pub challenge: String,
    /// Signs the letter, e.g. "The Data Challenge secretariat".
    pub sender: String,
    /// The From of every draft: the secretariat's shared mailbox, so replies reach the team.
    pub from_name: String,
    pub from_email: String,
    /// The date on the letters.
    pub date: NaiveDate,
    /// When the drafts and PDFs were made (their Date header and PDF dates).
    pub made_at: DateTime<Utc>,
    pub marking: Marking,
    /// When no feedback was written, use the decision's reasons and the evaluation summary.
    pub feedback_from_reasons: bool,
}

/// A merged letter, ready to lay out or draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub reference: Reference,
    pub outcome: Outcome,
    pub recipient: Recipient,
    pub subject: String,
    /// The merged body; paragraphs separated by a blank line.
    pub body: String,
    /// A file name stem unique within the plan, e.g. `DC21-0042-jane-smith`.
    pub file_stem: String,
}

impl Letter {
    /// The body's paragraphs, each with its own line breaks kept.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
    }
}

/// Why a letter cannot be made, or not in every form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Problem {
    /// No email address: the letter can be printed, but no draft made.
    NoEmail,
    /// An address no mail client would accept.
    BadEmail { email: String },
    /// The template uses a field that is empty for this letter, e.g. feedback.
    Missing { field: MergeField },
}

impl Problem {
    /// Whether the letter still exists to print. A missing field stops it outright; a missing
    /// or bad address only stops the draft.
    pub fn blocks_letter(&self) -> bool {
        matches!(self, Problem::Missing { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NoEmail => {
                f.write_str("No email address, so no email draft: add one to the idea, or print the letter")
            }
            Problem::BadEmail { email } => write!(
                f,
                "\u{201c}{email}\u{201d} is not an email address a mail client can send to: correct it on the idea"
            ),
            Problem::Missing { field: MergeField::Feedback } => f.write_str(
                "The letter needs feedback and none is recorded: write feedback for the idea, or allow feedback \
                 from the decision's reasons",
            ),
            Problem::Missing { field } => write!(
                f,
                "The letter uses {{{{{}}}}} ({}) and it is empty for this idea",
                field.code(),
                field.label()
            ),
        }
    }
}

/// A letter that cannot be made, or made only in part, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Unmade {
    pub reference: Reference,
    pub name: String,
    pub problem: Problem,
}

/// Every letter, and the list the user sees before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LetterPlan {
    /// The letters that can be made (printed at least).
    pub letters: Vec<Letter>,
    /// The letters that cannot be made, or cannot be drafted as email, in the order met.
    pub problems: Vec<Unmade>,
}

impl LetterPlan {
    /// The letters that can go out as email drafts.
    pub fn draftable(&self) -> impl Iterator<Item = &Letter> {
        self.letters.iter().filter(|l| email_ok(&l.recipient.email))
    }
}

/// Whether `s` is an address a mail client will send to: one `@`, something either side, a dot
/// in the domain, no spaces, ASCII. Deliberately simple: the user's mail client has the last
/// word; this catches blanks, typos and notes typed into the email column.
fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    s.is_ascii()
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\".contains(c))
}

/// Merges every outcome with its template for each of its recipients, and lists what cannot be
/// made. A person named twice on one idea with the same address gets one letter.
///
/// # Errors
/// A template with an unknown or unclosed placeholder: nothing is merged until they are fixed.
pub fn plan(
    outcomes: &[IdeaOutcome],
    templates: &Templates,
    settings: &LetterSettings,
) -> Result<LetterPlan, TemplateError> {
    templates.check()?;
    let mut letters = Vec::new();
    let mut problems = Vec::new();
    let mut stems: HashSet<String> = HashSet::new();
    for idea in outcomes {
        let template = templates.get(idea.outcome);
        let used = templates.fields(idea.outcome);
        let feedback = feedback(idea, settings);
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for r in &idea.recipients {
            let key = (r.name.trim().to_lowercase(), r.email.trim().to_lowercase());
            if !seen.insert(key) {
                continue;
            }
            let recipient =
                Recipient { name: r.name.trim().to_owned(), email: r.email.trim().to_owned(), lead: r.lead };
            let value = |f: MergeField| -> String {
                match f {
                    MergeField::Name => recipient.name.clone(),
                    MergeField::IdeaTitle => idea.title.trim().to_owned(),
                    MergeField::Reference => idea.reference.to_string(),
                    MergeField::StageReached => idea.stage_reached.label().to_lowercase(),
                    MergeField::Outcome => idea.outcome.label().to_owned(),
                    MergeField::Reasons => idea.reasons.trim().to_owned(),
                    MergeField::Feedback => feedback.clone(),
                    MergeField::Challenge => settings.challenge.trim().to_owned(),
                    MergeField::Date => long_date(settings.date),
                    MergeField::Sender => settings.sender.trim().to_owned(),
                }
            };
            let unmade =
                |problem| Unmade { reference: idea.reference.clone(), name: recipient.name.clone(), problem };
            let missing: Vec<MergeField> = used.iter().copied().filter(|f| value(*f).is_empty()).collect();
            if !missing.is_empty() {
                problems.extend(missing.into_iter().map(|field| unmade(Problem::Missing { field })));
                continue;
            }
            if recipient.email.is_empty() {
                problems.push(unmade(Problem::NoEmail));
            } else if !email_ok(&recipient.email) {
                problems.push(unmade(Problem::BadEmail { email: recipient.email.clone() }));
            }
            let merge = |s: &str, part| -> Result<String, TemplateError> {
                Ok(parse(s, idea.outcome, part)?
                    .into_iter()
                    .map(|p| match p {
                        Piece::Text(t) => t.to_owned(),
                        Piece::Field(f) => value(f),
                    })
                    .collect())
            };
            // A subject is one line, however the fields were typed.
            let subject =
                merge(&template.subject, "subject")?.split_whitespace().collect::<Vec<_>>().join(" ");
            let body = merge(&template.body, "body")?.replace("\r\n", "\n");
            let base = format!("{}-{}", slug(idea.reference.as_str()).to_uppercase(), slug(&recipient.name));
            let mut file_stem = base.clone();
            let mut n = 2;
            while !stems.insert(file_stem.clone()) {
                file_stem = format!("{base}-{n}");
                n += 1;
            }
            letters.push(Letter {
                reference: idea.reference.clone(),
                outcome: idea.outcome,
                recipient,
                subject,
                body,
                file_stem,
            });
        }
    }
    Ok(LetterPlan { letters, problems })
}

/// The feedback for an idea: what the secretariat wrote, or (when allowed) the reasons and the
/// evaluation summary, or nothing.
fn feedback(idea: &IdeaOutcome, settings: &LetterSettings) -> String {
    let written = idea.feedback.trim();
    if !written.is_empty() || !settings.feedback_from_reasons {
        return written.to_owned();
    }
    [idea.reasons.trim(), idea.evaluation_summary.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn letter_doc(title: String, settings: &LetterSettings) -> Document {
    let meta = Metadata {
        title,
        author: settings.sender.clone(),
        subject: format!("Outcome letters for the {}", settings.challenge),
        language: "en-GB".to_owned(),
        date_label: long_date(settings.date),
        created_unix: settings.made_at.timestamp(),
    };
    let doc = Document::new(meta);
    match settings.marking.label() {
        Some(m) => doc.with_marking(m),
        None => doc,
    }
}

fn push_letter(doc: &mut Document, letter: &Letter, settings: &LetterSettings, bookmark: bool) {
    doc.push(Block::Heading { level: 1, text: letter.subject.clone(), bookmark });
    let mut to = vec![Span::plain(letter.recipient.name.clone())];
    if !letter.recipient.email.is_empty() {
        to.push(Span::plain(format!("\n{}", letter.recipient.email)));
    }
    doc.push(Block::KeyValue(vec![
        ("To".to_owned(), to),
        ("Date".to_owned(), vec![Span::plain(long_date(settings.date))]),
        ("Idea".to_owned(), vec![Span::plain(letter.reference.to_string())]),
    ]));
    doc.push(Block::Space(4.0));
    for p in letter.paragraphs() {
        doc.push(Block::paragraph(p));
    }
}

/// One letter as a document, for one PDF per person.
pub fn document(letter: &Letter, settings: &LetterSettings) -> Document {
    let mut doc = letter_doc(format!("{} – letter to {}", letter.reference, letter.recipient.name), settings);
    push_letter(&mut doc, letter, settings, false);
    doc
}

/// Every letter in one document, each starting on a new page and bookmarked by name and
/// reference, for one PDF to print.
pub fn combined_document(letters: &[Letter], settings: &LetterSettings) -> Document {
    let mut doc = letter_doc(format!("{} – outcome letters", settings.challenge), settings);
    for (i, letter) in letters.iter().enumerate() {
        if i > 0 {
            doc.push(Block::PageBreak);
        }
        push_letter(&mut doc, letter, settings, true);
    }
    doc
}

/// Why a draft could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("{name} has no email address a mail client can send to, so no draft was made")]
    NoAddress { name: String },
    #[error("the secretariat's own address \u{201c}{0}\u{201d} is not an email address: set it before making drafts")]
    BadFrom(String),
    #[error("could not write the draft: {0}")]
    Write(#[from] std::io::Error),
}

/// The letter as an unsent email draft (RFC 5322), to save as `<file_stem>.eml` and open in
/// the user's mail client. UTF-8 throughout: names and subjects outside ASCII become RFC 2047
/// encoded words, and the body is quoted-printable with soft line breaks wherever a line is
/// long or not ASCII (so no line passes 78 characters), with CRLF line endings. `pdf`, when
/// given, is attached as `<file_stem>.pdf`. Deterministic: the Date is `settings.made_at`, the
/// Message-ID and MIME boundary come from the file stem.
///
/// # Errors
/// [`DraftError::NoAddress`] when the letter has no usable address (the plan lists these),
/// [`DraftError::BadFrom`] when the secretariat's address is unusable.
pub fn eml(letter: &Letter, settings: &LetterSettings, pdf: Option<&[u8]>) -> Result<Vec<u8>, DraftError> {
    if !email_ok(&letter.recipient.email) {
        return Err(DraftError::NoAddress { name: letter.recipient.name.clone() });
    }
    if !email_ok(&settings.from_email) {
        return Err(DraftError::BadFrom(settings.from_email.clone()));
    }
    let domain = settings.from_email.rsplit_once('@').map_or("shortlist.invalid", |(_, d)| d);
    // Unique per letter and run, and short: a Message-ID cannot be folded onto two lines.
    let digest = Sha256::digest(format!("{}\n{}", letter.file_stem, settings.made_at.timestamp()).as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let id = format!("{hex}.{}@{domain}", settings.made_at.format("%Y%m%d"));
    let text =
        MimePart::new(ContentType::new("text/plain").attribute("charset", "utf-8"), letter.body.clone());
    let body = match pdf {
        Some(bytes) => MimePart::new(
            ContentType::new("multipart/mixed")
                .attribute("boundary", format!("shortlist-{}", letter.file_stem)),
            vec![
                text,
                MimePart::new("application/pdf", bytes.to_vec())
                    .attachment(format!("{}.pdf", letter.file_stem)),
            ],
        ),
        None => text,
    };
    let message = MessageBuilder::new()
        .from(Address::new_address(Some(settings.from_name.clone()), settings.from_email.clone()))
        .to(Address::new_address(Some(letter.recipient.name.clone()), letter.recipient.email.clone()))
        .subject(letter.subject.clone())
        .date(settings.made_at.timestamp())
        .message_id(id)
        .header("X-Unsent", Raw::new("1"))
        .body(body);
    Ok(message.write_to_vec()?)
}
