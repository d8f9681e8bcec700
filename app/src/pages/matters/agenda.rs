//! `/matters/agenda`: the liaison meeting. Without `meeting`, what changed since the last
//! meeting so far, and the button that begins the next one; with it, that meeting's agenda —
//! every matter new or changed since the previous meeting began — and its decisions.

use super::{kind_badge, staff_nav, status_badge};
use crate::api::matters::get_agenda;
use crate::components::account::error_or_sign_in;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::matters::{Agenda, EventKind};

/// The agenda page.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let lang = use_lang();
    let meeting = use_query_map()
        .read_untracked()
        .get("meeting")
        .and_then(|m| m.parse::<i64>().ok());
    let title = tr(lang, "地域情報連絡会議", "Liaison meeting");
    view! {
        <Title text=title/>
        {staff_nav(lang, "/matters/agenda")}
        <h1>{title}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match get_agenda(meeting).await {
                    Ok(a) => page(lang, &a).into_any(),
                    Err(e) => error_or_sign_in(e, "/matters/agenda"),
                }
            })}
        </Suspense>
    }
}

fn page(lang: Lang, a: &Agenda) -> impl IntoView + use<> {
    let window = match (a.since, lang) {
        (Some(since), Lang::En) => format!(
            "Changed since the previous meeting ({}) until {}",
            format_jst(since, lang),
            format_jst(a.until, lang)
        ),
        (Some(since), _) => format!(
            "前回の会議（{}）から {} までの新規・変更",
            format_jst(since, lang),
            format_jst(a.until, lang)
        ),
        (None, Lang::En) => format!("Everything until {}", format_jst(a.until, lang)),
        (None, _) => format!("{} までのすべて", format_jst(a.until, lang)),
    };
    let heading = match &a.meeting {
        Some(m) => match lang {
            Lang::En => format!(
                "Agenda of the meeting of {}",
                format_jst(m.started_at, lang)
            ),
            _ => format!("{}の会議の議題", format_jst(m.started_at, lang)),
        },
        None => tr(
            lang,
            "次の会議の議題（ここまで）",
            "The next meeting's agenda, so far",
        )
        .to_string(),
    };
    let items = a
        .items
        .iter()
        .map(|item| {
            let m = &item.matter;
            let changes = item
                .changes
                .iter()
                .map(|e| {
                    let what = match e.kind {
                        EventKind::Status => e
                            .status
                            .map(|s| s.label(lang).to_string())
                            .unwrap_or_default(),
                        EventKind::Reported => tr(lang, "受付", "Reported").to_string(),
                        EventKind::Comment => tr(lang, "コメント", "Comment").to_string(),
                        EventKind::Assigned => format!("→ {}", e.department.clone().unwrap_or_default()),
                        EventKind::Unassigned => format!("× {}", e.department.clone().unwrap_or_default()),
                        EventKind::Photo => tr(lang, "写真", "Photo").to_string(),
                        EventKind::FollowUp => tr(lang, "確認日", "Follow-up").to_string(),
                        EventKind::Shared => tr(lang, "共有", "Sharing").to_string(),
                        EventKind::Published => tr(lang, "公開", "Public list").to_string(),
                        EventKind::Notice => tr(lang, "お知らせ", "Notice").to_string(),
                        EventKind::Edited => super::corrected_sentence(lang, e.body.as_deref()),
                        EventKind::Decision => tr(lang, "決定", "Decision").to_string(),
                    };
                    view! {
                        <li data-event=e.kind.as_str()>
                            <strong>{what}</strong>" "<span class="hint">{format_jst(e.at, lang)}</span>
                            {e.body.clone().filter(|_| !matches!(e.kind, EventKind::Shared | EventKind::Published | EventKind::Edited)).map(|b| view! { " — "{b} })}
                        </li>
                    }
                })
                .collect_view();
            let decisions = item
                .decisions
                .iter()
                .map(|d| view! { <li class="decision">{d.body.clone()}</li> })
                .collect_view();
            view! {
                <li class="card agenda-item" data-matter=m.id>
                    <p class="report-head">{status_badge(lang, m.status)}" "{kind_badge(lang, m.kind)}" "
                        <span class="hint">{m.districts.join("・")}{(!m.departments.is_empty()).then(|| format!(" · {}", m.departments.join("・")))}</span></p>
                    <h3><a href=format!("/matters/{}", m.id)>{m.title.clone()}</a></h3>
                    <ul class="agenda-changes">{changes}</ul>
                    {(!item.decisions.is_empty()).then(|| view! {
                        <p class="decisions-head">{tr(lang, "決定", "Decided")}</p>
                        <ul class="decisions">{decisions}</ul>
                    })}
                </li>
            }
        })
        .collect_view();
    let meetings = a
        .meetings
        .iter()
        .map(|m| {
            let on = a.meeting.as_ref().is_some_and(|x| x.id == m.id);
            let under_way = a.current == Some(m.id);
            // The whole line is the link: the date and what was decided.
            let (when, n) = (format_jst(m.started_at, lang), m.decisions);
            let label = match (lang, under_way) {
                (Lang::En, true) => format!("{when} — under way, {n} decisions so far"),
                (Lang::En, false) => format!("{when} — {n} decisions"),
                (_, true) => format!("{when}（会議中・決定 {n}件）"),
                (_, false) => format!("{when}（決定 {n}件）"),
            };
            view! {
                <li data-under-way=under_way.then_some("true")>
                    <a href=format!("/matters/agenda?meeting={}", m.id) aria-current=on.then_some("page")>{label}</a>
                </li>
            }
        })
        .collect_view();
    let count = a.items.len();
    // During the meeting (begun today) there is nothing to begin: say where decisions go.
    let under_way = a.current.map(|current| {
        let viewing = a.meeting.as_ref().is_some_and(|m| m.id == current);
        view! {
            <div class="notice meeting-under-way" role="status" data-meeting=current>
                <p><strong>{tr(lang, "会議中です。", "The meeting is under way.")}</strong>" "
                    {tr(
                        lang,
                        "決定は、議題の各記録を開き「決定を記録」で残してください。",
                        "Record each decision on the matter's own page (open it from the agenda).",
                    )}</p>
                {(!viewing).then(|| view! {
                    <p><a href=format!("/matters/agenda?meeting={current}")>{tr(lang, "今日の会議の議題を見る", "See today's agenda")}</a></p>
                })}
            </div>
        }
    });
    let start = a.current.is_none().then(|| {
        view! {
            <form method="post" action="/matters/agenda" class="start-meeting">
                <p class="hint">{tr(
                    lang,
                    "会議を始めると、前回からの新規・変更がこの会議の議題として固定され、今日の決定はこの会議のものとして記録されます。",
                    "Beginning the meeting fixes what changed since the previous one as its agenda; decisions recorded today are this meeting's.",
                )}</p>
                <button type="submit" class="primary">{tr(lang, "会議を始める", "Begin the meeting")}</button>
            </form>
        }
    });
    let to_next = a.meeting.is_some().then(|| {
        view! {
            <p><a href="/matters/agenda">{tr(lang, "次の会議に向けた新規・変更（ここまで）を見る", "See what changed since, for the next meeting")}</a></p>
        }
    });
    view! {
        {under_way}
        {start}
        <h2>{heading}</h2>
        <p class="hint agenda-window">{window}</p>
        <p class="agenda-count" data-count=count>{match lang {
            Lang::En => format!("{count} matters"),
            _ => format!("{count}件"),
        }}</p>
        <ol class="agenda">{items}</ol>
        {to_next}
        <h2>{tr(lang, "会議の記録", "Meetings")}</h2>
        <ul class="meetings">{meetings}</ul>
    }
}
