//! Exports read back with the readers a user would use.

use super::*;

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

pub(super) async fn exports_read_back(app: &TestApp) {
    use calamine::Reader;
    let s = &app.core;
    let id = app.demo_survey_id().await;
    // A free-text answer that a spreadsheet would run as a formula.
    let staff = user_in(app, "staff-d@example.jp", Role::Staff, None).await;
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
            &user_in(app, "admin-a@example.jp", Role::Admin, None).await,
            Some(id),
        )
        .await
        .unwrap();
    assert!(audit.iter().filter(|l| l.action == "export").count() >= 4);
    let _ = staff;
}
