//! Downloads of the filtered responses and publishing results for residents (staff only).

use super::*;

/// Links to download the filtered responses (staff only).
pub(super) fn exports(lang: Lang, v: &ResultsView) -> AnyView {
    if v.min_cell.is_some() {
        return ().into_any();
    }
    let href = |format: &str| {
        let mut pairs = v.filter.to_pairs();
        pairs.push(("format", format.to_string()));
        pairs.push(("labels", lang.code().to_string()));
        address(&format!("/staff/surveys/{}/export", v.survey_id), &pairs)
    };
    view! {
        <section class="card exports">
            <h2>{tr(lang, "回答の書き出し", "Download the responses")}</h2>
            <p class="hint">
                {tr(
                    lang,
                    "絞り込みの条件に合う回答を書き出します。CSVは日本語版Excelでそのまま開けます。",
                    "Downloads the responses kept by the filter. The CSV opens directly in Japanese Excel.",
                )}
            </p>
            <p>
                <a class="button secondary" href=href("csv") download>"CSV"</a>" "
                <a class="button secondary" href=href("xlsx") download>"Excel (XLSX)"</a>" "
                <a class="button secondary" href=href("json") download>"JSON"</a>
            </p>
        </section>
    }
    .into_any()
}

/// Publishing results for residents, and the smallest group shown outside staff (staff only).
pub(super) fn publish_section(lang: Lang, v: &ResultsView) -> AnyView {
    let Some(k) = v.survey_min_cell else {
        return ().into_any();
    };
    let rejected = use_context::<RejectedForm>();
    let error = rejected.map(|r| {
        let text = match r.error {
            ApiError::Conflict => tr(
                lang,
                "下書きのアンケートの結果は公開できません。",
                "A draft's results cannot be published.",
            ),
            _ => tr(
                lang,
                "公開する質問を1つ以上選び、区の取り組みを書いてください（人数は1〜100）。",
                "Choose at least one question and write what the ward will do (the group size is 1–100).",
            ),
        };
        view! { <p class="error" role="alert">{text}</p> }
    });
    let published = v.publication.as_ref();
    let chosen = |id: &str| published.is_some_and(|p| p.questions.iter().any(|q| q == id));
    let boxes = v
        .questions
        .iter()
        .map(|q| {
            view! {
                <label class="check">
                    <input type="checkbox" name="q" value=q.id.clone() checked=chosen(&q.id)/>
                    {q.label.plain(lang)}
                </label>
            }
        })
        .collect_view();
    let status = published.map(|p| {
        let href = format!("/s/{}/results", v.slug);
        let text = href.clone();
        view! {
            <p class="notice">
                {tr(lang, "公開中：", "Published: ")}
                <a href=href>{text}</a>
                {format!(" ({})", crate::time::format_jst(p.published_at, lang))}
            </p>
        }
    });
    let summary_ja = published.map(|p| p.summary.ja.clone()).unwrap_or_default();
    let summary_en = published
        .and_then(|p| p.summary.en.clone())
        .unwrap_or_default();
    let withdraw = published.is_some().then(|| {
        view! {
            " "
            <button type="submit" name="action" value="withdraw" class="secondary">
                {tr(lang, "公開をやめる", "Take down")}
            </button>
        }
    });
    view! {
        <section class="card" id="publish">
            <h2>{tr(lang, "住民への公開", "Publish for residents")}</h2>
            {error}
            {status}
            <p class="hint">
                {match lang {
                    Lang::En => format!("Residents see the chosen questions at /s/{}/results, every group under {k} hidden.", v.slug),
                    _ => format!("選んだ質問の結果を /s/{}/results で住民に公開します。{k}人未満の集まりは伏せます。", v.slug),
                }}
            </p>
            <form method="post" action=format!("/staff/surveys/{}/results/publish", v.survey_id)>
                <fieldset>
                    <legend>{tr(lang, "公開する質問", "Questions to publish")}</legend>
                    <div class="checks column">{boxes}</div>
                </fieldset>
                <label>
                    {tr(lang, "区の取り組み（結果を受けて区が行うこと）", "What the ward will do")}
                    <textarea name="summary_ja" rows="4">{summary_ja}</textarea>
                </label>
                <label>
                    {tr(lang, "英語（任意）", "In English (optional)")}
                    <textarea name="summary_en" rows="3">{summary_en}</textarea>
                </label>
                <p>
                    <button type="submit" name="action" value="publish">
                        {tr(lang, "公開する", "Publish")}
                    </button>
                    {withdraw}
                </p>
            </form>
            <form method="post" action=format!("/staff/surveys/{}/results/min-cell", v.survey_id) class="row">
                <label>
                    {tr(lang, "この人数未満の集まりは伏せる（協議会・住民向け）", "Hide groups smaller than (council, residents)")}
                    <input type="number" name="k" min="1" max="100" value=k.to_string()/>
                </label>
                <p><button type="submit" class="secondary">{tr(lang, "保存", "Save")}</button></p>
            </form>
        </section>
    }
    .into_any()
}
