//! Signing in and out, signing up as a resident, forgotten passwords, and one's own account.

pub mod account;
pub mod email_change;
pub mod forgot;
pub mod join;
pub mod reset;
pub mod sign_in;
pub mod sign_up;
