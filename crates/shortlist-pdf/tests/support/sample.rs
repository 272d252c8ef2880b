//! A briefing-pack-shaped sample document, shared by the tests and the examples.

use shortlist_pdf::{
    text, Bar, BarChart, Block, Cell, Column, Document, DotPlot, DotRow, Metadata, Rag, Span, Table,
};

const WORDS: &[&str] = &[
    "data",
    "service",
    "citizens",
    "department",
    "analysis",
    "records",
    "linking",
    "reduce",
    "backlog",
    "evidence",
    "model",
    "pilot",
    "teams",
    "cost",
    "time",
    "quality",
    "benefit",
    "risk",
    "open",
    "sharing",
    "legal",
    "basis",
    "feasible",
    "skills",
    "users",
    "would",
    "the",
    "and",
    "of",
    "to",
    "with",
    "from",
    "for",
    "a",
    "in",
    "on",
    "by",
    "weekly",
    "regional",
];

/// A deterministic sentence generator: same seed, same prose.
struct Prose(u64);

impl Prose {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = WORDS[(self.next() as usize) % WORDS.len()];
            if i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|c| c.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| {
                let n = 8 + (self.next() % 12) as usize;
                self.sentence(n)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const CRITERIA: &[&str] = &["Data availability", "Legal basis", "Technical feasibility", "Cost", "Time"];

/// The metadata every sample uses.
pub fn meta() -> Metadata {
    Metadata {
        title: "Data Challenge 2025 — Round 1 briefing pack".into(),
        author: "Challenge secretariat".into(),
        subject: "Ideas for the judging panel".into(),
        language: "en-GB".into(),
        date_label: "12 March 2025".into(),
        created_unix: 1_741_776_000,
    }
}

/// The accented and Welsh text the tests look for in the PDF.
pub const WELSH: &str = "Gwasanaeth data i’r Gymraeg: ŵ ŷ é â — “dyfyniad”";

/// A pack with contents, an introduction, charts and `sections` ideas of about a page each.
pub fn briefing_pack(sections: usize) -> Document {
    let mut doc = Document::new(meta()).with_marking("OFFICIAL-SENSITIVE");
    let mut prose = Prose(42);
    doc.push(Block::Heading { level: 1, text: "Contents".into(), bookmark: false });
    doc.push(Block::Contents { max_level: 1 });
    doc.push(Block::PageBreak);

    doc.push(Block::heading(1, "About this pack"));
    doc.push(Block::Paragraph(vec![
        Span::plain("This pack sets out the ideas going forward to the "),
        Span::bold("round 1 panel"),
        Span::plain(". Ratings are shown as "),
        Span::italic("words"),
        Span::plain(" as well as colours; "),
        Span { text: "not rated".into(), bold: true, italic: true },
        Span::plain(" means the secretariat has not yet evaluated that criterion."),
    ]));
    doc.push(Block::paragraph(WELSH));
    doc.push(Block::List {
        ordered: false,
        items: vec![
            text("Read each idea’s summary and evaluation before the meeting."),
            text("Score each idea against the rubric using the grid at the end of the pack; a long item wraps under its own text rather than under the bullet."),
            text("Declare any conflict of interest to the secretariat."),
        ],
    });
    doc.push(Block::List {
        ordered: true,
        items: vec![text("Viability"), text("Benefits"), text("Obstacles")],
    });
    doc.push(Block::KeyValue(vec![
        ("Challenge".into(), text("Data Challenge 2025")),
        ("Round".into(), text("1 — shortlisting")),
        ("Panel meeting".into(), text("19 March 2025, 10:00 to 12:30")),
        ("Ideas in this pack".into(), text(sections.to_string())),
    ]));
    doc.push(Block::heading(2, "Scores so far"));
    doc.push(Block::BarChart(BarChart {
        bars: (1..=sections.min(6))
            .map(|i| Bar { label: format!("Idea {i}"), value: 1.5 + (i as f64 * 0.7) % 3.4 })
            .collect(),
        max: Some(5.0),
        axis_label: "Weighted mean score (out of 5)".into(),
        alt: "Bar chart of each idea's weighted mean score so far".into(),
    }));
    doc.push(Block::DotPlot(DotPlot {
        rows: (1..=sections.min(6))
            .map(|i| DotRow {
                label: format!("Idea {i}"),
                values: (0..4).map(|j| 1.0 + ((i * 3 + j * 2) % 5) as f64).collect(),
                mean: None,
            })
            .collect(),
        min: 1.0,
        max: 5.0,
        axis_label: "Each judge’s score (1 to 5)".into(),
        alt: "Dot plot of each judge's score for each idea, with the mean".into(),
    }));

    let rags = [Rag::Green, Rag::Amber, Rag::Red, Rag::NotRated];
    for i in 1..=sections {
        doc.push(Block::PageBreak);
        doc.push(Block::heading(1, format!("Idea {i}: {}", prose.sentence(5).trim_end_matches('.'))));
        doc.push(Block::heading(2, "Summary"));
        doc.push(Block::paragraph(prose.paragraph(5)));
        doc.push(Block::paragraph(prose.paragraph(4)));
        doc.push(Block::Ratings(vec![
            ("Viability".into(), rags[i % 4]),
            ("Benefits".into(), rags[(i + 1) % 4]),
            ("Obstacles".into(), rags[(i + 2) % 4]),
        ]));
        doc.push(Block::heading(2, "Evaluation"));
        doc.push(Block::Table(Table {
            columns: vec![
                Column::mm("Criterion", 38.0),
                Column::mm("Rating", 26.0),
                Column::fr("Secretariat’s assessment", 1.0),
            ],
            // Every seventh idea has a long register, so tables break across pages.
            rows: CRITERIA
                .iter()
                .cycle()
                .take(if i % 7 == 0 { 14 } else { 5 })
                .enumerate()
                .map(|(k, c)| {
                    vec![
                        Cell::text(*c),
                        Cell::Rag(rags[(i + k) % 4]),
                        Cell::text(prose.paragraph(1 + (k % 2))),
                    ]
                })
                .collect(),
            min_row_height_mm: 0.0,
        }));
        doc.push(Block::heading(2, "Recommendation"));
        doc.push(Block::paragraph(prose.paragraph(2)));
    }

    doc.push(Block::PageBreak);
    doc.push(Block::heading(1, "Scoring grid"));
    doc.push(Block::paragraph("Write a score from 1 to 5 in each box."));
    doc.push(Block::Table(Table {
        columns: vec![
            Column::fr("Idea", 3.0),
            Column::fr("Viability", 1.0),
            Column::fr("Benefits", 1.0),
            Column::fr("Obstacles", 1.0),
        ],
        rows: (1..=sections)
            .map(|i| vec![Cell::text(format!("Idea {i}")), Cell::Blank, Cell::Blank, Cell::Blank])
            .collect(),
        min_row_height_mm: 11.0,
    }));
    doc.push(Block::WriteBox { label: "Notes for the panel discussion".into(), height_mm: 50.0 });
    doc
}
