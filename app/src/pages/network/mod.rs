//! The loose local networks (ゆるやかなネットワーク): the group directory, a group's page,
//! proposing and editing a group, and the queue where staff and centre directors approve them.
//! Every page is plain HTML with GET filters and POST forms, so it works without JavaScript.

pub mod directory;
pub mod feed;
pub mod group;
pub mod notices;
pub mod propose;
pub mod queue;
pub mod reports;

pub(crate) use crate::components::groups::{district_names, group_card, people};

use crate::api::request::RejectedForm;
use crate::components::forms::rejected_field;
use crate::i18n::tre;
use leptos::prelude::*;
use shared::Lang;
use shared::network::Membership;

/// Who is signed in, with their feed and the sign-out button; or the ways in. Shown at the top
/// of every network page.
#[component]
pub fn NetworkBar() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match crate::api::staff::get_current_user().await {
                    Ok(Some(user)) => view! {
                        <div class="network-bar">
                            <a href="/feed">{tre(lang, "お知らせ・予定", "My feed", "おしらせと よてい")}</a>
                            <a href="/report">{tre(lang, "地域のことを知らせる", "Report a local matter", "ちいきの ことを しらせる")}</a>
                            <crate::components::account::SignOutButton name=user.display_name/>
                        </div>
                    }
                    .into_any(),
                    _ => view! {
                        <p class="network-bar">
                            <a href="/sign-in">{tre(lang, "ログイン", "Sign in", "ログイン")}</a>
                            " · "
                            <a href="/sign-up">{tre(lang, "登録する", "Sign up", "とうろく する")}</a>
                        </p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// A folded "report" form for a group or one of its posts (signed-in readers): the reason goes
/// to the ward's staff, who decide whether to hide it. Works without JavaScript.
pub(crate) fn report_box(
    lang: Lang,
    group: i64,
    post: Option<i64>,
    title: &'static str,
) -> AnyView {
    let id = match post {
        Some(p) => format!("report-post-{p}"),
        None => format!("report-group-{group}"),
    };
    // This very box refused (a reason of only spaces, too long): open again, with the reason
    // typed and what is wrong.
    let rejected = use_context::<RejectedForm>().filter(|r| {
        r.values.first("group") == Some(group.to_string().as_str())
            && r.values.first("post").filter(|p| !p.is_empty())
                == post.map(|p| p.to_string()).as_deref()
    });
    let error = rejected_field(rejected.as_ref(), lang, "reason");
    let typed = rejected
        .as_ref()
        .and_then(|r| r.values.first("reason").map(str::to_string))
        .unwrap_or_default();
    let error_id = format!("{id}-error");
    view! {
        <details class="report-box" open=rejected.is_some()>
            <summary>{title}</summary>
            <form method="post" action="/reports" class="stack">
                <input type="hidden" name="group" value=group.to_string()/>
                {post.map(|p| view! { <input type="hidden" name="post" value=p.to_string()/> })}
                <label for=id.clone()>
                    {tre(lang, "何が問題ですか（区の職員だけが読みます）", "What is wrong? (only the ward's staff read this)", "なにが こまりますか（くやくしょの ひとだけが よみます）")}
                </label>
                <p class="field-error" id=error_id.clone()>{error}</p>
                <textarea id=id name="reason" rows="3" maxlength="1000" required=true aria-describedby=error_id>{typed}</textarea>
                <button type="submit" class="secondary">{tre(lang, "報告する", "Send the report", "しらせる")}</button>
            </form>
        </details>
    }
    .into_any()
}

/// How someone belongs to a group, in words.
pub(crate) fn membership_label(lang: Lang, membership: Membership) -> &'static str {
    match membership {
        Membership::Organiser => tre(lang, "運営", "Organiser", "うんえい"),
        Membership::Member => tre(lang, "メンバー", "Member", "メンバー"),
        Membership::Follower => tre(lang, "フォロー中", "Following", "フォロー している"),
    }
}
