//! `/groups/review`: the proposals waiting for a decision, for staff (their ward) and
//! community-centre directors (their districts). Each opens on the group's page, where the
//! decision is taken.

use super::group_card;
use crate::api::network::get_pending_groups;
use crate::components::account::error_or_sign_in;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;

/// The approval queue.
#[component]
pub fn GroupQueuePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr(lang, "グループの登録申請", "Group proposals")/>
        <Suspense>
            {move || Suspend::new(async move {
                match get_pending_groups().await {
                    Ok(list) => view! {
                        <super::NetworkBar/>
                        <h1>{tr(lang, "グループの登録申請", "Group proposals")}</h1>
                        <p class="lead">{tr(lang, "確認して、承認するか理由を付けて見送ってください。承認したグループには「確認済み」の印が付きます。", "Check each and approve it, or decline it with a reason. Approved groups carry a 'verified' badge.")}</p>
                        {if list.is_empty() {
                            view! { <p class="empty">{tr(lang, "確認待ちの申請はありません。", "No proposal is waiting.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="card-list pending-groups">
                                    {list.iter().map(|p| view! {
                                        {group_card(lang, &p.card)}
                                        <li class="pending-meta">
                                            {tr(lang, "申請: ", "Proposed by ")}{p.proposed_by.clone()}
                                            " · "{format_jst(p.created_at, lang)}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }
                    .into_any(),
                    Err(e) => error_or_sign_in(e, "/groups/review"),
                }
            })}
        </Suspense>
    }
}
