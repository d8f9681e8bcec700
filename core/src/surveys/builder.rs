//! The survey builder: staff create surveys (blank or from the community-centre template),
//! change their questions one edit at a time, set who may answer and when, and publish.
//!
//! Every edit is checked by `shared::edit` before it is saved, so the working copy is always a
//! survey residents could answer; publishing freezes it as the next version.

use crate::Core;
use crate::access::require_staff;
use crate::db::{NewSurvey, SurveyRecord};
use crate::error::{Result, not_found};
use chrono::{DateTime, Utc};
use shared::ApiError;
use shared::answer::FormValues;
use shared::edit::{Edit, Saved, apply, made_question, question_from_form};
use shared::survey::{
    Question, QuestionKind, ResponsePolicy, Section, SurveyDefinition, SurveyStatus, Text,
};
use shared::views::{BuilderView, CurrentUser, SurveySummary};

mod lifecycle;
mod undo;

/// What a new survey starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// One page with one question.
    Blank,
    /// The built-in community-centre questionnaire.
    CommunityCentre,
    /// A form read from an XLSForm file (its title, if it has one, with its translations).
    Imported {
        /// The form's title, used when staff typed none.
        title: Option<Text>,
        /// The form's introduction.
        intro: Option<Text>,
        /// The questions.
        definition: SurveyDefinition,
    },
}

/// A survey's settings, as the builder's settings form sends them.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Title.
    pub title: Text,
    /// Introduction.
    pub intro: Text,
    /// Who may answer how often.
    pub policy: ResponsePolicy,
    /// When answers start being accepted.
    pub opens_at: Option<DateTime<Utc>>,
    /// When answers stop being accepted.
    pub closes_at: Option<DateTime<Utc>>,
    /// The districts it is for (none: the whole ward).
    pub districts: Vec<i64>,
}

