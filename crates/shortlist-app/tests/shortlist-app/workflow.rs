//! Taking ideas through the rounds: screening, evaluation, guarded moves, decisions.

use proptest::prelude::*;
use shortlist_app::{ErrorCode, Shortlist};
use shortlist_domain::{
    Beneficiary, BenefitKind, BenefitsInput, ChallengeId, ChangeKind, CostBand, DataAvailability,
    DataQuality, DecisionInput, DecisionKind, Eligibility, EvaluationInput, IdeaId, MoveRequest,
    ObstacleCategory, ObstacleInput, Paperwork, Rag, Recommendation, RoundSetting, Rounds, ScreeningInput,
    Stage, TimeToValue, UnderWay, Viability,
};

use crate::{idea_input, with_challenge};

pub fn eligible() -> ScreeningInput {
    ScreeningInput {
        eligibility: Some(Eligibility::Eligible),
        under_way: Some(UnderWay::No),
        under_way_note: String::new(),
        ..ScreeningInput::default()
    }
}

pub fn complete_evaluation() -> EvaluationInput {
    EvaluationInput {
        viability: Viability {
            rating: Some(Rag::Green),
            narrative: "The data exists and the team is ready.".into(),
            data_availability: Some(DataAvailability::Available),
            data_quality: Some(DataQuality::Adequate),
            data_sharing_agreement: Some(Paperwork::Needed),
            dpia: Some(Paperwork::Needed),
            lawful_basis: "Public task".into(),
            technical_feasibility: "Standard tools".into(),
            skills_capacity: "Two analysts for six months".into(),
            cost_band: Some(CostBand::To50k),
            time_to_value: Some(TimeToValue::To6Months),
        },
        benefits: BenefitsInput {
            rating: Some(Rag::Amber),
            narrative: "Faster claims for pensioners.".into(),
            beneficiaries: vec![Beneficiary::Citizens],
            kinds: vec![BenefitKind::ServiceQuality],
            value_low: "250000".into(),
            value_high: "1m".into(),
            value_confidence: Some(shortlist_domain::Confidence::Medium),
            people_affected: "12000".into(),
            priorities_fit: "Cost of living".into(),
        },
        obstacles_rating: Some(Rag::Red),
        obstacles_narrative: "Data sharing will take months.".into(),
        obstacles: vec![ObstacleInput {
            category: Some(ObstacleCategory::DataAccess),
            description: "No data sharing agreement yet".into(),
            likelihood: "4".into(),
            impact: "4".into(),
            mitigation: "Start the DSA now".into(),
            owner: "DWP data team".into(),
            status: None,
        }],
        recommendation: Some(Recommendation::Progress),
        rationale: "High value for little cost.".into(),
    }
}

fn move_to(
    app: &Shortlist,
    ideas: &[IdeaId],
    to: Stage,
    reason: &str,
) -> Result<(), shortlist_app::ApiError> {
    app.move_ideas(&MoveRequest {
        ideas: ideas.to_vec(),
        to,
        reason: reason.into(),
        confirm_over_target: false,
    })
    .map(|_| ())
}

fn stage_of(app: &Shortlist, id: IdeaId) -> Stage {
    app.get_idea(id).expect("idea").stage
}

