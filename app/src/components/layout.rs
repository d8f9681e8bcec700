//! The frame of every page: header with the language switch, main area, footer.

use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::Lang;

/// Header, main content and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let here = location.pathname.get_untracked();
    view! {
        <a class="skip-link" href="#main">{t(lang, Msg::SkipToContent)}</a>
        <header class="site-header">
            <a class="site-name" href="/">{t(lang, Msg::SiteName)}</a>
            <nav class="lang-switch" aria-label=t(lang, Msg::Language)>
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        let href = format!("/lang/{}?next={}", l.code(), crate::components::url::encode_path(&here));
                        view! {
                            <a
                                href=href
                                hreflang=l.html_lang()
                                lang=l.html_lang()
                                aria-current=(l == lang).then_some("true")
                            >
                                {l.native_name()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t(lang, Msg::SiteTagline)}</p>
            <p>
                <a href="/groups">{crate::i18n::tre(lang, "地域のグループ", "Local groups", "ちいきの グループ")}</a>
                " · "
                <a href="/staff">{t(lang, Msg::StaffHome)}</a>
            </p>
        </footer>
    }
}
