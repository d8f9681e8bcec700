//! Reading a workbook into a survey definition: sections, matrices, questions and settings.

use super::*;

/// A section being read.
pub(super) struct OpenSection {
    pub(super) id: String,
    pub(super) title: Text,
    pub(super) intro: Option<Text>,
    pub(super) show_if: Option<Condition>,
    pub(super) questions: Vec<Question>,
    pub(super) row: usize,
}

/// A matrix being read from a `table-list` group.
pub(super) struct OpenMatrix {
    pub(super) id: String,
    pub(super) label: Text,
    pub(super) help: Option<Text>,
    pub(super) show_if: Option<Condition>,
    pub(super) required: bool,
    pub(super) list: Option<String>,
    pub(super) rows: Vec<Choice>,
    pub(super) row: usize,
}

/// Reads a form. Either the whole definition, or every problem found.
pub fn import(book: &Workbook) -> Result<Imported, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut notes = Vec::new();
    let lang = default_lang(book);
    let Some(sheet) = book.sheet(SURVEY) else {
        return Err(vec![Issue {
            sheet: SURVEY.into(),
            row: 0,
            column: None,
            problem: Problem::MissingSheet,
        }]);
    };
    let lists = read_lists(book, lang, &mut issues);
    let cols = Columns::read(sheet, TEXT_COLUMNS, SURVEY_COLUMNS, lang, &mut issues);
    cols.require(&["type", "name"], &mut issues);
    let settings = read_settings(book, lang, &mut issues);
    let default_title = settings.title.clone().unwrap_or_else(|| Text::ja("質問"));
    let mut sections: Vec<Section> = Vec::new();
    let mut open: Option<OpenSection> = None;
    let mut loose: Vec<Question> = Vec::new();
    let mut matrix: Option<OpenMatrix> = None;
    let mut rows_of: HashMap<String, usize> = HashMap::new();
    let mut loose_count = 0usize;
    // Questions outside any group make a section of their own.
    let flush_loose = |loose: &mut Vec<Question>, sections: &mut Vec<Section>, n: &mut usize| {
        if !loose.is_empty() {
            *n += 1;
            sections.push(Section {
                id: format!("part{n}"),
                title: default_title.clone(),
                intro: None,
                questions: std::mem::take(loose),
                show_if: None,
            });
        }
    };
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let at = i + 1;
        let issue = |column: &str, problem: Problem| Issue {
            sheet: sheet.name.clone(),
            row: at,
            column: Some(column.to_string()),
            problem,
        };
        // The type's words are read in any case; a list's name keeps its own (list names are
        // case-sensitive, as in the choices sheet).
        let kind_cell = cols.get(row, "type");
        let mut words = kind_cell.split_whitespace();
        let Some(kind) = words.next().map(str::to_ascii_lowercase) else {
            continue;
        };
        let mut args: Vec<&str> = words.collect();
        let second = args.first().map(|a| a.to_ascii_lowercase());
        // "begin group" is "begin_group", "select one" is "select_one"; "end" alone is ODK's
        // end-time metadata.
        let kind = match (kind.as_str(), second.as_deref()) {
            ("begin" | "end", Some(what)) | ("select", Some(what @ ("one" | "multiple"))) => {
                let joined = format!("{kind}_{what}");
                args.remove(0);
                joined
            }
            _ => kind,
        };
        cols.unsupported(row, at, &mut issues);
        if METADATA.contains(&kind.as_str()) {
            notes.push(issue("type", Problem::Skipped(kind.clone())));
            continue;
        }
        let name = cols.get(row, "name").to_string();
        let text = |base: &str, issues: &mut Vec<Issue>| match cols.text(row, base) {
            Ok(t) => t,
            Err(p) => {
                issues.push(issue(base, p));
                None
            }
        };
        let label = text("label", &mut issues);
        let help = text("hint", &mut issues);
        let relevant = cols.get(row, "relevant");
        let show_if = if relevant.is_empty() {
            None
        } else {
            let parsed = parse_relevant(relevant);
            if parsed.is_none() {
                issues.push(issue(
                    "relevant",
                    Problem::UnsupportedRelevant(relevant.into()),
                ));
            }
            parsed
        };
        let required = parse_required(cols.get(row, "required")).unwrap_or_else(|| {
            issues.push(issue(
                "required",
                Problem::BadRequired(cols.get(row, "required").into()),
            ));
            false
        });
        let appearance = cols.get(row, "appearance").to_ascii_lowercase();
        if name.is_empty() && !kind.starts_with("end_") {
            issues.push(issue("name", Problem::MissingName));
            continue;
        }
        match kind.as_str() {
            "begin_group" => {
                if appearance.contains("table-list") {
                    if matrix.is_some() {
                        issues.push(issue("type", Problem::NestedGroup));
                        continue;
                    }
                    rows_of.insert(name.clone(), at);
                    matrix = Some(OpenMatrix {
                        id: name,
                        label: label.unwrap_or_else(|| Text::ja("")),
                        help,
                        show_if,
                        required: false,
                        list: None,
                        rows: Vec::new(),
                        row: at,
                    });
                } else if open.is_some() || matrix.is_some() {
                    issues.push(issue("type", Problem::NestedGroup));
                } else {
                    flush_loose(&mut loose, &mut sections, &mut loose_count);
                    rows_of.insert(name.clone(), at);
                    open = Some(OpenSection {
                        id: name,
                        title: label.unwrap_or_else(|| default_title.clone()),
                        intro: None,
                        show_if,
                        questions: Vec::new(),
                        row: at,
                    });
                }
            }
            "end_group" => {
                if let Some(m) = matrix.take() {
                    let q = Question {
                        id: m.id,
                        label: m.label,
                        help: m.help,
                        required: m.required,
                        kind: QuestionKind::Matrix {
                            rows: m.rows,
                            columns: m
                                .list
                                .and_then(|l| lists.get(&l).cloned())
                                .unwrap_or_default(),
                        },
                        show_if: m.show_if,
                    };
                    match open.as_mut() {
                        Some(s) => s.questions.push(q),
                        None => loose.push(q),
                    }
                } else if let Some(s) = open.take() {
                    sections.push(Section {
                        id: s.id,
                        title: s.title,
                        intro: s.intro,
                        questions: s.questions,
                        show_if: s.show_if,
                    });
                } else {
                    issues.push(issue("type", Problem::UnmatchedEnd));
                }
            }
            "note" => match open.as_mut() {
                Some(s) if s.questions.is_empty() && s.intro.is_none() && matrix.is_none() => {
                    s.intro = label;
                }
                _ => issues.push(issue("type", Problem::NoteNotAtGroupStart)),
            },
            _ if matrix.is_some() => {
                let Some(m) = matrix.as_mut() else { continue };
                let list = args.first().copied().unwrap_or_default();
                if kind != "select_one" || m.list.as_deref().is_some_and(|l| l != list) {
                    issues.push(issue("type", Problem::BadMatrixRow));
                    continue;
                }
                if !lists.contains_key(list) {
                    issues.push(issue("type", Problem::UnknownList(list.into())));
                    continue;
                }
                m.list = Some(list.to_string());
                // ODK's header row of a table (appearance `label`) carries no answer.
                if appearance.contains("label") && !appearance.contains("nolabel") {
                    continue;
                }
                let value = name
                    .strip_prefix(&format!("{}.", m.id))
                    .unwrap_or(&name)
                    .to_string();
                m.required |= required;
                m.rows
                    .push(Choice::new(value, label.unwrap_or_else(|| Text::ja(""))));
            }
            _ => {
                let read = question_kind(
                    &kind,
                    &args,
                    &appearance,
                    row,
                    &cols,
                    &lists,
                    &mut issues,
                    at,
                );
                let Some(kind) = read else { continue };
                rows_of.insert(name.clone(), at);
                let q = Question {
                    id: name,
                    label: label.unwrap_or_else(|| Text::ja("")),
                    help,
                    required,
                    kind,
                    show_if,
                };
                match open.as_mut() {
                    Some(s) => s.questions.push(q),
                    None => loose.push(q),
                }
            }
        }
    }
    if let Some(m) = matrix {
        issues.push(Issue {
            sheet: sheet.name.clone(),
            row: m.row,
            column: Some("type".into()),
            problem: Problem::UnclosedGroup,
        });
    }
    if let Some(s) = open {
        issues.push(Issue {
            sheet: sheet.name.clone(),
            row: s.row,
            column: Some("type".into()),
            problem: Problem::UnclosedGroup,
        });
    }
    flush_loose(&mut loose, &mut sections, &mut loose_count);
    if !issues.is_empty() {
        return Err(issues);
    }
    let definition = SurveyDefinition::new(sections).and_then(|d| match &settings.district {
        Some(q) => d.with_district_question(Some(q.clone())),
        None => Ok(d),
    });
    match definition {
        Ok(definition) => Ok(Imported {
            title: settings.title,
            intro: settings.intro,
            form_id: settings.form_id,
            definition,
            notes,
        }),
        Err(e) => {
            let id = match &e {
                DefinitionError::DuplicateId(id)
                | DefinitionError::BadId(id)
                | DefinitionError::MissingLabel(id)
                | DefinitionError::BadOptions(id)
                | DefinitionError::BadLimits(id)
                | DefinitionError::BadDistrictQuestion(id)
                | DefinitionError::BadCondition(id) => Some(id.clone()),
                _ => None,
            };
            let row = id.as_ref().and_then(|id| rows_of.get(id)).copied();
            Err(vec![Issue {
                sheet: sheet.name.clone(),
                row: row.unwrap_or(0),
                column: row.map(|_| "name".to_string()),
                problem: Problem::Definition(e),
            }])
        }
    }
}

