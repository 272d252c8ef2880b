//! The published longlist: a static website anyone can browse from a folder, with CSV and JSON.
//!
//! [`site`] returns the files as (relative path, bytes):
//!
//! - `index.html`: every idea, with a search box and filters by department, theme and stage.
//!   The list is in the page itself, so it reads without scripts; a small inline script over
//!   an embedded JSON index hides what does not match and says how many are shown in a live
//!   region. No external scripts, styles or fonts, so it works from `file://` with no server;
//!   a Content-Security-Policy with the inline script's and style's hashes lets nothing else
//!   run.
//! - `ideas/<reference>.html`: a page per idea.
//! - `longlist.csv` and `longlist.json`: the same records, for people who want the data.
//!
//! The markup follows GOV.UK Frontend's patterns and class names (skip link, header, main
//! landmark, labelled inputs, summary lists, headings in order, `lang="en-GB"`) without the
//! crown or GOV.UK branding.
//!
//! # What may be published
//!
//! Only title, summary, department, themes, stage reached, and the names of the people who
//! consented. [`published`] is the one place that decides: every file is rendered from its
//! [`PublishedIdea`]s and nothing else, and it
//!
//! - never copies an email address: the people's addresses are dropped, and anything that
//!   looks like an address in the free text (title, summary, department, themes) is replaced by
//!   "[email address removed]";
//! - names a person only where they consented, and replaces the names of everyone who did not
//!   (on any idea) wherever they appear in the free text by "[name removed]", whatever their
//!   case or spacing.
//!
//! A name is found whole, not in parts: a summary that says "my colleague Smith" keeps it. The
//! secretariat reviews the site before publishing; the test suite proves the guarantee above.

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};
use shortlist_domain::{Reference, Stage};

use crate::long_date;
use crate::text::{csv_cell, html, redact, slug};

/// Someone named on an idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// Read only to keep it out: never published.
    pub email: String,
    /// They agreed to their name being published with the idea.
    pub consent: bool,
}

/// One idea as the secretariat holds it, before anything is taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LonglistEntry {
    pub reference: Reference,
    pub title: String,
    pub summary: String,
    pub department: String,
    pub themes: Vec<String>,
    pub stage_reached: Stage,
    /// The submitter first, then the co-submitters.
    pub people: Vec<Person>,
}

/// One idea as published: the only form any output is made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedIdea {
    pub reference: String,
    pub title: String,
    pub summary: String,
    pub department: String,
    pub themes: Vec<String>,
    /// The stage's label, e.g. "Semi-final".
    pub stage_reached: String,
    /// The names of the people who consented, submitter first.
    pub submitted_by: Vec<String>,
    /// The idea's page, relative to the site's root.
    pub page: String,
}

/// What the site says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// The challenge's name, e.g. "Civil Service Data Challenge 2021".
    pub challenge: String,
    /// Who publishes it, shown in the header and footer, e.g. "Cabinet Office".
    pub publisher: String,
    /// A paragraph under the heading; empty for the standard one.
    pub introduction: String,
    pub published_on: NaiveDate,
}

/// A file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Relative, with `/` separators, e.g. `ideas/DC21-0042.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Takes out everything that may not be published, as the module says. Ideas keep their order.
pub fn published(entries: &[LonglistEntry]) -> Vec<PublishedIdea> {
    let mut withheld: Vec<String> = entries
        .iter()
        .flat_map(|e| e.people.iter().filter(|p| !p.consent).map(|p| p.name.trim().to_owned()))
        .filter(|n| !n.is_empty())
        .collect();
    // Longest first, so "Ann Lee-Smith" goes before "Ann Lee" could leave "-Smith" behind.
    withheld.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    withheld.dedup();
    let scrub = |s: &str| redact(s.trim(), &withheld);
    let mut pages: Vec<String> = Vec::new();
    entries
        .iter()
        .map(|e| {
            let base = slug(&scrub(e.reference.as_str())).to_uppercase();
            let mut page = format!("ideas/{base}.html");
            let mut n = 2;
            while pages.contains(&page) {
                page = format!("ideas/{base}-{n}.html");
                n += 1;
            }
            pages.push(page.clone());
            PublishedIdea {
                reference: scrub(e.reference.as_str()),
                title: scrub(&e.title),
                summary: scrub(&e.summary),
                department: scrub(&e.department),
                themes: e.themes.iter().map(|t| scrub(t)).filter(|t| !t.is_empty()).collect(),
                stage_reached: e.stage_reached.label().to_owned(),
                submitted_by: e
                    .people
                    .iter()
                    .filter(|p| p.consent)
                    .map(|p| p.name.split_whitespace().collect::<Vec<_>>().join(" "))
                    // A consenting "name" that is really an address is still an address.
                    .map(|n| redact(&n, &[]))
                    .filter(|n| !n.is_empty())
                    .collect(),
                page,
            }
        })
        .collect()
}

