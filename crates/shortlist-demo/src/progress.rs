//! How far the demo challenge has got: the secretariat has screened most ideas, longlisted and
//! evaluated the most promising, and put eight on the shortlist for the panel, as in 2021 just
//! before the first panel meeting. Everything here is generated from the seed, like the ideas.

use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shortlist_domain::{
    Beneficiary, BenefitKind, BenefitsInput, Confidence, CostBand, DataAvailability, DataQuality,
    Eligibility, EvaluationInput, ObstacleCategory, ObstacleInput, ObstacleStatus, Paperwork, Rag,
    Recommendation, ScreeningInput, Stage, TimeToValue, UnderWay, Viability,
};

use super::DemoIdea;

/// Where one demo idea ends up, and what the secretariat recorded on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProgress {
    pub screening: Option<ScreeningInput>,
    pub evaluation: Option<EvaluationInput>,
    /// The stages it moves through after Submitted, in order; the last is where it ends.
    pub path: Vec<Stage>,
    /// The reason given for the last move when it leaves the challenge.
    pub reason: &'static str,
}

const INELIGIBLE: &[&str] = &[
    "The idea is about buying a software product, not about better use of data.",
    "Submitted by a contractor; the challenge is open to civil servants only.",
    "Already funded and under way as part of the department's data strategy.",
    "The idea does not say what data it would use or what problem it solves.",
];

const UNDER_WAY: &[&str] = &[
    "The Office for National Statistics is piloting something similar with two local authorities.",
    "The Cabinet Office data team has a discovery on the same question; worth joining up.",
    "A similar dashboard exists in one region; it has not been shared across government.",
];

/// The plan for `ideas` (in reference order), from `seed`.
pub fn demo_progress(seed: u64, ideas: &[DemoIdea]) -> Vec<DemoProgress> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(1));
    let n = ideas.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rng);
    let ineligible = n * 6 / 100;
    let withdrawn = n * 3 / 200;
    let unscreened = n / 8;
    let longlist = (n / 8).min(24);
    let shortlist = (longlist / 3).min(8);
    let mut plans = vec![DemoProgress { screening: None, evaluation: None, path: Vec::new(), reason: "" }; n];
    let mut at = 0;
    let mut take = |count: usize| {
        let part = order[at..(at + count).min(n)].to_vec();
        at = (at + count).min(n);
        part
    };
    for i in take(ineligible) {
        plans[i].screening = Some(ScreeningInput {
            eligibility: Some(Eligibility::Ineligible),
            eligibility_reason: INELIGIBLE[rng.random_range(0..INELIGIBLE.len())].to_owned(),
            under_way: Some(UnderWay::NotChecked),
            ..ScreeningInput::default()
        });
        plans[i].path = vec![Stage::Ineligible];
        plans[i].reason = "Found ineligible at screening";
    }
    for i in take(withdrawn) {
        plans[i].path = vec![Stage::Withdrawn];
        plans[i].reason = "The submitter withdrew the idea";
    }
    take(unscreened);
    let long: Vec<usize> = take(longlist);
    for &i in &order[at..] {
        plans[i].screening = Some(screening(&mut rng));
        plans[i].path = vec![Stage::Screened];
    }
    // The longlist: evaluated in full (two thirds), part-way, or not yet.
    let mut evaluated: Vec<(usize, i32)> = Vec::new();
    for (k, &i) in long.iter().enumerate() {
        plans[i].screening = Some(screening(&mut rng));
        plans[i].path = vec![Stage::Screened, Stage::Longlist];
        if k < longlist * 2 / 3 {
            let e = evaluation(&mut rng, &ideas[i]);
            evaluated.push((i, strength(&e)));
            plans[i].evaluation = Some(e);
        } else if k < longlist * 5 / 6 {
            let mut e = evaluation(&mut rng, &ideas[i]);
            e.recommendation = None;
            e.rationale.clear();
            e.benefits.value_low.clear();
            e.benefits.value_high.clear();
            plans[i].evaluation = Some(e);
        }
    }
    // The strongest complete evaluations make the shortlist, recommended to progress.
    evaluated.sort_by_key(|(i, s)| (-s, *i));
    for &(i, _) in evaluated.iter().take(shortlist) {
        plans[i].path.push(Stage::Shortlist);
        if let Some(e) = &mut plans[i].evaluation {
            e.recommendation = Some(Recommendation::Progress);
        }
    }
    plans
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

