//! Steps the browser tests share: find, click, type, wait, sign in, print.
//!
//! Each step panics with what it was looking for, so a failing journey says where it broke.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test steps fail by panicking"
)]

use crate::{Browse, Harness, STAFF_PASSWORD, skip_or_fail};
use fantoccini::{Client, Locator};
use std::time::Duration;

pub async fn harness(javascript: bool) -> Option<Harness> {
    match Harness::start(javascript).await {
        Ok(h) => Some(h),
        Err(e) => skip_or_fail(e),
    }
}

/// Waits (at most 15 s) for an element to appear.
pub async fn wait_for(h: &impl Browse, css: &str) {
    h.client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"));
}

pub async fn click(h: &impl Browse, css: &str) {
    h.client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

pub async fn type_into(h: &impl Browse, css: &str, text: &str) {
    h.client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .send_keys(text)
        .await
        .unwrap();
}

pub async fn select(h: &impl Browse, css: &str, value: &str) {
    h.client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .select_by_value(value)
        .await
        .unwrap();
}

pub async fn text_of(h: &impl Browse, css: &str) -> String {
    h.client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .text()
        .await
        .unwrap()
}

/// The current value of a form field (what is typed in it now).
pub async fn value_of(h: &impl Browse, css: &str) -> String {
    h.client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

pub async fn displayed(h: &impl Browse, css: &str) -> bool {
    h.client()
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .is_displayed()
        .await
        .unwrap()
}

/// Lets the browser save downloads into `dir` without asking, as a person's browser saves
/// into their downloads folder. The browser sends its own headers (it asks for gzip and
/// brotli), so a download cut short by the compression layer arrives short here too.
pub async fn allow_downloads(h: &impl Browse, dir: &std::path::Path) {
    h.client()
        .issue_cmd(crate::Cdp {
            cmd: "Browser.setDownloadBehavior",
            params: serde_json::json!({
                "behavior": "allow",
                "downloadPath": dir.display().to_string(),
            }),
        })
        .await
        .unwrap_or_else(|e| panic!("allowing downloads: {e}"));
}

pub async fn path(h: &impl Browse) -> String {
    h.client().current_url().await.unwrap().path().to_string()
}

/// Presses "next" and waits for the page at `to`.
pub async fn next(h: &impl Browse, to: &str) {
    click(h, "button[value='next']").await;
    h.client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url(to)).unwrap())
        .await
        .unwrap_or_else(|e| panic!("waiting for {to}: {e}"));
}

pub async fn sign_in(h: &impl Browse, email: &str, next: &str) {
    h.client()
        .goto(&h.url(&format!("/sign-in?next={next}")))
        .await
        .unwrap();
    type_into(h, "#email", email).await;
    type_into(h, "#password", STAFF_PASSWORD).await;
    click(h, "form[action='/sign-in'] button[type=submit]").await;
    h.client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url(next)).unwrap())
        .await
        .unwrap();
}

/// Presses "sign out" in the header and waits for the home page it leads to, so that the next
/// navigation cannot race the sign-out's own redirect.
pub async fn sign_out(h: &impl Browse) {
    click(h, "form[action='/sign-out'] button").await;
    h.client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url("/")).unwrap())
        .await
        .unwrap_or_else(|e| panic!("waiting for the home page after signing out: {e}"));
    // Signing out from the home page leaves the address as it was: wait for the page that
    // says so, or the next step may race the sign-out and still be signed in.
    wait_for(h, "p.account-line a[href='/sign-in']").await;
}

/// Prints the current page to PDF on A4, as Chromium's print dialog does with default margins.
pub async fn print_to_pdf(h: &impl Browse) -> Vec<u8> {
    use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
    let config = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .margins(PrintMargins {
            top: 1.0,
            bottom: 1.0,
            left: 1.0,
            right: 1.0,
        })
        .background(true)
        .build()
        .unwrap();
    h.client().print(config).await.unwrap()
}

