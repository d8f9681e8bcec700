use super::*;

fn form(pairs: &[(&str, &str)]) -> FormValues {
    FormValues::of(pairs)
}

#[test]
fn a_report_is_read_with_its_districts_place_and_point() {
    let fields = MatterFields::from_form(
        &form(&[
            ("title", " 街灯が消えています "),
            (
                "description",
                "湯川三丁目のバス停の前の街灯が\r\n三日前から点きません。",
            ),
            ("kind", "problem"),
            ("district", "2"),
            ("district", "2"),
            ("place", "湯川三丁目バス停"),
            ("lat", "33.85"),
            ("lon", "130.88"),
            ("follow_up_on", "2026-12-20"),
        ]),
        &[1, 2, 3],
        false,
    );
    let Ok(fields) = fields else {
        panic!("{fields:?}")
    };
    assert_eq!(fields.title, "街灯が消えています");
    assert_eq!(
        fields.description,
        "湯川三丁目のバス停の前の街灯が\n三日前から点きません。"
    );
    assert_eq!(fields.kind, MatterKind::Problem);
    assert_eq!(fields.districts, vec![2]);
    assert_eq!(fields.place.as_deref(), Some("湯川三丁目バス停"));
    assert_eq!(fields.point, Some((33.85, 130.88)));
    // A resident sets no follow-up date; staff do.
    assert_eq!(fields.follow_up_on, None);
    let staff = MatterFields::from_form(
        &form(&[
            ("title", "t"),
            ("description", "d"),
            ("kind", "good_news"),
            ("district", "1"),
            ("follow_up_on", "2026-12-20"),
        ]),
        &[1],
        true,
    );
    assert_eq!(
        staff.map(|f| f.follow_up_on),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 20))
    );
}

#[test]
fn a_bad_report_names_each_wrong_field() {
    let long = "あ".repeat(MAX_TITLE_CHARS + 1);
    let Err(errors) = MatterFields::from_form(
        &form(&[
            ("title", &long),
            ("description", "  "),
            ("kind", "gossip"),
            ("district", "9"),
            ("lat", "33.8"),
            ("follow_up_on", "next week"),
        ]),
        &[1, 2],
        true,
    ) else {
        panic!("accepted")
    };
    assert_eq!(
        errors.get("title"),
        Some(&FieldError::TooLong {
            max: MAX_TITLE_CHARS as u32
        })
    );
    assert_eq!(errors.get("description"), Some(&FieldError::Required));
    assert_eq!(errors.get("kind"), Some(&FieldError::UnknownOption));
    assert_eq!(errors.get("district"), Some(&FieldError::UnknownOption));
    assert_eq!(errors.get("point"), Some(&FieldError::Invalid));
    assert_eq!(errors.get("follow_up_on"), Some(&FieldError::Invalid));
    // No district at all is its own error; a point out of range is refused.
    let Err(errors) = MatterFields::from_form(
        &form(&[
            ("title", "t"),
            ("description", "d"),
            ("kind", "request"),
            ("lat", "95"),
            ("lon", "130"),
        ]),
        &[1],
        false,
    ) else {
        panic!("accepted")
    };
    assert_eq!(errors.get("district"), Some(&FieldError::Required));
    assert_eq!(errors.get("point"), Some(&FieldError::Invalid));
}

#[test]
fn names_are_read_back_and_the_filter_goes_to_its_address_and_back() {
    for kind in MatterKind::ALL {
        assert_eq!(MatterKind::parse(kind.as_str()), Some(kind));
    }
    for status in MatterStatus::ALL {
        assert_eq!(MatterStatus::parse(status.as_str()), Some(status));
    }
    for source in MatterSource::ALL {
        assert_eq!(MatterSource::parse(source.as_str()), Some(source));
    }
    for kind in EventKind::ALL {
        assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
    }
    assert!(MatterStatus::InProgress.is_open());
    assert!(!MatterStatus::LongTerm.is_open());
    let filter = MatterFilter::from_query(&form(&[
        ("department", "3"),
        ("district", "x"),
        ("status", "in_progress"),
        ("overdue", "1"),
        ("q", "  街灯 "),
    ]));
    assert_eq!(
        filter,
        MatterFilter {
            department: Some(3),
            district: None,
            status: Some(MatterStatus::InProgress),
            kind: None,
            overdue: true,
            q: Some("街灯".into()),
        }
    );
    let pairs = filter.to_pairs();
    let again: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(MatterFilter::from_query(&form(&again)), filter);
}

#[test]
fn a_correction_names_only_the_fields_that_changed() {
    let before = MatterFields {
        title: "街灯が消えている 山田".into(),
        description: "夜道が暗い".into(),
        kind: MatterKind::Information,
        districts: vec![2, 1],
        place: None,
        point: Some((33.8, 130.9)),
        follow_up_on: None,
    };
    let same_districts_other_order = MatterFields {
        districts: vec![1, 2],
        point: None,
        ..before.clone()
    };
    assert!(EditedField::changed(&before, &same_districts_other_order).is_empty());
    let after = MatterFields {
        title: "街灯が消えている".into(),
        kind: MatterKind::Problem,
        districts: vec![1],
        place: Some("湯川三丁目".into()),
        ..before.clone()
    };
    let changed = EditedField::changed(&before, &after);
    assert_eq!(
        changed,
        vec![
            EditedField::Kind,
            EditedField::Title,
            EditedField::Districts,
            EditedField::Place
        ]
    );
    let stored = changed
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(stored, "kind,title,districts,place");
    assert_eq!(EditedField::parse_list(&stored), changed);
    assert_eq!(
        EditedField::parse_list("title,unknown,place"),
        vec![EditedField::Title, EditedField::Place]
    );
}
