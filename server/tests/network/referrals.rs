//! Survey links from groups, and what analytics makes of them.

use super::*;

/// The demo survey answered over HTTP without JavaScript by the shortest path, starting from
/// `start` (the start form's fields, e.g. the group link's `via`).
async fn answer_demo_survey(app: &TestApp, start: &[(&str, &str)]) {
    let survey = format!("/s/{}", yoriai_core::demo::DEMO_SURVEY_SLUG);
    let page = |n: usize| format!("{survey}/p/{n}");
    let mut b = common::Browser::new(app);
    assert_eq!(b.post_to(&format!("{survey}/start"), start).await, page(1));
    let screens: [&[(&str, &str)]; 5] = [
        &[("q.use_freq", "never"), ("q.not_use_reason", "hours")],
        &[("q.sunday", "2")],
        &[],
        &[("q.age", "40s")],
        &[],
    ];
    for (n, answers) in screens.iter().enumerate() {
        let mut pairs = answers.to_vec();
        pairs.push(("nav", "next"));
        b.post_to(&page(n + 1), &pairs).await;
    }
    let thanks = b.post_to(&format!("{survey}/submit"), &[]).await;
    assert!(thanks.ends_with("/thanks"), "{thanks}");
}

/// A group's survey link records the group on the response; analytics counts responses per
/// referring group (a bar, a filter, a cross-tab variable), hidden below the threshold
/// outside staff. A link naming no approved group is ignored, not refused.
pub(super) async fn referrals(app: &TestApp) {
    let s = &app.core;
    let group = group_id(app, "北方ママパパの会").await;
    let pending = group_id(app, "沼の歴史を歩く会").await;
    let survey_id = app.demo_survey_id().await;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    // The group's page links the open survey through the group; a pending group's does not.
    let page = s.group_page(None, group).await.unwrap();
    let link = format!("/s/{}?via={group}", yoriai_core::demo::DEMO_SURVEY_SLUG);
    assert!(
        page.surveys.iter().any(|l| l.path == link),
        "{:?}",
        page.surveys
    );
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let pending_page = s.group_page(Some(&organiser), pending).await.unwrap();
    assert!(pending_page.surveys.is_empty());
    // The start page carries the group into its form.
    let start = app.get(&link).await.text().await.unwrap();
    assert!(
        start.contains(&format!("name=\"via\" value=\"{group}\"")),
        "the start form keeps the group"
    );
    let before = s
        .results_view(&staff, survey_id, &Default::default())
        .await
        .unwrap()
        .dashboard
        .by_referrer;
    let count = |bars: &[shared::analytics::Bar], value: &str| {
        bars.iter()
            .find(|b| b.value == value)
            .and_then(|b| b.count.count())
            .unwrap_or(0)
    };
    let (group_key, pending_key) = (group.to_string(), pending.to_string());
    answer_demo_survey(app, &[("via", &group_key)]).await;
    answer_demo_survey(app, &[("via", &group_key)]).await;
    // Not approved, unknown, not a number: answered all the same, not attributed.
    answer_demo_survey(app, &[("via", &pending_key)]).await;
    answer_demo_survey(app, &[("via", "987654")]).await;
    answer_demo_survey(app, &[("via", "x")]).await;
    answer_demo_survey(app, &[]).await;
    let view = s
        .results_view(&staff, survey_id, &Default::default())
        .await
        .unwrap();
    let after = &view.dashboard.by_referrer;
    assert_eq!(count(after, &group_key), count(&before, &group_key) + 2);
    assert_eq!(count(after, ""), count(&before, "") + 4);
    assert_eq!(count(after, &pending_key), 0);
    let bar = after.iter().find(|b| b.value == group_key).unwrap();
    assert_eq!(bar.label.plain(shared::Lang::Ja), "北方ママパパの会");
    assert!(
        view.vars
            .iter()
            .any(|v| v.var == shared::analytics::Var::Referrer)
    );
    // The filter keeps only the group's responses; the cross-tab counts them by age.
    let query =
        |pairs: &[(&str, &str)]| shared::analytics::ResultsQuery::from_pairs(pairs.iter().copied());
    let only = s
        .results_view(&staff, survey_id, &query(&[("via", &group_key)]))
        .await
        .unwrap();
    assert_eq!(only.dashboard.total.count(), Some(count(after, &group_key)));
    let table = s
        .results_view(&staff, survey_id, &query(&[("r", "via"), ("c", "q:age")]))
        .await
        .unwrap()
        .crosstab
        .expect("a cross-tab by referring group");
    let row = table
        .rows
        .categories
        .iter()
        .position(|c| c.value == group_key)
        .unwrap();
    assert_eq!(
        table.rows.categories[row].count.count(),
        Some(count(after, &group_key))
    );
    // Stored on the responses themselves (and so in every later read of the cube).
    let stored: i64 = s.store.count_referred(survey_id, group).await.unwrap();
    assert_eq!(stored, count(after, &group_key) as i64);
}
