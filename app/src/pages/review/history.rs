//! `/review/{id}/revisions`: every saved change of a draft (who, when, what), two revisions
//! compared word by word, and restoring an old one (staff).

use super::review_error;
use crate::api::codesign::get_revisions;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::SignOutButton;
use crate::components::diff::{pieces, question_diff};
use crate::components::forms::refusal;
use crate::components::params::id_param;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::codesign::views::RevisionsView;
use shared::codesign::{QuestionChange, SurveyDiff, changed};
use shared::{ApiError, Lang};

/// The history page.
#[component]
pub fn RevisionsPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let query = use_query_map().read_untracked();
    let number = |name: &str| query.get(name).and_then(|n| n.parse::<i64>().ok());
    let compare = number("a").zip(number("b"));
    let restored = number("restored");
    let here = format!("/review/{id}/revisions");
    let rejected = use_context::<RejectedForm>();
    view! {
        <Title text=tr(lang, "変更の履歴", "History")/>
        <Suspense>
            {move || {
                let (here, rejected) = (here.clone(), rejected.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_revisions(id, compare).await?))
                    };
                    match data.await {
                        Ok((user, v)) => view! {
                            <SignOutButton name=user.display_name/>
                            {page(lang, &v, restored, rejected.as_ref())}
                        }
                        .into_any(),
                        Err(e) => review_error(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn note(lang: Lang, note: &str) -> String {
    match note.split_once(' ') {
        _ if note == "start" => tr(lang, "作成", "created").to_string(),
        _ if note == "edit" => tr(lang, "編集", "edited").to_string(),
        _ if note == "settings" => {
            tr(lang, "題名・説明の変更", "title or introduction").to_string()
        }
        Some(("restore", n)) => format!(
            "{}{n}{}",
            tr(lang, "編集版", "restored revision "),
            tr(lang, "に戻す", "")
        ),
        Some(("suggestion", n)) => {
            format!("{}{n}", tr(lang, "提案を採用 #", "accepted suggestion #"))
        }
        _ => note.to_string(),
    }
}

fn page(
    lang: Lang,
    v: &RevisionsView,
    restored: Option<i64>,
    rejected: Option<&RejectedForm>,
) -> AnyView {
    let id = v.survey_id;
    let newest = v.revisions.first().map(|r| r.number).unwrap_or(1);
    let options = |selected: i64| {
        v.revisions
            .iter()
            .map(|r| view! { <option value=r.number.to_string() selected=r.number == selected>{r.number}</option> })
            .collect_view()
    };
    let (a, b) = match &v.compare {
        Some((a, b, _)) => (*a, *b),
        None => ((newest - 1).max(1), newest),
    };
    let rows = v
        .revisions
        .iter()
        .map(|r| {
            let published = r.published_as.map(|n| view! {
                " "<span class="badge">{tr(lang, "公開版 ", "published as version ")}{n}</span>
            });
            let restore = (v.can_restore && r.number != v.revision).then(|| view! {
                <form method="post" action=format!("/review/{id}/revisions/{}/restore", r.number) class="inline-action">
                    <button type="submit" class="secondary">{tr(lang, "この版に戻す", "Restore")}</button>
                </form>
            });
            let previous = (r.number > 1).then(|| view! {
                <a href=format!("/review/{id}/revisions?a={}&b={}", r.number - 1, r.number)>{tr(lang, "前と比べる", "Compare with previous")}</a>
            });
            view! {
                <tr data-revision=r.number.to_string()>
                    <td class="num">{r.number}{published}</td>
                    <td>{format_jst(r.at, lang)}</td>
                    <td>{r.author.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{note(lang, &r.note)}</td>
                    <td>{previous}" "{restore}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="crumbs"><a href=format!("/review/{id}")>{tr(lang, "← 確認ページへ", "← Back to the draft")}</a></p>
        <h1>{tr(lang, "変更の履歴", "History")}" — "{v.title.plain(lang)}</h1>
        {refusal(lang, rejected)}
        {restored.map(|n| view! {
            <p class="saved" role="status">{tr(lang, "編集版を戻しました：", "Restored revision ")}{n}</p>
        })}
        <form method="get" action=format!("/review/{id}/revisions") class="add-question">
            <label for="f-a">{tr(lang, "比べる版", "Compare revision")}</label>
            <select id="f-a" name="a">{options(a)}</select>
            <label for="f-b">{tr(lang, "と", "with")}</label>
            <select id="f-b" name="b">{options(b)}</select>
            <button type="submit" class="secondary">{tr(lang, "比べる", "Compare")}</button>
        </form>
        {v.compare.as_ref().map(|(a, b, diff)| comparison(lang, *a, *b, diff))}
        <div class="table-wrap">
            <table class="data revisions">
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "版", "Revision")}</th>
                        <th scope="col">{tr(lang, "日時", "When")}</th>
                        <th scope="col">{tr(lang, "保存した人", "By")}</th>
                        <th scope="col">{tr(lang, "内容", "What")}</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn comparison(lang: Lang, a: i64, b: i64, diff: &SurveyDiff) -> AnyView {
    if diff.is_empty() {
        return view! {
            <section class="comparison" data-empty="true">
                <p>{tr(lang, "違いはありません。", "The two revisions are the same.")}</p>
            </section>
        }
        .into_any();
    }
    let title = changed(&diff.title).then(|| {
        view! {
            <p><strong>{tr(lang, "題名：", "Title: ")}</strong>{pieces(&diff.title)}</p>
        }
    });
    let intro = changed(&diff.intro).then(|| {
        view! {
            <p><strong>{tr(lang, "説明：", "Introduction: ")}</strong>{pieces(&diff.intro)}</p>
        }
    });
    let sections = diff
        .sections
        .iter()
        .map(|s| view! { <p><strong>{tr(lang, "ページ：", "Page: ")}</strong>{pieces(s)}</p> })
        .collect_view();
    let questions = diff
        .questions
        .iter()
        .map(|c| {
            let (label, class, body) = match c {
                QuestionChange::Added(d) => (tr(lang, "追加", "added"), "added", Some(d)),
                QuestionChange::Removed(d) => (tr(lang, "削除", "removed"), "removed", Some(d)),
                QuestionChange::Changed(d) => (tr(lang, "変更", "changed"), "changed", Some(d)),
                QuestionChange::Moved(_) => (tr(lang, "移動", "moved"), "moved", None),
            };
            let id = match c {
                QuestionChange::Added(d)
                | QuestionChange::Removed(d)
                | QuestionChange::Changed(d) => d.id.clone(),
                QuestionChange::Moved(id) => id.clone(),
            };
            view! {
                <li class=format!("question-change {class}") data-question=id.clone()>
                    <span class="badge">{label}</span>" "<code>{id.clone()}</code>
                    {body.map(|d| question_diff(lang, d))}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="comparison">
            <h2>{tr(lang, "編集版 ", "Revision ")}{a}" → "{b}</h2>
            {title}
            {intro}
            {sections}
            <ul class="plain">{questions}</ul>
        </section>
    }
    .into_any()
}
