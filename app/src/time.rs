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
        Lang::EasyJa => {
            let weekday = ["月", "火", "水", "木", "金", "土", "日"]
                [local.weekday().num_days_from_monday() as usize];
            let (pm, hour) = local.hour12();
            let half = if pm { "ごご" } else { "ごぜん" };
            format!(
                "{}がつ {}にち（{weekday}） {half} {hour}じ {}ふん",
                local.month(),
                local.day(),
                local.minute()
            )
        }
        Lang::En => local.format("%-d %b %Y, %H:%M JST").to_string(),
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
}
