//! Timings for the index on a generated corpus. Run in release:
//! `cargo run --release -p shortlist-similar --example bench`

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use shortlist_similar::{SimilarityIndex, DEFAULT_THRESHOLD};

fn main() {
    let docs = common::corpus(10_000, 42);

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
