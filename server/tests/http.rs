//! The application over HTTP, as a browser without JavaScript (and a forger) would use it.
//! Each test gets its own database with the demo data; the main journeys also run on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::TestApp;
use yoriai_core::demo::{DEMO_CLOSED_SLUG, DEMO_STAFF_EMAIL};

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
async fn pages_without_islands_load_no_javascript_or_webassembly() {
    let app = TestApp::sqlite().await;
    for path in ["/", "/sign-in", SURVEY, &format!("{SURVEY}/thanks")] {
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

/// The nonces of a page's `<script>` tags (`None` for a script without one).
fn script_nonces(html: &str) -> Vec<Option<String>> {
    html.split("<script")
        .skip(1)
        .map(|tag| {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            tag.split_once("nonce=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(nonce, _)| nonce.to_string())
        })
        .collect()
}

#[tokio::test]
async fn pages_forbid_inline_scripts_except_their_own_nonce() {
    let app = TestApp::sqlite().await;
    let staff = app.sign_in_staff().await;
    let mut seen = Vec::new();
    // A page without islands, one with (the staff list loads the WebAssembly), twice each, and
    // a refused form rendered again.
    let pages = [
        (SURVEY, None),
        (SURVEY, None),
        ("/staff", Some(staff.as_str())),
        ("/staff", Some(staff.as_str())),
    ];
    for (path, cookie) in pages {
        let res = match cookie {
            Some(c) => app.get_with_cookie(path, c).await,
            None => app.get(path).await,
        };
        let headers = res.headers().clone();
        let policy = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let html = res.text().await.unwrap();
        let nonces = script_nonces(&html);
        assert!(!nonces.is_empty(), "{path}: Leptos's own scripts");
        let nonce = nonces[0].clone().expect("a nonce");
        assert!(
            nonces.iter().all(|n| n.as_deref() == Some(nonce.as_str())),
            "{path}: every script carries the page's nonce: {nonces:?}"
        );
        assert!(nonce.len() >= 22, "at least 128 bits: {nonce}");
        assert!(policy.contains(&format!(
            "script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"
        )));
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        for directive in [
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ] {
            assert!(policy.contains(directive), "{path}: {policy}");
        }
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "same-origin");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert!(
            !headers.contains_key("strict-transport-security"),
            "no TLS here"
        );
        if path == "/staff" {
            assert!(
                html.contains("type=\"module\" nonce="),
                "the loader has the nonce"
            );
        }
        seen.push(nonce);
    }
    seen.dedup();
    assert_eq!(seen.len(), 4, "a new nonce for every response");
    // A survey screen's show-if rules are an inline style: they carry the page's nonce, which
    // the policy's style-src names (without it, browsers drop the rules and every follow-up
    // question shows).
    let mut resident = common::Browser::new(&app);
    let first = resident.post_to(&format!("{SURVEY}/start"), &[]).await;
    let res = resident.get(&first).await;
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    let at = html.find("<style id=\"show-if\"").expect("show-if rules");
    let nonce = html[at..]
        .split("nonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the style has a nonce");
    assert!(!nonce.is_empty());
    assert!(
        policy.contains(&format!("style-src 'self' 'nonce-{nonce}'")),
        "{policy}"
    );
    // A refused form (rendered again with the reason) gets a policy with its own nonce.
    let res = app
        .post_form_with(
            "/sign-in",
            &[("email", "x@example.jp"), ("password", "wrong")],
            &[],
        )
        .await;
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    let nonce = script_nonces(&html)[0].clone().unwrap();
    assert!(policy.contains(&format!("'nonce-{nonce}'")));
    // Files and plain refusals: the same policy, with no inline script allowed at all.
    for path in ["/groups/987654/events.ics", "/lang/en?next=/"] {
        let res = app.get(path).await;
        let policy = res.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval';") && !policy.contains("nonce"),
            "{path}: {policy}"
        );
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
    assert!(html.contains("Survey: the future of your community centre"));
    assert!(html.contains(">Start<"));
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

#[tokio::test]
async fn cross_site_posts_are_refused_and_store_nothing() {
    let app = TestApp::sqlite().await;
    let start = format!("{SURVEY}/start");
    let fields = [("q.use_freq", "weekly"), ("nav", "next")];
    let res = app
        .post_form_with(&start, &fields, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(&start, &fields, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", yoriai_core::demo::DEMO_STAFF_PASSWORD),
            ],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let id = app.demo_survey_id().await;
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::sqlite().await;
    let res = app.get("/staff").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/sign-in?next=/staff");

    // A session id planted before sign-in (session fixation) is never the one signed in.
    let planted = "yoriai_session=planted-by-someone-else";
    let res = app
        .post_form_with(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", yoriai_core::demo::DEMO_STAFF_PASSWORD),
                ("next", "/staff"),
            ],
            &[("cookie", planted)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/staff");
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("yoriai_session="));
    assert!(!set_cookie.starts_with(planted));
    assert_eq!(app.get_with_cookie("/staff", planted).await.status(), 302);
    // 256 random bits, base64url: 43 characters.
    let token = set_cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("yoriai_session=");
    assert_eq!(token.len(), 43, "{token}");
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
        .core
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
                ("password", yoriai_core::demo::DEMO_STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("試行回数が多すぎます"));
    // Only the address that failed is refused: the member of staff, at their own desk, is not
    // locked out by whoever typed wrong passwords for their address.
    let own_desk = app
        .core
        .sign_in(
            DEMO_STAFF_EMAIL,
            yoriai_core::demo::DEMO_STAFF_PASSWORD,
            "192.0.2.44",
        )
        .await;
    assert!(own_desk.is_ok(), "{:?}", own_desk.err());
    let still = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", yoriai_core::demo::DEMO_STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(still.status(), 429, "the failing address stays refused");
    app.stop().await;
}

/// A sign-in page without what differs by design: the e-mail typed (kept in the form) and the
/// page's script nonce.
fn without_typed_and_nonce(html: &str, email: &str) -> String {
    let html = html.replace(email, "EMAIL");
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("nonce=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        rest = after.find('"').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn sign_in_does_not_tell_which_addresses_have_accounts() {
    let app = TestApp::sqlite().await;
    let attempt = |email: &'static str| {
        let app = &app;
        async move {
            let began = std::time::Instant::now();
            let res = app
                .post_form(
                    "/sign-in",
                    &[("email", email), ("password", "not the password")],
                )
                .await;
            let status = res.status().as_u16();
            let html = res.text().await.unwrap();
            (
                status,
                without_typed_and_nonce(&html, email),
                began.elapsed(),
            )
        }
    };
    let unknown = "nobody-by-this-name@example.jp";
    let (mut known_times, mut unknown_times) = (Vec::new(), Vec::new());
    // Four tries each: under the per-account limit of five.
    for _ in 0..4 {
        let (known_status, known_page, known_time) = attempt(DEMO_STAFF_EMAIL).await;
        let (unknown_status, unknown_page, unknown_time) = attempt(unknown).await;
        assert_eq!((known_status, unknown_status), (401, 401));
        assert!(known_page.contains("メールアドレスまたはパスワードが正しくありません。"));
        assert_eq!(known_page, unknown_page, "the same page for both");
        known_times.push(known_time);
        unknown_times.push(unknown_time);
    }
    // An unknown address is checked against a dummy hash: it takes as long as a wrong
    // password (a quick answer would give it away).
    known_times.sort();
    unknown_times.sort();
    let ratio = unknown_times[2].as_secs_f64() / known_times[2].as_secs_f64();
    assert!(
        (0.5..2.0).contains(&ratio),
        "unknown {unknown_times:?} vs known {known_times:?}"
    );
    // The fifth failure locks either the same way.
    for email in [DEMO_STAFF_EMAIL, unknown] {
        assert_eq!(attempt(email).await.0, 401);
        assert_eq!(attempt(email).await.0, 429);
    }
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
    assert_eq!(res.status(), 401, "the refusal's own status");
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
    let cookie = app.resident().await.cookie_header();
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

/// `next` only ever leads to a page of this site: a tab or line break that browsers would drop
/// (`/%09/evil.example` becomes `//evil.example`, another site), a backslash or another site's
/// address all go home instead, and a line break after a correct password still signs in (it
/// once answered 500 after the session was made).
#[tokio::test]
async fn next_addresses_never_leave_the_site() {
    let app = TestApp::sqlite().await;
    for next in [
        "/%09/evil.example/x",
        "/%0A/evil.example",
        "/%0D%0ASet-Cookie:%20x=y",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "https://evil.example/",
    ] {
        let res = app.get(&format!("/lang/en?next={next}")).await;
        assert_eq!(res.status(), 303, "{next}");
        assert_eq!(res.headers()["location"], "/", "{next}");
    }
    let res = app.get("/lang/en?next=/groups%3Fq%3D1").await;
    assert_eq!(
        res.headers()["location"],
        "/groups?q=1",
        "a page of the site"
    );
    for next in ["/\t/evil.example", "/\n/evil.example", "//evil.example"] {
        let res = app
            .post_form(
                "/sign-in",
                &[
                    ("email", yoriai_core::demo::DEMO_STAFF_EMAIL),
                    ("password", yoriai_core::demo::DEMO_STAFF_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{next:?}");
        assert_eq!(res.headers()["location"], "/", "{next:?}");
        assert!(res.headers().contains_key("set-cookie"), "signed in");
    }
    app.stop().await;
}

/// Connections that hold the server without asking anything are closed: a request head sent
/// too slowly, and a kept-alive connection left idle (200 such connections once stayed open for
/// a whole run). A form body that trickles in is answered 408, as documented, not 503.
#[tokio::test]
async fn slow_and_idle_connections_are_closed() {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::start_with(common::TestDb::sqlite(), |config| {
        config.header_timeout = Duration::from_secs(1);
    })
    .await;
    // Half a request head, then nothing: closed after the header timeout, unanswered.
    let mut slow = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: yoriai\r\n")
        .await
        .unwrap();
    let began = Instant::now();
    let mut seen = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut seen)).await;
    assert!(closed.is_ok(), "the server closed the slow connection");
    assert!(
        began.elapsed() >= Duration::from_millis(900),
        "{:?}",
        began.elapsed()
    );
    // One request on a kept-alive connection, then idle: closed too.
    let mut idle = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: yoriai\r\n\r\n")
        .await
        .unwrap();
    let began = Instant::now();
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), idle.read_to_end(&mut answer)).await;
    assert!(closed.is_ok(), "the server closed the idle connection");
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok"),
        "{answer}"
    );
    assert!(began.elapsed() >= Duration::from_millis(900));
    // A form whose body stops half-way: 408 once the body deadline passes.
    let mut trickle = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /sign-in HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
        app.addr, app.addr
    );
    trickle.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(40), trickle.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // And the server still answers everyone else.
    assert_eq!(app.get("/healthz").await.status(), 200);
    app.stop().await;
}

/// The home page offers signing in and making an account, and after signing in says who is
/// signed in and where their things are.
#[tokio::test]
async fn the_home_page_says_who_is_signed_in() {
    let app = TestApp::sqlite().await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains("href=\"/sign-in\"") && html.contains("href=\"/sign-up\""));
    assert!(!html.contains("ログイン中"));
    let resident = app.resident().await.cookie_header();
    let html = app
        .get_with_cookie("/", &resident)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("ログイン中"), "{html}");
    assert!(html.contains("住民 太郎") && html.contains("href=\"/feed\""));
    let staff = app.sign_in_staff().await;
    let html = app.get_with_cookie("/", &staff).await.text().await.unwrap();
    assert!(html.contains("href=\"/staff\""));
    app.stop().await;
}

