//! Drawing: from positioned boxes ([`Laid`]) to PDF bytes, with printpdf.
//!
//! printpdf builds the pages, fonts and link annotations. Three things it does not do for a
//! build without its HTML engine are done here, on the `lopdf` document it hands back:
//! - fonts are subset before they are handed to printpdf (its own subsetting needs the
//!   `text_layout` feature, which pulls in a whole HTML layout engine), so a pack carries only
//!   the glyphs it uses;
//! - the outline is nested by heading level (printpdf's bookmarks are a flat list);
//! - the catalog gets the document language and asks viewers to show the title.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, ColorArray, Destination, FontId, HighlightingMode, Line as PLine,
    LineCapStyle, LineDashPattern, LinePoint, LinkAnnotation, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect as PRect, TextItem,
    TextMatrix, WindingOrder,
};

use crate::fonts::{FontStyle, Fonts};
use crate::laid::{Item, Laid, Rgb};
use crate::Error;

/// Bézier control-point factor for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

/// Draws a laid-out document as PDF bytes.
///
/// # Errors
/// [`Error::Font`] or [`Error::Subset`] if the embedded fonts cannot be parsed or subset,
/// [`Error::Write`] if the PDF cannot be serialised.
pub fn render(laid: &Laid) -> Result<Vec<u8>, Error> {
    let fonts = Fonts::get()?;
    let mut doc = PdfDocument::new(&laid.meta.title);
    let info = &mut doc.metadata.info;
    info.author = laid.meta.author.clone();
    info.subject = laid.meta.subject.clone();
    info.creator = "Shortlist".to_string();
    info.producer = "shortlist-pdf (printpdf 0.12)".to_string();
    if let Ok(created) = printpdf::OffsetDateTime::from_unix_timestamp(laid.meta.created_unix) {
        info.creation_date = created;
        info.modification_date = created;
        info.metadata_date = created;
    }

    let font_ids = add_subset_fonts(&mut doc, fonts, laid)?;
    doc.pages = laid
        .pages
        .iter()
        .map(|page| {
            let ops = page_ops(&page.items, laid.height, &font_ids);
            PdfPage::new(Mm(laid.width / crate::MM), Mm(laid.height / crate::MM), ops)
        })
        .collect();

    let opts =
        PdfSaveOptions { optimize: false, subset_fonts: false, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    finish_catalog(&mut lo, laid)?;
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| Error::Write(e.to_string()))?;
    Ok(out)
}

/// Deflates every stream not already filtered. lopdf's own `compress` always uses the
/// slowest level, which doubled the time to write a 100-page pack for 1–2% smaller files.
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write as _;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        let Ok(compressed) = enc.write_all(&stream.content).and_then(|()| enc.finish()) else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// Subsets each face to the characters the document uses and registers it with printpdf.
fn add_subset_fonts(
    doc: &mut PdfDocument,
    fonts: &Fonts,
    laid: &Laid,
) -> Result<BTreeMap<FontStyle, FontId>, Error> {
    let mut used: BTreeMap<FontStyle, BTreeSet<char>> = BTreeMap::new();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                used.entry(t.font).or_default().extend(t.text.chars());
            }
        }
    }
    let mut ids = BTreeMap::new();
    for (style, chars) in used {
        let bytes = subset(fonts, style, &chars)?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or(Error::Font(style, "subset could not be parsed"))?;
        // A subset is named "TAG+PostScriptName" (ISO 32000-1, 9.6.4); the tag is derived
        // from the glyph set so identical input gives an identical name.
        parsed.font_name = Some(format!("{}+{}", subset_tag(&chars), style.postscript_name()));
        ids.insert(style, doc.add_font(&parsed));
    }
    Ok(ids)
}

/// Six capital letters identifying a glyph set.
fn subset_tag(chars: &BTreeSet<char>) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    chars.hash(&mut hasher);
    let mut h = hasher.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}

