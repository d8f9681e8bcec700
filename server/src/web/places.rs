//! The installation's places and its first set-up: `POST /setup/{token}` (multipart: the
//! installation's name, the places file, the first administrator), `POST /admin/places`
//! (multipart: a places file to import), `GET /admin/places.csv` (the current list, to edit)
//! and `GET /admin/places/example.csv` (the Kokura Minami file, to copy).

use super::AppState;
use super::accounts::signed_in_at;
use super::forms::{multipart_form, render_rejected, see_other, session_user, without_passwords};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing;
use shared::ApiError;

use yoriai_core::installation::SetupForm;

/// The largest places file taken (a city has a few hundred districts; 1 MiB is thousands).
const MAX_PLACES_BYTES: usize = 1024 * 1024;

/// The example places file shipped with Yoriai.
const EXAMPLE: &[u8] = include_bytes!("../../../docs/examples/kokura-minami-places.csv");

/// `POST /setup/{token}`: sets up a new installation and signs its first administrator in.
pub async fn set_up(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let (values, places) = match multipart_form(&state, &parts, body, "places").await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let form = SetupForm {
        installation_name: values.first("installation_name").unwrap_or_default(),
        places: &places,
        email: values.first("email").unwrap_or_default(),
        display_name: values.first("display_name").unwrap_or_default(),
        password: values.first("password").unwrap_or_default(),
    };
    match state.core.set_up(&token, &form).await {
        Ok(signed_in) => {
            signed_in_at(
                &state,
                &parts.headers,
                "/admin/people?setup=1",
                &signed_in.token,
            )
            .await
        }
        Err(e) => {
            // The password is never sent back, not even into its own field.
            let kept = without_passwords(values);
            render_rejected(&state, parts, None, kept, e.into()).await
        }
    }
}

/// `POST /admin/places` (multipart: `places`): imports a places file.
pub async fn import(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(user) = session_user(&state, &parts).await else {
        return see_other("/sign-in?next=/admin/places");
    };
    let (values, places) = match multipart_form(&state, &parts, body, "places").await {
        Ok(form) => form,
        Err(response) => return response,
    };
    match state.core.import_places_as(&user, &places).await {
        Ok(i) => see_other(&format!(
            "/admin/places?imported={},{},{}",
            i.wards, i.districts, i.centres
        )),
        Err(e) => render_rejected(&state, parts, Some("/admin/places"), values, e.into()).await,
    }
}

fn csv_download(name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /admin/places.csv`: the current list, in the import's format.
pub async fn current(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = session_user(&state, &parts).await else {
        return see_other("/sign-in?next=/admin/places");
    };
    match state.core.places_csv(&user).await {
        Ok(body) => csv_download("yoriai-places.csv", body),
        Err(e) => {
            let error = ApiError::from(e);
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}

/// `GET /admin/places/example.csv`: the Kokura Minami file (public: the set-up page links it
/// before anyone can sign in).
pub async fn example() -> Response {
    csv_download("places-example.csv", EXAMPLE.to_vec())
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    let upload = DefaultBodyLimit::max(MAX_PLACES_BYTES + 64 * 1024);
    Router::new()
        .route("/setup/{token}", routing::post(set_up).layer(upload))
        .route("/admin/places", routing::post(import).layer(upload))
        .route("/admin/places.csv", routing::get(current))
        .route("/admin/places/example.csv", routing::get(example))
}
