//! Free-text answers (staff only): listed newest first, searched as substrings (Japanese has no
//! spaces between words; SQLite FTS5 with the trigram tokenizer, pg_trgm on PostgreSQL), and
//! coded into themes ("tags") one by one or all the matches of a search at once. Theme counts
//! appear in the results as a question of their own.

use super::TextQuery;
use crate::Core;
use crate::error::{Result, not_found};
use shared::analytics::{TextLine, TextsView};
use shared::answer::Answers;
use shared::survey::{QuestionKind, Text, other_key};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

/// Texts shown per page.
pub const TEXTS_PER_PAGE: i64 = 50;
/// The longest theme name.
pub const MAX_TAG_LEN: usize = 40;

/// What a tagging form asks for.
#[derive(Debug, Clone)]
pub struct Tagging {
    /// An existing theme, or…
    pub tag: Option<i64>,
    /// …a new one by name.
    pub new_name: Option<String>,
    /// One text, or (`None`) every text the list's search and theme keep.
    pub text: Option<i64>,
    /// Add the theme, or take it off.
    pub on: bool,
}

/// The keys of a survey that hold texts: text questions, and "other" boxes.
fn text_keys(def: &shared::survey::SurveyDefinition) -> Vec<(String, Text)> {
    let other = Text::all("その他", "other", "そのほか");
    let mut keys = Vec::new();
    for q in def.questions() {
        if matches!(q.kind, QuestionKind::Text { .. }) {
            keys.push((q.id.clone(), q.label.clone()));
        }
        if q.has_other() {
            let label = Text {
                ja: format!("{}（{}）", q.label.ja, other.ja),
                en: q
                    .label
                    .en
                    .as_ref()
                    .map(|en| format!("{en} ({})", other.get(shared::Lang::En))),
                easy: None,
            };
            keys.push((other_key(&q.id), label));
        }
    }
    keys
}

impl Core {
    /// The page of a question's whole list (no search, no theme) that holds text `text_id`:
    /// where a link to one answer (a matter's source) opens. An unknown text: the first page.
    pub async fn page_of_text(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        key: &str,
        text_id: i64,
    ) -> Result<i64> {
        self.staff_survey(user, survey_id).await?;
        let before = self.store.texts_before(survey_id, key, text_id).await?;
        Ok(before.map_or(1, |n| n / TEXTS_PER_PAGE + 1))
    }

    /// One page of a question's free-text answers (staff only).
    pub async fn texts_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        key: &str,
        search: &str,
        tag: Option<i64>,
        page: i64,
    ) -> Result<TextsView> {
        let survey = self.staff_survey(user, survey_id).await?;
        let def = self.results_definition(&survey).await?;
        let keys = text_keys(&def);
        let Some((_, label)) = keys.iter().find(|(k, _)| k == key).cloned() else {
            return not_found();
        };
        let page = page.max(1);
        let query = TextQuery {
            search: Some(search.to_string()),
            tag,
        };
        let (total, rows) = self
            .store
            .texts(
                survey_id,
                key,
                &query,
                TEXTS_PER_PAGE,
                (page - 1) * TEXTS_PER_PAGE,
            )
            .await?;
        let districts = self.store.districts(survey.ward_id).await?;
        let lines = rows
            .into_iter()
            .map(|r| TextLine {
                id: r.id,
                response_id: r.response_id,
                submitted_at: r.submitted_at,
                district: r
                    .district_id
                    .and_then(|d| districts.iter().find(|x| x.id == d))
                    .map(crate::surveys::builder::district_name),
                body: r.body,
                tags: r.tags,
            })
            .collect();
        Ok(TextsView {
            survey_id,
            title: survey.title.clone(),
            key: key.to_string(),
            label,
            keys,
            search: search.trim().to_string(),
            tag,
            total,
            page,
            per_page: TEXTS_PER_PAGE,
            lines,
            tags: self.store.text_tags(survey_id).await?,
        })
    }

    /// Codes texts into a theme, or takes it off (staff only); audited. Returns how many texts
    /// changed.
    pub async fn tag_texts(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        key: &str,
        list: &TextQuery,
        tagging: &Tagging,
    ) -> Result<u64> {
        let survey = self.staff_survey(user, survey_id).await?;
        let def = self.results_definition(&survey).await?;
        if !text_keys(&def).iter().any(|(k, _)| k == key) {
            return not_found();
        }
        let tag = match (tagging.tag, tagging.new_name.as_deref().map(str::trim)) {
            (_, Some(name)) if !name.is_empty() => {
                if name.chars().count() > MAX_TAG_LEN {
                    let mut errors = FieldErrors::default();
                    errors.push(
                        "name",
                        FieldError::TooLong {
                            max: u32::try_from(MAX_TAG_LEN).unwrap_or(u32::MAX),
                        },
                    );
                    return Err(ApiError::Validation(errors).into());
                }
                self.store.text_tag(survey_id, name).await?
            }
            (Some(tag), _) => {
                if !self
                    .store
                    .text_tags(survey_id)
                    .await?
                    .iter()
                    .any(|(id, _)| *id == tag)
                {
                    return not_found();
                }
                tag
            }
            _ => {
                let mut errors = FieldErrors::default();
                errors.push("name", FieldError::Required);
                return Err(ApiError::Validation(errors).into());
            }
        };
        let changed = self
            .store
            .tag_texts(survey_id, key, list, tagging.text, tag, tagging.on)
            .await?;
        let what = match tagging.text {
            Some(t) => format!("text {t}"),
            None => format!("{changed} texts"),
        };
        let action = if tagging.on {
            "tag_texts"
        } else {
            "untag_texts"
        };
        self.store
            .audit_survey(
                user.id,
                action,
                survey_id,
                &format!("{key}: tag {tag}, {what}"),
                None,
                None,
                chrono::Utc::now(),
            )
            .await?;
        Ok(changed)
    }

    /// Indexes the free-text answers of responses stored before the text index existed, once
    /// per survey (at start-up).
    pub async fn index_earlier_texts(&self) -> Result<()> {
        for survey_id in self.store.surveys_without_text_index().await? {
            let Some(survey) = self.store.survey_by_id(survey_id).await? else {
                continue;
            };
            let def = self.results_definition(&survey).await?;
            let mut after = 0;
            loop {
                let page = self.store.responses_page(survey_id, after, 2_000).await?;
                let Some(last) = page.last() else { break };
                after = last.id;
                let texts: Vec<(i64, String, String)> = page
                    .iter()
                    .flat_map(|r| {
                        let answers: Answers =
                            serde_json::from_str(&r.answers_json).unwrap_or_default();
                        shared::analytics::texts(&def, &answers)
                            .into_iter()
                            .map(move |(k, t)| (r.id, k, t))
                    })
                    .collect();
                self.store.insert_texts(survey_id, &texts).await?;
            }
            self.store.set_texts_indexed(survey_id).await?;
        }
        Ok(())
    }
}
