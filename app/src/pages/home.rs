//! The home page: what the ward is asking residents right now.

use crate::api::survey::get_open_surveys;
use crate::components::error_page::ErrorPage;
use crate::components::rich::Rich;
use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// Lists the open surveys with a link to each.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, Msg::Home)/>
        <h1>{t(lang, Msg::OpenSurveys)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match get_open_surveys().await {
                    Ok(list) if list.is_empty() => {
                        view! { <p>{t(lang, Msg::NoOpenSurveys)}</p> }.into_any()
                    }
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list
                                .into_iter()
                                .map(|s| view! {
                                    <li class="card">
                                        <a class="card-link" href=format!("/s/{}", s.slug)>
                                            <Rich text=s.title.get(lang).to_string()/>
                                        </a>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <section class="home-networks">
            <h2>{crate::i18n::tr(lang, "地域のグループ", "Local groups")}</h2>
            <p>
                {crate::i18n::tr(
                    lang,
                    "お店、クラブ、サークル、NPOなど、校区で活動するグループに、自治会に入っていなくてもだれでも参加できます。",
                    "Shops, clubs, circles and NPOs in the districts: anyone can join, association member or not.",
                )}
            </p>
            <p><a class="button secondary" href="/groups">{crate::i18n::tr(lang, "グループを探す", "Find a group")}</a></p>
        </section>
    }
}
