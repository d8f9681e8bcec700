//! The studio's left pane: the survey's pages and questions, each a link to its editor (the
//! open one marked), with the palette that adds a question to a page.

use super::*;
use crate::components::sortable::{SortableOutline, drag_handle, page_handle};
use crate::pages::staff::builder::add_palette;

/// A small mark on a question some of whose texts have no English or easy Japanese yet.
fn untranslated_mark(lang: Lang, q: &Question) -> Option<impl IntoView + use<>> {
    let missing = q.untranslated();
    let names: Vec<&str> = missing
        .iter()
        .map(|l| match l {
            Lang::En => t(lang, Msg::InEnglish),
            _ => t(lang, Msg::InEasy),
        })
        .collect();
    (!names.is_empty()).then(|| {
        let title = format!(
            "{}: {}",
            crate::i18n::tr(lang, "訳が未入力", "Not translated"),
            names.join("・")
        );
        view! { <span class="oq-missing" title=title.clone() aria-label=title>"訳"</span> }
    })
}

pub(super) fn outline_pane(lang: Lang, b: &BuilderView, current: &str) -> impl IntoView {
    let id = b.summary.id;
    let post = format!("/staff/surveys/{id}/edit");
    let sections = b
        .definition
        .sections()
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let questions = section
                .questions
                .iter()
                .map(|q| {
                    let open = q.id == current;
                    let label = q.label.plain(lang);
                    view! {
                        <li class="outline-question" data-question=q.id.clone() draggable="true">
                            {drag_handle(lang, &label)}
                            <a href=format!("/staff/surveys/{id}/q/{}", q.id) aria-current=open.then_some("page")>
                                <span class="oq-label">{label.clone()}</span>
                                {untranslated_mark(lang, q)}
                                <span class="oq-kind">{kind_label(lang, kind_name(&q.kind))}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="outline-section" data-section=section.id.clone()>
                    <p class="os-title">{page_handle(lang, i + 1)}<span data-page-number="">{i + 1}</span>{format!(". {}", section.title.plain(lang))}</p>
                    <ol class="outline-questions">{questions}</ol>
                    {add_palette(lang, &post, &section.id)}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="studio-outline" aria-label=t(lang, Msg::SectionsAndQuestions)>
            <p class="os-survey">
                <a href=format!("/staff/surveys/{id}/edit")>{b.title.plain(lang)}</a>
            </p>
            <SortableOutline lang survey_id=id>
                <ol class="outline-sections">{sections}</ol>
            </SortableOutline>
        </nav>
    }
}
