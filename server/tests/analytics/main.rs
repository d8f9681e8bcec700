//! Analytics on a real database (SQLite and PostgreSQL): every number the results page shows is
//! recounted here straight from the stored answers; the cube catches up with new responses, even
//! one committed late under a lower id; council members see only their district with small
//! groups hidden; nobody else sees anything.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

#[path = "../common/mod.rs"]
mod common;
mod cube;
mod empty;
mod exports;
mod published;
mod recount;
mod suppression;
mod texts;

use cube::the_cube_catches_up;
use empty::an_empty_overview_says_so;
use exports::exports_read_back;
use published::published_results_for_residents;
use recount::results_match_a_recount;
use suppression::outside_staff_numbers_are_suppressed_or_refused;
use texts::free_text_search_and_themes;

use common::{PASSWORD, TestApp, cookie, user_in};
use shared::ApiError;
use shared::account::Role;
use shared::analytics::{Cell, Filter, ResultBody, ResultsQuery, ResultsView, Var};
use shared::answer::{Answer, Answers};
use shared::views::CurrentUser;
use std::collections::HashMap;
use yoriai_core::db::Db;
use yoriai_core::demo::DEMO_SURVEY_SLUG;

/// One stored response, read back without going through analytics.
struct Stored {
    district: Option<i64>,
    channel: String,
    answers: Answers,
}

async fn stored(app: &TestApp, survey_id: i64) -> Vec<Stored> {
    let sql = "SELECT district_id, channel, answers FROM responses WHERE survey_id = $1";
    let rows: Vec<(Option<i64>, String, String)> = match app.core.store.db() {
        Db::Sqlite(p) => sqlx::query_as(sql).bind(survey_id).fetch_all(p).await,
        Db::Postgres(p) => sqlx::query_as(sql).bind(survey_id).fetch_all(p).await,
    }
    .unwrap();
    rows.into_iter()
        .map(|(district, channel, answers)| Stored {
            district,
            channel,
            answers: serde_json::from_str(&answers).unwrap(),
        })
        .collect()
}

/// Whether a stored answer is (or includes) `value`.
fn has(answers: &Answers, question: &str, value: &str) -> bool {
    match answers.get(question) {
        Some(Answer::Value(v)) => v == value,
        Some(Answer::Values(vs)) => vs.iter().any(|v| v == value),
        Some(Answer::Number(x)) => value.parse::<f64>().is_ok_and(|v| v == *x),
        _ => false,
    }
}

fn count(rows: &[Stored], keep: impl Fn(&Stored) -> bool) -> u64 {
    rows.iter().filter(|r| keep(r)).count() as u64
}

/// Stores one response whose free-text comment is `comment` (and whose age is 30s).
async fn with_comment(app: &TestApp, id: i64, key: &str, comment: &str) {
    let s = &app.core;
    let answers = serde_json::json!({ "age": "30s", "comment": comment }).to_string();
    let survey = s.store.survey_by_id(id).await.unwrap().unwrap();
    let row = yoriai_core::analytics::SeedRow {
        district_id: None,
        idempotency_key: key.into(),
        answers_json: answers,
        lang: shared::Lang::Ja,
        channel: shared::answer::Channel::Web,
        submitted_at: chrono::Utc::now(),
        texts: vec![("comment".into(), comment.into())],
    };
    let version = survey.current_version_id.unwrap();
    s.store.insert_seeded(id, version, &[row]).await.unwrap();
}

async fn results(app: &TestApp, who: &CurrentUser, id: i64, query: &ResultsQuery) -> ResultsView {
    app.core.results_view(who, id, query).await.unwrap()
}

async fn story(app: &TestApp) {
    results_match_a_recount(app).await;
    the_cube_catches_up(app).await;
    outside_staff_numbers_are_suppressed_or_refused(app).await;
    exports_read_back(app).await;
    free_text_search_and_themes(app).await;
    published_results_for_residents(app).await;
    an_empty_overview_says_so(app).await;
}

app_on_both_databases!(story, analytics_on_sqlite, analytics_on_postgres);
