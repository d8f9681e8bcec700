//! Answering screen by screen: each section's page, saving it, the review, and sending the answers.

use super::*;

impl Core {
    /// One screen of questions, or where to go instead.
    pub async fn section_page(
        &self,
        slug: &str,
        number: usize,
        who: &Respondent,
    ) -> Result<SectionPage> {
        let (survey, draft, version) = match self.standing(slug, who).await? {
            Standing::Answering(here) => *here,
            Standing::GoTo(to) => return Ok(SectionPage::Redirect(to)),
        };
        let def = &version.definition;
        let index = number.checked_sub(1).filter(|&i| i < def.sections().len());
        let Some(index) = index else {
            return not_found();
        };
        let known = draft.answers.pruned(def);
        if !def.section_shown(index, &known) {
            return Ok(SectionPage::Redirect(next_path(
                slug,
                def,
                Some(index),
                &draft.answers,
            )));
        }
        let shown = def.shown_sections(&known);
        let position = shown.iter().position(|&i| i == index).map_or(1, |p| p + 1);
        let Some(section) = def.sections().get(index) else {
            return not_found();
        };
        Ok(SectionPage::Show(Box::new(SectionView {
            slug: survey.slug,
            survey_title: version.title.clone(),
            number,
            position,
            shown_count: shown.len(),
            section: section_as_shown(section, &known),
            values: answers_to_form(def, &draft.answers),
        })))
    }

    /// Saves one screen's answers and says where to go: the next screen (or the review) when
    /// `back` is false and everything is valid; the previous screen when `back` is true, saving
    /// whatever is valid so far. Invalid answers going forward are `Validation`.
    pub async fn save_section(
        &self,
        slug: &str,
        number: usize,
        who: &Respondent,
        form: &FormValues,
        back: bool,
    ) -> Result<String> {
        let (_, draft, version) = match self.standing(slug, who).await? {
            Standing::Answering(here) => *here,
            Standing::GoTo(to) => return Ok(to),
        };
        let def = &version.definition;
        let index = number.checked_sub(1).filter(|&i| i < def.sections().len());
        let (Some(index), Some(section)) = (index, index.and_then(|i| def.sections().get(i)))
        else {
            return not_found();
        };
        let known = draft.answers.pruned(def);
        let new = if back {
            collect_questions(section.questions.iter(), form, &known).0
        } else {
            collect_section(def, index, form, &known).map_err(ApiError::Validation)?
        };
        let mut answers = draft.answers.clone();
        answers.replace(section.questions.iter(), new);
        self.store
            .save_draft(draft.id, &answers, Utc::now())
            .await?;
        if back {
            let shown = def.shown_sections(&answers.pruned(def));
            return Ok(match shown.into_iter().rev().find(|&i| i < index) {
                Some(i) => section_path(slug, i + 1),
                None => start_path(slug),
            });
        }
        Ok(next_path(slug, def, Some(index), &answers))
    }

    /// Everything answered, to check before sending; `None` when nothing was started.
    pub async fn review(&self, slug: &str, who: &Respondent) -> Result<Option<ReviewView>> {
        let survey = self.open_survey(slug).await?;
        let Some((draft, version)) = self.draft_and_version(&survey, who).await? else {
            return Ok(None);
        };
        let def = version.definition.clone();
        let answers = draft.answers.pruned(&def);
        let missing = check_complete(&def, &answers).err();
        Ok(Some(ReviewView {
            slug: survey.slug,
            survey_title: version.title.clone(),
            shown_sections: def.shown_sections(&answers),
            definition: def,
            answers,
            missing,
            submitted: draft.response_id.is_some(),
        }))
    }

    /// Sends the saved answers as one response and says where to go. Sending twice (a double
    /// tap, a retry after a lost connection) stores one response and lands on the same page.
    pub async fn submit_answers(&self, slug: &str, who: &Respondent, lang: Lang) -> Result<String> {
        let (survey, draft, version) = match self.standing(slug, who).await? {
            Standing::Answering(here) => *here,
            Standing::GoTo(to) => return Ok(to),
        };
        let def = &version.definition;
        let answers = check_complete(def, &draft.answers)
            .map_err(|(_, errors): (usize, FieldErrors)| ApiError::Validation(errors))?;
        let mark = Self::respondent_mark(&survey, who)?;
        let code = match (survey.policy, draft.code_id) {
            (ResponsePolicy::Code, None) => return Err(ApiError::CodeInvalid.into()),
            (ResponsePolicy::Code, Some(id)) => Some(id),
            _ => None,
        };
        let district_id = self
            .response_district(&survey, def, &answers, draft.code_id)
            .await?;
        let receipt = self
            .store_response(NewResponse {
                survey_id: survey.id,
                version_id: version.id,
                district_id,
                mark,
                code_id: code,
                draft_id: Some(draft.id),
                idempotency_key: draft.idempotency_key.clone(),
                answers_json: serde_json::to_string(&answers)
                    .map_err(|e| crate::error::Error::Corrupt(e.to_string()))?,
                lang,
                channel: Channel::Web,
                submitted_at: Utc::now(),
                entered_by: None,
                paper_entries: Vec::new(),
                texts: shared::analytics::texts(def, &answers),
                referred_group_id: draft.referred_group_id,
            })
            .await?;
        tracing::debug!(
            response = receipt.response_id,
            new = receipt.newly_stored,
            "response"
        );
        Ok(thanks_path(slug))
    }

    /// The district of a response: the invitation code's, else the answer to the district
    /// question.
    pub(crate) async fn response_district(
        &self,
        survey: &SurveyRecord,
        def: &SurveyDefinition,
        answers: &Answers,
        code_id: Option<i64>,
    ) -> Result<Option<i64>> {
        if let Some(code_id) = code_id {
            let code = self.store.code_by_id(code_id).await?;
            if let Some(district) = code.and_then(|c| c.district_id) {
                return Ok(Some(district));
            }
        }
        match def.district_question().and_then(|q| answers.get(q)) {
            Some(Answer::Value(code)) => self.store.district_by_code(survey.ward_id, code).await,
            _ => Ok(None),
        }
    }

    /// Stores a response, turning the store's refusals into the messages respondents see.
    pub async fn store_response(&self, response: NewResponse) -> Result<Receipt> {
        match self.store.insert_response(&response).await? {
            Inserted::New(id) => Ok(Receipt {
                response_id: id,
                newly_stored: true,
            }),
            Inserted::Repeat(id) => Ok(Receipt {
                response_id: id,
                newly_stored: false,
            }),
            Inserted::AlreadyAnswered => Err(ApiError::AlreadyAnswered.into()),
            Inserted::CodeUsed => Err(ApiError::CodeUsed.into()),
        }
    }
}
