//! `/reset/{token}`: the page a password reset mail links to. It shows the new-password form
//! while the link works, and says plainly when it does not (used, or past its 30 minutes),
//! with the way to a new one. The form posts to the server's `/reset/{token}` handler, which
//! signs in and ends every other session.

use crate::api::account::check_reset_link;
use crate::api::request::{RejectedForm, set_status};
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{error_title, tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The new-password form.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let title = tre(
        lang,
        "新しいパスワードを決める",
        "Choose a new password",
        "あたらしい パスワードを きめる",
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let (token, rejected) = (token.clone(), rejected.clone());
                Suspend::new(async move {
                    // A refused post already knows why; otherwise ask whether the link works.
                    let broken = match rejected.as_ref().map(|r| &r.error) {
                        Some(shared::ApiError::Validation(_)) => None,
                        Some(e) => Some(e.clone()),
                        None => check_reset_link(token.clone()).await.err(),
                    };
                    if let Some(e) = broken {
                        set_status(e.status());
                        return view! {
                            <div class="error-summary" role="alert" data-error=e.code()>
                                <p>{error_title(lang, &e)}</p>
                            </div>
                            <p><a href="/forgot">{tre(lang, "新しいリンクを申し込む", "Ask for a new link", "あたらしい リンクを もうしこむ")}</a></p>
                        }
                        .into_any();
                    }
                    let summary = rejected_summary(rejected.as_ref(), lang);
                    let error = rejected_field(rejected.as_ref(), lang, "password");
                    view! {
                        {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                        <form method="post" action=format!("/reset/{token}") class="stack" novalidate>
                            <div class="question">
                                <label for="password">{tre(lang, "新しいパスワード（12文字以上）", "New password (12 characters or more)", "あたらしい パスワード（12もじ いじょう）")}</label>
                                <p class="hint">{tre(lang, "決めると、ほかの端末でのログインはすべて終了します。", "Other devices signed in to your account will be signed out.", "きめると、ほかの きかいの ログインは ぜんぶ おわります。")}</p>
                                <p class="field-error" id="password-error">{error}</p>
                                <input type="password" id="password" name="password" autocomplete="new-password" aria-describedby="password-error"/>
                            </div>
                            <button type="submit" class="primary">{tre(lang, "パスワードを決める", "Set the password", "パスワードを きめる")}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
