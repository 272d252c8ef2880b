//! `shortlist rubric|judges|panel|scores|results`: the judging panel from a script — rubric
//! templates, the panel, scores typed in from returned score sheets, and the results export.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use shortlist_app::{
    ApiError, ExportFormat, PairwiseResults, PairwiseTable, RoundCut, RoundResults, RubricTemplate,
    RubricVersionView, Shortlist,
};
use shortlist_domain::{
    ChallengeId, Judge, JudgeId, JudgeInput, JudgingMethod, PanelSettings, ScoreInput, Stage,
};
use shortlist_scoring::{RankBy, Rubric, RubricDraft};

use crate::workflow::{parse_stage, with_confirm_hint};
use crate::{choose, print_json, ChallengeChoice};

/// A panel round as typed: shortlist, semi-final or final.
pub(crate) fn parse_round(typed: &str) -> Result<Stage, String> {
    let stage = parse_stage(typed)?;
    if stage.is_panel_round() {
        Ok(stage)
    } else {
        Err(format!("{typed:?} is not a panel round; use shortlist, semi-final or final"))
    }
}

fn parse_template(typed: &str) -> Result<RubricTemplate, String> {
    RubricTemplate::from_code(typed).ok_or_else(|| {
        let names: Vec<&str> = RubricTemplate::ALL.iter().map(|t| t.code()).collect();
        format!("{typed:?} is not a rubric template; use one of {}", names.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// List the rubric templates with their criteria, weights and bands.
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// Show a round's current rubric.
    Show {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// shortlist, semi-final or final.
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        #[arg(long)]
        json: bool,
    },
    /// Set a round's rubric from a template. Once scoring has started this makes a new version
    /// of the rubric, which needs --confirm.
    Set {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// challenge-default, innovate-uk or green-book.
        #[arg(long, value_parser = parse_template)]
        template: RubricTemplate,
        /// Go ahead even though scoring has started (the scores so far stop counting).
        #[arg(long)]
        confirm: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum JudgesCommand {
    /// Add a judge to the challenge.
    Add {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long)]
        name: String,
        /// e.g. "Permanent Secretary".
        #[arg(long)]
        role: String,
        #[arg(long)]
        organisation: String,
    },
    /// Enrol a judge's key from the enrolment file they sent; read the fingerprint it prints
    /// back to them over the phone.
    Enrol {
        #[command(flatten)]
        choice: ChallengeChoice,
        /// The judge, by id or exact name.
        #[arg(long)]
        judge: String,
        /// The enrolment file.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// List the challenge's judges: id, name, role, organisation.
    List {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Set a round's judges (all of them, in order).
    Set {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// A judge, by id or exact name (repeat for each).
        #[arg(long = "judge", required = true)]
        judges: Vec<String>,
        /// Let judges submit a score in the lowest or highest band without a comment.
        #[arg(long)]
        no_comment_rule: bool,
    },
    /// Show a round's judges, rubric and whether scoring has started.
    Show {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScoresCommand {
    /// Save a judge's score for one criterion of an idea, as a draft.
    Add {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// The judge, by id or exact name.
        #[arg(long)]
        judge: String,
        /// The idea's reference, like DC21-0042.
        #[arg(long)]
        idea: String,
        /// The criterion's id, as `shortlist rubric show` lists it.
        #[arg(long)]
        criterion: String,
        #[arg(long, allow_negative_numbers = true)]
        score: i32,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Submit a judge's scores for an idea (every criterion must be scored).
    Submit {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        #[arg(long)]
        judge: String,
        #[arg(long)]
        idea: String,
    },
}

/// `shortlist results`.
#[derive(Debug, Args)]
pub struct ResultsArgs {
    #[command(flatten)]
    choice: ChallengeChoice,
    #[arg(long, value_parser = parse_round)]
    round: Stage,
    /// Write the results to this file, .csv or .xlsx (replaced if it exists; written whole or
    /// not at all).
    #[arg(long, visible_alias = "to", value_name = "FILE")]
    export: Option<PathBuf>,
    /// Rank by the raw or the normalised mean.
    #[arg(long, value_enum, default_value_t = RankByArg::Raw)]
    rank_by: RankByArg,
    /// Which results: the rubric scores', the pairwise comparisons', or both. By default, the
    /// way the round is judged.
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MethodArg {
    Scores,
    Pairwise,
    Both,
}

impl From<MethodArg> for JudgingMethod {
    fn from(m: MethodArg) -> Self {
        match m {
            MethodArg::Scores => JudgingMethod::Scores,
            MethodArg::Pairwise => JudgingMethod::Pairwise,
            MethodArg::Both => JudgingMethod::Both,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RankByArg {
    Raw,
    Normalised,
}

fn print_rubric(rubric: &RubricDraft) {
    println!("{}", rubric.name);
    println!("  Scores: {} to {}", rubric.scale.min, rubric.scale.max);
    let total: f64 = rubric.criteria.iter().map(|c| c.weight).sum();
    println!("  Criteria:");
    for c in &rubric.criteria {
        println!(
            "    {:<18} {:<36} weight {} ({:.0}%)",
            c.id.as_str(),
            c.name,
            c.weight,
            c.weight / total * 100.0
        );
    }
    println!("  Bands:");
    for b in &rubric.bands {
        let range = if b.min == b.max { b.min.to_string() } else { format!("{}-{}", b.min, b.max) };
        println!("    {range:<6} {:<13} {}", b.label, b.description);
    }
}

fn print_version(v: &RubricVersionView) {
    println!("Version {} (set {} by {})", v.version, v.created_at.format("%-d %B %Y %H:%M"), v.created_by);
    print_rubric(&v.rubric);
}

/// A judge by id or exact name (case ignored).
pub(crate) fn find_judge(app: &Shortlist, challenge: ChallengeId, typed: &str) -> Result<Judge, ApiError> {
    let judges = app.list_judges(challenge)?;
    let wanted = typed.trim();
    let by_id = wanted.parse::<i64>().ok().map(JudgeId);
    judges.into_iter().find(|j| Some(j.id) == by_id || j.name.eq_ignore_ascii_case(wanted)).ok_or_else(|| {
        ApiError::not_found(format!(
            "No judge of this challenge has the id or name {wanted:?}. `shortlist judges list` shows them"
        ))
    })
}

pub fn rubric(app: &Shortlist, command: RubricCommand) -> Result<(), ApiError> {
    match command {
        RubricCommand::Templates { json } => {
            let all: Vec<(RubricTemplate, Rubric)> =
                RubricTemplate::ALL.iter().map(|t| (*t, t.rubric())).collect();
            if json {
                let drafts: Vec<serde_json::Value> = all
                    .into_iter()
                    .map(|(t, r)| serde_json::json!({ "template": t.code(), "rubric": r.into_draft() }))
                    .collect();
                print_json(&drafts);
                return Ok(());
            }
            for (i, (t, r)) in all.into_iter().enumerate() {
                if i > 0 {
                    println!();
                }
                println!("{}", t.code());
                print_rubric(&r.into_draft());
            }
        }
        RubricCommand::Show { choice, round, json } => {
            let challenge = choose(app, &choice)?;
            let panel = app.round_panel(challenge.id, round)?;
            match (panel.rubric, json) {
                (Some(v), true) => print_json(&v),
                (Some(v), false) => print_version(&v),
                (None, _) => {
                    return Err(ApiError::not_found(format!(
                        "The {} round has no rubric yet. Set one with `shortlist rubric set --round {} --template challenge-default`",
                        round.label(),
                        round.label().to_lowercase()
                    )))
                }
            }
        }
        RubricCommand::Set { choice, round, template, confirm } => {
            let challenge = choose(app, &choice)?;
            let saved = app
                .set_round_rubric_template(challenge.id, round, template, confirm)
                .map_err(with_confirm_hint)?;
            println!(
                "The {} round now uses “{}” (version {}{}).",
                round.label(),
                saved.current.rubric.name,
                saved.current.version,
                if saved.new_version { ", new" } else { "" }
            );
        }
    }
    Ok(())
}

pub fn judges(app: &Shortlist, command: JudgesCommand) -> Result<(), ApiError> {
    match command {
        JudgesCommand::Add { choice, name, role, organisation } => {
            let challenge = choose(app, &choice)?;
            let j = app.add_judge(challenge.id, &JudgeInput { name, role, organisation })?;
            println!("{}\t{}", j.id.0, j.name);
        }
        JudgesCommand::Enrol { choice, judge, file } => crate::exchange::enrol(app, &choice, &judge, &file)?,
        JudgesCommand::List { choice, json } => {
            let challenge = choose(app, &choice)?;
            let judges = app.list_judges(challenge.id)?;
            if json {
                print_json(&judges);
            } else {
                for j in judges {
                    println!("{}\t{}\t{}\t{}", j.id.0, j.name, j.role, j.organisation);
                }
            }
        }
    }
    Ok(())
}

pub fn panel(app: &Shortlist, command: PanelCommand) -> Result<(), ApiError> {
    match command {
        PanelCommand::Set { choice, round, judges, no_comment_rule } => {
            let challenge = choose(app, &choice)?;
            let ids = judges
                .iter()
                .map(|j| find_judge(app, challenge.id, j).map(|j| j.id))
                .collect::<Result<_, _>>()?;
            let settings = PanelSettings { judges: ids, comment_required_for_extremes: !no_comment_rule };
            let panel = app.set_round_panel(challenge.id, round, &settings)?;
            let names: Vec<&str> = panel.judges.iter().map(|j| j.name.as_str()).collect();
            println!("The {} panel: {}", round.label(), names.join(", "));
        }
        PanelCommand::Show { choice, round } => {
            let challenge = choose(app, &choice)?;
            let panel = app.round_panel(challenge.id, round)?;
            println!("{} panel", round.label());
            for j in &panel.judges {
                println!("  {}\t{}\t{}\t{}", j.id.0, j.name, j.role, j.organisation);
            }
            println!(
                "Comments required for the lowest and highest bands: {}",
                if panel.comment_required_for_extremes { "yes" } else { "no" }
            );
            match panel.scoring_started_at {
                Some(at) => println!("Scoring started {}", at.format("%-d %B %Y %H:%M")),
                None => println!("Scoring has not started"),
            }
            match &panel.rubric {
                Some(v) => print_version(v),
                None => println!("No rubric yet"),
            }
        }
    }
    Ok(())
}

pub fn scores(app: &Shortlist, command: ScoresCommand) -> Result<(), ApiError> {
    match command {
        ScoresCommand::Add { choice, round, judge, idea, criterion, score, comment } => {
            let challenge = choose(app, &choice)?;
            let judge = find_judge(app, challenge.id, &judge)?;
            let idea = app.get_idea_by_reference(&idea)?;
            let input = ScoreInput::new(judge.id, idea.id, &criterion, score, &comment);
            let saved = app.save_score(round, &input)?;
            println!(
                "Saved {}'s draft score for {} {}: {} (revision {})",
                judge.name, idea.reference, saved.criterion, saved.score, saved.revision
            );
        }
        ScoresCommand::Submit { choice, round, judge, idea } => {
            let challenge = choose(app, &choice)?;
            let judge = find_judge(app, challenge.id, &judge)?;
            let idea = app.get_idea_by_reference(&idea)?;
            let saved = app.submit_scores(round, judge.id, idea.id)?;
            println!("Submitted {}'s {} scores for {}", judge.name, saved.len(), idea.reference);
        }
    }
    Ok(())
}

fn fixed(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".to_owned())
}

pub fn results(app: &Shortlist, args: ResultsArgs) -> Result<(), ApiError> {
    let challenge = choose(app, &args.choice)?;
    let rank_by = match args.rank_by {
        RankByArg::Raw => RankBy::RawMean,
        RankByArg::Normalised => RankBy::NormalisedMean,
    };
    let method = match args.method {
        Some(m) => m.into(),
        None => app.pairwise_settings(challenge.id, args.round)?.method,
    };
    if let Some(dest) = args.export {
        let format = match dest.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).as_deref() {
            Some("csv") => ExportFormat::Csv,
            Some("xlsx") => ExportFormat::Xlsx,
            _ => {
                return Err(ApiError::field(
                    "export",
                    "End the file name in .csv or .xlsx to say which to write",
                ))
            }
        };
        let summary = app.export_results(challenge.id, args.round, rank_by, Some(method), format, &dest)?;
        println!("Wrote the {} results for {} ideas to {}", args.round.label(), summary.ideas, summary.path);
        return Ok(());
    }
    let scores = method.scores().then(|| app.round_results(challenge.id, args.round, rank_by)).transpose()?;
    let pairwise = method.pairwise().then(|| app.pairwise_results(challenge.id, args.round)).transpose()?;
    if args.json {
        match (&scores, &pairwise) {
            (Some(s), None) => print_json(s),
            (None, Some(p)) => print_json(p),
            _ => print_json(&serde_json::json!({ "scores": scores, "pairwise": pairwise })),
        }
        return Ok(());
    }
    if let Some(results) = &scores {
        print_scores(results);
    }
    if let Some(p) = &pairwise {
        if scores.is_some() {
            println!();
        }
        print_pairwise(p);
    }
    Ok(())
}

/// "2.10 to 3.40", or "-".
fn interval(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("{l:.2} to {h:.2}"),
        _ => "-".to_owned(),
    }
}

fn rank_interval(best: Option<u32>, worst: Option<u32>) -> String {
    match (best, worst) {
        (Some(b), Some(w)) if b == w => b.to_string(),
        (Some(b), Some(w)) => format!("{b} to {w}"),
        _ => "-".to_owned(),
    }
}

fn print_scores(results: &RoundResults) {
    println!(
        "Rank\tReference\tMean\tNormalised\tMedian\tJudges\tSpread (sd)\tDisagreement\tScore 95% interval\tRank 95% interval\tTitle"
    );
    for r in &results.rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.rank.as_deref().unwrap_or("-"),
            r.idea.reference,
            fixed(r.mean),
            fixed(r.normalised_mean),
            fixed(r.median),
            r.judges_counted,
            fixed(r.sd),
            if r.disagreement { "yes" } else { "" },
            interval(r.score_low, r.score_high),
            rank_interval(r.rank_best, r.rank_worst),
            r.idea.title
        );
    }
    println!();
    println!("Judge\tScored\tMean total\tSeverity");
    for j in &results.judges {
        let r = results.results.judge(shortlist_scoring::JudgeId(j.id.0));
        println!(
            "{}\t{}\t{}\t{}",
            j.name,
            r.map(|r| r.complete).unwrap_or(0),
            fixed(r.and_then(|r| r.mean_total)),
            r.and_then(|r| r.severity).map(|s| format!("{s:+.2}")).unwrap_or_else(|| "-".to_owned())
        );
    }
    println!();
    println!("How far the judges agree");
    for r in &results.reliability {
        let icc = r
            .icc
            .map(|i| format!("ICC(2,1) {:.2}, ICC(2,k) {:.2}", i.single, i.average))
            .unwrap_or_else(|| "ICC -".to_owned());
        let ordinal = fixed(r.alpha_ordinal.map(|a| a.value));
        println!("  {} [{icc}; ordinal alpha {ordinal}]", r.reading);
    }
    println!(
        "Intervals: {} resamples of the panel's {} judges, seed {}.",
        results.bootstrap.resamples, results.bootstrap.judges, results.bootstrap.seed
    );
    print_cut(results.cut.as_ref());
    if results.draft_scores > 0 {
        eprintln!("{} draft scores are not submitted yet and do not count.", results.draft_scores);
    }
    if results.earlier_version_scores > 0 {
        eprintln!(
            "{} scores were given under an earlier version of the rubric and do not count.",
            results.earlier_version_scores
        );
    }
}

fn print_cut(cut: Option<&RoundCut>) {
    println!();
    let Some(cut) = cut else {
        println!("The next stage has no target, so there is no cut.");
        return;
    };
    println!("The cut: {} go on to the {}", cut.target, cut.next_stage.label());
    if cut.dependencies.is_empty() {
        println!("  No idea's place in or out rests on a single judge.");
    }
    for d in &cut.dependencies {
        println!("  {} {}: {}", d.idea.reference, d.idea.title, d.reason);
    }
}

fn print_pairwise_table(table: &PairwiseTable) {
    println!("Rank\tReference\tStrength\tSE\tStrength 95% interval\tComparisons\tWon-tied-lost\tTitle");
    for r in &table.rows {
        println!(
            "{}\t{}\t{:+.2}\t{:.2}\t{:+.2} to {:+.2}\t{}\t{}-{}-{}\t{}",
            r.rank,
            r.idea.reference,
            r.strength,
            r.standard_error,
            r.low,
            r.high,
            r.comparisons,
            r.wins,
            r.ties,
            r.losses,
            r.idea.title
        );
    }
}

fn print_pairwise(p: &PairwiseResults) {
    println!(
        "Pairwise ranking ({} comparisons; Bradley–Terry, strength 0 is an average idea)",
        p.overall.comparisons
    );
    print_pairwise_table(&p.overall);
    for table in &p.criteria {
        println!();
        println!("Pairwise ranking on {} ({} comparisons)", table.name, table.comparisons);
        print_pairwise_table(table);
    }
    println!();
    println!("{}", p.agreement_reading);
    print_cut(p.cut.as_ref());
}
