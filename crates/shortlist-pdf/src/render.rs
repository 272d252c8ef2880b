//! Drawing: from positioned boxes ([`Laid`]) to a tagged PDF.
//!
//! The file is written object by object as pages arrive, straight to its destination with
//! [`write_pdf`], so a long pack is never in memory whole: each page's content stream is
//! deflated as soon as it is drawn, and only small records (object offsets, the structure
//! tree's marked-content references) wait for the end. What is written at the end:
//! - the four faces, each subset once by allsorts to the glyphs the pages used. Content
//!   streams show original glyph ids as CIDs, so pages can be written before the glyph set
//!   is known; a `CIDToGIDMap` maps them to the subset's renumbered glyphs;
//! - the structure tree (standard roles only, so no role map), its parent tree, the nested
//!   outline, XMP metadata and the catalog (language, `MarkInfo`, `DisplayDocTitle`).
//!
//! Every drawn item is either content of a structure element (marked content with an MCID)
//! or an artifact, as PDF/UA asks. Dictionaries (the structure elements, some 60 a page, the
//! pages, annotations, outline) go into compressed object streams of 200, indexed by a
//! cross-reference stream: a 3,000-page pack is 12 MB rather than 28. The PDF is version
//! 1.7: object and cross-reference streams, the structure tree, marked content, `/Tabs` and
//! XMP metadata are all PDF 1.5 or older; 1.7 is what PDF/UA-1 builds on.
//! printpdf is not used here: it builds every page's operations and the whole document in
//! memory before writing a byte, and cannot write the structure tree.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::io::Write as _;

use crate::fonts::{FontStyle, Fonts, SOFT_HYPHEN};
use crate::laid::{Anchor, Artifact, Item, Laid, Mark, Page, Rgb, Role, Scope, StructNode};
use crate::layout::{run, Decor};
use crate::{Document, Error, Metadata};

/// Bézier control-point factor for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

/// Draws a laid-out document as PDF bytes.
///
/// # Errors
/// [`Error::Font`] or [`Error::Subset`] if the embedded fonts cannot be parsed or subset.
pub fn render(laid: &Laid) -> Result<Vec<u8>, Error> {
    let fonts = Fonts::get()?;
    let mut r = Renderer::new(fonts, laid.height, Vec::with_capacity(1 << 20));
    for (i, page) in laid.pages.iter().enumerate() {
        r.draw(i, page);
    }
    r.finish(laid.pages.len(), laid.width, &laid.outline, &laid.structure, &laid.meta)
}

/// A written PDF and its page count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
}

/// Lays out and draws a document in one pass, writing each page as soon as it is laid out
/// (the running header and footer follow once the page count is known). Gives the same
/// pages as `render(&layout(doc)?)` without holding the whole layout.
///
/// # Errors
/// As [`crate::layout`] and [`render`].
pub fn to_pdf(doc: &Document) -> Result<Pdf, Error> {
    let (bytes, pages) = draw_document(doc, Vec::with_capacity(1 << 20))?;
    Ok(Pdf { bytes, pages })
}

/// What [`write_pdf`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// How many pages the PDF has.
    pub pages: usize,
    /// How many bytes were written.
    pub bytes: u64,
}

/// As [`to_pdf`], but writes the file to `out` as it goes (buffered), so the PDF is never
/// held in memory: what a pack written to disk needs.
///
/// # Errors
/// As [`to_pdf`], and [`Error::Write`] if `out` fails; then `out` holds part of a PDF,
/// so write to a temporary file and rename it once this succeeds.
pub fn write_pdf<W: std::io::Write>(doc: &Document, out: W) -> Result<Written, Error> {
    let counted = Counted { inner: std::io::BufWriter::with_capacity(256 * 1024, out), bytes: 0 };
    let (mut counted, pages) = draw_document(doc, counted)?;
    counted.inner.flush().map_err(|e| Error::Write(e.to_string()))?;
    Ok(Written { pages, bytes: counted.bytes })
}

/// A writer that counts what went through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn draw_document<W: std::io::Write>(doc: &Document, out: W) -> Result<(W, usize), Error> {
    let fonts = Fonts::get()?;
    let mut r = Renderer::new(fonts, crate::PAGE_H, out);
    let laid = run(doc, &mut |i: usize, page: Page| r.draw(i, &page))?;
    let decor = Decor::new(fonts, doc);
    let mut page = Page::default();
    for n in 0..laid.pages {
        page.items.clear();
        page.marks.clear();
        decor.draw(&mut page, n, laid.pages);
        r.draw(n, &page);
    }
    let out = r.finish(laid.pages, crate::PAGE_W, &laid.outline, &laid.structure, &doc.meta)?;
    Ok((out, laid.pages))
}

/// A PDF file being written to `out`: where each object starts. The first write error is
/// kept and reported by [`Writer::finish`]; later writes are skipped.
struct Writer<W> {
    out: W,
    /// Bytes written so far.
    pos: u64,
    /// Where object `n + 1` is.
    offsets: Vec<Loc>,
    /// Objects waiting to go into the next object stream: (id, offset in `packed_data`).
    packed: Vec<(u32, usize)>,
    packed_data: Vec<u8>,
    error: Option<std::io::Error>,
    /// Scratch space for object headers.
    scratch: Vec<u8>,
    /// One deflate state and output buffer for every stream: a fresh zlib state per page
    /// (allocated and zeroed) cost about 6 % of a large pack's time.
    z: flate2::Compress,
    zbuf: Vec<u8>,
}

