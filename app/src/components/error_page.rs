//! A page-sized explanation of why a page cannot be shown.

use crate::api::request::set_status;
use crate::i18n::{Msg, error_title, t, tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ApiError;

/// Shows an error as a page and sets the matching HTTP status.
#[component]
pub fn ErrorPage(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    set_status(error.status());
    let title = error_title(lang, &error);
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    // A closed survey's page points on to its results, which the ward may have published.
    let closed_results = (error == ApiError::SurveyClosed)
        .then(|| {
            let slug = path.strip_prefix("/s/")?.split('/').next()?.to_string();
            Some(view! {
                <p>
                    <a href=format!("/s/{slug}/results")>
                        {crate::i18n::tre(lang, "集計結果を見る", "See the results", "けっかを みる")}
                    </a>
                </p>
            })
        })
        .flatten();
    // On the pages of staff, council and administrators, a missing page is not a misread flyer:
    // it says so, and leads back to their own list.
    let work = ["/staff", "/admin", "/review"]
        .into_iter()
        .find(|area| path == *area || path.starts_with(&format!("{area}/")));
    let (back, back_label) = match work {
        Some("/admin") => (
            "/admin",
            tr(lang, "管理画面へ戻る", "Back to administration"),
        ),
        Some("/review") => (
            "/review",
            tr(lang, "確認するアンケートへ戻る", "Back to the drafts"),
        ),
        Some(_) => (
            "/staff",
            tr(lang, "アンケート一覧へ戻る", "Back to the surveys"),
        ),
        None => ("/", t(lang, Msg::BackHome)),
    };
    let body = match error {
        ApiError::NotFound if work.is_some() => Some(tr(
            lang,
            "アドレスをご確認ください。削除されたか、担当の区・校区の外のものは表示されません。",
            "Please check the address. What was deleted, or belongs outside your ward or district, is not shown.",
        )),
        ApiError::NotFound => Some(t(lang, Msg::NotFoundBody)),
        ApiError::SurveyClosed => Some(t(lang, Msg::ClosedBody)),
        ApiError::Internal => Some(t(lang, Msg::InternalBody)),
        _ => None,
    };
    view! {
        <Title text=title/>
        <section class="notice" data-error=error.code()>
            <h1>{title}</h1>
            {body.map(|b| view! { <p>{b}</p> })}
            {closed_results}
            <p>
                <a href=back>{back_label}</a>
            </p>
        </section>
    }
}