/// A demo installation says so on every page, in the reader's language; a real one does not.
#[tokio::test]
async fn a_demo_says_so_on_every_page() {
    let app = TestApp::sqlite().await;
    for path in [
        "/",
        "/groups",
        "/sign-in",
        &format!("/s/{DEMO_CLOSED_SLUG}"),
    ] {
        let html = app.get(path).await.text().await.unwrap();
        assert!(html.contains("data-state=\"demo\""), "{path}");
        assert!(html.contains("これはデモです"), "{path}");
    }
    let html = app
        .get_with_cookie("/groups", "yoriai_lang=easy")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("これは ためしの サイト です"),
        "easy Japanese"
    );
    app.stop().await;

    let real = TestApp::without_demo().await;
    let res = real.get("/").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(!html.contains("data-state=\"demo\""), "{html}");
    real.stop().await;
}

/// A page that is not there says so in the words of whoever asked: a resident is pointed at
/// the flyer's QR code and the home page, staff at their list of surveys (404 for both).
#[tokio::test]
async fn a_missing_page_leads_staff_back_to_their_surveys() {
    let app = TestApp::sqlite().await;
    let staff = app.sign_in_staff().await;
    let missing = app.get_with_cookie("/staff/surveys/999999", &staff).await;
    assert_eq!(missing.status(), 404);
    let page = missing.text().await.unwrap();
    assert!(page.contains("data-error=\"NotFound\""), "{page}");
    assert!(
        page.contains("href=\"/staff\">アンケート一覧へ戻る"),
        "{page}"
    );
    assert!(!page.contains("QRコード"), "{page}");
    let resident = app.get("/s/no-such-survey").await;
    assert_eq!(resident.status(), 404);
    let page = resident.text().await.unwrap();
    assert!(
        page.contains("QRコード") && page.contains("href=\"/\""),
        "{page}"
    );
    app.stop().await;
}
