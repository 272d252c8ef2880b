//! Layout: from a [`Document`] to positioned boxes ([`Laid`]).
//!
//! One pass places the blocks top to bottom, page by page; the things that depend on the end
//! result — "Page X of Y", the contents' page numbers and links — are filled in once every
//! page exists. The contents block's height never depends on its numbers (they sit in a
//! fixed column), so this second step moves nothing.
//!
//! Pages leave the engine as soon as they are full ([`PageSink`]): collected into a
//! [`Laid`] by [`layout`], or drawn straight away by [`crate::to_pdf`], so memory does not
//! grow with the document. Only the pages holding the contents wait for the end, for their
//! page numbers. The running header and footer ([`Decor`]) are drawn once the page count
//! is known.
//!
//! Tables are sized like CSS automatic table layout: each column's min-content width (its
//! longest word) and max-content width (its longest line), shared out to fit the page.
//!
//! As it places items, layout builds the structure tree (headings, paragraphs, lists,
//! tables with header cells, figures with alternative text, the contents as links) and
//! records which element each item belongs to, or that it is an artifact.

use std::cell::RefCell;
use std::rc::Rc;

use crate::document::{BarChart, Block, Cell, ColumnWidth, Document, DotPlot, Rag, Span, Table, Text};
use crate::fonts::{FontStyle, Fonts};
use crate::laid::{Anchor, Artifact, Item, Laid, Mark, Page, Rgb, Role, Scope, StructNode, TextRun};
use crate::wrap::{content_widths, header_min_width, truncate, wrap, wrap_prose, Line};
use crate::Error;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 width in points.
pub const PAGE_W: f32 = 210.0 * MM;
/// A4 height in points.
pub const PAGE_H: f32 = 297.0 * MM;
/// Left edge of the body.
pub const LEFT: f32 = 20.0 * MM;
/// Right edge of the body.
pub const RIGHT: f32 = PAGE_W - 20.0 * MM;
/// Width of the body.
pub const BODY_W: f32 = RIGHT - LEFT;
/// Top of the body (below the header).
pub const BODY_TOP: f32 = 27.0 * MM;
/// Bottom of the body (above the footer).
pub const BODY_BOTTOM: f32 = PAGE_H - 27.0 * MM;
const BODY_H: f32 = BODY_BOTTOM - BODY_TOP;

const BODY_SIZE: f32 = 11.0;
const BODY_LEADING: f32 = 15.5;
const PARA_AFTER: f32 = 8.0;

const TABLE_SIZE: f32 = 10.0;
const TABLE_LEADING: f32 = 13.5;
const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 4.5;

const BADGE_SIZE: f32 = 9.0;
const BADGE_H: f32 = 13.5;
const BADGE_PAD_X: f32 = 6.0;

const SMALL: f32 = 9.0;
const EPS: f32 = 0.01;

/// Heading metrics: size, leading, space before, space after.
fn heading_metrics(level: u8) -> (f32, f32, f32, f32) {
    match level {
        1 => (20.0, 25.0, 6.0, 10.0),
        2 => (15.5, 20.0, 16.0, 6.0),
        _ => (12.5, 16.0, 12.0, 4.0),
    }
}

/// Lays a document out into pages of positioned boxes.
///
/// # Errors
/// [`Error::HeadingLevel`], [`Error::TableShape`], [`Error::TableTooWide`] or
/// [`Error::ChartAxis`] when the document asks for something that cannot be drawn, and
/// [`Error::Font`] if the embedded fonts cannot be parsed.
pub fn layout(doc: &Document) -> Result<Laid, Error> {
    let fonts = Fonts::get()?;
    let mut pages: Vec<Page> = Vec::new();
    let out = run(doc, &mut |index: usize, page: Page| {
        if pages.len() <= index {
            pages.resize_with(index + 1, Page::default);
        }
        pages[index] = page;
    })?;
    pages.truncate(out.pages);
    let decor = Decor::new(fonts, doc);
    for (n, page) in pages.iter_mut().enumerate() {
        decor.draw(page, n, out.pages);
    }
    Ok(Laid {
        width: PAGE_W,
        height: PAGE_H,
        pages,
        outline: out.outline,
        meta: doc.meta.clone(),
        structure: out.structure,
    })
}

/// Where finished pages go, by zero-based index. Pages arrive as they fill, except those
/// holding the contents, which arrive at the end (so not always in order); each arrives
/// once, without its running header and footer.
pub(crate) trait PageSink {
    /// Takes a finished page.
    fn page(&mut self, index: usize, page: Page);
}

impl<F: FnMut(usize, Page)> PageSink for F {
    fn page(&mut self, index: usize, page: Page) {
        self(index, page);
    }
}

/// What layout knows once every page has gone to the sink.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// How many pages there are.
    pub pages: usize,
    /// The bookmarked headings.
    pub outline: Vec<Anchor>,
    /// The structure tree.
    pub structure: Vec<StructNode>,
}

/// Lays `doc` out, handing each finished page to `sink`.
pub(crate) fn run(doc: &Document, sink: &mut dyn PageSink) -> Result<Outcome, Error> {
    let fonts = Fonts::get()?;
    validate(doc)?;
    let mut e = Engine {
        fonts,
        sink,
        cur: Page::default(),
        index: 0,
        held: Vec::new(),
        y: BODY_TOP,
        fresh: true,
        outline: Vec::new(),
        toc_slots: Vec::new(),
        structure: vec![StructNode { role: Role::Document, parent: None, alt: None }],
        mark: Mark::Node(0),
        spec_cache: RefCell::new(None),
        para_cache: RefCell::new(None),
    };
    let bookmarks: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text, bookmark: true } => Some((*level, text.as_str())),
            _ => None,
        })
        .collect();
    for (i, block) in doc.blocks.iter().enumerate() {
        e.place(block, &doc.blocks[i + 1..], &bookmarks)?;
    }
    // A trailing page break leaves an empty last page; drop it.
    let pages = if e.index > 0 && e.fresh {
        e.index
    } else {
        e.finish_page();
        e.index + 1
    };
    e.fill_contents();
    for (index, page) in std::mem::take(&mut e.held) {
        e.sink.page(index, page);
    }
    Ok(Outcome { pages, outline: e.outline, structure: e.structure })
}

/// How many pages the document will take, without drawing it.
///
/// # Errors
/// As [`layout`].
pub fn page_count(doc: &Document) -> Result<usize, Error> {
    Ok(layout(doc)?.pages.len())
}

