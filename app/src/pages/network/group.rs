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
                <p><a class="button secondary" href=format!("/groups/{id}/edit")>{tr(lang, "グループの情報を編集", "Edit the group")}</a></p>
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

/// The ward's open surveys, linked through the group (answers record that the group referred
/// them); organisers and staff get the whole address to share.
fn surveys_box(lang: Lang, g: &GroupPage) -> Option<AnyView> {
    if g.surveys.is_empty() {
        return None;
    }
    let share = g.can.edit;
    let items = g
        .surveys
        .iter()
        .map(|s| {
            let address = format!("{}{}", g.origin, s.path);
            view! {
                <li>
                    <a href=s.path.clone() data-survey-link="true">{s.title.plain(lang)}</a>
                    {share.then(|| view! {
                        <label class="share-link">
                            {tre(lang, "メンバーに知らせるリンク: ", "Link to share with members: ", "メンバーに しらせる リンク: ")}
                            <input type="text" readonly=true value=address/>
                        </label>
                    })}
                </li>
            }
        })
        .collect_view();
    Some(
        view! {
            <section class="group-surveys">
                <h2>{tre(lang, "区のアンケートに答える", "Answer the ward's surveys", "くの アンケートに こたえる")}</h2>
                <p class="hint">
                    {tre(lang, "このグループのリンクから答えると、どのグループを通じて届いたかだけが区に伝わります（あなたの名前は伝わりません）。", "Answering through this group's link tells the ward only which group it came through (not who you are).", "ここから こたえると、どの グループから きたか だけが くやくしょに つたわります（あなたの なまえは つたわりません）。")}
                </p>
                <ul class="survey-links">{items}</ul>
            </section>
        }
        .into_any(),
    )
}

fn membership_box(lang: Lang, g: &GroupPage, here: &str) -> AnyView {
    let action = format!("{here}/membership");
    if g.status != GroupStatus::Approved {
        return ().into_any();
    }
    if !g.signed_in {
        return view! {
            <section class="join-box" id="join">
                <h2>{tre(lang, "参加する", "Join", "さんか する")}</h2>
                <p>{tre(lang, "参加やフォローには、メールアドレスとお名前だけの登録が必要です。", "To join or follow, sign up with just an e-mail address and a name.", "さんか や フォローには とうろくが いります。メールアドレスと なまえ だけで できます。")}</p>
                <p>
                    <a class="button primary" href=format!("/sign-up?next={here}")>{tre(lang, "登録する", "Sign up", "とうろく する")}</a>
                    " "
                    <a href=format!("/sign-in?next={here}")>{tre(lang, "ログイン", "Sign in", "ログイン")}</a>
                </p>
            </section>
        }
        .into_any();
    }
    let (state, show_name) = match g.mine {
        Some((m, show)) => (Some(m), show),
        None => (None, false),
    };
    let status = state.map(|m| {
        let text = match m {
            Membership::Organiser => tre(
                lang,
                "あなたはこのグループの運営者です。",
                "You organise this group.",
                "あなたは この グループの うんえいしゃです。",
            ),
            Membership::Member => tre(
                lang,
                "このグループに参加しています。",
                "You are a member of this group.",
                "この グループに さんか して います。",
            ),
            Membership::Follower => tre(
                lang,
                "このグループをフォローしています。",
                "You follow this group.",
                "この グループを フォロー して います。",
            ),
        };
        view! { <p class="membership" data-membership=m.as_str()>{text}</p> }
    });
    let join_label = match state {
        Some(Membership::Member | Membership::Organiser) => {
            tre(lang, "設定を保存", "Save", "ほぞん する")
        }
        _ => tre(lang, "参加する", "Join", "さんか する"),
    };
    let join_value = match state {
        Some(Membership::Organiser) => "organiser",
        _ => "join",
    };
    view! {
        <section class="join-box" id="join">
            <h2>{tre(lang, "参加・フォロー", "Join or follow", "さんか・フォロー")}</h2>
            {status}
            <form method="post" action=action.clone() class="stack">
                <label class="option">
                    <input type="checkbox" name="show_name" value="1" checked=show_name/>
                    <span>{tre(lang, "運営者に自分の名前を知らせる", "Let the organisers see my name", "うんえいしゃに じぶんの なまえを しらせる")}</span>
                </label>
                <p class="hint">{tre(lang, "知らせない場合も人数には数えられます。メールアドレスは運営者に知らされません。", "If not, you are counted but not named. Organisers never see your e-mail address.", "しらせなくても、にんずうには かぞえます。メールアドレスは うんえいしゃに しらせません。")}</p>
                <p class="actions">
                    <button type="submit" name="action" value=join_value class="primary">{join_label}</button>
                    {(state.is_none()).then(|| view! {
                        " "<button type="submit" name="action" value="follow" class="secondary">{tre(lang, "フォローだけする", "Just follow", "フォロー だけ する")}</button>
                    })}
                    {(state == Some(Membership::Follower)).then(|| view! {
                        " "<button type="submit" name="action" value="follow" class="secondary">{tre(lang, "設定を保存", "Save", "ほぞん する")}</button>
                    })}
                </p>
            </form>
            {(state.is_some() && state != Some(Membership::Organiser)).then(|| view! {
                <form method="post" action=action.clone()>
                    <button type="submit" name="action" value="leave" class="secondary">
                        {if state == Some(Membership::Follower) { tre(lang, "フォローをやめる", "Unfollow", "フォローを やめる") } else { tre(lang, "グループをやめる", "Leave the group", "グループを やめる") }}
                    </button>
                </form>
            })}
        </section>
    }
    .into_any()
}

