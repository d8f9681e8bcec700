//! Putting back a question just deleted (the builder's 元に戻す).

use super::*;

impl Core {
    /// Puts back `question`, deleted by revision `deleted_in`: under its own id, with
    /// everything it had, at the place it had in the revision before (at the end of its page
    /// when the page has fewer questions now), as the next revision. Refused when the question
    /// is in the survey again (`DuplicateId`), when its page is gone (`BadId`), and when the
    /// revision did not delete it (not found).
    pub async fn undo_delete_question(
        &self,
        user: &CurrentUser,
        id: i64,
        question: &str,
        deleted_in: i64,
    ) -> Result<Saved> {
        let survey = self.staff_survey(user, id).await?;
        let (Some(before), Some(after)) = (
            self.store.revision_content(id, deleted_in - 1).await?,
            self.store.revision_content(id, deleted_in).await?,
        ) else {
            return not_found();
        };
        if after.definition.question(question).is_some() {
            return not_found();
        }
        let Some((section, index, q)) = before.definition.sections().iter().find_map(|s| {
            let i = s.questions.iter().position(|q| q.id == question)?;
            Some((s.id.clone(), i, s.questions[i].clone()))
        }) else {
            return not_found();
        };
        let edit = Edit::PutQuestion {
            section,
            index,
            question: Box::new(q),
        };
        self.save_edit(user, &survey, &edit, None, "undo").await
    }
}
