//! A new ward's first run in a real browser, at an office desk (1280 px): `yoriai serve` on an
//! empty database prints a set-up link; the IT officer opens it, uploads a places file of two
//! wards, makes themselves the first administrator, finds both wards on the places page, and
//! invites a member of staff of the second ward, who joins from the mail on a phone. With
//! JavaScript on and off.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::time::{Duration, Instant};
use yoriai_e2e::steps::{click, link_in_mail, select, type_into, wait_for};
use yoriai_e2e::{Harness, skip_or_fail};

const TWO_WARDS: &str = "ward_code,ward_ja,ward_en,district_code,district_ja,district_en,district_reading,centre_ja,centre_en\n\
kitakyushu-kokuraminami,小倉南区,Kokura Minami Ward,kmn-kitagata,北方,Kitagata,きたがた,北方市民センター,Kitagata Community Centre\n\
kitakyushu-moji,門司区,Moji Ward,moji-oku,大久保,Okubo,おおくぼ,大久保市民センター,Okubo Community Centre\n";

/// Waits for the server to print its set-up link.
async fn setup_link(h: &Harness) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let printed = h.printed();
        if let Some(link) = printed
            .split_whitespace()
            .find(|w| w.starts_with(&h.url("/setup/")))
        {
            return link.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no set-up link printed: {printed}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn first_run(javascript: bool) {
    let h = match Harness::start_new_installation(javascript).await {
        Ok(h) => h,
        Err(e) => {
            skip_or_fail(e);
            return;
        }
    };
    let shot = |name: &str| format!("setup-{}-{name}", if javascript { "js" } else { "nojs" });
    h.desktop().await.unwrap();
    let link = setup_link(&h).await;
    h.browser.goto(&link).await.unwrap();
    wait_for(&h, "form[enctype='multipart/form-data']").await;
    let file = h.data_dir().join("two-wards.csv");
    std::fs::write(&file, TWO_WARDS).unwrap();
    type_into(&h, "#installation_name", "北九州市").await;
    h.browser
        .find(Locator::Css("#places"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    type_into(&h, "#email", "it-officer@example.jp").await;
    type_into(&h, "#display_name", "情報 担当").await;
    type_into(&h, "#password", "北九州市の初期設定2026").await;
    h.full_screenshot(&shot("01-form")).await;
    click(&h, "form[action^='/setup/'] button[type=submit]").await;
    wait_for(&h, "[data-state='done']").await;
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
    let phone = match h.another_browser("newcomer", javascript).await {
        Ok(b) => b,
        Err(e) => {
            skip_or_fail(e);
            return;
        }
    };
    phone.goto(&join).await.unwrap();
    phone
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css("[data-invitee='staff']"))
        .await
        .unwrap();
    let text = phone
        .find(Locator::Css("[data-invitee='staff']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("門司区"), "{text}");
    phone
        .find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys("門司港のレトロな駅舎が好きです")
        .await
        .unwrap();
    phone
        .find(Locator::Css("form[action^='/join/'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    phone
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css("[data-state='saved'] a[href='/staff']"))
        .await
        .unwrap();
    phone.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_installation_is_set_up_in_the_browser_with_javascript() {
    first_run(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_installation_is_set_up_in_the_browser_without_javascript() {
    first_run(false).await;
}
