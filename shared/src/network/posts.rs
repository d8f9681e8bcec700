//! What groups post: news, and events with a date, a time, a place and perhaps a capacity
//! (Sunday events welcome); residents' RSVPs; the feed of a resident's groups and district.

use super::text_field;
use crate::answer::FormValues;
use crate::error::{FieldError, FieldErrors};
use crate::text::Text;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// The longest post title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// The longest post body, in characters.
pub const MAX_BODY_CHARS: usize = 4000;
/// The largest capacity an event may give.
pub const MAX_CAPACITY: i64 = 10_000;

/// News or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// A notice to members and followers.
    News,
    /// Something happening at a time and place, with RSVPs.
    Event,
}

impl PostKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::News => "news",
            PostKind::Event => "event",
        }
    }

    /// Reads a stored name.
    pub fn parse(value: &str) -> Option<PostKind> {
        match value {
            "news" => Some(PostKind::News),
            "event" => Some(PostKind::Event),
            _ => None,
        }
    }
}

/// When and where an event happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventTime {
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends, if said.
    pub ends_at: Option<DateTime<Utc>>,
    /// Where.
    pub place: String,
    /// How many may come (`None`: no limit).
    pub capacity: Option<i64>,
}

/// A post as written: every field checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostFields {
    /// News or event.
    pub kind: PostKind,
    /// The title (1–100 characters).
    pub title: String,
    /// The text (1–4000 characters; line breaks kept).
    pub body: String,
    /// For events: when, where, how many.
    pub event: Option<EventTime>,
}

/// A Japan-time date and time (`YYYY-MM-DD`, `HH:MM`) as an instant.
pub fn jst_instant(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = date.and_time(time);
    Some(Utc.from_utc_datetime(&(local - TimeDelta::hours(9))))
}

fn trimmed<'a>(values: &'a FormValues, name: &str) -> &'a str {
    values.first(name).unwrap_or_default().trim()
}

impl PostFields {
    /// Reads the post form: `kind`, `title`, `body`; for events `date`, `start` and `end`
    /// (Japan time), `place` and `capacity` (empty: no limit). An event must start after `now`.
    pub fn from_form(values: &FormValues, now: DateTime<Utc>) -> Result<PostFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = match PostKind::parse(trimmed(values, "kind")) {
            Some(kind) => kind,
            None => {
                errors.push("kind", FieldError::UnknownOption);
                PostKind::News
            }
        };
        let title = text_field(values, "title", MAX_TITLE_CHARS, true, false, &mut errors);
        let body = text_field(values, "body", MAX_BODY_CHARS, true, true, &mut errors);
        let event = if kind == PostKind::Event {
            read_event(values, now, &mut errors)
        } else {
            None
        };
        if errors.is_empty() {
            Ok(PostFields {
                kind,
                title,
                body,
                event,
            })
        } else {
            Err(errors)
        }
    }
}

fn read_event(
    values: &FormValues,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Option<EventTime> {
    let date = match trimmed(values, "date") {
        "" => {
            errors.push("date", FieldError::Required);
            None
        }
        d => NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().or_else(|| {
            errors.push("date", FieldError::NotADate);
            None
        }),
    };
    let time = |name: &str, required: bool, errors: &mut FieldErrors| match trimmed(values, name) {
        "" if required => {
            errors.push(name, FieldError::Required);
            None
        }
        "" => None,
        t => NaiveTime::parse_from_str(t, "%H:%M").ok().or_else(|| {
            errors.push(name, FieldError::Invalid);
            None
        }),
    };
    let start = time("start", true, errors);
    let end = time("end", false, errors);
    let place = trimmed(values, "place").to_string();
    if place.is_empty() {
        errors.push("place", FieldError::Required);
    } else if place.chars().count() > 200 {
        errors.push("place", FieldError::TooLong { max: 200 });
    }
    let capacity = match trimmed(values, "capacity") {
        "" => None,
        c => match c.parse::<i64>() {
            Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
            Ok(_) => {
                errors.push(
                    "capacity",
                    FieldError::OutOfRange {
                        min: Some("1".into()),
                        max: Some(MAX_CAPACITY.to_string()),
                    },
                );
                None
            }
            Err(_) => {
                errors.push("capacity", FieldError::NotWhole);
                None
            }
        },
    };
    let (date, start) = (date?, start?);
    let starts_at = jst_instant(date, start)?;
    if starts_at <= now {
        errors.push(
            "date",
            FieldError::OutOfRange {
                min: Some(jst_label(now)),
                max: None,
            },
        );
    }
    let ends_at = match end {
        Some(end) => {
            let ends_at = jst_instant(date, end)?;
            if ends_at <= starts_at {
                errors.push("end", FieldError::Invalid);
            }
            Some(ends_at)
        }
        None => None,
    };
    Some(EventTime {
        starts_at,
        ends_at,
        place,
        capacity,
    })
}

/// `2026-12-06 10:00` in Japan time, for messages.
pub fn jst_label(at: DateTime<Utc>) -> String {
    (at + TimeDelta::hours(9))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A post as readers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    /// The post id.
    pub id: i64,
    /// The group it belongs to.
    pub group_id: i64,
    /// The group's name.
    pub group_name: String,
    /// News or event.
    pub kind: PostKind,
    /// The title.
    pub title: String,
    /// The text.
    pub body: String,
    /// For events: when, where, how many.
    pub event: Option<EventTime>,
    /// How many said they will come.
    pub going: i64,
    /// Whether the reader said they will come.
    pub i_am_going: bool,
    /// When it was posted.
    pub created_at: DateTime<Utc>,
    /// Why the ward hid it, when it is hidden (only its organisers and staff see it then).
    pub hidden: Option<String>,
}

/// Who said they will come to an event, as the group's organisers see it: the names of
/// those who show their name to the organisers, and how many others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendees {
    /// The event.
    pub post_id: i64,
    /// The names shown, in the order they said they would come.
    pub named: Vec<String>,
    /// Those who do not show their name.
    pub unnamed: i64,
}

