//! The paper questionnaire: every question numbered, every option numbered, the show-if logic
//! written out as skip instructions, a code box where codes are used.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, TestApp};
use yoriai_core::demo::{DEMO_CLOSED_SLUG, DEMO_CODE_SLUG, DEMO_SURVEY_SLUG};

#[tokio::test]
async fn the_template_on_paper_shows_every_question_with_its_skip_instructions() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    let res = b.get(&format!("/s/{DEMO_SURVEY_SLUG}/paper")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let survey = app
        .core
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

/// The staff browser, signed in, and the staff member's account.
async fn staff(app: &TestApp) -> (Browser<'_>, shared::views::CurrentUser) {
    let cookie = app.sign_in_staff().await;
    let (name, value) = cookie.split_once('=').unwrap();
    let user = app.core.user_for_token(value).await.unwrap().unwrap();
    (Browser::new(app).with_cookie(name, value), user)
}

#[tokio::test]
async fn the_flyer_carries_the_surveys_address_as_a_qr_code() {
    let app = TestApp::sqlite().await;
    let id = app.demo_survey_id().await;
    let flyer = format!("/staff/surveys/{id}/flyer");
    // Staff only: a signed-out visitor is sent to sign in.
    let res = Browser::new(&app).get(&flyer).await;
    assert_eq!(res.status(), 302);
    let (mut s, _) = staff(&app).await;
    let res = s.get(&flyer).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert_eq!(html.matches("<svg class=\"qr\"").count(), 1);
    let address = format!("127.0.0.1:{}/s/{DEMO_SURVEY_SLUG}", app.addr.port());
    assert!(
        html.contains(&format!("<p class=\"flyer-url\">{address}</p>")),
        "{html}"
    );
    assert!(html.contains("アンケートにご協力ください"));
    assert!(
        html.contains("回答期限")
            == app
                .core
                .store
                .survey_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .closes_at
                .is_some()
    );
    // No public origin is configured in tests: the page warns that the address may be internal.
    assert!(html.contains("data-state=\"internal-origin\""));
    assert!(
        !html.contains("Please answer our survey"),
        "Japanese unless asked"
    );
    let english = s.get(&format!("{flyer}?en")).await.text().await.unwrap();
    assert!(english.contains("Please answer our survey"));
    // The flyer as an SVG file: a standalone A4 document with the same words and address.
    let res = s.get(&format!("{flyer}.svg")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("{DEMO_SURVEY_SLUG}-flyer.svg"))
    );
    let svg = res.text().await.unwrap();
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains(r#"width="210mm" height="297mm""#));
    assert!(svg.contains(&address), "the address is printed");
    assert!(svg.contains("アンケートにご協力ください"));
    assert!(!svg.contains("Please answer our survey"));
    assert_eq!(
        Browser::new(&app)
            .get(&format!("{flyer}.svg"))
            .await
            .status(),
        303
    );
    assert_eq!(s.get("/staff/surveys/999999/flyer").await.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn the_card_sheet_prints_each_unused_code_once_a_hundred_to_a_page() {
    let app = TestApp::sqlite().await;
    let id = app
        .core
        .store
        .survey_by_slug(DEMO_CODE_SLUG)
        .await
        .unwrap()
        .unwrap()
        .id;
    let cards = format!("/staff/surveys/{id}/cards");
    assert_eq!(Browser::new(&app).get(&cards).await.status(), 302);
    let (mut s, user) = staff(&app).await;
    let made = app.core.create_codes(&user, id, 120, None).await.unwrap();
    let all = app.core.store.codes(id).await.unwrap();
    let unused: Vec<&str> = all
        .iter()
        .filter(|c| !c.used)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(
        unused.len(),
        made.len() + yoriai_core::demo::demo_codes().len()
    );
    let first = s.get(&cards).await.text().await.unwrap();
    let second = s
        .get(&format!("{cards}?page=2"))
        .await
        .text()
        .await
        .unwrap();
    let on = |html: &str, code: &str| html.contains(&format!("data-code=\"{code}\""));
    assert_eq!(first.matches("class=\"invite-card\"").count(), 100);
    assert_eq!(
        second.matches("class=\"invite-card\"").count(),
        unused.len() - 100
    );
    for code in &unused {
        assert!(
            on(&first, code) != on(&second, code),
            "{code} is on exactly one page"
        );
    }
    assert!(first.contains(&format!("{} / 2", 1)));
    // Each card shows its code as typed (with the hyphen) and carries it in its QR code's link.
    let shown = shared::invitation::display(unused[0]);
    assert!(first.contains(&format!("<p class=\"invite-code\">{shown}</p>")));
    app.stop().await;
}
