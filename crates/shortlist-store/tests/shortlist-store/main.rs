//! Integration tests of the store, one module per source module.

mod audit;
mod ideas;
mod judging;
mod open;
mod pairwise;
mod protection;
mod search;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use shortlist_domain::{ChallengeInput, IdeaInput, Marking, ValidChallenge, ValidIdea};
use shortlist_store::Store;

pub fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 5, 1, 9, minute, 0).single().expect("a real time")
}

pub fn challenge() -> ValidChallenge {
    ChallengeInput {
        name: "Civil Service Data Challenge 2021".into(),
        year: "2021".into(),
        closing_day: "14".into(),
        closing_month: "5".into(),
        closing_year: "2021".into(),
        marking: Some(Marking::Official),
        reference_prefix: "DC21".into(),
    }
    .validate()
    .expect("a valid challenge")
}

pub fn idea(title: &str) -> ValidIdea {
    let date = chrono::NaiveDate::from_ymd_opt(2021, 5, 1).expect("a real date");
    IdeaInput::new(title, "A summary.", "Gwenllïan Rhŷs", "Welsh Government", date)
        .validate()
        .expect("a valid idea")
}

/// A database file on disk in a fresh temporary folder, with one challenge and `n` ideas.
pub fn file_with_ideas(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    let mut store = Store::open(&path, &backups(dir.path()), at(0)).expect("a new database opens");
    store
        .write(|tx| {
            let c = shortlist_store::challenges::insert(tx, &challenge(), at(0))?;
            for i in 0..n {
                shortlist_store::ideas::insert(tx, c.id, &idea(&format!("Idea {i}")), None, at(1))?;
            }
            Ok::<_, shortlist_store::StoreError>(())
        })
        .expect("seeding writes");
    drop(store);
    (dir, path)
}

pub fn backups(dir: &Path) -> PathBuf {
    dir.join("backups")
}
