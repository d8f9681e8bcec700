//! Analytics on a real database (SQLite and PostgreSQL): every number the results page shows is
//! recounted here straight from the stored answers; the cube catches up with new responses, even
//! one committed late under a lower id; council members see only their district with small
//! groups hidden; nobody else sees anything.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::TestApp;
use shared::ApiError;
use shared::account::Role;
use shared::analytics::{Cell, Filter, ResultBody, ResultsQuery, ResultsView, Var};
use shared::answer::{Answer, Answers};
use shared::views::CurrentUser;
use std::collections::HashMap;
use yoriai_core::db::Db;
use yoriai_core::demo::DEMO_SURVEY_SLUG;

const PASSWORD: &str = "a long enough password";

async fn user(app: &TestApp, email: &str, role: Role, district: Option<i64>) -> CurrentUser {
    let s = &app.core;
    let id = s
        .create_user(email, email, PASSWORD, role, None)
        .await
        .unwrap();
    if let Some(d) = district {
        let sql = "UPDATE users SET district_id = $1 WHERE id = $2";
        match s.store.db() {
            Db::Sqlite(p) => sqlx::query(sql).bind(d).bind(id).execute(p).await.map(drop),
            Db::Postgres(p) => sqlx::query(sql).bind(d).bind(id).execute(p).await.map(drop),
        }
        .unwrap();
    }
    let signed = s.sign_in(email, PASSWORD, "127.0.0.1").await.unwrap();
    s.user_for_token(&signed.token).await.unwrap().unwrap()
}

/// One stored response, read back without going through analytics.
struct Stored {
    district: Option<i64>,
    channel: String,
    answers: Answers,
}

async fn stored(app: &TestApp, survey_id: i64) -> Vec<Stored> {
    let sql = "SELECT district_id, channel, answers FROM responses WHERE survey_id = $1";
    let rows: Vec<(Option<i64>, String, String)> = match app.core.store.db() {
        Db::Sqlite(p) => sqlx::query_as(sql).bind(survey_id).fetch_all(p).await,
        Db::Postgres(p) => sqlx::query_as(sql).bind(survey_id).fetch_all(p).await,
    }
    .unwrap();
    rows.into_iter()
        .map(|(district, channel, answers)| Stored {
            district,
            channel,
            answers: serde_json::from_str(&answers).unwrap(),
        })
        .collect()
}

/// Whether a stored answer is (or includes) `value`.
fn has(answers: &Answers, question: &str, value: &str) -> bool {
    match answers.get(question) {
        Some(Answer::Value(v)) => v == value,
        Some(Answer::Values(vs)) => vs.iter().any(|v| v == value),
        Some(Answer::Number(x)) => value.parse::<f64>().is_ok_and(|v| v == *x),
        _ => false,
    }
}

fn count(rows: &[Stored], keep: impl Fn(&Stored) -> bool) -> u64 {
    rows.iter().filter(|r| keep(r)).count() as u64
}

/// Stores one response whose free-text comment is `comment` (and whose age is 30s).
async fn with_comment(app: &TestApp, id: i64, key: &str, comment: &str) {
    let s = &app.core;
    let answers = serde_json::json!({ "age": "30s", "comment": comment }).to_string();
    let survey = s.store.survey_by_id(id).await.unwrap().unwrap();
    let row = yoriai_core::analytics::SeedRow {
        district_id: None,
        idempotency_key: key.into(),
        answers_json: answers,
        lang: shared::Lang::Ja,
        channel: shared::views::Channel::Web,
        submitted_at: chrono::Utc::now(),
        texts: vec![("comment".into(), comment.into())],
    };
    let version = survey.current_version_id.unwrap();
    s.store.insert_seeded(id, version, &[row]).await.unwrap();
}

async fn results(app: &TestApp, who: &CurrentUser, id: i64, query: &ResultsQuery) -> ResultsView {
    app.core.results_view(who, id, query).await.unwrap()
}

