//! `/setup/{token}`: setting up a new installation, from the link `yoriai serve` prints when
//! the database has no account yet. One form (multipart, for the places file): the
//! installation's name, its wards' districts and centres as a CSV file (the Kokura Minami file
//! is the example to copy), and the first administrator. A places file with problems is
//! refused whole, every problem listed by line and column; nothing typed is lost but the
//! password and the file. Once set up, the link is dead.

use crate::api::admin::check_setup;
use crate::api::request::{RejectedForm, set_status};
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::ApiError;

/// The set-up page.
#[component]
pub fn SetupPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let title = tr(lang, "Yoriai の初期設定", "Set up Yoriai");
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let (token, rejected) = (token.clone(), rejected.clone());
                Suspend::new(async move {
                    let state = match rejected.as_ref().map(|r| &r.error) {
                        Some(ApiError::LinkExpired) => Err(ApiError::LinkExpired),
                        _ => check_setup(token.clone()).await,
                    };
                    let has_wards = match state {
                        Ok(has_wards) => has_wards,
                        Err(e) => {
                            set_status(e.status());
                            return view! {
                                <div class="error-summary" role="alert" data-error=e.code()>
                                    <p>{tr(lang, "この初期設定のリンクは使えません。設定が済んでいるか、サーバーを起動し直して新しいリンクが表示されています。", "This set-up link does not work: the installation is set up already, or the server was restarted and printed a new link.")}</p>
                                </div>
                                <p><a href="/sign-in">{tr(lang, "ログイン", "Sign in")}</a></p>
                            }
                            .into_any();
                        }
                    };
                    let typed = |name: &str| rejected.as_ref().and_then(|r| r.values.first(name).map(str::to_string));
                    let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
                    let problems = match rejected.as_ref().map(|r| &r.error) {
                        Some(ApiError::PlacesFile(lines)) => Some(super::places_problems(lang, lines)),
                        _ => None,
                    };
                    let summary = match rejected.as_ref().map(|r| &r.error) {
                        Some(ApiError::PlacesFile(_)) => None,
                        Some(ApiError::Validation(_)) => Some(tr(lang, "入力を確かめてください。", "Please check the form.").to_string()),
                        _ => rejected_summary(rejected.as_ref(), lang),
                    };
                    view! {
                        <p>{tr(lang, "この設定は一度だけ行います。済むと、このリンクは使えなくなり、設定した管理者としてログインします。職員や協議会委員は、そのあと「人とアカウント」から招待します。", "This is done once: afterwards the link stops working and you are signed in as the administrator you set up. Staff and council members are then invited from “People”.")}</p>
                        {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                        {problems}
                        <form method="post" action=format!("/setup/{token}") enctype="multipart/form-data" class="stack" novalidate>
                            <div class="question">
                                <label for="installation_name">{tr(lang, "設置する自治体の名前", "The installation's name (the city)")}</label>
                                <p class="hint">{tr(lang, "例：北九州市", "For example: Kitakyushu City")}</p>
                                <p class="field-error" id="installation_name-error">{error("installation_name")}</p>
                                <input type="text" id="installation_name" name="installation_name" maxlength="100" value=typed("installation_name") aria-describedby="installation_name-error"/>
                            </div>
                            <div class="question">
                                <label for="places">{tr(lang, "区・校区・市民センターの一覧（CSVファイル）", "Wards, districts and community centres (a CSV file)")}</label>
                                <p class="hint">
                                    {tr(lang, "1行に1校区、区で決めた順に。見本（小倉南区）をダウンロードして書き換えてください：", "One district per line, in your ward's order. Download the example (Kokura Minami) and edit it: ")}
                                    <a href="/admin/places/example.csv" download="places-example.csv">{tr(lang, "見本のCSV", "example CSV")}</a>
                                    {has_wards.then(|| tr(lang, "（区はすでに登録済みのため、省略できます）", " (wards exist already, so this may be left out)"))}
                                </p>
                                <p class="field-error" id="places-error">{error("places").map(|_| tr(lang, "CSVファイルを選んでください。", "Please choose the CSV file."))}</p>
                                {rejected.is_some().then(|| view! { <p class="hint" data-state="choose-again">{tr(lang, "送り直すときは、ファイルをもう一度選んでください（安全のため、ファイルとパスワードは残していません）。", "To send again, choose the file again (for safety, the file and the password are not kept).")}</p> })}
                                <input type="file" id="places" name="places" accept=".csv,text/csv" aria-describedby="places-error"/>
                            </div>
                            <h2>{tr(lang, "最初の管理者（全区）", "The first administrator (every ward)")}</h2>
                            <div class="question">
                                <label for="email">{tr(lang, "メールアドレス", "E-mail address")}</label>
                                <p class="field-error" id="email-error">{error("email")}</p>
                                <input type="email" id="email" name="email" autocomplete="username" value=typed("email") aria-describedby="email-error"/>
                            </div>
                            <div class="question">
                                <label for="display_name">{tr(lang, "名前", "Name")}</label>
                                <p class="field-error" id="display_name-error">{error("display_name")}</p>
                                <input type="text" id="display_name" name="display_name" maxlength="50" value=typed("display_name") aria-describedby="display_name-error"/>
                            </div>
                            <div class="question">
                                <label for="password">{tr(lang, "パスワード（12文字以上）", "Password (12 characters or more)")}</label>
                                <p class="field-error" id="password-error">{error("password")}</p>
                                <input type="password" id="password" name="password" autocomplete="new-password" aria-describedby="password-error"/>
                            </div>
                            <button type="submit" class="primary">{tr(lang, "設定する", "Set up")}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
