//! The survey builder for staff: `/staff/surveys/new` and `/staff/surveys/{id}/edit`.
//!
//! Every change is a small plain form post (see the server's `web::staff`), so the builder
//! works without JavaScript, and every change is checked before it is saved.

use crate::api::request::RejectedForm;
use crate::api::staff::{get_builder, get_current_user};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::forms::refusal;
use crate::components::params::id_param;
use crate::components::rich::Rich;
use crate::i18n::{Msg, code_counts, kind_label, t, use_lang};
use crate::time::jst_input_value;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::edit::{KIND_NAMES, kind_name};
use shared::survey::{ResponsePolicy, SurveyStatus, Text};
use shared::views::BuilderView;
use shared::{ApiError, Lang};

mod panels;

use panels::{outline, settings_form, status_actions};

/// A small form that posts one builder action (a button).
pub fn action_button(
    action: String,
    fields: Vec<(&'static str, String)>,
    label: &'static str,
    class: &'static str,
) -> impl IntoView {
    let hidden = fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view();
    view! {
        <form method="post" action=action class="inline-action">
            {hidden}
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

/// The palette that adds a question to a page: one button per kind (a plain form, so it works
/// without JavaScript); the new question then opens in its editor.
pub fn add_palette(lang: Lang, post: &str, section: &str) -> impl IntoView + use<> {
    let kinds = KIND_NAMES
        .iter()
        .map(|k| view! { <button type="submit" name="kind" value=*k class="secondary">{kind_label(lang, k)}</button> })
        .collect_view();
    view! {
        <details class="palette">
            <summary>{t(lang, Msg::AddQuestion)}</summary>
            <form method="post" action=post.to_string() class="add-question">
                <input type="hidden" name="action" value="add_question"/>
                <input type="hidden" name="section" value=section.to_string()/>
                <div class="palette-kinds">{kinds}</div>
            </form>
        </details>
    }
}

/// Three inputs (Japanese, English, easy Japanese) for a translated text.
pub fn text_fields(
    lang: Lang,
    prefix: &str,
    label: &'static str,
    value: Option<&Text>,
    multiline: bool,
) -> AnyView {
    text_fields_ready(lang, prefix, label, value, multiline, None)
}

/// [`text_fields`], with the Japanese field focused when the page opens and showing `ready`
/// (what is saved while nothing is typed) in grey instead of as its text, so that typing
/// starts on an empty field (a question just added).
pub fn text_fields_ready(
    lang: Lang,
    prefix: &str,
    label: &'static str,
    value: Option<&Text>,
    multiline: bool,
    ready: Option<&str>,
) -> AnyView {
    let rows = [
        ("ja", Msg::InJapanese, value.map(|v| v.ja.clone())),
        ("en", Msg::InEnglish, value.and_then(|v| v.en.clone())),
        ("easy", Msg::InEasy, value.and_then(|v| v.easy.clone())),
    ];
    let inputs = rows
        .into_iter()
        .map(|(code, name, current)| {
            let field = format!("{prefix}.{code}");
            let id = format!("f-{}", field.replace('.', "-"));
            let (current, placeholder) = match ready {
                Some(ready) if code == "ja" => (None, Some(ready.to_string())),
                _ => (current, None),
            };
            let focus = placeholder.is_some();
            // A Japanese text without its English or easy Japanese: marked, so that what is left
            // to translate shows at a glance. The empty placeholder lets the style sheet take
            // the mark away as soon as something is typed (`:placeholder-shown`), script or not.
            let missing = code != "ja"
                && value.is_some_and(|v| !v.ja.trim().is_empty())
                && current.as_deref().is_none_or(|c| c.trim().is_empty());
            let placeholder = placeholder.or_else(|| missing.then(|| " ".to_string()));
            let input = if multiline {
                view! { <textarea id=id.clone() name=field rows="3" placeholder=placeholder autofocus=focus>{current.unwrap_or_default()}</textarea> }
                    .into_any()
            } else {
                view! { <input type="text" id=id.clone() name=field value=current placeholder=placeholder autofocus=focus/> }.into_any()
            };
            view! {
                <div class="lang-field" class:missing=missing>
                    <label for=id>
                        {t(lang, name)}
                        {missing.then(|| view! { " "<span class="missing-mark">{crate::i18n::tr(lang, "未入力", "missing")}</span> })}
                    </label>
                    {input}
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="text-fields">
            <legend>{label}</legend>
            {inputs}
        </fieldset>
    }
    .into_any()
}

/// `/staff/surveys/new`: a slug, a title, and blank or template.
#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    view! {
        <Title text=t(lang, Msg::NewSurvey)/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_current_user().await {
                        Ok(Some(user)) if !user.role.is_staff() => {
                            error_or_sign_in(ApiError::Forbidden, "/staff/surveys/new")
                        }
                        Ok(Some(user)) => {
                            let typed = |name: &str| {
                                rejected
                                    .as_ref()
                                    .and_then(|r| r.values.first(name).map(str::to_string))
                            };
                            view! {
                                <SignOutButton name=user.display_name/>
                                <p><a href="/staff">{t(lang, Msg::BackToSurveys)}</a></p>
                                <h1>{t(lang, Msg::NewSurvey)}</h1>
                                {refusal(lang, rejected.as_ref())}
                                <form method="post" action="/staff/surveys/new" class="stack">
                                    <div class="question">
                                        <label for="f-title" class="q-label-row">{t(lang, Msg::TitleLabel)}</label>
                                        <input type="text" id="f-title" name="title" value=typed("title")/>
                                    </div>
                                    <div class="question">
                                        <label for="f-slug" class="q-label-row">{t(lang, Msg::Slug)}</label>
                                        <p class="help">{t(lang, Msg::SlugHelp)}</p>
                                        <input type="text" id="f-slug" name="slug" value=typed("slug") autocapitalize="none" spellcheck="false"/>
                                    </div>
                                    <fieldset class="question">
                                        <legend>{t(lang, Msg::StartFrom)}</legend>
                                        <div class="options">
                                            <label class="option">
                                                <input type="radio" name="start" value="template" checked=true/>
                                                <span>{t(lang, Msg::FromTemplate)}</span>
                                            </label>
                                            <label class="option">
                                                <input type="radio" name="start" value="blank"/>
                                                <span>{t(lang, Msg::FromBlank)}</span>
                                            </label>
                                        </div>
                                    </fieldset>
                                    <button type="submit" class="primary">{t(lang, Msg::Create)}</button>
                                </form>
                                <h2>{t(lang, Msg::XlsFormImport)}</h2>
                                <p class="help">{t(lang, Msg::XlsFormHelp)}</p>
                                <form method="post" action="/staff/surveys/import" enctype="multipart/form-data" class="stack">
                                    <div class="question">
                                        <label for="f-file" class="q-label-row">{t(lang, Msg::XlsFormFile)}</label>
                                        <input type="file" id="f-file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                                    </div>
                                    <div class="question">
                                        <label for="f-import-slug" class="q-label-row">{t(lang, Msg::Slug)}</label>
                                        <p class="help">{t(lang, Msg::XlsFormSlugHelp)}</p>
                                        <input type="text" id="f-import-slug" name="slug" value=typed("import_slug") autocapitalize="none" spellcheck="false"/>
                                    </div>
                                    <div class="question">
                                        <label for="f-import-title" class="q-label-row">{t(lang, Msg::TitleLabel)}</label>
                                        <p class="help">{crate::i18n::tr(
                                            lang,
                                            "空欄なら、ファイルの form_title（なければ form_id かファイル名）を使います。",
                                            "If empty, the file's form_title is used (else its form_id or the file's name).",
                                        )}</p>
                                        <input type="text" id="f-import-title" name="title" value=typed("import_title")/>
                                    </div>
                                    <button type="submit" class="secondary">{t(lang, Msg::XlsFormImportButton)}</button>
                                </form>
                            }
                            .into_any()
                        }
                        Ok(None) => error_or_sign_in(ApiError::Unauthorized, "/staff/surveys/new"),
                        Err(e) => error_or_sign_in(e, "/staff/surveys/new"),
                    }
                })
            }}
        </Suspense>
    }
}

