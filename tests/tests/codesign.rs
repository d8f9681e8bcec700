//! The co-design story in real browsers, three people at once: ward staff at a desk create a
//! draft from the template and invite a council member; the member (on a phone, JavaScript
//! off) comments on two questions and suggests a changed option list and a deletion; staff
//! accept one and reject the other with a reply; a second staff session edits the same
//! question and gets a conflict that keeps both versions; the member approves; staff publish;
//! the published questionnaire has the accepted change.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::{Client, Locator};
use std::time::Duration;
use yoriai_e2e::steps::{
    click, harness, lowest_contrast, mark_page, not_reloaded, path, sign_in, staff_survey_id,
    text_of, type_into, value_of, wait_for,
};
use yoriai_e2e::{DEMO_OPERATOR_EMAIL, Harness, STAFF_EMAIL, STAFF_PASSWORD, skip_or_fail};

/// Another person's browser on the same server.
struct Person<'a> {
    h: &'a Harness,
    b: Client,
}

impl Person<'_> {
    async fn goto(&self, path: &str) {
        self.b.goto(&self.h.url(path)).await.unwrap();
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.b
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    async fn type_into(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.unwrap();
    }

    async fn replace(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    async fn path(&self) -> String {
        self.b.current_url().await.unwrap().path().to_string()
    }

    async fn screenshot(&self, name: &str) {
        let dir = yoriai_e2e::repo_root().join("target/screenshots");
        if std::fs::create_dir_all(&dir).is_ok()
            && let Ok(png) = self.b.screenshot().await
        {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}

async fn person<'a>(h: &'a Harness, name: &str, javascript: bool) -> Option<Person<'a>> {
    match h.another_browser(name, javascript).await {
        Ok(b) => Some(Person { h, b }),
        Err(e) => {
            skip_or_fail(e);
            None
        }
    }
}

/// The id of the suggestion whose box mentions `text`, from its `id="s-N"`.
async fn suggestion_with(h: &Harness, text: &str) -> String {
    for e in h
        .browser
        .find_all(Locator::Css(".suggestion"))
        .await
        .unwrap()
    {
        if e.text().await.unwrap().contains(text) {
            return e.attr("id").await.unwrap().unwrap();
        }
    }
    panic!("no suggestion mentions {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_and_council_design_a_survey_together() {
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();

    // Staff create a draft from the template.
    sign_in(&h, STAFF_EMAIL, "/staff/surveys/new").await;
    type_into(
        &h,
        "#f-title",
        "市民センターについてのアンケート（協議会と作成）",
    )
    .await;
    type_into(&h, "#f-slug", "kyogikai-2026").await;
    click(&h, "form[action='/staff/surveys/new'] button[type=submit]").await;
    wait_for(&h, "li.codesign-links").await;
    let builder = path(&h).await;
    let id = builder
        .trim_start_matches("/staff/surveys/")
        .trim_end_matches("/edit")
        .to_string();

    // … and invite a council member of the first district.
    click(&h, "li.codesign-links a").await;
    wait_for(&h, "#members").await;
    assert_eq!(path(&h).await, format!("/review/{id}"));
    // The preview's language switch is readable on the white page (it once inherited the
    // header's white text: white on white), and so is the header's own.
    let preview = lowest_contrast(&h, ".preview-langs a").await;
    assert!(
        preview >= 4.5,
        "preview language tabs: contrast {preview:.2}"
    );
    let header = lowest_contrast(&h, ".site-header .lang-switch a").await;
    assert!(
        header >= 4.5,
        "header language switch: contrast {header:.2}"
    );
    type_into(&h, "#f-invite-email", "kaicho@example.jp").await;
    click(&h, ".invite-form button[type=submit]").await;
    wait_for(&h, ".invitation-url a").await;
    let link = h
        .browser
        .find(Locator::Css(".invitation-url a"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(link.contains("/invite/"), "{link}");
    h.screenshot("codesign-01-invitation").await;

    // The member opens the link on a phone without JavaScript, chooses a password, and lands
    // on the draft.
    let Some(member) = person(&h, "member", false).await else {
        return;
    };
    member.b.goto(&link).await.unwrap();
    member.type_into("#f-name", "南 協議会長").await;
    member.type_into("#f-password", "minami council 2026").await;
    member
        .click("form[action^='/invite/'] button[type=submit]")
        .await;
    member.find("#t-use_freq").await;
    assert_eq!(member.path().await, format!("/review/{id}"));
    // The link worked once.
    member.b.goto(&link).await.unwrap();
    assert!(member.text("main").await.contains("使用済み"));

    // Comments on two questions.
    member.goto(&format!("/review/{id}")).await;
    for (question, body) in [
        (
            "use_freq",
            "「ほぼ毎週」は高齢の方に分かりにくいかもしれません。",
        ),
        ("sunday", "日曜開館は子育て世帯の声をもっと聞きたいです。"),
    ] {
        member
            .type_into(
                &format!("#t-{question} > .review-notes > .comment-form textarea"),
                body,
            )
            .await;
        member
            .click(&format!(
                "#t-{question} > .review-notes > .comment-form button[type=submit]"
            ))
            .await;
        member.find(&format!("#t-{question} .thread")).await;
        assert!(
            member
                .text(&format!("#t-{question} .thread"))
                .await
                .contains(body)
        );
    }

    // A changed option list for "times": evenings first, and weekend evenings added.
    member.goto(&format!("/review/{id}/q/times/suggest")).await;
    member
        .replace(
            "#f-reword-options",
            "平日の夜\n平日の午前\n平日の午後\n土曜日\n日曜日・祝日\n土日の夜",
        )
        .await;
    member
        .type_into("#f-reword-note", "仕事帰りに使いたい人が多いので")
        .await;
    member
        .click(".suggest-option form:has(input[value='reword']) button")
        .await;
    member.find("p.saved").await;
    // And deleting the nickname question.
    member
        .goto(&format!("/review/{id}/q/nickname/suggest"))
        .await;
    member
        .click(".suggest-option form:has(input[value='delete']) button")
        .await;
    member.find("p.saved").await;
    member.screenshot("codesign-02-member-phone").await;

    // Staff see both suggestions as differences, accept one and reject the other with a reply.
    h.browser
        .goto(&h.url(&format!("/review/{id}")))
        .await
        .unwrap();
    wait_for(&h, ".suggestion").await;
    let times = suggestion_with(&h, "土日の夜").await;
    assert!(
        text_of(&h, &format!("#{times} ins"))
            .await
            .contains("土日の夜"),
        "the added option is marked as added"
    );
    h.screenshot("codesign-03-staff-suggestions").await;
    click(&h, &format!("#{times} button[value='accept']")).await;
    wait_for(&h, &format!("#{times}[data-state='accepted']")).await;
    let nickname = suggestion_with(&h, "この質問を削除").await;
    type_into(
        &h,
        &format!("#{nickname} textarea[name='reply']"),
        "前回の調査と比べるため、この質問は残します。",
    )
    .await;
    click(&h, &format!("#{nickname} button[value='reject']")).await;
    wait_for(&h, &format!("#{nickname}[data-state='rejected']")).await;

    // Two staff sessions edit the same question: the later save is refused and shows both.
    h.browser
        .goto(&h.url(&format!("/staff/surveys/{id}/q/use_freq")))
        .await
        .unwrap();
    wait_for(&h, "#f-label-ja").await;
    let Some(colleague) = person(&h, "colleague", true).await else {
        return;
    };
    colleague.goto("/sign-in?next=/staff").await;
    colleague.type_into("#email", DEMO_OPERATOR_EMAIL).await;
    colleague.type_into("#password", STAFF_PASSWORD).await;
    colleague
        .click("form[action='/sign-in'] button[type=submit]")
        .await;
    colleague.find("table.data").await;
    colleague
        .goto(&format!("/staff/surveys/{id}/q/use_freq"))
        .await;
    colleague
        .replace(
            "#f-label-ja",
            "市民センターをどのくらい利用しますか（同僚の案）",
        )
        .await;
    colleague
        .click("form.editor-form button[type=submit]")
        .await;
    colleague.find("p.saved").await;

    let field = h.browser.find(Locator::Css("#f-label-ja")).await.unwrap();
    field.clear().await.unwrap();
    field
        .send_keys("市民センターをどれくらい利用していますか")
        .await
        .unwrap();
    click(&h, "form.editor-form button[type=submit]").await;
    wait_for(&h, "section.conflict").await;
    let conflict = text_of(&h, "section.conflict").await;
    assert!(
        conflict.contains("同僚の案"),
        "the other version is shown: {conflict}"
    );
    let kept = value_of(&h, "#f-label-ja").await;
    assert_eq!(
        kept, "市民センターをどれくらい利用していますか",
        "what was typed is kept"
    );
    h.screenshot("codesign-04-conflict").await;
    // Saving again merges onto the current version.
    click(&h, "form.editor-form button[type=submit]").await;
    wait_for(&h, "p.saved").await;

    // Staff send the draft for review; the member approves.
    h.browser
        .goto(&h.url(&format!("/review/{id}")))
        .await
        .unwrap();
    click(&h, "form[action$='/state'] button").await;
    wait_for(&h, "form[action$='/state'] input[value='recall']").await;
    member.goto(&format!("/review/{id}")).await;
    // Decisions and the review request wait unread.
    member.find(".notifications-link .badge.unread").await;
    member.click("#approval form button").await;
    member.find("#approval li.approval").await;
    assert!(member.text("#approval").await.contains("南 協議会長"));
    // The member heard of both decisions.
    member.goto("/notifications").await;
    let told = member.text("ul.notifications").await;
    assert!(told.contains("採用") && told.contains("見送"), "{told}");

    // Staff publish; the published questionnaire has the accepted options.
    h.browser.goto(&h.url(&builder)).await.unwrap();
    // Publishing asks first: the confirmation says what it does, then publishes.
    click(&h, "form:has(input[value='publish']) button").await;
    wait_for(&h, "#confirm[data-confirm='publish']").await;
    assert!(text_of(&h, "#confirm").await.contains("回答用のバージョン"));
    click(&h, "#confirm form button").await;
    wait_for(&h, "p.saved[data-done='publish']").await;
    h.browser
        .goto(&h.url("/s/kyogikai-2026/paper"))
        .await
        .unwrap();
    wait_for(&h, "main").await;
    let paper = text_of(&h, "main").await;
    assert!(
        paper.contains("土日の夜"),
        "the accepted option is published"
    );
    assert!(
        paper.contains("どれくらい利用していますか"),
        "the merged wording is published"
    );
    // The history shows the published revision and the approval record.
    h.browser
        .goto(&h.url(&format!("/review/{id}/revisions")))
        .await
        .unwrap();
    wait_for(&h, "table.revisions").await;
    assert!(text_of(&h, "table.revisions").await.contains("公開版"));
    h.screenshot("codesign-05-history").await;
    // Comparing the first revision with the published one shows the changes word by word.
    h.browser
        .goto(&h.url(&format!("/review/{id}/revisions?a=1&b=4")))
        .await
        .unwrap();
    wait_for(&h, "section.comparison").await;
    assert!(
        text_of(&h, "li[data-question='times'] ins")
            .await
            .contains("土日の夜")
    );
    let mut removed = String::new();
    for e in h
        .browser
        .find_all(Locator::Css("li[data-question='use_freq'] del"))
        .await
        .unwrap()
    {
        removed.push_str(&e.text().await.unwrap());
        removed.push('|');
    }
    assert!(
        removed.contains("どのくらい"),
        "the replaced words are struck through: {removed}"
    );
    h.screenshot("codesign-06-compare").await;
    member.b.close().await.unwrap();
    colleague.b.close().await.unwrap();
}

/// Waits (at most 40 s: the page looks every 15 s) until `css` on `b`'s page mentions `text`.
async fn appears(b: &Client, css: &str, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    loop {
        let now = match b.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if now.contains(text) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{text} never appeared in {css}: {now}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// With JavaScript on, the co-design page works in place: a council member's comment is
/// posted without a page load, appears on the staff member's open page by itself, and the
/// staff reply posted in place appears on the member's; a half-typed reply is never swept away
/// by the refresh.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_post_in_place_and_appear_on_the_others_open_page() {
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let id = staff_survey_id(&h, yoriai_e2e::DEMO_DRAFT_SLUG).await;
    let review = format!("/review/{id}");
    h.browser.goto(&h.url(&review)).await.unwrap();
    mark_page(&h.browser).await;

    let Some(member) = person(&h, "member", true).await else {
        return;
    };
    member.goto(&format!("/sign-in?next={review}")).await;
    member
        .type_into("#email", yoriai_e2e::DEMO_COUNCIL_EMAIL)
        .await;
    member.type_into("#password", STAFF_PASSWORD).await;
    member
        .click("form[action='/sign-in'] button[type=submit]")
        .await;
    member.find("#t-survey").await;
    mark_page(&member.b).await;

    // The member comments on the whole survey: posted in place.
    let comment = "日曜の夜も開けてほしいという声が多いです";
    member
        .type_into("#t-survey > form.comment-form textarea", comment)
        .await;
    member
        .click("#t-survey > form.comment-form button[type=submit]")
        .await;
    appears(&member.b, "#t-survey", comment).await;
    assert!(
        not_reloaded(&member.b).await,
        "the comment was posted in place"
    );
    assert_eq!(
        member
            .b
            .find(Locator::Css("#t-survey > form.comment-form textarea"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some(""),
        "the form is empty for the next comment"
    );

    // It appears on the staff member's open page by itself.
    appears(&h.browser, "#t-survey", comment).await;
    assert!(not_reloaded(&h.browser).await, "it came without a reload");
    h.screenshot("codesign-05-comment-arrived").await;

    // Staff start a reply; the member comments again meanwhile. The refresh leaves the
    // half-typed reply alone.
    let last = "#t-survey .thread:last-of-type";
    assert!(text_of(&h, last).await.contains(comment));
    click(&h, &format!("{last} details.reply-box summary")).await;
    let thread = format!("{last} form.comment-form");
    type_into(&h, &format!("{thread} textarea"), "確認します。").await;
    let second = "土曜の午前も検討してください";
    member
        .type_into("#t-survey > form.comment-form textarea", second)
        .await;
    member
        .click("#t-survey > form.comment-form button[type=submit]")
        .await;
    appears(&member.b, "#t-survey", second).await;
    tokio::time::sleep(Duration::from_secs(17)).await;
    assert_eq!(
        value_of(&h, &format!("{thread} textarea")).await,
        "確認します。",
        "a reply being typed is kept"
    );
    // Sent, in place: the page now has both of the member's comments and the reply.
    type_into(&h, &format!("{thread} textarea"), "担当で検討します。").await;
    click(&h, &format!("{thread} button[type=submit]")).await;
    appears(&h.browser, "#t-survey", "担当で検討します").await;
    assert!(text_of(&h, "#t-survey").await.contains(second));
    assert!(not_reloaded(&h.browser).await);
    // … and the reply reaches the member.
    appears(&member.b, "#t-survey", "担当で検討します").await;
    assert!(not_reloaded(&member.b).await);
    member.screenshot("codesign-06-reply-arrived").await;
    let _ = member.b.close().await;
    let _ = h.browser.clone().close().await;
}