fn decision_box(lang: Lang, id: i64, rejected: Option<&RejectedForm>) -> impl IntoView {
    let action = format!("/groups/{id}/decision");
    let reason_error = rejected_field(rejected, lang, "reason");
    let reason = rejected
        .and_then(|r| r.values.first("reason").map(str::to_string))
        .unwrap_or_default();
    view! {
        <section class="decision-box">
            <h2>{tr(lang, "登録の確認", "Decide on this proposal")}</h2>
            <form method="post" action=action class="stack">
                <p>
                    <button type="submit" name="action" value="approve" class="primary">
                        {tr(lang, "承認する（確認済みにする）", "Approve (verified)")}
                    </button>
                </p>
                <div class="question">
                    <label for="reason">{tr(lang, "見送る場合の理由（申請者に表示されます）", "Reason for declining (shown to the proposer)")}</label>
                    <p class="field-error" id="reason-error">{reason_error}</p>
                    <textarea id="reason" name="reason" rows="3" aria-describedby="reason-error">{reason}</textarea>
                </div>
                <p>
                    <button type="submit" name="action" value="decline" class="secondary">{tr(lang, "見送る", "Decline")}</button>
                </p>
            </form>
        </section>
    }
}

/// Where the post form sends: a new post to a group, or a post rewritten.
enum PostTarget<'a> {
    New(i64),
    Edit(&'a PostView),
}

/// The fields of the post form as a saved post fills them (times in Japan time).
fn saved_values(post: &PostView) -> FormValues {
    let mut values = FormValues::default();
    values.push("kind", post.kind.as_str());
    values.push("title", post.title.clone());
    values.push("body", post.body.clone());
    if let Some(e) = &post.event {
        let start = crate::time::jst_input_value(e.starts_at);
        let (date, time) = start.split_once('T').unwrap_or_default();
        values.push("date", date);
        values.push("start", time);
        if let Some(end) = e.ends_at {
            let end = crate::time::jst_input_value(end);
            values.push("end", end.split_once('T').map_or("", |(_, t)| t));
        }
        values.push("place", e.place.clone());
        if let Some(c) = e.capacity {
            values.push("capacity", c.to_string());
        }
    }
    values
}

