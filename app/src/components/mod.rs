//! Components shared by several pages.

pub mod account;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod chart;
pub mod diff;
pub mod error_page;
pub mod forms;
pub mod groups;
pub mod in_place;
pub mod islands;
pub mod layout;
pub mod live_count;
pub mod live_question;
pub mod log_this;
pub mod paper_checks;
pub mod params;
pub mod question;
pub mod results;
pub mod rich;
pub mod show_if;
pub mod sortable;
pub mod url;
