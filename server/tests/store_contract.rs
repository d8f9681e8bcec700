//! The storage contract: one story, run against SQLite and against PostgreSQL. Any behaviour a
//! service relies on belongs here, so the two backends cannot drift apart.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::{Duration, Utc};
use common::TestDb;
use server::db::{Inserted, NewResponse, NewSurvey, NewUser, Store};
use server::error::Error;
use shared::account::Role;
use shared::answer::{Answer, Answers};
use shared::views::{Channel, SurveyStatus};
use shared::{ApiError, Lang};

#[tokio::test]
async fn contract_on_sqlite() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    story(&store).await;
    db.cleanup(&store).await;
}

#[tokio::test]
async fn contract_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.store().await;
    story(&store).await;
    db.cleanup(&store).await;
}

#[tokio::test]
async fn concurrent_repeats_store_one_response_on_sqlite() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    concurrent_repeats(&store).await;
    db.cleanup(&store).await;
}

#[tokio::test]
async fn concurrent_repeats_store_one_response_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.store().await;
    concurrent_repeats(&store).await;
    db.cleanup(&store).await;
}

async fn new_survey(store: &Store, slug: &str, status: SurveyStatus) -> i64 {
    let ward = store.upsert_ward("w", "区", "Ward").await.unwrap();
    store
        .create_survey(
            &NewSurvey {
                ward_id: ward,
                slug: slug.into(),
                title: shared::survey::Text::ja_en("題", "Title"),
                intro: shared::survey::Text::ja("説明"),
                status,
                definition: server::demo::community_centre_survey().unwrap(),
                opens_at: None,
                closes_at: Some(Utc::now() + Duration::days(1)),
            },
            Utc::now(),
        )
        .await
        .unwrap()
}

fn response(survey_id: i64, key: &str, answer: &str) -> NewResponse {
    let mut answers = Answers::default();
    answers
        .0
        .insert("sunday".into(), Answer::Choice(answer.into()));
    NewResponse {
        survey_id,
        idempotency_key: key.into(),
        answers_json: serde_json::to_string(&answers).unwrap(),
        lang: Lang::En,
        channel: Channel::Web,
        submitted_at: Utc::now(),
    }
}

