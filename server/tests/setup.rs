//! A new installation set up from the link `yoriai serve` prints, on SQLite and PostgreSQL:
//! a places file with problems changes nothing and names them; a good one makes two wards and
//! the first administrator; the link then dies. The places page and its CSV round trip, and
//! who may import.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{PASSWORD, TestApp, TestDb, cookie, scalar};
use shared::account::Role;

const TWO_WARDS: &str = "ward_code,ward_ja,ward_en,district_code,district_ja,district_en,district_reading,centre_ja,centre_en\n\
kitakyushu-kokuraminami,小倉南区,Kokura Minami Ward,kmn-kitagata,北方,Kitagata,きたがた,北方市民センター,Kitagata Community Centre\n\
kitakyushu-kokuraminami,小倉南区,Kokura Minami Ward,kmn-yugawa,湯川,Yugawa,ゆがわ,湯川市民センター,Yugawa Community Centre\n\
kitakyushu-moji,門司区,Moji Ward,moji-oku,大久保,Okubo,おおくぼ,大久保市民センター,Okubo Community Centre\n";

fn setup_form(name: &str, places: &str, email: &str, password: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("installation_name", name.to_string())
        .part(
            "places",
            reqwest::multipart::Part::bytes(places.as_bytes().to_vec())
                .file_name("places.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
        .text("email", email.to_string())
        .text("display_name", "北九州 市管理者")
        .text("password", password.to_string())
}

async fn post_multipart(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    let request = app
        .client
        .post(app.url(path))
        .header("origin", format!("http://{}", app.addr))
        .multipart(form);
    match cookie {
        Some(c) => request.header("cookie", c),
        None => request,
    }
    .send()
    .await
    .unwrap()
}

async fn set_up(app: TestApp) {
    let token = app.core.prepare_setup().await.unwrap().expect("a new link");
    // Each start prints a new link; the older one dies.
    let token_again = app.core.prepare_setup().await.unwrap().expect("a new link");
    assert_eq!(app.get(&format!("/setup/{token}")).await.status(), 410);
    let token = token_again;
    let path = format!("/setup/{token}");
    let page = app.html(&path).await;
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    assert_eq!(app.get("/setup/not-the-token").await.status(), 410);

    // A file with wrong columns: every problem named, nothing imported, no account made.
    let wrong = "ward,district\nkmn,北方\n";
    let refused = post_multipart(
        &app,
        &path,
        None,
        setup_form(
            "北九州市",
            wrong,
            "city@example.jp",
            "a long enough password",
        ),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("data-error=\"PlacesFile\""), "{refused}");
    assert!(refused.contains("1行目"), "{refused}");
    assert!(refused.contains("value=\"北九州市\""), "{refused}");
    assert!(!refused.contains("a long enough password"));
    assert!(app.core.store.is_empty().await.unwrap());
    assert!(!app.core.store.has_accounts().await.unwrap());
    // A short password: refused before the file is looked at.
    let short = post_multipart(
        &app,
        &path,
        None,
        setup_form("北九州市", TWO_WARDS, "city@example.jp", "short"),
    )
    .await;
    assert_eq!(short.status(), 422);
    assert!(app.core.store.is_empty().await.unwrap());

    // The good file: two wards, the first administrator (of every ward), signed in.
    let done = post_multipart(
        &app,
        &path,
        None,
        setup_form("北九州市", TWO_WARDS, "city@example.jp", PASSWORD),
    )
    .await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/admin/people?setup=1");
    assert!(
        done.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with(app::api::SESSION_COOKIE)
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM wards").await, 2);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM districts").await, 3);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND ward_id IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        app.core.installation_name().await.unwrap().as_deref(),
        Some("北九州市")
    );

    // The link is dead, and no new one is made now that an account exists.
    assert_eq!(app.get(&path).await.status(), 410);
    let again = post_multipart(
        &app,
        &path,
        None,
        setup_form("乗っ取り市", TWO_WARDS, "intruder@example.jp", PASSWORD),
    )
    .await;
    assert_eq!(again.status(), 410);
    assert!(app.core.prepare_setup().await.unwrap().is_none());
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM users").await, 1);

    // The places page lists both wards, in order; the CSV comes back in the import's format.
    let admin = cookie(&app, "city@example.jp", PASSWORD).await;
    let places = app.get_with_cookie("/admin/places", &admin).await;
    assert_eq!(places.status(), 200);
    let places = places.text().await.unwrap();
    assert!(places.contains("data-ward=\"kitakyushu-moji\""), "{places}");
    assert!(places.contains("北九州市"), "{places}");
    let kitagata = places.find("kmn-kitagata").unwrap();
    assert!(kitagata < places.find("kmn-yugawa").unwrap());
    let csv = app.get_with_cookie("/admin/places.csv", &admin).await;
    assert_eq!(csv.status(), 200);
    let csv = csv.bytes().await.unwrap();
    assert!(csv.starts_with("\u{feff}ward_code,ward_ja".as_bytes()));
    let text = String::from_utf8(csv.to_vec()).unwrap();
    assert_eq!(
        text.trim_start_matches('\u{feff}').replace("\r\n", "\n"),
        TWO_WARDS
    );
    // Edited (Yugawa first) and imported again: the order follows the file.
    let lines: Vec<&str> = TWO_WARDS.lines().collect();
    let swapped = format!("{}\n{}\n{}\n{}\n", lines[0], lines[2], lines[1], lines[3]);
    let imported = post_multipart(
        &app,
        "/admin/places",
        Some(&admin),
        reqwest::multipart::Form::new().part(
            "places",
            reqwest::multipart::Part::bytes(swapped.into_bytes()).file_name("p.csv"),
        ),
    )
    .await;
    assert_eq!(imported.status(), 303);
    assert_eq!(
        imported.headers()["location"],
        "/admin/places?imported=2,3,3"
    );
    let places = app.html_with_cookie("/admin/places", &admin).await;
    assert!(places.find("kmn-yugawa").unwrap() < places.find("kmn-kitagata").unwrap());
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM districts").await, 3);
    app.stop().await;
}

