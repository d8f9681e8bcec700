//! The application over HTTP, as a browser without JavaScript (and a forger) would use it.
//! Each test gets its own database with the demo data; the main journeys also run on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{TestApp, form_key};
use server::demo::{DEMO_CLOSED_SLUG, DEMO_STAFF_EMAIL, DEMO_SURVEY_SLUG};

const SURVEY: &str = "/s/shimin-center-2026";

#[tokio::test]
async fn health_check_answers() {
    let app = TestApp::sqlite().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
    app.stop().await;
}

#[tokio::test]
async fn survey_page_renders_the_whole_form_in_japanese_without_javascript() {
    let app = TestApp::sqlite().await;
    let res = app.get(SURVEY).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["cache-control"], "no-cache, private");
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"ja\""), "Japanese by default");
    assert!(html.contains("市民センターのあり方に関するアンケート"));
    assert!(html.contains("日曜日に開いていたら"));
    assert!(html.contains(&format!("action=\"/s/{DEMO_SURVEY_SLUG}\"")));
    assert!(html.contains("method=\"post\""));
    assert_eq!(form_key(&html).len(), 32);
    assert!(html.contains("<leptos-island"), "the form is an island");
    assert!(
        html.contains("/pkg/yoriai.js"),
        "the survey page loads the island code"
    );
    app.stop().await;
}

#[tokio::test]
async fn pages_without_islands_load_no_javascript_or_webassembly() {
    let app = TestApp::sqlite().await;
    for path in ["/", "/sign-in", &format!("{SURVEY}/thanks")] {
        let html = app.get(path).await.text().await.unwrap();
        // leptos_axum always appends two tiny inline scripts of hydration bookkeeping; what
        // matters for weight is that nothing is downloaded.
        for loader in [
            "/pkg/yoriai.js",
            ".wasm",
            "<script src",
            "type=\"module\"",
            "modulepreload",
        ] {
            assert!(!html.contains(loader), "{path} should not load {loader}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn english_is_selectable_and_remembered() {
    let app = TestApp::sqlite().await;
    let res = app.get(&format!("/lang/en?next={SURVEY}")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], SURVEY);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("yoriai_lang=en;"));
    let html = app
        .get_with_cookie(SURVEY, "yoriai_lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Survey on the future of our community centre"));
    assert!(html.contains("Send my answers"));
    // An open redirect is refused.
    let res = app.get("/lang/en?next=//evil.example").await;
    assert_eq!(res.headers()["location"], "/");
    app.stop().await;
}

#[tokio::test]
async fn unknown_and_closed_surveys_get_clear_pages_and_statuses() {
    let app = TestApp::sqlite().await;
    let res = app.get("/s/no-such-survey").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("ページが見つかりません"));
    let res = app.get(&format!("/s/{DEMO_CLOSED_SLUG}")).await;
    assert_eq!(res.status(), 410);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("このアンケートは終了しました")
    );
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}

/// The number inside the first live response counter after `anchor` on a staff page.
fn count_shown(html: &str, anchor: &str) -> Option<String> {
    let row = html.find(anchor)?;
    let at = row + html[row..].find("class=\"response-count\"")?;
    let rest = &html[at..];
    let start = rest.find('>')? + 1;
    let end = rest[start..].find('<')? + start;
    Some(rest[start..end].to_string())
}

