//! `/notices`: staff and community-centre directors write a notice to the members of chosen
//! groups and/or the people of chosen districts, and see how many received and read each.

use crate::api::network::get_notices;
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::components::forms::rejected_field;
use crate::components::forms::rejected_summary;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;

/// The notices page.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let sent_to = use_query_map().read_untracked().get("sent");
    // Sent from a matter's page (good news going out): its title and what the ward says.
    let matter = use_query_map()
        .read_untracked()
        .get("matter")
        .and_then(|m| m.parse::<i64>().ok());
    view! {
        <Title text=tr(lang, "お知らせを送る", "Send a notice")/>
        <Suspense>
            {move || {
                let (rejected, sent_to) = (rejected.clone(), sent_to.clone());
                Suspend::new(async move {
                    let from = match (matter, &rejected) {
                        (Some(id), None) => crate::api::matters::get_matter(id).await.ok(),
                        _ => None,
                    };
                    match get_notices().await {
                        Ok(v) => {
                            let value = |name: &str| {
                                let typed = rejected
                                    .as_ref()
                                    .and_then(|r| r.values.first(name).map(str::to_string));
                                let prefilled = from.as_ref().map(|m| match name {
                                    "title" => m.title.clone(),
                                    "body" => m.public_note.clone().unwrap_or_else(|| m.description.clone()),
                                    _ => String::new(),
                                });
                                typed.or(prefilled).unwrap_or_default()
                            };
                            let matter_field = from.as_ref().map(|m| m.id).or_else(|| {
                                rejected.as_ref().and_then(|r| r.values.first("matter")?.parse().ok())
                            });
                            let checked = |name: &str, id: i64| {
                                rejected.as_ref().is_some_and(|r| r.values.contains(name, &id.to_string()))
                            };
                            let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
                            let summary = rejected_summary(rejected.as_ref(), lang);
                            view! {
                                <super::NetworkBar/>
                                <h1>{tr(lang, "お知らせを送る", "Send a notice")}</h1>
                                <p class="lead">
                                    {tr(
                                        lang,
                                        "選んだグループのメンバー・フォロワーと、選んだ校区に住む登録者（校区で活動するグループのメンバーを含む）のお知らせ欄に届きます。",
                                        "It reaches the members and followers of the chosen groups, and the registered people of the chosen districts (members of groups active there included), in their feed.",
                                    )}
                                </p>
                                {sent_to.map(|n| view! {
                                    <p class="notice" role="status" data-sent=n.clone()>
                                        {match lang {
                                            Lang::En => format!("Sent to {n} people."),
                                            _ => format!("{n}人に送りました。"),
                                        }}
                                    </p>
                                })}
                                {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                                <form method="post" action="/notices" class="stack notice-form" novalidate>
                                    {matter_field.map(|m| view! { <input type="hidden" name="matter" value=m.to_string()/> })}
                                    <div class="question">
                                        <label for="notice-title">{tr(lang, "題名", "Title")}</label>
                                        <p class="field-error" id="title-error">{error("title")}</p>
                                        <input type="text" id="notice-title" name="title" maxlength="100" value=value("title") aria-describedby="title-error"/>
                                    </div>
                                    <div class="question">
                                        <label for="notice-body">{tr(lang, "本文", "Text")}</label>
                                        <p class="field-error" id="body-error">{error("body")}</p>
                                        <textarea id="notice-body" name="body" rows="5" aria-describedby="body-error">{value("body")}</textarea>
                                    </div>
                                    <p class="field-error" id="audience-error">{error("audience")}</p>
                                    <fieldset class="question">
                                        <legend>{tr(lang, "校区", "Districts")}</legend>
                                        <p class="field-error">{error("district")}</p>
                                        <div class="options">
                                            {v.districts.iter().map(|d| view! {
                                                <label class="option">
                                                    <input type="checkbox" name="district" value=d.id.to_string() checked=checked("district", d.id)/>
                                                    <span>{d.name.plain(lang)}</span>
                                                </label>
                                            }).collect_view()}
                                        </div>
                                    </fieldset>
                                    <fieldset class="question">
                                        <legend>{tr(lang, "グループ", "Groups")}</legend>
                                        <p class="field-error">{error("group")}</p>
                                        <div class="options">
                                            {v.groups.iter().map(|g| view! {
                                                <label class="option">
                                                    <input type="checkbox" name="group" value=g.id.to_string() checked=checked("group", g.id)/>
                                                    <span>{g.name.clone()}</span>
                                                </label>
                                            }).collect_view()}
                                        </div>
                                    </fieldset>
                                    <button type="submit" class="primary">{tr(lang, "送る", "Send")}</button>
                                </form>
                                <h2>{tr(lang, "送ったお知らせ", "Sent")}</h2>
                                <div class="table-wrap">
                                    <table class="data sent-notices">
                                        <thead>
                                            <tr>
                                                <th scope="col">{tr(lang, "題名", "Title")}</th>
                                                <th scope="col">{tr(lang, "送った人", "From")}</th>
                                                <th scope="col" class="num">{tr(lang, "届いた", "Delivered")}</th>
                                                <th scope="col" class="num">{tr(lang, "読まれた", "Read")}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {v.sent.iter().map(|n| view! {
                                                <tr data-notice=n.id>
                                                    <td>{n.title.clone()}<br/><span class="hint">{format_jst(n.created_at, lang)}</span></td>
                                                    <td>{n.sender.clone()}</td>
                                                    <td class="num" data-delivered=n.delivered>{n.delivered}</td>
                                                    <td class="num" data-read=n.read>{n.read}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, "/notices"),
                    }
                })
            }}
        </Suspense>
    }
}
