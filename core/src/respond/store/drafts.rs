//! Drafts: the answers a respondent has saved so far, found by the hash of their cookie token.

use super::*;

impl Store {
    /// Starts saving answers for a respondent, found later by the hash of their cookie token.
    pub async fn create_draft(&self, draft: &NewDraft<'_>, now: DateTime<Utc>) -> Result<i64> {
        let sql = "INSERT INTO response_drafts (survey_id, version_id, token_hash, \
                   idempotency_key, answers, code_id, referred_group_id, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, '{}', $5, $6, $7, $7) RETURNING id";
        // Counted on write, like responses, for the completion rate.
        let started = "UPDATE surveys SET started_count = started_count + 1 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(sql)
                .bind(draft.survey_id)
                .bind(draft.version_id)
                .bind(draft.token_hash)
                .bind(draft.idempotency_key)
                .bind(draft.code_id)
                .bind(draft.referred_group_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(started)
                .bind(draft.survey_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// The draft of a survey with this token hash.
    pub async fn draft(&self, survey_id: i64, token_hash: &str) -> Result<Option<DraftRecord>> {
        let sql = "SELECT id, survey_id, version_id, idempotency_key, answers, code_id, \
                   response_id, referred_group_id FROM response_drafts \
                   WHERE survey_id = $1 AND token_hash = $2";
        type Row = (
            i64,
            i64,
            i64,
            String,
            String,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let row: Option<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(token_hash)
            .fetch_optional(pool)
            .await?);
        row.map(
            |(id, survey_id, version_id, idempotency_key, answers, code_id, response_id, via)| {
                Ok(DraftRecord {
                    id,
                    survey_id,
                    version_id,
                    idempotency_key,
                    answers: parse_answers(&answers)?,
                    code_id,
                    response_id,
                    referred_group_id: via,
                })
            },
        )
        .transpose()
    }

    /// Saves a draft's answers (only while it has not been sent).
    pub async fn save_draft(
        &self,
        draft_id: i64,
        answers: &Answers,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE response_drafts SET answers = $1, updated_at = $2 \
                   WHERE id = $3 AND response_id IS NULL";
        let answers = to_json(answers)?;
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(&answers)
            .bind(now)
            .bind(draft_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Deletes drafts untouched since `before` (sent ones included: they hold no answers).
    pub async fn delete_drafts_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM response_drafts WHERE updated_at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }
}