impl<W: std::io::Write> Writer<W> {
    fn new(out: W) -> Self {
        let mut w = Self {
            out,
            pos: 0,
            offsets: Vec::new(),
            packed: Vec::with_capacity(PACK_OBJECTS),
            packed_data: Vec::with_capacity(PACK_OBJECTS * 128),
            error: None,
            scratch: Vec::with_capacity(256),
            // Level 2: deflate was a third of a large pack's time at level 6; level 2
            // gives files 5 % larger for about a third less CPU (level 1: 18 % larger).
            z: flate2::Compress::new(flate2::Compression::new(2), true),
            zbuf: Vec::with_capacity(64 * 1024),
        };
        // A binary comment after the header tells transfer tools the file is binary.
        w.put(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        w
    }

    fn put(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
        self.pos += bytes.len() as u64;
    }

    fn put_scratch(&mut self) {
        let scratch = std::mem::take(&mut self.scratch);
        self.put(&scratch);
        self.scratch = scratch;
        self.scratch.clear();
    }

    fn alloc(&mut self) -> u32 {
        self.offsets.push(Loc::Direct(0));
        self.offsets.len() as u32
    }

    fn begin(&mut self, id: u32) {
        self.offsets[id as usize - 1] = Loc::Direct(self.pos);
        let _ = writeln!(self.scratch, "{id} 0 obj");
        self.put_scratch();
    }

    /// A non-stream object. It goes into a compressed object stream (PDF 1.5): the
    /// structure tree alone is some 60 small dictionaries a page, which written one by one
    /// were most of a large pack's bytes.
    fn object(&mut self, id: u32, body: &str) {
        self.packed.push((id, self.packed_data.len()));
        self.packed_data.extend_from_slice(body.as_bytes());
        self.packed_data.push(b'\n');
        if self.packed.len() >= PACK_OBJECTS {
            self.flush_packed();
        }
    }

    /// Writes the waiting objects as one object stream.
    fn flush_packed(&mut self) {
        if self.packed.is_empty() {
            return;
        }
        let stm = self.alloc();
        let mut data = Vec::with_capacity(self.packed.len() * 12 + self.packed_data.len());
        for (k, &(id, off)) in self.packed.iter().enumerate() {
            self.offsets[id as usize - 1] = Loc::Packed { stream: stm, index: k as u32 };
            uint(&mut data, u64::from(id));
            data.push(b' ');
            uint(&mut data, off as u64);
            data.push(b' ');
        }
        let first = data.len();
        data.extend_from_slice(&self.packed_data);
        let dict = format!(" /Type /ObjStm /N {} /First {first}", self.packed.len());
        self.packed.clear();
        self.packed_data.clear();
        self.stream(stm, &dict, &data, true);
    }

    /// A stream object; `dict` is the dictionary's entries other than `/Length`.
    fn stream(&mut self, id: u32, dict: &str, data: &[u8], deflate: bool) {
        let mut zbuf = std::mem::take(&mut self.zbuf);
        let (data, filter) = if deflate {
            self.deflate(data, &mut zbuf);
            (&zbuf[..], " /Filter /FlateDecode")
        } else {
            (data, "")
        };
        self.begin(id);
        let _ = write!(self.scratch, "<<{dict}{filter} /Length {}>>\nstream\n", data.len());
        self.put_scratch();
        self.put(data);
        self.put(b"\nendstream\nendobj\n");
        self.zbuf = zbuf;
    }

    /// `data` as a zlib stream in `out`, with the reused deflate state.
    fn deflate(&mut self, data: &[u8], out: &mut Vec<u8>) {
        self.z.reset();
        out.clear();
        out.reserve(data.len() / 2 + 64);
        loop {
            let consumed = self.z.total_in() as usize;
            match self.z.compress_vec(&data[consumed..], out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(4096)),
                // Deflating into memory cannot fail; should it, the stream is left empty
                // rather than wrong.
                Err(_) => {
                    out.clear();
                    break;
                }
            }
        }
    }

    /// Ends the file with a cross-reference stream (PDF 1.5), which can point into object
    /// streams: per object a type byte, a 4-byte offset or object-stream number, and a
    /// 2-byte generation or index.
    fn finish(mut self, root: u32, info: u32, file_id: &str) -> Result<W, Error> {
        self.flush_packed();
        let xref_id = self.alloc();
        let xref_pos = self.pos;
        self.offsets[xref_id as usize - 1] = Loc::Direct(xref_pos);
        let size = self.offsets.len() + 1;
        let mut rows = Vec::with_capacity(size * 7);
        rows.extend_from_slice(&[0, 0, 0, 0, 0, 0xff, 0xff]);
        for loc in &self.offsets {
            let (kind, a, b) = match *loc {
                Loc::Direct(off) => (1u8, u32::try_from(off).unwrap_or(u32::MAX), 0u16),
                Loc::Packed { stream, index } => (2, stream, index as u16),
            };
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes());
            rows.extend_from_slice(&b.to_be_bytes());
        }
        let dict = format!(
            " /Type /XRef /Size {size} /W [1 4 2] /Root {root} 0 R /Info {info} 0 R /ID [<{file_id}> <{file_id}>]"
        );
        self.stream(xref_id, &dict, &rows, true);
        let _ = write!(self.scratch, "startxref\n{xref_pos}\n%%EOF\n");
        self.put_scratch();
        match self.error {
            Some(e) => Err(Error::Write(e.to_string())),
            None => Ok(self.out),
        }
    }
}

