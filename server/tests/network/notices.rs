//! Notices and iCalendar feeds.

use super::*;

/// Notices: staff reach their ward, a director their own district; each recipient once, the
/// sender not; delivered and read counted; nobody else sends. Calendars: an approved group's
/// and a district's events as iCalendar, read back with a parser.
pub(super) async fn notices_and_calendars(app: &TestApp) {
    let s = &app.core;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    let director = demo_user(app, DEMO_DIRECTOR_EMAIL).await;
    let resident = user(app, "notice-reader@example.jp", Role::Resident).await;
    let kitagata = district(app, "kmn-kitagata").await;
    let numa = district(app, "kmn-numa").await;
    let circle = group_id(app, "北方ママパパの会").await;
    let shops = group_id(app, "北方商店会").await;
    s.join_group(&resident, circle, Membership::Member, false)
        .await
        .unwrap();
    s.join_group(&resident, shops, Membership::Follower, false)
        .await
        .unwrap();
    // Who should receive a Kitagata notice: home district Kitagata, or in a group active there.
    let mut expected: Vec<i64> = Vec::new();
    for g in s.store.directory(&DirectoryQuery::default()).await.unwrap() {
        if g.fields.districts.contains(&kitagata) {
            for m in s.store.group_members(g.id).await.unwrap() {
                expected.push(m.user_id);
            }
        }
    }
    let sql = "SELECT id FROM users WHERE district_id = $1";
    let homes: Vec<i64> = match s.store.db() {
        yoriai_core::db::Db::Sqlite(p) => sqlx::query_scalar(sql).bind(kitagata).fetch_all(p).await,
        yoriai_core::db::Db::Postgres(p) => {
            sqlx::query_scalar(sql).bind(kitagata).fetch_all(p).await
        }
    }
    .unwrap();
    expected.extend(homes);
    expected.sort_unstable();
    expected.dedup();
    expected.retain(|id| *id != director.id);
    let notice = |district: i64| {
        form(&[
            ("title", "3月から日曜開館を試行します"),
            ("body", "北方市民センターは3月の毎週日曜も開館します。"),
            ("district", &district.to_string()),
            ("group", &circle.to_string()),
        ])
    };
    let delivered = s.send_notice(&director, &notice(kitagata)).await.unwrap();
    assert_eq!(delivered, expected.len() as u64);
    assert!(delivered >= 3, "{delivered}");
    // The director may not write to another district; residents may not write at all.
    assert!(matches!(
        err(s.send_notice(&director, &notice(numa)).await),
        ApiError::Validation(_)
    ));
    assert_eq!(
        err(s.send_notice(&resident, &notice(kitagata)).await),
        ApiError::Forbidden
    );
    assert_eq!(err(s.notices_view(&resident).await), ApiError::Forbidden);
    // The resident (in two Kitagata groups) gets it once, new the first time, read after.
    let feed = s.feed(&resident).await.unwrap();
    let mine: Vec<_> = feed
        .notices
        .iter()
        .filter(|n| n.title == "3月から日曜開館を試行します")
        .collect();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].new);
    assert!(!s.feed(&resident).await.unwrap().notices[0].new);
    let sent = s.notices_view(&director).await.unwrap().sent;
    assert_eq!(sent[0].delivered, delivered as i64);
    assert_eq!(sent[0].read, 1);
    // Staff see every notice of the ward, and may write to any district.
    let view = s.notices_view(&staff).await.unwrap();
    assert!(view.sent.iter().any(|n| n.id == sent[0].id));
    assert!(view.districts.len() >= 14);
    s.send_notice(&staff, &notice(numa)).await.unwrap();
    let audit: Vec<String> = s
        .store
        .audit_entries(20)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(audit.iter().any(|a| a == "send_notice"));
    // Over HTTP: the form goes on to the page with the count; a resident is refused.
    let director_cookie = cookie(app, DEMO_DIRECTOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    let res = app
        .post_form_with(
            "/notices",
            &[
                ("title", "お知らせ"),
                ("body", "本文"),
                ("group", &circle.to_string()),
            ],
            &[("cookie", &director_cookie)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/notices?sent=")
    );
    let resident_cookie = cookie(app, "notice-reader@example.jp", PASSWORD).await;
    let res = app
        .post_form_with(
            "/notices",
            &[("title", "t"), ("body", "b"), ("district", "1")],
            &[("cookie", &resident_cookie)],
        )
        .await;
    assert_eq!(res.status(), 403);

    // Calendars: the group's events (posted earlier in the story), public, parsed back.
    let res = app.get(&format!("/groups/{shops}/events.ics")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = res.text().await.unwrap();
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    use icalendar::Component;
    let summaries: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| e.get_summary().map(str::to_string))
        .collect();
    assert!(
        summaries.contains(&"日曜朝市（会場変更）".to_string()),
        "as its organiser last edited it: {summaries:?}"
    );
    assert!(
        !summaries.contains(&"試食会".to_string()),
        "a deleted event leaves the calendar"
    );
    assert!(
        !summaries.contains(&"年末大売り出し".to_string()),
        "news is not an event"
    );
    // The district's calendar has the demo circle's Sunday event; a pending group has none.
    let ics = app
        .get(&format!("/districts/{kitagata}/events.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ics.contains("SUMMARY:日曜の親子公園あそび"), "{ics}");
    assert!(ics.contains("SUMMARY:日曜朝市"));
    let pending = group_id(app, "沼の歴史を歩く会").await;
    assert_eq!(
        app.get(&format!("/groups/{pending}/events.ics"))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/districts/987654/events.ics").await.status(), 404);
}
