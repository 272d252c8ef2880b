//! `shortlist protect` and `shortlist backup`: a data folder's passphrase, and its backups.
//!
//! A passphrase never comes from the command line itself (it would sit in the shell's history
//! and in every process listing): it comes from an environment variable the person names, or
//! from a prompt on the terminal that does not echo it.

use clap::{Args, Subcommand};
use shortlist_app::{
    ApiError, ChangePassphraseInput, ErrorCode, ProtectInput, RemoveProtectionInput, RestoreInput, Shortlist,
};

#[derive(Debug, Subcommand)]
pub(crate) enum ProtectCommand {
    /// Whether the data folder is protected.
    Status,
    /// Protect the data folder with a passphrase: the database, its backups and its key are
    /// encrypted with it.
    Set(NewPassphrase),
    /// Change the passphrase. The current one comes from --passphrase-env or a prompt.
    Change(NewPassphrase),
    /// Remove the protection. The current passphrase comes from --passphrase-env or a prompt.
    Remove,
}

#[derive(Debug, Args)]
pub(crate) struct NewPassphrase {
    /// Read the new passphrase from this environment variable (else you are asked for it twice).
    #[arg(long, value_name = "VAR")]
    new_passphrase_env: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum BackupCommand {
    /// The copies in the backups folder, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Take a copy now, into the backups folder.
    Now,
    /// Replace the database with a copy from the backups folder (by its file name, as `list`
    /// shows it). The current file is kept aside in the backups folder first.
    Restore {
        /// The copy's file name.
        name: String,
    },
    /// How many automatic copies to keep (1–100).
    Keep { count: u32 },
}

/// Reads a passphrase from the environment variable `var`.
pub(crate) fn from_env(var: &str) -> Result<String, ApiError> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(value),
        _ => Err(ApiError::refused(format!(
            "The environment variable {var} (named by --passphrase-env) is not set or is empty. \
             Set it to the data folder's passphrase and try again."
        ))),
    }
}

fn prompt(question: &str) -> Result<String, ApiError> {
    rpassword::prompt_password(question).map_err(|_| {
        ApiError::refused(
            "No passphrase was given and there is no terminal to ask for one. Put it in an environment \
             variable and name that variable with --passphrase-env (or --new-passphrase-env for a new one).",
        )
    })
}

fn current(passphrase_env: Option<&str>) -> Result<String, ApiError> {
    match passphrase_env {
        Some(var) => from_env(var),
        None => prompt("Current passphrase: "),
    }
}

fn new_pair(args: &NewPassphrase) -> Result<(String, String), ApiError> {
    match &args.new_passphrase_env {
        Some(var) => {
            let p = from_env(var)?;
            Ok((p.clone(), p))
        }
        None => Ok((prompt("New passphrase: ")?, prompt("The new passphrase again: ")?)),
    }
}

pub(crate) fn protect(
    app: &Shortlist,
    command: ProtectCommand,
    passphrase_env: Option<&str>,
) -> Result<(), ApiError> {
    match command {
        ProtectCommand::Status => {
            if app.is_protected() {
                println!("This data folder is protected by a passphrase (encrypted at rest).");
            } else {
                println!("This data folder is not protected. Protect it with `shortlist protect set`.");
            }
        }
        ProtectCommand::Set(args) => {
            let (passphrase, confirmation) = new_pair(&args)?;
            app.protect(&ProtectInput { passphrase, confirmation })?;
            println!(
                "The data folder is now protected: the database, its backups and its key are encrypted. \
                 Keep the passphrase safe: without it nobody, including you, can open this folder."
            );
        }
        ProtectCommand::Change(args) => {
            let current = current(passphrase_env)?;
            let (passphrase, confirmation) = new_pair(&args)?;
            app.change_passphrase(&ChangePassphraseInput { current, passphrase, confirmation })?;
            println!("The passphrase is changed. The old one no longer opens this folder or its backups.");
        }
        ProtectCommand::Remove => {
            let current = current(passphrase_env)?;
            app.remove_protection(&RemoveProtectionInput { current })?;
            println!("Protection removed: the database, its backups and its key are no longer encrypted.");
        }
    }
    Ok(())
}

pub(crate) fn backup(
    app: &Shortlist,
    command: BackupCommand,
    passphrase_env: Option<&str>,
) -> Result<(), ApiError> {
    match command {
        BackupCommand::List { json } => {
            let list = app.list_backups()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
                return Ok(());
            }
            println!("Backups in {} (the newest {} automatic copies are kept)", list.folder, list.kept);
            if list.backups.is_empty() {
                println!("  none yet");
            }
            for b in &list.backups {
                let ideas =
                    b.ideas.map(|n| format!("{n} ideas")).unwrap_or_else(|| "ideas not recorded".into());
                println!(
                    "  {}  {:<26} {:>8} KB  {:<18} {}{}",
                    b.taken_at.format("%Y-%m-%d %H:%M"),
                    b.reason,
                    b.size_bytes.div_ceil(1024),
                    ideas,
                    b.file_name,
                    if b.protected { "  (protected)" } else { "" }
                );
            }
        }
        BackupCommand::Now => {
            let made = app.back_up_now()?;
            println!("Took a copy: {}", made.file_name);
        }
        BackupCommand::Restore { name } => {
            let passphrase = passphrase_env.map(from_env).transpose()?;
            app.restore_backup(&RestoreInput { file_name: name.clone(), passphrase })?;
            println!("Restored {name}. The file it replaced is kept in the backups folder.");
        }
        BackupCommand::Keep { count } => {
            let list = app.set_backups_kept(count)?;
            println!("Keeping the newest {} automatic copies ({} now).", list.kept, list.backups.len());
        }
    }
    Ok(())
}

/// The message for a locked folder, with the CLI's way to unlock it.
pub(crate) fn locked_hint(problem: &ApiError) -> ApiError {
    if problem.code != ErrorCode::Locked {
        return problem.clone();
    }
    ApiError::new(
        ErrorCode::Locked,
        format!(
            "{} From the command line, put the passphrase in an environment variable and name it with \
             --passphrase-env VAR.",
            problem.message
        ),
    )
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// Check every entry's seal and the chain; exit 1 naming the first broken entry.
    Verify,
    /// The newest entries, newest first.
    Log {
        /// How many (at most 500).
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn audit(app: &Shortlist, command: AuditCommand) -> Result<(), ApiError> {
    match command {
        AuditCommand::Verify => {
            let report = app.verify_audit_trail()?;
            if !report.intact {
                return Err(ApiError::refused(report.message));
            }
            println!("{}", report.message);
        }
        AuditCommand::Log { limit, json } => {
            let entries = app.recent_audit_entries(limit)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&entries).unwrap_or_default());
                return Ok(());
            }
            for e in &entries {
                println!(
                    "{:>7}  {:<20}  {:<24}  {}",
                    e.id,
                    e.at.as_deref().unwrap_or("(not sealed)"),
                    e.actor.as_deref().unwrap_or("(unknown)"),
                    e.what
                );
            }
        }
    }
    Ok(())
}
