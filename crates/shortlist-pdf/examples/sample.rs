//! Writes a sample briefing pack: `cargo run --example sample -- OUT.pdf [SECTIONS]`.

#[path = "../tests/support/sample.rs"]
mod sample;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "sample.pdf".into());
    let sections = args.next().map(|s| s.parse()).transpose()?.unwrap_or(3);
    let doc = sample::briefing_pack(sections);
    let laid = shortlist_pdf::layout(&doc)?;
    let pdf = shortlist_pdf::render(&laid)?;
    std::fs::write(&out, &pdf)?;
    println!("{out}: {} pages, {} bytes", laid.pages.len(), pdf.len());
    Ok(())
}
