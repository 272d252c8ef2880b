//! Integration tests for shortlist-pdf: one binary, modules mirroring `src/`.

#[path = "../support/sample.rs"]
mod sample;

mod golden;
mod layout;
mod render;
mod tagging;

use shortlist_pdf::{Item, Laid, TextRun, BODY_BOTTOM, BODY_TOP};

/// Text runs inside the body area (not the header or footer).
fn body_texts(laid: &Laid, page: usize) -> Vec<&TextRun> {
    laid.texts(page).filter(|t| t.y > BODY_TOP && t.y < BODY_BOTTOM + 1.0).collect()
}

/// Whether a run is heading text (bold and larger than body text).
fn is_heading(t: &TextRun) -> bool {
    t.font == shortlist_pdf::FontStyle::Bold && t.size > 12.0
}

/// All items of a page that are links.
fn links(laid: &Laid, page: usize) -> Vec<(usize, f32)> {
    laid.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Link { page, top, .. } => Some((*page, *top)),
            _ => None,
        })
        .collect()
}
