//! Administration (`/admin/…`, administrators only): the people who work with Yoriai
//! (`people`, `person`) and the mail log (`mail`). Staff-facing: Japanese and English.
//! Every change is a plain form to the server's `/admin/…` handlers, so all of it works
//! without JavaScript.

pub mod mail;
pub mod people;
pub mod person;
pub mod places;
pub mod privacy;
pub mod setup;

use crate::i18n::tr;
use leptos::prelude::*;
use shared::Lang;
use shared::account::Role;
use shared::admin::{Invitee, WardChoices};

/// A role's name.
fn role_name(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Admin => tr(lang, "管理者", "Administrator"),
        Role::Staff => tr(lang, "職員", "Staff"),
        Role::Council => tr(lang, "まちづくり協議会委員", "Council member"),
        Role::Organiser => tr(lang, "団体の世話役", "Organiser"),
        Role::Resident => tr(lang, "住民", "Resident"),
    }
}

/// A person's role as the lists show it: a director with the centres they direct.
fn role_label(lang: Lang, role: Role, centres: &[String]) -> String {
    if centres.is_empty() {
        return role_name(lang, role).to_string();
    }
    match lang {
        Lang::En => format!("Director ({})", centres.join(", ")),
        _ => format!("館長（{}）", centres.join("、")),
    }
}

/// The message beside a field of a refused form; for a list to choose from, "choose" rather
/// than "fill in".
fn field_message(
    rejected: Option<&crate::api::request::RejectedForm>,
    lang: Lang,
    name: &str,
) -> Option<String> {
    let chooser = matches!(name, "kind" | "ward" | "district" | "centre");
    match rejected.map(|r| &r.error) {
        Some(shared::ApiError::Validation(errors))
            if name == "ward" && errors.get(name) == Some(&shared::FieldError::Required) =>
        {
            Some(
                tr(
                    lang,
                    "「全区」にできるのは管理者だけです。区を選んでください。",
                    "Only an administrator may be of every ward: choose a ward.",
                )
                .to_string(),
            )
        }
        Some(shared::ApiError::Validation(errors))
            if chooser && errors.get(name) == Some(&shared::FieldError::Required) =>
        {
            Some(tr(lang, "選んでください。", "Please choose one.").to_string())
        }
        _ => crate::components::forms::rejected_field(rejected, lang, name),
    }
}

/// What an invitation (or a person's form) makes someone.
fn invitee_name(lang: Lang, invitee: Invitee) -> &'static str {
    match invitee {
        Invitee::Staff => tr(lang, "職員", "Staff"),
        Invitee::Council => tr(
            lang,
            "まちづくり協議会委員（校区を選ぶ）",
            "Council member (choose a district)",
        ),
        Invitee::Director => tr(
            lang,
            "市民センター館長（センターを選ぶ）",
            "Community-centre director (choose a centre)",
        ),
        Invitee::Admin => tr(lang, "管理者", "Administrator"),
    }
}

/// A places-file problem as the server words it (`line 3, district_reading: ひらがなで… /
/// write…`), in the page's language: 「3行目（district_reading）：ひらがなで…」.
fn problem_text(lang: Lang, problem: &str) -> String {
    let (place, message) = problem.split_once(": ").unwrap_or(("", problem));
    let message = match message.split_once(" / ") {
        Some((_, en)) if lang == Lang::En => en,
        Some((ja, _)) => ja,
        None => message,
    };
    let Some(rest) = place.strip_prefix("line ") else {
        return message.to_string();
    };
    let (line, column) = match rest.split_once(", ") {
        Some((line, column)) => (line, Some(column)),
        None => (rest, None),
    };
    match (lang, column) {
        (Lang::En, Some(c)) => format!("Line {line} ({c}): {message}"),
        (Lang::En, None) => format!("Line {line}: {message}"),
        (_, Some(c)) => format!("{line}行目（{c}）：{message}"),
        (_, None) => format!("{line}行目：{message}"),
    }
}

/// The problems of a refused places file, as a list under the reason.
fn places_problems(lang: Lang, lines: &[String]) -> AnyView {
    let items = lines
        .iter()
        .map(|l| view! { <li>{problem_text(lang, l)}</li> })
        .collect_view();
    view! {
        <div class="error-summary" role="alert" data-error="PlacesFile">
            <p>{crate::i18n::error_title(lang, &shared::ApiError::PlacesFile(Vec::new()))}</p>
            <ul class="xlsform-issues">{items}</ul>
        </div>
    }
    .into_any()
}

