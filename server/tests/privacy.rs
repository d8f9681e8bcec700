//! The privacy notice and the retention periods: the defaults shown to anyone; only an
//! administrator of every ward changes them, every bad value named; the hourly clean-up
//! follows the periods set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::{Duration, Utc};
use common::{PASSWORD, TestApp, cookie};
use shared::account::Role;
use yoriai_core::demo::{DEMO_ADMIN_EMAIL, DEMO_STAFF_PASSWORD};

#[tokio::test]
async fn the_notice_and_the_periods_are_the_administrators_and_the_sweep_follows_them() {
    let app = TestApp::sqlite().await;
    let page = app.html("/privacy").await;
    assert!(page.contains("回答は匿名です"), "{page}");
    assert!(page.contains("data-days=\"addresses\">90日"), "{page}");
    assert!(page.contains("href=\"/privacy\""), "linked from the footer");

    // A ward's administrator may not; an administrator of every ward may.
    let ward_admin = cookie(&app, DEMO_ADMIN_EMAIL, DEMO_STAFF_PASSWORD).await;
    let form = |ja: &str, drafts: &str, addresses: &str, mail: &str| {
        vec![
            ("notice_ja".to_string(), ja.to_string()),
            ("notice_en".to_string(), "Our own notice.".to_string()),
            ("draft_days".to_string(), drafts.to_string()),
            ("address_days".to_string(), addresses.to_string()),
            ("mail_days".to_string(), mail.to_string()),
        ]
    };
    let post = |cookie: String, fields: Vec<(String, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.post_form_with("/admin/privacy", &pairs, &[("cookie", cookie.as_str())])
                .await
        }
    };
    let refused = post(ward_admin.clone(), form("区の方針", "30", "90", "90")).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        app.get_with_cookie("/admin/privacy", &ward_admin)
            .await
            .status(),
        403
    );
    app.core
        .create_user("city@example.jp", "市 管理者", PASSWORD, Role::Admin, None)
        .await
        .unwrap();
    let city = cookie(&app, "city@example.jp", PASSWORD).await;
    assert_eq!(
        app.get_with_cookie("/admin/privacy", &city).await.status(),
        200
    );

    // Every bad value named, what was typed kept, nothing saved.
    let bad = post(city.clone(), form("", "0", "abc", "4000")).await;
    assert_eq!(bad.status(), 422);
    let bad = bad.text().await.unwrap();
    for field in ["notice_ja", "draft_days", "address_days", "mail_days"] {
        assert!(
            !bad.contains(&format!("id=\"{field}-error\" class=\"field-error\"><!>")),
            "{field}: {bad}"
        );
    }
    assert!(bad.contains("value=\"abc\""), "{bad}");
    assert!(app.html("/privacy").await.contains("回答は匿名です"));

    // Saved: the public page shows it, and the sweep keeps addresses one day only.
    let saved = post(
        city.clone(),
        form("北九州市の個人情報の方針です。", "7", "1", "30"),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], "/admin/privacy?saved=1");
    let page = app.html("/privacy").await;
    assert!(page.contains("北九州市の個人情報の方針です。"), "{page}");
    assert!(page.contains("data-days=\"addresses\">1日"), "{page}");
    let two_days_ago = Utc::now() - Duration::days(2);
    app.core
        .store
        .audit(None, "sign_in", "address 203.0.113.9", two_days_ago)
        .await
        .unwrap();
    app.core.forget_expired(Utc::now()).await;
    let audit = app.core.store.audit_entries(200).await.unwrap();
    assert!(
        !audit.iter().any(|e| e.detail.contains("203.0.113.9")),
        "the address older than the period set is gone"
    );
    assert!(audit.iter().any(|e| e.action == "privacy_set"));
    app.stop().await;
}
