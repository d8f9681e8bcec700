//! The authorization matrix: every HTTP route and every server function, called as each kind
//! of person (anonymous, resident, organiser, council member of the draft's district and of
//! another district, staff, admin), on objects that belong to others. One table; each row says
//! what each of the seven must get:
//!
//! - `A` allowed: past the gate (200, a 303 elsewhere than sign-in, or a 400/409/422 about the
//!   request itself, which is deliberately empty for changes so that nothing changes);
//! - `S` sent to sign in (401, or a redirect to `/sign-in`);
//! - `F` forbidden (403: the person can see the thing but may not do this);
//! - `H` hidden (404: as if it did not exist, so ids cannot be probed).
//!
//! Nothing may answer 5xx. Runs on SQLite (authorization does not depend on the database; the
//! per-area tests run both).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{TestApp, scalar};
use server::demo::{
    DEMO_CLOSED_SLUG, DEMO_CODE_SLUG, DEMO_COUNCIL_EMAIL, DEMO_DRAFT_SLUG, DEMO_ORGANISER_EMAIL,
    DEMO_RESIDENT_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, DEMO_SURVEY_SLUG,
};
use server::services::auth::SignedIn;
use shared::account::Role;

const ROLES: [&str; 7] = [
    "anonymous",
    "resident",
    "organiser",
    "council (own district)",
    "council (other district)",
    "staff",
    "admin",
];

/// The class of an answer (see the module's documentation); `!` for a server error.
fn class(status: u16, location: Option<&str>) -> char {
    match status {
        401 => 'S',
        302 | 303 if location.is_some_and(|l| l.starts_with("/sign-in")) => 'S',
        403 => 'F',
        404 => 'H',
        s if s >= 500 => '!',
        _ => 'A',
    }
}

/// How a row is sent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Method {
    /// A page or a file.
    Get,
    /// A form post (URL-encoded).
    Post,
    /// A server function: `POST /api/{name}` with URL-encoded arguments.
    Api,
    /// A multipart upload (the XLSForm import), with an empty file.
    Upload,
}

struct Row {
    method: Method,
    path: String,
    body: String,
    want: &'static str,
}

fn row(
    method: Method,
    path: impl Into<String>,
    body: impl Into<String>,
    want: &'static str,
) -> Row {
    assert_eq!(want.len(), ROLES.len(), "one expectation per role");
    Row {
        method,
        path: path.into(),
        body: body.into(),
        want,
    }
}

async fn session(app: &TestApp, email: &str, password: &str) -> String {
    let SignedIn { token, .. } = app
        .services
        .sign_in(email, password, "10.0.0.1")
        .await
        .expect("sign in");
    format!("{}={token}", app::api::SESSION_COOKIE)
}

