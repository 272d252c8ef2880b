//! The PDF itself: validity, extractable text, metadata, outline, links and size.
//!
//! The command-line checks use qpdf and poppler-utils (Debian packages `qpdf` and
//! `poppler-utils`); when a tool is missing the check prints why and is skipped.

use std::path::PathBuf;
use std::process::Command;

use lopdf::Object;
use shortlist_pdf::{layout, render};

use crate::sample::{briefing_pack, WELSH};

fn write_sample(name: &str, sections: usize) -> (PathBuf, Vec<u8>, usize) {
    let laid = layout(&briefing_pack(sections)).expect("the sample pack lays out");
    let pdf = render(&laid).expect("the sample pack renders");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, &pdf).expect("the sample PDF is written");
    (path, pdf, laid.pages.len())
}

fn tool(name: &str) -> bool {
    let found =
        Command::new(name).arg("--version").output().is_ok() || Command::new(name).arg("-v").output().is_ok();
    if !found {
        println!("SKIPPED: `{name}` is not installed (apt-get install qpdf poppler-utils)");
    }
    found
}

#[test]
fn qpdf_finds_no_errors() {
    let (path, _, _) = write_sample("check.pdf", 3);
    if !tool("qpdf") {
        return;
    }
    let out = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check failed:\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("No syntax or stream encoding errors"), "{stdout}");
}

#[test]
fn pdftotext_reads_the_marking_on_every_page_and_accented_text() {
    let (path, _, pages) = write_sample("text.pdf", 3);
    if !tool("pdftotext") {
        return;
    }
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let page_texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(page_texts.len(), pages);
    for (i, page) in page_texts.iter().enumerate() {
        assert_eq!(page.matches("OFFICIAL-SENSITIVE").count(), 2, "marking top and bottom of page {}", i + 1);
        assert!(page.contains(&format!("Page {} of {pages}", i + 1)), "page {} number", i + 1);
    }
    assert!(text.contains(WELSH), "Welsh, accented letters and curly quotes survive extraction");
    for s in ["ŵ", "ŷ", "é", "â", "“", "”", "’"] {
        assert!(text.contains(s), "{s} is extractable");
    }
    assert!(text.contains("round 1 panel"), "bold runs are real text");
}

#[test]
fn metadata_language_outline_and_links_are_in_the_file() {
    let (_, pdf, pages) = write_sample("meta.pdf", 4);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(doc.get_pages().len(), pages);
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
    // Outline: top-level entries whose children (the idea's subsections) nest beneath them.
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let first = doc.get_dictionary(outlines.get(b"First").unwrap().as_reference().unwrap()).unwrap();
    assert!(first.get(b"First").is_ok(), "the first section has nested bookmarks");
    // Link annotations on the contents page, one per entry.
    let page1 = doc.get_dictionary(doc.get_pages()[&1]).unwrap();
    let annots = page1.get(b"Annots").unwrap().as_array().unwrap();
    assert_eq!(annots.len(), 4 + 2, "one link per contents entry");
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    for key in [&b"Title"[..], b"Author", b"Subject"] {
        assert!(info.get(key).is_ok(), "{} is set", String::from_utf8_lossy(key));
    }
    if tool("pdfinfo") {
        let out = Command::new("pdfinfo")
            .arg(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("meta.pdf"))
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("Data Challenge 2025 — Round 1 briefing pack"), "{s}");
        assert!(s.contains("Challenge secretariat"), "{s}");
    }
}

#[test]
fn fonts_are_embedded_as_small_subsets() {
    let (_, pdf, pages) = write_sample("size.pdf", 20);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut embedded = 0;
    for obj in doc.objects.values() {
        if let Object::Dictionary(d) = obj {
            if let Ok(r) = d.get(b"FontFile2").and_then(Object::as_reference) {
                embedded += 1;
                let stream = doc.get_object(r).unwrap().as_stream().unwrap();
                let len = stream.decompressed_content().map_or(stream.content.len(), |c| c.len());
                assert!(len < 80_000, "a subset font is far smaller than the 400 KB face: {len}");
            }
        }
    }
    assert_eq!(embedded, 4, "all four faces are used and embedded");
    let per_page = pdf.len() / pages;
    assert!(per_page < 10_000, "about {per_page} bytes a page");
}
