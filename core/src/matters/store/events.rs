//! A matter's history: one row per thing that happened to it.

use crate::db::{Store, corrupt, id_list, on_pool};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use shared::matters::{EventKind, MatterEvent, MatterStatus};

/// Something that happened to a matter, to record.
pub(crate) struct NewEvent<'a> {
    pub actor: Option<i64>,
    pub kind: EventKind,
    pub status: Option<MatterStatus>,
    pub body: Option<&'a str>,
    pub department: Option<i64>,
    pub meeting: Option<i64>,
}

impl<'a> NewEvent<'a> {
    /// An event of `kind` by `actor`, with nothing else.
    pub(crate) fn by(actor: i64, kind: EventKind) -> NewEvent<'a> {
        NewEvent {
            actor: Some(actor),
            kind,
            status: None,
            body: None,
            department: None,
            meeting: None,
        }
    }

    /// With a note.
    pub(crate) fn saying(mut self, body: Option<&'a str>) -> NewEvent<'a> {
        self.body = body;
        self
    }
}

/// Records an event of matter `$id` and marks the matter changed, on `$conn` (a transaction).
macro_rules! insert_in {
    ($conn:expr, $id:expr, $event:expr, $now:expr) => {{
        let event: &$crate::matters::store::NewEvent<'_> = $event;
        sqlx::query(
            "INSERT INTO matter_events (matter_id, at, actor_id, kind, status, body, \
             department_id, meeting_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind($id)
        .bind($now)
        .bind(event.actor)
        .bind(event.kind.as_str())
        .bind(event.status.map(|s| s.as_str()))
        .bind(event.body)
        .bind(event.department)
        .bind(event.meeting)
        .execute($conn)
        .await?;
        sqlx::query("UPDATE matters SET updated_at = $2 WHERE id = $1")
            .bind($id)
            .bind($now)
            .execute($conn)
            .await?;
    }};
}
pub(crate) use insert_in;

type EventRow = (
    i64,
    i64,
    DateTime<Utc>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<DateTime<Utc>>,
);

/// The columns of an [`EventRow`]: the matter, then the event as shown.
const EVENT_COLUMNS: &str = "e.matter_id, e.id, e.at, u.display_name, e.kind, e.status, \
     e.body, d.name, lm.started_at FROM matter_events e \
     LEFT JOIN users u ON u.id = e.actor_id AND u.deleted_at IS NULL \
     LEFT JOIN departments d ON d.id = e.department_id \
     LEFT JOIN liaison_meetings lm ON lm.id = e.meeting_id";

fn event(
    (matter, id, at, actor, kind, status, body, department, meeting): EventRow,
) -> Result<(i64, MatterEvent)> {
    Ok((
        matter,
        MatterEvent {
            id,
            at,
            actor,
            kind: EventKind::parse(&kind).ok_or_else(|| corrupt("event kind", &kind))?,
            status: status.as_deref().and_then(MatterStatus::parse),
            body,
            department,
            meeting: meeting.map(jst_date),
        },
    ))
}

/// The date of a time in Japan.
pub(crate) fn jst_date(at: DateTime<Utc>) -> NaiveDate {
    (at + chrono::TimeDelta::hours(9)).date_naive()
}

impl Store {
    /// Records an event and marks the matter changed.
    pub(crate) async fn add_matter_event(
        &self,
        id: i64,
        event: &NewEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            insert_in!(&mut *tx, id, event, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// A matter's history, oldest first.
    pub(crate) async fn matter_events(&self, id: i64) -> Result<Vec<MatterEvent>> {
        let sql = format!("SELECT {EVENT_COLUMNS} WHERE e.matter_id = $1 ORDER BY e.id");
        let rows: Vec<EventRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(|r| event(r).map(|(_, e)| e)).collect()
    }

    /// The events of `matters` between `since` (excluded; `None`: from the start) and `until`
    /// (included), oldest first, decisions left out: what changed between two meetings.
    pub(crate) async fn events_between(
        &self,
        ward: i64,
        since: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
    ) -> Result<Vec<(i64, MatterEvent)>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} JOIN matters m ON m.id = e.matter_id \
             WHERE m.ward_id = $1 AND ($2 IS NULL OR e.at > $2) AND e.at <= $3 \
             AND e.kind <> 'decision' ORDER BY e.at, e.id"
        );
        let rows: Vec<EventRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ward)
                .bind(since)
                .bind(until)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(event).collect()
    }

    /// The decisions recorded at a meeting, by matter, oldest first.
    pub(crate) async fn meeting_decisions(&self, meeting: i64) -> Result<Vec<(i64, MatterEvent)>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} WHERE e.meeting_id = $1 AND e.kind = 'decision' ORDER BY e.id"
        );
        let rows: Vec<EventRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(meeting)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(event).collect()
    }

    /// The ids of `matters` that have photos, with the photos' ids, oldest first.
    pub(crate) async fn matters_photos(&self, matters: &[i64]) -> Result<Vec<(i64, i64)>> {
        let sql = format!(
            "SELECT matter_id, id FROM matter_photos WHERE matter_id IN {} ORDER BY id",
            id_list(matters)
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .fetch_all(pool)
        .await?))
    }
}