async fn results_match_a_recount(app: &TestApp) {
    let s = &app.core;
    let staff = user(app, "staff-a@example.jp", Role::Staff, None).await;
    let id = app.demo_survey_id().await;
    let added = yoriai_core::seed::seed_responses(s, DEMO_SURVEY_SLUG, 600, 7, 20)
        .await
        .unwrap();
    assert_eq!(added, 600);
    let rows = stored(app, id).await;
    let n = rows.len() as u64;
    assert!(n >= 600);

    let view = results(app, &staff, id, &ResultsQuery::default()).await;
    assert_eq!(view.min_cell, None, "staff see raw numbers");
    assert_eq!(view.dashboard.total, Cell::Count(n));
    for bar in &view.dashboard.by_district {
        let district: Option<i64> = bar.value.parse().ok();
        assert_eq!(
            bar.count,
            Cell::Count(count(&rows, |r| r.district == district))
        );
    }
    for bar in &view.dashboard.by_channel {
        assert_eq!(
            bar.count,
            Cell::Count(count(&rows, |r| r.channel == bar.value))
        );
    }
    let def = s.store.survey_by_id(id).await.unwrap().unwrap().definition;
    let mut checked = 0;
    for result in &view.questions {
        let answered = count(&rows, |r| r.answers.get(&result.id).is_some());
        assert_eq!(result.answered, Cell::Count(answered), "{}", result.id);
        match &result.body {
            ResultBody::Choices { bars, .. } | ResultBody::Scale { bars, .. } => {
                for bar in bars {
                    let expected = count(&rows, |r| has(&r.answers, &result.id, &bar.value));
                    assert_eq!(
                        bar.count,
                        Cell::Count(expected),
                        "{} = {}",
                        result.id,
                        bar.value
                    );
                    checked += 1;
                }
            }
            _ => {}
        }
        if let ResultBody::Scale { summary, .. } = &result.body {
            let values: Vec<f64> = rows
                .iter()
                .filter_map(|r| match r.answers.get(&result.id) {
                    Some(Answer::Number(x)) => Some(*x),
                    _ => None,
                })
                .collect();
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            let got = summary.expect("summary").mean;
            assert!((got - mean).abs() < 1e-9, "{}: {got} vs {mean}", result.id);
        }
    }
    assert!(checked > 40, "only {checked} bars checked");
    assert_eq!(view.questions.len(), def.questions().count());

    // Skews the seed promises: households with children agree with Sunday opening more.
    let agree = |kids: bool| {
        let group: Vec<&Stored> = rows
            .iter()
            .filter(|r| {
                let h = &r.answers;
                (has(h, "household", "preschool") || has(h, "household", "school")) == kids
            })
            .collect();
        let yes = group
            .iter()
            .filter(|r| has(&r.answers, "sunday", "4") || has(&r.answers, "sunday", "5"))
            .count();
        yes as f64 / group.len().max(1) as f64
    };
    assert!(
        agree(true) > agree(false) + 0.15,
        "{} vs {}",
        agree(true),
        agree(false)
    );

    // A filter applies to everything on the page.
    let district = rows.iter().find_map(|r| r.district).expect("a district");
    let filter = Filter::from_pairs([("d", district.to_string().as_str()), ("a", "sunday:5")]);
    let query = ResultsQuery {
        filter,
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::Question("sunday".into())),
        only: None,
    };
    let view = results(app, &staff, id, &query).await;
    let kept = |r: &Stored| r.district == Some(district) && has(&r.answers, "sunday", "5");
    assert_eq!(view.dashboard.total, Cell::Count(count(&rows, kept)));
    let t = view.crosstab.expect("age × sunday");
    for (ri, row) in t.rows.categories.iter().enumerate() {
        for (ci, col) in t.columns.categories.iter().enumerate() {
            let expected = count(&rows, |r| {
                kept(r)
                    && has(&r.answers, "age", &row.value)
                    && has(&r.answers, "sunday", &col.value)
            });
            assert_eq!(
                t.cells[ri][ci],
                Cell::Count(expected),
                "{} × {}",
                row.value,
                col.value
            );
        }
    }

    // One question alone, as the same numbers.
    let only = ResultsQuery::from_pairs([("only", "sunday"), ("a", "sunday:5")]);
    let one = results(app, &staff, id, &only).await;
    assert_eq!(one.questions.len(), 1);
    let all = results(
        app,
        &staff,
        id,
        &ResultsQuery {
            only: None,
            ..only.clone()
        },
    )
    .await;
    let sunday = all.questions.iter().find(|q| q.id == "sunday").unwrap();
    assert_eq!(&one.questions[0], sunday);

    // The full cross-tab has a test; its counts add up to the table's total.
    let query = ResultsQuery {
        filter: Filter::default(),
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::District),
        only: None,
    };
    let t = results(app, &staff, id, &query)
        .await
        .crosstab
        .expect("table");
    let sum: u64 = t.cells.iter().flatten().filter_map(|c| c.count()).sum();
    assert_eq!(t.total, Cell::Count(sum));
    let test = t.test.expect("chi-square");
    assert!(test.df > 0 && (0.0..=1.0).contains(&test.p_value));
}

