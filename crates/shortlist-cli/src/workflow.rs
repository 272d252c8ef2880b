//! `shortlist ideas move|screen|evaluation|decide`, `shortlist overview` and `shortlist rounds`:
//! taking ideas through the rounds from a script.

use clap::{Args, ValueEnum};
use shortlist_app::{ApiError, ErrorCode, Shortlist};
use shortlist_domain::{
    group_thousands, ChallengeId, DecisionInput, DecisionKind, Eligibility, Evaluation, IdeaId, MoveRequest,
    Rag, RoundRow, ScreeningInput, Stage, UnderWay,
};

use crate::{iso_date_parts, print_json};

/// `shortlist ideas move`.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// The ideas' references, like DC21-0042 (one or many: all move, or none do).
    #[arg(required = true, value_name = "REFERENCE")]
    references: Vec<String>,
    /// The stage to move to: submitted, screened, longlist, shortlist, semi-final, final, winner,
    /// not-progressed, withdrawn or ineligible.
    #[arg(long, value_parser = parse_stage)]
    to: Stage,
    /// Why: needed to leave the challenge, to return to it, or to move back.
    #[arg(long, default_value = "")]
    reason: String,
    /// Go ahead even if the round then holds more ideas than its target.
    #[arg(long)]
    confirm: bool,
}

