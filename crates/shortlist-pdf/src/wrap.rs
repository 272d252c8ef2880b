//! Line breaking with the font's real advance widths.
//!
//! Greedy, first-fit breaking at spaces: good enough for briefing prose and predictable for
//! tests. A word that does not fit the rest of a line is hyphenated with British English
//! patterns (the TeX `hyph-en-gb` patterns, embedded; see `hyphenation/README.md`) when
//! that fills the line noticeably better; a word wider than a whole line is always
//! hyphenated, at a pattern break if one fits and between characters otherwise, and always
//! with a visible hyphen (written as [`SOFT_HYPHEN`], so the PDF can say it is not part of
//! the word). A word is never split when it fits on a line of its own.

use std::sync::OnceLock;

use hyphenation::{Hyphenator as _, Language, Load as _, Standard};

use crate::document::Span;
use crate::fonts::{FontStyle, Fonts, MISSING, SOFT_HYPHEN};

/// British English hyphenation patterns, compiled by the `hyphenation` crate 0.8.4 from the
/// TeX `hyph-en-gb` patterns (its `dictionaries/en-gb.standard.bincode`), embedded so a pack
/// hyphenates the same everywhere without reading files.
static EN_GB: &[u8] = include_bytes!("../hyphenation/en-gb.standard.bincode");

/// The shared dictionary; `None` if the embedded file cannot be read (then words are only
/// split between characters, which a test would catch).
fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_reader(Language::EnglishGB, &mut &EN_GB[..]).ok()).as_ref()
}

