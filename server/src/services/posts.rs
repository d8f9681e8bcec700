//! Group posts: organisers post news and events (rate limited); anyone signed in says they
//! will come to an event (within its capacity); a resident's feed gathers their groups' posts
//! and the upcoming events of their district.

use super::Services;
use super::builder::district_name;
use crate::db::Rsvp;
use crate::error::{Result, not_found};
use chrono::{TimeDelta, Utc};
use shared::ApiError;
use shared::answer::FormValues;
use shared::network::posts::{FeedView, PostFields, PostKind};
use shared::network::{GroupStatus, Membership};
use shared::views::CurrentUser;

/// Posts one person may write per hour, across their groups.
pub const POSTS_PER_HOUR: i64 = 10;
/// How many posts the feed and a group page show.
pub const POSTS_SHOWN: i64 = 30;

impl Services {
    /// Posts news or an event to a group (its organisers only; approved groups only).
    pub async fn create_post(
        &self,
        user: &CurrentUser,
        group_id: i64,
        form: &FormValues,
    ) -> Result<i64> {
        let Some(group) = self.store.group(group_id).await? else {
            return not_found();
        };
        let organiser = matches!(
            self.store.membership(group_id, user.id).await?,
            Some((Membership::Organiser, _))
        );
        if group.status != GroupStatus::Approved && !organiser {
            return not_found();
        }
        if !organiser {
            return Err(ApiError::Forbidden.into());
        }
        if group.status != GroupStatus::Approved {
            return Err(ApiError::Conflict.into());
        }
        let now = Utc::now();
        let post = PostFields::from_form(form, now).map_err(ApiError::Validation)?;
        if self
            .store
            .posts_by_since(user.id, now - TimeDelta::hours(1))
            .await?
            >= POSTS_PER_HOUR
        {
            return Err(ApiError::RateLimited.into());
        }
        self.store.create_post(group_id, user.id, &post, now).await
    }

    /// Says the user will come to an event, or no longer will. A full event refuses with
    /// `EventFull` and stores nothing; an event that has begun takes no new RSVPs.
    pub async fn rsvp(&self, user: &CurrentUser, post_id: i64, going: bool) -> Result<()> {
        let Some(post) = self.store.post(post_id, user.id).await? else {
            return not_found();
        };
        let Some(group) = self.store.group(post.group_id).await? else {
            return not_found();
        };
        let Some(event) = post.event.filter(|_| post.kind == PostKind::Event) else {
            return Err(ApiError::BadRequest.into());
        };
        if group.status != GroupStatus::Approved {
            return not_found();
        }
        let now = Utc::now();
        if going && event.starts_at <= now {
            return Err(ApiError::Conflict.into());
        }
        match self.store.rsvp(post_id, user.id, going, now).await? {
            Rsvp::Done => Ok(()),
            Rsvp::Full => Err(ApiError::EventFull.into()),
        }
    }

    /// The signed-in person's feed.
    pub async fn feed(&self, user: &CurrentUser) -> Result<FeedView> {
        let now = Utc::now();
        let district = match user.district_id {
            Some(id) => self
                .store
                .all_districts()
                .await?
                .into_iter()
                .find(|(_, d)| d.id == id)
                .map(|(_, d)| district_name(&d)),
            None => None,
        };
        Ok(FeedView {
            posts: self.store.feed_posts(user.id, POSTS_SHOWN).await?,
            events: self
                .store
                .upcoming_events(user.id, user.district_id, now, POSTS_SHOWN)
                .await?,
            district,
            notices: self.store.notices_for(user.id, POSTS_SHOWN, now).await?,
        })
    }
}