/// How many objects go into one object stream: small enough that a reader fetching one
/// structure element inflates little, large enough to compress well.
const PACK_OBJECTS: usize = 200;

/// Where an object is in the file.
#[derive(Debug, Clone, Copy)]
enum Loc {
    /// At this byte offset (streams, object streams, the cross-reference stream).
    Direct(u64),
    /// Inside object stream `stream`, as its `index`-th object.
    Packed { stream: u32, index: u32 },
}

/// What the structure tree's element points at, besides its child elements.
#[derive(Debug, Clone, Copy)]
enum Kid {
    /// Marked content with this MCID on page `page`.
    Mcr { page: u32, mcid: u32 },
    /// An annotation object on page `page`.
    Objr { page: u32, annot: u32 },
}

/// A page while the document is written.
#[derive(Debug, Default)]
struct PageRec {
    id: u32,
    contents: Vec<u32>,
    annots: Vec<u32>,
    /// The structure element of each MCID on the page.
    mcid_nodes: Vec<u32>,
}

struct Renderer<W> {
    w: Writer<W>,
    fonts: &'static Fonts,
    height: f32,
    font_ids: [u32; 4],
    /// Per face: for each glyph id, the character it was first used for (0 = unused).
    used: [Vec<char>; 4],
    pages: Vec<PageRec>,
    /// Per structure element: its marked content and annotations, in drawing order.
    kids: Vec<Vec<Kid>>,
    /// Parent-tree entries of annotations: (key, structure element).
    annot_parents: Vec<(u32, u32)>,
    /// Reused buffer for a content stream.
    buf: Vec<u8>,
}

