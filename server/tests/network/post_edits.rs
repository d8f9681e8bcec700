//! Organisers editing and deleting their group's posts.

use super::*;

/// Organisers see who is coming (named only where the person shows their name to them), edit
/// their group's posts (the kind stays, the capacity not below the people coming) and delete
/// them once confirmed; nobody else does either.
pub(super) async fn editing_and_deleting_posts(app: &TestApp, group: i64, market: i64, small: i64) {
    let s = &app.core;
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    // Who is coming to the market: the neighbour and "third", neither showing a name; once
    // "third" joins and shows it, they are named.
    let page = s.group_page(Some(&organiser), group).await.unwrap();
    assert!(page.can.manage_posts);
    let coming = |page: &GroupPage, post: i64| {
        page.attendees
            .iter()
            .find(|a| a.post_id == post)
            .map(|a| (a.named.clone(), a.unnamed))
    };
    assert_eq!(coming(&page, market), Some((vec![], 2)));
    let third = s
        .user_for_token(
            &s.sign_in("third@example.jp", PASSWORD, "127.0.0.1")
                .await
                .unwrap()
                .token,
        )
        .await
        .unwrap()
        .unwrap();
    s.join_group(&third, group, Membership::Member, true)
        .await
        .unwrap();
    let page = s.group_page(Some(&organiser), group).await.unwrap();
    assert_eq!(
        coming(&page, market),
        Some((vec!["third@example.jp".to_string()], 1))
    );
    assert_eq!(
        coming(&page, small).map(|(n, u)| n.len() as i64 + u),
        Some(3)
    );
    // A member sees no names and may not edit or delete.
    let member_page = s.group_page(Some(&third), group).await.unwrap();
    assert!(member_page.attendees.is_empty() && !member_page.can.manage_posts);
    let market_form = |title: &str, capacity: &str| {
        let sunday = next_sunday();
        form(&[
            ("kind", "event"),
            ("title", title),
            ("body", "場所が変わりました"),
            ("date", sunday.as_str()),
            ("start", "10:00"),
            ("end", ""),
            ("place", "北方市民センター"),
            ("capacity", capacity),
        ])
    };
    assert_eq!(
        err(s
            .edit_post(&third, market, &market_form("乗っ取り", ""))
            .await),
        ApiError::Forbidden
    );
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    assert_eq!(
        err(s.edit_post(&staff, market, &market_form("職員", "")).await),
        ApiError::Forbidden,
        "staff moderate; they do not rewrite"
    );
    assert_eq!(
        err(s
            .edit_post(&organiser, 987_654, &market_form("x", ""))
            .await),
        ApiError::NotFound
    );
    // The capacity cannot go below the two coming; the kind stays.
    match err(s
        .edit_post(&organiser, market, &market_form("日曜朝市", "1"))
        .await)
    {
        ApiError::Validation(e) => assert!(
            matches!(e.get("capacity"), Some(FieldError::OutOfRange { min: Some(m), .. }) if m == "2"),
            "{e:?}"
        ),
        other => panic!("{other:?}"),
    }
    let mut as_news = market_form("日曜朝市", "");
    as_news.0.retain(|(k, _)| k != "kind");
    as_news.push("kind", "news");
    assert_eq!(
        err(s.edit_post(&organiser, market, &as_news).await),
        ApiError::BadRequest
    );
    let before = s.store.post(market, 0).await.unwrap().unwrap();
    assert_eq!(
        s.edit_post(
            &organiser,
            market,
            &market_form("日曜朝市（会場変更）", "2")
        )
        .await
        .unwrap(),
        group
    );
    let after = s.store.post(market, 0).await.unwrap().unwrap();
    assert_eq!(after.title, "日曜朝市（会場変更）");
    assert_eq!(
        after
            .event
            .as_ref()
            .map(|e| (e.place.as_str(), e.capacity, e.ends_at)),
        Some(("北方市民センター", Some(2), None))
    );
    assert_eq!(
        (after.going, after.created_at),
        (before.going, before.created_at)
    );
    // Over HTTP without JavaScript: a refused edit comes back in the form with what was typed;
    // deleting asks first, then deletes the event with its RSVPs.
    let organiser_cookie = cookie(app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    let as_organiser = [("cookie", organiser_cookie.as_str())];
    let sunday = next_sunday();
    let res = app
        .post_form_with(
            &format!("/posts/{market}/edit"),
            &[
                ("kind", "event"),
                ("title", ""),
                ("body", "書きかけの本文"),
                ("date", sunday.as_str()),
                ("start", "10:00"),
                ("place", "北方市民センター"),
            ],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("題名を入力してください"),
        "the form's own words"
    );
    assert!(html.contains("書きかけの本文"), "what was typed is kept");
    assert!(html.contains(&format!("action=\"/posts/{market}/edit#post-form\"")));
    // Saved over HTTP: back at the post, whose card says it was updated.
    let res = app
        .post_form_with(
            &format!("/posts/{market}/edit"),
            &[
                ("kind", "event"),
                ("title", "日曜朝市（会場変更）"),
                ("body", "場所が変わりました"),
                ("date", sunday.as_str()),
                ("start", "10:00"),
                ("place", "北方市民センター"),
                ("capacity", "2"),
            ],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        to,
        format!("/groups/{group}?done=post-edited&post={market}#post-{market}")
    );
    let html = app
        .get_with_cookie(&to, &organiser_cookie)
        .await
        .text()
        .await
        .unwrap();
    let card = html
        .split(&format!("id=\"post-{market}\""))
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_default();
    assert!(
        card.contains("投稿を更新しました"),
        "said in the post's card"
    );
    let res = app
        .post_form_with(&format!("/posts/{small}/delete"), &[], &as_organiser)
        .await;
    assert_eq!(res.status(), 303);
    // It asks inside the post's own card, where the browser lands.
    let confirm = format!("/groups/{group}?delete={small}#post-{small}");
    assert_eq!(res.headers()["location"], confirm.as_str());
    assert!(s.store.post(small, 0).await.unwrap().is_some(), "not yet");
    let html = app
        .get_with_cookie(&confirm, &organiser_cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("「試食会」を削除しますか"), "asks, naming it");
    let card = html
        .split(&format!("id=\"post-{small}\""))
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_default();
    assert!(card.contains("id=\"confirm\""), "inside the post's card");
    assert!(html.contains("参加予定の3人"), "says who is affected");
    let res = app
        .post_form_with(
            &format!("/posts/{small}/delete"),
            &[("confirmed", "1")],
            &[("cookie", &cookie(app, "third@example.jp", PASSWORD).await)],
        )
        .await;
    assert_eq!(res.status(), 403, "a member may not");
    assert!(
        res.text().await.unwrap().contains("<html"),
        "a page, in words"
    );
    let res = app
        .post_form_with(
            &format!("/posts/{small}/delete"),
            &[("confirmed", "1")],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/groups/{group}?done=post-deleted#group-posts").as_str()
    );
    assert!(s.store.post(small, 0).await.unwrap().is_none());
    assert_eq!(s.store.rsvp_rows(small).await.unwrap(), 0);
    let audit = s.store.audit_entries(20).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "delete_post" && a.detail.contains("試食会"))
    );
    assert!(
        audit
            .iter()
            .any(|a| a.action == "edit_post" && a.detail.contains("会場変更"))
    );
    // Deleted means gone: a second delete finds nothing.
    let res = app
        .post_form_with(
            &format!("/posts/{small}/delete"),
            &[("confirmed", "1")],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 404);
}
