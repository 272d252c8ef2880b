//! Integration tests of the use cases, one module per area, all through [`fresh`].

mod closing;
mod exchange;
mod import;
mod judging;
mod ops;
mod packs;
mod pairwise;
mod personal;
mod protection;
mod workflow;

use chrono::{TimeZone, Utc};
use shortlist_app::{Clock, Shortlist};
use shortlist_domain::{Challenge, ChallengeInput, IdeaInput, Marking};

/// A fixed clock: 10:00 on 1 May 2021.
pub fn clock() -> Clock {
    Box::new(|| Utc.with_ymd_and_hms(2021, 5, 1, 10, 0, 0).single().expect("a real time"))
}

/// A fresh, empty, in-memory Shortlist: what every test starts from.
pub fn fresh() -> Shortlist {
    Shortlist::in_memory(clock()).expect("an in-memory database opens")
}

pub fn challenge_input(prefix: &str) -> ChallengeInput {
    ChallengeInput {
        name: format!("Data Challenge {prefix}"),
        year: "2021".into(),
        closing_day: "14".into(),
        closing_month: "5".into(),
        closing_year: "2021".into(),
        marking: Some(Marking::Official),
        reference_prefix: prefix.into(),
    }
}

pub fn with_challenge() -> (Shortlist, Challenge) {
    let app = fresh();
    let c = app.create_challenge(&challenge_input("DC21")).expect("challenge is created");
    (app, c)
}

pub fn idea_input(title: &str) -> IdeaInput {
    let date = chrono::NaiveDate::from_ymd_opt(2021, 5, 1).expect("a real date");
    IdeaInput::new(
        title,
        "Use the data we already hold.",
        "Zoë Éluned Prŷs",
        "Office for National Statistics",
        date,
    )
}
