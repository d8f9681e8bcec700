//! `/sign-up`: a resident account with only an e-mail address, a display name (Japanese names
//! welcome) and a password; a home district if they like. Membership of a neighbourhood
//! association is never asked. The form posts to the server's `/sign-up` handler, which sets
//! the session cookie, so it works without JavaScript.

use crate::api::network::get_directory;
use crate::api::request::RejectedForm;
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-up form.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
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
}
