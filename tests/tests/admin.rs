//! Administration in a real browser: the ward's administrator, at an office desk (1366 px),
//! invites a new member of staff; the newcomer, on a phone in a browser of their own, opens
//! the link from the mail the server wrote (no SMTP server here: the demo writes mail to
//! files), chooses a password and reaches the staff pages; the administrator then deactivates
//! them (asked first), and the newcomer's open page sends them to sign in. With JavaScript on
//! and off.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::time::Duration;
use yoriai_core::demo::DEMO_ADMIN_EMAIL;
use yoriai_e2e::steps::{
    click, harness, link_in_mail, mail, select, sign_in, text_of, type_into, value_of, wait_for,
};
use yoriai_e2e::{Browse, skip_or_fail};

async fn invite_join_deactivate(javascript: bool) {
    let Some(h) = harness(javascript).await else {
        return;
    };
    let shot = |name: &str| format!("admin-{}-{name}", if javascript { "js" } else { "nojs" });
    h.desktop().await.unwrap();
    sign_in(&h, DEMO_ADMIN_EMAIL, "/admin/people").await;
    wait_for(&h, "table.people tr[data-person]").await;

    // Invite a member of staff.
    let email = "shinnin@example.jp";
    type_into(&h, "#email", email).await;
    type_into(&h, "#display_name", "新任 さくら").await;
    select(&h, "#kind", "staff").await;
    click(
        &h,
        "form[action^='/admin/people/invite'] button[type=submit]",
    )
    .await;
    wait_for(&h, "[data-state='invited']").await;
    h.full_screenshot(&shot("01-invited")).await;
    let shown = value_of(&h, "input.invitation-link").await;
    let (subject, _) = mail(&h, 1).await;
    assert_eq!(subject, "【Yoriai】アカウントへのご招待");
    let link = link_in_mail(&h, 1, "/join/").await;
    assert_eq!(link, shown);

    // The newcomer, on a phone of their own, joins.
    let newcomer = match h.person("newcomer", javascript).await {
        Ok(b) => b,
        Err(e) => {
            skip_or_fail(e);
            return;
        }
    };
    newcomer.browser.goto(&link).await.unwrap();
    wait_for(&newcomer, "[data-invitee='staff']").await;
    type_into(&newcomer, "#password", "short").await;
    click(&newcomer, "form[action^='/join/'] button[type=submit]").await;
    wait_for(&newcomer, "#password-error:not(:empty)").await;
    type_into(&newcomer, "#password", "桜の咲く頃に異動してきました").await;
    click(&newcomer, "form[action^='/join/'] button[type=submit]").await;
    // Welcomed on their account page, which leads on to their work.
    wait_for(&newcomer, "[data-state='saved'] a[href='/staff']").await;
    click(&newcomer, "[data-state='saved'] a[href='/staff']").await;
    wait_for(&newcomer, "a[href='/staff/surveys/new']").await;

    // The administrator sees them joined, and deactivates them (asked first).
    h.browser.goto(&h.url("/admin/people")).await.unwrap();
    let row = format!("//tr[td[normalize-space()='{email}']]//a");
    h.browser
        .find(Locator::XPath(&row))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&h, "#active").await;
    assert_eq!(text_of(&h, "[data-sessions]").await, "1");
    click(&h, "#active button[type=submit]").await;
    wait_for(&h, "[data-state='confirm']").await;
    h.full_screenshot(&shot("02-confirm")).await;
    click(&h, "#confirm button.danger").await;
    // (The answer comes back at the deactivation section.)
    wait_for(&h, "dl[data-state='deactivated']").await;
    h.screenshot(&shot("03-deactivated")).await;

    // The newcomer's next page asks them to sign in, and signing in says why it fails.
    newcomer.browser.refresh().await.unwrap();
    newcomer
        .client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url("/sign-in?next=/staff")).unwrap())
        .await
        .unwrap();
    type_into(&newcomer, "#email", email).await;
    type_into(&newcomer, "#password", "桜の咲く頃に異動してきました").await;
    click(&newcomer, "form[action='/sign-in'] button[type=submit]").await;
    wait_for(&newcomer, ".error-summary").await;
    let said = text_of(&newcomer, ".error-summary").await;
    assert!(said.contains("停止"), "{said}");
    newcomer.browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_invites_staff_who_join_and_are_deactivated_with_javascript() {
    invite_join_deactivate(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_invites_staff_who_join_and_are_deactivated_without_javascript() {
    invite_join_deactivate(false).await;
}
