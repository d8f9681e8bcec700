//! Loose local networks: signing up as a resident, the group directory, proposing and deciding
//! groups, joining, following and leaving.
//!
//! **Who sees what.** An approved group is public. A group still pending, declined or hidden is
//! seen only by its organisers, the ward's staff and the directors of the community centres of
//! its districts; everyone else gets 404, as for an unknown id. Organisers see their members'
//! names only where a member chose to show it, and never an e-mail address.

mod store;

use super::posts::POSTS_SHOWN;
use crate::Core;
use crate::access::works_in;
use crate::accounts::{NewUser, SignedIn, hash_password};
use crate::error::{Result, not_found};
use crate::surveys::builder::district_name;
use chrono::{TimeDelta, Utc};
use shared::account::{DisplayName, Email, NewPassword, Role};
use shared::answer::FormValues;
use shared::network::posts::Attendees;
use shared::network::{
    ContactPolicy, DirectoryQuery, DirectoryView, DistrictOption, GroupAbilities, GroupCard,
    GroupFields, GroupPage, GroupStatus, MemberLine, Membership, PendingGroup, ProposeView,
    SurveyLink,
};
use shared::text::Text;
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};
use std::collections::HashMap;

mod changes;

pub use store::{GroupRecord, MemberRecord};

/// Sign-ups allowed per client address per hour (a family or a centre's shared computer may
/// make a few; a script may not make hundreds).
pub const SIGN_UPS_PER_HOUR: i64 = 10;
/// Proposals one person may have waiting at once.
pub const MAX_PENDING_PROPOSALS: i64 = 3;
/// How long a directory card's excerpt is, in characters.
const EXCERPT_CHARS: usize = 80;
/// How many tags the directory offers as filters.
const FILTER_TAGS: i64 = 20;

/// What a user may do with one group, worked out once per request.
pub(super) struct GroupStanding {
    membership: Option<(Membership, bool)>,
    staff: bool,
    director: bool,
}

impl GroupStanding {
    pub(super) fn organiser(&self) -> bool {
        matches!(self.membership, Some((Membership::Organiser, _)))
    }

    fn member(&self) -> bool {
        matches!(
            self.membership,
            Some((Membership::Organiser | Membership::Member, _))
        )
    }

    /// Staff and directors of its districts decide; they also see it whatever its status.
    fn decider(&self) -> bool {
        self.staff || self.director
    }

    fn may_see(&self, status: GroupStatus) -> bool {
        status == GroupStatus::Approved || self.organiser() || self.decider()
    }
}

