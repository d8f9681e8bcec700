//! The group directory.

use super::*;

/// The directory: approved groups only; filters by district, kind and tag; substring search
/// in Japanese; wildcards taken literally.
pub(super) async fn directory(app: &TestApp) {
    let all = names(app, DirectoryQuery::default()).await;
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(
        !all.contains(&"沼の歴史を歩く会".to_string()),
        "pending hidden"
    );
    let search = |s: &str| DirectoryQuery {
        search: s.into(),
        ..DirectoryQuery::default()
    };
    // A substring anywhere: "ラン" is in a name and inside the tag "ボランティア".
    assert_eq!(
        names(app, search("ラン")).await,
        vec!["守恒ゆるラン部", "湯川こども食堂"]
    );
    assert_eq!(names(app, search("ゆるラン")).await, vec!["守恒ゆるラン部"]);
    // In the description only ("夕ご飯"), and in a tag only ("ペット" is also in the name, so
    // use "食事").
    assert_eq!(names(app, search("夕ご飯")).await, vec!["湯川こども食堂"]);
    assert_eq!(names(app, search("食事")).await, vec!["湯川こども食堂"]);
    assert!(names(app, search("%")).await.is_empty());
    assert!(names(app, search("_")).await.is_empty());
    let kikugaoka = district(app, "kmn-kikugaoka").await;
    assert_eq!(
        names(
            app,
            DirectoryQuery {
                district: Some(kikugaoka),
                ..DirectoryQuery::default()
            }
        )
        .await,
        vec!["ペットショップ ポチ 企救丘店"]
    );
    assert_eq!(
        names(
            app,
            DirectoryQuery {
                kind: Some(GroupKind::Business),
                ..DirectoryQuery::default()
            }
        )
        .await,
        vec!["ペットショップ ポチ 企救丘店", "北方商店会"]
    );
    assert_eq!(
        names(
            app,
            DirectoryQuery {
                tag: Some("子育て".into()),
                ..DirectoryQuery::default()
            }
        )
        .await,
        vec!["北方ママパパの会", "湯川こども食堂"]
    );
    // The page itself, signed out, with a filter in its address.
    let res = app.get("/groups?tag=%E5%AD%90%E8%82%B2%E3%81%A6").await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("北方ママパパの会") && page.contains("湯川こども食堂"));
    assert!(!page.contains("守恒ゆるラン部"), "filtered out");
    assert!(page.contains("2件のグループ"), "count shown");
    assert!(page.contains("✓ 確認済み"), "verified badge");
}