async fn answer_without_javascript(app: &TestApp) {
    let html = app.get(SURVEY).await.text().await.unwrap();
    let key = form_key(&html);
    let fields = [
        ("idempotency_key", key.as_str()),
        ("lang", "ja"),
        ("q.visited", "sometimes"),
        ("q.sunday", "yes"),
        ("q.sunday_uses", "kids"),
        ("q.sunday_uses", "study"),
        ("q.comment", "日曜日に子どもと行きたいです"),
    ];
    let res = app.post_form(SURVEY, &fields).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("{SURVEY}/thanks"));
    // A second tap on a slow connection posts the same form again: still one response.
    let res = app.post_form(SURVEY, &fields).await;
    assert_eq!(res.status(), 303);
    let id = app.demo_survey_id().await;
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 1);
    let stored = app.services.store.latest_responses(id, 5).await.unwrap();
    assert_eq!(
        serde_json::to_value(&stored[0].answers).unwrap(),
        serde_json::json!({
            "visited": "sometimes",
            "sunday": "yes",
            "sunday_uses": ["kids", "study"],
            "comment": "日曜日に子どもと行きたいです"
        })
    );
    let thanks = app
        .get(&format!("{SURVEY}/thanks"))
        .await
        .text()
        .await
        .unwrap();
    assert!(thanks.contains("ご回答ありがとうございました"));

    // The staff page shows the count and the answer, as words.
    let cookie = app.sign_in_staff().await;
    let staff = app.get_with_cookie("/staff", &cookie).await;
    assert_eq!(staff.status(), 200);
    let staff = staff.text().await.unwrap();
    assert!(staff.contains("市民センターのあり方に関するアンケート"));
    assert_eq!(
        count_shown(&staff, "data-survey=\"shimin-center-2026\""),
        Some("1".to_string()),
        "{staff}"
    );
    let page = app
        .get_with_cookie(&format!("/staff/surveys/{id}"), &cookie)
        .await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert_eq!(count_shown(&page, "<h1>"), Some("1".to_string()));
    assert!(
        page.contains("/pkg/yoriai.js"),
        "the live counter is an island"
    );
    assert!(page.contains("日曜日に子どもと行きたいです"));
    assert!(page.contains("子育てサロン・親子の集まり、自習・テレワークの場所"));
}

