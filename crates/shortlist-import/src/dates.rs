//! Reading the "date submitted" column in the forms people actually export.
//!
//! Google Forms writes its timestamp in the exporter's locale ("14/05/2021 13:45:12" in the UK,
//! "5/14/2021 13:45:12" in the US); Microsoft Forms' workbook holds real dates, which the reader
//! turns into ISO 8601; a CSV re-saved from Excel may hold "5/14/21 1:45 PM" or a bare serial
//! number. A value such as "04/05/2021" can be read either way, so the whole column is decided at
//! once from the values that can only be read one way ([`column_order`]): a file is written in one
//! locale, so one "14/05" settles every "04/05" in it. With no such value, the UK order is used.
//!
//! Time zones are ignored: the date is the one written, which is the date a person sees in the
//! export.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// How an ambiguous `a/b/yyyy` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// UK: 04/05/2021 is 4 May.
    DayFirst,
    /// US: 04/05/2021 is 5 April.
    MonthFirst,
}

/// The order the column's values prove: month-first only if some value can only be month-first
/// and none can only be day-first; otherwise the UK's day-first.
pub(crate) fn column_order<'a>(values: impl IntoIterator<Item = &'a str>) -> DayOrder {
    let (mut day_first, mut month_first) = (false, false);
    for value in values {
        if let Some((a, b, _, false)) = numeric_date(split_date_time(value.trim()).0) {
            day_first |= a > 12 && b <= 12;
            month_first |= b > 12 && a <= 12;
        }
    }
    if month_first && !day_first {
        DayOrder::MonthFirst
    } else {
        DayOrder::DayFirst
    }
}

/// Reads one value as a date and, where it has one, a time (midnight otherwise). `None` when it
/// is not a date this crate knows how to read.
pub(crate) fn parse(value: &str, order: DayOrder) -> Option<NaiveDateTime> {
    let value = value.trim();
    if let Some(serial) = excel_serial(value) {
        return Some(serial);
    }
    if let Some(date) = written_month(value) {
        return Some(date.and_time(NaiveTime::MIN));
    }
    let (date_part, time_part) = split_date_time(value);
    let time = parse_time(time_part)?;
    let (a, b, year, year_first) = numeric_date(date_part)?;
    let date = if year_first {
        NaiveDate::from_ymd_opt(year, a, b)?
    } else {
        // A value that can only be read one way is read that way even against the column's
        // order: it is more likely a mixed file than a wrong date.
        let (day, month) = if a > 12 {
            (a, b)
        } else if b > 12 {
            (b, a)
        } else {
            match order {
                DayOrder::DayFirst => (a, b),
                DayOrder::MonthFirst => (b, a),
            }
        };
        NaiveDate::from_ymd_opt(year, month, day)?
    };
    Some(date.and_time(time))
}

/// "2021-05-14T13:45:12Z" → ("2021-05-14", "13:45:12Z"); "14/05/2021, 1:45 PM" → ("14/05/2021",
/// "1:45 PM").
fn split_date_time(value: &str) -> (&str, &str) {
    let cut = value.char_indices().find(|(i, c)| {
        c.is_whitespace()
            || *c == ','
            || (*c == 'T' && *i > 0 && value[..*i].ends_with(|p: char| p.is_ascii_digit()))
    });
    match cut {
        Some((i, c)) => (&value[..i], value[i + c.len_utf8()..].trim_start_matches([' ', ',']).trim()),
        None => (value, ""),
    }
}

/// Three numbers separated by '/', '-' or '.': (first, second, year, whether the year came first).
fn numeric_date(date: &str) -> Option<(u32, u32, i32, bool)> {
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [p0, p1, p2] = parts.as_slice() else { return None };
    if [p0, p1, p2].iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    if p0.len() == 4 {
        return Some((n(p1)?, n(p2)?, i32::try_from(n(p0)?).ok()?, true));
    }
    let year = match p2.len() {
        4 => i32::try_from(n(p2)?).ok()?,
        // "5/14/21": forms are this century.
        2 => 2000 + i32::try_from(n(p2)?).ok()?,
        _ => return None,
    };
    Some((n(p0)?, n(p1)?, year, false))
}

