//! `/report`: a resident (organiser, centre director) reports a local matter from a phone, with
//! a photo if they like; `/my/reports`: their reports and where each stands.

use super::{kind_badge, status_badge};
use crate::api::matters::{get_own_reports, get_report_form, get_shared_matters};
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tre, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::matters::{MAX_PHOTO_BYTES, ReportForm};

/// The report form.
#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let title = tre(
        lang,
        "地域のことを知らせる",
        "Report a local matter",
        "ちいきの ことを しらせる",
    );
    view! {
        <Title text=title/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_report_form().await {
                        Ok(form) => view! {
                            <super::AccountBar reporter=true/>
                            <h1>{title}</h1>
                            {report_form(lang, &form, rejected.as_ref(), false)}
                        }
                        .into_any(),
                        Err(e) => error_or_sign_in(e, "/report"),
                    }
                })
            }}
        </Suspense>
    }
}

/// The form that reports a matter (`staff`: logs one, for several districts, with a date to
/// follow it up).
pub(super) fn report_form(
    lang: Lang,
    form: &ReportForm,
    rejected: Option<&RejectedForm>,
    staff: bool,
) -> impl IntoView + use<> {
    let value = |name: &str| {
        rejected
            .and_then(|r| r.values.first(name).map(str::to_string))
            .unwrap_or_default()
    };
    let error = |name: &str| rejected_field(rejected, lang, name);
    let chosen_kind = value("kind");
    let chosen_district = match rejected {
        Some(r) => r.values.first("district").and_then(|d| d.parse().ok()),
        None => form.home,
    };
    let kinds = super::kind_choices(lang, &chosen_kind);
    let district_field = if staff {
        let ticked = |id: i64| match rejected {
            Some(r) => r.values.contains("district", &id.to_string()),
            None => false,
        };
        let boxes = super::district_boxes(lang, &form.districts, &ticked);
        view! {
            <fieldset class="question">
                <legend>{tre(lang, "校区", "Districts", "こうく")}</legend>
                <p class="field-error" id="district-error">{error("district")}</p>
                <div class="options districts">{boxes}</div>
            </fieldset>
        }
        .into_any()
    } else {
        let options = form
            .districts
            .iter()
            .map(|d| {
                view! {
                    <option value=d.id.to_string() selected=chosen_district == Some(d.id)>{d.name.plain(lang)}</option>
                }
            })
            .collect_view();
        view! {
            <div class="question">
                <label for="report-district">{tre(lang, "校区", "District", "こうく")}</label>
                <p class="field-error" id="district-error">{error("district")}</p>
                <select id="report-district" name="district" aria-describedby="district-error">
                    <option value="">{tre(lang, "選んでください", "Choose", "えらんで ください")}</option>
                    {options}
                </select>
            </div>
        }
        .into_any()
    };
    let follow_up = staff.then(|| {
        view! {
            <div class="question">
                <label for="report-follow-up">{crate::i18n::tr(lang, "次の確認日（任意）", "Follow up on (optional)")}</label>
                <p class="field-error" id="follow_up_on-error">{error("follow_up_on")}</p>
                <input type="date" id="report-follow-up" name="follow_up_on" value=value("follow_up_on") aria-describedby="follow_up_on-error"/>
            </div>
        }
    });
    let action = if staff { "/matters/new" } else { "/report" };
    let key = match rejected {
        Some(r) => r.values.first("form_key").unwrap_or_default().to_string(),
        None => form.form_key.clone(),
    };
    let max_mb = MAX_PHOTO_BYTES / (1024 * 1024);
    view! {
        <p class="lead" hidden=staff>{tre(
            lang,
            "こわれた街灯、危ない道、困りごと、うれしい話題など。区役所の担当部署が確認し、対応の状況はこのサイトの「わたしの通報」で見られます。",
            "A broken streetlight, a dangerous path, a worry, or good news. The ward office's departments look at it; you can follow where it stands under “My reports”.",
            "こわれた がいとう、あぶない みち、こまって いる こと、うれしい ニュース など。くやくしょが みて、「わたしの つうほう」で ようすが わかります。",
        )}</p>
        {rejected_summary(rejected, lang).map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
        <form method="post" action=action enctype="multipart/form-data" class="stack report-form" novalidate>
            <input type="hidden" name="form_key" value=key/>
            <fieldset class="question">
                <legend>{tre(lang, "どんなことですか", "What is it?", "どんな こと ですか")}</legend>
                <p class="field-error" id="kind-error">{error("kind")}</p>
                <div class="options">{kinds}</div>
            </fieldset>
            <div class="question">
                <label for="report-title">{tre(lang, "ひとことで", "In a few words", "みじかく かいて ください")}</label>
                <p class="field-error" id="title-error">{error("title")}</p>
                <input type="text" id="report-title" name="title" maxlength="100" value=value("title") aria-describedby="title-error"/>
            </div>
            <div class="question">
                <label for="report-description">{tre(lang, "くわしく", "Details", "くわしく")}</label>
                <p class="hint">{tre(lang, "いつから、どんな様子か。", "Since when, and what it looks like.", "いつから、どんな ようす ですか。")}</p>
                <p class="field-error" id="description-error">{error("description")}</p>
                <textarea id="report-description" name="description" rows="5" aria-describedby="description-error">{value("description")}</textarea>
            </div>
            {district_field}
            <div class="question">
                <label for="report-place">{tre(lang, "場所（任意）", "Place (optional)", "ばしょ（かかなくても よい）")}</label>
                <p class="hint">{tre(lang, "例：湯川三丁目のバス停の前", "For example: in front of the bus stop, Yugawa 3-chome", "れい：ゆがわ 3ちょうめの バスていの まえ")}</p>
                <p class="field-error" id="place-error">{error("place")}</p>
                <input type="text" id="report-place" name="place" maxlength="200" value=value("place") aria-describedby="place-error"/>
            </div>
            <div class="question">
                <label for="report-photo">{tre(lang, "写真（任意）", "Photo (optional)", "しゃしん（なくても よい）")}</label>
                <p class="hint">{match lang {
                    Lang::En => format!("Up to {max_mb} MB. Where and when it was taken is removed from the photo before it is kept."),
                    Lang::EasyJa => format!("{max_mb}MBまで。しゃしんの ばしょの じょうほうは けして から ほぞん します。"),
                    Lang::Ja => format!("{max_mb}MBまで。撮影場所などの情報は消してから保存します。"),
                }}</p>
                <p class="field-error" id="photo-error">{error("photo")}</p>
                {rejected.is_some().then(|| view! {
                    <p class="hint">{tre(lang, "写真を付けるときは、もう一度選んでください。", "To add a photo, choose it again.", "しゃしんを つける ときは、もう いちど えらんで ください。")}</p>
                })}
                <input type="file" id="report-photo" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-error"/>
            </div>
            {follow_up}
            <button type="submit" class="primary">{if staff { crate::i18n::tr(lang, "記録する", "Log it") } else { tre(lang, "知らせる", "Send", "しらせる") }}</button>
        </form>
        <p hidden=staff><a href="/my/reports">{tre(lang, "わたしの通報", "My reports", "わたしの つうほう")}</a>
            " · "<a href="/done">{tre(lang, "区が対応したこと", "What the ward did", "くが たいおう した こと")}</a></p>
    }
}

/// The person's own reports.
#[component]
pub fn OwnReportsPage() -> impl IntoView {
    let lang = use_lang();
    let reported = use_query_map().read_untracked().get("reported");
    let title = tre(lang, "わたしの通報", "My reports", "わたしの つうほう");
    view! {
        <Title text=title/>
        <super::AccountBar reporter=true/>
        <h1>{title}</h1>
        {reported.map(|_| view! {
            <p class="notice" role="status" data-done="reported">{tre(
                lang,
                "受け付けました。区役所の担当部署が確認します。",
                "Received. The ward office's departments will look at it.",
                "うけつけました。くやくしょが みます。",
            )}</p>
        })}
        <p><a class="button primary" href="/report">{tre(lang, "新しく知らせる", "Report something", "あたらしく しらせる")}</a></p>
        <Suspense>
            {move || Suspend::new(async move {
                match get_own_reports().await {
                    Ok(reports) if reports.is_empty() => view! {
                        <p class="empty">{tre(lang, "まだ通報はありません。", "No reports yet.", "まだ ありません。")}</p>
                    }
                    .into_any(),
                    Ok(reports) => view! {
                        <ul class="own-reports">
                            {reports.into_iter().map(|r| view! {
                                <li class="card own-report" data-matter=r.id>
                                    <p class="report-head">{status_badge(lang, r.status)}" "{kind_badge(lang, r.kind)}</p>
                                    <h2>{r.title}</h2>
                                    <p class="hint">{r.districts.join("・")}" · "{format_jst(r.created_at, lang)}</p>
                                    {r.public_note.map(|n| view! {
                                        <p class="public-note"><strong>{tre(lang, "区から：", "From the ward: ", "くから：")}</strong>{n}</p>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(e) => error_or_sign_in(e, "/my/reports"),
                }
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                // Council members and centre directors: what the ward shared with their district.
                let shared = get_shared_matters().await.unwrap_or_default();
                (!shared.is_empty()).then(|| view! {
                    <section class="shared-matters">
                        <h2>{tre(lang, "校区と共有された記録", "Shared with your district", "こうくと きょうゆう された きろく")}</h2>
                        <p class="hint">{tre(
                            lang,
                            "区役所が、あなたの校区と共有した地域の記録です（読むだけです）。",
                            "Local matters the ward office shared with your district (to read).",
                            "くやくしょが あなたの こうくと きょうゆう した きろく です。",
                        )}</p>
                        <ul class="own-reports">
                            {shared.into_iter().map(|r| view! {
                                <li class="card own-report" data-shared-matter=r.id>
                                    <p class="report-head">{status_badge(lang, r.status)}" "{kind_badge(lang, r.kind)}</p>
                                    <h3><a href=format!("/matters/{}", r.id)>{r.title}</a></h3>
                                    <p class="hint">{r.districts.join("・")}" · "{format_jst(r.updated_at, lang)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}
