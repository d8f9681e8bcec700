//! `/s/{slug}/results`: the results the ward published for residents, with what it will do
//! about them. Small groups are hidden. No script, like every resident page.

use crate::api::analytics::get_public_results;
use crate::components::chart::count_text;
use crate::components::error_page::ErrorPage;
use crate::components::results::question_card;
use crate::i18n::{tre, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ApiError;

/// The published results page.
#[component]
pub fn PublicResultsPage() -> impl IntoView {
    let lang = use_lang();
    let slug = super::slug_param();
    view! {
        <Suspense>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_public_results(slug).await {
                        Ok(r) => {
                            let k = Some(r.min_cell);
                            let questions = r
                                .questions
                                .iter()
                                .map(|q| question_card(lang, 0, q, k, None))
                                .collect_view();
                            let summary = r.summary.get(lang).to_string();
                            view! {
                                <Title text=format!("{} {}", r.title.plain(lang), tre(lang, "集計結果", "results", "けっか"))/>
                                <div class="results-page public-results">
                                    <h1>{r.title.plain(lang)}</h1>
                                    <p class="lead">
                                        {tre(lang, "集計結果", "Results", "けっか")}" · "
                                        {tre(lang, "回答 ", "Responses: ", "こたえた ひと ")}{count_text(r.total, k)}
                                        {tre(lang, "件", "", "にん")}" · "
                                        {format_jst(r.published_at, lang)}{tre(lang, " 公開", " published", " に だしました")}
                                    </p>
                                    <section class="thanks">
                                        <h2>{tre(lang, "区の取り組み", "What the ward will do", "くやくしょが する こと")}</h2>
                                        <p class="summary-text">{summary}</p>
                                    </section>
                                    <p class="hint">
                                        {crate::components::chart::suppression_note(lang, r.min_cell)}
                                    </p>
                                    {questions}
                                </div>
                            }
                            .into_any()
                        }
                        Err(ApiError::NotFound) => {
                            crate::api::request::set_status(404);
                            view! {
                                <Title text=tre(lang, "集計結果", "Results", "けっか")/>
                                <section class="notice" data-error="NotFound">
                                    <h1>{tre(lang, "結果はまだ公開されていません", "No results published yet", "けっかは まだ でて いません")}</h1>
                                    <p>
                                        {tre(lang, "区が集計結果を公開すると、このページでご覧いただけます。", "When the ward publishes the results, they will appear on this page.", "くやくしょが けっかを だしたら、この ページで みられます。")}
                                    </p>
                                    <p><a href="/">{tre(lang, "トップへ戻る", "Back to the start", "はじめの ページへ")}</a></p>
                                </section>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