#[test]
fn an_idea_goes_from_submitted_to_the_shortlist_through_screening_and_evaluation() {
    let (app, c) = with_challenge();
    let id = app.create_idea(c.id, &idea_input("Find pensioners missing out on Pension Credit")).unwrap().id;

    let err = move_to(&app, &[id], Stage::Screened, "").expect_err("not screened yet");
    assert_eq!(err.code, ErrorCode::Refused);
    assert_eq!(err.message, "Record the screening of DC21-0001 before moving it to Screened");

    app.screen_idea(id, &eligible()).unwrap();
    move_to(&app, &[id], Stage::Screened, "").unwrap();
    move_to(&app, &[id], Stage::Longlist, "").unwrap();

    let err = move_to(&app, &[id], Stage::Shortlist, "").expect_err("no evaluation yet");
    assert_eq!(err.message, "Evaluate DC21-0001 before moving it to Shortlist");

    let mut partial = complete_evaluation();
    partial.recommendation = None;
    partial.rationale.clear();
    let view = app.save_evaluation(id, &partial).unwrap();
    assert_eq!(view.missing, ["Recommendation", "Rationale"]);
    let err = move_to(&app, &[id], Stage::Shortlist, "").expect_err("evaluation incomplete");
    assert!(err.message.ends_with("Still missing: recommendation, rationale"), "{}", err.message);
    assert_eq!(stage_of(&app, id), Stage::Longlist, "a refused move changes nothing");

    let view = app.save_evaluation(id, &complete_evaluation()).unwrap();
    assert!(view.missing.is_empty());
    move_to(&app, &[id], Stage::Shortlist, "").unwrap();
    assert_eq!(stage_of(&app, id), Stage::Shortlist);

    let overview = app.round_overview(c.id, Some(Stage::Shortlist)).unwrap();
    assert_eq!(overview.len(), 1);
    let row = &overview[0];
    assert_eq!(
        (row.viability, row.benefits, row.obstacles, row.recommendation),
        (Some(Rag::Green), Some(Rag::Amber), Some(Rag::Red), Some(Recommendation::Progress))
    );

    let history = app.idea_history(id).unwrap();
    let moves: Vec<(String, String)> = history
        .iter()
        .filter(|h| h.kind == ChangeKind::StageChanged)
        .map(|h| (h.old_value.clone().unwrap(), h.new_value.clone().unwrap()))
        .rev()
        .collect();
    assert_eq!(
        moves,
        [("Submitted", "Screened"), ("Screened", "Longlist"), ("Longlist", "Shortlist")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert!(history.iter().any(|h| h.kind == ChangeKind::Screened), "the screening is in the history");
    assert!(
        history
            .iter()
            .any(|h| h.kind == ChangeKind::Evaluated && h.field.as_deref() == Some("Recommendation")),
        "the recommendation change is in the history"
    );
}

fn longlisted(app: &Shortlist, c: ChallengeId, title: &str) -> IdeaId {
    let id = app.create_idea(c, &idea_input(title)).expect("created").id;
    app.screen_idea(id, &eligible()).expect("screened");
    move_to(app, &[id], Stage::Screened, "").expect("an eligible idea moves to Screened");
    move_to(app, &[id], Stage::Longlist, "").expect("a screened idea moves to Longlist");
    id
}

#[test]
fn a_bulk_move_moves_all_or_none_and_names_each_refusal() {
    let (app, c) = with_challenge();
    let a = app.create_idea(c.id, &idea_input("Idea A about tax")).unwrap().id;
    let b = app.create_idea(c.id, &idea_input("Idea B about flood")).unwrap().id;
    let d = app.create_idea(c.id, &idea_input("Idea C about schools")).unwrap().id;
    app.screen_idea(a, &eligible()).unwrap();
    app.screen_idea(d, &eligible()).unwrap();

    let err = move_to(&app, &[a, b, d], Stage::Screened, "").expect_err("B is not screened");
    assert_eq!(err.code, ErrorCode::Refused);
    assert_eq!(
        err.message,
        "DC21-0002 cannot move, so none of the 3 selected ideas were moved. \
         Record the screening of DC21-0002 before moving it to Screened"
    );
    assert_eq!(err.fields.len(), 1, "the refused idea is named for the summary");
    assert_eq!(err.fields[0].field, "DC21-0002");
    for id in [a, b, d] {
        assert_eq!(stage_of(&app, id), Stage::Submitted, "nobody moved");
    }

    move_to(&app, &[a, d], Stage::Screened, "").unwrap();
    assert_eq!((stage_of(&app, a), stage_of(&app, d)), (Stage::Screened, Stage::Screened));
}

#[test]
fn going_past_the_target_needs_confirmation() {
    let (app, c) = with_challenge();
    let mut rounds = app.rounds(c.id).unwrap();
    rounds.stages.iter_mut().find(|s| s.stage == Stage::Shortlist).unwrap().target = Some(1);
    app.set_rounds(c.id, &rounds).unwrap();
    let ids: Vec<IdeaId> = ["Tax gap", "Flood risk"].iter().map(|t| longlisted(&app, c.id, t)).collect();
    for id in &ids {
        app.save_evaluation(*id, &complete_evaluation()).unwrap();
    }

    let err = move_to(&app, &ids, Stage::Shortlist, "").expect_err("2 > target 1");
    assert_eq!(err.code, ErrorCode::NeedsConfirmation);
    assert_eq!(
        err.message,
        "Moving 2 ideas to Shortlist would make 2 there, more than its target of 1. Confirm to go ahead"
    );
    assert_eq!(stage_of(&app, ids[0]), Stage::Longlist, "nothing moved before confirmation");

    let outcome = app
        .move_ideas(&MoveRequest {
            ideas: ids.clone(),
            to: Stage::Shortlist,
            reason: String::new(),
            confirm_over_target: true,
        })
        .unwrap();
    assert_eq!(outcome.moved.len(), 2);
}

#[test]
fn an_exit_needs_a_reason_and_a_return_goes_back_where_it_left() {
    let (app, c) = with_challenge();
    let id = longlisted(&app, c.id, "Match flood alerts to care homes");
    let err = move_to(&app, &[id], Stage::Withdrawn, "  ").expect_err("no reason");
    assert_eq!(err.message, "Give a reason for moving DC21-0001 to Withdrawn");
    move_to(&app, &[id], Stage::Withdrawn, "The submitter left the Civil Service").unwrap();
    let err = move_to(&app, &[id], Stage::Screened, "Back").expect_err("left from Longlist");
    assert_eq!(err.message, "DC21-0001 left the challenge from Longlist: it can only return to Longlist");
    move_to(&app, &[id], Stage::Longlist, "A co-submitter will lead it").unwrap();
    let history = app.idea_history(id).unwrap();
    assert_eq!(history[0].note.as_deref(), Some("A co-submitter will lead it"));
}

#[test]
fn a_panel_decision_moves_the_idea_and_is_in_its_history() {
    let (app, c) = with_challenge();
    let id = longlisted(&app, c.id, "Use HMRC data to find missing claimants");
    app.save_evaluation(id, &complete_evaluation()).unwrap();
    move_to(&app, &[id], Stage::Shortlist, "").unwrap();

    let empty = app.record_decision(id, &DecisionInput::default()).expect_err("a decision needs its parts");
    assert_eq!(empty.code, ErrorCode::Validation);

    let decision = DecisionInput {
        kind: Some(DecisionKind::Progress),
        reasons: "Strong case, cheap to test".into(),
        day: "12".into(),
        month: "10".into(),
        year: "2021".into(),
        confirm_over_target: false,
    };
    app.record_decision(id, &decision).unwrap();
    assert_eq!(stage_of(&app, id), Stage::SemiFinal);

    let winner = DecisionInput { kind: Some(DecisionKind::Winner), ..decision.clone() };
    let err = app.record_decision(id, &winner).expect_err("a winner is chosen at the final");
    assert_eq!(err.code, ErrorCode::Refused);

    let progress = app.idea_progress(id).unwrap();
    assert_eq!(progress.decisions.len(), 1);
    assert_eq!(progress.decisions[0].round, Stage::Shortlist);
    assert_eq!(progress.decisions[0].decided_on.to_string(), "2021-10-12");
    let history = app.idea_history(id).unwrap();
    let decided = history.iter().find(|h| h.kind == ChangeKind::Decided).expect("decision in history");
    assert_eq!(
        decided.note.as_deref(),
        Some("Panel decision at Shortlist on 12 October 2021: Progress. Strong case, cheap to test")
    );
}

#[test]
fn a_round_holding_ideas_cannot_be_switched_off() {
    let (app, c) = with_challenge();
    let id = longlisted(&app, c.id, "Tax gap analytics");
    let _ = id;
    let rounds = Rounds::normalised(&[RoundSetting { stage: Stage::Longlist, used: false, target: None }]);
    let err = app.set_rounds(c.id, &rounds).expect_err("one idea is on the longlist");
    assert_eq!(err.code, ErrorCode::Refused);
    assert_eq!(err.message, "1 idea is at Longlist: move it before switching the round off");
    assert!(app.rounds(c.id).unwrap().is_used(Stage::Longlist));
}

#[test]
fn incomplete_evaluations_are_listed() {
    let (app, c) = with_challenge();
    let due = longlisted(&app, c.id, "Longlisted but not evaluated");
    let started = app.create_idea(c.id, &idea_input("Evaluation started early")).unwrap().id;
    app.save_evaluation(started, &EvaluationInput::default()).unwrap();
    let done = longlisted(&app, c.id, "Fully evaluated");
    app.save_evaluation(done, &complete_evaluation()).unwrap();
    let ids: Vec<IdeaId> = app.incomplete_evaluations(c.id).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(ids, [due, started]);
}

#[test]
fn the_board_shows_every_stage_with_counts_and_targets() {
    let (app, c) = with_challenge();
    longlisted(&app, c.id, "On the longlist");
    app.create_idea(c.id, &idea_input("Just arrived")).unwrap();
    let board = app.board(c.id).unwrap();
    let stages: Vec<Stage> = board.columns.iter().map(|col| col.stage).collect();
    assert_eq!(stages, shortlist_domain::LADDER.to_vec());
    let count = |s: Stage| board.columns.iter().find(|col| col.stage == s).unwrap().count;
    assert_eq!((count(Stage::Submitted), count(Stage::Longlist)), (1, 1));
    assert_eq!(board.columns.iter().find(|col| col.stage == Stage::Shortlist).unwrap().target, Some(8));
    assert_eq!(board.exits.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// The property: no sequence of commands reaches a state the rules forbid.

#[derive(Debug, Clone)]
enum Command {
    Screen {
        idea: usize,
        eligible: bool,
    },
    Evaluate {
        idea: usize,
        complete: bool,
    },
    Move {
        ideas: Vec<usize>,
        to: Stage,
        reason: bool,
        confirm: bool,
    },
    Decide {
        idea: usize,
        kind: DecisionKind,
        confirm: bool,
    },
    /// "Move to the next stage", as the idea's page offers it.
    Advance {
        idea: usize,
        confirm: bool,
    },
    Rounds {
        semi_final: bool,
        shortlist_target: u32,
    },
}

const IDEAS: usize = 4;

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        2 => (0..IDEAS, prop::bool::weighted(0.8)).prop_map(|(idea, eligible)| Command::Screen { idea, eligible }),
        2 => (0..IDEAS, prop::bool::weighted(0.8)).prop_map(|(idea, complete)| Command::Evaluate { idea, complete }),
        3 => (prop::collection::vec(0..IDEAS, 1..3), stage(), any::<bool>(), any::<bool>())
            .prop_map(|(ideas, to, reason, confirm)| Command::Move { ideas, to, reason, confirm }),
        2 => (0..IDEAS, prop::sample::select(DecisionKind::ALL.to_vec()), any::<bool>())
            .prop_map(|(idea, kind, confirm)| Command::Decide { idea, kind, confirm }),
        8 => (0..IDEAS, any::<bool>()).prop_map(|(idea, confirm)| Command::Advance { idea, confirm }),
        1 => (any::<bool>(), 1..3u32).prop_map(|(semi_final, shortlist_target)| Command::Rounds { semi_final, shortlist_target }),
    ]
}

/// What the rules look at for one idea.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IdeaState {
    stage: Stage,
    eligible: Option<bool>,
    missing: Option<usize>,
}

/// Everything a command could change, to show a refused one changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    ideas: Vec<IdeaState>,
    history: usize,
    rounds: Rounds,
}