fn validate(doc: &Document) -> Result<(), Error> {
    for block in &doc.blocks {
        match block {
            Block::Heading { level, .. } | Block::Contents { max_level: level }
                if !(1..=3).contains(level) =>
            {
                return Err(Error::HeadingLevel(*level));
            }
            Block::Table(t) => {
                for (row, cells) in t.rows.iter().enumerate() {
                    if cells.len() != t.columns.len() {
                        return Err(Error::TableShape { row, found: cells.len(), expected: t.columns.len() });
                    }
                }
                fixed_widths_fit(t)?;
            }
            Block::BarChart(BarChart { max: Some(max), .. }) if !(*max > 0.0 && max.is_finite()) => {
                return Err(Error::ChartAxis { min: 0.0, max: *max });
            }
            Block::DotPlot(p) if !(p.max > p.min && p.min.is_finite() && p.max.is_finite()) => {
                return Err(Error::ChartAxis { min: p.min, max: p.max });
            }
            _ => {}
        }
    }
    Ok(())
}

fn fixed_widths_fit(t: &Table) -> Result<(), Error> {
    let fixed: f32 = t
        .columns
        .iter()
        .map(|c| match c.width {
            ColumnWidth::Mm(mm) => mm.max(0.0) * MM,
            _ => 0.0,
        })
        .sum();
    if fixed > BODY_W + EPS {
        return Err(Error::TableTooWide { needed_mm: fixed / MM, available_mm: BODY_W / MM });
    }
    Ok(())
}

/// A column's content widths, padding included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ContentWidth {
    /// The widest word (or badge): narrower, and a word must be split.
    pub min: f32,
    /// The widest line with no wrapping: wider, and the column only adds white space.
    pub max: f32,
}

/// Column widths in points that add up to `avail`, like CSS automatic table layout
/// (CSS 2.1, 17.5.2.2, and the min/max-content distribution browsers use): fixed columns
/// keep their width; if every automatic column can have its max-content width, it does, and
/// fractional columns share what is left (never below their min-content width); otherwise
/// every flexible column gets its min-content width plus a share of the rest in proportion
/// to how much more it could use; and if even the min-content widths do not fit, they are
/// scaled down (and long words are hyphenated to fit).
pub(crate) fn share_widths(widths: &[ColumnWidth], content: &[ContentWidth], avail: f32) -> Vec<f32> {
    let fixed: f32 = widths
        .iter()
        .map(|w| match w {
            ColumnWidth::Mm(mm) => mm.max(0.0) * MM,
            _ => 0.0,
        })
        .sum();
    let room = (avail - fixed).max(0.0);
    let flex: Vec<usize> = (0..widths.len()).filter(|&i| !matches!(widths[i], ColumnWidth::Mm(_))).collect();
    let mut out: Vec<f32> = widths
        .iter()
        .map(|w| match w {
            ColumnWidth::Mm(mm) => mm.max(0.0) * MM,
            _ => 0.0,
        })
        .collect();
    if flex.is_empty() {
        return out;
    }
    let fr = |i: usize| match widths[i] {
        ColumnWidth::Fr(f) => Some(f.max(0.0)),
        _ => None,
    };
    let autos_max: f32 = flex.iter().filter(|&&i| fr(i).is_none()).map(|&i| content[i].max).sum();
    let frs_min: f32 = flex.iter().filter_map(|&i| fr(i).map(|_| content[i].min)).sum();
    let sum_min: f32 = flex.iter().map(|&i| content[i].min).sum();
    let has_fr = flex.iter().any(|&i| fr(i).is_some());
    if autos_max + frs_min <= room + EPS {
        for &i in &flex {
            out[i] = content[i].max;
        }
        let mut left = room - autos_max;
        if has_fr {
            // Fractions of what is left, raising any column below its min-content width to
            // that width and sharing the rest among the others.
            let mut open: Vec<usize> = flex.iter().copied().filter(|&i| fr(i).is_some()).collect();
            loop {
                let total: f32 = open.iter().filter_map(|&i| fr(i)).sum();
                let share = |i: usize| {
                    if total > 0.0 {
                        left * fr(i).unwrap_or(0.0) / total
                    } else {
                        left / open.len() as f32
                    }
                };
                if let Some(k) = open.iter().position(|&i| share(i) < content[i].min - EPS) {
                    let i = open.remove(k);
                    out[i] = content[i].min;
                    left -= content[i].min;
                    continue;
                }
                for &i in &open {
                    out[i] = share(i);
                }
                break;
            }
        } else {
            // No fractional column: widen the automatic ones in proportion to their content.
            let total: f32 = flex.iter().map(|&i| content[i].max).sum();
            for &i in &flex {
                out[i] += if total > 0.0 { left * content[i].max / total } else { left / flex.len() as f32 };
            }
        }
    } else if sum_min <= room + EPS {
        // Every column gets its min-content width. A column that wants less than an equal
        // share of what is left gets all it wants first (a short header such as "Benefits"
        // over narrower badges stays whole for a few points); the rest is shared in
        // proportion to what each column could still use (max − min), as browsers do, so
        // the long titles get most of it.
        let want = |i: usize| (content[i].max - content[i].min).max(0.0);
        let mut spare = room - sum_min;
        for &i in &flex {
            out[i] = content[i].min;
        }
        let mut open: Vec<usize> = flex.iter().copied().filter(|&i| want(i) > EPS).collect();
        open.sort_by(|&a, &b| want(a).total_cmp(&want(b)));
        while let Some(&i) = open.first() {
            if want(i) > spare / open.len() as f32 {
                break;
            }
            out[i] += want(i);
            spare -= want(i);
            open.remove(0);
        }
        let total: f32 = open.iter().map(|&i| want(i)).sum();
        if total > 0.0 {
            for &i in &open {
                out[i] += spare * want(i) / total;
            }
        } else {
            for &i in &flex {
                out[i] += spare / flex.len() as f32;
            }
        }
    } else {
        for &i in &flex {
            out[i] = content[i].min * room / sum_min;
        }
    }
    out
}

/// A table cell after wrapping.
enum LaidCell {
    Lines(Vec<Line>),
    Badge(Rag),
    Blank,
}

impl LaidCell {
    fn line_count(&self) -> usize {
        match self {
            LaidCell::Lines(l) => l.len(),
            _ => 0,
        }
    }

    fn height(&self, from: usize) -> f32 {
        match self {
            LaidCell::Lines(l) => l.len().saturating_sub(from) as f32 * TABLE_LEADING,
            LaidCell::Badge(_) if from == 0 => BADGE_H,
            _ => 0.0,
        }
    }
}

/// A table ready to place: header and body cells wrapped to their column widths.
struct TableSpec {
    col_w: Vec<f32>,
    header: Option<Vec<LaidCell>>,
    rows: Vec<Vec<LaidCell>>,
    min_row_h: f32,
    grid: bool,
    /// The first cell of each row heads its row (key–value lists).
    row_headers: bool,
}

impl TableSpec {
    fn row_height(&self, cells: &[LaidCell], from: &[usize], first: bool) -> f32 {
        let content = cells.iter().zip(from).map(|(c, f)| c.height(*f)).fold(0.0, f32::max);
        let h = content + 2.0 * CELL_PAD_Y;
        if first {
            h.max(self.min_row_h)
        } else {
            h
        }
    }

    fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, |h| self.row_height(h, &vec![0; h.len()], true))
    }

    /// The whole table's height when it is short enough to keep on one page (a judge's
    /// scoring grid, a criteria list): split, its last rows would sit alone under a
    /// repeated header. `None` for a longer table, which breaks between rows.
    fn kept_height(&self) -> Option<f32> {
        let mut h = self.header_height();
        for r in &self.rows {
            h += self.row_height(r, &vec![0; r.len()], true);
            if h > KEEP_TABLE_H {
                return None;
            }
        }
        Some(h)
    }
}

/// Tables up to this tall are kept on one page.
const KEEP_TABLE_H: f32 = BODY_H / 3.0;

/// Where a chart's value axis is drawn, and the values at its ends.
#[derive(Clone, Copy)]
struct Axis {
    plot_x: f32,
    plot_w: f32,
    /// Top of the plot area (gridlines start here).
    top: f32,
    /// The axis line.
    bottom: f32,
    min: f64,
    max: f64,
}

struct TocSlot {
    page: usize,
    number_item: usize,
    link_item: usize,
    anchor: usize,
}

struct Engine<'a> {
    fonts: &'a Fonts,
    sink: &'a mut dyn PageSink,
    /// The page being filled.
    cur: Page,
    /// Its zero-based index.
    index: usize,
    /// Finished pages that wait for the end: those with contents entries to fill in.
    held: Vec<(usize, Page)>,
    /// Top of the free space on the current page.
    y: f32,
    /// Nothing has been placed on the current page yet.
    fresh: bool,
    outline: Vec<Anchor>,
    toc_slots: Vec<TocSlot>,
    structure: Vec<StructNode>,
    /// What the next items pushed are.
    mark: Mark,
    /// The last table sized: a heading's keep-with-next check sizes the table after it,
    /// which is then placed, and sizing a table wraps every cell.
    spec_cache: RefCell<Option<(usize, Rc<TableSpec>)>>,
    /// The last paragraph wrapped by a heading's keep-with-next check, by address, so
    /// placing it does not wrap it again.
    para_cache: RefCell<Option<(usize, Vec<Line>)>>,
}