async fn story(store: &Store) {
    // Wards, districts and centres are upserted: running a seed twice duplicates nothing.
    assert!(store.is_empty().await.unwrap());
    let ward = store
        .upsert_ward("kmn", "小倉南区", "Kokura Minami")
        .await
        .unwrap();
    assert_eq!(
        store
            .upsert_ward("kmn", "小倉南区", "Kokura-Minami")
            .await
            .unwrap(),
        ward
    );
    assert!(!store.is_empty().await.unwrap());
    let d1 = store
        .upsert_district(ward, "b", "北方", "Kitagata")
        .await
        .unwrap();
    let d2 = store
        .upsert_district(ward, "a", "湯川", "Yugawa")
        .await
        .unwrap();
    assert_eq!(
        store
            .upsert_district(ward, "b", "北方", "Kitagata")
            .await
            .unwrap(),
        d1
    );
    let names: Vec<_> = store
        .districts(ward)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.name_ja))
        .collect();
    assert_eq!(
        names,
        vec![(d2, "湯川".to_string()), (d1, "北方".to_string())]
    );
    let c = store
        .upsert_centre(d1, "北方市民センター", "Kitagata CC")
        .await
        .unwrap();
    assert_eq!(
        store
            .upsert_centre(d1, "北方市民センター", "Kitagata")
            .await
            .unwrap(),
        c
    );
    assert_eq!(store.centre_count().await.unwrap(), 1);

    // Accounts: one per e-mail address.
    let user = NewUser {
        email: "hanako@example.jp".into(),
        display_name: "小倉 花子".into(),
        password_hash: "$argon2id$hash".into(),
        role: Role::Staff,
        ward_id: Some(ward),
        district_id: Some(d1),
    };
    let now = Utc::now();
    let uid = store.create_user(&user, now).await.unwrap();
    assert!(matches!(
        store.create_user(&user, now).await,
        Err(Error::Api(ApiError::Conflict))
    ));
    let creds = store
        .credentials("hanako@example.jp")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (creds.user_id, creds.password_hash.as_str()),
        (uid, "$argon2id$hash")
    );
    assert!(
        store
            .credentials("nobody@example.jp")
            .await
            .unwrap()
            .is_none()
    );

    // Sessions: valid until they expire or are deleted.
    store
        .create_session("live", uid, now, now + Duration::hours(1))
        .await
        .unwrap();
    store
        .create_session(
            "old",
            uid,
            now - Duration::hours(2),
            now - Duration::hours(1),
        )
        .await
        .unwrap();
    let me = store.session_user("live", now).await.unwrap().unwrap();
    assert_eq!(
        (me.id, me.display_name.as_str(), me.role),
        (uid, "小倉 花子", Role::Staff)
    );
    assert!(store.session_user("old", now).await.unwrap().is_none());
    assert!(store.session_user("unknown", now).await.unwrap().is_none());
    assert_eq!(store.delete_expired_sessions(now).await.unwrap(), 1);
    store.delete_session("live").await.unwrap();
    assert!(store.session_user("live", now).await.unwrap().is_none());

    // Sign-in failures are counted per key within a window, and can be cleared.
    let key = "account:hanako@example.jp";
    store
        .record_sign_in_failure(key, now - Duration::minutes(30))
        .await
        .unwrap();
    store
        .record_sign_in_failure(key, now - Duration::minutes(1))
        .await
        .unwrap();
    store.record_sign_in_failure(key, now).await.unwrap();
    store
        .record_sign_in_failure("address:1.2.3.4", now)
        .await
        .unwrap();
    assert_eq!(
        store
            .sign_in_failures_since(key, now - Duration::minutes(15))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .delete_sign_in_failures_before(now - Duration::minutes(15))
            .await
            .unwrap(),
        1,
        "only the failure outside the window is pruned"
    );
    store.clear_sign_in_failures(key).await.unwrap();
    assert_eq!(
        store
            .sign_in_failures_since(key, now - Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .sign_in_failures_since("address:1.2.3.4", now - Duration::hours(1))
            .await
            .unwrap(),
        1
    );

    // Surveys round-trip exactly; slugs are unique.
    let open = new_survey(store, "open-one", SurveyStatus::Open).await;
    let closed = new_survey(store, "closed-one", SurveyStatus::Closed).await;
    assert!(matches!(
        store
            .create_survey(
                &NewSurvey {
                    ward_id: ward,
                    slug: "open-one".into(),
                    title: shared::survey::Text::ja("x"),
                    intro: shared::survey::Text::ja("x"),
                    status: SurveyStatus::Draft,
                    definition: server::demo::community_centre_survey().unwrap(),
                    opens_at: None,
                    closes_at: None,
                },
                now,
            )
            .await,
        Err(Error::Api(ApiError::Conflict))
    ));
    let record = store.survey_by_slug("open-one").await.unwrap().unwrap();
    assert_eq!(record.id, open);
    assert_eq!(record.title.en.as_deref(), Some("Title"));
    assert_eq!(
        record.definition,
        server::demo::community_centre_survey().unwrap()
    );
    assert_eq!(record.status, SurveyStatus::Open);
    assert!(record.closes_at.is_some());
    assert!(store.survey_by_slug("nope").await.unwrap().is_none());
    assert_eq!(
        store.survey_by_id(closed).await.unwrap().unwrap().slug,
        "closed-one"
    );
    let open_slugs: Vec<_> = store
        .surveys(Some(SurveyStatus::Open))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.slug)
        .collect();
    assert_eq!(open_slugs, vec!["open-one".to_string()]);
    store
        .set_survey_status(closed, SurveyStatus::Archived)
        .await
        .unwrap();
    let listed: Vec<_> = store
        .surveys(None)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, vec![open], "archived surveys are not listed");

    // Responses: a repeated key stores nothing and returns the first id; the counter follows.
    let first = store
        .insert_response(&response(open, "key-0001", "yes"))
        .await
        .unwrap();
    let Inserted::New(first_id) = first else {
        panic!("first insert must be new: {first:?}")
    };
    assert_eq!(
        store
            .insert_response(&response(open, "key-0001", "no"))
            .await
            .unwrap(),
        Inserted::Repeat(first_id)
    );
    let second = store
        .insert_response(&response(open, "key-0002", "no"))
        .await
        .unwrap();
    assert!(matches!(second, Inserted::New(id) if id != first_id));
    // The same key on another survey is another response.
    assert!(matches!(
        store
            .insert_response(&response(closed, "key-0001", "yes"))
            .await
            .unwrap(),
        Inserted::New(_)
    ));
    let record = store.survey_by_id(open).await.unwrap().unwrap();
    assert_eq!(record.response_count, 2);
    assert_eq!(store.count_response_rows(open).await.unwrap(), 2);
    assert!(record.last_response_at.is_some());
    let latest = store.latest_responses(open, 10).await.unwrap();
    let answers: Vec<_> = latest
        .iter()
        .map(|r| r.answers.0.get("sunday").cloned())
        .collect();
    assert_eq!(
        answers,
        vec![
            Some(Answer::Choice("no".into())),
            Some(Answer::Choice("yes".into()))
        ]
    );
    assert_eq!(
        (latest[0].lang, latest[0].channel),
        (Lang::En, Channel::Web)
    );
    assert_eq!(store.latest_responses(open, 1).await.unwrap().len(), 1);

    // The audit log keeps what happened, newest first.
    store
        .audit(Some(uid), "sign_in", "address 1.2.3.4", now)
        .await
        .unwrap();
    store.audit(None, "seed_demo", "", now).await.unwrap();
    let entries = store.audit_entries(10).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].action, "seed_demo");
    assert_eq!(entries[1].actor_id, Some(uid));
}

async fn concurrent_repeats(store: &Store) {
    let survey = new_survey(store, "race", SurveyStatus::Open).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .insert_response(&response(survey, "same-key-123", "yes"))
                .await
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        match t.await.unwrap().unwrap() {
            Inserted::New(id) | Inserted::Repeat(id) => ids.push(id),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        1,
        "every submit must point at the one stored response"
    );
    assert_eq!(store.count_response_rows(survey).await.unwrap(), 1);
    assert_eq!(
        store
            .survey_by_id(survey)
            .await
            .unwrap()
            .unwrap()
            .response_count,
        1
    );
}
