//! The boxes beside a group's posts: its surveys, the viewer's membership, and staff's decision on
//! a proposed group.

use super::*;

/// The ward's open surveys, linked through the group (answers record that the group referred
/// them); organisers and staff get the whole address to share.
pub(super) fn surveys_box(lang: Lang, g: &GroupPage) -> Option<AnyView> {
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

pub(super) fn membership_box(lang: Lang, g: &GroupPage, here: &str) -> AnyView {
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

pub(super) fn decision_box(lang: Lang, id: i64, rejected: Option<&RejectedForm>) -> impl IntoView {
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
