//! `/s/{slug}/thanks`: where a plain form post lands after the answers are stored.

use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// The thank-you page, pointing residents on to the local networks.
#[component]
pub fn ThanksPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, Msg::ThanksTitle)/>
        <section class="thanks">
            <h1>{t(lang, Msg::ThanksTitle)}</h1>
            <p>{t(lang, Msg::ThanksBody)}</p>
            <p>{t(lang, Msg::ThanksNetworks)}</p>
            <p>
                <a href=format!("/s/{}/results", super::slug_param())>
                    {crate::i18n::tr(lang, "集計結果（公開されたら見られます）", "The results (once published)")}
                </a>
            </p>
            <p>
                <a href="/">{t(lang, Msg::BackHome)}</a>
            </p>
        </section>
    }
}
