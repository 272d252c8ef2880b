//! The closing-the-loop outputs, checked on plain data in and bytes or documents out. No
//! database: the app's use cases are tested where they are wired.

mod letters;
mod longlist;
mod report;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use shortlist_pdf::{Block, Document};

pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 12, 10, 9, 30, 0).single().expect("a real time")
}

pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 12, 10).expect("a real date")
}

/// Every word a reader would see in a document, one string per block, in order.
pub fn words(doc: &Document) -> Vec<String> {
    fn text(t: &[shortlist_pdf::Span]) -> String {
        t.iter().map(|s| s.text.as_str()).collect()
    }
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text: t, .. } => t.clone(),
            Block::Paragraph(t) => text(t),
            Block::KeyValue(kv) => {
                kv.iter().map(|(k, v)| format!("{k}: {}", text(v))).collect::<Vec<_>>().join("\n")
            }
            Block::Table(t) => t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            shortlist_pdf::Cell::Text(t) => text(t),
                            _ => String::new(),
                        })
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::BarChart(c) => {
                c.bars.iter().map(|b| format!("{} {}", b.label, b.value)).collect::<Vec<_>>().join("\n")
            }
            _ => String::new(),
        })
        .collect()
}

/// Where tests leave files worth looking at (`SHORTLIST_PUBLISH_OUT`, or a temp folder).
pub fn out_dir() -> PathBuf {
    let dir = std::env::var_os("SHORTLIST_PUBLISH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("shortlist-publish-tests"));
    std::fs::create_dir_all(&dir).expect("a folder for test output");
    dir
}
