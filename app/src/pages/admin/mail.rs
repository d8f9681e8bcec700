//! `/admin/mail`: the mail Yoriai sent or is sending (administrators of every ward): to
//! whom, why, when, and what went wrong. Bodies are never shown: a sent mail keeps none (a
//! link in it would sign someone in). Without an SMTP server, where the mail files are.

use super::admin_nav;
use crate::api::admin::get_mail_log;
use crate::api::staff::get_current_user;
use crate::components::account::{SignOutButton, error_or_sign_in};
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::Lang;
use shared::admin::MailRow;

fn kind_name(lang: Lang, kind: &str) -> String {
    match kind {
        "invitation" => tr(lang, "招待", "Invitation"),
        "password_reset" => tr(lang, "パスワード再設定", "Password reset"),
        "password_changed" => tr(lang, "パスワード変更の通知", "Password changed"),
        other => return other.to_string(),
    }
    .to_string()
}

fn mail_row(lang: Lang, m: MailRow) -> impl IntoView {
    let (state, label) = match (m.sent_at, m.failed_at) {
        (Some(at), _) => (
            "sent",
            format!("{} {}", tr(lang, "送信済み", "Sent"), format_jst(at, lang)),
        ),
        (None, Some(at)) => (
            "failed",
            format!(
                "{} {}",
                tr(lang, "送信できず", "Gave up"),
                format_jst(at, lang)
            ),
        ),
        (None, None) if m.attempts > 0 => (
            "retrying",
            format!("{}（{}）", tr(lang, "再送待ち", "Retrying"), m.attempts),
        ),
        (None, None) => ("queued", tr(lang, "送信待ち", "Queued").to_string()),
    };
    view! {
        <tr data-mail=m.id data-state=state>
            <td class="nowrap">{format_jst(m.created_at, lang)}</td>
            <td>{kind_name(lang, &m.kind)}</td>
            <td>{m.recipient}</td>
            <td>{m.subject}</td>
            <td>{label}</td>
            <td class="audit-value">{m.last_error.unwrap_or_default()}</td>
        </tr>
    }
}

/// The mail log page.
#[component]
pub fn MailLogPage() -> impl IntoView {
    let lang = use_lang();
    let title = tr(lang, "メールの記録", "Mail log");
    view! {
        <Title text=title/>
        <Suspense>
            {move || Suspend::new(async move {
                let user = get_current_user().await;
                let is_admin = matches!(&user, Ok(Some(u)) if u.role == shared::account::Role::Admin);
                let data = async {
                    let user = user?.ok_or(shared::ApiError::Unauthorized)?;
                    Ok::<_, shared::ApiError>((user, get_mail_log().await?))
                };
                match data.await {
                    Ok((user, log)) => {
                        let files = log.file_dir.map(|dir| view! {
                            <div class="notice" data-state="files">
                                <p>{tr(lang, "メールサーバー（YORIAI_SMTP_URL）が設定されていないため、メールは送信されず、サーバーの次のフォルダにファイル（.eml）として保存されています：", "No mail server (YORIAI_SMTP_URL) is configured, so mail is not sent: it is written as .eml files in this folder on the server:")}</p>
                                <p><code>{dir}</code></p>
                            </div>
                        });
                        let empty = log.mails.is_empty().then(|| view! { <p class="hint" data-empty="true">{tr(lang, "まだメールはありません。", "No mail yet.")}</p> });
                        let rows = log.mails.into_iter().map(|m| mail_row(lang, m)).collect_view();
                        view! {
                            <SignOutButton name=user.display_name/>
                            <h1>{title}</h1>
                            {admin_nav(lang, true)}
                            {files}
                            <p class="hint">{tr(lang, "本文は保存していません（リンクを含むため）。送れなかったメールは、1分後から最大1時間おきに2日間再送します。", "Bodies are not kept (they hold links). Mail that could not be sent is retried from a minute later, at most an hour apart, for two days.")}</p>
                            {empty}
                            <div class="table-wrap">
                                <table class="data mail-log">
                                    <thead><tr>
                                        <th scope="col">{tr(lang, "日時", "Queued")}</th>
                                        <th scope="col">{tr(lang, "種類", "Kind")}</th>
                                        <th scope="col">{tr(lang, "宛先", "To")}</th>
                                        <th scope="col">{tr(lang, "件名", "Subject")}</th>
                                        <th scope="col">{tr(lang, "状態", "State")}</th>
                                        <th scope="col">{tr(lang, "エラー", "Error")}</th>
                                    </tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }
                    Err(shared::ApiError::Forbidden) if is_admin => {
                        crate::api::request::set_status(403);
                        view! {
                            <h1>{title}</h1>
                            {admin_nav(lang, false)}
                            <div class="error-summary" role="alert" data-error="Forbidden">
                                <p>{tr(lang, "メールの記録には全区の宛先が載るため、全区の管理者だけが見られます。", "The mail log names people of every ward, so only an administrator of every ward reads it.")}</p>
                            </div>
                        }
                        .into_any()
                    }
                    Err(e) => error_or_sign_in(e, "/admin/mail"),
                }
            })}
        </Suspense>
    }
}