/// A survey address: 3 to 64 lower-case letters, digits and hyphens.
pub fn valid_slug(slug: &str) -> bool {
    (3..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// The first 200 characters of a JSON text, for the audit log's detail column.
fn short_json(json: &str) -> String {
    json.chars().take(200).collect()
}

/// A district's name in the languages the ward gave it.
pub(crate) fn district_name(d: &crate::db::District) -> Text {
    Text {
        ja: d.name_ja.clone(),
        en: d.name_en.clone(),
        easy: d.name_easy.clone(),
    }
}

fn blank() -> Result<SurveyDefinition> {
    Ok(SurveyDefinition::new(vec![Section {
        id: "s1".into(),
        title: Text::ja("質問"),
        intro: None,
        questions: vec![Question {
            id: "q1".into(),
            label: Text::ja("新しい質問"),
            help: None,
            required: false,
            kind: QuestionKind::YesNo,
            show_if: None,
        }],
        show_if: None,
    }])?)
}

impl Core {
    /// The ward a staff member works in (the first ward for an admin of every ward).
    async fn ward_of(&self, user: &CurrentUser) -> Result<i64> {
        let wards = self.store.ward_ids().await?;
        match (user.ward_id, wards.first()) {
            (Some(w), _) => Ok(w),
            (None, Some(w)) => Ok(*w),
            (None, None) => Err(ApiError::Conflict.into()),
        }
    }

    /// Creates a draft survey and returns its id.
    pub async fn create_draft_survey(
        &self,
        user: &CurrentUser,
        slug: &str,
        title: &str,
        start: Start,
    ) -> Result<i64> {
        require_staff(user)?;
        let slug = slug.trim().to_ascii_lowercase();
        let mut errors = shared::FieldErrors::default();
        if !valid_slug(&slug) {
            errors.push("slug", shared::FieldError::Invalid);
        }
        let title = match (title.trim(), &start) {
            ("", Start::Imported { title: Some(t), .. }) => t.clone(),
            (typed, _) => Text::ja(typed),
        };
        if title.ja.trim().is_empty() {
            errors.push("title", shared::FieldError::Required);
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors).into());
        }
        let ward = self.ward_of(user).await?;
        let (definition, intro) = match start {
            Start::Blank => (blank()?, Text::ja("")),
            Start::CommunityCentre => {
                let districts: Vec<(String, Text)> = self
                    .store
                    .districts(ward)
                    .await?
                    .into_iter()
                    .map(|d| (d.code.clone(), district_name(&d)))
                    .collect();
                let template = shared::template::community_centre(&districts)?;
                (template.definition, template.intro)
            }
            Start::Imported {
                intro, definition, ..
            } => (definition, intro.unwrap_or_else(|| Text::ja(""))),
        };
        let now = Utc::now();
        let created = self
            .store
            .create_survey(
                &NewSurvey {
                    ward_id: ward,
                    slug: slug.clone(),
                    title,
                    intro,
                    status: SurveyStatus::Draft,
                    definition,
                    policy: ResponsePolicy::Open,
                    opens_at: None,
                    closes_at: None,
                    created_by: Some(user.id),
                },
                now,
            )
            .await;
        // A taken address is said as such, next to the address (not as a bare "conflict").
        let id = match created {
            Err(crate::error::Error::Api(ApiError::Conflict)) => {
                let mut errors = shared::FieldErrors::default();
                errors.push("slug", shared::FieldError::AddressTaken);
                return Err(ApiError::Validation(errors).into());
            }
            other => other?,
        };
        self.store
            .audit_survey(user.id, "survey_create", id, &slug, None, None, now)
            .await?;
        Ok(id)
    }

    /// The builder's view of a survey.
    pub async fn builder(&self, user: &CurrentUser, id: i64) -> Result<BuilderView> {
        let survey = self.staff_survey(user, id).await?;
        let version = match survey.current_version_id {
            Some(v) => self.store.version(v).await?,
            None => None,
        };
        let unpublished_changes = version.as_ref().is_none_or(|v| {
            v.definition != survey.definition || v.title != survey.title || v.intro != survey.intro
        });
        let districts = self
            .store
            .districts(survey.ward_id)
            .await?
            .into_iter()
            .map(|d| (d.id, district_name(&d)))
            .collect();
        Ok(BuilderView {
            summary: SurveySummary {
                id: survey.id,
                slug: survey.slug.clone(),
                title: survey.title.clone(),
                status: survey.status,
                response_count: survey.response_count,
                last_response_at: survey.last_response_at,
            },
            target_districts: self.store.survey_districts(id).await?,
            codes: self.store.code_counts(id).await?,
            published_version: version.map(|v| v.number),
            unpublished_changes,
            revision: survey.revision,
            in_review: survey.review_since,
            title: survey.title,
            intro: survey.intro,
            definition: survey.definition,
            policy: survey.policy,
            opens_at: survey.opens_at,
            closes_at: survey.closes_at,
            districts,
        })
    }

    /// Applies one builder edit to the working copy.
    pub async fn edit_survey(&self, user: &CurrentUser, id: i64, edit: &Edit) -> Result<Saved> {
        let survey = self.staff_survey(user, id).await?;
        self.save_edit(user, &survey, edit, None, "edit").await
    }

    /// Replaces one question with what the question editor posted. `base` is the revision the
    /// editor was opened at (its `rev` field): when someone saved this question since, nothing
    /// is saved and the answer is `EditConflict`.
    /// The question as the editor's form reads (`question_from_form`), without saving it: what
    /// the editor shows when its kind is switched.
    pub async fn question_as_typed(
        &self,
        user: &CurrentUser,
        id: i64,
        question_id: &str,
        form: &FormValues,
    ) -> Result<shared::survey::Question> {
        let survey = self.staff_survey(user, id).await?;
        match survey.definition.question(question_id) {
            Some(old) => Ok(question_from_form(old, form)),
            None => not_found(),
        }
    }

    pub async fn edit_question(
        &self,
        user: &CurrentUser,
        id: i64,
        question_id: &str,
        form: &FormValues,
    ) -> Result<Saved> {
        let survey = self.staff_survey(user, id).await?;
        let Some(old) = survey.definition.question(question_id) else {
            return not_found();
        };
        let base = form.first("rev").and_then(|r| r.parse().ok());
        let question = question_from_form(old, form);
        // The editor's own hint says to pick the earlier question first: its answers are listed
        // once it is chosen. A condition with a question but no answer yet is not saved; the
        // editor shows what was typed again, the answers to choose from, and says so there.
        if let Some(shared::survey::Condition::AnyOf { values, .. }) = &question.show_if
            && values.is_empty()
        {
            let mut errors = shared::FieldErrors::default();
            errors.push("if.value", shared::FieldError::Required);
            return Err(ApiError::Validation(errors).into());
        }
        let edit = Edit::ReplaceQuestion(Box::new(question));
        self.save_edit(user, &survey, &edit, base, "edit").await
    }

    /// Whether the question or page an edit is about changed between revision `base` and the
    /// working copy.
    async fn target_changed(&self, survey: &SurveyRecord, base: i64, edit: &Edit) -> Result<bool> {
        let Some(then) = self.store.revision_content(survey.id, base).await? else {
            return Ok(true);
        };
        let Some(target) = edit.target() else {
            return Ok(false);
        };
        let section =
            |def: &SurveyDefinition| def.sections().iter().find(|s| s.id == target).cloned();
        Ok(
            then.definition.question(target) != survey.definition.question(target)
                || section(&then.definition) != section(&survey.definition),
        )
    }

    /// Checks an edit against the working copy and saves it as the next revision, with its
    /// before and after in the audit log. Two saves never overwrite each other: the revision is
    /// compared and set in one statement, and a save that lost the race is tried again on the
    /// new working copy (and refused as `EditConflict` if it touches what the other changed).
    pub(crate) async fn save_edit(
        &self,
        user: &CurrentUser,
        survey: &SurveyRecord,
        edit: &Edit,
        base: Option<i64>,
        note: &str,
    ) -> Result<Saved> {
        let id = survey.id;
        let mut survey = survey.clone();
        for _ in 0..3 {
            if survey.status == SurveyStatus::Archived {
                return Err(ApiError::Conflict.into());
            }
            if let Some(base) = base
                && base != survey.revision
                && self.target_changed(&survey, base, edit).await?
                && self.store.others_saved_since(id, base, user.id).await?
            {
                return Err(ApiError::EditConflict {
                    revision: survey.revision,
                }
                .into());
            }
            let definition = apply(&survey.definition, edit).map_err(ApiError::Definition)?;
            let content = shared::codesign::Content {
                definition,
                ..survey.content()
            };
            let now = Utc::now();
            if let Some(saved) = self
                .store
                .save_content(id, survey.revision, &content, user.id, note, now)
                .await?
            {
                let target = edit.target().unwrap_or_default();
                let json = |def: &SurveyDefinition| {
                    def.question(target)
                        .map(|q| serde_json::to_string(q).unwrap_or_default())
                        .or_else(|| {
                            def.sections()
                                .iter()
                                .find(|s| s.id == target)
                                .map(|s| serde_json::to_string(&s.title).unwrap_or_default())
                        })
                };
                let what = serde_json::to_string(edit).unwrap_or_default();
                self.store
                    .audit_survey(
                        user.id,
                        "survey_edit",
                        id,
                        &format!("revision {saved}: {}", short_json(&what)),
                        json(&survey.definition).as_deref(),
                        json(&content.definition).as_deref(),
                        now,
                    )
                    .await?;
                return Ok(Saved {
                    revision: saved,
                    made: made_question(&survey.definition, &content.definition),
                });
            }
            survey = self.staff_survey(user, id).await?;
        }
        Err(ApiError::Conflict.into())
    }
}

#[cfg(test)]
mod tests;