/// Why the site could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("could not write the longlist's CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write the longlist's JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The whole site: `index.html`, a page per idea, `longlist.csv` and `longlist.json`.
///
/// # Errors
/// Only if serialising to memory fails, which it does not for these types.
pub fn site(entries: &[LonglistEntry], settings: &SiteSettings) -> Result<Vec<SiteFile>, SiteError> {
    let ideas = published(entries);
    let mut files =
        vec![SiteFile { path: "index.html".to_owned(), bytes: index(&ideas, settings)?.into_bytes() }];
    for idea in &ideas {
        files.push(SiteFile { path: idea.page.clone(), bytes: idea_page(idea, settings).into_bytes() });
    }
    files.push(SiteFile { path: "longlist.csv".to_owned(), bytes: csv(&ideas)? });
    files.push(SiteFile { path: "longlist.json".to_owned(), bytes: json(&ideas, settings)? });
    Ok(files)
}

/// The published records as CSV, one row per idea; lists joined with "; ".
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn csv(ideas: &[PublishedIdea]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "reference",
        "title",
        "summary",
        "department",
        "themes",
        "stage_reached",
        "submitted_by",
    ])?;
    for i in ideas {
        w.write_record([
            csv_cell(&i.reference),
            csv_cell(&i.title),
            csv_cell(&i.summary),
            csv_cell(&i.department),
            csv_cell(&i.themes.join("; ")),
            i.stage_reached.clone(),
            csv_cell(&i.submitted_by.join("; ")),
        ])?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLonglist<'a> {
    challenge: &'a str,
    publisher: &'a str,
    published_on: NaiveDate,
    ideas: &'a [PublishedIdea],
}

/// The published records as JSON: `{challenge, publisher, publishedOn, ideas: [...]}`.
///
/// # Errors
/// Only if serialising fails, which it does not for these types.
pub fn json(ideas: &[PublishedIdea], settings: &SiteSettings) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec_pretty(&JsonLonglist {
        challenge: &settings.challenge,
        publisher: &settings.publisher,
        published_on: settings.published_on,
        ideas,
    })?;
    out.push(b'\n');
    Ok(out)
}

/// JSON that is safe inside a `<script>` element: `<`, `>` and `&` escaped, so no text in it
/// can close the element or open a comment.
fn script_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string(value)?.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026"))
}

fn csp_hash(s: &str) -> String {
    use base64::Engine;
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes())))
}

const STYLE: &str = include_str!("longlist.css");
const SCRIPT: &str = include_str!("longlist.js");

fn page(title: &str, settings: &SiteSettings, root: &str, main: &str, script: Option<&str>) -> String {
    let script_src = script.map_or_else(|| "'none'".to_owned(), csp_hash);
    let csp = format!(
        "default-src 'none'; style-src {}; script-src {script_src}; img-src 'none'; base-uri 'none'; \
         form-action 'none'",
        csp_hash(STYLE)
    );
    let challenge = html(&settings.challenge);
    let publisher = html(&settings.publisher);
    let script = script.map(|s| format!("<script>{s}</script>\n")).unwrap_or_default();
    format!(
        r##"<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" role="banner">
<div class="govuk-header__container govuk-width-container">
<a href="{root}index.html" class="govuk-header__link govuk-header__service-name">{challenge}: the longlist</a>
</div>
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
{main}</main>
</div>
<footer class="govuk-footer" role="contentinfo">
<div class="govuk-width-container">
<p class="govuk-footer__meta">Published by {publisher} on {date}. Names appear only where the people who sent in an idea agreed. The data: <a class="govuk-footer__link" href="{root}longlist.csv">CSV</a>, <a class="govuk-footer__link" href="{root}longlist.json">JSON</a>.</p>
</div>
</footer>
{script}</body>
</html>
"##,
        title = html(title),
        date = long_date(settings.published_on),
    )
}

