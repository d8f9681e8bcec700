//! The home page: what the ward is asking residents right now.

use crate::api::survey::get_open_surveys;
use crate::components::error_page::ErrorPage;
use crate::components::rich::Rich;
use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// Lists the open surveys with a link to each.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let left = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("left")
        .is_some();
    view! {
        <Title text=t(lang, Msg::Home)/>
        {left.then(|| view! {
            <div class="notice" role="status" data-state="account-deleted">
                <p>{crate::i18n::tre(lang, "アカウントを削除しました。ご利用ありがとうございました。", "Your account was deleted. Thank you for taking part.", "アカウントを けしました。ありがとう ございました。")}</p>
            </div>
        })}
        <Suspense>{move || Suspend::new(async move { account_line(lang).await })}</Suspense>
        <h1>{t(lang, Msg::OpenSurveys)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match get_open_surveys().await {
                    Ok(list) if list.is_empty() => {
                        view! { <p>{t(lang, Msg::NoOpenSurveys)}</p> }.into_any()
                    }
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list
                                .into_iter()
                                .map(|s| view! {
                                    <li class="card">
                                        <a class="card-link" href=format!("/s/{}", s.slug)>
                                            <Rich text=s.title.get(lang).to_string()/>
                                        </a>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <section class="home-networks">
            <h2>{crate::i18n::tre(lang, "地域のグループ", "Local groups", "ちいきの グループ")}</h2>
            <p>
                {crate::i18n::tre(lang, "お店、クラブ、サークル、NPOなど、校区で活動するグループに、自治会に入っていなくてもだれでも参加できます。", "Shops, clubs, circles and NPOs in the districts: anyone can join, association member or not.", "おみせ、クラブ、サークル、NPO など、こうくの グループに、じちかいに はいって いなくても だれでも さんか できます。")}
            </p>
            <p><a class="button secondary" href="/groups">{crate::i18n::tre(lang, "グループを探す", "Find a group", "グループを さがす")}</a></p>
        </section>
    }
}

/// Who is signed in, with their way on (their feed or their work), or how to sign in or make
/// an account: after signing in, a resident or organiser sees that they are.
async fn account_line(lang: shared::Lang) -> AnyView {
    use shared::Lang;
    let pick = |ja: &'static str, en: &'static str, easy: &'static str| match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
    };
    match crate::api::staff::get_current_user().await {
        Ok(Some(user)) => {
            let (href, label) = if user.role.is_staff() {
                ("/staff", pick("職員のページ", "Staff pages", "しょくいんの ページ"))
            } else if user.role == shared::account::Role::Council {
                ("/review", pick("共同設計のページ", "Co-design", "いっしょに つくる ページ"))
            } else {
                ("/feed", pick("あなたのフィード", "Your feed", "あなたの おしらせ"))
            };
            view! {
                <div class="account-line" data-signed-in="true">
                    <span>{pick("ログイン中: ", "Signed in as ", "ログイン しています: ")}<strong>{user.display_name}</strong></span>
                    " · "<a href=href>{label}</a>
                    " · "<a href="/account">{pick("アカウント", "Your account", "アカウント")}</a>
                    <form method="post" action="/sign-out" class="inline-action">
                        <button type="submit" class="secondary">{t(lang, Msg::SignOut)}</button>
                    </form>
                </div>
            }
            .into_any()
        }
        _ => view! {
            <p class="account-line">
                <a href="/sign-in">{t(lang, Msg::SignIn)}</a>
                " · "
                <a href="/sign-up">{pick("アカウントを作る", "Create an account", "アカウントを つくる")}</a>
            </p>
        }
        .into_any(),
    }
}
