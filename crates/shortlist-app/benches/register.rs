//! The register's speed at archive scale: importing a 10,000-row form export, and searching
//! 10,000 ideas. Run with `cargo bench -p shortlist-app --bench register`; it prints numbers
//! (targets: import ≤ 1 s; search p95 ≤ 5 ms in the core). Not a test: nothing here can fail
//! on a slow machine. `SHORTLIST_BENCH_SEARCH_ONLY=1` runs the search part alone,
//! `SHORTLIST_BENCH_IMPORT_ONLY=1` the import part alone.

use std::time::{Duration, Instant};

use shortlist_app::demo::{demo_challenge, demo_ideas};
use shortlist_app::{DataDirSource, DataLocation, Shortlist};
use shortlist_domain::{IdeaQuery, SortKey};

const IDEAS: usize = 10_000;

fn forms_csv(path: &std::path::Path) {
    let mut w = csv::Writer::from_path(path).expect("create the export");
    w.write_record([
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "What is your idea called?",
        "Describe your idea",
        "What problem does it solve?",
        "What data would you use?",
        "What are the benefits?",
        "Your name",
        "Department or agency",
        "Profession",
        "Grade",
        "Where are you based?",
        "Which theme does your idea fit?",
    ])
    .expect("header");
    for (i, idea) in demo_ideas(7, IDEAS).iter().enumerate() {
        let when = idea.submitted_on.format("%-m/%-d/%y 12:00:00").to_string();
        w.write_record([
            (i + 1).to_string(),
            when.clone(),
            when,
            idea.email.clone(),
            String::new(),
            idea.title.clone(),
            idea.summary.clone(),
            idea.problem.clone(),
            idea.data_used.clone(),
            idea.benefits.clone(),
            idea.submitter_name.clone(),
            idea.department.clone(),
            idea.profession.clone(),
            idea.grade.clone(),
            idea.region.clone(),
            idea.theme.clone(),
        ])
        .expect("row");
    }
    w.flush().expect("flush");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// CPU time this process has used (user + system, every thread), where Linux reports it: on a
/// shared machine wall-clock time swings with the load, CPU time much less.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on every Linux this runs on.
    Some(Duration::from_millis(ticks * 10))
}

/// Wall-clock and CPU time since it started.
struct Stopwatch {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch { wall: Instant::now(), cpu: cpu_time() }
    }

    fn report(&self) -> String {
        let wall = ms(self.wall.elapsed());
        match (self.cpu, cpu_time()) {
            (Some(before), Some(now)) => format!("{wall} (cpu {} ms)", (now - before).as_millis()),
            _ => wall,
        }
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("responses.csv");
    let t = Instant::now();
    forms_csv(&export);
    let size = std::fs::metadata(&export).map(|m| m.len()).unwrap_or(0);
    println!("generated a {IDEAS}-row Forms export ({:.1} MB) in {}", size as f64 / 1e6, ms(t.elapsed()));

    // The part of an import that reads the file into checked rows.
    let t = Stopwatch::start();
    let table = shortlist_import::read_file(&export).expect("read the export");
    let mapping = shortlist_import::guess_mapping(&table.headers);
    let signature = shortlist_import::form_signature(&table.headers);
    let applied = shortlist_import::apply(&table, &mapping, &signature, chrono::Utc::now().date_naive());
    println!("parse alone (read + map + check {} rows): {}", applied.rows.len(), t.report());

    // The part of an import that compares each new row with those before it for near duplicates.
    let ideas = demo_ideas(7, IDEAS);
    let t = Stopwatch::start();
    // As `find_duplicates` does it: prepare every text, index them all, then ask for each the
    // best match among those before it.
    let texts: Vec<(&str, &str)> = ideas.iter().map(|i| (i.title.as_str(), i.summary.as_str())).collect();
    let mut index = shortlist_similar::SimilarityIndex::new();
    for (i, print) in shortlist_similar::Fingerprint::many(&texts).into_iter().enumerate() {
        index.insert_fingerprint(i, print);
    }
    let keys: Vec<usize> = (0..ideas.len()).collect();
    let near = index
        .best_earlier_matches(&keys, shortlist_similar::DEFAULT_THRESHOLD)
        .iter()
        .filter(|m| m.is_some())
        .count();
    println!("near-duplicate scan alone: {} ({near} of {IDEAS} rows resemble an earlier one)", t.report());

    let location = DataLocation { dir: dir.path().join("data"), source: DataDirSource::Flag };
    let app = Shortlist::open(location, Shortlist::system_clock());
    let challenge = app.create_challenge(&demo_challenge()).expect("challenge");

    if std::env::var_os("SHORTLIST_BENCH_SEARCH_ONLY").is_some() {
        // Quicker loop while working on search: the same 10,000 ideas, stored directly.
        drop(app);
        let location = DataLocation { dir: dir.path().join("search-only"), source: DataDirSource::Flag };
        let app = Shortlist::open(location, Shortlist::system_clock());
        let t = Instant::now();
        let shortlist_app::DemoOutcome::Created { challenge, .. } = app.create_demo(7, IDEAS).expect("demo")
        else {
            unreachable!("a fresh folder")
        };
        println!("stored {IDEAS} ideas directly in {}", ms(t.elapsed()));
        return bench_search(&app, challenge.id);
    }
    let t = Stopwatch::start();
    let preview = app.preview_import(challenge.id, &export, None).expect("preview");
    let preview_time = t.report();
    assert!(preview.mapping_problems.is_empty(), "{:?}", preview.mapping_problems);
    let t = Stopwatch::start();
    let summary = app.commit_import(challenge.id, &export, &preview.mapping).expect("import");
    let import_time = t.report();
    println!(
        "import: dry run {} ; commit {} ({} added, {} flagged as possible duplicates, {} rows with problems)",
        preview_time, import_time, summary.added, summary.flagged_duplicates, summary.with_problems
    );

    if std::env::var_os("SHORTLIST_BENCH_IMPORT_ONLY").is_some() {
        return;
    }
    bench_search(&app, challenge.id);
}

