//! Signing in and out, signing up as a resident, and forgotten passwords.

pub mod forgot;
pub mod reset;
pub mod sign_in;
pub mod sign_up;
