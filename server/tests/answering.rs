//! Answering surveys over HTTP the way a phone without JavaScript does: start, one screen per
//! section, review, send; with logic, resume, every response policy and every refusal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::Utc;
use common::{Browser, TestApp, scalar};
use shared::answer::Channel;
use shared::survey::{
    Question, QuestionKind, ResponsePolicy, Section, SurveyDefinition, SurveyStatus, Text,
};
use yoriai_core::db::NewSurvey;
use yoriai_core::demo::DEMO_CLOSED_SLUG;

const SURVEY: &str = "/s/shimin-center-2026";

fn page(n: usize) -> String {
    format!("{SURVEY}/p/{n}")
}

async fn html(res: reqwest::Response) -> (u16, String) {
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Answers the demo survey (the community-centre template) screen by screen.
async fn answer_the_template(app: &TestApp) {
    let mut b = Browser::new(app);
    let (status, start) = html(b.get(SURVEY).await).await;
    assert_eq!(status, 200);
    assert!(start.contains("市民センターのこれからを考えるアンケート"));
    assert!(start.contains(&format!("action=\"{SURVEY}/start\"")));
    assert!(start.contains("全5ページ"));
    assert!(!start.contains("/pkg/yoriai.js"), "no script is needed");

    // Starting sets a cookie that only this survey's pages receive.
    let res = b.post(&format!("{SURVEY}/start"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], page(1));
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("yoriai_answer="), "{cookie}");
    assert!(cookie.contains(&format!("Path={SURVEY};")), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));

    let (status, first) = html(b.get(&page(1)).await).await;
    assert_eq!(status, 200);
    assert!(first.contains("1 / 5 ページ"), "progress is shown");
    assert!(first.contains("<progress"));
    assert!(
        first.contains(
            "「この1年間に、市民センターをどのくらい利用しましたか。」で「ほとんど利用しない」か「利用したことがない」と答えた方"
        ),
        "a question that depends on this screen says when it applies, naming the question"
    );
    assert!(
        first.contains("name=\"q.satisfaction.hours\""),
        "matrix rows"
    );

    let next = |pairs: &[(&'static str, &'static str)]| {
        let mut v = pairs.to_vec();
        v.push(("nav", "next"));
        v
    };
    let to = b
        .post_to(
            &page(1),
            &next(&[
                ("q.use_freq", "weekly"),
                // Hidden by the answer above: must be dropped, not stored.
                ("q.not_use_reason", "hours"),
                ("q.purposes", "classes"),
                ("q.purposes", "other"),
                ("q.purposes.other", "卓球"),
                ("q.last_visit", "2026-11-01"),
                ("q.satisfaction.hours", "2"),
                ("q.satisfaction.rooms", "4"),
                ("q.satisfaction.clean", "5"),
                ("q.satisfaction.staff", "5"),
                ("q.satisfaction.info", "1"),
            ]),
        )
        .await;
    assert_eq!(to, page(2));
    let to = b
        .post_to(
            &page(2),
            &next(&[
                ("q.sunday", "5"),
                ("q.sunday_use", "kids"),
                ("q.sunday_use", "family"),
                ("q.times", "weekday_evening"),
                ("q.evening_until", "21"),
            ]),
        )
        .await;
    assert_eq!(to, page(3));
    let to = b
        .post_to(
            &page(3),
            &next(&[
                ("q.priorities.parenting", "1"),
                ("q.priorities.disaster", "2"),
                ("q.priorities.networks", "3"),
                ("q.recommend", "8"),
                ("q.rating", "4"),
                ("q.networks", "yes"),
            ]),
        )
        .await;
    assert_eq!(to, page(4));
    let to = b
        .post_to(
            &page(4),
            &next(&[
                ("q.age", "30s"),
                ("q.household", "partner"),
                ("q.household", "preschool"),
                ("q.children", "２"),
                ("q.district", "kmn-kitagata"),
            ]),
        )
        .await;
    assert_eq!(to, page(5));
    let to = b
        .post_to(
            &page(5),
            &next(&[("q.comment", "日曜日に子どもと行きたいです")]),
        )
        .await;
    assert_eq!(to, format!("{SURVEY}/review"));

    let (status, review) = html(b.get(&format!("{SURVEY}/review")).await).await;
    assert_eq!(status, 200);
    for shown in [
        "ほぼ毎週",
        "その他（卓球）",
        "1. 子育ての支援",
        "星4つ",
        "2 人",
        "北方",
        "そう思う",
        "日曜日に子どもと行きたいです",
    ] {
        assert!(review.contains(shown), "review shows {shown}");
    }
    assert!(
        review.contains(&format!("href=\"{SURVEY}/p/2\"")),
        "change links"
    );
    let id = app.demo_survey_id().await;
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 0);

    // Sent twice (a double tap, a retry): one response, the same thank-you page.
    assert_eq!(
        b.post_to(&format!("{SURVEY}/submit"), &[]).await,
        format!("{SURVEY}/thanks")
    );
    assert_eq!(
        b.post_to(&format!("{SURVEY}/submit"), &[]).await,
        format!("{SURVEY}/thanks")
    );
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 1);
    let stored = app.core.store.latest_responses(id, 5).await.unwrap();
    let r = &stored[0];
    assert_eq!(
        serde_json::to_value(&r.answers).unwrap(),
        serde_json::json!({
            "use_freq": "weekly",
            "purposes": ["classes", "other"],
            "purposes.other": "卓球",
            "last_visit": "2026-11-01",
            "satisfaction": {"hours": "2", "rooms": "4", "clean": "5", "staff": "5", "info": "1"},
            "sunday": 5.0,
            "sunday_use": ["family", "kids"],
            "times": ["weekday_evening"],
            "evening_until": "21",
            "priorities": ["parenting", "disaster", "networks"],
            "recommend": 8.0,
            "rating": 4.0,
            "networks": "yes",
            "age": "30s",
            "household": ["partner", "preschool"],
            "children": 2.0,
            "district": "kmn-kitagata",
            "comment": "日曜日に子どもと行きたいです"
        })
    );
    assert_eq!(
        (r.version, r.district.as_deref(), r.channel, r.lang),
        (Some(1), Some("北方"), Channel::Web, shared::Lang::Ja)
    );
    // After sending, the screens and the review lead to the thank-you page.
    for path in [page(1), format!("{SURVEY}/review")] {
        let res = b.get(&path).await;
        assert_eq!(res.status(), 302, "{path}");
        assert_eq!(res.headers()["location"], format!("{SURVEY}/thanks"));
    }

    // Staff see it, in words.
    let cookie = app.sign_in_staff().await;
    let staff = app
        .get_with_cookie(&format!("/staff/surveys/{id}"), &cookie)
        .await;
    let staff = staff.text().await.unwrap();
    assert!(staff.contains("日曜日に子どもと行きたいです"));
    assert!(staff.contains("子どもが遊べる場所") || staff.contains("子どもの居場所・遊び場"));
}

