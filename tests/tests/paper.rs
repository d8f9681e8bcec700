//! Paper, for real: staff print the flyer and a sheet of invitation cards to PDF in headless
//! Chromium, the QR codes on the paper are read back (poppler + ZBar) and must hold the right
//! addresses, scanning a card opens the survey with its code applied; and a returned sheet is
//! typed in from the keyboard alone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::collections::BTreeSet;
use yoriai_e2e::qr::qr_codes_in_pdf;
use yoriai_e2e::steps::{
    click, harness, mark_page, not_reloaded, path, print_to_pdf, sign_in, sign_out,
    staff_survey_id, text_of, type_into, value_of, wait_for,
};
use yoriai_e2e::{
    DEMO_CODE_SLUG, DEMO_OPERATOR_EMAIL, Harness, STAFF_EMAIL, SURVEY_PATH, skip_or_fail,
};

/// The QR codes of the page printed now, page by page.
async fn printed_qr_codes(h: &Harness, name: &str) -> Option<Vec<Vec<String>>> {
    let pdf = print_to_pdf(h).await;
    assert!(pdf.starts_with(b"%PDF"), "the print is a PDF");
    let dir = yoriai_e2e::repo_root().join("target/screenshots");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(format!("{name}.pdf")), &pdf);
    }
    match qr_codes_in_pdf(&pdf) {
        Ok(pages) => Some(pages),
        Err(e) => {
            skip_or_fail(e);
            None
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flyer_and_the_card_sheet_print_with_qr_codes_that_open_the_survey() {
    let Some(h) = harness(true).await else {
        return;
    };
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let id = staff_survey_id(&h, DEMO_CODE_SLUG).await;
    let survey_url = h.url(&format!("/s/{DEMO_CODE_SLUG}"));

    // The flyer: one A4 page whose one QR code opens the survey.
    h.browser
        .goto(&h.url(&format!("/staff/surveys/{id}/flyer?en")))
        .await
        .unwrap();
    wait_for(&h, ".flyer-qr svg").await;
    h.screenshot("print-flyer-phone").await;
    assert!(
        text_of(&h, ".flyer-url")
            .await
            .ends_with(&format!("/s/{DEMO_CODE_SLUG}")),
        "the address is printed under the QR code"
    );
    assert!(
        text_of(&h, ".flyer")
            .await
            .contains("Please answer our survey"),
        "English is added on request"
    );
    h.desktop().await.unwrap();
    let Some(pages) = printed_qr_codes(&h, "print-flyer").await else {
        return;
    };
    assert_eq!(
        pages,
        vec![vec![survey_url.clone()]],
        "one page, one QR code"
    );
    h.screenshot("print-flyer-desktop").await;

    // The same flyer as an SVG file (for a print shop): saved, opened, printed, scanned.
    let cookie = h
        .browser
        .get_all_cookies()
        .await
        .unwrap()
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = reqwest::Client::new()
        .get(h.url(&format!("/staff/surveys/{id}/flyer.svg?en")))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(svg.status(), 200);
    assert!(
        svg.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
    let svg = svg.text().await.unwrap();
    assert!(svg.contains("Please answer our survey"));
    let file = h.data_dir().join("flyer.svg");
    std::fs::write(&file, svg).unwrap();
    h.browser
        .goto(&format!("file://{}", file.display()))
        .await
        .unwrap();
    let Some(pages) = printed_qr_codes(&h, "print-flyer-svg").await else {
        return;
    };
    assert_eq!(
        pages,
        vec![vec![survey_url.clone()]],
        "the SVG prints on one page with the same QR code"
    );

    // Twenty codes make two full sheets of ten cards.
    h.browser
        .goto(&h.url(&format!("/staff/surveys/{id}/codes")))
        .await
        .unwrap();
    wait_for(&h, "#f-count").await;
    let count = h.browser.find(Locator::Css("#f-count")).await.unwrap();
    count.clear().await.unwrap();
    type_into(&h, "#f-count", "15").await;
    click(&h, "form[action$='/codes'] button[type=submit]").await;
    wait_for(&h, "table.codes tr:nth-child(20)").await;
    h.browser
        .goto(&h.url(&format!("/staff/surveys/{id}/cards")))
        .await
        .unwrap();
    wait_for(&h, ".invite-card").await;
    let mut on_screen = BTreeSet::new();
    for card in h
        .browser
        .find_all(Locator::Css(".invite-card"))
        .await
        .unwrap()
    {
        on_screen.insert(card.attr("data-code").await.unwrap().unwrap());
    }
    assert_eq!(on_screen.len(), 20, "every unused code gets a card");
    let Some(pages) = printed_qr_codes(&h, "print-cards").await else {
        return;
    };
    h.screenshot("print-cards-desktop").await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![10, 10],
        "ten cards to a sheet"
    );
    let scanned: BTreeSet<String> = pages.into_iter().flatten().collect();
    let expected: BTreeSet<String> = on_screen
        .iter()
        .map(|code| format!("{survey_url}?code={code}"))
        .collect();
    assert_eq!(
        scanned, expected,
        "each card's QR code carries its own code"
    );

    // Scanning a card on a phone opens the survey with the code filled in; starting works.
    let card = scanned.iter().next().unwrap().clone();
    let code = card.rsplit('=').next().unwrap().to_string();
    h.set_width(390).await.unwrap();
    h.browser.goto(&card).await.unwrap();
    wait_for(&h, "#f-code").await;
    let typed = value_of(&h, "#f-code").await;
    assert_eq!(
        typed,
        shared::invitation::display(&code),
        "as printed on the card"
    );
    assert!(text_of(&h, "#f-code-help").await.contains("カードのコード"));
    h.screenshot("print-card-scanned").await;
    click(&h, "form[action$='/start'] button[type=submit]").await;
    h.browser
        .wait()
        .for_url(&url::Url::parse(&format!("{survey_url}/p/1")).unwrap())
        .await
        .unwrap();
    assert_eq!(path(&h).await, format!("/s/{DEMO_CODE_SLUG}/p/1"));
}

/// WebDriver's Tab and Enter keys.
const TAB: &str = "\u{e004}";
const ENTER: &str = "\u{e007}";
const BACKSPACE: &str = "\u{e003}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paper_sheet_is_typed_in_from_the_keyboard_alone() {
    let Some(h) = harness(true).await else {
        return;
    };
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let slug = SURVEY_PATH.trim_start_matches("/s/");
    let id = staff_survey_id(&h, slug).await;
    let entry = format!("/staff/surveys/{id}/entry");
    h.desktop().await.unwrap();
    h.browser.goto(&h.url(&entry)).await.unwrap();
    wait_for(&h, "#e-sheet").await;
    // With JavaScript each sheet is saved without a page load: a mark set in the page stays.
    mark_page(&h.browser).await;
    // The sheet number has the focus; Tab goes from question to question; Enter saves.
    let focused = h.browser.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("e-sheet")
    );
    focused
        .send_keys(&format!("0007{TAB}4{TAB}1 3{ENTER}"))
        .await
        .unwrap();
    wait_for(&h, "[data-state='entry-0']").await;
    assert!(text_of(&h, "[data-state='entry-0']").await.contains("0007"));
    assert!(not_reloaded(&h.browser).await, "saved in place");
    assert!(
        h.browser
            .current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("?stored=0007"),
        "the address says what happened, as after a page load"
    );
    h.screenshot("paper-entry-saved").await;
    // Ready for the next sheet: empty form, focus on the sheet number again.
    let focused = h.browser.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("e-sheet")
    );
    assert_eq!(
        focused.prop("value").await.unwrap().as_deref(),
        Some(""),
        "the form is empty again"
    );
    // A wrong number is marked as it is typed, with the server's own sentence …
    focused.send_keys(&format!("0008{TAB}9")).await.unwrap();
    wait_for(
        &h,
        "tr.invalid[data-question='use_freq'] .field-error[data-live]",
    )
    .await;
    let said = text_of(&h, "tr[data-question='use_freq'] .field-error").await;
    assert!(!said.is_empty(), "the row says what is wrong");
    h.screenshot("paper-entry-checked").await;
    // … and the mark goes as soon as the cell is right, and comes back when it is wrong again.
    let cell = h.browser.active_element().await.unwrap();
    cell.send_keys(&format!("{BACKSPACE}2")).await.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h
        .browser
        .find(Locator::Css("tr.invalid[data-question='use_freq']"))
        .await
        .is_ok()
    {
        assert!(std::time::Instant::now() < deadline, "the mark stayed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    cell.send_keys(&format!("{BACKSPACE}9")).await.unwrap();
    wait_for(
        &h,
        "tr.invalid[data-question='use_freq'] .field-error[data-live]",
    )
    .await;
    // Saved anyway: the server refuses it the same way; what was typed stays.
    cell.send_keys(ENTER).await.unwrap();
    wait_for(
        &h,
        "tr.invalid[data-question='use_freq'] .field-error:not([data-live])",
    )
    .await;
    assert_eq!(
        text_of(&h, "tr[data-question='use_freq'] .field-error").await,
        said,
        "the same sentence as the server's"
    );
    // The focus is on the refused answer, still as typed.
    let focused = h.browser.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("e-use_freq")
    );
    assert_eq!(focused.prop("value").await.unwrap().as_deref(), Some("9"));
    assert!(not_reloaded(&h.browser).await, "refused in place");
    h.screenshot("paper-entry-refused").await;

    // Double entry: the first typing waits for a colleague; theirs differs on one question;
    // the difference is settled by looking at the paper, and the sheet is stored once.
    h.browser.goto(&h.url(&entry)).await.unwrap();
    click(&h, "form[action$='/entry-mode'] button").await;
    wait_for(&h, "[data-state='double-entry-true']").await;
    let sheet = h.browser.active_element().await.unwrap();
    sheet
        .send_keys(&format!("0010{TAB}1{ENTER}"))
        .await
        .unwrap();
    wait_for(&h, "[data-state='entry-1']").await;
    sign_out(&h).await;
    sign_in(&h, DEMO_OPERATOR_EMAIL, &entry).await;
    wait_for(&h, "li[data-sheet='0010']").await;
    let sheet = h.browser.active_element().await.unwrap();
    sheet
        .send_keys(&format!("0010{TAB}2{ENTER}"))
        .await
        .unwrap();
    wait_for(&h, "fieldset[data-question='use_freq'] input[value='2']").await;
    assert_eq!(path(&h).await, format!("{entry}/0010"));
    h.screenshot("paper-entry-differences").await;
    click(&h, "fieldset[data-question='use_freq'] input[value='2']").await;
    click(&h, "button[value='resolve']").await;
    wait_for(&h, "[data-state='entry-0']").await;
    assert!(text_of(&h, "[data-state='entry-0']").await.contains("0010"));

    // The stored sheets are among the answers, as paper, with who typed them.
    h.browser
        .goto(&h.url(&format!("/staff/surveys/{id}")))
        .await
        .unwrap();
    wait_for(&h, "ol.responses").await;
    let latest = text_of(&h, "ol.responses li:first-child .meta").await;
    assert!(latest.contains("紙"), "{latest}");
    assert!(latest.contains("入力: 門司 次郎"), "{latest}");
    let answers = text_of(&h, "ol.responses li:first-child dl").await;
    assert!(
        answers.contains("月に1〜3回"),
        "the settled answer: {answers}"
    );
}
