//! The storage contract: one story, run against SQLite and against PostgreSQL. Any behaviour a
//! service relies on belongs here, so the two backends cannot drift apart.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{TestDb, response};
use shared::account::Role;
use shared::answer::{Answer, Answers, Channel};
use shared::survey::{ResponsePolicy, SurveyStatus};
use shared::{ApiError, Lang};
use yoriai_core::accounts::NewUser;
use yoriai_core::db::{District, Inserted, NewDistrict, NewDraft, NewResponse, NewSurvey, Store};
use yoriai_core::error::Error;

store_on_both_databases!(story, contract_on_sqlite, contract_on_postgres);

#[tokio::test]
async fn concurrent_repeats_store_one_response_on_sqlite() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    concurrent_repeats(&store).await;
    db.cleanup(&store).await;
}

store_on_both_databases!(
    concurrent_marks,
    concurrent_answers_from_one_device_store_one_response_on_sqlite,
    concurrent_answers_from_one_device_store_one_response_on_postgres
);

#[tokio::test]
async fn group_commit_keeps_every_rule_on_sqlite() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    one_batch(&store).await;
    concurrent_mixture(&store.clone().with_group_commit()).await;
    db.cleanup(&store).await;
}

#[tokio::test]
async fn group_commit_keeps_every_rule_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.store().await;
    one_batch(&store).await;
    concurrent_mixture(&store.clone().with_group_commit()).await;
    db.cleanup(&store).await;
}

/// One batch holding new responses, a repeat of one of them, a second answer from a marked
/// device, a reused code and a response that cannot be stored at all (its version does not
/// exist): each gets its own outcome, in order, and a refusal or failure takes nothing of the
/// others with it.
async fn one_batch(store: &Store) {
    let survey = new_survey(store, "batch", SurveyStatus::Open).await;
    store
        .create_codes(survey.0, &["BATCHCODE1".to_string()], None, Utc::now())
        .await
        .unwrap();
    let code = store.code(survey.0, "BATCHCODE1").await.unwrap().unwrap();
    let mut first = response(survey, "batch-a", "yes");
    // Sent from a draft, with a free text: both written with the batch.
    let draft = store
        .create_draft(
            &NewDraft {
                survey_id: survey.0,
                version_id: survey.1,
                token_hash: "batch-token",
                idempotency_key: "batch-a",
                code_id: None,
                referred_group_id: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    first.draft_id = Some(draft);
    first.texts = vec![("sunday".into(), "日曜の午後".into())];
    let repeat = response(survey, "batch-a", "no");
    let mut marked = response(survey, "batch-b", "yes");
    marked.mark = Some("device:batch".into());
    let mut marked_again = response(survey, "batch-c", "no");
    marked_again.mark = Some("device:batch".into());
    let mut coded = response(survey, "batch-d", "yes");
    coded.code_id = Some(code.id);
    let mut coded_again = response(survey, "batch-e", "no");
    coded_again.code_id = Some(code.id);
    let last = response(survey, "batch-f", "no");
    let mut broken = response(survey, "batch-g", "no");
    broken.version_id = i64::MAX;
    let mut outcomes = store
        .insert_responses(&[
            &first,
            &repeat,
            &broken,
            &marked,
            &marked_again,
            &coded,
            &coded_again,
            &last,
        ])
        .await
        .unwrap();
    assert!(outcomes.remove(2).is_err(), "the broken one fails alone");
    let outcomes: Vec<Inserted> = outcomes.into_iter().map(|o| o.unwrap()).collect();
    let Inserted::New(first_id) = outcomes[0] else {
        panic!("{outcomes:?}");
    };
    assert_eq!(outcomes[1], Inserted::Repeat(first_id));
    assert!(matches!(outcomes[2], Inserted::New(_)), "{outcomes:?}");
    assert_eq!(outcomes[3], Inserted::AlreadyAnswered);
    assert!(matches!(outcomes[4], Inserted::New(_)), "{outcomes:?}");
    assert_eq!(outcomes[5], Inserted::CodeUsed);
    assert!(matches!(outcomes[6], Inserted::New(_)), "{outcomes:?}");
    // Four stored, counted once each; the refused ones left no mark, code use or row.
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), 4);
    let sent = store.draft(survey.0, "batch-token").await.unwrap().unwrap();
    assert_eq!(sent.response_id, Some(first_id));
    assert!(sent.answers.0.is_empty(), "a sent draft keeps no answers");
    let texts = "SELECT COUNT(*) FROM response_texts WHERE response_id = $1";
    let texts: i64 = match store.db() {
        yoriai_core::db::Db::Sqlite(pool) => {
            sqlx::query_scalar(texts)
                .bind(first_id)
                .fetch_one(pool)
                .await
        }
        yoriai_core::db::Db::Postgres(pool) => {
            sqlx::query_scalar(texts)
                .bind(first_id)
                .fetch_one(pool)
                .await
        }
    }
    .unwrap();
    assert_eq!(texts, 1);
    let record = store.survey_by_id(survey.0).await.unwrap().unwrap();
    assert_eq!(record.response_count, 4);
    assert!(
        store
            .code(survey.0, "BATCHCODE1")
            .await
            .unwrap()
            .unwrap()
            .used
    );
}

