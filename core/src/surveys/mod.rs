//! Surveys: who may answer, what is stored, who may read the answers.

pub mod builder;
mod store;
pub mod xlsform;

use crate::Core;
use crate::access::require_staff;
use crate::db::SurveyRecord;
use crate::error::{Result, not_found};
use chrono::{DateTime, Utc};
use rand::RngCore;
use shared::ApiError;
use shared::survey::SurveyStatus;
use shared::views::{CurrentUser, SurveyResponses, SurveySummary};

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

/// The most invitation codes made in one go (one per household of a large district).
pub const MAX_CODES_AT_ONCE: usize = 5_000;

impl Core {
    /// The survey with this slug, or not found.
    pub async fn survey_record(&self, slug: &str) -> Result<SurveyRecord> {
        match self.store.survey_by_slug(slug).await? {
            Some(survey) => Ok(survey),
            None => not_found(),
        }
    }

    /// Surveys open to residents now.
    pub async fn open_surveys(&self) -> Result<Vec<SurveySummary>> {
        self.store.surveys(Some(SurveyStatus::Open), None).await
    }

    /// Makes `count` new single-use invitation codes for a survey (staff only), optionally for
    /// one district, and returns them.
    pub async fn create_codes(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        count: usize,
        district_id: Option<i64>,
    ) -> Result<Vec<String>> {
        self.staff_survey(user, survey_id).await?;
        if !(1..=MAX_CODES_AT_ONCE).contains(&count) {
            return Err(ApiError::BadRequest.into());
        }
        let mut codes: Vec<String> = Vec::with_capacity(count);
        while codes.len() < count {
            let mut bytes = [0u8; shared::invitation::BODY_LEN];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            if let Some(code) = shared::invitation::code_from_bytes(&bytes)
                && !codes.contains(&code)
            {
                codes.push(code);
            }
        }
        let now = Utc::now();
        self.store
            .create_codes(survey_id, &codes, district_id, now)
            .await?;
        self.store
            .audit_survey(
                user.id,
                "create_codes",
                survey_id,
                &format!("{count} codes"),
                None,
                None,
                now,
            )
            .await?;
        Ok(codes)
    }

    /// Every survey of the staff member's ward (but archived ones).
    pub async fn staff_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>> {
        require_staff(user)?;
        self.store.surveys(None, user.ward_id).await
    }

    /// The archived surveys of the staff member's ward, to look at or restore.
    pub async fn archived_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>> {
        require_staff(user)?;
        self.store
            .surveys(Some(SurveyStatus::Archived), user.ward_id)
            .await
    }

    /// The stored response count of one survey, for staff.
    pub async fn response_count(&self, user: &CurrentUser, survey_id: i64) -> Result<i64> {
        Ok(self.staff_survey(user, survey_id).await?.response_count)
    }

    /// One survey and its latest responses, for staff.
    pub async fn survey_responses(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<SurveyResponses> {
        let survey = self.staff_survey(user, survey_id).await?;
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
    use shared::survey::{Question, QuestionKind, ResponsePolicy, Section, SurveyDefinition, Text};

    fn record(
        status: SurveyStatus,
        opens: Option<i64>,
        closes: Option<i64>,
    ) -> Option<SurveyRecord> {
        let now = Utc::now();
        let definition = SurveyDefinition::new(vec![Section {
            id: "s".into(),
            title: Text::ja("s"),
            intro: None,
            questions: vec![Question {
                id: "q".into(),
                label: Text::ja("質問"),
                help: None,
                required: false,
                kind: QuestionKind::YesNo,
                show_if: None,
            }],
            show_if: None,
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
            policy: ResponsePolicy::Open,
            current_version_id: Some(1),
            double_entry: false,
            opens_at: opens.map(|h| now + Duration::hours(h)),
            closes_at: closes.map(|h| now + Duration::hours(h)),
            response_count: 0,
            last_response_at: None,
            revision: 1,
            review_since: None,
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
}
