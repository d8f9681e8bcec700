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
    SlowDown,
    Busy,
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
    CodeFromCard,
    SheetStored,
    XlsFormRefused,
    XlsFormImport,
    XlsFormHelp,
    XlsFormFile,
    XlsFormSlugHelp,
    XlsFormImportButton,
    XlsFormExport,
    EnteredBy,
    PaperEntry,
    SheetNumber,
    EntryHowTo,
    SaveSheet,
    DoubleEntryOn,
    DoubleEntryOff,
    TurnDoubleEntryOn,
    TurnDoubleEntryOff,
    WaitingSheets,
    DifferingSheets,
    EntryDifferences,
    PickCorrect,
    FirstTyping,
    SecondTyping,
    NoAnswer,
    SaveResolved,
    DiscardTypings,
    EntryMany,
    EntryDate,
    EntryRank,
    OtherText,
    SameOperator,
    SheetDiffers,
    EditConflict,
    InvitationUsed,
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
    ChannelWeb,
    ChannelPaper,
    ChannelStaff,
    SurveyLanguage,
    NewSurvey,
    Slug,
    SlugHelp,
    StartFrom,
    FromTemplate,
    FromBlank,
    Create,
    EditSurvey,
    Settings,
    TitleLabel,
    IntroLabel,
    InJapanese,
    InEnglish,
    InEasy,
    FuriganaHelp,
    Policy,
    PolicyOpen,
    PolicyDevice,
    PolicyCode,
    PolicyResident,
    OpensAt,
    ClosesAt,
    TargetDistricts,
    Save,
    Saved,
    Publish,
    PublishChanges,
    CloseSurvey,
    Reopen,
    PublishedVersion,
    UnpublishedChanges,
    NotPublished,
    SectionsAndQuestions,
    AddSection,
    AddQuestion,
    Edit,
    MoveUp,
    MoveDown,
    Duplicate,
    Delete,
    Preview,
    QuestionKindLabel,
    KindSingle,
    KindMultiple,
    KindDropdown,
    KindYesNo,
    KindAgreement,
    KindScale,
    KindStars,
    KindNumber,
    KindShortText,
    KindLongText,
    KindDate,
    KindRanking,
    KindMatrix,
    QuestionText,
    HelpText,
    RequiredLabel,
    OptionsLabel,
    OfferOther,
    MinPicks,
    MaxPicks,
    Points,
    LowLabel,
    HighLabel,
    StarCount,
    MinValue,
    MaxValue,
    WholeOnly,
    Unit,
    MaxLength,
    EarliestDate,
    LatestDate,
    RankTop,
    RowsLabel,
    ColumnsLabel,
    ShowIfLabel,
    AlwaysShow,
    WhenAnswered,
    WhenAnyOf,
    ConditionQuestion,
    ChooseQuestionFirst,
    BackToBuilder,
    Codes,
    MakeCodes,
    HowMany,
    Used,
    Unused,
    ViewResponses,
    DefinitionRefused,
    Question,
    SectionTitle,
    PaperHowTo,
    PaperOnline,
    PaperCodeBox,
    PaperReturn,
    PaperPrintHint,
    Flyer,
    FlyerWithEnglish,
    FlyerJapaneseOnly,
    FlyerSvg,
    FlyerAsk,
    FlyerScan,
    FlyerOrType,
    FlyerPaper,
    PrintDraftWarning,
    PrintOriginWarning,
    PrintCards,
    CardsPrintHint,
    CardScan,
    CardOnce,
    CircleOne,
    CircleAny,
    WriteNumber,
    WriteFreely,
    EachRowOne,
    YearMonthDay,
    PrintPaper,
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
            "地域のお店やクラブ、サークルのゆるやかなネットワークにも、自治会に入っていなくても、どなたでも参加できます。",
            "Anyone can also join the loose local networks of shops, clubs and circles, association member or not.",
            "ちいきの おみせや クラブ、サークルの ゆるい つながりにも、だれでも はいれます。",
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
        Msg::SlowDown => (
            "この回線（同じWi-Fiなど）から、短い時間にたくさんの回答が始められました。1分ほど待ってから、もう一度押してください。",
            "Many responses were started from this network (the same Wi-Fi, say) in the last few minutes. Please wait a minute and press the button again.",
            "おなじ Wi-Fi などから、みじかい じかんに たくさんの かいとうが はじまりました。1ぷんぐらい まってから、もういちど おしてください。",
        ),
        Msg::Busy => (
            "ただいま混み合っています。少し待ってから、もう一度送ってください。送った内容はまだ保存されていません。",
            "The service is busy. Please wait a moment and send it again: nothing you sent has been stored yet.",
            "いま こんでいます。すこし まってから、もういちど おくってください。おくったものは まだ ほぞんされていません。",
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
        Msg::PaperEntry => ("紙の回答の入力", "Paper answers", "かみの こたえを いれる"),
        Msg::SheetNumber => ("整理番号", "Sheet number", "せいり ばんごう"),
        Msg::EntryHowTo => (
            "用紙に書いた整理番号と、各問で○がついた番号を入力します。複数の番号は「1 3 5」のようにスペースで区切ります。無回答の問は空欄のままにします。Tab で次の問へ、Enter で保存します。",
            "Type the number written on the sheet and, for each question, the numbers circled. Separate several numbers with spaces (1 3 5). Leave unanswered questions blank. Tab moves to the next question; Enter saves.",
            "ようしの ばんごうと、○が ついた ばんごうを いれます。いくつも ある ときは「1 3 5」の ように あけて いれます。",
        ),
        Msg::SaveSheet => ("保存（Enter）", "Save (Enter)", "ほぞん（Enter）"),
        Msg::DoubleEntryOn => (
            "二重入力：有効（2人が別々に入力し、一致したら保存）",
            "Double entry: on (two people type each sheet; stored when they agree)",
            "2かい にゅうりょく：あり",
        ),
        Msg::DoubleEntryOff => (
            "二重入力：無効（1回の入力で保存）",
            "Double entry: off (each sheet is stored when typed once)",
            "2かい にゅうりょく：なし",
        ),
        Msg::TurnDoubleEntryOn => (
            "二重入力にする",
            "Turn double entry on",
            "2かい にゅうりょくに する",
        ),
        Msg::TurnDoubleEntryOff => (
            "1回入力にする",
            "Turn double entry off",
            "1かい にゅうりょくに する",
        ),
        Msg::WaitingSheets => (
            "2回目の入力待ち",
            "Waiting for the second typing",
            "2かいめを まって いる ようし",
        ),
        Msg::DifferingSheets => (
            "違いの確認待ち",
            "Typings that differ",
            "ちがいを たしかめる ようし",
        ),
        Msg::EntryDifferences => (
            "入力の違い",
            "Differences between typings",
            "にゅうりょくの ちがい",
        ),
        Msg::PickCorrect => (
            "用紙を見て、問ごとに正しい方を選んでください。",
            "Look at the paper sheet and pick the right typing for each question.",
            "ようしを みて、ただしい ほうを えらんで ください。",
        ),
        Msg::FirstTyping => ("1回目", "First typing", "1かいめ"),
        Msg::SecondTyping => ("2回目", "Second typing", "2かいめ"),
        Msg::NoAnswer => ("（無回答）", "(no answer)", "（こたえ なし）"),
        Msg::SaveResolved => ("この内容で保存", "Save with these answers", "これで ほぞん"),
        Msg::DiscardTypings => (
            "両方の入力を取り消して入力し直す",
            "Discard both typings and type the sheet again",
            "どちらも けして いれなおす",
        ),
        Msg::EntryMany => (
            "（複数はスペース区切り）",
            "(several: separate with spaces)",
            "（いくつも あれば あける）",
        ),
        Msg::EntryDate => (
            "年 月 日（例：2025 4 1）",
            "year month day (e.g. 2025 4 1)",
            "ねん がつ にち（れい：2025 4 1）",
        ),
        Msg::EntryRank => (
            "各項目の横に書かれた順位",
            "the rank written beside each item",
            "よこに かいて ある じゅんい",
        ),
        Msg::OtherText => (
            "「その他」の内容",
            "What \u{201c}other\u{201d} says",
            "「そのほか」の なかみ",
        ),
        Msg::EnteredBy => ("入力: ", "typed by ", "いれた ひと: "),
        Msg::XlsFormRefused => (
            "このファイルは取り込めません。次の点を直してから、もう一度お試しください（何も作成していません）。",
            "This file cannot be imported. Please fix the following and try again (nothing was created).",
            "この ファイルは とりこめません。つぎの ところを なおして ください。",
        ),
        Msg::XlsFormImport => (
            "XLSForm から作成",
            "Create from an XLSForm",
            "XLSForm から つくる",
        ),
        Msg::XlsFormHelp => (
            "ODK や KoboToolbox の XLSForm（.xlsx）を下書きとして取り込みます。survey・choices・settings シートを読みます。",
            "Imports an ODK or KoboToolbox XLSForm (.xlsx) as a draft: the survey, choices and settings sheets.",
            "ODK や KoboToolbox の XLSForm（.xlsx）を したがきに します。",
        ),
        Msg::XlsFormFile => (
            "XLSForm ファイル（.xlsx）",
            "XLSForm file (.xlsx)",
            "XLSForm ファイル（.xlsx）",
        ),
        Msg::XlsFormSlugHelp => (
            "空欄なら settings シートの form_id を使います。",
            "Leave blank to use the settings sheet's form_id.",
            "かかなければ form_id を つかいます。",
        ),
        Msg::XlsFormImportButton => ("取り込む", "Import", "とりこむ"),
        Msg::XlsFormExport => ("XLSForm で書き出す", "Export as XLSForm", "XLSForm で だす"),
        Msg::SheetStored => (
            "この整理番号の用紙は入力済みです。番号をご確認ください。",
            "The sheet with this number has already been entered. Please check the number.",
            "この ばんごうの ようしは もう にゅうりょく してあります。",
        ),
        Msg::SameOperator => (
            "1回目を入力した方は2回目を入力できません。別の担当者が入力してください。",
            "The person who typed the first entry cannot type the second. Please ask a colleague.",
            "1かいめを いれた ひとは 2かいめを いれられません。ほかの ひとに たのんで ください。",
        ),
        Msg::EditConflict => (
            "この質問は、あなたが編集している間に別の方が保存しました。まだ保存されていません。両方の内容を見比べて、残す内容にしてから保存してください。",
            "Someone else saved this question while you were editing it. Nothing was saved yet: compare both versions, keep what should stay, and save again.",
            "あなたが なおして いる あいだに、ほかの ひとが この しつもんを ほぞん しました。まだ ほぞん して いません。りょうほうを くらべて から ほぞん して ください。",
        ),
        Msg::InvitationUsed => (
            "この招待リンクは使用済みか、有効期限が切れています。区役所の担当者に新しいリンクをお願いしてください。",
            "This invitation link has been used or has expired. Please ask the ward office for a new one.",
            "この しょうたいの リンクは もう つかえません。くやくしょに あたらしい リンクを たのんで ください。",
        ),
        Msg::SheetDiffers => (
            "この用紙は2回入力され、内容が一致していません。違いを確認してください。",
            "This sheet was typed twice and the two differ. Please settle the differences.",
            "この ようしは 2かい いれて、ちがう ところが あります。たしかめて ください。",
        ),
        Msg::CodeFromCard => (
            "カードのコードが入っています。このまま「回答をはじめる」を押してください。",
            "The code from your card is filled in. Press \u{201c}Start\u{201d} to begin.",
            "カードの コードが はいって います。「こたえはじめる」を おして ください。",
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
        Msg::ChannelWeb => ("ウェブ", "Web", "ウェブ"),
        Msg::ChannelPaper => ("紙", "Paper", "かみ"),
        Msg::ChannelStaff => ("職員入力", "Staff entry", "しょくいんが にゅうりょく"),
        Msg::SurveyLanguage => ("回答する言語", "Answer in", "こたえる ことば"),
        Msg::NewSurvey => ("新しいアンケート", "New survey", "あたらしい アンケート"),
        Msg::Slug => (
            "アドレス（英小文字・数字・ハイフン）",
            "Address (lower-case letters, digits, hyphens)",
            "アドレス（えいごの こもじ・すうじ・ハイフン）",
        ),
        Msg::SlugHelp => (
            "回答ページのアドレス /s/… になります（例：kitagata-2026）。",
            "Becomes the answer page's address /s/… (for example kitagata-2026).",
            "こたえる ページの アドレスに なります（れい：kitagata-2026）。",
        ),
        Msg::StartFrom => ("はじめ方", "Start from", "どこから はじめるか"),
        Msg::FromTemplate => (
            "市民センターのひな形（おすすめ）",
            "The community-centre template (recommended)",
            "しみんセンターの ひながた（おすすめ）",
        ),
        Msg::FromBlank => ("白紙から", "A blank survey", "なにも ないところから"),
        Msg::Create => ("作成する", "Create", "つくる"),
        Msg::EditSurvey => ("アンケートの編集", "Edit survey", "アンケートを なおす"),
        Msg::Settings => ("基本設定", "Settings", "きほんの せってい"),
        Msg::TitleLabel => ("タイトル", "Title", "タイトル"),
        Msg::IntroLabel => ("説明文", "Introduction", "せつめい"),
        Msg::InJapanese => ("日本語", "Japanese", "にほんご"),
        Msg::InEnglish => ("英語", "English", "えいご"),
        Msg::InEasy => ("やさしい日本語", "Easy Japanese", "やさしい にほんご"),
        Msg::FuriganaHelp => (
            "ふりがなは {漢字|かんじ} のように書けます。英語・やさしい日本語が空欄なら日本語が表示されます。",
            "Write furigana as {漢字|かんじ}. Empty English or easy-Japanese fields show the Japanese.",
            "ふりがなは {漢字|かんじ} のように かけます。からの ところは にほんごが でます。",
        ),
        Msg::Policy => (
            "回答の受け付け方",
            "Who may answer",
            "だれが こたえられるか",
        ),
        Msg::PolicyOpen => (
            "だれでも（匿名・回数制限なし）",
            "Anyone (anonymous, no limit)",
            "だれでも（なんかいでも）",
        ),
        Msg::PolicyDevice => ("1台につき1回", "Once per device", "1だいに 1かい"),
        Msg::PolicyCode => (
            "招待コード1つにつき1回",
            "Once per invitation code",
            "コード 1つに 1かい",
        ),
        Msg::PolicyResident => (
            "ログインした区民1人につき1回",
            "Once per signed-in resident",
            "ログインした ひと 1にんに 1かい",
        ),
        Msg::OpensAt => (
            "受付開始（日本時間）",
            "Opens (Japan time)",
            "はじまり（にほんの じかん）",
        ),
        Msg::ClosesAt => (
            "受付終了（日本時間）",
            "Closes (Japan time)",
            "おわり（にほんの じかん）",
        ),
        Msg::TargetDistricts => (
            "対象の校区（選ばなければ区全体）",
            "Districts (none selected: the whole ward)",
            "たいしょうの こうく（えらばなければ くの ぜんぶ）",
        ),
        Msg::Save => ("保存する", "Save", "ほぞんする"),
        Msg::Saved => ("保存しました。", "Saved.", "ほぞんしました。"),
        Msg::Publish => ("公開する", "Publish", "こうかいする"),
        Msg::PublishChanges => (
            "変更を公開する（新しい版）",
            "Publish the changes (new version)",
            "かえたところを こうかいする",
        ),
        Msg::CloseSurvey => ("受付を終了する", "Close", "うけつけを おわる"),
        Msg::Reopen => ("受付を再開する", "Reopen", "うけつけを また はじめる"),
        Msg::PublishedVersion => ("公開中の版", "Published version", "こうかいしている ばん"),
        Msg::UnpublishedChanges => (
            "公開していない変更があります。",
            "There are changes not yet published.",
            "まだ こうかいしていない へんこうが あります。",
        ),
        Msg::NotPublished => (
            "まだ公開していません。",
            "Not published yet.",
            "まだ こうかいしていません。",
        ),
        Msg::SectionsAndQuestions => ("ページと質問", "Pages and questions", "ページと しつもん"),
        Msg::AddSection => ("ページを追加", "Add a page", "ページを ふやす"),
        Msg::AddQuestion => ("質問を追加", "Add a question", "しつもんを ふやす"),
        Msg::Edit => ("編集", "Edit", "なおす"),
        Msg::MoveUp => ("上へ", "Up", "うえへ"),
        Msg::MoveDown => ("下へ", "Down", "したへ"),
        Msg::Duplicate => ("複製", "Duplicate", "コピー"),
        Msg::Delete => ("削除", "Delete", "けす"),
        Msg::Preview => ("スマホ表示で確認", "Preview on a phone", "スマホで みる"),
        Msg::QuestionKindLabel => ("質問の種類", "Kind of question", "しつもんの しゅるい"),
        Msg::KindSingle => ("単一選択", "Single choice", "1つ えらぶ"),
        Msg::KindMultiple => ("複数選択", "Multiple choice", "いくつか えらぶ"),
        Msg::KindDropdown => ("プルダウン", "Drop-down list", "リストから えらぶ"),
        Msg::KindYesNo => ("はい／いいえ", "Yes / no", "はい／いいえ"),
        Msg::KindAgreement => (
            "賛否（5段階・7段階）",
            "Agreement (5 or 7 points)",
            "そう おもうか（5だんかい・7だんかい）",
        ),
        Msg::KindScale => ("0〜10の尺度", "0–10 scale", "0〜10の めもり"),
        Msg::KindStars => ("星の評価", "Star rating", "ほしの かず"),
        Msg::KindNumber => ("数値", "Number", "すうじ"),
        Msg::KindShortText => ("短い文章", "Short text", "みじかい ぶん"),
        Msg::KindLongText => ("長い文章", "Long text", "ながい ぶん"),
        Msg::KindDate => ("日付", "Date", "ひづけ"),
        Msg::KindRanking => ("順位づけ", "Ranking", "じゅんばんを つける"),
        Msg::KindMatrix => (
            "表形式（マトリクス）",
            "Matrix (rows × one scale)",
            "ひょう",
        ),
        Msg::QuestionText => ("質問文", "Question", "しつもんの ぶん"),
        Msg::HelpText => (
            "補足説明（任意）",
            "Help (optional)",
            "せつめい（なくても よい）",
        ),
        Msg::RequiredLabel => ("必須にする", "Required", "かならず こたえる"),
        Msg::OptionsLabel => (
            "選択肢（日本語を空にした行は削除）",
            "Options (rows with empty Japanese are removed)",
            "せんたくし（にほんごが からの ぎょうは けします）",
        ),
        Msg::OfferOther => (
            "「その他（自由記入）」を加える",
            "Add “Other (please specify)”",
            "「そのほか」を くわえる",
        ),
        Msg::MinPicks => ("最少選択数", "Fewest picks", "いちばん すくない かず"),
        Msg::MaxPicks => ("最多選択数", "Most picks", "いちばん おおい かず"),
        Msg::Points => ("段階", "Points", "だんかい"),
        Msg::LowLabel => ("0の意味", "What 0 means", "0の いみ"),
        Msg::HighLabel => ("10の意味", "What 10 means", "10の いみ"),
        Msg::StarCount => (
            "星の数（3〜10）",
            "Number of stars (3–10)",
            "ほしの かず（3〜10）",
        ),
        Msg::MinValue => ("最小値", "Minimum", "いちばん ちいさい かず"),
        Msg::MaxValue => ("最大値", "Maximum", "いちばん おおきい かず"),
        Msg::WholeOnly => (
            "整数のみ",
            "Whole numbers only",
            "1、2、3 のような かずだけ",
        ),
        Msg::Unit => (
            "単位（例：人、回）",
            "Unit (e.g. people, times)",
            "たんい（れい：にん、かい）",
        ),
        Msg::MaxLength => (
            "最大文字数",
            "Longest answer (characters)",
            "いちばん おおい もじすう",
        ),
        Msg::EarliestDate => ("最も早い日付", "Earliest date", "いちばん はやい ひ"),
        Msg::LatestDate => ("最も遅い日付", "Latest date", "いちばん おそい ひ"),
        Msg::RankTop => (
            "上位いくつまで順位をつけるか（空欄はすべて）",
            "Rank the top … (empty: all)",
            "うえから いくつまで じゅんばんを つけるか（から：ぜんぶ）",
        ),
        Msg::RowsLabel => ("行（評価する項目）", "Rows (statements)", "ぎょう"),
        Msg::ColumnsLabel => ("列（共通の尺度）", "Columns (the shared scale)", "れつ"),
        Msg::ShowIfLabel => ("表示する条件", "When to show", "でる じょうけん"),
        Msg::AlwaysShow => ("常に表示", "Always", "いつも"),
        Msg::WhenAnswered => ("回答されたとき", "When answered", "こたえたとき"),
        Msg::WhenAnyOf => (
            "次のいずれかのとき",
            "When the answer is any of",
            "つぎの どれかの とき",
        ),
        Msg::ConditionQuestion => (
            "条件にする前の質問",
            "The earlier question",
            "まえの しつもん",
        ),
        Msg::ChooseQuestionFirst => (
            "前の質問を選んで保存すると、値を選べるようになります。",
            "Choose the earlier question and save; then its answers can be chosen.",
            "まえの しつもんを えらんで ほぞんすると、こたえを えらべます。",
        ),
        Msg::BackToBuilder => (
            "編集画面へ戻る",
            "Back to the survey",
            "へんしゅうに もどる",
        ),
        Msg::Codes => ("招待コード", "Invitation codes", "しょうたい コード"),
        Msg::MakeCodes => ("コードを作成", "Make codes", "コードを つくる"),
        Msg::HowMany => ("枚数", "How many", "まいすう"),
        Msg::Used => ("使用済み", "Used", "つかった"),
        Msg::Unused => ("未使用", "Unused", "まだ"),
        Msg::ViewResponses => ("回答を見る", "See responses", "こたえを みる"),
        Msg::DefinitionRefused => (
            "この変更はできません",
            "This change cannot be made",
            "この へんこうは できません",
        ),
        Msg::Question => ("質問", "Question", "しつもん"),
        Msg::SectionTitle => ("ページの見出し", "Page heading", "ページの みだし"),
        Msg::PaperHowTo => (
            "あてはまる番号に○をつけるか、枠の中にご記入ください。",
            "Circle the number of your answer, or write in the box.",
            "あてはまる ばんごうに ○を つけるか、わくの なかに かいてください。",
        ),
        Msg::PaperOnline => (
            "インターネットでも回答できます",
            "You can also answer online",
            "インターネットでも こたえられます",
        ),
        Msg::PaperCodeBox => (
            "招待コード（カードに書かれたコード）",
            "Invitation code (printed on your card)",
            "しょうたい コード（カードに かいてある コード）",
        ),
        Msg::PaperReturn => (
            "ご記入後は、お近くの市民センターへお持ちいただくか、回覧板でお戻しください。",
            "When you have finished, please bring this to your community centre or return it with the neighbourhood circular.",
            "かきおわったら、ちかくの しみんセンターに もってくるか、かいらんばんで かえしてください。",
        ),
        Msg::Flyer => ("チラシ", "Flyer", "チラシ"),
        Msg::FlyerWithEnglish => ("英語を併記する", "Add English", "えいごも のせる"),
        Msg::FlyerJapaneseOnly => ("日本語のみにする", "Japanese only", "にほんごだけに する"),
        Msg::FlyerSvg => (
            "SVG ファイルで保存（印刷会社・広報紙用）",
            "Save as an SVG file (for print shops and newsletters)",
            "SVG ファイルで ほぞん",
        ),
        Msg::FlyerAsk => (
            "アンケートにご協力ください",
            "Please answer our survey",
            "アンケートに こたえて ください",
        ),
        Msg::FlyerScan => (
            "スマートフォンのカメラでQRコードを読み取ると、回答ページが開きます。",
            "Scan the QR code with your phone's camera to open the survey.",
            "スマートフォンの カメラで QRコードを よみとると、こたえる ページが ひらきます。",
        ),
        Msg::FlyerOrType => (
            "またはこのアドレスを入力してください：",
            "Or type this address:",
            "または この アドレスを いれて ください：",
        ),
        Msg::FlyerPaper => (
            "紙の回答用紙もあります。お近くの市民センターか区役所の窓口でお受け取りください。",
            "Paper questionnaires are available at your community centre and the ward office.",
            "かみの ようしも あります。しみんセンターか くやくしょで もらえます。",
        ),
        Msg::PrintDraftWarning => (
            "この調査はまだ公開されていません。公開するまで、QRコードを読み取っても回答ページは開きません。",
            "This survey is not published yet: until it is, the QR code leads nowhere.",
            "まだ こうかい して いません。こうかい するまで QRコードは つかえません。",
        ),
        Msg::PrintOriginWarning => (
            "公開アドレス（YORIAI_PUBLIC_ORIGIN）が設定されていないため、このページのアドレスを印刷しています。住民が開けるアドレスか確認してください：",
            "No public address (YORIAI_PUBLIC_ORIGIN) is configured, so this page's own address is printed. Check that residents can open it:",
            "こうかい アドレスが ないので、この ページの アドレスを いんさつ します。じゅうみんが ひらけるか たしかめて ください：",
        ),
        Msg::PrintCards => (
            "招待カードを印刷",
            "Print invitation cards",
            "しょうたいカードを いんさつ",
        ),
        Msg::CardsPrintHint => (
            "A4 に 10 枚ずつ印刷されます。点線で切り分けて、1 世帯に 1 枚配ってください。ブラウザの印刷設定で「余白：デフォルト」「倍率：100%」にしてください。",
            "Ten cards print on each A4 sheet. Cut along the dotted lines and give one card to each household. Print at 100% scale with default margins.",
            "A4に 10まい ずつ いんさつ されます。てんせんで きって、1せたいに 1まい くばって ください。",
        ),
        Msg::CardScan => (
            "QRコードを読み取ると、コードが入った回答ページが開きます。",
            "Scan the QR code: the survey opens with your code filled in.",
            "QRコードを よみとると、コードが はいった ページが ひらきます。",
        ),
        Msg::CardOnce => (
            "このコードで回答できるのは1回だけです。",
            "This code can be used to answer once.",
            "この コードで こたえられるのは 1かい だけです。",
        ),
        Msg::PaperPrintHint => (
            "ブラウザの印刷機能で A4 に印刷してください。",
            "Print on A4 with your browser's print command.",
            "ブラウザで A4に いんさつしてください。",
        ),
        Msg::CircleOne => ("（○は1つ）", "(circle one)", "（○は 1つ）"),
        Msg::CircleAny => (
            "（○はいくつでも）",
            "(circle all that apply)",
            "（○は いくつでも）",
        ),
        Msg::WriteNumber => (
            "（数字をご記入ください）",
            "(write a number)",
            "（すうじを かいてください）",
        ),
        Msg::WriteFreely => (
            "（ご自由にお書きください）",
            "(write freely)",
            "（じゆうに かいてください）",
        ),
        Msg::EachRowOne => (
            "（それぞれ○は1つ）",
            "(circle one in each row)",
            "（それぞれ ○は 1つ）",
        ),
        Msg::YearMonthDay => (
            "年　　月　　日",
            "(year / month / day)",
            "ねん　　がつ　　にち",
        ),
        Msg::PrintPaper => ("紙の調査票", "Paper questionnaire", "かみの アンケート"),
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
        FieldError::RankingGap => (
            "順位は1から順に、とばさずに付けてください。".into(),
            "Please give ranks in order from 1, without skipping one.".into(),
            "じゅんばんは 1から じゅんに、とばさずに つけてください。".into(),
        ),
        FieldError::RowsMissing => (
            "すべての行に回答してください。".into(),
            "Please answer every row.".into(),
            "ぜんぶの ぎょうに こたえてください。".into(),
        ),
        FieldError::ControlCharacters => (
            "入力できない文字（制御文字）が含まれています。その文字を消してから送ってください。".into(),
            "This contains a control character that cannot be stored. Please remove it and send again.".into(),
            "つかえない もじが はいっています。その もじを けしてから おくってください。".into(),
        ),
        FieldError::OfficeName => (
            "「区役所」「職員」など、区役所の人と見まちがえる名前は使えません。".into(),
            "A name that looks like the ward office's (\u{201c}ward office\u{201d}, \u{201c}staff\u{201d}) cannot be used.".into(),
            "「くやくしょ」の ひとと まちがえる なまえは つかえません。".into(),
        ),
        FieldError::AddressTaken => (
            "このアドレスはすでに別のアンケートで使われています。別のアドレスにしてください。".into(),
            "Another survey already uses this address. Please choose another one.".into(),
            "この アドレスは もう ほかの アンケートで つかって います。ほかの アドレスに してください。".into(),
        ),
        FieldError::Taken => (
            "このメールアドレスはすでに登録されています。ログインしてください。".into(),
            "This address is already registered. Please sign in instead.".into(),
            "この メールアドレスは もう つかわれています。ログインしてください。".into(),
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

/// Why the builder refused a change, in words.
pub fn definition_error(lang: Lang, error: &shared::survey::DefinitionError) -> String {
    use shared::survey::DefinitionError as E;
    let (ja, en, easy): (String, String, String) = match error {
        E::Empty => (
            "ページに質問が1つもなくなります。先に質問を追加するか、ページを削除してください。"
                .into(),
            "A page would have no questions. Add a question first, or delete the page.".into(),
            "ページに しつもんが なくなります。".into(),
        ),
        E::TooLarge => (
            "ページ・質問・選択肢が多すぎます。".into(),
            "Too many pages, questions or options.".into(),
            "おおすぎます。".into(),
        ),
        E::DuplicateId(id) | E::BadId(id) => (
            format!("「{id}」が見つからないか、使えない名前です。"),
            format!("“{id}” was not found or cannot be used."),
            format!("「{id}」が みつかりません。"),
        ),
        E::MissingLabel(id) => (
            format!("「{id}」に日本語の文がありません。"),
            format!("“{id}” has no Japanese text."),
            format!("「{id}」に にほんごが ありません。"),
        ),
        E::BadOptions(id) => (
            format!("質問「{id}」には、重ならない選択肢が2つ以上必要です。"),
            format!("Question “{id}” needs at least two different options."),
            format!("「{id}」には ちがう せんたくしが 2つ いります。"),
        ),
        E::BadLimits(id) => (
            format!("質問「{id}」の上限・下限の組み合わせが正しくありません。"),
            format!("The limits of question “{id}” do not fit together."),
            format!("「{id}」の かずの せっていが ちがいます。"),
        ),
        E::BadCondition(id) => (
            format!(
                "「{id}」の表示条件は、それより前の質問の回答を指す必要があります（条件に使われている質問は、削除や後ろへの移動ができません）。"
            ),
            format!(
                "The condition on “{id}” must refer to an earlier question's answer (a question used by a condition cannot be deleted or moved after it)."
            ),
            format!("「{id}」の じょうけんが ただしく ありません。"),
        ),
        E::BadDistrictQuestion(id) => (
            format!("校区の質問「{id}」は、単一選択かプルダウンにしてください。"),
            format!("The district question “{id}” must be a single choice or a drop-down."),
            format!("「{id}」は 1つ えらぶ しつもんに してください。"),
        ),
        E::Malformed(_) => (
            "内容を読み取れませんでした。".into(),
            "The content could not be read.".into(),
            "よみとれませんでした。".into(),
        ),
    };
    pick(lang, ja, en, easy)
}

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

/// How many invitation codes exist and were used.
pub fn code_counts(lang: Lang, made: i64, used: i64) -> String {
    pick(
        lang,
        format!("作成済み {made}件（使用済み {used}件）"),
        format!("{made} made ({used} used)"),
        format!("つくった コード {made}こ（つかった {used}こ）"),
    )
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
        ApiError::SlowDown => t(lang, Msg::SlowDown),
        ApiError::Busy => t(lang, Msg::Busy),
        ApiError::AlreadyAnswered => t(lang, Msg::AlreadyAnsweredTitle),
        ApiError::CodeInvalid => t(lang, Msg::CodeInvalid),
        ApiError::CodeUsed => t(lang, Msg::CodeUsed),
        ApiError::Definition(_) => t(lang, Msg::DefinitionRefused),
        ApiError::SheetStored => t(lang, Msg::SheetStored),
        ApiError::SameOperator => t(lang, Msg::SameOperator),
        ApiError::SheetDiffers => t(lang, Msg::SheetDiffers),
        ApiError::EditConflict { .. } => t(lang, Msg::EditConflict),
        ApiError::InvitationUsed => t(lang, Msg::InvitationUsed),
        ApiError::Validation(_) => t(lang, Msg::ErrorSummary),
        ApiError::EventFull => tr(
            lang,
            "定員に達したため、参加を受け付けられませんでした",
            "This event is full",
        ),
        ApiError::BadRequest => tre(
            lang,
            "この操作は受け付けられませんでした（リンクや入力の形が正しくありません）",
            "This request could not be handled (the link or the form was not as expected)",
            "この そうさは できませんでした（リンクか かいた ものの かたちが ちがいます）",
        ),
        _ => t(lang, Msg::InternalTitle),
    }
}

/// A phrase of the co-design pages, from its Japanese and English (easy Japanese falls back to
/// Japanese). Kept beside its use rather than in the table above, which holds shared words.
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        _ => ja,
    }
}

/// A phrase of the pages residents read, in Japanese, English and easy Japanese (やさしい日本語:
/// short words, spaces between them, kana where a resident might not read the kanji).
pub fn tre(lang: Lang, ja: &'static str, en: &'static str, easy: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
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
