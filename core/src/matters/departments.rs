//! A ward's departments and their staff: data of each ward, kept by its staff.

use crate::Core;
use crate::error::Result;
use chrono::Utc;
use shared::answer::FormValues;
use shared::matters::{DepartmentCard, DepartmentsView, MAX_TITLE_CHARS, required_text};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

impl Core {
    /// The ward's departments with their staff, and the staff who may join.
    pub async fn departments_view(&self, user: &CurrentUser) -> Result<DepartmentsView> {
        let ward = self.matters_ward(user).await?;
        let members = self.store.department_members(ward).await?;
        Ok(DepartmentsView {
            departments: self
                .store
                .departments(ward)
                .await?
                .into_iter()
                .map(|(id, name, email)| DepartmentCard {
                    id,
                    name,
                    email,
                    members: members
                        .iter()
                        .filter(|(d, _, _)| *d == id)
                        .map(|(_, u, n)| (*u, n.clone()))
                        .collect(),
                })
                .collect(),
            staff: self.store.ward_staff(ward).await?,
        })
    }

    /// Adds a department (`action` `add`: `name`, `email`), or adds or removes one of the
    /// ward's staff (`action` `member`: `department`, `user`, `member` 1 or 0). Audited.
    pub async fn change_departments(
        &self,
        user: &CurrentUser,
        form: &FormValues,
    ) -> Result<&'static str> {
        let ward = self.matters_ward(user).await?;
        let now = Utc::now();
        let invalid = |field: &str, error: FieldError| {
            let mut errors = FieldErrors::default();
            errors.push(field, error);
            crate::error::Error::from(ApiError::Validation(errors))
        };
        match form.first("action").unwrap_or_default() {
            "add" => {
                let name =
                    required_text(form, "name", MAX_TITLE_CHARS).map_err(ApiError::Validation)?;
                let email = match form.first("email").map(str::trim).filter(|e| !e.is_empty()) {
                    Some(e) => Some(
                        shared::account::Email::parse(e)
                            .map_err(|error| invalid("email", error))?
                            .as_str()
                            .to_string(),
                    ),
                    None => None,
                };
                let Some(id) = self
                    .store
                    .insert_department(ward, &name, email.as_deref(), now)
                    .await?
                else {
                    return Err(invalid("name", FieldError::Taken));
                };
                self.store
                    .audit(
                        Some(user.id),
                        "add_department",
                        &format!("department {id}: {name}"),
                        now,
                    )
                    .await?;
                Ok("added")
            }
            "member" => {
                let departments = self.store.departments(ward).await?;
                let staff = self.store.ward_staff(ward).await?;
                let id = |name: &str| form.first(name).and_then(|v| v.parse::<i64>().ok());
                let Some(department) =
                    id("department").filter(|d| departments.iter().any(|(x, _, _)| x == d))
                else {
                    return Err(invalid("department", FieldError::UnknownOption));
                };
                let Some(person) = id("user").filter(|u| staff.iter().any(|(x, _)| x == u)) else {
                    return Err(invalid("user", FieldError::UnknownOption));
                };
                let member = form.first("member") == Some("1");
                self.store
                    .set_department_member(department, person, member)
                    .await?;
                self.store
                    .audit(
                        Some(user.id),
                        if member {
                            "join_department"
                        } else {
                            "leave_department"
                        },
                        &format!("department {department}: user {person}"),
                        now,
                    )
                    .await?;
                Ok(if member { "joined" } else { "left" })
            }
            _ => Err(ApiError::BadRequest.into()),
        }
    }
}
