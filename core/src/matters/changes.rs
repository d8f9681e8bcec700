//! Changing a matter: its status (with a note), comments between departments, departments
//! asked to take part (their staff told by mail), decisions of the meeting under way, the
//! follow-up date, sharing with its districts, the public list, and photos. Only staff of its
//! ward change a matter; each change is in its history and in the audit log.

use super::store::{MatterFlags, MatterRecord, NewEvent};
use super::{Sight, kind_of, status_of};
use crate::Core;
use crate::error::Result;
use crate::mail::templates;
use chrono::Utc;
use shared::answer::FormValues;
use shared::matters::{
    EditedField, EventKind, MAX_PHOTOS, MAX_TEXT_CHARS, MatterFields, MatterStatus, date_field,
    required_text,
};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors, Lang};

/// A single field's error.
fn refused(field: &str, error: FieldError) -> crate::error::Error {
    let mut errors = FieldErrors::default();
    errors.push(field, error);
    ApiError::Validation(errors).into()
}

/// An optional note: trimmed, at most [`MAX_TEXT_CHARS`].
fn note(form: &FormValues, name: &str) -> Result<Option<String>> {
    let text = form
        .first(name)
        .unwrap_or_default()
        .trim()
        .replace("\r\n", "\n");
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(refused(
            name,
            FieldError::TooLong {
                max: MAX_TEXT_CHARS as u32,
            },
        ));
    }
    Ok(Some(text).filter(|t| !t.is_empty()))
}

impl Core {
    /// The matter, for staff of its ward who may change it: `Forbidden` for those who may only
    /// read it, not found for everyone else.
    async fn matter_to_change(&self, user: &CurrentUser, id: i64) -> Result<MatterRecord> {
        match self.matter_sight(user, id).await? {
            (m, Sight::Staff) => Ok(m),
            _ => Err(ApiError::Forbidden.into()),
        }
    }