/// Sixty submits at once through the writer: twenty different ones, ten repeats of one key,
/// ten from one device, ten with one code, ten more different ones. Whatever batches they fall
/// into, the rules hold exactly as for one transaction each.
async fn concurrent_mixture(store: &Store) {
    assert!(store.group_commit());
    let survey = new_survey(store, "mixture", SurveyStatus::Open).await;
    store
        .create_codes(survey.0, &["MIXCODE001".to_string()], None, Utc::now())
        .await
        .unwrap();
    let code = store.code(survey.0, "MIXCODE001").await.unwrap().unwrap();
    let mut tasks = Vec::new();
    for i in 0..60 {
        let mut r = match i / 10 {
            0 | 1 | 5 => response(survey, &format!("mix-own-{i}"), "yes"),
            2 => response(survey, "mix-repeat", "yes"),
            3 => {
                let mut r = response(survey, &format!("mix-device-{i}"), "no");
                r.mark = Some("device:mixture".into());
                r
            }
            _ => {
                let mut r = response(survey, &format!("mix-code-{i}"), "no");
                r.code_id = Some(code.id);
                r
            }
        };
        r.submitted_at = Utc::now();
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            (i / 10, store.insert_response(&r).await.unwrap())
        }));
    }
    let (mut new, mut repeats, mut answered, mut used) = (0, 0, 0, 0);
    let mut repeat_ids = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            (2, Inserted::New(id) | Inserted::Repeat(id)) => {
                repeats += 1;
                repeat_ids.push(id);
            }
            (_, Inserted::New(_)) => new += 1,
            (3, Inserted::AlreadyAnswered) => answered += 1,
            (4, Inserted::CodeUsed) => used += 1,
            other => panic!("unexpected outcome {other:?}"),
        }
    }
    repeat_ids.dedup();
    assert_eq!(repeat_ids.len(), 1, "every repeat points at one response");
    // 30 own + 1 device + 1 code, and the repeated key once.
    assert_eq!((new, repeats, answered, used), (32, 10, 9, 9));
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), 33);
    let record = store.survey_by_id(survey.0).await.unwrap().unwrap();
    assert_eq!(record.response_count, 33);
}

/// Eight different drafts from one device (or account), sent at once: one response.
async fn concurrent_marks(store: &Store) {
    let survey = new_survey(store, "marks", SurveyStatus::Open).await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut r = response(survey, &format!("device-draft-{i}"), "yes");
            r.mark = Some("user:42".into());
            store.insert_response(&r).await
        }));
    }
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap().unwrap());
    }
    let new = outcomes
        .iter()
        .filter(|o| matches!(o, Inserted::New(_)))
        .count();
    let refused = outcomes
        .iter()
        .filter(|o| **o == Inserted::AlreadyAnswered)
        .count();
    assert_eq!((new, refused), (1, 7), "{outcomes:?}");
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), 1);
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