/// Sends a row with a session cookie (if any), from this site or from `origin`.
async fn send_from(
    app: &TestApp,
    row: &Row,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> (u16, Option<String>) {
    let origin = origin.map_or_else(|| format!("http://{}", app.addr), str::to_string);
    let request = match row.method {
        Method::Get => app.client.get(app.url(&row.path)),
        Method::Post | Method::Api => app
            .client
            .post(app.url(&row.path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", &origin)
            .body(row.body.clone()),
        Method::Upload => {
            let boundary = "yoriai-matrix-boundary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"form.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n\
                 \r\n--{boundary}--\r\n"
            );
            app.client
                .post(app.url(&row.path))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .header("origin", &origin)
                .body(body)
        }
    };
    let request = match cookie {
        Some(c) => request.header("cookie", c),
        None => request,
    };
    let response = request.send().await.expect("request");
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (response.status().as_u16(), location)
}

#[tokio::test]
async fn every_route_and_server_function_by_role() {
    let app = TestApp::sqlite().await;
    let s = &app.services;
    let store = &s.store;
    let id =
        |slug: &'static str| async move { store.survey_by_slug(slug).await.unwrap().unwrap().id };
    let (open, draft, closed, coded) = (
        id(DEMO_SURVEY_SLUG).await,
        id(DEMO_DRAFT_SLUG).await,
        id(DEMO_CLOSED_SLUG).await,
        id(DEMO_CODE_SLUG).await,
    );
    let ward = store.survey_by_id(open).await.unwrap().unwrap().ward_id;
    let districts = store.districts(ward).await.unwrap();
    let (own, other) = (districts[0].id, districts[1].id);
    // The draft is for the first district only; a second council member, of another district,
    // is invited to it all the same, and must still not see it.
    let staff_user = s
        .user_for_token(
            &s.sign_in(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, "10.0.0.1")
                .await
                .unwrap()
                .token,
        )
        .await
        .unwrap()
        .unwrap();
    let invitation = s
        .invite_reviewer(&staff_user, draft, "other-council@example.jp", Some(other))
        .await
        .unwrap();
    let (other_council, _) = s
        .accept_invitation(
            &invitation,
            "他地区 委員",
            "a long enough password",
            "10.0.0.1",
        )
        .await
        .unwrap();
    match store.db() {
        server::db::Db::Sqlite(pool) => {
            sqlx::query("INSERT INTO survey_districts (survey_id, district_id) VALUES ($1, $2)")
                .bind(draft)
                .bind(own)
                .execute(pool)
                .await
                .unwrap();
        }
        server::db::Db::Postgres(pool) => {
            sqlx::query("INSERT INTO survey_districts (survey_id, district_id) VALUES ($1, $2)")
                .bind(draft)
                .bind(own)
                .execute(pool)
                .await
                .unwrap();
        }
    }
    s.create_user(
        "admin@example.jp",
        "管理者",
        "a long enough password",
        Role::Admin,
        Some(ward),
    )
    .await
    .unwrap();
    let cookies: [Option<String>; 7] = [
        None,
        Some(session(&app, DEMO_RESIDENT_EMAIL, DEMO_STAFF_PASSWORD).await),
        Some(session(&app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await),
        Some(session(&app, DEMO_COUNCIL_EMAIL, DEMO_STAFF_PASSWORD).await),
        Some(format!(
            "{}={}",
            app::api::SESSION_COOKIE,
            other_council.token
        )),
        Some(session(&app, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await),
        Some(session(&app, "admin@example.jp", "a long enough password").await),
    ];

    // Objects of others: the organiser's approved and pending groups, a post of theirs, the
    // council's comment and suggestion on the draft, a question of the draft.
    let group = scalar(
        &app,
        "SELECT MIN(id) FROM network_groups WHERE status = 'approved'",
    )
    .await;
    let pending = scalar(
        &app,
        "SELECT MIN(id) FROM network_groups WHERE status = 'pending'",
    )
    .await;
    let post = scalar(&app, "SELECT MIN(id) FROM group_posts").await;
    let comment = scalar(&app, "SELECT MIN(id) FROM survey_comments").await;
    let suggestion = scalar(&app, "SELECT MIN(id) FROM survey_suggestions").await;
    let qid = "times";
    use Method::{Api, Get, Post, Upload};
    let slug = DEMO_SURVEY_SLUG;
    // Staff areas refuse every other role with 403 whatever the id (the role alone decides,
    // so nothing about the id is told); co-design and groups hide what a person may not see
    // with 404, and refuse with 403 what they may see but not change.
    #[rustfmt::skip]
    let rows = vec![
        // --- Residents' pages and answering: open to all ---------------------------------
        row(Get, "/", "", "AAAAAAA"),
        row(Get, format!("/s/{slug}"), "", "AAAAAAA"),
        row(Get, format!("/s/{slug}/paper"), "", "AAAAAAA"),
        row(Get, format!("/s/{DEMO_DRAFT_SLUG}"), "", "HHHHHHH"),
        row(Get, "/sign-in", "", "AAAAAAA"),
        row(Get, "/sign-up", "", "AAAAAAA"),
        row(Post, format!("/s/{slug}/start"), "", "AAAAAAA"),
        row(Post, format!("/s/{slug}/p/1"), "nav=next", "AAAAAAA"),
        row(Post, format!("/s/{slug}/submit"), "", "AAAAAAA"),
        row(Post, format!("/s/{DEMO_DRAFT_SLUG}/start"), "", "HHHHHHH"),
        row(Post, "/sign-in", "", "AAAAAAA"),
        row(Post, "/sign-up", "", "AAAAAAA"),
        row(Get, "/lang/en?next=/", "", "AAAAAAA"),
        row(Api, "/api/survey_start", format!("slug={slug}"), "AAAAAAA"),
        row(Api, "/api/survey_section", format!("slug={slug}&number=1"), "AAAAAAA"),
        row(Api, "/api/survey_review", format!("slug={slug}"), "AAAAAAA"),
        row(Api, "/api/survey_paper", format!("slug={slug}"), "AAAAAAA"),
        row(Api, "/api/open_surveys", "", "AAAAAAA"),
        row(Api, "/api/me", "", "AAAAAAA"),
        row(Api, "/api/survey_start", format!("slug={DEMO_DRAFT_SLUG}"), "HHHHHHH"),
        // Nothing published yet: nobody sees results, whoever asks.
        row(Api, "/api/public_results", format!("slug={DEMO_CLOSED_SLUG}"), "HHHHHHH"),
        // --- Staff: surveys, builder, paper, analytics -------------------------------------
        row(Get, "/staff", "", "SFFFFAA"),
        row(Get, "/staff/surveys/new", "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{open}"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{draft}/edit"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{draft}/q/{qid}"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{draft}/preview/1"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{open}/codes"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{coded}/cards"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{open}/entry"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{open}/flyer"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{open}/xlsform"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{open}/flyer.svg"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{closed}/export?format=csv"), "", "SFFFFAA"),
        row(Get, format!("/staff/surveys/{closed}/texts/comment"), "", "SFFFFAA"),
        row(Post, "/staff/surveys/new", "", "SFFFFAA"),
        row(Upload, "/staff/surveys/import", "", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{draft}/edit"), "action=add_question&section=s1&kind=yes_no", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{draft}/q/{qid}"), "", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{open}/codes"), "", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{open}/entry"), "", "SFFFFAA"),
        // No sheet 1 was typed: staff pass the gate and are told so (404).
        row(Post, format!("/staff/surveys/{open}/entry/1"), "", "SFFFFHH"),
        row(Post, format!("/staff/surveys/{open}/entry-mode"), "", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{closed}/texts/comment"), "", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{closed}/results/publish"), "", "SFFFFAA"),
        row(Post, format!("/staff/surveys/{closed}/results/min-cell"), "", "SFFFFAA"),
        row(Api, "/api/staff_surveys", "", "SFFFFAA"),
        row(Api, "/api/response_count", format!("survey_id={open}"), "SFFFFAA"),
        row(Api, "/api/survey_responses", format!("survey_id={open}"), "SFFFFAA"),
        row(Api, "/api/survey_builder", format!("survey_id={draft}"), "SFFFFAA"),
        row(Api, "/api/survey_codes", format!("survey_id={open}"), "SFFFFAA"),
        row(Api, "/api/survey_flyer", format!("survey_id={open}"), "SFFFFAA"),
        row(Api, "/api/code_cards", format!("survey_id={coded}&page=1"), "SFFFFAA"),
        row(Api, "/api/paper_entry", format!("survey_id={open}"), "SFFFFAA"),
        row(Api, "/api/paper_differences", format!("survey_id={open}&sheet=1"), "SFFFFHH"),
        row(Api, "/api/texts", format!("survey_id={closed}&key=comment&search=&page=1"), "SFFFFAA"),
        // --- Results: staff, and council members for their district (suppressed) ----------
        row(Get, format!("/staff/surveys/{open}/results"), "", "SHHAAAA"),
        row(Get, format!("/review/{closed}/results"), "", "SHHAAAA"),
        row(Api, "/api/results", format!("survey_id={closed}&query="), "SHHAAAA"),
        // --- Co-design: the draft is the own-district council member's -------------------
        // Anyone signed in may open the list; it holds only what they review (residents: none).
        row(Get, "/review", "", "SAAAAAA"),
        row(Get, format!("/review/{draft}"), "", "SHHAHAA"),
        row(Get, format!("/review/{draft}/q/{qid}/suggest"), "", "SHHAHAA"),
        row(Get, format!("/review/{draft}/revisions"), "", "SHHAHAA"),
        row(Get, "/notifications", "", "SAAAAAA"),
        row(Get, "/admin/audit", "", "SFFFFFA"),
        row(Post, format!("/review/{draft}/comment"), "", "SHHAHAA"),
        row(Post, format!("/review/{draft}/comments/{comment}"), "action=resolve", "SHHAHAA"),
        row(Post, format!("/review/{draft}/q/{qid}/suggest"), "", "SHHAHAA"),
        row(Post, format!("/review/{draft}/suggestions/{suggestion}"), "action=reject", "SHHFHAA"),
        row(Post, format!("/review/{draft}/approval"), "action=approve", "SHHAHFF"),
        row(Post, format!("/review/{draft}/state"), "action=send", "SHHFHAA"),
        row(Post, format!("/review/{draft}/invite"), "", "SHHFHAA"),
        row(Post, format!("/review/{draft}/revisions/1/restore"), "", "SHHFHAA"),
        row(Post, "/invite/not-a-real-token", "", "HHHHHHH"),
        row(Post, "/notifications", "", "SAAAAAA"),
        row(Api, "/api/reviewed_surveys", "", "SAAAAAA"),
        row(Api, "/api/draft", format!("survey_id={draft}"), "SHHAHAA"),
        row(Api, "/api/suggest", format!("survey_id={draft}&question_id={qid}"), "SHHAHAA"),
        row(Api, "/api/invitation_link", format!("survey_id={draft}&token=x"), "SHHFHHH"),
        row(Api, "/api/invitation", "token=not-a-real-token", "HHHHHHH"),
        row(Api, "/api/revisions", format!("survey_id={draft}"), "SHHAHAA"),
        row(Api, "/api/notifications", "", "SAAAAAA"),
        row(Api, "/api/unread", "", "SAAAAAA"),
        row(Api, "/api/audit", "", "SFFFFFA"),
        // --- Networks: the groups are the organiser's ------------------------------------
        row(Get, "/groups", "", "AAAAAAA"),
        row(Get, format!("/groups/{group}"), "", "AAAAAAA"),
        row(Get, format!("/groups/{pending}"), "", "HHAHHAA"),
        row(Get, format!("/groups/{group}/edit"), "", "SFAFFAA"),
        row(Get, "/groups/new", "", "SAAAAAA"),
        row(Get, "/groups/review", "", "SFFFFAA"),
        row(Get, "/groups/reports", "", "SFFFFAA"),
        row(Get, "/feed", "", "SAAAAAA"),
        row(Get, "/notices", "", "SFFFFAA"),
        row(Get, format!("/groups/{group}/events.ics"), "", "AAAAAAA"),
        row(Get, format!("/districts/{own}/events.ics"), "", "AAAAAAA"),
        row(Post, "/groups/new", "", "SAAAAAA"),
        row(Post, format!("/groups/{group}/edit"), "", "SFAFFAA"),
        row(Post, format!("/groups/{pending}/edit"), "", "SHAHHAA"),
        row(Post, format!("/groups/{group}/membership"), "", "SAAAAAA"),
        row(Post, format!("/groups/{pending}/decision"), "action=decline&reason=", "SHFHHAA"),
        // Posting is the organisers' (staff moderate; they do not post for a group).
        row(Post, format!("/groups/{group}/posts"), "", "SFAFFFF"),
        row(Post, format!("/posts/{post}/rsvp"), "", "SAAAAAA"),
        row(Post, "/notices", "", "SFFFFAA"),
        row(Post, "/reports", "", "SAAAAAA"),
        row(Post, "/groups/reports", "", "SFFFFAA"),
        row(Api, "/api/directory", "query=", "AAAAAAA"),
        row(Api, "/api/group", format!("id={group}"), "AAAAAAA"),
        row(Api, "/api/group", format!("id={pending}"), "HHAHHAA"),
        row(Api, "/api/propose_view", "", "SAAAAAA"),
        row(Api, "/api/pending_groups", "", "SFFFFAA"),
        row(Api, "/api/feed", "", "SAAAAAA"),
        row(Api, "/api/notices", "", "SFFFFAA"),
        row(Api, "/api/suggested_groups", format!("slug={slug}"), "AAAAAAA"),
        row(Api, "/api/reports", "", "SFFFFAA"),
        // Signing out last: it ends the sessions above.
        row(Post, "/sign-out", "", "AAAAAAA"),
    ];
    // CSRF: every state-changing request (every form, upload and server function) sent by
    // another site with the staff session is refused, and nothing is stored.
    let tables = [
        "responses",
        "response_drafts",
        "survey_revisions",
        "survey_comments",
        "survey_suggestions",
        "network_groups",
        "group_posts",
        "group_members",
        "notices",
        "reports",
        "audit_log",
        "sessions",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(scalar(&app, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    let mut cross_site = 0;
    for r in rows.iter().filter(|r| r.method != Get) {
        let (status, _) =
            send_from(&app, r, cookies[5].as_deref(), Some("https://evil.example")).await;
        assert_eq!(status, 403, "cross-site {:?} {}", r.method, r.path);
        cross_site += 1;
    }
    for (table, count) in tables.iter().zip(before) {
        let after = scalar(&app, &format!("SELECT COUNT(*) FROM {table}")).await;
        assert_eq!(after, count, "a cross-site request changed {table}");
    }
    eprintln!("cross-site requests refused: {cross_site}");

    let mut wrong = Vec::new();
    let mut cases = 0;
    for r in &rows {
        let mut got = String::new();
        let mut statuses = Vec::new();
        for cookie in &cookies {
            let (status, location) = send_from(&app, r, cookie.as_deref(), None).await;
            got.push(class(status, location.as_deref()));
            statuses.push(status);
            cases += 1;
        }
        if got != r.want {
            wrong.push(format!(
                "{:?} {} {:?}: want {} got {} {statuses:?}",
                r.method, r.path, r.body, r.want, got
            ));
        }
    }
    assert!(wrong.is_empty(), "roles {ROLES:?}\n{}", wrong.join("\n"));
    eprintln!(
        "authorization matrix: {cases} cases ({} rows × {} roles)",
        rows.len(),
        ROLES.len()
    );
    app.stop().await;
}
