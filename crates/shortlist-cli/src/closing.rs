//! `shortlist report`, `letters`, `longlist` and `feedback`: closing a challenge (issue #18)
//! from a script: who took part, a letter for every submitter, the published longlist.

use std::path::PathBuf;

use clap::Args;
use shortlist_app::{ApiError, ClosingSettingsInput, LettersRequest, Shortlist};

use crate::{choose, ChallengeChoice};

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    choice: ChallengeChoice,
    /// The file to write: .pdf for the challenge report with charts, .csv for the counts.
    /// Counts below the challenge's threshold (default 5) are suppressed.
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
}

#[derive(Debug, Args)]
pub struct LettersArgs {
    #[command(flatten)]
    choice: ChallengeChoice,
    /// The folder to write the letters in (made if missing).
    #[arg(long, value_name = "DIR", required_unless_present = "dry_run")]
    to: Option<PathBuf>,
    /// One PDF with every letter, instead of one per person.
    #[arg(long)]
    combined: bool,
    /// Also write an unsent .eml draft per letter, for your own mail client. Nothing is sent.
    #[arg(long)]
    eml: bool,
    /// Only list the letters and the ones that cannot be made; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Save the address the drafts come from (the secretariat's shared mailbox) for this
    /// challenge, as the app's letter settings do.
    #[arg(long, value_name = "ADDRESS")]
    from_email: Option<String>,
    /// Save who signs the letters for this challenge, e.g. "The Data Challenge secretariat".
    #[arg(long, value_name = "NAME")]
    sender: Option<String>,
}

#[derive(Debug, Args)]
pub struct LonglistArgs {
    #[command(flatten)]
    choice: ChallengeChoice,
    /// The folder to write the site in (made if missing): index.html, ideas/, longlist.csv and
    /// longlist.json. Only what may be published: no email address, names only with consent.
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
}

#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// The idea's reference, like DC21-0042.
    reference: String,
    /// The feedback for its outcome letter; empty to remove it. Without it, prints the feedback.
    text: Option<String>,
}

pub fn report(app: &Shortlist, args: ReportArgs) -> Result<(), ApiError> {
    let challenge = choose(app, &args.choice)?;
    let written = app.write_participation_report(challenge.id, &args.to)?;
    match written.pages {
        Some(pages) => {
            println!("Wrote {} ({pages} pages, {} KB)", written.path, written.bytes.div_ceil(1024))
        }
        None => println!("Wrote {} ({} KB)", written.path, written.bytes.div_ceil(1024)),
    }
    let threshold = app.closing_settings(challenge.id)?.threshold;
    if threshold > 1 {
        println!("Counts of fewer than {threshold} are shown as [c].");
    }
    Ok(())
}

pub fn letters(app: &Shortlist, args: LettersArgs) -> Result<(), ApiError> {
    let challenge = choose(app, &args.choice)?;
    if args.from_email.is_some() || args.sender.is_some() {
        let current = app.closing_settings(challenge.id)?;
        let sender = args.sender.clone().unwrap_or(current.sender.clone());
        // The drafts' From name follows the signature unless it was set apart from it.
        let from_name = if current.from_name == current.sender { sender.clone() } else { current.from_name };
        app.save_closing_settings(&ClosingSettingsInput {
            challenge_id: challenge.id,
            threshold: current.threshold.to_string(),
            sender,
            from_name,
            from_email: args.from_email.clone().unwrap_or(current.from_email),
            feedback_from_reasons: current.feedback_from_reasons,
            templates: Vec::new(),
        })?;
        println!("Saved the letter settings for {}.", challenge.name);
    }
    let preview = app.preview_letters(challenge.id)?;
    println!(
        "{} letters for {} ideas; {} can go as email drafts.",
        preview.plan.letters.len(),
        preview.ideas,
        preview.draftable
    );
    if !preview.plan.problems.is_empty() {
        println!("{} letters cannot be made, or not as email drafts:", preview.plan.problems.len());
        for p in &preview.plan.problems {
            println!("  {}\t{}\t{}", p.reference, p.name, p.problem);
        }
    }
    if args.eml && preview.from_email_missing {
        println!("No From address is set for the drafts: set it in the app's letter settings.");
    }
    if args.dry_run {
        println!("Dry run: nothing was written.");
        return Ok(());
    }
    let Some(to) = args.to else {
        return Err(ApiError::field("to", "Give the folder to write the letters in with --to DIR"));
    };
    let written = app.write_letters(&LettersRequest {
        challenge_id: challenge.id,
        folder: to.display().to_string(),
        combined: args.combined,
        drafts: args.eml,
    })?;
    println!(
        "Wrote {} letters ({} PDF files, {} email drafts) to {}. Nothing was sent.",
        written.letters, written.pdf_files, written.drafts, written.folder
    );
    Ok(())
}

pub fn longlist(app: &Shortlist, args: LonglistArgs) -> Result<(), ApiError> {
    let challenge = choose(app, &args.choice)?;
    let written = app.write_longlist(challenge.id, &args.to.display().to_string())?;
    println!(
        "Wrote the longlist of {} ideas ({} files) to {}: {} names published with consent, {} left out.",
        written.ideas, written.files, written.folder, written.names_published, written.names_withheld
    );
    println!("Open index.html in a browser to check it before you publish it.");
    Ok(())
}

pub fn feedback(app: &Shortlist, args: FeedbackArgs) -> Result<(), ApiError> {
    let idea = app.get_idea_by_reference(&args.reference)?;
    match args.text {
        Some(text) => {
            let saved = app.save_idea_feedback(idea.id, &text)?;
            if saved.is_empty() {
                println!("Removed the feedback for {}.", idea.reference);
            } else {
                println!("Saved the feedback for {}.", idea.reference);
            }
        }
        None => println!("{}", app.idea_feedback(idea.id)?),
    }
    Ok(())
}