/// A survey with version 1 published; returns (survey id, version id).
async fn new_survey(store: &Store, slug: &str, status: SurveyStatus) -> (i64, i64) {
    let ward = store.upsert_ward("w", "区", "Ward").await.unwrap();
    let id = store
        .create_survey(
            &NewSurvey {
                ward_id: ward,
                slug: slug.into(),
                title: shared::survey::Text::ja_en("題", "Title"),
                intro: shared::survey::Text::ja("説明"),
                status,
                definition: yoriai_core::demo::community_centre_survey().unwrap(),
                policy: ResponsePolicy::Open,
                opens_at: None,
                closes_at: Some(Utc::now() + Duration::days(1)),
                created_by: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let version = store.publish_version(id, None, Utc::now()).await.unwrap();
    (id, version)
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
    // Districts follow the ward's order (position), not their codes; upserting renames and
    // moves them.
    let district = |code, ja, en, easy, position| NewDistrict {
        code,
        name_ja: ja,
        name_en: en,
        name_easy: easy,
        position,
    };
    let kitagata = district("b", "北方", "Kitagata", Some("{北方|きたがた}"), 0);
    let d1 = store.upsert_district(ward, &kitagata).await.unwrap();
    let d2 = store
        .upsert_district(ward, &district("a", "湯川", "Yugawa", None, 1))
        .await
        .unwrap();
    assert_eq!(store.upsert_district(ward, &kitagata).await.unwrap(), d1);
    let listed = |ds: Vec<District>| -> Vec<(i64, String, Option<String>)> {
        ds.into_iter()
            .map(|d| (d.id, d.name_ja, d.name_easy))
            .collect()
    };
    assert_eq!(
        listed(store.districts(ward).await.unwrap()),
        vec![
            (d1, "北方".to_string(), Some("{北方|きたがた}".to_string())),
            (d2, "湯川".to_string(), None)
        ]
    );
    let moved = district("b", "北方", "Kitagata", None, 5);
    assert_eq!(store.upsert_district(ward, &moved).await.unwrap(), d1);
    assert_eq!(
        listed(store.districts(ward).await.unwrap()),
        vec![
            (d2, "湯川".to_string(), None),
            (d1, "北方".to_string(), None)
        ]
    );
    let everywhere: Vec<i64> = store
        .all_districts()
        .await
        .unwrap()
        .into_iter()
        .filter(|(w, _)| *w == ward)
        .map(|(_, d)| d.id)
        .collect();
    assert_eq!(everywhere, vec![d2, d1]);
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

    // Sessions: valid until they expire, are deleted or go unused for two hours.
    let idle = |at: DateTime<Utc>| at - Duration::hours(2);
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
    let me = store
        .session_user("live", now, idle(now))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (me.id, me.display_name.as_str(), me.role),
        (uid, "小倉 花子", Role::Staff)
    );
    assert!(
        store
            .session_user("old", now, idle(now))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .session_user("unknown", now, idle(now))
            .await
            .unwrap()
            .is_none()
    );
    for name in ["active", "quiet"] {
        store
            .create_session(name, uid, now, now + Duration::hours(12))
            .await
            .unwrap();
    }
    let at = |minutes: i64| now + Duration::minutes(minutes);
    // Used an hour in: the activity is noted, so it is still open at 2½ hours (1½ idle)…
    assert!(
        store
            .session_user("active", at(60), idle(at(60)))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .session_user("active", at(150), idle(at(150)))
            .await
            .unwrap()
            .is_some()
    );
    // …while the one left alone since the start has closed, though not expired.
    assert!(
        store
            .session_user("quiet", at(150), idle(at(150)))
            .await
            .unwrap()
            .is_none()
    );
    // Four and a half hours after its last use, the active one has closed too.
    assert!(
        store
            .session_user("active", at(420), idle(at(420)))
            .await
            .unwrap()
            .is_none()
    );
    store.delete_session("active").await.unwrap();
    store.delete_session("quiet").await.unwrap();
    assert_eq!(store.delete_expired_sessions(now).await.unwrap(), 1);
    store.delete_session("live").await.unwrap();
    assert!(
        store
            .session_user("live", now, idle(now))
            .await
            .unwrap()
            .is_none()
    );

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
                    definition: yoriai_core::demo::community_centre_survey().unwrap(),
                    policy: ResponsePolicy::Code,
                    opens_at: None,
                    closes_at: None,
                    created_by: None,
                },
                now,
            )
            .await,
        Err(Error::Api(ApiError::Conflict))
    ));
    let record = store.survey_by_slug("open-one").await.unwrap().unwrap();
    assert_eq!(record.id, open.0);
    assert_eq!(record.current_version_id, Some(open.1));
    assert_eq!(record.policy, ResponsePolicy::Open);
    assert_eq!(record.title.en.as_deref(), Some("Title"));
    assert_eq!(
        record.definition,
        yoriai_core::demo::community_centre_survey().unwrap()
    );
    assert_eq!(record.status, SurveyStatus::Open);
    assert!(record.closes_at.is_some());
    assert!(store.survey_by_slug("nope").await.unwrap().is_none());
    assert_eq!(
        store.survey_by_id(closed.0).await.unwrap().unwrap().slug,
        "closed-one"
    );
    let their_ward = store.survey_by_id(open.0).await.unwrap().unwrap().ward_id;
    let open_slugs: Vec<_> = store
        .surveys(Some(SurveyStatus::Open), Some(their_ward))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.slug)
        .collect();
    assert_eq!(open_slugs, vec!["open-one".to_string()]);
    // Another ward's list holds none of them; without a ward, every ward's.
    let elsewhere = store.upsert_ward("other", "門司区", "Moji").await.unwrap();
    assert!(
        store
            .surveys(None, Some(elsewhere))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .surveys(Some(SurveyStatus::Open), None)
            .await
            .unwrap()
            .len(),
        1
    );
    store
        .set_survey_status(closed.0, SurveyStatus::Archived)
        .await
        .unwrap();
    let listed: Vec<_> = store
        .surveys(None, Some(their_ward))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, vec![open.0], "archived surveys are not listed");

    // Versions: publishing freezes the working copy as the next number and makes it current.
    let v1 = store.version(open.1).await.unwrap().unwrap();
    assert_eq!((v1.survey_id, v1.number), (open.0, 1));
    assert_eq!(v1.definition, record.definition);
    let v2 = store.publish_version(open.0, Some(uid), now).await.unwrap();
    assert_eq!(store.version(v2).await.unwrap().unwrap().number, 2);
    assert_eq!(
        store
            .survey_by_id(open.0)
            .await
            .unwrap()
            .unwrap()
            .current_version_id,
        Some(v2)
    );
    assert!(matches!(
        store.publish_version(9_999, None, now).await,
        Err(Error::Api(ApiError::NotFound))
    ));

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
    let record = store.survey_by_id(open.0).await.unwrap().unwrap();
    assert_eq!(record.response_count, 2);
    assert_eq!(store.count_response_rows(open.0).await.unwrap(), 2);
    assert!(record.last_response_at.is_some());
    let latest = store.latest_responses(open.0, 10).await.unwrap();
    let answers: Vec<_> = latest
        .iter()
        .map(|r| r.answers.0.get("sunday").cloned())
        .collect();
    assert_eq!(
        answers,
        vec![
            Some(Answer::Value("no".into())),
            Some(Answer::Value("yes".into()))
        ]
    );
    assert_eq!(
        (latest[0].lang, latest[0].channel),
        (Lang::En, Channel::Web)
    );
    assert_eq!(store.latest_responses(open.0, 1).await.unwrap().len(), 1);

    policies_and_drafts(store, open, ward, now).await;

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

