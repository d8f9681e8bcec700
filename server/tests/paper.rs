//! The paper questionnaire: every question numbered, every option numbered, the show-if logic
//! written out as skip instructions, a code box where codes are used.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, TestApp};
use server::demo::{DEMO_CLOSED_SLUG, DEMO_CODE_SLUG, DEMO_SURVEY_SLUG};

#[tokio::test]
async fn the_template_on_paper_shows_every_question_with_its_skip_instructions() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    let res = b.get(&format!("/s/{DEMO_SURVEY_SLUG}/paper")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let survey = app
        .services
        .store
        .survey_by_slug(DEMO_SURVEY_SLUG)
        .await
        .unwrap()
        .unwrap();
    let def = &survey.definition;
    let count = def.questions().count();
    for (i, q) in def.questions().enumerate() {
        assert!(
            html.contains(&format!("data-question=\"{}\"", q.id)),
            "{} is printed",
            q.id
        );
        assert!(html.contains(&format!("<strong>問{}</strong>", i + 1)));
        assert!(html.contains(&q.label.plain(shared::Lang::Ja)), "{}", q.id);
    }
    assert!(!html.contains(&format!("<strong>問{}</strong>", count + 1)));
    // One skip instruction per conditional question, naming the question and option numbers.
    let conditional = def.questions().filter(|q| q.show_if.is_some()).count();
    assert_eq!(html.matches("class=\"paper-skip\"").count(), conditional);
    assert!(html.contains(
        "※問1で「4. ほとんど利用しない」か「5. 利用したことがない」と答えた方のみお答えください。"
    ));
    assert!(
        html.contains("※問6で「4. ややそう思う」か「5. そう思う」と答えた方のみお答えください。")
    );
    assert!(html.contains("※問8で「3. 平日の夜」と答えた方のみお答えください。"));
    // Instructions per kind, the web address, no code box (open survey), nothing to run.
    for text in [
        "（○は1つ）",
        "（○は3つまで）",
        "（大切な順に 1〜3 の番号をご記入ください）",
        "（それぞれ○は1つ）",
        "年　　月　　日",
        "その他（",
    ] {
        assert!(html.contains(text), "{text}");
    }
    assert!(html.contains(&format!("/s/{DEMO_SURVEY_SLUG}</span>")));
    assert!(!html.contains("招待コード（カードに書かれたコード）"));
    assert!(!html.contains("<script src"));

    // In English, and with a code box for a one-per-code survey.
    let mut en = Browser::new(&app).with_cookie("yoriai_lang", "en");
    let html = en
        .get(&format!("/s/{DEMO_CODE_SLUG}/paper"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Only if you answered"));
    assert!(html.contains("<strong>Q1</strong>"));
    assert!(html.contains("Invitation code (printed on your card)"));
    // Closed surveys can still be printed for the record; unknown ones cannot.
    assert_eq!(
        b.get(&format!("/s/{DEMO_CLOSED_SLUG}/paper"))
            .await
            .status(),
        200
    );
    assert_eq!(b.get("/s/no-such/paper").await.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn drafts_are_never_printed() {
    let app = TestApp::sqlite().await;
    let cookie = app.sign_in_staff().await;
    let (name, value) = cookie.split_once('=').unwrap();
    let mut s = Browser::new(&app).with_cookie(name, value);
    s.post_to(
        "/staff/surveys/new",
        &[
            ("title", "下書き"),
            ("slug", "secret-draft"),
            ("start", "blank"),
        ],
    )
    .await;
    assert_eq!(
        Browser::new(&app)
            .get("/s/secret-draft/paper")
            .await
            .status(),
        404
    );
    app.stop().await;
}
