//! The builder's panels: the survey's status actions, its settings, and the outline of its
//! sections.

use super::*;
use crate::components::islands::IslandScripts;
use crate::components::sortable::{SortableOutline, drag_handle, page_handle};

pub(super) fn status_actions(lang: Lang, b: &BuilderView, post: &str) -> impl IntoView {
    let mut buttons = Vec::new();
    let button = |action: &str, label: &'static str, class: &'static str| {
        action_button(
            post.to_string(),
            vec![("action", action.to_string())],
            label,
            class,
        )
        .into_any()
    };
    let archive = crate::pages::staff::confirm::archive_label(lang);
    match b.summary.status {
        SurveyStatus::Draft => {
            buttons.push(button("publish", t(lang, Msg::Publish), "primary"));
            buttons.push(button("archive", archive, "secondary"));
        }
        SurveyStatus::Open | SurveyStatus::Closed => {
            if b.unpublished_changes {
                buttons.push(button("publish", t(lang, Msg::PublishChanges), "primary"));
            }
            if b.summary.status == SurveyStatus::Open {
                buttons.push(button("close", t(lang, Msg::CloseSurvey), "secondary"));
            } else {
                buttons.push(button("reopen", t(lang, Msg::Reopen), "secondary"));
                buttons.push(button("archive", archive, "secondary"));
            }
        }
        SurveyStatus::Archived => {
            buttons.push(button(
                "restore",
                crate::pages::staff::confirm::restore_label(lang),
                "primary",
            ));
        }
    }
    view! { <div class="status-actions">{buttons}</div> }
}

