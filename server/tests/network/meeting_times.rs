//! When a group meets: a field of its own, proposed and edited with the group, shown on its
//! page and its directory card, found by the directory's search.

use super::*;

const THURSDAYS: &str = "第2・第4木曜 19時〜21時";

/// Meeting times: stored with the proposal; shown (page, card, edit form) once approved; found
/// by search; changed or cleared by an edit; too long or with control characters refused with
/// the field named and nothing changed.
pub(super) async fn meeting_times(app: &TestApp) {
    let s = &app.core;
    // The demo groups have theirs: "7時〜8時" is only in the running club's meeting times.
    assert_eq!(names(app, search("7時〜8時")).await, vec!["守恒ゆるラン部"]);
    let proposer = user(app, "times@example.jp", Role::Resident).await;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    let kitagata = district(app, "kmn-kitagata").await.to_string();
    let fields = |times: &str| {
        form(&[
            ("name", "北方ボードゲーム会"),
            ("kind", "circle"),
            ("description", "大人も子どももボードゲームで遊びます。"),
            ("meeting_place", "北方市民センター 集会室"),
            ("meeting_times", times),
            ("contact_policy", "centre"),
            ("district", &kitagata),
        ])
    };
    let id = s
        .propose_group(&proposer, &fields(&format!("  {THURSDAYS}  ")))
        .await
        .unwrap();
    let stored = s.store.group(id).await.unwrap().unwrap();
    assert_eq!(stored.fields.meeting_times, THURSDAYS, "trimmed");
    s.decide_group(&staff, id, true, "").await.unwrap();

    // Its page, its card in the directory, and the search.
    let page = s.group_page(None, id).await.unwrap();
    assert_eq!(page.card.meeting_times, THURSDAYS);
    let html = app.html(&format!("/groups/{id}")).await;
    assert!(html.contains("活動日時"), "labelled on the page");
    assert!(html.contains(THURSDAYS));
    assert_eq!(
        names(app, search("4木曜")).await,
        vec!["北方ボードゲーム会"]
    );
    let html = app.html("/groups?q=%E6%9C%A8%E6%9B%9C").await; // q=木曜
    assert!(
        html.contains("北方ボードゲーム会") && html.contains(THURSDAYS),
        "on the card"
    );

    // The edit form starts from the stored value.
    let organiser = cookie(app, "times@example.jp", PASSWORD).await;
    let html = app
        .get_with_cookie(&format!("/groups/{id}/edit"), &organiser)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("value=\"{THURSDAYS}\"")),
        "prefilled"
    );

    // Refused: too long, or a control character; the field is named and nothing changes.
    for (bad, why) in [
        ("木".repeat(201), FieldError::TooLong { max: 200 }),
        ("毎週\u{7}木曜".to_string(), FieldError::Invalid),
    ] {
        let refused = err(s.edit_group(&proposer, id, &fields(&bad)).await);
        let ApiError::Validation(errors) = refused else {
            panic!("not a validation error: {refused:?}");
        };
        assert_eq!(errors.get("meeting_times"), Some(&why), "{errors:?}");
        let stored = s.store.group(id).await.unwrap().unwrap();
        assert_eq!(stored.fields.meeting_times, THURSDAYS);
    }

    // Changed, then cleared: the label goes with it.
    s.edit_group(&proposer, id, &fields("毎週土曜 14時〜"))
        .await
        .unwrap();
    assert_eq!(
        s.group_page(None, id).await.unwrap().card.meeting_times,
        "毎週土曜 14時〜"
    );
    assert!(names(app, search("4木曜")).await.is_empty());
    s.edit_group(&proposer, id, &fields("")).await.unwrap();
    assert_eq!(s.group_page(None, id).await.unwrap().card.meeting_times, "");
    let html = app.html(&format!("/groups/{id}")).await;
    assert!(!html.contains("活動日時"), "no empty label");
}

fn search(text: &str) -> DirectoryQuery {
    DirectoryQuery {
        search: text.into(),
        ..DirectoryQuery::default()
    }
}