impl<W: std::io::Write> Renderer<W> {
    fn new(fonts: &'static Fonts, height: f32, out: W) -> Self {
        let mut w = Writer::new(out);
        // 1: catalog, 2: page tree; the rest as they come.
        let _catalog = w.alloc();
        let _pages = w.alloc();
        let font_ids = [w.alloc(), w.alloc(), w.alloc(), w.alloc()];
        Self {
            w,
            fonts,
            height,
            font_ids,
            used: Default::default(),
            pages: Vec::new(),
            kids: Vec::new(),
            annot_parents: Vec::new(),
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    fn page_rec(&mut self, index: usize) -> &mut PageRec {
        while self.pages.len() <= index {
            let id = self.w.alloc();
            self.pages.push(PageRec { id, ..PageRec::default() });
        }
        &mut self.pages[index]
    }

    fn kid(&mut self, node: u32, kid: Kid) {
        let n = node as usize;
        if self.kids.len() <= n {
            self.kids.resize_with(n + 1, Vec::new);
        }
        self.kids[n].push(kid);
    }

    /// Draws `page`'s items as one more content stream of page `index`.
    fn draw(&mut self, index: usize, page: &Page) {
        let page_h = self.height;
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let mut st = State::default();
        let runs = page.marks.len();
        for (k, &(start, mark)) in page.marks.iter().enumerate() {
            let end = if k + 1 < runs { page.marks[k + 1].0 as usize } else { page.items.len() };
            let items = &page.items[start as usize..end];
            let drawable = items.iter().any(|i| !matches!(i, Item::Link { .. }));
            if drawable {
                match mark {
                    Mark::Node(n) => {
                        let rec = self.page_rec(index);
                        let mcid = rec.mcid_nodes.len() as u32;
                        rec.mcid_nodes.push(n);
                        self.kid(n, Kid::Mcr { page: index as u32, mcid });
                        // Any tag will do for content tied to the tree by MCID (ISO 32000-1,
                        // 14.7.4.2): the structure element carries the role.
                        buf.extend_from_slice(b"/Span <</MCID ");
                        uint(&mut buf, u64::from(mcid));
                        buf.extend_from_slice(b">> BDC\n");
                    }
                    Mark::Artifact(a) => {
                        let props = match a {
                            Artifact::Layout => "<</Type /Layout>>",
                            Artifact::Header => "<</Type /Pagination /Subtype /Header>>",
                            Artifact::Footer => "<</Type /Pagination /Subtype /Footer>>",
                        };
                        let _ = writeln!(buf, "/Artifact {props} BDC");
                    }
                }
            }
            for item in items {
                self.item(&mut buf, &mut st, item, index, mark, page_h);
            }
            if drawable {
                st.end_text(&mut buf);
                buf.extend_from_slice(b"EMC\n");
            }
        }
        st.end_text(&mut buf);
        let id = self.w.alloc();
        self.w.stream(id, "", &buf, true);
        self.page_rec(index).contents.push(id);
        self.buf = buf;
    }

    fn item(
        &mut self,
        buf: &mut Vec<u8>,
        st: &mut State,
        item: &Item,
        index: usize,
        mark: Mark,
        page_h: f32,
    ) {
        match item {
            Item::Text(t) => {
                let style = t.font;
                if !st.in_text {
                    buf.extend_from_slice(b"BT\n");
                    st.in_text = true;
                }
                if st.font != Some((style, t.size)) {
                    let _ = write!(buf, "/F{} ", style.index());
                    num(buf, t.size);
                    buf.extend_from_slice(b" Tf\n");
                    st.font = Some((style, t.size));
                }
                st.fill(buf, t.color);
                buf.extend_from_slice(b"1 0 0 1 ");
                num(buf, t.x);
                buf.push(b' ');
                num(buf, page_h - t.y);
                buf.extend_from_slice(b" Tm <");
                let face = self.fonts.face(style);
                let used = &mut self.used[style.index()];
                for c in t.text.chars() {
                    let (c, gid) = match face.glyph_id(c) {
                        Some(g) => (c, g),
                        None => ('?', face.glyph_id('?').unwrap_or(0)),
                    };
                    let g = gid as usize;
                    if used.len() <= g {
                        used.resize(g + 1, '\0');
                    }
                    if c == SOFT_HYPHEN {
                        // The hyphen layout added at a line break: drawn with the hyphen's
                        // glyph, read as a soft hyphen (ISO 32000-1, 14.8.2.2.3), so
                        // "Environ-" + "ment" is extracted and spoken as one word.
                        if used[g] == '\0' {
                            used[g] = '-';
                        }
                        let _ =
                            write!(buf, "> Tj\n/Span <</ActualText <FEFF00AD>>> BDC <{gid:04X}> Tj EMC\n<");
                        continue;
                    }
                    if used[g] == '\0' {
                        used[g] = c;
                    }
                    hex4(buf, gid);
                }
                if buf.last() == Some(&b'<') {
                    buf.pop(); // nothing after the soft hyphen
                } else {
                    buf.extend_from_slice(b"> Tj\n");
                }
            }
            Item::Rect { x, y, w, h, radius, fill, stroke } => {
                st.end_text(buf);
                let op = match (fill, stroke) {
                    (Some(_), Some(_)) => "B",
                    (Some(_), None) => "f",
                    (None, Some(_)) => "S",
                    (None, None) => return,
                };
                if let Some(f) = fill {
                    st.fill(buf, *f);
                }
                if let Some((c, width)) = stroke {
                    st.stroke(buf, *c, *width);
                }
                let bottom = page_h - y - h;
                if *radius > 0.0 {
                    rounded_rect(buf, *x, bottom, *w, *h, *radius);
                } else {
                    nums(buf, &[*x, bottom, *w, *h]);
                    buf.extend_from_slice(b" re\n");
                }
                let _ = writeln!(buf, "{op}");
            }
            Item::Line { x1, y1, x2, y2, width, color, dotted } => {
                st.end_text(buf);
                st.stroke(buf, *color, *width);
                if *dotted {
                    buf.extend_from_slice(b"1 J [0 2.6] 0 d\n");
                }
                nums(buf, &[*x1, page_h - y1]);
                buf.extend_from_slice(b" m ");
                nums(buf, &[*x2, page_h - y2]);
                buf.extend_from_slice(b" l S\n");
                if *dotted {
                    buf.extend_from_slice(b"[] 0 d 0 J\n");
                }
            }
            Item::Circle { cx, cy, r, fill } => {
                st.end_text(buf);
                st.fill(buf, *fill);
                circle(buf, *cx, page_h - cy, *r);
                buf.extend_from_slice(b"f\n");
            }
            Item::Link { x, y, w, h, page, top } => {
                let target = self.page_rec(*page).id;
                let annot = self.w.alloc();
                let key = self.struct_key();
                let mut d = String::with_capacity(200);
                d.push_str("<</Type /Annot /Subtype /Link /Rect [");
                push_nums(&mut d, &[*x, page_h - y - h, x + w, page_h - y]);
                let _ = write!(
                    d,
                    "] /Border [0 0 0] /F 4 /Contents {} /Dest [{target} 0 R /XYZ null {} null] /StructParent {key}>>",
                    text_string(&format!("Go to page {}", page + 1)),
                    fmt(page_h - top + 6.0)
                );
                self.w.object(annot, &d);
                self.page_rec(index).annots.push(annot);
                if let Mark::Node(n) = mark {
                    self.kid(n, Kid::Objr { page: index as u32, annot });
                    self.annot_parents.push((key, n));
                }
            }
        }
    }

    /// Parent-tree keys: pages take 0..pages (known at the end), annotations count down
    /// from a key no page count reaches, so both can be handed out while streaming.
    fn struct_key(&self) -> u32 {
        ANNOT_KEYS - self.annot_parents.len() as u32
    }

    #[allow(clippy::too_many_lines)]
    fn finish(
        mut self,
        page_count: usize,
        width: f32,
        outline: &[Anchor],
        structure: &[StructNode],
        meta: &Metadata,
    ) -> Result<W, Error> {
        self.page_rec(page_count.saturating_sub(1));
        let fonts_used = self.write_fonts()?;

        // Resources shared by every page.
        let resources = self.w.alloc();
        let mut fdict = String::from("<</Font <<");
        for style in FontStyle::ALL {
            if fonts_used[style.index()] {
                let _ = write!(fdict, " /F{} {} 0 R", style.index(), self.font_ids[style.index()]);
            }
        }
        fdict.push_str(">> >>");
        self.w.object(resources, &fdict);

        // Structure elements: ids for all, then each written with its kids.
        let root = self.w.alloc();
        let node_ids: Vec<u32> = structure.iter().map(|_| self.w.alloc()).collect();
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); structure.len()];
        for (i, n) in structure.iter().enumerate() {
            if let Some(p) = n.parent {
                children[p as usize].push(i as u32);
            }
        }
        let page_ids: Vec<u32> = self.pages.iter().map(|p| p.id).collect();
        let mut s = String::with_capacity(256);
        for (i, node) in structure.iter().enumerate() {
            s.clear();
            let parent = node.parent.map_or(root, |p| node_ids[p as usize]);
            let _ = write!(s, "<</Type /StructElem /S /{} /P {parent} 0 R", node.role.name());
            match node.role {
                Role::TH(scope) => {
                    let scope = if scope == Scope::Column { "Column" } else { "Row" };
                    let _ = write!(s, " /A <</O /Table /Scope /{scope}>>");
                }
                Role::Figure => {
                    let _ = write!(s, " /Alt {}", text_string(node.alt.as_deref().unwrap_or("")));
                }
                _ => {}
            }
            let kids = self.kids.get(i).map_or(&[][..], |k| &k[..]);
            let one_page = match kids.first() {
                Some(Kid::Mcr { page, .. }) | Some(Kid::Objr { page, .. }) => {
                    let p = *page;
                    kids.iter()
                        .all(|k| matches!(k, Kid::Mcr { page, .. } | Kid::Objr { page, .. } if *page == p))
                        .then_some(p)
                }
                None => None,
            };
            if let Some(p) = one_page {
                let _ = write!(s, " /Pg {} 0 R", page_ids[p as usize]);
            }
            s.push_str(" /K [");
            for c in &children[i] {
                let _ = write!(s, "{} 0 R ", node_ids[*c as usize]);
            }
            for k in kids {
                match (k, one_page) {
                    (Kid::Mcr { mcid, .. }, Some(_)) => {
                        let _ = write!(s, "{mcid} ");
                    }
                    (Kid::Mcr { page, mcid }, None) => {
                        let _ =
                            write!(s, "<</Type /MCR /Pg {} 0 R /MCID {mcid}>> ", page_ids[*page as usize]);
                    }
                    (Kid::Objr { page, annot }, _) => {
                        let _ = write!(
                            s,
                            "<</Type /OBJR /Pg {} 0 R /Obj {annot} 0 R>> ",
                            page_ids[*page as usize]
                        );
                    }
                }
            }
            s.push_str("]>>");
            self.w.object(node_ids[i], &s);
        }

        // The parent tree: for each page, the element of each MCID; for each link, its element.
        let parent_tree = self.w.alloc();
        let mut pt = String::with_capacity(self.pages.len() * 64);
        pt.push_str("<</Nums [");
        for (i, p) in self.pages.iter().enumerate() {
            let _ = write!(pt, "{i} [");
            for n in &p.mcid_nodes {
                let _ = write!(pt, "{} 0 R ", node_ids[*n as usize]);
            }
            pt.push_str("] ");
        }
        let mut annots = self.annot_parents.clone();
        annots.sort_unstable();
        for (key, n) in &annots {
            let _ = write!(pt, "{key} {} 0 R ", node_ids[*n as usize]);
        }
        pt.push_str("]>>");
        self.w.object(parent_tree, &pt);
        let next_key = annots.last().map_or(self.pages.len() as u32, |(k, _)| k + 1);
        let doc_node = node_ids.first().map_or(String::new(), |id| format!("{id} 0 R"));
        self.w.object(
            root,
            &format!(
                "<</Type /StructTreeRoot /K [{doc_node}] /ParentTree {parent_tree} 0 R /ParentTreeNextKey {next_key}>>"
            ),
        );

        // Pages.
        let (w, h) = (fmt(width), fmt(self.height));
        for (i, p) in self.pages.iter().enumerate() {
            s.clear();
            let _ = write!(
                s,
                "<</Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources {resources} 0 R /StructParents {i} /Tabs /S /Contents ["
            );
            for c in &p.contents {
                let _ = write!(s, "{c} 0 R ");
            }
            s.push(']');
            if !p.annots.is_empty() {
                s.push_str(" /Annots [");
                for a in &p.annots {
                    let _ = write!(s, "{a} 0 R ");
                }
                s.push(']');
            }
            s.push_str(">>");
            self.w.object(p.id, &s);
        }
        s.clear();
        s.push_str("<</Type /Pages /Kids [");
        for id in &page_ids {
            let _ = write!(s, "{id} 0 R ");
        }
        let _ = write!(s, "] /Count {}>>", page_ids.len());
        self.w.object(2, &s);

        let outlines =
            (!outline.is_empty()).then(|| write_outline(&mut self.w, outline, &page_ids, self.height));

        // Metadata: the information dictionary and the same facts as XMP.
        let date = pdf_date(meta.created_unix);
        let info = self.w.alloc();
        self.w.object(
            info,
            &format!(
                "<</Title {} /Author {} /Subject {} /Creator (Shortlist) /Producer (shortlist-pdf) /CreationDate ({}) /ModDate ({})>>",
                text_string(&meta.title),
                text_string(&meta.author),
                text_string(&meta.subject),
                date.0,
                date.0
            ),
        );
        let xmp_id = self.w.alloc();
        let xmp = xmp(meta, &date.1);
        // Uncompressed, so tools that do not parse PDF can still read it.
        self.w.stream(xmp_id, " /Type /Metadata /Subtype /XML", xmp.as_bytes(), false);

        let mut cat = format!(
            "<</Type /Catalog /Pages 2 0 R /StructTreeRoot {root} 0 R /MarkInfo <</Marked true>> /Metadata {xmp_id} 0 R /ViewerPreferences <</DisplayDocTitle true>>"
        );
        if !meta.language.is_empty() {
            let _ = write!(cat, " /Lang {}", text_string(&meta.language));
        }
        if let Some(o) = outlines {
            let _ = write!(cat, " /Outlines {o} 0 R /PageMode /UseOutlines");
        }
        cat.push_str(">>");
        self.w.object(1, &cat);

        // A file identifier derived from the content, so the same input gives the same file.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        meta.title.hash(&mut hasher);
        meta.created_unix.hash(&mut hasher);
        page_count.hash(&mut hasher);
        let file_id = format!("{:016x}{:016x}", hasher.finish(), outline.len());
        self.w.finish(1, info, &file_id)
    }

