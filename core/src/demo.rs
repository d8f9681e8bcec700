//! Demo data: Kokura Minami ward's school districts, a few community centres, a staff account
//! and the community-centre survey, so a new installation has something real to show.
//!
//! Everything here is ordinary data; another ward replaces it through the admin pages (or its
//! own seed), never by changing code.

mod matters;

use crate::Core;
use crate::db::NewDistrict;
use crate::error::Result;
use crate::places::easy_name;
use chrono::{Duration, FixedOffset, TimeZone, Utc};
use shared::account::Role;
use shared::survey::{ResponsePolicy, SurveyDefinition, SurveyStatus, Text};
use shared::template::Template;
use shared::views::CurrentUser;

/// The demo staff account's e-mail address.
pub const DEMO_STAFF_EMAIL: &str = "staff@demo.yoriai.jp";
/// The demo staff account's password. Demo installations only: it is printed at start-up.
pub const DEMO_STAFF_PASSWORD: &str = "yoriai-demo-2026";
/// A second demo staff account, to try double entry of paper answers (same password).
pub const DEMO_OPERATOR_EMAIL: &str = "operator@demo.yoriai.jp";
/// The demo ward's administrator (people, invitations; same password).
pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.yoriai.jp";
/// The slug of the demo community-centre survey.
pub const DEMO_SURVEY_SLUG: &str = "shimin-center-2026";
/// The slug of a demo survey that has closed.
pub const DEMO_CLOSED_SLUG: &str = "natsumatsuri-2025";
/// The slug of the demo survey that takes one answer per device.
pub const DEMO_DEVICE_SLUG: &str = "nichiyou-trial-2026";
/// The slug of the demo survey that takes one answer per invitation code (the model district).
pub const DEMO_CODE_SLUG: &str = "kitagata-model-2026";
/// The slug of the demo survey that takes one answer per signed-in resident.
pub const DEMO_RESIDENT_SLUG: &str = "chiiki-circle-2026";
/// The demo resident account's e-mail address (same password as the staff account).
pub const DEMO_RESIDENT_EMAIL: &str = "resident@demo.yoriai.jp";
/// A neighbourhood-council member reviewing the demo draft (same password as staff).
pub const DEMO_COUNCIL_EMAIL: &str = "council@demo.yoriai.jp";
/// A resident who organises the demo groups (same password as staff).
pub const DEMO_ORGANISER_EMAIL: &str = "organiser@demo.yoriai.jp";
/// The director of Kitagata community centre, the hub of its district's network (same
/// password as staff).
pub const DEMO_DIRECTOR_EMAIL: &str = "director@demo.yoriai.jp";
/// The demo draft in review by the council.
pub const DEMO_DRAFT_SLUG: &str = "kyoudou-sekkei-2027";

/// The demo invitation codes of the model-district survey. Fixed so that a demo can be
/// followed from a printed page; real codes are random (`Core::create_codes`).
pub fn demo_codes() -> Vec<String> {
    (1u8..=5)
        .filter_map(|i| {
            shared::invitation::code_from_bytes(&[
                i,
                i * 7,
                i * 13,
                i * 29,
                i * 3,
                i * 11,
                i * 17,
                i * 23,
            ])
        })
        .collect()
}

