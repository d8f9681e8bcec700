//! `/privacy`: the privacy notice an administrator wrote (or the default one), and how long
//! Yoriai keeps what it no longer needs. Linked from every page's footer.

use crate::api::admin::get_privacy;
use crate::components::error_page::ErrorPage;
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::Lang;

/// The privacy notice.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    let title = tre(
        lang,
        "個人情報の取り扱い",
        "Privacy",
        "こじん じょうほうの あつかい",
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match get_privacy().await {
                    Ok(p) => {
                        let text = if lang == Lang::En { p.notice_en } else { p.notice_ja };
                        let paragraphs = text
                            .split("\n\n")
                            .map(|para| view! { <p class="privacy-text">{para.to_string()}</p> })
                            .collect_view();
                        let r = p.retention;
                        let days = |n: i64| match lang {
                            Lang::En => format!("{n} days"),
                            _ => format!("{n}日"),
                        };
                        view! {
                            {p.installation_name.map(|n| view! { <p class="hint">{n}</p> })}
                            <div class="privacy" data-state="notice">{paragraphs}</div>
                            <h2>{tre(lang, "保存する期間", "How long things are kept", "ほぞん する きかん")}</h2>
                            <dl class="account-facts">
                                <dt>{tre(lang, "送信していない回答の下書き", "Answers saved but never sent", "おくって いない こたえ")}</dt>
                                <dd data-days="drafts">{days(r.draft_days)}</dd>
                                <dt>{tre(lang, "ログイン・登録の接続元アドレス", "Network addresses of sign-ins and sign-ups", "ログインの ときの アドレス")}</dt>
                                <dd data-days="addresses">{days(r.address_days)}</dd>
                                <dt>{tre(lang, "送ったメールの記録", "The log of mail sent", "おくった メールの きろく")}</dt>
                                <dd data-days="mail">{days(r.mail_days)}</dd>
                            </dl>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