fn screening(rng: &mut ChaCha8Rng) -> ScreeningInput {
    let roll = rng.random_range(0..100);
    let (under_way, note) = match roll {
        0..8 => (UnderWay::Partly, pick(rng, UNDER_WAY)),
        8..70 => (UnderWay::No, ""),
        _ => (UnderWay::NotChecked, ""),
    };
    ScreeningInput {
        eligibility: Some(Eligibility::Eligible),
        eligibility_reason: String::new(),
        under_way: Some(under_way),
        under_way_note: note.to_owned(),
        under_way_links: Vec::new(),
    }
}

fn rag(rng: &mut ChaCha8Rng, weights: [u32; 3]) -> Rag {
    let roll = rng.random_range(0..weights.iter().sum::<u32>());
    if roll < weights[0] {
        Rag::Green
    } else if roll < weights[0] + weights[1] {
        Rag::Amber
    } else {
        Rag::Red
    }
}

fn strength(e: &EvaluationInput) -> i32 {
    let or_red = |r: Option<Rag>| r.unwrap_or(Rag::Red);
    strength_of(or_red(e.viability.rating), or_red(e.benefits.rating), or_red(e.obstacles_rating))
}

const OBSTACLES: &[(ObstacleCategory, &str, &str)] = &[
    (
        ObstacleCategory::DataAccess,
        "No data sharing agreement between the bodies that hold the data",
        "Start the agreement now, using the Digital Economy Act public service delivery powers",
    ),
    (
        ObstacleCategory::LegalEthical,
        "Linking records about individuals needs a DPIA and a clear lawful basis",
        "Complete the DPIA with the data protection officer before any linking",
    ),
    (
        ObstacleCategory::Technology,
        "The source system exports only monthly extracts in an old format",
        "Build the first version on the monthly extract; ask for an API in the next contract",
    ),
    (
        ObstacleCategory::Skills,
        "The team has no data engineer",
        "Borrow a data engineer from the departmental data hub for three months",
    ),
    (
        ObstacleCategory::Funding,
        "No budget line for the pilot this financial year",
        "Bid for the pilot from the challenge's delivery fund",
    ),
    (
        ObstacleCategory::Commercial,
        "The current supplier contract limits changes to the case system",
        "Agree a change request with the supplier before the pilot",
    ),
    (
        ObstacleCategory::Organisational,
        "Operational teams may see the tool as extra work",
        "Design it with two operational teams and measure time saved",
    ),
];

