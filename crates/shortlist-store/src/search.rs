//! Searching the register: full-text matching (FTS5, ranked, with snippets), filters with counts,
//! sorting and paging, in one place so the app and the CLI find the same ideas.
//!
//! # How a search runs
//!
//! SQLite does what only it can: the full-text match with its bm25 rank, and the snippets of
//! the page shown. Everything else (the filters, the counts beside them, sorting and paging)
//! runs in memory over a [`SearchCache`]:
//!
//! * the **register**: every live idea of a challenge with what the filters, sorts and result
//!   rows need (not the long text), and its ideas pre-sorted by each sort key;
//! * the **match sets**: for the last few search texts, the matching ideas in rank order.
//!
//! Both are read once and reused, because a person asks for the page and the counts of one
//! search, then pages through it, then refines the filters, all on the same words. Ranking a
//! common word ("data" matches nine ideas in ten) was the dearest part of a search and now
//! happens once per text, not once per page and once per filter count.
//!
//! The cache is dropped whenever the database may have changed: each search compares SQLite's
//! count of rows this connection has changed (`total_changes`) and its `data_version` (which
//! moves when another connection, such as the CLI, commits) with those the cache was filled at.
//! Inside an open transaction the cache is not used at all, so uncommitted rows never stay in
//! it. [`search`] without a cache reads everything afresh; the results are the same.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::types::Value;
use rusqlite::Connection;
use shortlist_domain::{
    snippet_parts, ChallengeId, FacetValue, Facets, IdeaId, IdeaQuery, IdeaSummary, SearchHit, SearchResults,
    SortKey, Stage,
};

use crate::ideas::summary_from_row;
use crate::StoreError;

/// Column weights: a match in the title or reference counts most, then the submitter, labels and
/// summary; the long free-text answers least.
const RANK: &str = "bm25(ideas_fts, 8.0, 10.0, 3.0, 2.0, 2.0, 2.0, 4.0, 2.0, 3.0)";

const MARK_START: char = '\u{2}';
const MARK_END: char = '\u{3}';

/// How many search texts keep their match sets: enough for typing back and forth between a few
/// searches, small enough that the memory is a few hundred kilobytes at most.
const REMEMBERED_TEXTS: usize = 8;

/// The dimensions a person can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Stage,
    Department,
    Theme,
    Tag,
    Profession,
    Grade,
    Region,
}

impl Dimension {
    const ALL: [Dimension; 7] = [
        Dimension::Stage,
        Dimension::Department,
        Dimension::Theme,
        Dimension::Tag,
        Dimension::Profession,
        Dimension::Grade,
        Dimension::Region,
    ];

    fn selected(self, q: &IdeaQuery) -> Vec<String> {
        match self {
            Dimension::Stage => q.stages.iter().map(|s| s.code().to_owned()).collect(),
            Dimension::Department => q.departments.clone(),
            Dimension::Theme => q.themes.clone(),
            Dimension::Tag => q.tags.clone(),
            Dimension::Profession => q.professions.clone(),
            Dimension::Grade => q.grades.clone(),
            Dimension::Region => q.regions.clone(),
        }
    }

    /// Themes and tags are lists; an idea counts once under each of its values. The other
    /// dimensions are one column, whose blank values are not offered as filters.
    fn is_label(self) -> bool {
        matches!(self, Dimension::Theme | Dimension::Tag)
    }
}

/// The FTS5 query for the words typed: each word quoted (so nothing typed is syntax) and matched
/// as a prefix; all words must match.
fn match_expression(q: &IdeaQuery) -> Option<String> {
    let words = q.words();
    if words.is_empty() {
        return None;
    }
    Some(words.iter().map(|w| format!("\"{}\"*", w.replace('"', ""))).collect::<Vec<_>>().join(" AND "))
}

