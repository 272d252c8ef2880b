//! The in-memory search gives exactly what the SQL search gave, and its cache never outlives a
//! change to the database.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use shortlist_domain::{ChallengeId, ChallengeInput, IdeaInput, IdeaQuery, Marking, SortKey, Stage};

use super::{matching_ids, oracle, search, search_cached, search_page_cached, SearchCache};
use crate::{challenges, ideas, Store};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 5, 1, 9, minute, 0).single().expect("a real time")
}

fn challenge(prefix: &str) -> shortlist_domain::ValidChallenge {
    ChallengeInput {
        name: format!("Challenge {prefix}"),
        year: "2021".into(),
        closing_day: "14".into(),
        closing_month: "5".into(),
        closing_year: "2021".into(),
        marking: Some(Marking::Official),
        reference_prefix: prefix.into(),
    }
    .validate()
    .expect("a valid challenge")
}

/// A register varied enough to exercise every filter, sort and tie: two challenges, repeated
/// and differently cased titles, blank columns, several labels, merged ideas, several stages.
fn varied_register() -> (Store, ChallengeId, ChallengeId) {
    let mut store = Store::open_in_memory().expect("fresh database");
    let a = store.write(|tx| challenges::insert(tx, &challenge("DC21"), at(0))).expect("challenge").id;
    let b = store.write(|tx| challenges::insert(tx, &challenge("XB22"), at(0))).expect("challenge").id;
    let titles = [
        "Open data for café inspections",
        "open data for cafe inspections",
        "Pension Credit take-up",
        "Flood alerts for care homes",
        "School absence prediction",
        "Zebra crossings data",
        "Data sharing between councils",
        "Ärztliche Daten",
        "Pension Credit take-up",
    ];
    let words = ["data", "health", "pension", "flood", "school", "café", "database", "dashboard"];
    let depts =
        ["HM Revenue and Customs", "Department for Education", "Environment Agency", "Welsh Government"];
    let regions = ["Wales", "London", "", "North East"];
    let grades = ["HEO", "SEO", "", "Grade 7"];
    let themes = ["Health and care", "Better public services", "Net zero"];
    let tags = ["food", "benefits", "schools", "maps"];
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    for i in 0..120 {
        let title = format!(
            "{} {}",
            titles[next(titles.len())],
            if next(3) == 0 { words[next(words.len())] } else { "" }
        );
        let summary = (0..6).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" ");
        let date = NaiveDate::from_ymd_opt(2021, 3, 1 + next(28) as u32).expect("date");
        let mut input = IdeaInput::new(&title, &summary, "Siân Llŷr", depts[next(depts.len())], date);
        input.region = regions[next(regions.len())].into();
        input.grade = grades[next(grades.len())].into();
        input.profession = if next(2) == 0 { "Digital".into() } else { String::new() };
        input.themes = (0..next(3)).map(|_| themes[next(themes.len())].to_owned()).collect();
        input.tags = (0..next(3)).map(|_| tags[next(tags.len())].to_owned()).collect();
        let valid = input.validate().expect("valid");
        let target = if i % 5 == 4 { b } else { a };
        let stage = Stage::ALL[next(4)];
        store
            .write(|tx| {
                let idea = ideas::insert(tx, target, &valid, None, at(1))?;
                tx.execute(
                    "UPDATE ideas SET stage = ?1 WHERE id = ?2",
                    rusqlite::params![stage.code(), idea.id.0],
                )?;
                if i % 17 == 16 {
                    ideas::mark_merged(tx, idea.id, shortlist_domain::IdeaId(1), at(2))?;
                }
                Ok::<_, crate::StoreError>(())
            })
            .expect("insert");
    }
    (store, a, b)
}

fn queries(c: ChallengeId) -> Vec<IdeaQuery> {
    let base = IdeaQuery::for_challenge(c);
    let mut out = Vec::new();
    for text in ["", "data", "da", "cafe", "pension credit", "zzz", "\"data\" OR", "ärzt"] {
        for sort in [SortKey::Relevance, SortKey::Reference, SortKey::Submitted, SortKey::Title] {
            for descending in [false, true] {
                for page in [1, 2] {
                    out.push(IdeaQuery {
                        text: text.into(),
                        sort,
                        descending,
                        page,
                        page_size: 7,
                        ..base.clone()
                    });
                }
            }
        }
        out.push(IdeaQuery {
            text: text.into(),
            regions: vec!["Wales".into(), "London".into()],
            ..base.clone()
        });
        out.push(IdeaQuery {
            text: text.into(),
            departments: vec!["Environment Agency".into()],
            themes: vec!["Net zero".into()],
            sort: SortKey::Title,
            ..base.clone()
        });
        out.push(IdeaQuery {
            text: text.into(),
            stages: vec![Stage::Submitted, Stage::Shortlist],
            tags: vec!["food".into(), "maps".into()],
            grades: vec!["".into()],
            ..base.clone()
        });
        out.push(IdeaQuery {
            text: text.into(),
            professions: vec!["Digital".into()],
            sort: SortKey::Submitted,
            descending: true,
            ..base.clone()
        });
    }
    out
}

