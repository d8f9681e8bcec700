//! The staff studio in a real browser with JavaScript on, at an office desk: the question
//! editor's phone preview follows what is typed (wording, a switched kind); what is typed saves
//! itself, and a conflict between two members of staff shows both versions and loses nothing;
//! a new question opens ready to type; questions are reordered by drag and drop and by the
//! keyboard, with undo and redo, the same as the plain forms do it; a condition's answers are
//! listed as soon as its question is chosen; a deleted question comes back. Prints how long a
//! keystroke takes to reach the preview, and a key press or a drop to reorder the outline
//! (median and p95, in headless Chromium on this machine): figures, not timed assertions.
//! With JavaScript off the editor still posts and previews after saving (`browser.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use std::time::{Duration, Instant};
use yoriai_e2e::steps::{
    click, displayed, harness, next, not_reloaded, path, select, sign_in, text_of, type_into,
    value_of, wait_for,
};
use yoriai_e2e::{Browse, Harness};

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
async fn the_question_preview_follows_what_is_typed_and_the_wording_saves_itself() {
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

    // Typed: the preview follows, word for word, before saving.
    let wording = "北方市民センターをどのくらい使いますか";
    let label = h.browser.find(Locator::Css("#f-label-ja")).await.unwrap();
    label.clear().await.unwrap();
    label.send_keys(wording).await.unwrap();
    preview_shows(&h, wording).await;
    h.screenshot("studio-01-typed").await;
    // A moment later it is saved, without pressing "save".
    wait_for(&h, "p.autosave[data-autosave='saved']").await;

    // Another kind: its own fields come at once, without saving (the options of a single
    // choice), the preview shows its inputs, and then it saves itself.
    h.browser
        .execute("window.__notReloaded = true;", vec![])
        .await
        .unwrap();
    select(&h, "#f-kind", "single_choice").await;
    wait_for(&h, "[data-kind-fields='single_choice'] #f-opt-0-ja").await;
    preview_shows(&h, "選択肢1").await;
    assert_eq!(value_of(&h, "#f-opt-0-ja").await, "選択肢1");
    wait_for(&h, "p.autosave[data-autosave='saved']").await;
    // An option typed, then multiple choice: the options typed stay, and that kind's own
    // fields (at most how many) come beside them.
    let first = h.browser.find(Locator::Css("#f-opt-0-ja")).await.unwrap();
    first.clear().await.unwrap();
    first.send_keys("毎週").await.unwrap();
    preview_shows(&h, "毎週").await;
    select(&h, "#f-kind", "multiple_choice").await;
    wait_for(&h, "[data-kind-fields='multiple_choice'] #f-max").await;
    assert_eq!(value_of(&h, "#f-opt-0-ja").await, "毎週");
    wait_for(&h, "p.autosave[data-autosave='saved']").await;
    assert!(not_reloaded(&h.browser).await, "switched in place");
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

    // The last wording measured saves itself too.
    wait_for(&h, "p.autosave[data-autosave='saved']").await;

    // The editor opened again: the wording, the switched kind and its option were saved.
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".editor-form #f-label-ja").await;
    assert_eq!(
        value_of(&h, "#f-label-ja").await,
        format!("どのくらい使いますか計測{}", times.len() - 1)
    );
    assert_eq!(value_of(&h, "#f-kind").await, "multiple_choice");
    assert_eq!(value_of(&h, "#f-opt-0-ja").await, "毎週");
    assert!(preview(&h).await.contains("毎週"));
}

/// The ids of the questions in the outline, in order (read without scripts, so it works with
/// JavaScript off too).
async fn outline_order(h: &impl Browse) -> Vec<String> {
    let mut ids = Vec::new();
    for e in h
        .client()
        .find_all(Locator::Css(".sortable [data-question]"))
        .await
        .unwrap()
    {
        ids.push(e.attr("data-question").await.unwrap().unwrap_or_default());
    }
    ids
}

/// The `id` of the element that has the focus.
async fn focused(h: &impl Browse) -> String {
    let e = h.client().active_element().await.unwrap();
    e.attr("id").await.unwrap().unwrap_or_default()
}

