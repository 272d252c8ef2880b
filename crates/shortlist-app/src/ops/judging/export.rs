//! The results as a CSV ranking table or an XLSX workbook.
//!
//! Scores: the ranking (with each score's and rank's 95% interval), and in the workbook the
//! judges, the conflicts, the reliability with its readings, and the ideas whose side of the
//! cut rests on one judge. Pairwise: its own table (strength, standard error, 95% interval,
//! rank), overall and per criterion. A round judged both ways puts both in the workbook, and in
//! the CSV joins the overall pairwise columns onto the scores ranking, idea by idea.

use super::*;

/// A number for a table: two decimal places, or empty.
fn fixed(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn ranking_headers(results: &RoundResults) -> Vec<String> {
    let mut headers: Vec<String> = [
        "Rank",
        "Reference",
        "Title",
        "Mean (raw)",
        "Mean (normalised)",
        "Median (raw)",
        "Judges counted",
        "Spread (sd)",
        "Range",
        "Disagreement",
        "Score 95% interval (low)",
        "Score 95% interval (high)",
        "Rank 95% interval",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    for j in &results.judges {
        headers.push(format!("{} (raw)", j.name));
        headers.push(format!("{} (normalised)", j.name));
    }
    headers
}

/// A judge's cell as text: the total, or why there is none.
fn cell_text(cell: &JudgeCell, value: Option<f64>) -> String {
    if cell.recused {
        "Conflict".to_owned()
    } else if cell.not_assigned {
        "Not assigned".to_owned()
    } else {
        fixed(value)
    }
}

fn ranking_rows(results: &RoundResults) -> Vec<Vec<String>> {
    results
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                r.rank.clone().unwrap_or_default(),
                r.idea.reference.0.clone(),
                r.idea.title.clone(),
                fixed(r.mean),
                fixed(r.normalised_mean),
                fixed(r.median),
                r.judges_counted.to_string(),
                fixed(r.sd),
                fixed(r.range),
                if r.disagreement { "Yes" } else { "No" }.to_owned(),
                fixed(r.score_low),
                fixed(r.score_high),
                rank_interval(r.rank_best, r.rank_worst),
            ];
            for cell in &r.judges {
                row.push(cell_text(cell, cell.total));
                row.push(cell_text(cell, cell.normalised));
            }
            row
        })
        .collect()
}

/// "2 to 5", or "3" when both ends agree; empty when unranked.
fn rank_interval(best: Option<u32>, worst: Option<u32>) -> String {
    match (best, worst) {
        (Some(b), Some(w)) if b == w => b.to_string(),
        (Some(b), Some(w)) => format!("{b} to {w}"),
        _ => String::new(),
    }
}

const PAIRWISE_HEADERS: [&str; 12] = [
    "Rank",
    "Reference",
    "Title",
    "Strength",
    "Standard error",
    "Strength 95% interval (low)",
    "Strength 95% interval (high)",
    "Chance of beating an average idea",
    "Comparisons",
    "Wins",
    "Ties",
    "Losses",
];

fn pairwise_cells(r: &PairwiseRow) -> Vec<String> {
    vec![
        r.rank.clone(),
        r.idea.reference.0.clone(),
        r.idea.title.clone(),
        fixed(Some(r.strength)),
        fixed(Some(r.standard_error)),
        fixed(Some(r.low)),
        fixed(Some(r.high)),
        format!("{:.0}%", 100.0 * r.win_probability),
        r.comparisons.to_string(),
        r.wins.to_string(),
        r.ties.to_string(),
        r.losses.to_string(),
    ]
}

/// The tables one export writes: the scores' results, the pairwise results, or both.
pub(super) struct ExportTables<'a> {
    pub(super) scores: Option<&'a RoundResults>,
    pub(super) pairwise: Option<&'a PairwiseResults>,
}

