//! The SQL search as it was before the in-memory one (one query per filter count), kept to
//! check the in-memory search against on the same database.

use rusqlite::types::Value;
use rusqlite::Connection;
use shortlist_domain::{
    snippet_parts, FacetValue, Facets, IdeaQuery, SearchHit, SearchResults, SortKey, Stage,
};

use super::{match_expression, MARK_END, MARK_START, RANK};
use crate::ideas::{summary_from_row, SUMMARY_COLUMNS};
use crate::StoreError;

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

    fn column(self) -> Option<&'static str> {
        match self {
            Dimension::Stage => Some("ideas.stage"),
            Dimension::Department => Some("ideas.department"),
            Dimension::Profession => Some("ideas.profession"),
            Dimension::Grade => Some("ideas.grade"),
            Dimension::Region => Some("ideas.region"),
            Dimension::Theme | Dimension::Tag => None,
        }
    }

    fn label_kind(self) -> Option<&'static str> {
        match self {
            Dimension::Theme => Some("theme"),
            Dimension::Tag => Some("tag"),
            _ => None,
        }
    }

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
}

/// How the text search restricts a query.
#[derive(Debug, Clone, Copy)]
enum Text<'a> {
    /// No words typed, or the caller joins the FTS table itself.
    Unrestricted,
    /// Match here: for a single use.
    Match(&'a str),
    /// Use the matches `load_matches` kept: for the several filter counts.
    Loaded,
}

/// WHERE clause and parameters for the query, leaving out the filter of `except`.
fn conditions(q: &IdeaQuery, text: Text<'_>, except: Option<Dimension>) -> (String, Vec<Value>) {
    let mut sql = vec!["ideas.challenge_id = ?".to_owned(), "ideas.merged_into IS NULL".to_owned()];
    let mut args: Vec<Value> = vec![Value::Integer(q.challenge_id.0)];
    match text {
        Text::Unrestricted => {}
        Text::Match(expr) => {
            sql.push("ideas.id IN (SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ?)".to_owned());
            args.push(Value::Text(expr.to_owned()));
        }
        Text::Loaded => sql.push("ideas.id IN (SELECT id FROM temp.fts_matches)".to_owned()),
    }
    for dim in Dimension::ALL {
        if Some(dim) == except {
            continue;
        }
        let values = dim.selected(q);
        if values.is_empty() {
            continue;
        }
        let marks = vec!["?"; values.len()].join(", ");
        match (dim.column(), dim.label_kind()) {
            (Some(col), _) => sql.push(format!("{col} IN ({marks})")),
            (None, Some(kind)) => sql.push(format!(
                "EXISTS (SELECT 1 FROM idea_labels l WHERE l.idea_id = ideas.id AND l.kind = '{kind}' AND l.label IN ({marks}))"
            )),
            (None, None) => {}
        }
        args.extend(values.into_iter().map(Value::Text));
    }
    (sql.join(" AND "), args)
}

/// The ORDER BY for the query's sort; "best match" means reference order when nothing is typed.
fn order_by(q: &IdeaQuery, ranked: bool) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    match (q.sort, ranked) {
        (SortKey::Relevance, true) => "rank, ideas.reference".to_owned(),
        (SortKey::Relevance, false) | (SortKey::Reference, _) => format!("ideas.reference {dir}"),
        (SortKey::Submitted, _) => format!("ideas.submitted_on {dir}, ideas.reference {dir}"),
        (SortKey::Title, _) => format!("ideas.title COLLATE NOCASE {dir}, ideas.reference"),
    }
}

/// One page of the ideas matching `q`, with the total and the filter counts.
pub fn search(conn: &Connection, q: &IdeaQuery) -> Result<SearchResults, StoreError> {
    let (total, hits) = search_page(conn, q)?;
    let fts = match_expression(q);
    if let Some(expr) = &fts {
        load_matches(conn, expr)?;
    }
    Ok(SearchResults {
        total,
        page: q.effective_page(),
        page_size: q.effective_page_size(),
        hits,
        facets: facets(conn, q, &fts)?,
    })
}

/// Runs the full-text match once and keeps the matching ideas in a temporary table, so the seven
/// filter counts reuse it instead of matching seven times. (Ranking is left to the page query:
/// bm25 over every match is the dearest part of a search, and only the page needs it.)
fn load_matches(conn: &Connection, expr: &str) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS fts_matches (id INTEGER PRIMARY KEY);
         DELETE FROM temp.fts_matches;",
    )?;
    conn.prepare_cached(
        "INSERT INTO temp.fts_matches (id) SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ?1",
    )?
    .execute([expr])?;
    Ok(())
}

