//! Every number of the results page, recounted from the stored answers.

use super::*;

pub(super) async fn results_match_a_recount(app: &TestApp) {
    let s = &app.core;
    let staff = user_in(app, "staff-a@example.jp", Role::Staff, None).await;
    let id = app.demo_survey_id().await;
    let added = yoriai_core::seed::seed_responses(s, DEMO_SURVEY_SLUG, 600, 7, 20)
        .await
        .unwrap();
    assert_eq!(added, 600);
    let rows = stored(app, id).await;
    let n = rows.len() as u64;
    assert!(n >= 600);

    let view = results(app, &staff, id, &ResultsQuery::default()).await;
    assert_eq!(view.min_cell, None, "staff see raw numbers");
    assert_eq!(view.dashboard.total, Cell::Count(n));
    for bar in &view.dashboard.by_district {
        let district: Option<i64> = bar.value.parse().ok();
        assert_eq!(
            bar.count,
            Cell::Count(count(&rows, |r| r.district == district))
        );
    }
    for bar in &view.dashboard.by_channel {
        assert_eq!(
            bar.count,
            Cell::Count(count(&rows, |r| r.channel == bar.value))
        );
    }
    let def = s.store.survey_by_id(id).await.unwrap().unwrap().definition;
    let mut checked = 0;
    for result in &view.questions {
        let answered = count(&rows, |r| r.answers.get(&result.id).is_some());
        assert_eq!(result.answered, Cell::Count(answered), "{}", result.id);
        match &result.body {
            ResultBody::Choices { bars, .. } | ResultBody::Scale { bars, .. } => {
                for bar in bars {
                    let expected = count(&rows, |r| has(&r.answers, &result.id, &bar.value));
                    assert_eq!(
                        bar.count,
                        Cell::Count(expected),
                        "{} = {}",
                        result.id,
                        bar.value
                    );
                    checked += 1;
                }
            }
            _ => {}
        }
        if let ResultBody::Scale { summary, .. } = &result.body {
            let values: Vec<f64> = rows
                .iter()
                .filter_map(|r| match r.answers.get(&result.id) {
                    Some(Answer::Number(x)) => Some(*x),
                    _ => None,
                })
                .collect();
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            let got = summary.expect("summary").mean;
            assert!((got - mean).abs() < 1e-9, "{}: {got} vs {mean}", result.id);
        }
    }
    assert!(checked > 40, "only {checked} bars checked");
    assert_eq!(view.questions.len(), def.questions().count());

    // Skews the seed promises: households with children agree with Sunday opening more.
    let agree = |kids: bool| {
        let group: Vec<&Stored> = rows
            .iter()
            .filter(|r| {
                let h = &r.answers;
                (has(h, "household", "preschool") || has(h, "household", "school")) == kids
            })
            .collect();
        let yes = group
            .iter()
            .filter(|r| has(&r.answers, "sunday", "4") || has(&r.answers, "sunday", "5"))
            .count();
        yes as f64 / group.len().max(1) as f64
    };
    assert!(
        agree(true) > agree(false) + 0.15,
        "{} vs {}",
        agree(true),
        agree(false)
    );

    // A filter applies to everything on the page.
    let district = rows.iter().find_map(|r| r.district).expect("a district");
    let filter = Filter::from_pairs([("d", district.to_string().as_str()), ("a", "sunday:5")]);
    let query = ResultsQuery {
        filter,
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::Question("sunday".into())),
        only: None,
    };
    let view = results(app, &staff, id, &query).await;
    let kept = |r: &Stored| r.district == Some(district) && has(&r.answers, "sunday", "5");
    assert_eq!(view.dashboard.total, Cell::Count(count(&rows, kept)));
    let t = view.crosstab.expect("age × sunday");
    for (ri, row) in t.rows.categories.iter().enumerate() {
        for (ci, col) in t.columns.categories.iter().enumerate() {
            let expected = count(&rows, |r| {
                kept(r)
                    && has(&r.answers, "age", &row.value)
                    && has(&r.answers, "sunday", &col.value)
            });
            assert_eq!(
                t.cells[ri][ci],
                Cell::Count(expected),
                "{} × {}",
                row.value,
                col.value
            );
        }
    }

    // One question alone, as the same numbers.
    let only = ResultsQuery::from_pairs([("only", "sunday"), ("a", "sunday:5")]);
    let one = results(app, &staff, id, &only).await;
    assert_eq!(one.questions.len(), 1);
    let all = results(
        app,
        &staff,
        id,
        &ResultsQuery {
            only: None,
            ..only.clone()
        },
    )
    .await;
    let sunday = all.questions.iter().find(|q| q.id == "sunday").unwrap();
    assert_eq!(&one.questions[0], sunday);

    // The full cross-tab has a test; its counts add up to the table's total.
    let query = ResultsQuery {
        filter: Filter::default(),
        rows: Some(Var::Question("age".into())),
        columns: Some(Var::District),
        only: None,
    };
    let t = results(app, &staff, id, &query)
        .await
        .crosstab
        .expect("table");
    let sum: u64 = t.cells.iter().flatten().filter_map(|c| c.count()).sum();
    assert_eq!(t.total, Cell::Count(sum));
    let test = t.test.expect("chi-square");
    assert!(test.df > 0 && (0.0..=1.0).contains(&test.p_value));
}