fn post_form(lang: Lang, target: PostTarget<'_>, rejected: Option<&RejectedForm>) -> impl IntoView {
    // Only the post form's own refusals come back with a `title` or `kind` field.
    let posted = rejected.filter(|r| r.values.first("kind").is_some());
    let saved = match &target {
        PostTarget::Edit(post) => Some(saved_values(post)),
        PostTarget::New(_) => None,
    };
    // What was typed and refused, else the post as saved.
    let value = |name: &str| {
        posted
            .map(|r| &r.values)
            .or(saved.as_ref())
            .and_then(|v| v.first(name).map(str::to_string))
            .unwrap_or_default()
    };
    // A missing field is named in this form's words ("enter a title"), not a survey's.
    let coming = match &target {
        PostTarget::Edit(post) => post.going,
        PostTarget::New(_) => 0,
    };
    let error = |name: &str| {
        // A capacity refused because people are already coming says so.
        if name == "capacity"
            && coming > 0
            && matches!(
                posted.map(|r| &r.error),
                Some(ApiError::Validation(e)) if matches!(
                    e.get("capacity"),
                    Some(shared::FieldError::OutOfRange { min: Some(m), .. }) if *m == coming.to_string()
                )
            )
        {
            return Some(match lang {
                Lang::En => format!(
                    "{} already said they are coming: the capacity cannot be less than {coming}.",
                    super::people(lang, coming)
                ),
                _ => format!(
                    "参加予定の人が{coming}人いるため、定員を{coming}人より少なくはできません。"
                ),
            });
        }
        let required = matches!(
            posted.map(|r| &r.error),
            Some(ApiError::Validation(e)) if e.get(name) == Some(&shared::FieldError::Required)
        );
        if !required {
            return rejected_field(posted, lang, name);
        }
        Some(
            match name {
                "title" => tr(lang, "題名を入力してください。", "Please enter a title."),
                "body" => tr(lang, "本文を入力してください。", "Please write the text."),
                "date" => tr(
                    lang,
                    "催しの日付を入力してください。",
                    "Please enter the event's date.",
                ),
                "start" => tr(
                    lang,
                    "催しの開始時刻を入力してください。",
                    "Please enter when the event starts.",
                ),
                "place" => tr(
                    lang,
                    "催しの場所を入力してください。",
                    "Please enter where the event takes place.",
                ),
                _ => tr(lang, "入力してください。", "Please fill this in."),
            }
            .to_string(),
        )
    };
    let is_event = value("kind") == "event";
    // Each field's message, shown under its label and marking the field invalid.
    let [
        title_error,
        body_error,
        date_error,
        start_error,
        end_error,
        place_error,
        capacity_error,
    ] = ["title", "body", "date", "start", "end", "place", "capacity"].map(error);
    // Refused: the browser lands on this form (the form's address ends in `#post-form`), and
    // the first thing it shows is why, above the fields marked in red.
    let editing_post = matches!(target, PostTarget::Edit(_));
    let refused = posted.map(|r| {
        let text = rejected_summary(Some(r), lang).unwrap_or_else(|| {
            if editing_post {
                tr(
                    lang,
                    "まだ保存していません。赤字の項目を直して、もう一度「変更を保存」を押してください。書いた内容は残っています。",
                    "Not saved yet. Please correct the fields marked in red and press \u{201c}Save the changes\u{201d} again; what you wrote is kept.",
                )
            } else {
                tr(
                    lang,
                    "投稿できませんでした。赤字の項目を直して、もう一度「投稿する」を押してください。書いた内容は残っています。",
                    "Not posted yet. Please correct the fields marked in red and press \u{201c}Post\u{201d} again; what you wrote is kept.",
                )
            }
            .to_string()
        });
        view! { <div class="error-summary" role="alert"><p>{text}</p></div> }
    });
    let (heading, action, submit) = match &target {
        PostTarget::New(group) => (
            tr(lang, "お知らせ・催しを投稿", "Post news or an event"),
            format!("/groups/{group}/posts#post-form"),
            tr(lang, "投稿する", "Post"),
        ),
        PostTarget::Edit(post) => (
            tr(lang, "投稿を編集", "Edit the post"),
            format!("/posts/{}/edit#post-form", post.id),
            tr(lang, "変更を保存", "Save the changes"),
        ),
    };
    // A post keeps its kind: the edit form says which it is instead of offering both.
    let kind = match &target {
        PostTarget::New(_) => view! {
            <fieldset class="question">
                <legend>{tr(lang, "種類", "Kind")}</legend>
                <div class="options">
                    <label class="option"><input type="radio" name="kind" value="news" checked=!is_event/><span>{tre(lang, "お知らせ", "News", "おしらせ")}</span></label>
                    <label class="option"><input type="radio" name="kind" value="event" checked=is_event/><span>{tr(lang, "催し（日時・場所あり）", "Event (with date and place)")}</span></label>
                </div>
            </fieldset>
        }
        .into_any(),
        PostTarget::Edit(post) => view! {
            <input type="hidden" name="kind" value=post.kind.as_str()/>
            {(post.going > 0).then(|| view! {
                <p class="hint">
                    {match lang {
                        Lang::En => format!("{} said they are coming: changes are not sent to them, so tell them if the date or place moves.", super::people(lang, post.going)),
                        _ => format!("参加予定の人が{}人います。変更は自動では伝わらないので、日時や場所を変えたときは知らせてください。", post.going),
                    }}
                </p>
            })}
        }
        .into_any(),
    };
    let cancel = match &target {
        PostTarget::Edit(post) => Some(view! {
            " "<a rel="external" href=format!("/groups/{}#post-{}", post.group_id, post.id)>{tre(lang, "やめる", "Cancel", "やめる")}</a>
        }),
        PostTarget::New(_) => None,
    };
    let show_event_fields = match &target {
        PostTarget::Edit(post) => post.kind == PostKind::Event,
        PostTarget::New(_) => true,
    };
    view! {
        <section class="post-box" id="post-form">
            <h2>{heading}</h2>
            {refused}
            <form method="post" action=action class="stack post-form" novalidate>
                {kind}
                <div class="question">
                    <label for="post-title">{tr(lang, "題名", "Title")}</label>
                    <p class="field-error" id="title-error">{title_error.clone()}</p>
                    <input type="text" id="post-title" name="title" maxlength="100" value=value("title") aria-describedby="title-error" aria-invalid=title_error.is_some().then_some("true")/>
                </div>
                <div class="question">
                    <label for="post-body">{tr(lang, "本文", "Text")}</label>
                    <p class="field-error" id="body-error">{body_error.clone()}</p>
                    <textarea id="post-body" name="body" rows="4" aria-describedby="body-error" aria-invalid=body_error.is_some().then_some("true")>{value("body")}</textarea>
                </div>
                <fieldset class="question event-fields" hidden=!show_event_fields>
                    <legend>{tr(lang, "催しの場合", "For an event")}</legend>
                    <p class="hint">{tr(lang, "日曜日の催しも歓迎です。", "Sunday events welcome.")}</p>
                    <label for="post-date">{tr(lang, "日付", "Date")}</label>
                    <p class="field-error" id="date-error">{date_error.clone()}</p>
                    <input type="date" id="post-date" name="date" value=value("date") aria-describedby="date-error" aria-invalid=date_error.is_some().then_some("true")/>
                    <label for="post-start">{tr(lang, "開始時刻", "Starts at")}</label>
                    <p class="field-error" id="start-error">{start_error.clone()}</p>
                    <input type="time" id="post-start" name="start" value=value("start") aria-describedby="start-error" aria-invalid=start_error.is_some().then_some("true")/>
                    <label for="post-end">{tr(lang, "終了時刻（任意）", "Ends at (optional)")}</label>
                    <p class="field-error" id="end-error">{end_error.clone()}</p>
                    <input type="time" id="post-end" name="end" value=value("end") aria-describedby="end-error" aria-invalid=end_error.is_some().then_some("true")/>
                    <label for="post-place">{tr(lang, "場所", "Place")}</label>
                    <p class="field-error" id="place-error">{place_error.clone()}</p>
                    <input type="text" id="post-place" name="place" maxlength="200" value=value("place") aria-describedby="place-error" aria-invalid=place_error.is_some().then_some("true")/>
                    <label for="post-capacity">{tr(lang, "定員（空欄なら制限なし）", "Capacity (empty: no limit)")}</label>
                    <p class="field-error" id="capacity-error">{capacity_error.clone()}</p>
                    <input type="number" id="post-capacity" name="capacity" min="1" inputmode="numeric" value=value("capacity") aria-describedby="capacity-error" aria-invalid=capacity_error.is_some().then_some("true")/>
                </fieldset>
                <p class="actions"><button type="submit" class="primary">{submit}</button>{cancel}</p>
            </form>
        </section>
    }
}

