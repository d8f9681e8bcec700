//! The survey builder's form posts. Each checks the session, applies one change through the
//! core (which checks the role and the change itself), and goes back to the page it came
//! from (303); a refused change renders that page again with the reason and its status.

use super::AppState;
use super::forms::{SignedInForm, render_rejected, see_other, session_user};
use axum::Router;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing;
use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Utc};
use shared::answer::FormValues;
use shared::edit::{Edit, Saved, text_from_form};
use shared::survey::{ResponsePolicy, SurveyStatus, Text};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};
use yoriai_core::surveys::builder::{Settings, Start};

mod downloads;
mod results;

pub(super) use downloads::refused;
pub(super) use downloads::{download, refused_download};
pub use downloads::{export_responses, export_xlsform, flyer_svg};
pub use results::{publish_results, set_min_cell, tag_texts};

/// A `datetime-local` value in Japan time, as an instant.
fn jst_instant(value: Option<&str>) -> Result<Option<DateTime<Utc>>, FieldError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M")
            .map(|local| Some(Utc.from_utc_datetime(&(local - TimeDelta::hours(9)))))
            .map_err(|_| FieldError::Invalid),
    }
}

fn settings_from(values: &FormValues) -> Result<Settings, ApiError> {
    let mut errors = FieldErrors::default();
    let title = text_from_form(values, "title");
    if title.is_none() {
        errors.push("title.ja", FieldError::Required);
    }
    let opens_at = jst_instant(values.first("opens_at")).unwrap_or_else(|e| {
        errors.push("opens_at", e);
        None
    });
    let closes_at = jst_instant(values.first("closes_at")).unwrap_or_else(|e| {
        errors.push("closes_at", e);
        None
    });
    let policy = values
        .first("policy")
        .and_then(ResponsePolicy::parse)
        .unwrap_or_default();
    match title {
        Some(title) if errors.is_empty() => Ok(Settings {
            title,
            intro: text_from_form(values, "intro").unwrap_or_else(|| Text::ja("")),
            policy,
            opens_at,
            closes_at,
            districts: values
                .all("district")
                .filter_map(|d| d.parse().ok())
                .collect(),
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Builder actions done only once confirmed (`confirmed=1`).
const CONFIRMED_ACTIONS: [&str; 5] = [
    "publish",
    "close",
    "archive",
    "delete_question",
    "delete_section",
];

/// The edit a builder action names.
fn edit_from(values: &FormValues) -> Option<Edit> {
    let field = |name: &str| values.first(name).unwrap_or_default().to_string();
    let up = values.first("up") == Some("1");
    Some(match values.first("action")? {
        "add_section" => Edit::AddSection,
        "move_section" => Edit::MoveSection {
            section: field("section"),
            up,
        },
        "delete_section" => Edit::DeleteSection {
            section: field("section"),
        },
        "add_question" => Edit::AddQuestion {
            section: field("section"),
            kind: field("kind"),
        },
        "move_question" => Edit::MoveQuestion {
            question: field("question"),
            up,
        },
        "duplicate_question" => Edit::DuplicateQuestion {
            question: field("question"),
        },
        "delete_question" => Edit::DeleteQuestion {
            question: field("question"),
        },
        "retitle_section" => {
            let section = field("section");
            Edit::RetitleSection {
                title: text_from_form(values, &format!("title-{section}"))
                    .unwrap_or_else(|| Text::ja("")),
                intro: text_from_form(values, &format!("intro-{section}")),
                section,
            }
        }
        _ => return None,
    })
}

/// `POST /staff/surveys/new`: creates a draft (blank or from the template) and opens it.
pub async fn create_survey(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let start = match values.first("start") {
        Some("blank") => Start::Blank,
        _ => Start::CommunityCentre,
    };
    let slug = values.first("slug").unwrap_or_default();
    let title = values.first("title").unwrap_or_default();
    match state
        .core
        .create_draft_survey(&user, slug, title, start)
        .await
    {
        Ok(id) => see_other(&format!("/staff/surveys/{id}/edit")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/edit`: one change from the builder page.
pub async fn edit_survey(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let core = &state.core;
    let back = format!("/staff/surveys/{id}/edit");
    let anchor = values
        .first("question")
        .map(|q| format!("#q-{q}"))
        .or_else(|| values.first("section").map(|s| format!("#s-{s}")))
        .unwrap_or_default();
    // What cannot be undone with one click (publishing makes a version residents answer;
    // closing stops answers; archiving takes the survey off the list; deleting a page or a
    // question loses its wording) is only done once confirmed: without `confirmed=1` the
    // builder shows what will happen and asks, with or without JavaScript.
    let action = values.first("action").unwrap_or_default();
    if CONFIRMED_ACTIONS.contains(&action) && values.first("confirmed") != Some("1") {
        // Whoever may not do it at all is told so, not asked to confirm.
        if let Err(e) = core.staff_survey(&user, id).await {
            return render_rejected(&state, parts, Some(&back), values, e.into()).await;
        }
        let mut pairs = vec![("confirm", action.to_string())];
        for name in ["question", "section"] {
            if let Some(v) = values.first(name) {
                pairs.push((name, v.to_string()));
            }
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        return see_other(&format!("{back}?{query}#confirm"));
    }
    // Changes to the survey's standing answer nothing; edits answer what they saved.
    let standing = match values.first("action") {
        Some("settings") => Some(match settings_from(&values) {
            Ok(settings) => core.update_survey_settings(&user, id, &settings).await,
            Err(e) => Err(e.into()),
        }),
        Some("publish") => Some(core.publish_survey(&user, id).await.map(drop)),
        Some("close") => Some(
            core.set_survey_status(&user, id, SurveyStatus::Closed)
                .await,
        ),
        Some("reopen") => Some(core.set_survey_status(&user, id, SurveyStatus::Open).await),
        Some("archive") => Some(
            core.set_survey_status(&user, id, SurveyStatus::Archived)
                .await,
        ),
        Some("restore") => Some(core.restore_survey(&user, id).await.map(drop)),
        _ => None,
    };
    let result = match standing {
        Some(result) => result.map(|()| None),
        None if action == "undo_delete" => {
            let revision = values
                .first("revision")
                .and_then(|r| r.parse().ok())
                .unwrap_or_default();
            let question = values.first("question").unwrap_or_default();
            core.undo_delete_question(&user, id, question, revision)
                .await
                .map(Some)
        }
        None => match edit_from(&values) {
            Some(edit) => core.edit_survey(&user, id, &edit).await.map(Some),
            None => Err(ApiError::BadRequest.into()),
        },
    };
    // The page then says what was done, in its own words (not a bare "saved").
    let done = match action {
        "publish" | "close" | "reopen" | "archive" | "restore" | "delete_question"
        | "delete_section" | "undo_delete" => action,
        _ => "saved",
    };
    let anchor = if action.starts_with("delete_") {
        String::new()
    } else {
        anchor
    };
    match result {
        // A question just added opens in its editor, ready to type.
        Ok(Some(Saved {
            made: Some(qid), ..
        })) if action == "add_question" => see_other(&format!("/staff/surveys/{id}/q/{qid}?new=1")),
        // A deleted question can be put back: the message names it and the revision.
        Ok(Some(saved)) if action == "delete_question" => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("done", done)
                .append_pair("question", values.first("question").unwrap_or_default())
                .append_pair("revision", &saved.revision.to_string())
                .finish();
            see_other(&format!("{back}?{query}"))
        }
        Ok(_) => see_other(&format!("{back}?done={done}{anchor}")),
        Err(e) => render_rejected(&state, parts, Some(&back), values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/q/{qid}`: saves the question editor.
pub async fn edit_question(
    State(state): State<AppState>,
    Path((id, qid)): Path<(i64, String)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let here = format!("/staff/surveys/{id}/q/{qid}");
    match state.core.edit_question(&user, id, &qid, &values).await {
        Ok(_) => see_other(&format!("{here}?saved=1")),
        Err(e) => render_rejected(&state, parts, Some(&here), values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/q/{qid}/fields`: the question editor's fields of the kind chosen
/// in the posted form, as HTML (the studio puts them in place when the kind is switched; nothing
/// is saved). Options typed for one kind with options stay for another.
pub async fn kind_fields(
    State(state): State<AppState>,
    Path((id, qid)): Path<(i64, String)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    use leptos::tachys::view::RenderHtml;
    match state.core.question_as_typed(&user, id, &qid, &values).await {
        Ok(question) => {
            let lang = super::cookies::lang_of(&parts.headers);
            let html = app::pages::staff::question_editor::kind_fields(lang, &question).to_html();
            (
                [(http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
                html,
            )
                .into_response()
        }
        Err(e) => refused(e.into()),
    }
}

/// `POST /staff/surveys/{id}/texts/{key}/log` (`text`): logs a free-text answer in the liaison
/// log, the respondent anonymous; goes to the matter.
pub async fn log_text(
    State(state): State<AppState>,
    Path((id, key)): Path<(i64, String)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let Some(text) = values.first("text").and_then(|t| t.parse::<i64>().ok()) else {
        return render_rejected(&state, parts, None, values, ApiError::BadRequest).await;
    };
    let origin = yoriai_core::matters::Origin::SurveyText {
        survey: id,
        key,
        text,
    };
    super::matters::logged(&state, parts, values, &user, &origin).await
}

/// `POST /staff/surveys/{id}/codes`: makes invitation codes.
pub async fn create_codes(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let here = format!("/staff/surveys/{id}/codes");
    let count = values
        .first("count")
        .and_then(shared::answer::parse_number)
        .filter(|n| n.fract() == 0.0 && *n >= 1.0)
        .map_or(0, |n| n as usize);
    let district = values.first("district").and_then(|d| d.parse().ok());
    match state.core.create_codes(&user, id, count, district).await {
        Ok(_) => see_other(&here),
        Err(e) => render_rejected(&state, parts, Some(&here), values, e.into()).await,
    }
}

/// `POST /staff/surveys/import` (multipart: `file`, `slug`, `title`): a draft from an XLSForm
/// file; every problem in the file is listed on the new-survey page, and nothing is created.
pub async fn import_xlsform(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(user) = session_user(&state, &parts).await else {
        return see_other("/sign-in?next=/staff/surveys/new");
    };
    let mut multipart =
        match Multipart::from_request(Request::from_parts(parts.clone(), body), &state).await {
            Ok(m) => m,
            Err(e) => return e.into_response(),
        };
    let (mut slug, mut title, mut file) = (String::new(), String::new(), Vec::new());
    let mut file_name = String::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if name == "file" {
                    file_name = field.file_name().unwrap_or_default().to_string();
                }
                let Ok(bytes) = field.bytes().await else {
                    return (StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response();
                };
                match name.as_str() {
                    "slug" => slug = String::from_utf8_lossy(&bytes).into_owned(),
                    "title" => title = String::from_utf8_lossy(&bytes).into_owned(),
                    "file" => file = bytes.to_vec(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => return e.into_response(),
        }
    }
    let here = "/staff/surveys/new";
    match state
        .core
        .import_xlsform(&user, &slug, &title, &file_name, &file)
        .await
    {
        Ok((id, skipped)) => {
            let mut pairs = vec![("done", "imported".to_string())];
            pairs.extend(skipped.into_iter().map(|s| ("skipped", s)));
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&pairs)
                .finish();
            see_other(&format!("/staff/surveys/{id}/edit?{query}"))
        }
        Err(e) => {
            let values = FormValues(vec![
                ("import_slug".into(), slug),
                ("import_title".into(), title),
            ]);
            render_rejected(&state, parts, Some(here), values, e.into()).await
        }
    }
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/surveys/new", routing::post(create_survey))
        .route("/staff/surveys/{id}/edit", routing::post(edit_survey))
        .route("/staff/surveys/{id}/q/{qid}", routing::post(edit_question))
        .route(
            "/staff/surveys/{id}/q/{qid}/fields",
            routing::post(kind_fields),
        )
        .route(
            "/staff/surveys/{id}/texts/{key}/log",
            routing::post(log_text),
        )
        .route("/staff/surveys/{id}/codes", routing::post(create_codes))
        .route("/staff/surveys/{id}/xlsform", routing::get(export_xlsform))
        .route("/staff/surveys/{id}/flyer.svg", routing::get(flyer_svg))
        .route("/staff/surveys/{id}/export", routing::get(export_responses))
        .route("/staff/surveys/{id}/texts/{key}", routing::post(tag_texts))
        .route(
            "/staff/surveys/{id}/results/publish",
            routing::post(publish_results),
        )
        .route(
            "/staff/surveys/{id}/results/min-cell",
            routing::post(set_min_cell),
        )
        .route(
            "/staff/surveys/import",
            routing::post(import_xlsform).layer(axum::extract::DefaultBodyLimit::max(
                yoriai_core::surveys::xlsform::workbook::MAX_XLSX_BYTES + 64 * 1024,
            )),
        )
}

#[cfg(test)]
mod tests;
