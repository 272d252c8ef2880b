//! The feature vector of one idea and the cosine between two of them.

use std::collections::HashMap;

use crate::text::{english_stemmer, tokens};

/// How much a feature found in the title counts compared with one found in the body.
///
/// Titles carry the gist, so they count more; but the calibration pairs (`tests/calibration.rs`)
/// separate worse at 2 or 3, because two different ideas on one topic tend to share their
/// title's topic words ("school attendance data") while true duplicates share the body too.
pub(crate) const TITLE_WEIGHT: f64 = 1.5;

/// Share of the score that each family of features carries. They add up to 1, so the score is
/// `WORDS * cos(words) + PAIRS * cos(word pairs) + TRIGRAMS * cos(char trigrams)`.
const WORDS: f64 = 0.5;
const PAIRS: f64 = 0.15;
const TRIGRAMS: f64 = 0.35;

/// Scores this close to 1 are reported as exactly 1: the same vector summed in another order can
/// land a few ulps below 1, and "identical texts score 1.0" is a promise.
const ONE_EPSILON: f64 = 1e-9;

#[derive(Clone, Copy)]
enum Family {
    Word = 0,
    Pair = 1,
    Trigram = 2,
}

const FAMILY_WEIGHTS: [f64; 3] = [WORDS, PAIRS, TRIGRAMS];

/// A text prepared for comparison.
///
/// The title and body are normalised (lower case, diacritics folded so "Café" == "cafe",
/// punctuation removed, English stop words dropped, Snowball-stemmed so plurals fold), then
/// turned into three families of features:
///
/// * **words**: each stem;
/// * **word pairs**: each two neighbouring stems, in either order ("hmrc dwp" == "dwp hmrc"),
///   which rewards shared phrases such as "pension credit";
/// * **character trigrams** of each stem with its edges marked (`^pe`, `pen`, …, `on$`), which
///   catch spelling slips and word forms the stemmer leaves apart ("pensioner" / "pension").
///
/// A feature's weight is `1 + ln(count)`, where a title occurrence counts [`TITLE_WEIGHT`]
/// times. Each family is scaled to unit length and then by the square root of its share of the
/// score, and the whole vector is scaled to unit length.
///
/// Invariants: `features` is sorted by feature id, ids are unique, weights are finite and
/// positive, and the vector has length 1 unless it is empty (a text with no letters or digits).
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub(crate) features: Vec<(u64, f64)>,
}

impl Fingerprint {
    /// Prepares `title` and `body` for comparison.
    pub fn new(title: &str, body: &str) -> Self {
        let stemmer = english_stemmer();
        let mut counts: [HashMap<u64, f64>; 3] = Default::default();
        for (text, weight) in [(title, TITLE_WEIGHT), (body, 1.0)] {
            let stems = tokens(text, &stemmer);
            for (i, stem) in stems.iter().enumerate() {
                add(&mut counts, Family::Word, &[stem.as_bytes()], weight);
                if let Some(next) = stems.get(i + 1) {
                    let (x, y) = if stem <= next { (stem, next) } else { (next, stem) };
                    add(&mut counts, Family::Pair, &[x.as_bytes(), b" ", y.as_bytes()], weight);
                }
                let padded: Vec<char> = std::iter::once('^').chain(stem.chars()).chain(Some('$')).collect();
                for gram in padded.windows(3) {
                    let gram: String = gram.iter().collect();
                    add(&mut counts, Family::Trigram, &[gram.as_bytes()], weight);
                }
            }
        }

        let mut features = Vec::new();
        for (family, family_counts) in counts.iter().enumerate() {
            // Sorted first so every sum below runs in one fixed order: HashMap order is random per
            // process, and float sums in another order differ in the last bits.
            let mut weights: Vec<(u64, f64)> =
                family_counts.iter().map(|(&id, &count)| (id, 1.0 + count.ln())).collect();
            weights.sort_unstable_by_key(|&(id, _)| id);
            let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                let scale = FAMILY_WEIGHTS[family].sqrt() / norm;
                features.extend(weights.into_iter().map(|(id, w)| (id, w * scale)));
            }
        }
        // A family can be empty (one word has no pairs); rescale so the vector stays unit length.
        let norm = features.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut features {
                *w /= norm;
            }
        }
        features.sort_unstable_by_key(|&(id, _)| id);
        Fingerprint { features }
    }

    /// True when the text had no letters or digits; such a text is similar to nothing (0.0).
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// How many distinct features the text has.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// The cosine similarity of two fingerprints in `0.0..=1.0` (1.0 for the same text, 0.0 when
    /// either is empty). Symmetric, and never NaN.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        let (a, b) = (&self.features, &other.features);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        finish(dot)
    }

    /// Weight of one feature, or 0.0 when absent.
    pub(crate) fn weight(&self, id: u64) -> f64 {
        match self.features.binary_search_by_key(&id, |&(f, _)| f) {
            Ok(pos) => self.features[pos].1,
            Err(_) => 0.0,
        }
    }
}

/// Clamps a dot product of unit vectors into a score.
pub(crate) fn finish(dot: f64) -> f64 {
    if !dot.is_finite() || dot <= 0.0 {
        0.0
    } else if dot >= 1.0 - ONE_EPSILON {
        1.0
    } else {
        dot
    }
}

/// Adds `weight` to the count of the feature spelt by `parts` in `family`.
fn add(counts: &mut [HashMap<u64, f64>; 3], family: Family, parts: &[&[u8]], weight: f64) {
    *counts[family as usize].entry(feature_id(family, parts)).or_insert(0.0) += weight;
}

/// FNV-1a (64-bit) of the family tag and the feature's bytes: stable across runs and platforms,
/// so results are deterministic. With 64 bits a collision among even millions of features is
/// vanishingly unlikely, and would only merge two features' counts.
fn feature_id(family: Family, parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for byte in std::iter::once(family as u8).chain(parts.iter().flat_map(|p| p.iter().copied())) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}
