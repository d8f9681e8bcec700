//! What staff print for residents: `/staff/surveys/{id}/flyer` (an A4 flyer with the survey's
//! QR code, Japanese with English as an option) and `/staff/surveys/{id}/cards` (cut-out
//! invitation cards, ten to an A4 sheet, each with its own code and a QR code that applies it).
//!
//! Both are plain pages: the screen shows a short bar of options and warnings that the print
//! rules in `style/main.css` leave off the paper. The QR codes come from the server as SVG.

use crate::api::staff::{get_code_cards, get_flyer};
use crate::components::account::error_or_sign_in;
use crate::components::params::id_param;
use crate::components::rich::Rich;
use crate::i18n::{Msg, cards_page_of, survey_size_short, t, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::survey::{SurveyStatus, Text};
use shared::views::{CodeCardsView, FlyerView};

/// An address as printed: without the scheme, which nobody types.
fn printed_address(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// The warning shown on screen when printed addresses are not the configured public ones.
fn origin_warning(lang: Lang, public_origin: bool, url: &str) -> Option<impl IntoView> {
    (!public_origin).then(|| {
        view! {
            <p class="notice warning" data-state="internal-origin">
                {t(lang, Msg::PrintOriginWarning)}" "<code>{url.to_string()}</code>
            </p>
        }
    })
}

/// English beneath Japanese, where the survey has it.
fn english(text: &Text) -> Option<impl IntoView + use<>> {
    text.en
        .clone()
        .map(|en| view! { <p class="flyer-en" lang="en"><Rich text=en/></p> })
}

/// The flyer page.
#[component]
pub fn FlyerPage() -> impl IntoView {
    let id = id_param();
    let with_english = use_query_map().read_untracked().get("en").is_some();
    let here = format!("/staff/surveys/{id}/flyer");
    view! {
        <Suspense>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    match get_flyer(id).await {
                        Ok(flyer) => flyer_view(flyer, with_english),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn flyer_view(f: FlyerView, with_english: bool) -> AnyView {
    // The flyer is always Japanese; English is added beneath on request.
    let ja = Lang::Ja;
    let lang = use_lang();
    let id = f.survey_id;
    let toggle = if with_english {
        view! { <a href=format!("/staff/surveys/{id}/flyer")>{t(lang, Msg::FlyerJapaneseOnly)}</a> }
    } else {
        view! { <a href=format!("/staff/surveys/{id}/flyer?en")>{t(lang, Msg::FlyerWithEnglish)}</a> }
    };
    let svg_link = format!(
        "/staff/surveys/{id}/flyer.svg{}",
        if with_english { "?en" } else { "" }
    );
    let draft_warning = (f.status == SurveyStatus::Draft).then(|| {
        view! { <p class="notice warning" data-state="draft">{t(lang, Msg::PrintDraftWarning)}</p> }
    });
    let deadline = f.closes_at.map(|at| {
        let en = with_english.then(|| {
            view! { <span class="flyer-en" lang="en">{format!("{}: {}", t(Lang::En, Msg::Deadline), format_jst(at, Lang::En))}</span> }
        });
        view! {
            <p class="flyer-deadline">
                {t(ja, Msg::Deadline)}" "<strong>{format_jst(at, ja)}</strong>
                {en}
            </p>
        }
    });
    let en_line = |msg: Msg| {
        with_english.then(|| view! { <span class="flyer-en" lang="en">{t(Lang::En, msg)}</span> })
    };
    view! {
        <Title text=format!("{} — {}", t(lang, Msg::Flyer), f.title.plain(lang))/>
        <div class="print-hint">
            <p><a href=format!("/staff/surveys/{id}/edit")>{t(lang, Msg::BackToBuilder)}</a></p>
            <p>{t(lang, Msg::PaperPrintHint)}" "{toggle}" · "<a href=svg_link download="">{t(lang, Msg::FlyerSvg)}</a></p>
            {draft_warning}
            {origin_warning(lang, f.public_origin, &f.url)}
        </div>
        <article class="flyer" lang="ja">
            <p class="flyer-ask">
                {t(ja, Msg::FlyerAsk)}
                {en_line(Msg::FlyerAsk)}
            </p>
            <h1 class="flyer-title"><Rich text=f.title.ja.clone()/></h1>
            {with_english.then(|| f.title.en.clone().map(|en| view! { <p class="flyer-title-en" lang="en">{en}</p> }))}
            <p class="flyer-intro"><Rich text=f.intro.ja.clone()/></p>
            {with_english.then(|| english(&f.intro))}
            <div class="flyer-answer">
                <div class="flyer-qr" inner_html=f.qr_svg.clone()></div>
                <div class="flyer-how">
                    <p class="flyer-scan">
                        {t(ja, Msg::FlyerScan)}
                        {en_line(Msg::FlyerScan)}
                    </p>
                    <p class="flyer-or">{t(ja, Msg::FlyerOrType)}{en_line(Msg::FlyerOrType)}</p>
                    <p class="flyer-url">{printed_address(&f.url).to_string()}</p>
                </div>
            </div>
            {deadline}
            <ul class="flyer-facts">
                <li>{survey_size_short(ja, f.question_count)}{with_english.then(|| view! { <span class="flyer-en" lang="en">{survey_size_short(Lang::En, f.question_count)}</span> })}</li>
                <li>{t(ja, Msg::Anonymous)}{en_line(Msg::Anonymous)}</li>
                <li>{t(ja, Msg::FlyerPaper)}{en_line(Msg::FlyerPaper)}</li>
            </ul>
        </article>
    }
    .into_any()
}

/// The card sheet page.
#[component]
pub fn CodeCardsPage() -> impl IntoView {
    let id = id_param();
    let query = use_query_map().read_untracked();
    let page: usize = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let district: Option<i64> = query.get("district").and_then(|d| d.parse().ok());
    let here = format!("/staff/surveys/{id}/cards");
    view! {
        <Suspense>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    match get_code_cards(id, page, district).await {
                        Ok(cards) => cards_view(cards, district),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn cards_view(c: CodeCardsView, district: Option<i64>) -> AnyView {
    let lang = use_lang();
    let id = c.survey_id;
    let title = c.title.get(lang).to_string();
    let deadline = c
        .closes_at
        .map(|at| format!("{} {}", t(lang, Msg::Deadline), format_jst(at, lang)));
    let page_link = |to: usize, msg: Msg| {
        (to >= 1 && to <= c.pages).then(|| {
            let filter = district.map(|d| format!("&district={d}")).unwrap_or_default();
            view! { <a class="button secondary" href=format!("/staff/surveys/{id}/cards?page={to}{filter}")>{t(lang, msg)}</a> }
        })
    };
    let short = printed_address(&c.short_url).to_string();
    let cards = c
        .cards
        .iter()
        .map(|card| {
            view! {
                <section class="invite-card" data-code=card.code.clone()>
                    <p class="invite-title"><Rich text=title.clone()/></p>
                    <div class="invite-body">
                        <div class="invite-qr" inner_html=card.qr_svg.clone()></div>
                        <div class="invite-text">
                            <p class="invite-scan">{t(lang, Msg::CardScan)}</p>
                            <p class="invite-code-label">{t(lang, Msg::CodeLabel)}</p>
                            <p class="invite-code">{shared::invitation::display(&card.code)}</p>
                            <p class="invite-url">{short.clone()}</p>
                        </div>
                    </div>
                    <p class="invite-note">
                        {t(lang, Msg::CardOnce)}
                        {deadline.clone().map(|d| view! { " "{d} })}
                    </p>
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} — {}", t(lang, Msg::PrintCards), c.title.plain(lang))/>
        <div class="print-hint">
            <p><a href=format!("/staff/surveys/{id}/codes")>{t(lang, Msg::Codes)}</a></p>
            <p data-state="cards-page">{cards_page_of(lang, c.unused, c.page, c.pages)}</p>
            <p>{t(lang, Msg::CardsPrintHint)}</p>
            {origin_warning(lang, c.public_origin, &c.short_url)}
            <div class="nav-buttons">
                {page_link(c.page + 1, Msg::Next)}
                {page_link(c.page.wrapping_sub(1), Msg::Back)}
            </div>
        </div>
        <div class="invite-cards">{cards}</div>
    }
    .into_any()
}