impl Engine<'_> {
    /// Hands the current page on, or holds it if contents entries on it await numbers.
    fn finish_page(&mut self) {
        let page = std::mem::take(&mut self.cur);
        if self.toc_slots.iter().any(|s| s.page == self.index) {
            self.held.push((self.index, page));
        } else {
            self.sink.page(self.index, page);
        }
    }

    fn new_page(&mut self) {
        self.finish_page();
        self.index += 1;
        self.y = BODY_TOP;
        self.fresh = true;
    }

    /// A new structure element under `parent`.
    fn node(&mut self, role: Role, parent: u32) -> u32 {
        self.structure.push(StructNode { role, parent: Some(parent), alt: None });
        (self.structure.len() - 1) as u32
    }

    /// Makes the next items content of `node` (or an artifact); returns what they were.
    fn set_mark(&mut self, mark: Mark) -> Mark {
        std::mem::replace(&mut self.mark, mark)
    }

    /// Pushes a decoration (rule, background, shape) as a layout artifact.
    fn push_artifact(&mut self, item: Item) -> usize {
        let before = self.set_mark(Mark::Artifact(Artifact::Layout));
        let i = self.push(item);
        self.mark = before;
        i
    }

    /// Starts a new page unless `h` fits below the cursor (or the page is still empty).
    fn ensure(&mut self, h: f32) {
        if self.y + h > BODY_BOTTOM + EPS && !self.fresh {
            self.new_page();
        }
    }

    fn push(&mut self, item: Item) -> usize {
        self.fresh = false;
        let page = &mut self.cur;
        if page.marks.last().map(|m| m.1) != Some(self.mark) {
            page.marks.push((page.items.len() as u32, self.mark));
        }
        page.items.push(item);
        page.items.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f32, baseline: f32, font: FontStyle, size: f32, color: Rgb, s: &str) -> usize {
        let width = self.fonts.face(font).width(s, size);
        self.push(Item::Text(TextRun { x, y: baseline, font, size, color, text: s.to_string(), width }))
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.push_artifact(Item::Line { x1, y1: y, x2, y2: y, width, color, dotted: false });
    }

    /// Draws a wrapped line whose box starts at `top`.
    fn draw_line(&mut self, line: &Line, x: f32, top: f32, size: f32, leading: f32) {
        let baseline = baseline(top, size, leading);
        for run in &line.runs {
            let text = run.text.trim_end();
            if text.is_empty() {
                continue;
            }
            self.text(x + run.x, baseline, run.style, size, Rgb::TEXT, text);
        }
    }

    fn place(&mut self, block: &Block, rest: &[Block], bookmarks: &[(u8, &str)]) -> Result<(), Error> {
        match block {
            Block::Heading { level, text, bookmark } => self.heading(*level, text, *bookmark, rest),
            Block::Paragraph(t) => self.paragraph(t),
            Block::List { ordered, items } => self.list(*ordered, items),
            Block::KeyValue(rows) => {
                let spec = self.key_value_spec(rows);
                self.table(&spec);
            }
            Block::Table(t) => {
                let spec = self.table_spec(t);
                self.table(&spec);
            }
            Block::Ratings(r) => self.ratings(r),
            Block::BarChart(c) => self.bar_chart(c),
            Block::DotPlot(p) => self.dot_plot(p),
            Block::WriteBox { label, height_mm } => self.write_box(label, *height_mm),
            Block::Contents { max_level } => self.contents(*max_level, bookmarks),
            Block::Space(mm) => {
                if !self.fresh {
                    self.y = (self.y + mm * MM).min(BODY_BOTTOM);
                }
            }
            Block::PageBreak => {
                if !self.fresh {
                    self.new_page();
                }
            }
        }
        Ok(())
    }

    /// The height a block needs on the current page before it can start there: what a
    /// heading above it must be kept with.
    fn lead(&self, rest: &[Block]) -> f32 {
        let Some(block) = rest.first() else {
            return 0.0;
        };
        let h = match block {
            Block::Heading { level, text, .. } => {
                let (size, leading, _, after) = heading_metrics(*level);
                let n = wrap(self.fonts, &[Span::bold(text.as_str())], size, BODY_W, true).len();
                n as f32 * leading + after + self.lead(&rest[1..])
            }
            Block::Paragraph(t) => {
                let lines = wrap_prose(self.fonts, t, BODY_SIZE, BODY_W);
                let n = lines.len();
                *self.para_cache.borrow_mut() = Some((t as *const Text as usize, lines));
                // A one- or two-line paragraph introduces what follows ("Score each
                // criterion…" above the grid): the heading keeps both with it.
                let introduces =
                    matches!(rest.get(1), Some(Block::Table(_) | Block::List { .. } | Block::KeyValue(_)));
                let next = if n <= 2 && introduces { PARA_AFTER + self.lead(&rest[1..]) } else { 0.0 };
                n.min(2) as f32 * BODY_LEADING + next
            }
            Block::List { items, .. } if !items.is_empty() => 2.0 * BODY_LEADING,
            Block::KeyValue(rows) if !rows.is_empty() => {
                let spec = self.key_value_spec(&rows[..1]);
                spec.row_height(&spec.rows[0], &[0, 0], true)
            }
            Block::Table(t) => {
                let spec = self.table_spec(t);
                let first = spec.rows.first().map_or(0.0, |r| spec.row_height(r, &vec![0; r.len()], true));
                spec.kept_height()
                    .unwrap_or(spec.header_height() + first.min(2.0 * TABLE_LEADING + 2.0 * CELL_PAD_Y))
            }
            Block::Ratings(_) => 20.0,
            Block::BarChart(c) => bar_chart_height(c.bars.len()),
            Block::DotPlot(p) => dot_plot_height(p.rows.len()),
            Block::WriteBox { height_mm, .. } => BODY_LEADING + 4.0 + height_mm * MM,
            Block::Contents { .. } => 2.0 * BODY_LEADING,
            _ => 0.0,
        };
        // Never demand more than a page, or a long block would leave its heading stranded
        // on a page of its own anyway.
        h.min(BODY_H * 0.5)
    }

    fn heading(&mut self, level: u8, text: &str, bookmark: bool, rest: &[Block]) {
        let (size, leading, before, after) = heading_metrics(level);
        let lines = wrap(self.fonts, &[Span::bold(text)], size, BODY_W, true);
        let need = lines.len() as f32 * leading + after + self.lead(rest);
        if !self.fresh {
            if self.y + before + need > BODY_BOTTOM + EPS {
                self.new_page();
            } else {
                self.y += before;
            }
        }
        if bookmark {
            self.outline.push(Anchor {
                level,
                title: text.split_whitespace().collect::<Vec<_>>().join(" "),
                page: self.index,
                y: self.y,
            });
        }
        let node = self.node(Role::H(level), 0);
        let before = self.set_mark(Mark::Node(node));
        for line in &lines {
            self.draw_line(line, LEFT, self.y, size, leading);
            self.y += leading;
        }
        self.mark = before;
        self.y += after;
    }

    /// Places wrapped lines, moving to a new page as needed, keeping the first two together.
    fn flow(&mut self, lines: &[Line], x: f32, size: f32, leading: f32) {
        self.ensure(lines.len().min(2) as f32 * leading);
        for line in lines {
            self.ensure(leading);
            self.draw_line(line, x, self.y, size, leading);
            self.y += leading;
        }
    }

    fn paragraph(&mut self, t: &Text) {
        let cached = self.para_cache.borrow_mut().take().filter(|(k, _)| *k == t as *const Text as usize);
        let lines = cached.map_or_else(|| wrap_prose(self.fonts, t, BODY_SIZE, BODY_W), |(_, l)| l);
        let node = self.node(Role::P, 0);
        let before = self.set_mark(Mark::Node(node));
        self.flow(&lines, LEFT, BODY_SIZE, BODY_LEADING);
        self.mark = before;
        self.y += PARA_AFTER;
    }

    fn list(&mut self, ordered: bool, items: &[Text]) {
        let indent = 7.0 * MM;
        let list = self.node(Role::L, 0);
        let before = self.mark;
        for (i, item) in items.iter().enumerate() {
            let lines = wrap_prose(self.fonts, item, BODY_SIZE, BODY_W - indent);
            self.ensure(lines.len().min(2) as f32 * BODY_LEADING);
            let li = self.node(Role::LI, list);
            let lbl = self.node(Role::Lbl, li);
            let body = self.node(Role::LBody, li);
            self.mark = Mark::Node(lbl);
            let bl = baseline(self.y, BODY_SIZE, BODY_LEADING);
            if ordered {
                let n = format!("{}.", i + 1);
                let w = self.fonts.face(FontStyle::Regular).width(&n, BODY_SIZE);
                self.text(LEFT + indent - 2.5 * MM - w, bl, FontStyle::Regular, BODY_SIZE, Rgb::TEXT, &n);
            } else {
                self.text(LEFT + 1.5 * MM, bl, FontStyle::Regular, BODY_SIZE, Rgb::TEXT, "•");
            }
            self.mark = Mark::Node(body);
            self.flow(&lines, LEFT + indent, BODY_SIZE, BODY_LEADING);
            self.y += 3.0;
        }
        self.mark = before;
        self.y += PARA_AFTER - 3.0;
    }

    fn cell(&self, cell: &Cell, width: f32, bold: bool) -> LaidCell {
        match cell {
            Cell::Text(t) => {
                LaidCell::Lines(wrap(self.fonts, t, TABLE_SIZE, (width - 2.0 * CELL_PAD_X).max(1.0), bold))
            }
            Cell::Rag(r) => LaidCell::Badge(*r),
            Cell::Blank => LaidCell::Blank,
        }
    }

    /// A cell's content widths, padding included.
    fn content_width(&self, cell: &Cell, bold: bool) -> ContentWidth {
        let (min, max) = match cell {
            Cell::Text(t) => content_widths(self.fonts, t, TABLE_SIZE, bold),
            Cell::Rag(r) => {
                let w = self.badge_width(*r);
                (w, w)
            }
            Cell::Blank => (0.0, 0.0),
        };
        ContentWidth { min: min + 2.0 * CELL_PAD_X, max: max + 2.0 * CELL_PAD_X }
    }

    /// The table's column widths (see [`share_widths`]).
    fn column_widths(&self, t: &Table) -> Vec<f32> {
        // A header word may be hyphenated once (see `header_min_width`).
        let mut content: Vec<ContentWidth> = t
            .columns
            .iter()
            .map(|c| {
                let (_, max) = content_widths(self.fonts, &[Span::bold(c.header.as_str())], TABLE_SIZE, true);
                let min = header_min_width(self.fonts, &c.header, TABLE_SIZE);
                ContentWidth { min: min + 2.0 * CELL_PAD_X, max: max + 2.0 * CELL_PAD_X }
            })
            .collect();
        for row in &t.rows {
            for (c, cell) in content.iter_mut().zip(row) {
                let w = self.content_width(cell, false);
                c.min = c.min.max(w.min);
                c.max = c.max.max(w.max);
            }
        }
        let widths: Vec<ColumnWidth> = t.columns.iter().map(|c| c.width).collect();
        share_widths(&widths, &content, BODY_W)
    }

    fn table_spec(&self, t: &Table) -> Rc<TableSpec> {
        let key = t as *const Table as usize;
        if let Some((k, spec)) = self.spec_cache.borrow().as_ref() {
            if *k == key {
                return Rc::clone(spec);
            }
        }
        let col_w = self.column_widths(t);
        let header = t
            .columns
            .iter()
            .zip(&col_w)
            .map(|(c, w)| self.cell(&Cell::Text(vec![Span::bold(c.header.as_str())]), *w, true))
            .collect();
        let rows = t
            .rows
            .iter()
            .map(|r| r.iter().zip(&col_w).map(|(c, w)| self.cell(c, *w, false)).collect())
            .collect();
        let spec = Rc::new(TableSpec {
            header: Some(header),
            rows,
            min_row_h: t.min_row_height_mm.max(0.0) * MM,
            grid: t.rows.iter().flatten().any(|c| matches!(c, Cell::Blank)),
            row_headers: false,
            col_w,
        });
        *self.spec_cache.borrow_mut() = Some((key, Rc::clone(&spec)));
        spec
    }

    fn key_value_spec(&self, rows: &[(String, Text)]) -> TableSpec {
        let col_w = vec![BODY_W * 0.32, BODY_W * 0.68];
        let rows = rows
            .iter()
            .map(|(k, v)| {
                vec![
                    self.cell(&Cell::Text(vec![Span::bold(k.as_str())]), col_w[0], true),
                    self.cell(&Cell::Text(v.clone()), col_w[1], false),
                ]
            })
            .collect();
        TableSpec { col_w, header: None, rows, min_row_h: 0.0, grid: false, row_headers: true }
    }

    fn table(&mut self, spec: &TableSpec) {
        let header_h = spec.header_height();
        let first_h = spec.rows.first().map_or(0.0, |r| spec.row_height(r, &vec![0; r.len()], true));
        self.ensure(spec.kept_height().unwrap_or(header_h + first_h.min(BODY_H - header_h)));
        let table = self.node(Role::Table, 0);
        if let Some(header) = &spec.header {
            let tr = self.node(Role::TR, table);
            let cells: Vec<u32> = header.iter().map(|_| self.node(Role::TH(Scope::Column), tr)).collect();
            let h = spec.header_height();
            let to: Vec<usize> = header.iter().map(LaidCell::line_count).collect();
            self.table_row(spec, header, &vec![0; header.len()], &to, true, h, true, Some(&cells));
        }
        for cells in &spec.rows {
            let tr = self.node(Role::TR, table);
            let nodes: Vec<u32> = (0..cells.len())
                .map(|i| {
                    let role = if spec.row_headers && i == 0 { Role::TH(Scope::Row) } else { Role::TD };
                    self.node(role, tr)
                })
                .collect();
            let nodes = Some(&nodes[..]);
            let mut from = vec![0usize; cells.len()];
            let mut first = true;
            let mut only_header = false;
            loop {
                let h = spec.row_height(cells, &from, first);
                if self.y + h <= BODY_BOTTOM + EPS {
                    let to: Vec<usize> = cells.iter().map(LaidCell::line_count).collect();
                    self.table_row(spec, cells, &from, &to, first, h, false, nodes);
                    break;
                }
                if first && !only_header && h <= BODY_H - header_h {
                    // The whole row fits on a fresh page: move it there intact.
                    self.new_page();
                    self.table_header(spec);
                    only_header = true;
                    continue;
                }
                // Split the row between lines.
                let avail = BODY_BOTTOM - self.y - 2.0 * CELL_PAD_Y;
                let mut k = (avail / TABLE_LEADING + EPS).floor().max(0.0) as usize;
                let badge_blocks =
                    first && cells.iter().any(|c| matches!(c, LaidCell::Badge(_))) && avail < BADGE_H;
                if (k == 0 || badge_blocks) && !only_header {
                    self.new_page();
                    self.table_header(spec);
                    only_header = true;
                    continue;
                }
                k = k.max(1);
                let to: Vec<usize> =
                    cells.iter().zip(&from).map(|(c, f)| (f + k).min(c.line_count())).collect();
                let frag_h = (BODY_BOTTOM - self.y).max(k as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y);
                self.table_row(spec, cells, &from, &to, first, frag_h, false, nodes);
                from = to;
                first = false;
                self.new_page();
                self.table_header(spec);
                only_header = true;
            }
        }
        self.y += PARA_AFTER + 2.0;
    }

    /// The header row repeated at the top of a continuation page: an artifact, since the
    /// structure tree already has it once.
    fn table_header(&mut self, spec: &TableSpec) {
        if let Some(header) = &spec.header {
            let h = spec.header_height();
            let to: Vec<usize> = header.iter().map(LaidCell::line_count).collect();
            self.table_row(spec, header, &vec![0; header.len()], &to, true, h, true, None);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn table_row(
        &mut self,
        spec: &TableSpec,
        cells: &[LaidCell],
        from: &[usize],
        to: &[usize],
        first: bool,
        h: f32,
        header: bool,
        nodes: Option<&[u32]>,
    ) {
        let top = self.y;
        let width: f32 = spec.col_w.iter().sum();
        let before = self.mark;
        if header {
            self.push_artifact(Item::Rect {
                x: LEFT,
                y: top,
                w: width,
                h,
                radius: 0.0,
                fill: Some(Rgb::LIGHT_GREY),
                stroke: None,
            });
        }
        if spec.grid || header {
            self.rule(LEFT, LEFT + width, top, 0.5, Rgb::BORDER);
        }
        let mut x = LEFT;
        for (i, cell) in cells.iter().enumerate() {
            self.mark = nodes.map_or(Mark::Artifact(Artifact::Layout), |n| Mark::Node(n[i]));
            match cell {
                LaidCell::Lines(lines) => {
                    for (n, line) in lines[from[i]..to[i]].iter().enumerate() {
                        let line_top = top + CELL_PAD_Y + n as f32 * TABLE_LEADING;
                        self.draw_line(line, x + CELL_PAD_X, line_top, TABLE_SIZE, TABLE_LEADING);
                    }
                }
                LaidCell::Badge(r) if first => {
                    self.badge(*r, x + CELL_PAD_X, top + CELL_PAD_Y);
                }
                _ => {}
            }
            x += spec.col_w[i];
        }
        self.mark = before;
        if spec.grid {
            let mut x = LEFT;
            for w in std::iter::once(&0.0).chain(&spec.col_w) {
                x += w;
                self.push_artifact(Item::Line {
                    x1: x,
                    y1: top,
                    x2: x,
                    y2: top + h,
                    width: 0.5,
                    color: Rgb::BORDER,
                    dotted: false,
                });
            }
        }
        self.rule(LEFT, LEFT + width, top + h, if header { 1.0 } else { 0.5 }, Rgb::BORDER);
        self.y = top + h;
    }

    /// Draws a RAG badge with its top-left at (x, top); returns its width.
    fn badge(&mut self, rag: Rag, x: f32, top: f32) -> f32 {
        let (fill, ink) = rag_colours(rag);
        let label = rag.label();
        let tw = self.fonts.face(FontStyle::Bold).width(label, BADGE_SIZE);
        let w = tw + 2.0 * BADGE_PAD_X;
        self.push_artifact(Item::Rect {
            x,
            y: top,
            w,
            h: BADGE_H,
            radius: 3.0,
            fill: Some(fill),
            stroke: None,
        });
        let bl = top + BADGE_H / 2.0 + 0.36 * BADGE_SIZE;
        self.text(x + BADGE_PAD_X, bl, FontStyle::Bold, BADGE_SIZE, ink, label);
        w
    }

    fn badge_width(&self, rag: Rag) -> f32 {
        self.fonts.face(FontStyle::Bold).width(rag.label(), BADGE_SIZE) + 2.0 * BADGE_PAD_X
    }

    fn ratings(&mut self, ratings: &[(String, Rag)]) {
        let row_h = BADGE_H + 7.0;
        let gap = 5.0;
        let between = 16.0;
        self.ensure(row_h);
        let node = self.node(Role::P, 0);
        let before = self.set_mark(Mark::Node(node));
        let mut x = LEFT;
        for (label, rag) in ratings {
            let label = truncate(self.fonts, FontStyle::Regular, BODY_SIZE, label, BODY_W * 0.6);
            let lw = self.fonts.face(FontStyle::Regular).width(&label, BODY_SIZE);
            let total = lw + gap + self.badge_width(*rag);
            if x > LEFT && x + total > RIGHT {
                x = LEFT;
                self.y += row_h;
                self.ensure(row_h);
            }
            let top = self.y + (row_h - BADGE_H) / 2.0;
            let bl = top + BADGE_H / 2.0 + 0.36 * BADGE_SIZE;
            self.text(x, bl, FontStyle::Regular, BODY_SIZE, Rgb::TEXT, &label);
            let bw = self.badge(*rag, x + lw + gap, top);
            x += lw + gap + bw + between;
        }
        self.mark = before;
        self.y += row_h + PARA_AFTER;
    }

    /// The label column and plot area of a chart whose row labels are `labels`.
    fn chart_frame<'s>(&self, labels: impl Iterator<Item = &'s str>) -> (f32, f32) {
        let face = self.fonts.face(FontStyle::Regular);
        let widest = labels.map(|l| face.width(l, SMALL + 0.5)).fold(0.0, f32::max);
        let label_w = (widest + 10.0).min(BODY_W * 0.35);
        let plot_x = LEFT + label_w;
        let plot_w = BODY_W - label_w - 34.0;
        (plot_x, plot_w)
    }

    fn axis(&mut self, a: &Axis, ticks: &[f64], label: &str) {
        let Axis { plot_x, plot_w, top, bottom, min, max } = *a;
        let scale = |v: f64| plot_x + ((v - min) / (max - min)) as f32 * plot_w;
        for &t in ticks {
            let x = scale(t);
            self.push(Item::Line {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
                width: 0.5,
                color: Rgb::BORDER,
                dotted: false,
            });
            self.push(Item::Line {
                x1: x,
                y1: bottom,
                x2: x,
                y2: bottom + 3.0,
                width: 0.75,
                color: Rgb::TEXT,
                dotted: false,
            });
            let s = fmt_num(t);
            let w = self.fonts.face(FontStyle::Regular).width(&s, SMALL - 0.5);
            self.text(x - w / 2.0, bottom + 12.0, FontStyle::Regular, SMALL - 0.5, Rgb::SECONDARY, &s);
        }
        self.rule(plot_x, plot_x + plot_w, bottom, 0.75, Rgb::TEXT);
        let label = truncate(self.fonts, FontStyle::Regular, SMALL, label, plot_w);
        let w = self.fonts.face(FontStyle::Regular).width(&label, SMALL);
        self.text(plot_x + (plot_w - w) / 2.0, bottom + 25.0, FontStyle::Regular, SMALL, Rgb::TEXT, &label);
    }

    /// A figure element with alternative text; returns the mark to restore.
    fn figure(&mut self, alt: String) -> Mark {
        let node = self.node(Role::Figure, 0);
        self.structure[node as usize].alt = Some(alt);
        self.set_mark(Mark::Node(node))
    }

    fn bar_chart(&mut self, c: &BarChart) {
        self.ensure(bar_chart_height(c.bars.len()));
        let values: Vec<String> =
            c.bars.iter().map(|b| format!("{}: {}", b.label, fmt_num(b.value))).collect();
        let before = self.figure(join_alt(&c.alt, &c.axis_label, &values));
        let biggest = c.bars.iter().map(|b| b.value).fold(0.0, f64::max);
        let max = c.max.unwrap_or_else(|| nice_ceiling(biggest));
        let ticks = nice_ticks(0.0, max);
        let (plot_x, plot_w) = self.chart_frame(c.bars.iter().map(|b| b.label.as_str()));
        let top = self.y + 4.0;
        let row_h = 18.0;
        for (i, bar) in c.bars.iter().enumerate() {
            let row_top = top + i as f32 * row_h;
            let label =
                truncate(self.fonts, FontStyle::Regular, SMALL + 0.5, &bar.label, plot_x - LEFT - 10.0);
            let bl = row_top + row_h / 2.0 + 0.36 * (SMALL + 0.5);
            self.text(LEFT, bl, FontStyle::Regular, SMALL + 0.5, Rgb::TEXT, &label);
            let v = bar.value.clamp(0.0, max);
            let w = (v / max) as f32 * plot_w;
            self.push(Item::Rect {
                x: plot_x,
                y: row_top + 3.5,
                w,
                h: row_h - 7.0,
                radius: 0.0,
                fill: Some(Rgb::BLUE),
                stroke: None,
            });
            self.text(plot_x + w + 4.0, bl, FontStyle::Bold, SMALL, Rgb::TEXT, &fmt_num(bar.value));
        }
        let bottom = top + c.bars.len() as f32 * row_h + 2.0;
        let axis = Axis { plot_x, plot_w, top, bottom, min: 0.0, max };
        self.axis(&axis, &ticks, &c.axis_label);
        self.mark = before;
        self.y = bottom + 30.0 + PARA_AFTER;
    }

    fn dot_plot(&mut self, p: &DotPlot) {
        self.ensure(dot_plot_height(p.rows.len()));
        let values: Vec<String> = p
            .rows
            .iter()
            .map(|r| {
                let scores: Vec<String> = r.values.iter().map(|v| fmt_num(*v)).collect();
                match row_mean(r) {
                    Some(m) => format!("{}: mean {m:.1} (scores {})", r.label, scores.join(", ")),
                    None => format!("{}: no scores", r.label),
                }
            })
            .collect();
        let before = self.figure(join_alt(&p.alt, &p.axis_label, &values));
        let (plot_x, plot_w) = self.chart_frame(p.rows.iter().map(|r| r.label.as_str()));
        // Legend first: the marks are explained in words, not by colour alone.
        let bl = self.y + 10.0;
        self.push(Item::Circle { cx: plot_x + 3.0, cy: bl - 3.0, r: 3.0, fill: Rgb::BLUE });
        let x = plot_x + 10.0;
        let w = self.fonts.face(FontStyle::Regular).width("Individual score", SMALL);
        self.text(x, bl, FontStyle::Regular, SMALL, Rgb::TEXT, "Individual score");
        let mx = x + w + 18.0;
        self.push(Item::Rect {
            x: mx - 1.1,
            y: bl - 9.0,
            w: 2.2,
            h: 11.0,
            radius: 0.0,
            fill: Some(Rgb::TEXT),
            stroke: None,
        });
        self.text(mx + 6.0, bl, FontStyle::Regular, SMALL, Rgb::TEXT, "Mean (value at right)");
        // Judges often give the same total: one dot per judge would hide all but one of
        // them, so equal totals share a larger dot that says how many.
        let gx = mx + 6.0 + self.fonts.face(FontStyle::Regular).width("Mean (value at right)", SMALL) + 18.0;
        self.count_dot(gx + GROUP_R, bl - 3.0, 2);
        self.text(
            gx + 2.0 * GROUP_R + 5.0,
            bl,
            FontStyle::Regular,
            SMALL,
            Rgb::TEXT,
            "Judges with the same total",
        );
        let top = self.y + 18.0;
        let row_h = 18.0;
        let scale = |v: f64| plot_x + ((v.clamp(p.min, p.max) - p.min) / (p.max - p.min)) as f32 * plot_w;
        // The axis and its gridlines first, so they run behind the dots, not through them.
        let bottom = top + p.rows.len() as f32 * row_h + 2.0;
        let ticks = nice_ticks(p.min, p.max);
        let axis = Axis { plot_x, plot_w, top, bottom, min: p.min, max: p.max };
        self.axis(&axis, &ticks, &p.axis_label);
        for (i, row) in p.rows.iter().enumerate() {
            let row_top = top + i as f32 * row_h;
            let cy = row_top + row_h / 2.0;
            let label =
                truncate(self.fonts, FontStyle::Regular, SMALL + 0.5, &row.label, plot_x - LEFT - 10.0);
            let bl = cy + 0.36 * (SMALL + 0.5);
            self.text(LEFT, bl, FontStyle::Regular, SMALL + 0.5, Rgb::TEXT, &label);
            self.rule(plot_x, plot_x + plot_w, cy, 0.5, Rgb::LIGHT_GREY);
            let mut xs: Vec<f32> = row.values.iter().map(|&v| scale(v)).collect();
            xs.sort_by(f32::total_cmp);
            for group in xs.chunk_by(|a, b| (b - a).abs() < 0.5) {
                if group.len() == 1 {
                    self.push(Item::Circle { cx: group[0], cy, r: 3.2, fill: Rgb::BLUE });
                } else {
                    self.count_dot(group[0], cy, group.len());
                }
            }
            let mean = row_mean(row);
            if let Some(m) = mean {
                self.push(Item::Rect {
                    x: scale(m) - 1.1,
                    y: cy - 6.5,
                    w: 2.2,
                    h: 13.0,
                    radius: 0.0,
                    fill: Some(Rgb::TEXT),
                    stroke: None,
                });
                self.text(plot_x + plot_w + 8.0, bl, FontStyle::Bold, SMALL, Rgb::TEXT, &format!("{m:.1}"));
            }
        }
        self.mark = before;
        self.y = bottom + 30.0 + PARA_AFTER;
    }

    /// A dot standing for `n` equal scores, with `n` in it.
    fn count_dot(&mut self, cx: f32, cy: f32, n: usize) {
        self.push(Item::Circle { cx, cy, r: GROUP_R, fill: Rgb::BLUE });
        let label = n.to_string();
        let size = 6.5;
        let w = self.fonts.face(FontStyle::Bold).width(&label, size);
        self.text(cx - w / 2.0, cy + 0.35 * size, FontStyle::Bold, size, Rgb::WHITE, &label);
    }

    fn write_box(&mut self, label: &str, height_mm: f32) {
        let h = height_mm.max(0.0) * MM;
        let lines = wrap(self.fonts, &[Span::bold(label)], BODY_SIZE, BODY_W, true);
        self.ensure(lines.len() as f32 * BODY_LEADING + 4.0 + h.min(BODY_H - 2.0 * BODY_LEADING));
        let node = self.node(Role::P, 0);
        let before = self.set_mark(Mark::Node(node));
        for line in &lines {
            self.draw_line(line, LEFT, self.y, BODY_SIZE, BODY_LEADING);
            self.y += BODY_LEADING;
        }
        self.mark = before;
        self.y += 4.0;
        let h = h.min(BODY_BOTTOM - self.y);
        self.push_artifact(Item::Rect {
            x: LEFT,
            y: self.y,
            w: BODY_W,
            h,
            radius: 0.0,
            fill: None,
            stroke: Some((Rgb::TEXT, 0.75)),
        });
        self.y += h + PARA_AFTER + 2.0;
    }

    fn contents(&mut self, max_level: u8, bookmarks: &[(u8, &str)]) {
        let number_w = 30.0;
        let toc = self.node(Role::TOC, 0);
        let before = self.mark;
        for (anchor, (level, title)) in bookmarks.iter().enumerate() {
            if *level > max_level {
                continue;
            }
            let indent = f32::from(level - 1) * 14.0;
            let style_bold = *level == 1;
            let span = Span { text: (*title).to_string(), bold: style_bold, italic: false };
            let lines = wrap(self.fonts, &[span], BODY_SIZE, BODY_W - indent - number_w - 8.0, false);
            let gap = if *level == 1 { 5.0 } else { 2.0 };
            let h = lines.len() as f32 * BODY_LEADING + gap;
            self.ensure(h);
            let toci = self.node(Role::TOCI, toc);
            let link = self.node(Role::Link, toci);
            self.mark = Mark::Node(link);
            let top = self.y;
            for line in &lines {
                self.draw_line(line, LEFT + indent, self.y, BODY_SIZE, BODY_LEADING);
                self.y += BODY_LEADING;
            }
            let last_bl = baseline(self.y - BODY_LEADING, BODY_SIZE, BODY_LEADING);
            let end = LEFT + indent + lines.last().map_or(0.0, |l| l.width);
            let leader_end = RIGHT - number_w + 4.0;
            if end + 6.0 < leader_end {
                self.push_artifact(Item::Line {
                    x1: end + 4.0,
                    y1: last_bl,
                    x2: leader_end,
                    y2: last_bl,
                    width: 0.9,
                    color: Rgb::SECONDARY,
                    dotted: true,
                });
            }
            let face = if style_bold { FontStyle::Bold } else { FontStyle::Regular };
            // The number is filled in once every page exists.
            let number_item = self.text(RIGHT, last_bl, face, BODY_SIZE, Rgb::TEXT, "");
            let link_item = self.push(Item::Link {
                x: LEFT + indent,
                y: top,
                w: BODY_W - indent,
                h: lines.len() as f32 * BODY_LEADING,
                page: 0,
                top: 0.0,
            });
            self.toc_slots.push(TocSlot { page: self.index, number_item, link_item, anchor });
            self.y += gap;
        }
        self.mark = before;
        self.y += PARA_AFTER;
    }

    /// Second step: contents page numbers and link targets, now that headings are placed.
    fn fill_contents(&mut self) {
        for slot in &self.toc_slots {
            let Some(anchor) = self.outline.get(slot.anchor) else {
                continue;
            };
            let number = (anchor.page + 1).to_string();
            let (target_page, target_y) = (anchor.page, anchor.y);
            let Some((_, page)) = self.held.iter_mut().find(|(i, _)| *i == slot.page) else {
                continue;
            };
            let items = &mut page.items;
            if let Item::Text(run) = &mut items[slot.number_item] {
                let w = self.fonts.face(run.font).width(&number, run.size);
                run.x = RIGHT - w;
                run.width = w;
                run.text = number;
            }
            if let Item::Link { page, top, .. } = &mut items[slot.link_item] {
                *page = target_page;
                *top = target_y;
            }
        }
    }
}