fn subset(fonts: &Fonts, style: FontStyle, chars: &BTreeSet<char>) -> Result<Vec<u8>, Error> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    use allsorts::tag;

    let err = |e: &dyn std::fmt::Display| Error::Subset(style, e.to_string());
    let face = fonts.face(style);
    // Glyph 0 (.notdef) must come first; the rest ascending and unique.
    let gids: BTreeSet<u16> = chars.iter().filter_map(|c| face.glyph_id(*c)).filter(|g| *g != 0).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
    let font_file = ReadScope::new(style.bytes()).read::<FontData<'_>>().map_err(|e| err(&e))?;
    let provider = font_file.table_provider(0).map_err(|e| err(&e))?;
    // The PDF profile plus OS/2 (weight class for the font descriptor); with a Unicode cmap
    // so printpdf can map characters to the subset's renumbered glyphs.
    let profile = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::PREP,
    ]);
    subset(&provider, &ids, &profile, CmapTarget::Unicode).map_err(|e| err(&e))
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

fn lp(x: f32, y: f32, bezier: bool) -> LinePoint {
    LinePoint { p: pt(x, y), bezier }
}

/// A closed path of a rectangle with rounded corners, in PDF coordinates (y up).
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<LinePoint> {
    let r = r.min(w / 2.0).min(h / 2.0);
    let k = r * KAPPA;
    let (x2, y2) = (x + w, y + h);
    vec![
        lp(x + r, y, false),
        lp(x2 - r, y, false),
        lp(x2 - r + k, y, true),
        lp(x2, y + r - k, true),
        lp(x2, y + r, false),
        lp(x2, y2 - r, false),
        lp(x2, y2 - r + k, true),
        lp(x2 - r + k, y2, true),
        lp(x2 - r, y2, false),
        lp(x + r, y2, false),
        lp(x + r - k, y2, true),
        lp(x, y2 - r + k, true),
        lp(x, y2 - r, false),
        lp(x, y + r, false),
        lp(x, y + r - k, true),
        lp(x + r - k, y, true),
        lp(x + r, y, false),
    ]
}

fn circle(cx: f32, cy: f32, r: f32) -> Vec<LinePoint> {
    let k = r * KAPPA;
    vec![
        lp(cx + r, cy, false),
        lp(cx + r, cy + k, true),
        lp(cx + k, cy + r, true),
        lp(cx, cy + r, false),
        lp(cx - k, cy + r, true),
        lp(cx - r, cy + k, true),
        lp(cx - r, cy, false),
        lp(cx - r, cy - k, true),
        lp(cx - k, cy - r, true),
        lp(cx, cy - r, false),
        lp(cx + k, cy - r, true),
        lp(cx + r, cy - k, true),
        lp(cx + r, cy, false),
    ]
}

fn polygon(points: Vec<LinePoint>, mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon { rings: vec![PolygonRing { points }], mode, winding_order: WindingOrder::NonZero },
    }
}

