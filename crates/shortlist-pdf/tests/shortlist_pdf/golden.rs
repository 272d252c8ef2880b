//! Golden test: a compact dump of the layout model, compared with a checked-in file.
//!
//! Run with `UPDATE_GOLDEN=1` to rewrite the expected file after an intended change, and
//! review the diff like any other code change.

use shortlist_pdf::{layout, text, Bar, BarChart, Block, Cell, Column, Document, Rag, Span, Table};

use crate::sample::meta;

fn small_document() -> Document {
    let mut doc = Document::new(meta()).with_marking("OFFICIAL");
    doc.push(Block::heading(1, "Idea 7: Linking ŵ records"));
    doc.push(Block::Paragraph(vec![
        Span::plain("Plain, "),
        Span::bold("bold"),
        Span::plain(" and "),
        Span::italic("italic"),
        Span::plain(" text that is long enough to wrap onto a second line of the page body width."),
    ]));
    doc.push(Block::List { ordered: true, items: vec![text("First"), text("Second")] });
    doc.push(Block::Ratings(vec![("Viability".into(), Rag::Green), ("Benefits".into(), Rag::NotRated)]));
    doc.push(Block::Table(Table {
        columns: vec![Column::mm("Criterion", 40.0), Column::fr("Rating", 1.0)],
        rows: vec![vec![Cell::text("Cost"), Cell::Rag(Rag::Red)]],
        min_row_height_mm: 0.0,
    }));
    doc.push(Block::BarChart(BarChart {
        bars: vec![Bar { label: "Idea 7".into(), value: 3.5 }],
        max: Some(5.0),
        axis_label: "Score".into(),
        alt: "Idea 7's score".into(),
    }));
    doc
}

#[test]
fn small_document_layout_matches_the_golden_dump() {
    let dump = layout(&small_document()).unwrap().dump();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/small.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &dump).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if dump != expected {
        let first = dump.lines().zip(expected.lines()).position(|(a, b)| a != b);
        panic!(
            "layout changed (first differing line {:?}); if intended, rerun with UPDATE_GOLDEN=1\n--- got\n{dump}",
            first.map(|i| i + 1)
        );
    }
}

/// A summary table like the panel pack's, with every width automatic but the title's.
fn summary_table() -> Document {
    let mut doc = Document::new(meta()).with_marking("OFFICIAL");
    let rows = [
        (
            "DC21-0012",
            "Linking benefit records to cut fraud",
            "Department for Environment, Food and Rural Affairs",
            Rag::Green,
            "Recommended",
        ),
        ("DC21-0107", "Open data on companies’ filings", "Companies House", Rag::Amber, "Not recommended"),
        (
            "DC21-0093",
            "A register of datasets",
            "Cabinet Office",
            Rag::NotRated,
            "Recommended with conditions",
        ),
    ];
    doc.push(Block::Table(Table {
        columns: vec![
            Column::auto("Reference"),
            Column::fr("Title", 1.0),
            Column::auto("Department"),
            Column::auto("Viability"),
            Column::auto("Recommendation"),
        ],
        rows: rows
            .iter()
            .map(|(r, t, d, rag, rec)| {
                vec![Cell::text(*r), Cell::text(*t), Cell::text(*d), Cell::Rag(*rag), Cell::text(*rec)]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
    doc
}

#[test]
fn automatic_table_layout_matches_the_golden_dump_and_splits_no_word() {
    // Issue #16: "Departm|ent", "Environm|ent", "Recommendati|on" in the summary table.
    let laid = layout(&summary_table()).unwrap();
    let words: std::collections::BTreeSet<String> = [
        "Reference Title Department Viability Recommendation DC21-0012 Linking benefit records to cut fraud",
        "Department for Environment, Food and Rural Affairs Green DC21-0107 Open data on companies’ filings",
        "Companies House Amber Not recommended DC21-0093 A register of datasets Cabinet Office Not rated",
        "Recommended with conditions",
    ]
    .join(" ")
    .split_whitespace()
    .map(str::to_string)
    .collect();
    for t in crate::body_texts(&laid, 0) {
        for w in t.text.split_whitespace() {
            assert!(words.contains(w), "{w:?} is a whole word of the table");
        }
    }
    check_golden("tests/golden/table.txt", &laid.dump());
}

fn check_golden(rel: &str, dump: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, dump).expect("the golden file is written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if dump != expected {
        let first = dump.lines().zip(expected.lines()).position(|(a, b)| a != b);
        panic!(
            "layout changed (first differing line {:?}); if intended, rerun with UPDATE_GOLDEN=1\n--- got\n{dump}",
            first.map(|i| i + 1)
        );
    }
}
