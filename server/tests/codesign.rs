//! Co-design with the council: revisions that never overwrite each other, invitations,
//! comments, suggestions decided by staff, approvals frozen at publishing, notifications, the
//! audit log, and who may do what (every co-design operation × role × own/other district).
//! Runs on SQLite and PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, PASSWORD, TestApp, form, user};
use shared::ApiError;
use shared::account::Role;
use shared::answer::FormValues;
use shared::codesign::QuestionChange;
use shared::survey::ResponsePolicy;
use shared::views::CurrentUser;
use yoriai_core::surveys::builder::{Settings, Start};

fn api<T: std::fmt::Debug>(r: yoriai_core::error::Result<T>) -> Result<T, ApiError> {
    r.map_err(ApiError::from)
}

/// A council member who joined survey `id` through an invitation for `district`.
async fn member(
    app: &TestApp,
    staff: &CurrentUser,
    id: i64,
    email: &str,
    district: i64,
) -> CurrentUser {
    let s = &app.core;
    let token = s
        .invite_reviewer(staff, id, email, Some(district))
        .await
        .unwrap();
    let (signed, survey) = s
        .accept_invitation(&token, "町 協議会", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(survey, id);
    s.user_for_token(&signed.token).await.unwrap().unwrap()
}

async fn districts(app: &TestApp, id: i64) -> Vec<i64> {
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    app.core
        .store
        .districts(survey.ward_id)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect()
}

async fn draft(app: &TestApp, staff: &CurrentUser, slug: &str) -> i64 {
    app.core
        .create_draft_survey(
            staff,
            slug,
            "地域の市民センターについて",
            Start::CommunityCentre,
        )
        .await
        .unwrap()
}

/// The first single-choice question of the template, and its option labels.
async fn choice_question(app: &TestApp, id: i64) -> (String, Vec<String>) {
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    let q = survey
        .definition
        .questions()
        .find(|q| matches!(q.kind, shared::survey::QuestionKind::SingleChoice { .. }))
        .unwrap();
    (
        q.id.clone(),
        q.options().iter().map(|o| o.label.ja.clone()).collect(),
    )
}

/// The question editor's form for `q` with a new wording, opened at revision `rev` (0: none
/// given, as a form from before revisions).
fn editor_form(q: &shared::survey::Question, label: &str, rev: i64) -> FormValues {
    let mut f = form(&[("label.ja", label)]);
    if rev > 0 {
        f.push("rev", rev.to_string());
    }
    f.push("kind", shared::edit::kind_name(&q.kind));
    for o in q.options() {
        f.push("opt.value", o.value.clone());
        f.push("opt.ja", o.label.ja.clone());
    }
    f
}

/// The template's single-choice questions.
async fn single_choices(app: &TestApp, id: i64) -> Vec<shared::survey::Question> {
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    survey
        .definition
        .questions()
        .filter(|q| matches!(q.kind, shared::survey::QuestionKind::SingleChoice { .. }))
        .cloned()
        .collect()
}

async fn revisions_never_overwrite(app: TestApp) {
    let s = &app.core;
    let a = user(&app, "a@ward.example.jp", Role::Staff).await;
    let b = user(&app, "b@ward.example.jp", Role::Staff).await;
    let id = draft(&app, &a, "conflict-test").await;
    let survey = s.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(survey.revision, 1, "a new survey starts at revision 1");
    let choices = single_choices(&app, id).await;
    let (q1, q2) = (&choices[0].id, &choices[1].id);
    let edit = |label: &str, rev: i64, q: &str| {
        editor_form(choices.iter().find(|c| c.id == q).unwrap(), label, rev)
    };

    // Both open the editor at revision 1. A saves first.
    s.edit_question(&a, id, q1, &edit("Aの文言", 1, q1))
        .await
        .unwrap();
    // B's save of the same question is refused, and A's wording stays.
    assert_eq!(
        api(s.edit_question(&b, id, q1, &edit("Bの文言", 1, q1)).await),
        Err(ApiError::EditConflict { revision: 2 })
    );
    let now = s.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(now.definition.question(q1).unwrap().label.ja, "Aの文言");
    assert_eq!(now.revision, 2);
    // B's edit of another question, opened at the same old revision, is not a conflict.
    s.edit_question(&b, id, q2, &edit("Bの別の質問", 1, q2))
        .await
        .unwrap();
    // After looking at both, B saves onto the current revision: the merge.
    s.edit_question(&b, id, q1, &edit("AとBの文言", 3, q1))
        .await
        .unwrap();
    let now = s.store.survey_by_id(id).await.unwrap().unwrap();
    assert_eq!(now.revision, 4);
    assert_eq!(now.definition.question(q1).unwrap().label.ja, "AとBの文言");
    assert_eq!(now.definition.question(q2).unwrap().label.ja, "Bの別の質問");

    // Over HTTP a stale save is a 409 with the conflict message, and changes nothing.
    let cookie = app.sign_in_staff().await;
    let pairs: Vec<(String, String)> = edit("古い版から", 1, q1).0;
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = app
        .post_form_with(
            &format!("/staff/surveys/{id}/q/{q1}"),
            &refs,
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("別の方が保存しました"));
    assert_eq!(s.store.survey_by_id(id).await.unwrap().unwrap().revision, 4);

    // History: every save is a revision with its author; two can be compared.
    let history = s.revisions_view(&a, id, Some((1, 4))).await.unwrap();
    let numbers: Vec<i64> = history.revisions.iter().map(|r| r.number).collect();
    assert_eq!(numbers, vec![4, 3, 2, 1]);
    assert_eq!(
        history.revisions[0].author.as_deref(),
        Some("b@ward.example.jp")
    );
    assert_eq!(
        history.revisions[3].author.as_deref(),
        Some("a@ward.example.jp")
    );
    let (older, newer, diff) = history.compare.unwrap();
    assert_eq!((older, newer), (1, 4));
    let changed: Vec<&str> = diff
        .questions
        .iter()
        .filter_map(|c| match c {
            QuestionChange::Changed(d) => Some(d.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(changed, vec![q1.as_str(), q2.as_str()]);

    // Restoring revision 1 makes a new revision with revision 1's content.
    let restored = s.restore_revision(&a, id, 1).await.unwrap();
    assert_eq!(restored, 5);
    let now = s.store.survey_by_id(id).await.unwrap().unwrap();
    let first = s.store.revision_content(id, 1).await.unwrap().unwrap();
    assert_eq!(now.definition, first.definition);
    assert!(
        s.revisions_view(&a, id, Some((1, 5)))
            .await
            .unwrap()
            .compare
            .unwrap()
            .2
            .is_empty()
    );
    assert_eq!(
        api(s.restore_revision(&a, id, 99).await),
        Err(ApiError::NotFound)
    );

    // The audit log has the edits with before and after, for admins only.
    let admin = user(&app, "admin@ward.example.jp", Role::Admin).await;
    let log = s.audit_view(&admin, Some(id)).await.unwrap();
    let edit_line = log.iter().find(|l| l.action == "survey_edit").unwrap();
    assert!(edit_line.old_value.is_some() && edit_line.new_value.is_some());
    assert!(log.iter().any(|l| l.action == "survey_restore"));
    assert_eq!(api(s.audit_view(&a, None).await), Err(ApiError::Forbidden));
    app.stop().await;
}

#[tokio::test]
async fn revisions_never_overwrite_on_sqlite() {
    revisions_never_overwrite(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn revisions_never_overwrite_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    revisions_never_overwrite(app).await;
}

async fn council_story(app: TestApp) {
    let s = &app.core;
    let staff = user(&app, "staff2@ward.example.jp", Role::Staff).await;
    let id = draft(&app, &staff, "council-story").await;
    let district = districts(&app, id).await[0];
    // The invitation: a link shown once, working once.
    let token = s
        .invite_reviewer(&staff, id, "Member@Example.JP", Some(district))
        .await
        .unwrap();
    let page = s.invitation_page(&token).await.unwrap();
    assert_eq!(page.email, "member@example.jp");
    assert!(!page.has_account);
    assert_eq!(
        api(s.accept_invitation(&token, "", "short", "127.0.0.1").await)
            .unwrap_err()
            .status(),
        422
    );
    let (signed, _) = s
        .accept_invitation(&token, "協議会 一郎", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(
        api(s
            .accept_invitation(&token, "協議会 一郎", PASSWORD, "127.0.0.1")
            .await)
        .map(|_| ()),
        Err(ApiError::InvitationUsed)
    );
    assert_eq!(
        api(s.invitation_page("no-such-token").await).map(|_| ()),
        Err(ApiError::NotFound)
    );
    let council = s.user_for_token(&signed.token).await.unwrap().unwrap();
    assert_eq!(council.role, Role::Council);
    assert_eq!(council.district_id, Some(district));

    // The member reads the draft and comments on two questions.
    let view = s.draft_view(&council, id).await.unwrap();
    let ids: Vec<String> = view.definition.questions().map(|q| q.id.clone()).collect();
    s.comment(&council, id, &ids[0], None, "言葉が難しいです")
        .await
        .unwrap();
    let thread = s
        .comment(
            &council,
            id,
            &ids[1],
            None,
            "@staff2@ward.example.jp 選択肢を確認してください",
        )
        .await
        .unwrap();
    s.comment(&staff, id, "", Some(thread), "確認します")
        .await
        .unwrap();
    // A page (section) takes comments too.
    let section = view.definition.sections()[0].id.clone();
    s.comment(&council, id, &section, None, "このページは長いです")
        .await
        .unwrap();
    assert_eq!(
        api(s.comment(&council, id, "no-such-question", None, "x").await),
        Err(ApiError::NotFound)
    );
    assert_eq!(
        api(s.comment(&council, id, &ids[0], None, "   ").await)
            .unwrap_err()
            .status(),
        422
    );
    s.resolve_thread(&staff, id, thread, true).await.unwrap();
    let view = s.draft_view(&council, id).await.unwrap();
    assert_eq!(view.threads.len(), 3);
    let resolved = view.threads.iter().find(|t| t.first.id == thread).unwrap();
    assert!(resolved.resolved.is_some());
    assert_eq!(resolved.replies.len(), 1);
    assert!(resolved.replies[0].staff);

    // Two suggestions: a changed option list, and deleting a question.
    let (qid, options) = choice_question(&app, id).await;
    let mut changed_options = options.clone();
    changed_options.reverse();
    changed_options.push("オンラインで参加".into());
    let label = view.definition.question(&qid).unwrap().label.ja.clone();
    let accepted = s
        .suggest(
            &council,
            id,
            &qid,
            &form(&[
                ("change", "reword"),
                ("label", &label),
                ("options", &changed_options.join("\n")),
                ("note", "よく聞かれる順に"),
            ]),
        )
        .await
        .unwrap();
    let rejected = s
        .suggest(
            &council,
            id,
            ids.last().unwrap(),
            &form(&[("change", "delete")]),
        )
        .await
        .unwrap();
    assert_eq!(
        api(s
            .suggest(&council, id, &qid, &form(&[("change", "reword")]))
            .await)
        .unwrap_err()
        .status(),
        422
    );
    let view = s.draft_view(&staff, id).await.unwrap();
    let shown = view.suggestions.iter().find(|x| x.id == accepted).unwrap();
    assert!(shown.diff.is_change() && !shown.stale);
    assert!(shown.diff.options.iter().any(|o| o.moved));

    // Staff accept one and reject the other with a reply (a rejection needs one).
    s.decide_suggestion(&staff, id, accepted, true, "")
        .await
        .unwrap();
    assert_eq!(
        api(s.decide_suggestion(&staff, id, accepted, true, "").await),
        Err(ApiError::Conflict),
        "a suggestion is decided once"
    );
    assert_eq!(
        api(s.decide_suggestion(&staff, id, rejected, false, " ").await)
            .unwrap_err()
            .status(),
        422
    );
    s.decide_suggestion(
        &staff,
        id,
        rejected,
        false,
        "この質問は前回と比べるために残します",
    )
    .await
    .unwrap();
    let survey = s.store.survey_by_id(id).await.unwrap().unwrap();
    let now_options: Vec<String> = survey
        .definition
        .question(&qid)
        .unwrap()
        .options()
        .iter()
        .map(|o| o.label.ja.clone())
        .collect();
    assert_eq!(now_options, changed_options);
    assert!(survey.definition.question(ids.last().unwrap()).is_some());

    // The member hears of both decisions; staff heard of the comments and suggestions.
    let told = s.notifications(&council).await.unwrap();
    let kinds: Vec<&str> = told.iter().map(|n| n.kind.as_str()).collect();
    assert!(
        kinds.contains(&"accepted") && kinds.contains(&"rejected"),
        "{kinds:?}"
    );
    assert!(kinds.contains(&"reply"), "{kinds:?}");
    let staff_told = s.notifications(&staff).await.unwrap();
    assert!(staff_told.iter().any(|n| n.kind == "mention"));
    assert!(staff_told.iter().any(|n| n.kind == "suggestion"));
    assert!(s.unread_notifications(&staff).await.unwrap() > 0);
    s.mark_notifications_read(&staff).await.unwrap();
    assert_eq!(s.unread_notifications(&staff).await.unwrap(), 0);

    // Approval needs the draft in review; staff cannot approve; members cannot edit or publish.
    assert_eq!(
        api(s.set_approval(&council, id, true).await),
        Err(ApiError::Conflict)
    );
    s.set_review(&staff, id, true).await.unwrap();
    assert_eq!(
        api(s.set_approval(&staff, id, true).await),
        Err(ApiError::Forbidden)
    );
    s.set_approval(&council, id, true).await.unwrap();
    assert_eq!(
        api(s.publish_survey(&council, id).await),
        Err(ApiError::Forbidden)
    );
    let revision = s.store.survey_by_id(id).await.unwrap().unwrap().revision;
    let number = s.publish_survey(&staff, id).await.unwrap();
    assert_eq!(number, 1);
    let survey = s.store.survey_by_id(id).await.unwrap().unwrap();
    let version = survey.current_version_id.unwrap();
    let frozen = s.store.version_approvals(version).await.unwrap();
    assert_eq!(frozen.len(), 1);
    assert_eq!(frozen[0].name, "協議会 一郎");
    assert_eq!(frozen[0].revision, revision);
    let published = s.store.version(version).await.unwrap().unwrap();
    assert_eq!(
        published.definition.question(&qid).unwrap().options().len(),
        changed_options.len()
    );
    assert!(
        s.notifications(&council)
            .await
            .unwrap()
            .iter()
            .any(|n| n.kind == "published")
    );
    let view = s.draft_view(&council, id).await.unwrap();
    assert_eq!(view.published_version, Some(1));
    assert_eq!(view.published_approvals.len(), 1);
    let history = s.revisions_view(&council, id, None).await.unwrap();
    assert_eq!(history.revisions[0].published_as, Some(1));
    assert!(!history.can_restore);
    app.stop().await;
}

#[tokio::test]
async fn council_story_on_sqlite() {
    council_story(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn council_story_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    council_story(app).await;
}

/// What an operation answered: done, or the status it was refused with.
fn outcome<T>(r: yoriai_core::error::Result<T>) -> u16 {
    match r {
        Ok(_) => 200,
        Err(e) => ApiError::from(e).status(),
    }
}

/// Every co-design operation, by every kind of user: staff and admins may do everything; an
/// invited council member of the survey's district may read, comment, suggest and approve and
/// is refused (403) the rest; a council member of another district, an uninvited one, an
/// organiser and a resident are told the survey does not exist (404).
#[tokio::test]
async fn who_may_do_what() {
    let app = TestApp::sqlite().await;
    let s = &app.core;
    let staff = user(&app, "owner@ward.example.jp", Role::Staff).await;
    let admin = user(&app, "root@ward.example.jp", Role::Admin).await;
    let id = draft(&app, &staff, "permissions").await;
    let all = districts(&app, id).await;
    let (own, other) = (all[0], all[1]);
    let own_member = member(&app, &staff, id, "own@example.jp", own).await;
    let other_member = member(&app, &staff, id, "other@example.jp", other).await;
    // The survey is then narrowed to one district: the other district's member loses it.
    let survey = s.store.survey_by_id(id).await.unwrap().unwrap();
    s.update_survey_settings(
        &staff,
        id,
        &Settings {
            title: survey.title.clone(),
            intro: survey.intro.clone(),
            policy: ResponsePolicy::Open,
            opens_at: None,
            closes_at: None,
            districts: vec![own],
        },
    )
    .await
    .unwrap();
    // A council member of the right district on another survey, not invited to this one.
    let elsewhere = draft(&app, &staff, "elsewhere").await;
    let uninvited = member(&app, &staff, elsewhere, "uninvited@example.jp", own).await;
    let organiser = user(&app, "org@example.jp", Role::Organiser).await;
    let resident = user(&app, "res@example.jp", Role::Resident).await;
    s.set_review(&staff, id, true).await.unwrap();
    let question = single_choices(&app, id).await.remove(0);
    let qid = question.id.clone();
    let thread = s
        .comment(&staff, id, &qid, None, "スタッフのメモ")
        .await
        .unwrap();
    // A question nothing depends on, for suggestions to delete.
    let last = survey.definition.questions().last().unwrap().id.clone();

    let people: [(&str, &CurrentUser, u16, u16); 7] = [
        // (who, user, may read/comment/suggest, may change)
        ("staff", &staff, 200, 200),
        ("admin", &admin, 200, 200),
        ("council, own district", &own_member, 200, 403),
        ("council, other district", &other_member, 404, 404),
        ("council, not invited", &uninvited, 404, 404),
        ("organiser", &organiser, 404, 404),
        ("resident", &resident, 404, 404),
    ];
    for (who, u, read, change) in people {
        let suggestion = s
            .suggest(&staff, id, &last, &form(&[("change", "delete")]))
            .await
            .unwrap();
        let got = [
            ("draft_view", outcome(s.draft_view(u, id).await), read),
            (
                "suggest_view",
                outcome(s.suggest_view(u, id, &qid).await),
                read,
            ),
            (
                "revisions_view",
                outcome(s.revisions_view(u, id, Some((1, 1))).await),
                read,
            ),
            (
                "comment",
                outcome(s.comment(u, id, &qid, None, "意見").await),
                read,
            ),
            (
                "suggest",
                outcome(
                    s.suggest(u, id, &last, &form(&[("change", "delete")]))
                        .await,
                ),
                read,
            ),
            (
                "resolve_thread (someone else's)",
                outcome(s.resolve_thread(u, id, thread, false).await),
                change,
            ),
            (
                "decide_suggestion",
                outcome(s.decide_suggestion(u, id, suggestion, false, "不要").await),
                change,
            ),
            (
                "set_review",
                outcome(s.set_review(u, id, true).await),
                change,
            ),
            (
                "invite_reviewer",
                outcome(s.invite_reviewer(u, id, "new@example.jp", Some(own)).await),
                change,
            ),
            (
                "restore_revision",
                outcome(s.restore_revision(u, id, 1).await),
                change,
            ),
            (
                "edit_question",
                outcome(
                    s.edit_question(u, id, &qid, &editor_form(&question, "変更", 0))
                        .await,
                ),
                // The builder's own operations refuse every non-staff role before looking.
                if change == 200 { 200 } else { 403 },
            ),
            (
                "set_approval",
                outcome(s.set_approval(u, id, true).await),
                // Only council members approve; staff are refused.
                match read {
                    200 if change == 200 => 403,
                    other => other,
                },
            ),
        ];
        for (op, status, expected) in got {
            assert_eq!(status, expected, "{op} by {who}");
        }
        // Unknown ids look the same as ids one may not see.
        assert_eq!(
            outcome(s.draft_view(u, 999_999).await),
            404,
            "unknown id, {who}"
        );
    }
    // The audit log is for admins alone.
    assert_eq!(outcome(s.audit_view(&admin, None).await), 200);
    for u in [&staff, &own_member, &resident] {
        assert_eq!(outcome(s.audit_view(u, None).await), 403);
    }
    // Publishing records the approval of the own-district member only.
    let version = s.publish_survey(&staff, id).await.unwrap();
    assert_eq!(version, 1);
    // A council member's list shows only what they may see.
    let listed: Vec<i64> = s
        .reviewed_surveys(&other_member)
        .await
        .unwrap()
        .iter()
        .map(|x| x.id)
        .collect();
    assert!(listed.is_empty(), "{listed:?}");
    assert_eq!(
        s.reviewed_surveys(&own_member)
            .await
            .unwrap()
            .iter()
            .map(|x| x.id)
            .collect::<Vec<_>>(),
        vec![id]
    );
    // The server functions the pages read through refuse the same way, as HTTP endpoints.
    let sessions = [
        ("staff", "owner@ward.example.jp", "ok", "Forbidden"),
        ("admin", "root@ward.example.jp", "ok", "ok"),
        ("council, own district", "own@example.jp", "ok", "Forbidden"),
        (
            "council, other district",
            "other@example.jp",
            "NotFound",
            "Forbidden",
        ),
        (
            "council, not invited",
            "uninvited@example.jp",
            "NotFound",
            "Forbidden",
        ),
        ("organiser", "org@example.jp", "NotFound", "Forbidden"),
        ("resident", "res@example.jp", "NotFound", "Forbidden"),
    ];
    for (who, email, read, audit) in sessions {
        let signed = s.sign_in(email, PASSWORD, "127.0.0.2").await.unwrap();
        let cookie = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
        let calls = [
            ("draft", format!("survey_id={id}"), read),
            ("suggest", format!("survey_id={id}&question_id={qid}"), read),
            ("revisions", format!("survey_id={id}"), read),
            ("audit", String::new(), audit),
            ("notifications", String::new(), "ok"),
            ("draft", "survey_id=999999".to_string(), "NotFound"),
        ];
        for (endpoint, body, expected) in calls {
            let res = app
                .client
                .post(app.url(&format!("/api/{endpoint}")))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", &cookie)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            let got = if status == 200 {
                "ok"
            } else if text.contains("NotFound") {
                "NotFound"
            } else if text.contains("Forbidden") {
                "Forbidden"
            } else {
                panic!("{endpoint} ({body}) by {who}: {status} {text}")
            };
            assert_eq!(got, expected, "/api/{endpoint} ({body}) by {who}");
        }
    }
    // Without a session, nothing at all.
    let res = app
        .client
        .post(app.url("/api/draft"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("survey_id={id}"))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Unauthorized"));

    // Every co-design form post, as each kind of council member and a resident: done (303),
    // refused (403) or not found (404); nothing changes when refused.
    let open_suggestion = s
        .suggest(&staff, id, &last, &form(&[("change", "delete")]))
        .await;
    // The survey is published now: suggestions are closed, the rest still answers.
    assert_eq!(api(open_suggestion).map(|_| ()), Err(ApiError::Conflict));
    let posts: Vec<(String, Vec<(&str, String)>)> = vec![
        (
            format!("/review/{id}/comment"),
            vec![("target", qid.clone()), ("body", "意見".into())],
        ),
        (
            format!("/review/{id}/comments/{thread}"),
            vec![("action", "resolve".into())],
        ),
        (
            format!("/review/{id}/q/{last}/suggest"),
            vec![("change", "delete".into())],
        ),
        (
            format!("/review/{id}/suggestions/1"),
            vec![("action", "reject".into()), ("reply", "x".into())],
        ),
        (
            format!("/review/{id}/approval"),
            vec![("action", "approve".into())],
        ),
        (
            format!("/review/{id}/state"),
            vec![("action", "send".into())],
        ),
        (
            format!("/review/{id}/invite"),
            vec![
                ("email", "x@example.jp".into()),
                ("district", own.to_string()),
            ],
        ),
        (format!("/review/{id}/revisions/1/restore"), vec![]),
    ];
    // (who, email, expected status per post above)
    let expected: [(&str, &str, [u16; 8]); 3] = [
        // The member may comment; the rest is staff work (403), or closed now (409).
        (
            "council, own district",
            "own@example.jp",
            [303, 403, 409, 403, 409, 403, 403, 403],
        ),
        ("council, other district", "other@example.jp", [404; 8]),
        ("resident", "res@example.jp", [404; 8]),
    ];
    for (who, email, statuses) in expected {
        let mut b = Browser::new(&app);
        b.post_to("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await;
        let revision = s.store.survey_by_id(id).await.unwrap().unwrap().revision;
        for ((path, pairs), status) in posts.iter().zip(statuses) {
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let res = b.post(path, &pairs).await;
            assert_eq!(res.status().as_u16(), status, "POST {path} by {who}");
        }
        assert_eq!(
            s.store.survey_by_id(id).await.unwrap().unwrap().revision,
            revision,
            "nothing was saved by {who}"
        );
    }

    // Signing in, the HTTP co-design posts refuse the same way.
    let mut browser = Browser::new(&app);
    browser
        .post_to(
            "/sign-in",
            &[("email", "other@example.jp"), ("password", PASSWORD)],
        )
        .await;
    let res = browser
        .post(
            &format!("/review/{id}/comment"),
            &[("target", qid.as_str()), ("body", "見えないはず")],
        )
        .await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}
