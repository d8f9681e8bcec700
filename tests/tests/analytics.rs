//! Results in a real browser, on a phone (390 × 844): staff with JavaScript off read the
//! overview and the charts of the closed demo survey (1,000 seeded responses), filter by
//! district and channel, make a cross-tab with its test, and find the export links carrying
//! the filter; with JavaScript on, at a desk, explore the same in place (bars filter, the
//! address follows, the back button works); read the free-text answers, search a word and code the matches into a theme;
//! publish two questions that residents then read signed out. A council member with JavaScript
//! on sees only their district, small groups hidden.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use fantoccini::Locator;
use yoriai_e2e::steps::{
    click, download, harness, mark_page, not_reloaded, query_has, select, sign_in, text_of,
    wait_for,
};
use yoriai_e2e::{Harness, STAFF_EMAIL};

const CLOSED: &str = yoriai_e2e::DEMO_CLOSED_SLUG;

async fn count_of(h: &Harness, css: &str) -> usize {
    h.browser.find_all(Locator::Css(css)).await.unwrap().len()
}

/// "1,000" → 1000.
fn number(text: &str) -> u64 {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text}"))
}

async fn results_path(h: &Harness) -> String {
    h.browser.goto(&h.url("/staff")).await.unwrap();
    wait_for(h, &format!("tr[data-survey='{CLOSED}'] a")).await;
    click(h, &format!("tr[data-survey='{CLOSED}'] a")).await;
    wait_for(h, "a[href$='/results']").await;
    h.browser
        .find(Locator::Css("a[href$='/results']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_filter_and_cross_tabulate_on_a_phone_without_javascript() {
    let Some(h) = harness(false).await else {
        return;
    };
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let results = results_path(&h).await;
    click(&h, "a[href$='/results']").await;
    wait_for(&h, "[data-total]").await;
    assert_eq!(number(&text_of(&h, "[data-total]").await), 1_000);
    // The overview and every question as an SVG chart with a text alternative.
    assert!(count_of(&h, "svg.chart[role='img'][aria-label]").await >= 20);
    let age = text_of(&h, "#q-age h3").await;
    assert_eq!(age, "年代を教えてください。");
    let label = h
        .browser
        .find(Locator::Css("#q-age svg.chart"))
        .await
        .unwrap()
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap();
    assert!(
        label.starts_with("年代を教えてください。: ") && label.contains("30代"),
        "{label}"
    );
    h.screenshot("results-01-phone").await;
    h.full_screenshot("results-01-phone-full").await;

    // Filter (folded away until used): the first district and the web channel.
    click(&h, "details.filter-box summary").await;
    let first = h
        .browser
        .find(Locator::Css("input[name='d']"))
        .await
        .unwrap();
    let district = first.attr("value").await.unwrap().unwrap();
    first.click().await.unwrap();
    select(&h, "select[name='ch']", "web").await;
    click(&h, "form.filters button[type=submit]").await;
    // The box was ticked before the page went: wait for the page the form leads to.
    query_has(&h, &format!("d={district}")).await;
    wait_for(&h, &format!("input[name='d'][value='{district}']:checked")).await;
    let url = h.browser.current_url().await.unwrap();
    assert!(
        url.query()
            .unwrap_or_default()
            .contains(&format!("d={district}")),
        "{url}"
    );
    let filtered = number(&text_of(&h, "[data-total]").await);
    assert!(filtered > 0 && filtered < 1_000, "{filtered}");
    // What cannot follow the filter says so (started and sent on the web: whole survey).
    let completion = text_of(&h, "p.completion").await;
    assert!(completion.contains("絞り込みに関係なく"), "{completion}");
    // A cross-tab of age × Sunday opening, with the filter kept.
    select(&h, "select[name='r']", "q:age").await;
    select(&h, "select[name='c']", "q:sunday").await;
    click(&h, ".crosstab button[type=submit]").await;
    wait_for(&h, "table.xtab").await;
    let test = text_of(&h, "p.test").await;
    assert!(
        test.starts_with("χ² = ") && test.contains("自由度 "),
        "{test}"
    );
    let total = number(&text_of(&h, "table.xtab tr:last-child td:last-child").await);
    assert!(total <= filtered && total > 0);
    // Every wide table's scrolling region can be reached and scrolled from the keyboard (axe's
    // scrollable-region-focusable): it takes focus and has a name.
    let regions = count_of(&h, ".table-scroll").await;
    assert!(regions >= 2, "the cross-tab and the matrices: {regions}");
    assert_eq!(
        count_of(&h, ".table-scroll[tabindex='0'][role='region'][aria-label]").await,
        regions
    );
    assert!(
        h.browser
            .current_url()
            .await
            .unwrap()
            .query()
            .unwrap_or_default()
            .contains("ch=web")
    );
    h.full_screenshot("results-02-crosstab").await;

    // The export links carry the filter.
    let csv = h
        .browser
        .find(Locator::Css(".exports a[href*='format=csv']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(
        csv.contains(&format!("d={district}")) && csv.contains("ch=web"),
        "{csv}"
    );
    assert!(results.ends_with("/results"));

    // Free text: search a two-character word, code every match into a new theme.
    h.browser.goto(&h.url(&results)).await.unwrap();
    wait_for(&h, "#q-comment a[href*='/texts/comment']").await;
    click(&h, "#q-comment a[href*='/texts/comment']").await;
    wait_for(&h, "[data-total-texts]").await;
    let all = number(&text_of(&h, "[data-total-texts]").await);
    h.browser
        .find(Locator::Css("form.search input[name='q']"))
        .await
        .unwrap()
        .send_keys("駐車")
        .await
        .unwrap();
    click(&h, "form.search button[type=submit]").await;
    // The new page keeps the search in its box.
    wait_for(&h, "form.search input[name='q'][value='駐車']").await;
    let parking = number(&text_of(&h, "[data-total-texts]").await);
    assert!(parking > 0 && parking < all, "{parking} of {all}");
    let bodies = h
        .browser
        .find_all(Locator::Css("li.text-answer .body"))
        .await
        .unwrap();
    for body in bodies {
        assert!(body.text().await.unwrap().contains("駐車"));
    }
    h.browser
        .find(Locator::Css("form.tag-all input[name='name']"))
        .await
        .unwrap()
        .send_keys("駐車場")
        .await
        .unwrap();
    click(&h, "form.tag-all button[value='1']").await;
    wait_for(&h, "li.text-answer form.chip").await;
    assert_eq!(
        count_of(&h, "li.text-answer form.chip").await,
        count_of(&h, "li.text-answer").await,
        "every listed answer carries the theme"
    );
    h.full_screenshot("results-04-texts").await;
    // The theme's count is on the results page.
    h.browser.goto(&h.url(&results)).await.unwrap();
    wait_for(&h, "#q-comment svg.chart").await;
    let theme = h
        .browser
        .find(Locator::Css("#q-comment svg.chart"))
        .await
        .unwrap()
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap();
    assert!(theme.contains(&format!("駐車場 {parking}")), "{theme}");

    // Publish two questions for residents, then read them signed out.
    click(&h, "#publish input[value='sunday']").await;
    click(&h, "#publish input[value='age']").await;
    h.browser
        .find(Locator::Css("#publish textarea[name='summary_ja']"))
        .await
        .unwrap()
        .send_keys("来年度から日曜日の開館を試行します。")
        .await
        .unwrap();
    click(&h, "#publish button[value='publish']").await;
    wait_for(&h, "#publish .notice a").await;
    let public = h
        .browser
        .find(Locator::Css("#publish .notice a"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    h.browser.delete_all_cookies().await.unwrap();
    h.browser.goto(&h.url(&public)).await.unwrap();
    wait_for(&h, ".public-results").await;
    let page = text_of(&h, ".public-results").await;
    assert!(
        page.contains("来年度から日曜日の開館を試行します。"),
        "{page}"
    );
    assert_eq!(count_of(&h, ".public-results section.result").await, 2);
    assert!(page.contains("5人未満"));
    h.full_screenshot("results-05-public").await;
    let _ = h.browser.clone().close().await;
}

/// How many views the results explorer has swapped in.
async fn views_shown(h: &Harness) -> u64 {
    let shown = h
        .browser
        .find(Locator::Css(".in-place"))
        .await
        .unwrap()
        .attr("data-shown")
        .await
        .unwrap()
        .unwrap_or_default();
    shown.parse().unwrap_or(0)
}

/// Waits (at most 15 s) until the explorer has swapped in its `n`th view.
async fn view_number(h: &Harness, n: u64) {
    wait_for(h, &format!(".in-place[data-shown='{n}']:not([aria-busy])")).await;
}

/// The results explorer with JavaScript on, at an office desk: a bar of a chart, a ticked
/// district and the cross-tab's lists change the page in place (no page load), the address
/// follows each view, the back button steps back through them, clicking the bar again lets its
/// filter go, and each view equals the page the server gives for its address. An expired
/// session ends in the sign-in page, not in a half-changed one. Prints how long a view takes
/// (median and p95): figures, not timed assertions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_explore_the_results_in_place_with_javascript() {
    let Some(h) = harness(true).await else { return };
    h.desktop().await.unwrap();
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let results = results_path(&h).await;
    h.browser.goto(&h.url(&results)).await.unwrap();
    mark_page(&h.browser).await;
    let everyone = number(&text_of(&h, "[data-total]").await);

    // A bar of the age chart: only the respondents who gave that answer.
    let bar = "#q-age a.chart-link";
    let href = h
        .browser
        .find(Locator::Css(bar))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(href.contains("a=age%3A"), "{href}");
    click(&h, &format!("{bar} text.chart-label")).await;
    view_number(&h, 1).await;
    assert!(
        not_reloaded(&h.browser).await,
        "the bar filtered without a page load"
    );
    let url = h.browser.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or_default().contains("a=age%3A"),
        "the address follows: {url}"
    );
    let by_age = number(&text_of(&h, "[data-total]").await);
    assert!(by_age > 0 && by_age < everyone, "{by_age} of {everyone}");
    assert_eq!(
        count_of(&h, "input[name='a'][value^='age:']:checked").await,
        1
    );
    h.full_screenshot("results-06-bar-filter").await;

    // The filter box opened to show the condition set; a district ticked there applies at
    // once (the box stays open).
    let filter_open = async || {
        h.browser
            .find(Locator::Css("details.filter-box"))
            .await
            .unwrap()
            .attr("open")
            .await
            .unwrap()
            .is_some()
    };
    assert!(filter_open().await, "the filter shows the bar's condition");
    let first = h
        .browser
        .find(Locator::Css("input[name='d']"))
        .await
        .unwrap();
    let district = first.attr("value").await.unwrap().unwrap();
    first.click().await.unwrap();
    view_number(&h, 2).await;
    assert!(not_reloaded(&h.browser).await);
    let narrower = number(&text_of(&h, "[data-total]").await);
    assert!(narrower <= by_age, "{narrower} of {by_age}");
    assert!(filter_open().await);
    assert!(
        h.browser
            .current_url()
            .await
            .unwrap()
            .query()
            .unwrap_or_default()
            .contains(&format!("d={district}"))
    );

    // The cross-tab: choosing rows and then columns draws the table in place.
    let before_crosstab = h.browser.current_url().await.unwrap();
    let shown = views_shown(&h).await;
    select(&h, "select[name='r']", "q:age").await;
    // The rows apply at once (with the first columns listed), then the columns.
    view_number(&h, shown + 1).await;
    select(&h, "select[name='c']", "q:sunday").await;
    wait_for(&h, "table.xtab").await;
    query_has(&h, "c=q%3Asunday").await;
    wait_for(&h, ".in-place:not([aria-busy])").await;
    assert!(views_shown(&h).await > shown);
    assert!(not_reloaded(&h.browser).await);
    let crossed = h.browser.current_url().await.unwrap();
    h.full_screenshot("results-07-crosstab-in-place").await;

    // The view in place is the page the server gives for its address.
    let in_place = text_of(&h, "[data-in-place-body]").await;

    // Back, through each view the lists made, to the one before the cross-tab: in place.
    for _ in 0..3 {
        if h.browser.current_url().await.unwrap() == before_crosstab {
            break;
        }
        let before = views_shown(&h).await;
        h.browser.back().await.unwrap();
        view_number(&h, before + 1).await;
    }
    assert_eq!(h.browser.current_url().await.unwrap(), before_crosstab);
    assert_eq!(
        count_of(&h, "table.xtab").await,
        0,
        "back left the cross-tab"
    );
    assert!(not_reloaded(&h.browser).await, "back stayed in place");
    assert_eq!(number(&text_of(&h, "[data-total]").await), narrower);

    // The bar again: its filter goes (the district stays). Timed over several views.
    let mut times = Vec::new();
    for _ in 0..11 {
        let before = views_shown(&h).await;
        let ms = h
            .browser
            .execute_async(
                r#"const [css, done] = arguments;
                   const part = document.querySelector('.in-place');
                   const before = part.dataset.shown;
                   const start = performance.now();
                   const observer = new MutationObserver(() => {
                       if (part.dataset.shown !== before && !part.hasAttribute('aria-busy')) {
                           observer.disconnect();
                           done(performance.now() - start);
                       }
                   });
                   observer.observe(part, { attributes: true });
                   document.querySelector(css).dispatchEvent(
                       new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));"#,
                vec![serde_json::json!(format!("{bar} rect.chart-hit"))],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        times.push(ms);
        assert_eq!(views_shown(&h).await, before + 1);
    }
    // Eleven clicks on the bar whose filter was on: off at last.
    assert_eq!(
        count_of(&h, "input[name='a'][value^='age:']:checked").await,
        0
    );
    let again = number(&text_of(&h, "[data-total]").await);
    assert!(
        again > narrower,
        "{again} after letting the age go, {narrower} with it"
    );
    assert!(not_reloaded(&h.browser).await);
    times.sort_by(f64::total_cmp);
    println!(
        "results explorer, click → view swapped in: median {:.0} ms, p95 {:.0} ms (n = {})",
        times[times.len() / 2],
        times[(times.len() * 95 / 100).min(times.len() - 1)],
        times.len()
    );

    // The same address loaded as a page shows what was shown in place.
    h.browser.goto(crossed.as_str()).await.unwrap();
    wait_for(&h, ".in-place[data-ready]").await;
    assert_eq!(text_of(&h, "[data-in-place-body]").await, in_place);

    // An expired session: the click ends in the sign-in page, not in a half-changed one.
    h.browser.delete_all_cookies().await.unwrap();
    click(&h, &format!("{bar} text.chart-label")).await;
    wait_for(&h, "input[type='password']").await;
    let _ = h.browser.clone().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_council_member_sees_their_district_with_small_groups_hidden() {
    let Some(h) = harness(true).await else { return };
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let results = results_path(&h).await;
    let id = results
        .trim_start_matches("/staff/surveys/")
        .trim_end_matches("/results")
        .to_string();
    h.browser.goto(&h.url(&results)).await.unwrap();
    wait_for(&h, "[data-total]").await;
    let everyone = number(&text_of(&h, "[data-total]").await);
    h.browser.delete_all_cookies().await.unwrap();

    sign_in(&h, yoriai_e2e::DEMO_COUNCIL_EMAIL, "/review").await;
    h.browser
        .goto(&h.url(&format!("/review/{id}/results")))
        .await
        .unwrap();
    wait_for(&h, "[data-total]").await;
    let theirs = number(&text_of(&h, "[data-total]").await);
    assert!(theirs < everyone, "{theirs} of {everyone}");
    let notice = text_of(&h, ".results-page .notice").await;
    assert!(
        notice.contains("5人未満") && notice.contains("校区"),
        "{notice}"
    );
    // A count hidden only to protect a small one has its own mark, explained on the page
    // (a group of 80 once read "< 5").
    assert!(
        notice.contains("「—」は") && notice.contains("引き算"),
        "{notice}"
    );
    // No district filter for them, no exports, and hidden groups shown as "< 5".
    assert_eq!(count_of(&h, "input[type=checkbox][name='d']").await, 0);
    assert_eq!(count_of(&h, ".exports").await, 0);
    let page = text_of(&h, ".results-page").await;
    assert!(page.contains("< 5"), "small groups are hidden");
    h.full_screenshot("results-03-council").await;
    // The staff address is not theirs.
    h.browser
        .goto(&h.url(&format!("/staff/surveys/{id}/export?format=csv")))
        .await
        .unwrap();
    let body = text_of(&h, "body").await;
    assert!(!body.contains("回答番号"), "no export for council members");
    let _ = h.browser.clone().close().await;
}

/// Each export downloaded as a person's browser downloads it: Chromium's own request headers
/// (it asks for gzip and brotli, so the compression layer is on), saved to a folder, then
/// opened: the CSV in the Excel-ready shape, the XLSX by a spreadsheet reader, the JSON parsed,
/// each with every response of the closed demo survey.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_download_every_export_format_in_the_browser() {
    use calamine::Reader;
    let Some(h) = harness(true).await else { return };
    h.desktop().await.unwrap();
    sign_in(&h, STAFF_EMAIL, "/staff").await;
    let results = results_path(&h).await;
    h.browser.goto(&h.url(&results)).await.unwrap();
    wait_for(&h, "[data-total]").await;
    let total = number(&text_of(&h, "[data-total]").await) as usize;
    assert!(total >= 1_000, "{total}");
    for format in ["csv", "xlsx", "json"] {
        let link = format!(".exports a[href*='format={format}']");
        let file = download(&h, &h, &link, std::time::Duration::from_secs(60)).await;
        let bytes = std::fs::read(&file).unwrap();
        match format {
            "csv" => {
                assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
                let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
                assert_eq!(text.matches("\r\n").count(), total + 1, "every line");
                let mut reader = csv_reader(&text);
                assert_eq!(reader.records().filter(|r| r.is_ok()).count(), total);
            }
            "xlsx" => {
                let mut book: calamine::Xlsx<_> =
                    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
                let first = book.sheet_names()[0].clone();
                let sheet = book.worksheet_range(&first).unwrap();
                assert_eq!(sheet.height(), total + 1, "a header and every response");
            }
            _ => {
                let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(json["responses"].as_array().unwrap().len(), total);
            }
        }
    }
    let _ = h.browser.clone().close().await;
}

/// The lines of a CSV export, read the way a spreadsheet reads them (quoted fields may hold
/// commas and line breaks).
fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().from_reader(text.as_bytes())
}
