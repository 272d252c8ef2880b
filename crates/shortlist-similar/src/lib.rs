//! Near-duplicate detection for ideas.
//!
//! People send the same idea twice in different words ("Use HMRC and DWP data to find households
//! missing out on Pension Credit" / "Find pensioners who miss out on Pension Credit by matching
//! DWP and HMRC records"), or send an idea again with small edits. This crate scores how alike
//! two ideas are, from 0.0 (nothing in common) to 1.0 (the same text once normalised), and finds
//! the pairs above a threshold so that a person can look at them. Nothing is dropped
//! automatically, so the measure favours recall at [`DEFAULT_THRESHOLD`].
//!
//! # The measure
//!
//! 1. **Normalise.** Unicode NFKD then drop combining marks (so "Café" == "cafe"), lower case,
//!    drop apostrophes, turn other punctuation into spaces, drop English stop words and a few
//!    words every idea uses ("idea", "propose"), and stem each word with the Snowball English
//!    stemmer ("pensioners" -> "pension", "matching" -> "match").
//! 2. **Features.** Three families: each stem; each pair of neighbouring stems in either order
//!    (a shared phrase like "pension credit" is stronger evidence than two shared words); and
//!    the character trigrams of each stem (catching typos and related word forms the stemmer
//!    leaves apart). A feature's weight is `1 + ln(count)`, a title occurrence counting 1.5 times.
//! 3. **Score.** Cosine similarity, with each family scaled so that the score is
//!    `0.5 × cos(words) + 0.15 × cos(pairs) + 0.35 × cos(trigrams)`: explainable as "half of it
//!    is shared words, a third shared word pieces, the rest shared phrases".
//!
//! There is deliberately no corpus-wide IDF weighting. It would make a pair's score change as
//! the archive grows (a flag should be a stable, reproducible number), and in an ideas
//! challenge the words that are rare across the corpus are the *topic* words ("attendance",
//! "pension"), so IDF mostly lifts different ideas that share a topic — the very pairs we must
//! not flag. Stop words remove the filler that IDF would otherwise discount. As a result
//! [`SimilarityIndex`] gives exactly the same scores as [`similarity`].
//!
//! # Speed
//!
//! [`SimilarityIndex`] keeps an inverted index from each *word* and *word pair* feature to the
//! documents that have it. Character trigrams are not indexed: even unrelated texts share most
//! common trigrams, so their lists were nearly every document. Their share of a score is bounded
//! instead, by the product of the two texts' trigram lengths (Cauchy–Schwarz), and only
//! documents whose exact word-and-pair dot product plus that bound reaches the threshold are
//! scored, exactly. [`SimilarityIndex::best_match`] scores those in order of their bound and
//! stops once none left can reach the best found, which is what the duplicate check needs; for
//! a whole import, [`SimilarityIndex::best_earlier_matches`] compares every row with those
//! before it, spread over the cores. That bound allows about 0.35 to any two texts, so when a
//! row has no close copy (most rows of a real export) nearly every earlier row stayed a
//! candidate: 10,000 different ideas took over 200 s of CPU. For such rows the bulk check also
//! indexes the trigrams and walks all but each query's commonest ones, bounding only those. [`SimilarityIndex::pairs`] uses prefix filtering. Results
//! are exact, not approximate (unlike MinHash-LSH), and deterministic: no random seeds, and
//! results sorted by score then insertion order.
//!
//! Preparing a text (folding, stemming, hashing) is a large part of the cost, so each thread
//! remembers what each word it has seen gives, and [`Fingerprint::many`] prepares many texts in
//! parallel.
//!
//! The shortlist-app bench's generated 10,000-idea export repeats about 240 topics, so 9,932 of
//! its rows have an earlier near duplicate: the best match of every row, on this project's
//! shared 2-core machine, takes about 2.3 s of CPU (13.9 s before the changes above). Its
//! export of 10,000 *different* ideas (about 500 rows with an earlier near duplicate) takes
//! about 5.5 s of CPU, after over 240 s before the trigram walk. `examples/bench.rs` prints timings for this crate's own generated corpus.
//!
//! # Dependencies
//!
//! * `unicode-normalization`: the standard NFKD decomposition and combining-mark test, which
//!   folds accents correctly for every script rather than via a hand-kept table.
//! * `rust-stemmers`: the Snowball English (Porter 2) stemmer, the usual well-tested choice; it
//!   folds plurals and verb forms that a hand-written "strip the s" rule would get wrong.

mod fingerprint;
mod index;
mod text;

pub use fingerprint::Fingerprint;
pub use index::{Match, Pair, SimilarityIndex};
pub use text::fold;

/// The threshold Shortlist uses by default to flag "looks like a duplicate".
///
/// Chosen from the calibration pairs in `tests/calibration.rs`: every reworded duplicate there
/// (the same idea in other words, sharing its key nouns) scores at least 0.48, every pair of
/// different ideas on the same topic at most 0.39, and ideas on different topics below 0.2.
/// 0.42 sits in that gap, a little below its middle (0.43), because a flag only asks a person
/// to look: a missed duplicate costs more than a false alarm. The calibration set is small
/// (9 + 9 pairs); revisit with real challenge data.
pub const DEFAULT_THRESHOLD: f64 = 0.42;

/// The similarity of two ideas, each given as title and body, in `0.0..=1.0`.
///
/// The same measure as [`SimilarityIndex`]: 1.0 for texts that are identical once normalised,
/// 0.0 when either has no letters or digits. Symmetric, and never NaN.
pub fn similarity(a_title: &str, a_body: &str, b_title: &str, b_body: &str) -> f64 {
    Fingerprint::new(a_title, a_body).similarity(&Fingerprint::new(b_title, b_body))
}