/// Options for a filter, sorted, each once.
fn options<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = values.filter(|s| !s.is_empty()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn select(id: &str, label: &str, all: &str, values: &[&str]) -> String {
    let mut s = format!(
        "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" for=\"{id}\">{label}</label>\n\
         <select class=\"govuk-select\" id=\"{id}\" name=\"{id}\">\n<option value=\"\">{all}</option>\n"
    );
    for v in values {
        s.push_str(&format!("<option value=\"{0}\">{0}</option>\n", html(v)));
    }
    s.push_str("</select>\n</div>\n");
    s
}

fn index(ideas: &[PublishedIdea], settings: &SiteSettings) -> Result<String, serde_json::Error> {
    let n = ideas.len();
    let intro = if settings.introduction.trim().is_empty() {
        format!(
            "These are the {n} ideas on the longlist of the {}, sent in by civil servants across government. \
             Search them, or filter by department, theme or the stage each idea reached.",
            settings.challenge
        )
    } else {
        settings.introduction.trim().to_owned()
    };
    let departments = options(ideas.iter().map(|i| i.department.as_str()));
    let themes = options(ideas.iter().flat_map(|i| i.themes.iter().map(String::as_str)));
    let stages: Vec<&str> = Stage::ALL
        .iter()
        .map(|s| s.label())
        .filter(|l| ideas.iter().any(|i| i.stage_reached == *l))
        .collect();

    let mut main = format!(
        "<h1 class=\"govuk-heading-xl\">{}: the longlist</h1>\n<p class=\"govuk-body-l\">{}</p>\n",
        html(&settings.challenge),
        html(&intro)
    );
    main.push_str(
        "<form id=\"filters\" class=\"app-filters\" role=\"search\" aria-label=\"Search and filter the ideas\" hidden>\n\
         <div class=\"govuk-form-group\">\n<label class=\"govuk-label\" for=\"search\">Search the ideas</label>\n\
         <div class=\"govuk-hint\" id=\"search-hint\">Words from a title, summary, department, theme or name</div>\n\
         <input class=\"govuk-input\" id=\"search\" name=\"search\" type=\"search\" aria-describedby=\"search-hint\" autocomplete=\"off\" spellcheck=\"false\">\n\
         </div>\n",
    );
    main.push_str(&select("department", "Department or agency", "All departments", &departments));
    main.push_str(&select("theme", "Theme", "All themes", &themes));
    main.push_str(&select("stage", "Stage reached", "All stages", &stages));
    main.push_str(
        "<button type=\"reset\" class=\"govuk-button govuk-button--secondary\" id=\"clear\">Clear filters</button>\n</form>\n",
    );
    main.push_str(&format!(
        "<p class=\"govuk-body app-count\" id=\"result-count\" role=\"status\" aria-live=\"polite\">{n} {}</p>\n",
        if n == 1 { "idea" } else { "ideas" }
    ));
    main.push_str("<ul class=\"app-ideas\" id=\"ideas\">\n");
    for (k, i) in ideas.iter().enumerate() {
        main.push_str(&format!(
            "<li class=\"app-idea\" id=\"idea-{k}\">\n<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"{page}\">{title}</a></h2>\n\
             <p class=\"govuk-body\">{summary}</p>\n<p class=\"govuk-body-s app-meta\"><span>{reference}</span> · <span>{department}</span> · <span>{stage}</span>{themes}</p>\n</li>\n",
            page = html(&i.page),
            title = html(&i.title),
            summary = html(&excerpt(&i.summary, 300)),
            reference = html(&i.reference),
            department = html(if i.department.is_empty() { "Department not stated" } else { &i.department }),
            stage = html(&format!("Reached: {}", i.stage_reached)),
            themes = if i.themes.is_empty() {
                String::new()
            } else {
                format!(" · <span>{}</span>", html(&i.themes.join(", ")))
            },
        ));
    }
    main.push_str("</ul>\n");
    main.push_str(&format!(
        "<script type=\"application/json\" id=\"longlist-index\">{}</script>\n",
        script_json(&ideas)?
    ));
    Ok(page(&format!("{}: the longlist", settings.challenge), settings, "", &main, Some(SCRIPT)))
}

/// The first `max` characters of `s`, cut at a word, with an ellipsis when cut.
fn excerpt(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut =
        cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', '.', ';', ':']);
    format!("{cut}\u{2026}")
}

fn idea_page(i: &PublishedIdea, settings: &SiteSettings) -> String {
    let row = |key: &str, value: &str| {
        format!(
            "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">{}</dt>\n\
             <dd class=\"govuk-summary-list__value\">{}</dd>\n</div>\n",
            html(key),
            html(value)
        )
    };
    let mut main =
        String::from("<a href=\"../index.html\" class=\"govuk-back-link\">Back to the longlist</a>\n");
    main.push_str(&format!(
        "<span class=\"govuk-caption-l\">{}</span>\n<h1 class=\"govuk-heading-l\">{}</h1>\n",
        html(&i.reference),
        html(&i.title)
    ));
    main.push_str("<dl class=\"govuk-summary-list\">\n");
    main.push_str(&row(
        "Department or agency",
        if i.department.is_empty() { "Not stated" } else { &i.department },
    ));
    main.push_str(&row(
        "Themes",
        &if i.themes.is_empty() { "None given".to_owned() } else { i.themes.join(", ") },
    ));
    main.push_str(&row("Stage reached", &i.stage_reached));
    main.push_str(&row(
        "Sent in by",
        &if i.submitted_by.is_empty() { "Not published".to_owned() } else { i.submitted_by.join(", ") },
    ));
    main.push_str("</dl>\n<h2 class=\"govuk-heading-m\">Summary</h2>\n");
    for p in i.summary.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        main.push_str(&format!("<p class=\"govuk-body\">{}</p>\n", html(p).replace('\n', "<br>\n")));
    }
    page(&format!("{}: {}", i.reference, i.title), settings, "../", &main, None)
}
