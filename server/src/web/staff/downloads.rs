//! Files staff take away: the XLSForm, the responses (CSV, JSON lines, Excel) and the flyer; a
//! refused download shows the error page.

use super::*;

/// `GET /staff/surveys/{id}/xlsform`: the survey's working copy as an XLSForm file.
pub async fn export_xlsform(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let (parts, user) = match signed_in(&state, req, &format!("/staff/surveys/{id}/edit")).await {
        Ok(x) => x,
        Err(response) => return response,
    };
    match state.core.export_xlsform(&user, id).await {
        Ok((name, bytes)) => download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &name,
            bytes,
        ),
        Err(e) => refused_download(&state, parts, e.into()).await,
    }
}

/// `GET /staff/surveys/{id}/export?format=csv|xlsx|json&labels=ja|en|easy&…filter…`: the
/// responses kept by the results page's filter (whose `lang` means the language responses were
/// given in), labelled in `labels`, streamed as they are read.
pub async fn export_responses(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let back = format!("/staff/surveys/{id}/results");
    let (parts, user) = match signed_in(&state, req, &back).await {
        Ok(x) => x,
        Err(response) => return response,
    };
    let pairs: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let Some(format) =
        yoriai_core::analytics::export::format::Format::parse(value("format").unwrap_or("csv"))
    else {
        return refused_download(&state, parts, ApiError::BadRequest).await;
    };
    let lang = value("labels")
        .and_then(shared::Lang::parse)
        .unwrap_or_default();
    let filter =
        shared::analytics::Filter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    match state.core.export(&user, id, format, lang, &filter).await {
        Ok(export) => {
            // A channel's receiver answers `None` again when polled after its end, which the
            // compression layer does (browsers always ask for gzip or brotli); a stream built
            // with `unfold` panics there instead, cutting every compressed download short.
            let mut rx = export.chunks;
            let chunks = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
            (
                [
                    (
                        http::header::CONTENT_TYPE,
                        export.format.content_type().to_string(),
                    ),
                    (
                        http::header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{}\"", export.file_name),
                    ),
                    (http::header::CACHE_CONTROL, "no-store".to_string()),
                ],
                axum::body::Body::from_stream(chunks),
            )
                .into_response()
        }
        Err(e) => refused_download(&state, parts, e.into()).await,
    }
}

/// The request's head and the signed-in user; a signed-out visitor is sent to sign in and come
/// back to `back`.
pub(super) async fn signed_in(
    state: &AppState,
    req: Request,
    back: &str,
) -> Result<(http::request::Parts, CurrentUser), Response> {
    let (parts, _) = req.into_parts();
    match session_user(state, &parts).await {
        Some(user) => Ok((parts, user)),
        None => Err(see_other(&format!("/sign-in?next={back}"))),
    }
}

/// A file to save, under its name.
pub(in crate::web) fn download(content_type: &str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (http::header::CONTENT_TYPE, content_type.to_string()),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A download refused where a person clicked its link: the page in words (translated, in the
/// site's frame) with the refusal's status, not a bare line of text.
pub(in crate::web) async fn refused_download(
    state: &AppState,
    parts: http::request::Parts,
    e: ApiError,
) -> Response {
    render_rejected(state, parts, None, FormValues::default(), e).await
}

/// A refusal for a program (a calendar app): the status and a short reason.
pub(in crate::web) fn refused(e: ApiError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, e.to_string()).into_response()
}

/// `GET /staff/surveys/{id}/flyer.svg` (`?en`: with English): the flyer as an A4 SVG file.
pub async fn flyer_svg(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let (parts, user) = match signed_in(&state, req, &format!("/staff/surveys/{id}/flyer")).await {
        Ok(x) => x,
        Err(response) => return response,
    };
    let origin = app::api::request::origin_of(&parts);
    let english = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == "en"));
    match state.core.flyer_file(&user, id, &origin).await {
        Ok(file) => {
            let (modules, path) = &file.qr;
            let svg = crate::web::flyer_svg::flyer_svg(&file.flyer, english, (*modules, path));
            download("image/svg+xml; charset=utf-8", &file.name, svg.into_bytes())
        }
        Err(e) => refused_download(&state, parts, e.into()).await,
    }
}
