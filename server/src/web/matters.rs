//! The liaison log's form posts and files: reporting a matter from a phone (with a photo, as a
//! plain multipart form), logging one as staff, changing one, adding photos, the photos
//! themselves, the spreadsheet, beginning a meeting, and the ward's departments. Each post goes
//! on with 303; a refusal renders the page again with the reason, what was typed, and the
//! refusal's status.

use super::AppState;
use super::forms::{SignedInForm, multipart_form, render_rejected, see_other, session_user};
use super::staff::{download, refused_download};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing;
use shared::ApiError;
use shared::answer::FormValues;
use shared::matters::{MAX_PHOTO_BYTES, MatterFilter};
use yoriai_core::analytics::export::format::Format;
use yoriai_core::matters::Origin;

/// The largest report or photo post: the photo, and room for the form's fields.
const MAX_UPLOAD_BYTES: usize = MAX_PHOTO_BYTES + 256 * 1024;

/// The signed-in user of a multipart post and its fields and file, or the answer already made
/// (sign in first; too large; not a form).
async fn signed_in_upload(
    state: &AppState,
    req: Request,
    file_field: &str,
) -> Result<
    (
        http::request::Parts,
        shared::views::CurrentUser,
        FormValues,
        Vec<u8>,
    ),
    Response,
> {
    let (parts, body) = req.into_parts();
    let Some(user) = session_user(state, &parts).await else {
        return Err(see_other(&format!("/sign-in?next={}", parts.uri.path())));
    };
    let (values, file) = multipart_form(state, &parts, body, file_field).await?;
    Ok((parts, user, values, file))
}

/// `POST /report` (multipart: `title`, `description`, `kind`, `district`, `place`, `lat`,
/// `lon`, `form_key`, and an optional `photo`): a resident's (organiser's, director's) report;
/// goes to their own reports.
async fn report(State(state): State<AppState>, req: Request) -> Response {
    let (parts, user, values, photo) = match signed_in_upload(&state, req, "photo").await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let photo = Some(photo).filter(|p| !p.is_empty());
    match state.core.report_matter(&user, &values, photo).await {
        Ok(id) => see_other(&format!("/my/reports?reported={id}")),
        Err(e) => render_rejected(&state, parts, Some("/report"), values, e.into()).await,
    }
}

/// `POST /matters/new` (the same fields, and for staff `follow_up_on`): staff log a matter;
/// goes to its page.
async fn log(State(state): State<AppState>, req: Request) -> Response {
    let (parts, user, values, photo) = match signed_in_upload(&state, req, "photo").await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let photo = Some(photo).filter(|p| !p.is_empty());
    if !user.role.is_staff() {
        return render_rejected(&state, parts, None, values, ApiError::Forbidden).await;
    }
    match state.core.report_matter(&user, &values, photo).await {
        Ok(id) => see_other(&format!("/matters/{id}?done=logged")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /matters/log` (`from` and its ids, see [`Origin::from_form`]): "log this" on a
/// draft's comment, a group's post or the reports about a group; goes to the matter.
async fn log_source(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    if !user.role.is_staff() {
        return render_rejected(&state, parts, None, values, ApiError::Forbidden).await;
    }
    let Some(origin) = Origin::from_form(&values) else {
        return render_rejected(&state, parts, None, values, ApiError::BadRequest).await;
    };
    logged(&state, parts, values, &user, &origin).await
}

/// Logs `origin` for `user` and goes to the matter; a refusal goes back to the origin's page.
/// Every "log this" route ends here.
pub(super) async fn logged(
    state: &AppState,
    parts: http::request::Parts,
    values: FormValues,
    user: &shared::views::CurrentUser,
    origin: &Origin,
) -> Response {
    match state.core.log_source(user, origin).await {
        Ok(logged) => {
            let done = if logged.already { "already" } else { "logged" };
            see_other(&format!("/matters/{}?done={done}", logged.id))
        }
        Err(e) => {
            let at = origin.page();
            render_rejected(state, parts, Some(&at), values, e.into()).await
        }
    }
}

/// `POST /matters/{id}` (`action` and its fields): one change to a matter.
async fn change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    match state.core.change_matter(&user, id, &values).await {
        // A correction (or nothing changed) is read at the top, by the title and the
        // message; every other change in the history, where it is now the last step.
        Ok(done @ ("edited" | "unchanged")) => see_other(&format!("/matters/{id}?done={done}")),
        Ok(done) => see_other(&format!("/matters/{id}?done={done}#history")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /matters/{id}/photos` (multipart `photo`): adds a photo to a matter.
async fn add_photo(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let (parts, user, values, photo) = match signed_in_upload(&state, req, "photo").await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let at = format!("/matters/{id}");
    match state.core.add_matter_photo(&user, id, photo).await {
        Ok(_) => see_other(&format!("/matters/{id}?done=photo#photos")),
        Err(e) => render_rejected(&state, parts, Some(&at), values, e.into()).await,
    }
}

/// `GET /matters/{id}/photos/{photo}`: a photo, for whoever may see the matter (kept by the
/// browser, never by a shared cache).
async fn photo(
    State(state): State<AppState>,
    Path((id, photo)): Path<(i64, i64)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = session_user(&state, &parts).await else {
        return see_other(&format!("/sign-in?next=/matters/{id}"));
    };
    match state.core.matter_photo(&user, id, photo).await {
        Ok(jpeg) => (
            [
                (http::header::CONTENT_TYPE, "image/jpeg"),
                (http::header::CACHE_CONTROL, "private, max-age=86400"),
            ],
            jpeg,
        )
            .into_response(),
        Err(e) => refused_download(&state, parts, e.into()).await,
    }
}

/// `GET /matters/export?format=csv|xlsx&…` (the list's filter): the matters as a spreadsheet.
async fn export(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = session_user(&state, &parts).await else {
        return see_other("/sign-in?next=/matters");
    };
    let query = FormValues(
        form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
    );
    let Some(format) = query.first("format").and_then(Format::parse) else {
        return refused_download(&state, parts, ApiError::BadRequest).await;
    };
    let filter = MatterFilter::from_query(&query);
    match state.core.export_matters(&user, &filter, format).await {
        Ok(file) => {
            let mut response = download(file.content_type, &file.file_name, file.bytes);
            response.headers_mut().insert(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("no-store"),
            );
            response
        }
        Err(e) => refused_download(&state, parts, e.into()).await,
    }
}

/// `POST /matters/agenda`: begins a meeting (or goes to the one under way).
async fn start_meeting(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    match state.core.start_meeting(&user).await {
        Ok(id) => see_other(&format!("/matters/agenda?meeting={id}")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /matters/departments` (`action` `add` or `member`): the ward's departments.
async fn departments(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    match state.core.change_departments(&user, &values).await {
        Ok(done) => see_other(&format!("/matters/departments?done={done}")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

pub(super) fn routes() -> Router<AppState> {
    let upload = DefaultBodyLimit::max(MAX_UPLOAD_BYTES);
    Router::new()
        .route("/report", routing::post(report).layer(upload))
        .route("/matters/new", routing::post(log).layer(upload))
        .route("/matters/log", routing::post(log_source))
        .route("/matters/export", routing::get(export))
        .route("/matters/agenda", routing::post(start_meeting))
        .route("/matters/departments", routing::post(departments))
        .route("/matters/{id}", routing::post(change))
        .route(
            "/matters/{id}/photos",
            routing::post(add_photo).layer(upload),
        )
        .route("/matters/{id}/photos/{photo}", routing::get(photo))
}
