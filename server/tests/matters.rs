//! 地域情報連絡会議, over HTTP on both databases: a resident reports a broken streetlight with a
//! photo (a real multipart post; the photo stored without its EXIF and made smaller), staff
//! acknowledge it and ask a department (its staff mailed through a real SMTP server), resolve
//! it with a note, the resident sees "resolved" and the district's public list shows it without
//! anything personal. Bad input (no photo, a huge one, unknown departments, someone else's
//! matter) is refused with a clear message and stores nothing. The agenda of a meeting lists
//! exactly what changed since the previous one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::smtp::SmtpServer;
use common::{PASSWORD, TestApp, TestDb, cookie, scalar, user_in};
use image::ImageEncoder;
use shared::account::Role;
use std::time::Duration;
use yoriai_core::demo::{DEMO_OPERATOR_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};

/// A JPEG photo 2400×1800 with an EXIF block holding a place (what a phone writes).
fn phone_photo() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(2400, 1800, |x, y| {
        image::Rgb([(x / 10 % 256) as u8, (y / 10 % 256) as u8, 120])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .write_image(&picture, 2400, 1800, image::ExtendedColorType::Rgb8)
        .expect("jpeg");
    // An APP1 "Exif" segment right after the start of the file: a little-endian TIFF header and
    // one IFD entry (ImageDescription) naming the place.
    let secret = b"GPS 33.8512N 130.8821E KOKURA-MINAMI\0";
    let mut tiff = b"II*\0\x08\0\0\0\x01\0".to_vec();
    tiff.extend_from_slice(&0x010Eu16.to_le_bytes()); // ImageDescription
    tiff.extend_from_slice(&2u16.to_le_bytes()); // ASCII
    tiff.extend_from_slice(&(secret.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&26u32.to_le_bytes()); // where the text starts
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    tiff.extend_from_slice(secret);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The report form as a phone posts it (multipart), with `photo` if any.
fn report_form(
    district: i64,
    key: &str,
    photo: Option<(Vec<u8>, &str)>,
) -> reqwest::multipart::Form {
    let form = reqwest::multipart::Form::new()
        .text("form_key", key.to_string())
        .text("kind", "problem")
        .text("title", "街灯が消えています")
        .text(
            "description",
            "湯川三丁目のバス停の前の街灯が、三日前から夜になっても点きません。",
        )
        .text("district", district.to_string())
        .text("place", "湯川三丁目バス停の前");
    match photo {
        Some((bytes, mime)) => form.part(
            "photo",
            reqwest::multipart::Part::bytes(bytes)
                .file_name("IMG_0042.jpg")
                .mime_str(mime)
                .expect("mime"),
        ),
        None => form.part(
            "photo",
            reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
        ),
    }
}

async fn post_multipart(
    app: &TestApp,
    path: &str,
    cookie: &str,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("cookie", cookie)
        .header("origin", app.url(""))
        .multipart(form)
        .send()
        .await
        .expect("post")
}

async fn post(
    app: &TestApp,
    path: &str,
    cookie: &str,
    pairs: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("cookie", cookie)
        .header("origin", app.url(""))
        .form(pairs)
        .send()
        .await
        .expect("post")
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn district(app: &TestApp, code: &str) -> i64 {
    scalar(
        app,
        &format!("SELECT id FROM districts WHERE code = '{code}'"),
    )
    .await
}

async fn department(app: &TestApp, name: &str) -> i64 {
    scalar(
        app,
        &format!("SELECT id FROM departments WHERE name = '{name}'"),
    )
    .await
}

async fn report_to_resolved(app: TestApp, smtp: &SmtpServer) {
    let _sender = app.spawn_mail_sender();
    let yugawa = district(&app, "kmn-yugawa").await;
    let resident = user_in(&app, "hanako@example.jp", Role::Resident, Some(yugawa)).await;
    let resident_cookie = cookie(&app, "hanako@example.jp", PASSWORD).await;
    let staff = cookie(&app, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let works = department(&app, "まちづくり整備課").await;
    // まちづくり整備課 has a member (the demo operator) and a shared mailbox.
    let joined = post(
        &app,
        "/matters/departments",
        &staff,
        &[
            ("action", "member"),
            ("department", &works.to_string()),
            (
                "user",
                &scalar(
                    &app,
                    &format!("SELECT id FROM users WHERE email = '{DEMO_OPERATOR_EMAIL}'"),
                )
                .await
                .to_string(),
            ),
            ("member", "1"),
        ],
    )
    .await;
    assert_eq!(joined.status(), 303);

    // The form, on a phone, for a signed-in resident: their district chosen already.
    let page = app.html_with_cookie("/report", &resident_cookie).await;
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    assert!(
        page.contains(&format!("value=\"{yugawa}\" selected")),
        "home district chosen"
    );
    let key = page
        .split("name=\"form_key\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form key")
        .to_string();

    // Bad photos refuse the whole report, with the reason, and store nothing.
    let before = scalar(&app, "SELECT COUNT(*) FROM matters").await;
    let not_a_photo = post_multipart(
        &app,
        "/report",
        &resident_cookie,
        report_form(
            yugawa,
            &key,
            Some((b"%PDF-1.4 a document".to_vec(), "application/pdf")),
        ),
    )
    .await;
    assert_eq!(not_a_photo.status(), 422);
    let said = not_a_photo.text().await.unwrap();
    assert!(said.contains("写真として読めません"), "{said}");
    assert!(
        said.contains("湯川三丁目バス停の前"),
        "what was typed is kept"
    );
    let huge = post_multipart(
        &app,
        "/report",
        &resident_cookie,
        report_form(
            yugawa,
            &key,
            Some((
                vec![0xFF; shared::matters::MAX_PHOTO_BYTES + 1],
                "image/jpeg",
            )),
        ),
    )
    .await;
    assert_eq!(huge.status(), 422);
    assert!(huge.text().await.unwrap().contains("8MBまで"));
    let far_too_big = post_multipart(
        &app,
        "/report",
        &resident_cookie,
        report_form(
            yugawa,
            &key,
            Some((
                vec![0xFF; shared::matters::MAX_PHOTO_BYTES + 2 * 1024 * 1024],
                "image/jpeg",
            )),
        ),
    )
    .await;
    assert_eq!(far_too_big.status(), 413);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM matters").await, before);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM matter_photos").await, 0);

    // Reported with the phone's photo; the same form sent again (a double tap) reports once.
    let sent = post_multipart(
        &app,
        "/report",
        &resident_cookie,
        report_form(yugawa, &key, Some((phone_photo(), "image/jpeg"))),
    )
    .await;
    assert_eq!(
        sent.status(),
        303,
        "{}",
        sent.text().await.unwrap_or_default()
    );
    let id = scalar(&app, "SELECT MAX(id) FROM matters").await;
    assert_eq!(location(&sent), format!("/my/reports?reported={id}"));
    let again = post_multipart(
        &app,
        "/report",
        &resident_cookie,
        report_form(yugawa, &key, Some((phone_photo(), "image/jpeg"))),
    )
    .await;
    assert_eq!(again.status(), 303);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM matters").await,
        before + 1
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM matter_photos").await, 1);

    // The photo as stored: a JPEG at most 1600 pixels wide, with nothing of the EXIF left.
    let photo = scalar(&app, "SELECT MAX(id) FROM matter_photos").await;
    let got = app
        .get_with_cookie(&format!("/matters/{id}/photos/{photo}"), &staff)
        .await;
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "image/jpeg");
    let jpeg = got.bytes().await.unwrap();
    assert!(!contains(&jpeg, b"Exif"));
    assert!(!contains(&jpeg, b"KOKURA-MINAMI"));
    let stored = image::load_from_memory(&jpeg).expect("a picture");
    assert_eq!((stored.width(), stored.height()), (1600, 1200));
    // Nobody else sees it: another resident, anyone signed out.
    user_in(&app, "jiro@example.jp", Role::Resident, Some(yugawa)).await;
    let other = cookie(&app, "jiro@example.jp", PASSWORD).await;
    for path in [
        format!("/matters/{id}/photos/{photo}"),
        format!("/matters/{id}"),
    ] {
        assert_eq!(
            app.get_with_cookie(&path, &other).await.status(),
            404,
            "{path}"
        );
    }
    assert_eq!(
        post(
            &app,
            &format!("/matters/{id}"),
            &other,
            &[("action", "comment"), ("body", "x")]
        )
        .await
        .status(),
        404
    );

    // Staff: acknowledged, then まちづくり整備課 asked (its staff and mailbox told by mail).
    let changed = post(
        &app,
        &format!("/matters/{id}"),
        &staff,
        &[
            ("action", "status"),
            ("status", "acknowledged"),
            ("note", "現地を確認します。"),
        ],
    )
    .await;
    assert_eq!(
        location(&changed),
        format!("/matters/{id}?done=status#history")
    );
    let unknown = post(
        &app,
        &format!("/matters/{id}"),
        &staff,
        &[("action", "assign"), ("department", "999999")],
    )
    .await;
    assert_eq!(unknown.status(), 422);
    let assigned = post(
        &app,
        &format!("/matters/{id}"),
        &staff,
        &[("action", "assign"), ("department", &works.to_string())],
    )
    .await;
    assert_eq!(
        location(&assigned),
        format!("/matters/{id}?done=assigned#history")
    );
    let mail = smtp.wait_for(DEMO_OPERATOR_EMAIL, 1).await;
    assert!(
        mail.subject.contains("まちづくり整備課"),
        "{}",
        mail.subject
    );
    assert!(mail.subject.contains("街灯が消えています"));
    assert!(mail.link(&app.url("/matters/")).is_some(), "{}", mail.body);
    // The reporter cannot change it (403), only follow it.
    assert_eq!(
        post(
            &app,
            &format!("/matters/{id}"),
            &resident_cookie,
            &[("action", "comment"), ("body", "x")]
        )
        .await
        .status(),
        403
    );

    // Resolved: a note is required, then the resident is told and sees it.
    let bare = post(
        &app,
        &format!("/matters/{id}"),
        &staff,
        &[("action", "status"), ("status", "resolved")],
    )
    .await;
    assert_eq!(bare.status(), 422);
    // Said what is missing, at the top and at the note, with 解決 still chosen: sending the
    // note next does not save the old status by mistake.
    let refused = bare.text().await.unwrap();
    assert_eq!(
        refused
            .matches("解決にするには、何をしたかをメモに書いてください。")
            .count(),
        2,
        "{refused}"
    );
    assert!(
        refused.contains(r#"<option value="resolved" selected"#),
        "{refused}"
    );
    post(
        &app,
        &format!("/matters/{id}"),
        &staff,
        &[
            ("action", "status"),
            ("status", "resolved"),
            ("note", "電球を交換しました。"),
        ],
    )
    .await;
    let told = smtp.wait_for("hanako@example.jp", 1).await;
    assert!(told.subject.contains("解決しました"), "{}", told.subject);
    let published = post(
        &app,
        &format!("/matters/{id}"),
        &staff,
        &[
            ("action", "publish"),
            ("published", "1"),
            ("public_note", "バス停前の街灯の電球を交換しました。"),
        ],
    )
    .await;
    assert_eq!(published.status(), 303);
    let mine = app.html_with_cookie("/my/reports", &resident_cookie).await;
    assert!(mine.contains("data-status=\"resolved\""), "{mine}");
    assert!(mine.contains("バス停前の街灯の電球を交換しました。"));

    // The public list: signed out, the district's, nothing personal.
    let public = app.html(&format!("/done?district={yugawa}")).await;
    assert!(public.contains("街灯が消えています"), "{public}");
    assert!(public.contains("バス停前の街灯の電球を交換しました。"));
    assert!(!public.contains("hanako"));
    assert!(!public.contains("現地を確認します"), "no internal notes");
    let elsewhere = app
        .html(&format!(
            "/done?district={}",
            district(&app, "kmn-numa").await
        ))
        .await;
    assert!(!elsewhere.contains("街灯が消えています"));

    // The history has every step; the audit log has every change.
    let history = app
        .html_with_cookie(&format!("/matters/{id}"), &staff)
        .await;
    for event in ["reported", "status", "assigned", "published"] {
        assert!(
            history.contains(&format!("data-event=\"{event}\"")),
            "{event}"
        );
    }
    assert!(
        history.contains(&resident.display_name),
        "staff see who reported it"
    );
    let audit = app.core.store.audit_entries(40).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "report_matter"));
    assert!(audit.iter().filter(|e| e.action == "change_matter").count() >= 4);
    app.stop().await;
}

#[tokio::test]
async fn a_resident_reports_a_streetlight_and_staff_resolve_it_sqlite() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    report_to_resolved(app, &smtp).await;
}

