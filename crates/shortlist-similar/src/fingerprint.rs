//! The feature vector of one idea and the cosine between two of them.

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
///   catch spelling slips ("recieve" / "receive") and related word forms the stemmer leaves apart.
///
/// A feature's weight is `1 + ln(count)`, where a title occurrence counts 1.5
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
        // (feature id, count) in the order met; ids repeat, and are merged below.
        let mut counts: [Vec<(u64, f64)>; 3] = Default::default();
        let mut chars: Vec<char> = Vec::new();
        for (text, weight) in [(title, TITLE_WEIGHT), (body, 1.0)] {
            let stems = tokens(text, &stemmer);
            for (i, stem) in stems.iter().enumerate() {
                counts[Family::Word as usize].push((feature_id(Family::Word, &[stem.as_bytes()]), weight));
                if let Some(next) = stems.get(i + 1) {
                    let (x, y) = if stem <= next { (stem, next) } else { (next, stem) };
                    let id = feature_id(Family::Pair, &[x.as_bytes(), b" ", y.as_bytes()]);
                    counts[Family::Pair as usize].push((id, weight));
                }
                chars.clear();
                chars.push('^');
                chars.extend(stem.chars());
                chars.push('$');
                for gram in chars.windows(3) {
                    let mut buf = [0u8; 12];
                    let mut len = 0;
                    for c in gram {
                        len += c.encode_utf8(&mut buf[len..]).len();
                    }
                    counts[Family::Trigram as usize]
                        .push((feature_id(Family::Trigram, &[&buf[..len]]), weight));
                }
            }
        }

        let mut features = Vec::new();
        for (family, mut family_counts) in counts.into_iter().enumerate() {
            // Sorted so every sum below runs in one fixed order (float sums in another order can
            // differ in the last bits). Counts are multiples of 0.5, so merging them is exact.
            family_counts.sort_unstable_by_key(|&(id, _)| id);
            let mut weights: Vec<(u64, f64)> = Vec::with_capacity(family_counts.len());
            for (id, count) in family_counts {
                match weights.last_mut() {
                    Some((last, total)) if *last == id => *total += count,
                    _ => weights.push((id, count)),
                }
            }
            for (_, w) in &mut weights {
                *w = 1.0 + w.ln();
            }
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
