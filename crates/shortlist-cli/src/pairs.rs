//! `shortlist pairs`: a pairwise round (issue #17) from the command line — how the round is
//! judged, its plan of pairs, and each judge's choices (typed in from a paper sheet by the
//! secretariat, or made by a judge on their own installation).

use clap::Subcommand;
use shortlist_app::{ApiError, Shortlist};
use shortlist_domain::{ComparisonInput, JudgingMethod, PairChoice, PairwiseSettings, Stage};

use crate::judging::{find_judge, parse_round};
use crate::{choose, ChallengeChoice};

#[derive(Debug, Subcommand)]
pub enum PairsCommand {
    /// Choose how a round is judged: scores, pairwise or both. With no options, shows it.
    Method {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// scores, pairwise or both.
        #[arg(long, value_parser = parse_method)]
        method: Option<JudgingMethod>,
        /// Pairs for each judge; 0 lets Shortlist choose (every idea in about 8 comparisons).
        #[arg(long)]
        pairs_per_judge: Option<u32>,
        /// Judges may also choose on each criterion of the rubric.
        #[arg(long)]
        per_criterion: Option<bool>,
    },
    /// Plan the round's pairs now (bundles plan them when none are planned), and show the plan.
    Plan {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// Only show the plan; change nothing.
        #[arg(long)]
        show: bool,
    },
    /// List a judge's pairs, numbered, with the choice made on each.
    List {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        /// The judge, by id or exact name.
        #[arg(long)]
        judge: String,
    },
    /// Record a judge's choice on one of their pairs (numbered as `pairs list` shows them).
    Choose {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        #[arg(long)]
        judge: String,
        /// The pair's number, from 1.
        #[arg(long)]
        pair: usize,
        /// left, right or tie (can't separate them).
        #[arg(long = "choice", value_parser = parse_choice)]
        chosen: PairChoice,
        /// A criterion's id, for a choice on that criterion rather than overall.
        #[arg(long, default_value = "")]
        criterion: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
}

fn parse_method(typed: &str) -> Result<JudgingMethod, String> {
    JudgingMethod::from_code(typed.trim())
        .ok_or_else(|| format!("\"{typed}\" is not a method: use scores, pairwise or both"))
}

fn parse_choice(typed: &str) -> Result<PairChoice, String> {
    match typed.trim() {
        "left" => Ok(PairChoice::Left),
        "right" => Ok(PairChoice::Right),
        "tie" | "=" => Ok(PairChoice::CannotSeparate),
        _ => Err(format!("\"{typed}\" is not a choice: use left, right or tie")),
    }
}

pub fn pairs(app: &Shortlist, command: PairsCommand) -> Result<(), ApiError> {
    match command {
        PairsCommand::Method { choice, round, method, pairs_per_judge, per_criterion } => {
            let challenge = choose(app, &choice)?;
            let mut settings = app.pairwise_settings(challenge.id, round)?;
            if method.is_some() || pairs_per_judge.is_some() || per_criterion.is_some() {
                settings = PairwiseSettings {
                    method: method.unwrap_or(settings.method),
                    pairs_per_judge: pairs_per_judge.unwrap_or(settings.pairs_per_judge),
                    per_criterion: per_criterion.unwrap_or(settings.per_criterion),
                };
                settings = app.set_pairwise_settings(challenge.id, round, &settings)?;
            }
            println!("The {} round is judged by: {}", round.label(), settings.method.label().to_lowercase());
            if settings.method.pairwise() {
                match settings.pairs_per_judge {
                    0 => println!("Pairs for each judge: chosen by Shortlist"),
                    n => println!("Pairs for each judge: {n}"),
                }
                println!("Choices on each criterion: {}", if settings.per_criterion { "yes" } else { "no" });
            }
        }
        PairsCommand::Plan { choice, round, show } => {
            let challenge = choose(app, &choice)?;
            let plan =
                if show { app.pair_plan(challenge.id, round)? } else { app.plan_pairs(challenge.id, round)? };
            if !plan.planned {
                println!(
                    "No pairs are planned for the {} round yet ({} for each judge when they are)",
                    round.label(),
                    plan.pairs_per_judge
                );
                return Ok(());
            }
            println!(
                "{} ideas; every idea is in {} to {} comparisons; {} choices recorded",
                plan.ideas, plan.fewest_per_idea, plan.most_per_idea, plan.choices
            );
            for j in &plan.judges {
                println!("  {}\t{} pairs\t{} compared", j.name, j.pairs, j.compared);
            }
        }
        PairsCommand::List { choice, round, judge } => {
            let challenge = choose(app, &choice)?;
            let judge = find_judge(app, challenge.id, &judge)?;
            let pairs = app.judge_pairs(round, judge.id)?;
            for (n, p) in pairs.pairs.iter().enumerate() {
                let chosen = p
                    .choices
                    .iter()
                    .find(|c| c.criterion.is_empty())
                    .map_or("not compared yet", |c| c.choice.label());
                println!(
                    "{}\t{} {}\tagainst\t{} {}\t{}",
                    n + 1,
                    p.left.reference,
                    p.left.title,
                    p.right.reference,
                    p.right.title,
                    chosen
                );
            }
            println!("{} of {} pairs compared", pairs.compared, pairs.pairs.len());
        }
        PairsCommand::Choose { choice, round, judge, pair, chosen, criterion, comment } => {
            let challenge = choose(app, &choice)?;
            let judge = find_judge(app, challenge.id, &judge)?;
            let pairs = app.judge_pairs(round, judge.id)?;
            let Some(p) = pair.checked_sub(1).and_then(|i| pairs.pairs.get(i)) else {
                return Err(ApiError::field(
                    "pair",
                    format!(
                        "{} has {} pairs in the {} round: give --pair from 1 to {}",
                        judge.name,
                        pairs.pairs.len(),
                        round.label(),
                        pairs.pairs.len()
                    ),
                ));
            };
            let input = ComparisonInput {
                criterion,
                comment,
                ..ComparisonInput::new(judge.id, p.left.id, p.right.id, chosen)
            };
            let saved = app.save_comparison(round, &input)?;
            println!(
                "{} against {}: {} (revision {})",
                p.left.reference,
                p.right.reference,
                saved.choice.label(),
                saved.revision
            );
        }
    }
    Ok(())
}
