//! Surveys in and out of XLSForm, the spreadsheet format of ODK and KoboToolbox.

pub mod workbook;

use super::builder::Start;
use crate::Core;
use crate::error::{Error, Result};
use shared::ApiError;
use shared::views::CurrentUser;

impl Core {
    /// A survey's working copy as an XLSForm workbook (staff only): the file name and bytes.
    pub async fn export_xlsform(&self, user: &CurrentUser, id: i64) -> Result<(String, Vec<u8>)> {
        let survey = self.staff_survey(user, id).await?;
        let standard = shared::survey::standard_agreement;
        let book = shared::xlsform::export(
            &survey.title,
            &survey.intro,
            &survey.slug,
            &survey.definition,
            &standard,
        );
        let bytes = workbook::write_xlsx(&book).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        Ok((format!("{}.xlsx", survey.slug), bytes))
    }

    /// Makes a draft survey from an XLSForm file (staff only). Every problem in the file is
    /// reported at once (`ApiError::XlsForm`) and nothing is created. The title is the one
    /// typed, else the form's `form_title`, else its `form_id`, else the file's name
    /// (`form_title` is optional in XLSForm). Returns the new survey's id and what the form
    /// had that Yoriai leaves out on purpose (ODK metadata such as `start` or `deviceid`), as
    /// `row N: type`, for the builder to say.
    pub async fn import_xlsform(
        &self,
        user: &CurrentUser,
        slug: &str,
        title: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<(i64, Vec<String>)> {
        crate::access::require_staff(user)?;
        // Unpacking and reading a workbook is CPU work (bounded, but not instant): it runs on a
        // blocking thread so that other requests, and `/healthz`, are answered meanwhile.
        let owned = bytes.to_vec();
        let book = tokio::task::spawn_blocking(move || workbook::read_xlsx(&owned))
            .await
            .map_err(|e| Error::Io(std::io::Error::other(e)))?
            .map_err(ApiError::XlsForm)?;
        let imported = shared::xlsform::import(&book).map_err(ApiError::XlsForm)?;
        let slug = match (slug.trim(), &imported.form_id) {
            ("", Some(form_id)) => form_id.to_ascii_lowercase().replace('_', "-"),
            (typed, _) => typed.to_string(),
        };
        let stem = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .trim_end_matches(".xlsx")
            .trim();
        let title = match (title.trim(), &imported.title) {
            ("", None) => imported
                .form_id
                .clone()
                .filter(|id| !id.trim().is_empty())
                .unwrap_or_else(|| {
                    if stem.is_empty() {
                        "XLSForm".to_string()
                    } else {
                        stem.to_string()
                    }
                }),
            (typed, _) => typed.to_string(),
        };
        let title = title.as_str();
        let skipped = imported
            .notes
            .iter()
            .filter_map(|n| match &n.problem {
                shared::xlsform::Problem::Skipped(what) => {
                    Some(format!("{} {}: {what}", n.sheet, n.row))
                }
                _ => None,
            })
            .collect();
        let id = self
            .create_draft_survey(
                user,
                &slug,
                title,
                Start::Imported {
                    title: imported.title,
                    intro: imported.intro,
                    definition: imported.definition,
                },
            )
            .await?;
        Ok((id, skipped))
    }
}
