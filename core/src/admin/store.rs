//! The administration's queries: wards and their places for the forms, people, deactivation,
//! and account invitations.

use super::*;
use crate::db::{contains_pattern, corrupt, id_list, is_unique_violation, on_pool};
use crate::mail::{Outgoing, queue_in};

/// The columns of a person row, over `users u` joined to their ward `w` and district `d`.
const PERSON_COLUMNS: &str = "u.id, u.display_name, u.email, u.role, w.name_ja AS ward, \
     d.name_ja AS district, u.last_sign_in_at, u.deactivated_at, u.ward_id, u.district_id, \
     u.created_at";

const PERSON_FROM: &str = "FROM users u LEFT JOIN wards w ON w.id = u.ward_id \
     LEFT JOIN districts d ON d.id = u.district_id";

/// A person as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRecord {
    /// Account id.
    pub id: i64,
    display_name: String,
    email: String,
    role: String,
    ward: Option<String>,
    district: Option<String>,
    last_sign_in_at: Option<DateTime<Utc>>,
    deactivated_at: Option<DateTime<Utc>>,
    /// Their ward's id.
    pub ward_id: Option<i64>,
    /// Their district's id.
    pub district_id: Option<i64>,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
}

impl PersonRecord {
    /// Their role.
    pub fn role(&self) -> Result<Role> {
        Role::parse(&self.role).ok_or_else(|| corrupt("role", &self.role))
    }

    /// Whether they are deactivated.
    pub fn deactivated(&self) -> bool {
        self.deactivated_at.is_some()
    }

    /// The row the pages show, with the centres they direct.
    pub fn row(self, centres: Vec<String>) -> Result<PersonRow> {
        Ok(PersonRow {
            role: self.role()?,
            id: self.id,
            display_name: self.display_name,
            email: self.email,
            ward: self.ward,
            district: self.district,
            centres,
            last_sign_in_at: self.last_sign_in_at,
            deactivated_at: self.deactivated_at,
        })
    }
}

/// Which people a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleFilter {
    /// Staff, council members, administrators and centre directors (the default).
    #[default]
    Workers,
    /// Residents who direct no centre.
    Residents,
    /// Everyone.
    All,
}

/// An invitation to store.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// SHA-256 of the link's token.
    pub token_hash: String,
    /// Normalised address.
    pub email: String,
    /// The name it is made out to.
    pub display_name: String,
    /// The role it makes.
    pub role: Role,
    /// Ward (none: an administrator of every ward).
    pub ward_id: Option<i64>,
    /// District, for council members (and staff limited to one).
    pub district_id: Option<i64>,
    /// The centre a director directs.
    pub centre_id: Option<i64>,
    /// Who invited.
    pub invited_by: i64,
    /// The form's key (empty: none).
    pub form_key: String,
}

/// An invitation as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRecord {
    /// Id.
    pub id: i64,
    /// Invited address.
    pub email: String,
    /// The name it is made out to.
    pub display_name: String,
    role: String,
    /// Ward.
    pub ward_id: Option<i64>,
    /// District.
    pub district_id: Option<i64>,
    /// Centre directed.
    pub centre_id: Option<i64>,
    /// When made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

impl InvitationRecord {
    /// The role it makes.
    pub fn role(&self) -> Result<Role> {
        Role::parse(&self.role).ok_or_else(|| corrupt("role", &self.role))
    }

    /// What it makes its person (a resident role with a centre: a director).
    pub fn invitee(&self) -> Result<Invitee> {
        Invitee::of(self.role()?, self.centre_id.is_some())
            .ok_or_else(|| corrupt("invitation role", &self.role))
    }
}

const INVITATION_COLUMNS: &str = "id, email, display_name, role, ward_id, district_id, \
     centre_id, created_at, expires_at";

impl Store {
    /// Every ward, or only `only`, with its districts (in its order) and centres.
    pub async fn ward_choices(&self, only: Option<i64>) -> Result<Vec<WardChoices>> {
        let wards = "SELECT id, name_ja FROM wards ORDER BY id";
        let districts = "SELECT id, ward_id, name_ja FROM districts ORDER BY position, code";
        let centres = "SELECT c.id, d.ward_id, c.name_ja FROM centres c \
                       JOIN districts d ON d.id = c.district_id ORDER BY d.position, d.code, c.id";
        type Place = (i64, i64, String);
        let (wards, districts, centres): (Vec<(i64, String)>, Vec<Place>, Vec<Place>) =
            on_pool!(&self.db, |pool| (
                sqlx::query_as(wards).fetch_all(pool).await?,
                sqlx::query_as(districts).fetch_all(pool).await?,
                sqlx::query_as(centres).fetch_all(pool).await?,
            ));
        let of = |places: &[Place], ward: i64| -> Vec<Choice> {
            places
                .iter()
                .filter(|(_, w, _)| *w == ward)
                .map(|(id, _, name)| Choice {
                    id: *id,
                    name: name.clone(),
                })
                .collect()
        };
        Ok(wards
            .into_iter()
            .filter(|(id, _)| only.is_none_or(|o| o == *id))
            .map(|(id, name)| WardChoices {
                districts: of(&districts, id),
                centres: of(&centres, id),
                ward: Choice { id, name },
            })
            .collect())
    }