    /// One change to a matter, as its page's forms post it (`action`: `edit`, `status`,
    /// `comment`, `assign`, `unassign`, `decision`, `follow_up`, `share`, `publish`). Returns
    /// what was done, for the page to say.
    pub async fn change_matter(
        &self,
        user: &CurrentUser,
        id: i64,
        form: &FormValues,
    ) -> Result<&'static str> {
        let m = self.matter_to_change(user, id).await?;
        let now = Utc::now();
        let action = form.first("action").unwrap_or_default();
        // A department asked that has nobody to mail (no staff, no mailbox): said so.
        let mut unmailed = false;
        let detail = match action {
            "edit" => {
                let changed = self.edit_matter(user, &m, form).await?;
                if changed.is_empty() {
                    return Ok("unchanged");
                }
                format!("edit {changed}")
            }
            "status" => {
                let Some(status) = form
                    .first("status")
                    .and_then(MatterStatus::parse)
                    .filter(|s| *s != MatterStatus::New)
                else {
                    return Err(refused("status", FieldError::UnknownOption));
                };
                let note = note(form, "note")?;
                if status == MatterStatus::Resolved && note.is_none() {
                    return Err(refused("note", FieldError::Required));
                }
                if status == status_of(&m)? && note.is_none() {
                    return Ok("unchanged");
                }
                let mut event = NewEvent::by(user.id, EventKind::Status).saying(note.as_deref());
                event.status = Some(status);
                let mail = self.reporter_mail(&m, status).await?;
                self.store
                    .set_matter_status(m.id, status, &event, mail.as_ref(), now)
                    .await?;
                if mail.is_some() {
                    self.mail_queued();
                }
                format!("status {}", status.as_str())
            }
            "comment" => {
                let body =
                    required_text(form, "body", MAX_TEXT_CHARS).map_err(ApiError::Validation)?;
                let event = NewEvent::by(user.id, EventKind::Comment).saying(Some(&body));
                self.store.add_matter_event(m.id, &event, now).await?;
                "comment".to_string()
            }
            "assign" | "unassign" => {
                let departments = self.store.departments(m.ward_id).await?;
                let Some((department, name, _)) = form
                    .first("department")
                    .and_then(|d| d.parse::<i64>().ok())
                    .and_then(|d| departments.into_iter().find(|(id, _, _)| *id == d))
                else {
                    return Err(refused("department", FieldError::UnknownOption));
                };
                let kind = match action {
                    "assign" => EventKind::Assigned,
                    _ => EventKind::Unassigned,
                };
                let mut event = NewEvent::by(user.id, kind);
                event.department = Some(department);
                let changed = if action == "assign" {
                    let mails = self.assignment_mails(&m, department, &name).await?;
                    unmailed = mails.is_empty();
                    self.store
                        .assign_department(m.id, &event, &mails, now)
                        .await?
                } else {
                    self.store.unassign_department(m.id, &event, now).await?
                };
                if changed {
                    self.mail_queued();
                } else {
                    return Ok("unchanged");
                }
                format!("{action} {name}")
            }
            "decision" => {
                let body =
                    required_text(form, "body", MAX_TEXT_CHARS).map_err(ApiError::Validation)?;
                let Some((meeting, _)) = self.current_meeting(m.ward_id).await? else {
                    return Err(ApiError::Conflict.into());
                };
                let mut event = NewEvent::by(user.id, EventKind::Decision).saying(Some(&body));
                event.meeting = Some(meeting);
                self.store.add_matter_event(m.id, &event, now).await?;
                format!("decision at meeting {meeting}")
            }
            "follow_up" | "share" | "publish" => {
                let mut errors = FieldErrors::default();
                let mut flags = MatterFlags {
                    follow_up_on: m.follow_up_on,
                    shared_with_district: m.shared_with_district,
                    published: m.published,
                    public_note: m.public_note.clone(),
                };
                let kind = match action {
                    "follow_up" => {
                        flags.follow_up_on = date_field(form, "follow_up_on", &mut errors);
                        EventKind::FollowUp
                    }
                    "share" => {
                        flags.shared_with_district = form.first("shared") == Some("1");
                        EventKind::Shared
                    }
                    _ => {
                        flags.published = form.first("published") == Some("1");
                        flags.public_note = note(form, "public_note")?;
                        if flags.published && flags.public_note.is_none() {
                            errors.push("public_note", FieldError::Required);
                        }
                        EventKind::Published
                    }
                };
                if !errors.is_empty() {
                    return Err(ApiError::Validation(errors).into());
                }
                let said = match kind {
                    EventKind::FollowUp => flags.follow_up_on.map(|d| d.to_string()),
                    EventKind::Shared => Some(flags.shared_with_district.to_string()),
                    _ => Some(flags.published.to_string()),
                };
                let event = NewEvent::by(user.id, kind).saying(said.as_deref());
                self.store
                    .set_matter_flags(m.id, &flags, &event, now)
                    .await?;
                format!("{action} {}", said.unwrap_or_default())
            }
            _ => return Err(ApiError::BadRequest.into()),
        };
        self.store
            .audit(
                Some(user.id),
                "change_matter",
                &format!("matter {}: {detail}", m.id),
                now,
            )
            .await?;
        Ok(match action {
            "edit" => "edited",
            "status" => "status",
            "comment" => "comment",
            "assign" if unmailed => "assigned_unmailed",
            "assign" => "assigned",
            "unassign" => "unassigned",
            "decision" => "decision",
            "follow_up" => "follow_up",
            "share" => "shared",
            _ => "published",
        })
    }

    /// Corrects a matter's title, description, kind, districts and place from the edit form
    /// (the report form's fields; the point and follow-up date are kept). The history names the
    /// fields changed, not their old words. Returns those names (`title,kind`), empty when
    /// nothing changed (nothing is stored then).
    async fn edit_matter(
        &self,
        user: &CurrentUser,
        m: &MatterRecord,
        form: &FormValues,
    ) -> Result<String> {
        let ward_districts: Vec<i64> = self
            .district_names_of(m.ward_id)
            .await?
            .iter()
            .map(|d| d.id)
            .collect();
        let after =
            MatterFields::from_form(form, &ward_districts, false).map_err(ApiError::Validation)?;
        let before = MatterFields {
            title: m.title.clone(),
            description: m.description.clone(),
            kind: kind_of(m)?,
            districts: self
                .store
                .matters_districts(&[m.id])
                .await?
                .into_iter()
                .map(|(_, d)| d)
                .collect(),
            place: m.place.clone(),
            point: None,
            follow_up_on: None,
        };
        let changed = EditedField::changed(&before, &after)
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",");
        if !changed.is_empty() {
            let event = NewEvent::by(user.id, EventKind::Edited).saying(Some(&changed));
            self.store
                .edit_matter(m.id, &after, &event, Utc::now())
                .await?;
        }
        Ok(changed)
    }

    /// Records on a matter that it went out as a notice (`notice`, to `delivered` people), when
    /// the sender may change the matter; nothing otherwise.
    pub(crate) async fn matter_noticed(
        &self,
        user: &CurrentUser,
        id: i64,
        notice: i64,
        delivered: u64,
    ) -> Result<()> {
        let Ok(m) = self.matter_to_change(user, id).await else {
            return Ok(());
        };
        let said = format!("{delivered}");
        let event = NewEvent::by(user.id, EventKind::Notice).saying(Some(&said));
        self.store
            .add_matter_event(m.id, &event, Utc::now())
            .await?;
        self.store
            .audit(
                Some(user.id),
                "change_matter",
                &format!("matter {}: notice {notice}", m.id),
                Utc::now(),
            )
            .await
    }

    /// Adds a photo to a matter (staff of its ward; at most [`MAX_PHOTOS`]). Audited.
    pub async fn add_matter_photo(
        &self,
        user: &CurrentUser,
        id: i64,
        bytes: Vec<u8>,
    ) -> Result<i64> {
        let m = self.matter_to_change(user, id).await?;
        if bytes.is_empty() {
            return Err(refused("photo", FieldError::Required));
        }
        if self.store.matters_photos(&[m.id]).await?.len() >= MAX_PHOTOS {
            return Err(refused(
                "photo",
                FieldError::TooManyChoices {
                    max: MAX_PHOTOS as u16,
                },
            ));
        }
        let photo = super::photos::checked_photo(bytes).await?;
        let now = Utc::now();
        let photo_id = self
            .store
            .insert_matter_photo(m.id, &photo, user.id, now)
            .await?;
        self.store
            .audit(
                Some(user.id),
                "add_matter_photo",
                &format!("matter {}: photo {photo_id}", m.id),
                now,
            )
            .await?;
        Ok(photo_id)
    }

    /// A photo of a matter, for whoever may see the matter.
    pub async fn matter_photo(&self, user: &CurrentUser, id: i64, photo: i64) -> Result<Vec<u8>> {
        let (m, _) = self.matter_sight(user, id).await?;
        match self.store.matter_photo(m.id, photo).await? {
            Some(jpeg) => Ok(jpeg),
            None => crate::error::not_found(),
        }
    }

    /// The mails telling a department's staff (and its shared mailbox) that a matter is theirs.
    async fn assignment_mails(
        &self,
        m: &MatterRecord,
        department: i64,
        name: &str,
    ) -> Result<Vec<crate::mail::Outgoing>> {
        let link = format!("{}/matters/{}", self.config.mail_origin(), m.id);
        Ok(self
            .store
            .department_recipients(department)
            .await?
            .into_iter()
            .map(|(to, person, lang)| {
                templates::matter_assigned(
                    Lang::parse(&lang).unwrap_or(Lang::Ja),
                    &to,
                    &person,
                    name,
                    &m.title,
                    &link,
                )
            })
            .collect())
    }

    /// The mail telling a matter's reporter that it was resolved (or is a long-term issue),
    /// with what the ward said; none for other changes or without a reporter.
    async fn reporter_mail(
        &self,
        m: &MatterRecord,
        status: MatterStatus,
    ) -> Result<Option<crate::mail::Outgoing>> {
        if !matches!(status, MatterStatus::Resolved | MatterStatus::LongTerm) {
            return Ok(None);
        }
        let Some(reporter) = m.reported_by else {
            return Ok(None);
        };
        let Some((email, name, lang)) = self.store.mail_address_of(reporter).await? else {
            return Ok(None);
        };
        let link = format!("{}/my/reports", self.config.mail_origin());
        Ok(Some(templates::matter_status(
            Lang::parse(&lang).unwrap_or(Lang::Ja),
            &email,
            &name,
            &m.title,
            status == MatterStatus::Resolved,
            &link,
        )))
    }
}