fn snapshot(app: &Shortlist, c: ChallengeId, ids: &[IdeaId]) -> Snapshot {
    let ideas = ids
        .iter()
        .map(|id| {
            let p = app.idea_progress(*id).expect("progress");
            IdeaState {
                stage: p.stage,
                eligible: p.screening.map(|s| s.eligibility == Eligibility::Eligible),
                missing: p.evaluation.started.then_some(p.evaluation.missing.len()),
            }
        })
        .collect();
    let history = ids.iter().map(|id| app.idea_history(*id).expect("history").len()).sum();
    Snapshot { ideas, history, rounds: app.rounds(c).expect("rounds") }
}

/// Checks one idea's move against the rules as they stood before the command.
fn check_transition(
    before: &IdeaState,
    to: Stage,
    rounds: &Rounds,
    reason: bool,
    left_from: Option<Stage>,
) -> Result<(), TestCaseError> {
    let from = before.stage;
    prop_assert!(rounds.is_used(to), "moved into unused {:?}", to);
    if to.is_exit() {
        prop_assert!(!from.is_exit() && from != Stage::Winner, "{:?}→{:?}", from, to);
        prop_assert!(reason, "an exit without a reason");
        prop_assert!(
            !(to == Stage::NotProgressed && from == Stage::Submitted),
            "not progressed before screening"
        );
    } else if from.is_exit() {
        prop_assert!(reason, "a return without a reason");
        prop_assert_eq!(Some(to), left_from, "a return to somewhere it never left");
    } else if to.step() > from.step() {
        prop_assert_eq!(Some(to), rounds.next(from), "a forward move skipped a stage");
        if to == Stage::Screened {
            prop_assert_eq!(before.eligible, Some(true), "screened without an eligible screening");
        }
        if to.step() >= Stage::Shortlist.step() {
            prop_assert_eq!(before.missing, Some(0), "{:?} without a complete evaluation", to);
        }
    } else {
        prop_assert!(reason, "a move back without a reason");
    }
    Ok(())
}

