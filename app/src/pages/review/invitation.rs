//! Invitations: the link staff pass on (`/review/{id}/invitations/{token}`, printable with a
//! QR code), and the page the invitee opens (`/invite/{token}`) to choose a password, or to
//! sign in with the one they have, and join the review.

use super::review_error;
use crate::api::codesign::{get_invitation, get_invitation_link};
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::error_page::ErrorPage;
use crate::components::params::id_param;
use crate::i18n::{field_error, tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::ApiError;

fn token_param() -> String {
    use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}

/// The invitation link, for staff to hand over or print.
#[component]
pub fn InvitationLinkPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let token = token_param();
    let here = format!("/review/{id}/invitations/{token}");
    view! {
        <Title text=tr(lang, "招待リンク", "Invitation link")/>
        <Suspense>
            {move || {
                let (token, here) = (token.clone(), here.clone());
                Suspend::new(async move {
                    let data = async {
                        get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        get_invitation_link(id, token).await
                    };
                    match data.await {
                        Ok(link) => view! {
                            <p class="crumbs no-print"><a href=format!("/review/{id}#members")>{tr(lang, "← 確認ページへ戻る", "← Back to the draft")}</a></p>
                            {link.origin_guessed.then(|| view! {
                                <p class="warning no-print">{crate::i18n::t(lang, crate::i18n::Msg::PrintOriginWarning)}</p>
                            })}
                            <article class="invitation-letter">
                                <h1>{tr(lang, "アンケート案の確認のお願い", "Please review a draft survey")}</h1>
                                <p>{link.email.clone()}" · "{link.district.plain(lang)}</p>
                                <p>
                                    {tr(lang, "「", "“")}{link.title.plain(lang)}{tr(lang, "」の案を、まちづくり協議会の皆さまと一緒に作っています。下のリンク（またはQRコード）を開き、パスワードを決めてご参加ください。", "” is being designed together with the neighbourhood council. Open the link below (or scan the code), choose a password and join.")}
                                </p>
                                <div class="qr" inner_html=link.qr_svg.clone()></div>
                                <p class="invitation-url"><a href=link.url.clone()>{link.url.clone()}</a></p>
                                <p class="help">
                                    {tr(lang, "このリンクは1回だけ使えます。有効期限：", "This link works once. Valid until ")}
                                    {format_jst(link.expires_at, lang)}
                                </p>
                            </article>
                            <p class="help no-print">{tr(lang, "このリンクは今だけ表示されます。必要なら印刷するか、メールで送ってください。", "This link is shown only now: print it or send it by e-mail.")}</p>
                        }
                        .into_any(),
                        Err(e) => review_error(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// The page an invitee opens.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let lang = use_lang();
    let token = token_param();
    let rejected = use_context::<RejectedForm>();
    view! {
        <Title text=tr(lang, "アンケート案の確認に参加する", "Join the review")/>
        <Suspense>
            {move || {
                let (token, rejected) = (token.clone(), rejected.clone());
                Suspend::new(async move {
                    match get_invitation(token.clone()).await {
                        Ok(page) => {
                            let errors = rejected.as_ref().map(|r| {
                                let text = match &r.error {
                                    ApiError::Validation(errors) => errors
                                        .0
                                        .iter()
                                        .map(|(f, e)| {
                                            let name = match f.as_str() {
                                                "display_name" => tr(lang, "お名前", "Name"),
                                                _ => tr(lang, "パスワード", "Password"),
                                            };
                                            format!("{name}: {}", field_error(lang, e))
                                        })
                                        .collect::<Vec<_>>()
                                        .join(" / "),
                                    e => crate::i18n::error_title(lang, e).to_string(),
                                };
                                view! { <div class="error-summary" role="alert"><p>{text}</p></div> }
                            });
                            let name = rejected
                                .as_ref()
                                .and_then(|r| r.values.first("display_name").map(str::to_string));
                            let fields = if page.has_account {
                                view! {
                                    <p>{tr(lang, "このメールアドレスのアカウントがあります。そのパスワードを入れてください。", "You already have an account with this address: enter its password.")}</p>
                                    <div class="lang-field">
                                        <label for="f-password">{tr(lang, "パスワード", "Password")}</label>
                                        <input type="password" id="f-password" name="password" autocomplete="current-password" required/>
                                    </div>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <div class="lang-field">
                                        <label for="f-name">{tr(lang, "お名前（ほかの方に表示されます）", "Your name (shown to others)")}</label>
                                        <input type="text" id="f-name" name="display_name" autocomplete="name" value=name required/>
                                    </div>
                                    <div class="lang-field">
                                        <label for="f-password">{tr(lang, "パスワード（12文字以上）", "Password (12 characters or more)")}</label>
                                        <input type="password" id="f-password" name="password" autocomplete="new-password" minlength="12" required/>
                                    </div>
                                }
                                .into_any()
                            };
                            view! {
                                <h1>{tr(lang, "アンケート案の確認に参加する", "Join the review")}</h1>
                                <p>
                                    {page.invited_by.clone()}
                                    {tr(lang, "さんから、「", " invites you to review “")}
                                    {page.title.plain(lang)}
                                    {tr(lang, "」の確認に招待されています。", "”.")}
                                </p>
                                <p class="help">{page.email.clone()}" · "{page.district.plain(lang)}</p>
                                {errors}
                                <form method="post" action=format!("/invite/{token}") class="stack">
                                    {fields}
                                    <button type="submit" class="primary">{tr(lang, "参加して案を見る", "Join and open the draft")}</button>
                                </form>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
