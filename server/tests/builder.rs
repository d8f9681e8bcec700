//! The survey builder over HTTP: staff build a survey with every kind of question, publish it,
//! a resident answers it; a change after publishing makes a new version; nobody else may build.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, TestApp};
use shared::edit::KIND_NAMES;

async fn staff(app: &TestApp) -> Browser<'_> {
    let cookie = app.sign_in_staff().await;
    let (name, value) = cookie.split_once('=').unwrap();
    Browser::new(app).with_cookie(name, value)
}

/// Makes a blank draft through the new-survey form; returns its id and its builder's path.
async fn blank_survey(s: &mut Browser<'_>, title: &str, slug: &str) -> (i64, String) {
    let edit = s
        .post_to(
            "/staff/surveys/new",
            &[("title", title), ("slug", slug), ("start", "blank")],
        )
        .await;
    let id = edit
        .trim_start_matches("/staff/surveys/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap();
    (id, edit)
}

async fn body(res: reqwest::Response) -> (u16, String) {
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn staff_build_a_survey_of_every_kind_that_a_resident_then_answers() {
    let app = TestApp::sqlite().await;
    let mut s = staff(&app).await;
    let (status, page) = body(s.get("/staff/surveys/new").await).await;
    assert_eq!(status, 200);
    assert!(page.contains("市民センターのひな形"));
    // A bad address is refused with the title kept.
    let (status, page) = body(
        s.post(
            "/staff/surveys/new",
            &[
                ("title", "全種類テスト"),
                ("slug", "Bad Slug"),
                ("start", "blank"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("value=\"全種類テスト\""));
    let (id, edit) = blank_survey(&mut s, "全種類テスト", "every-kind").await;
    let (status, page) = body(s.get(&edit).await).await;
    assert_eq!(status, 200);
    assert!(page.contains("まだ公開していません"));
    // One question of every kind, added to the first page.
    for kind in KIND_NAMES {
        s.post_to(
            &edit,
            &[
                ("action", "add_question"),
                ("section", "s1"),
                ("kind", kind),
            ],
        )
        .await;
    }
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    let ids: Vec<String> = survey
        .definition
        .questions()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(ids.len(), 1 + KIND_NAMES.len());

    // Edit the single-choice question: wording, options, "other", required.
    let single = &ids[1];
    let editor = format!("/staff/surveys/{id}/q/{single}");
    let (status, page) = body(s.get(&editor).await).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("phone-preview"),
        "the editor shows the question as a phone does"
    );
    s.post_to(
        &editor,
        &[
            ("kind", "single_choice"),
            ("label.ja", "日曜日に{行|い}きますか"),
            ("label.en", "Would you go on Sundays?"),
            ("required", "on"),
            ("opt.value", "o1"),
            ("opt.ja", "行く"),
            ("opt.en", "Yes"),
            ("opt.value", "o2"),
            ("opt.ja", "行かない"),
            ("opt.en", "No"),
            ("opt.value", "o3"),
            ("opt.ja", ""),
            ("other", "on"),
        ],
    )
    .await;
    // The long-text question appears only for people who would go.
    let long = &ids[10];
    s.post_to(
        &format!("/staff/surveys/{id}/q/{long}"),
        &[
            ("kind", "long_text"),
            ("label.ja", "何をしたいですか"),
            ("max_len", "300"),
            ("if.question", single.as_str()),
            ("if.op", "any_of"),
            ("if.value", "o1"),
        ],
    )
    .await;
    // A change that would break the survey is refused with the reason: the condition's
    // question cannot be deleted.
    let (status, page) = body(
        s.post(
            &edit,
            &[
                ("action", "delete_question"),
                ("question", single.as_str()),
                ("confirmed", "1"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("表示条件"), "{page}");
    // Reorder, duplicate and delete work.
    s.post_to(
        &edit,
        &[("action", "move_question"), ("question", "q1"), ("up", "0")],
    )
    .await;
    s.post_to(
        &edit,
        &[("action", "duplicate_question"), ("question", "q1")],
    )
    .await;
    let copy = app
        .core
        .store
        .survey_by_id(id)
        .await
        .unwrap()
        .unwrap()
        .definition
        .questions()
        .map(|q| q.id.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        &copy[..3],
        &[
            single.clone(),
            "q1".to_string(),
            format!("q{}", ids.len() + 1)
        ]
    );
    s.post_to(
        &edit,
        &[
            ("action", "delete_question"),
            ("question", copy[2].as_str()),
            ("confirmed", "1"),
        ],
    )
    .await;
    // A second page, and the settings: one answer per device, English title.
    s.post_to(&edit, &[("action", "add_section")]).await;
    s.post_to(
        &edit,
        &[
            ("action", "settings"),
            ("title.ja", "全種類テスト"),
            ("title.en", "Every kind"),
            ("intro.ja", "テストです"),
            ("policy", "device"),
            ("opens_at", ""),
            ("closes_at", "2099-12-31T23:59"),
        ],
    )
    .await;
    let (_, preview) = body(s.get(&format!("/staff/surveys/{id}/preview/1")).await).await;
    assert!(
        preview.contains("<ruby>行<rt>い</rt></ruby>"),
        "preview renders furigana"
    );
    // Publish: the draft opens as version 1.
    s.post_to(&edit, &[("action", "publish"), ("confirmed", "1")])
        .await;
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(survey.status, shared::survey::SurveyStatus::Open);
    assert_eq!(survey.policy, shared::survey::ResponsePolicy::Device);

    // A resident answers every kind.
    let mut r = Browser::new(&app);
    let start = r.post_to("/s/every-kind/start", &[]).await;
    assert_eq!(start, "/s/every-kind/p/1");
    let (_, page) = body(r.get(&start).await).await;
    for field in [
        "q.q1", "q.q3", "q.q4", "q.q5", "q.q6", "q.q7", "q.q8", "q.q9", "q.q12", "q.q13.o1",
        "q.q14.r1",
    ] {
        assert!(
            page.contains(&format!("name=\"{field}\"")),
            "{field} is on the page"
        );
    }
    let q = |n: usize| format!("q.q{n}");
    let answers: Vec<(String, &str)> = vec![
        (q(1), "yes"),
        (single.replace('q', "q.q"), "other"),
        (format!("q.{single}.other"), "友だちと"),
        (q(3), "o1"),
        (q(3), "o3"),
        (q(4), "o2"),
        (q(5), "no"),
        (q(6), "4"),
        (q(7), "9"),
        (q(8), "5"),
        (q(9), "12"),
        (q(10), "短い答え"),
        (q(11), "長い答え"),
        (q(12), "2026-12-24"),
        ("q.q13.o1".into(), "2"),
        ("q.q13.o2".into(), "1"),
        ("q.q13.o3".into(), "3"),
        ("q.q14.r1".into(), "3"),
        ("q.q14.r2".into(), "1"),
        ("nav".into(), "next"),
    ];
    let pairs: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let to = r.post_to("/s/every-kind/p/1", &pairs).await;
    assert_eq!(to, "/s/every-kind/p/2");
    r.post_to("/s/every-kind/p/2", &[("nav", "next")]).await;
    assert_eq!(
        r.post_to("/s/every-kind/submit", &[]).await,
        "/s/every-kind/thanks"
    );
    let stored = app.core.store.latest_responses(id, 1).await.unwrap();
    let a = &stored[0].answers;
    // Fourteen answers: "other" and its text count twice, and the long text was hidden by its
    // condition (the single choice was not "行く"), so it was dropped.
    assert_eq!(a.0.len(), 14, "{a:?}");
    assert!(a.get("q11").is_none());
    assert_eq!(a.other_text("q2"), Some("友だちと"));
    assert_eq!(stored[0].version, Some(1));

    // Changing the published survey makes version 2; the earlier response keeps version 1.
    s.post_to(
        &edit,
        &[
            ("action", "add_question"),
            ("section", "s2"),
            ("kind", "yes_no"),
        ],
    )
    .await;
    let (_, page) = body(s.get(&edit).await).await;
    assert!(page.contains("公開していない変更があります"));
    s.post_to(&edit, &[("action", "publish"), ("confirmed", "1")])
        .await;
    let (_, page) = body(s.get(&edit).await).await;
    assert!(page.contains("公開中の版: 2"), "{page}");
    assert_eq!(
        app.core.store.latest_responses(id, 1).await.unwrap()[0].version,
        Some(1)
    );
    // Close and reopen; archiving an open survey is refused.
    s.post_to(&edit, &[("action", "close"), ("confirmed", "1")])
        .await;
    assert_eq!(r.get("/s/every-kind").await.status(), 410);
    s.post_to(&edit, &[("action", "reopen")]).await;
    assert_eq!(
        s.post(&edit, &[("action", "archive"), ("confirmed", "1")])
            .await
            .status(),
        409
    );
    let audit = app.core.store.audit_entries(50).await.unwrap();
    for action in [
        "survey_create",
        "survey_edit",
        "survey_settings",
        "survey_publish",
        "survey_status",
    ] {
        assert!(
            audit.iter().any(|e| e.action == action),
            "{action} is audited"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_template_survey_with_codes_goes_from_draft_to_answers() {
    let app = TestApp::sqlite().await;
    let mut s = staff(&app).await;
    let to = s
        .post_to(
            "/staff/surveys/new",
            &[
                ("title", "曽根校区アンケート"),
                ("slug", "sone-2027"),
                ("start", "template"),
            ],
        )
        .await;
    let id: i64 = to
        .trim_start_matches("/staff/surveys/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap();
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        survey.definition.sections().len(),
        5,
        "the template's five pages"
    );
    assert_eq!(survey.definition.district_question(), Some("district"));
    // A draft is not visible to residents.
    assert_eq!(Browser::new(&app).get("/s/sone-2027").await.status(), 404);
    let edit = format!("/staff/surveys/{id}/edit");
    s.post_to(
        &edit,
        &[
            ("action", "settings"),
            ("title.ja", "曽根校区アンケート"),
            ("policy", "code"),
        ],
    )
    .await;
    s.post_to(
        &format!("/staff/surveys/{id}/codes"),
        &[("count", "4"), ("district", "")],
    )
    .await;
    let (_, page) = body(s.get(&format!("/staff/surveys/{id}/codes")).await).await;
    assert!(page.contains("作成済み 4件（使用済み 0件）"), "{page}");
    assert_eq!(page.matches("<td class=\"code\">").count(), 4);
    // Too many at once is refused.
    assert_eq!(
        s.post(
            &format!("/staff/surveys/{id}/codes"),
            &[("count", "100000")]
        )
        .await
        .status(),
        400
    );
    s.post_to(&edit, &[("action", "publish"), ("confirmed", "1")])
        .await;
    let (status, start) = body(Browser::new(&app).get("/s/sone-2027").await).await;
    assert_eq!(status, 200);
    assert!(start.contains("招待コード"));
    app.stop().await;
}

#[tokio::test]
async fn only_staff_may_build_surveys() {
    let app = TestApp::sqlite().await;
    let id = app.demo_survey_id().await;
    let edit = format!("/staff/surveys/{id}/edit");
    // Signed out: sent to sign in, nothing changes.
    let mut anon = Browser::new(&app);
    let res = anon.post(&edit, &[("action", "add_section")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/sign-in?next={edit}"));
    assert_eq!(anon.get(&edit).await.status(), 302);
    // A resident: forbidden, nothing changes.
    let mut resident = app.resident().await;
    let before = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    for (path, pairs) in [
        (edit.clone(), vec![("action", "add_section")]),
        (edit.clone(), vec![("action", "publish")]),
        (
            "/staff/surveys/new".to_string(),
            vec![("title", "x"), ("slug", "xxx")],
        ),
        (format!("/staff/surveys/{id}/codes"), vec![("count", "3")]),
        (
            format!("/staff/surveys/{id}/q/use_freq"),
            vec![("label.ja", "乗っ取り")],
        ),
    ] {
        assert_eq!(resident.post(&path, &pairs).await.status(), 403, "{path}");
    }
    assert_eq!(resident.get(&edit).await.status(), 403);
    let after = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(before.definition, after.definition);
    assert!(
        app.core
            .store
            .survey_by_slug("xxx")
            .await
            .unwrap()
            .is_none()
    );
    // Unknown surveys and questions are not found.
    let mut s = staff(&app).await;
    assert_eq!(s.get("/staff/surveys/9999/edit").await.status(), 404);
    assert_eq!(
        s.post("/staff/surveys/9999/edit", &[("action", "add_section")])
            .await
            .status(),
        404
    );
    assert_eq!(
        s.post(&format!("/staff/surveys/{id}/q/nope"), &[("label.ja", "x")])
            .await
            .status(),
        404
    );
    app.stop().await;
}

/// Archiving, publishing, closing and deleting ask first (the form without `confirmed=1`
/// only leads to the question, and changes nothing); the page then says what was done; an
/// archived survey is listed apart and can be taken back out of the archive. The closed demo
/// survey goes through it.
#[tokio::test]
async fn archiving_asks_first_and_can_be_undone() {
    let app = TestApp::sqlite().await;
    let mut s = staff(&app).await;
    let id = app
        .core
        .store
        .survey_by_slug(yoriai_core::demo::DEMO_CLOSED_SLUG)
        .await
        .unwrap()
        .unwrap()
        .id;
    let edit = format!("/staff/surveys/{id}/edit");
    let (_, list) = body(s.get("/staff").await).await;
    assert!(list.contains(&format!("/staff/surveys/{id}/edit")));
    // One click only asks.
    let to = s.post_to(&edit, &[("action", "archive")]).await;
    assert_eq!(to, format!("{edit}?confirm=archive#confirm"));
    let status = |app: &TestApp| {
        let store = app.core.store.clone();
        async move { store.survey_by_id(id).await.unwrap().unwrap().status }
    };
    assert_eq!(status(&app).await, shared::survey::SurveyStatus::Closed);
    let (code, page) = body(s.get(&format!("{edit}?confirm=archive")).await).await;
    assert_eq!(code, 200);
    assert!(page.contains("アーカイブしますか"), "{page}");
    assert!(page.contains("回答と集計は消えません"));
    assert!(page.contains("name=\"confirmed\" value=\"1\""));
    // Confirmed: archived, said so honestly, off the list, on the archived list.
    let to = s
        .post_to(&edit, &[("action", "archive"), ("confirmed", "1")])
        .await;
    assert_eq!(to, format!("{edit}?done=archive"));
    assert_eq!(status(&app).await, shared::survey::SurveyStatus::Archived);
    let (_, page) = body(s.get(&to).await).await;
    assert!(page.contains("アーカイブしました。"), "{page}");
    assert!(!page.contains("保存しました"));
    assert!(page.contains("アーカイブから戻す"));
    let (_, list) = body(s.get("/staff").await).await;
    assert!(!list.contains(&format!("/staff/surveys/{id}/edit")));
    assert!(list.contains("/staff?archived=1"));
    let (_, archived) = body(s.get("/staff?archived=1").await).await;
    assert!(
        archived.contains(&format!("/staff/surveys/{id}/edit")),
        "{archived}"
    );
    // Restored: closed again (it was published), on the list again.
    let to = s.post_to(&edit, &[("action", "restore")]).await;
    assert_eq!(to, format!("{edit}?done=restore"));
    assert_eq!(status(&app).await, shared::survey::SurveyStatus::Closed);
    let (_, page) = body(s.get(&to).await).await;
    assert!(
        page.contains("アーカイブから戻しました（締め切り済み）"),
        "{page}"
    );
    let (_, list) = body(s.get("/staff").await).await;
    assert!(list.contains(&format!("/staff/surveys/{id}/edit")));
    // Deleting a question asks too, naming it.
    let draft = app
        .core
        .store
        .survey_by_slug(yoriai_core::demo::DEMO_DRAFT_SLUG)
        .await
        .unwrap()
        .unwrap();
    let draft_edit = format!("/staff/surveys/{}/edit", draft.id);
    let first = draft.definition.questions().next().unwrap().id.clone();
    let to = s
        .post_to(
            &draft_edit,
            &[("action", "delete_question"), ("question", first.as_str())],
        )
        .await;
    assert_eq!(
        to,
        format!("{draft_edit}?confirm=delete_question&question={first}#confirm")
    );
    let (_, page) = body(s.get(to.trim_end_matches("#confirm")).await).await;
    assert!(page.contains("問1「"), "{page}");
    assert!(page.contains("を削除しますか"));
    let after = app
        .core
        .store
        .survey_by_id(draft.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.revision, draft.revision, "nothing deleted yet");
    app.stop().await;
}

/// The studio's moves (`/api/place_question`) on both databases: a move is saved as the next
/// revision, with the same checks as every builder change; a question cannot go before the
/// question its condition reads, and an unknown question or page is refused, with nothing
/// changed.
async fn questions_are_placed_through_the_server_function(app: &TestApp) {
    let mut s = staff(app).await;
    let (id, edit) = blank_survey(&mut s, "並べ替え", "place-it").await;
    for kind in ["single_choice", "number"] {
        // A new question opens in its editor.
        let opened = s
            .post_to(
                &edit,
                &[
                    ("action", "add_question"),
                    ("section", "s1"),
                    ("kind", kind),
                ],
            )
            .await;
        assert!(opened.ends_with("?new=1"), "{opened}");
    }
    let order = || async {
        let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
        let ids: Vec<String> = survey
            .definition
            .questions()
            .map(|q| q.id.clone())
            .collect();
        (ids, survey.revision)
    };
    let (ids, before) = order().await;
    assert_eq!(ids, ["q1", "q2", "q3"]);
    let cookie = s.cookie_header();
    let place = |question: &str, section: &str, index: &str| {
        let body = format!("survey_id={id}&question={question}&section={section}&index={index}");
        let cookie = cookie.clone();
        async move {
            let res = reqwest::Client::new()
                .post(app.url("/api/place_question"))
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, saved) = place("q3", "s1", "0").await;
    assert_eq!(status, 200, "{saved}");
    let saved: shared::edit::Saved = serde_json::from_str(&saved).unwrap();
    let (ids, after) = order().await;
    assert_eq!(ids, ["q3", "q1", "q2"]);
    assert_eq!((saved.revision, after), (before + 1, before + 1));

    // q2 shown only when q3 is answered: it cannot go above q3.
    s.post_to(
        &format!("/staff/surveys/{id}/q/q2"),
        &[
            ("kind", "single_choice"),
            ("label.ja", "よく使う部屋"),
            ("opt.value", "o1"),
            ("opt.ja", "和室"),
            ("opt.value", "o2"),
            ("opt.ja", "調理室"),
            ("if.question", "q3"),
            ("if.op", "answered"),
        ],
    )
    .await;
    let (_, revision) = order().await;
    for (question, section, index, want) in [
        ("q2", "s1", "0", 422),
        ("q9", "s1", "0", 422),
        ("q2", "s9", "0", 422),
        ("q2", "s1", "many", 400),
    ] {
        let (status, body) = place(question, section, index).await;
        assert_eq!(status, want, "{question} {section} {index}: {body}");
    }
    assert_eq!(
        order().await,
        (vec!["q3".into(), "q1".into(), "q2".into()], revision)
    );
}

app_on_both_databases!(
    questions_are_placed_through_the_server_function,
    questions_are_placed_on_sqlite,
    questions_are_placed_on_postgres
);

/// Deleting a question asks first, then says so with a button that puts it back: at its
/// place, under its own id, with its wording, as the next revision. Putting it back twice is
/// refused with nothing changed.
async fn a_deleted_question_is_put_back_where_it_was(app: &TestApp) {
    let mut s = staff(app).await;
    let (id, edit) = blank_survey(&mut s, "元に戻す", "undo-it").await;
    for kind in ["single_choice", "number"] {
        s.post_to(
            &edit,
            &[
                ("action", "add_question"),
                ("section", "s1"),
                ("kind", kind),
            ],
        )
        .await;
    }
    let survey = || async { app.core.store.survey_by_id(id).await.unwrap().unwrap() };
    let ids = |def: &shared::survey::SurveyDefinition| -> Vec<String> {
        def.questions().map(|q| q.id.clone()).collect()
    };
    let q2 = survey().await.definition.question("q2").cloned().unwrap();
    let delete = [("action", "delete_question"), ("question", "q2")];
    let asked = s.post_to(&edit, &delete).await;
    assert!(asked.contains("confirm=delete_question"), "{asked}");
    assert_eq!(ids(&survey().await.definition), ["q1", "q2", "q3"]);
    let done = s
        .post_to(&edit, &[delete[0], delete[1], ("confirmed", "1")])
        .await;
    assert_eq!(ids(&survey().await.definition), ["q1", "q3"]);
    let revision = survey().await.revision.to_string();
    assert!(
        done.contains(&format!("revision={revision}")),
        "{done} names the revision that deleted it"
    );
    let page = app.html_with_cookie(&done, &s.cookie_header()).await;
    assert!(
        page.contains("value=\"undo_delete\""),
        "the message offers to put it back"
    );
    let undo = [
        ("action", "undo_delete"),
        ("question", "q2"),
        ("revision", revision.as_str()),
    ];
    let back = s.post_to(&edit, &undo).await;
    assert!(back.contains("done=undo_delete"), "{back}");
    let now = survey().await;
    assert_eq!(ids(&now.definition), ["q1", "q2", "q3"]);
    assert_eq!(now.definition.question("q2"), Some(&q2));
    let again = s.post(&edit, &undo).await;
    assert_eq!(again.status(), 422);
    assert_eq!(survey().await.revision, now.revision);
}

app_on_both_databases!(
    a_deleted_question_is_put_back_where_it_was,
    undo_delete_on_sqlite,
    undo_delete_on_postgres
);

/// Two saves of one question by one person from the same revision (an autosave, then the save
/// button before the autosave's answer came back) are no conflict: the later one is saved.
/// Someone else still at that revision meets the change.
async fn one_persons_saves_never_conflict_with_each_other(app: &TestApp) {
    use shared::account::Role;
    use yoriai_core::surveys::builder::Start;
    let one = common::user(app, "one@ward.example.jp", Role::Staff).await;
    let other = common::user(app, "other@ward.example.jp", Role::Staff).await;
    let id = app
        .core
        .create_draft_survey(&one, "own-saves", "自分の保存", Start::Blank)
        .await
        .unwrap();
    let form = |label: &str| {
        shared::answer::FormValues::of(&[("kind", "yes_no"), ("label.ja", label), ("rev", "1")])
    };
    app.core
        .edit_question(&one, id, "q1", &form("一回目"))
        .await
        .unwrap();
    app.core
        .edit_question(&one, id, "q1", &form("二回目"))
        .await
        .unwrap();
    let now = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(now.revision, 3);
    assert_eq!(now.definition.question("q1").unwrap().label.ja, "二回目");
    let theirs = app
        .core
        .edit_question(&other, id, "q1", &form("別の人"))
        .await;
    assert_eq!(
        theirs.map_err(shared::ApiError::from),
        Err(shared::ApiError::EditConflict { revision: 3 })
    );
}

app_on_both_databases!(
    one_persons_saves_never_conflict_with_each_other,
    own_saves_on_sqlite,
    own_saves_on_postgres
);
