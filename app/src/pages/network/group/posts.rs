//! The organisers' post form (a new post or one rewritten), their tools on each post, and the
//! delete confirmation.

use super::*;

/// Where the post form sends: a new post to a group, or a post rewritten.
pub(super) enum PostTarget<'a> {
    New(i64),
    Edit(&'a PostView),
}

/// The fields of the post form as a saved post fills them (times in Japan time).
pub(super) fn saved_values(post: &PostView) -> FormValues {
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

pub(super) fn post_form(
    lang: Lang,
    target: PostTarget<'_>,
    rejected: Option<&RejectedForm>,
) -> impl IntoView {
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
                "title" => tre(
                    lang,
                    "題名を入力してください。",
                    "Please enter a title.",
                    "だいめいを かいて ください。",
                ),
                "body" => tre(
                    lang,
                    "本文を入力してください。",
                    "Please write the text.",
                    "ほんぶんを かいて ください。",
                ),
                "date" => tre(
                    lang,
                    "催しの日付を入力してください。",
                    "Please enter the event's date.",
                    "もよおしの ひにちを かいて ください。",
                ),
                "start" => tre(
                    lang,
                    "催しの開始時刻を入力してください。",
                    "Please enter when the event starts.",
                    "もよおしが はじまる じかんを かいて ください。",
                ),
                "place" => tre(
                    lang,
                    "催しの場所を入力してください。",
                    "Please enter where the event takes place.",
                    "もよおしの ばしょを かいて ください。",
                ),
                _ => tre(
                    lang,
                    "入力してください。",
                    "Please fill this in.",
                    "かいて ください。",
                ),
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
                tre(lang, "まだ保存していません。赤字の項目を直して、もう一度「変更を保存」を押してください。書いた内容は残っています。", "Not saved yet. Please correct the fields marked in red and press \u{201c}Save the changes\u{201d} again; what you wrote is kept.", "まだ ほぞん して いません。あかい じの ところを なおして、もう いちど「なおした ところを ほぞん する」を おして ください。かいた ことは のこって います。")
            } else {
                tre(lang, "投稿できませんでした。赤字の項目を直して、もう一度「投稿する」を押してください。書いた内容は残っています。", "Not posted yet. Please correct the fields marked in red and press \u{201c}Post\u{201d} again; what you wrote is kept.", "のせる ことが できませんでした。あかい じの ところを なおして、もう いちど「のせる」を おして ください。かいた ことは のこって います。")
            }
            .to_string()
        });
        view! { <div class="error-summary" role="alert"><p>{text}</p></div> }
    });
    let (heading, action, submit) = match &target {
        PostTarget::New(group) => (
            tre(
                lang,
                "お知らせ・催しを投稿",
                "Post news or an event",
                "おしらせ・もよおしを のせる",
            ),
            format!("/groups/{group}/posts#post-form"),
            tre(lang, "投稿する", "Post", "のせる"),
        ),
        PostTarget::Edit(post) => (
            tre(lang, "投稿を編集", "Edit the post", "のせた ものを なおす"),
            format!("/posts/{}/edit#post-form", post.id),
            tre(
                lang,
                "変更を保存",
                "Save the changes",
                "なおした ところを ほぞん する",
            ),
        ),
    };
    // A post keeps its kind: the edit form says which it is instead of offering both.
    let kind = match &target {
        PostTarget::New(_) => view! {
            <fieldset class="question">
                <legend>{tre(lang, "種類", "Kind", "しゅるい")}</legend>
                <div class="options">
                    <label class="option"><input type="radio" name="kind" value="news" checked=!is_event/><span>{tre(lang, "お知らせ", "News", "おしらせ")}</span></label>
                    <label class="option"><input type="radio" name="kind" value="event" checked=is_event/><span>{tre(lang, "催し（日時・場所あり）", "Event (with date and place)", "もよおし（ひにち・じかん・ばしょ あり）")}</span></label>
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
                    <label for="post-title">{tre(lang, "題名", "Title", "だいめい")}</label>
                    <p class="field-error" id="title-error">{title_error.clone()}</p>
                    <input type="text" id="post-title" name="title" maxlength="100" value=value("title") aria-describedby="title-error" aria-invalid=title_error.is_some().then_some("true")/>
                </div>
                <div class="question">
                    <label for="post-body">{tre(lang, "本文", "Text", "ほんぶん")}</label>
                    <p class="field-error" id="body-error">{body_error.clone()}</p>
                    <textarea id="post-body" name="body" rows="4" aria-describedby="body-error" aria-invalid=body_error.is_some().then_some("true")>{value("body")}</textarea>
                </div>
                <fieldset class="question event-fields" hidden=!show_event_fields>
                    <legend>{tre(lang, "催しの場合", "For an event", "もよおしの とき")}</legend>
                    <p class="hint">{tre(lang, "日曜日の催しも歓迎です。", "Sunday events welcome.", "にちようびの もよおしも だいかんげい です。")}</p>
                    <label for="post-date">{tre(lang, "日付", "Date", "ひにち")}</label>
                    <p class="field-error" id="date-error">{date_error.clone()}</p>
                    <input type="date" id="post-date" name="date" value=value("date") aria-describedby="date-error" aria-invalid=date_error.is_some().then_some("true")/>
                    <label for="post-start">{tre(lang, "開始時刻", "Starts at", "はじまる じかん")}</label>
                    <p class="field-error" id="start-error">{start_error.clone()}</p>
                    <input type="time" id="post-start" name="start" value=value("start") aria-describedby="start-error" aria-invalid=start_error.is_some().then_some("true")/>
                    <label for="post-end">{tre(lang, "終了時刻（任意）", "Ends at (optional)", "おわる じかん（かかなくても よい）")}</label>
                    <p class="field-error" id="end-error">{end_error.clone()}</p>
                    <input type="time" id="post-end" name="end" value=value("end") aria-describedby="end-error" aria-invalid=end_error.is_some().then_some("true")/>
                    <label for="post-place">{tre(lang, "場所", "Place", "ばしょ")}</label>
                    <p class="field-error" id="place-error">{place_error.clone()}</p>
                    <input type="text" id="post-place" name="place" maxlength="200" value=value("place") aria-describedby="place-error" aria-invalid=place_error.is_some().then_some("true")/>
                    <label for="post-capacity">{tre(lang, "定員（空欄なら制限なし）", "Capacity (empty: no limit)", "ていいん（かかなければ なんにんでも）")}</label>
                    <p class="field-error" id="capacity-error">{capacity_error.clone()}</p>
                    <input type="number" id="post-capacity" name="capacity" min="1" inputmode="numeric" value=value("capacity") aria-describedby="capacity-error" aria-invalid=capacity_error.is_some().then_some("true")/>
                </fieldset>
                <p class="actions"><button type="submit" class="primary">{submit}</button>{cancel}</p>
            </form>
        </section>
    }
}

