//! Group posts: organisers post news and events (rate limited); anyone signed in says they
//! will come to an event (within its capacity); a resident's feed gathers their groups' posts
//! and the upcoming events of their district.

mod store;

pub use store::Rsvp;

use crate::Core;
use crate::error::{Result, not_found};
use crate::surveys::builder::district_name;
use chrono::{TimeDelta, Utc};
use shared::answer::FormValues;
use shared::network::posts::{FeedView, MAX_CAPACITY, PostFields, PostKind, PostView};
use shared::network::{GroupStatus, Membership};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

/// Posts one person may write per hour, across their groups.
pub const POSTS_PER_HOUR: i64 = 10;
/// How many posts the feed and a group page show.
pub const POSTS_SHOWN: i64 = 30;

impl Core {
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

    /// A post its group's organiser may change: not removed, of a group they organise.
    pub async fn own_post(&self, user: &CurrentUser, post_id: i64) -> Result<PostView> {
        let Some(post) = self.store.post_not_removed(post_id, user.id).await? else {
            return not_found();
        };
        let (_, standing) = self.visible_group(Some(user), post.group_id).await?;
        if !standing.organiser() {
            // Those who may read the post learn nothing new from "forbidden"; nobody else
            // reaches here, since `visible_group` answers "not found" to them.
            return Err(ApiError::Forbidden.into());
        }
        Ok(post)
    }

    /// Rewrites a post (its group's organisers). Its kind stays; an event's capacity cannot go
    /// below the people already coming; an event that has begun may keep its time.
    pub async fn edit_post(
        &self,
        user: &CurrentUser,
        post_id: i64,
        form: &FormValues,
    ) -> Result<i64> {
        let post = self.own_post(user, post_id).await?;
        if PostKind::parse(form.first("kind").unwrap_or_default().trim()) != Some(post.kind) {
            return Err(ApiError::BadRequest.into());
        }
        let now = Utc::now();
        // A started event may be corrected without moving it: times from its start on pass.
        let earliest = match &post.event {
            Some(e) if e.starts_at <= now => e.starts_at - TimeDelta::seconds(1),
            _ => now,
        };
        let mut fields = PostFields::from_form(form, earliest);
        if let Ok(PostFields { event: Some(e), .. }) = &fields
            && e.capacity.is_some_and(|c| c < post.going)
        {
            let mut errors = FieldErrors::default();
            errors.push(
                "capacity",
                FieldError::OutOfRange {
                    min: Some(post.going.to_string()),
                    max: Some(MAX_CAPACITY.to_string()),
                },
            );
            fields = Err(errors);
        }
        let fields = fields.map_err(ApiError::Validation)?;
        if !self.store.update_post(post_id, &fields).await? {
            return not_found();
        }
        self.store
            .audit(
                Some(user.id),
                "edit_post",
                &format!(
                    "post {post_id} of group {}: {}",
                    post.group_id, fields.title
                ),
                now,
            )
            .await?;
        Ok(post.group_id)
    }

    /// Deletes a post with its RSVPs (its group's organisers); returns the group.
    pub async fn delete_post(&self, user: &CurrentUser, post_id: i64) -> Result<i64> {
        let post = self.own_post(user, post_id).await?;
        if !self.store.delete_post(post_id).await? {
            return not_found();
        }
        self.store
            .audit(
                Some(user.id),
                "delete_post",
                &format!(
                    "post {post_id} of group {} ({} coming): {}",
                    post.group_id, post.going, post.title
                ),
                Utc::now(),
            )
            .await?;
        Ok(post.group_id)
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
            posts: self.store.feed_posts(user.id, now, POSTS_SHOWN).await?,
            events: self
                .store
                .upcoming_events(user.id, user.district_id, now, POSTS_SHOWN)
                .await?,
            district,
            notices: self.store.notices_for(user.id, POSTS_SHOWN, now).await?,
        })
    }
}
