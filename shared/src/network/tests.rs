use super::*;

fn form(pairs: &[(&str, &str)]) -> FormValues {
    FormValues::of(pairs)
}

#[test]
fn a_complete_proposal_is_read_with_tags_split_and_districts_checked() {
    let fields = GroupFields::from_form(
        &form(&[
            ("name", "  南ヶ丘 子育てサークル "),
            ("kind", "circle"),
            ("description", "毎週日曜に\r\n集まります。"),
            ("meeting_place", "南ヶ丘市民センター"),
            ("contact_policy", "members"),
            ("contact", "090-0000-0000"),
            ("district", "3"),
            ("district", "1"),
            ("district", "3"),
            ("tags", "子育て、#日曜 公園,子育て"),
        ]),
        &[1, 2, 3],
    )
    .unwrap();
    assert_eq!(fields.name, "南ヶ丘 子育てサークル");
    assert_eq!(fields.kind, GroupKind::Circle);
    assert_eq!(fields.description, "毎週日曜に\n集まります。");
    assert_eq!(fields.districts, vec![1, 3]);
    assert_eq!(fields.tags, vec!["子育て", "日曜", "公園"]);
    assert_eq!(fields.contact, "090-0000-0000");
}

#[test]
fn every_problem_is_named_by_field() {
    let errors = GroupFields::from_form(
        &form(&[
            ("name", &"あ".repeat(61)),
            ("kind", "cult"),
            ("description", ""),
            ("contact_policy", "public"),
            ("district", "9"),
            ("tags", &"t ".repeat(11)),
        ]),
        &[1, 2],
    )
    .unwrap_err();
    assert_eq!(errors.get("name"), Some(&FieldError::TooLong { max: 60 }));
    assert_eq!(errors.get("kind"), Some(&FieldError::UnknownOption));
    assert_eq!(errors.get("description"), Some(&FieldError::Required));
    assert_eq!(errors.get("contact"), Some(&FieldError::Required));
    assert_eq!(errors.get("district"), Some(&FieldError::UnknownOption));
    // Repeats collapse: "t" eleven times is one tag, so no error for tags.
    assert_eq!(errors.get("tags"), None);
    let too_many =
        GroupFields::from_form(&form(&[("tags", "a b c d e f g h i j k")]), &[1]).unwrap_err();
    assert_eq!(
        too_many.get("tags"),
        Some(&FieldError::TooManyChoices { max: 10 })
    );
    assert_eq!(too_many.get("district"), Some(&FieldError::Required));
}

#[test]
fn contact_through_the_centre_keeps_no_contact_text() {
    let fields = GroupFields::from_form(
        &form(&[
            ("name", "ゆるラン部"),
            ("kind", "club"),
            ("description", "走ります"),
            ("contact_policy", "centre"),
            ("contact", "secret@example.jp"),
            ("district", "1"),
        ]),
        &[1],
    )
    .unwrap();
    assert_eq!(fields.contact, "");
    assert!(fields.tags.is_empty());
}

#[test]
fn directory_queries_read_and_write_the_same_string() {
    let query = DirectoryQuery::from_pairs([
        ("district", "2"),
        ("kind", "club"),
        ("tag", "子育て"),
        ("q", " 公園 "),
        ("other", "x"),
    ]);
    assert_eq!(query.district, Some(2));
    assert_eq!(query.kind, Some(GroupKind::Club));
    assert_eq!(query.search, "公園");
    let pairs = query.to_pairs();
    let again = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, query);
    assert!(DirectoryQuery::default().to_pairs().is_empty());
    assert!(!DirectoryQuery::from_pairs([("kind", "nope")]).is_filtered());
}

#[test]
fn contact_policies_read_in_every_language() {
    for policy in ContactPolicy::ALL {
        let ja = policy.label(Lang::Ja);
        let easy = policy.label(Lang::EasyJa);
        let en = policy.label(Lang::En);
        assert!(easy != ja && en != ja && !easy.is_empty(), "{policy:?}");
    }
}
