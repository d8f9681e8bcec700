//! The rules: who may do what, and what happens when they do. Pages, server functions and form
//! handlers all come through here; nothing else talks to the store.

pub mod builder;
pub mod limits;
pub mod respond;
pub mod retention;
pub mod surveys;
pub mod xlsform;
