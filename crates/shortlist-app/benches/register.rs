//! The register's speed at archive scale: importing a 10,000-row form export, and searching
//! 10,000 ideas. Run with `cargo bench -p shortlist-app --bench register`; it prints numbers
//! (targets: import ≤ 1 s; search p95 ≤ 5 ms in the core). Not a test: nothing here can fail
//! on a slow machine. `SHORTLIST_BENCH_SEARCH_ONLY=1` runs the search part alone,
//! `SHORTLIST_BENCH_IMPORT_ONLY=1` the import part alone, and `SHORTLIST_BENCH_CORPUS=distinct`
//! (or `templated`) the import of that export alone.
//! `SHORTLIST_BENCH_PASSPHRASE=…` runs it all on a data folder protected (encrypted) with that
//! passphrase, to measure what encryption at rest costs.
//!
//! The import is measured on two exports of 10,000 rows:
//!
//! * **templated** (the worst case): `demo_ideas` as it is. It writes every idea from one of
//!   66 topics' hand-written sentences, so at 10,000 rows nearly every row (9,932) reads
//!   like an earlier one and is flagged: far more alike than any real export.
//! * **distinct** (realistic): the same people, dates and lengths, but each idea's text drawn
//!   word by word from the templated export's whole vocabulary, by frequency, so ideas are
//!   different from one another as ideas written by different people are; then about 3% of
//!   rows are sent again: 2% an earlier idea reworded slightly by someone else (near
//!   duplicates), 1% the same person sending the same title again (exact duplicates).

use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use shortlist_app::{DataDirSource, DataLocation, Shortlist};

#[path = "common/mod.rs"]
mod common;
use shortlist_demo::{demo_challenge, demo_ideas, DemoIdea};
use shortlist_domain::{IdeaQuery, SortKey};

const IDEAS: usize = 10_000;

