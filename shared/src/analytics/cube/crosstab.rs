//! Cross-tabulation: the variables a table can use, how each codes the responses, and the table.

use super::*;

impl Cube {
    /// The variables that can be cross-tabulated: every question with categories (choices,
    /// yes/no, scales, numbers in bands, rankings by first choice, each matrix row), then
    /// district, channel and language.
    pub fn vars(&self) -> Vec<VarChoice> {
        let mut vars = Vec::new();
        for (q, column) in self.def.questions().zip(&self.columns) {
            match column {
                Column::Text { .. } if !self.tags.is_empty() => vars.push(VarChoice {
                    var: Var::Tags(q.id.clone()),
                    label: tags_label(&q.label),
                }),
                Column::Date { .. } | Column::Text { .. } => {}
                Column::Matrix { rows, .. } => {
                    for (row, _) in rows {
                        vars.push(VarChoice {
                            var: Var::MatrixRow(q.id.clone(), row.value.clone()),
                            label: matrix_row_label(q, row),
                        });
                    }
                }
                _ => vars.push(VarChoice {
                    var: Var::Question(q.id.clone()),
                    label: q.label.clone(),
                }),
            }
        }
        vars.extend([
            VarChoice {
                var: Var::District,
                label: Text::all("校区", "District", "こうく"),
            },
            VarChoice {
                var: Var::Channel,
                label: Text::all("回答方法", "Channel", "こたえかた"),
            },
            VarChoice {
                var: Var::Referrer,
                label: referrer_label(),
            },
            VarChoice {
                var: Var::Lang,
                label: Text::all("回答言語", "Language", "ことば"),
            },
        ]);
        vars
    }

