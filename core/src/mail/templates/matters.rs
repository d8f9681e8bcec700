//! Mails of the liaison log: a department asked to take part in a matter; a reporter told
//! that their report was resolved (or kept as a long-term issue).

use super::{MailKind, Outgoing, SIGNATURE, greeting, pick};
use shared::Lang;

/// To a department's staff member (or its shared mailbox): a matter is now also theirs.
pub fn matter_assigned(
    lang: Lang,
    to: &str,
    name: &str,
    department: &str,
    title: &str,
    link: &str,
) -> Outgoing {
    let subject = match lang {
        Lang::En => format!("[Yoriai] For {department}: {title}"),
        _ => format!("【Yoriai】{department}へ：{title}"),
    };
    let intro = match lang {
        Lang::En => format!(
            "{department} has been asked to take part in this local matter of the ward's liaison log (地域情報連絡会議):"
        ),
        Lang::EasyJa => format!("{department}に、ちいきの できごとの たいおうを おねがい します。"),
        Lang::Ja => {
            format!("地域情報連絡会議の記録で、次の件に{department}の対応が依頼されました。")
        }
    };
    let open = pick(
        lang,
        "内容と経過は次のページで確認できます（職員のサインインが必要です）。",
        "Its details and history are on this page (staff sign-in needed):",
        "ないようは したの ページで みられます。",
    );
    Outgoing {
        kind: MailKind::MatterAssigned,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{intro}\n\n  {title}\n\n{open}\n{link}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}

/// To a matter's reporter: what they reported was resolved (`resolved`), or is kept as a
/// medium- or long-term issue.
pub fn matter_status(
    lang: Lang,
    to: &str,
    name: &str,
    title: &str,
    resolved: bool,
    link: &str,
) -> Outgoing {
    let subject = match (lang, resolved) {
        (Lang::En, true) => format!("[Yoriai] Resolved: {title}"),
        (Lang::En, false) => format!("[Yoriai] Kept as a long-term issue: {title}"),
        (Lang::EasyJa, true) => format!("【Yoriai】かいけつ しました：{title}"),
        (Lang::EasyJa, false) => format!("【Yoriai】じかんを かけて かんがえます：{title}"),
        (_, true) => format!("【Yoriai】解決しました：{title}"),
        (_, false) => format!("【Yoriai】中長期の課題として検討します：{title}"),
    };
    let intro = match (lang, resolved) {
        (Lang::En, true) => "The ward office has resolved what you reported:".to_string(),
        (Lang::En, false) => {
            "The ward office keeps what you reported as a medium- or long-term issue:".to_string()
        }
        (Lang::EasyJa, true) => "あなたが しらせた ことは、かいけつ しました。".to_string(),
        (Lang::EasyJa, false) => {
            "あなたが しらせた ことは、じかんを かけて かんがえます。".to_string()
        }
        (_, true) => "お知らせいただいた件について、区役所で対応が完了しました。".to_string(),
        (_, false) => {
            "お知らせいただいた件は、中長期の課題として区役所で検討を続けます。".to_string()
        }
    };
    let open = pick(
        lang,
        "区からの説明は「わたしの通報」で確認できます。",
        "What the ward says about it is on “My reports”:",
        "くやくしょからの せつめいは 「わたしの つうほう」で みられます。",
    );
    Outgoing {
        kind: MailKind::MatterStatus,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{intro}\n\n  {title}\n\n{open}\n{link}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}
