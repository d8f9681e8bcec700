//! Matters logged from what Yoriai already holds ("log this"): a survey's free-text answer, a
//! comment on a survey draft, a group's post, or the reports about a group or post. The matter
//! quotes the text, names its district and links back to it. A free-text answer's respondent
//! and the people who reported a group stay anonymous: the matter knows neither the response,
//! its time, nor who reported.

use super::store::NewMatter;
use crate::Core;
use crate::access::{require_staff, works_in};
use crate::db::on_pool;
use crate::error::{Result, not_found};
use chrono::Utc;
use shared::answer::FormValues;
use shared::matters::{MAX_TEXT_CHARS, MatterFields, MatterKind, MatterSource};
use shared::network::reports::Target;
use shared::views::CurrentUser;

/// How many characters of the text the title takes.
const TITLE_CHARS: usize = 40;

/// What staff log a matter from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A survey's free-text answer (`key`: its question, or the question's "other" text).
    SurveyText {
        /// The survey.
        survey: i64,
        /// The question.
        key: String,
        /// The text's id.
        text: i64,
    },
    /// A comment on a survey draft (a council member's, as a rule).
    Comment {
        /// The survey.
        survey: i64,
        /// The comment.
        comment: i64,
    },
    /// A group's post.
    Post(i64),
    /// The open reports about a group (`post` none) or one of its posts.
    Report {
        /// The group.
        group: i64,
        /// The post, if the reports are about one.
        post: Option<i64>,
    },
}

impl Origin {
    /// The origin a "log this" form names: `from` (`comment`, `post` or `report`) and its ids
    /// (`survey` and `comment`; `post`; `group` and maybe `post`).
    pub fn from_form(values: &FormValues) -> Option<Origin> {
        let id = |name: &str| {
            values
                .first(name)
                .and_then(|v| v.trim().parse::<i64>().ok())
        };
        match values.first("from")? {
            "comment" => Some(Origin::Comment {
                survey: id("survey")?,
                comment: id("comment")?,
            }),
            "post" => Some(Origin::Post(id("post")?)),
            // The same fields as the report and moderation forms, read the same way.
            "report" => Target::from_form(values).map(|t| Origin::Report {
                group: t.group,
                post: t.post,
            }),
            _ => None,
        }
    }

    /// The page a refusal goes back to.
    pub fn page(&self) -> String {
        match self {
            Origin::SurveyText { survey, key, .. } => {
                format!("/staff/surveys/{survey}/texts/{key}")
            }
            Origin::Comment { survey, .. } => format!("/review/{survey}"),
            Origin::Post(_) | Origin::Report { .. } => "/groups/reports".to_string(),
        }
    }
}

/// What an origin gives the matter.
struct Found {
    ward: i64,
    title: String,
    description: String,
    source: MatterSource,
    /// The quoted text.
    excerpt: String,
    /// Its districts; none: the whole ward.
    districts: Vec<i64>,
    /// `text:{survey}:{key}:{text}`, `comment:{survey}:{comment}`, `post:{group}:{post}` or
    /// `report:{group}[:{post}]`: the link back, and the form key that makes logging twice
    /// give the same matter.
    reference: String,
}

/// The first `n` characters of `text` on one line, with "…" when it was longer.
fn shortened(text: &str, n: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = line.chars().take(n).collect();
    if line.chars().count() > n {
        out.push('…');
    }
    out
}

