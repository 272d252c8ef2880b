//! Search: accents folded, prefixes matched, ranked with snippets; filters combine and count.

use shortlist_domain::{ChallengeId, IdeaInput, IdeaQuery, SortKey, Stage};
use shortlist_store::{challenges, ideas, search, Store};

use crate::{at, challenge};

fn register() -> (Store, ChallengeId) {
    let mut store = Store::open_in_memory().expect("fresh database");
    let c = store.write(|tx| challenges::insert(tx, &challenge(), at(0))).expect("challenge").id;
    let date = chrono::NaiveDate::from_ymd_opt(2021, 5, 1).expect("date");
    let rows = [
        (
            "Open data for every café inspection",
            "Food hygiene ratings, joined up.",
            "Siân Llŷr",
            "Food Standards Agency",
            "Wales",
            vec!["Health and care"],
            vec!["food"],
        ),
        (
            "Predict school absence early",
            "Attendance and social care data together.",
            "Dafydd ap Iorwerth",
            "Department for Education",
            "Wales",
            vec!["Better public services"],
            vec![],
        ),
        (
            "Find households missing out on Pension Credit",
            "Match HMRC and DWP records to find pensioners.",
            "Zoë Martin",
            "Department for Work and Pensions",
            "North East",
            vec!["Better public services"],
            vec!["benefits"],
        ),
        (
            "Flood alerts for care homes",
            "Environment Agency warnings matched to care home addresses.",
            "Chloé Dubois",
            "Environment Agency",
            "South West",
            vec!["Health and care", "Net zero and environment"],
            vec![],
        ),
    ];
    for (title, summary, name, dept, region, themes, tags) in rows {
        let mut input = IdeaInput::new(title, summary, name, dept, date);
        input.region = region.into();
        input.themes = themes.into_iter().map(String::from).collect();
        input.tags = tags.into_iter().map(String::from).collect();
        let valid = input.validate().expect("valid");
        store.write(|tx| ideas::insert(tx, c, &valid, None, at(1))).expect("insert");
    }
    (store, c)
}

fn titles(store: &Store, q: &IdeaQuery) -> Vec<String> {
    search::search(store.read(), q).expect("search").hits.into_iter().map(|h| h.idea.title).collect()
}

#[test]
fn a_word_typed_without_its_accent_finds_it() {
    let (store, c) = register();
    let q = IdeaQuery { text: "cafe".into(), ..IdeaQuery::for_challenge(c) };
    assert_eq!(titles(&store, &q), ["Open data for every café inspection"], "cafe finds café");
    let q = IdeaQuery { text: "llyr".into(), ..IdeaQuery::for_challenge(c) };
    assert_eq!(titles(&store, &q).len(), 1, "Welsh letters fold too: llyr finds Llŷr");
}

#[test]
fn each_word_matches_as_a_prefix_and_all_must_match() {
    let (store, c) = register();
    let q = IdeaQuery { text: "pens cred".into(), ..IdeaQuery::for_challenge(c) };
    assert_eq!(titles(&store, &q), ["Find households missing out on Pension Credit"]);
    let q = IdeaQuery { text: "pension flood".into(), ..IdeaQuery::for_challenge(c) };
    assert!(titles(&store, &q).is_empty(), "words are combined with AND");
}

#[test]
fn search_syntax_in_the_box_is_harmless() {
    let (store, c) = register();
    for text in ["\"", "AND", "care OR", "NEAR(", "*", "title:care", "-care", "(", "'"] {
        let q = IdeaQuery { text: text.into(), ..IdeaQuery::for_challenge(c) };
        assert!(search::search(store.read(), &q).is_ok(), "{text:?} must not be a syntax error");
    }
}

#[test]
fn hits_are_ranked_with_the_matching_words_highlighted() {
    let (store, c) = register();
    let q = IdeaQuery { text: "care".into(), ..IdeaQuery::for_challenge(c) };
    let results = search::search(store.read(), &q).expect("search");
    assert_eq!(results.total, 3, "title, summary (social care) and theme (Health and care) all count");
    assert_eq!(
        results.hits[0].idea.title, "Flood alerts for care homes",
        "a title match outranks a summary match"
    );
    let highlighted: Vec<&str> =
        results.hits[0].snippet.iter().filter(|p| p.highlight).map(|p| p.text.as_str()).collect();
    assert!(
        highlighted.iter().all(|w| w.eq_ignore_ascii_case("care")),
        "only the matched word is marked: {highlighted:?}"
    );
    assert!(!highlighted.is_empty());
}

#[test]
fn filters_combine_with_search_and_count_each_value() {
    let (store, c) = register();
    let q = IdeaQuery { regions: vec!["Wales".into()], ..IdeaQuery::for_challenge(c) };
    let results = search::search(store.read(), &q).expect("search");
    assert_eq!(results.total, 2, "two ideas from Wales");
    let regions: Vec<(String, u32)> =
        results.facets.regions.iter().map(|f| (f.value.clone(), f.count)).collect();
    assert!(
        regions.contains(&("North East".into(), 1)),
        "a region's own filter does not hide the other regions' counts"
    );
    let themes: Vec<(String, u32)> =
        results.facets.themes.iter().map(|f| (f.value.clone(), f.count)).collect();
    assert_eq!(
        themes,
        [("Better public services".into(), 1), ("Health and care".into(), 1)],
        "themes count within Wales"
    );

    let q = IdeaQuery {
        themes: vec!["Health and care".into()],
        text: "flood".into(),
        ..IdeaQuery::for_challenge(c)
    };
    assert_eq!(titles(&store, &q), ["Flood alerts for care homes"]);
    let q = IdeaQuery { stages: vec![Stage::Shortlist], ..IdeaQuery::for_challenge(c) };
    assert!(titles(&store, &q).is_empty(), "every idea starts as submitted");
}

#[test]
fn results_sort_and_page() {
    let (store, c) = register();
    let q = IdeaQuery { sort: SortKey::Title, page_size: 3, ..IdeaQuery::for_challenge(c) };
    let first = search::search(store.read(), &q).expect("page 1");
    assert_eq!(first.total, 4);
    assert_eq!(first.hits.len(), 3);
    assert_eq!(first.hits[0].idea.title, "Find households missing out on Pension Credit");
    let second = search::search(store.read(), &IdeaQuery { page: 2, ..q }).expect("page 2");
    assert_eq!(second.hits.len(), 1, "the last page holds the rest");
    assert_eq!(second.hits[0].idea.title, "Predict school absence early");
}

#[test]
fn an_edit_is_searchable_at_once() {
    let (mut store, c) = register();
    let idea = ideas::get_by_reference(store.read(), "DC21-0002").expect("idea");
    let mut input = IdeaInput::from(&idea);
    input.title = "Predict pupil absence with attendance data".into();
    let valid = input.validate().expect("valid");
    store.write(|tx| ideas::update(tx, idea.id, &valid, at(9))).expect("update");
    let q = IdeaQuery { text: "pupil".into(), ..IdeaQuery::for_challenge(c) };
    assert_eq!(titles(&store, &q), ["Predict pupil absence with attendance data"]);
    let q = IdeaQuery { text: "school".into(), ..IdeaQuery::for_challenge(c) };
    assert!(titles(&store, &q).is_empty(), "the old title is no longer indexed");
}
