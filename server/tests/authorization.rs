//! The authorization matrix: every HTTP route and every server function, called as each kind
//! of person (anonymous, resident, organiser, council member of the draft's district and of
//! another district, staff, admin, and staff and admin of another ward of the same city), on
//! objects that belong to others. One table; each row says what each of the nine must get:
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
use shared::account::Role;
use yoriai_core::accounts::SignedIn;
use yoriai_core::demo::{
    DEMO_CLOSED_SLUG, DEMO_CODE_SLUG, DEMO_COUNCIL_EMAIL, DEMO_DRAFT_SLUG, DEMO_ORGANISER_EMAIL,
    DEMO_RESIDENT_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, DEMO_SURVEY_SLUG,
};

const ROLES: [&str; 9] = [
    "anonymous",
    "resident",
    "organiser",
    "council (own district)",
    "council (other district)",
    "staff",
    "admin",
    "staff (other ward)",
    "admin (other ward)",
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
        .core
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
    let s = &app.core;
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
        yoriai_core::db::Db::Sqlite(pool) => {
            sqlx::query("INSERT INTO survey_districts (survey_id, district_id) VALUES ($1, $2)")
                .bind(draft)
                .bind(own)
                .execute(pool)
                .await
                .unwrap();
        }
        yoriai_core::db::Db::Postgres(pool) => {
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
    // A second ward of the city, with its own staff member and admin: every survey of the
    // first ward is "not found" to them.
    let moji = store.upsert_ward("moji", "門司区", "Moji").await.unwrap();
    for (email, role) in [
        ("moji-staff@example.jp", Role::Staff),
        ("moji-admin@example.jp", Role::Admin),
    ] {
        s.create_user(
            email,
            "門司区 職員",
            "a long enough password",
            role,
            Some(moji),
        )
        .await
        .unwrap();
    }
    let cookies: [Option<String>; 9] = [
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
        Some(session(&app, "moji-staff@example.jp", "a long enough password").await),
        Some(session(&app, "moji-admin@example.jp", "a long enough password").await),
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
    // A member of staff of the first ward, and an invitation of it, for the admin pages.
    let staff_id = staff_user.id;
    let admin_user = s
        .user_for_token(
            &s.sign_in("admin@example.jp", "a long enough password", "10.0.0.1")
                .await
                .unwrap()
                .token,
        )
        .await
        .unwrap()
        .unwrap();
    let district = own.to_string();
    let scope = yoriai_core::admin::ScopeForm {
        kind: "council",
        district: &district,
        ..Default::default()
    };
    s.invite_person(
        &admin_user,
        &yoriai_core::admin::InvitationForm {
            form_key: "",
            email: "invited@example.jp",
            display_name: "招待 される",
            scope,
        },
        shared::Lang::Ja,
    )
    .await
    .unwrap();
    let invitation_id = scalar(&app, "SELECT MAX(id) FROM account_invitations").await;
    let news = scalar(&app, "SELECT id FROM matters WHERE kind = 'good_news'").await;
    let reported = scalar(
        &app,
        "SELECT MIN(id) FROM matters WHERE reported_by IS NOT NULL",
    )
    .await;
    use Method::{Api, Get, Post, Upload};
    let slug = DEMO_SURVEY_SLUG;
    // Staff areas refuse every other role with 403 whatever the id (the role alone decides,
    // so nothing about the id is told); co-design and groups hide what a person may not see
    // with 404, and refuse with 403 what they may see but not change.
    #[rustfmt::skip]
    let rows = vec![
        // --- Residents' pages and answering: open to all ---------------------------------
        row(Get, "/", "", "AAAAAAAAA"),
        row(Get, format!("/s/{slug}"), "", "AAAAAAAAA"),
        row(Get, format!("/s/{slug}/paper"), "", "AAAAAAAAA"),
        row(Get, format!("/s/{DEMO_DRAFT_SLUG}"), "", "HHHHHHHHH"),
        row(Get, "/sign-in", "", "AAAAAAAAA"),
        row(Get, "/sign-up", "", "AAAAAAAAA"),
        row(Post, format!("/s/{slug}/start"), "", "AAAAAAAAA"),
        row(Post, format!("/s/{slug}/p/1"), "nav=next", "AAAAAAAAA"),
        row(Post, format!("/s/{slug}/submit"), "", "AAAAAAAAA"),
        row(Post, format!("/s/{DEMO_DRAFT_SLUG}/start"), "", "HHHHHHHHH"),
        row(Post, "/sign-in", "", "AAAAAAAAA"),
        row(Post, "/sign-up", "", "AAAAAAAAA"),
        // Forgotten passwords: open to all; the link is the key (410 for one that is not).
        row(Get, "/forgot", "", "AAAAAAAAA"),
        row(Post, "/forgot", "", "AAAAAAAAA"),
        row(Get, "/reset/not-a-real-token", "", "AAAAAAAAA"),
        row(Post, "/reset/not-a-real-token", "", "AAAAAAAAA"),
        row(Api, "/api/reset_link", "token=not-a-real-token", "AAAAAAAAA"),
        row(Get, "/sign-up/confirm/not-a-real-token", "", "AAAAAAAAA"),
        row(Post, "/sign-up/confirm/not-a-real-token", "", "AAAAAAAAA"),
        row(Api, "/api/sign_up_link", "token=not-a-real-token", "AAAAAAAAA"),
        // One's own account: anyone signed in, for themselves only (an unknown session is 404).
        row(Get, "/account", "", "SAAAAAAAA"),
        row(Get, "/account/data.json", "", "SAAAAAAAA"),
        row(Post, "/account/name", "", "SAAAAAAAA"),
        row(Post, "/account/password", "", "SAAAAAAAA"),
        row(Post, "/account/sessions", "session=0123456789abcdef", "SHHHHHHHH"),
        row(Post, "/account/delete", "", "SAAAAAAAA"),
        row(Post, "/account/email", "", "SAAAAAAAA"),
        row(Post, "/account/digest", "digest=daily", "SAAAAAAAA"),
        row(Get, "/account/email/not-a-real-token", "", "AAAAAAAAA"),
        row(Post, "/account/email/not-a-real-token", "", "AAAAAAAAA"),
        row(Api, "/api/email_link", "token=not-a-real-token", "AAAAAAAAA"),
        row(Api, "/api/account", "", "SAAAAAAAA"),
        row(Get, "/lang/en?next=/", "", "AAAAAAAAA"),
        row(Api, "/api/survey_start", format!("slug={slug}"), "AAAAAAAAA"),
        row(Api, "/api/survey_section", format!("slug={slug}&number=1"), "AAAAAAAAA"),
        row(Api, "/api/survey_review", format!("slug={slug}"), "AAAAAAAAA"),
        row(Api, "/api/survey_paper", format!("slug={slug}"), "AAAAAAAAA"),
        row(Api, "/api/open_surveys", "", "AAAAAAAAA"),
        row(Api, "/api/me", "", "AAAAAAAAA"),
        row(Api, "/api/survey_start", format!("slug={DEMO_DRAFT_SLUG}"), "HHHHHHHHH"),
        // Nothing published yet: nobody sees results, whoever asks.
        row(Api, "/api/public_results", format!("slug={DEMO_CLOSED_SLUG}"), "HHHHHHHHH"),
        // --- Staff: surveys, builder, paper, analytics -------------------------------------
        row(Get, "/staff", "", "SFFFFAAAA"),
        row(Get, "/staff/surveys/new", "", "SFFFFAAAA"),
        row(Get, format!("/staff/surveys/{open}"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{draft}/edit"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{draft}/q/{qid}"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{draft}/preview/1"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{open}/codes"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{coded}/cards"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{open}/entry"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{open}/flyer"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{open}/xlsform"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{open}/flyer.svg"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{closed}/export?format=csv"), "", "SFFFFAAHH"),
        row(Get, format!("/staff/surveys/{closed}/texts/comment"), "", "SFFFFAAHH"),
        row(Post, "/staff/surveys/new", "", "SFFFFAAAA"),
        row(Upload, "/staff/surveys/import", "", "SFFFFAAAA"),
        row(Post, format!("/staff/surveys/{draft}/edit"), "action=add_question&section=s1&kind=yes_no", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{draft}/q/{qid}"), "", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{draft}/q/{qid}/fields"), "", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{open}/codes"), "", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{open}/entry"), "", "SFFFFAAHH"),
        // No sheet 1 was typed: staff pass the gate and are told so (404).
        row(Post, format!("/staff/surveys/{open}/entry/1"), "", "SFFFFHHHH"),
        row(Post, format!("/staff/surveys/{open}/entry-mode"), "", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{closed}/texts/comment"), "", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{closed}/results/publish"), "", "SFFFFAAHH"),
        row(Post, format!("/staff/surveys/{closed}/results/min-cell"), "", "SFFFFAAHH"),
        row(Api, "/api/staff_surveys", "", "SFFFFAAAA"),
        row(Api, "/api/response_count", format!("survey_id={open}"), "SFFFFAAHH"),
        row(Api, "/api/survey_responses", format!("survey_id={open}"), "SFFFFAAHH"),
        row(Api, "/api/survey_builder", format!("survey_id={draft}"), "SFFFFAAHH"),
        row(Api, "/api/place_question", format!("survey_id={draft}&question={qid}&section=s1&index=0"), "SFFFFAAHH"),
        row(Api, "/api/saved_question", format!("survey_id={draft}&question={qid}"), "SFFFFAAHH"),
        row(Api, "/api/save_question", format!("survey_id={draft}&question={qid}&fields=%5B%5D"), "SFFFFAAHH"),
        row(Api, "/api/survey_codes", format!("survey_id={open}"), "SFFFFAAHH"),
        row(Api, "/api/survey_flyer", format!("survey_id={open}"), "SFFFFAAHH"),
        row(Api, "/api/code_cards", format!("survey_id={coded}&page=1"), "SFFFFAAHH"),
        row(Api, "/api/paper_entry", format!("survey_id={open}"), "SFFFFAAHH"),
        row(Api, "/api/paper_differences", format!("survey_id={open}&sheet=1"), "SFFFFHHHH"),
        row(Api, "/api/texts", format!("survey_id={closed}&key=comment&search=&page=1"), "SFFFFAAHH"),
        // --- Results: staff, and council members for their district (suppressed) ----------
        row(Get, format!("/staff/surveys/{open}/results"), "", "SHHAAAAHH"),
        row(Get, format!("/review/{closed}/results"), "", "SHHAAAAHH"),
        row(Api, "/api/results", format!("survey_id={closed}&query="), "SHHAAAAHH"),
        // --- Co-design: the draft is the own-district council member's -------------------
        // Anyone signed in may open the list; it holds only what they review (residents: none).
        row(Get, "/review", "", "SAAAAAAAA"),
        row(Get, format!("/review/{draft}"), "", "SHHAHAAHH"),
        row(Get, format!("/review/{draft}/q/{qid}/suggest"), "", "SHHAHAAHH"),
        row(Get, format!("/review/{draft}/revisions"), "", "SHHAHAAHH"),
        row(Get, "/notifications", "", "SAAAAAAAA"),
        row(Get, "/admin/audit", "", "SFFFFFAFA"),
        // --- Administration: admins, for the people of their ward; the mail log names people
        // of every ward, so only an admin of every ward reads it (none here).
        row(Get, "/admin/people", "", "SFFFFFAFA"),
        row(Get, format!("/admin/people/{staff_id}"), "", "SFFFFFAFH"),
        row(Get, "/admin/mail", "", "SFFFFFFFF"),
        row(Post, "/admin/people/invite", "", "SFFFFFAFA"),
        row(Post, format!("/admin/people/{staff_id}"), "", "SFFFFFAFH"),
        row(Post, format!("/admin/people/{staff_id}/active"), "active=1", "SFFFFFAFH"),
        row(Post, format!("/admin/invitations/{invitation_id}/withdraw"), "", "SFFFFFAFH"),
        row(Api, "/api/admin_people", "filter=workers&q=", "SFFFFFAFA"),
        row(Api, "/api/admin_person", format!("id={staff_id}"), "SFFFFFAFH"),
        row(Api, "/api/admin_mail", "", "SFFFFFFFF"),
        // Places: admins see their wards; only an admin of every ward imports (none here).
        row(Get, "/admin", "", "AAAAAAAAA"),
        row(Get, "/admin/places", "", "SFFFFFAFA"),
        row(Get, "/admin/places.csv", "", "SFFFFFAFA"),
        row(Get, "/admin/places/example.csv", "", "AAAAAAAAA"),
        row(Get, "/privacy", "", "AAAAAAAAA"),
        row(Api, "/api/privacy", "", "AAAAAAAAA"),
        row(Get, "/admin/privacy", "", "SFFFFFFFF"),
        row(Post, "/admin/privacy", "", "SFFFFFFFF"),
        row(Upload, "/admin/places", "", "SFFFFFFFF"),
        row(Api, "/api/admin_places", "", "SFFFFFAFA"),
        // The set-up link: the link is the key (410 for one that is not).
        row(Get, "/setup/not-a-real-token", "", "AAAAAAAAA"),
        row(Upload, "/setup/not-a-real-token", "", "AAAAAAAAA"),
        row(Api, "/api/setup", "token=not-a-real-token", "AAAAAAAAA"),
        // Invitation links: the link is the key (410 for one that is not).
        row(Get, "/join/not-a-real-token", "", "AAAAAAAAA"),
        row(Post, "/join/not-a-real-token", "", "AAAAAAAAA"),
        row(Api, "/api/join", "token=not-a-real-token", "AAAAAAAAA"),
        row(Post, format!("/review/{draft}/comment"), "", "SHHAHAAHH"),
        row(Post, format!("/review/{draft}/comments/{comment}"), "action=resolve", "SHHAHAAHH"),
        row(Post, format!("/review/{draft}/q/{qid}/suggest"), "", "SHHAHAAHH"),
        row(Post, format!("/review/{draft}/suggestions/{suggestion}"), "action=reject", "SHHFHAAHH"),
        row(Post, format!("/review/{draft}/approval"), "action=approve", "SHHAHFFHH"),
        row(Post, format!("/review/{draft}/state"), "action=send", "SHHFHAAHH"),
        row(Post, format!("/review/{draft}/invite"), "", "SHHFHAAHH"),
        row(Post, format!("/review/{draft}/revisions/1/restore"), "", "SHHFHAAHH"),
        row(Post, "/invite/not-a-real-token", "", "HHHHHHHHH"),
        row(Post, "/notifications", "", "SAAAAAAAA"),
        row(Api, "/api/reviewed_surveys", "", "SAAAAAAAA"),
        row(Api, "/api/draft", format!("survey_id={draft}"), "SHHAHAAHH"),
        row(Api, "/api/suggest", format!("survey_id={draft}&question_id={qid}"), "SHHAHAAHH"),
        row(Api, "/api/invitation_link", format!("survey_id={draft}&token=x"), "SHHFHHHHH"),
        row(Api, "/api/invitation", "token=not-a-real-token", "HHHHHHHHH"),
        row(Api, "/api/revisions", format!("survey_id={draft}"), "SHHAHAAHH"),
        row(Api, "/api/notifications", "", "SAAAAAAAA"),
        row(Api, "/api/unread", "", "SAAAAAAAA"),
        row(Api, "/api/audit", "", "SFFFFFAFA"),
        // --- Networks: the groups are the organiser's ------------------------------------
        row(Get, "/groups", "", "AAAAAAAAA"),
        row(Get, format!("/groups/{group}"), "", "AAAAAAAAA"),
        row(Get, format!("/groups/{pending}"), "", "HHAHHAAHH"),
        row(Get, format!("/groups/{group}/edit"), "", "SFAFFAAFF"),
        row(Get, "/groups/new", "", "SAAAAAAAA"),
        row(Get, "/groups/review", "", "SFFFFAAAA"),
        row(Get, "/groups/reports", "", "SFFFFAAAA"),
        row(Get, "/feed", "", "SAAAAAAAA"),
        row(Get, "/notices", "", "SFFFFAAAA"),
        row(Get, format!("/groups/{group}/events.ics"), "", "AAAAAAAAA"),
        row(Get, format!("/districts/{own}/events.ics"), "", "AAAAAAAAA"),
        row(Post, "/groups/new", "", "SAAAAAAAA"),
        row(Post, format!("/groups/{group}/edit"), "", "SFAFFAAFF"),
        row(Post, format!("/groups/{pending}/edit"), "", "SHAHHAAHH"),
        row(Post, format!("/groups/{group}/membership"), "", "SAAAAAAAA"),
        row(Post, format!("/groups/{pending}/decision"), "action=decline&reason=", "SHFHHAAHH"),
        // Posting is the organisers' (staff moderate; they do not post for a group).
        row(Post, format!("/groups/{group}/posts"), "", "SFAFFFFFF"),
        row(Post, format!("/posts/{post}/rsvp"), "", "SAAAAAAAA"),
        row(Post, "/notices", "", "SFFFFAAAA"),
        row(Post, "/reports", "", "SAAAAAAAA"),
        row(Post, "/groups/reports", "", "SFFFFAAAA"),
        row(Api, "/api/directory", "query=", "AAAAAAAAA"),
        row(Api, "/api/group", format!("id={group}"), "AAAAAAAAA"),
        row(Api, "/api/group", format!("id={pending}"), "HHAHHAAHH"),
        row(Api, "/api/propose_view", "", "SAAAAAAAA"),
        row(Api, "/api/pending_groups", "", "SFFFFAAAA"),
        row(Api, "/api/feed", "", "SAAAAAAAA"),
        row(Api, "/api/notices", "", "SFFFFAAAA"),
        row(Api, "/api/suggested_groups", format!("slug={slug}"), "AAAAAAAAA"),
        row(Api, "/api/reports", "", "SFFFFAAAA"),
        // --- The liaison log: staff keep it; reporters follow their own; the public list -----
        // (The other ward of this test has no districts: its staff have nowhere to report.)
        row(Get, "/report", "", "SAAAAAAFF"),
        row(Upload, "/report", "", "SAAAAAAFF"),
        row(Get, "/my/reports", "", "SAAAAAAAA"),
        row(Get, "/done", "", "AAAAAAAAA"),
        row(Get, "/matters", "", "SFFFFAAAA"),
        row(Get, "/matters/new", "", "SFFFFAAFF"),
        row(Upload, "/matters/new", "", "SFFFFAAFF"),
        row(Get, "/matters/export?format=csv", "", "SFFFFAAAA"),
        row(Get, "/matters/agenda", "", "SFFFFAAAA"),
        row(Post, "/matters/agenda", "", "SFFFFAAAA"),
        row(Get, "/matters/departments", "", "SFFFFAAAA"),
        row(Post, "/matters/departments", "", "SFFFFAAAA"),
        // "Log this": staff only, and only what is of their ward (the post, the council's comment).
        row(Post, "/matters/log", "", "SFFFFAAAA"),
        row(Post, "/matters/log", format!("from=post&post={post}"), "SFFFFAAHH"),
        row(Post, "/matters/log", format!("from=comment&survey={draft}&comment={comment}"), "SFFFFAAHH"),
        // (No one has reported the group: nothing to log, even for its staff.)
        row(Post, "/matters/log", format!("from=report&group={group}"), "SFFFFHHHH"),
        // Good news shared with Kitagata (the council member's district): read there, changed by
        // staff only; the resident's own report: followed on "my reports", not on this page.
        row(Get, format!("/matters/{news}"), "", "SHHAHAAHH"),
        row(Post, format!("/matters/{news}"), "", "SHHFHAAHH"),
        row(Post, format!("/matters/{news}"), "action=edit", "SHHFHAAHH"),
        row(Upload, format!("/matters/{news}/photos"), "", "SHHFHAAHH"),
        row(Get, format!("/matters/{news}/photos/1"), "", "SHHHHHHHH"),
        row(Get, format!("/matters/{reported}"), "", "SHHHHAAHH"),
        row(Api, "/api/report_form", "", "SAAAAAAFF"),
        row(Api, "/api/own_reports", "", "SAAAAAAAA"),
        row(Api, "/api/shared_matters", "", "SAAAAAAAA"),
        row(Api, "/api/matters", "query=", "SFFFFAAAA"),
        row(Api, "/api/matter", format!("id={news}"), "SHHAHAAHH"),
        row(Api, "/api/matter", format!("id={reported}"), "SHHHHAAHH"),
        row(Api, "/api/agenda", "", "SFFFFAAAA"),
        row(Api, "/api/departments", "", "SFFFFAAAA"),
        row(Api, "/api/done", "", "AAAAAAAAA"),
        // Signing out last: it ends the sessions above.
        row(Post, "/sign-out", "", "AAAAAAAAA"),
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
        "matters",
        "matter_events",
        "matter_photos",
        "departments",
        "department_members",
        "liaison_meetings",
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
