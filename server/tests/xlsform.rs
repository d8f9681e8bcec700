//! XLSForm in and out, through real `.xlsx` files: the template round-trips unchanged, forms
//! written by hand in the ODK and KoboToolbox styles (`tests/data/xlsform`) import as expected,
//! and what Yoriai cannot represent is reported by sheet, row and column with nothing created.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::TestApp;
use shared::Lang;
use shared::survey::{Condition, QuestionKind};
use shared::xlsform::{Issue, Problem, import};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/xlsform")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Uploads a file to the import form as a signed-in browser would.
async fn upload(app: &TestApp, cookie: &str, slug: &str, file: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("slug", slug.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(file).file_name("form.xlsx"),
        );
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/staff/surveys/import"))
        .header("cookie", cookie)
        .header("origin", format!("http://{}", app.addr))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_template_round_trips_through_an_xlsx_file_unchanged() {
    let app = TestApp::sqlite().await;
    let id = app.demo_survey_id().await;
    let cookie = app.sign_in_staff().await;
    let res = app
        .get_with_cookie(&format!("/staff/surveys/{id}/xlsform"), &cookie)
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("shimin-center-2026.xlsx")
    );
    let bytes = res.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"PK"), "an xlsx file is a zip archive");
    let original = app.services.store.survey_by_id(id).await.unwrap().unwrap();
    let book = server::xlsform::read_xlsx(&bytes).unwrap();
    let back = import(&book).unwrap();
    assert_eq!(back.definition, original.definition);
    assert_eq!(back.title.as_ref(), Some(&original.title));
    assert_eq!(back.intro.as_ref(), Some(&original.intro));

    // Uploaded again, it makes a new draft with the same questions.
    let res = upload(&app, &cookie, "copy-of-template", bytes).await;
    assert_eq!(res.status(), 303);
    let copy = app
        .services
        .store
        .survey_by_slug("copy-of-template")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        res.headers()["location"],
        format!("/staff/surveys/{}/edit", copy.id)
    );
    assert_eq!(copy.definition, original.definition);
    assert_eq!(copy.title, original.title);
    assert_eq!(copy.status, shared::views::SurveyStatus::Draft);
    app.stop().await;
}

#[tokio::test]
async fn an_odk_form_in_groups_imports_with_every_supported_feature() {
    let book = server::xlsform::read_xlsx(&fixture("odk-community-centre.xlsx")).unwrap();
    let got = import(&book).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(
        got.title.as_ref().map(|t| t.ja.as_str()),
        Some("市民センター利用調査（ODK版）")
    );
    assert_eq!(got.form_id.as_deref(), Some("odk_centre"));
    let skipped: Vec<&Problem> = got.notes.iter().map(|n| &n.problem).collect();
    assert_eq!(
        skipped,
        [
            &Problem::Skipped("start".into()),
            &Problem::Skipped("end".into())
        ]
    );
    let d = &got.definition;
    let sections: Vec<&str> = d.sections().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["visits", "opinion"]);
    let intro = d.sections()[0].intro.as_ref().unwrap();
    assert_eq!(intro.get(Lang::En), "About the community centre.");
    let q = |id: &str| d.question(id).unwrap_or_else(|| panic!("{id}"));
    assert!(q("freq").required);
    assert_eq!(q("freq").label.get(Lang::En), "How often do you go?");
    assert_eq!(
        q("freq").help.as_ref().map(|h| h.ja.as_str()),
        Some("一つ選んでください")
    );
    assert!(matches!(
        &q("reasons").kind,
        QuestionKind::MultipleChoice { options, max: Some(2), min: None, other: true } if options.len() == 3
    ));
    assert_eq!(
        q("reasons").show_if,
        Some(Condition::AnyOf {
            question: "freq".into(),
            values: vec!["rarely".into(), "never".into()]
        })
    );
    assert_eq!(q("parking").kind, QuestionKind::YesNo);
    assert!(matches!(
        &q("sunday").kind,
        QuestionKind::Agreement { points: 5, labels: Some(l) } if l[0].ja == "そう思わない"
    ));
    match &q("rate").kind {
        QuestionKind::Matrix { rows, columns } => {
            let rows: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
            let columns: Vec<&str> = columns.iter().map(|c| c.value.as_str()).collect();
            assert_eq!(rows, ["rooms", "staff"]);
            assert_eq!(columns, ["bad", "ok", "good"]);
        }
        other => panic!("a matrix, not {other:?}"),
    }
    assert!(q("rate").required);
    assert!(matches!(
        q("topics").kind,
        QuestionKind::Ranking { top: Some(2), .. }
    ));
    assert_eq!(
        q("visits_year").kind,
        QuestionKind::Number {
            min: Some(0.0),
            max: Some(365.0),
            integer: true,
            unit: None
        }
    );
    assert_eq!(
        q("visits_year").show_if,
        Some(Condition::Answered {
            question: "freq".into()
        })
    );
    assert_eq!(
        q("last").kind,
        QuestionKind::Date {
            min: Some("2020-01-01".into()),
            max: None
        }
    );
    assert_eq!(
        q("comment").kind,
        QuestionKind::Text {
            multiline: true,
            max_len: 500
        }
    );
}