/// A short one-screen survey for the policy demos: did you try it, and how was it.
fn trial_survey() -> Result<SurveyDefinition> {
    let json = r#"{"sections":[{"id":"trial","title":{"ja":"日曜開館の試行について","en":"The Sunday opening trial","easy":"{日曜日|にちようび}に {開|あ}けた {試|ため}しに ついて"},
      "questions":[
        {"id":"went","label":{"ja":"日曜開館の試行日に市民センターへ行きましたか。","en":"Did you go to the centre on a trial Sunday?","easy":"ためしに {開|あ}けた {日曜日|にちようび}に、{市民|しみん}センターへ {行|い}きましたか。"},
         "required":true,"kind":"yes_no"},
        {"id":"stars","label":{"ja":"行ってみていかがでしたか。","en":"How was it?","easy":"どうでしたか。"},
         "required":true,"kind":{"stars":{"max":5}},
         "show_if":{"equals":{"question":"went","value":"yes"}}},
        {"id":"why_not","label":{"ja":"行かなかった理由があれば教えてください。","en":"If you did not go, why not?","easy":"{行|い}かなかった {理由|りゆう}を {教|おし}えてください。"},
         "kind":{"text":{"max_len":400,"multiline":true}},
         "show_if":{"equals":{"question":"went","value":"no"}}}
      ]}]}"#;
    Ok(SurveyDefinition::parse_json(json)?)
}

/// School districts (小学校区) of Kokura Minami ward, in the ward's order: code, Japanese
/// name, English name, reading (for furigana in easy Japanese).
const DISTRICTS: &[(&str, &str, &str, &str)] = &[
    ("kmn-kitagata", "北方", "Kitagata", "きたがた"),
    ("kmn-yugawa", "湯川", "Yugawa", "ゆがわ"),
    ("kmn-kikugaoka", "企救丘", "Kikugaoka", "きくがおか"),
    ("kmn-moritsune", "守恒", "Moritsune", "もりつね"),
    ("kmn-tokuriki", "徳力", "Tokuriki", "とくりき"),
    ("kmn-numa", "沼", "Numa", "ぬま"),
    ("kmn-sone", "曽根", "Sone", "そね"),
    ("kmn-kusami", "朽網", "Kusami", "くさみ"),
    (
        "kmn-higashikusami",
        "東朽網",
        "Higashi-Kusami",
        "ひがしくさみ",
    ),
    ("kmn-kuzuhara", "葛原", "Kuzuhara", "くずはら"),
    ("kmn-nagao", "長尾", "Nagao", "ながお"),
    ("kmn-shii", "志井", "Shii", "しい"),
    ("kmn-yoshida", "吉田", "Yoshida", "よしだ"),
    ("kmn-yokoshiro", "横代", "Yokoshiro", "よこしろ"),
];

/// The districts as the template's district question lists them.
fn district_choices() -> Vec<(String, Text)> {
    DISTRICTS
        .iter()
        .map(|(code, ja, en, reading)| {
            let name = Text::all(*ja, *en, easy_name(ja, reading));
            ((*code).to_string(), name)
        })
        .collect()
}

/// The built-in community-centre template (policy B-1) with Kokura Minami's districts.
pub fn community_centre_template() -> Result<Template> {
    Ok(shared::template::community_centre(&district_choices())?)
}

/// The questions of the demo community-centre survey.
pub fn community_centre_survey() -> Result<SurveyDefinition> {
    Ok(community_centre_template()?.definition)
}

/// 23:59 Japan time on the day of `at`, as the ward would announce a deadline.
fn end_of_day_in_japan(at: chrono::DateTime<Utc>) -> Option<chrono::DateTime<Utc>> {
    let jst = FixedOffset::east_opt(9 * 3600)?;
    let day = at.with_timezone(&jst).date_naive();
    let local = day.and_hms_opt(23, 59, 0)?;
    jst.from_local_datetime(&local)
        .single()
        .map(|d| d.with_timezone(&Utc))
}