/// One live idea as the search needs it.
#[derive(Debug)]
struct Row {
    summary: IdeaSummary,
    /// The value of each one-column dimension, by `Dimension as usize`, as a number in that
    /// dimension's [`Register::values`] (unused for themes and tags).
    column: [u32; 7],
    /// Themes and tags, likewise numbered.
    labels: Vec<(Dimension, u32)>,
}

/// Every live idea of one challenge, with orders for each sort key.
#[derive(Debug)]
struct Register {
    rows: Vec<Row>,
    /// Each dimension's distinct values, by number: rows hold numbers, so the filters and
    /// counts compare and count integers rather than strings.
    values: [Vec<String>; 7],
    by_id: HashMap<i64, u32>,
    /// Row numbers by reference, by (submitted, reference), by (title without ASCII case,
    /// reference) and by (title descending, reference): what the SQL sorts gave.
    by_reference: Vec<u32>,
    by_submitted: Vec<u32>,
    by_title: Vec<u32>,
    by_title_descending: Vec<u32>,
}

/// The ideas of one challenge matching one search text, best rank first (ties by reference).
#[derive(Debug)]
struct Matches {
    ranked: Vec<u32>,
    /// `member[row]`: whether that row matches.
    member: Vec<bool>,
}

/// What the cache was filled at: `total_changes` and `data_version` (see the module docs).
type Stamp = (u64, i64);

#[derive(Debug, Default)]
struct Cached {
    stamp: Option<Stamp>,
    registers: HashMap<ChallengeId, Arc<Register>>,
    /// Most recently used last.
    matches: Vec<((ChallengeId, String), Arc<Matches>)>,
}

/// What searches on one connection remember between calls; see the module docs. Held by
/// [`crate::Store`]; correct to share only among searches on the same connection.
#[derive(Debug, Default)]
pub struct SearchCache {
    inner: Mutex<Cached>,
}

impl SearchCache {
    /// The register and match set for `q`, from the cache when the database is unchanged.
    fn prepare(
        &self,
        conn: &Connection,
        q: &IdeaQuery,
        expr: Option<&str>,
    ) -> Result<(Arc<Register>, Option<Arc<Matches>>), StoreError> {
        if !conn.is_autocommit() {
            // In a transaction: what it sees may yet be rolled back, so remember none of it.
            let register = Arc::new(load_register(conn, q.challenge_id)?);
            let matches = expr.map(|e| load_matches(conn, &register, e)).transpose()?.map(Arc::new);
            return Ok((register, matches));
        }
        let stamp = change_stamp(conn)?;
        let mut cached = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cached.stamp != Some(stamp) {
            *cached = Cached { stamp: Some(stamp), ..Cached::default() };
        }
        let register = match cached.registers.get(&q.challenge_id) {
            Some(r) => Arc::clone(r),
            None => {
                let r = Arc::new(load_register(conn, q.challenge_id)?);
                cached.registers.insert(q.challenge_id, Arc::clone(&r));
                r
            }
        };
        let Some(expr) = expr else { return Ok((register, None)) };
        let key = (q.challenge_id, expr.to_owned());
        let matches = match cached.matches.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                let entry = cached.matches.remove(i);
                let m = Arc::clone(&entry.1);
                cached.matches.push(entry);
                m
            }
            None => {
                let m = Arc::new(load_matches(conn, &register, expr)?);
                if cached.matches.len() == REMEMBERED_TEXTS {
                    cached.matches.remove(0);
                }
                cached.matches.push((key, Arc::clone(&m)));
                m
            }
        };
        Ok((register, Some(matches)))
    }
}

pub(crate) fn change_stamp(conn: &Connection) -> Result<Stamp, StoreError> {
    let data_version: i64 = conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?;
    Ok((conn.total_changes(), data_version))
}

