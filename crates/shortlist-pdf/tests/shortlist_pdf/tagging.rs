//! Tagged PDF (issue #16): the structure tree, read back with lopdf, has what a screen
//! reader needs, every mark on a page is either tagged content or an artifact, and the
//! metadata claims nothing the file does not do.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use shortlist_pdf::{layout, to_pdf};

use crate::sample::briefing_pack;

fn pdf() -> (Document, Vec<u8>) {
    let bytes = to_pdf(&briefing_pack(4)).expect("the sample pack is written").bytes;
    (Document::load_mem(&bytes).expect("lopdf reads the file"), bytes)
}

fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().unwrap_or(b"?")).into_owned()
}

/// Every structure element under `id`, depth first: (role, its dictionary).
fn walk(doc: &Document, id: ObjectId, out: &mut Vec<(String, Dictionary)>) {
    let d = doc.get_dictionary(id).expect("a structure element").clone();
    out.push((name(d.get(b"S").expect("every element has a role")), d.clone()));
    if let Ok(kids) = d.get(b"K").and_then(Object::as_array) {
        for k in kids {
            if let Ok(r) = k.as_reference() {
                walk(doc, r, out);
            }
        }
    }
}

fn elements(doc: &Document) -> Vec<(String, Dictionary)> {
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"StructTreeRoot"))
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .expect("the catalog has a structure tree");
    let mut out = Vec::new();
    for k in root.get(b"K").and_then(Object::as_array).expect("the root has kids") {
        walk(doc, k.as_reference().expect("kids are elements"), &mut out);
    }
    out
}

#[test]
fn the_catalog_says_the_file_is_tagged_in_english_and_shows_its_title() {
    let (doc, _) = pdf();
    assert_eq!(
        doc.version, "1.7",
        "structure, marked content and /Tabs need PDF 1.5; PDF/UA-1 builds on 1.7"
    );
    let catalog = doc.catalog().unwrap();
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap(), "MarkInfo /Marked true");
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
    let prefs = catalog.get(b"ViewerPreferences").unwrap().as_dict().unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(), "the title, not the file name");
    assert!(catalog.get(b"StructTreeRoot").is_ok());
    for (_, page) in doc.get_pages() {
        let p = doc.get_dictionary(page).unwrap();
        assert_eq!(p.get(b"Tabs").unwrap().as_name().unwrap(), b"S", "tab order follows the structure");
        assert!(p.get(b"StructParents").is_ok(), "each page is in the parent tree");
    }
}

#[test]
fn the_metadata_is_honest() {
    let (doc, _) = pdf();
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "no PDF/X claim: the file is not PDF/X");
    assert!(info.get(b"Trapped").is_err(), "nothing said about trapping, which was never done");
    let catalog = doc.catalog().unwrap();
    let xmp = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
    let xmp = String::from_utf8(xmp.as_stream().unwrap().content.clone()).unwrap();
    assert!(xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Data Challenge 2025 — Round 1 briefing pack</rdf:li>"), "{xmp}");
    assert!(!xmp.contains("pdfx") && !xmp.contains("pdfaid"), "no PDF/X or PDF/A claim");
    assert!(!xmp.contains("pdfuaid"), "no PDF/UA claim until a validator has passed the file");
}