async fn the_cube_catches_up(app: &TestApp) {
    let s = &app.core;
    let staff = user(app, "staff-b@example.jp", Role::Staff, None).await;
    let id = app.demo_survey_id().await;
    let before = results(app, &staff, id, &ResultsQuery::default()).await;
    let Cell::Count(before) = before.dashboard.total else {
        panic!("staff see counts")
    };
    yoriai_core::seed::seed_responses(s, DEMO_SURVEY_SLUG, 25, 9, 5)
        .await
        .unwrap();
    let after = results(app, &staff, id, &ResultsQuery::default()).await;
    assert_eq!(after.dashboard.total, Cell::Count(before + 25));

    // A response committed late under an id below the newest one held (what PostgreSQL's
    // sequences allow with concurrent inserts) is still counted.
    let max: i64 = {
        let sql = "SELECT max(id) FROM responses";
        match s.store.db() {
            Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
            Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        }
        .unwrap()
    };
    let late = max + 1000;
    let later = max + 2000;
    for (rid, key) in [(later, "late-b"), (late, "late-a")] {
        let insert = |overriding: &str| {
            format!(
                "INSERT INTO responses (id, survey_id, version_id, district_id, \
                 idempotency_key, answers, lang, channel, submitted_at) {overriding} \
                 SELECT $1, id, current_version_id, NULL, $2, '{{\"age\":\"30s\"}}', 'ja', \
                 'web', last_response_at FROM surveys WHERE id = $3"
            )
        };
        let bump = "UPDATE surveys SET response_count = response_count + 1 WHERE id = $1";
        match s.store.db() {
            Db::Sqlite(p) => {
                sqlx::query(sqlx::AssertSqlSafe(insert("")))
                    .bind(rid)
                    .bind(key)
                    .bind(id)
                    .execute(p)
                    .await
                    .unwrap();
                sqlx::query(bump).bind(id).execute(p).await.map(drop)
            }
            Db::Postgres(p) => {
                sqlx::query(sqlx::AssertSqlSafe(insert("OVERRIDING SYSTEM VALUE")))
                    .bind(rid)
                    .bind(key)
                    .bind(id)
                    .execute(p)
                    .await
                    .unwrap();
                sqlx::query(bump).bind(id).execute(p).await.map(drop)
            }
        }
        .unwrap();
        let view = results(app, &staff, id, &ResultsQuery::default()).await;
        let expected = if rid == later {
            before + 26
        } else {
            before + 27
        };
        assert_eq!(
            view.dashboard.total,
            Cell::Count(expected),
            "after inserting {rid}"
        );
    }
}

