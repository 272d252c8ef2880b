//! Turning free text into the words we compare: normalisation, stop words and stemming.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// English function words plus a few words every idea uses ("idea", "propose", "suggest").
/// They carry no meaning for "is this the same idea", so keeping them would make every pair
/// look a little alike. Stored without apostrophes, because [`tokens`] removes apostrophes
/// before looking words up ("don't" is checked as "dont").
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "arent",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "cant",
    "could",
    "couldnt",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "doing",
    "dont",
    "down",
    "during",
    "each",
    "eg",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadnt",
    "has",
    "hasnt",
    "have",
    "havent",
    "having",
    "he",
    "hed",
    "hell",
    "her",
    "here",
    "heres",
    "hers",
    "herself",
    "hes",
    "him",
    "himself",
    "his",
    "how",
    "hows",
    "i",
    "id",
    "idea",
    "ideas",
    "ie",
    "if",
    "ill",
    "im",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "ive",
    "lets",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "mustnt",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "proposal",
    "propose",
    "proposed",
    "same",
    "shall",
    "shant",
    "she",
    "shed",
    "shell",
    "shes",
    "should",
    "shouldnt",
    "so",
    "some",
    "such",
    "suggest",
    "suggested",
    "suggestion",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "theyd",
    "theyll",
    "theyre",
    "theyve",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "via",
    "was",
    "wasnt",
    "we",
    "wed",
    "well",
    "were",
    "werent",
    "weve",
    "what",
    "whats",
    "when",
    "whens",
    "where",
    "wheres",
    "which",
    "while",
    "who",
    "whom",
    "whos",
    "why",
    "whys",
    "will",
    "with",
    "wont",
    "would",
    "wouldnt",
    "you",
    "youd",
    "youll",
    "your",
    "youre",
    "yours",
    "yourself",
    "yourselves",
    "youve",
];

/// A word that counts: not a stop word, and longer than one letter.
pub(crate) fn is_content_word(word: &str) -> bool {
    !is_stop_word(word) && word.chars().count() > 1
}

fn is_stop_word(word: &str) -> bool {
    // The list is short; a sorted binary search keeps this allocation-free and fast.
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Lower case, accents folded, apostrophes dropped, every other non-alphanumeric char a space.
/// Public through the crate root so the exact-duplicate check folds titles the same way.
///
/// NFKD splits "é" into "e" + a combining acute accent, which we drop; it also turns
/// compatibility forms such as "ﬁ" (one ligature char) or full-width letters into plain ones.
pub fn fold(text: &str) -> String {
    // NFKD of a whole text is each char's decomposition, with runs of combining marks put in a
    // canonical order. The marks are all dropped here, so their order cannot matter, and each
    // char can be decomposed on its own; ASCII, the usual case, decomposes to itself. (The test
    // `every_char_with_a_combining_class_is_a_combining_mark` checks that premise.)
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c != '\'' {
                out.push(' ');
            }
        } else {
            std::iter::once(c).nfkd().for_each(|d| push_folded(&mut out, d));
        }
    }
    out
}

/// One char of a text's NFKD as `fold` keeps it: combining marks and apostrophes dropped,
/// letters and digits lower-cased, anything else a space.
fn push_folded(out: &mut String, c: char) {
    if is_combining_mark(c) || c == '\'' || c == '\u{2019}' || c == '\u{2018}' {
        return;
    }
    if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    } else {
        out.push(' ');
    }
}

/// The stemmed content words of `text`, in order.
///
/// Stop words and one-letter words are dropped; if that leaves nothing (a title such as
/// "To be or not to be"), all the words are kept instead, so that any text with at least one
/// letter or digit (other than a lone combining mark, which folding drops) has at least one
/// token and is identical to itself.
#[cfg(test)]
pub(crate) fn tokens(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let folded = fold(text);
    content_words(&folded).into_iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

/// The words of folded text that [`tokens`] stems: stop words and one-letter words dropped,
/// unless that leaves nothing, in which case all of them.
#[cfg(test)]
pub(crate) fn content_words(folded: &str) -> Vec<&str> {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let kept: Vec<&str> = words.iter().copied().filter(|w| is_content_word(w)).collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// The English (Porter 2 / Snowball) stemmer.
pub(crate) fn english_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS, "STOP_WORDS must be sorted and unique or lookups miss words");
    }

    #[test]
    fn folds_accents_case_and_punctuation() {
        let s = english_stemmer();
        assert_eq!(tokens("Café, CAFÉS!", &s), tokens("cafe cafes", &s), "accents/case/punctuation ignored");
        assert_eq!(
            tokens("pensioners' records", &s),
            vec!["pension", "record"],
            "plural and possessive folded"
        );
    }

    /// `fold` as the whole text's NFKD: what the char-by-char `fold` must equal.
    fn fold_whole(text: &str) -> String {
        let mut out = String::new();
        text.nfkd().for_each(|c| push_folded(&mut out, c));
        out
    }

    #[test]
    fn every_char_with_a_combining_class_is_a_combining_mark() {
        // NFKD reorders only chars with a combining class; `fold` drops combining marks. So if
        // every such char is a mark, decomposing char by char folds exactly as the whole text.
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "U+{:04X} has a combining class but is no mark", u32::from(c));
            }
        }
    }

    #[test]
    fn folding_char_by_char_equals_folding_the_whole_text() {
        for text in [
            "Café, CAFÉS!",
            "e\u{301}\u{327}x \u{1E0B}\u{323} q\u{307}\u{323}",
            "ﬁnance ｆｕｌｌ ｗｉｄｔｈ ½ Ⅻ",
            "Llŷr’s ‘quoted’ – dash — “smart” £5 ℃ ß İstanbul ΣΑΣ",
            "\u{301}leading mark, then \u{1100}\u{1161}\u{11A8} 한국어 日本語",
        ] {
            assert_eq!(fold(text), fold_whole(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_any_text_char_by_char_equals_folding_it_whole(
            text in "[a-zA-Z' .éüŷ’\u{300}-\u{36F}\u{1DC0}-\u{1DFF}\u{FB00}-\u{FB06}\u{FF01}-\u{FF5E}]{0,40}|\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_whole(&text));
        }
    }

    #[test]
    fn all_stop_word_text_keeps_its_words() {
        let s = english_stemmer();
        assert!(!tokens("To be or not to be", &s).is_empty(), "a text of only stop words is still a text");
        assert!(tokens(" ,.;- ", &s).is_empty(), "punctuation alone has no words");
    }
}
