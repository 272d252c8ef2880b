//! The embedded font family and its metrics.
//!
//! Liberation Sans (SIL OFL 1.1, from Debian's `fonts-liberation2`; see `fonts/README.md`) is
//! compiled into the crate so a pack looks the same on every machine. Each face is parsed once
//! per process ([`Fonts::get`]) into a dense advance-width table, so measuring a string is an
//! array lookup per character.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::Error;

static REGULAR: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../fonts/LiberationSans-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSans-BoldItalic.ttf");

/// The replacement drawn for a character the font has no glyph for.
pub(crate) const MISSING: char = '?';

/// U+00AD SOFT HYPHEN: in laid-out text, the hyphen layout added where it broke a word
/// across lines (drawn as `-`). ISO 32000-1 (14.8.2.2.3) asks tagged PDF to give such a
/// hyphen the Unicode value of a soft hyphen, so text extraction and screen readers put
/// the word back together. Soft hyphens in the input are dropped: the patterns decide.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl FontStyle {
    /// All four faces, in table order.
    pub const ALL: [FontStyle; 4] =
        [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic, FontStyle::BoldItalic];

    /// The face for a bold/italic combination.
    pub fn from_flags(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// A short code used in layout dumps.
    pub fn code(self) -> &'static str {
        match self {
            FontStyle::Regular => "R",
            FontStyle::Bold => "B",
            FontStyle::Italic => "I",
            FontStyle::BoldItalic => "BI",
        }
    }

    /// The face's PostScript name.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "LiberationSans",
            FontStyle::Bold => "LiberationSans-Bold",
            FontStyle::Italic => "LiberationSans-Italic",
            FontStyle::BoldItalic => "LiberationSans-BoldItalic",
        }
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => REGULAR,
            FontStyle::Bold => BOLD,
            FontStyle::Italic => ITALIC,
            FontStyle::BoldItalic => BOLD_ITALIC,
        }
    }
}

/// Metrics of one face.
#[derive(Clone)]
pub struct Face {
    /// Advance per Basic Multilingual Plane code point, in font units; 0 means no glyph.
    advances: Box<[u16]>,
    /// Glyph id per Basic Multilingual Plane code point; 0 means no glyph.
    gids: Box<[u16]>,
    units_per_em: f32,
    /// Ascender, in font units (positive).
    ascent: f32,
    /// Advance per glyph id, in font units.
    glyph_advances: Box<[u16]>,
    metrics: FaceMetrics,
}

/// What a PDF font descriptor says about a face, in font units (angle in degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FaceMetrics {
    pub bbox: [f32; 4],
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub italic_angle: f32,
    pub stem_v: u32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("units_per_em", &self.units_per_em)
            .field("ascent", &self.ascent)
            .field("mapped", &self.advances.iter().filter(|a| **a > 0).count())
            .finish()
    }
}

impl Face {
    fn parse(style: FontStyle) -> Result<Self, Error> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(style.bytes(), 0, &mut warnings)
            .ok_or(Error::Font(style, "could not be parsed"))?;
        let mut advances = vec![0u16; 0x1_0000].into_boxed_slice();
        let mut gids = vec![0u16; 0x1_0000].into_boxed_slice();
        for (&cp, &gid) in &parsed.codepoint_to_glyph {
            if gid == 0 || cp >= 0x1_0000 {
                continue;
            }
            // A mapped glyph with zero advance (a combining mark) still counts as present.
            let w = parsed.get_glyph_width(gid).unwrap_or(0).max(1);
            advances[cp as usize] = w;
            gids[cp as usize] = gid;
        }
        if advances[' ' as usize] == 0 {
            return Err(Error::Font(style, "has no space glyph"));
        }
        // Layout writes the hyphen it adds at a line break as SOFT_HYPHEN: drawn and measured
        // as the hyphen, and told apart from a hyphen of the text (see `render`).
        advances[SOFT_HYPHEN as usize] = advances['-' as usize];
        gids[SOFT_HYPHEN as usize] = gids['-' as usize];
        let max_gid = parsed.glyph_widths.keys().copied().max().unwrap_or(0);
        let mut glyph_advances = vec![0u16; usize::from(max_gid) + 1].into_boxed_slice();
        for (&gid, &w) in &parsed.glyph_widths {
            glyph_advances[usize::from(gid)] = w;
        }
        let m = &parsed.pdf_font_metrics;
        let italic_angle = if m.caret_slope_run == 0 || m.caret_slope_rise == 0 {
            0.0
        } else {
            -(f32::from(m.caret_slope_run) / f32::from(m.caret_slope_rise)).atan().to_degrees()
        };
        let metrics = FaceMetrics {
            bbox: [f32::from(m.x_min), f32::from(m.y_min), f32::from(m.x_max), f32::from(m.y_max)],
            ascent: f32::from(parsed.font_metrics.ascent),
            descent: f32::from(parsed.font_metrics.descent),
            // Liberation Sans, like Arial, has capitals 1409 units tall (of 2048).
            cap_height: 1409.0 * f32::from(parsed.units_per_em) / 2048.0,
            italic_angle,
            stem_v: if m.us_weight_class >= 600 { 140 } else { 80 },
        };
        Ok(Self {
            advances,
            gids,
            units_per_em: f32::from(parsed.units_per_em),
            ascent: f32::from(parsed.font_metrics.ascent),
            glyph_advances,
            metrics,
        })
    }

    /// Font units per em.
    pub(crate) fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The advance of glyph `gid`, in font units.
    pub(crate) fn advance_of(&self, gid: u16) -> u16 {
        self.glyph_advances.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// The face's descriptor metrics.
    pub(crate) fn metrics(&self) -> FaceMetrics {
        self.metrics
    }

    /// The glyph id for `c`, if the face has one.
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        self.gids.get(c as usize).copied().filter(|g| *g != 0)
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        (c as usize) < self.advances.len() && self.advances[c as usize] > 0
    }

    /// The advance width of `c` at `size` points, in points. Characters without a glyph
    /// measure as `?`, which is what is drawn in their place.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        let adv = self.advances.get(c as usize).copied().unwrap_or(0);
        let adv = if adv == 0 { self.advances[MISSING as usize] } else { adv };
        f32::from(adv) * size / self.units_per_em
    }

    /// The advance width of `s` at `size` points, in points (no kerning).
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let units: u32 = s
            .chars()
            .map(|c| {
                let adv = self.advances.get(c as usize).copied().unwrap_or(0);
                u32::from(if adv == 0 { self.advances[MISSING as usize] } else { adv })
            })
            .sum();
        units as f32 * size / self.units_per_em
    }

    /// The ascender at `size` points: the distance from the baseline to the top of tall glyphs.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascent * size / self.units_per_em
    }
}

/// The four faces of the embedded family, parsed once per process.
#[derive(Debug)]
pub struct Fonts {
    faces: [Face; 4],
}

impl Fonts {
    /// The shared, lazily parsed font family.
    ///
    /// # Errors
    /// [`Error::Font`] if an embedded face cannot be parsed — a build defect, not a user error.
    pub fn get() -> Result<&'static Fonts, Error> {
        static FONTS: OnceLock<Result<Fonts, Error>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    faces: [
                        Face::parse(FontStyle::Regular)?,
                        Face::parse(FontStyle::Bold)?,
                        Face::parse(FontStyle::Italic)?,
                        Face::parse(FontStyle::BoldItalic)?,
                    ],
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The metrics of one face.
    pub fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }
}
