//! The staff studio in a real browser with JavaScript on, at an office desk: the question
//! editor's phone preview follows what is typed (wording, a switched kind) before anything is
//! saved, and nothing is saved until "save". Prints how long a keystroke takes to reach the
//! preview (median and p95 of 40, in headless Chromium on this machine): a figure, not a
//! timed assertion. With JavaScript off the editor still posts and previews after saving
//! (`browser.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::time::{Duration, Instant};
use yoriai_e2e::Harness;
use yoriai_e2e::steps::{click, harness, path, select, sign_in, type_into, value_of, wait_for};

/// The preview's text.
async fn preview(h: &Harness) -> String {
    h.browser
        .find(Locator::Css(".phone-preview .phone"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits (at most 20 s: the first time, the WebAssembly may still be loading) for the preview
/// to show `text`. Keystrokes made before the island woke up changed nothing, so each try
/// tells the form once more that its wording changed, as the next keystroke would.
async fn preview_shows(h: &Harness, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if preview(h).await.contains(text) {
            return;
        }
        h.browser
            .execute(
                "document.querySelector('#f-label-ja')\
                 .dispatchEvent(new Event('input', { bubbles: true }));",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            Instant::now() < deadline,
            "the preview never showed {text}: {}",
            preview(h).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// From a keystroke in the question's wording to the preview showing it, in milliseconds,
/// `n` times (measured in the page: `performance.now()` around an `input` event and the
/// preview's next change).
async fn keystroke_to_preview(h: &Harness, n: usize) -> Vec<f64> {
    let script = r#"
        const [n, done] = arguments;
        const input = document.querySelector('#f-label-ja');
        const phone = document.querySelector('.phone-preview .phone');
        const times = [];
        const once = (i) => new Promise((resolve) => {
            const marker = '計測' + i;
            const observer = new MutationObserver(() => {
                if (phone.textContent.includes(marker)) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                }
            });
            observer.observe(phone, { subtree: true, childList: true, characterData: true });
            const start = performance.now();
            input.value = 'どのくらい使いますか' + marker;
            input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        (async () => {
            for (let i = 0; i < n; i++) times.push(await once(i));
            done(times);
        })();
    "#;
    let value = h
        .browser
        .execute_async(script, vec![serde_json::json!(n)])
        .await
        .unwrap();
    let mut times: Vec<f64> = value
        .as_array()
        .unwrap()
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_question_preview_follows_what_is_typed_before_saving() {
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();
    sign_in(&h, yoriai_e2e::STAFF_EMAIL, "/staff/surveys/new").await;
    type_into(&h, "#f-title", "センターの使い方").await;
    type_into(&h, "#f-slug", "studio-live").await;
    click(&h, "input[name='start'][value='blank']").await;
    click(&h, "form[action='/staff/surveys/new'] button[type=submit]").await;
    wait_for(&h, "li.builder-question a.button").await;
    click(&h, "li.builder-question a.button").await;
    wait_for(&h, ".editor-form #f-label-ja").await;
    let editor = path(&h).await;
    let saved = preview(&h).await;

    // Typed: the preview follows, word for word, before saving.
    let wording = "北方市民センターをどのくらい使いますか";
    let label = h.browser.find(Locator::Css("#f-label-ja")).await.unwrap();
    label.clear().await.unwrap();
    label.send_keys(wording).await.unwrap();
    preview_shows(&h, wording).await;
    h.screenshot("studio-01-typed").await;

    // Another kind: the preview shows its inputs at once.
    select(&h, "#f-kind", "yes_no").await;
    preview_shows(&h, "いいえ").await;
    h.screenshot("studio-02-kind").await;

    let times = keystroke_to_preview(&h, 40).await;
    assert_eq!(times.len(), 40);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    eprintln!(
        "keystroke → preview: median {:.1} ms, p95 {:.1} ms, max {:.1} ms (n = {})",
        at(0.5),
        at(0.95),
        at(1.0),
        times.len()
    );

    // Nothing was saved: the editor opened again shows the question as it was.
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".editor-form #f-label-ja").await;
    assert_eq!(preview(&h).await, saved);
    let kept = value_of(&h, "#f-label-ja").await;
    assert_ne!(kept, wording);
}
