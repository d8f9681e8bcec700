//! Signing in and out, and signing up as a resident.

pub mod sign_in;
pub mod sign_up;