#[test]
fn the_structure_tree_has_headings_paragraphs_lists_tables_figures_and_links() {
    let (doc, _) = pdf();
    let els = elements(&doc);
    let roles: BTreeSet<&str> = els.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(els[0].0, "Document", "one Document root");
    for role in [
        "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "TOC", "TOCI",
        "Link",
    ] {
        assert!(roles.contains(role), "a {role} element: {roles:?}");
    }
    for (role, d) in &els {
        match role.as_str() {
            "TH" => {
                let a = d.get(b"A").unwrap().as_dict().unwrap();
                let scope = name(a.get(b"Scope").unwrap());
                assert!(scope == "Column" || scope == "Row", "header cells say what they head: {scope}");
            }
            "Figure" => {
                let alt = d.get(b"Alt").unwrap().as_str().unwrap();
                let alt = String::from_utf8_lossy(alt);
                assert!(alt.len() > 40, "a figure says what it shows: {alt:?}");
            }
            "Link" => {
                let kids = d.get(b"K").unwrap().as_array().unwrap();
                assert!(
                    kids.iter()
                        .any(|k| k.as_dict().is_ok_and(|k| k.get(b"Type").is_ok_and(|t| name(t) == "OBJR"))),
                    "a link holds its annotation"
                );
            }
            "LI" => {
                let kids: Vec<String> = d
                    .get(b"K")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| name(doc.get_dictionary(k.as_reference().unwrap()).unwrap().get(b"S").unwrap()))
                    .collect();
                assert_eq!(kids, ["Lbl", "LBody"]);
            }
            _ => {}
        }
    }
    // Headings never skip a level.
    let mut last = 0;
    for (role, _) in &els {
        if let Some(n) = role.strip_prefix('H').and_then(|n| n.parse::<i32>().ok()) {
            assert!(n <= last + 1, "H{n} after H{last}");
            last = n;
        }
    }
}

#[test]
fn every_mark_is_tagged_content_or_an_artifact_and_the_parent_tree_matches() {
    let (doc, _) = pdf();
    let catalog = doc.catalog().unwrap();
    let root = doc.get_dictionary(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap()).unwrap();
    let tree = doc.get_dictionary(root.get(b"ParentTree").unwrap().as_reference().unwrap()).unwrap();
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    let entries: BTreeMap<i64, &Object> = nums.chunks(2).map(|p| (p[0].as_i64().unwrap(), &p[1])).collect();
    for (_, page) in doc.get_pages() {
        let key = doc.get_dictionary(page).unwrap().get(b"StructParents").unwrap().as_i64().unwrap();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let (mut depth, mut mcids, mut pagination) = (0, 0, BTreeSet::new());
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    if let Ok(props) = op.operands[1].as_dict() {
                        if props.get(b"MCID").is_ok() {
                            assert_eq!(
                                props.get(b"MCID").unwrap().as_i64().unwrap(),
                                mcids,
                                "MCIDs count up"
                            );
                            mcids += 1;
                        }
                        if let Ok(sub) = props.get(b"Subtype") {
                            pagination.insert(name(sub));
                        }
                    }
                }
                "EMC" => depth -= 1,
                "Tj" | "TJ" | "re" | "l" | "c" | "f" | "S" | "B" => {
                    assert!(depth > 0, "`{}` outside marked content", op.operator)
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "marked content is balanced");
        let entry = entries[&key].as_array().unwrap();
        assert_eq!(entry.len() as i64, mcids, "the parent tree has an element for every MCID");
        assert_eq!(pagination, BTreeSet::from(["Header".to_string(), "Footer".to_string()]));
    }
}

