//! The privacy notice (`/privacy`) and how long Yoriai keeps what it no longer needs, both set
//! by an administrator of every ward (`/admin/privacy`). The hourly sweep
//! ([`crate::retention`]) reads the periods each time, so a change applies at the next sweep.

use super::*;
use crate::admin::require_admin;
use chrono::Utc;
use shared::admin::{PrivacyView, Retention};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

/// The longest privacy notice, in characters.
pub const MAX_NOTICE_CHARS: u32 = 20_000;
/// The longest retention period an administrator may set, in days (ten years).
pub const MAX_RETENTION_DAYS: i64 = 3650;

/// The notice shown until an administrator writes the ward's own (Japanese).
const DEFAULT_NOTICE_JA: &str = "\
このサイト（Yoriai）は、区のアンケートと地域のつながりのために、次の情報を扱います。

■ アンケートの回答
回答は匿名です。アカウントとは結びつけず、お名前やメールアドレスを回答と一緒に保存することはありません。集計結果では、少ない人数の区分は表示しません。

■ アカウント（登録した方のみ）
メールアドレス、お名前（ニックネーム可）、パスワード（復元できない形で保存）、お住まいの校区（任意）、参加しているグループ、投稿、参加の返事、お知らせ。アカウントのページから、いつでも変更・ダウンロード・削除できます。

■ 記録
不正な利用を調べるため、ログインや登録の際の接続元アドレスを記録し、決められた期間のあとに消去します。送ったメールの記録（宛先・件名・日時。本文は保存しません）も、決められた期間のあとに消去します。

お問い合わせは区役所の担当窓口までお願いします。";

/// The notice shown until an administrator writes the ward's own (English).
const DEFAULT_NOTICE_EN: &str = "\
This site (Yoriai) handles the following for the ward's surveys and local networks.

Survey answers: anonymous. They are never tied to an account, and no name or address is stored with them. Results hide groups too small to stay anonymous.

Accounts (only if you sign up): your e-mail address, name (a nickname is fine), password (stored so that it cannot be recovered), home district (optional), the groups you joined, your posts, event replies and notifications. Your account page lets you change, download or delete them at any time.

Records: to look into abuse, the network address of sign-ins and sign-ups is kept, then erased after the period below. The log of mail sent (recipient, subject, time; never the body) is erased after its period too.

Questions: please ask the ward office.";

const NOTICE_JA: &str = "privacy_notice_ja";
const NOTICE_EN: &str = "privacy_notice_en";
const DRAFT_DAYS: &str = "retention_draft_days";
const ADDRESS_DAYS: &str = "retention_address_days";
const MAIL_DAYS: &str = "retention_mail_days";

/// The privacy form's fields, as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrivacyForm<'a> {
    /// The notice in Japanese.
    pub notice_ja: &'a str,
    /// The notice in English.
    pub notice_en: &'a str,
    /// Days answers saved but never sent are kept.
    pub draft_days: &'a str,
    /// Days client addresses of sign-ins and sign-ups are kept.
    pub address_days: &'a str,
    /// Days the mail log is kept.
    pub mail_days: &'a str,
}

fn days(field: &str, value: &str, errors: &mut FieldErrors) -> i64 {
    match value.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_RETENTION_DAYS).contains(&n) => n,
        Ok(_) => {
            errors.push(
                field,
                FieldError::OutOfRange {
                    min: Some("1".into()),
                    max: Some(MAX_RETENTION_DAYS.to_string()),
                },
            );
            0
        }
        Err(_) => {
            errors.push(field, FieldError::NotWhole);
            0
        }
    }
}

impl Core {
    /// The retention periods in force (the defaults until an administrator sets them).
    pub async fn retention(&self) -> Result<Retention> {
        let read = |key: &'static str, default: i64| async move {
            Ok::<i64, Error>(
                self.store
                    .installation_value(key)
                    .await?
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default),
            )
        };
        Ok(Retention {
            draft_days: read(DRAFT_DAYS, crate::retention::DRAFT_LIFETIME.num_days()).await?,
            address_days: read(ADDRESS_DAYS, crate::retention::ADDRESS_RETENTION.num_days())
                .await?,
            mail_days: read(MAIL_DAYS, crate::mail::MAIL_LOG_RETENTION.num_days()).await?,
        })
    }

    /// The privacy notice and the retention periods (public).
    pub async fn privacy_view(&self) -> Result<PrivacyView> {
        let text = |key: &'static str, default: &'static str| async move {
            Ok::<String, Error>(
                self.store
                    .installation_value(key)
                    .await?
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| default.to_string()),
            )
        };
        Ok(PrivacyView {
            notice_ja: text(NOTICE_JA, DEFAULT_NOTICE_JA).await?,
            notice_en: text(NOTICE_EN, DEFAULT_NOTICE_EN).await?,
            retention: self.retention().await?,
            installation_name: self.installation_name().await?,
        })
    }

    /// Sets the notice and the periods (administrators of every ward), every field checked.
    pub async fn set_privacy(&self, admin: &CurrentUser, form: &PrivacyForm<'_>) -> Result<()> {
        require_admin(admin)?;
        if admin.ward_id.is_some() {
            return Err(ApiError::Forbidden.into());
        }
        let mut errors = FieldErrors::default();
        for (field, text) in [("notice_ja", form.notice_ja), ("notice_en", form.notice_en)] {
            if text.chars().count() > MAX_NOTICE_CHARS as usize {
                errors.push(
                    field,
                    FieldError::TooLong {
                        max: MAX_NOTICE_CHARS,
                    },
                );
            }
        }
        if form.notice_ja.trim().is_empty() {
            errors.push("notice_ja", FieldError::Required);
        }
        let periods = [
            (DRAFT_DAYS, days("draft_days", form.draft_days, &mut errors)),
            (
                ADDRESS_DAYS,
                days("address_days", form.address_days, &mut errors),
            ),
            (MAIL_DAYS, days("mail_days", form.mail_days, &mut errors)),
        ];
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors).into());
        }
        self.store
            .set_installation_value(NOTICE_JA, form.notice_ja.trim())
            .await?;
        self.store
            .set_installation_value(NOTICE_EN, form.notice_en.trim())
            .await?;
        for (key, n) in periods {
            self.store
                .set_installation_value(key, &n.to_string())
                .await?;
        }
        let detail = periods
            .iter()
            .map(|(k, n)| format!("{k}={n}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.store
            .audit(Some(admin.id), "privacy_set", &detail, Utc::now())
            .await
    }
}
