//! Layout behaviour, checked on the positioned-box model.

use shortlist_pdf::{
    layout, page_count, text, Block, Cell, Column, Document, Error, Item, Rag, Table, BODY_BOTTOM, BODY_TOP,
    LEFT, RIGHT,
};

use crate::sample::{briefing_pack, meta};
use crate::{body_texts, is_heading, links};

#[test]
fn contents_page_numbers_match_where_sections_start() {
    // 60 ideas: the contents run over more than one page, and so shift every section.
    let doc = briefing_pack(60);
    let laid = layout(&doc).unwrap();
    let level1: Vec<_> = laid.outline.iter().filter(|a| a.level == 1).collect();
    let contents_pages = 0..level1[0].page;
    assert!(contents_pages.len() >= 2, "the contents need {} pages", contents_pages.len());
    // The contents numbers are the right-aligned body runs on the contents pages.
    let mut numbers = Vec::new();
    let mut page_links = Vec::new();
    for p in contents_pages {
        numbers.extend(
            laid.texts(p)
                .filter(|t| (t.x + t.width - RIGHT).abs() < 0.5)
                .filter(|t| t.y > BODY_TOP && t.y < BODY_BOTTOM)
                .map(|t| t.text.clone()),
        );
        page_links.extend(links(&laid, p));
    }
    assert_eq!(numbers.len(), level1.len(), "one contents entry per level-1 bookmark");
    assert_eq!(page_links.len(), level1.len(), "every contents entry is a link");
    for ((anchor, number), (link_page, link_top)) in level1.iter().zip(&numbers).zip(&page_links) {
        assert_eq!(*number, (anchor.page + 1).to_string(), "contents number for {:?}", anchor.title);
        assert_eq!(*link_page, anchor.page, "link for {:?} goes to its page", anchor.title);
        assert!((link_top - anchor.y).abs() < 0.01);
        let page_text = laid.page_text(anchor.page);
        assert!(
            page_text.contains(&anchor.title),
            "{:?} is really on page {}",
            anchor.title,
            anchor.page + 1
        );
    }
    // Ideas start on a new page each, after the contents and introduction.
    assert!(level1.windows(2).all(|w| w[0].page < w[1].page));
}

#[test]
fn a_heading_is_never_stranded_at_the_foot_of_a_page() {
    // Push a heading down the page one line at a time: wherever it lands, it must share its
    // page with the first lines of the paragraph after it.
    for filler in 30..52 {
        let mut doc = Document::new(meta());
        for i in 0..filler {
            doc.push(Block::Paragraph(text(format!("Filler line {i}"))));
        }
        doc.push(Block::heading(2, "The heading"));
        doc.push(Block::paragraph(
            "First line of the paragraph that follows the heading and wraps onto a second line \
             because it is long enough to need more than one line of the body width.",
        ));
        let laid = layout(&doc).unwrap();
        let heading_page = laid.outline[0].page;
        let body = body_texts(&laid, heading_page);
        let after = body.iter().filter(|t| t.text.starts_with("First line")).count();
        assert_eq!(after, 1, "filler {filler}: the paragraph starts on the heading's page");
        let last = body.iter().max_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
        assert!(!is_heading(last), "filler {filler}: the heading is not the last thing on its page");
    }
}

#[test]
fn consecutive_headings_stay_together_with_the_text() {
    for filler in 30..52 {
        let mut doc = Document::new(meta());
        for i in 0..filler {
            doc.push(Block::Paragraph(text(format!("Filler line {i}"))));
        }
        doc.push(Block::heading(1, "Section"));
        doc.push(Block::heading(2, "Subsection"));
        doc.push(Block::paragraph("Body text."));
        let laid = layout(&doc).unwrap();
        let pages: Vec<usize> = laid.outline.iter().map(|a| a.page).collect();
        let body_page = (0..laid.pages.len()).find(|p| laid.page_text(*p).contains("Body text.")).unwrap();
        assert_eq!(pages, vec![body_page, body_page], "filler {filler}");
    }
}

fn long_table(rows: usize) -> Table {
    Table {
        columns: vec![Column::mm("Criterion", 40.0), Column::mm("Rating", 25.0), Column::fr("Notes", 1.0)],
        rows: (0..rows)
            .map(|i| {
                vec![
                    Cell::text(format!("Row {i}")),
                    Cell::Rag(Rag::Amber),
                    Cell::text(
                        "A note long enough to wrap onto a second line in the notes column of the table.",
                    ),
                ]
            })
            .collect(),
        min_row_height_mm: 0.0,
    }
}