/// Waits until every move has been saved.
async fn moves_saved(h: &Harness) {
    wait_for(h, ".sortable[data-ready]:not([data-saving])").await;
}

/// Drags question `from` onto the lower half of question `onto` (the events a mouse drag
/// fires, with a real `DataTransfer`), and returns how long the outline took to reorder, in ms.
async fn drag(h: &Harness, from: &str, onto: &str) -> f64 {
    let script = r#"
        const [from, onto] = arguments;
        const root = document.querySelector('.sortable');
        const item = (q) => root.querySelector(`[data-question="${q}"]`);
        const dt = new DataTransfer();
        const a = item(from), b = item(onto);
        const y = b.getBoundingClientRect().bottom - 2;
        const fire = (el, type) => el.dispatchEvent(new DragEvent(type,
            { bubbles: true, cancelable: true, dataTransfer: dt, clientY: y }));
        const start = performance.now();
        fire(a, 'dragstart');
        fire(b, 'dragover');
        fire(b, 'drop');
        const took = performance.now() - start;
        fire(a, 'dragend');
        return took;
    "#;
    h.browser
        .execute(
            script,
            vec![serde_json::json!(from), serde_json::json!(onto)],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap()
}

/// The ids of the pages in the outline, in order.
async fn page_order(h: &impl Browse) -> Vec<String> {
    let mut ids = Vec::new();
    for e in h
        .client()
        .find_all(Locator::Css(".sortable [data-section]"))
        .await
        .unwrap()
    {
        ids.push(e.attr("data-section").await.unwrap().unwrap_or_default());
    }
    ids
}

/// Drags page `from` by its handle onto the lower half of page `onto`.
async fn drag_page(h: &Harness, from: &str, onto: &str) {
    let script = r#"
        const [from, onto] = arguments;
        const root = document.querySelector('.sortable');
        const page = (s) => root.querySelector(`[data-section="${s}"]`);
        const dt = new DataTransfer();
        const handle = page(from).querySelector('[data-page-handle]'), b = page(onto);
        const y = b.getBoundingClientRect().bottom - 2;
        const fire = (el, type) => el.dispatchEvent(new DragEvent(type,
            { bubbles: true, cancelable: true, dataTransfer: dt, clientY: y }));
        fire(handle, 'dragstart');
        fire(b, 'dragover');
        fire(b, 'drop');
        fire(handle, 'dragend');
    "#;
    h.browser
        .execute(
            script,
            vec![serde_json::json!(from), serde_json::json!(onto)],
        )
        .await
        .unwrap();
}

/// Presses ↑ or ↓ on a question's handle `n` times, alternating, and returns how long each
/// press took to reorder the outline, in ms, sorted.
async fn key_moves(h: &Harness, question: &str, n: usize) -> Vec<f64> {
    let script = r#"
        const [question, n] = arguments;
        const root = document.querySelector('.sortable');
        const times = [];
        for (let i = 0; i < n; i++) {
            const handle = root.querySelector(`[data-question="${question}"] .drag-handle`);
            const key = i % 2 == 0 ? 'ArrowDown' : 'ArrowUp';
            const before = handle.closest('li').previousElementSibling;
            const start = performance.now();
            handle.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
            if (handle.closest('li').previousElementSibling === before) throw new Error('not moved');
            times.push(performance.now() - start);
        }
        return times;
    "#;
    let value = h
        .browser
        .execute(
            script,
            vec![serde_json::json!(question), serde_json::json!(n)],
        )
        .await
        .unwrap();
    let mut times: Vec<f64> = serde_json::from_value(value).unwrap();
    times.sort_by(f64::total_cmp);
    times
}

/// Adds a question of `kind` from the palette in `within` and types its wording: the new
/// question (`made`) opens in its editor with the cursor in the wording.
async fn add_question(h: &impl Browse, within: &str, kind: &str, made: &str, wording: &str) {
    click(h, &format!("{within} details.palette summary")).await;
    click(
        h,
        &format!("{within} form.add-question button[value='{kind}']"),
    )
    .await;
    wait_for(h, &format!(".editor-form[action$='/q/{made}'] #f-label-ja")).await;
    wait_for(h, "p.saved[data-done='added']").await;
    assert_eq!(
        focused(h).await,
        "f-label-ja",
        "a new question opens ready to type"
    );
    type_into(h, "#f-label-ja", wording).await;
    click(h, ".editor-form button[type=submit]").await;
    wait_for(h, &format!(".editor-form[action$='/q/{made}']")).await;
    wait_for(h, "p.saved[data-done='saved']").await;
}

/// A blank survey with three questions (q1 as it comes, q2 a single choice, q3 a number),
/// made through the palettes; returns the builder's path.
async fn three_questions(h: &impl Browse, slug: &str) -> String {
    h.client().goto(&h.url("/staff/surveys/new")).await.unwrap();
    type_into(h, "#f-title", "並べ替えの試し").await;
    type_into(h, "#f-slug", slug).await;
    click(h, "input[name='start'][value='blank']").await;
    click(h, "form[action='/staff/surveys/new'] button[type=submit]").await;
    wait_for(h, "details.palette").await;
    let builder = path(h).await;
    add_question(h, "", "single_choice", "q2", "よく使う部屋はどこですか").await;
    add_question(h, ".studio-outline", "number", "q3", "月に何回来ますか").await;
    builder
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_are_reordered_by_drag_and_by_keyboard_undone_and_refused_when_invalid() {
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();
    sign_in(&h, yoriai_e2e::STAFF_EMAIL, "/staff").await;
    let builder = three_questions(&h, "studio-order").await;
    let editor = path(&h).await;
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;
    assert_eq!(outline_order(&h).await, ["q1", "q2", "q3"]);
    // The outline follows the wording as it is typed.
    type_into(&h, "#f-label-ja", "？").await;
    assert!(
        text_of(&h, ".studio-outline [data-question='q3'] .oq-label")
            .await
            .contains("月に何回来ますか？")
    );
    h.screenshot("studio-03-outline").await;

    // The keyboard: ↑ on q3's handle moves it above q2 at once, keeps the focus on the
    // handle, and is saved.
    let handle = ".studio-outline [data-question='q3'] .drag-handle";
    h.browser
        .find(Locator::Css(handle))
        .await
        .unwrap()
        .send_keys("\u{E013}")
        .await
        .unwrap();
    assert_eq!(outline_order(&h).await, ["q1", "q3", "q2"]);
    let on = h.browser.active_element().await.unwrap();
    assert_eq!(
        on.attr("class").await.unwrap().as_deref(),
        Some("drag-handle")
    );
    assert!(
        h.browser
            .find(Locator::Css("[data-question='q3'] .drag-handle:focus"))
            .await
            .is_ok(),
        "the focus stays on the moved question's handle"
    );
    moves_saved(&h).await;
    assert!(text_of(&h, ".sort-status").await.contains("保存しました"));
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;
    assert_eq!(outline_order(&h).await, ["q1", "q3", "q2"], "saved");

    // A drag: q1 dropped below q2.
    drag(&h, "q1", "q2").await;
    assert_eq!(outline_order(&h).await, ["q3", "q2", "q1"]);
    moves_saved(&h).await;
    h.screenshot("studio-04-dragged").await;
    // Undo, redo, undo: each shown at once and saved.
    click(&h, "button[data-sort='undo']").await;
    assert_eq!(outline_order(&h).await, ["q1", "q3", "q2"]);
    click(&h, "button[data-sort='redo']").await;
    assert_eq!(outline_order(&h).await, ["q3", "q2", "q1"]);
    click(&h, "button[data-sort='undo']").await;
    moves_saved(&h).await;
    h.browser.goto(&h.url(&builder)).await.unwrap();
    wait_for(&h, ".sortable[data-ready]").await;
    assert_eq!(
        outline_order(&h).await,
        ["q1", "q3", "q2"],
        "undone and saved"
    );

    // The figures: keyboard moves and drops, in the page, on the builder's own outline.
    let keys = key_moves(&h, "q3", 40).await;
    let mut drops = Vec::new();
    for i in 0..20 {
        let (from, onto) = if i % 2 == 0 {
            ("q1", "q3")
        } else {
            ("q3", "q1")
        };
        drops.push(drag(&h, from, onto).await);
    }
    drops.sort_by(f64::total_cmp);
    let at = |t: &[f64], p: f64| t[((t.len() - 1) as f64 * p).round() as usize];
    eprintln!(
        "key → outline reordered: median {:.2} ms, p95 {:.2} ms (n = {}); \
         drop → outline reordered: median {:.2} ms, p95 {:.2} ms (n = {})",
        at(&keys, 0.5),
        at(&keys, 0.95),
        keys.len(),
        at(&drops, 0.5),
        at(&drops, 0.95),
        drops.len()
    );
    moves_saved(&h).await;
    let shown = outline_order(&h).await;
    h.browser.goto(&h.url(&builder)).await.unwrap();
    wait_for(&h, ".sortable[data-ready]").await;
    assert_eq!(outline_order(&h).await, shown, "every move saved, in order");
    assert_eq!(shown, ["q1", "q3", "q2"]);

    // A move the server refuses goes back, with the reason: q3, shown only when q1 is
    // answered, cannot go above q1.
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, "#f-if-question").await;
    select(&h, "#f-if-question", "q1").await;
    click(&h, "input[name='if.op'][value='answered']").await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "p.saved[data-done='saved']").await;
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;
    h.browser
        .find(Locator::Css(handle))
        .await
        .unwrap()
        .send_keys("\u{E013}")
        .await
        .unwrap();
    moves_saved(&h).await;
    assert_eq!(outline_order(&h).await, ["q1", "q3", "q2"], "moved back");
    let said = text_of(&h, ".sort-status").await;
    assert!(said.contains("移動できませんでした"), "{said}");
    assert!(
        said.contains("「月に何回来ますか」"),
        "the question by its wording: {said}"
    );
    h.screenshot("studio-05-refused").await;

    // Pages: a second page (with q4), and q3 moved onto it with ↓ on its handle.
    h.browser.goto(&h.url(&builder)).await.unwrap();
    click(
        &h,
        "form:has(input[name='action'][value='add_section']) button",
    )
    .await;
    wait_for(&h, "[data-section='s2'] [data-question='q4']").await;
    wait_for(&h, ".sortable[data-ready]").await;
    for _ in 0..2 {
        h.browser
            .find(Locator::Css("[data-question='q3'] .drag-handle"))
            .await
            .unwrap()
            .send_keys("\u{E015}")
            .await
            .unwrap();
    }
    assert_eq!(outline_order(&h).await, ["q1", "q2", "q3", "q4"]);
    assert_eq!(page_order(&h).await, ["s1", "s2"]);
    moves_saved(&h).await;
    // ↑ on page 2's handle would put q3 before q1, which its condition reads: refused, and
    // the page goes back, with the reason.
    let page_handle = |s: &str| format!("[data-section='{s}'] [data-page-handle]");
    h.browser
        .find(Locator::Css(&page_handle("s2")))
        .await
        .unwrap()
        .send_keys("\u{E013}")
        .await
        .unwrap();
    moves_saved(&h).await;
    assert_eq!(page_order(&h).await, ["s1", "s2"], "page moved back");
    let said = text_of(&h, ".sort-status").await;
    assert!(said.contains("移動できませんでした"), "{said}");
    // q3 back on page 1 (↑): now page 2 goes up, renumbered at once, and is saved.
    h.browser
        .find(Locator::Css("[data-question='q3'] .drag-handle"))
        .await
        .unwrap()
        .send_keys("\u{E013}")
        .await
        .unwrap();
    h.browser
        .find(Locator::Css(&page_handle("s2")))
        .await
        .unwrap()
        .send_keys("\u{E013}")
        .await
        .unwrap();
    assert_eq!(page_order(&h).await, ["s2", "s1"]);
    assert_eq!(
        text_of(&h, "[data-section='s2'] [data-page-number]").await,
        "1"
    );
    assert!(
        h.browser
            .find(Locator::Css("[data-section='s2'] [data-page-handle]:focus"))
            .await
            .is_ok(),
        "the focus stays on the moved page's handle"
    );
    moves_saved(&h).await;
    let said = text_of(&h, ".sort-status").await;
    assert!(said.contains("1ページ目に移動し、保存しました"), "{said}");
    h.browser.goto(&h.url(&builder)).await.unwrap();
    wait_for(&h, ".sortable[data-ready]").await;
    assert_eq!(page_order(&h).await, ["s2", "s1"], "saved");
    assert_eq!(outline_order(&h).await, ["q4", "q1", "q2", "q3"]);
    // Dragged by its handle below page 1 (now s1), undone and redone: each shown at once
    // and saved.
    drag_page(&h, "s2", "s1").await;
    assert_eq!(page_order(&h).await, ["s1", "s2"]);
    moves_saved(&h).await;
    h.screenshot("studio-13-pages-moved").await;
    click(&h, "button[data-sort='undo']").await;
    assert_eq!(page_order(&h).await, ["s2", "s1"]);
    click(&h, "button[data-sort='redo']").await;
    assert_eq!(page_order(&h).await, ["s1", "s2"]);
    moves_saved(&h).await;
    h.browser.goto(&h.url(&builder)).await.unwrap();
    wait_for(&h, ".sortable[data-ready]").await;
    assert_eq!(
        page_order(&h).await,
        ["s1", "s2"],
        "dropped, undone, redone, saved"
    );
    assert_eq!(outline_order(&h).await, ["q1", "q2", "q3", "q4"]);

    // The same move with the plain forms (JavaScript off) makes the same survey.
    let plain = h.person("plain", false).await.unwrap();
    plain.desktop().await.unwrap();
    sign_in(&plain, yoriai_e2e::STAFF_EMAIL, "/staff").await;
    let other = three_questions(&plain, "studio-order-plain").await;
    plain.client().goto(&plain.url(&other)).await.unwrap();
    click(
        &plain,
        "li[data-question='q3'] form:has(input[name='up'][value='1']) button",
    )
    .await;
    wait_for(&plain, "p.saved[data-done='saved']").await;
    assert_eq!(outline_order(&plain).await, ["q1", "q3", "q2"]);
    assert!(
        !displayed(&plain, ".drag-handle").await,
        "no handle that does nothing without JavaScript"
    );
    let _ = plain.client().clone().close().await;
    let _ = h.browser.clone().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_condition_is_chosen_from_lists_and_a_deleted_question_comes_back() {
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();
    sign_in(&h, yoriai_e2e::STAFF_EMAIL, "/staff").await;
    let builder = three_questions(&h, "studio-condition").await;
    // q3's editor is open. Untranslated texts are marked, in the outline and at the fields.
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;
    assert!(displayed(&h, ".studio-outline [data-question='q3'] .oq-missing").await);
    assert!(
        text_of(&h, ".lang-field.missing label[for='f-label-en']")
            .await
            .contains("未入力")
    );

    // Choosing the earlier question lists its answers at once, before saving; choosing
    // another lists that one's instead.
    select(&h, "#f-if-question", "q2").await;
    wait_for(&h, "#condition .if-values[data-for='q2']:not([hidden])").await;
    assert!(displayed(&h, "#condition .if-values[data-for='q2'] input[value='o1']").await);
    assert!(!displayed(&h, "#condition .if-values[data-for='q1']").await);
    h.screenshot("studio-06-condition-values").await;
    select(&h, "#f-if-question", "q1").await;
    wait_for(&h, "#condition .if-values[data-for='q1']:not([hidden])").await;
    assert!(!displayed(&h, "#condition .if-values[data-for='q2']").await);
    select(&h, "#f-if-question", "q2").await;
    click(&h, "#condition .if-values[data-for='q2'] input[value='o2']").await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "p.saved[data-done='saved']").await;
    // Saved as chosen: q2 is "o2", and nothing from q1's hidden list.
    assert_eq!(value_of(&h, "#f-if-question").await, "q2");
    let ticked = h
        .browser
        .find_all(Locator::Css("#condition input[name='if.value']:checked"))
        .await
        .unwrap();
    assert_eq!(ticked.len(), 1);
    assert_eq!(
        ticked[0].attr("value").await.unwrap().as_deref(),
        Some("o2")
    );
    assert!(text_of(&h, ".phone-preview").await.contains("選択肢2"));

    // Deleting q3 asks, then offers to put it back; it comes back with its condition.
    h.browser.goto(&h.url(&builder)).await.unwrap();
    click(
        &h,
        "li[data-question='q3'] form:has(input[value='delete_question']) button",
    )
    .await;
    wait_for(&h, "#confirm[data-confirm='delete_question']").await;
    click(&h, "#confirm form button").await;
    wait_for(&h, "p.saved[data-done='delete_question']").await;
    assert_eq!(outline_order(&h).await, ["q1", "q2"]);
    h.screenshot("studio-07-deleted").await;
    click(&h, "form:has(input[value='undo_delete']) button").await;
    wait_for(&h, "p.saved[data-done='undo_delete']").await;
    assert_eq!(outline_order(&h).await, ["q1", "q2", "q3"]);
    click(&h, "li[data-question='q3'] a.button").await;
    wait_for(&h, "#f-if-question").await;
    assert_eq!(value_of(&h, "#f-if-question").await, "q2");
    let _ = h.browser.clone().close().await;
}

