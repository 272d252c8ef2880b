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

/// The panel pack's summary table, with three of the demo's shortlisted ideas: every width
/// automatic but the title's, badges, and short recommendations under a long header.
fn summary_table() -> Document {
    let mut doc = Document::new(meta()).with_marking("OFFICIAL");
    let rows = [
        (
            "DC21-0012",
            "Record language choice once so people in Wales get services in Welsh without asking again",
            "Department for Environment, Food and Rural Affairs",
            [Rag::Amber, Rag::Green, Rag::Amber],
            "Progress",
        ),
        (
            "DC21-0142",
            "Flag suspicious company registrations using patterns across Companies House filings",
            "Department for Business, Energy and Industrial Strategy",
            [Rag::Green, Rag::Green, Rag::Amber],
            "Hold",
        ),
        (
            "DC21-0068",
            "Find people who may be eligible for the EU Settlement Scheme but have not applied",
            "Home Office",
            [Rag::NotRated, Rag::Red, Rag::Green],
            "Do not progress",
        ),
    ];
    doc.push(Block::Table(Table {
        columns: vec![
            Column::auto("Reference"),
            Column::fr("Title", 1.0),
            Column::auto("Department"),
            Column::auto("Viability"),
            Column::auto("Benefits"),
            Column::auto("Obstacles"),
            Column::auto("Recommendation"),
        ],
        rows: rows
            .iter()
            .map(|(r, t, d, rags, rec)| {
                let mut row = vec![Cell::text(*r), Cell::text(*t), Cell::text(*d)];
                row.extend(rags.iter().map(|rag| Cell::Rag(*rag)));
                row.push(Cell::text(*rec));
                row
            })
            .collect(),
        min_row_height_mm: 0.0,
    }));
    doc
}

#[test]
fn automatic_table_layout_matches_the_golden_dump_and_splits_no_word() {
    // Issue #16: "Departm|ent", "Environm|ent", "Recommendati|on" in the summary table; then
    // the title squeezed to five lines while "Recommendation" held a wide column open over
    // "Progress". Body words stay whole; only a header word may be hyphenated.
    let laid = layout(&summary_table()).unwrap();
    let words: std::collections::BTreeSet<String> = [
        "Reference Title Department Viability Benefits Obstacles",
        "DC21-0012 Record language choice once so people in Wales get services in Welsh without asking again",
        "Department for Environment, Food and Rural Affairs Amber Green Progress",
        "DC21-0142 Flag suspicious company registrations using patterns across Companies House filings",
        "Department for Business, Energy and Industrial Strategy Hold",
        "DC21-0068 Find people who may be eligible for the EU Settlement Scheme but have not applied",
        "Home Office Not rated Red Do not progress",
    ]
    .join(" ")
    .split_whitespace()
    .map(str::to_string)
    .collect();
    let texts = crate::body_texts(&laid, 0);
    // Header cells are bold at the table's size; badges are bold but smaller.
    let is_header = |t: &shortlist_pdf::TextRun| t.font == shortlist_pdf::FontStyle::Bold && t.size >= 10.0;
    let header_y = texts.first().expect("the table has text").y;
    let header: String =
        texts.iter().filter(|t| is_header(t) && t.x > 400.0).map(|t| t.text.as_str()).collect();
    for t in texts.iter().filter(|t| !is_header(t)) {
        for w in t.text.split_whitespace() {
            assert!(words.contains(w), "{w:?} is a whole word of the table");
        }
    }
    assert!(
        header.replace(['-', '\u{ad}'], "").contains("Recommendation"),
        "the last header reads as one word, hyphenated or not: {header:?}"
    );
    let pieces = texts.iter().filter(|t| is_header(t) && t.x > 400.0).count();
    assert!(pieces <= 3, "\"Obstacles\" whole and \"Recommendation\" in at most two pieces: {header:?}");
    // The title gets the room: its column is the widest.
    let mut xs: Vec<f32> = texts.iter().filter(|t| (t.y - header_y).abs() < 0.5).map(|t| t.x).collect();
    xs.sort_by(f32::total_cmp);
    xs.push(shortlist_pdf::RIGHT);
    let widths: Vec<f32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    let widest = widths.iter().copied().fold(0.0, f32::max);
    assert_eq!(widths[1], widest, "the title column is the widest: {widths:?}");
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
