//! A question's and a survey's differences: options, translations, moved, added and removed
//! questions.

use super::*;

/// One option (or matrix row/column) in a question's difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionLine {
    /// The option's Japanese label, as a difference (all `Same` when unchanged, all `Added` when
    /// new, all `Removed` when gone).
    pub label: Vec<Piece>,
    /// Whether it moved relative to the options both versions have.
    pub moved: bool,
}

/// How one question differs between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionDiff {
    /// The question's id.
    pub id: String,
    /// The wording (Japanese), as a difference.
    pub label: Vec<Piece>,
    /// The help text (Japanese), as a difference; empty when neither has one.
    pub help: Vec<Piece>,
    /// The options in their new order, then the removed ones.
    pub options: Vec<OptionLine>,
    /// Other settings that changed, by name: `kind`, `required`, `condition`, `limits`,
    /// `translation`.
    pub settings: Vec<String>,
}

impl QuestionDiff {
    /// Whether the question changed at all.
    pub fn is_change(&self) -> bool {
        changed(&self.label)
            || changed(&self.help)
            || self.options.iter().any(|o| o.moved || changed(&o.label))
            || !self.settings.is_empty()
    }
}

/// The items of `new` that moved: those outside a longest run of items both lists keep in the
/// same order (so moving one option to the top marks that one, not every option it passed).
pub(super) fn moved_items<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<&'a str> {
    let common_old: Vec<&str> = old.iter().copied().filter(|o| new.contains(o)).collect();
    let common_new: Vec<&str> = new.iter().copied().filter(|n| old.contains(n)).collect();
    let mut stayed: Vec<&str> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &common_old, &common_new) {
        if let DiffOp::Equal { new_index, len, .. } = op {
            stayed.extend_from_slice(&common_new[new_index..new_index + len]);
        }
    }
    common_new
        .into_iter()
        .filter(|v| !stayed.contains(v))
        .collect()
}

pub(super) fn option_lines_diff(old: &[Choice], new: &[Choice]) -> Vec<OptionLine> {
    let ov: Vec<&str> = old.iter().map(|c| c.value.as_str()).collect();
    let nv: Vec<&str> = new.iter().map(|c| c.value.as_str()).collect();
    let moved = moved_items(&ov, &nv);
    let mut lines: Vec<OptionLine> = new
        .iter()
        .map(|n| match old.iter().find(|o| o.value == n.value) {
            Some(o) => OptionLine {
                label: word_diff(&o.label.ja, &n.label.ja),
                moved: moved.contains(&n.value.as_str()),
            },
            None => OptionLine {
                label: vec![Piece::Added(n.label.ja.clone())],
                moved: false,
            },
        })
        .collect();
    lines.extend(
        old.iter()
            .filter(|o| !new.iter().any(|n| n.value == o.value))
            .map(|o| OptionLine {
                label: vec![Piece::Removed(o.label.ja.clone())],
                moved: false,
            }),
    );
    lines
}

pub(super) fn choice_lists(q: &Question) -> Vec<&[Choice]> {
    match &q.kind {
        QuestionKind::Matrix { rows, columns } => vec![rows, columns],
        _ => vec![q.options()],
    }
}

pub(super) fn translations_differ(a: &Text, b: &Text) -> bool {
    a.en != b.en || a.easy != b.easy
}

/// How a question differs from an older version of itself.
pub fn question_diff(old: &Question, new: &Question) -> QuestionDiff {
    let help = |q: &Question| q.help.as_ref().map(|h| h.ja.clone()).unwrap_or_default();
    let (old_lists, new_lists) = (choice_lists(old), choice_lists(new));
    let options = if crate::edit::kind_name(&old.kind) == crate::edit::kind_name(&new.kind) {
        old_lists
            .iter()
            .zip(&new_lists)
            .flat_map(|(o, n)| option_lines_diff(o, n))
            .collect()
    } else {
        option_lines_diff(&[], new_lists.first().copied().unwrap_or_default())
    };
    let mut settings = Vec::new();
    if crate::edit::kind_name(&old.kind) != crate::edit::kind_name(&new.kind) {
        settings.push("kind".to_string());
    } else if with_options(&old.kind, Vec::new()) != with_options(&new.kind, Vec::new())
        && !matches!(old.kind, QuestionKind::Matrix { .. })
    {
        settings.push("limits".to_string());
    }
    if old.required != new.required {
        settings.push("required".to_string());
    }
    if old.show_if != new.show_if {
        settings.push("condition".to_string());
    }
    let old_choices = old_lists.concat();
    let new_choices = new_lists.concat();
    let option_translation = old_choices.iter().any(|o| {
        new_choices
            .iter()
            .any(|n| n.value == o.value && translations_differ(&o.label, &n.label))
    });
    let help_translation = match (&old.help, &new.help) {
        (Some(a), Some(b)) => translations_differ(a, b),
        _ => false,
    };
    if translations_differ(&old.label, &new.label) || help_translation || option_translation {
        settings.push("translation".to_string());
    }
    QuestionDiff {
        id: new.id.clone(),
        label: word_diff(&old.label.ja, &new.label.ja),
        help: word_diff(&help(old), &help(new)),
        options,
        settings,
    }
}