pub(super) fn settings_form(lang: Lang, b: &BuilderView, post: &str) -> impl IntoView {
    let policies = [
        (ResponsePolicy::Open, Msg::PolicyOpen),
        (ResponsePolicy::Device, Msg::PolicyDevice),
        (ResponsePolicy::Code, Msg::PolicyCode),
        (ResponsePolicy::Resident, Msg::PolicyResident),
    ]
    .into_iter()
    .map(|(p, msg)| {
        view! {
            <label class="option">
                <input type="radio" name="policy" value=p.as_str() checked=b.policy == p/>
                <span>{t(lang, msg)}</span>
            </label>
        }
    })
    .collect_view();
    let districts = b
        .districts
        .iter()
        .map(|(id, name)| {
            let checked = b.target_districts.contains(id);
            view! {
                <label class="option">
                    <input type="checkbox" name="district" value=id.to_string() checked=checked/>
                    <span>{name.plain(lang)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <form method="post" action=post.to_string() class="stack" id="settings">
            <input type="hidden" name="action" value="settings"/>
            <p class="help">{t(lang, Msg::FuriganaHelp)}</p>
            {text_fields(lang, "title", t(lang, Msg::TitleLabel), Some(&b.title), false)}
            {text_fields(lang, "intro", t(lang, Msg::IntroLabel), Some(&b.intro), true)}
            <fieldset class="question">
                <legend>{t(lang, Msg::Policy)}</legend>
                <div class="options">{policies}</div>
            </fieldset>
            <div class="question two-up">
                <label for="f-opens">{t(lang, Msg::OpensAt)}</label>
                <input type="datetime-local" id="f-opens" name="opens_at" value=b.opens_at.map(jst_input_value)/>
                <label for="f-closes">{t(lang, Msg::ClosesAt)}</label>
                <input type="datetime-local" id="f-closes" name="closes_at" value=b.closes_at.map(jst_input_value)/>
            </div>
            <fieldset class="question">
                <legend>{t(lang, Msg::TargetDistricts)}</legend>
                <div class="options districts">{districts}</div>
            </fieldset>
            <button type="submit" class="primary">{t(lang, Msg::Save)}</button>
        </form>
    }
}

pub(super) fn outline(lang: Lang, b: &BuilderView, post: &str) -> impl IntoView {
    let id = b.summary.id;
    let sections = b.definition.sections();
    let count = sections.len();
    let items = sections
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let questions = section
                .questions
                .iter()
                .map(|q| {
                    let qid = q.id.clone();
                    let field = |up: bool| {
                        vec![
                            ("action", "move_question".to_string()),
                            ("question", qid.clone()),
                            ("up", if up { "1" } else { "0" }.to_string()),
                        ]
                    };
                    view! {
                        <li class="builder-question" id=format!("q-{qid}") data-question=qid.clone() draggable="true">
                            <div class="bq-head">
                                {drag_handle(lang, &q.label.plain(lang))}
                                <span class="badge">{kind_label(lang, kind_name(&q.kind))}</span>
                                {q.required.then(|| view! { <span class="badge required">{t(lang, Msg::Required)}</span> })}
                                {q.show_if.is_some().then(|| view! { <span class="badge">{t(lang, Msg::ShowIfLabel)}</span> })}
                            </div>
                            <p class="bq-label"><Rich text=q.label.get(lang).to_string()/></p>
                            <div class="bq-actions">
                                <a class="button secondary" href=format!("/staff/surveys/{id}/q/{qid}")>{t(lang, Msg::Edit)}</a>
                                {action_button(post.to_string(), field(true), t(lang, Msg::MoveUp), "secondary")}
                                {action_button(post.to_string(), field(false), t(lang, Msg::MoveDown), "secondary")}
                                {action_button(post.to_string(), vec![("action", "duplicate_question".into()), ("question", qid.clone())], t(lang, Msg::Duplicate), "secondary")}
                                {action_button(post.to_string(), vec![("action", "delete_question".into()), ("question", qid.clone())], t(lang, Msg::Delete), "danger")}
                            </div>
                        </li>
                    }
                })
                .collect_view();
            let sid = section.id.clone();
            let section_field = |action: &str| vec![("action", action.to_string()), ("section", sid.clone())];
            view! {
                <section class="builder-section card" id=format!("s-{sid}") data-section=sid.clone()>
                    <div class="bs-head">
                        {page_handle(lang, i + 1)}
                        <h3><span data-page-number="">{i + 1}</span>{format!(" / {count}  ")}<Rich text=section.title.get(lang).to_string()/></h3>
                        <a href=format!("/staff/surveys/{id}/preview/{}", i + 1) data-page-link="">{t(lang, Msg::Preview)}</a>
                    </div>
                    <details>
                        <summary>{t(lang, Msg::SectionTitle)}</summary>
                        <form method="post" action=post.to_string() class="stack">
                            <input type="hidden" name="action" value="retitle_section"/>
                            <input type="hidden" name="section" value=sid.clone()/>
                            {text_fields(lang, &format!("title-{sid}"), t(lang, Msg::SectionTitle), Some(&section.title), false)}
                            {text_fields(lang, &format!("intro-{sid}"), t(lang, Msg::IntroLabel), section.intro.as_ref(), true)}
                            <button type="submit" class="secondary">{t(lang, Msg::Save)}</button>
                        </form>
                    </details>
                    <div class="bq-actions">
                        {action_button(post.to_string(), [section_field("move_section"), vec![("up", "1".into())]].concat(), t(lang, Msg::MoveUp), "secondary")}
                        {action_button(post.to_string(), [section_field("move_section"), vec![("up", "0".into())]].concat(), t(lang, Msg::MoveDown), "secondary")}
                        {action_button(post.to_string(), section_field("delete_section"), t(lang, Msg::Delete), "danger")}
                    </div>
                    <ol class="builder-questions">{questions}</ol>
{add_palette(lang, post, &sid)}
                </section>
            }
        })
        .collect_view();
    view! {
        <IslandScripts/>
        <SortableOutline lang survey_id=id>{items}</SortableOutline>
        {action_button(post.to_string(), vec![("action", "add_section".into())], t(lang, Msg::AddSection), "secondary")}
    }
}
