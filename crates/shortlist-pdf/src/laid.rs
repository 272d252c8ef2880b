//! The output of layout: positioned boxes per page.
//!
//! Coordinates are PDF points (1/72 inch) measured from the page's top-left corner, `y`
//! growing downwards — the way people read a page, and the way tests reason about it. The
//! renderer flips them into PDF's bottom-left system.
//!
//! Layout also records what each item *is* for a reader who cannot see the page: a
//! structure tree of standard PDF roles ([`StructNode`], [`Role`]) and, per page, which
//! structure element each run of items belongs to, or that it is an artifact ([`Mark`]):
//! rules, backgrounds, running headers and footers. The renderer turns that into tagged
//! PDF (marked content, the structure tree and its parent tree).

use std::fmt::Write as _;

use crate::fonts::FontStyle;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// GOV.UK text colour (near-black).
    pub const TEXT: Rgb = Rgb(0x0b, 0x0c, 0x0d);
    /// GOV.UK secondary text colour.
    pub const SECONDARY: Rgb = Rgb(0x50, 0x5a, 0x5f);
    /// GOV.UK border colour, for table rules.
    pub const BORDER: Rgb = Rgb(0xb1, 0xb4, 0xb6);
    /// GOV.UK light grey, for table header rows.
    pub const LIGHT_GREY: Rgb = Rgb(0xf3, 0xf2, 0xf1);
    /// GOV.UK red.
    pub const RED: Rgb = Rgb(0xd4, 0x35, 0x1c);
    /// GOV.UK orange, used for amber (with black text for contrast).
    pub const AMBER: Rgb = Rgb(0xf4, 0x77, 0x38);
    /// GOV.UK green.
    pub const GREEN: Rgb = Rgb(0x00, 0x70, 0x3c);
    /// GOV.UK dark grey, used for "not rated".
    pub const GREY: Rgb = Rgb(0x50, 0x5a, 0x5f);
    /// GOV.UK blue, for chart bars and dots.
    pub const BLUE: Rgb = Rgb(0x1d, 0x70, 0xb8);
    /// White.
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
}

/// A laid-out document: pages of positioned items, plus the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Bookmarked headings in document order, for the PDF outline.
    pub outline: Vec<Anchor>,
    /// Metadata carried through to the PDF.
    pub meta: crate::Metadata,
    /// The structure tree in document order; node 0 is the `Document` root and every other
    /// node's parent comes before it.
    pub structure: Vec<StructNode>,
}

/// One page's items, in drawing order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn on the page, back to front.
    pub items: Vec<Item>,
    /// Runs of items by what they are: `(first item, mark)`, in item order; each mark holds
    /// until the next entry. The first entry starts at item 0 whenever the page has items.
    pub marks: Vec<(u32, Mark)>,
}

impl Page {
    /// The mark of item `i`.
    pub fn mark_of(&self, i: usize) -> Option<Mark> {
        let at = self.marks.partition_point(|(start, _)| *start as usize <= i);
        at.checked_sub(1).map(|k| self.marks[k].1)
    }
}

/// What a run of items is to assistive technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Content of the structure element with this index in [`Laid::structure`].
    Node(u32),
    /// Not content: read by nobody.
    Artifact(Artifact),
}

/// Kinds of artifact (ISO 32000-1, 14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Artifact {
    /// Rules, backgrounds, badge shapes, leaders and repeated table headers.
    Layout,
    /// The running header: marking, title, date.
    Header,
    /// The running footer: page number and marking.
    Footer,
}

/// Which way a header cell applies (ISO 32000-1, table 349, `/Scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The cell heads its column.
    Column,
    /// The cell heads its row.
    Row,
}

/// A standard structure type (ISO 32000-1, 14.8.4), so no role map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The whole document (the root).
    Document,
    /// A heading of level 1–3.
    H(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's bullet or number.
    Lbl,
    /// A list item's text.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell.
    TH(Scope),
    /// A data cell.
    TD,
    /// A chart, with alternative text.
    Figure,
    /// A table of contents.
    TOC,
    /// An entry of a table of contents.
    TOCI,
    /// A link, holding its text and its annotation.
    Link,
}

impl Role {
    /// The structure type's name as written in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(_) => "H3",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
        }
    }
}

/// One element of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// What it is.
    pub role: Role,
    /// Index of its parent in [`Laid::structure`]; `None` only for the root.
    pub parent: Option<u32>,
    /// Alternative text (figures).
    pub alt: Option<String>,
}

/// A bookmarked heading: where the outline and contents entries point.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// Heading level, 1–3; the outline nests deeper levels under shallower ones.
    pub level: u8,
    /// The heading text.
    pub title: String,
    /// Zero-based page index.
    pub page: usize,
    /// Top of the heading on that page.
    pub y: f32,
}