impl crate::db::Store {
    /// A free-text answer of a survey's question (`key`: the question, or its "other" text):
    /// its text and the district of its response.
    pub(crate) async fn free_text(
        &self,
        survey: i64,
        key: &str,
        text: i64,
    ) -> Result<Option<(String, Option<i64>)>> {
        let sql = "SELECT t.body, r.district_id FROM response_texts t \
                   JOIN responses r ON r.id = t.response_id \
                   WHERE t.id = $1 AND t.survey_id = $2 AND t.question_id = $3";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(text)
            .bind(survey)
            .bind(key)
            .fetch_optional(pool)
            .await?))
    }

    /// A post not removed: its group, title and text.
    async fn post_text(&self, post: i64) -> Result<Option<(i64, String, String)>> {
        let sql = "SELECT group_id, title, body FROM group_posts \
                   WHERE id = $1 AND status <> 'removed'";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(post)
            .fetch_optional(pool)
            .await?))
    }

    /// The reasons of the open reports about a group (`post` none) or one of its posts, oldest
    /// first; nothing about who reported.
    async fn open_report_reasons(&self, group: i64, post: Option<i64>) -> Result<Vec<String>> {
        let sql = "SELECT reason FROM reports WHERE group_id = $1 \
                   AND COALESCE(post_id, 0) = $2 AND status = 'open' ORDER BY id";
        let rows: Vec<(String,)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(group)
            .bind(post.unwrap_or(0))
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(|(r,)| r).collect())
    }

    /// The matter already logged from the source with this reference, if any.
    async fn matter_logged_from(&self, reference: &str) -> Result<Option<i64>> {
        let sql = "SELECT id FROM matters WHERE form_key = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(reference)
            .fetch_optional(pool)
            .await?))
    }

    /// The home district of an account.
    async fn home_district(&self, user: i64) -> Result<Option<i64>> {
        let sql = "SELECT district_id FROM users WHERE id = $1";
        let row: Option<(Option<i64>,)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user)
            .fetch_optional(pool)
            .await?);
        Ok(row.and_then(|(d,)| d))
    }
}

/// A matter logged from a source: its id, and whether it had been logged before (nothing new
/// was stored then).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Logged {
    /// The matter.
    pub id: i64,
    /// Logged earlier from the same source.
    pub already: bool,
}

impl Core {
    /// Logs what `origin` names as a matter (staff of its ward): the text quoted, its district
    /// (the whole ward when it has none), a link back, nothing about an anonymous respondent or
    /// a reporter. The same origin logged again is the same matter (`already`). Audited.
    pub async fn log_source(&self, user: &CurrentUser, origin: &Origin) -> Result<Logged> {
        require_staff(user)?;
        let Some(found) = self.find_origin(user, origin).await? else {
            return not_found();
        };
        if let Some(id) = self.store.matter_logged_from(&found.reference).await? {
            return Ok(Logged { id, already: true });
        }
        let districts = if found.districts.is_empty() {
            self.store
                .districts(found.ward)
                .await?
                .iter()
                .map(|d| d.id)
                .collect()
        } else {
            found.districts
        };
        let fields = MatterFields {
            title: found.title,
            description: found.description,
            kind: MatterKind::Information,
            districts,
            place: None,
            point: None,
            follow_up_on: None,
        };
        let now = Utc::now();
        let id = self
            .store
            .insert_matter(
                &NewMatter {
                    ward: found.ward,
                    fields: &fields,
                    source: found.source,
                    source_ref: Some(found.reference.clone()),
                    source_excerpt: Some(found.excerpt.chars().take(MAX_TEXT_CHARS).collect()),
                    reported_by: None,
                    created_by: user.id,
                    form_key: Some(&found.reference),
                },
                now,
            )
            .await?;
        self.store
            .audit(
                Some(user.id),
                "log_source",
                &format!("matter {id}: {}", found.reference),
                now,
            )
            .await?;
        Ok(Logged { id, already: false })
    }