/// The page's drawing operations. Layout's y-down coordinates become PDF's y-up ones here.
fn page_ops(items: &[Item], page_h: f32, font_ids: &BTreeMap<FontStyle, FontId>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 3);
    // Text state carried across consecutive runs, so a page of text is one BT…ET block.
    let mut in_text = false;
    let mut cur_font: Option<(FontStyle, f32)> = None;
    let mut cur_fill: Option<Rgb> = None;
    for item in items {
        if !matches!(item, Item::Text(_)) && in_text {
            ops.push(Op::EndTextSection);
            in_text = false;
            cur_font = None;
        }
        match item {
            Item::Text(t) => {
                let Some(id) = font_ids.get(&t.font) else {
                    continue;
                };
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                if cur_font != Some((t.font, t.size)) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(t.size) });
                    cur_font = Some((t.font, t.size));
                }
                if cur_fill != Some(t.color) {
                    ops.push(Op::SetFillColor { col: colour(t.color) });
                    cur_fill = Some(t.color);
                }
                ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(t.x), Pt(page_h - t.y)) });
                ops.push(Op::ShowText { items: vec![TextItem::Text(t.text.clone())] });
            }
            Item::Rect { x, y, w, h, radius, fill, stroke } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: colour(*f) });
                    cur_fill = Some(*f);
                }
                if let Some((c, width)) = stroke {
                    ops.push(Op::SetOutlineColor { col: colour(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                }
                let bottom = page_h - y - h;
                if *radius > 0.0 {
                    ops.push(polygon(rounded_rect(*x, bottom, *w, *h, *radius), mode));
                } else {
                    ops.push(Op::DrawRectangle {
                        rectangle: PRect {
                            x: Pt(*x),
                            y: Pt(bottom),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(mode),
                            winding_order: None,
                        },
                    });
                }
            }
            Item::Line { x1, y1, x2, y2, width, color, dotted } => {
                ops.push(Op::SetOutlineColor { col: colour(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                if *dotted {
                    ops.push(Op::SetLineCapStyle { cap: LineCapStyle::Round });
                    ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[0.0, 2.6]) });
                }
                ops.push(Op::DrawLine {
                    line: PLine {
                        points: vec![lp(*x1, page_h - y1, false), lp(*x2, page_h - y2, false)],
                        is_closed: false,
                    },
                });
                if *dotted {
                    ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
                    ops.push(Op::SetLineCapStyle { cap: LineCapStyle::Butt });
                }
            }
            Item::Circle { cx, cy, r, fill } => {
                ops.push(Op::SetFillColor { col: colour(*fill) });
                cur_fill = Some(*fill);
                ops.push(polygon(circle(*cx, page_h - cy, *r), PaintMode::Fill));
            }
            Item::Link { x, y, w, h, page, top } => {
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        PRect {
                            x: Pt(*x),
                            y: Pt(page_h - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: None,
                            winding_order: None,
                        },
                        Actions::Goto(Destination::Xyz {
                            page: page + 1,
                            left: None,
                            top: Some(page_h - top + 6.0),
                            zoom: None,
                        }),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        Some(HighlightingMode::Invert),
                    ),
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// A PDF text string: UTF-16BE with a byte-order mark, so any title survives.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Adds the language, viewer preferences, a nested outline and a stable file identifier.
fn finish_catalog(lo: &mut lopdf::Document, laid: &Laid) -> Result<(), Error> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let outline_root = if laid.outline.is_empty() { None } else { Some(build_outline(lo, laid, &pages)) };
    let catalog = lo.catalog_mut().map_err(|e| Error::Write(format!("no catalog: {e}")))?;
    if !laid.meta.language.is_empty() {
        catalog.set("Lang", Object::String(laid.meta.language.as_bytes().to_vec(), StringFormat::Literal));
    }
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    if let Some(root) = outline_root {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    // printpdf writes a random file identifier; derive it from the content instead so the
    // same input gives the same file.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    laid.meta.title.hash(&mut hasher);
    laid.meta.created_unix.hash(&mut hasher);
    laid.pages.len().hash(&mut hasher);
    let id = format!("{:016x}{:016x}", hasher.finish(), laid.outline.len());
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), StringFormat::Literal),
            Object::String(id.into_bytes(), StringFormat::Literal),
        ]),
    );
    Ok(())
}

/// Builds the outline tree: each anchor is a child of the nearest earlier anchor of a
/// shallower level. Sections start closed so a long pack's outline stays scannable.
fn build_outline(lo: &mut lopdf::Document, laid: &Laid, pages: &[ObjectId]) -> ObjectId {
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = laid.outline.iter().map(|_| lo.new_object_id()).collect();
    // parent[i]: index of the parent anchor, or None for top level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(ids.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, a) in laid.outline.iter().enumerate() {
        while stack.last().is_some_and(|&j| laid.outline[j].level >= a.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let mut kids_of: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, p) in parent.iter().enumerate() {
        kids_of.entry(*p).or_default().push(i);
    }
    for (i, a) in laid.outline.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&a.title));
        d.set("Parent", Object::Reference(parent[i].map_or(root, |p| ids[p])));
        let siblings = &kids_of[&parent[i]];
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        if let Some(kids) = kids_of.get(&Some(i)) {
            d.set("First", Object::Reference(ids[kids[0]]));
            d.set("Last", Object::Reference(ids[kids[kids.len() - 1]]));
            // Negative: closed, with this many children shown when opened.
            d.set("Count", Object::Integer(-(kids.len() as i64)));
        }
        if let Some(page) = pages.get(a.page) {
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(laid.height - a.y + 6.0),
                    Object::Null,
                ]),
            );
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = kids_of.get(&None).cloned().unwrap_or_default();
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[*first]));
        r.set("Last", Object::Reference(ids[*last]));
    }
    r.set("Count", Object::Integer(top.len() as i64));
    lo.objects.insert(root, Object::Dictionary(r));
    root
}
