//! The builder's words: question kinds and XLSForm problems.

use super::*;

/// The name of a question kind in the builder.
pub fn kind_label(lang: Lang, kind: &str) -> &'static str {
    let msg = match kind {
        "single_choice" => Msg::KindSingle,
        "multiple_choice" => Msg::KindMultiple,
        "dropdown" => Msg::KindDropdown,
        "yes_no" => Msg::KindYesNo,
        "agreement" => Msg::KindAgreement,
        "scale" => Msg::KindScale,
        "stars" => Msg::KindStars,
        "number" => Msg::KindNumber,
        "short_text" => Msg::KindShortText,
        "long_text" => Msg::KindLongText,
        "date" => Msg::KindDate,
        "ranking" => Msg::KindRanking,
        _ => Msg::KindMatrix,
    };
    t(lang, msg)
}

/// Where an XLSForm problem is and what it is, in words.
pub fn xlsform_issue(lang: Lang, issue: &shared::xlsform::Issue) -> String {
    use shared::xlsform::Problem as P;
    let place = match (issue.sheet.is_empty(), issue.row, &issue.column) {
        (true, _, _) => String::new(),
        (false, 0, _) => pick(
            lang,
            format!("{} シート: ", issue.sheet),
            format!("Sheet {}: ", issue.sheet),
            format!("{} シート: ", issue.sheet),
        ),
        (false, row, None) => pick(
            lang,
            format!("{} シート {row}行目: ", issue.sheet),
            format!("Sheet {}, row {row}: ", issue.sheet),
            format!("{} シート {row}ぎょうめ: ", issue.sheet),
        ),
        (false, row, Some(column)) => pick(
            lang,
            format!("{} シート {row}行目「{column}」列: ", issue.sheet),
            format!("Sheet {}, row {row}, column {column}: ", issue.sheet),
            format!("{} シート {row}ぎょうめ「{column}」: ", issue.sheet),
        ),
    };
    let (ja, en): (String, String) = match &issue.problem {
        P::NotAWorkbook => (
            "Excel 形式（.xlsx）のファイルとして読めませんでした。".into(),
            "The file could not be read as an Excel (.xlsx) workbook.".into(),
        ),
        P::TooLarge { rows, columns } => (
            format!(
                "ファイルが大きすぎるため読み込みをやめました（1つのシートは{rows}行・{columns}列まで）。質問票ではない内容や、遠くのセルに入った値がないか確かめてください。"
            ),
            format!(
                "The file is too large, so reading stopped (a sheet may use up to {rows} rows and {columns} columns). Check for content that is not the form, or a value in a far-away cell."
            ),
        ),
        P::MissingSheet => (
            "このシートが必要です。".into(),
            "This sheet is required.".into(),
        ),
        P::MissingColumn => (
            "この列が必要です。".into(),
            "This column is required.".into(),
        ),
        P::UnsupportedType(kind) => (
            format!("「{kind}」の質問形式には対応していません。"),
            format!("The question type “{kind}” is not supported."),
        ),
        P::UnsupportedColumn => (
            "この列の内容は取り込めません（寄合に対応する設定がありません）。".into(),
            "Yoriai has no place for what this column says.".into(),
        ),
        P::UnknownList(list) => (
            format!("選択肢リスト「{list}」が choices シートにありません。"),
            format!("The choices sheet has no list “{list}”."),
        ),
        P::MissingName => ("name（名前）が空です。".into(), "The name is empty.".into()),
        P::NestedGroup => (
            "グループの中のグループには対応していません（table-list の表を除く）。".into(),
            "Groups inside groups are not supported (except table-list matrices).".into(),
        ),
        P::UnclosedGroup => (
            "このグループが end_group で閉じられていません。".into(),
            "This group is never closed with end_group.".into(),
        ),
        P::UnmatchedEnd => (
            "対応する begin_group がありません。".into(),
            "There is no begin_group for this end_group.".into(),
        ),
        P::UnsupportedRelevant(e) => (
            format!(
                "表示条件「{e}」は取り込めません。使えるのは ${{q}} = '値'、selected(${{q}}, '値') を or でつないだもの、${{q}} != '' です。"
            ),
            format!(
                "The condition “{e}” cannot be imported. Supported: ${{q}} = 'v', selected(${{q}}, 'v') joined with or, ${{q}} != ''."
            ),
        ),
        P::UnsupportedConstraint(e) => (
            format!("制約「{e}」は取り込めません（上限・下限のみ対応）。"),
            format!("The constraint “{e}” cannot be imported (only lower and upper limits)."),
        ),
        P::BadParameters(p) => (
            format!("parameters「{p}」は取り込めません。"),
            format!("The parameters “{p}” cannot be imported."),
        ),
        P::BadRequired(v) => (
            format!("required は yes か空欄にしてください（「{v}」）。"),
            format!("required must be yes or blank (not “{v}”)."),
        ),
        P::UnsupportedLanguage(l) => (
            format!("言語「{l}」には対応していません（日本語・英語・やさしい日本語）。"),
            format!("The language “{l}” is not supported (Japanese, English, easy Japanese)."),
        ),
        P::NoJapanese => (
            "文言（label）が空です。".into(),
            "The label is empty.".into(),
        ),
        P::NoteNotAtGroupStart => (
            "note はグループの最初（ページの説明文）にだけ置けます。".into(),
            "A note can only come first in a group (it becomes the page's introduction).".into(),
        ),
        P::BadMatrixRow => (
            "table-list の表の行は、同じ選択肢リストの select_one にしてください。".into(),
            "Every row of a table-list group must be a select_one of the same list.".into(),
        ),
        P::Definition(e) => (definition_error(Lang::Ja, e), definition_error(Lang::En, e)),
        P::Skipped(kind) => (
            format!("「{kind}」は端末の記録用の項目のため取り込みませんでした。"),
            format!("“{kind}” records device data and was left out."),
        ),
    };
    let text = match lang {
        Lang::En => en,
        _ => ja,
    };
    format!("{place}{text}")
}