/// Where a word may be broken: byte offsets into `word`, and whether a hyphen must be added
/// there (not after a hyphen or slash the word already has).
pub(crate) fn break_points(word: &str) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    // Existing hyphens, dashes and slashes: break after them with nothing added.
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '-' | '‐' | '–' | '/') && i > 0 && end < word.len() {
            out.push((end, false));
        }
    }
    // Pattern breaks inside each alphabetic stretch of five letters or more; not in web
    // and email addresses, where an added hyphen would change the address.
    let address = word.contains('/') || word.contains('@');
    if let Some(dict) = dictionary().filter(|_| !address) {
        let mut start = None;
        let bytes_end = word.len();
        for (i, c) in word.char_indices().chain(std::iter::once((bytes_end, ' '))) {
            let alpha = i < bytes_end && c.is_alphabetic();
            match (alpha, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let part = &word[s..i];
                    if part.chars().count() >= 5 {
                        out.extend(dict.hyphenate(part).breaks.into_iter().map(|b| (s + b, true)));
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|b| b.0);
    out
}

/// The min-content and max-content widths of rich text: its widest word, and its widest
/// line when only forced breaks (`\n`) are taken (CSS Sizing 3, 5.1).
pub(crate) fn content_widths(fonts: &Fonts, spans: &[Span], size: f32, force_bold: bool) -> (f32, f32) {
    let (mut min, mut max) = (0.0f32, 0.0f32);
    let (mut word, mut line) = (0.0f32, 0.0f32);
    let mut pending_space = 0.0f32;
    for span in spans {
        let style = FontStyle::from_flags(span.bold || force_bold, span.italic);
        let face = fonts.face(style);
        for c in span.text.chars().filter(|&c| c != SOFT_HYPHEN).map(|c| drawable(fonts, c)) {
            if c == '\n' {
                min = min.max(word);
                max = max.max(line);
                (word, line, pending_space) = (0.0, 0.0, 0.0);
            } else if c.is_whitespace() {
                min = min.max(word);
                word = 0.0;
                if line > 0.0 {
                    pending_space = face.char_width(' ', size);
                }
            } else {
                let w = face.char_width(c, size);
                line += pending_space + w;
                pending_space = 0.0;
                word += w;
            }
        }
    }
    (min.max(word), max.max(line))
}

/// The min-content width of a table header whose words may each be hyphenated once: the
/// widest word, or for a long word the wider half of its best two-piece split (with the
/// hyphen the break adds). Header words are never cut into three pieces: "Recom-mendation"
/// still reads as a word, "Re-com-men-dation" does not. Used so a long header word
/// ("Recommendation") does not hold a column of short values ("Hold") open when the page is
/// tight; where there is room, columns reach their max-content width and headers stay whole.
pub(crate) fn header_min_width(fonts: &Fonts, text: &str, size: f32) -> f32 {
    let face = fonts.face(FontStyle::Bold);
    let hyphen = face.char_width('-', size);
    text.split_whitespace()
        .map(|word| {
            let word: String =
                word.chars().filter(|&c| c != SOFT_HYPHEN).map(|c| drawable(fonts, c)).collect();
            let whole = face.width(&word, size);
            break_points(&word)
                .into_iter()
                .map(|(at, h)| {
                    let head = face.width(&word[..at], size) + if h { hyphen } else { 0.0 };
                    head.max(face.width(&word[at..], size))
                })
                .fold(whole, f32::min)
        })
        .fold(0.0, f32::max)
}

/// Slack for floating-point comparisons of widths.
const EPS: f32 = 0.01;

/// A run of one style within a wrapped line; `x` is relative to the line start.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub style: FontStyle,
    pub text: String,
    pub x: f32,
    pub width: f32,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
}

/// Replaces what cannot be drawn: control characters become spaces and characters without a
/// glyph in the family become [`MISSING`], so that what is measured is what is drawn.
pub(crate) fn drawable(fonts: &Fonts, c: char) -> char {
    if c == '\n' {
        c
    } else if c.is_control() {
        ' '
    } else if fonts.face(FontStyle::Regular).has_glyph(c) || c.is_whitespace() {
        c
    } else {
        MISSING
    }
}

/// Wraps rich text into lines no wider than `max_w` points at `size` points. `force_bold`
/// sets every span bold (table headers, keys). Only a word wider than `max_w` is split (table
/// cells, headings, labels: a word is never broken while it fits on a line of its own).
pub(crate) fn wrap(fonts: &Fonts, spans: &[Span], size: f32, max_w: f32, force_bold: bool) -> Vec<Line> {
    wrap_with(fonts, spans, size, max_w, force_bold, false)
}

/// Wraps running prose (paragraphs, list items): as [`wrap`], and a word that does not fit
/// the rest of a line is hyphenated into it when that fills the line noticeably better.
pub(crate) fn wrap_prose(fonts: &Fonts, spans: &[Span], size: f32, max_w: f32) -> Vec<Line> {
    wrap_with(fonts, spans, size, max_w, false, true)
}

fn wrap_with(
    fonts: &Fonts,
    spans: &[Span],
    size: f32,
    max_w: f32,
    force_bold: bool,
    fill: bool,
) -> Vec<Line> {
    let mut w = Wrapper { fonts, size, max_w, fill, lines: Vec::new(), cur: Line::default() };
    let mut word: Vec<(FontStyle, String)> = Vec::new();
    let mut space_before = false;
    for span in spans {
        let style = FontStyle::from_flags(span.bold || force_bold, span.italic);
        for c in span.text.chars().filter(|&c| c != SOFT_HYPHEN).map(|c| drawable(fonts, c)) {
            if c == '\n' {
                w.place_word(&word, space_before);
                word.clear();
                space_before = false;
                w.finish_line();
            } else if c.is_whitespace() {
                if !word.is_empty() {
                    w.place_word(&word, space_before);
                    word.clear();
                }
                space_before = true;
            } else {
                match word.last_mut() {
                    Some((s, t)) if *s == style => t.push(c),
                    _ => word.push((style, c.to_string())),
                }
            }
        }
    }
    w.place_word(&word, space_before);
    if !w.cur.runs.is_empty() || w.lines.is_empty() {
        w.finish_line();
    }
    w.lines
}

struct Wrapper<'a> {
    fonts: &'a Fonts,
    size: f32,
    max_w: f32,
    /// Hyphenate to fill lines, not only to fit over-long words.
    fill: bool,
    lines: Vec<Line>,
    cur: Line,
}

