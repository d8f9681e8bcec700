//! The digest mail: what one has not read since the last one, each with its link.

use super::{SIGNATURE, greeting, jst, pick};
use crate::mail::{MailKind, Outgoing};
use chrono::{DateTime, Utc};
use shared::Lang;

/// The most items one digest lists; the rest are counted.
pub const MAX_DIGEST_ITEMS: usize = 30;

/// One thing not read, as the digest lists it.
#[derive(Debug, Clone)]
pub struct DigestItem {
    /// What happened, in the reader's language (「コメントがありました」).
    pub what: String,
    /// What it is about: the survey's or the notice's title.
    pub title: Option<String>,
    /// Who did it or sent it.
    pub from: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Where to read it (a whole address).
    pub link: String,
}

/// What a notice item says happened.
pub fn notice_received(lang: Lang) -> String {
    pick(
        lang,
        "お知らせが届きました",
        "A notice for you",
        "おしらせが とどきました",
    )
}

fn item_text(lang: Lang, item: &DigestItem) -> String {
    let mut line = format!("■ {}", item.what);
    if let Some(title) = &item.title {
        line.push_str(&match lang {
            Lang::En => format!(": “{title}”"),
            Lang::Ja | Lang::EasyJa => format!("：「{title}」"),
        });
    }
    if let Some(from) = &item.from {
        line.push_str(&match lang {
            Lang::En => format!(" ({from})"),
            Lang::Ja | Lang::EasyJa => format!("（{from}）"),
        });
    }
    format!("{line}\n  {}\n  {}\n", jst(item.at), item.link)
}

/// A digest of `items` (oldest first, at least one) for `name`; `settings` is the link to
/// change or stop it.
pub fn digest(lang: Lang, to: &str, name: &str, items: &[DigestItem], settings: &str) -> Outgoing {
    let count = items.len();
    let subject = match lang {
        Lang::Ja => format!("【Yoriai】まだ読んでいないお知らせ {count}件"),
        Lang::En => format!("[Yoriai] {count} new for you"),
        Lang::EasyJa => format!("【Yoriai】まだ よんで いない おしらせ {count}けん"),
    };
    let intro = pick(
        lang,
        "前回のまとめのあとに届いた、まだ読んでいないお知らせです。",
        "Here is what came for you since the last digest and is still unread.",
        "まえの まとめの あとに とどいた、まだ よんで いない おしらせです。",
    );
    let mut list: String = items
        .iter()
        .take(MAX_DIGEST_ITEMS)
        .map(|item| item_text(lang, item) + "\n")
        .collect();
    let more = count.saturating_sub(MAX_DIGEST_ITEMS);
    if more > 0 {
        list.push_str(&match lang {
            Lang::Ja => format!("ほかに {more}件あります。Yoriai でご覧ください。\n\n"),
            Lang::En => format!("And {more} more: see them on Yoriai.\n\n"),
            Lang::EasyJa => format!("ほかに {more}けん あります。Yoriaiで みて ください。\n\n"),
        });
    }
    let footer = pick(
        lang,
        "このまとめは、アカウントのページで選んだ頻度（毎朝または毎週月曜の7時ごろ）でお送りしています。頻度の変更・停止はこちらから：",
        "You chose this digest (every morning, or Monday mornings, around 7:00 Japan time) on your account page. Change or stop it there:",
        "この まとめは、あなたが えらんだ とき（まいあさ か、まいしゅう げつようびの 7じごろ）に おくって います。かえる・とめる ときは ここから：",
    );
    Outgoing {
        kind: MailKind::Digest,
        recipient: to.to_string(),
        subject,
        body: format!(
            "{}\n\n{intro}\n\n{list}{footer}\n{settings}\n\n-- \n{SIGNATURE}\n",
            greeting(lang, name)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: usize) -> DigestItem {
        DigestItem {
            what: "コメントがありました".to_string(),
            title: Some(format!("アンケート{n}")),
            from: Some("田中".to_string()),
            at: DateTime::parse_from_rfc3339("2026-12-07T01:00:00Z")
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
            link: format!("https://example.jp/review/{n}"),
        }
    }

    #[test]
    fn a_digest_lists_each_item_with_its_link_time_and_the_way_to_stop_it() {
        let mail = digest(
            Lang::Ja,
            "a@example.jp",
            "花子",
            &[item(1), item(2)],
            "https://example.jp/account#digest",
        );
        assert_eq!(mail.subject, "【Yoriai】まだ読んでいないお知らせ 2件");
        assert!(mail.body.starts_with("花子 様"));
        assert!(
            mail.body
                .contains("■ コメントがありました：「アンケート1」（田中）")
        );
        assert!(mail.body.contains("2026-12-07 10:00 (JST)"));
        assert!(mail.body.contains("https://example.jp/review/2"));
        assert!(mail.body.contains("https://example.jp/account#digest"));
        let english = digest(Lang::En, "a@example.jp", "Hanako", &[item(1)], "x");
        assert_eq!(english.subject, "[Yoriai] 1 new for you");
        assert!(english.body.contains(": “アンケート1” (田中)"));
    }

    #[test]
    fn a_long_digest_lists_the_first_items_and_counts_the_rest() {
        let items: Vec<DigestItem> = (0..MAX_DIGEST_ITEMS + 5).map(item).collect();
        let mail = digest(Lang::Ja, "a@example.jp", "花子", &items, "x");
        assert_eq!(mail.body.matches("■ ").count(), MAX_DIGEST_ITEMS);
        assert!(mail.body.contains("ほかに 5件あります。"));
    }
}
