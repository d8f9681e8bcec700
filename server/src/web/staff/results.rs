//! Staff forms on a survey's answers: coding free-text answers into themes, publishing results for
//! residents, and the smallest group shown outside staff.

use super::*;

/// `POST /staff/surveys/{id}/texts/{key}`: codes free-text answers into a theme (`tag` or a
/// new `name`), one (`text`) or every one the list shows (`q`, `filter_tag`), or takes a theme
/// off (`on=0`); back to the list.
pub async fn tag_texts(
    State(state): State<AppState>,
    Path((id, key)): Path<(i64, String)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let number = |name: &str| values.first(name).and_then(|v| v.parse::<i64>().ok());
    let search = values.first("q").unwrap_or_default().to_string();
    let list = yoriai_core::analytics::TextQuery {
        search: Some(search.clone()),
        tag: number("filter_tag"),
    };
    let tagging = yoriai_core::analytics::texts::Tagging {
        tag: number("tag"),
        new_name: values.first("name").map(str::to_string),
        text: number("text"),
        on: values.first("on") != Some("0"),
    };
    let mut back = format!("/staff/surveys/{id}/texts/{key}");
    let query: Vec<(&str, String)> = [
        ("q", search),
        ("tag", list.tag.map(|t| t.to_string()).unwrap_or_default()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    if !query.is_empty() {
        back.push('?');
        back.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(query)
                .finish(),
        );
    }
    match state.core.tag_texts(&user, id, &key, &list, &tagging).await {
        Ok(_) => see_other(&back),
        Err(e) => render_rejected(&state, parts, Some(&back), values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/results/publish`: publishes the chosen questions (`q`, repeated)
/// with what the ward will do (`summary_ja`, `summary_en`), or takes them down
/// (`action=withdraw`).
pub async fn publish_results(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let here = format!("/staff/surveys/{id}/results");
    let questions: Vec<String> = values.all("q").map(str::to_string).collect();
    let en = values
        .first("summary_en")
        .unwrap_or_default()
        .trim()
        .to_string();
    let summary = Text {
        ja: values
            .first("summary_ja")
            .unwrap_or_default()
            .trim()
            .to_string(),
        en: (!en.is_empty()).then_some(en),
        easy: None,
    };
    let withdraw = values.first("action") == Some("withdraw");
    match state
        .core
        .publish_results(&user, id, &questions, &summary, withdraw)
        .await
    {
        Ok(()) => see_other(&format!("{here}#publish")),
        Err(e) => render_rejected(&state, parts, Some(&here), values, e.into()).await,
    }
}

/// `POST /staff/surveys/{id}/results/min-cell`: the smallest group shown outside staff (`k`).
pub async fn set_min_cell(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let here = format!("/staff/surveys/{id}/results");
    let k = values
        .first("k")
        .and_then(|k| k.trim().parse::<i64>().ok())
        .unwrap_or(0);
    match state.core.set_min_cell(&user, id, k).await {
        Ok(()) => see_other(&format!("{here}#publish")),
        Err(e) => render_rejected(&state, parts, Some(&here), values, e.into()).await,
    }
}
