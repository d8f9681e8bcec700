//! A group's fields as proposed or edited, each checked, and what the directory is asked for.

use super::*;

/// A group as proposed or edited: every field checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFields {
    /// The name (1–60 characters).
    pub name: String,
    /// What sort of group.
    pub kind: GroupKind,
    /// What it does (1–2000 characters).
    pub description: String,
    /// Where it meets (often a community centre); may be empty.
    pub meeting_place: String,
    /// When it meets (「毎週水曜 10時〜12時」); may be empty.
    pub meeting_times: String,
    /// How to get in touch.
    pub contact_policy: ContactPolicy,
    /// The contact itself (a phone number, an address, a web page); required unless through
    /// the centre.
    pub contact: String,
    /// The districts it is active in (at least one).
    pub districts: Vec<i64>,
    /// Interest tags, trimmed, without repeats.
    pub tags: Vec<String>,
}

/// Splits typed tags at commas (ASCII or Japanese), ideographic or plain spaces; trims, drops
/// a leading `#`, keeps the first of repeats.
pub fn split_tags(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in input
        .split([',', '、', '，', ' ', '\u{3000}', '\n', '#', '＃'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A text field of at most `max` characters, trimmed, without control characters (newlines are
/// allowed where `multiline`).
pub(crate) fn text_field(
    values: &FormValues,
    name: &str,
    max: usize,
    required: bool,
    multiline: bool,
    errors: &mut FieldErrors,
) -> String {
    let text = values
        .first(name)
        .unwrap_or_default()
        .trim()
        .replace("\r\n", "\n");
    if text.is_empty() {
        if required {
            errors.push(name, FieldError::Required);
        }
    } else if text.chars().count() > max {
        errors.push(name, FieldError::TooLong { max: max as u32 });
    } else if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        errors.push(name, FieldError::Invalid);
    }
    text
}

impl GroupFields {
    /// Reads the proposal (or edit) form: `name`, `kind`, `description`, `meeting_place`,
    /// `meeting_times`, `contact_policy`, `contact`, `district` (repeated) and `tags`. `districts` are the
    /// ward's district ids; any other is refused.
    pub fn from_form(values: &FormValues, districts: &[i64]) -> Result<GroupFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = text_field(values, "name", MAX_NAME_CHARS, true, false, &mut errors);
        let kind = match values.first("kind").filter(|k| !k.is_empty()) {
            None => {
                errors.push("kind", FieldError::Required);
                None
            }
            Some(k) => GroupKind::parse(k).or_else(|| {
                errors.push("kind", FieldError::UnknownOption);
                None
            }),
        };
        let description = text_field(
            values,
            "description",
            MAX_DESCRIPTION_CHARS,
            true,
            true,
            &mut errors,
        );
        let meeting_place = text_field(
            values,
            "meeting_place",
            MAX_PLACE_CHARS,
            false,
            false,
            &mut errors,
        );
        let meeting_times = text_field(
            values,
            "meeting_times",
            MAX_PLACE_CHARS,
            false,
            false,
            &mut errors,
        );
        let contact_policy = match values.first("contact_policy").filter(|p| !p.is_empty()) {
            None => Some(ContactPolicy::Centre),
            Some(p) => ContactPolicy::parse(p).or_else(|| {
                errors.push("contact_policy", FieldError::UnknownOption);
                None
            }),
        };
        let needs_contact = contact_policy.is_some_and(|p| p != ContactPolicy::Centre);
        let mut contact = text_field(
            values,
            "contact",
            MAX_PLACE_CHARS,
            needs_contact,
            true,
            &mut errors,
        );
        if !needs_contact {
            contact.clear();
        }
        let mut chosen: Vec<i64> = Vec::new();
        for d in values.all("district").filter(|d| !d.is_empty()) {
            match d.parse::<i64>().ok().filter(|id| districts.contains(id)) {
                Some(id) if !chosen.contains(&id) => chosen.push(id),
                Some(_) => {}
                None => errors.push("district", FieldError::UnknownOption),
            }
        }
        if chosen.is_empty() && errors.get("district").is_none() {
            errors.push("district", FieldError::Required);
        }
        chosen.sort_unstable();
        let tags = split_tags(values.first("tags").unwrap_or_default());
        if tags.len() > MAX_TAGS {
            errors.push(
                "tags",
                FieldError::TooManyChoices {
                    max: MAX_TAGS as u16,
                },
            );
        } else if tags.iter().any(|t| t.chars().count() > MAX_TAG_CHARS) {
            errors.push(
                "tags",
                FieldError::TooLong {
                    max: MAX_TAG_CHARS as u32,
                },
            );
        } else if tags.iter().any(|t| t.chars().any(char::is_control)) {
            errors.push("tags", FieldError::Invalid);
        }
        match (kind, contact_policy) {
            (Some(kind), Some(contact_policy)) if errors.is_empty() => Ok(GroupFields {
                name,
                kind,
                description,
                meeting_place,
                meeting_times,
                contact_policy,
                contact,
                districts: chosen,
                tags,
            }),
            _ => Err(errors),
        }
    }
}

/// What the directory is asked for: `district`, `kind`, `tag`, `q` (substring search in names,
/// descriptions, places, meeting times and tags).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// Only groups active in this district.
    pub district: Option<i64>,
    /// Only groups of this kind.
    pub kind: Option<GroupKind>,
    /// Only groups with this tag.
    pub tag: Option<String>,
    /// Text to look for (empty: everything).
    pub search: String,
}

impl DirectoryQuery {
    /// Reads the directory's query string; unknown or empty values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> DirectoryQuery {
        let mut query = DirectoryQuery::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "district" => query.district = value.parse().ok(),
                "kind" => query.kind = GroupKind::parse(value),
                "tag" => query.tag = Some(value.chars().take(MAX_TAG_CHARS).collect()),
                "q" => query.search = value.chars().take(MAX_SEARCH_CHARS).collect(),
                _ => {}
            }
        }
        query
    }

    /// The query's pairs (only those set), for links; read back by [`DirectoryQuery::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(d) = self.district {
            pairs.push(("district", d.to_string()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().to_string()));
        }
        if let Some(t) = &self.tag {
            pairs.push(("tag", t.clone()));
        }
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        pairs
    }

    /// Whether anything narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.district.is_some()
            || self.kind.is_some()
            || self.tag.is_some()
            || !self.search.is_empty()
    }
}