    /// What `origin` gives a matter, if it exists and `user` (staff) works in its ward.
    async fn find_origin(&self, user: &CurrentUser, origin: &Origin) -> Result<Option<Found>> {
        Ok(match origin {
            Origin::SurveyText { survey, key, text } => {
                let survey = self.staff_survey(user, *survey).await?;
                self.store
                    .free_text(survey.id, key, *text)
                    .await?
                    .map(|(body, district)| Found {
                        ward: survey.ward_id,
                        title: shortened(&body, TITLE_CHARS),
                        description: format!("「{}」のアンケートの自由記述から。", survey.title.ja),
                        source: MatterSource::SurveyText,
                        excerpt: body,
                        districts: district.into_iter().collect(),
                        reference: format!("text:{}:{key}:{text}", survey.id),
                    })
            }
            Origin::Comment { survey, comment } => {
                let survey = self.staff_survey(user, *survey).await?;
                match self.store.comment(*comment).await? {
                    Some(c) if c.survey_id == survey.id => Some(Found {
                        ward: survey.ward_id,
                        title: shortened(&c.body, TITLE_CHARS),
                        description: format!(
                            "「{}」の検討での{}さんのコメントから。",
                            survey.title.ja, c.author
                        ),
                        source: if c.author_role.is_staff() {
                            MatterSource::Staff
                        } else {
                            MatterSource::CouncilComment
                        },
                        excerpt: c.body,
                        districts: self
                            .store
                            .home_district(c.author_id)
                            .await?
                            .into_iter()
                            .collect(),
                        reference: format!("comment:{}:{comment}", survey.id),
                    }),
                    _ => None,
                }
            }
            Origin::Post(post) => match self.store.post_text(*post).await? {
                Some((group_id, title, body)) => {
                    self.staff_group(user, group_id)
                        .await?
                        .map(|(ward, name, districts)| Found {
                            ward,
                            title: shortened(&title, TITLE_CHARS),
                            description: format!("「{name}」の投稿から。"),
                            source: MatterSource::GroupPost,
                            excerpt: format!("{title}\n{body}"),
                            districts,
                            reference: format!("post:{group_id}:{post}"),
                        })
                }
                None => None,
            },
            Origin::Report { group, post } => {
                let Some((ward, name, districts)) = self.staff_group(user, *group).await? else {
                    return Ok(None);
                };
                let (what, text) = match post {
                    Some(p) => match self.store.post_text(*p).await? {
                        Some((g, title, body)) if g == *group => {
                            (format!("「{name}」の投稿「{title}」"), body)
                        }
                        _ => return Ok(None),
                    },
                    None => (format!("グループ「{name}」"), String::new()),
                };
                let reasons = self.store.open_report_reasons(*group, *post).await?;
                if reasons.is_empty() {
                    return Ok(None);
                }
                let mut excerpt = reasons
                    .iter()
                    .map(|r| format!("・{r}"))
                    .collect::<Vec<_>>()
                    .join("\n");
                if !text.is_empty() {
                    excerpt = format!("{excerpt}\n\n{text}");
                }
                Some(Found {
                    ward,
                    title: shortened(&format!("{what}への通報"), TITLE_CHARS),
                    description: format!(
                        "{what}について住民から{}件の通報がありました（通報した人は記録しません）。",
                        reasons.len()
                    ),
                    source: MatterSource::GroupReport,
                    excerpt,
                    districts,
                    reference: match post {
                        Some(p) => format!("report:{group}:{p}"),
                        None => format!("report:{group}"),
                    },
                })
            }
        })
    }

    /// A group's ward, name and districts, if `user` is staff of its ward.
    async fn staff_group(
        &self,
        user: &CurrentUser,
        group: i64,
    ) -> Result<Option<(i64, String, Vec<i64>)>> {
        Ok(self
            .store
            .group(group)
            .await?
            .filter(|g| works_in(user, g.ward_id))
            .map(|g| (g.ward_id, g.fields.name.clone(), g.fields.districts.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;
    use shared::answer::FormValues;

    #[test]
    fn titles_are_the_start_of_the_text_on_one_line() {
        assert_eq!(
            super::shortened("公園の\n街灯が暗い", 40),
            "公園の 街灯が暗い"
        );
        assert_eq!(super::shortened("あいうえおかきくけこ", 5), "あいうえお…");
    }

    #[test]
    fn log_forms_name_their_origin() {
        let form = |pairs: &[(&str, &str)]| {
            let mut v = FormValues::default();
            for (k, x) in pairs {
                v.push(*k, *x);
            }
            Origin::from_form(&v)
        };
        assert_eq!(
            form(&[("from", "comment"), ("survey", "3"), ("comment", "9")]),
            Some(Origin::Comment {
                survey: 3,
                comment: 9
            })
        );
        assert_eq!(
            form(&[("from", "post"), ("post", "12")]),
            Some(Origin::Post(12))
        );
        assert_eq!(
            form(&[("from", "report"), ("group", "5")]),
            Some(Origin::Report {
                group: 5,
                post: None
            })
        );
        assert_eq!(
            form(&[("from", "report"), ("group", "5"), ("post", "7")]),
            Some(Origin::Report {
                group: 5,
                post: Some(7)
            })
        );
        assert_eq!(
            form(&[("from", "report"), ("group", "5"), ("post", "x")]),
            None
        );
        assert_eq!(form(&[("from", "comment"), ("survey", "3")]), None);
        assert_eq!(form(&[("from", "text"), ("survey", "3")]), None);
        assert_eq!(form(&[("post", "12")]), None);
    }
}
