//! A local group as lists show it (the directory, the review queue, a survey's thank-you
//! page), with the words every network page uses for districts and head counts.

use crate::components::rich::Rich;
use crate::i18n::tre;
use leptos::prelude::*;
use shared::Lang;
use shared::network::GroupCard;
use shared::text::Text;

/// `n人` / `n people`.
pub fn people(lang: Lang, n: i64) -> String {
    match lang {
        Lang::En if n == 1 => "1 person".to_string(),
        Lang::En => format!("{n} people"),
        Lang::EasyJa => format!("{n}にん"),
        Lang::Ja => format!("{n}人"),
    }
}

/// District names joined with "・"; in easy Japanese with their furigana.
pub fn district_names(lang: Lang, districts: &[Text]) -> AnyView {
    if lang == Lang::EasyJa {
        districts
            .iter()
            .enumerate()
            .map(|(i, d)| {
                view! {
                    {(i > 0).then_some("・")}
                    <Rich text=d.get(lang).to_string()/>
                }
            })
            .collect_view()
            .into_any()
    } else {
        let separator = if lang == Lang::En { ", " } else { "・" };
        districts
            .iter()
            .map(|d| d.plain(lang))
            .collect::<Vec<_>>()
            .join(separator)
            .into_any()
    }
}

/// A group as a card in a list.
pub fn group_card(lang: Lang, card: &GroupCard) -> impl IntoView + use<> {
    let districts = district_names(lang, &card.districts);
    view! {
        <li class="card group-card" data-group=card.id>
            <a class="card-link" href=format!("/groups/{}", card.id)>{card.name.clone()}</a>
            {card.verified.then(|| view! {
                " "<span class="badge verified" title=tre(lang, "区役所または市民センターが確認しました", "Checked by the ward office or community centre", "くやくしょ か しみんセンターが たしかめました")>
                    {tre(lang, "✓ 確認済み", "✓ Verified", "✓ たしかめました")}
                </span>
            })}
            <p class="group-meta">
                <span class="badge">{card.kind.label(lang)}</span>
                " "{districts}
            </p>
            <p class="excerpt">{card.excerpt.clone()}</p>
            <p class="group-meta">
                {tre(lang, "メンバー ", "Members: ", "メンバー ")}{people(lang, card.member_count)}
                {(card.follower_count > 0).then(|| format!(
                    "{}{}",
                    tre(lang, " · フォロー ", " · followers: ", " · フォロー "),
                    people(lang, card.follower_count)
                ))}
                {(!card.meeting_place.is_empty()).then(|| format!(
                    "{}{}",
                    tre(lang, " · 活動場所: ", " · meets at: ", " · あつまる ところ: "),
                    card.meeting_place
                ))}
                {(!card.meeting_times.is_empty()).then(|| format!(
                    "{}{}",
                    tre(lang, " · 活動日時: ", " · meets: ", " · あつまる 日: "),
                    card.meeting_times
                ))}
            </p>
            {(!card.tags.is_empty()).then(|| view! {
                <ul class="tags">
                    {card.tags.iter().map(|t| view! {
                        <li><a href=format!("/groups?tag={}", crate::components::url::encode(t))>"#"{t.clone()}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}
