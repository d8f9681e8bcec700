//! Paper answers typed in by staff.
//!
//! Staff write a number on each returned sheet (整理番号) and type it with the answers, as the
//! numbers printed beside the options. The sheet number is the response's idempotency key, so a
//! sheet is stored once however often it is sent. With double entry on, a sheet is stored only
//! when two different operators typed the same thing; when they differ, a member of staff looks
//! at the paper and settles each differing question. Every typing is kept with its operator.

mod store;

use crate::Core;
use crate::db::{NewResponse, SurveyRecord, VersionRecord};
use crate::error::{Result, not_found};
use chrono::Utc;
use shared::answer::{Answers, Channel, FormValues};
use shared::paper::{differences, entry_answers, resolve};
use shared::survey::{ResponsePolicy, SurveyStatus};
use shared::views::{CurrentUser, DifferencesView, EntryPass, EntryView, WaitingSheet};
use shared::{ApiError, FieldError, FieldErrors, Lang};
use std::sync::Arc;

mod differences;

pub use store::{PaperEntryRecord, sheet_key};

/// The longest sheet number accepted.
pub const SHEET_MAX_LEN: usize = 20;

/// What became of a typed sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entered {
    /// The response is stored.
    Stored,
    /// The first of two typings is kept; the sheet waits for a second operator.
    FirstOfTwo,
    /// The second typing differs from the first: someone must settle it.
    Differs,
}

/// A sheet number as written: digits (full-width too), letters and hyphens, at most
/// [`SHEET_MAX_LEN`] characters; `None` otherwise.
pub fn sheet_number(typed: &str) -> Option<String> {
    let sheet: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            'ー' | '－' => '-',
            c => c,
        })
        .collect();
    let ok = !sheet.is_empty()
        && sheet.chars().count() <= SHEET_MAX_LEN
        && sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some(sheet)
}