/// For the group's organisers, under each post: who is coming (events), edit, delete.
pub(super) fn organiser_tools(lang: Lang, p: &PostView, attendees: Option<&Attendees>) -> AnyView {
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
                <p class="hint">{tre(lang, "名前は、このグループで「運営者に自分の名前を知らせる」を選んだ人だけ表示されます。", "Names are shown only for people who chose to let this group's organisers see their name.", "なまえが でるのは、この グループで「うんえいしゃに じぶんの なまえを しらせる」を えらんだ 人 だけ です。")}</p>
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
pub(super) fn delete_confirmation(lang: Lang, p: &PostView, here: &str) -> AnyView {
    let consequence = match (p.kind, lang) {
        (PostKind::Event, Lang::En) => format!(
            "The event and the answers of those coming ({}) are deleted, and it leaves their feeds and calendars. This cannot be undone.",
            super::people(lang, p.going)
        ),
        (PostKind::Event, _) => format!(
            "催しと、参加予定の{}人の参加の返事が削除され、お知らせ・カレンダーからも消えます。元に戻せません。",
            p.going
        ),
        (PostKind::News, _) => tre(
            lang,
            "お知らせが削除され、メンバーのお知らせ欄からも消えます。元に戻せません。",
            "The news is deleted and leaves the members' feeds. This cannot be undone.",
            "おしらせが けされ、メンバーの おしらせ らんからも きえます。もとに もどせません。",
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