fn load_register(conn: &Connection, challenge: ChallengeId) -> Result<Register, StoreError> {
    // Answered from the covering index `ideas_register` alone, without reading the long text.
    let mut stmt = conn.prepare_cached(
        "SELECT ideas.id, ideas.reference, ideas.title, ideas.submitter_name, ideas.department, ideas.stage,
                ideas.submitted_on, ideas.updated_at, ideas.profession, ideas.grade, ideas.region
         FROM ideas WHERE ideas.challenge_id = ?1 AND ideas.merged_into IS NULL",
    )?;
    let mut numbering: [HashMap<String, u32>; 7] = Default::default();
    let mut values: [Vec<String>; 7] = Default::default();
    let mut number = |dim: Dimension, value: String| -> u32 {
        let d = dim as usize;
        if let Some(&n) = numbering[d].get(&value) {
            return n;
        }
        let n = row_number(values[d].len());
        values[d].push(value.clone());
        numbering[d].insert(value, n);
        n
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut found = stmt.query([challenge.0])?;
    while let Some(r) = found.next()? {
        let summary = summary_from_row(r)?;
        let mut column = [0u32; 7];
        column[Dimension::Stage as usize] = number(Dimension::Stage, summary.stage.code().to_owned());
        column[Dimension::Department as usize] = number(Dimension::Department, summary.department.clone());
        column[Dimension::Profession as usize] = number(Dimension::Profession, r.get(8)?);
        column[Dimension::Grade as usize] = number(Dimension::Grade, r.get(9)?);
        column[Dimension::Region as usize] = number(Dimension::Region, r.get(10)?);
        rows.push(Row { summary, column, labels: Vec::new() });
    }
    let by_id: HashMap<i64, u32> =
        rows.iter().enumerate().map(|(i, r)| (r.summary.id.0, row_number(i))).collect();
    // Every label, without a join or a sort: other challenges' and merged ideas' labels are
    // skipped here, and each idea's few labels put in position order below.
    let mut labels = conn.prepare_cached("SELECT idea_id, kind, label, position FROM idea_labels")?;
    let mut found = labels.query([])?;
    let mut positioned: Vec<(u32, Dimension, i64, u32)> = Vec::new();
    while let Some(r) = found.next()? {
        let Some(&row) = by_id.get(&r.get::<_, i64>(0)?) else { continue };
        let dim = if r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)? == "theme" {
            Dimension::Theme
        } else {
            Dimension::Tag
        };
        let n = number(dim, r.get(2)?);
        positioned.push((row, dim, r.get(3)?, n));
    }
    positioned.sort_unstable_by_key(|&(row, dim, position, _)| (row, dim as u8, position));
    for (row, dim, _, n) in positioned {
        rows[row as usize].labels.push((dim, n));
    }

    let order = |cmp: &dyn Fn(&IdeaSummary, &IdeaSummary) -> std::cmp::Ordering| {
        let mut order: Vec<u32> = (0..rows.len()).map(row_number).collect();
        order.sort_by(|&a, &b| cmp(&rows[a as usize].summary, &rows[b as usize].summary));
        order
    };
    let by_reference = order(&|a, b| a.reference.cmp(&b.reference));
    let by_submitted = order(&|a, b| (a.submitted_on, &a.reference).cmp(&(b.submitted_on, &b.reference)));
    // SQLite's NOCASE folds ASCII letters only; so does this. Keys made once, not per comparison.
    let titles: Vec<String> = rows.iter().map(|r| r.summary.title.to_ascii_lowercase()).collect();
    let by_title_then = |descending: bool| {
        let mut order: Vec<u32> = (0..rows.len()).map(row_number).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (&titles[a as usize], &titles[b as usize]);
            let by_title = if descending { tb.cmp(ta) } else { ta.cmp(tb) };
            by_title.then_with(|| rows[a as usize].summary.reference.cmp(&rows[b as usize].summary.reference))
        });
        order
    };
    let by_title = by_title_then(false);
    let by_title_descending = by_title_then(true);
    Ok(Register { rows, values, by_id, by_reference, by_submitted, by_title, by_title_descending })
}

fn row_number(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 4 billion ideas")
}

