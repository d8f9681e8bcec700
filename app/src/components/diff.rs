//! Differences drawn as text: removed words struck through, added words underlined and
//! highlighted, so a change reads in place (and prints in black and white).

use crate::i18n::tr;
use leptos::prelude::*;
use shared::Lang;
use shared::codesign::{OptionLine, Piece, QuestionDiff};

/// A text difference, inline.
pub fn pieces(list: &[Piece]) -> AnyView {
    list.iter()
        .map(|p| match p {
            Piece::Same(s) => view! { <span>{s.clone()}</span> }.into_any(),
            Piece::Added(s) => view! { <ins>{s.clone()}</ins> }.into_any(),
            Piece::Removed(s) => view! { <del>{s.clone()}</del> }.into_any(),
        })
        .collect_view()
        .into_any()
}

fn option_line(lang: Lang, line: &OptionLine) -> AnyView {
    let moved = line
        .moved
        .then(|| view! { <span class="badge">{tr(lang, "順番が変わりました", "moved")}</span> });
    view! { <li>{pieces(&line.label)}" "{moved}</li> }.into_any()
}

/// The name of a changed setting.
fn setting_name(lang: Lang, name: &str) -> &'static str {
    match name {
        "kind" => tr(lang, "回答のしかた", "answer type"),
        "required" => tr(lang, "必須かどうか", "required"),
        "condition" => tr(lang, "表示する条件", "show-if condition"),
        "limits" => tr(lang, "選べる数・範囲", "limits"),
        "translation" => tr(lang, "翻訳", "translations"),
        _ => tr(lang, "その他の設定", "other settings"),
    }
}

/// How one question differs: wording, help, options (new order, then removed ones), and the
/// other settings that changed.
pub fn question_diff(lang: Lang, diff: &QuestionDiff) -> AnyView {
    let help = (!diff.help.is_empty()).then(|| view! { <p class="help">{pieces(&diff.help)}</p> });
    let options = (!diff.options.is_empty()).then(|| {
        let items = diff
            .options
            .iter()
            .map(|l| option_line(lang, l))
            .collect_view();
        view! { <ul class="diff-options">{items}</ul> }
    });
    let settings = (!diff.settings.is_empty()).then(|| {
        let names = diff
            .settings
            .iter()
            .map(|s| setting_name(lang, s))
            .collect::<Vec<_>>()
            .join("、");
        view! { <p class="help">{tr(lang, "変更された設定：", "Settings changed: ")}{names}</p> }
    });
    view! {
        <div class="diff">
            <p class="diff-label">{pieces(&diff.label)}</p>
            {help}
            {options}
            {settings}
        </div>
    }
    .into_any()
}
