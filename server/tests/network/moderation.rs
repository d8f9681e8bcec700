//! Reports and moderation.

use super::*;

/// Reports and moderation: residents report what they can see (once per open report, rate
/// limited); staff hide, restore, remove or dismiss with reasons; hidden posts and groups
/// vanish for residents but stay, marked, for organisers and staff; every decision is audited.
pub(super) async fn moderation(app: &TestApp) {
    let s = &app.core;
    let group = group_id(app, "北方ママパパの会").await;
    let pending = group_id(app, "沼の歴史を歩く会").await;
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    let reader = user(app, "reader@example.jp", Role::Resident).await;
    let other = user(app, "other-reader@example.jp", Role::Resident).await;
    s.join_group(&reader, group, Membership::Member, false)
        .await
        .unwrap();
    // Stored directly: the organiser used up this hour's posts in the posting tests.
    let now = chrono::Utc::now();
    let fields = shared::network::posts::PostFields::from_form(
        &form(&[
            ("kind", "news"),
            ("title", "特売のお知らせ"),
            ("body", "今だけ半額！"),
        ]),
        now,
    )
    .unwrap();
    let post = s
        .store
        .create_post(group, organiser.id, &fields, now)
        .await
        .unwrap();
    let (g, p) = (group.to_string(), post.to_string());
    let report = |who: &CurrentUser, pairs: &[(&str, &str)]| {
        let (s, who, f) = (s, who.clone(), form(pairs));
        async move { s.report(&who, &f).await }
    };
    // Refused: no reason, a post of another group, an unknown post, a group nobody may see.
    assert!(matches!(
        err(report(&reader, &[("group", &g), ("post", &p)]).await),
        ApiError::Validation(_)
    ));
    let wrong_group = group_id(app, "北方商店会").await.to_string();
    for pairs in [
        vec![("group", wrong_group.as_str()), ("post", p.as_str())],
        vec![("group", g.as_str()), ("post", "987654")],
        vec![("group", "987654")],
    ] {
        let mut pairs = pairs;
        pairs.push(("reason", "宣伝です"));
        assert_eq!(err(report(&reader, &pairs).await), ApiError::NotFound);
    }
    let pending_key = pending.to_string();
    assert_eq!(
        err(report(&reader, &[("group", &pending_key), ("reason", "x")]).await),
        ApiError::NotFound
    );
    assert_eq!(
        err(report(&reader, &[("post", &p), ("reason", "x")]).await),
        ApiError::BadRequest
    );
    // Reported twice by one reader (one report kept) and once by another.
    for _ in 0..2 {
        report(
            &reader,
            &[("group", &g), ("post", &p), ("reason", "宣伝ばかりです")],
        )
        .await
        .unwrap();
    }
    report(
        &other,
        &[("group", &g), ("post", &p), ("reason", "<b>商業目的</b>")],
    )
    .await
    .unwrap();
    assert_eq!(err(s.moderation_queue(&reader).await), ApiError::Forbidden);
    assert_eq!(
        err(s.moderation_queue(&organiser).await),
        ApiError::Forbidden
    );
    let queue = s.moderation_queue(&staff).await.unwrap();
    let item = queue
        .open
        .iter()
        .find(|i| i.target.post == Some(post))
        .unwrap();
    assert_eq!(item.reasons, vec!["<b>商業目的</b>", "宣伝ばかりです"]);
    assert_eq!(item.post_title.as_deref(), Some("特売のお知らせ"));
    assert!(!item.hidden);
    // Only staff decide; hiding needs a reason.
    let decide = |who: &CurrentUser, pairs: &[(&str, &str)]| {
        let (s, who, f) = (s, who.clone(), form(pairs));
        async move { s.moderate(&who, &f).await }
    };
    let hide = [
        ("group", g.as_str()),
        ("post", p.as_str()),
        ("action", "hide"),
    ];
    assert_eq!(
        err(decide(&organiser, &[hide.as_slice(), &[("reason", "x")]].concat()).await),
        ApiError::Forbidden
    );
    assert!(matches!(
        err(decide(&staff, &hide).await),
        ApiError::Validation(_)
    ));
    let reason = "営利目的の宣伝のため";
    decide(&staff, &[hide.as_slice(), &[("reason", reason)]].concat())
        .await
        .unwrap();
    // Gone for residents (group page, feed, the post itself); marked for the organiser.
    let seen = |page: &shared::network::GroupPage| page.posts.iter().any(|x| x.id == post);
    assert!(!seen(&s.group_page(Some(&reader), group).await.unwrap()));
    assert!(!seen(&s.group_page(None, group).await.unwrap()));
    assert!(
        !s.feed(&reader)
            .await
            .unwrap()
            .posts
            .iter()
            .any(|x| x.id == post)
    );
    let mine = s.group_page(Some(&organiser), group).await.unwrap();
    let marked = mine.posts.iter().find(|x| x.id == post).unwrap();
    assert_eq!(marked.hidden.as_deref(), Some(reason));
    // Reports closed; the item waits under "hidden" to be restored. Deciding again: 409.
    let queue = s.moderation_queue(&staff).await.unwrap();
    assert!(!queue.open.iter().any(|i| i.target.post == Some(post)));
    assert!(
        queue
            .hidden
            .iter()
            .any(|i| i.target.post == Some(post) && i.hidden_reason == reason)
    );
    assert_eq!(
        err(decide(&staff, &[hide.as_slice(), &[("reason", reason)]].concat()).await),
        ApiError::Conflict
    );
    let dismiss = [
        ("group", g.as_str()),
        ("post", p.as_str()),
        ("action", "dismiss"),
    ];
    assert_eq!(
        err(decide(&staff, &dismiss).await),
        ApiError::Conflict,
        "nothing open"
    );
    // Restored: back for everyone, unmarked.
    decide(
        &staff,
        &[("group", &g), ("post", &p), ("action", "restore")],
    )
    .await
    .unwrap();
    let back = s.group_page(Some(&reader), group).await.unwrap();
    assert!(
        back.posts
            .iter()
            .any(|x| x.id == post && x.hidden.is_none())
    );
    // Removed: gone for the organiser too, and nothing more to decide.
    decide(
        &staff,
        &[
            ("group", &g),
            ("post", &p),
            ("action", "remove"),
            ("reason", reason),
        ],
    )
    .await
    .unwrap();
    assert!(!seen(&s.group_page(Some(&organiser), group).await.unwrap()));
    assert_eq!(
        err(decide(
            &staff,
            &[("group", &g), ("post", &p), ("action", "restore")]
        )
        .await),
        ApiError::NotFound
    );
    // A whole group: hidden from the directory and its page (404) but not from its organiser,
    // who reads why; restored; never "removed".
    report(&reader, &[("group", &g), ("reason", "活動実態がない")])
        .await
        .unwrap();
    assert_eq!(
        err(decide(
            &staff,
            &[("group", &g), ("action", "remove"), ("reason", "x")]
        )
        .await),
        ApiError::BadRequest
    );
    decide(
        &staff,
        &[
            ("group", &g),
            ("action", "hide"),
            ("reason", "確認中のため"),
        ],
    )
    .await
    .unwrap();
    assert!(
        !names(app, DirectoryQuery::default())
            .await
            .contains(&"北方ママパパの会".to_string())
    );
    assert_eq!(
        err(s.group_page(Some(&reader), group).await),
        ApiError::NotFound
    );
    let own = s.group_page(Some(&organiser), group).await.unwrap();
    assert_eq!(
        (own.status, own.decision_reason.as_str()),
        (GroupStatus::Hidden, "確認中のため")
    );
    decide(&staff, &[("group", &g), ("action", "restore")])
        .await
        .unwrap();
    assert!(
        names(app, DirectoryQuery::default())
            .await
            .contains(&"北方ママパパの会".to_string())
    );
    let restored = s.group_page(Some(&reader), group).await.unwrap();
    assert_eq!(
        (restored.status, restored.decision_reason.as_str()),
        (GroupStatus::Approved, "")
    );
    // Every decision is in the audit log, with its reason.
    let audit = s.store.audit_entries(50).await.unwrap();
    let moderation: Vec<&str> = audit
        .iter()
        .filter(|e| e.action.starts_with("moderate_"))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(moderation.len(), 5, "{moderation:?}");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "moderate_post" && e.detail.contains(reason))
    );
    // Ten reports an hour per person: the eleventh is refused (dismissed ones count too).
    let shop = group_id(app, "北方商店会").await.to_string();
    let mut made = s
        .store
        .reports_by_since(other.id, chrono::Utc::now() - chrono::TimeDelta::hours(1))
        .await
        .unwrap();
    while made < yoriai_core::network::moderation::REPORTS_PER_HOUR {
        report(&other, &[("group", &shop), ("reason", "テスト")])
            .await
            .unwrap();
        decide(&staff, &[("group", &shop), ("action", "dismiss")])
            .await
            .unwrap();
        made += 1;
    }
    assert_eq!(
        err(report(&other, &[("group", &shop), ("reason", "テスト")]).await),
        ApiError::RateLimited
    );
    // Over HTTP without JavaScript: the report lands back on the group page with thanks; a
    // refusal keeps the page, says why (422) and keeps nothing.
    let cookie = cookie(app, "reader@example.jp", PASSWORD).await;
    let res = app
        .post_form_with(
            "/reports",
            &[("group", &shop), ("reason", "連絡がつかない")],
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, format!("/groups/{shop}?reported=1"));
    let thanked = app
        .get_with_cookie(&to, &cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(thanked.contains("報告を受け付けました"));
    let res = app
        .post_form_with(
            "/reports",
            &[("group", &shop), ("reason", " ")],
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(res.status(), 422);
    let said = res.text().await.unwrap();
    assert!(said.contains("北方商店会"));
    // The box that was refused is open again and says what is missing.
    assert!(
        said.contains(r#"<details open class="report-box">"#),
        "{said}"
    );
    assert!(said.contains("入力してください。"), "{said}");
    // Staff decide from the queue page.
    let staff_cookie = app.sign_in_staff().await;
    let queue_page = app
        .get_with_cookie("/groups/reports", &staff_cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(queue_page.contains("連絡がつかない"));
    let res = app
        .post_form_with(
            "/groups/reports",
            &[("group", &shop), ("action", "dismiss")],
            &[("cookie", staff_cookie.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/groups/reports");
}
