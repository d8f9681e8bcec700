//! Small-cell suppression: what council members, organisers and the public may not see.
//!
//! Every count from 1 to `k` − 1 is hidden ("primary" suppression). Zero is shown: it names
//! nobody. A hidden count must not be
//! recoverable from what is shown either: wherever counts add up to a shown total (the options
//! of a single-choice question and the number who answered it, the cells of a table row and its
//! row total, the row totals and the grand total…), a group with exactly one hidden member would
//! give it away by subtraction, so the smallest other member is hidden too ("secondary"
//! suppression), repeated until every such group has none or at least two hidden members.
//! Where counts do not add up (several picks per person), hiding extra members only hides more
//! than needed, never less, so the same rule is applied everywhere.

use super::Cell;

fn is_small(n: u64, k: u64) -> bool {
    n > 0 && n < k
}

/// Counts with a flag each: hidden or not.
struct Marked {
    counts: Vec<u64>,
    hidden: Vec<bool>,
    k: u64,
}

impl Marked {
    fn new(counts: &[u64], k: u64) -> Marked {
        Marked {
            counts: counts.to_vec(),
            hidden: counts.iter().map(|&n| is_small(n, k)).collect(),
            k,
        }
    }

    /// The cells as shown: a small count is `Hidden`, one hidden only to protect a small one
    /// is `Withheld`.
    fn cells(&self) -> Vec<Cell> {
        self.counts
            .iter()
            .zip(&self.hidden)
            .map(|(&n, &h)| match (h, is_small(n, self.k)) {
                (false, _) => Cell::Count(n),
                (true, true) => Cell::Hidden,
                (true, false) => Cell::Withheld,
            })
            .collect()
    }
}

/// Makes sure the group of `members` (indices into `m`) summing to the total at `total` (also
/// an index into `m`) has no hidden member or at least two: with exactly one, hides the
/// smallest shown member that is not zero (a zero, then the total, only if nothing else is
/// left). Returns whether it changed anything.
fn protect(m: &mut Marked, members: &[usize], total: usize) -> bool {
    let hidden = members.iter().filter(|&&i| m.hidden[i]).count() + usize::from(m.hidden[total]);
    if hidden != 1 {
        return false;
    }
    let smallest = members
        .iter()
        .copied()
        .filter(|&i| !m.hidden[i])
        .min_by_key(|&i| (m.counts[i] == 0, m.counts[i]));
    m.hidden[smallest.unwrap_or(total)] = true;
    true
}

/// Hides every count from 1 to `k` − 1 (nothing else): for counts that do not sum to anything shown.
pub fn each(counts: &[u64], k: u64) -> Vec<Cell> {
    Marked::new(counts, k).cells()
}

/// One count on its own.
pub fn one(count: u64, k: u64) -> Cell {
    if is_small(count, k) {
        Cell::Hidden
    } else {
        Cell::Count(count)
    }
}

/// Counts that add up to `total` (shown alongside): returns the counts and the total as
/// shown.
pub fn line(counts: &[u64], total: u64, k: u64) -> (Vec<Cell>, Cell) {
    let mut all = counts.to_vec();
    all.push(total);
    let mut m = Marked::new(&all, k);
    let members: Vec<usize> = (0..counts.len()).collect();
    protect(&mut m, &members, counts.len());
    let mut cells = m.cells();
    let total = cells.pop().unwrap_or(Cell::Hidden);
    (cells, total)
}

/// A table with its margins, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// `cells[row][col]`.
    pub cells: Vec<Vec<Cell>>,
    /// One per row.
    pub row_totals: Vec<Cell>,
    /// One per column.
    pub col_totals: Vec<Cell>,
    /// The grand total.
    pub total: Cell,
}

/// A table of counts with its row totals, column totals and grand total: hides counts below
/// `k` (other than zero) and whatever would let one be recomputed along a row, a column or the margins.
pub fn table(
    counts: &[Vec<u64>],
    row_totals: &[u64],
    col_totals: &[u64],
    total: u64,
    k: u64,
) -> Table {
    let rows = row_totals.len();
    let cols = col_totals.len();
    // Layout in one flat list: the cells row by row, then row totals, column totals, total.
    let mut flat = Vec::with_capacity(rows * cols + rows + cols + 1);
    for r in 0..rows {
        for c in 0..cols {
            flat.push(
                counts
                    .get(r)
                    .and_then(|row| row.get(c))
                    .copied()
                    .unwrap_or(0),
            );
        }
    }
    flat.extend_from_slice(row_totals);
    flat.extend_from_slice(col_totals);
    flat.push(total);
    let cell = |r: usize, c: usize| r * cols + c;
    let row_total = |r: usize| rows * cols + r;
    let col_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    let mut m = Marked::new(&flat, k);
    let mut groups: Vec<(Vec<usize>, usize)> = Vec::new();
    for r in 0..rows {
        groups.push(((0..cols).map(|c| cell(r, c)).collect(), row_total(r)));
    }
    for c in 0..cols {
        groups.push(((0..rows).map(|r| cell(r, c)).collect(), col_total(c)));
    }
    groups.push(((0..rows).map(row_total).collect(), grand));
    groups.push(((0..cols).map(col_total).collect(), grand));
    // Each pass hides at least one more count, so this ends within `flat.len()` passes.
    loop {
        let mut changed = false;
        for (members, total) in &groups {
            changed |= protect(&mut m, members, *total);
        }
        if !changed {
            break;
        }
    }
    let shown = m.cells();
    Table {
        cells: (0..rows)
            .map(|r| (0..cols).map(|c| shown[cell(r, c)]).collect())
            .collect(),
        row_totals: (0..rows).map(|r| shown[row_total(r)]).collect(),
        col_totals: (0..cols).map(|c| shown[col_total(c)]).collect(),
        total: shown[grand],
    }
}
