//! The one check every request passes before any handler reads it: no NUL character in the
//! address's query or in a form body, and a form body that arrives in time.
//!
//! Nobody types a NUL, but one can be pasted or forged, and PostgreSQL refuses to store it in
//! text (SQLite stores it, and the text then breaks exports and comparisons): without this
//! check a NUL in a sign-up address, a search, a comment or a group post answered 500 on
//! PostgreSQL. Refusing it here, for every form and server function at once, keeps the two
//! databases alike. Answer forms (`/s/…`) are left to the answer rules
//! (`shared::answer::read_answer`), which refuse any control character next to the question
//! it was typed into, keeping the rest of what was typed.

use super::MAX_BODY_BYTES;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use http::{StatusCode, header};
use shared::{ApiError, FieldError, FieldErrors, Lang};

/// How long a form's body may take to arrive in full (shorter than the whole request's
/// `REQUEST_TIMEOUT`, so that a slow sender is told 408, not 503).
pub const BODY_DEADLINE: std::time::Duration = std::time::Duration::from_secs(20);

/// Whether URL-encoded text holds a NUL (`%00`, or the raw byte).
fn has_nul(encoded: &[u8]) -> bool {
    encoded.contains(&0) || encoded.windows(3).any(|w| w == b"%00")
}

/// Middleware: refuses a query or form body holding a NUL with 422 and a translated message
/// (the JSON of a validation refusal for server functions).
pub async fn no_nul_characters(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_api = path.starts_with("/api/");
    let answers = path.starts_with("/s/");
    if req.uri().query().is_some_and(|q| has_nul(q.as_bytes())) {
        return refused(&req, is_api);
    }
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    // A form arrives whole within BODY_DEADLINE or is answered 408 (a body trickling in a byte
    // at a time would otherwise hold the request until the 30 s limit, which answers 503).
    let bytes =
        match tokio::time::timeout(BODY_DEADLINE, axum::body::to_bytes(body, MAX_BODY_BYTES)).await
        {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => return (StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response(),
            Err(_) => {
                tracing::warn!(uri = %parts.uri.path(), "form body too slow");
                return (
                    StatusCode::REQUEST_TIMEOUT,
                    [(header::CONNECTION, "close")],
                    "The request took too long to arrive. Please send it again.",
                )
                    .into_response();
            }
        };
    let req = Request::from_parts(parts, Body::from(bytes.clone()));
    if !answers && has_nul(&bytes) {
        return refused(&req, is_api);
    }
    next.run(req).await
}

fn refused(req: &Request, is_api: bool) -> Response {
    tracing::warn!(uri = %req.uri().path(), "input with a NUL character refused");
    if is_api {
        let mut errors = FieldErrors::default();
        errors.push("input", FieldError::ControlCharacters);
        let body = serde_json::to_string(&ApiError::Validation(errors)).unwrap_or_default();
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    let lang = super::cookies::lang_of(req.headers());
    let (title, text) = match lang {
        Lang::En => (
            "Not sent",
            "What you sent contains a control character (NUL) that cannot be stored. Nothing \
             was saved. Please go back with your browser's back button, remove it (it often \
             comes with text pasted from another program) and send again.",
        ),
        Lang::EasyJa => (
            "おくれませんでした",
            "つかえない もじが はいっていました。なにも ほぞんしていません。ブラウザの「もどる」で \
             もどって、その もじを けしてから もういちど おくってください。",
        ),
        Lang::Ja => (
            "送信できませんでした",
            "入力できない文字（制御文字）が含まれていたため、何も保存していません。ブラウザの\
             「戻る」で前の画面に戻り、その文字を消してからもう一度送ってください（ほかのアプリから\
             貼り付けた文章に含まれることがあります）。",
        ),
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/yoriai.css\"></head>\
         <body><main class=\"narrow\"><h1>{title}</h1><p role=\"alert\">{text}</p>\
         </main></body></html>",
        lang.html_lang()
    );
    (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response()
}

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn nul_is_found_encoded_or_raw() {
        assert!(has_nul(b"email=a%00b%40example.jp"));
        assert!(has_nul(b"q=a\0"));
        assert!(!has_nul(b"q=%E5%B1%B1&n=100"));
        assert!(
            !has_nul(b"q=%2500"),
            "an encoded percent sign followed by 00"
        );
    }
}
