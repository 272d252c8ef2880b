//! `shortlist assign`: share out a round's ideas among its panel automatically (k judges per
//! idea, loads within one), and decide the conflicts of interest it suggests.

use clap::{Args, Subcommand};
use shortlist_app::{ApiError, AutomaticAssignment, ConflictSuggestion, Shortlist};
use shortlist_domain::Stage;

use crate::judging::{find_judge, parse_round};
use crate::{choose, print_json, ChallengeChoice};

/// `shortlist assign`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AssignArgs {
    #[command(flatten)]
    choice: ChallengeChoice,
    /// shortlist, semi-final or final.
    #[arg(long, value_parser = parse_round, required = true)]
    round: Option<Stage>,
    /// How many judges score each idea.
    #[arg(long, required = true, value_name = "K")]
    per_idea: Option<u32>,
    /// Chooses among the balanced share-outs; the same seed gives the same one [default: the
    /// round's last, else one fixed by the round].
    #[arg(long)]
    seed: Option<u32>,
    /// Show the share-out without applying it.
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    command: Option<SuggestionsCommand>,
}

/// The conflicts of interest suggested where a judge and a submitter share a department.
#[derive(Debug, Subcommand)]
pub enum SuggestionsCommand {
    /// List the suggested conflicts of interest of the round's panel: judge, idea, what they share.
    Suggestions {
        #[command(flatten)]
        choice: ChallengeChoice,
        #[arg(long, value_parser = parse_round)]
        round: Stage,
        #[arg(long)]
        json: bool,
    },
    /// Declare a suggested conflict (kind Other, the shared organisation in the note).
    Confirm(SuggestionChoice),
    /// Record that a suggested conflict is none, so it is not suggested again.
    Dismiss(SuggestionChoice),
}

#[derive(Debug, Args)]
pub struct SuggestionChoice {
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
}

fn print_assignment(a: &AutomaticAssignment) {
    println!(
        "{} round: {} ideas, {} {} each (seed {})",
        a.stage.label(),
        a.ideas.len(),
        a.per_idea,
        if a.per_idea == 1 { "judge" } else { "judges" },
        a.seed
    );
    println!("Judge\tIdeas\tKept");
    for l in &a.loads {
        println!("{}\t{}\t{}", l.judge.name, l.ideas, l.kept);
    }
    println!(
        "Busiest less least busy: {}. Kept: {} chosen by hand, {} already scored.",
        a.spread, a.manual_kept, a.scored_kept
    );
}

fn print_suggestions(suggestions: &[ConflictSuggestion]) {
    if suggestions.is_empty() {
        println!("No conflicts of interest to suggest.");
    }
    for s in suggestions {
        println!("{}\t{}\t{}", s.judge.name, s.idea.reference, s.shared.join(", "));
    }
}

pub fn assign(app: &Shortlist, args: AssignArgs) -> Result<(), ApiError> {
    if let Some(command) = args.command {
        return suggestions(app, command);
    }
    let (Some(round), Some(per_idea)) = (args.round, args.per_idea) else {
        // clap requires both without a subcommand.
        return Err(ApiError::field("round", "Give --round and --per-idea"));
    };
    let challenge = choose(app, &args.choice)?;
    let shown = if args.dry_run {
        app.preview_automatic_assignment(challenge.id, round, per_idea, args.seed)?
    } else {
        app.apply_automatic_assignment(challenge.id, round, per_idea, args.seed)?
    };
    if !shown.problems.is_empty() {
        return Err(ApiError::refused(shown.problems.join("\n")));
    }
    if args.json {
        print_json(&shown);
    } else {
        print_assignment(&shown);
    }
    if args.dry_run {
        eprintln!("Dry run: nothing changed. Run it again without --dry-run to apply it.");
    } else {
        eprintln!("Applied: the share-out's assignments replace the previous share-out's; those chosen by hand are kept.");
    }
    Ok(())
}

fn suggestions(app: &Shortlist, command: SuggestionsCommand) -> Result<(), ApiError> {
    match command {
        SuggestionsCommand::Suggestions { choice, round, json } => {
            let challenge = choose(app, &choice)?;
            let found = app.conflict_suggestions(challenge.id, round)?;
            if json {
                print_json(&found);
            } else {
                print_suggestions(&found);
            }
        }
        SuggestionsCommand::Confirm(s) => {
            let challenge = choose(app, &s.choice)?;
            let judge = find_judge(app, challenge.id, &s.judge)?;
            let idea = app.get_idea_by_reference(&s.idea)?;
            let conflict = app.confirm_conflict_suggestion(challenge.id, s.round, judge.id, idea.id)?;
            println!("Declared: {} will not score {} ({})", judge.name, idea.reference, conflict.note);
        }
        SuggestionsCommand::Dismiss(s) => {
            let challenge = choose(app, &s.choice)?;
            let judge = find_judge(app, challenge.id, &s.judge)?;
            let idea = app.get_idea_by_reference(&s.idea)?;
            app.dismiss_conflict_suggestion(challenge.id, s.round, judge.id, idea.id)?;
            println!("Dismissed: no conflict of interest between {} and {}", judge.name, idea.reference);
        }
    }
    Ok(())
}
