//! Searching the register: full-text matching (FTS5, ranked, with snippets), filters with counts,
//! sorting and paging, in one place so the app and the CLI find the same ideas.

use rusqlite::types::Value;
use rusqlite::Connection;
use shortlist_domain::{snippet_parts, FacetValue, Facets, IdeaQuery, SearchHit, SearchResults, SortKey, Stage};

use crate::ideas::{summary_from_row, SUMMARY_COLUMNS};
use crate::StoreError;

const MARK_START: char = '\u{2}';
const MARK_END: char = '\u{3}';

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

/// The FTS5 query for the words typed: each word quoted (so nothing typed is syntax) and matched
/// as a prefix; all words must match.
fn match_expression(q: &IdeaQuery) -> Option<String> {
    let words = q.words();
    if words.is_empty() {
        return None;
    }
    Some(words.iter().map(|w| format!("\"{}\"*", w.replace('"', ""))).collect::<Vec<_>>().join(" AND "))
}

/// WHERE clause and parameters for the query, leaving out the filter of `except`.
fn conditions(q: &IdeaQuery, fts: &Option<String>, except: Option<Dimension>) -> (String, Vec<Value>) {
    let mut sql = vec!["ideas.challenge_id = ?".to_owned(), "ideas.merged_into IS NULL".to_owned()];
    let mut args: Vec<Value> = vec![Value::Integer(q.challenge_id.0)];
    if let Some(expr) = fts {
        sql.push("ideas.id IN (SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ?)".to_owned());
        args.push(Value::Text(expr.clone()));
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

/// One page of the ideas matching `q`, with the total and the filter counts.
pub fn search(conn: &Connection, q: &IdeaQuery) -> Result<SearchResults, StoreError> {
    let fts = match_expression(q);
    let (where_sql, args) = conditions(q, &fts, None);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ideas WHERE {where_sql}"))?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;

    let page_size = q.effective_page_size();
    let offset = (q.effective_page() - 1) as i64 * page_size as i64;
    let dir = if q.descending { "DESC" } else { "ASC" };
    let order = match (q.sort, fts.is_some()) {
        (SortKey::Relevance, true) => "rank".to_owned(),
        (SortKey::Relevance, false) | (SortKey::Reference, _) => format!("ideas.reference {dir}"),
        (SortKey::Submitted, _) => format!("ideas.submitted_on {dir}, ideas.reference {dir}"),
        (SortKey::Title, _) => format!("ideas.title COLLATE NOCASE {dir}, ideas.reference"),
    };

    let hits = if let Some(expr) = &fts {
        // Rank and snippet come from the FTS table; weights favour the title and the reference.
        let (where_sql, mut args) = conditions(q, &None, None);
        args.insert(0, Value::Text(expr.clone()));
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS},
                    snippet(ideas_fts, -1, char(2), char(3), '…', 14),
                    bm25(ideas_fts, 8.0, 10.0, 3.0, 2.0, 2.0, 2.0, 4.0, 2.0, 3.0) AS rank
             FROM ideas_fts JOIN ideas ON ideas.id = ideas_fts.rowid
             WHERE ideas_fts MATCH ? AND {where_sql}
             ORDER BY {order} LIMIT {page_size} OFFSET {offset}"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let snippet: String = r.get(8)?;
            Ok(SearchHit { idea: summary_from_row(r)?, snippet: snippet_parts(&snippet, MARK_START, MARK_END) })
        })?;
        rows.collect::<Result<Vec<_>, _>>()?
    } else {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM ideas WHERE {where_sql} ORDER BY {order} LIMIT {page_size} OFFSET {offset}"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(SearchHit { idea: summary_from_row(r)?, snippet: Vec::new() })
        })?;
        rows.collect::<Result<Vec<_>, _>>()?
    };

    Ok(SearchResults { total, page: q.effective_page(), page_size, hits, facets: facets(conn, q, &fts)? })
}

/// The counts beside each filter: every other filter applied, not the dimension's own.
pub fn facets(conn: &Connection, q: &IdeaQuery, fts: &Option<String>) -> Result<Facets, StoreError> {
    let mut out = Facets::default();
    for dim in Dimension::ALL {
        let (where_sql, args) = conditions(q, fts, Some(dim));
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
                Dimension::Stage => Stage::from_code(&value).map(|s| s.label().to_owned()).unwrap_or(value.clone()),
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