    pub(super) fn coded(&self, var: &Var, sel: &Selection) -> Option<Coded<'_>> {
        let coded = match var {
            Var::District => Coded {
                label: Text::all("校区", "District", "こうく"),
                categories: self.districts.categories(no_district()),
                coding: self.districts.coding(),
            },
            Var::Referrer => Coded {
                label: referrer_label(),
                categories: self.referrers.categories(not_referred()),
                coding: self.referrers.coding(),
            },
            Var::Channel => Coded {
                label: Text::all("回答方法", "Channel", "こたえかた"),
                categories: CHANNELS
                    .iter()
                    .map(|&c| (c.as_str().to_string(), channel_label(c)))
                    .collect(),
                coding: Coding::Bytes(&self.channels),
            },
            Var::Lang => Coded {
                label: Text::all("回答言語", "Language", "ことば"),
                categories: Lang::ALL
                    .iter()
                    .map(|&l| (l.code().to_string(), Text::ja(l.native_name())))
                    .collect(),
                coding: Coding::Bytes(&self.langs),
            },
            Var::Question(id) => {
                let (q, column) = self.column(id)?;
                let (categories, coding) = match column {
                    Column::Pick { dict, codes } => (dict_categories(dict), Coding::Bytes(codes)),
                    Column::Picks {
                        dict,
                        starts,
                        codes,
                    } => (dict_categories(dict), Coding::Many(starts, codes)),
                    Column::Points { low, labels, codes } => {
                        (point_categories(*low, labels), Coding::Bytes(codes))
                    }
                    Column::Number { values } => {
                        let edges = number_edges(q, values, sel);
                        let codes = values
                            .iter()
                            .map(|&x| {
                                band_of(&edges, x)
                                    .and_then(|b| u8::try_from(b + 1).ok())
                                    .unwrap_or(0)
                            })
                            .collect();
                        (band_categories(&edges, q), Coding::Owned(codes))
                    }
                    Column::Ranking { dict, ranks } => {
                        let n = self.len();
                        let mut first = vec![0u8; n];
                        for (option, column) in ranks.iter().enumerate() {
                            for (i, &rank) in column.iter().enumerate() {
                                if rank == 1 {
                                    first[i] = u8::try_from(option + 1).unwrap_or(0);
                                }
                            }
                        }
                        (dict_categories(dict), Coding::Owned(first))
                    }
                    Column::Matrix { .. } | Column::Date { .. } | Column::Text { .. } => {
                        return None;
                    }
                };
                Coded {
                    label: q.label.clone(),
                    categories,
                    coding,
                }
            }
            Var::Tags(id) => {
                let (q, column) = self.column(id)?;
                if !matches!(column, Column::Text { .. }) || self.tags.is_empty() {
                    return None;
                }
                static NONE: Tagging = Tagging {
                    starts: Vec::new(),
                    codes: Vec::new(),
                };
                Coded {
                    label: tags_label(&q.label),
                    categories: self.tag_categories(),
                    coding: Coding::Tags(self.tagged.get(id).unwrap_or(&NONE)),
                }
            }
            Var::MatrixRow(id, row) => {
                let (q, column) = self.column(id)?;
                let Column::Matrix { columns, rows } = column else {
                    return None;
                };
                let (choice, codes) = rows.iter().find(|(r, _)| r.value == *row)?;
                Coded {
                    label: matrix_row_label(q, choice),
                    categories: dict_categories(columns),
                    coding: Coding::Bytes(codes),
                }
            }
        };
        Some(coded)
    }

    /// `rows` × `columns` over the filtered responses that answered both; `None` when either
    /// variable is unknown or cannot be tabulated.
    pub fn crosstab(
        &self,
        rows: &Var,
        columns: &Var,
        filter: &Filter,
        min_cell: Option<u64>,
    ) -> Option<CrossTab> {
        let view = View(min_cell);
        let sel = self.select(filter);
        let row_var = self.coded(rows, &sel)?;
        let col_var = self.coded(columns, &sel)?;
        let nr = row_var.categories.len();
        let nc = col_var.categories.len();
        let mut counts = vec![vec![0u64; nc]; nr];
        let mut row_totals = vec![0u64; nr];
        let mut col_totals = vec![0u64; nc];
        let mut total = 0u64;
        let mut row_codes: Vec<usize> = Vec::new();
        let mut col_codes: Vec<usize> = Vec::new();
        if let (Some(r), Some(c)) = (row_var.coding.single(), col_var.coding.single()) {
            // One category per response on both sides: count straight into the table.
            sel.for_each(|i| {
                let (r, c) = (r(i), c(i));
                if r > 0 && c > 0 {
                    counts[r - 1][c - 1] += 1;
                }
            });
            for (r, line) in counts.iter().enumerate() {
                row_totals[r] = line.iter().sum();
                for (c, n) in line.iter().enumerate() {
                    col_totals[c] += n;
                }
            }
            total = row_totals.iter().sum();
        } else {
            sel.for_each(|i| {
                row_codes.clear();
                row_var.coding.for_each(i, |c| row_codes.push(c));
                col_codes.clear();
                col_var.coding.for_each(i, |c| col_codes.push(c));
                if row_codes.is_empty() || col_codes.is_empty() {
                    return;
                }
                total += 1;
                for &r in &row_codes {
                    row_totals[r - 1] += 1;
                }
                for &c in &col_codes {
                    col_totals[c - 1] += 1;
                }
                for &r in &row_codes {
                    for &c in &col_codes {
                        counts[r - 1][c - 1] += 1;
                    }
                }
            });
        }
        let multiple_rows = matches!(row_var.coding, Coding::Many(..) | Coding::Tags(..));
        let multiple_cols = matches!(col_var.coding, Coding::Many(..) | Coding::Tags(..));
        let test = if multiple_rows || multiple_cols {
            None
        } else {
            chi_square(&counts)
        };
        let shown = match view.0 {
            Some(k) => suppress::table(&counts, &row_totals, &col_totals, total, k),
            None => suppress::Table {
                cells: counts
                    .iter()
                    .map(|r| r.iter().map(|&n| Cell::Count(n)).collect())
                    .collect(),
                row_totals: row_totals.iter().map(|&n| Cell::Count(n)).collect(),
                col_totals: col_totals.iter().map(|&n| Cell::Count(n)).collect(),
                total: Cell::Count(total),
            },
        };
        Some(CrossTab {
            rows: Axis {
                var: rows.clone(),
                label: row_var.label,
                categories: bars(&row_var.categories, shown.row_totals),
                multiple: multiple_rows,
            },
            columns: Axis {
                var: columns.clone(),
                label: col_var.label,
                categories: bars(&col_var.categories, shown.col_totals),
                multiple: multiple_cols,
            },
            cells: shown.cells,
            total: shown.total,
            test,
        })
    }
}
