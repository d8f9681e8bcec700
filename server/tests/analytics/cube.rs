//! The cube catching up with new and late responses.

use super::*;

pub(super) async fn the_cube_catches_up(app: &TestApp) {
    let s = &app.core;
    let staff = user_in(app, "staff-b@example.jp", Role::Staff, None).await;
    let id = app.demo_survey_id().await;
    let before = results(app, &staff, id, &ResultsQuery::default()).await;
    let Cell::Count(before) = before.dashboard.total else {
        panic!("staff see counts")
    };
    yoriai_core::seed::seed_responses(s, DEMO_SURVEY_SLUG, 25, 9, 5)
        .await
        .unwrap();
    let after = results(app, &staff, id, &ResultsQuery::default()).await;
    assert_eq!(after.dashboard.total, Cell::Count(before + 25));

    // A response committed late under an id below the newest one held (what PostgreSQL's
    // sequences allow with concurrent inserts) is still counted.
    let max: i64 = {
        let sql = "SELECT max(id) FROM responses";
        match s.store.db() {
            Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
            Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        }
        .unwrap()
    };
    let late = max + 1000;
    let later = max + 2000;
    for (rid, key) in [(later, "late-b"), (late, "late-a")] {
        let insert = |overriding: &str| {
            format!(
                "INSERT INTO responses (id, survey_id, version_id, district_id, \
                 idempotency_key, answers, lang, channel, submitted_at) {overriding} \
                 SELECT $1, id, current_version_id, NULL, $2, '{{\"age\":\"30s\"}}', 'ja', \
                 'web', last_response_at FROM surveys WHERE id = $3"
            )
        };
        let bump = "UPDATE surveys SET response_count = response_count + 1 WHERE id = $1";
        match s.store.db() {
            Db::Sqlite(p) => {
                sqlx::query(sqlx::AssertSqlSafe(insert("")))
                    .bind(rid)
                    .bind(key)
                    .bind(id)
                    .execute(p)
                    .await
                    .unwrap();
                sqlx::query(bump).bind(id).execute(p).await.map(drop)
            }
            Db::Postgres(p) => {
                sqlx::query(sqlx::AssertSqlSafe(insert("OVERRIDING SYSTEM VALUE")))
                    .bind(rid)
                    .bind(key)
                    .bind(id)
                    .execute(p)
                    .await
                    .unwrap();
                sqlx::query(bump).bind(id).execute(p).await.map(drop)
            }
        }
        .unwrap();
        let view = results(app, &staff, id, &ResultsQuery::default()).await;
        let expected = if rid == later {
            before + 26
        } else {
            before + 27
        };
        assert_eq!(
            view.dashboard.total,
            Cell::Count(expected),
            "after inserting {rid}"
        );
    }
}