/// The running header and footer: marking, title and date at the top, "Page X of Y" and the
/// marking at the foot, all artifacts. Measured once, drawn on each page once the page
/// count is known.
#[derive(Debug)]
pub(crate) struct Decor {
    fonts: &'static Fonts,
    marking: Option<(String, f32)>,
    title: String,
    date: String,
    date_w: f32,
    note: Option<String>,
}

impl Decor {
    pub(crate) fn new(fonts: &'static Fonts, doc: &Document) -> Self {
        let marking = doc.marking.as_deref().map(|m| {
            let m = truncate(fonts, FontStyle::Bold, 10.0, m, BODY_W);
            let w = fonts.face(FontStyle::Bold).width(&m, 10.0);
            (m, w)
        });
        let title = truncate(fonts, FontStyle::Regular, SMALL, &doc.meta.title, BODY_W * 0.7);
        let date = truncate(fonts, FontStyle::Regular, SMALL, &doc.meta.date_label, BODY_W * 0.25);
        let date_w = fonts.face(FontStyle::Regular).width(&date, SMALL);
        let note =
            doc.footer_note.as_deref().map(|n| truncate(fonts, FontStyle::Regular, SMALL, n, BODY_W * 0.6));
        Self { fonts, marking, title, date, date_w, note }
    }

