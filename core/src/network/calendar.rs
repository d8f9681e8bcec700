//! iCalendar feeds of events, per group and per district, so residents can subscribe in their
//! phone's calendar. Public (approved groups only, visible posts only); events from the last
//! 30 days on, so a subscription also keeps what just happened.

use crate::Core;
use crate::error::{Result, not_found};
use chrono::{TimeDelta, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use shared::network::GroupStatus;
use shared::network::posts::PostView;

/// How far back a feed reaches.
const PAST_DAYS: i64 = 30;
/// The most events one feed lists.
const MAX_EVENTS: i64 = 500;

/// A calendar of events named `name`; `origin` makes each event's link and stable id.
fn calendar(name: &str, events: &[PostView], origin: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for post in events {
        let Some(event) = &post.event else {
            continue;
        };
        let mut item = Event::new();
        item.uid(&format!("post-{}@{}", post.id, host_of(origin)))
            .summary(&post.title)
            .description(&format!(
                "{}\n\n{}\n{origin}/groups/{}#post-{}",
                post.body, post.group_name, post.group_id, post.id
            ))
            .location(&event.place)
            .starts(event.starts_at)
            .ends(
                event
                    .ends_at
                    .unwrap_or(event.starts_at + TimeDelta::hours(1)),
            )
            .timestamp(post.created_at);
        calendar.push(item.done());
    }
    calendar.done().to_string()
}

/// `example.jp` from `https://example.jp` (the part an iCalendar UID should end with).
fn host_of(origin: &str) -> &str {
    origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/')
}

impl Core {
    /// The events of one approved group, as an iCalendar file.
    pub async fn group_calendar(&self, group: i64, origin: &str) -> Result<String> {
        let Some(record) = self.store.group(group).await? else {
            return not_found();
        };
        if record.status != GroupStatus::Approved {
            return not_found();
        }
        let since = Utc::now() - TimeDelta::days(PAST_DAYS);
        let events = self
            .store
            .events_since(Some(group), None, since, MAX_EVENTS)
            .await?;
        Ok(calendar(&record.fields.name, &events, origin))
    }

    /// The events of every approved group active in a district, as an iCalendar file.
    pub async fn district_calendar(&self, district: i64, origin: &str) -> Result<String> {
        let Some((_, d)) = self
            .store
            .all_districts()
            .await?
            .into_iter()
            .find(|(_, d)| d.id == district)
        else {
            return not_found();
        };
        let since = Utc::now() - TimeDelta::days(PAST_DAYS);
        let events = self
            .store
            .events_since(None, Some(district), since, MAX_EVENTS)
            .await?;
        Ok(calendar(
            &format!("{}校区の催し", d.name_ja),
            &events,
            origin,
        ))
    }
}