/// Loads the demo data and marks the installation as the demo. Safe to run twice: existing
/// rows are kept or renamed, not duplicated. Refused for a database with real accounts
/// ([`Core::may_load_demo`]).
pub async fn seed(services: &Core) -> Result<()> {
    services.become_demo().await?;
    let store = &services.store;
    let now = Utc::now();
    let ward = store
        .upsert_ward("kitakyushu-kokuraminami", "小倉南区", "Kokura Minami Ward")
        .await?;
    for (position, (code, ja, en, reading)) in (0..).zip(DISTRICTS) {
        let easy = easy_name(ja, reading);
        let district = NewDistrict {
            code,
            name_ja: ja,
            name_en: en,
            name_easy: Some(&easy),
            position,
        };
        let district = store.upsert_district(ward, &district).await?;
        store
            .upsert_centre(
                district,
                &format!("{ja}市民センター"),
                &format!("{en} Community Centre"),
            )
            .await?;
    }
    if store.credentials(DEMO_STAFF_EMAIL).await?.is_none() {
        services
            .create_user(
                DEMO_STAFF_EMAIL,
                "小倉 花子（区役所）",
                DEMO_STAFF_PASSWORD,
                Role::Staff,
                Some(ward),
            )
            .await?;
    }
    if store.credentials(DEMO_OPERATOR_EMAIL).await?.is_none() {
        services
            .create_user(
                DEMO_OPERATOR_EMAIL,
                "門司 次郎（入力担当）",
                DEMO_STAFF_PASSWORD,
                Role::Staff,
                Some(ward),
            )
            .await?;
    }
    if store.credentials(DEMO_ADMIN_EMAIL).await?.is_none() {
        services
            .create_user(
                DEMO_ADMIN_EMAIL,
                "八幡 健（小倉南区 管理者）",
                DEMO_STAFF_PASSWORD,
                Role::Admin,
                Some(ward),
            )
            .await?;
    }
    if store.survey_by_slug(DEMO_SURVEY_SLUG).await?.is_none() {
        let template = community_centre_template()?;
        let id = store
            .create_survey(
                &crate::db::NewSurvey {
                    ward_id: ward,
                    slug: DEMO_SURVEY_SLUG.into(),
                    title: template.title,
                    intro: template.intro,
                    status: SurveyStatus::Open,
                    definition: template.definition,
                    policy: ResponsePolicy::Open,
                    opens_at: None,
                    closes_at: end_of_day_in_japan(now + Duration::days(60)),
                    created_by: None,
                },
                now,
            )
            .await?;
        store.publish_version(id, None, now).await?;
    }
    if store.credentials(DEMO_RESIDENT_EMAIL).await?.is_none() {
        services
            .create_user(
                DEMO_RESIDENT_EMAIL,
                "北方 ゆい",
                DEMO_STAFF_PASSWORD,
                Role::Resident,
                Some(ward),
            )
            .await?;
    }
    let closes = end_of_day_in_japan(now + Duration::days(60));
    let policy_demos = [
        (
            DEMO_DEVICE_SLUG,
            Text::all(
                "日曜開館の試行についてのアンケート（1台1回）",
                "The Sunday opening trial (one answer per device)",
                "{日曜日|にちようび}に {開|あ}けた {試|ため}しに ついての アンケート",
            ),
            ResponsePolicy::Device,
            trial_survey()?,
        ),
        (
            DEMO_RESIDENT_SLUG,
            Text::all(
                "地域のサークル活動についてのアンケート（区民アカウント）",
                "Local circles (for signed-in residents)",
                "{地域|ちいき}の サークルに ついての アンケート",
            ),
            ResponsePolicy::Resident,
            trial_survey()?,
        ),
        (
            DEMO_CODE_SLUG,
            Text::all(
                "北方校区モデル事業アンケート（招待コード）",
                "Kitagata model district survey (invitation code)",
                "{北方|きたがた}の アンケート（しょうたい コード）",
            ),
            ResponsePolicy::Code,
            community_centre_survey()?,
        ),
    ];
    for (slug, title, policy, definition) in policy_demos {
        if store.survey_by_slug(slug).await?.is_some() {
            continue;
        }
        let id = store
            .create_survey(
                &crate::db::NewSurvey {
                    ward_id: ward,
                    slug: slug.into(),
                    title,
                    intro: Text::all(
                        "応答ポリシーのデモです。",
                        "A demonstration of a response policy.",
                        "ためしの アンケートです。",
                    ),
                    status: SurveyStatus::Open,
                    definition,
                    policy,
                    opens_at: None,
                    closes_at: closes,
                    created_by: None,
                },
                now,
            )
            .await?;
        store.publish_version(id, None, now).await?;
        if policy == ResponsePolicy::Code {
            let kitagata = store.district_by_code(ward, "kmn-kitagata").await?;
            store.create_codes(id, &demo_codes(), kitagata, now).await?;
        }
    }
    if store.survey_by_slug(DEMO_CLOSED_SLUG).await?.is_none() {
        let id = store
            .create_survey(
                &crate::db::NewSurvey {
                    ward_id: ward,
                    slug: DEMO_CLOSED_SLUG.into(),
                    title: Text::ja_en("夏祭りふりかえりアンケート", "Summer festival feedback"),
                    intro: Text::ja_en("ご協力ありがとうございました。", "Thank you."),
                    status: SurveyStatus::Closed,
                    definition: community_centre_survey()?,
                    policy: ResponsePolicy::Open,
                    opens_at: None,
                    closes_at: None,
                    created_by: None,
                },
                now,
            )
            .await?;
        store.publish_version(id, None, now).await?;
    }
    seed_codesign(services, ward).await?;
    seed_networks(services, ward).await?;
    matters::seed_matters(services, ward).await?;
    store
        .audit(None, "seed_demo", "demo data loaded", now)
        .await?;
    Ok(())
}