/// The WCAG contrast ratio between the text colour of every element matching `css` and the
/// background it is drawn on (the first opaque background among it and its ancestors), the
/// lowest of them. Needs JavaScript on in the browser session. White text on a white page is
/// 1.0; WCAG AA asks 4.5 for body text, 3 for large text and controls.
pub async fn lowest_contrast(h: &impl Browse, css: &str) -> f64 {
    let script = r#"
        const luminance = (rgb) => {
            const [r, g, b] = rgb.map((v) => {
                v /= 255;
                return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const parse = (c) => {
            const m = c.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const p = m[1].split(',').map((x) => parseFloat(x));
            return { rgb: p.slice(0, 3), alpha: p.length > 3 ? p[3] : 1 };
        };
        const background = (el) => {
            for (let e = el; e; e = e.parentElement) {
                const c = parse(getComputedStyle(e).backgroundColor);
                if (c && c.alpha > 0.5) return c.rgb;
            }
            return [255, 255, 255];
        };
        let lowest = 99;
        for (const el of document.querySelectorAll(arguments[0])) {
            const fg = parse(getComputedStyle(el).color).rgb;
            const [a, b] = [luminance(fg), luminance(background(el))];
            lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
        }
        return lowest;
    "#;
    h.client()
        .execute(script, vec![serde_json::json!(css)])
        .await
        .unwrap_or_else(|e| panic!("measuring the contrast of {css}: {e}"))
        .as_f64()
        .unwrap_or_else(|| panic!("no contrast for {css}"))
}

/// Waits (at most 20 s) for the `n`th mail the server wrote (no SMTP server is set in these
/// tests) and returns its subject and text.
pub async fn mail(h: &Harness, n: usize) -> (String, String) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(raw) = h.mails().get(n - 1) {
            let message = mail_parser::MessageParser::default().parse(raw).unwrap();
            return (
                message.subject().unwrap_or_default().to_string(),
                message.body_text(0).unwrap_or_default().to_string(),
            );
        }
        assert!(
            std::time::Instant::now() < deadline,
            "mail #{n} was not written"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The link to `path…` on the server in the `n`th mail it wrote.
pub async fn link_in_mail(h: &Harness, n: usize, path: &str) -> String {
    let (_, body) = mail(h, n).await;
    body.lines()
        .map(str::trim)
        .find(|l| l.starts_with(&h.url(path)))
        .unwrap_or_else(|| panic!("no link to {path} in mail #{n}: {body}"))
        .to_string()
}

/// A places file of two wards, a district and a centre each: the Kokura Minami ward (imported
/// first: id 1) and the Moji ward (id 2).
pub const TWO_WARDS: &str = "ward_code,ward_ja,ward_en,district_code,district_ja,district_en,district_reading,centre_ja,centre_en\n\
kitakyushu-kokuraminami,小倉南区,Kokura Minami Ward,kmn-kitagata,北方,Kitagata,きたがた,北方市民センター,Kitagata Community Centre\n\
kitakyushu-moji,門司区,Moji Ward,moji-oku,大久保,Okubo,おおくぼ,大久保市民センター,Okubo Community Centre\n";

/// The first administrator of [`set_up_two_wards`].
pub const FIRST_ADMIN_EMAIL: &str = "it-officer@example.jp";
/// Their password (any characters count).
pub const FIRST_ADMIN_PASSWORD: &str = "北九州市の初期設定2026";

/// Waits for a new installation's server to print its set-up link.
pub async fn setup_link(h: &Harness) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let printed = h.printed();
        if let Some(link) = printed
            .split_whitespace()
            .find(|w| w.starts_with(&h.url("/setup/")))
        {
            return link.to_string();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no set-up link printed: {printed}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sets a new installation up from the printed link, as its IT officer would: the city's
/// name, [`TWO_WARDS`] uploaded, and themselves ([`FIRST_ADMIN_EMAIL`]) as the first
/// administrator, signed in. Takes a full screenshot `shot` of the filled form; returns the
/// set-up link (now used up).
pub async fn set_up_two_wards(h: &Harness, shot: &str) -> String {
    let link = setup_link(h).await;
    h.browser.goto(&link).await.unwrap();
    wait_for(h, "form[enctype='multipart/form-data']").await;
    let file = h.data_dir().join("two-wards.csv");
    std::fs::write(&file, TWO_WARDS).unwrap();
    type_into(h, "#installation_name", "北九州市").await;
    h.browser
        .find(Locator::Css("#places"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    type_into(h, "#email", FIRST_ADMIN_EMAIL).await;
    type_into(h, "#display_name", "情報 担当").await;
    type_into(h, "#password", FIRST_ADMIN_PASSWORD).await;
    h.full_screenshot(shot).await;
    click(h, "form[action^='/setup/'] button[type=submit]").await;
    wait_for(h, "[data-state='done']").await;
    link
}

/// Clicks the download link `css` in `b` (the harness's browser or another person's) and
/// waits (at most `within`) for the whole file in a new folder of the harness's own; its
/// path.
pub async fn download(
    h: &Harness,
    b: &impl Browse,
    css: &str,
    within: Duration,
) -> std::path::PathBuf {
    let dir = h.data_dir().join(format!(
        "downloads-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    allow_downloads(b, &dir).await;
    click(b, css).await;
    h.downloaded(&dir, within)
        .await
        .unwrap_or_else(|| panic!("the download from {css} did not finish"))
}

/// [`download`] of a JSON file (within 30 s), read.
pub async fn download_json(h: &Harness, b: &impl Browse, css: &str) -> serde_json::Value {
    let file = download(h, b, css, Duration::from_secs(30)).await;
    serde_json::from_slice(&std::fs::read(file).unwrap()).expect("whole JSON")
}

/// The id of a survey (by its address, `slug`) read off the staff list, where the signed-in
/// member of staff sees it.
pub async fn staff_survey_id(h: &impl Browse, slug: &str) -> String {
    h.client().goto(&h.url("/staff")).await.unwrap();
    let row = format!("tr[data-survey='{slug}'] a");
    wait_for(h, &row).await;
    let href = h
        .client()
        .find(Locator::Css(&row))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    href.trim_start_matches("/staff/surveys/")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// Marks the page in `b` once its in-place part (`InPlace`) is awake: a page load would lose
/// the mark ([`not_reloaded`]).
pub async fn mark_page(b: &Client) {
    if let Err(e) = b
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(".in-place[data-ready]"))
        .await
    {
        // What the page fetched, to tell a slow load from a broken one.
        let fetched = b
            .execute(
                "return performance.getEntriesByType('resource')\
                   .map(r => new URL(r.name).pathname + ' ' + Math.round(r.duration) + 'ms').join(', ');",
                vec![],
            )
            .await
            .unwrap_or_default();
        panic!("waiting for the in-place part: {e}; fetched: {fetched}");
    }
    b.execute("window.__notReloaded = true;", vec![])
        .await
        .unwrap();
}

/// Whether the page in `b` is still the one [`mark_page`] marked.
pub async fn not_reloaded(b: &Client) -> bool {
    b.execute("return window.__notReloaded === true;", vec![])
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false)
}

/// Waits (at most 15 s) until the browser's address has `part` in its query: the page a form
/// leads to, or a view shown in place.
pub async fn query_has(h: &impl Browse, part: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let url = h.client().current_url().await.unwrap();
        if url.query().unwrap_or_default().contains(part) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the address never had {part}: {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
