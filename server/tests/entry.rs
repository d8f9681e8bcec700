//! Staff type in paper answers: by the printed numbers, stored once per sheet with channel
//! paper and the operator recorded; with double entry, stored only when two operators agree,
//! otherwise settled question by question. Runs on SQLite and PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, TestApp};
use shared::account::Role;
use shared::answer::{Answer, Channel};
use yoriai_core::demo::{DEMO_CODE_SLUG, demo_codes};

async fn html(res: reqwest::Response) -> (u16, String) {
    (res.status().as_u16(), res.text().await.unwrap())
}

/// A browser signed in as a member of staff (made on first use).
async fn operator<'a>(app: &'a TestApp, email: &str, name: &str) -> Browser<'a> {
    let password = "operator password";
    if app.core.store.credentials(email).await.unwrap().is_none() {
        app.core
            .create_user(email, name, password, Role::Staff, None)
            .await
            .unwrap();
    }
    let mut b = Browser::new(app);
    b.post_to("/sign-in", &[("email", email), ("password", password)])
        .await;
    b
}

/// A sheet of the community-centre template as typed: "rarely", reasons 1 and 3 and other,
/// Sunday agreement 2, age as given.
fn sheet<'a>(number: &'a str, age: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("sheet", number),
        ("q.use_freq", "4"),
        ("q.not_use_reason", "1 3 7"),
        ("q.not_use_reason.other", "遠い"),
        ("q.sunday", "2"),
        ("q.age", age),
        ("q.comment", "紙で回答しました"),
    ]
}

async fn paper_journey(app: &TestApp) {
    let id = app.demo_survey_id().await;
    let entry = format!("/staff/surveys/{id}/entry");
    let rows = || async { app.core.store.count_response_rows(id).await.unwrap() };
    let before = rows().await;

    // Signed out: sent to sign in; a resident: refused; nothing stored.
    let res = Browser::new(app).post(&entry, &sheet("0001", "7")).await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in")
    );
    let mut resident = app.resident().await;
    assert_eq!(
        resident.post(&entry, &sheet("0001", "7")).await.status(),
        403
    );
    assert_eq!(resident.get(&entry).await.status(), 403);

    // One operator, single entry: stored at once, by number, with channel paper.
    let mut a = operator(app, "a@ward.example.jp", "入力 一郎").await;
    let (status, page) = html(a.get(&entry).await).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"e-sheet\"") && page.contains("autofocus"));
    assert!(page.contains("<label for=\"e-use_freq\">問1</label>"));
    assert_eq!(
        a.post_to(&entry, &sheet("0001", "7")).await,
        format!("{entry}?stored=0001")
    );
    assert_eq!(rows().await, before + 1);
    let stored = &app.core.store.latest_responses(id, 1).await.unwrap()[0];
    assert_eq!(stored.channel, Channel::Paper);
    assert_eq!(stored.entered_by.as_deref(), Some("入力 一郎"));
    assert_eq!(
        stored.answers.get("not_use_reason"),
        Some(&Answer::Values(vec![
            "hours".into(),
            "facilities".into(),
            "other".into()
        ]))
    );
    assert_eq!(
        stored.answers.get("age"),
        Some(&Answer::Value("70s".into()))
    );
    // Required on the web, blank on paper: stored without it.
    assert_eq!(stored.answers.get("sunday_use"), None);

    // The same sheet again (a double Enter, or a mix-up of numbers): refused, nothing added.
    let (status, page) = html(a.post(&entry, &sheet("0001", "7")).await).await;
    assert_eq!(status, 409);
    assert!(page.contains("この整理番号の用紙は入力済みです"));
    // A number the sheet does not print, and no sheet number: refused at the fields, with
    // everything typed kept.
    let mut wrong = sheet("", "9");
    wrong.push(("q.nickname", "みなみ"));
    let (status, page) = html(a.post(&entry, &wrong).await).await;
    assert_eq!(status, 422);
    assert!(page.contains("value=\"9\""), "the typed age is kept");
    assert!(page.contains("value=\"みなみ\""));
    assert_eq!(page.matches("class=\"field-error\"").count(), 2, "{page}");
    assert_eq!(rows().await, before + 1);

    // Double entry: the first typing waits, the same operator cannot type the second.
    assert_eq!(
        a.post_to(&format!("{entry}-mode"), &[("double_entry", "on")])
            .await,
        entry
    );
    assert_eq!(
        a.post_to(&entry, &sheet("0002", "6")).await,
        format!("{entry}?first=0002")
    );
    assert_eq!(rows().await, before + 1);
    let (status, page) = html(a.post(&entry, &sheet("0002", "6")).await).await;
    assert_eq!(status, 409);
    assert!(page.contains("1回目を入力した方は2回目を入力できません"));
    let (_, page) = html(a.get(&entry).await).await;
    assert!(page.contains("data-sheet=\"0002\""), "listed as waiting");

    // A second operator types the same: stored once.
    let mut b = operator(app, "b@ward.example.jp", "入力 二郎").await;
    assert_eq!(
        b.post_to(&entry, &sheet("0002", "6")).await,
        format!("{entry}?stored=0002")
    );
    assert_eq!(rows().await, before + 2);
    let stored = &app.core.store.latest_responses(id, 1).await.unwrap()[0];
    assert_eq!(stored.channel, Channel::Paper);
    assert_eq!(stored.entered_by.as_deref(), Some("入力 二郎"));
    let typings = app.core.store.paper_entries(id, "0002").await.unwrap();
    assert_eq!(typings.len(), 2);
    assert!(typings.iter().all(|t| t.response_id == Some(stored.id)));
    // Typed a third time by anyone: already stored.
    assert_eq!(b.post(&entry, &sheet("0002", "6")).await.status(), 409);
    assert_eq!(rows().await, before + 2);

    // They differ on the age: nothing stored; the differences page shows both to settle.
    a.post_to(&entry, &sheet("0003", "6")).await;
    let diff = format!("{entry}/0003");
    assert_eq!(b.post_to(&entry, &sheet("0003", "5")).await, diff);
    assert_eq!(rows().await, before + 2);
    let (status, page) = html(b.get(&diff).await).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-question=\"age\""));
    assert_eq!(
        page.matches("data-question=").count(),
        1,
        "only the age differs"
    );
    // Settling needs a choice for every difference.
    let (status, _) = html(b.post(&diff, &[("action", "resolve")]).await).await;
    assert_eq!(status, 422);
    assert_eq!(
        b.post_to(&diff, &[("action", "resolve"), ("take.age", "2")])
            .await,
        format!("{entry}?stored=0003")
    );
    assert_eq!(rows().await, before + 3);
    let stored = &app.core.store.latest_responses(id, 1).await.unwrap()[0];
    assert_eq!(
        stored.answers.get("age"),
        Some(&Answer::Value("50s".into()))
    );
    assert_eq!(b.get(&diff).await.status(), 404, "settled sheets are gone");

    // Differing typings can be thrown away and the sheet typed again.
    a.post_to(&entry, &sheet("0004", "1")).await;
    b.post_to(&entry, &sheet("0004", "2")).await;
    assert_eq!(
        a.post_to(&format!("{entry}/0004"), &[("action", "discard")])
            .await,
        format!("{entry}?discarded=0004")
    );
    assert!(
        app.core
            .store
            .paper_entries(id, "0004")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(rows().await, before + 3);
    // A first typing left waiting when double entry is switched off: the next typing of that
    // sheet stores it, and the waiting list is empty again.
    a.post_to(&entry, &sheet("0005", "3")).await;
    a.post_to(&format!("{entry}-mode"), &[("double_entry", "off")])
        .await;
    assert_eq!(
        b.post_to(&entry, &sheet("0005", "3")).await,
        format!("{entry}?stored=0005")
    );
    assert_eq!(rows().await, before + 4);
    let (_, page) = html(b.get(&entry).await).await;
    assert!(!page.contains("data-sheet=\"0005\""), "no longer waiting");
    // Unknown surveys and sheets.
    assert_eq!(a.get("/staff/surveys/999999/entry").await.status(), 404);
    assert_eq!(a.get(&format!("{entry}/0099")).await.status(), 404);
}

