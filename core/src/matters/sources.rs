//! Matters logged from what Yoriai already holds: a survey's free-text answer ("log this" on
//! the texts page). The respondent stays anonymous: the matter quotes the text and knows the
//! district it came from, never the response, its time or anything else about who wrote it.

use super::store::NewMatter;
use crate::Core;
use crate::db::on_pool;
use crate::error::{Result, not_found};
use chrono::Utc;
use shared::matters::{MAX_TEXT_CHARS, MatterFields, MatterKind, MatterSource};
use shared::views::CurrentUser;

/// How many characters of the text the title takes.
const TITLE_CHARS: usize = 40;

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
}

impl Core {
    /// Logs a free-text answer as a matter (staff of the survey's ward): the text quoted, its
    /// response's district (the whole ward when it has none), nothing about its respondent. The
    /// same text logged again is the same matter. Audited.
    pub async fn log_free_text(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        key: &str,
        text: i64,
    ) -> Result<i64> {
        let survey = self.staff_survey(user, survey_id).await?;
        let Some((body, district)) = self.store.free_text(survey.id, key, text).await? else {
            return not_found();
        };
        let districts = match district {
            Some(d) => vec![d],
            None => self
                .store
                .districts(survey.ward_id)
                .await?
                .iter()
                .map(|d| d.id)
                .collect(),
        };
        let quoted: String = body.chars().take(MAX_TEXT_CHARS).collect();
        let fields = MatterFields {
            title: shortened(&body, TITLE_CHARS),
            description: format!("「{}」のアンケートの自由記述から。", survey.title.ja),
            kind: MatterKind::Information,
            districts,
            place: None,
            point: None,
            follow_up_on: None,
        };
        let reference = format!("text:{}:{key}:{text}", survey.id);
        let now = Utc::now();
        let id = self
            .store
            .insert_matter(
                &NewMatter {
                    ward: survey.ward_id,
                    fields: &fields,
                    source: MatterSource::SurveyText,
                    source_ref: Some(reference.clone()),
                    source_excerpt: Some(quoted),
                    reported_by: None,
                    created_by: user.id,
                    form_key: Some(&reference),
                },
                now,
            )
            .await?;
        self.store
            .audit(
                Some(user.id),
                "log_free_text",
                &format!("matter {id}: {reference}"),
                now,
            )
            .await?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_are_the_start_of_the_text_on_one_line() {
        assert_eq!(
            super::shortened("公園の\n街灯が暗い", 40),
            "公園の 街灯が暗い"
        );
        assert_eq!(super::shortened("あいうえおかきくけこ", 5), "あいうえお…");
    }
}