impl Core {
    /// The survey and the version paper answers are typed against: published, not archived.
    async fn entry_survey(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<(SurveyRecord, Arc<VersionRecord>)> {
        let survey = self.staff_survey(user, survey_id).await?;
        if survey.status == SurveyStatus::Archived {
            return Err(ApiError::SurveyClosed.into());
        }
        let version = match survey.current_version_id {
            Some(id) if survey.status != SurveyStatus::Draft => self.store.version(id).await?,
            _ => None,
        };
        match version {
            Some(version) => Ok((survey, version)),
            None => not_found(),
        }
    }

    /// The paper entry page.
    pub async fn paper_entry(&self, user: &CurrentUser, survey_id: i64) -> Result<EntryView> {
        let (survey, version) = self.entry_survey(user, survey_id).await?;
        let pending = self.store.pending_paper_entries(survey_id).await?;
        let mut waiting = Vec::new();
        let mut differing = Vec::new();
        for entry in &pending {
            let typings = pending.iter().filter(|e| e.sheet == entry.sheet).count();
            match (entry.pass, typings) {
                (1, 1) => waiting.push(WaitingSheet {
                    sheet: entry.sheet.clone(),
                    operator: entry.operator_name.clone(),
                    entered_at: entry.entered_at,
                }),
                (1, _) => differing.push(entry.sheet.clone()),
                _ => {}
            }
        }
        Ok(EntryView {
            survey_id,
            title: version.title.clone(),
            status: survey.status,
            version: version.number,
            definition: version.definition.clone(),
            policy: survey.policy,
            double_entry: survey.double_entry,
            paper_count: self.store.paper_response_count(survey_id).await?,
            waiting,
            differing,
        })
    }

    /// Reads a typed sheet: its number, code and answers; every mistake at its field.
    async fn read_sheet(
        &self,
        survey: &SurveyRecord,
        version: &VersionRecord,
        form: &FormValues,
    ) -> Result<(String, Option<String>, Answers)> {
        let mut errors = FieldErrors::default();
        let sheet = sheet_number(form.first("sheet").unwrap_or_default());
        if sheet.is_none() {
            let blank = form.first("sheet").unwrap_or_default().trim().is_empty();
            errors.push(
                "sheet",
                if blank {
                    FieldError::Required
                } else {
                    FieldError::Invalid
                },
            );
        }
        let answers = match entry_answers(&version.definition, form) {
            Ok(answers) => Some(answers),
            Err(more) => {
                errors.0.extend(more.0);
                None
            }
        };
        let (Some(sheet), Some(answers)) = (sheet, answers) else {
            return Err(ApiError::Validation(errors).into());
        };
        let typed_code = form.first("code").unwrap_or_default().trim();
        let code = if survey.policy == ResponsePolicy::Code && !typed_code.is_empty() {
            self.check_code(survey, typed_code).await?;
            shared::invitation::normalise(typed_code)
        } else {
            None
        };
        Ok((sheet, code, answers))
    }

    /// Takes one typed sheet (staff only): stores it, or keeps it as the first of two typings,
    /// or reports that two typings differ.
    pub async fn enter_paper(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        form: &FormValues,
    ) -> Result<(String, Entered)> {
        let (survey, version) = self.entry_survey(user, survey_id).await?;
        let (sheet, code, answers) = self.read_sheet(&survey, &version, form).await?;
        if self.store.sheet_stored(survey_id, &sheet).await? {
            return Err(ApiError::SheetStored.into());
        }
        let json = serde_json::to_string(&answers)
            .map_err(|e| crate::error::Error::Corrupt(e.to_string()))?;
        let now = Utc::now();
        let earlier = self.store.paper_entries(survey_id, &sheet).await?;
        if !survey.double_entry {
            // A first typing left waiting when double entry was switched off is settled by
            // this one (and linked to the response).
            let waiting = earlier.iter().map(|e| e.id).collect();
            self.store_sheet(
                &survey,
                version.id,
                &sheet,
                &answers,
                code.as_deref(),
                user,
                waiting,
            )
            .await?;
            return Ok((sheet, Entered::Stored));
        }
        let pass = match earlier.as_slice() {
            [] => 1,
            [first] if first.operator_id == user.id => return Err(ApiError::SameOperator.into()),
            [_] => 2,
            _ => return Err(ApiError::SheetDiffers.into()),
        };
        let Some(id) = self
            .store
            .insert_paper_entry(
                survey_id,
                version.id,
                &sheet,
                pass,
                user.id,
                &json,
                code.as_deref(),
                now,
            )
            .await?
        else {
            // Someone else typed this pass of this sheet at the same moment.
            return Err(ApiError::Conflict.into());
        };
        self.store
            .audit_survey(
                user.id,
                "paper_typed",
                survey_id,
                &format!("sheet {sheet} pass {pass}"),
                None,
                None,
                now,
            )
            .await?;
        let [first] = earlier.as_slice() else {
            return Ok((sheet, Entered::FirstOfTwo));
        };
        let def = &version.definition;
        if differences(def, &first.answers, &answers).is_empty() && first.code == code {
            self.store_sheet(
                &survey,
                version.id,
                &sheet,
                &answers,
                code.as_deref(),
                user,
                vec![first.id, id],
            )
            .await?;
            Ok((sheet, Entered::Stored))
        } else {
            Ok((sheet, Entered::Differs))
        }
    }

    /// Stores the response typed from a sheet, linking the typings it comes from.
    #[allow(clippy::too_many_arguments, reason = "the parts of one paper response")]
    async fn store_sheet(
        &self,
        survey: &SurveyRecord,
        version_id: i64,
        sheet: &str,
        answers: &Answers,
        code: Option<&str>,
        user: &CurrentUser,
        paper_entries: Vec<i64>,
    ) -> Result<()> {
        let code_id = match code {
            Some(code) => Some(self.check_code(survey, code).await?),
            None => None,
        };
        let Some(version) = self.store.version(version_id).await? else {
            return not_found();
        };
        let answers = answers.pruned(&version.definition);
        let district_id = self
            .response_district(survey, &version.definition, &answers, code_id)
            .await?;
        let now = Utc::now();
        let receipt = self
            .store_response(NewResponse {
                survey_id: survey.id,
                version_id,
                district_id,
                mark: None,
                code_id,
                draft_id: None,
                idempotency_key: sheet_key(sheet),
                answers_json: serde_json::to_string(&answers)
                    .map_err(|e| crate::error::Error::Corrupt(e.to_string()))?,
                lang: Lang::Ja,
                channel: Channel::Paper,
                submitted_at: now,
                entered_by: Some(user.id),
                paper_entries,
                texts: shared::analytics::texts(&version.definition, &answers),
                referred_group_id: None,
            })
            .await?;
        if !receipt.newly_stored {
            return Err(ApiError::SheetStored.into());
        }
        self.store
            .audit_survey(
                user.id,
                "paper_stored",
                survey.id,
                &format!("sheet {sheet} response {}", receipt.response_id),
                None,
                None,
                now,
            )
            .await
    }
}

#[cfg(test)]
mod tests;
