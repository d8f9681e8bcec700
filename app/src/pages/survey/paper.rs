//! `/s/{slug}/paper`: the published survey as a printed questionnaire, for residents who answer
//! on paper. Every question is numbered (問1, 問2, …) and every option too, so staff can type
//! paper answers in by number; the show-if logic is written out as skip instructions
//! ("※問1で「4. ほとんど利用しない」と答えた方のみ…"); one-per-code surveys get a code box.
//! The page prints on A4 from any browser (see the print rules in `style/main.css`).

use super::slug_param;
use crate::api::request::request_origin;
use crate::api::survey::get_survey_paper;
use crate::components::error_page::ErrorPage;
use crate::components::question::value_label;
use crate::components::rich::Rich;
use crate::i18n::{
    Msg, agreement_labels, circle_up_to, only_if, question_number, rank_instruction, t, use_lang,
};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::Lang;
use shared::paper::option_number;
use shared::survey::{Condition, Question, QuestionKind, ResponsePolicy, SurveyDefinition};
use shared::views::PaperView;

/// The paper questionnaire page.
#[component]
pub fn PaperPage() -> impl IntoView {
    let slug = slug_param();
    view! {
        <Suspense>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_survey_paper(slug).await {
                        Ok(paper) => paper_view(paper),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The skip instruction for a condition, naming the question by its printed number.
fn skip_instruction(
    lang: Lang,
    condition: &Condition,
    def: &SurveyDefinition,
    numbers: &[String],
    page: bool,
) -> String {
    let index = numbers.iter().position(|id| id == condition.question());
    let on = def.question(condition.question());
    let quoted = on.map(|q| {
        condition
            .values()
            .iter()
            .map(|v| {
                format!(
                    "「{}. {}」",
                    option_number(q, v),
                    value_label(lang, Some(q), v)
                )
            })
            .collect::<Vec<_>>()
            .join(if lang == Lang::En { " or " } else { "か" })
    });
    let quoted = quoted.filter(|q| !q.is_empty());
    only_if(lang, index.map_or(0, |i| i + 1), quoted.as_deref(), page)
}

/// Numbered options, one per line, with "other (…)" at the end when offered.
fn numbered(lang: Lang, q: &Question, items: Vec<(String, String)>) -> AnyView {
    let mut rows: Vec<AnyView> = items
        .into_iter()
        .map(|(number, label)| {
            view! {
                <li>
                    <span class="paper-num">{number}</span>
                    <Rich text=label/>
                </li>
            }
            .into_any()
        })
        .collect();
    if q.has_other() {
        let number = q.options().len() + 1;
        rows.push(
            view! {
                <li>
                    <span class="paper-num">{number}</span>
                    {format!("{}（", t(lang, Msg::OtherSpecify))}
                    <span class="paper-line"></span>
                    "）"
                </li>
            }
            .into_any(),
        );
    }
    view! { <ol class="paper-options">{rows}</ol> }.into_any()
}

/// How a question of each kind is answered on paper.
fn paper_answer(lang: Lang, q: &Question) -> (Option<String>, AnyView) {
    let options = || {
        q.options()
            .iter()
            .enumerate()
            .map(|(i, o)| ((i + 1).to_string(), o.label.get(lang).to_string()))
            .collect::<Vec<_>>()
    };
    let boxes = |labels: Vec<(String, String)>| {
        let cells = labels
            .into_iter()
            .map(|(n, label)| {
                view! {
                    <td>
                        <span class="paper-num">{n}</span>
                        <span class="paper-point">{label}</span>
                    </td>
                }
            })
            .collect_view();
        view! { <table class="paper-scale"><tr>{cells}</tr></table> }.into_any()
    };
    match &q.kind {
        QuestionKind::SingleChoice { .. } | QuestionKind::Dropdown { .. } => {
            (Some(t(lang, Msg::CircleOne).into()), numbered(lang, q, options()))
        }
        QuestionKind::MultipleChoice { max, .. } => (
            Some(max.map_or_else(|| t(lang, Msg::CircleAny).into(), |m| circle_up_to(lang, m))),
            numbered(lang, q, options()),
        ),
        QuestionKind::YesNo => (
            Some(t(lang, Msg::CircleOne).into()),
            numbered(
                lang,
                q,
                vec![
                    ("1".into(), t(lang, Msg::Yes).into()),
                    ("2".into(), t(lang, Msg::No).into()),
                ],
            ),
        ),
        QuestionKind::Agreement { points, labels } => {
            let words: Vec<String> = match labels {
                Some(l) => l.iter().map(|t| t.plain(lang)).collect(),
                None => agreement_labels(lang, *points)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            };
            let items = words
                .into_iter()
                .enumerate()
                .map(|(i, w)| ((i + 1).to_string(), w))
                .rev()
                .collect();
            (Some(t(lang, Msg::CircleOne).into()), boxes(items))
        }
        QuestionKind::Scale { low, high } => {
            let items = (0..=10)
                .map(|n| {
                    let end = match n {
                        0 => low.as_ref().map(|l| l.plain(lang)),
                        10 => high.as_ref().map(|h| h.plain(lang)),
                        _ => None,
                    };
                    (n.to_string(), end.unwrap_or_default())
                })
                .collect();
            (Some(t(lang, Msg::CircleOne).into()), boxes(items))
        }
        QuestionKind::Stars { max } => {
            let items = (1..=*max)
                .map(|n| (n.to_string(), "★".repeat(usize::from(n))))
                .collect();
            (Some(t(lang, Msg::CircleOne).into()), boxes(items))
        }
        QuestionKind::Number { unit, .. } => (
            Some(t(lang, Msg::WriteNumber).into()),
            view! {
                <p class="paper-write">
                    <span class="paper-box"></span>
                    {unit.as_ref().map(|u| view! { <span><Rich text=u.get(lang).to_string()/></span> })}
                </p>
            }
            .into_any(),
        ),
        QuestionKind::Text { multiline, .. } => {
            let lines = if *multiline { 5 } else { 1 };
            (
                Some(t(lang, Msg::WriteFreely).into()),
                view! {
                    <div class="paper-lines">
                        {(0..lines).map(|_| view! { <span class="paper-line full"></span> }).collect_view()}
                    </div>
                }
                .into_any(),
            )
        }
        QuestionKind::Date { .. } => {
            let (y, m, d) = match lang {
                Lang::Ja => ("年", "月", "日"),
                Lang::En => ("year", "month", "day"),
                Lang::EasyJa => ("ねん", "がつ", "にち"),
            };
            (
                None,
                view! {
                    <p class="paper-write" aria-label=t(lang, Msg::YearMonthDay)>
                        <span class="paper-box date-year"></span>{y}" "
                        <span class="paper-box small"></span>{m}" "
                        <span class="paper-box small"></span>{d}
                    </p>
                }
                .into_any(),
            )
        }
        QuestionKind::Ranking { options: list, top } => {
            let rows = list
                .iter()
                .map(|o| {
                    view! {
                        <li>
                            <span class="paper-box small"></span>
                            <Rich text=o.label.get(lang).to_string()/>
                        </li>
                    }
                })
                .collect_view();
            (
                Some(rank_instruction(lang, top.map_or(list.len(), usize::from))),
                view! { <ul class="paper-options ranking">{rows}</ul> }.into_any(),
            )
        }
        QuestionKind::Matrix { rows, columns } => {
            let head = columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    view! {
                        <th scope="col">
                            <span class="paper-num">{i + 1}</span>
                            <Rich text=c.label.get(lang).to_string()/>
                        </th>
                    }
                })
                .collect_view();
            let body = rows
                .iter()
                .map(|r| {
                    let cells = (1..=columns.len())
                        .map(|n| view! { <td class="paper-cell">{n}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row"><Rich text=r.label.get(lang).to_string()/></th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            (
                Some(t(lang, Msg::EachRowOne).into()),
                view! {
                    <table class="paper-matrix">
                        <thead><tr><td></td>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                }
                .into_any(),
            )
        }
    }
}

fn paper_view(paper: PaperView) -> AnyView {
    let lang = use_lang();
    let def = &paper.definition;
    let numbers: Vec<String> = def.questions().map(|q| q.id.clone()).collect();
    let origin = paper.origin.clone().unwrap_or_else(request_origin);
    let address = format!("{origin}/s/{}", paper.slug);
    let deadline = paper.closes_at.map(|at| format_jst(at, lang));
    let mut n = 0usize;
    let sections = def
        .sections()
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let page_skip = section
                .show_if
                .as_ref()
                .map(|c| skip_instruction(lang, c, def, &numbers, true));
            let questions = section
                .questions
                .iter()
                .map(|q| {
                    n += 1;
                    let skip = q
                        .show_if
                        .as_ref()
                        .map(|c| skip_instruction(lang, c, def, &numbers, false));
                    let (instruction, answer) = paper_answer(lang, q);
                    view! {
                        <div class="paper-question" data-question=q.id.clone()>
                            {skip.map(|s| view! { <p class="paper-skip">{s}</p> })}
                            <p class="paper-label">
                                <strong>{question_number(lang, n)}</strong>" "
                                <Rich text=q.label.get(lang).to_string()/>
                                " "
                                {instruction.map(|i| view! { <span class="paper-instruction">{i}</span> })}
                            </p>
                            {q.help.as_ref().map(|h| view! { <p class="help"><Rich text=h.get(lang).to_string()/></p> })}
                            {answer}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="paper-section">
                    <h2>{format!("{}. ", i + 1)}<Rich text=section.title.get(lang).to_string()/></h2>
                    {page_skip.map(|s| view! { <p class="paper-skip">{s}</p> })}
                    {section.intro.as_ref().map(|i| view! { <p class="intro"><Rich text=i.get(lang).to_string()/></p> })}
                    {questions}
                </section>
            }
        })
        .collect_view();
    let code_box = (paper.policy == ResponsePolicy::Code).then(|| {
        view! {
            <p class="paper-code">
                {t(lang, Msg::PaperCodeBox)}": "
                <span class="paper-box wide"></span>
            </p>
        }
    });
    view! {
        <Title text=format!("{} — {}", t(lang, Msg::PrintPaper), paper.title.plain(lang))/>
        <p class="print-hint">{t(lang, Msg::PaperPrintHint)}</p>
        <article class="paper">
            <header class="paper-head">
                <h1><Rich text=paper.title.get(lang).to_string()/></h1>
                <p class="intro"><Rich text=paper.intro.get(lang).to_string()/></p>
                <ul class="facts">
                    {deadline.map(|d| view! { <li>{t(lang, Msg::Deadline)}": "{d}</li> })}
                    <li>{t(lang, Msg::Anonymous)}</li>
                    <li>{t(lang, Msg::PaperOnline)}": "<span class="paper-url">{address}</span></li>
                </ul>
                {code_box}
                <p class="paper-howto">{t(lang, Msg::PaperHowTo)}</p>
            </header>
            {sections}
            <footer class="paper-foot">
                <p>{t(lang, Msg::PaperReturn)}</p>
                <p class="paper-version">{format!("{} · v{}", paper.slug, paper.version)}</p>
            </footer>
        </article>
    }
    .into_any()
}
