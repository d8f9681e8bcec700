//! The interface's own words, in every language Yoriai speaks.
//!
//! Survey content carries its own translations (`shared::survey::Text`); this table holds only
//! the words of the interface. Japanese is written first and is the reference; each entry is a
//! `(ja, en)` pair so a missing translation is a compile error, not a blank on screen.

use leptos::prelude::*;
use shared::{ApiError, FieldError, Lang};

/// A phrase of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Msg {
    SiteName,
    SiteTagline,
    SkipToContent,
    Language,
    SignIn,
    SignOut,
    StaffHome,
    Home,
    OpenSurveys,
    NoOpenSurveys,
    Required,
    Optional,
    Submit,
    Sending,
    ErrorSummary,
    ThanksTitle,
    ThanksBody,
    ThanksNetworks,
    ClosedTitle,
    ClosedBody,
    NotYetOpenTitle,
    NotFoundTitle,
    NotFoundBody,
    ForbiddenTitle,
    InternalTitle,
    InternalBody,
    ConnectionLost,
    Deadline,
    ChooseOne,
    ChooseAny,
    BackHome,
    Email,
    Password,
    SignInTitle,
    SignInIntro,
    BadCredentials,
    RateLimited,
    SurveysTitle,
    SurveyTitle,
    Responses,
    LastResponse,
    NoResponses,
    LatestAnswers,
    Status,
    SubmittedAt,
    Channel,
    Answer,
    Unanswered,
    BackToSurveys,
    OpenSurvey,
    SignedInAs,
    StartAnswering,
    Resume,
    SavedAutomatically,
    Anonymous,
    CodeLabel,
    CodeHelp,
    CodeInvalid,
    CodeUsed,
    AlreadyAnsweredTitle,
    AlreadyAnsweredBody,
    SignInToAnswer,
    Next,
    Back,
    ToReview,
    ReviewTitle,
    ReviewIntro,
    Change,
    ProgressLabel,
    MissingTitle,
    GoToPage,
    OtherSpecify,
    OtherDetail,
    Yes,
    No,
    SelectPrompt,
    RankHint,
    NotRanked,
    DateHint,
    ConditionalPrefix,
    ConditionalSuffix,
    ConditionalAnswered,
    AgreeStrongly,
    AgreeSomewhat,
    AgreeNeutral,
    DisagreeSomewhat,
    DisagreeStrongly,
    AgreeSlightly,
    DisagreeSlightly,
    ChannelWeb,
    ChannelPaper,
    ChannelStaff,
    SurveyLanguage,
}

