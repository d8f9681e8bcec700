//! The survey sheet's columns (per language) and the choice lists.

use super::*;

/// The language of a column suffix: `English (en)`, `Japanese (ja)`, `やさしい日本語 (easy)`.
pub(super) fn suffix_lang(suffix: &str) -> Option<Lang> {
    let code = suffix
        .rsplit_once('(')
        .map_or(suffix, |(_, c)| c.trim_end_matches(')'))
        .trim()
        .to_ascii_lowercase();
    match code.as_str() {
        "ja" | "japanese" | "日本語" => Some(Lang::Ja),
        "en" | "english" => Some(Lang::En),
        "easy" | "ja-easy" | "easy japanese" | "やさしい日本語" => Some(Lang::EasyJa),
        _ => None,
    }
}

/// The header of a text column in a language, as written on export.
pub(super) fn lang_column(base: &str, lang: Lang) -> String {
    let suffix = match lang {
        Lang::Ja => "Japanese (ja)",
        Lang::En => "English (en)",
        Lang::EasyJa => "Easy Japanese (easy)",
    };
    format!("{base}::{suffix}")
}

/// A sheet's header, read.
pub(super) struct Columns {
    pub(super) sheet: String,
    /// Plain columns by lower-case name.
    pub(super) plain: HashMap<String, usize>,
    /// Text columns: (base, language) → index.
    pub(super) texts: HashMap<(String, Lang), usize>,
    /// Columns with no meaning here: (index, header).
    pub(super) other: Vec<(usize, String)>,
}

impl Columns {
    pub(super) fn read(
        sheet: &Sheet,
        text_bases: &[&str],
        plain: &[&str],
        default_lang: Lang,
        issues: &mut Vec<Issue>,
    ) -> Columns {
        let mut columns = Columns {
            sheet: sheet.name.clone(),
            plain: HashMap::new(),
            texts: HashMap::new(),
            other: Vec::new(),
        };
        let Some(header) = sheet.rows.first() else {
            return columns;
        };
        for (i, h) in header.iter().enumerate() {
            let name = h.trim();
            if name.is_empty() {
                continue;
            }
            // `label::English (en)`, or the older `label:English` many forms still use.
            let single = name
                .split_once(':')
                .filter(|(b, _)| text_bases.contains(&b.trim().to_ascii_lowercase().as_str()));
            let (base, suffix) = match name.split_once("::").or(single) {
                Some((b, s)) => (b.trim().to_ascii_lowercase(), Some(s.trim())),
                None => (name.to_ascii_lowercase().replace(' ', "_"), None),
            };
            if text_bases.contains(&base.as_str()) {
                match suffix.map_or(Some(default_lang), suffix_lang) {
                    Some(lang) => {
                        columns.texts.insert((base, lang), i);
                    }
                    None => issues.push(Issue {
                        sheet: sheet.name.clone(),
                        row: 1,
                        column: Some(name.to_string()),
                        problem: Problem::UnsupportedLanguage(suffix.unwrap_or_default().into()),
                    }),
                }
            } else if suffix.is_none() && plain.contains(&base.as_str()) {
                columns.plain.insert(base, i);
            } else if !HARMLESS.contains(&base.as_str()) {
                columns.other.push((i, name.to_string()));
            }
        }
        columns
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.plain.contains_key(name)
    }

    /// An issue for each of these columns the header lacks.
    pub(super) fn require(&self, names: &[&str], issues: &mut Vec<Issue>) {
        for name in names.iter().filter(|n| !self.has(n)) {
            issues.push(Issue {
                sheet: self.sheet.clone(),
                row: 1,
                column: Some((*name).to_string()),
                problem: Problem::MissingColumn,
            });
        }
    }

    /// A plain cell, trimmed ("" when absent).
    pub(super) fn get<'r>(&self, row: &'r [String], name: &str) -> &'r str {
        self.plain
            .get(name)
            .and_then(|&i| row.get(i))
            .map_or("", |c| c.trim())
    }

    /// A text cell in every language; `Err` when there is text but none in Japanese.
    pub(super) fn text(&self, row: &[String], base: &str) -> Result<Option<Text>, Problem> {
        let get = |lang: Lang| {
            self.texts
                .get(&(base.to_string(), lang))
                .and_then(|&i| row.get(i))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        };
        let (ja, en, easy) = (get(Lang::Ja), get(Lang::En), get(Lang::EasyJa));
        match (ja, en, easy) {
            (Some(ja), en, easy) => Ok(Some(Text { ja, en, easy })),
            // A form without Japanese (an English form from ODK or Kobo) is imported with its
            // own words standing in for the Japanese, which staff then translate in the
            // builder; the English stays English.
            (None, Some(en), easy) => Ok(Some(Text {
                ja: en.clone(),
                en: Some(en),
                easy,
            })),
            (None, None, Some(easy)) => Ok(Some(Text {
                ja: easy.clone(),
                en: None,
                easy: Some(easy),
            })),
            (None, None, None) => Ok(None),
        }
    }

    /// Issues for cells with a value in columns that have no meaning here.
    pub(super) fn unsupported(&self, row: &[String], at: usize, issues: &mut Vec<Issue>) {
        for (i, header) in &self.other {
            if row.get(*i).is_some_and(|c| !c.trim().is_empty()) {
                issues.push(Issue {
                    sheet: self.sheet.clone(),
                    row: at,
                    column: Some(header.clone()),
                    problem: Problem::UnsupportedColumn,
                });
            }
        }
    }
}

/// The settings sheet's default language (`Japanese (ja)`, say), if it names one Yoriai speaks.
pub(super) fn default_lang(book: &Workbook) -> Lang {
    book.sheet(SETTINGS)
        .and_then(|s| {
            let header = s.rows.first()?;
            let i = header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case("default_language"))?;
            suffix_lang(s.rows.get(1)?.get(i)?.trim())
        })
        .unwrap_or(Lang::Ja)
}

/// Reads the choice lists.
pub(super) fn read_lists(
    book: &Workbook,
    lang: Lang,
    issues: &mut Vec<Issue>,
) -> HashMap<String, Vec<Choice>> {
    let mut lists: HashMap<String, Vec<Choice>> = HashMap::new();
    let Some(sheet) = book.sheet(CHOICES) else {
        return lists;
    };
    // A blank choices sheet (templates ship one) is as good as none: a list used from it is
    // reported where it is used.
    if sheet.rows.iter().flatten().all(|c| c.trim().is_empty()) {
        return lists;
    }
    let cols = Columns::read(sheet, &["label"], &["list_name", "name"], lang, issues);
    cols.require(&["list_name", "name"], issues);
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let at = i + 1;
        let list = cols.get(row, "list_name");
        if list.is_empty() && row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        cols.unsupported(row, at, issues);
        let issue = |column: &str, problem| Issue {
            sheet: sheet.name.clone(),
            row: at,
            column: Some(column.to_string()),
            problem,
        };
        let value = cols.get(row, "name");
        if value.is_empty() {
            issues.push(issue("name", Problem::MissingName));
            continue;
        }
        let label = match cols.text(row, "label") {
            Ok(Some(label)) => label,
            Ok(None) | Err(_) => {
                issues.push(issue("label", Problem::NoJapanese));
                continue;
            }
        };
        lists
            .entry(list.to_string())
            .or_default()
            .push(Choice::new(value, label));
    }
    lists
}