async fn outside_staff_numbers_are_suppressed_or_refused(app: &TestApp) {
    let s = &app.core;
    let id = app.demo_survey_id().await;
    let rows = stored(app, id).await;
    // The district with the fewest responses, so that small groups certainly occur.
    let mut per_district: HashMap<i64, u64> = HashMap::new();
    for r in &rows {
        if let Some(d) = r.district {
            *per_district.entry(d).or_default() += 1;
        }
    }
    let (&district, &in_district) = per_district
        .iter()
        .filter(|(_, n)| **n >= 10)
        .min_by_key(|(_, n)| **n)
        .expect("a district with responses");
    let council = user(app, "council-a@example.jp", Role::Council, Some(district)).await;
    let view = results(app, &council, id, &ResultsQuery::default()).await;
    assert_eq!(view.min_cell, Some(5));
    assert_eq!(view.filter.districts, vec![district], "only their district");
    assert_eq!(view.dashboard.total, Cell::Count(in_district));
    assert_eq!((view.started, view.sent_web), (None, None));
    // Asking for another district changes nothing.
    let other = per_district
        .keys()
        .find(|d| **d != district)
        .copied()
        .unwrap();
    let query = ResultsQuery {
        filter: Filter::from_pairs([("d", other.to_string().as_str())]),
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::Question("sunday".into())),
        only: None,
    };
    let view = results(app, &council, id, &query).await;
    assert_eq!(view.dashboard.total, Cell::Count(in_district));
    // No count from 1 to 4 anywhere, and some are hidden.
    let mut cells: Vec<Cell> = Vec::new();
    for q in &view.questions {
        cells.push(q.answered);
        match &q.body {
            ResultBody::Choices { bars, .. }
            | ResultBody::Scale { bars, .. }
            | ResultBody::Histogram { bars, .. }
            | ResultBody::Dates { bars } => cells.extend(bars.iter().map(|b| b.count)),
            ResultBody::Ranking { items } => {
                cells.extend(items.iter().flat_map(|i| [i.first, i.ranked]));
            }
            ResultBody::Matrix { lines, .. } => {
                cells.extend(lines.iter().flat_map(|l| l.cells.iter().copied()));
            }
            ResultBody::Text { tags } => cells.extend(tags.iter().map(|b| b.count)),
        }
    }
    let t = view.crosstab.expect("table");
    cells.extend(t.cells.iter().flatten().copied());
    cells.extend(t.rows.categories.iter().map(|b| b.count));
    cells.extend(view.dashboard.by_day.iter().map(|b| b.count));
    assert!(
        cells.iter().all(|c| !matches!(c, Cell::Count(1..=4))),
        "{cells:?}"
    );
    assert!(cells.contains(&Cell::Hidden));
    // Extremes are never shown outside staff.
    for q in &view.questions {
        if let ResultBody::Histogram {
            summary: Some(s), ..
        } = &q.body
        {
            assert_eq!((s.min, s.max), (None, None));
        }
    }

    // Everyone else: not found, whatever the id.
    for role in [Role::Resident, Role::Organiser] {
        let who = user(
            app,
            &format!("{role:?}@example.jp").to_lowercase(),
            role,
            Some(district),
        )
        .await;
        let e = s
            .results_view(&who, id, &ResultsQuery::default())
            .await
            .unwrap_err();
        assert_eq!(ApiError::from(e), ApiError::NotFound, "{role:?}");
    }
    let staff = user(app, "staff-c@example.jp", Role::Staff, None).await;
    let e = s
        .results_view(&staff, 999_999, &ResultsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);
    // A draft's results are not for the council.
    let draft = s
        .store
        .survey_by_slug(yoriai_core::demo::DEMO_DRAFT_SLUG)
        .await
        .unwrap()
        .unwrap();
    let e = s
        .results_view(&council, draft.id, &ResultsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);

    // Over HTTP: the server function takes the page's query string and answers as the
    // session's user may see; without a session, nothing.
    let call = |cookie: Option<String>| {
        let mut request = app
            .client
            .post(app.url("/api/results"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "survey_id={id}&query=d%3D{other}%26r%3Dq%3Aage%26c%3Ddistrict"
            ));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, body) = call(None).await;
    assert!(
        status != 200 && body.contains("Unauthorized"),
        "{status} {body}"
    );
    let session = |email: &'static str| async move {
        let signed = s.sign_in(email, PASSWORD, "127.0.0.3").await.unwrap();
        format!("{}={}", app::api::SESSION_COOKIE, signed.token)
    };
    let (status, body) = call(Some(session("resident@example.jp").await)).await;
    assert!(
        status != 200 && body.contains("NotFound"),
        "{status} {body}"
    );
    let (status, body) = call(Some(session("council-a@example.jp").await)).await;
    assert_eq!(status, 200, "{body}");
    let view: ResultsView = serde_json::from_str(&body).unwrap();
    assert_eq!(view.filter.districts, vec![district]);
    assert_eq!(view.crosstab.map(|t| t.columns.var), Some(Var::District));
    let (status, body) = call(Some(session("staff-c@example.jp").await)).await;
    assert_eq!(status, 200, "{body}");
    let view: ResultsView = serde_json::from_str(&body).unwrap();
    assert_eq!(
        view.filter.districts,
        vec![other],
        "staff filter as they like"
    );
}

/// A body as the browser reads it: a cut-off compressed stream is an error, not a short file.
fn decompressed(encoding: &str, body: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    match encoding {
        "br" => brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut out)
            .expect("a whole brotli stream"),
        "gzip" => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .expect("a whole gzip stream"),
        "" => return body.to_vec(),
        other => panic!("unexpected encoding {other}"),
    };
    out
}