fn forms_csv(path: &std::path::Path, ideas: &[DemoIdea]) {
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
    for (i, idea) in ideas.iter().enumerate() {
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

/// The realistic export described in the module documentation: `templated` with each idea's
/// text replaced by words drawn from the whole export by frequency (keeping each text's length
/// and sentence shape roughly), then about 2% near and 1% exact resubmissions.
fn distinct_ideas(templated: &[DemoIdea]) -> Vec<DemoIdea> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    // Every word of every text, repeats kept: drawing from it draws by frequency.
    let words: Vec<&str> = templated
        .iter()
        .flat_map(|i| {
            [&i.title, &i.summary, &i.problem, &i.data_used, &i.benefits]
                .into_iter()
                .flat_map(|t| t.split_whitespace())
        })
        .collect();
    let redraw = |text: &str, rng: &mut rand_chacha::ChaCha8Rng| -> String {
        let n = text.split_whitespace().count().max(1);
        let mut out = String::with_capacity(text.len());
        for k in 0..n {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(words[rng.random_range(0..words.len())]);
        }
        out
    };
    let mut ideas: Vec<DemoIdea> = templated
        .iter()
        .map(|i| DemoIdea {
            // Titles are kept within the form's 150 characters, as the originals are.
            title: {
                let mut title = redraw(&i.title, &mut rng);
                while title.chars().count() > 150 {
                    title.truncate(title.rfind(' ').unwrap_or(150));
                }
                title
            },
            summary: redraw(&i.summary, &mut rng),
            problem: redraw(&i.problem, &mut rng),
            data_used: redraw(&i.data_used, &mut rng),
            benefits: redraw(&i.benefits, &mut rng),
            ..i.clone()
        })
        .collect();
    // Rewording: every tenth word dropped.
    let reword = |text: &str| -> String {
        text.split_whitespace()
            .enumerate()
            .filter(|(k, _)| k % 10 != 9)
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join(" ")
    };
    for at in 100..ideas.len() {
        let roll = rng.random_range(0..100);
        if roll >= 3 {
            continue;
        }
        let earlier = ideas[rng.random_range(0..at)].clone();
        let idea = &mut ideas[at];
        if roll < 2 {
            idea.title = reword(&earlier.title);
            idea.summary = reword(&earlier.summary);
        } else {
            idea.title = earlier.title.clone();
            idea.submitter_name = earlier.submitter_name.clone();
            idea.email = earlier.email.clone();
        }
    }
    ideas
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

/// Imports `ideas` (as a Forms export) into a fresh register, printing each part's time.
fn bench_import(root: &std::path::Path, name: &str, ideas: &[DemoIdea]) -> Shortlist {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).expect("folder");
    let export = dir.join("responses.csv");
    let t = Instant::now();
    forms_csv(&export, ideas);
    let size = std::fs::metadata(&export).map(|m| m.len()).unwrap_or(0);
    println!(
        "[{name}] generated a {}-row Forms export ({:.1} MB) in {}",
        ideas.len(),
        size as f64 / 1e6,
        ms(t.elapsed())
    );

    // `SHORTLIST_BENCH_WHOLE_ONLY=1` skips the parts measured alone, for a profiler's view of
    // the import as the app runs it.
    if std::env::var_os("SHORTLIST_BENCH_WHOLE_ONLY").is_none() {
        bench_import_parts(name, &export, ideas);
    }

    let location = DataLocation { dir: dir.join("data"), source: DataDirSource::Flag };
    let app = common::open_folder(location, Shortlist::system_clock());
    let challenge = app.create_challenge(&demo_challenge()).expect("challenge");
    let t = Stopwatch::start();
    let preview = app.preview_import(challenge.id, &export, None).expect("preview");
    let preview_time = t.report();
    let preview_wall = t.wall.elapsed();
    assert!(preview.mapping_problems.is_empty(), "{:?}", preview.mapping_problems);
    let t = Stopwatch::start();
    let summary = app.commit_import(challenge.id, &export, &preview.mapping).expect("import");
    let import_time = t.report();
    let total = preview_wall + t.wall.elapsed();
    println!(
        "[{name}] import: dry run {} ; commit {} ; both {} ({} added, {} flagged as possible duplicates, {} rows with problems)",
        preview_time,
        import_time,
        ms(total),
        summary.added,
        summary.flagged_duplicates,
        summary.with_problems
    );
    std::fs::remove_file(&export).ok();
    app
}

fn bench_import_parts(name: &str, export: &std::path::Path, ideas: &[DemoIdea]) {
    // The part of an import that reads the file into checked rows.
    let t = Stopwatch::start();
    let table = shortlist_import::read_file(export).expect("read the export");
    let mapping = shortlist_import::guess_mapping(&table.headers);
    let signature = shortlist_import::form_signature(&table.headers);
    let applied = shortlist_import::apply(&table, &mapping, &signature, chrono::Utc::now().date_naive());
    println!("[{name}] parse alone (read + map + check {} rows): {}", applied.rows.len(), t.report());

    // The part of an import that compares each new row with those before it for near duplicates.
    let t = Stopwatch::start();
    // As `find_duplicates` does it: prepare every text, then ask for each row the best match
    // among those before it.
    let texts: Vec<(&str, &str)> = ideas.iter().map(|i| (i.title.as_str(), i.summary.as_str())).collect();
    let prints = shortlist_similar::Fingerprint::many(&texts);
    let prepared = t.report();
    let rows: Vec<usize> = (0..ideas.len()).collect();
    let near = shortlist_similar::best_earlier_matches(
        &prints,
        &rows,
        shortlist_similar::DEFAULT_THRESHOLD,
        shortlist_similar::WORDING_FLOOR,
    )
    .iter()
    .filter(|m| m.is_some())
    .count();
    println!(
        "[{name}] near-duplicate scan alone: {} (of which preparing the texts {prepared}) ({near} of {} rows resemble an earlier one)",
        t.report(),
        ideas.len()
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let templated = demo_ideas(7, IDEAS);

    if std::env::var_os("SHORTLIST_BENCH_SEARCH_ONLY").is_some() {
        // Quicker loop while working on search: the same 10,000 ideas, stored directly.
        let location = DataLocation { dir: dir.path().join("search-only"), source: DataDirSource::Flag };
        let app = common::open_folder(location, Shortlist::system_clock());
        let t = Instant::now();
        let shortlist_app::DemoOutcome::Created { challenge, .. } = app.create_demo(7, IDEAS).expect("demo")
        else {
            unreachable!("a fresh folder")
        };
        println!("stored {IDEAS} ideas directly in {}", ms(t.elapsed()));
        return bench_search(&app, challenge.id);
    }

    // `SHORTLIST_BENCH_CORPUS=distinct` (or `templated`) imports that export alone.
    let only = std::env::var("SHORTLIST_BENCH_CORPUS").ok();
    if only.as_deref() != Some("templated") {
        let distinct = distinct_ideas(&templated);
        drop(bench_import(dir.path(), "distinct", &distinct));
        if only.is_some() {
            return;
        }
    }
    let app = bench_import(dir.path(), "templated", &templated);

    if std::env::var_os("SHORTLIST_BENCH_IMPORT_ONLY").is_some() {
        return;
    }
    // The search part runs on the templated register (its words are real sentences); the
    // challenge created there is the only one.
    let challenge = app.list_challenges().expect("challenges")[0].id;
    bench_search(&app, challenge);
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
    // A role is needed to save; the bench's folder never ran the first-run page.
    let settings = shortlist_app::UserSettingsInput {
        display_name: settings.display_name,
        role: settings.role.or(Some(shortlist_app::UserRole::Secretariat)),
    };
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
