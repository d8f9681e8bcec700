//! The staff results page when no response is counted: none has arrived yet, or the filter
//! keeps none.

use super::*;
use yoriai_core::surveys::builder::Start;

/// The overview says there is nothing to show (and why), rather than drawing empty axes.
pub(super) async fn an_empty_overview_says_so(app: &TestApp) {
    let s = &app.core;
    let email = "empty-results@example.jp";
    let staff = user_in(app, email, Role::Staff, None).await;
    let cookie = cookie(app, email, PASSWORD).await;
    let overview = |html: String| {
        let from = html.find("class=\"card dashboard\"").expect("an overview");
        let to = html[from..].find("</section>").expect("closed") + from;
        html[from..to].to_string()
    };
    let page = |path: String| {
        let cookie = cookie.clone();
        async move {
            let res = app.get_with_cookie(&path, &cookie).await;
            assert_eq!(res.status(), 200, "{path}");
            res.text().await.unwrap()
        }
    };

    // A new survey: nothing has arrived.
    let id = s
        .create_draft_survey(
            &staff,
            "no-answers-yet",
            "まだ回答のない調査",
            Start::CommunityCentre,
        )
        .await
        .unwrap();
    let html = overview(page(format!("/staff/surveys/{id}/results")).await);
    assert!(html.contains("data-state=\"no-responses\""), "{html}");
    assert!(html.contains("まだ回答はありません"), "{html}");
    assert!(!html.contains("class=\"chart\""), "no empty charts: {html}");

    // The demo survey has answers, but none before 2000.
    let demo = s
        .store
        .survey_by_slug(DEMO_SURVEY_SLUG)
        .await
        .unwrap()
        .unwrap()
        .id;
    let html = overview(page(format!("/staff/surveys/{demo}/results?to=2000-01-01")).await);
    assert!(html.contains("この条件に合う回答はありません"), "{html}");
    assert!(!html.contains("class=\"chart\""), "{html}");
    let html = overview(page(format!("/staff/surveys/{demo}/results")).await);
    assert!(!html.contains("no-responses"), "{html}");
    assert!(
        html.contains("class=\"chart\""),
        "charts once there are answers"
    );
}
