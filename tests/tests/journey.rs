//! A new city's whole first month in one run, in real browsers with JavaScript on (issue #18's
//! journey): the IT officer sets up an empty installation from the printed link with two wards
//! from a places file, and invites a member of staff to each ward (the links read from the
//! mail the server wrote). The Kokura Minami member of staff joins at their desk and publishes
//! a survey. A resident, on a phone, signs up and confirms from the mail, forgets the password
//! and resets it, chooses a weekly digest, downloads their data and deletes the account. The
//! administrator deactivates the Kokura Minami member of staff, whose open page then asks them
//! to sign in; the Moji member of staff, who joins last, sees none of Kokura Minami's survey.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::time::Duration;
use yoriai_e2e::steps::{
    click, download_json, link_in_mail, mail, path, select, set_up_two_wards, sign_out, text_of,
    type_into, wait_for,
};
use yoriai_e2e::{Browse, Harness, Person, skip_or_fail};

const SURVEY_TITLE: &str = "北方市民センターの使い方アンケート";
const SURVEY_SLUG: &str = "kitagata-centre";
const RESIDENT: &str = "kitagata-resident@example.jp";

/// Waits (at most 15 s) until the browser is at `path` (with its query, if given).
async fn at(b: &impl Browse, path: &str) {
    b.client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&b.url(path)).unwrap())
        .await
        .unwrap_or_else(|e| panic!("waiting for {path}: {e}"));
}

async fn go(b: &impl Browse, path: &str) {
    b.client().goto(&b.url(path)).await.unwrap();
}

/// The administrator invites a member of staff of `ward` (1: Kokura Minami, 2: Moji).
async fn invite_staff(h: &Harness, email: &str, name: &str, ward: &str) {
    go(h, "/admin/people").await;
    type_into(h, "#email", email).await;
    type_into(h, "#display_name", name).await;
    select(h, "#kind", "staff").await;
    select(h, "#ward", ward).await;
    click(
        h,
        "form[action^='/admin/people/invite'] button[type=submit]",
    )
    .await;
    wait_for(h, "[data-state='invited'] .invite-qr svg").await;
}

/// Someone invited opens the link, chooses a password and goes on to their work.
async fn join(b: &Person, link: &str, password: &str) {
    b.browser.goto(link).await.unwrap();
    wait_for(b, "[data-invitee='staff']").await;
    type_into(b, "#password", password).await;
    click(b, "form[action^='/join/'] button[type=submit]").await;
    wait_for(b, "[data-state='saved'] a[href='/staff']").await;
    click(b, "[data-state='saved'] a[href='/staff']").await;
    wait_for(b, "a[href='/staff/surveys/new']").await;
}

/// Kokura Minami's member of staff makes a survey from a blank one and publishes it (asked
/// first); returns its staff page.
async fn publish_survey(staff: &Person) -> String {
    click(staff, "a[href='/staff/surveys/new']").await;
    wait_for(staff, "#f-slug").await;
    type_into(staff, "#f-title", SURVEY_TITLE).await;
    type_into(staff, "#f-slug", SURVEY_SLUG).await;
    click(staff, "input[name='start'][value='blank']").await;
    click(
        staff,
        "form[action='/staff/surveys/new'] button[type=submit]",
    )
    .await;
    wait_for(staff, "li.builder-question").await;
    let edit = path(staff).await;
    assert!(edit.ends_with("/edit"), "{edit}");
    click(staff, ".status-actions button.primary").await;
    wait_for(staff, "#confirm[data-confirm='publish']").await;
    click(staff, "#confirm form button").await;
    wait_for(staff, "p.saved[data-done='publish']").await;
    staff.screenshot("journey-03-published").await;
    edit.trim_end_matches("/edit").to_string()
}

