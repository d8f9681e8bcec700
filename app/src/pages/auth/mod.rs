//! Signing in and out.

pub mod sign_in;