/// What an invitation makes someone, short (for tables).
fn invitee_short(lang: Lang, invitee: Invitee) -> &'static str {
    match invitee {
        Invitee::Staff => tr(lang, "職員", "Staff"),
        Invitee::Council => tr(lang, "協議会委員", "Council member"),
        Invitee::Director => tr(lang, "館長", "Director"),
        Invitee::Admin => tr(lang, "管理者", "Administrator"),
    }
}

/// The links between the administration pages.
fn admin_nav(lang: Lang, city_wide: bool) -> impl IntoView {
    view! {
        <p class="crumbs admin-nav">
            <a href="/staff">{tr(lang, "← アンケート一覧", "← Surveys")}</a>
            " · "<a href="/admin/people">{tr(lang, "人とアカウント", "People")}</a>
            " · "<a href="/admin/places">{tr(lang, "区・校区・センター", "Places")}</a>
            {city_wide.then(|| view! {
                " · "<a href="/admin/mail">{tr(lang, "メールの記録", "Mail log")}</a>
                " · "<a href="/admin/privacy">{tr(lang, "個人情報と保存期間", "Privacy")}</a>
            })}
            " · "<a href="/admin/audit">{tr(lang, "操作記録", "Audit log")}</a>
        </p>
    }
}

/// The scope fields of the invitation and person forms: what they become, ward, district
/// and centre. A ward administrator's forms have no ward field (their people are of their
/// ward). `selected` are the values to show (typed, or the person's).
fn scope_fields(
    lang: Lang,
    wards: &[WardChoices],
    city_wide: bool,
    with_resident: bool,
    selected: [Option<String>; 4],
    error: impl Fn(&str) -> Option<String>,
) -> AnyView {
    let [kind, ward, district, centre] = selected;
    let option = |value: String, label: String, chosen: &Option<String>| {
        let on = chosen.as_deref() == Some(value.as_str());
        view! { <option value=value selected=on>{label}</option> }
    };
    let kinds = Invitee::ALL
        .into_iter()
        .map(|k| option(k.as_str().into(), invitee_name(lang, k).into(), &kind))
        .collect_view();
    let resident = with_resident.then(|| {
        option(
            "resident".into(),
            tr(lang, "住民", "Resident").into(),
            &kind,
        )
    });
    let ward_field = city_wide.then(|| {
        let choices = wards
            .iter()
            .map(|w| option(w.ward.id.to_string(), w.ward.name.clone(), &ward))
            .collect_view();
        view! {
            <div class="question">
                <label for="ward">{tr(lang, "区", "Ward")}</label>
                <p class="hint">{tr(lang, "管理者は「全区」にもできます。", "An administrator may be of every ward.")}</p>
                <p class="field-error" id="ward-error">{error("ward")}</p>
                <select id="ward" name="ward" aria-describedby="ward-error">
                    {option(String::new(), tr(lang, "全区（管理者のみ）", "Every ward (administrators only)").into(), &ward)}
                    {choices}
                </select>
            </div>
        }
    });
    // Districts and centres are grouped by ward, so the lists read right whichever is chosen.
    let grouped = |pick: fn(&WardChoices) -> &Vec<shared::admin::Choice>,
                   chosen: &Option<String>| {
        wards
            .iter()
            .map(|w| {
                let items = pick(w)
                    .iter()
                    .map(|c| option(c.id.to_string(), c.name.clone(), chosen))
                    .collect_view();
                view! { <optgroup label=w.ward.name.clone()>{items}</optgroup> }
            })
            .collect_view()
    };
    let districts = grouped(|w| &w.districts, &district);
    let centres = grouped(|w| &w.centres, &centre);
    view! {
        <div class="question">
            <label for="kind">{tr(lang, "役割", "Role")}</label>
            <p class="field-error" id="kind-error">{error("kind")}</p>
            <select id="kind" name="kind" aria-describedby="kind-error">
                {option(String::new(), tr(lang, "選んでください", "Choose").into(), &kind)}
                {kinds}
                {resident}
            </select>
        </div>
        {ward_field}
        <div class="question">
            <label for="district">{tr(lang, "校区（協議会委員は必須、職員は担当を限る場合）", "District (council members; staff limited to one)")}</label>
            <p class="field-error" id="district-error">{error("district")}</p>
            <select id="district" name="district" aria-describedby="district-error">
                {option(String::new(), tr(lang, "なし", "None").into(), &district)}
                {districts}
            </select>
        </div>
        <div class="question">
            <label for="centre">{tr(lang, "市民センター（館長のみ）", "Community centre (directors only)")}</label>
            <p class="field-error" id="centre-error">{error("centre")}</p>
            <select id="centre" name="centre" aria-describedby="centre-error">
                {option(String::new(), tr(lang, "なし", "None").into(), &centre)}
                {centres}
            </select>
        </div>
    }
    .into_any()
}
