//! `/review/{id}/q/{qid}/suggest`: suggest a change to one question, in words a council member
//! uses: new wording and options (one per line), a new question after this one, or deleting it.

use super::review_error;
use crate::api::codesign::get_suggest;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::SignOutButton;
use crate::components::params::id_param;
use crate::components::question::question_field;
use crate::i18n::{field_error, tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::answer::FormValues;
use shared::codesign::views::SuggestView;
use shared::{ApiError, Lang};

/// The suggestion page.
#[component]
pub fn SuggestPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let qid = use_params_map()
        .read_untracked()
        .get("qid")
        .unwrap_or_default();
    let here = format!("/review/{id}/q/{qid}/suggest");
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let (here, qid, rejected) = (here.clone(), qid.clone(), rejected.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_suggest(id, qid).await?))
                    };
                    match data.await {
                        Ok((user, v)) => view! {
                            <SignOutButton name=user.display_name/>
                            {page(lang, &v, rejected.as_ref())}
                        }
                        .into_any(),
                        Err(e) => review_error(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// What was typed into the form for `change`, when that form was refused.
fn typed(rejected: Option<&RejectedForm>, change: &str, name: &str) -> Option<String> {
    let r = rejected?;
    (r.values.first("change") == Some(change))
        .then(|| r.values.first(name).unwrap_or_default().to_string())
}

fn errors_for(lang: Lang, rejected: Option<&RejectedForm>, change: &str) -> Option<AnyView> {
    let r = rejected?;
    if r.values.first("change") != Some(change) {
        return None;
    }
    let text = match &r.error {
        ApiError::Validation(errors) => errors
            .0
            .iter()
            .map(|(field, e)| {
                let name = match field.as_str() {
                    "label" => tr(lang, "質問文", "Question"),
                    "options" => tr(lang, "選択肢", "Options"),
                    "note" => tr(lang, "理由", "Reason"),
                    _ => "",
                };
                format!("{name}: {}", field_error(lang, e))
            })
            .collect::<Vec<_>>()
            .join(" / "),
        ApiError::Definition(e) => crate::i18n::definition_error(lang, e),
        e => crate::i18n::error_title(lang, e).to_string(),
    };
    Some(view! { <div class="error-summary" role="alert"><p>{text}</p></div> }.into_any())
}

fn note_field(lang: Lang, change: &'static str, value: Option<String>) -> AnyView {
    let id = format!("f-{change}-note");
    view! {
        <div class="lang-field">
            <label for=id.clone()>{tr(lang, "理由（任意）", "Why (optional)")}</label>
            <textarea id=id name="note" rows="2">{value.unwrap_or_default()}</textarea>
        </div>
    }
    .into_any()
}

fn page(lang: Lang, v: &SuggestView, rejected: Option<&RejectedForm>) -> AnyView {
    let q = &v.question;
    let action = format!("/review/{}/q/{}/suggest", v.survey_id, q.id);
    let has_options = !q.options().is_empty();
    let current_options = q
        .options()
        .iter()
        .map(|o| o.label.ja.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let reword_options = has_options.then(|| {
        let value = typed(rejected, "reword", "options").unwrap_or(current_options);
        view! {
            <div class="lang-field">
                <label for="f-reword-options">{tr(lang, "選択肢（1行に1つ。並べ替え・追加・削除できます）", "Options (one per line: reorder, add or remove)")}</label>
                <textarea id="f-reword-options" name="options" rows="8">{value}</textarea>
            </div>
        }
    });
    let kinds = shared::codesign::SUGGESTABLE_KINDS
        .iter()
        .map(|k| view! { <option value=*k>{crate::i18n::kind_label(lang, k)}</option> })
        .collect_view();
    view! {
        <Title text=format!("{} — {}", tr(lang, "変更の提案", "Suggest a change"), q.label.plain(lang))/>
        <p class="crumbs"><a href=format!("/review/{}#t-{}", v.survey_id, q.id)>{tr(lang, "← 確認ページへ戻る", "← Back to the draft")}</a></p>
        <h1>{tr(lang, "変更の提案", "Suggest a change")}</h1>
        <p class="help">{tr(lang, "提案は区役所の担当者が確認し、採用するか、理由を添えて見送るかをお知らせします。", "Ward staff will look at your suggestion and either take it or tell you why not.")}</p>
        <div class="phone preview-frame">
            <article class="survey">{question_field(q, lang, &FormValues::default(), None, None)}</article>
        </div>

        <section class="suggest-option">
            <h2>{tr(lang, "文言・選択肢を変える", "Change the wording or options")}</h2>
            {errors_for(lang, rejected, "reword")}
            <form method="post" action=action.clone() class="stack">
                <input type="hidden" name="change" value="reword"/>
                <div class="lang-field">
                    <label for="f-reword-label">{tr(lang, "質問文", "Question")}</label>
                    <textarea id="f-reword-label" name="label" rows="3">{typed(rejected, "reword", "label").unwrap_or_else(|| q.label.ja.clone())}</textarea>
                </div>
                <div class="lang-field">
                    <label for="f-reword-help">{tr(lang, "補足説明（任意）", "Help text (optional)")}</label>
                    <textarea id="f-reword-help" name="help" rows="2">{typed(rejected, "reword", "help").unwrap_or_else(|| q.help.as_ref().map(|h| h.ja.clone()).unwrap_or_default())}</textarea>
                </div>
                {reword_options}
                {note_field(lang, "reword", typed(rejected, "reword", "note"))}
                <button type="submit" class="primary">{tr(lang, "この変更を提案する", "Suggest this change")}</button>
            </form>
        </section>

        <section class="suggest-option">
            <h2>{tr(lang, "この後に質問を追加する", "Add a question after this one")}</h2>
            {errors_for(lang, rejected, "insert")}
            <form method="post" action=action.clone() class="stack">
                <input type="hidden" name="change" value="insert"/>
                <div class="lang-field">
                    <label for="f-insert-label">{tr(lang, "新しい質問文", "The new question")}</label>
                    <textarea id="f-insert-label" name="label" rows="3">{typed(rejected, "insert", "label").unwrap_or_default()}</textarea>
                </div>
                <div class="lang-field">
                    <label for="f-insert-kind">{tr(lang, "答え方", "How people answer")}</label>
                    <select id="f-insert-kind" name="kind">{kinds}</select>
                </div>
                <div class="lang-field">
                    <label for="f-insert-options">{tr(lang, "選択肢（1行に1つ。選ぶ形式のとき）", "Options (one per line, for choices)")}</label>
                    <textarea id="f-insert-options" name="options" rows="5">{typed(rejected, "insert", "options").unwrap_or_default()}</textarea>
                </div>
                {note_field(lang, "insert", typed(rejected, "insert", "note"))}
                <button type="submit" class="secondary">{tr(lang, "追加を提案する", "Suggest adding it")}</button>
            </form>
        </section>

        <section class="suggest-option">
            <h2>{tr(lang, "この質問を削除する", "Delete this question")}</h2>
            {errors_for(lang, rejected, "delete")}
            <form method="post" action=action class="stack">
                <input type="hidden" name="change" value="delete"/>
                {note_field(lang, "delete", typed(rejected, "delete", "note"))}
                <button type="submit" class="secondary">{tr(lang, "削除を提案する", "Suggest deleting it")}</button>
            </form>
        </section>
    }
    .into_any()
}
