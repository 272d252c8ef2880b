//! The participation report: who took part, and how far their ideas went.
//!
//! [`participation`] counts ideas by each [`Dimension`] (department or agency, profession,
//! grade, region, theme) against the stage each reached, with every category's share of all
//! ideas. [`csv`] writes the counts as one long table; [`document`] composes the challenge
//! report for `shortlist_pdf`.
//!
//! # Suppression
//!
//! A count of two ideas from one small agency can identify the people behind them, so a
//! published count below the threshold (default [`DEFAULT_THRESHOLD`], 5, a setting) is
//! suppressed, as official statistics do, and shown as `[c]`. The rule:
//!
//! 1. **Primary.** Any count from 1 to threshold − 1, in a cell or a total, is suppressed.
//!    Zeros are shown: there is no one in them to identify.
//! 2. **Secondary.** Each table is read with its margins: a row of cells sums to the row's
//!    total, a column to the column's total, and the totals to the number of ideas. Whenever
//!    one of those sums has exactly one suppressed figure in it, it could be worked out by
//!    subtraction, so one more figure in that sum is suppressed: the smallest non-zero cell
//!    inside the table if there is one, otherwise a zero, and a total only when nothing else is
//!    left. This repeats until no sum has exactly one suppressed figure.
//! 3. **Linked tables.** Every table shares one margin, the number of ideas at each stage. It
//!    is suppressed the same way in every table (the rule runs over all tables until none
//!    changes), so one table's total cannot undo another's suppression.
//!
//! A share is suppressed with its count. This stops recovery by subtraction within a table
//! and across the shared margin; like most practical rules it does not search for every
//! combination of equations, which is why small categories are better merged before
//! publishing (the caller can map them to "Other").

use chrono::{DateTime, Utc};
use serde::Serialize;
use shortlist_domain::{Marking, Stage};
use shortlist_pdf::{
    Bar, BarChart, Block, Cell, Column, ColumnWidth, Document, FontStyle, Fonts, Metadata, Span, Table,
    BODY_W, MM,
};

use crate::long_date;
use crate::text::csv_cell;

/// Counts below this are suppressed unless the caller sets otherwise.
pub const DEFAULT_THRESHOLD: u32 = 5;

/// The word shown for a suppressed figure, in tables and CSV (the ONS convention).
pub const SUPPRESSED: &str = "[c]";

/// What the report needs to know about one idea. The app fills it from the idea's details
/// (the submitter's department, profession, grade and region; its main theme) and its
/// history (the furthest stage it reached).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub department: String,
    pub profession: String,
    pub grade: String,
    pub region: String,
    /// The idea's main theme. One per idea, so each table's rows add up to the number of ideas.
    pub theme: String,
    /// The furthest stage the idea reached, or the exit it took (e.g. Ineligible). The report's
    /// columns are the stages that occur, in the challenge's order.
    pub stage_reached: Stage,
}

/// A way of dividing the ideas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    Department,
    Profession,
    Grade,
    Region,
    Theme,
}

impl Dimension {
    pub const ALL: [Dimension; 5] =
        [Dimension::Department, Dimension::Profession, Dimension::Grade, Dimension::Region, Dimension::Theme];

    /// The heading people read.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Department => "Department or agency",
            Dimension::Profession => "Profession",
            Dimension::Grade => "Grade",
            Dimension::Region => "Region",
            Dimension::Theme => "Theme",
        }
    }

    fn of(self, p: &Participant) -> &str {
        match self {
            Dimension::Department => &p.department,
            Dimension::Profession => &p.profession,
            Dimension::Grade => &p.grade,
            Dimension::Region => &p.region,
            Dimension::Theme => &p.theme,
        }
    }
}

/// The category for a blank answer.
pub const NOT_STATED: &str = "Not stated";

/// Why a figure is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Withheld {
    /// Below the threshold.
    Small,
    /// Not small itself, but withheld so that a small figure cannot be worked out from a total.
    Secondary,
}

/// A published count: shown, or withheld and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Figure {
    Shown { count: u32 },
    Withheld { why: Withheld },
}

