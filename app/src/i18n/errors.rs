//! Refusals in words: a rejected field, a refused builder change, the headline of an error page.

use super::*;

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
        FieldError::NotAPhoto => (
            "写真として読めません。JPEG・PNG・WebPの写真を選んでください。".into(),
            "This cannot be read as a photo. Please choose a JPEG, PNG or WebP photo.".into(),
            "しゃしんとして よめません。ほかの しゃしんを えらんで ください。".into(),
        ),
        FieldError::PhotoTooLarge { max_mb } => (
            format!("写真は{max_mb}MBまでです。小さくしてから選んでください。"),
            format!("The photo may be at most {max_mb} MB. Please choose a smaller one."),
            format!("しゃしんは {max_mb}MBまで です。ちいさく してから えらんで ください。"),
        ),
        FieldError::WrongPassword => (
            "いまのパスワードが違います。".into(),
            "That is not your current password.".into(),
            "いまの パスワードが ちがいます。".into(),
        ),
        FieldError::AddressTaken => (
            "このアドレスはすでに別のアンケートで使われています。別のアドレスにしてください。".into(),
            "Another survey already uses this address. Please choose another one.".into(),
            "この アドレスは もう ほかの アンケートで つかって います。ほかの アドレスに してください。".into(),
        ),
        FieldError::HandOverFirst => (
            "ひとりで世話役をしているグループがあります。先にほかのメンバーを世話役にしてください（下の一覧）。".into(),
            "You run a group alone that others belong to: make another member an organiser first (listed below).".into(),
            "ひとりで せわやくを して いる グループが あります。さきに ほかの ひとを せわやくに して ください。".into(),
        ),
        FieldError::HasAccount => (
            "この人にはすでにアカウントがあります。下の一覧でその人を開き、役割を変えてください。".into(),
            "This address has an account already: open that person in the list below and change their role.".into(),
            "この ひとには もう アカウントが あります。".into(),
        ),
        FieldError::Taken => (
            "このメールアドレスはすでに登録されています。ログインしてください。".into(),
            "This address is already registered. Please sign in instead.".into(),
            "この メールアドレスは もう つかわれています。ログインしてください。".into(),
        ),
    };
    pick(lang, ja, en, easy)
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
        ApiError::LinkExpired => tre(
            lang,
            "このリンクは使用済みか、有効期限（30分）が切れています。もう一度「パスワードを忘れた方」からお申し込みください。",
            "This link has been used or has expired (links last 30 minutes). Please ask for a new one with “Forgot your password?”.",
            "この リンクは もう つかえません（30ぷんで つかえなく なります）。もう いちど「パスワードを わすれた ひと」から もうしこんで ください。",
        ),
        ApiError::Deactivated => tre(
            lang,
            "このアカウントは管理者によって停止されています。区役所にお問い合わせください。",
            "This account has been deactivated by an administrator. Please contact the ward office.",
            "この アカウントは いま つかえません。くやくしょに きいて ください。",
        ),
        ApiError::LastAdmin => tre(
            lang,
            "最後の管理者は停止したり役割を変えたりできません。先に別の人を管理者にしてください。",
            "The last administrator cannot be deactivated or given another role. Make someone else an administrator first.",
            "さいごの かんりしゃは とめたり やくわりを かえたり できません。さきに ほかの ひとを かんりしゃに して ください。",
        ),
        ApiError::PlacesFile(_) => tre(
            lang,
            "CSVファイルに問題があるため、何も読み込んでいません。次の行を直して、もう一度読み込んでください。",
            "Nothing was imported: the CSV file has problems. Fix these lines and import it again.",
            "CSVファイルに まちがいが あるので、なにも よみこんで いません。",
        ),
        ApiError::Validation(_) => t(lang, Msg::ErrorSummary),
        ApiError::EventFull => tre(
            lang,
            "定員に達したため、参加を受け付けられませんでした",
            "This event is full",
            "ひとが いっぱいに なったので、さんか できませんでした",
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