/// The phrase in `lang`.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    let (ja, en, easy) = match msg {
        Msg::SiteName => ("よりあい", "Yoriai", "よりあい"),
        Msg::SiteTagline => (
            "区民のアンケートと地域のつながり",
            "Surveys and local networks for the ward",
            "くの アンケートと ちいきの つながり",
        ),
        Msg::SkipToContent => ("本文へ移動", "Skip to content", "ほんぶんへ"),
        Msg::Language => ("言語", "Language", "ことば"),
        Msg::SignIn => ("ログイン", "Sign in", "ログイン"),
        Msg::SignOut => ("ログアウト", "Sign out", "ログアウト"),
        Msg::StaffHome => ("職員ページ", "Staff", "しょくいんの ページ"),
        Msg::Home => ("トップ", "Home", "トップ"),
        Msg::OpenSurveys => (
            "回答受付中のアンケート",
            "Surveys open now",
            "いま こたえられる アンケート",
        ),
        Msg::NoOpenSurveys => (
            "いま回答を受け付けているアンケートはありません。",
            "No survey is open right now.",
            "いま こたえられる アンケートは ありません。",
        ),
        Msg::Required => ("必須", "Required", "かならず こたえる"),
        Msg::Optional => ("任意", "Optional", "こたえなくても よい"),
        Msg::Submit => ("回答を送信する", "Send my answers", "こたえを おくる"),
        Msg::Sending => ("送信しています…", "Sending…", "おくっています…"),
        Msg::ErrorSummary => (
            "入力内容を確認してください",
            "Please check your answers",
            "こたえを もういちど みてください",
        ),
        Msg::ThanksTitle => (
            "ご回答ありがとうございました",
            "Thank you for your answers",
            "こたえて くれて ありがとうございました",
        ),
        Msg::ThanksBody => (
            "回答を受け付けました。いただいた声は、市民センターのこれからを考えるために使わせていただきます。",
            "Your answers have been received. They will help the ward and your district plan the future of your community centre.",
            "あなたの こたえを うけとりました。しみんセンターを よくするために つかいます。",
        ),
        Msg::ThanksNetworks => (
            "地域のお店やクラブ、サークルのゆるやかなネットワークにも、どなたでも参加できます（準備中）。",
            "Anyone can also join the loose local networks of shops, clubs and circles (coming soon).",
            "ちいきの おみせや クラブ、サークルの ゆるい つながりにも、だれでも はいれます（じゅんびちゅう）。",
        ),
        Msg::ClosedTitle => (
            "このアンケートは終了しました",
            "This survey has closed",
            "この アンケートは おわりました",
        ),
        Msg::ClosedBody => (
            "回答の受付は終了しています。ご協力ありがとうございました。",
            "It no longer accepts answers. Thank you for your interest.",
            "もう こたえることは できません。ありがとうございました。",
        ),
        Msg::NotYetOpenTitle => (
            "このアンケートはまだ始まっていません",
            "This survey has not opened yet",
            "この アンケートは まだ はじまっていません",
        ),
        Msg::NotFoundTitle => (
            "ページが見つかりません",
            "Page not found",
            "ページが みつかりません",
        ),
        Msg::NotFoundBody => (
            "アドレスが正しいかご確認ください。チラシのQRコードから開いた場合は、もう一度読み取ってください。",
            "Please check the address. If you came from a flyer, try scanning its QR code again.",
            "アドレスが ただしいか みてください。チラシの QRコードを もういちど よみとってください。",
        ),
        Msg::ForbiddenTitle => (
            "このページを見る権限がありません",
            "You may not see this page",
            "この ページは みることが できません",
        ),
        Msg::InternalTitle => (
            "問題が発生しました",
            "Something went wrong",
            "もんだいが おきました",
        ),
        Msg::InternalBody => (
            "しばらくしてからもう一度お試しください。入力した内容は消えていません。",
            "Please try again in a moment. What you entered has not been lost.",
            "すこし まってから、もういちど ためしてください。いれた ないようは きえていません。",
        ),
        Msg::ConnectionLost => (
            "通信できませんでした。入力した内容は消えていません。電波のよい場所で、もう一度送信してください。",
            "Could not reach the server. Your answers are still here: please send them again when you have a signal.",
            "つうしんが できませんでした。いれた ないようは きえていません。でんぱが よい ところで もういちど おくってください。",
        ),
        Msg::Deadline => ("回答期限", "Answer by", "しめきり"),
        Msg::ChooseOne => ("1つ選んでください", "Choose one", "1つ えらんでください"),
        Msg::ChooseAny => (
            "あてはまるものをすべて選んでください",
            "Choose all that apply",
            "あてはまるものを ぜんぶ えらんでください",
        ),
        Msg::BackHome => ("トップへ戻る", "Back to the home page", "トップに もどる"),
        Msg::Email => ("メールアドレス", "E-mail address", "メールアドレス"),
        Msg::Password => ("パスワード", "Password", "パスワード"),
        Msg::SignInTitle => ("職員・関係者ログイン", "Sign in", "ログイン"),
        Msg::SignInIntro => (
            "アンケートへの回答にログインは必要ありません。",
            "You do not need to sign in to answer a survey.",
            "アンケートに こたえるときは ログインしなくても よいです。",
        ),
        Msg::BadCredentials => (
            "メールアドレスまたはパスワードが正しくありません。",
            "The e-mail address or password is not correct.",
            "メールアドレスか パスワードが ちがいます。",
        ),
        Msg::RateLimited => (
            "試行回数が多すぎます。15分ほど待ってからもう一度お試しください。",
            "Too many attempts. Please wait about 15 minutes and try again.",
            "なんかいも ためしたので、15ふんぐらい まってから もういちど ためしてください。",
        ),
        Msg::SurveysTitle => ("アンケート一覧", "Surveys", "アンケートの いちらん"),
        Msg::SurveyTitle => ("タイトル", "Title", "タイトル"),
        Msg::Responses => ("回答数", "Responses", "こたえの かず"),
        Msg::LastResponse => ("最新の回答", "Latest response", "さいごの こたえ"),
        Msg::NoResponses => (
            "まだ回答はありません。",
            "No responses yet.",
            "まだ こたえは ありません。",
        ),
        Msg::LatestAnswers => ("最新の回答", "Latest answers", "あたらしい こたえ"),
        Msg::Status => ("状態", "Status", "じょうたい"),
        Msg::SubmittedAt => ("受付日時", "Received", "うけとった ひと じかん"),
        Msg::Channel => ("経路", "Channel", "どこから"),
        Msg::Answer => ("回答", "Answer", "こたえ"),
        Msg::Unanswered => ("（無回答）", "(no answer)", "（こたえなし）"),
        Msg::BackToSurveys => (
            "アンケート一覧へ",
            "Back to surveys",
            "アンケートの いちらんへ",
        ),
        Msg::OpenSurvey => ("回答する", "Answer", "こたえる"),
        Msg::SignedInAs => ("ログイン中：", "Signed in as ", "ログインしている ひと："),
        Msg::StartAnswering => ("回答をはじめる", "Start", "こたえはじめる"),
        Msg::Resume => (
            "続きから回答する",
            "Continue where I left off",
            "つづきから こたえる",
        ),
        Msg::SavedAutomatically => (
            "回答はページごとに保存されます。途中で閉じても、同じ端末から続きを回答できます。",
            "Your answers are saved after every page. If you stop, you can carry on later on this device.",
            "こたえは ページごとに ほぞんされます。とちゅうで やめても、おなじ スマホや パソコンから つづきを こたえられます。",
        ),
        Msg::Anonymous => (
            "お名前や連絡先はお聞きしません。",
            "We do not ask for your name or contact details.",
            "なまえや れんらくさきは ききません。",
        ),
        Msg::CodeLabel => ("招待コード", "Invitation code", "しょうたい コード"),
        Msg::CodeHelp => (
            "お配りしたカードに書かれている英数字のコードを入力してください（例：KM7R-XH3C-W）。",
            "Type the code printed on the card you received (for example KM7R-XH3C-W).",
            "くばった カードに かいてある コードを いれてください（れい：KM7R-XH3C-W）。",
        ),
        Msg::CodeInvalid => (
            "コードが正しくありません。カードに書かれた文字をもう一度ご確認ください。",
            "That code is not right. Please check the letters on your card again.",
            "コードが ちがいます。カードの もじを もういちど みてください。",
        ),
        Msg::CodeUsed => (
            "このコードはすでに回答に使われています。ご協力ありがとうございました。",
            "This code has already been used to answer. Thank you for taking part.",
            "この コードは もう つかわれています。ありがとうございました。",
        ),
        Msg::AlreadyAnsweredTitle => (
            "すでにご回答いただいています",
            "You have already answered",
            "もう こたえて います",
        ),
        Msg::AlreadyAnsweredBody => (
            "このアンケートには、お一人（1台）につき1回だけ回答できます。ご協力ありがとうございました。",
            "This survey takes one answer per person (or device). Thank you for taking part.",
            "この アンケートは ひとり 1かいだけ こたえられます。ありがとうございました。",
        ),
        Msg::SignInToAnswer => (
            "このアンケートは、区民アカウントでログインしてから回答します（お一人1回）。",
            "Please sign in with your resident account to answer (one answer per person).",
            "この アンケートは、ログインしてから こたえます（ひとり 1かい）。",
        ),
        Msg::Next => ("次へ", "Next", "つぎへ"),
        Msg::Back => ("戻る", "Back", "もどる"),
        Msg::ToReview => ("確認画面へ", "Review my answers", "こたえを たしかめる"),
        Msg::ReviewTitle => (
            "回答内容の確認",
            "Check your answers",
            "こたえを たしかめる",
        ),
        Msg::ReviewIntro => (
            "まだ送信されていません。内容を確認して、いちばん下の「回答を送信する」を押してください。",
            "Nothing has been sent yet. Check your answers, then press “Send my answers” at the bottom.",
            "まだ おくっていません。こたえを たしかめて、いちばん したの「こたえを おくる」を おしてください。",
        ),
        Msg::Change => ("変更する", "Change", "なおす"),
        Msg::ProgressLabel => ("進み具合", "Progress", "どこまで すすんだか"),
        Msg::MissingTitle => (
            "まだ回答していない必須の質問があります",
            "Some required questions have no answer yet",
            "まだ こたえていない しつもんが あります",
        ),
        Msg::GoToPage => ("このページへ", "Go to this page", "この ページへ"),
        Msg::OtherSpecify => ("その他", "Other", "そのほか"),
        Msg::OtherDetail => ("その他の内容", "Please specify", "そのほかの ないよう"),
        Msg::Yes => ("はい", "Yes", "はい"),
        Msg::No => ("いいえ", "No", "いいえ"),
        Msg::SelectPrompt => ("選んでください", "Choose…", "えらんでください"),
        Msg::RankHint => (
            "1が最も大切です。同じ数字は使えません。",
            "1 is the most important. Use each number once.",
            "1が いちばん たいせつです。おなじ すうじは つかえません。",
        ),
        Msg::NotRanked => ("—", "—", "—"),
        Msg::DateHint => (
            "カレンダーから選ぶか、2026-03-08 のように入力してください。",
            "Pick from the calendar or type a date like 2026-03-08.",
            "カレンダーから えらぶか、2026-03-08 のように いれてください。",
        ),
        Msg::ConditionalPrefix => (
            "前の質問で",
            "Only if, above, you answered",
            "まえの しつもんで",
        ),
        Msg::ConditionalSuffix => ("と答えた方", "", "と こたえた ひと"),
        Msg::ConditionalAnswered => (
            "前の質問に答えた方",
            "Only if you answered the question above",
            "まえの しつもんに こたえた ひと",
        ),
        Msg::AgreeStrongly => ("そう思う", "Agree", "そう おもう"),
        Msg::AgreeSomewhat => ("ややそう思う", "Somewhat agree", "すこし そう おもう"),
        Msg::AgreeNeutral => (
            "どちらともいえない",
            "Neither agree nor disagree",
            "どちらでもない",
        ),
        Msg::DisagreeSomewhat => (
            "あまりそう思わない",
            "Somewhat disagree",
            "あまり そう おもわない",
        ),
        Msg::DisagreeStrongly => ("そう思わない", "Disagree", "そう おもわない"),
        Msg::AgreeSlightly => ("少しそう思う", "Slightly agree", "ちょっと そう おもう"),
        Msg::DisagreeSlightly => (
            "少しそう思わない",
            "Slightly disagree",
            "ちょっと そう おもわない",
        ),
        Msg::ChannelWeb => ("ウェブ", "Web", "ウェブ"),
        Msg::ChannelPaper => ("紙", "Paper", "かみ"),
        Msg::ChannelStaff => ("職員入力", "Staff entry", "しょくいんが にゅうりょく"),
        Msg::SurveyLanguage => ("回答する言語", "Answer in", "こたえる ことば"),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
    }
}

