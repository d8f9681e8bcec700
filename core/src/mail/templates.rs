//! The mails' texts, in Japanese, English and easy Japanese (the language the person was using
//! when they asked). Plain text only: every mail reader shows it, and a link in it is a link.

mod digest;
mod matters;

pub use digest::{DigestItem, MAX_DIGEST_ITEMS, digest, notice_received};
pub use matters::{matter_assigned, matter_status};

use super::{MailKind, Outgoing};
use chrono::{DateTime, FixedOffset, Utc};
use shared::Lang;

/// The name mails are signed with.
pub const SIGNATURE: &str = "Yoriai（よりあい）";

fn pick(lang: Lang, ja: &str, en: &str, easy: &str) -> String {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
    }
    .to_string()
}

/// A time as people in Japan read it (JST), such as `2026-12-06 21:05 (JST)`.
fn jst(at: DateTime<Utc>) -> String {
    let local = FixedOffset::east_opt(9 * 3600).map_or_else(
        || at.naive_utc(),
        |jst| at.with_timezone(&jst).naive_local(),
    );
    format!("{} (JST)", local.format("%Y-%m-%d %H:%M"))
}

/// How long a single-use link works.
#[derive(Debug, Clone, Copy)]
enum Lasts {
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

/// "The link works once, for …", in `lang`.
fn once_for(lang: Lang, lasts: Lasts) -> String {
    let (n, ja, en, easy) = match lasts {
        Lasts::Minutes(n) => (n, "分間", "minutes", "ぷん"),
        Lasts::Hours(n) => (n, "時間", "hours", "じかん"),
        Lasts::Days(n) => (n, "日間", "days", "にち"),
    };
    match lang {
        Lang::Ja => format!("このリンクは{n}{ja}、1回だけ使えます。"),
        Lang::En => format!("The link works once, for {n} {en}."),
        Lang::EasyJa => format!("この リンクは {n}{easy}の あいだ、1かい だけ つかえます。"),
    }
}

/// The body of a mail whose point is one link: the greeting, what it is for, the link, how
/// long it works, and what to do if it was not them.
fn link_body(
    lang: Lang,
    name: &str,
    intro: &str,
    link: &str,
    validity: &str,
    not_you: &str,
) -> String {
    format!(
        "{}\n\n{intro}\n\n{link}\n\n{validity}\n{not_you}\n\n-- \n{SIGNATURE}\n",
        greeting(lang, name)
    )
}

/// The greeting line: 「〇〇 様」, "Dear 〇〇,", 「〇〇 さん」.
fn greeting(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!("{name} 様"),
        Lang::En => format!("Dear {name},"),
        Lang::EasyJa => format!("{name} さん"),
    }
}

/// The link to choose a new password, valid for `minutes`, once.
pub fn password_reset(lang: Lang, to: &str, name: &str, link: &str, minutes: i64) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】パスワードの再設定",
        "[Yoriai] Choose a new password",
        "【Yoriai】パスワードを あたらしく する",
    );
    let intro = pick(
        lang,
        "パスワードの再設定を受け付けました。下のリンクを開いて、新しいパスワードを決めてください。",
        "We were asked to reset your password. Open the link below and choose a new one.",
        "パスワードを あたらしく する もうしこみが ありました。したの リンクを ひらいて、あたらしい パスワードを きめて ください。",
    );
    let validity = once_for(lang, Lasts::Minutes(minutes));
    let not_you = pick(
        lang,
        "お心当たりのない場合は、このメールを削除してください。パスワードは変わりません。",
        "If you did not ask for this, delete this mail: your password stays as it is.",
        "こころあたりが ない ときは、この メールを けして ください。パスワードは かわりません。",
    );
    Outgoing {
        kind: MailKind::PasswordReset,
        recipient: to.to_string(),
        subject,
        body: link_body(lang, name, &intro, link, &validity, &not_you),
    }
}