/// How many synthetic responses the closed demo survey gets, so that the results pages have
/// something to show.
pub const DEMO_RESULTS_RESPONSES: u64 = 1_000;

/// Gives the closed demo survey its synthetic responses, once (for `serve --demo` and
/// `seed-demo`; the tests' demo data stays without them). Returns the survey's id.
pub async fn seed_results(services: &Core) -> Result<Option<i64>> {
    let Some(survey) = services.store.survey_by_slug(DEMO_CLOSED_SLUG).await? else {
        return Ok(None);
    };
    if survey.response_count == 0 {
        crate::seed::seed_responses(services, DEMO_CLOSED_SLUG, DEMO_RESULTS_RESPONSES, 2025, 45)
            .await?;
    }
    Ok(Some(survey.id))
}

/// A draft of next year's survey in review by a council member, with a comment and a
/// suggestion waiting for staff.
async fn seed_codesign(services: &Core, ward: i64) -> Result<()> {
    let store = &services.store;
    if store.survey_by_slug(DEMO_DRAFT_SLUG).await?.is_some() {
        return Ok(());
    }
    let as_user = |id: i64, name: &str, role: Role, district: Option<i64>| CurrentUser {
        id,
        display_name: name.to_string(),
        role,
        ward_id: Some(ward),
        district_id: district,
    };
    let Some(staff) = store.credentials(DEMO_STAFF_EMAIL).await? else {
        return Ok(());
    };
    let staff = as_user(staff.user_id, "", Role::Staff, None);
    let id = services
        .create_draft_survey(
            &staff,
            DEMO_DRAFT_SLUG,
            "市民センターについてのアンケート（2027年度案）",
            crate::surveys::builder::Start::CommunityCentre,
        )
        .await?;
    let Some(district) = store.districts(ward).await?.first().map(|d| d.id) else {
        return Ok(());
    };
    let council = match store.user_by_email(DEMO_COUNCIL_EMAIL).await? {
        Some(_) => return Ok(()),
        None => {
            let token = services
                .invite_reviewer(&staff, id, DEMO_COUNCIL_EMAIL, Some(district))
                .await?;
            let (signed_in, _) = services
                .accept_invitation(
                    &token,
                    "曽根 一郎（まちづくり協議会）",
                    DEMO_STAFF_PASSWORD,
                    "demo",
                )
                .await?;
            services.sign_out(&signed_in.token).await?;
            as_user(signed_in.user_id, "", Role::Council, Some(district))
        }
    };
    services.set_review(&staff, id, true).await?;
    services
        .comment(
            &council,
            id,
            "use_freq",
            None,
            "「ほぼ毎週」より「週に1回以上」の方が高齢の方に分かりやすいと思います。",
        )
        .await?;
    let Some(times) = store
        .survey_by_id(id)
        .await?
        .and_then(|s| s.definition.question("times").map(|q| q.label.ja.clone()))
    else {
        return Ok(());
    };
    let form = shared::answer::FormValues(vec![
        ("change".into(), "reword".into()),
        ("label".into(), times),
        (
            "options".into(),
            "平日の午前\n平日の午後\n平日の夜\n土曜日\n日曜日・祝日\n土日の夜".into(),
        ),
        (
            "note".into(),
            "仕事帰りや週末の夜に使いたい人が多いです。".into(),
        ),
    ]);
    services.suggest(&council, id, "times", &form).await?;
    Ok(())
}

