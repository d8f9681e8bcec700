//! Pages for ward staff.

pub mod builder;
pub mod confirm;
pub mod entry;
pub mod preview;
pub mod print;
pub mod question_editor;
pub mod responses;
pub mod results;
pub mod surveys;
pub mod texts;
