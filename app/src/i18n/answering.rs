//! What the answering pages say about a survey and its questions.

use super::*;

/// The hint under a multiple-choice question with a limit.
pub fn choose_up_to(lang: Lang, max: u16) -> String {
    pick(
        lang,
        format!("{max}つまで選べます"),
        format!("Choose up to {max}"),
        format!("{max}つまで えらべます"),
    )
}

/// "Page 2 of 5" for the progress bar.
pub fn page_of(lang: Lang, position: usize, count: usize) -> String {
    pick(
        lang,
        format!("{position} / {count} ページ"),
        format!("Page {position} of {count}"),
        format!("{count}ページの うち {position}ページめ"),
    )
}

/// What the start page says about the survey's length.
pub fn survey_size(lang: Lang, sections: usize, questions: usize) -> String {
    pick(
        lang,
        format!("全{sections}ページ・{questions}問以内"),
        format!("{sections} pages, up to {questions} questions"),
        format!("{sections}ページ、しつもんは {questions}こ まで"),
    )
}

/// What the start page says about answers saved earlier.
pub fn saved_answers(lang: Lang, answered: usize) -> String {
    pick(
        lang,
        format!("前回の回答（{answered}問）が保存されています。"),
        format!("Your earlier answers ({answered} questions) are saved."),
        format!("まえの こたえ（{answered}こ）が ほぞんされています。"),
    )
}

/// The accessible name of a star rating's option.
pub fn stars(lang: Lang, n: u8) -> String {
    pick(
        lang,
        format!("星{n}つ"),
        format!("{n} star{}", if n == 1 { "" } else { "s" }),
        format!("ほし {n}こ"),
    )
}

/// The standard labels of an agreement scale, lowest (disagree) first.
pub fn agreement_labels(lang: Lang, points: u8) -> Vec<&'static str> {
    shared::survey::agreement_words(lang, points)
}