/// Drafts, marks and invitation codes: what the response policies rest on.
async fn policies_and_drafts(store: &Store, survey: (i64, i64), ward: i64, now: DateTime<Utc>) {
    // A draft is found by survey and token hash, saved, and cleared when its response is stored.
    let draft = store
        .create_draft(
            &NewDraft {
                survey_id: survey.0,
                version_id: survey.1,
                token_hash: "hash-1",
                idempotency_key: "draft-key-1",
                code_id: None,
                referred_group_id: None,
            },
            now,
        )
        .await
        .unwrap();
    assert!(store.draft(survey.0, "hash-2").await.unwrap().is_none());
    let mut answers = Answers::default();
    answers.0.insert("sunday".into(), Answer::Number(5.0));
    store.save_draft(draft, &answers, now).await.unwrap();
    let saved = store.draft(survey.0, "hash-1").await.unwrap().unwrap();
    assert_eq!(
        (saved.answers.clone(), saved.response_id),
        (answers.clone(), None)
    );

    // Marks: the first response with a mark is stored, a second with the same mark is not.
    let mut marked = response(survey, "mark-key-1", "yes");
    marked.mark = Some("device:abc".into());
    marked.draft_id = Some(draft);
    let Inserted::New(stored) = store.insert_response(&marked).await.unwrap() else {
        panic!("first marked response is new")
    };
    let after = store.draft(survey.0, "hash-1").await.unwrap().unwrap();
    assert_eq!(after.response_id, Some(stored));
    assert_eq!(
        after.answers,
        Answers::default(),
        "sent drafts keep no answers"
    );
    assert!(store.has_mark(survey.0, "device:abc").await.unwrap());
    let before = store.count_response_rows(survey.0).await.unwrap();
    let mut again = response(survey, "mark-key-2", "no");
    again.mark = Some("device:abc".into());
    assert_eq!(
        store.insert_response(&again).await.unwrap(),
        Inserted::AlreadyAnswered
    );
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), before);

    // Codes: single use, unique everywhere, created all or nothing; the district comes along.
    let district = store
        .upsert_district(
            ward,
            &NewDistrict {
                code: "code-d",
                name_ja: "守恒",
                name_en: "Moritsune",
                name_easy: None,
                position: 0,
            },
        )
        .await
        .unwrap();
    let codes = vec!["CODEAAAA1".to_string(), "CODEBBBB2".to_string()];
    store
        .create_codes(survey.0, &codes, Some(district), now)
        .await
        .unwrap();
    let clash = store
        .create_codes(
            survey.0,
            &["CODECCCC3".into(), "CODEAAAA1".into()],
            None,
            now,
        )
        .await;
    assert!(
        matches!(clash, Err(Error::Api(ApiError::Conflict))),
        "{clash:?}"
    );
    assert!(store.code(survey.0, "CODECCCC3").await.unwrap().is_none());
    let code = store.code(survey.0, "CODEAAAA1").await.unwrap().unwrap();
    assert_eq!((code.district_id, code.used), (Some(district), false));
    assert_eq!(store.code_by_id(code.id).await.unwrap(), Some(code.clone()));
    let mut with_code = response(survey, "code-key-1", "yes");
    with_code.code_id = Some(code.id);
    with_code.district_id = code.district_id;
    assert!(matches!(
        store.insert_response(&with_code).await.unwrap(),
        Inserted::New(_)
    ));
    assert!(
        store
            .code(survey.0, "CODEAAAA1")
            .await
            .unwrap()
            .unwrap()
            .used
    );
    let mut reuse = response(survey, "code-key-2", "no");
    reuse.code_id = Some(code.id);
    let rows = store.count_response_rows(survey.0).await.unwrap();
    assert_eq!(
        store.insert_response(&reuse).await.unwrap(),
        Inserted::CodeUsed
    );
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), rows);
    assert_eq!(
        store.district_by_code(ward, "code-d").await.unwrap(),
        Some(district)
    );
    assert_eq!(store.district_by_code(ward, "none").await.unwrap(), None);

    // Drafts nobody came back to are removed.
    assert_eq!(
        store
            .delete_drafts_before(now + Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
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
            other => panic!("a plain repeat is never refused: {other:?}"),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        1,
        "every submit must point at the one stored response"
    );
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), 1);
    assert_eq!(
        store
            .survey_by_id(survey.0)
            .await
            .unwrap()
            .unwrap()
            .response_count,
        1
    );
}

