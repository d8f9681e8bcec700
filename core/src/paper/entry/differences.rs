//! Double entry: where two typings of a sheet differ, resolving them, discarding a sheet, and the
//! survey's setting.

use super::*;

impl Core {
    /// The two typings of a sheet and where they differ.
    pub async fn paper_differences(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        sheet: &str,
    ) -> Result<DifferencesView> {
        let (survey, version) = self.entry_survey(user, survey_id).await?;
        let (first, second) = self.two_typings(survey_id, sheet).await?;
        let typed = self.store.version(first.version_id).await?;
        let def = &typed.as_ref().unwrap_or(&version).definition;
        let differing = differences(def, &first.answers, &second.answers)
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let pass = |e: PaperEntryRecord| EntryPass {
            operator: e.operator_name,
            answers: e.answers,
            code: e.code,
        };
        Ok(DifferencesView {
            survey_id,
            title: survey.title,
            sheet: sheet.to_string(),
            definition: def.clone(),
            first: pass(first),
            second: pass(second),
            differing,
        })
    }

    /// The two typings of a sheet not yet stored; not found otherwise.
    pub(super) async fn two_typings(
        &self,
        survey_id: i64,
        sheet: &str,
    ) -> Result<(PaperEntryRecord, PaperEntryRecord)> {
        let mut entries = self.store.paper_entries(survey_id, sheet).await?;
        if entries.len() != 2 || entries.iter().any(|e| e.response_id.is_some()) {
            return not_found();
        }
        let second = entries.pop();
        let first = entries.pop();
        match (first, second) {
            (Some(first), Some(second)) => Ok((first, second)),
            _ => not_found(),
        }
    }

    /// Settles two differing typings: for each differing question, `take.{id}` says which
    /// typing is right (`1` or `2`, as the paper shows); `take.code` likewise for the code.
    pub async fn resolve_paper(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        sheet: &str,
        form: &FormValues,
    ) -> Result<()> {
        let (survey, _) = self.entry_survey(user, survey_id).await?;
        let (first, second) = self.two_typings(survey_id, sheet).await?;
        let Some(version) = self.store.version(first.version_id).await? else {
            return not_found();
        };
        let def = &version.definition;
        let mut errors = FieldErrors::default();
        let mut take_second = Vec::new();
        for q in differences(def, &first.answers, &second.answers) {
            let name = format!("take.{}", q.id);
            match form.first(&name) {
                Some("1") => {}
                Some("2") => take_second.push(q.id.as_str()),
                _ => errors.push(name, FieldError::Required),
            }
        }
        let code = if first.code == second.code {
            first.code.clone()
        } else {
            match form.first("take.code") {
                Some("1") => first.code.clone(),
                Some("2") => second.code.clone(),
                _ => {
                    errors.push("take.code", FieldError::Required);
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors).into());
        }
        let answers = resolve(&first.answers, &second.answers, &take_second);
        self.store_sheet(
            &survey,
            version.id,
            sheet,
            &answers,
            code.as_deref(),
            user,
            vec![first.id, second.id],
        )
        .await
    }

    /// Forgets a sheet's typings that were not stored, so it can be typed again.
    pub async fn discard_sheet(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        sheet: &str,
    ) -> Result<()> {
        self.entry_survey(user, survey_id).await?;
        let n = self.store.discard_paper_entries(survey_id, sheet).await?;
        if n == 0 {
            return not_found();
        }
        self.store
            .audit_survey(
                user.id,
                "paper_discarded",
                survey_id,
                &format!("sheet {sheet}"),
                None,
                None,
                Utc::now(),
            )
            .await
    }

    /// Turns double entry on or off (staff only).
    pub async fn set_double_entry(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        on: bool,
    ) -> Result<()> {
        self.staff_survey(user, survey_id).await?;
        self.store.set_double_entry(survey_id, on).await?;
        self.store
            .audit_survey(
                user.id,
                "double_entry",
                survey_id,
                "",
                Some(if on { "off" } else { "on" }),
                Some(if on { "on" } else { "off" }),
                Utc::now(),
            )
            .await
    }
}
