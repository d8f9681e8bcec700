//! Server functions of analytics. Each is a public endpoint: the backend decides on every call
//! who may see which numbers (staff: raw; council members: their district, small groups hidden).

use leptos::prelude::*;
use shared::ApiError;
use shared::analytics::{PublicResults, ResultsView, TextsView};

/// A survey's results. `query` is the results page's own query string (filter: `d`, `from`,
/// `to`, `ch`, `lang`, `a`; cross-tab: `r`, `c`), so a link to the page and a call here agree.
#[server(prefix = "/api", endpoint = "results")]
pub async fn get_results(survey_id: i64, query: String) -> Result<ResultsView, ApiError> {
    let user = crate::api::request::require_user().await?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let query = shared::analytics::ResultsQuery::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    Ok(crate::api::core()?
        .results_view(&user, survey_id, &query)
        .await?)
}

/// A page of a question's free-text answers (staff only). With `at` (a link to one answer)
/// and no page asked for, the page of the whole list that holds it.
#[server(prefix = "/api", endpoint = "texts")]
pub async fn get_texts(
    survey_id: i64,
    key: String,
    search: String,
    tag: Option<i64>,
    page: Option<i64>,
    at: Option<i64>,
) -> Result<TextsView, ApiError> {
    let user = crate::api::request::require_user().await?;
    let core = crate::api::core()?;
    let page = match (page, at) {
        (Some(page), _) => page,
        (None, Some(text)) => core.page_of_text(&user, survey_id, &key, text).await?,
        (None, None) => 1,
    };
    Ok(core
        .texts_view(&user, survey_id, &key, &search, tag, page)
        .await?)
}

/// The results published for residents (no sign-in: they are public, small groups hidden).
#[server(prefix = "/api", endpoint = "public_results")]
pub async fn get_public_results(slug: String) -> Result<PublicResults, ApiError> {
    Ok(crate::api::core()?.public_results(&slug).await?)
}