async fn exports_read_back(app: &TestApp) {
    use calamine::Reader;
    let s = &app.core;
    let id = app.demo_survey_id().await;
    // A free-text answer that a spreadsheet would run as a formula.
    let staff = user(app, "staff-d@example.jp", Role::Staff, None).await;
    let evil = "=HYPERLINK(\"http://evil.example\",\"click\")";
    with_comment(app, id, "evil", evil).await;
    let rows = stored(app, id).await;
    let signed = s
        .sign_in("staff-d@example.jp", PASSWORD, "127.0.0.4")
        .await
        .unwrap();
    let cookie = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
    // Every download asks for compression, as every browser does, and must arrive whole
    // (the export stream once panicked when the compression layer polled it after its end,
    // cutting each file off after a kilobyte).
    let get = |path: String| {
        let cookie = cookie.clone();
        async move {
            let r = app
                .client
                .get(app.url(&path))
                .header("cookie", &cookie)
                .header("accept-encoding", "gzip, deflate, br")
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let header = |name: &str| {
                r.headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default()
            };
            let kind = header("content-type");
            let encoding = header("content-encoding");
            if status == 200 {
                assert!(
                    ["br", "gzip"].contains(&encoding.as_str()),
                    "{path} is compressed: {encoding:?}"
                );
            }
            let body = r.bytes().await.unwrap().to_vec();
            (status, kind, decompressed(&encoding, &body))
        }
    };

    // CSV: BOM, CRLF, one line per response, labels in Japanese, formulas defused.
    let (status, kind, body) = get(format!("/staff/surveys/{id}/export?format=csv")).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("回答番号,") && text.contains("\r\n"),
        "CRLF line ends"
    );
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), rows.len());
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {headers:?}"))
    };
    let age = column("年代を教えてください。");
    let comment = column("市民センターへのご意見・ご要望を自由にお書きください。");
    let ids: Vec<i64> = records.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in id order");
    let thirties = records.iter().filter(|r| &r[age] == "30代").count() as u64;
    assert_eq!(thirties, count(&rows, |r| has(&r.answers, "age", "30s")));
    let defused: Vec<&str> = records
        .iter()
        .map(|r| &r[comment])
        .filter(|c| c.contains("HYPERLINK"))
        .collect();
    assert_eq!(defused, vec![format!("'{evil}").as_str()]);
    // A multiple-choice option is a column of 1 / 0 (empty when unanswered).
    let school = headers
        .iter()
        .position(|h| h.starts_with("同居している方") && h.ends_with("小学生・中学生・高校生"))
        .expect("option column");
    let picked = records.iter().filter(|r| &r[school] == "1").count() as u64;
    assert_eq!(
        picked,
        count(&rows, |r| has(&r.answers, "household", "school"))
    );

    // The filter of the results page applies.
    let district = rows.iter().find_map(|r| r.district).unwrap();
    let (_, _, body) = get(format!(
        "/staff/surveys/{id}/export?format=csv&d={district}&labels=en"
    ))
    .await;
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    assert!(
        reader
            .headers()
            .unwrap()
            .iter()
            .any(|h| h == "Sent (Japan time)")
    );
    assert_eq!(
        reader.records().count() as u64,
        count(&rows, |r| r.district == Some(district))
    );

    // XLSX: a responses sheet and a codes sheet, opened by a reader.
    let (status, _, body) = get(format!("/staff/surveys/{id}/export?format=xlsx")).await;
    assert_eq!(status, 200);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(body)).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["回答".to_string(), "コード".to_string()]
    );
    let sheet = book.worksheet_range("回答").unwrap();
    assert_eq!(sheet.height(), rows.len() + 1);
    assert_eq!(
        sheet.get((0, age)).map(|c| c.to_string()),
        Some("年代を教えてください。".to_string())
    );
    let codes = book.worksheet_range("コード").unwrap();
    assert!(
        codes
            .rows()
            .any(|r| r.get(1).map(|c| c.to_string()) == Some("30s".into())
                && r.get(2).map(|c| c.to_string()) == Some("30代".into()))
    );

    // JSON: every response with its stored answers.
    let (status, _, body) = get(format!("/staff/surveys/{id}/export?format=json")).await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let responses = json["responses"].as_array().unwrap();
    assert_eq!(responses.len(), rows.len());
    assert_eq!(json["survey"]["id"], id);
    let evil_back = responses.iter().find(|r| r["answers"]["comment"] == evil);
    assert!(evil_back.is_some(), "answers kept as stored");

    // Nobody but staff: council 403, signed-out sent to sign in, unknown survey 404.
    let signed = s
        .sign_in("council-a@example.jp", PASSWORD, "127.0.0.4")
        .await
        .unwrap();
    let council = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
    let r = app
        .get_with_cookie(&format!("/staff/surveys/{id}/export?format=csv"), &council)
        .await;
    assert_eq!(r.status().as_u16(), 403);
    // A refused download is a page in words (a person clicked its link), not a bare line.
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<html") && page.contains("このページを見る権限がありません"),
        "{page}"
    );
    let r = app
        .get(&format!("/staff/surveys/{id}/export?format=csv"))
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (status, kind, body) = get("/staff/surveys/999999/export?format=csv".into()).await;
    assert_eq!(status, 404);
    assert!(kind.starts_with("text/html"), "{kind}");
    assert!(String::from_utf8_lossy(&body).contains("ページが見つかりません"));
    let (status, _, _) = get(format!("/staff/surveys/{id}/export?format=pdf")).await;
    assert_eq!(status, 400);
    // Every export is in the audit log.
    let audit = s
        .audit_view(
            &user(app, "admin-a@example.jp", Role::Admin, None).await,
            Some(id),
        )
        .await
        .unwrap();
    assert!(audit.iter().filter(|l| l.action == "export").count() >= 4);
    let _ = staff;
}

