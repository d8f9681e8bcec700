//! Accounts in a real browser on a phone (390 × 844): a resident who forgot their password asks
//! for a link from the sign-in page, opens it from the mail the server wrote (no SMTP server
//! here: the demo writes mail to files), is refused a too-short password, chooses a good one
//! and is signed in; the link then says it is used up; the old password no longer works and
//! the new one does. With JavaScript on and off.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use std::time::Duration;
use yoriai_core::demo::{DEMO_RESIDENT_EMAIL, DEMO_STAFF_PASSWORD};
use yoriai_e2e::Harness;
use yoriai_e2e::steps::{
    click, download_json, harness, link_in_mail, mail, path, sign_out, text_of, type_into, wait_for,
};

async fn submit(h: &Harness, form: &str) {
    click(h, &format!("form[action^='{form}'] button[type=submit]")).await;
}

async fn forgotten_password(javascript: bool) {
    let Some(h) = harness(javascript).await else {
        return;
    };
    let shot = |name: &str| format!("accounts-{}-{name}", if javascript { "js" } else { "nojs" });
    h.browser.goto(&h.url("/sign-in")).await.unwrap();
    click(&h, "a[href='/forgot']").await;
    wait_for(&h, "form[action='/forgot']").await;
    type_into(&h, "#email", DEMO_RESIDENT_EMAIL).await;
    submit(&h, "/forgot").await;
    wait_for(&h, "[data-state='reset-sent']").await;
    h.screenshot(&shot("01-link-sent")).await;

    let (subject, _) = mail(&h, 1).await;
    assert_eq!(subject, "【Yoriai】パスワードの再設定");
    let link = link_in_mail(&h, 1, "/reset/").await;
    h.browser.goto(&link).await.unwrap();
    wait_for(&h, "form[action^='/reset/']").await;

    // Too short: refused, the link still works.
    type_into(&h, "#password", "short").await;
    submit(&h, "/reset/").await;
    wait_for(&h, "#password-error:not(:empty)").await;
    assert!(text_of(&h, "#password-error").await.contains("12"));
    h.screenshot(&shot("02-too-short")).await;
    let new_password = "新しいとても長いパスワード";
    type_into(&h, "#password", new_password).await;
    submit(&h, "/reset/").await;
    h.browser
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url("/")).unwrap())
        .await
        .unwrap();
    wait_for(&h, "form[action='/sign-out']").await;

    // The link is used up; the owner was told by mail.
    h.browser.goto(&link).await.unwrap();
    wait_for(&h, "[data-error='LinkExpired']").await;
    h.screenshot(&shot("03-link-used")).await;
    let (notice, _) = mail(&h, 2).await;
    assert_eq!(notice, "【Yoriai】パスワードが変更されました");

    // Signed out, the old password fails and the new one works.
    h.browser.goto(&h.url("/")).await.unwrap();
    sign_out(&h).await;
    h.browser.goto(&h.url("/sign-in")).await.unwrap();
    type_into(&h, "#email", DEMO_RESIDENT_EMAIL).await;
    type_into(&h, "#password", DEMO_STAFF_PASSWORD).await;
    submit(&h, "/sign-in").await;
    wait_for(&h, ".error-summary").await;
    assert_eq!(path(&h).await, "/sign-in");
    type_into(&h, "#password", new_password).await;
    submit(&h, "/sign-in").await;
    wait_for(&h, "form[action='/sign-out']").await;

    // Their account: this browser is listed, the name changes, their data downloads whole.
    click(&h, "a[href='/account']").await;
    wait_for(&h, "li.session[data-current='true']").await;
    h.full_screenshot(&shot("04-account")).await;
    h.browser
        .find(fantoccini::Locator::Css("#display_name"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    type_into(&h, "#display_name", "小倉 みなみ").await;
    submit(&h, "/account/name").await;
    wait_for(&h, "[data-state='saved']").await;
    let data = download_json(&h, &h, "a[href='/account/data.json']").await;
    assert_eq!(data["account"]["email"], DEMO_RESIDENT_EMAIL);
    assert_eq!(data["account"]["display_name"], "小倉 みなみ");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_resets_a_forgotten_password_from_the_mail_with_javascript() {
    forgotten_password(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_resets_a_forgotten_password_from_the_mail_without_javascript() {
    forgotten_password(false).await;
}
