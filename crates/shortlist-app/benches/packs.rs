//! The panel briefing pack for 100 and 1,000 ideas of the demo challenge: time and peak memory
//! of `write_pack`, and, in the same run, the same content compiled by Typst (the PyPI `typst`
//! package, timed in-process by Python) from Typst markup, and printed to PDF by headless
//! Chromium from an HTML rendering this benchmark writes. Run with
//! `cargo bench -p shortlist-app --bench packs`. It prints numbers (targets, issue #16: 100
//! ideas ≤ 0.1 s; 1,000 ideas ≤ 1.0 s and ≤ 100 MB peak; pages per second ≥ 3× Typst's and
//! ≥ 20× Chromium's) and never fails on a slow machine.
//!
//! How the round is built: `create_demo` makes the demo challenge with enough ideas (200 for
//! the 100-idea pack, 1,350 for the 1,000-idea one), which screens, evaluates and moves them by
//! the app's own rules; the demo stops at a shortlist of eight. The benchmark then fills the
//! shortlist through the public use cases, as the secretariat would: each screened or
//! longlisted idea gets a complete evaluation (copied, cycling, from the demo's shortlisted
//! ideas, so the sections are as long as real ones) with `save_evaluation`, and moves Screened →
//! Longlist → Shortlist with `move_ideas` (confirming past the round's target of 8).
//!
//! How it is measured: building the round allocates far more than making the pack, so the
//! timed part runs in a child process (this binary again, with `--child`) that opens the data
//! folder, makes the pack `RUNS` times and reports the median and its own peak RSS (`VmHWM`,
//! Linux only). That peak covers opening the database and the pack, nothing else. Chromium is
//! timed as a person would run it, start-up included, once the HTML file is written; it is
//! skipped (and said so) when `chromium` is not on the PATH (Debian: `apt-get install chromium`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use shortlist_app::{Clock, DataDirSource, DataLocation, PackKind, PackRequest, Shortlist};
use shortlist_domain::{ChallengeId, MoveRequest, Stage};
use shortlist_pdf::{Block, Cell, Document, Rag, Span};

const RUNS: usize = 7;

fn clock() -> Clock {
    Box::new(|| Utc.with_ymd_and_hms(2021, 9, 1, 10, 0, 0).single().expect("a real time"))
}

fn open(dir: &Path) -> Shortlist {
    let location = DataLocation { dir: dir.to_owned(), source: DataDirSource::Flag };
    Shortlist::open(location, clock()).with_default_display_name(Some("Benchmark secretariat"))
}

fn request(challenge: ChallengeId) -> PackRequest {
    PackRequest {
        challenge_id: challenge,
        kind: PackKind::Panel,
        round: Some(Stage::Shortlist),
        idea: None,
        judge: None,
        meeting_date: chrono::NaiveDate::from_ymd_opt(2021, 9, 14),
        version: "Version 1".into(),
        blind: false,
    }
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The demo with `demo_ideas` ideas, then `ideas` of them at the Shortlist stage.
fn build_round(dir: &Path, demo_ideas: usize, ideas: usize) -> ChallengeId {
    let app = open(dir);
    let challenge = match app.create_demo(shortlist_demo::DEMO_SEED, demo_ideas).expect("demo") {
        shortlist_app::DemoOutcome::Created { challenge, .. } => challenge,
        shortlist_app::DemoOutcome::AlreadyPresent { challenge } => challenge,
    };
    let all = app.list_ideas(challenge.id).expect("ideas");
    let at = |stage: Stage| all.iter().filter(move |i| i.stage == stage).map(|i| i.id);
    let shortlisted: Vec<_> = at(Stage::Shortlist).collect();
    let models: Vec<_> =
        shortlisted.iter().map(|&id| app.evaluation(id).expect("evaluation").evaluation.to_input()).collect();
    assert!(!models.is_empty(), "the demo shortlists some evaluated ideas to copy from");
    let needed = ideas.saturating_sub(shortlisted.len());
    let longlisted: Vec<_> = at(Stage::Longlist).take(needed).collect();
    let screened: Vec<_> = at(Stage::Screened).take(needed - longlisted.len()).collect();
    assert_eq!(
        longlisted.len() + screened.len(),
        needed,
        "the demo of {demo_ideas} ideas has too few screened ideas for {ideas}"
    );
    for (n, &id) in longlisted.iter().chain(&screened).enumerate() {
        app.save_evaluation(id, &models[n % models.len()]).expect("evaluated");
    }
    let move_to = |ids: Vec<_>, to| {
        if !ids.is_empty() {
            app.move_ideas(&MoveRequest { ideas: ids, to, reason: String::new(), confirm_over_target: true })
                .expect("moved");
        }
    };
    move_to(screened.clone(), Stage::Longlist);
    move_to(longlisted.into_iter().chain(screened).collect(), Stage::Shortlist);
    challenge.id
}

/// The child: open the folder, make the pack `RUNS` times, print one line of numbers.
fn child(dir: &Path, out: &Path) {
    let app = open(dir);
    let challenge = app.list_challenges().expect("challenges")[0].id;
    let request = request(challenge);
    let mut times = Vec::with_capacity(RUNS);
    let mut summary = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        summary = Some(app.write_pack(&request, out).expect("pack written"));
        times.push(t.elapsed());
    }
    let summary = summary.expect("ran");
    let (min, max) = (*times.iter().min().expect("runs"), *times.iter().max().expect("runs"));
    println!(
        "{} {} {} {} {} {}",
        summary.pages,
        summary.bytes,
        median(times).as_nanos(),
        min.as_nanos(),
        max.as_nanos(),
        peak_rss_kb().unwrap_or(0)
    );
}