/// `/staff/surveys/{id}/edit`: settings, status, and the outline of pages and questions.
#[component]
pub fn BuilderPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let here = format!("/staff/surveys/{id}/edit");
    let rejected = use_context::<RejectedForm>();
    let asked = BuilderQuery::read();
    view! {
        <Suspense>
            {move || {
                let (here, rejected, asked) = (here.clone(), rejected.clone(), asked.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_builder(id).await?))
                    };
                    match data.await {
                        Ok((user, b)) => view! {
                            <SignOutButton name=user.display_name/>
                            {builder_view(lang, b, rejected.as_ref(), &asked)}
                        }
                        .into_any(),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// What the builder's address asks of it: to confirm an action, or to say what was done.
#[derive(Clone, Default)]
struct BuilderQuery {
    confirm: Option<String>,
    question: Option<String>,
    section: Option<String>,
    done: Option<String>,
    /// After a question was deleted: the revision that deleted it (for "undo").
    revision: Option<String>,
    /// After an XLSForm import: what the form had that was left out on purpose.
    skipped: Vec<String>,
}

impl BuilderQuery {
    fn read() -> BuilderQuery {
        let query = use_query_map().read_untracked();
        BuilderQuery {
            confirm: query.get("confirm"),
            question: query.get("question"),
            section: query.get("section"),
            done: query.get("done"),
            revision: query.get("revision"),
            skipped: query.get_all("skipped").unwrap_or_default(),
        }
    }
}

fn builder_view(
    lang: Lang,
    b: BuilderView,
    rejected: Option<&RejectedForm>,
    asked: &BuilderQuery,
) -> AnyView {
    let done = match asked.done.as_deref() {
        Some("imported") => Some(super::confirm::imported_message(lang, &asked.skipped)),
        Some(d) => super::confirm::done_message(lang, d, b.summary.status),
        None => None,
    };
    let confirm = asked.confirm.as_deref().and_then(|action| {
        super::confirm::confirmation(
            lang,
            &b,
            action,
            asked.question.as_deref(),
            asked.section.as_deref(),
        )
    });
    let id = b.summary.id;
    let post = format!("/staff/surveys/{id}/edit");
    let undo = match (asked.done.as_deref(), &asked.question, &asked.revision) {
        (Some("delete_question"), Some(question), Some(revision)) => Some(action_button(
            post.clone(),
            vec![
                ("action", "undo_delete".to_string()),
                ("question", question.clone()),
                ("revision", revision.clone()),
            ],
            crate::i18n::tr(lang, "元に戻す", "Undo"),
            "secondary undo",
        )),
        _ => None,
    };
    let title = b.title.plain(lang);
    let version = match b.published_version {
        Some(v) => format!("{}: {v}", t(lang, Msg::PublishedVersion)),
        None => t(lang, Msg::NotPublished).to_string(),
    };
    let codes = (b.policy == ResponsePolicy::Code).then(|| {
        view! {
            <li>
                <a href=format!("/staff/surveys/{id}/codes")>{t(lang, Msg::Codes)}</a>
                " — "{code_counts(lang, b.codes.0, b.codes.1)}
                " · "
                <a href=format!("/staff/surveys/{id}/cards")>{t(lang, Msg::PrintCards)}</a>
            </li>
        }
    });
    let answer_link = b.published_version.map(|_| {
        let slug = b.summary.slug.clone();
        view! {
            <li>
                <a href=format!("/s/{slug}")>{format!("/s/{slug}")}</a>
                " · "
                <a href=format!("/s/{slug}/paper")>{t(lang, Msg::PrintPaper)}</a>
                " · "
                <a href=format!("/staff/surveys/{id}/entry")>{t(lang, Msg::PaperEntry)}</a>
            </li>
        }
    });
    view! {
        <Title text=format!("{} — {title}", t(lang, Msg::EditSurvey))/>
        <p><a href="/staff">{t(lang, Msg::BackToSurveys)}</a></p>
        <h1>{title}</h1>
        <ul class="facts" data-state=b.summary.status.as_str()>
            <li>
                {t(lang, Msg::Status)}": "
                {crate::pages::staff::responses::status_label(lang, b.summary.status)}
                " · "{version}
            </li>
            {b.unpublished_changes.then(|| view! { <li class="unpublished">{t(lang, Msg::UnpublishedChanges)}</li> })}
            {answer_link}
            <li><a href=format!("/staff/surveys/{id}")>{t(lang, Msg::ViewResponses)}</a></li>
            <li class="codesign-links">
                <a href=format!("/review/{id}")>{crate::i18n::tr(lang, "協議会との共同設計（コメント・提案・承認）", "Co-design with the council (comments, suggestions, approval)")}</a>
                {b.in_review.map(|_| view! { " "<span class="badge">{crate::i18n::tr(lang, "確認中", "in review")}</span> })}
                " · "
                <a href=format!("/review/{id}/revisions")>{crate::i18n::tr(lang, "変更の履歴", "History")}</a>
                " ("{crate::i18n::tr(lang, "編集版 ", "revision ")}{b.revision}")"
            </li>
            <li>
                <a href=format!("/staff/surveys/{id}/flyer")>{t(lang, Msg::Flyer)}</a>
                " · "
                <a href=format!("/staff/surveys/{id}/xlsform") download="">{t(lang, Msg::XlsFormExport)}</a>
            </li>
            {codes}
        </ul>
        {done}
        {undo}
        {refusal(lang, rejected)}
        {confirm}
        {status_actions(lang, &b, &post)}
        <details class="card">
            <summary><h2>{t(lang, Msg::Settings)}</h2></summary>
            {settings_form(lang, &b, &post)}
        </details>
        <h2>{t(lang, Msg::SectionsAndQuestions)}</h2>
        {outline(lang, &b, &post)}
    }
    .into_any()
}
