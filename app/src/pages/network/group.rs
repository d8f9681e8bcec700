//! `/groups/{id}`: a group's page: what it does, where it meets, how to reach it; joining,
//! following and leaving with one tap; for its organisers the members (named only where they
//! agreed); for staff and centre directors the decision on a proposal.

use super::feed::post_item;
use super::{group_param, membership_label, people, rejected_field, rejected_summary, report_box};
use crate::api::network::get_group;
use crate::api::request::RejectedForm;
use crate::components::error_page::ErrorPage;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::network::{ContactPolicy, GroupPage, GroupStatus, Membership};
use shared::{ApiError, Lang};

/// A group's page.
#[component]
pub fn GroupPageView() -> impl IntoView {
    let lang = use_lang();
    let id = group_param();
    let rejected = use_context::<RejectedForm>();
    // Back from `POST /reports`: thank the reporter.
    let reported = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("reported")
        .is_some();
    view! {
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_group(id).await {
                        Ok(g) => page(lang, g, rejected.as_ref(), reported).into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn status_notice(lang: Lang, g: &GroupPage) -> Option<AnyView> {
    let (title, body) = match g.status {
        GroupStatus::Approved => return None,
        GroupStatus::Pending => (
            tr(lang, "確認待ち", "Waiting for approval"),
            tr(
                lang,
                "区役所または市民センターが確認すると、一覧に表示されます。",
                "The group appears in the directory once the ward office or community centre has checked it.",
            ),
        ),
        GroupStatus::Declined => (
            tr(lang, "登録は見送られました", "Not accepted"),
            tr(lang, "理由:", "Reason:"),
        ),
        GroupStatus::Hidden => (
            tr(lang, "非表示中", "Hidden"),
            tr(
                lang,
                "区がこのグループを一覧から外しました。理由:",
                "The ward took this group out of the directory. Reason:",
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
    reported: bool,
) -> impl IntoView {
    let id = g.card.id;
    let here = format!("/groups/{id}");
    let districts = g
        .card
        .districts
        .iter()
        .map(|d| d.plain(lang))
        .collect::<Vec<_>>()
        .join("・");
    let contact = match (&g.contact, g.contact_policy) {
        (Some(c), _) => view! { <p class="contact">{c.clone()}</p> }.into_any(),
        (None, ContactPolicy::Members) => view! {
            <p class="hint">{tr(lang, "連絡先はメンバーに表示されます。", "The contact is shown to members.")}</p>
        }
        .into_any(),
        (None, _) => view! {
            <p class="hint">{tr(lang, "お問い合わせは活動している校区の市民センターへどうぞ。", "Please ask at the community centre of its district.")}</p>
        }
        .into_any(),
    };
    // The post form says its own refusals where the organiser is (see `post_form`).
    let summary = rejected_summary(rejected.filter(|r| r.values.first("kind").is_none()), lang);
    view! {
        <Title text=g.card.name.clone()/>
        <super::NetworkBar/>
        <p class="crumbs"><a href="/groups">{tr(lang, "← 地域のグループ", "← Local groups")}</a></p>
        <article class="group-page" data-group=id>
            <h1>
                {g.card.name.clone()}
                {g.card.verified.then(|| view! {
                    " "<span class="badge verified">{tr(lang, "✓ 確認済み", "✓ Verified")}</span>
                })}
            </h1>
            {status_notice(lang, &g)}
            {reported.then(|| view! {
                <p class="notice" role="status" data-state="reported">
                    {tr(lang, "報告を受け付けました。区の職員が確認します。", "Thank you: the ward's staff will look at your report.")}
                </p>
            })}
            {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
            <p class="group-meta">
                <span class="badge">{g.card.kind.label(lang)}</span>" "{districts}
            </p>
            <p class="counts" data-members=g.card.member_count data-followers=g.card.follower_count>
                {tr(lang, "メンバー ", "Members: ")}{people(lang, g.card.member_count)}
                {tr(lang, " · フォロー ", " · followers: ")}{people(lang, g.card.follower_count)}
            </p>
            <p class="description">{g.description.clone()}</p>
            {(!g.card.meeting_place.is_empty()).then(|| view! {
                <p><strong>{tr(lang, "活動場所: ", "Meets at: ")}</strong>{g.card.meeting_place.clone()}</p>
            })}
            {(!g.card.tags.is_empty()).then(|| view! {
                <ul class="tags">
                    {g.card.tags.iter().map(|t| view! {
                        <li><a href=format!("/groups?tag={}", crate::pages::staff::results::encode(t))>"#"{t.clone()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <h2>{tr(lang, "連絡先", "Contact")}</h2>
            {contact}
            {membership_box(lang, &g, &here)}
            {g.can.edit.then(|| view! {
                <p><a class="button secondary" href=format!("/groups/{id}/edit")>{tr(lang, "グループの情報を編集", "Edit the group")}</a></p>
            })}
            {surveys_box(lang, &g)}
            {g.can.decide.then(|| decision_box(lang, id, rejected))}
            {g.can.post.then(|| post_form(lang, id, rejected))}
            <section class="group-posts">
                <h2>{tr(lang, "お知らせ・催し", "News and events")}</h2>
                {(g.status == GroupStatus::Approved).then(|| view! {
                    <p class="hint">
                        <a href=format!("/groups/{id}/events.ics")>{tr(lang, "催しをカレンダーに登録（iCalendar）", "Add the events to your calendar (iCalendar)")}</a>
                    </p>
                })}
                {if g.posts.is_empty() {
                    view! { <p class="empty">{tr(lang, "まだ投稿はありません。", "Nothing posted yet.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="posts">
                            {g.posts.iter().map(|p| post_item(lang, p, g.signed_in, &here)).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            {g.members.as_ref().map(|members| view! {
                <section class="members">
                    <h2>{tr(lang, "メンバー一覧", "Members")}</h2>
                    <p class="hint">
                        {tr(
                            lang,
                            "名前を知らせることに同意した人だけ名前が表示されます。メールアドレスは表示されません。",
                            "Only people who agreed to show their name are named. E-mail addresses are never shown.",
                        )}
                    </p>
                    <div class="table-wrap">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(lang, "名前", "Name")}</th>
                                    <th scope="col">{tr(lang, "参加のしかた", "As")}</th>
                                    <th scope="col">{tr(lang, "参加日", "Since")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {members.iter().map(|m| view! {
                                    <tr>
                                        <td>{m.name.clone().unwrap_or_else(|| tr(lang, "（名前非公開）", "(name not shown)").to_string())}</td>
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
                report_box(lang, id, None, tr(lang, "このグループを報告", "Report this group"))
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
                            {tr(lang, "メンバーに知らせるリンク: ", "Link to share with members: ")}
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
                <h2>{tr(lang, "区のアンケートに答える", "Answer the ward's surveys")}</h2>
                <p class="hint">
                    {tr(
                        lang,
                        "このグループのリンクから答えると、どのグループを通じて届いたかだけが区に伝わります（あなたの名前は伝わりません）。",
                        "Answering through this group's link tells the ward only which group it came through (not who you are).",
                    )}
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
            <section class="join-box">
                <h2>{tr(lang, "参加する", "Join")}</h2>
                <p>{tr(lang, "参加やフォローには、メールアドレスとお名前だけの登録が必要です。", "To join or follow, sign up with just an e-mail address and a name.")}</p>
                <p>
                    <a class="button primary" href=format!("/sign-up?next={here}")>{tr(lang, "登録する", "Sign up")}</a>
                    " "
                    <a href=format!("/sign-in?next={here}")>{tr(lang, "ログイン", "Sign in")}</a>
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
            Membership::Organiser => tr(
                lang,
                "あなたはこのグループの運営者です。",
                "You organise this group.",
            ),
            Membership::Member => tr(
                lang,
                "このグループに参加しています。",
                "You are a member of this group.",
            ),
            Membership::Follower => tr(
                lang,
                "このグループをフォローしています。",
                "You follow this group.",
            ),
        };
        view! { <p class="membership" data-membership=m.as_str()>{text}</p> }
    });
    let join_label = match state {
        Some(Membership::Member | Membership::Organiser) => tr(lang, "設定を保存", "Save"),
        _ => tr(lang, "参加する", "Join"),
    };
    let join_value = match state {
        Some(Membership::Organiser) => "organiser",
        _ => "join",
    };
    view! {
        <section class="join-box">
            <h2>{tr(lang, "参加・フォロー", "Join or follow")}</h2>
            {status}
            <form method="post" action=action.clone() class="stack">
                <label class="option">
                    <input type="checkbox" name="show_name" value="1" checked=show_name/>
                    <span>{tr(lang, "運営者に自分の名前を知らせる", "Let the organisers see my name")}</span>
                </label>
                <p class="hint">{tr(lang, "知らせない場合も人数には数えられます。メールアドレスは運営者に知らされません。", "If not, you are counted but not named. Organisers never see your e-mail address.")}</p>
                <p class="actions">
                    <button type="submit" name="action" value=join_value class="primary">{join_label}</button>
                    {(state.is_none()).then(|| view! {
                        " "<button type="submit" name="action" value="follow" class="secondary">{tr(lang, "フォローだけする", "Just follow")}</button>
                    })}
                    {(state == Some(Membership::Follower)).then(|| view! {
                        " "<button type="submit" name="action" value="follow" class="secondary">{tr(lang, "設定を保存", "Save")}</button>
                    })}
                </p>
            </form>
            {(state.is_some() && state != Some(Membership::Organiser)).then(|| view! {
                <form method="post" action=action.clone()>
                    <button type="submit" name="action" value="leave" class="secondary">
                        {if state == Some(Membership::Follower) { tr(lang, "フォローをやめる", "Unfollow") } else { tr(lang, "グループをやめる", "Leave the group") }}
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

fn post_form(lang: Lang, id: i64, rejected: Option<&RejectedForm>) -> impl IntoView {
    // Only the post form's own refusals come back with a `title` or `kind` field.
    let posted = rejected.filter(|r| r.values.first("kind").is_some());
    let value = |name: &str| {
        posted
            .and_then(|r| r.values.first(name).map(str::to_string))
            .unwrap_or_default()
    };
    // A missing field is named in this form's words ("enter a title"), not a survey's.
    let error = |name: &str| {
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
    // Refused: the browser lands on this form (the form's address ends in `#post-form`), and
    // the first thing it shows is why, above the fields marked in red.
    let refused = posted.map(|r| {
        let text = rejected_summary(Some(r), lang).unwrap_or_else(|| {
            tr(
                lang,
                "投稿できませんでした。赤字の項目を直して、もう一度「投稿する」を押してください。書いた内容は残っています。",
                "Not posted yet. Please correct the fields marked in red and press \u{201c}Post\u{201d} again; what you wrote is kept.",
            )
            .to_string()
        });
        view! { <div class="error-summary" role="alert"><p>{text}</p></div> }
    });
    view! {
        <section class="post-box" id="post-form">
            <h2>{tr(lang, "お知らせ・催しを投稿", "Post news or an event")}</h2>
            {refused}
            <form method="post" action=format!("/groups/{id}/posts#post-form") class="stack post-form" novalidate>
                <fieldset class="question">
                    <legend>{tr(lang, "種類", "Kind")}</legend>
                    <div class="options">
                        <label class="option"><input type="radio" name="kind" value="news" checked=!is_event/><span>{tr(lang, "お知らせ", "News")}</span></label>
                        <label class="option"><input type="radio" name="kind" value="event" checked=is_event/><span>{tr(lang, "催し（日時・場所あり）", "Event (with date and place)")}</span></label>
                    </div>
                </fieldset>
                <div class="question">
                    <label for="post-title">{tr(lang, "題名", "Title")}</label>
                    <p class="field-error" id="title-error">{error("title")}</p>
                    <input type="text" id="post-title" name="title" maxlength="100" value=value("title") aria-describedby="title-error"/>
                </div>
                <div class="question">
                    <label for="post-body">{tr(lang, "本文", "Text")}</label>
                    <p class="field-error" id="body-error">{error("body")}</p>
                    <textarea id="post-body" name="body" rows="4" aria-describedby="body-error">{value("body")}</textarea>
                </div>
                <fieldset class="question event-fields">
                    <legend>{tr(lang, "催しの場合", "For an event")}</legend>
                    <p class="hint">{tr(lang, "日曜日の催しも歓迎です。", "Sunday events welcome.")}</p>
                    <label for="post-date">{tr(lang, "日付", "Date")}</label>
                    <p class="field-error" id="date-error">{error("date")}</p>
                    <input type="date" id="post-date" name="date" value=value("date") aria-describedby="date-error"/>
                    <label for="post-start">{tr(lang, "開始時刻", "Starts at")}</label>
                    <p class="field-error" id="start-error">{error("start")}</p>
                    <input type="time" id="post-start" name="start" value=value("start") aria-describedby="start-error"/>
                    <label for="post-end">{tr(lang, "終了時刻（任意）", "Ends at (optional)")}</label>
                    <p class="field-error" id="end-error">{error("end")}</p>
                    <input type="time" id="post-end" name="end" value=value("end") aria-describedby="end-error"/>
                    <label for="post-place">{tr(lang, "場所", "Place")}</label>
                    <p class="field-error" id="place-error">{error("place")}</p>
                    <input type="text" id="post-place" name="place" maxlength="200" value=value("place") aria-describedby="place-error"/>
                    <label for="post-capacity">{tr(lang, "定員（空欄なら制限なし）", "Capacity (empty: no limit)")}</label>
                    <p class="field-error" id="capacity-error">{error("capacity")}</p>
                    <input type="number" id="post-capacity" name="capacity" min="1" inputmode="numeric" value=value("capacity") aria-describedby="capacity-error"/>
                </fieldset>
                <button type="submit" class="primary">{tr(lang, "投稿する", "Post")}</button>
            </form>
        </section>
    }
}
