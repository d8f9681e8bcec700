//! The main journeys in a real browser at 390×844: a resident answers the community-centre
//! survey with JavaScript on and with it off, and a signed-in staff member sees the answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::time::Duration;
use yoriai_e2e::{Harness, STAFF_EMAIL, STAFF_PASSWORD, SURVEY_PATH, skip_or_fail};

async fn harness(javascript: bool) -> Option<Harness> {
    match Harness::start(javascript).await {
        Ok(h) => Some(h),
        Err(e) => skip_or_fail(e),
    }
}

/// Waits (at most 15 s) for an element to appear.
async fn wait_for(h: &Harness, css: &str) {
    h.browser
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"));
}

async fn click(h: &Harness, css: &str) {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn text_of(h: &Harness, css: &str) -> String {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn path(h: &Harness) -> String {
    h.browser.current_url().await.unwrap().path().to_string()
}

/// Signs in as the demo staff member and returns the staff page's text.
async fn staff_sees(h: &Harness, name: &str) -> (String, String) {
    h.browser.goto(&h.url("/staff")).await.unwrap();
    assert_eq!(
        path(h).await,
        "/sign-in",
        "signed-out staff are sent to sign in"
    );
    h.browser
        .find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(STAFF_EMAIL)
        .await
        .unwrap();
    h.browser
        .find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(STAFF_PASSWORD)
        .await
        .unwrap();
    click(h, "form[action='/sign-in'] button[type=submit]").await;
    wait_for(h, "table.data").await;
    assert_eq!(path(h).await, "/staff");
    let count = text_of(h, "tr[data-survey='shimin-center-2026'] .response-count").await;
    h.screenshot(&format!("{name}-staff-list")).await;
    click(h, "tr[data-survey='shimin-center-2026'] a").await;
    wait_for(h, "ol.responses").await;
    let answers = text_of(h, "ol.responses").await;
    h.screenshot(&format!("{name}-staff-responses")).await;
    (count, answers)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_answers_with_javascript_and_staff_see_it() {
    let Some(h) = harness(true).await else { return };
    h.browser.goto(&h.url(SURVEY_PATH)).await.unwrap();
    h.browser
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form[data-hydrated='true']"))
        .await
        .expect("the survey form hydrates");
    h.screenshot("js-on-survey").await;
    // A marker on the window proves that nothing below reloads the page.
    h.browser
        .execute("window.__stay = 'here'; return true;", vec![])
        .await
        .unwrap();

    // Submitting with required answers missing shows messages in place.
    click(&h, "button[type=submit]").await;
    wait_for(&h, ".error-summary:not([hidden])").await;
    let summary = text_of(&h, ".error-summary").await;
    assert!(summary.contains("入力内容を確認してください"), "{summary}");
    assert!(summary.contains("この項目は必須です"), "{summary}");
    assert_eq!(
        text_of(&h, "#f-q-visited-error").await,
        "この項目は必須です。回答してください。"
    );
    h.screenshot("js-on-errors").await;

    click(&h, "input[name='q.visited'][value='often']").await;
    click(&h, "input[name='q.sunday'][value='yes']").await;
    click(&h, "input[name='q.sunday_uses'][value='kids']").await;
    click(&h, "input[name='q.sunday_uses'][value='events']").await;
    h.browser
        .find(Locator::Css("textarea[name='q.comment']"))
        .await
        .unwrap()
        .send_keys("日曜日の子育てサロンがあれば行きます")
        .await
        .unwrap();
    click(&h, "button[type=submit]").await;
    wait_for(&h, ".thanks:not([hidden])").await;
    assert!(
        text_of(&h, ".thanks")
            .await
            .contains("ご回答ありがとうございました")
    );
    let stayed = h
        .browser
        .execute("return window.__stay || null;", vec![])
        .await
        .unwrap();
    assert_eq!(
        stayed,
        serde_json::json!("here"),
        "the answer was sent without a page load"
    );
    assert_eq!(path(&h).await, SURVEY_PATH);
    h.screenshot("js-on-thanks").await;

    let (count, answers) = staff_sees(&h, "js-on").await;
    assert_eq!(count, "1");
    // Another resident answers while staff watch: the count goes up without a reload.
    h.browser
        .execute(
            r#"fetch('/api/submit', { method: 'POST', headers: { 'content-type': 'application/json' },
                 body: JSON.stringify({ submission: { slug: 'shimin-center-2026',
                   fields: [['q.visited', 'never'], ['q.sunday', 'no']],
                   idempotency_key: 'second-resident-0001', lang: 'ja' } }) });
               window.__watching = true; return true;"#,
            vec![],
        )
        .await
        .unwrap();
    h.browser
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::XPath(
            "//span[@class='response-count' and normalize-space()='2']",
        ))
        .await
        .expect("the live count reaches 2");
    let still = h
        .browser
        .execute("return window.__watching || null;", vec![])
        .await
        .unwrap();
    assert_eq!(still, serde_json::json!(true), "no reload happened");
    assert!(
        answers.contains("日曜日の子育てサロンがあれば行きます"),
        "{answers}"
    );
    assert!(
        answers.contains("子育てサロン・親子の集まり、地域の行事・催し"),
        "{answers}"
    );
    let _ = h.browser.clone().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_answers_with_javascript_off_and_staff_see_it() {
    let Some(h) = harness(false).await else {
        return;
    };
    h.browser.goto(&h.url(SURVEY_PATH)).await.unwrap();
    let hydrated = h.browser.find(Locator::Css("form[data-hydrated]")).await;
    assert!(
        hydrated.is_err(),
        "with JavaScript off the form stays plain HTML"
    );
    h.screenshot("js-off-survey").await;

    // One answer given, one required answer missing: the server sends the form back.
    click(&h, "input[name='q.visited'][value='sometimes']").await;
    click(&h, "button[type=submit]").await;
    wait_for(&h, ".error-summary:not([hidden])").await;
    assert!(
        text_of(&h, "#f-q-sunday-error")
            .await
            .contains("この項目は必須です")
    );
    let kept = h
        .browser
        .find(Locator::Css("input[name='q.visited'][value='sometimes']"))
        .await
        .unwrap()
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("true"), "the earlier answer is kept");
    h.screenshot("js-off-errors").await;

    click(&h, "input[name='q.sunday'][value='maybe']").await;
    h.browser
        .find(Locator::Css("textarea[name='q.comment']"))
        .await
        .unwrap()
        .send_keys("平日は仕事で行けません")
        .await
        .unwrap();
    click(&h, "button[type=submit]").await;
    wait_for(&h, "section.thanks").await;
    assert_eq!(path(&h).await, format!("{SURVEY_PATH}/thanks"));
    h.screenshot("js-off-thanks").await;

    let (count, answers) = staff_sees(&h, "js-off").await;
    assert_eq!(count, "1");
    assert!(answers.contains("平日は仕事で行けません"), "{answers}");
    let _ = h.browser.clone().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_survey_explains_itself_on_a_phone() {
    let Some(h) = harness(false).await else {
        return;
    };
    h.browser
        .goto(&h.url("/s/natsumatsuri-2025"))
        .await
        .unwrap();
    assert_eq!(text_of(&h, "h1").await, "このアンケートは終了しました");
    h.browser
        .goto(&h.url("/lang/en?next=/s/natsumatsuri-2025"))
        .await
        .unwrap();
    assert_eq!(text_of(&h, "h1").await, "This survey has closed");
    h.screenshot("closed-en").await;
    let _ = h.browser.clone().close().await;
}
