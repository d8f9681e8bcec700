//! What printed surveys, flyers, invitation cards and paper entry say.

use super::*;

/// What a flyer says about the survey's length.
pub fn survey_size_short(lang: Lang, questions: usize) -> String {
    pick(
        lang,
        format!("質問は{questions}問以内です。"),
        format!("Up to {questions} questions."),
        format!("しつもんは {questions}こ までです。"),
    )
}

/// Where the card sheet is: how many unused codes, which page of how many.
pub fn cards_page_of(lang: Lang, unused: usize, page: usize, pages: usize) -> String {
    pick(
        lang,
        format!("未使用のコード {unused}件 — {page} / {pages} ページ"),
        format!("{unused} unused codes — page {page} of {pages}"),
        format!("つかって いない コード {unused}こ — {pages}ページの うち {page}ページめ"),
    )
}

/// A question's number on paper: 問3, Q3.
pub fn question_number(lang: Lang, n: usize) -> String {
    pick(lang, format!("問{n}"), format!("Q{n}"), format!("もん{n}"))
}

/// "(circle up to 3)".
pub fn circle_up_to(lang: Lang, max: u16) -> String {
    pick(
        lang,
        format!("（○は{max}つまで）"),
        format!("(circle up to {max})"),
        format!("（○は {max}つまで）"),
    )
}

/// "Write 1 to 3 in order of importance".
pub fn rank_instruction(lang: Lang, ranks: usize) -> String {
    pick(
        lang,
        format!("（大切な順に 1〜{ranks} の番号をご記入ください）"),
        format!("(write 1 to {ranks} in order of importance)"),
        format!("（たいせつな じゅんに 1〜{ranks}の ばんごうを かいてください）"),
    )
}

/// The skip instruction for a question or page shown only for certain answers: `answers` are
/// the option numbers and labels already quoted, `None` for "answered at all".
pub fn only_if(lang: Lang, question: usize, answers: Option<&str>, page: bool) -> String {
    let q = question_number(lang, question);
    let (ja, en, easy) = match answers {
        Some(a) => (
            format!("{q}で{a}と答えた方のみ"),
            format!("Only if you answered {a} to {q}"),
            format!("{q}で {a}と こたえた ひとだけ"),
        ),
        None => (
            format!("{q}に回答した方のみ"),
            format!("Only if you answered {q}"),
            format!("{q}に こたえた ひとだけ"),
        ),
    };
    let tail = if page {
        pick(
            lang,
            "このページにお答えください。それ以外の方は次のページへお進みください。".into(),
            ": answer this page; everyone else, please go on to the next page.".into(),
            " この ページに こたえてください。ほかの ひとは つぎの ページへ すすんでください。"
                .into(),
        )
    } else {
        pick(
            lang,
            "お答えください。".into(),
            ": please answer.".into(),
            " こたえてください。".into(),
        )
    };
    format!("※{}{tail}", pick(lang, ja, en, easy))
}

/// How many paper responses are stored, and the version they are typed against.
pub fn paper_count(lang: Lang, count: i64, version: i64) -> String {
    pick(
        lang,
        format!("入力済みの紙の回答 {count}件（第{version}版の用紙）"),
        format!("{count} paper answers entered (sheets of version {version})"),
        format!("いれた かみの こたえ {count}こ（だい{version}はん）"),
    )
}

/// What happened to the sheet just typed: 0 stored, 1 first of two typings kept, 2 discarded.
pub fn entry_notice(lang: Lang, kind: u8, sheet: &str) -> String {
    match kind {
        0 => pick(
            lang,
            format!("整理番号 {sheet} の回答を保存しました。"),
            format!("Sheet {sheet} is stored."),
            format!("{sheet}ばんを ほぞん しました。"),
        ),
        1 => pick(
            lang,
            format!(
                "整理番号 {sheet} の1回目の入力を保存しました。2回目は別の担当者が入力してください。"
            ),
            format!("First typing of sheet {sheet} kept. A colleague now types it a second time."),
            format!("{sheet}ばんの 1かいめを ほぞん しました。2かいめは ほかの ひとが いれます。"),
        ),
        _ => pick(
            lang,
            format!("整理番号 {sheet} の入力を取り消しました。もう一度入力してください。"),
            format!("The typings of sheet {sheet} were discarded. Please type it again."),
            format!("{sheet}ばんを けしました。もういちど いれて ください。"),
        ),
    }
}

/// How many invitation codes exist and were used.
pub fn code_counts(lang: Lang, made: i64, used: i64) -> String {
    pick(
        lang,
        format!("作成済み {made}件（使用済み {used}件）"),
        format!("{made} made ({used} used)"),
        format!("つくった コード {made}こ（つかった {used}こ）"),
    )
}
