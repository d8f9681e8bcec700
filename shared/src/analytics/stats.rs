//! The statistics: Pearson's chi-square test, medians of counted values, equal-width bands.

use super::ChiSquare;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// Pearson's chi-square test of independence on a table of counts (`table[row][col]`).
///
/// Rows and columns whose total is zero are left out (they carry no information and would make
/// expected counts zero). `None` when fewer than two rows or two columns remain.
pub fn chi_square(table: &[Vec<u64>]) -> Option<ChiSquare> {
    let columns = table.iter().map(Vec::len).max().unwrap_or(0);
    let row_totals: Vec<u64> = table.iter().map(|r| r.iter().sum()).collect();
    let col_totals: Vec<u64> = (0..columns)
        .map(|c| table.iter().map(|r| r.get(c).copied().unwrap_or(0)).sum())
        .collect();
    let rows: Vec<usize> = (0..table.len()).filter(|&r| row_totals[r] > 0).collect();
    let cols: Vec<usize> = (0..columns).filter(|&c| col_totals[c] > 0).collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let total: u64 = row_totals.iter().sum();
    let total = total as f64;
    let mut statistic = 0.0;
    let mut low_expected = 0;
    let mut min_expected = f64::INFINITY;
    for &r in &rows {
        for &c in &cols {
            let expected = row_totals[r] as f64 * col_totals[c] as f64 / total;
            let observed = table[r].get(c).copied().unwrap_or(0) as f64;
            statistic += (observed - expected).powi(2) / expected;
            if expected < 5.0 {
                low_expected += 1;
            }
            min_expected = min_expected.min(expected);
        }
    }
    let df = (rows.len() - 1) * (cols.len() - 1);
    let p_value = ChiSquared::new(df as f64)
        .map(|d| d.sf(statistic))
        .unwrap_or(f64::NAN);
    Some(ChiSquare {
        statistic,
        df: u32::try_from(df).unwrap_or(u32::MAX),
        p_value,
        low_expected: u32::try_from(low_expected).unwrap_or(u32::MAX),
        cells: u32::try_from(rows.len() * cols.len()).unwrap_or(u32::MAX),
        min_expected,
    })
}

/// The median of values given as `(value, count)` pairs sorted by value: the middle value, or
/// the mean of the two middle ones for an even total. `None` when there are none.
pub fn median_of_counts(counts: &[(f64, u64)]) -> Option<f64> {
    let n: u64 = counts.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    // The 1-based positions of the middle value(s).
    let (lo, hi) = if n % 2 == 1 {
        (n / 2 + 1, n / 2 + 1)
    } else {
        (n / 2, n / 2 + 1)
    };
    let nth = |k: u64| {
        let mut seen = 0;
        counts.iter().find_map(|&(v, c)| {
            seen += c;
            (seen >= k).then_some(v)
        })
    };
    Some((nth(lo)? + nth(hi)?) / 2.0)
}

/// The median of a list of numbers (reordered in place). `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (_, &mut upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = values[..n / 2]
        .iter()
        .copied()
        .max_by(f64::total_cmp)
        .unwrap_or(upper);
    Some((lower + upper) / 2.0)
}

/// Equal-width bands with round edges (a step of 1, 2 or 5 × a power of ten), at most `most`
/// of them, covering `min..=max`. Returns the edges: band `i` holds `edges[i] <= x <
/// edges[i + 1]`. For whole numbers (`whole`) the step is at least 1 and the last edge lies
/// above `max`, so a band of width 1 holds exactly one number; otherwise the last band is closed
/// and ends at or after `max`.
pub fn bands(min: f64, max: f64, most: usize, whole: bool) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || most == 0 || max < min {
        return Vec::new();
    }
    if max == min {
        return vec![min, min + 1.0];
    }
    let count = |step: f64| {
        let start = (min / step).floor() * step;
        if whole {
            ((max - start) / step).floor() as usize + 1
        } else {
            (((max - start) / step).ceil() as usize).max(1)
        }
    };
    let raw = (max - min) / most as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0, 20.0]
        .into_iter()
        .map(|m| m * power)
        .filter(|&s| !whole || s >= 1.0)
        .find(|&s| count(s) <= most)
        .unwrap_or(power * 50.0);
    let start = (min / step).floor() * step;
    (0..=count(step)).map(|k| start + step * k as f64).collect()
}

/// The index of the band (from [`bands`]) holding `x`; the last band includes its upper edge.
pub fn band_of(edges: &[f64], x: f64) -> Option<usize> {
    let last = edges.len().checked_sub(1).filter(|&l| l > 0)?;
    if x.is_nan() || x < edges[0] || x > edges[last] {
        return None;
    }
    let i = edges.partition_point(|&e| e <= x);
    Some(i.saturating_sub(1).min(last - 1))
}
