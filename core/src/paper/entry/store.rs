//! Paper sheets typed in by staff: each typing kept until the response is stored (and after,
//! as the record of who typed what), the double-entry switch, sheets already stored.

use crate::db::{Store, is_unique_violation, on_pool};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use shared::answer::Answers;

/// One typing of a paper sheet by one operator.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperEntryRecord {
    /// Id.
    pub id: i64,
    /// The number written on the sheet (整理番号).
    pub sheet: String,
    /// First or second typing.
    pub pass: i64,
    /// Who typed it.
    pub operator_id: i64,
    /// Their name, to show beside the typing.
    pub operator_name: String,
    /// The version it was typed against.
    pub version_id: i64,
    /// What was typed, read.
    pub answers: Answers,
    /// The invitation code typed from the sheet, normalised (cleared once stored).
    pub code: Option<String>,
    /// When.
    pub entered_at: DateTime<Utc>,
    /// The response it became part of, once stored.
    pub response_id: Option<i64>,
}

type EntryRow = (
    i64,
    String,
    i64,
    i64,
    String,
    i64,
    String,
    Option<String>,
    DateTime<Utc>,
    Option<i64>,
);

const ENTRY_COLUMNS: &str = "e.id, e.sheet, e.pass, e.operator_id, u.display_name, e.version_id, \
     e.answers, e.code, e.entered_at, e.response_id \
     FROM paper_entries e JOIN users u ON u.id = e.operator_id";

fn entry_record(row: EntryRow) -> Result<PaperEntryRecord> {
    let (id, sheet, pass, operator_id, operator_name, version_id, answers, code, at, response) =
        row;
    Ok(PaperEntryRecord {
        id,
        sheet,
        pass,
        operator_id,
        operator_name,
        version_id,
        answers: serde_json::from_str(&answers)
            .map_err(|e| Error::Corrupt(format!("paper entry answers: {e}")))?,
        code,
        entered_at: at,
        response_id: response,
    })
}

/// The idempotency key of the response typed from a sheet: one response per sheet, however
/// often it is sent.
pub fn sheet_key(sheet: &str) -> String {
    format!("paper:{sheet}")
}

impl Store {
    /// The typings of one sheet of a survey, first pass first.
    pub async fn paper_entries(
        &self,
        survey_id: i64,
        sheet: &str,
    ) -> Result<Vec<PaperEntryRecord>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} WHERE e.survey_id = $1 AND e.sheet = $2 ORDER BY e.pass"
        );
        let rows: Vec<EntryRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .bind(sheet)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(entry_record).collect()
    }

    /// Every typing of a survey's sheets not stored yet (waiting for a second typing, or for
    /// differences to be settled), by sheet and pass.
    pub async fn pending_paper_entries(&self, survey_id: i64) -> Result<Vec<PaperEntryRecord>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} WHERE e.survey_id = $1 AND e.response_id IS NULL \
             ORDER BY e.sheet, e.pass"
        );
        let rows: Vec<EntryRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(entry_record).collect()
    }

    /// Records one typing of a sheet. `None` when that pass of that sheet was recorded already
    /// (two operators sending at once: the first wins).
    #[allow(clippy::too_many_arguments, reason = "one column each")]
    pub async fn insert_paper_entry(
        &self,
        survey_id: i64,
        version_id: i64,
        sheet: &str,
        pass: i64,
        operator_id: i64,
        answers_json: &str,
        code: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let sql = "INSERT INTO paper_entries (survey_id, version_id, sheet, pass, operator_id, \
                   answers, code, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let inserted: Result<i64, sqlx::Error> = on_pool!(&self.db, |pool| async {
            sqlx::query_scalar(sql)
                .bind(survey_id)
                .bind(version_id)
                .bind(sheet)
                .bind(pass)
                .bind(operator_id)
                .bind(answers_json)
                .bind(code)
                .bind(at)
                .fetch_one(pool)
                .await
        }
        .await);
        match inserted {
            Ok(id) => Ok(Some(id)),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Forgets the typings of a sheet not stored yet, so it can be typed again from scratch.
    pub async fn discard_paper_entries(&self, survey_id: i64, sheet: &str) -> Result<u64> {
        let sql = "DELETE FROM paper_entries \
                   WHERE survey_id = $1 AND sheet = $2 AND response_id IS NULL";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(survey_id)
            .bind(sheet)
            .execute(pool)
            .await?
            .rows_affected()))
    }

    /// Whether the response typed from this sheet is stored.
    pub async fn sheet_stored(&self, survey_id: i64, sheet: &str) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM responses WHERE survey_id = $1 AND idempotency_key = $2";
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(sheet_key(sheet))
            .fetch_one(pool)
            .await?);
        Ok(n > 0)
    }

    /// How many paper responses a survey has.
    pub async fn paper_response_count(&self, survey_id: i64) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM responses WHERE survey_id = $1 AND channel = 'paper'";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .fetch_one(pool)
            .await?))
    }

    /// Turns double entry on or off for a survey's paper answers.
    pub async fn set_double_entry(&self, survey_id: i64, on: bool) -> Result<()> {
        let sql = "UPDATE surveys SET double_entry = $1 WHERE id = $2";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(on)
            .bind(survey_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }
}
