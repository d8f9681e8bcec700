//! Translated texts, and furigana (reading aids) inside them.
//!
//! Survey content is written by ward staff and council members, not programmers, so furigana
//! uses the convention many Japanese editors know: `{漢字|かんじ}` puts the reading `かんじ`
//! above `漢字`. Pages render it as `<ruby>`; places that cannot show ruby (a page title, an
//! `<option>`, a spreadsheet cell) use [`plain`], which keeps only the base text.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// A text in every language Yoriai speaks; Japanese is required, the others fall back to it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    /// The Japanese text, always present.
    pub ja: String,
    /// The English text, if translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// The easy-Japanese (やさしい日本語) text, if written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy: Option<String>,
}

impl Text {
    /// A text that exists only in Japanese.
    pub fn ja(ja: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: None,
            easy: None,
        }
    }

    /// A text with a Japanese and an English version.
    pub fn ja_en(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: Some(en.into()),
            easy: None,
        }
    }

    /// A text in all three languages.
    pub fn all(ja: impl Into<String>, en: impl Into<String>, easy: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: Some(en.into()),
            easy: Some(easy.into()),
        }
    }

    /// The text in `lang` (furigana markup included), or the Japanese text when there is no
    /// translation.
    pub fn get(&self, lang: Lang) -> &str {
        let translated = match lang {
            Lang::Ja => None,
            Lang::En => self.en.as_deref(),
            Lang::EasyJa => self.easy.as_deref(),
        };
        translated
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.ja)
    }

    /// The text in `lang` without furigana, for places that cannot show it.
    pub fn plain(&self, lang: Lang) -> String {
        plain(self.get(lang))
    }

    /// The text in `lang` for places that cannot show furigana above the line (a `<select>`'s
    /// options): in easy Japanese each reading follows its word in brackets, `北方（きたがた）`;
    /// otherwise as [`Text::plain`].
    pub fn inline(&self, lang: Lang) -> String {
        if lang != Lang::EasyJa {
            return self.plain(lang);
        }
        segments(self.get(lang))
            .into_iter()
            .map(|s| match s {
                Segment::Plain(p) => p.to_string(),
                Segment::Ruby { base, reading } => format!("{base}（{reading}）"),
            })
            .collect()
    }

    /// Whether a real translation exists for `lang` (Japanese always does).
    pub fn has(&self, lang: Lang) -> bool {
        match lang {
            Lang::Ja => true,
            Lang::En => self.en.as_deref().is_some_and(|s| !s.trim().is_empty()),
            Lang::EasyJa => self.easy.as_deref().is_some_and(|s| !s.trim().is_empty()),
        }
    }
}

/// A piece of a text with furigana markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text shown as it is.
    Plain(&'a str),
    /// Text with its reading shown above it.
    Ruby {
        /// The text (usually kanji).
        base: &'a str,
        /// How it is read (usually hiragana).
        reading: &'a str,
    },
}

/// Splits a text into plain runs and `{base|reading}` pairs. Braces that do not form a pair
/// (no `|`, an empty side, no closing brace) are kept as plain text, so a typo never hides words.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    // Start of the plain run not yet pushed, and where to look for the next `{`.
    let mut plain_from = 0;
    let mut search_from = 0;
    while let Some(offset) = text[search_from..].find('{') {
        let open = search_from + offset;
        let after = open + 1;
        let pair = text[after..].find('}').and_then(|len| {
            let inner = &text[after..after + len];
            let (base, reading) = inner.split_once('|')?;
            let ok = !base.is_empty() && !reading.is_empty() && !inner.contains('{');
            ok.then_some((base, reading, after + len + 1))
        });
        match pair {
            Some((base, reading, end)) => {
                if open > plain_from {
                    out.push(Segment::Plain(&text[plain_from..open]));
                }
                out.push(Segment::Ruby { base, reading });
                plain_from = end;
                search_from = end;
            }
            // Not markup: the brace stays in the plain run.
            None => search_from = after,
        }
    }
    if plain_from < text.len() {
        out.push(Segment::Plain(&text[plain_from..]));
    }
    out
}

