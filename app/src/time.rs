//! Showing instants to people in Japan.
//!
//! Timestamps are stored in UTC and shown in Japan Standard Time. Japan has no daylight saving,
//! so a fixed +09:00 offset is exact and needs no time-zone database in the browser bundle.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use shared::Lang;

const JST_SECONDS: i32 = 9 * 3600;

/// Formats an instant in Asia/Tokyo, the same way on the server and in the browser.
pub fn format_jst(at: DateTime<Utc>, lang: Lang) -> String {
    let Some(jst) = FixedOffset::east_opt(JST_SECONDS) else {
        return at.to_rfc3339();
    };
    let local = at.with_timezone(&jst);
    match lang {
        Lang::Ja => local.format("%Y年%-m月%-d日 %H:%M").to_string(),
        // Easy Japanese avoids the 24-hour clock's large numbers: 午前/午後 and the weekday.
        Lang::EasyJa => format!("{} {}", easy_day(&local), easy_clock(&local)),
        Lang::En => local.format("%-d %b %Y, %H:%M JST").to_string(),
    }
}

/// A day in easy Japanese: `12がつ 13にち（日）`.
fn easy_day(at: &DateTime<FixedOffset>) -> String {
    let weekday =
        ["月", "火", "水", "木", "金", "土", "日"][at.weekday().num_days_from_monday() as usize];
    format!("{}がつ {}にち（{weekday}）", at.month(), at.day())
}

/// A time of day in easy Japanese, avoiding the 24-hour clock's large numbers: `ごご 2じ 5ふん`.
fn easy_clock(at: &DateTime<FixedOffset>) -> String {
    let (pm, hour) = at.hour12();
    let half = if pm { "ごご" } else { "ごぜん" };
    format!("{half} {hour}じ {}ふん", at.minute())
}

/// When an event happens, in Japan time, with the weekday (Sunday events matter) and the end
/// as a time only when it is the same day: `2026年11月29日（日）07:00〜08:00`.
pub fn event_when(starts: DateTime<Utc>, ends: Option<DateTime<Utc>>, lang: Lang) -> String {
    let Some(jst) = FixedOffset::east_opt(JST_SECONDS) else {
        return starts.to_rfc3339();
    };
    let start = starts.with_timezone(&jst);
    let end = ends.map(|e| e.with_timezone(&jst));
    let same_day = end.is_some_and(|e| e.date_naive() == start.date_naive());
    match lang {
        Lang::EasyJa => {
            let mut out = format!("{} {}", easy_day(&start), easy_clock(&start));
            match end {
                Some(e) if same_day => out.push_str(&format!(" 〜 {}", easy_clock(&e))),
                Some(e) => out.push_str(&format!(" 〜 {} {}", easy_day(&e), easy_clock(&e))),
                None => {}
            }
            out
        }
        Lang::En => {
            let mut out = start.format("%a %-d %b %Y, %H:%M").to_string();
            match end {
                Some(e) if same_day => out.push_str(&e.format("–%H:%M").to_string()),
                Some(e) => out.push_str(&e.format(" – %a %-d %b %Y, %H:%M").to_string()),
                None => {}
            }
            out.push_str(" JST");
            out
        }
        _ => {
            let weekday = |d: &DateTime<FixedOffset>| {
                ["月", "火", "水", "木", "金", "土", "日"]
                    [d.weekday().num_days_from_monday() as usize]
            };
            let mut out = format!(
                "{}（{}）{}",
                start.format("%Y年%-m月%-d日"),
                weekday(&start),
                start.format("%H:%M")
            );
            match end {
                Some(e) if same_day => out.push_str(&e.format("〜%H:%M").to_string()),
                Some(e) => out.push_str(&format!(
                    "〜{}（{}）{}",
                    e.format("%-m月%-d日"),
                    weekday(&e),
                    e.format("%H:%M")
                )),
                None => {}
            }
            out
        }
    }
}

/// An instant as the value of an `<input type="datetime-local">` in Japan time.
pub fn jst_input_value(at: DateTime<Utc>) -> String {
    match FixedOffset::east_opt(JST_SECONDS) {
        Some(jst) => at.with_timezone(&jst).format("%Y-%m-%dT%H:%M").to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_in_japan_time() {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 18, 5, 0).single();
        let Some(at) = at else { panic!("valid date") };
        assert_eq!(format_jst(at, Lang::Ja), "2026年11月25日 03:05");
        assert_eq!(format_jst(at, Lang::En), "25 Nov 2026, 03:05 JST");
        assert_eq!(
            format_jst(at, Lang::EasyJa),
            "11がつ 25にち（水） ごぜん 3じ 5ふん"
        );
    }

    #[test]
    fn events_show_the_weekday_and_a_same_day_end_as_a_time() {
        let Some(start) = Utc.with_ymd_and_hms(2026, 11, 29, 1, 0, 0).single() else {
            panic!("valid date")
        };
        let end = start + chrono::TimeDelta::minutes(90);
        assert_eq!(
            event_when(start, Some(end), Lang::Ja),
            "2026年11月29日（日）10:00〜11:30"
        );
        assert_eq!(
            event_when(start, Some(end), Lang::En),
            "Sun 29 Nov 2026, 10:00–11:30 JST"
        );
        assert_eq!(
            event_when(start, None, Lang::Ja),
            "2026年11月29日（日）10:00"
        );
        let next_day = start + chrono::TimeDelta::hours(24);
        assert_eq!(
            event_when(start, Some(next_day), Lang::Ja),
            "2026年11月29日（日）10:00〜11月30日（月）10:00"
        );
    }
}