/// Types `text` into the question's Japanese wording (replacing it) and waits for the
/// autosave to say `state` (`saved`, `conflict`, …).
async fn type_and_autosave(h: &impl Browse, text: &str, state: &str) {
    let label = h.client().find(Locator::Css("#f-label-ja")).await.unwrap();
    label.clear().await.unwrap();
    label.send_keys(text).await.unwrap();
    wait_for(h, &format!("p.autosave[data-autosave='{state}']")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_typed_saves_itself_and_a_conflict_between_two_staff_shows_both_and_loses_nothing()
{
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();
    sign_in(&h, yoriai_e2e::STAFF_EMAIL, "/staff").await;
    three_questions(&h, "studio-autosave").await;
    let editor = path(&h).await.replace("/q/q3", "/q/q2");
    // Both open q2: the first member of staff here, a colleague at another desk.
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".editor-form #f-label-ja").await;
    let colleague = h.person("colleague", true).await.unwrap();
    colleague.desktop().await.unwrap();
    sign_in(&colleague, yoriai_e2e::DEMO_OPERATOR_EMAIL, &editor).await;
    wait_for(&colleague, ".editor-form #f-label-ja").await;

    // Typing saves itself: after a reload the wording is there, without pressing "save".
    type_and_autosave(&h, "一番よく使う部屋", "saved").await;
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".editor-form #f-label-ja").await;
    assert_eq!(value_of(&h, "#f-label-ja").await, "一番よく使う部屋");

    // The colleague, still on the older version, types too: a conflict, shown beside the
    // form with the other wording; what the colleague typed stays in the field.
    type_and_autosave(&colleague, "よく借りる部屋", "conflict").await;
    let theirs = text_of(&colleague, ".autosave-conflict").await;
    assert!(theirs.contains("一番よく使う部屋"), "{theirs}");
    assert_eq!(value_of(&colleague, "#f-label-ja").await, "よく借りる部屋");
    colleague.screenshot("studio-08-conflict").await;
    // More typing saves nothing until the colleague decides.
    type_into(&colleague, "#f-label-en", "The room I book most").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".editor-form #f-label-ja").await;
    assert_eq!(value_of(&h, "#f-label-ja").await, "一番よく使う部屋");
    // "Save what I typed": saved over the other change, knowingly.
    click(&colleague, ".autosave-conflict button").await;
    wait_for(&colleague, "p.autosave[data-autosave='saved']").await;
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".editor-form #f-label-ja").await;
    assert_eq!(value_of(&h, "#f-label-ja").await, "よく借りる部屋");
    assert_eq!(value_of(&h, "#f-label-en").await, "The room I book most");

    // An autosave then the save button, by one person, is no conflict.
    type_and_autosave(&h, "よく借りる部屋はどこですか", "saved").await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "p.saved[data-done='saved']").await;
    assert!(
        h.browser.find(Locator::Css("#conflict")).await.is_err(),
        "no conflict with oneself"
    );
    assert_eq!(
        value_of(&h, "#f-label-ja").await,
        "よく借りる部屋はどこですか"
    );
    let _ = colleague.client().clone().close().await;
    let _ = h.browser.clone().close().await;
}

