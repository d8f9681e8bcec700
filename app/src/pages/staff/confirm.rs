//! Asking before what cannot be undone with one click, and saying afterwards what was done.
//!
//! Publishing, closing, archiving and deleting a page or question are posted like every other
//! builder action, but the server does them only with `confirmed=1`; without it, it sends the
//! browser back to the builder with `?confirm=ACTION`, where [`confirmation`] explains what
//! will happen and offers the confirmed form and a way back. So the question is asked with or
//! without JavaScript, and a stray click changes nothing.

use crate::i18n::question_number;
use leptos::prelude::*;
use shared::Lang;
use shared::survey::SurveyStatus;
use shared::text::plain as plain_text;
use shared::views::BuilderView;

/// One text in the three languages of the interface.
fn say(lang: Lang, [ja, en, easy]: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
    }
}

/// The label of the archive button: what it does, not a word that reads like "save".
pub fn archive_label(lang: Lang) -> &'static str {
    say(
        lang,
        [
            "アーカイブする（一覧から外す）",
            "Archive (take off the list)",
            "アーカイブする（いちらんから はずす）",
        ],
    )
}

/// The label of the button that takes a survey out of the archive.
pub fn restore_label(lang: Lang) -> &'static str {
    say(
        lang,
        [
            "アーカイブから戻す",
            "Restore from the archive",
            "アーカイブから もどす",
        ],
    )
}

/// What the builder says after an action (`?done=ACTION`), in the action's own words.
pub fn done_message(lang: Lang, done: &str, status: SurveyStatus) -> Option<AnyView> {
    let text = match done {
        "publish" => say(
            lang,
            [
                "公開しました。この内容が回答用のバージョンになりました。",
                "Published. Residents now answer this version.",
                "こうかい しました。この ないようで こたえて もらえます。",
            ],
        ),
        "close" => say(
            lang,
            [
                "締め切りました。住民はもう回答できません。「再開する」で受付を再開できます。",
                "Closed. Residents can no longer answer; \"Reopen\" accepts answers again.",
                "しめきりました。もう こたえる ことは できません。",
            ],
        ),
        "reopen" => say(
            lang,
            [
                "受付を再開しました。",
                "Reopened: answers are accepted again.",
                "また こたえて もらえます。",
            ],
        ),
        "archive" => say(
            lang,
            [
                "アーカイブしました。職員のアンケート一覧と住民のページから外れました。回答と集計は残っています。下の「アーカイブから戻す」で元に戻せます。",
                "Archived. The survey is off the staff list and the residents' pages; its answers and results are kept. \"Restore from the archive\" below brings it back.",
                "アーカイブ しました。こたえは のこって います。「アーカイブから もどす」で もとに もどせます。",
            ],
        ),
        "restore" if status == SurveyStatus::Draft => say(
            lang,
            [
                "アーカイブから戻しました（下書き）。",
                "Restored from the archive, as a draft.",
                "アーカイブから もどしました（したがき）。",
            ],
        ),
        "restore" => say(
            lang,
            [
                "アーカイブから戻しました（締め切り済み）。受付を再開するには「受付を再開する」を押してください。",
                "Restored from the archive, closed. \"Reopen\" accepts answers again.",
                "アーカイブから もどしました（しめきり）。",
            ],
        ),
        "delete_question" => say(
            lang,
            [
                "質問を削除しました。「元に戻す」で元の場所に戻せます。",
                "Question deleted. \"Undo\" puts it back where it was.",
                "しつもんを けしました。「もとに もどす」で もどせます。",
            ],
        ),
        "undo_delete" => say(
            lang,
            [
                "質問を元の場所に戻しました。",
                "The question is back where it was.",
                "しつもんを もとの ばしょに もどしました。",
            ],
        ),
        "delete_section" => say(
            lang,
            [
                "ページを削除しました。変更の履歴から元に戻せます。",
                "Page deleted. The history can restore it.",
                "ページを けしました。りれきから もどせます。",
            ],
        ),
        "saved" => say(lang, ["保存しました。", "Saved.", "ほぞん しました。"]),
        _ => return None,
    };
    Some(view! { <p class="saved" role="status" data-done=done.to_string()>{text}</p> }.into_any())
}

/// What the builder says after an XLSForm import: made, and (if any) the rows of the form it
/// left out on purpose (ODK metadata such as `start`, `end`, `deviceid`), by sheet and row.
pub fn imported_message(lang: Lang, skipped: &[String]) -> AnyView {
    let made = say(
        lang,
        [
            "XLSForm から下書きを作りました。内容を確かめてください。",
            "The draft was made from the XLSForm. Please check it.",
            "XLSForm から したがきを つくりました。",
        ],
    );
    let left_out = (!skipped.is_empty()).then(|| {
        let items = skipped
            .iter()
            .map(|s| view! { <li>{s.clone()}</li> })
            .collect_view();
        view! {
            <p>{say(
                lang,
                [
                    "次の行は、端末の情報などを記録する ODK の項目で、Yoriai では使わないため読み込んでいません（回答者には関係ありません）:",
                    "These rows record device data in ODK and are not used by Yoriai, so they were left out (respondents never see them):",
                    "つぎの ぎょうは つかわないので よみこんで いません:",
                ],
            )}</p>
            <ul class="skipped">{items}</ul>
        }
    });
    view! {
        <div class="saved" role="status" data-done="imported">
            <p>{made}</p>
            {left_out}
        </div>
    }
    .into_any()
}