impl Figure {
    /// The count, when it may be shown.
    pub fn shown(self) -> Option<u32> {
        match self {
            Figure::Shown { count } => Some(count),
            Figure::Withheld { .. } => None,
        }
    }

    /// The count as printed: the number, or [`SUPPRESSED`].
    pub fn display(self) -> String {
        self.shown().map_or_else(|| SUPPRESSED.to_owned(), |n| n.to_string())
    }
}

/// One category's row: its count at each of the table's stages, its total and its share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CategoryRow {
    pub category: String,
    /// One per [`ParticipationReport::stages`], in that order.
    pub by_stage: Vec<Figure>,
    pub total: Figure,
    /// The total's share of all ideas, 0–1; `None` when the total is withheld.
    pub share: Option<f64>,
}

/// One dimension against the stage reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CrossTable {
    pub dimension: Dimension,
    /// Largest total first; "Not stated" last.
    pub rows: Vec<CategoryRow>,
}

/// One stage's count and share of all ideas: the margin every table shares.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageCount {
    pub stage: Stage,
    pub count: Figure,
    pub share: Option<f64>,
}

/// The whole participation report, suppressed and ready to show or publish.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ParticipationReport {
    pub threshold: u32,
    pub total: Figure,
    /// The stages that occur, in the challenge's order: the columns of every table.
    pub stages: Vec<Stage>,
    pub by_stage: Vec<StageCount>,
    /// One per [`Dimension::ALL`], in that order.
    pub tables: Vec<CrossTable>,
}

/// One table before suppression, extended with its margins: `counts[i][j]` for category `i`
/// at stage `j`, the last column the row totals, the last row the stage totals.
struct Grid {
    categories: Vec<String>,
    counts: Vec<Vec<u32>>,
    withheld: Vec<Vec<Option<Withheld>>>,
}

impl Grid {
    fn rows(&self) -> usize {
        self.counts.len()
    }

    fn cols(&self) -> usize {
        self.counts[0].len()
    }

    fn is_margin(&self, i: usize, j: usize) -> bool {
        i + 1 == self.rows() || j + 1 == self.cols()
    }

    /// Applies the secondary rule once over every row and column; whether anything changed.
    fn protect(&mut self) -> bool {
        let mut changed = false;
        let lines: Vec<Vec<(usize, usize)>> = (0..self.rows())
            .map(|i| (0..self.cols()).map(|j| (i, j)).collect())
            .chain((0..self.cols()).map(|j| (0..self.rows()).map(|i| (i, j)).collect()))
            .collect();
        for line in lines {
            let withheld = line.iter().filter(|&&(i, j)| self.withheld[i][j].is_some()).count();
            if withheld != 1 {
                continue;
            }
            let pick = line
                .iter()
                .filter(|&&(i, j)| self.withheld[i][j].is_none())
                .min_by_key(|&&(i, j)| (self.is_margin(i, j), self.counts[i][j] == 0, self.counts[i][j]));
            if let Some(&(i, j)) = pick {
                self.withheld[i][j] = Some(Withheld::Secondary);
                changed = true;
            }
        }
        changed
    }

    fn figure(&self, i: usize, j: usize) -> Figure {
        match self.withheld[i][j] {
            Some(why) => Figure::Withheld { why },
            None => Figure::Shown { count: self.counts[i][j] },
        }
    }
}