impl Attendees {
    /// Gathers `(post, name if shown)` rows, grouped by post in the order given.
    pub fn gather(rows: impl IntoIterator<Item = (i64, Option<String>)>) -> Vec<Attendees> {
        let mut out: Vec<Attendees> = Vec::new();
        for (post_id, name) in rows {
            if out.last().is_none_or(|a| a.post_id != post_id) {
                out.push(Attendees {
                    post_id,
                    ..Attendees::default()
                });
            }
            if let Some(last) = out.last_mut() {
                match name {
                    Some(name) => last.named.push(name),
                    None => last.unnamed += 1,
                }
            }
        }
        out
    }
}

/// A resident's feed: their groups' posts and the upcoming events of their district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    /// The latest posts of the groups they belong to or follow, newest first.
    pub posts: Vec<PostView>,
    /// Upcoming events in their district (or of their groups), soonest first.
    pub events: Vec<PostView>,
    /// Their home district's name, if they gave one.
    pub district: Option<Text>,
    /// Notices from the ward office and community centres, newest first.
    pub notices: Vec<super::notices::NoticeLine>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues::of(pairs)
    }

    fn now() -> DateTime<Utc> {
        // 2026-11-25 10:00 in Japan.
        Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap()
    }

    #[test]
    fn an_event_is_read_in_japan_time() {
        let post = PostFields::from_form(
            &form(&[
                ("kind", "event"),
                ("title", "日曜の親子ヨガ"),
                ("body", "動きやすい服で\r\nどうぞ"),
                ("date", "2026-12-06"),
                ("start", "10:00"),
                ("end", "11:30"),
                ("place", "北方市民センター"),
                ("capacity", "20"),
            ]),
            now(),
        )
        .unwrap();
        let event = post.event.unwrap();
        assert_eq!(
            event.starts_at,
            Utc.with_ymd_and_hms(2026, 12, 6, 1, 0, 0).unwrap()
        );
        assert_eq!(
            event.ends_at,
            Some(Utc.with_ymd_and_hms(2026, 12, 6, 2, 30, 0).unwrap())
        );
        assert_eq!(event.capacity, Some(20));
        assert_eq!(post.body, "動きやすい服で\nどうぞ");
    }

    #[test]
    fn news_needs_no_date_and_ignores_event_fields() {
        let post = PostFields::from_form(
            &form(&[
                ("kind", "news"),
                ("title", "お知らせ"),
                ("body", "本文"),
                ("date", "x"),
            ]),
            now(),
        )
        .unwrap();
        assert_eq!(post.event, None);
    }

    #[test]
    fn every_event_problem_is_named() {
        let errors = PostFields::from_form(
            &form(&[
                ("kind", "event"),
                ("title", ""),
                ("body", "本文"),
                ("date", "2026-11-24"),
                ("start", "09:00"),
                ("end", "08:00"),
                ("capacity", "0"),
            ]),
            now(),
        )
        .unwrap_err();
        assert_eq!(errors.get("title"), Some(&FieldError::Required));
        assert_eq!(errors.get("place"), Some(&FieldError::Required));
        assert!(matches!(
            errors.get("capacity"),
            Some(FieldError::OutOfRange { .. })
        ));
        assert!(
            matches!(errors.get("date"), Some(FieldError::OutOfRange { .. })),
            "in the past"
        );
        assert_eq!(errors.get("end"), Some(&FieldError::Invalid));
        let errors = PostFields::from_form(
            &form(&[
                ("kind", "event"),
                ("title", "t"),
                ("body", "b"),
                ("date", "12/6"),
                ("start", "25:00"),
                ("capacity", "many"),
            ]),
            now(),
        )
        .unwrap_err();
        assert_eq!(errors.get("date"), Some(&FieldError::NotADate));
        assert_eq!(errors.get("start"), Some(&FieldError::Invalid));
        assert_eq!(errors.get("capacity"), Some(&FieldError::NotWhole));
        assert_eq!(
            PostFields::from_form(&form(&[("kind", "poll")]), now())
                .unwrap_err()
                .get("kind"),
            Some(&FieldError::UnknownOption)
        );
    }

    #[test]
    fn attendees_are_gathered_by_event_with_the_unnamed_counted() {
        let rows = [
            (7, Some("小倉 一郎".to_string())),
            (7, None),
            (7, Some("守恒 花".to_string())),
            (7, None),
            (9, None),
        ];
        let got = Attendees::gather(rows);
        assert_eq!(
            got,
            vec![
                Attendees {
                    post_id: 7,
                    named: vec!["小倉 一郎".into(), "守恒 花".into()],
                    unnamed: 2,
                },
                Attendees {
                    post_id: 9,
                    named: vec![],
                    unnamed: 1,
                },
            ]
        );
        assert!(Attendees::gather([]).is_empty());
    }
}
