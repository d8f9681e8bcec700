//! Posts, events, RSVPs and the feed.

use super::*;

/// The next Sunday at least two days away, as the post form's date.
pub(super) fn next_sunday() -> String {
    use chrono::{Datelike, TimeDelta, Utc, Weekday};
    let mut day = (Utc::now() + TimeDelta::hours(9) + TimeDelta::days(2)).date_naive();
    while day.weekday() != Weekday::Sun {
        day += TimeDelta::days(1);
    }
    day.format("%Y-%m-%d").to_string()
}

/// Posts and events: organisers only, checked fields, rate limited; RSVPs within the capacity
/// (also under concurrency), the count kept with the rows; the feed of members and of the
/// district's residents.
pub(super) async fn posts_and_rsvps(app: &TestApp) {
    let s = &app.core;
    let id = group_id(app, "北方商店会").await;
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let member = user(app, "shopper@example.jp", Role::Resident).await;
    s.join_group(&member, id, Membership::Follower, false)
        .await
        .unwrap();
    let sunday = next_sunday();
    let event = |title: &'static str, capacity: &'static str| {
        form(&[
            ("kind", "event"),
            ("title", title),
            ("body", "<b>日曜</b>の朝市です"),
            ("date", sunday.as_str()),
            ("start", "09:00"),
            ("end", "11:00"),
            ("place", "北方商店街 中央広場"),
            ("capacity", capacity),
        ])
    };
    // Only organisers post; fields are checked.
    assert_eq!(
        err(s.create_post(&member, id, &event("朝市", "2")).await),
        ApiError::Forbidden
    );
    assert!(matches!(
        err(s
            .create_post(&organiser, id, &form(&[("kind", "event"), ("title", "x")]))
            .await),
        ApiError::Validation(_)
    ));
    let market = s
        .create_post(&organiser, id, &event("日曜朝市", "2"))
        .await
        .unwrap();
    let news = s
        .create_post(
            &organiser,
            id,
            &form(&[
                ("kind", "news"),
                ("title", "年末大売り出し"),
                ("body", "12月は毎週"),
            ]),
        )
        .await
        .unwrap();
    // On the group's page: the coming event by its date, the news apart; the text escaped
    // over HTTP.
    let page = s.group_page(None, id).await.unwrap();
    let titles =
        |posts: &[PostView]| -> Vec<String> { posts.iter().map(|p| p.title.clone()).collect() };
    assert_eq!(titles(&page.events), vec!["日曜朝市"]);
    assert_eq!(titles(&page.posts), vec!["年末大売り出し"]);
    assert!(
        page.attendees.is_empty() && !page.can.manage_posts,
        "not for readers"
    );
    let html = app
        .get(&format!("/groups/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("&lt;b&gt;日曜&lt;/b&gt;の朝市です"),
        "escaped"
    );
    // In the follower's feed, each once: the event among the coming ones, the news below; in
    // the upcoming events of a Kitagata resident who is not a member.
    let feed = s.feed(&member).await.unwrap();
    let ids: Vec<i64> = feed.posts.iter().map(|p| p.id).collect();
    let events: Vec<i64> = feed.events.iter().map(|p| p.id).collect();
    assert_eq!(
        (ids.contains(&news), ids.contains(&market)),
        (true, false),
        "{ids:?}"
    );
    assert!(events.contains(&market), "{events:?}");
    let kitagata = district(app, "kmn-kitagata").await;
    let neighbour = s
        .sign_up(
            "neighbour@example.jp",
            "近所 さん",
            PASSWORD,
            Some(&kitagata.to_string()),
            "10.1.1.1",
        )
        .await
        .unwrap();
    let neighbour = s.user_for_token(&neighbour.token).await.unwrap().unwrap();
    let feed = s.feed(&neighbour).await.unwrap();
    assert!(feed.posts.is_empty(), "no groups joined");
    assert!(feed.events.iter().any(|e| e.id == market), "district event");
    assert!(
        feed.events.iter().all(|e| e.id != news),
        "news is not an event"
    );
    assert_eq!(feed.district.map(|d| d.ja), Some("北方".to_string()));
    // The thank-you page suggests groups of the respondent's home district; without one, the
    // ward's largest; an unknown survey is 404.
    let slug = yoriai_core::demo::DEMO_SURVEY_SLUG;
    let near = s.suggested_groups(Some(&neighbour), slug).await.unwrap();
    assert!(!near.is_empty() && near.len() <= 3);
    assert!(
        near.iter()
            .all(|g| g.districts.iter().any(|d| d.ja == "北方")),
        "{near:?}"
    );
    let anyone = s.suggested_groups(None, slug).await.unwrap();
    assert_eq!(anyone.len(), 3);
    assert!(anyone.windows(2).all(
        |w| w[0].member_count + w[0].follower_count >= w[1].member_count + w[1].follower_count
    ));
    assert_eq!(
        err(s.suggested_groups(None, "no-such-survey").await),
        ApiError::NotFound
    );
    let thanks = app
        .get(&format!("/s/{slug}/thanks"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        thanks.contains(&format!("/groups/{}", anyone[0].id)),
        "suggested on the page"
    );
    // RSVPs up to the capacity of 2; the third is refused and nothing is stored.
    let third = user(app, "third@example.jp", Role::Resident).await;
    s.rsvp(&member, market, true).await.unwrap();
    s.rsvp(&member, market, true).await.unwrap();
    s.rsvp(&neighbour, market, true).await.unwrap();
    assert_eq!(err(s.rsvp(&third, market, true).await), ApiError::EventFull);
    let post = s.store.post(market, third.id).await.unwrap().unwrap();
    assert_eq!((post.going, post.i_am_going), (2, false));
    assert_eq!(s.store.rsvp_rows(market).await.unwrap(), 2);
    s.rsvp(&member, market, false).await.unwrap();
    s.rsvp(&member, market, false).await.unwrap();
    s.rsvp(&third, market, true).await.unwrap();
    let post = s.store.post(market, third.id).await.unwrap().unwrap();
    assert_eq!((post.going, post.i_am_going), (2, true));
    assert_eq!(err(s.rsvp(&member, news, true).await), ApiError::BadRequest);
    assert_eq!(
        err(s.rsvp(&member, 987_654, true).await),
        ApiError::NotFound
    );
    // Ten people at once for three places: exactly three stored.
    let small = s
        .create_post(&organiser, id, &event("試食会", "3"))
        .await
        .unwrap();
    let mut crowd = Vec::new();
    for n in 0..10 {
        crowd.push(user(app, &format!("rush{n}@example.jp"), Role::Resident).await);
    }
    let results =
        futures_util::future::join_all(crowd.iter().map(|u| s.rsvp(u, small, true))).await;
    let taken = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .into_iter()
        .filter_map(|r| r.err())
        .map(ApiError::from)
        .filter(|e| *e == ApiError::EventFull)
        .count();
    assert_eq!((taken, refused), (3, 7));
    assert_eq!(s.store.rsvp_rows(small).await.unwrap(), 3);
    // Over HTTP without JavaScript: a full event answers 409 with the reason on the page.
    let mut outsider = None;
    for (n, u) in crowd.iter().enumerate() {
        if !s.store.post(small, u.id).await.unwrap().unwrap().i_am_going {
            outsider = Some(n);
            break;
        }
    }
    let outsider = outsider.expect("seven were refused");
    let rush = cookie(app, &format!("rush{outsider}@example.jp"), PASSWORD).await;
    let res = app
        .post_form_with(
            &format!("/posts/{small}/rsvp"),
            &[("action", "going"), ("back", &format!("/groups/{id}"))],
            &[("cookie", &rush)],
        )
        .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("定員に達した"), "the reason is shown");
    // Saying "no longer" goes back to the event itself, not the top of the page.
    let res = app
        .post_form_with(
            &format!("/posts/{small}/rsvp"),
            &[("action", "cancel"), ("back", &format!("/groups/{id}"))],
            &[("cookie", &rush)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/groups/{id}#post-{small}").as_str()
    );
    editing_and_deleting_posts(app, id, market, small).await;
    // The posting rate limit: ten an hour (counting those above and the demo's own event).
    let hour_ago = chrono::Utc::now() - chrono::TimeDelta::hours(1);
    let so_far = s
        .store
        .posts_by_since(organiser.id, hour_ago)
        .await
        .unwrap();
    assert!(so_far >= 3, "{so_far}");
    for n in so_far..10 {
        s.create_post(
            &organiser,
            id,
            &form(&[
                ("kind", "news"),
                ("title", "お知らせ"),
                ("body", &format!("{n}")),
            ]),
        )
        .await
        .unwrap();
    }
    let extra = form(&[("kind", "news"), ("title", "多すぎ"), ("body", "x")]);
    assert_eq!(
        err(s.create_post(&organiser, id, &extra).await),
        ApiError::RateLimited
    );
}
