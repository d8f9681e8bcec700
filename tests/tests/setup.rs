//! A new ward's first run in a real browser, at an office desk (1366 px): `yoriai serve` on an
//! empty database prints a set-up link; the IT officer opens it, uploads a places file of two
//! wards, makes themselves the first administrator, finds both wards on the places page, and
//! invites a member of staff of the second ward, who joins from the mail on a phone. With
//! JavaScript on and off on SQLite, and on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use yoriai_e2e::steps::{
    click, link_in_mail, select, set_up_two_wards, text_of, type_into, wait_for,
};
use yoriai_e2e::{Harness, skip_or_fail};

async fn first_run(kind: &str, javascript: bool) {
    let h = match Harness::start_new_installation_on(kind, javascript).await {
        Ok(h) => h,
        Err(e) => {
            skip_or_fail(e);
            return;
        }
    };
    let shot = |name: &str| {
        format!(
            "setup-{kind}-{}-{name}",
            if javascript { "js" } else { "nojs" }
        )
    };
    h.desktop().await.unwrap();
    let link = set_up_two_wards(&h, &shot("01-form")).await;
    h.screenshot(&shot("02-set-up")).await;

    // Both wards are there; the link is dead.
    h.browser.goto(&h.url("/admin/places")).await.unwrap();
    wait_for(&h, "section[data-ward='kitakyushu-moji']").await;
    wait_for(&h, "tr[data-district='kmn-kitagata']").await;
    h.browser.goto(&link).await.unwrap();
    wait_for(&h, "[data-error='LinkExpired']").await;

    // A member of staff of the second ward (the second ward imported: id 2).
    h.browser.goto(&h.url("/admin/people")).await.unwrap();
    type_into(&h, "#email", "moji-staff@example.jp").await;
    type_into(&h, "#display_name", "門司 花子").await;
    select(&h, "#kind", "staff").await;
    select(&h, "#ward", "2").await;
    click(
        &h,
        "form[action^='/admin/people/invite'] button[type=submit]",
    )
    .await;
    wait_for(&h, "[data-state='invited'] .invite-qr svg").await;
    h.screenshot(&shot("03-invited")).await;
    let join = link_in_mail(&h, 1, "/join/").await;
    let phone = match h.person("newcomer", javascript).await {
        Ok(b) => b,
        Err(e) => {
            skip_or_fail(e);
            return;
        }
    };
    phone.browser.goto(&join).await.unwrap();
    wait_for(&phone, "[data-invitee='staff']").await;
    let text = text_of(&phone, "[data-invitee='staff']").await;
    assert!(text.contains("門司区"), "{text}");
    type_into(&phone, "#password", "門司港のレトロな駅舎が好きです").await;
    click(&phone, "form[action^='/join/'] button[type=submit]").await;
    wait_for(&phone, "[data-state='saved'] a[href='/staff']").await;
    phone.browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_installation_is_set_up_in_the_browser_with_javascript() {
    first_run("sqlite", true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_installation_is_set_up_in_the_browser_without_javascript() {
    first_run("sqlite", false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_installation_on_postgresql_is_set_up_in_the_browser() {
    first_run("postgres", true).await;
}
