//! The packs' content, checked on the document model: hand-made data in, the words a reader
//! would see out. No database and no PDF bytes; `shortlist-app`'s tests write real packs.

mod briefing;
mod results;

use chrono::{NaiveDate, TimeZone, Utc};
use shortlist_domain::{
    Challenge, ChallengeId, ChallengeInput, Evaluation, EvaluationInput, Idea, IdeaId, IdeaInput, Marking,
    Rag, Recommendation, Reference, Stage,
};
use shortlist_packs::{PackData, PackIdea};
use shortlist_pdf::{Block, Cell, Document, Text};

pub fn challenge() -> Challenge {
    let input = ChallengeInput {
        name: "Civil Service Data Challenge 2021".into(),
        year: "2021".into(),
        closing_day: "14".into(),
        closing_month: "5".into(),
        closing_year: "2021".into(),
        marking: Some(Marking::Official),
        reference_prefix: "DC21".into(),
    };
    let valid = input.validate().expect("a valid challenge");
    Challenge {
        id: ChallengeId(1),
        name: valid.name,
        year: valid.year,
        closing_date: valid.closing_date,
        marking: valid.marking,
        reference_prefix: valid.reference_prefix,
        created_at: Utc.with_ymd_and_hms(2021, 3, 1, 9, 0, 0).single().expect("a real time"),
    }
}

/// The `n`th idea of the challenge, at the shortlist, sent in by `submitter`.
pub fn idea(n: i64, title: &str, submitter: &str) -> Idea {
    let on = NaiveDate::from_ymd_opt(2021, 4, 1).expect("a real date");
    let details = IdeaInput::new(title, "Use the data we already hold.", submitter, "Cabinet Office", on)
        .validate()
        .expect("a valid idea");
    let at = Utc.with_ymd_and_hms(2021, 4, 1, 9, 0, 0).single().expect("a real time");
    Idea {
        id: IdeaId(n),
        challenge_id: ChallengeId(1),
        reference: Reference::new("DC21", n),
        stage: Stage::Shortlist,
        merged_into: None,
        details,
        created_at: at,
        updated_at: at,
    }
}

/// An evaluation rated green, amber, red and recommended to progress.
pub fn evaluation() -> Evaluation {
    let mut input = EvaluationInput::default();
    input.viability.rating = Some(Rag::Green);
    input.benefits.rating = Some(Rag::Amber);
    input.obstacles_rating = Some(Rag::Red);
    input.recommendation = Some(Recommendation::Progress);
    input.rationale = "Viable now, with benefits worth the effort.".into();
    input.validate().expect("a valid evaluation")
}

/// Two shortlisted ideas, the first evaluated, for a meeting on 12 October 2021.
pub fn data() -> PackData {
    PackData {
        challenge: challenge(),
        round: Stage::Shortlist,
        ideas: vec![
            PackIdea {
                idea: idea(1, "Find households missing out on Pension Credit", "Rhŷs Prŵs"),
                evaluation: Some(evaluation()),
            },
            PackIdea { idea: idea(2, "Map flood risk to care homes", "Zoë Éluned"), evaluation: None },
        ],
        rubric: shortlist_scoring::templates::challenge_default(),
        meeting_date: NaiveDate::from_ymd_opt(2021, 10, 12),
        version: "Version 2".into(),
        blind: false,
        author: "Sam Secretariat".into(),
        made_at: Utc.with_ymd_and_hms(2021, 10, 1, 9, 30, 0).single().expect("a real time"),
        audit_fingerprint: Some("3f9a 1c07 be42".into()),
    }
}

fn spans(text: &Text) -> String {
    text.iter().map(|s| s.text.as_str()).collect()
}

/// Every line of words in the document, as a reader would meet them: headings, paragraphs, list
/// items, "key: value" facts, table rows as "a | b | c", ratings as "Viability: Green".
pub fn lines(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Paragraph(text) => out.push(spans(text)),
            Block::List { items, .. } => out.extend(items.iter().map(spans)),
            Block::KeyValue(facts) => out.extend(facts.iter().map(|(k, v)| format!("{k}: {}", spans(v)))),
            Block::Table(table) => {
                out.push(table.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>().join(" | "));
                for row in &table.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|cell| match cell {
                            Cell::Text(text) => spans(text),
                            Cell::Rag(rag) => rag.label().to_owned(),
                            Cell::Blank => String::new(),
                        })
                        .collect();
                    out.push(cells.join(" | "));
                }
            }
            Block::Ratings(ratings) => out.extend(ratings.iter().map(|(k, r)| format!("{k}: {}", r.label()))),
            Block::BarChart(chart) => out.extend(chart.bars.iter().map(|b| b.label.clone())),
            Block::DotPlot(plot) => out.extend(plot.rows.iter().map(|r| r.label.clone())),
            Block::WriteBox { label, .. } => out.push(label.clone()),
            Block::Contents { .. } | Block::Space(_) | Block::PageBreak => {}
        }
    }
    out
}

/// Whether any line contains `needle`.
pub fn says(doc: &Document, needle: &str) -> bool {
    lines(doc).iter().any(|l| l.contains(needle))
}