    /// The people of ward `ward` (none: every account) that `filter` and `search` (a part of
    /// the name or address) select, by name; at most `limit`.
    pub async fn people(
        &self,
        ward: Option<i64>,
        filter: PeopleFilter,
        search: &str,
        limit: i64,
    ) -> Result<Vec<PersonRecord>> {
        let like = self.like();
        let directs = "EXISTS (SELECT 1 FROM centre_directors cd WHERE cd.user_id = u.id)";
        let which = match filter {
            PeopleFilter::Workers => format!("(u.role <> 'resident' OR {directs})"),
            PeopleFilter::Residents => format!("(u.role = 'resident' AND NOT {directs})"),
            PeopleFilter::All => "1 = 1".to_string(),
        };
        let sql = format!(
            "SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE {which} AND u.deleted_at IS NULL \
             AND ($1 IS NULL OR u.ward_id = $1) \
             AND ($2 IS NULL OR u.display_name {like} $2 ESCAPE '\\' OR u.email {like} $2 ESCAPE '\\') \
             ORDER BY u.deactivated_at IS NOT NULL, \
             CASE u.role WHEN 'admin' THEN 0 WHEN 'staff' THEN 1 WHEN 'council' THEN 2 ELSE 3 END, \
             u.display_name, u.id LIMIT $3"
        );
        let search = Some(search.trim())
            .filter(|s| !s.is_empty())
            .map(contains_pattern);
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(ward)
        .bind(search.as_deref())
        .bind(limit)
        .fetch_all(pool)
        .await?))
    }

    /// One person.
    pub async fn person(&self, id: i64) -> Result<Option<PersonRecord>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE u.id = $1 AND u.deleted_at IS NULL"
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(id)
        .fetch_optional(pool)
        .await?))
    }

    /// The names of the centres each of `users` directs, as `(user, centre)` pairs.
    pub async fn directed_centres(&self, users: &[i64]) -> Result<Vec<(i64, i64, String)>> {
        let sql = format!(
            "SELECT cd.user_id, c.id, c.name_ja FROM centre_directors cd \
             JOIN centres c ON c.id = cd.centre_id WHERE cd.user_id IN {} ORDER BY c.id",
            id_list(users)
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .fetch_all(pool)
        .await?))
    }

    /// How many sessions of `user` have not expired at `now`.
    pub async fn session_count(&self, user: i64, now: DateTime<Utc>) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND expires_at > $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user)
            .bind(now)
            .fetch_one(pool)
            .await?))
    }

    /// How many active administrators other than `except` cover ward `ward` (none: only
    /// administrators of every ward count).
    pub async fn other_admins(&self, except: i64, ward: Option<i64>) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL \
                   AND id <> $1 AND (ward_id IS NULL OR ward_id = $2)";
        // A ward id no row has stands for "only administrators of every ward".
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(except)
            .bind(ward.unwrap_or(-1))
            .fetch_one(pool)
            .await?))
    }

    /// Sets a person's role, ward, district and the centre they direct (replacing any).
    pub async fn set_person_scope(
        &self,
        id: i64,
        role: Role,
        ward: Option<i64>,
        district: Option<i64>,
        centre: Option<i64>,
    ) -> Result<()> {
        let set = "UPDATE users SET role = $2, ward_id = $3, district_id = $4 WHERE id = $1";
        let clear = "DELETE FROM centre_directors WHERE user_id = $1";
        let direct = "INSERT INTO centre_directors (centre_id, user_id) VALUES ($1, $2)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(set)
                .bind(id)
                .bind(role.as_str())
                .bind(ward)
                .bind(district)
                .execute(&mut *tx)
                .await?;
            sqlx::query(clear).bind(id).execute(&mut *tx).await?;
            if let Some(centre) = centre {
                sqlx::query(direct)
                    .bind(centre)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Deactivates a person at `at` (their sessions and reset links end in the same
    /// transaction), or with `None` reactivates them.
    pub async fn set_deactivated(&self, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
        let set = "UPDATE users SET deactivated_at = $2 WHERE id = $1";
        let sessions = "DELETE FROM sessions WHERE user_id = $1";
        let resets = "DELETE FROM password_resets WHERE user_id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(set).bind(id).bind(at).execute(&mut *tx).await?;
            if at.is_some() {
                for sql in [sessions, resets] {
                    sqlx::query(sql).bind(id).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The address of the invitation `admin` sent with the form key `key`, if any.
    pub async fn invitation_of_form(&self, admin: i64, key: &str) -> Result<Option<String>> {
        let sql = "SELECT email FROM account_invitations WHERE form_key = $1 AND invited_by = $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(key)
            .bind(admin)
            .fetch_optional(pool)
            .await?))
    }

    /// Stores an invitation and queues its mail, in one transaction; returns its id and how
    /// many earlier open invitations to the address it withdrew. A form key used already is
    /// `Conflict` (the same form sent twice at once).
    pub async fn create_account_invitation(
        &self,
        invitation: &NewInvitation,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        mail: &Outgoing,
    ) -> Result<(i64, u64)> {
        let sql = "INSERT INTO account_invitations (token_hash, email, display_name, role, \
                   ward_id, district_id, centre_id, invited_by, created_at, expires_at, form_key) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
        // The newest link counts: earlier open invitations to the address are withdrawn.
        let older = "UPDATE account_invitations SET revoked_at = $2 \
                     WHERE email = $1 AND used_at IS NULL AND revoked_at IS NULL";
        let key = Some(invitation.form_key.as_str()).filter(|k| !k.is_empty());
        let result: std::result::Result<(i64, u64), sqlx::Error> =
            on_pool!(&self.db, |pool| async {
                let mut tx = pool.begin().await?;
                let replaced = sqlx::query(older)
                    .bind(&invitation.email)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                let id: i64 = sqlx::query_scalar(sql)
                    .bind(&invitation.token_hash)
                    .bind(&invitation.email)
                    .bind(&invitation.display_name)
                    .bind(invitation.role.as_str())
                    .bind(invitation.ward_id)
                    .bind(invitation.district_id)
                    .bind(invitation.centre_id)
                    .bind(invitation.invited_by)
                    .bind(now)
                    .bind(expires_at)
                    .bind(key)
                    .fetch_one(&mut *tx)
                    .await?;
                queue_in!(&mut *tx, mail, now);
                tx.commit().await?;
                Ok((id, replaced))
            }
            .await);
        match result {
            Ok(made) => Ok(made),
            Err(e) if is_unique_violation(&e) => Err(ApiError::Conflict.into()),
            Err(e) => Err(e.into()),
        }
    }

    /// Invitations neither accepted nor withdrawn, of ward `ward` (none: all), newest first.
    pub async fn open_invitations(&self, ward: Option<i64>) -> Result<Vec<InvitationRecord>> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM account_invitations \
             WHERE used_at IS NULL AND revoked_at IS NULL AND ($1 IS NULL OR ward_id = $1) \
             ORDER BY created_at DESC, id DESC LIMIT 200"
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(ward)
        .fetch_all(pool)
        .await?))
    }

    /// An invitation by id.
    pub async fn account_invitation(&self, id: i64) -> Result<Option<InvitationRecord>> {
        let sql = format!("SELECT {INVITATION_COLUMNS} FROM account_invitations WHERE id = $1");
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(id)
        .fetch_optional(pool)
        .await?))
    }

    /// The invitation of a link's token hash, if it can still be used at `now`.
    pub async fn usable_invitation(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<InvitationRecord>> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM account_invitations WHERE token_hash = $1 \
             AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2"
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await?))
    }

    /// Withdraws an open invitation; whether one was.
    pub async fn revoke_invitation(&self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let sql = "UPDATE account_invitations SET revoked_at = $2 \
                   WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected())
            > 0)
    }

    /// Accepts an invitation, in one transaction: marks it used (only if still usable: of two
    /// submits one wins), makes the account with `name` and `password_hash`, and makes it the
    /// director of the invitation's centre. `None` when the link could not be used; `Conflict`
    /// when an account with the address exists.
    pub async fn accept_account_invitation(
        &self,
        token_hash: &str,
        name: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let take = format!(
            "UPDATE account_invitations SET used_at = $2 WHERE token_hash = $1 \
             AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
             RETURNING {INVITATION_COLUMNS}"
        );
        let create = "INSERT INTO users (email, display_name, password_hash, role, ward_id, \
                      district_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        let direct = "INSERT INTO centre_directors (centre_id, user_id) VALUES ($1, $2)";
        let result: std::result::Result<Option<i64>, sqlx::Error> =
            on_pool!(&self.db, |pool| async {
                let mut tx = pool.begin().await?;
                let invitation: Option<InvitationRecord> =
                    sqlx::query_as(sqlx::AssertSqlSafe(take))
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some(invitation) = invitation else {
                    return Ok(None);
                };
                let id: i64 = sqlx::query_scalar(create)
                    .bind(&invitation.email)
                    .bind(name)
                    .bind(password_hash)
                    .bind(&invitation.role)
                    .bind(invitation.ward_id)
                    .bind(invitation.district_id)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                if let Some(centre) = invitation.centre_id {
                    sqlx::query(direct)
                        .bind(centre)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(Some(id))
            }
            .await);
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(ApiError::Conflict.into()),
            Err(e) => Err(e.into()),
        }
    }

    /// Forgets invitations that ended (used, withdrawn or expired) before `before`; returns
    /// how many.
    pub async fn delete_invitations_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM account_invitations WHERE expires_at < $1 \
                   OR used_at < $1 OR revoked_at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }
}
