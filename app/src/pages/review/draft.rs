//! `/review/{id}`: the draft as residents will see it, with the council's comments,
//! suggestions and approvals beside each question. Staff and invited council members share
//! the page; what each may do is decided on the server, and the page only offers it. With
//! JavaScript, comments and replies post in place and others' appear within seconds
//! (`InPlace`); without it every form posts as a page.

use super::review_error;
use crate::api::codesign::get_draft;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::SignOutButton;
use crate::components::account::notification_link;
use crate::components::diff::question_diff;
use crate::components::forms::refusal;
use crate::components::in_place::InPlace;
use crate::components::islands::IslandScripts;
use crate::components::params::id_param;
use crate::components::question::{condition_note, question_field};
use crate::components::rich::Rich;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::answer::FormValues;
use shared::codesign::views::{DraftView, SuggestionView, Thread, Viewer};
use shared::survey::SurveyStatus;
use shared::{ApiError, Lang};

mod discussion;

/// How often an open co-design page looks for others' comments, in seconds.
const REFRESH_SECONDS: u32 = 15;

use discussion::{comment_form, kind_label, suggestion, threads};

/// The co-design page of one survey.
#[component]
pub fn DraftPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let here = format!("/review/{id}");
    let rejected = use_context::<RejectedForm>();
    let query = use_query_map().read_untracked();
    let shown_in = query
        .get("in")
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(lang);
    let suggested = query.get("suggested").is_some();
    view! {
        <Suspense>
            {move || {
                let (here, rejected) = (here.clone(), rejected.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        let unread = crate::api::codesign::get_unread().await.unwrap_or(0);
                        Ok::<_, ApiError>((user, get_draft(id).await?, unread))
                    };
                    match data.await {
                        Ok((user, d, unread)) => {
                            let body = page(lang, shown_in, &d, rejected.as_ref(), suggested, unread);
                            view! {
                                <SignOutButton name=user.display_name/>
                                // Comments and replies post in place; others' appear by
                                // themselves.
                                <InPlace lang refresh=REFRESH_SECONDS>{body}</InPlace>
                                <IslandScripts/>
                            }
                            .into_any()
                        }
                        Err(e) => review_error(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn status_line(lang: Lang, d: &DraftView) -> String {
    let state = match (d.status, d.in_review) {
        (SurveyStatus::Draft, Some(since)) => format!(
            "{}（{}）",
            tr(lang, "協議会の確認中", "In review by the council"),
            format_jst(since, lang)
        ),
        (SurveyStatus::Draft, None) => tr(
            lang,
            "下書き（まだ確認依頼していません）",
            "Draft (not sent for review yet)",
        )
        .to_string(),
        (SurveyStatus::Open, _) => tr(lang, "公開中", "Published").to_string(),
        _ => tr(lang, "終了", "Closed").to_string(),
    };
    let version = d
        .published_version
        .map(|v| format!(" · {}{v}", tr(lang, "公開版 ", "published version ")))
        .unwrap_or_default();
    format!(
        "{state} · {}{}{version}",
        tr(lang, "編集版 ", "revision "),
        d.revision
    )
}

fn page(
    lang: Lang,
    shown_in: Lang,
    d: &DraftView,
    rejected: Option<&RejectedForm>,
    suggested: bool,
    unread: i64,
) -> AnyView {
    let id = d.survey_id;
    let staff = d.viewer == Viewer::Staff;
    let back = if staff {
        view! { <a href=format!("/staff/surveys/{id}/edit")>{tr(lang, "← 編集画面へ", "← Back to the builder")}</a> }.into_any()
    } else {
        view! { <a href="/review">{tr(lang, "← 確認するアンケート一覧", "← Surveys to review")}</a> }.into_any()
    };
    let languages = Lang::ALL
        .into_iter()
        .map(|l| {
            view! {
                // Back at the preview, not the top of the page (on a phone, a screen away).
                <a href=format!("/review/{id}?in={}#preview", l.code()) hreflang=l.html_lang() aria-current=(l == shown_in).then_some("true")>
                    {l.native_name()}
                </a>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} — {}", tr(lang, "共同設計", "Co-design"), d.title.plain(lang))/>
        <p class="crumbs">
            {back}
            " · "
            <a href=format!("/review/{id}/revisions")>{tr(lang, "変更の履歴", "History")}</a>
            " · "
            {notification_link(lang, unread)}
        </p>
        <h1>{d.title.plain(lang)}</h1>
        <p class="status-line" data-revision=d.revision.to_string()>{status_line(lang, d)}</p>
        {refusal(lang, rejected)}
        {suggested.then(|| view! {
            <p class="saved" role="status">{tr(lang, "提案を送りました。区役所の担当者が確認します。", "Your suggestion was sent. Ward staff will look at it.")}</p>
        })}
        {staff.then(|| open_items(lang, d))}
        {approval_section(lang, d)}
        {staff.then(|| members_section(lang, d))}
        <h2>{tr(lang, "住民に見える内容", "What residents will see")}</h2>
        <nav class="lang-switch preview-langs" id="preview" aria-label=tr(lang, "表示する言語", "Language shown")>{languages}</nav>
        {(!d.staff_names.is_empty()).then(|| view! {
            <p class="help mention-help">
                {tr(lang, "コメントで担当者に知らせるには「@名前」と書きます：", "To notify someone at the ward, write @ and their name: ")}
                {d.staff_names.iter().map(|n| format!("@{n}")).collect::<Vec<_>>().join("、")}
            </p>
        })}
        <article class="survey review-survey" lang=shown_in.html_lang()>
            <p class="intro"><Rich text=d.intro.get(shown_in).to_string()/></p>
            {sections(lang, shown_in, d)}
        </article>
        <section class="review-general" id="t-survey">
            <h2>{tr(lang, "アンケート全体へのコメント", "Comments on the whole survey")}</h2>
            {threads(lang, d, "")}
            {comment_form(lang, id, "", None)}
        </section>
    }
    .into_any()
}

/// For staff: what waits for them, with links to each.
fn open_items(lang: Lang, d: &DraftView) -> AnyView {
    let open: Vec<&SuggestionView> = d.suggestions.iter().filter(|s| s.state == "open").collect();
    let unresolved: Vec<&Thread> = d.threads.iter().filter(|t| t.resolved.is_none()).collect();
    if open.is_empty() && unresolved.is_empty() {
        return ().into_any();
    }
    let suggestions = open
        .iter()
        .map(|s| view! { <li><a href=format!("#s-{}", s.id)>{kind_label(lang, &s.kind)}" — "{s.author.clone()}</a></li> })
        .collect_view();
    let comments = unresolved
        .iter()
        .map(|t| {
            let first: String = t.first.body.chars().take(40).collect();
            view! { <li><a href=format!("#c-{}", t.first.id)>{t.first.author.clone()}": "{first}</a></li> }
        })
        .collect_view();
    view! {
        <section class="review-waiting" aria-label=tr(lang, "対応待ち", "Waiting for you")>
            <p><strong>{tr(lang, "検討中の提案：", "Open suggestions: ")}{open.len()}</strong>" · "<strong>{tr(lang, "未解決のコメント：", "Unresolved comments: ")}{unresolved.len()}</strong></p>
            <ul class="plain">{suggestions}{comments}</ul>
        </section>
    }
    .into_any()
}

fn approval_section(lang: Lang, d: &DraftView) -> AnyView {
    let id = d.survey_id;
    let list = d
        .approvals
        .iter()
        .map(|a| {
            let district = a
                .district
                .as_ref()
                .map(|t| format!("（{}）", t.plain(lang)))
                .unwrap_or_default();
            let older = (a.revision < d.revision).then(|| {
                view! { " "<span class="badge">{tr(lang, "その後に変更あり", "changed since")}</span> }
            });
            view! {
                <li class="approval">
                    {a.name.clone()}{district}" — "{tr(lang, "編集版 ", "revision ")}{a.revision}
                    {tr(lang, " を承認 ", " approved ")}{format_jst(a.at, lang)}{older}
                </li>
            }
        })
        .collect_view();
    let none = d.approvals.is_empty().then(
        || view! { <p class="help">{tr(lang, "まだ承認はありません。", "No approvals yet.")}</p> },
    );
    let draft = d.status == SurveyStatus::Draft;
    let actions = match d.viewer {
        Viewer::Council if draft && d.in_review.is_some() => {
            let (action, label, class) = match d.my_approval {
                Some(_) => ("withdraw", tr(lang, "承認を取り消す", "Withdraw my approval"), "secondary"),
                None => ("approve", tr(lang, "この内容で承認する", "Approve this draft"), "primary"),
            };
            view! {
                <form method="post" action=format!("/review/{id}/approval")>
                    <input type="hidden" name="action" value=action/>
                    <button type="submit" class=class>{label}</button>
                </form>
            }
            .into_any()
        }
        Viewer::Council => view! {
            <p class="help">{tr(lang, "区役所が確認を依頼すると、承認できるようになります。", "You can approve once the ward sends the draft for review.")}</p>
        }
        .into_any(),
        Viewer::Staff if draft => {
            let (action, label) = match d.in_review {
                Some(_) => ("recall", tr(lang, "確認依頼を取り下げる", "Take back from review")),
                None => ("send", tr(lang, "協議会に確認を依頼する", "Send to the council for review")),
            };
            view! {
                <form method="post" action=format!("/review/{id}/state") class="inline-action">
                    <input type="hidden" name="action" value=action/>
                    <button type="submit" class="secondary">{label}</button>
                </form>
                " "
                <a href=format!("/staff/surveys/{id}/edit")>{tr(lang, "公開は編集画面から", "Publish from the builder")}</a>
            }
            .into_any()
        }
        Viewer::Staff => ().into_any(),
    };
    let frozen = d.published_version.filter(|_| !d.published_approvals.is_empty()).map(|v| {
        let names = d
            .published_approvals
            .iter()
            .map(|a| format!("{}（{}{}）", a.name, tr(lang, "編集版 ", "revision "), a.revision))
            .collect::<Vec<_>>()
            .join("、");
        view! {
            <p class="help published-approvals">
                {tr(lang, "公開版 ", "Published version ")}{v}{tr(lang, " の公開時に承認していた方：", " was approved at publishing by: ")}{names}
            </p>
        }
    });
    view! {
        <section class="review-approval" id="approval">
            <h2>{tr(lang, "承認", "Approval")}</h2>
            <ul class="plain">{list}</ul>
            {none}
            {frozen}
            {actions}
        </section>
    }
    .into_any()
}

fn members_section(lang: Lang, d: &DraftView) -> AnyView {
    let id = d.survey_id;
    let reviewers = d
        .reviewers
        .iter()
        .map(|r| {
            let district = r
                .district
                .as_ref()
                .map(|t| format!("（{}）", t.plain(lang)));
            view! { <li>{r.name.clone()}{district}</li> }
        })
        .collect_view();
    let invitations = d
        .invitations
        .iter()
        .map(|i| {
            let state = match i.accepted_at {
                Some(at) => format!(
                    "{} {}",
                    tr(lang, "参加済み", "joined"),
                    format_jst(at, lang)
                ),
                None => format!(
                    "{} {}",
                    tr(lang, "有効期限", "expires"),
                    format_jst(i.expires_at, lang)
                ),
            };
            view! {
                <tr>
                    <td>{i.email.clone()}</td>
                    <td>{i.district.plain(lang)}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let districts = d
        .districts
        .iter()
        .map(|(value, name)| view! { <option value=value.to_string()>{name.plain(lang)}</option> })
        .collect_view();
    view! {
        <section class="review-members" id="members">
            <h2>{tr(lang, "協議会のメンバー", "Council members")}</h2>
            <ul class="plain">{reviewers}</ul>
            <form method="post" action=format!("/review/{id}/invite") class="stack invite-form">
                <div class="lang-field">
                    <label for="f-invite-email">{tr(lang, "招待する方のメールアドレス", "E-mail address of the member to invite")}</label>
                    <input type="email" id="f-invite-email" name="email" autocomplete="off" required/>
                </div>
                <div class="lang-field">
                    <label for="f-invite-district">{tr(lang, "校区", "District")}</label>
                    <select id="f-invite-district" name="district">{districts}</select>
                </div>
                <button type="submit" class="secondary">{tr(lang, "招待リンクを作る", "Make an invitation link")}</button>
            </form>
            <div class="table-wrap">
                <table class="data invitations"><tbody>{invitations}</tbody></table>
            </div>
        </section>
    }
    .into_any()
}

fn sections(lang: Lang, shown_in: Lang, d: &DraftView) -> AnyView {
    d.definition
        .sections()
        .iter()
        .map(|s| {
            let questions = s
                .questions
                .iter()
                .map(|q| {
                    let note = q.show_if.as_ref().map(|c| {
                        condition_note(shown_in, c, d.definition.question(c.question()))
                    });
                    let suggestions = d
                        .suggestions
                        .iter()
                        .filter(|x| x.target == q.id)
                        .map(|x| suggestion(lang, d, x))
                        .collect_view();
                    let suggest = (d.status == SurveyStatus::Draft).then(|| view! {
                        <a class="button secondary" href=format!("/review/{}/q/{}/suggest", d.survey_id, q.id)>
                            {tr(lang, "変更を提案する", "Suggest a change")}
                        </a>
                    });
                    view! {
                        <div class="review-question" id=format!("t-{}", q.id)>
                            {question_field(q, shown_in, &FormValues::default(), None, note)}
                            <div class="review-notes">
                                {suggestions}
                                {threads(lang, d, &q.id)}
                                {comment_form(lang, d.survey_id, &q.id, None)}
                                {suggest}
                            </div>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="review-section" id=format!("t-{}", s.id)>
                    <h2><Rich text=s.title.get(shown_in).to_string()/></h2>
                    {s.intro.as_ref().map(|i| view! { <p class="intro"><Rich text=i.get(shown_in).to_string()/></p> })}
                    {threads(lang, d, &s.id)}
                    <details class="reply-box section-comment">
                        <summary>{tr(lang, "このページ全体にコメントする", "Comment on this page")}</summary>
                        {comment_form(lang, d.survey_id, &s.id, None)}
                    </details>
                    {questions}
                </section>
            }
            .into_any()
        })
        .collect_view()
        .into_any()
}
