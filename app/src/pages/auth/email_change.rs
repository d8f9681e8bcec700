//! `/account/email/{token}`: the page the mail to a new address links to. It names the new
//! address and has one button (a `POST`: mail scanners that open links must not change
//! anything); the server's `/account/email/{token}` handler makes the change and tells the
//! old address.

use crate::api::account::check_email_change_link;
use crate::api::request::{RejectedForm, set_status};
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The confirmation of a new address.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let title = tre(
        lang,
        "メールアドレス変更の確認",
        "Confirm your new address",
        "メールアドレスを かえる かくにん",
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let (token, rejected) = (token.clone(), rejected.clone());
                Suspend::new(async move {
                    let checked = match rejected.as_ref().map(|r| r.error.clone()) {
                        Some(e) => Err(e),
                        None => check_email_change_link(token.clone()).await,
                    };
                    match checked {
                        Ok(address) => {
                            let shown = address.clone();
                            view! {
                            <p>{tre(lang, "アカウントのメールアドレスを次のアドレスに変更します：", "The account's address becomes:", "アカウントの メールアドレスを これに かえます：")}</p>
                            <p><strong data-new-email=address>{shown}</strong></p>
                            <form method="post" action=format!("/account/email/{token}") class="stack">
                                <button type="submit" class="primary">{tre(lang, "変更する", "Change it", "かえる")}</button>
                            </form>
                            }
                            .into_any()
                        }
                        Err(e) => {
                            set_status(e.status());
                            view! {
                                <div class="error-summary" role="alert" data-error=e.code()>
                                    <p>{tre(lang, "このリンクは使えません（使用済みか、24時間の期限が切れています）。アカウントのページから、もう一度お申し込みください。", "This link no longer works (it was used, or its 24 hours are over). Ask again from your account page.", "この リンクは もう つかえません。アカウントの ページから もう いちど もうしこんで ください。")}</p>
                                </div>
                                <p><a href="/account#email">{tre(lang, "アカウントのページへ", "To your account", "アカウントの ページへ")}</a></p>
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