#[tokio::test]
async fn a_resident_answers_without_javascript_and_staff_see_it_on_sqlite() {
    let app = TestApp::sqlite().await;
    answer_without_javascript(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn a_resident_answers_without_javascript_and_staff_see_it_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    answer_without_javascript(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn invalid_answers_come_back_with_messages_and_nothing_is_lost_or_stored() {
    let app = TestApp::sqlite().await;
    let html = app.get(SURVEY).await.text().await.unwrap();
    let key = form_key(&html);
    let res = app
        .post_form(
            SURVEY,
            &[
                ("idempotency_key", key.as_str()),
                ("q.visited", "often"),
                ("q.sunday_uses", "kids"),
                ("q.sunday_uses", "study"),
                ("q.sunday_uses", "events"),
                ("q.sunday_uses", "rooms"),
                ("q.comment", "残しておいてほしい文章"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("入力内容を確認してください"));
    assert!(
        html.contains("この項目は必須です。回答してください。"),
        "missing required answer"
    );
    assert!(html.contains("3つまで選べます。"), "too many picks");
    assert!(
        html.contains("残しておいてほしい文章"),
        "typed text is kept"
    );
    assert!(
        html.contains("value=\"often\" checked"),
        "choice is kept: {html}"
    );
    assert_eq!(
        form_key(&html),
        key,
        "the same form keeps its idempotency key"
    );
    let id = app.demo_survey_id().await;
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 0);

    // A made-up option is refused too.
    let res = app
        .post_form(
            SURVEY,
            &[
                ("idempotency_key", key.as_str()),
                ("q.visited", "often"),
                ("q.sunday", "hacked"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("選択肢の中から選んでください。")
    );
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn closed_unknown_oversized_and_keyless_posts_are_refused() {
    let app = TestApp::sqlite().await;
    let res = app
        .post_form(
            &format!("/s/{DEMO_CLOSED_SLUG}"),
            &[
                ("idempotency_key", "0123456789abcdef"),
                ("q.visited", "often"),
                ("q.sunday", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 410);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("このアンケートは終了しました")
    );
    let res = app
        .post_form("/s/nope", &[("idempotency_key", "0123456789abcdef")])
        .await;
    assert_eq!(res.status(), 404);
    let huge = "あ".repeat(200_000);
    let res = app
        .post_form(
            SURVEY,
            &[
                ("idempotency_key", "0123456789abcdef"),
                ("q.comment", &huge),
            ],
        )
        .await;
    assert_eq!(res.status(), 413);
    let res = app
        .post_form(SURVEY, &[("q.visited", "often"), ("q.sunday", "yes")])
        .await;
    assert_eq!(
        res.status(),
        400,
        "a form without its key was not rendered by us"
    );
    let id = app.demo_survey_id().await;
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_store_nothing() {
    let app = TestApp::sqlite().await;
    let fields = [
        ("idempotency_key", "0123456789abcdef"),
        ("q.visited", "often"),
        ("q.sunday", "yes"),
    ];
    let res = app
        .post_form_with(SURVEY, &fields, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(SURVEY, &fields, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", server::demo::DEMO_STAFF_PASSWORD),
            ],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let id = app.demo_survey_id().await;
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::sqlite().await;
    let res = app.get("/staff").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/sign-in?next=/staff");

    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", server::demo::DEMO_STAFF_PASSWORD),
                ("next", "/staff"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/staff");
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("yoriai_session="));
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let staff = app.get_with_cookie("/staff", &cookie).await;
    assert_eq!(staff.status(), 200);
    assert!(staff.text().await.unwrap().contains("小倉 花子（区役所）"));

    let res = app
        .client
        .post(app.url("/sign-out"))
        .header("cookie", &cookie)
        .header("origin", format!("http://{}", app.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        app.get_with_cookie("/staff", &cookie).await.status(),
        302,
        "session is gone"
    );
    let actions: Vec<_> = app
        .services
        .store
        .audit_entries(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.starts_with(&["sign_out".to_string(), "sign_in".to_string()]),
        "{actions:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn wrong_passwords_get_a_message_and_are_rate_limited() {
    let app = TestApp::sqlite().await;
    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", "wrong password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 401);
    let html = res.text().await.unwrap();
    assert!(html.contains("メールアドレスまたはパスワードが正しくありません。"));
    assert!(
        html.contains(&format!("value=\"{DEMO_STAFF_EMAIL}\"")),
        "e-mail kept"
    );
    assert!(!html.contains("wrong password 1"), "password never echoed");
    let res = app
        .post_form("/sign-in", &[("email", "not-an-email"), ("password", "")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("形式が正しくありません。")
    );
    for _ in 0..4 {
        let res = app
            .post_form(
                "/sign-in",
                &[
                    ("email", DEMO_STAFF_EMAIL),
                    ("password", "wrong password 2"),
                ],
            )
            .await;
        assert_eq!(res.status(), 401);
    }
    // Five failures: even the right password is refused for a while.
    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", server::demo::DEMO_STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("試行回数が多すぎます"));
    app.stop().await;
}

#[tokio::test]
async fn staff_data_needs_a_staff_role_on_the_server() {
    let app = TestApp::sqlite().await;
    // A server function is an endpoint of its own: no session, no data.
    let res = app
        .client
        .post(app.url("/api/staff_surveys"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    assert!(res.text().await.unwrap().contains("Unauthorized"));
    let res = app
        .client
        .post(app.url("/api/response_count"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("survey_id={}", app.demo_survey_id().await))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Unauthorized"));
    // A resident account may sign in but not read answers.
    app.services
        .create_user(
            "resident@example.jp",
            "住民 太郎",
            "resident password",
            shared::account::Role::Resident,
            None,
        )
        .await
        .unwrap();
    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", "resident@example.jp"),
                ("password", "resident password"),
            ],
        )
        .await;
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let res = app.get_with_cookie("/staff", &cookie).await;
    assert_eq!(res.status(), 403);
    let id = app.demo_survey_id().await;
    assert_eq!(
        app.get_with_cookie(&format!("/staff/surveys/{id}"), &cookie)
            .await
            .status(),
        403
    );
    app.stop().await;
}

#[tokio::test]
async fn the_hydrated_form_submits_through_a_server_function_idempotently() {
    let app = TestApp::sqlite().await;
    let html = app.get(SURVEY).await.text().await.unwrap();
    let key = form_key(&html);
    let body = serde_json::json!({
        "submission": {
            "slug": DEMO_SURVEY_SLUG,
            "fields": [["q.visited", "never"], ["q.sunday", "maybe"]],
            "idempotency_key": key,
            "lang": "en"
        }
    });
    let send = || {
        app.client
            .post(app.url("/api/submit"))
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("origin", format!("http://{}", app.addr))
            .body(body.to_string())
            .send()
    };
    let first: serde_json::Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(first["newly_stored"], true);
    let again: serde_json::Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(again["newly_stored"], false);
    assert_eq!(again["response_id"], first["response_id"]);
    let bad = serde_json::json!({
        "submission": {"slug": DEMO_SURVEY_SLUG, "fields": [], "idempotency_key": "abcdefgh12345678", "lang": "ja"}
    });
    let res = app
        .client
        .post(app.url("/api/submit"))
        .header("content-type", "application/json")
        .body(bad.to_string())
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Required"));
    let id = app.demo_survey_id().await;
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 1);
    app.stop().await;
}
