//! What a refused form says: the message beside a field, the sentence at the top, and the
//! builder's refusals (definition errors, XLSForm problems).

use crate::api::request::RejectedForm;
use crate::i18n::{Msg, definition_error, error_title, field_error, t, tre};
use leptos::prelude::*;
use shared::{ApiError, Lang};

/// The message for a field of a rejected form, if it has one.
pub(crate) fn rejected_field(
    rejected: Option<&RejectedForm>,
    lang: Lang,
    name: &str,
) -> Option<String> {
    match rejected.map(|r| &r.error) {
        // These are forms, not survey questions: "fill this in", not "answer this question".
        Some(ApiError::Validation(errors)) => errors.get(name).map(|e| match e {
            shared::FieldError::Required => match lang {
                Lang::En => "Please fill this in.".to_string(),
                Lang::EasyJa => "ここに かいてください。".to_string(),
                Lang::Ja => "入力してください。".to_string(),
            },
            e => field_error(lang, e),
        }),
        _ => None,
    }
}

/// The refusal of a rejected form that is not about one field, as a sentence.
pub(crate) fn rejected_summary(rejected: Option<&RejectedForm>, lang: Lang) -> Option<String> {
    match rejected.map(|r| &r.error) {
        None | Some(ApiError::Validation(_)) => None,
        Some(ApiError::RateLimited) => Some(
            tre(lang, "短い時間に何度も送信されました。しばらくしてからもう一度お試しください。", "Too many attempts in a short time. Please try again a little later.", "みじかい じかんに なんども おくりました。すこし まってから、もう いちど して ください。")
            .to_string(),
        ),
        Some(ApiError::Conflict) => Some(
            tre(lang, "ほかの人が先に操作したため、変更できませんでした。ページを読み込み直してください。", "Someone else changed this first. Please reload the page.", "ほかの ひとが さきに かえました。ページを もう いちど ひらいて ください。")
            .to_string(),
        ),
        Some(e) => Some(crate::i18n::error_title(lang, e).to_string()),
    }
}

/// The message for a refused builder post, if any.
pub fn refusal(lang: Lang, rejected: Option<&RejectedForm>) -> Option<AnyView> {
    let error = &rejected?.error;
    if let ApiError::XlsForm(issues) = error {
        let items = issues
            .iter()
            .map(|i| view! { <li>{crate::i18n::xlsform_issue(lang, i)}</li> })
            .collect_view();
        return Some(
            view! {
                <div class="error-summary" role="alert" data-error="XlsForm">
                    <h2>{t(lang, Msg::XlsFormRefused)}</h2>
                    <ul class="xlsform-issues">{items}</ul>
                </div>
            }
            .into_any(),
        );
    }
    let text = match error {
        ApiError::Definition(e) => definition_error(lang, e),
        ApiError::Validation(errors) => errors
            .0
            .iter()
            .map(|(field, e)| match field.as_str() {
                // The condition's own message stands next to it; this names where to look.
                "if.value" => crate::i18n::tr(
                    lang,
                    "表示する条件にする回答がまだ選ばれていません。下の「表示する条件」で選んでください。",
                    "No answer is chosen for the condition yet: choose one under the condition below.",
                )
                .to_string(),
                // Fields are named as the form names them, never by their internal names.
                "slug" => format!("{}: {}", t(lang, Msg::Slug), field_error(lang, e)),
                "title" => format!("{}: {}", t(lang, Msg::TitleLabel), field_error(lang, e)),
                _ => field_error(lang, e),
            })
            .collect::<Vec<_>>()
            .join(" / "),
        e => error_title(lang, e).to_string(),
    };
    let heading = match error {
        ApiError::EditConflict { .. } | ApiError::Validation(_) => {
            crate::i18n::tr(lang, "まだ保存されていません", "Not saved yet")
        }
        _ => t(lang, Msg::DefinitionRefused),
    };
    Some(
        view! {
            <div class="error-summary" role="alert" data-error=error.code()>
                <h2>{heading}</h2>
                <p>{text}</p>
            </div>
        }
        .into_any(),
    )
}
