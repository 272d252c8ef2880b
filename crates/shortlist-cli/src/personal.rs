//! `shortlist personal-data`: a challenge's retention date, erasing or anonymising its
//! submitters' personal data once it has closed, and subject-access exports.

use std::path::PathBuf;

use clap::Subcommand;
use shortlist_app::{ApiError, ErasureInput, ErasureKind, Shortlist};

use crate::{choose, ChallengeChoice};

#[derive(Debug, Subcommand)]
pub(crate) enum PersonalCommand {
    /// The retention date, and whether the data has been erased.
    Status {
        #[command(flatten)]
        choice: ChallengeChoice,
    },
    /// Set (or --clear) the date until which the submitters' personal data is kept.
    Retain {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "clear")]
        until: Option<chrono::NaiveDate>,
        #[arg(long)]
        clear: bool,
    },
    /// Erase or anonymise the submitters' personal data, everywhere Shortlist holds it,
    /// keeping the ideas, scores and decisions. Cannot be undone; the backups are deleted.
    Erase {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// Replace each person with "Person N" (the same N on all their ideas) instead of
        /// "[name erased]".
        #[arg(long)]
        anonymise: bool,
        /// Also take their names and email addresses out of the ideas' own text.
        #[arg(long)]
        free_text: bool,
        /// The challenge's reference prefix, to confirm.
        #[arg(long, value_name = "PREFIX")]
        confirm: String,
    },
    /// Write everything held about one person (found by email) as JSON and a PDF.
    Export {
        #[arg(long)]
        email: String,
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
}

pub(crate) fn personal(app: &Shortlist, command: PersonalCommand) -> Result<(), ApiError> {
    match command {
        PersonalCommand::Status { choice } => {
            let c = choose(app, &choice)?;
            let status = app.personal_data_status(c.id)?;
            match status.retain_until {
                Some(d) => println!("Personal data is kept until {}", d.format("%-d %B %Y")),
                None => println!("No retention date is set"),
            }
            match (&status.erased_at, &status.erased_how) {
                (Some(at), Some(how)) => println!("It was {how} on {}", at.format("%-d %B %Y")),
                _ => println!("It has not been erased"),
            }
            if let Some(banner) = status.banner {
                eprintln!("{banner}");
            }
        }
        PersonalCommand::Retain { choice, until, clear } => {
            let c = choose(app, &choice)?;
            if until.is_none() && !clear {
                return Err(ApiError::refused("Give --until YYYY-MM-DD, or --clear to remove the date"));
            }
            let status = app.set_retention_date(c.id, until)?;
            match status.retain_until {
                Some(d) => println!("Personal data is now kept until {}", d.format("%-d %B %Y")),
                None => println!("The retention date is cleared"),
            }
        }
        PersonalCommand::Erase { choice, anonymise, free_text, confirm } => {
            let c = choose(app, &choice)?;
            let kind = if anonymise { ErasureKind::Anonymise } else { ErasureKind::Erase };
            let done =
                app.erase_personal_data(c.id, &ErasureInput { kind, free_text, confirmation: confirm })?;
            println!(
                "{} the personal data of {} people on {} ideas ({} audit entries rewritten, {} backups deleted; a new backup was taken).",
                if anonymise { "Anonymised" } else { "Erased" },
                done.people,
                done.ideas,
                done.audit_entries,
                done.backups_deleted
            );
        }
        PersonalCommand::Export { email, to } => {
            let made = app.export_subject_access(&email, &to)?;
            println!("Wrote {} and {} ({} ideas)", made.json_path, made.pdf_path, made.ideas);
        }
    }
    Ok(())
}
