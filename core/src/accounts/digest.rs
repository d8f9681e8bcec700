//! Digest mails (off by default; daily or weekly by one's own choice on `/account`): what one
//! has not read since the last digest — notifications about the surveys one works on and
//! notices from the ward or the community centre — in one mail, each with its link.
//!
//! Digests go out at [`DIGEST_HOUR_JST`] o'clock in Japan (every morning, or Monday mornings),
//! when the hourly round ([`Core::send_due_digests`]) first runs after that time. A digest
//! holds what is unread and was in no digest before (nothing from before it was turned on);
//! with nothing such, none is sent. Each one is queued to the outbox in the same transaction
//! that marks it made and its contents digested, and only while it is still due, so a round
//! that fails half way, or two servers running the round at once, neither lose nor double one.

use super::DigestSent;
use crate::Core;
use crate::db::parse_text;
use crate::error::Result;
use crate::mail::templates::{self, DigestItem};
use chrono::{DateTime, Datelike, FixedOffset, NaiveTime, TimeDelta, TimeZone, Utc};
use shared::Lang;
use shared::account::Digest;
use shared::codesign::views::{notification_path, notification_text};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError};

/// The hour (Japan time) digests go out at.
pub const DIGEST_HOUR_JST: u32 = 7;

/// How many digests one round makes at most before it looks again.
const DIGESTS_PER_BATCH: i64 = 200;

/// The latest time at or before `now` a digest of `how` was due: the morning's
/// [`DIGEST_HOUR_JST`] o'clock (yesterday's, before it), for a weekly one that of the Monday.
/// `None` for `Off`.
pub fn last_due(how: Digest, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    // Japan has no daylight saving: UTC+9 all year.
    let japan = FixedOffset::east_opt(9 * 3600)?;
    let local = now.with_timezone(&japan);
    let hour = NaiveTime::from_hms_opt(DIGEST_HOUR_JST, 0, 0)?;
    let mut day = local.date_naive();
    if local.time() < hour {
        day = day.pred_opt()?;
    }
    match how {
        Digest::Off => return None,
        Digest::Daily => {}
        Digest::Weekly => {
            day = day.checked_sub_signed(TimeDelta::days(i64::from(
                day.weekday().num_days_from_monday(),
            )))?;
        }
    }
    japan
        .from_local_datetime(&day.and_time(hour))
        .single()
        .map(|at| at.with_timezone(&Utc))
}

impl Core {
    /// Sets how often the signed-in person is mailed a digest (`off`, `daily`, `weekly`), in
    /// the language of the page they chose it on.
    pub async fn set_digest(&self, user: &CurrentUser, choice: &str, lang: Lang) -> Result<()> {
        let Some(how) = Digest::parse(choice) else {
            let error = if choice.is_empty() {
                FieldError::Required
            } else {
                FieldError::UnknownOption
            };
            return Err(super::own::invalid("digest", error).into());
        };
        let now = Utc::now();
        self.store
            .set_digest(user.id, how.as_str(), lang.code(), now)
            .await?;
        self.store
            .audit(Some(user.id), "digest_set", how.as_str(), now)
            .await?;
        Ok(())
    }

    /// Makes every digest due at `now`: composes each from what its reader has not read and
    /// queues it (see the module). Returns how many mails were queued.
    pub async fn send_due_digests(&self, now: DateTime<Utc>) -> Result<usize> {
        let (Some(daily), Some(weekly)) =
            (last_due(Digest::Daily, now), last_due(Digest::Weekly, now))
        else {
            return Err(ApiError::Internal.into());
        };
        let origin = self.config.mail_origin();
        let mut queued = 0;
        loop {
            let readers = self
                .store
                .due_digests(daily, weekly, DIGESTS_PER_BATCH)
                .await?;
            let full = i64::try_from(readers.len()).unwrap_or(i64::MAX) >= DIGESTS_PER_BATCH;
            let mut made = 0;
            for reader in readers {
                let lang = Lang::parse(&reader.lang).unwrap_or_default();
                let (notifications, notices) = self
                    .store
                    .undigested(reader.user_id, reader.from, now)
                    .await?;
                let sent = DigestSent {
                    notifications: notifications.iter().map(|n| n.0).collect(),
                    notices: notices.iter().map(|n| n.0).collect(),
                };
                let mut items = Vec::with_capacity(notifications.len() + notices.len());
                for (_, kind, survey_id, title, actor, at) in notifications {
                    let title = title
                        .map(|t| parse_text(&t).map(|t| t.get(lang).to_string()))
                        .transpose()?;
                    items.push(DigestItem {
                        what: notification_text(lang, &kind).to_string(),
                        title,
                        from: actor,
                        at,
                        link: format!(
                            "{origin}{}",
                            notification_path(&kind, survey_id, reader.staff)
                        ),
                    });
                }
                for (_, title, sender, at) in notices {
                    items.push(DigestItem {
                        what: templates::notice_received(lang),
                        title: Some(title),
                        from: Some(sender),
                        at,
                        link: format!("{origin}/feed"),
                    });
                }
                items.sort_by_key(|item| item.at);
                let mail = (!items.is_empty()).then(|| {
                    templates::digest(
                        lang,
                        &reader.email,
                        &reader.display_name,
                        &items,
                        &format!("{origin}/account#digest"),
                    )
                });
                let due = if reader.weekly { weekly } else { daily };
                if self
                    .store
                    .complete_digest(reader.user_id, due, now, &sent, mail.as_ref())
                    .await?
                {
                    made += 1;
                    if mail.is_some() {
                        queued += 1;
                    }
                }
            }
            if !full || made == 0 {
                break;
            }
        }
        if queued > 0 {
            self.mail_queued();
        }
        Ok(queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn daily_digests_are_due_each_morning_at_seven_in_japan() {
        // 2026-12-07 is a Monday. 07:00 JST is 22:00 UTC the day before.
        assert_eq!(
            last_due(Digest::Daily, at("2026-12-07T10:00:00+09:00")),
            Some(at("2026-12-06T22:00:00Z"))
        );
        assert_eq!(
            last_due(Digest::Daily, at("2026-12-07T06:59:00+09:00")),
            Some(at("2026-12-05T22:00:00Z"))
        );
        assert_eq!(
            last_due(Digest::Daily, at("2026-12-07T07:00:00+09:00")),
            Some(at("2026-12-06T22:00:00Z"))
        );
        assert_eq!(last_due(Digest::Off, at("2026-12-07T10:00:00+09:00")), None);
    }

    #[test]
    fn weekly_digests_are_due_on_monday_mornings() {
        let monday_seven = Some(at("2026-12-07T07:00:00+09:00").with_timezone(&Utc));
        assert_eq!(
            last_due(Digest::Weekly, at("2026-12-07T08:00:00+09:00")),
            monday_seven
        );
        assert_eq!(
            last_due(Digest::Weekly, at("2026-12-13T23:59:00+09:00")),
            monday_seven
        );
        // Before seven on a Monday, last week's Monday.
        assert_eq!(
            last_due(Digest::Weekly, at("2026-12-14T06:00:00+09:00")),
            monday_seven
        );
        assert_eq!(
            last_due(Digest::Weekly, at("2026-12-14T07:00:00+09:00")),
            Some(at("2026-12-14T07:00:00+09:00").with_timezone(&Utc))
        );
    }
}