app_on_both_databases!(
    paper_journey,
    paper_answers_are_typed_in_by_number_and_stored_once_on_sqlite,
    paper_answers_are_typed_in_by_number_and_stored_once_on_postgres
);

#[tokio::test]
async fn an_invitation_code_on_a_paper_sheet_is_used_up_like_one_typed_online() {
    let app = TestApp::sqlite().await;
    let survey = app
        .core
        .store
        .survey_by_slug(DEMO_CODE_SLUG)
        .await
        .unwrap()
        .unwrap();
    let entry = format!("/staff/surveys/{}/entry", survey.id);
    let codes = demo_codes();
    let mut a = operator(&app, "a@ward.example.jp", "入力 一郎").await;
    let (_, page) = html(a.get(&entry).await).await;
    assert!(
        page.contains("name=\"code\""),
        "a code field for a one-per-code survey"
    );
    let first = survey.definition.questions().next().unwrap().id.clone();
    let field = format!("q.{first}");
    let typed = shared::invitation::display(&codes[0]).to_lowercase();
    assert_eq!(
        a.post_to(&entry, &[("sheet", "1"), ("code", &typed), (&field, "1")])
            .await,
        format!("{entry}?stored=1")
    );
    assert!(
        app.core
            .store
            .code(survey.id, &codes[0])
            .await
            .unwrap()
            .unwrap()
            .used
    );
    // The same code on another sheet, and a made-up one: refused, nothing stored.
    let (status, page) = html(
        a.post(
            &entry,
            &[("sheet", "2"), ("code", &codes[0]), (&field, "1")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert!(page.contains("このコードはすでに回答に使われています"));
    let (status, _) = html(
        a.post(
            &entry,
            &[("sheet", "2"), ("code", "NOTACODE1"), (&field, "1")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    // Online, the code used on paper is refused too.
    let res = Browser::new(&app)
        .post(
            &format!("/s/{DEMO_CODE_SLUG}/start"),
            &[("code", &codes[0])],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        app.core.store.count_response_rows(survey.id).await.unwrap(),
        1
    );
    app.stop().await;
}