/// The CSV's one table: the scores ranking (with the overall pairwise columns joined on when
/// the round has both), or the pairwise ranking alone.
fn csv_table(tables: &ExportTables<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    match (tables.scores, tables.pairwise) {
        (Some(results), pairwise) => {
            let mut headers = ranking_headers(results);
            let mut rows = ranking_rows(results);
            if let Some(p) = pairwise {
                headers.extend(strings(&[
                    "Pairwise rank",
                    "Strength",
                    "Standard error",
                    "Strength 95% interval (low)",
                    "Strength 95% interval (high)",
                    "Comparisons",
                ]));
                for (row, result) in rows.iter_mut().zip(&results.rows) {
                    match p.overall.rows.iter().find(|x| x.idea.id == result.idea.id) {
                        Some(x) => row.extend([
                            x.rank.clone(),
                            fixed(Some(x.strength)),
                            fixed(Some(x.standard_error)),
                            fixed(Some(x.low)),
                            fixed(Some(x.high)),
                            x.comparisons.to_string(),
                        ]),
                        None => row.extend(std::iter::repeat_n(String::new(), 6)),
                    }
                }
            }
            (headers, rows)
        }
        (None, Some(p)) => (strings(&PAIRWISE_HEADERS), p.overall.rows.iter().map(pairwise_cells).collect()),
        (None, None) => (Vec::new(), Vec::new()),
    }
}

pub(super) fn results_csv(tables: &ExportTables<'_>) -> Result<Vec<u8>, ApiError> {
    let internal =
        |e: csv::Error| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}"));
    let (headers, rows) = csv_table(tables);
    // A byte-order mark so that Excel reads accented names correctly, as in the register export.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(headers.iter().map(|h| neutralise(h).into_owned())).map_err(internal)?;
        for row in rows {
            w.write_record(row.iter().map(|c| neutralise(c).into_owned())).map_err(internal)?;
        }
        w.flush().map_err(|e| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}")))?;
    }
    Ok(out)
}

fn strings(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| (*h).to_owned()).collect()
}

/// The reliability table: one row per criterion, then the total.
pub(super) fn reliability_rows(results: &RoundResults) -> Vec<Vec<String>> {
    results
        .reliability
        .iter()
        .map(|r| {
            vec![
                capitalised(&r.name),
                fixed(r.icc.map(|i| i.single)),
                fixed(r.icc.map(|i| i.average)),
                r.icc.map(|i| i.ideas_used.to_string()).unwrap_or_default(),
                fixed(r.alpha_interval.map(|a| a.value)),
                fixed(r.alpha_ordinal.map(|a| a.value)),
                r.alpha_interval.map(|a| a.ideas.to_string()).unwrap_or_default(),
                agreement_label(r.agreement).to_owned(),
                r.reading.clone(),
            ]
        })
        .collect()
}

/// The band's one word for a table.
pub(super) fn agreement_label(agreement: Option<scoring::Agreement>) -> &'static str {
    match agreement {
        Some(scoring::Agreement::Good) => "Good",
        Some(scoring::Agreement::Moderate) => "Moderate",
        Some(scoring::Agreement::Poor) => "Poor",
        None => "Cannot tell",
    }
}

/// "the total" as a table's first column reads it: "The total".
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) const RELIABILITY_HEADERS: [&str; 9] = [
    "Scores on",
    "ICC(2,1) single judge",
    "ICC(2,k) panel mean",
    "Ideas in ICC",
    "Krippendorff's alpha (interval)",
    "Krippendorff's alpha (ordinal)",
    "Ideas in alpha",
    "Agreement",
    "Reading",
];

fn cut_rows(cut: &RoundCut) -> Vec<Vec<String>> {
    cut.dependencies
        .iter()
        .map(|d| {
            vec![
                d.idea.reference.0.clone(),
                d.idea.title.clone(),
                d.rank.map(|r| r.to_string()).unwrap_or_default(),
                d.rank_without.map(|r| r.to_string()).unwrap_or_default(),
                d.judge_name.clone(),
                d.reason.clone(),
            ]
        })
        .collect()
}

const CUT_HEADERS: [&str; 6] =
    ["Reference", "Title", "Rank", "Rank without the judge", "Depends on", "Reason"];

