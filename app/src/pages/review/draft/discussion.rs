//! Suggestions and comment threads on a draft, with the forms to add to them.

use super::*;

pub(super) fn kind_label(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "reword" => tr(lang, "文言・選択肢の変更", "Change wording or options"),
        "insert" => tr(lang, "この後に質問を追加", "Add a question after this one"),
        _ => tr(lang, "この質問を削除", "Delete this question"),
    }
}

pub(super) fn suggestion(lang: Lang, d: &DraftView, s: &SuggestionView) -> AnyView {
    let id = d.survey_id;
    let state = match s.state.as_str() {
        "accepted" => tr(lang, "採用されました", "Accepted"),
        "rejected" => tr(lang, "見送られました", "Not taken"),
        _ => tr(lang, "検討中", "Open"),
    };
    let decided = s.decided.as_ref().map(|(by, at, reply)| {
        view! {
            <p class="reply">
                {by.clone()}" · "{format_jst(*at, lang)}
                {(!reply.is_empty()).then(|| view! { <br/>{reply.clone()} })}
            </p>
        }
    });
    let stale = s.stale.then(|| view! {
        <p class="help">{tr(lang, "提案の後にこの質問は変更されています。", "This question changed after the suggestion was made.")}</p>
    });
    let decide = (d.viewer == Viewer::Staff && s.state == "open").then(|| {
        let field = format!("f-reply-{}", s.id);
        view! {
            <form method="post" action=format!("/review/{id}/suggestions/{}", s.id) class="stack decide-form">
                <label for=field.clone()>{tr(lang, "返信（見送る場合は理由を）", "Reply (a reason, if not taken)")}</label>
                <textarea id=field name="reply" rows="2"></textarea>
                <div class="nav-buttons">
                    <button type="submit" name="action" value="accept" class="secondary">{tr(lang, "採用する", "Accept")}</button>
                    <button type="submit" name="action" value="reject" class="secondary">{tr(lang, "見送る", "Reject")}</button>
                </div>
            </form>
        }
    });
    view! {
        <div class="suggestion" id=format!("s-{}", s.id) data-state=s.state.clone()>
            <p class="suggestion-head">
                <strong>{kind_label(lang, &s.kind)}</strong>
                " — "{s.author.clone()}" · "{format_jst(s.at, lang)}" · "
                <span class="badge">{state}</span>
            </p>
            {(!s.note.is_empty()).then(|| view! { <p>{s.note.clone()}</p> })}
            {question_diff(lang, &s.diff)}
            {stale}
            {decided}
            {decide}
        </div>
    }
    .into_any()
}

pub(super) fn threads(lang: Lang, d: &DraftView, target: &str) -> AnyView {
    d.threads
        .iter()
        .filter(|t| t.target == target)
        .map(|t| thread(lang, d.survey_id, d.viewer == Viewer::Staff, t))
        .collect_view()
        .into_any()
}

/// A thread; `staff` viewers may log a council member's comment in the liaison log.
pub(super) fn thread(lang: Lang, survey: i64, staff: bool, t: &Thread) -> AnyView {
    let line = |r: &shared::codesign::views::Reply| {
        let ward_badge = r
            .staff
            .then(|| view! { " "<span class="badge">{tr(lang, "区役所", "ward")}</span> });
        view! {
            <div class="comment" id=format!("c-{}", r.id)>
                <p class="comment-head"><strong>{r.author.clone()}</strong>{ward_badge}" · "{format_jst(r.at, lang)}</p>
                <p class="comment-body">{r.body.clone()}</p>
                {(staff && !r.staff).then(|| crate::components::log_this::log_this(
                    lang,
                    "comment",
                    &[("survey", survey), ("comment", r.id)],
                ))}
            </div>
        }
    };
    let replies = t.replies.iter().map(line).collect_view();
    let resolved = t.resolved.as_ref().map(|(by, at)| {
        view! { <p class="help">{tr(lang, "解決済み：", "Resolved by ")}{by.clone()}" · "{format_jst(*at, lang)}</p> }
    });
    let toggle = t.can_resolve.then(|| {
        let (action, label) = match t.resolved {
            Some(_) => ("reopen", tr(lang, "未解決に戻す", "Reopen")),
            None => ("resolve", tr(lang, "解決済みにする", "Resolve")),
        };
        view! {
            <form method="post" action=format!("/review/{survey}/comments/{}", t.first.id) class="inline-action">
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="secondary">{label}</button>
            </form>
        }
    });
    view! {
        <div class="thread" data-resolved=t.resolved.is_some().to_string()>
            {line(&t.first)}
            {replies}
            {resolved}
            <details class="reply-box">
                <summary>{tr(lang, "返信する", "Reply")}</summary>
                {comment_form(lang, survey, &t.target, Some(t.first.id))}
            </details>
            {toggle}
        </div>
    }
    .into_any()
}

pub(super) fn comment_form(lang: Lang, survey: i64, target: &str, parent: Option<i64>) -> AnyView {
    let field = format!(
        "f-comment-{}-{}",
        if target.is_empty() { "survey" } else { target },
        parent.map(|p| p.to_string()).unwrap_or_default()
    );
    let label = match parent {
        Some(_) => tr(lang, "返信", "Reply"),
        None => tr(lang, "コメント", "Comment"),
    };
    view! {
        <form method="post" action=format!("/review/{survey}/comment") class="stack comment-form">
            <input type="hidden" name="target" value=target.to_string()/>
            {parent.map(|p| view! { <input type="hidden" name="parent" value=p.to_string()/> })}
            <label for=field.clone()>{label}</label>
            <textarea id=field name="body" rows="2" required></textarea>
            <button type="submit" class="secondary">{tr(lang, "送る", "Send")}</button>
        </form>
    }
    .into_any()
}