    /// Subsets and writes each face the pages used; says which were.
    fn write_fonts(&mut self) -> Result<[bool; 4], Error> {
        let mut used_any = [false; 4];
        for style in FontStyle::ALL {
            let used = std::mem::take(&mut self.used[style.index()]);
            let gids: Vec<u16> = used
                .iter()
                .enumerate()
                .filter(|(g, c)| *g != 0 && **c != '\0')
                .map(|(g, _)| g as u16)
                .collect();
            if gids.is_empty() {
                continue;
            }
            used_any[style.index()] = true;
            let face = self.fonts.face(style);
            // Glyph 0 (.notdef) first, then the used glyphs ascending: the subset numbers
            // them 0, 1, 2… in this order.
            let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
            let bytes = subset(style, &ids)?;
            let max = *gids.last().unwrap_or(&0) as usize;
            let mut cid_to_gid = vec![0u8; (max + 1) * 2];
            for (new, old) in ids.iter().enumerate() {
                let o = *old as usize * 2;
                cid_to_gid[o..o + 2].copy_from_slice(&(new as u16).to_be_bytes());
            }
            let scale = 1000.0 / face.units_per_em();
            let mut widths = String::from("[");
            for g in &gids {
                let _ = write!(widths, "{g} [{}] ", (f32::from(face.advance_of(*g)) * scale).round());
            }
            widths.push(']');
            let mut cmap = String::from(
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
            );
            for chunk in gids.chunks(100) {
                let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
                for g in chunk {
                    let c = used[*g as usize];
                    let mut utf16 = [0u16; 2];
                    let hex: String = c.encode_utf16(&mut utf16).iter().map(|u| format!("{u:04X}")).collect();
                    let _ = writeln!(cmap, "<{g:04X}> <{hex}>");
                }
                cmap.push_str("endbfchar\n");
            }
            cmap.push_str("endcmap\nCMapName currentdict /CIDResource defineresource pop\nend\nend\n");

            let tag = subset_tag(&gids);
            let name = format!("{tag}+{}", style.postscript_name());
            let [file, descriptor, cidfont, to_unicode, map] =
                [self.w.alloc(), self.w.alloc(), self.w.alloc(), self.w.alloc(), self.w.alloc()];
            self.w.stream(file, &format!(" /Length1 {}", bytes.len()), &bytes, true);
            self.w.stream(map, "", &cid_to_gid, true);
            self.w.stream(to_unicode, "", cmap.as_bytes(), true);
            let m = face.metrics();
            let flags = 32 | if m.italic_angle != 0.0 { 64 } else { 0 };
            self.w.object(
                descriptor,
                &format!(
                    "<</Type /FontDescriptor /FontName /{name} /Flags {flags} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} /CapHeight {} /StemV {} /FontFile2 {file} 0 R>>",
                    (m.bbox[0] * scale).round(),
                    (m.bbox[1] * scale).round(),
                    (m.bbox[2] * scale).round(),
                    (m.bbox[3] * scale).round(),
                    fmt(m.italic_angle),
                    (m.ascent * scale).round(),
                    (m.descent * scale).round(),
                    (m.cap_height * scale).round(),
                    m.stem_v
                ),
            );
            self.w.object(
                cidfont,
                &format!(
                    "<</Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor {descriptor} 0 R /W {widths} /CIDToGIDMap {map} 0 R>>"
                ),
            );
            self.w.object(
                self.font_ids[style.index()],
                &format!(
                    "<</Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cidfont} 0 R] /ToUnicode {to_unicode} 0 R>>"
                ),
            );
        }
        // Unused faces' reserved numbers still need an object for the cross-reference table.
        for style in FontStyle::ALL {
            if !used_any[style.index()] {
                self.w.object(self.font_ids[style.index()], "null");
            }
        }
        Ok(used_any)
    }
}