/// A full disk, made with SQLite's `max_page_count` (the database may not grow past its size
/// now): a batch of responses is refused as a whole with `Busy` (503 and a retry hint over
/// HTTP), nothing of it is stored or counted, and once there is room again the same responses
/// are stored once each.
#[tokio::test]
async fn a_full_disk_refuses_the_batch_and_loses_nothing_on_sqlite() {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
    use std::str::FromStr;
    let db = TestDb::sqlite();
    let store = db.store().await;
    let survey = new_survey(&store, "full-disk", SurveyStatus::Open).await;
    let yoriai_core::db::Db::Sqlite(pool) = store.db() else {
        panic!("a SQLite store");
    };
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(pool)
        .await
        .unwrap();
    let options = SqliteConnectOptions::from_str(&db.url)
        .unwrap()
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .pragma("max_page_count", pages.to_string());
    let full = Store::new(yoriai_core::db::Db::Sqlite(
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .unwrap(),
    ));
    // Long answers, so that the batch needs new pages.
    let responses: Vec<NewResponse> = (0..20)
        .map(|i| {
            let mut r = response(survey, &format!("full-{i}"), "yes");
            r.texts = vec![("sunday".into(), "日曜の午後に開けてほしい。".repeat(200))];
            r
        })
        .collect();
    let batch: Vec<&NewResponse> = responses.iter().collect();
    match full.insert_responses(&batch).await {
        Err(e) => assert_eq!(ApiError::from(e), ApiError::Busy),
        Ok(outcomes) => panic!("stored on a full disk: {outcomes:?}"),
    }
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), 0);
    let record = store.survey_by_id(survey.0).await.unwrap().unwrap();
    assert_eq!(record.response_count, 0);
    // Room again: sending the same responses stores each once; sending again stores nothing.
    let outcomes = store.insert_responses(&batch).await.unwrap();
    assert!(outcomes.iter().all(|o| matches!(o, Ok(Inserted::New(_)))));
    let again = store.insert_responses(&batch).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, Ok(Inserted::Repeat(_)))));
    assert_eq!(store.count_response_rows(survey.0).await.unwrap(), 20);
    let record = store.survey_by_id(survey.0).await.unwrap().unwrap();
    assert_eq!(record.response_count, 20);
    full.db().close().await;
    db.cleanup(&store).await;
}

