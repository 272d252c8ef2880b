//! The results as a CSV ranking table or an XLSX workbook (ranking, judges, conflicts).

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
            ];
            for cell in &r.judges {
                row.push(cell_text(cell, cell.total));
                row.push(cell_text(cell, cell.normalised));
            }
            row
        })
        .collect()
}

pub(super) fn results_csv(results: &RoundResults) -> Result<Vec<u8>, ApiError> {
    let internal =
        |e: csv::Error| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}"));
    // A byte-order mark so that Excel reads accented names correctly, as in the register export.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(ranking_headers(results).iter().map(|h| neutralise(h).into_owned()))
            .map_err(internal)?;
        for row in ranking_rows(results) {
            w.write_record(row.iter().map(|c| neutralise(c).into_owned())).map_err(internal)?;
        }
        w.flush().map_err(|e| ApiError::new(ErrorCode::Internal, format!("Could not write the CSV: {e}")))?;
    }
    Ok(out)
}

pub(super) fn results_xlsx(results: &RoundResults) -> Result<Vec<u8>, ApiError> {
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
    let ranking = book.add_worksheet();
    ranking.set_name("Ranking").map_err(internal)?;
    // Rank and reference are text ("2="); everything from the means on is a number when it is one.
    write_table(ranking, &ranking_headers(results), &ranking_rows(results), &|c| c >= 3).map_err(internal)?;

    let judges = book.add_worksheet();
    judges.set_name("Judges").map_err(internal)?;
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
    write_table(judges, &headers, &rows, &|c| c >= 3).map_err(internal)?;

    let conflicts = book.add_worksheet();
    conflicts.set_name("Conflicts").map_err(internal)?;
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
    write_table(conflicts, &headers, &rows, &|_| false).map_err(internal)?;
    book.save_to_buffer().map_err(internal)
}
