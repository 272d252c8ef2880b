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
//! # Near duplicates
//!
//! A pair is flagged as a near duplicate when its score reaches [`DEFAULT_THRESHOLD`] *and* its
//! wording part ([`Fingerprint::wording_similarity`], the share from words and word pairs) reaches
//! [`WORDING_FLOOR`]: two ideas that share only word pieces are not the same idea.
//!
//! # Speed
//!
//! [`SimilarityIndex`] keeps an inverted index from each *word* and *word pair* feature to the
//! documents that have it. Character trigrams are not indexed: even unrelated texts share most
//! common trigrams. Their share of a score is bounded instead, by the product of the two texts'
//! trigram lengths (Cauchy–Schwarz), and only documents whose exact word-and-pair dot product
//! plus that bound reaches the threshold are scored, exactly. [`SimilarityIndex::best_match`]
//! scores those in order of their bound and stops once none left can reach the best found;
//! [`SimilarityIndex::pairs`] uses prefix filtering.
//!
//! For a whole import, [`best_earlier_matches`] compares every row with the register and the
//! rows before it under the near-duplicate rule, with no index to build. The floor lets it
//! compute the wording part of every pair exactly, the commonest words as one matrix product and
//! the rest from their (short) lists, and score only the pairs that clear the floor. Before the floor, a bound on the
//! trigrams let nearly every pair of an export of 10,000 different ideas through (over 200 s of
//! CPU, then about 5.5 s with a walk of the trigram lists).
//!
//! Results are exact, not approximate (unlike MinHash-LSH), and deterministic: no random seeds,
//! and results sorted by score then insertion order.
//!
//! Preparing a text (folding, stemming, hashing) is a large part of the cost, so each thread
//! remembers what each word it has seen gives, and [`Fingerprint::many`] prepares many texts in
//! parallel. `examples/bench.rs` prints timings for this crate's own generated corpus; the
//! shortlist-app `register` bench times a whole import.
//!
//! # Dependencies
//!
//! * `unicode-normalization`: the standard NFKD decomposition and combining-mark test, which
//!   folds accents correctly for every script rather than via a hand-kept table.
//! * `ndarray`: the matrix product of the bulk check, through a safe API over `matrixmultiply`,
//!   which picks the machine's vector instructions at run time.
//! * `rust-stemmers`: the Snowball English (Porter 2) stemmer, the usual well-tested choice; it
//!   folds plurals and verb forms that a hand-written "strip the s" rule would get wrong.

mod fingerprint;
mod index;
mod parallel;
mod text;

pub use fingerprint::Fingerprint;
pub use index::{best_earlier_matches, Match, Pair, SimilarityIndex};
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

/// The least wording part ([`Fingerprint::wording_similarity`]) a near duplicate must have as
/// well as a score of at least [`DEFAULT_THRESHOLD`]: two ideas are near duplicates only if they
/// share words, not merely word pieces.
///
/// Chosen from the calibration pairs in `tests/calibration.rs`: every reworded duplicate there
/// has a wording part of at least 0.28, so 0.2 drops none of them. What it does drop are chance
/// pairs: texts that reach the threshold mostly through the character trigrams that any two
/// texts on one subject share. In the app bench's export of 10,000 different ideas, 14 such
/// pairs (scores 0.420 to 0.430, wording parts below 0.2) were no longer flagged, and none of
/// its 228 planted duplicates was lost. It also makes the check of a whole import exact *and*
/// fast (see [`best_earlier_matches`]).
pub const WORDING_FLOOR: f64 = 0.2;

/// The similarity of two ideas, each given as title and body, in `0.0..=1.0`.
///
/// The same measure as [`SimilarityIndex`]: 1.0 for texts that are identical once normalised,
/// 0.0 when either has no letters or digits. Symmetric, and never NaN.
pub fn similarity(a_title: &str, a_body: &str, b_title: &str, b_body: &str) -> f64 {
    Fingerprint::new(a_title, a_body).similarity(&Fingerprint::new(b_title, b_body))
}