/// The question asked before `action` (`?confirm=ACTION`, with `question` or `section` for a
/// deletion): what will happen, the confirmed form, and a way back. `None` for an action that
/// needs no confirmation or names nothing on this survey.
pub fn confirmation(
    lang: Lang,
    b: &BuilderView,
    action: &str,
    question: Option<&str>,
    section: Option<&str>,
) -> Option<AnyView> {
    let back = format!("/staff/surveys/{}/edit", b.summary.id);
    let changes = b.summary.status != SurveyStatus::Draft;
    let (heading, body, button): (String, String, &'static str) = match action {
        "publish" if changes => (
            say(lang, ["変更を公開しますか？", "Publish the changes?", "かえた ところを こうかい しますか？"]).into(),
            say(
                lang,
                [
                    "変更した内容が新しいバージョンになり、これからの回答はそのバージョンに対するものになります。これまでの回答は前のバージョンのまま残ります。",
                    "The changes become a new version that residents answer from now on. Answers given so far stay with the earlier version.",
                    "あたらしい ないようで こたえて もらいます。まえの こたえは そのまま のこります。",
                ],
            )
            .into(),
            say(lang, ["変更を公開する", "Publish the changes", "こうかい する"]),
        ),
        "publish" => (
            say(lang, ["公開しますか？", "Publish this survey?", "こうかい しますか？"]).into(),
            say(
                lang,
                [
                    "公開すると、いまの内容が回答用のバージョンとして固定され、住民が回答できるようになります（開始日時を設定していれば、その時から）。公開した後の変更は、もう一度公開するまで住民には見えません。",
                    "Publishing fixes the current content as the version residents answer, and opens it to them (from the opening time, if one is set). Later changes reach residents only when published again.",
                    "こうかい すると、じゅうみんが こたえられる ように なります。",
                ],
            )
            .into(),
            say(lang, ["公開する", "Publish", "こうかい する"]),
        ),
        "close" => (
            say(lang, ["回答の受付を締め切りますか？", "Close this survey?", "しめきりますか？"]).into(),
            say(
                lang,
                [
                    "締め切ると、住民は回答できなくなります。途中まで回答している人も送信できません。後から「再開する」で受付を再開できます。",
                    "Once closed, residents can no longer answer, including those half-way through. \"Reopen\" accepts answers again later.",
                    "しめきると、もう こたえる ことが できません。あとで また はじめる ことが できます。",
                ],
            )
            .into(),
            say(lang, ["締め切る", "Close", "しめきる"]),
        ),
        "archive" => (
            say(lang, ["このアンケートをアーカイブしますか？", "Archive this survey?", "アーカイブ しますか？"]).into(),
            say(
                lang,
                [
                    "アーカイブすると、職員のアンケート一覧から外れ、住民のページにも表示されなくなります。回答と集計は消えません。アンケート一覧の「アーカイブ済み」から、いつでも元に戻せます。",
                    "Archiving takes the survey off the staff list and the residents' pages. Its answers and results are kept, and \"Archived surveys\" on the survey list brings it back at any time.",
                    "いちらんから はずします。こたえは きえません。あとで もどせます。",
                ],
            )
            .into(),
            archive_label(lang),
        ),
        "delete_question" => {
            let id = question?;
            let (number, q) = b
                .definition
                .questions()
                .enumerate()
                .find(|(_, q)| q.id == id)?;
            let label = plain_text(q.label.get(lang));
            (
                match lang {
                    Lang::En => format!("Delete question {} “{label}”?", number + 1),
                    _ => format!("{}「{label}」を削除しますか？", question_number(lang, number + 1)),
                },
                say(
                    lang,
                    [
                        "質問の文言、選択肢、表示の条件が削除されます。この質問を条件にしている後の質問がある場合は、削除できないと表示されます。削除は変更の履歴に残り、履歴から前の版に戻せます。",
                        "Its wording, options and conditions are deleted. If a later question depends on it, you will be told it cannot be deleted. The deletion is kept in the history, which can restore the earlier revision.",
                        "しつもんを けします。りれきから もどせます。",
                    ],
                )
                .into(),
                say(lang, ["削除する", "Delete", "けす"]),
            )
        }
        "delete_section" => {
            let id = section?;
            let (number, s) = b
                .definition
                .sections()
                .iter()
                .enumerate()
                .find(|(_, s)| s.id == id)?;
            let title = plain_text(s.title.get(lang));
            let count = s.questions.len();
            (
                match lang {
                    Lang::En => format!(
                        "Delete page {} “{title}” and its {count} questions?",
                        number + 1
                    ),
                    _ => format!("{}ページ目「{title}」と、その中の{count}問を削除しますか？", number + 1),
                },
                say(
                    lang,
                    [
                        "ページの見出しと、その中のすべての質問が削除されます。削除は変更の履歴に残り、履歴から前の版に戻せます。",
                        "The page's heading and every question on it are deleted. The deletion is kept in the history, which can restore the earlier revision.",
                        "ページと その なかの しつもんを けします。りれきから もどせます。",
                    ],
                )
                .into(),
                say(lang, ["削除する", "Delete", "けす"]),
            )
        }
        _ => return None,
    };
    let danger = action.starts_with("delete_") || action == "archive";
    let ids = [("question", question), ("section", section)]
        .into_iter()
        .filter_map(|(name, v)| {
            v.map(|v| view! { <input type="hidden" name=name value=v.to_string()/> })
        })
        .collect_view();
    Some(
        view! {
            <section class="card confirm" id="confirm" role="alert" data-confirm=action.to_string()>
                <h2>{heading}</h2>
                <p>{body}</p>
                <form method="post" action=back.clone() class="inline-action">
                    <input type="hidden" name="action" value=action.to_string()/>
                    <input type="hidden" name="confirmed" value="1"/>
                    {ids}
                    <button type="submit" class=if danger { "danger" } else { "primary" }>{button}</button>
                </form>
                " "
                <a class="button secondary" href=back>{say(lang, ["やめる", "Cancel", "やめる"])}</a>
            </section>
        }
        .into_any(),
    )
}