/// Counts the ideas by every dimension and stage reached, and suppresses as the module says.
/// `threshold` 0 or 1 suppresses nothing (for the secretariat's own eyes, never to publish).
pub fn participation(participants: &[Participant], threshold: u32) -> ParticipationReport {
    let stages: Vec<Stage> =
        Stage::ALL.into_iter().filter(|s| participants.iter().any(|p| p.stage_reached == *s)).collect();
    let mut grids: Vec<Grid> = Dimension::ALL.iter().map(|&d| grid(participants, d, &stages)).collect();

    for g in &mut grids {
        for i in 0..g.rows() {
            for j in 0..g.cols() {
                let n = g.counts[i][j];
                if n > 0 && n < threshold {
                    g.withheld[i][j] = Some(Withheld::Small);
                }
            }
        }
    }
    // The shared margin (last row) must be withheld alike in every table: spread each table's
    // choice to the others, and run the rule again, until nothing changes.
    loop {
        let mut changed = false;
        for g in &mut grids {
            changed |= g.protect();
        }
        let mut shared: Vec<Option<Withheld>> = vec![None; stages.len() + 1];
        for g in &grids {
            let last = &g.withheld[g.rows() - 1];
            for (s, w) in shared.iter_mut().zip(last) {
                *s = s.or(*w);
            }
        }
        for g in &mut grids {
            let last = g.rows() - 1;
            if g.withheld[last] != shared {
                g.withheld[last] = shared.clone();
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    let total_count = participants.len() as u32;
    let first = &grids[0];
    let last = first.rows() - 1;
    let total = first.figure(last, stages.len());
    let share = |f: Figure| match (f.shown(), total.shown()) {
        (Some(n), Some(t)) if t > 0 => Some(f64::from(n) / f64::from(t)),
        _ => None,
    };
    let by_stage = stages
        .iter()
        .enumerate()
        .map(|(j, &stage)| {
            let count = first.figure(last, j);
            StageCount { stage, count, share: share(count) }
        })
        .collect();
    let tables = Dimension::ALL
        .iter()
        .zip(&grids)
        .map(|(&dimension, g)| CrossTable {
            dimension,
            rows: (0..g.rows() - 1)
                .map(|i| {
                    let total = g.figure(i, stages.len());
                    CategoryRow {
                        category: g.categories[i].clone(),
                        by_stage: (0..stages.len()).map(|j| g.figure(i, j)).collect(),
                        total,
                        share: share(total),
                    }
                })
                .collect(),
        })
        .collect();
    debug_assert!(total.shown().is_none_or(|t| t == total_count));
    ParticipationReport { threshold, total, stages, by_stage, tables }
}

fn grid(participants: &[Participant], dimension: Dimension, stages: &[Stage]) -> Grid {
    let mut categories: Vec<(String, Vec<u32>)> = Vec::new();
    for p in participants {
        let name = dimension.of(p).trim();
        let name = if name.is_empty() { NOT_STATED } else { name };
        let j = stages.iter().position(|s| *s == p.stage_reached).unwrap_or_default();
        let at = match categories.iter().position(|(c, _)| c == name) {
            Some(at) => at,
            None => {
                categories.push((name.to_owned(), vec![0; stages.len()]));
                categories.len() - 1
            }
        };
        categories[at].1[j] += 1;
    }
    categories.sort_by(|(a, ca), (b, cb)| {
        (a == NOT_STATED)
            .cmp(&(b == NOT_STATED))
            .then(cb.iter().sum::<u32>().cmp(&ca.iter().sum::<u32>()))
            .then(a.cmp(b))
    });
    let mut counts: Vec<Vec<u32>> = categories
        .iter()
        .map(|(_, c)| {
            let mut row = c.clone();
            row.push(c.iter().sum());
            row
        })
        .collect();
    let margin: Vec<u32> = (0..=stages.len()).map(|j| counts.iter().map(|r| r[j]).sum()).collect();
    counts.push(margin);
    let withheld = vec![vec![None; stages.len() + 1]; counts.len()];
    Grid { categories: categories.into_iter().map(|(c, _)| c).collect(), counts, withheld }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| SUPPRESSED.to_owned(), |s| format!("{:.1}", s * 100.0))
}

/// The report as one long CSV table, one row per dimension, category and stage:
/// `dimension,category,stage_reached,ideas,percent_of_all_ideas`. A category's total has stage
/// `All stages`; a dimension's stage totals have category `All`. Withheld figures read
/// [`SUPPRESSED`], in both the count and the percentage. Category names that a spreadsheet
/// would run as formulas are made text.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn csv(report: &ParticipationReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["dimension", "category", "stage_reached", "ideas", "percent_of_all_ideas"])?;
    for t in &report.tables {
        let dim = t.dimension.label();
        for row in &t.rows {
            let cat = csv_cell(&row.category);
            for (stage, f) in report.stages.iter().zip(&row.by_stage) {
                let share = report.total.shown().and_then(|t| share_of(*f, t));
                w.write_record([dim, &cat, stage.label(), &f.display(), &percent(share)])?;
            }
            w.write_record([dim, &cat, "All stages", &row.total.display(), &percent(row.share)])?;
        }
        for s in &report.by_stage {
            w.write_record([dim, "All", s.stage.label(), &s.count.display(), &percent(s.share)])?;
        }
        let all = report.total.shown().map(|_| 1.0);
        w.write_record([dim, "All", "All stages", &report.total.display(), &percent(all)])?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

fn share_of(f: Figure, total: u32) -> Option<f64> {
    f.shown().filter(|_| total > 0).map(|n| f64::from(n) / f64::from(total))
}

/// Who the report is for and when it was made: printed in every page's header and the PDF's
/// properties.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportImprint {
    pub challenge: String,
    pub marking: Marking,
    pub author: String,
    pub made_at: DateTime<Utc>,
    /// The dimensions drawn as small multiples (one chart per stage). Each adds a chart per
    /// stage, so the default is the department alone.
    pub small_multiples: Vec<Dimension>,
}

/// The most categories drawn in one chart; the table below it lists them all.
const CHART_BARS: usize = 12;

/// The challenge report as a document: a summary, how far the ideas went, and for each
/// dimension a chart and a table, then small multiples by stage. The suppression rule is stated
/// near the start and under every table; the marking is on every page.
pub fn document(report: &ParticipationReport, imprint: &ReportImprint) -> Document {
    let title = format!("{} – participation report", imprint.challenge);
    let meta = Metadata {
        title: title.clone(),
        author: imprint.author.clone(),
        subject: "Who took part, and how far their ideas went".to_owned(),
        language: "en-GB".to_owned(),
        date_label: long_date(imprint.made_at.date_naive()),
        created_unix: imprint.made_at.timestamp(),
    };
    let mut doc = Document::new(meta);
    if let Some(m) = imprint.marking.label() {
        doc = doc.with_marking(m);
    }
    let t = report.threshold;
    doc.push(Block::Heading { level: 1, text: title, bookmark: false });
    doc.push(Block::paragraph(format!(
        "{} ideas were sent in to the {}. This report counts them by the department or agency, profession, \
         grade and region of the person who sent each in, and by its main theme, against the furthest stage \
         each idea reached. Percentages are of all ideas.",
        report.total.display(),
        imprint.challenge
    )));
    if t > 1 {
        doc.push(Block::Paragraph(vec![
            Span::bold(format!("Counts of fewer than {t} are not shown. ")),
            Span::plain(suppression_note(t)),
        ]));
    } else {
        doc.push(Block::Paragraph(vec![Span::bold(
            "No counts are suppressed in this report: it is not for publication.",
        )]));
    }
    doc.push(Block::Contents { max_level: 2 });

    doc.push(Block::heading(2, "How far the ideas went"));
    let bars: Vec<Bar> = report
        .by_stage
        .iter()
        .filter_map(|s| {
            s.count.shown().map(|n| Bar { label: s.stage.label().to_owned(), value: f64::from(n) })
        })
        .collect();
    if !bars.is_empty() {
        doc.push(Block::BarChart(BarChart {
            bars,
            max: None,
            axis_label: "Ideas".to_owned(),
            alt: "Bar chart of how many ideas reached each stage of the challenge.".to_owned(),
        }));
    }
    doc.push(Block::Table(Table {
        columns: vec![Column::fr("Stage reached", 3.0), Column::fr("Ideas", 1.0), Column::fr("Percent", 1.0)],
        rows: report
            .by_stage
            .iter()
            .map(|s| {
                vec![Cell::text(s.stage.label()), Cell::text(s.count.display()), Cell::text(percent(s.share))]
            })
            .chain(std::iter::once(vec![
                Cell::Text(vec![Span::bold("All ideas")]),
                Cell::Text(vec![Span::bold(report.total.display())]),
                Cell::text(percent(report.total.shown().map(|_| 1.0))),
            ]))
            .collect(),
        min_row_height_mm: 0.0,
    }));

    for table in &report.tables {
        dimension_section(&mut doc, report, table);
    }
    for table in report.tables.iter().filter(|t| imprint.small_multiples.contains(&t.dimension)) {
        small_multiples(&mut doc, report, table);
    }
    doc
}

fn suppression_note(t: u32) -> String {
    format!(
        "They are shown as {SUPPRESSED}, as in official statistics, so that no one can be identified from them. \
         Where a hidden count could be worked out from a total, another count in the same row or column is \
         hidden too, also shown as {SUPPRESSED}. So {SUPPRESSED} means fewer than {t}, or hidden to protect a \
         count of fewer than {t}."
    )
}

fn dimension_section(doc: &mut Document, report: &ParticipationReport, table: &CrossTable) {
    let label = table.dimension.label();
    doc.push(Block::heading(2, format!("By {}", label.to_lowercase())));
    let mut shown: Vec<(&str, u32)> =
        table.rows.iter().filter_map(|r| r.total.shown().map(|n| (r.category.as_str(), n))).collect();
    shown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let hidden = table.rows.len() - shown.len();
    if !shown.is_empty() {
        let intro = if shown.len() > CHART_BARS {
            format!("The {CHART_BARS} largest of {} categories; the table lists them all.", table.rows.len())
        } else {
            format!("Ideas by {}.", label.to_lowercase())
        };
        let hidden_note = if hidden > 0 {
            format!(
                " {hidden} {} fewer than {} ideas, or a hidden total, and {} in the table only.",
                if hidden == 1 { "category has" } else { "categories have" },
                report.threshold,
                if hidden == 1 { "is" } else { "are" }
            )
        } else {
            String::new()
        };
        doc.push(Block::paragraph(format!("{intro}{hidden_note}")));
        doc.push(Block::BarChart(BarChart {
            bars: shown
                .iter()
                .take(CHART_BARS)
                .map(|(c, n)| Bar { label: (*c).to_owned(), value: f64::from(*n) })
                .collect(),
            max: None,
            axis_label: "Ideas".to_owned(),
            alt: format!("Bar chart of the number of ideas by {}.", label.to_lowercase()),
        }));
    }
    // Nine or ten narrow columns: each is as wide as its header's longest word, so no word
    // breaks, and the category takes the rest. The percentage goes when it would squeeze the
    // category below a readable width (it is in the CSV, and the chart above shows the totals).
    let mut numeric: Vec<Column> = report.stages.iter().map(|s| fitted(s.label())).collect();
    numeric.push(fitted("Total"));
    let used: f32 = numeric.iter().map(width_mm).sum();
    let with_percent = used + width_mm(&fitted("Percent")) + MIN_CATEGORY_MM <= BODY_W / MM;
    if with_percent {
        numeric.push(fitted("Percent"));
    }
    let mut columns = vec![Column::fr(label, 1.0)];
    columns.extend(numeric);
    let mut rows: Vec<Vec<Cell>> = table
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![Cell::text(&r.category)];
            cells.extend(r.by_stage.iter().map(|f| Cell::text(f.display())));
            cells.push(Cell::Text(vec![Span::bold(r.total.display())]));
            if with_percent {
                cells.push(Cell::text(percent(r.share)));
            }
            cells
        })
        .collect();
    let mut all = vec![Cell::Text(vec![Span::bold("All ideas")])];
    all.extend(report.by_stage.iter().map(|s| Cell::Text(vec![Span::bold(s.count.display())])));
    all.push(Cell::Text(vec![Span::bold(report.total.display())]));
    if with_percent {
        all.push(Cell::text(percent(report.total.shown().map(|_| 1.0))));
    }
    rows.push(all);
    doc.push(Block::Table(Table { columns, rows, min_row_height_mm: 0.0 }));
    let mut notes = Vec::new();
    if report.threshold > 1 {
        notes.push(format!(
            "{SUPPRESSED}: fewer than {t}, or hidden to protect a count of fewer than {t}.",
            t = report.threshold
        ));
    }
    if !with_percent {
        notes.push("Percentages of all ideas are in the CSV.".to_owned());
    }
    if !notes.is_empty() {
        doc.push(Block::Paragraph(vec![Span::italic(notes.join(" "))]));
    }
}