impl Wrapper<'_> {
    fn finish_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.cur));
    }

    fn piece_width(&self, style: FontStyle, s: &str) -> f32 {
        self.fonts.face(style).width(s, self.size)
    }

    fn place_word(&mut self, word: &[(FontStyle, String)], space_before: bool) {
        if word.is_empty() {
            return;
        }
        let ww: f32 = word.iter().map(|(s, t)| self.piece_width(*s, t)).sum();
        let mut rest: Vec<(FontStyle, String)> = word.to_vec();
        if !self.cur.runs.is_empty() {
            let last_style = self.cur.runs.last().map_or(FontStyle::Regular, |r| r.style);
            let sw = if space_before { self.piece_width(last_style, " ") } else { 0.0 };
            if self.cur.width + sw + ww <= self.max_w + EPS {
                if space_before {
                    self.append(last_style, " ", sw);
                }
                self.append_word(&rest);
                return;
            }
            // Hyphenate into the rest of this line only when that fills it noticeably
            // better: a ragged right edge reads better than a hyphen every other line.
            let room = self.max_w - self.cur.width - sw;
            if self.fill && room > self.max_w * 0.12 {
                if let Some((head, tail)) = self.split_to_fit(&rest, room, false) {
                    if space_before {
                        self.append(last_style, " ", sw);
                    }
                    self.append_word(&head);
                    rest = tail;
                }
            }
            self.finish_line();
        }
        // On an empty line: a word wider than the whole line is split, with a hyphen, as
        // often as it takes.
        loop {
            let w: f32 = rest.iter().map(|(s, t)| self.piece_width(*s, t)).sum();
            if w <= self.max_w + EPS {
                self.append_word(&rest);
                return;
            }
            match self.split_to_fit(&rest, self.max_w, true) {
                Some((head, tail)) => {
                    self.append_word(&head);
                    self.finish_line();
                    rest = tail;
                }
                None => {
                    self.append_word(&rest);
                    return;
                }
            }
        }
    }

    fn append_word(&mut self, word: &[(FontStyle, String)]) {
        for (s, t) in word {
            let pw = self.piece_width(*s, t);
            self.append(*s, t, pw);
        }
    }

    /// Splits `word` so its head (with a hyphen added where the break needs one) fits in
    /// `room`: at the last pattern break that fits, or, when `must` and none does, after as
    /// many characters as fit. `None` when nothing can go on the line.
    #[allow(clippy::type_complexity)]
    fn split_to_fit(
        &self,
        word: &[(FontStyle, String)],
        room: f32,
        must: bool,
    ) -> Option<(Vec<(FontStyle, String)>, Vec<(FontStyle, String)>)> {
        let joined: String = word.iter().map(|(_, t)| t.as_str()).collect();
        // Style and width up to each byte offset of the joined word.
        let style_at = |at: usize| {
            let mut off = 0;
            for (s, t) in word {
                off += t.len();
                if at <= off {
                    return *s;
                }
            }
            word.last().map_or(FontStyle::Regular, |w| w.0)
        };
        let width_to = |at: usize| -> f32 {
            let mut off = 0;
            let mut w = 0.0;
            for (s, t) in word {
                if off >= at {
                    break;
                }
                let take = (at - off).min(t.len());
                w += self.piece_width(*s, &t[..take]);
                off += t.len();
            }
            w
        };
        let fits = |at: usize, hyphen: bool| {
            let hw = if hyphen { self.piece_width(style_at(at), "-") } else { 0.0 };
            width_to(at) + hw <= room + EPS
        };
        let chosen = break_points(&joined).into_iter().rev().find(|&(at, h)| fits(at, h)).or_else(|| {
            if !must {
                return None;
            }
            // No pattern break fits: as many characters as fit with a hyphen, at least one.
            let mut best = joined.chars().next().map(char::len_utf8)?;
            for (i, _) in joined.char_indices().skip(1) {
                if fits(i, true) {
                    best = i;
                } else {
                    break;
                }
            }
            (best < joined.len()).then_some((best, true))
        })?;
        let (at, hyphen) = chosen;
        let (mut head, mut tail) = (Vec::new(), Vec::new());
        let mut off = 0;
        for (s, t) in word {
            let end = off + t.len();
            if end <= at {
                head.push((*s, t.clone()));
            } else if off >= at {
                tail.push((*s, t.clone()));
            } else {
                head.push((*s, t[..at - off].to_string()));
                tail.push((*s, t[at - off..].to_string()));
            }
            off = end;
        }
        if hyphen {
            let style = style_at(at);
            match head.last_mut() {
                Some((s, t)) if *s == style => t.push(SOFT_HYPHEN),
                _ => head.push((style, SOFT_HYPHEN.to_string())),
            }
        }
        Some((head, tail))
    }

    fn append(&mut self, style: FontStyle, text: &str, width: f32) {
        match self.cur.runs.last_mut() {
            Some(run) if run.style == style => {
                run.text.push_str(text);
                run.width += width;
            }
            _ => self.cur.runs.push(Run { style, text: text.to_string(), x: self.cur.width, width }),
        }
        self.cur.width += width;
    }
}

