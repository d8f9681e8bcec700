//! Setting up a ward's places from a CSV file (`yoriai import-places`): the example file for
//! Kokura Minami, importing again, a second ward, and files with problems (every one named by
//! line and column, nothing imported), on SQLite and PostgreSQL, and from the command line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::TestDb;
use yoriai_core::Core;
use yoriai_core::config::Config;
use yoriai_core::db::Store;

const EXAMPLE: &str = include_str!("../../docs/examples/kokura-minami-places.csv");
const HEADER: &str = "ward_code,ward_ja,ward_en,district_code,district_ja,district_en,\
                      district_reading,centre_ja,centre_en\n";

async fn story(store: &Store, url: String) {
    let core = Core::new(store.clone(), Config::for_database(url));
    assert!(store.is_empty().await.unwrap());

    // The example file: one ward, its 14 districts in the file's order, a centre each.
    let imported = core
        .import_places(EXAMPLE.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (imported.wards, imported.districts, imported.centres),
        (1, 14, 14)
    );
    let ward = store.ward_ids().await.unwrap()[0];
    let districts = store.districts(ward).await.unwrap();
    let names: Vec<&str> = districts.iter().map(|d| d.name_ja.as_str()).collect();
    assert_eq!(names[..3], ["北方", "湯川", "企救丘"], "the file's order");
    assert_eq!(names.last(), Some(&"横代"));
    assert_eq!(districts[0].name_easy.as_deref(), Some("{北方|きたがた}"));
    assert_eq!(store.centre_count().await.unwrap(), 14);

    // Again, with two districts swapped and one renamed: order and names follow, nothing
    // is duplicated.
    let mut lines: Vec<&str> = EXAMPLE.lines().collect();
    lines.swap(1, 2);
    let renamed = lines
        .join("\n")
        .replace("Kitagata,きたがた", "Kitagata-ku,きたがた");
    core.import_places(renamed.as_bytes())
        .await
        .unwrap()
        .unwrap();
    let districts = store.districts(ward).await.unwrap();
    assert_eq!(districts.len(), 14);
    assert_eq!(
        (districts[0].name_ja.as_str(), districts[1].name_ja.as_str()),
        ("湯川", "北方")
    );
    assert_eq!(districts[1].name_en.as_deref(), Some("Kitagata-ku"));
    assert_eq!(store.centre_count().await.unwrap(), 14);

    // A second ward, without centres.
    let second = format!(
        "{HEADER}kokura-kita,小倉北区,Kokura Kita Ward,kk-1,中井,Nakai,なかい,,\n\
         kokura-kita,小倉北区,Kokura Kita Ward,kk-2,足原,Ashihara,あしはら,,\n"
    );
    let imported = core
        .import_places(second.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (imported.wards, imported.districts, imported.centres),
        (1, 2, 0)
    );
    assert_eq!(store.ward_ids().await.unwrap().len(), 2);

    // Problems: every one named, nothing imported (not even the good rows).
    let bad = format!(
        "{HEADER}kokura-kita,小倉北区,Kokura Kita Ward,kk-3,三郎丸,Saburomaru,さぶろうまる,,\n\
         kokura-kita,小倉北区,Kokura Kita Ward,kmn-numa,沼,Numa,ぬま,,\n\
         kokura-kita,小倉北区,Kokura Kita Ward,kk-4,,Empty,から,,\n"
    );
    let problems = core
        .import_places(bad.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{found:?}");
    assert!(found[0].starts_with("line 4, district_ja"), "{found:?}");
    let taken = format!(
        "{HEADER}kokura-kita,小倉北区,Kokura Kita Ward,kk-3,三郎丸,Saburomaru,さぶろうまる,,\n\
         kokura-kita,小倉北区,Kokura Kita Ward,kmn-numa,沼,Numa,ぬま,,\n"
    );
    let problems = core
        .import_places(taken.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("line 3, district_code")
            && found[0].contains("kitakyushu-kokuraminami"),
        "a code of another ward: {found:?}"
    );
    let kita = store.ward_ids().await.unwrap()[1];
    assert_eq!(
        store.districts(kita).await.unwrap().len(),
        2,
        "nothing imported"
    );
}

#[tokio::test]
async fn places_import_on_sqlite() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    story(&store, db.url.clone()).await;
    db.cleanup(&store).await;
}

#[tokio::test]
async fn places_import_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.store().await;
    story(&store, db.url.clone()).await;
    db.cleanup(&store).await;
}