/// Annotation parent-tree keys count down from here; pages count up from 0.
const ANNOT_KEYS: u32 = 1 << 30;

/// Graphics state carried through a content stream, so unchanged settings are not repeated.
#[derive(Debug, Default)]
struct State {
    in_text: bool,
    font: Option<(FontStyle, f32)>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
}

impl State {
    fn end_text(&mut self, buf: &mut Vec<u8>) {
        if self.in_text {
            buf.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn fill(&mut self, buf: &mut Vec<u8>, c: Rgb) {
        if self.fill != Some(c) {
            colour(buf, c);
            buf.extend_from_slice(b" rg\n");
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, buf: &mut Vec<u8>, c: Rgb, width: f32) {
        if self.stroke.map(|s| s.0) != Some(c) {
            colour(buf, c);
            buf.extend_from_slice(b" RG\n");
        }
        if self.stroke.map(|s| s.1) != Some(width) {
            num(buf, width);
            buf.extend_from_slice(b" w\n");
        }
        self.stroke = Some((c, width));
    }
}

fn colour(buf: &mut Vec<u8>, c: Rgb) {
    let f = |v: u8| f32::from(v) / 255.0;
    let _ = write!(buf, "{:.3} {:.3} {:.3}", f(c.0), f(c.1), f(c.2));
}

/// Writes `v` with at most two decimals and no trailing zeros.
fn num(buf: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        buf.push(b'-');
    }
    let a = hundredths.unsigned_abs();
    uint(buf, a / 100);
    let frac = (a % 100) as u8;
    if frac != 0 {
        buf.push(b'.');
        buf.push(b'0' + frac / 10);
        if !frac.is_multiple_of(10) {
            buf.push(b'0' + frac % 10);
        }
    }
}

/// `v` in decimal, without `core::fmt` (which showed in the profile of a large pack).
fn uint(buf: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

/// A glyph id as four upper-case hex digits, as a content stream's string shows it.
fn hex4(buf: &mut Vec<u8>, gid: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let [hi, lo] = gid.to_be_bytes();
    buf.extend_from_slice(&[
        HEX[usize::from(hi >> 4)],
        HEX[usize::from(hi & 15)],
        HEX[usize::from(lo >> 4)],
        HEX[usize::from(lo & 15)],
    ]);
}

fn nums(buf: &mut Vec<u8>, vs: &[f32]) {
    for (i, v) in vs.iter().enumerate() {
        if i > 0 {
            buf.push(b' ');
        }
        num(buf, *v);
    }
}

fn fmt(v: f32) -> String {
    let mut b = Vec::new();
    num(&mut b, v);
    String::from_utf8(b).unwrap_or_default()
}

fn push_nums(s: &mut String, vs: &[f32]) {
    let mut b = Vec::new();
    nums(&mut b, vs);
    s.push_str(&String::from_utf8(b).unwrap_or_default());
}

fn curve(buf: &mut Vec<u8>, pts: [f32; 6]) {
    nums(buf, &pts);
    buf.extend_from_slice(b" c\n");
}

fn line_to(buf: &mut Vec<u8>, x: f32, y: f32) {
    nums(buf, &[x, y]);
    buf.extend_from_slice(b" l\n");
}

/// A closed path of a rectangle with rounded corners, in PDF coordinates (y up).
fn rounded_rect(buf: &mut Vec<u8>, x: f32, y: f32, w: f32, h: f32, r: f32) {
    let r = r.min(w / 2.0).min(h / 2.0);
    let k = r * KAPPA;
    let (x2, y2) = (x + w, y + h);
    nums(buf, &[x + r, y]);
    buf.extend_from_slice(b" m\n");
    line_to(buf, x2 - r, y);
    curve(buf, [x2 - r + k, y, x2, y + r - k, x2, y + r]);
    line_to(buf, x2, y2 - r);
    curve(buf, [x2, y2 - r + k, x2 - r + k, y2, x2 - r, y2]);
    line_to(buf, x + r, y2);
    curve(buf, [x + r - k, y2, x, y2 - r + k, x, y2 - r]);
    line_to(buf, x, y + r);
    curve(buf, [x, y + r - k, x + r - k, y, x + r, y]);
    buf.extend_from_slice(b"h\n");
}

fn circle(buf: &mut Vec<u8>, cx: f32, cy: f32, r: f32) {
    let k = r * KAPPA;
    nums(buf, &[cx + r, cy]);
    buf.extend_from_slice(b" m\n");
    curve(buf, [cx + r, cy + k, cx + k, cy + r, cx, cy + r]);
    curve(buf, [cx - k, cy + r, cx - r, cy + k, cx - r, cy]);
    curve(buf, [cx - r, cy - k, cx - k, cy - r, cx, cy - r]);
    curve(buf, [cx + k, cy - r, cx + r, cy - k, cx + r, cy]);
    buf.extend_from_slice(b"h\n");
}

/// Six capital letters identifying a glyph set (ISO 32000-1, 9.6.4); derived from the set so
/// identical input gives an identical name.
fn subset_tag(gids: &[u16]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    gids.hash(&mut hasher);
    let mut h = hasher.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}

/// The face cut down to glyphs `ids` (renumbered 0, 1, 2… in that order) by allsorts.
fn subset(style: FontStyle, ids: &[u16]) -> Result<Vec<u8>, Error> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    use allsorts::tag;

    let err = |e: &dyn std::fmt::Display| Error::Subset(style, e.to_string());
    let font_file = ReadScope::new(style.bytes()).read::<FontData<'_>>().map_err(|e| err(&e))?;
    let provider = font_file.table_provider(0).map_err(|e| err(&e))?;
    // What a PDF's embedded TrueType needs (ISO 32000-1, 9.9): the outlines and metrics and
    // the hinting programs. The PDF's CMaps do the character mapping.
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
    subset(&provider, ids, &profile, CmapTarget::Unicode).map_err(|e| err(&e))
}

/// A PDF text string: literal when plain ASCII, else UTF-16BE with a byte-order mark.
fn text_string(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('(');
        for c in s.chars() {
            if matches!(c, '(' | ')' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push(')');
        out
    } else {
        let mut out = String::from("<FEFF");
        for unit in s.encode_utf16() {
            let _ = write!(out, "{unit:04X}");
        }
        out.push('>');
        out
    }
}

/// The creation date as a PDF date and as an XMP (ISO 8601) date, both in UTC.
fn pdf_date(unix: i64) -> (String, String) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm), proleptic Gregorian.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    (
        format!("D:{y:04}{m:02}{d:02}{hh:02}{mm:02}{ss:02}Z"),
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z"),
    )
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// XMP metadata (ISO 16684-1) saying what the information dictionary says, and nothing
/// about conformance this file has not been checked against.
fn xmp(meta: &Metadata, date: &str) -> String {
    let lang = if meta.language.is_empty() { "x-default".to_string() } else { xml(&meta.language) };
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>Shortlist</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdf:Producer>shortlist-pdf</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}',
        title = xml(&meta.title),
        author = xml(&meta.author),
        subject = xml(&meta.subject),
    )
}