#[tokio::test]
async fn a_resident_reports_a_streetlight_and_staff_resolve_it_postgres() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let app = TestApp::mailing_to(db, &smtp).await;
    report_to_resolved(app, &smtp).await;
}

/// Who sees what: another ward's staff see nothing; a council member of the district sees a
/// shared matter but may not change it, and nothing unshared; the list and the spreadsheet
/// hold exactly the view; the agenda lists exactly what changed since the previous meeting.
async fn views_and_agenda(app: &TestApp) {
    let core = &app.core;
    let staff = common::user(app, "liaison-staff@example.jp", Role::Staff).await;
    let ward = scalar(
        app,
        "SELECT id FROM wards WHERE code = 'kitakyushu-kokuraminami'",
    )
    .await;
    let kitagata = district(app, "kmn-kitagata").await;
    let staff = shared::views::CurrentUser {
        ward_id: Some(ward),
        ..staff
    };
    let form = |title: &str| {
        common::form(&[
            ("kind", "information"),
            ("title", title),
            ("description", "詳しい内容"),
            ("district", &kitagata.to_string()),
        ])
    };
    let before = core
        .report_matter(&staff, &form("会議前の件"), None)
        .await
        .unwrap();
    let meeting = core.start_meeting(&staff).await.unwrap();
    // The meeting's agenda is fixed when it begins: the demo's matters and this one.
    let agenda = core.agenda(&staff, Some(meeting)).await.unwrap();
    assert!(agenda.items.iter().any(|i| i.matter.id == before));
    assert_eq!(agenda.current, Some(meeting), "under way today");
    assert_eq!(core.start_meeting(&staff).await.unwrap(), meeting);
    tokio::time::sleep(Duration::from_millis(20)).await;
    let after = core
        .report_matter(&staff, &form("会議後の件"), None)
        .await
        .unwrap();
    core.change_matter(
        &staff,
        after,
        &common::form(&[("action", "comment"), ("body", "バス会社に確認中")]),
    )
    .await
    .unwrap();
    // A decision at the meeting under way is its record, not a change for the next agenda.
    core.change_matter(
        &staff,
        before,
        &common::form(&[("action", "decision"), ("body", "来月まで様子を見る")]),
    )
    .await
    .unwrap();
    let next = core.agenda(&staff, None).await.unwrap();
    let ids: Vec<i64> = next.items.iter().map(|i| i.matter.id).collect();
    assert_eq!(
        ids,
        vec![after],
        "exactly what changed since the meeting began"
    );
    let fixed = core.agenda(&staff, Some(meeting)).await.unwrap();
    assert!(!fixed.items.iter().any(|i| i.matter.id == after));
    let decided = fixed.items.iter().find(|i| i.matter.id == before).unwrap();
    assert_eq!(
        decided.decisions[0].body.as_deref(),
        Some("来月まで様子を見る")
    );

    // Search (a Japanese substring, in comments too), and the spreadsheet of that view.
    let found = core
        .matter_list(
            &staff,
            shared::matters::MatterFilter {
                q: Some("バス会社".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        found.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![after]
    );
    let staff_cookie = cookie(app, "liaison-staff@example.jp", PASSWORD).await;
    let csv = app
        .get_with_cookie(
            "/matters/export?format=csv&q=%E3%83%90%E3%82%B9%E4%BC%9A%E7%A4%BE",
            &staff_cookie,
        )
        .await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("会議後の件"));
    // The meeting under way is listed as such, its decisions so far inside its link.
    let page = app.html_with_cookie("/matters/agenda", &staff_cookie).await;
    let line = page
        .split("<li data-under-way=\"true\">")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_else(|| panic!("the meeting under way: {page}"));
    assert!(
        line.contains(&format!("/matters/agenda?meeting={meeting}"))
            && line.contains("（会議中・決定 1件）</a>"),
        "{line}"
    );

    // A survey's free-text answer logged: quoted, its district, nothing about who wrote it;
    // logging it again is the same matter.
    let demo = app.demo_survey_id().await;
    let comment = "北方の公園の遊具がさびて危ないです。";
    let demo_survey = core.store.survey_by_id(demo).await.unwrap().unwrap();
    let seeded = yoriai_core::analytics::SeedRow {
        district_id: Some(kitagata),
        idempotency_key: "liaison-text-1".into(),
        answers_json: serde_json::json!({ "comment": comment }).to_string(),
        lang: shared::Lang::Ja,
        channel: shared::answer::Channel::Web,
        submitted_at: chrono::Utc::now(),
        texts: vec![("comment".into(), comment.into())],
    };
    core.store
        .insert_seeded(demo, demo_survey.current_version_id.unwrap(), &[seeded])
        .await
        .unwrap();
    type Text = (i64, i64, String, String, Option<i64>);
    let sql = "SELECT t.id, t.survey_id, t.question_id, t.body, r.district_id \
               FROM response_texts t JOIN responses r ON r.id = t.response_id \
               WHERE t.body LIKE '%遊具がさびて%' ORDER BY t.id LIMIT 1";
    let (text, survey, key, body, district): Text = match core.store.db() {
        yoriai_core::db::Db::Sqlite(p) => sqlx::query_as(sql).fetch_one(p).await,
        yoriai_core::db::Db::Postgres(p) => sqlx::query_as(sql).fetch_one(p).await,
    }
    .unwrap();
    let origin = yoriai_core::matters::Origin::SurveyText {
        survey,
        key: key.clone(),
        text,
    };
    let logged = core.log_source(&staff, &origin).await.unwrap();
    assert!(!logged.already);
    let again = core.log_source(&staff, &origin).await.unwrap();
    assert_eq!((again.id, again.already), (logged.id, true));
    let logged = logged.id;
    let m = core.matter_view(&staff, logged).await.unwrap();
    assert_eq!(m.source, shared::matters::MatterSource::SurveyText);
    assert_eq!(m.source_excerpt.as_deref(), Some(body.as_str()));
    assert_eq!(m.reported_by, None);
    assert_eq!(
        m.districts.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![district.unwrap()]
    );
    assert_eq!(
        m.source_link.as_deref(),
        Some(format!("/staff/surveys/{survey}/texts/{key}?at={text}#t-{text}").as_str())
    );
    let page = app
        .html_with_cookie(
            &format!("/matters/{logged}"),
            &cookie(app, "liaison-staff@example.jp", PASSWORD).await,
        )
        .await;
    assert!(
        !page.contains("回答番号"),
        "no response number on the matter"
    );
    // Sent out as a notice from the matter's page: its history says to how many.
    let notice = common::form(&[
        ("title", "中学生が清掃に参加"),
        ("body", "ありがとうございました。"),
        ("district", &kitagata.to_string()),
        ("matter", &logged.to_string()),
    ]);
    let delivered = core.send_notice(&staff, &notice).await.unwrap();
    let history = core.matter_view(&staff, logged).await.unwrap().events;
    let last = history.last().unwrap();
    assert_eq!(last.kind, shared::matters::EventKind::Notice);
    assert_eq!(last.body.as_deref(), Some(delivered.to_string().as_str()));

    // Another ward's staff: nothing.
    core.store
        .upsert_ward("moji", "門司区", "Moji")
        .await
        .unwrap();
    let moji = scalar(app, "SELECT id FROM wards WHERE code = 'moji'").await;
    let other = common::user(app, "moji-liaison@example.jp", Role::Staff).await;
    let other = shared::views::CurrentUser {
        ward_id: Some(moji),
        ..other
    };
    assert_eq!(
        refusal(core.matter_view(&other, after).await),
        shared::ApiError::NotFound
    );
    assert!(
        core.matter_list(&other, Default::default())
            .await
            .unwrap()
            .rows
            .is_empty()
    );

    // A council member of Kitagata: a shared matter, read-only; nothing unshared.
    let council = user_in(
        app,
        "kitagata-council@example.jp",
        Role::Council,
        Some(kitagata),
    )
    .await;
    let council = shared::views::CurrentUser {
        ward_id: Some(ward),
        ..council
    };
    assert_eq!(
        refusal(core.matter_view(&council, after).await),
        shared::ApiError::NotFound
    );
    core.change_matter(
        &staff,
        after,
        &common::form(&[("action", "share"), ("shared", "1")]),
    )
    .await
    .unwrap();
    let seen = core.matter_view(&council, after).await.unwrap();
    assert!(!seen.can_edit);
    // The district reads what happened, not the comments between departments nor who did it.
    assert!(
        seen.events
            .iter()
            .all(|e| e.kind != shared::matters::EventKind::Comment && e.actor.is_none()),
        "{:?}",
        seen.events
    );
    let staff_sees = core.matter_view(&staff, after).await.unwrap();
    assert!(
        staff_sees
            .events
            .iter()
            .any(|e| e.kind == shared::matters::EventKind::Comment)
    );
    // Listed for the council member on "my reports"; for nobody else.
    let listed: Vec<i64> = core
        .shared_with_me(&council)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(listed.contains(&after), "{listed:?}");
    let shared_count = core.shared_with_me(&council).await.unwrap().len();
    let resident = user_in(
        app,
        "plain-resident@example.jp",
        Role::Resident,
        Some(kitagata),
    )
    .await;
    assert!(core.shared_with_me(&resident).await.unwrap().is_empty());
    assert_eq!(
        refusal(
            core.change_matter(
                &council,
                after,
                &common::form(&[("action", "comment"), ("body", "x")])
            )
            .await
        ),
        shared::ApiError::Forbidden
    );
    // Unshared again: gone from the list.
    core.change_matter(
        &staff,
        after,
        &common::form(&[("action", "share"), ("shared", "0")]),
    )
    .await
    .unwrap();
    assert_eq!(
        core.shared_with_me(&council).await.unwrap().len(),
        shared_count - 1
    );
}

/// The refusal of a result that must be refused.
fn refusal<T: std::fmt::Debug>(result: Result<T, yoriai_core::Error>) -> shared::ApiError {
    match result {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e.into(),
    }
}

app_on_both_databases!(
    views_and_agenda,
    views_and_agenda_sqlite,
    views_and_agenda_postgres
);

/// "Log this" on what Yoriai already holds: a group's post, the reports about it (the
/// reporters stay anonymous) and a council member's comment on a draft. Each is quoted, takes
/// its district and links back; logging it again is the same matter; only staff of its ward
/// may, and the buttons are on the pages for them only.
async fn logged_from_posts_reports_and_comments(app: &TestApp) {
    let core = &app.core;
    let ward = scalar(
        app,
        "SELECT id FROM wards WHERE code = 'kitakyushu-kokuraminami'",
    )
    .await;
    let staff = common::user(app, "log-staff@example.jp", Role::Staff).await;
    let staff = shared::views::CurrentUser {
        ward_id: Some(ward),
        ..staff
    };
    let staff_cookie = cookie(app, "log-staff@example.jp", PASSWORD).await;
    let post_id = scalar(app, "SELECT MIN(id) FROM group_posts").await;
    let group = scalar(
        app,
        &format!("SELECT group_id FROM group_posts WHERE id = {post_id}"),
    )
    .await;
    let group_district = scalar(
        app,
        &format!("SELECT MIN(district_id) FROM group_districts WHERE group_id = {group}"),
    )
    .await;
    let post_str = post_id.to_string();
    let group_str = group.to_string();

    // The buttons: on the group page and the queue for staff, not for its organiser.
    let page = app
        .html_with_cookie(&format!("/groups/{group}"), &staff_cookie)
        .await;
    assert!(page.contains(r#"data-log-from="post""#), "{page}");
    let organiser = cookie(
        app,
        yoriai_core::demo::DEMO_ORGANISER_EMAIL,
        DEMO_STAFF_PASSWORD,
    )
    .await;
    let page = app
        .html_with_cookie(&format!("/groups/{group}"), &organiser)
        .await;
    assert!(!page.contains("data-log-from"));

    // A post.
    let logged = post(
        app,
        "/matters/log",
        &staff_cookie,
        &[("from", "post"), ("post", &post_str)],
    )
    .await;
    assert_eq!(logged.status(), 303);
    let at = location(&logged);
    assert!(at.ends_with("?done=logged"), "{at}");
    let again = post(
        app,
        "/matters/log",
        &staff_cookie,
        &[("from", "post"), ("post", &post_str)],
    )
    .await;
    assert_eq!(
        location(&again),
        at.replace("done=logged", "done=already"),
        "the same post is the same matter, and the page says it was logged before"
    );
    let page = app.html_with_cookie(&location(&again), &staff_cookie).await;
    assert!(page.contains("これはすでに記録されています。"), "{page}");
    let from_post: i64 = at
        .trim_start_matches("/matters/")
        .trim_end_matches("?done=logged")
        .parse()
        .unwrap();
    let m = core.matter_view(&staff, from_post).await.unwrap();
    assert_eq!(m.source, shared::matters::MatterSource::GroupPost);
    let title = core.store.post(post_id, 0).await.unwrap().unwrap().title;
    assert!(m.source_excerpt.as_deref().unwrap().starts_with(&title));
    assert!(m.districts.iter().any(|d| d.id == group_district));
    assert_eq!(
        m.source_link.as_deref(),
        Some(format!("/groups/{group}#post-{post_id}").as_str())
    );

    // The reports about it: their reasons, not who reported.
    let resident = user_in(app, "reporter@example.jp", Role::Resident, None).await;
    let reporter_name = resident.display_name.clone();
    core.report(
        &resident,
        &common::form(&[
            ("group", &group_str),
            ("post", &post_str),
            ("reason", "公園の水道が壊れているという内容が古いままです"),
        ]),
    )
    .await
    .unwrap();
    let page = app.html_with_cookie("/groups/reports", &staff_cookie).await;
    assert!(page.contains(r#"data-log-from="report""#), "{page}");
    let logged = post(
        app,
        "/matters/log",
        &staff_cookie,
        &[
            ("from", "report"),
            ("group", &group_str),
            ("post", &post_str),
        ],
    )
    .await;
    assert_eq!(logged.status(), 303);
    let from_report: i64 = location(&logged)
        .trim_start_matches("/matters/")
        .trim_end_matches("?done=logged")
        .parse()
        .unwrap();
    assert_ne!(from_report, from_post);
    let m = core.matter_view(&staff, from_report).await.unwrap();
    assert_eq!(m.source, shared::matters::MatterSource::GroupReport);
    assert!(
        m.source_excerpt
            .as_deref()
            .unwrap()
            .contains("公園の水道が壊れている")
    );
    assert_eq!(m.reported_by, None);
    let page = app
        .html_with_cookie(&format!("/matters/{from_report}"), &staff_cookie)
        .await;
    assert!(page.contains("公園の水道が壊れている"));
    assert!(
        !page.contains(&reporter_name),
        "the reporter stays anonymous"
    );
    // A group nobody reported: nothing to log.
    let quiet = scalar(
        app,
        &format!(
            "SELECT MIN(id) FROM network_groups WHERE id NOT IN \
             (SELECT group_id FROM reports) AND id <> {group}"
        ),
    )
    .await;
    assert_eq!(
        refusal(
            core.log_source(
                &staff,
                &yoriai_core::matters::Origin::Report {
                    group: quiet,
                    post: None
                }
            )
            .await
        ),
        shared::ApiError::NotFound
    );

    // A council member's comment on the demo draft: their district, a link to the comment.
    let (comment, survey, author_district): (i64, i64, i64) = {
        let sql = "SELECT c.id, c.survey_id, u.district_id FROM survey_comments c \
                   JOIN users u ON u.id = c.author_id WHERE u.role = 'council' \
                   ORDER BY c.id LIMIT 1";
        match core.store.db() {
            yoriai_core::db::Db::Sqlite(p) => sqlx::query_as(sql).fetch_one(p).await,
            yoriai_core::db::Db::Postgres(p) => sqlx::query_as(sql).fetch_one(p).await,
        }
        .unwrap()
    };
    let page = app
        .html_with_cookie(&format!("/review/{survey}"), &staff_cookie)
        .await;
    assert!(page.contains(r#"data-log-from="comment""#), "{page}");
    let logged = post(
        app,
        "/matters/log",
        &staff_cookie,
        &[
            ("from", "comment"),
            ("survey", &survey.to_string()),
            ("comment", &comment.to_string()),
        ],
    )
    .await;
    assert_eq!(logged.status(), 303);
    let from_comment: i64 = location(&logged)
        .trim_start_matches("/matters/")
        .trim_end_matches("?done=logged")
        .parse()
        .unwrap();
    let m = core.matter_view(&staff, from_comment).await.unwrap();
    assert_eq!(m.source, shared::matters::MatterSource::CouncilComment);
    assert_eq!(
        m.districts.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![author_district]
    );
    assert_eq!(
        m.source_link.as_deref(),
        Some(format!("/review/{survey}#c-{comment}").as_str())
    );
    // The comment under another survey's id: not found.
    let demo = app.demo_survey_id().await;
    assert_eq!(
        refusal(
            core.log_source(
                &staff,
                &yoriai_core::matters::Origin::Comment {
                    survey: demo,
                    comment
                }
            )
            .await
        ),
        shared::ApiError::NotFound
    );

    // Refused: a resident (403, nothing stored), another ward's staff (404), an unknown post.
    let count = || scalar(app, "SELECT COUNT(*) FROM matters");
    let before = count().await;
    let resident_cookie = cookie(app, "reporter@example.jp", PASSWORD).await;
    let refused = post(
        app,
        "/matters/log",
        &resident_cookie,
        &[("from", "post"), ("post", &post_str)],
    )
    .await;
    assert_eq!(refused.status(), 403);
    core.store
        .upsert_ward("moji", "門司区", "Moji")
        .await
        .unwrap();
    let moji = scalar(app, "SELECT id FROM wards WHERE code = 'moji'").await;
    let other = common::user(app, "moji-log@example.jp", Role::Staff).await;
    let other = shared::views::CurrentUser {
        ward_id: Some(moji),
        ..other
    };
    for origin in [
        yoriai_core::matters::Origin::Post(post_id),
        yoriai_core::matters::Origin::Comment { survey, comment },
        yoriai_core::matters::Origin::Post(post_id + 100_000),
    ] {
        let who = if matches!(origin, yoriai_core::matters::Origin::Post(p) if p > 100_000) {
            &staff
        } else {
            &other
        };
        assert_eq!(
            refusal(core.log_source(who, &origin).await),
            shared::ApiError::NotFound,
            "{origin:?}"
        );
    }
    assert_eq!(count().await, before, "nothing stored by a refusal");
}

app_on_both_databases!(
    logged_from_posts_reports_and_comments,
    logged_from_posts_reports_and_comments_sqlite,
    logged_from_posts_reports_and_comments_postgres
);

/// Staff correct what a resident reported: a name taken out of the title, the kind and the
/// districts put right. The history says which parts were corrected and keeps none of the old
/// words; the reporter and the public list show the corrected title; the matter's districts
/// decide which council members read it. Bad corrections are refused with the form kept and
/// change nothing; only staff of its ward may correct it.
async fn corrected_by_staff(app: &TestApp) {
    let core = &app.core;
    let ward = scalar(
        app,
        "SELECT id FROM wards WHERE code = 'kitakyushu-kokuraminami'",
    )
    .await;
    let (yugawa, numa) = (
        district(app, "kmn-yugawa").await,
        district(app, "kmn-numa").await,
    );
    let in_ward = |u: shared::views::CurrentUser| shared::views::CurrentUser {
        ward_id: Some(ward),
        ..u
    };
    let resident = user_in(app, "fix-me@example.jp", Role::Resident, Some(yugawa)).await;
    let resident_cookie = cookie(app, "fix-me@example.jp", PASSWORD).await;
    let id = core
        .report_matter(
            &resident,
            &common::form(&[
                ("kind", "information"),
                ("title", "山田太郎さんの家の前の街灯が消えている"),
                ("description", "夜になっても点きません。"),
                ("district", &yugawa.to_string()),
            ]),
            None,
        )
        .await
        .unwrap();
    let staff = cookie(app, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let path = format!("/matters/{id}");

    // The form, closed, holding the matter as it is.
    let page = app.html_with_cookie(&path, &staff).await;
    assert!(page.contains(r#"<details class="edit-matter">"#), "{page}");
    assert!(
        page.contains(r#"value="山田太郎さんの家の前の街灯が消えている""#),
        "{page}"
    );
    assert!(
        page.contains(&format!(r#"value="{yugawa}" checked"#)),
        "{page}"
    );
    assert!(page.contains(r#"value="information" checked"#), "{page}");

    let events = || {
        let sql = format!("SELECT COUNT(*) FROM matter_events WHERE matter_id = {id}");
        async move { scalar(app, &sql).await }
    };
    let reader = in_ward(common::user(app, "fix-staff@example.jp", Role::Staff).await);
    let stored = || async { core.matter_view(&reader, id).await.unwrap().title };
    let before = events().await;
    let correction = |title: &'static str, districts: Vec<String>| {
        let mut pairs: Vec<(&str, String)> = vec![
            ("action", "edit".into()),
            ("kind", "problem".into()),
            ("title", title.into()),
            ("description", "夜になっても点きません。".into()),
            ("place", "湯川三丁目".into()),
        ];
        pairs.extend(districts.into_iter().map(|d| ("district", d)));
        pairs
    };
    let send = |pairs: Vec<(&'static str, String)>, who: String| async move {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(app, &format!("/matters/{id}"), &who, &pairs).await
    };

    // Refused: no title (the typed place and the open form kept), a district not of the ward,
    // and no district at all. Nothing changes.
    let refused = send(correction("  ", vec![yugawa.to_string()]), staff.clone()).await;
    assert_eq!(refused.status(), 422);
    let said = refused.text().await.unwrap();
    assert!(
        said.contains(r#"<details open class="edit-matter">"#),
        "{said}"
    );
    assert!(
        said.contains(r#"value="湯川三丁目""#),
        "what was typed is kept"
    );
    assert!(said.contains("入力してください"), "{said}");
    let moji = core
        .store
        .upsert_ward("moji", "門司区", "Moji")
        .await
        .unwrap();
    for districts in [vec!["999999".to_string()], vec![]] {
        let refused = send(correction("街灯が消えている", districts), staff.clone()).await;
        assert_eq!(refused.status(), 422);
    }
    assert_eq!(events().await, before);
    assert_eq!(stored().await, "山田太郎さんの家の前の街灯が消えている");

    // Sent unchanged: nothing recorded.
    let same = send(
        vec![
            ("action", "edit".into()),
            ("kind", "information".into()),
            ("title", "山田太郎さんの家の前の街灯が消えている".into()),
            ("description", "夜になっても点きません。".into()),
            ("district", yugawa.to_string()),
        ],
        staff.clone(),
    )
    .await;
    assert_eq!(location(&same), format!("/matters/{id}?done=unchanged"));
    assert_eq!(events().await, before);

    // Not for the reporter (403) nor another ward's staff (404).
    core.create_user(
        "moji-fix@example.jp",
        "門司区 職員",
        PASSWORD,
        Role::Staff,
        Some(moji),
    )
    .await
    .unwrap();
    let moji_staff = cookie(app, "moji-fix@example.jp", PASSWORD).await;
    let fixed = || {
        correction(
            "街灯が消えている",
            vec![yugawa.to_string(), numa.to_string()],
        )
    };
    assert_eq!(send(fixed(), resident_cookie.clone()).await.status(), 403);
    assert_eq!(send(fixed(), moji_staff).await.status(), 404);
    assert_eq!(events().await, before);

    // Corrected: the name gone, a problem, in two districts, with a place.
    let done = send(fixed(), staff.clone()).await;
    assert_eq!(location(&done), format!("/matters/{id}?done=edited"));
    assert_eq!(events().await, before + 1);
    let page = app
        .html_with_cookie(&format!("{path}?done=edited"), &staff)
        .await;
    assert!(page.contains("内容を直しました。"), "{page}");
    assert!(page.contains(r#"data-event="edited""#), "{page}");
    assert!(
        page.contains("種類・題名・校区・場所を直しました"),
        "{page}"
    );
    assert!(
        !page.contains("山田"),
        "the old words are nowhere on the page"
    );
    let audit = core.store.audit_entries(10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.detail == format!("matter {id}: edit kind,title,districts,place")),
        "{audit:?}"
    );
    let mine = app.html_with_cookie("/my/reports", &resident_cookie).await;
    assert!(
        mine.contains("街灯が消えている") && !mine.contains("山田"),
        "{mine}"
    );
    // The agenda says the same in words, not the stored field names.
    let agenda = app.html_with_cookie("/matters/agenda", &staff).await;
    assert!(
        agenda.contains("種類・題名・校区・場所を直しました"),
        "{agenda}"
    );
    assert!(!agenda.contains("kind,title"), "{agenda}");

    // Shared: the districts now decide who reads it, a council member of 沼 included.
    post(app, &path, &staff, &[("action", "share"), ("shared", "1")]).await;
    let council = user_in(app, "numa-council@example.jp", Role::Council, Some(numa)).await;
    let seen = core.matter_view(&in_ward(council), id).await.unwrap();
    assert_eq!(seen.title, "街灯が消えている");
    assert_eq!(seen.kind, shared::matters::MatterKind::Problem);
    assert_eq!(seen.districts.len(), 2);
    assert!(seen.all_districts.is_empty(), "the edit form is for staff");

    // A centre director (no home district of their own) reports with their centre's district
    // chosen already.
    let director = scalar(
        app,
        &format!(
            "SELECT id FROM users WHERE email = '{}'",
            yoriai_core::demo::DEMO_DIRECTOR_EMAIL
        ),
    )
    .await;
    let centre_district = scalar(
        app,
        &format!(
            "SELECT c.district_id FROM centre_directors d JOIN centres c ON c.id = d.centre_id \
             WHERE d.user_id = {director}"
        ),
    )
    .await;
    let director = core.store.user_by_id(director).await.unwrap().unwrap();
    assert_eq!(director.district_id, None);
    assert_eq!(
        core.report_form(&director).await.unwrap().home,
        Some(centre_district)
    );
}

app_on_both_databases!(
    corrected_by_staff,
    corrected_by_staff_sqlite,
    corrected_by_staff_postgres
);