/// The text without furigana: `{市民|しみん}センター` becomes `市民センター`.
pub fn plain(text: &str) -> String {
    segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Plain(p) => p,
            Segment::Ruby { base, .. } => base,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_readings_follow_their_words_in_easy_japanese_only() {
        let t = Text::all("北方", "Kitagata", "{北方|きたがた}");
        assert_eq!(t.inline(Lang::EasyJa), "北方（きたがた）");
        assert_eq!(t.inline(Lang::Ja), "北方");
        assert_eq!(t.inline(Lang::En), "Kitagata");
        assert_eq!(
            Text::ja("{市民|しみん}センター").inline(Lang::Ja),
            "市民センター"
        );
    }

    #[test]
    fn translations_fall_back_to_japanese() {
        let t = Text::ja_en("日曜", "Sunday");
        assert_eq!(t.get(Lang::En), "Sunday");
        assert_eq!(t.get(Lang::Ja), "日曜");
        assert_eq!(t.get(Lang::EasyJa), "日曜");
        assert_eq!(Text::ja("日曜").get(Lang::En), "日曜");
        let blank = Text {
            ja: "日曜".into(),
            en: Some("  ".into()),
            easy: Some("{日曜日|にちようび}".into()),
        };
        assert_eq!(blank.get(Lang::En), "日曜");
        assert!(!blank.has(Lang::En));
        assert!(blank.has(Lang::EasyJa));
        assert_eq!(blank.plain(Lang::EasyJa), "日曜日");
    }

    #[test]
    fn furigana_markup_becomes_ruby_segments() {
        assert_eq!(
            segments("{市民|しみん}センターに{行|い}きますか"),
            vec![
                Segment::Ruby {
                    base: "市民",
                    reading: "しみん"
                },
                Segment::Plain("センターに"),
                Segment::Ruby {
                    base: "行",
                    reading: "い"
                },
                Segment::Plain("きますか"),
            ]
        );
        assert_eq!(plain("{市民|しみん}センター"), "市民センター");
    }

    #[test]
    fn braces_that_are_not_markup_stay_as_written() {
        for text in ["{ない}", "{|よみ}", "{漢字|}", "{未完|", "a{b{c|d}e", "}{"] {
            assert_eq!(plain(text), text.replace("{c|d}", "c"), "{text}");
        }
        assert_eq!(plain(""), "");
    }
}

/// True for a character that has no place in anything a person types: a control character
/// other than tab and line breaks (NUL among them, which PostgreSQL cannot store in text at
/// all). Every text read from a form is checked with this.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// True for a character that changes the direction or visibility of the text around it
/// (bidirectional embeddings, overrides and isolates, directional marks, zero-width spaces):
/// in a name they make one text look like another (U+202E makes `moc.live` read as `evil.com`).
pub fn is_bidi_or_invisible(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod character_tests {
    use super::*;

    #[test]
    fn controls_and_direction_marks_are_recognised() {
        assert!(is_forbidden_control('\0') && is_forbidden_control('\u{7}'));
        assert!(is_forbidden_control('\u{85}'), "C1 controls too");
        assert!(!is_forbidden_control('\n') && !is_forbidden_control('\t'));
        assert!(!is_forbidden_control('あ') && !is_forbidden_control('\u{3000}'));
        assert!(is_bidi_or_invisible('\u{202E}') && is_bidi_or_invisible('\u{2067}'));
        assert!(is_bidi_or_invisible('\u{200B}') && is_bidi_or_invisible('\u{FEFF}'));
        // A zero-width joiner holds emoji sequences together and stays allowed.
        assert!(!is_bidi_or_invisible('\u{200D}') && !is_bidi_or_invisible('ア'));
    }
}