/// The whole studio with JavaScript on, at an office desk, from a blank survey to a resident's
/// answer: questions added from the palettes open ready to type, the wording and an English
/// translation save themselves, a condition is chosen from lists, questions are reordered by
/// drag and by keyboard and one move undone; published, the survey is answered by a resident
/// on a phone, whose follow-up question appears as its condition holds, and the answer is in
/// the results. (`browser.rs` makes the same kinds of edits with JavaScript off.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_built_from_blank_in_the_studio_is_answered_by_a_resident() {
    let Some(h) = harness(true).await else {
        return;
    };
    h.desktop().await.unwrap();
    sign_in(&h, yoriai_e2e::STAFF_EMAIL, "/staff").await;
    let builder = three_questions(&h, "studio-built").await;
    add_question(
        &h,
        ".studio-outline",
        "long_text",
        "q4",
        "ご意見をお聞かせください",
    )
    .await;

    // q4's English, typed beside the Japanese: it saves itself.
    let editor = path(&h).await;
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;
    assert!(
        text_of(&h, ".lang-field.missing label[for='f-label-en']")
            .await
            .contains("未入力")
    );
    type_into(&h, "#f-label-en", "Any comments?").await;
    wait_for(&h, "p.autosave[data-autosave='saved']").await;
    assert!(
        !displayed(&h, "label[for='f-label-en'] .missing-mark").await,
        "typed: no longer marked 未入力"
    );
    assert!(displayed(&h, "label[for='f-label-easy'] .missing-mark").await);
    // The phone preview in English, then back in Japanese.
    click(&h, "[data-preview-lang='en']").await;
    assert!(preview(&h).await.contains("Any comments?"));
    h.screenshot("studio-12-preview-english").await;
    click(&h, "[data-preview-lang='ja']").await;
    assert!(preview(&h).await.contains("ご意見をお聞かせください"));
    // Shown only to those who use the big room (q2 = o1), chosen from lists.
    select(&h, "#f-if-question", "q2").await;
    wait_for(&h, "#condition .if-values[data-for='q2']:not([hidden])").await;
    click(&h, "#condition .if-values[data-for='q2'] input[value='o1']").await;
    click(&h, ".editor-form button[type=submit]").await;
    wait_for(&h, "p.saved[data-done='saved']").await;
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;
    assert_eq!(value_of(&h, "#f-label-en").await, "Any comments?");
    assert!(
        h.browser
            .find(Locator::Css(".lang-field.missing label[for='f-label-en']"))
            .await
            .is_err(),
        "the English is no longer marked missing"
    );

    // q2's options reordered: the first one down with ↓ on its handle, then dragged back up;
    // each order is in the preview at once and saves itself (values stay with their rows).
    h.browser
        .goto(&h.url(&editor.replace("/q/q4", "/q/q2")))
        .await
        .unwrap();
    wait_for(&h, ".editor-layout[data-ready] .choices .drag-handle").await;
    let options = async || {
        let mut labels = Vec::new();
        for e in h
            .browser
            .find_all(Locator::Css(".choices tbody input[name='opt.ja']"))
            .await
            .unwrap()
        {
            let v = e.prop("value").await.unwrap().unwrap_or_default();
            if !v.is_empty() {
                labels.push(v);
            }
        }
        labels
    };
    let first = options().await;
    assert!(first.len() >= 2, "{first:?}");
    h.browser
        .execute(
            "document.querySelector('.choices tbody tr .drag-handle')\
             .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));",
            vec![],
        )
        .await
        .unwrap();
    let swapped = options().await;
    assert_eq!(swapped[0], first[1]);
    assert_eq!(swapped[1], first[0]);
    assert_eq!(
        h.browser
            .active_element()
            .await
            .unwrap()
            .attr("class")
            .await
            .unwrap()
            .as_deref(),
        Some("drag-handle"),
        "the focus stays on the handle"
    );
    wait_for(&h, "p.autosave[data-autosave='saved']").await;
    h.screenshot("studio-11-options-moved").await;
    let preview_text = preview(&h).await;
    assert!(
        preview_text.find(&first[1]) < preview_text.find(&first[0]),
        "{preview_text}"
    );
    h.browser.refresh().await.unwrap();
    wait_for(&h, ".editor-layout[data-ready] .choices .drag-handle").await;
    assert_eq!(options().await, swapped, "the order was saved");
    // Dragged back: the second row's handle onto the top half of the first row.
    h.browser
        .execute(
            r#"const rows = document.querySelectorAll('.choices tbody tr');
               const dt = new DataTransfer();
               const fire = (el, type, y) => el.dispatchEvent(new DragEvent(type,
                   { bubbles: true, cancelable: true, dataTransfer: dt, clientY: y }));
               const top = rows[0].getBoundingClientRect().top + 2;
               fire(rows[1].querySelector('.drag-handle'), 'dragstart', top);
               fire(rows[0], 'dragover', top);
               fire(rows[0], 'drop', top);
               fire(rows[1].querySelector('.drag-handle'), 'dragend', top);"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(options().await, first);
    wait_for(&h, "p.autosave[data-autosave='saved']").await;
    h.browser.refresh().await.unwrap();
    wait_for(&h, ".editor-layout[data-ready] .choices .drag-handle").await;
    assert_eq!(options().await, first, "dragged back, and saved");
    h.browser.goto(&h.url(&editor)).await.unwrap();
    wait_for(&h, ".studio-outline .sortable[data-ready]").await;

    // Reordered: q3 dragged below q1, then q2 up by keyboard, and that undone.
    assert_eq!(outline_order(&h).await, ["q1", "q2", "q3", "q4"]);
    drag(&h, "q3", "q1").await;
    assert_eq!(outline_order(&h).await, ["q1", "q3", "q2", "q4"]);
    moves_saved(&h).await;
    h.browser
        .execute(
            "document.querySelector('.sortable [data-question=\"q2\"] .drag-handle')\
             .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(outline_order(&h).await, ["q1", "q2", "q3", "q4"]);
    moves_saved(&h).await;
    click(&h, "[data-sort='undo']").await;
    assert_eq!(outline_order(&h).await, ["q1", "q3", "q2", "q4"]);
    moves_saved(&h).await;
    h.browser.goto(&h.url(&builder)).await.unwrap();
    wait_for(&h, ".sortable[data-ready]").await;
    assert_eq!(
        outline_order(&h).await,
        ["q1", "q3", "q2", "q4"],
        "as saved"
    );
    h.screenshot("studio-09-built").await;

    // Published (asked first).
    click(&h, ".status-actions button.primary").await;
    wait_for(&h, "#confirm[data-confirm='publish']").await;
    click(&h, "#confirm form button").await;
    wait_for(&h, "p.saved[data-done='publish']").await;

    // A resident answers on a phone: the comment question appears once q2 is o1.
    let resident = h.person("resident", true).await.unwrap();
    resident
        .browser
        .goto(&h.url("/s/studio-built"))
        .await
        .unwrap();
    click(&resident, "form[action$='/start'] button[type=submit]").await;
    wait_for(&resident, "input[name='q.q2']").await;
    let order: Vec<String> = {
        let mut ids = Vec::new();
        for e in resident
            .browser
            .find_all(Locator::Css("form.answers [id^='q-']"))
            .await
            .unwrap()
        {
            ids.push(e.attr("id").await.unwrap().unwrap_or_default());
        }
        ids
    };
    assert_eq!(order, ["q-q1", "q-q3", "q-q2", "q-q4"], "in the order made");
    assert!(!displayed(&resident, "#q-q4").await);
    click(&resident, "input[name='q.q2'][value='o1']").await;
    assert!(displayed(&resident, "#q-q4").await);
    click(&resident, "input[name='q.q1'][value='yes']").await;
    type_into(&resident, "input[name='q.q3']", "4").await;
    type_into(&resident, "[name='q.q4']", "土曜の夜も開けてほしい").await;
    resident.screenshot("studio-10-resident").await;
    next(&resident, "/s/studio-built/review").await;
    click(&resident, "form[action$='/submit'] button[type=submit]").await;
    wait_for(&resident, "section.thanks").await;

    // The answer is in the results.
    h.browser
        .goto(&h.url(&format!("{}/results", builder.trim_end_matches("/edit"))))
        .await
        .unwrap();
    wait_for(&h, "[data-total]").await;
    assert_eq!(text_of(&h, "[data-total]").await, "1");
    let _ = resident.browser.close().await;
    let _ = h.browser.clone().close().await;
}