#[tokio::test]
async fn a_flat_kobo_form_imports_as_one_page() {
    let book = server::xlsform::read_xlsx(&fixture("kobo-flat.xlsx")).unwrap();
    let got = import(&book).unwrap_or_else(|e| panic!("{e:#?}"));
    let d = &got.definition;
    assert_eq!(d.sections().len(), 1);
    let ids: Vec<&str> = d.questions().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["area", "distance", "name_of_group"]);
    assert!(d.question("area").unwrap().required);
    assert!(!d.question("distance").unwrap().required);
    assert!(matches!(
        d.question("distance").unwrap().kind,
        QuestionKind::Number { integer: false, .. }
    ));
    assert_eq!(got.notes.len(), 1, "today is skipped");
}

#[tokio::test]
async fn what_cannot_be_represented_is_reported_by_sheet_row_and_column_and_nothing_is_created() {
    let book = server::xlsform::read_xlsx(&fixture("unsupported.xlsx")).unwrap();
    let issues = import(&book).unwrap_err();
    let found: Vec<(usize, Option<&str>, &Problem)> = issues
        .iter()
        .map(|i| (i.row, i.column.as_deref(), &i.problem))
        .collect();
    let expected: Vec<(usize, Option<&str>, Problem)> = vec![
        (
            1,
            Some("label::Korean (ko)"),
            Problem::UnsupportedLanguage("Korean (ko)".into()),
        ),
        (3, Some("type"), Problem::UnsupportedType("geopoint".into())),
        (4, Some("type"), Problem::UnknownList("missing".into())),
        (5, Some("choice_filter"), Problem::UnsupportedColumn),
        (
            6,
            Some("relevant"),
            Problem::UnsupportedRelevant("${pick} > 3".into()),
        ),
        (7, Some("calculation"), Problem::UnsupportedColumn),
        (
            7,
            Some("type"),
            Problem::UnsupportedType("calculate".into()),
        ),
        (8, Some("type"), Problem::NoteNotAtGroupStart),
        (
            9,
            Some("type"),
            Problem::UnsupportedType("begin_repeat".into()),
        ),
        (
            11,
            Some("type"),
            Problem::UnsupportedType("end_repeat".into()),
        ),
        (2, Some("type"), Problem::UnclosedGroup),
    ];
    assert_eq!(
        found,
        expected
            .iter()
            .map(|(r, c, p)| (*r, *c, p))
            .collect::<Vec<_>>()
    );
    assert!(issues.iter().all(|i: &Issue| i.sheet == "survey"));

    // Through the page: 422, every problem listed in words, no survey made.
    let app = TestApp::sqlite().await;
    let cookie = app.sign_in_staff().await;
    let before = app.services.store.surveys(None, None).await.unwrap().len();
    let res = upload(&app, &cookie, "bad-form", fixture("unsupported.xlsx")).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(
            "survey シート 3行目「type」列: 「geopoint」の質問形式には対応していません。"
        )
    );
    assert_eq!(page.matches("<li>survey シート").count(), expected.len());
    assert!(
        page.contains("value=\"bad-form\""),
        "the typed address is kept"
    );
    let res = upload(&app, &cookie, "not-xlsx", fixture("not-a-workbook.xlsx")).await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Excel 形式（.xlsx）のファイルとして読めませんでした。")
    );
    assert_eq!(
        app.services.store.surveys(None, None).await.unwrap().len(),
        before
    );
    // Only staff: a resident is refused, and a resident cannot download either.
    let resident = app.resident().await;
    let res = upload(
        &app,
        &resident.cookie_header(),
        "x-form",
        fixture("kobo-flat.xlsx"),
    )
    .await;
    assert_eq!(res.status(), 403);
    let id = app.demo_survey_id().await;
    let res = app
        .get_with_cookie(
            &format!("/staff/surveys/{id}/xlsform"),
            &resident.cookie_header(),
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.services.store.surveys(None, None).await.unwrap().len(),
        before
    );
    app.stop().await;
}
