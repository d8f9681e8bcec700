//! `/join/{token}`: the page an administrator's invitation links to. It says what the
//! invitation makes the person (staff, council member, centre director, administrator) and
//! where, and asks for their name and a password; the form posts to the server's
//! `/join/{token}` handler, which makes the account and signs in. A used, withdrawn or
//! expired link says so, with whom to ask.

use crate::api::admin::get_invitation;
use crate::api::request::{RejectedForm, set_status};
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{error_title, tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::Lang;
use shared::admin::Invitee;

fn invitee_text(lang: Lang, invitee: Invitee) -> &'static str {
    match invitee {
        Invitee::Staff => tre(
            lang,
            "区役所職員",
            "ward-office staff",
            "くやくしょの しょくいん",
        ),
        Invitee::Council => tre(
            lang,
            "まちづくり協議会委員",
            "a neighbourhood-council member",
            "まちづくり きょうぎかいの いいん",
        ),
        Invitee::Director => tre(
            lang,
            "市民センター館長",
            "a community-centre director",
            "しみん センターの かんちょう",
        ),
        Invitee::Admin => tre(lang, "管理者", "an administrator", "かんりしゃ"),
    }
}

/// The page that makes an account from an invitation.
#[component]
pub fn JoinPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let title = tre(
        lang,
        "アカウントの登録",
        "Join Yoriai",
        "アカウントの とうろく",
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let (token, rejected) = (token.clone(), rejected.clone());
                Suspend::new(async move {
                    let info = match rejected.as_ref().map(|r| &r.error) {
                        Some(shared::ApiError::Validation(_)) | None => get_invitation(token.clone()).await,
                        Some(e) => Err(e.clone()),
                    };
                    let info = match info {
                        Ok(info) => info,
                        Err(e) => {
                            set_status(e.status());
                            return view! {
                                <div class="error-summary" role="alert" data-error=e.code()>
                                    <p>{error_title(lang, &e)}</p>
                                </div>
                                <p><a href="/sign-in">{tre(lang, "登録済みの方はログイン", "Already joined? Sign in", "とうろく した ひとは ログイン")}</a></p>
                            }
                            .into_any();
                        }
                    };
                    let summary = rejected_summary(rejected.as_ref(), lang);
                    let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
                    let name = rejected
                        .as_ref()
                        .and_then(|r| r.values.first("display_name").map(str::to_string))
                        .unwrap_or_else(|| info.display_name.clone());
                    let what = match lang {
                        Lang::En => format!("You are invited to Yoriai as {} ({}).", invitee_text(lang, info.invitee), info.place),
                        _ => format!("「{}」（{}）として Yoriai に招待されています。", invitee_text(lang, info.invitee), info.place),
                    };
                    view! {
                        <p data-invitee=info.invitee.as_str()>{what}</p>
                        {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                        <form method="post" action=format!("/join/{token}") class="stack" novalidate>
                            <div class="question">
                                <span class="label">{tre(lang, "メールアドレス（ログインに使います）", "E-mail address (to sign in with)", "メールアドレス（ログインに つかいます）")}</span>
                                <p class="field-error" id="email-error">{error("email").map(|_| tre(lang, "このメールアドレスのアカウントはすでにあります。ログインしてください。", "An account with this address exists already: please sign in.", "この メールアドレスの アカウントは もう あります。ログイン して ください。"))}</p>
                                <p><strong>{info.email.clone()}</strong></p>
                                <input type="text" name="username" autocomplete="username" value=info.email hidden/>
                            </div>
                            <div class="question">
                                <label for="display_name">{tre(lang, "お名前（ほかの人に表示されます）", "Your name (shown to others)", "なまえ（ほかの ひとに みえます）")}</label>
                                <p class="field-error" id="display_name-error">{error("display_name")}</p>
                                <input type="text" id="display_name" name="display_name" autocomplete="name" maxlength="50" value=name aria-describedby="display_name-error"/>
                            </div>
                            <div class="question">
                                <label for="password">{tre(lang, "パスワード（12文字以上）", "Password (12 characters or more)", "パスワード（12もじ いじょう）")}</label>
                                <p class="field-error" id="password-error">{error("password")}</p>
                                <input type="password" id="password" name="password" autocomplete="new-password" aria-describedby="password-error"/>
                            </div>
                            <button type="submit" class="primary">{tre(lang, "登録する", "Join", "とうろく する")}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