#[test]
fn bookmarks_match_the_headings() {
    let (doc, _) = pdf();
    let laid = layout(&briefing_pack(4)).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut titles = Vec::new();
    let mut stack = vec![outlines.get(b"First").unwrap().as_reference().unwrap()];
    while let Some(id) = stack.pop() {
        let d = doc.get_dictionary(id).unwrap();
        let t = d.get(b"Title").unwrap().as_str().unwrap();
        titles.push(if t.starts_with(&[0xfe, 0xff]) {
            String::from_utf16(
                &t[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>(),
            )
            .unwrap()
        } else {
            String::from_utf8_lossy(t).into_owned()
        });
        if let Ok(n) = d.get(b"Next") {
            stack.push(n.as_reference().unwrap());
        }
        if let Ok(f) = d.get(b"First") {
            stack.push(f.as_reference().unwrap());
        }
    }
    let mut want: Vec<String> = laid.outline.iter().map(|a| a.title.clone()).collect();
    want.sort();
    titles.sort();
    assert_eq!(titles, want, "one bookmark per bookmarked heading");
    let headings = laid.structure.iter().filter(|n| matches!(n.role, shortlist_pdf::Role::H(_))).count();
    assert!(headings >= want.len(), "every bookmark is a heading");
}

#[test]
fn pdfinfo_says_tagged_and_claims_no_pdf_x() {
    let (_, bytes) = pdf();
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tagged.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let Ok(out) = Command::new("pdfinfo").arg(&path).output() else {
        println!("SKIPPED: `pdfinfo` is not installed (apt-get install poppler-utils)");
        return;
    };
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Tagged:          yes"), "{s}");
    assert!(!s.contains("PDF subtype") && !s.contains("15930"), "no PDF/X conformance claimed: {s}");
    assert!(s.contains("PDF version:     1.7"), "{s}");
}

#[test]
fn a_hyphen_added_at_a_line_break_reads_as_a_soft_hyphen() {
    // Issue #16: "Environ-" + "ment" was read aloud as two words. The added hyphen is drawn
    // with the hyphen's glyph inside a span whose /ActualText is U+00AD SOFT HYPHEN (ISO
    // 32000-1, 14.8.2.2.3); a hyphen of the text itself ("DC21-0012") is left alone.
    use shortlist_pdf::{Block, Cell, Column, Table};
    let mut d = shortlist_pdf::Document::new(crate::sample::meta());
    d.push(Block::Table(Table {
        columns: vec![Column::mm("Where", 16.0), Column::fr("Reference", 1.0)],
        rows: vec![vec![Cell::text("Environment"), Cell::text("DC21-0012")]],
        min_row_height_mm: 0.0,
    }));
    let laid = layout(&d).unwrap();
    let split: Vec<String> = laid
        .texts(0)
        .filter(|t| t.text.ends_with(shortlist_pdf::SOFT_HYPHEN))
        .map(|t| t.text.clone())
        .collect();
    assert!(!split.is_empty(), "\"Environment\" does not fit 16 mm less padding, so it is hyphenated");

    let bytes = to_pdf(&d).unwrap().bytes;
    let doc = Document::load_mem(&bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    // The hyphen's glyph id: every string shown is two-byte glyph ids (Identity-H).
    let fonts = shortlist_pdf::Fonts::get().unwrap();
    let hyphen = fonts.face(shortlist_pdf::FontStyle::Regular).glyph_id('-').unwrap().to_be_bytes();
    let (mut soft, mut open_soft, mut depth, mut plain_hyphens) = (0, None::<usize>, 0usize, 0);
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                depth += 1;
                let props = op.operands[1].as_dict();
                if let Ok(at) = props.and_then(|p| p.get(b"ActualText")).and_then(Object::as_str) {
                    assert_eq!(at, [0xFE, 0xFF, 0x00, 0xAD], "the ActualText is U+00AD in UTF-16BE");
                    open_soft = Some(depth);
                }
            }
            "EMC" => {
                if open_soft == Some(depth) {
                    open_soft = None;
                }
                depth -= 1;
            }
            "Tj" => {
                let s = op.operands[0].as_str().unwrap();
                let glyphs: Vec<[u8; 2]> = s.chunks(2).map(|c| [c[0], c[1]]).collect();
                if open_soft.is_some() {
                    assert_eq!(glyphs, vec![hyphen], "the span holds just the added hyphen");
                    soft += 1;
                } else {
                    plain_hyphens += glyphs.iter().filter(|g| **g == hyphen).count();
                }
            }
            _ => {}
        }
    }
    assert_eq!(soft, split.len(), "one soft hyphen per word broken across lines");
    assert_eq!(plain_hyphens, 1, "the reference's own hyphen stays a hyphen");

    // What a reader gets: the word in one piece.
    let path = std::env::temp_dir().join(format!("shortlist-soft-hyphen-{}.pdf", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    match Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout).replace(['\u{ad}', '\n'], "");
            assert!(text.contains("Environment"), "pdftotext reads one word: {text:?}");
        }
        _ => println!("SKIPPED: pdftotext is not installed (Debian: poppler-utils)"),
    }
    let _ = std::fs::remove_file(&path);
}