/// For the group's organisers, under each post: who is coming (events), edit, delete.
fn organiser_tools(lang: Lang, p: &PostView, attendees: Option<&Attendees>) -> AnyView {
    let coming = (p.kind == PostKind::Event).then(|| {
        let named = attendees.map(|a| a.named.clone()).unwrap_or_default();
        let unnamed = attendees.map_or(0, |a| a.unnamed);
        let others = (unnamed > 0).then(|| match lang {
            Lang::En => format!("and {unnamed} who do not show their name"),
            _ => format!("名前を知らせていない人 {unnamed}人"),
        });
        view! {
            <details class="attendees" data-attendees=p.id>
                <summary>{tre(lang, "参加予定の人", "Who is coming", "いく ひと")}" ("{p.going}")"</summary>
                {if named.is_empty() && others.is_none() {
                    view! { <p class="empty">{tre(lang, "まだいません。", "Nobody yet.", "まだ いません。")}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {named.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            {others.map(|o| view! { <li class="hint">{o}</li> })}
                        </ul>
                    }
                    .into_any()
                }}
                <p class="hint">{tr(lang, "名前は、このグループで「運営者に自分の名前を知らせる」を選んだ人だけ表示されます。", "Names are shown only for people who chose to let this group's organisers see their name.")}</p>
            </details>
        }
    });
    view! {
        <div class="post-tools">
            {coming}
            <div class="actions">
                <a class="button secondary" rel="external" href=format!("/groups/{}?edit={}#post-form", p.group_id, p.id)>{tre(lang, "編集", "Edit", "なおす")}</a>
                " "
                <form method="post" action=format!("/posts/{}/delete", p.id) class="inline">
                    <button type="submit" class="secondary">{tre(lang, "削除…", "Delete…", "けす…")}</button>
                </form>
            </div>
        </div>
    }
    .into_any()
}

/// Asks the organiser whether to delete a post (what goes with it), without JavaScript.
fn delete_confirmation(lang: Lang, p: &PostView, here: &str) -> AnyView {
    let consequence = match (p.kind, lang) {
        (PostKind::Event, Lang::En) => format!(
            "The event and the answers of those coming ({}) are deleted, and it leaves their feeds and calendars. This cannot be undone.",
            super::people(lang, p.going)
        ),
        (PostKind::Event, _) => format!(
            "催しと、参加予定の{}人の参加の返事が削除され、お知らせ・カレンダーからも消えます。元に戻せません。",
            p.going
        ),
        (PostKind::News, _) => tr(
            lang,
            "お知らせが削除され、メンバーのお知らせ欄からも消えます。元に戻せません。",
            "The news is deleted and leaves the members' feeds. This cannot be undone.",
        )
        .to_string(),
    };
    view! {
        <section class="card confirm" id="confirm" role="alertdialog" aria-labelledby="confirm-title">
            <h2 id="confirm-title">
                {match lang {
                    Lang::En => format!("Delete \u{201c}{}\u{201d}?", p.title),
                    _ => format!("「{}」を削除しますか", p.title),
                }}
            </h2>
            <p>{consequence}</p>
            <form method="post" action=format!("/posts/{}/delete", p.id)>
                <input type="hidden" name="confirmed" value="1"/>
                <p class="actions">
                    <button type="submit" class="danger">{tre(lang, "削除する", "Delete", "けす")}</button>
                    " "
                    <a rel="external" href=format!("{here}#post-{}", p.id)>{tre(lang, "やめる", "Cancel", "やめる")}</a>
                </p>
            </form>
        </section>
    }
    .into_any()
}
