//! `shortlist`: the command line for the secretariat's batch work and for tests.
//!
//! It is a binary of its own rather than a mode of the desktop app so that it runs on a machine
//! with no display and no WebKit libraries (a server, CI, an analyst's SSH session), and starts in
//! milliseconds. It calls the same use cases as the app (`shortlist-app`), so both always agree.
//!
//! Output goes to stdout; messages and errors to stderr. Exit status: 0 done, 1 refused or
//! failed (the message says why and what to do), 2 the command line itself was wrong.

mod assign;
mod closing;
mod exchange;
mod judging;
mod packs;
mod pairs;
mod personal;
mod protect;
mod workflow;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use shortlist_app::{
    ApiError, DataLocation, DemoOutcome, ErrorCode, ExportFormat, ImportPreview, Shortlist, UserRole,
    UserSettingsInput,
};
use shortlist_demo::{DEMO_IDEA_COUNT, DEMO_SEED};
use shortlist_domain::{Challenge, ChallengeInput, IdeaInput, IdeaQuery, Marking};
use shortlist_import::{Field, Mapping};

#[derive(Debug, Parser)]
#[command(
    name = "shortlist",
    version,
    about = "Run an ideas challenge from the command line: the same data as the Shortlist app."
)]
struct Cli {
    /// Folder that holds the database [default: the SHORTLIST_DATA_DIR environment variable,
    /// else your user's application-data folder].
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Unlock a protected data folder with the passphrase in this environment variable (never
    /// the passphrase itself: it would be kept in your shell's history).
    #[arg(long, global = true, value_name = "VAR")]
    passphrase_env: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show where the data is kept and whether the database can be opened.
    Info,
    /// Create the demo challenge (Civil Service Data Challenge 2021 pattern). Safe to run twice.
    Demo {
        /// Seed for the generated ideas; the same seed gives the same challenge.
        #[arg(long, default_value_t = DEMO_SEED)]
        seed: u64,
        /// How many ideas to generate.
        #[arg(long, default_value_t = DEMO_IDEA_COUNT)]
        ideas: usize,
    },
    /// Work with challenges.
    #[command(subcommand)]
    Challenges(ChallengesCommand),
    /// Work with the ideas register.
    #[command(subcommand)]
    Ideas(IdeasCommand),
    /// Import an online-form export (CSV or XLSX from Microsoft Forms or Google Forms). Shows
    /// what would happen first; add --commit to write.
    Import {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// The export file.
        file: PathBuf,
        /// Write the new ideas (without it, nothing is changed: a dry run).
        #[arg(long)]
        commit: bool,
        /// Map a column to a field, overriding the guess: "Question text=field" (fields: title,
        /// summary, problem, dataDescription, benefits, submitterName, submitterEmail, department,
        /// profession, grade, region, coSubmitters, consent, submittedAt, themes, tags, links, notes, ignore).
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        maps: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export the register (or the ideas matching a search) to CSV or XLSX.
    Export {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// The file to write (replaced if it exists; written whole or not at all).
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
        /// csv or xlsx (default: from the file's extension).
        #[arg(long)]
        format: Option<String>,
        /// Only ideas matching these words.
        #[arg(long, default_value = "")]
        search: String,
        /// Only this department or agency (repeatable).
        #[arg(long)]
        department: Vec<String>,
    },
    /// The ideas at a stage with their viability, benefits and obstacles ratings and the
    /// secretariat's recommendation.
    Overview {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// Only ideas at this stage (e.g. longlist, shortlist, semi-final).
        #[arg(long, value_parser = workflow::parse_stage)]
        stage: Option<shortlist_domain::Stage>,
        #[arg(long)]
        json: bool,
    },
    /// The stages the challenge uses, how many ideas each holds and its target size.
    Rounds {
        #[command(flatten)]
        choice: ChallengeChoice,
    },
    /// Make a PDF briefing pack.
    #[command(subcommand)]
    Pack(packs::PackCommand),
    /// List the ideas flagged as possible duplicates.
    Duplicates {
        #[command(flatten)]
        choice: ChallengeChoice,
    },
    /// Judging rubrics: the templates, and each round's rubric.
    #[command(subcommand)]
    Rubric(judging::RubricCommand),
    /// The challenge's judges.
    #[command(subcommand)]
    Judges(judging::JudgesCommand),
    /// A round's judging panel.
    #[command(subcommand)]
    Panel(judging::PanelCommand),
    /// Judges' scores, typed in from their score sheets.
    #[command(subcommand)]
    Scores(judging::ScoresCommand),
    /// Share out a round's ideas among its panel: --per-idea judges each, every judge's load
    /// within one of the others', declared conflicts respected, choices made by hand kept. Or
    /// list, confirm and dismiss the conflicts of interest suggested where a judge and a
    /// submitter share a department or agency.
    Assign(assign::AssignArgs),
    /// Pairwise rounds: how a round is judged, its plan of pairs, and judges' choices.
    #[command(subcommand)]
    Pairs(pairs::PairsCommand),
    /// A round's results: the ranking with 95% intervals, raw beside normalised, each judge's
    /// severity, how far the judges agree and the ideas whose place rests on one judge; the
    /// pairwise ranking with --method pairwise or both; or --to (--export) CSV or XLSX.
    Results(judging::ResultsArgs),
    /// This installation's key: its fingerprint, or an enrolment file to send to the secretariat.
    Identity(exchange::IdentityArgs),
    /// Judges' bundles: export one per judge of a round, or open one received.
    #[command(subcommand)]
    Bundles(exchange::BundlesCommand),
    /// Score returns: export yours (judge), or import judges' (secretariat).
    #[command(subcommand)]
    Returns(exchange::ReturnsCommand),
    /// Who you are: the name recorded against every change, pack, bundle and receipt, and
    /// whether you run the challenge or judge it. With no options, shows them.
    Settings {
        /// Your name, as it should appear in the history of ideas.
        #[arg(long)]
        name: Option<String>,
        /// secretariat or judge.
        #[arg(long, value_parser = parse_role)]
        role: Option<UserRole>,
    },
    /// Backups: with --to, write a consistent copy of the whole database to a new file; or
    /// list, take, restore the copies in the backups folder.
    #[command(args_conflicts_with_subcommands = true)]
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
        #[command(subcommand)]
        command: Option<protect::BackupCommand>,
    },
    /// Protect the data folder with a passphrase (encryption at rest), change it or remove it.
    #[command(subcommand)]
    Protect(protect::ProtectCommand),
    /// The audit trail of every change: check it is intact, or list its newest entries.
    #[command(subcommand)]
    Audit(protect::AuditCommand),
    /// Submitters' personal data: retention date, erase or anonymise, subject-access export.
    #[command(subcommand)]
    PersonalData(personal::PersonalCommand),
    /// The participation report: ideas by department, profession, grade, region and theme
    /// against the stage reached, as PDF or CSV, small counts suppressed.
    Report(closing::ReportArgs),
    /// Outcome letters for every submitter and co-submitter: PDFs and unsent email drafts.
    /// Lists first the letters that cannot be made.
    Letters(closing::LettersArgs),
    /// The published longlist: a static website with search and filters, plus CSV and JSON.
    Longlist(closing::LonglistArgs),
    /// Show or write the feedback for an idea's outcome letter.
    Feedback(closing::FeedbackArgs),
}

#[derive(Debug, Subcommand)]
enum ChallengesCommand {
    /// List the challenges in this database, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Create a challenge.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        year: String,
        /// Closing date as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        closing_date: String,
        /// OFFICIAL, OFFICIAL-SENSITIVE or NONE.
        #[arg(long, default_value = "OFFICIAL")]
        marking: String,
        /// Letters that begin every idea reference, like DC21.
        #[arg(long)]
        prefix: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ChallengeChoice {
    /// The challenge, by its reference prefix (default: the newest).
    #[arg(long, value_name = "PREFIX")]
    challenge: Option<String>,
}

#[derive(Debug, Subcommand)]
enum IdeasCommand {
    /// List a challenge's ideas in reference order.
    List {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one idea in full.
    Show {
        /// The idea's reference, like DC21-0042.
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Search the register: words (accents and case ignored, each a prefix) and filters.
    Search {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// Words to find.
        #[arg(default_value = "")]
        text: String,
        /// Only this department or agency (repeat for any of several).
        #[arg(long)]
        department: Vec<String>,
        /// Only this theme (repeatable).
        #[arg(long)]
        theme: Vec<String>,
        /// Only this tag (repeatable).
        #[arg(long)]
        tag: Vec<String>,
        /// Only this region (repeatable).
        #[arg(long)]
        region: Vec<String>,
        /// How many results to show.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Move ideas to a stage (all of them, or none if any move is not allowed).
    Move(workflow::MoveArgs),
    /// Record an idea's screening: eligibility and whether it is already under way elsewhere.
    Screen(workflow::ScreenArgs),
    /// Print an idea's evaluation: viability, benefits, obstacles, recommendation.
    Evaluation {
        /// The idea's reference, like DC21-0042.
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Record the panel's decision on an idea; it moves where the decision sends it.
    Decide(workflow::DecideArgs),
    /// Show an idea's change history, newest first.
    History {
        /// The idea's reference, like DC21-0042.
        reference: String,
    },
    /// Add an idea.
    Add {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long)]
        title: String,
        #[arg(long)]
        summary: String,
        #[arg(long)]
        submitter: String,
        #[arg(long)]
        department: String,
        /// The submitter's email address.
        #[arg(long, default_value = "")]
        email: String,
        /// Date submitted, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        submitted: Option<String>,
        /// A theme (repeatable).
        #[arg(long)]
        theme: Vec<String>,
        /// A tag (repeatable).
        #[arg(long)]
        tag: Vec<String>,
    },
}

fn parse_role(text: &str) -> Result<UserRole, String> {
    UserRole::from_code(&text.trim().to_lowercase())
        .ok_or_else(|| format!("“{text}” is not a role: use secretariat or judge"))
}

/// Output piped into a reader that stops early (`shortlist ideas list | head`) ends the command
/// quietly, as `ls | head` does, instead of with a panic about a broken pipe. Rust ignores
/// SIGPIPE, so `println!` panics on the closed pipe; this catches exactly that panic.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("SHORTLIST_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shortlist: {}", e.message);
            if e.fields.len() > 1 {
                for f in &e.fields {
                    eprintln!("  - {}", f.message);
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), ApiError> {
    let location = DataLocation::from_process(cli.data_dir)?;
    let passphrase_env = cli.passphrase_env.as_deref();
    let passphrase = passphrase_env.map(protect::from_env).transpose()?;
    let app = Shortlist::open_with_passphrase(location, Shortlist::system_clock(), passphrase.as_deref());
    // A locked folder: every command but these says how to unlock it. Restoring a backup works
    // locked (its passphrase is checked against the copy), as `info` does.
    let works_locked = matches!(
        cli.command,
        Command::Info | Command::Backup { to: None, .. } | Command::Protect(protect::ProtectCommand::Status)
    );
    if let Some(problem) = app.problem().filter(|p| p.code == ErrorCode::Locked && !works_locked) {
        return Err(protect::locked_hint(&problem));
    }
    match cli.command {
        Command::Info => {
            let info = app.app_info();
            println!("Shortlist {}", info.version);
            println!("Data folder: {} (from {:?})", info.data_dir, info.data_dir_source);
            println!("Database:    {}", info.database_path);
            match info.problem {
                None => println!("Status:      ready"),
                Some(p) => return Err(p),
            }
        }
        Command::Settings { name, role } => {
            let current = app.user_settings()?;
            let settings = if name.is_some() || role.is_some() {
                let name = name.unwrap_or(current.display_name);
                app.save_user_settings(&UserSettingsInput {
                    display_name: name,
                    role: role.or(current.role),
                })?
            } else {
                current
            };
            let name = if settings.display_name.is_empty() { "(not set)" } else { &settings.display_name };
            let saved = if settings.confirmed { "" } else { " (not confirmed yet: set --name and --role)" };
            println!("Name: {name}{saved}");
            println!("Role: {}", settings.role.map_or("(not set)", UserRole::code));
        }
        Command::Demo { seed, ideas } => match app.create_demo(seed, ideas)? {
            DemoOutcome::Created { challenge, ideas } => {
                println!("Created “{}” ({}) with {ideas} ideas.", challenge.name, challenge.reference_prefix)
            }
            DemoOutcome::AlreadyPresent { challenge } => println!(
                "“{}” ({}) is already in this database; nothing was changed.",
                challenge.name, challenge.reference_prefix
            ),
        },
        Command::Challenges(ChallengesCommand::List { json }) => {
            let list = app.list_challenges()?;
            if json {
                print_json(&list);
            } else {
                for c in list {
                    println!("{}\t{}\t{}\t{}", c.reference_prefix, c.year, c.marking.code(), c.name);
                }
            }
        }
        Command::Challenges(ChallengesCommand::Create { name, year, closing_date, marking, prefix }) => {
            let (closing_year, closing_month, closing_day) = iso_date_parts(&closing_date);
            let marking = Marking::from_code(&marking).ok_or_else(|| {
                ApiError::field(
                    "marking",
                    format!(
                        "--marking {marking:?} is not a marking: use OFFICIAL, OFFICIAL-SENSITIVE or NONE"
                    ),
                )
            })?;
            let input = ChallengeInput {
                name,
                year,
                closing_day,
                closing_month,
                closing_year,
                marking: Some(marking),
                reference_prefix: prefix,
            };
            let c = app.create_challenge(&input)?;
            println!("Created “{}” ({}).", c.name, c.reference_prefix);
        }
        Command::Ideas(IdeasCommand::List { choice, json }) => {
            let challenge = choose(&app, &choice)?;
            let ideas = app.list_ideas(challenge.id)?;
            if json {
                print_json(&ideas);
            } else {
                eprintln!("{} ({}): {} ideas", challenge.name, challenge.reference_prefix, ideas.len());
                for i in ideas {
                    println!("{}\t{}\t{}\t{}", i.reference, i.title, i.submitter_name, i.department);
                }
            }
        }
        Command::Ideas(IdeasCommand::Show { reference, json }) => {
            let idea = app.get_idea_by_reference(&reference)?;
            if json {
                print_json(&idea);
            } else {
                let d = &idea.details;
                println!("{}  {}", idea.reference, d.title);
                println!("Stage:      {}", idea.stage.label());
                println!("Submitter:  {}, {}", d.submitter_name, d.department);
                println!("Submitted:  {}", d.submitted_on.format("%-d %B %Y"));
                println!("Created:    {}", idea.created_at.format("%-d %B %Y %H:%M"));
                println!("Updated:    {}", idea.updated_at.format("%-d %B %Y %H:%M"));
                println!();
                println!("{}", d.summary);
            }
        }
        Command::Ideas(IdeasCommand::Add {
            choice,
            title,
            summary,
            submitter,
            department,
            email,
            submitted,
            theme,
            tag,
        }) => {
            let challenge = choose(&app, &choice)?;
            let mut input =
                IdeaInput::new(&title, &summary, &submitter, &department, chrono::Utc::now().date_naive());
            if let Some(date) = submitted {
                (input.submitted_year, input.submitted_month, input.submitted_day) = iso_date_parts(&date);
            }
            input.submitter_email = email;
            input.themes = theme;
            input.tags = tag;
            let idea = app.create_idea(challenge.id, &input)?;
            println!("{}", idea.reference);
        }
        Command::Ideas(IdeasCommand::Search {
            choice,
            text,
            department,
            theme,
            tag,
            region,
            limit,
            json,
        }) => {
            let challenge = choose(&app, &choice)?;
            let query = IdeaQuery {
                text,
                departments: department,
                themes: theme,
                tags: tag,
                regions: region,
                page_size: limit,
                ..IdeaQuery::for_challenge(challenge.id)
            };
            let results = app.search_ideas(&query)?;
            if json {
                print_json(&results);
            } else {
                eprintln!("{} of {} matching ideas", results.hits.len(), results.total);
                for hit in results.hits {
                    let snippet: String = hit
                        .snippet
                        .iter()
                        .map(|p| if p.highlight { format!("[{}]", p.text) } else { p.text.clone() })
                        .collect();
                    println!("{}\t{}\t{}", hit.idea.reference, hit.idea.title, snippet.replace('\n', " "));
                }
            }
        }
        Command::Ideas(IdeasCommand::History { reference }) => {
            let idea = app.get_idea_by_reference(&reference)?;
            for change in app.idea_history(idea.id)? {
                let when = change.at.format("%-d %B %Y %H:%M");
                match (change.field, change.old_value, change.new_value) {
                    (Some(field), Some(old), Some(new)) => println!(
                        "{when}\t{}\t{field}: {old:?} → {new:?}{}",
                        change.by,
                        change.note.map(|n| format!(" ({n})")).unwrap_or_default()
                    ),
                    _ => println!(
                        "{when}\t{}\t{:?}{}",
                        change.by,
                        change.kind,
                        change.note.map(|n| format!(": {n}")).unwrap_or_default()
                    ),
                }
            }
        }
        Command::Import { choice, file, commit, maps, json } => {
            let challenge = choose(&app, &choice)?;
            let preview = app.preview_import(challenge.id, &file, None)?;
            let mapping = apply_maps(preview.mapping.clone(), &maps)?;
            let preview = app.preview_import(challenge.id, &file, Some(mapping.clone()))?;
            if json && !commit {
                print_json(&preview);
                return Ok(());
            }
            print_preview(&preview);
            if !preview.mapping_problems.is_empty() {
                return Err(ApiError::new(
                    shortlist_app::ErrorCode::Validation,
                    "The columns are not all mapped: use --map \"Question text=field\" and try again",
                ));
            }
            if commit {
                let summary = app.commit_import(challenge.id, &file, &mapping)?;
                if json {
                    print_json(&summary);
                } else {
                    println!(
                        "Imported {} ideas{}; {} already imported; {} rows with problems left out; {} flagged as possible duplicates.",
                        summary.added,
                        match (&summary.first_reference, &summary.last_reference) {
                            (Some(a), Some(b)) => format!(" ({a} to {b})"),
                            _ => String::new(),
                        },
                        summary.already_imported,
                        summary.with_problems,
                        summary.flagged_duplicates
                    );
                }
            } else {
                eprintln!("This was a dry run: nothing was written. Add --commit to import.");
            }
        }
        Command::Export { choice, to, format, search, department } => {
            let challenge = choose(&app, &choice)?;
            let format = match format.as_deref().map(str::to_ascii_lowercase).or_else(|| {
                to.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
            }) {
                Some(f) if f == "csv" => ExportFormat::Csv,
                Some(f) if f == "xlsx" => ExportFormat::Xlsx,
                _ => {
                    return Err(ApiError::field(
                        "format",
                        "Say which format to write: --format csv or --format xlsx (or end the file name in .csv or .xlsx)",
                    ))
                }
            };
            let query =
                IdeaQuery { text: search, departments: department, ..IdeaQuery::for_challenge(challenge.id) };
            let summary = app.export_ideas(&query, format, &to)?;
            println!("Wrote {} ideas to {}", summary.ideas, summary.path);
        }
        Command::Ideas(IdeasCommand::Move(args)) => workflow::move_ideas(&app, args)?,
        Command::Ideas(IdeasCommand::Screen(args)) => workflow::screen(&app, args)?,
        Command::Ideas(IdeasCommand::Evaluation { reference, json }) => {
            workflow::print_evaluation(&app, &reference, json)?
        }
        Command::Ideas(IdeasCommand::Decide(args)) => workflow::decide(&app, args)?,
        Command::Overview { choice, stage, json } => {
            let challenge = choose(&app, &choice)?;
            workflow::overview(&app, challenge.id, stage, json)?
        }
        Command::Rounds { choice } => workflow::rounds(&app, choose(&app, &choice)?.id)?,
        Command::Pack(pack) => packs::run(&app, pack)?,
        Command::Report(args) => closing::report(&app, args)?,
        Command::Letters(args) => closing::letters(&app, args)?,
        Command::Longlist(args) => closing::longlist(&app, args)?,
        Command::Feedback(args) => closing::feedback(&app, args)?,
        Command::Duplicates { choice } => {
            let challenge = choose(&app, &choice)?;
            for pair in app.list_duplicates(challenge.id)? {
                println!(
                    "{}\t{} ({:.2})\t{}\t{}\t{}\t{}",
                    pair.flag_id,
                    if pair.exact { "exact" } else { "near" },
                    pair.score,
                    pair.idea.reference,
                    pair.idea.title,
                    pair.other.reference,
                    pair.other.title
                );
            }
        }
        Command::Rubric(command) => judging::rubric(&app, command)?,
        Command::Judges(command) => judging::judges(&app, command)?,
        Command::Panel(command) => judging::panel(&app, command)?,
        Command::Scores(command) => judging::scores(&app, command)?,
        Command::Assign(args) => assign::assign(&app, args)?,
        Command::Pairs(command) => pairs::pairs(&app, command)?,
        Command::Results(args) => judging::results(&app, args)?,
        Command::Identity(args) => exchange::identity(&app, args)?,
        Command::Bundles(command) => exchange::bundles(&app, command)?,
        Command::Returns(command) => exchange::returns(&app, command)?,
        Command::Backup { to: Some(to), .. } => {
            app.backup_to(&to)?;
            println!("Wrote a copy of the database to {}", to.display());
        }
        Command::Backup { to: None, command } => {
            let command = command.unwrap_or(protect::BackupCommand::List { json: false });
            protect::backup(&app, command, passphrase_env)?;
        }
        Command::Protect(command) => protect::protect(&app, command, passphrase_env)?,
        Command::Audit(command) => protect::audit(&app, command)?,
        Command::PersonalData(command) => personal::personal(&app, command)?,
    }
    Ok(())
}

/// "2021-05-14" as the (year, month, day) boxes the GOV.UK date rules check, so a date typed on
/// the command line gets the same messages as one typed in the app.
fn iso_date_parts(date: &str) -> (String, String, String) {
    let mut parts = date.trim().splitn(3, '-').map(str::to_owned);
    (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default())
}

/// Applies `--map "Column=field"` overrides to a mapping.
fn apply_maps(mut mapping: Mapping, maps: &[String]) -> Result<Mapping, ApiError> {
    for m in maps {
        let Some((column, field)) = m.rsplit_once('=') else {
            return Err(ApiError::field("map", format!("--map {m:?} must look like \"Column text=field\"")));
        };
        let field: Field = serde_json::from_value(serde_json::Value::String(field.trim().to_owned()))
            .map_err(|_| {
                ApiError::field(
                    "map",
                    format!(
                        "{:?} is not a field Shortlist knows: see `shortlist import --help`",
                        field.trim()
                    ),
                )
            })?;
        let target = mapping.columns.iter_mut().find(|c| c.header.trim().eq_ignore_ascii_case(column.trim()));
        match target {
            Some(c) => c.field = field,
            None => {
                return Err(ApiError::field(
                    "map",
                    format!("The file has no column headed {:?}", column.trim()),
                ));
            }
        }
    }
    Ok(mapping)
}

fn print_preview(p: &ImportPreview) {
    eprintln!("{}: {} responses ({} blank rows skipped)", p.file_name, p.rows, p.blank_rows);
    eprintln!("Columns{}:", if p.mapping_remembered { " (as mapped last time for this form)" } else { "" });
    for c in &p.mapping.columns {
        eprintln!("  {:<50} → {}", c.header, c.field.label());
    }
    for problem in &p.mapping_problems {
        eprintln!("  ! {problem}");
    }
    if !p.mapping_problems.is_empty() {
        return;
    }
    eprintln!("Would add {} ideas; {} already imported.", p.to_add, p.already_imported);
    for d in &p.duplicates {
        let with = match (&d.matches_reference, d.matches_row) {
            (Some(r), _) => format!("{r} “{}”", d.matches_title),
            (None, Some(row)) => format!("row {row} “{}”", d.matches_title),
            _ => String::new(),
        };
        eprintln!(
            "  Row {} looks like {} ({}): “{}”",
            d.row,
            with,
            if d.exact {
                "same submitter and title".to_owned()
            } else {
                format!("similar wording, {:.0}%", d.score * 100.0)
            },
            d.title
        );
    }
    for problem in &p.problems {
        let column = if problem.column.is_empty() {
            String::new()
        } else {
            format!(", column “{}”", problem.column)
        };
        eprintln!("  Row {}{column}: {}", problem.row, problem.reason);
    }
}

/// The challenge named by `--challenge PREFIX`, or the newest one.
pub(crate) fn choose(app: &Shortlist, choice: &ChallengeChoice) -> Result<Challenge, ApiError> {
    let all = app.list_challenges()?;
    match &choice.challenge {
        Some(prefix) => {
            let wanted = prefix.trim().to_ascii_uppercase();
            all.iter().find(|c| c.reference_prefix == wanted).cloned().ok_or_else(|| {
                let known: Vec<&str> = all.iter().map(|c| c.reference_prefix.as_str()).collect();
                ApiError::not_found(format!(
                    "No challenge has the prefix {wanted}. The challenges here are: {}.",
                    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                ))
            })
        }
        None => all.into_iter().next().ok_or_else(|| {
            ApiError::not_found(
                "There is no challenge in this database yet. Create one with `shortlist challenges create` \
                 or try the demo with `shortlist demo`.",
            )
        }),
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("shortlist: could not write JSON: {e}"),
    }
}