/// The resident's month, on a phone: sign up, confirm, reset a forgotten password, choose a
/// weekly digest, download their data, delete the account. `mails` is how many the server
/// had written before.
async fn resident_month(h: &Harness, phone: &Person, mails: usize) {
    // The survey is open to them.
    go(phone, &format!("/s/{SURVEY_SLUG}")).await;
    wait_for(phone, "form[action$='/start'] button[type=submit]").await;
    assert!(text_of(phone, "main").await.contains(SURVEY_TITLE));

    go(phone, "/sign-up").await;
    wait_for(phone, "form[action='/sign-up']").await;
    type_into(phone, "#email", RESIDENT).await;
    type_into(phone, "#display_name", "北方 みどり").await;
    type_into(phone, "#password", "北方の桜並木が大好きです2026").await;
    select(phone, "#district", "1").await;
    click(phone, "form[action='/sign-up'] button[type=submit]").await;
    wait_for(phone, "[data-state='sign-up-sent']").await;
    let confirm = link_in_mail(h, mails + 1, "/sign-up/confirm/").await;
    phone.browser.goto(&confirm).await.unwrap();
    click(
        phone,
        "form[action^='/sign-up/confirm/'] button[type=submit]",
    )
    .await;
    at(phone, "/groups").await;
    phone.screenshot("journey-04-signed-up").await;

    // Forgotten: signed out, a link by mail, a new password, signed in again.
    sign_out(phone).await;
    go(phone, "/forgot").await;
    type_into(phone, "#email", RESIDENT).await;
    click(phone, "form[action='/forgot'] button[type=submit]").await;
    wait_for(phone, "[data-state='reset-sent']").await;
    let reset = link_in_mail(h, mails + 2, "/reset/").await;
    phone.browser.goto(&reset).await.unwrap();
    let password = "新しい北方のパスワード2026";
    type_into(phone, "#password", password).await;
    click(phone, "form[action^='/reset/'] button[type=submit]").await;
    at(phone, "/").await;
    wait_for(phone, "form[action='/sign-out']").await;
    let (changed, _) = mail(h, mails + 3).await;
    assert_eq!(changed, "【Yoriai】パスワードが変更されました");

    // Their account: a weekly digest, then their data, whole.
    go(phone, "/account").await;
    click(phone, "#digest input[value='weekly']").await;
    click(phone, "form[action^='/account/digest'] button[type=submit]").await;
    wait_for(phone, "[data-state='saved']").await;
    wait_for(phone, "#digest input[value='weekly']:checked").await;
    phone.screenshot("journey-05-digest").await;
    let data = download_json(h, phone, "a[href='/account/data.json']").await;
    assert_eq!(data["account"]["email"], RESIDENT);
    assert_eq!(data["account"]["digest_mail"], "weekly");

    // Deleted: asked for the password and an "I understand"; signed out; told by mail.
    click(phone, "#delete input[name='posts'][value='keep']").await;
    type_into(phone, "#delete_password", password).await;
    click(phone, "#delete input[name='confirmed']").await;
    phone.screenshot("journey-06-delete").await;
    click(phone, "form[action^='/account/delete'] button[type=submit]").await;
    wait_for(phone, "[data-state='account-deleted']").await;
    let (deleted, _) = mail(h, mails + 4).await;
    assert_eq!(deleted, "【Yoriai】アカウントを削除しました");
    go(phone, "/sign-in").await;
    type_into(phone, "#email", RESIDENT).await;
    type_into(phone, "#password", password).await;
    click(phone, "form[action='/sign-in'] button[type=submit]").await;
    wait_for(phone, ".error-summary").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_city_from_set_up_to_its_first_residents() {
    let h = match Harness::start_new_installation(true).await {
        Ok(h) => h,
        Err(e) => {
            skip_or_fail(e);
            return;
        }
    };
    let person = |name: &'static str| {
        let h = &h;
        async move {
            match h.person(name, true).await {
                Ok(p) => Some(p),
                Err(e) => {
                    skip_or_fail(e);
                    None
                }
            }
        }
    };
    h.desktop().await.unwrap();
    set_up_two_wards(&h, "journey-01-setup").await;

    // A member of staff for each ward.
    invite_staff(&h, "minami-staff@example.jp", "南 太郎", "1").await;
    invite_staff(&h, "moji-staff@example.jp", "門司 花子", "2").await;
    h.screenshot("journey-02-invited").await;
    let minami_link = link_in_mail(&h, 1, "/join/").await;
    let moji_link = link_in_mail(&h, 2, "/join/").await;

    let Some(minami) = person("minami-staff").await else {
        return;
    };
    minami.desktop().await.unwrap();
    join(&minami, &minami_link, "小倉南区役所の新しい担当者").await;
    let survey_page = publish_survey(&minami).await;

    let Some(phone) = person("resident").await else {
        return;
    };
    resident_month(&h, &phone, 2).await;

    // The administrator deactivates Kokura Minami's member of staff (asked first); their open
    // page asks them to sign in at the next step.
    go(&h, "/admin/people").await;
    h.browser
        .find(Locator::XPath(
            "//tr[td[normalize-space()='minami-staff@example.jp']]//a",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&h, "#active").await;
    click(&h, "#active button[type=submit]").await;
    wait_for(&h, "[data-state='confirm']").await;
    click(&h, "#confirm button.danger").await;
    wait_for(&h, "dl[data-state='deactivated']").await;
    h.screenshot("journey-07-deactivated").await;
    minami.browser.refresh().await.unwrap();
    wait_for(&minami, "form[action='/sign-in']").await;
    assert_eq!(path(&minami).await, "/sign-in");

    // Moji's member of staff sees none of Kokura Minami's survey: not listed, and its page
    // is not found.
    let Some(moji) = person("moji-staff").await else {
        return;
    };
    moji.desktop().await.unwrap();
    join(&moji, &moji_link, "門司港レトロの近くで働いています").await;
    let list = text_of(&moji, "main").await;
    assert!(!list.contains(SURVEY_TITLE), "{list}");
    go(&moji, &survey_page).await;
    wait_for(&moji, "[data-error='NotFound'] a[href='/staff']").await;
    moji.screenshot("journey-08-other-ward").await;
    go(&moji, &format!("{survey_page}/responses")).await;
    wait_for(&moji, "[data-error='NotFound']").await;
}
