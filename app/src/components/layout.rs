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
    // Islands mode: the frame is drawn on the server only, where the core is in context.
    #[cfg(feature = "ssr")]
    let demo = use_context::<yoriai_core::Core>().is_some_and(|c| c.installation.demo());
    #[cfg(not(feature = "ssr"))]
    let demo = false;
    let demo_note = demo.then(|| {
        view! {
            <p class="demo-banner" role="note" data-state="demo">
                {crate::i18n::tre(
                    lang,
                    "これはデモです。表示されている人・グループ・回答は架空のもので、ここに入力した内容はだれでも見られます。本当の情報は入力しないでください。",
                    "This is a demonstration. The people, groups and answers shown are made up, and anything typed here can be seen by anyone. Do not enter real information.",
                    "これは ためしの サイト です。でて いる 人・グループ・こたえは ほんとう では ありません。ここに かいた ことは だれでも みられます。ほんとうの ことは かかないで ください。",
                )}
            </p>
        }
    });
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
        {demo_note}
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t(lang, Msg::SiteTagline)}</p>
            <p>
                <a href="/groups">{crate::i18n::tre(lang, "地域のグループ", "Local groups", "ちいきの グループ")}</a>
                " · "
                <a href="/done">{crate::i18n::tre(lang, "区が対応したこと", "What the ward did", "くが たいおう した こと")}</a>
                " · "
                <a href="/staff">{t(lang, Msg::StaffHome)}</a>
                " · "
                <a href="/privacy">{crate::i18n::tre(lang, "個人情報の取り扱い", "Privacy", "こじん じょうほう")}</a>
            </p>
        </footer>
    }
}