/// Picks the phrase for `lang` from three written out.
fn pick(lang: Lang, ja: String, en: String, easy: String) -> String {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
    }
}

/// The message shown next to a field that was rejected.
pub fn field_error(lang: Lang, error: &FieldError) -> String {
    let (ja, en, easy): (String, String, String) = match error {
        FieldError::Required => (
            "この項目は必須です。回答してください。".into(),
            "This question needs an answer.".into(),
            "この しつもんには かならず こたえてください。".into(),
        ),
        FieldError::UnknownOption => (
            "選択肢の中から選んでください。".into(),
            "Please choose one of the options.".into(),
            "えらぶ ものの なかから えらんでください。".into(),
        ),
        FieldError::TooFewChoices { min } => (
            format!("{min}つ以上選んでください。"),
            format!("Please choose at least {min}."),
            format!("{min}つ いじょう えらんでください。"),
        ),
        FieldError::TooManyChoices { max } => (
            format!("{max}つまで選べます。"),
            format!("Please choose at most {max}."),
            format!("{max}つまで えらべます。"),
        ),
        FieldError::TooLong { max } => (
            format!("{max}文字以内で入力してください。"),
            format!("Please use at most {max} characters."),
            format!("{max}もじ いないで かいてください。"),
        ),
        FieldError::TooShort { min } => (
            format!("{min}文字以上で入力してください。"),
            format!("Please use at least {min} characters."),
            format!("{min}もじ いじょう かいてください。"),
        ),
        FieldError::Invalid => (
            "形式が正しくありません。".into(),
            "This does not look right.".into(),
            "かきかたが ちがいます。".into(),
        ),
        FieldError::OtherRequired => (
            "「その他」の内容を入力してください。".into(),
            "Please say what “other” is.".into(),
            "「そのほか」の ないようを かいてください。".into(),
        ),
        FieldError::NotANumber => (
            "数字で入力してください。".into(),
            "Please enter a number.".into(),
            "すうじで かいてください。".into(),
        ),
        FieldError::NotWhole => (
            "整数で入力してください（小数点は使えません）。".into(),
            "Please enter a whole number.".into(),
            "1、2、3 のような すうじで かいてください。".into(),
        ),
        FieldError::OutOfRange { min, max } => {
            let (lo, hi) = (
                min.clone().unwrap_or_default(),
                max.clone().unwrap_or_default(),
            );
            match (min.is_some(), max.is_some()) {
                (true, true) => (
                    format!("{lo}から{hi}までの範囲で入力してください。"),
                    format!("Please enter a value from {lo} to {hi}."),
                    format!("{lo}から {hi}までで かいてください。"),
                ),
                (true, false) => (
                    format!("{lo}以上で入力してください。"),
                    format!("Please enter {lo} or more."),
                    format!("{lo}いじょうで かいてください。"),
                ),
                _ => (
                    format!("{hi}以下で入力してください。"),
                    format!("Please enter {hi} or less."),
                    format!("{hi}いかで かいてください。"),
                ),
            }
        }
        FieldError::NotADate => (
            "日付を 2026-03-08 のように入力してください。".into(),
            "Please enter a date such as 2026-03-08.".into(),
            "ひづけを 2026-03-08 のように かいてください。".into(),
        ),
        FieldError::RankRepeated => (
            "同じ順位が2回使われています。".into(),
            "The same rank is used twice.".into(),
            "おなじ じゅんばんが 2かい つかわれています。".into(),
        ),
        FieldError::RankingIncomplete { needed } => (
            format!("1から{needed}までの順位を1つずつ付けてください。"),
            format!("Please give each rank from 1 to {needed} once."),
            format!("1から {needed}までの じゅんばんを 1つずつ つけてください。"),
        ),
        FieldError::RowsMissing => (
            "すべての行に回答してください。".into(),
            "Please answer every row.".into(),
            "ぜんぶの ぎょうに こたえてください。".into(),
        ),
    };
    pick(lang, ja, en, easy)
}

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
    let words: &[Msg] = if points == 7 {
        &[
            Msg::DisagreeStrongly,
            Msg::DisagreeSomewhat,
            Msg::DisagreeSlightly,
            Msg::AgreeNeutral,
            Msg::AgreeSlightly,
            Msg::AgreeSomewhat,
            Msg::AgreeStrongly,
        ]
    } else {
        &[
            Msg::DisagreeStrongly,
            Msg::DisagreeSomewhat,
            Msg::AgreeNeutral,
            Msg::AgreeSomewhat,
            Msg::AgreeStrongly,
        ]
    };
    words.iter().map(|m| t(lang, *m)).collect()
}

