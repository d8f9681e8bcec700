//! Demo data of the liaison log: three departments with the demo staff in them, and a few
//! local matters at different stages (a resident's report being dealt with, good news shared
//! and on the public list, a resolved one, an overdue long-term issue), made through the same
//! rules as the pages use, without queueing any mail.

use super::{DEMO_OPERATOR_EMAIL, DEMO_RESIDENT_EMAIL, DEMO_STAFF_EMAIL};
use crate::Core;
use crate::error::Result;
use chrono::Utc;
use shared::answer::FormValues;
use shared::views::CurrentUser;

/// The ward's departments in the demo (名前, the demo staff member in it).
const DEPARTMENTS: [(&str, Option<&str>); 3] = [
    ("コミュニティ支援課", Some(DEMO_STAFF_EMAIL)),
    (
        "保健福祉課（区社会福祉協議会を含む）",
        Some(DEMO_OPERATOR_EMAIL),
    ),
    ("まちづくり整備課", None),
];

async fn person(services: &Core, email: &str) -> Result<Option<CurrentUser>> {
    match services.store.credentials(email).await? {
        Some(c) => services.store.user_by_id(c.user_id).await,
        None => Ok(None),
    }
}

/// Seeds the log once (nothing when the ward has departments already).
pub(super) async fn seed_matters(services: &Core, ward: i64) -> Result<()> {
    let store = &services.store;
    if !store.departments(ward).await?.is_empty() {
        return Ok(());
    }
    let (Some(staff), Some(resident)) = (
        person(services, DEMO_STAFF_EMAIL).await?,
        person(services, DEMO_RESIDENT_EMAIL).await?,
    ) else {
        return Ok(());
    };
    let now = Utc::now();
    let mut ids = Vec::new();
    for (name, _) in DEPARTMENTS {
        if let Some(id) = store.insert_department(ward, name, None, now).await? {
            ids.push(id);
        }
    }
    let district = |code: &'static str| async move {
        Ok::<_, crate::error::Error>(
            store
                .district_by_code(ward, code)
                .await?
                .map(|d| d.to_string())
                .unwrap_or_default(),
        )
    };
    let home = resident
        .district_id
        .map(|d| d.to_string())
        .unwrap_or(district("kmn-yugawa").await?);
    let form = |pairs: &[(&str, &str)]| FormValues::of(pairs);
    let change = |pairs: &[(&str, &str)]| FormValues::of(pairs);
    // A resident's report, acknowledged and given to まちづくり整備課.
    let light = services
        .report_matter(
            &resident,
            &form(&[
                ("kind", "problem"),
                ("title", "バス停前の街灯が消えています"),
                ("description", "三日ほど前から、夜になっても点きません。バスを待つ間、足元が暗くて危ないです。"),
                ("district", &home),
                ("place", "湯川三丁目バス停の前"),
            ]),
            None,
        )
        .await?;
    services
        .change_matter(
            &staff,
            light,
            &change(&[
                ("action", "status"),
                ("status", "acknowledged"),
                ("note", "現地を確認します。"),
            ]),
        )
        .await?;
    if let Some(works) = ids.get(2) {
        services
            .change_matter(
                &staff,
                light,
                &change(&[("action", "assign"), ("department", &works.to_string())]),
            )
            .await?;
    }
    // Good news, shared with the district and on the public list.
    let kitagata = district("kmn-kitagata").await?;
    let news = services
        .report_matter(
            &staff,
            &form(&[
                ("kind", "good_news"),
                ("title", "中学生が桜並木の清掃に参加しました"),
                ("description", "北方の桜並木の清掃に、近くの中学校の生徒30人が自分たちから参加しました。自治会の方々から感謝の声が届いています。"),
                ("district", &kitagata),
            ]),
            None,
        )
        .await?;
    for pairs in [
        &[("action", "share"), ("shared", "1")][..],
        &[
            ("action", "status"),
            ("status", "shared"),
            ("note", "連絡会議で共有しました。"),
        ][..],
        &[
            ("action", "publish"),
            ("published", "1"),
            (
                "public_note",
                "北方の桜並木の清掃に中学生30人が参加しました。地域のみなさんと一緒に、これからも続けていきます。",
            ),
        ][..],
    ] {
        services.change_matter(&staff, news, &change(pairs)).await?;
    }
    // A long-term issue for 保健福祉課, its follow-up date passed.
    let watch = services
        .report_matter(
            &staff,
            &form(&[
                ("kind", "request"),
                ("title", "一人暮らしの高齢者の見守りを増やしてほしい"),
                (
                    "description",
                    "民生委員の方から、団地で一人暮らしの高齢者が増えているとの相談がありました。",
                ),
                ("district", &kitagata),
                (
                    "follow_up_on",
                    &(crate::matters::today() - chrono::TimeDelta::days(3))
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
            ]),
            None,
        )
        .await?;
    if let Some(welfare) = ids.get(1) {
        services
            .change_matter(
                &staff,
                watch,
                &change(&[("action", "assign"), ("department", &welfare.to_string())]),
            )
            .await?;
    }
    services
        .change_matter(
            &staff,
            watch,
            &change(&[
                ("action", "status"),
                ("status", "in_progress"),
                ("note", "区社協と見守りの体制を話し合います。"),
            ]),
        )
        .await?;
    // A resolved matter, on the public list (logged by staff: the demo sends no mail).
    let bench = services
        .report_matter(
            &staff,
            &form(&[
                ("kind", "problem"),
                ("title", "公園のベンチが壊れています"),
                ("description", "座る板が一枚割れていて、けがをしそうです。"),
                ("district", &home),
                ("place", "近所の公園"),
            ]),
            None,
        )
        .await?;
    for pairs in [
        &[
            ("action", "status"),
            ("status", "resolved"),
            ("note", "ベンチの板を取り替えました。"),
        ][..],
        &[
            ("action", "publish"),
            ("published", "1"),
            ("public_note", "公園のベンチの割れた板を取り替えました。"),
        ][..],
    ] {
        services
            .change_matter(&staff, bench, &change(pairs))
            .await?;
    }
    // The demo staff join their departments last, so that the demo queues no mail to them.
    for ((_, member), id) in DEPARTMENTS.iter().zip(&ids) {
        if let Some(email) = member
            && let Some(who) = person(services, email).await?
        {
            store.set_department_member(*id, who.id, true).await?;
        }
    }
    Ok(())
}
