//! Group proposals and their decisions.

use super::*;

/// Proposals: anyone signed in; visible only to the proposer, staff and the directors of its
/// districts until decided; declined only with a reason; decided once; audited.
pub(super) async fn proposals(app: &TestApp) {
    let s = &app.core;
    let proposer = user(app, "proposer@example.jp", Role::Resident).await;
    let other = user(app, "other@example.jp", Role::Resident).await;
    let council = user(app, "council-net@example.jp", Role::Council).await;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    let director = demo_user(app, DEMO_DIRECTOR_EMAIL).await;
    let kitagata = district(app, "kmn-kitagata").await.to_string();
    let numa = district(app, "kmn-numa").await.to_string();
    let proposal = |name: &'static str, d: &str| {
        form(&[
            ("name", name),
            ("kind", "circle"),
            ("description", "<script>alert(1)</script> 毎週集まります"),
            ("contact_policy", "members"),
            ("contact", "proposer-contact@example.jp"),
            ("district", d),
            ("tags", "子育て、将棋"),
        ])
    };
    // Invalid: nothing stored.
    let refused = s
        .propose_group(&proposer, &form(&[("name", ""), ("district", "x")]))
        .await;
    assert!(matches!(err(refused), ApiError::Validation(_)));
    let id = s
        .propose_group(&proposer, &proposal("北方将棋クラブ", &kitagata))
        .await
        .unwrap();
    let page = s.group_page(Some(&proposer), id).await.unwrap();
    assert_eq!(page.status, GroupStatus::Pending);
    assert_eq!(page.mine, Some((Membership::Organiser, true)));
    assert!(page.can.edit && !page.can.decide);
    assert_eq!(page.card.member_count, 1);
    // Not in the directory, and not to be seen by others.
    assert!(
        !names(app, DirectoryQuery::default())
            .await
            .contains(&"北方将棋クラブ".to_string())
    );
    for who in [None, Some(&other), Some(&council)] {
        assert_eq!(err(s.group_page(who, id).await), ApiError::NotFound);
    }
    // The Kitagata director and staff see and may decide it.
    assert!(s.group_page(Some(&director), id).await.unwrap().can.decide);
    assert!(s.group_page(Some(&staff), id).await.unwrap().can.decide);
    // Others may not decide (a resident cannot even see it).
    assert_eq!(
        err(s.decide_group(&other, id, true, "").await),
        ApiError::NotFound
    );
    // Declining needs a reason.
    assert!(matches!(
        err(s.decide_group(&director, id, false, "  ").await),
        ApiError::Validation(_)
    ));
    s.decide_group(&director, id, true, "").await.unwrap();
    let page = s.group_page(None, id).await.unwrap();
    assert_eq!(page.status, GroupStatus::Approved);
    assert!(page.card.verified);
    assert_eq!(
        err(s.decide_group(&staff, id, false, "late").await),
        ApiError::Conflict,
        "decided once"
    );
    // Members-only contact: hidden from strangers, shown to members; texts escaped on the page.
    assert_eq!(page.contact, None);
    let res = app.get(&format!("/groups/{id}")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)</script>"), "escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("proposer-contact@example.jp"));
    // A Numa proposal: the Kitagata director neither sees nor decides it.
    let numa_id = s
        .propose_group(&proposer, &proposal("沼の将棋クラブ", &numa))
        .await
        .unwrap();
    assert_eq!(
        err(s.group_page(Some(&director), numa_id).await),
        ApiError::NotFound
    );
    assert_eq!(
        err(s.decide_group(&director, numa_id, true, "").await),
        ApiError::NotFound
    );
    let queue: Vec<String> = s
        .pending_groups(&director)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.card.name)
        .collect();
    assert!(!queue.contains(&"沼の将棋クラブ".to_string()), "{queue:?}");
    let queue: Vec<String> = s
        .pending_groups(&staff)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.card.name)
        .collect();
    assert!(queue.contains(&"沼の将棋クラブ".to_string()), "{queue:?}");
    assert_eq!(err(s.pending_groups(&other).await), ApiError::Forbidden);
    // Staff decline with a reason the proposer reads.
    s.decide_group(&staff, numa_id, false, "活動内容を詳しく書いてください")
        .await
        .unwrap();
    let page = s.group_page(Some(&proposer), numa_id).await.unwrap();
    assert_eq!(page.status, GroupStatus::Declined);
    assert_eq!(page.decision_reason, "活動内容を詳しく書いてください");
    // Three waiting proposals at most per person.
    for n in 0..3 {
        s.propose_group(&other, &proposal(["A会", "B会", "C会"][n], &numa))
            .await
            .unwrap();
    }
    assert_eq!(
        err(s.propose_group(&other, &proposal("D会", &numa)).await),
        ApiError::RateLimited
    );
    // Editing: the organiser may; a stranger is refused; staff may.
    let mut changed = proposal("北方将棋・囲碁クラブ", &kitagata);
    changed.push("district", numa.clone());
    s.edit_group(&proposer, id, &changed).await.unwrap();
    let page = s.group_page(None, id).await.unwrap();
    assert_eq!(page.card.name, "北方将棋・囲碁クラブ");
    assert_eq!(page.card.districts.len(), 2);
    assert_eq!(
        err(s.edit_group(&other, id, &changed).await),
        ApiError::Forbidden
    );
    s.edit_group(&staff, id, &changed).await.unwrap();
    let audit: Vec<String> = s
        .store
        .audit_entries(50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "propose_group",
        "approve_group",
        "decline_group",
        "edit_group",
    ] {
        assert!(audit.iter().any(|a| a == action), "{action} in {audit:?}");
    }
}
