//! The input: a document as a list of blocks, with no positions in it.
//!
//! Callers build a [`Document`] out of headings, paragraphs, tables, badges and charts; the
//! layout engine decides where everything goes. Nothing here knows about pages.

/// A document to be laid out: metadata, what goes on every page, and the content blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, author, subject, language and dates.
    pub meta: Metadata,
    /// The protective marking printed centred at the top and bottom of every page, e.g.
    /// `"OFFICIAL-SENSITIVE"`. `None` prints no marking.
    pub marking: Option<String>,
    /// A short note printed at the left of every page's footer, e.g. the fingerprint of the
    /// data the document was made from, so that any one printed page can be tied to it.
    pub footer_note: Option<String>,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// A document with the given metadata, no marking and no content.
    pub fn new(meta: Metadata) -> Self {
        Self { meta, marking: None, footer_note: None, blocks: Vec::new() }
    }

    /// Sets the marking printed on every page.
    pub fn with_marking(mut self, marking: impl Into<String>) -> Self {
        self.marking = Some(marking.into());
        self
    }

    /// Sets the note printed at the left of every page's footer.
    pub fn with_footer_note(mut self, note: impl Into<String>) -> Self {
        self.footer_note = Some(note.into());
        self
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}

/// Document metadata. The title and `date_label` also appear in every page's header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// The document title, shown in the header and in the PDF's title field.
    pub title: String,
    /// Who produced the document (PDF author field).
    pub author: String,
    /// What the document is about (PDF subject field).
    pub subject: String,
    /// BCP 47 language tag of the content, e.g. `"en-GB"` or `"cy"`.
    pub language: String,
    /// The date as shown to readers in the header, e.g. `"12 March 2025"`. Passed in, never
    /// read from the clock, so the same input always gives the same document.
    pub date_label: String,
    /// Creation time in seconds since the Unix epoch, written to the PDF's dates.
    pub created_unix: i64,
}

/// A run of text in one style. A paragraph is a list of spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The text. Runs of whitespace collapse to one space; `\n` forces a line break.
    pub text: String,
    /// Bold weight.
    pub bold: bool,
    /// Italic style.
    pub italic: bool,
}

impl Span {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: true, italic: false }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: false, italic: true }
    }
}

/// Rich text: a sequence of styled spans.
pub type Text = Vec<Span>;

/// Shorthand for a one-span plain text.
pub fn text(s: impl Into<String>) -> Text {
    vec![Span::plain(s)]
}

/// A red/amber/green rating, or none yet. Always drawn with its word, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rag {
    /// Serious concern.
    Red,
    /// Some concern.
    Amber,
    /// No concern.
    Green,
    /// Not yet rated.
    NotRated,
}

impl Rag {
    /// The word printed inside the badge.
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::NotRated => "Not rated",
        }
    }
}

/// How wide a table column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Sized to its content, like CSS automatic table layout: at least as wide as its
    /// longest word (min-content), at most as wide as its longest unbroken line
    /// (max-content), with what the page has shared out among the columns in proportion to
    /// how much more room each could use.
    Auto,
    /// A fixed width in millimetres.
    Mm(f32),
    /// A share of the width left after the fixed and automatic columns, in proportion to
    /// the other fractional columns (e.g. `Fr(2.0)` is twice as wide as `Fr(1.0)`); never
    /// narrower than its longest word while the page has room for every column's.
    Fr(f32),
}

/// A table column: its header text and width.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header cell text (bold, on a light grey row repeated on every page).
    pub header: String,
    /// Width rule.
    pub width: ColumnWidth,
}

impl Column {
    /// A column sized to its content.
    pub fn auto(header: impl Into<String>) -> Self {
        Self { header: header.into(), width: ColumnWidth::Auto }
    }

    /// A column with a fractional width.
    pub fn fr(header: impl Into<String>, fr: f32) -> Self {
        Self { header: header.into(), width: ColumnWidth::Fr(fr) }
    }

