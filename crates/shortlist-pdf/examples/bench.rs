//! Times layout and rendering of a briefing pack of 100 and 1,000 sections and reports peak
//! memory: `cargo run --release --example bench`.
//!
//! Peak memory is the process's high-water mark (`VmHWM` in /proc/self/status, Linux only),
//! so the 100-section run is measured first, before the larger one raises the mark.

use std::time::Instant;

#[path = "../tests/support/sample.rs"]
mod sample;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time this thread has run, in nanoseconds (`/proc/thread-self/schedstat`, Linux only):
/// on a shared machine, wall time includes waiting for a core; this does not.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), shortlist_pdf::Error> {
    // Parse the fonts once up front, as a long-running app would have.
    shortlist_pdf::Fonts::get()?;
    for sections in [100, 1_000] {
        let doc = sample::briefing_pack(sections);
        let t0 = Instant::now();
        let pages = shortlist_pdf::page_count(&doc)?;
        let t_count = t0.elapsed();
        let c1 = cpu_ns();
        let t1 = Instant::now();
        let laid = shortlist_pdf::layout(&doc)?;
        let t_layout = t1.elapsed();
        let t2 = Instant::now();
        let pdf = shortlist_pdf::render(&laid)?;
        let t_render = t2.elapsed();
        let cpu = cpu_ns().zip(c1).map_or("n/a".into(), |(b, a)| format!("{:.1} ms", (b - a) as f64 / 1e6));
        println!(
            "{sections:>5} sections: {pages} pages | page_count {:.1} ms | layout {:.1} ms | render {:.1} ms | total {:.1} ms (CPU {cpu}) | {:.0} KiB | peak RSS {}",
            t_count.as_secs_f64() * 1e3,
            t_layout.as_secs_f64() * 1e3,
            t_render.as_secs_f64() * 1e3,
            (t_layout + t_render).as_secs_f64() * 1e3,
            pdf.len() as f64 / 1024.0,
            peak_rss_mb().map_or("n/a".into(), |m| format!("{m:.1} MB")),
        );
    }
    Ok(())
}
