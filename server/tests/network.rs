//! Loose local networks on a real database (SQLite and PostgreSQL): signing up with only an
//! e-mail, a name and a password; the directory's filters and Japanese substring search;
//! proposals decided by staff or the district's centre director; joining, following and leaving
//! with the counts kept on write (also under concurrency); what organisers may see of their
//! members; and every network server function and form for every role.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::TestApp;
use shared::account::Role;
use shared::answer::FormValues;
use shared::network::GroupPage;
use shared::network::posts::PostView;
use shared::network::{DirectoryQuery, GroupKind, GroupStatus, Membership};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError};
use yoriai_core::demo::{DEMO_DIRECTOR_EMAIL, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD};

const PASSWORD: &str = "a long enough password";

async fn user(app: &TestApp, email: &str, role: Role) -> CurrentUser {
    let s = &app.core;
    s.create_user(email, email, PASSWORD, role, None)
        .await
        .unwrap();
    let signed = s.sign_in(email, PASSWORD, "127.0.0.1").await.unwrap();
    s.user_for_token(&signed.token).await.unwrap().unwrap()
}

async fn demo_user(app: &TestApp, email: &str) -> CurrentUser {
    let s = &app.core;
    let signed = s
        .sign_in(email, DEMO_STAFF_PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    s.user_for_token(&signed.token).await.unwrap().unwrap()
}

/// A session cookie for an account.
async fn cookie(app: &TestApp, email: &str, password: &str) -> String {
    let signed = app
        .core
        .sign_in(email, password, "127.0.0.2")
        .await
        .unwrap();
    format!("{}={}", app::api::SESSION_COOKIE, signed.token)
}

fn form(pairs: &[(&str, &str)]) -> FormValues {
    FormValues::of(pairs)
}

async fn district(app: &TestApp, code: &str) -> i64 {
    let ward = app.core.store.ward_ids().await.unwrap()[0];
    app.core
        .store
        .district_by_code(ward, code)
        .await
        .unwrap()
        .unwrap()
}

async fn names(app: &TestApp, query: DirectoryQuery) -> Vec<String> {
    let mut names: Vec<String> = app
        .core
        .directory(None, &query)
        .await
        .unwrap()
        .groups
        .into_iter()
        .map(|g| g.name)
        .collect();
    names.sort();
    names
}

async fn group_id(app: &TestApp, name: &str) -> i64 {
    let (all, _) = (
        app.core
            .store
            .directory(&DirectoryQuery::default())
            .await
            .unwrap(),
        (),
    );
    if let Some(g) = all.iter().find(|g| g.fields.name == name) {
        return g.id;
    }
    // Not approved: find it among the pending ones.
    app.core
        .store
        .pending_groups(None, None)
        .await
        .unwrap()
        .into_iter()
        .find(|(g, _)| g.fields.name == name)
        .map(|(g, _)| g.id)
        .unwrap()
}

fn err(result: yoriai_core::error::Result<impl std::fmt::Debug>) -> ApiError {
    ApiError::from(result.expect_err("should be refused"))
}

/// Sign-up over HTTP: a Japanese name, an optional district, signed in at once; refusals keep
/// what was typed (never the password) with the right status.
async fn signing_up(app: &TestApp) {
    let moritsune = district(app, "kmn-moritsune").await.to_string();
    let res = app
        .post_form(
            "/sign-up",
            &[
                ("email", "  Hanako.Minami@Example.JP "),
                ("display_name", "南 はなこ"),
                ("password", "とても長いパスワードです123"),
                ("district", &moritsune),
                ("next", "/groups/1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/groups/1");
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    let session = set_cookie.split(';').next().unwrap().to_string();
    let token = session.split_once('=').unwrap().1;
    let me = app.core.user_for_token(token).await.unwrap().unwrap();
    assert_eq!(me.display_name, "南 はなこ");
    assert_eq!(me.role, Role::Resident);
    assert_eq!(me.district_id, Some(moritsune.parse().unwrap()));
    // Same address again (any case): refused, nothing stored twice.
    let res = app
        .post_form(
            "/sign-up",
            &[
                ("email", "hanako.minami@example.jp"),
                ("display_name", "別人"),
                ("password", "another long password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("すでに登録されています"), "{page}");
    // Bad fields: each named, typed values kept, the password never sent back.
    let res = app
        .post_form(
            "/sign-up",
            &[
                ("email", "not-an-address"),
                ("display_name", "名前"),
                ("password", "short-secret"),
                ("district", "999999"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("value=\"not-an-address\""), "email kept");
    assert!(!page.contains("short-secret"), "password never echoed");
    // Rate limit per address: ten an hour.
    for n in 0..10 {
        app.core
            .sign_up(
                &format!("many{n}@example.jp"),
                "たくさん",
                PASSWORD,
                None,
                "10.9.9.9",
            )
            .await
            .unwrap();
    }
    let refused = app
        .core
        .sign_up("many10@example.jp", "たくさん", PASSWORD, None, "10.9.9.9")
        .await;
    assert_eq!(err(refused), ApiError::RateLimited);
    assert!(
        app.core
            .store
            .credentials("many10@example.jp")
            .await
            .unwrap()
            .is_none()
    );
}

/// The directory: approved groups only; filters by district, kind and tag; substring search
/// in Japanese; wildcards taken literally.
async fn directory(app: &TestApp) {
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

/// Proposals: anyone signed in; visible only to the proposer, staff and the directors of its
/// districts until decided; declined only with a reason; decided once; audited.
async fn proposals(app: &TestApp) {
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

/// Joining, following and leaving: counts kept on write (also under concurrency), names shown
/// to organisers only where agreed, e-mail addresses never.
async fn memberships(app: &TestApp) {
    let s = &app.core;
    let id = group_id(app, "守恒ゆるラン部").await;
    let before = s.group_page(None, id).await.unwrap().card;
    let shy = user(app, "shy@example.jp", Role::Resident).await;
    let open = user(app, "open@example.jp", Role::Resident).await;
    assert_eq!(
        s.join_group(&shy, id, Membership::Member, false)
            .await
            .unwrap(),
        Membership::Member
    );
    s.join_group(&open, id, Membership::Follower, true)
        .await
        .unwrap();
    // Joining twice changes nothing; following after joining moves the count.
    s.join_group(&shy, id, Membership::Member, false)
        .await
        .unwrap();
    let card = s.group_page(None, id).await.unwrap().card;
    assert_eq!(card.member_count, before.member_count + 1);
    assert_eq!(card.follower_count, before.follower_count + 1);
    s.join_group(&open, id, Membership::Member, true)
        .await
        .unwrap();
    let card = s.group_page(None, id).await.unwrap().card;
    assert_eq!(card.member_count, before.member_count + 2);
    assert_eq!(card.follower_count, before.follower_count);
    // The organiser sees the member who agreed, by name, and the other only counted.
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let page = s.group_page(Some(&organiser), id).await.unwrap();
    let members = page.members.expect("organisers see members");
    let named: Vec<Option<String>> = members.iter().map(|m| m.name.clone()).collect();
    assert!(named.contains(&Some("open@example.jp".into())), "{named:?}");
    assert!(!named.contains(&Some("shy@example.jp".into())), "{named:?}");
    assert_eq!(
        members.len() as i64,
        card.member_count + card.follower_count
    );
    // Members do not see the member list; the organiser's page over HTTP has no e-mail.
    assert!(
        s.group_page(Some(&shy), id)
            .await
            .unwrap()
            .members
            .is_none()
    );
    let organiser_cookie = cookie(app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    let html = app
        .get_with_cookie(&format!("/groups/{id}"), &organiser_cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("（名前非公開）"), "the shy member is counted");
    assert!(!html.contains("shy@example.jp"), "no e-mail addresses");
    // Leaving: counts back; the last organiser cannot leave.
    s.leave_group(&shy, id).await.unwrap();
    s.leave_group(&shy, id).await.unwrap();
    assert_eq!(
        s.group_page(None, id).await.unwrap().card.member_count,
        before.member_count + 1
    );
    assert_eq!(err(s.leave_group(&organiser, id).await), ApiError::Conflict);
    // An organiser "joining" stays an organiser.
    assert_eq!(
        s.join_group(&organiser, id, Membership::Follower, false)
            .await
            .unwrap(),
        Membership::Organiser
    );
    // Twenty people join at once: the count matches the rows.
    let mut people = Vec::new();
    for n in 0..20 {
        people.push(user(app, &format!("crowd{n}@example.jp"), Role::Resident).await);
    }
    let joins = people.iter().enumerate().map(|(n, u)| {
        let m = if n % 2 == 0 {
            Membership::Member
        } else {
            Membership::Follower
        };
        s.join_group(u, id, m, false)
    });
    for result in futures_util::future::join_all(joins).await {
        result.unwrap();
    }
    let card = s.group_page(None, id).await.unwrap().card;
    let rows = s.store.group_members(id).await.unwrap();
    let members = rows
        .iter()
        .filter(|m| m.membership != Membership::Follower)
        .count() as i64;
    let followers = rows.len() as i64 - members;
    assert_eq!(
        (card.member_count, card.follower_count),
        (members, followers)
    );
    // A pending group cannot be joined, even by someone who may see it.
    let numa = group_id(app, "沼の歴史を歩く会").await;
    assert_eq!(
        err(s
            .join_group(&organiser, numa, Membership::Member, true)
            .await),
        ApiError::Conflict
    );
    assert_eq!(
        err(s.join_group(&shy, numa, Membership::Member, true).await),
        ApiError::NotFound
    );
    // Over HTTP without JavaScript: join with the name shown, then leave.
    let shy_cookie = cookie(app, "shy@example.jp", PASSWORD).await;
    let post = |path: String, pairs: Vec<(&'static str, &'static str)>, c: String| async move {
        app.post_form_with(&path, &pairs, &[("cookie", &c)]).await
    };
    let res = post(
        format!("/groups/{id}/membership"),
        vec![("action", "join"), ("show_name", "1")],
        shy_cookie.clone(),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        s.store.membership(id, shy.id).await.unwrap(),
        Some((Membership::Member, true))
    );
    let res = post(
        format!("/groups/{id}/membership"),
        vec![("action", "leave")],
        shy_cookie.clone(),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(s.store.membership(id, shy.id).await.unwrap(), None);
    let res = post(
        format!("/groups/{id}/membership"),
        vec![("action", "become-admin")],
        shy_cookie,
    )
    .await;
    assert_eq!(res.status(), 400);
    // Signed out: to the sign-in page, nothing stored.
    let res = app
        .post_form(&format!("/groups/{id}/membership"), &[("action", "join")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in")
    );
}

/// Every network server function, for every role: the status and error it answers.
/// The status of a form post to `path`, with the session cookie `cookie` if any.
async fn status_as(
    app: &TestApp,
    path: &str,
    pairs: &[(&str, &str)],
    cookie: Option<&String>,
) -> u16 {
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c.as_str())).into_iter().collect();
    app.post_form_with(path, pairs, &headers)
        .await
        .status()
        .as_u16()
}

async fn server_functions_by_role(app: &TestApp) {
    let approved = group_id(app, "北方ママパパの会").await;
    let pending = group_id(app, "沼の歴史を歩く会").await;
    let staff = cookie(
        app,
        yoriai_core::demo::DEMO_STAFF_EMAIL,
        DEMO_STAFF_PASSWORD,
    )
    .await;
    let organiser = cookie(app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    let director = cookie(app, DEMO_DIRECTOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    user(app, "matrix-resident@example.jp", Role::Resident).await;
    let resident = cookie(app, "matrix-resident@example.jp", PASSWORD).await;
    user(app, "matrix-council@example.jp", Role::Council).await;
    let council = cookie(app, "matrix-council@example.jp", PASSWORD).await;
    let roles: [(&str, Option<&String>); 6] = [
        ("anonymous", None),
        ("resident", Some(&resident)),
        ("organiser", Some(&organiser)),
        ("director", Some(&director)),
        ("council", Some(&council)),
        ("staff", Some(&staff)),
    ];
    // Expected outcome per role, in the order above: "ok" or the ApiError variant.
    let cases: Vec<(&str, String, [&str; 6])> = vec![
        (
            "directory",
            "query=q%3D%E3%83%A9%E3%83%B3".into(),
            ["ok", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "group",
            format!("id={approved}"),
            ["ok", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "group",
            format!("id={pending}"),
            ["NotFound", "NotFound", "ok", "NotFound", "NotFound", "ok"],
        ),
        ("group", "id=987654".into(), ["NotFound"; 6]),
        (
            "propose_view",
            String::new(),
            ["Unauthorized", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "pending_groups",
            String::new(),
            [
                "Unauthorized",
                "Forbidden",
                "Forbidden",
                "ok",
                "Forbidden",
                "ok",
            ],
        ),
        (
            "feed",
            String::new(),
            ["Unauthorized", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "suggested_groups",
            format!("slug={}", yoriai_core::demo::DEMO_SURVEY_SLUG),
            ["ok", "ok", "ok", "ok", "ok", "ok"],
        ),
        (
            "notices",
            String::new(),
            [
                "Unauthorized",
                "Forbidden",
                "Forbidden",
                "ok",
                "Forbidden",
                "ok",
            ],
        ),
        (
            "reports",
            String::new(),
            [
                "Unauthorized",
                "Forbidden",
                "Forbidden",
                "Forbidden",
                "Forbidden",
                "ok",
            ],
        ),
    ];
    let mut checked = 0;
    for (endpoint, body, expected) in &cases {
        for ((role, session), want) in roles.iter().zip(expected) {
            let mut request = app
                .client
                .post(app.url(&format!("/api/{endpoint}")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.clone());
            if let Some(c) = session {
                request = request.header("cookie", c.as_str());
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            if *want == "ok" {
                assert_eq!(status, 200, "{endpoint} {body} as {role}: {text}");
            } else {
                assert!(
                    status != 200 && text.contains(want),
                    "{endpoint} {body} as {role}: want {want}, got {status} {text}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 60);
    // The forms, by role, on the pending Numa proposal: only staff may decide it (the
    // director is Kitagata's); only the organiser and staff may edit it.
    let decision = format!("/groups/{pending}/decision");
    let decline = [("action", "decline"), ("reason", "")];
    let deciders = [
        (None, 303),
        (Some(&resident), 404),
        (Some(&council), 404),
        (Some(&director), 404),
        (Some(&organiser), 403),
        (Some(&staff), 422),
    ];
    for (who, want) in deciders {
        // Signed out: to sign-in; staff: allowed, but a reason is needed.
        assert_eq!(status_as(app, &decision, &decline, who).await, want);
    }
    let edit = |c: String| async move {
        app.post_form_with(
            &format!("/groups/{pending}/edit"),
            &[("name", "")],
            &[("cookie", c.as_str())],
        )
        .await
        .status()
        .as_u16()
    };
    assert_eq!(edit(resident.clone()).await, 404);
    assert_eq!(edit(director.clone()).await, 404);
    assert_eq!(
        edit(organiser.clone()).await,
        422,
        "allowed, but the form is empty"
    );
    assert_eq!(edit(staff.clone()).await, 422);
    // A cross-site form post is refused whoever sends it.
    let res = app
        .post_form_with(
            &format!("/groups/{approved}/membership"),
            &[("action", "join")],
            &[("cookie", &resident), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // Reporting: anyone signed in (signed out: to sign-in); deciding: staff only, whoever
    // else asks is refused before anything is read.
    let group = approved.to_string();
    let empty_report = [("group", group.as_str()), ("reason", "")];
    assert_eq!(
        status_as(app, "/reports", &empty_report, None).await,
        303,
        "signed out: to sign-in"
    );
    for who in [&resident, &organiser, &director, &council, &staff] {
        assert_eq!(
            status_as(app, "/reports", &empty_report, Some(who)).await,
            422,
            "allowed; a reason is needed"
        );
    }
    let hide = [
        ("group", group.as_str()),
        ("action", "hide"),
        ("reason", ""),
    ];
    assert_eq!(
        status_as(app, "/groups/reports", &hide, None).await,
        303,
        "signed out: to sign-in"
    );
    for who in [&resident, &organiser, &director, &council] {
        assert_eq!(
            status_as(app, "/groups/reports", &hide, Some(who)).await,
            403
        );
    }
    assert_eq!(
        status_as(app, "/groups/reports", &hide, Some(&staff)).await,
        422,
        "a reason is needed"
    );
}

/// The demo survey answered over HTTP without JavaScript by the shortest path, starting from
/// `start` (the start form's fields, e.g. the group link's `via`).
async fn answer_demo_survey(app: &TestApp, start: &[(&str, &str)]) {
    let survey = format!("/s/{}", yoriai_core::demo::DEMO_SURVEY_SLUG);
    let page = |n: usize| format!("{survey}/p/{n}");
    let mut b = common::Browser::new(app);
    assert_eq!(b.post_to(&format!("{survey}/start"), start).await, page(1));
    let screens: [&[(&str, &str)]; 5] = [
        &[("q.use_freq", "never"), ("q.not_use_reason", "hours")],
        &[("q.sunday", "2")],
        &[],
        &[("q.age", "40s")],
        &[],
    ];
    for (n, answers) in screens.iter().enumerate() {
        let mut pairs = answers.to_vec();
        pairs.push(("nav", "next"));
        b.post_to(&page(n + 1), &pairs).await;
    }
    let thanks = b.post_to(&format!("{survey}/submit"), &[]).await;
    assert!(thanks.ends_with("/thanks"), "{thanks}");
}

/// A group's survey link records the group on the response; analytics counts responses per
/// referring group (a bar, a filter, a cross-tab variable), hidden below the threshold
/// outside staff. A link naming no approved group is ignored, not refused.
async fn referrals(app: &TestApp) {
    let s = &app.core;
    let group = group_id(app, "北方ママパパの会").await;
    let pending = group_id(app, "沼の歴史を歩く会").await;
    let survey_id = app.demo_survey_id().await;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    // The group's page links the open survey through the group; a pending group's does not.
    let page = s.group_page(None, group).await.unwrap();
    let link = format!("/s/{}?via={group}", yoriai_core::demo::DEMO_SURVEY_SLUG);
    assert!(
        page.surveys.iter().any(|l| l.path == link),
        "{:?}",
        page.surveys
    );
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let pending_page = s.group_page(Some(&organiser), pending).await.unwrap();
    assert!(pending_page.surveys.is_empty());
    // The start page carries the group into its form.
    let start = app.get(&link).await.text().await.unwrap();
    assert!(
        start.contains(&format!("name=\"via\" value=\"{group}\"")),
        "the start form keeps the group"
    );
    let before = s
        .results_view(&staff, survey_id, &Default::default())
        .await
        .unwrap()
        .dashboard
        .by_referrer;
    let count = |bars: &[shared::analytics::Bar], value: &str| {
        bars.iter()
            .find(|b| b.value == value)
            .and_then(|b| b.count.count())
            .unwrap_or(0)
    };
    let (group_key, pending_key) = (group.to_string(), pending.to_string());
    answer_demo_survey(app, &[("via", &group_key)]).await;
    answer_demo_survey(app, &[("via", &group_key)]).await;
    // Not approved, unknown, not a number: answered all the same, not attributed.
    answer_demo_survey(app, &[("via", &pending_key)]).await;
    answer_demo_survey(app, &[("via", "987654")]).await;
    answer_demo_survey(app, &[("via", "x")]).await;
    answer_demo_survey(app, &[]).await;
    let view = s
        .results_view(&staff, survey_id, &Default::default())
        .await
        .unwrap();
    let after = &view.dashboard.by_referrer;
    assert_eq!(count(after, &group_key), count(&before, &group_key) + 2);
    assert_eq!(count(after, ""), count(&before, "") + 4);
    assert_eq!(count(after, &pending_key), 0);
    let bar = after.iter().find(|b| b.value == group_key).unwrap();
    assert_eq!(bar.label.plain(shared::Lang::Ja), "北方ママパパの会");
    assert!(
        view.vars
            .iter()
            .any(|v| v.var == shared::analytics::Var::Referrer)
    );
    // The filter keeps only the group's responses; the cross-tab counts them by age.
    let query =
        |pairs: &[(&str, &str)]| shared::analytics::ResultsQuery::from_pairs(pairs.iter().copied());
    let only = s
        .results_view(&staff, survey_id, &query(&[("via", &group_key)]))
        .await
        .unwrap();
    assert_eq!(only.dashboard.total.count(), Some(count(after, &group_key)));
    let table = s
        .results_view(&staff, survey_id, &query(&[("r", "via"), ("c", "q:age")]))
        .await
        .unwrap()
        .crosstab
        .expect("a cross-tab by referring group");
    let row = table
        .rows
        .categories
        .iter()
        .position(|c| c.value == group_key)
        .unwrap();
    assert_eq!(
        table.rows.categories[row].count.count(),
        Some(count(after, &group_key))
    );
    // Stored on the responses themselves (and so in every later read of the cube).
    let stored: i64 = s.store.count_referred(survey_id, group).await.unwrap();
    assert_eq!(stored, count(after, &group_key) as i64);
}

/// Reports and moderation: residents report what they can see (once per open report, rate
/// limited); staff hide, restore, remove or dismiss with reasons; hidden posts and groups
/// vanish for residents but stay, marked, for organisers and staff; every decision is audited.
async fn moderation(app: &TestApp) {
    let s = &app.core;
    let group = group_id(app, "北方ママパパの会").await;
    let pending = group_id(app, "沼の歴史を歩く会").await;
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    let reader = user(app, "reader@example.jp", Role::Resident).await;
    let other = user(app, "other-reader@example.jp", Role::Resident).await;
    s.join_group(&reader, group, Membership::Member, false)
        .await
        .unwrap();
    // Stored directly: the organiser used up this hour's posts in the posting tests.
    let now = chrono::Utc::now();
    let fields = shared::network::posts::PostFields::from_form(
        &form(&[
            ("kind", "news"),
            ("title", "特売のお知らせ"),
            ("body", "今だけ半額！"),
        ]),
        now,
    )
    .unwrap();
    let post = s
        .store
        .create_post(group, organiser.id, &fields, now)
        .await
        .unwrap();
    let (g, p) = (group.to_string(), post.to_string());
    let report = |who: &CurrentUser, pairs: &[(&str, &str)]| {
        let (s, who, f) = (s, who.clone(), form(pairs));
        async move { s.report(&who, &f).await }
    };
    // Refused: no reason, a post of another group, an unknown post, a group nobody may see.
    assert!(matches!(
        err(report(&reader, &[("group", &g), ("post", &p)]).await),
        ApiError::Validation(_)
    ));
    let wrong_group = group_id(app, "北方商店会").await.to_string();
    for pairs in [
        vec![("group", wrong_group.as_str()), ("post", p.as_str())],
        vec![("group", g.as_str()), ("post", "987654")],
        vec![("group", "987654")],
    ] {
        let mut pairs = pairs;
        pairs.push(("reason", "宣伝です"));
        assert_eq!(err(report(&reader, &pairs).await), ApiError::NotFound);
    }
    let pending_key = pending.to_string();
    assert_eq!(
        err(report(&reader, &[("group", &pending_key), ("reason", "x")]).await),
        ApiError::NotFound
    );
    assert_eq!(
        err(report(&reader, &[("post", &p), ("reason", "x")]).await),
        ApiError::BadRequest
    );
    // Reported twice by one reader (one report kept) and once by another.
    for _ in 0..2 {
        report(
            &reader,
            &[("group", &g), ("post", &p), ("reason", "宣伝ばかりです")],
        )
        .await
        .unwrap();
    }
    report(
        &other,
        &[("group", &g), ("post", &p), ("reason", "<b>商業目的</b>")],
    )
    .await
    .unwrap();
    assert_eq!(err(s.moderation_queue(&reader).await), ApiError::Forbidden);
    assert_eq!(
        err(s.moderation_queue(&organiser).await),
        ApiError::Forbidden
    );
    let queue = s.moderation_queue(&staff).await.unwrap();
    let item = queue
        .open
        .iter()
        .find(|i| i.target.post == Some(post))
        .unwrap();
    assert_eq!(item.reasons, vec!["<b>商業目的</b>", "宣伝ばかりです"]);
    assert_eq!(item.post_title.as_deref(), Some("特売のお知らせ"));
    assert!(!item.hidden);
    // Only staff decide; hiding needs a reason.
    let decide = |who: &CurrentUser, pairs: &[(&str, &str)]| {
        let (s, who, f) = (s, who.clone(), form(pairs));
        async move { s.moderate(&who, &f).await }
    };
    let hide = [
        ("group", g.as_str()),
        ("post", p.as_str()),
        ("action", "hide"),
    ];
    assert_eq!(
        err(decide(&organiser, &[hide.as_slice(), &[("reason", "x")]].concat()).await),
        ApiError::Forbidden
    );
    assert!(matches!(
        err(decide(&staff, &hide).await),
        ApiError::Validation(_)
    ));
    let reason = "営利目的の宣伝のため";
    decide(&staff, &[hide.as_slice(), &[("reason", reason)]].concat())
        .await
        .unwrap();
    // Gone for residents (group page, feed, the post itself); marked for the organiser.
    let seen = |page: &shared::network::GroupPage| page.posts.iter().any(|x| x.id == post);
    assert!(!seen(&s.group_page(Some(&reader), group).await.unwrap()));
    assert!(!seen(&s.group_page(None, group).await.unwrap()));
    assert!(
        !s.feed(&reader)
            .await
            .unwrap()
            .posts
            .iter()
            .any(|x| x.id == post)
    );
    let mine = s.group_page(Some(&organiser), group).await.unwrap();
    let marked = mine.posts.iter().find(|x| x.id == post).unwrap();
    assert_eq!(marked.hidden.as_deref(), Some(reason));
    // Reports closed; the item waits under "hidden" to be restored. Deciding again: 409.
    let queue = s.moderation_queue(&staff).await.unwrap();
    assert!(!queue.open.iter().any(|i| i.target.post == Some(post)));
    assert!(
        queue
            .hidden
            .iter()
            .any(|i| i.target.post == Some(post) && i.hidden_reason == reason)
    );
    assert_eq!(
        err(decide(&staff, &[hide.as_slice(), &[("reason", reason)]].concat()).await),
        ApiError::Conflict
    );
    let dismiss = [
        ("group", g.as_str()),
        ("post", p.as_str()),
        ("action", "dismiss"),
    ];
    assert_eq!(
        err(decide(&staff, &dismiss).await),
        ApiError::Conflict,
        "nothing open"
    );
    // Restored: back for everyone, unmarked.
    decide(
        &staff,
        &[("group", &g), ("post", &p), ("action", "restore")],
    )
    .await
    .unwrap();
    let back = s.group_page(Some(&reader), group).await.unwrap();
    assert!(
        back.posts
            .iter()
            .any(|x| x.id == post && x.hidden.is_none())
    );
    // Removed: gone for the organiser too, and nothing more to decide.
    decide(
        &staff,
        &[
            ("group", &g),
            ("post", &p),
            ("action", "remove"),
            ("reason", reason),
        ],
    )
    .await
    .unwrap();
    assert!(!seen(&s.group_page(Some(&organiser), group).await.unwrap()));
    assert_eq!(
        err(decide(
            &staff,
            &[("group", &g), ("post", &p), ("action", "restore")]
        )
        .await),
        ApiError::NotFound
    );
    // A whole group: hidden from the directory and its page (404) but not from its organiser,
    // who reads why; restored; never "removed".
    report(&reader, &[("group", &g), ("reason", "活動実態がない")])
        .await
        .unwrap();
    assert_eq!(
        err(decide(
            &staff,
            &[("group", &g), ("action", "remove"), ("reason", "x")]
        )
        .await),
        ApiError::BadRequest
    );
    decide(
        &staff,
        &[
            ("group", &g),
            ("action", "hide"),
            ("reason", "確認中のため"),
        ],
    )
    .await
    .unwrap();
    assert!(
        !names(app, DirectoryQuery::default())
            .await
            .contains(&"北方ママパパの会".to_string())
    );
    assert_eq!(
        err(s.group_page(Some(&reader), group).await),
        ApiError::NotFound
    );
    let own = s.group_page(Some(&organiser), group).await.unwrap();
    assert_eq!(
        (own.status, own.decision_reason.as_str()),
        (GroupStatus::Hidden, "確認中のため")
    );
    decide(&staff, &[("group", &g), ("action", "restore")])
        .await
        .unwrap();
    assert!(
        names(app, DirectoryQuery::default())
            .await
            .contains(&"北方ママパパの会".to_string())
    );
    let restored = s.group_page(Some(&reader), group).await.unwrap();
    assert_eq!(
        (restored.status, restored.decision_reason.as_str()),
        (GroupStatus::Approved, "")
    );
    // Every decision is in the audit log, with its reason.
    let audit = s.store.audit_entries(50).await.unwrap();
    let moderation: Vec<&str> = audit
        .iter()
        .filter(|e| e.action.starts_with("moderate_"))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(moderation.len(), 5, "{moderation:?}");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "moderate_post" && e.detail.contains(reason))
    );
    // Ten reports an hour per person: the eleventh is refused (dismissed ones count too).
    let shop = group_id(app, "北方商店会").await.to_string();
    let mut made = s
        .store
        .reports_by_since(other.id, chrono::Utc::now() - chrono::TimeDelta::hours(1))
        .await
        .unwrap();
    while made < yoriai_core::network::moderation::REPORTS_PER_HOUR {
        report(&other, &[("group", &shop), ("reason", "テスト")])
            .await
            .unwrap();
        decide(&staff, &[("group", &shop), ("action", "dismiss")])
            .await
            .unwrap();
        made += 1;
    }
    assert_eq!(
        err(report(&other, &[("group", &shop), ("reason", "テスト")]).await),
        ApiError::RateLimited
    );
    // Over HTTP without JavaScript: the report lands back on the group page with thanks; a
    // refusal keeps the page, says why (422) and keeps nothing.
    let cookie = cookie(app, "reader@example.jp", PASSWORD).await;
    let res = app
        .post_form_with(
            "/reports",
            &[("group", &shop), ("reason", "連絡がつかない")],
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, format!("/groups/{shop}?reported=1"));
    let thanked = app
        .get_with_cookie(&to, &cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(thanked.contains("報告を受け付けました"));
    let res = app
        .post_form_with(
            "/reports",
            &[("group", &shop), ("reason", " ")],
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("北方商店会"));
    // Staff decide from the queue page.
    let staff_cookie = app.sign_in_staff().await;
    let queue_page = app
        .get_with_cookie("/groups/reports", &staff_cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(queue_page.contains("連絡がつかない"));
    let res = app
        .post_form_with(
            "/groups/reports",
            &[("group", &shop), ("action", "dismiss")],
            &[("cookie", staff_cookie.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/groups/reports");
}

/// The next Sunday at least two days away, as the post form's date.
fn next_sunday() -> String {
    use chrono::{Datelike, TimeDelta, Utc, Weekday};
    let mut day = (Utc::now() + TimeDelta::hours(9) + TimeDelta::days(2)).date_naive();
    while day.weekday() != Weekday::Sun {
        day += TimeDelta::days(1);
    }
    day.format("%Y-%m-%d").to_string()
}

/// Posts and events: organisers only, checked fields, rate limited; RSVPs within the capacity
/// (also under concurrency), the count kept with the rows; the feed of members and of the
/// district's residents.
async fn posts_and_rsvps(app: &TestApp) {
    let s = &app.core;
    let id = group_id(app, "北方商店会").await;
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    let member = user(app, "shopper@example.jp", Role::Resident).await;
    s.join_group(&member, id, Membership::Follower, false)
        .await
        .unwrap();
    let sunday = next_sunday();
    let event = |title: &'static str, capacity: &'static str| {
        form(&[
            ("kind", "event"),
            ("title", title),
            ("body", "<b>日曜</b>の朝市です"),
            ("date", sunday.as_str()),
            ("start", "09:00"),
            ("end", "11:00"),
            ("place", "北方商店街 中央広場"),
            ("capacity", capacity),
        ])
    };
    // Only organisers post; fields are checked.
    assert_eq!(
        err(s.create_post(&member, id, &event("朝市", "2")).await),
        ApiError::Forbidden
    );
    assert!(matches!(
        err(s
            .create_post(&organiser, id, &form(&[("kind", "event"), ("title", "x")]))
            .await),
        ApiError::Validation(_)
    ));
    let market = s
        .create_post(&organiser, id, &event("日曜朝市", "2"))
        .await
        .unwrap();
    let news = s
        .create_post(
            &organiser,
            id,
            &form(&[
                ("kind", "news"),
                ("title", "年末大売り出し"),
                ("body", "12月は毎週"),
            ]),
        )
        .await
        .unwrap();
    // On the group's page: the coming event by its date, the news apart; the text escaped
    // over HTTP.
    let page = s.group_page(None, id).await.unwrap();
    let titles =
        |posts: &[PostView]| -> Vec<String> { posts.iter().map(|p| p.title.clone()).collect() };
    assert_eq!(titles(&page.events), vec!["日曜朝市"]);
    assert_eq!(titles(&page.posts), vec!["年末大売り出し"]);
    assert!(
        page.attendees.is_empty() && !page.can.manage_posts,
        "not for readers"
    );
    let html = app
        .get(&format!("/groups/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("&lt;b&gt;日曜&lt;/b&gt;の朝市です"),
        "escaped"
    );
    // In the follower's feed, each once: the event among the coming ones, the news below; in
    // the upcoming events of a Kitagata resident who is not a member.
    let feed = s.feed(&member).await.unwrap();
    let ids: Vec<i64> = feed.posts.iter().map(|p| p.id).collect();
    let events: Vec<i64> = feed.events.iter().map(|p| p.id).collect();
    assert_eq!(
        (ids.contains(&news), ids.contains(&market)),
        (true, false),
        "{ids:?}"
    );
    assert!(events.contains(&market), "{events:?}");
    let kitagata = district(app, "kmn-kitagata").await;
    let neighbour = s
        .sign_up(
            "neighbour@example.jp",
            "近所 さん",
            PASSWORD,
            Some(&kitagata.to_string()),
            "10.1.1.1",
        )
        .await
        .unwrap();
    let neighbour = s.user_for_token(&neighbour.token).await.unwrap().unwrap();
    let feed = s.feed(&neighbour).await.unwrap();
    assert!(feed.posts.is_empty(), "no groups joined");
    assert!(feed.events.iter().any(|e| e.id == market), "district event");
    assert!(
        feed.events.iter().all(|e| e.id != news),
        "news is not an event"
    );
    assert_eq!(feed.district.map(|d| d.ja), Some("北方".to_string()));
    // The thank-you page suggests groups of the respondent's home district; without one, the
    // ward's largest; an unknown survey is 404.
    let slug = yoriai_core::demo::DEMO_SURVEY_SLUG;
    let near = s.suggested_groups(Some(&neighbour), slug).await.unwrap();
    assert!(!near.is_empty() && near.len() <= 3);
    assert!(
        near.iter()
            .all(|g| g.districts.iter().any(|d| d.ja == "北方")),
        "{near:?}"
    );
    let anyone = s.suggested_groups(None, slug).await.unwrap();
    assert_eq!(anyone.len(), 3);
    assert!(anyone.windows(2).all(
        |w| w[0].member_count + w[0].follower_count >= w[1].member_count + w[1].follower_count
    ));
    assert_eq!(
        err(s.suggested_groups(None, "no-such-survey").await),
        ApiError::NotFound
    );
    let thanks = app
        .get(&format!("/s/{slug}/thanks"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        thanks.contains(&format!("/groups/{}", anyone[0].id)),
        "suggested on the page"
    );
    // RSVPs up to the capacity of 2; the third is refused and nothing is stored.
    let third = user(app, "third@example.jp", Role::Resident).await;
    s.rsvp(&member, market, true).await.unwrap();
    s.rsvp(&member, market, true).await.unwrap();
    s.rsvp(&neighbour, market, true).await.unwrap();
    assert_eq!(err(s.rsvp(&third, market, true).await), ApiError::EventFull);
    let post = s.store.post(market, third.id).await.unwrap().unwrap();
    assert_eq!((post.going, post.i_am_going), (2, false));
    assert_eq!(s.store.rsvp_rows(market).await.unwrap(), 2);
    s.rsvp(&member, market, false).await.unwrap();
    s.rsvp(&member, market, false).await.unwrap();
    s.rsvp(&third, market, true).await.unwrap();
    let post = s.store.post(market, third.id).await.unwrap().unwrap();
    assert_eq!((post.going, post.i_am_going), (2, true));
    assert_eq!(err(s.rsvp(&member, news, true).await), ApiError::BadRequest);
    assert_eq!(
        err(s.rsvp(&member, 987_654, true).await),
        ApiError::NotFound
    );
    // Ten people at once for three places: exactly three stored.
    let small = s
        .create_post(&organiser, id, &event("試食会", "3"))
        .await
        .unwrap();
    let mut crowd = Vec::new();
    for n in 0..10 {
        crowd.push(user(app, &format!("rush{n}@example.jp"), Role::Resident).await);
    }
    let results =
        futures_util::future::join_all(crowd.iter().map(|u| s.rsvp(u, small, true))).await;
    let taken = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .into_iter()
        .filter_map(|r| r.err())
        .map(ApiError::from)
        .filter(|e| *e == ApiError::EventFull)
        .count();
    assert_eq!((taken, refused), (3, 7));
    assert_eq!(s.store.rsvp_rows(small).await.unwrap(), 3);
    // Over HTTP without JavaScript: a full event answers 409 with the reason on the page.
    let mut outsider = None;
    for (n, u) in crowd.iter().enumerate() {
        if !s.store.post(small, u.id).await.unwrap().unwrap().i_am_going {
            outsider = Some(n);
            break;
        }
    }
    let outsider = outsider.expect("seven were refused");
    let rush = cookie(app, &format!("rush{outsider}@example.jp"), PASSWORD).await;
    let res = app
        .post_form_with(
            &format!("/posts/{small}/rsvp"),
            &[("action", "going"), ("back", &format!("/groups/{id}"))],
            &[("cookie", &rush)],
        )
        .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("定員に達した"), "the reason is shown");
    // Saying "no longer" goes back to the event itself, not the top of the page.
    let res = app
        .post_form_with(
            &format!("/posts/{small}/rsvp"),
            &[("action", "cancel"), ("back", &format!("/groups/{id}"))],
            &[("cookie", &rush)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/groups/{id}#post-{small}").as_str()
    );
    editing_and_deleting_posts(app, id, market, small).await;
    // The posting rate limit: ten an hour (counting those above and the demo's own event).
    let hour_ago = chrono::Utc::now() - chrono::TimeDelta::hours(1);
    let so_far = s
        .store
        .posts_by_since(organiser.id, hour_ago)
        .await
        .unwrap();
    assert!(so_far >= 3, "{so_far}");
    for n in so_far..10 {
        s.create_post(
            &organiser,
            id,
            &form(&[
                ("kind", "news"),
                ("title", "お知らせ"),
                ("body", &format!("{n}")),
            ]),
        )
        .await
        .unwrap();
    }
    let extra = form(&[("kind", "news"), ("title", "多すぎ"), ("body", "x")]);
    assert_eq!(
        err(s.create_post(&organiser, id, &extra).await),
        ApiError::RateLimited
    );
}

/// Organisers see who is coming (named only where the person shows their name to them), edit
/// their group's posts (the kind stays, the capacity not below the people coming) and delete
/// them once confirmed; nobody else does either.
async fn editing_and_deleting_posts(app: &TestApp, group: i64, market: i64, small: i64) {
    let s = &app.core;
    let organiser = demo_user(app, DEMO_ORGANISER_EMAIL).await;
    // Who is coming to the market: the neighbour and "third", neither showing a name; once
    // "third" joins and shows it, they are named.
    let page = s.group_page(Some(&organiser), group).await.unwrap();
    assert!(page.can.manage_posts);
    let coming = |page: &GroupPage, post: i64| {
        page.attendees
            .iter()
            .find(|a| a.post_id == post)
            .map(|a| (a.named.clone(), a.unnamed))
    };
    assert_eq!(coming(&page, market), Some((vec![], 2)));
    let third = s
        .user_for_token(
            &s.sign_in("third@example.jp", PASSWORD, "127.0.0.1")
                .await
                .unwrap()
                .token,
        )
        .await
        .unwrap()
        .unwrap();
    s.join_group(&third, group, Membership::Member, true)
        .await
        .unwrap();
    let page = s.group_page(Some(&organiser), group).await.unwrap();
    assert_eq!(
        coming(&page, market),
        Some((vec!["third@example.jp".to_string()], 1))
    );
    assert_eq!(
        coming(&page, small).map(|(n, u)| n.len() as i64 + u),
        Some(3)
    );
    // A member sees no names and may not edit or delete.
    let member_page = s.group_page(Some(&third), group).await.unwrap();
    assert!(member_page.attendees.is_empty() && !member_page.can.manage_posts);
    let market_form = |title: &str, capacity: &str| {
        let sunday = next_sunday();
        form(&[
            ("kind", "event"),
            ("title", title),
            ("body", "場所が変わりました"),
            ("date", sunday.as_str()),
            ("start", "10:00"),
            ("end", ""),
            ("place", "北方市民センター"),
            ("capacity", capacity),
        ])
    };
    assert_eq!(
        err(s
            .edit_post(&third, market, &market_form("乗っ取り", ""))
            .await),
        ApiError::Forbidden
    );
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    assert_eq!(
        err(s.edit_post(&staff, market, &market_form("職員", "")).await),
        ApiError::Forbidden,
        "staff moderate; they do not rewrite"
    );
    assert_eq!(
        err(s
            .edit_post(&organiser, 987_654, &market_form("x", ""))
            .await),
        ApiError::NotFound
    );
    // The capacity cannot go below the two coming; the kind stays.
    match err(s
        .edit_post(&organiser, market, &market_form("日曜朝市", "1"))
        .await)
    {
        ApiError::Validation(e) => assert!(
            matches!(e.get("capacity"), Some(FieldError::OutOfRange { min: Some(m), .. }) if m == "2"),
            "{e:?}"
        ),
        other => panic!("{other:?}"),
    }
    let mut as_news = market_form("日曜朝市", "");
    as_news.0.retain(|(k, _)| k != "kind");
    as_news.push("kind", "news");
    assert_eq!(
        err(s.edit_post(&organiser, market, &as_news).await),
        ApiError::BadRequest
    );
    let before = s.store.post(market, 0).await.unwrap().unwrap();
    assert_eq!(
        s.edit_post(
            &organiser,
            market,
            &market_form("日曜朝市（会場変更）", "2")
        )
        .await
        .unwrap(),
        group
    );
    let after = s.store.post(market, 0).await.unwrap().unwrap();
    assert_eq!(after.title, "日曜朝市（会場変更）");
    assert_eq!(
        after
            .event
            .as_ref()
            .map(|e| (e.place.as_str(), e.capacity, e.ends_at)),
        Some(("北方市民センター", Some(2), None))
    );
    assert_eq!(
        (after.going, after.created_at),
        (before.going, before.created_at)
    );
    // Over HTTP without JavaScript: a refused edit comes back in the form with what was typed;
    // deleting asks first, then deletes the event with its RSVPs.
    let organiser_cookie = cookie(app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    let as_organiser = [("cookie", organiser_cookie.as_str())];
    let sunday = next_sunday();
    let res = app
        .post_form_with(
            &format!("/posts/{market}/edit"),
            &[
                ("kind", "event"),
                ("title", ""),
                ("body", "書きかけの本文"),
                ("date", sunday.as_str()),
                ("start", "10:00"),
                ("place", "北方市民センター"),
            ],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("題名を入力してください"),
        "the form's own words"
    );
    assert!(html.contains("書きかけの本文"), "what was typed is kept");
    assert!(html.contains(&format!("action=\"/posts/{market}/edit#post-form\"")));
    // Saved over HTTP: back at the post, whose card says it was updated.
    let res = app
        .post_form_with(
            &format!("/posts/{market}/edit"),
            &[
                ("kind", "event"),
                ("title", "日曜朝市（会場変更）"),
                ("body", "場所が変わりました"),
                ("date", sunday.as_str()),
                ("start", "10:00"),
                ("place", "北方市民センター"),
                ("capacity", "2"),
            ],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        to,
        format!("/groups/{group}?done=post-edited&post={market}#post-{market}")
    );
    let html = app
        .get_with_cookie(&to, &organiser_cookie)
        .await
        .text()
        .await
        .unwrap();
    let card = html
        .split(&format!("id=\"post-{market}\""))
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_default();
    assert!(
        card.contains("投稿を更新しました"),
        "said in the post's card"
    );
    let res = app
        .post_form_with(&format!("/posts/{small}/delete"), &[], &as_organiser)
        .await;
    assert_eq!(res.status(), 303);
    // It asks inside the post's own card, where the browser lands.
    let confirm = format!("/groups/{group}?delete={small}#post-{small}");
    assert_eq!(res.headers()["location"], confirm.as_str());
    assert!(s.store.post(small, 0).await.unwrap().is_some(), "not yet");
    let html = app
        .get_with_cookie(&confirm, &organiser_cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("「試食会」を削除しますか"), "asks, naming it");
    let card = html
        .split(&format!("id=\"post-{small}\""))
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_default();
    assert!(card.contains("id=\"confirm\""), "inside the post's card");
    assert!(html.contains("参加予定の3人"), "says who is affected");
    let res = app
        .post_form_with(
            &format!("/posts/{small}/delete"),
            &[("confirmed", "1")],
            &[("cookie", &cookie(app, "third@example.jp", PASSWORD).await)],
        )
        .await;
    assert_eq!(res.status(), 403, "a member may not");
    assert!(
        res.text().await.unwrap().contains("<html"),
        "a page, in words"
    );
    let res = app
        .post_form_with(
            &format!("/posts/{small}/delete"),
            &[("confirmed", "1")],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/groups/{group}?done=post-deleted#group-posts").as_str()
    );
    assert!(s.store.post(small, 0).await.unwrap().is_none());
    assert_eq!(s.store.rsvp_rows(small).await.unwrap(), 0);
    let audit = s.store.audit_entries(20).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "delete_post" && a.detail.contains("試食会"))
    );
    assert!(
        audit
            .iter()
            .any(|a| a.action == "edit_post" && a.detail.contains("会場変更"))
    );
    // Deleted means gone: a second delete finds nothing.
    let res = app
        .post_form_with(
            &format!("/posts/{small}/delete"),
            &[("confirmed", "1")],
            &as_organiser,
        )
        .await;
    assert_eq!(res.status(), 404);
}

/// Notices: staff reach their ward, a director their own district; each recipient once, the
/// sender not; delivered and read counted; nobody else sends. Calendars: an approved group's
/// and a district's events as iCalendar, read back with a parser.
async fn notices_and_calendars(app: &TestApp) {
    let s = &app.core;
    let staff = demo_user(app, yoriai_core::demo::DEMO_STAFF_EMAIL).await;
    let director = demo_user(app, DEMO_DIRECTOR_EMAIL).await;
    let resident = user(app, "notice-reader@example.jp", Role::Resident).await;
    let kitagata = district(app, "kmn-kitagata").await;
    let numa = district(app, "kmn-numa").await;
    let circle = group_id(app, "北方ママパパの会").await;
    let shops = group_id(app, "北方商店会").await;
    s.join_group(&resident, circle, Membership::Member, false)
        .await
        .unwrap();
    s.join_group(&resident, shops, Membership::Follower, false)
        .await
        .unwrap();
    // Who should receive a Kitagata notice: home district Kitagata, or in a group active there.
    let mut expected: Vec<i64> = Vec::new();
    for g in s.store.directory(&DirectoryQuery::default()).await.unwrap() {
        if g.fields.districts.contains(&kitagata) {
            for m in s.store.group_members(g.id).await.unwrap() {
                expected.push(m.user_id);
            }
        }
    }
    let sql = "SELECT id FROM users WHERE district_id = $1";
    let homes: Vec<i64> = match s.store.db() {
        yoriai_core::db::Db::Sqlite(p) => sqlx::query_scalar(sql).bind(kitagata).fetch_all(p).await,
        yoriai_core::db::Db::Postgres(p) => {
            sqlx::query_scalar(sql).bind(kitagata).fetch_all(p).await
        }
    }
    .unwrap();
    expected.extend(homes);
    expected.sort_unstable();
    expected.dedup();
    expected.retain(|id| *id != director.id);
    let notice = |district: i64| {
        form(&[
            ("title", "3月から日曜開館を試行します"),
            ("body", "北方市民センターは3月の毎週日曜も開館します。"),
            ("district", &district.to_string()),
            ("group", &circle.to_string()),
        ])
    };
    let delivered = s.send_notice(&director, &notice(kitagata)).await.unwrap();
    assert_eq!(delivered, expected.len() as u64);
    assert!(delivered >= 3, "{delivered}");
    // The director may not write to another district; residents may not write at all.
    assert!(matches!(
        err(s.send_notice(&director, &notice(numa)).await),
        ApiError::Validation(_)
    ));
    assert_eq!(
        err(s.send_notice(&resident, &notice(kitagata)).await),
        ApiError::Forbidden
    );
    assert_eq!(err(s.notices_view(&resident).await), ApiError::Forbidden);
    // The resident (in two Kitagata groups) gets it once, new the first time, read after.
    let feed = s.feed(&resident).await.unwrap();
    let mine: Vec<_> = feed
        .notices
        .iter()
        .filter(|n| n.title == "3月から日曜開館を試行します")
        .collect();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].new);
    assert!(!s.feed(&resident).await.unwrap().notices[0].new);
    let sent = s.notices_view(&director).await.unwrap().sent;
    assert_eq!(sent[0].delivered, delivered as i64);
    assert_eq!(sent[0].read, 1);
    // Staff see every notice of the ward, and may write to any district.
    let view = s.notices_view(&staff).await.unwrap();
    assert!(view.sent.iter().any(|n| n.id == sent[0].id));
    assert!(view.districts.len() >= 14);
    s.send_notice(&staff, &notice(numa)).await.unwrap();
    let audit: Vec<String> = s
        .store
        .audit_entries(20)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(audit.iter().any(|a| a == "send_notice"));
    // Over HTTP: the form goes on to the page with the count; a resident is refused.
    let director_cookie = cookie(app, DEMO_DIRECTOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    let res = app
        .post_form_with(
            "/notices",
            &[
                ("title", "お知らせ"),
                ("body", "本文"),
                ("group", &circle.to_string()),
            ],
            &[("cookie", &director_cookie)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/notices?sent=")
    );
    let resident_cookie = cookie(app, "notice-reader@example.jp", PASSWORD).await;
    let res = app
        .post_form_with(
            "/notices",
            &[("title", "t"), ("body", "b"), ("district", "1")],
            &[("cookie", &resident_cookie)],
        )
        .await;
    assert_eq!(res.status(), 403);

    // Calendars: the group's events (posted earlier in the story), public, parsed back.
    let res = app.get(&format!("/groups/{shops}/events.ics")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = res.text().await.unwrap();
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    use icalendar::Component;
    let summaries: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| e.get_summary().map(str::to_string))
        .collect();
    assert!(
        summaries.contains(&"日曜朝市（会場変更）".to_string()),
        "as its organiser last edited it: {summaries:?}"
    );
    assert!(
        !summaries.contains(&"試食会".to_string()),
        "a deleted event leaves the calendar"
    );
    assert!(
        !summaries.contains(&"年末大売り出し".to_string()),
        "news is not an event"
    );
    // The district's calendar has the demo circle's Sunday event; a pending group has none.
    let ics = app
        .get(&format!("/districts/{kitagata}/events.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ics.contains("SUMMARY:日曜の親子公園あそび"), "{ics}");
    assert!(ics.contains("SUMMARY:日曜朝市"));
    let pending = group_id(app, "沼の歴史を歩く会").await;
    assert_eq!(
        app.get(&format!("/groups/{pending}/events.ics"))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/districts/987654/events.ics").await.status(), 404);
}

async fn story(app: &TestApp) {
    signing_up(app).await;
    directory(app).await;
    proposals(app).await;
    memberships(app).await;
    posts_and_rsvps(app).await;
    notices_and_calendars(app).await;
    referrals(app).await;
    moderation(app).await;
    server_functions_by_role(app).await;
}

#[tokio::test]
async fn networks_on_sqlite() {
    let app = TestApp::sqlite().await;
    story(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn networks_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    story(&app).await;
    app.stop().await;
}
