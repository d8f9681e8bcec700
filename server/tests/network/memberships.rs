//! Joining, following and leaving.

use super::*;

/// Joining, following and leaving: counts kept on write (also under concurrency), names shown
/// to organisers only where agreed, e-mail addresses never.
pub(super) async fn memberships(app: &TestApp) {
    let s = &app.core;
    let id = group_id(app, "守恒ゆるラン部").await;
    let before = s.group_page(None, id).await.unwrap().card;
    let shy = user(app, "shy@example.jp", Role::Resident).await;
    let open = user(app, "open@example.jp", Role::Resident).await;
    assert_eq!(
        s.join_group(&shy, id, Membership::Member, false)
            .await
            .unwrap(),
        Membership::Member
    );
    s.join_group(&open, id, Membership::Follower, true)
        .await
        .unwrap();
    // Joining twice changes nothing; following after joining moves the count.
    s.join_group(&shy, id, Membership::Member, false)
        .await
        .unwrap();
    let card = s.group_page(None, id).await.unwrap().card;
    assert_eq!(card.member_count, before.member_count + 1);
    assert_eq!(card.follower_count, before.follower_count + 1);
    s.join_group(&open, id, Membership::Member, true)
        .await
        .unwrap();
    let card = s.group_page(None, id).await.unwrap().card;
    assert_eq!(card.member_count, before.member_count + 2);
    assert_eq!(card.follower_count, before.follower_count);
    // The organiser sees the member who agreed, by name, and the other only counted.
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let page = s.group_page(Some(&organiser), id).await.unwrap();
    let members = page.members.expect("organisers see members");
    let named: Vec<Option<String>> = members.iter().map(|m| m.name.clone()).collect();
    assert!(named.contains(&Some("open@example.jp".into())), "{named:?}");
    assert!(!named.contains(&Some("shy@example.jp".into())), "{named:?}");
    assert_eq!(
        members.len() as i64,
        card.member_count + card.follower_count
    );
    // Members do not see the member list; the organiser's page over HTTP has no e-mail.
    assert!(
        s.group_page(Some(&shy), id)
            .await
            .unwrap()
            .members
            .is_none()
    );
    let organiser_cookie = cookie(app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    let html = app
        .get_with_cookie(&format!("/groups/{id}"), &organiser_cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("（名前非公開）"), "the shy member is counted");
    assert!(!html.contains("shy@example.jp"), "no e-mail addresses");
    // Leaving: counts back; the last organiser cannot leave.
    s.leave_group(&shy, id).await.unwrap();
    s.leave_group(&shy, id).await.unwrap();
    assert_eq!(
        s.group_page(None, id).await.unwrap().card.member_count,
        before.member_count + 1
    );
    assert_eq!(err(s.leave_group(&organiser, id).await), ApiError::Conflict);
    // An organiser "joining" stays an organiser.
    assert_eq!(
        s.join_group(&organiser, id, Membership::Follower, false)
            .await
            .unwrap(),
        Membership::Organiser
    );
    // Twenty people join at once: the count matches the rows.
    let mut people = Vec::new();
    for n in 0..20 {
        people.push(user(app, &format!("crowd{n}@example.jp"), Role::Resident).await);
    }
    let joins = people.iter().enumerate().map(|(n, u)| {
        let m = if n % 2 == 0 {
            Membership::Member
        } else {
            Membership::Follower
        };
        s.join_group(u, id, m, false)
    });
    for result in futures_util::future::join_all(joins).await {
        result.unwrap();
    }
    let card = s.group_page(None, id).await.unwrap().card;
    let rows = s.store.group_members(id).await.unwrap();
    let members = rows
        .iter()
        .filter(|m| m.membership != Membership::Follower)
        .count() as i64;
    let followers = rows.len() as i64 - members;
    assert_eq!(
        (card.member_count, card.follower_count),
        (members, followers)
    );
    // A pending group cannot be joined, even by someone who may see it.
    let numa = group_id(app, "沼の歴史を歩く会").await;
    assert_eq!(
        err(s
            .join_group(&organiser, numa, Membership::Member, true)
            .await),
        ApiError::Conflict
    );
    assert_eq!(
        err(s.join_group(&shy, numa, Membership::Member, true).await),
        ApiError::NotFound
    );
    // Over HTTP without JavaScript: join with the name shown, then leave.
    let shy_cookie = cookie(app, "shy@example.jp", PASSWORD).await;
    let post = |path: String, pairs: Vec<(&'static str, &'static str)>, c: String| async move {
        app.post_form_with(&path, &pairs, &[("cookie", &c)]).await
    };
    let res = post(
        format!("/groups/{id}/membership"),
        vec![("action", "join"), ("show_name", "1")],
        shy_cookie.clone(),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        s.store.membership(id, shy.id).await.unwrap(),
        Some((Membership::Member, true))
    );
    let res = post(
        format!("/groups/{id}/membership"),
        vec![("action", "leave")],
        shy_cookie.clone(),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(s.store.membership(id, shy.id).await.unwrap(), None);
    let res = post(
        format!("/groups/{id}/membership"),
        vec![("action", "become-admin")],
        shy_cookie,
    )
    .await;
    assert_eq!(res.status(), 400);
    // Signed out: to the sign-in page, nothing stored.
    let res = app
        .post_form(&format!("/groups/{id}/membership"), &[("action", "join")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in")
    );
}
