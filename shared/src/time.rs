//! Time as people in Japan read it. Instants are stored in UTC; days and clock times are Japan
//! Standard Time (UTC+9, no daylight saving, so a fixed offset is exact).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// The calendar day in Japan at a moment.
pub fn jst_date(at: DateTime<Utc>) -> NaiveDate {
    (at + TimeDelta::hours(9)).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_japanese_day_starts_at_15_00_utc() {
        let before = Utc.with_ymd_and_hms(2026, 12, 5, 14, 59, 0).single();
        let after = Utc.with_ymd_and_hms(2026, 12, 5, 15, 0, 0).single();
        let (Some(before), Some(after)) = (before, after) else {
            panic!("valid instants")
        };
        assert_eq!(jst_date(before).to_string(), "2026-12-05");
        assert_eq!(jst_date(after).to_string(), "2026-12-06");
    }
}