/// One demo group, as its organiser would fill in the proposal form.
struct DemoGroup {
    name: &'static str,
    kind: &'static str,
    districts: &'static [&'static str],
    tags: &'static str,
    place: &'static str,
    times: &'static str,
    policy: &'static str,
    contact: &'static str,
    description: &'static str,
}

/// The demo groups. All approved (verified) except the last, which waits for a decision.
const DEMO_GROUPS: &[DemoGroup] = &[
    DemoGroup {
        name: "北方ママパパの会",
        kind: "circle",
        districts: &["kmn-kitagata"],
        tags: "子育て、公園、日曜",
        place: "北方市民センター 和室",
        times: "月2回 日曜 10時〜12時（公園）、第1・第3水曜 10時〜（市民センター）",
        policy: "members",
        contact: "kitagata.mamapapa@example.jp",
        description: "未就学児の親子で月2回集まっています。日曜の午前は公園遊び、平日は市民センターでおしゃべり会。途中参加・見学歓迎です。",
    },
    DemoGroup {
        name: "守恒ゆるラン部",
        kind: "club",
        districts: &["kmn-moritsune", "kmn-tokuriki"],
        tags: "ランニング、健康、日曜",
        place: "守恒市民センター前 集合",
        times: "毎週日曜 7時〜8時",
        policy: "public",
        contact: "毎週日曜 7:00 集合（雨天中止）",
        description: "走るのが初めての人も大丈夫。5kmを自分のペースで走ります。終わったら市民センターでストレッチ。",
    },
    DemoGroup {
        name: "ペットショップ ポチ 企救丘店",
        kind: "business",
        districts: &["kmn-kikugaoka"],
        tags: "犬、ペット、散歩",
        place: "企救丘2丁目",
        times: "しつけ相談会 毎月第3土曜 14時〜",
        policy: "public",
        contact: "093-000-0000",
        description: "地域の犬の飼い主さんの集まりを応援しています。しつけ相談会を月1回開いています。",
    },
    DemoGroup {
        name: "湯川こども食堂",
        kind: "volunteer",
        districts: &["kmn-yugawa"],
        tags: "子育て、食事、ボランティア",
        place: "湯川市民センター 調理室",
        times: "毎月第2・第4土曜 16時〜19時",
        policy: "centre",
        contact: "",
        description: "毎月第2・第4土曜に、地域の子どもたちと夕ご飯を作って食べます。調理のボランティアも募集中です。",
    },
    DemoGroup {
        name: "北方商店会",
        kind: "business",
        districts: &["kmn-kitagata"],
        tags: "商店、買い物、夏祭り",
        place: "北方商店街",
        times: "月1回 第1火曜 19時〜（会合）",
        policy: "public",
        contact: "北方商店会事務局 093-000-0001",
        description: "北方の商店街のお店の集まりです。夏祭りや年末の大売り出しを市民センターと一緒に企画しています。",
    },
    DemoGroup {
        name: "沼の歴史を歩く会",
        kind: "circle",
        districts: &["kmn-numa"],
        tags: "歴史、散歩",
        place: "沼市民センター",
        times: "年4回 土曜の午前",
        policy: "centre",
        contact: "",
        description: "沼校区の古い道や石碑をたずねて歩きます。",
    },
];

