//! Surveys: who may answer, what is stored, who may read the answers.

use super::Services;
use super::auth::new_form_key;
use crate::db::{Inserted, NewResponse, SurveyRecord};
use crate::error::{Result, not_found};
use chrono::{DateTime, Utc};
use shared::ApiError;
use shared::answer::collect_answers;
use shared::views::{
    Channel, CurrentUser, Receipt, Submission, SurveyForm, SurveyResponses, SurveyStatus,
    SurveySummary,
};

/// How many responses the staff page shows.
pub const LATEST_RESPONSES: i64 = 20;

/// Whether a survey accepts answers at `now`; the refusal to show when it does not.
pub fn check_open(survey: &SurveyRecord, now: DateTime<Utc>) -> Result<(), ApiError> {
    match survey.status {
        // A draft is invisible to residents: say "not found", not "not yet open".
        SurveyStatus::Draft => Err(ApiError::NotFound),
        SurveyStatus::Closed | SurveyStatus::Archived => Err(ApiError::SurveyClosed),
        SurveyStatus::Open => match (survey.opens_at, survey.closes_at) {
            (Some(opens), _) if now < opens => Err(ApiError::SurveyNotYetOpen),
            (_, Some(closes)) if now >= closes => Err(ApiError::SurveyClosed),
            _ => Ok(()),
        },
    }
}

/// An idempotency key as rendered into forms: 8 to 64 characters of `[A-Za-z0-9-]`.
fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Only admins and staff read answers.
fn require_staff(user: &CurrentUser) -> Result<()> {
    if user.role.is_staff() {
        Ok(())
    } else {
        Err(ApiError::Forbidden.into())
    }
}

impl Services {
    async fn survey_record(&self, slug: &str) -> Result<SurveyRecord> {
        match self.store.survey_by_slug(slug).await? {
            Some(survey) => Ok(survey),
            None => not_found(),
        }
    }

    /// An open survey as a form to answer.
    pub async fn survey_form(&self, slug: &str) -> Result<SurveyForm> {
        let survey = self.survey_record(slug).await?;
        check_open(&survey, Utc::now())?;
        Ok(SurveyForm {
            slug: survey.slug,
            title: survey.title,
            intro: survey.intro,
            definition: survey.definition,
            closes_at: survey.closes_at,
            idempotency_key: new_form_key(),
        })
    }

    /// Surveys open to residents now.
    pub async fn open_surveys(&self) -> Result<Vec<SurveySummary>> {
        self.store.surveys(Some(SurveyStatus::Open)).await
    }

    /// Validates and stores a response. Storing is idempotent per (survey, key): a repeated
    /// submit returns the first receipt with `newly_stored = false`.
    pub async fn submit(&self, submission: Submission, channel: Channel) -> Result<Receipt> {
        let survey = self.survey_record(&submission.slug).await?;
        let now = Utc::now();
        check_open(&survey, now)?;
        if !valid_key(&submission.idempotency_key) {
            return Err(ApiError::BadRequest.into());
        }
        let answers = collect_answers(&survey.definition, &submission.fields)
            .map_err(ApiError::Validation)?;
        let answers_json = serde_json::to_string(&answers)
            .map_err(|e| crate::error::Error::Corrupt(e.to_string()))?;
        let inserted = self
            .store
            .insert_response(&NewResponse {
                survey_id: survey.id,
                idempotency_key: submission.idempotency_key,
                answers_json,
                lang: submission.lang,
                channel,
                submitted_at: now,
            })
            .await?;
        Ok(match inserted {
            Inserted::New(id) => Receipt {
                response_id: id,
                newly_stored: true,
            },
            Inserted::Repeat(id) => Receipt {
                response_id: id,
                newly_stored: false,
            },
        })
    }

    /// Every survey (but archived ones), for staff.
    pub async fn staff_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>> {
        require_staff(user)?;
        self.store.surveys(None).await
    }

    /// The stored response count of one survey, for staff.
    pub async fn response_count(&self, user: &CurrentUser, survey_id: i64) -> Result<i64> {
        require_staff(user)?;
        match self.store.survey_by_id(survey_id).await? {
            Some(survey) => Ok(survey.response_count),
            None => not_found(),
        }
    }

    /// One survey and its latest responses, for staff.
    pub async fn survey_responses(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<SurveyResponses> {
        require_staff(user)?;
        let Some(survey) = self.store.survey_by_id(survey_id).await? else {
            return not_found();
        };
        let latest = self
            .store
            .latest_responses(survey.id, LATEST_RESPONSES)
            .await?;
        Ok(SurveyResponses {
            summary: SurveySummary {
                id: survey.id,
                slug: survey.slug,
                title: survey.title,
                status: survey.status,
                response_count: survey.response_count,
                last_response_at: survey.last_response_at,
            },
            definition: survey.definition,
            latest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use shared::survey::{Choice, Question, QuestionKind, SurveyDefinition, Text};

    fn record(
        status: SurveyStatus,
        opens: Option<i64>,
        closes: Option<i64>,
    ) -> Option<SurveyRecord> {
        let now = Utc::now();
        let definition = SurveyDefinition::new(vec![Question {
            id: "q".into(),
            label: Text::ja("質問"),
            help: None,
            required: false,
            kind: QuestionKind::SingleChoice {
                options: vec![
                    Choice {
                        value: "a".into(),
                        label: Text::ja("A"),
                    },
                    Choice {
                        value: "b".into(),
                        label: Text::ja("B"),
                    },
                ],
            },
        }])
        .ok()?;
        Some(SurveyRecord {
            id: 1,
            ward_id: 1,
            slug: "s".into(),
            title: Text::ja("t"),
            intro: Text::ja("i"),
            status,
            definition,
            opens_at: opens.map(|h| now + Duration::hours(h)),
            closes_at: closes.map(|h| now + Duration::hours(h)),
            response_count: 0,
            last_response_at: None,
        })
    }

    #[test]
    fn open_status_and_times_decide_whether_answers_are_taken() {
        let now = Utc::now();
        let check = |r: Option<SurveyRecord>| r.map(|r| check_open(&r, now));
        assert_eq!(check(record(SurveyStatus::Open, None, None)), Some(Ok(())));
        assert_eq!(
            check(record(SurveyStatus::Open, Some(-1), Some(1))),
            Some(Ok(()))
        );
        assert_eq!(
            check(record(SurveyStatus::Open, Some(1), None)),
            Some(Err(ApiError::SurveyNotYetOpen))
        );
        assert_eq!(
            check(record(SurveyStatus::Open, None, Some(-1))),
            Some(Err(ApiError::SurveyClosed))
        );
        assert_eq!(
            check(record(SurveyStatus::Closed, None, None)),
            Some(Err(ApiError::SurveyClosed))
        );
        assert_eq!(
            check(record(SurveyStatus::Draft, None, None)),
            Some(Err(ApiError::NotFound))
        );
    }

    #[test]
    fn idempotency_keys_have_a_safe_shape() {
        assert!(valid_key("0123456789abcdef"));
        assert!(!valid_key("short"));
        assert!(!valid_key("has spaces in it"));
        assert!(!valid_key(&"a".repeat(65)));
    }
}
