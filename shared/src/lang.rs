//! Languages of the user interface and of survey content.

use serde::{Deserialize, Serialize};

/// A language Yoriai speaks. Japanese is the default everywhere; content that is missing in the
/// chosen language falls back to Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Japanese (日本語), the default.
    #[default]
    #[serde(rename = "ja")]
    Ja,
    /// English.
    #[serde(rename = "en")]
    En,
    /// Easy Japanese (やさしい日本語): short sentences, common words, furigana on kanji. For
    /// residents who are learning Japanese, children, and anyone who finds official language hard.
    #[serde(rename = "easy")]
    EasyJa,
}

impl Lang {
    /// Every supported language, in the order a language switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::Ja, Lang::EasyJa, Lang::En];

    /// Reads a language code such as `ja`, `en-GB` or `easy` (also `ja-x-easy`, the private-use
    /// tag for easy Japanese); anything unknown is `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code == "easy" || code.ends_with("-x-easy") {
            return Some(Lang::EasyJa);
        }
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code used in cookies, URLs and stored responses.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
            Lang::EasyJa => "easy",
        }
    }

    /// The BCP 47 tag for `lang` attributes: easy Japanese is Japanese to browsers and screen
    /// readers.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Ja | Lang::EasyJa => "ja",
            Lang::En => "en",
        }
    }

    /// The language's own name, as a language switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
            Lang::EasyJa => "やさしい にほんご",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_with_regions_and_rejects_unknown_ones() {
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse("easy"), Some(Lang::EasyJa));
        assert_eq!(Lang::parse("ja-x-easy"), Some(Lang::EasyJa));
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn code_round_trips() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::EasyJa.html_lang(), "ja");
    }
}