store_on_both_databases!(
    old_addresses,
    old_client_addresses_are_forgotten_on_sqlite,
    old_client_addresses_are_forgotten_on_postgres
);

/// Addresses of sign-ins and sign-ups are kept for the retention period and then removed; the
/// audit entries themselves stay, and nothing recent or unrelated is touched.
async fn old_addresses(store: &Store) {
    let now = Utc::now();
    let old = now - Duration::days(91);
    store
        .audit(None, "sign_in_failed", "address 198.51.100.1", old)
        .await
        .unwrap();
    store
        .audit(None, "sign_in", "address 198.51.100.2", now)
        .await
        .unwrap();
    store
        .audit(None, "create_user", "address book of the centre", old)
        .await
        .unwrap();
    store.record_sign_up("198.51.100.3", old).await.unwrap();
    store.record_sign_up("198.51.100.4", now).await.unwrap();
    let removed = store
        .forget_addresses_before(now - yoriai_core::retention::ADDRESS_RETENTION)
        .await
        .unwrap();
    assert_eq!(removed, 2, "one audit entry, one sign-up attempt");
    let details: Vec<String> = store
        .audit_entries(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.detail)
        .collect();
    assert_eq!(
        details,
        vec![
            "address book of the centre".to_string(),
            "address 198.51.100.2".to_string(),
            "address removed".to_string(),
        ]
    );
    let since = old - Duration::days(1);
    assert_eq!(
        store.sign_ups_since("198.51.100.3", since).await.unwrap(),
        0
    );
    assert_eq!(
        store.sign_ups_since("198.51.100.4", since).await.unwrap(),
        1
    );
}