/// Tells the owner that their password was changed at `at` (and other sign-ins ended), with
/// the way back if it was not them.
pub fn password_changed(
    lang: Lang,
    to: &str,
    name: &str,
    at: DateTime<Utc>,
    forgot_link: &str,
) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】パスワードが変更されました",
        "[Yoriai] Your password was changed",
        "【Yoriai】パスワードが かわりました",
    );
    let when = jst(at);
    let what = match lang {
        Lang::Ja => format!(
            "{when} に、あなたのアカウントのパスワードが変更されました。ほかの端末でのログインはすべて終了しました。"
        ),
        Lang::En => format!(
            "The password of your account was changed at {when}. Every other sign-in has been ended."
        ),
        Lang::EasyJa => format!(
            "{when} に、あなたの アカウントの パスワードが かわりました。ほかの きかいでの ログインは ぜんぶ おわりました。"
        ),
    };
    let not_you = pick(
        lang,
        "お心当たりがない場合は、すぐに次のリンクからパスワードを再設定し、区役所にお知らせください。",
        "If this was not you, choose a new password now with the link below, and tell the ward office.",
        "こころあたりが ない ときは、すぐに したの リンクから パスワードを あたらしく して、くやくしょに しらせて ください。",
    );
    Outgoing {
        kind: MailKind::PasswordChanged,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{what}\n\n{not_you}\n{forgot_link}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}

/// An administrator's invitation: what it makes the person (`what`, already in `lang`), who
/// invited them, and the link, valid for `days`, once.
pub fn invitation(
    lang: Lang,
    to: &str,
    name: &str,
    what: &str,
    inviter: &str,
    link: &str,
    days: i64,
) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】アカウントへのご招待",
        "[Yoriai] You are invited to an account",
        "【Yoriai】アカウントへの しょうたい",
    );
    let intro = match lang {
        Lang::Ja => format!(
            "{inviter} さんから、Yoriai（区のアンケートと地域のつながり）の「{what}」のアカウントに招待されました。下のリンクを開いて、パスワードを決めてください。"
        ),
        Lang::En => format!(
            "{inviter} invited you to a Yoriai account as {what} (the ward's surveys and local networks). Open the link below and choose your password."
        ),
        Lang::EasyJa => format!(
            "{inviter} さんから、Yoriaiの「{what}」の アカウントに しょうたい されました。したの リンクを ひらいて、パスワードを きめて ください。"
        ),
    };
    let validity = once_for(lang, Lasts::Days(days));
    let not_you = pick(
        lang,
        "お心当たりのない場合は、このメールを削除してください。",
        "If you do not know what this is about, delete this mail.",
        "こころあたりが ない ときは、この メールを けして ください。",
    );
    Outgoing {
        kind: MailKind::Invitation,
        recipient: to.to_string(),
        subject,
        body: link_body(lang, name, &intro, link, &validity, &not_you),
    }
}

/// The link that confirms a new account's address, valid for `hours`, once.
pub fn sign_up_confirm(lang: Lang, to: &str, name: &str, link: &str, hours: i64) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】登録の確認",
        "[Yoriai] Confirm your sign-up",
        "【Yoriai】とうろくの かくにん",
    );
    let intro = pick(
        lang,
        "Yoriai（区のアンケートと地域のつながり）への登録を受け付けました。下のリンクを開いて、登録を完了してください。",
        "We received your sign-up to Yoriai (the ward's surveys and local networks). Open the link below to finish it.",
        "Yoriaiへの とうろくを うけつけました。したの リンクを ひらいて、とうろくを おわらせて ください。",
    );
    let validity = once_for(lang, Lasts::Hours(hours));
    let not_you = pick(
        lang,
        "お心当たりのない場合は、このメールを削除してください。登録はされません。",
        "If you did not sign up, delete this mail: no account is made.",
        "こころあたりが ない ときは、この メールを けして ください。",
    );
    Outgoing {
        kind: MailKind::SignUpConfirm,
        recipient: to.to_string(),
        subject,
        body: link_body(lang, name, &intro, link, &validity, &not_you),
    }
}