#[test]
fn tables_break_across_pages_and_repeat_their_header() {
    let mut doc = Document::new(meta());
    doc.push(Block::Table(long_table(60)));
    let laid = layout(&doc).unwrap();
    assert!(laid.pages.len() >= 3, "60 two-line rows need several pages");
    let mut seen = Vec::new();
    for p in 0..laid.pages.len() {
        let body = body_texts(&laid, p);
        let top = body.iter().min_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
        assert_eq!(top.text, "Criterion", "page {} starts with the header row", p + 1);
        let headers = body.iter().filter(|t| t.text == "Criterion").count();
        assert_eq!(headers, 1, "one header row per page");
        seen.extend(body.iter().filter(|t| t.text.starts_with("Row ")).map(|t| t.text.clone()));
        for t in &body {
            assert!(t.y <= BODY_BOTTOM, "no text below the body on page {}", p + 1);
        }
    }
    let expected: Vec<String> = (0..60).map(|i| format!("Row {i}")).collect();
    assert_eq!(seen, expected, "every row once, in order, none split from its badge");
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines() {
    let words = "word ".repeat(2500);
    let mut doc = Document::new(meta());
    doc.push(Block::Table(Table {
        columns: vec![Column::fr("Name", 1.0), Column::fr("Narrative", 3.0)],
        rows: vec![vec![Cell::text("Only row"), Cell::text(words)]],
        min_row_height_mm: 0.0,
    }));
    let laid = layout(&doc).unwrap();
    assert!(laid.pages.len() >= 2);
    let mut count = 0;
    for p in 0..laid.pages.len() {
        let body = body_texts(&laid, p);
        assert!(body.iter().any(|t| t.text == "Narrative"), "header repeated on page {}", p + 1);
        count += body.iter().map(|t| t.text.matches("word").count()).sum::<usize>();
    }
    assert_eq!(count, 2500, "no words lost at the splits");
}

#[test]
fn nothing_strays_outside_the_margins() {
    let laid = layout(&briefing_pack(8)).unwrap();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(t) = item {
                assert!(t.x >= LEFT - 0.01 && t.x + t.width <= RIGHT + 0.01, "page {}: {:?}", p + 1, t.text);
            }
        }
        for t in body_texts(&laid, p) {
            assert!(t.y >= BODY_TOP && t.y <= BODY_BOTTOM, "page {}: {:?} at {}", p + 1, t.text, t.y);
        }
    }
}

#[test]
fn every_page_carries_the_marking_title_date_and_page_number() {
    let laid = layout(&briefing_pack(4)).unwrap();
    let n = laid.pages.len();
    for p in 0..n {
        let texts: Vec<&str> = laid.texts(p).map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts.iter().filter(|t| **t == "OFFICIAL-SENSITIVE").count(),
            2,
            "top and bottom, page {}",
            p + 1
        );
        assert!(texts.contains(&format!("Page {} of {n}", p + 1).as_str()));
        assert!(texts.contains(&"12 March 2025"));
        assert!(texts.contains(&"Data Challenge 2025 — Round 1 briefing pack"));
    }
}

#[test]
fn no_marking_means_none_is_printed() {
    let mut doc = Document::new(meta());
    doc.push(Block::paragraph("Hello"));
    let laid = layout(&doc).unwrap();
    assert!(laid.texts(0).all(|t| !t.text.contains("OFFICIAL")));
}

#[test]
fn page_count_matches_layout_and_page_breaks_start_pages() {
    let mut doc = Document::new(meta());
    doc.push(Block::PageBreak); // at the top of an empty page: ignored
    doc.push(Block::paragraph("One"));
    doc.push(Block::PageBreak);
    doc.push(Block::paragraph("Two"));
    doc.push(Block::PageBreak); // trailing: no empty last page
    assert_eq!(page_count(&doc).unwrap(), 2);
    let laid = layout(&doc).unwrap();
    assert!(laid.page_text(1).contains("Two"));
    assert_eq!(page_count(&briefing_pack(10)).unwrap(), layout(&briefing_pack(10)).unwrap().pages.len());
}

