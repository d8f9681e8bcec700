//! The main journeys in a real browser at 390×844: a resident answers the community-centre
//! survey screen by screen with JavaScript on (questions appear as they apply) and off (in
//! English), leaves and resumes, meets every response policy, and staff see the answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use yoriai_e2e::steps::{
    click, displayed, harness, next, path, select, sign_in, text_of, type_into, value_of, wait_for,
};
use yoriai_e2e::{
    DEMO_CODE_SLUG, DEMO_DEVICE_SLUG, DEMO_RESIDENT_EMAIL, DEMO_RESIDENT_SLUG, Harness,
    STAFF_EMAIL, SURVEY_PATH, demo_codes,
};

/// Signs in as the demo staff member; returns the demo survey's count and latest answers.
async fn staff_sees(h: &Harness, name: &str) -> (String, String) {
    h.browser.goto(&h.url("/staff")).await.unwrap();
    assert_eq!(
        path(h).await,
        "/sign-in",
        "signed-out staff are sent to sign in"
    );
    sign_in(h, STAFF_EMAIL, "/staff").await;
    wait_for(h, "table.data").await;
    let count = text_of(h, "tr[data-survey='shimin-center-2026'] .response-count").await;
    h.screenshot(&format!("{name}-staff-list")).await;
    click(h, "tr[data-survey='shimin-center-2026'] a").await;
    wait_for(h, "ol.responses").await;
    let answers = text_of(h, "ol.responses").await;
    h.screenshot(&format!("{name}-staff-responses")).await;
    (count, answers)
}

