//! Timings for the index on a generated corpus. Run in release:
//! `cargo run --release -p shortlist-similar --example bench`
//!
//! The corpus is generated (`tests/common/mod.rs`). Set `SIMILAR_BENCH_TEXT` to a file of English
//! prose, one paragraph a line, to build the 10,000 ideas from its sentences instead: real
//! English has the real spread of words and character trigrams.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use shortlist_similar::{SimilarityIndex, DEFAULT_THRESHOLD};

fn main() {
    let docs = match std::env::var("SIMILAR_BENCH_TEXT") {
        Ok(path) => from_prose(&std::fs::read_to_string(path).expect("SIMILAR_BENCH_TEXT is readable")),
        Err(_) => common::corpus(10_000, 42),
    };

    let start = Instant::now();
    let mut index = SimilarityIndex::new();
    for (i, (title, body)) in docs.iter().enumerate() {
        index.insert(i, title, body);
    }
    println!("build 10,000-doc index: {:?}", start.elapsed());

    let queries = 200;
    let start = Instant::now();
    let mut hits = 0;
    for (title, body) in docs.iter().step_by(docs.len() / queries) {
        hits += index.similar(title, body, DEFAULT_THRESHOLD).len();
    }
    println!(
        "similar() on 10,000 docs at {DEFAULT_THRESHOLD}: {:?} per query ({hits} hits over {queries} queries)",
        start.elapsed() / queries as u32
    );

    let mut small = SimilarityIndex::new();
    for (i, (title, body)) in docs.iter().take(200).enumerate() {
        small.insert(i, title, body);
    }
    let start = Instant::now();
    let pairs = small.pairs(DEFAULT_THRESHOLD);
    println!("pairs() over 200 docs: {:?} ({} pairs)", start.elapsed(), pairs.len());

    let start = Instant::now();
    let pairs = index.pairs(DEFAULT_THRESHOLD);
    println!("pairs() over 10,000 docs: {:?} ({} pairs)", start.elapsed(), pairs.len());

    let start = Instant::now();
    let pairs = index.pairs(0.25);
    println!("pairs() over 10,000 docs at 0.25: {:?} ({} pairs)", start.elapsed(), pairs.len());
}

/// 10,000 ideas, each a title of 6–10 words and 2–5 sentences, picked from `text`'s sentences.
fn from_prose(text: &str) -> Vec<(String, String)> {
    let sentences: Vec<&str> =
        text.split(['.', '\n']).map(str::trim).filter(|s| s.split_whitespace().count() >= 5).collect();
    let mut rng = common::Rng::new(42);
    (0..10_000)
        .map(|_| {
            let words: Vec<&str> = sentences[rng.below(sentences.len())].split_whitespace().collect();
            let title = words[..words.len().min(6 + rng.below(5))].join(" ");
            let body: Vec<&str> =
                (0..2 + rng.below(4)).map(|_| sentences[rng.below(sentences.len())]).collect();
            (title, body.join(". "))
        })
        .collect()
}
