//! What the results pages are given: the variables to choose from, the page's query, texts and
//! published results.

use super::*;

/// A variable offered for cross-tabulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VarChoice {
    /// The variable.
    pub var: Var,
    /// Its name.
    pub label: Text,
}

/// Everything the results page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: Text,
    /// The filter applied.
    pub filter: Filter,
    /// The smallest group shown to non-staff; `None` when the viewer sees raw numbers.
    pub min_cell: Option<u32>,
    /// The overview.
    pub dashboard: Dashboard,
    /// Web responses started (unfiltered: a started response has no district yet; staff only).
    pub started: Option<i64>,
    /// Web responses sent (staff only).
    pub sent_web: Option<i64>,
    /// One result per question, in survey order.
    pub questions: Vec<QuestionResult>,
    /// The cross-tabulation asked for, if any.
    pub crosstab: Option<CrossTab>,
    /// The variables that can be cross-tabulated.
    pub vars: Vec<VarChoice>,
    /// The districts, for the filter (id, name).
    pub districts: Vec<(i64, Text)>,
    /// The survey's smallest group shown outside staff (staff only, for its setting).
    pub survey_min_cell: Option<u32>,
    /// What is published for residents, if anything (staff only).
    pub publication: Option<Publication>,
}

/// What the results page asks for: a filter and, optionally, a cross-tabulation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResultsQuery {
    /// Which responses.
    pub filter: Filter,
    /// The cross-tabulation's rows (`r` in the query string).
    pub rows: Option<Var>,
    /// Its columns (`c`).
    pub columns: Option<Var>,
    /// Only this question's results (`only`), when a page or a report needs one.
    pub only: Option<String>,
}

impl ResultsQuery {
    /// Reads the query string pairs of the results page (the filter's, plus `r` and `c`).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone) -> Self {
        let var = |name: &str| {
            pairs
                .clone()
                .into_iter()
                .find(|(k, _)| *k == name)
                .and_then(|(_, v)| Var::parse(v))
        };
        let only = pairs
            .clone()
            .into_iter()
            .find(|(k, v)| *k == "only" && !v.is_empty())
            .map(|(_, v)| v.to_string());
        ResultsQuery {
            rows: var("r"),
            columns: var("c"),
            only,
            filter: Filter::from_pairs(pairs),
        }
    }

    /// The query as pairs, the inverse of [`ResultsQuery::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.filter.to_pairs();
        if let Some(rows) = &self.rows {
            pairs.push(("r", rows.key()));
        }
        if let Some(columns) = &self.columns {
            pairs.push(("c", columns.key()));
        }
        if let Some(only) = &self.only {
            pairs.push(("only", only.clone()));
        }
        pairs
    }
}

/// The free-text answers of a response, as `(key, text)`: each text question's answer under the
/// question's id, and each "other, please specify" text under `{id}.other`. Blank texts are
/// left out.
pub fn texts(def: &SurveyDefinition, answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in def.questions() {
        if matches!(q.kind, QuestionKind::Text { .. })
            && let Some(Answer::Value(v)) = answers.get(&q.id)
            && !v.trim().is_empty()
        {
            out.push((q.id.clone(), v.clone()));
        }
        if q.has_other()
            && let Some(v) = answers.other_text(&q.id)
            && !v.trim().is_empty()
        {
            out.push((other_key(&q.id), v.to_string()));
        }
    }
    out
}

/// One free-text answer in the staff's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextLine {
    /// The text's id (for tagging).
    pub id: i64,
    /// The response's id.
    pub response_id: i64,
    /// When the response was sent.
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    /// Its district's name.
    pub district: Option<Text>,
    /// The text.
    pub body: String,
    /// The themes it was coded into (tag ids).
    pub tags: Vec<i64>,
}

/// A question's free-text answers, searched and coded into themes (staff only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextsView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its title.
    pub title: Text,
    /// The texts' key: a question id, or `{id}.other` for "other, please specify".
    pub key: String,
    /// The question.
    pub label: Text,
    /// Every key of the survey with texts, to switch between them (key, label).
    pub keys: Vec<(String, Text)>,
    /// The search typed.
    pub search: String,
    /// The theme the list is limited to.
    pub tag: Option<i64>,
    /// How many texts match.
    pub total: i64,
    /// The page shown (from 1).
    pub page: i64,
    /// Texts per page.
    pub per_page: i64,
    /// The texts on this page, newest first.
    pub lines: Vec<TextLine>,
    /// The survey's themes (id, name).
    pub tags: Vec<(i64, String)>,
}

/// What staff chose to publish for residents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    /// The questions shown, in survey order.
    pub questions: Vec<String>,
    /// What the ward will do with the results.
    pub summary: Text,
    /// When it was published.
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// The published results page, as residents see it (small groups hidden).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicResults {
    /// The survey's slug.
    pub slug: String,
    /// Its title.
    pub title: Text,
    /// What the ward will do.
    pub summary: Text,
    /// When the results were published.
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// The smallest group shown.
    pub min_cell: u32,
    /// How many responses in all.
    pub total: Cell,
    /// The chosen questions' results.
    pub questions: Vec<QuestionResult>,
}
