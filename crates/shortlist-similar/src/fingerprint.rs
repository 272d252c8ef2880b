//! The feature vector of one idea and the cosine between two of them.

use std::cell::RefCell;
use std::rc::Rc;

use rust_stemmers::Stemmer;

use crate::parallel::{on_threads, threads_for};
use crate::text::{english_stemmer, fold, is_content_word};

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
    /// How many of `features` are words and word pairs; the trigrams follow them.
    pub(crate) lexical_len: usize,
    /// The length of the trigram block: no dot product over trigrams with another unit-length
    /// fingerprint can exceed `trigram_norm × other.trigram_norm` (Cauchy–Schwarz).
    pub(crate) trigram_norm: f64,
}

impl Fingerprint {
    /// Prepares `title` and `body` for comparison.
    pub fn new(title: &str, body: &str) -> Self {
        // Each word as met, with its weight (title words count more), and each pair of
        // neighbouring words as (id, weight).
        let mut words: Vec<(u64, f64, Rc<Stemmed>)> = Vec::new();
        let mut pairs: Vec<(u64, f64)> = Vec::new();
        for (text, weight) in [(title, TITLE_WEIGHT), (body, 1.0)] {
            let stems = stemmed_words(text);
            for (stem, next) in stems.iter().zip(stems.iter().skip(1)) {
                let (x, y) = if stem.stem <= next.stem { (stem, next) } else { (next, stem) };
                pairs.push((feature_id(Family::Pair, &[x.stem.as_bytes(), b" ", y.stem.as_bytes()]), weight));
            }
            words.extend(stems.into_iter().map(|stem| (stem.word, weight, stem)));
        }
        // Sorted and merged so every sum below runs in one fixed order (float sums in another
        // order can differ in the last bits). Counts are multiples of 0.5, so merging is exact.
        words.sort_unstable_by_key(|w| w.0);
        let mut word_counts: Vec<(u64, f64, Rc<Stemmed>)> = Vec::with_capacity(words.len());
        for (id, count, stem) in words {
            match word_counts.last_mut() {
                Some((last, total, _)) if *last == id => *total += count,
                _ => word_counts.push((id, count, stem)),
            }
        }
        // A word's trigrams count as often as the word: once per distinct word, with its count.
        let mut trigrams: Vec<(u64, f64)> =
            Vec::with_capacity(word_counts.iter().map(|(_, _, stem)| stem.trigrams.len()).sum());
        for (_, count, stem) in &word_counts {
            trigrams.extend(stem.trigrams.iter().map(|&id| (id, *count)));
        }
        let counts = [
            word_counts.into_iter().map(|(id, count, _)| (id, count)).collect(),
            merged(pairs),
            merged(trigrams),
        ];

        let mut features = Vec::with_capacity(counts.iter().map(Vec::len).sum());
        for (family, mut weights) in counts.into_iter().enumerate() {
            for (_, w) in &mut weights {
                *w = weight_of(*w);
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
        // Each family is sorted by id and the family is the top bits of the id: all sorted.
        debug_assert!(features.windows(2).all(|p| p[0].0 < p[1].0), "features sorted by id, unique");
        let lexical_len = features.partition_point(|&(id, _)| id < FIRST_TRIGRAM);
        let trigram_norm = features[lexical_len..].iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Fingerprint { features, lexical_len, trigram_norm }
    }

    /// The word and word-pair features, sorted by id: the part of a text that tells ideas apart.
    /// Trigrams, which even unrelated texts share many of, are left to the bound `trigram_norm`.
    pub(crate) fn lexical(&self) -> &[(u64, f64)] {
        &self.features[..self.lexical_len]
    }

    /// The character trigram features, sorted by id: all the features after [`lexical`](Self::lexical).
    pub(crate) fn trigrams(&self) -> &[(u64, f64)] {
        &self.features[self.lexical_len..]
    }

    /// [`Fingerprint::new`] for many `(title, body)` texts, spread over the machine's cores.
    pub fn many(texts: &[(&str, &str)]) -> Vec<Fingerprint> {
        let chunk = texts.len().div_ceil(threads_for(texts.len())).max(1);
        on_threads(texts.chunks(chunk).collect(), |_, part| {
            part.iter().map(|(title, body)| Fingerprint::new(title, body)).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
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
        finish(dot_after(0.0, &self.features, &other.features))
    }

    /// The wording part of [`similarity`](Self::similarity): its share from shared words and
    /// word pairs alone, `0.5 × cos(words) + 0.15 × cos(pairs)` when both texts have every
    /// family, so at most 0.65. A near duplicate needs enough of it ([`crate::WORDING_FLOOR`]):
    /// word pieces alone do not make two ideas the same.
    pub fn wording_similarity(&self, other: &Fingerprint) -> f64 {
        dot_after(0.0, self.lexical(), other.lexical()).max(0.0)
    }

    /// [`similarity`](Self::similarity) in one pass, unless it cannot matter: `None` as soon as
    /// the wording part (the features before the trigrams) is below `floor`, or it plus the
    /// most the trigrams could add (`trigram_norm` × the other's) is below `need`. Equal to
    /// `similarity` whenever it answers: every word and pair id is below every trigram id, so
    /// the sum over the words and pairs, then on over the trigrams, is `similarity`'s own sum
    /// in the same order.
    pub(crate) fn similarity_if(&self, other: &Fingerprint, floor: f64, need: f64) -> Option<f64> {
        let dot = dot_after(0.0, self.lexical(), other.lexical());
        if dot.max(0.0) < floor || dot + self.trigram_norm * other.trigram_norm < need - 1e-9 {
            return None;
        }
        Some(finish(dot_after(dot, self.trigrams(), other.trigrams())))
    }
}

/// `start` plus the dot product of two id-sorted feature lists, summed in id order.
fn dot_after(start: f64, a: &[(u64, f64)], b: &[(u64, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, start);
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
    dot
}

/// `(id, count)` sorted by id with the counts of equal ids added up.
fn merged(mut counts: Vec<(u64, f64)>) -> Vec<(u64, f64)> {
    counts.sort_unstable_by_key(|&(id, _)| id);
    let mut out: Vec<(u64, f64)> = Vec::with_capacity(counts.len());
    for (id, count) in counts {
        match out.last_mut() {
            Some((last, total)) if *last == id => *total += count,
            _ => out.push((id, count)),
        }
    }
    out
}

/// A feature's weight from its count, `1 + ln(count)`. Counts are multiples of 0.5 and nearly
/// always small, so those are looked up (the same numbers, computed once).
fn weight_of(count: f64) -> f64 {
    static SMALL: std::sync::LazyLock<[f64; 64]> =
        std::sync::LazyLock::new(|| std::array::from_fn(|halves| 1.0 + (halves as f64 / 2.0).ln()));
    let halves = count * 2.0;
    if halves.fract() == 0.0 && (1.0..64.0).contains(&halves) {
        SMALL[halves as usize]
    } else {
        1.0 + count.ln()
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

/// FNV-1a (64-bit) of the family tag and the feature's bytes, with the top two bits replaced by
/// the family: stable across runs and platforms, so results are deterministic. With 62 hashed
/// bits a collision among even millions of features is vanishingly unlikely, and would only
/// merge two features' counts.
///
/// The family in the top bits makes a sorted fingerprint list its words, then its word pairs,
/// then its trigrams, so the index can take the word and pair features as one slice and bound
/// the trigram block as a whole (see [`Fingerprint::lexical`]).
fn feature_id(family: Family, parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for byte in std::iter::once(family as u8).chain(parts.iter().flat_map(|p| p.iter().copied())) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    (hash & !FAMILY_MASK) | ((family as u64) << FAMILY_SHIFT)
}

const FAMILY_SHIFT: u32 = 62;
const FAMILY_MASK: u64 = 0b11 << FAMILY_SHIFT;
/// The smallest id a trigram feature can have.
const FIRST_TRIGRAM: u64 = (Family::Trigram as u64) << FAMILY_SHIFT;

/// One word of a text as the measure sees it: its stem and the features the stem gives.
#[derive(Debug)]
struct Stemmed {
    /// Whether the word counts when others do: not a stop word, longer than one letter.
    content: bool,
    stem: Box<str>,
    word: u64,
    trigrams: Box<[u64]>,
}

impl Stemmed {
    fn of(folded_word: &str, stemmer: &Stemmer) -> Stemmed {
        let stem = stemmer.stem(folded_word);
        let mut chars: Vec<char> = Vec::with_capacity(stem.len() + 2);
        chars.push('^');
        chars.extend(stem.chars());
        chars.push('$');
        let trigrams = chars
            .windows(3)
            .map(|gram| {
                let mut buf = [0u8; 12];
                let mut len = 0;
                for c in gram {
                    len += c.encode_utf8(&mut buf[len..]).len();
                }
                feature_id(Family::Trigram, &[&buf[..len]])
            })
            .collect();
        Stemmed {
            content: is_content_word(folded_word),
            word: feature_id(Family::Word, &[stem.as_bytes()]),
            trigrams,
            stem: stem.into(),
        }
    }
}

/// Past this many distinct words the cache is emptied, so memory stays bounded however much text
/// one thread prepares; a challenge's vocabulary is far smaller.
const STEM_CACHE_LIMIT: usize = 100_000;

/// Folded word -> what it gives.
type StemCache = rustc_hash::FxHashMap<Box<str>, Rc<Stemmed>>;

thread_local! {
    /// Stemming and hashing a word is most of the cost of a fingerprint, and ideas repeat their
    /// words, so each thread remembers what each folded word gives. The result depends only on
    /// the word, so the cache never changes a score.
    static STEMS: RefCell<(Stemmer, StemCache)> = RefCell::new((english_stemmer(), StemCache::default()));
}

/// The stemmed content words of `text`, in order: the same as stemming `content_words`.
fn stemmed_words(text: &str) -> Vec<Rc<Stemmed>> {
    let folded = fold(text);
    STEMS.with(|cell| {
        let (stemmer, cache) = &mut *cell.borrow_mut();
        if cache.len() > STEM_CACHE_LIMIT {
            cache.clear();
        }
        let words: Vec<Rc<Stemmed>> = folded
            .split_whitespace()
            .map(|w| match cache.get(w) {
                Some(known) => Rc::clone(known),
                None => {
                    let stemmed = Rc::new(Stemmed::of(w, stemmer));
                    cache.insert(w.into(), Rc::clone(&stemmed));
                    stemmed
                }
            })
            .collect();
        // As `content_words`: stop words and one-letter words go, unless nothing would be left.
        if words.iter().any(|w| w.content) {
            words.into_iter().filter(|w| w.content).collect()
        } else {
            words
        }
    })
}
