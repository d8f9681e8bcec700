//! Built-in survey templates, written as JSON files in `shared/templates/` so that ward staff
//! can read and adapt them without reading Rust.

use crate::survey::{Choice, DefinitionError, QuestionKind, SurveyDefinition, Text};
use serde::Deserialize;

/// A template: the title and introduction to start from, and the questions.
#[derive(Debug, Clone)]
pub struct Template {
    /// Suggested title.
    pub title: Text,
    /// Suggested introduction.
    pub intro: Text,
    /// The questions, checked.
    pub definition: SurveyDefinition,
}

#[derive(Deserialize)]
struct RawTemplate {
    title: Text,
    intro: Text,
}

const COMMUNITY_CENTRE: &str = include_str!("../templates/community-centre.json");

/// The community-centre questionnaire of policy B-1 (use of the centre, days and times wanted,
/// Sunday opening, activities, household and age band, district, free comments), in Japanese,
/// English and easy Japanese.
///
/// The district question lists `districts` (code and name); with fewer than two districts
/// it is left out.
pub fn community_centre(districts: &[(String, Text)]) -> Result<Template, DefinitionError> {
    let mut doc: serde_json::Value = serde_json::from_str(COMMUNITY_CENTRE)
        .map_err(|e| DefinitionError::Malformed(e.to_string()))?;
    let RawTemplate { title, intro } = serde_json::from_value(doc.clone())
        .map_err(|e| DefinitionError::Malformed(e.to_string()))?;
    let options: Vec<Choice> = districts
        .iter()
        .map(|(code, name)| Choice::new(code.clone(), name.clone()))
        .collect();
    if let Some(sections) = doc.get_mut("sections").and_then(|s| s.as_array_mut()) {
        for section in sections {
            let Some(questions) = section.get_mut("questions").and_then(|q| q.as_array_mut())
            else {
                continue;
            };
            if options.len() < 2 {
                questions.retain(|q| q.get("id").and_then(|i| i.as_str()) != Some("district"));
                continue;
            }
            for q in questions.iter_mut() {
                if q.get("id").and_then(|i| i.as_str()) == Some("district") {
                    let kind = QuestionKind::Dropdown {
                        options: options.clone(),
                    };
                    q["kind"] = serde_json::to_value(kind)
                        .map_err(|e| DefinitionError::Malformed(e.to_string()))?;
                }
            }
        }
    }
    if options.len() < 2
        && let Some(map) = doc.as_object_mut()
    {
        map.remove("district_question");
    }
    let definition = SurveyDefinition::parse_json(&doc.to_string())?;
    Ok(Template {
        title,
        intro,
        definition,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn districts() -> Vec<(String, Text)> {
        vec![
            ("kitagata".into(), Text::ja_en("北方", "Kitagata")),
            ("yugawa".into(), Text::ja_en("湯川", "Yugawa")),
        ]
    }

    #[test]
    fn the_community_centre_template_is_valid_and_fully_translated() {
        let template = community_centre(&districts());
        let Ok(template) = template else {
            panic!("template must be valid: {template:?}")
        };
        let def = &template.definition;
        assert!(def.sections().len() >= 5);
        assert_eq!(def.district_question(), Some("district"));
        for lang in [Lang::En, Lang::EasyJa] {
            assert!(template.title.has(lang) && template.intro.has(lang));
            for section in def.sections() {
                assert!(section.title.has(lang), "{} in {lang:?}", section.id);
                for q in &section.questions {
                    assert!(q.label.has(lang), "{} in {lang:?}", q.id);
                    // District names come from the ward's own list, not the template.
                    for o in q.options().iter().filter(|_| q.id != "district") {
                        assert!(o.label.has(lang), "{}/{} in {lang:?}", q.id, o.value);
                    }
                }
            }
        }
        // Every kind of question is in it, so a ward sees each one in use.
        let kinds: std::collections::HashSet<std::mem::Discriminant<QuestionKind>> = def
            .questions()
            .map(|q| std::mem::discriminant(&q.kind))
            .collect();
        assert!(kinds.len() >= 11, "{} kinds", kinds.len());
        assert!(def.questions().any(|q| q.show_if.is_some()));
        assert!(def.questions().any(|q| q.has_other()));
    }

    #[test]
    fn without_districts_the_district_question_is_left_out() {
        let template = community_centre(&[]);
        let Ok(template) = template else {
            panic!("template must be valid without districts: {template:?}")
        };
        assert_eq!(template.definition.district_question(), None);
        assert!(template.definition.question("district").is_none());
    }
}
