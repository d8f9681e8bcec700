//! Steps the browser tests share: find, click, type, wait, sign in, print.
//!
//! Each step panics with what it was looking for, so a failing journey says where it broke.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test steps fail by panicking"
)]

use crate::{Harness, STAFF_PASSWORD, skip_or_fail};
use fantoccini::Locator;
use std::time::Duration;

pub async fn harness(javascript: bool) -> Option<Harness> {
    match Harness::start(javascript).await {
        Ok(h) => Some(h),
        Err(e) => skip_or_fail(e),
    }
}

/// Waits (at most 15 s) for an element to appear.
pub async fn wait_for(h: &Harness, css: &str) {
    h.browser
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"));
}

pub async fn click(h: &Harness, css: &str) {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

pub async fn type_into(h: &Harness, css: &str, text: &str) {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .send_keys(text)
        .await
        .unwrap();
}

pub async fn select(h: &Harness, css: &str, value: &str) {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .select_by_value(value)
        .await
        .unwrap();
}

pub async fn text_of(h: &Harness, css: &str) -> String {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .text()
        .await
        .unwrap()
}

pub async fn displayed(h: &Harness, css: &str) -> bool {
    h.browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .is_displayed()
        .await
        .unwrap()
}

pub async fn path(h: &Harness) -> String {
    h.browser.current_url().await.unwrap().path().to_string()
}

/// Presses "next" and waits for the page at `to`.
pub async fn next(h: &Harness, to: &str) {
    click(h, "button[value='next']").await;
    h.browser
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url(to)).unwrap())
        .await
        .unwrap_or_else(|e| panic!("waiting for {to}: {e}"));
}

pub async fn sign_in(h: &Harness, email: &str, next: &str) {
    h.browser
        .goto(&h.url(&format!("/sign-in?next={next}")))
        .await
        .unwrap();
    type_into(h, "#email", email).await;
    type_into(h, "#password", STAFF_PASSWORD).await;
    click(h, "form[action='/sign-in'] button[type=submit]").await;
    h.browser
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url(next)).unwrap())
        .await
        .unwrap();
}

/// Presses "sign out" in the header and waits for the home page it leads to, so that the next
/// navigation cannot race the sign-out's own redirect.
pub async fn sign_out(h: &Harness) {
    click(h, "form[action='/sign-out'] button").await;
    h.browser
        .wait()
        .at_most(Duration::from_secs(15))
        .for_url(&url::Url::parse(&h.url("/")).unwrap())
        .await
        .unwrap_or_else(|e| panic!("waiting for the home page after signing out: {e}"));
}

/// Prints the current page to PDF on A4, as Chromium's print dialog does with default margins.
pub async fn print_to_pdf(h: &Harness) -> Vec<u8> {
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
    h.browser.print(config).await.unwrap()
}

/// The WCAG contrast ratio between the text colour of every element matching `css` and the
/// background it is drawn on (the first opaque background among it and its ancestors), the
/// lowest of them. Needs JavaScript on in the browser session. White text on a white page is
/// 1.0; WCAG AA asks 4.5 for body text, 3 for large text and controls.
pub async fn lowest_contrast(h: &Harness, css: &str) -> f64 {
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
    h.browser
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
