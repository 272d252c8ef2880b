//! Line breaking with the font's real advance widths.
//!
//! Greedy, first-fit breaking at spaces: good enough for briefing prose and predictable for
//! tests. A word wider than the line is broken between characters rather than overflowing
//! the margin (long URLs and reference numbers do occur in ideas).

use crate::document::Span;
use crate::fonts::{FontStyle, Fonts, MISSING};

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
/// sets every span bold (table headers, keys).
pub(crate) fn wrap(fonts: &Fonts, spans: &[Span], size: f32, max_w: f32, force_bold: bool) -> Vec<Line> {
    let mut w = Wrapper { fonts, size, max_w, lines: Vec::new(), cur: Line::default() };
    let mut word: Vec<(FontStyle, String)> = Vec::new();
    let mut space_before = false;
    for span in spans {
        let style = FontStyle::from_flags(span.bold || force_bold, span.italic);
        for c in span.text.chars().map(|c| drawable(fonts, c)) {
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
        if !self.cur.runs.is_empty() {
            let last_style = self.cur.runs.last().map_or(FontStyle::Regular, |r| r.style);
            let sw = if space_before { self.piece_width(last_style, " ") } else { 0.0 };
            if self.cur.width + sw + ww <= self.max_w + EPS {
                if space_before {
                    self.append(last_style, " ", sw);
                }
                for (s, t) in word {
                    let pw = self.piece_width(*s, t);
                    self.append(*s, t, pw);
                }
                return;
            }
            self.finish_line();
        }
        if ww <= self.max_w + EPS {
            for (s, t) in word {
                let pw = self.piece_width(*s, t);
                self.append(*s, t, pw);
            }
            return;
        }
        // Too long for any line: break between characters.
        let mut buf = [0u8; 4];
        for (s, t) in word {
            for c in t.chars() {
                let cw = self.fonts.face(*s).char_width(c, self.size);
                if !self.cur.runs.is_empty() && self.cur.width + cw > self.max_w + EPS {
                    self.finish_line();
                }
                self.append(*s, c.encode_utf8(&mut buf), cw);
            }
        }
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
    let s: String = s.chars().map(|c| drawable(fonts, c)).map(|c| if c == '\n' { ' ' } else { c }).collect();
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
    fn long_words_are_broken_between_characters() {
        let f = fonts();
        let word = "https://example.gov.uk/a/very/long/path/that/cannot/fit/on/one/line";
        let lines = wrap(f, &text(word), 10.0, 80.0, false);
        assert!(lines.len() >= 3, "{:?}", line_texts(&lines));
        assert!(lines.iter().all(|l| l.width <= 80.0 + EPS));
        assert_eq!(line_texts(&lines).concat(), word);
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
