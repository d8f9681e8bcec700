//! The pages residents use to answer a survey.

pub mod answer;
pub mod thanks;