/// A line of text in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the run.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// The face.
    pub font: FontStyle,
    /// Font size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Rgb,
    /// The text; every character has a glyph in the face.
    pub text: String,
    /// The measured advance width of `text`.
    pub width: f32,
}

/// A positioned item.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text.
    Text(TextRun),
    /// A rectangle, optionally with rounded corners, filled and/or stroked.
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Corner radius (0 for square corners).
        radius: f32,
        /// Fill colour, if filled.
        fill: Option<Rgb>,
        /// Stroke colour and width, if stroked.
        stroke: Option<(Rgb, f32)>,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width.
        width: f32,
        /// Colour.
        color: Rgb,
        /// Dotted rather than solid.
        dotted: bool,
    },
    /// A filled circle (chart dots).
    Circle {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Radius.
        r: f32,
        /// Fill colour.
        fill: Rgb,
    },
    /// A clickable area that jumps to a page of this document.
    Link {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Zero-based target page.
        page: usize,
        /// Target position from the top of that page.
        top: f32,
    },
}

impl Laid {
    /// All text runs of a page, in drawing order.
    pub fn texts(&self, page: usize) -> impl Iterator<Item = &TextRun> {
        self.pages[page].items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }

    /// The page's text joined line by line (runs on one baseline joined by a space), for
    /// assertions about what a reader sees.
    pub fn page_text(&self, page: usize) -> String {
        let mut runs: Vec<&TextRun> = self.texts(page).collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut out = String::new();
        let mut last_y: Option<f32> = None;
        for r in runs {
            match last_y {
                Some(y) if (r.y - y).abs() < 0.5 => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            out.push_str(&r.text);
            last_y = Some(r.y);
        }
        out
    }

    /// A compact, stable text rendering of the whole layout, one item per line, with
    /// coordinates rounded to 0.1 pt. Golden tests compare this, not PDF bytes.
    pub fn dump(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "doc {:.1}x{:.1} pages={}", self.width, self.height, self.pages.len());
        for a in &self.outline {
            let _ = writeln!(s, "outline L{} p{} y{:.1} {:?}", a.level, a.page + 1, a.y, a.title);
        }
        for (i, node) in self.structure.iter().enumerate() {
            let scope = match node.role {
                Role::TH(Scope::Column) => " scope=Column",
                Role::TH(Scope::Row) => " scope=Row",
                _ => "",
            };
            let parent = node.parent.map_or("-".to_string(), |p| p.to_string());
            let alt = node.alt.as_ref().map(|a| format!(" alt={a:?}")).unwrap_or_default();
            let _ = writeln!(s, "node {i} {}{scope} <- {parent}{alt}", node.role.name());
        }
        for (n, page) in self.pages.iter().enumerate() {
            let _ = writeln!(s, "page {}", n + 1);
            let mut marks = page.marks.iter().peekable();
            for (i, item) in page.items.iter().enumerate() {
                if let Some((_, mark)) = marks.next_if(|(start, _)| *start as usize == i) {
                    let _ = match mark {
                        Mark::Node(n) => writeln!(s, " [{n} {}]", self.structure[*n as usize].role.name()),
                        Mark::Artifact(a) => writeln!(s, " [artifact {a:?}]"),
                    };
                }
                let _ = match item {
                    Item::Text(t) => writeln!(
                        s,
                        "  text {:.1},{:.1} {}{:.1} w{:.1} {} {:?}",
                        t.x,
                        t.y,
                        t.font.code(),
                        t.size,
                        t.width,
                        hex(t.color),
                        t.text
                    ),
                    Item::Rect { x, y, w, h, radius, fill, stroke } => writeln!(
                        s,
                        "  rect {x:.1},{y:.1} {w:.1}x{h:.1} r{radius:.1} fill={} stroke={}",
                        fill.map(hex).unwrap_or_else(|| "-".into()),
                        stroke.map(|(c, w)| format!("{}/{w:.2}", hex(c))).unwrap_or_else(|| "-".into())
                    ),
                    Item::Line { x1, y1, x2, y2, width, color, dotted } => writeln!(
                        s,
                        "  line {x1:.1},{y1:.1}-{x2:.1},{y2:.1} {width:.2} {}{}",
                        hex(*color),
                        if *dotted { " dotted" } else { "" }
                    ),
                    Item::Circle { cx, cy, r, fill } => {
                        writeln!(s, "  dot {cx:.1},{cy:.1} r{r:.1} {}", hex(*fill))
                    }
                    Item::Link { x, y, w, h, page, top } => {
                        writeln!(s, "  link {x:.1},{y:.1} {w:.1}x{h:.1} -> p{} y{top:.1}", page + 1)
                    }
                };
            }
        }
        s
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}
