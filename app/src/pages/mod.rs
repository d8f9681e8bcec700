//! Pages, one folder per area and one file per page.

pub mod admin;
pub mod auth;
pub mod home;
pub mod matters;
pub mod network;
pub mod not_found;
pub mod privacy;
pub mod review;
pub mod staff;
pub mod survey;
