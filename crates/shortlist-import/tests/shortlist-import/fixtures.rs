//! Builders for the files the tests read.

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use shortlist_import::{read_bytes, FileKind, Table};

/// The date used when a response has none; far from any date in the fixtures so a test can tell.
pub fn default_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).expect("a real date")
}

pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

pub fn csv(text: &str) -> Table {
    read_bytes(text.as_bytes(), FileKind::Csv).expect("the CSV fixture reads")
}

/// The columns a Microsoft Forms export of a typical ideas form has, in its order: the six it adds
/// itself, then the questions.
pub fn ms_forms_headers() -> Vec<String> {
    strings(&[
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
        "What are the benefits?",
        "Your name",
        "Department or agency",
        "Profession",
        "Grade",
        "Where are you based?",
        "Who else worked on this idea?",
        "Which theme does your idea fit?",
        "Tags",
        "Links to anything that helps explain your idea",
    ])
}

/// A Google Forms export: its timestamp and collected email first, then the questions.
pub fn google_forms_headers() -> Vec<String> {
    strings(&[
        "Timestamp",
        "Email address",
        "Idea title",
        "Describe your idea",
        "What problem does your idea address?",
        "What data would you use?",
        "Benefits",
        "Your full name",
        "Which organisation do you work for?",
        "Profession",
        "Grade",
        "Region",
        "Co-submitters (names and email addresses)",
        "Theme",
        "Keywords",
        "Links",
        "Anything else you'd like to tell us?",
    ])
}

/// A short Google-Forms-style CSV: a timestamp, the four required fields and an email.
pub const SMALL_HEADER: &str = "Timestamp,Email address,Idea title,Describe your idea,Your name,Department";

/// `n` Google-Forms-style responses, each different, as CSV text.
pub fn google_csv(n: usize) -> String {
    let mut out = String::from(SMALL_HEADER);
    out.push_str("\r\n");
    for i in 0..n {
        out.push_str(&format!(
            "{:02}/05/2021 13:{:02}:{:02},person{i}@dept.gov.uk,Idea number {i},\"Join up the data, so that {i} \
             things happen\",Person {i},HM Revenue and Customs\r\n",
            1 + i % 28,
            i / 60 % 60,
            i % 60
        ));
    }
    out
}

/// A workbook like Microsoft Forms' download, with what people do to one afterwards: a formula (with
/// the value Excel saved for it), a merged range, a real date cell, and a number cell for the ID.
pub fn ms_forms_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let headers =
        ["ID", "Completion time", "Email", "Idea title", "Summary", "Your name", "Department or agency"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let date_format = Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    let when = ExcelDateTime::from_ymd(2021, 5, 14).and_then(|d| d.and_hms(13, 45, 12)).expect("a real time");
    for r in 1..=3u32 {
        sheet.write_number(r, 0, f64::from(r)).expect("id");
        sheet.write_datetime_with_format(r, 1, &when, &date_format).expect("date");
        sheet.write_string(r, 2, format!("person{r}@hmrc.gov.uk")).expect("email");
        sheet.write_string(r, 4, "A summary long enough to be a summary").expect("summary");
        sheet.write_string(r, 5, format!("Person {r}")).expect("name");
    }
    sheet.write_string(1, 3, "Link attendance data").expect("title");
    // Row 3's title is a formula; Excel saves the value it last calculated beside it.
    sheet
        .write_formula(2, 3, Formula::new("=CONCATENATE(\"Idea \",\"two\")").set_result("Idea two"))
        .expect("formula");
    sheet.write_string(3, 3, "Idea three").expect("title");
    // Someone merged the department of rows 2 and 3 because they were the same.
    sheet.merge_range(1, 6, 2, 6, "HM Revenue and Customs", &Format::new()).expect("merge");
    sheet.write_string(3, 6, "Cabinet Office").expect("department");
    workbook.save_to_buffer().expect("the workbook saves")
}
