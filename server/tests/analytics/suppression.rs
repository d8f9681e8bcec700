//! What council members and others see: small groups hidden, or nothing.

use super::*;

pub(super) async fn outside_staff_numbers_are_suppressed_or_refused(app: &TestApp) {
    let s = &app.core;
    let id = app.demo_survey_id().await;
    let rows = stored(app, id).await;
    // The district with the fewest responses, so that small groups certainly occur.
    let mut per_district: HashMap<i64, u64> = HashMap::new();
    for r in &rows {
        if let Some(d) = r.district {
            *per_district.entry(d).or_default() += 1;
        }
    }
    let (&district, &in_district) = per_district
        .iter()
        .filter(|(_, n)| **n >= 10)
        .min_by_key(|(_, n)| **n)
        .expect("a district with responses");
    let council = user_in(app, "council-a@example.jp", Role::Council, Some(district)).await;
    let view = results(app, &council, id, &ResultsQuery::default()).await;
    assert_eq!(view.min_cell, Some(5));
    assert_eq!(view.filter.districts, vec![district], "only their district");
    assert_eq!(view.dashboard.total, Cell::Count(in_district));
    assert_eq!((view.started, view.sent_web), (None, None));
    // Asking for another district changes nothing.
    let other = per_district
        .keys()
        .find(|d| **d != district)
        .copied()
        .unwrap();
    let query = ResultsQuery {
        filter: Filter::from_pairs([("d", other.to_string().as_str())]),
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::Question("sunday".into())),
        only: None,
    };
    let view = results(app, &council, id, &query).await;
    assert_eq!(view.dashboard.total, Cell::Count(in_district));
    // No count from 1 to 4 anywhere, and some are hidden.
    let mut cells: Vec<Cell> = Vec::new();
    for q in &view.questions {
        cells.push(q.answered);
        match &q.body {
            ResultBody::Choices { bars, .. }
            | ResultBody::Scale { bars, .. }
            | ResultBody::Histogram { bars, .. }
            | ResultBody::Dates { bars } => cells.extend(bars.iter().map(|b| b.count)),
            ResultBody::Ranking { items } => {
                cells.extend(items.iter().flat_map(|i| [i.first, i.ranked]));
            }
            ResultBody::Matrix { lines, .. } => {
                cells.extend(lines.iter().flat_map(|l| l.cells.iter().copied()));
            }
            ResultBody::Text { tags } => cells.extend(tags.iter().map(|b| b.count)),
        }
    }
    let t = view.crosstab.expect("table");
    cells.extend(t.cells.iter().flatten().copied());
    cells.extend(t.rows.categories.iter().map(|b| b.count));
    cells.extend(view.dashboard.by_day.iter().map(|b| b.count));
    assert!(
        cells.iter().all(|c| !matches!(c, Cell::Count(1..=4))),
        "{cells:?}"
    );
    assert!(cells.contains(&Cell::Hidden));
    // Extremes are never shown outside staff.
    for q in &view.questions {
        if let ResultBody::Histogram {
            summary: Some(s), ..
        } = &q.body
        {
            assert_eq!((s.min, s.max), (None, None));
        }
    }

    // Everyone else: not found, whatever the id.
    for role in [Role::Resident, Role::Organiser] {
        let who = user_in(
            app,
            &format!("{role:?}@example.jp").to_lowercase(),
            role,
            Some(district),
        )
        .await;
        let e = s
            .results_view(&who, id, &ResultsQuery::default())
            .await
            .unwrap_err();
        assert_eq!(ApiError::from(e), ApiError::NotFound, "{role:?}");
    }
    let staff = user_in(app, "staff-c@example.jp", Role::Staff, None).await;
    let e = s
        .results_view(&staff, 999_999, &ResultsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);
    // A draft's results are not for the council.
    let draft = s
        .store
        .survey_by_slug(yoriai_core::demo::DEMO_DRAFT_SLUG)
        .await
        .unwrap()
        .unwrap();
    let e = s
        .results_view(&council, draft.id, &ResultsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);

    // Over HTTP: the server function takes the page's query string and answers as the
    // session's user may see; without a session, nothing.
    let call = |cookie: Option<String>| {
        let mut request = app
            .client
            .post(app.url("/api/results"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "survey_id={id}&query=d%3D{other}%26r%3Dq%3Aage%26c%3Ddistrict"
            ));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, body) = call(None).await;
    assert!(
        status != 200 && body.contains("Unauthorized"),
        "{status} {body}"
    );
    let session = |email: &'static str| async move {
        let signed = s.sign_in(email, PASSWORD, "127.0.0.3").await.unwrap();
        format!("{}={}", app::api::SESSION_COOKIE, signed.token)
    };
    let (status, body) = call(Some(session("resident@example.jp").await)).await;
    assert!(
        status != 200 && body.contains("NotFound"),
        "{status} {body}"
    );
    let (status, body) = call(Some(session("council-a@example.jp").await)).await;
    assert_eq!(status, 200, "{body}");
    let view: ResultsView = serde_json::from_str(&body).unwrap();
    assert_eq!(view.filter.districts, vec![district]);
    assert_eq!(view.crosstab.map(|t| t.columns.var), Some(Var::District));
    let (status, body) = call(Some(session("staff-c@example.jp").await)).await;
    assert_eq!(status, 200, "{body}");
    let view: ResultsView = serde_json::from_str(&body).unwrap();
    assert_eq!(
        view.filter.districts,
        vec![other],
        "staff filter as they like"
    );
}