/// Runs the full-text match once, with its rank, and keeps the challenge's live ideas among it.
fn load_matches(conn: &Connection, register: &Register, expr: &str) -> Result<Matches, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT rowid, {RANK} FROM ideas_fts WHERE ideas_fts MATCH ?1"))?;
    let mut ranked: Vec<(f64, u32)> = Vec::new();
    let mut found = stmt.query([expr])?;
    while let Some(r) = found.next()? {
        if let Some(&row) = register.by_id.get(&r.get::<_, i64>(0)?) {
            ranked.push((r.get(1)?, row));
        }
    }
    let rows = &register.rows;
    ranked.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then_with(|| rows[a.1 as usize].summary.reference.cmp(&rows[b.1 as usize].summary.reference))
    });
    let mut member = vec![false; rows.len()];
    for &(_, row) in &ranked {
        member[row as usize] = true;
    }
    Ok(Matches { ranked: ranked.into_iter().map(|(_, row)| row).collect(), member })
}

/// A query's filters, checked against a row.
struct Filters {
    /// For each dimension with a filter, which of the register's values it lets through.
    chosen: [Option<Vec<bool>>; 7],
}

impl Filters {
    fn of(q: &IdeaQuery, register: &Register) -> Filters {
        Filters {
            chosen: Dimension::ALL.map(|dim| {
                let selected = dim.selected(q);
                (!selected.is_empty())
                    .then(|| register.values[dim as usize].iter().map(|v| selected.contains(v)).collect())
            }),
        }
    }

    fn passes(&self, row: &Row, dim: Dimension) -> bool {
        let Some(chosen) = &self.chosen[dim as usize] else { return true };
        if dim.is_label() {
            row.labels.iter().any(|&(d, n)| d == dim && chosen[n as usize])
        } else {
            chosen[row.column[dim as usize] as usize]
        }
    }

    /// How many filters the row fails, and the last one it fails.
    fn failures(&self, row: &Row) -> (u32, Option<Dimension>) {
        let mut count = 0;
        let mut last = None;
        for dim in Dimension::ALL {
            if !self.passes(row, dim) {
                count += 1;
                last = Some(dim);
            }
        }
        (count, last)
    }
}

/// The rows `q` shows, in its order: (register, rows in order).
fn ordered<'a>(
    register: &'a Register,
    matches: Option<&'a Matches>,
    q: &IdeaQuery,
) -> Box<dyn Iterator<Item = u32> + 'a> {
    let descending = q.descending;
    let by = |order: &'a [u32]| -> Box<dyn Iterator<Item = u32> + 'a> {
        let rows = order.iter().copied();
        let rows: Box<dyn Iterator<Item = u32>> =
            if descending { Box::new(rows.rev()) } else { Box::new(rows) };
        match matches {
            Some(m) => Box::new(rows.filter(move |&r| m.member[r as usize])),
            None => rows,
        }
    };
    match (q.sort, matches) {
        (SortKey::Relevance, Some(m)) => Box::new(m.ranked.iter().copied()),
        (SortKey::Relevance, None) | (SortKey::Reference, _) => by(&register.by_reference),
        (SortKey::Submitted, _) => by(&register.by_submitted),
        (SortKey::Title, _) => {
            // Descending by title keeps references ascending among equal titles, as the SQL did.
            let order = if descending { &register.by_title_descending } else { &register.by_title };
            let rows = order.iter().copied();
            match matches {
                Some(m) => Box::new(rows.filter(move |&r| m.member[r as usize])),
                None => Box::new(rows),
            }
        }
    }
}

/// One page of the ideas matching `q`, with the total and the filter counts, read afresh.
pub fn search(conn: &Connection, q: &IdeaQuery) -> Result<SearchResults, StoreError> {
    search_cached(conn, &SearchCache::default(), q)
}

