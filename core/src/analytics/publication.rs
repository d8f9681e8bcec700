//! What residents may see of results: the small-cell threshold and the published page.

use super::*;

impl Core {
    /// Sets the smallest group shown outside staff (1–100; staff only), audited.
    pub async fn set_min_cell(&self, user: &CurrentUser, survey_id: i64, k: i64) -> Result<()> {
        self.staff_survey(user, survey_id).await?;
        let Some(counts) = self.store.analytics_counts(survey_id).await? else {
            return not_found();
        };
        if !(1..=100).contains(&k) {
            let mut errors = shared::FieldErrors::default();
            errors.push(
                "k",
                shared::FieldError::OutOfRange {
                    min: Some("1".into()),
                    max: Some("100".into()),
                },
            );
            return Err(shared::ApiError::Validation(errors).into());
        }
        self.store.set_min_cell(survey_id, k).await?;
        self.store
            .audit_survey(
                user.id,
                "min_cell",
                survey_id,
                "smallest group shown outside staff",
                Some(&counts.min_cell.to_string()),
                Some(&k.to_string()),
                chrono::Utc::now(),
            )
            .await
    }

    /// Publishes the results of chosen questions for residents, with what the ward will do
    /// (staff only; not for a draft), or takes them down (`questions` empty and `withdraw`).
    pub async fn publish_results(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        questions: &[String],
        summary: &Text,
        withdraw: bool,
    ) -> Result<()> {
        let survey = self.staff_survey(user, survey_id).await?;
        let now = chrono::Utc::now();
        if withdraw {
            self.store.withdraw_results(survey_id).await?;
            return self
                .store
                .audit_survey(user.id, "withdraw_results", survey_id, "", None, None, now)
                .await;
        }
        if survey.status == SurveyStatus::Draft || survey.current_version_id.is_none() {
            return Err(shared::ApiError::Conflict.into());
        }
        let def = self.results_definition(&survey).await?;
        let chosen: Vec<String> = def
            .questions()
            .filter(|q| questions.contains(&q.id))
            .map(|q| q.id.clone())
            .collect();
        let mut errors = shared::FieldErrors::default();
        if chosen.is_empty() {
            errors.push("q", shared::FieldError::Required);
        }
        if summary.ja.trim().is_empty() {
            errors.push("summary_ja", shared::FieldError::Required);
        }
        if summary.ja.chars().count() > 4_000 {
            errors.push("summary_ja", shared::FieldError::TooLong { max: 4_000 });
        }
        if !errors.is_empty() {
            return Err(shared::ApiError::Validation(errors).into());
        }
        self.store
            .publish_results(survey_id, &chosen, summary, user.id, now)
            .await?;
        self.store
            .audit_survey(
                user.id,
                "publish_results",
                survey_id,
                &chosen.join(","),
                None,
                Some(&summary.ja),
                now,
            )
            .await
    }

    /// The published results of a survey, for anyone (small groups hidden); not found when
    /// nothing is published.
    pub async fn public_results(&self, slug: &str) -> Result<shared::analytics::PublicResults> {
        let survey = self.survey_record(slug).await?;
        let Some(publication) = self.store.publication(survey.id).await? else {
            return not_found();
        };
        if survey.status == SurveyStatus::Draft {
            return not_found();
        }
        let k = self.min_cell(survey.id).await?;
        let entry = self.cube(&survey).await?;
        let Some(cube) = entry.cube() else {
            return Err(crate::error::Error::Corrupt("cube missing".into()));
        };
        let all = shared::analytics::Filter::default();
        let questions = publication
            .questions
            .iter()
            .filter_map(|q| cube.result(q, &all, Some(k)))
            .collect();
        Ok(shared::analytics::PublicResults {
            slug: survey.slug.clone(),
            title: survey.title.clone(),
            summary: publication.summary,
            published_at: publication.published_at,
            min_cell: u32::try_from(k).unwrap_or(u32::MAX),
            total: cube.dashboard(&all, Some(k)).total,
            questions,
        })
    }
}
