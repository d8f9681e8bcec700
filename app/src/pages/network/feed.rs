//! `/feed`: a resident's own page: the latest news and events of the groups they joined or
//! follow, and the upcoming events in their district, each with "I'll come" for events.

use crate::api::network::get_feed;
use crate::components::account::error_or_sign_in;
use crate::i18n::{tre, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::Lang;
use shared::network::posts::{PostKind, PostView};

/// The feed page.
#[component]
pub fn FeedPage() -> impl IntoView {
    let lang = use_lang();
    let refusal = crate::components::forms::rejected_summary(
        use_context::<crate::api::request::RejectedForm>().as_ref(),
        lang,
    );
    view! {
        <Title text=tre(lang, "お知らせ・予定", "My feed", "おしらせと よてい")/>
        <Suspense>
            {move || {
                let refusal = refusal.clone();
                Suspend::new(async move {
                match get_feed().await {
                    Ok(f) => {
                        let district = f.district.as_ref().map(|d| d.plain(lang));
                        let district_easy = f.district.clone().filter(|_| lang == Lang::EasyJa);
                        view! {
                            <super::NetworkBar/>
                            <p class="crumbs"><a href="/groups">{tre(lang, "← 地域のグループ", "← Local groups", "← ちいきの グループ")}</a></p>
                            <h1>{tre(lang, "お知らせ・予定", "My feed", "おしらせと よてい")}</h1>
                            {refusal.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                            {(!f.notices.is_empty()).then(|| view! {
                                <section class="feed-notices">
                                    <h2>{tre(lang, "区役所・市民センターからのお知らせ", "From the ward office and community centres", "くやくしょ・しみんセンターからの おしらせ")}</h2>
                                    <ul class="posts">
                                        {f.notices.iter().map(|n| view! {
                                            <li class="card notice-item" data-notice=n.id data-new=n.new.to_string()>
                                                {n.new.then(|| view! { <span class="badge required">{tre(lang, "新着", "New", "あたらしい")}</span>" " })}
                                                <h3>{n.title.clone()}</h3>
                                                <p class="description">{n.body.clone()}</p>
                                                <p class="hint">{n.sender.clone()}" · "{format_jst(n.created_at, lang)}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            <section class="feed-events">
                                <h2>
                                    {match (&district, lang) {
                                        (Some(_), Lang::EasyJa) => view! {
                                            {district_easy.map(|d| view! { <crate::components::rich::Rich text=d.get(lang).to_string()/> })}
                                            " こうくと あなたの グループの もよおし"
                                        }.into_any(),
                                        (Some(d), Lang::En) => format!("Coming up in {d} and your groups").into_any(),
                                        (Some(d), _) => format!("{d}校区とあなたのグループの催し").into_any(),
                                        (None, _) => tre(lang, "あなたのグループの催し", "Coming up in your groups", "あなたの グループの もよおし").into_any(),
                                    }}
                                </h2>
                                {if f.events.is_empty() {
                                    view! { <p class="empty">{tre(lang, "予定されている催しはありません。", "No events coming up.", "いまは もよおしは ありません。")}</p> }.into_any()
                                } else {
                                    view! { <ul class="posts">{f.events.iter().map(|p| post_item(lang, p, true, "/feed", None)).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                            <section class="feed-posts">
                                <h2>{tre(lang, "グループからのお知らせ", "From your groups", "グループからの おしらせ")}</h2>
                                {if f.posts.is_empty() {
                                    view! {
                                        <p class="empty">
                                            {tre(lang, "まだお知らせはありません。", "Nothing yet.", "まだ おしらせは ありません。")}" "
                                            <a href="/groups">{tre(lang, "グループを探す", "Find a group", "グループを さがす")}</a>
                                        </p>
                                    }.into_any()
                                } else {
                                    view! { <ul class="posts">{f.posts.iter().map(|p| post_item(lang, p, true, "/feed", None)).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => error_or_sign_in(e, "/feed"),
                }
            })}}
        </Suspense>
    }
}

/// One post: title, group, text; for an event when and where, the head count against the
/// capacity, and (signed in, not yet begun) the RSVP button. `back` is where the RSVP returns.
/// `tools`: what its group's organisers do with it (shown instead of the report form).
pub(crate) fn post_item(
    lang: Lang,
    p: &PostView,
    signed_in: bool,
    back: &str,
    tools: Option<AnyView>,
) -> impl IntoView + use<> {
    let event = p.event.clone();
    let kind = match p.kind {
        PostKind::News => tre(lang, "お知らせ", "News", "おしらせ"),
        PostKind::Event => tre(lang, "催し", "Event", "もよおし"),
    };
    // A hidden post (seen only by its organisers and staff) takes no RSVPs.
    let rsvp = event.as_ref().filter(|_| signed_in && p.hidden.is_none()).map(|e| {
        let full = e.capacity.is_some_and(|c| p.going >= c);
        let (value, label) = if p.i_am_going {
            ("cancel", tre(lang, "参加をとりやめる", "I can't come after all", "やっぱり いかない"))
        } else {
            ("going", tre(lang, "参加します", "I'll come", "いきます"))
        };
        view! {
            <form method="post" action=format!("/posts/{}/rsvp", p.id) class="rsvp">
                <input type="hidden" name="back" value=back.to_string()/>
                {p.i_am_going.then(|| view! { <p class="membership" data-going="true">{tre(lang, "参加予定です", "You are coming", "あなたは いく よていです")}</p> })}
                {if full && !p.i_am_going {
                    view! { <p class="hint" data-full="true">{tre(lang, "定員に達しました", "This event is full", "もう いっぱいです")}</p> }.into_any()
                } else {
                    view! { <button type="submit" name="action" value=value class=if p.i_am_going { "secondary" } else { "primary" }>{label}</button> }.into_any()
                }}
            </form>
        }
    });
    view! {
        <li class="card post" id=format!("post-{}", p.id) data-post=p.id data-kind=p.kind.as_str()>
            <p class="group-meta">
                <span class="badge">{kind}</span>" "
                <a href=format!("/groups/{}", p.group_id)>{p.group_name.clone()}</a>
            </p>
            <h3>{p.title.clone()}</h3>
            {event.map(|e| view! {
                <p class="event-when">
                    <strong>{crate::time::event_when(e.starts_at, e.ends_at, lang)}</strong>
                    <br/>{tre(lang, "場所: ", "Place: ", "ばしょ: ")}{e.place.clone()}
                    <br/>
                    <span data-going=p.going>
                        {match (e.capacity, lang) {
                            (Some(c), Lang::En) => format!("{} coming (of {c})", p.going),
                            (Some(c), Lang::EasyJa) => format!("いく ひと {}にん（{c}にん まで）", p.going),
                            (Some(c), _) => format!("参加予定 {}人（定員{c}人）", p.going),
                            (None, Lang::En) => format!("{} coming", p.going),
                            (None, Lang::EasyJa) => format!("いく ひと {}にん", p.going),
                            (None, _) => format!("参加予定 {}人", p.going),
                        }}
                    </span>
                </p>
            })}
            {p.hidden.clone().map(|reason| view! {
                <p class="notice warning" data-state="post-hidden">
                    <strong>{tre(lang, "区が非表示にしました（運営者と職員だけに見えています）。", "Hidden by the ward (only organisers and staff see it).", "くやくしょが みえなく しました（うんえいしゃと くやくしょの ひと だけが みられます）。")}</strong>
                    " "{tre(lang, "理由: ", "Reason: ", "りゆう: ")}{reason}
                </p>
            })}
            <p class="description">{p.body.clone()}</p>
            {rsvp}
            <p class="hint">{tre(lang, "投稿: ", "Posted ", "かいた ひ: ")}{format_jst(p.created_at, lang)}</p>
            {match tools {
                Some(tools) => Some(tools),
                None => (signed_in && p.hidden.is_none()).then(|| {
                    super::report_box(lang, p.group_id, Some(p.id), tre(lang, "この投稿を報告", "Report this post", "この かきこみの ことを くやくしょに しらせる"))
                }),
            }}
        </li>
    }
}