    /// Appends page `n`'s (zero-based) header and footer to `page`.
    pub(crate) fn draw(&self, page: &mut Page, n: usize, total: usize) {
        let mark = |page: &mut Page, a: Artifact| {
            page.marks.push((page.items.len() as u32, Mark::Artifact(a)));
        };
        let text = |page: &mut Page, x: f32, y: f32, font: FontStyle, size: f32, color: Rgb, s: &str| {
            let width = self.fonts.face(font).width(s, size);
            page.items.push(Item::Text(TextRun { x, y, font, size, color, text: s.to_string(), width }));
        };
        let rule = |page: &mut Page, y: f32| {
            page.items.push(Item::Line {
                x1: LEFT,
                y1: y,
                x2: RIGHT,
                y2: y,
                width: 0.5,
                color: Rgb::BORDER,
                dotted: false,
            });
        };
        mark(page, Artifact::Header);
        if let Some((m, w)) = &self.marking {
            text(page, (PAGE_W - w) / 2.0, 11.0 * MM, FontStyle::Bold, 10.0, Rgb::TEXT, m);
        }
        text(page, LEFT, 18.5 * MM, FontStyle::Regular, SMALL, Rgb::SECONDARY, &self.title);
        text(page, RIGHT - self.date_w, 18.5 * MM, FontStyle::Regular, SMALL, Rgb::SECONDARY, &self.date);
        rule(page, 20.5 * MM);
        mark(page, Artifact::Footer);
        let page_label = format!("Page {} of {}", n + 1, total);
        let pw = self.fonts.face(FontStyle::Regular).width(&page_label, SMALL);
        if let Some(note) = &self.note {
            text(page, LEFT, PAGE_H - 16.0 * MM, FontStyle::Regular, SMALL, Rgb::SECONDARY, note);
        }
        text(page, RIGHT - pw, PAGE_H - 16.0 * MM, FontStyle::Regular, SMALL, Rgb::SECONDARY, &page_label);
        if let Some((m, w)) = &self.marking {
            text(page, (PAGE_W - w) / 2.0, PAGE_H - 8.0 * MM, FontStyle::Bold, 10.0, Rgb::TEXT, m);
        }
        rule(page, PAGE_H - 21.5 * MM);
    }
}

