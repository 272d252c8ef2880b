//! What the judging and exchange benches both build: a Shortlist round of scored-ready ideas
//! with a panel and a six-criterion rubric, made through the use cases as the app makes it.
//! Each bench compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use shortlist_app::{Clock, RubricTemplate, Shortlist};
use shortlist_domain::{
    Challenge, ChallengeInput, EvaluationInput, IdeaId, IdeaInput, Judge, JudgeInput, Marking, MoveRequest,
    PanelSettings, ScreeningInput, Stage,
};
use shortlist_scoring::RubricDraft;

/// A fixed clock, so every run builds the same data.
pub fn clock() -> Clock {
    Box::new(|| Utc.with_ymd_and_hms(2021, 9, 1, 10, 0, 0).single().expect("a real time"))
}

/// An evaluation complete enough for an idea to reach the shortlist.
pub fn complete_evaluation() -> EvaluationInput {
    use shortlist_domain::{
        BenefitsInput, CostBand, DataAvailability, DataQuality, Paperwork, Rag, Recommendation, TimeToValue,
        Viability,
    };
    EvaluationInput {
        viability: Viability {
            rating: Some(Rag::Green),
            narrative: "Data exists.".into(),
            data_availability: Some(DataAvailability::Available),
            data_quality: Some(DataQuality::Adequate),
            data_sharing_agreement: Some(Paperwork::Needed),
            dpia: Some(Paperwork::Needed),
            lawful_basis: "Public task".into(),
            technical_feasibility: "Standard tools".into(),
            skills_capacity: "Two analysts".into(),
            cost_band: Some(CostBand::To50k),
            time_to_value: Some(TimeToValue::To6Months),
        },
        benefits: BenefitsInput {
            rating: Some(Rag::Amber),
            narrative: "Faster claims.".into(),
            beneficiaries: vec![shortlist_domain::Beneficiary::Citizens],
            kinds: vec![shortlist_domain::BenefitKind::ServiceQuality],
            value_low: "1000".into(),
            value_high: "2000".into(),
            value_confidence: Some(shortlist_domain::Confidence::Medium),
            people_affected: "100".into(),
            priorities_fit: "Yes".into(),
        },
        obstacles_rating: Some(Rag::Amber),
        obstacles_narrative: "Some.".into(),
        obstacles: Vec::new(),
        recommendation: Some(Recommendation::Progress),
        rationale: "Good value.".into(),
    }
}

/// A Shortlist round ready to score.
pub struct Round {
    pub challenge: Challenge,
    pub ideas: Vec<IdeaId>,
    pub judges: Vec<Judge>,
    /// The Innovate UK template: six criteria, 1 to 10.
    pub rubric: RubricDraft,
    pub criteria: Vec<String>,
}

/// `ideas` ideas screened, evaluated and moved to the Shortlist, a panel of `judges` (no comment
/// needed at the extremes) and the Innovate UK rubric.
pub fn shortlist_round(app: &Shortlist, ideas: usize, judges: usize) -> Round {
    let challenge = app
        .create_challenge(&ChallengeInput {
            name: "Bench challenge".into(),
            year: "2021".into(),
            closing_day: "14".into(),
            closing_month: "5".into(),
            closing_year: "2021".into(),
            marking: Some(Marking::Official),
            reference_prefix: "BN21".into(),
        })
        .expect("challenge");
    let date = chrono::NaiveDate::from_ymd_opt(2021, 5, 1).expect("a real date");
    let ideas: Vec<IdeaId> = (0..ideas)
        .map(|i| {
            let input = IdeaInput::new(&format!("Bench idea {i}"), "Use the data.", "A Person", "HMRC", date);
            app.create_idea(challenge.id, &input).expect("idea").id
        })
        .collect();
    let screening = ScreeningInput {
        eligibility: Some(shortlist_domain::Eligibility::Eligible),
        under_way: Some(shortlist_domain::UnderWay::No),
        ..ScreeningInput::default()
    };
    for &id in &ideas {
        app.screen_idea(id, &screening).expect("screened");
        app.save_evaluation(id, &complete_evaluation()).expect("evaluated");
    }
    for to in [Stage::Screened, Stage::Longlist, Stage::Shortlist] {
        let request =
            MoveRequest { ideas: ideas.clone(), to, reason: String::new(), confirm_over_target: true };
        app.move_ideas(&request).expect("moved");
    }
    let judges: Vec<Judge> = (0..judges)
        .map(|j| {
            app.add_judge(challenge.id, &JudgeInput::new(&format!("Judge {j}"), "Director", "HMT"))
                .expect("judge")
        })
        .collect();
    let settings =
        PanelSettings { judges: judges.iter().map(|j| j.id).collect(), comment_required_for_extremes: false };
    app.set_round_panel(challenge.id, Stage::Shortlist, &settings).expect("panel");
    let rubric = app
        .set_round_rubric_template(challenge.id, Stage::Shortlist, RubricTemplate::InnovateUk, false)
        .expect("rubric")
        .current
        .rubric;
    let criteria = rubric.criteria.iter().map(|c| c.id.to_string()).collect();
    Round { challenge, ideas, judges, rubric, criteria }
}

/// `SHORTLIST_BENCH_PASSPHRASE`, when set: the bench then runs on a data folder protected with
/// it (encrypted with SQLCipher), to measure what encryption at rest costs.
pub fn bench_passphrase() -> Option<String> {
    std::env::var("SHORTLIST_BENCH_PASSPHRASE").ok().filter(|p| !p.is_empty())
}

/// Opens the folder as the bench asks: plain, or protected with [`bench_passphrase`] (a new
/// folder is protected first; an existing protected one is unlocked).
pub fn open_folder(location: shortlist_app::DataLocation, clock: Clock) -> Shortlist {
    let Some(passphrase) = bench_passphrase() else {
        return Shortlist::open(location, clock);
    };
    let app = Shortlist::open_with_passphrase(location, clock, Some(&passphrase));
    if !app.is_protected() {
        app.protect(&shortlist_app::ProtectInput {
            passphrase: passphrase.clone(),
            confirmation: passphrase,
        })
        .expect("the bench's folder is protected");
    }
    app
}
