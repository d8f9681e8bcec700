//! A whole survey definition: its limits, the errors it can be refused with, and the questions it
//! shows for a set of answers.

use super::*;

/// The longest free-text answer any question may allow, in characters.
pub const MAX_TEXT_LEN: u32 = 10_000;

/// The most sections, and questions per section, a survey may have (generous; they keep
/// one response's size bounded).
pub const MAX_SECTIONS: usize = 50;
/// See [`MAX_SECTIONS`].
pub const MAX_QUESTIONS: usize = 200;
/// The most options a question may list.
pub const MAX_OPTIONS: usize = 100;

/// Why a survey definition was refused. Each names the section or question at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DefinitionError {
    /// The JSON did not have the expected shape.
    #[error("the definition is not valid JSON of the expected shape: {0}")]
    Malformed(String),
    /// The survey has no sections, or a section has no questions.
    #[error("a survey needs at least one section, and every section at least one question")]
    Empty,
    /// Too many sections, questions or options.
    #[error("the survey is too large")]
    TooLarge,
    /// Two sections or two questions share an id.
    #[error("id `{0}` is used twice")]
    DuplicateId(String),
    /// An id has characters outside `[A-Za-z0-9_-]`, is empty or too long.
    #[error("id `{0}` may only use letters, digits, `_` and `-` (at most 64)")]
    BadId(String),
    /// A section or question has no Japanese text.
    #[error("`{0}` has no Japanese text")]
    MissingLabel(String),
    /// A list of options has fewer than two entries, or repeats a value, or uses the reserved
    /// value `other` while also offering "other".
    #[error("question `{0}` needs at least two options with distinct values")]
    BadOptions(String),
    /// The limits of a question do not make sense.
    #[error("question `{0}` has impossible limits")]
    BadLimits(String),
    /// The district question is missing or is not a plain pick from a list.
    #[error("the district question `{0}` must be a drop-down or single choice")]
    BadDistrictQuestion(String),
    /// A condition names a question that is not asked before it, or a value that question can
    /// never have.
    #[error("the condition on `{0}` does not refer to an earlier question's possible answer")]
    BadCondition(String),
}

/// The sections and questions of a survey, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawDefinition", into = "RawDefinition")]
pub struct SurveyDefinition {
    pub(super) sections: Vec<Section>,
    pub(super) district_question: Option<String>,
}

/// The unchecked shape of a definition, as stored. Definitions written before sections existed
/// (`{"questions": [...]}`) read as one untitled section.
#[derive(Serialize, Deserialize)]
pub(super) struct RawDefinition {
    #[serde(default)]
    pub(super) sections: Vec<Section>,
    /// The question whose answer (a district code) says which district a response is from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) district_question: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) questions: Vec<Question>,
}

impl TryFrom<RawDefinition> for SurveyDefinition {
    type Error = DefinitionError;

    fn try_from(raw: RawDefinition) -> Result<Self, Self::Error> {
        let mut sections = raw.sections;
        if !raw.questions.is_empty() {
            sections.insert(
                0,
                Section {
                    id: "main".into(),
                    title: Text::ja("質問"),
                    intro: None,
                    questions: raw.questions,
                    show_if: None,
                },
            );
        }
        SurveyDefinition::new(sections)?.with_district_question(raw.district_question)
    }
}

impl From<SurveyDefinition> for RawDefinition {
    fn from(def: SurveyDefinition) -> Self {
        RawDefinition {
            sections: def.sections,
            district_question: def.district_question,
            questions: Vec::new(),
        }
    }
}

impl SurveyDefinition {
    /// Checks a list of sections and makes a definition of them.
    pub fn new(sections: Vec<Section>) -> Result<SurveyDefinition, DefinitionError> {
        if sections.is_empty() || sections.iter().any(|s| s.questions.is_empty()) {
            return Err(DefinitionError::Empty);
        }
        let question_count: usize = sections.iter().map(|s| s.questions.len()).sum();
        if sections.len() > MAX_SECTIONS || question_count > MAX_QUESTIONS {
            return Err(DefinitionError::TooLarge);
        }
        let mut section_ids = HashSet::new();
        // Questions asked so far, for checking that conditions point backwards.
        let mut earlier: Vec<&Question> = Vec::new();
        for section in &sections {
            check_id(&section.id)?;
            if !section_ids.insert(section.id.as_str()) {
                return Err(DefinitionError::DuplicateId(section.id.clone()));
            }
            if section.title.ja.trim().is_empty() {
                return Err(DefinitionError::MissingLabel(section.id.clone()));
            }
            if let Some(condition) = &section.show_if {
                check_condition(&section.id, condition, &earlier)?;
            }
            for q in &section.questions {
                check_question(q)?;
                if earlier.iter().any(|e| e.id == q.id) {
                    return Err(DefinitionError::DuplicateId(q.id.clone()));
                }
                if let Some(condition) = &q.show_if {
                    check_condition(&q.id, condition, &earlier)?;
                }
                earlier.push(q);
            }
        }
        Ok(SurveyDefinition {
            sections,
            district_question: None,
        })
    }

    /// Names the question whose answer is the respondent's district code (a single choice or
    /// drop-down whose option values are district codes); `None` for no such question.
    pub fn with_district_question(
        mut self,
        id: Option<String>,
    ) -> Result<SurveyDefinition, DefinitionError> {
        if let Some(id) = &id {
            let fits = self.question(id).is_some_and(|q| {
                matches!(
                    q.kind,
                    QuestionKind::Dropdown { .. } | QuestionKind::SingleChoice { other: false, .. }
                )
            });
            if !fits {
                return Err(DefinitionError::BadDistrictQuestion(id.clone()));
            }
        }
        self.district_question = id;
        Ok(self)
    }

    /// The question that asks for the respondent's district, if any.
    pub fn district_question(&self) -> Option<&str> {
        self.district_question.as_deref()
    }

    /// Reads and checks a definition stored as JSON.
    pub fn parse_json(json: &str) -> Result<SurveyDefinition, DefinitionError> {
        let raw: RawDefinition =
            serde_json::from_str(json).map_err(|e| DefinitionError::Malformed(e.to_string()))?;
        SurveyDefinition::try_from(raw)
    }

    /// The definition as JSON, as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&RawDefinition::from(self.clone())).unwrap_or_default()
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every question, in the order they are asked.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The question with the given id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// The index of the section that asks question `id`.
    pub fn section_of(&self, question_id: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.questions.iter().any(|q| q.id == question_id))
    }

    /// Whether section `index` is shown, given the answers so far.
    pub fn section_shown(&self, index: usize, answers: &Answers) -> bool {
        self.sections
            .get(index)
            .is_some_and(|s| s.show_if.as_ref().is_none_or(|c| c.holds(answers)))
    }

    /// The indexes of the sections shown for these answers, in order.
    pub fn shown_sections(&self, answers: &Answers) -> Vec<usize> {
        (0..self.sections.len())
            .filter(|&i| self.section_shown(i, answers))
            .collect()
    }
}