/// Tells the owner of an address that someone tried to sign up with it: the ways to sign in
/// or to choose a new password.
pub fn sign_up_taken(lang: Lang, to: &str, name: &str, sign_in: &str, forgot: &str) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】このアドレスはすでに登録されています",
        "[Yoriai] This address has an account already",
        "【Yoriai】この アドレスは もう とうろく されて います",
    );
    let what = pick(
        lang,
        "あなたのメールアドレスで、Yoriai への新しい登録の申し込みがありました。このアドレスのアカウントはすでにあるため、新しいアカウントは作っていません。",
        "Someone asked to sign up to Yoriai with your address. It has an account already, so no new one was made.",
        "あなたの メールアドレスで、あたらしい とうろくの もうしこみが ありました。もう アカウントが あるので、あたらしく つくって いません。",
    );
    let ways = match lang {
        Lang::Ja => format!(
            "ご本人の場合は、ログインしてください：\n{sign_in}\nパスワードを忘れた場合は：\n{forgot}"
        ),
        Lang::En => {
            format!("If it was you, sign in:\n{sign_in}\nIf you forgot your password:\n{forgot}")
        }
        Lang::EasyJa => format!(
            "あなたなら、ログイン して ください：\n{sign_in}\nパスワードを わすれた ときは：\n{forgot}"
        ),
    };
    let not_you = pick(
        lang,
        "お心当たりのない場合は、このメールを削除してください。アカウントは変わりません。",
        "If it was not you, delete this mail: your account stays as it is.",
        "こころあたりが ない ときは、この メールを けして ください。",
    );
    Outgoing {
        kind: MailKind::SignUpTaken,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{what}\n\n{ways}\n\n{not_you}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}

/// The link that confirms a new address for an account, valid for `hours`, once.
pub fn email_change_confirm(lang: Lang, to: &str, name: &str, link: &str, hours: i64) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】メールアドレス変更の確認",
        "[Yoriai] Confirm your new address",
        "【Yoriai】メールアドレスを かえる かくにん",
    );
    let intro = pick(
        lang,
        "Yoriai のアカウントのメールアドレスを、このアドレスに変更する申し込みがありました。下のリンクを開くと変更されます。",
        "You asked to change the address of your Yoriai account to this one. Open the link below to make the change.",
        "Yoriaiの アカウントの メールアドレスを、この アドレスに かえる もうしこみが ありました。したの リンクを ひらくと かわります。",
    );
    let validity = once_for(lang, Lasts::Hours(hours));
    let not_you = pick(
        lang,
        "お心当たりのない場合は、このメールを削除してください。何も変わりません。",
        "If you did not ask for this, delete this mail: nothing changes.",
        "こころあたりが ない ときは、この メールを けして ください。",
    );
    Outgoing {
        kind: MailKind::EmailChangeConfirm,
        recipient: to.to_string(),
        subject,
        body: link_body(lang, name, &intro, link, &validity, &not_you),
    }
}

/// Tells the old address that the account's address was changed to `new`.
pub fn email_changed(lang: Lang, to: &str, name: &str, new: &str) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】メールアドレスが変更されました",
        "[Yoriai] Your address was changed",
        "【Yoriai】メールアドレスが かわりました",
    );
    let what = match lang {
        Lang::Ja => format!(
            "Yoriai のアカウントのメールアドレスが {new} に変更されました。これからのお知らせは新しいアドレスに届きます。"
        ),
        Lang::En => format!(
            "The address of your Yoriai account was changed to {new}. Mail will go there from now on."
        ),
        Lang::EasyJa => format!("Yoriaiの アカウントの メールアドレスが {new} に かわりました。"),
    };
    let not_you = pick(
        lang,
        "お心当たりがない場合は、すぐに区役所にお知らせください。",
        "If this was not you, tell the ward office at once.",
        "こころあたりが ない ときは、すぐに くやくしょに しらせて ください。",
    );
    Outgoing {
        kind: MailKind::EmailChanged,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{what}\n\n{not_you}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}