#[test]
fn the_outline_keeps_heading_levels_and_skips_unbookmarked_headings() {
    let laid = layout(&briefing_pack(2)).unwrap();
    let levels: Vec<(u8, &str)> = laid.outline.iter().map(|a| (a.level, a.title.as_str())).collect();
    assert_eq!(levels[0], (1, "About this pack"), "the unbookmarked Contents heading is left out");
    assert_eq!(levels[1], (2, "Scores so far"));
    assert!(levels.iter().any(|(l, t)| *l == 2 && *t == "Evaluation"));
}

#[test]
fn badges_always_carry_their_word() {
    let laid = layout(&briefing_pack(4)).unwrap();
    let all: Vec<String> = (0..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    let all = all.join("\n");
    for word in ["Red", "Amber", "Green", "Not rated"] {
        assert!(all.contains(word), "{word} badge text is drawn");
    }
}

#[test]
fn invalid_documents_are_refused_with_a_reason() {
    let mut doc = Document::new(meta());
    doc.push(Block::heading(4, "Too deep"));
    assert_eq!(layout(&doc).unwrap_err(), Error::HeadingLevel(4));

    let mut doc = Document::new(meta());
    let mut t = long_table(1);
    t.rows[0].pop();
    doc.push(Block::Table(t));
    assert!(matches!(layout(&doc).unwrap_err(), Error::TableShape { row: 0, found: 2, expected: 3 }));

    let mut doc = Document::new(meta());
    doc.push(Block::Table(Table {
        columns: vec![Column::mm("A", 100.0), Column::mm("B", 100.0)],
        rows: vec![],
        min_row_height_mm: 0.0,
    }));
    assert!(matches!(layout(&doc).unwrap_err(), Error::TableTooWide { .. }));
}

#[test]
fn equal_scores_in_a_dot_plot_share_a_dot_that_says_how_many() {
    // Seen in the results pack: five judges, four of them at 5, showed two dots.
    let mut doc = Document::new(meta());
    doc.push(Block::DotPlot(shortlist_pdf::DotPlot {
        rows: vec![shortlist_pdf::DotRow {
            label: "DC21-0070".into(),
            values: vec![5.0, 3.0, 5.0, 5.0, 5.0],
            mean: None,
        }],
        min: 1.0,
        max: 5.0,
        axis_label: "Judge's weighted total (1 to 5)".into(),
        alt: "Each judge's total".into(),
    }));
    let laid = layout(&doc).unwrap();
    let dots: Vec<f32> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Circle { cx, .. } => Some(*cx),
            _ => None,
        })
        .collect();
    assert_eq!(dots.len(), 4, "the legend's two dots and the row's two: {dots:?}");
    let counts: Vec<&str> =
        laid.texts(0).filter(|t| t.color == shortlist_pdf::Rgb::WHITE).map(|t| t.text.as_str()).collect();
    assert_eq!(counts, ["2", "4"], "the legend's example, then the four judges at 5");
}

#[test]
fn a_scoring_grid_stays_whole_with_its_heading_and_instruction() {
    // Seen in the judge pack: "Your scores", its instruction and the grid's first row at the
    // foot of one page, the other four criteria alone on the next.
    for filler in 30..52 {
        let mut doc = Document::new(meta());
        for i in 0..filler {
            doc.push(Block::Paragraph(text(format!("Filler line {i}"))));
        }
        doc.push(Block::heading(3, "Your scores"));
        doc.push(Block::paragraph("Score each criterion from 1 to 5."));
        doc.push(Block::Table(Table {
            columns: vec![Column::auto("Criterion"), Column::mm("Score", 18.0), Column::fr("Comment", 3.0)],
            rows: ["Viability", "Benefits", "Deliverability", "Scale of impact", "Innovation"]
                .iter()
                .map(|c| vec![Cell::text(*c), Cell::Blank, Cell::Blank])
                .collect(),
            min_row_height_mm: 10.0,
        }));
        let laid = layout(&doc).unwrap();
        let page_of = |s: &str| (0..laid.pages.len()).find(|p| laid.page_text(*p).contains(s)).unwrap();
        let heading = page_of("Your scores");
        for s in ["Score each criterion", "Viability", "Innovation"] {
            assert_eq!(page_of(s), heading, "filler {filler}: {s:?} is on the heading's page");
        }
    }
}