/// `shortlist ideas screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    reference: String,
    /// eligible or ineligible.
    #[arg(long, value_enum)]
    eligibility: EligibilityArg,
    /// Why (required when ineligible).
    #[arg(long, default_value = "")]
    reason: String,
    /// Is the same thing already built or being built elsewhere? no, partly, yes or not-checked.
    #[arg(long, value_enum, default_value_t = UnderWayArg::NotChecked)]
    under_way: UnderWayArg,
    /// Where the same or similar work is happening (required for yes or partly).
    #[arg(long, default_value = "")]
    note: String,
    /// A web address for that work (repeatable).
    #[arg(long)]
    link: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EligibilityArg {
    Eligible,
    Ineligible,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UnderWayArg {
    No,
    Partly,
    Yes,
    NotChecked,
}

/// `shortlist ideas decide`.
#[derive(Debug, Args)]
pub struct DecideArgs {
    reference: String,
    /// progress, not-progress or winner.
    #[arg(long, value_enum)]
    decision: DecisionArg,
    /// The panel's reasons.
    #[arg(long)]
    reasons: String,
    /// The day the panel met, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    /// Go ahead even if the next round then holds more ideas than its target.
    #[arg(long)]
    confirm: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DecisionArg {
    Progress,
    NotProgress,
    Winner,
}

/// A stage as typed: its code, its label or a hyphenated form, in any case ("semi-final",
/// "Semi-final", "semiFinal").
pub fn parse_stage(typed: &str) -> Result<Stage, String> {
    let squash = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let wanted = squash(typed);
    Stage::ALL.into_iter().find(|s| squash(s.code()) == wanted || squash(s.label()) == wanted).ok_or_else(
        || {
            let names: Vec<String> =
                Stage::ALL.iter().map(|s| s.label().to_lowercase().replace(' ', "-")).collect();
            format!("{typed:?} is not a stage; use one of {}", names.join(", "))
        },
    )
}

fn ids(app: &Shortlist, references: &[String]) -> Result<Vec<IdeaId>, ApiError> {
    references.iter().map(|r| app.get_idea_by_reference(r).map(|i| i.id)).collect()
}

/// Adds the command-line way to confirm to a "needs confirmation" message.
pub(crate) fn with_confirm_hint(e: ApiError) -> ApiError {
    if e.code == ErrorCode::NeedsConfirmation {
        ApiError { message: format!("{}: add --confirm", e.message), ..e }
    } else {
        e
    }
}

pub fn move_ideas(app: &Shortlist, args: MoveArgs) -> Result<(), ApiError> {
    let request = MoveRequest {
        ideas: ids(app, &args.references)?,
        to: args.to,
        reason: args.reason,
        confirm_over_target: args.confirm,
    };
    let outcome = app.move_ideas(&request).map_err(with_confirm_hint)?;
    let moved: Vec<&str> = outcome.moved.iter().map(|r| r.as_str()).collect();
    println!("Moved {} to {}: {}", plural(moved.len(), "idea"), outcome.to.label(), moved.join(", "));
    Ok(())
}

pub fn screen(app: &Shortlist, args: ScreenArgs) -> Result<(), ApiError> {
    let id = app.get_idea_by_reference(&args.reference)?.id;
    let input = ScreeningInput {
        eligibility: Some(match args.eligibility {
            EligibilityArg::Eligible => Eligibility::Eligible,
            EligibilityArg::Ineligible => Eligibility::Ineligible,
        }),
        eligibility_reason: args.reason,
        under_way: Some(match args.under_way {
            UnderWayArg::No => UnderWay::No,
            UnderWayArg::Partly => UnderWay::Partly,
            UnderWayArg::Yes => UnderWay::Yes,
            UnderWayArg::NotChecked => UnderWay::NotChecked,
        }),
        under_way_note: args.note,
        under_way_links: args.link,
    };
    let s = app.screen_idea(id, &input)?;
    println!("Screened {}: {}", args.reference.trim().to_uppercase(), s.eligibility.label());
    Ok(())
}

pub fn decide(app: &Shortlist, args: DecideArgs) -> Result<(), ApiError> {
    let id = app.get_idea_by_reference(&args.reference)?.id;
    let (year, month, day) = iso_date_parts(&args.date);
    let input = DecisionInput {
        kind: Some(match args.decision {
            DecisionArg::Progress => DecisionKind::Progress,
            DecisionArg::NotProgress => DecisionKind::NotProgress,
            DecisionArg::Winner => DecisionKind::Winner,
        }),
        reasons: args.reasons,
        day,
        month,
        year,
        confirm_over_target: args.confirm,
    };
    app.record_decision(id, &input).map_err(with_confirm_hint)?;
    let idea = app.get_idea(id)?;
    println!("Recorded: {} is now at {}", idea.reference, idea.stage.label());
    Ok(())
}

fn rag(r: Option<Rag>) -> &'static str {
    r.map(Rag::label).unwrap_or("Not rated")
}

/// An idea's evaluation as a plain-text brief.
pub fn print_evaluation(app: &Shortlist, reference: &str, json: bool) -> Result<(), ApiError> {
    let idea = app.get_idea_by_reference(reference)?;
    let view = app.evaluation(idea.id)?;
    if json {
        print_json(&view);
        return Ok(());
    }
    println!("{}  {}", idea.reference, idea.details.title);
    println!("Stage: {}", idea.stage.label());
    if !view.started {
        println!("\nNot evaluated yet.");
        return Ok(());
    }
    let Evaluation { viability: v, benefits: b, obstacles: o, .. } = &view.evaluation;
    let label = |x: Option<&'static str>| x.unwrap_or("not answered");
    println!("\nViability: {}", rag(v.rating));
    println!("  Data availability:      {}", label(v.data_availability.map(|x| x.label())));
    println!("  Data quality:           {}", label(v.data_quality.map(|x| x.label())));
    println!("  Data sharing agreement: {}", label(v.data_sharing_agreement.map(|x| x.label())));
    println!("  DPIA:                   {}", label(v.dpia.map(|x| x.label())));
    println!("  Lawful basis:           {}", v.lawful_basis);
    println!("  Technical feasibility:  {}", v.technical_feasibility);
    println!("  Skills and capacity:    {}", v.skills_capacity);
    println!("  Cost band:              {}", label(v.cost_band.map(|x| x.label())));
    println!("  Time to first value:    {}", label(v.time_to_value.map(|x| x.label())));
    print_narrative(&v.narrative);
    println!("\nBenefits: {}", rag(b.rating));
    let names = |xs: Vec<&str>| if xs.is_empty() { "not answered".to_owned() } else { xs.join(", ") };
    println!("  Who benefits:    {}", names(b.beneficiaries.iter().map(|x| x.label()).collect()));
    println!("  Kind:            {}", names(b.kinds.iter().map(|x| x.label()).collect()));
    let value = match (b.value_low, b.value_high) {
        (Some(l), Some(h)) => format!("£{} to £{}", thousands(l), thousands(h)),
        _ => "not answered".to_owned(),
    };
    println!(
        "  Estimated value: {value} (confidence: {})",
        label(b.value_confidence.map(|x| x.label())).to_lowercase()
    );
    println!(
        "  People affected: {}",
        b.people_affected.map(thousands).unwrap_or_else(|| "not answered".to_owned())
    );
    println!("  Fit with priorities: {}", b.priorities_fit);
    print_narrative(&b.narrative);
    println!("\nDelivery obstacles: {}", rag(o.rating));
    for x in &o.register {
        println!(
            "  [{:>2}] L{} × I{}  {}: {} (mitigation: {}; owner: {}; {})",
            x.severity(),
            x.likelihood,
            x.impact,
            x.category.label(),
            x.description,
            if x.mitigation.is_empty() { "none yet" } else { &x.mitigation },
            if x.owner.is_empty() { "none yet" } else { &x.owner },
            x.status.label().to_lowercase()
        );
    }
    print_narrative(&o.narrative);
    let e = &view.evaluation;
    println!("\nRecommendation: {}", label(e.recommendation.map(|x| x.label())));
    print_narrative(&e.rationale);
    if !view.missing.is_empty() {
        println!("\nStill to do: {}", view.missing.join(", "));
    }
    Ok(())
}

fn print_narrative(text: &str) {
    for line in text.lines() {
        println!("  > {line}");
    }
}

fn thousands(n: i64) -> String {
    group_thousands(n.max(0) as usize)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `shortlist overview`: the ideas at a stage with their ratings and recommendation.
pub fn overview(
    app: &Shortlist,
    challenge: ChallengeId,
    stage: Option<Stage>,
    json: bool,
) -> Result<(), ApiError> {
    let rows = app.round_overview(challenge, stage)?;
    if json {
        print_json(&rows);
        return Ok(());
    }
    println!("Reference\tStage\tViability\tBenefits\tObstacles\tRecommendation\tEvaluation\tTitle");
    for r in &rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.reference,
            r.stage.label(),
            rag(r.viability),
            rag(r.benefits),
            rag(r.obstacles),
            r.recommendation.map(|x| x.label()).unwrap_or("None"),
            status(r),
            r.title
        );
    }
    Ok(())
}

fn status(r: &RoundRow) -> String {
    match (r.evaluated, r.missing) {
        (false, _) => "Not started".to_owned(),
        (true, 0) => "Complete".to_owned(),
        (true, n) => format!("{n} to do"),
    }
}

/// `shortlist rounds`: the stages a challenge uses, their target sizes and how full they are.
pub fn rounds(app: &Shortlist, challenge: ChallengeId) -> Result<(), ApiError> {
    let board = app.board(challenge)?;
    for c in board.columns.iter().chain(&board.exits) {
        let target = c.target.map(|t| format!(" (target {t})")).unwrap_or_default();
        println!("{:<16}{:>5}{target}", c.stage.label(), c.count);
    }
    Ok(())
}
