//! Free-text answers: search and themes.

use super::*;

/// Free text: listed, searched as substrings in Japanese (short and long words), coded into
/// themes one by one and in bulk; theme counts in the results and cross-tabs; staff only;
/// texts shown escaped.
pub(super) async fn free_text_search_and_themes(app: &TestApp) {
    use yoriai_core::analytics::TextQuery;
    use yoriai_core::analytics::texts::Tagging;
    let s = &app.core;
    let id = app.demo_survey_id().await;
    let staff = user_in(app, "staff-e@example.jp", Role::Staff, None).await;
    let rows = stored(app, id).await;
    let comment = |r: &Stored| match r.answers.get("comment") {
        Some(Answer::Value(v)) => Some(v.clone()),
        _ => None,
    };
    let with = |needle: &str| {
        rows.iter()
            .filter(|r| comment(r).is_some_and(|c| c.contains(needle)))
            .count() as i64
    };
    let all = rows.iter().filter(|r| comment(r).is_some()).count() as i64;
    assert!(all > 20, "{all}");
    let view = s
        .texts_view(&staff, id, "comment", "", None, 1)
        .await
        .unwrap();
    assert_eq!(view.total, all);
    assert_eq!(view.lines.len() as i64, all.min(50));
    assert!(
        view.lines.windows(2).all(|w| w[0].id > w[1].id),
        "newest first"
    );
    // A link to one answer (a matter's source) opens the page of the list that holds it: the
    // oldest answer is on the last page; an unknown one opens the first.
    let last_page = (all - 1) / 50 + 1;
    assert!(last_page >= 2, "{all} answers fill more than one page");
    let oldest = s
        .texts_view(&staff, id, "comment", "", None, last_page)
        .await
        .unwrap()
        .lines
        .last()
        .unwrap()
        .id;
    assert_eq!(
        s.page_of_text(&staff, id, "comment", oldest).await.unwrap(),
        last_page
    );
    assert_eq!(
        s.page_of_text(&staff, id, "comment", i64::MAX)
            .await
            .unwrap(),
        1
    );
    let staff_cookie = cookie(app, "staff-e@example.jp", PASSWORD).await;
    let html = app
        .html_with_cookie(
            &format!("/staff/surveys/{id}/texts/comment?at={oldest}"),
            &staff_cookie,
        )
        .await;
    assert!(html.contains(&format!("id=\"t-{oldest}\"")), "{html}");
    // Two characters (below the trigram length) and longer words both work.
    for needle in ["駐車", "駐車場", "日曜日も", "HYPERLINK", "ない"] {
        let view = s
            .texts_view(&staff, id, "comment", needle, None, 1)
            .await
            .unwrap();
        assert_eq!(view.total, with(needle), "{needle}");
        assert!(view.lines.iter().all(|l| l.body.contains(needle)));
    }
    // LIKE wildcards are taken literally.
    let view = s
        .texts_view(&staff, id, "comment", "%", None, 1)
        .await
        .unwrap();
    assert_eq!(view.total, with("%"));

    // Code every answer mentioning parking, then one more by hand, then take one off.
    let parking = TextQuery {
        search: Some("駐車場".into()),
        tag: None,
    };
    let code = |text: Option<i64>, on: bool, name: Option<&str>, tag: Option<i64>| Tagging {
        tag,
        new_name: name.map(str::to_string),
        text,
        on,
    };
    let n = s
        .tag_texts(
            &staff,
            id,
            "comment",
            &parking,
            &code(None, true, Some("駐車場"), None),
        )
        .await
        .unwrap();
    assert_eq!(n as i64, with("駐車場"));
    let tags = s.store.text_tags(id).await.unwrap();
    let tag = tags.iter().find(|(_, name)| name == "駐車場").unwrap().0;
    let other = s
        .texts_view(&staff, id, "comment", "日曜", None, 1)
        .await
        .unwrap()
        .lines[0]
        .id;
    s.tag_texts(
        &staff,
        id,
        "comment",
        &TextQuery::default(),
        &code(Some(other), true, None, Some(tag)),
    )
    .await
    .unwrap();
    let coded = s
        .texts_view(&staff, id, "comment", "", Some(tag), 1)
        .await
        .unwrap();
    assert_eq!(coded.total, with("駐車場") + 1);
    s.tag_texts(
        &staff,
        id,
        "comment",
        &TextQuery::default(),
        &code(Some(other), false, None, Some(tag)),
    )
    .await
    .unwrap();
    let coded = s
        .texts_view(&staff, id, "comment", "", Some(tag), 1)
        .await
        .unwrap();
    assert_eq!(coded.total, with("駐車場"));
    // An empty or overlong theme name is refused, and so is an unknown theme.
    for bad in [
        code(None, true, Some(" "), None),
        code(None, true, Some(&"長".repeat(41)), None),
    ] {
        let e = s
            .tag_texts(&staff, id, "comment", &parking, &bad)
            .await
            .unwrap_err();
        assert!(matches!(ApiError::from(e), ApiError::Validation(_)));
    }
    let e = s
        .tag_texts(
            &staff,
            id,
            "comment",
            &parking,
            &code(None, true, None, Some(999_999)),
        )
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);

    // The themes are counted in the results, and cross-tabulate like a question.
    let query = ResultsQuery {
        filter: Filter::default(),
        rows: Some(Var::Tags("comment".into())),
        columns: Some(Var::Question("age".into())),
        only: None,
    };
    let view = results(app, &staff, id, &query).await;
    let comment_result = view.questions.iter().find(|q| q.id == "comment").unwrap();
    let ResultBody::Text { tags } = &comment_result.body else {
        panic!("text")
    };
    let bar = tags.iter().find(|b| b.value == tag.to_string()).unwrap();
    assert_eq!(bar.count, Cell::Count(with("駐車場") as u64));
    let t = view.crosstab.expect("themes × age");
    let row = t
        .rows
        .categories
        .iter()
        .position(|c| c.value == tag.to_string())
        .unwrap();
    let sum: u64 = t.cells[row].iter().filter_map(|c| c.count()).sum();
    assert_eq!(
        sum,
        count(&rows, |r| comment(r).is_some_and(|c| c.contains("駐車場"))
            && r.answers.get("age").is_some())
    );

    // Staff only; the page escapes what residents typed.
    let council = user_in(app, "council-e@example.jp", Role::Council, None).await;
    let e = s
        .texts_view(&council, id, "comment", "", None, 1)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::Forbidden);
    let e = s
        .texts_view(&staff, id, "nope", "", None, 1)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);
    let xss = "<script>alert(1)</script>駐車場";
    with_comment(app, id, "xss", xss).await;
    let signed = s
        .sign_in("staff-e@example.jp", PASSWORD, "127.0.0.5")
        .await
        .unwrap();
    let cookie = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
    let page = app
        .get_with_cookie(
            &format!("/staff/surveys/{id}/texts/comment?q=script"),
            &cookie,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;駐車場"),
        "escaped"
    );
    assert!(!page.contains("<script>alert(1)"));
    // The tagging form: done (303 back to the list), refused for council members (403).
    let post = |cookie: String, pairs: Vec<(&'static str, String)>| async move {
        app.client
            .post(app.url(&format!("/staff/surveys/{id}/texts/comment")))
            .header("origin", app.url(""))
            .header("cookie", cookie)
            .form(&pairs)
            .send()
            .await
            .unwrap()
    };
    let r = post(
        cookie.clone(),
        vec![("q", "script".into()), ("name", "要確認".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("/texts/comment?q=script")
    );
    let signed = s
        .sign_in("council-e@example.jp", PASSWORD, "127.0.0.5")
        .await
        .unwrap();
    let council_cookie = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
    let r = post(council_cookie, vec![("name", "x".into())]).await;
    assert_eq!(r.status().as_u16(), 403);
    let checked = s.store.text_tags(id).await.unwrap();
    assert!(checked.iter().any(|(_, n)| n == "要確認") && !checked.iter().any(|(_, n)| n == "x"));
}