/// A question as it is, with nothing changed (for a new or removed question: all its text
/// marked as added or removed).
pub(super) fn whole_question(q: &Question, mark: fn(String) -> Piece) -> QuestionDiff {
    let help = q.help.as_ref().map(|h| vec![mark(h.ja.clone())]);
    QuestionDiff {
        id: q.id.clone(),
        label: vec![mark(q.label.ja.clone())],
        help: help.unwrap_or_default(),
        options: choice_lists(q)
            .concat()
            .into_iter()
            .map(|c| OptionLine {
                label: vec![mark(c.label.ja)],
                moved: false,
            })
            .collect(),
        settings: Vec::new(),
    }
}

/// A question added in the newer version, as a difference.
pub fn added_question(q: &Question) -> QuestionDiff {
    whole_question(q, Piece::Added)
}

/// A question gone in the newer version, as a difference.
pub fn removed_question(q: &Question) -> QuestionDiff {
    whole_question(q, Piece::Removed)
}

/// What happened to one question between two versions of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionChange {
    /// New in the newer version.
    Added(QuestionDiff),
    /// Gone in the newer version.
    Removed(QuestionDiff),
    /// In both, different.
    Changed(QuestionDiff),
    /// In both, unchanged, but on another page or in another place.
    Moved(String),
}

/// How two versions of a survey differ: the title and introduction, the page titles, and every
/// question added, removed, changed or moved (in the newer version's order, removed ones where
/// they were).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyDiff {
    /// The title (Japanese).
    pub title: Vec<Piece>,
    /// The introduction (Japanese).
    pub intro: Vec<Piece>,
    /// Pages whose title changed, were added or removed: the title as a difference.
    pub sections: Vec<Vec<Piece>>,
    /// The questions that differ.
    pub questions: Vec<QuestionChange>,
}

impl SurveyDiff {
    /// Whether the two versions are the same.
    pub fn is_empty(&self) -> bool {
        !changed(&self.title)
            && !changed(&self.intro)
            && self.sections.is_empty()
            && self.questions.is_empty()
    }
}

/// One version of a survey's content: what a revision stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// The title.
    pub title: Text,
    /// The introduction.
    pub intro: Text,
    /// The questions.
    pub definition: SurveyDefinition,
}

pub(super) fn position(sections: &[Section], id: &str) -> Option<(String, usize)> {
    sections.iter().find_map(|s| {
        let before: Vec<&str> = s.questions.iter().map(|q| q.id.as_str()).collect();
        before
            .iter()
            .position(|q| *q == id)
            .map(|i| (s.id.clone(), i))
    })
}

/// How `new` differs from `old`.
pub fn survey_diff(old: &Content, new: &Content) -> SurveyDiff {
    let (olds, news) = (old.definition.sections(), new.definition.sections());
    let mut sections = Vec::new();
    for s in news {
        match olds.iter().find(|o| o.id == s.id) {
            Some(o) if o.title.ja != s.title.ja => {
                sections.push(word_diff(&o.title.ja, &s.title.ja))
            }
            Some(_) => {}
            None => sections.push(vec![Piece::Added(s.title.ja.clone())]),
        }
    }
    for o in olds.iter().filter(|o| !news.iter().any(|s| s.id == o.id)) {
        sections.push(vec![Piece::Removed(o.title.ja.clone())]);
    }
    // Questions that left the order both versions share, or changed page, moved.
    let ids =
        |d: &SurveyDefinition| -> Vec<String> { d.questions().map(|q| q.id.clone()).collect() };
    let (old_ids, new_ids) = (ids(&old.definition), ids(&new.definition));
    let old_refs: Vec<&str> = old_ids.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_ids.iter().map(String::as_str).collect();
    let reordered = moved_items(&old_refs, &new_refs);
    let moved = |id: &str| {
        reordered.contains(&id)
            || position(olds, id).map(|p| p.0) != position(news, id).map(|p| p.0)
    };
    let mut questions = Vec::new();
    let mut old_iter = old.definition.questions().peekable();
    for q in new.definition.questions() {
        // Removed questions are listed where they stood: before the next question both have.
        while let Some(o) = old_iter.peek() {
            if new.definition.question(&o.id).is_none() {
                questions.push(QuestionChange::Removed(removed_question(o)));
                old_iter.next();
            } else {
                break;
            }
        }
        if old_iter.peek().is_some_and(|o| o.id == q.id) {
            old_iter.next();
        }
        match old.definition.question(&q.id) {
            None => questions.push(QuestionChange::Added(added_question(q))),
            Some(o) => {
                let diff = question_diff(o, q);
                if diff.is_change() {
                    questions.push(QuestionChange::Changed(diff));
                } else if moved(&q.id) {
                    questions.push(QuestionChange::Moved(q.id.clone()));
                }
            }
        }
    }
    // Skip past questions both have that the loop above did not reach (moved later), then list
    // what is left and gone.
    for o in old_iter {
        if new.definition.question(&o.id).is_none() {
            questions.push(QuestionChange::Removed(removed_question(o)));
        }
    }
    SurveyDiff {
        title: word_diff(&old.title.ja, &new.title.ja),
        intro: word_diff(&old.intro.ja, &new.intro.ja),
        sections,
        questions,
    }
}