fn bench_search(app: &Shortlist, challenge: shortlist_domain::ChallengeId) {
    let challenge = shortlist_domain::Challenge { id: challenge, ..placeholder() };
    let queries: Vec<(&str, IdeaQuery)> = vec![
        (
            "selective: pension",
            IdeaQuery { text: "pension".into(), ..IdeaQuery::for_challenge(challenge.id) },
        ),
        ("selective: flood", IdeaQuery { text: "flood".into(), ..IdeaQuery::for_challenge(challenge.id) }),
        ("accent-free: llyr", IdeaQuery { text: "llyr".into(), ..IdeaQuery::for_challenge(challenge.id) }),
        (
            "two words: school absence",
            IdeaQuery { text: "school absence".into(), ..IdeaQuery::for_challenge(challenge.id) },
        ),
        ("common: data", IdeaQuery { text: "data".into(), ..IdeaQuery::for_challenge(challenge.id) }),
        ("common prefix: da", IdeaQuery { text: "da".into(), ..IdeaQuery::for_challenge(challenge.id) }),
        ("prefix: hea", IdeaQuery { text: "hea".into(), ..IdeaQuery::for_challenge(challenge.id) }),
        (
            "filter: department, by title",
            IdeaQuery {
                departments: vec!["HM Revenue and Customs".into()],
                sort: SortKey::Title,
                ..IdeaQuery::for_challenge(challenge.id)
            },
        ),
        ("no search, page 100", IdeaQuery { page: 100, ..IdeaQuery::for_challenge(challenge.id) }),
    ];

    let rounds = 50;
    let mut all_core = Vec::new();
    let mut all_full = Vec::new();
    let mut cold_core = Vec::new();
    let mut cold_full = Vec::new();
    let mut new_text = Vec::new();
    println!("search over {IDEAS} ideas, {rounds} rounds each (core = ranked page of 50; full = page + filter counts):");
    println!("  (cold = the first search after a write, when nothing is cached: the register is read and the text ranked;");
    println!(
        "   new = the first search for these words since the last write, with the register already read)"
    );
    // Any write empties the search cache; saving the settings unchanged is the cheapest one.
    let settings = app.user_settings().expect("settings");
    let empty_cache = || {
        app.save_user_settings(&settings).expect("a write");
    };
    for (name, q) in &queries {
        empty_cache();
        let t = Instant::now();
        app.search_page_only(q).expect("search");
        let cold = t.elapsed();
        empty_cache();
        let t = Instant::now();
        app.search_ideas(q).expect("search");
        let cold_all = t.elapsed();
        cold_core.push(cold);
        cold_full.push(cold_all);
        empty_cache();
        let unrelated = IdeaQuery { page: 2, ..IdeaQuery::for_challenge(challenge.id) };
        app.search_ideas(&unrelated).expect("search");
        let t = Instant::now();
        app.search_ideas(q).expect("search");
        let new = t.elapsed();
        new_text.push(new);

        let mut core = Vec::new();
        let mut full = Vec::new();
        let mut total = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let page = app.search_page_only(q).expect("search");
            core.push(t.elapsed());
            total = page;
            let t = Instant::now();
            app.search_ideas(q).expect("search");
            full.push(t.elapsed());
        }
        core.sort();
        full.sort();
        println!(
            "  {name:<32} {total:>5} hits  core p50 {} p95 {}   full p50 {} p95 {}   cold core {} full {}   new full {}",
            ms(percentile(&core, 0.5)),
            ms(percentile(&core, 0.95)),
            ms(percentile(&full, 0.5)),
            ms(percentile(&full, 0.95)),
            ms(cold),
            ms(cold_all),
            ms(new)
        );
        all_core.extend(core);
        all_full.extend(full);
    }
    all_core.sort();
    all_full.sort();
    cold_core.sort();
    cold_full.sort();
    new_text.sort();
    println!(
        "all queries: core p50 {} p95 {} ; with filter counts p50 {} p95 {}",
        ms(percentile(&all_core, 0.5)),
        ms(percentile(&all_core, 0.95)),
        ms(percentile(&all_full, 0.5)),
        ms(percentile(&all_full, 0.95))
    );
    println!(
        "cold (one per query): core median {} worst {} ; with filter counts median {} worst {}",
        ms(percentile(&cold_core, 0.5)),
        ms(percentile(&cold_core, 1.0)),
        ms(percentile(&cold_full, 0.5)),
        ms(percentile(&cold_full, 1.0))
    );
    println!(
        "new words (one per query, register read): with filter counts median {} worst {}",
        ms(percentile(&new_text, 0.5)),
        ms(percentile(&new_text, 1.0))
    );
}

/// Only the id of the challenge is used by the search loop.
fn placeholder() -> shortlist_domain::Challenge {
    shortlist_domain::Challenge {
        id: shortlist_domain::ChallengeId(0),
        name: String::new(),
        year: 2021,
        closing_date: chrono::NaiveDate::default(),
        marking: shortlist_domain::Marking::Official,
        reference_prefix: String::new(),
        created_at: chrono::DateTime::default(),
    }
}