/// What the settings sheet says.
pub(super) struct Settings {
    pub(super) title: Option<Text>,
    pub(super) intro: Option<Text>,
    pub(super) form_id: Option<String>,
    pub(super) district: Option<String>,
}

pub(super) fn read_settings(book: &Workbook, lang: Lang, issues: &mut Vec<Issue>) -> Settings {
    let mut settings = Settings {
        title: None,
        intro: None,
        form_id: None,
        district: None,
    };
    let Some(sheet) = book.sheet(SETTINGS) else {
        return settings;
    };
    let cols = Columns::read(
        sheet,
        &["form_title", "yoriai_title", "yoriai_intro"],
        &["form_id", "yoriai_district_question"],
        lang,
        issues,
    );
    let Some(row) = sheet.rows.get(1) else {
        return settings;
    };
    let text = |base: &str, issues: &mut Vec<Issue>| {
        cols.text(row, base).unwrap_or_else(|p| {
            issues.push(Issue {
                sheet: sheet.name.clone(),
                row: 2,
                column: Some(base.into()),
                problem: p,
            });
            None
        })
    };
    // Yoriai's own title columns (every language) over the plain XLSForm one.
    settings.title = match text("yoriai_title", issues) {
        Some(title) => Some(title),
        None => text("form_title", issues),
    };
    settings.intro = text("yoriai_intro", issues);
    let plain = |name: &str| Some(cols.get(row, name).to_string()).filter(|v| !v.is_empty());
    settings.form_id = plain("form_id");
    settings.district = plain("yoriai_district_question");
    settings
}
