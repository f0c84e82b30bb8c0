//! Lists bound as parameters on SQLite: one statement over many rows
//! (`VALUES (?, ?), (?, ?) …` or `IN (?, ?, …)`) instead of one JSON
//! parameter that SQLite takes apart again, for every row and column, with
//! its JSON functions (about a seventh of a survey submission's CPU time
//! went there, BENCHMARKS.md, issue 20).
//!
//! A statement has one of nine shapes, for 1, 2, 4 … 256 rows: each is
//! prepared once per connection and then found in sqlx's statement cache,
//! and none comes near SQLite's limit on parameters (32,766; the widest
//! here is 256 rows of 8). A list is cut into pieces of 256 rows and the
//! rest goes in the next shape up, its spare rows filled by the caller
//! (with NULLs a `WHERE` leaves out, or a value repeated in an `IN` list):
//! each statement is a round trip to the connection's thread, so a group
//! of up to 256 takes one, not up to nine.

use std::ops::Range;

/// Most rows in one statement.
pub const MOST: usize = 256;

/// A statement's text for every piece size: `head`, the rows' placeholders
/// (each row `(?, ?, …)` with `arity` of them, or a bare `?` when it has
/// one), then `tail`.
pub struct Shapes {
    /// Index `i` holds the text for `2^i` rows.
    texts: Vec<String>,
}

impl Shapes {
    pub fn new(head: &str, arity: usize, tail: &str) -> Self {
        let row = if arity == 1 {
            "?".to_string()
        } else {
            format!("({})", vec!["?"; arity].join(", "))
        };
        let texts = (0..=MOST.trailing_zeros())
            .map(|i| format!("{head}{}{tail}", vec![row.as_str(); 1 << i].join(", ")))
            .collect();
        Self { texts }
    }

    /// The pieces a list of `n` rows is cut into, largest first: which of
    /// its rows each takes, the statement's text, and how many spare rows
    /// the caller fills after them to make up the statement's size.
    pub fn pieces(&self, n: usize) -> impl Iterator<Item = (Range<usize>, &str, usize)> {
        let mut start = 0;
        std::iter::from_fn(move || {
            let left = n.checked_sub(start).filter(|left| *left > 0)?;
            let take = left.min(MOST);
            let size = take.next_power_of_two();
            let text = self.texts.get(size.trailing_zeros() as usize)?;
            let range = start..start + take;
            start += take;
            Some((range, text.as_str(), size - take))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_lists_are_written_out() {
        let s = Shapes::new("INSERT INTO t (a, b) VALUES ", 2, "");
        let pieces: Vec<_> = s.pieces(3).collect();
        assert_eq!(
            pieces,
            vec![(
                0..3,
                "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?), (?, ?)",
                1
            )]
        );
        let s = Shapes::new("DELETE FROM t WHERE a IN (", 1, ") RETURNING a");
        let pieces: Vec<_> = s.pieces(1).collect();
        assert_eq!(
            pieces,
            vec![(0..1, "DELETE FROM t WHERE a IN (?) RETURNING a", 0)]
        );
    }

    proptest::proptest! {
        /// The pieces cover every row once, in order; each statement is a
        /// power of two no larger than `MOST` with as many placeholders as
        /// rows taken and spare, and only the last has spare rows.
        #[test]
        fn pieces_cover_every_row_once(n in 0usize..3000) {
            let s = Shapes::new("", 1, "");
            let mut next = 0;
            let pieces: Vec<_> = s.pieces(n).collect();
            for (i, (range, text, spare)) in pieces.iter().enumerate() {
                proptest::prop_assert_eq!(range.start, next);
                let size = range.len() + spare;
                proptest::prop_assert!(size.is_power_of_two() && size <= MOST);
                proptest::prop_assert!(*spare < range.len());
                proptest::prop_assert!(*spare == 0 || i + 1 == pieces.len());
                proptest::prop_assert_eq!(text.matches('?').count(), size);
                next = range.end;
            }
            proptest::prop_assert_eq!(next, n);
            proptest::prop_assert_eq!(pieces.len(), n.div_ceil(MOST));
        }
    }
}
