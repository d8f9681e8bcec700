//! `/staff/surveys/{id}/q/{qid}`: one question's editor, with the question as a phone shows it.

use super::builder::{text_fields, text_fields_ready};
use crate::api::request::RejectedForm;
use crate::api::staff::{get_builder, get_current_user};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::forms::refusal;
use crate::components::islands::IslandScripts;
use crate::components::live_question::LiveQuestion;
use crate::components::params::id_param;
use crate::components::question::{question_field, value_label};
use crate::i18n::{Msg, kind_label, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::answer::FormValues;
use shared::edit::{KIND_NAMES, kind_name};
use shared::survey::{Choice, Condition, Question, QuestionKind};
use shared::views::BuilderView;
use shared::{ApiError, Lang};

mod fields;
mod outline;

pub use fields::kind_fields;
use fields::{check, condition_fields};
use outline::outline_pane;

/// The question editor page.
#[component]
pub fn QuestionEditorPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let qid = use_params_map()
        .read_untracked()
        .get("qid")
        .unwrap_or_default();
    let here = format!("/staff/surveys/{id}/q/{qid}");
    let rejected = use_context::<RejectedForm>();
    let query = use_query_map().read_untracked();
    let opened = Opened {
        saved: query.get("saved").is_some(),
        new: query.get("new").is_some(),
    };
    view! {
        <Suspense>
            {move || {
                let (here, rejected, qid) = (here.clone(), rejected.clone(), qid.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_builder(id).await?))
                    };
                    match data.await {
                        Ok((user, b)) => match b.definition.question(&qid).cloned() {
                            Some(q) => view! {
                                <SignOutButton name=user.display_name/>
                                {editor(lang, &b, q, rejected.as_ref(), opened)}
                            }
                            .into_any(),
                            None => error_or_sign_in(ApiError::NotFound, &here),
                        },
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// On a conflict: the question as saved by someone else meanwhile, and how the refused edit
/// differs from it, so the editor can keep what should stay and save again.
fn conflict_panel(lang: Lang, theirs: &Question, mine: &Question) -> AnyView {
    let diff = shared::codesign::question_diff(theirs, mine);
    view! {
        <section class="conflict" id="conflict">
            <h2>{crate::i18n::tr(lang, "保存されている内容（他の方の変更後）", "As saved now (after the other change)")}</h2>
            <div class="phone">{question_field(theirs, lang, &FormValues::default(), None, None)}</div>
            <h2>{crate::i18n::tr(lang, "あなたの変更（保存されている内容との違い）", "Your edit, compared with what is saved")}</h2>
            {crate::components::diff::question_diff(lang, &diff)}
            <p class="help">{crate::i18n::tr(
                lang,
                "下の欄はあなたの入力のままです。残す内容にしてから保存すると、今の内容に上書きせず反映されます。",
                "The fields below keep what you typed. Adjust them to what should stay and save: this time it is saved on top of the current version.",
            )}</p>
        </section>
    }
    .into_any()
}

/// How the editor was opened: after a save, or for a question just added.
#[derive(Clone, Copy)]
struct Opened {
    saved: bool,
    new: bool,
}

fn editor(
    lang: Lang,
    b: &BuilderView,
    saved_q: Question,
    rejected: Option<&RejectedForm>,
    opened: Opened,
) -> AnyView {
    let id = b.summary.id;
    // After any refused save (a conflict, a condition left incomplete, a definition that does
    // not hold) the fields show what this editor typed, never the saved question: nothing typed
    // is lost.
    let conflict = rejected.filter(|r| matches!(r.error, ApiError::EditConflict { .. }));
    let q = match rejected {
        Some(r) => shared::edit::question_from_form(&saved_q, &r.values),
        None => saved_q.clone(),
    };
    let condition_incomplete = rejected.is_some_and(
        |r| matches!(&r.error, ApiError::Validation(errors) if errors.get("if.value").is_some()),
    );
    let post = format!("/staff/surveys/{id}/q/{}", q.id);
    let current = q.id.clone();
    let current_kind = kind_name(&q.kind);
    let kinds = KIND_NAMES
        .iter()
        .map(|k| view! { <option value=*k selected=*k == current_kind>{kind_label(lang, k)}</option> })
        .collect_view();
    let earlier: Vec<Question> = b
        .definition
        .questions()
        .take_while(|other| other.id != q.id)
        .cloned()
        .collect();
    let form = view! {
        <form method="post" action=post class="stack editor-form">
            <input type="hidden" name="rev" value=b.revision.to_string()/>
            <div class="lang-field">
                <label for="f-kind">{t(lang, Msg::QuestionKindLabel)}</label>
                <select id="f-kind" name="kind">{kinds}</select>
            </div>
            <p class="help">{t(lang, Msg::FuriganaHelp)}</p>
            {text_fields_ready(
                lang,
                "label",
                t(lang, Msg::QuestionText),
                Some(&q.label),
                true,
                (opened.new && rejected.is_none()).then_some(q.label.ja.as_str()),
            )}
            {text_fields(lang, "help", t(lang, Msg::HelpText), q.help.as_ref(), true)}
            {check(t(lang, Msg::RequiredLabel), "required", q.required)}
            {kind_fields(lang, &q)}
            {condition_fields(lang, b, &q, condition_incomplete)}
            <button type="submit" class="primary">{t(lang, Msg::Save)}</button>
        </form>
    }
    .into_any();
    let title = format!("{} — {}", t(lang, Msg::Question), q.label.plain(lang));
    let heading = format!("{} {}", t(lang, Msg::Question), q.id);
    let back = format!("/staff/surveys/{id}/edit#q-{}", q.id);
    // Type-erased in parts: one nested view type of the whole page is too deep to compile.
    let studio = view! {
        <div class="studio">
            <div class="studio-main">
                <LiveQuestion lang survey_id=id saved=saved_q.clone() question=q.clone() earlier>{form}</LiveQuestion>
            </div>
            {outline_pane(lang, b, &current).into_any()}
        </div>
    }
    .into_any();
    view! {
        <Title text=title/>
        <p><a href=back>{t(lang, Msg::BackToBuilder)}</a></p>
        <h1>{heading}</h1>
        {opened.saved.then(|| view! { <p class="saved" role="status" data-done="saved">{t(lang, Msg::Saved)}</p> })}
        {(opened.new && !opened.saved).then(|| view! {
            <p class="saved" role="status" data-done="added">{crate::i18n::tr(
                lang,
                "質問を追加しました。質問文を入力して保存してください。",
                "Question added. Type its wording and save.",
            )}</p>
        })}
        {refusal(lang, rejected)}
        {conflict.map(|_| conflict_panel(lang, &saved_q, &q))}
        <IslandScripts/>
        {studio}
    }
    .into_any()
}