/// A director for Kitagata community centre, a resident who organises the demo groups, and the
/// groups themselves (see [`DEMO_GROUPS`]).
async fn seed_networks(services: &Core, ward: i64) -> Result<()> {
    let store = &services.store;
    if store.credentials(DEMO_ORGANISER_EMAIL).await?.is_some() {
        return Ok(());
    }
    let now = Utc::now();
    let organiser = services
        .create_user(
            DEMO_ORGANISER_EMAIL,
            "企救丘 ひろし",
            DEMO_STAFF_PASSWORD,
            Role::Resident,
            Some(ward),
        )
        .await?;
    let director = services
        .create_user(
            DEMO_DIRECTOR_EMAIL,
            "北方 和子（北方市民センター館長）",
            DEMO_STAFF_PASSWORD,
            Role::Resident,
            Some(ward),
        )
        .await?;
    if let Some(kitagata) = store.district_by_code(ward, "kmn-kitagata").await?
        && let Some(centre) = store.centre_of(kitagata).await?
    {
        store.add_director(centre, director).await?;
    }
    let staff = store
        .credentials(DEMO_STAFF_EMAIL)
        .await?
        .map(|c| c.user_id)
        .unwrap_or(organiser);
    let last = DEMO_GROUPS.len() - 1;
    for (n, group) in DEMO_GROUPS.iter().enumerate() {
        let mut districts = Vec::new();
        for code in group.districts {
            if let Some(id) = store.district_by_code(ward, code).await? {
                districts.push(id);
            }
        }
        let fields = shared::network::GroupFields {
            name: group.name.to_string(),
            kind: shared::network::GroupKind::parse(group.kind)
                .unwrap_or(shared::network::GroupKind::Other),
            description: group.description.to_string(),
            meeting_place: group.place.to_string(),
            meeting_times: group.times.to_string(),
            contact_policy: shared::network::ContactPolicy::parse(group.policy)
                .unwrap_or(shared::network::ContactPolicy::Centre),
            contact: group.contact.to_string(),
            districts,
            tags: shared::network::split_tags(group.tags),
        };
        let id = store.create_group(ward, &fields, organiser, now).await?;
        if n != last {
            store.decide_group(id, true, staff, "", now).await?;
        }
        if n == 0 {
            seed_event(services, id, organiser).await?;
        }
    }
    Ok(())
}

/// A Sunday morning event of the parents' circle, the first Sunday at least three days ahead.
async fn seed_event(services: &Core, group: i64, organiser: i64) -> Result<()> {
    use chrono::{Datelike, Weekday};
    let now = Utc::now();
    let mut day = (now + Duration::hours(9) + Duration::days(3)).date_naive();
    while day.weekday() != Weekday::Sun {
        day += Duration::days(1);
    }
    let form = shared::answer::FormValues(
        [
            ("kind", "event".to_string()),
            ("title", "日曜の親子公園あそび".to_string()),
            (
                "body",
                "北方中央公園で、シャボン玉と外あそびをします。雨の日は市民センターの和室で。\n飲み物を持ってきてください。"
                    .to_string(),
            ),
            ("date", day.format("%Y-%m-%d").to_string()),
            ("start", "10:00".to_string()),
            ("end", "11:30".to_string()),
            ("place", "北方中央公園（雨天時は北方市民センター和室）".to_string()),
            ("capacity", "15".to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    );
    let post = shared::network::posts::PostFields::from_form(&form, now)
        .map_err(|e| crate::error::Error::Config(format!("demo event: {e:?}")))?;
    services
        .store
        .create_post(group, organiser, &post, now)
        .await?;
    Ok(())
}
