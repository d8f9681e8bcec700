//! Paper: what the ward prints (the flyer with the survey's QR code, sheets of invitation cards)
//! and the returned sheets staff type in (`entry`: single or double entry, differences settled
//! against the paper). A typed sheet becomes a response like any other, with the paper channel.

pub mod entry;
pub mod print;