fn evaluation(rng: &mut ChaCha8Rng, idea: &DemoIdea) -> EvaluationInput {
    let viability = rag(rng, [45, 40, 15]);
    let benefits = rag(rng, [40, 45, 15]);
    let obstacles = rag(rng, [25, 50, 25]);
    let dept = &idea.department;
    let low = pick(rng, &[50_000_i64, 100_000, 250_000, 500_000, 1_000_000]);
    let high = low * rng.random_range(2..6);
    let mut register: Vec<ObstacleInput> = Vec::new();
    let count = match obstacles {
        Rag::Green => 1,
        Rag::Amber => 2,
        Rag::Red => 3,
    };
    let mut kinds: Vec<usize> = (0..OBSTACLES.len()).collect();
    kinds.shuffle(rng);
    for &k in kinds.iter().take(count) {
        let (category, description, mitigation) = OBSTACLES[k];
        register.push(ObstacleInput {
            category: Some(category),
            description: description.to_owned(),
            likelihood: rng.random_range(1..6).to_string(),
            impact: rng.random_range(2..6).to_string(),
            mitigation: mitigation.to_owned(),
            owner: pick(
                rng,
                &["Secretariat", "Submitter's team", "Data protection officer", "Chief data officer"],
            )
            .to_owned(),
            status: Some(pick(
                rng,
                &[ObstacleStatus::Open, ObstacleStatus::Open, ObstacleStatus::Mitigating],
            )),
        });
    }
    let viability_narrative = match viability {
        Rag::Green => format!(
            "{dept} already holds most of the data, and its analysts think a first version can be built with \
             tools the department has. Access can be agreed within the pilot."
        ),
        Rag::Amber => format!(
            "The data exists but sits with more than one body; {dept} would need an agreement before linking it. \
             Technically straightforward once access is settled."
        ),
        Rag::Red => "Key data is not collected in a usable form today, so a first version would need new \
                     collection before any analysis."
            .to_owned(),
    };
    let benefits_narrative = match benefits {
        Rag::Green => "Clear, measurable benefits to the public, with a plausible route to savings at scale.",
        Rag::Amber => "Worthwhile benefits, but the size depends on how widely other teams adopt it.",
        Rag::Red => "Benefits are real but small, or hard to measure within two years.",
    };
    let recommendation = match strength_of(viability, benefits, obstacles) {
        7.. => Recommendation::Progress,
        4..7 => Recommendation::Hold,
        _ => Recommendation::DoNotProgress,
    };
    EvaluationInput {
        viability: Viability {
            rating: Some(viability),
            narrative: viability_narrative,
            data_availability: Some(match viability {
                Rag::Green => DataAvailability::Available,
                Rag::Amber => DataAvailability::Partly,
                Rag::Red => DataAvailability::NotAvailable,
            }),
            data_quality: Some(pick(
                rng,
                &[DataQuality::Good, DataQuality::Adequate, DataQuality::Adequate, DataQuality::Poor],
            )),
            data_sharing_agreement: Some(pick(
                rng,
                &[Paperwork::InPlace, Paperwork::Needed, Paperwork::NotNeeded],
            )),
            dpia: Some(pick(rng, &[Paperwork::Needed, Paperwork::InPlace, Paperwork::NotNeeded])),
            lawful_basis: pick(
                rng,
                &[
                    "Public task (UK GDPR Article 6(1)(e))",
                    "Digital Economy Act 2017, public service delivery powers",
                    "No personal data: aggregate statistics only",
                ],
            )
            .to_owned(),
            technical_feasibility: pick(
                rng,
                &[
                    "Standard analytical tools (R or Python) on existing platforms",
                    "Needs a small data pipeline; the departmental cloud platform can host it",
                    "A dashboard on existing business-intelligence software",
                ],
            )
            .to_owned(),
            skills_capacity: pick(
                rng,
                &[
                    "Two analysts for six months, from the submitter's team",
                    "One data scientist and a product owner; a data engineer for the first month",
                    "Skills exist in the department but are committed elsewhere until the autumn",
                ],
            )
            .to_owned(),
            cost_band: Some(pick(
                rng,
                &[CostBand::Under10k, CostBand::To50k, CostBand::To50k, CostBand::To250k],
            )),
            time_to_value: Some(pick(
                rng,
                &[TimeToValue::Under3Months, TimeToValue::To6Months, TimeToValue::To12Months],
            )),
        },
        benefits: BenefitsInput {
            rating: Some(benefits),
            narrative: format!("{benefits_narrative} In the submitter's words: {}", idea.benefits),
            beneficiaries: {
                let mut b =
                    vec![pick(rng, &[Beneficiary::Citizens, Beneficiary::Staff, Beneficiary::PolicyMakers])];
                if rng.random_range(0..2) == 0 {
                    b.push(Beneficiary::PolicyMakers);
                }
                b
            },
            kinds: vec![pick(
                rng,
                &[
                    BenefitKind::Cashable,
                    BenefitKind::NonCashable,
                    BenefitKind::ServiceQuality,
                    BenefitKind::PolicyInsight,
                ],
            )],
            value_low: low.to_string(),
            value_high: high.to_string(),
            value_confidence: Some(pick(
                rng,
                &[Confidence::Low, Confidence::Medium, Confidence::Medium, Confidence::High],
            )),
            people_affected: (rng.random_range(2..500) * 1_000).to_string(),
            priorities_fit: pick(
                rng,
                &[
                    "Supports the Government's data strategy mission on better public services",
                    "Fits the department's single departmental plan outcome on productivity",
                    "Contributes to the net zero commitment",
                ],
            )
            .to_owned(),
        },
        obstacles_rating: Some(obstacles),
        obstacles_narrative: match obstacles {
            Rag::Green => "Few obstacles, each with an owner and a mitigation under way.",
            Rag::Amber => "Manageable obstacles, chiefly agreeing access to the data in time.",
            Rag::Red => "Serious obstacles to delivery that need senior sponsorship to clear.",
        }
        .to_owned(),
        obstacles: register,
        recommendation: Some(recommendation),
        rationale: match recommendation {
            Recommendation::Progress => "A strong case: viable now, with benefits worth the effort.",
            Recommendation::Hold => {
                "Promising, but it should wait until the data access question is settled."
            }
            Recommendation::DoNotProgress => "The obstacles outweigh the benefits for this round.",
        }
        .to_owned(),
    }
}

/// Higher is a stronger case: green viability and benefits count double, then few obstacles.
fn strength_of(viability: Rag, benefits: Rag, obstacles: Rag) -> i32 {
    let score = |r: Rag| match r {
        Rag::Green => 2,
        Rag::Amber => 1,
        Rag::Red => 0,
    };
    score(viability) * 2 + score(benefits) * 2 + score(obstacles)
}
