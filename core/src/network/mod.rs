//! The loose local networks: groups (sign-up, directory, proposals, joining), their posts and
//! events (RSVPs, the feed), notices from staff and centre directors, moderation of reports, and
//! iCalendar feeds.
//!
//! Each file holds an area's rules as `impl Core` methods; the `store` module beside it (in the
//! folder of the same name) holds its queries as `impl Store` methods, written once for both
//! databases with `crate::db::on_pool!`. Start reading at [`groups`]: who sees a group is decided
//! there (`Core::group_standing`, `Core::visible_group`), and posts, notices and reports follow the group's visibility.

pub mod calendar;
pub mod groups;
pub mod moderation;
pub mod notices;
pub mod posts;

pub use groups::{GroupRecord, MemberRecord};
pub use posts::Rsvp;