fn page(n: usize) -> String {
    format!("{SURVEY_PATH}/p/{n}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_answers_screen_by_screen_with_javascript_resumes_and_staff_see_it() {
    let Some(h) = harness(true).await else { return };
    h.browser.goto(&h.url(SURVEY_PATH)).await.unwrap();
    h.screenshot("js-on-start").await;
    click(&h, "form[action$='/start'] button[type=submit]").await;
    wait_for(&h, "input[name='q.use_freq']").await;
    assert_eq!(path(&h).await, page(1));
    assert_eq!(text_of(&h, ".progress span").await, "1 / 5 ページ");
    assert!(
        h.browser.find(Locator::Css("script[src]")).await.is_err(),
        "answering downloads no script"
    );
    // Follow-up questions appear only when they apply (style rules written by the server from
    // the same conditions it checks).
    assert!(!displayed(&h, "#q-not_use_reason").await);
    assert!(!displayed(&h, "#q-purposes").await);
    click(&h, "input[name='q.use_freq'][value='never']").await;
    assert!(displayed(&h, "#q-not_use_reason").await);
    assert!(!displayed(&h, "#q-purposes").await);
    click(&h, "input[name='q.use_freq'][value='weekly']").await;
    assert!(!displayed(&h, "#q-not_use_reason").await);
    assert!(displayed(&h, "#q-purposes").await);
    h.screenshot("js-on-section-1").await;
    // "Other" without its text: the server answers with the message, and keeps the picks.
    click(&h, "input[name='q.purposes'][value='other']").await;
    click(&h, "button[value='next']").await;
    wait_for(&h, ".error-summary").await;
    assert!(
        text_of(&h, ".error-summary")
            .await
            .contains("「その他」の内容を入力してください。")
    );
    assert!(
        displayed(&h, "#q-purposes").await,
        "the follow-up stays shown after the reload"
    );
    h.screenshot("js-on-errors").await;
    type_into(&h, "input[name='q.purposes.other']", "卓球").await;
    // The satisfaction matrix is optional: two rows of five answered is an answer, not an
    // error ("answer every row" once refused it).
    click(&h, "input[name='q.satisfaction.hours'][value='4']").await;
    click(&h, "input[name='q.satisfaction.clean'][value='5']").await;
    next(&h, &page(2)).await;

    click(&h, "input[name='q.sunday'][value='5']").await;
    assert!(displayed(&h, "#q-sunday_use").await);
    click(&h, "input[name='q.sunday_use'][value='kids']").await;
    next(&h, &page(3)).await;
    h.screenshot("js-on-section-3").await;
    // The smallest phones in use are 360 px wide: nothing may need sideways scrolling.
    h.set_width(360).await.unwrap();
    for screen in [page(1), page(3)] {
        h.browser.goto(&h.url(&screen)).await.unwrap();
        wait_for(&h, "form.answers").await;
        let width = h
            .browser
            .execute("return document.documentElement.scrollWidth;", vec![])
            .await
            .unwrap();
        assert!(
            width.as_u64().is_some_and(|w| w <= 360),
            "{screen}: {width}"
        );
    }
    h.screenshot("js-on-section-3-at-360").await;
    h.set_width(390).await.unwrap();

    // The phone is put away; later the link is opened again and the answers are still there.
    h.browser.goto(&h.url(SURVEY_PATH)).await.unwrap();
    assert!(text_of(&h, ".saved").await.contains("前回の回答"));
    h.screenshot("js-on-resume").await;
    click(&h, "form[action$='/start'] button[type=submit]").await;
    wait_for(&h, "select[name='q.priorities.parenting']").await;
    assert_eq!(path(&h).await, page(3));
    select(&h, "select[name='q.priorities.parenting']", "1").await;
    select(&h, "select[name='q.priorities.disaster']", "2").await;
    select(&h, "select[name='q.priorities.elderly']", "3").await;
    click(&h, "input[name='q.rating'][value='4']").await;
    next(&h, &page(4)).await;
    click(&h, "input[name='q.age'][value='30s']").await;
    // "How many children" follows the household's ticks (a multiple choice with "other"): it
    // appears only with children ticked, and goes again when they are unticked.
    assert!(!displayed(&h, "#q-children").await);
    click(&h, "input[name='q.household'][value='partner']").await;
    assert!(!displayed(&h, "#q-children").await);
    click(&h, "input[name='q.household'][value='partner']").await;
    click(&h, "input[name='q.household'][value='preschool']").await;
    assert!(displayed(&h, "#q-children").await);
    type_into(&h, "input[name='q.children']", "2").await;
    select(&h, "select[name='q.district']", "kmn-kitagata").await;
    next(&h, &page(5)).await;
    type_into(
        &h,
        "textarea[name='q.comment']",
        "日曜日の子育てサロンがあれば行きます",
    )
    .await;
    next(&h, &format!("{SURVEY_PATH}/review")).await;
    let review = text_of(&h, "article.survey-review").await;
    for shown in [
        "卓球",
        "1. 子育ての支援",
        "星4つ",
        "北方",
        "日曜日の子育てサロンがあれば行きます",
    ] {
        assert!(review.contains(shown), "review shows {shown}: {review}");
    }
    h.screenshot("js-on-review").await;
    click(&h, "form[action$='/submit'] button[type=submit]").await;
    wait_for(&h, "section.thanks").await;
    assert_eq!(path(&h).await, format!("{SURVEY_PATH}/thanks"));
    h.screenshot("js-on-thanks").await;
    // The review of answers already sent leads to the thank-you page, not to a second send.
    h.browser
        .goto(&h.url(&format!("{SURVEY_PATH}/review")))
        .await
        .unwrap();
    wait_for(&h, "section.thanks").await;

    let (count, answers) = staff_sees(&h, "js-on").await;
    assert_eq!(count, "1", "one response, however often it was sent");
    assert!(
        answers.contains("日曜日の子育てサロンがあれば行きます"),
        "{answers}"
    );
    assert!(answers.contains("子どもの居場所・遊び場"), "{answers}");
    let _ = h.browser.clone().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_answers_in_english_with_javascript_off() {
    let Some(h) = harness(false).await else {
        return;
    };
    h.browser
        .goto(&h.url(&format!("/lang/en?next={SURVEY_PATH}")))
        .await
        .unwrap();
    assert_eq!(
        text_of(&h, "h1").await,
        "Survey: the future of your community centre"
    );
    click(&h, "form[action$='/start'] button[type=submit]").await;
    wait_for(&h, "input[name='q.use_freq']").await;
    // Without scripts too, a follow-up appears when its answer is ticked, with a note saying
    // when it applies.
    assert!(!displayed(&h, "#q-not_use_reason").await);
    click(&h, "input[name='q.use_freq'][value='never']").await;
    assert!(displayed(&h, "#q-not_use_reason").await);
    assert!(!displayed(&h, "#q-purposes").await);
    assert!(
        text_of(&h, "#q-not_use_reason .condition")
            .await
            .contains("Only if you answered")
    );
    h.screenshot("js-off-en-section-1").await;
    click(&h, "button[value='next']").await;
    wait_for(&h, ".error-summary").await;
    assert!(
        text_of(&h, ".error-summary")
            .await
            .contains("This question needs an answer.")
    );
    let kept = h
        .browser
        .find(Locator::Css("input[name='q.use_freq'][value='never']"))
        .await
        .unwrap()
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("true"), "the earlier answer is kept");
    h.screenshot("js-off-en-errors").await;
    click(&h, "input[name='q.not_use_reason'][value='hours']").await;
    next(&h, &page(2)).await;
    click(&h, "input[name='q.sunday'][value='2']").await;
    next(&h, &page(3)).await;
    next(&h, &page(4)).await;
    click(&h, "input[name='q.age'][value='50s']").await;
    next(&h, &page(5)).await;
    type_into(&h, "textarea[name='q.comment']", "I work on weekdays").await;
    next(&h, &format!("{SURVEY_PATH}/review")).await;
    let review = text_of(&h, "article.survey-review").await;
    assert!(review.contains("Never"), "{review}");
    assert!(
        !review.contains("Courses and classes"),
        "hidden answers are not kept: {review}"
    );
    h.screenshot("js-off-en-review").await;
    click(&h, "form[action$='/submit'] button[type=submit]").await;
    wait_for(&h, "section.thanks").await;
    assert_eq!(text_of(&h, "h1").await, "Thank you for your answers");
    h.screenshot("js-off-en-thanks").await;
    let _ = h.browser.clone().close().await;
}

/// Answers the one-screen policy demo survey at `slug` (already on its start page).
async fn answer_trial(h: &Harness, slug: &str) {
    click(h, "form[action$='/start'] button[type=submit]").await;
    wait_for(h, "input[name='q.went']").await;
    click(h, "input[name='q.went'][value='yes']").await;
    click(h, "input[name='q.stars'][value='5']").await;
    next(h, &format!("/s/{slug}/review")).await;
    click(h, "form[action$='/submit'] button[type=submit]").await;
    wait_for(h, "section.thanks").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_policy_refuses_a_second_answer_kindly() {
    let Some(h) = harness(false).await else {
        return;
    };
    // One per device.
    h.browser
        .goto(&h.url(&format!("/s/{DEMO_DEVICE_SLUG}")))
        .await
        .unwrap();
    answer_trial(&h, DEMO_DEVICE_SLUG).await;
    h.browser
        .goto(&h.url(&format!("/s/{DEMO_DEVICE_SLUG}")))
        .await
        .unwrap();
    assert_eq!(
        text_of(&h, "[data-state='already-answered'] h2").await,
        "すでにご回答いただいています"
    );
    h.screenshot("policy-device-again").await;

    // One per invitation code: the link on a card fills in the code.
    let codes = demo_codes();
    h.browser
        .goto(&h.url(&format!("/s/{DEMO_CODE_SLUG}?code={}", codes[0])))
        .await
        .unwrap();
    h.screenshot("policy-code-start").await;
    click(&h, "form[action$='/start'] button[type=submit]").await;
    wait_for(&h, "input[name='q.use_freq']").await;
    for n in 1..=5 {
        match n {
            1 => {
                click(&h, "input[name='q.use_freq'][value='never']").await;
                click(&h, "input[name='q.not_use_reason'][value='nobody']").await;
            }
            2 => click(&h, "input[name='q.sunday'][value='3']").await,
            4 => click(&h, "input[name='q.age'][value='70s']").await,
            _ => {}
        }
        let to = if n == 5 {
            format!("/s/{DEMO_CODE_SLUG}/review")
        } else {
            format!("/s/{DEMO_CODE_SLUG}/p/{}", n + 1)
        };
        next(&h, &to).await;
    }
    click(&h, "form[action$='/submit'] button[type=submit]").await;
    wait_for(&h, "section.thanks").await;
    // The same code typed on another visit (the answer cookie is gone).
    h.browser.delete_all_cookies().await.unwrap();
    h.browser
        .goto(&h.url(&format!("/s/{DEMO_CODE_SLUG}")))
        .await
        .unwrap();
    type_into(&h, "#f-code", &codes[0].to_lowercase()).await;
    click(&h, "form[action$='/start'] button[type=submit]").await;
    // The page comes back with the code marked; waiting for the message's paragraph alone
    // could find the one on the page being left.
    wait_for(&h, "#f-code[aria-invalid='true']").await;
    assert_eq!(
        text_of(&h, "#f-code-error").await,
        "このコードはすでに回答に使われています。ご協力ありがとうございました。"
    );
    h.screenshot("policy-code-used").await;

    // One per signed-in resident.
    h.browser
        .goto(&h.url(&format!("/s/{DEMO_RESIDENT_SLUG}")))
        .await
        .unwrap();
    assert!(
        text_of(&h, "[data-state='sign-in']")
            .await
            .contains("ログインしてから回答します")
    );
    sign_in(&h, DEMO_RESIDENT_EMAIL, &format!("/s/{DEMO_RESIDENT_SLUG}")).await;
    answer_trial(&h, DEMO_RESIDENT_SLUG).await;
    h.browser
        .goto(&h.url(&format!("/s/{DEMO_RESIDENT_SLUG}")))
        .await
        .unwrap();
    assert_eq!(
        text_of(&h, "[data-state='already-answered'] h2").await,
        "すでにご回答いただいています"
    );
    h.screenshot("policy-resident-again").await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_build_a_survey_of_every_kind_and_a_resident_answers_it() {
    let Some(h) = harness(false).await else {
        return;
    };
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    click(&h, "a[href='/staff/surveys/new']").await;
    wait_for(&h, "#f-slug").await;
    type_into(&h, "#f-title", "日曜開館の試行アンケート").await;
    type_into(&h, "#f-slug", "sunday-pilot").await;
    click(&h, "input[name='start'][value='blank']").await;
    click(&h, "form[action='/staff/surveys/new'] button[type=submit]").await;
    wait_for(&h, "form.add-question").await;
    let edit_path = path(&h).await;
    assert!(edit_path.ends_with("/edit"), "{edit_path}");
    // One question of every kind, from the palettes (the builder's, then the studio's outline
    // beside each new question's editor, which opens at once).
    for (i, kind) in shared::edit::KIND_NAMES.iter().enumerate() {
        let within = if i == 0 { "" } else { ".studio-outline" };
        click(&h, &format!("{within} details.palette summary")).await;
        click(
            &h,
            &format!("{within} form.add-question button[value='{kind}']"),
        )
        .await;
        wait_for(&h, &format!(".editor-form[action$='/q/q{}']", i + 2)).await;
    }
    h.browser.goto(&h.url(&edit_path)).await.unwrap();
    wait_for(&h, "li.builder-question").await;
    let count = h
        .browser
        .find_all(Locator::Css("li.builder-question"))
        .await
        .unwrap()
        .len();
    assert_eq!(count, 1 + shared::edit::KIND_NAMES.len());
    h.screenshot("builder-outline").await;
    // Reword the star question (q8: the seventh added) and make it required.
    click(&h, "li[data-question='q8'] a.button").await;
    wait_for(&h, ".editor-form").await;
    let label = h.browser.find(Locator::Css("#f-label-ja")).await.unwrap();
    label.clear().await.unwrap();
    label
        .send_keys("{試行|しこう}の{日曜日|にちようび}はいかがでしたか")
        .await
        .unwrap();
    click(&h, ".editor-form input[name='required']").await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "p.saved").await;
    assert!(text_of(&h, ".phone-preview").await.contains("試行"));
    h.screenshot("builder-question-editor").await;
    // Following the editor's own hint: choose the earlier question for a condition and save
    // before its answers are listed. Refused, with everything typed kept and the reason next to
    // the condition; then the answer is ticked and the save goes through.
    let label = h.browser.find(Locator::Css("#f-label-ja")).await.unwrap();
    label.clear().await.unwrap();
    label.send_keys("日曜日に来ましたか").await.unwrap();
    type_into(&h, "#f-label-en", "Did you come on Sunday?").await;
    select(&h, "#f-if-question", "q1").await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "#condition-error").await;
    assert_eq!(value_of(&h, "#f-label-ja").await, "日曜日に来ましたか");
    assert_eq!(value_of(&h, "#f-label-en").await, "Did you come on Sunday?");
    assert!(
        text_of(&h, "#condition-error")
            .await
            .contains("回答を1つ以上選んで")
    );
    h.screenshot("builder-condition-incomplete").await;
    click(
        &h,
        "#condition .if-values:not([hidden]) input[name='if.value'][value='yes']",
    )
    .await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "p.saved").await;
    assert_eq!(value_of(&h, "#f-label-en").await, "Did you come on Sunday?");
    // Publish (it asks first), then answer as a resident.
    h.browser.goto(&h.url(&edit_path)).await.unwrap();
    click(&h, ".status-actions button.primary").await;
    wait_for(&h, "#confirm[data-confirm='publish']").await;
    h.screenshot("builder-confirm-publish").await;
    click(&h, "#confirm form button").await;
    wait_for(&h, "p.saved[data-done='publish']").await;
    assert!(text_of(&h, "ul.facts").await.contains("公開中の版: 1"));
    h.browser.delete_all_cookies().await.unwrap();
    h.browser.goto(&h.url("/s/sunday-pilot")).await.unwrap();
    click(&h, "form[action$='/start'] button[type=submit]").await;
    wait_for(&h, "input[name='q.q8']").await;
    h.screenshot("builder-made-survey").await;
    click(&h, "input[name='q.q1'][value='yes']").await;
    click(&h, "input[name='q.q5'][value='no']").await;
    click(&h, "input[name='q.q8'][value='4']").await;
    select(&h, "select[name='q.q4']", "o2").await;
    type_into(&h, "input[name='q.q9']", "3").await;
    next(&h, "/s/sunday-pilot/review").await;
    let review = text_of(&h, "article.survey-review").await;
    assert!(review.contains("星4つ"), "{review}");
    assert!(review.contains("選択肢2"), "{review}");
    click(&h, "form[action$='/submit'] button[type=submit]").await;
    wait_for(&h, "section.thanks").await;

    // Staff close and archive it: each asks first and then says what it did; the archived
    // survey leaves the list, waits on the archived list, and comes back.
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    h.browser.goto(&h.url(&edit_path)).await.unwrap();
    click(&h, ".status-actions form:has(input[value='close']) button").await;
    wait_for(&h, "#confirm[data-confirm='close']").await;
    click(&h, "#confirm form button").await;
    wait_for(&h, "p.saved[data-done='close']").await;
    click(
        &h,
        ".status-actions form:has(input[value='archive']) button",
    )
    .await;
    wait_for(&h, "#confirm[data-confirm='archive']").await;
    let question = text_of(&h, "#confirm").await;
    assert!(question.contains("回答と集計は消えません"), "{question}");
    h.screenshot("builder-confirm-archive").await;
    click(&h, "#confirm form button").await;
    wait_for(&h, "p.saved[data-done='archive']").await;
    assert!(text_of(&h, "p.saved").await.contains("アーカイブしました"));
    h.browser.goto(&h.url("/staff")).await.unwrap();
    wait_for(&h, "p.archive-link a").await;
    assert!(
        h.browser
            .find(Locator::Css("tr[data-survey='sunday-pilot']"))
            .await
            .is_err(),
        "off the list"
    );
    click(&h, "p.archive-link a").await;
    wait_for(&h, "tr[data-survey='sunday-pilot'] a.edit-link").await;
    click(&h, "tr[data-survey='sunday-pilot'] a.edit-link").await;
    wait_for(
        &h,
        ".status-actions form:has(input[value='restore']) button",
    )
    .await;
    click(
        &h,
        ".status-actions form:has(input[value='restore']) button",
    )
    .await;
    wait_for(&h, "p.saved[data-done='restore']").await;
    h.browser.goto(&h.url("/staff")).await.unwrap();
    wait_for(&h, "tr[data-survey='sunday-pilot']").await;
    let _ = h.browser.clone().close().await;
}
