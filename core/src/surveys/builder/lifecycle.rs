//! A survey's settings, publishing, and its status from open to archived and back.

use super::*;

impl Core {
    /// Changes the title, introduction, policy, times and target districts.
    pub async fn update_survey_settings(
        &self,
        user: &CurrentUser,
        id: i64,
        settings: &Settings,
    ) -> Result<()> {
        let survey = self.staff_survey(user, id).await?;
        if let (Some(opens), Some(closes)) = (settings.opens_at, settings.closes_at)
            && opens >= closes
        {
            let mut errors = shared::FieldErrors::default();
            errors.push("closes_at", shared::FieldError::Invalid);
            return Err(ApiError::Validation(errors).into());
        }
        let known = self.store.districts(survey.ward_id).await?;
        let districts: Vec<i64> = settings
            .districts
            .iter()
            .copied()
            .filter(|d| known.iter().any(|k| k.id == *d))
            .collect();
        let mut survey = survey;
        let mut saved = false;
        for _ in 0..3 {
            if survey.title == settings.title && survey.intro == settings.intro {
                saved = true;
                break;
            }
            let content = shared::codesign::Content {
                title: settings.title.clone(),
                intro: settings.intro.clone(),
                definition: survey.definition.clone(),
            };
            let stored = self
                .store
                .save_content(
                    id,
                    survey.revision,
                    &content,
                    user.id,
                    "settings",
                    Utc::now(),
                )
                .await?;
            if stored.is_some() {
                saved = true;
                break;
            }
            survey = self.staff_survey(user, id).await?;
        }
        if !saved {
            return Err(ApiError::Conflict.into());
        }
        let now = Utc::now();
        self.store
            .update_settings(
                id,
                settings.policy,
                settings.opens_at,
                settings.closes_at,
                &districts,
                now,
            )
            .await?;
        self.store
            .audit_survey(
                user.id,
                "survey_settings",
                id,
                &format!("policy {}", settings.policy.as_str()),
                Some(&format!("{} / {}", survey.policy.as_str(), survey.title.ja)),
                Some(&format!(
                    "{} / {}",
                    settings.policy.as_str(),
                    settings.title.ja
                )),
                now,
            )
            .await
    }

    /// Publishes the working copy as the next version (a draft opens; an open or closed survey
    /// keeps its status). Returns the version number.
    pub async fn publish_survey(&self, user: &CurrentUser, id: i64) -> Result<i64> {
        let survey = self.staff_survey(user, id).await?;
        if survey.status == SurveyStatus::Archived {
            return Err(ApiError::Conflict.into());
        }
        let now = Utc::now();
        let version = self.store.publish_version(id, Some(user.id), now).await?;
        if survey.status == SurveyStatus::Draft {
            self.store.set_survey_status(id, SurveyStatus::Open).await?;
        }
        let number = match self.store.version(version).await? {
            Some(v) => v.number,
            None => return not_found(),
        };
        self.store
            .audit_survey(
                user.id,
                "survey_publish",
                id,
                &format!("version {number}, revision {}", survey.revision),
                Some(survey.status.as_str()),
                Some(&format!("version {number}")),
                now,
            )
            .await?;
        self.notify_published(user, id, number).await?;
        Ok(number)
    }

    /// Closes, reopens or archives a survey. Opening a draft is publishing it.
    pub async fn set_survey_status(
        &self,
        user: &CurrentUser,
        id: i64,
        status: SurveyStatus,
    ) -> Result<()> {
        let survey = self.staff_survey(user, id).await?;
        if survey.status == SurveyStatus::Archived {
            // Out of the archive only through `restore_survey`, which knows where it goes.
            return Err(ApiError::Conflict.into());
        }
        self.change_status(user, &survey, status).await
    }

    /// Takes an archived survey back out of the archive, as it was before: closed if it was
    /// ever published, a draft otherwise. Returns the status it has now.
    pub async fn restore_survey(&self, user: &CurrentUser, id: i64) -> Result<SurveyStatus> {
        let survey = self.staff_survey(user, id).await?;
        if survey.status != SurveyStatus::Archived {
            return Err(ApiError::Conflict.into());
        }
        let status = if survey.current_version_id.is_some() {
            SurveyStatus::Closed
        } else {
            SurveyStatus::Draft
        };
        self.change_status(user, &survey, status).await?;
        Ok(status)
    }

    pub(super) async fn change_status(
        &self,
        user: &CurrentUser,
        survey: &SurveyRecord,
        status: SurveyStatus,
    ) -> Result<()> {
        let id = survey.id;
        use SurveyStatus as S;
        let allowed = matches!(
            (survey.status, status),
            (S::Open, S::Closed)
                | (S::Closed, S::Open)
                | (S::Closed | S::Draft, S::Archived)
                | (S::Archived, S::Closed | S::Draft)
        );
        if !allowed {
            return Err(ApiError::Conflict.into());
        }
        let now = Utc::now();
        self.store.set_survey_status(id, status).await?;
        self.store
            .audit_survey(
                user.id,
                "survey_status",
                id,
                "",
                Some(survey.status.as_str()),
                Some(status.as_str()),
                now,
            )
            .await
    }

    /// A survey's invitation codes (staff only): the code, and whether it was used.
    pub async fn survey_codes(&self, user: &CurrentUser, id: i64) -> Result<Vec<(String, bool)>> {
        self.staff_survey(user, id).await?;
        Ok(self
            .store
            .codes(id)
            .await?
            .into_iter()
            .map(|c| (c.code, c.used))
            .collect())
    }
}
