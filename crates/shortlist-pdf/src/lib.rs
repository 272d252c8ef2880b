//! A small document layout engine that writes PDFs: the drawing half of Shortlist's briefing
//! packs, with nothing of Shortlist in it.
//!
//! The pieces, in the order data flows through them:
//! - [`Document`] (module `document`): what to say — headings, paragraphs with bold and italic
//!   runs, lists, key–value lists, tables, RAG badges, bar charts, dot plots, write-in boxes,
//!   a table of contents, page breaks — plus metadata and the marking for every page.
//! - [`layout`]: where it goes. Produces [`Laid`], plain data describing every text run,
//!   rectangle, line, dot and link on every page, and the outline. Text is measured with the
//!   embedded font's own advance widths, so what layout decides is what the PDF shows.
//!   Headings stay with what follows them, tables repeat their header row on each page, and
//!   the contents' page numbers are filled in once the sections have been placed.
//! - [`render`]: draws a [`Laid`] as a tagged PDF: subset fonts (allsorts), links, a nested
//!   outline, the structure tree, the document's language and XMP metadata.
//!   [`to_pdf`] does both steps at once, writing each page as soon as it is laid out;
//!   [`write_pdf`] does the same straight into a file (or any writer), so a 3,000-page pack
//!   is never in memory whole. A hyphen added at a line break is [`SOFT_HYPHEN`] in the
//!   layout and reads as one in the PDF, so "Environ-ment" is read aloud as one word.
//!
//! Keeping layout apart from drawing means tests (and [`page_count`], for "this pack will be
//! N pages") never need to read PDF bytes.
//!
//! ```
//! use shortlist_pdf::{layout, render, Block, Document, Metadata};
//!
//! let mut doc = Document::new(Metadata {
//!     title: "Round 1 briefing pack".into(),
//!     language: "en-GB".into(),
//!     ..Metadata::default()
//! })
//! .with_marking("OFFICIAL-SENSITIVE");
//! doc.push(Block::heading(1, "Ideas"));
//! doc.push(Block::paragraph("Twelve ideas go forward to the panel."));
//! let laid = layout(&doc)?;
//! assert_eq!(laid.pages.len(), 1);
//! let pdf = render(&laid)?;
//! assert!(pdf.starts_with(b"%PDF"));
//! # Ok::<(), shortlist_pdf::Error>(())
//! ```
#![forbid(unsafe_code)]

mod document;
mod fonts;
mod laid;
mod layout;
mod render;
mod wrap;

pub use document::{
    text, Bar, BarChart, Block, Cell, Column, ColumnWidth, Document, DotPlot, DotRow, Metadata, Rag, Span,
    Table, Text,
};
pub use fonts::{Face, FontStyle, Fonts, SOFT_HYPHEN};
pub use laid::{Anchor, Artifact, Item, Laid, Mark, Page, Rgb, Role, Scope, StructNode, TextRun};
pub use layout::{layout, page_count, BODY_BOTTOM, BODY_TOP, BODY_W, LEFT, MM, PAGE_H, PAGE_W, RIGHT};
pub use render::{render, to_pdf, write_pdf, Pdf, Written};

/// Why a document could not be laid out or drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// An embedded font face is unusable: a defect in this crate's build, not in the input.
    #[error("the embedded font {0:?} {1}")]
    Font(FontStyle, &'static str),
    /// A heading or contents level outside 1–3.
    #[error("heading level {0} is not 1, 2 or 3")]
    HeadingLevel(u8),
    /// A table row whose cell count differs from the table's column count.
    #[error("table row {row} has {found} cells but the table has {expected} columns")]
    TableShape {
        /// Zero-based row index.
        row: usize,
        /// Cells in that row.
        found: usize,
        /// Columns in the table.
        expected: usize,
    },
    /// Fixed-width table columns wider than the page body.
    #[error("the table's fixed columns need {needed_mm:.0} mm but the page has {available_mm:.0} mm")]
    TableTooWide {
        /// Sum of the fixed widths.
        needed_mm: f32,
        /// Width of the page body.
        available_mm: f32,
    },
    /// A chart axis with no extent (max not above min, or not finite).
    #[error("a chart axis must run from a lower to a higher value, not {min} to {max}")]
    ChartAxis {
        /// Axis start.
        min: f64,
        /// Axis end.
        max: f64,
    },
    /// Subsetting an embedded font failed.
    #[error("could not subset the embedded font {0:?}: {1}")]
    Subset(FontStyle, String),
    /// The PDF could not be serialised.
    #[error("could not write the PDF: {0}")]
    Write(String),
}