pub(super) fn results_xlsx(tables: &ExportTables<'_>) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let internal = |e: rust_xlsxwriter::XlsxError| {
        ApiError::new(ErrorCode::Internal, format!("Could not write the spreadsheet: {e}"))
    };
    let bold = Format::new().set_bold();
    let two_places = Format::new().set_num_format("0.00");
    // Numbers stay numbers (so the panel can sort and chart them); text is neutralised.
    let write_table = |sheet: &mut Worksheet,
                       headers: &[String],
                       rows: &[Vec<String>],
                       numeric: &dyn Fn(usize) -> bool| {
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, neutralise(h), &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = ((r + 1) as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) if numeric(c as usize) => sheet.write_number_with_format(r, c, n, &two_places)?,
                    _ => sheet.write_string(r, c, neutralise(cell))?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok::<_, rust_xlsxwriter::XlsxError>(())
    };
    let mut book = Workbook::new();
    if let Some(results) = tables.scores {
        scores_sheets(&mut book, results, &write_table).map_err(internal)?;
    }
    if let Some(p) = tables.pairwise {
        let sheet = book.add_worksheet();
        sheet.set_name("Pairwise").map_err(internal)?;
        let mut headers = strings(&["Ranking"]);
        headers.extend(strings(&PAIRWISE_HEADERS));
        let rows: Vec<Vec<String>> = std::iter::once(&p.overall)
            .chain(&p.criteria)
            .flat_map(|t| {
                t.rows.iter().map(|r| {
                    let mut row = vec![t.name.clone()];
                    row.extend(pairwise_cells(r));
                    row
                })
            })
            .collect();
        // Strength to its interval are numbers, the chance a percentage as text, counts numbers.
        write_table(sheet, &headers, &rows, &|c| (4..=7).contains(&c) || c >= 9).map_err(internal)?;
        if tables.scores.is_none() {
            if let Some(cut) = p.cut.as_ref().filter(|c| !c.dependencies.is_empty()) {
                let sheet = book.add_worksheet();
                sheet.set_name("Single-judge ideas").map_err(internal)?;
                write_table(sheet, &strings(&CUT_HEADERS), &cut_rows(cut), &|_| false).map_err(internal)?;
            }
        }
    }
    book.save_to_buffer().map_err(internal)
}

/// The table writer `results_xlsx` builds, passed to the scores' sheets.
type WriteTable<'f> = dyn Fn(
        &mut rust_xlsxwriter::Worksheet,
        &[String],
        &[Vec<String>],
        &dyn Fn(usize) -> bool,
    ) -> Result<(), rust_xlsxwriter::XlsxError>
    + 'f;

fn scores_sheets(
    book: &mut rust_xlsxwriter::Workbook,
    results: &RoundResults,
    write_table: &WriteTable<'_>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let ranking = book.add_worksheet();

    ranking.set_name("Ranking")?;
    // Rank and reference are text ("2="); everything from the means on is a number when it is one.
    write_table(ranking, &ranking_headers(results), &ranking_rows(results), &|c| c >= 3)?;

    let judges = book.add_worksheet();
    judges.set_name("Judges")?;
    let headers: Vec<String> = ["Judge", "Role", "Organisation", "Ideas scored", "Mean total", "Severity"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let rows: Vec<Vec<String>> = results
        .judges
        .iter()
        .map(|j| {
            let r = results.results.judge(scoring::JudgeId(j.id.0));
            vec![
                j.name.clone(),
                j.role.clone(),
                j.organisation.clone(),
                r.map(|r| r.complete.to_string()).unwrap_or_default(),
                fixed(r.and_then(|r| r.mean_total)),
                fixed(r.and_then(|r| r.severity)),
            ]
        })
        .collect();
    write_table(judges, &headers, &rows, &|c| c >= 3)?;

    let conflicts = book.add_worksheet();
    conflicts.set_name("Conflicts")?;
    let headers: Vec<String> = ["Judge", "Idea", "Kind", "Note", "Declared", "At the meeting", "Withdrawn"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let name =
        |id: JudgeId| results.judges.iter().find(|j| j.id == id).map(|j| j.name.clone()).unwrap_or_default();
    let reference = |id: IdeaId| {
        results.rows.iter().find(|r| r.idea.id == id).map(|r| r.idea.reference.0.clone()).unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = results
        .conflicts
        .iter()
        .map(|c| {
            vec![
                name(c.judge),
                reference(c.idea),
                c.kind.label().to_owned(),
                c.note.clone(),
                c.declared_at.format("%Y-%m-%d").to_string(),
                if c.declared_at_meeting { "Yes" } else { "No" }.to_owned(),
                c.withdrawn_at.map(|w| w.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    write_table(conflicts, &headers, &rows, &|_| false)?;

    let reliability = book.add_worksheet();
    reliability.set_name("Reliability")?;
    write_table(reliability, &strings(&RELIABILITY_HEADERS), &reliability_rows(results), &|c| {
        (1..=6).contains(&c)
    })?;

    if let Some(cut) = results.cut.as_ref().filter(|c| !c.dependencies.is_empty()) {
        let sheet = book.add_worksheet();
        sheet.set_name("Single-judge ideas")?;
        write_table(sheet, &strings(&CUT_HEADERS), &cut_rows(cut), &|_| false)?;
    }
    Ok(())
}