async fn story(app: &TestApp) {
    results_match_a_recount(app).await;
    the_cube_catches_up(app).await;
    outside_staff_numbers_are_suppressed_or_refused(app).await;
    exports_read_back(app).await;
    free_text_search_and_themes(app).await;
    published_results_for_residents(app).await;
}

#[tokio::test]
async fn analytics_on_sqlite() {
    let app = TestApp::sqlite().await;
    story(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn analytics_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    story(&app).await;
    app.stop().await;
}

/// Free text: listed, searched as substrings in Japanese (short and long words), coded into
/// themes one by one and in bulk; theme counts in the results and cross-tabs; staff only;
/// texts shown escaped.
async fn free_text_search_and_themes(app: &TestApp) {
    use yoriai_core::analytics::TextQuery;
    use yoriai_core::analytics::texts::Tagging;
    let s = &app.core;
    let id = app.demo_survey_id().await;
    let staff = user(app, "staff-e@example.jp", Role::Staff, None).await;
    let rows = stored(app, id).await;
    let comment = |r: &Stored| match r.answers.get("comment") {
        Some(Answer::Value(v)) => Some(v.clone()),
        _ => None,
    };
    let with = |needle: &str| {
        rows.iter()
            .filter(|r| comment(r).is_some_and(|c| c.contains(needle)))
            .count() as i64
    };
    let all = rows.iter().filter(|r| comment(r).is_some()).count() as i64;
    assert!(all > 20, "{all}");
    let view = s
        .texts_view(&staff, id, "comment", "", None, 1)
        .await
        .unwrap();
    assert_eq!(view.total, all);
    assert_eq!(view.lines.len() as i64, all.min(50));
    assert!(
        view.lines.windows(2).all(|w| w[0].id > w[1].id),
        "newest first"
    );
    // Two characters (below the trigram length) and longer words both work.
    for needle in ["駐車", "駐車場", "日曜日も", "HYPERLINK", "ない"] {
        let view = s
            .texts_view(&staff, id, "comment", needle, None, 1)
            .await
            .unwrap();
        assert_eq!(view.total, with(needle), "{needle}");
        assert!(view.lines.iter().all(|l| l.body.contains(needle)));
    }
    // LIKE wildcards are taken literally.
    let view = s
        .texts_view(&staff, id, "comment", "%", None, 1)
        .await
        .unwrap();
    assert_eq!(view.total, with("%"));

    // Code every answer mentioning parking, then one more by hand, then take one off.
    let parking = TextQuery {
        search: Some("駐車場".into()),
        tag: None,
    };
    let code = |text: Option<i64>, on: bool, name: Option<&str>, tag: Option<i64>| Tagging {
        tag,
        new_name: name.map(str::to_string),
        text,
        on,
    };
    let n = s
        .tag_texts(
            &staff,
            id,
            "comment",
            &parking,
            &code(None, true, Some("駐車場"), None),
        )
        .await
        .unwrap();
    assert_eq!(n as i64, with("駐車場"));
    let tags = s.store.text_tags(id).await.unwrap();
    let tag = tags.iter().find(|(_, name)| name == "駐車場").unwrap().0;
    let other = s
        .texts_view(&staff, id, "comment", "日曜", None, 1)
        .await
        .unwrap()
        .lines[0]
        .id;
    s.tag_texts(
        &staff,
        id,
        "comment",
        &TextQuery::default(),
        &code(Some(other), true, None, Some(tag)),
    )
    .await
    .unwrap();
    let coded = s
        .texts_view(&staff, id, "comment", "", Some(tag), 1)
        .await
        .unwrap();
    assert_eq!(coded.total, with("駐車場") + 1);
    s.tag_texts(
        &staff,
        id,
        "comment",
        &TextQuery::default(),
        &code(Some(other), false, None, Some(tag)),
    )
    .await
    .unwrap();
    let coded = s
        .texts_view(&staff, id, "comment", "", Some(tag), 1)
        .await
        .unwrap();
    assert_eq!(coded.total, with("駐車場"));
    // An empty or overlong theme name is refused, and so is an unknown theme.
    for bad in [
        code(None, true, Some(" "), None),
        code(None, true, Some(&"長".repeat(41)), None),
    ] {
        let e = s
            .tag_texts(&staff, id, "comment", &parking, &bad)
            .await
            .unwrap_err();
        assert!(matches!(ApiError::from(e), ApiError::Validation(_)));
    }
    let e = s
        .tag_texts(
            &staff,
            id,
            "comment",
            &parking,
            &code(None, true, None, Some(999_999)),
        )
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);

    // The themes are counted in the results, and cross-tabulate like a question.
    let query = ResultsQuery {
        filter: Filter::default(),
        rows: Some(Var::Tags("comment".into())),
        columns: Some(Var::Question("age".into())),
        only: None,
    };
    let view = results(app, &staff, id, &query).await;
    let comment_result = view.questions.iter().find(|q| q.id == "comment").unwrap();
    let ResultBody::Text { tags } = &comment_result.body else {
        panic!("text")
    };
    let bar = tags.iter().find(|b| b.value == tag.to_string()).unwrap();
    assert_eq!(bar.count, Cell::Count(with("駐車場") as u64));
    let t = view.crosstab.expect("themes × age");
    let row = t
        .rows
        .categories
        .iter()
        .position(|c| c.value == tag.to_string())
        .unwrap();
    let sum: u64 = t.cells[row].iter().filter_map(|c| c.count()).sum();
    assert_eq!(
        sum,
        count(&rows, |r| comment(r).is_some_and(|c| c.contains("駐車場"))
            && r.answers.get("age").is_some())
    );

    // Staff only; the page escapes what residents typed.
    let council = user(app, "council-e@example.jp", Role::Council, None).await;
    let e = s
        .texts_view(&council, id, "comment", "", None, 1)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::Forbidden);
    let e = s
        .texts_view(&staff, id, "nope", "", None, 1)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);
    let xss = "<script>alert(1)</script>駐車場";
    with_comment(app, id, "xss", xss).await;
    let signed = s
        .sign_in("staff-e@example.jp", PASSWORD, "127.0.0.5")
        .await
        .unwrap();
    let cookie = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
    let page = app
        .get_with_cookie(
            &format!("/staff/surveys/{id}/texts/comment?q=script"),
            &cookie,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;駐車場"),
        "escaped"
    );
    assert!(!page.contains("<script>alert(1)"));
    // The tagging form: done (303 back to the list), refused for council members (403).
    let post = |cookie: String, pairs: Vec<(&'static str, String)>| async move {
        app.client
            .post(app.url(&format!("/staff/surveys/{id}/texts/comment")))
            .header("origin", app.url(""))
            .header("cookie", cookie)
            .form(&pairs)
            .send()
            .await
            .unwrap()
    };
    let r = post(
        cookie.clone(),
        vec![("q", "script".into()), ("name", "要確認".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("/texts/comment?q=script")
    );
    let signed = s
        .sign_in("council-e@example.jp", PASSWORD, "127.0.0.5")
        .await
        .unwrap();
    let council_cookie = format!("{}={}", app::api::SESSION_COOKIE, signed.token);
    let r = post(council_cookie, vec![("name", "x".into())]).await;
    assert_eq!(r.status().as_u16(), 403);
    let checked = s.store.text_tags(id).await.unwrap();
    assert!(checked.iter().any(|(_, n)| n == "要確認") && !checked.iter().any(|(_, n)| n == "x"));
}

/// Results published for residents: chosen questions, the ward's text, small groups hidden;
/// taken down again; the smallest group size is a per-survey setting.
async fn published_results_for_residents(app: &TestApp) {
    let s = &app.core;
    let id = app.demo_survey_id().await;
    let staff = user(app, "staff-f@example.jp", Role::Staff, None).await;
    let council = user(app, "council-f@example.jp", Role::Council, None).await;
    let summary = shared::survey::Text::ja_en(
        "3月から日曜開館を試行します。",
        "The centre will try Sunday opening from March.",
    );
    let e = s.public_results(DEMO_SURVEY_SLUG).await.unwrap_err();
    assert_eq!(
        ApiError::from(e),
        ApiError::NotFound,
        "nothing published yet"
    );
    let page = app.get(&format!("/s/{DEMO_SURVEY_SLUG}/results")).await;
    assert_eq!(page.status().as_u16(), 404);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("結果はまだ公開されていません")
    );

    // Refusals: nothing chosen, no text, a council member, a draft.
    let chosen = vec![
        "age".to_string(),
        "sunday".to_string(),
        "comment".to_string(),
    ];
    let bad = s
        .publish_results(&staff, id, &[], &summary, false)
        .await
        .unwrap_err();
    assert!(matches!(ApiError::from(bad), ApiError::Validation(_)));
    let empty = shared::survey::Text::ja(" ");
    let bad = s
        .publish_results(&staff, id, &chosen, &empty, false)
        .await
        .unwrap_err();
    assert!(matches!(ApiError::from(bad), ApiError::Validation(_)));
    let bad = s
        .publish_results(&council, id, &chosen, &summary, false)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(bad), ApiError::Forbidden);
    let draft = s
        .store
        .survey_by_slug(yoriai_core::demo::DEMO_DRAFT_SLUG)
        .await
        .unwrap()
        .unwrap();
    let bad = s
        .publish_results(&staff, draft.id, &chosen, &summary, false)
        .await
        .unwrap_err();
    assert_eq!(ApiError::from(bad), ApiError::Conflict);

    // Published: only the chosen questions, no count from 1 to 4, the ward's text.
    let mut with_unknown = chosen.clone();
    with_unknown.push("no-such-question".into());
    s.publish_results(&staff, id, &with_unknown, &summary, false)
        .await
        .unwrap();
    let public = s.public_results(DEMO_SURVEY_SLUG).await.unwrap();
    let ids: Vec<&str> = public.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["sunday", "age", "comment"],
        "survey order, unknown ids dropped"
    );
    assert_eq!(public.min_cell, 5);
    for q in &public.questions {
        if let ResultBody::Choices { bars, .. } | ResultBody::Scale { bars, .. } = &q.body {
            assert!(bars.iter().all(|b| !matches!(b.count, Cell::Count(1..=4))));
        }
        if let ResultBody::Scale {
            summary: Some(s), ..
        } = &q.body
        {
            assert_eq!((s.min, s.max), (None, None));
        }
    }
    let page = app.get(&format!("/s/{DEMO_SURVEY_SLUG}/results")).await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("3月から日曜開館を試行します。"));
    assert!(
        !html.contains("回答を読む"),
        "no way to the texts from the public page"
    );
    assert!(
        !html.contains(".wasm") && !html.contains("<script src"),
        "no code to download on a resident page"
    );
    let staff_view = results(app, &staff, id, &ResultsQuery::default()).await;
    assert_eq!(staff_view.publication.map(|p| p.questions.len()), Some(3));

    // The smallest group is a setting: 10 for this survey, then the public page follows.
    let bad = s.set_min_cell(&staff, id, 0).await.unwrap_err();
    assert!(matches!(ApiError::from(bad), ApiError::Validation(_)));
    let bad = s.set_min_cell(&council, id, 10).await.unwrap_err();
    assert_eq!(ApiError::from(bad), ApiError::Forbidden);
    s.set_min_cell(&staff, id, 10).await.unwrap();
    let public = s.public_results(DEMO_SURVEY_SLUG).await.unwrap();
    assert_eq!(public.min_cell, 10);
    for q in &public.questions {
        if let ResultBody::Choices { bars, .. } = &q.body {
            assert!(bars.iter().all(|b| !matches!(b.count, Cell::Count(1..=9))));
        }
    }
    s.set_min_cell(&staff, id, 5).await.unwrap();

    // Taken down: not found again.
    s.publish_results(&staff, id, &[], &summary, true)
        .await
        .unwrap();
    let e = s.public_results(DEMO_SURVEY_SLUG).await.unwrap_err();
    assert_eq!(ApiError::from(e), ApiError::NotFound);
    let audit = s
        .audit_view(
            &user(app, "admin-f@example.jp", Role::Admin, None).await,
            Some(id),
        )
        .await
        .unwrap();
    for action in ["publish_results", "withdraw_results", "min_cell"] {
        assert!(audit.iter().any(|l| l.action == action), "{action} audited");
    }
}
