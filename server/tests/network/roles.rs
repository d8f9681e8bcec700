//! Every network server function and form, for every role.

use super::*;

/// Every network server function, for every role: the status and error it answers.
/// The status of a form post to `path`, with the session cookie `cookie` if any.
async fn status_as(
    app: &TestApp,
    path: &str,
    pairs: &[(&str, &str)],
    cookie: Option<&String>,
) -> u16 {
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c.as_str())).into_iter().collect();
    app.post_form_with(path, pairs, &headers)
        .await
        .status()
        .as_u16()
}

pub(super) async fn server_functions_by_role(app: &TestApp) {
    let approved = group_id(app, "北方ママパパの会").await;
    let pending = group_id(app, "沼の歴史を歩く会").await;
    let staff = cookie(
        app,
        yoriai_core::demo::DEMO_STAFF_EMAIL,
        DEMO_STAFF_PASSWORD,
    )
    .await;
    let organiser = cookie(app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    let director = cookie(app, DEMO_DIRECTOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    user(app, "matrix-resident@example.jp", Role::Resident).await;
    let resident = cookie(app, "matrix-resident@example.jp", PASSWORD).await;
    user(app, "matrix-council@example.jp", Role::Council).await;
    let council = cookie(app, "matrix-council@example.jp", PASSWORD).await;
    let roles: [(&str, Option<&String>); 6] = [
        ("anonymous", None),
        ("resident", Some(&resident)),
        ("organiser", Some(&organiser)),
        ("director", Some(&director)),
        ("council", Some(&council)),
        ("staff", Some(&staff)),
    ];
    // Expected outcome per role, in the order above: "ok" or the ApiError variant.
    let cases: Vec<(&str, String, [&str; 6])> = vec![
        (
            "directory",
            "query=q%3D%E3%83%A9%E3%83%B3".into(),
            ["ok", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "group",
            format!("id={approved}"),
            ["ok", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "group",
            format!("id={pending}"),
            ["NotFound", "NotFound", "ok", "NotFound", "NotFound", "ok"],
        ),
        ("group", "id=987654".into(), ["NotFound"; 6]),
        (
            "propose_view",
            String::new(),
            ["Unauthorized", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "pending_groups",
            String::new(),
            [
                "Unauthorized",
                "Forbidden",
                "Forbidden",
                "ok",
                "Forbidden",
                "ok",
            ],
        ),
        (
            "feed",
            String::new(),
            ["Unauthorized", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "suggested_groups",
            format!("slug={}", yoriai_core::demo::DEMO_SURVEY_SLUG),
            ["ok", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "notices",
            String::new(),
            [
                "Unauthorized",
                "Forbidden",
                "Forbidden",
                "ok",
                "Forbidden",
                "ok",
            ],
        ),
        (
            "reports",
            String::new(),
            [
                "Unauthorized",
                "Forbidden",
                "Forbidden",
                "Forbidden",
                "Forbidden",
                "ok",
            ],
        ),
    ];
    let mut checked = 0;
    for (endpoint, body, expected) in &cases {
        for ((role, session), want) in roles.iter().zip(expected) {
            let mut request = app
                .client
                .post(app.url(&format!("/api/{endpoint}")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.clone());
            if let Some(c) = session {
                request = request.header("cookie", c.as_str());
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            if *want == "ok" {
                assert_eq!(status, 200, "{endpoint} {body} as {role}: {text}");
            } else {
                assert!(
                    status != 200 && text.contains(want),
                    "{endpoint} {body} as {role}: want {want}, got {status} {text}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 60);
    // The forms, by role, on the pending Numa proposal: only staff may decide it (the
    // director is Kitagata's); only the organiser and staff may edit it.
    let decision = format!("/groups/{pending}/decision");
    let decline = [("action", "decline"), ("reason", "")];
    let deciders = [
        (None, 303),
        (Some(&resident), 404),
        (Some(&council), 404),
        (Some(&director), 404),
        (Some(&organiser), 403),
        (Some(&staff), 422),
    ];
    for (who, want) in deciders {
        // Signed out: to sign-in; staff: allowed, but a reason is needed.
        assert_eq!(status_as(app, &decision, &decline, who).await, want);
    }
    let edit = |c: String| async move {
        app.post_form_with(
            &format!("/groups/{pending}/edit"),
            &[("name", "")],
            &[("cookie", c.as_str())],
        )
        .await
        .status()
        .as_u16()
    };
    assert_eq!(edit(resident.clone()).await, 404);
    assert_eq!(edit(director.clone()).await, 404);
    assert_eq!(
        edit(organiser.clone()).await,
        422,
        "allowed, but the form is empty"
    );
    assert_eq!(edit(staff.clone()).await, 422);
    // A cross-site form post is refused whoever sends it.
    let res = app
        .post_form_with(
            &format!("/groups/{approved}/membership"),
            &[("action", "join")],
            &[("cookie", &resident), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // Reporting: anyone signed in (signed out: to sign-in); deciding: staff only, whoever
    // else asks is refused before anything is read.
    let group = approved.to_string();
    let empty_report = [("group", group.as_str()), ("reason", "")];
    assert_eq!(
        status_as(app, "/reports", &empty_report, None).await,
        303,
        "signed out: to sign-in"
    );
    for who in [&resident, &organiser, &director, &council, &staff] {
        assert_eq!(
            status_as(app, "/reports", &empty_report, Some(who)).await,
            422,
            "allowed; a reason is needed"
        );
    }
    let hide = [
        ("group", group.as_str()),
        ("action", "hide"),
        ("reason", ""),
    ];
    assert_eq!(
        status_as(app, "/groups/reports", &hide, None).await,
        303,
        "signed out: to sign-in"
    );
    for who in [&resident, &organiser, &director, &council] {
        assert_eq!(
            status_as(app, "/groups/reports", &hide, Some(who)).await,
            403
        );
    }
    assert_eq!(
        status_as(app, "/groups/reports", &hide, Some(&staff)).await,
        422,
        "a reason is needed"
    );
}
