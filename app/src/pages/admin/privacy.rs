//! `/admin/privacy`: the privacy notice (Japanese and English) and the retention periods,
//! set by an administrator of every ward; the hourly clean-up follows them.

use super::admin_nav;
use crate::api::admin::get_privacy;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::{SignOutButton, error_or_sign_in};
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ApiError;
use shared::account::Role;

/// The privacy settings page.
#[component]
pub fn PrivacySettingsPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .is_some();
    let title = tr(
        lang,
        "個人情報の取り扱いと保存期間",
        "Privacy and retention",
    );
    view! {
        <Title text=title/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    let user = match get_current_user().await {
                        Ok(Some(u)) => u,
                        Ok(None) => return error_or_sign_in(ApiError::Unauthorized, "/admin/privacy"),
                        Err(e) => return error_or_sign_in(e, "/admin/privacy"),
                    };
                    if user.role != Role::Admin || user.ward_id.is_some() {
                        return error_or_sign_in(ApiError::Forbidden, "/admin/privacy");
                    }
                    let p = match get_privacy().await {
                        Ok(p) => p,
                        Err(e) => return error_or_sign_in(e, "/admin/privacy"),
                    };
                    let typed = |name: &str, current: String| {
                        rejected
                            .as_ref()
                            .and_then(|r| r.values.first(name).map(str::to_string))
                            .unwrap_or(current)
                    };
                    let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
                    let summary = rejected_summary(rejected.as_ref(), lang).or_else(|| {
                        rejected.is_some().then(|| tr(lang, "入力を確かめてください（赤い字の項目）。", "Please check the fields marked in red.").to_string())
                    });
                    let r = p.retention;
                    view! {
                        <SignOutButton name=user.display_name/>
                        <h1>{title}</h1>
                        {admin_nav(lang, true)}
                        {saved.then(|| view! { <div class="notice" role="status" data-state="saved"><p>{tr(lang, "保存しました。保存期間は次の定期処理（1時間ごと）から適用されます。", "Saved. The periods apply from the next hourly clean-up.")}</p></div> })}
                        {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                        <p><a href="/privacy">{tr(lang, "公開されているページを見る", "See the public page")}</a></p>
                        <form method="post" action="/admin/privacy" class="stack" novalidate>
                            <div class="question">
                                <label for="notice_ja">{tr(lang, "個人情報の取り扱い（日本語。やさしい日本語のページにも表示）", "Privacy notice (Japanese; also shown in easy Japanese)")}</label>
                                <p class="hint">{tr(lang, "空行で段落を分けます。", "A blank line starts a new paragraph.")}</p>
                                <p class="field-error" id="notice_ja-error">{error("notice_ja")}</p>
                                <textarea id="notice_ja" name="notice_ja" rows="14" aria-describedby="notice_ja-error">{typed("notice_ja", p.notice_ja)}</textarea>
                            </div>
                            <div class="question">
                                <label for="notice_en">{tr(lang, "英語版", "English")}</label>
                                <p class="field-error" id="notice_en-error">{error("notice_en")}</p>
                                <textarea id="notice_en" name="notice_en" rows="10" aria-describedby="notice_en-error">{typed("notice_en", p.notice_en)}</textarea>
                            </div>
                            <fieldset class="question">
                                <legend>{tr(lang, "保存期間（日数、1〜3650）", "Retention (days, 1–3650)")}</legend>
                                <label for="draft_days">{tr(lang, "送信していない回答の下書き", "Answers saved but never sent")}</label>
                                <p class="field-error" id="draft_days-error">{error("draft_days")}</p>
                                <input type="number" id="draft_days" name="draft_days" min="1" max="3650" value=typed("draft_days", r.draft_days.to_string())/>
                                <label for="address_days">{tr(lang, "ログイン・登録の接続元アドレス", "Network addresses of sign-ins and sign-ups")}</label>
                                <p class="field-error" id="address_days-error">{error("address_days")}</p>
                                <input type="number" id="address_days" name="address_days" min="1" max="3650" value=typed("address_days", r.address_days.to_string())/>
                                <label for="mail_days">{tr(lang, "送ったメールの記録", "The log of mail sent")}</label>
                                <p class="field-error" id="mail_days-error">{error("mail_days")}</p>
                                <input type="number" id="mail_days" name="mail_days" min="1" max="3650" value=typed("mail_days", r.mail_days.to_string())/>
                            </fieldset>
                            <button type="submit" class="primary">{tr(lang, "保存する", "Save")}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