/// The narrowest a category column may be squeezed to, in millimetres.
const MIN_CATEGORY_MM: f32 = 38.0;

/// A column just wide enough for its header's longest word (or hyphenated part) in the table's
/// bold header type, with the cell's padding; a share of the width if the fonts are unusable.
fn fitted(header: &str) -> Column {
    let Ok(fonts) = Fonts::get() else { return Column::fr(header, 0.3) };
    let face = fonts.face(FontStyle::Bold);
    let widest = header
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| face.width(&format!("{w}-"), TABLE_HEADER_PT))
        .fold(face.width("100.0", TABLE_HEADER_PT), f32::max);
    Column::mm(header, ((widest + TABLE_PAD_PT) / MM).ceil())
}

fn width_mm(c: &Column) -> f32 {
    match c.width {
        ColumnWidth::Mm(mm) => mm,
        ColumnWidth::Fr(_) | ColumnWidth::Auto => 0.0,
    }
}

/// shortlist-pdf's table header size and a cell's padding either side, in points.
const TABLE_HEADER_PT: f32 = 10.0;
const TABLE_PAD_PT: f32 = 12.0;

/// One chart per stage for a dimension, on a common axis so the bars compare across charts.
fn small_multiples(doc: &mut Document, report: &ParticipationReport, table: &CrossTable) {
    let label = table.dimension.label().to_lowercase();
    let biggest =
        table.rows.iter().flat_map(|r| r.by_stage.iter().filter_map(|f| f.shown())).max().unwrap_or(0);
    if biggest == 0 {
        return;
    }
    doc.push(Block::heading(2, format!("Each stage by {label}")));
    doc.push(Block::paragraph(format!(
        "One chart for each stage reached, all on the same scale, showing where that stage's ideas came from. \
         At most the {CHART_BARS} largest categories; hidden counts ({SUPPRESSED}) are left out, not drawn as zero."
    )));
    let max = nice_ceiling(f64::from(biggest));
    // The same categories, in the same order, in every chart (the largest overall first), so
    // the eye can run down the page: a category with a shown count anywhere is in each chart
    // where its count is shown, zero included. Hidden counts are left out, never drawn as 0.
    let mut keep: Vec<&CategoryRow> =
        table.rows.iter().filter(|r| r.by_stage.iter().any(|f| f.shown().is_some_and(|n| n > 0))).collect();
    keep.sort_by(|a, b| b.total.shown().cmp(&a.total.shown()).then(a.category.cmp(&b.category)));
    keep.truncate(CHART_BARS);
    for (j, stage) in report.stages.iter().enumerate() {
        let bars: Vec<Bar> = keep
            .iter()
            .filter_map(|r| {
                r.by_stage[j].shown().map(|n| Bar { label: r.category.clone(), value: f64::from(n) })
            })
            .collect();
        if bars.iter().all(|b| b.value == 0.0) {
            continue;
        }
        doc.push(Block::Heading { level: 3, text: format!("Reached: {}", stage.label()), bookmark: false });
        doc.push(Block::BarChart(BarChart {
            bars,
            max: Some(max),
            axis_label: "Ideas".to_owned(),
            alt: format!("Bar chart of the ideas that reached {}, by {label}.", stage.label().to_lowercase()),
        }));
    }
}

/// 1, 2 or 5 times a power of ten, at or above `v`.
fn nice_ceiling(v: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * step >= v {
                return m * step;
            }
        }
        step *= 10.0;
    }
}
