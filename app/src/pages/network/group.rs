//! `/groups/{id}`: a group's page: what it does, where it meets, how to reach it; joining,
//! following and leaving with one tap; for its organisers the members (named only where they
//! agreed); for staff and centre directors the decision on a proposal.

use super::feed::post_item;
use super::{membership_label, people, report_box};
use crate::api::network::get_group;
use crate::api::request::RejectedForm;
use crate::components::error_page::ErrorPage;
use crate::components::forms::rejected_field;
use crate::components::forms::rejected_summary;
use crate::components::params::id_param;
use crate::i18n::{tr, tre, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::answer::FormValues;
use shared::network::posts::{Attendees, PostKind, PostView};
use shared::network::{ContactPolicy, GroupPage, GroupStatus, Membership};
use shared::{ApiError, Lang};

mod boxes;
mod posts;

use boxes::{decision_box, membership_box, surveys_box};
use posts::{PostTarget, delete_confirmation, organiser_tools, post_form};

/// A group's page.
#[component]
pub fn GroupPageView() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let rejected = use_context::<RejectedForm>();
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let asked = PageAsks {
        // Back from `POST /reports`: thank the reporter.
        reported: query.get("reported").is_some(),
        edit: query.get("edit").and_then(|v| v.parse().ok()),
        delete: query.get("delete").and_then(|v| v.parse().ok()),
        done: query.get("done"),
        edited: query.get("post").and_then(|v| v.parse().ok()),
    };
    view! {
        <Suspense>
            {move || {
                let (rejected, asked) = (rejected.clone(), asked.clone());
                Suspend::new(async move {
                    match get_group(id).await {
                        Ok(g) => page(lang, g, rejected.as_ref(), &asked).into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What the page's address asks of it.
#[derive(Clone, Default)]
/// The page reads these once, when it is loaded: the links that change them are
/// `rel="external"` (a whole page load, so the router does not keep the page as it was) or
/// come back from a form post.
struct PageAsks {
    /// Thank the reader for a report.
    reported: bool,
    /// Open this post in the post form (its organisers).
    edit: Option<i64>,
    /// Ask whether to delete this post (its organisers).
    delete: Option<i64>,
    /// Say what was just done (`post-edited`, `post-deleted`).
    done: Option<String>,
    /// The post just edited (its card says so).
    edited: Option<i64>,
}

fn status_notice(lang: Lang, g: &GroupPage) -> Option<AnyView> {
    let (title, body) = match g.status {
        GroupStatus::Approved => return None,
        GroupStatus::Pending => (
            tre(
                lang,
                "確認待ち",
                "Waiting for approval",
                "たしかめて いる ところです",
            ),
            tre(
                lang,
                "区役所または市民センターが確認すると、一覧に表示されます。",
                "The group appears in the directory once the ward office or community centre has checked it.",
                "くやくしょ か しみんセンターが たしかめたら、いちらんに でます。",
            ),
        ),
        GroupStatus::Declined => (
            tre(
                lang,
                "登録は見送られました",
                "Not accepted",
                "とうろく できませんでした",
            ),
            tre(lang, "理由:", "Reason:", "りゆう:"),
        ),
        GroupStatus::Hidden => (
            tre(lang, "非表示中", "Hidden", "みえなく して います"),
            tre(
                lang,
                "区がこのグループを一覧から外しました。理由:",
                "The ward took this group out of the directory. Reason:",
                "くやくしょが この グループを いちらんから はずしました。りゆう:",
            ),
        ),
    };
    let reason = (!g.decision_reason.is_empty()).then(|| g.decision_reason.clone());
    Some(
        view! {
            <section class="notice" data-state=format!("group-{}", g.status.as_str())>
                <h2>{title}</h2>
                <p>{body}" "{reason}</p>
            </section>
        }
        .into_any(),
    )
}

fn page(
    lang: Lang,
    g: GroupPage,
    rejected: Option<&RejectedForm>,
    asked: &PageAsks,
) -> impl IntoView {
    let id = g.card.id;
    let here = format!("/groups/{id}");
    let districts = super::district_names(lang, &g.card.districts);
    let contact = match (&g.contact, g.contact_policy) {
        (Some(c), _) => view! { <p class="contact">{c.clone()}</p> }.into_any(),
        (None, ContactPolicy::Members) => view! {
            <p class="hint">{tre(lang, "連絡先はメンバーに表示されます。", "The contact is shown to members.", "れんらくさきは メンバーだけが みられます。")}</p>
        }
        .into_any(),
        (None, _) => view! {
            <p class="hint">{tre(lang, "お問い合わせは活動している校区の市民センターへどうぞ。", "Please ask at the community centre of its district.", "ききたい ことは、この グループの こうくの しみんセンターに きいて ください。")}</p>
        }
        .into_any(),
    };
    let reported = asked.reported;
    // The post being edited, if the address asks for one of the group's posts.
    let editing = asked
        .edit
        .filter(|_| g.can.manage_posts)
        .and_then(|id| g.events.iter().chain(&g.posts).find(|p| p.id == id));
    // Deleting asks inside the post's own card (the address lands there), so the organiser
    // sees what they are about to delete.
    let deleting = asked.delete.filter(|_| g.can.manage_posts);
    // Saved: said at the top of the post's card, where the browser lands.
    let edited = asked
        .edited
        .filter(|_| asked.done.as_deref() == Some("post-edited"));
    let done = asked.done.as_deref().and_then(|d| match d {
        "post-deleted" => Some(tre(
            lang,
            "投稿を削除しました。",
            "The post is deleted.",
            "けしました。",
        )),
        _ => None,
    });
    let form = match editing {
        Some(post) => Some(post_form(lang, PostTarget::Edit(post), rejected).into_any()),
        None => g
            .can
            .post
            .then(|| post_form(lang, PostTarget::New(id), rejected).into_any()),
    };
    let item = |p: &PostView| {
        let tools = g.can.manage_posts.then(|| {
            let note = if deleting == Some(p.id) {
                Some(delete_confirmation(lang, p, &here))
            } else if edited == Some(p.id) {
                Some(
                    view! {
                        <p class="notice" role="status" data-done="post-edited">
                            {tre(lang, "投稿を更新しました。", "The post is updated.", "なおしました。")}
                        </p>
                    }
                    .into_any(),
                )
            } else {
                None
            };
            view! {
                {note}
                {organiser_tools(lang, p, g.attendees.iter().find(|a| a.post_id == p.id))}
            }
            .into_any()
        });
        let log = g
            .can
            .log
            .then(|| crate::components::log_this::log_this(lang, "post", &[("post", p.id)]));
        let tools = match (tools, log) {
            (None, None) => None,
            (tools, log) => Some(view! { {tools}{log} }.into_any()),
        };
        post_item(lang, p, g.signed_in, &here, tools)
    };
    let events = (!g.events.is_empty()).then(|| {
        view! {
            <section class="group-events" id="group-events">
                <h2>{tre(lang, "これからの催し", "Coming up", "これからの もよおし")}</h2>
                <ul class="posts">{g.events.iter().map(item).collect_view()}</ul>
            </section>
        }
    });
    let posts = if g.posts.is_empty() && g.events.is_empty() {
        view! { <p class="empty">{tre(lang, "まだ投稿はありません。", "Nothing posted yet.", "まだ なにも ありません。")}</p> }.into_any()
    } else if g.posts.is_empty() {
        ().into_any()
    } else {
        view! { <ul class="posts">{g.posts.iter().map(item).collect_view()}</ul> }.into_any()
    };
    // The post form says its own refusals where the organiser is (see `post_form`).
    let summary = rejected_summary(rejected.filter(|r| r.values.first("kind").is_none()), lang);
    view! {
        <Title text=g.card.name.clone()/>
        <super::NetworkBar/>
        <p class="crumbs"><a href="/groups">{tre(lang, "← 地域のグループ", "← Local groups", "← ちいきの グループ")}</a></p>
        <article class="group-page" data-group=id>
            <h1>
                {g.card.name.clone()}
                {g.card.verified.then(|| view! {
                    " "<span class="badge verified">{tre(lang, "✓ 確認済み", "✓ Verified", "✓ たしかめました")}</span>
                })}
            </h1>
            {status_notice(lang, &g)}
            {reported.then(|| view! {
                <p class="notice" role="status" data-state="reported">
                    {tre(lang, "報告を受け付けました。区の職員が確認します。", "Thank you: the ward's staff will look at your report.", "ありがとう ございます。くやくしょの ひとが みます。")}
                </p>
            })}
            {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
            <p class="group-meta">
                <span class="badge">{g.card.kind.label(lang)}</span>" "{districts}
            </p>
            <p class="counts" data-members=g.card.member_count data-followers=g.card.follower_count>
                {tre(lang, "メンバー ", "Members: ", "メンバー ")}{people(lang, g.card.member_count)}
                {tre(lang, " · フォロー ", " · followers: ", " · フォロー ")}{people(lang, g.card.follower_count)}
            </p>
            <p class="description">{g.description.clone()}</p>
            {(!g.card.meeting_place.is_empty()).then(|| view! {
                <p><strong>{tre(lang, "活動場所: ", "Meets at: ", "あつまる ところ: ")}</strong>{g.card.meeting_place.clone()}</p>
            })}
            {(!g.card.meeting_times.is_empty()).then(|| view! {
                <p class="meeting-times"><strong>{tre(lang, "活動日時: ", "Meets: ", "あつまる 日: ")}</strong>{g.card.meeting_times.clone()}</p>
            })}
            {(!g.card.tags.is_empty()).then(|| view! {
                <ul class="tags">
                    {g.card.tags.iter().map(|t| view! {
                        <li><a href=format!("/groups?tag={}", crate::components::url::encode(t))>"#"{t.clone()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <h2>{tre(lang, "連絡先", "Contact", "れんらくさき")}</h2>
            {contact}
            {membership_box(lang, &g, &here)}
            {g.can.edit.then(|| view! {
                <p><a class="button secondary" href=format!("/groups/{id}/edit")>{tre(lang, "グループの情報を編集", "Edit the group", "グループの じょうほうを なおす")}</a></p>
            })}
            {surveys_box(lang, &g)}
            {g.can.decide.then(|| decision_box(lang, id, rejected))}
            {form}
            {events}
            <section class="group-posts" id="group-posts">
                <h2>{tre(lang, "お知らせ・これまでの催し", "News and past events", "おしらせと これまでの もよおし")}</h2>
                {done.map(|m| view! { <p class="notice" role="status" data-done=asked.done.clone()>{m}</p> })}
                {(g.status == GroupStatus::Approved).then(|| view! {
                    <p class="hint">
                        <a href=format!("/groups/{id}/events.ics")>{tre(lang, "催しをカレンダーに登録（iCalendar）", "Add the events to your calendar (iCalendar)", "もよおしを カレンダーに いれる（iCalendar）")}</a>
                    </p>
                })}
                {posts}
            </section>
            {g.members.as_ref().map(|members| view! {
                <section class="members">
                    <h2>{tre(lang, "メンバー一覧", "Members", "メンバーの いちらん")}</h2>
                    <p class="hint">
                        {tre(lang, "名前を知らせることに同意した人だけ名前が表示されます。メールアドレスは表示されません。", "Only people who agreed to show their name are named. E-mail addresses are never shown.", "なまえを しらせて いいと いった ひと だけ、なまえが でます。メールアドレスは でません。")}
                    </p>
                    <div class="table-wrap">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th scope="col">{tre(lang, "名前", "Name", "なまえ")}</th>
                                    <th scope="col">{tre(lang, "参加のしかた", "As", "さんかの しかた")}</th>
                                    <th scope="col">{tre(lang, "参加日", "Since", "さんか した ひ")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {members.iter().map(|m| view! {
                                    <tr>
                                        <td>{m.name.clone().unwrap_or_else(|| tre(lang, "（名前非公開）", "(name not shown)", "（なまえは ひみつ）").to_string())}</td>
                                        <td>{membership_label(lang, m.membership)}</td>
                                        <td>{format_jst(m.joined_at, lang)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            })}
            {(g.signed_in && g.status == GroupStatus::Approved && g.mine.is_none_or(|(m, _)| m != Membership::Organiser)).then(|| {
                report_box(lang, id, None, tre(lang, "このグループを報告", "Report this group", "この グループの ことを くやくしょに しらせる"))
            })}
        </article>
    }
}