/// "13:45:12", "1:45:12 PM", "13:45", "13:45:12.123Z", "13:45:12+01:00", or nothing.
fn parse_time(time: &str) -> Option<NaiveTime> {
    let mut t = time.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Some(NaiveTime::MIN);
    }
    let mut pm = None;
    for (suffix, is_pm) in [("am", false), ("pm", true), ("a.m.", false), ("p.m.", true)] {
        if let Some(rest) = t.strip_suffix(suffix) {
            pm = Some(is_pm);
            t = rest.trim().to_owned();
            break;
        }
    }
    for zone in ["z", "utc", "gmt", "bst"] {
        if let Some(rest) = t.strip_suffix(zone) {
            t = rest.trim().to_owned();
            break;
        }
    }
    if let Some(i) = t.find(['+', '-']) {
        t.truncate(i);
    }
    let parts: Vec<&str> = t.trim().split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let hour: u32 = parts[0].parse().ok()?;
    let minute: u32 = parts[1].parse().ok()?;
    let second: u32 = match parts.get(2) {
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    let hour = match pm {
        Some(_) if hour == 0 || hour > 12 => return None,
        Some(true) => hour % 12 + 12,
        Some(false) => hour % 12,
        None => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, second.min(59))
}

/// A bare number in a date column is an Excel serial date whose cell lost its date format when the
/// sheet was saved as CSV. Only the range from 1954 to 2119 is accepted, so that a year ("2021")
/// or a count typed in the wrong box is reported rather than read as a date in 1905.
fn excel_serial(value: &str) -> Option<NaiveDateTime> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let serial: f64 = value.parse().ok()?;
    if !(20_000.0..=80_000.0).contains(&serial) {
        return None;
    }
    // Excel counts from 30 December 1899 for every date after February 1900.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    let seconds = (serial * 86_400.0).round() as i64;
    epoch.checked_add_signed(Duration::seconds(seconds))
}

/// "14 May 2021", "14-May-2021", "May 14, 2021" — how a person types a date in a free-text box.
fn written_month(value: &str) -> Option<NaiveDate> {
    if !value.contains(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let first_three: String = value.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let candidates = [value, first_three.as_str()];
    const FORMATS: [&str; 6] = ["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d-%b-%Y", "%d-%b-%y"];
    candidates
        .iter()
        .flat_map(|v| FORMATS.iter().map(move |f| (v, f)))
        .find_map(|(v, f)| NaiveDate::parse_from_str(v, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[rstest]
    #[case::iso_utc("2021-05-14T13:45:12Z", 2021, 5, 14)]
    #[case::iso_space("2021-05-14 13:45:12", 2021, 5, 14)]
    #[case::iso_date("2021-05-14", 2021, 5, 14)]
    #[case::iso_offset("2021-05-14T13:45:12.120+01:00", 2021, 5, 14)]
    #[case::uk_google("14/05/2021 13:45:12", 2021, 5, 14)]
    #[case::uk_date("14/05/2021", 2021, 5, 14)]
    #[case::us_short_year("5/14/21 13:45:12", 2021, 5, 14)]
    #[case::us_pm("5/14/2021 1:45:12 PM", 2021, 5, 14)]
    #[case::ambiguous_is_uk("04/05/2021", 2021, 5, 4)]
    #[case::serial("44330.5729", 2021, 5, 14)]
    #[case::written("14 May 2021", 2021, 5, 14)]
    #[case::written_us("May 14, 2021", 2021, 5, 14)]
    fn readable_dates(#[case] value: &str, #[case] y: i32, #[case] m: u32, #[case] d: u32) {
        let parsed = parse(value, DayOrder::DayFirst).map(|dt| dt.date());
        assert_eq!(parsed, Some(ymd(y, m, d)), "{value}");
    }

    #[rstest]
    #[case::no_such_month("32/13/2021")]
    #[case::words("next Tuesday")]
    #[case::year_alone("2021")]
    #[case::bad_time("14/05/2021 25:61")]
    #[case::pm_hour_13("5/14/2021 13:45 PM")]
    fn unreadable_dates(#[case] value: &str) {
        assert_eq!(parse(value, DayOrder::DayFirst), None, "{value} is reported, not guessed");
    }

    #[test]
    fn the_time_is_kept_so_the_same_response_has_the_same_key_in_csv_and_xlsx() {
        let csv = parse("14/05/2021 1:45:12 PM", DayOrder::DayFirst);
        let xlsx = parse("2021-05-14T13:45:12", DayOrder::DayFirst);
        assert_eq!(csv, xlsx);
    }

    #[test]
    fn one_unambiguous_value_decides_the_column() {
        assert_eq!(column_order(["04/05/2021", "05/14/2021"]), DayOrder::MonthFirst, "14 cannot be a month");
        assert_eq!(column_order(["04/05/2021", "14/05/2021"]), DayOrder::DayFirst);
        assert_eq!(
            column_order(["04/05/2021"]),
            DayOrder::DayFirst,
            "the UK order when nothing proves either"
        );
        assert_eq!(
            column_order(["14/05/2021", "05/14/2021"]),
            DayOrder::DayFirst,
            "a contradictory column falls back to the UK order"
        );
        assert_eq!(parse("04/05/2021", DayOrder::MonthFirst).map(|d| d.date()), Some(ymd(2021, 4, 5)));
    }
}