app_on_both_databases!(
    answer_the_template,
    a_resident_answers_every_screen_without_javascript_on_sqlite,
    a_resident_answers_every_screen_without_javascript_on_postgres
);

#[tokio::test]
async fn logic_and_rules_are_applied_screen_by_screen_and_nothing_typed_is_lost() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    b.post_to(&format!("{SURVEY}/start"), &[]).await;

    // "Never": the reason becomes required on the same screen.
    let (status, body) = html(
        b.post(
            &page(1),
            &[
                ("q.use_freq", "never"),
                ("q.purposes", "classes"),
                ("nav", "next"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("入力内容を確認してください"));
    assert!(body.contains("この項目は必須です。回答してください。"));
    assert!(body.contains("value=\"never\" checked"), "the pick is kept");
    // "Other" needs its text.
    let (status, body) = html(
        b.post(
            &page(1),
            &[
                ("q.use_freq", "never"),
                ("q.not_use_reason", "other"),
                ("nav", "next"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("「その他」の内容を入力してください。"));
    let to = b
        .post_to(
            &page(1),
            &[
                ("q.use_freq", "never"),
                ("q.not_use_reason", "hours"),
                ("nav", "next"),
            ],
        )
        .await;
    assert_eq!(to, page(2));

    // Out-of-range scale points and repeated ranks are refused with their own messages.
    let (status, body) = html(
        b.post(&page(2), &[("q.sunday", "9"), ("nav", "next")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("選択肢の中から選んでください。"));
    // Agreement 2: the Sunday follow-up is hidden and not required.
    assert_eq!(
        b.post_to(&page(2), &[("q.sunday", "2"), ("nav", "next")])
            .await,
        page(3)
    );
    let (status, body) = html(
        b.post(
            &page(3),
            &[
                ("q.priorities.parenting", "1"),
                ("q.priorities.disaster", "1"),
                ("q.priorities.networks", "2"),
                ("nav", "next"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("同じ順位が2回使われています。"));
    assert_eq!(b.post_to(&page(3), &[("nav", "next")]).await, page(4));
    let (status, body) = html(
        b.post(
            &page(4),
            &[
                ("q.age", "40s"),
                ("q.household", "school"),
                ("q.children", "たくさん"),
                ("nav", "next"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("数字で入力してください。"));
    assert!(body.contains("たくさん"), "typed text is kept");

    // Sending before the required age is saved: refused, pointing at the screen to fix.
    let (status, body) = html(b.post(&format!("{SURVEY}/submit"), &[]).await).await;
    assert_eq!(status, 422);
    assert!(body.contains("まだ回答していない必須の質問があります"));
    assert!(body.contains(&format!("href=\"{SURVEY}/p/4\"")));
    let id = app.demo_survey_id().await;
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 0);

    assert_eq!(
        b.post_to(&page(4), &[("q.age", "40s"), ("nav", "next")])
            .await,
        page(5)
    );
    assert_eq!(
        b.post_to(&page(5), &[("nav", "next")]).await,
        format!("{SURVEY}/review")
    );
    b.post_to(&format!("{SURVEY}/submit"), &[]).await;
    let stored = app.core.store.latest_responses(id, 1).await.unwrap();
    let keys: Vec<&str> = stored[0].answers.0.keys().map(String::as_str).collect();
    assert_eq!(keys, vec!["age", "not_use_reason", "sunday", "use_freq"]);
    app.stop().await;
}

#[tokio::test]
async fn answers_are_saved_per_screen_and_resume_after_a_reload_or_a_new_tab() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    b.post_to(&format!("{SURVEY}/start"), &[]).await;
    b.post_to(&page(1), &[("q.use_freq", "monthly"), ("nav", "next")])
        .await;
    // The tab was closed; the resident opens the link again.
    let (_, start) = html(b.get(SURVEY).await).await;
    assert!(
        start.contains("前回の回答（1問）が保存されています。"),
        "{start}"
    );
    assert!(start.contains("続きから回答する"));
    let res = b.post(&format!("{SURVEY}/start"), &[]).await;
    assert_eq!(res.headers()["location"], page(2));
    assert!(
        res.headers().get("set-cookie").is_none(),
        "resuming makes no new draft"
    );
    let (_, first) = html(b.get(&page(1)).await).await;
    assert!(
        first.contains("value=\"monthly\" checked"),
        "saved answers are shown again"
    );
    // Back from an unfinished screen keeps what is valid and goes back without complaint.
    let to = b
        .post_to(&page(2), &[("q.times", "saturday"), ("nav", "back")])
        .await;
    assert_eq!(to, page(1));
    let (_, second) = html(b.get(&page(2)).await).await;
    assert!(second.contains("value=\"saturday\" checked"));
    // Another phone (no cookie) cannot reach these answers: it is sent to the start.
    let mut other = Browser::new(&app);
    let res = other.get(&page(2)).await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], SURVEY);
    // A made-up screen number is not found.
    assert_eq!(b.get(&page(99)).await.status(), 404);
    assert_eq!(b.get(&page(0)).await.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn the_survey_speaks_english_and_easy_japanese_with_furigana() {
    let app = TestApp::sqlite().await;
    let mut en = Browser::new(&app).with_cookie("yoriai_lang", "en");
    let (_, start) = html(en.get(SURVEY).await).await;
    assert!(start.contains("<html lang=\"en\""));
    assert!(start.contains("Survey: the future of your community centre"));
    assert!(start.contains(">Start<"));
    en.post_to(&format!("{SURVEY}/start"), &[]).await;
    let (_, first) = html(en.get(&page(1)).await).await;
    assert!(first.contains("Page 1 of 5"));
    assert!(first.contains("In the past year, how often did you use the community centre?"));
    assert!(first.contains(
        "to \u{201c}In the past year, how often did you use the community centre?\u{201d}"
    ));

    let mut easy = Browser::new(&app).with_cookie("yoriai_lang", "easy");
    let (_, start) = html(easy.get(SURVEY).await).await;
    assert!(
        start.contains("<html lang=\"ja\""),
        "easy Japanese is Japanese to browsers"
    );
    assert!(
        start.contains("<ruby>市民<rt>しみん</rt></ruby>センター"),
        "furigana become ruby"
    );
    assert!(
        start.contains("こたえはじめる"),
        "the interface is in easy Japanese too"
    );
    // Answering in easy Japanese records the language.
    easy.post_to(&format!("{SURVEY}/start"), &[]).await;
    for (n, pairs) in [
        (
            1,
            vec![("q.use_freq", "never"), ("q.not_use_reason", "unknown")],
        ),
        (2, vec![("q.sunday", "3")]),
        (3, vec![]),
        (4, vec![("q.age", "20s")]),
        (5, vec![]),
    ] {
        let mut pairs = pairs;
        pairs.push(("nav", "next"));
        easy.post_to(&page(n), &pairs).await;
    }
    easy.post_to(&format!("{SURVEY}/submit"), &[]).await;
    let id = app.demo_survey_id().await;
    let stored = app.core.store.latest_responses(id, 1).await.unwrap();
    assert_eq!(stored[0].lang, shared::Lang::EasyJa);
    app.stop().await;
}

/// A small open survey with one required yes/no question, published, under `policy`.
async fn policy_survey(app: &TestApp, slug: &str, policy: ResponsePolicy) -> i64 {
    let ward = app
        .core
        .store
        .upsert_ward("kitakyushu-kokuraminami", "小倉南区", "Kokura Minami Ward")
        .await
        .unwrap();
    let definition = SurveyDefinition::new(vec![Section {
        id: "only".into(),
        title: Text::ja("質問"),
        intro: None,
        questions: vec![Question {
            id: "ok".into(),
            label: Text::ja("日曜開館に賛成ですか"),
            help: None,
            required: true,
            kind: QuestionKind::YesNo,
            show_if: None,
        }],
        show_if: None,
    }])
    .unwrap();
    let now = Utc::now();
    let id = app
        .core
        .store
        .create_survey(
            &NewSurvey {
                ward_id: ward,
                slug: slug.into(),
                title: Text::ja("方針のテスト"),
                intro: Text::ja("説明"),
                status: SurveyStatus::Open,
                definition,
                policy,
                opens_at: None,
                closes_at: None,
                created_by: None,
            },
            now,
        )
        .await
        .unwrap();
    app.core.store.publish_version(id, None, now).await.unwrap();
    id
}

/// Answers the one-question policy survey; returns the final status and page.
async fn answer_policy_survey(b: &mut Browser<'_>, slug: &str, code: &str) -> (u16, String) {
    let res = b.post(&format!("/s/{slug}/start"), &[("code", code)]).await;
    if res.status() != 303 {
        return html(res).await;
    }
    b.post_to(
        &format!("/s/{slug}/p/1"),
        &[("q.ok", "yes"), ("nav", "next")],
    )
    .await;
    let res = b.post(&format!("/s/{slug}/submit"), &[]).await;
    html(res).await
}

#[tokio::test]
async fn one_response_per_device() {
    let app = TestApp::sqlite().await;
    let id = policy_survey(&app, "device-only", ResponsePolicy::Device).await;
    let mut phone = Browser::new(&app);
    let res = phone.post("/s/device-only/start", &[]).await;
    assert_eq!(res.status(), 303);
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("yoriai_device=") && c.contains("HttpOnly"))
    );
    phone
        .post_to("/s/device-only/p/1", &[("q.ok", "yes"), ("nav", "next")])
        .await;
    assert_eq!(
        phone.post_to("/s/device-only/submit", &[]).await,
        "/s/device-only/thanks"
    );
    // The same phone again: a friendly page, not a second response.
    let (_, start) = html(phone.get("/s/device-only").await).await;
    assert!(start.contains("すでにご回答いただいています"));
    let (status, body) = html(phone.post("/s/device-only/start", &[]).await).await;
    assert_eq!(status, 409);
    assert!(body.contains("すでにご回答いただいています"));
    // Another phone may answer.
    let mut other = Browser::new(&app);
    let (status, _) = answer_policy_survey(&mut other, "device-only", "").await;
    assert_eq!(status, 303);
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 2);
    // The open demo survey sets no device cookie at all.
    let res = Browser::new(&app)
        .post(&format!("{SURVEY}/start"), &[])
        .await;
    assert!(
        res.headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("yoriai_device"))
    );
    app.stop().await;
}

#[tokio::test]
async fn one_response_per_invitation_code_with_its_district() {
    let app = TestApp::sqlite().await;
    let id = policy_survey(&app, "codes", ResponsePolicy::Code).await;
    let ward = app
        .core
        .store
        .upsert_ward("kitakyushu-kokuraminami", "小倉南区", "Kokura Minami Ward")
        .await
        .unwrap();
    let district = app
        .core
        .store
        .district_by_code(ward, "kmn-numa")
        .await
        .unwrap();
    let cookie = app.sign_in_staff().await;
    let token = cookie.split_once('=').unwrap().1;
    let staff = app.core.user_for_token(token).await.unwrap().unwrap();
    let codes = app
        .core
        .create_codes(&staff, id, 3, district)
        .await
        .unwrap();
    assert_eq!(codes.len(), 3);
    let code = &codes[0];
    let mut b = Browser::new(&app);
    let (_, start) = html(b.get("/s/codes").await).await;
    assert!(start.contains("招待コード"));
    // No code, a made-up one, and one with a typo: each refused kindly, nothing started.
    for typed in [
        "",
        "NOTACODE1",
        &code.replace(&code[..1], if &code[..1] == "A" { "C" } else { "A" }),
    ] {
        let (status, body) = html(b.post("/s/codes/start", &[("code", typed)]).await).await;
        assert_eq!(status, 422, "{typed}");
        assert!(body.contains("コードが正しくありません"), "{typed}");
        assert!(
            body.contains("name=\"code\""),
            "the code box is shown again"
        );
    }
    // Typed as printed, in lower case, with the hyphens: accepted.
    let typed = shared::invitation::display(code).to_lowercase();
    let (status, _) = answer_policy_survey(&mut b, "codes", &typed).await;
    assert_eq!(status, 303);
    let stored = app.core.store.latest_responses(id, 1).await.unwrap();
    assert_eq!(
        stored[0].district.as_deref(),
        Some("沼"),
        "district from the code"
    );
    // The same code on another phone: already used.
    let mut other = Browser::new(&app);
    let (status, body) = answer_policy_survey(&mut other, "codes", code).await;
    assert_eq!(status, 409);
    assert!(body.contains("このコードはすでに回答に使われています"));
    // A scanned card (the code in the link) fills the box and says so.
    let (_, start) = html(other.get(&format!("/s/codes?code={}", codes[1])).await).await;
    assert!(start.contains(&format!(
        "value=\"{}\"",
        shared::invitation::display(&codes[1])
    )));
    assert!(start.contains("カードのコードが入っています"));
    // A used card says so as soon as it is scanned, before anyone starts; so does a bad one.
    let (status, start) = html(other.get(&format!("/s/codes?code={code}")).await).await;
    assert_eq!(status, 200, "the page itself is fine");
    assert!(start.contains("このコードはすでに回答に使われています"));
    assert!(start.contains("aria-invalid=\"true\""));
    let (_, start) = html(other.get("/s/codes?code=NOTACODE1").await).await;
    assert!(start.contains("コードが正しくありません"));
    assert!(!start.contains("カードのコードが入っています"));
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 1);
    app.stop().await;
}

#[tokio::test]
async fn one_response_per_signed_in_resident() {
    let app = TestApp::sqlite().await;
    let id = policy_survey(&app, "residents", ResponsePolicy::Resident).await;
    let mut anon = Browser::new(&app);
    let (_, start) = html(anon.get("/s/residents").await).await;
    assert!(start.contains("区民アカウントでログインしてから回答します"));
    let res = anon.post("/s/residents/start", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/sign-in?next=/s/residents");

    for round in 0..2 {
        // A new phone each time, signed in to the same account.
        let mut b = app.resident().await;
        let (status, body) = answer_policy_survey(&mut b, "residents", "").await;
        if round == 0 {
            assert_eq!(status, 303);
        } else {
            assert_eq!(status, 409);
            assert!(body.contains("すでにご回答いただいています"));
        }
    }
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 1);
    app.stop().await;
}

#[tokio::test]
async fn closed_unknown_oversized_and_forged_requests_are_refused_and_store_nothing() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    let closed = format!("/s/{DEMO_CLOSED_SLUG}");
    let (status, body) = html(b.get(&closed).await).await;
    assert_eq!(status, 410);
    assert!(body.contains("このアンケートは終了しました"));
    assert_eq!(b.post(&format!("{closed}/start"), &[]).await.status(), 410);
    assert_eq!(b.get("/s/no-such-survey").await.status(), 404);
    assert_eq!(b.post("/s/no-such-survey/start", &[]).await.status(), 404);

    // The survey closes while someone is answering: the next step says so, nothing is stored.
    b.post_to(&format!("{SURVEY}/start"), &[]).await;
    b.post_to(&page(1), &[("q.use_freq", "weekly"), ("nav", "next")])
        .await;
    let id = app.demo_survey_id().await;
    app.core
        .store
        .set_survey_status(id, SurveyStatus::Closed)
        .await
        .unwrap();
    let (status, body) = html(
        b.post(&page(2), &[("q.sunday", "5"), ("nav", "next")])
            .await,
    )
    .await;
    assert_eq!(status, 410);
    assert!(body.contains("このアンケートは終了しました"));
    assert_eq!(b.post(&format!("{SURVEY}/submit"), &[]).await.status(), 410);
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 0);
    app.core
        .store
        .set_survey_status(id, SurveyStatus::Open)
        .await
        .unwrap();

    // Too large a body, and posts from another site.
    let huge = "あ".repeat(200_000);
    assert_eq!(
        b.post(&page(5), &[("q.comment", &huge), ("nav", "next")])
            .await
            .status(),
        413
    );
    let res = app
        .post_form_with(
            &format!("{SURVEY}/start"),
            &[],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(
            &format!("{SURVEY}/submit"),
            &[],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 0);
    app.stop().await;
}

/// A database locked by someone else (a backup, a long job) answers 503 with a retry hint and
/// a translated message, stores nothing and keeps the saved answers; sending again once the
/// lock is gone stores the response once.
#[tokio::test]
async fn a_locked_database_asks_to_retry_and_loses_nothing() {
    use sqlx::Connection;
    let app = TestApp::sqlite().await;
    let id = policy_survey(&app, "busy-day", ResponsePolicy::Open).await;
    let mut phone = Browser::new(&app);
    phone.post_to("/s/busy-day/start", &[]).await;
    phone
        .post_to("/s/busy-day/p/1", &[("q.ok", "yes"), ("nav", "next")])
        .await;
    let mut other = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let res = phone.post("/s/busy-day/submit", &[]).await;
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "5");
    let (_, body) = html(res).await;
    assert!(body.contains("ただいま混み合っています"), "{body}");
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 0);
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    // The saved answers are still there: sending again stores the response, once.
    assert_eq!(
        phone.post_to("/s/busy-day/submit", &[]).await,
        "/s/busy-day/thanks"
    );
    phone.post_to("/s/busy-day/submit", &[]).await;
    assert_eq!(app.core.store.count_response_rows(id).await.unwrap(), 1);
    app.stop().await;
}

#[tokio::test]
async fn starting_responses_is_limited_per_address_and_resuming_is_not() {
    let app = TestApp::sqlite().await;
    let limit = app.core.config.starts_per_minute;
    assert_eq!(limit, 30, "the default");
    let drafts = || scalar(&app, "SELECT COUNT(*) FROM response_drafts");
    let before = drafts().await;
    // A hall of residents on one Wi-Fi: the burst (twice the per-minute rate) all start.
    let mut first = Browser::new(&app);
    first.post_to(&format!("{SURVEY}/start"), &[]).await;
    for _ in 1..2 * limit {
        Browser::new(&app)
            .post_to(&format!("{SURVEY}/start"), &[])
            .await;
    }
    assert_eq!(drafts().await, before + i64::from(2 * limit));
    // The next one from the same address is refused, clearly, and nothing is stored.
    let res = Browser::new(&app)
        .post(&format!("{SURVEY}/start"), &[])
        .await;
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["retry-after"], "60");
    let (_, body) = html(res).await;
    assert!(body.contains("1分ほど待ってから"), "{body}");
    assert_eq!(drafts().await, before + i64::from(2 * limit));
    // Claiming another address does not help unless a trusted proxy says so.
    let res = app
        .post_form_with(
            &format!("{SURVEY}/start"),
            &[],
            &[("x-forwarded-for", "198.51.100.7")],
        )
        .await;
    assert_eq!(res.status(), 429);
    // In English too.
    let res = app
        .post_form_with(
            &format!("{SURVEY}/start"),
            &[],
            &[("cookie", "yoriai_lang=en")],
        )
        .await;
    let (status, body) = html(res).await;
    assert_eq!(status, 429);
    assert!(body.contains("Please wait a minute"), "{body}");
    // Someone who already started goes on answering and sends.
    assert_eq!(
        first.post_to(&format!("{SURVEY}/start"), &[]).await,
        page(1)
    );
    assert_eq!(drafts().await, before + i64::from(2 * limit));
    app.stop().await;
}