/// The timeline tells the same story as the stage: continuous from Submitted to where it is.
fn check_timeline(app: &Shortlist, id: IdeaId) -> Result<(), TestCaseError> {
    let mut at = Stage::Submitted;
    for h in
        app.idea_history(id).expect("history").iter().rev().filter(|h| h.field.as_deref() == Some("Stage"))
    {
        let label = |v: &Option<String>| {
            Stage::ALL.into_iter().find(|s| Some(s.label()) == v.as_deref()).expect("a stage label")
        };
        prop_assert_eq!(label(&h.old_value), at, "the timeline is continuous");
        at = label(&h.new_value);
    }
    prop_assert_eq!(at, stage_of(app, id), "the timeline ends where the idea is");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_commands_breaks_the_rules(commands in prop::collection::vec(command(), 1..60)) {
        let (app, c) = with_challenge();
        let topics = ["tax", "flood", "school", "rail"];
        let ids: Vec<IdeaId> = (0..IDEAS)
            .map(|i| app.create_idea(c.id, &idea_input(&format!("Idea {i} on {}", topics[i]))).unwrap().id)
            .collect();
        let mut left_from: Vec<Option<Stage>> = vec![None; IDEAS];
        for command in commands {
            let before = snapshot(&app, c.id, &ids);
            let (result, reason, confirm) = match &command {
                Command::Screen { idea, eligible: yes } => {
                    let input = if *yes {
                        eligible()
                    } else {
                        ScreeningInput {
                            eligibility: Some(Eligibility::Ineligible),
                            eligibility_reason: "Out of scope".into(),
                            ..ScreeningInput::default()
                        }
                    };
                    (app.screen_idea(ids[*idea], &input).map(|_| ()), false, false)
                }
                Command::Evaluate { idea, complete } => {
                    let input = if *complete { complete_evaluation() } else { EvaluationInput::default() };
                    (app.save_evaluation(ids[*idea], &input).map(|_| ()), false, false)
                }
                Command::Move { ideas, to, reason, confirm } => {
                    let request = MoveRequest {
                        ideas: ideas.iter().map(|i| ids[*i]).collect(),
                        to: *to,
                        reason: if *reason { "Agreed by the secretariat".into() } else { String::new() },
                        confirm_over_target: *confirm,
                    };
                    (app.move_ideas(&request).map(|_| ()), *reason, *confirm)
                }
                Command::Advance { idea, confirm } => {
                    let next = app.idea_progress(ids[*idea]).unwrap().next.unwrap_or(Stage::Winner);
                    let request =
                        MoveRequest { ideas: vec![ids[*idea]], to: next, reason: String::new(), confirm_over_target: *confirm };
                    (app.move_ideas(&request).map(|_| ()), false, *confirm)
                }
                Command::Decide { idea, kind, confirm } => {
                    let input = DecisionInput {
                        kind: Some(*kind),
                        reasons: "Panel view".into(),
                        day: "1".into(),
                        month: "6".into(),
                        year: "2021".into(),
                        confirm_over_target: *confirm,
                    };
                    (app.record_decision(ids[*idea], &input).map(|_| ()), true, *confirm)
                }
                Command::Rounds { semi_final, shortlist_target } => {
                    let rounds = Rounds::normalised(&[
                        RoundSetting { stage: Stage::SemiFinal, used: *semi_final, target: Some(4) },
                        RoundSetting { stage: Stage::Shortlist, used: true, target: Some(*shortlist_target) },
                    ]);
                    (app.set_rounds(c.id, &rounds).map(|_| ()), false, false)
                }
            };
            let after = snapshot(&app, c.id, &ids);
            match result {
                Err(e) => {
                    prop_assert!(
                        matches!(e.code, ErrorCode::Refused | ErrorCode::NeedsConfirmation),
                        "{:?}: {:?} {}", command, e.code, e.message
                    );
                    prop_assert!(!e.message.is_empty());
                    prop_assert_eq!(&after, &before, "a refused command changed something: {:?}", command);
                }
                Ok(()) => {
                    for (i, (b, a)) in before.ideas.iter().zip(&after.ideas).enumerate() {
                        if a.stage == b.stage {
                            continue;
                        }
                        check_transition(b, a.stage, &before.rounds, reason, left_from[i])?;
                        if a.stage.is_exit() {
                            left_from[i] = Some(b.stage);
                        }
                        if !confirm {
                            if let Some(target) = before.rounds.target(a.stage) {
                                let now_there = after.ideas.iter().filter(|x| x.stage == a.stage).count();
                                prop_assert!(now_there <= target as usize, "past the target of {:?} unconfirmed", a.stage);
                            }
                        }
                    }
                    for (s, b) in after.rounds.stages.iter().zip(&before.rounds.stages) {
                        if !s.used && b.used {
                            prop_assert!(after.ideas.iter().all(|x| x.stage != s.stage), "a round holding ideas was switched off");
                        }
                    }
                }
            }
            for id in &ids {
                check_timeline(&app, *id)?;
            }

        }
    }
}