/// [`search`], reusing what `cache` remembers from earlier searches on this connection.
pub fn search_cached(
    conn: &Connection,
    cache: &SearchCache,
    q: &IdeaQuery,
) -> Result<SearchResults, StoreError> {
    let expr = match_expression(q);
    let (register, matches) = cache.prepare(conn, q, expr.as_deref())?;
    let filters = Filters::of(q, &register);

    // One pass: a row failing no filter is a result and counts on every dimension; a row failing
    // exactly one filter still counts on that dimension (each dimension's counts leave its own
    // filter out).
    let mut counts: [Vec<u32>; 7] = Dimension::ALL.map(|dim| vec![0; register.values[dim as usize].len()]);
    let candidates: Box<dyn Iterator<Item = u32>> = match &matches {
        Some(m) => Box::new(m.ranked.iter().copied()),
        None => Box::new((0..register.rows.len()).map(row_number)),
    };
    for r in candidates {
        let row = &register.rows[r as usize];
        let only = match filters.failures(row) {
            (0, _) => None,
            (1, Some(dim)) => Some(dim),
            _ => continue,
        };
        for dim in Dimension::ALL {
            if only.is_some_and(|only| only != dim) {
                continue;
            }
            if dim.is_label() {
                for &(d, n) in &row.labels {
                    if d == dim {
                        counts[dim as usize][n as usize] += 1;
                    }
                }
            } else {
                counts[dim as usize][row.column[dim as usize] as usize] += 1;
            }
        }
    }
    let facet = |dim: Dimension| -> Vec<FacetValue> {
        let mut values: Vec<FacetValue> = counts[dim as usize]
            .iter()
            .zip(&register.values[dim as usize])
            // Blank columns are not offered as a filter value.
            .filter(|&(&count, value)| count > 0 && (dim.is_label() || !value.is_empty()))
            .map(|(&count, value)| FacetValue {
                value: value.clone(),
                label: match Stage::from_code(value).filter(|_| dim == Dimension::Stage) {
                    Some(stage) => stage.label().to_owned(),
                    None => value.clone(),
                },
                count,
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        values
    };
    let facets = Facets {
        stages: facet(Dimension::Stage),
        departments: facet(Dimension::Department),
        themes: facet(Dimension::Theme),
        tags: facet(Dimension::Tag),
        professions: facet(Dimension::Profession),
        grades: facet(Dimension::Grade),
        regions: facet(Dimension::Region),
    };
    let (total, hits) = page(conn, &register, matches.as_deref(), &filters, q, expr.as_deref())?;
    Ok(SearchResults { total, page: q.effective_page(), page_size: q.effective_page_size(), hits, facets })
}

/// The total and one ranked page of hits, without the filter counts, read afresh.
pub fn search_page(conn: &Connection, q: &IdeaQuery) -> Result<(u32, Vec<SearchHit>), StoreError> {
    search_page_cached(conn, &SearchCache::default(), q)
}

/// [`search_page`], reusing what `cache` remembers.
pub fn search_page_cached(
    conn: &Connection,
    cache: &SearchCache,
    q: &IdeaQuery,
) -> Result<(u32, Vec<SearchHit>), StoreError> {
    let expr = match_expression(q);
    let (register, matches) = cache.prepare(conn, q, expr.as_deref())?;
    page(conn, &register, matches.as_deref(), &Filters::of(q, &register), q, expr.as_deref())
}

fn page(
    conn: &Connection,
    register: &Register,
    matches: Option<&Matches>,
    filters: &Filters,
    q: &IdeaQuery,
    expr: Option<&str>,
) -> Result<(u32, Vec<SearchHit>), StoreError> {
    let page_size = q.effective_page_size() as usize;
    let skip = (q.effective_page() as usize - 1).saturating_mul(page_size);
    let mut total = 0u32;
    let mut shown: Vec<u32> = Vec::with_capacity(page_size);
    for r in ordered(register, matches, q) {
        if filters.failures(&register.rows[r as usize]).0 == 0 {
            if (total as usize) >= skip && shown.len() < page_size {
                shown.push(r);
            }
            total += 1;
        }
    }
    let mut hits: Vec<SearchHit> = shown
        .iter()
        .map(|&r| SearchHit { idea: register.rows[r as usize].summary.clone(), snippet: Vec::new() })
        .collect();

    if let (Some(expr), false) = (expr, hits.is_empty()) {
        let ids: Vec<i64> = hits.iter().map(|h| h.idea.id.0).collect();
        let long_words = q.words().iter().any(|w| w.chars().count() > LONGEST_INDEXED_PREFIX);
        let few_matches = matches.is_some_and(|m| m.ranked.len() <= ONE_PASS_LIMIT);
        let snippets = snippets(conn, expr, &ids, long_words && few_matches)?;
        for hit in &mut hits {
            if let Some(marked) = snippets.get(&hit.idea.id.0) {
                hit.snippet = snippet_parts(marked, MARK_START, MARK_END);
            }
        }
    }
    Ok((total, hits))
}

/// The longest prefix the full-text index keeps (its `prefix = '2 3 4'`).
const LONGEST_INDEXED_PREFIX: usize = 4;

/// Up to this many matches, snippets are taken in one pass over the match (see [`snippets`]).
const ONE_PASS_LIMIT: usize = 4000;

/// The marked snippets of the ideas `ids` for the match `expr`.
///
/// Snippets only for the page shown: snippet() is the costly part of a search, and computing it
/// for every match of a common word before sorting made such searches ten times slower. Two ways
/// to reach the page's rows, chosen by cost:
///
/// * looking each row up (`rowid IN (…)`): FTS5 starts the match afresh for each row, which is
///   cheap when every word's prefix is in the prefix index and dear otherwise (it merges the
///   lists of every word the prefix begins, once per row: 5–20 ms for "pension" on a page of 50);
/// * one pass over the whole match, with the snippet taken only on the page's rows: about a
///   microsecond per match, so chosen when the words are longer than the indexed prefixes and
///   the match is not large.
fn snippets(
    conn: &Connection,
    expr: &str,
    ids: &[i64],
    one_pass: bool,
) -> Result<HashMap<i64, String>, StoreError> {
    let marks = vec!["?"; ids.len()].join(", ");
    const SNIPPET: &str = "snippet(ideas_fts, -1, char(2), char(3), '…', 14)";
    let sql = if one_pass {
        format!(
            "SELECT rowid, CASE WHEN rowid IN ({marks}) THEN {SNIPPET} END FROM ideas_fts
             WHERE ideas_fts MATCH ? AND rowid BETWEEN ? AND ?"
        )
    } else {
        format!("SELECT rowid, {SNIPPET} FROM ideas_fts WHERE rowid IN ({marks}) AND ideas_fts MATCH ?")
    };
    let mut args: Vec<Value> = ids.iter().map(|&id| Value::Integer(id)).collect();
    args.push(Value::Text(expr.to_owned()));
    if one_pass {
        args.push(Value::Integer(ids.iter().copied().min().unwrap_or(0)));
        args.push(Value::Integer(ids.iter().copied().max().unwrap_or(0)));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        if let (id, Some(marked)) = row? {
            out.insert(id, marked);
        }
    }
    Ok(out)
}

/// Every idea matching `q` (all pages), in its sort order: for exports of the filtered view.
pub fn matching_ids(conn: &Connection, q: &IdeaQuery) -> Result<Vec<IdeaId>, StoreError> {
    let expr = match_expression(q);
    let (register, matches) = SearchCache::default().prepare(conn, q, expr.as_deref())?;
    let filters = Filters::of(q, &register);
    Ok(ordered(&register, matches.as_deref(), q)
        .map(|r| &register.rows[r as usize])
        .filter(|row| filters.failures(row).0 == 0)
        .map(|row| row.summary.id)
        .collect())
}

/// Kept only to check the in-memory search against: the SQL this module ran before, one query
/// per filter count.
#[cfg(test)]
mod oracle;

#[cfg(test)]
mod tests;