#[test]
fn in_memory_search_gives_what_the_sql_search_gave() {
    let (store, a, b) = varied_register();
    let cache = SearchCache::default();
    let mut paged = 0;
    for c in [a, b] {
        for q in queries(c) {
            let expected = oracle::search(store.read(), &q).expect("sql search");
            if expected.total > 7 && !expected.facets.themes.is_empty() {
                paged += 1;
            }
            assert_eq!(search(store.read(), &q).expect("search"), expected, "fresh search of {q:?}");
            assert_eq!(
                search_cached(store.read(), &cache, &q).expect("search"),
                expected,
                "cached search of {q:?}"
            );
            assert_eq!(
                search_page_cached(store.read(), &cache, &q).expect("page"),
                (expected.total, expected.hits),
                "page alone of {q:?}"
            );
            assert_eq!(
                matching_ids(store.read(), &q).expect("ids"),
                oracle::matching_ids(store.read(), &q).expect("sql ids"),
                "export order of {q:?}"
            );
        }
    }
    assert!(paged > 50, "the comparison must cover many results across pages and counts, not empty ones");
}

fn titles(store: &Store, cache: &SearchCache, q: &IdeaQuery) -> Vec<String> {
    search_cached(store.read(), cache, q).expect("search").hits.into_iter().map(|h| h.idea.title).collect()
}

#[test]
fn the_cache_is_dropped_when_this_connection_writes() {
    let (mut store, a, _) = varied_register();
    let cache = SearchCache::default();
    let q = IdeaQuery { text: "quokka".into(), ..IdeaQuery::for_challenge(a) };
    assert!(titles(&store, &cache, &q).is_empty(), "nothing mentions quokkas yet");
    let first = ideas::get_by_reference(store.read(), "DC21-0001").expect("idea");
    let mut input = IdeaInput::from(&first);
    input.title = "Quokka census".into();
    let valid = input.validate().expect("valid");
    store.write(|tx| ideas::update(tx, first.id, &valid, at(9))).expect("update");
    assert_eq!(titles(&store, &cache, &q), ["Quokka census"], "an edit shows in the next search");

    let all = IdeaQuery { departments: vec!["Nowhere Office".into()], ..IdeaQuery::for_challenge(a) };
    assert_eq!(search_cached(store.read(), &cache, &all).expect("search").total, 0);
    let mut input = IdeaInput::from(&first);
    input.department = "Nowhere Office".into();
    let valid = input.validate().expect("valid");
    store.write(|tx| ideas::update(tx, first.id, &valid, at(10))).expect("update");
    assert_eq!(
        search_cached(store.read(), &cache, &all).expect("search").total,
        1,
        "a changed filter value shows in the next search and its counts"
    );
}

#[test]
fn the_cache_is_dropped_when_another_connection_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    let mut first = Store::open(&path, &dir.path().join("backups"), at(0)).expect("open");
    let c = first.write(|tx| challenges::insert(tx, &challenge("DC21"), at(0))).expect("challenge").id;
    let cache = SearchCache::default();
    let q = IdeaQuery { text: "quokka".into(), ..IdeaQuery::for_challenge(c) };
    assert!(titles(&first, &cache, &q).is_empty());

    // The CLI, say, adds an idea through its own connection.
    let mut other = Store::open(&path, &dir.path().join("backups"), at(0)).expect("open again");
    let date = NaiveDate::from_ymd_opt(2021, 5, 1).expect("date");
    let valid = IdeaInput::new("Quokka census", "Count them.", "Siân", "Welsh Government", date)
        .validate()
        .expect("valid");
    other.write(|tx| ideas::insert(tx, c, &valid, None, at(1))).expect("insert");
    assert_eq!(titles(&first, &cache, &q), ["Quokka census"], "another connection's commit shows at once");
}

#[test]
fn a_search_inside_a_transaction_is_not_remembered() {
    let (mut store, a, _) = varied_register();
    let cache = SearchCache::default();
    let q = IdeaQuery { text: "quokka".into(), ..IdeaQuery::for_challenge(a) };
    let date = NaiveDate::from_ymd_opt(2021, 5, 1).expect("date");
    let valid = IdeaInput::new("Quokka census", "Count them.", "Siân", "Welsh Government", date)
        .validate()
        .expect("valid");
    let rolled_back: Result<(), crate::StoreError> = store.write(|tx| {
        ideas::insert(tx, a, &valid, None, at(1))?;
        assert_eq!(search_cached(tx, &cache, &q)?.total, 1, "the transaction sees its own insert");
        Err(crate::StoreError::NotFound { what: "a reason to roll back".into() })
    });
    assert!(rolled_back.is_err());
    assert!(titles(&store, &cache, &q).is_empty(), "the rolled-back idea is not found afterwards");
}
