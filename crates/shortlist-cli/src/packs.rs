//! `shortlist pack …`: every PDF pack, so the secretariat can script a folder of them.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use shortlist_app::{ApiError, PackKind, PackRequest, Shortlist};
use shortlist_domain::{ChallengeId, Stage};

use crate::judging::find_judge;
use crate::workflow::parse_stage;
use crate::{choose, ChallengeChoice};

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// The panel briefing pack for a round: summary table, a section per idea, scoring grids.
    Panel {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// The round: longlist, shortlist, semi-final or final (the ideas at that stage).
        #[arg(long, value_parser = parse_stage)]
        round: Stage,
        #[command(flatten)]
        file: Destination,
        #[command(flatten)]
        options: PackOptions,
    },
    /// A one-page summary of one idea.
    Idea {
        /// The idea's reference, like DC21-0042.
        reference: String,
        #[command(flatten)]
        file: Destination,
        #[command(flatten)]
        options: PackOptions,
    },
    /// One judge's pack: their ideas of the round; those they declared an interest in are listed
    /// and left out.
    Judge {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_stage)]
        round: Stage,
        /// The judge, by id or name (see `shortlist judges list`).
        #[arg(long)]
        judge: String,
        #[command(flatten)]
        file: Destination,
        #[command(flatten)]
        options: PackOptions,
    },
    /// A pack for every judge on the round's panel, one file each, into a folder.
    Judges {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_stage)]
        round: Stage,
        /// The folder to write them in (made if missing); files are named after the judges.
        #[arg(long, value_name = "DIR")]
        to_dir: PathBuf,
        #[command(flatten)]
        options: PackOptions,
    },
    /// The results pack after scoring: ranking raw beside normalised, spread, disagreements,
    /// judges' severity, decisions.
    Results {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_stage)]
        round: Stage,
        #[command(flatten)]
        file: Destination,
        #[command(flatten)]
        options: PackOptions,
    },
}

#[derive(Debug, Args)]
pub struct Destination {
    /// The PDF to write (replaced if it exists; written whole or not at all).
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
}

#[derive(Debug, Args)]
pub struct PackOptions {
    /// The day the panel meets, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    meeting_date: Option<String>,
    /// Printed on the cover, e.g. "Version 2".
    #[arg(long, default_value = "Version 1")]
    version: String,
    /// Leave out submitters' names and departments.
    #[arg(long)]
    blind: bool,
}

impl PackOptions {
    fn request(&self, challenge_id: ChallengeId, kind: PackKind) -> Result<PackRequest, ApiError> {
        let meeting_date = match self.meeting_date.as_deref() {
            None => None,
            Some(d) => Some(chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                ApiError::field("meetingDate", format!("--meeting-date {d:?} must be a date like 2021-10-12"))
            })?),
        };
        Ok(PackRequest {
            challenge_id,
            kind,
            round: None,
            idea: None,
            judge: None,
            meeting_date,
            version: self.version.clone(),
            blind: self.blind,
        })
    }
}

fn write(app: &Shortlist, request: &PackRequest, to: &Path) -> Result<(), ApiError> {
    let summary = app.write_pack(request, to)?;
    println!("Wrote {} ({} pages, {} KB)", summary.path, summary.pages, summary.bytes.div_ceil(1024));
    Ok(())
}

pub fn run(app: &Shortlist, command: PackCommand) -> Result<(), ApiError> {
    match command {
        PackCommand::Panel { choice, round, file, options } => {
            let request = PackRequest {
                round: Some(round),
                ..options.request(choose(app, &choice)?.id, PackKind::Panel)?
            };
            write(app, &request, &file.to)
        }
        PackCommand::Idea { reference, file, options } => {
            let idea = app.get_idea_by_reference(&reference)?;
            let request =
                PackRequest { idea: Some(idea.id), ..options.request(idea.challenge_id, PackKind::OnePage)? };
            write(app, &request, &file.to)
        }
        PackCommand::Judge { choice, round, judge, file, options } => {
            let challenge = choose(app, &choice)?.id;
            let judge = find_judge(app, challenge, &judge)?;
            let request = PackRequest {
                round: Some(round),
                judge: Some(judge.id),
                ..options.request(challenge, PackKind::Judge)?
            };
            write(app, &request, &file.to)
        }
        PackCommand::Judges { choice, round, to_dir, options } => {
            let challenge = choose(app, &choice)?.id;
            let panel = app.round_panel(challenge, round)?;
            if panel.judges.is_empty() {
                return Err(ApiError::refused(format!(
                    "The {} round has no panel yet. Seat one with `shortlist panel set`",
                    round.label()
                )));
            }
            std::fs::create_dir_all(&to_dir).map_err(|e| {
                ApiError::field("toDir", format!("Could not make the folder {} ({e})", to_dir.display()))
            })?;
            for judge in &panel.judges {
                let request = PackRequest {
                    round: Some(round),
                    judge: Some(judge.id),
                    ..options.request(challenge, PackKind::Judge)?
                };
                let name = app.preview_pack(&request)?.file_name;
                write(app, &request, &to_dir.join(name))?;
            }
            Ok(())
        }
        PackCommand::Results { choice, round, file, options } => {
            let request = PackRequest {
                round: Some(round),
                ..options.request(choose(app, &choice)?.id, PackKind::Results)?
            };
            write(app, &request, &file.to)
        }
    }
}