/// Writes the outline tree: each anchor is a child of the nearest earlier anchor of a
/// shallower level. Sections start closed so a long pack's outline stays scannable.
fn write_outline<W: std::io::Write>(
    w: &mut Writer<W>,
    outline: &[Anchor],
    pages: &[u32],
    height: f32,
) -> u32 {
    let root = w.alloc();
    let ids: Vec<u32> = outline.iter().map(|_| w.alloc()).collect();
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(ids.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, a) in outline.iter().enumerate() {
        while stack.last().is_some_and(|&j| outline[j].level >= a.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let mut kids_of: std::collections::BTreeMap<Option<usize>, Vec<usize>> = Default::default();
    for (i, p) in parent.iter().enumerate() {
        kids_of.entry(*p).or_default().push(i);
    }
    let mut d = String::with_capacity(256);
    for (i, a) in outline.iter().enumerate() {
        d.clear();
        let _ = write!(
            d,
            "<</Title {} /Parent {} 0 R",
            text_string(&a.title),
            parent[i].map_or(root, |p| ids[p])
        );
        let siblings = &kids_of[&parent[i]];
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        if pos > 0 {
            let _ = write!(d, " /Prev {} 0 R", ids[siblings[pos - 1]]);
        }
        if let Some(&next) = siblings.get(pos + 1) {
            let _ = write!(d, " /Next {} 0 R", ids[next]);
        }
        if let Some(kids) = kids_of.get(&Some(i)) {
            // Negative: closed, with this many children shown when opened.
            let _ = write!(
                d,
                " /First {} 0 R /Last {} 0 R /Count -{}",
                ids[kids[0]],
                ids[kids[kids.len() - 1]],
                kids.len()
            );
        }
        if let Some(page) = pages.get(a.page) {
            let _ = write!(d, " /Dest [{page} 0 R /XYZ null {} null]", fmt(height - a.y + 6.0));
        }
        d.push_str(">>");
        w.object(ids[i], &d);
    }
    let top = kids_of.get(&None).cloned().unwrap_or_default();
    let mut r = String::from("<</Type /Outlines");
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        let _ = write!(r, " /First {} 0 R /Last {} 0 R", ids[*first], ids[*last]);
    }
    let _ = write!(r, " /Count {}>>", top.len());
    w.object(root, &r);
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let mut b = Vec::new();
        nums(&mut b, &[1.0, 2.5, -0.125, 841.89, 0.004]);
        assert_eq!(String::from_utf8(b).unwrap(), "1 2.5 -0.13 841.89 0");
    }

    #[test]
    fn dates_are_utc() {
        // 2021-09-01 10:00:00 UTC.
        assert_eq!(pdf_date(1_630_490_400).0, "D:20210901100000Z");
        assert_eq!(pdf_date(0).1, "1970-01-01T00:00:00Z");
    }
}