/// The first line of a description, cut to `EXCERPT_CHARS` characters.
fn excerpt(description: &str) -> String {
    let first = description.lines().next().unwrap_or_default();
    let mut out: String = first.chars().take(EXCERPT_CHARS).collect();
    if first.chars().count() > EXCERPT_CHARS || description.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

fn card(group: &GroupRecord, names: &HashMap<i64, Text>) -> GroupCard {
    GroupCard {
        id: group.id,
        name: group.fields.name.clone(),
        kind: group.fields.kind,
        districts: group
            .fields
            .districts
            .iter()
            .filter_map(|d| names.get(d).cloned())
            .collect(),
        tags: group.fields.tags.clone(),
        excerpt: excerpt(&group.fields.description),
        meeting_place: group.fields.meeting_place.clone(),
        meeting_times: group.fields.meeting_times.clone(),
        verified: group.verified,
        member_count: group.member_count,
        follower_count: group.follower_count,
    }
}

/// A sign-up whose fields were checked.
pub(crate) struct CheckedSignUp {
    pub(crate) email: Email,
    pub(crate) name: DisplayName,
    pub(crate) password: NewPassword,
    /// Home ward and district, if chosen.
    pub(crate) home: Option<(i64, i64)>,
}

impl Core {
    /// Creates a resident account (e-mail, display name, password; a home district if they
    /// like) and signs it in, without asking the address to confirm (the web sign-up asks:
    /// [`Core::request_sign_up`]). Association membership is never asked. Limited per address.
    pub async fn sign_up(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        district: Option<&str>,
        address: &str,
    ) -> Result<SignedIn> {
        let now = Utc::now();
        let new = self
            .checked_sign_up(email, display_name, password, district, address)
            .await?;
        let user = NewUser {
            email: new.email.as_str().to_string(),
            display_name: new.name.as_str().to_string(),
            password_hash: hash_password(&new.password).await?,
            role: Role::Resident,
            ward_id: new.home.map(|(ward, _)| ward),
            district_id: new.home.map(|(_, d)| d),
        };
        let id = self.create_resident(&user, now).await?;
        self.open_session(id, now).await
    }

    /// Stores a resident account whose fields were checked; a taken address is refused on its
    /// field (`Taken`).
    pub(crate) async fn create_resident(
        &self,
        user: &NewUser,
        now: chrono::DateTime<Utc>,
    ) -> Result<i64> {
        let id = match self.store.create_user(user, now).await {
            Ok(id) => id,
            Err(crate::error::Error::Api(ApiError::Conflict)) => {
                let mut errors = FieldErrors::default();
                errors.push("email", FieldError::Taken);
                return Err(ApiError::Validation(errors).into());
            }
            Err(e) => return Err(e),
        };
        self.store
            .audit(Some(id), "sign_up", &format!("user {id} (resident)"), now)
            .await?;
        Ok(id)
    }

    /// Checks a sign-up's fields (every problem at once) and the limit per client address,
    /// and counts the attempt.
    pub(crate) async fn checked_sign_up(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        district: Option<&str>,
        address: &str,
    ) -> Result<CheckedSignUp> {
        let now = Utc::now();
        let since = now - TimeDelta::hours(1);
        if self.store.sign_ups_since(address, since).await? >= SIGN_UPS_PER_HOUR {
            return Err(ApiError::RateLimited.into());
        }
        let mut errors = FieldErrors::default();
        let email = Email::parse(email)
            .map_err(|e| errors.push("email", e))
            .ok();
        let name = DisplayName::parse_own(display_name)
            .map_err(|e| errors.push("display_name", e))
            .ok();
        let password = NewPassword::parse(password)
            .map_err(|e| errors.push("password", e))
            .ok();
        let districts = self.store.all_districts().await?;
        let home = match district.map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => {
                let found = d
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| districts.iter().find(|(_, x)| x.id == id));
                if found.is_none() {
                    errors.push("district", FieldError::UnknownOption);
                }
                found.map(|(ward, x)| (*ward, x.id))
            }
        };
        let (Some(email), Some(name), Some(password)) = (email, name, password) else {
            return Err(ApiError::Validation(errors).into());
        };
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors).into());
        }
        self.store.record_sign_up(address, now).await?;
        Ok(CheckedSignUp {
            email,
            name,
            password,
            home,
        })
    }

    /// District names by id, and the options for forms.
    async fn district_table(&self) -> Result<(HashMap<i64, Text>, Vec<DistrictOption>)> {
        let districts = self.store.all_districts().await?;
        let options: Vec<DistrictOption> = districts
            .iter()
            .map(|(_, d)| DistrictOption {
                id: d.id,
                name: district_name(d),
            })
            .collect();
        let names = options.iter().map(|o| (o.id, o.name.clone())).collect();
        Ok((names, options))
    }

    /// How a user stands towards a group.
    async fn group_standing(
        &self,
        user: Option<&CurrentUser>,
        group: &GroupRecord,
    ) -> Result<GroupStanding> {
        let Some(user) = user else {
            return Ok(GroupStanding {
                membership: None,
                staff: false,
                director: false,
            });
        };
        let staff = user.role.is_staff() && works_in(user, group.ward_id);
        let director = !staff
            && self
                .store
                .directed_districts(user.id)
                .await?
                .iter()
                .any(|d| group.fields.districts.contains(d));
        Ok(GroupStanding {
            membership: self.store.membership(group.id, user.id).await?,
            staff,
            director,
        })
    }

    /// A group and the reader's standing towards it; 404 for an unknown group and for one the
    /// reader may not see (so ids cannot be probed).
    pub(super) async fn visible_group(
        &self,
        user: Option<&CurrentUser>,
        id: i64,
    ) -> Result<(GroupRecord, GroupStanding)> {
        let Some(group) = self.store.group(id).await? else {
            return not_found();
        };
        let standing = self.group_standing(user, &group).await?;
        if !standing.may_see(group.status) {
            return not_found();
        }
        Ok((group, standing))
    }

    /// The directory: approved groups matching the query, the filters' choices, and the
    /// reader's own groups.
    pub async fn directory(
        &self,
        user: Option<&CurrentUser>,
        query: &DirectoryQuery,
    ) -> Result<DirectoryView> {
        let (names, districts) = self.district_table().await?;
        let groups = self.store.directory(query).await?;
        let mine = match user {
            Some(user) => self
                .store
                .groups_of(user.id)
                .await?
                .iter()
                .filter(|(g, m)| g.status == GroupStatus::Approved || *m == Membership::Organiser)
                .map(|(g, _)| card(g, &names))
                .collect(),
            None => Vec::new(),
        };
        Ok(DirectoryView {
            groups: groups.iter().map(|g| card(g, &names)).collect(),
            districts,
            tags: self.store.popular_tags(FILTER_TAGS).await?,
            query: query.clone(),
            mine,
            signed_in: user.is_some(),
            manages: match user {
                Some(user) => self.decides_groups(user).await?,
                None => false,
            },
        })
    }

    /// A group's page, as this reader may see it.
    pub async fn group_page(&self, user: Option<&CurrentUser>, id: i64) -> Result<GroupPage> {
        let (group, standing) = self.visible_group(user, id).await?;
        let (names, _) = self.district_table().await?;
        let contact = match group.fields.contact_policy {
            ContactPolicy::Public => Some(group.fields.contact.clone()),
            ContactPolicy::Members if standing.member() || standing.decider() => {
                Some(group.fields.contact.clone())
            }
            _ => None,
        }
        .filter(|c| !c.is_empty());
        let members = if standing.organiser() || standing.staff {
            Some(
                self.store
                    .group_members(id)
                    .await?
                    .into_iter()
                    .map(|m| MemberLine {
                        name: m.shown_name,
                        membership: m.membership,
                        joined_at: m.joined_at,
                    })
                    .collect(),
            )
        } else {
            None
        };
        let sees_reason = standing.organiser() || standing.decider();
        let (reader, with_hidden) = (
            user.map_or(0, |u| u.id),
            standing.organiser() || standing.staff,
        );
        let now = Utc::now();
        let surveys = if group.status == GroupStatus::Approved {
            self.open_surveys()
                .await?
                .into_iter()
                .map(|s| SurveyLink {
                    path: format!("/s/{}?via={id}", s.slug),
                    title: s.title,
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(GroupPage {
            card: card(&group, &names),
            description: group.fields.description.clone(),
            district_ids: group.fields.districts.clone(),
            status: group.status,
            contact_policy: group.fields.contact_policy,
            contact,
            decision_reason: if sees_reason {
                group.decision_reason.clone()
            } else {
                String::new()
            },
            mine: standing.membership,
            signed_in: user.is_some(),
            can: GroupAbilities {
                edit: standing.organiser() || standing.staff,
                decide: group.status == GroupStatus::Pending && standing.decider(),
                post: standing.organiser() && group.status == GroupStatus::Approved,
                manage_posts: standing.organiser(),
                log: standing.staff,
            },
            members,
            created_at: group.created_at,
            events: self
                .store
                .group_posts(id, reader, with_hidden, (true, now), POSTS_SHOWN)
                .await?,
            posts: self
                .store
                .group_posts(id, reader, with_hidden, (false, now), POSTS_SHOWN)
                .await?,
            attendees: if standing.organiser() {
                Attendees::gather(self.store.event_attendees(id).await?)
            } else {
                Vec::new()
            },
            surveys,
            origin: String::new(),
        })
    }

    /// Up to three approved groups to suggest on a survey's thank-you page: active in the
    /// respondent's home district (signed in), else in the districts the survey is for, else
    /// the ward's largest. Nothing about the answers is used.
    pub async fn suggested_groups(
        &self,
        user: Option<&CurrentUser>,
        slug: &str,
    ) -> Result<Vec<GroupCard>> {
        let Some(survey) = self.store.survey_by_slug(slug).await? else {
            return not_found();
        };
        let districts = match user.and_then(|u| u.district_id) {
            Some(home) => vec![home],
            None => self.store.survey_districts(survey.id).await?,
        };
        let mut groups: Vec<GroupRecord> = self
            .store
            .directory(&DirectoryQuery::default())
            .await?
            .into_iter()
            .filter(|g| {
                g.ward_id == survey.ward_id
                    && (districts.is_empty()
                        || g.fields.districts.iter().any(|d| districts.contains(d)))
            })
            .collect();
        groups.sort_by(|a, b| {
            (b.member_count + b.follower_count)
                .cmp(&(a.member_count + a.follower_count))
                .then(a.id.cmp(&b.id))
        });
        let (names, _) = self.district_table().await?;
        Ok(groups.iter().take(3).map(|g| card(g, &names)).collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests;
