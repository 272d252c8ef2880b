//! `shortlist identity|bundles|returns` and `judges enrol`: the offline exchange between the
//! secretariat and the judges' own installations (issue #7), driven from a script.
//!
//! Passphrases come from an environment variable named with `--passphrase-env`, never from the
//! command line itself, where other users of the machine could read them in the process list.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use shortlist_app::{ApiError, KeepScore, ReturnImported, Shortlist};
use shortlist_domain::Stage;

use crate::judging::{find_judge, parse_round};
use crate::{choose, ChallengeChoice};

#[derive(Debug, Args)]
pub struct IdentityArgs {
    #[command(subcommand)]
    command: Option<IdentityCommand>,
}

#[derive(Debug, Subcommand)]
enum IdentityCommand {
    /// Write an enrolment file for this installation's key, to send to the secretariat.
    Enrolment {
        /// Your name, as the secretariat knows it.
        #[arg(long)]
        name: String,
        /// Your role, e.g. "Judge".
        #[arg(long, default_value = "Judge")]
        role: String,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundlesCommand {
    /// Write a signed bundle for each judge of the round's panel whose key is enrolled.
    Export {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// The folder to write the bundles into (made if missing).
        #[arg(long, value_name = "DIR")]
        to_dir: PathBuf,
        /// Seal each bundle with the passphrase held in this environment variable.
        #[arg(long, value_name = "VAR")]
        passphrase_env: Option<String>,
    },
    /// Open a bundle from the secretariat: check its signature and copy its ideas here to score.
    Open {
        /// The bundle file.
        file: PathBuf,
        /// The passphrase of a sealed bundle is in this environment variable.
        #[arg(long, value_name = "VAR")]
        passphrase_env: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReturnsCommand {
    /// Write your submitted scores for a round as a signed return, for the secretariat.
    Export {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Import judges' returns: each checked, merged (the higher revision wins) and summarised
    /// with the receipt code to give back to the judge.
    Import {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// Return files.
        files: Vec<PathBuf>,
        /// Import every `.shortlist` file in this folder.
        #[arg(long, value_name = "DIR")]
        from_dir: Option<PathBuf>,
    },
    /// List the scores from returns that conflict with scores the secretariat changed, still
    /// to be settled by a person.
    Conflicts {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
    },
    /// Settle a conflict listed by `returns conflicts`: keep the secretariat's score, or take
    /// the judge's.
    Settle {
        /// The conflict's number, as `returns conflicts` lists it.
        conflict: i64,
        #[arg(long, value_enum)]
        keep: Keep,
    },
    /// Check the receipt code the secretariat gave for one of your returns, with the counts
    /// they reported.
    Receipt {
        /// Your copy of the return file.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        accepted: usize,
        #[arg(long)]
        unchanged: usize,
        #[arg(long)]
        conflicts: usize,
        /// The code, e.g. K7QF-2M9D.
        #[arg(long)]
        code: String,
    },
}

/// Which score a settled conflict keeps.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Keep {
    /// The secretariat's score stays.
    Ours,
    /// The judge's returned score replaces it.
    Theirs,
}

fn passphrase(var: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(var) = var else { return Ok(None) };
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(Some(value)),
        _ => Err(ApiError::field(
            "passphrase-env",
            format!("The environment variable {var} holds no passphrase. Set it, then try again"),
        )),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, ApiError> {
    std::fs::read(path).map_err(|e| {
        ApiError::not_found(format!("Could not read {} ({e}). Check the file name", path.display()))
    })
}

pub fn identity(app: &Shortlist, args: IdentityArgs) -> Result<(), ApiError> {
    match args.command {
        None => {
            let me = app.identity()?;
            println!("Your key's fingerprint: {}", me.fingerprint);
        }
        Some(IdentityCommand::Enrolment { name, role, to }) => {
            let file = app.enrolment_file(&name, &role)?;
            shortlist_app::write_atomically(&to, &file)?;
            let me = app.identity()?;
            println!("Wrote the enrolment file {}.", to.display());
            println!(
                "Send it to the secretariat. When they call, check they read back this fingerprint: {}",
                me.fingerprint
            );
        }
    }
    Ok(())
}

/// `shortlist judges enrol`.
pub fn enrol(app: &Shortlist, choice: &ChallengeChoice, judge: &str, file: &Path) -> Result<(), ApiError> {
    let challenge = choose(app, choice)?;
    let judge = find_judge(app, challenge.id, judge)?;
    let enrolled = app.enrol_judge(judge.id, &read(file)?)?;
    println!(
        "Enrolled the key of {} (the file says “{}”){}.",
        enrolled.judge_name,
        enrolled.enrolment_name,
        if enrolled.replaced { ", replacing the key enrolled before" } else { "" }
    );
    println!("Fingerprint {}: read it back to the judge.", enrolled.fingerprint);
    Ok(())
}

pub fn bundles(app: &Shortlist, command: BundlesCommand) -> Result<(), ApiError> {
    match command {
        BundlesCommand::Export { choice, round, to_dir, passphrase_env } => {
            let challenge = choose(app, &choice)?;
            let passphrase = passphrase(passphrase_env.as_deref())?;
            let out = app.export_bundles(challenge.id, round, &to_dir, passphrase.as_deref())?;
            for b in &out.written {
                println!(
                    "{}\t{} ideas\t{} left out\t{}{}",
                    b.judge,
                    b.ideas,
                    b.left_out,
                    b.path,
                    if b.sealed { "\t(sealed)" } else { "" }
                );
            }
            for name in &out.skipped {
                eprintln!("Skipped {name}: no key enrolled. Enrol it with `shortlist judges enrol`.");
            }
            println!("Wrote {} bundles to {}.", out.written.len(), to_dir.display());
        }
        BundlesCommand::Open { file, passphrase_env } => {
            let passphrase = passphrase(passphrase_env.as_deref())?;
            let opened = app.open_bundle(&read(&file)?, passphrase.as_deref())?;
            let work = match opened.pairs {
                0 => format!("{} ideas to score", opened.ideas),
                pairs => format!("{} ideas, {pairs} pairs to compare", opened.ideas),
            };
            println!(
                "From {} ({}) sent {}: {work} in the {} round, for {}.",
                opened.sender_fingerprint,
                opened.made_by,
                opened.signed_at.format("%-d %B %Y at %H:%M UTC"),
                opened.stage.label(),
                opened.judge_name
            );
            for line in &opened.left_out {
                println!("Left out {line}");
            }
            if opened.already_opened {
                println!("This bundle was opened here before: nothing changed.");
            }
        }
    }
    Ok(())
}

pub fn returns(app: &Shortlist, command: ReturnsCommand) -> Result<(), ApiError> {
    match command {
        ReturnsCommand::Export { choice, round, to } => {
            let challenge = choose(app, &choice)?;
            let written = app.export_return(challenge.id, round, &to)?;
            println!(
                "Wrote return {} with {} scores for {} ideas to {}.",
                written.sequence, written.scores, written.ideas, written.path
            );
            println!(
                "Receipt: if the secretariat takes in all {} scores as new, their receipt code is {}.",
                written.scores, written.expected_receipt
            );
            println!("File id (for checking another receipt): {}", written.file_id);
        }
        ReturnsCommand::Conflicts { choice, round } => conflicts(app, &choice, round)?,
        ReturnsCommand::Settle { conflict, keep } => {
            let keep = match keep {
                Keep::Ours => KeepScore::Ours,
                Keep::Theirs => KeepScore::Theirs,
            };
            let c = app.settle_conflict(conflict, keep)?;
            let (score, whose) = match keep {
                KeepScore::Ours => (c.our_score, "the secretariat's score".to_owned()),
                KeepScore::Theirs => (c.their_score, format!("{}'s score", c.judge)),
            };
            println!("Settled: {} {} for {} is {score} ({whose}).", c.reference, c.criterion_label, c.judge);
        }
        ReturnsCommand::Receipt { file, accepted, unchanged, conflicts, code } => {
            if app.check_receipt(&read(&file)?, accepted, unchanged, conflicts, &code)? {
                println!("Receipt {code} matches: the secretariat took in this return with that result.");
            } else {
                return Err(ApiError::refused(format!(
                    "Receipt {code} does not match this return with {accepted} accepted, {unchanged} unchanged and \
                     {conflicts} conflicts. Check the counts and the code with the secretariat"
                )));
            }
        }
        ReturnsCommand::Import { choice, mut files, from_dir } => {
            let challenge = choose(app, &choice)?;
            if let Some(dir) = &from_dir {
                let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
                    .map_err(|e| {
                        ApiError::not_found(format!("Could not read the folder {} ({e})", dir.display()))
                    })?
                    .filter_map(|entry| entry.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "shortlist"))
                    .collect();
                found.sort();
                files.extend(found);
            }
            if files.is_empty() {
                return Err(ApiError::field("files", "Name the return files to import, or --from-dir DIR"));
            }
            let reports = app.import_returns(challenge.id, &files)?;
            let refused = reports.iter().filter(|r| r.refused.is_some()).count();
            for r in &reports {
                print_report(&challenge.reference_prefix, r);
            }
            if refused > 0 {
                return Err(ApiError::refused(format!(
                    "{refused} of {} returns were refused; nothing was taken from them",
                    reports.len()
                )));
            }
        }
    }
    Ok(())
}

fn conflicts(app: &Shortlist, choice: &ChallengeChoice, round: Stage) -> Result<(), ApiError> {
    let challenge = choose(app, choice)?;
    let list = app.score_conflicts(challenge.id, round)?;
    if list.is_empty() {
        println!("No conflicts to settle in the {} round.", round.label());
    }
    for c in &list {
        println!(
            "{}\t{}\t{}\t{}\tjudge sent {} (revision {}) “{}”\tsecretariat holds {} “{}”",
            c.id,
            c.judge,
            c.reference,
            c.criterion,
            c.their_score,
            c.their_revision,
            c.their_comment,
            c.our_score,
            c.our_comment
        );
    }
    Ok(())
}

fn print_report(prefix: &str, r: &ReturnImported) {
    let from = r.judge.as_deref().map(|j| format!(" from {j}")).unwrap_or_default();
    let number = r.sequence.map(|n| format!(" return {n}")).unwrap_or_default();
    if let Some(why) = &r.refused {
        println!("{prefix} {}{number}{from}: refused. {why}", r.file);
        return;
    }
    if r.already_imported {
        println!(
            "{prefix} {}{number}{from}: already imported, nothing changed. Receipt {}",
            r.file,
            r.receipt.as_deref().unwrap_or("")
        );
        return;
    }
    println!(
        "{prefix} {}{number}{from}: {} accepted, {} unchanged, {} conflicts. Receipt {}",
        r.file,
        r.accepted,
        r.unchanged,
        r.conflicts,
        r.receipt.as_deref().unwrap_or("")
    );
    if let Some(note) = &r.note {
        println!("  {note}");
    }
}
