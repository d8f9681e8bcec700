use super::*;
use crate::components::url::encode;
use shared::analytics::{Filter, Var};

#[test]
fn links_keep_the_query_and_encode_it() {
    let query = ResultsQuery {
        filter: Filter::from_pairs([("d", "3"), ("a", "age:30s")]),
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::District),
        only: None,
    };
    assert_eq!(
        link("/staff/surveys/1/results", &query),
        "/staff/surveys/1/results?d=3&a=age%3A30s&r=q%3Aage&c=district"
    );
    assert_eq!(link("/x", &ResultsQuery::default()), "/x");
    assert_eq!(encode("日曜"), "%E6%97%A5%E6%9B%9C");
}