/// The total and one ranked page of hits, without the filter counts.
pub fn search_page(conn: &Connection, q: &IdeaQuery) -> Result<(u32, Vec<SearchHit>), StoreError> {
    let fts = match_expression(q);
    let text = fts.as_deref().map_or(Text::Unrestricted, Text::Match);
    let (where_sql, args) = conditions(q, text, None);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ideas WHERE {where_sql}"))?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;

    let page_size = q.effective_page_size();
    let offset = (q.effective_page() - 1) as i64 * page_size as i64;
    let order = order_by(q, fts.is_some());
    let (sql, args) = match &fts {
        Some(expr) => {
            let (where_sql, mut args) = conditions(q, Text::Unrestricted, None);
            args.insert(0, Value::Text(expr.clone()));
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS}, {RANK} AS rank FROM ideas_fts JOIN ideas ON ideas.id = ideas_fts.rowid
                 WHERE ideas_fts MATCH ? AND {where_sql} ORDER BY {order} LIMIT {page_size} OFFSET {offset}"
            );
            (sql, args)
        }
        None => (
            format!("SELECT {SUMMARY_COLUMNS} FROM ideas WHERE {where_sql} ORDER BY {order} LIMIT {page_size} OFFSET {offset}"),
            args,
        ),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok(SearchHit { idea: summary_from_row(r)?, snippet: Vec::new() })
    })?;
    let mut hits = rows.collect::<Result<Vec<_>, _>>()?;

    // Snippets only for the page shown: snippet() is the costly part of a search, and computing it
    // for every match of a common word before sorting made such searches ten times slower.
    if let (Some(expr), false) = (&fts, hits.is_empty()) {
        let marks = vec!["?"; hits.len()].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT rowid, snippet(ideas_fts, -1, char(2), char(3), '…', 14) FROM ideas_fts
             WHERE ideas_fts MATCH ? AND rowid IN ({marks})"
        ))?;
        let mut args: Vec<Value> = vec![Value::Text(expr.clone())];
        args.extend(hits.iter().map(|h| Value::Integer(h.idea.id.0)));
        let snippets: std::collections::HashMap<i64, String> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for hit in &mut hits {
            if let Some(marked) = snippets.get(&hit.idea.id.0) {
                hit.snippet = snippet_parts(marked, MARK_START, MARK_END);
            }
        }
    }
    Ok((total, hits))
}

/// The counts beside each filter: every other filter applied, not the dimension's own.
pub fn facets(conn: &Connection, q: &IdeaQuery, fts: &Option<String>) -> Result<Facets, StoreError> {
    let mut out = Facets::default();
    for dim in Dimension::ALL {
        let text = if fts.is_some() { Text::Loaded } else { Text::Unrestricted };
        let (where_sql, args) = conditions(q, text, Some(dim));
        let sql = match (dim.column(), dim.label_kind()) {
            (Some(col), _) => format!(
                "SELECT {col}, count(*) FROM ideas WHERE {where_sql} AND {col} <> '' GROUP BY {col} ORDER BY count(*) DESC, {col}"
            ),
            (None, Some(kind)) => format!(
                "SELECT l.label, count(*) FROM idea_labels l JOIN ideas ON ideas.id = l.idea_id
                 WHERE l.kind = '{kind}' AND {where_sql} GROUP BY l.label ORDER BY count(*) DESC, l.label"
            ),
            (None, None) => continue,
        };
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let value: String = r.get(0)?;
            let label = match dim {
                Dimension::Stage => {
                    Stage::from_code(&value).map(|s| s.label().to_owned()).unwrap_or(value.clone())
                }
                _ => value.clone(),
            };
            Ok(FacetValue { value, label, count: r.get(1)? })
        })?;
        let values = rows.collect::<Result<Vec<_>, _>>()?;
        match dim {
            Dimension::Stage => out.stages = values,
            Dimension::Department => out.departments = values,
            Dimension::Theme => out.themes = values,
            Dimension::Tag => out.tags = values,
            Dimension::Profession => out.professions = values,
            Dimension::Grade => out.grades = values,
            Dimension::Region => out.regions = values,
        }
    }
    Ok(out)
}

/// Every idea matching `q` (all pages), in its sort order: for exports of the filtered view.
pub fn matching_ids(conn: &Connection, q: &IdeaQuery) -> Result<Vec<shortlist_domain::IdeaId>, StoreError> {
    let fts = match_expression(q);
    let (where_sql, args) = conditions(q, Text::Unrestricted, None);
    let order = order_by(q, fts.is_some());
    let sql = match &fts {
        Some(_) => format!(
            "SELECT ideas.id, {RANK} AS rank FROM ideas_fts JOIN ideas ON ideas.id = ideas_fts.rowid
             WHERE ideas_fts MATCH ?1 AND {where_sql} ORDER BY {order}"
        ),
        None => format!("SELECT ideas.id FROM ideas WHERE {where_sql} ORDER BY {order}"),
    };
    let mut args = args;
    if let Some(expr) = &fts {
        args.insert(0, Value::Text(expr.clone()));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows =
        stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0).map(shortlist_domain::IdeaId))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
