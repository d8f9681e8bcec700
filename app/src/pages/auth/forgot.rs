//! `/forgot`: asks for a password reset link by mail. The answer is the same whether or not
//! the address has an account (`?sent=1`), so the page tells nobody who has one. The form
//! posts to the server's `/forgot` handler and works without JavaScript.

use crate::api::request::RejectedForm;
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The form, or what happens next once it was sent.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let sent = use_query_map().read_untracked().get("sent").is_some() && rejected.is_none();
    let title = tre(
        lang,
        "パスワードを忘れた方",
        "Forgot your password?",
        "パスワードを わすれた ひと",
    );
    let email = rejected
        .as_ref()
        .and_then(|r| r.values.first("email").map(str::to_string))
        .unwrap_or_default();
    let body = if sent {
        view! {
            <div class="notice" role="status" data-state="reset-sent">
                <p>{tre(lang, "入力されたアドレスがアカウントに登録されていれば、パスワード再設定のリンクをお送りしました。メールのリンクは30分間、1回だけ使えます。", "If that address belongs to an account, we have sent it a link to choose a new password. The link works once, for 30 minutes.", "その アドレスで とうろく して いれば、パスワードを あたらしく する リンクを メールで おくりました。リンクは 30ぷんの あいだ、1かい だけ つかえます。")}</p>
                <p>{tre(lang, "数分たっても届かない場合は、迷惑メールのフォルダをご確認のうえ、もう一度お試しください。", "If nothing arrives within a few minutes, look in your spam folder, then try again.", "すこし まっても こない ときは、めいわく メールの フォルダを みてから、もう いちど して ください。")}</p>
            </div>
            <p><a href="/sign-in">{tre(lang, "ログインへ戻る", "Back to sign in", "ログインに もどる")}</a></p>
        }
        .into_any()
    } else {
        let summary = rejected_summary(rejected.as_ref(), lang);
        let error = rejected_field(rejected.as_ref(), lang, "email");
        view! {
            <p>{tre(lang, "登録したメールアドレスを入力してください。新しいパスワードを決めるためのリンクをメールでお送りします。", "Enter the e-mail address you signed up with. We will mail you a link to choose a new password.", "とうろく した メールアドレスを かいて ください。あたらしい パスワードを きめる ための リンクを メールで おくります。")}</p>
            {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
            <form method="post" action="/forgot" class="stack" novalidate>
                <div class="question">
                    <label for="email">{tre(lang, "メールアドレス", "E-mail address", "メールアドレス")}</label>
                    <p class="field-error" id="email-error">{error}</p>
                    <input type="email" id="email" name="email" autocomplete="email" value=email aria-describedby="email-error"/>
                </div>
                <button type="submit" class="primary">{tre(lang, "リンクを送る", "Send the link", "リンクを おくる")}</button>
            </form>
            <p><a href="/sign-in">{tre(lang, "ログインへ戻る", "Back to sign in", "ログインに もどる")}</a></p>
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {body}
    }
}
