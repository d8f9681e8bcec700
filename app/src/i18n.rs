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
}

/// The phrase in `lang`.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    let (ja, en) = match msg {
        Msg::SiteName => ("よりあい", "Yoriai"),
        Msg::SiteTagline => (
            "区民のアンケートと地域のつながり",
            "Surveys and local networks for the ward",
        ),
        Msg::SkipToContent => ("本文へ移動", "Skip to content"),
        Msg::Language => ("言語", "Language"),
        Msg::SignIn => ("ログイン", "Sign in"),
        Msg::SignOut => ("ログアウト", "Sign out"),
        Msg::StaffHome => ("職員ページ", "Staff"),
        Msg::Home => ("トップ", "Home"),
        Msg::OpenSurveys => ("回答受付中のアンケート", "Surveys open now"),
        Msg::NoOpenSurveys => (
            "いま回答を受け付けているアンケートはありません。",
            "No survey is open right now.",
        ),
        Msg::Required => ("必須", "Required"),
        Msg::Optional => ("任意", "Optional"),
        Msg::Submit => ("回答を送信する", "Send my answers"),
        Msg::Sending => ("送信しています…", "Sending…"),
        Msg::ErrorSummary => ("入力内容を確認してください", "Please check your answers"),
        Msg::ThanksTitle => ("ご回答ありがとうございました", "Thank you for your answers"),
        Msg::ThanksBody => (
            "回答を受け付けました。いただいた声は、市民センターのこれからを考えるために使わせていただきます。",
            "Your answers have been received. They will help the ward and your district plan the future of your community centre.",
        ),
        Msg::ThanksNetworks => (
            "地域のお店やクラブ、サークルのゆるやかなネットワークにも、どなたでも参加できます（準備中）。",
            "Anyone can also join the loose local networks of shops, clubs and circles (coming soon).",
        ),
        Msg::ClosedTitle => ("このアンケートは終了しました", "This survey has closed"),
        Msg::ClosedBody => (
            "回答の受付は終了しています。ご協力ありがとうございました。",
            "It no longer accepts answers. Thank you for your interest.",
        ),
        Msg::NotYetOpenTitle => (
            "このアンケートはまだ始まっていません",
            "This survey has not opened yet",
        ),
        Msg::NotFoundTitle => ("ページが見つかりません", "Page not found"),
        Msg::NotFoundBody => (
            "アドレスが正しいかご確認ください。チラシのQRコードから開いた場合は、もう一度読み取ってください。",
            "Please check the address. If you came from a flyer, try scanning its QR code again.",
        ),
        Msg::ForbiddenTitle => (
            "このページを見る権限がありません",
            "You may not see this page",
        ),
        Msg::InternalTitle => ("問題が発生しました", "Something went wrong"),
        Msg::InternalBody => (
            "しばらくしてからもう一度お試しください。入力した内容は消えていません。",
            "Please try again in a moment. What you entered has not been lost.",
        ),
        Msg::ConnectionLost => (
            "通信できませんでした。入力した内容は消えていません。電波のよい場所で、もう一度送信してください。",
            "Could not reach the server. Your answers are still here: please send them again when you have a signal.",
        ),
        Msg::Deadline => ("回答期限", "Answer by"),
        Msg::ChooseOne => ("1つ選んでください", "Choose one"),
        Msg::ChooseAny => (
            "あてはまるものをすべて選んでください",
            "Choose all that apply",
        ),
        Msg::BackHome => ("トップへ戻る", "Back to the home page"),
        Msg::Email => ("メールアドレス", "E-mail address"),
        Msg::Password => ("パスワード", "Password"),
        Msg::SignInTitle => ("職員・関係者ログイン", "Sign in"),
        Msg::SignInIntro => (
            "アンケートへの回答にログインは必要ありません。",
            "You do not need to sign in to answer a survey.",
        ),
        Msg::BadCredentials => (
            "メールアドレスまたはパスワードが正しくありません。",
            "The e-mail address or password is not correct.",
        ),
        Msg::RateLimited => (
            "試行回数が多すぎます。15分ほど待ってからもう一度お試しください。",
            "Too many attempts. Please wait about 15 minutes and try again.",
        ),
        Msg::SurveysTitle => ("アンケート一覧", "Surveys"),
        Msg::SurveyTitle => ("タイトル", "Title"),
        Msg::Responses => ("回答数", "Responses"),
        Msg::LastResponse => ("最新の回答", "Latest response"),
        Msg::NoResponses => ("まだ回答はありません。", "No responses yet."),
        Msg::LatestAnswers => ("最新の回答", "Latest answers"),
        Msg::Status => ("状態", "Status"),
        Msg::SubmittedAt => ("受付日時", "Received"),
        Msg::Channel => ("経路", "Channel"),
        Msg::Answer => ("回答", "Answer"),
        Msg::Unanswered => ("（無回答）", "(no answer)"),
        Msg::BackToSurveys => ("アンケート一覧へ", "Back to surveys"),
        Msg::OpenSurvey => ("回答する", "Answer"),
        Msg::SignedInAs => ("ログイン中：", "Signed in as "),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The message shown next to a field that was rejected.
pub fn field_error(lang: Lang, error: &FieldError) -> String {
    match (lang, error) {
        (Lang::Ja, FieldError::Required) => "この項目は必須です。回答してください。".into(),
        (Lang::En, FieldError::Required) => "This question needs an answer.".into(),
        (Lang::Ja, FieldError::UnknownOption) => "選択肢の中から選んでください。".into(),
        (Lang::En, FieldError::UnknownOption) => "Please choose one of the options.".into(),
        (Lang::Ja, FieldError::TooFewChoices { min }) => format!("{min}つ以上選んでください。"),
        (Lang::En, FieldError::TooFewChoices { min }) => format!("Please choose at least {min}."),
        (Lang::Ja, FieldError::TooManyChoices { max }) => format!("{max}つまで選べます。"),
        (Lang::En, FieldError::TooManyChoices { max }) => format!("Please choose at most {max}."),
        (Lang::Ja, FieldError::TooLong { max }) => format!("{max}文字以内で入力してください。"),
        (Lang::En, FieldError::TooLong { max }) => format!("Please use at most {max} characters."),
        (Lang::Ja, FieldError::TooShort { min }) => format!("{min}文字以上で入力してください。"),
        (Lang::En, FieldError::TooShort { min }) => {
            format!("Please use at least {min} characters.")
        }
        (Lang::Ja, FieldError::Invalid) => "形式が正しくありません。".into(),
        (Lang::En, FieldError::Invalid) => "This does not look right.".into(),
    }
}

/// The hint under a multiple-choice question with a limit.
pub fn choose_up_to(lang: Lang, max: u16) -> String {
    match lang {
        Lang::Ja => format!("{max}つまで選べます"),
        Lang::En => format!("Choose up to {max}"),
    }
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
    }

    #[test]
    fn every_error_has_a_headline_in_both_languages() {
        for e in [
            ApiError::NotFound,
            ApiError::SurveyClosed,
            ApiError::Internal,
        ] {
            assert_ne!(error_title(Lang::Ja, &e), error_title(Lang::En, &e));
        }
    }
}