/// A row's mean: the given one, or the arithmetic mean of its values.
fn row_mean(row: &crate::document::DotRow) -> Option<f64> {
    row.mean.or_else(|| {
        (!row.values.is_empty()).then(|| row.values.iter().sum::<f64>() / row.values.len() as f64)
    })
}

/// A chart's alternative text: what it shows, its axis, then every value.
fn join_alt(what: &str, axis: &str, values: &[String]) -> String {
    let mut s = what.trim().to_string();
    if !s.is_empty() && !s.ends_with('.') {
        s.push('.');
    }
    if !axis.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("Axis: {axis}."));
    }
    for v in values {
        s.push(' ');
        s.push_str(v);
        s.push('.');
    }
    s
}

/// The baseline of a line of `size` text centred in a box of height `leading` at `top`.
fn baseline(top: f32, size: f32, leading: f32) -> f32 {
    top + leading / 2.0 + 0.35 * size
}

fn rag_colours(rag: Rag) -> (Rgb, Rgb) {
    match rag {
        Rag::Red => (Rgb::RED, Rgb::WHITE),
        Rag::Amber => (Rgb::AMBER, Rgb::TEXT),
        Rag::Green => (Rgb::GREEN, Rgb::WHITE),
        Rag::NotRated => (Rgb::GREY, Rgb::WHITE),
    }
}

fn bar_chart_height(bars: usize) -> f32 {
    4.0 + bars as f32 * 18.0 + 2.0 + 30.0
}

/// Radius of a dot plot's dot that stands for several equal scores.
const GROUP_R: f32 = 4.8;

fn dot_plot_height(rows: usize) -> f32 {
    18.0 + rows as f32 * 18.0 + 2.0 + 30.0
}

/// A tick step of 1, 2, 2.5 or 5 times a power of ten giving at most about six ticks.
fn nice_step(range: f64) -> f64 {
    let raw = range / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= raw - 1e-12).unwrap_or(10.0 * mag)
}

fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let step = nice_step(v);
    (v / step).ceil() * step
}

fn nice_ticks(min: f64, max: f64) -> Vec<f64> {
    let step = nice_step(max - min);
    let mut t = (min / step).ceil() * step;
    let mut out = Vec::new();
    while t <= max + step * 1e-9 {
        out.push(t);
        t += step;
    }
    out
}

fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else if (v * 10.0 - (v * 10.0).round()).abs() < 1e-9 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_ticks(1.0, 5.0), vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(nice_ticks(0.0, 100.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ceiling(4.3), 5.0);
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(3.0), "3");
    }
}
