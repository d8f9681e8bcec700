//! `/sign-up`: a resident account with only an e-mail address, a display name (Japanese names
//! welcome) and a password; a home district if they like. Membership of a neighbourhood
//! association is never asked. The form posts to the server's `/sign-up` handler, which mails
//! a link that confirms the address (`/sign-up/confirm/{token}`, [`ConfirmSignUpPage`]) and
//! answers the same whether the address is new or has an account (`?sent=1`). Plain forms:
//! it all works without JavaScript.

use crate::api::network::get_directory;
use crate::api::request::RejectedForm;
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-up form.
#[component]
pub fn SignUpPage() -> AnyView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    if sent {
        return view! {
            <Title text=tre(lang, "確認のメールを送りました", "Check your mail", "メールを みて ください")/>
            <h1>{tre(lang, "確認のメールを送りました", "Check your mail", "メールを みて ください")}</h1>
            <div class="notice" role="status" data-state="sign-up-sent">
                <p>{tre(lang, "入力したメールアドレスにメールを送りました。メールのリンクを開くと、登録が完了します（24時間有効）。", "We sent a mail to the address you gave. Open the link in it to finish signing up (it works for 24 hours).", "かいた メールアドレスに メールを おくりました。メールの リンクを ひらくと、とうろくが おわります（24じかん）。")}</p>
                <p>{tre(lang, "メールが届かないときは、迷惑メールのフォルダも確かめてください。すでに登録済みのアドレスには、ログインの方法をお知らせしています。", "If no mail arrives, look in the spam folder too. An address that has an account already is told how to sign in instead.", "メールが こない ときは、めいわく メールの フォルダも みて ください。")}</p>
            </div>
            <p><a href="/sign-in">{tre(lang, "ログインのページへ", "To the sign-in page", "ログインの ページへ")}</a></p>
        }
        .into_any();
    }
    let next = use_query_map()
        .read_untracked()
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/groups".to_string());
    view! {
        <Title text=tre(lang, "登録する", "Sign up", "とうろく する")/>
        <Suspense>
            {move || {
                let (rejected, next) = (rejected.clone(), next.clone());
                Suspend::new(async move {
                    // The district list comes with the directory (public).
                    let districts = get_directory(String::new()).await.map(|d| d.districts).unwrap_or_default();
                    let value = |name: &str| {
                        rejected
                            .as_ref()
                            .and_then(|r| r.values.first(name).map(str::to_string))
                            .unwrap_or_default()
                    };
                    let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
                    let district = value("district");
                    let summary = rejected_summary(rejected.as_ref(), lang);
                    view! {
                        <h1>{tre(lang, "登録する", "Sign up", "とうろく する")}</h1>
                        <p class="lead">
                            {tre(lang, "地域のグループへの参加やフォローに使います。必要なのはメールアドレス、お名前（ニックネーム可）、パスワードだけです。自治会への加入は問いません。", "For joining and following local groups. All you need is an e-mail address, a name (a nickname is fine) and a password. Nobody asks whether you belong to a neighbourhood association.", "ちいきの グループに さんか したり フォロー したり する ための とうろくです。メールアドレス、なまえ（ニックネームでも いい）、パスワード だけ いります。じちかいに はいって いなくても だいじょうぶです。")}
                        </p>
                        {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                        <form method="post" action="/sign-up" class="stack" novalidate>
                            <input type="hidden" name="next" value=next.clone()/>
                            <div class="question">
                                <label for="email">{tre(lang, "メールアドレス", "E-mail address", "メールアドレス")}</label>
                                <p class="field-error" id="email-error">{error("email")}</p>
                                <input type="email" id="email" name="email" autocomplete="email" value=value("email") aria-describedby="email-error"/>
                            </div>
                            <div class="question">
                                <label for="display_name">{tre(lang, "お名前（ほかの人に表示されます）", "Your name (shown to others)", "なまえ（ほかの ひとに みえます）")}</label>
                                <p class="field-error" id="display_name-error">{error("display_name")}</p>
                                <input type="text" id="display_name" name="display_name" autocomplete="nickname" maxlength="50" value=value("display_name") aria-describedby="display_name-error"/>
                            </div>
                            <div class="question">
                                <label for="password">{tre(lang, "パスワード（12文字以上）", "Password (12 characters or more)", "パスワード（12もじ いじょう）")}</label>
                                <p class="field-error" id="password-error">{error("password")}</p>
                                <input type="password" id="password" name="password" autocomplete="new-password" aria-describedby="password-error"/>
                            </div>
                            <div class="question">
                                <label for="district">{tre(lang, "お住まいの校区（任意）", "Your school district (optional)", "すんで いる こうく（かかなくても いい）")}</label>
                                <p class="hint">{tre(lang, "校区のお知らせや催しを表示するのに使います。", "Used to show news and events near you.", "こうくの おしらせや もよおしを みせる ために つかいます。")}</p>
                                <p class="field-error" id="district-error">{error("district")}</p>
                                <select id="district" name="district" aria-describedby="district-error">
                                    <option value="">{tre(lang, "選ばない", "Not given", "えらばない")}</option>
                                    {districts.iter().map(|d| view! {
                                        <option value=d.id.to_string() selected=district == d.id.to_string()>{d.name.inline(lang)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="primary">{tre(lang, "登録する", "Sign up", "とうろく する")}</button>
                        </form>
                        <p>
                            {tre(lang, "登録済みの方は ", "Already registered? ", "もう とうろく した ひとは ")}
                            <a href=format!("/sign-in?next={next}")>{tre(lang, "ログイン", "Sign in", "ログイン")}</a>
                        </p>
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// `/sign-up/confirm/{token}`: the page the confirmation mail links to. One button (a `POST`:
/// mail scanners that open links must not make accounts) makes the account and signs in.
#[component]
pub fn ConfirmSignUpPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let token = leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let title = tre(
        lang,
        "登録の確認",
        "Confirm your sign-up",
        "とうろくの かくにん",
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let (token, rejected) = (token.clone(), rejected.clone());
                Suspend::new(async move {
                    let broken = match rejected.as_ref().map(|r| r.error.clone()) {
                        Some(e) => Some(e),
                        None => crate::api::account::check_sign_up_link(token.clone()).await.err(),
                    };
                    if let Some(e) = broken {
                        crate::api::request::set_status(e.status());
                        return view! {
                            <div class="error-summary" role="alert" data-error=e.code()>
                                <p>{tre(lang, "このリンクは使えません（登録済みか、24時間の期限が切れています）。登録がまだなら、もう一度お申し込みください。", "This link no longer works (the sign-up is done, or its 24 hours are over). If you have not joined yet, please sign up again.", "この リンクは つかえません。まだ なら、もう いちど とうろく して ください。")}</p>
                            </div>
                            <p><a href="/sign-in">{tre(lang, "ログイン", "Sign in", "ログイン")}</a>" · "<a href="/sign-up">{tre(lang, "登録する", "Sign up", "とうろく する")}</a></p>
                        }
                        .into_any();
                    }
                    view! {
                        <p>{tre(lang, "下のボタンを押すと、登録が完了してログインします。", "Press the button to finish signing up; you will be signed in.", "したの ボタンを おすと、とうろくが おわって ログイン します。")}</p>
                        <form method="post" action=format!("/sign-up/confirm/{token}") class="stack">
                            <button type="submit" class="primary">{tre(lang, "登録を完了する", "Finish signing up", "とうろくを おわらせる")}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
