//! `/s/{slug}/thanks`: where a plain form post lands after the answers are stored.

use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// The thank-you page, pointing residents on to the local networks.
#[component]
pub fn ThanksPage() -> impl IntoView {
    let lang = use_lang();
    let slug = super::slug_param();
    let results = format!("/s/{slug}/results");
    view! {
        <Title text=t(lang, Msg::ThanksTitle)/>
        <section class="thanks">
            <h1>{t(lang, Msg::ThanksTitle)}</h1>
            <p>{t(lang, Msg::ThanksBody)}</p>
            <p>{t(lang, Msg::ThanksNetworks)}</p>
            <Suspense>
                {move || {
                    let slug = slug.clone();
                    Suspend::new(async move {
                    let groups = crate::api::network::get_suggested_groups(slug)
                        .await
                        .unwrap_or_default();
                    (!groups.is_empty()).then(|| view! {
                        <ul class="card-list suggested-groups">
                            {groups.iter().map(|g| crate::components::groups::group_card(lang, g)).collect_view()}
                        </ul>
                    })
                })}}
            </Suspense>
            <p>
                <a class="button secondary" href="/groups">
                    {crate::i18n::tre(lang, "地域のグループを探す", "Find a local group", "ちいきの グループを さがす")}
                </a>
            </p>
            <p>
                <a href=results>
                    {crate::i18n::tre(lang, "集計結果（公開されたら見られます）", "The results (once published)", "けっか（くやくしょが だしたら みられます）")}
                </a>
            </p>
            <p>
                <a href="/">{t(lang, Msg::BackHome)}</a>
            </p>
        </section>
    }
}