/// The headline for an error a page could not get past.
pub fn error_title(lang: Lang, error: &ApiError) -> &'static str {
    match error {
        ApiError::NotFound => t(lang, Msg::NotFoundTitle),
        ApiError::SurveyClosed => t(lang, Msg::ClosedTitle),
        ApiError::SurveyNotYetOpen => t(lang, Msg::NotYetOpenTitle),
        ApiError::Forbidden => t(lang, Msg::ForbiddenTitle),
        ApiError::BadCredentials => t(lang, Msg::BadCredentials),
        ApiError::RateLimited => t(lang, Msg::RateLimited),
        ApiError::AlreadyAnswered => t(lang, Msg::AlreadyAnsweredTitle),
        ApiError::CodeInvalid => t(lang, Msg::CodeInvalid),
        ApiError::CodeUsed => t(lang, Msg::CodeUsed),
        _ => t(lang, Msg::InternalTitle),
    }
}

/// The language of the page being rendered (from context; Japanese if none was given).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_are_translated_with_their_numbers() {
        let e = FieldError::TooManyChoices { max: 3 };
        assert_eq!(field_error(Lang::Ja, &e), "3つまで選べます。");
        assert_eq!(field_error(Lang::En, &e), "Please choose at most 3.");
        assert_eq!(field_error(Lang::EasyJa, &e), "3つまで えらべます。");
    }

    #[test]
    fn every_error_has_a_headline_in_both_languages() {
        for e in [
            ApiError::NotFound,
            ApiError::SurveyClosed,
            ApiError::Internal,
        ] {
            assert_ne!(error_title(Lang::Ja, &e), error_title(Lang::En, &e));
            assert_ne!(error_title(Lang::Ja, &e), error_title(Lang::EasyJa, &e));
        }
    }
}