#[tokio::test]
async fn a_new_installation_is_set_up_from_the_printed_link_sqlite() {
    set_up(TestApp::empty(TestDb::sqlite()).await).await;
}

#[tokio::test]
async fn a_new_installation_is_set_up_from_the_printed_link_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    set_up(TestApp::empty(db).await).await;
}

#[tokio::test]
async fn only_an_administrator_of_every_ward_imports_places() {
    let app = TestApp::sqlite().await;
    let ward_admin = cookie(
        &app,
        yoriai_core::demo::DEMO_ADMIN_EMAIL,
        yoriai_core::demo::DEMO_STAFF_PASSWORD,
    )
    .await;
    let staff = app.sign_in_staff().await;
    let upload = |places: &str| {
        reqwest::multipart::Form::new().part(
            "places",
            reqwest::multipart::Part::bytes(places.as_bytes().to_vec()).file_name("p.csv"),
        )
    };
    assert_eq!(
        post_multipart(&app, "/admin/places", Some(&ward_admin), upload(TWO_WARDS))
            .await
            .status(),
        403
    );
    assert_eq!(
        post_multipart(&app, "/admin/places", Some(&staff), upload(TWO_WARDS))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get_with_cookie("/admin/places", &staff).await.status(),
        403
    );
    // The ward's administrator sees their ward (read only) and its CSV.
    let page = app.html_with_cookie("/admin/places", &ward_admin).await;
    assert!(
        page.contains("data-ward=\"kitakyushu-kokuraminami\""),
        "{page}"
    );
    assert!(!page.contains("action=\"/admin/places\""), "{page}");
    assert_eq!(
        app.get_with_cookie("/admin/places.csv", &ward_admin)
            .await
            .status(),
        200
    );
    // An administrator of every ward: a bad file names each problem and changes nothing.
    app.core
        .create_user("city@example.jp", "市 管理者", PASSWORD, Role::Admin, None)
        .await
        .unwrap();
    let city = cookie(&app, "city@example.jp", PASSWORD).await;
    let before = scalar(&app, "SELECT COUNT(*) FROM districts").await;
    let bad = TWO_WARDS.replace("きたがた", "Kitagata");
    let refused = post_multipart(&app, "/admin/places", Some(&city), upload(&bad)).await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains("2行目（district_reading）：ひらがな"),
        "{refused}"
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM districts").await, before);
    let empty = post_multipart(&app, "/admin/places", Some(&city), upload("")).await;
    assert_eq!(empty.status(), 422);
    // The example file is there for anyone setting up.
    let example = app.get("/admin/places/example.csv").await;
    assert_eq!(example.status(), 200);
    assert!(example.text().await.unwrap().starts_with("ward_code,"));
    app.stop().await;
}