    /// A column with a fixed width in millimetres.
    pub fn mm(header: impl Into<String>, mm: f32) -> Self {
        Self { header: header.into(), width: ColumnWidth::Mm(mm) }
    }
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Wrapped rich text.
    Text(Text),
    /// A RAG badge.
    Rag(Rag),
    /// Nothing: a space to write in by hand (see [`Table::min_row_height_mm`]).
    Blank,
}

impl Cell {
    /// A plain text cell.
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(text(s))
    }
}

/// A table whose rows break across pages, repeating the header row on each page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns; every row must have exactly this many cells.
    pub columns: Vec<Column>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Every body row is at least this tall, in millimetres: use with [`Cell::Blank`] for
    /// hand-scoring grids. `0.0` means as tall as the content.
    pub min_row_height_mm: f32,
}

/// One bar of a horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The label left of the bar.
    pub label: String,
    /// The bar's length, on the chart's axis.
    pub value: f64,
}

/// A horizontal bar chart with a labelled value axis.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The axis runs from 0 to this value; `None` picks a round number above the largest bar.
    pub max: Option<f64>,
    /// The axis label printed under the axis, e.g. `"Weighted score (out of 5)"`.
    pub axis_label: String,
    /// What the chart shows, for readers who cannot see it (the figure's alternative text).
    /// The values themselves are appended by layout, so this says what they mean.
    pub alt: String,
}

/// One row of a dot plot: several values (e.g. each judge's score) and their mean.
#[derive(Debug, Clone, PartialEq)]
pub struct DotRow {
    /// The label left of the row.
    pub label: String,
    /// One dot per value.
    pub values: Vec<f64>,
    /// Where the mean mark goes; `None` draws the arithmetic mean of `values`.
    pub mean: Option<f64>,
}

/// A dot plot: rows of dots along a shared axis with a mean mark per row, and a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct DotPlot {
    /// The rows, top to bottom.
    pub rows: Vec<DotRow>,
    /// Axis start.
    pub min: f64,
    /// Axis end.
    pub max: f64,
    /// The axis label printed under the axis.
    pub axis_label: String,
    /// What the chart shows, for readers who cannot see it (the figure's alternative text).
    /// Each row's values and mean are appended by layout, so this says what they mean.
    pub alt: String,
}

/// A content block.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, kept on the same page as what follows it.
    Heading {
        /// 1 (largest) to 3.
        level: u8,
        /// The heading text.
        text: String,
        /// Whether the heading appears in the PDF outline and the table of contents.
        bookmark: bool,
    },
    /// A wrapped paragraph of rich text.
    Paragraph(Text),
    /// A bulleted (`ordered: false`) or numbered list; each item wraps under its own text.
    List {
        /// Numbered rather than bulleted.
        ordered: bool,
        /// The items.
        items: Vec<Text>,
    },
    /// A key–value list (GOV.UK "summary list"): bold keys on the left, values on the right.
    KeyValue(Vec<(String, Text)>),
    /// A table.
    Table(Table),
    /// A row of labelled RAG badges, e.g. "Viability (Amber)  Benefits (Green)".
    Ratings(Vec<(String, Rag)>),
    /// A horizontal bar chart.
    BarChart(BarChart),
    /// A dot plot.
    DotPlot(DotPlot),
    /// A labelled empty box to write in by hand.
    WriteBox {
        /// Printed above the box.
        label: String,
        /// The box's height in millimetres.
        height_mm: f32,
    },
    /// A table of contents listing the bookmarked headings up to `max_level`, with page
    /// numbers filled in after layout and each entry a link to its page.
    Contents {
        /// Deepest heading level listed (1–3).
        max_level: u8,
    },
    /// Vertical space, in millimetres.
    Space(f32),
    /// Starts a new page (ignored at the top of an empty page).
    PageBreak,
}

impl Block {
    /// A bookmarked heading.
    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Block::Heading { level, text: text.into(), bookmark: true }
    }

    /// A paragraph of plain text.
    pub fn paragraph(s: impl Into<String>) -> Self {
        Block::Paragraph(text(s))
    }
}
