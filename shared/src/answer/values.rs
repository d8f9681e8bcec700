//! Numbers and dates as people write them.

/// A number as people write it: `4`, not `4.0`; `2.5`.
pub fn format_number(n: f64) -> String {
    format!("{n}")
}

/// Reads a number as people type it on a Japanese phone: full-width digits and signs, thousands
/// separators (`1,000` / `１，０００`) and surrounding spaces are accepted.
pub fn parse_number(text: &str) -> Option<f64> {
    let normalised: String = text
        .trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            '．' => Some('.'),
            '－' | 'ー' | '−' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | '、' => None,
            c => Some(c),
        })
        .collect();
    let n: f64 = normalised.parse().ok()?;
    n.is_finite().then_some(n)
}

/// A calendar date (proleptic Gregorian), compared and printed as `YYYY-MM-DD`.
///
/// Written here rather than taken from `chrono` so that the browser bundle, which runs the same
/// validation, does not carry a date library for one format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year (1–9999).
    pub year: u16,
    /// Month (1–12).
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub(super) fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads a date written `YYYY-MM-DD` (what `<input type="date">` posts), also with full-width
/// digits or slashes.
pub fn parse_date(text: &str) -> Option<Date> {
    let normalised: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '/' | '／' | '－' => '-',
            c => c,
        })
        .collect();
    let mut parts = normalised.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let digits = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let year = digits(y, 4).filter(|year| *year >= 1 && y.len() == 4)?;
    let month = u8::try_from(digits(m, 2)?)
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(digits(d, 2)?).ok()?;
    (1..=days_in_month(year, month))
        .contains(&day)
        .then_some(Date { year, month, day })
}
