//! Results published for residents.

use super::*;

/// Results published for residents: chosen questions, the ward's text, small groups hidden;
/// taken down again; the smallest group size is a per-survey setting.
pub(super) async fn published_results_for_residents(app: &TestApp) {
    let s = &app.core;
    let id = app.demo_survey_id().await;
    let staff = user_in(app, "staff-f@example.jp", Role::Staff, None).await;
    let council = user_in(app, "council-f@example.jp", Role::Council, None).await;
    let summary = shared::survey::Text::ja_en(
        "3月から日曜開館を試行します。",
        "The centre will try Sunday opening from March.",
    );
    let e = s.public_results(DEMO_SURVEY_SLUG).await.unwrap_err();
    assert_eq!(
        ApiError::from(e),
        ApiError::NotFound,
        "nothing published yet"
    );
    let page = app.get(&format!("/s/{DEMO_SURVEY_SLUG}/results")).await;
    assert_eq!(page.status().as_u16(), 404);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("結果はまだ公開されていません")
    );

    // Refusals: nothing chosen, no text, a council member, a draft.
    let chosen = vec![
        "age".to_string(),
        "sunday".to_string(),
        "comment".to_string(),
    ];
    let bad = s
        .publish_results(&staff, id, &[], &summary, false)
        .await
        .unwrap_err();
    assert!(matches!(ApiError::from(bad), ApiError::Validation(_)));
    let empty = shared::survey::Text::ja(" ");
    let bad = s
        .publish_results(&staff, id, &chosen, &empty, false)
        .await
        .unwrap_err();
    assert!(matches!(ApiError::from(bad), ApiError::Validation(_)));
    let bad = s
        .publish_results(&council, id, &chosen, &summary, false)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(bad), ApiError::Forbidden);
    let draft = s
        .store
        .survey_by_slug(yoriai_core::demo::DEMO_DRAFT_SLUG)
        .await
        .unwrap()
        .unwrap();
    let bad = s
        .publish_results(&staff, draft.id, &chosen, &summary, false)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(bad), ApiError::Conflict);

    // Published: only the chosen questions, no count from 1 to 4, the ward's text.
    let mut with_unknown = chosen.clone();
    with_unknown.push("no-such-question".into());
    s.publish_results(&staff, id, &with_unknown, &summary, false)
        .await
        .unwrap();
    let public = s.public_results(DEMO_SURVEY_SLUG).await.unwrap();
    let ids: Vec<&str> = public.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["sunday", "age", "comment"],
        "survey order, unknown ids dropped"
    );
    assert_eq!(public.min_cell, 5);
    for q in &public.questions {
        if let ResultBody::Choices { bars, .. } | ResultBody::Scale { bars, .. } = &q.body {
            assert!(bars.iter().all(|b| !matches!(b.count, Cell::Count(1..=4))));
        }
        if let ResultBody::Scale {
            summary: Some(s), ..
        } = &q.body
        {
            assert_eq!((s.min, s.max), (None, None));
        }
    }
    let page = app.get(&format!("/s/{DEMO_SURVEY_SLUG}/results")).await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("3月から日曜開館を試行します。"));
    assert!(
        !html.contains("回答を読む"),
        "no way to the texts from the public page"
    );
    assert!(
        !html.contains(".wasm") && !html.contains("<script src"),
        "no code to download on a resident page"
    );
    let staff_view = results(app, &staff, id, &ResultsQuery::default()).await;
    assert_eq!(staff_view.publication.map(|p| p.questions.len()), Some(3));

    // The smallest group is a setting: 10 for this survey, then the public page follows.
    let bad = s.set_min_cell(&staff, id, 0).await.unwrap_err();
    assert!(matches!(ApiError::from(bad), ApiError::Validation(_)));
    let bad = s.set_min_cell(&council, id, 10).await.unwrap_err();
    assert_eq!(ApiError::from(bad), ApiError::Forbidden);
    s.set_min_cell(&staff, id, 10).await.unwrap();
    let public = s.public_results(DEMO_SURVEY_SLUG).await.unwrap();
    assert_eq!(public.min_cell, 10);
    for q in &public.questions {
        if let ResultBody::Choices { bars, .. } = &q.body {
            assert!(bars.iter().all(|b| !matches!(b.count, Cell::Count(1..=9))));
        }
    }
    s.set_min_cell(&staff, id, 5).await.unwrap();

    // Taken down: not found again.
    s.publish_results(&staff, id, &[], &summary, true)
        .await
        .unwrap();
    let e = s.public_results(DEMO_SURVEY_SLUG).await.unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);
    let audit = s
        .audit_view(
            &user_in(app, "admin-f@example.jp", Role::Admin, None).await,
            Some(id),
        )
        .await
        .unwrap();
    for action in ["publish_results", "withdraw_results", "min_cell"] {
        assert!(audit.iter().any(|l| l.action == action), "{action} audited");
    }
}