/// Shortens `s` with an ellipsis so it fits in `max_w` points.
pub(crate) fn truncate(fonts: &Fonts, style: FontStyle, size: f32, s: &str, max_w: f32) -> String {
    let face = fonts.face(style);
    let s: String = s
        .chars()
        .filter(|&c| c != SOFT_HYPHEN)
        .map(|c| drawable(fonts, c))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if face.width(&s, size) <= max_w + EPS {
        return s;
    }
    let ell = face.char_width('…', size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = face.char_width(c, size);
        if w + cw + ell > max_w {
            break;
        }
        out.push(c);
        w += cw;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::text;

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("embedded fonts parse")
    }

    fn line_texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect()).collect()
    }

    #[test]
    fn widths_come_from_the_font() {
        // Liberation Sans shares Arial's advances (2048 units/em): H 1479, e 1139, l 455, o 1139.
        let w = fonts().face(FontStyle::Regular).width("Hello", 10.0);
        let expected = (1479.0 + 1139.0 + 455.0 + 455.0 + 1139.0) * 10.0 / 2048.0;
        assert!((w - expected).abs() < 1e-3, "got {w}, want {expected}");
        let bold = fonts().face(FontStyle::Bold).width("Hello", 10.0);
        assert!(bold > w, "bold is wider than regular: {bold} vs {w}");
    }

    #[test]
    fn breaks_at_spaces_and_lines_never_exceed_the_width() {
        let f = fonts();
        let s = "The quick brown fox jumps over the lazy dog and keeps running far away";
        let max = 120.0;
        let lines = wrap(f, &text(s), 10.0, max, false);
        assert!(lines.len() > 2, "needs several lines: {:?}", line_texts(&lines));
        for l in &lines {
            let measured = f.face(FontStyle::Regular).width(&l.runs[0].text, 10.0);
            assert!((measured - l.width).abs() < 1e-3, "line width is its text's width");
            assert!(l.width <= max + EPS, "line {:?} overflows", l.runs[0].text);
            assert!(!l.runs[0].text.starts_with(' ') && !l.runs[0].text.ends_with(' '));
        }
        assert_eq!(line_texts(&lines).join(" "), s, "no words lost or reordered");
    }

    #[test]
    fn first_fit_uses_the_full_width() {
        // Exactly as wide as "aaa bbb": both fit on one line; a hair narrower splits them.
        let f = fonts();
        let exact = f.face(FontStyle::Regular).width("aaa bbb", 10.0);
        assert_eq!(wrap(f, &text("aaa bbb"), 10.0, exact, false).len(), 1);
        assert_eq!(wrap(f, &text("aaa bbb"), 10.0, exact - 0.5, false).len(), 2);
    }

    #[test]
    fn long_words_break_after_their_slashes() {
        let f = fonts();
        let word = "https://example.gov.uk/a/very/long/path/that/cannot/fit/on/one/line";
        let lines = wrap(f, &text(word), 10.0, 80.0, false);
        assert!(lines.len() >= 3, "{:?}", line_texts(&lines));
        assert!(lines.iter().all(|l| l.width <= 80.0 + EPS));
        let joined: String = line_texts(&lines).iter().map(|l| l.trim_end_matches(SOFT_HYPHEN)).collect();
        assert_eq!(joined, word, "nothing lost; no pattern hyphen inside an address");
        assert!(!line_texts(&lines).iter().any(|l| l.contains("ex-")), "{:?}", line_texts(&lines));
    }

    #[test]
    fn a_word_wider_than_the_line_is_hyphenated_at_a_british_break() {
        // Issue #16: "Departm|ent" with no hyphen. "Department" splits as depart-ment.
        let f = fonts();
        let w = f.face(FontStyle::Regular).width("Depart-", 10.0) + 1.0;
        let lines = wrap(f, &text("Department"), 10.0, w, false);
        assert_eq!(line_texts(&lines), vec!["Depart\u{ad}", "ment"]);
    }

    #[test]
    fn with_no_pattern_break_a_word_is_split_between_characters_with_a_hyphen() {
        let f = fonts();
        let lines = wrap(f, &text("DC21-00123456789"), 10.0, 40.0, false);
        assert!(lines.len() >= 2, "{:?}", line_texts(&lines));
        assert!(lines.iter().all(|l| l.width <= 40.0 + EPS), "{:?}", line_texts(&lines));
        for l in &lines[..lines.len() - 1] {
            let t: String = l.runs.iter().map(|r| r.text.as_str()).collect();
            assert!(
                t.ends_with([SOFT_HYPHEN, '-']),
                "a split word ends with its own or an added hyphen: {t:?}"
            );
        }
    }

    #[test]
    fn words_that_fit_on_a_line_of_their_own_are_never_split() {
        let f = fonts();
        let s = "Environment Recommendation Companies Department";
        let widest = ["Environment", "Recommendation", "Companies", "Department"]
            .iter()
            .map(|w| f.face(FontStyle::Regular).width(w, 10.0))
            .fold(0.0, f32::max);
        let lines = wrap(f, &text(s), 10.0, widest + 0.5, false);
        assert_eq!(line_texts(&lines), vec!["Environment", "Recommendation", "Companies", "Department"]);
    }

    #[test]
    fn prose_is_hyphenated_to_fill_a_line() {
        let f = fonts();
        let face = f.face(FontStyle::Regular);
        // Room for "Environment Re-" but not "Environment Recommendation".
        let w = face.width("Environment Recommend", 10.0);
        let lines = wrap_prose(f, &text("Environment Recommendation"), 10.0, w);
        assert_eq!(line_texts(&lines), vec!["Environment Recom\u{ad}", "mendation"]);
        assert_eq!(wrap(f, &text("Environment Recommendation"), 10.0, w, false).len(), 2);
        assert_eq!(
            line_texts(&wrap(f, &text("Environment Recommendation"), 10.0, w, false))[0],
            "Environment"
        );
    }

    #[test]
    fn british_patterns_are_the_ones_used() {
        // hyph-en-gb's own exceptions: uni-ver-sity, through-out.
        let at: Vec<usize> = break_points("university").iter().map(|b| b.0).collect();
        assert_eq!(at, vec![3, 6]);
        assert!(break_points("data-sharing").contains(&(5, false)), "after its own hyphen, adding none");
    }

    #[test]
    fn content_widths_are_the_longest_word_and_the_whole_line() {
        let f = fonts();
        let face = f.face(FontStyle::Regular);
        let (min, max) = content_widths(f, &text("Food and Rural Affairs"), 10.0, false);
        assert!((min - face.width("Affairs", 10.0)).abs() < 1e-3);
        assert!((max - face.width("Food and Rural Affairs", 10.0)).abs() < 1e-3);
    }

    #[test]
    fn styles_make_separate_runs_positioned_by_width() {
        let f = fonts();
        let spans = vec![Span::plain("Plain "), Span::bold("bold"), Span::italic(" slanted")];
        let lines = wrap(f, &spans, 10.0, 400.0, false);
        assert_eq!(lines.len(), 1);
        let runs = &lines[0].runs;
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0].text, "Plain ");
        assert_eq!(runs[1].style, FontStyle::Bold);
        assert!((runs[1].x - runs[0].width).abs() < 1e-3, "bold run starts where plain ends");
        assert_eq!(runs[1].text, "bold ", "a space is measured in the preceding run's face");
        assert_eq!(runs[2].style, FontStyle::Italic);
        assert_eq!(runs[2].text, "slanted");
    }

    #[test]
    fn newlines_force_breaks_and_whitespace_collapses() {
        let f = fonts();
        let lines = wrap(f, &text("one   two\nthree"), 10.0, 400.0, false);
        assert_eq!(line_texts(&lines), vec!["one two", "three"]);
    }

    #[test]
    fn missing_glyphs_are_replaced_so_width_matches_drawing() {
        let f = fonts();
        let lines = wrap(f, &text("Idea \u{1F600} ŵŷ"), 10.0, 400.0, false);
        assert_eq!(line_texts(&lines), vec!["Idea ? ŵŷ"]);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        let f = fonts();
        let t = truncate(f, FontStyle::Regular, 10.0, "A rather long title indeed", 60.0);
        assert!(t.ends_with('…'));
        assert!(f.face(FontStyle::Regular).width(&t, 10.0) <= 60.0);
    }
}
