//! Form posts of paper entry: a typed sheet, the settling of two differing typings, the
//! double-entry switch. After a success the browser goes back to the entry page (303) with
//! what happened in the address, ready for the next sheet; a refused sheet renders the page
//! again with the reasons next to the fields and everything typed kept.

use super::AppState;
use super::forms::SignedInForm;
use super::forms::{render_rejected, see_other};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing;
use yoriai_core::paper::entry::Entered;

/// `POST /staff/surveys/{id}/entry`: one typed sheet.
pub async fn enter_sheet(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let here = format!("/staff/surveys/{id}/entry");
    match state.core.enter_paper(&user, id, &values).await {
        Ok((sheet, Entered::Stored)) => see_other(&format!("{here}?stored={sheet}")),
        Ok((sheet, Entered::FirstOfTwo)) => see_other(&format!("{here}?first={sheet}")),
        Ok((sheet, Entered::Differs)) => see_other(&format!("{here}/{sheet}")),
        Err(e) => render_rejected(&state, parts, Some(&here), values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/entry/{sheet}`: settles two differing typings
/// (`action=resolve`), or forgets them to type the sheet again (`action=discard`).
pub async fn settle_sheet(
    State(state): State<AppState>,
    Path((id, sheet)): Path<(i64, String)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let entry = format!("/staff/surveys/{id}/entry");
    let result = match values.first("action") {
        Some("discard") => state
            .core
            .discard_sheet(&user, id, &sheet)
            .await
            .map(|()| format!("{entry}?discarded={sheet}")),
        _ => state
            .core
            .resolve_paper(&user, id, &sheet, &values)
            .await
            .map(|()| format!("{entry}?stored={sheet}")),
    };
    match result {
        Ok(to) => see_other(&to),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/entry-mode`: double entry on (`double_entry=on`) or off.
pub async fn set_entry_mode(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let here = format!("/staff/surveys/{id}/entry");
    let on = values.first("double_entry") == Some("on");
    match state.core.set_double_entry(&user, id, on).await {
        Ok(()) => see_other(&here),
        Err(e) => render_rejected(&state, parts, Some(&here), values, e.into()).await,
    }
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/surveys/{id}/entry", routing::post(enter_sheet))
        .route(
            "/staff/surveys/{id}/entry/{sheet}",
            routing::post(settle_sheet),
        )
        .route(
            "/staff/surveys/{id}/entry-mode",
            routing::post(set_entry_mode),
        )
}
