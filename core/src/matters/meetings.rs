//! The liaison meeting: its agenda is every matter new or changed since the previous meeting
//! began (decisions aside: they are the meeting's own record), and during it staff record a
//! decision per matter.

use super::store::events::jst_date;
use crate::Core;
use crate::error::{Result, not_found};
use chrono::{DateTime, NaiveDate, Utc};
use shared::matters::{Agenda, AgendaItem, MatterEvent, MeetingLine};
use shared::views::CurrentUser;

/// How many past meetings the agenda page lists.
const MEETINGS_SHOWN: usize = 24;

impl Core {
    /// The meeting under way in a ward: the latest, if it began today (JST).
    pub(crate) async fn current_meeting(&self, ward: i64) -> Result<Option<(i64, NaiveDate)>> {
        let today = super::today();
        Ok(self
            .store
            .meetings(ward)
            .await?
            .first()
            .map(|(id, at)| (*id, jst_date(*at)))
            .filter(|(_, on)| *on == today))
    }

    /// A meeting's agenda (`meeting`), or (`None`) the next meeting's, so far: every matter
    /// with a change in the window, its changes, and the decisions recorded at the meeting.
    pub async fn agenda(&self, user: &CurrentUser, meeting: Option<i64>) -> Result<Agenda> {
        let ward = self.matters_ward(user).await?;
        let meetings = self.store.meetings(ward).await?;
        let decisions = self.store.decisions_per_meeting(ward).await?;
        let line = |(id, started_at): (i64, DateTime<Utc>), matters: i64| MeetingLine {
            id,
            started_at,
            matters,
            decisions: decisions
                .iter()
                .find(|(m, _)| *m == id)
                .map_or(0, |(_, n)| *n),
        };
        let (this, since, until) = match meeting {
            Some(id) => {
                let Some(at) = meetings.iter().position(|(m, _)| *m == id) else {
                    return not_found();
                };
                let since = meetings.get(at + 1).map(|(_, t)| *t);
                (Some(meetings[at]), since, meetings[at].1)
            }
            None => (None, meetings.first().map(|(_, t)| *t), Utc::now()),
        };
        let changes = self.store.events_between(ward, since, until).await?;
        let decided = match this {
            Some((id, _)) => self.store.meeting_decisions(id).await?,
            None => Vec::new(),
        };
        let mut ids: Vec<i64> = changes.iter().chain(&decided).map(|(m, _)| *m).collect();
        ids.sort_unstable();
        ids.dedup();
        let records = self.store.matters_by_id(&ids).await?;
        let rows = self.matter_rows(ward, &records).await?;
        let of = |list: &[(i64, MatterEvent)], id: i64| -> Vec<MatterEvent> {
            list.iter()
                .filter(|(m, _)| *m == id)
                .map(|(_, e)| e.clone())
                .collect()
        };
        let mut items: Vec<AgendaItem> = rows
            .into_iter()
            .map(|row| AgendaItem {
                changes: of(&changes, row.id),
                decisions: of(&decided, row.id),
                matter: row,
            })
            .collect();
        // Open matters first (in the order of a matter's life), then the most recent change.
        items.sort_by(|a, b| {
            let rank = |i: &AgendaItem| {
                shared::matters::MatterStatus::ALL
                    .iter()
                    .position(|s| *s == i.matter.status)
            };
            rank(a)
                .cmp(&rank(b))
                .then(b.matter.updated_at.cmp(&a.matter.updated_at))
        });
        Ok(Agenda {
            meeting: this.map(|m| line(m, items.len() as i64)),
            since,
            until,
            items,
            meetings: meetings
                .iter()
                .take(MEETINGS_SHOWN)
                .map(|m| line(*m, -1))
                .collect(),
            current: self.current_meeting(ward).await?.map(|(id, _)| id),
        })
    }

    /// Begins a meeting now: its agenda is fixed as what changed since the previous one, and
    /// decisions recorded today are its. Audited.
    pub async fn start_meeting(&self, user: &CurrentUser) -> Result<i64> {
        let ward = self.matters_ward(user).await?;
        let now = Utc::now();
        if let Some((id, _)) = self.current_meeting(ward).await? {
            return Ok(id);
        }
        let id = self.store.insert_meeting(ward, user.id, now).await?;
        self.store
            .audit(
                Some(user.id),
                "start_meeting",
                &format!("liaison meeting {id}"),
                now,
            )
            .await?;
        Ok(id)
    }
}