struct Measured {
    pages: u32,
    bytes: u64,
    median: Duration,
    min: Duration,
    max: Duration,
    peak_kb: u64,
}

fn measure_in_child(dir: &Path, out: &Path) -> Measured {
    let exe = std::env::current_exe().expect("this benchmark's path");
    let output = Command::new(exe).arg("--child").arg(dir).arg(out).output().expect("child ran");
    assert!(output.status.success(), "child failed: {}", String::from_utf8_lossy(&output.stderr));
    let line = String::from_utf8(output.stdout).expect("utf-8");
    let n: Vec<u64> = line.split_whitespace().map(|x| x.parse().expect("a number")).collect();
    Measured {
        pages: n[0] as u32,
        bytes: n[1],
        median: Duration::from_nanos(n[2]),
        min: Duration::from_nanos(n[3]),
        max: Duration::from_nanos(n[4]),
        peak_kb: n[5],
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn spans(text: &[Span]) -> String {
    text.iter()
        .map(|s| match (s.bold, s.italic) {
            (true, true) => format!("<b><i>{}</i></b>", escape(&s.text)),
            (true, false) => format!("<b>{}</b>", escape(&s.text)),
            (false, true) => format!("<i>{}</i>", escape(&s.text)),
            (false, false) => escape(&s.text),
        })
        .collect()
}

fn rag(r: Rag) -> String {
    format!("<span class=\"rag rag-{}\">{}</span>", r.label().to_lowercase().replace(' ', "-"), r.label())
}

/// The same document as simple, styled HTML: the sections, tables, badges and page breaks the
/// PDF has, with the marking in a running header; Chromium paginates it itself. Only the
/// blocks the pack uses are drawn in full; charts (which packs do not have) become a list.
fn html(doc: &Document) -> String {
    let mut h = String::with_capacity(doc.blocks.len() * 400);
    let marking = doc.marking.as_deref().map(escape).unwrap_or_default();
    h.push_str(&format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\n\
         @page {{ size: A4; margin: 22mm 18mm 20mm; }}\n\
         body {{ font: 10pt/1.35 'Liberation Sans', Arial, sans-serif; color: #0b0c0c; }}\n\
         .marking {{ text-align: center; font-weight: bold; }}\n\
         h1 {{ font-size: 20pt; margin: 0 0 6mm; }} h2 {{ font-size: 15pt; margin: 6mm 0 3mm; break-after: avoid; }}\n\
         h3 {{ font-size: 12pt; margin: 4mm 0 2mm; break-after: avoid; }}\n\
         table {{ border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }}\n\
         thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}\n\
         th {{ background: #f3f2f1; text-align: left; }} th, td {{ border: 0.5pt solid #b1b4b6; padding: 1.5mm; vertical-align: top; }}\n\
         dl {{ display: grid; grid-template-columns: 45mm 1fr; gap: 1mm 4mm; }} dt {{ font-weight: bold; }} dd {{ margin: 0; }}\n\
         .rag {{ display: inline-block; padding: 0.5mm 2mm; border-radius: 1mm; font-weight: bold; }}\n\
         .rag-red {{ background: #f4cdc6; }} .rag-amber {{ background: #fff7bf; }} .rag-green {{ background: #cce2d8; }} .rag-not-rated {{ background: #f3f2f1; }}\n\
         .box {{ border: 0.5pt solid #0b0c0c; }} .break {{ break-after: page; }}\n\
         </style></head><body>\n<div class=\"marking\">{marking}</div>\n",
        escape(&doc.meta.language),
        escape(&doc.meta.title),
    ));
    let mut contents = String::new();
    for block in &doc.blocks {
        if let Block::Heading { level, text, bookmark: true } = block {
            if *level <= 2 {
                contents.push_str(&format!("<li class=\"toc{level}\">{}</li>", escape(text)));
            }
        }
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                h.push_str(&format!("<h{level}>{}</h{level}>\n", escape(text)))
            }
            Block::Paragraph(text) => h.push_str(&format!("<p>{}</p>\n", spans(text))),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                h.push_str(&format!("<{tag}>"));
                for item in items {
                    h.push_str(&format!("<li>{}</li>", spans(item)));
                }
                h.push_str(&format!("</{tag}>\n"));
            }
            Block::KeyValue(rows) => {
                h.push_str("<dl>");
                for (k, v) in rows {
                    h.push_str(&format!("<dt>{}</dt><dd>{}</dd>", escape(k), spans(v)));
                }
                h.push_str("</dl>\n");
            }
            Block::Table(table) => {
                h.push_str("<table><thead><tr>");
                for c in &table.columns {
                    h.push_str(&format!("<th>{}</th>", escape(&c.header)));
                }
                h.push_str("</tr></thead><tbody>");
                let height = if table.min_row_height_mm > 0.0 {
                    format!(" style=\"height:{}mm\"", table.min_row_height_mm)
                } else {
                    String::new()
                };
                for row in &table.rows {
                    h.push_str(&format!("<tr{height}>"));
                    for cell in row {
                        match cell {
                            Cell::Text(t) => h.push_str(&format!("<td>{}</td>", spans(t))),
                            Cell::Rag(r) => h.push_str(&format!("<td>{}</td>", rag(*r))),
                            Cell::Blank => h.push_str("<td></td>"),
                        }
                    }
                    h.push_str("</tr>");
                }
                h.push_str("</tbody></table>\n");
            }
            Block::Ratings(ratings) => {
                h.push_str("<p>");
                for (label, r) in ratings {
                    h.push_str(&format!("{} {} &nbsp; ", escape(label), rag(*r)));
                }
                h.push_str("</p>\n");
            }
            Block::BarChart(chart) => {
                h.push_str("<ul>");
                for bar in &chart.bars {
                    h.push_str(&format!("<li>{}: {}</li>", escape(&bar.label), bar.value));
                }
                h.push_str("</ul>\n");
            }
            Block::DotPlot(plot) => {
                h.push_str("<ul>");
                for row in &plot.rows {
                    h.push_str(&format!("<li>{}: {:?}</li>", escape(&row.label), row.values));
                }
                h.push_str("</ul>\n");
            }
            Block::WriteBox { label, height_mm } => h.push_str(&format!(
                "<p>{}</p><div class=\"box\" style=\"height:{height_mm}mm\"></div>\n",
                escape(label)
            )),
            Block::Contents { .. } => h.push_str(&format!("<ul class=\"contents\">{contents}</ul>\n")),
            Block::Space(mm) => h.push_str(&format!("<div style=\"height:{mm}mm\"></div>\n")),
            Block::PageBreak => h.push_str("<div class=\"break\"></div>\n"),
        }
    }
    h.push_str(&format!("<div class=\"marking\">{marking}</div></body></html>\n"));
    h
}

fn typst_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn typst_spans(text: &[Span]) -> String {
    text.iter()
        .map(|s| match (s.bold, s.italic) {
            (true, true) => format!("#strong(emph({}))", typst_str(&s.text)),
            (true, false) => format!("#strong({})", typst_str(&s.text)),
            (false, true) => format!("#emph({})", typst_str(&s.text)),
            (false, false) => format!("#{}", typst_str(&s.text)),
        })
        .collect()
}

fn typst_rag(r: Rag) -> String {
    let fill = match r {
        Rag::Red => "#d4351c",
        Rag::Amber => "#f47738",
        Rag::Green => "#00703c",
        Rag::NotRated => "#505a5f",
    };
    format!("#box(fill: rgb(\"{fill}\"), inset: 2pt, radius: 2pt)[#text(fill: white, weight: \"bold\", size: 9pt, {})]", typst_str(r.label()))
}

/// The same document as Typst markup: headings, paragraphs, lists, tables with repeated
/// headers, badges, the outline, page breaks, the marking in the page header and
/// "Page X of Y" in the footer; charts become lists, as for Chromium.
fn typst_source(doc: &Document) -> String {
    let mut t = String::with_capacity(doc.blocks.len() * 400);
    let marking = doc.marking.as_deref().unwrap_or("");
    t.push_str(&format!(
        "#set document(title: {})\n#set text(font: \"Liberation Sans\", size: 11pt, lang: \"en\", region: \"gb\", hyphenate: true)\n\
         #set page(paper: \"a4\", margin: (x: 20mm, y: 27mm), header: align(center, strong({m})), \
         footer: context [#align(center, strong({m})) #h(1fr) Page #counter(page).display() of #counter(page).final().first()])\n\
         #set table(stroke: 0.5pt + rgb(\"#b1b4b6\"), inset: 5pt)\n#set par(justify: false)\n",
        typst_str(&doc.meta.title),
        m = typst_str(marking)
    ));
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, bookmark } => {
                t.push_str(&format!("#heading(level: {level}, outlined: {bookmark})[#{}]\n", typst_str(text)))
            }
            Block::Paragraph(text) => t.push_str(&format!("#par[{}]\n", typst_spans(text))),
            Block::List { ordered, items } => {
                let f = if *ordered { "enum" } else { "list" };
                let items: Vec<String> = items.iter().map(|i| format!("[{}]", typst_spans(i))).collect();
                t.push_str(&format!("#{f}({})\n", items.join(", ")));
            }
            Block::KeyValue(rows) => {
                let cells: Vec<String> = rows
                    .iter()
                    .map(|(k, v)| format!("[#strong({})], [{}]", typst_str(k), typst_spans(v)))
                    .collect();
                t.push_str(&format!("#table(columns: (32%, 68%), stroke: none, {})\n", cells.join(", ")));
            }
            Block::Table(table) => {
                let cols: Vec<String> = table
                    .columns
                    .iter()
                    .map(|c| match c.width {
                        shortlist_pdf::ColumnWidth::Mm(mm) => format!("{mm}mm"),
                        shortlist_pdf::ColumnWidth::Fr(f) => format!("{f}fr"),
                        shortlist_pdf::ColumnWidth::Auto => "auto".into(),
                    })
                    .collect();
                let header: Vec<String> =
                    table.columns.iter().map(|c| format!("[#strong({})]", typst_str(&c.header))).collect();
                let rows = if table.min_row_height_mm > 0.0 {
                    format!("rows: (auto, {}mm), ", table.min_row_height_mm)
                } else {
                    String::new()
                };
                let mut cells = Vec::new();
                for row in &table.rows {
                    for cell in row {
                        cells.push(match cell {
                            Cell::Text(x) => format!("[{}]", typst_spans(x)),
                            Cell::Rag(r) => format!("[{}]", typst_rag(*r)),
                            Cell::Blank => "[]".into(),
                        });
                    }
                }
                t.push_str(&format!(
                    "#table(columns: ({},), {rows}table.header({}), {})\n",
                    cols.join(", "),
                    header.join(", "),
                    cells.join(", ")
                ));
            }
            Block::Ratings(ratings) => {
                let parts: Vec<String> =
                    ratings.iter().map(|(l, r)| format!("#{} {}", typst_str(l), typst_rag(*r))).collect();
                t.push_str(&format!("#par[{}]\n", parts.join(" #h(12pt) ")));
            }
            Block::BarChart(chart) => {
                let items: Vec<String> = chart
                    .bars
                    .iter()
                    .map(|b| format!("[#{}]", typst_str(&format!("{}: {}", b.label, b.value))))
                    .collect();
                t.push_str(&format!("#list({})\n", items.join(", ")));
            }
            Block::DotPlot(plot) => {
                let items: Vec<String> = plot
                    .rows
                    .iter()
                    .map(|r| format!("[#{}]", typst_str(&format!("{}: {:?}", r.label, r.values))))
                    .collect();
                t.push_str(&format!("#list({})\n", items.join(", ")));
            }
            Block::WriteBox { label, height_mm } => t.push_str(&format!(
                "#strong({})\n#rect(width: 100%, height: {height_mm}mm)\n",
                typst_str(label)
            )),
            Block::Contents { max_level } => {
                t.push_str(&format!("#outline(title: none, depth: {max_level})\n"))
            }
            Block::Space(mm) => t.push_str(&format!("#v({mm}mm)\n")),
            Block::PageBreak => t.push_str("#pagebreak(weak: true)\n"),
        }
    }
    t
}

/// Compiles `typ` with the PyPI `typst` package in one Python process, `runs` times; the
/// median compile time (in-process, so Python's start-up is not counted) and the page count.
fn typst(typ: &Path, pdf: &Path, runs: usize) -> Option<(Duration, Option<u32>)> {
    let script = "import sys, time, typst\n\
                  src, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])\n\
                  ts = []\n\
                  for _ in range(runs):\n    t = time.perf_counter(); typst.compile(src, output=out); ts.append(time.perf_counter() - t)\n\
                  ts.sort(); print(ts[len(ts) // 2])\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(typ)
        .arg(pdf)
        .arg(runs.to_string())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("typst failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let secs: f64 = String::from_utf8(out.stdout).ok()?.trim().parse().ok()?;
    Some((Duration::from_secs_f64(secs), pdf_pages(pdf)))
}

/// Runs headless Chromium on `html`, `runs` times; the median wall time and the PDF's size.
fn chromium(chromium: &Path, html: &Path, pdf: &Path, runs: usize) -> Option<(Duration, u64)> {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = Command::new(chromium)
            .args(["--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        times.push(t.elapsed());
        if !status.success() {
            eprintln!("chromium exited with {status}");
            return None;
        }
    }
    Some((median(times), std::fs::metadata(pdf).ok()?.len()))
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

fn pdf_pages(pdf: &Path) -> Option<u32> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.lines().find(|l| l.starts_with("Pages:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    let chromium_path = which("chromium");
    if chromium_path.is_none() {
        println!("chromium is not installed: the Chromium comparison is SKIPPED (Debian: apt-get install chromium)");
    }
    println!(
        "{:>6} {:>6} {:>28} {:>10} {:>9} {:>18} {:>7} {:>22} {:>7}",
        "ideas",
        "pages",
        "write_pack median (min–max)",
        "peak RSS",
        "PDF",
        "Typst (pages)",
        "pp/s ×",
        "Chromium (pages, PDF)",
        "pp/s ×"
    );
    // PACKS_BENCH_DIR=<folder> keeps each round's data folder there (built once, reused), so
    // a profiler can run the child on it: `packs --child <folder>/1000 out.pdf`.
    // PACKS_BENCH_OURS_ONLY=1 skips Typst and Chromium, for quick before/after comparisons.
    let keep = std::env::var_os("PACKS_BENCH_DIR").map(PathBuf::from);
    let ours_only = std::env::var_os("PACKS_BENCH_OURS_ONLY").is_some();
    for (ideas, demo_ideas, chromium_runs) in [(100, 200, 3), (1_000, 1_350, 1)] {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = keep.as_ref().map_or_else(|| temp.path().to_owned(), |k| k.join(ideas.to_string()));
        let built = dir.join("round-built");
        let challenge = if built.exists() {
            open(&dir).list_challenges().expect("challenges")[0].id
        } else {
            std::fs::create_dir_all(&dir).expect("data folder");
            let t = Instant::now();
            let challenge = build_round(&dir, demo_ideas, ideas);
            eprintln!(
                "built the demo with {demo_ideas} ideas and {ideas} at the shortlist in {:.1} s",
                t.elapsed().as_secs_f64()
            );
            std::fs::write(&built, b"").expect("marker written");
            challenge
        };
        let out = dir.join("pack.pdf");
        let m = measure_in_child(&dir, &out);
        if ours_only {
            println!(
                "{ideas:>6} {:>6} {:>28} {:>10} {:>9}",
                m.pages,
                format!(
                    "{:.1} ms ({:.1}–{:.1})",
                    m.median.as_secs_f64() * 1e3,
                    m.min.as_secs_f64() * 1e3,
                    m.max.as_secs_f64() * 1e3
                ),
                format!("{:.1} MB", m.peak_kb as f64 / 1024.0),
                format!("{} KB", m.bytes / 1000),
            );
            continue;
        }
        let dir = dir.as_path();

        let app = open(dir);
        let doc = app.pack_content(&request(challenge)).expect("pack content");
        let html_path = dir.join("pack.html");
        std::fs::write(&html_path, html(&doc)).expect("html written");
        let chrome = chromium_path.as_deref().and_then(|c| {
            let pdf = dir.join("chromium.pdf");
            chromium(c, &html_path, &pdf, chromium_runs).map(|(t, bytes)| (t, bytes, pdf_pages(&pdf)))
        });
        let ours_pps = f64::from(m.pages) / m.median.as_secs_f64();
        let typ_path = dir.join("pack.typ");
        std::fs::write(&typ_path, typst_source(&doc)).expect("typst source written");
        let (typst_col, typst_ratio) = match typst(&typ_path, &dir.join("typst.pdf"), 3) {
            Some((t, pages)) => {
                let p = pages.unwrap_or(0);
                (
                    format!("{:.0} ms ({p} p)", t.as_secs_f64() * 1e3),
                    format!("{:.1}×", ours_pps / (f64::from(p) / t.as_secs_f64())),
                )
            }
            None => ("skipped".into(), "–".into()),
        };
        let (chrome_col, ratio) = match chrome {
            Some((t, bytes, pages)) => (
                format!(
                    "{:.2} s ({} p, {} KB)",
                    t.as_secs_f64(),
                    pages.map_or("?".into(), |p| p.to_string()),
                    bytes / 1000
                ),
                format!("{:.0}×", ours_pps / (f64::from(pages.unwrap_or(0)) / t.as_secs_f64())),
            ),
            None => ("skipped".into(), "–".into()),
        };
        println!(
            "{ideas:>6} {:>6} {:>28} {:>10} {:>9} {:>18} {:>7} {:>22} {:>7}",
            m.pages,
            format!(
                "{:.1} ms ({:.1}–{:.1})",
                m.median.as_secs_f64() * 1e3,
                m.min.as_secs_f64() * 1e3,
                m.max.as_secs_f64() * 1e3
            ),
            format!("{:.1} MB", m.peak_kb as f64 / 1024.0),
            format!("{} KB", m.bytes / 1000),
            typst_col,
            typst_ratio,
            chrome_col,
            ratio
        );
    }
    println!(
        "write_pack: median of {RUNS} runs in a child process (read, compose, lay out, draw, write atomically); \
         peak RSS is that child's VmHWM. Chromium: wall time of one `chromium --headless --print-to-pdf` \
         process on the HTML rendering, start-up included (median of 3 for 100 ideas, 1 run for 1,000). \
         Typst: median of 3 in-process `typst.compile` calls (PyPI typst) on the same content as Typst markup. \
         pp/s ×: our pages per second over theirs."
    );
}
