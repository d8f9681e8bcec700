//! Sign-up over HTTP, confirmed by mail.

use super::*;

/// Sign-up over HTTP: a Japanese name, an optional district; the address confirmed by the
/// link in the mail, then signed in; the same answer for an address that has an account (its
/// owner is told); refusals keep what was typed (never the password) with the right status.
pub(super) async fn signing_up(app: &TestApp) {
    let moritsune = district(app, "kmn-moritsune").await.to_string();
    let res = app
        .post_form(
            "/sign-up",
            &[
                ("email", "  Hanako.Minami@Example.JP "),
                ("display_name", "南 はなこ"),
                ("password", "とても長いパスワードです123"),
                ("district", &moritsune),
                ("next", "/groups/1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/sign-up?sent=1");
    assert!(
        res.headers().get("set-cookie").is_none(),
        "not signed in yet"
    );
    let sent = app.html("/sign-up?sent=1").await;
    assert!(sent.contains("data-state=\"sign-up-sent\""), "{sent}");
    assert!(
        app.core
            .store
            .credentials("hanako.minami@example.jp")
            .await
            .unwrap()
            .is_none(),
        "no account before the address is confirmed"
    );
    let body = mail_to(app, "hanako.minami@example.jp", "sign_up_confirm").await;
    let origin = format!("http://{}", app.addr);
    let path = body
        .lines()
        .find_map(|l| l.trim().strip_prefix(&origin))
        .expect("a confirmation link")
        .to_string();
    assert!(path.starts_with("/sign-up/confirm/"), "{path}");
    let page = app.html(&path).await;
    assert!(page.contains(&format!("action=\"{path}\"")), "{page}");
    let res = app.post_form(&path, &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/groups/1");
    // The link works once.
    assert_eq!(app.get(&path).await.status(), 410);
    assert_eq!(app.post_form(&path, &[]).await.status(), 410);
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    let session = set_cookie.split(';').next().unwrap().to_string();
    let token = session.split_once('=').unwrap().1;
    let me = app.core.user_for_token(token).await.unwrap().unwrap();
    assert_eq!(me.display_name, "南 はなこ");
    assert_eq!(me.role, Role::Resident);
    assert_eq!(me.district_id, Some(moritsune.parse().unwrap()));
    // Same address again (any case): the same answer, nothing stored twice; the owner is told.
    let res = app
        .post_form(
            "/sign-up",
            &[
                ("email", "Hanako.Minami@example.jp"),
                ("display_name", "別人"),
                ("password", "another long password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/sign-up?sent=1");
    let told = mail_to(app, "hanako.minami@example.jp", "sign_up_taken").await;
    assert!(told.starts_with("南 はなこ 様"), "{told}");
    assert!(told.contains(&format!("{origin}/forgot")), "{told}");
    assert_eq!(
        scalar(
            app,
            "SELECT COUNT(*) FROM users WHERE email = 'hanako.minami@example.jp'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            app,
            "SELECT COUNT(*) FROM sign_up_requests WHERE email = 'hanako.minami@example.jp'"
        )
        .await,
        0
    );
    // Bad fields: each named, typed values kept, the password never sent back.
    let res = app
        .post_form(
            "/sign-up",
            &[
                ("email", "not-an-address"),
                ("display_name", "名前"),
                ("password", "short-secret"),
                ("district", "999999"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("value=\"not-an-address\""), "email kept");
    assert!(!page.contains("short-secret"), "password never echoed");
    // Rate limit per address: ten an hour.
    for n in 0..10 {
        app.core
            .sign_up(
                &format!("many{n}@example.jp"),
                "たくさん",
                PASSWORD,
                None,
                "10.9.9.9",
            )
            .await
            .unwrap();
    }
    let refused = app
        .core
        .sign_up("many10@example.jp", "たくさん", PASSWORD, None, "10.9.9.9")
        .await;
    assert_eq!(err(refused), ApiError::RateLimited);
    assert!(
        app.core
            .store
            .credentials("many10@example.jp")
            .await
            .unwrap()
            .is_none()
    );
}
