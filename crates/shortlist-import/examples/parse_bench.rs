//! Times reading and mapping a generated 10,000-response export, as CSV and as XLSX.
//!
//! The budget is one second for a whole 10,000-row import, storage included; this measures
//! the part this crate does. Run with `cargo run --release -p shortlist-import --example parse_bench`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use shortlist_import::{apply, form_signature, guess_mapping, read_bytes, FileKind};

const ROWS: u32 = 10_000;

const HEADERS: [&str; 14] = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Last modified time",
    "What is your idea called?",
    "Summary of your idea",
    "What problem does it solve?",
    "What data would you use?",
    "Your name",
    "Department or agency",
    "Which theme does your idea fit?",
    "Who else worked on this idea?",
];

/// The answers of response `i`: varied enough that no two rows are alike, long enough to be real.
fn answers(i: u32) -> [String; 10] {
    [
        format!("person{i}@dept{}.gov.uk", i % 40),
        format!("Person {i}"),
        format!(
            "Idea {i}: link {} records with {} data",
            ["school", "tax", "health"][i as usize % 3],
            i % 97
        ),
        format!("Bring together the records held by two teams, so that case {i} is seen whole. ").repeat(4),
        "Today the same family is assessed three times by three services, none of which sees the others."
            .to_owned(),
        "Attendance records, children's social care referrals, and free school meals eligibility.".to_owned(),
        format!("Person {i}"),
        ["HM Revenue and Customs", "Department for Work and Pensions", "Office for National Statistics"]
            [i as usize % 3]
            .to_owned(),
        "Health and care;Data sharing;".to_owned(),
        format!("Jane Smith <jane.smith{i}@dept.gov.uk>; Raj Patel"),
    ]
}

fn csv() -> Vec<u8> {
    let mut out = HEADERS.join(",");
    out.push_str("\r\n");
    for i in 0..ROWS {
        let [email, name, title, summary, problem, data, your_name, dept, theme, co] = answers(i);
        let time = format!("{}/5/2021 {}:{:02}:{:02}", 1 + i % 28, 9 + i % 8, i % 60, (i / 60) % 60);
        let fields = [
            i.to_string(),
            time.clone(),
            time.clone(),
            email,
            name,
            time,
            title,
            summary,
            problem,
            data,
            your_name,
            dept,
            theme,
            co,
        ];
        let quoted: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn xlsx() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    let date_format = Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    for i in 0..ROWS {
        let r = i + 1;
        let when = ExcelDateTime::from_ymd(2021, 5, 1 + (i % 28) as u8)?.and_hms(
            (9 + i % 8) as u16,
            (i % 60) as u8,
            0,
        )?;
        sheet.write_number(r, 0, f64::from(i))?;
        for c in [1u16, 2, 5] {
            sheet.write_datetime_with_format(r, c, &when, &date_format)?;
        }
        let [email, name, title, summary, problem, data, your_name, dept, theme, co] = answers(i);
        for (c, v) in [3u16, 4, 6, 7, 8, 9, 10, 11, 12, 13]
            .into_iter()
            .zip([email, name, title, summary, problem, data, your_name, dept, theme, co])
        {
            sheet.write_string(r, c, v)?;
        }
    }
    workbook.save_to_buffer()
}

fn time(label: &str, bytes: &[u8], kind: FileKind) -> Result<(), Box<dyn std::error::Error>> {
    let default_date = NaiveDate::from_ymd_opt(2021, 6, 1).ok_or("date")?;
    let mut best = (Duration::MAX, Duration::MAX);
    let mut counts = (0, 0);
    // The best of five: the machine is shared, and the best run is the code's own speed.
    for _ in 0..5 {
        let start = Instant::now();
        let table = read_bytes(bytes, kind)?;
        let read = start.elapsed();
        let mapping = guess_mapping(&table.headers);
        let applied = apply(&table, &mapping, &form_signature(&table.headers), default_date);
        let total = start.elapsed();
        best = (best.0.min(read), best.1.min(total - read));
        counts = (applied.rows.len(), applied.problems.len());
    }
    println!(
        "{label}: {:.1} MB, read {:>6.1} ms, map+validate {:>6.1} ms, total {:>6.1} ms ({} ideas, {} problems)",
        bytes.len() as f64 / 1_048_576.0,
        best.0.as_secs_f64() * 1000.0,
        best.1.as_secs_f64() * 1000.0,
        (best.0 + best.1).as_secs_f64() * 1000.0,
        counts.0,
        counts.1
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    time("CSV  10,000 rows", &csv(), FileKind::Csv)?;
    time("XLSX 10,000 rows", &xlsx()?, FileKind::Xlsx)?;
    Ok(())
}