/// Tells the former owner that their account was deleted, and what became of their posts.
pub fn account_deleted(lang: Lang, to: &str, name: &str, posts_kept: bool) -> Outgoing {
    let subject = pick(
        lang,
        "【Yoriai】アカウントを削除しました",
        "[Yoriai] Your account was deleted",
        "【Yoriai】アカウントを けしました",
    );
    let what = pick(
        lang,
        "ご依頼により、Yoriai のアカウントを削除しました。メールアドレスとお名前は消去し、参加していたグループ、参加の返事、お知らせも削除しました。",
        "As you asked, your Yoriai account was deleted: your address and name are erased, and your group memberships, event replies and notifications are gone.",
        "たのまれた とおり、Yoriaiの アカウントを けしました。メールアドレスと なまえ、グループ、へんじ、おしらせも けしました。",
    );
    let posts = if posts_kept {
        pick(
            lang,
            "投稿は「退会したメンバー」の名前で残っています。",
            "Your posts stay, under the name “退会したメンバー” (a member who left).",
            "とうこうは「たいかい した メンバー」の なまえで のこって います。",
        )
    } else {
        pick(
            lang,
            "投稿も削除しました。",
            "Your posts were removed too.",
            "とうこうも けしました。",
        )
    };
    let not_you = pick(
        lang,
        "お心当たりのない場合は、区役所にお知らせください。",
        "If this was not you, please tell the ward office.",
        "こころあたりが ない ときは、くやくしょに しらせて ください。",
    );
    Outgoing {
        kind: MailKind::AccountDeleted,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{what}\n{posts}\n\n{not_you}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_own_text_with_the_link() {
        let texts: Vec<Outgoing> = Lang::ALL
            .into_iter()
            .map(|lang| password_reset(lang, "a@example.jp", "山田", "https://x/reset/t", 30))
            .collect();
        for mail in &texts {
            assert!(mail.body.contains("https://x/reset/t"), "{}", mail.body);
            assert!(mail.body.contains("30"), "{}", mail.body);
            assert!(mail.body.contains("山田"), "{}", mail.body);
        }
        assert_ne!(texts[0].subject, texts[1].subject);
        assert_ne!(texts[1].subject, texts[2].subject);
    }

    #[test]
    fn every_link_mail_says_how_long_its_link_works_in_its_language() {
        let invitation = invitation(
            Lang::Ja,
            "a@example.jp",
            "山田",
            "職員",
            "管理者",
            "https://x/join/t",
            7,
        );
        assert!(
            invitation
                .body
                .contains("https://x/join/t\n\nこのリンクは7日間、1回だけ使えます。"),
            "{}",
            invitation.body
        );
        let confirm = sign_up_confirm(Lang::En, "a@example.jp", "Yamada", "https://x/c/t", 24);
        assert!(
            confirm.body.contains("The link works once, for 24 hours."),
            "{}",
            confirm.body
        );
        let change =
            email_change_confirm(Lang::EasyJa, "a@example.jp", "やまだ", "https://x/e/t", 24);
        assert!(change.body.contains("24じかんの あいだ"), "{}", change.body);
        assert!(change.body.starts_with("やまだ さん"), "{}", change.body);
    }

    #[test]
    fn the_change_notice_gives_the_time_in_japan() -> Result<(), chrono::ParseError> {
        let at = DateTime::parse_from_rfc3339("2026-12-06T15:30:00Z")?.with_timezone(&Utc);
        let mail = password_changed(Lang::Ja, "a@example.jp", "山田", at, "https://x/forgot");
        assert!(
            mail.body.contains("2026-12-07 00:30 (JST)"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("https://x/forgot"));
        Ok(())
    }
}
